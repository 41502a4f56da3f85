"""test and [: POSIX's argument-count rules, GNU's precedence, every file,
string and integer primary, -l, the messages and statuses, `[`'s closing
bracket and options, and differential tests against GNU."""
import os
import socket
import stat
import subprocess

import pytest
from hypothesis import given, settings, strategies as st

from conftest import child_env


@pytest.fixture
def tree(tmp_path):
    """Every kind of file the primaries tell apart."""
    d = tmp_path
    (d / "empty").write_bytes(b"")
    (d / "full").write_bytes(b"data\n")
    (d / "dir").mkdir()
    os.symlink("full", str(d / "link"))
    os.symlink("nowhere", str(d / "dangling"))
    os.mkfifo(str(d / "fifo"))
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(d / "sock"))
    s.close()
    (d / "exe").write_bytes(b"#!/bin/sh\n")
    os.chmod(str(d / "exe"), 0o755)
    (d / "suid").write_bytes(b"")
    os.chmod(str(d / "suid"), 0o4644)
    (d / "sgid").write_bytes(b"")
    os.chmod(str(d / "sgid"), 0o2644)
    (d / "sticky").mkdir()
    os.chmod(str(d / "sticky"), 0o1777)
    (d / b"\xff\xfe".decode("utf-8", "surrogateescape")).write_bytes(b"x")
    return str(d)


def status(inproc, *args):
    r = inproc("test", *args)
    assert r.out == b""
    return r.status, r.err


# -- argument counts ---------------------------------------------------------------

@pytest.mark.parametrize("args, expected", [
    ([], 1),
    ([""], 1), (["x"], 0), (["-n"], 0), (["-z"], 0), (["!"], 0), (["("], 0), (["-a"], 0),
    (["--help"], 0), (["--version"], 0),
    (["!", ""], 0), (["!", "x"], 1), (["-n", ""], 1), (["-n", "x"], 0), (["-z", ""], 0), (["-z", "x"], 1),
    (["a", "=", "a"], 0), (["a", "=", "b"], 1), (["a", "==", "a"], 0), (["a", "!=", "a"], 1),
    (["!", "-z", "x"], 0), (["(", "x", ")"], 0), (["(", "", ")"], 1),
    (["x", "-a", ""], 1), (["x", "-o", ""], 0), (["=", "=", "="], 0),
    (["!", "a", "=", "b"], 0), (["(", "-n", "x", ")"], 0), (["(", "-z", "x", ")"], 1),
    (["!", "(", "x", ")"], 1), (["x", "-a", "y", "-o", ""], 0), (["", "-a", "y", "-o", ""], 1),
    (["", "-o", "y", "-a", "z"], 0),  # -a binds tighter than -o
    (["!", "", "-a", "x"], 0), (["(", "", "-o", "x", ")", "-a", "x"], 0),
    (["!", "!", "x"], 0), (["!", "!", "!", "x"], 1),
    (["(", "!", ")"], 0),
])
def test_counts_and_precedence(inproc, args, expected):
    assert status(inproc, *args) == (expected, b"")


