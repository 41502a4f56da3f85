"""Copying files with their data and metadata: the engine of cp, mv (across
file systems), install, and the target rules they share with ln.

    c = copy.Copier("cp", copy.Settings(recursive=True, deref="P", ...))
    ok = c.copy(b"src", b"dst")          # messages already printed
    pairs = copy.targets("cp", operands, opts.target_directory, opts.no_target_directory)

Why it is fast: the data moves inside the kernel (copy_file_range between
regular files, which also clones on file systems that can; sendfile or a
reused 256 KiB buffer otherwise), one syscall per chunk of up to 1 GiB.
Holes are kept (SEEK_DATA/SEEK_HOLE for --sparse=auto, zero blocks turned
into holes for --sparse=always).  Trees are walked by multicall.walk, and
sources are opened relative to their directory with O_NOFOLLOW, so a link
planted in the tree is copied as a link and never followed out of it
(unless -L asks).  In a directory the copy has just created, nothing can
exist yet, so the destination is not looked up at all (as GNU does).

Safety: the source is only ever read; a new file is created with O_EXCL
and, when its owner will change, with no group/other permissions until
chown and chmod are done (so `install -m 600` or `cp -p` of a private file
never exposes it); a file that would be the source itself (same inode, a
symbolic link to it) is refused with GNU's "are the same file".  mv removes
the source only after the whole copy succeeded.

Messages are GNU cp's: `cannot stat 'a': No such file or directory`,
`-r not specified; omitting directory 'd'`, `error writing 'x': No space
left on device`, `cannot copy a directory, 'a', into itself, 'a/b'`...
"""
import os

from multicall import walk
from multicall.errors import Fail, Usage, quote, quotef, warn, write_stderr

S_IFMT = 0o170000
S_IFDIR = 0o040000
S_IFREG = 0o100000
S_IFLNK = 0o120000
S_IFIFO = 0o010000
S_IFCHR = 0o020000
S_IFBLK = 0o060000
S_IFSOCK = 0o140000

_RD = os.O_RDONLY | os.O_CLOEXEC
_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
_CHUNK = 1 << 30
_BUF = 256 * 1024
_FICLONE = 0x40049409
_EXDEV = 18
_SEEK_DATA = getattr(os, "SEEK_DATA", 3)
_SEEK_HOLE = getattr(os, "SEEK_HOLE", 4)


def qa(name):
    """GNU's quoteaf: a file name, always quoted."""
    return quotef(name, always=True)


class Settings:
    """What to copy and how (cp's options, and what mv and install set)."""

    recursive = False
    deref = "L"  # "L" follow every link, "H" command-line ones only, "P" none
    preserve_mode = False
    preserve_ownership = False
    preserve_timestamps = False
    preserve_links = False
    preserve_xattr = False
    require_ownership = False  # explicitly asked: a failure is an error
    require_xattr = False
    sparse = "auto"
    reflink = "auto"
    attributes_only = False
    copy_contents = False
    hard_link = False
    symbolic_link = False
    update = False
    interactive = None  # "i" ask, "n" never overwrite, None/"f" overwrite
    force = False  # remove a destination that cannot be opened, then retry
    remove_destination = False
    backup = "none"
    suffix = b"~"
    verbose = False
    one_file_system = False
    move = False  # mv: rename, or copy and remove
    move_copy = False  # the copy mv makes across file systems (its -v lines)
    default_modes = False  # --no-preserve=mode: new files get 0666, directories 0777 (less the umask)

    def __init__(self, **kw):
        for k, v in kw.items():
            if not hasattr(Settings, k):
                raise TypeError(k)
            setattr(self, k, v)


def ask(prog, question):
    """Print `prog: question` on stderr and read one line of standard
    input; True when it starts with y or Y (GNU's yesno in C locales)."""
    write_stderr("%s: %s" % (prog, question))
    line = bytearray()
    while True:
        try:
            b = os.read(0, 1)
        except OSError:
            break
        if not b or b == b"\n":
            break
        line += b
    return line[:1] in (b"y", b"Y")


def _text(b):
    return b.decode("utf-8", "surrogateescape")


def strip_slashes(name):
    """A name without its trailing slashes ("/" stays "/")."""
    stripped = name.rstrip(b"/")
    return stripped or name[:1]


def last_component(name):
    """GNU's last_component of a name without its trailing slashes."""
    s = strip_slashes(name)
    if s == b"/":
        return s
    return s.rsplit(b"/", 1)[-1]


def join(d, name):
    return d + name if d.endswith(b"/") else d + b"/" + name


def is_dir(path):
    try:
        return (os.stat(path).st_mode & S_IFMT) == S_IFDIR
    except OSError:
        return False


