"""cat: plain copying, every formatting option, state carried across
files, error paths, odd file names and data, and differential tests."""
import os
import subprocess

import pytest
from hypothesis import example, given, strategies as st

from conftest import child_env

ALL_BYTES = bytes(range(256))


@pytest.fixture
def files(tmp_path):
    """files(name=data, ...) writes files into tmp_path; returns the dir."""
    def files(**contents):
        for name, data in contents.items():
            (tmp_path / name).write_bytes(data)
        return str(tmp_path)
    return files


# -- plain copying ---------------------------------------------------------------

def test_stdin_to_stdout(run, via):
    assert tuple(run("cat", stdin=b"hello\nworld", via=via)) == (b"hello\nworld", b"", 0)


def test_empty_input(run):
    assert tuple(run("cat", stdin=b"")) == (b"", b"", 0)


def test_files_concatenated(run, files, via):
    d = files(a=b"one\n", b=b"two", c=b"three\n")
    assert tuple(run("cat", "a", "b", "c", cwd=d, via=via)) == (b"one\ntwothree\n", b"", 0)


def test_dash_is_stdin_between_files(run, files):
    d = files(a=b"A\n", b=b"B\n")
    assert tuple(run("cat", "a", "-", "b", stdin=b"in\n", cwd=d)) == (b"A\nin\nB\n", b"", 0)


def test_dash_twice_reads_stdin_once(run):
    assert tuple(run("cat", "-", "-", stdin=b"xy")) == (b"xy", b"", 0)


def test_same_file_twice(run, files):
    d = files(a=b"ab\n")
    assert run("cat", "a", "a", cwd=d).out == b"ab\nab\n"


def test_all_byte_values_round_trip(run, files):
    d = files(bin=ALL_BYTES * 3)
    assert tuple(run("cat", "bin", cwd=d)) == (ALL_BYTES * 3, b"", 0)
    assert tuple(run("cat", stdin=ALL_BYTES)) == (ALL_BYTES, b"", 0)
    assert tuple(run("cat", "-u", stdin=ALL_BYTES)) == (ALL_BYTES, b"", 0)


def big_data():
    return b"".join(b"%07d %s\n" % (i, ALL_BYTES[i % 200:i % 200 + 40]) for i in range(110000))


def test_large_file_to_pipe(run, files):
    data = big_data()
    assert len(data) > 5 * 1024 * 1024
    d = files(big=data)
    r = run("cat", "big", cwd=d)
    assert r.status == 0 and r.err == b""
    assert r.out == data


def test_large_file_to_regular_file(bindir, files, tmp_path):
    # Output to a regular file: the copy_file_range path.
    data = big_data()
    d = files(big=data)
    with open(str(tmp_path / "out"), "wb") as out:
        p = subprocess.run([os.path.join(bindir, "cat"), "big", "big"], cwd=d, stdout=out,
                           stderr=subprocess.PIPE, env=child_env())
    assert (p.returncode, p.stderr) == (0, b"")
    assert (tmp_path / "out").read_bytes() == data + data


def test_large_stdin_from_file(bindir, files, tmp_path):
    data = big_data()
    d = files(big=data)
    with open(os.path.join(d, "big"), "rb") as src, open(str(tmp_path / "out"), "wb") as out:
        src.seek(10)  # cat starts where the descriptor's offset is
        p = subprocess.run([os.path.join(bindir, "cat")], stdin=src, stdout=out,
                           stderr=subprocess.PIPE, env=child_env())
    assert (p.returncode, p.stderr) == (0, b"")
    assert (tmp_path / "out").read_bytes() == data[10:]


def test_large_formatted(run, files):
    data = big_data()
    d = files(big=data)
    r = run("cat", "-v", "big", cwd=d)
    assert (r.status, r.err) == (0, b"")
    assert r.out.startswith(b"0000000 ^@^A^B^C^D")
    assert r.out == caret(data)


# -- formatting options ------------------------------------------------------------

