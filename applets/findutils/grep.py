"""grep, egrep, fgrep: print lines that match patterns, as GNU grep 3.8.

egrep and fgrep are grep -E and grep -F (Debian's 3.8 scripts print no
obsolescence warning, and every message after that comes from `grep`).

Why it is fast: input is read in 288 KiB chunks (three of GNU's 96 KiB
buffers, so that a late NUL turns a file binary at the line GNU would
pick), cut at the last newline, and searched whole: a plain string with
bytes.find (on a lowered copy for -i), a regular expression with one sre
search per match, or, when the pattern has a required substring (GNU's
"must"), bytes.find for that and the regex only on the candidate line.  A
matching line is cut out with rfind/find and written; -v writes the gaps
between matching lines; -c and -l count without cutting.  When most lines
match, the chunk is split once and the lines are filtered, counted and
formatted by map/compress in C, never by a Python loop per line.  Line
numbers come from bytes.count between matches.  Only context (-A -B -C),
colour and --line-buffered take the general path, which follows GNU's
prtext/prline logic line by line, and only for the lines it prints.

The regular expressions are multicall.regex's (dfa.c's and glibc's rules,
GNU's messages); -r walks directories as GNU's fts does (readdir order,
`grep -r pat` names files without `./`); --include/--exclude use fnmatch
rules on the base name, and on the whole command-line name.
"""
import posix

from multicall.errors import Exit, Fail, Usage, WriteError, write_stderr
from multicall.options import Spec, opt, argmatch

TROUBLE = 2

_USAGE = "Usage: %s [OPTION]... PATTERNS [FILE]...\n"
_CHUNK = 3 * 98304       # a multiple of GNU's read size (see _bin_cut)
_GNU_BUF = 98304         # GNU grep's read size: where a NUL turns the file binary
_INTMAX = (1 << 63) - 1

_READ, _SKIP, _RECURSE = "read", "skip", "recurse"
_READ_CMDLINE = "read-command-line"

SPEC = Spec(
    "[OPTION]... PATTERNS [FILE]...",
    "Search for PATTERNS in each FILE.",
    # Pattern selection and interpretation
    opt("-E, --extended-regexp", "PATTERNS are extended regular expressions", dest="matcher", const="egrep"),
    opt("-F, --fixed-strings", "PATTERNS are strings", dest="matcher", const="fgrep"),
    opt("--fixed-regexp", None, dest="matcher", const="fgrep"),
    opt("-G, --basic-regexp", "PATTERNS are basic regular expressions", dest="matcher", const="grep"),
    opt("-P, --perl-regexp", "PATTERNS are Perl regular expressions", dest="matcher", const="perl"),
    opt("-X MATCHER", None, dest="xmatcher"),
    opt("-e, --regexp=PATTERNS", "use PATTERNS for matching"),
    opt("-f, --file=FILE", "take PATTERNS from FILE"),
    opt("-i, --ignore-case", "ignore case distinctions in patterns and data", dest="icase", const=True),
    opt("-y", None, dest="icase", const=True),
    opt("--no-ignore-case", "do not ignore case distinctions (default)", dest="icase", const=False),
    opt("-w, --word-regexp", "match only whole words"),
    opt("-x, --line-regexp", "match only whole lines"),
    opt("-z, --null-data", "a data line ends in 0 byte, not newline"),
    # Miscellaneous
    opt("-s, --no-messages", "suppress error messages"),
    opt("-v, --invert-match", "select non-matching lines"),
    opt("-V, --version", "display version information and exit"),
    opt("--help", "display this help text and exit"),
    # Output control
    opt("-m, --max-count=NUM", "stop after NUM selected lines"),
    opt("-b, --byte-offset", "print the byte offset with output lines"),
    opt("-n, --line-number", "print line number with output lines"),
    opt("--line-buffered", "flush output on every line"),
    opt("-H, --with-filename", "print file name with output lines", dest="filename_option", const=1),
    opt("-h, --no-filename", "suppress the file name prefix on output", dest="filename_option", const=-1),
    opt("--label=LABEL", "use LABEL as the standard input file name prefix"),
    opt("-o, --only-matching", "show only nonempty parts of lines that match"),
    opt("-q, --quiet, --silent", "suppress all normal output"),
    opt("--binary-files=TYPE", "assume that binary files are TYPE;\nTYPE is 'binary', 'text', or 'without-match'"),
    opt("-a, --text", "equivalent to --binary-files=text"),
    opt("-I", "equivalent to --binary-files=without-match"),
    opt("-d, --directories=ACTION", "how to handle directories;\nACTION is 'read', 'recurse', or 'skip'"),
    opt("-D, --devices=ACTION", "how to handle devices, FIFOs and sockets;\nACTION is 'read' or 'skip'"),
    opt("-r, --recursive", "like --directories=recurse"),
    opt("-R, --dereference-recursive", "likewise, but follow all symlinks"),
    opt("--include=GLOB", "search only files that match GLOB (a file pattern)"),
    opt("--exclude=GLOB", "skip files that match GLOB"),
    opt("--exclude-from=FILE", "skip files that match any file pattern from FILE"),
    opt("--exclude-dir=GLOB", "skip directories that match GLOB"),
    opt("-L, --files-without-match", "print only names of FILEs with no selected lines",
        dest="list_files", const="nonmatching"),
    opt("-l, --files-with-matches", "print only names of FILEs with selected lines",
        dest="list_files", const="matching"),
    opt("-c, --count", "print only a count of selected lines per FILE"),
    opt("-T, --initial-tab", "make tabs line up (if needed)"),
    opt("-Z, --null", "print 0 byte after FILE name"),
    # Context control
    opt("-B, --before-context=NUM", "print NUM lines of leading context"),
    opt("-A, --after-context=NUM", "print NUM lines of trailing context"),
    opt("-C, --context=NUM", "print NUM lines of output context"),
    *(opt("-%d" % d, None, dest="digit") for d in range(10)),
    opt("--group-separator=SEP", "print SEP on line between matches with context"),
    opt("--no-group-separator", "do not print separator for matches with context"),
    opt("--color[=WHEN], --colour[=WHEN]", "use markers to highlight the matching strings;\n"
        "WHEN is 'always', 'never', or 'auto'", dest="color"),
    opt("-U, --binary", "do not strip CR characters at EOL (MSDOS/Windows)"),
    opt("-u, --unix-byte-offsets", None),
    version=False, help=False,
    epilog="When FILE is '-', read standard input.  With no FILE, read '.' if\n"
    "recursive, '-' otherwise.  With fewer than two FILEs, assume -h.\n"
    "Exit status is 0 if any line is selected, 1 otherwise;\n"
    "if any error occurs and -q is not given, the exit status is 2.")

# getopt_long's table order in GNU grep (it decides the "possibilities:" list).
_LONG_ORDER = (
    "basic-regexp", "extended-regexp", "fixed-regexp", "fixed-strings", "perl-regexp", "after-context",
    "before-context", "binary-files", "byte-offset", "context", "color", "colour", "count", "devices",
    "directories", "dereference-recursive", "exclude", "exclude-from", "exclude-dir", "file",
    "files-with-matches", "files-without-match", "group-separator", "help", "include", "ignore-case",
    "no-ignore-case", "initial-tab", "label", "line-buffered", "line-number", "line-regexp", "max-count",
    "no-filename", "no-group-separator", "no-messages", "null", "null-data", "only-matching", "quiet",
    "recursive", "regexp", "invert-match", "silent", "text", "binary", "unix-byte-offsets", "version",
    "with-filename", "word-regexp")

# --help: GNU's sections, each a run of SPEC's options (by first name).
_SECTIONS = (
    ("Pattern selection and interpretation:", ("-E", "-F", "-G", "-P", "-e", "-f", "-i", "--no-ignore-case",
                                               "-w", "-x", "-z")),
    ("Miscellaneous:", ("-s", "-v", "-V", "--help")),
    ("Output control:", ("-m", "-b", "-n", "--line-buffered", "-H", "-h", "--label", "-o", "-q",
                         "--binary-files", "-a", "-I", "-d", "-D", "-r", "-R", "--include", "--exclude",
                         "--exclude-from", "--exclude-dir", "-L", "-l", "-c", "-T", "-Z")),
    ("Context control:", ("-B", "-A", "-C", "-NUM", "--group-separator", "--no-group-separator", "--color",
                          "-U")),
)

_MATCHERS = {"grep": "grep", "egrep": "egrep", "fgrep": "fgrep", "awk": "find-awk", "gawk": "gnu-awk",
             "posixawk": "posix-awk", "perl": "perl"}


def _help(prog):
    """GNU grep's --help, built from SPEC's declarations."""
    by_name = {}
    for o in SPEC.opts:
        by_name[("-" + o.shorts[0]) if o.shorts else "--" + o.longs[0]] = o
    out = [_USAGE % prog, SPEC.about + "\n",
           "Example: %s -i 'hello world' menu.h main.c\n" % prog,
           "PATTERNS can contain multiple patterns separated by newlines.\n"]
    for title, names in _SECTIONS:
        out.append("\n%s\n" % title)
        for name in names:
            if name == "-NUM":
                left, text = "-NUM", "same as --context=NUM"
            else:
                o = by_name[name]
                parts = ["-" + c for c in o.shorts]
                for ln in o.longs:
                    if ln == "fixed-regexp":
                        continue
                    parts.append("--%s[=%s]" % (ln, o.arg) if o.optional else
                                 "--%s=%s" % (ln, o.arg) if o.arg else "--" + ln)
                left = ", ".join(parts)
                if not o.shorts:
                    left = "    " + left
                text = o.help
            lines = text.split("\n")
            if len(left) > 30:  # --color[=WHEN], --colour[=WHEN]
                first, _, rest = left.partition(", ")
                out.append("  %s,\n" % first)
                left = "    " + rest
            if len(left) <= 24:
                out.append("  %-24s  %s\n" % (left, lines[0]))
            else:
                out.append("  %s  %s\n" % (left, lines[0]))
            out.extend("  %-24s  %s\n" % ("", ln) for ln in lines[1:])
    out.append("\n" + SPEC.epilog + "\n")
    return "".join(out)


def _usage_error(prog, message=None, status=2):
    """GNU grep's usage(EXIT_TROUBLE): the message (if any), then the short usage."""
    text = "" if message is None else "%s: %s\n" % (prog, message)
    write_stderr(text + _USAGE % prog + "Try '%s --help' for more information.\n" % prog)
    raise Exit(status)