def targets(prog, operands, target_dir, no_target, what="file", one_ok=False):
    """GNU's rule for SOURCE... DEST and -t/-T: a list of (source, dest)
    pairs (bytes), or Usage/Fail with GNU's message.  `one_ok`: ln's form
    with a single TARGET (a link in the current directory)."""
    names = [os.fsencode(a) for a in operands]
    if target_dir is not None and no_target:
        raise Fail("cannot combine --target-directory (-t) and --no-target-directory (-T)")
    if target_dir is not None:
        t = os.fsencode(target_dir)
        try:
            st = os.stat(t)
        except OSError as e:
            raise Fail("target directory %s: %s" % (qa(t), e.strerror))
        if (st.st_mode & S_IFMT) != S_IFDIR:
            raise Fail("target directory %s: Not a directory" % qa(t))
        if not names:
            raise Usage("missing %s operand" % what)
        return [(s, join(t, last_component(s))) for s in names]
    if not names:
        raise Usage("missing %s operand" % what)
    if len(names) == 1:
        if one_ok:
            return [(names[0], last_component(names[0]))]
        raise Usage("missing destination %s operand after %s" % (what, qa(names[0])))
    if no_target:
        if len(names) > 2:
            raise Usage("extra operand %s" % qa(names[2]))
        return [(names[0], names[1])]
    dest = names[-1]
    try:
        st = os.stat(dest)
        isdir = (st.st_mode & S_IFMT) == S_IFDIR
        err = None
    except OSError as e:
        isdir = False
        err = e
    if isdir:
        return [(s, join(dest, last_component(s))) for s in names[:-1]]
    if len(names) > 2:
        if err is not None and err.errno != 20:
            raise Fail("target %s: %s" % (qa(dest), err.strerror))
        raise Fail("target %s is not a directory" % qa(dest))
    return [(names[0], dest)]


class _InodeWalker(walk.Walker):
    """The shared walker, reading each directory in inode order as GNU cp
    does (gnulib savedir's SAVEDIR_SORT_FASTREAD): the same -v order, and
    faster on disk.  (walk.py's order= callable gets names only, so this
    overrides its sorting hook for order="inode".)"""

    def _sort(self, fr, out, order):
        if order == "inode":
            out.sort(key=_inode)
            return out
        return walk.Walker._sort(self, fr, out, order)


def _inode(d):
    return d.inode()


class _Stop(Exception):
    """Abandon the current operand (the message is already printed)."""


