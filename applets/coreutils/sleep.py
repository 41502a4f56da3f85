"""sleep: pause for the sum of its arguments (GNU: s/m/h/d suffixes,
fractions, hex floats, `infinity`); usleep: BusyBox's microsecond pause.

Nothing is read or written: the pause is time.sleep in chunks (so that
`infinity` and 1e1000 work), which retries after signals (PEP 475).
strtod() and duration() are C strtod's and GNU's duration rules; timeout
uses them too.
"""
from multicall.errors import Usage, Fail, quote, warn, try_help, write_stderr
from multicall.options import Spec

SPEC = Spec(("NUMBER[SUFFIX]...", "OPTION"),
            "Pause for NUMBER seconds.  SUFFIX may be 's' for seconds (the default),\n"
            "'m' for minutes, 'h' for hours or 'd' for days.  NUMBER need not be an\n"
            "integer.  Given two or more arguments, pause for the amount of time\n"
            "specified by the sum of their values.")

USLEEP_SPEC = Spec("N", "Pause for N microseconds", operands=(1, 1))

_SPACE = " \t\n\v\f\r"
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


def pause(seconds):
    """Sleep `seconds` (a float, maybe inf), in chunks time.sleep takes."""
    import time
    if seconds != seconds or seconds <= 0:
        return
    if seconds == float("inf"):
        while True:
            time.sleep(1 << 30)
    deadline = time.monotonic() + seconds
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(left, 1 << 30))


def main(argv):
    if argv[0] == "usleep":
        return usleep(argv)
    opts = SPEC.parse(argv)
    if not opts.operands:
        raise Usage("missing operand")
    total = 0.0
    bad = False
    for a in opts.operands:
        d = duration(a)
        if d is None:
            warn(argv[0], "invalid time interval %s" % quote(a))
            bad = True
            continue
        total += d
    if bad:
        write_stderr(try_help(argv[0]))
        return 1
    pause(total)
    return 0


def usleep(argv):
    """BusyBox usleep: N microseconds, an unsigned 32-bit decimal."""
    opts = USLEEP_SPEC.parse(argv)
    text = opts.operands[0]
    if not text.isdigit() or not text.isascii() or int(text) > 0xFFFFFFFF:
        raise Fail("invalid number '%s'" % text)  # BusyBox's xatou: plain quotes
    pause(int(text) / 1e6)
    return 0
