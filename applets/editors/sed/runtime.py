"""sed's run-time state: the input stream, the outputs, the append queue.

Input is read in 256 KiB chunks and split into lines with one
bytes.split; the compiled program walks the resulting list, so the
per-line cost is a list index.  `$` is decided lazily: only when the
current list is used up does at_eof() read ahead (into the next file too,
as GNU's last_file_with_data_p does).  A last line without its delimiter
comes back as a batch of its own with chomp=False, so the program knows
to write it back without one.

Every output (standard output, the -i temporary file, each w file) keeps
GNU's missing-newline flag: after text written without a delimiter, the
next write to the same output first adds it.
"""
import posix

from multicall.errors import quotef, write_stderr
from applets.editors.sed.parse import SedError

BUFSIZE = 256 * 1024


class Output:
    """One output stream with GNU's missing_newline rule."""
    __slots__ = ("w", "missing", "flush", "unbuffered", "nl", "name", "close")

    def __init__(self, writer, nl, unbuffered=False, name="stdout"):
        self.w = writer.write
        self.flush = writer.flush
        self.close = getattr(writer, "close", None)
        self.missing = False
        self.unbuffered = unbuffered
        self.nl = nl
        self.name = name

    def line(self, data, chomped):
        w = self.w
        if self.missing:
            w(self.nl)
            self.missing = False
        if chomped:
            w(data + self.nl)
        else:
            w(data)
            self.missing = True
        if self.unbuffered:
            self.flush()

    def text(self, data):
        """Text that ends as it is (i, c, =, l ...): first the missing newline."""
        if self.missing:
            self.w(self.nl)
            self.missing = False
        self.w(data)
        if self.unbuffered:
            self.flush()


class FdWriter:
    """A tiny unbuffered writer on a descriptor (for /dev/stderr)."""

    def __init__(self, fd):
        self.fd = fd

    def write(self, data):
        mv = memoryview(data)
        while mv:
            n = posix.write(self.fd, mv)
            mv = mv[n:]

    def flush(self):
        pass


class Input:
    """The stream of input lines over all files (GNU's struct input)."""

    def __init__(self, rt, names, separate, delim, unbuffered=False):
        self.rt = rt
        self.names = list(names) if names else ["-"]
        self.next_idx = 0
        self.separate = separate
        self.delim = delim
        self.fd = None
        self.name = None
        self.cur_eof = True
        self.tail = []
        self.ahead = None
        self.chomp = True
        self.newfile = False
        self.bad_count = 0
        self.unbuffered = unbuffered
        self.byline = False

    def _read(self):
        a = self.ahead
        if a is not None:
            self.ahead = None
            return a
        try:
            if self.byline:
                return self._read_line_unbuffered()
            return posix.read(self.fd, BUFSIZE)
        except OSError as e:
            raise SedError("read error on %s: %s" % (self._shown(), e.strerror), 4) from None

    def _read_line_unbuffered(self):
        """-u on a pipe: read no further than the end of the next line."""
        fd = self.fd
        out = bytearray()
        delim = self.delim[0]
        while True:
            b = posix.read(fd, 1)
            if not b:
                return bytes(out)
            out += b
            if b[0] == delim or len(out) >= BUFSIZE:
                return bytes(out)

    def _shown(self):
        return "stdin" if self.name == "-" else self.name

    def _open_next(self):
        """Open the next input that can be opened; False when none is left."""
        rt = self.rt
        while self.next_idx < len(self.names):
            name = self.names[self.next_idx]
            self.next_idx += 1
            if self.separate or self.next_idx == 1:
                self.newfile = True
                rt.reset_for_file()
            if name == "-" and not rt.inplace:
                fd = 0
                shown = "-"
            else:
                if rt.follow_symlinks:
                    name = rt.follow(name)
                shown = name
                try:
                    fd = posix.open(name, posix.O_RDONLY | posix.O_CLOEXEC)
                except OSError as e:
                    write_stderr("%s: can't read %s: %s\n" % (rt.prog, name, e.strerror))
                    self.bad_count += 1
                    continue
            self.fd = fd
            self.name = shown
            self.cur_eof = False
            if rt.inplace:
                rt.inplace.begin(fd, name)
            # -u reads a pipe no further than the line it needs; files in chunks
            self.byline = self.unbuffered and (posix.fstat(fd).st_mode & 0o170000) != 0o100000
            return True
        return False

    def _closedown(self):
        fd = self.fd
        if fd is None:
            return
        self.fd = None
        self.cur_eof = True
        if self.rt.inplace:
            self.rt.inplace.commit()
        if fd != 0:
            try:
                posix.close(fd)
            except OSError:
                pass

    def refill(self):
        """The next lines of input (delimiters removed), or None at the end.
        self.chomp tells whether they had their delimiter; self.newfile
        whether a new file started (with -s/-i: reset the per-file state)."""
        self.newfile = False
        delim = self.delim
        while True:
            if self.cur_eof:
                self._closedown()
                if not self._open_next():
                    return None
                continue
            data = self._read()
            if data:
                if delim in data:
                    parts = data.split(delim)
                    if self.tail:
                        self.tail.append(parts[0])
                        parts[0] = b"".join(self.tail)
                        self.tail = []
                    last = parts.pop()
                    if last:
                        self.tail.append(last)
                    self.chomp = True
                    return parts
                self.tail.append(data)
                continue
            self.cur_eof = True
            if self.tail:
                line = b"".join(self.tail)
                self.tail = []
                self.chomp = False
                return [line]

    def at_eof(self):
        """GNU's test_eof, when the current batch of lines is used up."""
        if self.tail or self.ahead is not None:
            return False
        if not self.cur_eof:
            data = self._read()
            if data:
                self.ahead = data
                return False
            self.cur_eof = True
        if self.separate:
            return True
        while True:
            self._closedown()
            save = self.newfile
            if not self._open_next():
                self.newfile = save
                return True
            self.newfile = save
            data = self._read()
            if data:
                self.ahead = data
                return False
            self.cur_eof = True

    def close(self):
        self._closedown()


