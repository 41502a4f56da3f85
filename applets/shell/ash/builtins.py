"""The shell's builtins.  Each is fn(sh, argv) -> status, argv as bytes.

SPECIAL holds POSIX's special builtins (their variable assignments stay,
their errors end a non-interactive shell); REGULAR the others.  echo,
printf, test, [, true, false and kill are the pybox applets' own code,
called in this process.
"""
import posix
import sys

from applets.shell.ash.evaluate import (Break, CommandError, Continue, LONG_OPTIONS,
                                    OPTION_LETTERS, Return, ShellExit, _b, _s)

_SAFE_Q = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789%+,-./:=@_^")


def shell_quote(v, always=False):
    if v and not always and all(c in _SAFE_Q for c in v):
        return v
    return b"'" + v.replace(b"'", b"'\\''") + b"'"


def _int_arg(name, v, lo=0):
    try:
        n = int(v)
        if n < lo or not v.strip().lstrip(b"-+").isdigit():
            raise ValueError
        return n
    except ValueError:
        raise CommandError("%s: Illegal number: %s" % (name, _s(v)), 2)


def _applet(name):
    """A builtin that is the pybox applet's own main, called here."""
    mod = []

    def run(sh, argv):
        if not mod:
            from multicall import main as mmain
            mod.append(mmain)
        return mod[0].run(name, _strs(argv))
    return run


def _echo():
    """echo: the applet's code, but --help and --version are plain words
    here, as in ash's builtin."""
    run = _applet("echo")

    def echo(sh, argv):
        if len(argv) == 2 and argv[1] in (b"--help", b"--version"):
            sh.out(argv[1] + b"\n")
            return 0
        return run(sh, argv)
    return echo


def _test_builtin(name):
    """test and [: the applet's evaluator called directly (no output layer
    to set up), with the applet's own messages."""
    mods = []

    def run(sh, argv):
        if name == "[":
            if argv[-1] == b"]" and len(argv) > 2:
                r = _quick_test(argv[1:-1])
                if r is not None:
                    return r
        elif len(argv) > 1:
            r = _quick_test(argv[1:])
            if r is not None:
                return r
        if not mods:
            from applets.coreutils import test
            from multicall.errors import Fail
            mods.extend((test, Fail))
        test, Fail = mods
        args = _strs(argv)[1:]
        if name == "[":
            if len(args) == 1 and args[0] in ("--help", "--version"):
                return _applet("[")(sh, argv)
            if not args or args[-1] != "]":
                return _applet("[")(sh, argv)
            args = args[:-1]
        try:
            return 0 if test.evaluate(args) else 1
        except Fail as e:
            from multicall.errors import write_stderr
            write_stderr("%s: %s\n" % (name, e.message))
            return e.status
    return run


_INT_OPS = {b"-eq": int.__eq__, b"-ne": int.__ne__, b"-lt": int.__lt__,
            b"-le": int.__le__, b"-gt": int.__gt__, b"-ge": int.__ge__}


def _quick_int(a):
    if a.isdigit():
        return int(a)
    if a[:1] == b"-" and a[1:].isdigit():
        return -int(a[1:])
    return None


def _quick_test(a):
    """test's status for the common short forms on plain operands (1 to 3
    arguments: s, -n s, -z s, ! s, s = t, s != t, n -lt m ...), or None
    for the full evaluator (which also gives every error message)."""
    n = len(a)
    if n == 1:
        return 0 if a[0] else 1
    if n == 2:
        op = a[0]
        if op == b"-n" or op == b"!":
            return (0 if a[1] else 1) if op == b"-n" else (1 if a[1] else 0)
        if op == b"-z":
            return 1 if a[1] else 0
        return None
    if n == 3:
        op = a[1]
        if op == b"=":
            return 0 if a[0] == a[2] else 1
        if op == b"!=":
            return 1 if a[0] == a[2] else 0
        f = _INT_OPS.get(op)
        if f is not None:
            left = _quick_int(a[0])
            right = _quick_int(a[2])
            if left is not None and right is not None:
                return 0 if f(left, right) else 1
    return None


def _strs(argv):
    """argv (bytes) as str with surrogateescape, in one decode."""
    joined = b"\0".join(argv)
    parts = joined.decode("utf-8", "surrogateescape").split("\0")
    return parts if len(parts) == len(argv) else [_s(a) for a in argv]


# -- special builtins ---------------------------------------------------------

def b_colon(sh, argv):
    return 0


def b_break(sh, argv, cls=Break):
    n = _int_arg(_s(argv[0]), argv[1], 1) if len(argv) > 1 else 1
    if sh.loop_depth == 0:
        return 0
    raise cls(min(n, sh.loop_depth))


def b_continue(sh, argv):
    return b_break(sh, argv, Continue)


