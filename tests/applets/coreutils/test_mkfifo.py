"""mkfifo: plain, -m modes, -Z/--context, errors, non-UTF-8 names, and GNU
differential tests."""
import os
import stat

import pytest

from _fstree import both

H = b"Try 'mkfifo --help' for more information.\n"


def test_missing_operand(run):
    assert tuple(run("mkfifo")) == (b"", b"mkfifo: missing operand\n" + H, 1)


def test_create(run, tmp_path):
    assert tuple(run("mkfifo", "p", "q", cwd=str(tmp_path))) == (b"", b"", 0)
    st = os.stat(tmp_path / "p")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_ISFIFO(st.st_mode) and stat.S_IMODE(st.st_mode) == 0o666 & ~umask
    r = run("mkfifo", "p", "nod/x", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"mkfifo: cannot create fifo 'p': File exists\n"
                        b"mkfifo: cannot create fifo 'nod/x': No such file or directory\n", 1)


@pytest.mark.parametrize("mode, expected", [("600", 0o600), ("a=rwx", 0o777), ("0", 0), ("u=r,g=w,o=x", 0o421)])
def test_modes(run, tmp_path, mode, expected):
    assert tuple(run("mkfifo", "-m", mode, "p", cwd=str(tmp_path))) == (b"", b"", 0)
    assert stat.S_IMODE(os.stat(tmp_path / "p").st_mode) == expected


def test_bad_modes(run, tmp_path):
    assert tuple(run("mkfifo", "-m", "bad", "p", cwd=str(tmp_path))) == (b"", b"mkfifo: invalid mode\n", 1)
    assert tuple(run("mkfifo", "-m", "u+s", "p", cwd=str(tmp_path))) == (
        b"", b"mkfifo: mode must specify only file permission bits\n", 1)
    assert not os.path.exists(tmp_path / "p")


def test_context(run, tmp_path):
    assert tuple(run("mkfifo", "-Z", "a", cwd=str(tmp_path))) == (b"", b"", 0)
    assert tuple(run("mkfifo", "--context=x_t", "b", cwd=str(tmp_path))) == (
        b"", b"mkfifo: warning: ignoring --context; it requires an SELinux/SMACK-enabled kernel\n", 0)
    assert stat.S_ISFIFO(os.stat(tmp_path / "b").st_mode)


def test_non_utf8(run, tmp_path):
    assert run("mkfifo", b"\xff", cwd=str(tmp_path)).status == 0
    r = run("mkfifo", b"\xff", cwd=str(tmp_path))
    assert r.err == b"mkfifo: cannot create fifo ''$'\\377': File exists\n"


@pytest.mark.parametrize("args", [["p"], ["-m", "600", "q"], ["-m", "+x", "u"], ["-m", "u+s", "r"],
                                  ["-m", "bad", "r"], ["f", "nod/x"], ["--mode=go=", "a", "b"], []])
def test_same_as_gnu(run, run_gnu, tmp_path, args):
    both(run, run_gnu, tmp_path, {"f": b""}, "mkfifo", *args)


@pytest.mark.parametrize("args", [['loop1'], ['loop1/x']])
def test_symlink_loop_same_as_gnu(run, run_gnu, tmp_path, args):
    """A loop of symbolic links (ELOOP) on the way, as GNU reports it."""
    tree = {"loop1": ("link", "loop2"), "loop2": ("link", "loop1"), "f": b"x"}
    both(run, run_gnu, tmp_path, tree, "mkfifo", *args)
