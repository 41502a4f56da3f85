"""sync: synchronize cached writes to persistent storage.

No FILE: sync(2).  With FILEs: fsync(2) each, fdatasync(2) with -d,
syncfs(2) of the file system holding each with -f (through ctypes: os has
no syncfs).
"""
import os

from multicall.errors import Fail
from multicall.options import Spec, opt
from multicall.fileops import quoteaf, warn

SPEC = Spec("[OPTION] [FILE]...", "Synchronize cached writes to persistent storage\n\n"
            "If one or more files are specified, sync only them,\n"
            "or their containing file systems.",
            opt("-d, --data", "sync only file data, no unneeded metadata"),
            opt("-f, --file-system", "sync the file systems that contain the files"))


def _syncfs(fd):
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.syncfs(fd) != 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e))


def main(argv):
    opts = SPEC.parse(argv)
    prog = opts.prog
    if opts.data and opts.file_system:
        raise Fail("cannot specify both --data and --file-system")
    if not opts.operands:
        if opts.data:
            raise Fail("--data needs at least one argument")
        os.sync()  # also with -f alone, as GNU
        return 0
    status = 0
    for arg in opts.operands:
        if not sync_one(prog, os.fsencode(arg), "data" if opts.data else "fs" if opts.file_system else "file"):
            status = 1
    return status


def sync_one(prog, name, mode):
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as rd:
        try:
            fd = os.open(name, os.O_WRONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:
            warn(prog, "error opening %s" % quoteaf(name), rd.strerror)
            return False
    ok = True
    try:
        import fcntl
        flags = fcntl.fcntl(fd, fcntl.F_GETFL)
        fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
    except OSError as e:
        warn(prog, "couldn't reset non-blocking mode %s" % quoteaf(name), e.strerror)
        ok = False
    if ok:
        try:
            if mode == "data":
                os.fdatasync(fd)
            elif mode == "fs":
                _syncfs(fd)
            else:
                os.fsync(fd)
        except OSError as e:
            warn(prog, "error syncing %s" % quoteaf(name), e.strerror)
            ok = False
    try:
        os.close(fd)
    except OSError as e:
        warn(prog, "failed to close %s" % quoteaf(name), e.strerror)
        ok = False
    return ok
