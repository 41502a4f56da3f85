"""nl: number the lines of files, with GNU's logical pages.

A logical page has a header, a body and a footer, started by lines that
hold only the section delimiter three, two or one times (\\:\\:\\:, \\:\\:,
\\:); each section has its own numbering style (-h, -b, -f: a, t, n or
pBRE) and the number restarts at -v unless -p is given.

Speed: a chunk's lines are numbered in one list comprehension per chunk
(one bytes % formatting per numbered line) as long as no line in the
chunk can be a section delimiter and -l is 1; otherwise each line goes
through the general per-line path.  The line number, the current section
and the blank-line count carry on from one file to the next, as in GNU.

pBRE takes a POSIX basic regular expression with GNU's extensions,
compiled by the shared layer (multicall/regex.py, docs/regex.md) in GNU
nl's syntax and the locale's characters.
"""

from multicall.errors import Exit, Fail, quote, try_help, write_stderr
from multicall.options import Spec, opt
from multicall.stdio import BUFSIZE, chunks, each_file, stdout

INTMAX = (1 << 63) - 1
INTMIN = -(1 << 63)
INT_MAX = (1 << 31) - 1



class _Spec(Spec):
    """nl acts on its options in command-line order: record them."""

    def _apply(self, ns, o, val, shown):
        Spec._apply(self, ns, o, val, shown)
        if not hasattr(ns, "trace"):
            ns.trace = []
        ns.trace.append((o.dest, getattr(ns, o.dest)))


SPEC = _Spec("[OPTION]... [FILE]...",
             "Write each FILE to standard output, with line numbers added.\n\n"
             "With no FILE, or when FILE is -, read standard input.\n\n"
             "Mandatory arguments to long options are mandatory for short options too.",
             opt("-b, --body-numbering=STYLE", "use STYLE for numbering body lines"),
             opt("-d, --section-delimiter=CC", "use CC for logical page delimiters"),
             opt("-f, --footer-numbering=STYLE", "use STYLE for numbering footer lines"),
             opt("-h, --header-numbering=STYLE", "use STYLE for numbering header lines"),
             opt("-i, --line-increment=NUMBER", "line number increment at each line"),
             opt("-l, --join-blank-lines=NUMBER", "group of NUMBER empty lines counted as one"),
             opt("-n, --number-format=FORMAT", "insert line numbers according to FORMAT"),
             opt("-p, --no-renumber", "do not reset line numbers for each section"),
             opt("-s, --number-separator=STRING", "add STRING after (possible) line number"),
             opt("-v, --starting-line-number=NUMBER", "first line number for each section"),
             opt("-w, --number-width=NUMBER", "use NUMBER columns for line numbers"),
             epilog="Default options are: -bt -d'\\:' -fn -hn -i1 -l1 -n'rn' -s<TAB> -v1 -w6\n\n"
             "CC are two delimiter characters used to construct logical page delimiters;\n"
             "a missing second character implies ':'.  As a GNU extension one can specify\n"
             "more than two characters, and also specifying the empty string (-d '')\n"
             "disables section matching.\n\n"
             "STYLE is one of:\n\n"
             "  a      number all lines\n"
             "  t      number only nonempty lines\n"
             "  n      number no lines\n"
             "  pBRE   number only lines that contain a match for the basic regular\n"
             "         expression, BRE\n\n"
             "FORMAT is one of:\n\n"
             "  ln     left justified, no leading zeros\n"
             "  rn     right justified, no leading zeros\n"
             "  rz     right justified, leading zeros\n")


def _integer(text, lo, hi, message):
    """GNU's xdectoimax: a decimal in [lo, hi], or Fail with its reason."""
    s = text.lstrip(" \t\n\v\f\r")
    sign = 1
    if s[:1] in ("+", "-"):
        sign = -1 if s[0] == "-" else 1
        s = s[1:]
    if not s or not s.isdigit() or not s.isascii():
        raise Fail("%s: %s" % (message, quote(text)))
    v = sign * int(s)
    if v > INTMAX or v < INTMIN:
        reason = "Value too large for defined data type"
    elif v < lo or v > hi:
        reason = ("Value too large for defined data type" if v > INT_MAX // 2
                  else "Numerical result out of range")
    else:
        return v
    raise Fail("%s: %s: %s" % (message, quote(text), reason))


def compile_bre(pat):
    """The search method for pBRE: GNU nl's syntax (POSIX basic, as expr
    and csplit use it) through the shared regex layer, in the locale's
    characters; an invalid pattern is GNU's message."""
    from multicall.regex import RegexError, compile
    try:
        return compile(pat, "expr").search
    except RegexError as e:
        raise Fail(str(e)) from None


# -- numbering --------------------------------------------------------------------

