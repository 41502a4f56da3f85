"""env: run a command in a modified environment, or print the environment.

GNU coreutils 9.1's env: -i (and a lone `-`), -u, NAME=VALUE operands, -0,
-C, -S with GNU's quoting, escapes and ${VAR} expansion (the split words
take the place of the option and option parsing goes on over them, as a
shebang line needs), --block-signal, --default-signal, --ignore-signal,
--list-signal-handling and -v.  Errors of env itself exit 125, a command
that cannot run 126, one that is not found 127.

The command replaces env, as exec does: a pybox applet (multicall.process
decides which commands are applets) runs right here, in this process, with
the new environment installed; anything else is exec'd with execvp's PATH
rules over the new environment's PATH.  Fast: no module beyond the runtime
is imported unless a signal option needs the built-in _signal.
"""
import posix

from multicall.errors import Fail, Usage, quote, quotef, write_stderr
from multicall.options import Spec, opt
from multicall.signals import name as signame, operand
from multicall.stdio import stdout

TROUBLE = 125
CANCELED, CANNOT_INVOKE, ENOENT_STATUS = 125, 126, 127
SIGNUM_BOUND = 64

SPEC = Spec("[OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...]",
            "Set each NAME to VALUE in the environment and run COMMAND.\n\n"
            "Mandatory arguments to long options are mandatory for short options too.",
            opt("-i, --ignore-environment", "start with an empty environment"),
            opt("-0, --null", "end each output line with NUL, not newline"),
            opt("-u, --unset=NAME", "remove variable from the environment", kind="list"),
            opt("-C, --chdir=DIR", "change working directory to DIR"),
            opt("-S, --split-string=S", "process and split S into separate arguments;\n"
                "used to pass multiple arguments on shebang lines"),
            opt("--block-signal[=SIG]", "block delivery of SIG signal(s) to COMMAND"),
            opt("--default-signal[=SIG]", "reset handling of SIG signal(s) to the default"),
            opt("--ignore-signal[=SIG]", "set handling of SIG signal(s) to do nothing"),
            opt("--list-signal-handling", "list non default signal handling to stderr"),
            opt("-v, --debug", "print verbose information for each processing step"),
            epilog="A mere - implies -i.  If no COMMAND, print the resulting environment.\n\n"
            "SIG may be a signal name like 'PIPE', or a signal number like '13'.\n"
            "Without SIG, all known signals are included.  Multiple signals can be\n"
            "comma-separated.",
            stop=True, status=CANCELED)

