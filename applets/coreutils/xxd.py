"""xxd: make a hex dump or do the reverse, byte for byte as vim's xxd
(the 2022-01-14 version: the one Debian ships with vim 9.0).

xxd has its own command line (options matched by prefix, -c8 or -c 8 or
-cols 8, the last of -b -e -i -p winning, usage on stderr with status 1),
so main() parses it the way xxd does; SPEC documents the options.  The one
exception is a lone `--version`, which answers pybox's version line on
stdout as every pybox applet does (xxd would read it as -v).

Fast because the dump never loops over bytes in Python: the layout of a
line (where each byte's hex digits and its character land, overwrites
included, as in xxd's line buffer) is worked out once into a `%` template,
and whole chunks of lines are formatted with one `%` whose arguments come
from per-byte tables laid in with slice assignments.  -p is bytes.hex() on
big chunks, -r -p of clean input is bytes.fromhex(); the general -r runs
xxd's own parser (huntype) as a state machine.

Exit statuses as xxd: 1 usage, 2 input trouble, 3 output trouble, 4 seek,
5 backwards seek on a pipe, 255 a dump type that cannot be reverted.
"""
import posix

from multicall.errors import Exit, write_stderr
from multicall.options import Spec, opt
from multicall.stdio import stdout

VERSION = "xxd 2022-01-14 by Juergen Weigert et al."
_ULONG = (1 << 64) - 1
_LONG_MIN = -(1 << 63)
_LONG_MAX = (1 << 63) - 1
_COLS = 256

SPEC = Spec("[options] [infile [outfile]]",
            "Make a hex dump of infile (or standard input), or convert one back (-r).",
            opt("-a", "toggle autoskip: A single '*' replaces nul-lines. Default off."),
            opt("-b", "binary digit dump (incompatible with -ps,-i,-r). Default hex."),
            opt("-C", "capitalize variable names in C include file style (-i)."),
            opt("-c cols", "format <cols> octets per line. Default 16 (-i: 12, -ps: 30)."),
            opt("-E", "show characters in EBCDIC. Default ASCII."),
            opt("-e", "little-endian dump (incompatible with -ps,-i,-r)."),
            opt("-g bytes", "number of octets per group in normal output. Default 2 (-e: 4)."),
            opt("-h", "print this summary."),
            opt("-i", "output in C include file style."),
            opt("-l len", "stop after <len> octets."),
            opt("-n name", "set the variable name used in C include output (-i)."),
            opt("-o off", "add <off> to the displayed file position."),
            opt("-p", "output in postscript plain hexdump style (-ps)."),
            opt("-r", "reverse operation: convert (or patch) hexdump into binary."),
            opt("-d", "show offset in decimal instead of hex."),
            opt("-s seek", "start at <seek> bytes abs. (or +: rel.) infile offset."),
            opt("-u", "use upper case hex letters."),
            opt("-v", "show version."),
            help=False, version=False)

_USAGE = """Usage:
       %s [options] [infile [outfile]]
    or
       %s -r [-s [-]offset] [-c cols] [-ps] [infile [outfile]]
Options:
    -a          toggle autoskip: A single '*' replaces nul-lines. Default off.
    -b          binary digit dump (incompatible with -ps,-i,-r). Default hex.
    -C          capitalize variable names in C include file style (-i).
    -c cols     format <cols> octets per line. Default 16 (-i: 12, -ps: 30).
    -E          show characters in EBCDIC. Default ASCII.
    -e          little-endian dump (incompatible with -ps,-i,-r).
    -g bytes    number of octets per group in normal output. Default 2 (-e: 4).
    -h          print this summary.
    -i          output in C include file style.
    -l len      stop after <len> octets.
    -n name     set the variable name used in C include output (-i).
    -o off      add <off> to the displayed file position.
    -ps         output in postscript plain hexdump style.
    -r          reverse operation: convert (or patch) hexdump into binary.
    -r -s off   revert with <off> added to file positions found in hexdump.
    -d          show offset in decimal instead of hex.
    -s [+][-]seek  start at <seek> bytes abs. (or +: rel.) infile offset.
    -u          use upper case hex letters.
    -v          show version: "%s".
"""

_NORMAL, _POSTSCRIPT, _CINCLUDE, _BITS, _LITTLEENDIAN = 0, 1, 2, 4, 8

