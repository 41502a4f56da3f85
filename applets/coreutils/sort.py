"""sort: sort, merge or check lines of text files, as GNU sort 9.1 does.

Why it is fast: lines are bytes objects cut out of 1 MiB chunks with
bytes.split, and all ordering is done by list.sort() in C.  The plain case
(whole line, C/POSIX/C.UTF-8 locale) sorts the bytes objects themselves
with no key function; in a one-process sort (--parallel=1), blocks of 64Ki
lines are pre-sorted as they are read (they lie close together in memory)
and the final sort merges those runs.  Every other ordering becomes a key
computed once per line (decorate-sort, no per-comparison Python code):
fields are cut with bytes.split/find or one compiled regex (one findall per
block of lines for -kN,N and -kN; for -n it also captures the number's
parts, and a block of plain integers is encoded by maps over C methods),
and each comparison type (-n -g -h -M -V -R, -d -i -f) is mapped onto an
order-preserving bytes encoding that memcmp orders as GNU's comparison
would (numbers by sign, length and digits; -g by the exact x87 long double
strtold() yields; -V by gnulib filenvercmp's rounds; -R by MD5, reproducing
GNU's order for a given --random-source).  Each key, and
GNU's last-resort whole-line comparison, is one stable sort pass, least
significant first, so keys of different directions need no inversion.

Parallel: as GNU, a run of at least 128Ki lines is sorted by up to
--parallel processes (default: one, unlike GNU, unless OMP_NUM_THREADS
asks for more, as nproc counts it, at most 8; one per 64Ki lines), with
os.fork: threads would not run Python code at the same time, and the
multiprocessing module is slow to import.  It is a sample sort (see
_Parallel): splitter keys from a sample cut the key space into ranges, each
process splits its share of the input, deals its lines into the ranges
through a shared anonymous mapping, then sorts one range with the same
code as the sequential sort; the parent writes the ranges in order, so no
process merges everything.  Output is byte for byte the sequential one
(ties, -s, -u and the last-resort comparison included), and a child that
fails is made up for by the parent.  --debug sorts in one process.  For
tests, PYBOX_SORT_PARALLEL_MIN=N lowers the 128Ki-line threshold to N.

Memory: input is read into runs whose estimated Python footprint (bytes,
per-line object overhead, and the keys of one pass, estimated from a
sample; and, once a run is big enough to be sorted in parallel, a second
copy of its bytes for the shared mapping) stays under the buffer size: -S,
or by default min(512 MiB, max(available/2, total/8)) of physical memory
and at most a quarter of RLIMIT_AS/RLIMIT_DATA.  A full run is sorted and written to a temporary
file in a -T directory (default $TMPDIR or /tmp), unlinked as soon as it
is created so that nothing is left behind even if sort is killed; runs are
merged with heapq.merge (one composite key, reversed parts inverted) at
most --batch-size (16) at a time, cascading as runs accumulate, so memory
stays flat however large the input.  --compress-program pipes temporary
files through PROG and PROG -d.  -o FILE is opened at the start without
truncation and truncated only when the output begins, after all input is
read; with -m an input that is also the output is copied first.

Locale: in C/POSIX and C.UTF-8 (where glibc collates by code point, which is
byte order for UTF-8) text compares as bytes.  Under another UTF-8 locale
named by LC_ALL/LC_COLLATE/LANG that setlocale() accepts, text keys and the
last-resort comparison use locale.strxfrm on the decoded text (undecodable
bytes kept as surrogates, NUL bytes splitting the text as gnulib's memcoll
does), and -n/-h use the locale's decimal point and thousands separator.
Limits: a non-UTF-8 locale other than C/POSIX is treated as C; month names
are always JAN..DEC; the character classes of -b -d -i -f are ASCII's (as
glibc's are for single bytes in UTF-8 locales).

Differences from GNU: a --compress-program that cannot be started is one
fatal error rather than GNU's message from each child; -S measures
estimated Python memory, so a run holds fewer bytes of input than GNU's
for the same -S; --parallel also counts the parent process (GNU: threads).
"""
import posix

from multicall.errors import Fail, Usage, quote, quotef, write_stderr
from multicall.numbers import INVALID_SUFFIX_CHAR, OVERFLOW, xstrtol_fatal, xstrtoumax
from multicall.options import Spec, argmatch, opt
from multicall.scan import ARG, DASHDASH, Scanner

TROUBLE = 2


SPEC = Spec(("[OPTION]... [FILE]...", "[OPTION]... --files0-from=F"),
            "Write sorted concatenation of all FILE(s) to standard output.\n\n"
            "With no FILE, or when FILE is -, read standard input.\n\n"
            "Mandatory arguments to long options are mandatory for short options too.\n"
            "Ordering options:",
            opt("-b, --ignore-leading-blanks", "ignore leading blanks"),
            opt("-d, --dictionary-order", "consider only blanks and alphanumeric characters"),
            opt("-f, --ignore-case", "fold lower case to upper case characters"),
            opt("-g, --general-numeric-sort", "compare according to general numerical value"),
            opt("-i, --ignore-nonprinting", "consider only printable characters"),
            opt("-M, --month-sort", "compare (unknown) < 'JAN' < ... < 'DEC'"),
            opt("-h, --human-numeric-sort", "compare human readable numbers (e.g., 2K 1G)"),
            opt("-n, --numeric-sort", "compare according to string numerical value"),
            opt("-R, --random-sort", "shuffle, but group identical keys.  See shuf(1)"),
            opt("--random-source=FILE", "get random bytes from FILE"),
            opt("-r, --reverse", "reverse the result of comparisons"),
            opt("--sort=WORD", "sort according to WORD:\n  general-numeric -g, human-numeric -h, month -M,\n"
                "  numeric -n, random -R, version -V"),
            opt("-V, --version-sort", "natural sort of (version) numbers within text"),
            opt("--batch-size=NMERGE", "merge at most NMERGE inputs at once;\nfor more use temp files"),
            opt("-c", "check for sorted input; do not sort (--check, --check=diagnose-first)"),
            opt("-C", "like -c, but do not report first bad line (--check=quiet, --check=silent)"),
            opt("--check[=WHEN]", "WHEN is diagnose-first (-c), quiet or silent (-C)"),
            opt("--compress-program=PROG", "compress temporaries with PROG;\ndecompress them with PROG -d"),
            opt("--debug", "annotate the part of the line used to sort,\n"
                "and warn about questionable usage to stderr"),
            opt("--files0-from=F", "read input from the files specified by\nNUL-terminated names in file F;\n"
                "If F is - then read names from standard input"),
            opt("-k, --key=KEYDEF", "sort via a key; KEYDEF gives location and type"),
            opt("-m, --merge", "merge already sorted files; do not sort"),
            opt("-o, --output=FILE", "write result to FILE instead of standard output"),
            opt("-s, --stable", "stabilize sort by disabling last-resort comparison"),
            opt("-S, --buffer-size=SIZE", "use SIZE for main memory buffer"),
            opt("-t, --field-separator=SEP", "use SEP instead of non-blank to blank transition"),
            opt("-T, --temporary-directory=DIR", "use DIR for temporaries, not $TMPDIR or /tmp;\n"
                "multiple options specify multiple directories"),
            opt("--parallel=N", "change the number of sorts run concurrently to N"),
            opt("-u, --unique", "with -c, check for strict ordering;\n"
                "without -c, output only the first of an equal run"),
            opt("-z, --zero-terminated", "line delimiter is NUL, not newline"),
            opt("-y ARG", None),
            epilog="KEYDEF is F[.C][OPTS][,F[.C][OPTS]] for start and stop position, where F is a\n"
            "field number and C a character position in the field; both are origin 1, and\n"
            "the stop position defaults to the line's end.  If neither -t nor -b is in\n"
            "effect, characters in a field are counted from the beginning of the preceding\n"
            "whitespace.  OPTS is one or more single-letter ordering options [bdfgiMhnRrV],\n"
            "which override global ordering options for that key.  If no key is given, use\n"
            "the entire line as the key.  Use --debug to diagnose incorrect key usage.\n\n"
            "SIZE may be followed by the following multiplicative suffixes:\n"
            "% 1% of memory, b 1, K 1024 (default), and so on for M, G, T, P, E, Z, Y.\n\n"
            "*** WARNING ***\n"
            "The locale specified by the environment affects sort order.\n"
            "Set LC_ALL=C to get the traditional sort order that uses\n"
            "native byte values.",
            status=2)

# getopt_long's table order, for the "possibilities:" of ambiguous options.
_LONG_ORDER = ("ignore-leading-blanks", "check", "compress-program", "debug", "dictionary-order",
               "ignore-case", "files0-from", "general-numeric-sort", "ignore-nonprinting", "key",
               "merge", "month-sort", "numeric-sort", "human-numeric-sort", "version-sort",
               "random-sort", "random-source", "sort", "output", "reverse", "stable", "batch-size",
               "buffer-size", "field-separator", "temporary-directory", "unique", "zero-terminated",
               "parallel", "help", "version")

_SORT_WORDS = [("general-numeric", "g"), ("human-numeric", "h"), ("month", "M"),
               ("numeric", "n"), ("random", "R"), ("version", "V")]
_CHECK_WORDS = [("quiet", "C"), ("silent", "C"), ("diagnose-first", "c")]

SIZE_MAX = (1 << 64) - 1
NMERGE_DEFAULT = 16
MIN_SORT_SIZE_PER_MERGE = 34  # GNU: 2 + sizeof (struct line)
DEFAULT_CAP = 512 << 20
LINE_OVERHEAD = 48  # bytes object header + list slot, per line
KEYED_OVERHEAD = 48  # the key object's header and its list slot, per line
UNIQUE_OVERHEAD = 64  # -u's dictionary of first lines, per line
DEFAULT_MAX_THREADS = 8  # GNU's cap on the default --parallel
PARALLEL_MIN = 128 * 1024  # lines before a run is sorted in parallel
MAX_WORKERS = 64  # processes, whatever --parallel says
BLANKS = b" \t\n"  # GNU sort's field separators: isblank() and newline
# GNU's stdout buffer: a failed write of more than this is "write failed",
# of less it surfaces at the final fflush.
STDIO_BUFSIZ = 4096


def _fail(msg):
    return Fail(msg, TROUBLE)


# -- keys ---------------------------------------------------------------------

class Key:
    """One -k KEYDEF (or the global options used as a whole-line key).

    sword/eword are zero-origin fields, None meaning the line's start/end
    (GNU's SIZE_MAX); schar/echar are character offsets."""

    __slots__ = ("sword", "schar", "eword", "echar", "skipsblanks", "skipeblanks", "ignore",
                 "translate", "numeric", "general", "human", "month", "reverse", "version",
                 "random", "traditional")

    def __init__(self):
        self.sword = self.eword = None
        self.schar = self.echar = 0
        self.skipsblanks = self.skipeblanks = self.translate = False
        self.numeric = self.general = self.human = self.month = False
        self.reverse = self.version = self.random = self.traditional = False
        self.ignore = None  # None, "d" (non-dictionary) or "i" (non-printing)

    def default_compare(self):
        """True when no ordering option applies (GNU's default_key_compare)."""
        return not (self.ignore or self.translate or self.skipsblanks or self.skipeblanks
                    or self.numeric or self.general or self.human or self.month
                    or self.version or self.random)

    def is_numeric(self):
        return self.numeric or self.general or self.human

    def opts(self):
        """The key's options as GNU's key_to_opts() spells them."""
        s = "b" if self.skipsblanks or self.skipeblanks else ""
        for c, attr in _ORDERING_LETTERS:
            if (getattr(self, attr) if attr else self.ignore == c):
                s += c
        return s


# The ordering letters after 'b', in key_to_opts() order, with the Key
# attribute each sets (d and i set `ignore` to themselves).
_ORDERING_LETTERS = (("d", None), ("f", "translate"), ("g", "general"), ("h", "human"),
                     ("i", None), ("M", "month"), ("n", "numeric"), ("R", "random"),
                     ("r", "reverse"), ("V", "version"))
_ORDERING_FLAGS = {c: attr for c, attr in _ORDERING_LETTERS if attr}


def _set_ordering(s, key, where):
    """Apply the ordering letters at the start of s to key; return the rest.
    `where` is "start", "end" or "both" (which blanks 'b' skips)."""
    i = 0
    while i < len(s):
        c = s[i]
        if c == "b":
            if where != "end":
                key.skipsblanks = True
            if where != "start":
                key.skipeblanks = True
        elif c == "d":
            key.ignore = "d"
        elif c == "i":
            if not key.ignore:
                key.ignore = "i"
        elif c in _ORDERING_FLAGS:
            setattr(key, _ORDERING_FLAGS[c], True)
        else:
            break
        i += 1
    return s[i:]


