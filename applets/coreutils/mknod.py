"""mknod: make block or character special files, or FIFOs: one mknod(2)
(or mkfifo(2)), then chmod to the exact -m mode."""
import os

from multicall import numbers
from multicall.errors import Fail, Usage, quote, quotef
from multicall.options import Spec, opt
from multicall.fileops import context_warning, quoteaf, special_file_mode

SPEC = Spec("[OPTION]... NAME TYPE [MAJOR MINOR]", "Create the special file NAME of the given TYPE.\n\n"
            "Mandatory arguments to long options are mandatory for short options too.",
            opt("-m, --mode=MODE", "set file permission bits to MODE, not a=rw - umask"),
            opt("-Z", "set the SELinux security context to default type", dest="selinux"),
            opt("--context[=CTX]", "like -Z, or if CTX is specified then set the SELinux\n"
                "  or SMACK security context to CTX"),
            epilog="Both MAJOR and MINOR must be specified when TYPE is b, c, or u, and they\n"
            "must be omitted when TYPE is p.  If MAJOR or MINOR begins with 0x or 0X,\n"
            "it is interpreted as hexadecimal; otherwise, if it begins with 0, as octal;\n"
            "otherwise, as decimal.  TYPE may be:\n\n"
            "  b      create a block (buffered) special file\n"
            "  c, u   create a character (unbuffered) special file\n"
            "  p      create a FIFO")

_MAX32 = (1 << 32) - 1


def _device_number(text, what):
    value, err, _ = numbers.xstrtoumax(text, 0, "")
    if err != numbers.OK or value > _MAX32:
        raise Fail("invalid %s device number %s" % (what, quote(text)))
    return value


def main(argv):
    opts = SPEC.parse(argv)
    prog = opts.prog
    ops = opts.operands
    n = len(ops)
    if n < 2:
        raise Usage("missing operand after %s" % quote(ops[-1]) if ops else "missing operand")
    expected = 2 if ops[1][:1] == "p" else 4
    if n < expected:
        msg = "missing operand after %s" % quote(ops[-1])
        if expected == 4 and n == 2:
            msg += "\nSpecial files require major and minor device numbers."
        raise Usage(msg)
    if n > expected:
        msg = "extra operand %s" % quote(ops[expected])
        if expected == 2 and n == 4:
            msg += "\nFifos do not have major and minor device numbers."
        raise Usage(msg)
    mode = special_file_mode(opts.mode) if opts.mode is not None else None
    context_warning(prog, opts)
    name = os.fsencode(ops[0])
    kind = ops[1][:1]
    perm = 0o666 if mode is None else mode
    if kind in ("b", "c", "u"):
        major = _device_number(ops[2], "major")
        minor = _device_number(ops[3], "minor")
        try:
            dev = os.makedev(major, minor)
        except (OverflowError, ValueError):
            raise Fail("invalid device %s %s" % (ops[2], ops[3])) from None
        try:
            os.mknod(name, perm | (0o060000 if kind == "b" else 0o020000), dev)
        except OSError as e:
            raise Fail("%s: %s" % (quotef(name), e.strerror)) from None
    elif kind == "p":
        try:
            os.mkfifo(name, perm)
        except OSError as e:
            raise Fail("%s: %s" % (quotef(name), e.strerror)) from None
    else:
        raise Usage("invalid device type %s" % quote(ops[1]))
    if mode is not None:
        try:
            os.chmod(name, mode, follow_symlinks=False)
        except (OSError, NotImplementedError) as e:
            raise Fail("cannot set permissions of %s: %s" % (quoteaf(name), getattr(e, "strerror", str(e)))) from None
    return 0
