"""rmdir: remove empty directories (-p parents, -v,
--ignore-fail-on-non-empty): one rmdir(2) per directory."""
import os

from multicall.options import Spec, opt
from multicall.stdio import stdout
from multicall.fileops import quoteaf, warn

SPEC = Spec("[OPTION]... DIRECTORY...", "Remove the DIRECTORY(ies), if they are empty.",
            opt("--ignore-fail-on-non-empty", "ignore each failure to remove a non-empty directory"),
            opt("-p, --parents", "remove DIRECTORY and its ancestors;\n"
                "  e.g., 'rmdir -p a/b' is similar to 'rmdir a/b a'\n"),
            opt("-v, --verbose", "output a diagnostic for every directory processed"),
            operands=(1, None))

_ENOTEMPTY, _EEXIST = 39, 17
_MAYBE_NONEMPTY = (13, 1, 30, 16)  # EACCES EPERM EROFS EBUSY


def _nonempty(path):
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        with os.scandir(fd) as it:
            for _ in it:
                return True
    except OSError:
        return False
    finally:
        os.close(fd)
    return False


def _ignorable(opts, err, path):
    if not opts.ignore_fail_on_non_empty:
        return False
    return err in (_ENOTEMPTY, _EEXIST) or (err in _MAYBE_NONEMPTY and _nonempty(path))


def main(argv):
    opts = SPEC.parse(argv)
    prog = opts.prog
    out = stdout()
    status = 0
    for arg in opts.operands:
        path = os.fsencode(arg)
        if opts.verbose:
            out.write(("%s: removing directory, %s\n" % (prog, quoteaf(path))).encode("utf-8", "surrogateescape"))
        try:
            os.rmdir(path)
        except OSError as e:
            if _ignorable(opts, e.errno, path):
                continue
            if e.errno == 20 and path.endswith(b"/") and _link_to_dir(path):
                warn(prog, "failed to remove %s: Symbolic link not followed" % quoteaf(path))
            else:
                warn(prog, "failed to remove %s" % quoteaf(path), e.strerror)
            status = 1
            continue
        if opts.parents and not _parents(opts, out, path):
            status = 1
    return status


def _link_to_dir(path):
    """GNU's test for `failed to remove 'x/': Symbolic link not followed`:
    the name with its slash is a directory (or cannot be stat'ed for a
    reason other than ENOTDIR), and without it a symbolic link."""
    try:
        ok = (os.stat(path).st_mode & 0o170000) == 0o040000
    except OSError as e:
        ok = e.errno != 20
    return ok and os.path.islink(path.rstrip(b"/"))


def _parents(opts, out, path):
    prog = opts.prog
    path = path.rstrip(b"/") or path[:1]
    while True:
        slash = path.rfind(b"/")
        if slash < 0:
            return True
        while slash > 0 and path[slash - 1:slash] == b"/":
            slash -= 1
        path = path[:slash]
        if not path:
            path = b"/"  # GNU keeps the root slash and tries it
        if opts.verbose:
            out.write(("%s: removing directory, %s\n" % (prog, quoteaf(path))).encode("utf-8", "surrogateescape"))
        try:
            os.rmdir(path)
        except OSError as e:
            if _ignorable(opts, e.errno, path):
                return True
            warn(prog, "failed to remove directory %s" % quoteaf(path), e.strerror)
            return False
        if path == b"/":
            return True