@pytest.mark.parametrize("args, data, expected", [
    (["-n"], b"a\nb\n", b"     1\ta\n     2\tb\n"),
    (["-n"], b"a\n\nb", b"     1\ta\n     2\t\n     3\tb"),
    (["-n"], b"", b""),
    (["-n"], b"\n", b"     1\t\n"),
    (["--number"], b"x", b"     1\tx"),
    (["-b"], b"a\n\n\nb\n", b"     1\ta\n\n\n     2\tb\n"),
    (["-b"], b"\n", b"\n"),
    (["--number-nonblank"], b" \n", b"     1\t \n"),
    (["-nb"], b"a\n\nb\n", b"     1\ta\n\n     2\tb\n"),
    (["-bn"], b"a\n\nb\n", b"     1\ta\n\n     2\tb\n"),
    (["-s"], b"a\n\n\n\nb\n\n\n", b"a\n\nb\n\n"),
    (["-s"], b"\n\n\na\n", b"\na\n"),
    (["-s"], b"\n", b"\n"),
    (["-s"], b"a\n \n \n", b"a\n \n \n"),
    (["--squeeze-blank"], b"a\n\n\n", b"a\n\n"),
    (["-E"], b"a\nb", b"a$\nb"),
    (["-E"], b"\n\n", b"$\n$\n"),
    (["--show-ends"], b"a\r\n", b"a^M$\n"),  # GNU shows a CR before LF as ^M
    (["-E"], b"\r\r\n\rx\r", b"\r^M$\n\rx\r"),
    (["-nE"], b"a\r\n", b"     1\ta^M$\n"),
    (["-T"], b"a\tb\t\n", b"a^Ib^I\n"),
    (["--show-tabs"], b"\x01\t", b"\x01^I"),
    (["-v"], b"\x00\x01\x1f\x7f\t\n", b"^@^A^_^?\t\n"),
    (["-v"], b"\x80\x9f\xa0\xfe\xff", b"M-^@M-^_M- M-~M-^?"),
    (["-v"], b"plain text", b"plain text"),
    (["--show-nonprinting"], b"\x1b[0m", b"^[[0m"),
    (["-A"], b"a\tb\x00\xff\n", b"a^Ib^@M-^?$\n"),
    (["--show-all"], b"\r\n", b"^M$\n"),
    (["-e"], b"a\tb\x00\n", b"a\tb^@$\n"),
    (["-t"], b"a\tb\x00\n", b"a^Ib^@\n"),
    (["-u"], b"a\tb\x00\n", b"a\tb\x00\n"),
    (["-vE"], b"\x7f\n", b"^?$\n"),
    (["-nE"], b"a\n\n", b"     1\ta$\n     2\t$\n"),
    (["-bE"], b"a\n\n", b"     1\ta$\n$\n"),
    (["-sE"], b"a\n\n\n\n", b"a$\n$\n"),
    (["-ns"], b"a\n\n\n\nb\n", b"     1\ta\n     2\t\n     3\tb\n"),
    (["-bs"], b"\n\n\na\n\n\nb", b"\n     1\ta\n\n     2\tb"),
    (["-nT"], b"\t\n", b"     1\t^I\n"),
    (["-nA"], b"a\tb\n\x01", b"     1\ta^Ib$\n     2\t^A"),
    (["-bA"], b"\n\t\n", b"$\n     1\t^I$\n"),
    (["-sA"], b"\n\n\n\t", b"$\n^I"),
    (["-n", "-s", "-v", "-E", "-T"], b"\x00\n\n\n\t\n", b"     1\t^@$\n     2\t$\n     3\t^I$\n"),
    (["-et"], b"\t\x00\n", b"^I^@$\n"),
])
def test_format(run, args, data, expected):
    assert tuple(run("cat", *args, stdin=data)) == (expected, b"", 0)


def caret(data):
    """cat -v's rendering, written out independently of the applet."""
    out = []
    for b in data:
        s, c = (b"M-", b - 128) if b >= 128 else (b"", b)
        if b in (9, 10):
            r = bytes((b,))
        elif c < 32:
            r = b"^" + bytes((c + 64,))
        elif c == 127:
            r = b"^?"
        else:
            r = bytes((c,))
        out.append(s + r)
    return b"".join(out)


def test_show_nonprinting_every_byte(run):
    assert run("cat", "-v", stdin=ALL_BYTES).out == caret(ALL_BYTES)


def test_numbering_width_grows(run):
    data = b"x\n" * 1000001
    r = run("cat", "-n", stdin=data)
    lines = r.out.split(b"\n")
    assert lines[0] == b"     1\tx"
    assert lines[999998] == b"999999\tx"
    assert lines[1000000] == b"1000001\tx"
    assert r.status == 0


