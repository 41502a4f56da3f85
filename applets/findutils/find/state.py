"""find's run-time state: options, the exit status, error reporting, and the
cached look-ups (user and group names, file-system types) that tests and
actions share.  One State per run: nothing here is module-level."""
import posix
import sys

from multicall.errors import quote, write_stderr

ENOENT = 2
DAY = 86400


class Quit(Exception):
    """-quit: stop the walk, run what is pending, exit with the status."""


class State:
    def __init__(self, prog="find"):
        import time
        from compat.platform import utf8_locale
        env = posix.environ
        self.prog = prog
        self.status = 0
        self.posixly_correct = b"POSIXLY_CORRECT" in env
        self.follow = "P"  # -P -H -L (the last -follow/-L/-H/-P seen so far)
        self.maxdepth = -1
        self.mindepth = -1
        self.dir_first = True  # not -depth
        self.explicit_depth = False
        self.xdev = False
        self.ignore_race = False
        try:
            tty = posix.isatty(0)
        except OSError:
            tty = False
        self.warnings = tty and not self.posixly_correct
        self.start_ns = time.time_ns()
        self.day_start_ns = self.start_ns - DAY * 1000000000
        self.full_days = False
        self.regex_type = "findutils-default"
        self.level = 2  # -O: GNU's default optimisation level
        self.files0_from = None
        self.ok_prompt_stdin = False
        self.output_block_size = 512 if self.posixly_correct else 1024
        self.utf8 = utf8_locale()
        self.err_entry = None  # the entry whose stat error was reported
        self.execs = []  # -exec/-execdir/-ok objects (batches to finish)
        self.outputs = {}  # (dev, ino) or name -> Output
        self.out_error = None  # a failed write to standard output, reported at the end
        self.ls_widths = None
        self._users = {}
        self._groups = {}
        self._fstypes = {}
        self._answers = b""  # -ok: what was read from standard input and not used yet

    # -- messages -------------------------------------------------------------

    def error(self, msg):
        self.warn(msg)
        self.status = 1

    def file_error(self, path, err):
        """`find: ‘path’: reason`, and the exit status becomes 1."""
        self.error("%s: %s" % (quote(path), err.strerror or str(err)))

    def warn(self, msg):
        """A message on standard error; standard output is flushed first,
        as glibc's error() does, so that the two keep their order."""
        stdio = sys.modules.get("multicall.stdio")
        if stdio is not None:
            try:
                stdio.flush_stdout()
            except Exception:
                pass
        write_stderr("%s: %s\n" % (self.prog, msg))

    # -- status of entries ----------------------------------------------------

    def stat_failed(self, e, err):
        """Report a failed stat of entry e once (GNU: once per file)."""
        if self.err_entry is e:
            return
        self.err_entry = e
        if self.ignore_race and err.errno == ENOENT:
            return
        self.file_error(e.path, err)

    def stat(self, e):
        """e.stat() (following links as -P/-H/-L say), or None after
        reporting the error."""
        try:
            return e.stat()
        except OSError as err:
            self.stat_failed(e, err)
            return None

    def type_of(self, e):
        """The S_IFMT bits of e (d_type when known), or None."""
        try:
            return e.type()
        except OSError as err:
            self.stat_failed(e, err)
            return None

    def following(self, e):
        """GNU's following_links(): are links followed for this entry?"""
        if self.follow == "L":
            return True
        return self.follow == "H" and e.depth == 0

    def read_answer(self):
        """-ok's answer: the next line of standard input (b"" at its end)."""
        data = self._answers
        while b"\n" not in data:
            try:
                more = posix.read(0, 4096)
            except OSError:
                more = b""
            if not more:
                self._answers = b""
                return data
            data += more
        line, _, self._answers = data.partition(b"\n")
        return line

    # -- look-ups -------------------------------------------------------------

    def user_name(self, uid):
        try:
            return self._users[uid]
        except KeyError:
            pass
        import pwd
        try:
            name = pwd.getpwuid(uid).pw_name.encode("utf-8", "surrogateescape")
        except (KeyError, OverflowError):
            name = None
        self._users[uid] = name
        return name

    def group_name(self, gid):
        try:
            return self._groups[gid]
        except KeyError:
            pass
        import grp
        try:
            name = grp.getgrgid(gid).gr_name.encode("utf-8", "surrogateescape")
        except (KeyError, OverflowError):
            name = None
        self._groups[gid] = name
        return name

    def fs_type(self, dev):
        t = self._fstypes.get(dev)
        if t is None:
            from multicall.walk import fs_type
            t = self._fstypes[dev] = fs_type(dev).encode("utf-8", "surrogateescape")
        return t

    def context(self, e):
        """%Z: the SELinux context (the security.selinux attribute)."""
        import os
        follow = self.following(e)
        path = e.name if e.dir_fd is None else b"/proc/self/fd/%d/%s" % (e.dir_fd, e.name)
        try:
            value = os.getxattr(path, b"security.selinux", follow_symlinks=follow)
        except OSError as err:
            self.error("getfilecon failed: %s: %s" % (quote(e.path), err.strerror))
            return b""
        return value.rstrip(b"\0")
