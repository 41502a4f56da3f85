"""cp: copy files and directories, with all of GNU cp 9.1's options.

The work is multicall/copy.py's: data moves inside the kernel
(copy_file_range, which also clones where the file system can), holes are
kept, trees are walked by multicall/walk.py with sources opened relative to
their directory and never followed out of the tree unless -L says so, and
nothing is looked up in a directory cp has just created.  Backups follow
multicall/backup.py (GNU's --backup, -S, VERSION_CONTROL).

SELinux: without an SELinux kernel (the usual case), -Z is a no-op and
--context=CTX is ignored with GNU's warning, --preserve=context is GNU's
error; on an SELinux kernel -Z/--context and --preserve=context are
refused, pybox cannot set security contexts.
"""
import os

from multicall.errors import Fail, Usage, quotef, warn
from multicall.options import Spec, argmatch, choice, opt

_EPILOG = """\
By default, sparse SOURCE files are detected by a crude heuristic and the
corresponding DEST file is made sparse as well.  That is the behavior
selected by --sparse=auto.  Specify --sparse=always to create a sparse DEST
file whenever the SOURCE file contains a long enough sequence of zero bytes.
Use --sparse=never to inhibit creation of sparse files.

When --reflink[=always] is specified, perform a lightweight copy, where the
data blocks are copied only when modified.  If this is not possible the copy
fails, or if --reflink=auto is specified, fall back to a standard copy.
Use --reflink=never to ensure a standard copy is performed.

The backup suffix is '~', unless set with --suffix or SIMPLE_BACKUP_SUFFIX.
The version control method may be selected via the --backup option or through
the VERSION_CONTROL environment variable.  Here are the values:

  none, off       never make backups (even if --backup is given)
  numbered, t     make numbered backups
  existing, nil   numbered if numbered backups exist, simple otherwise
  simple, never   always make simple backups

As a special case, cp makes a backup of SOURCE when the force and backup
options are given and SOURCE and DEST are the same name for an existing,
regular file."""

SPEC = Spec(("[OPTION]... [-T] SOURCE DEST", "[OPTION]... SOURCE... DIRECTORY",
             "[OPTION]... -t DIRECTORY SOURCE..."),
            "Copy SOURCE to DEST, or multiple SOURCE(s) to DIRECTORY.\n\n"
            "Mandatory arguments to long options are mandatory for short options too.",
            opt("-a, --archive", "same as -dR --preserve=all"),
            opt("--attributes-only", "don't copy the file data, just the attributes"),
            opt("--backup[=CONTROL]", "make a backup of each existing destination file", kind="list"),
            opt("-b", "like --backup but does not accept an argument", dest="backup", kind="list"),
            opt("--copy-contents", "copy contents of special files when recursive"),
            opt("-d", "same as --no-dereference --preserve=links"),
            opt("-f, --force", "if an existing destination file cannot be\n  opened, remove it and try again"
                " (this option\n  is ignored when the -n option is also used)"),
            opt("-i, --interactive", "prompt before overwrite (overrides a previous -n\n   option)",
                dest="interactive", const="i"),
            opt("-H", "follow command-line symbolic links in SOURCE"),
            opt("-l, --link", "hard link files instead of copying"),
            opt("-L, --dereference", "always follow symbolic links in SOURCE"),
            opt("-n, --no-clobber", "do not overwrite an existing file (overrides\n  a previous -i option)",
                dest="interactive", const="n"),
            opt("-P, --no-dereference", "never follow symbolic links in SOURCE"),
            opt("-p", "same as --preserve=mode,ownership,timestamps"),
            opt("--preserve[=ATTR_LIST]", "preserve the specified attributes (default:\n  mode,ownership,"
                "timestamps), if possible\n  additional attributes: context, links, xattr,\n  all", kind="list"),
            opt("--no-preserve=ATTR_LIST", "don't preserve the specified attributes", kind="list"),
            opt("--parents", "use full source file name under DIRECTORY"),
            opt("-R, -r, --recursive", "copy directories recursively"),
            opt("--reflink[=WHEN]", "control clone/CoW copies. See below",
                type=choice("auto", "always", "never"), const="always"),
            opt("--remove-destination", "remove each existing destination file before\n  attempting to open it"
                " (contrast with --force)"),
            opt("--sparse=WHEN", "control creation of sparse files. See below",
                type=choice("never", "auto", "always")),
            opt("--strip-trailing-slashes", "remove any trailing slashes from each SOURCE\n  argument"),
            opt("-s, --symbolic-link", "make symbolic links instead of copying"),
            opt("-S, --suffix=SUFFIX", "override the usual backup suffix"),
            opt("-t, --target-directory=DIRECTORY", "copy all SOURCE arguments into DIRECTORY"),
            opt("-T, --no-target-directory", "treat DEST as a normal file"),
            opt("-u, --update", "copy only when the SOURCE file is newer\n  than the destination file or when"
                " the\n  destination file is missing"),
            opt("-v, --verbose", "explain what is being done"),
            opt("-x, --one-file-system", "stay on this file system"),
            opt("-Z", "set SELinux security context of destination\n  file to default type"),
            opt("--context[=CTX]", "like -Z, or if CTX is specified then set the\n  SELinux or SMACK security"
                " context to CTX", kind="list"),
            epilog=_EPILOG)

