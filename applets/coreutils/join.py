"""join: join lines of two sorted files on a common field, as GNU join 9.1.

Why it is fast: each file is read in 256 KiB chunks split into lines with
bytes.split, fields are cut with bytes.split (-t) or one compiled regex
(blanks), and join fields compare as plain bytes (upper-cased for -i), so
the per-line work is a few C calls.  Output lines are assembled with
bytes.join into the applet's buffered standard output.  Memory holds only
the current group of lines sharing one join value from each file.

The merge loop, the pairing of equal groups, the unpairable lines (-a, -v),
--header, -o (FORMAT, `0`, `auto`) with -e, and the order check
(--check-order / --nocheck-order, and by default a warning once the input
turns out unsorted while lines are unpairable) follow GNU join step by
step, including its obsolete argument forms (`-j1 FIELD`, and `-o` lists
continued in the next arguments), for which it uses the in-order option
scanner it shares with sort (multicall.scan.Scanner).  Collation:
bytes in the C locale and in C.UTF-8; strxfrm under another UTF-8 locale
that setlocale() accepts; -i compares ASCII-upper-cased bytes, as GNU's
memcasecmp does, in every locale.
"""
import posix

from multicall.errors import Fail, Usage, quote, quotef, write_stderr
from multicall.options import Spec, opt
from multicall.scan import ARG, DASHDASH, Scanner
from multicall.stdio import stdout


SPEC = Spec("[OPTION]... FILE1 FILE2",
            "For each pair of input lines with identical join fields, write a line to\n"
            "standard output.  The default join field is the first, delimited by blanks.\n\n"
            "When FILE1 or FILE2 (not both) is -, read standard input.",
            opt("-a FILENUM", "also print unpairable lines from file FILENUM, where\n"
                "  FILENUM is 1 or 2, corresponding to FILE1 or FILE2"),
            opt("-e STRING", "replace missing (empty) input fields with STRING;\n"
                "  I.e., missing fields specified with '-12jo' options"),
            opt("-i, --ignore-case", "ignore differences in case when comparing fields"),
            opt("-j FIELD", "equivalent to '-1 FIELD -2 FIELD'"),
            opt("-o FORMAT", "obey FORMAT while constructing output line"),
            opt("-t CHAR", "use CHAR as input and output field separator"),
            opt("-v FILENUM", "like -a FILENUM, but suppress joined output lines"),
            opt("-1 FIELD", "join on this FIELD of file 1"),
            opt("-2 FIELD", "join on this FIELD of file 2"),
            opt("--check-order", "check that the input is correctly sorted, even\n"
                "  if all input lines are pairable"),
            opt("--nocheck-order", "do not check that the input is correctly sorted"),
            opt("--header", "treat the first line in each file as field headers,\n"
                "  print them without trying to pair them"),
            opt("-z, --zero-terminated", "line delimiter is NUL, not newline"),
            epilog="Unless -t CHAR is given, leading blanks separate fields and are ignored,\n"
            "else fields are separated by CHAR.  Any FIELD is a field number counted\n"
            "from 1.  FORMAT is one or more comma or blank separated specifications,\n"
            "each being 'FILENUM.FIELD' or '0'.  Default FORMAT outputs the join field,\n"
            "the remaining fields from FILE1, the remaining fields from FILE2, all\n"
            "separated by CHAR.  If FORMAT is the keyword 'auto', then the first\n"
            "line of each file determines the number of fields output for each line.\n\n"
            "Important: FILE1 and FILE2 must be sorted on the join fields.\n"
            "E.g., use \"sort -k 1b,1\" if 'join' has no options,\n"
            "or use \"join -t ''\" if 'sort' has no options.\n"
            "Note, comparisons honor the rules specified by 'LC_COLLATE'.\n"
            "If the input is not sorted and some lines cannot be joined, a\n"
            "warning message will be given.")

_LONG_ORDER = ("ignore-case", "check-order", "nocheck-order", "zero-terminated", "header",
               "help", "version")

PTRDIFF_MAX = (1 << 63) - 1

