"""split: split a file into pieces (GNU coreutils 9.1).

Every mode is GNU's algorithm on big buffers: -l counts delimiters with
bytes.count and cuts with split(delim, n); -C follows GNU's
line_bytes_split with rfind; -n r/N hands out a buffer's lines with
slices (lines[i::N]) instead of a line at a time; -b on a regular file
without --filter hands each piece to the kernel (copy() with a limit:
copy_file_range or sendfile).  Output names follow GNU's rules, including
the automatic widening of alphabetic suffixes (xyz is followed by xzaaa)
and `output file suffixes exhausted`.  --filter runs `$SHELL -c COMMAND`
(default /bin/sh) with $FILE set, through subprocess (imported only then).
The buffer size is GNU's (128 KiB), so that the -n l/N edge cases that
depend on it come out the same.
"""
import posix

from multicall.errors import Fail, Usage, quote, quotef
from multicall.options import FLAG, LIST, Spec, opt
from multicall.numbers import OK, xnumtoumax, xstrtoumax
from multicall.stdio import copy, stdout, write_all


BLKSIZE = 128 * 1024
INTMAX = (1 << 63) - 1
OFF_T_MAX = INTMAX
UINTMAX = (1 << 64) - 1
MULTIPLIERS = "bEGKkMmPTYZ0"
ALPHA = b"abcdefghijklmnopqrstuvwxyz"

SPEC = Spec("[OPTION]... [FILE [PREFIX]]",
            "Output pieces of FILE to PREFIXaa, PREFIXab, ...;\n"
            "default size is 1000 lines, and default PREFIX is 'x'.\n\n"
            "With no FILE, or when FILE is -, read standard input.",
            opt("-a, --suffix-length=N", "generate suffixes of length N (default 2)", dest="a", kind=LIST),
            opt("--additional-suffix=SUFFIX", "append an additional SUFFIX to file names", dest="A", kind=LIST),
            opt("-b, --bytes=SIZE", "put SIZE bytes per output file", dest="b", kind=LIST),
            opt("-C, --line-bytes=SIZE", "put at most SIZE bytes of records per output file", dest="C", kind=LIST),
            opt("-d", "use numeric suffixes starting at 0, not alphabetic", dest="d", kind=LIST),
            opt("--numeric-suffixes[=FROM]", "same as -d, but allow setting the start value", dest="d", kind=LIST),
            opt("-x", "use hex suffixes starting at 0, not alphabetic", dest="x", kind=LIST),
            opt("--hex-suffixes[=FROM]", "same as -x, but allow setting the start value", dest="x", kind=LIST),
            opt("-e, --elide-empty-files", "do not generate empty output files with '-n'", kind=FLAG),
            opt("--filter=COMMAND", "write to shell COMMAND; file name is $FILE", dest="filter", kind=LIST),
            opt("-l, --lines=NUMBER", "put NUMBER lines/records per output file", dest="l", kind=LIST),
            opt("-n, --number=CHUNKS", "generate CHUNKS output files; see explanation below", dest="n", kind=LIST),
            opt("-t, --separator=SEP", "use SEP instead of newline as the record separator;\n"
                "  '\\0' (zero) specifies the NUL character", dest="t", kind=LIST),
            opt("-u, --unbuffered", "immediately copy input to output with '-n r/...'", kind=FLAG),
            opt("--verbose", "print a diagnostic just before each\n  output file is opened", kind=FLAG),
            opt("---io-blksize=SIZE", None, dest="io", kind=LIST),
            *(opt("-%d" % d, None, dest="digit", kind=LIST) for d in range(10)),
            epilog="The SIZE argument is an integer and optional unit (example: 10K is 10*1024).\n"
            "Units are K,M,G,T,P,E,Z,Y (powers of 1024) or KB,MB,... (powers of 1000).\n"
            "Binary prefixes can be used, too: KiB=K, MiB=M, and so on.\n\n"
            "CHUNKS may be:\n"
            "  N       split into N files based on size of input\n"
            "  K/N     output Kth of N to stdout\n"
            "  l/N     split into N files without splitting lines/records\n"
            "  l/K/N   output Kth of N to stdout without splitting lines/records\n"
            "  r/N     like 'l' but use round robin distribution\n"
            "  r/K/N   likewise but only output Kth of N to stdout")

