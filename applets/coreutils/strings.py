"""strings: print the runs of printable characters in files (binutils').

Fast path: one compiled bytes pattern per (encoding, minimum length) finds
the runs in 256 KiB chunks (finditer runs in C); a run that reaches the end
of a chunk is printed at once and continued into the next chunk, and the
tail that might still start a run is carried over, so memory stays flat
whatever the input.  For the 16- and 32-bit encodings the pattern matches
whole code units (`[G]\\0` for -e l ...): the leftmost-match scan finds the
same strings as binutils' byte-by-byte restart rule, because a unit that
straddles a printable run can never itself be printable.

-d reads ELF files (32/64-bit, either byte order) and scans only their
initialized, allocated sections, as BFD does; other files are scanned
whole.  -U (UTF-8 handling) is a faithful port of binutils 2.40's byte
state machine, offsets and all: it is the slow path, kept for exactness.
The behaviour, messages and exit statuses follow GNU strings (binutils
2.40); @FILE reads options from FILE (libiberty's expandargv).
"""
import posix

from multicall.errors import Exit, Usage, text, write_stderr
from multicall.options import CONST, LIST, Spec, opt
from multicall.stdio import chunks, stdout

TARGETS = ("elf64-x86-64 elf32-i386 elf32-iamcu elf32-x86-64 elf64-little elf64-big "
           "elf32-little elf32-big binary")

USAGE = """\
Usage: %s [option(s)] [file(s)]
 Display printable strings in [file(s)] (stdin by default)
 The options are:
  -a - --all                Scan the entire file, not just the data section [default]
  -d --data                 Only scan the data sections in the file
  -f --print-file-name      Print the name of the file before each string
  -n <number>               Locate & print any sequence of at least <number>
    --bytes=<number>         displayable characters.  (The default is 4).
  -t --radix={o,d,x}        Print the location of the string in base 8, 10 or 16
  -w --include-all-whitespace Include all whitespace as valid string characters
  -o                        An alias for --radix=o
  -T --target=<BFDNAME>     Specify the binary file format
  -e --encoding={s,S,b,l,B,L} Select character size and endianness:
                            s = 7-bit, S = 8-bit, {b,l} = 16-bit, {B,L} = 32-bit
  --unicode={default|show|invalid|hex|escape|highlight}
  -U {d|s|i|x|e|h}          Specify how to treat UTF-8 encoded unicode characters
  -s --output-separator=<string> String used to separate strings in output.
  @<file>                   Read options from <file>
  -h --help                 Display this information
  -v -V --version           Print the program's version number
%s: supported targets: %s
"""

SPEC = Spec("[option(s)] [file(s)]", "Display printable strings in [file(s)] (stdin by default)",
            opt("-a, --all", "Scan the entire file, not just the data section [default]",
                dest="data", kind=CONST, const=False, default=False),
            opt("-d, --data", "Only scan the data sections in the file", dest="data", kind=CONST, const=True),
            opt("-f, --print-file-name", "Print the name of the file before each string"),
            opt("-n, --bytes=NUMBER", "print sequences of at least NUMBER characters (default 4)",
                dest="bytes", kind=LIST),
            opt("-t, --radix=RADIX", "Print the location of the string in base 8, 10 or 16 (o, d, x)",
                dest="radix", kind=LIST),
            opt("-w, --include-all-whitespace", "Include all whitespace as valid string characters"),
            opt("-o", "An alias for --radix=o", dest="radix", kind=LIST, type=None),
            opt("-T, --target=BFDNAME", "Specify the binary file format"),
            opt("-e, --encoding=ENCODING", "s = 7-bit, S = 8-bit, {b,l} = 16-bit, {B,L} = 32-bit",
                dest="encoding", kind=LIST),
            opt("--unicode=MODE", "{default|invalid|hex|escape|highlight|locale}", dest="unicode", kind=LIST),
            opt("-U MODE", "Specify how to treat UTF-8 encoded unicode characters", dest="unicode", kind=LIST),
            opt("-s, --output-separator=STRING", "String used to separate strings in output"),
            opt("-h, --help", "Display this information", dest="help"),
            opt("-H", None, dest="help"),
            opt("-v, -V, --version", "Print the program's version number", dest="version"),
            *(opt("-%d" % d, None, dest="digit", kind=CONST, const=d) for d in range(10)),
            help=False, version=False)

