"""The evaluator: runs the syntax tree.

Shell state (variables, functions, positional parameters, options, traps)
lives in one Shell object.  Control flow (break, continue, return, exit)
travels as Python exceptions.  Subshells, pipeline stages, command
substitutions and background jobs are forked children of this warm
interpreter; a pybox applet in such a child is called directly, and the
short applets marked safe in the registry run in this very process, with
their redirections applied to the descriptors and undone afterwards.
Other commands are started through multicall.process (posix_spawn), or
exec'd directly when the shell is a child that has nothing left to do.
"""
import posix
import sys

from applets.shell.ash import ast, expand
from applets.shell.ash.arith import ArithError, evaluate as arith_eval, wrap
from applets.shell.ash.arith import _Ctx as ArithContext, _compile as arith_compile
from applets.shell.ash.lexer import ShellSyntaxError

_FD_SAVE_BASE = 10
_CMD_VARS = frozenset((b"PATH", b"PYBOX_STANDALONE"))  # they change what a name runs


# Declaration utilities: their NAME=value operands expand like assignments
# (no field splitting or globbing), as in dash and ash.
_DECLARATIONS = frozenset((b"export", b"readonly", b"local"))

_COMPOUND = frozenset((ast.Group, ast.If, ast.Loop, ast.For, ast.Case))


def _compound_status(pl):
    """True when a pipeline is one compound command other than a subshell
    ({ }, if, for, while, until, case): its status came from commands that
    set -e already judged, so it is not judged again (POSIX 2.8.1 -e;
    dash: `{ false && :; }` does not exit, `f` whose last command failed
    does)."""
    return len(pl.cmds) == 1 and pl.cmds[0].__class__ in _COMPOUND



class ShellExit(Exception):
    def __init__(self, status):
        Exception.__init__(self, status)
        self.status = status


class Break(Exception):
    def __init__(self, n):
        Exception.__init__(self, n)
        self.n = n


class Continue(Break):
    pass


class Return(Exception):
    def __init__(self, status):
        Exception.__init__(self, status)
        self.status = status


class CommandError(Exception):
    """An error a builtin or redirection reports: status, and whether it
    ends a non-interactive shell (special builtins, expansion errors)."""

    def __init__(self, msg, status=1, fatal=False):
        Exception.__init__(self, msg)
        self.msg = msg
        self.status = status
        self.fatal = fatal


OPTION_LETTERS = {"e": "errexit", "f": "noglob", "u": "nounset", "x": "xtrace",
                  "v": "verbose", "n": "noexec", "a": "allexport", "C": "noclobber",
                  "b": "notify", "h": "hashall", "m": "monitor", "i": "interactive", "s": "stdin"}
LONG_OPTIONS = ("errexit", "noglob", "ignoreeof", "interactive", "monitor", "noexec", "stdin",
                "xtrace", "verbose", "vi", "emacs", "noclobber", "allexport", "notify",
                "nounset", "nolog", "debug", "hashall", "pipefail")


def _s(b):
    return b.decode("utf-8", "surrogateescape") if isinstance(b, bytes) else b


def _b(s):
    return s.encode("utf-8", "surrogateescape") if isinstance(s, str) else s


