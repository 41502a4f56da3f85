"""truncate: shrink or extend the size of each FILE to the specified size.

One open(2) and one ftruncate(2) per file: extending makes a sparse
hole, nothing is written.  Sizes are parsed as GNU's xdectoimax with the
suffixes of multicall.numbers (K, KB, KiB ... and lowercase g, t, m).
"""
import os

from multicall import numbers
from multicall.errors import Fail, Usage, quote
from multicall.options import Spec, opt
from multicall.fileops import quoteaf, warn

SPEC = Spec("OPTION... FILE...", "Shrink or extend the size of each FILE to the specified size\n\n"
            "A FILE argument that does not exist is created.\n\n"
            "If a FILE is larger than the specified size, the extra data is lost.\n"
            "If a FILE is shorter, it is extended and the sparse extended part (hole)\n"
            "reads as zero bytes.\n\n"
            "Mandatory arguments to long options are mandatory for short options too.",
            opt("-c, --no-create", "do not create any files"),
            opt("-o, --io-blocks", "treat SIZE as number of IO blocks instead of bytes"),
            opt("-r, --reference=RFILE", "base size on RFILE"),
            opt("-s, --size=SIZE", "set or adjust the file size by SIZE bytes", kind="list"),
            epilog="The SIZE argument is an integer and optional unit (example: 10K is 10*1024).\n"
            "Units are K,M,G,T,P,E,Z,Y (powers of 1024) or KB,MB,... (powers of 1000).\n"
            "Binary prefixes can be used, too: KiB=K, MiB=M, and so on.\n\n"
            "SIZE may also be prefixed by one of the following modifying characters:\n"
            "'+' extend by, '-' reduce by, '<' at most, '>' at least,\n"
            "'/' round down to multiple of, '%' round up to multiple of.")

OFF_MAX = (1 << 63) - 1
_SPACE = " \t\n\v\f\r"
_SUFFIXES = "EgGkKmMPtTYZ0"


def parse_size(text):
    """(mode, size): mode is None, '+' (relative), '<', '>', '/' or '%'."""
    s = text.lstrip(_SPACE)
    mode = None
    if s[:1] in ("<", ">", "/", "%"):
        mode = s[0]
        s = s[1:].lstrip(_SPACE)
    if s[:1] in ("+", "-"):
        if mode is not None:
            raise Usage("multiple relative modifiers specified")
        mode = "+"
    size = _xdectoimax(s, s)  # GNU's message shows what is left after the modifier
    if mode in ("/", "%") and size == 0:
        raise Fail("division by zero")
    return mode, size


def _xdectoimax(s, shown):
    neg = s[:1] == "-"
    body = s[1:] if s[:1] in "+-" else s
    if s[:1] in "+-" and not body[:1].isdigit():
        raise Fail("Invalid number: %s" % quote(shown))
    value, err, _ = numbers.xstrtoumax(body, 10, _SUFFIXES)
    if err & (numbers.INVALID | numbers.INVALID_SUFFIX_CHAR):
        raise Fail("Invalid number: %s" % quote(shown))
    if neg:
        value = -value
    if err & numbers.OVERFLOW or not (-OFF_MAX - 1 <= value <= OFF_MAX):
        raise Fail("Invalid number: %s: %s" % (quote(shown), numbers.EOVERFLOW_TEXT))
    return value


def _usable_size(st):
    import stat
    return stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)


def main(argv):
    opts = SPEC.parse(argv)
    prog = opts.prog
    mode = None
    size = None
    for text in opts.size:
        mode, size = parse_size(text)
    got_size = size is not None
    if opts.reference is not None and got_size and mode is None:
        raise Usage("you must specify a relative %s with %s" % (quote("--size"), quote("--reference")))
    if opts.reference is None and not got_size:
        raise Usage("you must specify either %s or %s" % (quote("--size"), quote("--reference")))
    if opts.io_blocks and not got_size:
        raise Usage("%s was specified but %s was not" % (quote("--io-blocks"), quote("--size")))
    if not opts.operands:
        raise Usage("missing file operand")
    rsize = -1
    if opts.reference is not None:
        ref = os.fsencode(opts.reference)
        try:
            st = os.stat(ref)
        except OSError as e:
            raise Fail("cannot stat %s: %s" % (quoteaf(ref), e.strerror)) from None
        fsize = st.st_size if _usable_size(st) else -1
        err = None
        if fsize < 0:
            try:
                fd = os.open(ref, os.O_RDONLY | os.O_CLOEXEC)
                try:
                    fsize = os.lseek(fd, 0, os.SEEK_END)
                finally:
                    os.close(fd)
            except OSError as e:
                err = e
        if fsize < 0:
            raise Fail("cannot get the size of %s%s" % (quoteaf(ref), ": " + err.strerror if err else ""))
        if not got_size:
            size = fsize
        else:
            rsize = fsize
    flags = os.O_WRONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if opts.no_create else os.O_CREAT)
    status = 0
    for arg in opts.operands:
        name = os.fsencode(arg)
        try:
            fd = os.open(name, flags, 0o666)
        except OSError as e:
            if not (opts.no_create and e.errno == 2):
                warn(prog, "cannot open %s for writing" % quoteaf(name), e.strerror)
                status = 1
            continue
        try:
            if not _truncate(prog, fd, name, size, rsize, mode, opts.io_blocks):
                status = 1
        finally:
            os.close(fd)
    return status


def _truncate(prog, fd, name, ssize, rsize, mode, blocks):
    st = None
    if blocks or (mode is not None and rsize < 0):
        try:
            st = os.fstat(fd)
        except OSError as e:
            warn(prog, "cannot fstat %s" % quoteaf(name), e.strerror)
            return False
    if blocks:
        blksize = st.st_blksize or 512
        product = ssize * blksize
        if not (-OFF_MAX - 1 <= product <= OFF_MAX):
            warn(prog, "overflow in %d * %d byte blocks for file %s" % (ssize, blksize, quoteaf(name)))
            return False
        ssize = product
    if mode is not None:
        if rsize >= 0:
            fsize = rsize
        elif _usable_size(st):
            fsize = st.st_size
        else:
            try:
                fsize = os.lseek(fd, 0, os.SEEK_END)
            except OSError as e:
                warn(prog, "cannot get the size of %s" % quoteaf(name), e.strerror)
                return False
        if mode == ">":
            nsize = max(fsize, ssize)
        elif mode == "<":
            nsize = min(fsize, ssize)
        elif mode == "/":
            nsize = fsize - _cmod(fsize, ssize)
        else:
            if mode == "%":
                r = _cmod(fsize, ssize)
                ssize = 0 if r == 0 else ssize - r
            nsize = fsize + ssize
            if nsize > OFF_MAX:
                warn(prog, "overflow extending size of file %s" % quoteaf(name))
                return False
    else:
        nsize = ssize
    if nsize < 0:
        nsize = 0
    try:
        os.ftruncate(fd, nsize)
    except OSError as e:
        warn(prog, "failed to truncate %s at %d bytes" % (quoteaf(name), nsize), e.strerror)
        return False
    return True


def _cmod(a, b):
    """C's a % b (the sign of a)."""
    r = abs(a) % abs(b)
    return -r if a < 0 else r
