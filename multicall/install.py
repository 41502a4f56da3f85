"""`pybox --install [-s] [DIR]`: link every applet to this pybox.

With DIR, every link goes into DIR.  Without it, each goes into its usual
directory (`bin`, `sbin`, `usr/bin`, `usr/sbin`, from the registry) under
the root, which is `/` or $DESTDIR (the staging convention of `make
install`); links made under $DESTDIR point at paths as seen from inside that
root, so the tree can become a container image or a chroot.  Names that
exist already are left alone, as BusyBox does.

What the links point at:
- from a launcher script, the script itself (symlinks resolved);
- from the one-directory frozen build, its executable;
- from the one-file frozen build with DIR, the one-file executable itself;
- from the one-file frozen build into a root, a persistent unpacked runtime
  that this command lays down first in <root>/usr/lib/pybox/ (the program
  and its _internal/ directory, as the one-directory build has them), so
  that every `ls` does not pay for unpacking the one-file archive again.

Hard links work only where the target finds its files from any name: a
pip-installed launcher or the one-file executable.  bin/pybox in a checkout
and the one-directory runtime look for their files beside themselves, so
for those --install without -s is refused with a message.
"""
import os
import sys

from multicall.errors import Fail, Usage, quote, warn_os
from multicall.registry import APPLETS

RUNTIME_DIR = "usr/lib/pybox"


def frozen_layout():
    """'onefile', 'onedir', or None when not running from a PyInstaller build."""
    if not getattr(sys, "frozen", False):
        return None
    base = getattr(sys, "_MEIPASS", "")
    exe_dir = os.path.dirname(os.path.realpath(sys.executable))
    inside = os.path.realpath(base).startswith(exe_dir + os.sep) or os.path.realpath(base) == exe_dir
    return "onedir" if inside else "onefile"


def launcher_path():
    """The file links should point at: the frozen executable, or the
    launcher script this process was started through, links resolved."""
    if getattr(sys, "frozen", False):
        return os.path.realpath(sys.executable)
    main_mod = sys.modules.get("__main__")
    path = getattr(main_mod, "__file__", None) or sys.argv[0]
    return os.path.realpath(path)


def _copy_file(src, dst, mode=0o755):
    from multicall.stdio import copy
    fin = os.open(src, os.O_RDONLY | os.O_CLOEXEC)
    try:
        fout = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode)
        try:
            copy(fin, fout)
        finally:
            os.close(fout)
    finally:
        os.close(fin)
    os.chmod(dst, mode)


def _copy_tree(src, dst):
    """Copy directory `src` to the new directory `dst` (files, links, modes)."""
    os.mkdir(dst)
    for entry in os.scandir(src):
        s, d = entry.path, os.path.join(dst, entry.name)
        if entry.is_symlink():
            os.symlink(os.readlink(s), d)
        elif entry.is_dir():
            _copy_tree(s, d)
        else:
            _copy_file(s, d, entry.stat().st_mode & 0o7777)


def _remove_tree(path):
    for entry in os.scandir(path):
        if entry.is_dir(follow_symlinks=False):
            _remove_tree(entry.path)
        else:
            os.unlink(entry.path)
    os.rmdir(path)


def lay_down_runtime(root):
    """Unpack the running one-file build into <root>/usr/lib/pybox/ and
    return its program's path as seen from inside the root.

    The one-file archive carries the one-directory program as the data file
    pybox-runtime/pybox; everything else it unpacked (sys._MEIPASS) is that
    program's _internal/ directory.  The new tree is built beside the old one
    and renamed into place, so a reader never sees half a runtime.
    """
    base = sys._MEIPASS
    program = os.path.join(base, "pybox-runtime", "pybox")
    if not os.path.exists(program):
        raise Fail("this build carries no unpacked runtime (build it with bin/build-frozen)")
    final = os.path.join(root, RUNTIME_DIR)
    os.makedirs(os.path.dirname(final), exist_ok=True)
    staging, old = final + ".new", final + ".old"
    for leftover in (staging, old):
        if os.path.lexists(leftover):
            _remove_tree(leftover)
    os.mkdir(staging)
    _copy_tree(base, os.path.join(staging, "_internal"))
    _remove_tree(os.path.join(staging, "_internal", "pybox-runtime"))
    _copy_file(program, os.path.join(staging, "pybox"))
    if os.path.lexists(final):
        os.rename(final, old)
        os.rename(staging, final)
        _remove_tree(old)
    else:
        os.rename(staging, final)
    return "/" + RUNTIME_DIR + "/pybox"


def install(argv):
    args = argv[1:]
    symbolic = False
    if args and args[0] == "-s":
        symbolic = True
        args = args[1:]
    if args and args[0].startswith("-") and args[0] != "-":
        if args[0].startswith("--"):
            raise Usage("unrecognized option '%s'" % args[0])
        raise Usage("invalid option -- '%s'" % args[0][1:2])
    if len(args) > 1:
        raise Usage("extra operand %s" % quote(args[1]))
    dest = args[0] if args else None
    layout = frozen_layout()
    main_mod = sys.modules.get("__main__")
    checkout = layout is None and str(getattr(main_mod, "ROOT", "")).endswith("/..")
    runtime = layout == "onefile" and dest is None
    if not symbolic and (checkout or layout == "onedir" or runtime):
        what = ("a source checkout's bin/pybox" if checkout else "the unpacked runtime")
        raise Fail("hard links to %s cannot find its files; use --install -s" % what)
    root = os.environ.get("DESTDIR") or "/"
    target = lay_down_runtime(root) if runtime else launcher_path()
    status = 0
    for app in sorted(APPLETS):
        where = dest if dest is not None else os.path.join(root, APPLETS[app][1])
        if dest is None:
            os.makedirs(where, exist_ok=True)
        link = os.path.join(where, app)
        try:
            if symbolic:
                os.symlink(target, link)
            else:
                os.link(target, link)
        except FileExistsError:
            continue
        except OSError as e:
            warn_os(argv[0], link, e)
            status = 1
    return status