def _xstrtoimax(text):
    """gnulib's xstrtoimax(text, base 10, no suffixes): the value (saturated
    on overflow) or None when the text is not a whole number."""
    s = text.lstrip(" \t\n\v\f\r")
    i = 1 if s[:1] in ("+", "-") else 0
    if i >= len(s) or not all("0" <= c <= "9" for c in s[i:]):
        return None
    v = int(s)
    return max(-_INTMAX - 1, min(_INTMAX, v))


def _context_arg(text, prog):
    v = _xstrtoimax(text)
    if v is None or v < 0:
        raise Fail("%s: invalid context length argument" % text, 2)
    return v


class _Scanner:
    """multicall.scan.Scanner with glibc's listing of ambiguous long
    options: the first candidate and every later one that differs from it
    (aliases of the first, like --fixed-strings after --fixed-regexp, are
    not repeated)."""

    def __new__(cls, spec, argv):
        from multicall.scan import Scanner

        class GrepScanner(Scanner):
            def _long(self, a):
                name = a[2:].partition("=")[0]
                if name and name not in self.spec.longs:
                    cands = [k for k in self.order if k.startswith(name)]
                    if cands:
                        first = self.spec.longs[cands[0]]
                        key = (first.dest, first.const)
                        shown = [k for k in cands if k == cands[0]
                                 or (self.spec.longs[k].dest, self.spec.longs[k].const) != key]
                        if len(shown) > 1:
                            self._fail("option '%s' is ambiguous; possibilities:%s"
                                       % (a, "".join(" '--%s'" % k for k in shown)))
                        a = "--" + cands[0] + a[2 + len(name):]
                return Scanner._long(self, a)
        return GrepScanner(spec, argv, order=_LONG_ORDER, status=2)


class _Options:
    """The parsed command line, GNU grep's globals after its option loop."""

    def __init__(self):
        self.matcher = None
        self.keys = None            # [(pattern, (file, line) or None)] from -e and -f
        self.icase = False
        self.word = self.line = False
        self.eol = b"\n"
        self.suppress_errors = False
        self.invert = False
        self.show_version = self.show_help = False
        self.max_count = _INTMAX
        self.out_byte = self.out_line = False
        self.line_buffered = False
        self.filename_option = 0
        self.label = None
        self.only_matching = False
        self.exit_on_match = False
        self.binary_files = "binary"
        self.directories = _READ
        self.devices = _READ_CMDLINE
        self.logical = False        # -R
        self.last_recursive = 0
        self.excludes = None        # [(kind, pattern, include)] in order
        self.list_files = None
        self.count_matches = False
        self.align_tabs = False
        self.null = False
        self.out_before = self.out_after = self.default_context = -1
        self.group_separator = b"--"
        self.color = 0
        self.operands = []


def _setmatcher(name, current):
    if name not in _MATCHERS:
        raise Fail("invalid matcher %s" % name, 2)
    if current is not None and current != name:
        raise Fail("conflicting matchers specified", 2)
    return name


def _read_whole(name):
    """All the bytes of FILE (`-` is standard input); failing is fatal."""
    fd = 0
    try:
        if name != "-":
            fd = posix.open(name, posix.O_RDONLY | posix.O_CLOEXEC)
        parts = []
        while True:
            b = posix.read(fd, 65536)
            if not b:
                break
            parts.append(b)
    except OSError as e:
        raise Fail("%s: %s" % (name, e.strerror), 2) from None
    finally:
        if fd:
            posix.close(fd)
    return b"".join(parts)


def _read_pattern_file(name):
    """The bytes of -f FILE (`-` is standard input)."""
    data = _read_whole(name)
    if data and not data.endswith(b"\n"):
        data += b"\n"
    return data


def _parse(argv, prog):
    from multicall.scan import ARG, DASHDASH
    o = _Options()
    sc = _Scanner(SPEC, argv)
    posixly = b"POSIXLY_CORRECT" in posix.environ
    digits = None       # the run of -NUM digits being read
    prev_digit = False
    index = 0
    while True:
        try:
            ev = sc.next()
        except Usage as e:
            _usage_error(prog, e.message)
        if ev is None:
            break
        index += 1
        if ev.kind == ARG:
            o.operands.append(ev.value)
            if posixly:
                while sc.peek() is not None:
                    o.operands.append(sc.take())
                break
            prev_digit = False
            continue
        if ev.kind == DASHDASH:
            while sc.peek() is not None:
                o.operands.append(sc.take())
            break
        op = ev.opt
        dest = op.dest
        val = ev.value
        if dest == "digit":
            c = ev.shown[1]
            if prev_digit and not ev.first:
                if digits == "0":
                    digits = ""  # GNU drops leading zeros
                digits += c
            else:
                digits = c
            prev_digit = True
            if len(digits) > 21:
                raise Fail("%s...: invalid context length argument" % digits[:21], 2)
            o.default_context = _context_arg(digits, prog)
            continue
        prev_digit = False
        if dest == "matcher":
            o.matcher = _setmatcher(op.const, o.matcher)
        elif dest == "xmatcher":
            o.matcher = _setmatcher(val, o.matcher)
        elif dest == "regexp":
            o.keys = (o.keys or []) + [(p, None) for p in val.encode("utf-8", "surrogateescape").split(b"\n")]
        elif dest == "file":
            data = _read_pattern_file(val)
            o.keys = (o.keys or []) + [(p, (val, i + 1)) for i, p in enumerate(data.split(b"\n")[:-1])]
        elif dest == "icase":
            o.icase = op.const
        elif dest == "word_regexp":
            o.word = True
        elif dest == "line_regexp":
            o.line = True
        elif dest == "null_data":
            o.eol = b"\0"
        elif dest == "no_messages":
            o.suppress_errors = True
        elif dest == "invert_match":
            o.invert = True
        elif dest == "version":
            o.show_version = True
        elif dest == "help":
            o.show_help = True
        elif dest == "max_count":
            v = _xstrtoimax(val)
            if v is None:
                raise Fail("invalid max count", 2)
            o.max_count = v
        elif dest == "byte_offset":
            o.out_byte = True
        elif dest == "line_number":
            o.out_line = True
        elif dest == "line_buffered":
            o.line_buffered = True
        elif dest == "filename_option":
            o.filename_option = op.const
        elif dest == "label":
            o.label = val.encode("utf-8", "surrogateescape")
        elif dest == "only_matching":
            o.only_matching = True
        elif dest == "quiet":
            o.exit_on_match = True
        elif dest == "binary_files":
            if val not in ("binary", "text", "without-match"):
                raise Fail("unknown binary-files type", 2)
            o.binary_files = val
        elif dest == "text":
            o.binary_files = "text"
        elif dest == "I":
            o.binary_files = "without-match"
        elif dest == "directories":
            try:
                o.directories = argmatch(val, "--directories",
                                         [("read", _READ), ("recurse", _RECURSE), ("skip", _SKIP)])
            except Usage as e:
                _usage_error(prog, e.message, 1)  # argmatch_die: usage (EXIT_FAILURE)
            if o.directories == _RECURSE:
                o.last_recursive = index
        elif dest == "devices":
            if val not in ("read", "skip"):
                raise Fail("unknown devices method", 2)
            o.devices = val
        elif dest in ("recursive", "dereference_recursive"):
            if dest == "dereference_recursive":
                o.logical = True
            o.directories = _RECURSE
            o.last_recursive = index
        elif dest in ("include", "exclude", "exclude_dir"):
            pat = val.encode("utf-8", "surrogateescape")
            if dest == "exclude_dir":
                while len(pat) > 1 and pat.endswith(b"/"):
                    pat = pat[:-1]
            o.excludes = (o.excludes or []) + [(dest, pat)]
        elif dest == "exclude_from":
            data = _read_exclude_file(val)
            o.excludes = (o.excludes or []) + [("exclude", p) for p in data]
        elif dest == "list_files":
            o.list_files = op.const
        elif dest == "count":
            o.count_matches = True
        elif dest == "initial_tab":
            o.align_tabs = True
        elif dest == "null":
            o.null = True
        elif dest == "before_context":
            o.out_before = _context_arg(val, prog)
        elif dest == "after_context":
            o.out_after = _context_arg(val, prog)
        elif dest == "context":
            o.default_context = _context_arg(val, prog)
        elif dest == "group_separator":
            o.group_separator = val.encode("utf-8", "surrogateescape")
        elif dest == "no_group_separator":
            o.group_separator = None
        elif dest == "color":
            if val is None:
                o.color = 2
            else:
                w = val.lower()
                if w in ("always", "yes", "force"):
                    o.color = 1
                elif w in ("never", "no", "none"):
                    o.color = 0
                elif w in ("auto", "tty", "if-tty"):
                    o.color = 2
                else:
                    o.show_help = True
        elif dest == "unix_byte_offsets":
            write_stderr("%s: warning: --unix-byte-offsets (-u) is obsolete\n" % prog)
        # -U (binary) has no effect on POSIX systems
    return o


def _read_exclude_file(name):
    """gnulib add_exclude_file: one pattern per line, trailing white space
    dropped, blank lines skipped."""
    out = []
    for line in _read_whole(name).split(b"\n"):
        line = line.rstrip(b" \t\n\v\f\r")
        if line:
            out.append(line)
    return out


# ---------------------------------------------------------------------------
# Matchers.  Each finds, in a buffer of whole lines, the first line at or
# after `pos` that has a match (find: the index of a match in it, or -1),
# gives leftmost-longest match spans inside a line (span, for -o and
# colour), and tests a list of lines at once (mask, for dense chunks).

