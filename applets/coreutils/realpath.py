"""realpath and readlink: print resolved file names.

One canonicalizer for both (gnulib's canonicalize_filename_mode): the
name is walked component by component with readlink(2), a symbolic link's
target spliced into what is left, '..' taken after the links before it
are resolved; modes EXISTING (-e), ALL_BUT_LAST (-f, realpath's default)
and MISSING (-m), and NOLINKS (realpath -s, and the first, logical pass
of -L).  More than 40 links in one name is a loop (ELOOP, or in MISSING
mode the link is kept as a plain name, as gnulib does).  No stat of anything that is
not on the path.
"""
import os

from multicall.errors import Fail, Usage, quotef, warn
from multicall.options import Spec, opt
from multicall.stdio import stdout

EXISTING, ALL_BUT_LAST, MISSING = "e", "f", "m"

READLINK_SPEC = Spec("[OPTION]... FILE...", "Print value of a symbolic link or canonical file name",
                     opt("-f, --canonicalize", "canonicalize by following every symlink in\n"
                         "every component of the given name recursively;\n"
                         "all but the last component must exist", dest="mode", kind="const", const=ALL_BUT_LAST),
                     opt("-e, --canonicalize-existing", "canonicalize by following every symlink in\n"
                         "every component of the given name recursively,\n"
                         "all components must exist", dest="mode", kind="const", const=EXISTING),
                     opt("-m, --canonicalize-missing", "canonicalize by following every symlink in\n"
                         "every component of the given name recursively,\n"
                         "without requirements on components existence", dest="mode", kind="const", const=MISSING),
                     opt("-n, --no-newline", "do not output the trailing delimiter"),
                     opt("-q, --quiet", None, dest="verbose", kind="const", const=False),
                     opt("-s, --silent", "suppress most error messages (on by default)", dest="verbose",
                         kind="const", const=False),
                     opt("-v, --verbose", "report error messages", dest="verbose", kind="const", const=True),
                     opt("-z, --zero", "end each output line with NUL, not newline"))

REALPATH_SPEC = Spec("[OPTION]... FILE...", "Print the resolved absolute file name;\n"
                     "all but the last component must exist\n",
                     opt("-e, --canonicalize-existing", "all components of the path must exist", dest="mode",
                         kind="const", const=EXISTING),
                     opt("-m, --canonicalize-missing", "no path components need exist or be a directory",
                         dest="mode", kind="const", const=MISSING),
                     opt("-L, --logical", "resolve '..' components before symlinks", dest="logical",
                         kind="const", const=True),
                     opt("-P, --physical", "resolve symlinks as encountered (default)", dest="logical",
                         kind="const", const=False),
                     opt("-q, --quiet", "suppress most error messages"),
                     opt("--relative-to=DIR", "print the resolved path relative to DIR"),
                     opt("--relative-base=DIR", "print absolute paths unless paths below DIR"),
                     opt("-s, --strip, --no-symlinks", "don't expand symlinks", dest="strip"),
                     opt("-z, --zero", "end each output line with NUL, not newline"))

_ENOENT, _ENOTDIR, _EINVAL, _ELOOP = 2, 20, 22, 40
MAXSYMLINKS = 40


def _err(code):
    return OSError(code, os.strerror(code))


def _requires_dir(end):
    """gnulib's suffix_requires_dir_check: what follows a component (`end`)
    makes it need to be a directory: a trailing '/', or a '..' component
    next ('.' components are skipped)."""
    i, n = 0, len(end)
    while i < n and end[i:i + 1] == b"/":
        while i < n and end[i:i + 1] == b"/":
            i += 1
        if i >= n:
            return True
        j = end.find(b"/", i)
        comp = end[i:] if j < 0 else end[i:j]
        if comp == b"..":
            return True
        if comp != b".":
            return False
        if j < 0:
            return True
        i = j
    return False


def _dir_error(path):
    """None if `path` is a directory (links followed), else the OSError."""
    try:
        os.stat(path + b"/")
        return None
    except OSError as e:
        return e


def _is_dir(path):
    try:
        os.stat(path + b"/")
        return True
    except OSError:
        return False


