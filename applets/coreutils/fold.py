"""fold: wrap input lines to fit in a given width.

A 256 KiB chunk whose lines all fit (max(map(len, lines)), no TAB,
backspace or CR to count) is written as it is.  Otherwise each long line
is cut with slices: runs of ordinary bytes are handled whole, and only the
bytes that move the column in other ways (TAB to the next multiple of 8,
backspace one back, CR to column 0; all of them plain bytes with -b) are
stepped over one by one.  -s breaks after the last blank (space or TAB)
that fits, as GNU fold does.  A line longer than a chunk is carried as
fold state, never re-read, so memory stays flat.
"""

from multicall.errors import Fail
from multicall.options import Spec, opt
from multicall.stdio import BUFSIZE, chunks, each_file, stdout

TAB_WIDTH = 8
SIZE_MAX = (1 << 64) - 1


def decimal(text, lo, hi, message):
    """GNU's xdectoumax: a decimal number in [lo, hi] (leading blanks and
    '+' allowed), or Fail with its message and reason."""
    from multicall.errors import quote
    s = text.lstrip(" \t\n\v\f\r")
    if s[:1] == "+":
        s = s[1:]
    if not s or not s.isdigit() or not s.isascii():
        raise Fail("%s: %s" % (message, quote(text)))
    v = int(s)
    if v > SIZE_MAX:
        reason = "Value too large for defined data type"
    elif v < lo or v > hi:
        reason = ("Value too large for defined data type" if v > ((1 << 31) - 1) // 2
                  else "Numerical result out of range")
    else:
        return v
    raise Fail("%s: %s: %s" % (message, quote(text), reason))



def _width(text):
    return decimal(text, 1, SIZE_MAX - TAB_WIDTH - 1, "invalid number of columns")


class _Spec(Spec):
    """-NUM is -w NUM: a bare digit goes through the width check too."""

    def _apply(self, ns, o, val, shown):
        if val is None and o.kind == "optarg":
            val = o.const
        Spec._apply(self, ns, o, val, shown)


SPEC = _Spec("[OPTION]... [FILE]...",
             "Wrap input lines in each FILE, writing to standard output.\n\n"
             "With no FILE, or when FILE is -, read standard input.\n\n"
             "Mandatory arguments to long options are mandatory for short options too.",
             opt("-b, --bytes", "count bytes rather than columns"),
             opt("-s, --spaces", "break at spaces"),
             opt("-w, --width=WIDTH", "use WIDTH columns instead of 80", type=_width),
             # The obsolete -NUM: -12 is -w 12 (each digit takes the rest).
             *(opt("-%d[N]" % d, None, dest="width", const=str(d),
                   type=lambda v, d=d: _width(v if v.startswith(str(d)) else str(d) + v))
               for d in range(10)))


