"""shuf: write a random permutation of the input lines.

The random numbers are GNU's: randint_genmax() draws as few bytes as it can
from the source and keeps the unused randomness for the next draw, the
permutation is GNU's partial Fisher-Yates (randperm_new), and a big or
unsized input with -n goes through GNU's reservoir sampling.  So with
--random-source=FILE the output is a function of FILE's bytes (the same
as GNU's, byte for byte); without it the bytes come from os.urandom.

Input is read in 256 KiB chunks and split with bytes.split; only the
reservoir path (-n with a pipe or an input over 8 MiB) looks at lines one
at a time, since it must draw a number for each.  The `random` module is
not used.
"""
import posix

from multicall.errors import Fail, Usage, quote, quotef
from multicall.options import LIST, Spec, opt
from multicall.stdio import chunks, open_input, stdout

SPEC = Spec(("[OPTION]... [FILE]", "-e [OPTION]... [ARG]...", "-i LO-HI [OPTION]..."),
            "Write a random permutation of the input lines to standard output.\n\n"
            "With no FILE, or when FILE is -, read standard input.",
            opt("-e, --echo", "treat each ARG as an input line"),
            opt("-i, --input-range=LO-HI", "treat each number LO through HI as an input line",
                dest="events", kind=LIST, type=lambda v: ("i", v)),
            opt("-n, --head-count=COUNT", "output at most COUNT lines",
                dest="events", kind=LIST, type=lambda v: ("n", v)),
            opt("-o, --output=FILE", "write result to FILE instead of standard output",
                dest="events", kind=LIST, type=lambda v: ("o", v)),
            opt("--random-source=FILE", "get random bytes from FILE",
                dest="events", kind=LIST, type=lambda v: ("r", v)),
            opt("-r, --repeat", "output lines can be repeated"),
            opt("-z, --zero-terminated", "line delimiter is NUL, not newline"))

_MAX = (1 << 64) - 1  # SIZE_MAX and UINTMAX_MAX
_MASK = _MAX
RESERVOIR_MIN_INPUT = 8 * 1024 * 1024


def _dectoumax(text, what):
    """GNU xdectoumax(text, 0, UINTMAX_MAX, ""): decimal, leading blanks and
    `+` allowed, no suffix; Fail with `what: 'text'` otherwise."""
    s = text.lstrip(" \t\n\v\f\r")
    digits = s[1:] if s[:1] == "+" else s
    if not digits or not digits.isdigit() or not digits.isascii():
        raise Fail("%s: %s" % (what, quote(text)))
    v = int(digits)
    if v > _MAX:
        raise Fail("%s: %s: Value too large for defined data type" % (what, quote(text)))
    return v


def _count(text):
    """-n COUNT: like xstrtoumax; an overflowing count means no limit."""
    s = text.lstrip(" \t\n\v\f\r")
    digits = s[1:] if s[:1] == "+" else s
    if not digits or not digits.isdigit() or not digits.isascii():
        raise Fail("invalid line count: %s" % quote(text))
    return min(int(digits), _MAX)


def _range(text):
    """-i LO-HI with GNU's checks; returns (lo, hi)."""
    lo = 0
    dash = text.find("-")
    hi_text = text
    if dash >= 0:
        lo = _dectoumax(text[:dash], "invalid input range")
        hi_text = text[dash + 1:]
    hi = _dectoumax(hi_text, "invalid input range")
    n = (hi - lo + 1) & _MASK
    if dash < 0 or (lo <= hi) == (n == 0):
        raise Fail("invalid input range: %s" % quote(text))
    return lo, hi


