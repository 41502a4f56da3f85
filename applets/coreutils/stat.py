"""stat: display file or file system status, as GNU coreutils 9.1 does.

A format is parsed once into literal pieces and directives; each file is
then one os.stat (or os.fstat for `-`) and a join of bytes.  The birth time
(%w %W, and the default output's ` Birth:` line) and --cached=never/always
need statx(2), and -f needs statfs(2) for f_type: those go through ctypes
(multicall/fsinfo.py), imported only when the format asks for them.
Without SELinux, %C reports the failure to read the context and prints `?`,
as GNU does; the default output has no `Context:` line then.
"""
import os

from applets.findutils.find.printf import digits_pad, format_octal, pad_string
from multicall.errors import Fail, quote, quotef, warn
from multicall.modes import mode_string
from multicall.options import Spec, argmatch, opt
from multicall.stdio import stdout

SPEC = Spec("[OPTION]... FILE...", "Display file or file system status.",
            opt("-L, --dereference", "follow links"),
            opt("-f, --file-system", "display file system status instead of file status"),
            opt("--cached=MODE", "specify how to use cached attributes;\n"
                "  useful on remote file systems. See MODE below"),
            opt("-c, --format=FORMAT", "use the specified FORMAT instead of the default;\n"
                "  output a newline after each use of FORMAT", dest="format", type=lambda v: (v, False)),
            opt("--printf=FORMAT", "like --format, but interpret backslash escapes,\n"
                "  and do not output a mandatory trailing newline;\n"
                "  if you want a newline, include \\n in FORMAT", dest="format", type=lambda v: (v, True)),
            opt("-t, --terse", "print the information in terse form"),
            epilog="The --cached MODE argument can be; always, never, or default.\n"
            "'always' will use cached attributes if available, while\n"
            "'never' will try to synchronize with the latest attributes, and\n"
            "'default' will leave it up to the underlying file system.\n\n"
            "The valid format sequences for files (without --file-system) are those of\n"
            "GNU stat: %a %A %b %B %C %d %D %f %F %g %G %h %i %m %n %N %o %s %t %T\n"
            "%u %U %w %W %x %X %y %Y %z %Z, %Hd %Ld %r %R %Hr %Lr.\n"
            "Valid format sequences for file systems:\n"
            "%a %b %c %d %f %i %l %n %s %S %t %T.",
            operands=(1, None))

_PRINTF_FLAGS = b"'-+ #0I"
_FILE_TYPES = {0o100000: "regular file", 0o040000: "directory", 0o120000: "symbolic link",
               0o020000: "character special file", 0o060000: "block special file", 0o010000: "fifo",
               0o140000: "socket"}
_ESC = {ord("a"): 7, ord("b"): 8, ord("e"): 27, ord("f"): 12, ord("n"): 10, ord("r"): 13, ord("t"): 9,
        ord("v"): 11, ord('"'): 34, ord("\\"): 92}
_QUOTING = ("literal", "shell", "shell-always", "shell-escape", "shell-escape-always", "c", "escape",
            "locale", "clocale")
_SAFE = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789%+,-./:=@_^]{}~#")
_DQ_OK = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789%+,-./@_]: '~#")


# -- C printf pieces (make_format's flag filtering) -----------------------------

def _flags(flags, allowed):
    return "".join(c for c in flags if c in allowed)


def out_string(d, data):
    """%s with only the `-` flag, the width and the precision."""
    flags, width, prec = d
    return pad_string(data, flags, width, prec)


def out_int(d, value):
    """C %jd with the flags GNU stat allows for signed values (-+ 0)."""
    flags, width, prec = d
    flags = _flags(flags, "-+ 0")
    sign = "-" if value < 0 else "+" if "+" in flags else " " if " " in flags else ""
    return digits_pad(sign, str(abs(value)), flags, width, prec)


def out_uint(d, value):
    flags, width, prec = d
    return digits_pad("", str(value), _flags(flags, "-0"), width, prec)


def out_octal(d, value):
    """C %o with the flags GNU stat allows for it (-#0)."""
    flags, width, prec = d
    return format_octal(value, _flags(flags, "-#0"), width, prec)


def out_hex(d, value):
    flags, width, prec = d
    flags = _flags(flags, "-#0")
    return digits_pad("", "%x" % value, flags, width, prec, "0x" if "#" in flags and value else "")


