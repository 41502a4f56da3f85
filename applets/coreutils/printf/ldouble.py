"""Exact emulation of the x86 80-bit `long double` that GNU seq and printf
parse (strtold), compute with and print (printf %Lf %Le %Lg %La).

Shared by seq and printf (this package); it belongs in multicall/ once
another applet needs it.  Python's float is a 53-bit double, so
`seq 0 0.1 1` or `printf %.20f 0.1` would print different digits from GNU;
here a value is a tuple (neg, m, e) meaning (-1)**neg * m * 2**e with a
significand m of at most 64 bits, rounded to nearest-even exactly as the
x87 does, and printing is exact integer arithmetic (glibc prints the exact
binary value, rounded half-to-even).  Infinity is m == INF, NaN m == NAN.

Only integers are used, no decimal/fractions import: this is cheap to load.
"""

MANT = 64
EMIN_LSB = -16445  # exponent of the last significand bit of the smallest subnormal
EMAX = 16384  # a value of 2**EMAX or more overflows to infinity
INF = -1
NAN = -2

ZERO = (False, 0, 0)
ONE = (False, 1, 0)


def _round_bits(neg, m, e, sticky=False):
    """Round m * 2**e (m >= 0 an integer; `sticky` says a nonzero tail was
    already cut below m's last bit) to a long double."""
    if m == 0:
        return (neg, 0, 0)
    bits = m.bit_length()
    shift = max(bits - MANT, EMIN_LSB - e)
    if shift > 0:
        rem = m & ((1 << shift) - 1)
        half = 1 << (shift - 1)
        m >>= shift
        e += shift
        if rem > half or (rem == half and (sticky or m & 1)):
            m += 1
            if m.bit_length() > MANT:
                m >>= 1
                e += 1
    if m and m.bit_length() + e > EMAX:
        return (neg, INF, 0)
    return (neg, m, e)


def from_ratio(neg, num, den):
    """The long double nearest to num/den (num >= 0, den > 0)."""
    if num == 0:
        return (neg, 0, 0)
    k = num.bit_length() - den.bit_length()
    s = MANT + 3 - k
    # keep the quotient comfortably above the subnormal floor too
    if s >= 0:
        q, r = divmod(num << s, den)
    else:
        q, r = divmod(num, den << -s)
    return _round_bits(neg, q, -s, r != 0)


def from_int(n):
    return _round_bits(n < 0, abs(n), 0)


def is_finite(v):
    return v[1] >= 0


def is_nan(v):
    return v[1] == NAN


def is_zero(v):
    return v[1] == 0


def neg(v):
    return (not v[0], v[1], v[2])


def add(a, b):
    if a[1] < 0 or b[1] < 0:
        if a[1] == NAN or b[1] == NAN:
            return (False, NAN, 0)
        if a[1] == INF and b[1] == INF:
            return a if a[0] == b[0] else (True, NAN, 0)
        return a if a[1] == INF else b
    if a[1] == 0 and b[1] == 0:
        return (a[0] and b[0], 0, 0)
    if a[1] == 0:
        return b
    if b[1] == 0:
        return a
    e = min(a[2], b[2])
    x = a[1] << (a[2] - e)
    y = b[1] << (b[2] - e)
    n = (-x if a[0] else x) + (-y if b[0] else y)
    if n == 0:
        return (False, 0, 0)
    return _round_bits(n < 0, abs(n), e)


def mul(a, b):
    sign = a[0] != b[0]
    if a[1] < 0 or b[1] < 0:
        if a[1] == NAN or b[1] == NAN or a[1] == 0 or b[1] == 0:
            return (False, NAN, 0)
        return (sign, INF, 0)
    if a[1] == 0 or b[1] == 0:
        return (sign, 0, 0)
    return _round_bits(sign, a[1] * b[1], a[2] + b[2])


def cmp(a, b):
    """-1, 0 or 1 as a <, ==, > b (neither may be NaN)."""
    sa = 0 if a[1] == 0 else (-1 if a[0] else 1)
    sb = 0 if b[1] == 0 else (-1 if b[0] else 1)
    if sa != sb:
        return (sa > sb) - (sa < sb)
    if sa == 0:
        return 0
    if a[1] == INF or b[1] == INF:
        c = (a[1] == INF) - (b[1] == INF)
    else:
        e = min(a[2], b[2])
        x = a[1] << (a[2] - e)
        y = b[1] << (b[2] - e)
        c = (x > y) - (x < y)
    return c if sa > 0 else -c


def lt(a, b):
    return cmp(a, b) < 0


def to_int(v):
    """The integer value of a finite integral long double."""
    m, e = v[1], v[2]
    n = m << e if e >= 0 else m >> -e
    return -n if v[0] else n


def is_integral(v):
    m, e = v[1], v[2]
    return m >= 0 and (e >= 0 or m & ((1 << -e) - 1) == 0)


def int_str(n):
    """str(n) for any size (Python 3.11 limits str() to 4300 digits)."""
    if n.bit_length() < 14000:
        return str(n)
    if n < 0:
        return "-" + int_str(-n)
    k = int(n.bit_length() * 0.30103) // 2
    hi, lo = divmod(n, 10 ** k)
    return int_str(hi) + int_str(lo).rjust(k, "0")