class Shell:
    def __init__(self, arg0=b"sh"):
        self.vars = {}
        self.exported = set()
        self.readonly = set()
        self.funcs = {}
        self.aliases = {}
        self.positional = []
        self.arg0 = arg0
        self.status = 0
        self.opts = dict.fromkeys(LONG_OPTIONS, False)
        self.opts["hashall"] = True
        self.lastbg = None
        self.jobs = []
        self.jobs_done = {}  # pid -> raw wait status of background jobs reaped early
        self.traps = {}
        self.pending_sigs = []
        self.lineno = 0
        self.no_errexit = 0
        self.local_frames = []
        self.loop_depth = 0
        self.func_depth = 0
        self.is_child = False
        self.cmd_cache = {}
        self.hashed = {}  # name -> [path found on PATH, stale since a cd]
        self.std_path = None  # the PATH of command -p while it runs
        self._actx = None  # the arithmetic context (variable access), made once
        self.warmed = {}  # applet module: forks warmed (2: its inner imports loaded)
        self.in_trap = False
        self.shell_pid = posix.getpid()
        self._dispatch = {ast.CmdList: self.run_list, ast.AndOr: self.run_andor,
                          ast.Pipeline: self.run_pipeline, ast.Simple: self.run_simple,
                          ast.Subshell: self.run_subshell, ast.Group: self.run_group,
                          ast.If: self.run_if, ast.Loop: self.run_loop, ast.For: self.run_for,
                          ast.Case: self.run_case, ast.FuncDef: self.run_funcdef,
                          ast.DBracket: self.run_dbracket}
        env = posix.environ
        for k, v in env.items():
            if _is_name(k):
                self.vars[k] = v
                self.exported.add(k)
        self.vars.setdefault(b"IFS", b" \t\n")
        # dash's default when the environment has none, not exported
        self.vars.setdefault(b"PATH", b"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
        self.vars.setdefault(b"PS1", b"# " if posix.geteuid() == 0 else b"$ ")
        self.vars.setdefault(b"PS2", b"> ")
        self.vars.setdefault(b"PS4", b"+ ")
        self.vars[b"PPID"] = b"%d" % posix.getppid()
        self.vars.setdefault(b"OPTIND", b"1")
        try:
            pwd = posix.getcwd()
            if self.vars.get(b"PWD") is None or _same_dir(self.vars[b"PWD"], pwd) is False:
                self.vars[b"PWD"] = _b(pwd) if isinstance(pwd, str) else pwd
        except OSError:
            pass

    # -- messages -----------------------------------------------------------
    def err(self, msg):
        """sh: LINE: msg, as dash words it (None: reported already)."""
        if msg is None:
            return
        self.err_plain(b"%s: %d: %s\n" % (self.arg0, self.lineno, _b(msg)))

    def err_plain(self, text):
        """text to stderr as it is, after what stdout holds."""
        _flush_stdio()
        try:
            posix.write(2, text)
        except OSError:
            pass

    def out(self, data):
        _flush_stdio()
        mv = memoryview(data)
        while mv:
            try:
                n = posix.write(1, mv)
            except InterruptedError:
                continue
            except OSError as e:
                raise CommandError("write error: %s" % e.strerror)
            mv = mv[n:]

    # -- variables ----------------------------------------------------------
    def getvar(self, name):
        if name == b"LINENO":
            return b"%d" % self.lineno
        if name == b"RANDOM":
            import random
            return b"%d" % random.randint(0, 32767)
        return self.vars.get(name)

    def setvar(self, name, value, export=False):
        if name in self.readonly:
            raise CommandError("%s: is read only" % _s(name), 2, True)
        self.vars[name] = value
        if export or self.opts["allexport"]:
            self.exported.add(name)
        if name in self.exported:
            _putenv(name, value)
        if name in _CMD_VARS:
            self.forget_commands()

    def unsetvar(self, name):
        if name in self.readonly:
            raise CommandError("%s: is read only" % _s(name), 2, True)
        self.vars.pop(name, None)
        if name in self.exported:
            self.exported.discard(name)
            _unsetenv(name)
        if name in _CMD_VARS:
            self.forget_commands()

    def export(self, name):
        self.exported.add(name)
        v = self.vars.get(name)
        if v is not None:
            _putenv(name, v)
        if name in _CMD_VARS:
            self.forget_commands()

    def param(self, name):
        c = name[0]
        if 48 <= c <= 57:
            i = int(name)
            if i == 0:
                return self.arg0
            return self.positional[i - 1] if i <= len(self.positional) else None
        if len(name) == 1:
            if c == 63:  # ?
                return b"%d" % self.status
            if c == 35:  # #
                return b"%d" % len(self.positional)
            if c == 36:  # $
                return b"%d" % self.shell_pid
            if c == 33:  # !
                return None if self.lastbg is None else b"%d" % self.lastbg
            if c == 45:  # -
                return self.flags()
            if c == 64 or c == 42:
                return b" ".join(self.positional)
        return self.getvar(name)

    def flags(self):
        out = []
        for letter, name in OPTION_LETTERS.items():
            if self.opts.get(name) and letter != "h":  # set -b shows, as in dash; hashall is always on
                out.append(letter)
        return _b("".join(out))

    def check_unset(self, name):
        if self.opts["nounset"] and name not in (b"@", b"*"):
            raise expand.ExpandError("%s: parameter not set" % _s(name))

    def glob_on(self):
        return not self.opts["noglob"]

    def utf8(self):
        """Is the shell's character-type locale UTF-8?  The first of the
        shell variables LC_ALL, LC_CTYPE, LANG that is set and not empty
        decides, by its name (`C.UTF-8`, `en_US.utf8`), as BusyBox does:
        assigning one in the script takes effect at once, as in bash."""
        v = self.vars
        for k in (b"LC_ALL", b"LC_CTYPE", b"LANG"):
            x = v.get(k)
            if x:
                return b"utf8" in x.lower().replace(b"-", b"")
        return False

    def chars(self, v):
        """v as a sequence of characters: ${#x} and ${x:off:len} count
        characters in a UTF-8 locale (an invalid byte is one, as in
        bash), bytes otherwise."""
        if v.isascii() or not self.utf8():
            return v
        return v.decode("utf-8", "surrogateescape")

    def unchars(self, v):
        return v.encode("utf-8", "surrogateescape") if type(v) is str else v

    def arith(self, text):
        if isinstance(text, bytes):
            text = text.decode("latin-1")
        if not text.strip():
            return self.arith_code(None, text)
        try:
            code = arith_compile(text)
        except (ArithError, RecursionError):
            return self.arith_code(None, text)
        return self.arith_code(code, text)

    def arith_code(self, code, text):
        """Run compiled arithmetic `code` (None: report text's error)."""
        ctx = self._actx
        if ctx is None:
            vars_ = self.vars

            def get(n):
                if n == "LINENO" or n == "RANDOM":
                    return self.getvar(n.encode("latin-1"))
                return vars_.get(n.encode("latin-1"))

            def set_(n, v):
                self.setvar(n.encode("latin-1"), b"%d" % v)
            ctx = self._actx = ArithContext(get, set_)
        try:
            if code is None:
                return arith_eval(text, ctx.get, ctx.set)
            return code(ctx)
        except ArithError as e:
            msg = str(e)
            if msg.startswith("Illegal number"):
                raise expand.ExpandError(msg)
            raise expand.ExpandError('arithmetic expression: %s: "%s"' % (msg, text))
        except RecursionError:
            if not _headroom(200):
                raise  # the shell's own nesting ran out, not the expression's
            raise expand.ExpandError('arithmetic expression: nested too deeply: "%s"' % text.strip())

    # -- running ------------------------------------------------------------
    def run(self, node):
        return self._dispatch[type(node)](node)

    def run_list(self, node):
        status = self.status
        for ao, bg in node.items:
            if bg:
                status = self.run_background(ao)
            else:
                status = self.run_andor(ao)
            if self.pending_sigs:
                self.run_traps()
            if self.jobs:
                self.reap_jobs()
        return status

    def reap_jobs(self):
        """Collect the background jobs that have ended, between commands as
        dash does, so that a loop starting jobs leaves no zombies behind;
        `wait PID` then finds the status in jobs_done (the last 1024)."""
        from multicall import process
        running = []
        done = self.jobs_done
        for pid in self.jobs:
            try:
                got, raw = posix.waitpid(pid, posix.WNOHANG)
            except ChildProcessError:
                continue
            except InterruptedError:
                got = 0
            if not got:
                running.append(pid)
                continue
            done[pid] = raw  # wait PID reports a signal as if it had reaped it
            if len(done) > 1024:
                del done[next(iter(done))]
        self.jobs = running

    def run_andor(self, node):
        rest = node.rest
        if not rest:
            pl = node.first
            if len(pl.cmds) == 1 and not pl.negate:  # run_pipeline's work, inline
                c = pl.cmds[0]
                st = self.status = self._dispatch[c.__class__](c)
            else:
                st = self.run_pipeline(pl)
            if st and self.opts["errexit"] and not self.no_errexit and not pl.negate \
                    and not _compound_status(pl):
                raise ShellExit(st)
            return st
        self.no_errexit += 1
        try:
            st = self.run_pipeline(node.first)
            last = len(rest) - 1
            for i, (op, pl) in enumerate(rest):
                if (st == 0) == (op == b"&&"):
                    if i == last:
                        self.no_errexit -= 1
                        try:
                            st = self.run_pipeline(pl)
                            # checked before no_errexit counts this list again
                            if st and self.opts["errexit"] and not self.no_errexit \
                                    and not pl.negate and not _compound_status(pl):
                                raise ShellExit(st)
                        finally:
                            self.no_errexit += 1
                    else:
                        st = self.run_pipeline(pl)
            return st
        finally:
            self.no_errexit -= 1

    def run_pipeline(self, node):
        cmds = node.cmds
        if len(cmds) == 1:
            if node.negate:
                self.no_errexit += 1
                try:
                    st = self.run(cmds[0])
                finally:
                    self.no_errexit -= 1
                st = 0 if st else 1
            else:
                st = self.run(cmds[0])
            self.status = st
            return st
        for c in cmds:
            if type(c) is ast.Simple:
                self.warm(c)
        here = self.pipeline_plan(cmds)
        n = len(cmds)
        lead = 0  # the in-process stages first, then the forked ones
        while lead < n - 1 and here[lead] is not None:
            lead += 1
        tail_here = here[n - 1] is not None
        forked = range(lead, n - 1 if tail_here else n)
        statuses = [None] * n
        pids = []
        prev = None  # the read end of the pipe into the next stage
        held = None  # the write end the last in-process lead stage writes to
        _flush_stdio()
        try:
            if lead and forked:
                prev, held = posix.pipe()
            for i in forked:  # started first: they run while this process works
                pid, prev = self.fork_stage(cmds[i], prev, i == n - 1, held)
                pids.append((i, pid))
            rd = None
            for i in range(lead):  # one after the other (see pipeline_plan)
                if i + 1 < lead or not forked:
                    nxt, w = posix.pipe()
                else:
                    nxt, w, held = None, held, None
                try:
                    statuses[i] = self.run_here(here[i], rd, w)
                except BaseException:
                    if nxt is not None:
                        posix.close(nxt)
                    raise
                rd = nxt
            if rd is not None:
                prev, rd = rd, None
            if tail_here:
                rd, prev = prev, None
                statuses[n - 1] = self.run_here(here[n - 1], rd, None)
        finally:
            if prev is not None:
                posix.close(prev)
            if held is not None:
                posix.close(held)
        for i, pid in pids:
            statuses[i] = self.wait_pid(pid)
        st = statuses[-1]
        if self.opts["pipefail"]:
            for s in statuses:
                if s:
                    st = s
        if node.negate:
            st = 0 if st else 1
        self.status = st
        return st

    def pipeline_plan(self, cmds):
        """Which stages run in this process: a list with (applet, node,
        argv or None) for those, None for the forked ones.  The first stage
        may when it is a safe applet (or echo, printf, test) whose words
        expand without side effects; so may the last, also when it is one
        of the stream filters of _TAIL_FILTERS.  When both do, the stages
        before the last run one after the other before it, so each must be
        known to write no more than a pipe holds (echo with short
        arguments, then cat, head, tr or wc reading standard input); the
        middle stages that qualify run here too, the others are forked."""
        n = len(cmds)
        here = [None] * n
        head = self.inproc_head(cmds[0])
        tail = self.inproc_head(cmds[-1], True)
        if head is not None:
            here[0] = head + (None,)
        if tail is None:
            return here
        if head is not None:
            try:
                argv = expand.words(self, head[1].words)
            except expand.ExpandError:
                argv = None  # run_here reports it and the stage writes nothing
            bound = 0 if argv is None else _out_bound(head[0], argv, None)
            if bound is None or bound > _PIPE_MIN:
                return here
            here[0] = head + (argv,)
            for i in range(1, n - 1):
                c = self.inproc_head(cmds[i], True)
                if c is None:
                    break
                try:
                    argv = expand.words(self, c[1].words)
                except expand.ExpandError:
                    break
                bound = _out_bound(c[0], argv, bound)
                if bound is None or bound > _PIPE_MIN:
                    break
                here[i] = c + (argv,)
        here[n - 1] = tail + (None,)
        return here

    def run_here(self, stage, rd, w):
        """Run an in-process pipeline stage with stdin on rd and stdout on
        w (each None: unchanged), closing them; its status."""
        import _signal
        app, node, argv = stage
        self.lineno = node.line
        saved = []
        old = _signal.signal(_signal.SIGPIPE, _signal.SIG_IGN)
        try:
            if argv is None:
                try:
                    argv = expand.words(self, node.words)
                except expand.ExpandError as e:
                    self.err(e.msg)
                    return 2
            if self.opts["xtrace"]:
                self.trace(node, argv)
            if rd is not None:
                self.save_fd(0, saved)
                posix.dup2(rd, 0)
                posix.close(rd)
                rd = None
            if w is not None:
                self.save_fd(1, saved)
                posix.dup2(w, 1)
                posix.close(w)
                w = None
            from multicall import main as mmain
            return mmain.run(app, _builtins()._strs(argv))
        finally:
            self.undo(saved)
            if w is not None:
                posix.close(w)
            if rd is not None:
                posix.close(rd)
            _signal.signal(_signal.SIGPIPE, old)

    def inproc_head(self, node, filters=False, redirs=False):
        """(applet, node) when a pipeline's stage is a safe applet (with
        filters, also one of _TAIL_FILTERS) whose words expand without side
        effects, so that it can run in this process (see pipeline_plan);
        with redirs, redirections to and from such words are allowed."""
        if type(node) is not ast.Simple or node.assigns or not node.words:
            return None
        if node.redirs:
            if not redirs:
                return None
            for r in node.redirs:
                if r.op in (b"<<", b"<<-") or not _pure_words((r.target,)):
                    return None
        name = node.words[0].literal()
        if name is None or name in self.funcs or b"/" in name:
            return None
        b = _builtins()
        if name in b.SPECIAL or (name in b.REGULAR and name not in (b"echo", b"printf", b"test", b"[")):
            return None
        app, safe = self.applet(name)
        if name in b.REGULAR:
            app, safe = name.decode(), True
        if app is None or not (safe or filters and app in _TAIL_FILTERS and self.filters_here()):
            return None
        return (app, node) if _pure_words(node.words) else None

    def warm(self, node):
        """Import the applet a command will run, before forking, so that
        every child starts with it loaded."""
        if not node.words:
            return
        name = node.words[0].literal()
        if name is None or name in self.funcs:
            return
        app = self.applet(name)[0] if b"/" not in name else None
        if app is not None:
            _warm_applet(app, self.warmed)

    def wait_pid(self, pid, report=True):
        """Wait for the child pid: its status, 128+N when signal N ended
        it, which dash and ash then name on stderr (`Terminated`, `Killed`,
        `Segmentation fault (core dumped)` ...), except for SIGINT and
        SIGPIPE, and except when `report` is false (wait with no operand)."""
        from multicall import process
        while True:
            try:
                raw = posix.waitpid(pid, 0)[1]
                break
            except InterruptedError:
                continue
            except ChildProcessError:
                return 127
        if report:
            self.report_signal(raw)
        return process.exit_code(raw)

    def report_signal(self, raw):
        """Name the signal that ended a child (raw wait status), if one did."""
        sig = raw & 0x7F
        if not sig or sig == 0x7F:
            return  # it exited (or stopped)
        import _signal
        if sig in (_signal.SIGINT, _signal.SIGPIPE):
            return
        try:
            text = _signal.strsignal(sig) or "Signal %d" % sig
        except ValueError:
            text = "Signal %d" % sig
        self.err_plain(_b(text) + (b" (core dumped)\n" if raw & 0x80 else b"\n"))

    def become_child(self):
        """In a freshly forked child: a subshell environment."""
        self.is_child = True
        import gc
        gc.freeze()
        if self.opts["interactive"]:
            import _signal
            _signal.signal(_signal.SIGINT, _signal.SIG_DFL)
            self.opts["interactive"] = False
        stdio = sys.modules.get("multicall.stdio")
        if stdio is not None:
            self._held = list(stdio._stack)
            del stdio._stack[:]
        # what `trap` lists inside $(...) until a trap is set there (ash)
        self.parent_traps = dict(self.traps) if self.traps else None
        self.in_cmdsub = False
        if self.traps:
            import _signal
            for sig, act in list(self.traps.items()):
                if act:
                    del self.traps[sig]
                    if sig != "EXIT":
                        try:
                            _signal.signal(_signal_number(sig), _signal.SIG_DFL)
                        except (ValueError, OSError):
                            pass
            self.traps.pop("EXIT", None)
        self.jobs = []
        self.jobs_done = {}

    def child_exit(self, st):
        _flush_stdio()
        posix._exit(st & 0xFF)

    def run_in_child(self, node):
        """Run node as the last thing a child does; returns its status.  A
        lone simple command (also as a one-command list, and-or list or
        pipeline: `sleep 10 &`, `(cmd)`) is run as the child's last: exec'd
        or its applet called here, without one more fork."""
        try:
            simple = _lone_simple(node)
            if simple is not None:
                if simple.__class__ is ast.Subshell:  # already in a child: no second fork
                    return self.with_redirs(simple.redirs, lambda: self.run_in_child(simple.body))
                return self.run_simple(simple, last=True)
            return self.run(node)
        except ShellExit as e:
            t = self.run_exit_trap()
            return e.status if t is None else t
        except Return as r:  # `return` outside a function leaves the subshell
            return r.status
        except Break:
            return self.status
        except CommandError as e:
            self.err(e.msg)
            return e.status
        except expand.ExpandError as e:
            self.err(e.msg)
            return e.status
        except ShellSyntaxError as e:
            self.lineno = e.line or self.lineno
            self.err("Syntax error: %s" % e.msg)
            return 2
        except RecursionError:
            self.err("nesting too deep")
            return 2
        except KeyboardInterrupt:
            return 130

    def run_subshell(self, node):
        _flush_stdio()
        pid = posix.fork()
        if pid == 0:
            self.become_child()
            st = 1
            try:
                self.lineno = node.line
                st = self.with_redirs(node.redirs, lambda: self.run_in_child_body(node.body))
            except CommandError as e:
                self.err(e.msg)
                st = e.status
            except expand.ExpandError as e:
                self.err(e.msg)
                st = e.status
            finally:
                self.child_exit(st)
        st = self.wait_pid(pid)
        self.status = st
        return st

    def run_in_child_body(self, body):
        st = self.run_in_child(body)
        t = self.run_exit_trap()
        return st if t is None else t

    def run_background(self, node):
        pl = node.first
        if not node.rest and len(pl.cmds) > 1 and not pl.negate:
            return self.run_background_pipeline(pl.cmds)
        _flush_stdio()
        pid = posix.fork()
        if pid == 0:
            self.become_child()
            st = 1
            try:
                self.async_child(True)
                st = self.run_in_child(node)
                t = self.run_exit_trap()
                st = st if t is None else t
            finally:
                self.child_exit(st)
        self.lastbg = pid
        self.jobs.append(pid)
        self.status = 0
        return 0

    def async_child(self, null_stdin):
        """In a child running a command with `&`, without job control
        (set -m off): SIGINT and SIGQUIT ignored, and standard input from
        /dev/null when `null_stdin` (not for a later pipeline stage)."""
        if self.opts["monitor"]:
            return
        import _signal
        _signal.signal(_signal.SIGINT, _signal.SIG_IGN)
        _signal.signal(_signal.SIGQUIT, _signal.SIG_IGN)
        if null_stdin:
            try:
                fd = posix.open("/dev/null", posix.O_RDONLY)
                if fd != 0:
                    posix.dup2(fd, 0)
                    posix.close(fd)
            except OSError:
                pass

    def fork_stage(self, c, prev, last, held=None, background=False):
        """Start pipeline stage c in a child that reads prev (None: this
        shell's input) and, unless it is the last, writes a new pipe;
        prev is closed here.  (pid, the pipe's read end or None).  held: a
        descriptor the child must not keep; a background stage is set up
        as an asynchronous command and runs its EXIT trap."""
        if not last:
            r, w = posix.pipe()
        pid = posix.fork()
        if pid == 0:
            self.become_child()
            st = 1
            try:
                if background:
                    self.async_child(prev is None)
                if held is not None:
                    posix.close(held)
                if prev is not None:
                    posix.dup2(prev, 0)
                    posix.close(prev)
                if not last:
                    posix.close(r)
                    posix.dup2(w, 1)
                    posix.close(w)
                st = self.run_in_child(c)
                if background:
                    t = self.run_exit_trap()
                    st = st if t is None else t
            finally:
                self.child_exit(st)
        if prev is not None:
            posix.close(prev)
        if last:
            return pid, None
        posix.close(w)
        return pid, r

    def run_background_pipeline(self, cmds):
        """cmd1 | cmd2 &: each stage a child of this shell, so that $! is
        the last one's process, as POSIX asks (a signal sent to $! reaches
        the last command, not a subshell around the pipeline)."""
        _flush_stdio()
        n = len(cmds)
        pids = []
        prev = None
        for i, c in enumerate(cmds):
            pid, prev = self.fork_stage(c, prev, i == n - 1, background=True)
            pids.append(pid)
        self.lastbg = pids[-1]
        self.jobs.extend(pids)
        self.status = 0
        return 0

    def run_group(self, node):
        if node.redirs:
            self.lineno = node.line
            st = self.with_redirs(node.redirs, lambda: self.run_list(node.body), True)
        else:
            st = self.run_list(node.body)
        self.status = st
        return st

    def cond(self, body):
        self.no_errexit += 1
        try:
            return self.run_list(body)
        finally:
            self.no_errexit -= 1

    def redirected(self, node, run):
        """run(node) for a compound command with its redirections applied
        (a failed one is reported with the command's line)."""
        self.lineno = node.line
        return self.with_redirs(node.redirs, lambda: run(node), True)

    def run_if(self, node):
        return self.redirected(node, self._if) if node.redirs else self._if(node)

    def _if(self, node):
        for cond, body in node.arms:
            if self.cond(cond) == 0:
                st = self.run_list(body)
                self.status = st
                return st
        if node.else_ is not None:
            st = self.run_list(node.else_)
        else:
            st = 0
        self.status = st
        return st

    def run_loop(self, node):
        return self.redirected(node, self._loop) if node.redirs else self._loop(node)

    def _loop(self, node):
        until = node.until
        cond = node.cond
        return self._repeat(lambda: (self.cond(cond) == 0) != until, node.body)

    def run_for(self, node):
        return self.redirected(node, self._for) if node.redirs else self._for(node)

    def _for(self, node):
        self.lineno = node.line
        items = list(self.positional) if node.words is None else expand.words(self, node.words)
        var = node.var
        it = iter(items)

        def another():
            for x in it:
                self.setvar(var, x)
                return True
            return False
        return self._repeat(another, node.body)

    def _repeat(self, another, body):
        """A loop: body while another() (the condition, or setting the
        variable to the next item) says so, break/continue N handled, in
        the body or in the condition itself; the loop's status."""
        st = 0
        self.loop_depth += 1
        try:
            while True:
                try:
                    if not another():
                        break
                    st = self.run_list(body)
                except Break as e:
                    if e.n > 1:
                        e.n -= 1
                        raise
                    if type(e) is Continue:
                        continue
                    st = 0  # the status of break itself (dash, ash)
                    break
        finally:
            self.loop_depth -= 1
        self.status = st
        return st

    def run_case(self, node):
        return self.redirected(node, self._case) if node.redirs else self._case(node)

    def _case(self, node):
        from applets.shell.ash import pattern
        self.lineno = node.line
        word = expand.string(self, node.word)
        st = 0
        fall = False
        for pats, body, term in node.items:
            if not fall:
                for p in pats:
                    if pattern.match(expand.pattern_of(self, p.parts), word,
                                     not word.isascii() and self.utf8()):
                        break
                else:
                    continue
            st = self.run_list(body) if body is not None else 0
            if term == b";&":
                fall = True
                continue
            break
        self.status = st
        return st

    def run_dbracket(self, node):
        from applets.shell.ash.dbracket import evaluate as dbe
        self.lineno = node.line
        try:
            if node.redirs:
                st = self.with_redirs(node.redirs, lambda: dbe(self, node.items))
            else:
                st = dbe(self, node.items)
        except CommandError as e:
            self.err(e.msg)
            st = e.status
        except expand.ExpandError as e:
            self.err(e.msg)
            raise ShellExit(e.status)
        self.status = st
        return st

    def run_funcdef(self, node):
        self.funcs[node.name] = node.body
        self.status = 0
        return 0

    # -- simple commands ----------------------------------------------------
    def run_simple(self, node, last=False):
        self.lineno = node.line
        self.status_sub = None
        try:
            ws = node.words
            if not ws:
                argv = []
            elif len(ws) > 1 and ws[0].raw in _DECLARATIONS:
                argv = expand.declaration(self, ws)
            else:
                argv = expand.words(self, ws)
        except expand.ExpandError as e:
            self.err(e.msg)
            raise ShellExit(e.status)
        if not argv:
            return self.assign_only(node)
        name = argv[0]
        builtins = _builtins()
        spec = builtins.SPECIAL.get(name)
        if self.opts["xtrace"]:
            if node.assigns and spec is None:
                # the prefix assignments go on the command's trace line (dash,
                # ash): expanded once here, then passed on as quoted words
                vals = self.prefix_values(node.assigns)
                node = ast.Simple([(n, _quoted_word(v)) for n, v in vals], node.words, node.redirs, node.line)
                self.trace_assigned(vals, argv)
            elif not node.assigns:
                self.trace(node, argv)  # (a special builtin's: once they are made)
        if node.redirs and (name == b"exec" or name == b"command" and argv[1:] == [b"exec"]):
            # exec's redirections stay; `command exec` keeps them too
            saved = []
            try:
                for r in node.redirs:
                    self.redirect(r, saved)
            except CommandError as e:
                self.undo(saved)
                self.err(e.msg)
                if name == b"command":  # not a special built-in's error
                    self.status = e.status
                    return e.status
                raise ShellExit(e.status)
            for fd, copy in saved:
                if copy is not None and copy >= 0:
                    posix.close(copy)
            if len(argv) == 1 or name == b"command":
                self.status = 0
                return 0
            node = ast.Simple(node.assigns, node.words, [], node.line)
        if spec is not None:
            if node.assigns:
                vals = self.do_assigns(node.assigns, False)
                if self.opts["xtrace"]:
                    self.trace_assigned(vals, argv)
                if name == b"exec" and len(argv) > 1 and not node.redirs:
                    # the command exec runs sees them exported (dash, ash)
                    env = dict(posix.environ)
                    for n, _ in node.assigns:
                        v = self.vars.get(n)
                        if v is not None:
                            env[n] = v
                    args = argv[2:] if argv[1] == b"--" else argv[1:]
                    if args:
                        _flush_stdio()
                        self.exec_(args, env)
            return self.run_builtin(spec, argv, node.redirs, True)
        fn = self.funcs.get(name)
        if fn is not None:
            return self.call_function(fn, argv, node)
        b = builtins.REGULAR.get(name)
        if b is not None:
            if node.assigns:
                saved = self.temp_assigns(node.assigns)
                try:
                    return self.run_builtin(b, argv, node.redirs, False)
                finally:
                    self.restore_assigns(saved)
            return self.run_builtin(b, argv, node.redirs, False)
        return self.run_command(argv, node, last)

    def assign_only(self, node):
        # status_sub: the last command substitution's status, from the words
        # (`$(false)` alone) or the assignments (reset by run_simple)
        try:
            if node.redirs:
                self.with_redirs(node.redirs, lambda: self.do_assigns(node.assigns))
            elif node.assigns:
                self.do_assigns(node.assigns)
        except CommandError as e:
            self.err(e.msg)
            if e.fatal:
                raise ShellExit(e.status)
            self.status = e.status
            return e.status
        st = self.status_sub or 0
        self.status = st
        return st

    def do_assigns(self, assigns, trace=True):
        """Make the assignments, in order; [(name, value)] when `trace` is
        false and set -x is on (the caller traces them), else None."""
        done = [] if self.opts["xtrace"] else None
        for name, w in assigns:
            try:
                v = expand.assignment(self, w)
            except expand.ExpandError as e:
                self.err(e.msg)
                raise ShellExit(e.status)
            if done is not None:
                done.append((name, v))
            self.setvar(name, v)
        if done and trace:
            self.trace_assigned(done, ())  # one line, as ash and dash
            return None
        return done

    def prefix_values(self, assigns):
        """A command's prefix assignments, each value expanded with the ones
        before it visible (A=1 B=$A cmd gives B=1, as in dash and ash)."""
        out = []
        saved = []
        vars_ = self.vars
        try:
            for n, w in assigns:
                v = expand.string(self, w)
                out.append((n, v))
                saved.append((n, vars_.get(n)))
                vars_[n] = v
        finally:
            for n, old in reversed(saved):
                if old is None:
                    vars_.pop(n, None)
                else:
                    vars_[n] = old
        return out

    def temp_assigns(self, assigns):
        saved = []
        for name, w in assigns:
            v = expand.assignment(self, w)
            saved.append((name, self.vars.get(name), name in self.exported))
            self.setvar(name, v)
            self.export(name)
        return saved

    def restore_assigns(self, saved):
        for name, old, was_exp in reversed(saved):
            if old is None:
                self.vars.pop(name, None)
                _unsetenv(name)
            else:
                self.vars[name] = old
                if was_exp:
                    _putenv(name, old)
                else:
                    _unsetenv(name)
            if not was_exp:
                self.exported.discard(name)
            if name in _CMD_VARS:
                self.forget_commands()

    def trace_line(self, text):
        ps4 = self.vars.get(b"PS4", b"+ ")
        try:
            posix.write(2, ps4 + text + b"\n")
        except OSError:
            pass

    def trace(self, node, argv):
        self.trace_line(b" ".join(map(_trace_quote, argv)))

    def trace_assigned(self, vals, argv):
        """set -x's line for assignments and the command they go with."""
        self.trace_line(b" ".join([n + b"=" + _trace_quote(v) for n, v in vals]
                                  + [_trace_quote(a) for a in argv]))

    def call_function(self, body, argv, node):
        saved_pos = self.positional
        saved = self.temp_assigns(node.assigns) if node.assigns else None
        self.positional = list(argv[1:])
        self.local_frames.append({})
        self.func_depth += 1
        try:
            if self.func_depth > 20000:
                raise CommandError("function nesting too deep", 2, True)
            if node.redirs:
                st = self.with_redirs(node.redirs, lambda: self.run(body), True)
            else:
                st = self.run(body)
        except Return as r:
            st = r.status
        except RecursionError:
            # out of interpreter stack in a deep recursion: one message,
            # as for the depth limit (the frames unwound make room for it)
            raise CommandError("function nesting too deep", 2, True)
        finally:
            self.func_depth -= 1
            self.positional = saved_pos
            frame = self.local_frames.pop()
            for name, (old, was_exp) in frame.items():
                if old is None:
                    self.vars.pop(name, None)
                    if name in self.exported:
                        _unsetenv(name)
                else:
                    self.vars[name] = old
                    if name in self.exported:
                        _putenv(name, old)
                if was_exp:
                    self.exported.add(name)
                else:
                    self.exported.discard(name)
            if saved:
                self.restore_assigns(saved)
        self.status = st
        return st

    def run_builtin(self, fn, argv, redirs, special):
        try:
            if redirs:
                st = self.with_redirs(redirs, lambda: fn(self, argv))
            else:
                st = fn(self, argv)
        except CommandError as e:
            self.err(e.msg)
            if special or e.fatal:
                raise ShellExit(e.status)
            st = e.status
        except expand.ExpandError as e:
            self.err(e.msg)
            raise ShellExit(e.status)
        self.status = st
        return st

    def search_dirs(self):
        """Where commands are searched: the shell's PATH, exported or not
        (unset is empty: the current directory), or command -p's."""
        if self.std_path is not None:
            return self.std_path
        return self.vars.get(b"PATH", b"")

    def with_std_path(self, fn):
        """fn() with commands searched along the standard PATH (command -p),
        the environment's PATH left as it is, as dash does."""
        saved = self.std_path, self.cmd_cache, self.hashed
        self.std_path = b"/usr/bin:/bin:/usr/sbin:/sbin"  # paths.h _PATH_STDPATH
        self.cmd_cache, self.hashed = {}, {}
        try:
            return fn()
        finally:
            self.std_path, self.cmd_cache, self.hashed = saved

    def forget_commands(self):
        """PATH or standalone mode changed: every lookup is made anew."""
        self.cmd_cache.clear()
        self.hashed.clear()

    def remember(self, name):
        """Record where PATH finds `name` (a command about to run, or hash
        NAME), for `hash` to list as dash and ash do; the path, or None
        (remembered too, so that an applet PATH lacks is not searched for
        at every run)."""
        h = self.hashed.get(name)
        if h is not None and not h[1]:
            return h[0]
        from multicall import process
        try:
            path = process.search_path(_s(name), path=self.search_dirs())
        except ValueError:
            path = None
        if path is not None:
            path = _b(path)
        self.hashed[name] = [path, False]
        return path

    def applet(self, name):
        """(applet name, safe in-process) when `name` runs as a pybox applet."""
        r = self.cmd_cache.get(name)
        if r is None:
            from multicall import process
            from multicall.registry import APPLETS
            a = None
            try:
                sname = _s(name)
                if sname in APPLETS:
                    a = process.applet_for(sname, path=self.search_dirs())
            except (OSError, ValueError):
                a = None
            r = self.cmd_cache[name] = (a, a is not None and APPLETS[a][2])
        return r

    def run_command(self, argv, node, last):
        name = argv[0]
        app, safe = self.applet(name) if b"/" not in name else (None, False)
        if b"/" not in name:
            h = self.hashed.get(name)
            if (h is None or h[1]) and (app is None or posix.environ.get(b"PYBOX_STANDALONE") != b"1"):
                self.remember(name)
        env_changes = None
        if node.assigns:
            if len(node.assigns) == 1:
                env_changes = [(n, expand.string(self, w)) for n, w in node.assigns]
            else:
                env_changes = self.prefix_values(node.assigns)
        if app is not None and (safe or last):
            return self.run_applet_here(app, argv, node.redirs, env_changes)
        if app in _TAIL_FILTERS and self.filters_here():
            return self.run_filter_here(app, argv, node.redirs, env_changes)
        if app is not None:
            return self.run_applet_forked(app, argv, node.redirs, env_changes)
        try:
            if node.redirs:
                return self.with_redirs(node.redirs, lambda: self.spawn(argv, env_changes, last), True)
            return self.spawn(argv, env_changes, last)
        except CommandError as e:
            self.err(e.msg)
            self.status = e.status
            return e.status

    def filters_here(self):
        """Whether the stream filters (_TAIL_FILTERS) may run in this
        process: not in an interactive shell, where a Ctrl-C must stop the
        command and not the shell, nor while a signal is trapped (a child
        would die of the signal, where this process would run the trap)."""
        if self.opts["interactive"]:
            return False
        for sig, act in self.traps.items():
            if act and sig != "EXIT":
                return False
        return True

    def run_filter_here(self, app, argv, redirs, env_changes):
        """A stream filter in this process: as run_applet_here, with SIGPIPE
        ignored so that a closed output ends the filter (status 141) and
        not the shell, as it would end a forked child."""
        import _signal
        old = _signal.signal(_signal.SIGPIPE, _signal.SIG_IGN)
        try:
            return self.run_applet_here(app, argv, redirs, env_changes)
        finally:
            _signal.signal(_signal.SIGPIPE, old)

    def run_applet_forked(self, app, argv, redirs, env_changes):
        """A pybox applet as a foreground command: in a forked child of
        this warm shell that sets up the redirections and calls its main."""
        _warm_applet(app, self.warmed)
        _flush_stdio()
        pid = posix.fork()
        if pid == 0:
            self.become_child()
            st = 1
            try:
                st = self.run_applet_here(app, argv, redirs, env_changes)
            except BaseException:
                pass
            finally:
                self.child_exit(st)
        st = self.wait_pid(pid)
        self.status = st
        return st

    def run_applet_here(self, app, argv, redirs, env_changes):
        from multicall import main as mmain
        sargv = [_s(a) for a in argv]
        saved = None
        if env_changes:
            saved = []
            for n, v in env_changes:
                saved.append((n, posix.environ.get(n)))
                _putenv(n, v)
        try:
            if redirs:
                st = self.with_redirs(redirs, lambda: mmain.run(app, sargv), True)
            else:
                st = mmain.run(app, sargv)
        except CommandError as e:
            self.err(e.msg)
            st = e.status
        finally:
            if saved:
                for n, v in saved:
                    if v is None:
                        _unsetenv(n)
                    else:
                        _putenv(n, v)
        self.status = st
        return st

    def spawn(self, argv, env_changes, last):
        from multicall import process
        env = None
        if env_changes:
            env = dict(posix.environ)
            for n, v in env_changes:
                env[n] = v
        _flush_stdio()
        if last and self.is_child:
            self.exec_(argv, env)  # does not return
        try:
            pid = process.spawn(argv, env=env, path=self.search_dirs())
        except OSError as e:
            return self.exec_failed(argv[0], e)
        st = self.wait_pid(pid)
        self.status = st
        return st

    def exec_failed(self, name, e):
        import errno
        if e.errno == errno.ENOENT:
            self.err("%s: not found" % _s(name))
            st = 127
        elif e.errno == errno.EACCES or e.errno == errno.EISDIR:
            self.err("%s: Permission denied" % _s(name))
            st = 126
        else:
            self.err("%s: %s" % (_s(name), e.strerror))
            st = 126
        self.status = st
        return st

    def exec_(self, argv, env=None):
        """Replace this process with argv (the exec builtin, and a child's
        last command); on failure report and leave with 126/127."""
        from multicall.process import execvp
        if env is None:
            env = posix.environ
        name = argv[0]
        err = execvp(argv, env, path=self.search_dirs())
        st = self.exec_failed(name, OSError(err, posix.strerror(err)))
        self.child_exit(st)

    # -- redirections -------------------------------------------------------
    def with_redirs(self, redirs, fn, keep_going=False):
        """Apply redirs, call fn(), undo them; fn's result.  A redirection
        that fails is reported at once, with those before it in effect
        (`cmd 2>/dev/null <missing` says nothing, as in dash); with
        keep_going (a command that is not a special builtin, a compound
        command) its status is the result and the shell goes on, else the
        error is raised again, already reported."""
        saved = []
        try:
            for r in redirs:
                try:
                    self.redirect(r, saved)
                except CommandError as e:
                    self.err(e.msg)
                    e.msg = None
                    if keep_going and not e.fatal:
                        self.status = e.status
                        if self.opts["errexit"] and not self.no_errexit:
                            raise ShellExit(e.status)  # also for { ...; } <missing
                        return e.status
                    raise
            return fn()
        finally:
            self.undo(saved)

    def redirect(self, r, saved):
        import errno
        fd = r.fd
        op = r.op
        if op in (b"<<", b"<<-"):
            body = expand.parts_string(self, r.target.body, True) if not r.target.quoted \
                else r.target.body[0][1]
            src = self.heredoc_fd(body)
        else:
            target = expand.string(self, r.target)
            if op in (b"<&", b">&"):
                if target == b"-":
                    self.save_fd(fd, saved)
                    try:
                        posix.close(fd)
                    except OSError:
                        pass
                    return
                if not target.isdigit():
                    if op == b">&" and fd == 1:  # >&file: both outputs (ash)
                        pass
                    raise CommandError("%s: Bad fd number" % _s(target), 2)
                src = int(target)
                if src == fd:  # 3>&3 leaves 3 as it is, open or not (dash, ash)
                    return
                try:
                    posix.fstat(src)
                except OSError:
                    raise CommandError("%d: Bad file descriptor" % src, 2)
                self.save_fd(fd, saved)
                posix.dup2(src, fd)
                return
            flags = {b"<": posix.O_RDONLY, b">": posix.O_WRONLY | posix.O_CREAT | posix.O_TRUNC,
                     b">|": posix.O_WRONLY | posix.O_CREAT | posix.O_TRUNC,
                     b">>": posix.O_WRONLY | posix.O_CREAT | posix.O_APPEND,
                     b"<>": posix.O_RDWR | posix.O_CREAT}[op]
            if op == b">" and self.opts["noclobber"]:
                try:
                    import stat
                    st = posix.stat(target)
                    if stat.S_ISREG(st.st_mode):
                        raise CommandError("cannot create %s: File exists" % _s(target), 2)
                except FileNotFoundError:
                    flags |= posix.O_EXCL
            try:
                src = posix.open(target, flags | posix.O_CLOEXEC, 0o666)
            except OSError as e:
                verb = "open" if op == b"<" else "create"
                reason = e.strerror
                if e.errno == errno.ENOENT:
                    reason = "No such file" if op == b"<" else "Directory nonexistent"
                raise CommandError("cannot %s %s: %s" % (verb, _s(target), reason), 2)
        if src == fd:
            posix.set_inheritable(fd, True)
            saved.append((fd, None))
            return
        self.save_fd(fd, saved)
        posix.dup2(src, fd)
        posix.close(src)

    def save_fd(self, fd, saved):
        try:
            import fcntl
            copy = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, _FD_SAVE_BASE)
        except OSError:
            copy = -1
        saved.append((fd, copy))

    def undo(self, saved):
        if fd_1_touched(saved):
            _flush_stdio()
        for fd, copy in reversed(saved):
            if copy is None:
                try:
                    posix.close(fd)
                except OSError:
                    pass
            elif copy < 0:
                try:
                    posix.close(fd)
                except OSError:
                    pass
            else:
                posix.dup2(copy, fd)
                posix.close(copy)

    def heredoc_fd(self, body):
        """A descriptor to read body from: a pipe when it fits, else an
        unlinked temporary file."""
        if len(body) <= 60000:
            r, w = posix.pipe()
            posix.set_inheritable(r, False)
            try:
                posix.write(w, body)
            finally:
                posix.close(w)
            return r
        import tempfile
        fd, path = tempfile.mkstemp(prefix="sh-here")
        posix.unlink(path)
        mv = memoryview(body)
        while mv:
            n = posix.write(fd, mv)
            mv = mv[n:]
        posix.lseek(fd, 0, 0)
        return fd

    # -- command substitution -----------------------------------------------
    def command_subst(self, node):
        out = self.subst_here(node)
        if out is not None:
            return out
        _flush_stdio()
        r, w = posix.pipe()
        pid = posix.fork()
        if pid == 0:
            self.become_child()
            self.in_cmdsub = True
            st = 1
            try:
                posix.close(r)
                if w != 1:
                    posix.dup2(w, 1)
                    posix.close(w)
                st = self.run_in_child(node)
                t = self.run_exit_trap()
                st = st if t is None else t
            finally:
                self.child_exit(st)
        posix.close(w)
        chunks = []
        try:
            while True:
                try:
                    b = posix.read(r, 65536)
                except InterruptedError:
                    continue
                if not b:
                    break
                chunks.append(b)
        finally:
            posix.close(r)
        self.status_sub = self.wait_pid(pid)
        return _subst_value(chunks)

    def subst_here(self, node):
        """$(cmd) without a fork when cmd is one command that could be a
        pipeline's in-process stage (a safe applet such as basename or
        printf, or a stream filter, with words free of side effects): its
        output goes to a memory file, read back; None otherwise (after
        warming the applets the child will run)."""
        node = _unwrap(node)
        if node is None:
            return None
        t = node.__class__
        if t is ast.Pipeline:
            for c in node.cmds:
                if c.__class__ is ast.Simple:
                    self.warm(c)
        if t is not ast.Simple:
            return None
        stage = self.inproc_head(node, True, True) if hasattr(posix, "memfd_create") else None
        if stage is None:
            self.warm(node)
            return None
        try:
            argv = expand.words(self, node.words)
        except expand.ExpandError:
            return None  # a child reports it
        saved_line, saved_status = self.lineno, self.status
        self.lineno = node.line
        if self.opts["xtrace"]:
            self.trace(node, argv)
        _flush_stdio()
        fd = posix.memfd_create("sh-subst", posix.MFD_CLOEXEC)
        try:
            saved = []
            self.save_fd(1, saved)
            try:
                posix.dup2(fd, 1)
                self.status_sub = self.run_filter_here(stage[0], argv, node.redirs, None)
            finally:
                self.undo(saved)
                self.lineno, self.status = saved_line, saved_status
            size = posix.lseek(fd, 0, 1)
            chunks = []
            while size > 0:
                b = posix.pread(fd, min(size, 1 << 24), sum(len(c) for c in chunks))
                if not b:
                    break
                chunks.append(b)
                size -= len(b)
        finally:
            posix.close(fd)
        return _subst_value(chunks)

    # -- traps --------------------------------------------------------------
    def run_traps(self):
        sigs, self.pending_sigs = self.pending_sigs, []
        for sig in sigs:
            act = self.traps.get(sig)
            if act:
                self.run_trap_action(act)

    def run_trap_action(self, act):
        saved = self.trap_status = self.status  # what a bare `exit` uses
        self.in_trap = True
        try:
            self.eval_string(act)
        finally:
            self.in_trap = False
        self.status = saved

    def run_exit_trap(self):
        """Run the EXIT trap once; the status of an `exit` it ran (which
        becomes the shell's), else None."""
        act = self.traps.pop("EXIT", None)
        if act:
            try:
                self.run_trap_action(act)
            except ShellExit as e:
                return e.status
        return None

    def eval_string(self, src, line=None):
        """Parse and run src command by command (eval, ., traps)."""
        from applets.shell.ash.parser import parser_for
        p = parser_for(src, self.aliases, line or self.lineno or 1)
        st = 0
        while True:
            try:
                c = p.command()
            except ShellSyntaxError as e:
                self.lineno = e.line or self.lineno
                raise CommandError("Syntax error: %s" % e.msg, 2, True)
            if c is None:
                break
            if self.opts["noexec"]:
                continue
            st = self.run_list(c)
        return st


