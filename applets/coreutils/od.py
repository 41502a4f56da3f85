"""od: dump files in octal and other formats, byte for byte as GNU's od 9.1.

The input files form one stream (as in GNU), read in chunks of whole output
lines.  Each run of lines that is printed is formatted with a single
`%` operation: the values come from one struct.unpack (or a precomputed
table of per-byte strings for the one-byte types `a c d1 o1 u1 x1`) and are
laid into the argument list with slice assignments, so no Python code runs
per byte and only a cheap comparison runs per line (for `*` squeezing).
Floating-point fields use gnulib's ftoastr rule: the shortest %g precision
from FLT_DIG/DBL_DIG/LDBL_DIG up that reads back as the same value; x87
long doubles (-t fL) are decoded and rounded exactly with integers.

Numbers in options go through gnulib's xstrtoumax (multicall.numbers) with
xstrtol_fatal's messages (`invalid suffix in -j argument '1x'`).
"""
import posix

from multicall.errors import Fail, Usage, quote, warn_os, write_stderr
from multicall.numbers import OK, UINTMAX_MAX, xstrtol_fatal, xstrtoumax
from multicall.options import Spec, choice, opt
from multicall.stdio import flush_stdout, stdout

_UMAX = UINTMAX_MAX
_MULTIPLIERS = "bEGKkMmPTYZ0"


def strtoumax_option(text, shown, base=0, valid=_MULTIPLIERS):
    """Parse an option's unsigned number; Fail with xstrtol_fatal's message."""
    value, err, _ = xstrtoumax(text, base, valid)
    if err != OK:
        xstrtol_fatal(err, shown, text)
    return value


def _num(shown, base=0, valid=_MULTIPLIERS):
    return lambda text: strtoumax_option(text, shown, base, valid)


def _both(names, meta, help, dest, base=0, valid=_MULTIPLIERS, optional=False):
    """An option whose short and long forms name themselves in messages
    (`-j` or `--skip-bytes`): one visible declaration for --help, and one
    hidden declaration per form that does the work."""
    short, long = names
    sep = "[=" if optional else "="
    visible = opt("%s, %s%s%s%s" % (short, long, sep, meta, "]" if optional else ""), help, dest=dest)
    return (visible,
            opt("%s %s" % (short, meta), None, dest=dest, type=_num(short, base, valid)),
            opt("%s%s%s%s" % (long, sep, meta, "]" if optional else ""), None, dest=dest,
                type=_num(long, base, valid), const=3 if optional else None))


def _radix(text):
    """-A RADIX: GNU looks at the first character only."""
    c = text[:1] or "\0"
    if c not in "doxn":
        raise Fail("invalid output address radix '%s'; it must be one character from [doxn]" % c)
    return c


def _format_type(text):
    """-t TYPE: decoded at once so that errors come out in order; a bad
    string is reported and remembered as None (GNU exits 1 after parsing)."""
    specs = _decode_formats(text)
    return specs


_TRADITIONAL = {"a": "a", "b": "o1", "c": "c", "D": "u4", "d": "u2", "e": "fD", "F": "fD",
                "f": "fF", "H": "x4", "X": "x4", "i": "dI", "I": "dL", "L": "dL", "l": "dL",
                "O": "o4", "B": "o2", "o": "o2", "s": "d2", "h": "x2", "x": "x2"}
_TRADITIONAL_HELP = {"a": "same as -t a,  select named characters, ignoring high-order bit",
                     "b": "same as -t o1, select octal bytes",
                     "c": "same as -t c,  select printable characters or backslash escapes",
                     "d": "same as -t u2, select unsigned decimal 2-byte units",
                     "f": "same as -t fF, select floats",
                     "i": "same as -t dI, select decimal ints",
                     "l": "same as -t dL, select decimal longs",
                     "o": "same as -t o2, select octal 2-byte units",
                     "s": "same as -t d2, select decimal 2-byte units",
                     "x": "same as -t x2, select hexadecimal 2-byte units"}