# What an operand may turn out to be (GNU's enum operand_status).
MUST_BE_OPERAND, MIGHT_BE_J1_ARG, MIGHT_BE_J2_ARG, MIGHT_BE_O_ARG = range(4)

CHECK_DEFAULT, CHECK_ENABLED, CHECK_DISABLED = range(3)


class Line:
    """One input line: its bytes (without the delimiter) and its fields."""

    __slots__ = ("text", "fields")

    def __init__(self, text, fields):
        self.text = text
        self.fields = fields


BLANK = Line(b"", [])  # GNU's uni_blank: the missing side of an unpaired line


def _strtol(s):
    """gnulib xstrtol/xstrtoimax with no suffixes: the whole string must be
    a (signed) decimal integer, leading white space allowed."""
    t = s.lstrip(" \t\n\v\f\r")
    body = t[1:] if t[:1] in "+-" else t
    if not body or not all("0" <= c <= "9" for c in body):
        return None
    return int(t)


def string_to_join_field(s):
    """A 1-based field number as a 0-based index (huge values saturate)."""
    v = _strtol(s)
    if v is None or v <= 0:
        raise Fail("invalid field number: %s" % quote(s))
    return min(v, PTRDIFF_MAX) - 1


def decode_field_spec(s):
    if s[:1] == "0":
        if len(s) > 1:
            raise Fail("invalid field specifier: %s" % quote(s))
        return (0, 0)
    if s[:1] in ("1", "2"):
        if s[1:2] != ".":
            raise Fail("invalid field specifier: %s" % quote(s))
        return (int(s[0]), string_to_join_field(s[2:]))
    raise Fail("invalid file number in field spec: %s" % quote(s))


class Settings:
    def __init__(self, prog):
        self.prog = prog
        self.jf = [-1, -1]
        self.unpairables = [False, False]
        self.pairables = True
        self.empty = None
        self.ignore_case = False
        self.autoformat = False
        self.outlist = []
        self.tab = None  # None: blanks; b"\n" for -t '' (whole line)
        self.eol = b"\n"
        self.check = CHECK_DEFAULT
        self.header = False

    def add_field_list(self, text):
        items = text.replace("\t", ",").replace(" ", ",").split(",")
        for item in items:
            self.outlist.append(decode_field_spec(item))

    def set_join_field(self, which, val):
        cur = self.jf[which]
        if cur >= 0 and cur != val:
            raise Fail("incompatible join fields %d, %d" % (cur + 1, val + 1))
        self.jf[which] = val


