"""base64, base32: encode or decode data and print it (RFC 4648).

One module for both, as in GNU (basenc.c).  Encoding works on big chunks
whose size is a multiple of 3 (or 5): base64 through binascii, base32
through a strided formulation (the eight 5-bit columns of each 5-byte group
are computed for the whole chunk at once with bytes.translate, slicing with
a step, and big-integer OR), and wrapping is one strided slice assignment
per output column.  Decoding strips newlines (and, with -i, all garbage)
with one bytes.translate, decodes the clean part in bulk, and falls back to
gnulib's group-by-group rules only around padding and bad bytes, so the
output before an `invalid input` error is exactly GNU's.
"""
import posix

from multicall.errors import Fail, quote, quotef
from multicall.options import Spec, opt
from multicall.stdio import flush_stdout, stdout

B64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
B32 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
INTMAX = (1 << 63) - 1


def _wrap_size(text):
    """GNU's -w: a decimal count; overflow means no wrapping at all."""
    s = text.lstrip(" \t\n\v\f\r")
    body = s[1:] if s[:1] in "+-" else s
    if not body or not body.isdigit() or not body.isascii() or s[:1] == "-" and int(body):
        raise Fail("invalid wrap size: %s" % quote(text))
    w = int(body)
    return 0 if w > INTMAX else w


def _spec(name, bits):
    return Spec("[OPTION]... [FILE]",
                "Base%d encode or decode FILE, or standard input, to standard output.\n\n"
                "With no FILE, or when FILE is -, read standard input.\n\n"
                "Mandatory arguments to long options are mandatory for short options too." % bits,
                opt("-d, --decode", "decode data"),
                opt("-i, --ignore-garbage", "when decoding, ignore non-alphabet characters"),
                opt("-w, --wrap=COLS", "wrap encoded lines after COLS character (default 76).\n"
                    "  Use 0 to disable line wrapping", type=_wrap_size),
                operands=(0, 1),
                epilog="The data are encoded as described for the %s alphabet in RFC 4648.\n"
                "When decoding, the input may contain newlines in addition to the bytes of\n"
                "the formal %s alphabet.  Use --ignore-garbage to attempt to recover\n"
                "from any other non-alphabet bytes in the encoded stream." % (name, name))


SPEC = _spec("base64", 64)
SPEC32 = _spec("base32", 32)


def main(argv):
    b32 = argv[0] == "base32"
    opts = (SPEC32 if b32 else SPEC).parse(argv)
    name = opts.operands[0] if opts.operands else "-"
    if name == "-":
        fd = 0
    else:
        try:
            fd = posix.open(name, posix.O_RDONLY | posix.O_CLOEXEC)
        except OSError as e:
            raise Fail("%s: %s" % (quotef(name), e.strerror)) from None
    try:
        out = stdout()
        if opts.decode:
            ok = decode(fd, out, b32, opts.ignore_garbage)
            if not ok:
                flush_stdout()  # GNU's error() flushes the output first
                raise Fail("invalid input")
        else:
            encode(fd, out, b32, 76 if opts.wrap is None else opts.wrap)
    finally:
        if fd:
            posix.close(fd)
    return 0


def _read(fd, size):
    try:
        return posix.read(fd, size)
    except OSError as e:
        flush_stdout()
        raise Fail("read error: %s" % e.strerror) from None


# -- encoding --------------------------------------------------------------------

def encode(fd, out, b32, wrap):
    unit = 5 if b32 else 3
    size = unit * (1 << 18)
    if b32:
        tables = _tables32()

        def conv(data):
            return _b32encode(data, tables)
    else:
        conv = _b64encode
    rest = b""
    col = 0
    eof = False
    while not eof:
        data = _read(fd, size)
        if not data:
            eof = True
            data = rest
            rest = b""
        else:
            if rest:
                data = rest + data
            cut = len(data) - len(data) % unit
            data, rest = data[:cut], data[cut:]
        if not data:
            continue
        enc = conv(data)
        if wrap:
            enc, col = _wrap(enc, wrap, col)
        out.write(enc)
    if wrap and col:
        out.write(b"\n")


def _b64encode(data):
    import binascii
    return binascii.b2a_base64(data, newline=False)


