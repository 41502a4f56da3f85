"""comm: compare two sorted files line by line.

Each file is read in 256 KiB chunks split into lists of lines.  While a
chunk is in sorted order (checked once, in C, with map(operator.le)), the
merge moves through it with bisect: a whole run of lines that sorts before
the other file's current line goes to its column in one join, so a Python
step is taken per run, not per line.  A chunk out of order is merged line
by line, with GNU's order checking (--check-order, the default check once
an unpairable line was seen, --nocheck-order).

Lines compare as bytes (memcmp, then length), as GNU comm does in the C
locale; the locale's collation order is not used.
"""
import posix

from multicall.errors import Fail, Usage, quote, quotef
from multicall.options import Spec, opt
from multicall.stdio import BUFSIZE, open_input, stdout

SPEC = Spec("[OPTION]... FILE1 FILE2",
            "Compare sorted files FILE1 and FILE2 line by line.\n\n"
            "When FILE1 or FILE2 (not both) is -, read standard input.\n\n"
            "With no options, produce three-column output.  Column one contains\n"
            "lines unique to FILE1, column two contains lines unique to FILE2,\n"
            "and column three contains lines common to both files.",
            opt("-1", "suppress column 1 (lines unique to FILE1)", dest="no1"),
            opt("-2", "suppress column 2 (lines unique to FILE2)", dest="no2"),
            opt("-3", "suppress column 3 (lines that appear in both files)", dest="no3"),
            opt("--check-order", "check that the input is correctly sorted, even\n"
                "  if all input lines are pairable", dest="check", kind="const", const=True),
            opt("--nocheck-order", "do not check that the input is correctly sorted",
                dest="check", kind="const", const=False),
            opt("--output-delimiter=STR", "separate columns with STR", kind="list"),
            opt("--total", "output a summary"),
            opt("-z, --zero-terminated", "line delimiter is NUL, not newline"),
            epilog="Note, comparisons honor the rules specified by 'LC_COLLATE'.\n\n"
            "Examples:\n"
            "  comm -12 file1 file2  Print only lines present in both file1 and file2.\n"
            "  comm -3 file1 file2  Print lines in file1 not in file2, and vice versa.")



class _Lines:
    """The lines of one input, a chunk at a time: `lines` is the current
    list, `pos` the next line, and `ordered` says whether the list (with
    the line before it) is in sorted order."""

    def __init__(self, fd, name, delim):
        self.fd = fd
        self.name = name
        self.delim = delim
        self.pending = []  # the pieces of a line not finished yet
        self.eof = False
        self.lines = []
        self.pos = 0
        self.ordered = True
        self.last = None  # the line before lines[0], if any

    def fill(self):
        """Make lines[pos] available; False at the end of the input."""
        if self.pos < len(self.lines):
            return True
        if self.lines:
            self.last = self.lines[-1]
        self.lines = []
        self.pos = 0
        while not self.eof:
            try:
                data = posix.read(self.fd, BUFSIZE)
            except OSError as e:
                raise Fail("%s: %s" % (quotef(self.name), e.strerror)) from None
            if not data:
                self.eof = True
                if self.pending:
                    self.lines = [b"".join(self.pending)]
                    self.pending = []
                break
            if self.delim not in data:
                self.pending.append(data)
                continue
            if self.pending:
                self.pending.append(data)
                data = b"".join(self.pending)
            lines = data.split(self.delim)
            carry = lines.pop()
            self.pending = [carry] if carry else []
            self.lines = lines
            break
        if not self.lines:
            return False
        from operator import le
        lines = self.lines
        self.ordered = ((self.last is None or self.last <= lines[0])
                        and all(map(le, lines, lines[1:])))
        return True


class _Shared:
    """Both operands are `-`: one stream whose lines go to whichever file
    asks next, as with GNU's one stdin FILE."""

    def __init__(self, source):
        self.source = source
        self.lines = []
        self.pos = 0
        self.ordered = False
        self.last = None

    def fill(self):
        if self.pos < len(self.lines):
            return True
        if self.lines:
            self.last = self.lines[-1]
        src = self.source
        if not src.fill():
            return False
        self.lines = [src.lines[src.pos]]
        src.pos += 1
        self.pos = 0
        return True


def main(argv):
    opts = SPEC.parse(argv)
    ops = opts.operands
    if len(ops) < 2:
        if not ops:
            raise Usage("missing operand")
        raise Usage("missing operand after %s" % quote(ops[-1]))
    if len(ops) > 2:
        raise Usage("extra operand %s" % quote(ops[2]))
    seps = opts.output_delimiter
    if any(s != seps[0] for s in seps):
        raise Fail("multiple output delimiters specified")
    sep = seps[0].encode("utf-8", "surrogateescape") if seps else b"\t"
    # An empty delimiter is one NUL between columns, but nothing in the
    # --total line (GNU prints that one with %s).
    total_sep = sep
    if not sep:
        sep = b"\0"
    delim = b"\0" if opts.zero_terminated else b"\n"
    show = (not opts.no1, not opts.no2, not opts.no3)
    prefix = (b"", sep if show[0] else b"", sep * (show[0] + show[1]))
    return Comm(ops, delim, show, prefix, opts.check).run(opts.total, total_sep)


