"""Run a command, without exec when it is a pybox applet.

xargs, find -exec/-execdir/-ok, sh, timeout, env and nice all start
commands through this module, so that a command that would only start
pybox again (a link to pybox found on PATH, or any applet in standalone
mode) runs in a forked child of the already warm interpreter instead of a
new one: BusyBox's NOEXEC class.  Anything else is started with
fork+exec (posix_spawn when it fits), with execvp's rules.

    applet_for(argv0, env=None) -> applet name or None
    spawn(argv, env=, cwd=, stdin=, stdout=, stderr=, pass_fds=, new_pgroup=) -> pid
    execvp(argv, env=None, path=None) -> errno (only when nothing could run)
    become(argv, env=None, prepare=None) -> an applet's status, or -errno
    wait(pid) -> raw status        run(argv, ...) -> raw status
    exit_code(raw) -> the exit status, or 128+N for death by signal N

Which commands are applets (applet_for):
- argv0 without '/': a registered applet name whose PATH search (env's
  PATH, or the process's; "/bin:/usr/bin" when PATH is unset; an empty
  entry is the current directory) finds nothing, or finds pybox itself;
- argv0 with '/': a file that is pybox itself (the applet is its basename,
  or argv[1] when that is `pybox`), relative to cwd when one is given;
- any registered applet name (without '/') when PYBOX_STANDALONE=1 is in
  that environment: BusyBox's standalone shell.
"pybox itself" is the launcher this process runs from (bin/pybox or the
installed script) or, in the frozen build, sys.executable: a candidate is
pybox when it is the same file (stat's device and inode, so symbolic links
and hard links to it both count; comparing realpaths would miss the hard
links that `pybox --install` makes from an installed launcher).

The applet child (spawn): pybox's buffered standard output is flushed
before fork, so nothing is written twice; the child sets up its fds (the
close-on-exec ones are closed, as exec would), directory, environment
(replaced when env is given, in the C environ and in posix.environ, which is
also os.environ's data), process group
and signals (handlers back to SIG_DFL, SIGPIPE and SIGXFSZ to SIG_DFL,
ignored signals stay ignored: what exec does), starts a fresh output
stack, freezes the parent's objects from the garbage collector (a parent
file object must not close a reused descriptor), calls the applet through
multicall.main.run and leaves with os._exit: it never returns into the
caller's code and runs no atexit handler or finalizer.  The applet's module
is imported in the parent first, so each child starts warm.

Failures to start an exec'd command (exec, or the child's chdir and dup2)
come back through a close-on-exec pipe and are raised in the parent, after
the child is reaped, as OSError(errno, strerror, argv[0]) (cwd for a chdir
failure), as subprocess does.  For an applet child, what could fail (a bad
fd, a cwd that is not an enterable directory) is checked in the parent
before fork and raised the same way, so the parent does not wait for the
child to be scheduled: both go on at once.  ENOEXEC (a script without #!) runs it with /bin/sh, as
POSIX asks of execvp.
"""
import posix
import sys

DEFAULT_PATH = "/bin:/usr/bin"  # glibc's execvp default, confstr(_CS_PATH)
_S_IFMT = 0o170000
_S_IFREG = 0o100000
# execvp goes on to the next PATH entry after these errors; others stop it.
_ENOENT, _EACCES, _ENOEXEC, _ENOTDIR, _ESTALE, _ENODEV, _ETIMEDOUT = 2, 13, 8, 20, 116, 19, 110
_SEARCH_ON = (_ENOENT, _ENOTDIR, _ESTALE, _ENODEV, _ETIMEDOUT)
_SHELL = "/bin/sh"


def _str(x):
    return x if isinstance(x, str) else x.decode("utf-8", "surrogateescape")


def _bytes(x):
    return x if isinstance(x, bytes) else x.encode("utf-8", "surrogateescape")


def _strs(items):
    """Many str-or-bytes items as str, converted in one decode when they
    are all bytes."""
    if items and set(map(type, items)) == {bytes}:
        joined = b"\0".join(items)
        parts = joined.decode("utf-8", "surrogateescape").split("\0")
        if len(parts) == len(items):
            return parts
    return [_str(a) for a in items]