def listing(data, width, nl):
    """The `l` command's text for `data`: C escapes, octal for the rest,
    lines wrapped at `width` columns with a backslash, `$` at the end."""
    pieces = []
    for b in data:
        e = _LESC[b]
        pieces.append(e)
    if width > 0:
        out = []
        col = 0
        for e in pieces:
            if col + len(e) >= width:
                out.append(b"\\" + nl)
                col = 0
            out.append(e)
            col += len(e)
        body = b"".join(out)
    else:
        body = b"".join(pieces)
    return body + b"$" + nl


def _lesc_table():
    t = []
    names = {7: b"\\a", 8: b"\\b", 12: b"\\f", 10: b"\\n", 13: b"\\r", 9: b"\\t", 11: b"\\v"}
    for b in range(256):
        if b == 92:
            t.append(b"\\\\")
        elif 32 <= b < 127:
            t.append(bytes((b,)))
        elif b in names:
            t.append(names[b])
        else:
            t.append(b"\\%03o" % b)
    return t


_LESC = _lesc_table()


def run_command(cmd):
    """Run `cmd` (bytes) through /bin/sh and return its output (popen)."""
    import subprocess
    from multicall.stdio import flush_stdout
    flush_stdout()
    p = subprocess.Popen([b"sh", b"-c", cmd], executable="/bin/sh", stdout=subprocess.PIPE)
    out = p.stdout.read()
    p.stdout.close()
    p.wait()
    return out


def describe_error(prog, name, e):
    return "%s: couldn't open file %s: %s" % (prog, quotef(name), e.strerror)


class RFile:
    """A file read one line at a time by R (GNU opens it at compile time)."""

    def __init__(self, name, delim):
        self.name = name
        self.delim = delim
        self.fd = None
        self.buf = b""
        self.eof = False
        try:
            self.fd = posix.open(name, posix.O_RDONLY | posix.O_CLOEXEC)
        except OSError:
            self.eof = True

    def rewind(self):
        if self.fd is not None:
            try:
                posix.lseek(self.fd, 0, 0)
                self.buf = b""
                self.eof = False
            except OSError:
                pass

    def line(self):
        if self.fd is None:
            return None
        while True:
            j = self.buf.find(self.delim)
            if j >= 0:
                line, self.buf = self.buf[:j + 1], self.buf[j + 1:]
                return line
            if self.eof:
                line, self.buf = self.buf, b""
                return line or None
            try:
                data = posix.read(self.fd, BUFSIZE)
            except OSError:
                data = b""
            if not data:
                self.eof = True
            self.buf += data