_SHORT_ARG = "Cablnt"

# -b, -l and -C: (split type, largest count, suffixes, message for a bad one)
_UNIT_OPTS = {"b": ("bytes", OFF_T_MAX, MULTIPLIERS, "invalid number of bytes"),
              "l": ("lines", UINTMAX, "", "invalid number of lines"),
              "C": ("byteslines", OFF_T_MAX, MULTIPLIERS, "invalid number of bytes")}


def _digit_groups(spec, args):
    """(argument index, digit) for each digit option, in command-line order,
    found the way getopt walks the arguments."""
    found = []
    stop = b"POSIXLY_CORRECT" in posix.environ
    i = 0
    while i < len(args):
        a = args[i]
        i += 1
        if a == "--":
            break
        if a.startswith("--"):
            name, eq, _ = a[2:].partition("=")
            o = spec.longs.get(name)
            if o is None:
                cands = {id(spec.longs[k]): spec.longs[k] for k in spec.longs if k.startswith(name)}
                o = next(iter(cands.values())) if len(cands) == 1 else None
            if o is not None and o.arg and not o.optional and not eq:
                i += 1
            continue
        if a.startswith("-") and a != "-":
            for j in range(1, len(a)):
                c = a[j]
                if c.isdigit():
                    found.append((i - 1, ord(c) - 48))
                elif c in _SHORT_ARG:
                    if j == len(a) - 1:
                        i += 1
                    break
            continue
        if stop:
            break
    return found


def _chunks_arg(text):
    """-n CHUNKS: (type, k, n) as GNU 9.1 parses it."""
    s = text.lstrip(" \t\n\v\f\r")
    kind = "bytes"
    if s.startswith("r/"):
        kind, s = "rr", s[2:]
    elif s.startswith("l/"):
        kind, s = "lines", s[2:]
    k = 0
    slash = s.find("/")
    if slash >= 0:
        n = xnumtoumax(s[slash + 1:], 1, UINTMAX, "", "invalid number of chunks")
        if slash != 0:
            k = xnumtoumax(s[:slash], 1, n, "", "invalid chunk number")
    else:
        n = xnumtoumax(s, 1, UINTMAX, "", "invalid number of chunks")
    return kind, k, n


class Settings:
    def __init__(self):
        self.split_type = None
        self.n_units = 0
        self.k_units = 0
        self.suffix_length = 0
        self.alphabet = ALPHA
        self.start = None
        self.additional = b""
        self.eol = None
        self.filter = None
        self.blksize = BLKSIZE


