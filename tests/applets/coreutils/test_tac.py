"""tac: records reversed from files and pipes, -b, fixed separators
(including ones that overlap themselves and the empty one), GNU-syntax
regular expressions with -r (and GNU's block-by-block search), errors, and
differential tests against GNU tac."""
import os
import subprocess

import pytest
from hypothesis import given, strategies as st

from conftest import child_env


@pytest.fixture
def d(tmp_path):
    (tmp_path / "three").write_bytes(b"1\n2\n3\n")
    (tmp_path / "open").write_bytes(b"a\nb")
    (tmp_path / "empty").write_bytes(b"")
    (tmp_path / "dir").mkdir()
    return str(tmp_path)


# -- lines -------------------------------------------------------------------------

def test_reverse_lines(run, d, via):
    assert tuple(run("tac", "three", cwd=d, via=via)) == (b"3\n2\n1\n", b"", 0)


def test_pipe(run):
    assert tuple(run("tac", stdin=b"1\n2\n3\n")) == (b"3\n2\n1\n", b"", 0)
    assert tuple(run("tac", "-", stdin=b"x\ny\n")) == (b"y\nx\n", b"", 0)


def test_last_line_without_newline(run, d):
    assert run("tac", "open", cwd=d).out == b"ba\n"
    assert run("tac", stdin=b"only").out == b"only"


def test_empty_and_blank(run, d):
    assert tuple(run("tac", "empty", cwd=d)) == (b"", b"", 0)
    assert run("tac", stdin=b"\n\n\n").out == b"\n\n\n"
    assert run("tac", stdin=b"\na\n").out == b"a\n\n"


def test_several_files(run, d):
    r = run("tac", "three", "open", "-", "empty", cwd=d, stdin=b"p\nq\n")
    assert tuple(r) == (b"3\n2\n1\nba\nq\np\n", b"", 0)


@pytest.mark.parametrize("args, data, expected", [
    (["-b"], b"a\nb\n", b"\n\nba"),
    (["--before"], b"a\nb", b"\nba"),
    (["-b"], b"\na\nb", b"\nb\na"),
    (["-s", ":"], b"a:b:c", b"cb:a:"),
    (["-s", ":"], b"a:b:c:", b"c:b:a:"),
    (["--separator=:"], b"a:b:", b"b:a:"),
    (["-b", "-s", ":"], b"a:b:c", b":c:ba"),
    (["-s", "ab"], b"1ab2ab3", b"32ab1ab"),
    (["-s", "aa"], b"aaa", b"aaa"),            # matches are taken from the right: a|aa
    (["-s", "aa"], b"xaaay", b"yxaaa"),
    (["-b", "-s", "aa"], b"xaaay", b"aayxa"),
    (["-s", "aba"], b"1ababa2", b"21ababa"),
    (["-s", ""], b"a\0b\0c", b"cb\0a\0"),       # the empty separator is NUL
    (["-s", "\n\n"], b"p1\n\np2\n\n", b"p2\n\np1\n\n"),
])
def test_separators(run, args, data, expected):
    assert tuple(run("tac", *args, stdin=data)) == (expected, b"", 0)


@pytest.mark.parametrize("args, data, expected", [
    (["-r", "-s", "[0-9]"], b"a1b2c", b"cb2a1"),
    (["-r", "-s", "[0-9]+"], b"a12b3c", b"cb32a1"),
    (["-r", "-s", "X+"], b"XaXXbX+c", b"+cbXXaXX"),   # found from the right, one X at a time
    (["-r", "-s", "a\\|b"], b"1a2b3", b"32b1a"),
    (["-r", "-s", "\\(a\\|b\\)"], b"1a2b3", b"32b1a"),
    (["-r", "-s", "+"], b"a+b", b"ba+"),               # + at the start is literal
    (["-r", "-s", "*"], b"a*b", b"ba*"),
    (["-r", "-s", "x\\+"], b"ax+b", b"bax+"),           # \\+ is a literal +
    (["-r", "-s", "2\\{2\\}"], b"1{2}22", b"1{2}22"),   # no intervals: \\{ is {
    (["-r", "-s", "[[:digit:]]"], b"1a2:]", b"1a2:]"),  # no [:class:] names
    (["-r", "-s", "."], b"a\nb", b"\nba"),              # . does not match newline
    (["-r", "-s", "[0-9]*"], b"1a22b3", b"b32a21"),
    (["-r", "-s", "^a"], b"ab\nac\n", b"c\nb\naa"),
    (["-r", "-s", "b$"], b"ab\ncb\n", b"\n\ncbab"),
    (["-r", "-s", "x$*"], b"x$$y", b"yx$$"),            # $ not at the end is literal
    (["-r", "-s", "\\(a\\)\\1"], b"xaaybaaz", b"zybaaxaa"),
    (["-r", "-b", "-s", "[,;]"], b"a,b;c", b";c,ba"),
    (["-r", "-s", "\\`a"], b"aba", b"baa"),
])
def test_regex(run, args, data, expected):
    assert tuple(run("tac", *args, stdin=data)) == (expected, b"", 0)


