"""mv: renames, the checks before them, backups, -n/-i/-u, and moves
across file systems (the whole tree with its metadata, the source removed
only after a complete copy), with differential tests against GNU mv."""
import os
import subprocess

import pytest

from _copyfs import differ, snapshot


@pytest.fixture
def d(tmp_path):
    (tmp_path / "a").write_bytes(b"hello\n")
    (tmp_path / "dir").mkdir()
    return tmp_path


def test_rename_verbose(run, d):
    r = run("mv", "-v", "a", "b", cwd=str(d))
    assert tuple(r) == (b"renamed 'a' -> 'b'\n", b"", 0)
    assert (d / "b").read_bytes() == b"hello\n" and not (d / "a").exists()


def test_into_directory(run, d):
    assert tuple(run("mv", "a", "dir", cwd=str(d))) == (b"", b"", 0)
    assert (d / "dir" / "a").exists()


@pytest.mark.parametrize("args, err", [
    (["nope", "x"], b"mv: cannot stat 'nope': No such file or directory\n"),
    (["a", "a"], b"mv: 'a' and 'a' are the same file\n"),
    (["dir", "dir/sub"], b"mv: cannot move 'dir' to a subdirectory of itself, 'dir/sub'\n"),
    (["a", "a", "c"], b"mv: target 'c': No such file or directory\n"),
    (["-T", "a", "dir"], b"mv: cannot overwrite directory 'dir' with non-directory\n"),
    (["-t", "a", "dir"], b"mv: target directory 'a': Not a directory\n"),
    (["-t", "x", "-T", "a"], b"mv: cannot combine --target-directory (-t) and --no-target-directory (-T)\n"),
])
def test_errors(run, d, args, err):
    assert tuple(run("mv", *args, cwd=str(d))) == (b"", err, 1)
    assert (d / "a").read_bytes() == b"hello\n"


@pytest.mark.parametrize("args, first", [
    ([], b"mv: missing file operand\n"),
    (["a"], b"mv: missing destination file operand after 'a'\n"),
    (["-T", "a", "b", "c"], b"mv: extra operand 'c'\n"),
    (["--no-copy", "a", "b"], b"mv: unrecognized option '--no-copy'\n"),
    (["-b", "-n", "a", "b"], b"mv: options --backup and --no-clobber are mutually exclusive\n"),
])
def test_usage_errors(run, d, args, first):
    r = run("mv", *args, cwd=str(d))
    assert r.status == 1
    assert r.err.startswith(first) and r.err.endswith(b"Try 'mv --help' for more information.\n")


def test_hard_links_same_file_unless_backup(run, d):
    os.link(str(d / "a"), str(d / "h"))
    assert tuple(run("mv", "a", "h", cwd=str(d))) == (b"", b"mv: 'a' and 'h' are the same file\n", 1)
    r = run("mv", "-bv", "h", "a", cwd=str(d))
    assert tuple(r) == (b"renamed 'h' -> 'a' (backup: 'a~')\n", b"", 0)
    assert not (d / "h").exists() and (d / "a~").exists()


def test_no_clobber_interactive_update_force(run, d):
    (d / "b").write_bytes(b"b")
    assert tuple(run("mv", "-n", "a", "b", cwd=str(d))) == (b"", b"", 0)
    assert (d / "a").exists()
    assert tuple(run("mv", "-i", "a", "b", cwd=str(d), stdin=b"n\n")) == (b"", b"mv: overwrite 'b'? ", 0)
    assert (d / "a").exists()
    assert tuple(run("mv", "-n", "-i", "a", "b", cwd=str(d), stdin=b"n\n")) == (b"", b"mv: overwrite 'b'? ", 0)
    assert tuple(run("mv", "-i", "-f", "a", "b", cwd=str(d))) == (b"", b"", 0)
    assert (d / "b").read_bytes() == b"hello\n"
    (d / "c").write_bytes(b"c")
    os.utime(str(d / "c"), (1, 1))
    assert run("mv", "-u", "c", "b", cwd=str(d)).status == 0
    assert (d / "c").exists() and (d / "b").read_bytes() == b"hello\n"
    os.utime(str(d / "b"), (0, 0))
    run("mv", "-u", "c", "b", cwd=str(d))
    assert not (d / "c").exists() and (d / "b").read_bytes() == b"c"


def test_backups(run, d):
    for i in range(3):
        (d / "x").write_bytes(b"%d" % i)
        r = run("mv", "--backup=numbered", "-v", "x", "a", cwd=str(d))
        assert r.out == b"renamed 'x' -> 'a' (backup: 'a.~%d~')\n" % (i + 1)
    (d / "x").write_bytes(b"s")
    r = run("mv", "-S", "_old", "--backup=simple", "-v", "x", "a", cwd=str(d))
    assert r.out == b"renamed 'x' -> 'a' (backup: 'a_old')\n"


