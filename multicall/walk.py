"""The one directory-tree walker: find, ls -R, cp -r, mv, rm -r, chmod -R,
chown -R and du.

    from multicall import walk
    for e in walk.Walker([b"."], follow="P"):
        if e.kind == walk.PRE and e.name == b".git":
            e.prune()                   # do not descend
        elif e.kind == walk.POST:
            os.rmdir(e.name, dir_fd=e.dir_fd)

What it gives, per visit (an Entry):

    kind      PRE (a directory, before its contents), POST (the same
              directory after them), FILE (anything that is not walked
              into), ERROR (e.error is the OSError, e.stage says what
              failed: "stat" for a starting point or an entry that cannot
              be stat'ed, "open" or "read" for a directory that cannot be
              opened or read, "climb" when the walk cannot get back into a
              directory), LOOP (a directory that is its own ancestor:
              e.loop_path is the ancestor's path)
    path      bytes: the starting point as the user named it, then '/' and
              the names below it (one trailing '/' of the starting point is
              not doubled, as fts does: `a/` gives `a/b`, `/` gives `/usr`)
    name      bytes: the entry's name in its directory (for a starting
              point: its path as given)
    depth     0 for a starting point
    dir_fd    the open parent directory for the *at() calls
              (os.stat(e.name, dir_fd=e.dir_fd), os.unlink, os.rmdir,
              os.chmod ...); None for a starting point, which means the
              current directory (AT_FDCWD).  Valid only during the visit.
    stat()    the status, following symbolic links as the rules say; cached
    lstat()   the status of the entry itself; cached
    type()    its S_IFMT bits, following links as stat() does; from the
              directory's d_type when that is known, so that `find -type f`
              or `-name x` stats nothing but the directories
    ltype()   the same for the entry itself (lstat's type)
    broken    True when a followed link dangles (stat() fell back on lstat)
    prune()   at a PRE visit: do not walk into this directory (its POST
              visit still comes)
    root      the starting point's path (find's %H)

Every PRE is followed by its POST (also when the directory was pruned, was
on another device, or could not be read: then an ERROR visit comes between
the two).  ERROR visits never stop the walk (but "climb").  The Entry of a
directory is the same object at its PRE and POST visits.

Rules:

- follow="P": never follow symbolic links; "H": follow them for the
  starting points only; "L": follow them everywhere.  A link that is
  followed and dangles (ENOENT) is visited as the link itself
  (e.broken); any other failure (ELOOP ...) is an ERROR visit.
- xdev=True: directories on another device than their starting point are
  visited (PRE and POST) but not walked into, as find -xdev does.
- Loops: a directory whose (st_dev, st_ino) is that of a directory being
  walked (an ancestor: symbolic links with -L, bind mounts) is a LOOP visit
  and is not entered.  Directories are stat'ed before their PRE visit for
  this (GNU's fts does the same), so stat() is free for them.
- select=f: f(name, dtype) is called for each entry below a starting
  point that will not be walked into (dtype: S_IFREG, S_IFLNK for a link
  that is not followed, or OTHER); when it returns False the entry is not
  visited at all (no Entry is made: find passes a leading `-name` test
  here).  Directories are always visited.
- order=None keeps the order of readdir, as find does; order="name" sorts
  by bytes; order=callable gets the list of names (bytes) of one directory
  and returns them in the order wanted.  order="fts" is GNU fts's
  default: readdir order, but a batch of more than 10,000 entries on a file
  system other than tmpfs/NFS/CIFS is sorted by inode number (GNU find
  does this; pybox's find asks for it to print the same order).
- listing=True is the mode of ls -R, which must show a directory's whole
  (sorted) listing before it lists any subdirectory, and chooses the
  order of the subdirectories itself.  Each directory is opened before its
  PRE visit, and the PRE visit carries e.fd, the directory's own open
  descriptor: the caller reads the entries itself (os.scandir(e.fd)) and
  calls e.descend(entries) with the os.DirEntry objects of the
  subdirectories to walk into, in the order wanted (none: nothing below
  is walked).  Only those are visited below it (their own PRE, LOOP,
  ERROR and POST visits; a FILE visit only for one that is not a
  directory to walk into after all, such as a link under -P).  A directory that cannot be
  opened gets an ERROR visit (stage "open") instead of PRE and POST.
  Not combined with xdev or select.

No recursion, no path length limit, bounded descriptors:

The walk is a loop over an explicit stack of directory frames, so a tree
10,000 levels deep costs no Python recursion.  Nothing is opened by path
below a starting point: every directory is opened with
openat(parent_fd, name, O_DIRECTORY|O_NOFOLLOW) and read with
scandir(fd), and entries are stat'ed, unlinked... relative to their
parent's fd, so paths longer than PATH_MAX work (only e.path is long, and
it is just bytes).  The stack keeps at most `max_fds` directory
descriptors open (default 64): when a deeper directory is entered, the
shallowest open ancestor's descriptor is closed (its pending entries are
first turned into plain names and types, since scandir's DirEntry objects
stat through their directory's descriptor).  When the walk climbs back to
a directory whose descriptor was closed, it is re-opened as ".." of its
child (the way fts climbs without FTS_NOCHDIR), or, when the child was
entered through a followed symbolic link, by opening the names again from
the nearest open ancestor (or the starting point's path); each re-opened
directory must have the (st_dev, st_ino) recorded on the way down.  If it
does not (the tree was moved during the walk), an ERROR visit with ESTALE
reports the directory and the rest of that starting point is abandoned:
carrying on from the wrong directory could make rm -r remove the wrong
files.  The process's working directory is never changed (unlike fts's
fchdir), so the walker can run inside the shell's process and children
(find -exec) inherit the right directory.

Why a window of descriptors rather than fts's fchdir or one descriptor per
level: one per level cannot hold a 10,000-deep tree under a 1024-file
limit; fchdir would change the working directory of the whole process
(the shell runs applets in-process, and relative names in messages and
commands would break); re-opening every directory by path fails past
PATH_MAX.  With a window, a tree of ordinary depth never re-opens
anything, and a deep one costs one openat("..") and one fstat per level on
the way back up, which is what fts pays.  Memory stays linear in the depth
too: a frame deeper than 1 KiB of path forgets its path while deeper
directories are walked and cuts it back out of its child's path later.
"""
import os
from itertools import islice as _islice

