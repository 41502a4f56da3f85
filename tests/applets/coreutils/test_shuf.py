"""shuf: permutations of files, -e, -i, -n, -r, -z, -o, --random-source
(deterministic, and equal to GNU's output for the same bytes), errors."""
import os

import pytest
from hypothesis import given, settings, strategies as st

LINES = b"".join(b"%d\n" % i for i in range(1, 51))


@pytest.fixture
def d(tmp_path):
    (tmp_path / "lines").write_bytes(LINES)
    (tmp_path / "five").write_bytes(b"a\nb\nc\nd\ne\n")
    (tmp_path / "rand").write_bytes(bytes((i * 7919 + 13) % 256 for i in range(20000)))
    (tmp_path / "one").write_bytes(b"\x01")
    (tmp_path / "zero").write_bytes(b"")
    (tmp_path / "dir").mkdir()
    return str(tmp_path)


def lines_of(out, sep=b"\n"):
    assert out.endswith(sep) or out == b""
    return out.split(sep)[:-1]


def test_permutation_of_file(run, d, via):
    r = run("shuf", "lines", cwd=d, via=via)
    assert r.status == 0 and r.err == b""
    assert sorted(lines_of(r.out), key=int) == lines_of(LINES)


def test_stdin_and_missing_final_newline(run):
    r = run("shuf", stdin=b"x\ny")
    assert sorted(lines_of(r.out)) == [b"x", b"y"]


def test_empty_input(run):
    assert tuple(run("shuf", stdin=b"")) == (b"", b"", 0)


def test_echo(run):
    r = run("shuf", "-e", "a", "b", "c")
    assert sorted(lines_of(r.out)) == [b"a", b"b", b"c"]
    assert tuple(run("shuf", "-e")) == (b"", b"", 0)
    r = run("shuf", "-e", b"\xff", "-n", "1")
    assert r.out == b"\xff\n"


def test_input_range(run):
    r = run("shuf", "-i", "5-9")
    assert sorted(map(int, lines_of(r.out))) == [5, 6, 7, 8, 9]
    assert tuple(run("shuf", "-i", "3-2")) == (b"", b"", 0)  # empty range is allowed
    assert run("shuf", "--input-range=7-7").out == b"7\n"


def test_head_count(run, d):
    r = run("shuf", "-n", "3", "lines", cwd=d)
    got = lines_of(r.out)
    assert len(got) == 3 and len(set(got)) == 3 and set(got) <= set(lines_of(LINES))
    assert run("shuf", "-n", "0", "nope").status == 0  # nothing is read
    assert len(lines_of(run("shuf", "-n", "99", "five", cwd=d).out)) == 5
    # the smallest of several counts wins; an overflowing one means all
    assert len(lines_of(run("shuf", "-n", "4", "-n", "2", "lines", cwd=d).out)) == 2
    assert len(lines_of(run("shuf", "-n", "99999999999999999999999", "five", cwd=d).out)) == 5


def test_repeat(run):
    r = run("shuf", "-r", "-n", "20", "-e", "a", "b")
    got = lines_of(r.out)
    assert len(got) == 20 and set(got) <= {b"a", b"b"}
    r = run("shuf", "-r", "-n", "30", "-i", "1-3")
    assert set(map(int, lines_of(r.out))) <= {1, 2, 3} and len(lines_of(r.out)) == 30
    assert run("shuf", "-r", "-n", "0", "-e").status == 0


def test_repeat_without_count_is_endless(sh):
    r = sh("shuf -r -e x | head -n 1000 | wc -l")
    assert r.out.strip() == b"1000"


def test_zero_terminated(run):
    r = run("shuf", "-z", stdin=b"a\0b\nc\0")
    assert sorted(lines_of(r.out, b"\0")) == [b"a", b"b\nc"]
    assert run("shuf", "-z", "-e", "q").out == b"q\0"


def test_output_file(run, d):
    r = run("shuf", "-o", "out", "five", cwd=d)
    assert (r.out, r.status) == (b"", 0)
    with open(os.path.join(d, "out"), "rb") as f:
        assert sorted(lines_of(f.read())) == [b"a", b"b", b"c", b"d", b"e"]
    # the input is read before the output is opened: shuf -o f f works
    r = run("shuf", "-o", "five", "five", cwd=d)
    with open(os.path.join(d, "five"), "rb") as f:
        assert sorted(lines_of(f.read())) == [b"a", b"b", b"c", b"d", b"e"]


def test_random_source_is_deterministic(run, d):
    for args in (["lines"], ["-n", "5", "lines"], ["-i", "1-1000"], ["-r", "-n", "40", "-i", "0-9"],
                 ["-e", "a", "b", "c", "d"]):
        a = run("shuf", "--random-source=rand", *args, cwd=d)
        b = run("shuf", "--random-source", "rand", *args, cwd=d)
        assert a == b and a.status == 0 and a.out
    other = run("shuf", "--random-source=lines", "lines", cwd=d)
    assert other.out != run("shuf", "--random-source=rand", "lines", cwd=d).out


