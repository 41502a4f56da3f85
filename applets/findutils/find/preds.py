"""find's tests and simple actions, as closures over one walker Entry.

Each factory returns a function `f(e) -> bool` for a multicall.walk Entry.
Tests that need only the name (-name, -path, -regex) never stat; -type
uses the directory's d_type when it is known; the rest stat lazily,
once per entry (the walker caches the result), and a failed stat is
reported once per entry and makes the test false, as in GNU find.
"""
import os

from applets.findutils.find import pattern
from applets.findutils.find.printf import S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, base_name, strip_slashes

NS = 1000000000
COMP_GT, COMP_LT, COMP_EQ = 1, 2, 3

TYPE_BITS = {"b": 0o060000, "c": 0o020000, "d": S_IFDIR, "f": S_IFREG, "l": S_IFLNK, "p": 0o010000,
             "s": 0o140000, "D": None}


def root_name(path):
    """The name -name sees for a starting point: base_name without its
    trailing slashes (`/` stays `/`)."""
    return strip_slashes(base_name(path))


# -- names ----------------------------------------------------------------------

def name_test(state, pat, icase):
    m = pattern.compile(pat, icase, state.utf8)

    def name(e):
        return m(e.name) if e.depth else m(root_name(e.path))
    name.matcher = m  # lets the walker skip non-matching files (see run.select)
    return name


def path_test(state, pat, icase):
    m = pattern.compile(pat, icase, state.utf8)
    return lambda e: m(e.path)


def regex_test(rx):
    fullmatch = rx.fullmatch
    return lambda e: fullmatch(e.path) is not None


def lname_test(state, pat, icase):
    m = pattern.compile(pat, icase, state.utf8)

    def lname(e):
        if state.following(e):
            st = state.stat(e)
            if st is None or (st.st_mode & S_IFMT) != S_IFLNK:
                return False
        else:
            try:
                if e.ltype() != S_IFLNK:
                    return False
            except OSError as err:
                state.stat_failed(e, err)
                return False
        try:
            target = os.readlink(e.name, dir_fd=e.dir_fd)
        except OSError as err:
            state.file_error(e.path, err)
            return False
        return m(target)
    return lname


# -- types ----------------------------------------------------------------------

def type_test(state, modes):
    """-type with a set of S_IFMT values."""
    f = _type_test(state, modes)
    f.types = modes  # lets the walker skip files of other types (see run.select)
    return f


def _type_test(state, modes):
    if len(modes) == 1:
        want = next(iter(modes))

        def one(e):
            if e.dtype == want and want != S_IFLNK:
                return True
            try:
                return e.type() == want
            except OSError as err:
                state.stat_failed(e, err)
                return False
        return one

    def several(e):
        try:
            return e.type() in modes
        except OSError as err:
            state.stat_failed(e, err)
            return False
    return several


def xtype_test(state, modes):
    def xtype(e):
        follow = not state.following(e)
        try:
            st = os.stat(e.name, dir_fd=e.dir_fd, follow_symlinks=follow)
        except OSError as err:
            if follow and err.errno == 2:
                try:
                    return e.type() in modes
                except OSError as err2:
                    state.stat_failed(e, err2)
                    return False
            state.file_error(e.path, err)
            return False
        return (st.st_mode & S_IFMT) in modes
    return xtype


# -- numbers --------------------------------------------------------------------

def compare(kind, value):
    if kind == COMP_GT:
        return lambda x: x > value
    if kind == COMP_LT:
        return lambda x: x < value
    return lambda x: x == value


def stat_number_test(state, field, kind, value):
    cmp = compare(kind, value)
    get = _FIELDS[field]

    def test(e):
        st = state.stat(e)
        return st is not None and cmp(get(st))
    return test


_FIELDS = {
    "uid": lambda st: st.st_uid, "gid": lambda st: st.st_gid, "links": lambda st: st.st_nlink,
    "inum": lambda st: st.st_ino,
}