# EBCDIC to ASCII, from a proposed BTL standard April 16, 1979 (xxd's etoa64).
_ETOA64 = bytes((
    0o040, 0o240, 0o241, 0o242, 0o243, 0o244, 0o245, 0o246, 0o247, 0o250, 0o325, 0o056, 0o074, 0o050, 0o053, 0o174,
    0o046, 0o251, 0o252, 0o253, 0o254, 0o255, 0o256, 0o257, 0o260, 0o261, 0o041, 0o044, 0o052, 0o051, 0o073, 0o176,
    0o055, 0o057, 0o262, 0o263, 0o264, 0o265, 0o266, 0o267, 0o270, 0o271, 0o313, 0o054, 0o045, 0o137, 0o076, 0o077,
    0o272, 0o273, 0o274, 0o275, 0o276, 0o277, 0o300, 0o301, 0o302, 0o140, 0o072, 0o043, 0o100, 0o047, 0o075, 0o042,
    0o303, 0o141, 0o142, 0o143, 0o144, 0o145, 0o146, 0o147, 0o150, 0o151, 0o304, 0o305, 0o306, 0o307, 0o310, 0o311,
    0o312, 0o152, 0o153, 0o154, 0o155, 0o156, 0o157, 0o160, 0o161, 0o162, 0o136, 0o314, 0o315, 0o316, 0o317, 0o320,
    0o321, 0o345, 0o163, 0o164, 0o165, 0o166, 0o167, 0o170, 0o171, 0o172, 0o322, 0o323, 0o324, 0o133, 0o326, 0o327,
    0o330, 0o331, 0o332, 0o333, 0o334, 0o335, 0o336, 0o337, 0o340, 0o341, 0o342, 0o343, 0o344, 0o135, 0o346, 0o347,
    0o173, 0o101, 0o102, 0o103, 0o104, 0o105, 0o106, 0o107, 0o110, 0o111, 0o350, 0o351, 0o352, 0o353, 0o354, 0o355,
    0o175, 0o112, 0o113, 0o114, 0o115, 0o116, 0o117, 0o120, 0o121, 0o122, 0o356, 0o357, 0o360, 0o361, 0o362, 0o363,
    0o134, 0o237, 0o123, 0o124, 0o125, 0o126, 0o127, 0o130, 0o131, 0o132, 0o364, 0o365, 0o366, 0o367, 0o370, 0o371,
    0o060, 0o061, 0o062, 0o063, 0o064, 0o065, 0o066, 0o067, 0o070, 0o071, 0o372, 0o373, 0o374, 0o375, 0o376, 0o377))


class _Quit(Exception):
    """Leave with a status after xxd's message (already written)."""

    def __init__(self, status):
        Exception.__init__(self, status)
        self.status = status


def _usage(pname):
    write_stderr(_USAGE % (pname, pname, VERSION))
    raise _Quit(1)


def _die(pname, status, msg):
    write_stderr("%s: %s\n" % (pname, msg))
    raise _Quit(status)


def _strtol(text, unsigned=False):
    """C strtol/strtoul(text, NULL, 0): leading blanks, a sign, 0x or 0
    prefix; junk ends the number; no number is 0; saturates like C."""
    s = text.lstrip(" \t\n\v\f\r")
    neg = False
    if s[:1] in ("+", "-"):
        neg = s[0] == "-"
        s = s[1:]
    base = 10
    if s[:2] in ("0x", "0X") and s[2:3] and s[2] in "0123456789abcdefABCDEF":
        base, s = 16, s[2:]
    elif s[:1] == "0":
        base = 8
    digits = "0123456789abcdef"[:base]
    i = 0
    while i < len(s) and s[i].lower() in digits:
        i += 1
    v = int(s[:i], base) if i else 0
    if unsigned:
        if v > _ULONG:
            return _ULONG
        return (-v) & _ULONG if neg else v
    v = -v if neg else v
    return max(_LONG_MIN, min(_LONG_MAX, v))


def _int(v):
    """C's (int) cast of a long."""
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v >= 1 << 31 else v