def b_dot(sh, argv):
    if len(argv) < 2:
        raise CommandError(".: missing filename" if False else "%s: filename argument required" % _s(argv[0]), 2)
    name = argv[1]
    path = name
    if b"/" not in name:
        for d in (sh.vars.get(b"PATH") or b"").split(b":"):
            cand = (d or b".") + b"/" + name
            try:
                import stat
                if stat.S_ISREG(posix.stat(cand).st_mode):
                    path = cand
                    break
            except OSError:
                continue
    try:
        fd = posix.open(path, posix.O_RDONLY | posix.O_CLOEXEC)
        try:
            chunks = []
            while True:
                b = posix.read(fd, 1 << 20)
                if not b:
                    break
                chunks.append(b)
        finally:
            posix.close(fd)
    except OSError as e:
        import errno
        reason = "No such file" if e.errno == errno.ENOENT else e.strerror
        raise CommandError("%s: cannot open %s: %s" % (_s(argv[0]), _s(name), reason), 2, True)
    saved = None
    if len(argv) > 2:
        saved = sh.positional
        sh.positional = list(argv[2:])
    saved_line = sh.lineno
    try:
        # $? in the file starts as the status before `.` (dash, ash)
        return sh.eval_string(b"".join(chunks), 1)
    except Return as r:
        return r.status
    finally:
        sh.lineno = saved_line
        if saved is not None:
            sh.positional = saved


def b_eval(sh, argv):
    src = b" ".join(argv[1:])
    if not src.strip():
        return 0
    sh.status = 0
    return sh.eval_string(src)


def b_exec(sh, argv):
    """exec with arguments; exec alone is handled by the evaluator, whose
    redirections then stay."""
    args = argv[1:]
    if args and args[0] == b"--":
        args = args[1:]
    if args:
        sh.exec_(args)
    return 0


def b_exit(sh, argv):
    if len(argv) < 2:
        st = sh.trap_status if sh.in_trap else sh.status
    else:
        st = _int_arg("exit", argv[1]) & 0xFF
    raise ShellExit(st)


def b_export(sh, argv, readonly=False):
    args = argv[1:]
    if args and args[0] == b"--":
        args = args[1:]
    if not args or args == [b"-p"]:
        names = sorted(sh.readonly if readonly else sh.exported)
        word = b"readonly" if readonly else b"export"
        out = []
        for n in names:
            v = sh.vars.get(n)
            out.append(word + b" " + n + (b"=" + shell_quote(v, True) if v is not None else b"") + b"\n")
        sh.out(b"".join(out))
        return 0
    from applets.shell.ash.parser import is_name
    for a in args:
        name, eq, val = a.partition(b"=")
        if not is_name(name):
            raise CommandError("%s: bad variable name" % _s(name), 2)
        if eq:
            sh.setvar(name, val)
        if readonly:
            sh.readonly.add(name)
        else:
            sh.export(name)
    return 0


def b_readonly(sh, argv):
    return b_export(sh, argv, True)


def b_return(sh, argv):
    st = sh.status if len(argv) < 2 else _int_arg("return", argv[1]) & 0xFF
    if sh.func_depth == 0 and not getattr(sh, "in_dot", False):
        raise Return(st)
    raise Return(st)


def b_set(sh, argv):
    args = argv[1:]
    if not args:
        out = []
        for n in sorted(sh.vars):
            out.append(n + b"=" + shell_quote(sh.vars[n], True) + b"\n")
        sh.out(b"".join(out))
        return 0
    i = 0
    while i < len(args):
        a = args[i]
        if a == b"--":
            sh.positional = list(args[i + 1:])
            reset_getopts(sh)
            return 0
        if a == b"-" :
            sh.opts["xtrace"] = sh.opts["verbose"] = False
            i += 1
            if i < len(args):
                sh.positional = list(args[i:])
                reset_getopts(sh)
            return 0
        if a == b"+":  # a lone + is an empty option group (dash, ash)
            i += 1
            continue
        if a[:1] not in (b"-", b"+") or len(a) < 2:
            sh.positional = list(args[i:])
            reset_getopts(sh)
            return 0
        on = a[:1] == b"-"
        for ch in _s(a[1:]):
            if ch == "o":
                i += 1
                if i >= len(args):
                    _list_options(sh, on)
                    break
                name = _s(args[i])
                if name not in LONG_OPTIONS:
                    raise CommandError("set: Illegal option -o %s" % name, 2)
                sh.opts[name] = on
                continue
            name = OPTION_LETTERS.get(ch)
            if name is None or ch in "is":
                raise CommandError("set: Illegal option %s%s" % (_s(a[:1]), ch), 2)
            sh.opts[name] = on
        i += 1
    return 0


def _list_options(sh, on):
    out = []
    for name in LONG_OPTIONS:
        if on:
            out.append("%-16s%s\n" % (name, "on" if sh.opts.get(name) else "off"))
        else:
            out.append("set %co %s\n" % ("-" if sh.opts.get(name) else "+", name))
    sh.out(_b("".join(out)))


def b_shift(sh, argv):
    n = _int_arg("shift", argv[1]) if len(argv) > 1 else 1
    if n > len(sh.positional):
        raise CommandError("shift: can't shift that many", 2)
    sh.positional = sh.positional[n:]
    return 0