class Copier:
    """Copies sources to destinations under one Settings; counts failures."""

    def __init__(self, prog, settings):
        self.prog = prog
        self.s = settings
        self.links = {}  # (dev, ino) of a source with several links -> its copy
        self.made_dirs = set()  # (dev, ino) of directories this run created
        self.created = None  # set(): remember what this run made (several operands)
        self.umask = _umask()
        self.euid = os.geteuid()
        self.out = None

    # -- messages -------------------------------------------------------------

    def err(self, fmt, *names, e=None):
        msg = fmt % tuple(qa(n) for n in names)
        if e is not None:
            msg += ": " + (e.strerror or str(e))
        warn(self.prog, msg)

    def say(self, line):
        if self.out is None:
            from multicall.stdio import stdout
            self.out = stdout()
        self.out.write(line.encode("utf-8", "surrogateescape") + b"\n")

    def verbose(self, src, dst, bk):
        line = "%s -> %s" % (qa(src), qa(dst))
        if self.s.move_copy:
            line = "copied " + line
        elif self.s.move:
            line = "renamed " + line
        if bk is not None:
            line += " (backup: %s)" % qa(bk)
        self.say(line)

    # -- entry points ---------------------------------------------------------

    def copy(self, src, dst, new_dst=False):
        """Copy (or move) one command-line operand; True on success."""
        s = self.s
        if s.move:
            return self._move(src, dst)
        follow = s.deref
        try:
            st = os.stat(src) if follow != "P" else os.lstat(src)
        except OSError as e:
            self.err("cannot stat %s", src, e=e)
            return False
        if (st.st_mode & S_IFMT) == S_IFDIR and not s.recursive:
            self.err("-r not specified; omitting directory %s", src)
            return False
        if (st.st_mode & S_IFMT) != S_IFDIR:
            try:
                return self._entry(src, None, src, st, dst, new_dst, src, dst)
            except _Stop:
                return False
        try:
            dst_st = os.stat(dst)
            if (dst_st.st_dev, dst_st.st_ino) == (st.st_dev, st.st_ino):
                self.err("%s and %s are the same file", src, dst)
                return False
        except OSError:
            pass
        return self._tree(src, dst, new_dst, follow)

    def _tree(self, src, dst, new_dst, follow):
        """Copy a directory tree with the walker; True when all of it went."""
        s = self.s
        ok = True
        dsts = []  # destination directory of each depth
        news = []  # whether that directory was created by us
        skip_depth = None
        w = _InodeWalker([src], follow=follow, xdev=s.one_file_system, order="inode")
        for e in w:
            kind = e.kind
            depth = e.depth
            if skip_depth is not None:
                if depth > skip_depth or (depth == skip_depth and kind == walk.POST):
                    if depth == skip_depth:
                        skip_depth = None
                    continue
                skip_depth = None
            if depth == 0:
                d = dst
                parent_new = new_dst
            else:
                d = join(dsts[depth - 1], e.name)
                parent_new = news[depth - 1]
            if kind == walk.FILE:
                if e.dtype == S_IFREG and (follow == "P" or (follow == "H" and depth)) and \
                        not s.hard_link and not s.symbolic_link:
                    # a regular file by d_type: open it and fstat the descriptor
                    # (one stat fewer than e.stat() then open)
                    try:
                        if not self._entry(e.path, e.dir_fd, e.name, None, d, parent_new, src, dst):
                            ok = False
                    except _Stop:
                        ok = False
                    continue
                try:
                    st = e.stat()
                    if e.broken:
                        raise OSError(2, "No such file or directory")
                except OSError as err:
                    self.err("cannot stat %s", e.path, e=err)
                    ok = False
                    continue
                try:
                    if not self._entry(e.path, e.dir_fd, e.name, st, d, parent_new, src, dst):
                        ok = False
                except _Stop:
                    ok = False
            elif kind == walk.PRE:
                st = e.stat()
                key = (st.st_dev, st.st_ino)
                if key in self.made_dirs:
                    self.err("cannot copy a directory, %s, into itself, %s", src, dst)
                    e.prune()
                    ok = False
                    skip_depth = depth
                    continue
                r = self._dir_pre(e.path, st, d, parent_new)
                if r is None:
                    ok = False
                    e.prune()
                    skip_depth = depth
                    continue
                del dsts[depth:]
                del news[depth:]
                dsts.append(d)
                news.append(r)
            elif kind == walk.POST:
                if not self._dir_post(e.path, e.stat(), dsts[depth], news[depth]):
                    ok = False
            elif kind == walk.LOOP:
                self.err("cannot copy cyclic symbolic link %s", e.path)
                ok = False
            else:  # ERROR
                err = e.error
                if e.stage == "stat":
                    self.err("cannot stat %s", e.path, e=err)
                elif e.stage in ("open", "read"):
                    self.err("cannot access %s", e.path, e=err)
                else:
                    self.err("cannot access %s", e.path, e=err)
                ok = False
        return ok

    # -- directories ----------------------------------------------------------

    def _dir_pre(self, src, st, dst, new_dst):
        """Create (or reuse) the directory `dst`; True if created, False if
        reused, None on failure."""
        s = self.s
        if not new_dst:
            try:
                # lstat: a link planted in the destination is never entered
                dst_st = os.lstat(dst)
                if (dst_st.st_mode & S_IFMT) == S_IFDIR:
                    return False
                self.err("cannot overwrite non-directory %s with directory %s", dst, src)
                return None
            except FileNotFoundError:
                pass
            except OSError as e:
                self.err("cannot stat %s", dst, e=e)
                return None
        mode = 0o777 if s.default_modes else (st.st_mode & 0o777) | 0o700
        try:
            os.mkdir(dst, mode)
        except OSError as e:
            self.err("cannot create directory %s", dst, e=e)
            return None
        try:
            nst = os.lstat(dst)
            self.made_dirs.add((nst.st_dev, nst.st_ino))
        except OSError:
            pass
        if s.verbose:
            if s.move_copy:
                self.say("created directory %s" % qa(dst))
            else:
                self.verbose(src, dst, None)
        return True

    def _dir_post(self, src, st, dst, created):
        s = self.s
        ok = True
        if s.preserve_ownership:
            ok &= self._chown(dst, st, None, False)
        if s.preserve_xattr:
            ok &= self._xattr(src, None, dst, None)
        if s.preserve_mode:
            ok &= self._set_mode(dst, st.st_mode & 0o7777)
        elif created and not s.default_modes:
            want = st.st_mode & 0o777 & ~self.umask
            if want != ((st.st_mode & 0o777) | 0o700) & ~self.umask:
                ok &= self._set_mode(dst, want, what="setting permissions for %s")
        if s.preserve_timestamps:
            ok &= self._set_times(dst, st)
        return ok

    # -- one non-directory ------------------------------------------------------

    def _entry(self, src, dir_fd, name, st, dst, new_dst, top_src, top_dst):
        """Copy one non-directory (`name` relative to `dir_fd`, `src` its
        path for messages) to `dst`."""
        s = self.s
        sfd = -1
        if st is None:  # a regular file by its directory entry: open, then fstat
            try:
                sfd = os.open(name, _RD | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=dir_fd)
                st = os.fstat(sfd)
            except OSError as e:
                if sfd >= 0:
                    os.close(sfd)
                    sfd = -1
                try:
                    st = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
                except OSError:
                    self.err("cannot stat %s", src, e=e)
                    return False
            if sfd >= 0 and (st.st_mode & S_IFMT) != S_IFREG:
                os.close(sfd)
                sfd = -1
        fmt = st.st_mode & S_IFMT
        bk = None
        try:
            # -- a file copied before under another name: link to that copy
            if s.preserve_links and st.st_nlink > 1 and not s.hard_link and not s.symbolic_link:
                first = self.links.get((st.st_dev, st.st_ino))
                if first is not None:
                    if not new_dst:
                        r = self._prepare_dst(src, st, dst, fmt, -1)
                        if r is False:
                            return True
                        if r is None:
                            return False
                        bk = r or None
                    try:
                        os.link(first, dst)
                    except OSError as e:
                        self.err("cannot create hard link %s to %s", dst, first, e=e)
                        return False
                    if s.verbose:
                        self.verbose(src, dst, bk)
                    return True
            contents = fmt == S_IFREG or (fmt != S_IFLNK and (s.copy_contents or not s.recursive))
            if contents and not s.hard_link and not s.symbolic_link and sfd < 0:
                try:
                    sfd = os.open(name, _RD | (os.O_NOFOLLOW if fmt != S_IFLNK and dir_fd is not None and not
                                               (s.deref == "L") else 0), dir_fd=dir_fd)
                except OSError as e:
                    self.err("cannot open %s for reading", src, e=e)
                    return False
                if fmt == S_IFREG:
                    st = os.fstat(sfd)
            exists = None
            if not new_dst:
                r = self._prepare_dst(src, st, dst, fmt, sfd)
                if r is False:
                    return True
                if r is None:
                    return False
                if r is True:
                    exists = True
                else:
                    bk = r or None
            if s.hard_link:
                ok = self._hard_link(src, dir_fd, name, st, dst)
            elif s.symbolic_link:
                ok = self._symlink(src, dst)
            elif sfd >= 0:
                ok = self._regular(src, sfd, st, dst, exists)
            elif fmt == S_IFLNK:
                ok = self._copy_link(src, dir_fd, name, st, dst)
            else:
                ok = self._special(src, st, dst)
            if ok and s.verbose:
                self.verbose(src, dst, bk)
            if ok and self.created is not None and dir_fd is None:  # command-line operands only, as GNU
                self._remember(dst)
            if ok and s.preserve_links and st.st_nlink > 1 and fmt != S_IFDIR:
                self.links[(st.st_dev, st.st_ino)] = dst
            return ok
        finally:
            if sfd >= 0:
                os.close(sfd)

    def _prepare_dst(self, src, st, dst, fmt, sfd):
        """Look at an existing destination: False to skip quietly, None
        for an error (reported), True when it exists and is to be written
        into, a backup name (or "") when it was moved or removed."""
        s = self.s
        try:
            dlst = os.lstat(dst)
        except FileNotFoundError:
            return ""
        except OSError as e:
            self.err("cannot stat %s", dst, e=e)
            return None
        dfmt = dlst.st_mode & S_IFMT
        if self.created is not None and dfmt != S_IFDIR and (dlst.st_dev, dlst.st_ino) in self.created:
            self.err("will not overwrite just-created %s with %s", dst, src)
            return None
        dst_st = dlst
        if dfmt == S_IFLNK:
            try:
                dst_st = os.stat(dst)
            except OSError:
                dst_st = None
        writes_through = (sfd >= 0 and not s.remove_destination and not s.hard_link and not s.symbolic_link)
        same = (st.st_dev, st.st_ino) == (dlst.st_dev, dlst.st_ino)
        if not same and dst_st is not None and dst_st is not dlst and not s.remove_destination and \
                (s.deref != "P" or writes_through):
            same = (st.st_dev, st.st_ino) == (dst_st.st_dev, dst_st.st_ino) and \
                (writes_through or fmt != S_IFLNK)
        if same:
            if s.hard_link:
                return False  # already that file: nothing to do (GNU is silent too)
            if not (s.backup != "none" and s.force and fmt == S_IFREG and dfmt == S_IFREG):
                self.err("%s and %s are the same file", src, dst)
                return None
        if s.interactive == "n":
            return False
        if (dst_st is not None and (dst_st.st_mode & S_IFMT) == S_IFDIR):
            self.err("cannot overwrite directory %s with non-directory", dst)
            return None
        if s.update and dst_st is not None and dst_st.st_mtime_ns >= st.st_mtime_ns:
            return False
        if s.interactive == "i":
            if not ask(self.prog, "overwrite %s? " % qa(dst)):
                return False
        if s.backup != "none":
            from multicall import backup
            try:
                return backup.rename_away(dst, s.backup, s.suffix)
            except OSError as e:
                self.err("cannot backup %s", dst, e=e)
                return None
        if (s.hard_link or s.symbolic_link) and not (s.force or s.remove_destination):
            return True  # link(2)/symlink(2) will say EEXIST, as GNU reports
        if s.remove_destination or s.hard_link or s.symbolic_link or (fmt != S_IFREG and sfd < 0):
            try:
                os.unlink(dst)
                if s.verbose and s.remove_destination:
                    self.say("removed %s" % qa(dst))
            except FileNotFoundError:
                pass
            except OSError as e:
                self.err("cannot remove %s", dst, e=e)
                return None
            return ""
        if dst_st is None:  # a dangling symbolic link
            if b"POSIXLY_CORRECT" in os.environb:
                return True  # POSIX says: write through it
            self.err("not writing through dangling symlink %s", dst)
            return None
        return True

    def _regular(self, src, sfd, st, dst, exists):
        """Copy the data of `sfd` into `dst` (new unless `exists`), then
        the attributes asked for."""
        s = self.s
        mode = st.st_mode & 0o7777
        final = mode if s.preserve_mode else None
        chown = s.preserve_ownership and (st.st_uid != self.euid or st.st_gid != os.getegid())
        if exists:
            try:
                dfd = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC |
                              (0 if s.attributes_only else os.O_TRUNC), mode & 0o777)
            except OSError as e:
                if not s.force:
                    self.err("cannot open %s for writing", dst, e=e)
                    return False
                try:
                    os.unlink(dst)
                    if s.verbose:
                        self.say("removed %s" % qa(dst))
                except OSError:
                    pass
                exists = False
        if not exists:
            create = 0o666 if s.default_modes else mode & 0o777
            if chown:  # nobody else may open it before it has its owner
                create &= 0o700
            try:
                dfd = os.open(dst, _NEW, create)
            except OSError as e:
                self.err("cannot create regular file %s", dst, e=e)
                return False
        try:
            if not s.attributes_only:
                if not self._data(src, sfd, st, dst, dfd):
                    return False
            ok = True
            if chown:
                ok &= self._chown(dst, st, dfd, False)
            if s.preserve_xattr:
                ok &= self._xattr(src, sfd, dst, dfd)
            if final is not None:
                # always: a default ACL, not the umask, may have shaped the new mode
                ok &= self._set_mode(dst, final, dfd)
            if s.preserve_timestamps:
                ok &= self._set_times(dst, st, dfd)
            return ok
        finally:
            try:
                os.close(dfd)
            except OSError as e:
                self.err("failed to close %s", dst, e=e)
                return False

    def _data(self, src, sfd, st, dst, dfd):
        """Move the bytes; report a read or write failure."""
        s = self.s
        try:
            if s.reflink == "always":
                import fcntl
                try:
                    fcntl.ioctl(dfd, _FICLONE, sfd)
                    return True
                except OSError as e:
                    self.err("failed to clone %s from %s", dst, src, e=e)
                    return False
            copy_data(sfd, dfd, st, s.sparse, s.reflink != "never")
            return True
        except _ReadError as e:
            self.err("error reading %s", src, e=e.args[0])
        except OSError as e:
            self.err("error writing %s", dst, e=e)
        return False

    def _chown(self, dst, st, dfd, is_link):
        """Give `dst` the owner and group of `st`; failures are reported
        only when asked for explicitly (or when root)."""
        try:
            if dfd is not None:
                os.fchown(dfd, st.st_uid, st.st_gid)
            else:
                os.chown(dst, st.st_uid, st.st_gid, follow_symlinks=not is_link)
            return True
        except OSError as e:
            if e.errno in (1, 22) and not self.s.require_ownership:
                try:
                    if dfd is not None:
                        os.fchown(dfd, -1, st.st_gid)
                    else:
                        os.chown(dst, -1, st.st_gid, follow_symlinks=not is_link)
                except OSError:
                    pass
                return True
            self.err("failed to preserve ownership for %s", dst, e=e)
            return False

    def _set_mode(self, dst, mode, dfd=None, what="preserving permissions for %s"):
        """chmod `dst` (through `dfd` when given); a failure is reported."""
        try:
            if dfd is not None:
                os.fchmod(dfd, mode)
            else:
                os.chmod(dst, mode)
            return True
        except OSError as e:
            self.err(what, dst, e=e)
            return False

    def _set_times(self, dst, st, dfd=None, follow=True):
        """Give `dst` (through `dfd` when given) the times of `st`; a
        failure is reported."""
        try:
            os.utime(dst if dfd is None else dfd, ns=(st.st_atime_ns, st.st_mtime_ns), follow_symlinks=follow)
            return True
        except OSError as e:
            self.err("preserving times for %s", dst, e=e)
            return False

    def _xattr(self, src, sfd, dst, dfd, is_link=False):
        """Copy the extended attributes (all namespaces the kernel lets us
        read); failures matter only with --preserve=xattr."""
        ok = True
        try:
            names = os.listxattr(sfd if sfd is not None else src, follow_symlinks=not is_link)
        except OSError as e:
            if self.s.require_xattr and e.errno not in (95, 61):
                self.err("listing attributes of %s", src, e=e)
                return False
            return True
        for n in names:
            try:
                v = os.getxattr(sfd if sfd is not None else src, n, follow_symlinks=not is_link)
                os.setxattr(dfd if dfd is not None else dst, n, v, follow_symlinks=not is_link)
            except OSError as e:
                if self.s.require_xattr:
                    warn(self.prog, "setting attribute %s for %s: %s" % (quote(n), qa(dst), e.strerror))
                    ok = False
        return ok

    def _copy_link(self, src, dir_fd, name, st, dst):
        s = self.s
        try:
            target = os.readlink(name, dir_fd=dir_fd)
        except OSError as e:
            self.err("cannot read symbolic link %s", src, e=e)
            return False
        try:
            os.symlink(target, dst)
        except OSError as e:
            self.err("cannot create symbolic link %s", dst, e=e)
            return False
        ok = True
        if s.preserve_ownership:
            try:
                os.chown(dst, st.st_uid, st.st_gid, follow_symlinks=False)
            except OSError as e:
                if s.require_ownership or e.errno not in (1, 22):
                    self.err("failed to preserve ownership for %s", dst, e=e)
                    ok = False
        if s.preserve_timestamps:
            ok &= self._set_times(dst, st, follow=False)
        return ok

    def _special(self, src, st, dst):
        s = self.s
        fmt = st.st_mode & S_IFMT
        mode = 0o666 if s.default_modes else st.st_mode & 0o7777
        try:
            if fmt == S_IFIFO:
                os.mkfifo(dst, mode & 0o777)
            else:
                os.mknod(dst, fmt | (mode & 0o777), st.st_rdev)
        except OSError as e:
            self.err("cannot create fifo %s" if fmt == S_IFIFO else "cannot create special file %s", dst, e=e)
            return False
        ok = True
        if s.preserve_ownership:
            ok &= self._chown(dst, st, None, True)
        if s.preserve_mode:
            ok &= self._set_mode(dst, mode)
        if s.preserve_timestamps:
            ok &= self._set_times(dst, st, follow=False)
        return ok

    def _hard_link(self, src, dir_fd, name, st, dst):
        try:
            follow = self.s.deref == "L" or (self.s.deref == "H" and dir_fd is None)
            os.link(name, dst, src_dir_fd=dir_fd, follow_symlinks=follow)
        except OSError as e:
            self.err("cannot create hard link %s to %s", dst, src, e=e)
            return False
        return True

    def _symlink(self, src, dst):
        if not src.startswith(b"/") and not _in_cwd(dst):
            warn(self.prog, "%s: can make relative symbolic links only in current directory" % quotef(dst))
            return False
        try:
            os.symlink(src, dst)
        except OSError as e:
            self.err("cannot create symbolic link %s to %s", dst, src, e=e)
            return False
        return True

    # -- mv -----------------------------------------------------------------

    def _move(self, src, dst):
        s = self.s
        try:
            st = os.lstat(src)
        except OSError as e:
            self.err("cannot stat %s", src, e=e)
            return False
        bk = None
        try:
            dst_st = os.lstat(dst)
        except FileNotFoundError:
            dst_st = None
        except OSError as e:
            self.err("cannot stat %s", dst, e=e)
            return False
        isdir = (st.st_mode & S_IFMT) == S_IFDIR
        if dst_st is not None and not isdir and self.created is not None and \
                (dst_st.st_dev, dst_st.st_ino) in self.created:
            self.err("will not overwrite just-created %s with %s", dst, src)
            return False
        if dst_st is not None:
            if (st.st_dev, st.st_ino) == (dst_st.st_dev, dst_st.st_ino) and \
                    (s.backup == "none" or _same_entry(src, dst)):
                self.err("%s and %s are the same file", src, dst)
                return False
            dfmt = dst_st.st_mode & S_IFMT
            if dfmt == S_IFDIR and not isdir:
                self.err("cannot overwrite directory %s with non-directory", dst)
                return False
            if dfmt != S_IFDIR and isdir:
                self.err("cannot overwrite non-directory %s with directory %s", dst, src)
                return False
            if s.interactive == "n":
                return True
            if s.update and dfmt != S_IFDIR and dst_st.st_mtime_ns >= st.st_mtime_ns:
                return True
            if s.interactive == "i" and not ask(self.prog, "overwrite %s? " % qa(dst)):
                return True
            if s.interactive is None and dfmt != S_IFLNK and os.isatty(0) and \
                    not os.access(dst, os.W_OK, effective_ids=os.access in os.supports_effective_ids):
                from multicall.modes import mode_string
                perm = dst_st.st_mode & 0o7777
                if not ask(self.prog, "replace %s, overriding mode %04o (%s)? "
                           % (qa(dst), perm, _text(mode_string(dst_st.st_mode)[1:]))):
                    return True
            if s.backup != "none" and dfmt != S_IFDIR:
                from multicall import backup
                try:
                    bk = backup.rename_away(dst, s.backup, s.suffix)
                except OSError as e:
                    self.err("cannot backup %s", dst, e=e)
                    return False
                dst_st = None
        try:
            os.rename(src, dst)
        except OSError as e:
            if e.errno == 22 and isdir:
                self.err("cannot move %s to a subdirectory of itself, %s", src, dst)
                return False
            if e.errno != _EXDEV:
                self.err("cannot move %s to %s", src, dst, e=e)
                return False
            return self._move_across(src, st, dst, dst_st, bk)
        if s.verbose:
            self.verbose(src, dst, bk)
        if self.created is not None and not isdir:
            self._remember(dst)
        return True

    def _remember(self, dst):
        try:
            st = os.lstat(dst)
            self.created.add((st.st_dev, st.st_ino))
        except OSError:
            pass

    def _move_across(self, src, st, dst, dst_st, bk):
        """rename(2) said EXDEV: copy the whole tree with its metadata,
        then remove the source, only if every part of the copy worked."""
        s = self.s
        # as rename would: the destination goes first (by the kind of the
        # source: both are directories or neither, checked before)
        try:
            if (st.st_mode & S_IFMT) == S_IFDIR:
                os.rmdir(dst)
            else:
                os.unlink(dst)
        except FileNotFoundError:
            pass
        except OSError as e:
            warn(self.prog, "inter-device move failed: %s to %s; unable to remove target: %s"
                 % (qa(src), qa(dst), e.strerror))
            return False
        c = Copier(self.prog, Settings(
            recursive=True, deref="P", preserve_mode=True, preserve_ownership=True,
            preserve_timestamps=True, preserve_links=True, preserve_xattr=True,
            verbose=s.verbose, move_copy=True))
        c.links = self.links
        c.out = self.out
        if (st.st_mode & S_IFMT) == S_IFDIR:
            ok = c._tree(src, dst, True, "P")
        else:
            try:
                ok = c._entry(src, None, src, st, dst, True, src, dst)
            except _Stop:
                ok = False
        if not ok:
            return False
        return remove_tree(self.prog, src, st, self.say if s.verbose else None)


