"""Helpers shared by the file-changing applets (rm, rmdir, mkdir, chmod,
chown, chgrp, touch, truncate, shred, mkfifo, mknod ...): GNU's
always-quoted file names (quoteaf), messages that flush standard output
first (as GNU's error() does), the --preserve-root guard, rm's yes/no
prompt and file type words, uid/gid names, mode_adjust with its mode
bits, and the -m/--context handling of mkfifo and mknod.
"""
import os

from multicall.errors import quotef, write_stderr

S_IFMT = 0o170000
S_IFDIR = 0o040000
S_IFLNK = 0o120000
S_IFREG = 0o100000


def warn(prog, *parts):
    """errors.warn after flushing standard output, as GNU's error() does
    (so that -v lines and messages keep their order on one pipe)."""
    from multicall.errors import warn as _warn
    from multicall.stdio import flush_stdout
    flush_stdout()
    _warn(prog, *parts)


def write_err(msg):
    """errors.write_stderr after flushing standard output."""
    from multicall.stdio import flush_stdout
    flush_stdout()
    write_stderr(msg)


def quoteaf(name):
    """GNU's quoteaf: shell-escape quoting, always with quotes."""
    return quotef(name, always=True)


def root_stat():
    """(st_dev, st_ino) of '/', or None when it cannot be stat'ed."""
    try:
        st = os.lstat(b"/")
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def is_root(st, root):
    return root is not None and (st.st_dev, st.st_ino) == root


def root_warning(prog, path):
    """GNU's ROOT_DEV_INO_WARN, two lines."""
    if path in (b"/", "/"):
        msg = "%s: it is dangerous to operate recursively on %s\n" % (prog, quoteaf(path))
    else:
        msg = "%s: it is dangerous to operate recursively on %s (same as %s)\n" % (
            prog, quoteaf(path), quoteaf("/"))
    write_stderr(msg + "%s: use --no-preserve-root to override this failsafe\n" % prog)


def check_no_preserve_abbrev(argv):
    """GNU refuses an abbreviated --no-preserve-root; True if one is used."""
    for a in argv[1:]:
        if a == "--":
            break
        if a.startswith("--no-p") and a != "--no-preserve-root" and "--no-preserve-root".startswith(a):
            return True
    return False


def yesno():
    """Read one line from standard input: True when it starts with y or Y
    (rpmatch in the C locale; also what GNU does in C.UTF-8)."""
    buf = bytearray()
    while True:
        try:
            c = os.read(0, 1)
        except OSError:
            break
        if not c or c == b"\n":
            break
        buf += c
    return buf[:1] in (b"y", b"Y")


def prompt(prog, text):
    """Write `prog: text` (no newline) to standard error and read an answer."""
    write_stderr("%s: %s" % (prog, text))
    return yesno()


def file_type(st):
    """GNU's file_type(): the words rm -i and stat %F use."""
    import stat as S
    m = st.st_mode
    if S.S_ISREG(m):
        return "regular empty file" if st.st_size == 0 else "regular file"
    if S.S_ISDIR(m):
        return "directory"
    if S.S_ISLNK(m):
        return "symbolic link"
    if S.S_ISFIFO(m):
        return "fifo"
    if S.S_ISSOCK(m):
        return "socket"
    if S.S_ISBLK(m):
        return "block special file"
    if S.S_ISCHR(m):
        return "character special file"
    return "weird file"


def is_empty_dir(name, dir_fd=None):
    """True when directory `name` can be read and has no entries."""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=dir_fd)
    except OSError:
        return False
    try:
        with os.scandir(fd) as it:
            for _ in it:
                return False
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def last_component(path):
    """The last component of a bytes path, trailing slashes ignored."""
    p = path.rstrip(b"/")
    if not p:
        return b"/" if path else b""
    return p.rpartition(b"/")[2]


def dot_or_dotdot(path):
    return last_component(path) in (b".", b"..")


# -- user and group names -----------------------------------------------------

def user_name(uid):
    import pwd
    try:
        return pwd.getpwuid(uid).pw_name
    except (KeyError, OverflowError):
        return str(uid)


def group_name(gid):
    import grp
    try:
        return grp.getgrgid(gid).gr_name
    except (KeyError, OverflowError):
        return str(gid)


# -- modes ------------------------------------------------------------------------

def adjust_bits(oldmode, changes, is_dir, umask):
    """gnulib's mode_adjust with its pmode_bits: (new mode, the mode bits
    the changes care about).  multicall.modes.adjust gives only the first;
    mkdir -m, mkfifo -m and mknod -m need the second."""
    from multicall import modes as M
    newmode = oldmode & M.ALL
    bits = 0
    for ch in changes:
        affected = ch.affected
        omit = (M.S_ISUID | M.S_ISGID if is_dir else 0) & ~ch.mentioned
        value = ch.value
        if ch.flag == M.COPY:
            value &= newmode
            value |= ((M.S_IRUGO if value & M.S_IRUGO else 0) | (M.S_IWUGO if value & M.S_IWUGO else 0)
                      | (M.S_IXUGO if value & M.S_IXUGO else 0))
        elif ch.flag == M.X_IF_ANY_X:
            if (newmode & M.S_IXUGO) or is_dir:
                value |= M.S_IXUGO
        value &= (affected if affected else ~umask) & ~omit
        if ch.op == "=":
            preserved = (~affected if affected else 0) | omit
            bits |= M.ALL & ~preserved
            newmode = (newmode & preserved) | value
        elif ch.op == "+":
            bits |= value
            newmode |= value
        else:
            bits |= value
            newmode &= ~value
    return newmode & M.ALL, bits


# -- mkfifo, mknod, mkdir -----------------------------------------------------------

def special_file_mode(text):
    """GNU mkfifo/mknod -m: a=rw adjusted by MODE (the umask applies to
    bare symbolic modes); only permission bits allowed.  Raises Fail."""
    import os
    from multicall import modes
    from multicall.errors import Fail
    changes = modes.compile(text)
    if changes is None:
        raise Fail("invalid mode")
    mask = os.umask(0)
    os.umask(mask)
    mode = modes.adjust(0o666, changes, is_dir=False, umask=mask)
    if mode & ~0o777:
        raise Fail("mode must specify only file permission bits")
    return mode


def context_warning(prog, opts):
    """GNU without SELinux/SMACK: -Z is a no-op, --context=CTX a warning."""
    if opts.context is not None:
        warn(prog, "warning: ignoring --context; it requires an SELinux/SMACK-enabled kernel")
