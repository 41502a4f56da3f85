"""realpath (realpath.py): the default, -e and -m modes, -s, -L/-P,
--relative-to and --relative-base, -q, -z, errors, non-UTF-8 names, and
GNU differential tests (hypothesis-generated names over a link tree)."""
import os

import pytest
from hypothesis import given, settings, strategies as st

import _linktree

H = b"Try 'realpath --help' for more information.\n"


@pytest.fixture
def tree(tmp_path):
    return _linktree.make(tmp_path / "t")


def test_missing_operand(run):
    assert tuple(run("realpath")) == (b"", b"realpath: missing operand\n" + H, 1)


def test_default(run, tree):
    t = os.fsencode(tree)
    r = run("realpath", "lf", "ld/s/..", "dang", "nope/x", ".", cwd=tree)
    assert tuple(r) == (b"%s/f\n%s/d\n%s/nope\n%s\n" % (t, t, t, t),
                        b"realpath: nope/x: No such file or directory\n", 1)
    assert tuple(run("realpath", "/", "//", "/..", "///a")) == (b"/\n/\n/\n/a\n", b"", 0)
    assert tuple(run("realpath", "")) == (b"", b"realpath: '': No such file or directory\n", 1)


def test_modes(run, tree):
    t = os.fsencode(tree)
    assert tuple(run("realpath", "-e", "dang", cwd=tree)) == (
        b"", b"realpath: dang: No such file or directory\n", 1)
    assert run("realpath", "-m", "nope/../x", "loop1", cwd=tree).out == b"%s/x\n%s/loop1\n" % (t, t)
    assert tuple(run("realpath", "loop1", cwd=tree)) == (
        b"", b"realpath: loop1: Too many levels of symbolic links\n", 1)
    assert run("realpath", "-e", "ld/s/", cwd=tree).out == b"%s/d/s\n" % t


def test_strip_and_logical(run, tree):
    t = os.fsencode(tree)
    assert run("realpath", "-s", "ld/s/../up", "lf", cwd=tree).out == b"%s/ld/up\n%s/lf\n" % (t, t)
    assert run("realpath", "--no-symlinks", "-m", "../../x", cwd=tree).out.endswith(b"/x\n")
    assert run("realpath", "-L", "d/s/good/../..", cwd=tree).out == b"%s/d\n" % t
    assert run("realpath", "-P", "d/s/good/../..", cwd=tree).out == b"%s\n" % t
    r = run("realpath", "-L", "d/s/bad/..", cwd=tree)
    assert tuple(r) == (b"", b"realpath: d/s/bad/..: No such file or directory\n", 1)


def test_relative(run, tree):
    t = os.fsencode(tree)
    assert run("realpath", "--relative-to=d", "f", "d/s", ".", cwd=tree).out == b"../f\ns\n..\n"
    assert run("realpath", "--relative-base=d", "f", "d/s", "d", cwd=tree).out == b"%s/f\ns\n.\n" % t
    assert run("realpath", "--relative-to=d/s", "--relative-base=d", "d/s", "d/s/x", "f", cwd=tree).out == \
        b".\nx\n%s/f\n" % t
    # --relative-to outside --relative-base: absolute names
    assert run("realpath", "--relative-to=d", "--relative-base=d/s", "f", "d", cwd=tree).out == \
        b"%s/f\n%s/d\n" % (t, t)
    assert run("realpath", "--relative-base=/", "f", "/", cwd=tree).out == t[1:] + b"/f\n.\n"
    r = run("realpath", "-e", "--relative-to=f", "f", cwd=tree)
    assert tuple(r) == (b"", b"realpath: f: Not a directory\n", 1)
    r = run("realpath", "--relative-to=nope/x", "f", cwd=tree)
    assert tuple(r) == (b"", b"realpath: nope/x: No such file or directory\n", 1)


def test_quiet_zero(run, tree):
    assert tuple(run("realpath", "-q", "nope/x", cwd=tree)) == (b"", b"", 1)
    assert run("realpath", "-z", "f", "d", cwd=tree).out == b"%s/f\0%s/d\0" % (os.fsencode(tree), os.fsencode(tree))


def test_non_utf8(run, tmp_path):
    r = run("realpath", "-m", b"a\xff/b", cwd=str(tmp_path))
    assert r.out == os.fsencode(str(tmp_path)) + b"/a\xff/b\n"
    r = run("realpath", b"\xff/x", cwd=str(tmp_path))
    assert r.err == b"realpath: ''$'\\377''/x': No such file or directory\n"


@pytest.mark.parametrize("args", [
    ["lf", "ld/s/..", "dang", "nope/x"], ["-e", "dang"], ["-m", "nope/../x", "loop1"], ["-s", "ld/s/../up"],
    ["-L", "ld/../f"], ["-P", "ld/../f"], ["--relative-to=d", "f", "d/s", "."], ["--relative-base=d", "f", "d/s", "d"],
    ["--relative-to=d/s", "--relative-base=d", "d/s", "d/s/x", "f"], ["-q", "nope/x"], [], ["-z", "f"],
    ["--relative-to=nope", "f"], ["-e", "--relative-to=f", "f"], [""], ["/", "//", "/..", "///a"],
    ["-sm", "../../../x"], ["loop1"], ["-e", "ld/s/"], ["-s", "lf"], ["-es", "nope"], ["-sL", "ld/.."],
    ["--relative-base=/", "f", "/"], ["--relative-to=d", "--relative-base=d/s", "f", "d/s/x", "d"],
    ["-L", "d/s/bad/.."], ["-m", "lf2/x", "f/.", "f/..", "dang/"], ["-e", "abs/s/", "abs/./s/."],
    ["-m", "nope/./..", "loop1/x"], ["-s", "-e", "lf/"], ["-s", "lf/.", "ld/"], ["-L", "d/s/good/../.."],
    ["--relative-to=ld/s", "d"], ["-Lm", "loop1/../x"], ["-L", "loop1/../x"], ["-se", "ld/s/good/"],
])
def test_same_as_gnu(run, run_gnu, tree, args):
    assert run("realpath", *args, cwd=tree) == run_gnu("realpath", *args, cwd=tree)


_comp = st.sampled_from(["d", "s", "f", "lf", "ld", "loop1", "dang", "abs", "good", "bad", "up", "..", ".",
                         "nope", "", "lf2"])


@settings(max_examples=60)
@given(comps=st.lists(_comp, min_size=1, max_size=6), mode=st.sampled_from([[], ["-e"], ["-m"], ["-s"], ["-L"],
                                                                           ["-sm"], ["-Lm"]]))
def test_generated_names_same_as_gnu(inproc, run_gnu, tmp_path_factory, comps, mode):
    tree = _linktree.make(tmp_path_factory.mktemp("g") / "t")
    name = "/".join(comps)
    expected = run_gnu("realpath", *mode, "--", name, cwd=tree)
    cwd = os.getcwd()
    os.chdir(tree)
    try:
        got = inproc("realpath", *mode, "--", name)
        got_rl = inproc("readlink", "-v", "-" + (mode[0][1:] if mode and mode[0] in ("-e", "-m") else "f"),
                        "--", name)
    finally:
        os.chdir(cwd)
    assert got == expected
    exp_rl = run_gnu("readlink", "-v", "-" + (mode[0][1:] if mode and mode[0] in ("-e", "-m") else "f"),
                     "--", name, cwd=tree)
    assert got_rl.out == exp_rl.out and got_rl.status == exp_rl.status
    assert got_rl.err == exp_rl.err.replace(b"readlink: ", b"readlink: ")
