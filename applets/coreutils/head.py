"""head: output the first part of files.

-c NUM copies through the kernel (copy() with a limit); -n NUM counts
delimiters in 256 KiB chunks with bytes.count/find and stops reading once it
has enough.  The elide-the-tail forms (-c -NUM, -n -NUM) keep only a window
of the last NUM bytes or lines in memory.  On seekable input head leaves the
file offset just past what it printed, as POSIX asks, so `{ head -n1; cat; }
< file` works.
"""
import posix

from multicall.errors import Fail, Usage, WriteError, quote, quotef, warn
from multicall.options import CONST, Spec, opt, parse_size
from multicall.stdio import chunks, copy, open_input, stdout

SPEC = Spec("[OPTION]... [FILE]...",
            "Print the first 10 lines of each FILE to standard output.\n"
            "With more than one FILE, precede each with a header giving the file name.\n\n"
            "With no FILE, or when FILE is -, read standard input.",
            opt("-c, --bytes=[-]NUM", "print the first NUM bytes of each file;\n"
                "  with the leading '-', print all but the last\n  NUM bytes of each file", dest="count_spec",
                type=lambda v: ("c", v)),
            opt("-n, --lines=[-]NUM", "print the first NUM lines instead of the first 10;\n"
                "  with the leading '-', print all but the last\n  NUM lines of each file", dest="count_spec",
                type=lambda v: ("n", v)),
            opt("-q, --quiet, --silent", "never print headers giving file names",
                dest="headers", kind=CONST, const=False),
            opt("-v, --verbose", "always print headers giving file names", dest="headers", kind=CONST, const=True),
            opt("-z, --zero-terminated", "line delimiter is NUL, not newline"),
            # -NUM anywhere but first is an error in GNU head, not an operand
            *(opt("-%d" % d, None, dest="digit", kind=CONST, const=str(d)) for d in range(10)),
            num=lambda ns, text: _shorthand(ns, text),
            epilog="NUM may have a multiplier suffix:\n"
            "b 512, kB 1000, K 1024, MB 1000*1000, M 1024*1024,\n"
            "GB 1000*1000*1000, G 1024*1024*1024, and so on for T, P, E, Z, Y.\n"
            "Binary prefixes can be used, too: KiB=K, MiB=M, and so on.")


def _shorthand(ns, text):
    """The obsolete -NUM[bkm][cl][qvz]... form (only as the first argument)."""
    i = 0
    while i < len(text) and text[i].isdigit():
        i += 1
    num, rest = int(text[:i]), text[i:]
    unit = "n"
    if rest[:1] in ("b", "k", "m"):
        num *= {"b": 512, "k": 1024, "m": 1048576}[rest[0]]
        unit = "c"
        rest = rest[1:]
    if rest[:1] in ("c", "l"):
        unit = "c" if rest[0] == "c" else "n"
        rest = rest[1:]
    for c in rest:
        if c == "q":
            ns.headers = False
        elif c == "v":
            ns.headers = True
        elif c == "z":
            ns.zero_terminated = True
        else:
            raise Usage("invalid trailing option -- %s" % c)
    ns.count_spec = (unit, num)


_UINTMAX = (1 << 64) - 1
_OFF_MAX = (1 << 63) - 1


def _count(opts):
    """(unit, number, elide) from the last -c/-n given (or -NUM)."""
    if opts.digit is not None:
        raise Usage("invalid trailing option -- %s" % opts.digit)
    spec = opts.count_spec
    if spec is None:
        return "n", 10, False
    unit, text = spec
    if not isinstance(text, str):
        return unit, text, False  # from -NUM, already a number
    elide = text.lstrip().startswith("-")
    body = text.lstrip()[1:] if elide else text
    what = "bytes" if unit == "c" else "lines"
    try:
        num = parse_size(body)
    except ValueError:
        raise Fail("invalid number of %s: %s" % (what, quote(body))) from None
    if num > (_OFF_MAX if elide else _UINTMAX):
        raise Fail("invalid number of %s: %s: Value too large for defined data type" % (what, quote(body)))
    return unit, num, elide


