"""wc: every count, GNU's column widths, totals, --files0-from, the offset
-c counts from, UTF-8 character classes and widths, errors, and differential
tests against GNU wc."""
import os
import subprocess

import pytest
from hypothesis import given, strategies as st

from conftest import child_env

UTF8 = {"LC_ALL": "C.UTF-8"}


@pytest.fixture
def d(tmp_path):
    (tmp_path / "f1").write_bytes(b"a b\nc\n")
    (tmp_path / "f2").write_bytes(b"hello world\n")
    (tmp_path / "empty").write_bytes(b"")
    (tmp_path / "dir").mkdir()
    return str(tmp_path)


# -- counts --------------------------------------------------------------------

@pytest.mark.parametrize("args, expected", [
    ([], b"      2       4       8\n"),
    (["-l"], b"2\n"),
    (["-w"], b"4\n"),
    (["-c"], b"8\n"),
    (["-m"], b"8\n"),
    (["-L"], b"3\n"),
    (["--lines"], b"2\n"),
    (["--words"], b"4\n"),
    (["--bytes"], b"8\n"),
    (["--chars"], b"8\n"),
    (["--max-line-length"], b"3\n"),
    (["-lw"], b"      2       4\n"),
    (["-cl"], b"      2       8\n"),
    (["-lwmcL"], b"      2       4       8       8       3\n"),
    (["-L", "-l"], b"      2       3\n"),
    (["-l", "-l"], b"2\n"),
])
def test_counts_from_pipe(run, args, expected):
    assert tuple(run("wc", *args, stdin=b"a b\nc d\n")) == (expected, b"", 0)


def test_default_counts(run, via):
    assert tuple(run("wc", stdin=b"one two\nthree\n", via=via)) == (b"      2       3      14\n", b"", 0)


@pytest.mark.parametrize("data, lines, words, nbytes, longest", [
    (b"", 0, 0, 0, 0),
    (b"no newline", 0, 2, 10, 10),
    (b"\n\n\n", 3, 0, 3, 0),
    (b"  lead and trail  \n", 1, 3, 19, 18),
    (b"a\tb\n", 1, 2, 4, 9),
    (b"\tx", 0, 1, 2, 9),
    (b"12345678\tx\n", 1, 2, 11, 17),
    (b"a\rbcd\n", 1, 2, 6, 3),
    (b"abc\fd", 0, 2, 5, 3),
    (b"a\vb", 0, 2, 3, 2),
    (b"x\0y z", 0, 2, 5, 4),
    (b"\x01", 0, 0, 1, 0),
    (b"a\x01b", 0, 1, 3, 2),
    (b"\xff\xfe", 0, 0, 2, 0),
    (b"a\xffb c", 0, 2, 5, 4),
])
def test_classes_c_locale(run, data, lines, words, nbytes, longest):
    r = run("wc", "-l", "-w", "-c", "-L", stdin=data)
    assert r.out == b"%7d %7d %7d %7d\n" % (lines, words, nbytes, longest)


@pytest.mark.parametrize("data, words, chars, longest", [
    (b"h\xc3\xa9llo w\xc3\xb6rld", 2, 11, 11),
    (b"a\xc2\xa0b", 2, 3, 3),            # NO-BREAK SPACE separates (GNU 9.1)
    (b"a\xe2\x80\x87b", 2, 3, 3),        # FIGURE SPACE
    (b"a\xe2\x80\xafb", 2, 3, 3),        # NARROW NO-BREAK SPACE
    (b"a\xe2\x81\xa0b", 2, 3, 2),        # WORD JOINER: a separator of width 0
    (b"a\xe3\x80\x80b", 2, 3, 4),        # IDEOGRAPHIC SPACE, wide
    (b"a\xe1\x9a\x80b", 2, 3, 3),        # OGHAM SPACE MARK
    (b"a\xe2\x80\x8bb", 1, 3, 2),        # ZERO WIDTH SPACE is a word character
    (b"a\xe2\x80\xa8b", 1, 3, 2),        # LINE SEPARATOR: not printable, neutral
    (b"a\xc2\x85b", 1, 3, 2),            # NEL: a control, neutral
    (b"\xe4\xb8\x80x", 1, 2, 3),         # a wide character
    (b"\xcc\x81", 1, 1, 0),              # a combining mark: width 0
    (b"\xf0\x9f\x98\x80", 1, 1, 2),      # an emoji, wide
    (b"a\x80b", 1, 2, 2),                # undecodable: a byte, not a character
    (b"ab\xe2\x82", 1, 2, 2),            # truncated at the end
    (b"\xed\xa0\x80", 0, 0, 0),          # an encoded surrogate is not UTF-8
    (b"\xcd\xb8x", 1, 2, 1),             # unassigned: a character, not printable
])
def test_classes_utf8(run, data, words, chars, longest):
    r = run("wc", "-w", "-m", "-L", stdin=data, env=UTF8)
    assert r.out == b"%7d %7d %7d\n" % (words, chars, longest)


