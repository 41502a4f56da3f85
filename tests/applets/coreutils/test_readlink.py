"""readlink (realpath.py): plain readlink(2), -f/-e/-m canonicalisation
(chains, loops, dangling links, trailing slashes, '..' after links), -n,
-z, -q/-s/-v, errors, non-UTF-8 names, and GNU differential tests."""
import os

import pytest

import _linktree

H = b"Try 'readlink --help' for more information.\n"


@pytest.fixture
def tree(tmp_path):
    return _linktree.make(tmp_path / "t")


def test_missing_operand(run):
    assert tuple(run("readlink")) == (b"", b"readlink: missing operand\n" + H, 1)


def test_plain(run, tree):
    assert tuple(run("readlink", "lf", "ld", "dang", cwd=tree)) == (b"f\nd\nnope\n", b"", 0)
    assert tuple(run("readlink", "f", "nope", "lf", cwd=tree)) == (b"f\n", b"", 1)
    r = run("readlink", "-v", "f", "nope", cwd=tree)
    assert tuple(r) == (b"", b"readlink: f: Invalid argument\nreadlink: nope: No such file or directory\n", 1)
    assert tuple(run("readlink", "-v", "-q", "f", cwd=tree)) == (b"", b"", 1)
    assert tuple(run("readlink", "-v", "--silent", "f", cwd=tree)) == (b"", b"", 1)


def test_canonicalize(run, tree):
    t = os.fsencode(tree)
    r = run("readlink", "-f", "lf", "ld/s/../up", "dang", "lf2", "abs/s/good/good", cwd=tree)
    assert tuple(r) == (b"%s/f\n%s/f\n%s/nope\n%s/f\n%s/d/s\n" % (t, t, t, t, t), b"", 0)
    r = run("readlink", "-fv", "nope/x", "loop1", "f/x", "f/", cwd=tree)
    assert tuple(r) == (b"", b"readlink: nope/x: No such file or directory\n"
                        b"readlink: loop1: Too many levels of symbolic links\n"
                        b"readlink: f/x: Not a directory\nreadlink: f/: Not a directory\n", 1)
    r = run("readlink", "-e", "lf", "dang", cwd=tree)
    assert tuple(r) == (b"%s/f\n" % t, b"", 1)
    r = run("readlink", "-m", "nope/x/../y", "loop1", "f/x/..", "dang/", cwd=tree)
    assert tuple(r) == (b"%s/nope/y\n%s/loop1\n%s/f\n%s/nope\n" % (t, t, t, t), b"", 0)
    assert tuple(run("readlink", "-f", "", cwd=tree)) == (b"", b"", 1)


def test_last_mode_wins(run, tree):
    t = os.fsencode(tree)
    assert run("readlink", "-e", "-m", "nope/x", cwd=tree).out == b"%s/nope/x\n" % t
    assert run("readlink", "-m", "-e", "nope/x", cwd=tree).status == 1


def test_delimiters(run, tree):
    assert tuple(run("readlink", "-n", "lf", cwd=tree)) == (b"f", b"", 0)
    assert tuple(run("readlink", "-n", "lf", "ld", cwd=tree)) == (
        b"f\nd\n", b"readlink: ignoring --no-newline with multiple arguments\n", 0)
    assert tuple(run("readlink", "-z", "lf", "ld", cwd=tree)) == (b"f\0d\0", b"", 0)
    assert tuple(run("readlink", "-zn", "lf", cwd=tree)) == (b"f", b"", 0)


def test_non_utf8(run, tmp_path):
    os.symlink(b"\xfe", os.fsencode(str(tmp_path)) + b"/\xff")
    assert tuple(run("readlink", b"\xff", cwd=str(tmp_path))) == (b"\xfe\n", b"", 0)
    assert run("readlink", "-f", b"\xff", cwd=str(tmp_path)).out == os.fsencode(str(tmp_path)) + b"/\xfe\n"
    r = run("readlink", "-v", b"\xfd", cwd=str(tmp_path))
    assert r.err == b"readlink: ''$'\\375': No such file or directory\n"


def test_deep_chain(run, tmp_path):
    """40 links are followed, the 41st is a loop (as glibc's limit)."""
    d = str(tmp_path)
    open(os.path.join(d, "l0"), "w").close()
    for i in range(1, 42):
        os.symlink("l%d" % (i - 1), os.path.join(d, "l%d" % i))
    assert run("readlink", "-f", "l40", cwd=d).out == os.fsencode(d) + b"/l0\n"
    r = run("readlink", "-fv", "l41", cwd=d)
    assert r.err == b"readlink: l41: Too many levels of symbolic links\n"


@pytest.mark.parametrize("args", [
    ["lf", "f", "nope"], ["-v", "lf", "f", "nope"], ["-f", "lf", "ld/s/../up", "dang", "nope/x", "loop1"],
    ["-fv", "dang", "nope/x", "loop1", "f/x"], ["-e", "lf", "dang"], ["-ev", "dang", "loop1"],
    ["-m", "nope/x/../y", "loop1", "f/x/.."], ["-n", "lf"], ["-n", "lf", "ld"], ["-z", "lf", "ld"], [],
    ["-f", ""], ["-ev", "f/"], ["-fv", "f/", "f/.", "ld/", "ld/."], ["-e", "lf2", "ld/./s/"],
    ["-m", "f/./"], ["-f", "dang/"], ["-ev", "d/s/bad/..", "d/s/good/good/../s"], ["-fv", "abs/s/bad"],
    ["-mv", "/../..//x/./", "//", "/."], ["-ev", "ld/../f", "ld/s/../../lf"],
])
def test_same_as_gnu(run, run_gnu, tree, args):
    assert run("readlink", *args, cwd=tree) == run_gnu("readlink", *args, cwd=tree)
