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
from applets.shell.ash.lexer import ShellSyntaxError

_FD_SAVE_BASE = 10


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
        self.traps = {}
        self.pending_sigs = []
        self.lineno = 0
        self.no_errexit = 0
        self.local_frames = []
        self.loop_depth = 0
        self.func_depth = 0
        self.is_child = False
        self.cmd_cache = {}
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
        """sh: LINE: msg, as dash words it."""
        text = b"%s: %d: %s\n" % (self.arg0, self.lineno, _b(msg))
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
        if name == b"PATH":
            self.cmd_cache.clear()

    def unsetvar(self, name):
        if name in self.readonly:
            raise CommandError("%s: is read only" % _s(name), 2, True)
        self.vars.pop(name, None)
        if name in self.exported:
            self.exported.discard(name)
            _unsetenv(name)
        if name == b"PATH":
            self.cmd_cache.clear()

    def export(self, name):
        self.exported.add(name)
        v = self.vars.get(name)
        if v is not None:
            _putenv(name, v)

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
            if self.opts.get(name) and letter not in "hb":
                out.append(letter)
        return _b("".join(out))

    def check_unset(self, name):
        if self.opts["nounset"] and name not in (b"@", b"*"):
            raise expand.ExpandError("%s: parameter not set" % _s(name))

    def glob_on(self):
        return not self.opts["noglob"]

    def chars(self, v):
        return v

    def unchars(self, v):
        return v

    def arith(self, text):
        if isinstance(text, bytes):
            text = text.decode("latin-1")

        def get(n):
            return self.getvar(n.encode("latin-1"))

        def set_(n, v):
            self.setvar(n.encode("latin-1"), b"%d" % v)

        try:
            return arith_eval(text, get, set_)
        except ArithError as e:
            msg = str(e)
            if msg.startswith("Illegal number"):
                raise expand.ExpandError(msg)
            raise expand.ExpandError('arithmetic expression: %s: "%s"' % (msg, text))
        except RecursionError:
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
        return status

    def run_andor(self, node):
        rest = node.rest
        if not rest:
            st = self.run_pipeline(node.first)
            if st and self.opts["errexit"] and not self.no_errexit and not node.first.negate:
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
                        finally:
                            self.no_errexit += 1
                        if st and self.opts["errexit"] and not self.no_errexit and not pl.negate:
                            raise ShellExit(st)
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
        pids = []
        prev = None
        for c in cmds:
            if type(c) is ast.Simple:
                self.warm(c)
        head = self.inproc_head(cmds[0])
        head_w = None
        _flush_stdio()
        try:
            start = 0
            if head is not None:
                prev, head_w = posix.pipe()
                start = 1
            for i in range(start, len(cmds)):
                c = cmds[i]
                last = i == len(cmds) - 1
                if not last:
                    r, w = posix.pipe()
                pid = posix.fork()
                if pid == 0:
                    self.become_child()
                    st = 1
                    try:
                        if head_w is not None:
                            posix.close(head_w)
                        if prev is not None:
                            posix.dup2(prev, 0)
                            posix.close(prev)
                        if not last:
                            posix.close(r)
                            posix.dup2(w, 1)
                            posix.close(w)
                        st = self.run_in_child(c)
                    finally:
                        self.child_exit(st)
                pids.append(pid)
                if prev is not None:
                    posix.close(prev)
                    prev = None
                if not last:
                    posix.close(w)
                    prev = r
            if head is not None:
                w, head_w = head_w, None
                head_status = self.run_head(head, w)
        finally:
            if prev is not None:
                posix.close(prev)
            if head_w is not None:
                posix.close(head_w)
        statuses = [self.wait_pid(p) for p in pids]
        if head is not None:
            statuses.insert(0, head_status)
        st = statuses[-1]
        if self.opts["pipefail"]:
            for s in statuses:
                if s:
                    st = s
        if node.negate:
            st = 0 if st else 1
        self.status = st
        return st

    def inproc_head(self, node):
        """(applet, argv) when a pipeline's first command is a safe applet
        whose words expand without side effects: it then runs in this
        process, writing into the pipe, after the readers are started."""
        if type(node) is not ast.Simple or node.assigns or node.redirs or not node.words:
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
        if app is None or not safe:
            return None
        for w in node.words:
            for p in w.parts:
                k = p[0]
                if k == "dq":
                    if any(q[0] != "lit" and not (q[0] == "param" and q[2] is None) for q in p[1]):
                        return None
                elif k == "param":
                    if p[2] is not None:
                        return None
                elif k not in ("lit", "sq"):
                    return None
        return app, node

    def run_head(self, head, w):
        """Run a pipeline's in-process first command with stdout on w."""
        import _signal
        app, node = head
        self.lineno = node.line
        saved = []
        old = _signal.signal(_signal.SIGPIPE, _signal.SIG_IGN)
        try:
            try:
                argv = expand.words(self, node.words)
            except expand.ExpandError as e:
                self.err(e.msg)
                return 2
            if self.opts["xtrace"]:
                self.trace(node, argv)
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
            _signal.signal(_signal.SIGPIPE, old)

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
            from multicall.registry import APPLETS
            __import__(APPLETS[app][0])

    def wait_pid(self, pid):
        from multicall import process
        while True:
            try:
                raw = posix.waitpid(pid, 0)[1]
                break
            except InterruptedError:
                continue
            except ChildProcessError:
                return 127
        return process.exit_code(raw)

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

    def child_exit(self, st):
        _flush_stdio()
        posix._exit(st & 0xFF)

    def run_in_child(self, node):
        """Run node as the last thing a child does; returns its status."""
        try:
            if type(node) is ast.Simple:
                return self.run_simple(node, last=True)
            return self.run(node)
        except ShellExit as e:
            self.run_exit_trap()
            return e.status
        except (Break, Return):
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
        self.run_exit_trap()
        return st

    def run_background(self, node):
        _flush_stdio()
        pid = posix.fork()
        if pid == 0:
            self.become_child()
            st = 1
            try:
                if not self.opts["monitor"]:
                    import _signal
                    _signal.signal(_signal.SIGINT, _signal.SIG_IGN)
                    _signal.signal(_signal.SIGQUIT, _signal.SIG_IGN)
                    try:
                        fd = posix.open("/dev/null", posix.O_RDONLY)
                        if fd != 0:
                            posix.dup2(fd, 0)
                            posix.close(fd)
                    except OSError:
                        pass
                st = self.run_in_child(node)
                self.run_exit_trap()
            finally:
                self.child_exit(st)
        self.lastbg = pid
        self.jobs.append(pid)
        self.status = 0
        return 0

    def run_group(self, node):
        if node.redirs:
            st = self.with_redirs(node.redirs, lambda: self.run_list(node.body))
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

    def run_if(self, node):
        if node.redirs:
            return self.with_redirs(node.redirs, lambda: self._if(node))
        return self._if(node)

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
        if node.redirs:
            return self.with_redirs(node.redirs, lambda: self._loop(node))
        return self._loop(node)

    def _loop(self, node):
        st = 0
        self.loop_depth += 1
        until = node.until
        try:
            while True:
                c = self.cond(node.cond)
                if (c == 0) == until:
                    break
                try:
                    st = self.run_list(node.body)
                except Break as e:
                    if type(e) is Continue:
                        if e.n > 1:
                            e.n -= 1
                            raise
                        continue
                    if e.n > 1:
                        e.n -= 1
                        raise
                    st = self.status
                    break
        finally:
            self.loop_depth -= 1
        self.status = st
        return st

    def run_for(self, node):
        if node.redirs:
            return self.with_redirs(node.redirs, lambda: self._for(node))
        return self._for(node)

    def _for(self, node):
        self.lineno = node.line
        items = list(self.positional) if node.words is None else expand.words(self, node.words)
        st = 0
        self.loop_depth += 1
        try:
            for it in items:
                self.setvar(node.var, it)
                try:
                    st = self.run_list(node.body)
                except Break as e:
                    if e.n > 1:
                        e.n -= 1
                        raise
                    if type(e) is Continue:
                        continue
                    st = self.status
                    break
        finally:
            self.loop_depth -= 1
        self.status = st
        return st

    def run_case(self, node):
        if node.redirs:
            return self.with_redirs(node.redirs, lambda: self._case(node))
        return self._case(node)

    def _case(self, node):
        from applets.shell.ash import pattern
        self.lineno = node.line
        word = expand.string(self, node.word)
        st = 0
        fall = False
        for pats, body, term in node.items:
            if not fall:
                for p in pats:
                    if pattern.match(expand.pattern_of(self, p.parts), word):
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
            argv = expand.words(self, node.words) if node.words else []
        except expand.ExpandError as e:
            self.err(e.msg)
            raise ShellExit(e.status)
        if not argv:
            return self.assign_only(node)
        if self.opts["xtrace"]:
            self.trace(node, argv)
        name = argv[0]
        builtins = _builtins()
        spec = builtins.SPECIAL.get(name)
        if name == b"exec" and node.redirs:
            saved = []
            try:
                for r in node.redirs:
                    self.redirect(r, saved)
            except CommandError as e:
                self.undo(saved)
                self.err(e.msg)
                raise ShellExit(e.status)
            for fd, copy in saved:
                if copy is not None and copy >= 0:
                    posix.close(copy)
            if len(argv) == 1:
                self.status = 0
                return 0
            node = ast.Simple(node.assigns, node.words, [], node.line)
        if spec is not None:
            if node.assigns:
                self.do_assigns(node.assigns)
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
        self.status_sub = None
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

    def do_assigns(self, assigns):
        tr = self.opts["xtrace"]
        for name, w in assigns:
            try:
                v = expand.assignment(self, w)
            except expand.ExpandError as e:
                self.err(e.msg)
                raise ShellExit(e.status)
            if tr:
                self.trace_line(name + b"=" + v)
            self.setvar(name, v)

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
            if name == b"PATH":
                self.cmd_cache.clear()

    def trace_line(self, text):
        ps4 = self.vars.get(b"PS4", b"+ ")
        try:
            posix.write(2, ps4 + text + b"\n")
        except OSError:
            pass

    def trace(self, node, argv):
        from applets.shell.ash.builtins import shell_quote
        self.trace_line(b" ".join(shell_quote(a) for a in argv))

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
                st = self.with_redirs(node.redirs, lambda: self.run(body))
            else:
                st = self.run(body)
        except Return as r:
            st = r.status
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
                    a = process.applet_for(sname)
            except (OSError, ValueError):
                a = None
            r = self.cmd_cache[name] = (a, a is not None and APPLETS[a][2])
        return r

    def run_command(self, argv, node, last):
        name = argv[0]
        app, safe = self.applet(name) if b"/" not in name else (None, False)
        env_changes = None
        if node.assigns:
            env_changes = [(n, expand.string(self, w)) for n, w in node.assigns]
        if app is not None and (safe or last):
            return self.run_applet_here(app, argv, node.redirs, env_changes)
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

    def run_applet_forked(self, app, argv, redirs, env_changes):
        """A pybox applet as a foreground command: in a forked child of
        this warm shell that sets up the redirections and calls its main."""
        from multicall.registry import APPLETS
        __import__(APPLETS[app][0])
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
            pid = process.spawn(argv, env=env)
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
        path = self.vars.get(b"PATH")
        err = execvp(argv, env, path=b"/bin:/usr/bin" if path is None else path)
        st = self.exec_failed(name, OSError(err, posix.strerror(err)))
        self.child_exit(st)

    # -- redirections -------------------------------------------------------
    def with_redirs(self, redirs, fn, keep_going=False):
        """Apply redirs, call fn(), undo them; fn's result."""
        saved = []
        try:
            for r in redirs:
                self.redirect(r, saved)
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
                try:
                    posix.fstat(src)
                except OSError:
                    raise CommandError("%d: Bad file descriptor" % src, 2)
                if src == fd:
                    return
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
        _flush_stdio()
        r, w = posix.pipe()
        pid = posix.fork()
        if pid == 0:
            self.become_child()
            st = 1
            try:
                posix.close(r)
                if w != 1:
                    posix.dup2(w, 1)
                    posix.close(w)
                st = self.run_in_child(node)
                self.run_exit_trap()
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
        return b"".join(chunks).rstrip(b"\n")

    # -- traps --------------------------------------------------------------
    def run_traps(self):
        sigs, self.pending_sigs = self.pending_sigs, []
        for sig in sigs:
            act = self.traps.get(sig)
            if act:
                self.run_trap_action(act)

    def run_trap_action(self, act):
        saved = self.status
        self.in_trap = True
        try:
            self.eval_string(act)
        finally:
            self.in_trap = False
        self.status = saved

    def run_exit_trap(self):
        act = self.traps.pop("EXIT", None)
        if act:
            try:
                self.run_trap_action(act)
            except ShellExit:
                pass

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