class _Opts:
    def __init__(self):
        self.autoskip = 0
        self.hextype = _NORMAL
        self.upper = False
        self.capitalize = False
        self.decimal = False
        self.revert = 0
        self.ebcdic = False
        self.cols = 0
        self.colsgiven = False
        self.octspergrp = -1
        self.displayoff = 0
        self.relseek = True
        self.negseek = False
        self.seekoff = 0
        self.length = -1
        self.varname = None


def _parse(argv, pname):
    o = _Opts()
    args = list(argv[1:])
    i = 0

    def value(pp, skip_words):
        """An option's value: attached (unless it spells the long name) or the next argument."""
        nonlocal i
        rest = pp[2:]
        if rest and not any(rest.startswith(w) for w in skip_words):
            return rest
        if i + 1 >= len(args):
            _usage(pname)
        i += 1
        return args[i]

    while i < len(args):
        a = args[i]
        pp = a[1:] if a.startswith("--") and len(a) > 2 else a
        p2 = pp[:2]
        if p2 == "-a":
            o.autoskip = 1 - o.autoskip
        elif p2 == "-b":
            o.hextype = _BITS
        elif p2 == "-e":
            o.hextype = _LITTLEENDIAN
        elif p2 == "-u":
            o.upper = True
        elif p2 == "-p":
            o.hextype = _POSTSCRIPT
        elif p2 == "-i":
            o.hextype = _CINCLUDE
        elif p2 == "-C":
            o.capitalize = True
        elif p2 == "-d":
            o.decimal = True
        elif p2 == "-r":
            o.revert += 1
        elif p2 == "-E":
            o.ebcdic = True
        elif p2 == "-v":
            write_stderr(VERSION + "\n")
            raise _Quit(0)
        elif p2 == "-c":
            if pp[2:].startswith("apitalize"):
                o.capitalize = True
            else:
                o.colsgiven = True
                o.cols = _int(_strtol(value(pp, ("ols",))))
        elif p2 == "-g":
            o.octspergrp = _int(_strtol(value(pp, ("roup",))))
        elif p2 == "-o":
            rest = pp[2:]
            if rest and not rest.startswith("ffset"):
                o.displayoff = _strtol(rest, unsigned=True)
            else:
                if i + 1 >= len(args):
                    _usage(pname)
                i += 1
                v = args[i]
                rel = 1 if v[:1] == "+" else 0
                neg = v[rel:rel + 1] == "-"
                n = _strtol(v[rel + neg:], unsigned=True)
                o.displayoff = (_ULONG - n + 1) & _ULONG if neg else n
        elif p2 == "-s":
            o.relseek = False
            o.negseek = False
            rest = pp[2:]
            if rest and not rest.startswith("kip") and not rest.startswith("eek"):
                v = rest
            else:
                if i + 1 >= len(args):
                    _usage(pname)
                i += 1
                v = args[i]
            rel = 1 if v[:1] == "+" else 0
            o.relseek = bool(rel)
            o.negseek = v[rel:rel + 1] == "-"
            o.seekoff = _strtol(v[rel + o.negseek:])
        elif p2 == "-l":
            o.length = _strtol(value(pp, ("en",)))
        elif p2 == "-n":
            o.varname = value(pp, ("ame",))
        elif pp == "--":
            i += 1
            break
        elif pp[:1] == "-" and pp[1:]:
            _usage(pname)
        else:
            break
        i += 1
    return o, args[i:]


def main(argv):
    pname = argv[0].rpartition("/")[2]
    if argv[1:] == ["--version"]:
        # pybox's convention for every applet (xxd itself would take it as -v).
        from multicall import VERSION as PYBOX_VERSION
        stdout().write(("%s (pybox) %s\n" % (pname, PYBOX_VERSION)).encode())
        return 0
    try:
        return _main(argv, pname)
    except _Quit as q:
        raise Exit(q.status) from None