def test_chars_are_bytes_in_c_locale(run):
    assert run("wc", "-m", stdin=b"h\xc3\xa9").out == b"3\n"
    assert run("wc", "-m", stdin=b"h\xc3\xa9", env=UTF8).out == b"2\n"


def test_posixly_correct_keeps_no_break_space_in_words(run):
    env = dict(UTF8, POSIXLY_CORRECT="1")
    assert run("wc", "-w", stdin=b"a\xc2\xa0b c", env=env).out == b"2\n"
    assert run("wc", "-w", stdin=b"a\xc2\xa0b c", env=UTF8).out == b"3\n"


def test_large_input_across_chunks(run, run_gnu, tmp_path):
    # Multibyte characters, tabs, words and lines straddle the 256 KiB reads.
    unit = b"ab\xc3\xa9 \xe4\xb8\x80\tx\xc2\xa0y\n" + b"z" * 300 + b"\xe2\x80\x8b"
    data = unit * 3000 + b"tail"
    (tmp_path / "big").write_bytes(data)
    r = run("wc", "-lwmcL", "big", cwd=str(tmp_path), env=UTF8)
    assert r.out.split()[:4] == [b"3000", b"12001", str(len(data.decode("utf-8"))).encode(),
                                 str(len(data)).encode()]
    assert r == run_gnu("wc", "-lwmcL", "big", cwd=str(tmp_path), env=UTF8)
    assert run("wc", "-lwcL", "big", cwd=str(tmp_path)) == run_gnu("wc", "-lwcL", "big", cwd=str(tmp_path))


def test_long_line_width_across_chunks(run):
    data = b"x" * 600000 + b"\n" + b"\t" * 3 + b"y"
    assert run("wc", "-L", stdin=data).out == b"600000\n"
    assert run("wc", "-L", stdin=b"y" * 262143 + b"\t" + b"z").out == b"262145\n"


# -- widths and names -----------------------------------------------------------

def test_several_files_and_total(run, d, via):
    r = run("wc", "f1", "f2", cwd=d, via=via)
    assert tuple(r) == (b" 2  3  6 f1\n 1  2 12 f2\n 3  5 18 total\n", b"", 0)


def test_single_count_single_file_is_unpadded(run, d):
    assert run("wc", "-l", "f1", cwd=d).out == b"2 f1\n"
    assert run("wc", "-c", cwd=d, stdin=b"x" * 12345).out == b"12345\n"


def test_width_from_regular_sizes(run, d):
    assert run("wc", "f1", cwd=d).out == b"2 3 6 f1\n"
    assert run("wc", "-l", "f1", "f2", cwd=d).out == b" 2 f1\n 1 f2\n 3 total\n"


def test_width_seven_for_pipes_and_directories(run, d):
    assert run("wc", stdin=b"a\n").out == b"      1       1       2\n"
    assert run("wc", "-", "f1", cwd=d, stdin=b"x\n").out == (
        b"      1       1       2 -\n      2       3       6 f1\n      3       4       8 total\n")
    r = run("wc", "dir", cwd=d)
    assert tuple(r) == (b"      0       0       0 dir\n", b"wc: dir: Is a directory\n", 1)


def test_width_one_when_first_file_is_missing(run, d):
    r = run("wc", "nope", "f2", cwd=d)
    assert r.out == b"1 2 12 f2\n1 2 12 total\n"
    assert r.err == b"wc: nope: No such file or directory\n"
    assert r.status == 1
    r = run("wc", "f2", "nope", cwd=d)
    assert r.out == b" 1  2 12 f2\n 1  2 12 total\n"


def test_stdin_regular_file_width(bindir, d):
    with open(os.path.join(d, "f2"), "rb") as f:
        p = subprocess.run([os.path.join(bindir, "wc")], stdin=f, stdout=subprocess.PIPE, env=child_env())
    assert p.stdout == b" 1  2 12\n"


def test_name_with_newline_is_quoted(run, tmp_path):
    (tmp_path / "a\nb").write_bytes(b"x\n")
    r = run("wc", "a\nb", cwd=str(tmp_path))
    assert r.out == b"1 1 2 'a'$'\\n''b'\n"