SPEC = Spec(("[OPTION]... [FILE]...",
             "[-abcdfilosx]... [FILE] [[+]OFFSET[.][b]]",
             "--traditional [OPTION]... [FILE] [[+]OFFSET[.][b] [+][LABEL][.][b]]"),
            "\nWrite an unambiguous representation, octal bytes by default,\n"
            "of FILE to standard output.  With more than one FILE argument,\n"
            "concatenate them in the listed order to form the input.\n\n"
            "With no FILE, or when FILE is -, read standard input.\n\n"
            "If first and second call formats both apply, the second format is assumed\n"
            "if the last operand begins with + or (if there are 2 operands) a digit.\n"
            "An OFFSET operand means -j OFFSET.  LABEL is the pseudo-address\n"
            "at first byte printed, incremented when dump is progressing.\n"
            "For OFFSET and LABEL, a 0x or 0X prefix indicates hexadecimal;\n"
            "suffixes may be . for octal and b for multiply by 512.\n\n"
            "Mandatory arguments to long options are mandatory for short options too.",
            opt("-A, --address-radix=RADIX", "output format for file offsets; RADIX is one\n"
                "  of [doxn], for Decimal, Octal, Hex or None", type=lambda v: _radix(v)),
            opt("--endian={big|little}", "swap input bytes according the specified order",
                type=choice("little", "big")),
            *_both(("-j", "--skip-bytes"), "BYTES", "skip BYTES input bytes first", "skip_bytes"),
            *_both(("-N", "--read-bytes"), "BYTES", "limit dump to BYTES input bytes", "read_bytes"),
            *_both(("-S", "--strings"), "BYTES", "output strings of at least BYTES graphic chars;\n"
                   "  3 is implied when BYTES is not specified", "strings", optional=True),
            opt("-t, --format=TYPE", "select output format or formats", dest="format",
                kind="list", type=_format_type),
            opt("-v, --output-duplicates", "do not use * to mark line suppression"),
            opt("-w[BYTES], --width[=BYTES]", "output BYTES bytes per output line;\n"
                "  32 is implied when BYTES is not specified", dest="width"),
            opt("-w[BYTES]", None, dest="width", type=_num("-w", 10, ""), const=32),
            opt("--width[=BYTES]", None, dest="width", type=_num("--width", 10, ""), const=32),
            opt("--traditional", "accept arguments in third form above"),
            *(opt("-" + c, _TRADITIONAL_HELP.get(c), dest="trad_" + c) for c in "abcdfilosxDeFHXIOBLh"),
            epilog="\nTYPE is made up of one or more of these specifications:\n"
            "  a          named character, ignoring high-order bit\n"
            "  c          printable character or backslash escape\n"
            "  d[SIZE]    signed decimal, SIZE bytes per integer\n"
            "  f[SIZE]    floating point, SIZE bytes per float\n"
            "  o[SIZE]    octal, SIZE bytes per integer\n"
            "  u[SIZE]    unsigned decimal, SIZE bytes per integer\n"
            "  x[SIZE]    hexadecimal, SIZE bytes per integer\n\n"
            "SIZE is a number.  For TYPE in [doux], SIZE may also be C for\n"
            "sizeof(char), S for sizeof(short), I for sizeof(int) or L for\n"
            "sizeof(long).  If TYPE is f, SIZE may also be F for sizeof(float), D\n"
            "for sizeof(double) or L for sizeof(long double).\n\n"
            "Adding a z suffix to any type displays printable characters at the end of\n"
            "each output line.\n\n\n"
            "BYTES is hex with 0x or 0X prefix, and may have a multiplier suffix:\n"
            "  b    512\n  KB   1000\n  K    1024\n  MB   1000*1000\n  M    1024*1024\n"
            "and so on for G, T, P, E, Z, Y.\n"
            "Binary prefixes can be used, too: KiB=K, MiB=M, and so on.")

# -- the formats -------------------------------------------------------------

