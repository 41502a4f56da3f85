"""File-system facts for df, stat and ls: the mount
table from /proc/self/mountinfo as gnulib's read_file_system_list reads it,
statfs(2) and statx(2) through ctypes (Python's os.statvfs has no f_type and
os.stat no birth time), and GNU stat's names for file-system magic numbers.

ctypes is imported only by the functions that call libc, so `stat FILE`
without %w/%W and `df` pay nothing for it.
"""
import os

AT_FDCWD = -100
AT_SYMLINK_NOFOLLOW = 0x100
AT_EMPTY_PATH = 0x1000
AT_STATX_FORCE_SYNC = 0x2000
AT_STATX_DONT_SYNC = 0x4000
STATX_BTIME = 0x800

# GNU stat's human_fstype table (coreutils 9.1)
FS_NAMES = {
    0x5A3C69F0: "aafs", 0x61636673: "acfs", 0xADF5: "adfs", 0xADFF: "affs", 0x5346414F: "afs",
    0x09041934: "anon-inode FS", 0x61756673: "aufs", 0x0187: "autofs", 0x13661366: "balloon-kvm-fs",
    0x42465331: "befs", 0x62646576: "bdevfs", 0x1BADFACE: "bfs", 0x6C6F6F70: "binderfs",
    0xCAFE4A11: "bpf_fs", 0x42494E4D: "binfmt_misc", 0x9123683E: "btrfs", 0x73727279: "btrfs_test",
    0x00C36400: "ceph", 0x0027E0EB: "cgroupfs", 0x63677270: "cgroup2fs", 0xFF534D42: "cifs",
    0x73757245: "coda", 0x012FF7B7: "coh", 0x62656570: "configfs", 0x28CD3D45: "cramfs",
    0x453DCD28: "cramfs-wend", 0x64646178: "daxfs", 0x64626720: "debugfs", 0x1373: "devfs",
    0x454D444D: "devmem", 0x1CD1: "devpts", 0x444D4142: "dma-buf-fs", 0xF15F: "ecryptfs",
    0xDE5E81E4: "efivarfs", 0x00414A53: "efs", 0xE0F5E1E2: "erofs", 0x2011BAB0: "exfat",
    0x45584653: "exfs", 0x5DF5: "exofs", 0x137D: "ext", 0xEF53: "ext2/ext3", 0xEF51: "ext2",
    0xF2F52010: "f2fs", 0x4006: "fat", 0x19830326: "fhgfs", 0x65735546: "fuseblk",
    0x65735543: "fusectl", 0x0BAD1DEA: "futexfs", 0x01161970: "gfs/gfs2", 0x47504653: "gpfs",
    0x4244: "hfs", 0x482B: "hfs+", 0x4858: "hfsx", 0x00C0FFEE: "hostfs", 0xF995E849: "hpfs",
    0x958458F6: "hugetlbfs", 0x11307854: "inodefs", 0x013111A8: "ibrix", 0x2BAD1DEA: "inotifyfs",
    0x9660: "isofs", 0x4004: "isofs", 0x4000: "isofs", 0x07C0: "jffs", 0x72B6: "jffs2",
    0x3153464A: "jfs", 0x6B414653: "k-afs", 0xC97E8168: "logfs", 0x0BD00BD0: "lustre",
    0x5346314D: "m1fs", 0x137F: "minix", 0x138F: "minix (30 char.)", 0x2468: "minix v2",
    0x2478: "minix v2 (30 char.)", 0x4D5A: "minix3", 0x19800202: "mqueue", 0x4D44: "msdos",
    0x564C: "novell", 0x6969: "nfs", 0x6E667364: "nfsd", 0x3434: "nilfs", 0x6E736673: "nsfs",
    0x5346544E: "ntfs", 0x9FA1: "openprom", 0x7461636F: "ocfs2", 0x794C7630: "overlayfs",
    0xAAD7AAEA: "panfs", 0x50495045: "pipefs", 0xC7571590: "ppc-cmm-fs", 0x7C7C6673: "prl_fs",
    0x9FA0: "proc", 0x6165676C: "pstorefs", 0x002F: "qnx4", 0x68191122: "qnx6", 0x858458F6: "ramfs",
    0x07655821: "rdt", 0x52654973: "reiserfs", 0x7275: "romfs", 0x67596969: "rpc_pipefs",
    0x5DCA2DF5: "sdcardfs", 0x5345434D: "secretmem", 0x73636673: "securityfs", 0xF97CFF8C: "selinux",
    0x43415D53: "smackfs", 0x517B: "smb", 0xFE534D42: "smb2", 0xBEEFDEAD: "snfs", 0x534F434B: "sockfs",
    0x73717368: "squashfs", 0x62656572: "sysfs", 0x012FF7B6: "sysv2", 0x012FF7B5: "sysv4",
    0x01021994: "tmpfs", 0x74726163: "tracefs", 0x24051905: "ubifs", 0x15013346: "udf",
    0x00011954: "ufs", 0x54190100: "ufs", 0x9FA2: "usbdevfs", 0x01021997: "v9fs", 0x786F4256: "vboxsf",
    0xBACBACBC: "vmhgfs", 0xA501FCF5: "vxfs", 0x565A4653: "vzfs", 0x53464846: "wslfs",
    0xABBA1974: "xenfs", 0x012FF7B4: "xenix", 0x58465342: "xfs", 0x012FD16D: "xia", 0x0033: "z3fold",
    0x2FC12FC1: "zfs", 0x5A4F4653: "zonefs", 0x58295829: "zsmallocfs",
}

