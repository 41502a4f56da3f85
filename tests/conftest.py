"""Shared fixtures: a bin directory of applet links, subprocess and
in-process runners, and the reference tools (GNU coreutils, BusyBox).

Every applet test goes through the real entry point (`bin/pybox` started
under the applet's own name) unless it is a bulk case, which uses the
in-process runner (`multicall.main.run` with fds 0/1/2 redirected).
"""
import atexit
import os
import shutil
import subprocess
import sys
import tempfile

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from multicall.registry import APPLETS  # noqa: E402

PYBOX = os.path.join(ROOT, "bin", "pybox")
PYDIR = os.path.dirname(sys.executable)

# Hypothesis keeps caches and failure patches in ./.hypothesis; keep the
# checkout clean by giving it a scratch directory for this run instead, and
# no example database.  Example counts stay modest: the suite should run in
# a few minutes on two cores.
_hypothesis_home = tempfile.mkdtemp(prefix="pybox-hypothesis-")
set_hypothesis_home_dir(_hypothesis_home)
atexit.register(shutil.rmtree, _hypothesis_home, True)
settings.register_profile(
    "pybox", database=None, deadline=None, max_examples=50,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.load_profile("pybox")


class Result:
    """What a run produced: .out and .err (bytes) and .status (int)."""

    def __init__(self, out, err, status):
        self.out = out
        self.err = err
        self.status = status

    def __iter__(self):
        return iter((self.out, self.err, self.status))

    def __eq__(self, other):
        return tuple(self) == tuple(other)

    def __repr__(self):
        return "Result(out=%r, err=%r, status=%r)" % (self.out[:2000], self.err[:2000], self.status)


def child_env(env=None):
    """The environment for a child: LC_ALL=C, no POSIXLY_CORRECT, this
    interpreter's directory first on PATH; `env` entries override (a value
    of None removes the variable)."""
    base = {k: v for k, v in os.environ.items()
            if k != "POSIXLY_CORRECT" and k != "LANG" and k != "LANGUAGE" and not k.startswith("LC_")}
    base["LC_ALL"] = "C"
    base["PATH"] = PYDIR + os.pathsep + base.get("PATH", "/usr/bin:/bin")
    for k, v in (env or {}).items():
        if v is None:
            base.pop(k, None)
        else:
            base[k] = v
    return base


def _stdin_arg(stdin):
    """(stdin=, input=) for subprocess.run: bytes are fed through a pipe,
    an int or file object is passed on as the descriptor."""
    if stdin is None or isinstance(stdin, (bytes, bytearray)):
        return None, bytes(stdin or b"")
    return stdin, None


@pytest.fixture(scope="session")
def bindir(tmp_path_factory):
    """A directory with `pybox` (bin/pybox as an install writes it: this
    interpreter by its absolute path, ROOT this checkout) and one symlink
    per applet to it.  bin/pybox itself finds `python3` on PATH, and a test
    that puts these links first on PATH must not make a `python3` that is
    a shell script (pyenv's shim runs basename and readlink) run pybox's."""
    d = tmp_path_factory.mktemp("bin")
    with open(PYBOX) as f:
        text = f.read()
    first, _, rest = text.partition("\n")
    rest = rest.replace("ROOT = None\n", "ROOT = %r\n" % ROOT, 1)
    launcher = d / "pybox"
    launcher.write_text("#!%s -IS\n%s" % (sys.executable, rest))
    launcher.chmod(0o755)
    for name in APPLETS:
        os.symlink("pybox", str(d / name))
    return str(d)


def run_argv(argv, stdin=b"", env=None, cwd=None, timeout=60):
    """Run argv as a child process; Result of its output and status."""
    stdin_arg, data = _stdin_arg(stdin)
    p = subprocess.run(argv, stdin=stdin_arg, input=data, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=child_env(env), cwd=cwd, timeout=timeout)
    return Result(p.stdout, p.stderr, p.returncode)


@pytest.fixture(scope="session")
def run(bindir):
    """run(applet, *args, stdin=b"", env=None, via="link"|"pybox", cwd=None).

    "link" runs BINDIR/APPLET (dispatch by argv[0]); "pybox" runs
    BINDIR/pybox APPLET.  Arguments may be str or bytes."""
    def run(applet, *args, stdin=b"", env=None, via="link", cwd=None, timeout=60):
        if via == "link":
            argv = [os.path.join(bindir, applet)]
        elif via == "pybox":
            argv = [os.path.join(bindir, "pybox"), applet]
        else:
            raise ValueError(via)
        return run_argv(argv + list(args), stdin=stdin, env=env, cwd=cwd, timeout=timeout)
    return run


@pytest.fixture(scope="session")
def sh(bindir):
    """sh(script, stdin=b"", env=None, cwd=None): run /bin/sh -c SCRIPT with
    the applet links first on PATH (so `cat` in the script is pybox's)."""
    def sh(script, stdin=b"", env=None, cwd=None, timeout=60):
        e = dict(env or {})
        e.setdefault("PATH", bindir + os.pathsep + PYDIR + os.pathsep + os.environ.get("PATH", "/usr/bin:/bin"))
        return run_argv(["/bin/sh", "-c", script], stdin=stdin, env=e, cwd=cwd, timeout=timeout)
    return sh


def run_inprocess(name, *args, stdin=b"", env=None):
    """Run applet `name` inside this process through multicall.main.run,
    with fds 0, 1 and 2 redirected to temporary files.

    `env` entries are set in the environment (None removes one) for the
    call and restored afterwards; LC_ALL is C unless `env` says otherwise.
    """
    from multicall import main

    sys.stdout.flush()
    sys.stderr.flush()
    changes = {"LC_ALL": "C", "POSIXLY_CORRECT": None}
    changes.update(env or {})
    old_env = {k: os.environ.get(k) for k in changes}
    files = [tempfile.TemporaryFile() for _ in range(3)]
    saved = [os.dup(fd) for fd in (0, 1, 2)]
    try:
        files[0].write(bytes(stdin))
        files[0].flush()
        files[0].seek(0)
        for k, v in changes.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        for fd, f in enumerate(files):
            os.dup2(f.fileno(), fd)
        argv = [name] + [a if isinstance(a, str) else os.fsdecode(a) for a in args]
        status = main.run(name, argv)
    finally:
        for fd, s in enumerate(saved):
            os.dup2(s, fd)
            os.close(s)
        for k, v in old_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    outs = []
    for f in files[1:]:
        f.seek(0)
        outs.append(f.read())
        f.close()
    files[0].close()
    return Result(outs[0], outs[1], status)


@pytest.fixture(scope="session")
def inproc():
    """The in-process runner, for bulk and property-based cases."""
    return run_inprocess


def find_tool(tool):
    """The path of an installed `tool` that is not a BusyBox link, or None."""
    for d in ("/usr/bin", "/bin", "/usr/local/bin"):
        p = os.path.join(d, tool)
        if os.access(p, os.X_OK) and "busybox" not in os.path.basename(os.path.realpath(p)):
            return p
    return None


@pytest.fixture(scope="session")
def gnu():
    """gnu(tool) -> path of the GNU tool; skips the test when it is absent
    (or when the installed one is not GNU's)."""
    cache = {}

    def gnu(tool):
        if tool not in cache:
            path = find_tool(tool)
            if path is not None:
                try:
                    v = subprocess.run([path, "--version"], stdout=subprocess.PIPE,
                                       stderr=subprocess.DEVNULL, timeout=10).stdout
                except OSError:
                    v = b""
                if b"GNU coreutils" not in v:
                    path = None
            cache[tool] = path
        if cache[tool] is None:
            pytest.skip("GNU %s is not installed" % tool)
        return cache[tool]
    return gnu


@pytest.fixture(scope="session")
def busybox():
    """The path of BusyBox; skips the test when it is absent."""
    path = shutil.which("busybox")
    if path is None:
        pytest.skip("busybox is not installed")
    return path


@pytest.fixture(scope="session")
def run_gnu(gnu):
    """run_gnu(tool, *args, stdin=b"", env=None, cwd=None): GNU's `tool`
    started under its plain name, in the same environment as pybox's."""
    def run_gnu(tool, *args, stdin=b"", env=None, cwd=None):
        path = gnu(tool)
        stdin_arg, data = _stdin_arg(stdin)
        p = subprocess.run([tool] + list(args), executable=path, stdin=stdin_arg, input=data,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env=child_env(env), cwd=cwd, timeout=60)
        return Result(p.stdout, p.stderr, p.returncode)
    return run_gnu


@pytest.fixture(params=["link", "pybox"])
def via(request):
    """Parametrize a test over both entry points."""
    return request.param


@pytest.fixture(scope="session")
def same_as_gnu(run, run_gnu):
    """same_as_gnu(applet, *args, stdin=b"", env=None, cwd=None): run pybox's
    applet (through its link) and GNU's tool alike, assert stdout, stderr
    and status are equal, and return the Result."""
    def same_as_gnu(applet, *args, stdin=b"", env=None, cwd=None):
        expected = run_gnu(applet, *args, stdin=stdin, env=env, cwd=cwd)
        got = run(applet, *args, stdin=stdin, env=env, cwd=cwd)
        assert got == expected, "pybox %s %r differs from GNU" % (applet, args)
        return got
    return same_as_gnu
