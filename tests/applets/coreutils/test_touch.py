"""touch: creating, -c, -a/-m/--time, -d (GNU date strings), -t stamps,
-r (and -r with -d), -h on links, '-' for standard output, errors,
non-UTF-8 names, and GNU differential tests on the resulting times."""
import os

import pytest

from _fstree import both, build

UTC = {"TZ": "UTC0"}
TREE = {"f": b"data", "dd": {}, "lf": ("link", "f"), "dangling": ("link", "nowhere")}


def times(p, follow=True):
    st = os.stat(p, follow_symlinks=follow)
    return st.st_atime_ns, st.st_mtime_ns


def test_missing_operand(run):
    assert tuple(run("touch")) == (b"", b"touch: missing file operand\nTry 'touch --help' for more information.\n", 1)


def test_creates(run, tmp_path):
    r = run("touch", "a", "b", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"", 0)
    assert (tmp_path / "a").read_bytes() == b"" and (tmp_path / "b").exists()


def test_no_create(run, tmp_path):
    for args in (["-c"], ["--no-create"], ["-h"], ["-c", "-h"]):
        r = run("touch", *args, "nope", cwd=str(tmp_path))
        if args == ["-h"]:
            assert tuple(r) == (b"", b"touch: setting times of 'nope': No such file or directory\n", 1)
        else:
            assert tuple(r) == (b"", b"", 0)
        assert not os.path.exists(tmp_path / "nope")


def test_now(run, tmp_path):
    build(tmp_path, TREE)
    os.utime(tmp_path / "f", ns=(10 ** 9, 2 * 10 ** 9))
    assert tuple(run("touch", "f", cwd=str(tmp_path))) == (b"", b"", 0)
    a, m = times(tmp_path / "f")
    assert a > 10 ** 18 and m > 10 ** 18


@pytest.mark.parametrize("args, expected", [
    (["-d", "@100"], (100 * 10 ** 9, 100 * 10 ** 9)),
    (["-a", "-d", "@100"], (100 * 10 ** 9, 2 * 10 ** 9)),
    (["-m", "--date=@100.25"], (10 ** 9, 100250000000)),
    (["--time=atime", "-d", "@100"], (100 * 10 ** 9, 2 * 10 ** 9)),
    (["--time=access", "-d", "@100"], (100 * 10 ** 9, 2 * 10 ** 9)),
    (["--time=use", "-d", "@100"], (100 * 10 ** 9, 2 * 10 ** 9)),
    (["--time=mtime", "-d", "@100"], (10 ** 9, 100 * 10 ** 9)),
    (["--time=modify", "-d", "@100"], (10 ** 9, 100 * 10 ** 9)),
    (["-am", "-d", "@100"], (100 * 10 ** 9, 100 * 10 ** 9)),
    (["-d", "2020-01-02 03:04:05.5"], (1577934245500000000, 1577934245500000000)),
    (["-t", "202001021504.05"], (1577977445 * 10 ** 9, 1577977445 * 10 ** 9)),
    (["-t", "2001021504"], (1577977440 * 10 ** 9, 1577977440 * 10 ** 9)),
    (["-t", "6901010000"], (-31536000 * 10 ** 9, -31536000 * 10 ** 9)),
    (["-t", "202001021504.60"], (1577977500 * 10 ** 9, 1577977500 * 10 ** 9)),
    (["-f", "-d", "@7"], (7 * 10 ** 9, 7 * 10 ** 9)),
])
def test_explicit_times(run, tmp_path, args, expected):
    build(tmp_path, TREE)
    os.utime(tmp_path / "f", ns=(10 ** 9, 2 * 10 ** 9))
    assert tuple(run("touch", *args, "f", cwd=str(tmp_path), env=UTC)) == (b"", b"", 0)
    assert times(tmp_path / "f") == expected


def test_reference(run, tmp_path):
    build(tmp_path, TREE)
    os.utime(tmp_path / "f", ns=(5 * 10 ** 9 + 1, 6 * 10 ** 9 + 2))
    assert tuple(run("touch", "-r", "f", "g", cwd=str(tmp_path))) == (b"", b"", 0)
    assert times(tmp_path / "g") == (5 * 10 ** 9 + 1, 6 * 10 ** 9 + 2)
    assert tuple(run("touch", "--reference=f", "-d", "+1 day", "h", cwd=str(tmp_path))) == (b"", b"", 0)
    assert times(tmp_path / "h") == (86405 * 10 ** 9 + 1, 86406 * 10 ** 9 + 2)
    r = run("touch", "-r", "nope", "g", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"touch: failed to get attributes of 'nope': No such file or directory\n", 1)


def test_no_dereference(run, tmp_path):
    build(tmp_path, TREE)
    os.utime(tmp_path / "f", ns=(10 ** 9, 2 * 10 ** 9))
    assert tuple(run("touch", "-h", "-d", "@7", "lf", "dangling", cwd=str(tmp_path))) == (b"", b"", 0)
    assert times(tmp_path / "lf", follow=False) == (7 * 10 ** 9, 7 * 10 ** 9)
    assert times(tmp_path / "f") == (10 ** 9, 2 * 10 ** 9)
    assert tuple(run("touch", "-d", "@8", "lf", cwd=str(tmp_path))) == (b"", b"", 0)
    assert times(tmp_path / "f") == (8 * 10 ** 9, 8 * 10 ** 9)


