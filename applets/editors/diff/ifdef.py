"""diff -D NAME and the --GTYPE-group-format / --LTYPE-line-format
language (the behaviour of GNU's ifdef.c).

A group format is copied with these directives: %< %> %= print the
group's old, new or common lines through the line formats; %(A=B?T:E) is
a conditional whose A and B are numbers or letters; %c'C' and %c'\\OOO'
are characters; a printf spec %[-'0][WIDTH][.PREC]{doxX} followed by a
letter prints one of the group's numbers (F L N E M for the new group,
lower case for the old); %% is %.  A line format has %l (the line without
its newline), %L (with it), printf specs ending in n (the line number),
%c and %%.  Anything else is copied as is, a malformed directive included.
"""
from applets.editors.diff.output import NEW, OLD, UNCHANGED


class _Group:
    __slots__ = ("t", "frm", "upto")

    def __init__(self, t, frm, upto):
        self.t = t
        self.frm = frm
        self.upto = upto


def _num(g, i):
    return i + g.t.prefix_lines + 1


def _letter(groups, letter):
    """groups_letter_value, or None for an unknown letter."""
    g = groups[0]
    if letter and letter in b"EFLMN":
        g = groups[1]
        letter = letter.lower()
    if letter == b"e":
        return _num(g, g.frm) - 1
    if letter == b"f":
        return _num(g, g.frm)
    if letter == b"l":
        return _num(g, g.upto) - 1
    if letter == b"m":
        return _num(g, g.upto)
    if letter == b"n":
        return g.upto - g.frm
    return None


def _char_literal(f, i):
    """scan_char_literal from f[i] (just after the opening quote):
    (value byte, index after the closing quote) or None."""
    n = len(f)
    if i >= n:
        return None
    c = f[i]
    i += 1
    if c == 39:
        return None
    if c == 92:
        value = 0
        start = i
        while True:
            if i >= n:
                return None
            c = f[i]
            i += 1
            if c == 39:
                break
            d = c - 48
            if not 0 <= d < 8:
                return None
            value = 8 * value + d
        if not 1 <= i - start - 1 <= 3:
            return None
        return value & 0xFF, i
    if i >= n or f[i] != 39:
        return None
    return c, i + 1


def _printf_spec(f, i, value_of):
    """do_printf_spec at f[i] == '%': (bytes, index after) or None.
    value_of(letter) gives the number for a letter, or None."""
    n = len(f)
    j = i + 1
    flags = b""
    while j < n and f[j] in b"-'0":
        if f[j] != 39:
            flags += f[j:j + 1]
        j += 1
    w0 = j
    while j < n and 48 <= f[j] <= 57:
        j += 1
    width = f[w0:j]
    prec = None
    if j < n and f[j] == 46:
        j += 1
        p0 = j
        while j < n and 48 <= f[j] <= 57:
            j += 1
        prec = f[p0:j]
    c = f[j:j + 1]
    c1 = f[j + 1:j + 2]
    j += 2
    if c == b"c":
        if c1 != b"'":
            return None
        r = _char_literal(f, j)
        if r is None:
            return None
        return bytes((r[0],)), r[1]
    if c in (b"d", b"o", b"x", b"X"):
        if not c1:
            return None
        v = value_of(c1)
        if v is None:
            return None
        return _cformat(flags, width, prec, c, v), j
    return None


def _cformat(flags, width, prec, conv, v):
    """C printf of an integer with the flags - and 0, a width and a
    precision."""
    neg = v < 0
    a = -v if neg else v
    digits = {b"d": "%d", b"o": "%o", b"x": "%x", b"X": "%X"}[conv] % a
    if prec is not None:
        p = int(prec) if prec else 0
        if p == 0 and a == 0:
            digits = ""
        digits = digits.rjust(p, "0")
    sign = "-" if neg else ""
    w = int(width) if width else 0
    body = sign + digits
    if len(body) < w:
        if b"-" in flags:
            body = body.ljust(w)
        elif b"0" in flags and prec is None:
            body = sign + digits.rjust(w - len(sign), "0")
        else:
            body = body.rjust(w)
    return body.encode()


