"""tail: output the last part of files (GNU coreutils 9.1).

A seekable file is read backwards from its end in 64 KiB blocks with
pread, counting delimiters with bytes.count and cutting with rsplit, and
the rest is handed to the kernel (copy(): sendfile); a pipe keeps only a
window of chunks holding the last NUM lines or bytes, so memory stays flat.
+NUM skips forward (lseek when it can) and copies the rest.

-f/-F follow GNU's polling loop (tail_forever): each file is fstat'ed once
per iteration, truncation and (with --follow=name) rotation are reported
with GNU's messages, and tail sleeps for the interval between iterations
(time.sleep: no busy wait; inotify is not used).  --pid ends the loop once
the process is gone (after one more read), and a closed output pipe ends
it as GNU's does.  The obsolete forms (-NUM[bcl][f], +NUM...) are parsed as
GNU's parse_obsolete_option does, only as the first argument.
"""
import posix

from multicall.errors import Fail, Usage, quote, quotef, warn
from multicall.options import FLAG, LIST, Spec, choice, opt
from multicall.numbers import INVALID_SUFFIX_CHAR, OK, UINTMAX_MAX, xnumtoumax, xstrtoumax
from multicall.stdio import BUFSIZE, copy, write_all


OFF_T_MAX = (1 << 63) - 1
PID_T_MAX = (1 << 31) - 1
BLOCK = 64 * 1024
SUFFIXES = "bkKmMGTPEZY0"

SPEC = Spec("[OPTION]... [FILE]...",
            "Print the last 10 lines of each FILE to standard output.\n"
            "With more than one FILE, precede each with a header giving the file name.\n\n"
            "With no FILE, or when FILE is -, read standard input.",
            opt("-c, --bytes=[+]NUM", "output the last NUM bytes; or use -c +NUM to\n"
                "  output starting with byte NUM of each file", dest="count", kind=LIST,
                type=lambda v: ("c", v)),
            opt("-f", "output appended data as the file grows", dest="follow", kind=LIST),
            opt("--follow[={name|descriptor}]", "output appended data as the file grows;\n"
                "  an absent option argument means 'descriptor'", dest="follow", kind=LIST,
                type=choice("descriptor", "name")),
            opt("-F", "same as --follow=name --retry", dest="F", kind=LIST),
            opt("-n, --lines=[+]NUM", "output the last NUM lines, instead of the last 10;\n"
                "  or use -n +NUM to output starting with line NUM", dest="count", kind=LIST,
                type=lambda v: ("n", v)),
            opt("--max-unchanged-stats=N", "with --follow=name, reopen a FILE which has not\n"
                "  changed size after N (default 5) iterations\n"
                "  to see if it has been unlinked or renamed\n"
                "  (this is the usual case of rotated log files)", dest="max_unchanged", kind=LIST),
            opt("--pid=PID", "with -f, terminate after process ID, PID dies", kind=LIST),
            opt("-q, --quiet, --silent", "never output headers giving file names", dest="headers", kind=LIST,
                type=None),
            opt("--retry", "keep trying to open a file if it is inaccessible", kind=FLAG),
            opt("-s, --sleep-interval=N", "with -f, sleep for approximately N seconds\n"
                "  (default 1.0) between iterations", dest="sleep", kind=LIST),
            opt("-v, --verbose", "always output headers giving file names", dest="verbose_", kind=LIST),
            opt("-z, --zero-terminated", "line delimiter is NUL, not newline", kind=FLAG),
            opt("---disable-inotify", None, dest="disable_inotify", kind=FLAG),
            opt("---presume-input-pipe", None, dest="presume_input_pipe", kind=FLAG),
            *(opt("-%d" % d, None, dest="digit%d" % d, kind=FLAG) for d in range(10)),
            epilog="NUM may have a multiplier suffix:\n"
            "b 512, kB 1000, K 1024, MB 1000*1000, M 1024*1024,\n"
            "GB 1000*1000*1000, G 1024*1024*1024, and so on for T, P, E, Z, Y.\n"
            "Binary prefixes can be used, too: KiB=K, MiB=M, and so on.\n\n"
            "With --follow (-f), tail defaults to following the file descriptor, which\n"
            "means that even if a tail'ed file is renamed, tail will continue to track\n"
            "its end.  This default behavior is not desirable when you really want to\n"
            "track the actual name of the file, not the file descriptor (e.g., log\n"
            "rotation).  Use --follow=name in that case.  That causes tail to track the\n"
            "named file in a way that accommodates renaming, removal and creation.")


