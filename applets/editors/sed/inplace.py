"""sed -i: edit files in place, safely.

Each input file's output goes to a new temporary file in the file's own
directory (so the final rename is atomic and stays on one file system).
When the file has been read to its end (or sed quits), the temporary file
gets the original's owner (when allowed) and mode, the original is
renamed to the backup name if a SUFFIX was given, and the temporary file
is renamed over the original.  Any error before that leaves the original
untouched and removes the temporary file.  The backup name is SUFFIX
appended to the name, or, when SUFFIX holds `*`, SUFFIX with each `*`
replaced by the file name as given (so `-i 'bak/*'` writes bak/FILE).
"""
import posix

from applets.editors.sed.parse import SedError
from applets.editors.sed.runtime import Output


def backup_name(name, suffix):
    if "*" in suffix:
        return suffix.replace("*", name)
    return name + suffix


def follow_symlink(rt, name):
    """--follow-symlinks: the file a chain of links ends at."""
    import os
    seen = 0
    cur = name
    while True:
        try:
            target = os.readlink(cur)
        except OSError:
            return cur
        seen += 1
        if seen > 40:
            raise SedError("couldn't follow symlink %s: Too many levels of symbolic links" % name, 4)
        if not target.startswith("/"):
            d = cur.rpartition("/")[0]
            target = (d + "/" + target) if d else target
        cur = target


class InPlace:
    def __init__(self, rt, suffix):
        self.rt = rt
        self.suffix = suffix  # None: no backup
        self.tmp = None
        self.name = None
        self.st = None
        self.writer = None
        self.fd = None

    def begin(self, in_fd, name):
        rt = self.rt
        if posix.isatty(in_fd):
            raise SedError("couldn't edit %s: is a terminal" % name, 4)
        st = posix.fstat(in_fd)
        if st.st_mode & 0o170000 != 0o100000:
            raise SedError("couldn't edit %s: not a regular file" % name, 4)
        d = name.rpartition("/")[0] if "/" in name else "."
        import tempfile
        try:
            fd, tmp = tempfile.mkstemp(prefix="sed", dir=d or "/")
        except OSError as e:
            raise SedError("couldn't open temporary file %s/sedXXXXXX: %s" % (d, e.strerror), 4) from None
        import _io
        self.fd = fd
        self.tmp = tmp
        self.name = name
        self.st = st
        self.writer = _io.open(fd, "wb", buffering=256 * 1024, closefd=False)
        rt.so = Output(self.writer, rt.nl, rt.unbuffered, tmp)

    def commit(self):
        if self.tmp is None:
            return
        rt = self.rt
        tmp, name, st = self.tmp, self.name, self.st
        try:
            try:
                self.writer.flush()
            except OSError as e:
                raise SedError("couldn't write items to %s: %s" % (tmp, e.strerror), 4) from None
            try:
                posix.fchown(self.fd, st.st_uid, st.st_gid)
            except OSError:
                try:
                    posix.fchown(self.fd, -1, st.st_gid)
                except OSError:
                    pass
            try:
                posix.fchmod(self.fd, st.st_mode & 0o7777)
            except OSError:
                pass
            posix.close(self.fd)
            self.fd = None
            if self.suffix:
                bak = backup_name(name, self.suffix)
                try:
                    posix.rename(name, bak)
                except OSError as e:
                    raise SedError("cannot rename %s: %s" % (name, e.strerror), 4) from None
            try:
                posix.rename(tmp, name)
            except OSError as e:
                raise SedError("cannot rename %s: %s" % (tmp, e.strerror), 4) from None
            self.tmp = None
        finally:
            self.abort()
        rt.so = rt.stdout

    def abort(self):
        """Remove a temporary file that was not committed."""
        if self.fd is not None:
            try:
                posix.close(self.fd)
            except OSError:
                pass
            self.fd = None
        if self.tmp is not None:
            try:
                posix.unlink(self.tmp)
            except OSError:
                pass
            self.tmp = None