# The short options that take an argument, and the long ones (for finding
# the -NUM bundle the way getopt saw it).
_SHORT_ARG = "ntTesU"
_LONG_ARG = ("bytes", "radix", "target", "encoding", "output-separator", "unicode")
_LONG_ALL = _LONG_ARG + ("all", "data", "print-file-name", "include-all-whitespace", "help", "version")

_UNICODE = {"default": "d", "d": "d", "locale": "l", "l": "l", "escape": "e", "e": "e",
            "invalid": "i", "i": "i", "hex": "x", "x": "x", "highlight": "h", "h": "h"}


def _usage_exit(prog, status=1, message=None):
    """binutils prints the whole usage on stderr for a bad command line."""
    text_ = ("%s: %s\n" % (prog, message) if message else "") + USAGE % (prog, prog, TARGETS)
    if status == 0:
        stdout().write((USAGE % (prog, prog, TARGETS)).encode())
        raise Exit(0)
    write_stderr(text_)
    raise Exit(status)


def _fatal(prog, message):
    write_stderr("%s: %s\n" % (prog, message))
    raise Exit(1)


def expandargv(args, depth=0):
    """libiberty's expandargv: @FILE is replaced by the words in FILE."""
    out = []
    for a in args:
        if a.startswith("@") and depth < 2000:
            name = a[1:]
            try:
                st = posix.stat(name)
                if st.st_mode & 0o170000 == 0o040000:
                    raise OSError
                fd = posix.open(name, posix.O_RDONLY | posix.O_CLOEXEC)
                try:
                    data = b"".join(chunks(fd))
                finally:
                    posix.close(fd)
            except OSError:
                out.append(a)
                continue
            words = buildargv(data.decode("utf-8", "surrogateescape"))
            out.extend(expandargv(words, depth + 1))
        else:
            out.append(a)
    return out


def buildargv(s):
    """libiberty's buildargv: blank-separated words, quotes and backslashes."""
    words = []
    i, n = 0, len(s)
    space = " \t\n\r\v\f"
    while i < n:
        while i < n and s[i] in space:
            i += 1
        if i >= n:
            break
        cur = []
        sq = dq = bs = False
        while i < n:
            ch = s[i]
            if ch in space and not (sq or dq or bs):
                break
            if bs:
                bs = False
                cur.append(ch)
            elif ch == "\\":
                bs = True
            elif sq:
                if ch == "'":
                    sq = False
                else:
                    cur.append(ch)
            elif dq:
                if ch == '"':
                    dq = False
                else:
                    cur.append(ch)
            elif ch == "'":
                sq = True
            elif ch == '"':
                dq = True
            else:
                cur.append(ch)
            i += 1
        words.append("".join(cur))
    return words


def _numeric_bundle(prog, args):
    """The text binutils reads the -NUM value from: argv[numeric_opt - 1] + 1,
    with numeric_opt the optind getopt had when it met the digit, looked up
    in argv as getopt has permuted it by the end.  Simulates GNU getopt."""
    argv = [prog] + list(args)
    argc = len(argv)
    optind = first = last = 1
    nextchar = ""
    numeric = 0

    def exchange():
        nonlocal first, last
        argv[first:optind] = argv[last:optind] + argv[first:last]
        first += optind - last
        last = optind

    while True:
        if not nextchar:
            if last > optind:
                last = optind
            if first > optind:
                first = optind
            if first != last and last != optind:
                exchange()
            elif last != optind:
                first = optind
            while optind < argc and (argv[optind][:1] != "-" or argv[optind] == "-"):
                optind += 1
            last = optind
            if optind != argc and argv[optind] == "--":
                optind += 1
                if first != last and last != optind:
                    exchange()
                elif first == last:
                    first = optind
                last = argc
                optind = argc
            if optind == argc:
                break
            a = argv[optind]
            if a.startswith("--"):
                name, eq, _ = a[2:].partition("=")
                cands = [o for o in _LONG_ALL if o.startswith(name)] if name else []
                optind += 1
                if "=" not in a and len(cands) == 1 and cands[0] in _LONG_ARG:
                    optind += 1
                continue
            nextchar = a[1:]
        c = nextchar[0]
        nextchar = nextchar[1:]
        if not nextchar:
            optind += 1
        if c in _SHORT_ARG:
            optind += 1  # past the attached argument, or the separate one
            nextchar = ""
        elif c.isdigit():
            numeric = optind
    if numeric == 0:
        return None
    return argv[numeric - 1][1:]