def _field_count(s, what):
    """GNU's parse_field_count: (number, rest) for the leading unsigned
    integer of s (values past SIZE_MAX become SIZE_MAX); an invalid start
    is fatal when `what` names the error, else the result is None."""
    i = 0
    n = len(s)
    while i < n and s[i] in " \t\n\v\f\r":
        i += 1
    if i < n and s[i] == "+":
        i += 1
    j = i
    while j < n and "0" <= s[j] <= "9":
        j += 1
    if j == i:
        if what:
            raise _fail("%s: invalid count at start of %s" % (what, quote(s)))
        return None
    return min(int(s[i:j]), SIZE_MAX), s[j:]


def _badfield(spec, why):
    return _fail("%s: invalid field specification %s" % (why, quote(spec)))


def parse_key(spec):
    """A -k KEYDEF, exactly as GNU parses it (messages included)."""
    key = Key()
    n, s = _field_count(spec, "invalid number at field start")
    if n == 0:
        raise _badfield(spec, "field number is zero")
    sword = n - 1
    schar = 0
    if s[:1] == ".":
        n, s = _field_count(s[1:], "invalid number after '.'")
        if n == 0:
            raise _badfield(spec, "character offset is zero")
        schar = n - 1
    key.sword = sword if (sword or schar) else None
    key.schar = schar
    s = _set_ordering(s, key, "start")
    if s[:1] == ",":
        n, s = _field_count(s[1:], "invalid number after ','")
        if n == 0:
            raise _badfield(spec, "field number is zero")
        key.eword = n - 1
        if s[:1] == ".":
            key.echar, s = _field_count(s[1:], "invalid number after '.'")
        s = _set_ordering(s, key, "end")
    if s:
        raise _badfield(spec, "stray character in field spec")
    return key


def _obsolete_key(pos1, pos2):
    """The traditional +POS1 [-POS2] key, or None when pos1 is not one (then
    it is a file name, as in GNU)."""
    key = Key()
    r = _field_count(pos1[1:], None)
    if r is None:
        return None
    sword, s = r
    schar = 0
    if s[:1] == ".":
        r = _field_count(s[1:], None)
        if r is None:
            return None
        schar, s = r
    key.sword = sword if (sword or schar) else None
    key.schar = schar
    if _set_ordering(s, key, "start"):
        return None
    if pos2 is not None:
        eword, s = _field_count(pos2[1:], "invalid number after '-'")
        echar = 0
        if s[:1] == ".":
            echar, s = _field_count(s[1:], "invalid number after '.'")
        if not echar and eword:
            eword -= 1
        key.eword, key.echar = eword, echar
        if _set_ordering(s, key, "end"):
            raise _badfield(pos2, "stray character in field spec")
    key.traditional = True
    return key


# -- option values ---------------------------------------------------------------

def _physmem(avail=False):
    try:
        pages = posix.sysconf("SC_AVPHYS_PAGES" if avail else "SC_PHYS_PAGES")
        return pages * posix.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 1 << 30


def _sort_size(value, shown):
    """-S SIZE in bytes: KiB by default, b for bytes, % of physical memory."""
    n, err, end = xstrtoumax(value, 10, "EgGkKmMPtTYZ")
    after_digit = end > 0 and "0" <= value[end - 1] <= "9"
    if not err and after_digit:
        if n <= SIZE_MAX // 1024:
            n *= 1024
        else:
            err = OVERFLOW
    if err == INVALID_SUFFIX_CHAR and after_digit and len(value) - end == 1:
        if value[end] == "b":
            err = 0
        elif value[end] == "%":
            mem = _physmem() * n / 100
            if mem < SIZE_MAX:
                n = int(mem)
                err = 0
            else:
                err = OVERFLOW
    if err:
        xstrtol_fatal(err, shown, value, TROUBLE)
    return n


def _nofile_limit():
    try:
        import resource
        return resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    except (ImportError, OSError, ValueError):
        return 20


def _nmerge(value):
    n, err, _ = xstrtoumax(value, 10, "")
    maximum = _nofile_limit() - 3
    if not err:
        if n < 2:
            raise _fail("invalid --batch-size argument %s\nsort: minimum --batch-size argument is %s"
                        % (quote(value), quote("2")))
        if n > maximum or n > 0xFFFFFFFF:
            err = OVERFLOW
        else:
            return n
    if err == OVERFLOW:
        raise _fail("--batch-size argument %s too large\n"
                    "sort: maximum --batch-size argument with current rlimit is %d" % (quote(value), maximum))
    xstrtol_fatal(err, "--batch-size", value, TROUBLE)


def _nthreads(value, shown):
    n, err, _ = xstrtoumax(value, 10, "")
    if err == OVERFLOW:
        return SIZE_MAX
    if err:
        xstrtol_fatal(err, shown, value, TROUBLE)
    if n == 0:
        raise _fail("number in parallel must be nonzero")
    return n


def _omp_threads(value):
    """gnulib's reading of OMP_NUM_THREADS / OMP_THREAD_LIMIT: a decimal
    number between optional blanks, or the first of a comma-separated list;
    0 when unset or malformed."""
    if not value:
        return 0
    s = value.decode("latin-1").lstrip(" \t\n\v\f\r")
    digits = len(s) - len(s.lstrip("0123456789"))
    if not digits:
        return 0
    rest = s[digits:].lstrip(" \t\n\v\f\r")
    if rest and rest[0] != ",":
        return 0
    return int(s[:digits])


def _nproc():
    """The processors this process may use (gnulib's num_processors with
    NPROC_CURRENT_OVERRIDABLE, as GNU sort asks): OMP_NUM_THREADS when set,
    else the CPU affinity mask; at most OMP_THREAD_LIMIT."""
    env = posix.environ
    limit = _omp_threads(env.get(b"OMP_THREAD_LIMIT")) or SIZE_MAX
    n = _omp_threads(env.get(b"OMP_NUM_THREADS"))
    if not n:
        try:
            n = len(posix.sched_getaffinity(0))
        except (AttributeError, OSError):
            n = posix.cpu_count() or 1
    return max(1, min(n, limit))


def _parallel_min():
    """Lines a run needs before it is sorted by several processes (GNU
    starts a thread from 128Ki lines); PYBOX_SORT_PARALLEL_MIN overrides
    it (the tests use a small value)."""
    v = posix.environ.get(b"PYBOX_SORT_PARALLEL_MIN")
    if v:
        try:
            n = int(v)
            if n >= 1:
                return n
        except ValueError:
            pass
    return PARALLEL_MIN


def _traditional():
    """GNU's traditional_usage: +POS keys are allowed unless _POSIX2_VERSION
    selects POSIX 1003.1-2001."""
    v = posix.environ.get(b"_POSIX2_VERSION")
    ver = 200809
    if v:
        try:
            ver = int(v.decode("ascii", "replace"), 10)
        except ValueError:
            pass
    return not (200112 <= ver < 200809)


class Settings:
    """Everything the command line says."""

    def __init__(self, prog):
        self.prog = prog
        self.gkey = Key()
        self.keys = []
        self.check = None  # None, "c" or "C"
        self.merge = False
        self.unique = False
        self.stable = False
        self.output = None
        self.tab = None  # None: blank-to-nonblank transitions
        self.eol = b"\n"
        self.sort_size = 0
        self.nmerge = NMERGE_DEFAULT
        self.tempdirs = []
        self.compress = None
        self.random_source = None
        self.nthreads = 0  # --parallel; 0: the number of online processors, at most 8
        self.files_from = None
        self.debug = False
        self.files = []
        self.gkey_only = False
        self.gkey_saved = None


def parse_args(argv):
    st = Settings(argv[0])
    sc = Scanner(SPEC, argv, order=_LONG_ORDER, status=TROUBLE)
    posix_mode = b"POSIXLY_CORRECT" in posix.environ
    traditional = _traditional()
    files = st.files
    while True:
        if posix_mode and files and not sc.done:
            nxt = sc.peek()
            if nxt is None:
                break
            if not (traditional and not st.check and nxt[:2] == "-o"
                    and (len(nxt) > 2 or sc.i + 1 < len(sc.args))):
                files.append(sc.take())
                continue
        ev = sc.next()
        if ev is None:
            break
        if ev.kind == DASHDASH:
            continue
        if ev.kind == ARG:
            key = None
            if not sc.done and ev.value[:1] == "+":
                nxt = sc.peek()
                minus_pos = nxt is not None and nxt[:1] == "-" and "0" <= nxt[1:2] <= "9"
                if traditional or (minus_pos and not posix_mode):
                    key = _obsolete_key(ev.value, None)
                    if key is not None and minus_pos:
                        key = _obsolete_key(ev.value, sc.take())
                    if key is not None:
                        st.keys.append(key)
            if key is None:
                files.append(ev.value)
            continue
        _apply(st, sc, ev)
    return st


# Options given once (again only with the same argument): the Settings
# attribute and what the error calls them.
_ONCE = {"compress-program": ("compress", "compress programs"), "output": ("output", "output files"),
         "random-source": ("random_source", "random sources")}


def _apply(st, sc, ev):
    o = ev.opt
    name = o.longs[0] if o.longs else o.shorts[0]
    v = ev.value
    if name in ("ignore-leading-blanks", "dictionary-order", "ignore-case", "general-numeric-sort",
                "ignore-nonprinting", "month-sort", "human-numeric-sort", "numeric-sort",
                "random-sort", "reverse", "version-sort", "sort"):
        letter = argmatch(v, "--sort", _SORT_WORDS) if name == "sort" else o.shorts[0]
        _set_ordering(letter, st.gkey, "both")
    elif name in ("c", "C", "check"):
        c = name if name != "check" else (argmatch(v, "--check", _CHECK_WORDS) if v is not None else "c")
        if st.check and st.check != c:
            raise _fail("options '-cC' are incompatible")
        st.check = c
    elif name in _ONCE:
        attr, what = _ONCE[name]
        if getattr(st, attr) is not None and getattr(st, attr) != v:
            raise _fail("multiple %s specified" % what)
        setattr(st, attr, v)
    elif name in ("debug", "merge", "stable", "unique"):
        setattr(st, name, True)
    elif name == "files0-from":
        st.files_from = v
    elif name == "key":
        st.keys.append(parse_key(v))
    elif name == "batch-size":
        st.nmerge = _nmerge(v)
    elif name == "buffer-size":
        n = _sort_size(v, ev.shown)
        if n >= st.sort_size:
            st.sort_size = max(n, st.nmerge * MIN_SORT_SIZE_PER_MERGE)
    elif name == "field-separator":
        t = v.encode("utf-8", "surrogateescape")
        if not t:
            raise _fail("empty tab")
        if len(t) > 1:
            if t == b"\\0":
                t = b"\0"
            else:
                raise _fail("multi-character tab %s" % quote(v))
        if st.tab is not None and st.tab != t:
            raise _fail("incompatible tabs")
        st.tab = t
    elif name == "temporary-directory":
        st.tempdirs.append(v)
    elif name == "parallel":
        st.nthreads = _nthreads(v, ev.shown)
    elif name == "y":
        # Solaris compatibility: `-y NUM` and `-yNUM` are ignored; a
        # separate argument that is not all digits is not consumed.
        if not ev.attached and not all("0" <= ch <= "9" for ch in v):
            sc.unread()
    elif name == "zero-terminated":
        st.eol = b"\0"
    elif name in ("help", "version"):
        SPEC.parse([st.prog, "--" + name])


# -- ordering: every comparison type as an order-preserving bytes key ----------------

_COMPL = bytes(range(255, -1, -1))  # byte complement: reverses byte order
_MONTHS = {b"JAN": 1, b"FEB": 2, b"MAR": 3, b"APR": 4, b"MAY": 5, b"JUN": 6,
           b"JUL": 7, b"AUG": 8, b"SEP": 9, b"OCT": 10, b"NOV": 11, b"DEC": 12}
_UNITS = {b"K": 1, b"k": 1, b"M": 2, b"G": 3, b"T": 4, b"P": 5, b"E": 6, b"Z": 7, b"Y": 8}
_ZERO = b"\x01"


def invert(key):
    """A key that orders opposite to `key` (bytes: complemented, with an
    escape so that a prefix still sorts after its extensions)."""
    if isinstance(key, bytes):
        return key.translate(_COMPL).replace(b"\xff", b"\xff\x00") + b"\xff\xff"
    return _Rev(key)


class _Rev:
    """Reverses the order of a non-bytes key (only the strxfrm locale path)."""

    __slots__ = ("k",)

    def __init__(self, k):
        self.k = k

    def __lt__(self, other):
        return other.k < self.k

    def __gt__(self, other):
        return other.k > self.k

    def __eq__(self, other):
        return self.k == other.k

    def __le__(self, other):
        return other.k <= self.k

    def __ge__(self, other):
        return other.k >= self.k

    __hash__ = None