def test_random_source_errors(run, d):
    r = run("shuf", "--random-source=zero", "five", cwd=d)
    assert tuple(r) == (b"", b"shuf: 'zero': end of file\n", 1)
    r = run("shuf", "--random-source=dir", "five", cwd=d)
    assert tuple(r) == (b"", b"shuf: 'dir': read error: Is a directory\n", 1)
    r = run("shuf", "--random-source=nope", "five", cwd=d)
    assert tuple(r) == (b"", b"shuf: nope: No such file or directory\n", 1)
    # one line needs no random bytes at all
    assert run("shuf", "--random-source=zero", "-e", "a", cwd=d).out == b"a\n"


@pytest.mark.parametrize("args, err", [
    (["-e", "-i", "1-2"], b"shuf: cannot combine -e and -i options\nTry 'shuf --help' for more information.\n"),
    (["-i", "1-2", "x"], b"shuf: extra operand 'x'\nTry 'shuf --help' for more information.\n"),
    (["a", "b"], b"shuf: extra operand 'b'\nTry 'shuf --help' for more information.\n"),
    (["-i", "5-3"], b"shuf: invalid input range: '5-3'\n"),
    (["-i", "a-3"], b"shuf: invalid input range: 'a'\n"),
    (["-i", "5"], b"shuf: invalid input range: '5'\n"),
    (["-i", "1-"], b"shuf: invalid input range: ''\n"),
    (["-i", "0-18446744073709551615"], b"shuf: invalid input range: '0-18446744073709551615'\n"),
    (["-i", "0-18446744073709551616"],
     b"shuf: invalid input range: '18446744073709551616': Value too large for defined data type\n"),
    (["-i", "1-2", "-i", "1-2"], b"shuf: multiple -i options specified\n"),
    (["-n", "x"], b"shuf: invalid line count: 'x'\n"),
    (["-n", "-1"], b"shuf: invalid line count: '-1'\n"),
    (["-o", "a", "-o", "b"], b"shuf: multiple output files specified\n"),
    (["--random-source=a", "--random-source=b"], b"shuf: multiple random sources specified\n"),
    (["-r"], b"shuf: no lines to repeat\n"),
    (["nope"], b"shuf: nope: No such file or directory\n"),
    (["dir"], b"shuf: read error: Is a directory\n"),
    (["-o", "dir", "-e", "a"], b"shuf: dir: Is a directory\n"),
    (["-x"], b"shuf: invalid option -- 'x'\nTry 'shuf --help' for more information.\n"),
])
def test_errors(run, d, args, err):
    assert tuple(run("shuf", *args, cwd=d)) == (b"", err, 1)


def test_utf8_locale_quotes(run):
    r = run("shuf", "-n", "x", env={"LC_ALL": "C.UTF-8"})
    assert r.err == "shuf: invalid line count: \u2018x\u2019\n".encode()


def test_write_error(run, d, bindir):
    import subprocess
    from conftest import child_env
    with open("/dev/full", "wb") as full:
        p = subprocess.run([os.path.join(bindir, "shuf"), "five"], cwd=d, stdout=full,
                           stderr=subprocess.PIPE, env=child_env())
    assert (p.returncode, p.stderr) == (1, b"shuf: write error: No space left on device\n")


# -- the same bytes as GNU's shuf for the same random source -------------------

@pytest.mark.parametrize("args", [
    ["five"], ["lines"], ["-n", "3", "lines"], ["-n", "1", "lines"], ["-i", "1-100"],
    ["-i", "1-100000", "-n", "5"], ["-r", "-n", "25", "-i", "1-7"], ["-r", "-n", "25", "five"],
    ["-e", "a", "b", "c", "d", "e", "f"], ["-z", "-e", "a", "b", "c"], ["-n", "5", "-"],
    ["-i", "0-18446744073709551614", "-n", "3"], ["-r", "-n", "4", "-i", "5-18446744073709551614"],
], ids=" ".join)
def test_same_as_gnu_with_random_source(same_as_gnu, d, args):
    # "-n 5 -" reads a pipe: GNU's reservoir sampling path
    same_as_gnu("shuf", "--random-source=rand", *args, stdin=LINES, cwd=d)


def test_one_byte_source_same_as_gnu(same_as_gnu, d):
    same_as_gnu("shuf", "--random-source=one", "lines", cwd=d)
    # -r prints what it drew before the source ran dry, then fails
    r = same_as_gnu("shuf", "--random-source=one", "-r", "-n", "9", "five", cwd=d)
    assert r.out and r.status == 1


@settings(max_examples=25)
@given(st.lists(st.binary(max_size=6).filter(lambda b: b"\n" not in b), max_size=30),
       st.binary(min_size=0, max_size=64), st.sampled_from([[], ["-n", "3"], ["-r", "-n", "7"], ["-n", "0"]]))
def test_same_as_gnu_generated(inproc, run_gnu, tmp_path, items, rand, extra):
    # the input is a file for both (a pipe would send GNU down its reservoir path)
    (tmp_path / "r").write_bytes(rand)
    (tmp_path / "in").write_bytes(b"".join(i + b"\n" for i in items))
    args = ["--random-source=" + str(tmp_path / "r")] + extra + [str(tmp_path / "in")]
    assert tuple(inproc("shuf", *args)) == tuple(run_gnu("shuf", *args))
