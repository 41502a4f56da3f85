"""rm: remove files or directories.

-r walks the tree with multicall.walk (no recursion, dir_fd-relative
unlinkat, never following a symbolic link found in the tree, so a link
planted inside is removed itself).  It is fast because a plain file costs
one Entry from the walker and one unlink(2) relative to its open parent:
nothing is stat'ed but the directories, and prompts, write-protection
checks and emptiness tests happen only in the interactive modes.

The rules are GNU's: a failure below a directory (or a declined prompt)
leaves every ancestor alone without a second message; '.' and '..' as the
last component are refused; '/' is refused with --preserve-root (the
default); --one-file-system skips mount points.
"""
import os

from multicall import walk
from multicall.errors import Fail, Usage
from multicall.options import Spec, opt
from multicall.stdio import stdout
from multicall.fileops import (
    check_no_preserve_abbrev, warn, write_err, dot_or_dotdot, file_type, is_empty_dir, is_root, prompt,
    quoteaf, root_stat, root_warning)

NEVER, SOMETIMES, ALWAYS = 0, 1, 2
OK, NO, ERR = 0, 1, 2  # a prompt's outcome
_WHEN = {"never": NEVER, "no": NEVER, "none": NEVER, "once": SOMETIMES,
         "always": ALWAYS, "yes": ALWAYS}

SPEC = Spec("[OPTION]... [FILE]...", "Remove (unlink) the FILE(s).",
            opt("-f, --force", "ignore nonexistent files and arguments, never prompt"),
            opt("-i", "prompt before every removal", dest="i"),
            opt("-I", "prompt once before removing more than three files, or\n"
                "  when removing recursively; less intrusive than -i,\n"
                "  while still giving protection against most mistakes", dest="I"),
            opt("--interactive[=WHEN]", "prompt according to WHEN: never, once (-I), or\n"
                "  always (-i); without WHEN, prompt always", const="always"),
            opt("--one-file-system", "when removing a hierarchy recursively, skip any\n"
                "  directory that is on a file system different from\n"
                "  that of the corresponding command line argument"),
            opt("--no-preserve-root", "do not treat '/' specially"),
            opt("--preserve-root[=all]", "do not remove '/' (default);\n"
                "  with 'all', reject any command line argument\n"
                "  on a separate device from its parent", const=""),
            opt("-r, -R, --recursive", "remove directories and their contents recursively"),
            opt("-d, --dir", "remove empty directories"),
            opt("-v, --verbose", "explain what is being done"),
            opt("---presume-input-tty", None, dest="presume_input_tty"),
            epilog="By default, rm does not remove directories.  Use the --recursive (-r or -R)\n"
            "option to remove each listed directory, too, along with all of its contents.\n\n"
            "To remove a file whose name starts with a '-', for example '-foo',\n"
            "use one of these commands:\n"
            "  rm -- -foo\n\n"
            "  rm ./-foo\n\n"
            "Note that if you use rm to remove a file, it might be possible to recover\n"
            "some of its contents, given sufficient expertise and/or time.  For greater\n"
            "assurance that the contents are truly unrecoverable, consider using shred(1).")


class _Ctx:
    """One run's settings and state."""

    def __init__(self, prog):
        self.prog = prog
        self.interactive = NEVER
        self.ignore_missing = False
        self.recursive = False
        self.dirs = False
        self.verbose = False
        self.one_fs = False
        self.root = None  # (dev, ino) of '/' with --preserve-root
        self.preserve_all = False
        self.tty = False
        self.root_dev = None
        self.out = None


