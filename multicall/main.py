"""Dispatch: which applet runs, pybox's own options, and the one place where
errors become messages and exit statuses.

The applet is the basename of argv[0] (a leading `-`, as login shells get,
is stripped); any name ending in `box` takes it from argv[1] instead.  Only
`posix`, `sys` and the runtime's small modules are imported here, so that
`pybox true` costs no more than the interpreter's own start-up.
"""
import posix
import sys

from multicall.errors import Exit, Fail, Usage, WriteError, try_help, write_stderr
from multicall.registry import APPLETS

SIGPIPE_STATUS = 128 + 13


def main():
    """The launchers' entry point: run, flush, and leave the process."""
    import _signal
    if posix.environ.get(b"LC_CTYPE") == b"C.UTF-8":
        uncoerce_locale()
    # Die of SIGPIPE silently, as C tools do (Python ignores it by default).
    _signal.signal(_signal.SIGPIPE, _signal.SIG_DFL)
    try:
        status = dispatch(sys.argv)
    except KeyboardInterrupt:
        _signal.signal(_signal.SIGINT, _signal.SIG_DFL)
        posix.kill(posix.getpid(), _signal.SIGINT)
        status = 130
    # Skip interpreter teardown: everything the applet wrote is flushed.
    posix._exit(status & 0xFF)


def uncoerce_locale():
    """Undo Python's C-locale coercion (PEP 538): started with LC_CTYPE
    resolving to C or POSIX, the interpreter puts LC_CTYPE=C.UTF-8 into its
    own environment, which `env` would print, every command started from
    here would inherit, and the locale checks would take for a UTF-8
    locale.  The environment the process was started with is still in
    /proc/self/environ: LC_CTYPE goes back to what it was there."""
    try:
        fd = posix.open("/proc/self/environ", posix.O_RDONLY | posix.O_CLOEXEC)
    except OSError:
        return
    try:
        chunks = []
        while True:
            b = posix.read(fd, 65536)
            if not b:
                break
            chunks.append(b)
    except OSError:
        return
    finally:
        posix.close(fd)
    value = None
    for entry in b"".join(chunks).split(b"\0"):
        if entry.startswith(b"LC_CTYPE="):
            value = entry[9:]
            break
    if value == b"C.UTF-8":
        return
    osmod = sys.modules.get("os")
    if value is None:
        posix.unsetenv(b"LC_CTYPE")
        posix.environ.pop(b"LC_CTYPE", None)
        if osmod is not None:
            osmod.environ.pop("LC_CTYPE", None)
    else:
        posix.putenv(b"LC_CTYPE", value)
        posix.environ[b"LC_CTYPE"] = value
        if osmod is not None:
            osmod.environ["LC_CTYPE"] = value.decode("utf-8", "surrogateescape")


def applet_name(argv0):
    """The applet a program started as `argv0` should run."""
    return argv0.rpartition("/")[2].lstrip("-")


def dispatch(argv):
    """Run the applet argv names and return its exit status."""
    name = applet_name(argv[0]) if argv else "pybox"
    if name.endswith("box"):
        return box(name, argv)
    return run(name, argv)


def run(name, argv):
    """Run applet `name` in this process with argv (argv[0] is replaced by
    the bare name); the runtime service that sh, xargs, find, env ... use."""
    entry = APPLETS.get(name)
    if entry is None:
        write_stderr("%s: applet not found\n" % name)
        return 127
    modname = entry[0]
    __import__(modname)
    mod = sys.modules[modname]
    return call(name, mod.main, [name] + list(argv[1:]), getattr(mod, "TROUBLE", 1))


def call(name, func, argv, trouble=1):
    """Call an applet's main(argv) and turn whatever it raises into a
    one-line message and an exit status; flush its standard output."""
    # The output layer is imported only by applets that write through it, so
    # `true` never loads it: push a scope only if it is already loaded, and
    # pop whatever scope the applet's first stdout() created.
    stdio = sys.modules.get("multicall.stdio")
    if stdio is not None:
        stdio.push()
    status = _guarded(name, func, argv, trouble)
    stdio = sys.modules.get("multicall.stdio")
    try:
        if stdio is not None:
            stdio.pop()
    except BrokenPipeError:
        status = SIGPIPE_STATUS
    except Fail as e:
        write_stderr("%s: %s\n" % (name, e.message))
        status = trouble if isinstance(e, WriteError) else e.status
    return status


