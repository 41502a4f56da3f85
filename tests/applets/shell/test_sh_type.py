"""sh: type, command -v and command -V say what will run.  A pybox applet
the shell runs itself (in its own process or a fork of it: standalone
mode, or PATH leading to pybox, or PATH finding nothing) is named as
BusyBox ash names its applets in standalone mode (`cat is cat`, `cat`);
otherwise the file PATH finds."""
import os
import sys

import pytest

from _shtest import in_tmp_dir  # noqa: F401 (autouse)
from _shtest import BUSYBOX
from conftest import run_argv

PYDIR = os.path.dirname(sys.executable)
SYSPATH = PYDIR + ":/usr/bin:/bin"


def test_standalone_mode_names_the_applet(run):
    r = run("sh", "-c", "type cat basename; command -v cat; command -V cat; command -v basename",
            env={"PYBOX_STANDALONE": "1", "PATH": SYSPATH})
    assert (r.out, r.err, r.status) == (b"cat is cat\nbasename is basename\ncat\ncat is cat\nbasename\n", b"", 0)


def test_path_leading_to_pybox_names_the_applet(run, bindir):
    r = run("sh", "-c", "type cat; command -v wc; command -V sort", env={"PATH": bindir + ":" + SYSPATH})
    assert (r.out, r.err, r.status) == (b"cat is cat\nwc\nsort is sort\n", b"", 0)


def test_path_to_another_program_names_the_file(run):
    cat = run_argv(["/bin/sh", "-c", "command -v cat"], env={"PATH": SYSPATH}).out.strip()
    assert cat.startswith(b"/")
    r = run("sh", "-c", "type cat; command -v cat; command -V cat", env={"PATH": SYSPATH})
    assert (r.out, r.err, r.status) == (b"cat is %s\n%s\ncat is %s\n" % (cat, cat, cat), b"", 0)


def test_a_file_of_our_own_on_path(run, tmp_path):
    d = tmp_path / "bin"
    d.mkdir()
    (d / "cat").write_text("#!/bin/sh\necho mine\n")
    (d / "cat").chmod(0o755)
    r = run("sh", "-c", "type cat; command -v cat; cat", env={"PATH": "%s:%s" % (d, SYSPATH)})
    assert r.out == b"cat is %s/cat\n%s/cat\nmine\n" % (bytes(d), bytes(d))
    # standalone mode: the applet wins over PATH, and type says so
    r = run("sh", "-c", "type cat; cat </dev/null; echo $?",
            env={"PATH": "%s:%s" % (d, SYSPATH), "PYBOX_STANDALONE": "1"})
    assert r.out == b"cat is cat\n0\n"


def test_nothing_on_path_means_the_applet(run):
    r = run("sh", "-c", "PATH=/nonexistent; type cat; command -v cat; echo x | cat")
    assert r.out == b"cat is cat\ncat\nx\n"


def test_changing_path_or_standalone_in_the_script(run, bindir):
    script = ("type cat; PYBOX_STANDALONE=1; type cat; export PYBOX_STANDALONE; type cat; "
              "unset PYBOX_STANDALONE; type cat; PATH=%s:$PATH; type cat; PATH=%s; type cat" % (bindir, SYSPATH))
    r = run("sh", "-c", script, env={"PATH": SYSPATH})
    cat = run_argv(["/bin/sh", "-c", "command -v cat"], env={"PATH": SYSPATH}).out.strip()
    f = b"cat is %s\n" % cat
    # an unexported PYBOX_STANDALONE is not the environment variable
    assert r.out == f + f + b"cat is cat\n" + f + b"cat is cat\n" + f


def test_builtins_keywords_functions_aliases(run):
    r = run("sh", "-c", "alias ll='ls -l'; f() { :; }; type ll f : echo if; command -v ll f echo if; "
            "command -V ll", env={"PYBOX_STANDALONE": "1", "PATH": SYSPATH})
    assert r.out == (b"ll is an alias for ls -l\nf is a shell function\n: is a special shell builtin\n"
                     b"echo is a shell builtin\nif is a shell keyword\n"
                     b"alias ll='ls -l'\nf\necho\nif\nll is an alias for ls -l\n")


def test_not_found(run):
    r = run("sh", "-c", "type nosuchcmd; echo $?; command -v nosuchcmd; echo $?; command -V nosuchcmd; echo $?",
            env={"PYBOX_STANDALONE": "1", "PATH": SYSPATH})
    assert r.out == b"nosuchcmd: not found\n127\n127\nnosuchcmd: not found\n127\n"


@pytest.mark.skipif(BUSYBOX is None, reason="busybox is not installed")
def test_alias_and_file_output_as_busybox(run):
    script = "alias ll='ls -l'; type ll; command -v ll; command -V ll; type /bin/sh; command -v /bin/sh"
    want = run_argv([BUSYBOX, "sh", "-c", script], env={"PATH": SYSPATH})
    got = run("sh", "-c", script, env={"PATH": SYSPATH})
    assert (got.out, got.status) == (want.out, want.status)