class _Literal:
    """A plain string: bytes.find, on a lowered copy of the chunk for -i
    (ASCII case folding, which is all GNU does for such a pattern), or a
    string of character classes found in a copy translated to class
    numbers (`[0-9]\\{5\\}` is 01 01 01 01 01 there)."""

    def __init__(self, lit, icase, eol, table=None):
        # xformed: the string is looked for in xform(chunk) (lbuf), not the chunk
        self.eol = eol
        self.icase = icase
        self.table = table
        self.lit = lit.lower() if icase and table is None else lit
        self.n = len(lit)
        self.xformed = self.mask_xformed = icase or table is not None
        self.xform = (lambda b: b.translate(table)) if table is not None else bytes.lower
        self.falsy = False
        self.cache = {}

    def find(self, buf, lbuf, pos, end):
        i = (lbuf if self.xformed else buf).find(self.lit, pos, end)
        return i if i < end else -1

    def span(self, buf, lbuf, pos, end):
        if not self.n:
            return (pos, pos) if pos <= end else None
        i = (lbuf if self.xformed else buf).find(self.lit, pos, end)
        return None if i < 0 else (i, i + self.n)

    def mask(self, lines):
        from itertools import repeat
        return list(map(bytes.__contains__, lines, repeat(self.lit)))

    def shorter(self, buf, s, endpos):
        return s if not self.n else None  # a string has no shorter match

    def dense(self, kind):
        """The compiled _dense_re for this string (count runs on the
        lowered chunk under -i, lines on the chunk itself)."""
        r = self.cache.get(kind)
        if r is None:
            import re
            if kind != "count" and self.table is not None:
                return None  # (no faster than the loop for classes: see _dense_pays)
            flags = re.IGNORECASE if self.icase and kind != "count" else 0
            r = self.cache[kind] = _dense_re(re.escape(self.lit), flags, self.eol, kind)
        return r

    def count_in(self, buf, lbuf, pos, end):
        """Non-overlapping occurrences (the -o lines of a plain string)."""
        return (lbuf if self.xformed else buf).count(self.lit, pos, end) if self.n else 0


class _Regex:
    """A multicall.regex pattern.  When the pattern has a required
    substring, bytes.find looks for that first and the regex runs on the
    candidate line only (as GNU's kwset "must" does)."""

    def __init__(self, rx, must, lower_must, table=None):
        self.rx = rx
        self.xform = (lambda b: b.translate(table)) if table is not None else bytes.lower
        self.search = rx.pattern_obj.search   # sre's first match: enough to select a line
        self.must = must
        self.xformed = lower_must or table is not None
        self.mask_xformed = False
        self.falsy = None
        self.cache = {}
        self.finditer_safe = rx.longest_safe and rx.groups == 0

    def find(self, buf, lbuf, pos, end):
        must = self.must
        search = self.search
        if must is None:
            m = search(buf, pos, end)
            if m is None:
                return -1
            i = m.start()
            return i if i < end else -1
        mbuf = lbuf if self.xformed else buf
        eol = self.eol
        while True:
            i = mbuf.find(must, pos, end)
            if i < 0:
                return -1
            j = buf.rfind(eol, pos, i)
            ls = j + 1 if j >= 0 else pos
            le = buf.find(eol, i) + 1
            m = search(buf, ls, le)
            if m is not None and m.start() < le:
                return m.start()
            pos = le

    def span(self, buf, lbuf, pos, end):
        m = self.rx.search(buf, pos, end)
        return None if m is None else m.span()

    def shorter(self, buf, s, endpos):
        """The end of the longest match at s that ends by endpos."""
        m = self.rx.match(buf, s, endpos)
        return None if m is None else m.end()

    def dense(self, kind):
        r = self.cache.get(kind)
        if r is None:
            po = self.rx.pattern_obj
            r = self.cache[kind] = _dense_re(po.pattern, po.flags, self.eol, kind)
        return r

    def mask(self, lines):
        return list(map(self.search, lines))


class _Perl(_Regex):
    """grep -P: Python's re, one line at a time (a chunk-wide search is
    only a prefilter, as Perl patterns can cross newlines)."""

    def __init__(self, rx, anchored):
        _Regex.__init__(self, rx, None, False)
        self.anchored = anchored  # \\A \\Z \\z \\G: line by line only

    def dense(self, kind):
        return None

    def find(self, buf, lbuf, pos, end):
        eol = self.eol
        search = self.search
        while pos < end:
            if not self.anchored:
                m = search(buf, pos, end)
                if m is None:
                    return -1
                i = m.start()
                if i >= end:
                    return -1
                j = buf.rfind(eol, pos, i)
                pos = j + 1 if j >= 0 else pos
            le = buf.find(eol, pos) + 1
            m = search(buf[pos:le - 1])
            if m is not None:
                return pos + m.start()
            pos = le
        return -1

    def span(self, buf, lbuf, pos, end):
        j = buf.rfind(self.eol, 0, pos)
        ls = j + 1
        m = self.search(buf[ls:end], pos - ls)
        return None if m is None else (ls + m.start(), ls + m.end())


class _NoMatch:
    """The matcher for a chunk that lacks a byte every match needs."""
    xformed = mask_xformed = False
    falsy = False
    pre = None

    def find(self, buf, lbuf, pos, end):
        return -1

    def span(self, buf, lbuf, pos, end):
        return None

    def mask(self, lines):
        return [False] * len(lines)

    def dense(self, kind):
        return None


_NO_MATCH = _NoMatch()


def _dense_re(source, flags, eol, kind):
    from multicall.regex import line_pattern
    return line_pattern(source, flags, eol, kind)


def _wordchar_at(buf, i, end):
    """Is the character at buf[i] (i < end) a word constituent in UTF-8
    (GNU: `_` or iswalnum)?  An invalid sequence is not."""
    c = buf[i]
    if c < 0x80:
        return c == 95 or 48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122
    k = 2 if 0xC2 <= c <= 0xDF else 3 if 0xE0 <= c <= 0xEF else 4 if 0xF0 <= c <= 0xF4 else 0
    if not k or i + k > end:
        return False
    try:
        ch = buf[i:i + k].decode("utf-8")
    except UnicodeDecodeError:
        return False
    return ch.isalnum()


def _wordchar_before(buf, start, i):
    """Is the character that ends just before buf[i] a word constituent?"""
    if i <= start:
        return False
    j = i - 1
    if buf[j] < 0x80:
        return _wordchar_at(buf, j, i)
    while j > start and j > i - 4 and 0x80 <= buf[j] < 0xC0:
        j -= 1
    return _wordchar_at(buf, j, i) and (i - j) == (2 if buf[j] < 0xE0 else 3 if buf[j] < 0xF0 else 4)


def _inside_char(buf, i, start):
    """Is buf[i] a continuation byte of a valid UTF-8 character that
    starts before it (no match can start there)?"""
    if i >= len(buf) or not 0x80 <= buf[i] < 0xC0:
        return False
    j = i - 1
    while j >= start and j > i - 4 and 0x80 <= buf[j] < 0xC0:
        j -= 1
    if j < start:
        return False
    c = buf[j]
    k = 2 if 0xC2 <= c <= 0xDF else 3 if 0xE0 <= c <= 0xEF else 4 if 0xF0 <= c <= 0xF4 else 0
    if j + k <= i:
        return False
    try:
        buf[j:j + k].decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class _WordUTF8:
    """grep -w in a UTF-8 locale, as GNU's EGexecute does it: a match
    counts when no word constituent (`_` or a letter or digit, non-ASCII
    ones included) touches it; otherwise shorter matches at the same start
    are tried, then later starts."""

    def __init__(self, plain):
        self.plain = plain
        self.xformed = plain.xformed
        self.xform = plain.xform
        self.mask_xformed = False
        self.falsy = False
        self.finditer_safe = False

    def dense(self, kind):
        return None

    def _matches(self, buf, lbuf, pos, lend, ls):
        plain = self.plain
        while pos <= lend:
            r = plain.span(buf, lbuf, pos, lend)
            if r is None:
                return None
            s, e = r
            if not _inside_char(buf, s, ls) and not _wordchar_before(buf, ls, s):
                while True:
                    if e >= lend or not _wordchar_at(buf, e, lend):
                        return s, e
                    if e == s:
                        break
                    e = plain.shorter(buf, s, e - 1)
                    if e is None or e == s:
                        break
            pos = s + 1
        return None

    def find(self, buf, lbuf, pos, end):
        eol = self.eol
        while pos < end:
            i = self.plain.find(buf, lbuf, pos, end)
            if i < 0:
                return -1
            j = buf.rfind(eol, pos, i)
            ls = j + 1 if j >= 0 else pos
            lend = buf.find(eol, i)
            r = self._matches(buf, lbuf, ls, lend, ls)
            if r is not None:
                return r[0]
            pos = lend + 1
        return -1

    def span(self, buf, lbuf, pos, end):
        return self._matches(buf, lbuf, pos, end, buf.rfind(self.eol, 0, pos) + 1)

    def mask(self, lines):
        xform = self.xform if self.xformed else None
        return [self._matches(x, xform(x) if xform else None, 0, len(x), 0) is not None for x in lines]


def _musts(node, icase, utf8):
    """(exact, left, right, inner) byte strings for a multicall.regex tree:
    the whole match when it is fixed, what every match starts with, ends
    with, and the longest string every match contains (GNU's dfamust).
    Under -i the strings are lower case, and only ASCII letters outside
    the ones with non-ASCII case partners (UTF-8's s, k, i) count."""
    k = node[0]
    if k == "char":
        cp = node[1]
        if 0xDC80 <= cp <= 0xDCFF:
            b = bytes((cp - 0xDC00,))
        elif cp < 0x80:
            b = bytes((cp,))
        elif not utf8:
            b = bytes((cp,))
        else:
            b = chr(cp).encode("utf-8", "surrogatepass")
        if icase and utf8 and (b in b"kKsSiI" or 0x80 <= cp < 0xDC80 or cp > 0xDCFF):
            return None, b"", b"", b""  # letters with non-ASCII case partners
        if icase:
            b = b.lower()
        return b, b, b, b
    if k == "set" and not node[2] and not node[3] and len(node[1]) == 1 and node[1][0][0] == node[1][0][1]:
        return _musts(("char", node[1][0][0]), icase, utf8)  # [+], as regex.escape writes it
    if k == "empty":
        return b"", b"", b"", b""
    if k == "assert":
        return None, b"", b"", b""  # zero-width, but not a plain string
    if k == "group":
        return _musts(node[2], icase, utf8)
    if k == "cat":
        exact, left, right, inner = b"", b"", b"", b""
        for x in node[1]:
            e2, l2, r2, i2 = _musts(x, icase, utf8)
            cands = [inner, i2, right + l2]
            inner = max(cands, key=len)
            if exact is not None:
                left = exact + l2
            if e2 is not None:
                right = right + e2
            else:
                right = r2
            exact = None if exact is None or e2 is None else exact + e2
        return exact, left, right, max(inner, left, right, key=len)
    if k == "rep":
        lo, hi = node[2], node[3]
        if lo == 0:
            return (b"" if hi == 0 else None), b"", b"", b""
        e, l, r, i = _musts(node[1], icase, utf8)
        if e is not None and hi == lo:
            e = e * lo
            return e, e, e, e
        return None, l, r, i
    if k == "alt":
        rs = [_musts(x, icase, utf8) for x in node[1]]
        es = {r[0] for r in rs}
        if len(es) == 1 and None not in es:
            e = es.pop()
            return e, e, e, e
        left = rs[0][1]
        right = rs[0][2]
        for r in rs[1:]:
            n = 0
            while n < len(left) and n < len(r[1]) and left[n] == r[1][n]:
                n += 1
            left = left[:n]
            n = 0
            while n < len(right) and n < len(r[2]) and right[-1 - n] == r[2][-1 - n]:
                n += 1
            right = right[len(right) - n:]
        return None, left, right, max(left, right, key=len)
    return None, b"", b"", b""


