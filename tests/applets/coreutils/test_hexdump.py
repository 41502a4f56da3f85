"""hexdump: the canned formats (-C -b -c -d -o -x and the default), -e/-f
format strings (iteration and byte counts, %_a %_A %_c %_p %_u, printf
conversions, blank padding at the end), -n, -s, -v and `*` folding, errors,
and differential tests against BusyBox's and util-linux's hexdump."""
import os
import shutil
import subprocess

import pytest
from hypothesis import given, strategies as st

from conftest import child_env, find_tool

HELLO = b"Hello, world! This is xxd test data.\x00\x01\xff"


@pytest.fixture(scope="session")
def util_linux():
    path = find_tool("hexdump")
    if path is None:
        pytest.skip("util-linux hexdump is not installed (apt-get install bsdextrautils)")
    v = subprocess.run([path, "--version"], stdout=subprocess.PIPE, stderr=subprocess.PIPE).stdout
    if b"util-linux" not in v:
        pytest.skip("the installed hexdump is not util-linux's")
    return [path]


@pytest.fixture(scope="session")
def bb_hexdump():
    path = shutil.which("busybox")
    if path is None:
        pytest.skip("busybox is not installed")
    return [path, "hexdump"]


def ref_run(cmd, args, stdin=b"", cwd=None):
    p = subprocess.run(cmd + list(args), input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       cwd=cwd, env=child_env())
    return p.stdout, p.returncode


@pytest.fixture
def d(tmp_path):
    (tmp_path / "hello").write_bytes(HELLO)
    (tmp_path / "zeros").write_bytes(bytes(64))
    (tmp_path / "fmt").write_bytes(b'# a comment\n\n  "%07.7_Ax\\n"\n"%07.7_ax " 4/1 "%02x " "\\n"\n')
    return str(tmp_path)


def test_canonical(run, d, via):
    r = run("hexdump", "-C", "hello", cwd=d, via=via)
    assert r.out == (b"00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 20 54 68  |Hello, world! Th|\n"
                     b"00000010  69 73 20 69 73 20 78 78  64 20 74 65 73 74 20 64  |is is xxd test d|\n"
                     b"00000020  61 74 61 2e 00 01 ff                              |ata....|\n"
                     b"00000027\n")
    assert (r.err, r.status) == (b"", 0)


def test_default_format(run):
    assert run("hexdump", stdin=b"abc").out == b"0000000 6261 0063                              \n0000003\n"
    assert run("hexdump", stdin=b"").out == b""


@pytest.mark.parametrize("opt, first", [
    ("-b", b"0000000 110 145 154"),
    ("-c", b"0000000   H   e   l"),
    ("-d", b"0000000   25928   27756"),
    ("-o", b"0000000  062510  066154"),
    ("-x", b"0000000    6548    6c6c"),
])
def test_canned(run, d, opt, first):
    assert run("hexdump", opt, "hello", cwd=d).out.startswith(first)


def test_folding_and_v(run, d):
    assert run("hexdump", "-C", "zeros", cwd=d).out == (
        b"00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n*\n00000040\n")
    assert run("hexdump", "-v", "-C", "zeros", cwd=d).out.count(b"\n") == 5


def test_length_and_skip(run, d):
    assert run("hexdump", "-n", "3", "-s", "1", "-C", "hello", cwd=d).out == (
        b"00000001  65 6c 6c                                          |ell|\n00000004\n")
    assert run("hexdump", "-s", "1k", "hello", cwd=d).out == b"0000027\n"


@pytest.mark.parametrize("fmt, expected", [
    ('4/1 "%02x|" "\\n"', b"48|65|6c|6c|\n"),
    ('/2 "%x "', b"6548 6c6c "),
    ('4/1 "%_p"', b"Hell"),
    ('"%_Ad\\n"', b""),
    ('1/4 "%08X" "\\n"', b"6C6C6548\n"),
    ('2/1 "%_ad:%c" "\\n"', b"0:H1:e\n2:l3:l\n"),
    ('"%5.2s|"', b"   He|   ll|"),
    ('4/1 "%3_u"', b"  H  e  l  l"),
    ('4/1 "%-3d|"', b"72 |101|108|108|"),
])
def test_format_strings(run, fmt, expected):
    assert run("hexdump", "-n", "4", "-e", fmt, stdin=HELLO).out == expected


def test_names_and_escapes(run):
    out = run("hexdump", "-e", '4/1 "%_u|" "\\n"', stdin=b"\x11\x80\x7f\x0a").out
    assert out == b"dc1|80|del|lf|\n"
    out = run("hexdump", "-e", '4/1 "%_c "', stdin=b"\0\n\x01a").out
    assert out == b"\\0 \\n 001 a"