class Comm:
    def __init__(self, names, delim, show, prefix, check):
        self.names = names
        self.delim = delim
        self.show = show
        self.prefix = prefix
        self.check = check  # True, False, or None (GNU's default)
        self.unpairable = False
        self.warned = [False, False]
        self.totals = [0, 0, 0]
        self.out = stdout()

    def run(self, total, sep):
        fds = []
        try:
            inputs = []
            shared = None
            for name in self.names:
                if name == "-" and shared is not None:
                    inputs.append(_Shared(shared))
                    continue
                try:
                    fd = open_input(name)
                except OSError as e:
                    raise Fail("%s: %s" % (quotef(name), e.strerror)) from None
                if fd != 0:
                    fds.append(fd)
                src = _Lines(fd, name, self.delim)
                if name == "-":
                    shared = src
                    src = _Shared(src)
                inputs.append(src)
                src.fill()
            self.merge(inputs)
            if shared is not None and len(inputs) == 2 and isinstance(inputs[1], _Shared) \
                    and isinstance(inputs[0], _Shared):
                # GNU closes its one stdin twice; the second close fails.
                raise Fail("-: Bad file descriptor")
        finally:
            for fd in fds:
                posix.close(fd)
        if total:
            t = self.totals
            self.out.write(b"%d%s%d%s%d%stotal%s" % (t[0], sep, t[1], sep, t[2], sep, self.delim))
        if self.warned[0] or self.warned[1]:
            raise Fail("input is not in sorted order")
        return 0

    def emit(self, column, lines):
        """Write lines (a list) to column 0, 1 or 2."""
        self.totals[column] += len(lines)
        if self.show[column] and lines:
            d = self.delim
            p = self.prefix[column]
            if p:
                self.out.write(p + (d + p).join(lines) + d)
            else:
                self.out.write(d.join(lines) + d)

    def check_order(self, prev, cur, which):
        if self.check is False or not (self.check or self.unpairable) or self.warned[which]:
            return
        if prev > cur:
            if self.check:
                self.out.flush()
                raise Fail("file %d is not in sorted order" % (which + 1))
            from multicall.errors import warn
            self.out.flush()
            warn("comm", "file %d is not in sorted order" % (which + 1))
            self.warned[which] = True

    def advance(self, src, which, count):
        """Step past `count` lines of input `which` (already written),
        checking the order of what comes next as GNU does."""
        src.pos += count
        if src.ordered and src.pos < len(src.lines):
            return True
        prev = src.lines[src.pos - 1]
        before = src.lines[src.pos - 2] if src.pos >= 2 else src.last
        if src.fill():
            if not src.ordered or src.pos == 0:
                self.check_order(prev, src.lines[src.pos], which)
            return True
        if before is not None:
            self.check_order(before, prev, which)
        return False

    def ordered_run(self, a, b):
        """Merge while both chunks are in order (no order check can fire):
        a tight loop over local lists until one chunk runs out."""
        from bisect import bisect_left
        A, B = a.lines, b.lines
        i, j = a.pos, b.pos
        na, nb = len(A), len(B)
        d = self.delim
        show = self.show
        p1, p2, p3 = self.prefix
        parts = []
        add = parts.append
        t = self.totals
        while i < na and j < nb:
            x = A[i]
            y = B[j]
            if x == y:
                t[2] += 1
                if show[2]:
                    add(p3 + x + d)
                i += 1
                j += 1
            elif x < y:
                self.unpairable = True
                k = bisect_left(A, y, i + 1, na)
                t[0] += k - i
                if show[0]:
                    add(p1 + (d + p1).join(A[i:k]) + d)
                i = k
            else:
                self.unpairable = True
                k = bisect_left(B, x, j + 1, nb)
                t[1] += k - j
                if show[1]:
                    add(p2 + (d + p2).join(B[j:k]) + d)
                j = k
        if parts:
            self.out.write(b"".join(parts))
        a.pos, b.pos = i, j

    def merge(self, inputs):
        from bisect import bisect_left
        a, b = inputs
        more_a = a.fill()
        more_b = b.fill()
        emit = self.emit
        while more_a and more_b:
            if a.ordered and b.ordered:
                self.ordered_run(a, b)
                if a.pos == len(a.lines):
                    more_a = self.advance(a, 0, 0)
                if b.pos == len(b.lines):
                    more_b = self.advance(b, 1, 0)
                continue
            x = a.lines[a.pos]
            y = b.lines[b.pos]
            if x == y:
                emit(2, [y])
                more_a = self.advance(a, 0, 1)
                more_b = self.advance(b, 1, 1)
            elif x < y:
                self.unpairable = True
                end = bisect_left(a.lines, y, a.pos + 1) if a.ordered else a.pos + 1
                emit(0, a.lines[a.pos:end])
                more_a = self.advance(a, 0, end - a.pos)
            else:
                self.unpairable = True
                end = bisect_left(b.lines, x, b.pos + 1) if b.ordered else b.pos + 1
                emit(1, b.lines[b.pos:end])
                more_b = self.advance(b, 1, end - b.pos)
        for src, which, more in ((a, 0, more_a), (b, 1, more_b)):
            while more:
                self.unpairable = True
                end = len(src.lines) if src.ordered else src.pos + 1
                emit(which, src.lines[src.pos:end])
                more = self.advance(src, which, end - src.pos)
