"""gnulib's human.c, for df, du, dd and ls: block-size options (-B SIZE,
BLOCK_SIZE and friends, `human-readable`, `si`, a bare suffix such as `K`
or `MB` that also asks for the suffix in the output) and
human_readable()'s exact integer rounding (ceiling, floor or nearest, one
decimal below 10 when autoscaling).
"""
import posix

GROUP = 4  # human_group_digits
SUPPRESS_POINT_ZERO = 8  # no ".0" when autoscaling
SI = 32  # show a suffix
AUTOSCALE = 16
BASE_1024 = 64
SPACE_ONE = 128  # a space between the number and the suffix
B = 256  # append B (and i for base 1024)
CEILING, NEAREST, FLOOR = 0, 1, 2
_POWER = "KMGTPEZYRQ"
_SUFFIXES = "eEgGkKmMpPtTyYzZ0"


def default_block_size():
    return 512 if b"POSIXLY_CORRECT" in posix.environ else 1024


def block_options(spec):
    """gnulib human_options: (error bits, options, block size) for a
    --block-size value or environment string (None: the environment's
    BLOCK_SIZE, BLOCKSIZE, else the default)."""
    from multicall.numbers import OK, INVALID, xstrtoumax
    if spec is None:
        for var in (b"BLOCK_SIZE", b"BLOCKSIZE"):
            v = posix.environ.get(var)
            if v is not None:
                spec = v.decode("utf-8", "surrogateescape")
                break
    if spec is None:
        return OK, 0, default_block_size()
    opts = 0
    if spec[:1] == "'":
        opts |= GROUP
        spec = spec[1:]
    word = {"human-readable": AUTOSCALE | SI | BASE_1024, "si": AUTOSCALE | SI}
    cands = [w for w in word if w.startswith(spec)] if spec else []
    if spec in word or len(cands) == 1:
        return OK, opts | word[spec if spec in word else cands[0]], 1
    size, err, end = xstrtoumax(spec, 0, _SUFFIXES)
    if err != OK:
        return err, 0, default_block_size()
    if not any("0" <= c <= "9" for c in spec[:end]):
        opts |= SI
        if spec[end - 1] == "B":
            opts |= B
        if spec[end - 1] != "B" or spec[end - 2:end - 1] == "i":
            opts |= BASE_1024
    if size == 0:
        return INVALID, opts, default_block_size()
    return OK, opts, size


def scale_option(kind, value=None):
    """(opts, block size) for the size option df and du saw last:
    "-B"/"--block-size" with its VALUE (a bad one is fatal, with gnulib's
    message), "h" (-h), "si" or "H" (--si), "k" (-k) or "m" (-m)."""
    if kind in ("-B", "--block-size"):
        from multicall.numbers import OK, xstrtol_fatal
        err, bits, block = block_options(value)
        if err != OK:
            xstrtol_fatal(err, kind, value)
        return bits, block
    if kind == "h":
        return AUTOSCALE | SI | BASE_1024, 1
    if kind in ("si", "H"):
        return AUTOSCALE | SI, 1
    return 0, 1024 if kind == "k" else 1024 * 1024


def _group(digits):
    # thousands grouping: none in the C and C.UTF-8 locales
    return digits


def human_readable(n, opts, from_size, to_size, rounding=CEILING):
    """gnulib human_readable(n, opts, from_block_size, to_block_size) as a
    str; `rounding` is the inexact style."""
    base = 1024 if opts & BASE_1024 else 1000
    exponent = -1
    exponent_max = len(_POWER)
    point = ""
    if to_size <= from_size and from_size % to_size == 0:
        amt = n * (from_size // to_size)
        tenths = remainder = 0
    elif from_size and to_size % from_size == 0:
        divisor = to_size // from_size
        r10 = (n % divisor) * 10
        r2 = (r10 % divisor) * 2
        amt = n // divisor
        tenths = r10 // divisor
        remainder = (0 < r2) if r2 < divisor else 2 + (divisor < r2)
    else:
        return _inexact(n, opts, from_size, to_size, rounding, base, exponent_max)
    if opts & AUTOSCALE:
        exponent = 0
        if base <= amt:
            while True:
                r10 = (amt % base) * 10 + tenths
                r2 = (r10 % base) * 2 + (remainder >> 1)
                amt //= base
                tenths = r10 // base
                remainder = (r2 + remainder != 0) if r2 < base else 2 + (base < r2 + remainder)
                exponent += 1
                if not (base <= amt and exponent < exponent_max):
                    break
            if amt < 10:
                if (2 < remainder + (tenths & 1)) if rounding == NEAREST else \
                        (rounding == CEILING and 0 < remainder):
                    tenths += 1
                    remainder = 0
                    if tenths == 10:
                        amt += 1
                        tenths = 0
                if amt < 10 and (tenths or not opts & SUPPRESS_POINT_ZERO):
                    point = "." + str(tenths)
                    tenths = remainder = 0
    if (5 < tenths + (0 < (remainder + (amt & 1)))) if rounding == NEAREST else \
            (rounding == CEILING and 0 < tenths + remainder):
        amt += 1
        if opts & AUTOSCALE and amt == base and exponent < exponent_max:
            exponent += 1
            if not opts & SUPPRESS_POINT_ZERO:
                point = ".0"
            amt = 1
    text = _group(str(amt)) + point
    return text + _suffix(opts, exponent, to_size, base, exponent_max)


def _suffix(opts, exponent, to_size, base, exponent_max):
    if exponent < 0:
        exponent = 0
        power = 1
        while power < to_size:
            exponent += 1
            if exponent == exponent_max:
                break
            power *= base
    out = ""
    if (exponent or opts & B) and opts & SI:
        if opts & SPACE_ONE:
            out += " "
        if exponent:
            out += "k" if not opts & BASE_1024 and exponent == 1 else _POWER[exponent - 1]
        if opts & B:
            if opts & BASE_1024 and exponent:
                out += "i"
            out += "B"
    return out


def _adjust(rounding, value):
    if rounding != NEAREST and value < 2 ** 64:
        u = int(value)
        return u + (1 if rounding == CEILING and u != value else 0)
    return value


def _inexact(n, opts, from_size, to_size, rounding, base, exponent_max):
    """The floating-point path (block sizes that do not divide each other)."""
    damt = n * (from_size / to_size)
    exponent = -1
    if not opts & AUTOSCALE:
        text = "%.0f" % _adjust(rounding, damt)
    else:
        e = 1.0
        exponent = 0
        while True:
            e *= base
            exponent += 1
            if not (e * base <= damt and exponent < exponent_max):
                break
        damt /= e
        text = "%.1f" % (_adjust(rounding, damt * 10) / 10)
        if len(text) > 3 or (opts & SUPPRESS_POINT_ZERO and text.endswith("0")):
            text = "%.0f" % _adjust(rounding, damt)
    return text + _suffix(opts, exponent, to_size, base, exponent_max)
