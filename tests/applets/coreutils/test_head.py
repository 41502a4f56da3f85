"""head: line and byte counts (positive, elided, suffixed, -NUM), headers,
-z, errors, the file offset it leaves behind, and differential tests."""
import os
import subprocess

import pytest
from hypothesis import given, strategies as st

from conftest import child_env

TWELVE = b"".join(b"%d\n" % i for i in range(1, 13))


@pytest.fixture
def d(tmp_path):
    """A directory with a few input files."""
    (tmp_path / "twelve").write_bytes(TWELVE)
    (tmp_path / "ab").write_bytes(b"a\nb")
    (tmp_path / "empty").write_bytes(b"")
    (tmp_path / "nul").write_bytes(b"one\0two\0three\0four")
    (tmp_path / "dir").mkdir()
    return str(tmp_path)


def lines(a, b):
    return b"".join(b"%d\n" % i for i in range(a, b + 1))


# -- counts ---------------------------------------------------------------------

def test_default_ten_lines(run, via):
    assert tuple(run("head", stdin=TWELVE, via=via)) == (lines(1, 10), b"", 0)


def test_fewer_lines_than_asked(run):
    assert tuple(run("head", stdin=b"a\nb")) == (b"a\nb", b"", 0)
    assert tuple(run("head", stdin=b"")) == (b"", b"", 0)


@pytest.mark.parametrize("args, expected", [
    (["-n", "3"], lines(1, 3)),
    (["-n3"], lines(1, 3)),
    (["--lines=3"], lines(1, 3)),
    (["--lines", "3"], lines(1, 3)),
    (["--li=3"], lines(1, 3)),
    (["-n", "0"], b""),
    (["-n", "12"], TWELVE),
    (["-n", "100"], TWELVE),
    (["-n", "-3"], lines(1, 9)),
    (["-n-3"], lines(1, 9)),
    (["--lines=-3"], lines(1, 9)),
    (["-n", "-0"], TWELVE),
    (["-n", "-12"], b""),
    (["-n", "-100"], b""),
    (["-n", "+3"], lines(1, 3)),
    (["-n", " 3"], lines(1, 3)),
    (["-n", "003"], lines(1, 3)),
    (["-n", "1b"], TWELVE),
    (["-n", "1k"], TWELVE),
    (["-c", "5"], b"1\n2\n3"),
    (["-c5"], b"1\n2\n3"),
    (["--bytes=5"], b"1\n2\n3"),
    (["--bytes", "5"], b"1\n2\n3"),
    (["-c", "0"], b""),
    (["-c", "-5"], TWELVE[:-5]),
    (["-c", "-0"], TWELVE),
    (["-c", "-1000"], b""),
    (["-c", "+4"], b"1\n2\n"),
    (["-c", "1000"], TWELVE),
    (["-c", "1b"], TWELVE),
    (["-c", "1K"], TWELVE),
    (["-3"], lines(1, 3)),
    (["-3l"], lines(1, 3)),
    (["-3c"], b"1\n2"),
    (["-0"], b""),
    (["-1b"], TWELVE),
    (["-n", "2", "-n", "4"], lines(1, 4)),
    (["-n", "2", "-c", "3"], b"1\n2"),
    (["-c", "3", "-n", "2"], lines(1, 2)),
    (["-5", "-n", "2"], lines(1, 2)),
])
def test_counts(run, args, expected):
    assert tuple(run("head", *args, stdin=TWELVE)) == (expected, b"", 0)


@pytest.mark.parametrize("args, expected", [
    (["-n", "2"], b"a\nb\n"),
    (["-n", "-1"], b"a\nb\n"),
    (["-n", "-2"], b"a\n"),
    (["-n", "-3"], b""),
])
def test_last_line_without_newline(run, args, expected):
    data = b"a\nb\nc"
    assert run("head", *args, stdin=data).out == expected


def test_counts_from_file_and_pipe_agree(run, d):
    for args in (["-n", "-4"], ["-c", "-7"], ["-n", "5"], ["-c", "9"]):
        from_file = run("head", *args, "twelve", cwd=d)
        from_pipe = run("head", *args, stdin=TWELVE)
        assert from_file == from_pipe, args


