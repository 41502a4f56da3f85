"""diff's output formats: normal, context, unified, ed, forward ed and
RCS here; side by side in sdiff.py and the #ifdef / group- and
line-format language in ifdef.py.  GNU's colors (--color, --palette),
headers ("diff -r A B", the ---/+++ and ***/--- lines with nanosecond
times) and "\\ No newline at end of file" markers are reproduced.

A script is a list of changes (line0, line1, deleted, inserted) with line
numbers counted from the start of the compared middle region (negative in
the identical prefix).  Each hunk is rendered into a list of bytes and
written once; plain runs of lines are joined with one bytes.join.
"""
from multicall.stdio import stdout

UNCHANGED, OLD, NEW, CHANGED = range(4)
_LETTER = b"?dac"
_NO_NL = b"\\ No newline at end of file\n"

# color contexts and GNU's default palette
RESET, HEADER, LINE_NUMBER, ADD, DELETE = "rs", "hd", "ln", "ad", "de"
_PALETTE = {"lc": b"\033[", "rc": b"m", "ec": b"", "rs": b"0", "hd": b"1",
            "ad": b"32", "de": b"31", "ln": b"36"}
_NAMES = ("lc", "rc", "ec", "rs", "hd", "ad", "de", "ln")

_PRINTABLE = bytes(range(0x20, 0x7F))
_ESCAPES = {97: 7, 98: 8, 101: 27, 102: 12, 110: 10, 114: 13, 116: 9, 118: 11, 63: 127, 95: 32}


def _funky(p, i, equals_end=False):
    """ls's get_funky_string on bytes p from i: (value, new i, ok)."""
    out = bytearray()
    n = len(p)
    while True:
        c = p[i] if i < n else 0
        if c in (0, 58) or (equals_end and c == 61):  # NUL, ':' (or '=')
            return bytes(out), i, True
        if c == 92:  # backslash
            i += 1
            c = p[i] if i < n else 0
            if c == 0:
                return bytes(out), i, False
            if 48 <= c <= 55:
                num = c - 48
                i += 1
                while i < n and 48 <= p[i] <= 55:
                    num = (num << 3) + p[i] - 48
                    i += 1
                out.append(num & 0xFF)
                continue
            if c in (120, 88):
                num = 0
                i += 1
                while i < n and chr(p[i]) in "0123456789abcdefABCDEF":
                    num = (num << 4) + int(chr(p[i]), 16)
                    i += 1
                out.append(num & 0xFF)
                continue
            out.append(_ESCAPES.get(c, c))
            i += 1
            continue
        if c == 94:  # caret
            i += 1
            c = p[i] if i < n else 0
            if 64 <= c <= 126:
                out.append(c & 31)
                i += 1
            elif c == 63:
                out.append(127)  # and, as in GNU, the '?' is read again
            else:
                return bytes(out), i, False
            continue
        out.append(c)
        i += 1


def parse_palette(text, prog):
    """The indicators of a --palette value, or None (after GNU's messages)
    when it cannot be parsed."""
    from multicall.errors import write_stderr
    ind = dict(_PALETTE)
    p = text.encode("utf-8", "surrogateescape")
    i = 0
    n = len(p)
    while True:
        if i >= n:
            return ind
        c = p[i]
        if c == 58:
            i += 1
            continue
        if c == 42:  # '*EXT=VALUE' entries are parsed and have no use here
            _, i, ok = _funky(p, i + 1, True)
            if not ok or i >= n or p[i] != 61:
                break
            _, i, ok = _funky(p, i + 1)
            if not ok:
                break
            continue
        if i + 1 >= n:
            break
        label = p[i:i + 2]
        i += 2
        if i >= n or p[i] != 61:
            break
        i += 1
        name = label.decode("latin-1")
        ok = False
        if name in _NAMES:
            value, i, ok = _funky(p, i)
            if ok:
                ind[name] = value
        if not ok:  # GNU says this for a bad value too
            write_stderr("%s: unrecognized prefix: %s\n" % (prog, label.decode("utf-8", "surrogateescape")))
            break
    write_stderr("%s: unparsable value for --palette\n" % prog)
    return None