def out_epoch(d, sec, nsec, dot_only=False):
    """GNU stat's out_epoch_sec: seconds, and with a precision that many
    digits of the fraction (a width counts the whole; `%.X` means 9)."""
    flags, width, prec = d
    if prec is None:
        return out_int(d, sec)
    precision = 9 if dot_only else prec
    frac_left = False
    iflags, iwidth = flags, 0
    width_used = 0
    if precision and width:
        width_used = width
        iwidth = 0 if width > 1 else width
        if width > 1:
            w_d = width - 1
            if w_d > 1:
                w = w_d - precision
                if w > 1:
                    frac_left = "-" in flags
                    iflags = flags.replace("-", "")
                    iwidth = 0 if frac_left else w
            # (a width of 1 or less is dropped)
    elif not precision:
        iwidth = width
    divisor = 10 ** (9 - precision) if precision < 9 else 1
    frac = nsec // divisor
    if sec < 0 and nsec != 0:
        modulus = 1000000000 // divisor
        frac = modulus - frac - (1 if nsec % divisor else 0)
        sec += 1 if frac else 0
        if sec == 0:
            text = out_int((iflags, iwidth, None), -1)  # width as for "-0"
            text = text.replace(b"1", b"0")
        else:
            text = out_int((iflags, iwidth, None), sec)
    else:
        text = out_int((iflags, iwidth, None), sec)
    if not precision:
        return text
    p = min(9, precision)
    trailing_prec = precision - p
    ilen = len(text)
    width = width_used
    trailing = width - ilen - 1 - p if (ilen < width and 1 < width - ilen) else 0
    tail = "0" * trailing_prec
    tail = tail.ljust(abs(trailing))
    return text + (".%0*d" % (p, frac)).encode() + tail.encode()


# -- names and times -------------------------------------------------------------

def quote_name(name, style):
    """quotearg with the QUOTING_STYLE (GNU stat's %N)."""
    from compat.platform import utf8_locale
    if style == "literal":
        return name
    if style in ("shell-escape", "shell-escape-always"):
        return quotef(name, always=style == "shell-escape-always").encode("utf-8", "surrogateescape")
    if style in ("shell", "shell-always"):
        # shell-escape without the $'...' escapes: bytes go out as they are
        if style == "shell" and name and all(c in _SAFE or c >= 128 for c in name) and name[0] not in b"~#":
            return name
        if b"'" in name and all(c in _DQ_OK or c >= 128 for c in name):
            return b'"' + name + b'"'
        return b"'" + name.replace(b"'", b"'\\''") + b"'"
    if style == "locale" or (style == "clocale" and utf8_locale()):
        return quote(os.fsdecode(name)).encode("utf-8", "surrogateescape")
    # c, escape, clocale in a non-UTF-8 locale
    utf8 = utf8_locale()
    q = b"" if style == "escape" else b'"'
    out = bytearray(q)
    s = name.decode("utf-8", "surrogateescape") if utf8 else name.decode("latin-1")
    cesc = {"\a": b"\\a", "\b": b"\\b", "\f": b"\\f", "\n": b"\\n", "\r": b"\\r", "\t": b"\\t", "\v": b"\\v",
            "\\": b"\\\\"}
    for ch in s:
        o = ord(ch)
        if ch in cesc:
            out += cesc[ch]
        elif ch == '"' and q:
            out += b'\\"'
        elif 32 <= o < 127:
            out.append(o)
        elif utf8 and o >= 0xA0 and not 0xDC80 <= o <= 0xDCFF and ch.isprintable():
            out += ch.encode("utf-8")
        else:
            raw = ch.encode("utf-8", "surrogateescape") if utf8 else bytes([o])
            out += b"".join(b"\\%03o" % b for b in raw)
    out += q
    return bytes(out)


def human_time(sec, nsec):
    """`2024-01-02 03:04:05.123456789 +0000` in local time."""
    import time
    try:
        tm = time.localtime(sec)
        return (time.strftime("%Y-%m-%d %H:%M:%S", tm) + ".%09d " % nsec + time.strftime("%z", tm)).encode()
    except (OverflowError, OSError, ValueError):
        return b"%d.%09d" % (sec, nsec)


# -- the format --------------------------------------------------------------------