def main(argv):
    opts = SPEC.parse(argv)
    unit, num, elide = _count(opts)
    names = opts.operands or ["-"]
    headers = opts.headers if opts.headers is not None else len(names) > 1
    delim = b"\0" if opts.zero_terminated else b"\n"
    out = stdout()
    prog = opts.prog
    status = 0
    first = True
    for name in names:
        try:
            fd = open_input(name)
        except OSError as e:
            warn(prog, "cannot open %s for reading" % quotef(name, always=True), e.strerror)
            status = 1
            continue
        try:
            if headers:
                out.write(b"%s==> %s <==\n" % (b"" if first else b"\n",
                          b"standard input" if name == "-" else name.encode("utf-8", "surrogateescape")))
            first = False
            if unit == "c":
                if elide:
                    _elide_bytes(fd, num, out)
                else:
                    copy(fd, 1, limit=num)
            elif elide:
                _elide_lines(fd, num, delim, out)
            else:
                _lines(fd, num, delim, out)
        except BrokenPipeError:
            raise
        except WriteError as e:
            raise Fail("error writing %s: %s" % (quotef("standard output", always=True), e.strerror)) from None
        except OSError as e:
            warn(prog, "error reading %s" % quotef("standard input" if name == "-" else name, always=True),
                 e.strerror)
            status = 1
        finally:
            if fd != 0:
                posix.close(fd)
    return status


def _rewind(fd, extra):
    """Put back `extra` bytes read past the output, when the input can seek."""
    if extra:
        try:
            posix.lseek(fd, -extra, 1)
        except OSError:
            pass


def _lines(fd, num, delim, out):
    if num <= 0:
        return
    for data in chunks(fd):
        n = data.count(delim)
        if n < num:
            out.write(data)
            num -= n
            continue
        extra = len(data.split(delim, num)[-1])
        out.write(data[:len(data) - extra])
        _rewind(fd, extra)
        return


def _size_left(fd):
    """Bytes between the offset and the end of a regular file, else None."""
    st = posix.fstat(fd)
    if st.st_mode & 0o170000 != 0o100000:
        return None
    try:
        return st.st_size - posix.lseek(fd, 0, 1)
    except OSError:
        return None


def _elide_bytes(fd, num, out):
    left = _size_left(fd)
    if left is not None and left > 0:
        copy(fd, 1, limit=max(0, left - num))
        return
    # A pipe (or a file whose size lies, like those in /proc): keep a window.
    window = b""
    for data in chunks(fd):
        window += data
        if len(window) > num:
            cut = len(window) - num
            out.write(window[:cut])
            window = window[cut:]


def _elide_lines(fd, num, delim, out):
    start = _offset(fd)
    written = 0
    if num <= 0:
        for data in chunks(fd):
            out.write(data)
        return
    held = []  # chunks not yet safe to print, with their delimiter counts
    count = 0
    for data in chunks(fd):
        n = data.count(delim)
        held.append((data, n))
        count += n
        # The first chunk may go once more than `num` delimiters follow it.
        while held and count - held[0][1] > num:
            out.write(held[0][0])
            written += len(held[0][0])
            count -= held.pop(0)[1]
    rest = b"".join(d for d, _ in held)
    # Drop the last `num` records; an unterminated last record counts as one.
    end = len(rest)
    if rest and not rest.endswith(delim):
        end = rest.rfind(delim) + 1
        num -= 1
    while num > 0 and end > 0:
        end = rest.rfind(delim, 0, end - 1) + 1
        num -= 1
    out.write(rest[:end])
    if start is not None:
        # Leave a seekable input just past what was printed, as GNU does.
        posix.lseek(fd, start + written + end, 0)


def _offset(fd):
    """The offset of a regular file's descriptor, or None for other files."""
    if posix.fstat(fd).st_mode & 0o170000 != 0o100000:
        return None
    try:
        return posix.lseek(fd, 0, 1)
    except OSError:
        return None
