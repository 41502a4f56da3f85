"""uniq: every output mode and comparison option, the obsolete -N and +N
forms, INPUT and OUTPUT operands, errors, chunk boundaries, and
differential tests against GNU uniq."""
import os
import subprocess

import pytest
from hypothesis import given, strategies as st

from conftest import child_env

DATA = b"a\na\nb\nB\nb\n c\n\tc\nd d\nd e\nx"


@pytest.mark.parametrize("args, expected", [
    ([], b"a\nb\nB\nb\n c\n\tc\nd d\nd e\nx\n"),
    (["-c"], b"      2 a\n      1 b\n      1 B\n      1 b\n      1  c\n      1 \tc\n      1 d d\n"
             b"      1 d e\n      1 x\n"),
    (["-d"], b"a\n"),
    (["--repeated"], b"a\n"),
    (["-D"], b"a\na\n"),
    (["-u"], b"b\nB\nb\n c\n\tc\nd d\nd e\nx\n"),
    (["-i"], b"a\nb\n c\n\tc\nd d\nd e\nx\n"),
    (["-ic"], b"      2 a\n      3 b\n      1  c\n      1 \tc\n      1 d d\n      1 d e\n      1 x\n"),
    # One-field lines all have an empty key after skipping a field.
    (["-f", "1"], b"a\nd d\nd e\nx\n"),
    (["-f1", "-c"], b"      7 a\n      1 d d\n      1 d e\n      1 x\n"),
    (["-s", "1"], b"a\n c\nd d\nd e\nx\n"),
    (["-w", "1"], b"a\nb\nB\nb\n c\n\tc\nd d\nx\n"),
    (["--check-chars=0"], b"a\n"),
    (["-w", "1", "-D"], b"a\na\nd d\nd e\n"),
    (["-d", "-u"], b""),
    (["-cd"], b"      2 a\n"),
    (["-cu", "-i"], b"      1  c\n      1 \tc\n      1 d d\n      1 d e\n      1 x\n"),
    (["-D", "-u"], b"a\n"),  # GNU: all but the last of each repeated group
    (["--all-repeated=separate", "-i"], b"a\na\n\nb\nB\nb\n"),
    (["--all-repeated=prepend", "-i"], b"\na\na\n\nb\nB\nb\n"),
    (["--all-repeated", "-i"], b"a\na\nb\nB\nb\n"),
    (["--all-repeated=none", "-i"], b"a\na\nb\nB\nb\n"),
    (["--all-repeated=prepend", "-u"], b"\na\n"),
    (["--group", "-i", "-w1"], b"a\na\n\nb\nB\nb\n\n c\n\n\tc\n\nd d\nd e\n\nx\n"),
    (["--group=prepend", "-w1"], b"\na\na\n\nb\n\nB\n\nb\n\n c\n\n\tc\n\nd d\nd e\n\nx\n"),
    (["--group=append", "-w1"], b"a\na\n\nb\n\nB\n\nb\n\n c\n\n\tc\n\nd d\nd e\n\nx\n\n"),
    (["--group=both", "-w1"], b"\na\na\n\nb\n\nB\n\nb\n\n c\n\n\tc\n\nd d\nd e\n\nx\n\n"),
    (["--group=sep", "-w1"], b"a\na\n\nb\n\nB\n\nb\n\n c\n\n\tc\n\nd d\nd e\n\nx\n"),
    (["-1"], b"a\nd d\nd e\nx\n"),  # obsolete -N: skip N fields
    (["+1"], b"a\n c\nd d\nd e\nx\n"),  # obsolete +N: skip N chars
    (["-s", "3", "+1"], b"a\n c\nd d\nd e\nx\n"),  # the last of -s and +N wins
    (["+1", "-s", "5"], b"a\n"),
    (["-1", "-2"], b"a\n"),  # digits accumulate: 12 fields
    (["-f", "5", "-1"], b"a\nd d\nd e\nx\n"),  # -N after -f restarts the count
    (["-3", "-f", "0"], DATA.replace(b"a\na", b"a") + b"\n"),
])
def test_modes(inproc, args, expected):
    assert tuple(inproc("uniq", *args, stdin=DATA)) == (expected, b"", 0)


