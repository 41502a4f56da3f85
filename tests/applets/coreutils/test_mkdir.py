"""mkdir: plain, -p parents, -m modes (octal, symbolic, special bits), -v,
-Z/--context without SELinux, errors, non-UTF-8 names, and GNU
differential tests."""
import os
import stat

import pytest

from _fstree import both

TREE = {"f": b"", "dd": {"x": b""}, "ld": ("link", "dd"), "lf": ("link", "f")}


def mode_of(p):
    return stat.S_IMODE(os.stat(p).st_mode)


def test_missing_operand(run):
    assert tuple(run("mkdir")) == (b"", b"mkdir: missing operand\nTry 'mkdir --help' for more information.\n", 1)
    assert tuple(run("mkdir", "-p")) == (b"", b"mkdir: missing operand\nTry 'mkdir --help' for more information.\n", 1)


def test_plain_and_verbose(run, tmp_path):
    r = run("mkdir", "a", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"", 0) and os.path.isdir(tmp_path / "a")
    umask = os.umask(0)
    os.umask(umask)
    assert mode_of(tmp_path / "a") == 0o777 & ~umask
    r = run("mkdir", "-v", "b", "--verbose", "c d", cwd=str(tmp_path))
    assert tuple(r) == (b"mkdir: created directory 'b'\nmkdir: created directory 'c d'\n", b"", 0)


def test_exists(run, tmp_path):
    os.mkdir(tmp_path / "a")
    r = run("mkdir", "a", "b", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"mkdir: cannot create directory 'a': File exists\n", 1)
    assert os.path.isdir(tmp_path / "b")
    assert tuple(run("mkdir", "-p", "a", "b", cwd=str(tmp_path))) == (b"", b"", 0)


def test_parents(run, tmp_path):
    r = run("mkdir", "-pv", "a/b/", "c//d", "a/b/e", cwd=str(tmp_path))
    assert tuple(r) == (b"mkdir: created directory 'a'\nmkdir: created directory 'a/b/'\n"
                        b"mkdir: created directory 'c'\nmkdir: created directory 'c//d'\n"
                        b"mkdir: created directory 'a/b/e'\n", b"", 0)
    r = run("mkdir", "x/y", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"mkdir: cannot create directory 'x/y': No such file or directory\n", 1)


def test_parents_mode(run, tmp_path):
    r = run("mkdir", "-p", "-m", "700", "p1/p2", cwd=str(tmp_path), env={})
    assert r.status == 0
    umask = os.umask(0)
    os.umask(umask)
    assert mode_of(tmp_path / "p1" / "p2") == 0o700
    assert mode_of(tmp_path / "p1") == (0o777 & ~umask) | 0o300


@pytest.mark.parametrize("mode, expected", [
    ("777", 0o777), ("1777", 0o1777), ("0", 0), ("u=rwx,g=,o=", 0o700), ("g+s", 0o2777),
    ("a=rx", 0o555), ("=", 0), ("u=rwx,go=u-w", 0o755), ("2755", 0o2755),
])
def test_modes(run, tmp_path, mode, expected):
    r = run("mkdir", "-m", mode, "d", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"", 0)
    assert mode_of(tmp_path / "d") == expected


def test_symbolic_mode_uses_umask(sh, tmp_path):
    r = sh("umask 027; mkdir -m +w d; stat -c %a d", cwd=str(tmp_path))
    assert r.out == b"750\n"  # w only where the umask allows, the rest as mkdir(2) left it
    r = sh("umask 027; mkdir -m a+r e && stat -c %a e", cwd=str(tmp_path))
    assert r.out == b"777\n"  # a+r on 0777: who given, the umask does not apply


def test_bad_mode(run, tmp_path):
    r = run("mkdir", "-m", "bad", "d", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"mkdir: invalid mode 'bad'\n", 1)
    assert not os.path.exists(tmp_path / "d")


def test_selinux_options(run, tmp_path):
    assert tuple(run("mkdir", "-Z", "a", cwd=str(tmp_path))) == (b"", b"", 0)
    r = run("mkdir", "--context=x_t", "b", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"mkdir: warning: ignoring --context; it requires an SELinux/SMACK-enabled kernel\n", 0)
    assert os.path.isdir(tmp_path / "a") and os.path.isdir(tmp_path / "b")


def test_non_utf8(run, tmp_path):
    r = run("mkdir", "-v", b"\xff", cwd=str(tmp_path))
    assert tuple(r) == (b"mkdir: created directory ''$'\\377'\n", b"", 0)
    assert os.path.isdir(os.fsencode(str(tmp_path)) + b"/\xff")


@pytest.mark.parametrize("args", [
    ["-p", "f/x"], ["-p", "f"], ["f"], ["-pv", "a/b/", "c//d"], ["-p", "ld/q"], ["ld/"], ["-p", "f/x/y"],
    ["-p", ""], [""], ["-m", "bad", "x"], ["-m", "644", "-v", "z"], ["dd/x/y"], ["-p", "./n/../m"],
    ["--mode=u+s", "q"], ["-m", "o-x,+t", "r"],
])
def test_same_as_gnu(run, run_gnu, tmp_path, args):
    both(run, run_gnu, tmp_path, TREE, "mkdir", *args)


def test_same_as_gnu_utf8(run, run_gnu, tmp_path):
    both(run, run_gnu, tmp_path, TREE, "mkdir", "f", "-m", "x", env={"LC_ALL": "C.UTF-8"})
    both(run, run_gnu, tmp_path, TREE, "mkdir", "f", "dd", env={"LC_ALL": "C.UTF-8"})


@pytest.mark.parametrize("args", [['loop1/x'], ['-p', 'loop1/x/y'], ['loop1'], ['-p', 'loop1']])
def test_symlink_loop_same_as_gnu(run, run_gnu, tmp_path, args):
    """A loop of symbolic links (ELOOP) on the way, as GNU reports it."""
    tree = {"loop1": ("link", "loop2"), "loop2": ("link", "loop1"), "f": b"x"}
    both(run, run_gnu, tmp_path, tree, "mkdir", *args)
