"""od: every format type and size, addresses, squeezing, -j/-N/-w/-S,
--endian, the traditional syntax, error paths, and differential tests
against GNU od on generated binary data."""
import os
import struct

import pytest
from hypothesis import given, strategies as st

ABC = b"abcdefghijklmnopqrstuvwxyz0123456789"


@pytest.fixture
def d(tmp_path):
    (tmp_path / "abc").write_bytes(ABC)
    (tmp_path / "zeros").write_bytes(bytes(100) + b"x")
    (tmp_path / "empty").write_bytes(b"")
    (tmp_path / "strs").write_bytes(b"hello\0world\0xy\0\x01\x02abcdefg\0")
    (tmp_path / "dir").mkdir()
    return str(tmp_path)


# -- formats -------------------------------------------------------------------

def test_default_is_octal_shorts(run, via):
    assert tuple(run("od", stdin=b"abc", via=via)) == (b"0000000 061141 000143\n0000003\n", b"", 0)


def test_empty_input(run):
    assert tuple(run("od", stdin=b"")) == (b"0000000\n", b"", 0)
    assert tuple(run("od", "-An", stdin=b"")) == (b"", b"", 0)


@pytest.mark.parametrize("args, expected", [
    (["-t", "x1"], b"0000000 61 62 63 0a\n0000004\n"),
    (["-t", "o1"], b"0000000 141 142 143 012\n0000004\n"),
    (["-t", "d1"], b"0000000   97   98   99   10\n0000004\n"),
    (["-t", "u1"], b"0000000  97  98  99  10\n0000004\n"),
    (["-t", "x2"], b"0000000 6261 0a63\n0000004\n"),
    (["-t", "x4"], b"0000000 0a636261\n0000004\n"),
    (["-t", "x8"], b"0000000 000000000a636261\n0000004\n"),
    (["-t", "c"], b"0000000   a   b   c  \\n\n0000004\n"),
    (["-t", "a"], b"0000000   a   b   c  nl\n0000004\n"),
    (["-c"], b"0000000   a   b   c  \\n\n0000004\n"),
    (["-t", "x1z"], b"0000000 61 62 63 0a" + b" " * 36 + b"  >abc.<\n0000004\n"),
    (["--endian=big", "-t", "x2"], b"0000000 6162 630a\n0000004\n"),
    (["-A", "x", "-t", "x1"], b"000000 61 62 63 0a\n000004\n"),
    (["-A", "d", "-t", "x1"], b"0000000 61 62 63 0a\n0000004\n"),
    (["-A", "n", "-t", "x1"], b" 61 62 63 0a\n"),
    (["-t", "dC"], b"0000000   97   98   99   10\n0000004\n"),
    (["-t", "xLz"], b"0000000 000000000a636261" + b" " * 19 + b">abc.<\n0000004\n"),
    (["-t", "d"], b"0000000   174285409\n0000004\n"),
    (["-t", "fF"], b"0000000  1.09481555e-32\n0000004\n"),
    (["-t", "f"], b"0000000           8.6108433e-316\n0000004\n"),
])
def test_formats(run, args, expected):
    assert tuple(run("od", *args, stdin=b"abc\n")) == (expected, b"", 0)


def test_two_formats_line_up(run):
    out = run("od", "-t", "x1", "-t", "c", stdin=b"ab").out
    assert out == b"0000000  61  62\n          a   b\n0000002\n"


def test_floats_shortest_round_trip(run):
    data = struct.pack("<ffd", 1.0, 0.1, 1 / 3)
    out = run("od", "-An", "-t", "f4", "-N", "8", stdin=data).out
    assert out == b"               1             0.1\n"
    out = run("od", "-An", "-t", "f8", "-j", "8", stdin=data).out
    assert out == b"       0.3333333333333333\n"


def test_long_double(run):
    one = struct.pack("<QH6x", 1 << 63, 0x3FFF)
    unnormal = struct.pack("<QH6x", 1 << 62, 0x3FFF)
    out = run("od", "-An", "-t", "fL", stdin=one + unnormal).out
    assert out == b"                             1\n                           nan\n"


def test_squeeze_and_v(run, d):
    out = run("od", "-t", "x1", "zeros", cwd=d).out
    assert out == (b"0000000 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n*\n"
                   b"0000140 00 00 00 00 78\n0000145\n")
    assert run("od", "-v", "-t", "x1", "zeros", cwd=d).out.count(b"\n") == 8


def test_width(run):
    assert run("od", "-w4", "-c", stdin=b"abcdef").out == b"0000000   a   b   c   d\n0000004   e   f\n0000006\n"
    r = run("od", "-w3", "-t", "x2", stdin=b"ab")
    assert r.err == b"od: warning: invalid width 3; using 2 instead\n"
    assert r.out == b"0000000 6261\n0000002\n"


def test_skip_and_limit(run, d):
    assert run("od", "-c", "-j", "3", "-N", "2", "abc", cwd=d).out == b"0000003   d   e\n0000005\n"
    assert run("od", "-c", "-j", "0x2", "-N", "010", "abc", cwd=d).out.startswith(b"0000002   c")
    assert run("od", "-c", "-j", "3", stdin=b"abcdef").out == b"0000003   d   e   f\n0000006\n"