def _in_cwd(dst):
    """GNU's test before a relative cp -s: is `dst` in the current
    directory (or can that not be told)?"""
    d = strip_slashes(dst)
    cut = d.rfind(b"/")
    if cut < 0:
        return True
    parent = d[:cut] or b"/"
    try:
        a, b = os.stat(b"."), os.stat(parent)
    except OSError:
        return True
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _same_entry(a, b):
    """Do names `a` and `b` name the same directory entry?"""
    def split(p):
        p = strip_slashes(p)
        cut = p.rfind(b"/")
        return (p[:cut] or b"/", p[cut + 1:]) if cut >= 0 else (b".", p)
    (da, na), (db, nb) = split(a), split(b)
    if na != nb:
        return False
    try:
        sa, sb = os.stat(da), os.stat(db)
    except OSError:
        return False
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def remove_tree(prog, path, st, say=None):
    """Remove `path` (a file, or a whole directory tree, walked with the
    shared walker, never following links); True if all of it went.
    `say` gets rm -v's lines."""
    if (st.st_mode & S_IFMT) != S_IFDIR:
        return _remove(prog, os.unlink, path, None, path, "removed %s", say)
    ok = True
    failed = set()
    for e in walk.Walker([path], follow="P", order="fts"):
        if e.kind == walk.FILE:
            gone = _remove(prog, os.unlink, e.name, e.dir_fd, e.path, "removed %s", say)
        elif e.kind == walk.POST:
            if e.depth + 1 in failed:
                failed.discard(e.depth + 1)
                failed.add(e.depth)
                continue
            gone = _remove(prog, os.rmdir, e.name, e.dir_fd, e.path, "removed directory %s", say)
        elif e.kind in (walk.ERROR, walk.LOOP):
            warn(prog, "cannot remove %s: %s" % (qa(e.path), e.error.strerror if e.error else "loop"))
            gone = False
        else:
            continue
        if not gone:
            ok = False
            failed.add(e.depth)
    return ok