class RandomSource:
    """GNU's randint source: bytes from a file (or os.urandom), turned into
    uniform integers by randint_genmax without wasting randomness."""

    def __init__(self, name):
        self.name = name
        self.fd = None
        self.buf = b""
        self.pos = 0
        self.randnum = 0
        self.randmax = 0
        if name is not None:
            try:
                self.fd = posix.open(name, posix.O_RDONLY | posix.O_CLOEXEC)
            except OSError as e:
                raise Fail("%s: %s" % (quotef(name), e.strerror)) from None

    def close(self):
        if self.fd is not None:
            posix.close(self.fd)
            self.fd = None

    def _bytes(self, n):
        """The next n bytes of the source (GNU's randread)."""
        avail = len(self.buf) - self.pos
        if avail < n:
            parts = [self.buf[self.pos:]]
            while avail < n:
                if self.fd is None:
                    more = posix.urandom(max(4096, n))
                else:
                    try:
                        more = posix.read(self.fd, 65536)
                    except OSError as e:
                        raise Fail("%s: read error: %s" % (quote(self.name), e.strerror)) from None
                    if not more:
                        raise Fail("%s: end of file" % quote(self.name))
                parts.append(more)
                avail += len(more)
            self.buf = b"".join(parts)
            self.pos = 0
        b = self.buf[self.pos:self.pos + n]
        self.pos += n
        return b

    def genmax(self, genmax):
        """A uniform integer in [0, genmax] (GNU's randint_genmax)."""
        randnum = self.randnum
        randmax = self.randmax
        choices = genmax + 1
        while True:
            if randmax < genmax:
                i = 0
                rmax = randmax
                while True:
                    rmax = ((rmax << 8) & _MASK) + 255
                    i += 1
                    if rmax >= genmax:
                        break
                buf = self._bytes(i)
                i = 0
                while True:
                    randnum = ((randnum << 8) & _MASK) + buf[i]
                    randmax = ((randmax << 8) & _MASK) + 255
                    i += 1
                    if randmax >= genmax:
                        break
            if randmax == genmax:
                self.randnum = self.randmax = 0
                return randnum
            excess = randmax - genmax
            unusable = excess % choices
            last_usable = randmax - unusable
            reduced = randnum % choices
            if randnum <= last_usable:
                self.randnum = randnum // choices
                self.randmax = excess // choices
                return reduced
            randnum = reduced
            randmax = unusable - 1

    def choose(self, n):
        return self.genmax(n - 1)

    def choices(self, counts):
        """Yield choose(c) for each c in `counts`: genmax() inlined, for the
        bulk paths (a full permutation, -r).  Bounds of 2**56 and more take
        the general path, where GNU's shifts may wrap."""
        randnum = self.randnum
        randmax = self.randmax
        buf = self.buf
        pos = self.pos
        try:
            for choices in counts:
                genmax = choices - 1
                if genmax >= 1 << 56:
                    self.randnum, self.randmax, self.buf, self.pos = randnum, randmax, buf, pos
                    r = self.genmax(genmax)
                    randnum, randmax, buf, pos = self.randnum, self.randmax, self.buf, self.pos
                    yield r
                    continue
                while True:
                    if randmax < genmax:
                        k = 1
                        rmax = (randmax << 8) | 255
                        while rmax < genmax:
                            rmax = (rmax << 8) | 255
                            k += 1
                        end = pos + k
                        if end > len(buf):
                            self.buf, self.pos = buf, pos
                            part = self._bytes(k)
                            buf, pos = self.buf, self.pos
                        else:
                            part = buf[pos:end]
                            pos = end
                        randnum = (randnum << (8 * k)) | int.from_bytes(part, "big")
                        randmax = rmax
                    if randmax == genmax:
                        r = randnum
                        randnum = randmax = 0
                        break
                    excess = randmax - genmax
                    unusable = excess % choices
                    if randnum <= randmax - unusable:
                        r = randnum % choices
                        randnum //= choices
                        randmax = excess // choices
                        break
                    randnum %= choices
                    randmax = unusable - 1
                yield r
        finally:
            self.randnum, self.randmax, self.buf, self.pos = randnum, randmax, buf, pos


def randperm(src, h, n):
    """The first h items of GNU's random permutation of range(n)."""
    if h == 0:
        return []
    choose = src.choose
    if n // 128 > h:  # sparse: GNU uses a hash table here, same sequence
        v = {}
        out = []
        for i in range(h):
            j = i + choose(n - i)
            vi = v.get(i, i)
            vj = v.get(j, j)
            v[i] = vj
            v[j] = vi
            out.append(vj)
        return out
    v = list(range(n))
    i = 0
    for r in src.choices(range(n, n - h, -1)):
        j = i + r
        v[i], v[j] = v[j], v[i]
        i += 1
    del v[h:]
    return v


