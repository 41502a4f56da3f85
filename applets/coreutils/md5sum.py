"""md5sum, sha1sum, sha224sum, sha256sum, sha384sum, sha512sum, cksum and
sum: print or check checksums, as GNU coreutils 9.1's digest.c does.

One module for all of them because GNU builds them from one source: the
same output formats (`HASH  NAME`, ` *NAME` for -b, BSD-style `MD5 (NAME) =
HASH` for --tag, a leading backslash and \\\\ \\n \\r escapes for awkward
names, -z), the same --check parser and messages.  cksum adds -a ALGORITHM
(sysv bsd crc md5 sha1 sha224 sha256 sha384 sha512 blake2b sm3; tagged
output by default, --untagged, -l for blake2b) and prints the POSIX CRC by
default.  Hashing is hashlib fed from readinto() a reused 1 MiB buffer
through a memoryview, so the data is never copied in Python.  sum (-r BSD,
-s System V) is built from the same source in GNU 9.1 and shares the old
checksums with cksum -a {bsd,sysv,crc}, each read with readinto a reused
1 MiB buffer:

- crc: the POSIX CRC is the unreflected CRC-32 (polynomial 0x04C11DB7,
  initial value 0); zlib computes the reflected one.  Reversing the bits
  of every input byte (one bytes.translate per chunk) turns one into the
  other, so the hot loop is zlib.crc32 in C; the length bytes and the final
  bit reversal and complement are done once at the end.
- sysv: a plain byte sum.  Per chunk of at most 65000 bytes the sum is
  recovered exactly by the Chinese remainder theorem from adler32's first
  half (the sum mod 65521, computed in C) and the chunk read as one big
  integer mod 255 (256 = 1 mod 255, so that is the byte sum mod 255).
- bsd: each step rotates the 16-bit state right by one bit before adding
  the byte, with the carry out of bit 15 dropped; that mix of rotation and
  truncating addition is neither linear nor chunkable, so it is a tight
  per-byte loop over a precomputed rotation table (the slow path of this
  module: a few MB/s).
"""
import posix

from multicall.errors import Fail, Usage, quote, quotef, warn
from multicall.options import BadChoice, Spec, opt
from multicall.stdio import flush_stdout, stdout

# applet -> cksum algorithm
APPLET_ALGO = {"md5sum": "md5", "sha1sum": "sha1", "sha224sum": "sha224", "sha256sum": "sha256",
               "sha384sum": "sha384", "sha512sum": "sha512"}
# algorithm -> (tag, bits)
ALGOS = {"sysv": ("SYSV", 16), "bsd": ("BSD", 16), "crc": ("CRC", 32), "md5": ("MD5", 128),
         "sha1": ("SHA1", 160), "sha224": ("SHA224", 224), "sha256": ("SHA256", 256),
         "sha384": ("SHA384", 384), "sha512": ("SHA512", 512), "blake2b": ("BLAKE2b", 512),
         "sm3": ("SM3", 256)}
ORDER = ("bsd", "sysv", "crc", "md5", "sha1", "sha224", "sha256", "sha384", "sha512", "blake2b", "sm3")
TAG_ORDER = ("sysv", "bsd", "crc", "md5", "sha1", "sha224", "sha256", "sha384", "sha512", "blake2b", "sm3")
OLD = ("sysv", "bsd", "crc")
BLAKE2B_MAX = 512
BUF = 1 << 16  # fits in L2 with the hash state: 20% faster than 1 MiB here

_CHECK_NOTE = "The following five options are useful only when verifying checksums:"


def _exact_algorithm(text):
    if text in ORDER:
        return text
    raise BadChoice("invalid", ORDER)