_ATTRS = [("mode", "mode"), ("timestamps", "timestamps"), ("ownership", "ownership"), ("links", "links"),
          ("context", "context"), ("xattr", "xattr"), ("all", "all")]


def selinux_enabled():
    """True on a kernel with SELinux (libselinux's is_selinux_enabled)."""
    return os.path.exists("/sys/fs/selinux/enforce")


def _attr_list(text, option):
    out = []
    for word in text.split(","):
        out.append(argmatch(word, option, _ATTRS))
    return out


def settings_from(opts):
    """Turn cp's options (processed in the order given, as GNU does) into
    copy.Settings; returns (settings, asked_context)."""
    from multicall import backup
    from multicall.copy import Settings
    s = Settings()
    deref = None
    pres = {"mode": False, "ownership": False, "timestamps": False, "links": False,
            "context": False, "xattr": False}
    required = set()
    counters = {}
    for dest in opts.given:
        k = counters.get(dest, 0)
        counters[dest] = k + 1
        if dest == "archive":
            deref = "P"
            s.recursive = True
            for a in pres:
                pres[a] = True
        elif dest == "d":
            deref = "P"
            pres["links"] = True
        elif dest == "H":
            deref = "H"
        elif dest == "dereference":
            deref = "L"
        elif dest == "no_dereference":
            deref = "P"
        elif dest == "p":
            for a in ("mode", "ownership", "timestamps"):
                pres[a] = True
                required.add(a)
        elif dest == "preserve":
            val = opts.preserve[k]
            s.default_modes = False
            words = ["mode", "ownership", "timestamps"] if val is None else _attr_list(val, "--preserve")
            for w in words:
                for a in (pres if w == "all" else [w]):
                    pres[a] = True
                    if w != "all":
                        required.add(a)
        elif dest == "no_preserve":
            for w in _attr_list(opts.no_preserve[k], "--no-preserve"):
                if w in ("mode", "all"):
                    s.default_modes = True
                for a in (pres if w == "all" else [w]):
                    pres[a] = False
                    required.discard(a)
    if opts.recursive:
        s.recursive = True
    s.hard_link = opts.link
    s.symbolic_link = opts.symbolic_link
    if deref is None:
        deref = "P" if s.recursive and not s.hard_link else "L"
    s.deref = deref
    s.preserve_mode = pres["mode"]
    s.preserve_ownership = pres["ownership"]
    s.preserve_timestamps = pres["timestamps"]
    s.preserve_links = pres["links"]
    s.preserve_xattr = pres["xattr"]
    s.require_ownership = "ownership" in required
    s.require_xattr = "xattr" in required
    s.attributes_only = opts.attributes_only
    s.copy_contents = opts.copy_contents
    s.force = opts.force
    s.remove_destination = opts.remove_destination
    s.interactive = opts.interactive
    s.update = opts.update
    s.verbose = opts.verbose
    s.one_file_system = opts.one_file_system
    if opts.sparse is not None:
        s.sparse = opts.sparse
    if opts.reflink is not None:
        s.reflink = opts.reflink
    given = bool(opts.backup) or opts.suffix is not None
    value = None
    for v in opts.backup:
        value = v
    s.backup = backup.kind_from(value, given)
    s.suffix = backup.suffix(opts.suffix)
    return s, pres["context"] and "context" in required


