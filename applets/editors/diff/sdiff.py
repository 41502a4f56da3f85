"""diff -y: two columns, as GNU's side.c lays them out.

Each half line is cut to the half width: printable ASCII advances one
column, a tab to the next tab stop (kept as a tab unless -t), a carriage
return starts over, a backspace steps back; in a UTF-8 locale a valid
multibyte character advances by its display width (wide East Asian
characters two, combining marks none), and bytes that are not a valid
character are printed without advancing, as every non-ASCII byte is in
the C locale.  A line of plain printable ASCII is simply sliced.
"""
from applets.editors.diff.output import ADD, DELETE, RESET

_ASCII_PRINT = bytes(range(0x20, 0x7F))


def _wcwidth(ch):
    """glibc-like wcwidth of one character."""
    import unicodedata
    o = ord(ch)
    if o < 0x20 or 0x7F <= o < 0xA0:
        return -1
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me") or (cat == "Cf" and o != 0xAD) or 0x1160 <= o <= 0x11FF:
        return 0
    if cat in ("Cs", "Co", "Cn"):
        return -1
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    return 1


class SideBySide:
    def __init__(self, pr):
        self.pr = pr
        s = pr.s
        self.s = s
        self.t0, self.t1 = pr.texts
        self.hw = s.half_width
        self.c2o = s.column2
        self.tabsize = s.tabsize
        self.expand = s.expand_tabs
        from compat.platform import utf8_locale
        self.utf8 = utf8_locale()
        self.out = []

    def tab_from_to(self, frm, to):
        out = self.out
        if not self.expand:
            ts = self.tabsize
            tab = frm + ts - frm % ts
            while tab <= to:
                out.append(b"\t")
                frm = tab
                tab += ts
        if frm < to:
            out.append(b" " * (to - frm))
        return to

    def half(self, text, indent, bound):
        """print_half_line: write the text cut to `bound` columns; return
        the output column reached."""
        if not text.translate(None, _ASCII_PRINT):
            piece = text[:bound]
            if piece:
                self.out.append(piece)
            return len(piece)
        out = self.out
        ts = self.tabsize
        inp = outp = 0
        i = 0
        n = len(text)
        while i < n:
            c = text[i]
            i += 1
            if 0x20 <= c < 0x7F:
                inp += 1
                if inp <= bound:
                    outp = inp
                    out.append(bytes((c,)))
                continue
            if c == 9:
                spaces = ts - inp % ts
                if inp == outp:
                    stop = outp + spaces
                    if self.expand:
                        if bound < stop:
                            stop = bound
                        if outp < stop:
                            out.append(b" " * (stop - outp))
                            outp = stop
                    elif stop < bound:
                        outp = stop
                        out.append(b"\t")
                inp += spaces
                continue
            if c == 13:
                out.append(b"\r")
                self.tab_from_to(0, indent)
                inp = outp = 0
                continue
            if c == 8:
                if inp != 0:
                    inp -= 1
                    if inp < bound:
                        if outp <= inp:
                            if outp < inp:
                                out.append(b" " * (inp - outp))
                            outp = inp
                        else:
                            outp = inp
                            out.append(b"\b")
                continue
            if c == 12 or c == 11 or c == 0:
                if inp < bound:
                    out.append(bytes((c,)))
                continue
            if c < 0x80:
                # another control character: valid, of no width
                if inp <= bound:
                    outp = inp
                    out.append(bytes((c,)))
                continue
            if self.utf8:
                size = 2 if 0xC2 <= c <= 0xDF else 3 if 0xE0 <= c <= 0xEF else 4 if 0xF0 <= c <= 0xF4 else 0
                if size and i - 1 + size <= n:
                    seq = text[i - 1:i - 1 + size]
                    try:
                        ch = seq.decode("utf-8")
                    except UnicodeDecodeError:
                        ch = None
                    if ch is not None:
                        w = _wcwidth(ch)
                        if w > 0:
                            inp += w
                        if inp <= bound:
                            outp = inp
                            out.append(seq)
                        i += size - 1
                        continue
            if inp < bound:
                out.append(bytes((c,)))
        return outp

    def line(self, left, sep, right):
        """print_1sdiff_line: left and right are (text, has_newline) or None."""
        pr = self.pr
        out = self.out
        hw = self.hw
        reset = False
        if sep == b"<":
            out.append(pr.col(DELETE))
            reset = True
        elif sep == b">":
            out.append(pr.col(ADD))
            reset = True
        put_newline = False
        col = 0
        if left is not None:
            put_newline = left[1]
            col = self.half(left[0], 0, hw)
        if sep != b" ":
            col = self.tab_from_to(col, (hw + self.c2o - 1) // 2) + 1
            if sep == b"|" and put_newline != right[1]:
                sep = b"/" if put_newline else b"\\"
            out.append(sep)
        if right is not None:
            put_newline = put_newline or right[1]
            if right[0]:
                col = self.tab_from_to(col, self.c2o)
                self.half(right[0], col, hw)
        if put_newline:
            out.append(b"\n")
        if reset:
            out.append(pr.col(RESET))

    @staticmethod
    def item(t, i):
        return (t.line(i), t.has_nl(i))

    def common(self, limit0, limit1):
        s = self.s
        i0, i1 = self.next0, self.next1
        t0, t1 = self.t0, self.t1
        if not s.suppress_common and (i0 != limit0 or i1 != limit1):
            if s.merge_assist:
                self.out.append(b"i%d,%d\n" % (limit0 - i0, limit1 - i1))
            if not s.left_column:
                while i0 != limit0 and i1 != limit1:
                    self.line(self.item(t0, i0), b" ", self.item(t1, i1))
                    i0 += 1
                    i1 += 1
                while i1 != limit1:
                    self.line(None, b")", self.item(t1, i1))
                    i1 += 1
            while i0 != limit0:
                self.line(self.item(t0, i0), b"(", None)
                i0 += 1
            if len(self.out) > 4096:
                self.flush()
        self.next0, self.next1 = limit0, limit1

    def flush(self):
        if self.out:
            self.pr.w.write(b"".join(self.out))
            self.out = []

    def run(self, script):
        pr = self.pr
        t0, t1 = self.t0, self.t1
        pr.begin()
        self.next0 = self.next1 = -t0.prefix_lines
        for ch in script:
            kind, first0, last0, first1, last1 = pr.analyze([ch])
            if not kind:
                continue
            self.common(first0, first1)
            if self.s.merge_assist:
                self.out.append(b"c%d,%d\n" % (last0 - first0 + 1, last1 - first1 + 1))
            if kind == 3:
                i, j = first0, first1
                while i <= last0 and j <= last1:
                    self.line(self.item(t0, i), b"|", self.item(t1, j))
                    i += 1
                    j += 1
                kind = (1 if i <= last0 else 0) + (2 if j <= last1 else 0)
                self.next0 = first0 = i
                self.next1 = first1 = j
            if kind & 2:
                j = first1
                while j <= last1:
                    self.line(None, b">", self.item(t1, j))
                    j += 1
                self.next1 = j
            if kind & 1:
                i = first0
                while i <= last0:
                    self.line(self.item(t0, i), b"<", None)
                    i += 1
                self.next0 = i
            if len(self.out) > 4096:
                self.flush()
        self.common(t0.valid_lines, t1.valid_lines)
        self.flush()
