"""nice: run a command with an adjusted niceness, or print the niceness.

The command replaces nice, as with GNU's execvp: a pybox applet (see
multicall.process.applet_for) runs right here in this process, anything
else is exec'd along PATH (multicall.process.become, shared with env and nohup).
"""
import posix

from multicall.errors import Fail, Usage, quote, warn, write_stderr
from multicall.options import Spec, opt

EXIT_CANCELED, EXIT_CANNOT_INVOKE, EXIT_ENOENT = 125, 126, 127
TROUBLE = EXIT_CANCELED

SPEC = Spec("[OPTION] [COMMAND [ARG]...]",
            "Run COMMAND with an adjusted niceness, which affects process scheduling.\n"
            "With no COMMAND, print the current niceness.  Niceness values range from\n"
            "-20 (most favorable to the process) to 19 (least favorable to the process).\n\n"
            "Mandatory arguments to long options are mandatory for short options too.",
            opt("-n, --adjustment=N", "add integer N to the niceness (default 10)", kind="list"),
            stop=True, status=EXIT_CANCELED)

def _adjustment(text):
    """xstrtol(text, 10): blanks, a sign, digits; clamped like GNU."""
    s = text.lstrip(" \t\n\v\f\r")
    body = s[1:] if s[:1] in "+-" else s
    if not body.isdigit() or not body.isascii():
        raise Fail("invalid adjustment %s" % quote(text), EXIT_CANCELED)
    v = int(s)
    return max(-39, min(39, v))


def main(argv):
    prog = argv[0]
    args = list(argv[1:])
    given = None
    # GNU's -NUM shorthand: -5 adds 5, --5 subtracts 5 (leading options only)
    while args and args[0][:1] == "-" and len(args[0]) > 1:
        a = args[0]
        k = 2 if a[1] in "-+" else 1
        if a[k:k + 1].isdigit():
            given = a[1:]
            args.pop(0)
            continue
        break
    opts = SPEC.parse([prog] + args)
    if opts.adjustment:
        given = opts.adjustment[-1]
    cmd = opts.operands
    if given is None and not cmd:
        from multicall.stdio import stdout
        stdout().write(b"%d\n" % posix.getpriority(posix.PRIO_PROCESS, 0))
        return 0
    adj = _adjustment(given) if given is not None else 10
    if not cmd:
        raise Usage("a command must be given with an adjustment", EXIT_CANCELED)
    try:
        cur = posix.getpriority(posix.PRIO_PROCESS, 0)
        posix.setpriority(posix.PRIO_PROCESS, 0, max(-20, min(19, cur + adj)))
    except OSError as e:
        if e.errno not in (1, 13):  # EPERM EACCES: warn and run it anyway
            raise Fail("cannot set niceness: %s" % e.strerror, EXIT_CANCELED) from None
        warn(prog, "cannot set niceness: %s" % e.strerror)
    from multicall import process
    status = process.become(list(cmd))
    if status >= 0:
        return status
    err = -status
    write_stderr("%s: %s: %s\n" % (prog, quote(cmd[0]), posix.strerror(err)))
    return EXIT_ENOENT if err == 2 else EXIT_CANNOT_INVOKE