def parse_args(argv):
    st = Settings(argv[0])
    sc = Scanner(SPEC, argv, order=_LONG_ORDER, status=1)
    names = [None, None]
    status = [MUST_BE_OPERAND, MUST_BE_OPERAND]
    jcount = [0, 0]
    nfiles = 0
    prev = MUST_BE_OPERAND

    def add_file_name(name, prev_status):
        nonlocal nfiles
        n = nfiles
        propagate = False
        if n == 2:
            op0 = 1 if status[0] == MUST_BE_OPERAND else 0
            arg = names[op0]
            s = status[op0]
            if s == MUST_BE_OPERAND:
                raise Usage("extra operand %s" % quotef(name, always=True))
            if s == MIGHT_BE_J1_ARG:
                jcount[0] -= 1
                st.set_join_field(0, string_to_join_field(arg))
            elif s == MIGHT_BE_J2_ARG:
                jcount[1] -= 1
                st.set_join_field(1, string_to_join_field(arg))
            else:
                st.add_field_list(arg)
            if not op0:
                status[0] = status[1]
                names[0] = names[1]
            n = 1
        status[n] = prev_status
        names[n] = name
        nfiles = n + 1
        if prev_status == MIGHT_BE_O_ARG:
            propagate = True
        return propagate

    after_dashdash = False
    while True:
        ev = sc.next()
        if ev is None:
            break
        if ev.kind == DASHDASH:
            after_dashdash = True
            continue
        cur = MUST_BE_OPERAND
        if ev.kind == ARG:
            if after_dashdash:
                add_file_name(ev.value, MUST_BE_OPERAND)
                continue
            if add_file_name(ev.value, prev):
                cur = MIGHT_BE_O_ARG
            prev = cur
            continue
        o = ev.opt
        c = o.shorts[0] if o.shorts else o.longs[0]
        v = ev.value
        if c in ("a", "v"):
            if c == "v":
                st.pairables = False
            n = _strtol(v)
            if n not in (1, 2):
                raise Fail("invalid field number: %s" % quote(v))
            st.unpairables[n - 1] = True
        elif c == "e":
            if st.empty is not None and st.empty != v:
                raise Fail("conflicting empty-field replacement strings")
            st.empty = v
        elif c == "i":
            st.ignore_case = True
        elif c == "1":
            st.set_join_field(0, string_to_join_field(v))
        elif c == "2":
            st.set_join_field(1, string_to_join_field(v))
        elif c == "j":
            if v in ("1", "2") and ev.attached and ev.first:
                is_j2 = v == "2"
                jcount[is_j2] += 1
                cur = MIGHT_BE_J2_ARG if is_j2 else MIGHT_BE_J1_ARG
            else:
                f = string_to_join_field(v)
                st.set_join_field(0, f)
                st.set_join_field(1, st.jf[0])
        elif c == "o":
            if v == "auto":
                st.autoformat = True
            else:
                st.add_field_list(v)
                cur = MIGHT_BE_O_ARG
        elif c == "t":
            t = v.encode("utf-8", "surrogateescape")
            if not t:
                t = b"\n"
            elif len(t) > 1:
                if t == b"\\0":
                    t = b"\0"
                else:
                    raise Fail("multi-character tab %s" % quote(v))
            if st.tab is not None and st.tab != t:
                raise Fail("incompatible tabs")
            st.tab = t
        elif c == "z":
            st.eol = b"\0"
        elif c == "nocheck-order":
            st.check = CHECK_DISABLED
        elif c == "check-order":
            st.check = CHECK_ENABLED
        elif c == "header":
            st.header = True
        elif c in ("help", "version"):
            SPEC.parse([st.prog, "--" + c])
        prev = cur
    if nfiles != 2:
        if nfiles == 0:
            raise Usage("missing operand")
        raise Usage("missing operand after %s" % quote(argv[-1]))
    for i in (0, 1):
        if jcount[i]:
            st.set_join_field(0, i)
            st.set_join_field(1, i)
    st.jf = [max(f, 0) for f in st.jf]
    return st, names


class Reader:
    """Lines of one input, numbered, split into fields, order-checked."""

    def __init__(self, fd, name, which, job):
        self.fd = fd
        self.name = name
        self.which = which
        self.job = job
        self.lineno = 0
        self.prev = None
        self._lines = self._gen()

    def _gen(self):
        delim = self.job.st.eol
        pend = []  # pieces of a line longer than one chunk
        read = posix.read
        while True:
            try:
                data = read(self.fd, 1 << 18)
            except OSError as e:
                raise Fail("read error: %s" % e.strerror) from None
            if not data:
                break
            parts = data.split(delim)
            if len(parts) == 1:
                pend.append(data)
                continue
            if pend:
                pend.append(parts[0])
                parts[0] = b"".join(pend)
            last = parts.pop()
            pend = [last] if last else []
            yield from parts
        if pend:
            yield b"".join(pend)

    def get(self):
        """The next line (None at the end), checked against the previous."""
        text = next(self._lines, None)
        if text is None:
            return None
        self.lineno += 1
        line = Line(text, self.job.split(text))
        if self.prev is not None:
            self.job.check_order(self.prev, line, self)
        self.prev = line
        return line


