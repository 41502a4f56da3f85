"""ln: hard and symbolic links, -f (atomic replacement), -n, -r, -b, -i,
-L/-P, -d, the target forms and GNU's messages, with differential tests."""
import os

import pytest

from _copyfs import differ


@pytest.fixture
def d(tmp_path):
    (tmp_path / "a").write_bytes(b"hello\n")
    (tmp_path / "dir").mkdir()
    return tmp_path


def test_hard_link(run, d):
    assert tuple(run("ln", "a", "b", cwd=str(d))) == (b"", b"", 0)
    assert os.stat(str(d / "a")).st_ino == os.stat(str(d / "b")).st_ino


def test_symlink_verbose_and_forms(run, d):
    assert tuple(run("ln", "-sv", "a", "s", cwd=str(d))) == (b"'s' -> 'a'\n", b"", 0)
    assert os.readlink(str(d / "s")) == "a"
    assert tuple(run("ln", "-v", "a", "dir", cwd=str(d))) == (b"'dir/a' => 'a'\n", b"", 0)
    r = run("ln", "-sv", "dir/a", cwd=str(d))
    assert tuple(r) == (b"", b"ln: failed to create symbolic link './a': File exists\n", 1)
    r = run("ln", "-s", "/x/y", cwd=str(d))
    assert tuple(r) == (b"", b"", 0) and os.readlink(str(d / "y")) == "/x/y"
    r = run("ln", "-st", "dir", "zz", "ww", cwd=str(d))
    assert r.status == 0 and os.readlink(str(d / "dir" / "ww")) == "ww"


@pytest.mark.parametrize("args, err", [
    (["nope", "x"], b"ln: failed to access 'nope': No such file or directory\n"),
    (["dir", "x"], b"ln: dir: hard link not allowed for directory\n"),
    (["a", "a"], b"ln: failed to create hard link 'a': File exists\n"),
    (["-s", "a", "a"], b"ln: failed to create symbolic link 'a': File exists\n"),
    (["-f", "a", "a"], b"ln: 'a' and 'a' are the same file\n"),
    (["-sf", "a", "a"], b"ln: 'a' and 'a' are the same file\n"),
    (["a", "b", "c"], b"ln: target 'c': No such file or directory\n"),
    (["-t", "a", "b"], b"ln: target 'a' is not a directory\n"),
    (["-s", "a", "no/such/x"], b"ln: failed to create symbolic link 'no/such/x': No such file or directory\n"),
    (["-r", "a", "x"], b"ln: cannot do --relative without --symbolic\n"),
    (["-d", "dir", "dd"], None),
])
def test_errors(run, d, args, err):
    r = run("ln", *args, cwd=str(d))
    assert r.status == 1
    if err is None:  # the kernel refuses hard links to directories
        assert r.err == b"ln: failed to create hard link 'dd' => 'dir': Operation not permitted\n"
    else:
        assert r.err == err
    assert (d / "a").read_bytes() == b"hello\n"


@pytest.mark.parametrize("args, first", [
    ([], b"ln: missing file operand\n"),
    (["-T", "a"], b"ln: missing destination file operand after 'a'\n"),
    (["-T", "a", "b", "c"], b"ln: extra operand 'c'\n"),
    (["--bogus"], b"ln: unrecognized option '--bogus'\n"),
    (["--backup=x", "a", "b"], b"ln: invalid argument 'x' for 'backup type'\n"),
])
def test_usage_errors(run, d, args, first):
    r = run("ln", *args, cwd=str(d))
    assert r.status == 1
    assert r.err.startswith(first) and r.err.endswith(b"Try 'ln --help' for more information.\n")


def test_force_replaces_atomically(run, d):
    (d / "b").write_bytes(b"old")
    assert tuple(run("ln", "-sfv", "a", "b", cwd=str(d))) == (b"'b' -> 'a'\n", b"", 0)
    assert os.readlink(str(d / "b")) == "a"
    assert sorted(os.listdir(str(d))) == ["a", "b", "dir"]  # no temporary left
    assert run("ln", "-f", "a", "b", cwd=str(d)).status == 0
    assert os.stat(str(d / "b")).st_ino == os.stat(str(d / "a")).st_ino
    r = run("ln", "-sfT", "a", "dir", cwd=str(d))
    assert tuple(r) == (b"", b"ln: dir: cannot overwrite directory\n", 1)


