"""The shell's command line and top-level loop: read the script (from -c,
a file, or standard input), parse one complete command at a time and run
it, turning every escaping condition into dash's message and status."""
import posix
import sys

from applets.shell.ash import evaluate as ev
from applets.shell.ash.evaluate import Break, CommandError, Return, Shell, ShellExit, _b, _s
from applets.shell.ash.expand import ExpandError
from applets.shell.ash.lexer import ShellSyntaxError


def _usage_error(msg):
    from multicall.errors import write_stderr
    write_stderr("sh: %s\n" % msg)
    return 2


def _deepen():
    """Let scripts recurse (a function calling itself thousands of times,
    deeply nested commands).  Since Python 3.11 a call between Python
    functions takes no C stack, only a heap frame, so the recursion limit
    can be high without touching RLIMIT_STACK, which every command the
    shell starts would inherit (`ulimit -s` would show it)."""
    limit = 300000
    try:
        import resource
        soft = resource.getrlimit(resource.RLIMIT_STACK)[0]
        if soft != resource.RLIM_INFINITY and soft < (1 << 20):
            limit = max(10000, soft // 4)
    except (ImportError, ValueError, OSError):
        pass
    sys.setrecursionlimit(limit)


def run(argv):
    if len(argv) == 2 and argv[1] in ("--help", "--version"):
        from applets.shell.ash import SPEC
        SPEC.parse(argv)
        return 0
    args = [_b(a) for a in argv[1:]]
    sets = []
    cmd_mode = False
    stdin_mode = False
    force_interactive = False
    i = 0
    while i < len(args):
        a = args[i]
        if a == b"--" or a == b"-":
            i += 1
            break
        if a[:1] not in (b"-", b"+") or len(a) < 2:
            break
        on = a[:1] == b"-"
        for ch in _s(a[1:]):
            if ch == "c" and on:
                cmd_mode = True
            elif ch == "s" and on:
                stdin_mode = True
            elif ch == "i" and on:
                force_interactive = True
            elif ch == "o":
                i += 1
                if i >= len(args):
                    return _usage_error("-o: option requires an argument")
                name = _s(args[i])
                if name not in ev.LONG_OPTIONS:
                    return _usage_error("Illegal option -o %s" % name)
                sets.append((name, on))
            elif ch in ev.OPTION_LETTERS:
                sets.append((ev.OPTION_LETTERS[ch], on))
            else:
                return _usage_error("Illegal option %s%s" % ("-" if on else "+", ch))
        i += 1
    rest = args[i:]
    arg0 = b"sh"
    if argv and argv[0]:
        arg0 = _b(argv[0]).rpartition(b"/")[2]
    src = None
    if cmd_mode:
        if not rest:
            return _usage_error("-c requires an argument")
        src = rest[0]
        if len(rest) > 1:
            arg0 = rest[1]
            params = rest[2:]
        else:
            params = []
    elif stdin_mode or not rest:
        params = rest
    else:
        arg0 = rest[0]
        params = rest[1:]
        try:
            src = _read_file(rest[0])
        except OSError as e:
            import errno
            reason = "No such file" if e.errno == errno.ENOENT else e.strerror
            from multicall.errors import write_stderr
            write_stderr("%s: 0: cannot open %s: %s\n" % (_s(_b(argv[0]).rpartition(b"/")[2]), _s(rest[0]), reason))
            return 127 if e.errno == errno.ENOENT else 2
    interactive = src is None and (force_interactive or posix.isatty(0) and posix.isatty(2))
    if src is None and not interactive:
        try:
            src = _read_fd(0)
        except OSError:
            src = b""
    import _signal
    _signal.signal(_signal.SIGINT, _signal.SIG_DFL)
    _deepen()
    sh = Shell(arg0)
    sh.positional = list(params)
    for name, on in sets:
        sh.opts[name] = on
    if force_interactive:
        sh.opts["interactive"] = True  # -i with -c or a file: $- shows it
    if interactive:
        return interact(sh)
    return toplevel(sh, src)


def _read_line(fd):
    """One line from a terminal (bytes, with its newline; b"" at end)."""
    out = bytearray()
    while True:
        try:
            b = posix.read(fd, 1)
        except InterruptedError:
            continue
        if not b:
            return bytes(out)
        out += b
        if b == b"\n":
            return bytes(out)


_MORE = ("end of file unexpected", "Unterminated quoted string", "Missing", "EOF in backquote")


def interact(sh):
    """A plain interactive loop for a terminal: prompts, continuation lines,
    errors that do not end the shell.  Line editing, history and job
    control are for a later layer; this reads whole lines from fd 0."""
    import _signal
    from applets.shell.ash.parser import parser_for
    sh.opts["interactive"] = True
    _signal.signal(_signal.SIGINT, _signal.default_int_handler)
    env = sh.vars.get(b"ENV")
    if env:
        from applets.shell.ash.builtins import b_dot
        try:
            b_dot(sh, [b".", env])
        except (CommandError, ShellExit, Return, Break, ExpandError) as e:
            if isinstance(e, (CommandError, ExpandError)):
                sh.err(e.msg)
    buf = b""
    st = 0
    lines = 1  # the line number of buf's first line (for messages and $LINENO)
    while True:
        try:
            prompt = sh.vars.get(b"PS2" if buf else b"PS1", b"")
            try:
                posix.write(2, prompt)
            except OSError:
                pass
            line = _read_line(0)
            at_eof = not line
            if at_eof:
                if not buf:
                    break
                line = b"\n"
            buf += line
            if line.endswith(b"\\\n") and not at_eof:
                continue  # a continued line
            p = parser_for(buf, sh.aliases, lines)
            nodes = []
            try:
                while True:
                    node = p.command()
                    if node is None:
                        break
                    nodes.append(node)
            except ShellSyntaxError as e:
                if e.msg.startswith(_MORE) and not at_eof:
                    continue
                sh.lineno = e.line or 1
                sh.err("Syntax error: %s" % e.msg)
                sh.status = 2
                lines += buf.count(b"\n")
                buf = b""
                continue
            lines += buf.count(b"\n")
            buf = b""
            for node in nodes:
                try:
                    sh.run_list(node)
                except (Break, Return):
                    pass
                except CommandError as e:
                    sh.err(e.msg)
                    sh.status = e.status
                except ExpandError as e:
                    sh.err(e.msg)
                    sh.status = e.status
                except RecursionError:
                    sh.err("nesting too deep")
                    sh.status = 2
        except ShellExit as e:
            st = e.status
            break
        except KeyboardInterrupt:
            buf = b""
            sh.status = 130
            try:
                posix.write(2, b"\n")
            except OSError:
                pass
        st = sh.status
    try:
        t = sh.run_exit_trap()
        if t is not None:
            st = t
    except (ShellExit, Return, Break):
        pass
    ev._flush_stdio()
    return st


def _read_fd(fd):
    chunks = []
    while True:
        try:
            b = posix.read(fd, 1 << 20)
        except InterruptedError:
            continue
        if not b:
            return b"".join(chunks)
        chunks.append(b)


def _read_file(name):
    fd = posix.open(name, posix.O_RDONLY | posix.O_CLOEXEC)
    try:
        return _read_fd(fd)
    finally:
        posix.close(fd)


def toplevel(sh, src):
    from applets.shell.ash.parser import parser_for
    p = parser_for(src, sh.aliases)
    st = 0
    try:
        while True:
            try:
                start = p.lex.pos
                node = p.command()
                if sh.opts["verbose"]:
                    text = p.lex.src[start:p.lex.pos]
                    posix.write(2, text if text.endswith(b"\n") else text + b"\n")
            except ShellSyntaxError as e:
                sh.lineno = e.line or p.lex.line
                sh.err("Syntax error: %s" % e.msg)
                st = 2
                break
            except RecursionError:
                sh.err("Syntax error: nested too deeply")
                st = 2
                break
            if node is None:
                st = sh.status
                break
            if sh.opts["noexec"]:
                continue
            try:
                sh.run_list(node)
            except (Break,):
                pass
            except Return as r:
                sh.status = r.status
                st = r.status
                break
            except CommandError as e:
                sh.err(e.msg)
                sh.status = e.status
                if e.fatal:
                    st = e.status
                    break
            except ExpandError as e:
                sh.err(e.msg)
                st = sh.status = e.status
                break
            except RecursionError:
                sh.err("nesting too deep")
                st = sh.status = 2
                break
        sh.status = st
    except ShellExit as e:
        st = sh.status = e.status
    except KeyboardInterrupt:
        st = 130
    try:
        t = sh.run_exit_trap()
        if t is not None:
            st = t
    except (ShellExit, Return, Break):
        pass
    except CommandError as e:
        sh.err(e.msg)
    ev._flush_stdio()
    return st