def main(argv):
    opts = SPEC.parse(argv)
    prog = opts.prog
    x = _Ctx(prog)
    prompt_once = False
    preserve = True
    for dest in opts.given:
        if dest == "force":
            x.interactive, x.ignore_missing, prompt_once = NEVER, True, False
        elif dest == "i":
            x.interactive, x.ignore_missing, prompt_once = ALWAYS, False, False
        elif dest == "I":
            x.interactive, x.ignore_missing, prompt_once = SOMETIMES, False, True
        elif dest == "interactive":
            from multicall.options import argmatch
            when = argmatch(opts.interactive, "--interactive", list(_WHEN.items()))
            if when == NEVER:
                x.interactive, prompt_once = NEVER, False
            elif when == SOMETIMES:
                x.interactive, x.ignore_missing, prompt_once = SOMETIMES, False, True
            else:
                x.interactive, x.ignore_missing, prompt_once = ALWAYS, False, False
        elif dest == "preserve_root":
            preserve = True
            if opts.preserve_root is not None and opts.preserve_root != "":
                if opts.preserve_root != "all":
                    raise Fail("unrecognized --preserve-root argument: %s" % quoteaf(opts.preserve_root))
                x.preserve_all = True
        elif dest == "no_preserve_root":
            if check_no_preserve_abbrev(argv):
                raise Fail("you may not abbreviate the --no-preserve-root option")
            preserve = False
    x.recursive = opts.recursive
    x.dirs = opts.dir
    x.verbose = opts.verbose
    x.one_fs = opts.one_file_system
    files = [os.fsencode(a) for a in opts.operands]
    if not files:
        if x.ignore_missing:
            return 0
        raise Usage("missing operand")
    if x.recursive and preserve:
        x.root = root_stat()
    x.tty = opts.presume_input_tty or os.isatty(0)
    x.out = stdout()
    n = len(files)
    if prompt_once and (x.recursive or n > 3):
        if x.recursive:
            text = "remove %d argument%s recursively? " % (n, "" if n == 1 else "s")
        else:
            text = "remove %d argument%s? " % (n, "" if n == 1 else "s")
        if not prompt(prog, text):
            return 0
    status = 0
    for f in files:
        if not remove(x, f):
            status = 1
    return status


def _err(x, path, e):
    write_err("%s: cannot remove %s: %s\n" % (x.prog, quoteaf(path), e.strerror or str(e)))


def _ask(x, e, is_dir, descend):
    """GNU's prompt(): OK to go on, NO when declined, ERR when it failed
    (a message has then been written).  is_dir: the entry is a directory."""
    if x.interactive == NEVER:
        return OK
    name, fd = e.name, e.dir_fd
    try:
        st = os.stat(name, dir_fd=fd, follow_symlinks=False)
    except OSError as err:
        _err(x, e.path, err)
        return ERR
    is_link = (st.st_mode & walk.S_IFMT) == walk.S_IFLNK
    wp = False
    if not x.ignore_missing and (x.interactive == ALWAYS or x.tty) and not is_link:
        try:
            wp = not os.access(name, os.W_OK, dir_fd=fd, effective_ids=True, follow_symlinks=False)
        except (OSError, NotImplementedError):
            wp = False
    if not (wp or x.interactive == ALWAYS):
        return OK
    is_dir = is_dir or (st.st_mode & walk.S_IFMT) == walk.S_IFDIR
    empty = descend and is_dir and is_empty_dir(name, fd)
    if is_dir and not (x.recursive or (x.dirs and empty)):
        write_err("%s: cannot remove %s: Is a directory\n" % (x.prog, quoteaf(e.path)))
        return ERR
    if is_dir and descend and not empty:
        text = "descend into %sdirectory %s? " % ("write-protected " if wp else "", quoteaf(e.path))
    else:
        text = "remove %s%s %s? " % ("write-protected " if wp else "", file_type(st), quoteaf(e.path))
    return OK if prompt(x.prog, text) else NO


def _excise(x, e, is_dir, dnr_error=None):
    try:
        if is_dir:
            os.rmdir(e.name, dir_fd=e.dir_fd)
        else:
            os.unlink(e.name, dir_fd=e.dir_fd)
    except OSError as err:
        if x.ignore_missing and err.errno in (2, 20):
            return True
        if dnr_error is not None and err.errno in (39, 21, 20, 17):
            err = dnr_error
        _err(x, e.path, err)
        return False
    if x.verbose:
        x.out.write(b"removed directory %s\n" % quoteaf(e.path).encode("utf-8", "surrogateescape")
                    if is_dir else b"removed %s\n" % quoteaf(e.path).encode("utf-8", "surrogateescape"))
    return True