def test_strip_trailing_slashes(run, d):
    r = run("mv", "-v", "--strip-trailing-slashes", "dir/", "d2", cwd=str(d))
    assert tuple(r) == (b"renamed 'dir' -> 'd2'\n", b"", 0)


def _other_fs(tmp_path):
    """A directory on another file system than tmp_path, or skip."""
    for base in ("/dev/shm",):
        if os.path.isdir(base) and os.stat(base).st_dev != os.stat(str(tmp_path)).st_dev:
            import tempfile
            return tempfile.mkdtemp(dir=base, prefix="pybox-mv-")
    pytest.skip("no second file system")


def test_across_file_systems(run, tmp_path):
    other = _other_fs(tmp_path)
    try:
        s = tmp_path / "s"
        (s / "t").mkdir(parents=True)
        (s / "f").write_bytes(b"data")
        os.symlink("f", str(s / "l"))
        os.link(str(s / "f"), str(s / "t" / "h"))
        os.mkfifo(str(s / "p"))
        os.chmod(str(s / "t"), 0o750)
        os.utime(str(s / "f"), ns=(5, 981_173_106_123_456_789))
        os.utime(str(s / "t"), ns=(5, 981_173_106_000_000_001))
        before = snapshot(str(s), times="links")
        r = run("mv", "s", other + "/s", cwd=str(tmp_path))
        assert tuple(r) == (b"", b"", 0)
        assert not s.exists()
        assert snapshot(other + "/s", times="links") == before
        r = run("mv", "-v", other + "/s/f", str(tmp_path / "g"))
        assert r.out == ("copied '%s/s/f' -> '%s/g'\nremoved '%s/s/f'\n" % (other, tmp_path, other)).encode()
    finally:
        subprocess.run(["rm", "-rf", other])


def test_across_file_systems_failure_keeps_source(run, tmp_path):
    if os.geteuid() != 0:
        pytest.skip("needs root to mount")
    full = tmp_path / "full"
    full.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(full)],
                      stderr=subprocess.DEVNULL).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        s = tmp_path / "s"
        s.mkdir()
        (s / "small").write_bytes(b"x")
        (s / "big").write_bytes(os.urandom(200 * 1024))
        before = snapshot(str(s))
        r = run("mv", "s", str(full), cwd=str(tmp_path))
        assert r.status == 1
        assert b"No space left on device" in r.err
        assert snapshot(str(s)) == before
    finally:
        subprocess.run(["umount", str(full)])


@pytest.mark.parametrize("script", [
    "echo hi > a; ln a a2; mkdir d; $MV -bv a2 a; echo x > y; $MV -b y y; $MV -v --backup=t a d;"
    " echo 2 > a; $MV -v --backup=t a d; echo 3 > a; $MV -v --backup=t a d; ls d",
    "mkdir -p q/d e; touch q/d/z e/f; $MV e q; $MV e/ q/d; mkdir -p r/e; touch r/e/k; $MV q/e r; $MV q/d r/e",
    "touch a; mkdir d; $MV a/ d; $MV d/ a; $MV -T d a; mkdir e; touch e/x; $MV -T d e; $MV d e; ls -R",
    "touch a b; mkdir d; $MV -t d a b; $MV -v d/a d/b .; $MV -t; $MV -t d; $MV -t nonex a",
    "touch -d 2000-01-01 old; touch new; $MV -uv old new; $MV -uv new old; ls",
])
def test_differential(bindir, gnu, tmp_path, script):
    differ(bindir, gnu, tmp_path, script)


def test_read_only_destination(run, d):
    ro = str(d / "ro")
    os.mkdir(ro)
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", ro],
                                           stderr=subprocess.DEVNULL).returncode:
        pytest.skip("cannot mount a read-only tmpfs here")
    try:
        r = run("mv", "a", "dir", "ro/", cwd=str(d))
        assert tuple(r) == (b"", b"mv: inter-device move failed: 'a' to 'ro/a'; unable to remove target:"
                                 b" Read-only file system\n"
                                 b"mv: inter-device move failed: 'dir' to 'ro/dir'; unable to remove target:"
                                 b" Read-only file system\n", 1)
        assert (d / "a").read_bytes() == b"hello\n" and (d / "dir").is_dir()
    finally:
        subprocess.run(["umount", ro])


def test_just_created(run, d):
    (d / "s").mkdir()
    (d / "t").mkdir()
    (d / "s" / "f").write_bytes(b"s")
    (d / "t" / "f").write_bytes(b"t")
    r = run("mv", "s/f", "t/f", "dir", cwd=str(d))
    assert tuple(r) == (b"", b"mv: will not overwrite just-created 'dir/f' with 't/f'\n", 1)
    assert (d / "t" / "f").read_bytes() == b"t" and (d / "dir" / "f").read_bytes() == b"s"
