"""base64: encoding with wrapping (default 76, -w N, -w 0) across chunk
boundaries, decoding with newlines, padding, garbage and -i, GNU's error
messages and the output written before `invalid input`, and differential
tests against GNU."""
import base64 as pybase64
import os

import pytest
from hypothesis import given, settings, strategies as st

DATA = bytes(range(256)) * 3


def wrap(text, width):
    if not text:
        return b""
    return b"".join(text[i:i + width] + b"\n" for i in range(0, len(text), width))


@pytest.mark.parametrize("data", [b"", b"a", b"ab", b"abc", b"abcd", DATA])
@pytest.mark.parametrize("width", [None, 0, 1, 4, 76, 100])
def test_encode(run, data, width):
    args = [] if width is None else ["-w", str(width)]
    enc = pybase64.b64encode(data)
    expected = enc if width == 0 else wrap(enc, width or 76)
    assert tuple(run("base64", *args, stdin=data)) == (expected, b"", 0)


def test_encode_large_file_across_chunks(run, tmp_path):
    data = os.urandom(3 * (1 << 18) + 12345)
    (tmp_path / "f").write_bytes(data)
    r = run("base64", "f", cwd=str(tmp_path))
    assert (r.out, r.status) == (wrap(pybase64.b64encode(data), 76), 0)
    r = run("base64", "--wrap=7", stdin=data)
    assert r.out == wrap(pybase64.b64encode(data), 7)
    r = run("base64", "-d", stdin=r.out)
    assert (r.out, r.status) == (data, 0)


@pytest.mark.parametrize("text, out, ok", [
    (b"YWJj", b"abc", True),
    (b"YWJj\n", b"abc", True),
    (b"YW\nJj\n\n", b"abc", True),
    (b"YQ==", b"a", True),
    (b"YQ==YQ==", b"aa", True),
    (b"YWI=", b"ab", True),
    (b"", b"", True),
    (b"\n\n", b"", True),
    (b"YWJj\nYQ", b"abca", False),
    (b"YW*j", b"a", False),
    (b"YW=j", b"a", False),
    (b"Y=Jj", b"", False),
    (b"YQ=", b"a", False),
    (b"Y", b"", False),
    (b"YWJj YWJj", b"abc", False),
    (b"\r\nYWJj", b"", False),
])
def test_decode(run, text, out, ok):
    err = b"" if ok else b"base64: invalid input\n"
    assert tuple(run("base64", "-d", stdin=text)) == (out, err, 0 if ok else 1)


@pytest.mark.parametrize("text, out", [
    (b"YW Jj", b"abc"), (b"Y*W*J*j*", b"abc"), (b"\r\nYWJj\r\n", b"abc"), (b"YQ==\x00YQ==", b"aa"),
])
def test_decode_ignore_garbage(run, text, out):
    assert tuple(run("base64", "-d", "-i", stdin=text)) == (out, b"", 0)
    assert tuple(run("base64", "--decode", "--ignore-garbage", stdin=text)) == (out, b"", 0)


@pytest.mark.parametrize("args, err", [
    (["-w", "x"], b"base64: invalid wrap size: 'x'\n"),
    (["-w", "-1"], b"base64: invalid wrap size: '-1'\n"),
    (["-w", "0x10"], b"base64: invalid wrap size: '0x10'\n"),
    (["nope"], b"base64: nope: No such file or directory\n"),
    (["a", "b"], b"base64: extra operand 'b'\nTry 'base64 --help' for more information.\n"),
    (["-x"], b"base64: invalid option -- 'x'\nTry 'base64 --help' for more information.\n"),
])
def test_errors(run, args, err):
    assert tuple(run("base64", *args, stdin=b"hi")) == (b"", err, 1)


def test_directory_is_a_read_error(run, tmp_path):
    assert tuple(run("base64", str(tmp_path))) == (b"", b"base64: read error: Is a directory\n", 1)


def test_huge_wrap_means_no_wrap(run):
    assert tuple(run("base64", "-w", "99999999999999999999", stdin=b"hi")) == (b"aGk=", b"", 0)


@settings(max_examples=40)
@given(st.binary(max_size=300), st.sampled_from([[], ["-w", "0"], ["-w", "3"], ["-w", "64"]]))
def test_encode_same_as_gnu(inproc, run_gnu, data, args):
    assert tuple(inproc("base64", *args, stdin=data)) == tuple(run_gnu("base64", *args, stdin=data))


@settings(max_examples=80)
@given(st.text("YWJjQUJD01+/=\n \r*", max_size=40), st.booleans())
def test_decode_same_as_gnu(inproc, run_gnu, text, garbage):
    args = ["-d", "-i"] if garbage else ["-d"]
    data = text.encode()
    assert tuple(inproc("base64", *args, stdin=data)) == tuple(run_gnu("base64", *args, stdin=data))
