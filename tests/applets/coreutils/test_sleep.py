"""sleep and usleep: durations (suffixes, fractions, hex floats, sums,
infinity), GNU's messages, and the time actually slept."""
import os
import subprocess
import time

import pytest

from conftest import child_env


def timed(run, *args, **kw):
    t = time.monotonic()
    r = run(*args, **kw)
    return r, time.monotonic() - t


@pytest.mark.parametrize("args", [["0"], ["0s"], ["0m"], ["0h"], ["0d"], ["0x0"], [".0"], ["0."],
                                  ["1e-9"], ["0x1p-30"], ["+0"], [" 0"], ["0", "0", "0.0"],
                                  ["1e-1000"], ["--", "-0.0"], ["0X0P0s"]])
def test_valid_zero_durations(inproc, args):
    assert tuple(inproc("sleep", *args)) == (b"", b"", 0)


def test_sleeps_the_sum(run):
    r, took = timed(run, "sleep", "0.1", "0.1s", "0.001m", "0x0.2p-2")
    assert tuple(r) == (b"", b"", 0)
    # 0.1 + 0.1 + 0.06 + 0.03125 s: a bound above the sum fails whenever
    # the child starts quickly
    assert 0.29125 <= took < 3


def test_hex_and_suffix_values():
    from multicall.numbers import duration, strtod
    assert duration("1m") == 60
    assert duration("1.5h") == 5400
    assert duration("2d") == 172800
    assert duration("0x10") == 16
    assert duration("0x1p4") == 16
    assert duration("0x.8") == 0.5
    assert duration("1e2s") == 100
    assert duration("inf") == float("inf")
    assert duration("INFINITY") == float("inf")
    assert duration("1e1000") == float("inf")
    for bad in ("", "x", "1x", "1ss", "1 ", "1,5", "nan", "-1", "0x", "1e", ".", "nan(1)", "s", "inf s"):
        assert duration(bad) is None, bad
    assert strtod("12abc") == (12.0, 2)
    assert strtod("  -1.5e3x") == (-1500.0, 8)


@pytest.mark.parametrize("arg", ["x", "1x", "1ss", "", "nan", "1,5", "0x", "1e", "1 2"])
def test_invalid_interval(run, arg):
    r = run("sleep", "--", arg)
    assert r.status == 1 and r.out == b""
    assert r.err == b"sleep: invalid time interval '%s'\nTry 'sleep --help' for more information.\n" % arg.encode()


def test_every_bad_argument_is_reported_once_then_usage(run):
    r = run("sleep", "x", "y", "1")
    assert (r.out, r.status) == (b"", 1)
    assert r.err == (b"sleep: invalid time interval 'x'\nsleep: invalid time interval 'y'\n"
                     b"Try 'sleep --help' for more information.\n")


def test_utf8_quotes(run):
    r = run("sleep", "x", env={"LC_ALL": "C.UTF-8"})
    assert r.err.startswith("sleep: invalid time interval \u2018x\u2019\n".encode())


@pytest.mark.parametrize("args, err", [
    ([], b"sleep: missing operand\n"),
    (["-1"], b"sleep: invalid option -- '1'\n"),
    (["--x"], b"sleep: unrecognized option '--x'\n"),
])
def test_usage_errors(run, args, err):
    r = run("sleep", *args)
    assert (r.out, r.status) == (b"", 1)
    assert r.err == err + b"Try 'sleep --help' for more information.\n"


def test_help_and_version(run):
    r = run("sleep", "--help")
    assert r.status == 0 and b"Usage: sleep NUMBER[SUFFIX]..." in r.out
    assert run("sleep", "--version").status == 0


@pytest.mark.parametrize("arg", ["infinity", "inf", "1d", "1e1000"])
def test_long_sleeps_are_really_long(bindir, arg):
    p = subprocess.Popen([os.path.join(bindir, "sleep"), arg], env=child_env(),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    with pytest.raises(subprocess.TimeoutExpired):
        p.wait(timeout=0.3)
    p.kill()
    p.wait()
    assert p.stderr.read() == b""
    p.stdout.close()
    p.stderr.close()


def test_sleep_dies_of_signals(bindir):
    p = subprocess.Popen([os.path.join(bindir, "sleep"), "10"], env=child_env())
    time.sleep(0.2)
    p.terminate()
    assert p.wait(timeout=5) == -15


@pytest.mark.parametrize("arg", ["0.1", "0.2s", "0x0.1p-3"])
def test_same_as_gnu_when_valid(run, run_gnu, arg):
    assert tuple(run("sleep", arg)) == tuple(run_gnu("sleep", arg))


@pytest.mark.parametrize("arg", ["x", "1y", "nan", "", "1e"])
def test_same_as_gnu_when_invalid(run, run_gnu, arg):
    assert tuple(run("sleep", "--", arg)) == tuple(run_gnu("sleep", "--", arg))


# -- usleep -------------------------------------------------------------------------

def test_usleep(run):
    r, took = timed(run, "usleep", "200000")
    assert tuple(r) == (b"", b"", 0)
    assert 0.2 <= took < 3
    assert tuple(run("usleep", "0")) == (b"", b"", 0)


@pytest.mark.parametrize("arg", ["x", "1.5", " 5", "+5", "4294967296", "99999999999999999999"])
def test_usleep_invalid(run, arg):
    r = run("usleep", "--", arg)
    assert (r.out, r.status) == (b"", 1)
    assert r.err == b"usleep: invalid number '%s'\n" % arg.encode()


def test_usleep_operands(run):
    r = run("usleep")
    assert r.status == 1 and r.err.startswith(b"usleep: missing operand\n")
    r = run("usleep", "1", "2")
    assert r.status == 1 and r.err.startswith(b"usleep: extra operand '2'\n")


def test_usleep_same_as_busybox_messages(run, busybox):
    b = subprocess.run([busybox, "usleep", "x"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    r = run("usleep", "x")
    assert r.status == b.returncode == 1
    assert b.stderr.startswith(r.err)