_DUMMY_TYPES = frozenset(("autofs", "proc", "subfs", "debugfs", "devpts", "fusectl", "fuse.portal", "mqueue",
                          "rpc_pipefs", "sysfs", "devfs", "kernfs", "ignore", "none"))


def fs_name(magic):
    """GNU stat's %T for a statfs f_type."""
    name = FS_NAMES.get(magic)
    return name if name is not None else "UNKNOWN (0x%x)" % magic


class Mount:
    """One line of the mount table (gnulib's struct mount_entry)."""

    __slots__ = ("devname", "mountdir", "mntroot", "type", "dev", "dummy", "remote")

    def __init__(self, devname, mountdir, mntroot, fstype, dev):
        self.devname = devname
        self.mountdir = mountdir
        self.mntroot = mntroot
        self.type = fstype
        self.dev = dev
        self.dummy = fstype.decode("latin-1") in _DUMMY_TYPES
        self.remote = (b":" in devname
                       or (devname[:2] == b"//" and fstype in (b"smbfs", b"smb3", b"cifs"))
                       or devname == b"-hosts")


def _unescape(field):
    """mountinfo's octal escapes (\\040 for a space ...)."""
    if b"\\" not in field:
        return field
    out = bytearray()
    i = 0
    n = len(field)
    while i < n:
        c = field[i]
        if c == 92 and i + 4 <= n and all(48 <= x <= 55 for x in field[i + 1:i + 4]):
            out.append(int(field[i + 1:i + 4], 8) & 0xFF)
            i += 4
        else:
            out.append(c)
            i += 1
    return bytes(out)


def read_mounts():
    """The mounted file systems in /proc/self/mountinfo order (a list of
    Mount).  Raises OSError when the table cannot be read."""
    with open("/proc/self/mountinfo", "rb") as f:
        data = f.read()
    out = []
    for line in data.split(b"\n"):
        fields = line.split(b" ")
        if len(fields) < 10:
            continue
        try:
            sep = fields.index(b"-", 6)
            major, minor = fields[2].split(b":")
            dev = os.makedev(int(major), int(minor))
        except ValueError:
            continue
        if sep + 2 >= len(fields):
            continue
        out.append(Mount(_unescape(fields[sep + 2]), _unescape(fields[4]), _unescape(fields[3]),
                         _unescape(fields[sep + 1]), dev))
    return out


def _libc():
    import ctypes
    return ctypes, ctypes.CDLL(None, use_errno=True)


class StatFS:
    """statfs(2)'s answer."""

    __slots__ = ("f_type", "f_bsize", "f_blocks", "f_bfree", "f_bavail", "f_files", "f_ffree", "f_fsid",
                 "f_namelen", "f_frsize", "f_flags")


def statfs(path=None, fd=None):
    """statfs(2) (or fstatfs with fd): a StatFS; raises OSError."""
    ctypes, libc = _libc()
    L, UL = ctypes.c_long, ctypes.c_ulong

    class Buf(ctypes.Structure):
        _fields_ = [("f_type", L), ("f_bsize", L), ("f_blocks", UL), ("f_bfree", UL), ("f_bavail", UL),
                    ("f_files", UL), ("f_ffree", UL), ("f_fsid", ctypes.c_uint * 2), ("f_namelen", L),
                    ("f_frsize", L), ("f_flags", L), ("f_spare", L * 4)]
    buf = Buf()
    if fd is not None:
        rc = libc.fstatfs(fd, ctypes.byref(buf))
    else:
        rc = libc.statfs(ctypes.c_char_p(path), ctypes.byref(buf))
    if rc != 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e), path)
    r = StatFS()
    for name in StatFS.__slots__:
        setattr(r, name, getattr(buf, name))
    r.f_type &= (1 << (8 * ctypes.sizeof(L))) - 1
    # GNU stat's %i: the words of f_fsid, the first one high
    r.f_fsid = (buf.f_fsid[0] << 32) | buf.f_fsid[1]
    return r


def birth_time(path, follow=True, fd=None, sync=0):
    """The birth time (sec, nsec) from statx(2), or None when the file
    system does not know it (or statx is missing).  Raises OSError."""
    ctypes, libc = _libc()
    fn = getattr(libc, "statx", None)
    if fn is None:
        return None
    buf = ctypes.create_string_buffer(256)
    flags = sync
    if fd is not None:
        rc = fn(fd, b"", flags | AT_EMPTY_PATH, STATX_BTIME, buf)
    else:
        if not follow:
            flags |= AT_SYMLINK_NOFOLLOW
        rc = fn(AT_FDCWD, ctypes.c_char_p(path), flags, STATX_BTIME, buf)
    if rc != 0:
        e = ctypes.get_errno()
        if e == 38:  # ENOSYS
            return None
        raise OSError(e, os.strerror(e), path)
    import struct
    mask = struct.unpack_from("I", buf.raw, 0)[0]
    if not mask & STATX_BTIME:
        return None
    sec, nsec = struct.unpack_from("qI", buf.raw, 80)
    return sec, nsec