def test_stdout_via_shell(sh, tmp_path):
    r = sh("touch -d @5 - > out; stat -c %Y out", cwd=str(tmp_path))
    assert tuple(r) == (b"5\n", b"", 0)


@pytest.mark.parametrize("stamp", ["13021504", "02301504", "x", "1", "2020010215041", "202001021504.5",
                                   "202001021504.61", "0101000", "2020-01-02"])
def test_bad_stamp(run, tmp_path, stamp):
    r = run("touch", "-t", stamp, "f", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"touch: invalid date format '%s'\n" % stamp.encode(), 1)
    assert not os.path.exists(tmp_path / "f")


def test_bad_date_and_sources(run, tmp_path):
    r = run("touch", "-d", "garbage", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"touch: invalid date format 'garbage'\n", 1)
    r = run("touch", "-t", "202001010000", "-d", "@1", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"touch: cannot specify times from more than one source\n"
                        b"Try 'touch --help' for more information.\n", 1)
    r = run("touch", "--time=x", "f", cwd=str(tmp_path))
    assert r.status == 1 and r.err.startswith(b"touch: invalid argument 'x' for '--time'\nValid arguments are:\n"
                                              b"  - 'atime', 'access', 'use'\n  - 'mtime', 'modify'\n")


def test_errors(run, tmp_path):
    build(tmp_path, TREE)
    r = run("touch", "d/x", "f/x", "dd", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"touch: cannot touch 'd/x': No such file or directory\n"
                        b"touch: cannot touch 'f/x': Not a directory\n", 1)


def test_non_utf8(run, tmp_path):
    r = run("touch", b"\xff", b"no/\xfe", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"touch: cannot touch 'no/'$'\\376': No such file or directory\n", 1)
    assert os.path.exists(os.fsencode(str(tmp_path)) + b"/\xff")


@pytest.mark.parametrize("args", [
    ["-d", "@100", "f", "new"], ["-a", "-d", "2020-01-02 03:04:05", "f"], ["-m", "-t", "202001021504.05", "f"],
    ["-t", "2001021504", "f", "dd"], ["-h", "-d", "@5", "lf", "dangling", "nope"], ["-c", "-d", "@5", "nope", "f"],
    ["-r", "f", "-d", "-2 hours", "g"], ["-d", "Jan 5 2020 10:00", "f"], ["-t", "13021504", "f"],
    ["-d", "bad date", "f"], ["-d", "@1", "x/y", "f/y"], ["-t", "1", "-r", "f", "g"],
    ["-r", "lf", "-h", "-d", "@3", "g"],
])
@pytest.mark.parametrize("tz", ["UTC0", "EST5EDT,M3.2.0,M11.1.0"])
def test_same_as_gnu(run, run_gnu, tmp_path, args, tz):
    def prepare(d):
        os.utime(os.path.join(d, "f"), ns=(10 ** 9, 2 * 10 ** 9))
        os.utime(os.path.join(d, "lf"), ns=(3 * 10 ** 9, 4 * 10 ** 9), follow_symlinks=False)
        os.utime(os.path.join(d, "dangling"), ns=(3 * 10 ** 9, 4 * 10 ** 9), follow_symlinks=False)
        os.utime(os.path.join(d, "dd"), ns=(3 * 10 ** 9, 4 * 10 ** 9))
    import _fstree
    g, p = _fstree.twin(tmp_path, TREE)
    prepare(g)
    prepare(p)
    env = {"TZ": tz}
    assert run("touch", *args, cwd=p, env=env) == run_gnu("touch", *args, cwd=g, env=env)
    # entries created now (both trees at slightly different moments) are
    # compared by name only
    def snap(d):
        now = 10 ** 18
        rows = [x if x[6] < now else x[:6] for x in _fstree.snapshot(d, times=True)]
        # a symbolic link's atime moves when it is read (relatime): not compared
        return [x[:7] if x[1] == 0o120000 else x for x in rows]
    assert snap(p) == snap(g)


def test_same_as_gnu_utf8(run, run_gnu, tmp_path):
    both(run, run_gnu, tmp_path, TREE, "touch", "-t", "99", "f", env={"LC_ALL": "C.UTF-8"})
    both(run, run_gnu, tmp_path, TREE, "touch", "--time=x", "f", env={"LC_ALL": "C.UTF-8"})


@pytest.mark.parametrize("args", [['loop1'], ['-c', 'loop1/x'], ['-h', '-d', '@5', 'loop1']])
def test_symlink_loop_same_as_gnu(run, run_gnu, tmp_path, args):
    """A loop of symbolic links (ELOOP) on the way, as GNU reports it."""
    tree = {"loop1": ("link", "loop2"), "loop2": ("link", "loop1"), "f": b"x"}
    both(run, run_gnu, tmp_path, tree, "touch", *args)