# Stream filters: applets that only read standard input or their files and
# write standard output, and leave the process as they found it (no signal
# handler, locale, directory or environment change: sort sets the locale,
# tee may ignore SIGINT, tail -f never ends): in a script they run in the
# shell's process as plain commands, $(...) and the last stage of a
# pipeline, besides the registry's safe applets.  And the least a pipe
# holds (POSIX PIPE_BUF).
_TAIL_FILTERS = frozenset((
    "base64", "cat", "comm", "cut", "expand", "fold", "grep", "head", "md5sum", "nl", "od",
    "paste", "rev", "seq", "sha1sum", "sha224sum", "sha256sum", "sha384sum", "sha512sum",
    "tac", "tr", "unexpand", "uniq", "wc"))
_PIPE_MIN = 4096
_WC_LONG = frozenset((b"--bytes", b"--chars", b"--lines", b"--words", b"--max-line-length"))


def _unwrap(node):
    """What node amounts to: the command inside a list of one command, an
    and-or list without && or ||, or a pipeline of one command without !
    (repeatedly); None for a list or and-or list of more."""
    while True:
        t = node.__class__
        if t is ast.CmdList:
            if len(node.items) != 1 or node.items[0][1]:
                return None
            node = node.items[0][0]
        elif t is ast.AndOr:
            if node.rest:
                return None
            node = node.first
        elif t is ast.Pipeline and len(node.cmds) == 1 and not node.negate:
            node = node.cmds[0]
        else:
            return node