PRE = 1
POST = 2
FILE = 3
ERROR = 4
LOOP = 5
KIND_NAMES = {PRE: "pre", POST: "post", FILE: "file", ERROR: "error", LOOP: "loop"}

S_IFMT = 0o170000
S_IFDIR = 0o040000
S_IFLNK = 0o120000
S_IFREG = 0o100000
OTHER = -1  # d_type says: not a directory, link or regular file

_O_DIR = os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC | getattr(os, "O_NONBLOCK", 0)
_O_NOFOLLOW = os.O_NOFOLLOW
_stat = os.stat
_ENOENT = 2
_ESTALE = 116
INODE_SORT_THRESHOLD = 10000  # gnulib fts: _FTS_INODE_SORT_DIR_ENTRIES_THRESHOLD
READ_BATCH = 100000  # gnulib fts: FTS_MAX_READDIR_ENTRIES
_NO_INODE_SORT = ("tmpfs", "nfs", "nfs4", "cifs", "smb3")
_KEEP_PATH = 1024  # frames with longer paths drop them while deeper ones are walked


class Entry:
    """One visit of the walk (see the module docstring)."""

    # A plain class with class-level defaults: creating one is the walk's
    # main per-entry cost, and this is the cheapest form (no __slots__,
    # which cannot have defaults).
    kind = FILE
    error = None
    stage = None  # for ERROR visits: "stat", "open", "read" or "climb"
    loop_path = None
    broken = False
    pruned = False
    fd = None  # listing mode, at a PRE visit: the directory's own descriptor
    subdirs = ()  # listing mode: what descend() was given
    _st = None
    _lst = None

    def __init__(self, path, name, depth, dir_fd, dtype, follow, root):
        self.path = path
        self.name = name
        self.depth = depth
        self.dir_fd = dir_fd
        self.dtype = dtype
        self._follow = follow
        self.root = root

    def __repr__(self):
        return "Entry(%s, %r, depth=%d)" % (KIND_NAMES.get(self.kind), self.path, self.depth)

    def lstat(self):
        """os.stat_result of the entry itself (not following a link)."""
        st = self._lst
        if st is None:
            st = self._lst = os.stat(self.name, dir_fd=self.dir_fd, follow_symlinks=False)
            if not self._follow or (st.st_mode & S_IFMT) != S_IFLNK:
                self._st = st
        return st

    def stat(self):
        """os.stat_result following symbolic links as the walk's rules say.

        A followed link that dangles gives the link's own status (and sets
        `broken`), as fts does; other failures raise OSError."""
        st = self._st
        if st is not None:
            return st
        if not self._follow:
            st = self._st = self._lst = _stat(self.name, dir_fd=self.dir_fd, follow_symlinks=False)
            return st
        if self.dtype == S_IFDIR or self.dtype == S_IFREG or self.dtype == OTHER:
            st = self.lstat() if self._lst is None else self._lst
            if (st.st_mode & S_IFMT) != S_IFLNK:
                self._st = st
                return st
        try:
            st = self._st = _stat(self.name, dir_fd=self.dir_fd, follow_symlinks=True)
        except OSError as e:
            if e.errno != _ENOENT:
                raise
            st = self._st = self.lstat()
            self.broken = True
        return st

    def type(self):
        """The S_IFMT bits of stat() (cheap when d_type is known)."""
        t = self.dtype
        if t == S_IFDIR or t == S_IFREG or (t == S_IFLNK and not self._follow):
            return t
        st = self._st
        if st is None:
            st = self.stat()
        return st.st_mode & S_IFMT

    def ltype(self):
        """The S_IFMT bits of lstat() (cheap when d_type is known)."""
        t = self.dtype
        if t > 0:
            return t
        return self.lstat().st_mode & S_IFMT

    def is_dir(self):
        """True for the PRE and POST visits of a directory."""
        return self.kind == PRE or self.kind == POST

    def prune(self):
        """At a PRE visit: do not walk into this directory."""
        self.pruned = True

    def descend(self, entries):
        """Listing mode, at a PRE visit: walk into these subdirectories
        (os.DirEntry objects read from e.fd), in this order."""
        self.subdirs = entries


