"""chown: OWNER[:GROUP] specs (names, numbers, user:, :group, user.group),
-v/-c messages, -f, -h and --dereference, --from, --reference, -R with
-H/-L/-P, --preserve-root, dangling links, errors, non-UTF-8 names, and
GNU differential tests (chgrp has its own file)."""
import os

import pytest

from _fstree import both, build

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="changing owners needs root")

TREE = {"f": b"x", "g": b"", "lf": ("link", "f"), "dang": ("link", "nope"),
        "d": {"s": {"y": b""}, "x": b"", "l": ("link", "../g")}}


def owner(p, follow=False):
    st = os.stat(p, follow_symlinks=follow)
    return st.st_uid, st.st_gid


def test_missing_operands(run):
    assert tuple(run("chown")) == (b"", b"chown: missing operand\nTry 'chown --help' for more information.\n", 1)
    assert tuple(run("chown", "root")) == (
        b"", b"chown: missing operand after 'root'\nTry 'chown --help' for more information.\n", 1)


def test_numeric_and_verbose(run, tmp_path):
    build(tmp_path, TREE)
    r = run("chown", "-v", "1000", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"changed ownership of 'f' from root to 1000\n", b"", 0)
    assert owner(tmp_path / "f") == (1000, 0)
    r = run("chown", "-v", "4242:4343", "f", cwd=str(tmp_path))
    assert r.out == b"changed ownership of 'f' from %s:root to 4242:4343\n" % (
        __import__("pwd").getpwuid(1000).pw_name.encode() if _has_uid(1000) else b"1000")
    assert owner(tmp_path / "f") == (4242, 4343)
    r = run("chown", "-c", "4242:4343", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"", 0)
    r = run("chown", "-v", "4242", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"ownership of 'f' retained as 4242\n", b"", 0)


def _has_uid(uid):
    import pwd
    try:
        pwd.getpwuid(uid)
        return True
    except KeyError:
        return False


def test_spec_forms(run, tmp_path):
    build(tmp_path, TREE)
    assert run("chown", "root:", "f", cwd=str(tmp_path)).status == 0
    assert owner(tmp_path / "f") == (0, 0)
    assert run("chown", ":7", "f", cwd=str(tmp_path)).status == 0
    assert owner(tmp_path / "f") == (0, 7)
    assert run("chown", "+5:+6", "f", cwd=str(tmp_path)).status == 0
    assert owner(tmp_path / "f") == (5, 6)
    r = run("chown", "root.root", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"chown: warning: '.' should be ':': 'root.root'\n", 0)
    assert owner(tmp_path / "f") == (0, 0)
    assert tuple(run("chown", ":", "f", cwd=str(tmp_path))) == (b"", b"", 0)
    r = run("chown", "-v", "", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"ownership of 'f' retained\n", b"", 0)


@pytest.mark.parametrize("spec, msg", [
    ("no_such_user_x", "invalid user: 'no_such_user_x'"), ("root:no_such_grp", "invalid group: 'root:no_such_grp'"),
    ("4294967295", "invalid user: '4294967295'"), ("1x", "invalid user: '1x'"),
])
def test_invalid_specs(run, tmp_path, spec, msg):
    build(tmp_path, TREE)
    r = run("chown", spec, "f", cwd=str(tmp_path))
    assert tuple(r) == (b"", ("chown: %s\n" % msg).encode(), 1)


def test_links(run, tmp_path):
    build(tmp_path, TREE)
    assert run("chown", "-h", "5", "lf", cwd=str(tmp_path)).status == 0
    assert owner(tmp_path / "lf") == (5, 0) and owner(tmp_path / "f") == (0, 0)
    assert run("chown", "--dereference", "6", "lf", cwd=str(tmp_path)).status == 0
    assert owner(tmp_path / "f") == (6, 0)
    r = run("chown", "7", "dang", "nope", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"chown: cannot dereference 'dang': No such file or directory\n"
                        b"chown: cannot access 'nope': No such file or directory\n", 1)
    assert tuple(run("chown", "-f", "7", "dang", "nope", cwd=str(tmp_path))) == (b"", b"", 1)
    assert run("chown", "-h", "8", "dang", cwd=str(tmp_path)).status == 0
    assert owner(tmp_path / "dang") == (8, 0)