@pytest.mark.parametrize("args, message", [
    (["-q", "x"], b"test: '-q': unary operator expected\n"),
    (["-n", "-a", "-n"], b"test: extra argument '-n'\n"),  # -n takes -a as its operand
    (["(", "(", "x", ")", ")"], b"test: missing argument after ')'\n"),
    (["-a", "x"], b"test: '-a': unary operator expected\n"),
    (["-o", "x"], b"test: '-o': unary operator expected\n"),
    (["a", "b", "c"], b"test: 'b': binary operator expected\n"),
    (["a", "b", "c", "d", "e"], b"test: extra argument 'b'\n"),
    (["!", "a", "b"], b"test: missing argument after 'b'\n"),
    (["x", "-nt"], b"test: missing argument after '-nt'\n"),
    (["a", "-a"], b"test: missing argument after '-a'\n"),
    (["(", "a", "b", "c", "d"], b"test: ')' expected, found 'b'\n"),
    (["(", "a", "-a", "b"], b"test: ')' expected\n"),
    (["1", "-eq", "x"], b"test: invalid integer 'x'\n"),
    (["1x", "-lt", "1"], b"test: invalid integer '1x'\n"),
    (["1", "-eq", ""], b"test: invalid integer ''\n"),
    (["+-1", "-eq", "1"], b"test: invalid integer '+-1'\n"),
    (["abc", "-eq", "-l", "abc"], b"test: invalid integer 'abc'\n"),
    (["-l", "a", "-nt", "b"], b"test: -nt does not accept -l\n"),
    (["a", "-ot", "-l", "b"], b"test: -ot does not accept -l\n"),
    (["-l", "a", "-ef", "b", "c"], b"test: -ef does not accept -l\n"),
    (["-t", "x"], b"test: invalid integer 'x'\n"),
])
def test_syntax_errors(inproc, args, message):
    assert status(inproc, *args) == (2, message)


def test_every_operand_is_evaluated(inproc):
    # no short circuit: the error on the right is reported
    assert status(inproc, "", "-a", "1", "-eq", "x") == (2, b"test: invalid integer 'x'\n")
    assert status(inproc, "x", "-o", "1", "-eq", "x") == (2, b"test: invalid integer 'x'\n")


def test_utf8_quotes(inproc):
    r = inproc("test", "1", "-eq", "x", env={"LC_ALL": "C.UTF-8"})
    assert (r.status, r.err) == (2, "test: invalid integer \u2018x\u2019\n".encode())


# -- integers ------------------------------------------------------------------------

@pytest.mark.parametrize("a, op, b, expected", [
    ("1", "-eq", "1", 0), ("1", "-eq", "2", 1), ("1", "-ne", "2", 0), ("1", "-lt", "2", 0),
    ("2", "-lt", "1", 1), ("1", "-le", "1", 0), ("2", "-gt", "1", 0), ("1", "-ge", "2", 1),
    (" 1", "-eq", "1 ", 0), ("\t-1", "-lt", "0", 0), ("+4", "-eq", "4", 0), ("007", "-eq", "7", 0),
    ("-0", "-eq", "0", 0),
    ("99999999999999999999999999", "-gt", "99999999999999999999999998", 0),
    ("-99999999999999999999999999", "-lt", "-9999999999999999999999999", 0),
])
def test_integers(inproc, a, op, b, expected):
    assert status(inproc, a, op, b) == (expected, b"")


def test_length_operand(inproc):
    assert status(inproc, "-l", "abc", "-eq", "3") == (0, b"")
    assert status(inproc, "3", "-eq", "-l", "abc") == (0, b"")
    assert status(inproc, "-l", "", "-eq", "-l", "") == (0, b"")
    assert status(inproc, "-l", "\u00e9", "-eq", "2") == (0, b"")  # bytes, as GNU's strlen
    assert status(inproc, "-l", "abc", "=", "abc") == (0, b"")  # -l is skipped for strings
    assert status(inproc, "-l") == (0, b"")  # one argument: a string


def test_string_order(inproc):
    # pybox's extension (POSIX.1-2024, BusyBox, shells): GNU 9.1 lacks < and >
    assert status(inproc, "a", "<", "b") == (0, b"")
    assert status(inproc, "b", "<", "a") == (1, b"")
    assert status(inproc, "b", ">", "a") == (0, b"")
    assert status(inproc, "B", ">", "a") == (1, b"")
    assert status(inproc, "!", "a", ">", "b") == (0, b"")


# -- files ---------------------------------------------------------------------------

