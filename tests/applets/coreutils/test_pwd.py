"""pwd: physical by default, logical from $PWD when it can be trusted,
POSIXLY_CORRECT, ignored operands, and differential tests."""
import os
import subprocess

import pytest

from conftest import child_env


@pytest.fixture
def dirs(tmp_path):
    """(real, link): a directory and a symlink to it, both absolute."""
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    link = tmp_path / "link"
    os.symlink(str(real), str(link))
    return os.path.realpath(str(real)), str(link)


def test_default_is_physical(run, via, dirs):
    real, link = dirs
    r = run("pwd", cwd=link, env={"PWD": link}, via=via)
    assert tuple(r) == (real.encode() + b"\n", b"", 0)


@pytest.mark.parametrize("args", [["-P"], ["--physical"], ["-LP"], ["-L", "-P"], ["--logical", "--phys"]])
def test_physical(run, dirs, args):
    real, link = dirs
    assert tuple(run("pwd", *args, cwd=link, env={"PWD": link})) == (real.encode() + b"\n", b"", 0)


@pytest.mark.parametrize("args", [["-L"], ["--logical"], ["-PL"], ["-P", "-L"], ["--log"]])
def test_logical(run, dirs, args):
    real, link = dirs
    assert tuple(run("pwd", *args, cwd=link, env={"PWD": link})) == (link.encode() + b"\n", b"", 0)


def test_logical_subdirectory_through_link(run, dirs):
    real, link = dirs
    sub = os.path.join(link, "sub")
    assert run("pwd", "-L", cwd=sub, env={"PWD": sub}).out == sub.encode() + b"\n"


@pytest.mark.parametrize("bad", ["relative", "{link}/.", "{link}/../link", "{link}/./", "{real}/sub", "",
                                 "/nonexistent/dir"])
def test_logical_falls_back_when_pwd_is_untrustworthy(run, dirs, bad):
    real, link = dirs
    pwd = bad.format(link=link, real=real)
    r = run("pwd", "-L", cwd=link, env={"PWD": pwd})
    assert tuple(r) == (real.encode() + b"\n", b"", 0)


def test_logical_without_pwd(run, dirs):
    real, link = dirs
    assert run("pwd", "-L", cwd=link, env={"PWD": None}).out == real.encode() + b"\n"


def test_logical_keeps_doubled_slashes(run, dirs):
    real, link = dirs
    pwd = link.replace("/", "//", 1)
    assert run("pwd", "-L", cwd=link, env={"PWD": pwd}).out == pwd.encode() + b"\n"


def test_posixly_correct_defaults_to_logical(run, dirs):
    real, link = dirs
    env = {"PWD": link, "POSIXLY_CORRECT": "1"}
    assert run("pwd", cwd=link, env=env).out == link.encode() + b"\n"
    assert run("pwd", "-P", cwd=link, env=env).out == real.encode() + b"\n"


def test_root(run):
    assert tuple(run("pwd", cwd="/", env={"PWD": "/"})) == (b"/\n", b"", 0)
    assert tuple(run("pwd", "-L", cwd="/", env={"PWD": "/"})) == (b"/\n", b"", 0)


def test_non_utf8_directory(run, tmp_path):
    d = os.path.join(os.fsencode(os.path.realpath(str(tmp_path))), b"\xff\xfe")
    os.mkdir(d)
    assert run("pwd", cwd=d).out == d + b"\n"
    assert run("pwd", "-L", cwd=d, env={"PWD": os.fsdecode(d)}).out == d + b"\n"


def test_operands_ignored_with_warning(run, dirs):
    real, link = dirs
    r = run("pwd", "extra", "args", cwd=real)
    assert tuple(r) == (real.encode() + b"\n", b"pwd: ignoring non-option arguments\n", 0)


def test_bad_option(run):
    assert tuple(run("pwd", "-x")) == (b"", b"pwd: invalid option -- 'x'\n"
                                       b"Try 'pwd --help' for more information.\n", 1)


def test_help(run):
    r = run("pwd", "--help")
    assert (r.status, r.err) == (0, b"")
    assert r.out.startswith(b"Usage: pwd [OPTION]...\n")
    assert b"  -L, --logical " in r.out and b"  -P, --physical " in r.out


def test_deleted_directory(bindir, tmp_path):
    gone = tmp_path / "gone"
    gone.mkdir()
    script = 'cd "$1" && rmdir "$1" && exec "$2"'
    p = subprocess.run(["/bin/sh", "-c", script, "sh", str(gone), os.path.join(bindir, "pwd")],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env())
    assert (p.stdout, p.returncode) == (b"", 1)
    assert p.stderr == b"pwd: couldn't find directory entry in '..' with matching i-node\n"


def test_write_error(bindir):
    with open("/dev/full", "wb") as full:
        p = subprocess.run([os.path.join(bindir, "pwd")], stdout=full, stderr=subprocess.PIPE,
                           env=child_env(), cwd="/")
    assert (p.returncode, p.stderr) == (1, b"pwd: write error: No space left on device\n")


@pytest.mark.parametrize("args", [[], ["-L"], ["-P"], ["-LP"], ["--log"]], ids=repr)
@pytest.mark.parametrize("pwd", ["{link}", "{real}", "{link}/.", "{link}/", "x", None])
@pytest.mark.parametrize("posixly", [False, True])
def test_same_as_gnu(same_as_gnu, dirs, args, pwd, posixly):
    real, link = dirs
    env = {"PWD": pwd.format(link=link, real=real) if pwd is not None else None}
    if posixly:
        env["POSIXLY_CORRECT"] = "1"
    same_as_gnu("pwd", *args, cwd=link, env=env)