def _main(argv, pname):
    o, operands = _parse(argv, pname)
    ht = o.hextype
    if not o.colsgiven or (not o.cols and ht != _POSTSCRIPT):
        o.cols = {_POSTSCRIPT: 30, _CINCLUDE: 12, _BITS: 6}.get(ht, 16)
    if o.octspergrp < 0:
        o.octspergrp = {_BITS: 1, _NORMAL: 2, _LITTLEENDIAN: 4}.get(ht, 0)
    cols = o.cols
    if (ht == _POSTSCRIPT and cols < 0) or (ht != _POSTSCRIPT and cols < 1) or \
            (ht in (_NORMAL, _BITS, _LITTLEENDIAN) and cols > _COLS):
        write_stderr("%s: invalid number of columns (max. %d).\n" % (pname, _COLS))
        raise _Quit(1)
    if o.octspergrp < 1 or o.octspergrp > cols:
        o.octspergrp = cols
    elif ht == _LITTLEENDIAN and o.octspergrp & (o.octspergrp - 1):
        _die(pname, 1, "number of octets per group must be a power of 2 with -e.")
    if len(operands) > 2:
        _usage(pname)
    infile = operands[0] if operands and operands[0] != "-" else None
    outfile = operands[1] if len(operands) > 1 and operands[1] != "-" else None
    fd = 0
    if infile is not None:
        try:
            fd = posix.open(infile, posix.O_RDONLY | posix.O_CLOEXEC)
        except OSError as e:
            write_stderr("%s: %s: %s\n" % (pname, infile, e.strerror))
            raise _Quit(2) from None
    ofd = 1
    try:
        if outfile is not None:
            flags = posix.O_WRONLY | posix.O_CREAT | posix.O_CLOEXEC
            if not o.revert:
                flags |= posix.O_TRUNC
            try:
                ofd = posix.open(outfile, flags, 0o666)
            except OSError as e:
                write_stderr("%s: %s: %s\n" % (pname, outfile, e.strerror))
                raise _Quit(3) from None
        reader = _Reader(fd, pname)
        if o.revert:
            if ht not in (_NORMAL, _POSTSCRIPT):
                _die(pname, 255, "Sorry, cannot revert this type of hexdump")
            base = -o.seekoff if o.negseek else o.seekoff
            _Reverter(reader, ofd, pname).run(cols, ht, base)
            return 0
        out = _Out(ofd, pname)
        seekoff = _seek_input(reader, o, pname)
        length = o.length
        if ht == _CINCLUDE:
            _cinclude(reader, out, o, infile, length)
        elif ht == _POSTSCRIPT:
            _postscript(reader, out, o, length)
        else:
            _dump(reader, out, o, length, seekoff)
        out.flush()
        return 0
    finally:
        if fd:
            posix.close(fd)
        if ofd != 1:
            posix.close(ofd)


class _Reader:
    """Reads the input in chunks; a read error is xxd's exit 2."""

    def __init__(self, fd, pname):
        self.fd = fd
        self.pname = pname

    def read(self, n):
        parts = []
        try:
            while n > 0:
                b = posix.read(self.fd, min(n, 1 << 20))
                if not b:
                    break
                parts.append(b)
                n -= len(b)
        except OSError as e:
            write_stderr("%s: %s\n" % (self.pname, e.strerror))
            raise _Quit(2) from None
        return parts[0] if len(parts) == 1 else b"".join(parts)


class _Out:
    """Buffered output to stdout or the outfile; errors are exit 3."""

    def __init__(self, fd, pname):
        self.fd = fd
        self.pname = pname
        self.w = stdout() if fd == 1 else None
        self.parts = []
        self.size = 0

    def write(self, data):
        if self.w is not None:
            try:
                self.w.write(data)
            except BrokenPipeError:
                raise
            except OSError as e:
                self._fail(e)
            return
        self.parts.append(data)
        self.size += len(data)
        if self.size >= 1 << 18:
            self.flush()

    def flush(self):
        try:
            if self.w is not None:
                self.w.flush()
                return
            data = b"".join(self.parts)
            self.parts = []
            self.size = 0
            mv = memoryview(data)
            while mv:
                mv = mv[posix.write(self.fd, mv):]
        except BrokenPipeError:
            raise
        except OSError as e:
            self._fail(e)

    def _fail(self, e):
        write_stderr("%s: %s\n" % (self.pname, e.strerror))
        raise _Quit(3)


def _seek_input(reader, o, pname):
    """-s: lseek where the input allows it, else read the bytes away.
    Returns the offset the addresses start from."""
    seekoff = o.seekoff
    if not (seekoff or o.negseek or not o.relseek):
        return 0
    off = -seekoff if o.negseek else seekoff
    try:
        if o.relseek:
            pos = posix.lseek(reader.fd, off, 1)
        else:
            pos = posix.lseek(reader.fd, off, 2 if o.negseek else 0)
        return pos
    except OSError:
        if o.negseek:
            _die(pname, 4, "Sorry, cannot seek.")
    left = seekoff
    while left > 0:
        got = len(reader.read(min(left, 1 << 18)))
        if not got:
            _die(pname, 4, "Sorry, cannot seek.")
        left -= got
    return seekoff