_OCT_DIGITS = {1: 3, 2: 6, 4: 11, 8: 22}
_SDEC_DIGITS = {1: 4, 2: 6, 4: 11, 8: 20}
_UDEC_DIGITS = {1: 3, 2: 5, 4: 10, 8: 20}
_HEX_DIGITS = {1: 2, 2: 4, 4: 8, 8: 16}
_INT_SIZES = {"C": 1, "S": 2, "I": 4, "L": 8}
_FLOAT_SIZES = {"F": 4, "D": 8, "L": 16}
_FLOAT_WIDTH = {4: 15, 8: 24, 16: 29}
_CHARNAME = ("nul soh stx etx eot enq ack bel bs ht nl vt ff cr so si dle dc1 dc2 dc3 "
             "dc4 nak syn etb can em sub esc fs gs rs us sp").split()


class _Format:
    """One output format: letter, size in bytes, field width, z trailer."""

    __slots__ = ("kind", "size", "width", "trailer")

    def __init__(self, kind, size, width, trailer):
        self.kind = kind
        self.size = size
        self.width = width
        self.trailer = trailer


def _type_size(text, i, letters, default, sizes, kind):
    """(size, index after it) for the size that may follow a type letter at
    text[i]: a letter of `letters`, a decimal number of bytes that `sizes`
    knows, or nothing (`default`); (None, i) after reporting an error."""
    n = len(text)
    if i < n and text[i] in letters:
        return letters[text[i]], i + 1
    j = i
    while j < n and "0" <= text[j] <= "9":
        j += 1
    if j == i:
        return default, i
    size = int(text[i:j])
    if size >= 1 << 64:
        write_stderr("od: invalid type string %s\n" % quote(text))
        return None, i
    if size not in sizes:
        write_stderr("od: invalid type string %s;\nthis system doesn't provide a %d-byte "
                     "%s type\n" % (quote(text), size, kind))
        return None, i
    return size, j


def _decode_formats(text):
    """The formats in one TYPE string, or None after reporting an error."""
    out = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        i += 1
        if c in "doux":
            size, i = _type_size(text, i, _INT_SIZES, 4, _OCT_DIGITS, "integral")
            if size is None:
                return None
            width = {"d": _SDEC_DIGITS, "o": _OCT_DIGITS, "u": _UDEC_DIGITS, "x": _HEX_DIGITS}[c][size]
        elif c == "f":
            size, i = _type_size(text, i, _FLOAT_SIZES, 8, _FLOAT_WIDTH, "floating point")
            if size is None:
                return None
            width = _FLOAT_WIDTH[size]
        elif c in "ac":
            size, width = 1, 3
        else:
            write_stderr("od: invalid character '%s' in type string %s\n" % (c, quote(text)))
            return None
        trailer = i < n and text[i] == "z"
        if trailer:
            i += 1
        out.append(_Format(c, size, width, trailer))
    return out


def _isprint(b):
    return 0x20 <= b < 0x7F


