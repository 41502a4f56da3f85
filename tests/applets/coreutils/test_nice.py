"""nice: printing the niceness, -n/--adjustment/-NUM, clamping, running
commands (pybox applets in place, others exec'd), and GNU's messages."""
import os

import pytest


def niceness_after(run, *args, **kw):
    r = run("nice", *args, "/usr/bin/nice", **kw)
    assert r.status == 0, r
    return int(r.out)


def test_prints_niceness(run, via):
    assert tuple(run("nice", via=via)) == (b"%d\n" % os.getpriority(os.PRIO_PROCESS, 0), b"", 0)


@pytest.mark.parametrize("args, delta", [
    ([], 10), (["-n", "5"], 5), (["-n5"], 5), (["--adjustment=3"], 3), (["--adj", "3"], 3),
    (["-5"], 5), (["-+5"], 5), (["-n", "+2"], 2), (["-n", " 4"], 4),
    (["--adjustment=2", "--adjustment=+3"], 3), (["-n", "0"], 0),
])
def test_adjustments(run, args, delta):
    base = os.getpriority(os.PRIO_PROCESS, 0)
    assert niceness_after(run, *args) == min(base + delta, 19)


def test_clamped(run):
    assert niceness_after(run, "-n", "100") == 19
    assert niceness_after(run, "-n", "99999999999999999999") == 19


@pytest.mark.skipif(os.geteuid() != 0, reason="lowering the niceness needs root")
def test_negative_as_root(run):
    assert niceness_after(run, "--5") == os.getpriority(os.PRIO_PROCESS, 0) - 5
    assert niceness_after(run, "-n", "-100") == -20


def test_runs_pybox_applet_in_place(run, bindir):
    env = {"PATH": bindir + os.pathsep + os.environ["PATH"]}
    base = os.getpriority(os.PRIO_PROCESS, 0)
    assert run("nice", "-n", "3", "nice", env=env).out == b"%d\n" % min(base + 3, 19)
    assert tuple(run("nice", "echo", "a", "b", env=env)) == (b"a b\n", b"", 0)
    assert run("nice", "false", env=env).status == 1
    assert tuple(run("nice", os.path.join(bindir, "pybox"), "echo", "x")) == (b"x\n", b"", 0)


def test_command_status_and_args(run):
    assert tuple(run("nice", "sh", "-c", "printf '%s\\n' $1; exit 6", "sh", "-n")) == (b"-n\n", b"", 6)


@pytest.mark.parametrize("args, err, status", [
    (["-n", "x", "true"], b"nice: invalid adjustment 'x'\n", 125),
    (["-n", "1x", "true"], b"nice: invalid adjustment '1x'\n", 125),
    (["-n", "3"], b"nice: a command must be given with an adjustment\n"
                  b"Try 'nice --help' for more information.\n", 125),
    (["/nonexistent"], b"nice: '/nonexistent': No such file or directory\n", 127),
    (["/etc"], b"nice: '/etc': Permission denied\n", 126),
    (["--", "-5", "x"], b"nice: '-5': No such file or directory\n", 127),
    (["-x"], b"nice: invalid option -- 'x'\nTry 'nice --help' for more information.\n", 125),
])
def test_errors(run, args, err, status):
    assert tuple(run("nice", *args)) == (b"", err, status)


def test_script_without_shebang(run, tmp_path):
    p = tmp_path / "s"
    p.write_bytes(b"echo from script\n")
    p.chmod(0o755)
    assert tuple(run("nice", str(p))) == (b"from script\n", b"", 0)


@pytest.mark.parametrize("args", [
    [], ["-n", "5", "/usr/bin/nice"], ["-n", "x", "true"], ["-5", "/usr/bin/nice"],
    ["-n", "3"], ["/nonexistent"], ["/etc"], ["-n", "100", "/usr/bin/nice"],
    ["--adjustment=2", "--adjustment=+3", "/usr/bin/nice"], ["-n", "2", "--", "/usr/bin/nice"],
])
def test_same_as_gnu(same_as_gnu, args):
    same_as_gnu("nice", *args)


def test_utf8_quotes(run):
    r = run("nice", "-n", "x", "true", env={"LC_ALL": "C.UTF-8"})
    assert r.err == "nice: invalid adjustment \u2018x\u2019\n".encode()
