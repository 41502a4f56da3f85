"""nohup: plain runs, SIGHUP ignored, the nohup.out rules on a terminal
(under script(1)), $HOME/nohup.out, and the 125/126/127 statuses."""
import os
import shutil
import subprocess

import pytest

from conftest import child_env


def test_runs_command(run, via):
    assert tuple(run("nohup", "sh", "-c", "echo hi; exit 4", via=via)) == (b"hi\n", b"", 4)


def test_hangup_is_ignored(run):
    r = run("nohup", "sh", "-c", "kill -HUP $$; echo survived")
    assert tuple(r) == (b"survived\n", b"", 0)


def test_pybox_applet_runs_in_place(run, bindir):
    env = {"PATH": bindir + os.pathsep + os.environ["PATH"]}
    assert tuple(run("nohup", "echo", "x", env=env)) == (b"x\n", b"", 0)
    assert run("nohup", "false", env=env).status == 1


@pytest.mark.parametrize("args, err, status", [
    ([], b"nohup: missing operand\nTry 'nohup --help' for more information.\n", 125),
    (["-x"], b"nohup: invalid option -- 'x'\nTry 'nohup --help' for more information.\n", 125),
    (["/nonexistent"], b"nohup: failed to run command '/nonexistent': No such file or directory\n", 127),
    (["/etc"], b"nohup: failed to run command '/etc': Permission denied\n", 126),
])
def test_errors(run, args, err, status):
    assert tuple(run("nohup", *args)) == (b"", err, status)


def test_posixly_correct_internal_status(run):
    assert run("nohup", env={"POSIXLY_CORRECT": "1"}).status == 127


@pytest.mark.parametrize("args", [[], ["-x"], ["/nonexistent"], ["/etc"], ["echo", "a"],
                                  ["sh", "-c", "exit 3"]])
def test_same_as_gnu(same_as_gnu, args):
    same_as_gnu("nohup", *args)


def script(cmd, cwd, env=None):
    path = shutil.which("script")
    if path is None:
        pytest.skip("script(1) is not installed")
    p = subprocess.run([path, "-qc", cmd, "/dev/null"], stdin=subprocess.DEVNULL, cwd=cwd,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env(env), timeout=30)
    return p.stdout.replace(b"\r\n", b"\n")


def test_terminal_output_goes_to_nohup_out(bindir, tmp_path):
    nohup = os.path.join(bindir, "nohup")
    out = script("%s sh -c 'echo out; echo err >&2; read x; echo read=$?'; echo rc=$?" % nohup, str(tmp_path))
    assert out == b"nohup: ignoring input and appending output to 'nohup.out'\nrc=0\n"
    data = (tmp_path / "nohup.out").read_bytes()
    assert data == b"out\nerr\nread=1\n" or data.startswith(b"out\nerr\n")
    assert (tmp_path / "nohup.out").stat().st_mode & 0o777 == 0o600
    # appended, not truncated; input not a terminal
    out = script("%s echo again </dev/null" % nohup, str(tmp_path))
    assert out == b"nohup: appending output to 'nohup.out'\n"
    assert (tmp_path / "nohup.out").read_bytes().endswith(b"again\n")


def test_stderr_only_on_terminal(bindir, tmp_path):
    nohup = os.path.join(bindir, "nohup")
    out = script("%s sh -c 'echo err >&2' >f </dev/null" % nohup, str(tmp_path))
    assert out == b"nohup: redirecting stderr to stdout\n"
    assert (tmp_path / "f").read_bytes() == b"err\n"
    out = script("%s sh -c 'echo o' >g" % nohup, str(tmp_path))
    assert out == b"nohup: ignoring input and redirecting stderr to stdout\n"
    out = script("%s sh -c 'echo o' >h 2>e" % nohup, str(tmp_path))
    assert out == b"" and (tmp_path / "e").read_bytes() == b"nohup: ignoring input\n"


def test_home_fallback_by_unwritable_dir(bindir, tmp_path):
    """nohup.out cannot be created here (a directory by that name is in the
    way), so it goes to $HOME/nohup.out."""
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "nohup.out").mkdir()
    home = tmp_path / "home"
    home.mkdir()
    nohup = os.path.join(bindir, "nohup")
    out = script("%s echo hi" % nohup, str(tmp_path / "work"), env={"HOME": str(home)})
    assert out == ("nohup: ignoring input and appending output to '%s/nohup.out'\n" % home).encode()
    assert (home / "nohup.out").read_bytes() == b"hi\n"
    (home / "nohup.out").unlink()
    (home / "nohup.out").mkdir()
    out = script("%s echo hi; echo rc=$?" % nohup, str(tmp_path / "work"), env={"HOME": str(home)})
    assert out == ("nohup: failed to open 'nohup.out': Is a directory\n"
                   "nohup: failed to open '%s/nohup.out': Is a directory\nrc=125\n" % home).encode()


def test_failed_command_on_terminal(bindir, tmp_path):
    out = script("%s /nonexistent; echo rc=$?" % os.path.join(bindir, "nohup"), str(tmp_path))
    assert out == (b"nohup: ignoring input and appending output to 'nohup.out'\n"
                   b"nohup: failed to run command '/nonexistent': No such file or directory\nrc=127\n")


def test_terminal_same_as_gnu(bindir, tmp_path):
    if not os.path.exists("/usr/bin/nohup"):
        pytest.skip("GNU nohup missing")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    cmd = "%s sh -c 'echo x; echo y >&2'; echo rc=$?; %s /nonexistent; echo rc=$?"
    ours = script(cmd % ((os.path.join(bindir, "nohup"),) * 2), str(tmp_path / "a"))
    gnus = script(cmd % (("/usr/bin/nohup",) * 2), str(tmp_path / "b"))
    assert ours == gnus.replace(b"/usr/bin/nohup", b"nohup")
    assert (tmp_path / "a" / "nohup.out").read_bytes() == (tmp_path / "b" / "nohup.out").read_bytes()