def _strtoul(s):
    """C strtoul(s, &end, 0): (value mod 2**64, whole string used)."""
    t = s.lstrip(" \t\n\v\f\r")
    neg = False
    if t[:1] in ("+", "-"):
        neg = t[0] == "-"
        t = t[1:]
    base = 10
    if t[:2].lower() == "0x" and len(t) > 2 and t[2] in "0123456789abcdefABCDEF":
        base, t = 16, t[2:]
    elif t[:1] == "0":
        base = 8
    digits = "0123456789abcdef"[:base]
    k = 0
    while k < len(t) and t[k].lower() in digits:
        k += 1
    if k == 0:
        return 0, s == ""
    v = int(t[:k], base)
    v = min(v, (1 << 64) - 1)
    if neg:
        v = (-v) & ((1 << 64) - 1)
    return v, k == len(t)


def _string_min(prog, arg):
    v, ok = _strtoul(arg)
    if not ok:
        _fatal(prog, "invalid integer argument %s" % arg)
    v &= 0xFFFFFFFF  # binutils keeps it in an unsigned int
    if v < 1:
        _fatal(prog, "invalid minimum string length %d" % v)
    return v


class Config:
    """The options as binutils' globals."""

    def __init__(self, prog, opts):
        self.prog = prog
        self.minlen = 4
        for b in opts.bytes:
            self.minlen = _string_min(prog, b)
        self.radix = None
        for r in opts.radix:
            if r is None:
                self.radix = 8
                continue
            if len(r) != 1 or r not in "odx":
                _usage_exit(prog)
            self.radix = {"o": 8, "d": 10, "x": 16}[r]
        enc = "s"
        for e in opts.encoding:
            if len(e) != 1:
                _usage_exit(prog)
            enc = e
        self.unicode = "d"
        for u in opts.unicode:
            if u not in _UNICODE:
                _fatal(prog, "invalid argument to -U/--unicode: %s" % u)
            self.unicode = _UNICODE[u]
        if self.unicode != "d":
            enc = "S"
        self.encoding = enc
        self.filenames = opts.print_file_name
        self.whitespace = opts.include_all_whitespace
        sep = opts.output_separator
        self.sep = b"\n" if sep is None else sep.encode("utf-8", "surrogateescape")
        self.target = opts.target

    def finish(self, numeric):
        if numeric is not None:
            self.minlen = _string_min(self.prog, numeric)
        if self.encoding not in "sSblBL":
            _usage_exit(self.prog)
        self.unit = {"s": 1, "S": 1, "b": 2, "l": 2, "B": 4, "L": 4}[self.encoding]
        graphic = {9} | set(range(0x20, 0x7F))
        if self.encoding == "S":
            graphic |= set(range(0x80, 0x100))
        if self.whitespace:
            graphic |= {9, 10, 11, 12, 13}
        self.graphic = bytes(sorted(graphic))
        self.is_graphic = [b in graphic for b in range(256)]

    def prefix(self, name, addr):
        p = b""
        if self.filenames:
            p = name + b": "
        if self.radix == 8:
            p += b"%7o " % addr
        elif self.radix == 10:
            p += b"%7d " % addr
        elif self.radix == 16:
            p += b"%7x " % addr
        return p


def main(argv):
    prog = argv[0]
    args = expandargv(list(argv[1:]))
    try:
        opts = SPEC.parse([prog] + args)
    except Usage as e:
        _usage_exit(prog, 1, e.message)
    if opts.help:
        _usage_exit(prog, 0)
    if opts.version:
        from multicall import VERSION
        stdout().write(("%s (pybox) %s\n" % (prog, VERSION)).encode())
        return 0
    cfg = Config(prog, opts)
    cfg.finish(_numeric_bundle(prog, args) if opts.digit is not None else None)
    out = stdout()
    status = 0
    given = False
    data_only = opts.data
    if not opts.operands:
        _scan_stream(cfg, out, b"{standard input}", 0)
        return 0
    for name in opts.operands:
        if name == "-":
            data_only = False
            continue
        given = True
        if not _strings_file(cfg, out, name, data_only):
            status = 1
    if not given:
        _usage_exit(prog)
    return status


