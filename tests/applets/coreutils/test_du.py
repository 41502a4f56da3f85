"""du: every option, hard links counted once, sparse files, errors,
special files, non-UTF-8 names, and differential tests against GNU du on
generated trees (TZ=UTC, LC_ALL=C)."""
import os

import pytest
from hypothesis import given, settings, strategies as st

ENV = {"TZ": "UTC"}


@pytest.fixture
def t(tmp_path):
    """t/ with a hard link, a sparse file, a symlink, nested directories."""
    root = tmp_path / "t"
    (root / "a" / "b").mkdir(parents=True)
    (root / "c").mkdir()
    (root / "f1").write_bytes(b"x" * 5000)
    os.link(str(root / "f1"), str(root / "a" / "hl"))
    (root / "a" / "b" / "g").write_bytes(b"x\n")
    with open(str(root / "c" / "sparse"), "wb") as f:
        f.truncate(10 << 20)
    os.symlink("f1", str(root / "sl"))
    os.mkfifo(str(root / "fifo"))
    with open(os.path.join(os.fsencode(str(root)), b"n\xffame"), "wb") as f:
        f.write(b"y" * 9000)
    for p in (root / "a" / "b" / "g", root / "a" / "b", root / "a", root / "c" / "sparse", root / "c", root):
        os.utime(str(p), ns=(1600000000 * 10 ** 9, 1700000000 * 10 ** 9))
    return tmp_path


CASES = [
    ["t"], ["-a", "t"], ["t", "t"], ["t/a", "t"], ["-l", "t", "t"], ["--exclude=a", "t"], ["--exclude=t", "t"],
    ["--exclude=*/b", "t"], ["-x", "t"], ["-s", "t"], ["-s", "-d0", "t"], ["-hc", "t"], ["-BK", "-s", "t"],
    ["-BKB", "-s", "t"], ["--si", "-s", "t"], ["-t", "5K", "t"], ["-t", "-5K", "t"], ["--threshold=0x1000", "t"],
    ["--time", "t/a"], ["--time=ctime", "--time-style=+%Y", "-s", "t"], ["--time=status", "-a", "t"],
    ["--time", "--time-style=full-iso", "-a", "t/a"], ["--time=ctime", "--time-style=iso", "-c", "t"],
    ["--inodes", "t"], ["--inodes", "-a", "t"], ["-b", "t"], ["-S", "t"], ["-Sc", "t"], ["-l", "t"], ["-L", "t"],
    ["-H", "t/sl"], ["-D", "t/sl"], ["t/sl"], ["-L", "t/sl"], ["-P", "-L", "-P", "t"], ["-0", "-a", "t"],
    ["-ab", "t/c/sparse", "t/f1"], ["-d", "1", "-a", "t"], ["--max-depth=1", "t"], ["-k", "-m", "t"],
    ["-m", "-k", "t"], ["--apparent-size", "-h", "t"], ["--apparent-size", "t"], ["-B", "3", "t"],
    ["-B", "1000", "-a", "t"], ["-B", "1KB", "-a", "t"], ["--block-size=human-readable", "t"],
    ["--block-size=si", "t"], ["-B", "'1", "t"], ["-lc", "t", "t"], ["t/fifo", "/dev/null"], ["-a", "t/c"],
    ["-c", "t/f1", "t/a/hl"], ["-cl", "t/f1", "t/a/hl"], ["--count-links", "-a", "t"], ["-s", "t/a", "t/c"],
]


@pytest.mark.parametrize("args", CASES, ids=lambda a: " ".join(a))
def test_like_gnu(t, run, run_gnu, args):
    r = run("du", *args, cwd=str(t), env=ENV)
    assert r == run_gnu("du", *args, cwd=str(t), env=ENV)


def test_exact_output(t, run):
    r = run("du", "-ab", "t/a", cwd=str(t))
    lines = r.out.split(b"\n")
    assert b"5000\tt/a/hl" in lines and b"2\tt/a/b/g" in lines
    assert lines[-2].startswith(b"") and lines[-2].endswith(b"\tt/a") and r.status == 0
    # post-order: a directory comes after what it holds
    assert lines.index(b"2\tt/a/b/g") < lines.index(next(x for x in lines if x.endswith(b"\tt/a/b")))
    r = run("du", "--apparent-size", "-B1", "-s", "t/c", cwd=str(t))
    assert r.out == b"%d\tt/c\n" % (os.stat(str(t / "t" / "c")).st_size + (10 << 20))
    r = run("du", "-s", "t/c/sparse", cwd=str(t))
    assert r.out == b"0\tt/c/sparse\n"
    r = run("du", "-0", "-s", "t/c/sparse", cwd=str(t))
    assert r.out == b"0\tt/c/sparse\0"