_SPACE = " \t\n\v\f\r"
_ESC = {"f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}

def _b(s):
    return s.encode("utf-8", "surrogateescape")


def _s(b):
    return b.decode("utf-8", "surrogateescape")


def debug(on, text):
    if on:
        write_stderr(text)


# -- -S ---------------------------------------------------------------------

def split_string(text, environ, verbose=False):
    """GNU env's -S: split `text` into words (a list of str), with its
    quotes, backslash escapes, ${VAR} expansion from `environ` (bytes
    mapping) and # comments.  Raises Fail(125) with GNU's messages."""
    words = []
    cur = []
    started = False
    single = double = False
    i, n = 0, len(text)

    def end_word():
        nonlocal cur, started
        if started:
            words.append("".join(cur))
        cur, started = [], False

    while i < n:
        c = text[i]
        if single:
            if c == "'":
                single = False
            elif c == "\\" and i + 1 < n and text[i + 1] in "\\'":
                i += 1
                cur.append(text[i])
            else:
                cur.append(c)
            i += 1
            continue
        if c in _SPACE and not double:
            end_word()
            i += 1
            continue
        if c == "#" and not double and not started:
            break
        if c == "'" and not double:
            single = started = True
            i += 1
            continue
        if c == '"':
            double = not double
            started = True
            i += 1
            continue
        if c == "\\":
            if i + 1 >= n:
                raise Fail("invalid backslash at end of string in -S", CANCELED)
            e = text[i + 1]
            i += 2
            if e in "\"'\\#$":
                cur.append(e)
                started = True
            elif e == "_":
                if double:
                    cur.append(" ")
                else:
                    end_word()
            elif e == "c":
                if double:
                    raise Fail("'\\c' must not appear in double-quoted -S string", CANCELED)
                end_word()
                return words, True
            elif e in _ESC:
                cur.append(_ESC[e])
                started = True
            else:
                raise Fail("invalid sequence '\\%s' in -S" % e, CANCELED)
            continue
        if c == "$":
            j = i + 2
            ok = text[i + 1:i + 2] == "{" and j < n and (text[j].isascii() and (text[j].isalpha() or text[j] == "_"))
            if ok:
                k = j
                while k < n and text[k].isascii() and (text[k].isalnum() or text[k] == "_"):
                    k += 1
                ok = k < n and text[k] == "}"
            if not ok:
                raise Fail("only ${VARNAME} expansion is supported, error at: %s" % text[i:], CANCELED)
            name = text[j:k]
            value = environ.get(_b(name))
            if value is None:
                debug(verbose, "replacing ${%s} with null string\n" % name)
            else:
                value = _s(value)
                debug(verbose, "expanding ${%s} into %s\n" % (name, quote(value)))
                if value:
                    cur.append(value)
                    started = True
            i = k + 1
            continue
        cur.append(c)
        started = True
        i += 1
    if single or double:
        raise Fail("no terminating quote in -S string", CANCELED)
    end_word()
    return words, False


# -- signals ----------------------------------------------------------------

def parse_signals(value, prog):
    """The signal numbers a --*-signal argument names (None: all)."""
    if value is None:
        return None
    names = [v for v in value.split(",") if v]
    out = []
    for name in names:
        num = operand(name)
        if num <= 0:
            raise Usage("%s: invalid signal" % quote(name), CANCELED)
        out.append(num)
    return out


def apply_signals(actions, block, unblock, verbose):
    """Set dispositions (actions: num -> (ignore, explicit)) and the mask."""
    import _signal
    for num in sorted(actions):
        ignore, explicit = actions[num]
        name = signame(num)
        try:
            _signal.signal(num, _signal.SIG_IGN if ignore else _signal.SIG_DFL)
            failed = False
        except (OSError, ValueError, RuntimeError) as e:
            if explicit:
                raise Fail("failed to set signal action for signal %d: %s"
                           % (num, getattr(e, "strerror", None) or "Invalid argument"), CANCELED)
            failed = True
        debug(verbose, "Reset signal %s (%d) to %s%s\n" % (name, num, "IGNORE" if ignore else "DEFAULT",
                                                          " (failure ignored)" if failed else ""))
    if block or unblock:
        for num in range(1, SIGNUM_BOUND + 1):
            if num in block:
                what = "BLOCK"
            elif num in unblock:
                what = "UNBLOCK"
            else:
                continue
            debug(verbose, "signal %s (%d) mask set to %s\n" % (signame(num), num, what))
        try:
            if unblock:
                _signal.pthread_sigmask(_signal.SIG_UNBLOCK, unblock - block)
            if block:
                _signal.pthread_sigmask(_signal.SIG_BLOCK, block)
        except (OSError, ValueError) as e:
            raise Fail("failed to set signal process mask: %s" % e, CANCELED)


def list_signal_handling():
    import _signal
    blocked = _signal.pthread_sigmask(_signal.SIG_BLOCK, [])
    lines = []
    for num in range(1, SIGNUM_BOUND + 1):
        name = signame(num)
        if name is None:
            continue
        try:
            ignored = _signal.getsignal(num) == _signal.SIG_IGN
        except (OSError, ValueError):
            ignored = False
        what = []
        if num in blocked:
            what.append("BLOCK")
        if ignored:
            what.append("IGNORE")
        if what:
            lines.append("%-10s (%2d): %s\n" % (name, num, ",".join(what)))
    write_stderr("".join(lines))


def _all_signals():
    return [n for n in range(1, SIGNUM_BOUND + 1) if signame(n) is not None]


# -- the command line ----------------------------------------------------------

class _State:
    def __init__(self):
        self.ignore_env = False
        self.null = False
        self.unset = []
        self.chdir = None
        self.verbose = False
        self.actions = {}  # signal -> (ignore, explicit)
        self.block = set()
        self.unblock = set()
        self.list_signals = False


def _parse(argv, st):
    """getopt_long with "+" over argv, -S splicing its words in; returns
    the operands."""
    prog = argv[0]
    args = list(argv[1:])
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            i += 1
            break
        if a.startswith("--"):
            name, eq, val = a[2:].partition("=")
            o = SPEC._long(prog, name, a)
            shown = "--" + SPEC._longname(o, name)
            i += 1
            if o.arg:
                if eq:
                    pass
                elif o.optional:
                    val = None
                elif i < len(args):
                    val = args[i]
                    i += 1
                else:
                    raise Usage("option '%s' requires an argument" % shown, CANCELED)
            elif eq:
                raise Usage("option '%s' doesn't allow an argument" % shown, CANCELED)
            else:
                val = None
            pairs = [(o, val)]
        elif a.startswith("-") and a != "-":
            pairs = []
            i += 1
            j = 1
            while j < len(a):
                o = SPEC.shorts.get(a[j])
                if o is None:
                    raise Usage("invalid option -- '%s'" % a[j], CANCELED)
                j += 1
                if o.arg:
                    if j < len(a):
                        val = a[j:]
                    elif i < len(args):
                        val = args[i]
                        i += 1
                    else:
                        raise Usage("option requires an argument -- '%s'" % o.shorts[0], CANCELED)
                    pairs.append((o, val))
                    break
                pairs.append((o, None))
        else:
            break
        for o, val in pairs:
            if o.dest == "split_string":
                words, _ = split_string(val, posix.environ, st.verbose)
                if words:
                    debug(st.verbose, "split -S:  %s\n into:    %s\n%s" % (
                        quote(val), quote(words[0]), "".join("     &    %s\n" % quote(w) for w in words[1:])))
                args = words + args[i:]
                i = 0
            else:
                _option(o, val, st, prog)
    return args[i:]


def _option(o, val, st, prog):
    dest = o.dest
    if dest in ("help", "version"):
        SPEC._apply(_Dummy(prog), o, val, "")
    elif dest == "ignore_environment":
        st.ignore_env = True
    elif dest == "null":
        st.null = True
    elif dest == "unset":
        st.unset.append(val)
    elif dest == "chdir":
        st.chdir = val
    elif dest == "debug":
        st.verbose = True
    elif dest == "list_signal_handling":
        st.list_signals = True
    else:
        sigs = parse_signals(val, prog)
        explicit = sigs is not None
        if sigs is None:
            sigs = _all_signals()
        for num in sigs:
            if dest == "block_signal":
                st.block.add(num)
            else:
                st.actions[num] = (dest == "ignore_signal", explicit)
                if dest == "default_signal":
                    st.unblock.add(num)


class _Dummy:
    def __init__(self, prog):
        self.prog = prog
        self.given = []


def main(argv):
    st = _State()
    try:
        operands = _parse(argv, st)
    except Usage as e:
        e.status = CANCELED
        raise
    if operands[:1] == ["-"]:
        st.ignore_env = True
        operands = operands[1:]
    if st.ignore_env:
        debug(st.verbose, "cleaning environ\n")
        env = {}
    else:
        env = dict(posix.environ)
        for name in st.unset:
            debug(st.verbose, "unset:    %s\n" % name)
            if not name or "=" in name:
                raise Fail("cannot unset %s: Invalid argument" % quote(name), CANCELED)
            env.pop(_b(name), None)
    while operands and "=" in operands[0]:
        item = operands.pop(0)
        debug(st.verbose, "setenv:   %s\n" % item)
        k, _, v = _b(item).partition(b"=")
        env[k] = v
    if not operands:
        if st.chdir is not None:
            raise Usage("must specify command with --chdir (-C)", CANCELED)
        end = b"\0" if st.null else b"\n"
        stdout().write(b"".join(k + b"=" + v + end for k, v in env.items()))
        return 0
    if st.null:
        raise Usage("cannot specify --null (-0) with command", CANCELED)
    _undo_python_ignores()
    if st.actions or st.block or st.unblock:
        apply_signals(st.actions, st.block, st.unblock, st.verbose)
    if st.list_signals:
        list_signal_handling()
    if st.chdir is not None:
        debug(st.verbose, "chdir:    %s\n" % quotef(st.chdir, always=True))
        try:
            posix.chdir(_b(st.chdir))
        except (OSError, ValueError) as e:
            raise Fail("cannot change directory to %s: %s" % (quotef(st.chdir, always=True),
                                                            getattr(e, "strerror", None) or e), CANCELED)
    if st.verbose:
        write_stderr("executing: %s\n%s" % (operands[0], "".join(
            "   arg[%d]= %s\n" % (n, quote(a)) for n, a in enumerate(operands))))
    return execute(operands, env)


def _undo_python_ignores():
    """Python ignores SIGXFSZ (and pybox's runtime restores SIGPIPE);
    exec would keep that ignore, so put it back to the default first, as
    the command would have found it had env been a C program."""
    import _signal
    xfsz = getattr(_signal, "SIGXFSZ", None)
    if xfsz is not None and _signal.getsignal(xfsz) == _signal.SIG_IGN:
        _signal.signal(xfsz, _signal.SIG_DFL)


def _install_environ(env):
    """Make env (bytes -> bytes) this process's environment, in the C
    environ and in posix.environ (os.environ's data)."""
    cur = posix.environ
    for k in [k for k in cur if k not in env]:
        try:
            posix.unsetenv(k)
        except (OSError, ValueError):
            pass
        del cur[k]
    for k, v in env.items():
        if cur.get(k) != v:
            try:
                posix.putenv(k, v)
            except (OSError, ValueError):
                pass
            cur[k] = v


def execute(argv, env):
    """Replace this applet by the command argv (str items) with environment
    env: an applet runs here, anything else is exec'd.  Returns only a
    status: the applet's, or 126/127 when the command cannot run."""
    from multicall import process
    envl = {k: v for k, v in env.items() if k and b"=" not in k and b"\0" not in k + v}
    st = process.become(argv, envl, prepare=lambda: _install_environ(env))
    if st >= 0:
        return st
    err = -st
    write_stderr("%s: %s: %s\n" % ("env", quote(argv[0]), posix.strerror(err)))
    if err == 2 and any(c in argv[0] for c in _SPACE):
        write_stderr("env: use -[v]S to pass options in shebang lines\n")
    return ENOENT_STATUS if err == 2 else CANNOT_INVOKE