def _emit(data):
    """Write straight to fd 1: nothing stays buffered, so a write error is
    reported once, the GNU way (see main)."""
    if data:
        write_all(1, data)


def _is_reg(mode):
    return mode & 0o170000 == 0o100000


def _tailable(mode):
    return mode & 0o170000 in (0o100000, 0o010000, 0o140000, 0o020000)


class Conf:
    """The settings GNU keeps in globals, per run."""

    def __init__(self):
        self.count_lines = True
        self.from_start = False
        self.forever = False
        self.follow_name = False
        self.retry = False
        self.n_units = 10
        self.header_mode = None  # None: multiple files; True: always; False: never
        self.sleep = 1.0
        self.pid = 0
        self.max_unchanged = 5
        self.eol = b"\n"
        self.presume_pipe = False
        self.first_header = True
        self.headers = False
        self.have_read_stdin = False
        self.monitor_output = False


def _obsolete(conf, args):
    """GNU's parse_obsolete_option: True if args[0] was the obsolete form."""
    n = len(args)
    if not (n == 1 or (n == 2 and not (args[1][:1] == "-" and args[1][1:2]))
            or (2 <= n <= 3 and args[1] == "--")):
        return False
    a = args[0]
    if not a:
        return False
    p = 1
    if a[0] == "+":
        from_start = True
    elif a[0] == "-":
        # "-" and "-c" alone are standard forms
        if not a[p + (a[p:p + 1] == "c"):][:1]:
            return False
        from_start = False
    else:
        return False
    start = p
    while p < len(a) and "0" <= a[p] <= "9":
        p += 1
    digits_end = p
    default = 10
    count_lines = True
    c = a[p:p + 1]
    if c == "b":
        default *= 512
    if c in ("b", "c"):
        count_lines = False
    if c in ("b", "c", "l"):
        p += 1
    forever = False
    if a[p:p + 1] == "f":
        forever = True
        p += 1
    if a[p:]:
        return False
    if digits_end == start:
        units = default
    else:
        units, err, _ = xstrtoumax(a[start:], 10, "b")
        if err & ~INVALID_SUFFIX_CHAR != OK:
            raise Fail("invalid number: %s: Numerical result out of range" % quote(a))
    conf.n_units = units
    conf.from_start = from_start
    conf.count_lines = count_lines
    conf.forever = forever
    return True


def _seconds(text):
    t = text.strip(" \t\n\v\f\r")
    try:
        v = float.fromhex(t) if t.lower().lstrip("+-").startswith("0x") else float(t)
    except ValueError:
        v = None
    if v is None or not v >= 0 or t != text.lstrip(" \t\n\v\f\r"):
        raise Fail("invalid number of seconds: %s" % quote(text))
    return v