@pytest.mark.parametrize("suffix, size", [
    ("b", 512), ("K", 1024), ("k", 1024), ("KiB", 1024), ("kB", 1000), ("KB", 1000),
    ("M", 1024 ** 2), ("MiB", 1024 ** 2), ("MB", 1000 ** 2),
])
def test_size_suffixes(run, suffix, size):
    data = b"x" * (3 * 1024 ** 2)
    r = run("head", "-c", "2" + suffix, stdin=data)
    assert (len(r.out), r.status) == (2 * size, 0)
    r = run("head", "-c", "-2" + suffix, stdin=data)
    assert (len(r.out), r.status) == (len(data) - 2 * size, 0)


def test_big_suffixes_mean_everything(run):
    for count in ("1G", "1GB", "1T", "1P", "1E"):
        assert run("head", "-c", count, stdin=TWELVE).out == TWELVE
        assert run("head", "-c", "-" + count, stdin=TWELVE).out == b""


def test_large_input_lines(run):
    data = b"".join(b"line %d\n" % i for i in range(300000))
    r = run("head", "-n", "250000", stdin=data)
    assert r.out == b"".join(b"line %d\n" % i for i in range(250000))
    r = run("head", "-n", "-250000", stdin=data)
    assert r.out == b"".join(b"line %d\n" % i for i in range(50000))


def test_large_input_bytes_elided_from_pipe(run):
    data = bytes(range(256)) * 20000
    r = run("head", "-c", "-300000", stdin=data)
    assert r.out == data[:-300000]


# -- headers ---------------------------------------------------------------------

def test_headers_for_several_files(run, d, via):
    r = run("head", "-n", "2", "twelve", "ab", cwd=d, via=via)
    assert tuple(r) == (b"==> twelve <==\n1\n2\n\n==> ab <==\na\nb", b"", 0)


def test_header_for_stdin(run, d):
    r = run("head", "-n", "1", "-", "ab", stdin=b"in\n", cwd=d)
    assert r.out == b"==> standard input <==\nin\n\n==> ab <==\na\n"


def test_verbose_single_file(run, d):
    assert run("head", "-v", "-n1", "ab", cwd=d).out == b"==> ab <==\na\n"
    assert run("head", "--verbose", "-n1", stdin=b"x\n").out == b"==> standard input <==\nx\n"


def test_quiet(run, d):
    for flag in ("-q", "--quiet", "--silent"):
        r = run("head", flag, "-n", "1", "twelve", "ab", cwd=d)
        assert tuple(r) == (b"1\na\n", b"", 0)


def test_quiet_verbose_last_wins(run, d):
    assert run("head", "-q", "-v", "-n1", "ab", "ab", cwd=d).out == b"==> ab <==\na\n\n==> ab <==\na\n"
    assert run("head", "-v", "-q", "-n1", "ab", "ab", cwd=d).out == b"a\na\n"
    assert run("head", "-2v", "ab", cwd=d).out == b"==> ab <==\na\nb"
    assert run("head", "-2q", "ab", "ab", cwd=d).out == b"a\nba\nb"


def test_header_of_empty_file(run, d):
    r = run("head", "empty", "ab", cwd=d)
    assert r.out == b"==> empty <==\n\n==> ab <==\na\nb"


def test_missing_file_between(run, d):
    r = run("head", "-n", "1", "twelve", "nope", "ab", cwd=d)
    assert r.out == b"==> twelve <==\n1\n\n==> ab <==\na\n"
    assert r.err == b"head: cannot open 'nope' for reading: No such file or directory\n"
    assert r.status == 1


# -- -z ------------------------------------------------------------------------------

def test_zero_terminated(run, d):
    assert run("head", "-z", "-n", "2", "nul", cwd=d).out == b"one\0two\0"
    assert run("head", "--zero-terminated", "-n", "-1", "nul", cwd=d).out == b"one\0two\0three\0"
    assert run("head", "-z", "-n", "1", stdin=b"a\nb\0c").out == b"a\nb\0"


# -- errors --------------------------------------------------------------------------

def test_cannot_open(run, via):
    r = run("head", "x", via=via)
    assert tuple(r) == (b"", b"head: cannot open 'x' for reading: No such file or directory\n", 1)