def main(argv):
    from multicall import copy
    opts = SPEC.parse(argv)
    prog = opts.prog
    if opts.link and opts.symbolic_link:
        raise Usage("cannot make both hard and symbolic links")
    s, want_context = settings_from(opts)
    if s.backup != "none" and s.interactive == "n":
        raise Usage("options --backup and --no-clobber are mutually exclusive")
    if s.reflink == "always" and s.sparse not in ("auto",) and opts.sparse is not None:
        raise Usage("--reflink can be used only with --sparse=auto")
    selinux = selinux_enabled()
    if want_context:
        if not selinux:
            raise Fail("cannot preserve security context without an SELinux-enabled kernel")
        raise Fail("cannot preserve security context: pybox has no SELinux support")
    if opts.Z or opts.context:
        if selinux:
            raise Fail("cannot set security contexts: pybox has no SELinux support")
        if any(c is not None for c in opts.context):
            warn(prog, "warning: ignoring --context; it requires an SELinux-enabled kernel")
    # --strip-trailing-slashes: a destination in a directory is named
    # after the source without its slashes anyway, and GNU 9.1 keeps the
    # slashes for everything else (the stat of `f/`, the -v lines).
    operands = opts.operands
    c = copy.Copier(prog, s)
    status = 0
    if opts.parents:
        target = opts.target_directory
        if target is None and not opts.no_target_directory and len(operands) >= 2:
            target = operands[-1]
            operands = operands[:-1]
        if target is None or not copy.is_dir(os.fsencode(target)):
            if target is None and len(operands) < 2:
                copy.targets(prog, operands, None, opts.no_target_directory)
            raise Usage("with --parents, the destination must be a directory")
        t = os.fsencode(target)
        for src in operands:
            srcb = os.fsencode(src)
            dst = copy.join(t, srcb.lstrip(b"/") if not srcb.startswith(b"/") else srcb.lstrip(b"/"))
            made = _make_parents(c, srcb, t, prog)
            if made is None:
                status = 1
                continue
            if not c.copy(srcb, dst):
                status = 1
            if not _finish_parents(c, made):
                status = 1
        return status
    pairs = copy.targets(prog, operands, opts.target_directory, opts.no_target_directory)
    if len(pairs) > 1:
        c.created = set()
    seen = {}
    for src, dst in pairs:
        if len(pairs) > 1 and _seen_before(prog, src, s, seen):
            continue
        if not c.copy(src, dst):
            status = 1
    return status


def _seen_before(prog, src, s, seen):
    """GNU's warning for a source named twice when copying into a
    directory: the second one is skipped."""
    try:
        st = os.stat(src) if s.deref != "P" else os.lstat(src)
    except OSError:
        return False
    from multicall.copy import _same_entry
    key = (st.st_dev, st.st_ino)
    names = seen.setdefault(key, [])
    again = any(_same_entry(src, n) for n in names)
    names.append(src)
    if not again:
        return False  # a hard link is another file (cp -d keeps them linked)
    what = "directory" if (st.st_mode & 0o170000) == 0o040000 else "file"
    if (what == "directory" and not s.recursive) or (what == "file" and s.backup != "none"):
        return False
    warn(prog, "warning: source %s %s specified more than once" % (what, quotef(src, always=True)))
    return True


def _make_parents(c, src, target, prog):
    """--parents: create target/DIR for each leading directory of `src`;
    returns [(source dir, made dir, stat)] for the attributes to copy after,
    or None after an error."""
    parts = [p for p in src.split(b"/") if p][:-1]
    made = []
    sdir = b"/" if src.startswith(b"/") else b""
    ddir = target
    for p in parts:
        sdir = sdir + p if not sdir or sdir.endswith(b"/") else sdir + b"/" + p
        ddir = ddir + b"/" + p
        try:
            sst = os.stat(sdir)
        except OSError as e:
            warn(prog, "failed to get attributes of %s: %s" % (quotef(sdir, always=True), e.strerror))
            return None
        try:
            dst_st = os.stat(ddir)
            if (dst_st.st_mode & 0o170000) != 0o040000:
                warn(prog, "%s exists but is not a directory" % quotef(ddir, always=True))
                return None
            continue
        except FileNotFoundError:
            pass
        except OSError as e:
            warn(prog, "cannot stat %s: %s" % (quotef(ddir, always=True), e.strerror))
            return None
        try:
            os.mkdir(ddir, (sst.st_mode & 0o777) | 0o700)
        except OSError as e:
            warn(prog, "cannot make directory %s: %s" % (quotef(ddir, always=True), e.strerror))
            return None
        if c.s.verbose:
            c.say("%s -> %s" % (quotef(sdir), quotef(ddir)))
        made.append((sdir, ddir, sst))
    return made


def _finish_parents(c, made):
    ok = True
    for sdir, ddir, sst in reversed(made):
        ok &= c._dir_post(sdir, sst, ddir, True)
    return ok