class Numberer:
    """The numbering state, carried across files."""

    def __init__(self, styles, delim, start, incr, renumber, join, fmt, width, sep):
        self.styles = styles  # section name -> ("a"|"t"|"n", None) or ("p", search)
        self.start = start
        self.incr = incr
        self.renumber = renumber
        self.join = join
        self.width = width
        self.sep = sep
        flag = {"ln": b"-", "rn": b"", "rz": b"0"}[fmt]
        self.template = b"%" + flag + b"%dd" % width
        self.blank = b" " * (width + len(sep))
        self.line_no = start
        self.overflow = False
        self.blank_lines = 0
        self.section = "body"
        d = bytes(delim)
        if len(d) >= 2:
            self.prefix = d[:2]
            self.delims = {d * 3: "header", d * 2: "body", d: "footer"}
        else:
            self.prefix = None  # -d '': no section matching
            self.delims = {}

    def number(self):
        if self.overflow:
            raise Fail("line number overflow")
        text = self.template % self.line_no + self.sep
        n = self.line_no + self.incr
        if n > INTMAX or n < INTMIN:
            self.overflow = True
        else:
            self.line_no = n
        return text

    def line(self, line, out):
        """Number one line (without its newline) into out."""
        prefix = self.prefix
        if prefix is not None and line[:2] == prefix:
            section = self.delims.get(line)
            if section is not None:
                self.section = section
                if self.renumber:
                    self.line_no = self.start
                    self.overflow = False
                out.append(b"\n")
                return
        style, search = self.styles[self.section]
        if style == "a":
            if self.join > 1:
                if line or (self.blank_lines + 1) == self.join:
                    out.append(self.number())
                    self.blank_lines = 0
                else:
                    self.blank_lines += 1
                    out.append(self.blank)
            else:
                out.append(self.number())
        elif style == "t":
            out.append(self.number() if line else self.blank)
        elif style == "n":
            out.append(self.blank)
        else:
            out.append(self.number() if search(line) else self.blank)
        out.append(line + b"\n")

    def lines(self, lines, out):
        """Number whole lines: in bulk when no line can start a section."""
        prefix = self.prefix
        style, search = self.styles[self.section]
        count = len(lines)
        bulk = not (prefix is not None and any(line[:2] == prefix for line in lines))
        if bulk and style == "a" and self.join > 1:
            bulk = False
        if bulk and style != "n" and not self.overflow:
            last = self.line_no + self.incr * count
            bulk = INTMIN <= last <= INTMAX and INTMIN <= self.line_no - self.incr <= INTMAX
        if not bulk:
            for line in lines:
                self.line(line, out)
            return
        blank = self.blank
        if style == "n":
            out.append(blank + (b"\n" + blank).join(lines) + b"\n")
            return
        fmt = self.template + self.sep.replace(b"%", b"%%") + b"%s\n"
        incr = self.incr
        from itertools import count as counter
        numbers = counter(self.line_no, incr)
        if style == "a":
            out.append(b"".join([fmt % (n, line) for n, line in zip(numbers, lines)]))
            self.line_no += incr * count
            return
        nxt = numbers.__next__
        if style == "t":
            text = b"".join([fmt % (nxt(), line) if line else blank + line + b"\n" for line in lines])
        else:
            text = b"".join([fmt % (nxt(), line) if search(line) else blank + line + b"\n"
                             for line in lines])
        self.line_no = nxt()
        out.append(text)


def _settings(opts):
    """Walk the options in order, as GNU's getopt loop does."""
    prog = opts.prog
    styles = {"header": ("n", None), "body": ("t", None), "footer": ("n", None)}
    delim = bytearray(b"\\:")
    start, incr, renumber, join, fmt, width, sep = 1, 1, True, 1, "rn", 6, b"\t"
    ok = True
    names = {"header_numbering": "header", "body_numbering": "body", "footer_numbering": "footer"}
    for dest, value in getattr(opts, "trace", []):
        if dest in names:
            raw = value.encode("utf-8", "surrogateescape")
            if raw[:1] in (b"a", b"t", b"n"):
                styles[names[dest]] = (raw[:1].decode(), None)
            elif raw[:1] == b"p":
                styles[names[dest]] = ("p", compile_bre(raw[1:]))
            else:
                write_stderr("%s: invalid %s numbering style: %s\n" % (prog, names[dest], quote(value)))
                ok = False
        elif dest == "starting_line_number":
            start = _integer(value, INTMIN, INTMAX, "invalid starting line number")
        elif dest == "line_increment":
            incr = _integer(value, INTMIN, INTMAX, "invalid line number increment")
        elif dest == "no_renumber":
            renumber = False
        elif dest == "join_blank_lines":
            join = _integer(value, 1, INTMAX, "invalid line number of blank lines")
        elif dest == "number_separator":
            sep = value.encode("utf-8", "surrogateescape")
        elif dest == "number_width":
            width = _integer(value, 1, INT_MAX, "invalid line number field width")
        elif dest == "number_format":
            if value in ("ln", "rn", "rz"):
                fmt = value
            else:
                write_stderr("%s: invalid line numbering format: %s\n" % (prog, quote(value)))
                ok = False
        elif dest == "section_delimiter":
            raw = value.encode("utf-8", "surrogateescape")
            if len(raw) in (1, 2):
                delim[:len(raw)] = raw  # POSIX: a missing second character stays
            else:
                delim = bytearray(raw)  # GNU extension
    if not ok:
        write_stderr(try_help(prog))
        raise Exit(1)
    return Numberer(styles, delim, start, incr, renumber, join, fmt, width, sep)


def main(argv):
    opts = SPEC.parse(argv)
    num = _settings(opts)
    out = stdout()
    pending = []  # the pieces of a line not finished yet (in this input)

    def number(fd, name):
        for data in chunks(fd, BUFSIZE):
            if b"\n" not in data:
                pending.append(data)
                continue
            if pending:
                pending.append(data)
                data = b"".join(pending)
                pending.clear()
            lines = data.split(b"\n")
            carry = lines.pop()
            if carry:
                pending.append(carry)
            parts = []
            try:
                num.lines(lines, parts)
            finally:
                out.write(b"".join(parts))

    def end():
        if pending:
            last = b"".join(pending)
            pending.clear()
            parts = []
            try:
                num.line(last, parts)
            finally:
                out.write(b"".join(parts))

    return each_file(opts.prog, opts.operands, number, end)
