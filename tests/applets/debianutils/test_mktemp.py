"""mktemp: files (0600, O_EXCL) and directories (0700), templates with
3+ X's and suffixes, -u, -q, -p/--tmpdir/-t and TMPDIR, the error
messages, non-UTF-8 templates, and GNU differential tests."""
import os
import re
import stat

import pytest


def made(out):
    assert out.endswith(b"\n")
    return out[:-1]


def test_file(run, tmp_path):
    r = run("mktemp", "fXXXXXX", cwd=str(tmp_path))
    assert r.status == 0 and r.err == b""
    name = made(r.out)
    assert re.fullmatch(rb"f[A-Za-z0-9]{6}", name)
    st = os.stat(os.path.join(str(tmp_path), os.fsdecode(name)))
    assert stat.S_ISREG(st.st_mode) and stat.S_IMODE(st.st_mode) == 0o600 and st.st_size == 0


def test_directory(run, tmp_path):
    r = run("mktemp", "-d", "dXXX", cwd=str(tmp_path))
    name = made(r.out)
    st = os.stat(os.path.join(str(tmp_path), os.fsdecode(name)))
    assert stat.S_ISDIR(st.st_mode) and stat.S_IMODE(st.st_mode) == 0o700
    r = run("mktemp", "--directory", "-p", str(tmp_path), "qXXXX")
    assert os.path.isdir(made(r.out)) and made(r.out).startswith(os.fsencode(str(tmp_path)) + b"/q")


def test_only_last_run_of_xs(run, tmp_path):
    name = made(run("mktemp", "XXX.XXX", cwd=str(tmp_path)).out)
    assert name.startswith(b"XXX.") and not name.endswith(b"XXX")
    name = made(run("mktemp", "--suffix=.txt", "aXXX", cwd=str(tmp_path)).out)
    assert re.fullmatch(rb"a[A-Za-z0-9]{3}\.txt", name)
    name = made(run("mktemp", "aXXXb", cwd=str(tmp_path)).out)
    assert re.fullmatch(rb"a[A-Za-z0-9]{3}b", name)


def test_default_template_and_tmpdir(run, tmp_path):
    env = {"TMPDIR": str(tmp_path)}
    name = made(run("mktemp", env=env).out)
    assert re.fullmatch(re.escape(os.fsencode(str(tmp_path))) + rb"/tmp\.[A-Za-z0-9]{10}", name)
    name = made(run("mktemp", "-t", "zXXX", env=env).out)
    assert name.startswith(os.fsencode(str(tmp_path)) + b"/z")
    other = tmp_path / "o"
    other.mkdir()
    # -p beats TMPDIR for --tmpdir, TMPDIR beats -p for -t
    name = made(run("mktemp", "-p", str(other), "aXXX", env=env).out)
    assert name.startswith(os.fsencode(str(other)) + b"/a")
    name = made(run("mktemp", "-t", "-p", str(other), "bXXX", env=env).out)
    assert name.startswith(os.fsencode(str(tmp_path)) + b"/b")
    (other / "sub").mkdir()
    name = made(run("mktemp", "--tmpdir=" + str(other), "sub/cXXX", env=env).out)
    assert name.startswith(os.fsencode(str(other)) + b"/sub/c")


def test_dry_run(run, tmp_path):
    name = made(run("mktemp", "-u", "uXXXX", cwd=str(tmp_path)).out)
    assert re.fullmatch(rb"u[A-Za-z0-9]{4}", name) and not os.path.exists(tmp_path / os.fsdecode(name))
    r = run("mktemp", "-u", "/nonexistent/dir/XXX")
    assert r.status == 0 and r.out.startswith(b"/nonexistent/dir/")


def test_exhausted_names(run, tmp_path):
    """With few X's and every name taken, mktemp gives up with EEXIST.
    (3 X's: 238328 names; filling them is too slow, so check the retry
    instead: a taken name is never returned.)"""
    for _ in range(5):
        name = made(run("mktemp", "-p", str(tmp_path), "XXX").out)
        assert os.path.exists(name)
    assert len(os.listdir(tmp_path)) == 5


@pytest.mark.parametrize("args, msg", [
    (["aXX"], "mktemp: too few X's in template 'aXX'"),
    (["XXaXX"], "mktemp: too few X's in template 'XXaXX'"),
    (["--suffix=.txt", "a"], "mktemp: with --suffix, template 'a' must end in X"),
    (["--suffix=/x", "aXXX"], "mktemp: invalid suffix '/x', contains directory separator"),
    (["aXXXb/c"], "mktemp: invalid suffix 'b/c', contains directory separator"),
    (["-t", "a/bXXX"], "mktemp: invalid template, 'a/bXXX', contains directory separator"),
    (["--tmpdir", "/abs/XXX"], "mktemp: invalid template, '/abs/XXX'; with --tmpdir, it may not be absolute"),
    (["/nonexist/XXX"], "mktemp: failed to create file via template '/nonexist/XXX': No such file or directory"),
    (["-d", "/nonexist/XXX"],
     "mktemp: failed to create directory via template '/nonexist/XXX': No such file or directory"),
    ([""], "mktemp: too few X's in template ''"),
])
def test_errors(run, tmp_path, args, msg):
    assert tuple(run("mktemp", *args, cwd=str(tmp_path))) == (b"", (msg + "\n").encode(), 1)


def test_quiet_and_usage(run, tmp_path):
    assert tuple(run("mktemp", "-q", "/nonexist/XXX")) == (b"", b"", 1)
    assert tuple(run("mktemp", "a", "b")) == (
        b"", b"mktemp: too many templates\nTry 'mktemp --help' for more information.\n", 1)
    r = run("mktemp", "aXX", env={"LC_ALL": "C.UTF-8"})
    assert r.err == "mktemp: too few X's in template \u2018aXX\u2019\n".encode()


def test_non_utf8(run, tmp_path):
    name = made(run("mktemp", b"\xffXXX", cwd=str(tmp_path)).out)
    assert name.startswith(b"\xff") and os.path.exists(os.fsencode(str(tmp_path)) + b"/" + name)


@pytest.mark.parametrize("args", [
    ["aXX"], ["a/bXXX"], ["--suffix=.txt", "a"], ["--suffix=/x", "aXXX"], ["aXXXb/c"], ["-t", "a/bXXX"],
    ["--tmpdir", "/abs/XXX"], ["a", "b"], ["-q", "/nonexist/XXX"], ["-d", "/nonexist/XXX"], [""],
    ["-u", "XXX/a"], ["-d", "-q", "/nonexist/XXX"],
])
def test_same_as_gnu(run, run_gnu, tmp_path, args):
    assert run("mktemp", *args, cwd=str(tmp_path)) == run_gnu("mktemp", *args, cwd=str(tmp_path))


@pytest.mark.parametrize("args", [["-u", "fXXXXX"], ["-u", "-t", "fXXXXX"], ["-u"], ["-u", "--suffix=.c", "aXXX"],
                                  ["-u", "-p", "/x", "aXXXX"], ["-u", "XXX.XXX"]])
def test_name_shape_same_as_gnu(run, run_gnu, tmp_path, args):
    def shape(out):
        return len(out), out.count(b"/"), out[:out.rfind(b"/") + 1]
    env = {"TMPDIR": str(tmp_path)}
    ours, theirs = run("mktemp", *args, env=env), run_gnu("mktemp", *args, env=env)
    assert (ours.status, ours.err) == (theirs.status, theirs.err) == (0, b"")
    assert shape(ours.out) == shape(theirs.out)