def _entry(kind, path, name, depth, dir_fd, dtype, follow, root):
    e = Entry(path, name, depth, dir_fd, dtype, follow, root)
    e.kind = kind
    return e


class _Saved:
    """A pending entry of a directory whose descriptor was closed: the
    name and type, taken while the descriptor was still open."""

    __slots__ = ("name", "_ino", "_dir", "_link", "_reg")

    def __init__(self, d):
        self.name = d.name
        self._ino = d.inode()
        self._dir = d.is_dir(follow_symlinks=False)
        self._link = d.is_symlink()
        self._reg = d.is_file(follow_symlinks=False)

    def is_dir(self, follow_symlinks=True):
        return self._dir

    def is_symlink(self):
        return self._link

    def is_file(self, follow_symlinks=True):
        return self._reg

    def inode(self):
        return self._ino


class _Frame:
    """A directory being walked."""

    __slots__ = ("fd", "dev", "ino", "it", "pathlen", "prefix", "name", "followed", "entry", "scan")

    def __init__(self, fd, dev, ino, path, name, followed, entry):
        self.fd = fd
        self.dev = dev
        self.ino = ino
        self.it = iter(())  # the pending entries
        self.pathlen = len(path)
        # the children's paths start with this (one trailing '/' not doubled)
        self.prefix = path if path.endswith(b"/") else path + b"/"
        self.name = name
        self.followed = followed  # entered through a followed symbolic link
        self.entry = entry  # the directory's Entry, for its POST visit
        self.scan = None  # a scandir iterator still open (directories > READ_BATCH)

    def drop_path(self):
        """Forget the path while deeper directories are walked: every
        frame's path is a prefix of the deepest one's, so keeping them all
        would cost memory quadratic in the depth."""
        self.prefix = None
        self.entry.path = None

    def path_from(self, deeper):
        """This frame's path, cut from the path of a frame below it."""
        if self.prefix is None:
            path = self.entry.path = deeper[:self.pathlen]
            self.prefix = path if path.endswith(b"/") else path + b"/"
        return self.entry.path


def _utf8_fs():
    import sys
    return sys.getfilesystemencoding().lower().replace("-", "") == "utf8"