def _lone_simple(node):
    """The Simple command (or Subshell) node amounts to, or None."""
    node = _unwrap(node)
    return node if node is not None and node.__class__ in (ast.Simple, ast.Subshell) else None


def _pure_words(words):
    """Whether expanding words has no side effect (no $(...), $((...)) or
    ${x=...}): quoted and unquoted text and plain parameters only."""
    for w in words:
        for p in w.parts:
            k = p[0]
            if k == "dq":
                if any(q[0] != "lit" and not (q[0] == "param" and q[2] is None) for q in p[1]):
                    return False
            elif k == "param":
                if p[2] is not None:
                    return False
            elif k != "lit" and k != "sq":
                return False
    return True


def _out_bound(app, argv, bound):
    """At most how many bytes the in-process stage app argv writes when its
    standard input holds at most `bound` bytes (None: unknown); None when
    that cannot be told from its arguments."""
    args = argv[1:]
    if app == "echo":
        return sum(len(a) + 1 for a in args) + 1
    if bound is None:
        return None
    if app == "cat":
        return bound if all(a == b"-" or a == b"-u" for a in args) else None
    if app == "tr":
        return bound if not any(a[:2] == b"--" for a in args) else None
    if app == "wc":
        for a in args:
            if a not in _WC_LONG and not (a[:1] == b"-" and len(a) > 1
                                          and all(c in b"clmwL" for c in a[1:])):
                return None
        return 128  # at most five counts of a standard input
    if app == "head":
        i = 0
        while i < len(args):
            a = args[i]
            if a in (b"-n", b"-c") and i + 1 < len(args) and args[i + 1].isdigit():
                i += 2
                continue
            if not (a[:1] == b"-" and (a[1:].isdigit() or a[1:2] in (b"n", b"c") and a[2:].isdigit())):
                return None
            i += 1
        return bound
    return None


