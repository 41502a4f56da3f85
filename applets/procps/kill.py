"""kill: send a signal to processes or process groups, or list signals.

procps-ng's command line (-s/--signal, -SIG, -NUM, -q/--queue, -l/--list,
-L/--table) with the GNU and shell forms (`-n NUM`, `kill -l 130` naming
the signal behind an exit status, several names or numbers after -l).
One kill(2) per PID: nothing here is on a hot path.  The signal table is
multicall/signals.py, shared with env, timeout and the shell's trap.
"""
from multicall.errors import Fail, Usage, warn
from multicall.options import Spec, opt
from multicall.signals import lookup, name, table
from multicall.stdio import stdout

SPEC = Spec("[options] <pid> [...]",
            "Send a signal (default: TERM) to every <pid> listed.",
            opt("-s, --signal=SIGNAL", "specify the signal to be sent (also -SIGNAL, -NUMBER)"),
            opt("-n NUMBER", "specify the signal by number (as the shell's kill)"),
            opt("-q, --queue=VALUE", "integer value to be sent with the signal (sigqueue)"),
            opt("-l, --list[=SIGNAL]", "list all signal names, or convert one to a name\n"
                "(a number above 128 is an exit status: 128 + the signal)"),
            opt("-L, --table", "list all signal names in a nice table"),
            opt("-h", "display this help and exit"),
            opt("-V", "output version information and exit"),
            epilog="A <pid> below -1 (after -- or a signal) names a process group;\n"
            "-1 is every process this user may signal.")


def signal_number(text, allow_zero=True):
    """The number of a signal given by name (any case, with or without
    SIG, RTMIN+n, RTMAX-n; procps also takes UNUSED for SYS) or number;
    None if there is none such."""
    up = text.upper()
    if up in ("UNUSED", "SIGUNUSED"):
        text = "SYS"
    elif up[:5] in ("RTMIN", "RTMAX") or up[3:8] in ("RTMIN", "RTMAX"):
        rest = up[up.index("RT") + 5:]
        if rest and rest[:1] not in "+-":
            return None  # procps wants RTMIN+n, not gnulib's RTMINn
    return lookup(text, allow_zero)


def _list_all(out):
    names = [n for _, n in sorted(table().items())]
    # procps: the names on lines, wrapped before 80 columns
    lines, line = [], ""
    for n in names:
        if line and len(line) + 1 + len(n) > 79:
            lines.append(line)
            line = ""
        line = n if not line else line + " " + n
    lines.append(line)
    out.write(("\n".join(lines) + "\n").encode())


def _table_all(out):
    items = sorted(table().items())
    text = []
    for k, (num, name) in enumerate(items, 1):
        text.append("%2d %-8s" % (num, name))
        if k % 7 == 0 and k != len(items):
            text[-1] = text[-1].rstrip() + "\n"
    out.write(("".join(text) + "\n").encode())


def _list_one(arg):
    """`kill -l ARG`: a number gives its name (an exit status above 128
    counts as 128 + the signal), a name its number."""
    t = arg.strip()
    if t.isdigit() and t.isascii():
        n = int(t)
        if n > 128:
            n -= 128
        return name(n)
    n = signal_number(arg)
    return None if n is None else str(n)


def _send_queue(pid, sig, value):
    import ctypes
    import ctypes.util

    class SigVal(ctypes.Union):
        _fields_ = [("sival_int", ctypes.c_int), ("sival_ptr", ctypes.c_void_p)]

    libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    v = SigVal()
    v.sival_ptr = value & ((1 << (8 * ctypes.sizeof(ctypes.c_void_p))) - 1)
    if value == (value & 0xFFFFFFFF) or -(1 << 31) <= value < (1 << 31):
        v.sival_int = value if value < (1 << 31) else value - (1 << 32)
    libc.sigqueue.argtypes = [ctypes.c_int, ctypes.c_int, SigVal]
    if libc.sigqueue(pid, sig, v) != 0:
        import os
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))


def _parse_pid(text):
    t = text
    neg = t.startswith("-")
    body = t[1:] if neg else t
    if not body.isdigit() or not body.isascii():
        return None
    v = -int(body) if neg else int(body)
    if not -(1 << 31) <= v < (1 << 31):
        return None
    return v