def _tables32():
    """Translation tables for the base32 columns (value -> shifted bits;
    the columns taken from one byte map straight to the alphabet)."""
    def t(f):
        return bytes(f(b) & 0xFF for b in range(256))

    def a(f):
        return bytes(B32[f(b) & 31] for b in range(256))
    return {
        "alpha": bytes(B32[b & 31] for b in range(256)),
        "hi5": a(lambda b: b >> 3),
        "lo3<<2": t(lambda b: (b & 7) << 2),
        ">>6": t(lambda b: b >> 6),
        "mid5": a(lambda b: (b >> 1) & 31),
        "lo1<<4": t(lambda b: (b & 1) << 4),
        ">>4": t(lambda b: b >> 4),
        "lo4<<1": t(lambda b: (b & 15) << 1),
        ">>7": t(lambda b: b >> 7),
        "mid5b": a(lambda b: (b >> 2) & 31),
        "lo2<<3": t(lambda b: (b & 3) << 3),
        ">>5": t(lambda b: b >> 5),
        "lo5": a(lambda b: b & 31),
    }


def _or(a, b):
    """Bytewise OR of two equal-length byte strings (disjoint bits)."""
    n = len(a)
    return (int.from_bytes(a, "little") | int.from_bytes(b, "little")).to_bytes(n, "little")