class Walker:
    """Iterate over the trees below `roots` (bytes paths), yielding Entry
    objects; see the module docstring for the rules and the options.

    Closing the iterator (or leaving the `for` loop and dropping it)
    closes every descriptor the walk holds."""

    def __init__(self, roots, follow="P", xdev=False, order=None, max_fds=64, select=None,
                 listing=False):
        if follow not in ("P", "H", "L"):
            raise ValueError("follow must be P, H or L")
        if listing and (xdev or select is not None or order is not None):
            raise ValueError("listing mode takes no xdev, select or order")
        self.listing = listing
        self.roots = roots
        self.follow = follow
        self.xdev = xdev
        self.order = order
        self.max_fds = max(2, max_fds)
        self.select = select

    def __iter__(self):
        return self._walk()

    # -- the walk --------------------------------------------------------------

    def _walk(self):
        """The whole walk, one flat generator (each level of `yield from`
        would cost every visit a little)."""
        follow_all = self.follow == "L"
        follow_root = self.follow != "P"
        xdev = self.xdev
        max_fds = self.max_fds
        select = self.select
        listing = self.listing
        utf8 = _utf8_fs()
        fsencode = os.fsencode
        stack = []
        try:
            for root in self.roots:
                if isinstance(root, str):
                    root = root.encode("utf-8", "surrogateescape")
                # -- the starting point
                e = Entry(root, root, 0, None, 0, follow_root, root)
                try:
                    st = e.stat()
                except OSError as err:
                    e.kind = ERROR
                    e.error = err
                    e.stage = "stat"
                    yield e
                    continue
                if (st.st_mode & S_IFMT) != S_IFDIR:
                    e.dtype = st.st_mode & S_IFMT
                    yield e
                    continue
                e.dtype = S_IFDIR
                if listing:
                    fd = yield from _listed(e, root, None, follow_root)
                    if fd is None:
                        continue
                    fr = _Frame(fd, st.st_dev, st.st_ino, root, root, follow_root, e)
                    fr.it = iter(e.subdirs)
                else:
                    e.kind = PRE
                    yield e
                    if e.pruned:
                        e.kind = POST
                        yield e
                        continue
                    try:
                        fd = os.open(root, _O_DIR if follow_root else _O_DIR | _O_NOFOLLOW)
                    except OSError as err:
                        yield from _error_then_post(e, err, "open")
                        continue
                    fr = _Frame(fd, st.st_dev, st.st_ino, root, root, follow_root, e)
                    err = self._read(fr)
                    if err is not None:
                        os.close(fd)
                        yield from _error_then_post(e, err, "read")
                        continue
                root_dev = st.st_dev
                stack.append(fr)
                active = {(st.st_dev, st.st_ino): fr}
                open_fds = 1
                low = 0  # frames below this index have had their descriptor closed
                depth = 1  # of the entries of the frame on top
                # -- the tree below it
                while stack:
                    fr = stack[-1]
                    fd = fr.fd
                    prefix = fr.prefix
                    for d in fr.it:
                        name = d.name.encode("utf-8", "surrogateescape") if utf8 else fsencode(d.name)
                        # (is_symlink first: then is_file and is_dir need not be
                        # told not to follow, and calls without keywords are cheaper)
                        if d.is_symlink():
                            if not follow_all:
                                if select is None or select(name, S_IFLNK):
                                    yield Entry(prefix + name, name, depth, fd, S_IFLNK, False, root)
                                continue
                            dtype = S_IFLNK
                        elif d.is_file():
                            if select is None or select(name, S_IFREG):
                                yield Entry(prefix + name, name, depth, fd, S_IFREG, follow_all, root)
                            continue
                        elif d.is_dir():
                            dtype = S_IFDIR
                        else:
                            if select is None or select(name, OTHER):
                                yield Entry(prefix + name, name, depth, fd, OTHER, follow_all, root)
                            continue
                        # a directory, or (with -L) a link that may lead to one
                        e = Entry(prefix + name, name, depth, fd, dtype, follow_all, root)
                        try:
                            st = e.stat()
                        except OSError as err:
                            e.kind = ERROR
                            e.error = err
                            e.stage = "stat"
                            yield e
                            continue
                        if (st.st_mode & S_IFMT) != S_IFDIR:
                            yield e
                            continue
                        key = (st.st_dev, st.st_ino)
                        anc = active.get(key)
                        if anc is not None:
                            e.kind = LOOP
                            e.loop_path = anc.entry.path if anc.prefix is not None else prefix[:anc.pathlen]
                            yield e
                            continue
                        via_link = dtype == S_IFLNK
                        if listing:
                            cfd = yield from _listed(e, name, fd, via_link)
                            if cfd is None:
                                continue
                            child = _Frame(cfd, st.st_dev, st.st_ino, e.path, name, via_link, e)
                            child.it = iter(e.subdirs)
                        else:
                            e.kind = PRE
                            yield e
                            if e.pruned or (xdev and st.st_dev != root_dev):
                                e.kind = POST
                                yield e
                                continue
                            try:
                                cfd = os.open(name, _O_DIR if via_link else _O_DIR | _O_NOFOLLOW, dir_fd=fd)
                            except OSError as err:
                                yield from _error_then_post(e, err, "open")
                                continue
                            child = _Frame(cfd, st.st_dev, st.st_ino, e.path, name, via_link, e)
                            err = self._read(child)
                            if err is not None:
                                os.close(cfd)
                                yield from _error_then_post(e, err, "read")
                                continue
                        # walk into it
                        if fr.pathlen > _KEEP_PATH:
                            fr.drop_path()
                        stack.append(child)
                        active[key] = child
                        depth += 1
                        open_fds += 1
                        while open_fds > max_fds and low < len(stack) - 1:
                            # close the shallowest open ancestor; its
                            # pending entries keep their names and types
                            old = stack[low]
                            low += 1
                            if old.fd < 0 or old.scan is not None:
                                continue  # a huge directory still being read stays open
                            old.it = iter([_Saved(x) for x in old.it])
                            os.close(old.fd)
                            old.fd = -1
                            open_fds -= 1
                        break
                    else:
                        if fr.scan is not None:
                            # the next batch of a huge directory
                            err = self._read_more(fr)
                            if err is not None:
                                x = _entry(ERROR, fr.entry.path, fr.name, depth - 1, None, S_IFDIR, False, root)
                                x.error = err
                                x.stage = "read"
                                yield x
                            continue
                        # the directory on top is done: climb back
                        stack.pop()
                        del active[(fr.dev, fr.ino)]
                        depth -= 1
                        e = fr.entry
                        if stack:
                            parent = stack[-1]
                            parent.path_from(e.path)
                            if parent.fd < 0:
                                try:
                                    self._reopen(stack, fr)
                                except OSError as err:
                                    x = _entry(ERROR, parent.entry.path, parent.name, depth - 1, None,
                                               S_IFDIR, False, root)
                                    x.error = err
                                    x.stage = "climb"
                                    stack.append(fr)  # closed below
                                    yield x
                                    break  # abandon this starting point
                                open_fds += 1
                                low = len(stack) - 1
                            e.dir_fd = parent.fd
                        os.close(fr.fd)
                        fr.fd = -1
                        open_fds -= 1
                        e.kind = POST
                        yield e
                self._close(stack)
        finally:
            self._close(stack)

    @staticmethod
    def _close(stack):
        while stack:
            fr = stack.pop()
            if fr.scan is not None:
                fr.scan.close()
                fr.scan = None
            if fr.fd >= 0:
                os.close(fr.fd)
                fr.fd = -1

    def _read(self, fr):
        """Read the entries of the frame's directory (the first batch)."""
        try:
            it = os.scandir(fr.fd)
        except OSError as err:
            return err
        fr.scan = it
        return self._read_more(fr)

    def _read_more(self, fr):
        """Read the next batch (up to READ_BATCH entries) of fr.scan."""
        it = fr.scan
        err = None
        try:
            out = list(_islice(it, READ_BATCH))
            if len(out) < READ_BATCH:
                it.close()
                fr.scan = None
        except OSError as e:
            out = []
            err = e
            it.close()
            fr.scan = None
        order = self.order
        if order is not None and out:
            out = self._sort(fr, out, order)
        fr.it = iter(out)
        return err

    def _sort(self, fr, out, order):
        if order == "fts":
            if len(out) > INODE_SORT_THRESHOLD and fs_type(fr.dev, fd=fr.fd) not in _NO_INODE_SORT:
                out.sort(key=lambda d: d.inode())
            return out
        encode = os.fsencode
        if order == "name":
            out.sort(key=lambda d: encode(d.name))
            return out
        by_name = {encode(d.name): d for d in out}
        return [by_name[n] for n in order(list(by_name))]

    def _reopen(self, stack, child):
        """Re-open the descriptor of stack[-1] (closed to bound the number of
        open descriptors) now that `child` (its child, still open) is done."""
        target = stack[-1]
        if not child.followed:
            fd = os.open(b"..", _O_DIR | _O_NOFOLLOW, dir_fd=child.fd)
            if _same(fd, target):
                target.fd = fd
                return
            os.close(fd)
            raise OSError(_ESTALE, "directory changed during the walk", target.name)
        # entered through a symbolic link: ".." is not the way back; open
        # the names again from the nearest open ancestor (or the root path)
        j = len(stack) - 2
        while j >= 0 and stack[j].fd < 0:
            j -= 1
        if j < 0:
            first = stack[0]
            fd = os.open(first.name, _O_DIR if first.followed else _O_DIR | _O_NOFOLLOW)
            if not _same(fd, first):
                os.close(fd)
                raise OSError(_ESTALE, "directory changed during the walk", first.name)
            if len(stack) == 1:
                target.fd = fd
                return
            j = 0
        else:
            fd = os.dup(stack[j].fd)
        for k in range(j + 1, len(stack)):
            fr = stack[k]
            try:
                nfd = os.open(fr.name, _O_DIR if fr.followed else _O_DIR | _O_NOFOLLOW, dir_fd=fd)
            finally:
                os.close(fd)
            if not _same(nfd, fr):
                os.close(nfd)
                raise OSError(_ESTALE, "directory changed during the walk", fr.name)
            fd = nfd
        target.fd = fd


