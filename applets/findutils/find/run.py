"""find's driver: outputs, start points, the walk, and the end of the run."""
import os
import posix

from multicall.errors import Fail, WriteError, quote
from multicall.walk import ERROR, FILE, LOOP, POST, PRE, Walker

from applets.findutils.find.cli import Parser, compile_tree, leading_options, looks_like_expression
from applets.findutils.find.state import Quit, State


class Output:
    """A file that -fprint, -fprint0, -fprintf or -fls write to."""

    def __init__(self, state, name, writer, tty, raw_fd=None):
        self.state = state
        self.name = name
        self.writer = writer
        self.tty = tty
        self.raw_fd = raw_fd
        self.failed = False

    def write(self, data):
        try:
            self.writer.write(data)
        except BrokenPipeError:
            raise
        except (OSError, WriteError) as e:
            self._failed(e)

    def flush(self):
        try:
            self.writer.flush()
        except BrokenPipeError:
            raise
        except (OSError, WriteError) as e:
            self._failed(e)

    def flush_quietly(self):
        try:
            self.writer.flush()
        except (OSError, WriteError):
            pass

    def _failed(self, e):
        if not self.failed:
            self.failed = True
            self.state.file_error(self.name, e)

    def close(self):
        self.flush()
        if self.raw_fd is not None:
            try:
                self.writer.close()
            except OSError as e:
                self._failed(e)


class _ClosedStdout:
    """Standard output when descriptor 1 is not open: writes vanish, the
    final flush fails with EBADF."""

    def write(self, data):
        return len(data)

    def flush(self):
        raise OSError(9, "Bad file descriptor")


class _Stderr:
    """Unbuffered standard error, as a writer."""

    def write(self, data):
        from multicall.stdio import write_all
        write_all(2, data)

    def flush(self):
        pass


class Outputs:
    """Standard output and the files named by -fprint and friends (one
    stream per file, shared by every action naming it, as GNU does)."""

    def __init__(self, state):
        self.state = state
        self._stdout = None
        self.files = state.outputs

    def stdout(self):
        if self._stdout is None:
            from multicall.stdio import stdout
            try:
                w = stdout()
            except Fail:
                w = _ClosedStdout()  # reported at the end, as GNU does
            try:
                tty = posix.isatty(1)
            except OSError:
                tty = False
            self._stdout = Output(self.state, "standard output", w, tty)
            self._stdout.write = w.write  # the hot path: no wrapper
        return self._stdout

    def print_action(self):
        from applets.findutils.find import preds
        out = self.stdout()
        return preds.print_action(out, b"\n", out.tty, self.state.utf8)

    def open(self, name):
        if name == "/dev/stdout":
            return self.stdout()
        if name == "/dev/stderr":
            return Output(self.state, "standard error", _Stderr(), posix.isatty(2))
        path = name.encode("utf-8", "surrogateescape")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
        except OSError as e:
            raise Fail("%s: %s" % (quote(name), e.strerror)) from None
        st = os.fstat(fd)
        key = (st.st_dev, st.st_ino)
        old = self.files.get(key)
        if old is not None:
            os.close(fd)
            return old
        import _io
        out = Output(self.state, name, _io.open(fd, "wb", buffering=65536), posix.isatty(fd), fd)
        self.files[key] = out
        return out


def find(argv):
    import sys
    old = sys.getrecursionlimit()
    # parentheses and `!` nest by recursion in GNU's parser and here; a few
    # thousand deep is still fine for Python 3.11's frames
    sys.setrecursionlimit(max(old, 20000))
    try:
        return _find(argv)
    finally:
        sys.setrecursionlimit(old)