def _guarded(name, func, argv, trouble):
    try:
        status = func(argv)
        return 0 if status is None else status
    except Exit as e:
        return e.status
    except Usage as e:
        _flush_first()
        write_stderr("%s: %s\n%s" % (name, e.message, try_help(name)))
        return e.status
    except Fail as e:
        _flush_first()
        write_stderr("%s: %s\n" % (name, e.message))
        return trouble if isinstance(e, WriteError) else e.status
    except BrokenPipeError:
        return SIGPIPE_STATUS
    except KeyboardInterrupt:
        raise
    except OSError as e:
        from multicall.errors import quotef
        where = "%s: " % quotef(e.filename) if e.filename is not None else ""
        _flush_first()
        write_stderr("%s: %s%s\n" % (name, where, e.strerror or e))
        return trouble
    except RecursionError:
        write_stderr("%s: input nested too deeply\n" % name)
        return trouble
    except MemoryError:
        write_stderr("%s: memory exhausted\n" % name)
        return trouble
    except Exception as e:  # a bug: one line, never a traceback
        write_stderr("%s: internal error: %s: %s\n" % (name, type(e).__name__, e))
        return trouble


def _flush_first():
    """What the applet wrote goes out before its last message, as GNU's
    error() flushes stdout first (a failure to flush is not reported
    twice: the message being written says enough)."""
    stdio = sys.modules.get("multicall.stdio")
    if stdio is not None:
        try:
            stdio.flush_stdout()
        except (OSError, Fail):
            pass


# -- pybox's own command line -------------------------------------------------

_BANNER = """\
pybox %s: a multi-call userland in Python.
Usage: pybox [function [arguments]...]
   or: pybox --list[-full]
   or: pybox --install [-s] [DIR]
   or: pybox --help [function]
   or: pybox --version
   or: function [arguments]...

\tpybox is a multi-call program that combines many common Unix
\tutilities into a single executable.  Most people will create a
\tlink to pybox for each function they wish to use and pybox
\twill act like whatever it was invoked as.

Currently defined functions:
"""


def _out(text):
    from multicall import stdio
    stdio.stdout().write(text.encode("utf-8", "surrogateescape"))


def box(name, argv):
    """pybox's own options, or `pybox APPLET ARGS...`."""
    args = argv[1:]
    if not args:
        return call(name, lambda a: _out(_banner()), [name])
    first = args[0]
    if first == "--list":
        return call(name, lambda a: _out("".join(n + "\n" for n in sorted(APPLETS))), [name])
    if first == "--list-full":
        return call(name, lambda a: _out("".join("%s/%s\n" % (APPLETS[n][1], n) for n in sorted(APPLETS))), [name])
    if first == "--install":
        from multicall.install import install
        return call(name, install, [name] + args[1:])
    if first == "--help":
        if len(args) > 1:
            return run(args[1], [args[1], "--help"])
        return call(name, lambda a: _out(_banner()), [name])
    if first == "--version":
        from multicall import VERSION
        return call(name, lambda a: _out("pybox %s\n" % VERSION), [name])
    if first.startswith("-") and first != "-":
        return call(name, _bad_option, [name, first])
    return run(applet_name(first), args)


def _bad_option(argv):
    opt = argv[1]
    if opt.startswith("--"):
        raise Usage("unrecognized option '%s'" % opt)
    raise Usage("invalid option -- '%s'" % opt[1:2])


def _banner():
    from multicall import VERSION
    text = _BANNER % VERSION
    # Wrap the comma-separated list the way BusyBox does, under 80 columns.
    line, lines = "\t", []
    names = sorted(APPLETS)
    for i, n in enumerate(names):
        piece = n + ("," if i < len(names) - 1 else "")
        if len(line.expandtabs()) + len(piece) + 1 > 79 and line.strip():
            lines.append(line.rstrip())
            line = "\t"
        line += piece + " "
    lines.append(line.rstrip())
    return text + "\n".join(lines) + "\n"