def _atom_bytes(node, icase, utf8, eol):
    """The bytes a one-byte node (a character, a bracket expression, `.`)
    matches, or None when it is not such a node (or may match a multibyte
    character, in a UTF-8 locale)."""
    from multicall import regex
    k = node[0]
    sep = eol[0]
    if k == "char":
        cp = node[1]
        if 0xDC80 <= cp <= 0xDCFF:
            return {cp - 0xDC00}
        if cp >= (0x80 if utf8 else 0x100):
            return None
        if icase and utf8 and cp in b"kKsSiI":
            return None
        out = {cp}
    elif k == "any":
        if utf8:
            return None
        out = set(range(256))
        out.discard(sep)
        return out
    elif k == "set":
        ranges, classes, neg = node[1], node[2], node[3]
        if utf8 and (neg or any(hi >= 0x80 for lo, hi in ranges) or any(c not in ("digit", "xdigit") for c in classes)):
            return None
        table = getattr(regex, "_CLASS_ASCII", None)
        if table is None:
            return None
        out = set()
        for lo, hi in ranges:
            out.update(range(lo, hi + 1))
        for c in classes:
            for lo, hi in table[c]:
                out.update(range(lo, hi + 1))
        if icase and utf8 and out & set(b"kKsSiI"):
            return None
        if icase:
            out |= {b ^ 32 for b in out if 65 <= b <= 90 or 97 <= b <= 122}
        if neg:
            out = set(range(256)) - out
        out.discard(sep)
        return out
    else:
        return None
    if icase:
        out |= {b ^ 32 for b in out if 65 <= b <= 90 or 97 <= b <= 122}
    return out


def _class_alphabet(tree, icase, utf8, eol):
    """Translate one-byte nodes to the numbers of the byte classes they
    match (bytes that every node treats alike share a number): (table,
    tree over class numbers).  A sequence of classes becomes a string that
    bytes.find can look for in the translated chunk."""
    atoms = {}

    def collect(node):
        k = node[0]
        if k in ("cat", "alt"):
            for x in node[1]:
                collect(x)
        elif k == "group":
            collect(node[2])
        elif k == "rep":
            collect(node[1])
        elif k in ("char", "any", "set"):
            key = repr(node)
            if key not in atoms:
                atoms[key] = _atom_bytes(node, icase, utf8, eol)
    collect(tree)
    sets = [(key, frozenset(b)) for key, b in atoms.items() if b is not None]
    if not sets:
        return None
    cells = {}
    table = bytearray(256)
    sep = eol[0]
    free = [i for i in range(256) if i != sep]
    for byte in range(256):
        if byte == sep:
            table[byte] = sep   # line ends stay line ends
            continue
        sig = tuple(byte in b for _, b in sets)
        if sig not in cells:
            cells[sig] = free[len(cells)]
        table[byte] = cells[sig]
    ids = {}
    for key, b in sets:
        found = {table[x] for x in b}
        if len(found) == 1:
            ids[key] = found.pop()

    def rebuild(node):
        k = node[0]
        if k in ("cat", "alt"):
            return (k, [rebuild(x) for x in node[1]])
        if k == "group":
            return ("group", node[1], rebuild(node[2]))
        if k == "rep":
            return ("rep", rebuild(node[1]), node[2], node[3])
        if k in ("char", "any", "set"):
            i = ids.get(repr(node))
            return ("char", i) if i is not None else ("bref", 0)  # (not a string: a break)
        return node
    return bytes(table), rebuild(tree)


def _bad_utf8(data):
    """True when `data` is not valid as glibc's UTF-8 (which, unlike
    Python's, also takes 4- to 6-byte forms up to U+7FFFFFFF)."""
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
        return False
    except UnicodeDecodeError as e:
        pos = e.start
    from _codecs import utf_8_decode
    mv = memoryview(data)
    n = len(data)
    while True:
        b = data[pos]
        k = 4 if 0xF0 <= b <= 0xF7 else 5 if 0xF8 <= b <= 0xFB else 6 if 0xFC <= b <= 0xFD else 0
        if not k or pos + k > n or any(not 0x80 <= c <= 0xBF for c in data[pos + 1:pos + k]):
            return True
        cp = b & (0x7F >> k)
        for c in data[pos + 1:pos + k]:
            cp = (cp << 6) | (c & 0x3F)
        if cp < (0x10000, 0x200000, 0x4000000)[k - 4] or 0xD800 <= cp <= 0xDFFF:
            return True  # overlong or a surrogate
        pos += k
        try:
            utf_8_decode(mv[pos:], "strict", True)
            return False
        except UnicodeDecodeError as e:
            pos += e.start


# ---------------------------------------------------------------------------
# --include / --exclude / --exclude-dir: glibc fnmatch without flags.

_CLASSES = {"alpha": "a-zA-Z", "digit": "0-9", "alnum": "0-9a-zA-Z", "upper": "A-Z", "lower": "a-z",
            "space": " \\t\\n\\v\\f\\r", "blank": " \\t", "punct": "!-/:-@\\[-`{-~", "print": " -~",
            "graph": "!-~", "cntrl": "\\x00-\\x1f\\x7f", "xdigit": "0-9A-Fa-f"}


def _glob(pattern):
    """fnmatch(pattern, name, 0) as a compiled str regex (fullmatch), over
    names decoded the way _glob_text does; None when nothing can match."""
    import re
    out = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        i += 1
        if c == "*":
            if not out or out[-1] != ".*":
                out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "\\":
            if i >= n:
                return None  # a trailing backslash matches nothing
            out.append(re.escape(pattern[i]))
            i += 1
        elif c == "[":
            j = i
            neg = j < n and pattern[j] in "!^"
            if neg:
                j += 1
            items = []
            first = True
            ok = False
            while j < n:
                c2 = pattern[j]
                if c2 == "]" and not first:
                    ok = True
                    j += 1
                    break
                first = False
                if c2 == "[" and j + 1 < n and pattern[j + 1] in ":=.":
                    d = pattern[j + 1]
                    k = pattern.find(d + "]", j + 2)
                    if k < 0:
                        break
                    name = pattern[j + 2:k]
                    j = k + 2
                    if d == ":":
                        if name not in _CLASSES:
                            return None
                        items.append(_CLASSES[name])
                    else:
                        items.append(re.escape(name))
                    continue
                if c2 == "\\" and j + 1 < n:
                    j += 1
                    c2 = pattern[j]
                lo = c2
                j += 1
                if j + 1 < n and pattern[j] == "-" and pattern[j + 1] != "]":
                    hi = pattern[j + 1]
                    if hi == "\\" and j + 2 < n:
                        hi = pattern[j + 2]
                        j += 1
                    j += 2
                    if lo <= hi:
                        items.append("%s-%s" % (re.escape(lo), re.escape(hi)))
                    continue
                items.append(re.escape(lo))
            if not ok:
                out.append("\\[")  # no closing bracket: an ordinary character
                continue
            i = j
            body = "".join(items)
            out.append(("[^%s]" % body if body else "[\\s\\S]") if neg else
                       ("[%s]" % body if body else "(?!)"))
        else:
            out.append(re.escape(c))
    return re.compile("".join(out), re.DOTALL)


class _Excludes:
    """gnulib's exclude lists as grep uses them: one for files (--include,
    --exclude, --exclude-from), one for directories (--exclude-dir).  The
    last pattern that matches decides; when none does, a name is excluded
    if the first pattern was an --include.  Names found while recursing
    are matched whole (the base name); command-line names also by every
    suffix that follows a slash."""

    def __init__(self, items, utf8):
        self.utf8 = utf8
        self.files = []
        self.dirs = []
        for kind, pat in items:
            rx = _glob(self._text(pat))
            if kind == "exclude_dir":
                self.dirs.append((rx, False))
            else:
                self.files.append((rx, kind == "include"))

    def _text(self, b):
        return b.decode("utf-8", "surrogateescape") if self.utf8 else b.decode("latin-1")

    def excluded(self, name, command_line, is_dir):
        pats = self.dirs if is_dir else self.files
        if not pats:
            return False
        text = self._text(name)
        cands = [text]
        if command_line:
            cands += [text[i + 1:] for i, c in enumerate(text) if c == "/" and text[i + 1:i + 2] != "/"]
        for rx, include in reversed(pats):
            if rx is not None and any(rx.fullmatch(t) for t in cands):
                return not include
        return pats[0][1]


# ---------------------------------------------------------------------------
# The run: configuration, files and directories, and the search itself.

_S_IFMT = 0o170000
_S_IFDIR = 0o040000
_S_IFREG = 0o100000
_DEVICES = (0o020000, 0o060000, 0o140000, 0o010000)  # char, block, socket, FIFO


def _is_device(mode):
    return mode & _S_IFMT in _DEVICES


