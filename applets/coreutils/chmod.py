"""chmod: change file mode bits.

Modes are compiled once with multicall.modes (octal or symbolic, the
umask applied where no `who` is given) and applied with one fchmodat(2)
per file relative to its open parent; -R walks with multicall.walk,
following symbolic links given as operands only (as GNU's FTS_COMFOLLOW |
FTS_PHYSICAL): a link found in the tree is never followed nor changed.
GNU's "-w"/"-rwx" spellings are taken as modes, and its diagnostic for a
umask surprise with them is kept.
"""
import os

from multicall import modes, walk
from multicall.errors import Fail, Usage, quote, quotef
from multicall.options import Spec, opt
from multicall.stdio import stdout
from multicall.fileops import quoteaf, root_stat, root_warning, warn, write_err

SPEC = Spec(("[OPTION]... MODE[,MODE]... FILE...", "[OPTION]... OCTAL-MODE FILE...",
             "[OPTION]... --reference=RFILE FILE..."),
            "Change the mode of each FILE to MODE.\n"
            "With --reference, change the mode of each FILE to that of RFILE.",
            opt("-c, --changes", "like verbose but report only when a change is made"),
            opt("-f, --silent, --quiet", "suppress most error messages", dest="silent"),
            opt("-v, --verbose", "output a diagnostic for every file processed"),
            opt("--no-preserve-root", "do not treat '/' specially (the default)", dest="preserve_root",
                kind="const", const=False, default=False),
            opt("--preserve-root", "fail to operate recursively on '/'", dest="preserve_root",
                kind="const", const=True),
            opt("--reference=RFILE", "use RFILE's mode instead of MODE values"),
            opt("-R, --recursive", "change files and directories recursively"),
            epilog="Each MODE is of the form '[ugoa]*([-+=]([rwxXst]*|[ugo]))+|[-+=][0-7]+'.")

_MODE_LETTERS = frozenset("rwxXstugoa,+=01234567")

OFF, CHANGES, HIGH = 0, 1, 2


def split_mode_args(argv):
    """GNU takes `-w`, `-rwx`, `-644`... as modes (its getopt string makes
    each mode letter an option whose argument is the rest): pull them out
    of argv (before `--`), joined with commas as GNU does; option letters
    before the first mode letter (`-vw`) still count.  (mode or None, rest)."""
    pieces = []
    rest = [argv[0]]
    args = argv[1:]
    for i, a in enumerate(args):
        if a == "--":
            rest.extend(args[i:])
            break
        if len(a) > 1 and a[0] == "-" and a[1] != "-":
            k = next((j for j in range(1, len(a)) if a[j] in _MODE_LETTERS), 0)
            if k:
                pieces.append(a)
                if k > 1:
                    rest.append(a[:k])
                continue
        rest.append(a)
    return (",".join(pieces) if pieces else None), rest


class _Run:
    pass


def main(argv):
    mode_text, rest = split_mode_args(argv)
    opts = SPEC.parse(rest)
    x = _Run()
    x.prog = opts.prog
    x.silent = opts.silent
    x.verbosity = HIGH if opts.verbose else CHANGES if opts.changes else OFF
    if "verbose" in opts.given and "changes" in opts.given:
        x.verbosity = HIGH if opts.given.index("verbose") > opts.given.index("changes") else CHANGES
    x.surprises = mode_text is not None
    files = opts.operands
    if opts.reference is not None:
        if mode_text is not None:
            raise Usage("cannot combine mode and --reference options")
    elif mode_text is None:
        if not files:
            raise Usage("missing operand")
        mode_text, files = files[0], files[1:]
    if not files:
        if mode_text is not None and opts.reference is None:
            raise Usage("missing operand after %s" % quote(mode_text))
        raise Usage("missing operand")
    if opts.reference is not None:
        ref = os.fsencode(opts.reference)
        try:
            st = os.stat(ref)
        except OSError as e:
            raise Fail("failed to get attributes of %s: %s" % (quoteaf(ref), e.strerror)) from None
        x.changes = modes.compile("%o" % (st.st_mode & 0o7777))
        x.changes[0].mentioned = modes.ALL
        x.umask = 0
    else:
        x.changes = modes.compile(mode_text)
        if x.changes is None:
            raise Usage("invalid mode: %s" % quote(mode_text))
        x.umask = os.umask(0)
        os.umask(x.umask)
    x.root = root_stat() if opts.recursive and opts.preserve_root else None
    x.out = stdout()
    ok = True
    for f in files:
        if not chmod_tree(x, os.fsencode(f), opts.recursive):
            ok = False
    return 0 if ok else 1


