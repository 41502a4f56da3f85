"""unexpand: leading blanks by default, -a, --first-only, tab stops
(N, lists, /N, +N), the obsolete -N and -, forms, GNU's rules for which
blanks become a TAB, errors, and differential tests against GNU."""
import pytest
from hypothesis import given, strategies as st

DATA = b"        a       b  c\n    x   \t y\n"


@pytest.mark.parametrize("args, expected", [
    ([], b"\ta       b  c\n    x   \t y\n"),
    (["-a"], b"\ta\tb  c\n    x\t\t y\n"),
    (["--all"], b"\ta\tb  c\n    x\t\t y\n"),
    (["-t", "4"], b"\t\ta\t\tb  c\n\tx\t\t y\n"),  # -t implies -a
    (["-t", "2,5"], b"\t\t   a       b  c\n\t  x   \t y\n"),
    (["-t", "3,/4"], b"\t\t\ta\t\tb  c\n\t\tx\t\t y\n"),
    (["--first-only", "-t", "4"], b"\t\ta       b  c\n\tx   \t y\n"),
    (["-a", "--first-only"], b"\ta       b  c\n    x   \t y\n"),
    (["-4,8"], b"\t\ta       b  c\n\tx   \t y\n"),  # obsolete list: no -a
    (["-4", "-8"], b"        a       b  c\n    x   \t y\n"),  # digits accumulate: 48
    (["-,"], b"\ta       b  c\n    x   \t y\n"),
])
def test_unexpand(inproc, args, expected):
    assert tuple(inproc("unexpand", *args, stdin=DATA)) == (expected, b"", 0)


@pytest.mark.parametrize("data, expected", [
    (b"a       b\n", b"a\tb\n"),
    (b"abcdefg b\n", b"abcdefg b\n"),  # a single blank before a stop stays
    (b"abcdefg  b\n", b"abcdefg\t b\n"),
    (b"abcdefg         b\n", b"abcdefg\t\tb\n"),
    (b"  \t  x\n", b"\t  x\n"),
    (b"x \tb\n", b"x\tb\n"),
    (b"        ", b"\t"),
    (b"   ", b"   "),
    (b"ab\b      c\n", b"ab\b      c\n"),  # the backspace moves the column back
    (b"", b""),
])
def test_rules_with_all(inproc, data, expected):
    assert tuple(inproc("unexpand", "-a", stdin=data)) == (expected, b"", 0)


def test_files_are_one_stream(run, tmp_path):
    (tmp_path / "a").write_bytes(b"    ")
    (tmp_path / "b").write_bytes(b"    x\n")
    r = run("unexpand", "a", "nope", "b", cwd=str(tmp_path))
    assert tuple(r) == (b"\tx\n", b"unexpand: nope: No such file or directory\n", 1)


def test_long_lines(run):
    data = b" " * 800000 + b"x\n"
    assert run("unexpand", stdin=data).out == b"\t" * 100000 + b"x\n"
    data = b"ab      " * 100000 + b"\n"
    assert run("unexpand", "-a", stdin=data).out == b"ab\t" * 100000 + b"\n"


@pytest.mark.parametrize("args, err", [
    (["-t", "0"], b"unexpand: tab size cannot be 0\n"),
    (["-t", "4,2"], b"unexpand: tab sizes must be ascending\n"),
    (["-t", "4/"], b"unexpand: '/' specifier not at start of number: '/'\n"),
    (["-t", "/4,+3"], b"unexpand: '/' specifier is mutually exclusive with '+'\n"),
    (["-t", "4x"], b"unexpand: tab size contains invalid character(s): 'x'\n"),
    (["-t", "99999999999999999999999"], b"unexpand: tab stop is too large '99999999999999999999999'\n"),
    (["-99999999999999999999999"], b"unexpand: tab stop value is too large\n"),
    (["-i"], b"unexpand: invalid option -- 'i'\nTry 'unexpand --help' for more information.\n"),
])
def test_errors(inproc, args, err):
    assert tuple(inproc("unexpand", *args, stdin=DATA)) == (b"", err, 1)


def test_help(run):
    r = run("unexpand", "--help")
    assert r.status == 0 and r.out.startswith(b"Usage: unexpand [OPTION]... [FILE]...\n")
    assert b"--first-only" in r.out


# -- differential ------------------------------------------------------------------------

SAMPLE = (b"        a       b  c\n    x   \t y\n\t \t z\nabcdefg  h\n  \b   q\n"
          b"a b  c   d    e     f      g       h        i\n\xff       \x00 \n   ")


@pytest.mark.parametrize("args", [[], ["-a"], ["-t", "3"], ["-t", "2,5,9"], ["-t", "2,5,/3"],
                                  ["-t", "2,5,+3"], ["-t", "+3"], ["-3,7"], ["-3", "-,", "9"],
                                  ["--first-only", "-t", "1"], ["-t", "0"], ["-t", "a"],
                                  ["-a", "-t", "2,4,6,8,10,12"]], ids=" ".join)
def test_same_as_gnu(same_as_gnu, args):
    same_as_gnu("unexpand", *args, stdin=SAMPLE)


TEXT = st.lists(st.sampled_from([b" ", b" ", b"  ", b"    ", b"\t", b"a", b"bc", b"\n", b"\b", b"\r"]),
                max_size=30).map(b"".join)
OPTS = st.sampled_from([[], ["-a"], ["--first-only"], ["-t", "1"], ["-t", "3"], ["-t", "2,5"],
                        ["-t", "3,7,9"], ["-t", "4,/3"], ["-t", "4,+3"], ["-t", "/5"],
                        ["-a", "--first-only", "-t", "2"], ["-4,6"]])


@given(TEXT, OPTS)
def test_same_as_gnu_generated(inproc, run_gnu, data, opts):
    assert tuple(inproc("unexpand", *opts, stdin=data)) == tuple(run_gnu("unexpand", *opts, stdin=data))


@given(TEXT, OPTS, st.integers(1, 9))
def test_small_chunks_same_as_gnu(inproc, run_gnu, monkeypatch, data, opts, size):
    import applets.coreutils.expand as mod
    monkeypatch.setattr(mod, "BUFSIZE", size)
    assert tuple(inproc("unexpand", *opts, stdin=data)) == tuple(run_gnu("unexpand", *opts, stdin=data))
