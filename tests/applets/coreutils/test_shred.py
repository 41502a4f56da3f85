"""shred: passes and their -v lines (GNU's pattern table), -n, -z, -s, -x
and block rounding, --random-source, -u/--remove=HOW with the renaming
messages, -f, standard output, errors, and GNU differential tests on
everything that is not random."""
import collections
import os
import re

import pytest

from _fstree import both, build


def passes(err):
    return re.findall(rb"pass \d+/\d+ \((\w+)\)\.\.\.", err)


def test_missing_operand(run):
    assert tuple(run("shred")) == (b"", b"shred: missing file operand\nTry 'shred --help' for more information.\n", 1)


def test_default_three_random_passes(run, tmp_path):
    build(tmp_path, {"f": b"secret"})
    r = run("shred", "-v", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"shred: f: pass 1/3 (random)...\nshred: f: pass 2/3 (random)...\n"
                        b"shred: f: pass 3/3 (random)...\n", 0)
    data = (tmp_path / "f").read_bytes()
    assert len(data) == os.stat(tmp_path / "f").st_blksize and b"secret" not in data


@pytest.mark.parametrize("n", [1, 2, 5, 6, 25, 38])
def test_pattern_choice_like_gnu(run, run_gnu, tmp_path, n):
    """Whole blocks of GNU's table are used as GNU does (the order is
    random, so the multisets are compared)."""
    build(tmp_path, {"f": b"x"})
    ours = passes(run("shred", "-v", "-n", str(n), "f", cwd=str(tmp_path)).err)
    theirs = passes(run_gnu("shred", "-v", "-n", str(n), "f", cwd=str(tmp_path)).err)
    assert collections.Counter(ours) == collections.Counter(theirs)
    assert ours[0] == b"random" and ours[-1] == b"random"


def test_zero_pass_and_random_source(run, tmp_path):
    build(tmp_path, {"f": b"12345"})
    r = run("shred", "-xvz", "-n", "2", "--random-source=/dev/zero", "f", cwd=str(tmp_path))
    assert r.err.endswith(b"shred: f: pass 3/3 (000000)...\n") and r.status == 0
    assert (tmp_path / "f").read_bytes() == b"\0" * 5
    r = run("shred", "-n", "1", "--random-source=/dev/null", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"shred: '/dev/null': end of file\n", 1)
    r = run("shred", "--random-source=nope", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"shred: nope: No such file or directory\n", 1)


def test_patterns_written(run, tmp_path):
    build(tmp_path, {"f": b"x" * 1000})
    # with 5 passes: random, 000000, ffffff, random (order of the two varies), and -z
    r = run("shred", "-x", "-n", "1", "-z", "f", cwd=str(tmp_path))
    assert r.status == 0 and (tmp_path / "f").read_bytes() == b"\0" * 1000


