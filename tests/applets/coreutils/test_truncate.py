"""truncate: absolute and relative sizes (+ - < > / %), suffixes, -c, -o,
-r (alone and with a relative size), sparse extension, errors, non-UTF-8
names, and GNU differential tests (hypothesis-generated sizes)."""
import os

import pytest
from hypothesis import given, settings, strategies as st

from _fstree import both, build

TREE = {"f": b"12345", "d": {}, "big": b"x" * 10000}


def size(p):
    return os.stat(p).st_size


@pytest.mark.parametrize("spec, expected", [
    ("10", 10), ("+5", 10), ("-3", 2), ("-100", 0), ("<3", 3), ("<9", 5), (">20", 20), (">2", 5),
    ("/2", 4), ("%4", 8), ("%5", 5), ("/5", 5), ("1K", 1024), ("1KB", 1000), ("1KiB", 1024), ("2m", 2 << 20),
    (" 7", 7), ("< 3", 3), ("K", 1024), ("010", 10), ("0", 0), ("+0", 5), ("1g", 1 << 30),
])
def test_sizes(run, tmp_path, spec, expected):
    build(tmp_path, TREE)
    assert tuple(run("truncate", "-s", spec, "f", cwd=str(tmp_path))) == (b"", b"", 0)
    assert size(tmp_path / "f") == expected
    with open(tmp_path / "f", "rb") as f:
        head = f.read(64)
    assert head == (b"12345" + b"\0" * 64)[:min(expected, 64)]


def test_extension_is_sparse(run, tmp_path):
    assert run("truncate", "-s", "1G", "sparse", cwd=str(tmp_path)).status == 0
    st = os.stat(tmp_path / "sparse")
    assert st.st_size == 1 << 30 and st.st_blocks * 512 < 1 << 20


@pytest.mark.parametrize("spec, msg", [
    ("x", "Invalid number: 'x'"), ("1Q", "Invalid number: '1Q'"), ("1b", "Invalid number: '1b'"),
    ("+ 5", "Invalid number: '+ 5'"), ("+-5", "Invalid number: '+-5'"), ("0x10", "Invalid number: '0x10'"),
    ("1.5", "Invalid number: '1.5'"), ("/0", "division by zero"), ("%0", "division by zero"),
    ("9223372036854775808", "Invalid number: '9223372036854775808': Value too large for defined data type"),
    ("<", "Invalid number: ''"), ("< x", "Invalid number: 'x'"), (" +x", "Invalid number: '+x'"),
])
def test_bad_sizes(run, tmp_path, spec, msg):
    build(tmp_path, TREE)
    r = run("truncate", "-s", spec, "f", cwd=str(tmp_path))
    assert tuple(r) == (b"", ("truncate: %s\n" % msg).encode(), 1)
    assert size(tmp_path / "f") == 5


def test_usage_errors(run, tmp_path):
    h = b"Try 'truncate --help' for more information.\n"
    assert tuple(run("truncate", "f", cwd=str(tmp_path))) == (
        b"", b"truncate: you must specify either '--size' or '--reference'\n" + h, 1)
    assert tuple(run("truncate", "-s", "1", cwd=str(tmp_path))) == (b"", b"truncate: missing file operand\n" + h, 1)
    assert tuple(run("truncate", "-o", "-r", "f", "g", cwd=str(tmp_path))) == (
        b"", b"truncate: '--io-blocks' was specified but '--size' was not\n" + h, 1)
    assert tuple(run("truncate", "-r", "f", "-s", "1", "g", cwd=str(tmp_path))) == (
        b"", b"truncate: you must specify a relative '--size' with '--reference'\n" + h, 1)
    assert tuple(run("truncate", "-s", "<+5", "g", cwd=str(tmp_path))) == (
        b"", b"truncate: multiple relative modifiers specified\n" + h, 1)


def test_no_create_and_open_errors(run, tmp_path):
    build(tmp_path, TREE)
    assert tuple(run("truncate", "-c", "-s", "1", "nope", cwd=str(tmp_path))) == (b"", b"", 0)
    assert not os.path.exists(tmp_path / "nope")
    r = run("truncate", "--no-create", "-s", "1", "d", "nod/x", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"truncate: cannot open 'd' for writing: Is a directory\n", 1)
    assert size(tmp_path / "f") == 1