def _warm_applet(app, warmed=None):
    """Import, before a fork, the applet's module, what the redirections
    load when they first need it (fcntl is an extension module: loading it
    costs a child about a millisecond) and, from the applet's second fork
    on (a command run once is not made to load what it may not need), the
    pybox modules its functions import when they run (seq's, in the printf
    package, cost a child 5 ms): each child then finds them loaded instead
    of loading them again, every time."""
    from multicall.registry import APPLETS
    name = APPLETS[app][0]
    mod = sys.modules.get(name)
    if mod is None:
        __import__(name)
        mod = sys.modules[name]
    if "fcntl" not in sys.modules:
        import fcntl  # noqa: F401
        import compat.platform  # noqa: F401
    if warmed is not None:  # from the second fork on: a one-off run pays nothing more
        n = warmed.get(name, 0)
        if n < 2:
            warmed[name] = n + 1
            if n == 1:
                _import_inner(mod, set())


_OWN = ("applets.", "multicall.", "compat.")
# The standard library's modules an applet may load when it runs (sort's
# functools, heapq ...), less those with effects beyond defining names.
_STDLIB = frozenset(sys.stdlib_module_names) - frozenset((
    "readline", "curses", "tkinter", "turtle", "this", "antigravity", "webbrowser", "idlelib",
    "pdb", "code", "pydoc", "site", "__main__"))


