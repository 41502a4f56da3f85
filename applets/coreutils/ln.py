"""ln: make links between files, with all of GNU ln 9.1's options.

Each link is one link(2)/linkat or symlink(2) call; an existing
destination is only dealt with after that call said EEXIST.  -f then
replaces it atomically: the new link is made under a temporary name in the
same directory and renamed over the old one, so the name never goes
missing (as GNU 9.1 does).  -r computes the target relative to the link's
directory after resolving both (symbolic links in existing components
followed, missing ones taken literally), like GNU's canonicalize + relpath.
-d/-F only allow the attempt: the kernel refuses hard links to directories
(EPERM), as GNU reports.
"""
import os

from multicall.errors import Fail, Usage, quotef, warn
from multicall.options import Spec, opt

_EPILOG = """\
The backup suffix is '~', unless set with --suffix or SIMPLE_BACKUP_SUFFIX.
The version control method may be selected via the --backup option or through
the VERSION_CONTROL environment variable.  Here are the values:

  none, off       never make backups (even if --backup is given)
  numbered, t     make numbered backups
  existing, nil   numbered if numbered backups exist, simple otherwise
  simple, never   always make simple backups

Using -s ignores -L and -P.  Otherwise, the last option specified controls
behavior when a TARGET is a symbolic link, defaulting to -P."""

SPEC = Spec(("[OPTION]... [-T] TARGET LINK_NAME", "[OPTION]... TARGET", "[OPTION]... TARGET... DIRECTORY",
             "[OPTION]... -t DIRECTORY TARGET..."),
            "In the 1st form, create a link to TARGET with the name LINK_NAME.\n"
            "In the 2nd form, create a link to TARGET in the current directory.\n"
            "In the 3rd and 4th forms, create links to each TARGET in DIRECTORY.\n"
            "Create hard links by default, symbolic links with --symbolic.\n"
            "By default, each destination (name of new link) should not already exist.\n"
            "When creating hard links, each TARGET must exist.  Symbolic links\n"
            "can hold arbitrary text; if later resolved, a relative link is\n"
            "interpreted in relation to its parent directory.\n\n"
            "Mandatory arguments to long options are mandatory for short options too.",
            opt("--backup[=CONTROL]", "make a backup of each existing destination file", kind="list"),
            opt("-b", "like --backup but does not accept an argument", dest="backup", kind="list"),
            opt("-d, -F, --directory", "allow the superuser to attempt to hard link\n  directories (note: will"
                " probably fail due to\n  system restrictions, even for the superuser)"),
            opt("-f, --force", "remove existing destination files"),
            opt("-i, --interactive", "prompt whether to remove destinations"),
            opt("-L, --logical", "dereference TARGETs that are symbolic links", dest="follow", const=True),
            opt("-n, --no-dereference", "treat LINK_NAME as a normal file if\n  it is a symbolic link to a"
                " directory"),
            opt("-P, --physical", "make hard links directly to symbolic links", dest="follow", const=False),
            opt("-r, --relative", "with -s, create links relative to link location"),
            opt("-s, --symbolic", "make symbolic links instead of hard links"),
            opt("-S, --suffix=SUFFIX", "override the usual backup suffix"),
            opt("-t, --target-directory=DIRECTORY", "specify the DIRECTORY in which to create\n  the links"),
            opt("-T, --no-target-directory", "treat LINK_NAME as a normal file always"),
            opt("-v, --verbose", "print name of each linked file"),
            epilog=_EPILOG)


def _qa(name):
    return quotef(name, always=True)


def relative_to(target, link):
    """GNU ln -r: `target` (as named from the current directory) relative
    to the directory of `link`, both canonicalized first."""
    import posixpath
    cut = link.rstrip(b"/").rfind(b"/")
    ldir = link[:cut] if cut > 0 else (b"/" if cut == 0 else b".")
    real_target = posixpath.realpath(target)
    real_dir = posixpath.realpath(ldir)
    return posixpath.relpath(real_target, real_dir)


def _targets(prog, operands, target_dir, no_target, no_deref):
    from multicall import copy
    names = [os.fsencode(a) for a in operands]
    if target_dir is not None and no_target:
        raise Usage("cannot combine --target-directory and --no-target-directory")
    if target_dir is not None:
        t = os.fsencode(target_dir)
        try:
            st = os.stat(t)
            if (st.st_mode & 0o170000) != 0o040000:
                raise Fail("target %s is not a directory" % _qa(t))
        except OSError as e:
            raise Fail("failed to access %s: %s" % (_qa(t), e.strerror))
        if not names:
            raise Usage("missing file operand")
        return [(s, copy.join(t, copy.last_component(s))) for s in names]
    if not names:
        raise Usage("missing file operand")
    if no_target:
        if len(names) == 1:
            raise Usage("missing destination file operand after %s" % _qa(names[0]))
        if len(names) > 2:
            raise Usage("extra operand %s" % _qa(names[2]))
        return [(names[0], names[1])]
    if len(names) == 1:
        return [(names[0], copy.join(b".", copy.last_component(names[0])))]
    dest = names[-1]
    err = None
    isdir = False
    try:
        st = os.stat(dest)
        isdir = (st.st_mode & 0o170000) == 0o040000
        if isdir and no_deref and len(names) == 2:
            isdir = (os.lstat(dest).st_mode & 0o170000) == 0o040000
    except OSError as e:
        err = e
    if isdir:
        return [(s, copy.join(dest, copy.last_component(s))) for s in names[:-1]]
    if len(names) > 2:
        if err is not None and err.errno != 20:
            raise Fail("target %s: %s" % (_qa(dest), err.strerror))
        raise Fail("target %s is not a directory" % _qa(dest))
    return [(names[0], dest)]