def _number_encoder(decimal=b".", thousands=None):
    """-n: GNU strnumcmp as a key.  Leading blanks, an optional '-', digits
    (with the locale's thousands separators), a fraction; no '+', no
    exponent; anything else counts as zero.  Encoding: 0x01 for zero,
    0x02 + length + digits + fraction for positives, and the complement of
    that (with a terminator) after 0x00 for negatives."""
    import re
    digits = b"0-9" + (re.escape(thousands) if thousands else b"")
    match = re.compile(rb"[\t\n ]*(-?)([%s]*)(?:%s([0-9]*))?" % (digits, re.escape(decimal))).match
    compl = _COMPL

    lens = [n.to_bytes(4, "big") for n in range(64)]
    compl_lens = [b.translate(compl) for b in lens]

    starts = frozenset(b"0123456789-" + decimal + (thousands or b""))

    def number(s):
        t = s.lstrip(b"\t\n ")
        if not t or t[0] not in starts:  # no number at all: zero
            return _ZERO
        if t.isdigit():  # the common case: a plain integer
            ip = t.lstrip(b"0")
            if not ip:
                return _ZERO
            n = len(ip)
            return b"\x02" + (lens[n] if n < 64 else n.to_bytes(4, "big")) + ip
        if t[:1] == b"-" and t[1:].isdigit():
            ip = t[1:].lstrip(b"0")
            if not ip:
                return _ZERO
            n = len(ip)
            return (b"\x00" + (compl_lens[n] if n < 64 else n.to_bytes(4, "big").translate(compl))
                    + ip.translate(compl) + b"\xff")
        neg, ip, fp = match(s).groups()
        if thousands:
            ip = ip.replace(thousands, b"")
        ip = ip.lstrip(b"0")
        if fp:
            fp = fp.rstrip(b"0")
            if not ip and not fp:
                return _ZERO
            body = len(ip).to_bytes(4, "big") + ip + fp
        elif ip:
            body = len(ip).to_bytes(4, "big") + ip
        else:
            return _ZERO
        if neg:
            return b"\x00" + body.translate(compl) + b"\xff"
        return b"\x02" + body
    return number


def _numbers_from_parts(groups):
    """-n keys (the bytes _number_encoder makes) for a list of (sign,
    integer digits, fraction digits) matches, as _bulk_pattern's numeric
    findall yields them.  A block of non-negative integers below 10**63 is
    encoded by maps over C methods; anything else one number at a time."""
    from itertools import repeat
    from operator import concat, itemgetter
    if not groups:
        return []
    compl = _COMPL
    if not any(map(itemgetter(0), groups)) and not any(map(itemgetter(2), groups)):
        ips = list(map(bytes.lstrip, map(itemgetter(1), groups), repeat(b"0")))
        lens = list(map(len, ips))
        if max(lens) < 64:
            # heads[0] is the zero key: b"\x01" + b"".
            heads = [_ZERO] + [b"\x02" + n.to_bytes(4, "big") for n in range(1, 64)]
            return list(map(concat, map(heads.__getitem__, lens), ips))
    keys = []
    for neg, ip, fp in groups:
        ip = ip.lstrip(b"0")
        fp = fp.rstrip(b"0")
        if not ip and not fp:
            keys.append(_ZERO)
            continue
        body = len(ip).to_bytes(4, "big") + ip + fp
        keys.append(b"\x00" + body.translate(compl) + b"\xff" if neg else b"\x02" + body)
    return keys


def _human_encoder(decimal=b".", thousands=None):
    """-h: the unit's order (none < K < M < ... < Y, negated for negative
    numbers, only when a nonzero digit precedes it), then -n's key."""
    import re
    digits = b"0-9" + (re.escape(thousands) if thousands else b"")
    match = re.compile(rb"[\t\n ]*(-?)([%s]*)(?:%s([0-9]*))?(.?)" % (digits, re.escape(decimal)), re.S).match
    number = _number_encoder(decimal, thousands)
    units = _UNITS

    def human(s):
        m = match(s)
        neg, ip, fp, unit = m.groups()
        order = units.get(unit, 0)
        if order and (not (ip.strip(b"0" + (thousands or b"")) or (fp or b"").strip(b"0"))
                      or (thousands and fp is None and ip.endswith(thousands))):
            order = 0
        if neg:
            order = -order
        return bytes((order + 16,)) + number(s)
    return human


def _month_key(s):
    return bytes((_MONTHS.get(s.lstrip(BLANKS)[:3].upper(), 0),))


# -g: strtold() and the x87 80-bit long double it produces.
_LD_MANT = 64
_LD_EMIN = -16382  # smallest normal exponent
_LD_EMAX = 16383
_LD_DENORM = _LD_EMIN - _LD_MANT + 1  # exponent of the smallest denormal, 2**-16445


def _divround(num, den):
    """round(num / den) to nearest, ties to even."""
    q, r = divmod(num, den)
    r2 = 2 * r
    if r2 > den or (r2 == den and q & 1):
        q += 1
    return q


def _long_double(num, den):
    """The positive rational num/den rounded (to nearest, ties to even) to
    an x87 long double, as the order-preserving pair (exponent, mantissa)
    with the mantissa normalized to 64 bits; None when it overflows to
    infinity, (0, 0) when it underflows to zero."""
    e = num.bit_length() - den.bit_length() - _LD_MANT
    if (num >> e if e >= 0 else num << -e) // den >= 1 << _LD_MANT:
        e += 1
    elif (num >> e if e >= 0 else num << -e) // den < 1 << (_LD_MANT - 1):
        e -= 1
    q = _divround(num, den << e) if e >= 0 else _divround(num << -e, den)
    if q == 1 << _LD_MANT:
        q >>= 1
        e += 1
    if e + _LD_MANT - 1 > _LD_EMAX:
        return None
    if e + _LD_MANT - 1 < _LD_EMIN:
        e = _LD_DENORM
        q = _divround(num << -e, den)
        if q == 0:
            return (0, 0)
        shift = _LD_MANT - q.bit_length()
        q <<= shift
        e -= shift
    return (e, q)


def _nan_payload(seq):
    """glibc's strtold("nan(SEQ)") payload: strtoull(SEQ, 0) if it is all
    consumed, else 0."""
    try:
        if seq[:2] in (b"0x", b"0X"):
            return int(seq[2:], 16)
        if seq[:1] == b"0" and len(seq) > 1:
            return int(seq[1:], 8)
        return int(seq, 10) if seq else 0
    except ValueError:
        return 0


# What strtold() accepts: blanks, a sign, then a hexadecimal or decimal
# number (digits before or after the point), infinity or a NaN.
_STRTOLD = (rb"[ \t\n\v\f\r]*([+-]?)(?:"
            rb"0[xX](?:([0-9a-fA-F]+)(?:%s([0-9a-fA-F]*))?|%s([0-9a-fA-F]+))(?:[pP]([+-]?[0-9]+))?"
            rb"|(?:([0-9]+)(?:%s([0-9]*))?|%s([0-9]+))(?:[eE]([+-]?[0-9]+))?"
            rb"|([iI][nN][fF](?:[iI][nN][iI][tT][yY])?)"
            rb"|([nN][aA][nN])(?:\(([0-9A-Za-z_]*)\))?)")


def _general_encoder(decimal=b"."):
    """-g: strtold's accepted prefix and value, in GNU's order: conversion
    errors, NaNs (by their bytes in memory), -inf, negatives, zero,
    positives, +inf.  Values are rounded exactly as to a long double."""
    import re
    d = re.escape(decimal)
    match = re.compile(_STRTOLD % (d, d, d, d)).match

    def general(s):
        m = match(s)
        if m is None:
            return b"\x00"
        sign, hi, hf, hf2, hexp, di, df, df2, dexp, inf, nan, payload = m.groups()
        if hf2 is not None:
            hi, hf = b"", hf2
        if df2 is not None:
            di, df = b"", df2
        neg = sign == b"-"
        if nan is not None:
            mant = 0xC000000000000000 | (_nan_payload(payload or b"") & 0x3FFFFFFFFFFFFFFF)
            se = 0x7FFF | (0x8000 if neg else 0)
            return b"\x01" + ((se << 64) | mant).to_bytes(10, "little")
        if inf is not None:
            return b"\x02" if neg else b"\x06"
        if hi is not None:
            hf = hf or b""
            digits = (hi + hf).lstrip(b"0")
            if not digits:
                return b"\x04"
            exp2 = int(hexp or b"0") - 4 * len(hf)
            if len(digits) > 40:
                exp2 += 4 * (len(digits) - 41)
                digits = digits[:40] + (b"1" if digits[40:].strip(b"0") else b"0")
            size = 4 * len(digits) + exp2  # 2**(size-4) <= value < 2**size
            if size > _LD_EMAX + 6:
                v = None
            elif size < _LD_DENORM - 2:
                v = (0, 0)
            else:
                mant = int(digits, 16)
                v = _long_double(mant << exp2, 1) if exp2 >= 0 else _long_double(mant, 1 << -exp2)
        else:
            df = df or b""
            digits = (di + df).lstrip(b"0")
            if not digits:
                return b"\x04"
            exp10 = int(dexp or b"0") - len(df)
            if len(digits) > 60:
                exp10 += len(digits) - 61
                digits = digits[:60] + (b"1" if digits[60:].strip(b"0") else b"0")
            size = len(digits) + exp10  # 10**(size-1) <= value < 10**size
            if size > 4934:
                v = None
            elif size < -4952:
                v = (0, 0)
            else:
                mant = int(digits)
                v = _long_double(mant * 10 ** exp10, 1) if exp10 >= 0 else _long_double(mant, 10 ** -exp10)
        if v is None:
            return b"\x02" if neg else b"\x06"
        if v == (0, 0):
            return b"\x04"
        body = (v[0] + 32768).to_bytes(2, "big") + v[1].to_bytes(8, "big")
        if neg:
            return b"\x03" + body.translate(_COMPL)
        return b"\x05" + body
    return general


def _version_table():
    """filevercmp's order() as single bytes: '~' 0x01, the end-of-run mark
    0x02, letters in ASCII order, then every other byte in byte order."""
    table = bytearray(256)
    code = 3
    for c in range(256):
        if 65 <= c <= 90 or 97 <= c <= 122:
            table[c] = code
            code += 1
    for c in range(256):
        if not (65 <= c <= 90 or 97 <= c <= 122 or 48 <= c <= 57 or c == 126):
            table[c] = code
            code += 1
    table[126] = 1
    return bytes(table)


def _version_encoder():
    """-V: gnulib filenvercmp (coreutils 9.1) as a key.  The string is
    split into (non-digits, digits) rounds; non-digits compare by order(),
    digit runs by value; a file suffix (.ext...) is compared only when
    the rest ties (in 9.1 the suffix may be the whole name: ".a" has an
    empty rest); "", ".", ".." and dot files come first."""
    import re
    rounds = re.compile(rb"([^0-9]*)([0-9]*)").findall
    suffix = re.compile(rb"(?:\.[A-Za-z~][A-Za-z0-9~]*)+\Z").search
    table = _version_table()
    end = b"\x02\x00\x00\x00\x00"

    def seq(s):
        out = []
        for n, d in rounds(s):
            if n or d:
                d = d.lstrip(b"0")
                out.append(n.translate(table) + b"\x02" + len(d).to_bytes(4, "big") + d)
        out.append(end)
        return b"".join(out)

    def version(s):
        if not s:
            return b"\x00"
        if s[:1] == b".":
            if len(s) == 1:
                return b"\x01"
            if s == b"..":
                return b"\x02"
            cls = b"\x03"
        else:
            cls = b"\x04"
        m = suffix(s)
        full = seq(s)
        return cls + (seq(s[:m.start()]) if m else full) + full
    return version


def _random_encoder(salt, nul, xfrm=None):
    """-R: MD5 of the random salt and the key.  In a locale other than
    C/POSIX GNU hashes strxfrm() of each NUL-terminated piece of the key,
    with its NUL; in C.UTF-8 strxfrm() is the identity, so that is the key
    plus a NUL unless it already ends with one."""
    import hashlib
    base = hashlib.md5(salt)

    def rand(s):
        h = base.copy()
        if xfrm is not None and s:
            for piece in (s[:-1] if s[-1:] == b"\0" else s).split(b"\0"):
                h.update(xfrm(piece) + b"\0")
        else:
            h.update(s + b"\0" if nul and s and s[-1:] != b"\0" else s)
        return h.digest()
    return rand


def _libc_strxfrm():
    """The C library's strxfrm() on bytes (under the LC_COLLATE that
    locale.setlocale() set), so that -R hashes what GNU hashes.  Without
    ctypes (the frozen build leaves it out), locale.strxfrm's result: keys
    that collate alike still hash alike, but the order differs from GNU's."""
    try:
        import ctypes
        libc = ctypes.CDLL(None)
        fn = libc.strxfrm
    except (ImportError, OSError, AttributeError):
        import locale
        strxfrm = locale.strxfrm
        return lambda piece: strxfrm(piece.decode("utf-8", "surrogateescape")).encode("utf-8", "surrogatepass")
    fn.restype = ctypes.c_size_t
    fn.argtypes = (ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t)

    def xfrm(piece):
        n = fn(None, piece, 0)
        buf = ctypes.create_string_buffer(n + 1)
        fn(buf, piece, n + 1)
        return buf.raw[:n]
    return xfrm