def test_files_form_one_stream(run, d):
    out = run("od", "-c", "-j", "34", "abc", "abc", cwd=d).out
    assert out.startswith(b"0000042   8   9   a   b")


def test_strings(run, d):
    assert run("od", "-S", "3", "strs", cwd=d).out == b"0000000 hello\n0000006 world\n0000021 abcdefg\n"
    assert run("od", "-S4", "-A", "n", "strs", cwd=d).out == b"hello\nworld\nabcdefg\n"


def test_traditional_syntax(run, d):
    assert run("od", "-c", "abc", "+10", cwd=d).out.startswith(b"0000010   i")
    assert run("od", "-c", "abc", "10", cwd=d).out.startswith(b"0000010   i")
    out = run("od", "--traditional", "-c", "abc", "10", "20", cwd=d).out
    assert out.startswith(b"0000010 (0000020)   i")


@pytest.mark.parametrize("args, err", [
    (["-t", "q"], "od: invalid character 'q' in type string 'q'\n"),
    (["-t", "d3"], "od: invalid type string 'd3';\nthis system doesn't provide a 3-byte integral type\n"),
    (["-t", "f2"], "od: invalid type string 'f2';\nthis system doesn't provide a 2-byte floating point type\n"),
    (["-t", "d99999999999999999999"], "od: invalid type string 'd99999999999999999999'\n"),
    (["-t", "f18446744073709551616"], "od: invalid type string 'f18446744073709551616'\n"),
    (["-t", "x18446744073709551615"],
     "od: invalid type string 'x18446744073709551615';\nthis system doesn't provide a "
     "18446744073709551615-byte integral type\n"),
    (["-A", "q"], "od: invalid output address radix 'q'; it must be one character from [doxn]\n"),
    (["-j", "1x"], "od: invalid suffix in -j argument '1x'\n"),
    (["--skip-bytes=x"], "od: invalid --skip-bytes argument 'x'\n"),
    (["-N", "99999999999999999999999"], "od: -N argument '99999999999999999999999' too large\n"),
    (["-w0x"], "od: invalid suffix in -w argument '0x'\n"),
    (["-S", "3", "-t", "x"], "od: no type may be specified when dumping strings\n"),
    (["-j", "100"], "od: cannot skip past end of combined input\n"),
])
def test_errors(run, args, err):
    r = run("od", *args, stdin=b"abc")
    assert (r.out, r.err.decode(), r.status) == (b"", err, 1)


def test_bad_endian_and_missing_file(run, d):
    r = run("od", "--endian=mid", stdin=b"")
    assert r.status == 1 and b"invalid argument 'mid' for '--endian'" in r.err
    r = run("od", "-c", "nope", "abc", cwd=d)
    assert r.status == 1 and r.err == b"od: nope: No such file or directory\n"
    assert r.out.startswith(b"0000000   a")
    r = run("od", "dir", cwd=d)
    assert r.status == 1 and r.err == b"od: dir: Is a directory\n"


# -- against GNU --------------------------------------------------------------

FORMATS = ["-b", "-c", "-a", "-d", "-o", "-s", "-x", "-i", "-l", "-f", "-tx1", "-td1", "-to1", "-tu1",
           "-tx2", "-td2", "-tu4", "-to8", "-td8", "-tf4", "-tf8", "-tfL", "-tx1z", "-tc", "-ta"]


@given(st.binary(max_size=300), st.lists(st.sampled_from(FORMATS), min_size=1, max_size=3),
       st.sampled_from([[], ["-v"], ["-An"], ["-Ax"], ["-w8"], ["-w"], ["--endian=big"], ["-j5", "-N40"]]))
def test_same_as_gnu_generated(inproc, run_gnu, data, formats, extra):
    args = formats + extra
    assert tuple(inproc("od", *args, stdin=data)) == tuple(run_gnu("od", *args, stdin=data))


@given(st.binary(max_size=200).map(lambda b: b.replace(b"\x05", b"\0")), st.integers(0, 6),
       st.sampled_from([[], ["-N30"], ["-j3"], ["-Ad"]]))
def test_strings_same_as_gnu(inproc, run_gnu, data, n, extra):
    args = ["-S%d" % n] + extra
    assert tuple(inproc("od", *args, stdin=data)) == tuple(run_gnu("od", *args, stdin=data))


@given(st.lists(st.sampled_from([b"\0" * 16, b"x" * 16, b"ab" * 8]), max_size=12), st.binary(max_size=20))
def test_squeeze_same_as_gnu(inproc, run_gnu, blocks, tail):
    data = b"".join(blocks) + tail
    assert tuple(inproc("od", "-tx1z", stdin=data)) == tuple(run_gnu("od", "-tx1z", stdin=data))


def test_big_input_same_as_gnu(run, run_gnu, tmp_path):
    p = tmp_path / "big"
    p.write_bytes(os.urandom(200000) + bytes(5000) + os.urandom(77))
    for args in (["-tx1z"], ["-c"], []):
        assert run("od", *args, str(p)) == run_gnu("od", *args, str(p))


def test_locale_quotes(run, run_gnu):
    env = {"LC_ALL": "C.UTF-8"}
    assert run("od", "-t", "q", env=env) == run_gnu("od", "-t", "q", env=env)