def _b32encode(data, tables=None):
    T = tables or _tables32()
    full = len(data) - len(data) % 5
    out = bytearray()
    if full:
        cols = [data[k:full:5] for k in range(5)]
        b0, b1, b2, b3, b4 = cols
        parts = (
            b0.translate(T["hi5"]),
            _or(b0.translate(T["lo3<<2"]), b1.translate(T[">>6"])),
            b1.translate(T["mid5"]),
            _or(b1.translate(T["lo1<<4"]), b2.translate(T[">>4"])),
            _or(b2.translate(T["lo4<<1"]), b3.translate(T[">>7"])),
            b3.translate(T["mid5b"]),
            _or(b3.translate(T["lo2<<3"]), b4.translate(T[">>5"])),
            b4.translate(T["lo5"]),
        )
        out = bytearray(full // 5 * 8)
        alpha = T["alpha"]
        for k, p in enumerate(parts):
            out[k::8] = p if k in (0, 2, 5, 7) else p.translate(alpha)
    tail = data[full:]
    if tail:
        n = int.from_bytes(tail + b"\0" * (5 - len(tail)), "big")
        chars = bytes(B32[(n >> (35 - 5 * k)) & 31] for k in range(8))
        keep = {1: 2, 2: 4, 3: 5, 4: 7}[len(tail)]
        out += chars[:keep] + b"=" * (8 - keep)
    return bytes(out)


def _wrap(enc, width, col):
    """Insert newlines every `width` columns, starting at column `col`."""
    pieces = []
    if col:
        first = enc[:width - col]
        enc = enc[width - col:]
        col += len(first)
        pieces.append(first)
        if col < width:
            return b"".join(pieces), col
        pieces.append(b"\n")
        col = 0
    lines, last = divmod(len(enc), width)
    if lines:
        body = enc[:lines * width]
        if width <= 256:
            block = bytearray(lines * (width + 1))
            for c in range(width):
                block[c::width + 1] = body[c::width]
            block[width::width + 1] = b"\n" * lines
            pieces.append(bytes(block))
        else:
            mv = memoryview(body)
            pieces.append(b"\n".join([mv[i:i + width] for i in range(0, len(body), width)]))
            pieces.append(b"\n")
    if last:
        pieces.append(enc[lines * width:])
    return b"".join(pieces), last


# -- decoding --------------------------------------------------------------------

def decode(fd, out, b32, ignore_garbage):
    """Decode fd to out; False on invalid input (after writing what GNU
    writes before it says so)."""
    alphabet = B32 if b32 else B64
    group = 8 if b32 else 4
    values = bytearray(b"\xff" * 256)
    for i, c in enumerate(alphabet):
        values[c] = i
    if ignore_garbage:
        drop = bytes(b for b in range(256) if b not in alphabet and b != 0x3D)
    else:
        drop = b"\n"
    marks = bytes(0x41 if b in alphabet else 0x21 for b in range(256))  # 'A' good, '!' other
    if b32:
        tables = _dec_tables()

        def bulk(data):
            return _b32decode(data, tables)
    else:
        bulk = _b64decode
    size = 1 << 18
    pending = b""
    while True:
        data = _read(fd, size)
        if not data:
            break
        data = pending + data.translate(None, drop)
        pos = 0
        n = len(data)
        marked = data.translate(marks) if data.translate(None, alphabet) else None
        while True:
            # the longest run of whole groups made only of alphabet bytes
            bad = -1 if marked is None else marked.find(b"!", pos)
            end = n if bad < 0 else bad
            whole = pos + (end - pos) // group * group
            if whole > pos:
                out.write(bulk(data[pos:whole]))
                pos = whole
            if n - pos < group:
                break
            # the group at pos holds padding or a bad byte
            got, ok = _slow_group(data[pos:pos + group], values, b32)
            out.write(got)
            if not ok:
                return False
            pos += group
        pending = data[pos:]
    if pending:
        got, _ = _slow_group(pending, values, b32)
        out.write(got)
        return False
    return True


def _b64decode(data):
    import binascii
    return binascii.a2b_base64(data)


def _b32decode(data, T=None):
    """Whole 8-character groups of the base32 alphabet, no padding."""
    T = T or _dec_tables()
    vals = data.translate(T["value"])
    c = [vals[k::8] for k in range(8)]
    o0 = _or(c[0].translate(T["<<3"]), c[1].translate(T[">>2"]))
    o1 = _or(_or(c[1].translate(T["lo2<<6"]), c[2].translate(T["<<1"])), c[3].translate(T[">>4"]))
    o2 = _or(c[3].translate(T["lo4<<4"]), c[4].translate(T[">>1"]))
    o3 = _or(_or(c[4].translate(T["lo1<<7"]), c[5].translate(T["<<2"])), c[6].translate(T[">>3"]))
    o4 = _or(c[6].translate(T["lo3<<5"]), c[7])
    out = bytearray(len(data) // 8 * 5)
    for k, p in enumerate((o0, o1, o2, o3, o4)):
        out[k::5] = p
    return bytes(out)


def _dec_tables():
    def t(f):
        return bytes(f(b) & 0xFF for b in range(256))
    return {
        "value": bytes(B32.index(b) if b in B32 else 0 for b in range(256)),
        "<<3": t(lambda v: v << 3), ">>2": t(lambda v: v >> 2),
        "lo2<<6": t(lambda v: (v & 3) << 6), "<<1": t(lambda v: v << 1), ">>4": t(lambda v: v >> 4),
        "lo4<<4": t(lambda v: (v & 15) << 4), ">>1": t(lambda v: v >> 1),
        "lo1<<7": t(lambda v: (v & 1) << 7), "<<2": t(lambda v: v << 2), ">>3": t(lambda v: v >> 3),
        "lo3<<5": t(lambda v: (v & 7) << 5),
    }


def _slow_group(g, values, b32):
    """gnulib's decode_4 / decode_8 on one group (shorter at end of input):
    (bytes written, whether the group is valid)."""
    return _decode8(g, values) if b32 else _decode4(g, values)


def _decode4(g, v):
    n = len(g)
    if n < 2 or v[g[0]] > 63 or v[g[1]] > 63:
        return b"", False
    a, b = v[g[0]], v[g[1]]
    out = bytearray(((a << 2) | (b >> 4)).to_bytes(1, "big"))
    if n == 2:
        return bytes(out), False
    if g[2] == 0x3D:
        return bytes(out), n == 4 and g[3] == 0x3D
    if v[g[2]] > 63:
        return bytes(out), False
    c = v[g[2]]
    out.append(((b << 4) & 0xF0) | (c >> 2))
    if n == 3:
        return bytes(out), False
    if g[3] == 0x3D:
        return bytes(out), True
    if v[g[3]] > 63:
        return bytes(out), False
    out.append(((c << 6) & 0xC0) | v[g[3]])
    return bytes(out), True


def _decode8(g, v):
    if len(g) < 8:
        return b"", False
    x = [v[c] for c in g]
    good = [c <= 31 for c in x]
    pad = [c == 0x3D for c in g]
    out = bytearray()
    if not (good[0] and good[1]):
        return b"", False
    out.append(((x[0] << 3) | (x[1] >> 2)) & 0xFF)
    if pad[2]:
        return bytes(out), all(pad[3:8])
    if not (good[2] and good[3]):
        return bytes(out), False
    out.append(((x[1] << 6) & 0xC0) | ((x[2] << 1) & 0x3E) | ((x[3] >> 4) & 1))
    if pad[4]:
        return bytes(out), all(pad[5:8])
    if not good[4]:
        return bytes(out), False
    out.append(((x[3] << 4) & 0xF0) | ((x[4] >> 1) & 0x0F))
    if pad[5]:
        return bytes(out), pad[6] and pad[7]
    if not (good[5] and good[6]):
        return bytes(out), False
    out.append(((x[4] << 7) & 0x80) | ((x[5] << 2) & 0x7C) | ((x[6] >> 3) & 3))
    if not pad[7]:
        if not good[7]:
            return bytes(out), False
        out.append(((x[6] << 5) & 0xE0) | x[7])
    return bytes(out), True
