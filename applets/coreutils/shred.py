"""shred: overwrite files to hide their contents, and optionally delete them.

Each pass writes the whole size with pwrite(2) in chunks of about 1 MiB
(random data from getrandom, or from --random-source; a fixed pattern is
built once per pass, sized so that every chunk is the same bytes), then
fdatasync(2).  The passes are chosen from GNU's pattern table the way GNU
does and shuffled with the random source, so -v prints GNU's lines (the
order of the patterns differs from run to run, as with GNU).
"""
import os

from multicall import numbers
from multicall.errors import Fail, quote, quotef
from multicall.options import Spec, argmatch, opt
from multicall.fileops import warn

SPEC = Spec("[OPTION]... FILE...", "Overwrite the specified FILE(s) repeatedly, in order to make it harder\n"
            "for even very expensive hardware probing to recover the data.\n\n"
            "If FILE is -, shred standard output.\n\n"
            "Mandatory arguments to long options are mandatory for short options too.",
            opt("-f, --force", "change permissions to allow writing if necessary"),
            opt("-n, --iterations=N", "overwrite N times instead of the default (3)"),
            opt("--random-source=FILE", "get random bytes from FILE"),
            opt("-s, --size=N", "shred this many bytes (suffixes like K, M, G accepted)"),
            opt("-u", "deallocate and remove file after overwriting", dest="remove", kind="const",
                const="wipesync"),
            opt("--remove[=HOW]", "like -u but give control on HOW to delete;  See below", const="wipesync"),
            opt("-v, --verbose", "show progress"),
            opt("-x, --exact", "do not round file sizes up to the next full block;\n"
                "  this is the default for non-regular files"),
            opt("-z, --zero", "add a final overwrite with zeros to hide shredding"),
            epilog="Delete FILE(s) if --remove (-u) is specified.  The default is not to remove\n"
            "the files because it is common to operate on device files like /dev/hda,\n"
            "and those files usually should not be removed.\n"
            "The optional HOW parameter indicates how to remove a directory entry:\n"
            "'unlink' => use a standard unlink call.\n"
            "'wipe' => also first obfuscate bytes in the name.\n"
            "'wipesync' => also sync each obfuscated byte to the device.\n"
            "The default mode is 'wipesync', but note it can be expensive.")

_PATTERNS = (
    -2, 2, 0x000, 0xFFF, 2, 0x555, 0xAAA, -1,
    6, 0x249, 0x492, 0x6DB, 0x924, 0xB6D, 0xDB6,
    12, 0x111, 0x222, 0x333, 0x444, 0x666, 0x777, 0x888, 0x999, 0xBBB, 0xCCC, 0xDDD, 0xEEE, -1,
    8, 0x1000, 0x1249, 0x1492, 0x16DB, 0x1924, 0x1B6D, 0x1DB6, 0x1FFF,
    14, 0x1111, 0x1222, 0x1333, 0x1444, 0x1555, 0x1666, 0x1777,
    0x1888, 0x1999, 0x1AAA, 0x1BBB, 0x1CCC, 0x1DDD, 0x1EEE, -1, 0,
)
_NAMESET = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_."
CHUNK = 1536 * 683  # about 1 MiB, a multiple of 3 (the pattern) and of 512 (the flipped bit)
_HOW = [("unlink", "unlink"), ("wipe", "wipe"), ("wipesync", "wipesync")]