def test_regex_characters_in_utf8(run):
    env = {"LC_ALL": "C.UTF-8"}
    assert run("tac", "-r", "-s", "x\\|[^x]", stdin=b"h\xc3\xa9llo\n", env=env).out == b"\noll\xc3\xa9h"
    # Undecodable bytes are not characters: neither . nor [^x] matches them.
    assert run("tac", "-r", "-s", ".", stdin=b"h\xc3\xa9l\xfflo\n", env=env).out == b"\no\xffll\xc3\xa9h"
    # A pattern of ASCII only is matched bytewise, as by glibc.
    assert run("tac", "-r", "-s", "x*", stdin=b"q\xc3\xa9", env=env).out == b"\xa9\xc3q"
    assert run("tac", "-r", "-s", "[a-b]*", stdin=b"q\xc3\xa9", env=env).out == b"\xc3\xa9q"


@pytest.mark.parametrize("pattern, message", [
    ("", b"tac: separator cannot be empty\n"),
    ("\\(", b"tac: Unmatched ( or \\(\n"),
    ("\\)", b"tac: Unmatched ) or \\)\n"),
    ("[a", b"tac: Unmatched [, [^, [:, [., or [=\n"),
    ("[", b"tac: Invalid regular expression\n"),
    ("[^", b"tac: Invalid regular expression\n"),
    ("a\\", b"tac: Trailing backslash\n"),
    ("\\1", b"tac: Invalid back reference\n"),
    ("\\(a\\1\\)", b"tac: Invalid back reference\n"),
    ("[[.hyphen.]]", b"tac: Invalid collation character\n"),
])
def test_regex_errors(run, pattern, message):
    assert tuple(run("tac", "-r", "-s", pattern, stdin=b"x\n")) == (b"", message, 1)


def test_large_file_read_backwards(run, tmp_path):
    data = b"".join(b"line %d %s\n" % (i, b"x" * (i % 50)) for i in range(200000))
    (tmp_path / "big").write_bytes(data)
    r = run("tac", "big", cwd=str(tmp_path))
    assert r.out == b"".join(reversed(data.splitlines(keepends=True)))


def test_long_record_grows_the_buffer(run, tmp_path):
    data = b"a\n" + b"x" * 100000 + b"\nb\n"
    (tmp_path / "f").write_bytes(data)
    assert run("tac", "f", cwd=str(tmp_path)).out == b"b\n" + b"x" * 100000 + b"\na\n"
    assert run("tac", "-s", "Q" * 9000, stdin=b"1" + b"Q" * 9000 + b"2").out == b"21" + b"Q" * 9000


def test_big_pipe_goes_through_a_temporary_file(run, tmp_path):
    data = b"".join(b"%d\n" % i for i in range(1500000))  # about 10 MB
    r = run("tac", stdin=data, env={"TMPDIR": str(tmp_path)})
    assert r.status == 0 and r.out == b"".join(b"%d\n" % i for i in reversed(range(1500000)))
    assert os.listdir(str(tmp_path)) == []
    r = run("tac", stdin=data, env={"TMPDIR": str(tmp_path / "nope")})
    assert r.err == b"tac: failed to create temporary file in '%s/nope': No such file or directory\n" % (
        str(tmp_path).encode())
    assert r.status == 1


def test_offset_is_ignored(sh, d):
    # GNU reads a seekable file whole, from wherever it is positioned.
    assert sh("{ head -c 2 >/dev/null; tac; } < three", cwd=d).out == b"3\n2\n1\n"


def test_proc_file(run):
    r = run("tac", "/proc/self/status")
    assert r.status == 0 and r.out.endswith(b"\n") and b"Name:" in r.out


def test_errors(run, d):
    r = run("tac", "nope", "three", "dir", cwd=d)
    assert r.out == b"3\n2\n1\n"
    assert r.err == (b"tac: failed to open 'nope' for reading: No such file or directory\n"
                     b"tac: dir: read error: Invalid argument\n")
    assert r.status == 1


