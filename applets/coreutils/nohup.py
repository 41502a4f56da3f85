"""nohup: run a command immune to hangups, its terminal output in a file.

As GNU's: standard input on a terminal is replaced by /dev/null opened for
writing (any read fails), terminal output is appended to nohup.out (or
$HOME/nohup.out), a terminal standard error follows standard output, and
SIGHUP is ignored; then the command replaces nohup (a pybox applet runs in
this very process, anything else is exec'd).  Status 125 for nohup's own
trouble (127 with POSIXLY_CORRECT), 126/127 when the command cannot run.
"""
import posix

from multicall.errors import quotef, warn, write_stderr
from multicall.options import Spec

SPEC = Spec(("COMMAND [ARG]...", "OPTION"), "Run COMMAND, ignoring hangup signals.",
            stop=True, status=125,
            epilog="If standard input is a terminal, redirect it from an unreadable file.\n"
            "If standard output is a terminal, append output to 'nohup.out' if possible,\n"
            "'$HOME/nohup.out' otherwise.\n"
            "If standard error is a terminal, redirect it to standard output.\n"
            "To save output to FILE, use 'nohup COMMAND > FILE'.")

TROUBLE = 125


def _isatty(fd):
    try:
        return posix.isatty(fd), 0
    except OSError as e:
        return False, e.errno


def _reopen(fd, path, flags, mode=0o600):
    """Open path onto descriptor fd (or a new one when fd is None)."""
    new = posix.open(path, flags, mode)
    if fd is None or new == fd:
        return new
    posix.dup2(new, fd)
    posix.close(new)
    return fd


def main(argv):
    prog = argv[0]
    internal = 127 if b"POSIXLY_CORRECT" in posix.environ else 125
    SPEC.status = internal
    opts = SPEC.parse(argv)
    if not opts.operands:
        from multicall.errors import Usage
        raise Usage("missing operand", internal)
    ignoring_input, _ = _isatty(0)
    redirecting_stdout, _ = _isatty(1)
    stdout_is_closed = False
    if not redirecting_stdout:
        try:
            posix.fstat(1)
        except OSError as e:
            stdout_is_closed = e.errno == 9
    redirecting_stderr, _ = _isatty(2)
    if ignoring_input:
        try:
            _reopen(0, "/dev/null", posix.O_WRONLY)
        except OSError as e:
            warn(prog, "failed to render standard input unusable: %s" % e.strerror)
            return internal
        if not redirecting_stdout and not redirecting_stderr:
            warn(prog, "ignoring input")
    out_fd = 1
    if redirecting_stdout or (redirecting_stderr and stdout_is_closed):
        name = b"nohup.out"
        flags = posix.O_CREAT | posix.O_WRONLY | posix.O_APPEND
        old_mask = posix.umask(0o177)
        target = 1 if redirecting_stdout else None
        try:
            out_fd = _reopen(target, name, flags)
        except OSError as e:
            home = posix.environ.get(b"HOME")
            err2 = None
            if home is not None:
                name = home.rstrip(b"/") + b"/nohup.out" if home.rstrip(b"/") else b"/nohup.out"
                try:
                    out_fd = _reopen(target, name, flags)
                    e = None
                except OSError as e2:
                    err2 = e2
            if e is not None:
                posix.umask(old_mask)
                warn(prog, "failed to open %s: %s" % (quotef("nohup.out", True), e.strerror))
                if err2 is not None:
                    warn(prog, "failed to open %s: %s" % (quotef(name, True), err2.strerror))
                return internal
        posix.umask(old_mask)
        warn(prog, ("ignoring input and appending output to %s" if ignoring_input
                    else "appending output to %s") % quotef(name, True))
    saved_stderr = 2
    if redirecting_stderr:
        try:
            saved_stderr = posix.dup(2)  # close-on-exec: only for our message
        except OSError:
            saved_stderr = -1
        if not redirecting_stdout:
            warn(prog, "ignoring input and redirecting stderr to stdout" if ignoring_input
                 else "redirecting stderr to stdout")
        try:
            posix.dup2(out_fd, 2)
        except OSError as e:
            warn(prog, "failed to redirect standard error: %s" % e.strerror)
            return internal
        if stdout_is_closed:
            posix.close(out_fd)
    import _signal as signal
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    from multicall import process
    status = process.become(list(opts.operands))
    if status >= 0:
        return status
    err = -status
    if saved_stderr >= 0:
        try:
            posix.dup2(saved_stderr, 2)
            write_stderr("%s: failed to run command %s: %s\n"
                         % (prog, quotef(opts.operands[0], True), posix.strerror(err)))
        except OSError:
            pass
    return 127 if err == 2 else 126
