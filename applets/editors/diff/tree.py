"""diff's file handling: operands, -N/-P, directory against file, and
the walk of two directories (GNU's compare_files and diff_dirs).

compare() stats both names, makes missing files empty under -N/-P, turns
a directory operand facing a file into DIR/BASENAME, walks two
directories (names sorted as GNU sorts them, -x/-X exclusions, -S at the
top level only, a loop back to an ancestor refused), and hands two
regular files (or pipes) to compare.diff2().  Messages go to standard
output in GNU's words ("Only in", "Common subdirectories", "File X is a
T while file Y is a U", "Symbolic links X and Y differ"), errors to
standard error, after which the walk goes on and the status becomes 2.
"""
import posix

from multicall.errors import Fail, write_stderr

TROUBLE = 2

S_IFMT = 0o170000
S_IFDIR = 0o040000
S_IFREG = 0o100000
S_IFLNK = 0o120000


def _isdir(st):
    return st is not None and st.st_mode & S_IFMT == S_IFDIR


def _isreg(st):
    return st is not None and st.st_mode & S_IFMT == S_IFREG


def _islnk(st):
    return st is not None and st.st_mode & S_IFMT == S_IFLNK


def file_type(st):
    """gnulib's file_type(): the words GNU diff uses for a kind of file."""
    m = st.st_mode & S_IFMT
    if m == S_IFREG:
        return "regular empty file" if st.st_size == 0 else "regular file"
    return {S_IFDIR: "directory", 0o060000: "block special file",
            0o020000: "character special file", 0o010000: "fifo",
            S_IFLNK: "symbolic link", 0o140000: "socket"}.get(m, "weird file")


def read_patterns(name):
    """The patterns of an -X file: one a line, trailing white space
    removed, empty lines skipped."""
    try:
        fd = posix.open(name, posix.O_RDONLY | posix.O_CLOEXEC) if name != "-" else 0
        try:
            import _io
            data = _io.FileIO(fd, "rb", closefd=False).readall()
        finally:
            if fd:
                posix.close(fd)
    except OSError as e:
        raise Fail("%s: %s" % (name, e.strerror), TROUBLE) from None
    out = []
    for line in data.split(b"\n"):
        line = line.rstrip(b" \t\n\v\f\r")
        if line:
            out.append(line)
    return out


class _Stat:
    """A zeroed stat for a file that does not exist (-N), with the mode of
    its counterpart."""

    def __init__(self, mode):
        self.st_mode = mode
        self.st_size = 0
        self.st_mtime_ns = 0
        self.st_dev = self.st_ino = 0
        self.st_blksize = 4096


class File:
    """One side of a comparison: desc is None (not opened yet), -1 (does
    not exist, -N) or a descriptor; err an errno from stat."""

    __slots__ = ("name", "desc", "st", "err", "stdin", "now")

    def __init__(self, name, exists):
        self.name = name
        self.desc = None if exists else -1
        self.st = None
        self.err = None
        self.stdin = False
        self.now = None


class Cmp:
    """A comparison in progress: two files and the comparison above it."""

    __slots__ = ("files", "parent")

    def __init__(self, files, parent):
        self.files = files
        self.parent = parent


def _concat(d, name):
    return d + name if d.endswith("/") else d + "/" + name


def _last_component(name):
    stripped = name.rstrip("/")
    if not stripped:
        return name
    base = stripped.rpartition("/")[2]
    return base + name[len(stripped):]


def _same(a, b):
    return a.st_dev == b.st_dev and a.st_ino == b.st_ino


def _same_attributes(a, b):
    return (a.st_mode == b.st_mode and a.st_nlink == b.st_nlink and a.st_uid == b.st_uid
            and a.st_gid == b.st_gid and a.st_size == b.st_size
            and a.st_mtime_ns == b.st_mtime_ns and a.st_ctime_ns == b.st_ctime_ns)


