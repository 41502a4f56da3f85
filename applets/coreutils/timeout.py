"""timeout: run a command and send it a signal if it runs too long.

As GNU's: timeout makes itself a process group leader (unless
--foreground) so that the signal reaches the command's whole group, sends
the signal again with SIGCONT, then KILL after --kill-after; it forwards
INT, QUIT, HUP and TERM it receives, and exits with the command's status,
124 on timeout, 125 for its own trouble, 126/127 when the command cannot
run, or dies of the command's signal.  The command starts through
multicall.process (a pybox applet in a warm fork).  Waiting costs nothing:
one poll() on the signal wakeup pipe until SIGCHLD, a forwarded signal or
the deadline.
"""
from multicall.errors import Fail, Usage, quote, write_stderr
from multicall.options import Spec, opt

EXIT_TIMEDOUT, EXIT_CANCELED, EXIT_CANNOT_INVOKE, EXIT_ENOENT = 124, 125, 126, 127
TROUBLE = EXIT_CANCELED

SPEC = Spec(("[OPTION] DURATION COMMAND [ARG]...", "[OPTION]"),
            "Start COMMAND, and kill it if still running after DURATION.\n\n"
            "Mandatory arguments to long options are mandatory for short options too.",
            opt("--preserve-status", "exit with the same status as COMMAND, even when the\n"
                "  command times out"),
            opt("--foreground", "when not running timeout directly from a shell prompt,\n"
                "  allow COMMAND to read from the TTY and get TTY signals;\n"
                "  in this mode, children of COMMAND will not be timed out"),
            opt("-k, --kill-after=DURATION", "also send a KILL signal if COMMAND is still running\n"
                "  this long after the initial signal was sent"),
            opt("-s, --signal=SIGNAL", "specify the signal to be sent on timeout;\n"
                "  SIGNAL may be a name like 'HUP' or a number;\n"
                "  see 'kill -l' for a list of signals"),
            opt("-v, --verbose", "diagnose to stderr any signal sent upon timeout"),
            stop=True, status=EXIT_CANCELED,
            epilog="DURATION is a floating point number with an optional suffix:\n"
            "'s' for seconds (the default), 'm' for minutes, 'h' for hours or 'd' for days.\n"
            "A duration of 0 disables the associated timeout.\n\n"
            "Upon timeout, send the TERM signal to COMMAND, if no other SIGNAL specified.\n"
            "The TERM signal kills any process that does not block or catch that signal.\n"
            "It may be necessary to use the KILL signal, since this signal can't be caught.\n\n"
            "EXIT status:\n"
            "  124  if COMMAND times out, and --preserve-status is not specified\n"
            "  125  if the timeout command itself fails\n"
            "  126  if COMMAND is found but cannot be invoked\n"
            "  127  if COMMAND cannot be found\n"
            "  137  if COMMAND (or timeout itself) is sent the KILL (9) signal (128+9)\n"
            "  -    the exit status of COMMAND otherwise")


def _duration(text):
    from multicall.numbers import duration
    d = duration(text)
    if d is None:
        raise Usage("invalid time interval %s" % quote(text), EXIT_CANCELED)
    return d


def _signame(num):
    from multicall.signals import name
    return name(num) or str(num)


class _Monitor:
    """The state of one run: the child, the signal to send, the timers."""

    def __init__(self, prog, command, term, kill_after, foreground, verbose):
        self.prog = prog
        self.command = command
        self.term = term
        self.kill_after = kill_after
        self.foreground = foreground
        self.verbose = verbose
        self.pid = None
        self.timed_out = False

    def send(self, where, sig):
        import posix
        import _signal as signal
        if where == 0 and sig not in (0, signal.SIGKILL, signal.SIGSTOP):
            # as GNU: ignore it here, or it would come back to us forever
            try:
                signal.signal(sig, signal.SIG_IGN)
            except (OSError, ValueError):
                pass
        try:
            posix.kill(where, sig)
        except OSError:
            pass

    def cleanup(self, sig):
        """GNU's cleanup(): pass sig on to the command (and its group)."""
        import _signal as signal
        if self.verbose:
            write_stderr("%s: sending signal %s to command %s\n"
                         % (self.prog, _signame(sig), quote(self.command)))
        self.send(self.pid, sig)
        if not self.foreground:
            self.send(0, sig)
            if sig not in (signal.SIGKILL, signal.SIGCONT):
                self.send(self.pid, signal.SIGCONT)
                self.send(0, signal.SIGCONT)