def test_hard_links_once(t, run):
    r = run("du", "-ab", "t", cwd=str(t))
    names = [x.split(b"\t")[1] for x in r.out.splitlines()]
    assert (b"t/f1" in names) != (b"t/a/hl" in names)
    r = run("du", "-abl", "t", cwd=str(t))
    names = [x.split(b"\t")[1] for x in r.out.splitlines()]
    assert b"t/f1" in names and b"t/a/hl" in names


def test_human_rounding(tmp_path, run, run_gnu):
    for size in (0, 1, 1023, 1024, 1025, 10239, 10240, 10241, 1048575, 1048577, 1536000, 123456789):
        p = tmp_path / ("f%d" % size)
        with open(str(p), "wb") as f:
            f.truncate(size)
        for opt in ("-h", "--si", "-k", "-m", "-BM", "-BG", "-B1000", "-BMB"):
            args = ["--apparent-size", opt, str(p)]
            assert run("du", *args) == run_gnu("du", *args), args


def test_errors(t, run):
    r = run("du", "nope", "t/a/b", cwd=str(t))
    assert r.out == b"8\tt/a/b\n" or r.out.endswith(b"\tt/a/b\n")
    assert r.err == b"du: cannot access 'nope': No such file or directory\n" and r.status == 1
    r = run("du", "-s", "-a", "t", cwd=str(t))
    assert r.err == b"du: cannot both summarize and show all entries\nTry 'du --help' for more information.\n"
    assert r.status == 1
    r = run("du", "-s", "-d", "2", "t", cwd=str(t))
    assert r.err.startswith(b"du: warning: summarizing conflicts with --max-depth=2\n") and r.status == 1
    r = run("du", "-B", "x", "t", cwd=str(t))
    assert (r.err, r.status) == (b"du: invalid -B argument 'x'\n", 1)
    r = run("du", "--block-size=0", "t", cwd=str(t))
    assert (r.err, r.status) == (b"du: invalid --block-size argument '0'\n", 1)
    r = run("du", "-t", "-0", "t", cwd=str(t))
    assert (r.err, r.status) == (b"du: invalid --threshold argument '-0'\n", 1)
    r = run("du", "-d", "-1", "t", cwd=str(t))
    assert r.err.startswith(b"du: invalid maximum depth '-1'\n") and r.status == 1
    r = run("du", "--time=bad", "t", cwd=str(t))
    assert r.err.startswith(b"du: invalid argument 'bad' for '--time'\n") and r.status == 1
    r = run("du", "--time-style=locale", "--time", "t", cwd=str(t))
    assert r.err.startswith(b"du: invalid argument 'locale' for 'time style'\n") and r.status == 1
    r = run("du", "-X", "nope", "t", cwd=str(t))
    assert (r.err, r.status) == (b"du: nope: No such file or directory\n", 1)


def test_symlink_loops(tmp_path, run, run_gnu):
    d = tmp_path / "d"
    (d / "sub").mkdir(parents=True)
    os.symlink("..", str(d / "sub" / "up"))
    os.symlink("l2", str(d / "l1"))
    os.symlink("l1", str(d / "l2"))
    for args in (["d"], ["-L", "d"], ["-aL", "d"], ["-a", "d"]):
        a = run("du", *args, cwd=str(tmp_path))
        b = run_gnu("du", *args, cwd=str(tmp_path))
        assert a == b, args
    r = run("du", "-L", "d/l1", cwd=str(tmp_path))
    assert r.err == b"du: cannot access 'd/l1': Too many levels of symbolic links\n" and r.status == 1