def _getenv(env, key):
    """The str value of `key` in env (a str- or bytes-keyed mapping), or in
    the process environment when env is None; None when unset."""
    if env is None:
        osmod = sys.modules.get("os")
        if osmod is not None:
            v = osmod.environ.get(key)
            return v
        v = posix.environ.get(_bytes(key))
        return None if v is None else _str(v)
    for k in (key, _bytes(key)):
        if k in env:
            return _str(env[k])
    return None


def _self_ids(launcher=None):
    """(st_dev, st_ino) of every file that is pybox itself."""
    if launcher is None:
        paths = []
        if getattr(sys, "frozen", False):
            paths.append(sys.executable)
        main_mod = sys.modules.get("__main__")
        mm = sys.modules.get("multicall.main")
        if mm is not None and getattr(main_mod, "main", None) is getattr(mm, "main", 0):
            f = getattr(main_mod, "__file__", None)
            if f:
                paths.append(f)
    elif isinstance(launcher, (str, bytes)):
        paths = [launcher]
    else:
        paths = list(launcher)
    ids = set()
    for p in paths:
        try:
            st = posix.stat(p)
        except (OSError, ValueError):
            continue
        ids.add((st.st_dev, st.st_ino))
    return ids


def _join(d, name):
    return (d or ".").rstrip("/") + "/" + name if d != "/" else "/" + name


def _in_cwd(path, cwd):
    """path as seen from this process when the child runs in cwd (a path,
    or an open directory descriptor as find -execdir passes)."""
    if cwd is None or path.startswith("/"):
        return path
    if isinstance(cwd, int):
        cwd = "/proc/self/fd/%d" % cwd
    return _join(_str(cwd), path)


def _search_dirs(env, path):
    """The PATH to search: `path` when given (a shell's own PATH variable,
    exported or not), else env's or this process's, else DEFAULT_PATH."""
    if path is not None:
        return _str(path)
    path = _getenv(env, "PATH")
    return DEFAULT_PATH if path is None else path


def search_path(name, env=None, cwd=None, path=None):
    """The file execvp would run for `name` (no '/'): the first executable
    regular file on PATH (or on `path`), or None."""
    path = _search_dirs(env, path)
    for d in path.split(":"):
        cand = _in_cwd(_join(d, name), cwd)
        try:
            st = posix.stat(cand)
        except (OSError, ValueError):
            continue
        if st.st_mode & _S_IFMT == _S_IFREG and posix.access(cand, posix.X_OK):
            return cand
    return None


def _resolve(argv, env=None, cwd=None, launcher=None, path=None):
    """(applet name, the applet's argv) when argv should run as an applet,
    else None."""
    if not argv:
        return None
    from multicall.registry import APPLETS
    argv0 = _str(argv[0])
    if not argv0:
        return None
    if "/" not in argv0:
        if argv0 not in APPLETS:
            return None
        if _getenv(env, "PYBOX_STANDALONE") == "1":
            return argv0, [argv0] + _strs(argv[1:])
        found = search_path(argv0, env, cwd, path)
        if found is not None:
            try:
                st = posix.stat(found)
            except OSError:
                return None
            if (st.st_dev, st.st_ino) not in _self_ids(launcher):
                return None
        return argv0, [argv0] + _strs(argv[1:])
    try:
        st = posix.stat(_in_cwd(argv0, cwd))
    except (OSError, ValueError):
        return None
    if (st.st_dev, st.st_ino) not in _self_ids(launcher):
        return None
    name = argv0.rpartition("/")[2].lstrip("-")
    rest = _strs(argv[1:])
    if name.endswith("box"):
        if not rest or rest[0].startswith("-"):
            return None  # pybox's own options: let the real program answer
        name = rest[0].rpartition("/")[2].lstrip("-")
        rest = rest[1:]
    if name not in APPLETS:
        return None
    return name, [name] + rest


def applet_for(argv0, env=None, *, argv=None, cwd=None, launcher=None, path=None):
    """The applet argv0 should run as in a forked child, or None (exec it).

    `argv` (the whole command) lets `/path/to/pybox APPLET ...` name its
    applet; `cwd` is where the command will run (relative paths and PATH
    entries are taken from there); `launcher` (a path or paths) overrides
    which files count as pybox itself; `path` is searched instead of PATH."""
    r = _resolve([argv0] + list(argv[1:] if argv else ()), env, cwd, launcher, path)
    return r[0] if r else None