def test_cannot_open_odd_name(run):
    # File names in head's messages are shell-quoted (GNU's quoteaf).
    r = run("head", b"\xff")
    assert r.err == b"head: cannot open ''$'\\377' for reading: No such file or directory\n"
    r = run("head", "it's")
    assert r.err == b"head: cannot open \"it's\" for reading: No such file or directory\n"


def test_file_names_keep_ascii_quotes_in_utf8_locale(run, d):
    utf8 = {"LC_ALL": "C.UTF-8"}
    r = run("head", "nope", env=utf8)
    assert r.err == b"head: cannot open 'nope' for reading: No such file or directory\n"
    r = run("head", "dir", cwd=d, env=utf8)
    assert r.err == b"head: error reading 'dir': Is a directory\n"
    # ... while a bad count is quoted with the locale's quotes.
    r = run("head", "-n", "x", env=utf8)
    assert r.err == "head: invalid number of lines: \u2018x\u2019\n".encode()


def test_directory(run, d):
    r = run("head", "dir", "ab", cwd=d)
    assert r.err == b"head: error reading 'dir': Is a directory\n"
    assert r.out == b"==> dir <==\n\n==> ab <==\na\nb"
    assert r.status == 1


@pytest.mark.parametrize("args, message", [
    (["-n", "x"], b"head: invalid number of lines: 'x'\n"),
    (["-n", ""], b"head: invalid number of lines: ''\n"),
    (["-n", "1x"], b"head: invalid number of lines: '1x'\n"),
    (["-n", "-1x"], b"head: invalid number of lines: '1x'\n"),
    (["-n", "1.5"], b"head: invalid number of lines: '1.5'\n"),
    (["-n", "--3"], b"head: invalid number of lines: '-3'\n"),
    (["--lines=K1"], b"head: invalid number of lines: 'K1'\n"),
    (["-c", "x"], b"head: invalid number of bytes: 'x'\n"),
    (["-c", "-y"], b"head: invalid number of bytes: 'y'\n"),
    (["-c", "1Kb"], b"head: invalid number of bytes: '1Kb'\n"),
])
def test_invalid_counts(run, args, message):
    assert tuple(run("head", *args, stdin=TWELVE)) == (b"", message, 1)


@pytest.mark.parametrize("args, message", [
    (["-x"], b"head: invalid option -- 'x'\n"),
    (["--nope"], b"head: unrecognized option '--nope'\n"),
    (["-n"], b"head: option requires an argument -- 'n'\n"),
    (["--bytes"], b"head: option '--bytes' requires an argument\n"),
    (["--quiet=1"], b"head: option '--quiet' doesn't allow an argument\n"),
    (["-5x"], b"head: invalid trailing option -- x\n"),
])
def test_usage_errors(run, args, message):
    r = run("head", *args, stdin=TWELVE)
    assert tuple(r) == (b"", message + b"Try 'head --help' for more information.\n", 1)


def test_obsolete_option_accepts_zero_and_several_header_letters(run, d):
    assert tuple(run("head", "-2z", stdin=b"a\0b\0c\0")) == (b"a\0b\0", b"", 0)
    assert tuple(run("head", "-1vq", "ab", cwd=d)) == (b"a\n", b"", 0)


def test_obsolete_option_only_first(run):
    r = run("head", "-n", "2", "-5", stdin=TWELVE)
    assert tuple(r) == (b"", b"head: invalid trailing option -- 5\n"
                        b"Try 'head --help' for more information.\n", 1)


def test_huge_counts_too_large(run):
    r = run("head", "-n", "99999999999999999999", stdin=TWELVE)
    assert tuple(r) == (b"", b"head: invalid number of lines: '99999999999999999999': "
                        b"Value too large for defined data type\n", 1)


def test_write_error(bindir, d):
    with open("/dev/full", "wb") as full:
        p = subprocess.run([os.path.join(bindir, "head"), "twelve"], cwd=d, stdout=full,
                           stderr=subprocess.PIPE, env=child_env())
    assert (p.returncode, p.stderr) == (1, b"head: write error: No space left on device\n")


