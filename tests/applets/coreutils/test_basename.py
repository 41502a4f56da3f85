"""basename: the last component, suffix removal, -a -s -z, operand errors."""
import pytest
from hypothesis import given, strategies as st

TRY = b"Try 'basename --help' for more information.\n"


@pytest.mark.parametrize("name, expected", [
    ("/", b"/"), ("//", b"/"), ("///", b"/"), ("a", b"a"), ("a/", b"a"), ("a//", b"a"),
    ("/a", b"a"), ("/a/", b"a"), ("//a", b"a"), ("a/b", b"b"), ("a/b/", b"b"), ("a//b//", b"b"),
    ("", b""), (".", b"."), ("..", b".."), ("./", b"."), ("../a", b"a"),
    ("/usr/bin/sort", b"sort"), ("include/stdio.h", b"stdio.h"), ("a b/c d", b"c d"),
    ("-", b"-"), ("a/-n", b"-n"),
])
def test_basename(run, name, expected):
    assert tuple(run("basename", "--", name)) == (expected + b"\n", b"", 0)


@pytest.mark.parametrize("name, suffix, expected", [
    ("include/stdio.h", ".h", b"stdio"),
    ("stdio.h", "stdio.h", b"stdio.h"),  # never strip the whole name
    (".h", ".h", b".h"),
    ("a.h/", ".h", b"a"),
    ("a.h//", ".h", b"a"),
    ("a.hh", ".h", b"a.hh"),
    ("a.h", "", b"a.h"),
    ("a.h", "h", b"a."),
    ("/", "/", b"/"),
    ("a", "a", b"a"),
    ("a b/c d", " d", b"c"),
    ("x.tar.gz", ".gz", b"x.tar"),
    ("x.tar.gz", ".tar.gz", b"x"),
    ("/", "x", b"/"),
])
def test_suffix(run, via, name, suffix, expected):
    assert tuple(run("basename", name, suffix, via=via)) == (expected + b"\n", b"", 0)


def test_multiple(run):
    assert tuple(run("basename", "-a", "a/b", "c/d", "/")) == (b"b\nd\n/\n", b"", 0)
    assert tuple(run("basename", "--multiple", "x")) == (b"x\n", b"", 0)
    assert tuple(run("basename", "-a", "a.h", "b.h")) == (b"a.h\nb.h\n", b"", 0)


def test_suffix_option_implies_multiple(run):
    assert tuple(run("basename", "-s", ".h", "a.h", "b/c.h", "d")) == (b"a\nc\nd\n", b"", 0)
    assert tuple(run("basename", "--suffix=.c", "-a", "x.c", "y.c")) == (b"x\ny\n", b"", 0)
    assert tuple(run("basename", "-as", ".c", "x.c")) == (b"x\n", b"", 0)
    assert tuple(run("basename", "-s", "", "a", "b")) == (b"a\nb\n", b"", 0)
    assert tuple(run("basename", "-s", ".c", "-s", ".h", "x.c", "x.h")) == (b"x.c\nx\n", b"", 0)


def test_zero(run):
    assert tuple(run("basename", "-z", "a/b")) == (b"b\0", b"", 0)
    assert tuple(run("basename", "--zero", "-a", "a/", "b/")) == (b"a\0b\0", b"", 0)
    assert tuple(run("basename", "-z", "x.c", ".c")) == (b"x\0", b"", 0)


def test_non_utf8(run):
    assert run("basename", b"/x/\xff\xfe.\xe9", b".\xe9").out == b"\xff\xfe\n"


def test_missing_operand(run, via):
    assert tuple(run("basename", via=via)) == (b"", b"basename: missing operand\n" + TRY, 1)
    assert tuple(run("basename", "-a")) == (b"", b"basename: missing operand\n" + TRY, 1)
    assert tuple(run("basename", "-s", ".x")) == (b"", b"basename: missing operand\n" + TRY, 1)
    assert tuple(run("basename", "-z")) == (b"", b"basename: missing operand\n" + TRY, 1)


def test_extra_operand(run):
    assert tuple(run("basename", "a", "b", "c")) == (b"", b"basename: extra operand 'c'\n" + TRY, 1)
    r = run("basename", "a", "b", "c d", "e")
    assert r.err == b"basename: extra operand 'c d'\n" + TRY


def test_extra_operand_utf8_quotes(run):
    r = run("basename", "a", "b", "c", env={"LC_ALL": "en_US.UTF-8"})
    assert r.err == "basename: extra operand \u2018c\u2019\n".encode() + TRY


def test_options_after_operands(run):
    assert tuple(run("basename", "a/b.c", "-s", ".c")) == (b"b\n", b"", 0)
    r = run("basename", "a/b.c", "-s", ".c", env={"POSIXLY_CORRECT": "1"})
    assert tuple(r) == (b"", b"basename: extra operand '.c'\n" + TRY, 1)


def test_bad_option(run):
    assert tuple(run("basename", "-x", "a")) == (b"", b"basename: invalid option -- 'x'\n" + TRY, 1)


def test_help(run):
    r = run("basename", "--help")
    assert (r.status, r.err) == (0, b"")
    assert r.out.startswith(b"Usage: basename NAME [SUFFIX]\n  or:  basename OPTION... NAME...\n")


# -- differential ---------------------------------------------------------------

CASES = [["/"], ["//"], [""], ["a/b//"], ["stdio.h", "stdio.h"], ["a.h/", ".h"], ["-s", ".h", "a.h", "b"],
         ["-a", "x/", "/"], ["-z", "a/b"], ["a", "b", "c"], [], ["-a"], ["--", "-a"], ["-s", "", "a"],
         ["a/b.c", ""], ["-q"], ["--suf=x", "ax"], ["--multi", "a", "b"]]


@pytest.mark.parametrize("args", CASES, ids=repr)
def test_same_as_gnu(same_as_gnu, args):
    same_as_gnu("basename", *args)


PATHS = st.text(alphabet="/a.b", max_size=8)


@given(st.lists(PATHS, min_size=1, max_size=4), st.one_of(st.none(), PATHS), st.booleans())
def test_same_as_gnu_generated(inproc, run_gnu, names, suffix, zero):
    args = (["-z"] if zero else []) + (["-s", suffix] if suffix is not None else ["-a"]) + ["--"] + names
    expected = run_gnu("basename", *args)
    assert tuple(inproc("basename", *args)) == tuple(expected)


@given(PATHS, PATHS)
def test_same_as_gnu_two_operands(inproc, run_gnu, name, suffix):
    expected = run_gnu("basename", "--", name, suffix)
    assert tuple(inproc("basename", "--", name, suffix)) == tuple(expected)
