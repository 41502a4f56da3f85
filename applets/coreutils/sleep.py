"""sleep: pause for the sum of its arguments (GNU: s/m/h/d suffixes,
fractions, hex floats, `infinity`); usleep: BusyBox's microsecond pause.

Nothing is read or written: the pause is time.sleep in chunks (so that
`infinity` and 1e1000 work), which retries after signals (PEP 475).
The numbers are read by multicall.numbers.duration (C strtod and GNU's
interval rules), which timeout uses too.
"""
from multicall.errors import Usage, Fail, quote, warn, try_help, write_stderr
from multicall.numbers import duration
from multicall.options import Spec

SPEC = Spec(("NUMBER[SUFFIX]...", "OPTION"),
            "Pause for NUMBER seconds.  SUFFIX may be 's' for seconds (the default),\n"
            "'m' for minutes, 'h' for hours or 'd' for days.  NUMBER need not be an\n"
            "integer.  Given two or more arguments, pause for the amount of time\n"
            "specified by the sum of their values.")

USLEEP_SPEC = Spec("N", "Pause for N microseconds", operands=(1, 1))

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