class Job:
    def __init__(self, st):
        self.st = st
        self.seen_unpairable = False
        self.warned = [False, False]
        self.out = stdout()
        self.sep = b" " if st.tab is None else st.tab
        self.filler = None if st.empty is None else st.empty.encode("utf-8", "surrogateescape")
        self.autocount = [0, 0]
        tab = st.tab
        if tab is None:
            to_space = bytes(32 if c in (9, 10) else c for c in range(256))

            def split(text):
                # Fields are runs of non-blanks; blanks at the end leave
                # one more, empty, field (as GNU's xfields does).
                t = text.translate(to_space)
                if b"  " not in t and t[:1] != b" ":
                    return t.split(b" ") if t else []
                fields = [f for f in t.split(b" ") if f]
                if fields and t[-1:] == b" ":
                    fields.append(b"")
                return fields
        elif tab == b"\n":
            def split(text):
                return [text] if text else []
        else:
            def split(text):
                return text.split(tab) if text else []
        self.split = split
        self.collate = None
        self.saved_locale = None
        if not st.ignore_case:
            self.collate, self.saved_locale = _collation()

    def keycmp(self, l1, l2, jf1, jf2):
        f1 = l1.fields[jf1] if jf1 < len(l1.fields) else b""
        f2 = l2.fields[jf2] if jf2 < len(l2.fields) else b""
        if not f1:
            return 0 if not f2 else -1
        if not f2:
            return 1
        if self.st.ignore_case:
            f1 = f1.upper()
            f2 = f2.upper()
        elif self.collate is not None:
            f1 = self.collate(f1)
            f2 = self.collate(f2)
        return (f1 > f2) - (f1 < f2)

    def check_order(self, prev, cur, reader):
        st = self.st
        which = reader.which
        if st.check == CHECK_DISABLED or not (st.check == CHECK_ENABLED or self.seen_unpairable):
            return
        if self.warned[which]:
            return
        jf = st.jf[which]
        if self.keycmp(prev, cur, jf, jf) > 0:
            text = cur.text.partition(b"\0")[0]  # GNU prints it with %.*s
            msg = "%s:%d: is not sorted: %s" % (reader.name, reader.lineno,
                                                text.decode("utf-8", "surrogateescape"))
            if st.check == CHECK_ENABLED:
                raise Fail(msg)
            from multicall.stdio import flush_stdout
            flush_stdout()
            write_stderr("%s: %s\n" % (st.prog, msg))
            self.warned[which] = True

    def field(self, n, line):
        fields = line.fields
        if n < len(fields):
            f = fields[n]
            if f:
                return f
        return self.filler or b""

    def prjoin(self, l1, l2):
        st = self.st
        jf1, jf2 = st.jf
        field = self.field
        if st.outlist:
            parts = []
            for fileno, n in st.outlist:
                if fileno == 0:
                    parts.append(field(jf2, l2) if l1 is BLANK else field(jf1, l1))
                else:
                    parts.append(field(n, l1 if fileno == 1 else l2))
        else:
            parts = [field(jf2, l2) if l1 is BLANK else field(jf1, l1)]
            self._rest(parts, l1, jf1, 0)
            self._rest(parts, l2, jf2, 1)
        self.out.write(self.sep.join(parts) + st.eol)

    def _rest(self, parts, line, jf, which):
        n = self.autocount[which] if self.st.autoformat else len(line.fields)
        field = self.field
        for i in range(min(jf, n)):
            parts.append(field(i, line))
        for i in range(jf + 1, n):
            parts.append(field(i, line))

    def run(self, r1, r2):
        st = self.st
        jf1, jf2 = st.jf
        keycmp = self.keycmp
        prjoin = self.prjoin
        pu1, pu2 = st.unpairables
        first1 = r1.get()
        first2 = r2.get()
        seq1 = [first1] if first1 is not None else []
        seq2 = [first2] if first2 is not None else []
        if st.autoformat:
            self.autocount = [len(seq1[0].fields) if seq1 else 0, len(seq2[0].fields) if seq2 else 0]
        if st.header and (seq1 or seq2):
            prjoin(seq1[0] if seq1 else BLANK, seq2[0] if seq2 else BLANK)
            r1.prev = None
            r2.prev = None
            if seq1:
                line = r1.get()
                seq1 = [line] if line is not None else []
            if seq2:
                line = r2.get()
                seq2 = [line] if line is not None else []
        while seq1 and seq2:
            diff = keycmp(seq1[0], seq2[0], jf1, jf2)
            if diff < 0:
                if pu1:
                    prjoin(seq1[0], BLANK)
                line = r1.get()
                seq1 = [line] if line is not None else []
                self.seen_unpairable = True
                continue
            if diff > 0:
                if pu2:
                    prjoin(BLANK, seq2[0])
                line = r2.get()
                seq2 = [line] if line is not None else []
                self.seen_unpairable = True
                continue
            eof1 = False
            while True:
                line = r1.get()
                if line is None:
                    eof1 = True
                    break
                seq1.append(line)
                if keycmp(line, seq2[0], jf1, jf2):
                    break
            eof2 = False
            while True:
                line = r2.get()
                if line is None:
                    eof2 = True
                    break
                seq2.append(line)
                if keycmp(seq1[0], line, jf1, jf2):
                    break
            if st.pairables:
                m1 = seq1 if eof1 else seq1[:-1]
                m2 = seq2 if eof2 else seq2[:-1]
                for a in m1:
                    for b in m2:
                        prjoin(a, b)
            seq1 = [] if eof1 else [seq1[-1]]
            seq2 = [] if eof2 else [seq2[-1]]
        checktail = st.check != CHECK_DISABLED and not (self.warned[0] and self.warned[1])
        if (pu1 or checktail) and seq1:
            if pu1:
                prjoin(seq1[0], BLANK)
            if seq2:
                self.seen_unpairable = True
            while True:
                line = r1.get()
                if line is None:
                    break
                if pu1:
                    prjoin(line, BLANK)
                if self.warned[0] and not pu1:
                    break
        if (pu2 or checktail) and seq2:
            if pu2:
                prjoin(BLANK, seq2[0])
            if seq1:
                self.seen_unpairable = True
            while True:
                line = r2.get()
                if line is None:
                    break
                if pu2:
                    prjoin(BLANK, line)
                if self.warned[1] and not pu2:
                    break