def test_reference_and_blocks(run, tmp_path):
    build(tmp_path, TREE)
    assert run("truncate", "-r", "big", "g", cwd=str(tmp_path)).status == 0
    assert size(tmp_path / "g") == 10000
    assert run("truncate", "--reference=big", "-s", "+1", "f", cwd=str(tmp_path)).status == 0
    assert size(tmp_path / "f") == 10001
    r = run("truncate", "-r", "nope", "g", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"truncate: cannot stat 'nope': No such file or directory\n", 1)
    blk = os.stat(tmp_path / "f").st_blksize
    assert run("truncate", "-o", "-s", "2", "f", cwd=str(tmp_path)).status == 0
    assert size(tmp_path / "f") == 2 * blk


def test_device(run):
    r = run("truncate", "-s", "5", "/dev/null")
    assert tuple(r) == (b"", b"truncate: failed to truncate '/dev/null' at 5 bytes: Invalid argument\n", 1)


def test_non_utf8(run, tmp_path):
    r = run("truncate", "-s", "3", b"\xff", b"no/\xfe", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"truncate: cannot open 'no/'$'\\376' for writing: No such file or directory\n", 1)
    assert os.path.getsize(os.fsencode(str(tmp_path)) + b"/\xff") == 3


@pytest.mark.parametrize("args", [
    ["-s", "10", "f", "new"], ["-s", "-3", "f"], ["-s", "1E", "f"], ["-s", "9223372036854775807", "f"],
    ["-s", "+9223372036854775807", "big"], ["-o", "-s", "2", "f"], ["-r", "big", "-s", "/3", "f"],
    ["-s", "1KD", "f"], ["-s", "1Kb", "f"], ["-s", "-K", "f"], ["-s", ">-5", "f"], ["-s", "1", "-s", "2", "f"],
    ["--size=-9223372036854775808", "f"], ["-r", "/dev/null", "-s", "+3", "g"], ["-cs", "1", "nope", "d"],
    ["-s", "%3", "big"], ["-r", "d", "f"],
])
def test_same_as_gnu(run, run_gnu, tmp_path, args):
    both(run, run_gnu, tmp_path, TREE, "truncate", *args)


def test_same_as_gnu_utf8(run, run_gnu, tmp_path):
    both(run, run_gnu, tmp_path, TREE, "truncate", "-s", "x", "f", env={"LC_ALL": "C.UTF-8"})
    both(run, run_gnu, tmp_path, TREE, "truncate", "f", env={"LC_ALL": "C.UTF-8"})


@settings(max_examples=40)
@given(prefix=st.sampled_from(["", "+", "-", "<", ">", "/", "%", " ", "<-"]),
       num=st.integers(0, 5000) | st.just(""), suffix=st.sampled_from(["", "K", "KB", "k", "b", "iB", "M"]))
def test_generated_sizes_same_as_gnu(run_gnu, inproc, tmp_path_factory, prefix, num, suffix):
    spec = "%s%s%s" % (prefix, num, suffix)
    tmp = tmp_path_factory.mktemp("t")
    for who in ("g", "p"):
        build(tmp / who, {"f": b"x" * 777})
    expected = run_gnu("truncate", "-s", spec, "f", cwd=str(tmp / "g"))
    cwd = os.getcwd()
    os.chdir(str(tmp / "p"))
    try:
        got = inproc("truncate", "-s", spec, "f")
    finally:
        os.chdir(cwd)
    assert got == expected
    assert size(tmp / "p" / "f") == size(tmp / "g" / "f")


@pytest.mark.parametrize("args", [['-s', '0', 'loop1'], ['-r', 'loop1', 'f'], ['-c', '-s', '1', 'loop2/x']])
def test_symlink_loop_same_as_gnu(run, run_gnu, tmp_path, args):
    """A loop of symbolic links (ELOOP) on the way, as GNU reports it."""
    tree = {"loop1": ("link", "loop2"), "loop2": ("link", "loop1"), "f": b"x"}
    both(run, run_gnu, tmp_path, tree, "truncate", *args)
