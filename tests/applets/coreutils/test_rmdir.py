"""rmdir: plain, -p parents, -v, --ignore-fail-on-non-empty, symlinks with a
trailing slash, errors, non-UTF-8 names, and GNU differential tests."""
import os

import pytest

from _fstree import both, build

TREE = {"f": b"", "dd": {"x": b""}, "ld": ("link", "dd"), "lf": ("link", "f"), "em": {},
        "a": {"b": {"c": {}}}, "n": {"x": b"", "b": {"c": {}}}}


def test_missing_operand(run):
    assert tuple(run("rmdir")) == (b"", b"rmdir: missing operand\nTry 'rmdir --help' for more information.\n", 1)


def test_plain(run, tmp_path):
    build(tmp_path, TREE)
    assert tuple(run("rmdir", "em", cwd=str(tmp_path))) == (b"", b"", 0)
    assert not os.path.exists(tmp_path / "em")
    r = run("rmdir", "dd", "f", "nope", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"rmdir: failed to remove 'dd': Directory not empty\n"
                        b"rmdir: failed to remove 'f': Not a directory\n"
                        b"rmdir: failed to remove 'nope': No such file or directory\n", 1)


def test_parents_verbose(run, tmp_path):
    build(tmp_path, TREE)
    r = run("rmdir", "-pv", "a/b/c", cwd=str(tmp_path))
    assert tuple(r) == (b"rmdir: removing directory, 'a/b/c'\nrmdir: removing directory, 'a/b'\n"
                        b"rmdir: removing directory, 'a'\n", b"", 0)
    assert not os.path.exists(tmp_path / "a")
    r = run("rmdir", "--parents", "n/b/c", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"rmdir: failed to remove directory 'n': Directory not empty\n", 1)
    assert os.listdir(tmp_path / "n") == ["x"]


def test_ignore_fail(run, tmp_path):
    build(tmp_path, TREE)
    assert tuple(run("rmdir", "--ignore-fail-on-non-empty", "dd", cwd=str(tmp_path))) == (b"", b"", 0)
    r = run("rmdir", "-p", "--ignore-fail-on-non-empty", "n/b/c", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"", 0)
    assert os.listdir(tmp_path / "n") == ["x"]
    r = run("rmdir", "--ignore-fail-on-non-empty", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"rmdir: failed to remove 'f': Not a directory\n", 1)


def test_verbose_order_with_errors(run, tmp_path):
    build(tmp_path, TREE)
    r = run("rmdir", "-v", "dd", "em", cwd=str(tmp_path))
    assert r.out == b"rmdir: removing directory, 'dd'\nrmdir: removing directory, 'em'\n"
    assert r.err == b"rmdir: failed to remove 'dd': Directory not empty\n" and r.status == 1


def test_symlink_trailing_slash(run, tmp_path):
    build(tmp_path, TREE)
    r = run("rmdir", "ld/", "lf/", "ld", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"rmdir: failed to remove 'ld/': Symbolic link not followed\n"
                        b"rmdir: failed to remove 'lf/': Not a directory\n"
                        b"rmdir: failed to remove 'ld': Not a directory\n", 1)


def test_non_utf8(run, tmp_path):
    os.mkdir(os.fsencode(str(tmp_path)) + b"/\xff")
    r = run("rmdir", "-v", b"\xff", b"\xfe", cwd=str(tmp_path))
    assert tuple(r) == (b"rmdir: removing directory, ''$'\\377'\nrmdir: removing directory, ''$'\\376'\n",
                        b"rmdir: failed to remove ''$'\\376': No such file or directory\n", 1)


@pytest.mark.parametrize("args", [
    ["nope"], ["f"], ["ld/"], ["lf/"], ["dd/"], ["-pv", "a/b/c"], ["-p", "n/b/c"], ["-p", "a//b///c//"],
    ["--ignore-fail-on-non-empty", "-p", "n/b/c"], ["-v", "dd", "em"], ["."], ["-p", "a/b/c/.."],
    ["-v", "--parents", "em", "a/b/c"],
])
def test_same_as_gnu(run, run_gnu, tmp_path, args):
    both(run, run_gnu, tmp_path, TREE, "rmdir", *args)


@pytest.mark.parametrize("args", [['loop1/'], ['loop1/x'], ['-p', 'loop2/x']])
def test_symlink_loop_same_as_gnu(run, run_gnu, tmp_path, args):
    """A loop of symbolic links (ELOOP) on the way, as GNU reports it."""
    tree = {"loop1": ("link", "loop2"), "loop2": ("link", "loop1"), "f": b"x"}
    both(run, run_gnu, tmp_path, tree, "rmdir", *args)