def _messages_locale():
    env = posix.environ
    for var in (b"LC_ALL", b"LC_MESSAGES", b"LANG"):
        v = env.get(var)
        if v:
            return v.decode("utf-8", "surrogateescape")
    return "C"


def _collation():
    """None for byte order (C, POSIX, C.UTF-8), else a strxfrm key under a
    UTF-8 locale that setlocale() accepts."""
    env = posix.environ
    name = "C"
    for var in (b"LC_ALL", b"LC_COLLATE", b"LANG"):
        v = env.get(var)
        if v:
            name = v.decode("utf-8", "surrogateescape")
            break
    if name in ("C", "POSIX") or name.split(".")[0].split("@")[0] == "C":
        return None, None
    if not name.lower().replace("-", "").endswith(".utf8"):
        return None, None
    import locale
    try:
        old = locale.setlocale(locale.LC_COLLATE)
        locale.setlocale(locale.LC_COLLATE, name)
    except locale.Error:
        return None, None
    strxfrm = locale.strxfrm

    def collate(field):
        return tuple(strxfrm(p) for p in field.decode("utf-8", "surrogateescape").split("\0"))
    return collate, old


def main(argv):
    st, names = parse_args(argv)
    fds = []
    try:
        for name in names:
            if name == "-":
                fds.append(0)
                continue
            try:
                fds.append(posix.open(name, posix.O_RDONLY | posix.O_CLOEXEC))
            except OSError as e:
                raise Fail("%s: %s" % (quotef(name), e.strerror)) from None
        if fds[0] == 0 and fds[1] == 0:
            # GNU passes a stale errno here: ENOENT once setlocale() has
            # looked for a locale's message catalogs, 0 in the C locale.
            raise Fail("both files cannot be standard input" + (
                "" if _messages_locale() in ("C", "POSIX") else ": No such file or directory"))
        job = Job(st)
        try:
            job.run(Reader(fds[0], names[0], 0, job), Reader(fds[1], names[1], 1, job))
        finally:
            if job.saved_locale is not None:
                import locale
                locale.setlocale(locale.LC_COLLATE, job.saved_locale)
    finally:
        for fd in fds:
            if fd > 2:
                posix.close(fd)
    if job.warned[0] or job.warned[1]:
        raise Fail("input is not in sorted order")
    return 0