def _strings_file(cfg, out, name, data_only):
    prog = cfg.prog
    try:
        st = posix.stat(name)
    except OSError as e:
        if e.errno == 2:
            write_stderr("%s: '%s': No such file\n" % (prog, text(name)))
        else:
            write_stderr("%s: Warning: could not locate '%s'.  reason: %s\n" % (prog, text(name), e.strerror))
        return False
    if st.st_mode & 0o170000 == 0o040000:
        write_stderr("%s: Warning: '%s' is a directory\n" % (prog, text(name)))
        return False
    bname = name.encode("utf-8", "surrogateescape")
    if data_only and _strings_object_file(cfg, out, name, bname):
        return True
    try:
        fd = posix.open(name, posix.O_RDONLY | posix.O_CLOEXEC)
    except OSError as e:
        write_stderr("%s: %s: %s\n" % (prog, text(name), e.strerror))
        return False
    try:
        _scan_stream(cfg, out, bname, fd)
    finally:
        posix.close(fd)
    return True


def _pieces(fd):
    """The chunks of fd; a read error ends the input as getc's EOF does."""
    try:
        yield from chunks(fd)
    except OSError:
        return


def _scan_stream(cfg, out, bname, fd):
    if cfg.unicode != "d":
        _unicode_stream(cfg, out, bname, 0, _pieces(fd))
    else:
        _scan(cfg, out, bname, 0, _pieces(fd))


# -- the fast scanner -----------------------------------------------------------

def _patterns(cfg):
    import re
    cls = b"[" + b"".join(b"\\x%02x" % b for b in cfg.graphic) + b"]"
    unit = {"s": cls, "S": cls, "l": cls + b"\\x00", "b": b"\\x00" + cls,
            "L": cls + b"\\x00\\x00\\x00", "B": b"\\x00\\x00\\x00" + cls}[cfg.encoding]
    unit = b"(?:" + unit + b")"
    n = cfg.minlen
    if n > 0xFFFFFFFE:  # beyond what re can count: nothing can be that long here
        n = 0xFFFFFFFE
    return re.compile(unit + b"{%d,}" % n), re.compile(unit + b"*")


def _taker(encoding):
    if encoding in "sS":
        return lambda b: b
    step, first = {"l": (2, 0), "b": (2, 1), "L": (4, 0), "B": (4, 3)}[encoding]
    return lambda b: b[first::step]


def _scan(cfg, out, bname, addr, pieces):
    """Print the strings in the concatenated `pieces`, the first byte of
    which is at file offset `addr`."""
    rx, run_rx = _patterns(cfg)
    take = _taker(cfg.encoding)
    k = cfg.unit
    span = cfg.minlen * k
    sep = cfg.sep
    prefix = cfg.prefix
    plain = not cfg.filenames and cfg.radix is None
    carry = b""
    base = addr
    in_string = False
    for data in pieces:
        buf = carry + data if carry else data
        n = len(buf)
        pos = 0
        parts = []
        if in_string:
            e = run_rx.match(buf).end()
            parts.append(take(buf[:e]))
            if n - e < k:
                carry = buf[e:]
                base += e
                out.write(b"".join(parts))
                continue
            parts.append(sep)
            in_string = False
            pos = e
        for m in rx.finditer(buf, pos):
            s, e = m.span()
            head = b"" if plain else prefix(bname, base + s)
            if n - e < k:
                parts.append(head + take(m.group()))
                in_string = True
                pos = e
                break
            parts.append(head + take(m.group()) + sep)
            pos = e
        if not in_string:
            pos = max(pos, n - span + 1)
        carry = buf[pos:]
        base += pos
        if parts:
            out.write(b"".join(parts))
    if in_string:
        out.write(sep)


# -- -d: the initialized data sections of an ELF file ---------------------------

def _elf_sections(fd, size):
    """[(offset, size)] of the allocated sections with contents, in section
    header order, or None when the file is not an ELF object BFD accepts."""
    import struct
    ident = posix.pread(fd, 64, 0)
    if len(ident) < 52 or ident[:4] != b"\x7fELF" or ident[4] not in (1, 2) or ident[5] not in (1, 2):
        return None
    is64 = ident[4] == 2
    end = "<" if ident[5] == 1 else ">"
    if is64:
        if len(ident) < 64:
            return None
        e_type, = struct.unpack_from(end + "H", ident, 16)
        shoff, = struct.unpack_from(end + "Q", ident, 40)
        shentsize, shnum, shstrndx = struct.unpack_from(end + "HHH", ident, 58)
        want, fmt = 64, end + "IIQQQQIIQQ"
    else:
        e_type, = struct.unpack_from(end + "H", ident, 16)
        shoff, = struct.unpack_from(end + "I", ident, 32)
        shentsize, shnum, shstrndx = struct.unpack_from(end + "HHH", ident, 46)
        want, fmt = 40, end + "IIIIIIIIII"
    if e_type == 4:  # ET_CORE is not a bfd_object
        return None
    if shoff == 0:
        return []
    if shentsize != want or shoff + want > size:
        return None
    first = struct.unpack(fmt, posix.pread(fd, want, shoff))
    if shnum == 0:
        shnum = first[5]  # extended numbering: the count is in section 0's size
    if shoff + shnum * want > size:
        return None
    table = posix.pread(fd, shnum * want, shoff)
    found = []
    for i in range(1, shnum):
        sh = struct.unpack_from(fmt, table, i * want)
        sh_type, sh_flags, sh_offset, sh_size = sh[1], sh[2], sh[4], sh[5]
        if sh_type in (0, 8) or not sh_flags & 2 or sh_size == 0:  # NULL, NOBITS, !SHF_ALLOC
            continue
        found.append((sh_offset, sh_size))
    return found