def test_numbering_continues_across_files(run, files, via):
    d = files(a=b"one\ntwo", b=b"three\n", c=b"\nfour\n")
    r = run("cat", "-n", "a", "b", "c", cwd=d, via=via)
    assert tuple(r) == (b"     1\tone\n     2\ttwothree\n     3\t\n     4\tfour\n", b"", 0)
    r = run("cat", "-b", "a", "b", "c", cwd=d)
    assert r.out == b"     1\tone\n     2\ttwothree\n\n     3\tfour\n"


def test_numbering_continues_through_stdin(run, files):
    d = files(a=b"a\n")
    r = run("cat", "-n", "a", "-", "a", stdin=b"s\n", cwd=d)
    assert r.out == b"     1\ta\n     2\ts\n     3\ta\n"


def test_squeeze_continues_across_files(run, files):
    d = files(a=b"a\n\n", b=b"\n\nb\n", c=b"\n", e=b"")
    r = run("cat", "-s", "a", "b", cwd=d)
    assert tuple(r) == (b"a\n\nb\n", b"", 0)
    r = run("cat", "-s", "a", "e", "c", "c", "b", cwd=d)
    assert r.out == b"a\n\nb\n"


def test_show_ends_cr_across_files(run, files):
    d = files(a=b"x\r", b=b"\ny\r")
    assert tuple(run("cat", "-E", "a", "b", cwd=d)) == (b"x^M$\ny\r", b"", 0)


def test_line_start_carries_across_files(run, files):
    # "a" ends without a newline, so "b"'s empty first line is not blank.
    d = files(a=b"x", b=b"\n\n\ny\n")
    assert run("cat", "-s", "a", "b", cwd=d).out == b"x\n\ny\n"
    assert run("cat", "-b", "a", "b", cwd=d).out == b"     1\tx\n\n\n     2\ty\n"
    assert run("cat", "-E", "a", "b", cwd=d).out == b"x$\n$\n$\ny$\n"


def test_formatting_across_chunk_boundaries(run):
    # Lines and runs of blank lines that straddle the 256 KiB read size.
    data = (b"a" * 262143 + b"\n" + b"\n" * 5 + b"b\n") * 3
    r = run("cat", "-ns", stdin=data)
    expected = b"".join(b"%6d\t%s\n%6d\t\n%6d\tb\n" % (3 * i + 1, b"a" * 262143, 3 * i + 2, 3 * i + 3)
                        for i in range(3))
    assert r.out == expected


def test_long_options_abbreviated(run):
    assert run("cat", "--number", "--squ", stdin=b"a\n\n\n").out == b"     1\ta\n     2\t\n"
    r = run("cat", "--num", stdin=b"")
    assert r.err == (b"cat: option '--num' is ambiguous; possibilities: '--number-nonblank' '--number'\n"
                     b"Try 'cat --help' for more information.\n")
    r = run("cat", "--show", stdin=b"")
    assert r.status == 1
    # GNU lists the candidates in the order of its internal option table,
    # which is not part of the interface; pybox lists them in --help order.
    first, _, rest = r.err.partition(b"\n")
    head, _, cands = first.partition(b"; possibilities: ")
    assert head == b"cat: option '--show' is ambiguous"
    assert sorted(cands.split(b" ")) == sorted([b"'--show-nonprinting'", b"'--show-ends'",
                                                b"'--show-tabs'", b"'--show-all'"])
    assert rest == b"Try 'cat --help' for more information.\n"


# -- errors --------------------------------------------------------------------------

def test_missing_file_continues(run, files, via):
    d = files(a=b"A\n", b=b"B\n")
    r = run("cat", "a", "nope", "b", cwd=d, via=via)
    assert tuple(r) == (b"A\nB\n", b"cat: nope: No such file or directory\n", 1)


def test_missing_file_with_formatting(run, files):
    d = files(a=b"A\n", b=b"B\n")
    r = run("cat", "-n", "a", "nope", "b", cwd=d)
    assert tuple(r) == (b"     1\tA\n     2\tB\n", b"cat: nope: No such file or directory\n", 1)


