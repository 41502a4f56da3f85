"""timeout: the command's status, 124 on timeout, 125/126/127, -s, -k,
--preserve-status, --foreground, -v, forwarded signals, the process group,
pybox applets as commands, and GNU's messages."""
import os
import signal
import subprocess
import time

import pytest

from conftest import child_env

HANG = ["sh", "-c", "sleep 5"]
STUBBORN = ["sh", "-c", "trap '' TERM; sleep 5"]


def alive(pid):
    """Whether pid runs (a zombie nobody reaps counts as dead)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rpartition(")")[2].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False


def timed(run, *args, **kw):
    t = time.monotonic()
    r = run(*args, **kw)
    return r, time.monotonic() - t


def test_command_finishes(run, via):
    assert tuple(run("timeout", "5", "sh", "-c", "echo hi; exit 3", via=via)) == (b"hi\n", b"", 3)


def test_times_out_with_124(run):
    r, took = timed(run, "timeout", "0.2", *HANG)
    assert tuple(r) == (b"", b"", 124)
    assert took < 4


def test_verbose(run):
    r = run("timeout", "-v", "0.1", *HANG)
    assert tuple(r) == (b"", b"timeout: sending signal TERM to command 'sh'\n", 124)
    r = run("timeout", "--verbose", "-s", "INT", "0.1", *HANG)
    assert tuple(r) == (b"", b"timeout: sending signal INT to command 'sh'\n", 124)
    r = run("timeout", "-v", "-s", "1", "0.1", *HANG)
    assert r.err == b"timeout: sending signal HUP to command 'sh'\n"
    r = run("timeout", "-v", "-s", "rtmin+1", "0.1", *HANG)
    assert r.err == b"timeout: sending signal RTMIN+1 to command 'sh'\n"


def test_preserve_status(run):
    assert run("timeout", "--preserve-status", "0.1", *HANG).status == 128 + 15
    assert run("timeout", "--preserve-status", "-s", "INT", "0.1", *HANG).status == 128 + 2
    assert run("timeout", "--preserve-status", "5", "sh", "-c", "exit 7").status == 7


def test_kill_signal_kills_timeout_too(run):
    r = run("timeout", "-s", "KILL", "0.1", *HANG)
    assert r.status == -9  # the whole group, timeout itself included: a shell says 137


def test_kill_after(run):
    r, took = timed(run, "timeout", "-v", "-k", "0.1", "0.1", *STUBBORN)
    assert r.status == -9 and took < 4
    assert r.err == (b"timeout: sending signal TERM to command 'sh'\n"
                     b"timeout: sending signal KILL to command 'sh'\n")


def test_foreground_kill_after_is_137(run):
    r = run("timeout", "--foreground", "--kill-after=0.1", "0.1",
            "sh", "-c", "trap '' TERM; sleep 2 >/dev/null 2>&1")
    assert tuple(r) == (b"", b"", 137)


def test_command_killed_by_signal_is_passed_on(run):
    r = run("timeout", "5", "sh", "-c", "kill -USR1 $$")
    assert r.status == -signal.SIGUSR1


def test_signal_zero_never_kills(run):
    r, took = timed(run, "timeout", "-s", "0", "0.1", "sh", "-c", "sleep 0.3")
    assert r.status == 124 and took >= 0.3


def test_zero_duration_disables(run):
    assert run("timeout", "0", "sh", "-c", "sleep 0.2; exit 4").status == 4


def test_whole_group_is_signalled(run, tmp_path):
    """The grandchild (backgrounded by sh) dies with the command."""
    pidfile = tmp_path / "pid"
    r = run("timeout", "0.3", "sh", "-c", "sleep 5 & echo $! > %s; wait" % pidfile)
    assert r.status == 124
    pid = int(pidfile.read_text())
    time.sleep(0.2)
    assert not alive(pid)


def test_foreground_spares_the_grandchildren(run, tmp_path):
    pidfile = tmp_path / "pid"
    r = run("timeout", "--foreground", "0.3", "sh", "-c", "sleep 2 >/dev/null 2>&1 & echo $! > %s; wait" % pidfile)
    assert r.status == 124
    pid = int(pidfile.read_text())
    try:
        assert alive(pid)
    finally:
        os.kill(pid, signal.SIGKILL)


def test_forwards_signals(bindir):
    p = subprocess.Popen([os.path.join(bindir, "timeout"), "-v", "10", "sh", "-c", "sleep 5"],
                         env=child_env(), stderr=subprocess.PIPE)
    time.sleep(0.5)
    p.send_signal(signal.SIGINT)
    assert p.wait(timeout=10) == -signal.SIGINT
    assert p.stderr.read() == b"timeout: sending signal INT to command 'sh'\n"
    p.stderr.close()


def test_runs_pybox_applets(run, bindir):
    env = {"PATH": bindir + os.pathsep + os.environ["PATH"]}
    assert tuple(run("timeout", "5", "echo", "hi", env=env)) == (b"hi\n", b"", 0)
    r, took = timed(run, "timeout", "0.2", "sleep", "5", env=env)
    assert r.status == 124 and took < 4
    assert run("timeout", "5", "false", env=env).status == 1


@pytest.mark.parametrize("args, err, status", [
    ([], b"Try 'timeout --help' for more information.\n", 125),
    (["1"], b"Try 'timeout --help' for more information.\n", 125),
    (["x", "true"], b"timeout: invalid time interval 'x'\nTry 'timeout --help' for more information.\n", 125),
    (["nan", "true"], b"timeout: invalid time interval 'nan'\nTry 'timeout --help' for more information.\n", 125),
    (["--", "-1", "true"], b"timeout: invalid time interval '-1'\nTry 'timeout --help' for more information.\n", 125),
    (["-k", "x", "1", "true"], b"timeout: invalid time interval 'x'\nTry 'timeout --help' for more information.\n", 125),
    (["-s", "FOO", "1", "true"], b"timeout: 'FOO': invalid signal\nTry 'timeout --help' for more information.\n", 125),
    (["-s", "99", "1", "true"], b"timeout: '99': invalid signal\nTry 'timeout --help' for more information.\n", 125),
    (["--bogus", "1", "true"], b"timeout: unrecognized option '--bogus'\nTry 'timeout --help' for more information.\n", 125),
    (["1", "/nonexistent"], b"timeout: failed to run command '/nonexistent': No such file or directory\n", 127),
    (["1", "/etc"], b"timeout: failed to run command '/etc': Permission denied\n", 126),
])
def test_errors(run, args, err, status):
    assert tuple(run("timeout", *args)) == (b"", err, status)


@pytest.mark.parametrize("args", [
    [], ["1"], ["x", "true"], ["-s", "FOO", "1", "true"], ["1", "/nonexistent"], ["1", "/etc"],
    ["5", "sh", "-c", "exit 3"], ["inf", "true"], ["1e1000", "true"], ["0x1p-2", "true"],
    ["-v", "0.1", "sleep", "3"], ["-s", "HUP", "--preserve-status", "0.1", "sleep", "3"],
    # -s reads an exit status as its signal (130 is INT), names in any case
    ["-v", "-s", "130", "0.1", "sleep", "3"], ["-v", "-s", "sigusr1", "--preserve-status", "0.1", "sleep", "3"],
    ["-s", "rtmin+1", "--preserve-status", "0.1", "sleep", "3"], ["-s", "12x", "1", "true"],
])
def test_same_as_gnu(run, run_gnu, args):
    assert tuple(run("timeout", *args)) == tuple(run_gnu("timeout", *args))


def test_stops_at_the_first_operand(run):
    assert tuple(run("timeout", "5", "sh", "-c", "echo $0 $1", "-v", "-k")) == (b"-v -k\n", b"", 0)


def test_help(run):
    r = run("timeout", "--help")
    assert r.status == 0 and b"--preserve-status" in r.out and b"137  if COMMAND" in r.out