def _import_inner(mod, seen):
    """Import the modules named by import statements inside mod's functions
    and methods: pybox's, and theirs recursively, and the standard
    library's (applets load those only when they run, to start fast; a
    shell that forks the applet again and again had better load them once,
    before forking)."""
    import opcode
    imp, ext = opcode.opmap["IMPORT_NAME"], opcode.opmap["EXTENDED_ARG"]
    todo = [mod]
    while todo:
        m = todo.pop()
        codes = []
        for v in list(vars(m).values()):
            if isinstance(v, type) and v.__module__ == m.__name__:
                codes.extend(f.__code__ for f in vars(v).values() if hasattr(f, "__code__"))
            elif hasattr(v, "__code__") and getattr(v, "__module__", None) == m.__name__:
                codes.append(v.__code__)
        while codes:
            co = codes.pop()
            codes.extend(c for c in co.co_consts if hasattr(c, "co_code"))
            raw = co.co_code
            arg = 0
            for i in range(0, len(raw), 2):
                op = raw[i]
                if op == ext:
                    arg = (arg | raw[i + 1]) << 8
                    continue
                if op == imp:
                    name = co.co_names[arg | raw[i + 1]]
                    if not name.startswith(_OWN):
                        if name not in seen and name.partition(".")[0] in _STDLIB:
                            seen.add(name)
                            try:
                                __import__(name)
                            except Exception:
                                pass
                    elif name not in seen:
                        seen.add(name)
                        if name not in sys.modules:
                            try:
                                __import__(name)
                            except Exception:
                                continue
                        sub = sys.modules.get(name)
                        if sub is not None:
                            todo.append(sub)
                arg = 0