def parse_format(fmt, escapes, fs_mode, prog):
    """Split a format into literal bytes and (flags, width, prec, mod, char)
    directives.  An invalid `%...%` raises Fail after the pieces before it
    (GNU prints those before dying): returned as the ("die", message) item."""
    pieces = []
    lit = bytearray()
    i = 0
    n = len(fmt)
    while i < n:
        c = fmt[i]
        if c == 37:  # %
            j = i + 1
            while j < n and fmt[j] in _PRINTF_FLAGS:
                j += 1
            w0 = j
            while j < n and 48 <= fmt[j] <= 57:
                j += 1
            prec = None
            pj = j
            if j < n and fmt[j] == 46:
                j += 1
                p0 = j
                while j < n and 48 <= fmt[j] <= 57:
                    j += 1
                prec = fmt[p0:j]
            prefix_len = j - i
            ch = fmt[j] if j < n else 0
            if ch in (0, 37):
                if prefix_len > 1:
                    shown = fmt[i:j] + (b"%" if ch == 37 else b"")
                    if lit:
                        pieces.append(bytes(lit))
                    pieces.append(("die", "%s: invalid directive" % quote(shown.decode("utf-8", "surrogateescape"))))
                    return pieces
                lit.append(37)
                i = j + 1 if ch == 37 else j
                continue
            flags = fmt[i + 1:w0].decode()
            width_s = fmt[w0:pj]
            if width_s[:1] == b"0":
                flags += "0"
            width = int(width_s) if width_s else 0
            if prec is not None:
                precv = int(prec) if prec else 0
            else:
                precv = None
            mod = ""
            k = j
            if ch in (72, 76) and not fs_mode and j + 1 < n and fmt[j + 1] in (100, 114):
                mod = chr(ch)
                k = j + 1
                ch = fmt[k]
            if lit:
                pieces.append(bytes(lit))
                lit.clear()
            pieces.append((flags, width, precv, prec is not None and not prec, mod, chr(ch)))
            i = k + 1
            continue
        if c == 92 and escapes:
            i += 1
            if i >= n:
                pieces.append(bytes(lit))
                lit.clear()
                pieces.append(("warn", "warning: backslash at end of format"))
                lit.append(92)
                continue
            d = fmt[i]
            if 48 <= d <= 55:
                v = 0
                k = i
                while k < n and k < i + 3 and 48 <= fmt[k] <= 55:
                    v = v * 8 + fmt[k] - 48
                    k += 1
                lit.append(v & 0xFF)
                i = k
                continue
            if d == 120 and i + 1 < n and chr(fmt[i + 1]) in "0123456789abcdefABCDEF":
                k = i + 1
                v = int(chr(fmt[k]), 16)
                if k + 1 < n and chr(fmt[k + 1]) in "0123456789abcdefABCDEF":
                    k += 1
                    v = v * 16 + int(chr(fmt[k]), 16)
                lit.append(v)
                i = k + 1
                continue
            if d not in _ESC:
                pieces.append(bytes(lit))
                lit.clear()
                pieces.append(("warn", "warning: unrecognized escape '\\%s'"
                               % bytes([d]).decode("utf-8", "surrogateescape")))
                lit.append(d)
            else:
                lit.append(_ESC[d])
            i += 1
            continue
        lit.append(c)
        i += 1
    if lit:
        pieces.append(bytes(lit))
    return pieces


class Ctx:
    """Per-run state: options and caches (user names, the mount table)."""

    def __init__(self, prog, follow, sync, env_quoting):
        self.prog = prog
        self.follow = follow
        self.sync = sync
        self.users = {}
        self.groups = {}
        self.mounts = None
        self.failed = False
        self.quoting = "literal"
        if not env_quoting:
            return  # GNU reads QUOTING_STYLE only for a format with "%N" in it
        import posix
        style = posix.environ.get(b"QUOTING_STYLE")
        self.quoting = "shell-escape-always"
        if style is not None:
            s = style.decode("utf-8", "surrogateescape")
            if s in _QUOTING:
                self.quoting = s
            else:
                warn(prog, "ignoring invalid value of environment variable QUOTING_STYLE: %s" % quote(s))

    def warn(self, message):
        stdout().flush()
        warn(self.prog, message)

    def user(self, uid):
        if uid not in self.users:
            import pwd
            try:
                self.users[uid] = os.fsencode(pwd.getpwuid(uid).pw_name)
            except (KeyError, OverflowError):
                self.users[uid] = b"UNKNOWN"
        return self.users[uid]

    def group(self, gid):
        if gid not in self.groups:
            import grp
            try:
                self.groups[gid] = os.fsencode(grp.getgrgid(gid).gr_name)
            except (KeyError, OverflowError):
                self.groups[gid] = b"UNKNOWN"
        return self.groups[gid]