@pytest.mark.parametrize("args, message", [
    (["-x"], b"tac: invalid option -- 'x'\n"),
    (["-s"], b"tac: option requires an argument -- 's'\n"),
    (["--regex=1"], b"tac: option '--regex' doesn't allow an argument\n"),
])
def test_usage_errors(run, args, message):
    assert tuple(run("tac", *args)) == (b"", message + b"Try 'tac --help' for more information.\n", 1)


def test_help(run):
    r = run("tac", "--help")
    assert r.status == 0 and r.out.startswith(b"Usage: tac [OPTION]... [FILE]...\n")
    assert b"-s, --separator=STRING" in r.out


def test_write_error(bindir, d):
    with open("/dev/full", "wb") as full:
        p = subprocess.run([os.path.join(bindir, "tac"), "three"], cwd=d, stdout=full,
                           stderr=subprocess.PIPE, env=child_env())
    assert (p.returncode, p.stderr) == (1, b"tac: write error: No space left on device\n")


# -- differential ------------------------------------------------------------------------

DIFF_ARGS = [[], ["-b"], ["-s", "a"], ["-s", "ab"], ["-b", "-s", "ab"], ["-s", "aa"], ["-s", ""],
             ["-r", "-s", "a\\|b"], ["-r", "-s", "[0-9]*"], ["-r", "-s", "x*"], ["-r", "-s", ":+"],
             ["-r", "-b", "-s", ":+"], ["-r", "-s", "^a"], ["-r", "-s", "b$"], ["-r", "-s", "."],
             ["-r", "-s", "x\\|[^x]"], ["-r", "-s", "\\(a\\)\\1"], ["-r", "-s", "\\<a"], ["-r", "-s", "\\bab"]]


@pytest.mark.parametrize("locale", ["C", "C.UTF-8"])
@pytest.mark.parametrize("args", DIFF_ARGS, ids=repr)
def test_same_as_gnu(same_as_gnu, d, args, locale):
    with open(os.path.join(d, "mixed"), "wb") as f:
        f.write(b"aab:ab\n\n:a\xc3\xa9b 12aa\nx:\xffb\n")
    same_as_gnu("tac", *args, "three", "mixed", "-", "open", "nope", stdin=b"ab\n:a\n",
                cwd=d, env={"LC_ALL": locale})


@pytest.mark.parametrize("args", [[], ["-b"], ["-r", "-s", "[0-9]"], ["-r", "-s", "0*"], ["-r", "-s", "^1"],
                                  ["-r", "-b", "-s", "9$"], ["-s", "00"], ["-b", "-s", "00"], ["-r", "-s", "1\\(0*\\)"]], ids=repr)
def test_block_boundaries_same_as_gnu(same_as_gnu, tmp_path, args):
    # Records longer than GNU's 8 KiB first block, and regex matches near
    # block boundaries, where GNU's search sees only the block.
    data = b"".join(b"%d%s\n" % (i, b"0" * (i * 37 % 9000)) for i in range(60))
    (tmp_path / "f").write_bytes(data)
    same_as_gnu("tac", *args, "f", cwd=str(tmp_path))
    same_as_gnu("tac", *args, stdin=data)


DATA = st.lists(st.sampled_from([b"a", b"b", b"ab", b":", b"\n", b"\n", b"\0", b"x", b"1", b"\xff", b"\xc3\xa9"]),
                max_size=40).map(b"".join)
SEPARATORS = st.sampled_from([[], ["-s", "a"], ["-s", "ab"], ["-s", "aa"], ["-s", "aba"], ["-s", ""],
                              ["-s", ":\n"], ["-r", "-s", "a\\|b"], ["-r", "-s", "[ab]*"], ["-r", "-s", "a+"],
                              ["-r", "-s", "^a"], ["-r", "-s", "a$"], ["-r", "-s", "."], ["-r", "-s", "x\\|[^x]"],
                              ["-r", "-s", "\\(a\\|b\\)\\1"], ["-r", "-s", "[^:\n]*"], ["-r", "-s", "\\`a"]])


@given(DATA, SEPARATORS, st.booleans(), st.sampled_from(["C", "C.UTF-8"]))
def test_same_as_gnu_generated(inproc, run_gnu, data, sep, before, locale):
    args = sep + (["-b"] if before else [])
    env = {"LC_ALL": locale}
    assert tuple(inproc("tac", *args, stdin=data, env=env)) == tuple(run_gnu("tac", *args, stdin=data, env=env))