class Run:
    """One invocation's comparisons: settings, printer, and the sort and
    exclusion rules for directories."""

    def __init__(self, settings, printer):
        self.s = settings
        self.pr = printer
        self._excl = None
        self._sortkey = None

    # -- messages ----------------------------------------------------------

    def message(self, text):
        self.pr.message(text.encode("utf-8", "surrogateescape"))

    def error(self, name, err):
        write_stderr("%s: %s: %s\n" % (self.s.prog, name, posix.strerror(err)))

    def _label(self, f, name):
        label = self.s.labels[f]
        return label if label is not None else name

    def _types(self, files):
        return "File %s is a %s while file %s is a %s\n" % (
            self._label(0, files[0].name), file_type(files[0].st),
            self._label(1, files[1].name), file_type(files[1].st))

    def _stat(self, name):
        return posix.lstat(name) if self.s.no_dereference else posix.stat(name)

    # -- compare_files -----------------------------------------------------

    def compare(self, parent, name0, name1):
        status = self._compare(parent, name0, name1)
        if status:
            self.pr.flush()  # as GNU: differences reach the reader at once
        return status

    def _compare(self, parent, name0, name1):
        s = self.s
        if not ((name0 is not None and name1 is not None)
                or (s.unidirectional and name1 is not None) or s.new_file):
            name = name0 if name0 is not None else name1
            self.message("Only in %s: %s\n" % (parent.files[name0 is None].name, name))
            return 1
        files = [File(name0, name0 is not None), File(name1, name1 is not None)]
        if name0 is None:
            name0 = name1
        if name1 is None:
            name1 = name0
        if parent is None:
            files[0].name, files[1].name = name0, name1
        else:
            files[0].name = _concat(parent.files[0].name, name0)
            files[1].name = _concat(parent.files[1].name, name1)
        cmp = Cmp(files, parent)
        for f in (0, 1):
            fl = files[f]
            if fl.desc == -1:
                continue
            if f and fl.name == files[0].name:
                first = files[0]
                fl.desc, fl.st, fl.err, fl.stdin, fl.now = first.desc, first.st, first.err, first.stdin, first.now
            elif fl.name == "-":
                fl.stdin = True
                try:
                    fl.st = posix.fstat(0)
                    fl.desc = 0
                except OSError as e:
                    fl.err = e.errno
                else:
                    import time
                    fl.now = time.time_ns()
            else:
                try:
                    fl.st = self._stat(fl.name)
                except OSError as e:
                    fl.err = e.errno
        # -N and -P: inaccessible empty files (what patch leaves for
        # missing backups), and missing top-level operands, do not exist
        for f in (0, 1):
            fl = files[f]
            other = files[1 - f]
            if not (s.new_file or (f == 0 and s.unidirectional)):
                continue
            if fl.desc is None and fl.err is None and not fl.stdin:
                if _isreg(fl.st) and not fl.st.st_mode & 0o777 and fl.st.st_size == 0:
                    fl.desc = -1
            elif (fl.err in (2, 9) and parent is None  # ENOENT, EBADF
                  and other.err is None and other.desc != -1):
                fl.desc = -1
                fl.err = None
        for f in (0, 1):
            if files[f].desc == -1:
                other = files[1 - f]
                files[f].st = _Stat(other.st.st_mode if other.st is not None else S_IFREG)
        status = 0
        for f in (0, 1):
            if files[f].err is not None:
                self.error(files[f].name, files[f].err)
                status = TROUBLE
        if status == 0 and parent is None and _isdir(files[0].st) != _isdir(files[1].st):
            # a directory operand against a file: DIR/BASENAME
            fnm_arg = 0 if _isdir(files[1].st) else 1
            dir_arg = 1 - fnm_arg
            fnm = files[fnm_arg].name
            if fnm == "-":
                raise Fail("cannot compare '-' to a directory", TROUBLE)
            filename = _concat(files[dir_arg].name, _last_component(fnm))
            if s.ignore_file_name_case:
                filename = self._find_case(files[dir_arg].name, _last_component(fnm), filename)
            files[dir_arg].name = filename
            try:
                files[dir_arg].st = self._stat(filename)
            except OSError as e:
                self.error(filename, e.errno)
                status = TROUBLE
        st0, st1 = files[0].st, files[1].st
        if status != 0:
            pass
        elif files[0].desc == -1 and files[1].desc == -1:
            pass
        elif (files[0].desc != -1 and files[1].desc != -1 and _same(st0, st1)
              and _same_attributes(st0, st1) and s.no_diff_no_output):
            pass  # the same file: identical without reading it
        elif _isdir(st0) and _isdir(st1):
            if s.style == "ifdef":
                raise Fail("-D option not supported with directories", TROUBLE)
            if parent is not None and not s.recursive:
                self.message("Common subdirectories: %s and %s\n" % (files[0].name, files[1].name))
            else:
                status = self.diff_dirs(cmp)
        elif (_isdir(st0) or _isdir(st1)
              or (parent is not None and not ((_isreg(st0) or _islnk(st0)) and (_isreg(st1) or _islnk(st1))))):
            if files[0].desc == -1 or files[1].desc == -1:
                if (_isdir(st0) or _isdir(st1)) and s.recursive and (
                        s.new_file or (s.unidirectional and files[0].desc == -1)):
                    status = self.diff_dirs(cmp)
                else:
                    self.message("Only in %s: %s\n" % (parent.files[files[0].desc == -1].name, name0))
                    status = 1
            else:
                self.message(self._types(files))
                status = 1
        elif _islnk(st0) or _islnk(st1):
            if _islnk(st0) and _islnk(st1):
                values = []
                for f in (0, 1):
                    try:
                        values.append(posix.readlink(files[f].name))
                    except OSError as e:
                        self.error(files[f].name, e.errno)
                        status = TROUBLE
                        break
                if status == 0 and values[0] != values[1]:
                    self.message("Symbolic links %s and %s differ\n" % (files[0].name, files[1].name))
                    status = 1
            else:
                self.message(self._types(files))
                status = 1
        elif (s.treat_as_binary and _isreg(st0) and _isreg(st1) and st0.st_size != st1.st_size
              and st0.st_size > 0 and st1.st_size > 0):
            self.message("Files %s and %s differ\n" % (self._label(0, files[0].name),
                                                       self._label(1, files[1].name)))
            status = 1
        else:
            status = self._open_and_diff(cmp)
        if status == 0 and s.report_identical and not _isdir(files[0].st):
            self.message("Files %s and %s are identical\n" % (self._label(0, files[0].name),
                                                              self._label(1, files[1].name)))
        return status

    def _open_and_diff(self, cmp):
        files = cmp.files
        st0, st1 = files[0].st, files[1].st
        same_files = (files[0].desc != -1 and files[1].desc != -1 and _same(st0, st1)
                      and _same_attributes(st0, st1))
        opened = []
        status = 0
        try:
            for f in (0, 1):
                fl = files[f]
                if fl.desc is not None:
                    continue
                if f == 1 and (same_files or fl.name == files[0].name) and files[0].desc is not None \
                        and files[0].desc >= 0:
                    fl.desc = files[0].desc
                    continue
                try:
                    fl.desc = posix.open(fl.name, posix.O_RDONLY | posix.O_CLOEXEC)
                    opened.append(fl.desc)
                except OSError as e:
                    self.error(fl.name, e.errno)
                    status = TROUBLE
            if status == 0:
                from applets.editors.diff.compare import ReadError, diff2
                try:
                    status = diff2(self, cmp)
                except ReadError as e:
                    self.error(e.file.name, e.errno)
                    status = TROUBLE
        finally:
            for fd in opened:
                posix.close(fd)
        return status

    def _find_case(self, d, base, default):
        try:
            if posix.access(default, posix.F_OK):
                return default
            low = base.lower()
            for n in sorted(posix.listdir(d)):
                if n.lower() == low:
                    return _concat(d, n)
        except OSError:
            pass
        return default

    # -- directories -------------------------------------------------------

    def _excluded(self, name):
        if not self.s.excludes:
            return False
        if self._excl is None:
            from applets.editors.diff.fnmatch import compile_patterns
            self._excl = compile_patterns(self.s.excludes)
        b = name.encode("utf-8", "surrogateescape")
        return any(m(b) for m in self._excl)

    def _loop(self, cmp, f):
        st = cmp.files[f].st
        p = cmp.parent
        while p is not None:
            if _same(p.files[f].st, st):
                return True
            p = p.parent
        return False

    def diff_dirs(self, cmp):
        files = cmp.files
        if (files[0].desc == -1 or self._loop(cmp, 0)) and (files[1].desc == -1 or self._loop(cmp, 1)):
            write_stderr("%s: %s: recursive directory loop\n" % (self.s.prog, files[files[0].desc == -1].name))
            return TROUBLE
        lists = []
        status = 0
        for f in (0, 1):
            if files[f].desc == -1:
                lists.append([])
                continue
            try:
                names = posix.listdir(files[f].name)
            except OSError as e:
                self.error(files[f].name, e.errno)
                status = TROUBLE
                lists.append([])
                continue
            lists.append([n for n in names if not self._excluded(n)])
        if status:
            return status
        if self._sortkey is None:
            self._sortkey = _sort_key(self.s.ignore_file_name_case)
        key, fold = self._sortkey
        for lst in lists:
            lst.sort(key=key)
        n0, n1 = lists
        i0 = i1 = 0
        if self.s.starting_file is not None and cmp.parent is None:
            kf = fold(key(self.s.starting_file))
            while i0 < len(n0) and fold(key(n0[i0])) < kf:
                i0 += 1
            while i1 < len(n1) and fold(key(n1[i1])) < kf:
                i1 += 1
        while i0 < len(n0) or i1 < len(n1):
            if i0 >= len(n0):
                order = 1
            elif i1 >= len(n1):
                order = -1
            else:
                a, b = fold(key(n0[i0])), fold(key(n1[i1]))
                order = (a > b) - (a < b)
            if order == 0 and self.s.ignore_file_name_case:
                _prefer_exact(n0, i0, n1, i1, key, fold)
            v = self.compare(cmp, None if order > 0 else n0[i0], None if order < 0 else n1[i1])
            if order <= 0:
                i0 += 1
            if order >= 0:
                i1 += 1
            status = max(status, v)
        return status