def _zero_and_check_opts():
    """-z and the options of --check, as md5sum and cksum list them."""
    return (opt("-z, --zero", "end each output line with NUL, not newline,\n"
                "  and disable file name escaping"),
            opt("--ignore-missing", "don't fail or report status for missing files"),
            opt("--quiet", "don't print OK for each successfully verified file",
                dest="verbosity", kind="const", const="quiet"),
            opt("--status", "don't output anything, status code shows success",
                dest="verbosity", kind="const", const="status"),
            opt("--strict", "exit non-zero for improperly formatted checksum lines"),
            opt("-w, --warn", "warn about improperly formatted checksum lines",
                dest="verbosity", kind="const", const="warn"))


def _digest_spec(name):
    algo = APPLET_ALGO[name]
    tag, bits = ALGOS[algo]
    ref = "RFC 1321" if algo == "md5" else "FIPS-180-2"
    return Spec("[OPTION]... [FILE]...",
                "Print or check %s (%d-bit) checksums.\n\n"
                "With no FILE, or when FILE is -, read standard input." % (tag, bits),
                opt("-b, --binary", "read in binary mode"),
                opt("-c, --check", "read checksums from the FILEs and check them"),
                opt("--tag", "create a BSD-style checksum"),
                opt("-t, --text", "read in text mode (default)"),
                *_zero_and_check_opts(),
                epilog="The sums are computed as described in %s.\n"
                "When checking, the input should be a former output of this program.\n"
                "The default mode is to print a line with: checksum, a space,\n"
                "a character indicating input mode ('*' for binary, ' ' for text\n"
                "or where binary is insignificant), and name for each FILE.\n\n"
                "Note: There is no difference between binary mode and text mode on GNU systems." % ref)


SPEC = _digest_spec("md5sum")

CKSUM_SPEC = Spec("[OPTION]... [FILE]...",
                  "Print or verify checksums.\nBy default use the 32 bit CRC algorithm.\n\n"
                  "With no FILE, or when FILE is -, read standard input.\n\n"
                  "Mandatory arguments to long options are mandatory for short options too.",
                  opt("-a, --algorithm=TYPE", "select the digest type to use.  See DIGEST below.",
                      type=_exact_algorithm),
                  opt("-c, --check", "read checksums from the FILEs and check them"),
                  opt("-l, --length=BITS", "digest length in bits; must not exceed the max for\n"
                      "  the blake2 algorithm and must be a multiple of 8"),
                  opt("--tag", "create a BSD-style checksum (the default)"),
                  opt("--untagged", "create a reversed style checksum, without digest type"),
                  *_zero_and_check_opts(),
                  opt("--debug", "indicate which implementation used"),
                  # In GNU 9.1 cksum -b and -t are in the option string but
                  # unhandled: they only print the usage hint.
                  opt("-b", None, dest="bt", kind="const", const="b"),
                  opt("-t", None, dest="bt", kind="const", const="t"),
                  epilog="DIGEST determines the digest algorithm and default output format:\n"
                  "  sysv      (equivalent to sum -s)\n"
                  "  bsd       (equivalent to sum -r)\n"
                  "  crc       (equivalent to cksum)\n"
                  "  md5       (equivalent to md5sum)\n"
                  "  sha1      (equivalent to sha1sum)\n"
                  "  sha224    (equivalent to sha224sum)\n"
                  "  sha256    (equivalent to sha256sum)\n"
                  "  sha384    (equivalent to sha384sum)\n"
                  "  sha512    (equivalent to sha512sum)\n"
                  "  blake2b   (equivalent to b2sum)\n"
                  "  sm3       (only available through cksum)\n\n"
                  "When checking, the input should be a former output of this program,\n"
                  "or equivalent standalone program.")


class _Run:
    """The settings of one run (GNU keeps these in globals)."""

    def __init__(self, prog, cksum):
        self.prog = prog
        self.cksum = cksum
        self.algo = "crc"
        self.specified = False
        self.bits = 0
        self.delim = b"\n"
        self.status_only = False
        self.warn = False
        self.quiet = False
        self.strict = False
        self.ignore_missing = False
        self.bsd_reversed = -1

    @property
    def tag(self):
        return ALGOS[self.algo][0]

    @property
    def hex_len(self):
        return self.bits // 4


