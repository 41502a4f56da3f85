"""-exec, -execdir, -ok and -okdir.

Commands run through multicall.process (fork, and exec unless the command
is a pybox applet, which then runs in the forked child without a new
interpreter).  `COMMAND ... {} ;` runs once per file, with every `{}` in
every argument replaced; `COMMAND ... {} +` collects files and runs when
the arguments would pass GNU's limit (128 KiB of argument text, or less
if ARG_MAX minus the environment and 2 KiB of headroom is smaller), and at
the end.  -execdir and -okdir run in the file's directory (the child
changes into the directory's descriptor, so paths longer than PATH_MAX
work) with `./NAME`; their `+` batches are per directory and run when the
walk changes depth, as in GNU find.  -ok and -okdir ask on standard error
(`< CMD ... FILE > ? `) and read the answer from standard input; their
command gets /dev/null as standard input.
"""
import os

from multicall.errors import quote

ARG_SIZE = 128 * 1024  # findutils' bc_use_sensible_arg_max
HEADROOM = 2048


def arg_max():
    try:
        limit = os.sysconf("SC_ARG_MAX")
    except (ValueError, OSError):
        limit = 131072
    if limit <= 0:
        limit = 1 << 62
    env = sum(len(k) + len(v) + 2 for k, v in os.environb.items())
    limit -= env + HEADROOM
    return max(4096, min(ARG_SIZE, limit))


class Exec:
    """One -exec family action."""

    def __init__(self, state, action, args, multiple):
        self.state = state
        self.action = action  # "-exec", "-execdir", "-ok", "-okdir"
        self.local = action in ("-execdir", "-okdir")
        self.ask = action in ("-ok", "-okdir")
        self.args = [a.encode("utf-8", "surrogateescape") for a in args]
        self.multiple = multiple
        self.arg_max = arg_max()
        if multiple:
            self.initial = self.args[:-1]  # without the {}
            self.initial_chars = sum(len(a) + 1 for a in self.initial)
        self.pending = []
        self.pending_chars = 0
        self.pending_dir = None  # (dir_fd duplicate or path) of an -execdir batch

    # -- per entry ----------------------------------------------------------

    def __call__(self, e):
        if self.local:
            if e.depth == 0:
                from applets.findutils.find.printf import base_name, mdir_name
                base = base_name(e.path)
                target = base if base[:1] == b"/" else b"./" + base
                where = mdir_name(e.path) if b"/" in e.path else b"."
            else:
                target = b"./" + e.name
                where = e.dir_fd
        else:
            target = e.path
            where = None
        if self.multiple:
            return self.push(target, where)
        if self.ask and not self.confirm(e.path):
            return False
        argv = [a.replace(b"{}", target) if b"{}" in a else a for a in self.args]
        if sum(len(a) + 1 for a in argv) > self.arg_max:
            from multicall.errors import Fail
            raise Fail("command too long")
        raw = self.launch(argv, where)
        return raw is not None and (raw & 0x7F) == 0 and (raw >> 8) & 0xFF == 0

    def push(self, target, where):
        size = len(target) + 1
        if self.pending and (self.initial_chars + self.pending_chars + size > self.arg_max):
            self.flush()
        if self.initial_chars + size > self.arg_max:
            from multicall.errors import Fail
            raise Fail("cannot fit single argument within argument list size limit")
        if not self.pending and self.local:
            self.pending_dir = os.dup(where) if isinstance(where, int) else where
            self.state.execdir_pending = True
        self.pending.append(target)
        self.pending_chars += size
        return True

    def flush(self):
        """Run the pending `+` batch, if any."""
        if not self.pending:
            return
        argv = self.initial + self.pending
        where = self.pending_dir
        self.pending = []
        self.pending_chars = 0
        self.pending_dir = None
        try:
            raw = self.launch(argv, where)
        finally:
            if isinstance(where, int):
                os.close(where)
        if raw is None or raw != 0:
            self.state.status = 1

    # -- running ---------------------------------------------------------------

    def confirm(self, path):
        """-ok's question; True for an answer starting with y or Y."""
        from multicall.stdio import flush_stdout
        from multicall.errors import write_stderr
        flush_stdout()
        write_stderr("< %s ... %s > ? " % (self.args[0].decode("utf-8", "surrogateescape"),
                                           path.decode("utf-8", "surrogateescape")))
        line = self.state.read_answer()
        return line[:1] in (b"y", b"Y")

    def launch(self, argv, where):
        """Run argv in `where` (None: find's own directory; a path or a
        directory descriptor); the raw wait status, or None when the
        command could not be run (reported)."""
        from multicall import process
        from multicall.stdio import flush_stdout
        state = self.state
        flush_stdout()
        for out in state.outputs.values():
            out.flush_quietly()
        stdin = None
        devnull = None
        if self.ask:
            devnull = stdin = os.open("/dev/null", os.O_RDONLY | os.O_CLOEXEC)
        try:
            cwd = None
            if isinstance(where, int):
                # the child changes into the descriptor; as a /proc path the
                # runtime can also look up relative commands from there
                cwd = "/proc/self/fd/%d" % where if os.path.isdir("/proc/self/fd") else where
            elif where is not None:
                cwd = os.fsdecode(where)
            try:
                pid = process.spawn([os.fsdecode(a) for a in argv], cwd=cwd, stdin=stdin)
            except OSError as err:
                name = err.filename if err.filename is not None else argv[0]
                state.warn("%s: %s" % (quote(name), err.strerror or str(err)))
                return 256  # the child would have exited 1
            raw = process.wait(pid)
        finally:
            if devnull is not None:
                os.close(devnull)
        if raw & 0x7F and (raw & 0x7F) != 0x7F:
            state.warn("%s terminated by signal %d" % (quote(argv[0]), raw & 0x7F))
            if self.multiple:
                state.status = 1
            return raw
        return raw