def str_int(s, base=10):
    """int(s, base) for any length of digits."""
    if len(s) <= 4000 or base != 10:
        return int(s, base)
    k = len(s) // 2
    return str_int(s[:-k]) * 10 ** k + str_int(s[-k:])


# -- strtold --------------------------------------------------------------------

_SPACE = " \t\n\v\f\r"
_HEXD = "0123456789abcdefABCDEF"


def strtold(s, pos=0):
    """Parse a number at s[pos:] as glibc's strtold does in the C locale.

    Returns (value, end, erange): end == pos when nothing was parsed, and
    erange is strtold's ERANGE (overflow, or an inexact subnormal result)."""
    i = pos
    n = len(s)
    while i < n and s[i] in _SPACE:
        i += 1
    negative = False
    if i < n and s[i] in "+-":
        negative = s[i] == "-"
        i += 1
    low = s[i:i + 8].lower()
    if low.startswith("inf"):
        end = i + (8 if low == "infinity" else 3)
        return (negative, INF, 0), end, False
    if low.startswith("nan"):
        end = i + 3
        if end < n and s[end] == "(":
            j = end + 1
            while j < n and (s[j].isalnum() and s[j].isascii() or s[j] == "_"):
                j += 1
            if j < n and s[j] == ")":
                end = j + 1
        return (negative, NAN, 0), end, False
    if s[i:i + 2] in ("0x", "0X"):
        r = _hex(s, i + 2, negative)
        if r is not None:
            return r
        # "0x" with no hex digits: the "0" alone is the number
        return (negative, 0, 0), i + 1, False
    j = i
    while j < n and "0" <= s[j] <= "9":
        j += 1
    digits = s[i:j]
    frac = ""
    if j < n and s[j] == ".":
        k = j + 1
        while k < n and "0" <= s[k] <= "9":
            k += 1
        frac = s[j + 1:k]
        if digits or frac:
            j = k
    if not digits and not frac:
        return ZERO, pos, False
    exp = 0
    if j < n and s[j] in "eE":
        k = j + 1
        if k < n and s[k] in "+-":
            k += 1
        d0 = k
        while k < n and "0" <= s[k] <= "9":
            k += 1
        if k > d0:
            exp = _exponent(s[j + 1:k])
            j = k
    mant = str_int(digits + frac) if digits + frac else 0
    exp -= len(frac)
    if mant == 0:
        return (negative, 0, 0), j, False
    # Far beyond the range: avoid building gigantic powers of ten.
    mag = len((digits + frac).lstrip("0")) + exp
    if mag > 5000:
        return (negative, INF, 0), j, True
    if mag < -5000:
        return (negative, 0, 0), j, True
    if exp >= 0:
        v = _round_bits(negative, mant * 10 ** exp, 0)
    else:
        v = from_ratio(negative, mant, 10 ** -exp)
    return v, j, _erange(v)


def _exponent(text):
    """An exponent's digits, clamped far outside any representable range."""
    body = text.lstrip("+-").lstrip("0")
    n = int(body or "0") if len(body) < 10 else 10 ** 9
    return -n if text[:1] == "-" else n


def _hex(s, i, negative):
    n = len(s)
    j = i
    while j < n and s[j] in _HEXD:
        j += 1
    digits = s[i:j]
    frac = ""
    if j < n and s[j] == ".":
        k = j + 1
        while k < n and s[k] in _HEXD:
            k += 1
        frac = s[j + 1:k]
        if digits or frac:
            j = k
    if not digits and not frac:
        return None
    exp = 0
    if j < n and s[j] in "pP":
        k = j + 1
        if k < n and s[k] in "+-":
            k += 1
        d0 = k
        while k < n and "0" <= s[k] <= "9":
            k += 1
        if k > d0:
            exp = _exponent(s[j + 1:k])
            j = k
    mant = int(digits + frac, 16)
    e = exp - 4 * len(frac)
    if mant == 0:
        return (negative, 0, 0), j, False
    if mant.bit_length() + e > EMAX + 64:
        return (negative, INF, 0), j, True
    if mant.bit_length() + e < EMIN_LSB - 64:
        return (negative, 0, 0), j, True
    v = _round_bits(negative, mant, e)
    exact = v[1] != INF and v[2] <= e and v[1] << (e - v[2]) == mant
    return v, j, v[1] == INF or (_erange(v) and not exact)


def _erange(v):
    """strtold's ERANGE: overflow, or a result in the subnormal range."""
    return v[1] == INF or v[1] == 0 or v[1].bit_length() + v[2] <= -16382


# -- printf ---------------------------------------------------------------------

def _round_div(num, den):
    """num/den rounded half to even (num >= 0, den > 0)."""
    q, r = divmod(num, den)
    r2 = r * 2
    if r2 > den or (r2 == den and q & 1):
        q += 1
    return q