def _parse(argv):
    conf = Conf()
    prog = argv[0]
    args = list(argv[1:])
    if args and _obsolete(conf, args):
        args = args[1:]
    try:
        opts = SPEC.parse([prog] + args)
    except Usage:
        _digit_before_error(args)
        raise
    queues = {d: list(getattr(opts, d)) for d in ("count", "follow", "F", "max_unchanged", "pid",
                                                   "headers", "sleep", "verbose_")}
    for dest in opts.given:
        if dest.startswith("digit"):
            raise Fail("option used in invalid context -- %s" % dest[5:])
        if dest not in queues:
            continue
        val = queues[dest].pop(0)
        if dest == "count":
            unit, text = val
            conf.count_lines = unit == "n"
            body = text
            if text[:1] == "+":
                conf.from_start = True
            elif text[:1] == "-":
                body = text[1:]
            conf.n_units = xnumtoumax(body, 0, UINTMAX_MAX, SUFFIXES,
                                      "invalid number of lines" if conf.count_lines else "invalid number of bytes")
        elif dest == "follow":
            conf.forever = True
            conf.follow_name = val == "name"
        elif dest == "F":
            conf.forever = True
            conf.follow_name = True
            conf.retry = True
        elif dest == "max_unchanged":
            conf.max_unchanged = xnumtoumax(val, 0, UINTMAX_MAX, "",
                                            "invalid maximum number of unchanged stats between opens")
        elif dest == "pid":
            conf.pid = xnumtoumax(val, 0, PID_T_MAX, "", "invalid PID")
        elif dest == "headers":
            conf.header_mode = False
        elif dest == "verbose_":
            conf.header_mode = True
        elif dest == "sleep":
            conf.sleep = _seconds(val)
    if opts.retry:
        conf.retry = True
    if opts.zero_terminated:
        conf.eol = b"\0"
    conf.presume_pipe = opts.presume_input_pipe
    conf.polling = opts.disable_inotify
    if conf.retry:
        if not conf.forever:
            conf.retry = False
            warn(prog, "warning: --retry ignored; --retry is useful only when following")
        elif not conf.follow_name:
            warn(prog, "warning: --retry only effective for the initial open")
    if conf.pid and not conf.forever:
        warn(prog, "warning: PID ignored; --pid=PID is useful only when following")
    return conf, opts.operands


def _digit_before_error(args):
    """getopt reports options in order: a digit met before the bad option
    is the error GNU shows (`option used in invalid context -- 2`)."""
    i = 0
    while i < len(args):
        a = args[i]
        i += 1
        if a == "--":
            return
        if a.startswith("--"):
            name, eq, _ = a[2:].partition("=")
            cands = {id(o): o for k, o in SPEC.longs.items() if k.startswith(name)} if name else {}
            if len(cands) != 1:
                return
            o = next(iter(cands.values()))
            if o.arg and not o.optional and not eq:
                i += 1
            continue
        if a.startswith("-") and a != "-":
            for j in range(1, len(a)):
                c = a[j]
                if c.isdigit():
                    raise Fail("option used in invalid context -- %s" % c)
                o = SPEC.shorts.get(c)
                if o is None:
                    return
                if o.arg:
                    if j == len(a) - 1:
                        i += 1
                    break


class FileSpec:
    __slots__ = ("name", "pretty", "fd", "size", "mtime", "dev", "ino", "mode", "ignore",
                 "tailable", "errnum", "blocking", "n_unchanged")

    def __init__(self, name):
        self.name = name
        self.pretty = "standard input" if name == "-" else name
        self.fd = -1
        self.size = 0
        self.mtime = None
        self.dev = self.ino = 0
        self.mode = 0
        self.ignore = False
        self.tailable = True
        self.errnum = 0
        self.blocking = -1
        self.n_unchanged = 0

    def record(self, fd, size, st, blocking):
        self.fd = fd
        self.size = size
        self.mtime = st.st_mtime_ns
        self.dev = st.st_dev
        self.ino = st.st_ino
        self.mode = st.st_mode
        self.blocking = blocking
        self.n_unchanged = 0
        self.ignore = False


def main(argv):
    try:
        return _main(argv)
    except Fail as e:
        # GNU names the output in its write errors
        if e.message.startswith("write error: "):
            e.message = "error writing %s: %s" % (quotef("standard output", always=True),
                                                   e.message[len("write error: "):])
        raise


