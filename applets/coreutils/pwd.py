"""pwd: print the name of the current working directory.

-P (GNU's default) prints the physical directory from getcwd; -L (the
default under POSIXLY_CORRECT) prints $PWD when it is absolute, free of
`.` and `..` components and names the current directory.  Operands are
ignored with a warning, as GNU does.
"""
import posix

from multicall.errors import Fail, quote, warn
from multicall.options import CONST, Spec, opt
from multicall.stdio import stdout

SPEC = Spec("[OPTION]...", "Print the full filename of the current working directory.",
            opt("-L, --logical", "use PWD from environment, even if it contains symlinks",
                dest="logical", kind=CONST, const=True),
            opt("-P, --physical", "resolve all symlinks", dest="logical", kind=CONST, const=False),
            epilog="If no option is specified, -P is assumed.")


def logical_pwd():
    """$PWD if it may be trusted (absolute, no . or .., same inode), else None."""
    pwd = posix.environ.get(b"PWD")
    if not pwd or not pwd.startswith(b"/"):
        return None
    if b"/./" in pwd + b"/" or b"/../" in pwd + b"/":
        return None
    try:
        a, b = posix.stat(pwd), posix.stat(b".")
    except OSError:
        return None
    if (a.st_dev, a.st_ino) != (b.st_dev, b.st_ino):
        return None
    return pwd


def main(argv):
    opts = SPEC.parse(argv)
    if opts.operands:
        warn(opts.prog, "ignoring non-option arguments")
    logical = opts.logical
    if logical is None:
        logical = b"POSIXLY_CORRECT" in posix.environ
    path = logical_pwd() if logical else None
    if path is None:
        try:
            path = posix.getcwdb()
        except FileNotFoundError:
            raise Fail("couldn't find directory entry in %s with matching i-node" % quote("..")) from None
        except OSError as e:
            raise Fail("error retrieving current directory: getcwd: cannot access "
                       "parent directories: %s" % e.strerror) from None
    stdout().write(path + b"\n")
    return 0
