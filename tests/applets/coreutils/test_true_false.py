"""true and false: status 0 and 1, --help/--version only as the sole
argument (still exiting with that status), every other argument ignored."""
import os
import subprocess

import pytest

from conftest import child_env
from multicall import VERSION



@pytest.fixture(params=[("true", 0), ("false", 1)], ids=["true", "false"])
def applet(request):
    return request.param


def test_status(run, via, applet):
    NAME, STATUS = applet
    assert tuple(run(NAME, via=via)) == (b"", b"", STATUS)


@pytest.mark.parametrize("args", [["x"], ["--bogus"], ["-x"], ["--help", "x"], ["x", "--version"],
                                  ["--", "--help"], ["--he"], ["--vers"], ["--help", "--version"]],
                         ids=" ".join)
def test_other_arguments_ignored(run, args, applet):
    NAME, STATUS = applet
    assert tuple(run(NAME, *args)) == (b"", b"", STATUS)


def test_help(run, via, applet):
    NAME, STATUS = applet
    r = run(NAME, "--help", via=via)
    assert (r.err, r.status) == (b"", STATUS)
    assert r.out.startswith(b"Usage: %s [ignored command line arguments]\n  or:  %s OPTION\n"
                            % (NAME.encode(), NAME.encode()))
    assert b"      --help " in r.out and b"      --version " in r.out


def test_version(run, applet):
    NAME, STATUS = applet
    r = run(NAME, "--version")
    assert tuple(r) == (b"%s (pybox) %s\n" % (NAME.encode(), VERSION.encode()), b"", STATUS)


def test_version_write_error(bindir, applet):
    NAME, STATUS = applet
    with open("/dev/full", "wb") as full:
        p = subprocess.run([os.path.join(bindir, NAME), "--version"], stdout=full,
                           stderr=subprocess.PIPE, env=child_env())
    assert (p.returncode, p.stderr) == (1, b"%s: write error: No space left on device\n" % NAME.encode())


def test_posixly_correct_same(run, applet):
    NAME, STATUS = applet
    assert tuple(run(NAME, "--bogus", env={"POSIXLY_CORRECT": "1"})) == (b"", b"", STATUS)


@pytest.mark.parametrize("args", [[], ["x", "y"], ["--bogus"], ["--help", "x"], ["-h"]], ids=repr)
def test_same_as_gnu(same_as_gnu, args, applet):
    NAME, STATUS = applet
    same_as_gnu(NAME, *args)


def test_in_process(inproc, applet):
    NAME, STATUS = applet
    assert tuple(inproc(NAME, "whatever")) == (b"", b"", STATUS)