@pytest.mark.parametrize("op, name, expected", [
    ("-e", "full", 0), ("-e", "nope", 1), ("-e", "link", 0), ("-e", "dangling", 1), ("-e", "", 1),
    ("-f", "full", 0), ("-f", "dir", 1), ("-f", "link", 0), ("-f", "fifo", 1),
    ("-d", "dir", 0), ("-d", "full", 1),
    ("-h", "link", 0), ("-L", "link", 0), ("-h", "dangling", 0), ("-h", "full", 1), ("-L", "nope", 1),
    ("-p", "fifo", 0), ("-p", "full", 1), ("-S", "sock", 0), ("-S", "full", 1),
    ("-s", "full", 0), ("-s", "empty", 1), ("-s", "nope", 1),
    ("-u", "suid", 0), ("-u", "full", 1), ("-g", "sgid", 0), ("-g", "full", 1),
    ("-k", "sticky", 0), ("-k", "dir", 1),
    ("-x", "exe", 0), ("-x", "dir", 0), ("-x", "nope", 1),
    ("-r", "full", 0), ("-r", "nope", 1), ("-w", "full", 0), ("-w", "nope", 1),
    ("-O", "full", 0), ("-G", "full", 0), ("-O", "nope", 1),
    ("-f", "\udcff\udcfe", 0),
])
def test_file_primaries(inproc, tree, op, name, expected):
    path = os.path.join(tree, name) if name else ""
    assert status(inproc, op, path) == (expected, b"")


def test_devices(inproc):
    assert status(inproc, "-c", "/dev/null") == (0, b"")
    assert status(inproc, "-b", "/dev/null") == (1, b"")
    blocks = [os.path.join("/dev", n) for n in os.listdir("/dev")
              if stat.S_ISBLK(os.lstat(os.path.join("/dev", n)).st_mode)]
    if blocks:
        assert status(inproc, "-b", blocks[0]) == (0, b"")


def test_execute_bit_for_root(inproc, tree):
    # root may read and write anything, but executes only what has an x bit
    assert status(inproc, "-x", os.path.join(tree, "full")) == (1, b"")


def test_owner_differs(inproc, tree):
    if os.geteuid() != 0:
        pytest.skip("needs root to give a file away")
    p = os.path.join(tree, "full")
    os.chown(p, 12345, 54321)
    assert status(inproc, "-O", p) == (1, b"")
    assert status(inproc, "-G", p) == (1, b"")


def test_modified_since_read(inproc, tree):
    p = os.path.join(tree, "full")
    os.utime(p, ns=(1_000_000_000, 2_000_000_000))
    assert status(inproc, "-N", p) == (0, b"")
    os.utime(p, ns=(3_000_000_000, 2_000_000_000))
    assert status(inproc, "-N", p) == (1, b"")


def test_times_and_identity(inproc, tree):
    a, b = os.path.join(tree, "full"), os.path.join(tree, "empty")
    os.utime(a, ns=(0, 2_000_000_001))
    os.utime(b, ns=(0, 2_000_000_000))
    missing = os.path.join(tree, "nope")
    assert status(inproc, a, "-nt", b) == (0, b"")
    assert status(inproc, b, "-nt", a) == (1, b"")
    assert status(inproc, b, "-ot", a) == (0, b"")
    assert status(inproc, a, "-nt", missing) == (0, b"")
    assert status(inproc, missing, "-nt", a) == (1, b"")
    assert status(inproc, missing, "-ot", a) == (0, b"")
    assert status(inproc, a, "-ot", missing) == (1, b"")
    assert status(inproc, a, "-ef", os.path.join(tree, "link")) == (0, b"")
    assert status(inproc, a, "-ef", b) == (1, b"")
    assert status(inproc, missing, "-ef", missing) == (1, b"")


def test_terminal(inproc):
    assert status(inproc, "-t", "0") == (1, b"")  # a temporary file
    assert status(inproc, "-t", "-1") == (1, b"")
    assert status(inproc, "-t", "99999999999999999999") == (1, b"")
    assert status(inproc, "-t") == (0, b"")  # one argument: a string
    master, slave = os.openpty()
    try:
        p = subprocess.run([os.path.join(os.path.dirname(__file__), "..", "..", "..", "bin", "pybox"),
                            "test", "-t", "0"], stdin=slave, env=child_env())
        assert p.returncode == 0
    finally:
        os.close(master)
        os.close(slave)