def test_no_dereference(run, d):
    os.symlink("dir", str(d / "ld"))
    assert run("ln", "-s", "a", "ld", cwd=str(d)).status == 0
    assert os.readlink(str(d / "dir" / "a")) == "a"
    r = run("ln", "-sn", "a", "ld", cwd=str(d))
    assert tuple(r) == (b"", b"ln: failed to create symbolic link 'ld': File exists\n", 1)
    assert run("ln", "-snf", "a", "ld", cwd=str(d)).status == 0
    assert os.readlink(str(d / "ld")) == "a"


def test_backup_and_interactive(run, d):
    (d / "b").write_bytes(b"old")
    r = run("ln", "-sbv", "a", "b", cwd=str(d))
    assert tuple(r) == (b"'b~' ~ 'b' -> 'a'\n", b"", 0)
    assert (d / "b~").read_bytes() == b"old"
    r = run("ln", "-si", "a", "b", cwd=str(d), stdin=b"n\n")
    assert tuple(r) == (b"", b"ln: replace 'b'? ", 0)
    r = run("ln", "-i", "a", "b", cwd=str(d), stdin=b"y\n")
    assert r.status == 0 and os.stat(str(d / "b")).st_ino == os.stat(str(d / "a")).st_ino
    r = run("ln", "--backup=numbered", "-v", "a", "b", cwd=str(d))
    assert tuple(r) == (b"'b.~1~' ~ 'b' => 'a'\n", b"", 0)


def test_logical_physical(run, d):
    os.symlink("a", str(d / "l"))
    assert run("ln", "-L", "l", "hl", cwd=str(d)).status == 0
    assert os.stat(str(d / "hl")).st_ino == os.stat(str(d / "a")).st_ino
    assert run("ln", "-P", "l", "hp", cwd=str(d)).status == 0
    assert os.path.islink(str(d / "hp"))
    assert run("ln", "l", "hd", cwd=str(d)).status == 0  # -P is the default
    assert os.path.islink(str(d / "hd"))


def test_relative(run, tmp_path):
    (tmp_path / "x" / "y").mkdir(parents=True)
    (tmp_path / "t").write_bytes(b"")
    r = run("ln", "-srv", "t", "x/y/l", cwd=str(tmp_path))
    assert tuple(r) == (b"'x/y/l' -> '../../t'\n", b"", 0)
    assert (tmp_path / "x" / "y" / "l").read_bytes() == b""
    os.symlink("x/y", str(tmp_path / "via"))
    assert run("ln", "-sr", "t", "via/l2", cwd=str(tmp_path)).status == 0
    assert os.readlink(str(tmp_path / "x" / "y" / "l2")) == "../../t"
    assert run("ln", "-sr", "x/y/../y", "x/l3", cwd=str(tmp_path)).status == 0
    assert os.readlink(str(tmp_path / "x" / "l3")) == "y"


def test_non_utf8(run, tmp_path):
    r = run("ln", "-sv", b"t\xff", b"l\xfe", cwd=str(tmp_path))
    assert tuple(r) == (b"'l'$'\\376' -> 't'$'\\377'\n", b"", 0)
    assert os.readlink(os.path.join(os.fsencode(str(tmp_path)), b"l\xfe")) == b"t\xff"


@pytest.mark.parametrize("script", [
    "touch a; mkdir d; $LN -s d ld; $LN -s a ld; $LN -sn a ld; $LN -snf a ld; $LN -sfbv a ld; ls -l",
    "touch a; mkdir d; $LN nope x; $LN -s; $LN a b c; $LN -T a d; $LN -t a b; $LN -s a; $LN -srv a d/sub/x",
    "touch a; $LN -sr a a; $LN a a; $LN -f a a; $LN -sf a a; $LN -r a rx; $LN -v a z; $LN -sv a z2",
    "mkdir -p p/q r; touch p/q/t; $LN -srv p/q/t r/; $LN -srv ../p r/up; $LN -sr /etc/hostname r/abs; ls -l r",
    "touch a b; mkdir d; $LN -vt d a b; $LN -fvt d a b; $LN --backup=t -vt d a; $LN --backup=t -vt d a; ls d",
])
def test_differential(bindir, gnu, tmp_path, script):
    differ(bindir, gnu, tmp_path, script)
