"""logname: getlogin(3)'s name, GNU's message when there is none, and the
command-line errors."""
import os

import pytest


def _login():
    try:
        return os.getlogin()
    except OSError:
        return None


def test_logname(run, via):
    name = _login()
    r = run("logname", via=via)
    if name is None:
        assert tuple(r) == (b"", b"logname: no login name\n", 1)
    else:
        assert tuple(r) == (name.encode() + b"\n", b"", 0)


def test_ignores_environment(run):
    if _login() is not None:
        pytest.skip("this session has a login name")
    assert tuple(run("logname", env={"LOGNAME": "someone", "USER": "someone"})) == (
        b"", b"logname: no login name\n", 1)


def test_errors(run):
    try_ = b"Try 'logname --help' for more information.\n"
    assert tuple(run("logname", "x")) == (b"", b"logname: extra operand 'x'\n" + try_, 1)
    assert tuple(run("logname", "-x")) == (b"", b"logname: invalid option -- 'x'\n" + try_, 1)
    assert run("logname", "--help").out.startswith(b"Usage: logname [OPTION]\n")


@pytest.mark.parametrize("args", [[], ["x"], ["-x"]])
def test_against_gnu(same_as_gnu, args):
    same_as_gnu("logname", *args)