def test_sizes(run, tmp_path):
    build(tmp_path, {"e": b"", "f": b"12345", "g": b"12", "h": b"x" * 5000})
    blk = os.stat(tmp_path / "f").st_blksize
    assert run("shred", "e", "f", "h", cwd=str(tmp_path)).status == 0
    assert os.path.getsize(tmp_path / "e") == 0
    assert os.path.getsize(tmp_path / "f") == blk
    assert os.path.getsize(tmp_path / "h") == -(-5000 // blk) * blk
    assert run("shred", "-s", "1", "-z", "-n", "0", "g", cwd=str(tmp_path)).status == 0
    assert (tmp_path / "g").read_bytes() == b"\x002"
    assert run("shred", "--size=0x10", "e", cwd=str(tmp_path)).status == 0
    assert os.path.getsize(tmp_path / "e") == 16
    r = run("shred", "-v", "-s", "0", "g", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"", 0)


@pytest.mark.parametrize("args, msg", [
    (["-n", "x"], "shred: invalid number of passes: 'x'"), (["-n", "-1"], "shred: invalid number of passes: '-1'"),
    (["-s", "x"], "shred: invalid file size: 'x'"), (["-s", "1Kx"], "shred: invalid file size: '1Kx'"),
])
def test_bad_numbers(run, tmp_path, args, msg):
    build(tmp_path, {"f": b"keep"})
    assert tuple(run("shred", *args, "f", cwd=str(tmp_path))) == (b"", (msg + "\n").encode(), 1)
    assert (tmp_path / "f").read_bytes() == b"keep"


def test_remove(run, tmp_path):
    build(tmp_path, {"d": {"abc": b"x"}, "a": b"x", "0": b"123"})
    r = run("shred", "-vu", "-n", "1", "d/abc", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"shred: d/abc: pass 1/1 (random)...\nshred: d/abc: removing\n"
                        b"shred: d/abc: renamed to d/000\nshred: d/000: renamed to d/00\n"
                        b"shred: d/00: renamed to d/0\nshred: d/abc: removed\n", 0)
    assert os.listdir(tmp_path / "d") == []
    r = run("shred", "-v", "-n", "0", "--remove", "a", cwd=str(tmp_path))  # "0" exists: the next name
    assert tuple(r) == (b"", b"shred: a: removing\nshred: a: renamed to 1\nshred: a: removed\n", 0)
    assert (tmp_path / "0").read_bytes() == b"123"
    build(tmp_path, {"u": b"x", "w": b"x"})
    r = run("shred", "-v", "-n", "0", "--remove=unlink", "u", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"shred: u: removing\nshred: u: removed\n", 0)
    r = run("shred", "-n", "0", "--remove=wipe", "w", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"", 0) and not os.path.exists(tmp_path / "w")
    r = run("shred", "--remove=bad", "w", cwd=str(tmp_path))
    assert r.status == 1 and r.err.startswith(b"shred: invalid argument 'bad' for '--remove'\n")


def test_open_errors(run, tmp_path):
    build(tmp_path, {"d": {}})
    r = run("shred", "nope", "d", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"shred: nope: failed to open for writing: No such file or directory\n"
                        b"shred: d: failed to open for writing: Is a directory\n", 1)
    r = run("shred", "-", stdin=b"")  # stdout is a pipe
    assert tuple(r) == (b"", b"shred: -: invalid file type\n", 1)


def test_stdout_file(sh, tmp_path):
    r = sh("printf abc > out; shred -x -n 1 -z - >> out; echo $?; od -An -c out", cwd=str(tmp_path))
    assert r.out.startswith(b"1\n")  # O_APPEND refused
    assert r.err == b"shred: -: cannot shred append-only file descriptor\n"
    r = sh("printf abc > out; shred -x -n 0 -z - 1<> out; od -An -tx1 out", cwd=str(tmp_path))
    assert tuple(r) == (b" 00 00 00\n", b"", 0)


def test_force(run, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can write anything")
    build(tmp_path, {"r": ("mode", 0o400, b"x")})
    assert run("shred", "r", cwd=str(tmp_path)).status == 1
    assert run("shred", "-f", "r", cwd=str(tmp_path)).status == 0


def test_non_utf8(run, tmp_path):
    r = run("shred", b"\xff", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"shred: ''$'\\377': failed to open for writing: No such file or directory\n", 1)


@pytest.mark.parametrize("args", [
    ["-v", "f"], ["-u", "-v", "abc"], ["--remove=unlink", "-v", "abc"], ["-v", "--remove=wipe", "abc", "f"],
    ["-n", "x", "f"], ["-s", "x", "f"], ["nope", "d"], ["-s", "10", "e"], ["-x", "f"],
    ["-x", "-n", "1", "--random-source=/dev/zero", "f"], ["-n", "1", "--random-source=/dev/null", "f"],
    ["-vz", "-n", "2", "-s", "1", "-x", "f"], ["-v", "e"], ["-v", "-n", "0", "-z", "f"], ["-n", "25", "f"],
])
def test_same_as_gnu(run, run_gnu, tmp_path, args):
    """Output and the resulting trees, where the content is not random."""
    spec = {"f": b"12345", "e": b"", "abc": b"x", "d": {}}
    import _fstree
    g, p = _fstree.twin(tmp_path, spec)
    expected = run_gnu("shred", *args, cwd=g)
    got = run("shred", *args, cwd=p)
    assert (got.out, got.status) == (expected.out, expected.status)
    norm = re.compile(rb"\([0-9a-f]{6}\)")
    if b"-n" in [a.encode() for a in args] and "25" in args:
        assert sorted(passes(got.err)) == sorted(passes(expected.err))
    else:
        assert norm.sub(b"(P)", got.err) == norm.sub(b"(P)", expected.err)
    random = "--random-source=/dev/zero" not in args and "-z" not in "".join(args)
    snap = lambda d: [row[:5] + ((len(row[5]) if random else row[5]) if row[5] is not None else None,)
                      for row in _fstree.snapshot(d)]
    assert snap(p) == snap(g)


@pytest.mark.parametrize("args", [['loop1'], ['-u', 'loop2/x']])
def test_symlink_loop_same_as_gnu(run, run_gnu, tmp_path, args):
    """A loop of symbolic links (ELOOP) on the way, as GNU reports it."""
    tree = {"loop1": ("link", "loop2"), "loop2": ("link", "loop1"), "f": b"x"}
    both(run, run_gnu, tmp_path, tree, "shred", *args)