def _scaled(m, e, t):
    """round(m * 2**e * 10**t), half to even."""
    num = m
    den = 1
    if e >= 0:
        num <<= e
    else:
        den <<= -e
    if t >= 0:
        num *= 10 ** t
    else:
        den *= 10 ** -t
    return _round_div(num, den)


def _fixed(m, e, prec, alt):
    n = _scaled(m, e, prec)
    s = int_str(n)
    if prec == 0:
        return s + ("." if alt else "")
    s = s.rjust(prec + 1, "0")
    return s[:-prec] + "." + s[-prec:]


def _sci_digits(m, e, prec):
    """(digits, exponent): digits is the string of prec+1 significant digits."""
    if m == 0:
        return "0" * (prec + 1), 0
    x = ((m.bit_length() + e - 1) * 30103) // 100000
    lo = 10 ** prec
    while True:
        n = _scaled(m, e, prec - x)
        if n >= lo * 10:
            x += 1
        elif n < lo:
            x -= 1
        else:
            return int_str(n), x


def _expo(x, upper, letter="e"):
    return "%s%s%02d" % (letter.upper() if upper else letter, "-" if x < 0 else "+", abs(x))


def _sci(m, e, prec, alt, upper):
    digits, x = _sci_digits(m, e, prec)
    body = digits[0] + ("." + digits[1:] if prec else ("." if alt else ""))
    return body + _expo(x, upper)


def _general(m, e, prec, alt, upper):
    p = 6 if prec is None else (prec or 1)
    if m == 0:
        x = 0
    else:
        x = _sci_digits(m, e, p - 1)[1]
    if alt and x == p and _below_pow10(m, e, x):
        # glibc's %#g, when rounding carries into a new digit: "1.e+06"
        return "1." + _expo(x, upper)
    if p > x >= -4:
        s = _fixed(m, e, p - 1 - x, alt)
    else:
        s = _sci(m, e, p - 1, alt, upper)
    if not alt and "." in s:
        if "e" in s or "E" in s:
            k = s.index("E" if upper else "e")
            mant, ex = s[:k], s[k:]
        else:
            mant, ex = s, ""
        mant = mant.rstrip("0").rstrip(".")
        s = mant + ex
    return s


def _below_pow10(m, e, x):
    """m * 2**e < 10**x, exactly."""
    num, den = m, 1
    if e >= 0:
        num <<= e
    else:
        den <<= -e
    if x >= 0:
        den *= 10 ** x
    else:
        num *= 10 ** -x
    return num < den


def _hexfloat(m, e, prec, alt, upper):
    if m == 0:
        lead, frac, nd, x = 0, 0, 0, 0
    else:
        shift = min(MANT - m.bit_length(), e - EMIN_LSB)  # as stored: 64 bits
        m <<= shift
        e -= shift
        lead = m >> 60
        frac = m & ((1 << 60) - 1)
        nd = 15
        x = e + 60
    if prec is None:
        if frac:
            h = "%015x" % frac
            h = h.rstrip("0")
        else:
            h = ""
    else:
        if prec < nd:
            shift = (nd - prec) * 4
            rem = frac & ((1 << shift) - 1)
            frac >>= shift
            half = 1 << (shift - 1)
            if rem > half or (rem == half and frac & 1) or (rem == half and prec == 0 and lead & 1):
                frac += 1
                if frac >> (prec * 4):
                    frac = 0
                    lead += 1
                    if lead == 16:
                        lead = 1
                        x += 4
            h = ("%0*x" % (prec, frac)) if prec else ""
        else:
            h = ("%015x" % frac if nd else "") + "0" * (prec - nd)
    s = "0x%x" % lead + ("." + h if h or alt else "") + "p%+d" % x
    return s.upper() if upper else s


def format_float(v, conv, flags="", width=0, prec=None):
    """printf's %[flags][width][.prec]{f,F,e,E,g,G,a,A} of long double v."""
    negative, m, e = v
    upper = conv in "FEGA"
    if m < 0:
        body = "nan" if m == NAN else "inf"
        if upper:
            body = body.upper()
        flags = flags.replace("0", "")
    else:
        c = conv.lower()
        alt = "#" in flags
        if c == "f":
            body = _fixed(m, e, 6 if prec is None else prec, alt)
        elif c == "e":
            body = _sci(m, e, 6 if prec is None else prec, alt, upper)
        elif c == "g":
            body = _general(m, e, prec, alt, upper)
        else:
            body = _hexfloat(m, e, prec, alt, upper)
    sign = "-" if negative else ("+" if "+" in flags else (" " if " " in flags else ""))
    return pad(sign, body, flags, width, conv in "aA" and m >= 0)


def pad(sign, body, flags, width, hexprefix=False):
    """Apply width, '-' and '0' to a sign and a converted body."""
    n = len(sign) + len(body)
    if width <= n:
        return sign + body
    if "-" in flags:
        return sign + body + " " * (width - n)
    if "0" in flags:
        if hexprefix:
            return sign + body[:2] + "0" * (width - n) + body[2:]
        return sign + "0" * (width - n) + body
    return " " * (width - n) + sign + body