def _headroom(n):
    """Can the interpreter go n calls deeper from here?"""
    try:
        return _dive(n)
    except RecursionError:
        return False


def _dive(n):
    return n == 0 or _dive(n - 1)


def _quoted_word(v):
    """A word that stands for the bytes v, with nothing left to expand."""
    from applets.shell.ash.lexer import Word
    return Word([("sq", v)], v, 0)


_TRACE_SAFE = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+,-./:@]^_")


_TRACE_KEYWORDS = frozenset((b"if", b"then", b"else", b"elif", b"fi", b"do", b"done", b"case", b"esac",
                             b"while", b"until", b"for", b"in", b"function"))  # quoted too (ash)


def _trace_quote(v):
    """A word as set -x shows it, quoted as ash quotes it: as it is when
    empty or made of safe bytes (and not a reserved word), else in single quotes, each run of single
    quotes put in double quotes ('it'"'"'s')."""
    if not v or (all(c in _TRACE_SAFE for c in v) and v not in _TRACE_KEYWORDS):
        return v
    out = [b"'"]
    i, n = 0, len(v)
    while i < n:
        j = v.find(b"'", i)
        if j < 0:
            out.append(v[i:])
            out.append(b"'")
            break
        k = j
        while k < n and v[k] == 0x27:
            k += 1
        out.append(v[i:j] + b"'\"" + v[j:k] + b"\"")
        i = k
        if i < n:
            out.append(b"'")
    return b"".join(out)