def _limited(reader, length, size=1 << 16):
    """Chunks of the input, at most `length` bytes in all (unless < 0)."""
    n = 0
    while length < 0 or n < length:
        want = size if length < 0 else min(size, length - n)
        data = reader.read(want)
        if not data:
            return
        n += len(data)
        yield data
        if len(data) < want:
            return


def _c_name(name, capitalize):
    out = []
    for ch in name.encode("utf-8", "surrogateescape"):
        if 48 <= ch <= 57 or 65 <= ch <= 90 or 97 <= ch <= 122:
            out.append(chr(ch).upper() if capitalize else chr(ch))
        else:
            out.append("_")
    prefix = "__" if name[:1].isdigit() and name[0] in "0123456789" else ""
    return prefix + "".join(out)


def _cinclude(reader, out, o, infile, length):
    varname = o.varname if o.varname is not None else infile
    name = _c_name(varname, o.capitalize) if varname is not None else None
    if name is not None:
        out.write(b"unsigned char " + name.encode("latin-1") + b"[] = {\n")
    fmt = "0X%02X" if o.upper else "0x%02x"
    table = [fmt % b for b in range(256)]
    cols = o.cols
    p = 0
    for data in _limited(reader, length):
        items = list(map(table.__getitem__, data))
        pieces = []
        k = 0
        if p % cols:
            head = items[:cols - p % cols]
            pieces.append(", " + ", ".join(head))
            k = len(head)
        for j in range(k, len(items), cols):
            pieces.append(("  " if p + j == 0 else ",\n  ") + ", ".join(items[j:j + cols]))
        p += len(items)
        out.write("".join(pieces).encode("latin-1"))
    if p:
        out.write(b"\n")
    if name is not None:
        out.write(b"};\nunsigned int " + name.encode("latin-1") +
                  b"_%s = %d;\n" % (b"LEN" if o.capitalize else b"len", _int(p)))


def _postscript(reader, out, o, length):
    cols = o.cols
    upper = o.upper
    p = 0  # bytes on the current line
    for data in _limited(reader, length):
        text = data.hex()
        if upper:
            text = text.upper()
        if cols <= 0:
            out.write(text.encode("ascii"))
            continue
        step = 2 * cols
        pieces = []
        first = 2 * (cols - p)
        if len(text) < first:
            pieces.append(text)
            p += len(data)
        else:
            pieces.append(text[:first] + "\n")
            rest = text[first:]
            full = len(rest) // step * step
            pieces.extend(rest[i:i + step] + "\n" for i in range(0, full, step))
            pieces.append(rest[full:])
            p = (len(rest) - full) // 2
        out.write("".join(pieces).encode("ascii"))
    if cols == 0 or p:
        out.write(b"\n")


# -- the normal dump (hex, -b bits, -e little-endian) -------------------------

def _layout(n, cols, grp, ht, addrlen):
    """Simulate xxd's line buffer for a line of n bytes: a list of pieces,
    each ('addr',) or a literal str or (kind, p) for byte p, where kind is
    'hex', 'hi', 'lo', 'bits', 'bit0'..'bit7' or 'asc'."""
    if ht == _BITS:
        grplen = 8 * grp + 1
    else:
        grplen = 2 * grp + 1
    size = addrlen + 3 + (grplen * cols - 1) // grp + cols + 8 + grplen * cols
    cells = [" "] * size
    end = addrlen
    for p in range(n):
        x = p ^ (grp - 1) if ht == _LITTLEENDIAN else p
        c = addrlen + 1 + (grplen * x) // grp
        if ht == _BITS:
            for k in range(8):
                cells[c + k] = ("bit%d" % k, p)
        else:
            cells[c] = ("hi", p)
            cells[c + 1] = ("lo", p)
        a = addrlen + 3 + (grplen * cols - 1) // grp + p
        cells[a] = ("asc", p)
        end = a + 1
    pieces = [("addr",)]
    i = addrlen
    while i < end:
        cell = cells[i]
        if isinstance(cell, str):
            j = i
            while j < end and isinstance(cells[j], str):
                j += 1
            pieces.append("".join(cells[i:j]))
            i = j
            continue
        kind, p = cell
        if kind == "hi" and i + 1 < end and cells[i + 1] == ("lo", p):
            pieces.append(("hex", p))
            i += 2
            continue
        if kind == "bit0" and all(cells[i + k] == ("bit%d" % k, p) for k in range(8)):
            pieces.append(("bits", p))
            i += 8
            continue
        pieces.append(cell)
        i += 1
    return pieces