def test_files0_from(t, run, run_gnu):
    (t / "list").write_bytes(b"t/a\0t/c\0")
    assert run("du", "--files0-from=list", cwd=str(t)) == run_gnu("du", "--files0-from=list", cwd=str(t))
    r = run("du", "--files0-from=-", stdin=b"t/a\0\0t/c", cwd=str(t))
    assert r == run_gnu("du", "--files0-from=-", stdin=b"t/a\0\0t/c", cwd=str(t))
    assert r.err == b"du: -:2: invalid zero-length file name\n" and r.status == 1
    r = run("du", "--files0-from=-", stdin=b"-\0", cwd=str(t))
    assert r.status == 1 and b"no file name of '-' allowed" in r.err
    r = run("du", "--files0-from=list", "t", cwd=str(t))
    assert r.err.startswith(b"du: extra operand 't'\nfile operands cannot be combined with --files0-from\n")
    r = run("du", "--files0-from=nope", cwd=str(t))
    assert r.err == b"du: cannot open 'nope' for reading: No such file or directory\n" and r.status == 1


def test_exclude_from(t, run, run_gnu):
    (t / "pats").write_bytes(b"b\n*hl\n")
    args = ["-a", "--exclude-from=pats", "t"]
    assert run("du", *args, cwd=str(t)) == run_gnu("du", *args, cwd=str(t))
    assert run("du", "-aX", "pats", "t", cwd=str(t)) == run_gnu("du", "-aX", "pats", "t", cwd=str(t))


def test_env_block_size(t, run, run_gnu):
    for env in ({"DU_BLOCK_SIZE": "1M"}, {"BLOCK_SIZE": "512"}, {"BLOCKSIZE": "1K"}, {"POSIXLY_CORRECT": "1"},
                {"DU_BLOCK_SIZE": "human-readable"}, {"DU_BLOCK_SIZE": "junk"}):
        assert run("du", "t", cwd=str(t), env=env) == run_gnu("du", "t", cwd=str(t), env=env), env


def test_non_utf8(t, run):
    r = run("du", "-ab", os.path.join(os.fsencode(str(t)), b"t", b"n\xffame"))
    assert r.out.startswith(b"9000\t") and r.out.endswith(b"/t/n\xffame\n")


# -- generated trees ------------------------------------------------------------------

TREE = st.lists(st.tuples(st.integers(0, 3), st.sampled_from(["file", "dir", "link", "sparse", "hard"]),
                          st.integers(0, 70000)), min_size=1, max_size=12)
OPTS = st.lists(st.sampled_from(["-a", "-b", "-c", "-S", "-l", "-h", "--si", "-k", "-m", "--inodes",
                                 "--apparent-size", "-d1", "-s", "-L", "-x", "-t8K", "-BK"]),
                max_size=4, unique=True)


@settings(max_examples=25)
@given(tree=TREE, opts=OPTS)
def test_generated_trees_like_gnu(tmp_path_factory, run, run_gnu, tree, opts):
    base = tmp_path_factory.mktemp("gen")
    dirs = [base / "r"]
    dirs[0].mkdir()
    files = []
    for i, (where, kind, size) in enumerate(tree):
        parent = dirs[where % len(dirs)]
        p = parent / ("e%d" % i)
        if kind == "dir":
            p.mkdir()
            dirs.append(p)
        elif kind == "file" or (kind == "hard" and not files):
            p.write_bytes(b"z" * size)
            files.append(p)
        elif kind == "sparse":
            with open(str(p), "wb") as f:
                f.truncate(size * 100)
                f.write(b"q")
            files.append(p)
        elif kind == "hard":
            os.link(str(files[size % len(files)]), str(p))
        else:
            os.symlink(os.path.relpath(str(dirs[size % len(dirs)]), str(parent)), str(p))
    if "-s" in opts and "-a" in opts:
        opts = [o for o in opts if o != "-a"]
    if "-s" in opts and "-d1" in opts:
        opts = [o for o in opts if o != "-d1"]
    args = opts + ["r"]
    assert run("du", *args, cwd=str(base), env=ENV) == run_gnu("du", *args, cwd=str(base), env=ENV)


def test_messages_interleave_like_gnu(t, bindir):
    """Errors come after the lines printed before them (stdout is flushed
    first, as gnulib's error() does), so `du ... 2>&1` reads the same."""
    import subprocess
    from conftest import child_env
    script = "%s t/a nope t/c 2>&1"
    outs = []
    for tool in (os.path.join(bindir, "du"), "du"):
        p = subprocess.run(["/bin/sh", "-c", script % tool], stdout=subprocess.PIPE, cwd=str(t), env=child_env())
        outs.append(p.stdout)
    assert outs[0] == outs[1]
    assert b"\ndu: cannot access 'nope'" in outs[0]