def main(argv):
    from multicall import backup
    opts = SPEC.parse(argv)
    prog = opts.prog
    if opts.relative and not opts.symbolic:
        raise Fail("cannot do --relative without --symbolic")
    given = bool(opts.backup) or opts.suffix is not None
    kind = backup.kind_from(opts.backup[-1] if opts.backup else None, given)
    sfx = backup.suffix(opts.suffix)
    # -i and -f: the last one given wins, as in GNU
    interactive = force = False
    for d in opts.given:
        if d == "interactive":
            interactive, force = True, False
        elif d == "force":
            interactive, force = False, True
    pairs = _targets(prog, opts.operands, opts.target_directory, opts.no_target_directory, opts.no_dereference)
    status = 0
    out = None
    for src, dst in pairs:
        line = link_one(prog, opts, src, dst, kind, sfx, interactive, force)
        if line is None:
            status = 1
        elif line and opts.verbose:
            if out is None:
                from multicall.stdio import stdout
                out = stdout()
            out.write(line.encode("utf-8", "surrogateescape") + b"\n")
    return status


def _make(opts, src, dst):
    if opts.symbolic:
        os.symlink(src, dst)
    else:
        os.link(src, dst, follow_symlinks=bool(opts.follow))


def link_one(prog, opts, src, dst, kind, sfx, interactive, force):
    """Make one link; the -v line ("" when skipped), or None after an error."""
    from multicall import backup
    sym = opts.symbolic
    if not sym:
        try:
            st = os.stat(src) if opts.follow else os.lstat(src)
        except OSError as e:
            warn(prog, "failed to access %s: %s" % (_qa(src), e.strerror))
            return None
        if (st.st_mode & 0o170000) == 0o040000 and not opts.directory:
            warn(prog, "%s: hard link not allowed for directory" % quotef(src))
            return None
    target = relative_to(src, dst) if opts.relative else src
    bk = None
    try:
        _make(opts, target, dst)
    except FileExistsError as e:
        if not (force or interactive or kind != "none"):
            return _fail(prog, sym, target, dst, e)
        try:
            dst_st = os.lstat(dst)
        except OSError:
            dst_st = None
        if dst_st is not None:
            from multicall.copy import _same_entry
            # GNU's same_name: the two names are one directory entry
            same = _same_entry(src, dst)
            if same and (force or kind != "none"):
                warn(prog, "%s and %s are the same file" % (_qa(src), _qa(dst)))
                return None
            if (dst_st.st_mode & 0o170000) == 0o040000:
                warn(prog, "%s: cannot overwrite directory" % quotef(dst))
                return None
            if interactive:
                from multicall.copy import ask
                if not ask(prog, "replace %s? " % _qa(dst)):
                    return ""
        try:
            if kind != "none":
                try:
                    bk = backup.rename_away(dst, kind, sfx)
                except FileNotFoundError:
                    bk = None
                _make(opts, target, dst)
            else:
                _replace(opts, target, dst)
        except OSError as e2:
            if bk is not None:
                try:
                    os.rename(bk, dst)
                except OSError:
                    pass
            return _fail(prog, sym, target, dst, e2)
    except OSError as e:
        return _fail(prog, sym, target, dst, e)
    line = "%s %s> %s" % (_qa(dst), "-" if sym else "=", _qa(target))
    if bk is not None:
        line = "%s ~ %s" % (_qa(bk), line)
    return line


def _replace(opts, target, dst):
    """Make the link under a temporary name beside `dst` and rename it
    over `dst`: the name is never missing (GNU 9.1's force_linkat)."""
    cut = dst.rfind(b"/") + 1
    for _ in range(100):
        tmp = dst[:cut] + b"Cu" + os.urandom(3).hex().encode()
        try:
            _make(opts, target, tmp)
            break
        except FileExistsError:
            continue
    else:
        raise FileExistsError(17, "File exists")
    try:
        os.rename(tmp, dst)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    # rename(2) does nothing when both names are links to one file
    try:
        a, b = os.lstat(tmp), os.lstat(dst)
        if (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino):
            os.unlink(tmp)
    except OSError:
        pass


def _fail(prog, sym, src, dst, e):
    if sym:
        warn(prog, "failed to create symbolic link %s: %s" % (_qa(dst), e.strerror))
    elif e.errno in (31, 122, 17, 28, 30):  # EMLINK EDQUOT EEXIST ENOSPC EROFS
        warn(prog, "failed to create hard link %s: %s" % (_qa(dst), e.strerror))
    else:
        warn(prog, "failed to create hard link %s => %s: %s" % (_qa(dst), _qa(src), e.strerror))
    return None
