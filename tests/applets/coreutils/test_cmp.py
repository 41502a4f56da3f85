"""cmp: first difference, -b, -l, -s, -n, -i and SKIP operands, EOF and
empty-file messages, the C-locale wording, errors (status 2), and
differential tests against GNU diffutils cmp on generated data."""
import os
import subprocess

import pytest
from hypothesis import given, strategies as st

from conftest import child_env, find_tool


@pytest.fixture(scope="session")
def gnu_cmp():
    path = find_tool("cmp")
    if path is None:
        pytest.skip("cmp is not installed")
    v = subprocess.run([path, "--version"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    if b"GNU diffutils" not in v:
        pytest.skip("the installed cmp is not GNU's")
    return path


def gnu_run(path, args, cwd=None, env=None, stdin=b""):
    p = subprocess.run(["cmp"] + list(args), executable=path, input=stdin, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, cwd=cwd, env=child_env(env))
    return (p.stdout, p.stderr, p.returncode)


@pytest.fixture
def d(tmp_path):
    for name, data in {"a": b"abcdef\nx", "b": b"abXdef\ny", "c": b"abc", "n1": b"abc\n",
                       "n2": b"abc\nd", "empty": b"", "e1": b"x\xe1\x7f\x01", "e2": b"x\xa0\x80\xff"}.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "dir").mkdir()
    return str(tmp_path)


@pytest.mark.parametrize("args, out, err, status", [
    (["a", "b"], b"a b differ: char 3, line 1\n", b"", 1),
    (["a", "a"], b"", b"", 0),
    (["-b", "a", "b"], b"a b differ: byte 3, line 1 is 143 c 130 X\n", b"", 1),
    (["--print-bytes", "e1", "e2"], b"e1 e2 differ: byte 2, line 1 is 341 M-a 240 M- \n", b"", 1),
    (["-l", "a", "b"], b"3 143 130\n8 170 171\n", b"", 1),
    (["-lb", "e1", "e2"], b"2 341 M-a  240 M- \n3 177 ^?   200 M-^@\n4   1 ^A   377 M-^?\n", b"", 1),
    (["-s", "a", "b"], b"", b"", 1),
    (["--quiet", "a", "c"], b"", b"", 1),
    (["a", "c"], b"", b"cmp: EOF on c after byte 3, in line 1\n", 1),
    (["c", "a"], b"", b"cmp: EOF on c after byte 3, in line 1\n", 1),
    (["n2", "n1"], b"", b"cmp: EOF on n1 after byte 4, line 1\n", 1),
    (["-l", "a", "c"], b"", b"cmp: EOF on c after byte 3\n", 1),
    (["empty", "a"], b"", b"cmp: EOF on empty which is empty\n", 1),
    (["-n", "2", "a", "b"], b"", b"", 0),
    (["--bytes=3", "a", "c"], b"", b"", 0),
    (["-i", "2", "a", "b"], b"a b differ: char 1, line 1\n", b"", 1),
    (["-i", "3:3", "a", "b"], b"a b differ: char 5, line 2\n", b"", 1),
    (["a", "b", "3", "3"], b"a b differ: char 5, line 2\n", b"", 1),
    (["-i", "0x2", "a", "b"], b"a b differ: char 1, line 1\n", b"", 1),
    (["-i", "1kB", "a", "b"], b"", b"", 0),
    (["-l", "a", "b", "3"], b"1 144 141\n2 145 142\n3 146 130\n4  12 144\n5 170 145\n",
     b"cmp: EOF on a after byte 5\n", 1),
])
def test_compare(run, d, args, out, err, status):
    assert tuple(run("cmp", *args, cwd=d)) == (out, err, status)


def test_utf8_locale_says_byte(run, d):
    r = run("cmp", "a", "b", cwd=d, env={"LC_ALL": "C.UTF-8"})
    assert r.out == b"a b differ: byte 3, line 1\n"


def test_stdin_operands(run, d, via):
    assert tuple(run("cmp", "a", stdin=b"abcdef\nx", cwd=d, via=via)) == (b"", b"", 0)
    assert tuple(run("cmp", "-", "b", stdin=b"abcdef\nx", cwd=d)) == (b"- b differ: char 3, line 1\n", b"", 1)
    assert tuple(run("cmp", "-i", "5", "-", "a", stdin=b"zzzzzf\nx", cwd=d)) == (b"", b"", 0)


TRY = b"cmp: Try 'cmp --help' for more information.\n"


@pytest.mark.parametrize("args, err", [
    ([], b"cmp: missing operand after 'cmp'\n" + TRY),
    (["-s"], b"cmp: missing operand after '-s'\n" + TRY),
    (["-x", "a", "b"], b"cmp: invalid option -- 'x'\n" + TRY),
    (["-l", "-s", "a", "b"], b"cmp: options -l and -s are incompatible\n" + TRY),
    (["-i", "x", "a", "b"], b"cmp: invalid --ignore-initial value 'x'\n" + TRY),
    (["-i", "1:", "a", "b"], b"cmp: invalid --ignore-initial value ''\n" + TRY),
    (["-i", "9223372036854775808", "a", "b"], b"cmp: invalid --ignore-initial value '9223372036854775808'\n" + TRY),
    (["-n", "x", "a", "b"], b"cmp: invalid --bytes value 'x'\n" + TRY),
    (["a", "b", "c", "d", "e"], b"cmp: invalid --ignore-initial value 'c'\n" + TRY),
    (["a", "b", "1", "2", "3"], b"cmp: extra operand '3'\n" + TRY),
    (["a", "nope"], b"cmp: nope: No such file or directory\n"),
    (["dir", "a"], b"cmp: dir: Is a directory\n"),
    (["--print", "a", "b"], b"cmp: option '--print' is ambiguous; possibilities: '--print-bytes' '--print-chars'\n"
     + TRY),
])
def test_trouble(run, d, args, err):
    assert tuple(run("cmp", *args, cwd=d)) == (b"", err, 2)


def test_silent_missing_file_is_quiet(run, d):
    assert tuple(run("cmp", "-s", "a", "nope", cwd=d)) == (b"", b"", 2)


def test_big_files(run, tmp_path):
    data = os.urandom(1 << 20)
    (tmp_path / "x").write_bytes(data)
    # a byte that surely differs (a NUL there failed 1 run in 256)
    (tmp_path / "y").write_bytes(data[:1000000] + bytes([data[1000000] ^ 0xFF]) + data[1000001:])
    (tmp_path / "z").write_bytes(data + b"tail")
    d = str(tmp_path)
    lines = data[:1000000].count(b"\n") + 1
    assert run("cmp", "x", "y", cwd=d).out == b"x y differ: char 1000001, line %d\n" % lines
    assert run("cmp", "x", "z", cwd=d).err.startswith(b"cmp: EOF on x after byte 1048576")
    assert run("cmp", "-s", "x", "z", cwd=d).status == 1


# -- against GNU ---------------------------------------------------------------

@given(st.binary(max_size=300), st.binary(max_size=300),
       st.sampled_from([[], ["-b"], ["-l"], ["-lb"], ["-s"], ["-n", "50"], ["-i", "3:1"], ["-i", "7"]]))
def test_same_as_gnu_generated(gnu_cmp, inproc, tmp_path, one, two, args):
    (tmp_path / "p").write_bytes(one)
    (tmp_path / "q").write_bytes(two)
    expected = gnu_run(gnu_cmp, args + [str(tmp_path / "p"), str(tmp_path / "q")])
    got = inproc("cmp", *(args + [str(tmp_path / "p"), str(tmp_path / "q")]))
    assert tuple(got) == expected


@given(st.binary(max_size=200), st.lists(st.tuples(st.integers(0, 199), st.integers(0, 255)), max_size=8),
       st.sampled_from([[], ["-l"], ["-b"]]))
def test_similar_files_same_as_gnu(gnu_cmp, inproc, tmp_path, base, edits, args):
    other = bytearray(base)
    for pos, val in edits:
        if pos < len(other):
            other[pos] = val
    (tmp_path / "p").write_bytes(base)
    (tmp_path / "q").write_bytes(bytes(other))
    expected = gnu_run(gnu_cmp, args + [str(tmp_path / "p"), str(tmp_path / "q")])
    assert tuple(inproc("cmp", *(args + [str(tmp_path / "p"), str(tmp_path / "q")]))) == expected


def test_errors_same_as_gnu(gnu_cmp, run, d):
    for args in (["a"], ["-x"], ["a", "nope"], ["-i", "1:2:3", "a", "b"], ["a", "b", "1", "x"]):
        assert tuple(run("cmp", *args, cwd=d, stdin=b"abc")) == gnu_run(gnu_cmp, args, cwd=d, stdin=b"abc")
