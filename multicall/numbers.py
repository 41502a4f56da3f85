"""Number parsing shared by applets: gnulib's xstrtoumax and its messages.

GNU tools parse counts and sizes with xstrtoumax: optional leading white
space, an optional `+` (a `-` anywhere before the digits is invalid), digits
in the given base (base 0: `0x` hex, leading `0` octal), then at most one
suffix letter from the caller's list.  A `0` in that list allows a second
suffix after a power letter: `KiB` (1024) or `KB`/`KD` (1000).  A suffix
alone (`k`) means one of it.  Values saturate at UINTMAX_MAX with the
overflow bit set.  Applets differ only in the suffix list and in how they
word the error, so both live here.

Also C's strtod in the C locale (strtod: the value and where it stopped;
find, sleep, timeout) and GNU's time interval (duration: a strtod number
with an s/m/h/d suffix; sleep and timeout).
"""
from multicall.errors import Fail, quote

OK = 0
OVERFLOW = 1
INVALID_SUFFIX_CHAR = 2
INVALID = 4

UINTMAX_MAX = (1 << 64) - 1
INT_MAX = (1 << 31) - 1

ERANGE_TEXT = "Numerical result out of range"
EOVERFLOW_TEXT = "Value too large for defined data type"

POWERS = {"k": 1, "K": 1, "M": 2, "m": 2, "G": 3, "g": 3, "T": 4, "t": 4, "P": 5,
          "E": 6, "Z": 7, "Y": 8, "R": 9, "Q": 10}
_FIXED = {"b": 512, "B": 1024, "c": 1, "w": 2}
_SPACE = " \t\n\v\f\r"
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def xstrtoumax(text, base=10, suffixes=""):
    """Parse `text` as gnulib's xstrtoumax(text, &end, base, &v, suffixes).

    Returns (value, error bits, end index).  `suffixes` None means no suffix
    check at all: trailing text is left for the caller (see `end`)."""
    s = text.lstrip(_SPACE)
    lead = len(text) - len(s)
    if s[:1] == "-":
        return 0, INVALID, 0
    i = 1 if s[:1] == "+" else 0
    b = base
    if b in (0, 16) and s[i:i + 2] in ("0x", "0X") and s[i + 2:i + 3] \
            and s[i + 2] in "0123456789abcdefABCDEF":
        i += 2
        b = 16
    elif b == 0:
        b = 8 if s[i:i + 1] == "0" else 10
    digits = _DIGITS[:b]
    j = i
    n = len(s)
    while j < n and s[j].lower() in digits:
        j += 1
    err = OK
    if j == i:
        # Nothing converted: the end is the very start, and a valid suffix
        # there stands for one of it.
        if suffixes and text[:1] and text[0] in suffixes:
            value, s, j = 1, text, 0
        else:
            return 0, INVALID, 0
    else:
        value = int(s[i:j], b)
        if value > UINTMAX_MAX:
            value, err = UINTMAX_MAX, OVERFLOW
        j += lead
        s = text
    if suffixes is None or j == len(s):
        return value, err, j
    c = s[j]
    if c not in suffixes:
        return value, err | INVALID_SUFFIX_CHAR, j
    scale, used = 1024, 1
    if c in POWERS and "0" in suffixes:
        if s[j + 1:j + 3] == "iB":
            used = 3
        elif s[j + 1:j + 2] in ("B", "D"):
            scale, used = 1000, 2
    if c in _FIXED:
        mult = _FIXED[c]
    elif c in POWERS:
        mult = scale ** POWERS[c]
    else:
        return value, err | INVALID_SUFFIX_CHAR, j
    value *= mult
    if value > UINTMAX_MAX:
        value, err = UINTMAX_MAX, err | OVERFLOW
    j += used
    if j < len(s):
        err |= INVALID_SUFFIX_CHAR
    return value, err, j