class Ifdef:
    def __init__(self, pr):
        self.pr = pr
        self.s = pr.s
        self.t0, self.t1 = pr.texts
        self.out = []

    def lines(self, out, fmt, g):
        """print_ifdef_lines: the group's lines through line format fmt
        (nothing when out is None: a branch not taken)."""
        if out is None:
            return
        t = g.t
        frm, upto = g.frm, g.upto
        if frm >= upto:
            return
        pr = self.pr
        texts = t.lines(frm, upto)
        if not self.s.expand_tabs:
            if fmt == b"%l\n":
                out.append(b"\n".join(texts) + b"\n")
                return
            if fmt == b"%L":
                data = b"\n".join(texts)
                if not (t.missing and upto == t.valid_lines):
                    data += b"\n"
                out.append(data)
                return
        n = len(fmt)
        for k, text in enumerate(texts):
            line_no = frm + k
            has_nl = t.has_nl(line_no)
            i = 0
            while i < n:
                c = fmt[i]
                i += 1
                if c == 37 and i < n:
                    d = fmt[i]
                    if d == 37:
                        out.append(b"%")
                        i += 1
                        continue
                    if d == 108:  # l
                        out.append(pr.render(text))
                        i += 1
                        continue
                    if d == 76:  # L
                        out.append(pr.render(text + b"\n" if has_nl else text))
                        i += 1
                        continue
                    r = _printf_spec(fmt, i - 1, lambda L: _num(g, line_no) if L == b"n" else None)
                    if r is not None:
                        out.append(r[0])
                        i = r[1]
                        continue
                out.append(bytes((c,)))

    def group(self, out, f, i, end, groups):
        """format_group from f[i] up to the first free `end` byte; returns
        the index of that byte (or len(f))."""
        s = self.s
        n = len(f)
        while i < n and f[i] != end:
            c = f[i]
            i += 1
            f1 = i
            if c == 37 and i < n:
                d = f[i]
                i += 1
                if d == 37:
                    if out is not None:
                        out.append(b"%")
                    continue
                if d == 40:  # (
                    r = self._conditional(out, f, i, groups)
                    if r is not None:
                        i = r
                        continue
                    i = f1
                elif d == 60:
                    self.lines(out, s.line_format[OLD], groups[0])
                    continue
                elif d == 61:
                    self.lines(out, s.line_format[UNCHANGED], groups[0])
                    continue
                elif d == 62:
                    self.lines(out, s.line_format[NEW], groups[1])
                    continue
                else:
                    r = _printf_spec(f, f1 - 1, lambda L: _letter(groups, L))
                    if r is not None:
                        if out is not None:
                            out.append(r[0])
                        i = r[1]
                        continue
                    i = f1
            if out is not None:
                out.append(bytes((c,)))
        return i

    def _conditional(self, out, f, i, groups):
        n = len(f)
        values = []
        for k in range(2):
            if i < n and 48 <= f[i] <= 57:
                j = i
                while j < n and 48 <= f[j] <= 57:
                    j += 1
                v = int(f[i:j])
                if v >= 1 << 63:
                    return None
                i = j
            else:
                v = _letter(groups, f[i:i + 1]) if i < n else None
                if v is None:
                    return None
                i += 1
            if i >= n or f[i] != b"=?"[k]:
                return None
            i += 1
            values.append(v)
        if values[0] == values[1]:
            then_out, else_out = out, None
        else:
            then_out, else_out = None, out
        i = self.group(then_out, f, i, 58, groups)  # up to ':'
        if i < n:
            i = self.group(else_out, f, i + 1, 41, groups)  # up to ')'
            if i < n:
                i += 1
        return i

    def format(self, fmt, beg0, end0, beg1, end1):
        groups = (_Group(self.t0, beg0, end0), _Group(self.t1, beg1, end1))
        self.group(self.out, fmt, 0, -1, groups)
        if len(self.out) > 4096:
            self.flush()

    def flush(self):
        if self.out:
            self.pr.w.write(b"".join(self.out))
            self.out = []

    def run(self, script):
        pr = self.pr
        gf = self.s.group_format
        t0, t1 = self.t0, self.t1
        next0 = next1 = -t0.prefix_lines
        for ch in script:
            kind, first0, last0, first1, last1 = pr.analyze([ch])
            if not kind:
                continue
            pr.begin()
            if next0 < first0 or next1 < first1:
                self.format(gf[UNCHANGED], next0, first0, next1, first1)
            next0 = last0 + 1
            next1 = last1 + 1
            self.format(gf[kind], first0, next0, first1, next1)
        if next0 < t0.valid_lines or next1 < t1.valid_lines:
            pr.begin()
            self.format(gf[UNCHANGED], next0, t0.valid_lines, next1, t1.valid_lines)
        self.flush()