def test_zero_terminated(run):
    assert run("uniq", "-z", stdin=b"a\0a\0b\nc\0b\nc").out == b"a\0b\nc\0"
    assert run("uniq", "-zc", stdin=b"x\0x\0").out == b"      2 x\0"
    # With -z a newline separates fields like a blank.
    assert run("uniq", "-z", "-f1", stdin=b"a\nb\0c\nb\0").out == b"a\nb\0"


def test_last_line_gets_newline(run):
    assert run("uniq", stdin=b"a\na").out == b"a\n"
    assert run("uniq", stdin=b"").out == b""
    assert run("uniq", stdin=b"\n\n").out == b"\n"


def test_binary_and_long_lines(run):
    data = b"\xff\x00x\n\xff\x00x\n" + b"y" * 300000 + b"\n" + b"y" * 300000 + b"\n"
    assert run("uniq", "-c", stdin=data).out == b"      2 \xff\x00x\n      2 " + b"y" * 300000 + b"\n"


def test_groups_across_chunks(run):
    data = b"same\n" * 200000 + b"other\n" * 3 + b"same\n"
    assert run("uniq", "-c", stdin=data).out == b" 200000 same\n      3 other\n      1 same\n"
    assert run("uniq", "-D", stdin=data).out == b"same\n" * 200000 + b"other\n" * 3


def test_input_and_output_files(run, tmp_path):
    (tmp_path / "in").write_bytes(b"x\nx\ny\n")
    assert tuple(run("uniq", "in", "out", cwd=str(tmp_path))) == (b"", b"", 0)
    assert (tmp_path / "out").read_bytes() == b"x\ny\n"
    assert tuple(run("uniq", "-", "out2", stdin=b"z\nz\n", cwd=str(tmp_path))) == (b"", b"", 0)
    assert (tmp_path / "out2").read_bytes() == b"z\n"
    assert run("uniq", "in", "-", cwd=str(tmp_path)).out == b"x\ny\n"


TRY = b"Try 'uniq --help' for more information.\n"


@pytest.mark.parametrize("args, err", [
    (["-f", "x"], b"uniq: x: invalid number of fields to skip\n"),
    (["-f", "-1"], b"uniq: -1: invalid number of fields to skip\n"),
    (["-s", ""], b"uniq: : invalid number of bytes to skip\n"),
    (["-w", "1k"], b"uniq: 1k: invalid number of bytes to compare\n"),
    (["--all-repeated=x"], b"uniq: invalid argument 'x' for '--all-repeated'\nValid arguments are:\n"
     b"  - 'none'\n  - 'prepend'\n  - 'separate'\n" + TRY),
    (["--all-repeated="], b"uniq: ambiguous argument '' for '--all-repeated'\nValid arguments are:\n"
     b"  - 'none'\n  - 'prepend'\n  - 'separate'\n" + TRY),
    (["--group=x"], b"uniq: invalid argument 'x' for '--group'\nValid arguments are:\n"
     b"  - 'prepend'\n  - 'append'\n  - 'separate'\n  - 'both'\n" + TRY),
    (["--group", "-c"], b"uniq: --group is mutually exclusive with -c/-d/-D/-u\n" + TRY),
    (["--group", "-u"], b"uniq: --group is mutually exclusive with -c/-d/-D/-u\n" + TRY),
    (["-c", "-D"], b"uniq: printing all duplicated lines and repeat counts is meaningless\n" + TRY),
    (["a", "b", "c"], b"uniq: extra operand 'c'\n" + TRY),
    (["a", "b", "+1", "c\\d"], b"uniq: extra operand 'c\\\\d'\n" + TRY),
    (["nope"], b"uniq: nope: No such file or directory\n"),
    (["+x"], b"uniq: +x: No such file or directory\n"),
    (["-", "/nonexistent/out"], b"uniq: /nonexistent/out: No such file or directory\n"),
    (["-x"], b"uniq: invalid option -- 'x'\n" + TRY),
])
def test_errors(inproc, args, err):
    assert tuple(inproc("uniq", *args, stdin=DATA)) == (b"", err, 1)