def test_directory(run, tmp_path):
    (tmp_path / "dir").mkdir()
    (tmp_path / "f").write_bytes(b"f\n")
    r = run("cat", "dir", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"f\n", b"cat: dir: Is a directory\n", 1)
    r = run("cat", "-A", "f", "dir", cwd=str(tmp_path))
    assert tuple(r) == (b"f$\n", b"cat: dir: Is a directory\n", 1)


def test_unreadable_file(run, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    p = tmp_path / "secret"
    p.write_bytes(b"x")
    p.chmod(0)
    r = run("cat", "secret", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"cat: secret: Permission denied\n", 1)


def test_name_with_space_is_quoted(run, tmp_path):
    r = run("cat", "a b", cwd=str(tmp_path))
    assert r.err == b"cat: 'a b': No such file or directory\n"
    r = run("cat", "it's", cwd=str(tmp_path))
    assert r.err == b"cat: \"it's\": No such file or directory\n"


def test_non_utf8_file_name(run, tmp_path):
    name = os.fsdecode(b"\xff")
    with open(os.path.join(str(tmp_path).encode(), b"\xff"), "wb") as f:
        f.write(b"latin\n")
    assert tuple(run("cat", name, cwd=str(tmp_path))) == (b"latin\n", b"", 0)
    assert tuple(run("cat", b"\xff", cwd=str(tmp_path))) == (b"latin\n", b"", 0)


def test_missing_non_utf8_file_name(run, tmp_path):
    r = run("cat", b"\xff", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"cat: ''$'\\377': No such file or directory\n", 1)
    r = run("cat", b"a\xffb", cwd=str(tmp_path))
    assert r.err == b"cat: 'a'$'\\377''b': No such file or directory\n"
    r = run("cat", b"new\nline", cwd=str(tmp_path))
    assert r.err == b"cat: 'new'$'\\n''line': No such file or directory\n"


def test_input_file_is_output_file(sh, tmp_path):
    (tmp_path / "f").write_bytes(b"data\n")
    r = sh("cat f >> f", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"cat: f: input file is output file\n", 1)
    assert (tmp_path / "f").read_bytes() == b"data\n"
    r = sh("cat -n f >> f", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"cat: f: input file is output file\n", 1)


def test_input_file_is_output_file_others_still_copied(sh, tmp_path):
    (tmp_path / "f").write_bytes(b"data\n")
    (tmp_path / "g").write_bytes(b"more\n")
    r = sh("cat g f g >> f", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"cat: f: input file is output file\n", 1)
    assert (tmp_path / "f").read_bytes() == b"data\nmore\nmore\n"


def test_stdin_is_output_file(sh, tmp_path):
    (tmp_path / "f").write_bytes(b"data\n")
    r = sh("cat < f >> f", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"cat: -: input file is output file\n", 1)


def test_read_write_output_is_output_file(sh, tmp_path):
    (tmp_path / "f").write_bytes(b"data\n")
    r = sh("cat f 1<> f", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"cat: f: input file is output file\n", 1)
    assert (tmp_path / "f").read_bytes() == b"data\n"


def test_empty_input_appended_to_output(sh, tmp_path):
    (tmp_path / "f").write_bytes(b"data\n")
    assert tuple(sh("cat /dev/null >> f", cwd=str(tmp_path))) == (b"", b"", 0)


def test_input_at_end_of_output_file(bindir, tmp_path):
    # Input already at end of file: reading it cannot loop, so no error.
    path = str(tmp_path / "f")
    with open(path, "wb") as f:
        f.write(b"data\n")
    with open(path, "rb") as src, open(path, "ab") as out:
        src.seek(0, 2)
        p = subprocess.run([os.path.join(bindir, "cat")], stdin=src, stdout=out,
                           stderr=subprocess.PIPE, env=child_env())
    assert (p.returncode, p.stderr) == (0, b"")
    assert open(path, "rb").read() == b"data\n"


def test_read_error(run):
    r = run("cat", "/proc/self/mem", "-", stdin=b"after\n")
    assert tuple(r) == (b"after\n", b"cat: /proc/self/mem: Input/output error\n", 1)
    r = run("cat", "-n", "/proc/self/mem")
    assert tuple(r) == (b"", b"cat: /proc/self/mem: Input/output error\n", 1)


def test_write_error(bindir, tmp_path):
    with open("/dev/full", "wb") as full:
        p = subprocess.run([os.path.join(bindir, "cat")], input=b"x\n", stdout=full,
                           stderr=subprocess.PIPE, env=child_env())
    assert (p.returncode, p.stderr) == (1, b"cat: write error: No space left on device\n")


def test_write_error_formatted(bindir):
    with open("/dev/full", "wb") as full:
        p = subprocess.run([os.path.join(bindir, "cat"), "-n"], input=b"x\n", stdout=full,
                           stderr=subprocess.PIPE, env=child_env())
    assert (p.returncode, p.stderr) == (1, b"cat: write error: No space left on device\n")


def test_closed_stdout(sh, files):
    d = files(a=b"x\n")
    assert tuple(sh("cat a >&-", cwd=d)) == (b"", b"cat: standard output: Bad file descriptor\n", 1)


@pytest.mark.xfail(strict=True, reason="CPython refuses to start when fd 0 is a directory (init_sys_streams: <stdin> is a directory); only a C launcher could get past it")
def test_stdin_directory_named_dash(run, tmp_path):
    fd = os.open(str(tmp_path), os.O_RDONLY)
    try:
        r = run("cat", "-n", "-", stdin=fd)
    finally:
        os.close(fd)
    assert tuple(r) == (b"", b"cat: -: Is a directory\n", 1)


def test_bad_options(run):
    assert tuple(run("cat", "-z")) == (b"", b"cat: invalid option -- 'z'\n"
                                       b"Try 'cat --help' for more information.\n", 1)
    assert tuple(run("cat", "--nope")) == (b"", b"cat: unrecognized option '--nope'\n"
                                           b"Try 'cat --help' for more information.\n", 1)


def test_double_dash(run, files):
    d = files(**{"-n": b"dash n\n"})
    assert run("cat", "--", "-n", cwd=d).out == b"dash n\n"


def test_help(run, via):
    r = run("cat", "--help", via=via)
    assert r.status == 0 and r.err == b""
    assert r.out.startswith(b"Usage: cat [OPTION]... [FILE]...\n")
    assert b"  -A, --show-all " in r.out


# -- differential ------------------------------------------------------------------

OPTION_SETS = [[], ["-n"], ["-b"], ["-s"], ["-v"], ["-E"], ["-T"], ["-A"], ["-e"], ["-t"], ["-u"],
               ["-ns"], ["-bs"], ["-nE"], ["-bET"], ["-sv"], ["-nbsvET"], ["-sA"]]


@pytest.mark.parametrize("opts", OPTION_SETS, ids=" ".join)
def test_same_as_gnu_files(same_as_gnu, files, opts):
    d = files(a=b"x\n\n\n\ty\x00\x80\n\n", b=b"no newline", c=b"\n\n\n", e=b"",
              f=bytes(range(256)) + b"\n\n\n\n")
    same_as_gnu("cat", *opts, "a", "b", "c", "e", "nope", "f", "b", "-", cwd=d, stdin=b"\n\nin\n\n")


CHUNKS = st.lists(st.sampled_from([b"\n", b"\n", b"\n\n", b"\t", b"a", b"bc", b"\x00", b"\x7f",
                                   b"\x80", b"\xff", b"\x1b", b" ", b"\r"]), max_size=40).map(b"".join)


@given(CHUNKS, CHUNKS, st.sampled_from(OPTION_SETS))
@example(one=b"a\r", two=b"\n\n\n", opts=["-sE"])
def test_same_as_gnu_generated(inproc, run_gnu, tmp_path, one, two, opts):
    (tmp_path / "one").write_bytes(one)
    (tmp_path / "two").write_bytes(two)
    a, b = str(tmp_path / "one"), str(tmp_path / "two")
    expected = run_gnu("cat", *opts, a, b, "-", stdin=one)
    assert tuple(inproc("cat", *opts, a, b, "-", stdin=one)) == tuple(expected)


@given(st.binary(max_size=2000), st.sampled_from(OPTION_SETS))
def test_same_as_gnu_binary(inproc, run_gnu, data, opts):
    expected = run_gnu("cat", *opts, stdin=data)
    assert tuple(inproc("cat", *opts, stdin=data)) == tuple(expected)