def _remove(prog, remove, name, dir_fd, path, done, say):
    """remove(name, dir_fd=dir_fd), os.unlink or os.rmdir, of `path`:
    `say` gets `done` % path, a failure is reported.  True if it went."""
    try:
        remove(name, dir_fd=dir_fd)
        if say:
            say(done % qa(path))
        return True
    except OSError as err:
        warn(prog, "cannot remove %s: %s" % (qa(path), err.strerror))
        return False


class _ReadError(Exception):
    pass


def _umask():
    m = os.umask(0o22)
    os.umask(m)
    return m


def copy_data(sfd, dfd, st, sparse="auto", kernel=True):
    """Copy all of `sfd` into `dfd` (both at offset 0).  Read failures
    raise _ReadError(OSError), write failures OSError.  `sparse`: "auto"
    keeps the source's holes, "always" also turns zero blocks into holes,
    "never" writes every byte.  `kernel=False` avoids copy_file_range
    (which may clone: --reflink=never)."""
    size = st.st_size
    if sparse == "always":
        return _copy_zero_holes(sfd, dfd, st)
    if sparse == "auto" and size > 0 and st.st_blocks * 512 < size and (st.st_mode & S_IFMT) == S_IFREG:
        if _copy_extents(sfd, dfd, size, kernel):
            return
    _copy_stream(sfd, dfd, kernel and (st.st_mode & S_IFMT) == S_IFREG)


