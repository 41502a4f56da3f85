"""cksum: the POSIX CRC (zlib-based, checked against a table-driven
reference), -a for every algorithm with tagged/untagged output, -l for
blake2b, --check with autodetected tags, GNU 9.1's option rules and
messages, and differential tests against GNU."""
import hashlib
import os

import pytest
from hypothesis import given, settings, strategies as st


def posix_crc(data):
    """The reference: POSIX cksum's table-free bit loop."""
    crc = 0
    n = len(data)
    tail = []
    while n:
        tail.append(n & 0xFF)
        n >>= 8
    for b in bytes(data) + bytes(tail):
        crc ^= b << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) & 0xFFFFFFFF if crc & 0x80000000 else (crc << 1) & 0xFFFFFFFF
    return ~crc & 0xFFFFFFFF


@pytest.fixture
def d(tmp_path):
    (tmp_path / "a").write_bytes(b"abc")
    (tmp_path / "nl\nname").write_bytes(b"x")
    return str(tmp_path)


@pytest.mark.parametrize("data", [b"", b"a", b"abc", bytes(range(256)), b"\xff" * 300], ids=["empty", "a", "abc", "bytes", "ff"])
def test_crc(run, data):
    assert tuple(run("cksum", stdin=data)) == (b"%d %d\n" % (posix_crc(data), len(data)), b"", 0)


def test_crc_names_and_big_file(run, tmp_path):
    data = os.urandom((1 << 20) + 333)
    (tmp_path / "big").write_bytes(data)
    r = run("cksum", "big", "-", cwd=str(tmp_path), stdin=b"abc")
    assert r.out == b"%d %d big\n%d 3 -\n" % (posix_crc(data), len(data), posix_crc(b"abc"))


@pytest.mark.parametrize("args, expected", [
    (["-a", "crc", "a"], "1219131554 3 a\n"),
    (["-a", "sysv", "a"], "294 1 a\n"),
    (["-a", "bsd", "a"], "16556     1 a\n"),
    (["-a", "md5", "a"], "MD5 (a) = 900150983cd24fb0d6963f7d28e17f72\n"),
    (["--algorithm=sha1", "a"], "SHA1 (a) = a9993e364706816aba3e25717850c26c9cd0d89d\n"),
    (["-a", "sha256", "--untagged", "a"], "%s  a\n" % hashlib.sha256(b"abc").hexdigest()),
    (["-a", "blake2b", "a"], "BLAKE2b (a) = %s\n" % hashlib.blake2b(b"abc").hexdigest()),
    (["-a", "blake2b", "-l", "128", "a"],
     "BLAKE2b-128 (a) = %s\n" % hashlib.blake2b(b"abc", digest_size=16).hexdigest()),
    (["-a", "md5", "--tag", "--untagged", "a"], "900150983cd24fb0d6963f7d28e17f72  a\n"),
    (["-a", "md5", "-z", "nl\nname"], "MD5 (nl\nname) = %s\0" % hashlib.md5(b"x").hexdigest()),
    (["-a", "md5", "nl\nname"], "\\MD5 (nl\\nname) = %s\n" % hashlib.md5(b"x").hexdigest()),
    (["-a", "bsd", "-z", "a"], "16556     1 a\0"),
])
def test_algorithms(run, d, args, expected):
    assert tuple(run("cksum", *args, cwd=d)) == (expected.encode(), b"", 0)