class _Dumper:
    def __init__(self, o, seekoff):
        self.o = o
        self.cols = o.cols
        self.grp = o.octspergrp
        self.ht = o.hextype
        self.base = seekoff + o.displayoff
        self.addr_fmt = "%08d:" if o.decimal else "%08x:"
        digits = "0123456789ABCDEF" if o.upper else "0123456789abcdef"
        self.tables = {
            "hex": [digits[b >> 4] + digits[b & 15] for b in range(256)],
            "hi": [digits[b >> 4] for b in range(256)],
            "lo": [digits[b & 15] for b in range(256)],
            "bits": [format(b, "08b") for b in range(256)],
        }
        for k in range(8):
            self.tables["bit%d" % k] = ["1" if b & (0x80 >> k) else "0" for b in range(256)]
        if o.ebcdic:
            asc = bytes(0x2E if e < 64 else _ETOA64[e - 64] for e in range(256))
            asc = bytes(e if 31 < e < 127 else 0x2E for e in asc)
        else:
            asc = bytes(e if 31 < e < 127 else 0x2E for e in range(256))
        self.asc = asc
        self.plans = {}

    def address(self, n):
        return self.addr_fmt % ((n + self.base) & _ULONG)

    def plan(self, n, addrlen):
        """(template, entries) for lines of n bytes: each entry is
        ('addr',) or (table, p) or ('asc', p0, p1) for a run of characters."""
        key = (n, addrlen)
        got = self.plans.get(key)
        if got is not None:
            return got
        pieces = _layout(n, self.cols, self.grp, self.ht, addrlen)
        tmpl = []
        entries = []
        for piece in pieces:
            if isinstance(piece, str):
                tmpl.append(piece.replace("%", "%%"))
                continue
            tmpl.append("%s")
            if piece[0] == "asc":
                p = piece[1]
                if entries and entries[-1][0] == "asc" and entries[-1][2] == p and tmpl[-2] == "%s":
                    tmpl.pop()
                    entries[-1] = ("asc", entries[-1][1], p + 1)
                else:
                    entries.append(("asc", p, p + 1))
            else:
                entries.append(piece)
        got = ("".join(tmpl) + "\n", entries)
        self.plans[key] = got
        return got

    def lines(self, data, n_lines, first):
        """Format n_lines full lines of `data` (address of the first: first)."""
        cols = self.cols
        a0 = self.address(first)
        a1 = self.address(first + (n_lines - 1) * cols)
        if len(a0) != len(a1):
            return "".join(self.lines(data[k * cols:(k + 1) * cols], 1, first + k * cols)
                           for k in range(n_lines))
        tmpl, entries = self.plan(cols, len(a0))
        width = len(entries)
        args = [None] * (width * n_lines)
        shown = None
        for k, e in enumerate(entries):
            kind = e[0]
            if kind == "addr":
                args[k::width] = [self.address(first + j * cols) for j in range(n_lines)]
            elif kind == "asc":
                if shown is None:
                    shown = data.translate(self.asc).decode("latin-1")
                p0, p1 = e[1], e[2]
                args[k::width] = [shown[j + p0:j + p1] for j in range(0, n_lines * cols, cols)]
            else:
                args[k::width] = map(self.tables[kind].__getitem__, data[e[1]::cols])
        return (tmpl * n_lines) % tuple(args)


