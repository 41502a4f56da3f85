"""cat: concatenate files to standard output.

With no formatting option the data never enters Python: copy() hands it to
copy_file_range, sendfile or splice.  The formatting options (-n -b -s -v
-E -T and their combinations) work on 256 KiB chunks; only numbering and
squeezing split chunks into lines.  Line numbers, squeezing and "at the
start of a line" carry on from one file to the next, as in GNU.
"""
import posix

from multicall.errors import Fail, quotef, warn
from multicall.options import Spec, opt
from multicall.stdio import chunks, copy, each_file, stdout

SPEC = Spec("[OPTION]... [FILE]...", "Concatenate FILE(s) to standard output.\n\n"
            "With no FILE, or when FILE is -, read standard input.",
            opt("-A, --show-all", "equivalent to -vET"),
            opt("-b, --number-nonblank", "number nonempty output lines, overrides -n"),
            opt("-e", "equivalent to -vE"),
            opt("-E, --show-ends", "display $ at end of each line"),
            opt("-n, --number", "number all output lines"),
            opt("-s, --squeeze-blank", "suppress repeated empty output lines"),
            opt("-t", "equivalent to -vT"),
            opt("-T, --show-tabs", "display TAB characters as ^I"),
            opt("-u", "(ignored)"),
            opt("-v, --show-nonprinting", "use ^ and M- notation, except for LFD and TAB"),
            epilog="Examples:\n"
            "  cat f - g  Output f's contents, then standard input, then g's contents.\n"
            "  cat        Copy standard input to standard output.")


def _caret_table(tabs):
    """The -v rendering of each byte value (and of TAB when -T is given)."""
    table = []
    for b in range(256):
        prefix = b""
        c = b
        if c >= 128:
            prefix = b"M-"
            c -= 128
        if c < 32:
            r = b"^" + bytes((c + 64,))
        elif c == 127:
            r = b"^?"
        else:
            r = bytes((c,))
        table.append(prefix + r)
    table[10] = b"\n"
    table[9] = b"^I" if tabs else b"\t"
    return table


class _Format:
    """The formatting state, which carries across files."""

    def __init__(self, opts):
        self.nonprint = opts.show_nonprinting or opts.show_all or opts.e or opts.t
        self.ends = opts.show_ends or opts.show_all or opts.e
        self.tabs = opts.show_tabs or opts.show_all or opts.t
        self.number_blank = opts.number_nonblank
        self.number = opts.number or opts.number_nonblank
        self.squeeze = opts.squeeze_blank
        self.table = _caret_table(self.tabs) if self.nonprint else None
        if self.table:
            self.special = bytes(b for b in range(256) if self.table[b] != bytes((b,)))
        self.lineno = 0
        self.at_start = True
        self.blanks = 0  # newlines seen in a row at the start of a line
        self.cr = False  # -E without -v: a CR held back, as it may precede LF

    def render(self, data):
        """-v, -T and -E on the next piece of the output, in order."""
        if self.table is not None:
            if len(data.translate(None, self.special)) != len(data):
                data = b"".join(map(self.table.__getitem__, data))
        elif self.tabs:
            data = data.replace(b"\t", b"^I")
        if self.ends:
            data = data.replace(b"\n", b"$\n")
            if self.table is None:
                # GNU shows a CR that ends a line as ^M, even across files.
                if self.cr:
                    data = b"\r" + data
                    self.cr = False
                if data.endswith(b"\r"):
                    data = data[:-1]
                    self.cr = True
                data = data.replace(b"\r$\n", b"^M$\n")
        return data

    def finish(self):
        """What is still held back at the end of the last file."""
        return b"\r" if self.cr else b""

    def chunk(self, data):
        if not (self.number or self.squeeze):
            return self.render(data)
        out = []
        lines = data.split(b"\n")
        last = lines.pop()
        for line in lines:
            if self.at_start and not line:
                self.blanks += 1
                if self.squeeze and self.blanks > 1:
                    continue
                if self.number and not self.number_blank:
                    self.lineno += 1
                    out.append(b"%6d\t" % self.lineno)
                out.append(b"$\n" if self.ends else b"\n")
                continue
            if self.at_start:
                self.blanks = 0
                if self.number:
                    self.lineno += 1
                    out.append(b"%6d\t" % self.lineno)
            out.append(self.render(line + b"\n"))
            self.at_start = True
        if last:
            if self.at_start:
                self.blanks = 0
                if self.number:
                    self.lineno += 1
                    out.append(b"%6d\t" % self.lineno)
            out.append(self.render(last))
            self.at_start = False
        return b"".join(out)


def main(argv):
    opts = SPEC.parse(argv)
    prog = opts.prog
    fmt = None
    if (opts.show_all or opts.number_nonblank or opts.e or opts.show_ends or opts.number
            or opts.squeeze_blank or opts.t or opts.show_tabs or opts.show_nonprinting):
        fmt = _Format(opts)
    try:
        ost = posix.fstat(1)
    except OSError as e:
        raise Fail("standard output: %s" % e.strerror) from None
    out = stdout()

    def cat_one(fd, name):
        if _same_regular(fd, ost):
            warn(prog, quotef(name), "input file is output file")
            return 1
        if fmt is None:
            copy(fd, 1)
        else:
            for data in chunks(fd):
                out.write(fmt.chunk(data))
        return 0

    status = each_file(prog, opts.operands, cat_one)
    if fmt is not None:
        out.write(fmt.finish())
    return status


def _same_regular(fd, ost):
    """GNU's check: reading the file being appended to would never end."""
    if ost.st_mode & 0o170000 != 0o100000:
        return False
    st = posix.fstat(fd)
    if (st.st_dev, st.st_ino) != (ost.st_dev, ost.st_ino):
        return False
    try:
        return posix.lseek(fd, 0, 1) < st.st_size
    except OSError:
        return False