def _copy_stream(sfd, dfd, kernel):
    if kernel:
        try:
            while True:
                n = os.copy_file_range(sfd, dfd, _CHUNK)
                if not n:
                    return
        except OSError as e:
            if e.errno not in (18, 22, 38, 95, 1, 9, 26):  # EXDEV EINVAL ENOSYS EOPNOTSUPP EPERM EBADF ETXTBSY
                _classify(e, sfd)
            # fall back from where it stopped
    buf = bytearray(_BUF)
    mv = memoryview(buf)
    while True:
        n = _read_into(sfd, buf)
        if not n:
            return
        m = mv[:n]
        while m:
            w = os.write(dfd, m)
            m = m[w:]


def _read_into(sfd, buf):
    """os.readv into buf; a failure is a _ReadError."""
    try:
        return os.readv(sfd, [buf])
    except OSError as e:
        raise _ReadError(e) from None


def _classify(e, sfd):
    """copy_file_range failed for good: an EIO could be either side, so a
    read of the source decides; anything else is the destination's."""
    if e.errno == 5:
        try:
            os.pread(sfd, 1, os.lseek(sfd, 0, os.SEEK_CUR))
        except OSError as r:
            raise _ReadError(r) from None
    raise e


def _copy_extents(sfd, dfd, size, kernel):
    """Copy only the data extents (SEEK_DATA/SEEK_HOLE) and leave holes;
    False if the file system cannot tell."""
    try:
        pos = os.lseek(sfd, 0, _SEEK_DATA)
    except OSError as e:
        if e.errno == 6:  # ENXIO: all hole
            os.ftruncate(dfd, size)
            return True
        return False
    while pos < size:
        try:
            end = os.lseek(sfd, pos, _SEEK_HOLE)
        except OSError:
            return False
        os.lseek(sfd, pos, os.SEEK_SET)
        os.lseek(dfd, pos, os.SEEK_SET)
        left = end - pos
        while left > 0:
            if kernel:
                try:
                    n = os.copy_file_range(sfd, dfd, min(left, _CHUNK))
                except OSError:
                    kernel = False
                    continue
            else:
                try:
                    data = os.read(sfd, min(left, _BUF))
                except OSError as e:
                    raise _ReadError(e) from None
                n = len(data)
                m = memoryview(data)
                while m:
                    m = m[os.write(dfd, m):]
            if not n:
                break
            left -= n
        try:
            pos = os.lseek(sfd, end, _SEEK_DATA)
        except OSError as e:
            if e.errno == 6:
                break
            raise _ReadError(e) from None
    os.ftruncate(dfd, size)
    return True


def _copy_zero_holes(sfd, dfd, st):
    """--sparse=always: every all-zero block of the output becomes a hole."""
    bs = max(512, min(st.st_blksize or 4096, 65536))
    zero = bytes(_BUF)
    buf = bytearray(_BUF)
    pos = 0
    while True:
        n = _read_into(sfd, buf)
        if not n:
            break
        data = memoryview(buf)[:n]
        if data == zero[:n]:
            pos += n
            continue
        i = 0
        while i < n:
            j = min(i + bs, n)
            block = data[i:j]
            if block == zero[:j - i]:
                i = j
                continue
            # a run of non-zero blocks
            k = j
            while k < n:
                nk = min(k + bs, n)
                if data[k:nk] == zero[:nk - k]:
                    break
                k = nk
            os.lseek(dfd, pos + i, os.SEEK_SET)
            m = data[i:k]
            while m:
                m = m[os.write(dfd, m):]
            i = k
        pos += n
    os.ftruncate(dfd, pos)