def _run(prog, opts, seconds, kill_after, term):
    import posix
    import select
    import _signal as signal
    import time
    from multicall import process

    command = opts.operands[1:]
    mon = _Monitor(prog, command[0], term, kill_after, opts.foreground, opts.verbose)
    if not opts.foreground:
        try:
            posix.setpgid(0, 0)
        except OSError:
            pass
    r, w = posix.pipe()
    posix.set_blocking(w, False)
    posix.set_blocking(r, False)
    watched = {signal.SIGCHLD, signal.SIGALRM, signal.SIGINT, signal.SIGQUIT, signal.SIGHUP,
               signal.SIGTERM}
    if term not in (0, signal.SIGKILL, signal.SIGSTOP):
        watched.add(term)
    old = {}
    old_fd = signal.set_wakeup_fd(w, warn_on_full_buffer=False)
    try:
        for sig in watched:
            old[sig] = signal.signal(sig, _noop)
        try:
            mon.pid = process.spawn(command)
        except OSError as e:
            status = EXIT_ENOENT if e.errno == 2 else EXIT_CANNOT_INVOKE
            write_stderr("%s: failed to run command %s: %s\n"
                         % (prog, quote(command[0]), e.strerror or e))
            return status
        deadline = time.monotonic() + seconds if 0 < seconds < 1e15 else None
        poller = select.poll()
        poller.register(r, select.POLLIN)
        raw = None
        while raw is None:
            got, raw = _reap(mon.pid)
            if got:
                break
            wait_ms = None
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    deadline = _expire(mon)
                    continue
                wait_ms = min(int(left * 1000) + 1, 1 << 30)
            try:
                poller.poll(wait_ms)
            except InterruptedError:
                pass
            try:
                data = posix.read(r, 256)
            except (BlockingIOError, InterruptedError):
                data = b""
            for sig in data:
                if sig in (signal.SIGCHLD, signal.SIGALRM):
                    continue
                if sig in watched:
                    # a signal for us: pass it on (GNU's cleanup), and
                    # start the kill-after timer as a timeout would
                    mon.cleanup(sig)
                    if mon.kill_after:
                        deadline = time.monotonic() + min(mon.kill_after, 1e15)
                        mon.term = signal.SIGKILL
                        mon.kill_after = 0
        return _status(mon, raw, opts.preserve_status)
    finally:
        signal.set_wakeup_fd(old_fd)
        for sig, h in old.items():
            try:
                if signal.getsignal(sig) is _noop:
                    signal.signal(sig, h if h is not None else signal.SIG_DFL)
            except (OSError, ValueError):
                pass
        posix.close(r)
        posix.close(w)


def _noop(signum, frame):
    pass


def _reap(pid):
    import posix
    try:
        got, raw = posix.waitpid(pid, posix.WNOHANG)
    except ChildProcessError:
        return True, 0
    return (got == pid), (raw if got == pid else None)


def _expire(mon):
    """The deadline passed: signal the command; the next deadline."""
    import _signal as signal
    import time
    mon.timed_out = True
    sig = mon.term
    mon.cleanup(sig)
    if mon.kill_after:
        mon.term = signal.SIGKILL
        after = mon.kill_after
        mon.kill_after = 0
        return time.monotonic() + after if after < 1e15 else None
    return None


def _status(mon, raw, preserve):
    import posix
    preserve_status = preserve
    if posix.WIFEXITED(raw):
        status = posix.WEXITSTATUS(raw)
    elif posix.WIFSIGNALED(raw):
        sig = posix.WTERMSIG(raw)
        if posix.WCOREDUMP(raw):
            write_stderr("%s: the monitored command dumped core\n" % mon.prog)
        if not mon.timed_out and _no_core():
            _die_of(sig)  # exit with the signal the command received
        if mon.timed_out and sig == 9:
            preserve_status = True
        status = 128 + sig
    else:
        write_stderr("%s: unknown status from command (%d)\n" % (mon.prog, raw))
        status = 1
    if mon.timed_out and not preserve_status:
        status = EXIT_TIMEDOUT
    return status


def _no_core():
    try:
        import resource
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        return True
    except (ImportError, OSError, ValueError):
        return False


def _die_of(sig):
    import posix
    import _signal as signal
    from multicall.stdio import flush_stdout
    try:
        flush_stdout()
    except Exception:
        pass
    try:
        signal.signal(sig, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {sig})
        posix.kill(posix.getpid(), sig)
    except (OSError, ValueError):
        pass


def main(argv):
    opts = SPEC.parse(argv)
    prog = argv[0]
    if len(opts.operands) < 2:
        from multicall.errors import try_help
        write_stderr(try_help(prog))
        return EXIT_CANCELED
    term = 15
    if opts.signal is not None:
        from multicall.signals import operand
        term = operand(opts.signal)
        if term < 0:
            raise Usage("%s: invalid signal" % quote(opts.signal), EXIT_CANCELED)
    kill_after = _duration(opts.kill_after) if opts.kill_after is not None else 0
    seconds = _duration(opts.operands[0])
    if seconds != seconds:
        raise Fail("invalid time interval %s" % quote(opts.operands[0]), EXIT_CANCELED)
    return _run(prog, opts, seconds, kill_after, term)
