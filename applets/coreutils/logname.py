"""logname: print the user's login name.

getlogin(3), as GNU coreutils 9.1 does: the name recorded for the session
(utmp, or the kernel's loginuid), never $LOGNAME.  `no login name` and
status 1 when there is none, as in a container or a daemon.  Fast: one
library call through the built-in posix module.
"""
import posix

from multicall.errors import Fail
from multicall.options import Spec
from multicall.stdio import stdout

SPEC = Spec("[OPTION]", "Print the user's login name.", operands=(0, 0))


def main(argv):
    SPEC.parse(argv)
    try:
        name = posix.getlogin()
    except OSError:
        name = None
    if not name:
        raise Fail("no login name")
    stdout().write(name.encode("utf-8", "surrogateescape") + b"\n")
    return 0
