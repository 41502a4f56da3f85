"""printenv: print all or part of the environment.

With no VARIABLE, every NAME=VALUE pair; otherwise the value of each
VARIABLE that is set (a name with `=` in it never is).  Exit status 0
when all were set, 1 when one was not, 2 for a bad command line.  Fast:
one write of the environment that posix.environ already holds.
"""
import posix

from multicall.options import Spec, opt
from multicall.stdio import stdout

TROUBLE = 2

SPEC = Spec("[OPTION]... [VARIABLE]...",
            "Print the values of the specified environment VARIABLE(s).\n"
            "If no VARIABLE is specified, print name and value pairs for them all.",
            opt("-0, --null", "end each output line with NUL, not newline"),
            status=2)


def main(argv):
    opts = SPEC.parse(argv)
    end = b"\0" if opts.null else b"\n"
    env = posix.environ
    if not opts.operands:
        stdout().write(b"".join(k + b"=" + v + end for k, v in env.items()))
        return 0
    out = []
    missing = 0
    for name in opts.operands:
        key = name.encode("utf-8", "surrogateescape")
        value = env.get(key) if b"=" not in key else None
        if value is None:
            missing += 1
        else:
            out.append(value + end)
    stdout().write(b"".join(out))
    return 1 if missing else 0