# -- starting a child ---------------------------------------------------------

def _env_bytes(env):
    return {_bytes(k): _bytes(v) for k, v in env.items()}


def _dup_high(fd):
    """A close-on-exec duplicate of fd numbered 3 or more."""
    low = []
    d = posix.dup(fd)
    while d < 3:
        low.append(d)
        d = posix.dup(fd)
    for x in low:
        posix.close(x)
    return d


def _setup_std(std):
    """In a child: make fds 0, 1, 2 the given ones (None: leave it)."""
    std = list(std)
    moved = []
    for i, s in enumerate(std):
        if s is not None and s < 3 and s != i:
            std[i] = _dup_high(s)
            moved.append(std[i])
    for i, s in enumerate(std):
        if s is None:
            continue
        if s == i:
            posix.set_inheritable(i, True)
        else:
            posix.dup2(s, i)
    for m in moved:
        posix.close(m)


def _cloexec_fds(keep):
    """The close-on-exec descriptors (but those in keep) that exec would
    close.  Listed in the parent, before fork: in the child every page
    touched is a copy-on-write fault."""
    fds = None
    for d in ("/proc/self/fd", "/dev/fd"):
        try:
            fds = [int(n) for n in posix.listdir(d)]
            break
        except (OSError, ValueError):
            continue
    if fds is None:
        try:
            top = min(posix.sysconf("SC_OPEN_MAX"), 65536)
        except (OSError, ValueError):
            top = 1024
        fds = range(3, top)
    out = []
    for fd in fds:
        if fd < 3 or fd in keep:
            continue
        try:
            if not posix.get_inheritable(fd):
                out.append(fd)
        except OSError:
            pass
    return out


def _close_all(fds):
    for fd in fds:
        try:
            posix.close(fd)
        except OSError:
            pass


def _environ_changes(envb):
    """What turns this process's environment into envb (bytes -> bytes):
    (keys to unset, items to set).  Worked out in the parent: the child
    only applies them.  posix.environ is the dict os.environ keeps its data
    in, so it is current whether or not os is loaded."""
    cur = posix.environ
    return ([k for k in cur if k not in envb],
            [(k, v) for k, v in envb.items() if cur.get(k) != v])


def _replace_environ(changes):
    """In a child: apply _environ_changes() to the C environ and to
    posix.environ (and so os.environ), which is what applets read."""
    unset, items = changes
    osmod = sys.modules.get("os")
    for k in unset:
        try:
            if osmod is not None:
                del osmod.environb[k]  # unsetenv() and the dict
            else:
                posix.unsetenv(k)
                del posix.environ[k]
        except (OSError, ValueError, KeyError):
            pass
    for k, v in items:
        try:
            if osmod is not None:
                osmod.environb[k] = v  # putenv() and the dict
            else:
                posix.putenv(k, v)
                posix.environ[k] = v
        except (OSError, ValueError):
            pass


def _handled_signals():
    """The signals a child must put back to SIG_DFL, as exec would: those
    with a Python handler, and SIGPIPE and SIGXFSZ, which Python ignores.
    Computed in the parent (see _cloexec_fds)."""
    import _signal
    dfl = _signal.SIG_DFL
    out = []
    always = (_signal.SIGPIPE, getattr(_signal, "SIGXFSZ", 0))
    for sig in _signal.valid_signals():
        try:
            h = _signal.getsignal(sig)
        except (ValueError, OSError):
            continue
        if callable(h) or (sig in always and h != dfl):
            out.append(sig)
    if _wakeup_fd() != -1:
        out.insert(0, -1)
    return out


def _wakeup_fd():
    """The signal wakeup fd this process has set (-1: none)."""
    import _signal
    try:
        fd = _signal.set_wakeup_fd(-1)
    except (ValueError, OSError):
        return -1
    if fd != -1:
        _signal.set_wakeup_fd(fd)
    return fd