def _prefer_exact(n0, i0, n1, i1, key, fold):
    """With --ignore-file-name-case, a name that matches the other side's
    only ignoring case gives way to an exact match later in its group."""
    raw0 = n0[i0].encode("utf-8", "surrogateescape")
    raw1 = n1[i1].encode("utf-8", "surrogateescape")
    if raw0 == raw1:
        return
    if raw0 < raw1:
        lesser, li, greater = n0, i0, n1[i1]
    else:
        lesser, li, greater = n1, i1, n0[i0]
    g = greater.encode("utf-8", "surrogateescape")
    gk = fold(key(greater))
    p = li + 1
    while p < len(lesser) and fold(key(lesser[p])) == gk:
        c = lesser[p].encode("utf-8", "surrogateescape")
        if c >= g:
            if c == g:
                lesser.insert(li, lesser.pop(p))
            break
        p += 1


def _collate_locale():
    env = posix.environ
    for k in (b"LC_ALL", b"LC_COLLATE", b"LANG"):
        v = env.get(k)
        if v:
            return v.decode("latin-1")
    return "C"


def _bytes_key(ignore_case):
    if ignore_case:
        def key(n):
            b = n.encode("utf-8", "surrogateescape")
            return (b.lower(), b)
        return key, lambda k: k[0]

    def key(n):
        return n.encode("utf-8", "surrogateescape")
    return key, lambda k: k


def _sort_key(ignore_case):
    """(key, fold): key orders names as GNU's compare_names does (bytes in
    the C and C.UTF-8 locales, strcoll's order through strxfrm in others,
    ties broken by bytes); two names are the same name when their folded
    keys are equal."""
    loc = _collate_locale()
    if loc in ("C", "POSIX") or loc.lower().replace("-", "") == "c.utf8":
        return _bytes_key(ignore_case)
    import locale
    try:
        locale.setlocale(locale.LC_COLLATE, "")
    except locale.Error:
        return _bytes_key(ignore_case)

    def key(n):
        b = n.encode("utf-8", "surrogateescape")
        t = n.lower() if ignore_case else n
        try:
            x = locale.strxfrm(t)
        except (ValueError, UnicodeError):
            x = t
        return (x, b)
    if ignore_case:
        return key, lambda k: k[0]
    return key, lambda k: k