# -- locale --------------------------------------------------------------------------

def _locale_name(category):
    env = posix.environ
    for var in (b"LC_ALL", category, b"LANG"):
        v = env.get(var)
        if v:
            return v.decode("utf-8", "surrogateescape")
    return "C"


def _is_c(name):
    """C.UTF-8 and its spellings: glibc collates it by code point."""
    return name.split(".")[0].split("@")[0] == "C"


_LC_VARS = (b"LC_COLLATE", b"LC_CTYPE", b"LC_NUMERIC", b"LC_TIME", b"LC_MONETARY", b"LC_MESSAGES",
            b"LC_PAPER", b"LC_NAME", b"LC_ADDRESS", b"LC_TELEPHONE", b"LC_MEASUREMENT",
            b"LC_IDENTIFICATION")


def _locale_ok():
    """Whether setlocale(LC_ALL, "") would succeed (when it fails, GNU
    sort runs entirely in the C locale).  Names of the C family need no
    check, so the usual case imports nothing."""
    names = {_locale_name(var) for var in _LC_VARS}
    if all(n in ("C", "POSIX") or _is_c(n) for n in names):
        return True
    import locale
    try:
        old = locale.setlocale(locale.LC_ALL)
    except locale.Error:
        return False
    try:
        locale.setlocale(locale.LC_ALL, "")
        return True
    except locale.Error:
        return False
    finally:
        try:
            locale.setlocale(locale.LC_ALL, old)
        except locale.Error:
            pass


class Locale:
    """What the locale changes: byte collation or strxfrm, whether GNU's
    hard_LC_COLLATE is set (C.UTF-8 is "hard" but collates by bytes), the
    decimal point and thousands separator.  Changing LC_COLLATE or
    LC_NUMERIC for strxfrm/localeconv is undone by restore()."""

    def __init__(self):
        self.hard = False
        self.strxfrm = None
        self.decimal = b"."
        self.thousands = None
        self._saved = []
        self.ok = _locale_ok()
        self.collate_name = "C"
        self.utf8 = False
        if not self.ok:
            return
        ctype = _locale_name(b"LC_CTYPE")
        self.utf8 = ctype.lower().replace("-", "").endswith(".utf8")
        coll = self.collate_name = _locale_name(b"LC_COLLATE")
        if coll not in ("C", "POSIX"):
            if _is_c(coll):
                self.hard = True
            elif self._set("LC_COLLATE", coll):
                self.hard = True
                import locale
                self.strxfrm = locale.strxfrm
        num = _locale_name(b"LC_NUMERIC")
        if num not in ("C", "POSIX") and not _is_c(num) and self._set("LC_NUMERIC", num):
            import locale
            conv = locale.localeconv()
            dp = conv.get("decimal_point", ".").encode("utf-8", "surrogateescape")
            ts = conv.get("thousands_sep", "").encode("utf-8", "surrogateescape")
            self.decimal = dp if len(dp) == 1 else b"."
            self.thousands = ts if len(ts) == 1 else None

    def _set(self, category, name):
        lower = name.lower().replace("-", "")
        if not (lower.endswith(".utf8")):
            return False
        import locale
        cat = getattr(locale, category)
        try:
            old = locale.setlocale(cat)
            locale.setlocale(cat, name)
        except locale.Error:
            return False
        self._saved.append((cat, old))
        return True

    def restore(self):
        if self._saved:
            import locale
            for cat, old in reversed(self._saved):
                try:
                    locale.setlocale(cat, old)
                except locale.Error:
                    pass
            self._saved = []


def _xfrm_encoder(strxfrm):
    """Text collation by strxfrm; NUL bytes separate pieces, as in
    gnulib's memcoll."""
    def xfrm(s):
        return tuple(strxfrm(piece) for piece in s.decode("utf-8", "surrogateescape").split("\0"))
    return xfrm


# -- key functions -----------------------------------------------------------------------

_RE_FIELDS_MAX = 32  # up to this many fields, one regex finds a field


def _skip_fields(n, tab):
    """f(line) -> the offset after GNU's begfield() loop over n fields: with
    -t, just past the n-th separator (or the end); without, past n runs of
    blanks-then-non-blanks (leading blanks belong to the next field)."""
    if tab is not None:
        def skip(line):
            pos = 0
            find = line.find
            for _ in range(n):
                j = find(tab, pos)
                if j < 0:
                    return len(line)
                pos = j + 1
            return pos
        return skip
    import re
    if n <= _RE_FIELDS_MAX:
        match = re.compile(rb"(?:[\t\n ]*[^\t\n ]*){%d}" % n).match
        return lambda line: match(line).end()
    finditer = re.compile(rb"[\t\n ]*[^\t\n ]+").finditer

    def skip_many(line):
        k = 0
        for m in finditer(line):
            k += 1
            if k == n:
                return m.end()
        return len(line)
    return skip_many


def _extractor(key, tab):
    """f(line) -> the bytes of the key's field range (GNU begfield/limfield),
    or None when the key is the whole line."""
    sword, schar, eword, echar = key.sword, key.schar, key.eword, key.echar
    sb, eb = key.skipsblanks, key.skipeblanks
    if eword is None and sword is None:
        if sb:
            return lambda line: line.lstrip(BLANKS)
        return None
    # Whole fields N..N: the common -kN,N.
    if schar == 0 and echar == 0 and eword is not None and eword == (sword or 0) \
            and eword < _RE_FIELDS_MAX:
        n = eword + 1
        if tab is not None:
            if n == 1:
                if sb:
                    return lambda line: line.partition(tab)[0].lstrip(BLANKS)
                return lambda line: line.partition(tab)[0]

            def field(line):
                p = line.split(tab, n)
                return p[n - 1] if len(p) >= n else b""
            if sb:
                return lambda line: field(line).lstrip(BLANKS)
            return field
        import re
        pat = rb"(?:[\t\n ]*[^\t\n ]*){%d}" % (n - 1)
        pat += rb"[\t\n ]*([^\t\n ]*)" if sb else rb"([\t\n ]*[^\t\n ]*)"
        match = re.compile(pat).match
        return lambda line: match(line).group(1)
    import re
    blanks = re.compile(rb"[\t\n ]*").match
    beg = None if sword is None else _skip_fields(sword, tab) if sword else (lambda line: 0)
    if eword is None:
        lim = None
    elif tab is not None:
        nend = eword + (echar == 0)

        def lim(line):
            pos = 0
            size = len(line)
            find = line.find
            for i in range(nend):
                if pos >= size:
                    break
                j = find(tab, pos)
                if j < 0:
                    return size
                pos = j + 1 if (i < nend - 1 or echar) else j
            return _lim_chars(line, pos, size) if echar else pos
    else:
        skip_end = _skip_fields(eword + (echar == 0), None) if eword + (echar == 0) else (lambda line: 0)

        def lim(line):
            pos = skip_end(line)
            return _lim_chars(line, pos, len(line)) if echar else pos

    def _lim_chars(line, pos, size):
        if eb:
            pos = blanks(line, pos).end()
        pos += echar
        return pos if pos < size else size

    def extract(line):
        size = len(line)
        end = lim(line) if lim is not None else size
        if beg is not None:
            start = beg(line)
            if sb:
                start = blanks(line, start).end()
            start += schar
            if start > size:
                start = size
        elif sb:
            start = blanks(line, 0, end).end()
        else:
            start = 0
        return line[start:end] if end > start else b""
    return extract


def _bulk_pattern(key, tab, eol, decimal=None):
    """For a key that is whole field N (-kN,N, N small) or runs from field N
    to the end of the line (-kN): a findall() that yields the key of every
    record of eol-terminated lines, in order, one match per record (None
    when the key has no such form).  With `decimal`, each match is instead
    the (sign, integer digits, fraction digits) of -n's number at the start
    of the key (see _number_encoder; no thousands separator)."""
    sword, eword = key.sword or 0, key.eword
    if key.schar or key.echar or sword >= _RE_FIELDS_MAX or (eword is not None and eword != sword):
        return None
    import re
    # Possessive runs, and the N fields to skip written out N times rather
    # than as a repeated group: the first way to match is the only one (a
    # record's rest always matches), and sre runs these much faster.
    d = re.escape(eol)
    rest = rb"[^%s]*+" % d  # -kN: from field N to the end of the line
    number = None
    if decimal is not None:
        if tab is not None and (tab in b"0123456789-" or tab == decimal):
            return None
        # -n skips blanks: not the record's delimiter, nor the -t separator
        # that ends a -kN,N field (-kN runs to the end of the line).
        skip = bytes(c for c in b"\t\n " if bytes((c,)) != eol and (eword is None or bytes((c,)) != tab))
        number = rb"[%s]*+(-?)([0-9]*+)(?:%s([0-9]*+))?" % (re.escape(skip), re.escape(decimal))
    if tab is None:
        blank = rb"[\t\n ]*+" if eol != b"\n" else rb"[\t ]*+"
        other = rb"[^\t\n %s]*+" % d
        field = rest if eword is None else other
        pat = (blank + other) * sword
        if number is not None:
            pat += number
        else:
            pat += rb"%s(%s)" % (blank, field) if key.skipsblanks else rb"(%s%s)" % (blank, field)
    else:
        if (key.skipsblanks and number is None) or tab == eol:
            return None
        t = re.escape(tab)
        field = rest if eword is None else rb"[^%s%s]*+" % (t, d)
        skip_fields = rb"[^%s%s]*+%s" % (t, d, t) * sword
        if number is not None:
            pat = rb"(?:%s%s)?" % (skip_fields, number)
        else:
            pat = rb"(?:%s(%s))?" % (skip_fields, field)
    # Each match takes a whole record with its delimiter, so findall()
    # moves from record to record without trying other positions.
    return re.compile(pat + rest + d).findall


def _delete_table(kind):
    if kind == "d":
        keep = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 \t\n")
    else:
        keep = set(range(0x20, 0x7F))
    return bytes(c for c in range(256) if c not in keep)


_UPPER = bytes(c - 32 if 97 <= c <= 122 else c for c in range(256))


class Order:
    """The comparison GNU sort would make, as key functions.

    comps: [(f, reverse)] most significant first; f None means the line
    itself.  eq: the key deciding -u's "equal" (None: the line).
    """

    def __init__(self, st, loc, salt=None):
        self.st = st
        self.loc = loc
        self.salt = salt
        self.bulk = {}
        comps = [(self._keyfunc(k), k.reverse) for k in st.keys]
        last = self._encode_text(None) if loc.strxfrm else None
        if not st.keys or not (st.stable or st.unique):
            comps.append((last, st.gkey.reverse))
        # Equal lines are equal under every key: nothing after the line itself counts.
        for i, (f, _) in enumerate(comps):
            if f is None:
                del comps[i + 1:]
                break
        self.comps = comps
        if st.keys:
            fs = [f for f, _ in comps[:len(st.keys)]]
            self.eq = fs[0] if len(fs) == 1 else _tuple_of(fs)
        else:
            self.eq = last
        self.plain = len(comps) == 1 and comps[0][0] is None

    def _encode_text(self, f):
        if self.loc.strxfrm is None:
            return f
        x = _xfrm_encoder(self.loc.strxfrm)
        return x if f is None else (lambda line: x(f(line)))

    def _keyfunc(self, key):
        f = _extractor(key, self.st.tab)
        bulk = _bulk_pattern(key, self.st.tab, self.st.eol) if f is not None else None
        numbers = None
        if key.numeric and not (key.ignore or key.translate) and self.loc.thousands is None:
            numbers = _bulk_pattern(key, self.st.tab, self.st.eol, self.loc.decimal)
        post = None
        if key.ignore or key.translate:
            table = _UPPER if key.translate else None
            delete = _delete_table(key.ignore) if key.ignore else b""
            tr = post = lambda s: s.translate(table, delete)
            f = _compose(f, tr)
        f = self._encoded(key, f)
        if numbers is not None:
            self.bulk[f] = (numbers, None, _numbers_from_parts)
        elif bulk is not None and f is not None:
            enc = self._encoded(key, post)
            self.bulk[f] = (bulk, enc, None)
        return f

    def _encoded(self, key, f):
        """f followed by the key type's encoder (f None: the identity)."""
        loc = self.loc
        if key.numeric:
            enc = _number_encoder(loc.decimal, loc.thousands)
        elif key.general:
            enc = _general_encoder(loc.decimal)
        elif key.human:
            enc = _human_encoder(loc.decimal, loc.thousands)
        elif key.month:
            enc = _month_key
        elif key.random:
            enc = _random_encoder(self.salt, loc.hard, _libc_strxfrm() if loc.strxfrm else None)
        elif key.version:
            enc = _version_encoder()
        else:
            return self._encode_text(f)
        return _compose(f, enc)

    def keys_of(self, f, lines):
        """[f(line) for line in lines], with one regex findall per block of
        lines instead of a Python call per line when f has a bulk form."""
        bulk = self.bulk.get(f)
        if bulk is None:
            return list(map(f, lines))
        findall, enc, many = bulk
        eol = self.st.eol
        keys = []
        for i in range(0, len(lines), 65536):
            block = lines[i:i + 65536]
            block.append(b"")
            ks = findall(eol.join(block))
            block.pop()
            if len(ks) != len(block):  # cannot happen; be safe anyway
                ks = list(map(f, block))
            elif many is not None:
                ks = many(ks)
            elif enc is not None:
                ks = list(map(enc, ks))
            keys += ks
        return keys

    def passes(self):
        """In-memory sorting: [(keyfunc, reverse)] to apply in turn with a
        stable sort, least significant first.  One pass per component is
        faster than one pass with tuple keys: each pass compares flat
        bytes."""
        return list(reversed(self.comps))

    def composite(self):
        """(key, reverse) giving the whole order in one key, for merging
        and checking: components against the majority direction are
        inverted."""
        revs = {rev for _, rev in self.comps}
        if len(revs) == 1:
            rev = revs.pop()
            fs = [f for f, _ in self.comps]
            return (fs[0] if len(fs) == 1 else _tuple_of(fs)), rev
        fs = []
        for f, rev in self.comps:
            if rev:
                fs.append(_inverted(f))
            else:
                fs.append(f if f is not None else _identity)
        return _tuple_of(fs), False