def _find(argv):
    if b"FIND_BLOCK_SIZE" in posix.environ:
        raise Fail("The environment variable FIND_BLOCK_SIZE is not supported, the only thing that affects "
                   "the block size is the POSIXLY_CORRECT environment variable")
    state = State()
    i = leading_options(state, argv)
    j = i
    n = len(argv)
    while j < n and not looks_like_expression(argv[j], True):
        j += 1
    start_points = argv[i:j]
    outputs = Outputs(state)
    parser = Parser(state, outputs, start_points)
    tree = parser.parse(argv, j)
    expr = compile_tree(tree)
    roots = start_roots(state, argv, i, start_points)
    try:
        walk(state, roots, expr, tree)
    except Quit:
        pass
    except Fail:
        from multicall.stdio import flush_stdout
        flush_stdout()  # before the message, as GNU's error() does
        raise
    finally:
        cleanup(state, outputs)
    return state.status


def start_roots(state, argv, i, start_points):
    """The start points (bytes), from the command line or -files0-from."""
    if state.files0_from is None:
        if not start_points:
            return [b"."]
        return [p.encode("utf-8", "surrogateescape") for p in start_points]
    if start_points:
        state.warn("extra operand %s" % quote(start_points[0]))
        raise Fail("file operands cannot be combined with -files0-from")
    name = state.files0_from
    if name == "-":
        if state.ok_prompt_stdin:
            # (GNU 4.9's message ends with an empty line)
            raise Fail("option -files0-from reading from standard input cannot be combined with -ok, "
                       "-okdir\n")
        fd = 0
        shown = quote("(standard input)")
    else:
        shown = quote(name)
        try:
            fd = os.open(name.encode("utf-8", "surrogateescape"), os.O_RDONLY | os.O_CLOEXEC)
        except OSError as e:
            raise Fail("cannot open %s for reading: %s" % (shown, e.strerror)) from None
        if state.ok_prompt_stdin:
            try:
                a, b = os.fstat(fd), os.fstat(0)
                same = (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)
            except OSError:
                same = False
            if same:
                raise Fail("option -files0-from: standard input must not refer to the same file when "
                           "combined with -ok, -okdir: %s\n" % shown)
    return _files0(state, fd, shown)


def _files0(state, fd, shown):
    from multicall.stdio import chunks
    count = 0
    rest = b""
    try:
        for chunk in chunks(fd):
            data = rest + chunk
            parts = data.split(b"\0")
            rest = parts.pop()
            for p in parts:
                count += 1
                if not p:
                    state.error("%s:%d: invalid zero-length file name" % (shown, count))
                    continue
                yield p
    except OSError as e:
        state.error("%s: read error: %s" % (shown, e.strerror))
        return
    finally:
        if fd != 0:
            os.close(fd)
    if rest:
        yield rest


def select(tree):
    """A filter for the walker from the tests that begin the expression:
    an expression `-name P -a ...` (or `-type T -a ...`) is false, with no
    side effect, for a file whose name (or d_type) fails the test, so the
    walker need not make an entry for it.  None if there is no such test."""
    from applets.findutils.find.cli import BI_OP, PRIMARY
    from multicall.walk import OTHER, S_IFLNK, S_IFREG
    operands = []
    stack = [tree]
    while stack:
        x = stack.pop()
        if x.type == BI_OP and x.kind == "and":
            stack.append(x.right)
            if x.left is not None:
                stack.append(x.left)
        else:
            operands.append(x)
    tests = []
    for x in operands:
        if x.type != PRIMARY:
            break
        m = getattr(x.func, "matcher", None)
        types = getattr(x.func, "types", None)
        if m is not None:
            tests.append(("name", m))
        elif types is not None:
            ok = set()
            if S_IFREG in types:
                ok.add(S_IFREG)
            if S_IFLNK in types:
                ok.add(S_IFLNK)
            if types - {S_IFREG, S_IFLNK, 0o040000}:
                ok.add(OTHER)
            tests.append(("type", frozenset(ok)))
        else:
            break
    if not tests:
        return None
    if len(tests) == 1:
        kind, t = tests[0]
        if kind == "name":
            return lambda name, dtype: t(name)
        return lambda name, dtype: dtype in t

    def sel(name, dtype):
        for kind, t in tests:
            if kind == "name":
                if not t(name):
                    return False
            elif dtype not in t:
                return False
        return True
    return sel