def _main(argv):
    prog = argv[0]
    conf, operands = _parse(argv)
    conf.prog = prog
    if conf.from_start and 0 < conf.n_units < UINTMAX_MAX:
        conf.n_units -= 1
    names = operands or ["-"]
    hyphen = "-" in names
    if hyphen and conf.follow_name:
        raise Fail("cannot follow %s by name" % quotef("-", always=True))
    if conf.forever and hyphen:
        try:
            st = posix.fstat(0)
            blocking_stdin = (not conf.pid and not conf.follow_name and len(names) == 1
                              and not _is_reg(st.st_mode))
        except OSError:
            blocking_stdin = False
        if not blocking_stdin and posix.isatty(0):
            warn(prog, "warning: following standard input indefinitely is ineffective")
    if not conf.forever and conf.n_units == (UINTMAX_MAX if conf.from_start else 0):
        return 0
    conf.headers = conf.header_mode is True or (conf.header_mode is None and len(names) > 1)
    files = [FileSpec(n) for n in names]
    ok = True
    for f in files:
        ok &= tail_file(conf, f, len(files))
    if conf.forever and _ignore_fifo_and_pipe(files):
        try:
            st = posix.fstat(1)
        except OSError as e:
            raise Fail("standard output: %s" % e.strerror) from None
        conf.monitor_output = st.st_mode & 0o170000 == 0o010000
        tail_forever(conf, files)
    return 0 if ok else 1


def _ignore_fifo_and_pipe(files):
    viable = 0
    for f in files:
        if f.name == "-" and not f.ignore and f.fd >= 0 and f.mode & 0o170000 == 0o010000:
            f.fd = -1
            f.ignore = True
        else:
            viable += 1
    return viable


def write_header(conf, pretty):
    _emit(b"%s==> %s <==\n" % (b"" if conf.first_header else b"\n",
                               pretty.encode("utf-8", "surrogateescape")))
    conf.first_header = False


def tail_file(conf, f, n_files):
    nonblocking = conf.forever and (conf.pid or n_files > 1)
    is_stdin = f.name == "-"
    prog = conf.prog
    if is_stdin:
        conf.have_read_stdin = True
        fd = 0
        err = None
    else:
        try:
            fd = posix.open(f.name, posix.O_RDONLY | posix.O_CLOEXEC | (posix.O_NONBLOCK if nonblocking else 0))
            err = None
        except OSError as e:
            fd = -1
            err = e
    f.tailable = not (conf.retry and fd == -1)
    if fd == -1:
        if conf.forever:
            f.fd = -1
            f.errnum = err.errno
            f.ignore = not conf.retry
            f.ino = f.dev = 0
        warn(prog, "cannot open %s for reading" % quotef(f.pretty, always=True), err.strerror)
        return False
    if conf.headers:
        write_header(conf, f.pretty)
    ok, read_pos = tail(conf, f.pretty, fd)
    if conf.forever:
        f.errnum = 0 if ok else -1
        try:
            st = posix.fstat(fd)
        except OSError as e:
            ok = False
            f.errnum = e.errno
            warn(prog, "error reading %s" % quotef(f.pretty, always=True), e.strerror)
            st = None
        if st is not None and not _tailable(st.st_mode):
            ok = False
            f.errnum = -1
            f.tailable = False
            f.ignore = not conf.retry
            warn(prog, "%s: cannot follow end of this type of file%s"
                 % (quotef(f.pretty), "; giving up on this name" if f.ignore else ""))
        if not ok:
            f.ignore = not conf.retry
            if fd != 0:
                posix.close(fd)
            f.fd = -1
        else:
            f.record(fd, read_pos, st, -1 if is_stdin else 1)
    elif fd != 0:
        posix.close(fd)
    return ok


# -- the last (or first) part of one file -------------------------------------

def tail(conf, pretty, fd):
    """(ok, read_pos): print the part of fd asked for."""
    prog = conf.prog
    try:
        st = posix.fstat(fd)
    except OSError as e:
        warn(prog, "cannot fstat %s" % quotef(pretty, always=True), e.strerror)
        return False, 0
    try:
        if conf.count_lines:
            return True, _tail_lines(conf, pretty, fd, st, conf.n_units)
        return True, _tail_bytes(conf, pretty, fd, st, conf.n_units)
    except BrokenPipeError:
        raise
    except _ReadError as e:
        warn(prog, "error reading %s" % quotef(pretty, always=True), e.args[0])
        return False, 0