def b_times(sh, argv):
    t = posix.times()

    def f(x):
        return "%dm%.6fs" % (int(x // 60), x % 60)
    sh.out(_b("%s %s\n%s %s\n" % (f(t.user), f(t.system), f(t.children_user), f(t.children_system))))
    return 0


def signal_name(spec):
    """trap's name for a signal: EXIT, a classic signal's name (POLL ...),
    or the number of a real-time one, as BusyBox ash prints them; None
    when `spec` names no signal."""
    from multicall.signals import lookup, table
    s = _s(spec)
    if s.upper() in ("EXIT", "SIGEXIT"):
        return "EXIT"
    num = lookup(s)
    if num is None:
        return None
    return "EXIT" if num == 0 else table().get(num, str(num))


def signal_number(name):
    """The number behind a name signal_name() gave (not EXIT)."""
    from multicall.signals import number
    return int(name) if name.isdigit() else number(name)


def b_trap(sh, argv):
    import _signal
    args = argv[1:]
    if args and args[0] == b"--":
        args = args[1:]
    if not args or args == [b"-p"]:
        traps = sh.traps
        if not traps and getattr(sh, "in_cmdsub", False) and getattr(sh, "parent_traps", None):
            traps = sh.parent_traps  # saved=$(trap) lists the shell's traps (ash)
        out = []
        for sig in sorted(traps, key=lambda s: 0 if s == "EXIT" else signal_number(s)):
            out.append(b"trap -- " + shell_quote(traps[sig], True) + b" " + _b(sig) + b"\n")
        sh.out(b"".join(out))
        return 0
    sh.parent_traps = None  # a trap set here ends the view of the shell's
    if len(args) == 1 or signal_name(args[0]) is not None and args[0] != b"-" and _s(args[0]).isdigit():
        action, sigs = b"-", args
    else:
        action, sigs = args[0], args[1:]
    st = 0
    for spec in sigs:
        name = signal_name(spec)
        if name is None:
            sh.err("trap: %s: bad trap" % _s(spec))
            st = 1
            continue
        if name == "EXIT":
            if action == b"-":
                sh.traps.pop(name, None)
            else:
                sh.traps[name] = action
            continue
        num = signal_number(name)
        if name in ("KILL", "STOP"):
            sh.traps[name] = action
            continue
        if _ignored_on_entry(sh, name, num):
            # POSIX: a signal ignored when a non-interactive shell started
            # stays ignored; the action is only recorded (as dash and ash)
            if action == b"-":
                sh.traps.pop(name, None)
            else:
                sh.traps[name] = action
            continue
        try:
            if action == b"-":
                sh.traps.pop(name, None)
                _signal.signal(num, _signal.SIG_DFL)
            elif action == b"":
                sh.traps[name] = action
                _signal.signal(num, _signal.SIG_IGN)
            else:
                sh.traps[name] = action

                def handler(signum, frame, name=name):
                    if name not in sh.pending_sigs:  # signals do not queue
                        sh.pending_sigs.append(name)
                _signal.signal(num, handler)
        except (OSError, ValueError):
            pass
    return st


def _ignored_on_entry(sh, name, num):
    """Whether signal num was ignored when the shell started: it is still
    ignored and no trap of ours ever set it (INT, QUIT and PIPE excepted:
    the shell itself ignores those in places)."""
    ign = getattr(sh, "_ignored_on_entry", None)
    if ign is None:
        ign = sh._ignored_on_entry = set()
    if num in ign:
        return True
    if name in sh.traps or name in ("INT", "QUIT", "PIPE") or sh.opts.get("interactive"):
        return False
    seen = getattr(sh, "_trap_seen", None)
    if seen is None:
        seen = sh._trap_seen = set()
    if num in seen:
        return False
    seen.add(num)
    import _signal
    try:
        if _signal.getsignal(num) == _signal.SIG_IGN:
            ign.add(num)
            return True
    except (OSError, ValueError):
        pass
    return False


def _flags(args, name, letters):
    """The option letters at the front of args (a list, consumed up to and
    including a `--`), in order; one not in `letters` is refused, as dash
    refuses it."""
    out = []
    while args and args[0][:1] == b"-" and len(args[0]) > 1:
        a = args.pop(0)
        if a == b"--":
            break
        for ch in _s(a[1:]):
            if ch not in letters:
                raise CommandError("%s: Illegal option -%s" % (name, ch), 2)
            out.append(ch)
    return out


def b_unset(sh, argv):
    funcs = False
    args = argv[1:]
    for ch in _flags(args, "unset", "fv"):
        funcs = ch == "f"
    for a in args:
        if funcs:
            sh.funcs.pop(a, None)
        else:
            sh.unsetvar(a)
    return 0


# -- regular builtins ---------------------------------------------------------

def b_true(sh, argv):
    return 0


def b_false(sh, argv):
    return 1


def b_cd(sh, argv):
    args = argv[1:]
    physical = False
    for ch in _flags(args, "cd", "PL"):
        physical = ch == "P"
    if len(args) > 1:
        raise CommandError("cd: too many arguments", 2)
    printit = False
    if not args:
        target = sh.vars.get(b"HOME")
        if not target:
            return 0
    else:
        target = args[0]
        if target == b"-":
            target = sh.vars.get(b"OLDPWD") or b""
            printit = True
    cands = []
    if target[:1] != b"/" and target.split(b"/")[0] not in (b".", b"..") and sh.vars.get(b"CDPATH"):
        for d in sh.vars[b"CDPATH"].split(b":"):
            if d:
                cands.append(((d.rstrip(b"/") + b"/" + target), True))
    cands.append((target, False))
    cur = sh.vars.get(b"PWD") or b""
    err = None
    for c, from_cdpath in cands:
        if physical or c[:1] == b"/" or not cur:
            logical = c if c[:1] == b"/" else None
        else:
            logical = cur.rstrip(b"/") + b"/" + c
        if logical is not None and not physical:
            logical = _normalize(logical)
        try:
            posix.chdir(logical if logical is not None and not physical else c)
        except OSError as e:
            err = e
            continue
        if physical or logical is None:
            try:
                logical = posix.getcwd().encode("utf-8", "surrogateescape")
            except OSError:
                logical = c
        sh.setvar(b"OLDPWD", cur)
        sh.setvar(b"PWD", logical)
        for h in sh.hashed.values():
            h[1] = True  # a relative PATH entry may now find another file
        if printit or from_cdpath:
            sh.out(logical + b"\n")
        return 0
    raise CommandError("cd: can't cd to %s" % _s(target), 2)


def _normalize(p):
    out = []
    for comp in p.split(b"/"):
        if comp in (b"", b"."):
            continue
        if comp == b"..":
            if out:
                out.pop()
            continue
        out.append(comp)
    return b"/" + b"/".join(out)


def b_pwd(sh, argv):
    physical = False
    for a in argv[1:]:
        if a == b"-P":
            physical = True
        elif a == b"-L":
            physical = False
        else:
            raise CommandError("pwd: Illegal option %s" % _s(a), 2)
    p = sh.vars.get(b"PWD")
    if physical or not p:
        try:
            p = posix.getcwd().encode("utf-8", "surrogateescape")
        except OSError as e:
            raise CommandError("pwd: %s" % e.strerror, 2)
    sh.out(p + b"\n")
    return 0


def b_local(sh, argv):
    if not sh.local_frames:
        raise CommandError("local: not in a function", 2, True)
    frame = sh.local_frames[-1]
    from applets.shell.ash.parser import is_name
    for a in argv[1:]:
        name, eq, val = a.partition(b"=")
        if not is_name(name) and name != b"-":
            raise CommandError("local: %s: bad variable name" % _s(name), 2)
        if name not in frame:
            frame[name] = (sh.vars.get(name), name in sh.exported)
        if eq:
            sh.setvar(name, val)
    return 0


def b_let(sh, argv):
    if len(argv) < 2:
        raise CommandError("let: expression expected", 2)
    v = 0
    for a in argv[1:]:
        v = sh.arith(a)
    return 0 if v else 1


def b_wait(sh, argv):
    st = 0
    if len(argv) < 2:
        for pid in sh.jobs:
            sh.wait_pid(pid, False)
        sh.jobs = []
        sh.jobs_done.clear()
        return 0
    for a in argv[1:]:
        try:
            pid = int(a)
        except ValueError:
            raise CommandError("wait: Illegal number: %s" % _s(a), 2)
        if pid in sh.jobs:
            st = sh.wait_pid(pid)
            sh.jobs.remove(pid)
        elif pid in sh.jobs_done:  # it ended, and was reaped, before
            from multicall.process import exit_code
            raw = sh.jobs_done.pop(pid)
            sh.report_signal(raw)  # as dash does when wait reaps it
            st = exit_code(raw)
        else:
            st = 127
    return st


def b_read(sh, argv):
    raw = False
    prompt = None
    timeout = None
    nchars = None
    delim = b"\n"
    fd = 0
    silent = False
    args = argv[1:]
    while args and args[0][:1] == b"-" and len(args[0]) > 1:
        a = args.pop(0)
        if a == b"--":
            break
        i = 1
        while i < len(a):
            ch = chr(a[i])
            if ch == "r":
                raw = True
            elif ch == "s":
                silent = True
            elif ch in "ptndu":
                val = a[i + 1:]
                if not val:
                    if not args:
                        raise CommandError("read: arg count", 2)
                    val = args.pop(0)
                if ch == "p":
                    prompt = val
                elif ch == "t":
                    try:
                        timeout = float(val)
                    except ValueError:
                        timeout = -1.0
                    if not timeout >= 0:
                        raise CommandError("read: invalid timeout", 2)
                elif ch == "n":
                    nchars = _int_arg("read", val)
                elif ch == "d":
                    delim = val[:1] or b"\0"
                else:
                    fd = _int_arg("read", val)
                break
            else:
                raise CommandError("read: Illegal option -%s" % ch, 2)
            i += 1
    names = args or None    # None: the whole line to REPLY, as ash does
    if prompt is not None and posix.isatty(fd):
        posix.write(2, prompt)
    old_tty = None
    if silent and posix.isatty(fd):
        import termios
        old_tty = termios.tcgetattr(fd)
        new = list(old_tty)
        new[3] &= ~termios.ECHO
        termios.tcsetattr(fd, termios.TCSANOW, new)
    try:
        return _read_input(sh, fd, nchars, timeout, delim, raw, names)
    finally:
        if old_tty is not None:
            import termios
            termios.tcsetattr(fd, termios.TCSANOW, old_tty)


def _read_input(sh, fd, nchars, timeout, delim, raw, names):
    if timeout == 0:
        # -t 0 only asks whether input is waiting (bash, ash); reads nothing
        import select
        try:
            r, _, _ = select.select([fd], [], [], 0)
        except (OSError, ValueError) as e:
            raise CommandError("read: %s" % (getattr(e, "strerror", None) or e), 1)
        return 0 if r else 1
    if nchars is None and timeout is None:
        got = _read_seekable(fd, delim, raw)
        if got is not None:
            _assign_read(sh, got[0], names, raw)
            return 1 if got[1] else 0
    buf = bytearray()
    eof = False
    u8 = nchars is not None and sh.utf8()
    got = [0, 0]  # -n in a UTF-8 locale: characters complete, bytes still due
    if timeout is not None:
        import select
        import time
        deadline = time.monotonic() + timeout  # for the whole line, not per byte
    while True:
        if nchars is not None and (got[0] if u8 else len(buf)) >= nchars:
            break
        if timeout is not None:
            left = deadline - time.monotonic()
            try:
                r, _, _ = select.select([fd], [], [], max(left, 0))
            except OSError:
                r = [fd]
            if not r or (left <= 0 and timeout > 0):
                return 1
        try:
            c = posix.read(fd, 1)
        except InterruptedError:
            continue
        except OSError as e:
            raise CommandError("read: %s" % e.strerror, 1)
        if not c:
            eof = True
            break
        if c == delim:
            break
        if c == b"\\" and not raw:
            c2 = posix.read(fd, 1)
            if c2 == b"\n":
                continue
            if not c2:
                eof = True
                break
            buf += b"\\" + c2
            if u8:
                _count_char(got, c2[0])
            continue
        buf += c
        if u8:
            _count_char(got, c[0])
    _assign_read(sh, bytes(buf), names, raw)
    return 1 if eof else 0


def _count_char(got, b):
    """Count byte b into got = [characters, continuation bytes due] as
    bash's read -n does: a UTF-8 sequence is one character, and so is
    a byte that is not one, or a broken sequence with the byte that
    broke it."""
    if got[1]:
        if 0x80 <= b < 0xC0:
            got[1] -= 1
            if got[1]:
                return
        else:
            got[1] = 0
        got[0] += 1
    elif 0xC2 <= b < 0xF5:
        got[1] = 1 if b < 0xE0 else 2 if b < 0xF0 else 3
    else:
        got[0] += 1


def _read_seekable(fd, delim, raw):
    """read's line from a regular file in blocks: (line, eof) with the
    offset put back just past the delimiter, where reading byte by byte
    would leave it; None when fd is not a regular file (pipes and terminals
    are read a byte at a time, so that nothing past the line is consumed)."""
    try:
        if posix.fstat(fd).st_mode & 0o170000 != 0o100000:
            return None
    except OSError:
        return None
    out = bytearray()
    size = 256
    data = b""
    i = 0  # where data is scanned from
    while True:
        if i >= len(data) or (not raw and i == len(data) - 1 and data[i] == 92):
            try:
                more = posix.read(fd, size)
            except InterruptedError:
                continue
            except OSError as e:
                raise CommandError("read: %s" % e.strerror, 2)
            if size < 65536:
                size *= 4
            if not more:  # end of file: a lone trailing backslash is dropped
                return bytes(out), True
            data = data[i:] + more
            i = 0
        j = data.find(delim, i)
        end = j if j >= 0 else len(data)
        if not raw:
            k = data.find(b"\\", i, end)
            if k >= 0:
                out += data[i:k]
                if k + 1 == len(data):  # the escaped byte is still to come
                    i = k
                    continue
                if data[k + 1] != 10:
                    out += data[k:k + 2]
                i = k + 2
                continue
        out += data[i:end]
        if j >= 0:
            back = len(data) - j - 1
            if back:
                posix.lseek(fd, -back, 1)
            return bytes(out), False
        i = len(data)


def _assign_read(sh, line, names, raw):
    if b"\0" in line:
        line = line.replace(b"\0", b"")  # a variable holds no NUL (dash, ash)
    if names is None:
        # read with no names: REPLY is the line as read, blanks and all
        sh.setvar(b"REPLY", line if raw else _unescape(line))
        return
    ifs = sh.getvar(b"IFS")
    if ifs is None:
        ifs = b" \t\n"
    ws = bytes(c for c in ifs if c in b" \t\n")
    # split into fields honouring backslash escapes (when not raw)
    fields = []
    i = 0
    n = len(line)
    while i < n and line[i] in ws:
        i += 1
    cur = bytearray()
    while i < n:
        if len(fields) == len(names) - 1:
            rest = line[i:]
            # the last variable takes the rest, trailing IFS white space removed
            if ws:
                stripped = rest.rstrip(ws)
                if not raw and len(stripped) < len(rest) and \
                        (len(stripped) - len(stripped.rstrip(b"\\"))) % 2 == 1:
                    stripped = rest[:len(stripped) + 1]  # an escaped blank stays
                rest = stripped
            # one more field ended by a lone delimiter: the delimiter goes
            # (IFS=: read a b <<< 'a:b:' sets b to "b", as dash and ash do)
            if rest and rest[-1] in ifs and rest[-1] not in ws:
                before = rest[:-1].rstrip(ws) if ws else rest[:-1]
                escaped = not raw and (len(before) - len(before.rstrip(b"\\"))) % 2 == 1
                if not escaped and not any(c in ifs for c in before):
                    rest = before
            if not raw:
                rest = _unescape(rest)
            else:
                pass
            cur += rest
            i = n
            break
        c = line[i]
        if c == 92 and not raw and i + 1 < n:
            cur.append(line[i + 1])
            i += 2
            continue
        if c in ifs:
            fields.append(bytes(cur))
            cur = bytearray()
            i += 1
            while i < n and line[i] in ws:
                i += 1
            if c in ws and i < n and line[i] in ifs and line[i] not in ws \
                    and (raw or line[i] != 92):  # \ escapes even when in IFS
                i += 1
                while i < n and line[i] in ws:
                    i += 1
            continue
        cur.append(c)
        i += 1
    if cur or len(fields) < len(names):
        fields.append(bytes(cur))
    for k, name in enumerate(names):
        sh.setvar(name, fields[k] if k < len(fields) else b"")


def _unescape(b):
    if b"\\" not in b:
        return b
    out = bytearray()
    i = 0
    while i < len(b):
        if b[i] == 92 and i + 1 < len(b):
            i += 1
        out.append(b[i])
        i += 1
    return bytes(out)


def b_getopts(sh, argv):
    """getopts as dash and ash run it: within a group of letters (-ab)
    OPTIND already names the next argument, and the place inside the group
    is kept aside; assigning OPTIND (or set replacing the positional
    parameters) starts over."""
    if len(argv) < 3:
        raise CommandError("getopts: usage: getopts optstring var [arg]", 2)
    optstring, var = argv[1], argv[2]
    args = argv[3:] if len(argv) > 3 else sh.positional
    silent = optstring[:1] == b":"
    try:
        optind = int(sh.vars.get(b"OPTIND", b"1"))
    except ValueError:
        optind = 1
    if b"OPTARG" not in sh.readonly:
        sh.unsetvar(b"OPTARG")
    sub = getattr(sh, "_optsub", 0)
    word = getattr(sh, "_optword", optind)
    if sub == 0 or getattr(sh, "_optind_seen", None) != optind or word > len(args):
        sub = 0
        word = max(optind, 1)   # ash and dash read OPTIND=0 as 1
    if sub == 0:
        if word > len(args) or args[word - 1][:1] != b"-" or args[word - 1] == b"-":
            return _getopts_set(sh, var, b"?", 1)
        if args[word - 1] == b"--":
            sh.setvar(b"OPTIND", b"%d" % (word + 1))
            return _getopts_set(sh, var, b"?", 1)
        sub = 1
    arg = args[word - 1]
    ch = arg[sub:sub + 1]
    sub += 1
    nxt = word + 1
    pos = optstring.find(ch) if ch != b":" else -1
    value = ch
    if pos < 0:
        if silent:
            sh.setvar(b"OPTARG", ch)
        else:
            sh.err_plain(b"Illegal option -" + ch + b"\n")  # no prefix: dash, ash
        value = b"?"
    elif optstring[pos + 1:pos + 2] == b":":
        if sub < len(arg):
            sh.setvar(b"OPTARG", arg[sub:])
        elif word < len(args):
            sh.setvar(b"OPTARG", args[word])
            nxt = word + 2
        elif silent:
            sh.setvar(b"OPTARG", ch)
            value = b":"
        else:
            sh.err_plain(b"No arg for -" + ch + b" option\n")
            value = b"?"
        sub = len(arg)
    if sub >= len(arg):
        sub = 0
    sh._optsub = sub
    sh._optword = word
    sh._optind_seen = nxt
    sh.setvar(b"OPTIND", b"%d" % nxt)
    return _getopts_set(sh, var, value, 0)


def _getopts_set(sh, var, value, st):
    from applets.shell.ash.parser import is_name
    if not is_name(var):
        raise CommandError("getopts: %s: bad variable name" % _s(var), 2)
    sh.setvar(var, value)
    return st


def reset_getopts(sh):
    """New positional parameters: getopts starts again at OPTIND=1."""
    sh._optsub = 0
    sh.setvar(b"OPTIND", b"1")


def describe(sh, name):
    """(kind, detail) for type / command -v."""
    from applets.shell.ash.parser import RESERVED
    if name in RESERVED:
        return "keyword", None
    if name in sh.aliases:
        return "alias", sh.aliases[name]
    if name in sh.funcs:
        return "function", None
    if name in SPECIAL:
        return "special", None
    if name in REGULAR:
        return "builtin", None
    if b"/" in name:
        return ("file", name) if posix.access(name, posix.X_OK) else (None, None)
    if sh.applet(name)[0] is not None:
        # what will run is pybox's applet, in this process or a fork of
        # it, whatever file PATH names: said as BusyBox ash says it of
        # its applets in standalone mode (`cat is cat`, `command -v` cat)
        return "applet", name
    from multicall import process
    path = process.search_path(_s(name), path=sh.search_dirs())
    if path is not None:
        return "file", _b(path)
    return None, None


def b_type(sh, argv):
    st = 0
    out = []
    for n in argv[1:]:
        kind, detail = describe(sh, n)
        s = n
        if kind == "keyword":
            out.append(s + b" is a shell keyword\n")
        elif kind == "function":
            out.append(s + b" is a shell function\n")
        elif kind == "special":
            out.append(s + b" is a special shell builtin\n")
        elif kind == "builtin":
            out.append(s + b" is a shell builtin\n")
        elif kind == "applet":
            out.append(s + b" is " + s + b"\n")
        elif kind == "alias":
            out.append(s + b" is an alias for " + detail + b"\n")
        elif kind == "file":
            out.append(s + b" is " + detail + b"\n")
        else:
            sh.out(b"".join(out))
            out = []
            sh.out(s + b": not found\n")
            st = 127
    sh.out(b"".join(out))
    return st


def b_command(sh, argv):
    args = argv[1:]
    mode = None
    default_path = False
    for ch in _flags(args, "command", "vVp"):
        if ch == "p":
            default_path = True
        else:
            mode = ch
    if not args:
        return 0
    if default_path:
        return sh.with_std_path(lambda: _command(sh, args, mode))
    return _command(sh, args, mode)


def _command(sh, args, mode):
    if mode == "V":
        return b_type(sh, [b"type"] + args)
    if mode == "v":
        st = 0
        for n in args:
            kind, detail = describe(sh, n)
            if kind in ("file",):
                sh.out(detail + b"\n")
            elif kind == "alias":
                sh.out(b"alias " + n + b"=" + shell_quote(detail, True) + b"\n")
            elif kind is not None:
                sh.out(n + b"\n")
            else:
                st = 127
        return st
    name = args[0]
    b = SPECIAL.get(name) or REGULAR.get(name)
    if b is not None:
        try:
            return b(sh, args)
        except CommandError as e:
            e.fatal = False
            raise
    from applets.shell.ash import ast
    node = ast.Simple([], [], [], sh.lineno)
    return sh.run_command(args, node, False)


def b_alias(sh, argv):
    if len(argv) == 1:
        sh.out(b"".join(n + b"=" + shell_quote(v, True) + b"\n" for n, v in sorted(sh.aliases.items())))
        return 0
    st = 0
    for a in argv[1:]:
        name, eq, val = a.partition(b"=")
        if eq:
            sh.aliases[name] = val
        elif name in sh.aliases:
            sh.out(name + b"=" + shell_quote(sh.aliases[name], True) + b"\n")
        else:
            sh.err_plain(b"alias: " + name + b" not found\n")
            st = 1
    return st


def b_unalias(sh, argv):
    args = argv[1:]
    if args and args[0] == b"-a":
        sh.aliases.clear()
        return 0
    st = 0
    for a in args:
        if sh.aliases.pop(a, None) is None:
            sh.err_plain(b"unalias: " + a + b" not found\n")
            st = 1
    return st


def b_hash(sh, argv):
    """hash lists where PATH found the commands run so far (a * marks one
    to be looked up again after a cd), -r forgets them, hash NAME... looks
    names up and says which cannot be found."""
    args = argv[1:]
    if _flags(args, "hash", "r"):
        sh.hashed.clear()
        sh.cmd_cache.clear()
        return 0
    if not args:
        sh.out(b"".join(h[0] + (b"*\n" if h[1] else b"\n")
                        for _, h in sorted(sh.hashed.items()) if h[0] is not None))
        return 0
    st = 0
    for a in args:
        if b"/" in a or a in sh.funcs or a in SPECIAL or a in REGULAR:
            continue
        if sh.remember(a) is None and sh.applet(a)[0] is None:
            sh.err("hash: %s: not found" % _s(a))
            st = 1
    return st


def b_umask(sh, argv):
    args = argv[1:]
    sym = False
    if args and args[0] == b"-S":
        sym = True
        args = args[1:]
    cur = posix.umask(0)
    posix.umask(cur)
    if not args:
        if sym:
            perm = 0o777 & ~cur
            parts = []
            for who, shift in (("u", 6), ("g", 3), ("o", 0)):
                bits = (perm >> shift) & 7
                parts.append(who + "=" + "".join(c for c, b in (("r", 4), ("w", 2), ("x", 1)) if bits & b))
            sh.out(_b(",".join(parts) + "\n"))
        else:
            sh.out(b"%04o\n" % cur)
        return 0
    m = args[0]
    if m.isdigit():
        try:
            new = int(m, 8)
        except ValueError:
            raise CommandError("umask: Illegal number: %s" % _s(m), 2)
    else:
        from multicall import modes
        changes = modes.compile(_s(m))
        if changes is None:
            raise CommandError("umask: Illegal mode: %s" % _s(m), 2)
        # symbolic modes act on the permissions the mask lets through
        new = 0o777 & ~modes.adjust(0o777 & ~cur, changes, True, 0)
    posix.umask(new & 0o777)
    return 0


# ash's table: (option, RLIMIT_ name, description, unit)
_ULIMITS = (("c", "CORE", "core file size (blocks)", 512), ("d", "DATA", "data seg size (kb)", 1024),
            ("e", "NICE", "scheduling priority", 1), ("f", "FSIZE", "file size (blocks)", 512),
            ("i", "SIGPENDING", "pending signals", 1), ("l", "MEMLOCK", "max locked memory (kb)", 1024),
            ("m", "RSS", "max memory size (kb)", 1024), ("n", "NOFILE", "open files", 1),
            ("q", "MSGQUEUE", "POSIX message queues (bytes)", 1), ("r", "RTPRIO", "real-time priority", 1),
            ("s", "STACK", "stack size (kb)", 1024), ("t", "CPU", "cpu time (seconds)", 1),
            ("u", "NPROC", "max user processes", 1), ("v", "AS", "virtual memory (kb)", 1024),
            ("x", "LOCKS", "file locks", 1))
_RLIMIT_LOCKS = 10  # Linux's number; Python's resource module does not name it


def _rlimit(resource, name):
    n = getattr(resource, "RLIMIT_" + name, None)
    if n is None and name == "LOCKS" and sys.platform.startswith("linux"):
        n = _RLIMIT_LOCKS
    return n


def b_ulimit(sh, argv):
    import resource
    hard = soft = False
    which = None
    show_all = False
    value = None
    for a in argv[1:]:
        if a[:1] == b"-" and len(a) > 1:
            for ch in _s(a[1:]):
                if ch == "H":
                    hard = True
                elif ch == "S":
                    soft = True
                elif ch == "a":
                    show_all = True
                else:
                    for row in _ULIMITS:
                        if row[0] == ch and _rlimit(resource, row[1]) is not None:
                            which = row
                            break
                    else:
                        raise CommandError("ulimit: Illegal option -%s" % ch, 2)
        else:
            value = a
    if not hard and not soft:
        soft = True
        if value is not None:
            hard = True
    if show_all:
        rows = [r for r in _ULIMITS if _rlimit(resource, r[1]) is not None]
    else:
        rows = [which or _ULIMITS[3]]  # -f by default
    if value is None:
        out = []
        for letter, res, desc, unit in rows:
            lim = resource.getrlimit(_rlimit(resource, res))
            v = lim[0] if soft and not hard else lim[1]
            text = "unlimited" if v == resource.RLIM_INFINITY else "%d" % (v // unit)
            out.append(("%-32s(-%s) %s\n" % (desc, letter, text)) if show_all else text + "\n")
        sh.out(_b("".join(out)))
        return 0
    letter, res, desc, unit = rows[0]
    rnum = _rlimit(resource, res)
    if value == b"unlimited":
        v = resource.RLIM_INFINITY
    else:
        v = _int_arg("ulimit", value) * unit
    cs, ch = resource.getrlimit(rnum)
    try:
        resource.setrlimit(rnum, (v if soft else cs, v if hard else ch))
    except (ValueError, OSError) as e:
        raise CommandError("ulimit: error setting limit (%s)" % getattr(e, "strerror", None) or str(e), 2)
    return 0


SPECIAL = {
    b":": b_colon, b".": b_dot, b"break": b_break, b"continue": b_continue,
    b"eval": b_eval, b"exec": b_exec, b"exit": b_exit, b"export": b_export,
    b"readonly": b_readonly, b"return": b_return, b"set": b_set, b"shift": b_shift,
    b"times": b_times, b"trap": b_trap, b"unset": b_unset,
}

REGULAR = {
    b"[": _test_builtin("["), b"alias": b_alias, b"cd": b_cd, b"command": b_command, b"echo": _echo(),
    b"false": b_false, b"getopts": b_getopts, b"hash": b_hash, b"kill": _applet("kill"),
    b"let": b_let, b"local": b_local, b"printf": _applet("printf"), b"pwd": b_pwd,
    b"read": b_read, b"source": b_dot, b"test": _test_builtin("test"), b"true": b_true,
    b"type": b_type, b"unalias": b_unalias, b"ulimit": b_ulimit, b"umask": b_umask, b"wait": b_wait,
}