@pytest.mark.parametrize("args, err", [
    (["-l", "8", "a"], "cksum: --length is only supported with --algorithm=blake2b\n"),
    (["-a", "blake2b", "-l", "7", "a"], "cksum: invalid length: '7'\ncksum: length is not a multiple of 8\n"),
    (["-a", "blake2b", "-l", "600", "a"],
     "cksum: invalid length: '600'\ncksum: maximum digest length for 'BLAKE2b' is 512 bits\n"),
    (["-a", "blake2b", "-l", "x", "a"], "cksum: invalid length: 'x'\n"),
    (["-a", "crc", "-c", "a"], "cksum: --check is not supported with --algorithm={bsd,sysv,crc}\n"),
    (["-a", "md", "a"], "cksum: invalid argument 'md' for '--algorithm'\nValid arguments are:\n"
     "  - 'bsd'\n  - 'sysv'\n  - 'crc'\n  - 'md5'\n  - 'sha1'\n  - 'sha224'\n  - 'sha256'\n"
     "  - 'sha384'\n  - 'sha512'\n  - 'blake2b'\n  - 'sm3'\nTry 'cksum --help' for more information.\n"),
    (["-b", "a"], "Try 'cksum --help' for more information.\n"),
    (["--binary", "a"], "cksum: unrecognized option '--binary'\nTry 'cksum --help' for more information.\n"),
    (["nope"], "cksum: nope: No such file or directory\n"),
])
def test_errors(run, d, args, err):
    assert tuple(run("cksum", *args, cwd=d)) == (b"", err.encode(), 1)


def test_check_autodetects_tags(run, d):
    lines = run("cksum", "-a", "sha1", "a", cwd=d).out + run("cksum", "-a", "blake2b", "-l", "64", "a", cwd=d).out
    lines += run("md5sum", "--tag", "a", cwd=d).out + b"CRC (a) = 1\n"
    with open(os.path.join(d, "sums"), "wb") as f:
        f.write(lines)
    r = run("cksum", "-c", "sums", cwd=d)
    assert tuple(r) == (b"a: OK\na: OK\na: OK\n", b"cksum: WARNING: 1 line is improperly formatted\n", 0)
    untagged = run("md5sum", "a", cwd=d).out
    r = run("cksum", "-c", stdin=untagged, cwd=d)
    assert tuple(r) == (b"", b"cksum: 'standard input': no properly formatted checksum lines found\n", 1)
    assert tuple(run("cksum", "-a", "md5", "-c", stdin=untagged, cwd=d)) == (b"a: OK\n", b"", 0)


def test_debug(run, d):
    r = run("cksum", "--debug", "a", cwd=d)
    assert (r.out, r.err, r.status) == (b"1219131554 3 a\n", b"cksum: using generic hardware support\n", 0)


ALGOS = ["crc", "sysv", "bsd", "md5", "sha1", "sha224", "sha256", "sha384", "sha512", "blake2b"]


@settings(max_examples=30)
@given(st.binary(max_size=3000), st.sampled_from(ALGOS), st.sampled_from([[], ["--untagged"], ["-z"]]))
def test_same_as_gnu(inproc, run_gnu, data, algo, opts):
    args = ["-a", algo] + opts
    assert tuple(inproc("cksum", *args, stdin=data)) == tuple(run_gnu("cksum", *args, stdin=data))


@settings(max_examples=20)
@given(st.lists(st.sampled_from([
    "SHA1 (a) = a9993e364706816aba3e25717850c26c9cd0d89d", "MD5 (a) = 900150983cd24fb0d6963f7d28e17f72",
    "BLAKE2b-16 (a) = 0000", "BLAKE2b-7 (a) = 00", "SHA256 (a) = 00", "MD5(a) = 900150983cd24fb0d6963f7d28e17f72",
    "900150983cd24fb0d6963f7d28e17f72  a", "junk", "SYSV (a) = 1", "\\MD5 (a) = 900150983cd24fb0d6963f7d28e17f72",
]), max_size=5), st.sampled_from([[], ["-a", "md5"], ["-a", "blake2b"], ["-w"]]))
def test_check_same_as_gnu(run, run_gnu, d, lines, opts):
    data = "".join(line + "\n" for line in lines).encode()
    assert tuple(run("cksum", "-c", *opts, stdin=data, cwd=d)) == tuple(
        run_gnu("cksum", "-c", *opts, stdin=data, cwd=d))