class _Run:
    def __init__(self, o, prog, matcher, utf8):
        from multicall.stdio import stdout
        self.prog = prog
        self.o = o
        self.matcher = matcher
        self.eol = o.eol
        self.invert = o.invert
        self.max_count = o.max_count
        self.limited = 0 < o.max_count < _INTMAX   # -m NUM: stop after NUM lines
        self.out_before = o.out_before
        self.out_after = o.out_after
        self.only = o.only_matching
        self.out_line = o.out_line
        self.out_byte = o.out_byte
        self.align_tabs = o.align_tabs
        self.null = o.null
        self.line_buffered = o.line_buffered
        self.suppress = o.suppress_errors
        self.binary_files = o.binary_files
        self.check_enc = utf8 and o.binary_files != "text"
        self.list_files = o.list_files
        self.count_matches = o.count_matches
        self.exit_on_match = o.exit_on_match
        self.done_on_match0 = o.done_on_match
        self.out_quiet0 = o.count_matches or o.done_on_match
        self.out_file = o.out_file
        self.label = o.label
        self.group_separator = o.group_separator
        self.color = o.color
        self.directories = o.directories
        self.devices = o.devices
        self.logical = o.logical
        self.excl = o.excl
        self.out_stat = o.out_stat
        self.omit_dot_slash = False
        self.out = stdout()
        self.w = self.out.write
        self.errseen = False
        self.used = False        # some output group was printed (for --)
        self.offset_width = 0
        self.filename = b""
        general = (self.out_before >= 0 or self.out_after >= 0 or self.color or self.line_buffered
                   or self.align_tabs or (self.only and (self.invert or self.out_line or self.out_byte
                                                         or self.out_file or self.max_count != _INTMAX))
                   or isinstance(matcher, _Perl) and self.only)
        if not _FAST:
            self.engine0 = "general"
        elif self.out_quiet0:
            self.engine0 = "count"
        elif general:
            self.engine0 = "general"
        elif self.only:
            self.engine0 = "only" if (isinstance(matcher, _Literal) or matcher.finditer_safe) else "general"
        else:
            self.engine0 = "plain"

    # -- messages --------------------------------------------------------------

    def _name_text(self):
        return self.filename.decode("utf-8", "surrogateescape")

    def suppressible_error(self, e):
        if not self.suppress:
            write_stderr("%s: %s: %s\n" % (self.prog, self._name_text(), e.strerror or e))
        self.errseen = True

    # -- command line arguments, files and directories ---------------------------

    def command_line_arg(self, arg):
        """True when no line was selected (GNU's status bit)."""
        if arg == "-":
            self.filename = self.label if self.label is not None else b"(standard input)"
            return self.grepdesc(0, True)
        self.filename = arg.encode("utf-8", "surrogateescape")
        return self.grepfile(self.filename, True, True)

    def skip_devices(self, command_line):
        return self.devices == _SKIP or (self.devices == _READ_CMDLINE and not command_line)

    def grepfile(self, path, follow, command_line):
        flags = posix.O_RDONLY | posix.O_NOCTTY | posix.O_CLOEXEC
        if not follow:
            flags |= posix.O_NOFOLLOW
        if self.skip_devices(command_line):
            flags |= posix.O_NONBLOCK
        try:
            fd = posix.open(path, flags)
        except OSError as e:
            if follow or e.errno != 40:  # ELOOP: a link that appeared since the walk saw it
                self.suppressible_error(e)
            return True
        return self.grepdesc(fd, command_line)

    def skipped_file(self, name, command_line, is_dir):
        if is_dir:
            if self.directories == _SKIP:
                return True
            if command_line and self.omit_dot_slash:
                return False
        return self.excl is not None and self.excl.excluded(name, command_line, is_dir)

    def grepdesc(self, fd, command_line):
        status = True
        try:
            try:
                st = posix.fstat(fd)
            except OSError as e:
                self.suppressible_error(e)
                return True
            mode = st.st_mode & _S_IFMT
            if fd != 0 and self.skip_devices(command_line) and mode in _DEVICES:
                return True
            if fd != 0 and command_line and self.skipped_file(self.filename, True, mode == _S_IFDIR):
                return True
            if self.out_file < 0:
                self.out_file = int(mode == _S_IFDIR)
            if fd != 0 and self.directories == _RECURSE and mode == _S_IFDIR:
                posix.close(fd)
                fd = -1
                return self.walk(self.filename, st)
            if fd != 0 and ((self.directories == _SKIP and mode == _S_IFDIR)
                            or ((self.devices == _SKIP or (self.devices == _READ_CMDLINE and not command_line))
                                and mode in _DEVICES)):
                return True
            ost = self.out_stat
            if (not self.out_quiet0 and self.list_files is None and 1 < self.max_count and mode == _S_IFREG
                    and ost is not None and st.st_ino == ost.st_ino and st.st_dev == ost.st_dev):
                if not self.suppress:
                    write_stderr("%s: %s: input file is also the output\n" % (self.prog, self._name_text()))
                self.errseen = True
                return True
            count = self.grep(fd, st)
            w = self.w
            if self.count_matches:
                if self.out_file:
                    self.print_filename()
                    if self.null:
                        w(b"\0")
                    else:
                        self.print_sep(b":")
                w(b"%d\n" % count)
                if self.line_buffered:
                    self.out.flush()
            status = not count
            if self.list_files == ("nonmatching" if status else "matching"):
                self.print_filename()
                w(b"\0" if self.null else b"\n")
                if self.line_buffered:
                    self.out.flush()
            if fd == 0 and not self.ineof and self.outleft == 0:
                required = self.start_offset + self.after_last_match
                if required != self.start_offset + self.bufoffset:
                    try:
                        posix.lseek(0, required, 0)
                    except OSError as e:
                        if mode == _S_IFREG:
                            self.suppressible_error(e)
            return status
        finally:
            if fd > 0:
                try:
                    posix.close(fd)
                except OSError as e:
                    self.suppressible_error(e)

    def walk(self, root, root_st):
        """fts over a directory named on the command line, as grep uses it:
        readdir order, directories before their contents, -r skipping
        symbolic links below the top, -R following them (with loop
        checks)."""
        status = True
        if len(root) > 2 and root.endswith(b"/"):
            while len(root) > 1 and root[-2:-1] == b"/":
                root = root[:-1]
        base = root[:-1] if root.endswith(b"/") else root
        status &= self._walk_dir(base, root, {(root_st.st_dev, root_st.st_ino)})
        return status

    def _walk_dir(self, base, path, ancestors):
        status = True
        try:
            with posix.scandir(path) as it:
                entries = list(it)
        except OSError as e:
            self.filename = self._display(path)
            self.suppressible_error(e)
            return True
        logical = self.logical
        for ent in entries:
            name = ent.name
            child = base + b"/" + name
            st = None
            try:
                if logical:
                    try:
                        st = posix.stat(child)
                    except FileNotFoundError:
                        posix.lstat(child)
                        kind = "slnone"
                    else:
                        m = st.st_mode & _S_IFMT
                        kind = "d" if m == _S_IFDIR else "f" if m == _S_IFREG else "default"
                else:
                    if ent.is_symlink():
                        kind = "sl"
                    elif ent.is_dir(follow_symlinks=False):
                        kind = "d"
                    elif ent.is_file(follow_symlinks=False):
                        kind = "f"
                    else:
                        kind = "default"
            except OSError as e:
                self.filename = self._display(child)
                self.suppressible_error(e)
                continue
            if kind == "d":
                if st is None:
                    try:
                        st = ent.stat(follow_symlinks=False)
                    except OSError as e:
                        self.filename = self._display(child)
                        self.suppressible_error(e)
                        continue
                if (st.st_dev, st.st_ino) in ancestors:
                    kind = "dc"
            if self.skipped_file(name, False, kind in ("d", "dc")):
                continue
            self.filename = self._display(child)
            if kind == "d":
                status &= self._walk_dir(child, child, ancestors | {(st.st_dev, st.st_ino)})
            elif kind == "dc":
                if not self.suppress:
                    write_stderr("%s: %s: warning: recursive directory loop\n" % (self.prog, self._name_text()))
            elif kind == "sl":
                continue
            elif kind == "default":
                if self.skip_devices(False):
                    try:
                        m = (st or ent.stat(follow_symlinks=logical)).st_mode
                    except OSError:
                        m = 0
                    if _is_device(m):
                        continue
                status &= self.grepfile(child, logical, False)
            else:
                status &= self.grepfile(child, logical, False)
        return status

    def _display(self, path):
        if self.omit_dot_slash and path[:2] == b"./" and len(path) > 2:
            return path[2:]
        return path

    # -- output pieces -----------------------------------------------------------

    def print_filename(self):
        c = self.fn_color
        if c:
            self.w(self.sgr_start % c + self.filename + self.sgr_end)
        else:
            self.w(self.filename)

    def print_sep(self, sep):
        c = self.se_color
        if c:
            self.w(self.sgr_start % c + sep + self.sgr_end)
        else:
            self.w(sep)

    def print_offset(self, pos, color):
        if color:
            self.w(self.sgr_start % color + b"%*d" % (self.offset_width, pos) + self.sgr_end)
        else:
            self.w(b"%*d" % (self.offset_width, pos))

    # -- one file -----------------------------------------------------------------

    def grep(self, fd, st):
        """GNU's grep(): search one open file; the number of selected lines."""
        eol = self.eol
        self.lastout = None
        self.pending = 0
        self.outleft = self.max_count
        self.after_last_match = 0
        self.encoding_error_output = False
        self.nlines_first_null = -1
        self.out_quiet = self.out_quiet0
        self.done_on_match = self.done_on_match0
        self.engine = self.engine0
        self.tmpl = None
        if self.engine == "plain" and (self.out_file or self.out_line or self.out_byte):
            t = b""
            if self.out_file:
                t = self.filename.replace(b"%", b"%%") + (b"\0" if self.null else b":")
            self.tmpl = t + (b"%d:" if self.out_line else b"") + (b"%d:" if self.out_byte else b"") + b"%s" + eol
        self.base = 0
        self.lines_base = 0
        self.nl_pos = self.nl_cnt = 0
        self.ineof = False
        self.bufoffset = 0
        self.start_offset = 0
        mode = st.st_mode & _S_IFMT
        if fd == 0:
            try:
                self.start_offset = posix.lseek(0, 0, 1)
            except OSError:
                self.start_offset = 0
        if self.align_tabs:
            num = st.st_size if mode == _S_IFREG else _INTMAX
            if self.out_line and num < _INTMAX:
                num += 1
            self.offset_width = len(str(num))
        check_nul = eol == b"\n" and self.binary_files != "text"
        nul_at = -1
        read = posix.read
        saved = b""     # before-context lines and the residue: the next buffer's start
        beg = 0         # where the unprocessed data starts in it
        parts = []      # a line longer than a chunk, in pieces
        nlines = 0
        first = True
        final = False
        while not final:
            try:
                data = read(fd, _CHUNK - self.bufoffset % _CHUNK)
            except OSError as e:
                self.suppressible_error(e)
                if first:
                    return 0
                break
            if first and data and check_nul and mode == _S_IFREG and nul_at < 0:
                if self._has_holes(fd, len(data), st):
                    nul_at = 0
            first = False
            if data:
                if check_nul and nul_at < 0:
                    j = data.find(b"\0")
                    if j >= 0:
                        nul_at = self.bufoffset + j
                self.bufoffset += len(data)
                if self.nlines_first_null >= 0:
                    data = data.replace(b"\0", eol)
                if eol not in data and (nul_at < 0 or self.nlines_first_null >= 0):
                    parts.append(data)
                    continue
            else:
                self.ineof = final = True
            if parts:   # a long line is joined once, with its end
                parts.append(data)
                if final:
                    parts.append(eol)
                parts.insert(0, saved)
                buf = b"".join(parts)
                parts = []
            else:
                buf = saved + data if saved else data
                if final:
                    if len(buf) == beg:
                        break
                    if not buf.endswith(eol):
                        buf += eol
            lim = max(buf.rfind(eol, beg) + 1, beg)
            self.buf = buf
            if nul_at >= 0 and self.nlines_first_null < 0:
                # GNU reads 96 KiB at a time and notices a NUL for the whole
                # buffer that holds it: lines that ended before that buffer
                # were searched as text.
                rb = nul_at - nul_at % _GNU_BUF - self.base
                j = buf.rfind(eol, beg, max(beg, rb))
                cut = j + 1 if j >= 0 else beg
                if cut > beg:
                    nlines += self._region(buf, beg, cut)
                    if self.pending:
                        self.prpending(cut)
                    if (not self.outleft and not self.pending) or (
                            self.done_on_match and max(0, self.nlines_first_null) < nlines):
                        return self._finish(nlines)
                    beg = cut
                if self.binary_files == "without-match":
                    return 0
                if not self.count_matches:
                    self.done_on_match = self.out_quiet = True
                    if self.engine != "general":
                        self.engine = "count"
                self.nlines_first_null = nlines
                buf = self.buf = buf[:beg] + buf[beg:].replace(b"\0", eol)
                lim = max(buf.rfind(eol, beg) + 1, beg)
            if lim > beg:
                if self.outleft:
                    nlines += self._region(buf, beg, lim)
                if self.pending:
                    self.prpending(lim)
                if (not self.outleft and not self.pending) or (
                        self.done_on_match and max(0, self.nlines_first_null) < nlines):
                    return self._finish(nlines)
            if final:
                break
            # keep the leading context the next buffer may need, and the residue
            keep = lim
            ob = self.out_before
            if ob > 0 and self.engine == "general":
                lastout = self.lastout
                i = 0
                while i < ob and keep > 0 and keep != lastout:
                    i += 1
                    keep = buf.rfind(eol, 0, keep - 1) + 1
            self.lastout = 0 if self.lastout is not None and keep == self.lastout else None
            if self.out_line:
                self.lines_base = self.lineno(buf, keep) - 1
                self.nl_pos = self.nl_cnt = 0
            self.base += keep
            saved = buf[keep:]
            beg = lim - keep
        return self._finish(nlines)

    def _finish(self, nlines):
        if (not self.out_quiet0 and self.binary_files == "binary"
                and (self.encoding_error_output or 0 <= self.nlines_first_null < nlines)):
            write_stderr("%s: %s: binary file matches\n" % (self.prog, self._name_text()))
        return nlines

    def _has_holes(self, fd, size, st):
        """GNU's file_must_have_nulls: a sparse file is binary."""
        try:
            cur = posix.lseek(fd, 0, 1) if fd == 0 else size
            hole = posix.lseek(fd, cur, 4)  # SEEK_HOLE
            posix.lseek(fd, cur, 0)
        except OSError:
            return False
        return hole < st.st_size

    def lineno(self, buf, p):
        """The number of the line that holds buf[p]."""
        if p >= self.nl_pos:
            self.nl_cnt += buf.count(self.eol, self.nl_pos, p)
        else:
            self.nl_cnt -= buf.count(self.eol, p, self.nl_pos)
        self.nl_pos = p
        return self.lines_base + self.nl_cnt + 1

    def _region(self, buf, beg, lim):
        """Search the whole lines buf[beg:lim] with this file's engine."""
        self.buf = buf
        m = self.matcher
        pre = getattr(m, "pre", None)
        if pre is not None and buf.find(pre, beg, lim) < 0:
            # no line here can match: no translated copy, no regex search
            self.matcher = _NO_MATCH
            try:
                return self._region(buf, beg, lim)
            finally:
                self.matcher = m
        lbuf = self.lbuf = m.xform(buf) if m.xformed else None
        engine = self.engine
        if engine == "general":
            return self.grepbuf(beg, lim)
        if engine == "count":
            return self._count(buf, lbuf, beg, lim)
        if engine == "plain":
            return self._plain(buf, lbuf, beg, lim)
        return self._only(buf, lbuf, beg, lim)

    # -- the general engine: GNU's grepbuf/prtext/prline, line by line ------------

    def grepbuf(self, beg, lim):
        buf, lbuf = self.buf, self.lbuf
        find = self.matcher.find
        eol = self.eol
        invert = self.invert
        outleft0 = self.outleft
        p = beg
        while p < lim:
            i = find(buf, lbuf, p, lim)
            if i < 0:
                if not invert:
                    break
                b = endp = lim
            else:
                j = buf.rfind(eol, p, i)
                b = j + 1 if j >= 0 else p
                endp = buf.find(eol, i) + 1
            if not invert or p < b:
                if invert:
                    self.prtext(p, b)
                else:
                    self.prtext(b, endp)
                if not self.outleft or self.done_on_match:
                    if self.exit_on_match:
                        raise Exit(0)
                    break
            p = endp
        return outleft0 - self.outleft

    def prtext(self, beg, lim):
        """Print the selected lines buf[beg:lim] with their context."""
        buf = self.buf
        eol = self.eol
        out_quiet = self.out_quiet
        if not out_quiet and self.pending > 0:
            self.prpending(beg)
        p = beg
        if not out_quiet:
            bp = self.lastout if self.lastout is not None else 0
            for _ in range(self.out_before):
                if p > bp:
                    p = buf.rfind(eol, 0, p - 1) + 1
                else:
                    break
            if ((self.out_before >= 0 or self.out_after >= 0) and self.used and p != self.lastout
                    and self.group_separator is not None):
                c = self.se_color
                self.w((self.sgr_start % c + self.group_separator + self.sgr_end if c else self.group_separator)
                       + b"\n")
            while p < beg:
                nl = buf.find(eol, p) + 1
                self.prline(p, nl, b"-")
                p = nl
        if self.invert:
            n = 0
            outleft = self.outleft
            while p < lim and n != outleft:
                nl = buf.find(eol, p) + 1
                if not out_quiet:
                    self.prline(p, nl, b":")
                p = nl
                n += 1
        else:
            if not out_quiet:
                self.prline(beg, lim, b":")
            n = 1
            p = lim
        self.after_last_match = self.base + p
        self.pending = 0 if out_quiet else max(0, self.out_after)
        self.used = True
        self.outleft -= n

    def prpending(self, lim):
        """Print the trailing context still owed, up to lim."""
        if self.lastout is None:
            self.lastout = 0
        buf = self.buf
        while self.pending > 0 and self.lastout < lim:
            nl = buf.find(self.eol, self.lastout) + 1
            self.prline(self.lastout, nl, b"-")
            self.pending -= 1

    def prline(self, beg, lim, sep):
        buf = self.buf
        only = self.only
        if not only and not self.print_line_head(beg, lim - beg - 1, sep):
            return False
        selected = sep == b":"
        matching = selected ^ self.invert
        color = self.color
        if color:
            line_color = self.sl_color if selected ^ (self.invert and self.rv) else self.cx_color
            match_color = self.ms_color if selected else self.mc_color
        else:
            line_color = match_color = b""
        if (only and matching) or (color and (line_color or match_color)):
            if matching and (only or match_color):
                beg = self.print_line_middle(beg, lim, line_color, match_color)
                if beg is None:
                    return False
            if not only and line_color:
                beg = self.print_line_tail(beg, lim, line_color)
        if not only and lim > beg:
            self.w(buf[beg:lim])
        if self.line_buffered:
            self.out.flush()
        self.lastout = lim
        return True

    def print_line_head(self, beg, length, sep):
        buf = self.buf
        if self.check_enc and _bad_utf8(buf[beg:beg + length]):
            self.encoding_error_output = True
            return False
        w = self.w
        if self.out_file:
            self.print_filename()
            if self.null:
                w(b"\0")
            else:
                self.print_sep(sep)
        if self.out_line:
            self.print_offset(self.lineno(buf, beg), self.ln_color)
            self.print_sep(sep)
        if self.out_byte:
            self.print_offset(self.base + beg, self.bn_color)
            self.print_sep(sep)
        if self.align_tabs and (self.out_file or self.out_line or self.out_byte) and length:
            w(b"\t")
        return True

    def print_line_middle(self, beg, lim, line_color, match_color):
        buf, lbuf = self.buf, self.lbuf
        span = self.matcher.span
        w = self.w
        sgr_start, sgr_end = self.sgr_start, self.sgr_end
        cur = beg
        mid = None
        only = self.only
        while cur < lim:
            r = span(buf, lbuf, cur, lim - 1)
            if r is None:
                break
            b, e = r
            if b == lim:
                break
            if e == b:
                e = b + 1  # an empty match: make minimal progress
                if mid is None:
                    mid = cur
            else:
                if only:
                    if not self.print_line_head(b, e - b, b"-" if self.invert else b":"):
                        return None
                else:
                    if line_color:
                        w(sgr_start % line_color)
                    if mid is not None:
                        cur = mid
                        mid = None
                    w(buf[cur:b])
                if match_color:
                    w(sgr_start % match_color + buf[b:e] + sgr_end)
                else:
                    w(buf[b:e])
                if only:
                    w(self.eol)
            cur = e
        if only:
            cur = lim
        elif mid is not None:
            cur = mid
        return cur

    def print_line_tail(self, beg, lim, line_color):
        buf = self.buf
        eol_size = 1 if lim > beg and buf[lim - 1:lim] == self.eol else 0
        if lim - eol_size > beg and buf[lim - 1 - eol_size] == 13:
            eol_size += 1
        tail = lim - eol_size - beg
        if tail > 0:
            self.w(self.sgr_start % line_color + buf[beg:beg + tail] + self.sgr_end)
            beg += tail
        return beg

    # -- fast engines: no context, colour or per-line flushing ---------------------

    def _dense_mask(self, buf, lbuf, a, b):
        """(lines of buf[a:b], the matcher's verdict for each)."""
        lines = buf[a:b].split(self.eol)
        lines.pop()
        m = self.matcher
        if m.mask_xformed:
            src = lbuf[a:b].split(self.eol)
            src.pop()
        else:
            src = lines
        return lines, m.mask(src)

    def _limit(self):
        return self.outleft if self.limited else _INTMAX

    def _count(self, buf, lbuf, beg, lim):
        """Count selected lines (-c, -l, -L, -q, and binary files)."""
        eol = self.eol
        find = self.matcher.find
        limit = 1 if self.done_on_match else self._limit()
        n = 0
        pos = beg
        hits = 0
        if not self.invert:
            while pos < lim:
                i = find(buf, lbuf, pos, lim)
                if i < 0:
                    break
                n += 1
                pos = buf.find(eol, i) + 1
                if n >= limit:
                    break
                if n == 64 and not self.limited and buf.count(eol, beg, pos) < 512:
                    n += self._dense_count(buf, lbuf, pos, lim)
                    pos = lim
                    break
        else:
            while pos < lim:
                i = find(buf, lbuf, pos, lim)
                if i < 0:
                    gap_end = nxt = lim
                else:
                    j = buf.rfind(eol, pos, i)
                    gap_end = j + 1 if j >= 0 else pos
                    nxt = buf.find(eol, i) + 1
                if gap_end > pos:
                    k = buf.count(eol, pos, gap_end)
                    if n + k >= limit:
                        for _ in range(limit - n):
                            pos = buf.find(eol, pos) + 1
                        n = limit
                        break
                    n += k
                pos = nxt
                hits += 1
                if hits == 64 and not self.limited and buf.count(eol, beg, pos) < 128:
                    n += buf.count(eol, pos, lim) - self._dense_count(buf, lbuf, pos, lim)
                    pos = lim
                    break
        if n:
            self.outleft -= n
            self.after_last_match = self.base + pos
            if self.exit_on_match:
                raise Exit(0)
        return n

    def _dense_count(self, buf, lbuf, a, b):
        """The number of lines of buf[a:b] that have a match, in C."""
        m = self.matcher
        cre = m.dense("count")
        if cre is not None:
            return len(cre.findall(lbuf if m.mask_xformed else buf, a, b))
        lines, mask = self._dense_mask(buf, lbuf, a, b)
        return len(mask) - mask.count(m.falsy)

    def _dense_pays(self):
        """Is filtering a dense chunk in C faster than the sparse loop?
        Yes with prefixes to format, or with a whole-line regex; a string
        of classes without one is found fastest by the loop itself."""
        return self.tmpl is not None or self.matcher.dense("lines") is not None

    def _dense_print(self, buf, lbuf, a, b, invert):
        """Print the selected lines of buf[a:b] when most lines are: one
        findall for whole lines (or split and filter, with prefixes)."""
        m = self.matcher
        lre = None if self.tmpl is not None else m.dense("lines")
        if lre is None:
            lines, mask = self._dense_mask(buf, lbuf, a, b)
            self._emit(buf, a, b, lines, mask, invert)
            k = mask.count(m.falsy)
            return k if invert else len(mask) - k
        if invert:  # the chunk without its matching lines
            data, k = lre.subn(b"", buf[a:b])
            if self.check_enc and _bad_utf8(data):
                lines = data.split(self.eol)
                lines.pop()
                self._emit(buf, a, b, lines)
            else:
                self.w(data)
            return buf.count(self.eol, a, b) - k
        if lre.groups:  # (findall would give the groups: the lines are the matches)
            found = [m.group() for m in lre.finditer(buf, a, b)]
        else:
            found = lre.findall(buf, a, b)
        data = b"".join(found)
        if self.check_enc and _bad_utf8(data):
            self.encoding_error_output = True
            data = b"".join(x for x in found if not _bad_utf8(x))
        self.w(data)
        return len(found)

    def _emit(self, buf, a, b, lines=None, mask=None, invert=False):
        """Write the lines buf[a:b] (or those of `lines` that `mask`
        selects) with their prefixes, leaving out any that is not valid
        in the locale's encoding (GNU then says "binary file matches")."""
        eol = self.eol
        w = self.w
        prefix = self.tmpl is not None
        if lines is None and prefix and buf.find(eol, a, b - 1) < 0:   # one line: the sparse case
            line = buf[a:b - 1]
            if self.check_enc and _bad_utf8(line):
                self.encoding_error_output = True
                return
            if self.out_line:
                args = (self.lineno(buf, a), self.base + a, line) if self.out_byte else (self.lineno(buf, a), line)
            else:
                args = (self.base + a, line) if self.out_byte else (line,)
            w(self.tmpl % args)
            return
        if lines is None:
            if not prefix:
                data = buf[a:b]
                if self.check_enc and _bad_utf8(data):
                    lines = data.split(eol)
                    lines.pop()
                    mask = None
                else:
                    w(data)
                    return
            else:
                lines = buf[a:b].split(eol)
                lines.pop()
        from itertools import compress
        if mask is not None:
            if invert:
                from operator import not_
                mask = list(map(not_, mask))
            sel = list(compress(lines, mask))
        else:
            sel = lines
        if not sel:
            return
        cols = []
        if prefix:
            if self.out_line:
                first = self.lineno(buf, a)
                nums = range(first, first + len(lines))
                cols.append(nums if mask is None else compress(nums, mask))
            if self.out_byte:
                from itertools import accumulate, repeat
                offs = accumulate(map(int.__add__, map(len, lines), repeat(1)), initial=self.base + a)
                cols.append(offs if mask is None else compress(offs, mask))
        if self.check_enc:
            joined = eol.join(sel)
            if _bad_utf8(joined):
                self.encoding_error_output = True
                keep = [not _bad_utf8(x) for x in sel]
                sel = list(compress(sel, keep))
                cols = [list(compress(c, keep)) for c in cols]
                if not sel:
                    return
            elif not prefix:
                w(joined + eol)
                return
        if not prefix:
            w(eol.join(sel) + eol)
            return
        cols.append(sel)
        w(b"".join(map(self.tmpl.__mod__, zip(*cols))))

    def _plain(self, buf, lbuf, beg, lim):
        """Print the selected lines as they are (or with -H -n -b -Z prefixes)."""
        eol = self.eol
        find = self.matcher.find
        limit = self._limit()
        emit = self._emit
        n = 0
        pos = beg
        rs = re_ = beg     # a run of selected lines not written yet
        if not self.invert:
            while pos < lim:
                i = find(buf, lbuf, pos, lim)
                if i < 0:
                    break
                j = buf.rfind(eol, pos, i)
                ls = j + 1 if j >= 0 else pos
                if ls != re_:
                    if re_ > rs:
                        emit(buf, rs, re_)
                    rs = ls
                pos = re_ = buf.find(eol, i) + 1
                n += 1
                if n >= limit:
                    break
                if n == 64 and not self.limited and buf.count(eol, beg, pos) < 512 and self._dense_pays():
                    if re_ > rs:
                        emit(buf, rs, re_)
                    rs = re_ = pos
                    n += self._dense_print(buf, lbuf, pos, lim, False)
                    pos = lim
                    break
            if re_ > rs:
                emit(buf, rs, re_)
        else:
            hits = 0
            while pos < lim:
                i = find(buf, lbuf, pos, lim)
                if i < 0:
                    gap_end = nxt = lim
                else:
                    j = buf.rfind(eol, pos, i)
                    gap_end = j + 1 if j >= 0 else pos
                    nxt = buf.find(eol, i) + 1
                if gap_end > pos:
                    k = buf.count(eol, pos, gap_end)
                    if n + k >= limit:
                        e = pos
                        for _ in range(limit - n):
                            e = buf.find(eol, e) + 1
                        emit(buf, pos, e)
                        n = limit
                        pos = e
                        break
                    emit(buf, pos, gap_end)
                    n += k
                pos = nxt
                hits += 1
                if hits == 64 and not self.limited and buf.count(eol, beg, pos) < 128 and self._dense_pays():
                    n += self._dense_print(buf, lbuf, pos, lim, True)
                    pos = lim
                    break
        if n:
            self.outleft -= n
            self.after_last_match = self.base + pos
        return n

    def _only(self, buf, lbuf, beg, lim):
        """-o without prefixes: every non-empty match on its own line."""
        m = self.matcher
        if m is _NO_MATCH:
            return 0
        eol = self.eol
        if isinstance(m, _Literal):
            if not m.n:
                return 1 if lim > beg else 0
            if not m.xformed:
                c = m.count_in(buf, lbuf, beg, lim)
                if c:
                    piece = m.lit + eol
                    if self.check_enc and _bad_utf8(m.lit):
                        self.encoding_error_output = True
                    else:
                        self.w(piece * c)
                return c
            found = []
            pos = beg
            n = m.n
            while True:
                i = lbuf.find(m.lit, pos, lim)
                if i < 0:
                    break
                found.append(buf[i:i + n])
                pos = i + n
        else:
            found = m.rx.pattern_obj.findall(buf, beg, lim - 1)  # not the empty "line" after the last
            if not found:
                return 0
            found = list(filter(None, found))
            if not found:
                return 1   # only empty matches: lines were selected, nothing is printed
        if self.check_enc:
            joined = eol.join(found)
            if _bad_utf8(joined):
                self.encoding_error_output = True
                found = [x for x in found if not _bad_utf8(x)]
        if found:
            self.w(eol.join(found) + eol)
            return len(found)
        return 0 if isinstance(m, _Literal) else 1


