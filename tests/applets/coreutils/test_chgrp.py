"""chgrp (chown.py): group names and numbers, -v/-c, -f, -h, --reference,
-R with -H/-L/-P, errors, and GNU differential tests."""
import os

import pytest

from _fstree import both, build

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="changing groups needs root")

TREE = {"f": b"x", "g": b"", "lf": ("link", "f"), "dang": ("link", "nope"),
        "d": {"s": {"y": b""}, "x": b"", "l": ("link", "../g")}}


def test_missing_operands(run):
    assert tuple(run("chgrp")) == (b"", b"chgrp: missing operand\nTry 'chgrp --help' for more information.\n", 1)
    assert tuple(run("chgrp", "root")) == (
        b"", b"chgrp: missing operand after 'root'\nTry 'chgrp --help' for more information.\n", 1)


def test_basic(run, tmp_path):
    build(tmp_path, TREE)
    r = run("chgrp", "-v", "77", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"changed group of 'f' from root to 77\n", b"", 0)
    assert os.stat(tmp_path / "f").st_gid == 77
    r = run("chgrp", "-v", "77", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"group of 'f' retained as 77\n", b"", 0)
    r = run("chgrp", "nogroup_x", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"chgrp: invalid group: 'nogroup_x'\n", 1)
    r = run("chgrp", "-R", "5", "d", cwd=str(tmp_path))
    assert r.status == 0 and os.stat(tmp_path / "d" / "s" / "y").st_gid == 5
    assert os.stat(tmp_path / "g").st_gid == 0


@pytest.mark.parametrize("args", [
    ["-v", "daemon", "f"], ["-v", "1000", "f", "g"], ["nogroup_x", "f"], [], ["-c", "root", "f", "g"],
    ["-v", "--reference=d", "f"], ["-v", "0002", "f"], ["-v", "+daemon", "f"], ["-Rv", "0", "d"],
    ["-RHv", "3", "d"], ["-RLv", "4", "d"], ["-hv", "5", "lf", "dang"], ["-v", "6", "nope"],
    ["-v", "", "f"], ["--reference=nope", "f"], ["-fv", "7", "nope"], ["-v", "--from=0", "1", "f"],
])
# (not compared: -v on a dangling link, where GNU prints the owner from an
# uninitialised stat buffer)
def test_same_as_gnu(run, run_gnu, tmp_path, args):
    both(run, run_gnu, tmp_path, TREE, "chgrp", *args)


@pytest.mark.parametrize("args", [['0', 'loop1'], ['-RL', '0', '.']])
def test_symlink_loop_same_as_gnu(run, run_gnu, tmp_path, args):
    """A loop of symbolic links (ELOOP) on the way, as GNU reports it."""
    tree = {"loop1": ("link", "loop2"), "loop2": ("link", "loop1"), "f": b"x"}
    both(run, run_gnu, tmp_path, tree, "chgrp", *args)
