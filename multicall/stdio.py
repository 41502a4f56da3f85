"""Standard output and the streaming I/O core every applet shares.

- stdout(): the running applet's one buffered binary standard output,
  line-buffered on a terminal; the runtime flushes it when the applet ends.
- each_file(): toybox's loopfiles.  `-` (or no operand) is standard input;
  a file that cannot be opened or read is reported and skipped, and the
  result is 1 at the end.
- copy(): moves all of one descriptor into another with the cheapest kernel
  call that applies (copy_file_range between regular files, sendfile from a
  file, splice through pipes with an enlarged pipe buffer), falling back to
  readinto() a reused buffer.
- chunks() and lines(): big-chunk reading with a configurable delimiter.

Write failures on the output become WriteError ("write error: ...", a
Fail and not an OSError, so that no `except OSError` around an input loop
takes it for a read error on the file; EPIPE is left to the dispatcher,
which ends silently like a C tool killed by SIGPIPE); read failures stay
OSError so the caller can name the file.  EINTR is
retried by Python itself (PEP 475).
"""
import posix
import _io

from multicall.errors import WriteError, warn_os

BUFSIZE = 256 * 1024
_BIG = 1 << 30

_stack = []  # one slot per applet running in this process, innermost last


class _LineWriter:
    """A buffered writer that flushes at each newline (for terminals)."""

    def __init__(self, raw):
        self.raw = raw

    def write(self, data):
        n = self.raw.write(data)
        if b"\n" in data:
            self.raw.flush()
        return n

    def flush(self):
        self.raw.flush()

    @property
    def closed(self):
        return self.raw.closed


class _Out(_io.FileIO):
    """Descriptor 1 under the buffered writer, which calls this write only
    when its 128 KiB buffer goes out (a Python call per buffer, not per
    write): a failure other than EPIPE becomes WriteError."""

    failed = False

    def write(self, data):
        if self.failed:
            return len(data)  # reported once; the rest goes nowhere
        try:
            return _io.FileIO.write(self, data)
        except BrokenPipeError:
            raise
        except OSError as e:
            self.failed = True
            raise WriteError(e) from None


def _make_stdout(line=None):
    try:
        w = _io.BufferedWriter(_Out(1, "wb", closefd=False), 128 * 1024)
    except OSError as e:
        raise WriteError(e) from None
    if line is None:
        line = posix.isatty(1)
    return _LineWriter(w) if line else w


def stdout(line=None):
    """The running applet's buffered binary standard output.

    `line=True` asks for line buffering (tail -f, grep --line-buffered).
    """
    if not _stack:
        _stack.append(None)
    w = _stack[-1]
    if w is None or (line and not isinstance(w, _LineWriter)):
        if w is not None:
            w.flush()
        w = _stack[-1] = _make_stdout(line)
    return w


def push():
    """Start an applet's output scope (the dispatcher calls this), flushing
    the enclosing applet's output first so that the two keep their order."""
    flush_stdout()
    _stack.append(None)


def pop():
    """End the innermost output scope, flushing what it wrote."""
    w = _stack.pop() if _stack else None
    if w is not None:
        flush_writer(w)


def flush_writer(w):
    try:
        w.flush()
    except BrokenPipeError:
        raise
    except OSError as e:
        raise WriteError(e) from None


def flush_stdout():
    """Flush what the current applet has buffered (before a raw fd-1 write)."""
    if _stack and _stack[-1] is not None:
        flush_writer(_stack[-1])


def write_all(fd, data):
    """Write all of `data` to `fd`; output errors become Fail."""
    mv = memoryview(data)
    try:
        while mv:
            n = posix.write(fd, mv)
            mv = mv[n:]
    except BrokenPipeError:
        raise
    except OSError as e:
        raise WriteError(e) from None


def open_input(name):
    """Open an input operand read-only: `-` is standard input (fd 0)."""
    if name == "-":
        return 0
    return posix.open(name, posix.O_RDONLY | posix.O_CLOEXEC)