def _listed(e, name, dir_fd, follow):
    """Listing mode: open directory `e` (`name` relative to `dir_fd`), give
    it its PRE visit with e.fd set, and return the descriptor to walk
    into it with, or None (an ERROR visit instead when it cannot be
    opened; the POST visit when it was pruned or nothing was chosen)."""
    try:
        fd = os.open(name, _O_DIR if follow else _O_DIR | _O_NOFOLLOW, dir_fd=dir_fd)
    except OSError as err:
        e.kind = ERROR
        e.error = err
        e.stage = "open"
        yield e
        return None
    e.kind = PRE
    e.fd = fd
    try:
        yield e
    except BaseException:
        os.close(fd)  # the walk was closed during the visit
        raise
    finally:
        e.fd = None
    if e.pruned or not e.subdirs:
        os.close(fd)
        e.kind = POST
        yield e
        return None
    return fd


def _error_then_post(e, err, stage):
    """An ERROR visit for directory `e` (which could not be opened or
    read), then its POST visit."""
    x = _entry(ERROR, e.path, e.name, e.depth, e.dir_fd, S_IFDIR, e._follow, e.root)
    x._st, x._lst, x.error, x.stage = e._st, e._lst, err, stage
    yield x
    e.kind = POST
    yield e


def _same(fd, frame):
    st = os.fstat(fd)
    return st.st_dev == frame.dev and st.st_ino == frame.ino


def fs_type(dev, fd=None):
    """The file-system type name (`ext4`, `tmpfs` ...) of device number
    `dev`, from /proc/self/mountinfo (the last mount of that device wins,
    as in GNU find), or "unknown"."""
    best = "unknown"
    try:
        with open("/proc/self/mountinfo", "rb") as f:
            data = f.read()
    except OSError:
        return best
    for line in data.split(b"\n"):
        fields = line.split(b" ")
        if len(fields) < 10:
            continue
        try:
            major, minor = fields[2].split(b":")
            d = os.makedev(int(major), int(minor))
        except ValueError:
            continue
        if d == dev:
            try:
                sep = fields.index(b"-", 6)
            except ValueError:
                continue
            best = fields[sep + 1].decode("utf-8", "surrogateescape")
    return best


def walk(roots, **kw):
    """Shorthand for iter(Walker(roots, **kw))."""
    return iter(Walker(roots, **kw))