class Runtime:
    """What the compiled program reaches through `rt`."""

    def __init__(self, prog, nl, unbuffered=False):
        from multicall.stdio import stdout
        self.prog = prog  # the applet name, for messages
        self.nl = nl
        self.unbuffered = unbuffered
        self.stdout = Output(stdout(line=True) if unbuffered else stdout(), nl, unbuffered)
        self.so = self.stdout
        self.aq = []
        self.wfiles = {}
        self.rfiles = {}
        self.inplace = None
        self.follow_symlinks = False
        self.input = None
        self.lwidth = 70
        self.last_where = ""

    def follow(self, name):
        from applets.editors.sed.inplace import follow_symlink
        return follow_symlink(self, name)

    def open_wfile(self, name):
        """w FILE: opened (truncated) before the run, as GNU does."""
        sname = name.decode("utf-8", "surrogateescape")
        if name == b"/dev/stdout":
            return Output(_Shared(self), self.nl, self.unbuffered, "stdout")
        if name == b"/dev/stderr":
            return Output(FdWriter(2), self.nl, False, "stderr")
        try:
            fd = posix.open(name, posix.O_WRONLY | posix.O_CREAT | posix.O_TRUNC | posix.O_CLOEXEC, 0o666)
        except OSError as e:
            raise SedError("couldn't open file %s: %s" % (sname, e.strerror), 4) from None
        import _io
        return Output(_io.open(fd, "wb", buffering=65536), self.nl, self.unbuffered, sname)

    def reset_for_file(self):
        for r in self.rfiles.values():
            r.rewind()

    def dump_append(self):
        so = self.so
        if so.missing:
            so.w(self.nl)
            so.missing = False
        w = so.w
        for text, fname in self.aq:
            if text is not None:
                w(text)
            else:
                self._copy_file(fname, w)
        self.aq.clear()
        if so.unbuffered:
            so.flush()

    def _copy_file(self, fname, w):
        try:
            fd = posix.open(fname, posix.O_RDONLY | posix.O_CLOEXEC)
        except OSError:
            return  # POSIX: a missing file reads as empty
        try:
            while True:
                try:
                    data = posix.read(fd, BUFSIZE)
                except OSError:
                    break
                if not data:
                    break
                w(data)
        finally:
            posix.close(fd)

    def print_file(self, fname):
        """0r FILE: the file goes out at once."""
        self._copy_file(fname, self.so.w)

    def rline(self, name):
        r = self.rfiles.get(name)
        if r is None:
            r = self.rfiles[name] = RFile(name, self.nl)
        line = r.line()
        if line is not None:
            self.aq.append((line, None))

    def _flush_all(self):
        from multicall.stdio import flush_stdout
        flush_stdout()
        for o in self.wfiles.values():
            try:
                o.flush()
            except OSError:
                pass

    def s_eval(self, ps):
        """The e flag of s: the pattern space runs as a command; its output
        (less one trailing newline) is the new pattern space."""
        self._flush_all()
        out = run_command(ps.split(b"\0", 1)[0])
        if out.endswith(self.nl):
            out = out[:-1]
        return out

    def e_text(self, text):
        """e COMMAND: the command's output goes out before the line."""
        so = self.so
        if so.missing:
            so.w(self.nl)
            so.missing = False
        self._flush_all()
        out = run_command(text.split(b"\0", 1)[0])
        so.w(out)

    def ymb(self, ps, ymap):
        from applets.editors.sed.parse import _mb_chars
        out = []
        for c in _mb_chars(ps):
            d = ymap.get(c)
            if d is None:
                d = c
                if len(c) == 1 and c[0] >= 0xC2:
                    # GNU compares an invalid or truncated byte with each
                    # source character over one byte (strncmp), so a lone
                    # lead byte takes the first character it begins
                    for k, v in ymap.items():
                        if k[0] == c[0]:
                            d = v
                            break
            out.append(d)
        return b"".join(out)

    def no_regex(self):
        raise SedError(self.last_where + "no previous regular expression")

    def close_all(self):
        for o in self.wfiles.values():
            if o.close is not None and o.name not in ("stdout", "stderr"):
                try:
                    o.flush()
                    o.close()
                except OSError as e:
                    raise SedError("couldn't close %s: %s" % (o.name, e.strerror), 4) from None
        for r in self.rfiles.values():
            if r.fd is not None:
                posix.close(r.fd)


class _Shared:
    """w /dev/stdout: the same stream as standard output (its own
    missing-newline flag, as GNU's special file has)."""

    def __init__(self, rt):
        self.rt = rt

    def write(self, data):
        self.rt.stdout.w(data)

    def flush(self):
        self.rt.stdout.flush()