def xnumtoumax(text, lo, hi, suffixes, what, base=10):
    """gnulib's xnumtoumax/xdectoumax: the value, or Fail with GNU's
    `WHAT: 'TEXT': REASON` message."""
    value, err, _ = xstrtoumax(text, base, suffixes)
    reason = None
    if err == OK:
        if lo <= value <= hi:
            return value
        reason = EOVERFLOW_TEXT if value > INT_MAX // 2 else ERANGE_TEXT
    elif err == OVERFLOW:
        reason = EOVERFLOW_TEXT
    if reason:
        raise Fail("%s: %s: %s" % (what, quote(text), reason))
    raise Fail("%s: %s" % (what, quote(text)))


def xstrtol_fatal(err, shown, text, status=1):
    """Fail with gnulib xstrtol_fatal's message for option `shown`
    (`-k`, `--bytes`): plain ASCII quotes in any locale."""
    if err & INVALID:
        raise Fail("invalid %s argument '%s'" % (shown, text), status)
    if err & INVALID_SUFFIX_CHAR:
        raise Fail("invalid suffix in %s argument '%s'" % (shown, text), status)
    raise Fail("%s argument '%s' too large" % (shown, text), status)


_MULT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def _digits(s, i, hexa=False):
    ok = "0123456789abcdefABCDEF" if hexa else "0123456789"
    j = i
    while j < len(s) and s[j] in ok:
        j += 1
    return j


def strtod(s):
    """C strtod in the C locale: (value, end index); end 0 means nothing
    was converted.  Leading white space, a sign, decimal or 0x hex digits
    with a fraction and exponent, inf, infinity and nan(...) are taken."""
    i = len(s) - len(s.lstrip(_SPACE))
    start = i
    neg = False
    if s[i:i + 1] in ("+", "-"):
        neg = s[i] == "-"
        i += 1
    low = s[i:i + 8].lower()
    if low.startswith("inf"):
        end = i + (8 if low == "infinity" else 3)
        return (-1.0 if neg else 1.0) * float("inf"), end
    if low.startswith("nan"):
        end = i + 3
        if s[end:end + 1] == "(":
            j = end + 1
            while j < len(s) and (s[j].isalnum() and s[j].isascii() or s[j] == "_"):
                j += 1
            if s[j:j + 1] == ")":
                end = j + 1
        return float("nan"), end
    if s[i:i + 2].lower() == "0x":
        j = _digits(s, i + 2, True)
        k = j
        if s[k:k + 1] == ".":
            k = _digits(s, k + 1, True)
        mant = s[i + 2:k].replace(".", "")
        if mant:
            intpart = s[i + 2:j]
            frac = s[j + 1:k] if k > j else ""
            value = float.fromhex("0x" + (intpart or "0") + "." + frac)
            end = k
            if s[k:k + 1] in ("p", "P"):
                m = k + 1
                if s[m:m + 1] in ("+", "-"):
                    m += 1
                e = _digits(s, m)
                if e > m:
                    try:
                        value = float.fromhex("0x%s.%sp%s" % (intpart or "0", frac, s[k + 1:e]))
                    except OverflowError:
                        value = float("inf")
                    end = e
            return (-value if neg else value), end
        # "0x" with no hex digit: just the 0
        return (-0.0 if neg else 0.0), i + 1
    j = _digits(s, i)
    k = j
    if s[k:k + 1] == ".":
        k = _digits(s, k + 1)
    if k - i - (1 if k > j else 0) <= 0:
        return 0.0, 0
    end = k
    if s[k:k + 1] in ("e", "E"):
        m = k + 1
        if s[m:m + 1] in ("+", "-"):
            m += 1
        e = _digits(s, m)
        if e > m:
            end = e
    text = s[i:end]
    try:
        value = float(text)
    except (ValueError, OverflowError):
        return 0.0, start
    return (-value if neg else value), end


def duration(text):
    """GNU's sleep/timeout interval: a non-negative strtod number and an
    optional s/m/h/d suffix, in seconds (a float, maybe inf); None if bad."""
    value, end = strtod(text)
    if end == 0:
        return None
    rest = text[end:]
    if rest not in _MULT or not value >= 0:
        return None
    return value * _MULT[rest]