def _birth(ctx, name, fd):
    from multicall import fsinfo
    try:
        if fd is not None:
            return fsinfo.birth_time(None, fd=fd, sync=ctx.sync)
        return fsinfo.birth_time(name, follow=ctx.follow, sync=ctx.sync)
    except OSError:
        return None


def _mount_point(ctx, name, st):
    """%m: the mount point holding the file (a bind mount's source when
    the file is one)."""
    from multicall import fsinfo
    if ctx.mounts is None:
        try:
            ctx.mounts = fsinfo.read_mounts()
        except OSError as e:
            ctx.warn("cannot read table of mounted file systems: %s" % e.strerror)
            ctx.mounts = []

    def bind_of(path):
        try:
            ps = os.stat(path)
        except OSError:
            return None
        for m in ctx.mounts:
            if m.dummy and m.devname[:1] == b"/" and m.mountdir == path:
                try:
                    ds = os.stat(m.devname)
                except OSError:
                    continue
                if (ds.st_dev, ds.st_ino) == (ps.st_dev, ps.st_ino):
                    return m.devname
        return None

    if ctx.follow or (st.st_mode & 0o170000) != 0o120000:
        try:
            resolved = os.path.realpath(name, strict=True)
        except OSError as e:
            ctx.warn("failed to canonicalize %s: %s" % (quotef(name, always=True), e.strerror))
            return b"?", False
        b = bind_of(resolved)
        if b is not None:
            return b, True
    # climb until the device changes
    if (st.st_mode & 0o170000) == 0o040000:
        d = name
        dst = st
    else:
        d = os.path.dirname(name) or b"."
        try:
            dst = os.stat(d)
        except OSError as e:
            ctx.warn("cannot stat %s: %s" % (quotef(d, always=True), e.strerror))
            return b"?", False
    cur = d
    while True:
        up = cur + b"/.."
        try:
            ust = os.stat(up)
        except OSError as e:
            ctx.warn("cannot stat %s: %s" % (quotef(up, always=True), e.strerror))
            return b"?", False
        if ust.st_dev != dst.st_dev or ust.st_ino == dst.st_ino:
            break
        cur = up
        dst = ust
    mp = os.path.realpath(cur)
    b = bind_of(mp)
    return (b if b is not None else mp), True


# the directives that print one field as a number: (how, field)
_FILE_NUMBERS = {
    "D": (out_hex, "st_dev"), "i": (out_uint, "st_ino"), "f": (out_hex, "st_mode"),
    "h": (out_uint, "st_nlink"), "u": (out_uint, "st_uid"), "g": (out_uint, "st_gid"),
    "s": (out_int, "st_size"), "R": (out_hex, "st_rdev"), "b": (out_uint, "st_blocks"),
    "o": (out_uint, "st_blksize"),
}
_FS_NUMBERS = {
    "a": (out_int, "f_bavail"), "b": (out_int, "f_blocks"), "c": (out_uint, "f_files"),
    "d": (out_int, "f_ffree"), "f": (out_int, "f_bfree"), "i": (out_hex, "f_fsid"),
    "l": (out_uint, "f_namelen"), "s": (out_uint, "f_bsize"), "t": (out_hex, "f_type"),
}