# ---------------------------------------------------------------------------

_FAST = True   # tests turn the fast engines off to check them against the general one
_SPECIAL = frozenset(b"\\.[]*^$+?{}()|")


def _parse_colors(prog):
    """GREP_COLOR (deprecated: a warning when it has an effect) and
    GREP_COLORS, as GNU's parse_grep_colors reads them."""
    env = posix.environ
    caps = {b"ms": b"01;31", b"mc": b"01;31", b"sl": b"", b"cx": b"", b"fn": b"35", b"ln": b"32",
            b"bn": b"32", b"se": b"36"}
    rv = False
    ne = False
    legacy = env.get(b"GREP_COLOR")
    if legacy and legacy.strip(b"0123456789;"):
        legacy = None  # only digits and semicolons are taken
    if legacy:
        caps[b"ms"] = caps[b"mc"] = legacy
    spec = env.get(b"GREP_COLORS")
    if spec:
        name_start = 0
        val = None
        i = 0
        n = len(spec)
        while True:
            c = spec[i:i + 1]
            if c in (b":", b""):
                if val is None:
                    name = spec[name_start:i]
                    value = None
                else:
                    name = spec[name_start:val - 1]
                    value = spec[val:i]
                if name in caps and name != b"mt" and value is not None:
                    caps[name] = value
                elif name == b"mt":
                    if value is not None:
                        caps[b"ms"] = value
                    caps[b"mc"] = caps[b"ms"]
                elif name == b"rv":
                    rv = True
                elif name == b"ne":
                    ne = True
                if not c:
                    break
                i += 1
                name_start = i
                val = None
            elif c == b"=":
                if i == name_start or val is not None:
                    break
                i += 1
                val = i
            elif val is None:
                i += 1
            elif c == b";" or b"0" <= c <= b"9":
                i += 1
            else:
                break
            if i > n:
                break
    if legacy and (caps[b"ms"] is legacy or caps[b"mc"] is legacy):
        t = legacy.decode("utf-8", "surrogateescape")
        write_stderr("%s: warning: GREP_COLOR='%s' is deprecated; use GREP_COLORS='mt=%s'\n" % (prog, t, t))
    return {"ms_color": caps[b"ms"], "mc_color": caps[b"mc"], "sl_color": caps[b"sl"], "cx_color": caps[b"cx"],
            "fn_color": caps[b"fn"], "ln_color": caps[b"ln"], "bn_color": caps[b"bn"], "se_color": caps[b"se"],
            "rv": rv, "sgr_start": b"\33[%sm" if ne else b"\33[%sm\33[K",
            "sgr_end": b"\33[m" if ne else b"\33[m\33[K"}