def test_non_utf8_name_printed_raw(run, tmp_path):
    (tmp_path / os.fsdecode(b"n\xff")).write_bytes(b"x\n")
    r = run("wc", "-c", b"n\xff", cwd=str(tmp_path))
    assert r.out == b"2 n\xff\n"
    r = run("wc", b"m\xff", cwd=str(tmp_path))
    assert r.err == b"wc: 'm'$'\\377': No such file or directory\n"


def test_zero_length_name(run, d):
    r = run("wc", "", cwd=d)
    assert tuple(r) == (b"", b"wc: invalid zero-length file name\n", 1)
    r = run("wc", "", "f1", cwd=d)
    assert r.out == b"2 3 6 f1\n2 3 6 total\n"


def test_dash_twice(run):
    r = run("wc", "-", "-", stdin=b"hi\n")
    assert r.out == b"      1       1       3 -\n      0       0       0 -\n      1       1       3 total\n"


def test_all_files_missing_still_totals(run):
    r = run("wc", "x", "y")
    assert tuple(r) == (b"0 0 0 total\n", b"wc: x: No such file or directory\nwc: y: No such file or directory\n", 1)


# -- -c and the file offset --------------------------------------------------------

def test_bytes_count_from_the_offset(sh, d):
    r = sh("{ head -c 2 >/dev/null; wc -c; } < f2", cwd=d)
    assert r.out == b"10\n"
    r = sh("{ head -c 2 >/dev/null; wc -l; } < f2", cwd=d)
    assert r.out == b"1\n"


def test_bytes_count_leaves_offset_at_end(sh, d):
    r = sh("{ wc -c; cat; } < f2", cwd=d)
    assert r.out == b"12\n"


def test_proc_file_is_read(run):
    r = run("wc", "-c", "/proc/self/status")
    assert int(r.out.split()[0]) > 0


# -- --files0-from -------------------------------------------------------------------

def test_files0_from_file(run, d):
    with open(os.path.join(d, "list"), "wb") as f:
        f.write(b"f1\0f2\0")
    r = run("wc", "--files0-from=list", cwd=d)
    assert tuple(r) == (b" 2  3  6 f1\n 1  2 12 f2\n 3  5 18 total\n", b"", 0)


def test_files0_from_stdin_has_width_one(run, d):
    r = run("wc", "--files0-from=-", cwd=d, stdin=b"f1\0f2")
    assert tuple(r) == (b"2 3 6 f1\n1 2 12 f2\n3 5 18 total\n", b"", 0)


def test_files0_from_bad_names(run, d):
    r = run("wc", "--files0-from", "-", cwd=d, stdin=b"f1\0\0f2\0-\0")
    assert r.out == b"2 3 6 f1\n1 2 12 f2\n3 5 18 total\n"
    assert r.err == (b"wc: -:2: invalid zero-length file name\n"
                     b"wc: when reading file names from stdin, no file name of '-' allowed\n")
    assert r.status == 1


def test_files0_from_file_allows_dash(run, d):
    with open(os.path.join(d, "list"), "wb") as f:
        f.write(b"-\0f1\0")
    r = run("wc", "--files0-from=list", cwd=d, stdin=b"x y\n")
    assert r.out == b"      1       2       4 -\n      2       3       6 f1\n      3       5      10 total\n"


def test_files0_from_single_name_no_total(run, d):
    assert run("wc", "-l", "--files0-from=-", cwd=d, stdin=b"f1\0").out == b"2 f1\n"


def test_files0_from_empty_list(run):
    assert tuple(run("wc", "--files0-from=-", stdin=b"")) == (b"", b"", 0)


def test_files0_from_with_operand(run, d):
    r = run("wc", "--files0-from=-", "f1", cwd=d, stdin=b"f1\0")
    assert tuple(r) == (b"", b"wc: extra operand 'f1'\nfile operands cannot be combined with --files0-from\n"
                        b"Try 'wc --help' for more information.\n", 1)


def test_files0_from_errors(run, d):
    r = run("wc", "--files0-from=nope", cwd=d)
    assert tuple(r) == (b"", b"wc: cannot open 'nope' for reading: No such file or directory\n", 1)
    r = run("wc", "--files0-from=dir", cwd=d)
    assert tuple(r) == (b"", b"wc: dir: read error: Is a directory\n", 1)
    r = run("wc", "--files0-from", cwd=d)
    assert r.err == b"wc: option '--files0-from' requires an argument\nTry 'wc --help' for more information.\n"