def _default_signals(sigs):
    """In a child: no wakeup fd (the entry -1 of sigs says there is one),
    and sigs back to SIG_DFL."""
    import _signal
    if sigs and sigs[0] == -1:
        sigs = sigs[1:]
        try:
            _signal.set_wakeup_fd(-1)
        except (ValueError, OSError):
            pass
    for sig in sigs:
        try:
            _signal.signal(sig, _signal.SIG_DFL)
        except (ValueError, OSError):
            pass


def _report(w, err, tag):
    try:
        posix.write(w, b"%d:%s" % (err, tag))
    except OSError:
        pass


def _child_prepare(w, std, cwd, envb, pass_fds, new_pgroup, sigs):
    """The part of a child's set-up that both kinds of child share; errors
    go to the parent through pipe w."""
    tag = b"fd"
    try:
        _setup_std(std)
        for fd in pass_fds:
            posix.set_inheritable(fd, True)
        if cwd is not None:
            tag = b"cwd"
            posix.chdir(cwd)
        tag = b"fd"
        if new_pgroup:
            posix.setpgid(0, 0)
        if envb is not None:
            _replace_environ(envb)
        _default_signals(sigs)
    except OSError as e:
        if w is not None:
            _report(w, e.errno or 0, tag)
        else:  # checked in the parent already: a race; say so and fail
            from multicall.errors import write_stderr
            where = ": %s" % _str(cwd) if tag == b"cwd" else ""
            write_stderr("pybox%s: %s\n" % (where, e.strerror))
        posix._exit(127)


def _read_report(r):
    chunks = []
    while True:
        try:
            b = posix.read(r, 256)
        except InterruptedError:
            continue
        if not b:
            break
        chunks.append(b)
    posix.close(r)
    return b"".join(chunks)


def _raise_report(pid, data, argv, cwd):
    wait(pid)
    err, _, tag = data.partition(b":")
    try:
        err = int(err)
    except ValueError:
        err = 0
    if tag == b"cwd":
        raise OSError(err, posix.strerror(err), cwd)
    if tag == b"exec":
        raise OSError(err, posix.strerror(err), _str(argv[0]))
    raise OSError(err, posix.strerror(err))


def _flush_own_stdout():
    stdio = sys.modules.get("multicall.stdio")
    if stdio is not None:
        stdio.flush_stdout()


def spawn(argv, *, env=None, cwd=None, stdin=None, stdout=None, stderr=None,
          pass_fds=(), new_pgroup=False, applets=True, launcher=None, path=None):
    """Start argv (str or bytes items) and return the child's pid.

    stdin/stdout/stderr: descriptors for the child's 0/1/2 (None: inherit);
    pass_fds: more descriptors it keeps; env: its whole environment;
    cwd: its directory (a path, or an open directory descriptor);
    new_pgroup: put it in a process group of its own; path: searched
    instead of PATH (a shell's own variable).  A pybox applet
    (see applet_for) runs in a forked child unless `applets` is False.
    Raises OSError when the command cannot be started."""
    argv = list(argv)
    if not argv:
        raise ValueError("spawn: empty argv")
    std = (stdin, stdout, stderr)
    pass_fds = tuple(pass_fds)
    envb = _env_bytes(env) if env is not None else None
    target = _resolve(argv, env, cwd, launcher, path) if applets else None
    if target is not None and envb is not None:
        envb = _environ_changes(envb)
    _flush_own_stdout()  # in order before the child's output, and never twice
    if target is not None:
        return _spawn_applet(target, std, cwd, envb, pass_fds, new_pgroup)
    if cwd is None and hasattr(posix, "posix_spawn"):
        return _spawn_posix(argv, env, envb, std, pass_fds, new_pgroup, path)
    return _spawn_fork_exec(argv, env, cwd, envb, std, pass_fds, new_pgroup, path)


def _check_parent_side(std, cwd, pass_fds):
    """What could make an applet child's set-up fail, checked before fork,
    so that the parent need not wait for the child to report: the fds exist
    and cwd is a directory we may enter."""
    for fd in tuple(x for x in std if x is not None) + pass_fds:
        posix.fstat(fd)  # EBADF
    if cwd is not None:
        st = posix.stat(cwd)  # an int is an open directory: fstat
        if st.st_mode & _S_IFMT != 0o040000:
            raise OSError(_ENOTDIR, posix.strerror(_ENOTDIR), cwd)
        if not isinstance(cwd, int) and not posix.access(cwd, posix.X_OK):
            raise OSError(_EACCES, posix.strerror(_EACCES), cwd)


