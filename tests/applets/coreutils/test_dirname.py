"""dirname: the directory part of each name, -z, operand errors."""
import subprocess

import pytest
from hypothesis import given, strategies as st


@pytest.mark.parametrize("name, expected", [
    ("/", b"/"), ("//", b"/"), ("///", b"/"), ("a", b"."), ("a/", b"."), ("a//", b"."),
    ("/a", b"/"), ("/a/", b"/"), ("//a", b"/"), ("///a", b"/"), ("a/b", b"a"), ("a/b/", b"a"),
    ("a//b//", b"a"), ("", b"."), (".", b"."), ("..", b"."), ("./", b"."), ("../a", b".."),
    ("/usr/bin/sort", b"/usr/bin"), ("/usr/bin/", b"/usr"), ("include/stdio.h", b"include"),
    ("a/b//c///", b"a/b"), ("a//b", b"a"), ("/a//b", b"/a"), ("a b/c d", b"a b"), ("-n/x", b"-n"),
])
def test_dirname(run, name, expected):
    assert tuple(run("dirname", "--", name)) == (expected + b"\n", b"", 0)


def test_several(run, via):
    assert tuple(run("dirname", "dir1/str", "dir2/str", "stdio.h", via=via)) == (b"dir1\ndir2\n.\n", b"", 0)


def test_zero(run):
    assert tuple(run("dirname", "-z", "a/b", "c")) == (b"a\0.\0", b"", 0)
    assert tuple(run("dirname", "--zero", "/x")) == (b"/\0", b"", 0)


def test_non_utf8(run):
    assert run("dirname", b"\xff/\xfe/x").out == b"\xff/\xfe\n"


def test_missing_operand(run, via):
    assert tuple(run("dirname", via=via)) == (
        b"", b"dirname: missing operand\nTry 'dirname --help' for more information.\n", 1)
    assert run("dirname", "-z").err == b"dirname: missing operand\nTry 'dirname --help' for more information.\n"


def test_bad_option(run):
    assert tuple(run("dirname", "-a", "x")) == (
        b"", b"dirname: invalid option -- 'a'\nTry 'dirname --help' for more information.\n", 1)


def test_help(run):
    r = run("dirname", "--help")
    assert (r.status, r.err) == (0, b"")
    assert r.out.startswith(b"Usage: dirname [OPTION] NAME...\n")


CASES = [["/"], ["//a"], [""], ["a/b//c///"], ["-z", "a/b", "c"], [], ["--", "-z"], ["a", "-z", "b/c"],
         ["-x"], ["--zer", "a/b"]]


@pytest.mark.parametrize("args", CASES, ids=repr)
def test_same_as_gnu(same_as_gnu, args):
    same_as_gnu("dirname", *args)


@given(st.lists(st.text(alphabet="/a.", max_size=8), min_size=1, max_size=4), st.booleans())
def test_same_as_gnu_generated(inproc, run_gnu, names, zero):
    args = (["-z"] if zero else []) + ["--"] + names
    expected = run_gnu("dirname", *args)
    assert tuple(inproc("dirname", *args)) == tuple(expected)


def test_same_output_as_busybox(run, busybox):
    # BusyBox's messages differ from GNU's; its output and status do not
    # (except `//a`, where POSIX lets BusyBox say `//` and GNU says `/`).
    for name in ["/", "a", "a/", "", "a/b//c///", "../a", "/usr/bin/"]:
        p = subprocess.run([busybox, "dirname", name], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        r = run("dirname", name)
        assert (r.out, r.status) == (p.stdout, p.returncode), name