# -- [ ---------------------------------------------------------------------------------

def test_bracket(run, via):
    assert tuple(run("[", "x", "]", via=via)) == (b"", b"", 0)
    assert tuple(run("[", "]", via=via)) == (b"", b"", 1)
    assert tuple(run("[", "a", "=", "b", "]", via=via)) == (b"", b"", 1)
    assert tuple(run("[", "x", via=via)) == (b"", b"[: missing ']'\n", 2)
    assert tuple(run("[", via=via)) == (b"", b"[: missing ']'\n", 2)
    assert tuple(run("[", "1", "-eq", "x", "]")) == (b"", b"[: invalid integer 'x'\n", 2)


def test_bracket_options(run):
    r = run("[", "--help")
    assert r.status == 0 and r.out.startswith(b"Usage: test EXPRESSION\n  or:  test\n  or:  [ EXPRESSION ]")
    assert b"-ef" in r.out and r.err == b""
    r = run("[", "--version")
    assert r.status == 0 and r.out.startswith(b"[ (pybox) ")
    assert tuple(run("[", "--help", "]")) == (b"", b"", 0)
    assert tuple(run("[", "--help", "x")) == (b"", b"[: missing ']'\n", 2)
    assert tuple(run("test", "--help")) == (b"", b"", 0)
    assert tuple(run("test", "--version")) == (b"", b"", 0)


def test_deep_nesting_is_not_a_traceback(inproc):
    r = inproc("test", *(["("] * 3000 + ["x"] + [")"] * 3000))
    assert r.status in (0, 2) and b"Traceback" not in r.err


# -- against GNU -----------------------------------------------------------------------

VOCAB = ["!", "(", ")", "-a", "-o", "=", "!=", "==", "-eq", "-ne", "-lt", "-le", "-gt", "-ge",
         "-nt", "-ot", "-ef", "-l", "-n", "-z", "-f", "-d", "-e", "-h", "-L", "-s", "-x", "-r",
         "-w", "-p", "-S", "-t", "-N", "-q", "", "a", "1", " 2", "-3", "+4", "007", "]", "--help",
         "full", "empty", "dir", "link", "dangling", "nope", "fifo"]


def gnu_test(gnu, name):
    """GNU's test or [: `test --version` prints nothing (it is a string to
    test), so GNU is recognized by its `[` beside it."""
    path = os.path.join(os.path.dirname(gnu("[")), name)
    if not os.access(path, os.X_OK):
        pytest.skip("GNU %s is not installed" % name)
    return path


@pytest.mark.parametrize("name", ["test", "["])
def test_against_gnu(inproc, gnu, tree, name):
    path = gnu_test(gnu, name)
    env = child_env()

    @settings(max_examples=100)
    @given(st.lists(st.sampled_from(VOCAB), max_size=7), st.booleans())
    def check(args, close):
        args = [os.path.join(tree, a) if a in ("full", "empty", "dir", "link", "dangling", "nope", "fifo")
                else a for a in args]
        if name == "[" and close:
            args = args + ["]"]
        if name == "[" and args in (["--help"], ["--version"]):
            return  # (the help and version texts are pybox's)
        g = subprocess.run([name] + args, executable=path, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=env, stdin=subprocess.DEVNULL)
        p = inproc(name, *args)
        assert (p.status, p.err, p.out) == (g.returncode, g.stderr, g.stdout), args
    check()


def test_against_gnu_utf8(run, gnu):
    path = gnu_test(gnu, "test")
    for args in (["1", "-eq", "é"], ["-q", "x"], ["(", "a", "b", "c", "d"], ["x", "y", "z"]):
        env = child_env({"LC_ALL": "C.UTF-8"})
        g = subprocess.run(["test"] + args, executable=path, capture_output=True, env=env)
        p = run("test", *args, env={"LC_ALL": "C.UTF-8"})
        assert (p.status, p.err) == (g.returncode, g.stderr)