def chmod_tree(x, path, recursive):
    ok = True
    for e in walk.Walker([path], follow="H", order="fts"):
        kind = e.kind
        if kind == walk.POST:
            continue
        if kind == walk.ERROR:
            if not x.silent:
                if e.stage == "stat":
                    warn(x.prog, "cannot access %s" % quoteaf(e.path), e.error.strerror)
                elif e.stage in ("open", "read"):
                    warn(x.prog, "cannot read directory %s" % quoteaf(e.path), e.error.strerror)
                else:
                    warn(x.prog, quotef(e.path), e.error.strerror)
            _inaccessible(x, e)
            ok = False
            continue
        if kind == walk.LOOP:
            write_err("%s: WARNING: Circular directory structure.\n"
                      "This almost certainly means that you have a corrupted file system.\n"
                      "NOTIFY YOUR SYSTEM MANAGER.\n"
                      "The following directory is part of the cycle:\n  %s\n" % (x.prog, quoteaf(e.path)))
            ok = False
            continue
        if kind == walk.PRE and not recursive:
            e.prune()
        if e.broken:
            if not x.silent:
                warn(x.prog, "cannot operate on dangling symlink %s" % quoteaf(e.path))
            _inaccessible(x, e)
            ok = False
            continue
        try:
            st = e.stat()
        except OSError as err:
            if not x.silent:
                warn(x.prog, "cannot access %s" % quoteaf(e.path), err.strerror)
            _inaccessible(x, e)
            ok = False
            continue
        if x.root is not None and (st.st_dev, st.st_ino) == x.root:
            root_warning(x.prog, e.path)
            e.prune()
            ok = False
            continue
        if not change(x, e, st):
            ok = False
    return ok


def _inaccessible(x, e):
    """GNU's CH_ERROR line for -v."""
    if x.verbosity == HIGH:
        x.out.write(("%s could not be accessed\n" % quoteaf(e.path)).encode("utf-8", "surrogateescape"))


def change(x, e, st):
    old = st.st_mode
    is_dir = (old & modes.S_IFMT) == modes.S_IFDIR
    new = modes.adjust(old, x.changes, is_dir=is_dir, umask=x.umask)
    is_link = (old & modes.S_IFMT) == modes.S_IFLNK
    ok = True
    done = False
    if not is_link:
        try:
            if e.dir_fd is None:
                os.chmod(e.name, new)
            else:
                os.chmod(e.name, new, dir_fd=e.dir_fd)
            done = True
        except OSError as err:
            if not x.silent:
                warn(x.prog, "changing permissions of %s" % quoteaf(e.path), err.strerror)
            ok = False
    if x.verbosity != OFF:
        changed = done and _changed(x, e, old, new)
        if changed or x.verbosity == HIGH:
            _describe(x, e.path, old, new, "fail" if not ok else "na" if not done else
                      "ok" if changed else "same")
    if done and x.surprises:
        naive = modes.adjust(old, x.changes, is_dir=is_dir, umask=0)
        if new & ~naive:
            warn(x.prog, "%s: new permissions are %s, not %s" % (
                quotef(e.path), modes.mode_string(new)[1:].decode(), modes.mode_string(naive)[1:].decode()))
            ok = False
    return ok


def _changed(x, e, old, new):
    if new & (modes.S_ISUID | modes.S_ISGID | modes.S_ISVTX):
        try:
            new = os.stat(e.name, dir_fd=e.dir_fd).st_mode
        except OSError as err:
            if not x.silent:
                warn(x.prog, "getting new attributes of %s" % quoteaf(e.path), err.strerror)
            return False
    return ((old ^ new) & modes.ALL) != 0


def _describe(x, path, old, new, how):
    name = quoteaf(path)
    if how == "na":
        line = "neither symbolic link %s nor referent has been changed\n" % name
    elif how == "same":
        line = "mode of %s retained as %04o (%s)\n" % (name, new & modes.ALL, modes.mode_string(new)[1:].decode())
    else:
        fmt = ("mode of %s changed from %04o (%s) to %04o (%s)\n" if how == "ok"
               else "failed to change mode of %s from %04o (%s) to %04o (%s)\n")
        line = fmt % (name, old & modes.ALL, modes.mode_string(old)[1:].decode(),
                      new & modes.ALL, modes.mode_string(new)[1:].decode())
    x.out.write(line.encode("utf-8", "surrogateescape"))