def main(argv):
    opts = SPEC.parse(argv)
    head = _MAX
    rng = None
    outfile = None
    source = None
    for kind, val in opts.events:
        if kind == "i":
            if rng is not None:
                raise Fail("multiple -i options specified")
            rng = _range(val)
        elif kind == "n":
            head = min(head, _count(val))
        elif kind == "o":
            if outfile is not None and outfile != val:
                raise Fail("multiple output files specified")
            outfile = val
        else:
            if source is not None and source != val:
                raise Fail("multiple random sources specified")
            source = val
    operands = opts.operands
    if opts.echo and rng is not None:
        raise Usage("cannot combine -e and -i options")
    if (len(operands) > 0) if rng is not None else (not opts.echo and len(operands) > 1):
        raise Usage("extra operand %s" % quote(operands[0 if rng is not None else 1]))
    eol = b"\0" if opts.zero_terminated else b"\n"
    repeat = opts.repeat

    lines = None
    reservoir_fd = None
    n_lines = 0
    if head == 0:
        pass
    elif opts.echo:
        lines = [a.encode("utf-8", "surrogateescape") for a in operands]
        n_lines = len(lines)
    elif rng is not None:
        n_lines = rng[1] - rng[0] + 1
    else:
        name = operands[0] if operands else "-"
        try:
            fd = open_input(name)
        except OSError as e:
            raise Fail("%s: %s" % (quotef(name), e.strerror)) from None
        if repeat or head == _MAX or _input_size(fd) <= RESERVOIR_MIN_INPUT:
            try:
                lines = _read_lines(fd, eol)
            finally:
                if fd != 0:
                    posix.close(fd)
            n_lines = len(lines)
        else:
            reservoir_fd = fd

    ahead = head if repeat or head < n_lines else n_lines
    src = RandomSource(source)
    try:
        if reservoir_fd is not None:
            try:
                lines = _reservoir(reservoir_fd, eol, head, src)
            finally:
                if reservoir_fd != 0:
                    posix.close(reservoir_fd)
            n_lines = ahead = len(lines)
        perm = None
        if not repeat:
            perm = randperm(src, ahead, n_lines)
        out, close = _output(outfile)
        try:
            if repeat:
                if head != 0:
                    if n_lines == 0:
                        raise Fail("no lines to repeat")
                    _write_repeat(out, src, ahead, lines, rng, eol)
            elif rng is not None:
                lo = rng[0]
                _write_all(out, (b"%d%s" % (lo + p, eol) for p in perm))
            elif perm:
                get = lines.__getitem__
                for i in range(0, len(perm), 65536):
                    out.write(eol.join(map(get, perm[i:i + 65536])) + eol)
        finally:
            close()
    finally:
        src.close()
    return 0


def _input_size(fd):
    """Bytes left in a regular input, or a huge number when unknown (GNU)."""
    try:
        st = posix.fstat(fd)
        if st.st_mode & 0o170000 != 0o100000:
            return _MAX
        return st.st_size - posix.lseek(fd, 0, 1)
    except OSError:
        return _MAX


def _read_lines(fd, eol):
    try:
        data = b"".join(chunks(fd))
    except OSError as e:
        raise Fail("read error: %s" % e.strerror) from None
    if not data:
        return []
    if not data.endswith(eol):
        data += eol
    lines = data.split(eol)
    lines.pop()
    return lines


def _reservoir(fd, eol, k, src):
    """GNU's read_input_reservoir_sampling: keep k random lines."""
    rsrv = []
    n = 0
    rest = b""
    more = True  # GNU draws once more after filling, even at end of input

    def records():
        nonlocal rest
        try:
            for data in chunks(fd):
                parts = (rest + data).split(eol)
                rest = parts.pop()
                yield from parts
        except OSError as e:
            raise Fail("read error: %s" % e.strerror) from None
        if rest:
            yield rest

    it = records()
    for line in it:
        rsrv.append(line)
        n += 1
        if n >= k:
            break
    else:
        more = False
    if more:
        choose = src.choose
        while True:
            j = choose(n + 1)
            line = next(it, None)
            if line is None:
                break
            n += 1
            if j < k:
                rsrv[j] = line
    return rsrv


def _output(outfile):
    """(writer, close) for standard output or -o FILE (opened only now,
    after the input was read, so `shuf -o f f` works as in GNU)."""
    if outfile is None:
        return stdout(), lambda: None
    import _io
    try:
        fd = posix.open(outfile, posix.O_WRONLY | posix.O_CREAT | posix.O_TRUNC | posix.O_CLOEXEC, 0o666)
    except OSError as e:
        raise Fail("%s: %s" % (quotef(outfile), e.strerror)) from None
    w = _io.open(fd, "wb", buffering=128 * 1024, closefd=True)

    def close():
        try:
            w.close()
        except OSError as e:
            raise Fail("write error: %s" % e.strerror) from None
    return _Checked(w), close


class _Checked:
    """A file writer whose errors become `write error: REASON`."""

    def __init__(self, w):
        self.w = w

    def write(self, data):
        try:
            return self.w.write(data)
        except OSError as e:
            raise Fail("write error: %s" % e.strerror) from None


def _write_all(out, pieces, batch=4096):
    buf = []
    try:
        for p in pieces:
            buf.append(p)
            if len(buf) >= batch:
                out.write(b"".join(buf))
                buf = []
    finally:
        # with -r the random source can run dry midway: what was drawn
        # before is still output, as GNU's buffered stdout does
        if buf:
            out.write(b"".join(buf))


def _times(repeat, value, count):
    """itertools.repeat(value, count), endless for counts past any real run."""
    return repeat(value) if count >= 1 << 62 else repeat(value, count)


def _write_repeat(out, src, count, lines, rng, eol):
    from itertools import repeat
    if rng is not None:
        lo, hi = rng
        span = hi - lo + 1

        gen = (b"%d%s" % (lo + r, eol) for r in src.choices(_times(repeat, span, count)))
    else:
        gen = (lines[r] + eol for r in src.choices(_times(repeat, len(lines), count)))
    _write_all(out, gen)