# -- errors and options -----------------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (["-x"], b"wc: invalid option -- 'x'\n"),
    (["--total=always"], b"wc: unrecognized option '--total=always'\n"),
    (["--lines=3"], b"wc: option '--lines' doesn't allow an argument\n"),
])
def test_usage_errors(run, args, message):
    r = run("wc", *args)
    assert tuple(r) == (b"", message + b"Try 'wc --help' for more information.\n", 1)


def test_abbreviated_long_options(run):
    assert run("wc", "--li", "--by", stdin=b"ab\n").out == b"      1       3\n"
    assert run("wc", "--max", stdin=b"ab\n").out == b"2\n"


def test_help(run):
    r = run("wc", "--help")
    assert r.status == 0
    assert r.out.startswith(b"Usage: wc [OPTION]... [FILE]...\n  or:  wc [OPTION]... --files0-from=F\n")
    assert b"--files0-from=F" in r.out and b"-L, --max-line-length" in r.out


def test_write_error(bindir, d):
    with open("/dev/full", "wb") as full:
        p = subprocess.run([os.path.join(bindir, "wc"), "f1"], cwd=d, stdout=full,
                           stderr=subprocess.PIPE, env=child_env())
    assert (p.returncode, p.stderr) == (1, b"wc: write error: No space left on device\n")


def test_unreadable_file(run, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads everything")
    p = tmp_path / "secret"
    p.write_bytes(b"x")
    p.chmod(0)
    r = run("wc", str(p))
    assert r.status == 1 and b"Permission denied" in r.err


# -- differential ---------------------------------------------------------------------------

DIFF_ARGS = [[], ["-l"], ["-w"], ["-c"], ["-m"], ["-L"], ["-lwmcL"], ["-cm"], ["-wL"], ["--files0-from=list"],
             ["-l", "--files0-from=list"], ["--files0-from=-"], ["-x"], ["--total=never"]]


@pytest.mark.parametrize("locale", ["C", "C.UTF-8"])
@pytest.mark.parametrize("args", DIFF_ARGS, ids=" ".join)
def test_same_as_gnu(same_as_gnu, d, args, locale):
    with open(os.path.join(d, "list"), "wb") as f:
        f.write(b"f1\0nope\0\0f2\0dir\0empty\0")
    with open(os.path.join(d, "u8"), "wb") as f:
        f.write(b"h\xc3\xa9llo\t\xe4\xb8\x80\xc2\xa0x\n\xff\xcc\x81 y")
    operands = [] if any(a.startswith("--files0") for a in args) else ["f1", "nope", "-", "u8", "empty", "dir"]
    same_as_gnu("wc", *args, *operands, stdin=b"f2\0u8\0" if "--files0-from=-" in args else b"in put\n",
                cwd=d, env={"LC_ALL": locale})


DATA = st.lists(st.sampled_from([b"a", b"bc", b" ", b"\t", b"\n", b"\r", b"\f", b"\v", b"\0", b"\x01", b"\x7f",
                                 b"\xff", b"\xc3\xa9", b"\xe4\xb8\x80", b"\xc2\xa0", b"\xe2\x80\x8b", b"\xcc\x81",
                                 b"\xe2\x80\xa8", b"\xf0\x9f\x98\x80", b"\xe2\x82", b"\xcd\xb8", b"\xe3\x80\x80"]),
                max_size=60).map(b"".join)
OPTS = st.sampled_from([[], ["-l"], ["-w"], ["-m"], ["-L"], ["-lwmcL"], ["-wL"], ["-c"]])


@given(DATA, OPTS, st.sampled_from(["C", "C.UTF-8"]))
def test_same_as_gnu_generated(inproc, run_gnu, tmp_path, data, opts, locale):
    # Standard input is a regular file for both (the in-process runner's is).
    env = {"LC_ALL": locale}
    (tmp_path / "in").write_bytes(data)
    with open(str(tmp_path / "in"), "rb") as f:
        expected = run_gnu("wc", *opts, stdin=f, env=env)
    assert tuple(inproc("wc", *opts, stdin=data, env=env)) == tuple(expected)


@given(DATA, DATA, OPTS)
def test_same_as_gnu_two_files(inproc, run_gnu, tmp_path, one, two, opts):
    (tmp_path / "one").write_bytes(one)
    (tmp_path / "two").write_bytes(two)
    args = opts + [str(tmp_path / "one"), str(tmp_path / "two")]
    env = {"LC_ALL": "C.UTF-8"}
    assert tuple(inproc("wc", *args, env=env)) == tuple(run_gnu("wc", *args, env=env))
