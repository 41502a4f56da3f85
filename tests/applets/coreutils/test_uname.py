"""uname: each field, the fixed order, -a leaving out unknown -p and -i,
long options, errors, and differential tests against GNU."""
import os

import pytest

TRY = b"Try 'uname --help' for more information.\n"
U = os.uname()


@pytest.mark.parametrize("opt, value", [
    ("-s", U.sysname), ("--kernel-name", U.sysname), ("-n", U.nodename), ("--nodename", U.nodename),
    ("-r", U.release), ("--kernel-release", U.release), ("-v", U.version), ("--kernel-version", U.version),
    ("-m", U.machine), ("--machine", U.machine), ("-p", "unknown"), ("--processor", "unknown"),
    ("-i", "unknown"), ("--hardware-platform", "unknown"), ("-o", "GNU/Linux"), ("--operating-system", "GNU/Linux"),
])
def test_fields(run, opt, value):
    assert tuple(run("uname", opt)) == (value.encode() + b"\n", b"", 0)


def test_default_and_all(run, via):
    assert tuple(run("uname", via=via)) == (U.sysname.encode() + b"\n", b"", 0)
    everything = " ".join((U.sysname, U.nodename, U.release, U.version, U.machine, "GNU/Linux"))
    assert tuple(run("uname", "-a")) == (everything.encode() + b"\n", b"", 0)
    assert tuple(run("uname", "--all", "-p", "-i")) == (everything.encode() + b"\n", b"", 0)


def test_order_is_fixed(run):
    assert run("uname", "-o", "-m", "-s").out == ("%s %s GNU/Linux\n" % (U.sysname, U.machine)).encode()
    assert run("uname", "-ip").out == b"unknown unknown\n"


def test_errors(run):
    assert tuple(run("uname", "x")) == (b"", b"uname: extra operand 'x'\n" + TRY, 1)
    assert tuple(run("uname", "-q")) == (b"", b"uname: invalid option -- 'q'\n" + TRY, 1)


@pytest.mark.parametrize("args", [[], ["-a"], ["-snrvmpio"], ["-ap"], ["-o", "-s"], ["--kernel-n"], ["--pro"],
                                  ["-i"], ["x"], ["-q"], ["--all", "--machine"]])
@pytest.mark.parametrize("lc", ["C", "C.UTF-8"])
def test_against_gnu(same_as_gnu, args, lc):
    same_as_gnu("uname", *args, env={"LC_ALL": lc})