class _ReadError(Exception):
    pass


def _read(fd, size=BUFSIZE):
    try:
        return posix.read(fd, size)
    except BlockingIOError:
        return b""
    except OSError as e:
        raise _ReadError(e.strerror) from None


def _dump(fd, limit=None):
    """Copy from fd's offset to the output (to EOF, or limit bytes)."""
    try:
        return copy(fd, 1, limit=limit)
    except BlockingIOError:
        return 0
    except Fail:
        raise
    except OSError as e:
        if isinstance(e, BrokenPipeError):
            raise
        raise _ReadError(e.strerror) from None


def _lseek(fd, offset, whence, pretty):
    try:
        return posix.lseek(fd, offset, whence)
    except OSError as e:
        what = {0: "cannot seek to offset", 1: "cannot seek to relative offset",
                2: "cannot seek to end-relative offset"}[whence]
        raise Fail("%s: %s %d: %s" % (quotef(pretty), what, offset, e.strerror)) from None


def _tail_lines(conf, pretty, fd, st, n):
    eol = conf.eol
    if conf.from_start:
        return _start_lines(conf, fd, n)
    if not conf.presume_pipe and _is_reg(st.st_mode):
        try:
            start = posix.lseek(fd, 0, 1)
            end = posix.lseek(fd, 0, 2)
        except OSError:
            start = end = None
        if start is not None and start < end:
            if n:
                return _file_lines(pretty, fd, n, start, end, eol)
            return end
        if start is not None:
            _lseek(fd, start, 0, pretty)
    return _pipe_lines(fd, n, eol)


def _file_lines(pretty, fd, n, start, end, eol):
    """Read backwards from end; print the last n records."""
    pos = end
    size = (pos - start) % BLOCK or BLOCK
    pos -= size
    try:
        buf = posix.pread(fd, size, pos)
    except OSError as e:
        raise _ReadError(e.strerror) from None
    if buf and buf[-1:] != eol:
        n -= 1
    while True:
        c = buf.count(eol)
        if c > n:
            cut = len(buf.rsplit(eol, n + 1)[0]) + 1
            _emit(buf[cut:])
            _lseek(fd, pos + len(buf), 0, pretty)
            return pos + len(buf) + _dump(fd, end - (pos + len(buf)))
        n -= c
        if pos == start:
            _lseek(fd, start, 0, pretty)
            return start + _dump(fd, end - start)
        pos -= BLOCK
        try:
            buf = posix.pread(fd, BLOCK, pos)
        except OSError as e:
            raise _ReadError(e.strerror) from None


def _pipe_lines(fd, n, eol):
    """Keep a window of chunks holding the last n records."""
    held = []
    count = 0
    total = 0
    while True:
        data = _read(fd)
        if not data:
            break
        total += len(data)
        c = data.count(eol)
        held.append((data, c))
        count += c
        while len(held) > 1 and count - held[0][1] > n:
            count -= held.pop(0)[1]
    if not held or n == 0:
        return total
    rest = b"".join(d for d, _ in held)
    if not rest.endswith(eol):
        count += 1
    skip = count - n
    if skip > 0:
        rest = rest.split(eol, skip)[-1]
    _emit(rest)
    return total


def _start_lines(conf, fd, n):
    """Skip n records, print the rest."""
    eol = conf.eol
    total = 0
    if n == UINTMAX_MAX:
        try:
            return posix.lseek(fd, 0, 2)
        except OSError:
            pass
    if n:
        while True:
            data = _read(fd)
            if not data:
                return total
            total += len(data)
            c = data.count(eol)
            if c >= n:
                _emit(data.split(eol, n)[-1])
                break
            n -= c
    return total + _dump(fd)