def _byte_table(kind):
    """The unpadded text of each byte value for a one-byte format."""
    if kind == "x":
        return ["%02x" % b for b in range(256)]
    if kind == "o":
        return ["%03o" % b for b in range(256)]
    if kind == "u":
        return ["%d" % b for b in range(256)]
    if kind == "d":
        return ["%d" % (b - 256 if b >= 128 else b) for b in range(256)]
    if kind == "a":
        t = []
        for b in range(256):
            m = b & 0x7F
            t.append("del" if m == 127 else _CHARNAME[m] if m <= 32 else chr(m))
        return t
    esc = {0: "\\0", 7: "\\a", 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t", 11: "\\v"}
    return [esc.get(b) or (chr(b) if _isprint(b) else "%03o" % b) for b in range(256)]


# -- floating point (gnulib ftoastr) --------------------------------------

def _signbit(x):
    import math
    return math.copysign(1.0, x) < 0


def _float_text(x, dig, bound, tiny, back):
    """ftoastr: the shortest %g (from `dig` digits) that reads back as x."""
    if x != x:
        return "-nan" if _signbit(x) else "nan"
    if x in (float("inf"), float("-inf")):
        return "inf" if x > 0 else "-inf"
    prec = 1 if -tiny < x < tiny else dig
    while True:
        s = "%.*g" % (prec, x)
        if prec >= bound or back(s) == x:
            return s
        prec += 1


def _float_converter(size):
    import struct
    if size == 8:
        return lambda x: _float_text(x, 15, 17, 2.2250738585072014e-308, float)
    f32 = struct.Struct("<f")

    def back(s):
        try:
            return f32.unpack(f32.pack(float(s)))[0]
        except OverflowError:
            return float("inf")
    return lambda x: _float_text(x, 6, 9, 1.1754943508222875e-38, back)


def _long_double_text(b):
    """ftoastr for one x87 80-bit extended value in 16 little-endian bytes,
    as glibc prints it: invalid encodings are NaNs, pseudo-denormals never
    read back so they get LDBL's 21 digits."""
    mant = int.from_bytes(b[:8], "little")
    se = b[8] | b[9] << 8
    neg = se >> 15
    exp = se & 0x7FFF
    sign = "-" if neg else ""
    top = mant >> 63
    if exp == 0x7FFF:
        if top and not mant & ((1 << 63) - 1):
            return sign + "inf"
        return sign + "nan"
    if exp and not top:
        return sign + "nan"  # an unnormal
    if exp == 0:
        value_m = mant & ((1 << 63) - 1)
        e2 = -16445
        exact = not top  # a pseudo-denormal never compares equal
    else:
        value_m = mant
        e2 = exp - 16383 - 63
        exact = True
    if value_m == 0:
        return sign + "0"
    prec = 1 if exp == 0 and not top else 18
    while True:
        text, digits, e10 = _g_format(value_m, e2, prec)
        if prec >= 21 or (exact and _reads_back(digits, e10 - len(digits) + 1, value_m, e2, exp)):
            return sign + text
        prec += 1


def _g_format(m, e2, prec):
    """'%.{prec}Lg' of m * 2**e2 (m > 0) with round-half-even on the exact
    value: (text, significant digits, decimal exponent of the first)."""
    if e2 >= 0:
        num, den = m << e2, 1
    else:
        num, den = m, 1 << -e2
    # Decimal exponent of the leading digit.
    # Decimal exponent of the leading digit, off by at most one (the loop
    # below corrects it); str() of a 5000-digit integer is refused.
    e10 = (num.bit_length() - den.bit_length()) * 30103 // 100000
    while True:
        shift = prec - 1 - e10
        if shift >= 0:
            n, d = num * 10 ** shift, den
        else:
            n, d = num, den * 10 ** -shift
        q, r = divmod(n, d)
        if q >= 10 ** prec:
            e10 += 1
            continue
        if q < 10 ** (prec - 1):
            e10 -= 1
            continue
        break
    if 2 * r > d or (2 * r == d and q & 1):
        q += 1
        if q == 10 ** prec:
            q //= 10
            e10 += 1
    digits = str(q)
    if -4 <= e10 < prec:
        if e10 >= 0:
            text = digits[:e10 + 1] + "." + digits[e10 + 1:]
        else:
            text = "0." + "0" * (-e10 - 1) + digits
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    else:
        frac = digits[1:].rstrip("0")
        text = digits[0] + ("." + frac if frac else "") + "e%s%02d" % ("-" if e10 < 0 else "+", abs(e10))
    return text, digits, e10


def _reads_back(digits, e10, m, e2, bexp):
    """True when strtold of digits * 10**e10 gives back m * 2**e2, the
    normal or denormal long double with biased exponent bexp: the decimal
    must fall inside x's rounding interval (ends included when m is even).
    All in integers, scaled by 2**(2 - e2)."""
    d = int(digits)
    lo = 4 * m - (1 if (m == 1 << 63 and bexp > 1) else 2)
    hi = 4 * m + 2
    if e10 >= 0:
        num, den = d * 5 ** e10, 1
    else:
        num, den = d, 5 ** -e10
    k = e10 - (e2 - 2)
    if k >= 0:
        v, lo, hi = num << k, lo * den, hi * den
    else:
        v, lo, hi = num, (lo * den) << -k, (hi * den) << -k
    if m & 1:
        return lo < v < hi
    return lo <= v <= hi


# -- the reader: all inputs as one stream ------------------------------------

class _Input:
    """The operands read one after another as one stream (GNU's
    open_next_file/read_block/skip), reporting files that fail."""

    def __init__(self, prog, names):
        self.prog = prog
        self.names = names
        self.i = 0
        self.fd = None
        self.name = None
        self.ok = True
        self.next_file()

    def next_file(self):
        self.close()
        while self.i < len(self.names):
            name = self.names[self.i]
            self.i += 1
            if name == "-":
                self.fd, self.name = 0, name
                return
            try:
                self.fd = posix.open(name, posix.O_RDONLY | posix.O_CLOEXEC)
                self.name = name
                return
            except OSError as e:
                flush_stdout()  # GNU's error() flushes stdout first
                warn_os(self.prog, name, e)
                self.ok = False

    def close(self):
        if self.fd is not None and self.fd != 0:
            posix.close(self.fd)
        self.fd = None

    def _fail(self, e):
        flush_stdout()
        warn_os(self.prog, "standard input" if self.name == "-" else self.name, e)
        self.ok = False

    def read(self, n):
        """Up to n bytes; fewer only at the end of the last input."""
        parts = []
        while n > 0 and self.fd is not None:
            try:
                b = posix.read(self.fd, min(n, 1 << 20))
            except OSError as e:
                self._fail(e)
                b = b""
            if not b:
                self.next_file()
                continue
            parts.append(b)
            n -= len(b)
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def skip(self, n):
        """Skip n bytes as GNU does: whole files by their size, lseek where
        the input can seek, reading otherwise.  Returns True when done."""
        while n and self.fd is not None:
            try:
                st = posix.fstat(self.fd)
            except OSError as e:
                self._fail(e)
                self.next_file()
                continue
            regular = st.st_mode & 0o170000 == 0o100000
            if regular and st.st_blksize < st.st_size:
                if st.st_size < n:
                    n -= st.st_size
                else:
                    try:
                        posix.lseek(self.fd, n, 1)
                    except OSError as e:
                        self._fail(e)
                    n = 0
            elif not regular and _lseek_ok(self.fd, n):
                n = 0
            else:
                while n:
                    try:
                        b = posix.read(self.fd, min(n, 1 << 18))
                    except OSError as e:
                        self._fail(e)
                        n = 0
                        break
                    if not b:
                        break
                    n -= len(b)
            if n == 0:
                break
            self.next_file()
        return n == 0


def _lseek_ok(fd, n):
    try:
        posix.lseek(fd, n, 1)
        return True
    except OSError:
        return False


# -- main -----------------------------------------------------------------

def _parse_old_offset(s):
    """The traditional [+]OFFSET[.][b] operand, or None (as GNU parses it:
    a '.' means decimal but is then refused as a suffix)."""
    if not s:
        return None
    if s[0] == "+":
        s = s[1:]
    if "." in s:
        radix = 10
    elif s[:2] in ("0x", "0X"):
        radix = 16
    else:
        radix = 8
    value, err, _ = xstrtoumax(s, radix, "Bb")
    return None if err else value


def main(argv):
    opts = SPEC.parse(argv)
    prog = opts.prog
    given = opts.given
    ok = True
    formats = []
    t_values = iter(opts.format)
    for dest in given:
        if dest == "format":
            specs = next(t_values)
            if specs is None:
                ok = False
            else:
                formats.extend(specs)
        elif dest.startswith("trad_"):
            formats.extend(_decode_formats(_TRADITIONAL[dest[5:]]))
    modern = any(d in ("address_radix", "skip_bytes", "read_bytes", "strings", "format",
                       "output_duplicates", "width") for d in given)
    radix = opts.address_radix or "o"
    if not ok:
        return 1
    strings = opts.strings
    if strings is not None and formats:
        raise Fail("no type may be specified when dumping strings")
    skip = opts.skip_bytes or 0
    operands = list(opts.operands)
    pseudo = None
    if not modern or opts.traditional:
        n = len(operands)
        if n == 1:
            if opts.traditional or operands[0][:1] == "+":
                o1 = _parse_old_offset(operands[0])
                if o1 is not None:
                    skip = o1
                    operands = []
        elif n == 2:
            last = operands[1]
            if opts.traditional or last[:1] == "+" or last[:1].isdigit() and last[0] in "0123456789":
                o2 = _parse_old_offset(last)
                if o2 is not None:
                    o1 = _parse_old_offset(operands[0]) if opts.traditional else None
                    if o1 is not None:
                        skip, pseudo = o1, o2
                        operands = []
                    else:
                        skip = o2
                        operands = operands[:1]
        elif n == 3 and opts.traditional:
            o1 = _parse_old_offset(operands[1])
            o2 = _parse_old_offset(operands[2]) if o1 is not None else None
            if o2 is not None:
                skip, pseudo = o1, o2
                operands = operands[:1]
        if opts.traditional and len(operands) > 1:
            write_stderr("%s: extra operand %s\n" % (prog, quote(operands[1])))
            raise Usage("compatibility mode supports at most one file")
    limit = opts.read_bytes
    end = None
    if limit is not None:
        end = skip + limit
        if end > _UMAX:
            raise Fail("skip-bytes + read-bytes is too large")
    if not formats:
        formats = _decode_formats("o2")
    swap = opts.endian == "big"

    # Addresses.
    base = {"d": "d", "o": "o", "x": "x", "n": None}[radix]
    pad = {"d": 7, "o": 7, "x": 6, "n": 0}[radix]
    if pseudo is not None:
        if base is None:
            base, pad = "o", 7
            addr = ("paren", "(%%0%d%s)" % (pad, base))
        else:
            one = "%%0%d%s" % (pad, base)
            addr = ("label", "%s (%s)" % (one, one))
    elif base is None:
        addr = ("none", "")
    else:
        addr = ("std", "%%0%d%s" % (pad, base))

    inp = _Input(prog, operands or ["-"])
    if inp.fd is None:
        return 1
    if skip and not inp.skip(skip):
        raise Fail("cannot skip past end of combined input")
    pseudo_offset = (pseudo - skip) & _UMAX if pseudo is not None else 0
    lcm = 1
    for f in formats:
        lcm = _lcm(lcm, f.size)
    if opts.width is not None:
        if opts.width and opts.width % lcm == 0:
            bpb = opts.width
        else:
            write_stderr("%s: warning: invalid width %d; using %d instead\n" % (prog, opts.width, lcm))
            bpb = lcm
    else:
        bpb = lcm * (16 // lcm) if lcm < 16 else lcm
    out = stdout()
    dumper = _Dumper(formats, bpb, lcm, addr, pad, pseudo_offset, swap, not opts.output_duplicates, out)
    if strings is not None:
        _dump_strings(inp, strings, skip, end, dumper)
    else:
        _dump(inp, skip, end, dumper)
    inp.close()
    return 0 if inp.ok else 1


def _lcm(a, b):
    x, y = a, b
    while y:
        x, y = y, x % y
    return a * b // x


class _Dumper:
    """Formats lines: the per-format templates and value converters."""

    def __init__(self, formats, bpb, lcm, addr, pad, pseudo_offset, swap, squeeze, out):
        self.formats = formats
        self.bpb = bpb
        self.lcm = lcm
        self.addr_kind, self.addr_fmt = addr
        self.pad = pad
        self.pseudo = pseudo_offset
        self.swap = swap
        self.squeeze = squeeze
        self.out = out
        self.templates = {}
        width_per_block = 0
        for f in formats:
            width_per_block = max(width_per_block, (f.width + 1) * (bpb // f.size))
        self.parts = []  # per format: (fields, [field templates], converter, trailer)
        for f in formats:
            fields = bpb // f.size
            padw = width_per_block - f.width * fields
            widths = []
            remaining = padw
            for i in range(fields, 0, -1):
                nxt = padw * (i - 1) // fields
                widths.append(remaining - nxt + f.width)
                remaining = nxt
            self.parts.append((f, fields, padw, self._templates(f, widths), self._converter(f)))
        nargs = {"std": 1, "label": 2, "paren": 1, "none": 0}[self.addr_kind]
        self.naddr = nargs
        self.columns = nargs + sum(p[1] + (1 if p[0].trailer else 0) for p in self.parts)
        self.line = "".join(self._line_pieces())

    def _templates(self, f, widths):
        if f.size == 1 or f.kind in "ac":
            return ["%%%ds" % w for w in widths]
        if f.kind == "f":
            return ["%%%ds" % w for w in widths]
        if f.kind in "du":
            return ["%%%dd" % w for w in widths]
        return ["%%%d.%d%s" % (w, f.width, f.kind) for w in widths]

    def _converter(self, f):
        """A function from a bytes run of whole blocks to the field values."""
        if f.size == 1:
            table = _byte_table(f.kind)
            get = table.__getitem__
            return lambda data: list(map(get, data))
        import struct
        order = ">" if self.swap else "<"
        if f.kind == "f":
            if f.size == 16:
                swap = self.swap

                def convert16(data):
                    mv = memoryview(data)
                    return [_long_double_text(bytes(mv[i:i + 16])[::-1] if swap else mv[i:i + 16])
                            for i in range(0, len(data), 16)]
                return convert16
            code = "f" if f.size == 4 else "d"
            text = _float_converter(f.size)
            return lambda data: list(map(text, struct.unpack("%s%d%s" % (order, len(data) // f.size, code), data)))
        code = {1: "b", 2: "h", 4: "i", 8: "q"}[f.size]
        if f.kind != "d":
            code = code.upper()
        return lambda data: struct.unpack("%s%d%s" % (order, len(data) // f.size, code), data)

    def _line_pieces(self):
        pieces = [self.addr_fmt]
        for k, (f, fields, padw, templates, conv) in enumerate(self.parts):
            if k:
                pieces.append(" " * self.pad)
            pieces.extend(templates)
            if f.trailer:
                pieces.append("  >%s<")
            pieces.append("\n")
        return pieces

    def _address_args(self, start, n):
        end = start + n * self.bpb
        kind = self.addr_kind
        if kind == "std":
            return (range(start, end, self.bpb),)
        ps = self.pseudo
        shifted = [(a + ps) & _UMAX for a in range(start, end, self.bpb)]
        if kind == "label":
            return (range(start, end, self.bpb), shifted)
        if kind == "paren":
            return (range(start, end, self.bpb),)  # GNU shows the real offset here
        return ()

    def lines(self, data, start):
        """Format the whole blocks in `data` (its first at offset `start`)."""
        bpb = self.bpb
        n = len(data) // bpb
        if not n:
            return ""
        cols = self.columns
        args = [None] * (n * cols)
        col = 0
        for seq in self._address_args(start, n):
            args[col::cols] = seq
            col += 1
        for f, fields, padw, templates, conv in self.parts:
            vals = conv(data)
            for p in range(fields):
                args[col + p::cols] = vals[p::fields]
            col += fields
            if f.trailer:
                shown = data.translate(_TRAILER_TABLE).decode("latin-1")
                args[col::cols] = [shown[i:i + bpb] for i in range(0, n * bpb, bpb)]
                col += 1
        tmpl = self.templates.get(n)
        if tmpl is None:
            tmpl = self.line * n
            if len(self.templates) < 8:
                self.templates[n] = tmpl
        return tmpl % tuple(args)

    def partial(self, data, nread, start):
        """The last, short block: `data` is zero-padded to the lcm."""
        bpb = self.bpb
        out = []
        for k, (f, fields, padw, templates, conv) in enumerate(self.parts):
            if k == 0:
                out.append(self.address(start, ""))
            else:
                out.append(" " * self.pad)
            blank = (bpb - nread) // f.size
            shown = fields - blank
            vals = conv(data[:shown * f.size])
            out.append("".join(templates[:shown]) % tuple(vals))
            if f.trailer:
                out.append(" " * (blank * f.width + padw * blank // fields))
                out.append("  >%s<" % data[:nread].translate(_TRAILER_TABLE).decode("latin-1"))
            out.append("\n")
        return "".join(out)

    def address(self, a, end):
        kind = self.addr_kind
        if kind == "none":
            return ""
        if kind == "std":
            return self.addr_fmt % a + end
        if kind == "label":
            return self.addr_fmt % (a, (a + self.pseudo) & _UMAX) + end
        return self.addr_fmt % a + end

    def write(self, text):
        self.out.write(text.encode("latin-1"))


_TRAILER_TABLE = bytes(b if 0x20 <= b < 0x7F else 0x2E for b in range(256))


def _dump(inp, offset, end, d):
    bpb = d.bpb
    chunk = bpb * max(1, (1 << 16) // bpb)
    prev = None  # the previous whole block
    starred = False
    while True:
        want = chunk if end is None else min(chunk, end - offset)
        if want <= 0:
            break
        data = inp.read(want)
        nfull = len(data) // bpb
        if nfull:
            if d.squeeze:
                out = []
                run = 0  # the first block of the run not printed yet
                for j in range(nfull):
                    block = data[j * bpb:(j + 1) * bpb]
                    if block == prev:
                        if run < j:
                            out.append(d.lines(data[run * bpb:j * bpb], offset + run * bpb))
                        run = j + 1
                        if not starred:
                            out.append("*\n")
                            starred = True
                    else:
                        starred = False
                    prev = block
                if run < nfull:
                    out.append(d.lines(data[run * bpb:nfull * bpb], offset + run * bpb))
                d.write("".join(out))
            else:
                d.write(d.lines(data[:nfull * bpb], offset))
            offset += nfull * bpb
        rest = len(data) - nfull * bpb
        if rest:
            tail = data[nfull * bpb:]
            padded = -(-rest // d.lcm) * d.lcm
            d.write(d.partial(tail + bytes(padded - rest), rest, offset))
            offset += rest
            break
        if len(data) < want:
            break
    if d.addr_kind != "none":
        d.write(d.address(offset, "\n"))


def _dump_strings(inp, nmin, offset, end, d):
    """-S: NUL-terminated runs of at least nmin printable characters."""
    import re
    find = re.compile(rb"(?<![ -~])([ -~]{%d,})\x00" % nmin).finditer
    printable = bytes(range(0x20, 0x7F))
    carry = b""
    start = offset  # the offset of carry's first byte
    pos = offset  # the offset of the next byte to read
    while True:
        want = 1 << 16 if end is None else min(1 << 16, end - pos)
        data = inp.read(want) if want > 0 else b""
        pos += len(data)
        buf = carry + data if carry else data
        limited = end is not None and pos >= end
        if not data:
            if limited and carry and len(carry) > nmin:
                # The limit cut a printable run: GNU prints it, one byte early.
                d.write(d.address((start - 1) & _UMAX, " ") + carry.decode("latin-1") + "\n")
            break
        keep = len(buf) - len(buf.rstrip(printable))
        cut = len(buf) - keep
        out = []
        for m in find(buf, 0, cut):
            out.append(d.address(start + m.start(), " ") + m.group(1).decode("latin-1") + "\n")
        d.write("".join(out))
        carry = buf[cut:]
        start += cut
        if len(data) < want and not limited:
            break
