"""base32: the strided bulk encoder and decoder against Python's base64
module, wrapping, gnulib's padding rules and errors, and differential
tests against GNU."""
import base64 as pybase64
import os

import pytest
from hypothesis import given, settings, strategies as st


def wrap(text, width):
    return b"".join(text[i:i + width] + b"\n" for i in range(0, len(text), width))


@pytest.mark.parametrize("data", [b"", b"a", b"ab", b"abc", b"abcd", b"abcde", b"abcdef", bytes(range(256))])
@pytest.mark.parametrize("args, width", [([], 76), (["-w", "0"], 0), (["-w", "9"], 9)])
def test_encode(run, data, args, width):
    enc = pybase64.b32encode(data)
    assert tuple(run("base32", *args, stdin=data)) == (wrap(enc, width) if width else enc, b"", 0)


def test_round_trip_large(run, tmp_path):
    data = os.urandom(5 * (1 << 18) + 7777)
    (tmp_path / "f").write_bytes(data)
    r = run("base32", "f", cwd=str(tmp_path))
    assert (r.out, r.status) == (wrap(pybase64.b32encode(data), 76), 0)
    assert tuple(run("base32", "-d", stdin=r.out)) == (data, b"", 0)


@pytest.mark.parametrize("text, out, ok", [
    (b"MFRGG===", b"abc", True),
    (b"MFRGGZDF", b"abcde", True),
    (b"MFRGG===MF======", b"abca", True),
    (b"MFRA====\n", b"ab", True),
    (b"MFRGG", b"", False),
    (b"MFRGGZDFM", b"abcde", False),
    (b"MFR=====", b"a", False),
    (b"mfrgg===", b"", False),
    (b"12345678", b"", False),
])
def test_decode(run, text, out, ok):
    err = b"" if ok else b"base32: invalid input\n"
    assert tuple(run("base32", "-d", stdin=text)) == (out, err, 0 if ok else 1)


def test_ignore_garbage(run):
    assert tuple(run("base32", "-di", stdin=b"MF RG G=== x\n")) == (b"abc", b"", 0)
    assert tuple(run("base32", "-di", stdin=b"MF RG G=== M")) == (b"abc", b"base32: invalid input\n", 1)
    assert tuple(run("base32", "-d", "-i", stdin=b"MF RG G= ==\n")) == (b"abc", b"", 0)


@settings(max_examples=40)
@given(st.binary(max_size=200), st.sampled_from([[], ["-w", "0"], ["-w", "5"]]))
def test_encode_same_as_gnu(inproc, run_gnu, data, args):
    assert tuple(inproc("base32", *args, stdin=data)) == tuple(run_gnu("base32", *args, stdin=data))


@settings(max_examples=60)
@given(st.text("MFRGZDA27=\n *", max_size=40), st.booleans())
def test_decode_same_as_gnu(inproc, run_gnu, text, garbage):
    args = ["-d", "-i"] if garbage else ["-d"]
    data = text.encode()
    assert tuple(inproc("base32", *args, stdin=data)) == tuple(run_gnu("base32", *args, stdin=data))
