"""tty: the terminal's name or `not a tty`, -s, statuses 1/2/3."""
import os
import shutil
import subprocess

import pytest

from conftest import child_env


def test_not_a_tty(run, via):
    assert tuple(run("tty", via=via)) == (b"not a tty\n", b"", 1)


@pytest.mark.parametrize("opt", ["-s", "--silent", "--quiet", "--qu"])
def test_silent(run, opt):
    assert tuple(run("tty", opt)) == (b"", b"", 1)


def test_closed_stdin(bindir):
    p = subprocess.run([os.path.join(bindir, "tty")], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=child_env(), close_fds=True,
                       preexec_fn=lambda: os.close(0))
    assert (p.stdout, p.returncode) == (b"not a tty\n", 1)


def test_usage_errors_exit_2(run):
    r = run("tty", "x")
    assert tuple(r) == (b"", b"tty: extra operand 'x'\nTry 'tty --help' for more information.\n", 2)
    r = run("tty", "-x")
    assert r.status == 2 and r.err.startswith(b"tty: invalid option -- 'x'\n")


def test_write_error_exits_3(bindir):
    with open("/dev/full", "wb") as full:
        p = subprocess.run([os.path.join(bindir, "tty")], stdin=subprocess.DEVNULL, stdout=full,
                           stderr=subprocess.PIPE, env=child_env())
    assert (p.stderr, p.returncode) == (b"tty: write error: No space left on device\n", 3)


def test_on_a_terminal(bindir):
    """Under script(1) standard input is a pseudo-terminal: its name, and
    the same one GNU's tty prints."""
    script = shutil.which("script")
    if script is None or not os.path.exists("/usr/bin/tty"):
        pytest.skip("script(1) or GNU tty missing")
    cmd = "%s; echo rc=$?; %s -s; echo rc=$?; /usr/bin/tty" % (os.path.join(bindir, "tty"),
                                                               os.path.join(bindir, "tty"))
    p = subprocess.run([script, "-qc", cmd, "/dev/null"], stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env(), timeout=30)
    lines = p.stdout.replace(b"\r", b"").split(b"\n")
    assert lines[0].startswith(b"/dev/") and lines[1] == b"rc=0" and lines[2] == b"rc=0"
    assert lines[3] == lines[0]


@pytest.mark.parametrize("args", [[], ["-s"], ["x"], ["--silent", "y"]])
def test_same_as_gnu(same_as_gnu, args):
    same_as_gnu("tty", *args)