def main(argv):
    prog = argv[0]
    if prog == "sum":
        return sum_main(argv)
    cksum = prog == "cksum"
    if cksum:
        opts = CKSUM_SPEC.parse(argv)
    else:
        opts = (SPEC if prog == "md5sum" else _digest_spec(prog)).parse(argv)
    run = _Run(prog, cksum)
    if cksum and opts.bt is not None:
        raise _usage_only()
    binary, prefix_tag = _modes(opts)
    if opts.verbosity == "status":
        run.status_only = True
    elif opts.verbosity == "warn":
        run.warn = True
    elif opts.verbosity == "quiet":
        run.quiet = True
    run.strict = opts.strict
    run.ignore_missing = opts.ignore_missing
    if opts.zero:
        run.delim = b"\0"
    if cksum:
        if opts.algorithm is not None:
            run.algo = opts.algorithm
            run.specified = True
        if opts.algorithm == "sm3":
            _sm3_available()
        bits = 0
        if opts.length is not None:
            bits = _parse_length(opts.length)
            if run.algo != "blake2b":
                raise Fail("--length is only supported with --algorithm=blake2b")
            if bits > BLAKE2B_MAX:
                warn(prog, "invalid length: %s" % quote(opts.length))
                raise Fail("maximum digest length for %s is %d bits" % (quote("BLAKE2b"), BLAKE2B_MAX))
            if bits % 8:
                warn(prog, "invalid length: %s" % quote(opts.length))
                raise Fail("length is not a multiple of 8")
        run.bits = bits or ALGOS[run.algo][1]
        if run.algo in OLD and opts.check and run.specified:
            raise Fail("--check is not supported with --algorithm={bsd,sysv,crc}")
    else:
        run.algo = APPLET_ALGO[prog]
        run.bits = ALGOS[run.algo][1]
    if prefix_tag == -1:
        prefix_tag = 1 if cksum else 0
    if prefix_tag and not binary:
        raise Usage("--text mode is only supported with --untagged" if cksum
                    else "--tag does not support --text mode")
    check = opts.check
    if opts.zero and check:
        raise Usage("the --zero option is not supported when verifying checksums")
    if not cksum and prefix_tag and check:
        raise Usage("the --tag option is meaningless when verifying checksums")
    if binary >= 0 and check:
        raise Usage("the --binary and --text options are meaningless when verifying checksums")
    for flag, name in ((run.ignore_missing, "--ignore-missing"), (run.status_only, "--status"),
                       (run.warn, "--warn"), (run.quiet, "--quiet"), (run.strict, "--strict")):
        if flag and not check:
            raise Usage("the %s option is meaningful only when verifying checksums" % name)
    if binary < 0:
        binary = 0
    if cksum and opts.debug and run.algo == "crc":
        warn(prog, "using generic hardware support")
    files = opts.operands or ["-"]
    args = bool(opts.operands)
    out = stdout(line=True)
    ok = True
    for name in files:
        if check:
            ok &= _check(run, name, out)
            continue
        res = _digest_file(run, name)
        if res is None:
            ok = False
            continue
        if res is _MISSING:
            continue
        out.write(_output(run, name, binary, res, prefix_tag, args))
    return 0 if ok else 1


def _usage_only():
    """GNU 9.1 cksum: -b and -t end in usage(EXIT_FAILURE), no message."""
    from multicall.errors import Exit, write_stderr, try_help
    write_stderr(try_help("cksum"))
    return Exit(1)


def _modes(opts):
    """(binary, prefix_tag) after GNU's getopt loop over -b -t --tag --untagged."""
    binary = -1
    prefix_tag = -1
    for const in opts.given:
        if const == "binary":
            binary = 1
        elif const == "text":
            binary = 0
        elif const == "tag":
            prefix_tag = 1
            binary = 1
        elif const == "untagged":
            if prefix_tag == 1:
                binary = -1
            prefix_tag = 0
    return binary, prefix_tag