# -- the offset left behind (POSIX) --------------------------------------------------

@pytest.mark.parametrize("args, first", [
    ("-n 1", b"1\n"),
    ("-n 3", lines(1, 3)),
    ("-c 3", b"1\n2"),
    ("-n 0", b""),
    ("-c 0", b""),
    ("-n 100", TWELVE),
    ("-n -2", lines(1, 10)),
    ("-c -4", TWELVE[:-4]),
])
def test_offset_after_head(sh, d, args, first):
    r = sh("{ head %s; echo ---; cat; } < twelve" % args, cwd=d)
    assert tuple(r) == (first + b"---\n" + TWELVE[len(first):], b"", 0)


def test_offset_after_head_on_stdin_dash(sh, d):
    r = sh("{ head -n 2 -; cat; } < twelve", cwd=d)
    assert r.out == TWELVE


# -- differential ---------------------------------------------------------------------

DIFF_ARGS = [
    [], ["-n", "3"], ["-n", "-3"], ["-c", "5"], ["-c", "-5"], ["-n", "0"], ["-c", "1k"],
    ["-n", "+3"], ["-c", "+3"], ["-n", "-1x"], ["-n", "1x"], ["-n", ""], ["-n", " 3"],
    ["-5"], ["-5c"], ["-2k"], ["-3v"], ["-1vq"], ["-5z"], ["-z", "-n", "1"], ["-5x"],
    ["-n", "2", "-5"], ["-n", "99999999999999999999"], ["-c", "-99999999999999999999"],
    ["-c", "1Q"], ["-c", "18446744073709551616"], ["-c", "-9223372036854775808"],
    ["-q"], ["-v"], ["--lines=2", "--verb"], ["--by=3"], ["-x"], ["--foo=1"], ["-n"],
]


@pytest.mark.parametrize("args", DIFF_ARGS, ids=" ".join)
def test_same_as_gnu(same_as_gnu, d, args):
    same_as_gnu("head", *args, "twelve", "nope", "ab", "-", "empty", "dir", stdin=b"in\nput", cwd=d)


@pytest.mark.parametrize("args", [["-n", "1"], ["-n", "-2"], ["-c", "2"], ["-c", "-3"], ["-n", "0"],
                                  ["-c", "0"], ["-n", "-100"], ["-n", "100"]], ids=" ".join)
def test_offset_same_as_gnu(offset_check, args):
    offset_check(args)


@pytest.fixture
def offset_check(sh, gnu, d, bindir):
    """Compare what is left for the next reader of a shared file offset."""
    def check(args):
        script = '{ "$0" %s; echo ---; /usr/bin/cat; } < twelve' % " ".join(args)
        mine = sh(script.replace('"$0"', os.path.join(bindir, "head")), cwd=d)
        theirs = sh(script.replace('"$0"', gnu("head")), cwd=d)
        assert mine == theirs
    return check


COUNT_TEXT = st.builds(lambda sign, n, suffix: sign + str(n) + suffix,
                       st.sampled_from(["", "-"]), st.integers(0, 40),
                       st.sampled_from(["", "", "", "b", "k"]))
DATA = st.lists(st.sampled_from([b"\n", b"\n\n", b"x", b"yz", b"\0", b"\r\n", b"\xff"]),
                max_size=60).map(b"".join)


@given(DATA, st.sampled_from(["-n", "-c"]), COUNT_TEXT, st.booleans())
def test_same_as_gnu_generated(inproc, run_gnu, data, unit, count, zero):
    args = [unit, count] + (["-z"] if zero else [])
    expected = run_gnu("head", *args, stdin=data)
    assert tuple(inproc("head", *args, stdin=data)) == tuple(expected)


@given(DATA, DATA, st.sampled_from(["-n", "-c"]), COUNT_TEXT)
def test_same_as_gnu_two_files(inproc, run_gnu, tmp_path, one, two, unit, count):
    (tmp_path / "one").write_bytes(one)
    (tmp_path / "two").write_bytes(two)
    args = [unit, count, str(tmp_path / "one"), str(tmp_path / "two")]
    expected = run_gnu("head", *args)
    assert tuple(inproc("head", *args)) == tuple(expected)
