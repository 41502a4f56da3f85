"""mv: move (rename) files, with all of GNU mv 9.1's options.

One rename(2) per operand when source and destination share a file
system; across file systems (EXDEV) multicall/copy.py copies the whole
tree with its metadata (modes, owners, nanosecond times, hard links,
extended attributes) and only when every part of the copy succeeded is the
source removed, walked by multicall/walk.py without following links.  A
failed copy leaves the source as it was.

SELinux: -Z is a no-op without an SELinux kernel (as in GNU) and refused
on one, since pybox cannot set security contexts.
"""
import os

from multicall.errors import Fail
from multicall.options import Spec, opt

_EPILOG = """\
The backup suffix is '~', unless set with --suffix or SIMPLE_BACKUP_SUFFIX.
The version control method may be selected via the --backup option or through
the VERSION_CONTROL environment variable.  Here are the values:

  none, off       never make backups (even if --backup is given)
  numbered, t     make numbered backups
  existing, nil   numbered if numbered backups exist, simple otherwise
  simple, never   always make simple backups"""

SPEC = Spec(("[OPTION]... [-T] SOURCE DEST", "[OPTION]... SOURCE... DIRECTORY",
             "[OPTION]... -t DIRECTORY SOURCE..."),
            "Rename SOURCE to DEST, or move SOURCE(s) to DIRECTORY.\n\n"
            "Mandatory arguments to long options are mandatory for short options too.",
            opt("--backup[=CONTROL]", "make a backup of each existing destination file", kind="list"),
            opt("-b", "like --backup but does not accept an argument", dest="backup", kind="list"),
            opt("-f, --force", "do not prompt before overwriting", dest="interactive", const="f"),
            opt("-i, --interactive", "prompt before overwrite", dest="interactive", const="i"),
            opt("-n, --no-clobber", "do not overwrite an existing file\n"
                "If you specify more than one of -i, -f, -n, only the final one takes effect.",
                dest="interactive", const="n"),
            opt("--strip-trailing-slashes", "remove any trailing slashes from each SOURCE\n  argument"),
            opt("-S, --suffix=SUFFIX", "override the usual backup suffix"),
            opt("-t, --target-directory=DIRECTORY", "move all SOURCE arguments into DIRECTORY"),
            opt("-T, --no-target-directory", "treat DEST as a normal file"),
            opt("-u, --update", "move only when the SOURCE file is newer\n  than the destination file or when"
                " the\n  destination file is missing"),
            opt("-v, --verbose", "explain what is being done"),
            opt("-Z, --context", "set SELinux security context of destination\n  file to default type"),
            epilog=_EPILOG)


def main(argv):
    from multicall import backup, copy
    opts = SPEC.parse(argv)
    prog = opts.prog
    given = bool(opts.backup) or opts.suffix is not None
    kind = backup.kind_from(opts.backup[-1] if opts.backup else None, given)
    if kind != "none" and opts.interactive == "n":
        from multicall.errors import Usage
        raise Usage("options --backup and --no-clobber are mutually exclusive")
    if opts.context:
        from applets.coreutils.cp import selinux_enabled
        if selinux_enabled():
            raise Fail("cannot set security contexts: pybox has no SELinux support")
    s = copy.Settings(move=True, interactive=opts.interactive, update=opts.update, verbose=opts.verbose,
                      backup=kind, suffix=backup.suffix(opts.suffix))
    operands = opts.operands
    if opts.strip_trailing_slashes:
        operands = [copy.strip_slashes(os.fsencode(a)).decode("utf-8", "surrogateescape") for a in operands]
    c = copy.Copier(prog, s)
    status = 0
    pairs = copy.targets(prog, operands, opts.target_directory, opts.no_target_directory)
    if len(pairs) > 1:
        c.created = set()
    for src, dst in pairs:
        if not c.copy(src, dst):
            status = 1
    return status