def _tail_bytes(conf, pretty, fd, st, n):
    if conf.from_start:
        pos = None
        if not conf.presume_pipe and n <= OFF_T_MAX:
            if _is_reg(st.st_mode):
                pos = _lseek(fd, n, 1, pretty)
            else:
                try:
                    pos = posix.lseek(fd, n, 1)
                except OSError:
                    pos = None
        if pos is None:
            total = 0
            while n > 0:
                data = _read(fd)
                if not data:
                    return total
                total += len(data)
                if len(data) <= n:
                    n -= len(data)
                else:
                    _emit(data[n:])
                    break
            return total + _dump(fd)
        return pos + _dump(fd)
    if not conf.presume_pipe and n <= OFF_T_MAX and _is_reg(st.st_mode) and st.st_size > 0:
        end = st.st_size
        cur = _lseek(fd, 0, 1, pretty)
        if cur < end and n < end - cur:
            cur = end - n
            _lseek(fd, cur, 0, pretty)
        return cur + _dump(fd, n)
    return _pipe_bytes(fd, n)


def _pipe_bytes(fd, n):
    window = []
    size = 0
    total = 0
    while True:
        data = _read(fd)
        if not data:
            break
        total += len(data)
        window.append(data)
        size += len(data)
        while window and size - len(window[0]) >= n:
            size -= len(window.pop(0))
    rest = b"".join(window)
    if n < len(rest):
        rest = rest[len(rest) - n:] if n else b""
    _emit(rest)
    return total


# -- following ----------------------------------------------------------------

def _dump_follow(conf, f, limit_one):
    """GNU's dump_remainder for the follow loop: bytes copied."""
    total = 0
    while True:
        try:
            data = posix.read(f.fd, BUFSIZE)
        except BlockingIOError:
            break
        except OSError as e:
            raise Fail("error reading %s: %s" % (quotef(f.pretty, always=True), e.strerror)) from None
        if not data:
            break
        _emit(data)
        total += len(data)
        if limit_one:
            break
    return total


def _set_blocking(f, blocking):
    import fcntl
    try:
        flags = fcntl.fcntl(f.fd, fcntl.F_GETFL)
        new = (flags & ~posix.O_NONBLOCK) if blocking else (flags | posix.O_NONBLOCK)
        if new != flags:
            fcntl.fcntl(f.fd, fcntl.F_SETFL, new)
    except OSError as e:
        if _is_reg(f.mode) and e.errno == 1:
            return
        raise Fail("%s: cannot change nonblocking mode: %s" % (quotef(f.pretty), e.strerror)) from None
    f.blocking = 1 if blocking else 0


def recheck(conf, f, blocking):
    prog = conf.prog
    is_stdin = f.name == "-"
    was_tailable = f.tailable
    prev_errnum = f.errnum
    err = None
    st = None
    if is_stdin:
        fd = 0
    else:
        try:
            fd = posix.open(f.name, posix.O_RDONLY | posix.O_CLOEXEC | (0 if blocking else posix.O_NONBLOCK))
        except OSError as e:
            fd = -1
            err = e
    f.tailable = not (conf.retry and fd == -1)
    ok = True
    if fd != -1:
        try:
            st = posix.fstat(fd)
        except OSError as e:
            err = e
    if fd == -1 or st is None:
        ok = False
        f.errnum = err.errno
        if not f.tailable:
            if was_tailable:
                warn(prog, "%s has become inaccessible" % quotef(f.pretty, always=True), err.strerror)
        elif prev_errnum != err.errno:
            warn(prog, quotef(f.pretty), err.strerror)
    elif not _tailable(st.st_mode):
        ok = False
        f.errnum = -1
        f.tailable = False
        f.ignore = not (conf.retry and conf.follow_name)
        if was_tailable or prev_errnum != f.errnum:
            warn(prog, "%s has been replaced with an untailable file%s"
                 % (quotef(f.pretty, always=True), "; giving up on this name" if f.ignore else ""))
    else:
        f.errnum = 0
    new_file = False
    if not ok:
        if fd > 0:
            posix.close(fd)
        if f.fd > 0:
            posix.close(f.fd)
        f.fd = -1
    elif prev_errnum and prev_errnum != 2:  # ENOENT
        new_file = True
        warn(prog, "%s has become accessible" % quotef(f.pretty, always=True))
    elif f.fd == -1:
        new_file = True
        warn(prog, "%s has appeared;  following new file" % quotef(f.pretty, always=True))
    elif f.ino != st.st_ino or f.dev != st.st_dev:
        new_file = True
        warn(prog, "%s has been replaced;  following new file" % quotef(f.pretty, always=True))
        if f.fd > 0:
            posix.close(f.fd)
    elif fd > 0:
        posix.close(fd)
    if new_file:
        f.record(fd, 0, st, -1 if is_stdin else (1 if blocking else 0))
        if _is_reg(st.st_mode):
            posix.lseek(fd, 0, 0)