def _identity(x):
    return x


def _inverted(f):
    if f is None:
        return invert
    return lambda line: invert(f(line))


def _compose(f, g):
    if f is None:
        return g
    return lambda line: g(f(line))


def _tuple_of(fs):
    fs = [f if f is not None else _identity for f in fs]
    if len(fs) == 2:
        a, b = fs
        return lambda line: (a(line), b(line))
    if len(fs) == 3:
        a, b, c = fs
        return lambda line: (a(line), b(line), c(line))
    return lambda line: tuple(f(line) for f in fs)


# -- input and output ------------------------------------------------------------------

def _open_input(name, what="open failed"):
    if name == "-":
        return 0
    try:
        return posix.open(name, posix.O_RDONLY | posix.O_CLOEXEC)
    except OSError as e:
        raise _fail("%s: %s: %s" % (what, quotef(name), e.strerror)) from None


def _close(fd):
    if fd > 2:
        try:
            posix.close(fd)
        except OSError:
            pass


def _reads(fd, name, size):
    """Yield what each read of fd gives, to its end (an error is fatal)."""
    read = posix.read
    while True:
        try:
            data = read(fd, size)
        except OSError as e:
            raise _fail("read failed: %s: %s" % (quotef(name), e.strerror)) from None
        if not data:
            return
        yield data


def _read_chunks(fd, name, delim, size):
    """Yield (lines, nbytes) per chunk read from fd: see _split_chunks."""
    return _split_chunks(_reads(fd, name, size), delim)


def _split_chunks(chunks, delim):
    """Yield (lines, nbytes) per chunk of bytes: the complete lines in it
    (without their delimiters) and the bytes they took.  A last line
    without a delimiter is still a line."""
    pend = []
    for data in chunks:
        parts = data.split(delim)
        if len(parts) == 1:
            pend.append(data)
            continue
        nbytes = len(data)
        if pend:
            nbytes += sum(map(len, pend))
            pend.append(parts[0])
            parts[0] = b"".join(pend)
            pend = []
        last = parts.pop()
        if last:
            pend.append(last)
        yield parts, nbytes - len(last)
    if pend:
        last = b"".join(pend)
        yield [last], len(last)


def _read_blobs(fd, name, delim, size):
    """Yield (blob, lines) per chunk read: blob holds whole lines, each
    with its delimiter (one is added to a last line that has none)."""
    pend = []
    for data in _reads(fd, name, size):
        cut = data.rfind(delim) + 1
        if not cut:
            pend.append(data)
            continue
        if pend:
            pend.append(data[:cut])
            blob = b"".join(pend)
            pend = []
        else:
            blob = data[:cut] if cut < len(data) else data
        if cut < len(data):
            pend.append(data[cut:])
        yield blob, blob.count(delim)
    if pend:
        pend.append(delim)
        blob = b"".join(pend)
        yield blob, blob.count(delim)


def _split_blobs(blobs, delim):
    """The lines of blobs of delimited lines; empties the list as it goes."""
    lines = []
    for i, blob in enumerate(blobs):
        parts = blob.split(delim)
        parts.pop()
        lines += parts
        blobs[i] = None
    blobs.clear()
    return lines