def _dump(reader, out, o, length, seekoff):
    d = _Dumper(o, seekoff)
    cols = d.cols
    chunk = cols * max(1, (1 << 16) // cols)
    n = 0  # bytes dumped so far
    rest = b""
    autoskip = o.autoskip
    state = _Skip() if autoskip else None
    last_line = None
    for data in _limited(reader, length, chunk):
        if rest:
            data = rest + data
        full = len(data) // cols
        if full:
            block = data[:full * cols]
            if state is None:
                out.write(d.lines(block, full, n).encode("latin-1"))
            else:
                text = d.lines(block, full, n)
                zero = bytes(cols)
                lines = text.splitlines(True)
                pieces = []
                for j in range(full):
                    nz = block[j * cols:(j + 1) * cols] != zero
                    state.line(pieces, lines[j], nz)
                last_line = lines[-1]
                out.write("".join(pieces).encode("latin-1"))
            n += full * cols
        rest = data[full * cols:]
    if rest:
        tmpl, entries = d.plan(len(rest), len(d.address(n)))
        args = []
        shown = rest.translate(d.asc).decode("latin-1")
        for e in entries:
            if e[0] == "addr":
                args.append(d.address(n))
            elif e[0] == "asc":
                args.append(shown[e[1]:e[2]])
            else:
                args.append(d.tables[e[0]][rest[e[1]]])
        line = tmpl % tuple(args)
        if state is not None:
            pieces = []
            state.line(pieces, line, 1)
            line = "".join(pieces)
        out.write(line.encode("latin-1"))
    elif state is not None and last_line is not None:
        pieces = []
        state.line(pieces, last_line, -1)
        out.write("".join(pieces).encode("latin-1"))


class _Skip:
    """xxd's xxdline(): with -a, runs of all-zero lines become `*`."""

    def __init__(self):
        self.zero_seen = 0
        self.saved = None

    def line(self, out, line, nz):
        if not nz and self.zero_seen == 1:
            self.saved = line
        if nz or not self.zero_seen:
            if not nz:
                self.zero_seen += 1
            if nz:
                if nz < 0:
                    self.zero_seen -= 1
                if self.zero_seen == 2:
                    out.append(self.saved)
                if self.zero_seen > 2:
                    out.append("*\n")
            if nz >= 0 or self.zero_seen > 0:
                out.append(line)
            if nz:
                self.zero_seen = 0
        else:
            self.zero_seen += 1


# -- the reverse (huntype) ------------------------------------------------------

def _hexval(c):
    if 48 <= c <= 57:
        return c - 48
    if 97 <= c <= 102:
        return c - 87
    if 65 <= c <= 70:
        return c - 55
    return -1


class _Reverter:
    """xxd -r: hex dump (or plain hex with -p) back to bytes, writing at
    the offsets the dump names (seeking in a regular output file, padding
    with zeros on a pipe)."""

    def __init__(self, reader, fd, pname):
        self.reader = reader
        self.fd = fd
        self.pname = pname
        self.buf = bytearray()
        self.have = 0

    def flush(self):
        if self.fd == 1:
            from multicall.stdio import flush_stdout
            flush_stdout()
        mv = memoryview(self.buf)
        try:
            while mv:
                mv = mv[posix.write(self.fd, mv):]
        except BrokenPipeError:
            raise
        except OSError as e:
            write_stderr("%s: %s\n" % (self.pname, e.strerror))
            raise _Quit(3) from None
        finally:
            mv.release()
        self.buf = bytearray()

    def goto(self, target):
        """Move the output to offset `target` (xxd: fseek, else zeros)."""
        self.flush()
        try:
            posix.lseek(self.fd, target - self.have, 1)
            self.have = target
        except OSError:
            pass
        if target < self.have:
            _die(self.pname, 5, "Sorry, cannot seek backwards.")
        while target > self.have:  # a pipe: zeros up to there, 1 MiB at a time
            n = min(target - self.have, 1 << 20)
            self.buf += bytes(n)
            self.have += n
            if len(self.buf) >= 1 << 18:
                self.flush()

    def emit(self, data):
        self.buf += data
        self.have += len(data)
        if len(self.buf) >= 1 << 18:
            self.flush()

    def run(self, cols, ht, base):
        try:
            posix.lseek(self.reader.fd, 0, 0)  # xxd rewinds its input
        except OSError:
            pass
        self.cols = cols
        self.ps = ht == _POSTSCRIPT
        self.base = base
        self.ign_garb = 1
        self.n1, self.n2, self.n3 = -1, 0, 0
        self.p = cols
        self.want = 0
        self.skipping = False
        carry = b""
        for data in _limited(self.reader, -1):
            if self.ps:
                self._plain(data)
                continue
            if carry:
                data = carry + data
            cut = data.rfind(b"\n") + 1
            carry = data[cut:]
            self._lines(data[:cut])
        if carry:
            self._feed(carry)
        self.flush()
        try:
            posix.lseek(self.fd, 0, 2)
        except OSError:
            pass

    def _lines(self, data):
        """Whole lines of a normal dump.  A line in xxd's own shape
        (ADDR: hex pairs in groups, then two blanks or the end) is
        converted with bytes.fromhex when the parser is at a line start
        and the next line has that shape too; any other line, and the last
        of a run, goes through the parser, which so keeps its exact state."""
        import re
        match = re.compile(rb"([0-9a-fA-F]{1,15}):((?: (?:[0-9a-fA-F]{2})+)+)(?:  [^\n]*)?\n").match
        pos = 0
        size = len(data)
        m = match(data, 0)
        while pos < size:
            nxt = match(data, m.end()) if m is not None and m.end() < size else None
            if m is not None and nxt is not None and not self.skipping and self.p == self.cols \
                    and self.ign_garb == 1 and self.want == 0:
                target = self.base + int(m.group(1), 16)
                if target != self.have:
                    self.goto(target)
                out = bytes.fromhex(m.group(2).translate(None, b" ").decode("ascii"))[:self.cols]
                self.emit(out)
                pos = m.end()
                m = nxt
                continue
            end = data.find(b"\n", pos) + 1
            self._feed(data[pos:end])
            pos = end
            m = match(data, pos) if pos < size else None

    def _plain(self, data):
        """-r -p: a chunk of only hex digits and blanks is converted with
        bytes.fromhex, its first and last digits going through the parser
        so that its state (a pending digit, the seek) stays exact."""
        digits = data.translate(None, b" \t\n\r")
        if self.skipping or len(digits) < 8 or digits.translate(None, b"0123456789abcdefABCDEF"):
            self._feed(data)
            return
        k = 2 if self.n1 < 0 else 1  # parse up to the first complete pair
        self._feed(digits[:k])
        if self.skipping:
            self._feed(digits[k:])
            return
        mid = digits[k:len(digits) - 2]
        if len(mid) & 1:
            mid = mid[:-1]
        if mid:
            out = bytes.fromhex(mid.decode("ascii"))
            self.emit(out)
            self.want += len(out)
            self.n1, self.n2, self.n3 = -1, _hexval(mid[-2]), -1
        self._feed(digits[k + len(mid):])

    def _feed(self, data):
        """xxd's huntype() over one chunk, its state kept for the next."""
        i = 0
        size = len(data)
        ps = self.ps
        cols = self.cols
        base = self.base
        ign_garb, n1, n2, n3, p, want = self.ign_garb, self.n1, self.n2, self.n3, self.p, self.want
        if self.skipping:
            j = data.find(b"\n")
            if j < 0:
                return
            i = j + 1
            self.skipping = False
            if not ps:
                want = 0
            p = cols
            ign_garb = 1
        while i < size:
            c = data[i]
            i += 1
            if c == 13:
                continue
            if ps and (c == 32 or c == 10 or c == 9):
                continue
            n3 = n2
            n2 = n1
            n1 = _hexval(c)
            if n1 == -1 and ign_garb:
                continue
            ign_garb = 0
            if not ps and p >= cols:
                if n1 < 0:
                    p = 0
                    continue
                want = (want << 4) | n1
                continue
            if base + want != self.have:
                self.goto(base + want)
            skip = False
            if n2 >= 0 and n1 >= 0:
                self.buf.append((n2 << 4) | n1)
                self.have += 1
                want += 1
                n1 = -1
                if not ps:
                    p += 1
                    skip = p >= cols
            elif n1 < 0 and n2 < 0 and n3 < 0:
                skip = True
            if skip:
                j = data.find(b"\n", i - 1)
                if j < 0:
                    self.skipping = True
                    break
                i = j + 1
                c = 10
            if c == 10:
                if not ps:
                    want = 0
                p = cols
                ign_garb = 1
        self.ign_garb, self.n1, self.n2, self.n3, self.p, self.want = ign_garb, n1, n2, n3, p, want
        if len(self.buf) >= 1 << 18:
            self.flush()