def _help_version(prog, what):
    if what == "help":
        stdout().write(SPEC.help_text(prog).encode())
    else:
        from multicall import VERSION
        stdout().write(("%s (pybox) %s\n" % (prog, VERSION)).encode())
    return 0


def main(argv):
    prog = argv[0]
    args = argv[1:]
    sig = None
    queue = None
    mode = None  # "list" or "table"
    list_args = []
    pids = []
    i = 0
    n = len(args)

    def need(opt):
        nonlocal i
        if i >= n:
            raise Usage("option requires an argument -- '%s'" % opt.lstrip("-")[:1] if not opt.startswith("--")
                        else "option '%s' requires an argument" % opt)
        i += 1
        return args[i - 1]

    def set_signal(text):
        nonlocal sig
        num = signal_number(text)
        if num is None:
            raise Usage("unknown signal '%s'" % text)
        sig = num

    while i < n:
        a = args[i]
        i += 1
        if a == "--":
            pids.extend(args[i:])
            break
        if mode is None and not pids and a.startswith("--") and len(a) > 2:
            name, eq, val = a[2:].partition("=")
            longs = ("list", "table", "signal", "queue", "help", "version")
            cands = [w for w in longs if w.startswith(name)]
            if name in longs:
                cands = [name]
            if len(cands) != 1:
                if cands:
                    raise Usage("option '%s' is ambiguous" % a)
                raise Usage("unrecognized option '%s'" % a)
            name = cands[0]
            if name in ("help", "version"):
                return _help_version(prog, name)
            if name == "list":
                mode = "list"
                if eq:
                    list_args.append(val)
                continue
            if eq and name == "table":
                raise Usage("option '--table' doesn't allow an argument")
            if name == "table":
                mode = "table"
                continue
            v = val if eq else need("--" + name)
            if name == "signal":
                set_signal(v)
            else:
                queue = v
            continue
        if mode == "list":
            list_args.append(a)
            continue
        if a.startswith("-") and len(a) > 1:
            c = a[1]
            if sig is None and not pids and signal_number(a[1:]) is not None:
                set_signal(a[1:])  # -KILL, -9, -sigterm, -quit
                continue
            if c in "lL" and (len(a) == 2 or c == "l"):
                mode = "list" if c == "l" else "table"
                if len(a) > 2:
                    list_args.append(a[2:])
                continue
            if c in "sn":
                v = a[2:] if len(a) > 2 else need("-" + c)
                if c == "n" and not (v.isdigit() and v.isascii()):
                    raise Usage("invalid signal number '%s'" % v)
                set_signal(v)
                continue
            if c == "q":
                queue = a[2:] if len(a) > 2 else need("-q")
                continue
            if a in ("-h", "-V"):
                return _help_version(prog, "help" if a == "-h" else "version")
            if sig is not None or pids:
                if _parse_pid(a) is not None:
                    pids.append(a)
                    continue
                raise Usage("invalid option -- '%s'" % c)
            raise Usage("unknown signal '%s'" % a[1:])
        pids.append(a)
    out = stdout()
    if mode == "table":
        _table_all(out)
        return 0
    if mode == "list":
        if not list_args:
            _list_all(out)
            return 0
        status = 0
        for a in list_args:
            r = _list_one(a)
            if r is None:
                warn(prog, "unknown signal name %s" % a)
                status = 1
                continue
            out.write((r + "\n").encode())
        return status
    if not pids:
        raise Usage("no process ID specified")
    if sig is None:
        sig = 15
    qval = None
    if queue is not None:
        q = queue.strip()
        try:
            qval = int(q, 0)
        except ValueError:
            raise Fail("must be an integer value to be passed with the signal.: '%s'" % queue) from None
    import posix
    status = 0
    for p in pids:
        pid = _parse_pid(p)
        if pid is None:
            warn(prog, "failed to parse argument: '%s'" % p)
            status = 1
            continue
        try:
            if qval is not None:
                _send_queue(pid, sig, qval)
            else:
                posix.kill(pid, sig)
        except OSError as e:
            warn(prog, "(%d): %s" % (pid, e.strerror))
            status = 1
    return status
