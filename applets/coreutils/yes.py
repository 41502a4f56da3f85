"""yes: output a line with all the STRINGs (or `y`) repeatedly until killed.

The line is repeated into a buffer of about 128 KiB and written with
write(2) directly, so the loop costs one system call per buffer.
"""
import posix

from multicall.errors import Fail
from multicall.options import Spec
from multicall.stdio import write_all

SPEC = Spec("[STRING]...", "Repeatedly output a line with all specified STRING(s), or 'y'.",
            stop=True)


def main(argv):
    opts = SPEC.parse(argv)
    line = b" ".join(a.encode("utf-8", "surrogateescape") for a in opts.operands) if opts.operands else b"y"
    line += b"\n"
    buf = line * max(1, (128 * 1024) // len(line))
    write = posix.write
    try:
        while True:
            n = write(1, buf)
            if n < len(buf):
                write_all(1, buf[n:])
    except BrokenPipeError:
        raise
    except (OSError, Fail) as e:
        reason = e.strerror if isinstance(e, OSError) else e.message.partition(": ")[2]
        raise Fail("standard output: %s" % reason) from None