def canonicalize(name, mode, nolinks=False):
    """The canonical absolute form of bytes `name`; raises OSError."""
    if not name:
        raise _err(_ENOENT)
    if name[:1] == b"/":
        comps = []
    else:
        cwd = os.getcwdb()
        comps = [c for c in cwd.split(b"/") if c]
    rest = name
    links = 0
    while True:
        start = 0
        n = len(rest)
        while start < n and rest[start:start + 1] == b"/":
            start += 1
        if start >= n:
            break
        slash = rest.find(b"/", start)
        comp = rest[start:] if slash < 0 else rest[start:slash]
        end = b"" if slash < 0 else rest[slash:]
        rest = end
        if comp == b".":
            continue
        if comp == b"..":
            if comps:
                comps.pop()
            continue
        comps.append(comp)
        cur = b"/" + b"/".join(comps)
        last = not end.strip(b"/")
        if nolinks:
            # gnulib's logical check: a component followed by more of the
            # name is not looked at (unless '/', '/.' or '/..' follows: then
            # it must be a directory); the last one must exist (following links)
            if _requires_dir(end):
                err = _dir_error(cur)
            elif end:
                err = None
            else:
                try:
                    os.stat(cur)
                    err = None
                except OSError as e:
                    err = e
            if err is not None and mode != MISSING:
                if mode == EXISTING or not last or err.errno != _ENOENT:
                    raise err
            continue
        try:
            target = os.readlink(cur)
        except OSError as e:
            if _requires_dir(end):
                err = _dir_error(cur)
            else:
                err = None if e.errno == _EINVAL else e
            if err is not None:
                if mode == EXISTING:
                    raise err
                if mode == ALL_BUT_LAST and (not last or err.errno != _ENOENT):
                    raise err
            continue
        # a symbolic link: followed unless there have been too many
        # (glibc's and gnulib's __eloop_threshold)
        links += 1
        if links > MAXSYMLINKS:
            if mode == MISSING:
                continue
            raise _err(_ELOOP)
        comps.pop()
        if target[:1] == b"/":
            comps = []
        rest = target + end
    return b"/" + b"/".join(comps)


def main(argv):
    if argv[0] == "readlink":
        return readlink(argv)
    return realpath(argv)


def readlink(argv):
    opts = READLINK_SPEC.parse(argv)
    prog = opts.prog
    if not opts.operands:
        raise Usage("missing operand")
    no_newline = opts.no_newline
    if no_newline and len(opts.operands) > 1:
        warn(prog, "ignoring --no-newline with multiple arguments")
        no_newline = False
    end = b"" if no_newline else b"\0" if opts.zero else b"\n"
    out = stdout()
    status = 0
    for arg in opts.operands:
        name = os.fsencode(arg)
        try:
            if opts.mode is None:
                value = os.readlink(name)
            else:
                value = canonicalize(name, opts.mode)
        except OSError as e:
            if opts.verbose:
                from multicall.stdio import flush_stdout
                flush_stdout()
                warn(prog, quotef(name), e.strerror)
            status = 1
            continue
        out.write(value + end)
    return status


def _canon(name, mode, logical, strip):
    if logical or strip:
        value = canonicalize(name, mode, nolinks=True)
        if logical and not strip:
            value = canonicalize(value, mode)
        return value
    return canonicalize(name, mode)


def path_prefix(prefix, path):
    """gnulib's path_prefix: `path` is `prefix` or below it."""
    if prefix == b"/":
        return path[1:2] != b"/"
    return path == prefix or path.startswith(prefix + b"/")


def relpath(path, base):
    """`path` relative to directory `base` (both canonical), as GNU's
    realpath writes it."""
    pc = [c for c in path.split(b"/") if c]
    bc = [c for c in base.split(b"/") if c]
    i = 0
    while i < len(pc) and i < len(bc) and pc[i] == bc[i]:
        i += 1
    ups = [b".."] * (len(bc) - i)
    rel = b"/".join(ups + pc[i:])
    return rel or b"."


def realpath(argv):
    opts = REALPATH_SPEC.parse(argv)
    prog = opts.prog
    if not opts.operands:
        raise Usage("missing operand")
    mode = opts.mode or ALL_BUT_LAST
    logical = bool(opts.logical)
    strip = opts.strip
    need_dir = mode == EXISTING
    rel_to = rel_base = None
    to_arg = opts.relative_to if opts.relative_to is not None else opts.relative_base
    if to_arg is not None:
        rel_to = _relative_dir(to_arg, mode, logical, strip, need_dir)
    if opts.relative_base is not None:
        if opts.relative_base == to_arg:
            rel_base = rel_to
        else:
            base = _relative_dir(opts.relative_base, mode, logical, strip, need_dir)
            if path_prefix(base, rel_to):
                rel_base = base
            else:
                # --relative-to outside --relative-base: absolute names
                rel_base, rel_to = rel_to, None
    end = b"\0" if opts.zero else b"\n"
    out = stdout()
    status = 0
    for arg in opts.operands:
        name = os.fsencode(arg)
        try:
            value = _canon(name, mode, logical, strip)
        except OSError as e:
            if not opts.quiet:
                from multicall.stdio import flush_stdout
                flush_stdout()
                warn(prog, quotef(name), e.strerror)
            status = 1
            continue
        if rel_to is not None and (rel_base is None or path_prefix(rel_base, value)):
            value = relpath(value, rel_to)
        out.write(value + end)
    return status


def _relative_dir(arg, mode, logical, strip, need_dir):
    name = os.fsencode(arg)
    try:
        value = _canon(name, mode, logical, strip)
    except OSError as e:
        raise Fail("%s: %s" % (quotef(name), e.strerror)) from None
    if need_dir and not _is_dir(value):
        raise Fail("%s: %s" % (quotef(name), os.strerror(_ENOTDIR)))
    return value
