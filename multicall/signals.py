"""Signal names and numbers: the one table behind kill, env's signal
options, timeout -s and the shell's trap.

    name(15)            -> "TERM"       (gnulib's sig2str: RTMIN+2, RTMAX-1 ...)
    number("TERM")      -> 15           (gnulib's str2sig: upper case, no SIG)
    lookup("sigterm")   -> 15           (any case, SIG or not, or a number)
    operand("137")      -> 9            (coreutils' operand2sig: -1 if invalid)
    table()             -> {1: "HUP", ...} the classic (non-real-time) signals

On Linux the classic names are the kernel's, in its order, which is what
procps and GNU print (`kill -l`, `env --list-signal-handling`); elsewhere
they come from the signal module.  Real-time signals are named from both
ends, RTMIN+n for the lower half and RTMAX-n for the upper, as gnulib
does.  Nothing here is imported at start-up unless an applet asks.
"""

# Linux's names for 1..31, the kernel's order.
_LINUX = ("HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT "
          "CHLD CONT STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH POLL PWR SYS").split()
# other names of the same signals, which gnulib's str2sig also takes
ALIASES = {"IOT": "ABRT", "CLD": "CHLD", "IO": "POLL"}


def table():
    """{number: name (without SIG)} for the classic signals this system has."""
    import _signal
    if getattr(_signal, "SIGSTKFLT", None) == 16 and getattr(_signal, "SIGSYS", None) == 31:
        return {i: n for i, n in enumerate(_LINUX, 1)}
    import signal
    names = {}
    for s in signal.Signals:
        if s.name.startswith("SIG") and not s.name.startswith("SIGRT"):
            names.setdefault(s.value, s.name[3:])
    return names


def rt_range():
    """(SIGRTMIN, SIGRTMAX), or None where there are no real-time signals."""
    import _signal
    lo = getattr(_signal, "SIGRTMIN", None)
    hi = getattr(_signal, "SIGRTMAX", None)
    return (lo, hi) if lo is not None and hi is not None else None


def name(num):
    """The name (without SIG) of signal `num`, or None."""
    names = table()
    if num in names:
        return names[num]
    rt = rt_range()
    if rt is None or not rt[0] <= num <= rt[1]:
        return None
    lo, hi = rt
    if num - lo <= (hi - lo) // 2:
        return "RTMIN" if num == lo else "RTMIN+%d" % (num - lo)
    return "RTMAX" if num == hi else "RTMAX-%d" % (hi - num)


def number(text):
    """gnulib's str2sig: the number of the signal called `text` (upper
    case, without SIG; an alias, RTMIN, RTMIN+n, RTMAX-n, or RTMINn as
    strtol reads it), or None."""
    text = ALIASES.get(text, text)
    for num, n in table().items():
        if n == text:
            return num
    rt = rt_range()
    if rt is None:
        return None
    lo, hi = rt
    for prefix, base, low, high in (("RTMIN", lo, 0, hi - lo), ("RTMAX", hi, lo - hi, 0)):
        if text.startswith(prefix):
            rest = text[len(prefix):]
            if not rest:
                return base
            digits = rest[1:] if rest[:1] in "+-" else rest
            if not (digits.isdigit() and digits.isascii()):
                return None
            d = int(rest, 10)
            return base + d if low <= d <= high else None
    return None


def lookup(text, zero=True):
    """A signal named the way kill and the shells take it: a number, or a
    name in any case with or without SIG.  None if there is no such
    signal (0 counts when `zero`)."""
    t = text.strip() if text.strip().isdigit() else text
    if t.isdigit() and t.isascii():
        n = int(t)
        if n == 0:
            return 0 if zero else None
        return n if name(n) is not None else None
    up = t.upper() if t.isascii() else t
    if up.startswith("SIG"):
        up = up[3:]
    return number(up)


def operand(text):
    """coreutils' operand2sig: a number (an exit status above 128 names its
    signal, as WIFSIGNALED reads it) or a name with or without SIG, in any
    case.  -1 when invalid."""
    if text[:1].isdigit() and text.isascii():
        if not text.isdigit():
            return -1
        i = int(text, 10)
        if i > 0x7FFFFFFF:
            return -1
        num = i & 0x7F if 1 <= (i & 0x7F) <= 126 else i
    else:
        up = text.upper() if text.isascii() else text
        num = number(up)
        if num is None and up.startswith("SIG"):
            num = number(up[3:])
        if num is None:
            return -1
    if num == 0:
        return 0
    return num if name(num) is not None else -1
