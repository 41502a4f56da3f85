"""A tree 10,000 directories deep through every applet that walks trees:
no recursion limit, no traceback, and GNU's output, status and messages
(GNU's cp -r stops with `File name too long` past PATH_MAX, and so does
pybox; du, find, chmod -R, chown -R and rm -r go all the way, and so does
pybox's ls -R, where GNU's stops at PATH_MAX)."""
import hashlib
import os
import subprocess

import pytest

from conftest import child_env

DEPTH = 10000


def _make(top):
    """top/t/d/d/.../d/f, made through directory descriptors (the path is
    longer than PATH_MAX)."""
    fd = os.open(top, os.O_RDONLY)
    os.mkdir("t", dir_fd=fd)
    cur = os.open("t", os.O_RDONLY, dir_fd=fd)
    os.close(fd)
    for _ in range(DEPTH):
        os.mkdir("d", dir_fd=cur)
        nxt = os.open("d", os.O_RDONLY, dir_fd=cur)
        os.close(cur)
        cur = nxt
    w = os.open("f", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=cur)
    os.write(w, b"x")
    os.close(w)
    os.close(cur)


@pytest.fixture(scope="module")
def deep(tmp_path_factory):
    top = str(tmp_path_factory.mktemp("deep"))
    _make(top)
    yield top
    # (everything, also what a failed test left: pytest's own clean-up of
    # old temporary directories recurses and cannot remove such a tree)
    subprocess.run(["rm", "-rf", "--", top])


def _digest(r):
    return hashlib.sha256(r[0]).hexdigest(), r[1][-300:], r[2]


def _gnu(argv, cwd):
    tool = "/usr/bin/" + argv[0]
    if not os.access(tool, os.X_OK):
        pytest.skip("GNU %s is not installed" % argv[0])
    p = subprocess.run([tool] + argv[1:], capture_output=True, cwd=cwd, env=child_env())
    return p.stdout, p.stderr.replace(tool.encode() + b":", argv[0].encode() + b":"), p.returncode


@pytest.mark.parametrize("argv", [["du", "-s", "t"], ["du", "-a", "t"], ["find", "t", "-name", "f"],
                                  ["chmod", "-R", "u+w", "t"], ["chown", "-R", "0:0", "t"]])
def test_walkers_same_as_gnu(run, deep, argv):
    if argv[0] == "chown" and os.geteuid() != 0:
        pytest.skip("chown to root needs root")
    ours = run(*argv, cwd=deep, timeout=120)
    assert _digest(tuple(ours)) == _digest(_gnu(argv, deep))


def test_ls_R_goes_all_the_way(run, deep):
    """GNU's ls -R opens each directory by its whole name and stops at
    PATH_MAX (`File name too long`, status 1); pybox's lists through the
    walker's descriptors down to the last level.  Up to where GNU stopped
    the output is the same."""
    ours = run("ls", "-R", "t", cwd=deep, timeout=120)
    assert (ours.err, ours.status) == (b"", 0)
    gnu_out, gnu_err, gnu_status = _gnu(["ls", "-R", "t"], deep)
    assert gnu_status == 1 and gnu_err.endswith(b"File name too long\n")
    assert ours.out.startswith(gnu_out)
    assert ours.out.count(b":\n") == DEPTH + 1
    assert ours.out.endswith(b"t" + b"/d" * DEPTH + b":\nf\n")


def test_cp_r_and_rm_r(run, deep):
    """cp -r fails past PATH_MAX as GNU's does (the same message and
    status; GNU, which builds whole paths, gives up a few levels earlier),
    and rm -r removes both copies."""
    import re
    ours = run("cp", "-r", "t", "ours", cwd=deep, timeout=120)
    theirs = _gnu(["cp", "-r", "t", "gnu"], deep)
    assert ours.status == theirs[2] == 1
    for err, name in ((ours.err, b"ours"), (theirs[1], b"gnu")):
        assert re.fullmatch(b"cp: cannot create directory '%s(/d)+': File name too long\n" % name, err), err[-80:]
    assert tuple(run("rm", "-r", "ours", "gnu", cwd=deep, timeout=120)) == (b"", b"", 0)
    assert sorted(os.listdir(deep)) == ["t"]


@pytest.fixture(scope="module")
def wide(tmp_path_factory):
    """One directory of 100,000 entries (files, a few directories and links)."""
    top = str(tmp_path_factory.mktemp("wide"))
    os.mkdir(os.path.join(top, "w"))
    fd = os.open(os.path.join(top, "w"), os.O_RDONLY)
    try:
        for i in range(100000):
            name = "e%06d" % ((i * 7919) % 100000)
            if i % 1000 == 0:
                os.mkdir(name, dir_fd=fd)
            elif i % 1000 == 1:
                os.symlink("e000000", name, dir_fd=fd)
            else:
                os.close(os.open(name, os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd))
            if i % 997 == 0:
                os.utime(name, ns=(10 ** 18, 10 ** 18), dir_fd=fd, follow_symlinks=False)
    finally:
        os.close(fd)
    for dirpath, dirs, files in os.walk(os.path.join(top, "w")):
        for n in dirs + files:
            os.utime(os.path.join(dirpath, n), ns=(10 ** 18, 10 ** 18), follow_symlinks=False)
    return top


@pytest.mark.parametrize("argv", [["ls", "-1", "w"], ["ls", "-ln", "--time-style=full-iso", "w"],
                                  ["ls", "-AR", "w"], ["du", "-a", "w"], ["find", "w", "-type", "l"]])
def test_100000_entries_same_as_gnu(run, wide, argv):
    ours = run(*argv, cwd=wide, timeout=120, env={"TZ": "UTC"})
    p = subprocess.run(["/usr/bin/" + argv[0]] + argv[1:], capture_output=True, cwd=wide,
                       env=child_env({"TZ": "UTC"}))
    if argv[0] == "find":  # (readdir order: the same for both, but compare as sets to be safe)
        assert sorted(ours.out.splitlines()) == sorted(p.stdout.splitlines())
        assert (ours.err, ours.status) == (p.stderr, p.returncode)
        return
    assert _digest(tuple(ours)) == _digest((p.stdout, p.stderr, p.returncode))


def test_100000_entries_rm_r(run, wide):
    """(Last in this file: it removes the tree the tests above share.)"""
    assert tuple(run("rm", "-r", "w", cwd=wide, timeout=120)) == (b"", b"", 0)
    assert os.listdir(wide) == []
