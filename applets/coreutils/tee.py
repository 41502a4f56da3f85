"""tee: copy standard input to standard output and to each FILE.

Each chunk read is written at once to every output (tee does not buffer).
Write errors follow --output-error's MODE; by default an error on a pipe
ends tee (it dies of SIGPIPE as GNU's does) and others are reported while
the remaining outputs go on.  -i ignores SIGINT for the run.
"""
import posix

from multicall.errors import warn, warn_os
from multicall.options import Spec, choice, opt
from multicall.stdio import BUFSIZE

MODES = ("warn", "warn-nopipe", "exit", "exit-nopipe")

SPEC = Spec("[OPTION]... [FILE]...", "Copy standard input to each FILE, and also to standard output.",
            opt("-a, --append", "append to the given FILEs, do not overwrite"),
            opt("-i, --ignore-interrupts", "ignore interrupt signals"),
            opt("-p", "diagnose errors writing to non pipes", dest="output_error",
                kind="const", const="warn-nopipe"),
            opt("--output-error[=MODE]", "set behavior on write error.  See MODE below",
                type=choice(*MODES), const="warn-nopipe"),
            epilog="MODE determines behavior with write errors on the outputs:\n"
            "  warn           diagnose errors writing to any output\n"
            "  warn-nopipe    diagnose errors writing to any output not a pipe\n"
            "  exit           exit on error writing to any output\n"
            "  exit-nopipe    exit on error writing to any output not a pipe\n"
            "The default MODE for the -p option is 'warn-nopipe'.\n"
            "The default operation when --output-error is not specified, is to\n"
            "exit immediately on error writing to a pipe, and diagnose errors\n"
            "writing to non pipe outputs.")


def main(argv):
    import _signal
    opts = SPEC.parse(argv)
    mode = opts.output_error
    saved = []
    try:
        if opts.ignore_interrupts:
            saved.append((_signal.SIGINT, _signal.signal(_signal.SIGINT, _signal.SIG_IGN)))
        if mode is not None:
            saved.append((_signal.SIGPIPE, _signal.signal(_signal.SIGPIPE, _signal.SIG_IGN)))
        return tee(opts, mode)
    finally:
        for sig, handler in reversed(saved):
            _signal.signal(sig, handler)


def tee(opts, mode):
    prog = opts.prog
    flags = posix.O_WRONLY | posix.O_CREAT | posix.O_CLOEXEC
    flags |= posix.O_APPEND if opts.append else posix.O_TRUNC
    status = 0
    opened = []
    for name in opts.operands:
        try:
            opened.append((posix.open(name, flags, 0o666), name))
        except OSError as e:
            warn_os(prog, name, e)
            status = 1
    try:
        status |= copy_out(prog, [(1, "standard output")] + opened, mode)
    finally:
        for fd, name in opened:
            try:
                posix.close(fd)
            except OSError as e:
                warn_os(prog, name, e)
                status = 1
    return status


def copy_out(prog, outputs, mode):
    """Copy standard input to every output until EOF or none is left."""
    status = 0
    while outputs:
        try:
            data = posix.read(0, BUFSIZE)
        except OSError as e:
            warn(prog, "read error", e.strerror)
            return 1
        if not data:
            break
        for out in list(outputs):
            fd, name = out
            try:
                mv = memoryview(data)
                while mv:
                    mv = mv[posix.write(fd, mv):]
            except OSError as e:
                outputs.remove(out)
                pipe = isinstance(e, BrokenPipeError)
                if pipe and mode in ("warn-nopipe", "exit-nopipe"):
                    continue
                if pipe and mode is None:
                    raise
                warn_os(prog, name, e)
                status = 1
                if mode in ("exit", "exit-nopipe"):
                    return 1
    return status
