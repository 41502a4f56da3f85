"""expand: default and explicit tab stops (N, lists, /N and +N), -i, the
obsolete -N[,N], backspaces, inputs as one stream, errors, and
differential tests against GNU expand."""
import pytest
from hypothesis import given, strategies as st

DATA = b"a\tbc\td\n  \t x\ty\n"


@pytest.mark.parametrize("args, expected", [
    ([], b"a       bc      d\n         x      y\n"),
    (["-t", "4"], b"a   bc  d\n     x  y\n"),
    (["--tabs=4"], b"a   bc  d\n     x  y\n"),
    (["-t4"], b"a   bc  d\n     x  y\n"),
    (["-t", "2,5"], b"a bc d\n      x y\n"),  # past the last stop a TAB is one space
    (["-t", "2 5"], b"a bc d\n      x y\n"),
    (["-t", "3,/4"], b"a  bc   d\n    x   y\n"),  # then every 4 columns
    (["-t", "3,+4"], b"a  bc  d\n    x  y\n"),  # then 4 apart from the last stop
    (["-t", "/5"], b"a    bc   d\n      x   y\n"),
    (["-t", "1"], b"a bc d\n    x y\n"),
    (["-i"], b"a\tbc\td\n         x\ty\n"),
    (["--initial", "-t", "2"], b"a\tbc\td\n     x\ty\n"),
    (["-4,8"], b"a   bc  d\n     x  y\n"),
    (["-4"], b"a   bc  d\n     x  y\n"),
    (["-t", ""], b"a       bc      d\n         x      y\n"),
    (["-t", ","], b"a       bc      d\n         x      y\n"),
    (["-t", "/0"], b"a       bc      d\n         x      y\n"),
    (["-t", "3", "-t", "6"], b"a  bc d\n    x y\n"),  # lists add up: stops 3 and 6
])
def test_expand(inproc, args, expected):
    assert tuple(inproc("expand", *args, stdin=DATA)) == (expected, b"", 0)


def test_backspace_and_no_newline(run):
    assert run("expand", stdin=b"abc\b\bd\te").out == b"abc\b\bd      e"
    assert run("expand", stdin=b"\b\tx").out == b"\b        x"
    assert run("expand", stdin=b"").out == b""
    assert run("expand", stdin=b"\xff\t\x00\t").out == b"\xff       \x00       "


def test_files_are_one_stream(run, tmp_path):
    (tmp_path / "a").write_bytes(b"ab")
    (tmp_path / "b").write_bytes(b"\tc\n\td")
    r = run("expand", "a", "nope", "b", "-", stdin=b"\te\n", cwd=str(tmp_path))
    assert tuple(r) == (b"ab      c\n        d       e\n", b"expand: nope: No such file or directory\n", 1)


def test_long_lines(run):
    data = (b"x\t" * 100000 + b"\n") * 3
    assert run("expand", stdin=data).out == (b"x       " * 100000 + b"\n") * 3
    data = b"\t" * 300000
    assert run("expand", "-t", "2", stdin=data).out == b"  " * 300000


@pytest.mark.parametrize("tabs, err", [
    ("0", b"expand: tab size cannot be 0\n"),
    ("3,3", b"expand: tab sizes must be ascending\n"),
    ("4,2", b"expand: tab sizes must be ascending\n"),
    ("3,/4,/5", b"expand: '/' specifier only allowed with the last value\n"),
    ("3,+4,+5", b"expand: '+' specifier only allowed with the last value\n"),
    ("3,+4,/5", b"expand: '/' specifier is mutually exclusive with '+'\n"),
    ("3/4", b"expand: '/' specifier not at start of number: '/4'\n"),
    ("3+4", b"expand: '+' specifier not at start of number: '+4'\n"),
    ("/4,/5,x", b"expand: '/' specifier only allowed with the last value\n"),
    ("+4 +5,x", b"expand: '+' specifier only allowed with the last value\n"),
    ("1,+2/3", b"expand: '/' specifier not at start of number: '/3'\n"),
    ("3-", b"expand: tab size contains invalid character(s): '-'\n"),
    ("4x\\", b"expand: tab size contains invalid character(s): 'x\\\\'\n"),
    ("99999999999999999999999,x", b"expand: tab stop is too large '99999999999999999999999'\n"
     b"expand: tab size contains invalid character(s): 'x'\n"),
])
def test_bad_tabs(inproc, tabs, err):
    assert tuple(inproc("expand", "-t", tabs, stdin=DATA)) == (b"", err, 1)


def test_usage_errors(run):
    assert tuple(run("expand", "-x")) == (
        b"", b"expand: invalid option -- 'x'\nTry 'expand --help' for more information.\n", 1)
    assert tuple(run("expand", "-t")) == (
        b"", b"expand: option requires an argument -- 't'\nTry 'expand --help' for more information.\n", 1)


def test_help(run):
    r = run("expand", "--help")
    assert r.status == 0 and r.out.startswith(b"Usage: expand [OPTION]... [FILE]...\n")
    assert b"  -t, --tabs=LIST" in r.out and b"  -i, --initial" in r.out


# -- differential ------------------------------------------------------------------------

SAMPLE = b"a\tb\tc\n\t\tx\n  \t  y\tz\nab\b\b\tq\n\xff\t\x00\n        \t\nend\t"


@pytest.mark.parametrize("args", [[], ["-i"], ["-t", "3"], ["-t", "2,5,9"], ["-t", "2,5,/3"],
                                  ["-t", "2,5,+3"], ["-t", "+3"], ["-3,7"], ["-i", "-t", "1"],
                                  ["-t", "0"], ["-t", "a"], ["-t", "2", "-5"]], ids=" ".join)
def test_same_as_gnu(same_as_gnu, args):
    same_as_gnu("expand", *args, stdin=SAMPLE)


TEXT = st.lists(st.sampled_from([b"a", b"bc", b" ", b"  ", b"\t", b"\t", b"\b", b"\r", b"\n", b"x" * 9]),
                max_size=30).map(b"".join)
TABS = st.sampled_from([[], ["-t", "1"], ["-t", "3"], ["-t", "8"], ["-t", "2,5"], ["-t", "3,7,9"],
                        ["-t", "4,/3"], ["-t", "4,+3"], ["-t", "/5"], ["-t", "2 6"]])


@given(TEXT, TABS, st.booleans())
def test_same_as_gnu_generated(inproc, run_gnu, data, tabs, initial):
    args = tabs + (["-i"] if initial else [])
    assert tuple(inproc("expand", *args, stdin=data)) == tuple(run_gnu("expand", *args, stdin=data))


@given(TEXT, TABS, st.booleans(), st.integers(1, 9))
def test_small_chunks_same_as_gnu(inproc, run_gnu, monkeypatch, data, tabs, initial, size):
    import applets.coreutils.expand as mod
    monkeypatch.setattr(mod, "BUFSIZE", size)
    args = tabs + (["-i"] if initial else [])
    assert tuple(inproc("expand", *args, stdin=data)) == tuple(run_gnu("expand", *args, stdin=data))