def _spawn_applet(target, std, cwd, envb, pass_fds, new_pgroup):
    name, aargv = target
    from multicall import main as mmain
    from multicall.registry import APPLETS
    __import__(APPLETS[name][0])  # warm: every child inherits the module
    _check_parent_side(std, cwd, pass_fds)
    sigs = _handled_signals()
    to_close = _cloexec_fds(set(pass_fds))
    pid = posix.fork()
    if pid == 0:  # the child: never returns
        status = 127
        held = []
        try:
            _child_prepare(None, std, cwd, envb, pass_fds, new_pgroup, sigs)
            _close_all(to_close)
            import gc
            gc.freeze()
            stdio = sys.modules.get("multicall.stdio")
            if stdio is not None:
                # A fresh output stack; the parent's (flushed) writers stay
                # referenced from here, so nothing ever finalizes them.
                held.extend(stdio._stack)
                del stdio._stack[:]
            status = _run_applet(mmain, name, aargv)
        finally:
            posix._exit(status & 0xFF)
    if new_pgroup:
        _setpgid_quietly(pid)
    return pid


def _run_applet(mmain, name, argv):
    try:
        return mmain.run(name, argv)
    except KeyboardInterrupt:
        import _signal
        _signal.signal(_signal.SIGINT, _signal.SIG_DFL)
        posix.kill(posix.getpid(), _signal.SIGINT)
        return 130
    except SystemExit as e:
        code = e.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except BaseException:
        return 1


def _setpgid_quietly(pid):
    try:
        posix.setpgid(pid, pid)
    except OSError:
        pass


def _candidates(argv0, env, cwd, path=None):
    """The paths execvp would try for argv0, in order (as seen from cwd)."""
    if "/" in argv0:
        return [_in_cwd(argv0, cwd)]
    if not argv0:
        return []
    path = _search_dirs(env, path)
    return [_in_cwd(_join(d, argv0), cwd) for d in path.split(":")]


def _spawn_posix(argv, env, envb, std, pass_fds, new_pgroup, path):
    """fork+exec through posix_spawn (vfork in glibc: no page-table copy)."""
    import _signal
    if envb is None:
        osmod = sys.modules.get("os")
        envb = osmod.environ if osmod is not None else posix.environ
    actions = []
    tmp = []
    made_inheritable = []
    try:
        for i, s in enumerate(std):
            if s is None:
                continue
            if s != i and s < 3:
                s = _dup_high(s)
                tmp.append(s)
            if s == i:
                if not posix.get_inheritable(i):
                    posix.set_inheritable(i, True)
                    made_inheritable.append(i)
            else:
                actions.append((posix.POSIX_SPAWN_DUP2, s, i))
        for fd in pass_fds:
            if not posix.get_inheritable(fd):
                posix.set_inheritable(fd, True)
                made_inheritable.append(fd)
        sigdef = [_signal.SIGPIPE]
        if hasattr(_signal, "SIGXFSZ"):
            sigdef.append(_signal.SIGXFSZ)
        kw = {"file_actions": actions, "setsigdef": sigdef}
        if new_pgroup:
            kw["setpgroup"] = 0
        bargv = [_bytes(a) for a in argv]
        argv0 = _str(argv[0])
        got_eacces = False
        last = _ENOENT
        for cand in _candidates(argv0, env, None, path):
            try:
                posix.stat(cand)  # a missing one costs no vfork
                return posix.posix_spawn(cand, bargv, envb, **kw)
            except OSError as e:
                err = e.errno
            if err == _ENOEXEC:
                try:
                    return posix.posix_spawn(_SHELL, [_bytes(_SHELL), _bytes(cand)] + bargv[1:], envb, **kw)
                except OSError as e:
                    err = e.errno
                last = err
                break
            if err == _EACCES:
                got_eacces = True
            elif err not in _SEARCH_ON:
                last = err
                break
            last = err
        else:
            if got_eacces:
                last = _EACCES
        raise OSError(last, posix.strerror(last), argv0)
    finally:
        for fd in made_inheritable:
            try:
                posix.set_inheritable(fd, False)
            except OSError:
                pass
        for fd in tmp:
            posix.close(fd)