def remove(x, path):
    """Remove one operand; True when all went well."""
    ok = True
    marked = 0  # depths below this have a descendant that was not removed
    skip_post = -1
    interactive = x.interactive
    verbose = x.verbose
    unlink = os.unlink
    FILE, PRE, POST = walk.FILE, walk.PRE, walk.POST
    for e in walk.Walker([path], follow="P", xdev=x.one_fs, order="fts"):
        kind = e.kind
        if kind == FILE:
            if interactive == NEVER and not verbose:
                try:
                    unlink(e.name, dir_fd=e.dir_fd)
                    continue
                except OSError as err:
                    if x.ignore_missing and err.errno in (2, 20):
                        continue
                    _err(x, e.path, err)
                    ok = False
            else:
                r = _ask(x, e, False, False)
                if r == OK and _excise(x, e, False):
                    continue
                if r != NO:
                    ok = False
            if e.depth > marked:
                marked = e.depth
        elif kind == PRE:
            depth = e.depth
            if depth < marked:
                marked = depth
            done = _pre(x, e)
            if done is not None:
                e.prune()
                e.done = True
                if done != OK:
                    if done == ERR:
                        ok = False
                    if depth > marked:
                        marked = depth
        elif kind == POST:
            depth = e.depth
            if getattr(e, "done", False) or depth == skip_post:
                skip_post = -1
                continue
            if depth < marked:
                continue  # something below was kept: leave it quietly
            if x.one_fs and depth > 0 and e.stat().st_dev != x.root_dev:
                warn(x.prog, "skipping %s, since it's on a different device" % quoteaf(e.path))
                ok = False
                marked = depth
                continue
            r = _ask(x, e, True, False)
            if not (r == OK and _excise(x, e, True)):
                if r != NO:
                    ok = False
                if depth > marked:
                    marked = depth
        elif kind == walk.ERROR:
            depth = e.depth
            if e.stage == "stat":
                # as GNU (FTS_NS): try to unlink it anyway, and report that
                r = _ask(x, e, False, False)
                if r == OK and _excise(x, e, False):
                    continue
                if r != NO:
                    ok = False
                if depth > marked:
                    marked = depth
            elif e.stage in ("open", "read"):
                # a directory that cannot be read: try to remove it anyway
                skip_post = depth
                if depth < marked:
                    continue
                r = _ask(x, e, True, False)
                if r == OK and _excise(x, e, True, e.error):
                    continue
                if r != NO:
                    ok = False
                if depth > marked:
                    marked = depth
            else:
                warn(x.prog, "traversal failed: %s" % quoteaf(e.path))
                ok = False
                marked = depth + 1
        elif kind == walk.LOOP:
            write_err("%s: WARNING: Circular directory structure.\n"
                         "This almost certainly means that you have a corrupted file system.\n"
                         "NOTIFY YOUR SYSTEM MANAGER.\n"
                         "The following directory is part of the cycle:\n  %s\n"
                         % (x.prog, quoteaf(e.path)))
            ok = False
            if e.depth > marked:
                marked = e.depth
    return ok


def _pre(x, e):
    """The checks at a directory's first visit.  None: walk into it;
    OK: removed (it was empty); NO: declined; ERR: failed."""
    empty = None
    if not x.recursive:
        empty = x.dirs and is_empty_dir(e.name, e.dir_fd)
        if not empty:
            write_err("%s: cannot remove %s: %s\n" % (
                x.prog, quoteaf(e.path), "Directory not empty" if x.dirs else "Is a directory"))
            return ERR
    st = e.stat()
    if e.depth == 0:
        x.root_dev = st.st_dev
        if dot_or_dotdot(e.path):
            warn(x.prog, "refusing to remove %s or %s directory: skipping %s"
                 % (quoteaf("."), quoteaf(".."), quoteaf(e.path)))
            return ERR
        if is_root(st, x.root):
            root_warning(x.prog, e.path)
            return ERR
        if x.preserve_all:
            parent = e.path + b"/.."
            try:
                pst = os.lstat(parent)
            except OSError:
                warn(x.prog, "failed to stat %s: skipping %s" % (quoteaf(parent), quoteaf(e.path)))
                return ERR
            if pst.st_dev != st.st_dev:
                warn(x.prog, "skipping %s, since it's on a different device" % quoteaf(e.path))
                warn(x.prog, "and --preserve-root=all is in effect")
                return ERR
    if x.interactive == NEVER:
        if empty:
            return OK if _excise(x, e, True) else ERR
        return None
    if empty is None:
        empty = is_empty_dir(e.name, e.dir_fd)
    r = _ask(x, e, True, True)
    if r != OK:
        return r
    if empty:
        return OK if _excise(x, e, True) else ERR
    return None
