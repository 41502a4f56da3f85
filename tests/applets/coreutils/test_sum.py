"""sum: the BSD (-r, default) and System V (-s) checksums against
reference implementations, block counts, names, errors, and differential
tests against GNU."""
import os

import pytest
from hypothesis import given, settings, strategies as st


def bsd(data):
    ck = 0
    for b in data:
        ck = ((ck >> 1) + ((ck & 1) << 15) + b) & 0xFFFF
    return ck


def sysv(data):
    s = sum(data) & 0xFFFFFFFF
    r = (s & 0xFFFF) + (s >> 16)
    return (r & 0xFFFF) + (r >> 16)


@pytest.mark.parametrize("data", [b"", b"abc", bytes(range(256)) * 5, b"\xff" * 70000], ids=["empty", "abc", "bytes", "ff"])
def test_both_algorithms(run, data):
    assert tuple(run("sum", stdin=data)) == (b"%05d %5d\n" % (bsd(data), (len(data) + 1023) // 1024), b"", 0)
    assert tuple(run("sum", "-r", stdin=data)) == (b"%05d %5d\n" % (bsd(data), (len(data) + 1023) // 1024), b"", 0)
    expected = b"%d %d\n" % (sysv(data), (len(data) + 511) // 512)
    assert tuple(run("sum", "-s", stdin=data)) == (expected, b"", 0)
    assert tuple(run("sum", "--sysv", stdin=data)) == (expected, b"", 0)


def test_sysv_large_chunks(run, tmp_path):
    data = os.urandom(3 * (1 << 20) + 5) + b"\xff" * 200000
    (tmp_path / "big").write_bytes(data)
    assert run("sum", "-s", "big", cwd=str(tmp_path)).out == b"%d %d big\n" % (sysv(data), (len(data) + 511) // 512)


def test_last_option_wins_and_names(run, tmp_path):
    (tmp_path / "a").write_bytes(b"abc")
    d = str(tmp_path)
    assert run("sum", "-r", "-s", "a", cwd=d).out == b"294 1 a\n"
    assert run("sum", "-s", "-r", "a", "a", cwd=d).out == b"16556     1 a\n16556     1 a\n"
    assert run("sum", "-", cwd=d, stdin=b"abc").out == b"16556     1 -\n"


def test_errors(run, tmp_path):
    (tmp_path / "a").write_bytes(b"abc")
    r = run("sum", "nope", "a", str(tmp_path), cwd=str(tmp_path))
    assert r.out == b"16556     1 a\n"
    assert r.err == b"sum: nope: No such file or directory\nsum: %s: Is a directory\n" % str(tmp_path).encode()
    assert r.status == 1
    assert run("sum", "-x").err == b"sum: invalid option -- 'x'\nTry 'sum --help' for more information.\n"


@settings(max_examples=30)
@given(st.binary(max_size=5000), st.sampled_from([[], ["-r"], ["-s"]]))
def test_same_as_gnu(inproc, run_gnu, data, opts):
    assert tuple(inproc("sum", *opts, stdin=data)) == tuple(run_gnu("sum", *opts, stdin=data))