def test_recursive(run, tmp_path):
    build(tmp_path, TREE)
    r = run("chown", "-Rv", "9:9", "d", cwd=str(tmp_path))
    assert r.status == 0
    lines = r.out.splitlines()
    assert lines[-1] == b"changed ownership of 'd' from root:root to 9:9"
    assert lines.index(b"changed ownership of 'd/s/y' from root:root to 9:9") < \
        lines.index(b"changed ownership of 'd/s' from root:root to 9:9")
    assert owner(tmp_path / "d" / "l") == (9, 9) and owner(tmp_path / "g") == (0, 0)  # -P: the link itself
    r = run("chown", "-R", "--dereference", "1", "d", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"chown: -R --dereference requires either -H or -L\n", 1)
    r = run("chown", "-RL", "3", "d", cwd=str(tmp_path))
    assert r.status == 0 and owner(tmp_path / "g") == (3, 0)


def test_from(run, tmp_path):
    build(tmp_path, TREE)
    os.chown(str(tmp_path / "g"), 4245, 4245)
    r = run("chown", "-v", "--from=4245:4245", "4246", "f", "g", cwd=str(tmp_path))
    assert tuple(r) == (b"ownership of 'f' retained as root\nchanged ownership of 'g' from 4245 to 4246\n", b"", 0)
    assert owner(tmp_path / "f") == (0, 0) and owner(tmp_path / "g") == (4246, 4245)
    r = run("chown", "--from=nouser_x", "6", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"chown: invalid user: 'nouser_x'\n", 1)


def test_reference(run, tmp_path):
    build(tmp_path, TREE)
    os.chown(str(tmp_path / "g"), 0, 1)
    r = run("chown", "-v", "--reference=g", "f", cwd=str(tmp_path))
    import grp
    assert r.out == b"changed ownership of 'f' from root:root to root:%s\n" % grp.getgrgid(1).gr_name.encode()
    r = run("chown", "--reference=nope", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"chown: failed to get attributes of 'nope': No such file or directory\n", 1)


def test_preserve_root(run):
    r = run("chown", "-R", "--preserve-root", "0", "/")
    assert tuple(r) == (b"", b"chown: it is dangerous to operate recursively on '/'\n"
                        b"chown: use --no-preserve-root to override this failsafe\n", 1)


def test_non_utf8(run, tmp_path):
    open(os.fsencode(str(tmp_path)) + b"/\xff", "wb").close()
    r = run("chown", "-v", "12", b"\xff", cwd=str(tmp_path))
    assert tuple(r) == (b"changed ownership of ''$'\\377' from root to 12\n", b"", 0)


@pytest.mark.parametrize("args", [
    ["-v", "1000", "f"], ["-c", "root", "f"], ["-v", ":daemon", "f"], ["-v", "daemon:", "f"],
    ["-v", "daemon.daemon", "f"], ["-v", "0:0", "f"], ["-v", "nobody:1234", "f"], ["-v", "+0", "f"],
    ["foo_no", "f"], ["root:foo_no", "f"], ["root:", "f"], [":", "f"], ["-v", "", "f"], [], ["root"],
    ["-v", "root", "nope"], ["-hv", "daemon", "lf"], ["-v", "daemon", "lf"], ["-Rv", "1000:1000", "d"],
    ["-R", "--dereference", "0", "d"], ["-RHv", "5", "d"], ["-v", "--from=0", "daemon", "f", "g"],
    ["--from=foo_no", "0", "f"], ["--reference=nope", "f"], ["-v", "--reference=d", "f"],
    ["-v", "99999", "f"], ["4294967295", "f"], ["-Rhv", "5", "d"], ["-RLv", "7:7", "d"], ["-vh", "3", "dang"],
    ["-cR", "0:0", "."], ["--from=0:0", "-Rv", "2:2", "."], ["-v", "0001", "f"], ["-v", "0:+0001", "f"],
    ["-Rv", "--no-dereference", "4", "d", "lf"],
])
def test_same_as_gnu(run, run_gnu, tmp_path, args):
    both(run, run_gnu, tmp_path, TREE, "chown", *args)


def test_same_as_gnu_utf8(run, run_gnu, tmp_path):
    env = {"LC_ALL": "C.UTF-8"}
    both(run, run_gnu, tmp_path, TREE, "chown", "nouser_x", "f", env=env)
    both(run, run_gnu, tmp_path, TREE, "chown", "root", env=env)
    both(run, run_gnu, tmp_path, TREE, "chown", "root.root", "f", env=env)


@pytest.mark.parametrize("args", [['0', 'loop1'], ['-h', '0', 'loop1'], ['-R', '-v', '0', 'loop1', '.']])
def test_symlink_loop_same_as_gnu(run, run_gnu, tmp_path, args):
    """A loop of symbolic links (ELOOP) on the way, as GNU reports it."""
    tree = {"loop1": ("link", "loop2"), "loop2": ("link", "loop1"), "f": b"x"}
    both(run, run_gnu, tmp_path, tree, "chown", *args)