def hard_time_locale():
    """gnulib hard_locale(LC_TIME): the locale in force for times is
    neither C nor POSIX (and setlocale would accept it)."""
    import posix
    env = posix.environ
    name = b""
    for k in (b"LC_ALL", b"LC_TIME", b"LANG"):
        if env.get(k):
            name = env[k]
            break
    if name in (b"", b"C", b"POSIX"):
        return False
    if name.lower().replace(b"-", b"") == b"c.utf8":
        return True
    import locale
    try:
        old = locale.setlocale(locale.LC_TIME)
        locale.setlocale(locale.LC_TIME, name.decode("latin-1"))
        locale.setlocale(locale.LC_TIME, old)
        return True
    except (locale.Error, ValueError):
        return False


_DAYS = (b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun")
_MONTHS = (b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct",
           b"Nov", b"Dec")


def timestamp(f, iso=True):
    """GNU's header time in local time: %Y-%m-%d %H:%M:%S.%N %z, or for
    -c in the C locale %a %b %e %T %Y."""
    import time
    ns = f.now if f.now is not None else f.st.st_mtime_ns
    sec, frac = divmod(ns, 1000000000)
    try:
        tm = time.localtime(sec)
    except (OverflowError, OSError, ValueError):
        return b"%d.%09d" % (sec, frac)
    if not iso:
        return b"%s %s %2d %02d:%02d:%02d %d" % (
            _DAYS[tm.tm_wday], _MONTHS[tm.tm_mon - 1], tm.tm_mday, tm.tm_hour, tm.tm_min,
            tm.tm_sec, tm.tm_year)
    off = tm.tm_gmtoff or 0
    sign = "-" if off < 0 else "+"
    off = abs(off) // 60
    return ("%04d-%02d-%02d %02d:%02d:%02d.%09d %s%02d%02d" % (
        tm.tm_year, tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, frac,
        sign, off // 60, off % 60)).encode()


def _enc(name):
    return name.encode("utf-8", "surrogateescape")


_NEEDS_QUOTE = bytes(range(0x21)) + b'"\\' + bytes(range(0x80, 0x100))
_C_ESC = {7: b"\\a", 8: b"\\b", 9: b"\\t", 10: b"\\n", 11: b"\\v", 12: b"\\f", 13: b"\\r",
          34: b'\\"', 92: b"\\\\"}


def cquote(name):
    """A file name as GNU diff 3.8 shows it in headers (quotearg's
    c-maybe style): bare unless it holds a space, a double quote, a
    backslash, a control character or a non-ASCII byte; then in double
    quotes with C escapes."""
    b = _enc(name)
    if len(b.translate(None, _NEEDS_QUOTE)) == len(b):
        return b
    out = [b'"']
    for c in b:
        if c in _C_ESC:
            out.append(_C_ESC[c])
        elif c < 0x20 or c >= 0x80:
            out.append(b"\\%03o" % c)
        else:
            out.append(bytes((c,)))
    out.append(b'"')
    return b"".join(out)


class Printer:
    """The output side of one diff run (its color state lasts the run)."""

    def __init__(self, s):
        self.s = s
        self.w = stdout()
        self.ind = None
        self.last = RESET
        self.cmp = None
        self.texts = None
        self.begun = False

    def set_palette(self, palette):
        self.ind = parse_palette(palette, self.s.prog) if palette else dict(_PALETTE)

    def message(self, data):
        self.w.write(data)

    def flush(self):
        self.w.flush()

    # -- colors ------------------------------------------------------------

    def col(self, ctx):
        """The escape sequence that switches to color context ctx."""
        if self.ind is None or self.last == ctx:
            return b""
        self.last = ctx
        ind = self.ind
        return ind["lc"] + ind[ctx] + ind["rc"]

    # -- per pair of files ----------------------------------------------------

    def setup(self, cmp, t0, t1):
        self.cmp = cmp
        self.texts = (t0, t1)
        self.begun = False

    def begin(self):
        """GNU's begin_output: the "diff ..." line inside directories and
        the context/unified header, once, before the first hunk."""
        if self.begun:
            return
        self.begun = True
        s = self.s
        f0, f1 = self.cmp.files
        out = []
        if self.cmp.parent is not None:
            out.append(self.col(HEADER))
            out.append(b"diff" + s.switch_string + b" " + cquote(f0.name) + b" " + cquote(f1.name))
            out.append(self.col(RESET))
            out.append(b"\n")
        if s.style in ("context", "unified"):
            marks = (b"---", b"+++") if s.style == "unified" else (b"***", b"---")
            iso = s.style == "unified" or hard_time_locale()
            for k, f in enumerate((f0, f1)):
                out.append(self.col(HEADER))
                label = s.labels[k]
                if label is not None:
                    out.append(marks[k] + b" " + _enc(label))
                else:
                    out.append(marks[k] + b" " + cquote(f.name) + b"\t" + timestamp(f, iso))
                out.append(self.col(RESET))
                out.append(b"\n")
        self.w.write(b"".join(out))

    # -- line rendering ---------------------------------------------------

    def render(self, text, flagfmt=None):
        """output_1_line: the text, with tabs expanded under -t (a CR in
        the middle of a line repeats the flag after it)."""
        if not self.s.expand_tabs:
            return text
        if not text.translate(None, _PRINTABLE):
            return text  # no tab, CR, backspace or unprintable byte
        if not text.translate(None, _PRINTABLE + b"\t"):
            return text.expandtabs(self.s.tabsize)
        ts = self.s.tabsize
        out = bytearray()
        col = 0
        n = len(text)
        for k in range(n):
            c = text[k]
            if c == 9:
                sp = ts - col % ts
                col += sp
                out += b" " * sp
            elif c == 13:
                out.append(c)
                if flagfmt is not None and k + 1 < n:
                    out += flagfmt
                col = 0
            elif c == 8:
                if col == 0:
                    continue
                col -= 1
                out.append(c)
            else:
                if 0x20 <= c < 0x7F:
                    col += 1
                out.append(c)
        return bytes(out)

    def line_block(self, flag, t, a, b, ctx):
        """Lines a..b-1 of text t, each behind flag (print_1_line_nl), in
        color ctx."""
        s = self.s
        lines = t.lines(a, b)
        if not lines:
            return b""
        last_incomplete = t.missing and b == t.valid_lines
        if (self.ind is None and not s.expand_tabs and not s.initial_tab
                and not s.suppress_blank_empty):
            head = flag + b" "
            data = head + (b"\n" + head).join(lines) + b"\n"
            if last_incomplete:
                data += _NO_NL
            return data
        sep = b"\t" if s.initial_tab else b" "
        flagfmt = flag + sep
        out = []
        last = len(lines) - 1
        for k, text in enumerate(lines):
            nl = not (last_incomplete and k == last)
            out.append(self.col(ctx))
            if s.suppress_blank_empty and not text:
                out.append(flag[1:] if flag[:1] == b" " else flag)
            else:
                out.append(flagfmt)
            out.append(self.render(text, flagfmt))
            if not nl:
                out.append(self.col(RESET))
                out.append(b"\n" + _NO_NL)
            out.append(self.col(RESET))
            if nl:
                out.append(b"\n")
        return b"".join(out)

    # -- hunks ---------------------------------------------------------------

    def trivial(self, t, a, b):
        """True when lines a..b-1 of t are all ignorable (-B, -I)."""
        s = self.s
        skip_ws = s.ignore_blank and s.white >= 2
        for text in t.lines(a, b):
            if s.ignore_blank:
                if not text:
                    continue
                if skip_ws and not text.translate(None, b" \t\n\v\f\r"):
                    continue
            if s.ignore_regexps and any(r.search(text) is not None for r in s.ignore_regexps):
                continue
            return False
        return True

    def analyze(self, hunk):
        """analyze_hunk: (changes, first0, last0, first1, last1), changes
        0 when every line of the hunk may be ignored."""
        s = self.s
        t0, t1 = self.texts
        first0, first1 = hunk[0][0], hunk[0][1]
        show_from = show_to = 0
        trivial = s.ignore_blank or bool(s.ignore_regexps)
        for l0, l1, d, i in hunk:
            show_from += d
            show_to += i
            if trivial:
                trivial = self.trivial(t0, l0, l0 + d) and self.trivial(t1, l1, l1 + i)
        last = hunk[-1]
        last0 = last[0] + last[2] - 1
        last1 = last[1] + last[3] - 1
        if trivial:
            return 0, first0, last0, first1, last1
        return (1 if show_from else 0) | (2 if show_to else 0), first0, last0, first1, last1

    def has_changes(self, script):
        """Whether any change counts (with -B/-I some may not)."""
        s = self.s
        if not (s.ignore_blank or s.ignore_regexps):
            return bool(script)
        return any(self.analyze([ch])[0] for ch in script)

    def hunks(self, script):
        """Group changes into hunks as find_hunk does (context/unified): a
        change joins the previous one when fewer than 2*CONTEXT+1 lines
        (CONTEXT if it may be ignored) separate them."""
        ctx = self.s.context
        ignore = None
        if self.s.ignore_blank or self.s.ignore_regexps:
            ignore = [not self.analyze([ch])[0] for ch in script]
        out = []
        i = 0
        n = len(script)
        while i < n:
            j = i
            while j + 1 < n:
                l0, l1, d, ins = script[j]
                thresh = ctx if (ignore is not None and ignore[j + 1]) else 2 * ctx + 1
                if script[j + 1][0] - (l0 + d) < thresh:
                    j += 1
                else:
                    break
            out.append(script[i:j + 1])
            i = j + 1
        return out

    @staticmethod
    def num(t, i):
        return i + t.prefix_lines + 1

    def range_normal(self, t, a, b, sep=b","):
        ta, tb = self.num(t, a), self.num(t, b)
        if tb > ta:
            return b"%d%s%d" % (ta, sep, tb)
        return b"%d" % tb

    # -- the formats ---------------------------------------------------------

    def print_script(self, cmp, t0, t1, script):
        self.setup(cmp, t0, t1)
        getattr(self, "_" + self.s.style)(script)

    def changes(self, script):
        """The changes of a script that show, one at a time, as analyze()
        tells them: (kind, first0, last0, first1, last1), begin() done."""
        for ch in script:
            change = self.analyze([ch])
            if change[0]:
                self.begin()
                yield change

    def _normal(self, script):
        t0, t1 = self.texts
        w = self.w.write
        for kind, f0, l0, f1, l1 in self.changes(script):
            out = [self.col(LINE_NUMBER), self.range_normal(t0, f0, l0), _LETTER[kind:kind + 1],
                   self.range_normal(t1, f1, l1), self.col(RESET), b"\n"]
            if kind & 1:
                out.append(self.line_block(b"<", t0, f0, l0 + 1, DELETE))
            if kind == 3:
                out.append(b"---\n")
            if kind & 2:
                out.append(self.line_block(b">", t1, f1, l1 + 1, ADD))
            w(b"".join(out))

    def _widen(self, f0, l0, f1, l1):
        t0, t1 = self.texts
        ctx = self.s.context
        lo = -t0.prefix_lines
        f0 = max(f0 - ctx, lo)
        f1 = max(f1 - ctx, lo)
        l0 = l0 + ctx if l0 < t0.valid_lines - ctx else t0.valid_lines - 1
        l1 = l1 + ctx if l1 < t1.valid_lines - ctx else t1.valid_lines - 1
        return f0, l0, f1, l1

    def _function(self, first0):
        """The -F line for a hunk whose context starts at first0 (GNU's
        find_function: search back to where the last search started, else
        the last line found)."""
        t0 = self.texts[0]
        i = first0
        last = self.fn_last_search
        self.fn_last_search = i
        regs = self.s.function_regexps
        while last <= i - 1:
            i -= 1
            text = t0.line(i)
            if any(r.search(text) is not None for r in regs):
                self.fn_last_match = i
                return text
        if self.fn_last_match is not None:
            return t0.line(self.fn_last_match)
        return None

    @staticmethod
    def _function_text(line):
        i = 0
        n = len(line)
        while i < n and line[i] in b" \t\v\f\r":
            i += 1
        j = min(n, i + 40)
        while j > i and line[j - 1] in b" \t\n\v\f\r":
            j -= 1
        return b" " + line[i:j]

    def _context_hunks(self, script):
        """The hunks of a context or unified diff that show, one at a time:
        (hunk, kind, first0, last0, first1, last1, -F/-p line or None), the
        ranges widened by the context, begin() done."""
        self.fn_last_search = -self.texts[0].prefix_lines
        self.fn_last_match = None
        for hunk in self.hunks(script):
            kind, f0, l0, f1, l1 = self.analyze(hunk)
            if not kind:
                continue
            f0, l0, f1, l1 = self._widen(f0, l0, f1, l1)
            function = self._function(f0) if self.s.function_regexps else None
            self.begin()
            yield hunk, kind, f0, l0, f1, l1, function

    def _context(self, script):
        t0, t1 = self.texts
        w = self.w.write
        for hunk, kind, f0, l0, f1, l1, function in self._context_hunks(script):
            out = [b"***************"]
            if function is not None:
                out.append(self._function_text(function))
            out += [b"\n", self.col(LINE_NUMBER), b"*** ", self._crange(t0, f0, l0), b" ****",
                    self.col(RESET), b"\n"]
            if kind & 1:
                out.append(self._context_side(t0, f0, l0, hunk, 0))
            out += [self.col(LINE_NUMBER), b"--- ", self._crange(t1, f1, l1), b" ----",
                    self.col(RESET), b"\n"]
            if kind & 2:
                out.append(self._context_side(t1, f1, l1, hunk, 1))
            w(b"".join(out))

    def _crange(self, t, a, b):
        ta, tb = self.num(t, a), self.num(t, b)
        if tb <= ta:
            return b"%d" % tb
        return b"%d,%d" % (ta, tb)

    def _context_side(self, t, first, last, hunk, side):
        """One side of a context hunk: "  " for common lines, "- "/"+ "
        for lines only on this side, "! " for changed ones; GNU colors the
        whole side."""
        ctx = DELETE if side == 0 else ADD
        out = []
        k = 0
        n = len(hunk)
        i = first
        while i <= last:
            while k < n and hunk[k][side] + hunk[k][2 + side] <= i:
                k += 1
            if k < n and hunk[k][side] <= i:
                ch = hunk[k]
                flag = b"!" if ch[3 - side] > 0 else (b"-" if side == 0 else b"+")
                stop = min(ch[side] + ch[2 + side], last + 1)
            else:
                flag = b" "
                stop = last + 1 if k >= n else min(hunk[k][side], last + 1)
            out.append(self.line_block(flag, t, i, stop, ctx))
            i = stop
        return b"".join(out)

    def _uline(self, mark, t, i, text, ctx):
        """One unified-format line (mark is b' ', b'-' or b'+')."""
        s = self.s
        nl = not (t.missing and i == t.valid_lines - 1)
        out = [self.col(ctx)] if ctx != RESET else []
        if mark == b" ":
            if not (s.suppress_blank_empty and not text):
                out.append(b"\t" if s.initial_tab else b" ")
        else:
            out.append(mark)
            if s.initial_tab and not (s.suppress_blank_empty and not text):
                out.append(b"\t")
        out.append(self.render(text))
        if not nl:
            out.append(self.col(RESET))
            out.append(b"\n" + _NO_NL)
        if ctx != RESET:
            out.append(self.col(RESET))
        if nl:
            out.append(b"\n")
        return b"".join(out)

    def _ublock(self, mark, t, a, b, ctx):
        s = self.s
        lines = t.lines(a, b)
        if not lines:
            return b""
        if (self.ind is None and not s.expand_tabs and not s.initial_tab
                and not s.suppress_blank_empty and not (t.missing and b == t.valid_lines)):
            return mark + (b"\n" + mark).join(lines) + b"\n"
        return b"".join(self._uline(mark, t, a + k, text, ctx) for k, text in enumerate(lines))

    def _unified(self, script):
        t0, t1 = self.texts
        w = self.w.write
        for hunk, kind, f0, l0, f1, l1, function in self._context_hunks(script):
            out = [self.col(LINE_NUMBER), b"@@ -", self._urange(t0, f0, l0), b" +",
                   self._urange(t1, f1, l1), b" @@", self.col(RESET)]
            if function is not None:
                out.append(self._function_text(function))
            out.append(b"\n")
            i, j = f0, f1
            for l0c, l1c, d, ins in hunk:
                if i < l0c:
                    out.append(self._ublock(b" ", t0, i, l0c, RESET))
                    j += l0c - i
                    i = l0c
                if d:
                    out.append(self._ublock(b"-", t0, i, i + d, DELETE))
                    i += d
                if ins:
                    out.append(self._ublock(b"+", t1, j, j + ins, ADD))
                    j += ins
            if i <= l0:
                out.append(self._ublock(b" ", t0, i, l0 + 1, RESET))
            w(b"".join(out))

    def _urange(self, t, a, b):
        ta, tb = self.num(t, a), self.num(t, b)
        if tb <= ta:
            return b"%d,0" % tb if tb < ta else b"%d" % tb
        return b"%d,%d" % (ta, tb - ta + 1)

    def _plain(self, t, a, b):
        """print_1_line("", ...) for lines a..b-1: the lines as they are,
        an incomplete last line without its newline."""
        lines = t.lines(a, b)
        if not lines:
            return b""
        if self.s.expand_tabs:
            lines = [self.render(x) for x in lines]
        data = b"\n".join(lines)
        if not (t.missing and b == t.valid_lines):
            data += b"\n"
        return data

    def _ed(self, script):
        t0, t1 = self.texts
        w = self.w.write
        for kind, f0, l0, f1, l1 in self.changes(reversed(script)):
            out = [self.range_normal(t0, f0, l0), _LETTER[kind:kind + 1], b"\n"]
            if kind != 1:
                insert = True
                for k, text in enumerate(t1.lines(f1, l1 + 1)):
                    if not insert:
                        out.append(b"a\n")
                        insert = True
                    if text == b".":
                        # a lone dot would end the insertion: write two,
                        # leave insert mode, and remove one with s/.//
                        out.append(b"..\n.\ns/.//\n")
                        insert = False
                    else:
                        out.append(self._plain(t1, f1 + k, f1 + k + 1))
                if insert:
                    out.append(b".\n")
            w(b"".join(out))

    def _forward_ed(self, script):
        t0, t1 = self.texts
        w = self.w.write
        for kind, f0, l0, f1, l1 in self.changes(script):
            out = [_LETTER[kind:kind + 1], self.range_normal(t0, f0, l0, b" "), b"\n"]
            if kind != 1:
                out.append(self._plain(t1, f1, l1 + 1))
                out.append(b".\n")
            w(b"".join(out))

    def _rcs(self, script):
        t0, t1 = self.texts
        w = self.w.write
        for kind, f0, l0, f1, l1 in self.changes(script):
            tf0, tl0 = self.num(t0, f0), self.num(t0, l0)
            out = []
            if kind & 1:
                out.append(b"d%d %d\n" % (tf0, tl0 - tf0 + 1 if tf0 <= tl0 else 1))
            if kind & 2:
                tf1, tl1 = self.num(t1, f1), self.num(t1, l1)
                out.append(b"a%d %d\n" % (tl0, tl1 - tf1 + 1 if tf1 <= tl1 else 1))
                out.append(self._plain(t1, f1, l1 + 1))
            w(b"".join(out))

    def _sdiff(self, script):
        from applets.editors.diff.sdiff import SideBySide
        SideBySide(self).run(script)

    def _ifdef(self, script):
        from applets.editors.diff.ifdef import Ifdef
        Ifdef(self).run(script)
