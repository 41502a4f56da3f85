"""printenv: the whole environment, named variables, -0, the statuses, and
differential tests against GNU."""
import pytest

TRY = b"Try 'printenv --help' for more information.\n"


def test_all(run, via):
    r = run("printenv", env={"AAA_X": "1 2"}, via=via)
    assert r.status == 0 and b"AAA_X=1 2\n" in r.out and b"LC_ALL=C\n" in r.out


def test_named(run):
    env = {"V1": "one", "V2": "", "V3": "x\ny"}
    assert tuple(run("printenv", "V1", "V2", "V3", env=env)) == (b"one\n\nx\ny\n", b"", 0)
    assert tuple(run("printenv", "V1", "NOPE", "V1", env=env)) == (b"one\none\n", b"", 1)
    assert tuple(run("printenv", "NOPE")) == (b"", b"", 1)
    assert tuple(run("printenv", "V1=one", env=env)) == (b"", b"", 1)  # never a name with '='


def test_null(run):
    env = {"V1": "one", "V2": "two"}
    assert tuple(run("printenv", "-0", "V1", "V2", env=env)) == (b"one\0two\0", b"", 0)
    assert run("printenv", "--null", env=env).out.endswith(b"\0")


def test_non_utf8(run):
    assert run("printenv", "B", env={"B": b"\xff".decode("utf-8", "surrogateescape")}).out == b"\xff\n"


def test_errors(run):
    assert tuple(run("printenv", "-x")) == (b"", b"printenv: invalid option -- 'x'\n" + TRY, 2)
    assert tuple(run("printenv", "--bogus")) == (b"", b"printenv: unrecognized option '--bogus'\n" + TRY, 2)


@pytest.mark.parametrize("args", [[], ["HOME"], ["HOME", "NOPE"], ["-0", "HOME", "LC_ALL"], ["-0"], ["A=B"],
                                  ["-x"], ["--", "-0"], ["--null", "X"]])
def test_against_gnu(same_as_gnu, args):
    same_as_gnu("printenv", *args, env={"X": "x y", "HOME": "/h"})