def size_test(state, kind, value, unit):
    cmp = compare(kind, value)

    def size(e):
        st = state.stat(e)
        if st is None:
            return False
        return cmp(-(-st.st_size // unit))
    return size


def empty_test(state):
    def empty(e):
        st = state.stat(e)
        if st is None:
            return False
        t = st.st_mode & S_IFMT
        if t == S_IFREG:
            return st.st_size == 0
        if t != S_IFDIR:
            return False
        try:
            fd = os.open(e.name, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC | os.O_NONBLOCK | os.O_NOCTTY,
                         dir_fd=e.dir_fd)
        except OSError as err:
            state.file_error(e.path, err)
            return False
        try:
            with os.scandir(fd) as it:
                for _ in it:
                    return False
        except OSError as err:
            state.file_error(e.path, err)
            return False
        finally:
            os.close(fd)
        return True
    return empty


# -- times -----------------------------------------------------------------------

def _time_of(which):
    return {"a": lambda st: st.st_atime_ns, "c": lambda st: st.st_ctime_ns,
            "m": lambda st: st.st_mtime_ns}[which]


def window_test(state, which, kind, ref_ns, window_s):
    """-mtime -mmin ... : GNU's pred_timewindow."""
    get = _time_of(which)
    w = window_s * NS
    if kind == COMP_GT:
        def gt(e):
            st = state.stat(e)
            return st is not None and get(st) > ref_ns
        return gt
    if kind == COMP_LT:
        def lt(e):
            st = state.stat(e)
            return st is not None and get(st) < ref_ns
        return lt

    def eq(e):
        st = state.stat(e)
        if st is None:
            return False
        d = get(st) - ref_ns
        return 0 < d <= w
    return eq


def used_test(state, kind, ref_ns):
    def used(e):
        st = state.stat(e)
        if st is None or st.st_atime_ns < st.st_ctime_ns:
            return False
        d = st.st_ctime_ns - st.st_atime_ns
        if kind == COMP_GT:
            return d > ref_ns
        if kind == COMP_LT:
            return d < ref_ns
        return 0 < d - ref_ns <= 86400 * NS
    return used


def newer_test(state, which, ref_ns):
    get = _time_of(which)

    def newer(e):
        st = state.stat(e)
        return st is not None and get(st) > ref_ns
    return newer


# -- owners and modes -------------------------------------------------------------

def owner_test(state, field, value):
    if field == "uid":
        def user(e):
            st = state.stat(e)
            return st is not None and st.st_uid == value
        return user

    def group(e):
        st = state.stat(e)
        return st is not None and st.st_gid == value
    return group


def nouser_test(state):
    def nouser(e):
        st = state.stat(e)
        return st is not None and state.user_name(st.st_uid) is None
    return nouser


def nogroup_test(state):
    def nogroup(e):
        st = state.stat(e)
        return st is not None and state.group_name(st.st_gid) is None
    return nogroup


def perm_test(state, kind, vals):
    def perm(e):
        st = state.stat(e)
        if st is None:
            return False
        mode = st.st_mode
        want = vals[(mode & S_IFMT) == S_IFDIR]
        if kind == "-":
            return (mode & want) == want
        if kind == "/":
            return want == 0 or (mode & want) != 0
        return (mode & 0o7777) == want
    return perm


def access_test(state, mode):
    def access(e):
        return os.access(e.name, mode, dir_fd=e.dir_fd)
    return access


def samefile_test(state, dev, ino):
    def samefile(e):
        st = state.stat(e)
        return st is not None and st.st_ino == ino and st.st_dev == dev
    return samefile


def fstype_test(state, name):
    def fstype(e):
        st = state.stat(e)
        return st is not None and state.fs_type(st.st_dev) == name
    return fstype


def context_test(state, pat):
    m = pattern.compile(pat, False, state.utf8)

    def context(e):
        follow = state.following(e)
        path = e.name if e.dir_fd is None else b"/proc/self/fd/%d/%s" % (e.dir_fd, e.name)
        try:
            value = os.getxattr(path, b"security.selinux", follow_symlinks=follow)
        except OSError as err:
            from multicall.errors import quote
            state.warn("getfilecon failed: %s: %s" % (quote(e.path), err.strerror))
            return False
        return m(value.rstrip(b"\0"))
    return context


# -- actions -----------------------------------------------------------------------

def print_action(out, sep, tty, utf8):
    write = out.write
    if tty:
        from applets.findutils.find.printf import qmark
        return lambda e: write(qmark(e.path, utf8) + sep) or True
    return lambda e: write(e.path + sep) or True


def print0_action(out):
    write = out.write
    return lambda e: write(e.path + b"\0") or True


def ls_action(state, out):
    from applets.findutils.find.printf import LsWidths, ls_line
    if state.ls_widths is None:
        state.ls_widths = LsWidths()
    write = out.write

    def ls(e):
        st = state.stat(e)
        if st is None:
            return False
        write(ls_line(state, e, st))
        return True
    return ls


def prune_action(state):
    def prune(e):
        if state.dir_first and e.kind == 1:  # PRE
            e.prune()
        return True
    return prune


def quit_action(state):
    from applets.findutils.find.state import Quit

    def quit(e):
        raise Quit()
    return quit


def delete_action(state):
    from multicall.errors import quote

    def delete(e):
        if e.path == b"." and e.depth == 0:
            return True
        isdir = e.kind == 1 or e.kind == 2
        try:
            if isdir:
                os.rmdir(e.name, dir_fd=e.dir_fd)
            else:
                os.unlink(e.name, dir_fd=e.dir_fd)
            return True
        except OSError as err:
            if err.errno == 2 and state.ignore_race:
                return True
            if err.errno == 21 and not isdir:  # EISDIR
                try:
                    os.rmdir(e.name, dir_fd=e.dir_fd)
                    return True
                except OSError as err2:
                    err = err2
            state.error("cannot delete %s: %s" % (quote(e.path), err.strerror))
            return False
    return delete