def file_directive(ctx, d, name, st, fd):
    """One directive for a file; returns bytes (and sets ctx.failed)."""
    flags, width, prec, _, mod, ch = d
    dd = (flags, width, prec)
    if ch == "n":
        return out_string(dd, name)
    if ch == "N":
        q = quote_name(name, ctx.quoting)
        if (st.st_mode & 0o170000) == 0o120000:
            try:
                target = os.readlink(name)
            except OSError as e:
                ctx.warn("cannot read symbolic link %s: %s" % (quotef(name, always=True), e.strerror))
                ctx.failed = True
                return out_string(dd, q)
            q += b" -> " + quote_name(target, ctx.quoting)
        return out_string(dd, q)
    field = _FILE_NUMBERS.get(ch)
    if field is not None:
        return field[0](dd, getattr(st, field[1]))
    if ch == "d" or ch == "r":
        v = st.st_dev if ch == "d" else st.st_rdev
        return out_uint(dd, os.major(v) if mod == "H" else os.minor(v) if mod == "L" else v)
    if ch == "a":
        return out_octal(dd, st.st_mode & 0o7777)
    if ch == "A":
        return out_string(dd, mode_string(st.st_mode))
    if ch == "F":
        t = st.st_mode & 0o170000
        text = _FILE_TYPES.get(t, "weird file")
        if t == 0o100000 and st.st_size == 0:
            text = "regular empty file"
        return out_string(dd, text.encode())
    if ch == "U":
        return out_string(dd, ctx.user(st.st_uid))
    if ch == "G":
        return out_string(dd, ctx.group(st.st_gid))
    if ch == "m":
        mp, ok = _mount_point(ctx, name, st)
        if not ok:
            ctx.failed = True
        return out_string(dd, mp)
    if ch == "t":
        return out_hex(dd, os.major(st.st_rdev))
    if ch == "T":
        return out_hex(dd, os.minor(st.st_rdev))
    if ch == "B":
        return out_uint(dd, 512)
    if ch in "xyz":
        ns = {"x": st.st_atime_ns, "y": st.st_mtime_ns, "z": st.st_ctime_ns}[ch]
        return out_string(dd, human_time(*divmod(ns, 1000000000)))
    if ch in "XYZ":
        ns = {"X": st.st_atime_ns, "Y": st.st_mtime_ns, "Z": st.st_ctime_ns}[ch]
        return out_epoch(dd, *divmod(ns, 1000000000), dot_only=d[3])
    if ch == "w":
        bt = _birth(ctx, name, fd)
        return out_string(dd, b"-" if bt is None else human_time(*bt))
    if ch == "W":
        bt = _birth(ctx, name, fd)
        if bt is None:
            bt = (0, 0)
        return out_epoch(dd, *bt, dot_only=d[3])
    if ch == "C":
        try:
            ctxt = os.getxattr(name, b"security.selinux", follow_symlinks=ctx.follow)
            return out_string(dd, ctxt.rstrip(b"\0"))
        except OSError as e:
            ctx.warn("failed to get security context of %s: %s" % (quotef(name, always=True), e.strerror))
            ctx.failed = True
            return out_string(dd, b"?")
    return b"?"


def fs_directive(ctx, d, name, sf):
    flags, width, prec, _, mod, ch = d
    dd = (flags, width, prec)
    from multicall import fsinfo
    if ch == "n":
        return out_string(dd, name)
    field = _FS_NUMBERS.get(ch)
    if field is not None:
        return field[0](dd, getattr(sf, field[1]))
    if ch == "S":
        return out_uint(dd, sf.f_frsize or sf.f_bsize)
    if ch == "T":
        return out_string(dd, fsinfo.fs_name(sf.f_type).encode())
    return b"?"


# -- default formats ------------------------------------------------------------------

FS_TERSE = b"%n %i %l %t %s %S %b %f %a %c %d\n"
FS_LONG = (b"  File: \"%n\"\n    ID: %-8i Namelen: %-7l Type: %T\n"
           b"Block size: %-10s Fundamental block size: %S\n"
           b"Blocks: Total: %-10b Free: %-10f Available: %a\n"
           b"Inodes: Total: %-10c Free: %d\n")
FILE_TERSE = b"%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o\n"


def file_long(st):
    t = st.st_mode & 0o170000
    dev = (b"Device: %Hd,%Ld\tInode: %-11i Links: %-5h Device type: %Hr,%Lr\n" if t in (0o020000, 0o060000)
           else b"Device: %Hd,%Ld\tInode: %-11i Links: %h\n")
    return (b"  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n" + dev +
            b"Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\n"
            b"Access: %x\nModify: %y\nChange: %z\n Birth: %w\n")