def _partition(blobs, total, n, delim):
    """Cut blobs of delimited lines into n lists of about total/n bytes each,
    at line ends; returns (parts, sizes)."""
    parts = [[] for _ in range(n)]
    sizes = [0] * n
    k = 0
    done = 0  # bytes in parts[:k+1]
    for blob in blobs:
        pos = 0
        size = len(blob)
        while k < n - 1 and done + size - pos > total * (k + 1) // n:
            o = max(pos, pos + total * (k + 1) // n - done)
            cut = blob.find(delim, o) + 1
            if cut > pos:
                parts[k].append(blob[pos:cut] if pos or cut < size else blob)
                sizes[k] += cut - pos
                done += cut - pos
                pos = cut
            k += 1
        if pos < size:
            parts[k].append(blob[pos:] if pos else blob)
            sizes[k] += size - pos
            done += size - pos
    return parts, sizes


def _sample_lines(blobs, total, count, delim):
    """About `count` lines at evenly spaced byte offsets of the blobs."""
    out = []
    step = max(1, total // count)
    nxt = step // 2
    start = 0
    for blob in blobs:
        end = start + len(blob)
        while nxt < end:
            o = nxt - start
            k = blob.find(delim, o)
            out.append(blob[blob.rfind(delim, 0, o) + 1:k])
            nxt = max(nxt + step, start + k + 1)
        start = end
    return out


def _write_all(fd, data):
    mv = memoryview(data)
    while mv:
        mv = mv[posix.write(fd, mv):]


def _iter_lines(fd, name, delim, size=1 << 18):
    for parts, _ in _read_chunks(fd, name, delim, size):
        yield from parts


def _blobs(stream, delim, n=8192):
    """Join the lines of an iterator into delimited blobs of n lines."""
    from itertools import islice
    while True:
        batch = list(islice(stream, n))
        if not batch:
            return
        batch.append(b"")
        yield delim.join(batch)


def _list_blobs(lines, delim, n=16384):
    for i in range(0, len(lines), n):
        batch = lines[i:i + n]
        batch.append(b"")
        yield delim.join(batch)


class _Writer:
    """The output (standard output or -o FILE), buffered, with GNU sort's
    messages when writing fails."""

    def __init__(self, fd, name, truncate):
        self.fd = fd
        self.label = quotef(name if name is not None else "standard output")
        self.name = name
        self.truncate = truncate
        self.parts = []
        self.size = 0
        self.total = 0
        self.started = False
        try:
            self.blk = max(posix.fstat(fd).st_blksize, STDIO_BUFSIZ)
        except OSError:
            self.blk = STDIO_BUFSIZ

    def start(self):
        """Called once all input is read: truncate -o FILE (opened without
        O_TRUNC so that it could also be an input)."""
        if self.started:
            return
        self.started = True
        if self.truncate:
            try:
                posix.ftruncate(self.fd, 0)
            except OSError as e:
                try:
                    mode = posix.fstat(self.fd).st_mode & 0o170000
                except OSError:
                    mode = 0o100000
                if mode == 0o100000:
                    raise _fail("%s: error truncating: %s" % (quotef(self.name), e.strerror)) from None
        if self.fd == 1:
            from multicall.stdio import flush_stdout
            flush_stdout()

    def write(self, data):
        self.parts.append(data)
        self.size += len(data)
        if self.size >= 1 << 18:
            self._flush(False)

    def _flush(self, final):
        if not self.parts:
            return
        data = b"".join(self.parts) if len(self.parts) > 1 else self.parts[0]
        self.parts = []
        self.size = 0
        self.total += len(data)
        mv = memoryview(data)
        try:
            while mv:
                mv = mv[posix.write(self.fd, mv):]
        except BrokenPipeError:
            raise
        except OSError as e:
            what = "fflush failed" if final and self.total <= self.blk else "write failed"
            raise _fail("%s: %s: %s\nsort: write error" % (what, self.label, e.strerror)) from None

    def close(self):
        self.start()
        self._flush(True)


def _rand_name():
    chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(chars[b % 62] for b in posix.urandom(6))


class _Temps:
    """Temporary files, round-robin over the -T directories, unlinked as
    soon as they are created (only the descriptor keeps them), optionally
    through --compress-program."""

    def __init__(self, st):
        self.dirs = st.tempdirs
        self.next = 0
        self.prog = st.compress
        self.eol = st.eol

    def _create(self):
        d = self.dirs[self.next]
        self.next = (self.next + 1) % len(self.dirs)
        for _ in range(100):
            name = "%s/sort%s" % (d, _rand_name())
            try:
                fd = posix.open(name, posix.O_RDWR | posix.O_CREAT | posix.O_EXCL | posix.O_CLOEXEC, 0o600)
            except FileExistsError:
                continue
            except OSError as e:
                raise _fail("cannot create temporary file in %s: %s" % (quotef(d, always=True), e.strerror)) from None
            try:
                posix.unlink(name)
            except OSError:
                pass
            return fd, name
        raise _fail("cannot create temporary file in %s: File exists" % quotef(d, always=True))

    def _spawn(self, argv, fd_in, fd_out):
        try:
            return posix.posix_spawnp(argv[0], argv, posix.environ, file_actions=[
                (posix.POSIX_SPAWN_DUP2, fd_in, 0), (posix.POSIX_SPAWN_DUP2, fd_out, 1)])
        except OSError as e:
            raise _fail("couldn't execute %s: %s" % (quotef(self.prog, always=True), e.strerror)) from None

    def _reap(self, pid):
        _, status = posix.waitpid(pid, 0)
        if status != 0:
            raise _fail("%s [-d] terminated abnormally" % quotef(self.prog, always=True))

    def write(self, blobs):
        """A new temporary file holding the blobs; returns a _Run."""
        fd, name = self._create()
        target, pid = fd, None
        if self.prog:
            r, w = posix.pipe()
            try:
                pid = self._spawn([self.prog], r, fd)
            finally:
                posix.close(r)
            target = w
        try:
            for blob in blobs:
                mv = memoryview(blob)
                while mv:
                    mv = mv[posix.write(target, mv):]
        except BrokenPipeError:
            raise
        except OSError as e:
            raise _fail("write failed: %s: %s" % (quotef(name), e.strerror)) from None
        finally:
            if pid is not None:
                posix.close(target)
        if pid is not None:
            self._reap(pid)
        return _Run(self, fd)

    def lines(self, fd):
        if not self.prog:
            return self._plain_lines(fd)
        return self._unpacked_lines(fd)

    def _plain_lines(self, fd):
        try:
            for parts, _ in _split_chunks(self._preads(fd), self.eol):
                yield from parts
        finally:
            posix.close(fd)

    @staticmethod
    def _preads(fd):
        """Read with pread from offset 0 (the descriptor's offset is the
        writer's)."""
        pos = 0
        while True:
            data = posix.pread(fd, 1 << 18, pos)
            if not data:
                return
            pos += len(data)
            yield data

    def _unpacked_lines(self, fd):
        posix.lseek(fd, 0, 0)
        src, pid = fd, None
        if self.prog:
            r, w = posix.pipe()
            try:
                pid = self._spawn([self.prog, "-d"], fd, w)
            finally:
                posix.close(w)
            src = r
        try:
            yield from _iter_lines(src, "temporary file", self.eol)
        finally:
            if pid is not None:
                posix.close(src)
            posix.close(fd)
        if pid is not None:
            self._reap(pid)


class _Run:
    __slots__ = ("temps", "fd")

    def __init__(self, temps, fd):
        self.temps = temps
        self.fd = fd

    def lines(self):
        return self.temps.lines(self.fd)


class _FileSource:
    """An input of -m, opened when the merge first asks for a line."""

    def __init__(self, name, eol):
        self.name = name
        self.eol = eol

    def lines(self):
        fd = _open_input(self.name)
        try:
            yield from _iter_lines(fd, self.name, self.eol)
        finally:
            _close(fd)


class _MemSource:
    def __init__(self, lines):
        self.data = lines

    def lines(self):
        return iter(self.data)


# -- sorting and merging -------------------------------------------------------------------

def _default_budget():
    """min(512 MiB, max(available/2, total/8)) of physical memory, and no
    more than a quarter of RLIMIT_AS or RLIMIT_DATA."""
    size = min(DEFAULT_CAP, max(_physmem(avail=True) // 2, _physmem() // 8))
    try:
        import resource
        for lim in (resource.RLIMIT_AS, resource.RLIMIT_DATA):
            soft = resource.getrlimit(lim)[0]
            if soft != resource.RLIM_INFINITY and soft >= 0:
                size = min(size, soft // 4)
    except (ImportError, OSError, ValueError, AttributeError):
        pass
    return max(1 << 20, size)


def _dedupe_first(lines, eq, order=None):
    """-u: the first line (in input order) of each class of equal keys (in
    no particular order when the key is computed in bulk: -u sorts them
    next, and no two of them are equal for the order then)."""
    if eq is None:
        return list(dict.fromkeys(lines))
    if order is not None and eq in order.bulk:
        keys = order.keys_of(eq, lines)
        keys.reverse()
        return list(dict(zip(keys, reversed(lines))).values())
    seen = {}
    setdefault = seen.setdefault
    for line in lines:
        setdefault(eq(line), line)
    return list(seen.values())


def _unique_stream(stream, eq):
    prev = None
    if eq is None:
        for line in stream:
            if line != prev:
                yield line
                prev = line
        return
    first = True
    for line in stream:
        k = eq(line)
        if first or k != prev:
            yield line
            prev = k
            first = False


_PRESORT = 65536  # lines per pre-sorted block in the plain sort


def _key_charge(parts, keyfuncs):
    """Estimated memory of the keys of one pass over these lines, from a
    sample of them (keys live only while their pass sorts)."""
    sample = parts[::64]
    most = 0
    for f in keyfuncs:
        size = 0
        for k in map(f, sample):
            size += len(k) if isinstance(k, bytes) else 4 * sum(map(len, k))
        most = max(most, size)
    return most * len(parts) // len(sample) + len(parts) * KEYED_OVERHEAD


def _blob_key_charge(blob, n, delim, keyfuncs):
    """_key_charge for the n lines of a blob, from the lines of its start."""
    sample = blob[:1 << 16].split(delim)
    sample.pop()
    if not sample:
        sample = [blob[:blob.find(delim)]]
    return _key_charge(sample, keyfuncs) * n // len(sample)


class Sorter:
    def __init__(self, st, order):
        self.st = st
        self.order = order
        self.temps = None
        self.outfd = None
        self.key, self.reverse = order.composite()

    def sort_lines(self, lines, keys0=None):
        """Sort a list in memory (after -u's deduplication).  keys0: the
        keys of the most significant component, already computed (with -u,
        that component must be -u's key)."""
        if keys0 is not None:
            return self._sort_keyed(lines, keys0)
        if self.st.unique:
            lines = _dedupe_first(lines, self.order.eq, self.order)
        from functools import partial
        for f, rev in self.order.passes():
            if f is None:
                lines.sort(reverse=rev)
            elif f in self.order.bulk:
                # The keys, computed in bulk, are handed to list.sort() in
                # order by a C callable: next(iterator, line).
                lines.sort(key=partial(next, iter(self.order.keys_of(f, lines))), reverse=rev)
            else:
                lines.sort(key=f, reverse=rev)
        return lines

    def _sort_keyed(self, lines, keys0):
        """sort_lines with the last pass's keys given: the passes sort a
        permutation (keys looked up by index, in C), applied at the end."""
        if self.st.unique:
            keys0.reverse()
            seen = dict(zip(keys0, reversed(lines)))
            keys0 = list(seen)
            lines = list(seen.values())
            del seen
        passes = self.order.passes()
        order = list(range(len(lines)))
        for f, rev in passes[:-1]:
            if f is None:
                order.sort(key=lines.__getitem__, reverse=rev)
            else:
                order.sort(key=self.order.keys_of(f, lines).__getitem__, reverse=rev)
        order.sort(key=keys0.__getitem__, reverse=passes[-1][1])
        del keys0
        return list(map(lines.__getitem__, order))

    def _temps(self):
        if self.temps is None:
            self.temps = _Temps(self.st)
        return self.temps

    def merged(self, sources):
        """One sorted stream from sorted sources (earlier sources win ties)."""
        import heapq
        its = [s.lines() for s in sources]
        if len(its) == 1:
            stream = its[0]
        else:
            stream = heapq.merge(*its, key=self.key, reverse=self.reverse)
        if self.st.unique:
            stream = _unique_stream(stream, self.order.eq)
        return stream

    def merge_to_run(self, sources):
        return self._temps().write(_blobs(self.merged(sources), self.st.eol))

    def reduce(self, sources):
        """Merge consecutive groups until at most --batch-size remain."""
        nmerge = self.st.nmerge
        while len(sources) > nmerge:
            out = []
            for i in range(0, len(sources), nmerge):
                group = sources[i:i + nmerge]
                out.append(group[0] if len(group) == 1 else self.merge_to_run(group))
            sources = out
        return sources

    def _workers(self):
        """How many processes may sort a run: --parallel, or OMP_NUM_THREADS
        as GNU counts it (at most 8); one with --debug, and one by default:
        on the project's 2-core VM, shared with other work, forking made a
        plain 100 MB sort slower (7.6-9.2 s against 4.5 s wall, 30-50% more
        CPU), so sorting in parallel is asked for, not assumed."""
        if self.st.debug:
            return 1
        if not self.st.nthreads and not posix.environ.get(b"OMP_NUM_THREADS"):
            return 1
        n = self.st.nthreads or min(_nproc(), DEFAULT_MAX_THREADS)
        return min(n, MAX_WORKERS)

    def sort_files(self, files, out):
        workers = self._workers()
        if workers > 1:
            return self._sort_blobs(files, out, workers)
        st = self.st
        budget = max(st.sort_size or _default_budget(), 1 << 16)
        chunk = max(1 << 16, min(1 << 20, budget // 8))
        per_line = LINE_OVERHEAD + (UNIQUE_OVERHEAD if st.unique else 0)
        keyfuncs = [f for f, _ in self.order.comps if f is not None]
        runs = []  # [level, run]: merged in groups of --batch-size as they come
        lines = []
        # The plain sort pre-sorts blocks of lines that lie close together in
        # memory and then re-creates each block's lines in sorted order
        # (join and split); the final list.sort() merges these runs walking
        # through memory in order, which is much faster than one sort of
        # lines scattered all over the heap.
        block = []
        first, rev = self.order.passes()[0]
        presort = _PRESORT if first is None else 0
        charge = 0
        eol = st.eol
        for name in files:
            fd = _open_input(name)
            try:
                for parts, nbytes in _read_chunks(fd, name, eol, chunk):
                    block += parts
                    charge += nbytes + len(parts) * per_line
                    if keyfuncs and parts:
                        charge += _key_charge(parts, keyfuncs)
                    if len(block) >= presort:
                        if presort:
                            block.sort(reverse=rev)
                            block = eol.join(block).split(eol)
                        lines += block
                        block = []
                    if charge >= budget:
                        lines += block
                        block = []
                        self._add_run(runs, _list_blobs(self.sort_lines(lines), eol))
                        lines = []
                        charge = 0
            finally:
                _close(fd)
        lines += block
        del block
        lines = self.sort_lines(lines)
        out.start()
        if not runs:
            for blob in _list_blobs(lines, eol):
                out.write(blob)
            return
        sources = [r for _, r in runs] + ([_MemSource(lines)] if lines else [])
        for blob in _blobs(self.merged(self.reduce(sources)), eol):
            out.write(blob)

    def _sort_blobs(self, files, out, workers):
        """sort_files when several processes may sort: the input of a run
        is kept as blobs of whole lines until the run is complete, and a
        run of enough lines is sorted by _Parallel, each process cutting
        the lines of its own share."""
        st = self.st
        budget = max(st.sort_size or _default_budget(), 1 << 16)
        chunk = max(1 << 16, min(1 << 20, budget // 8))
        per_line = LINE_OVERHEAD + (UNIQUE_OVERHEAD if st.unique else 0)
        keyfuncs = [f for f, _ in self.order.comps if f is not None]
        minimum = _parallel_min()
        self.outfd = getattr(out, "fd", None)
        eol = st.eol
        runs = []
        raw = []
        nlines = nbytes = charge = 0
        for name in files:
            fd = _open_input(name)
            try:
                for blob, n in _read_blobs(fd, name, eol, chunk):
                    raw.append(blob)
                    nlines += n
                    nbytes += len(blob)
                    charge += len(blob) + n * per_line
                    if keyfuncs:
                        charge += _blob_key_charge(blob, n, eol, keyfuncs)
                    if nlines >= minimum:
                        charge += len(blob)  # the shared copy the processes exchange
                    if charge >= budget:
                        self._add_run(runs, self._sorted(raw, nlines, nbytes, workers, minimum))
                        raw = []
                        nlines = nbytes = charge = 0
            finally:
                _close(fd)
        if runs and raw:
            self._add_run(runs, self._sorted(raw, nlines, nbytes, workers, minimum))
        if not runs:
            blobs = self._sorted(raw, nlines, nbytes, workers, minimum)
            del raw
            out.start()
            try:
                for blob in blobs:
                    out.write(blob)
            finally:
                blobs.close()
            return
        sources = self.reduce([r for _, r in runs])
        out.start()
        for blob in _blobs(self.merged(sources), eol):
            out.write(blob)

    def _sorted(self, raw, nlines, nbytes, workers, minimum):
        """The sorted lines of the blobs in raw (which it empties), as a
        generator of blobs: in parallel when there are enough lines."""
        n = min(workers, nlines * 2 // minimum) if nlines >= minimum else 1
        if n > 1:
            return _Parallel(self, raw, nbytes, n).blobs()
        return _list_blobs(self.sort_lines(_split_blobs(raw, self.st.eol)), self.st.eol)

    def _add_run(self, runs, blobs):
        try:
            runs.append([0, self._temps().write(blobs)])
        finally:
            blobs.close()
        nmerge = self.st.nmerge
        while len(runs) >= nmerge:
            level = runs[-1][0]
            if any(lv != level for lv, _ in runs[-nmerge:]):
                break
            group = [r for _, r in runs[-nmerge:]]
            del runs[-nmerge:]
            runs.append([level + 1, self.merge_to_run(group)])

    def merge_files(self, files, out, outname):
        """-m: merge the inputs; an input that is also the output is first
        copied to a temporary file (GNU's avoid_trashing_input)."""
        st = self.st
        try:
            outst = posix.fstat(out.fd)
        except OSError:
            outst = None
        sources = []
        for name in files:
            same = outname is not None and name == outname and name != "-"
            if not same and outst is not None:
                try:
                    ist = posix.fstat(0) if name == "-" else posix.stat(name)
                    same = ist.st_ino == outst.st_ino and ist.st_dev == outst.st_dev
                except OSError:
                    same = False
            if same:
                sources.append(self.merge_to_run([_FileSource(name, st.eol)]))
            else:
                sources.append(_FileSource(name, st.eol))
        sources = self.reduce(sources)
        stream = self.merged(sources)
        out.start()
        for blob in _blobs(stream, st.eol):
            out.write(blob)


def _by_range(items, ranges, n):
    """Yield the items of each key range in turn (0 first): `ranges` gives
    each item's range, or with n == 2 whether it is in range 1."""
    from itertools import compress
    if n == 2:
        from operator import not_
        yield list(compress(items, map(not_, ranges)))
        yield list(compress(items, ranges))
        return
    from itertools import repeat
    from operator import eq
    for c in range(n):
        yield list(compress(items, map(eq, ranges, repeat(c))))


class _Parallel:
    """One run sorted by n processes: this one and n-1 forked children
    (GNU's --parallel; os.fork, as threads would not run Python code at the
    same time).

    Sample sort, so that no process merges everything at the end: before
    forking, n-1 splitter keys are chosen from a sample of the lines (the
    most significant key of the order, or the whole composite key when that
    one leaves a range with most of the sample); they cut the key space
    into n ranges that follow one another in the output.  The input blobs
    are cut into n parts of whole lines.  Phase 1: process j splits part j
    into lines (children inherit the blobs copy-on-write and touch only
    their own), drops -u duplicates, sorts the lines into the n ranges by
    their key (bisect, in C) and copies each range's lines, in input order,
    into its region of an anonymous shared mapping, with the offsets in a
    table at its start; it keeps the lines of its own range.  Barrier:
    each child sends a byte; the parent answers by closing the child's
    "go" pipe (a write to a dead child could raise SIGPIPE).  Phase 2:
    process j gathers range j from every part, in part order (so input
    order: -s, -u's first line and the last-resort comparison are those of
    the sequential sort), and sorts it with Sorter.sort_lines, exactly as a
    sequential sort would; a child sends its range through its pipe, and
    the parent writes the ranges in output order (a child sends the size
    of its range first, so that a short one shows).  Lines that are equal
    for the order have equal keys, so they are in the same range.

    Failures: a child that does not report phase 1 is reaped and the parent
    does its part (it keeps the blobs until the barrier); a child whose
    range is short or ends without exit status 0 is redone by the parent from the
    shared mapping, skipping the bytes already passed on (the order is
    deterministic).  Children leave with os._exit and never run the
    parent's cleanup; they close the output descriptor and the other
    children's pipes, so a dead parent shows them end-of-file or EPIPE.
    Every child is reaped (killed first if the parent stops early).
    """

    def __init__(self, sorter, blobs, nbytes, n):
        self.sorter = sorter
        self.eol = sorter.st.eol
        self.n = n
        self.nbytes = nbytes
        self.raw = blobs
        self.keys = None
        self.splitters = None
        self.rev = False
        self.base = None
        self.kbase = None
        self.send = False  # processes pass on the keys they cut lines by

    # -- choosing the ranges

    def _choose(self, blobs):
        from bisect import bisect_left
        order = self.sorter.order
        n = self.n
        sample = _sample_lines(blobs, self.nbytes, min(8192, 512 * n), self.eol)
        f, rev = order.comps[0]

        def first(lines):
            return lines if f is None else order.keys_of(f, lines)
        keys = first
        skeys = first(sample)
        cut, counts = self._splitters(skeys, bisect_left)
        # Phase 2's last pass sorts by these keys: encoded keys (-n ...) are
        # sent along (marshal) rather than computed again, if -u's key is the
        # same; a field of text is cheaper to cut again than to send.
        bulk = order.bulk.get(f)
        self.send = f is not None and (bulk is None or bulk[1] is not None or bulk[2] is not None) \
            and (not self.sorter.st.unique or order.eq is f)
        if max(counts) * 4 > len(skeys) * 3 and len(order.comps) > 1:
            # One first key holds most lines: cut on the whole order.
            kf, rev = self.sorter.key, self.sorter.reverse

            def keys(lines):
                return list(map(kf, lines))
            cut, _ = self._splitters(keys(sample), bisect_left)
            self.send = False
        self.keys, self.splitters, self.rev = keys, cut, rev

    def _splitters(self, skeys, bisect_left):
        s = sorted(skeys)
        n = self.n
        cut = [s[len(s) * i // n] for i in range(1, n)]
        counts = [0] * n
        for k in skeys:
            counts[bisect_left(cut, k)] += 1
        return cut, counts

    def _range_of(self, j):
        """The key range (0: lowest keys) that process j sorts."""
        return self.n - 1 - j if self.rev else j

    # -- the two phases, run by every process

    def _phase1(self, j, blobs, mm):
        from itertools import repeat
        n = self.n
        eol = self.eol
        lines = _split_blobs(blobs, eol)
        if self.sorter.st.unique:
            lines = _dedupe_first(lines, self.sorter.order.eq, self.sorter.order)
        keys = self.keys(lines)
        if n == 2:
            from operator import lt
            ranges = list(map(lt, repeat(self.splitters[0]), keys))
        else:
            from bisect import bisect_left
            from functools import partial
            ranges = list(map(partial(bisect_left, self.splitters), keys))
        if not self.send:
            del keys
        mine = self._range_of(j)
        own = None
        pos = self.base[j]
        offsets = [pos]
        for c, piece in enumerate(_by_range(lines, ranges, n)):
            if c == mine:
                own = piece
                if not j:
                    offsets.append(pos)  # the parent's own: nobody else reads it
                    continue
            # In blocks: one join of the whole piece would also allocate a
            # buffer descriptor (80 bytes) per line.
            for blob in _list_blobs(piece, eol):
                mm[pos:pos + len(blob)] = blob
                pos += len(blob)
            offsets.append(pos)
            del piece
        row = 8 * j * (n + 1)
        mm[row:row + 8 * (n + 1)] = b"".join(v.to_bytes(8, "little") for v in offsets)
        own_keys = None
        if self.send:
            import marshal
            pos, end = self.kbase[j], self.kbase[j + 1]
            offsets = [pos]
            for c, piece in enumerate(_by_range(keys, ranges, n)):
                if c == mine:
                    own_keys = piece
                    if not j:
                        offsets.append(pos)
                        continue
                try:
                    data = marshal.dumps(piece, 2)
                except ValueError:  # a key type marshal does not know
                    data = None
                if data is None or pos + len(data) > end:
                    offsets = [0] * (n + 1)  # no keys from this part
                    break
                mm[pos:pos + len(data)] = data
                pos += len(data)
                offsets.append(pos)
                del data, piece
            row += 8 * n * (n + 1)
            mm[row:row + 8 * (n + 1)] = b"".join(v.to_bytes(8, "little") for v in offsets)
        return own, own_keys

    def _phase2(self, j, own, mm):
        n = self.n
        eol = self.eol
        c = self._range_of(j)
        lines = []
        keys = [] if self.send else None
        for i in range(n):
            if keys is not None:
                if i == j and own is not None:
                    got = own[1]
                else:
                    row = 8 * (n * (n + 1) + i * (n + 1) + c)
                    pos = int.from_bytes(mm[row:row + 8], "little")
                    end = int.from_bytes(mm[row + 8:row + 16], "little")
                    got = None
                    if pos:
                        import marshal
                        got = marshal.loads(mm[pos:end]) if end > pos else []
                if got is None:
                    keys = None
                else:
                    keys += got
                del got
            if i == j and own is not None:
                if lines:
                    lines += own[0]
                else:
                    lines = own[0]
                continue
            row = 8 * (i * (n + 1) + c)
            pos = int.from_bytes(mm[row:row + 8], "little")
            end = int.from_bytes(mm[row + 8:row + 16], "little")
            while pos < end:  # in blocks of whole lines, not one copy of it all
                stop = pos + (1 << 20)
                stop = mm.find(eol, stop - 1, end) + 1 if stop < end else end
                parts = mm[pos:stop].split(eol)
                parts.pop()
                lines += parts
                pos = stop
        return self.sorter.sort_lines(lines, keys)

    # -- processes

    def _child(self, j, parts, mm, w, gr, close, parent):
        status = 1
        try:
            for fd in close:
                posix.close(fd)
            if self.sorter.outfd is not None:
                try:
                    posix.close(self.sorter.outfd)
                except OSError:
                    pass
            own = self._phase1(j, parts[j], mm)
            del parts
            _write_all(w, b"k")
            # The parent closes the other end to say "go" (a write could
            # raise SIGPIPE in it); end-of-file also comes if it died.
            posix.read(gr, 1)
            if posix.getppid() == parent:
                lines = self._phase2(j, own, mm)
                del own
                # The size first: the parent checks that it got it all.
                size = sum(map(len, lines)) + len(lines) * len(self.eol)
                _write_all(w, size.to_bytes(8, "little"))
                for blob in _list_blobs(lines, self.eol):
                    _write_all(w, blob)
            status = 0
        except BaseException:
            status = 1
        finally:
            posix._exit(status)

    def _fork(self, j, parts, mm, children):
        """Start the child for part j: [pid, its data pipe, its go pipe],
        or None when no process or pipe can be had."""
        fds = []
        parent = posix.getpid()
        try:
            fds += posix.pipe()
            fds += posix.pipe()
            pid = posix.fork()
        except OSError:
            for fd in fds:
                posix.close(fd)
            return None
        r, w, gr, gw = fds
        if pid == 0:
            self._child(j, parts, mm, w, gr,
                        [r, gw] + [fd for ch in children.values() for fd in ch[1:] if fd >= 0], parent)
        posix.close(w)
        posix.close(gr)
        return [pid, r, gw]

    @staticmethod
    def _reap(ch, kill=False):
        """Close a child's pipes and wait for it; its wait status."""
        pid, r, gw = ch
        for fd in (r, gw):
            if fd >= 0:
                try:
                    posix.close(fd)
                except OSError:
                    pass
        if kill:
            try:
                posix.kill(pid, 9)
            except OSError:
                pass
        try:
            return posix.waitpid(pid, 0)[1]
        except ChildProcessError:
            return -1

    def blobs(self):
        """The sorted run, as a generator of byte strings."""
        n = self.n
        eol = self.eol
        blobs = self.raw
        self._choose(blobs)
        parts, sizes = _partition(blobs, self.nbytes, n, eol)
        blobs.clear()
        self.raw = None
        head = 2 * 8 * n * (n + 1)
        self.base = [head + sum(sizes[:j]) for j in range(n)]
        # Each part's keys get room for twice its bytes and 16 per line
        # (only the pages used are ever allocated); more, and they are not sent.
        room = [2 * sizes[j] + 16 * sum(b.count(eol) for b in parts[j]) if self.send else 0
                for j in range(n)]
        self.kbase = [head + self.nbytes + sum(room[:j]) for j in range(n + 1)]
        try:
            import mmap
            mm = mmap.mmap(-1, self.kbase[n])
        except (ImportError, OSError, ValueError, OverflowError):
            yield from _list_blobs(self.sorter.sort_lines(_split_blobs([b for p in parts for b in p], eol)), eol)
            return
        children = {}
        try:
            for j in range(1, n):
                ch = self._fork(j, parts, mm, children)
                if ch is None:
                    break
                children[j] = ch
            own = self._phase1(0, parts[0], mm)
            for j in range(1, n):
                ch = children.get(j)
                if ch is not None:
                    if posix.read(ch[1], 1) == b"k":
                        continue
                    self._reap(children.pop(j), kill=True)
                self._phase1(j, parts[j], mm)
            del parts
            for ch in children.values():
                posix.close(ch[2])
                ch[2] = -1
            yield from _list_blobs(self._phase2(0, own, mm), eol)
            del own
            for j in range(1, n):
                sent = 0
                ch = children.get(j)
                if ch is not None:
                    head = b""
                    while len(head) < 8:
                        data = posix.read(ch[1], 8 - len(head))
                        if not data:
                            break
                        head += data
                    size = int.from_bytes(head, "little") if len(head) == 8 else -1
                    while sent < size:
                        data = posix.read(ch[1], min(1 << 20, size - sent))
                        if not data:
                            break
                        sent += len(data)
                        yield data
                    if self._reap(children.pop(j)) == 0 and sent == size:
                        continue
                # The parent sorts the range itself, past what was sent.
                for blob in _list_blobs(self._phase2(j, None, mm), eol):
                    if sent >= len(blob):
                        sent -= len(blob)
                        continue
                    yield blob[sent:] if sent else blob
                    sent = 0
        finally:
            for ch in children.values():
                self._reap(ch, kill=True)
            mm.close()


def check(st, order, name):
    """-c/-C: report the first line out of order; True if in order."""
    fd = _open_input(name)
    key, rev = order.composite()
    strict = st.unique
    prev = None
    have = False
    lineno = 0
    try:
        for parts, _ in _read_chunks(fd, name, st.eol, 1 << 20):
            keys = parts if key is None else list(map(key, parts))
            if _chunk_ordered(keys, prev, have, rev, strict):
                lineno += len(parts)
                prev = keys[-1]
                have = True
                continue
            for line, k in zip(parts, keys):
                lineno += 1
                if have and ((k > prev if rev else k < prev) or (strict and k == prev)):
                    if st.check == "c":
                        write_stderr("%s: %s:%d: disorder: %s" % (
                            st.prog, name, lineno,
                            (line + st.eol).decode("utf-8", "surrogateescape")))
                    return False
                prev = k
                have = True
    finally:
        _close(fd)
    return True


def _chunk_ordered(keys, prev, have, rev, strict):
    """Fast path: is the whole chunk in order (list.sort finds a sorted run
    in linear time)?"""
    if not keys:
        return True
    if have:
        first = keys[0]
        if (first > prev if rev else first < prev) or (strict and first == prev):
            return False
    try:
        if keys != sorted(keys, reverse=rev):
            return False
        if strict and len(set(keys)) != len(keys):
            return False
    except TypeError:
        return False
    return True


# -- the command ----------------------------------------------------------------------

def _files0(st):
    """--files0-from=F: the input names, NUL-separated, replace the operands."""
    if st.files:
        raise Usage("extra operand %s\nfile operands cannot be combined with --files0-from"
                    % quotef(st.files[0], always=True), TROUBLE)
    name = st.files_from
    fd = _open_input(name)
    chunks = []
    try:
        while True:
            data = posix.read(fd, 1 << 16)
            if not data:
                break
            chunks.append(data)
    except OSError:
        raise _fail("cannot read file names from %s" % quotef(name, always=True)) from None
    finally:
        _close(fd)
    data = b"".join(chunks)
    names = data.split(b"\0")
    if names[-1] == b"":
        names.pop()
    if not names:
        raise _fail("no input from %s" % quotef(name, always=True))
    for i, n in enumerate(names):
        if n == b"-":
            raise _fail("when reading file names from stdin, no file name of %s allowed"
                        % quotef("-", always=True))
        if not n:
            raise _fail("%s:%d: invalid zero-length file name" % (quotef(name), i + 1))
    st.files = [n.decode("utf-8", "surrogateescape") for n in names]


def finish_keys(st):
    """GNU's rules after parsing: keys without options inherit the global
    ones, the global options alone make a whole-line key, and some
    orderings cannot be combined."""
    g = st.gkey
    for k in st.keys:
        if k.default_compare() and not k.reverse:
            for attr in ("ignore", "translate", "skipsblanks", "skipeblanks", "month", "numeric",
                         "general", "human", "version", "random", "reverse"):
                setattr(k, attr, getattr(g, attr))
    if not st.keys and not g.default_compare():
        st.gkey_only = True
        st.keys = [g]
    st.gkey_saved = g
    for k in st.keys:
        if k.numeric + k.general + k.human + k.month + bool(k.version or k.random or k.ignore) > 1:
            bare = Key()
            for attr in Key.__slots__:
                setattr(bare, attr, getattr(k, attr))
            bare.skipsblanks = bare.skipeblanks = bare.reverse = False
            raise _fail("options '-%s' are incompatible" % bare.opts())


def _salt(source):
    """The 16 random bytes GNU seeds -R's MD5 with (--random-source=FILE
    gives its first 16 bytes, so the order is reproducible)."""
    if source is None:
        return posix.urandom(16)
    fd = _open_input(source) if source != "-" else _open_input("./-")
    got = b""
    try:
        while len(got) < 16:
            data = posix.read(fd, 16 - len(got))
            if not data:
                raise _fail("%s: end of file" % quote(source))
            got += data
    except OSError as e:
        raise _fail("%s: read error: %s" % (quote(source), e.strerror)) from None
    finally:
        _close(fd)
    return got


def _check_input(name):
    if name == "-":
        return
    try:
        ok = posix.access(name, posix.R_OK, effective_ids=True)
    except NotImplementedError:
        ok = posix.access(name, posix.R_OK)
    if ok:
        return
    try:
        posix.stat(name)
        reason = "Permission denied"
    except OSError as e:
        reason = e.strerror
    raise _fail("cannot read: %s: %s" % (quotef(name), reason))


def main(argv):
    st = parse_args(argv)
    if st.files_from is not None:
        _files0(st)
    finish_keys(st)
    if st.debug:
        if st.check or st.output is not None:
            raise _fail("options '-%s --debug' are incompatible" % (st.check or "o"))
    loc = Locale()
    try:
        return _run(st, loc)
    finally:
        loc.restore()


def _run(st, loc):
    if st.debug:
        debug_warnings(st, loc)
    salt = _salt(st.random_source) if any(k.random for k in st.keys) else None
    if not st.tempdirs:
        tmp = posix.environ.get(b"TMPDIR")
        st.tempdirs = [tmp.decode("utf-8", "surrogateescape") if tmp is not None else "/tmp"]
    files = st.files or ["-"]
    order = Order(st, loc, salt)
    if st.check:
        if len(files) > 1:
            raise _fail("extra operand %s not allowed with -%s" % (quotef(files[1], always=True), st.check))
        if st.output is not None:
            raise _fail("options '-%so' are incompatible" % st.check)
        return 0 if check(st, order, files[0]) else 1
    for name in files:
        _check_input(name)
    fd = 1
    if st.output is not None:
        try:
            fd = posix.open(st.output, posix.O_WRONLY | posix.O_CREAT | posix.O_CLOEXEC, 0o666)
        except OSError as e:
            raise _fail("open failed: %s: %s" % (quotef(st.output), e.strerror)) from None
    out = _Writer(fd, st.output, st.output is not None)
    if st.debug:
        out = _Annotator(out, st, loc)
    sorter = Sorter(st, order)
    try:
        if st.merge:
            sorter.merge_files(files, out, st.output)
        else:
            sorter.sort_files(files, out)
        out.close()
    finally:
        _close(fd)
    return 0


# -- --debug --------------------------------------------------------------------------

def debug_warnings(st, loc):
    """--debug's notes on stderr, before any output (GNU's key_warnings)."""
    prog = st.prog
    msgs = []
    if not loc.ok:
        msgs.append("failed to set locale")
    if loc.hard:
        msgs.append("text ordering performed using %s sorting rules" % quote(loc.collate_name))
    else:
        msgs.append("text ordering performed using simple byte comparison")
    g = st.gkey_saved
    ug = Key()
    for attr in Key.__slots__:
        setattr(ug, attr, getattr(g, attr))
    basic = general = basic_span = general_span = False
    tab = st.tab
    for num, key in enumerate(st.keys, 1):
        if key.is_numeric():
            if key.general:
                general = True
            else:
                basic = True
        if key.traditional:
            sword = key.sword if key.sword is not None else 0
            po = "+%d" % sword
            pn = "-k %d" % (sword + 1)
            if key.eword is not None:
                po += " -%d" % (key.eword + 1)
                pn += ",%d" % (key.eword + 1)
            msgs.append("obsolescent key %s used; consider %s instead" % (quote(po), quote(pn)))
        zero = key.sword is not None and key.eword is not None and key.eword < key.sword
        if zero:
            msgs.append("key %d has zero width and will be ignored" % num)
        implicit = key.is_numeric() or key.month
        line_offset = key.eword == 0 and key.echar != 0
        if (not zero and not st.gkey_only and tab is None and not line_offset
                and ((not key.skipsblanks and not implicit) or (not key.skipsblanks and key.schar)
                     or (not key.skipeblanks and key.echar))):
            msgs.append("leading blanks are significant in key %d; consider also specifying 'b'" % num)
        if not st.gkey_only and key.is_numeric():
            sw = key.sword + 1 if key.sword is not None else 1
            ew = key.eword + 1 if key.eword is not None else 0
            if not ew or sw < ew:
                msgs.append("key %d is numeric and spans multiple fields" % num)
                if key.general:
                    general_span = True
                else:
                    basic_span = True
        if ug.ignore and ug.ignore == key.ignore:
            ug.ignore = None
        if ug.translate and key.translate:
            ug.translate = False
        ug.skipsblanks = ug.skipsblanks and not key.skipsblanks
        ug.skipeblanks = ug.skipeblanks and not key.skipeblanks
        for attr in ("month", "numeric", "general", "human", "random", "version", "reverse"):
            setattr(ug, attr, getattr(ug, attr) and not getattr(key, attr))
    decimal = loc.decimal
    thousands = loc.thousands
    warned = False
    if basic_span:
        if (thousands is not None and thousands in b" \t") if tab is None else tab == thousands:
            msgs.append("field separator %s is treated as a group separator in numbers"
                        % quote(thousands.decode("latin-1")))
            warned = True
    if basic_span or general_span:
        if (thousands is not None and decimal in b" \t") if tab is None else tab == decimal:
            msgs.append("field separator %s is treated as a decimal point in numbers"
                        % quote(decimal.decode("latin-1")))
            warned = True
        elif tab == b"-":
            msgs.append("field separator %s is treated as a minus sign in numbers" % quote("-"))
        elif general_span and tab == b"+":
            msgs.append("field separator %s is treated as a plus sign in numbers" % quote("+"))
    if (basic or general) and not warned:
        msgs.append("%snumbers use %s as a decimal point in this locale"
                    % ("" if tab == decimal else "note ", quote(decimal.decode("latin-1"))))
    stable_or_unique = st.stable or st.unique
    if not ug.default_compare() or (ug.reverse and stable_or_unique and st.keys):
        rev = ug.reverse
        if not stable_or_unique:
            ug.reverse = False
        opts = ug.opts()
        msgs.append(("option '-%s' is ignored" if len(opts) == 1 else "options '-%s' are ignored") % opts)
        ug.reverse = rev
    if ug.reverse and not stable_or_unique and st.keys:
        msgs.append("option '-r' only applies to last-resort comparison")
    write_stderr("".join("%s: %s\n" % (prog, m) for m in msgs))


def _past_fields(line, ptr, n):
    """Where n more fields end after ptr, each leading blanks and a word."""
    size = len(line)
    while ptr < size and n:
        n -= 1
        while ptr < size and line[ptr] in BLANKS:
            ptr += 1
        while ptr < size and line[ptr] not in BLANKS:
            ptr += 1
    return ptr


def _begfield_pos(line, key, tab):
    size = len(line)
    ptr = 0
    sword = key.sword or 0
    if tab is not None:
        while ptr < size and sword:
            sword -= 1
            j = line.find(tab, ptr)
            ptr = size if j < 0 else j + 1
    else:
        ptr = _past_fields(line, ptr, sword)
    if key.skipsblanks:
        while ptr < size and line[ptr] in BLANKS:
            ptr += 1
    return min(size, ptr + key.schar)


def _limfield_pos(line, key, tab):
    size = len(line)
    ptr = 0
    eword, echar = key.eword, key.echar
    if echar == 0:
        eword += 1
    if tab is not None:
        while ptr < size and eword:
            eword -= 1
            j = line.find(tab, ptr)
            ptr = size if j < 0 else j
            if ptr < size and (eword or echar):
                ptr += 1
    else:
        ptr = _past_fields(line, ptr, eword)
    if echar:
        if key.skipeblanks:
            while ptr < size and line[ptr] in BLANKS:
                ptr += 1
        ptr = min(size, ptr + echar)
    return ptr


def _traverse_number(line, p, decimal, thousands):
    """GNU's traverse_raw_number on line (NUL-terminated at its end):
    (end offset, largest digit seen or None)."""
    maxd = None
    size = len(line)
    ends_sep = False
    while p < size and 48 <= line[p] <= 57:
        if maxd is None or line[p] > maxd:
            maxd = line[p]
        p += 1
        ends_sep = thousands is not None and p < size and line[p] == thousands[0]
        if ends_sep:
            p += 1
    if ends_sep:
        return p - 1, maxd
    if p < size and line[p] == decimal[0]:
        p += 1
        while p < size and 48 <= line[p] <= 57:
            if maxd is None or line[p] > maxd:
                maxd = line[p]
            p += 1
    return p, maxd


def _width(text, utf8):
    """mbsnwidth() plus one column per TAB, as --debug measures."""
    tabs = text.count(b"\t")
    if not utf8:
        return sum(1 for c in text if c >= 0x80 or 0x20 <= c < 0x7F) + tabs
    import unicodedata
    width = 0
    for ch in text.decode("utf-8", "surrogateescape"):
        o = ord(ch)
        if 0xDC80 <= o <= 0xDCFF:
            width += 1
        elif unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn"):
            continue
        elif unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf") or o == 0x200B:
            continue
        elif unicodedata.east_asian_width(ch) in ("W", "F"):
            width += 2
        else:
            width += 1
    return width + tabs


class _Annotator:
    """--debug output: each line with TABs shown as '>', then a line of
    underscores under each key (and the whole line for the last-resort
    comparison)."""

    def __init__(self, out, st, loc):
        self.out = out
        self.st = st
        self.loc = loc
        self.fd = out.fd

    def start(self):
        self.out.start()

    def close(self):
        self.out.close()

    def write(self, blob):
        st = self.st
        for line in blob.split(st.eol)[:-1]:
            self.out.write(line.replace(b"\t", b">") + b"\n")
            keys = list(st.keys) if st.keys else []
            marks = [self._mark(line, k) for k in keys]
            if not keys or not (st.unique or st.stable):
                marks.append(self._mark(line, None))
            self.out.write(b"".join(marks))

    def _mark(self, line, key):
        st = self.st
        loc = self.loc
        beg = 0
        lim = len(line)
        if key is not None:
            if key.sword is not None:
                beg = _begfield_pos(line, key, st.tab)
            if key.eword is not None:
                lim = _limfield_pos(line, key, st.tab)
            if (key.skipsblanks and key.sword is None) or key.month or key.is_numeric():
                # The key is NUL-terminated at lim, the line at its end.
                stop = lim if beg <= lim else len(line)
                cut = line.find(b"\0", beg)
                if 0 <= cut < stop:
                    stop = cut
                while beg < stop and line[beg] in BLANKS:
                    beg += 1
                tight = beg
                if lim < beg:
                    tight = lim
                elif key.month:
                    if line[beg:min(lim, beg + 3)].upper() in _MONTHS:
                        tight = beg + 3
                elif key.general:
                    tight = beg + _strtold_len(line[beg:lim].partition(b"\0")[0], loc.decimal)
                elif key.numeric or key.human:
                    text = line[:lim].partition(b"\0")[0] if line.find(b"\0", 0, lim) >= 0 else line[:lim]
                    p = beg + (1 if beg < lim and line[beg:beg + 1] == b"-" else 0)
                    end, maxd = _traverse_number(text, p, loc.decimal, loc.thousands)
                    if maxd is not None:
                        tight = end + (1 if key.human and text[end:end + 1] in _UNITS else 0)
                else:
                    tight = lim
                lim = tight
        utf8 = loc.utf8
        offset = _width(line[:beg], utf8)
        width = _width(line[beg:lim], utf8) if lim > beg else 0
        if not width:
            return b" " * offset + b"^ no match for key\n"
        return b" " * offset + b"_" * width + b"\n"


def _strtold_len(text, decimal):
    """How many bytes strtold() would convert at the start of text."""
    import re
    d = re.escape(decimal)
    m = re.match(_STRTOLD % (d, d, d, d), text)
    return m.end() if m else 0