def test_blank_padding_at_end(run):
    out = run("hexdump", "-e", '"%07.7_ax " 4/1 "%02x " "|\\n"', stdin=b"abcdef").out
    assert out == b"0000000 61 62 63 64|\n0000004 65 66      |\n"


def test_format_file(run, d):
    assert run("hexdump", "-f", "fmt", "hello", cwd=d).out.startswith(b"0000000 48 65 6c 6c\n")


@pytest.mark.parametrize("args, err", [
    (["-e", '"%q"'], b"hexdump: bad conversion character %q\n"),
    (["-e", '4/3 "%x"'], b"hexdump: bad byte count for conversion character x\n"),
    (["-e", '"%4s"'], b"hexdump: %s needs precision or byte count\n"),
    (["-e", '1/4 "%d %x"'], b"hexdump: byte count with multiple conversion characters\n"),
    (["-e", "3x"], b"hexdump: bad format {3x}\n"),
    (["-n", "x"], b"hexdump: invalid number 'x'\n"),
    (["-s", "-1"], b"hexdump: invalid number '-1'\n"),
    (["-f", "nope"], b"hexdump: can't open 'nope': No such file or directory\n"),
])
def test_fatal_errors(run, args, err):
    assert tuple(run("hexdump", *args, stdin=HELLO)) == (b"", err, 1)


def test_missing_file_goes_on(run, d):
    r = run("hexdump", "-C", "nope", "hello", cwd=d)
    assert r.status == 1 and r.err == b"hexdump: nope: No such file or directory\n"
    assert r.out.endswith(b"00000027\n")


def test_skip_on_pipe(run):
    assert tuple(run("hexdump", "-s", "2", stdin=b"abcdef")) == (b"", b"hexdump: stdin: Illegal seek\n", 1)


def test_usage(run):
    r = run("hexdump", "-q")
    assert r.status == 1 and r.err.startswith(b"hexdump: invalid option -- 'q'\n")


# -- against the references --------------------------------------------------------

FORMATS = [["-C"], ["-b"], ["-c"], ["-d"], ["-o"], ["-x"], [], ["-C", "-x"],
           ["-e", '16/1 "%02x " "\\n"'], ["-e", '"%07.7_ax  " 8/2 "%04x " "  |" 16/1 "%_p" "|\\n"'],
           ["-e", '4/4 "%08x " "\\n"'], ["-e", '"%_Ax\\n"', "-e", '3/1 "%3_c" "\\n"'],
           ["-e", '2/2 "%6d" 2/2 " %-6u|" "\\n"'], ["-e", '5/1 "%3_u|" "\\n"'],
           ["-e", '"%_ad " 3/1 "%+4d" "\\n"'], ["-e", '1/8 "%e" "\\n"']]


def _fill(b):
    return b[:40] + bytes(len(b)) + b[40:]


@given(st.binary(max_size=150).map(_fill), st.sampled_from(FORMATS),
       st.sampled_from([[], ["-v"], ["-n", "37"], ["-s", "5"], ["-s", "3", "-n", "20"]]))
def test_same_as_util_linux(util_linux, inproc, tmp_path, data, fmt, extra):
    # -v: util-linux does not print BusyBox's `*` before a short last block
    # that repeats the start of the one before (pybox follows BusyBox).
    (tmp_path / "in").write_bytes(data)
    args = fmt + extra + ["-v", str(tmp_path / "in")]
    got = inproc("hexdump", *args)
    assert (got.out, got.status) == ref_run(util_linux, args)


@given(st.binary(max_size=150).map(_fill), st.sampled_from(FORMATS[:13]),
       st.sampled_from([[], ["-v"], ["-n", "37"], ["-s", "5"]]))
def test_same_as_busybox(bb_hexdump, inproc, tmp_path, data, fmt, extra):
    (tmp_path / "in").write_bytes(data)
    args = fmt + extra + [str(tmp_path / "in")]
    got = inproc("hexdump", *args)
    assert (got.out, got.status) == ref_run(bb_hexdump, args)


def test_big_same_as_util_linux(util_linux, run, tmp_path):
    (tmp_path / "in").write_bytes(os.urandom(100000) + bytes(3000) + b"tail")
    for fmt in (["-C"], [], ["-c"]):
        args = fmt + [str(tmp_path / "in")]
        assert run("hexdump", *args).out == ref_run(util_linux, args)[0]