def _try_fgrep(patterns, bre, icase, utf8):
    """GNU's try_fgrep_pattern: several patterns that are all plain
    strings (after removing backslashes that quote ordinary characters) are
    searched as -F would.  (A last pattern ending in a backslash is then a
    string ending in a backslash, not an error.)  None if they are not."""
    keys = b"\n".join(patterns)
    out = bytearray()
    i = 0
    n = len(keys)
    while i < n:
        c = keys[i]
        if c in b"$*.[^" or (c in b"(+?{|" and not bre):
            return None
        if c == 0x5C and i + 1 < n:
            d = keys[i + 1]
            if d in b"\nBSW'<bsw`>123456789" or (d in b"()+?{|" and bre):
                return None
            i += 1
        c = keys[i]
        k = 1
        if utf8 and c >= 0x80:
            k = 2 if 0xC2 <= c <= 0xDF else 3 if 0xE0 <= c <= 0xEF else 4 if 0xF0 <= c <= 0xF4 else 0
            try:
                keys[i:i + k].decode("utf-8")
            except UnicodeDecodeError:
                return None
            if not k or icase:
                return None
        out += keys[i:i + k]
        i += k
    return bytes(out).split(b"\n")


def _matcher(o, patterns, origins, utf8, prog):
    """The fastest matcher that is exact for these patterns and options."""
    name = o.matcher or "grep"
    icase = o.icase
    if len(patterns) > 1 and name in ("grep", "egrep"):
        fixed = _try_fgrep(patterns, name == "grep", icase, utf8)
        if fixed is not None:
            patterns = fixed
            name = "fgrep"
    if (len(patterns) == 1 and not o.word and not o.line and name in ("grep", "egrep", "fgrep")
            and (name == "fgrep" or not _SPECIAL.intersection(patterns[0])) and o.eol not in patterns[0]
            and (not icase or (patterns[0].isascii() and not (utf8 and any(c in b"kKsSiI" for c in patterns[0]))))):
        return _Literal(patterns[0], icase, o.eol)
    if o.word and not o.line and utf8 and name != "perl":
        # GNU's own -w loop, with Unicode word constituents
        class Plain:
            pass
        po = Plain()
        po.__dict__.update(o.__dict__)
        po.word = False
        po.matcher = name
        m = _WordUTF8(_matcher(po, patterns, origins, utf8, prog))
        m.eol = o.eol
        return m
    from multicall import regex
    syntax = _MATCHERS[name]
    if name == "fgrep":
        patterns = [regex.escape(p) for p in patterns]
        syntax = "grep"
    elif name == "perl" and len(patterns) > 1:
        raise Fail("the -P option only supports a single pattern", 2)
    try:
        rx = regex.compile_many(patterns, syntax, icase=icase, newline=o.eol, utf8=utf8, word=o.word,
                                line=o.line)
    except regex.RegexError as e:
        # as GNU: each pattern on its own, every error reported (FILE:LINE: for -f)
        errors = []
        for p, where in zip(patterns, origins):
            try:
                regex.compile(p, syntax, icase=icase, newline=o.eol, utf8=utf8)
            except regex.RegexError as e2:
                errors.append(("%s:%d: " % where if where else "") + str(e2))
        if not errors:
            errors.append(str(e))
        raise Fail(errors[0] + "".join("\n%s: %s" % (prog, e) for e in errors[1:]), 2) from None
    for w in rx.warnings:
        write_stderr("%s: warning: %s\n" % (prog, w))
    if name == "perl":
        src = patterns[0]
        m = _Perl(rx, any(x in src for x in (b"\\A", b"\\Z", b"\\z", b"\\G")))
    else:
        if rx.literal is not None and not icase:
            return _Literal(rx.literal, False, o.eol)
        exact, left, right, inner = _musts(rx.tree, icase, utf8)
        if exact is not None and not o.word and not o.line:
            return _Literal(exact, icase, o.eol)
        must = inner if len(inner) >= 2 and o.eol not in inner else None
        table = None
        # a byte every match has: a chunk without it is skipped unsearched
        pre = inner[:1] if inner and not (icase and inner[:1].isalpha()) else None
        if must is None:
            # the same over byte classes: `[0-9]\{5\}`, `x[0-9]`
            ca = _class_alphabet(rx.tree, icase, utf8, o.eol)
            if ca is not None:
                texact, _, _, tinner = _musts(ca[1], False, False)
                if texact is not None and texact and not o.word and not o.line:
                    m = _Literal(texact, False, o.eol, ca[0])
                    m.pre = pre
                    return m
                if len(tinner) >= 2 and len(tinner) > len(must or b""):
                    must, table = tinner, ca[0]
        m = _Regex(rx, must, icase and must is not None, table)
        m.pre = pre if must is None or table is not None else None
    m.eol = o.eol
    return m