def each_file(prog, names, fn, end=None):
    """Call fn(fd, name) for each input (stdin if there are none).

    Open and read errors are reported as `prog: NAME: reason` and the loop
    goes on; returns 1 if any input failed (or fn returned non-zero), else 0.
    `end()`, if given, runs after each input that was opened, whether fn
    finished or failed (after the failure's message), before its descriptor
    is closed: the place to write out a last, unfinished line.
    """
    status = 0
    for name in names or ["-"]:
        try:
            fd = open_input(name)
        except OSError as e:
            warn_os(prog, name, e)
            status = 1
            continue
        try:
            if fn(fd, name):
                status = 1
        except BrokenPipeError:
            raise
        except OSError as e:
            warn_os(prog, name, e)
            status = 1
        finally:
            if end is not None:
                end()
            if fd != 0:
                posix.close(fd)
    return status


def _kind(fd, source=False):
    """'reg', 'fifo', 'chr' or 'other' for the file open on fd.

    A source that is a regular file claiming size 0 (those in /proc and /sys
    do, whatever they hold) counts as 'other': copy_file_range and sendfile
    can report end of file at once there.
    """
    st = posix.fstat(fd)
    mode = st.st_mode & 0o170000
    if mode == 0o100000:
        return "reg" if st.st_size > 0 or not source else "other"
    if mode == 0o010000:
        return "fifo"
    if mode == 0o020000:
        return "chr"
    return "other"


def copy(src, dst, limit=None):
    """Copy from fd `src` to fd `dst` until end of input (or `limit` bytes).

    Tries copy_file_range (regular to regular), then sendfile (from a
    regular file), then splice (a pipe on either side), then the plain
    readinto loop; a call the kernel refuses (EINVAL, EXDEV, ENOSYS ...)
    hands over to the next way from the same offset.  Returns the number of
    bytes copied.  Flushes the applet's buffered standard output first when
    `dst` is 1.
    """
    if dst == 1:
        flush_stdout()
    kin, kout = _kind(src, source=True), _kind(dst)
    ways = []
    if kin == "reg" and kout == "reg" and hasattr(posix, "copy_file_range"):
        ways.append(_by_copy_file_range)
    if kin == "reg" and hasattr(posix, "sendfile"):
        ways.append(_by_sendfile)
    if (kin == "fifo" or kout == "fifo") and hasattr(posix, "splice"):
        ways.append(_by_splice)
    if kout == "fifo" or kin == "fifo":
        _grow_pipe(dst if kout == "fifo" else src)
    total = 0
    for way in ways:
        try:
            while limit is None or total < limit:
                n = way(src, dst, _BIG if limit is None else min(_BIG, limit - total))
                if n == 0:
                    return total
                total += n
            return total
        except BrokenPipeError:
            raise
        except OSError:
            continue  # the next way, or the plain loop, finds out which side failed
    return total + _copy_plain(src, dst, None if limit is None else limit - total)


def _by_copy_file_range(src, dst, count):
    return posix.copy_file_range(src, dst, count)


def _by_sendfile(src, dst, count):
    return posix.sendfile(dst, src, None, count)


def _by_splice(src, dst, count):
    return posix.splice(src, dst, count)


def _grow_pipe(fd):
    from compat.platform import grow_pipe
    grow_pipe(fd, 1 << 20)
    return 1 << 20


def _copy_plain(src, dst, limit):
    buf = bytearray(BUFSIZE)
    mv = memoryview(buf)
    total = 0
    readinto = _io.FileIO(src, "rb", closefd=False).readinto
    while limit is None or total < limit:
        view = mv if limit is None or limit - total >= BUFSIZE else mv[:limit - total]
        n = readinto(view)
        if not n:
            break
        write_all(dst, mv[:n])
        total += n
    return total


def chunks(fd, size=BUFSIZE):
    """Yield the input on `fd` in chunks of up to `size` bytes."""
    read = posix.read
    while True:
        b = read(fd, size)
        if not b:
            return
        yield b


def lines(fd, delim=b"\n"):
    """Yield the records of `fd`, each with its delimiter (the last may lack it).

    This is the per-line slow path; prefer working on chunks().
    """
    pending = []  # the pieces of a record that spans chunks: joined once
    for chunk in chunks(fd):
        if delim not in chunk:
            pending.append(chunk)
            continue
        if pending:
            pending.append(chunk)
            chunk = b"".join(pending)
            pending = []
        parts = chunk.split(delim)
        rest = parts.pop()
        for p in parts:
            yield p + delim
        if rest:
            pending.append(rest)
    if pending:
        yield b"".join(pending)