# What binutils 2.40 on x86-64 accepts for -T (besides "binary"): with any of
# them the format is still recognized from the file itself.
_KNOWN_TARGETS = frozenset(("elf64-x86-64 elf32-i386 elf32-iamcu elf32-x86-64 pei-i386 pe-x86-64 "
                            "pei-x86-64 elf64-little elf64-big elf32-little elf32-big pe-bigobj-x86-64 "
                            "pe-i386 pdb srec symbolsrec verilog tekhex ihex plugin default").split())


def _strings_object_file(cfg, out, name, bname):
    """Scan the data sections of an object file; False to scan it whole."""
    if cfg.target is not None and cfg.target not in _KNOWN_TARGETS:
        return False  # BFD's binary target (one section: the whole file), or
        # a name BFD does not know: bfd_openr fails and the file is scanned whole
    try:
        fd = posix.open(name, posix.O_RDONLY | posix.O_CLOEXEC)
    except OSError:
        return False
    try:
        st = posix.fstat(fd)
        if st.st_mode & 0o170000 != 0o100000:
            return False
        try:
            sections = _elf_sections(fd, st.st_size)
        except OSError:
            return False
        if not sections:
            return False
        got = False
        for off, size in sections:
            if off + size > st.st_size:
                write_stderr("%s: %s: Reading section failed: file truncated\n" % (cfg.prog, text(name)))
                continue
            data = posix.pread(fd, size, off)
            got = True
            if cfg.unicode != "d":
                _unicode_buffer(cfg, out, bname, off, data)
            else:
                _scan(cfg, out, bname, off, [data])
        return got
    finally:
        posix.close(fd)


# -- -U: binutils' UTF-8 state machines, ported as they are -----------------------

def _utf8_len(b0):
    return {0x00: 2, 0x10: 2, 0x20: 3}.get(b0 & 0x30, 4)


def _display(cfg, seq, highlight_tty):
    """display_utf8_char: one valid UTF-8 character, as -U asks."""
    n = _utf8_len(seq[0])
    mode = cfg.unicode
    if mode in ("e", "h"):
        b = seq
        if n == 2:
            s = b"\\u%02x%02x" % ((b[0] & 0x1C) >> 2, ((b[0] & 0x03) << 6) | (b[1] & 0x3F))
        elif n == 3:
            s = b"\\u%02x%02x" % (((b[0] & 0x0F) << 4) | ((b[1] & 0x3C) >> 2),
                                  ((b[1] & 0x03) << 6) | (b[2] & 0x3F))
        else:
            s = b"\\u%02x%02x%02x" % (((b[0] & 0x07) << 6) | ((b[1] & 0x3C) >> 2),
                                      ((b[1] & 0x03) << 6) | ((b[2] & 0x3C) >> 2),
                                      ((b[2] & 0x03) << 6) | (b[3] & 0x3F))
        if mode == "h" and highlight_tty:
            s = b"\x1b[31;47m" + s + b"\x1b[0m"
        return s, n
    if mode == "x":
        return b"<0x" + b"".join(b"%02x" % c for c in seq[:n]) + b">", n
    return bytes(seq[:1]), n  # 'locale': binutils prints the first byte only


def _valid_utf8(buf, i):
    n = len(buf) - i
    b0 = buf[i]
    if b0 < 0xC0 or n < 2 or buf[i + 1] & 0xC0 != 0x80:
        return 0
    if not b0 & 0x20:
        return 2
    if n < 3 or buf[i + 2] & 0xC0 != 0x80:
        return 0
    if not b0 & 0x10:
        return 3
    if n < 4 or buf[i + 3] & 0xC0 != 0x80:
        return 0
    return 4


