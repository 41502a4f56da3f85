"""tty: print the name of the terminal on standard input.

ttyname(0), or `not a tty` and status 1; -s only sets the status.  Usage
errors exit 2 and write errors 3, as GNU's tty does.
"""
import posix

from multicall.options import Spec, opt

SPEC = Spec("[OPTION]...", "Print the file name of the terminal connected to standard input.",
            opt("-s, --silent, --quiet", "print nothing, only return an exit status", dest="silent"),
            operands=(0, 0), status=2)

TROUBLE = 3


def main(argv):
    opts = SPEC.parse(argv)
    if opts.silent:
        try:
            return 0 if posix.isatty(0) else 1
        except OSError:
            return 1
    try:
        name = posix.ttyname(0).encode("utf-8", "surrogateescape")
        status = 0
    except OSError:
        name, status = b"not a tty", 1
    from multicall.errors import Fail
    from multicall.stdio import write_all
    try:
        write_all(1, name + b"\n")  # unbuffered: a write error is status 3, once
    except Fail as e:
        e.status = 3
        raise
    return status