def _parse(argv):
    opts = SPEC.parse(argv)
    digits = _digit_groups(SPEC, argv[1:])
    queues = {}
    for dest in ("a", "A", "b", "C", "d", "x", "filter", "l", "n", "t", "io", "digit"):
        queues[dest] = list(getattr(opts, dest))
    s = Settings()
    digit_arg = None
    di = 0

    def one_way():
        raise Usage("cannot split in more than one way")

    for dest in opts.given:
        if dest not in queues:
            continue
        val = queues[dest].pop(0)
        if dest == "a":
            s.suffix_length = xnumtoumax(val, 0, UINTMAX // 8, "", "invalid suffix length")
        elif dest == "A":
            if "/" in val:
                raise Usage("invalid suffix %s, contains directory separator" % quote(val))
            s.additional = val.encode("utf-8", "surrogateescape")
        elif dest in _UNIT_OPTS:
            if s.split_type is not None:
                one_way()
            s.split_type, most, suffixes, invalid = _UNIT_OPTS[dest]
            s.n_units = xnumtoumax(val, 1, most, suffixes, invalid)
        elif dest == "n":
            if s.split_type is not None:
                one_way()
            kind, s.k_units, s.n_units = _chunks_arg(val)
            s.split_type = {"bytes": "chunk_bytes", "lines": "chunk_lines", "rr": "rr"}[kind]
        elif dest == "t":
            sep = val.encode("utf-8", "surrogateescape")
            if not sep:
                raise Fail("empty record separator")
            if len(sep) > 1:
                if sep == b"\\0":
                    sep = b"\0"
                else:
                    raise Fail("multi-character separator %s" % quote(val))
            if s.eol is not None and sep != s.eol:
                raise Fail("multiple separator characters specified")
            s.eol = sep
        elif dest in ("d", "x"):
            s.alphabet = b"0123456789" if dest == "d" else b"0123456789abcdef"
            if val is not None:
                if any(c.encode("utf-8", "surrogateescape") not in s.alphabet or len(c.encode("utf-8", "surrogateescape")) != 1
                       for c in val):
                    raise Usage("%s: invalid start value for %s suffix"
                                % (quote(val), "numerical" if dest == "d" else "hexadecimal"))
                while val.startswith("0") and len(val) > 1:
                    val = val[1:]
                s.start = val
        elif dest == "filter":
            s.filter = val
        elif dest == "io":
            s.blksize = xnumtoumax(val, 1, (1 << 31) - 1, MULTIPLIERS, "invalid IO block size")
        elif dest == "digit":
            idx, d = digits[di]
            di += 1
            if s.split_type is None:
                s.split_type = "digits"
                s.n_units = 0
            if s.split_type != "digits":
                one_way()
            if digit_arg is not None and digit_arg != idx:
                s.n_units = 0
            digit_arg = idx
            s.n_units = min(s.n_units * 10 + d, UINTMAX)
    s.elide = opts.elide_empty_files
    s.unbuffered = opts.unbuffered
    s.verbose = opts.verbose
    return s, opts.operands


def _set_suffix_length(s):
    needed = 0
    s.auto = s.start is None
    if s.split_type in ("chunk_bytes", "chunk_lines", "rr"):
        end = s.n_units - 1
        if s.start is not None:
            n_start, err, _ = xstrtoumax(s.start, 10, "")
            if err == OK and n_start < s.n_units:
                end = min(end + n_start, UINTMAX)
        alen = len(s.alphabet)
        while True:
            needed += 1
            end //= alen
            if not end:
                break
        s.auto = False
    if s.suffix_length:
        if s.suffix_length < needed:
            raise Fail("the suffix length needs to be at least %d" % needed)
        s.auto = False
        return
    s.suffix_length = max(2, needed)


class Namer:
    """GNU's next_file_name: the output names in order."""

    def __init__(self, s, outbase):
        self.s = s
        self.base = outbase
        self.index = None
        self.length = s.suffix_length

    def _new(self, widen):
        alpha = self.s.alphabet
        if widen:
            self.base += alpha[self.index[0]:self.index[0] + 1]
            self.length += 1
        self.index = [0] * self.length
        if self.s.start is not None:
            st = self.s.start.encode()
            for j, c in enumerate(reversed(st)):
                # GNU 9.1 takes c - '0' here, which runs off the hex alphabet
                # for a-f (garbage names); the letter's own index is meant.
                self.index[self.length - 1 - j] = alpha.index(c)
        name = self.name()
        self._check_length(name)
        return name

    def name(self):
        alpha = self.s.alphabet
        return self.base + bytes(alpha[i] for i in self.index) + self.s.additional

    @staticmethod
    def _check_length(name):
        d, _, last = name.rpartition(b"/")
        try:
            name_max = posix.pathconf(d or b".", "PC_NAME_MAX")
        except (OSError, ValueError):
            return
        if 0 <= name_max < len(last):
            raise Fail("%s: File name too long" % quotef(name))

    def next(self):
        if self.index is None:
            return self._new(False)
        alen = len(self.s.alphabet)
        i = self.length
        while i > 0:
            i -= 1
            self.index[i] += 1
            if self.s.auto and i == 0 and self.index[0] + 1 >= alen:
                return self._new(True)
            if self.index[i] < alen:
                return self.name()
            self.index[i] = 0
        raise Fail("output file suffixes exhausted")


class Output:
    """The current output file (or filter), GNU's create/cwrite/closeout."""

    def __init__(self, s, namer, in_stat):
        self.s = s
        self.namer = namer
        self.in_stat = in_stat
        self.fd = -1
        self.pid = None
        self.name = None
        self.pipes = []

    def create(self, name):
        s = self.s
        out = stdout()
        if s.filter is None:
            if s.verbose:
                out.write(b"creating file %s\n" % quotef(name, always=True).encode("utf-8", "surrogateescape"))
            flags = posix.O_WRONLY | posix.O_CREAT | posix.O_CLOEXEC
            try:
                return posix.open(name, flags | posix.O_EXCL, 0o666), None
            except FileExistsError:
                pass
            fd = posix.open(name, flags, 0o666)
            st = posix.fstat(fd)
            ist = self.in_stat
            if (st.st_dev, st.st_ino) == (ist.st_dev, ist.st_ino):
                posix.close(fd)
                raise Fail("%s would overwrite input; aborting" % quotef(name, always=True))
            try:
                posix.ftruncate(fd, 0)
            except OSError as e:
                if st.st_mode & 0o170000 == 0o100000:
                    posix.close(fd)
                    raise Fail("%s: error truncating: %s" % (quotef(name), e.strerror)) from None
            return fd, None
        import subprocess
        shell = posix.environ.get(b"SHELL") or b"/bin/sh"
        env = dict(posix.environ)
        env[b"FILE"] = name
        if s.verbose:
            out.write(b"executing with FILE=%s\n" % quotef(name).encode("utf-8", "surrogateescape"))
        r, w = posix.pipe()
        try:
            proc = subprocess.Popen([shell.rpartition(b"/")[2], b"-c", s.filter.encode("utf-8", "surrogateescape")],
                                    executable=shell, stdin=r, env=env, close_fds=True, restore_signals=True)
        except OSError as e:
            posix.close(r)
            posix.close(w)
            raise Fail('failed to run command: "%s -c %s": %s'
                       % (shell.decode("utf-8", "surrogateescape"), s.filter, e.strerror)) from None
        posix.close(r)
        posix.set_inheritable(w, False)
        return w, proc

    def open_next(self):
        self.closeout()
        self.name = self.namer.next()
        try:
            self.fd, self.pid = self.create(self.name)
        except OSError as e:
            raise Fail("%s: %s" % (quotef(self.name), e.strerror)) from None

    def cwrite(self, new_file, data):
        """Write data, opening the next output first if new_file; False
        when a filter no longer reads (EPIPE with --filter)."""
        if new_file:
            if data is None and self.s.elide:
                return True
            self.open_next()
        if data:
            return self.write(self.fd, self.name, data)
        return True

    def write(self, fd, name, data):
        mv = memoryview(data)
        try:
            while mv:
                mv = mv[posix.write(fd, mv):]
        except OSError as e:
            if self.s.filter is not None and isinstance(e, BrokenPipeError):
                return False
            raise Fail("%s: %s" % (quotef(name), e.strerror)) from None
        return True

    def closeout(self, fd=None, pid=None, name=None):
        if fd is None:
            fd, pid, name = self.fd, self.pid, self.name
            self.fd, self.pid = -1, None
        if fd >= 0:
            try:
                posix.close(fd)
            except OSError as e:
                raise Fail("%s: %s" % (quotef(name), e.strerror)) from None
        if pid:
            wait_filter(self.s, pid, name)


def wait_filter(s, proc, name):
    """Reap a filter; its failure ends split as in GNU (status: its exit
    status, or 128 + the signal that killed it, SIGPIPE excepted)."""
    rc = proc.wait()
    if rc < 0:
        sig = -rc
        if sig != 13:
            import signal
            try:
                signame = signal.Signals(sig).name[3:]
            except ValueError:
                signame = str(sig)
            raise Fail("with FILE=%s, signal %s from command: %s" % (quotef(name), signame, s.filter), sig + 128)
    elif rc:
        raise Fail("with FILE=%s, exit %d from command: %s" % (quotef(name), rc, s.filter), rc)


def main(argv):
    s, operands = _parse(argv)
    if s.k_units and s.filter is not None:
        raise Usage("--filter does not process a chunk extracted to stdout")
    if s.split_type is None:
        s.split_type = "lines"
        s.n_units = 1000
    if s.n_units == 0:
        raise Usage("invalid number of lines: %s" % quote("0"))
    if s.eol is None:
        s.eol = b"\n"
    _set_suffix_length(s)
    infile = operands[0] if operands else "-"
    outbase = operands[1] if len(operands) > 1 else "x"
    if len(operands) > 2:
        raise Usage("extra operand %s" % quote(operands[2]))
    if s.start is not None and len(s.start) > s.suffix_length:
        raise Usage("numerical suffix start value is too large for the suffix length")
    s.infile = infile
    if infile == "-":
        fd = 0
    else:
        try:
            fd = posix.open(infile, posix.O_RDONLY | posix.O_CLOEXEC)
        except OSError as e:
            raise Fail("cannot open %s for reading: %s" % (quotef(infile, always=True), e.strerror)) from None
    saved = None
    try:
        st = posix.fstat(fd)
        namer = Namer(s, outbase.encode("utf-8", "surrogateescape"))
        out = Output(s, namer, st)
        if s.filter is not None:
            import _signal
            saved = _signal.signal(_signal.SIGPIPE, _signal.SIG_IGN)
        try:
            _run(s, fd, st, out)
        except OSError as e:
            raise Fail("%s: %s" % (quotef(infile), e.strerror)) from None
        out.closeout()
    finally:
        if saved is not None:
            import _signal
            _signal.signal(_signal.SIGPIPE, saved)
        if fd != 0:
            posix.close(fd)
    return 0


def _reader(s, fd):
    def read(size=None):
        return posix.read(fd, size or s.blksize)
    return read


def _run(s, fd, st, out):
    read = _reader(s, fd)
    t = s.split_type
    if t in ("chunk_bytes", "chunk_lines"):
        file_size, initial = _input_file_size(s, fd, st)
        if s.n_units > OFF_T_MAX:
            raise Fail("invalid number of chunks: %s: Value too large for defined data type" % quote(str(s.n_units)))
        file_size = max(file_size, s.n_units)
        if t == "chunk_bytes":
            if s.k_units == 0:
                bytes_split(s, out, fd, read, file_size // s.n_units, initial, s.n_units)
            else:
                bytes_chunk_extract(s, fd, read, s.k_units, s.n_units, initial, file_size)
        else:
            lines_chunk_split(s, out, fd, read, s.k_units, s.n_units, initial, file_size)
    elif t in ("lines", "digits"):
        lines_split(s, out, read, s.n_units)
    elif t == "bytes":
        if s.filter is None and st.st_mode & 0o170000 == 0o100000:
            bytes_split_copy(s, out, fd, s.n_units)
        else:
            bytes_split(s, out, fd, read, s.n_units, None, 0)
    elif t == "byteslines":
        line_bytes_split(s, out, read, s.n_units)
    else:
        lines_rr(s, out, read, s.k_units, s.n_units)


def _input_file_size(s, fd, st):
    """GNU 9.1's input_file_size: (size from the current offset, the bytes
    already read); the offset is left after those bytes."""
    name = quotef(s.infile)
    try:
        cur = posix.lseek(fd, 0, 1)
    except OSError as e:
        if e.errno == 29:  # ESPIPE: GNU suppresses the confusing reason
            raise Fail("%s: cannot determine file size" % name) from None
        raise Fail("%s: cannot determine file size: %s" % (name, e.strerror)) from None
    parts = []
    size = 0
    while size < s.blksize:
        b = posix.read(fd, s.blksize - size)
        if not b:
            return size, b"".join(parts)
        parts.append(b)
        size += len(b)
    initial = b"".join(parts)
    if st.st_size == 0:
        raise Fail("%s: cannot determine file size: Value too large for defined data type" % name)
    cur += size
    if st.st_mode & 0o170000 == 0o100000 and cur <= st.st_size:
        end = st.st_size
    else:
        end = posix.lseek(fd, 0, 2)
        if end != cur:
            posix.lseek(fd, cur, 0)
            if end < cur:
                end = cur
    return size + end - cur, initial


def bytes_split_copy(s, out, fd, n_bytes):
    """-b on a regular file: each piece goes through the kernel."""
    while True:
        offset = posix.lseek(fd, 0, 1)
        if not posix.pread(fd, 1, offset):
            return
        out.cwrite(True, b"")
        try:
            copy(fd, out.fd, limit=n_bytes)
        except Fail as e:
            reason = e.message.partition("write error: ")[2] or e.message
            raise Fail("%s: %s" % (quotef(out.name), reason)) from None


def bytes_split(s, out, fd, read, n_bytes, initial, max_files):
    """GNU's bytes_split (with -n N: max_files N, the last one takes the rest)."""
    new_file = True
    filter_ok = True
    to_write = n_bytes
    opened = 0
    bufsize = s.blksize
    while True:
        if initial is not None:
            data = initial
            initial = None
            eof = len(data) < bufsize
        else:
            if not filter_ok:
                try:
                    posix.lseek(fd, to_write, 1)
                    to_write = n_bytes
                    new_file = True
                except OSError:
                    pass
            data = read()
            eof = not data
        n_read = len(data)
        pos = 0
        while to_write <= n_read:
            if filter_ok or new_file:
                filter_ok = out.cwrite(new_file, data[pos:pos + to_write])
            opened += new_file
            new_file = not max_files or opened < max_files
            if not filter_ok and not new_file:
                n_read = 0
                eof = True
                break
            pos += to_write
            n_read -= to_write
            to_write = n_bytes
        if n_read:
            if filter_ok or new_file:
                filter_ok = out.cwrite(new_file, data[pos:pos + n_read])
            opened += new_file
            new_file = False
            if not filter_ok and opened == max_files:
                break
            to_write -= n_read
        if eof:
            break
    while opened < max_files:
        opened += 1
        out.cwrite(True, None)


def lines_split(s, out, read, n_lines):
    eol = s.eol
    new_file = True
    n = 0
    while True:
        data = read()
        if not data:
            return
        pos = 0
        end = len(data)
        while pos < end:
            need = n_lines - n
            have = data.count(eol, pos)
            if have < need:
                out.cwrite(new_file, data[pos:])
                new_file = False
                n += have
                break
            tail = data[pos:].split(eol, need)[-1]
            cut = end - len(tail)
            out.cwrite(new_file, data[pos:cut])
            pos = cut
            new_file = True
            n = 0


def line_bytes_split(s, out, read, n_bytes):
    """GNU's line_bytes_split, on whole buffers."""
    eol = s.eol
    n_out = 0
    hold = bytearray()
    split_line = False
    while True:
        data = read()
        n_left = len(data)
        sob = 0
        while n_left:
            split_rest = 0
            eoc = None
            if n_bytes - n_out - len(hold) <= n_left:
                split_rest = n_bytes - n_out - len(hold)
                eoc = sob + split_rest - 1
                eol_at = data.rfind(eol, sob, sob + split_rest)
            else:
                eol_at = data.rfind(eol, sob, sob + n_left)
            if eol_at < 0:
                eol_at = None
            if hold and not (eol_at is None and n_out):
                out.cwrite(n_out == 0, bytes(hold))
                n_out += len(hold)
                hold = bytearray()
            # Up to the last line end in reach; with none, and none yet in
            # this output file, all of the input that fits.
            if eol_at is not None:
                split_line = True
                n_write = eol_at - sob + 1
            elif n_left and not split_line:
                n_write = split_rest if eoc is not None else n_left
            else:
                n_write = None
            if n_write is not None:
                out.cwrite(n_out == 0, data[sob:sob + n_write])
                n_out += n_write
                n_left -= n_write
                sob += n_write
                if eoc is not None:
                    split_rest -= n_write
            if (eoc is not None and split_rest) or (eoc is None and n_left):
                n_buf = split_rest if eoc is not None else n_left
                hold += data[sob:sob + n_buf]
                n_left -= n_buf
                sob += n_buf
            if eoc is not None:
                n_out = 0
                split_line = False
        if not data:
            break
    if hold:
        out.cwrite(n_out == 0, bytes(hold))


def _stdout_write(data):
    stdout().write(data)


def lines_chunk_split(s, out, fd, read, k, n, initial, file_size):
    """GNU 9.1's lines_chunk_split: -n l/N and l/K/N."""
    eol = s.eol
    chunk_size = file_size // n
    chunk_no = 1
    chunk_end = chunk_size
    n_written = 0
    new_file = True
    chunk_truncated = False
    if k > 1:
        start = (k - 1) * chunk_size - 1
        if start < len(initial):
            initial = initial[start:]
        else:
            if len(initial) < start:
                posix.lseek(fd, start - len(initial), 1)
            initial = None
        n_written = start
        chunk_no = k - 1
        chunk_end = chunk_no * chunk_size
    while n_written < file_size:
        if initial is not None:
            buf = initial
            initial = None
        else:
            buf = read(min(s.blksize, file_size - n_written))
        if not buf:
            break
        chunk_truncated = False
        eob = len(buf)
        bp = 0
        while bp != eob:
            n_read = eob - bp
            nxt = False
            skip = min(n_read, max(0, chunk_end - 1 - n_written))
            at = buf.find(eol, bp + skip, eob)
            if at >= 0:
                bp_out = at + 1
                nxt = True
            else:
                bp_out = eob
            piece = buf[bp:bp_out]
            if k == chunk_no:
                _stdout_write(piece)
            elif not k:
                out.cwrite(new_file, piece)
            n_written += len(piece)
            bp = bp_out
            new_file = nxt
            while nxt or chunk_end <= n_written:
                if not nxt and bp == eob:
                    chunk_truncated = True
                    break
                chunk_no += 1
                if k and chunk_no > k:
                    return
                if chunk_no == n:
                    chunk_end = file_size
                else:
                    chunk_end += chunk_size
                if chunk_end <= n_written:
                    if not k:
                        out.cwrite(True, None)
                else:
                    nxt = False
    if chunk_truncated:
        chunk_no += 1
    if not k:
        while chunk_no <= n:
            chunk_no += 1
            out.cwrite(True, None)


def bytes_chunk_extract(s, fd, read, k, n, initial, file_size):
    start = (k - 1) * (file_size // n)
    end = file_size if k == n else k * (file_size // n)
    parts = []
    if start < len(initial):
        parts.append(initial[start:end])
        start = min(end, len(initial))
        left = end - start
    else:
        if len(initial) < start:
            posix.lseek(fd, start - len(initial), 1)
        left = end - start
    out = stdout()
    for p in parts:
        out.write(p)
    if left > 0:
        try:
            copy(fd, 1, limit=left)
        except Fail as e:
            reason = e.message.partition("write error: ")[2] or e.message
            raise Fail("-: %s" % reason) from None


def _buffer_lines(read, eol):
    """(whole lines, the unfinished rest) of each buffer read, to the end."""
    while True:
        data = read()
        if not data:
            return
        lines = data.split(eol)
        last = lines.pop()
        yield lines, last


def lines_rr(s, out, read, k, n):
    """-n r/N and r/K/N: each buffer's lines go out by slicing."""
    eol = s.eol
    line_no = 0  # index of the file the next (or current partial) line goes to
    if k:
        w = stdout() if not s.unbuffered else None
        for lines, last in _buffer_lines(read, eol):
            m = len(lines)
            first = (k - 1 - line_no) % n
            mine = lines[first::n]
            piece = eol.join(mine) + eol if mine else b""
            if (line_no + m) % n == k - 1 and last:
                piece += last
            if piece:
                if w is None:
                    from multicall.stdio import flush_stdout
                    flush_stdout()
                    write_all(1, piece)
                else:
                    w.write(piece)
            line_no = (line_no + m) % n
        return
    names = [out.namer.next() for _ in range(n)]
    fds = [None] * n  # (fd, pid) once opened
    dead = [False] * n
    wrapped = False

    pending = [[] for _ in range(n)]
    held = [0] * n

    def flush(i):
        if pending[i]:
            data = b"".join(pending[i])
            pending[i] = []
            held[i] = 0
            if not dead[i] and not out.write(fds[i][0], names[i], data):
                dead[i] = True

    def ensure(i):
        if fds[i] is None:
            try:
                fds[i] = out.create(names[i])
            except OSError as e:
                raise Fail("%s: %s" % (quotef(names[i]), e.strerror)) from None

    for lines, last in _buffer_lines(read, eol):
        m = len(lines)
        for j in range(min(n, m + (1 if last else 0))):
            i = (line_no + j) % n
            mine = lines[j::n]
            piece = eol.join(mine) + eol if mine else b""
            if (m - j) % n == 0 and last:
                piece += last
            if not piece:
                continue
            ensure(i)
            if s.unbuffered:
                if not dead[i] and not out.write(fds[i][0], names[i], piece):
                    dead[i] = True
                continue
            # GNU writes through a stdio buffer per file (4 KiB here), which
            # decides when a --filter sees its data: keep the same rhythm.
            pending[i].append(piece)
            held[i] += len(piece)
            if held[i] >= 4096:
                flush(i)
        if line_no + m >= n:
            wrapped = True
        line_no = (line_no + m) % n
        if s.filter is not None and all(dead):
            break
    ceiling = n if wrapped else line_no
    for i in range(n):
        if i >= ceiling and not s.elide:
            ensure(i)
        if fds[i] is not None:
            flush(i)
            out.closeout(fds[i][0], fds[i][1], names[i])
            fds[i] = None