def _unicode_buffer(cfg, out, bname, address, buf):
    """print_unicode_buffer (the -d path with -U)."""
    g = cfg.is_graphic
    invalid = cfg.unicode == "i"
    tty = posix.isatty(1)
    smin = cfg.minlen
    while buf:
        n = len(buf)
        start = 0
        found = 0
        i = 0
        while i < n:
            c = buf[i]
            clen = 1
            if not g[c]:
                found = 0
                i += 1
                continue
            if c > 126:
                if c < 0xC0:
                    found = 0
                    i += 1
                    continue
                clen = _valid_utf8(buf, i)
                if clen == 0:
                    found = 0
                    i += 1
                    continue
                if invalid:
                    found = 0
                    i += clen
                    continue
            if found == 0:
                start = i
            found += 1
            if found >= smin:
                break
            i += clen
        if found < smin:
            return
        parts = [cfg.prefix(bname, address + start)]
        i = start
        while i < n:
            c = buf[i]
            clen = 1
            if not g[c]:
                break
            if c < 127:
                parts.append(bytes((c,)))
            elif not _valid_utf8(buf, i) or invalid:
                break
            else:
                s, clen = _display(cfg, buf[i:i + 4], tty)
                parts.append(s)
            i += clen
        parts.append(cfg.sep)
        out.write(b"".join(parts))
        address += i
        buf = buf[i:]


def _unicode_stream(cfg, out, bname, address, pieces):
    """print_unicode_stream_body, the tail recursion made a loop."""
    g = cfg.is_graphic
    invalid = cfg.unicode == "i"
    tty = posix.isatty(1)
    smin = cfg.minlen
    putback = []
    EOF = -1

    def byte_source():
        for data in pieces:
            yield from data

    src = byte_source()
    counter = [0]

    def get():
        if putback:
            return putback.pop()
        counter[0] += 1
        return next(src, EOF)

    def rest(u0, swapped):
        """The bytes of the character whose lead byte u0 (0xC0 or more) was
        just read, EOF, or None when it is not one to take (what was read
        after u0 is put back, for an invalid 4-byte one in binutils' order
        for where it is found: `swapped` before the minimum length)."""
        u1 = get()
        if u1 == EOF:
            return EOF
        if u1 & 0xC0 != 0x80 or (invalid and not u0 & 0x20):
            putback.append(u1)
            return None
        if not u0 & 0x20:
            return (u0, u1)
        u2 = get()
        if u2 == EOF:
            return EOF
        if u2 & 0xC0 != 0x80 or (invalid and not u0 & 0x10):
            putback.extend((u2, u1))
            return None
        if not u0 & 0x10:
            return (u0, u1, u2)
        u3 = get()
        if u3 == EOF:
            return EOF
        if u3 & 0xC0 != 0x80:
            putback.extend((u3, u2, u1))
            return None
        if invalid:
            putback.extend((u3, u1, u2) if swapped else (u3, u2, u1))  # sic: binutils 2.40
            return None
        return (u0, u1, u2, u3)

    while True:
        counter[0] = 0
        start = 0
        nchars = 0
        pbuf = []
        c = 0
        while True:
            if nchars >= smin:
                break
            c = get()
            if c == EOF:
                break
            if not g[c]:
                nchars = 0
                pbuf = []
                continue
            if nchars == 0:
                start = (counter[0] - 1) & 0xFFFFFFFF
            if c < 127:
                pbuf.append(c)
                nchars += 1
                continue
            seq = rest(c, True) if c >= 0xC0 else None
            if seq is None:
                nchars = 0
                pbuf = []
                continue
            if seq == EOF:
                c = EOF
                break
            pbuf += seq
            nchars += 1
        if nchars >= smin:
            parts = [cfg.prefix(bname, address + start)]
            i = 0
            while i < len(pbuf):
                if pbuf[i] < 127:
                    parts.append(bytes((pbuf[i],)))
                    i += 1
                else:
                    s, n = _display(cfg, pbuf[i:i + 4], tty)
                    parts.append(s)
                    i += n
            while True:
                c = get()
                if c == EOF or not g[c]:
                    break
                if c < 127:
                    parts.append(bytes((c,)))
                    continue
                seq = rest(c, False) if c >= 0xC0 else None
                if seq is None:
                    break
                if seq == EOF:
                    c = EOF
                    break
                parts.append(_display(cfg, seq, tty)[0])
            parts.append(cfg.sep)
            out.write(b"".join(parts))
        if c == EOF:
            return
        address += counter[0]