def walk(state, roots, expr, tree=None):
    maxdepth = state.maxdepth
    mindepth = state.mindepth
    dir_first = state.dir_first
    execdirs = [x for x in state.execs if x.local and x.multiple]
    level = [-1]
    walker = Walker(roots, follow=state.follow, xdev=state.xdev, order="fts",
                    select=None if execdirs else select(tree))
    it = iter(walker)
    try:
        while True:
            try:
                _loop(state, it, expr, maxdepth, mindepth, dir_first, execdirs, level)
                break
            except BrokenPipeError:
                raise
            except (OSError, WriteError) as err:
                # a write to standard output failed: GNU carries on and
                # reports it at the end
                state.out_error = err
    finally:
        it.close()


def _loop(state, it, expr, maxdepth, mindepth, dir_first, execdirs, level):
    """The walk's visits; `level` holds the depth of the last one (the
    -execdir batches run when it changes, as in GNU find)."""
    if True:
        for e in it:
            kind = e.kind
            depth = e.depth
            if execdirs and depth != level[0]:
                for x in execdirs:
                    x.flush()
            level[0] = depth
            # (a stat error is reported once per entry: state.err_entry is
            # the entry whose error was reported, and each visit is a new
            # entry, or a directory evaluated at one of its two visits)
            if kind == FILE:
                if depth < mindepth:
                    continue
                expr(e)
            elif kind == PRE:
                if 0 <= maxdepth <= depth:
                    e.prune()
                if not dir_first or depth < mindepth:
                    continue
                expr(e)
            elif kind == POST:
                if dir_first or depth < mindepth:
                    continue
                expr(e)
            elif kind == ERROR:
                _error_visit(state, e, expr, mindepth, maxdepth)
            elif kind == LOOP:
                state.error("File system loop detected; %s is part of the same file system loop as %s."
                            % (quote(e.path), quote(e.loop_path)))


def _error_visit(state, e, expr, mindepth, maxdepth):
    err = e.error
    stage = e.stage
    if stage == "climb":
        state.error("failed to read file names from file system at or below %s: %s"
                    % (quote(e.root), err.strerror))
        return
    if err.errno == 2 and state.ignore_race and e.depth > 0:
        return
    if stage != "stat" or e.depth == 0 or err.errno == 40:
        state.file_error(e.path, err)
        return
    # a file that cannot be stat'ed is still looked at, by name (GNU)
    state.file_error(e.path, err)
    if e.depth < mindepth or (0 <= maxdepth < e.depth):
        return
    state.err_entry = e
    e.dtype = 0
    expr(e)


def cleanup(state, outputs=None):
    """Run the pending `+` batches (-exec first, then -execdir, as GNU),
    close the output files, and flush standard output."""
    try:
        for x in state.execs:
            if x.multiple and not x.local:
                x.flush()
        for x in state.execs:
            if x.multiple and x.local:
                x.flush()
    finally:
        for out in list(state.outputs.values()):
            out.close()
        if outputs is not None and outputs._stdout is not None:
            _flush_stdout(state, outputs._stdout.writer)


def _flush_stdout(state, writer):
    """GNU's end: `find: 'standard output': REASON`, then close_stdout's
    `find: write error` (with the reason when the descriptor is bad)."""
    try:
        writer.flush()
        if state.out_error is None:
            return
        e = state.out_error
    except BrokenPipeError:
        raise
    except (OSError, WriteError) as err:
        e = err
    state.file_error("standard output", e)
    closed = isinstance(writer, _ClosedStdout)
    from multicall.errors import write_stderr
    write_stderr("%s: write error%s\n" % (state.prog, ": Bad file descriptor" if closed else ""))
    # the runtime would flush (and fail) again when the applet returns:
    # drop the writer with its unwritten buffer
    import sys
    stdio = sys.modules.get("multicall.stdio")
    if stdio is not None and getattr(stdio, "_stack", None):
        stdio._stack[-1] = None
