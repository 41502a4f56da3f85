"""sync: no operand, files (fsync), -d (fdatasync), -f (syncfs), errors."""
import os

import pytest

from _fstree import both


def test_plain(run):
    assert tuple(run("sync")) == (b"", b"", 0)
    assert tuple(run("sync", "-f")) == (b"", b"", 0)


def test_files(run, tmp_path):
    (tmp_path / "f").write_bytes(b"x")
    for args in ([], ["-d"], ["--data"], ["-f"], ["--file-system"]):
        assert tuple(run("sync", *args, "f", ".", cwd=str(tmp_path))) == (b"", b"", 0)


def test_errors(run, tmp_path):
    assert tuple(run("sync", "-d")) == (b"", b"sync: --data needs at least one argument\n", 1)
    assert tuple(run("sync", "-df", "x")) == (b"", b"sync: cannot specify both --data and --file-system\n", 1)
    r = run("sync", "nope", "/dev/null", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"sync: error opening 'nope': No such file or directory\n"
                        b"sync: error syncing '/dev/null': Invalid argument\n", 1)
    os.mkfifo(str(tmp_path / "p"))
    r = run("sync", "p", cwd=str(tmp_path))  # O_NONBLOCK: a FIFO does not hang
    assert tuple(r) == (b"", b"sync: error syncing 'p': Invalid argument\n", 1)
    r = run("sync", b"\xff", cwd=str(tmp_path))
    assert r.err == b"sync: error opening ''$'\\377': No such file or directory\n"


def test_write_only_file(run, tmp_path):
    """A file that cannot be read is opened for writing instead."""
    if os.geteuid() == 0:
        pytest.skip("root can read everything")
    (tmp_path / "w").write_bytes(b"")
    os.chmod(str(tmp_path / "w"), 0o200)
    assert tuple(run("sync", "w", cwd=str(tmp_path))) == (b"", b"", 0)


@pytest.mark.parametrize("args", [["-d"], ["-df", "f"], ["nope", "f"], ["-f", "f", "nope"], ["/dev/null"],
                                  ["--data", "f"]])
def test_same_as_gnu(run, run_gnu, tmp_path, args):
    both(run, run_gnu, tmp_path, {"f": b"x"}, "sync", *args)


@pytest.mark.parametrize("args", [['loop1']])
def test_symlink_loop_same_as_gnu(run, run_gnu, tmp_path, args):
    """A loop of symbolic links (ELOOP) on the way, as GNU reports it."""
    tree = {"loop1": ("link", "loop2"), "loop2": ("link", "loop1"), "f": b"x"}
    both(run, run_gnu, tmp_path, tree, "sync", *args)