class Random:
    """Random bytes: getrandom(2), or the bytes of --random-source as
    they are (GNU's randread reads such a file directly)."""

    def __init__(self, name):
        self.name = name
        self.fd = None
        if name is not None:
            try:
                self.fd = os.open(os.fsencode(name), os.O_RDONLY | os.O_CLOEXEC)
            except OSError as e:
                raise Fail("%s: %s" % (quotef(name), e.strerror)) from None

    def bytes(self, n):
        if self.fd is None:
            return os.urandom(n)
        out = bytearray()
        while len(out) < n:
            try:
                got = os.read(self.fd, n - len(out))
            except OSError as e:
                raise Fail("%s: %s" % (quote(self.name), e.strerror)) from None
            if not got:
                raise Fail("%s: end of file" % quote(self.name))
            out += got
        return bytes(out)

    def below(self, n):
        """A uniform choice in range(n)."""
        if n <= 1:
            return 0
        nbytes = (n.bit_length() + 7) // 8
        limit = (256 ** nbytes // n) * n
        while True:
            v = int.from_bytes(self.bytes(nbytes), "big")
            if v < limit:
                return v % n

    def close(self):
        if self.fd is not None:
            os.close(self.fd)


def passes(num, rnd):
    """GNU's genpattern: the list of passes, -1 meaning random."""
    dest = []
    if not num:
        return dest
    p = 0
    randpasses = 0
    n = num
    while True:
        k = _PATTERNS[p]
        p += 1
        if not k:
            p = 0
        elif k < 0:
            k = -k
            if k >= n:
                randpasses += n
                break
            randpasses += k
            n -= k
        elif k <= n:
            dest.extend(_PATTERNS[p:p + k])
            p += k
            n -= k
        elif n < 2 or 3 * n < k:
            randpasses += n
            break
        else:
            while n:
                if n == k or rnd.below(k) < n:
                    dest.append(_PATTERNS[p])
                    n -= 1
                p += 1
                k -= 1
            break
    # the random passes spread evenly, the first and the last one random
    # (a Bresenham line from 0 to randpasses-1 over the passes), the
    # chosen patterns shuffled into the other places
    rand_at = set()
    if randpasses == 1:
        rand_at.add(0)
    elif randpasses > 1:
        step = randpasses - 1
        prev = -1
        for i in range(num):
            level = i * step // (num - 1)
            if level != prev:
                rand_at.add(i)
                prev = level
    for i in range(len(dest) - 1, 0, -1):
        j = rnd.below(i + 1)
        dest[i], dest[j] = dest[j], dest[i]
    it = iter(dest)
    dest = [-1 if i in rand_at else next(it) for i in range(num)]
    return dest


def pattern_chunk(kind):
    """CHUNK bytes of pattern `kind` and its name (`249249`)."""
    bits = kind & 0xFFF
    bits |= bits << 12
    three = bytes(((bits >> 4) & 255, (bits >> 8) & 255, bits & 255))
    buf = bytearray(three * (CHUNK // 3))
    if kind & 0x1000:
        buf[0::512] = bytes(b ^ 0x80 for b in buf[0::512])
    return bytes(buf), bytes(buf[:3]).hex()


def main(argv):
    opts = SPEC.parse(argv)
    prog = opts.prog
    n = 3
    if opts.iterations is not None:
        n = numbers.xnumtoumax(opts.iterations, 0, (1 << 61) - 1, "", "invalid number of passes")
    size = -1
    if opts.size is not None:
        size = numbers.xnumtoumax(opts.size, 0, (1 << 63) - 1, "cbBkKMGTPEZY0", "invalid file size", base=0)
    how = None
    if opts.remove is not None:
        how = argmatch(opts.remove, "--remove", _HOW)
    if not opts.operands:
        from multicall.errors import Usage
        raise Usage("missing file operand")
    rnd = Random(opts.random_source)
    x = (prog, n, size, how, opts, rnd)
    status = 0
    try:
        for arg in opts.operands:
            if arg == "-":
                ok = wipefd(x, 1, "-")  # standard output: never removed
            else:
                ok = wipefile(x, os.fsencode(arg))
            if not ok:
                status = 1
    finally:
        rnd.close()
    return status


def wipefile(x, name):
    prog, n, size, how, opts, rnd = x
    qname = quotef(name)
    try:
        fd = os.open(name, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as e:
        err = e
        fd = None
        if e.errno == 13 and opts.force:
            try:
                os.chmod(name, 0o200)
                fd = os.open(name, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
            except OSError:
                fd = None
        if fd is None:
            warn(prog, "%s: failed to open for writing" % qname, err.strerror)
            return False
    try:
        ok = wipefd(x, fd, qname)
    finally:
        try:
            os.close(fd)
        except OSError as e:
            warn(prog, "%s: failed to close" % qname, e.strerror)
            ok = False
    if ok and how:
        ok = wipename(x, name, qname)
    return ok


def wipefd(x, fd, qname):
    import stat as S
    prog, n, size, how, opts, rnd = x
    try:
        import fcntl
        if fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_APPEND:
            warn(prog, "%s: cannot shred append-only file descriptor" % qname)
            return False
        st = os.fstat(fd)
    except OSError as e:
        warn(prog, "%s: fstat failed" % qname, e.strerror)
        return False
    m = st.st_mode
    if (S.S_ISCHR(m) and os.isatty(fd)) or S.S_ISFIFO(m) or S.S_ISSOCK(m):
        warn(prog, "%s: invalid file type" % qname)
        return False
    if size < 0:
        if S.S_ISREG(m):
            size = st.st_size
            blk = st.st_blksize or 512
            if not opts.exact and size % blk:
                size += blk - size % blk
        else:
            try:
                size = os.lseek(fd, 0, os.SEEK_END)
            except OSError:
                size = -1
            if size <= 0:
                size = -1
    if size == 0:
        return True  # nothing to overwrite (GNU prints no pass either)
    plan = passes(n, rnd)
    if opts.zero:
        plan.append(0)
    total = len(plan)
    for i, kind in enumerate(plan, 1):
        if not dopass(x, fd, qname, size, kind, i, total):
            return False
    return True


def _human(n):
    """GNU human_readable with autoscale, base 1024 and 'iB' (1.0MiB)."""
    if n < 1024:
        return "%d" % n
    units = "KMGTPEZY"
    v = float(n)
    u = -1
    while v >= 1024 and u < len(units) - 1:
        v /= 1024
        u += 1
    if v < 10:
        import math
        v = math.ceil(v * 10) / 10
        if v < 10:
            return "%.1f%siB" % (v, units[u])
    import math
    return "%d%siB" % (math.ceil(v), units[u])


def dopass(x, fd, qname, size, kind, i, total):
    import time
    prog, n, _, how, opts, rnd = x
    if kind == -1:
        name = "random"
        chunk = None
    else:
        chunk, name = pattern_chunk(kind)
    if opts.verbose:
        warn(prog, "%s: pass %d/%d (%s)..." % (qname, i, total, name))
    try:
        os.lseek(fd, 0, os.SEEK_SET)
    except OSError as e:
        warn(prog, "%s: cannot rewind" % qname, e.strerror)
        return False
    offset = 0
    next_report = time.monotonic() + 5 if opts.verbose else None
    reported = False
    while size < 0 or offset < size:
        want = CHUNK if size < 0 else min(CHUNK, size - offset)
        data = rnd.bytes(want) if chunk is None else (chunk if want == CHUNK else chunk[:want])
        try:
            written = os.pwrite(fd, data, offset)
        except OSError as e:
            if size < 0 and e.errno == 28 and offset:
                break  # the end of a device of unknown size
            warn(prog, "%s: error writing at offset %d" % (qname, offset), e.strerror)
            return False
        if written == 0:
            break
        offset += written
        if next_report is not None and time.monotonic() >= next_report:
            next_report += 5
            reported = True
            _progress(prog, qname, i, total, name, offset, size)
    if reported:
        _progress(prog, qname, i, total, name, offset, size)
    return _dosync(prog, fd, qname)


def _progress(prog, qname, i, total, name, offset, size):
    if size > 0:
        warn(prog, "%s: pass %d/%d (%s)...%s/%s %d%%" % (qname, i, total, name, _human(offset), _human(size),
                                                         offset * 100 // size))
    else:
        warn(prog, "%s: pass %d/%d (%s)...%s" % (qname, i, total, name, _human(offset)))


def _dosync(prog, fd, qname):
    for call, what in ((os.fdatasync, "fdatasync"), (os.fsync, "fsync")):
        try:
            call(fd)
            return True
        except OSError as e:
            if e.errno not in (22, 9, 21):  # EINVAL EBADF EISDIR: not syncable
                warn(prog, "%s: %s failed" % (qname, what), e.strerror)
                return False
    os.sync()
    return True


def _rename_noreplace(old, new):
    """renameat2(RENAME_NOREPLACE); raises OSError (EEXIST if `new` exists)."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        r = libc.renameat2(-100, old, -100, new, 1)
        if r == 0:
            return
        e = ctypes.get_errno()
        if e not in (38, 22):  # ENOSYS / EINVAL: not supported here
            raise OSError(e, os.strerror(e))
    except AttributeError:
        pass
    if os.path.lexists(new):
        raise OSError(17, os.strerror(17))
    os.rename(old, new)


def _incname(base):
    """The next name of the same length in _NAMESET order, or None."""
    b = bytearray(base)
    for i in range(len(b) - 1, -1, -1):
        pos = _NAMESET.index(b[i])
        if pos + 1 < len(_NAMESET):
            b[i] = _NAMESET[pos + 1]
            return bytes(b)
        b[i] = _NAMESET[0]
    return None


def wipename(x, name, qname):
    prog, n, size, how, opts, rnd = x
    stripped = name.rstrip(b"/") or name
    slash = stripped.rfind(b"/")
    prefix = stripped[:slash + 1]
    dirname = prefix.rstrip(b"/") or (b"/" if prefix else b".")
    ok = True
    dir_fd = None
    if how == "wipesync":
        try:
            dir_fd = os.open(dirname, os.O_RDONLY | os.O_DIRECTORY | os.O_NOCTTY | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:
            dir_fd = None
    if opts.verbose:
        warn(prog, "%s: removing" % qname)
    old = stripped
    first = True
    if how != "unlink":
        for length in range(len(stripped) - slash - 1, 0, -1):
            base = _NAMESET[:1] * length
            while True:
                new = prefix + base
                try:
                    _rename_noreplace(old, new)
                    renamed = True
                except OSError as e:
                    renamed = False
                    if e.errno == 17:
                        base = _incname(base)
                        if base is not None:
                            continue
                break
            if renamed:
                if dir_fd is not None and not _dosync(prog, dir_fd, quotef(dirname)):
                    ok = False
                if opts.verbose:
                    warn(prog, "%s: renamed to %s" % (qname if first else old.decode("utf-8", "surrogateescape"),
                                                      new.decode("utf-8", "surrogateescape")))
                    first = False
                old = new
    try:
        os.unlink(old)
        if opts.verbose:
            warn(prog, "%s: removed" % qname)
    except OSError as e:
        warn(prog, "%s: failed to remove" % qname, e.strerror)
        ok = False
    if dir_fd is not None:
        if not _dosync(prog, dir_fd, quotef(dirname)):
            ok = False
        os.close(dir_fd)
    return ok