def _spawn_fork_exec(argv, env, cwd, envb, std, pass_fds, new_pgroup, path):
    """fork, set up, then execve along the PATH candidates."""
    bargv = [_bytes(a) for a in argv]
    argv0 = _str(argv[0])
    # relative candidates are tried after the child's chdir: not joined to cwd
    cands = [_bytes(c) for c in _candidates(argv0, env, None, path)]
    if envb is None:
        osmod = sys.modules.get("os")
        envb = osmod.environ if osmod is not None else posix.environ
        envb = _env_bytes(envb)
    sigs = _handled_signals()
    r, w = posix.pipe()
    pid = posix.fork()
    if pid == 0:
        try:
            posix.close(r)
            _child_prepare(w, std, cwd, None, pass_fds, new_pgroup, sigs)
            _report(w, _exec_along(cands, bargv, envb), b"exec")
        finally:
            posix._exit(127)
    posix.close(w)
    if new_pgroup:
        _setpgid_quietly(pid)
    data = _read_report(r)
    if data:
        _raise_report(pid, data, argv, cwd)
    return pid


def _exec_along(cands, bargv, envb):
    """execve each candidate path in turn with execvp's rules (a file
    without #! runs with /bin/sh; EACCES and the not-found errors go on to
    the next; any other error stops); returns the errno that execvp would
    leave (EACCES if any candidate gave it)."""
    got_eacces = False
    last = _ENOENT
    for cand in cands:
        try:
            posix.execve(cand, bargv, envb)
        except OSError as e:
            err = e.errno
        except ValueError:  # a NUL in a name or an environment entry
            err = _ENOENT
        if err == _ENOEXEC:
            try:
                posix.execve(_SHELL, [_bytes(_SHELL), cand] + bargv[1:], envb)
            except OSError as e:
                return e.errno
        if err == _EACCES:
            got_eacces = True
        elif err not in _SEARCH_ON:
            return err
        last = err
    return _EACCES if got_eacces else last


def execvp(argv, env=None, path=None):
    """Replace this process by the command argv, found as execvp(3) finds
    it: a name with '/' as it is, otherwise along `path` (default: the
    PATH of env, or of this process when env is None; "/bin:/usr/bin"
    when unset; an empty entry is the current directory).  env (str or
    bytes mapping) is the new environment, this process's when None.
    pybox's buffered standard output is flushed first.  Returns only when
    nothing could be run: the errno to report (ENOENT for an empty name).
    Use applet_for() first where an applet should run in-process."""
    _flush_own_stdout()
    bargv = [_bytes(a) for a in argv]
    if not bargv or not bargv[0]:
        return _ENOENT
    cands = _candidates(_str(argv[0]), env, None, path)
    if env is None:
        osmod = sys.modules.get("os")
        env = osmod.environ if osmod is not None else posix.environ
    return _exec_along([_bytes(c) for c in cands], bargv, _env_bytes(env))


def become(argv, env=None, prepare=None):
    """Become the command argv, as exec would, for env, nice, nohup: a
    pybox applet runs right here (after prepare(), which may install env)
    and its exit status is returned; anything else is exec'd by execvp(),
    and only a failure comes back, as -errno."""
    r = _resolve(argv, env)
    if r is None:
        return -execvp(argv, env)
    if prepare is not None:
        prepare()
    _flush_own_stdout()
    from multicall.main import run
    return run(r[0], r[1])


def wait(pid):
    """Wait for child pid; its raw status as os.waitpid gives it."""
    while True:
        try:
            return posix.waitpid(pid, 0)[1]
        except InterruptedError:
            continue


def run(argv, **kw):
    """spawn() and wait(): the raw status."""
    return wait(spawn(argv, **kw))


def exit_code(raw):
    """The shell's $?: the exit status, or 128+N for death by signal N."""
    if posix.WIFSIGNALED(raw):
        return 128 + posix.WTERMSIG(raw)
    if posix.WIFSTOPPED(raw):
        return 128 + posix.WSTOPSIG(raw)
    return posix.WEXITSTATUS(raw)
