"""which: locate a command on PATH.

Debian's which (debianutils): for each name, the first (with -a every)
`DIR/NAME` on PATH that is a regular file you may execute; a name with a
`/` is checked as it is.  Empty PATH entries mean the current directory
(printed as `./NAME`); an unset PATH means dash's default.  Exit status 0
when every name was found, 1 when one was not (or none was given), 2 for
a bad option, with Debian's `Illegal option -x` and usage line.  --help
and --version, as the first argument, are pybox's.  Fast: stat and
access per candidate, nothing imported.
"""
import posix

from multicall.errors import Exit, write_stderr
from multicall.options import Spec, opt
from multicall.stdio import stdout

SPEC = Spec("[-a] COMMAND...", "Locate COMMAND.",
            opt("-a", "Show all matches", dest="all"))

DEFAULT_PATH = b"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"  # dash's
_S_IFMT, _S_IFREG = 0o170000, 0o100000


def executable_file(path):
    """test -f PATH && test -x PATH."""
    try:
        st = posix.stat(path)
    except (OSError, ValueError):
        return False
    if st.st_mode & _S_IFMT != _S_IFREG:
        return False
    try:
        return posix.access(path, posix.X_OK, effective_ids=True)
    except NotImplementedError:
        return posix.access(path, posix.X_OK)


def _fields(path):
    """The script's `IFS=:; for ELEMENT in $PATH` after its fix-up of a
    trailing `:`: POSIX field splitting, where a final delimiter ends the
    last field rather than starting an empty one."""
    if len(path) >= 2 and path.endswith(b":") and not path.endswith(b"::"):
        path += b":"
    fields = path.split(b":")
    if path.endswith(b":"):
        fields.pop()
    return fields if path else []


def main(argv):
    args = argv[1:]
    if args[:1] in (["--help"], ["--version"]):
        SPEC.parse(argv[:2])
    show_all = False
    while args and args[0].startswith("-") and args[0] != "-":
        a = args.pop(0)
        if a == "--":
            break
        for c in a[1:]:
            if c != "a":
                write_stderr("Illegal option -%s\n" % c)
                stdout().write(b"Usage: %s [-a] args\n" % argv[0].encode("utf-8", "surrogateescape"))
                raise Exit(2)
            show_all = True
    path = posix.environ.get(b"PATH")
    if path is None:
        path = DEFAULT_PATH
    dirs = [d or b"." for d in _fields(path)]
    status = 1 if not args else 0
    out = []
    for name in args:
        prog = name.encode("utf-8", "surrogateescape")
        found = False
        if b"/" in prog:
            if executable_file(prog):
                out.append(prog + b"\n")
                found = True
        else:
            for d in dirs:
                cand = d + b"/" + prog
                if executable_file(cand):
                    out.append(cand + b"\n")
                    found = True
                    if not show_all:
                        break
        if not found:
            status = 1
    stdout().write(b"".join(out))
    return status