def _parse_length(text):
    s = text.strip()
    if not s.isdigit() or not s.isascii():
        raise Fail("invalid length: %s" % quote(text))
    return int(s)


def _sm3_available():
    import hashlib
    try:
        hashlib.new("sm3")
    except ValueError:
        raise Fail("sm3 is not available: this Python's OpenSSL lacks SM3") from None


_MISSING = object()


def _hasher(run):
    import hashlib
    if run.algo == "blake2b":
        return hashlib.blake2b(digest_size=run.bits // 8)
    if run.algo == "sm3":
        return hashlib.new("sm3")
    return hashlib.new(run.algo)


def _digest_file(run, name):
    """The digest (bytes, or (value, length) for the old sums) of a file;
    None after reporting an error; _MISSING for a missing file under
    --ignore-missing."""
    if name == "-":
        fd = 0
    else:
        try:
            fd = posix.open(name, posix.O_RDONLY | posix.O_CLOEXEC)
        except OSError as e:
            if run.ignore_missing and e.errno == 2:
                return _MISSING
            _report(run, name, e)
            return None
    try:
        if run.algo in OLD:
            return OLD_SUMS[run.algo](fd)
        return _hash_fd(run, fd)
    except OSError as e:
        _report(run, name, e)
        return None
    finally:
        if fd:
            posix.close(fd)


def _report(run, name, e):
    flush_stdout()
    warn(run.prog, quotef(name), e.strerror or str(e))


def _hash_fd(run, fd):
    import _io
    h = _hasher(run)
    buf = bytearray(BUF)
    mv = memoryview(buf)
    readinto = _io.FileIO(fd, "rb", closefd=False).readinto
    update = h.update
    while True:
        n = readinto(buf)
        if not n:
            break
        update(mv[:n])
    return h.digest()


def _problematic(name):
    return "\\" in name or "\n" in name or "\r" in name


def _escape(name):
    return name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")


def _enc(s):
    return s.encode("utf-8", "surrogateescape")


def _output(run, name, binary, res, tagged, args):
    if run.algo in OLD:
        value, length = res
        return format_line(run.algo, value, length, name if args else None, run.delim)
    needs_escape = run.delim == b"\n" and _problematic(name)
    shown = _escape(name) if needs_escape else name
    parts = ["\\" if needs_escape else ""]
    if tagged:
        parts.append(run.tag)
        if run.algo == "blake2b" and run.bits < BLAKE2B_MAX:
            parts.append("-%d" % run.bits)
        parts.append(" (%s) = " % shown)
        parts.append(res.hex())
    else:
        parts.append(res.hex())
        parts.append(" *" if binary else "  ")
        parts.append(shown)
    return _enc("".join(parts)) + run.delim


# -- checking --------------------------------------------------------------------

def _check(run, checkfile, out):
    """Verify the checksum lines of one file; True if all is well."""
    is_stdin = checkfile == "-"
    shown_name = "standard input" if is_stdin else checkfile
    prog = run.prog
    if is_stdin:
        fd = 0
    else:
        try:
            fd = posix.open(checkfile, posix.O_RDONLY | posix.O_CLOEXEC)
        except OSError as e:
            _report(run, checkfile, e)
            return False
    misformatted = mismatched = unreadable = 0
    properly = matched = False
    read_error = None
    try:
        lineno = 0
        for line in _lines(fd):
            lineno += 1
            if line[:1] == b"#":
                continue
            if line.endswith(b"\n"):
                line = line[:-1]
            if line.endswith(b"\r"):
                line = line[:-1]
            if not line:
                continue
            parsed = _split_3(run, line)
            if parsed is None or (is_stdin and parsed[2] == b"-"):
                misformatted += 1
                if run.warn:
                    flush_stdout()
                    warn(prog, "%s: %d: improperly formatted %s checksum line"
                         % (quotef(shown_name), lineno, run.tag))
                continue
            hexd, _binary, fname = parsed
            name = fname.decode("utf-8", "surrogateescape")
            properly = True
            # 9.1 escapes names in check output only for a newline
            needs_escape = not run.status_only and "\n" in name
            shown = ("\\" + name.replace("\\", "\\\\").replace("\n", "\\n")) if needs_escape else name
            res = _digest_file(run, name)
            if res is None:
                unreadable += 1
                if not run.status_only:
                    out.write(_enc(shown) + b": FAILED open or read\n")
                continue
            if res is _MISSING:
                continue
            match = len(hexd) == run.hex_len and hexd.lower() == res.hex().encode()
            if match:
                matched = True
            else:
                mismatched += 1
            if not run.status_only:
                if not match:
                    out.write(_enc(shown) + b": FAILED\n")
                elif not run.quiet:
                    out.write(_enc(shown) + b": OK\n")
    except OSError as e:
        read_error = e
    finally:
        if fd:
            posix.close(fd)
    flush_stdout()
    if read_error is not None:
        warn(prog, "%s: read error" % quotef(shown_name))
        return False
    if not properly:
        warn(prog, "%s: no properly formatted checksum lines found" % quotef(shown_name))
    elif not run.status_only:
        if misformatted:
            warn(prog, "WARNING: %d line%s improperly formatted"
                 % (misformatted, " is" if misformatted == 1 else "s are"))
        if unreadable:
            warn(prog, "WARNING: %d listed file%s could not be read"
                 % (unreadable, "" if unreadable == 1 else "s"))
        if mismatched:
            warn(prog, "WARNING: %d computed checksum%s did NOT match"
                 % (mismatched, "" if mismatched == 1 else "s"))
        if run.ignore_missing and not matched:
            warn(prog, "%s: no file was verified" % quotef(shown_name))
    return (properly and matched and not mismatched and not unreadable
            and (not run.strict or not misformatted))


def _lines(fd):
    from multicall.stdio import lines
    return lines(fd)


_HEXDIGITS = frozenset(b"0123456789abcdefABCDEF")


def _unescape(s):
    """GNU's filename_unescape: \\\\ \\n \\r only; None if invalid."""
    out = bytearray()
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c == 0x5C:
            if i == n - 1:
                return None
            i += 1
            c = s[i]
            if c == 0x6E:
                out.append(10)
            elif c == 0x72:
                out.append(13)
            elif c == 0x5C:
                out.append(0x5C)
            else:
                return None
        elif c == 0:
            return None
        else:
            out.append(c)
        i += 1
    return bytes(out)


def _valid_hex(d, run):
    return len(d) == run.hex_len and all(c in _HEXDIGITS for c in d)


def _algorithm_from_tag(s):
    """The cksum algorithm whose tag starts s, or None."""
    max_len = max(len(ALGOS[a][0]) for a in TAG_ORDER)
    i = 0
    while i <= max_len and i < len(s) and s[i] not in b" \t-(":
        i += 1
    if i > max_len:
        return None
    word = s[:i]
    for a in TAG_ORDER:
        if ALGOS[a][0].encode() == word:
            return a
    return None


def _split_3(run, s):
    """GNU's split_3: (hex digest, binary flag, file name) or None."""
    i = 0
    n = len(s)
    while i < n and s[i] in b" \t":
        i += 1
    escaped = False
    if i < n and s[i] == 0x5C:
        i += 1
        escaped = True
    if run.cksum and not run.specified:
        algo = _algorithm_from_tag(s[i:])
        if algo is None or algo in OLD:
            return None
        run.algo = algo
    tag = run.tag.encode()
    if s[i:i + len(tag)] == tag:
        i += len(tag)
        if run.cksum:
            length_specified = s[i:i + 1] == b"-"
            openssl = s[i:i + 1] == b"("
            i += 1  # GNU ends the name here, whatever the byte
            if openssl:
                i -= 1
            run.bits = ALGOS[run.algo][1]
            if length_specified:
                length, j = _strtoumax(s, i)
                if j is None or not (0 < length <= run.bits and length % 8 == 0):
                    return None
                i = j
                run.bits = length
        if s[i:i + 1] == b" ":
            i += 1
        if s[i:i + 1] == b"(":
            i += 1
            return _bsd_split_3(run, s[i:], escaped)
        return None
    min_len = 3 if run.cksum else run.hex_len + 2
    if n - i < min_len + (s[i:i + 1] == b"\\"):
        return None
    start = i
    if run.cksum and run.algo == "blake2b":
        k = i
        while k < n and s[k] in _HEXDIGITS:
            k += 1
        count = k - i
        if count < 2 or count % 2 or count > BLAKE2B_MAX // 4:
            return None
        run.bits = count * 4
    while i < n and s[i] not in b" \t":
        i += 1
    if i == n:
        return None
    digest = s[start:i]
    i += 1
    if not _valid_hex(digest, run):
        return None
    binary = 0
    if n - i == 1 or (s[i:i + 1] not in (b" ", b"*")):
        if run.bsd_reversed == 0:
            return None
        run.bsd_reversed = 1
    elif run.bsd_reversed != 1:
        run.bsd_reversed = 0
        binary = 1 if s[i] == 0x2A else 0
        i += 1
    name = s[i:]
    if escaped:
        name = _unescape(name)
        if name is None:
            return None
    if b"\0" in name:
        return None
    return digest, binary, name


def _strtoumax(s, i):
    """strtoumax(s + i, &end, 0) for a length: (value, end) or (0, None)."""
    n = len(s)
    while i < n and s[i] in b" \t\n\v\f\r":
        i += 1
    if s[i:i + 1] == b"+":
        i += 1
    base, digits = 10, b"0123456789"
    if s[i:i + 2] in (b"0x", b"0X") and i + 2 < n and s[i + 2] in _HEXDIGITS:
        base, digits = 16, bytes(_HEXDIGITS)
        i += 2
    elif s[i:i + 1] == b"0":
        base, digits = 8, b"01234567"
    j = i
    while j < n and s[j] in digits:
        j += 1
    if j == i:
        return 0, None
    return int(s[i:j], base), j


def _bsd_split_3(run, s, escaped):
    n = len(s)
    if n == 0:
        return None
    i = n - 1
    while i and s[i] != 0x29:
        i -= 1
    if s[i] != 0x29:
        return None
    name = s[:i]
    if escaped:
        name = _unescape(name)
        if name is None:
            return None
    i += 1
    while i < n and s[i] in b" \t":
        i += 1
    if s[i:i + 1] != b"=":
        return None
    i += 1
    while i < n and s[i] in b" \t":
        i += 1
    digest = s[i:]
    if not _valid_hex(digest, run):
        return None
    return digest, 0, name


# -- sum -------------------------------------------------------------------------

SUM_SPEC = Spec("[OPTION]... [FILE]...",
            "Print or check BSD (16-bit) checksums.\n\n"
            "With no FILE, or when FILE is -, read standard input.",
            opt("-r", "use BSD sum algorithm (the default), use 1K blocks",
                dest="algorithm", kind="const", const="bsd"),
            opt("-s, --sysv", "use System V sum algorithm, use 512 bytes blocks",
                dest="algorithm", kind="const", const="sysv"))


def sum_main(argv):
    opts = SUM_SPEC.parse(argv)
    algo = opts.algorithm or "bsd"
    func = OLD_SUMS[algo]
    out = stdout(line=True)
    status = 0
    args = bool(opts.operands)
    for name in opts.operands or ["-"]:
        fd = 0
        try:
            if name != "-":
                fd = posix.open(name, posix.O_RDONLY | posix.O_CLOEXEC)
            value, length = func(fd)
        except OSError as e:
            flush_stdout()
            warn(opts.prog, quotef(name), e.strerror or str(e))
            status = 1
            continue
        finally:
            if fd:
                posix.close(fd)
        out.write(format_line(algo, value, length, name if args else None, b"\n"))
    return status


# -- the old checksums: POSIX CRC, BSD and System V sums -----------------------------



def _chunks(fd):
    buf = bytearray(BUF)
    mv = memoryview(buf)
    readinto = _reader(fd)
    while True:
        n = readinto(buf)
        if not n:
            return
        yield mv[:n]


def _reader(fd):
    import _io
    return _io.FileIO(fd, "rb", closefd=False).readinto


def _reverse_table():
    return bytes(int("{:08b}".format(b)[::-1], 2) for b in range(256))


def _rev32(x):
    return int("{:032b}".format(x)[::-1], 2)


def crc(fd):
    """POSIX cksum: (crc, length)."""
    import zlib
    rev = _reverse_table()
    state = 0xFFFFFFFF  # zlib's running value for a raw register of 0
    length = 0
    for piece in _chunks(fd):
        length += len(piece)
        state = zlib.crc32(bytes(piece).translate(rev), state)
    n = length
    tail = bytearray()
    while n:
        tail.append(n & 0xFF)
        n >>= 8
    if tail:
        state = zlib.crc32(bytes(tail).translate(rev), state)
    raw = state ^ 0xFFFFFFFF
    return (~_rev32(raw)) & 0xFFFFFFFF, length


def sysv(fd):
    """System V sum: (checksum, length)."""
    import zlib
    total = 0
    length = 0
    step = 65000  # 255 * 65000 < 255 * 65521: the CRT recovers the exact sum
    for piece in _chunks(fd):
        length += len(piece)
        for i in range(0, len(piece), step):
            part = piece[i:i + step]
            a = (zlib.adler32(part) & 0xFFFF) - 1  # byte sum mod 65521
            if a < 0:
                a += 65521
            b = int.from_bytes(part, "little") % 255  # byte sum mod 255
            # the x with x = a (mod 65521) and x = b (mod 255)
            total += a + 65521 * (((b - a) * 91) % 255)  # 91 = 65521**-1 mod 255
    s = total & 0xFFFFFFFF
    r = (s & 0xFFFF) + (s >> 16)
    return (r & 0xFFFF) + (r >> 16), length


def bsd(fd):
    """BSD sum: (checksum, length)."""
    # A compact table (128 KiB, it stays in the cache) of the rotation; a
    # memoryview of 16-bit items needs no import (array pulls in collections).
    table = bytearray(2 * 65536)
    rot = memoryview(table).cast("H")
    for x in range(65536):
        rot[x] = (x >> 1) | ((x & 1) << 15)
    ck = 0
    length = 0
    for piece in _chunks(fd):
        length += len(piece)
        for b in bytes(piece):
            ck = rot[ck] + b & 0xFFFF
    return ck, length


def blocks(length, size):
    """Blocks of `size` bytes, rounded up, as sum and cksum print them."""
    return (length + size - 1) // size


def format_line(algo, value, length, name, delim):
    """The line sum / cksum -a {bsd,sysv,crc} print (name may be None)."""
    if algo == "bsd":
        head = b"%05d %5d" % (value, blocks(length, 1024))
    elif algo == "sysv":
        head = b"%d %d" % (value, blocks(length, 512))
    else:
        head = b"%d %d" % (value, length)
    if name is not None:
        head += b" " + name.encode("utf-8", "surrogateescape")
    return head + delim


OLD_SUMS = {"crc": crc, "sysv": sysv, "bsd": bsd}