def _subst_value(chunks):
    """What $(...) stands for: its output without NUL bytes (a shell
    variable cannot hold one: dash and ash drop them) and without the
    trailing newlines."""
    out = b"".join(chunks)
    if b"\0" in out:
        out = out.replace(b"\0", b"")
    return out.rstrip(b"\n")


def _builtins():
    from applets.shell.ash import builtins
    global _builtins

    def _builtins():
        return builtins
    return builtins


def fd_1_touched(saved):
    for fd, _ in saved:
        if fd == 1:
            return True
    return False


def _same_dir(a, b):
    try:
        sa = posix.stat(a)
        sb = posix.stat(b)
        return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)
    except OSError:
        return False


def _is_name(k):
    from applets.shell.ash.parser import is_name
    return is_name(k)


def _putenv(name, value):
    try:
        posix.putenv(name, value)
        posix.environ[name] = value
    except (ValueError, OSError):
        pass


def _unsetenv(name):
    try:
        posix.unsetenv(name)
    except (ValueError, OSError):
        pass
    posix.environ.pop(name, None)


def _flush_stdio():
    stdio = sys.modules.get("multicall.stdio")
    if stdio is not None:
        try:
            stdio.flush_stdout()
        except Exception:
            pass


def _signal_number(name):
    from applets.shell.ash.builtins import signal_number
    return signal_number(name)