class Folder:
    """The fold state of one file: the pending output line and its column."""

    def __init__(self, width, spaces, count_bytes):
        self.width = width
        self.spaces = spaces
        self.bytes = count_bytes
        self.buf = bytearray()
        self.col = 0
        self.out = []
        self.special = None if count_bytes else _next_special

    def column(self, data, col=0):
        """The column after writing data from column col."""
        if self.bytes:
            return col + len(data)
        i = 0
        n = len(data)
        search = self.special
        while i < n:
            j = search(data, i)
            if j < 0:
                return col + n - i
            col += j - i
            col = _adjust(col, data[j])
            i = j + 1
        return col

    def overflow(self, c, newcol):
        """Character c would go past the width: break the line.  Returns
        True if c was taken onto the (empty) line after all."""
        buf = self.buf
        if self.spaces:
            blank = max(buf.rfind(b" "), buf.rfind(b"\t"))
            if blank >= 0:
                self.out.append(bytes(buf[:blank + 1]) + b"\n")
                del buf[:blank + 1]
                self.col = self.column(buf)
                return False
        if not buf:
            buf.append(c)
            self.col = newcol
            return True
        self.out.append(bytes(buf) + b"\n")
        buf.clear()
        self.col = 0
        return False

    def plain(self, run):
        """Add a run of bytes that each move one column on."""
        width = self.width
        i = 0
        n = len(run)
        while i < n:
            room = width - self.col
            if n - i <= room:
                self.buf += run[i:] if i else run
                self.col += n - i
                return
            if room > 0:
                self.buf += run[i:i + room]
                self.col = width
                i += room
            if self.overflow(run[i], self.col + 1):
                i += 1

    def text(self, data):
        """Add bytes of one line (no newline in them)."""
        if self.bytes or self.special is None:
            self.plain(data)
            return
        i = 0
        n = len(data)
        search = self.special
        while i < n:
            j = search(data, i)
            if j < 0:
                j = n
            if j > i:
                self.plain(data[i:j])
            if j == n:
                return
            c = data[j]
            while True:
                newcol = _adjust(self.col, c)
                if newcol <= self.width:
                    self.buf.append(c)
                    self.col = newcol
                    break
                if self.overflow(c, newcol):
                    break
            i = j + 1

    def newline(self):
        self.out.append(bytes(self.buf) + b"\n")
        self.buf.clear()
        self.col = 0

    def cut(self, line):
        """A whole line of plain bytes, folded from the start of a line."""
        width = self.width
        n = len(line)
        if not self.spaces:
            return b"\n".join([line[i:i + width] for i in range(0, n, width)])
        pieces = []
        start = 0
        tabs = self.bytes and b"\t" in line
        while n - start > width:
            end = line.rfind(b" ", start, start + width)
            if tabs:
                end = max(end, line.rfind(b"\t", start, start + width))
            end = end + 1 if end >= 0 else start + width
            pieces.append(line[start:end])
            start = end
        pieces.append(line[start:])
        return b"\n".join(pieces)

    def feed(self, data):
        """Fold a chunk; returns the output it completes."""
        width = self.width
        lines = data.split(b"\n")
        last = lines.pop()
        out = self.out
        at_start = not self.buf and self.col == 0
        if at_start and lines and max(map(len, lines)) <= width \
                and (self.bytes or len(data.translate(None, b"\t\b\r")) == len(data)):
            # Every complete line fits as it is.
            out.append(data[:len(data) - len(last)])
        else:
            simple = self.bytes
            for line in lines:
                if at_start and (simple or len(line.translate(None, b"\t\b\r")) == len(line)):
                    out.append(line + b"\n" if len(line) <= width else self.cut(line) + b"\n")
                else:
                    self.text(line)
                    self.newline()
                    at_start = True
        if last:
            self.text(last)
        data = b"".join(out)
        out.clear()
        return data

    def finish(self):
        """What is left at the end of the file (no newline is added)."""
        out = bytes(self.buf)
        self.buf.clear()
        self.col = 0
        return out


def _next_special(data, i):
    """The index of the next TAB, backspace or CR at or after i, or -1."""
    best = -1
    for c in (b"\t", b"\b", b"\r"):
        j = data.find(c, i)
        if j >= 0 and (best < 0 or j < best):
            best = j
    return best


def _adjust(col, c):
    """The column after byte c (GNU's adjust_column, counting columns)."""
    if c == 8:
        return col - 1 if col > 0 else 0
    if c == 13:
        return 0
    if c == 9:
        return col + TAB_WIDTH - col % TAB_WIDTH
    return col + 1


def main(argv):
    opts = SPEC.parse(argv)
    width = opts.width if opts.width is not None else 80
    out = stdout()
    prog = opts.prog
    folder = Folder(width, opts.spaces, opts.bytes)  # finish() leaves it as new

    def fold_one(fd, name):
        for data in chunks(fd, BUFSIZE):
            out.write(folder.feed(data))

    return each_file(prog, opts.operands, fold_one, lambda: out.write(folder.finish()))
