"""which: first match and -a, names with a slash, empty PATH entries, unset
and empty PATH, the statuses and Debian's option errors, and differential
tests against Debian's which script."""
import os
import subprocess

import pytest

from conftest import PYBOX, child_env

DEBIAN_WHICH = "/usr/bin/which"


@pytest.fixture
def d(tmp_path):
    for sub in ("d1", "d2", "d1/dirx"):
        (tmp_path / sub).mkdir()
    for f in ("d1/prog", "d2/prog", "prog", "d2/only2"):
        (tmp_path / f).write_bytes(b"#!/bin/sh\n")
        os.chmod(str(tmp_path / f), 0o755)
    (tmp_path / "d2" / "noexec").write_bytes(b"")
    os.chmod(str(tmp_path / "d1" / "dirx"), 0o755)
    (tmp_path / "d1" / b"\xff".decode("utf-8", "surrogateescape")).write_bytes(b"")
    os.chmod(str(tmp_path / "d1" / b"\xff".decode("utf-8", "surrogateescape")), 0o755)
    return tmp_path


def which(d, path, *args):
    """Run pybox's which in d with PATH=path (None: unset)."""
    env = child_env({"PATH": path})
    argv = [os.path.dirname(os.path.realpath(PYBOX)) + "/pybox", "which"] + list(args)
    import sys
    p = subprocess.run([sys.executable, "-I", "-S"] + argv, cwd=str(d), capture_output=True, env=env)
    return p.stdout, p.stderr, p.returncode


def test_first_and_all(d):
    assert which(d, "d1:d2", "prog") == (b"d1/prog\n", b"", 0)
    assert which(d, "d1:d2", "-a", "prog") == (b"d1/prog\nd2/prog\n", b"", 0)
    assert which(d, "d1:d2", "-aa", "prog", "only2") == (b"d1/prog\nd2/prog\nd2/only2\n", b"", 0)
    assert which(d, "d1:d2", "-a", "--", "prog") == (b"d1/prog\nd2/prog\n", b"", 0)
    assert which(d, "d1:d2", "\udcff") == (b"d1/\xff\n", b"", 0)


def test_not_found(d):
    assert which(d, "d1:d2", "noexec") == (b"", b"", 1)  # not executable
    assert which(d, "d1:d2", "dirx") == (b"", b"", 1)  # a directory
    assert which(d, "d1:d2", "prog", "nope") == (b"d1/prog\n", b"", 1)
    assert which(d, "d1:d2", "") == (b"", b"", 1)
    assert which(d, "d1:d2") == (b"", b"", 1)  # no names at all
    assert which(d, "d1:d2", "-a") == (b"", b"", 1)


def test_slash_names(d):
    assert which(d, "d2", "./prog") == (b"./prog\n", b"", 0)
    assert which(d, "d2", "d1/prog") == (b"d1/prog\n", b"", 0)
    assert which(d, "d2", "d2/noexec") == (b"", b"", 1)
    assert which(d, "d2", "d1/dirx") == (b"", b"", 1)


@pytest.mark.parametrize("path, out", [
    (":d2", b"./prog\nd2/prog\n"), ("d2:", b"d2/prog\n./prog\n"), ("d2::d1", b"d2/prog\n./prog\nd1/prog\n"),
    ("::", b"./prog\n./prog\n"), (":", b"./prog\n"), ("", b""), ("d1/", b"d1//prog\n"),
])
def test_path_entries(d, path, out):
    assert which(d, path, "-a", "prog") == (out, b"", 0 if out else 1)


def test_unset_path_uses_default(d):
    r = which(d, None, "sh")
    assert r[2] == 0 and r[0].endswith(b"/sh\n") and r[0].startswith(b"/")


def test_bad_option(d):
    assert which(d, "d1", "-x", "prog") == (b"Usage: which [-a] args\n", b"Illegal option -x\n", 2)
    assert which(d, "d1", "-ax") == (b"Usage: which [-a] args\n", b"Illegal option -x\n", 2)
    assert which(d, "d1", "--bogus") == (b"Usage: which [-a] args\n", b"Illegal option --\n", 2)
    assert which(d, "d1", "prog", "-x") == (b"d1/prog\n", b"", 1)  # options end at the first name


def test_help(run):
    r = run("which", "--help")
    assert r.status == 0 and r.out.startswith(b"Usage: which [-a] COMMAND...\n")


@pytest.mark.parametrize("path", ["d1:d2", "d1:d2:", ":d1", "d1::d2", "::", ":", "", "d1/", "/nonexist:d2"])
def test_against_debian(d, path):
    if not os.path.exists(DEBIAN_WHICH) or b"getopts" not in open(DEBIAN_WHICH, "rb").read():
        pytest.skip("Debian's which is not installed")
    for args in (["prog"], ["-a", "prog"], ["-a", "prog", "noexec"], ["noexec"], ["dirx"], ["./prog"],
                 ["d1/prog"], ["-a", "--", "prog"], ["-x"], ["-ax", "prog"], [], ["-", "prog"], ["prog", "-a"],
                 ["-a"], ["d2/noexec"], [""], ["-aa", "prog", "prog", "only2"]):
        env = child_env({"PATH": path})
        g = subprocess.run(["/bin/sh", DEBIAN_WHICH] + args, cwd=str(d), capture_output=True, env=env)
        out = g.stdout.replace(DEBIAN_WHICH.encode(), b"which")
        assert which(d, path, *args) == (out, g.stderr, g.returncode), args
