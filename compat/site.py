"""Find packages installed beside pybox (psutil and the like) on demand.

The launchers run Python with -I -S, so site-packages is not on sys.path
unless pybox itself lives there.  external() imports a third-party module,
first adding the site-packages directories that site.py would have added:
those of a virtual environment (found by its pyvenv.cfg beside the
interpreter, since under -S site.py does not apply it), of the base
installation, Debian's dist-packages, and the user's site.
"""
import posix
import sys


def site_dirs():
    """The site-packages directories that exist, in site.py's order."""
    ver = "python%d.%d" % sys.version_info[:2]
    prefixes = [sys.prefix, sys.exec_prefix]
    exe_dir = sys.executable.rpartition("/")[0]
    for venv in (exe_dir, exe_dir.rpartition("/")[0]):
        try:
            fd = posix.open(venv + "/pyvenv.cfg", posix.O_RDONLY)
        except OSError:
            continue
        try:
            cfg = posix.read(fd, 65536).lower().replace(b" ", b"")
        finally:
            posix.close(fd)
        if b"include-system-site-packages=true" not in cfg:
            prefixes = []
        prefixes.insert(0, venv)
        break
    cands = []
    for prefix in prefixes:
        for lib in (sys.platlibdir, "lib"):
            cands.append("%s/%s/%s/site-packages" % (prefix, lib, ver))
        cands.append("%s/local/lib/%s/dist-packages" % (prefix, ver))
        cands.append("%s/lib/python3/dist-packages" % prefix)
    home = posix.environ.get(b"HOME")
    if home:
        cands.append("%s/.local/lib/%s/site-packages" % (home.decode("utf-8", "surrogateescape"), ver))
    found = []
    for d in cands:
        if d in found:
            continue
        try:
            posix.stat(d)
        except OSError:
            continue
        found.append(d)
    return found


def add_site_dirs():
    """Append the existing site directories that sys.path lacks."""
    for d in site_dirs():
        if d not in sys.path:
            sys.path.append(d)


def external(name):
    """Import the installed third-party module `name` (e.g. "psutil")."""
    import importlib
    try:
        return importlib.import_module(name)
    except ImportError:
        add_site_dirs()
        return importlib.import_module(name)