def _statx_full(name, follow, sync):
    """os.stat's fields from statx(2) with the --cached sync flags."""
    import ctypes
    import struct
    from multicall import fsinfo
    libc = ctypes.CDLL(None, use_errno=True)
    fn = getattr(libc, "statx", None)
    if fn is None:
        return os.stat(name, follow_symlinks=follow)
    buf = ctypes.create_string_buffer(256)
    flags = sync | (0 if follow else fsinfo.AT_SYMLINK_NOFOLLOW)
    if fn(fsinfo.AT_FDCWD, ctypes.c_char_p(name), flags, 0xFFF, buf) != 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e), name)
    raw = buf.raw
    (_, blksize, _, nlink, uid, gid, mode) = struct.unpack_from("IIQIIIH", raw, 0)
    ino, size, blocks = struct.unpack_from("QQQ", raw, 32)
    times = [struct.unpack_from("qI", raw, off) for off in (64, 80, 96, 112)]
    rmaj, rmin, dmaj, dmin = struct.unpack_from("IIII", raw, 128)
    ns = [s * 1000000000 + n for s, n in times]
    # a stat_result-like object: only the fields stat uses
    r = _Stat()
    r.st_mode, r.st_ino, r.st_dev, r.st_nlink = mode, ino, os.makedev(dmaj, dmin), nlink
    r.st_uid, r.st_gid, r.st_size, r.st_blocks, r.st_blksize = uid, gid, size, blocks, blksize
    r.st_rdev = os.makedev(rmaj, rmin)
    r.st_atime_ns, r.st_ctime_ns, r.st_mtime_ns = ns[0], ns[2], ns[3]
    return r


class _Stat:
    pass


def render(ctx, pieces, func, trailer):
    """Write the pieces for one file; a ("die", msg) item ends the run.
    Output is written as it is made, so a warning (written after a flush,
    as gnulib's error() does) lands where GNU's does."""
    w = stdout()
    write = w.write
    for p in pieces:
        if isinstance(p, bytes):
            write(p)
        elif p[0] == "die":
            raise Fail(p[1])
        elif p[0] == "warn":
            ctx.warn(p[1])
        else:
            write(func(p))
    write(trailer)


def main(argv):
    opts = SPEC.parse(argv)
    prog = opts.prog
    sync = 0
    if opts.cached is not None:
        mode = argmatch(opts.cached, "--cached", [("default", "default"), ("never", "never"),
                                                   ("always", "always")])
        from multicall import fsinfo
        sync = {"default": 0, "never": fsinfo.AT_STATX_FORCE_SYNC, "always": fsinfo.AT_STATX_DONT_SYNC}[mode]
    fmt = trailer = None
    escapes = False
    if opts.format is not None:
        text, escapes = opts.format
        fmt = text.encode("utf-8", "surrogateescape")
        trailer = b"" if escapes else b"\n"
    ctx = Ctx(prog, opts.dereference, sync, fmt is not None and b"%N" in fmt)
    status = 0
    fs_mode = opts.file_system
    fixed = None
    if fmt is not None:
        fixed = parse_format(fmt, escapes, True if fs_mode else None, prog)
    elif fs_mode:
        fixed = parse_format(FS_TERSE if opts.terse else FS_LONG, False, True, prog)
    elif opts.terse:
        fixed = parse_format(FILE_TERSE, False, None, prog)
    for arg in opts.operands:
        name = os.fsencode(arg)
        ctx.failed = False
        if fs_mode:
            if arg == "-":
                warn(prog, "using '-' to denote standard input does not work in file system mode")
                status = 1
                continue
            from multicall import fsinfo
            try:
                sf = fsinfo.statfs(name)
            except OSError as e:
                warn(prog, "cannot read file system information for %s: %s"
                     % (quotef(name, always=True), e.strerror))
                status = 1
                continue
            render(ctx, fixed, lambda d: fs_directive(ctx, d, name, sf), trailer or b"")
        else:
            fd = None
            try:
                if arg == "-":
                    fd = 0
                    st = os.fstat(0)
                elif sync:
                    st = _statx_full(name, ctx.follow, sync)
                else:
                    st = os.stat(name, follow_symlinks=ctx.follow)
            except OSError as e:
                if arg == "-":
                    warn(prog, "cannot stat standard input: %s" % e.strerror)
                else:
                    warn(prog, "cannot statx %s: %s" % (quotef(name, always=True), e.strerror))
                status = 1
                continue
            pieces = fixed if fixed is not None else parse_format(file_long(st), False, None, prog)
            render(ctx, pieces, lambda d: file_directive(ctx, d, name, st, fd), trailer or b"")
        if ctx.failed:
            status = 1
    return status