def main(argv):
    prog = argv[0]
    name = prog
    if prog in ("egrep", "fgrep"):
        argv = ["grep", "-E" if prog == "egrep" else "-F"] + list(argv[1:])
        prog = "grep"
    try:
        return _main(argv, prog, name)
    except WriteError:
        raise  # the dispatcher reports it with status 2
    except Fail as e:
        write_stderr("%s: %s\n" % (prog, e.message))
        return e.status


def _main(argv, prog, name):
    from compat.platform import utf8_locale
    from multicall.stdio import stdout
    o = _parse(argv, prog)
    if o.show_version:   # (pybox's form, under the name it was started as)
        from multicall import VERSION
        stdout().write(("%s (pybox) %s\n" % (name, VERSION)).encode())
        return 0
    if o.show_help:
        stdout().write(_help(prog).encode("utf-8", "surrogateescape"))
        return 0
    keys = o.keys
    if keys is None:
        if not o.operands:
            _usage_error(prog)
        keys = [(p, None) for p in o.operands.pop(0).encode("utf-8", "surrogateescape").split(b"\n")]
    # standard output: a regular file (input == output check) or /dev/null (stop at first match)
    o.out_stat = None
    dev_null = False
    possibly_tty = False
    if not o.exit_on_match:
        try:
            st = posix.fstat(1)
        except OSError:
            st = None
        if st is not None:
            m = st.st_mode & _S_IFMT
            if m == _S_IFREG:
                o.out_stat = st
            elif m == 0o020000:
                try:
                    ns = posix.stat("/dev/null")
                    dev_null = (ns.st_ino, ns.st_dev) == (st.st_ino, st.st_dev)
                except OSError:
                    pass
                possibly_tty = not dev_null
    o.done_on_match = False
    if o.exit_on_match or dev_null:
        o.list_files = None
    if o.exit_on_match or dev_null or o.list_files is not None:
        o.count_matches = False
        o.done_on_match = True
    if o.out_after < 0:
        o.out_after = o.default_context
    if o.out_before < 0:
        o.out_before = o.default_context
    if o.max_count == 0:
        return 1
    if keys:
        seen = set()
        patterns = []
        origins = []
        for p, where in keys:   # GNU drops duplicate patterns
            if p not in seen:
                seen.add(p)
                patterns.append(p)
                origins.append(where)
    else:
        o.invert = not o.invert  # no patterns at all (-f /dev/null): nothing matches
        o.word = o.line = False
        patterns = [b""]
        origins = [None]
    if patterns == [b""] and o.invert and not o.word and not o.line and o.list_files != "nonmatching":
        return 1  # GNU: -v with an empty pattern cannot select anything
    if o.color == 2:
        term = posix.environ.get(b"TERM")
        o.color = int(possibly_tty and term is not None and term != b"dumb" and posix.isatty(1))
    utf8 = utf8_locale()
    o.excl = _Excludes(o.excludes, utf8) if o.excludes else None
    recursive = o.directories == _RECURSE
    n = len(o.operands)
    o.out_file = (-int(recursive) if o.filename_option == 0 and n <= 1 else int(o.filename_option >= 0))
    colors = _parse_colors(prog) if o.color else None
    matcher = _matcher(o, patterns, origins, utf8, prog)
    run = _Run(o, prog, matcher, utf8)
    if colors:
        run.__dict__.update(colors)
    else:
        run.ms_color = run.mc_color = run.sl_color = run.cx_color = b""
        run.fn_color = run.ln_color = run.bn_color = run.se_color = b""
        run.rv = False
        run.sgr_start, run.sgr_end = b"\33[%sm\33[K", b"\33[m\33[K"
    if o.line_buffered:
        run.out = stdout(line=True)
        run.w = run.out.write
    if o.operands:
        files = o.operands
    elif recursive and o.last_recursive > 0:
        files = ["."]
        run.omit_dot_slash = True
    else:
        files = ["-"]
    status = True
    for f in files:
        status &= run.command_line_arg(f)
    if run.errseen:
        return 2
    return 1 if status else 0