def _any_live(conf, files):
    if conf.retry and conf.follow_name:
        return True
    for f in files:
        if f.fd >= 0 or (not f.ignore and conf.retry):
            return True
    return False


def _output_gone(select):
    """True when standard output is a pipe whose reader has gone."""
    p = select.poll()
    p.register(1, 0)
    return any(ev & (select.POLLERR | select.POLLHUP) for _, ev in p.poll(0))


def _writers_dead(pid):
    if not pid:
        return False
    try:
        posix.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def tail_forever(conf, files):
    import select
    import time
    prog = conf.prog
    blocking = (not conf.pid and not conf.follow_name and len(files) == 1
                and files[0].fd != -1 and not _is_reg(files[0].mode))
    last = len(files) - 1
    writers_dead = False
    while True:
        any_input = False
        for i, f in enumerate(files):
            if f.ignore:
                continue
            if f.fd < 0:
                recheck(conf, f, blocking)
                continue
            fd = f.fd
            mode = f.mode
            if f.blocking != (1 if blocking else 0):
                _set_blocking(f, blocking)
            read_unchanged = False
            st = None
            if not f.blocking:
                try:
                    st = posix.fstat(fd)
                except OSError as e:
                    f.fd = -1
                    f.errnum = e.errno
                    warn(prog, quotef(f.pretty), e.strerror)
                    posix.close(fd)
                    continue
                if (f.mode == st.st_mode and (not _is_reg(st.st_mode) or f.size == st.st_size)
                        and f.mtime == st.st_mtime_ns):
                    f.n_unchanged += 1
                    if conf.max_unchanged <= f.n_unchanged - 1 and conf.follow_name:
                        recheck(conf, f, f.blocking)
                        f.n_unchanged = 0
                    if fd != f.fd or _is_reg(st.st_mode) or len(files) > 1:
                        continue
                    read_unchanged = True
                f.mtime = st.st_mtime_ns
                f.mode = st.st_mode
                if not read_unchanged:
                    f.n_unchanged = 0
                if _is_reg(mode) and st.st_size < f.size:
                    warn(prog, "%s: file truncated" % quotef(f.pretty))
                    _lseek(fd, 0, 0, f.pretty)
                    f.size = 0
                if i != last:
                    if conf.headers:
                        write_header(conf, f.pretty)
                    last = i
            n = _dump_follow(conf, f, bool(f.blocking))
            if read_unchanged and n:
                f.n_unchanged = 0
            any_input |= n != 0
            f.size += n
        if not _any_live(conf, files):
            if not conf.polling:
                raise Fail("no files remaining")
            # GNU's polling loop (---disable-inotify) only says so
            warn(prog, "no files remaining")
            break
        if conf.monitor_output and _output_gone(select):
            raise BrokenPipeError
        if not any_input:
            if writers_dead:
                break
            writers_dead = _writers_dead(conf.pid)
            if not writers_dead:
                time.sleep(conf.sleep)
