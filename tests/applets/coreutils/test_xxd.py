"""xxd: the dump and its layouts (-c -g -e -b -u -d -E), -a, -p, -i with
-C/-n, -s/-l/-o, the reverse (-r, -r -p, -r -s, patching a file), xxd's own
option syntax and errors, and differential tests against vim's xxd."""
import os
import subprocess
import tempfile

import pytest
from hypothesis import given, settings, strategies as st

from conftest import child_env, find_tool

HELLO = b"Hello, world! This is xxd test data.\x00\x01\xff"


@pytest.fixture(scope="session")
def vim_xxd():
    path = find_tool("xxd")
    if path is None:
        pytest.skip("xxd is not installed (apt-get install xxd)")
    v = subprocess.run([path, "-v"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if b"Juergen Weigert" not in v.stderr + v.stdout:
        pytest.skip("the installed xxd is not vim's")
    return path


def xxd_run(path, args, stdin=b"", cwd=None, pipe=False):
    """vim's xxd; its stdin is a regular file (as for the in-process
    runner) unless `pipe`: xxd seeks where it can and reads otherwise."""
    if pipe:
        p = subprocess.run(["xxd"] + list(args), executable=path, input=stdin, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, cwd=cwd, env=child_env(), timeout=60)
        return (p.stdout, p.stderr, p.returncode)
    with tempfile.TemporaryFile() as f:
        f.write(stdin)
        f.seek(0)
        p = subprocess.run(["xxd"] + list(args), executable=path, stdin=f, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, cwd=cwd, env=child_env(), timeout=60)
    return (p.stdout, p.stderr, p.returncode)


@pytest.fixture
def d(tmp_path):
    (tmp_path / "hello").write_bytes(HELLO)
    (tmp_path / "9a-b").write_bytes(b"AB")
    (tmp_path / "dir").mkdir()
    return str(tmp_path)


def test_default_dump(run, via):
    r = run("xxd", stdin=HELLO, via=via)
    assert r.out == (b"00000000: 4865 6c6c 6f2c 2077 6f72 6c64 2120 5468  Hello, world! Th\n"
                     b"00000010: 6973 2069 7320 7878 6420 7465 7374 2064  is is xxd test d\n"
                     b"00000020: 6174 612e 0001 ff                        ata....\n")
    assert (r.err, r.status) == (b"", 0)


@pytest.mark.parametrize("args, expected", [
    (["-c", "5", "-l", "5"], b"00000000: 4865 6c6c 6f  Hello\n"),
    (["-c8", "-g3", "-l", "8"], b"00000000: 48656c 6c6f2c 2077  Hello, w\n"),
    (["-g0", "-l", "8"], b"00000000: 48656c6c6f2c2077                  Hello, w\n"),
    (["-e", "-l", "8"], b"00000000: 6c6c6548 77202c6f                    Hello, w\n"),
    (["-e", "-c", "5", "-l", "5"], b"00000000: 6c6c6548     He6fo\n"),
    (["-b", "-l", "2"], b"00000000: 01001000 01100101                                      He\n"),
    (["-u", "-l", "4", "-s", "35"], b"00000023: 2E00 01FF                                .....\n"[:0]
     + b"00000023: 2E00 01FF                                ....\n"),
    (["-d", "-s", "20", "-l", "2"], b"00000020: 7320                                     s \n"),
    (["-o", "16", "-l", "2"], b"00000010: 4865                                     He\n"),
    (["-o", "-1", "-l", "2"], b"ffffffffffffffff: 4865                                     He\n"),
    (["-p", "-l", "3"], b"48656c\n"),
    (["-ps", "-c", "4", "-l", "6"], b"48656c6c\n6f2c\n"),
    (["-E", "-l", "4"], b"00000000: 4865 6c6c                                ..%%\n"),
    (["-cols", "4", "-l", "4"], b"00000000: 4865 6c6c  Hell\n"),
    (["--len", "2"], b"00000000: 4865                                     He\n"),
])
def test_layouts(run, d, args, expected):
    assert tuple(run("xxd", *args, "hello", cwd=d)) == (expected, b"", 0)


def test_autoskip(run):
    data = b"a" + bytes(16 * 6 - 1) + b"b" * 16
    out = run("xxd", "-a", stdin=data).out
    assert out.split(b"\n")[2:4] == [b"*", b"00000060: 6262 6262 6262 6262 6262 6262 6262 6262  bbbbbbbbbbbbbbbb"]
    assert run("xxd", "-a", stdin=bytes(64)).out.count(b"\n") == 3


def test_include_style(run, d):
    out = run("xxd", "-i", "9a-b", cwd=d).out
    assert out == b"unsigned char __9a_b[] = {\n  0x41, 0x42\n};\nunsigned int __9a_b_len = 2;\n"
    out = run("xxd", "-i", "-C", "-n", "foo", "-u", stdin=b"AB").out
    assert out == b"unsigned char FOO[] = {\n  0X41, 0X42\n};\nunsigned int FOO_LEN = 2;\n"
    assert run("xxd", "-i", stdin=b"AB").out == b"  0x41, 0x42\n"


def test_reverse(run, d):
    dump = run("xxd", "hello", cwd=d).out
    assert run("xxd", "-r", stdin=dump).out == HELLO
    assert run("xxd", "-r", "-p", stdin=b"4142 43\n44").out == b"ABCD"
    assert run("xxd", "-r", stdin=b"0000010: 41 42\n").out == bytes(16) + b"AB"
    assert run("xxd", "-r", "-s", "-4", stdin=b"0000010: 41 42\n").out == bytes(12) + b"AB"


def test_reverse_patches_a_file(run, d):
    run("xxd", "-r", "-", "hello", stdin=b"00000002: 5858\n", cwd=d)
    with open(os.path.join(d, "hello"), "rb") as f:
        assert f.read() == HELLO[:2] + b"XX" + HELLO[4:]


def test_outfile(run, d):
    assert tuple(run("xxd", "-p", "hello", "out", cwd=d)) == (b"", b"", 0)
    with open(os.path.join(d, "out"), "rb") as f:
        assert f.read() == HELLO[:30].hex().encode() + b"\n" + HELLO[30:].hex().encode() + b"\n"


@pytest.mark.parametrize("args, status, err", [
    (["nope"], 2, b"xxd: nope: No such file or directory\n"),
    (["dir"], 2, b"xxd: Is a directory\n"),
    (["hello", "no/such/out"], 3, b"xxd: no/such/out: No such file or directory\n"),
    (["-c", "257", "hello"], 1, b"xxd: invalid number of columns (max. 256).\n"),
    (["-e", "-g", "3", "hello"], 1, b"xxd: number of octets per group must be a power of 2 with -e.\n"),
    (["-s", "-100", "hello"], 4, b"xxd: Sorry, cannot seek.\n"),
    (["-r", "-i", "hello"], 255, b"xxd: Sorry, cannot revert this type of hexdump\n"),
    (["-v"], 0, b"xxd 2022-01-14 by Juergen Weigert et al.\n"),
])
def test_errors(run, d, args, status, err):
    r = run("xxd", *args, cwd=d)
    assert (r.status, r.err) == (status, err)


def test_usage(run, d):
    for args in (["-q"], ["-h"], ["a", "b", "c"], ["-c"]):
        r = run("xxd", *args, cwd=d)
        assert r.status == 1 and r.err.startswith(b"Usage:\n       xxd [options] [infile [outfile]]\n")


def test_pipe_seek(run):
    r = run("xxd", "-s", "3", "-l", "2", stdin=b"abcdef")
    assert r.out == b"00000003: 6465                                     de\n"
    assert tuple(run("xxd", "-s", "9", stdin=b"abcdef")) == (b"", b"xxd: Sorry, cannot seek.\n", 4)


# -- against vim's xxd -----------------------------------------------------------

OPTS = [[], ["-a"], ["-b"], ["-e"], ["-u"], ["-p"], ["-i"], ["-d"], ["-E"], ["-c", "7"], ["-g", "3"],
        ["-c", "5", "-g", "4", "-e"], ["-l", "20"], ["-s", "5"], ["-o", "100"], ["-c", "0", "-p"],
        ["-b", "-c", "3"], ["-i", "-c", "5"], ["-a", "-c", "4"], ["-e", "-g", "8"]]


@given(st.binary(max_size=200).map(lambda b: b[:50] + bytes(len(b) // 3) + b[50:]),
       st.sampled_from(OPTS), st.sampled_from(OPTS))
def test_same_as_xxd_generated(vim_xxd, inproc, data, a, b):
    args = a + b
    assert tuple(inproc("xxd", *args, stdin=data)) == xxd_run(vim_xxd, args, stdin=data)


@given(st.binary(max_size=200), st.sampled_from([[], ["-c", "7", "-g", "3"], ["-c", "32"], ["-e"]]))
def test_round_trip_like_xxd(vim_xxd, inproc, data, fmt):
    dump = xxd_run(vim_xxd, fmt, stdin=data)[0]
    back = ["-r"] + (["-c", fmt[1]] if fmt[:1] == ["-c"] else [])
    if fmt == ["-e"]:
        back = ["-r"]
    assert tuple(inproc("xxd", *back, stdin=dump)) == xxd_run(vim_xxd, back, stdin=dump)


def _short_addresses(text):
    """No run of 6 hex digits: an address like ffffffffff: would have both
    xxds write a terabyte of zeros into the pipe."""
    import re
    return not re.search(r"[0-9a-fA-F]{6}", text)


@given(st.text(alphabet="0123456789abcdefABCDEF :xz\n\t\r*-", max_size=120).filter(_short_addresses),
       st.sampled_from([["-r"], ["-r", "-p"], ["-r", "-c", "4"], ["-r", "-s", "3"], ["-r", "-p", "-s", "2"]]))
@settings(max_examples=40)
def test_reverse_garbage_same_as_xxd(vim_xxd, run, text, args):
    # Through a pipe, as xxd's output: seeks then write zeros.
    data = text.encode()
    assert tuple(run("xxd", *args, stdin=data)) == xxd_run(vim_xxd, args, stdin=data, pipe=True)


def test_reverse_big_same_as_xxd(vim_xxd, run, tmp_path):
    data = os.urandom(100000)
    (tmp_path / "in").write_bytes(data)
    for fmt in ([], ["-p"]):
        dump = xxd_run(vim_xxd, fmt + [str(tmp_path / "in")])[0]
        assert run("xxd", "-r", *fmt, stdin=dump).out == data
