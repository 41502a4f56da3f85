"""echo: GNU's option rules (n, e, E only; --help/--version only alone),
backslash escapes, POSIXLY_CORRECT, and differential tests."""
import pytest
from hypothesis import given, strategies as st

POSIX = {"POSIXLY_CORRECT": "1"}


@pytest.mark.parametrize("args, expected", [
    ([], b"\n"),
    (["hello"], b"hello\n"),
    (["a", "b", "c"], b"a b c\n"),
    (["  spaced  ", ""], b"  spaced   \n"),
    ([""], b"\n"),
    (["-n"], b""),
    (["-n", "a", "b"], b"a b"),
    (["-e", "a\\tb"], b"a\tb\n"),
    (["-E", "a\\tb"], b"a\\tb\n"),
    (["a\\tb"], b"a\\tb\n"),
    (["-ne", "x\\n"], b"x\n"),
    (["-en", "x\\n"], b"x\n"),
    (["-n", "-e", "x\\ny"], b"x\ny"),
    (["-eE", "a\\n"], b"a\\n\n"),
    (["-Ee", "a\\n"], b"a\n\n"),
    (["-e", "-E", "a\\n"], b"a\\n\n"),
    (["-nnn", "x"], b"x"),
    (["-x"], b"-x\n"),
    (["-nx"], b"-nx\n"),
    (["-n", "-x", "-n"], b"-x -n"),
    (["-"], b"-\n"),
    (["--"], b"--\n"),
    (["--", "-n"], b"-- -n\n"),
    (["-n", "--"], b"--"),
    (["-e -n"], b"-e -n\n"),
    (["x", "-n"], b"x -n\n"),
    (["--help", "x"], b"--help x\n"),
    (["x", "--help"], b"x --help\n"),
    (["-n", "--version"], b"--version"),
    (["--he"], b"--he\n"),
    (["--n"], b"--n\n"),
])
def test_echo(run, args, expected):
    assert tuple(run("echo", *args)) == (expected, b"", 0)


@pytest.mark.parametrize("escape, expected", [
    ("\\\\", b"\\"), ("\\a", b"\a"), ("\\b", b"\b"), ("\\e", b"\x1b"), ("\\f", b"\f"),
    ("\\n", b"\n"), ("\\r", b"\r"), ("\\t", b"\t"), ("\\v", b"\v"),
    ("\\0", b"\0"), ("\\0101", b"A"), ("\\01012", b"A2"), ("\\00", b"\0"), ("\\08", b"\x008"),
    ("\\101", b"A"), ("\\1012", b"A2"), ("\\7", b"\x07"), ("\\18", b"\x018"),
    ("\\400", b"\x00"), ("\\777", b"\xff"), ("\\0777", b"\xff"), ("\\0400", b"\x00"),
    ("\\x41", b"A"), ("\\x4", b"\x04"), ("\\x4g", b"\x04g"), ("\\xfF", b"\xff"), ("\\x414", b"A4"),
    ("\\xg", b"\\xg"), ("\\x", b"\\x"),
    ("\\z", b"\\z"), ("\\E", b"\\E"), ("\\u263a", b"\\u263a"), ("\\", b"\\"), ("a\\", b"a\\"),
    ("\\8", b"\\8"), ("\\\\n", b"\\n"),
])
def test_escapes(run, escape, expected):
    assert tuple(run("echo", "-e", escape)) == (expected + b"\n", b"", 0)
    assert tuple(run("echo", "-E", escape)) == (escape.encode() + b"\n", b"", 0)


def test_backslash_c_stops_everything(run, via):
    assert tuple(run("echo", "-e", "a\\cb", "c", via=via)) == (b"a", b"", 0)
    assert tuple(run("echo", "-e", "x", "y\\c", "z")) == (b"x y", b"", 0)
    assert tuple(run("echo", "-e", "\\c")) == (b"", b"", 0)
    assert tuple(run("echo", "a\\cb")) == (b"a\\cb\n", b"", 0)


def test_escapes_do_not_span_arguments(run):
    assert run("echo", "-e", "\\x4", "1").out == b"\x04 1\n"
    assert run("echo", "-e", "\\", "n").out == b"\\ n\n"


def test_non_utf8_arguments(run):
    assert run("echo", b"\xff\xfe", b"caf\xc3\xa9").out == b"\xff\xfe caf\xc3\xa9\n"
    assert run("echo", "-e", b"\xff\\t").out == b"\xff\t\n"


def test_help_only_alone(run, via):
    r = run("echo", "--help", via=via)
    assert r.status == 0 and r.err == b""
    assert r.out.startswith(b"Usage: echo [SHORT-OPTION]... [STRING]...\n")
    assert b"\\0NNN" in r.out and b"\\xHH" in r.out


def test_version_only_alone(run):
    from multicall import VERSION
    assert tuple(run("echo", "--version")) == (b"echo (pybox) %s\n" % VERSION.encode(), b"", 0)
    assert run("echo", "--version", "--help").out == b"--version --help\n"


def test_posixly_correct_escapes_always(run):
    assert run("echo", "a\\tb", env=POSIX).out == b"a\tb\n"
    assert run("echo", "a\\cb", "c", env=POSIX).out == b"a"


def test_posixly_correct_options_only_after_plain_dash_n(run):
    assert run("echo", "-e", "x", env=POSIX).out == b"-e x\n"
    assert run("echo", "-E", "a\\tb", env=POSIX).out == b"-E a\tb\n"
    assert run("echo", "-ne", "x", env=POSIX).out == b"-ne x\n"
    assert run("echo", "-n", "x", env=POSIX).out == b"x"
    assert run("echo", "-n", "-E", "a\\tb", env=POSIX).out == b"a\tb"
    assert run("echo", "--help", env=POSIX).out == b"--help\n"
    assert run("echo", "--version", env=POSIX).out == b"--version\n"


def test_write_error(bindir):
    import os
    import subprocess
    from conftest import child_env
    with open("/dev/full", "wb") as full:
        p = subprocess.run([os.path.join(bindir, "echo"), "x"], stdout=full,
                           stderr=subprocess.PIPE, env=child_env())
    assert (p.returncode, p.stderr) == (1, b"echo: write error: No space left on device\n")


# -- differential ------------------------------------------------------------------

CASES = [[], ["-n"], ["-e", "\\0101\\101\\01234\\0\\x41\\x4\\xg\\x\\\\\\z\\e\\a\\b\\f\\v\\r"],
         ["-n", "-e", "-x", "a\\c", "b"], ["--help", "x"], ["-neE", "q\\tq"], ["-", "--", "-n"],
         ["-e", "\\08", "\\400", "\\777", "\\0777"], ["-e", "trail\\"]]


@pytest.mark.parametrize("args", CASES, ids=repr)
@pytest.mark.parametrize("env", [None, POSIX], ids=["default", "posix"])
def test_same_as_gnu(same_as_gnu, args, env):
    same_as_gnu("echo", *args, env=env)


WORDS = st.lists(st.one_of(
    st.sampled_from(["-n", "-e", "-E", "-ne", "-nE", "-x", "-", "--", "\\", "\\c", "-en"]),
    st.text(alphabet="ab\\01234567xXfFcnte -", max_size=8)), max_size=6)


@given(WORDS, st.booleans())
def test_same_as_gnu_generated(inproc, run_gnu, words, posixly):
    env = POSIX if posixly else None
    expected = run_gnu("echo", *words, env=env)
    assert tuple(inproc("echo", *words, env=env)) == tuple(expected)