def test_directory_input(run, tmp_path):
    r = run("uniq", str(tmp_path))
    assert tuple(r) == (b"", b"uniq: error reading '%s'\n" % str(tmp_path).encode(), 1)


def test_write_error(bindir):
    with open("/dev/full", "wb") as full:
        p = subprocess.run([os.path.join(bindir, "uniq")], input=b"a\n" * 10, stdout=full,
                           stderr=subprocess.PIPE, env=child_env())
    assert (p.returncode, p.stderr) == (1, b"uniq: write error: No space left on device\n")


def test_posixly_correct(run, tmp_path):
    env = {"POSIXLY_CORRECT": "1"}
    # After a file operand, everything is an operand; a leading +N is not one.
    r = run("uniq", "+1", "-c", stdin=b"xa\nya\n", env=env)
    assert r.out == b"      2 xa\n"
    r = run("uniq", "-", "-c", stdin=b"a\n", env=env, cwd=str(tmp_path))
    assert tuple(r) == (b"", b"", 0)  # "-c" is the OUTPUT file
    assert (tmp_path / "-c").read_bytes() == b"a\n"


def test_dash_dash_makes_plus_a_file(run):
    r = run("uniq", "--", "+1", stdin=b"a\n")
    assert tuple(r) == (b"", b"uniq: +1: No such file or directory\n", 1)


def test_help(run):
    r = run("uniq", "--help")
    assert r.status == 0 and r.out.startswith(b"Usage: uniq [OPTION]... [INPUT [OUTPUT]]\n")
    assert b"--all-repeated[=METHOD]" in r.out


# -- differential ------------------------------------------------------------------------

DIFF_ARGS = [[], ["-c"], ["-d"], ["-D"], ["-u"], ["-i"], ["-f", "1"], ["-s", "2"], ["-w", "2"],
             ["-z"], ["--group"], ["--group=both"], ["--all-repeated=separate"], ["-D", "-u"],
             ["-f", "99999999999999999999999"], ["-2", "+1"], ["--al"], ["-cif1s1w1"],
             ["--skip-fields=1", "--check-chars=1"], ["-d", "-u"], ["--group", "-c"]]


@pytest.mark.parametrize("args", DIFF_ARGS, ids=" ".join)
def test_same_as_gnu(same_as_gnu, args):
    same_as_gnu("uniq", *args, stdin=DATA + b"\nx\n\n\n\xff\n\xff\n a  b\n b  b")


OPTS = ["-c", "-d", "-D", "-u", "-i", "-z", "-f1", "-f2", "-s1", "-s3", "-w1", "-w0", "--group",
        "--group=prepend", "--group=append", "--all-repeated=separate", "--all-repeated=prepend",
        "-1", "+1"]
LINES = st.lists(st.sampled_from([b"a", b"A", b"b", b"", b" a", b"\ta", b"x a", b"y a", b"x  b",
                                  b"ab", b"a\0b", b"\xff", b"a\nb"]), max_size=12)


@given(st.lists(st.sampled_from(OPTS), max_size=3, unique=True), LINES,
       st.sampled_from([b"\n", b"\0"]), st.booleans())
def test_same_as_gnu_generated(inproc, run_gnu, opts, lines, delim, final):
    data = delim.join(lines) + (delim if final else b"")
    assert tuple(inproc("uniq", *opts, stdin=data)) == tuple(run_gnu("uniq", *opts, stdin=data))


@given(LINES, st.sampled_from([[], ["-c"], ["-D"], ["--group=both"], ["-f1", "-u"],
                               ["--all-repeated=separate", "-w1"]]), st.integers(1, 9))
def test_small_chunks_same_as_gnu(inproc, run_gnu, monkeypatch, lines, opts, size):
    import applets.coreutils.uniq as mod
    monkeypatch.setattr(mod, "BUFSIZE", size)
    data = b"\n".join(lines + lines[:3] * 2)
    assert tuple(inproc("uniq", *opts, stdin=data)) == tuple(run_gnu("uniq", *opts, stdin=data))
