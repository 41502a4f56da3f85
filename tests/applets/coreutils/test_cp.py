"""cp: files, trees, links, attributes, backups, sparse files, the error
messages, safety (links planted in the tree, the same file, a full disk)
and differential tests against GNU cp on generated trees."""
import os
import stat
import subprocess

import pytest
from hypothesis import Phase, given, settings, strategies as st

from _copyfs import differ

TREE = """
mkdir -p s/t/u s/e
printf 'one\\n' > s/f
printf '' > s/empty
ln -s f s/l
ln -s ../../etc/hostname s/up
ln -s nowhere s/dangle
ln s/f s/t/hard
mkfifo s/fifo
touch -d '2001-02-03 04:05:06.123456789' s/f s/t s/t/u
chmod 700 s/t/u
chmod 4755 s/f
chmod 640 s/empty
"""


@pytest.fixture
def d(tmp_path):
    (tmp_path / "a").write_bytes(b"hello\n")
    (tmp_path / "dir").mkdir()
    return tmp_path


# -- single files -------------------------------------------------------------

def test_copy_file(run, d):
    r = run("cp", "a", "b", cwd=str(d))
    assert tuple(r) == (b"", b"", 0)
    assert (d / "b").read_bytes() == b"hello\n"


def test_copy_into_directory_verbose(run, d):
    r = run("cp", "-v", "a", "dir", cwd=str(d))
    assert tuple(r) == (b"'a' -> 'dir/a'\n", b"", 0)
    assert (d / "dir" / "a").read_bytes() == b"hello\n"


def test_mode_without_p_follows_umask_and_keeps_existing(run, d):
    os.chmod(str(d / "a"), 0o4751)
    run("cp", "a", "new", cwd=str(d))
    assert stat.S_IMODE(os.stat(str(d / "new")).st_mode) == 0o751 & ~0o022 | 0  # setuid dropped
    (d / "old").write_bytes(b"x")
    os.chmod(str(d / "old"), 0o600)
    run("cp", "a", "old", cwd=str(d))
    assert stat.S_IMODE(os.stat(str(d / "old")).st_mode) == 0o600


def test_preserve_nanosecond_times_and_mode(run, d):
    os.utime(str(d / "a"), ns=(1_000_000_123, 981_173_106_123_456_789))
    os.chmod(str(d / "a"), 0o604)
    assert run("cp", "-p", "a", "b", cwd=str(d)).status == 0
    st = os.stat(str(d / "b"))
    assert st.st_mtime_ns == 981_173_106_123_456_789
    assert st.st_atime_ns == 1_000_000_123
    assert stat.S_IMODE(st.st_mode) == 0o604


@pytest.mark.parametrize("args, err", [
    (["nope", "x"], b"cp: cannot stat 'nope': No such file or directory\n"),
    (["dir", "x"], b"cp: -r not specified; omitting directory 'dir'\n"),
    (["a", "a"], b"cp: 'a' and 'a' are the same file\n"),
    (["a", "a", "c"], b"cp: target 'c': No such file or directory\n"),
    (["a", "a", "a"], b"cp: target 'a' is not a directory\n"),
    (["-t", "nonex", "a"], b"cp: target directory 'nonex': No such file or directory\n"),
    (["-t", "a", "a"], b"cp: target directory 'a': Not a directory\n"),
    (["-s", "a", "dir/x"], b"cp: dir/x: can make relative symbolic links only in current directory\n"),
    (["--reflink=always", "a", "r"], None),
])
def test_errors(run, d, args, err):
    r = run("cp", *args, cwd=str(d))
    assert r.status == 1
    if err is None:
        assert r.err.startswith(b"cp: failed to clone 'r' from 'a': ") or r.err == b""
    else:
        assert r.err == err


@pytest.mark.parametrize("args, first", [
    ([], b"cp: missing file operand\n"),
    (["a"], b"cp: missing destination file operand after 'a'\n"),
    (["-T", "a", "b", "c"], b"cp: extra operand 'c'\n"),
    (["--sparse=x", "a", "b"], b"cp: invalid argument 'x' for '--sparse'\n"),
    (["--backup=foo", "a", "b"], b"cp: invalid argument 'foo' for 'backup type'\n"),
    (["--preserve=bogus", "a", "b"], b"cp: invalid argument 'bogus' for '--preserve'\n"),
    (["--update=all", "a", "b"], b"cp: option '--update' doesn't allow an argument\n"),
    (["--debug", "a", "b"], b"cp: unrecognized option '--debug'\n"),
    (["--parents", "a", "a"], b"cp: with --parents, the destination must be a directory\n"),
    (["-n", "-b", "a", "b"], b"cp: options --backup and --no-clobber are mutually exclusive\n"),
])
def test_usage_errors(run, d, args, first):
    r = run("cp", *args, cwd=str(d))
    assert r.status == 1
    assert r.err.startswith(first)
    assert r.err.endswith(b"Try 'cp --help' for more information.\n")


def test_utf8_locale_quotes(run, d):
    r = run("cp", "--sparse=x", "a", "b", cwd=str(d), env={"LC_ALL": "C.UTF-8"})
    assert r.err.startswith("cp: invalid argument \u2018x\u2019 for \u2018--sparse\u2019\n".encode())


def test_context_options(run, d):
    if os.path.exists("/sys/fs/selinux/enforce"):
        pytest.skip("SELinux kernel")
    assert tuple(run("cp", "-Z", "a", "z", cwd=str(d))) == (b"", b"", 0)
    r = run("cp", "--context=x", "a", "z2", cwd=str(d))
    assert tuple(r) == (b"", b"cp: warning: ignoring --context; it requires an SELinux-enabled kernel\n", 0)
    r = run("cp", "--preserve=context", "a", "z3", cwd=str(d))
    assert tuple(r) == (b"", b"cp: cannot preserve security context without an SELinux-enabled kernel\n", 1)
    assert not (d / "z3").exists()
    assert run("cp", "-a", "a", "z4", cwd=str(d)).status == 0


def test_non_utf8_names(run, tmp_path):
    name = b"f\xff"
    with open(os.path.join(os.fsencode(str(tmp_path)), name), "wb") as f:
        f.write(b"x")
    r = run("cp", "-v", name, b"g\xfe", cwd=str(tmp_path))
    assert tuple(r) == (b"''$'\\377' -> 'g'$'\\376'\n".replace(b"''$'\\377'", b"'f'$'\\377'"), b"", 0)
    assert open(os.path.join(os.fsencode(str(tmp_path)), b"g\xfe"), "rb").read() == b"x"


# -- overwriting ----------------------------------------------------------------

def test_no_clobber_interactive_update(run, d):
    (d / "b").write_bytes(b"old\n")
    assert tuple(run("cp", "-n", "a", "b", cwd=str(d))) == (b"", b"", 0)
    assert (d / "b").read_bytes() == b"old\n"
    r = run("cp", "-i", "a", "b", cwd=str(d), stdin=b"n\n")
    assert tuple(r) == (b"", b"cp: overwrite 'b'? ", 0)
    assert (d / "b").read_bytes() == b"old\n"
    r = run("cp", "-i", "a", "b", cwd=str(d), stdin=b"yes\n")
    assert (d / "b").read_bytes() == b"hello\n"
    os.utime(str(d / "b"), (2000000000, 2000000000))
    (d / "b").write_bytes(b"newer\n")
    os.utime(str(d / "b"), (2000000000, 2000000000))
    assert run("cp", "-u", "a", "b", cwd=str(d)).status == 0
    assert (d / "b").read_bytes() == b"newer\n"
    os.utime(str(d / "b"), (1, 1))
    run("cp", "-u", "a", "b", cwd=str(d))
    assert (d / "b").read_bytes() == b"hello\n"


def test_backups(run, d):
    (d / "b").write_bytes(b"1")
    r = run("cp", "-bv", "a", "b", cwd=str(d))
    assert r.out == b"'a' -> 'b' (backup: 'b~')\n"
    assert (d / "b~").read_bytes() == b"1"
    r = run("cp", "--backup=t", "-v", "a", "b", cwd=str(d))
    assert r.out == b"'a' -> 'b' (backup: 'b.~1~')\n"
    r = run("cp", "-b", "-v", "a", "b", cwd=str(d))  # existing: numbered ones exist now
    assert r.out == b"'a' -> 'b' (backup: 'b.~2~')\n"
    r = run("cp", "-S", ".bak", "-v", "a", "b", cwd=str(d))  # -S alone means backups, still "existing"
    assert r.out == b"'a' -> 'b' (backup: 'b.~3~')\n"
    r = run("cp", "-S", ".bak", "--backup=simple", "-v", "a", "b", cwd=str(d))
    assert r.out == b"'a' -> 'b' (backup: 'b.bak')\n"
    r = run("cp", "-bv", "a", "b", cwd=str(d), env={"VERSION_CONTROL": "simple", "SIMPLE_BACKUP_SUFFIX": ".s"})
    assert r.out == b"'a' -> 'b' (backup: 'b.s')\n"
    r = run("cp", "--backup=none", "-v", "a", "b", cwd=str(d))
    assert r.out == b"'a' -> 'b'\n"
    r = run("cp", "-b", "a", "b", cwd=str(d), env={"VERSION_CONTROL": "foo"})
    assert r.status == 1 and r.err.startswith(b"cp: invalid argument 'foo' for '$VERSION_CONTROL'\n")


def test_force_backup_of_source_itself(run, d):
    r = run("cp", "-fb", "a", "a", cwd=str(d))
    assert tuple(r) == (b"", b"", 0)
    assert (d / "a").read_bytes() == (d / "a~").read_bytes() == b"hello\n"


def test_same_file_through_symlink_never_truncates(run, d):
    os.symlink("a", str(d / "l"))
    r = run("cp", "a", "l", cwd=str(d))
    assert tuple(r) == (b"", b"cp: 'a' and 'l' are the same file\n", 1)
    r = run("cp", "-P", "a", "l", cwd=str(d))
    assert r.status == 1
    assert (d / "a").read_bytes() == b"hello\n"
    assert run("cp", "--remove-destination", "a", "l", cwd=str(d)).status == 0
    assert not os.path.islink(str(d / "l"))
    assert (d / "a").read_bytes() == b"hello\n"


def test_dangling_destination_link(run, d):
    os.symlink("nowhere", str(d / "dang"))
    r = run("cp", "a", "dang", cwd=str(d))
    assert tuple(r) == (b"", b"cp: not writing through dangling symlink 'dang'\n", 1)
    assert not (d / "nowhere").exists()
    r = run("cp", "a", "dang", cwd=str(d), env={"POSIXLY_CORRECT": "1"})
    assert r.status == 0 and (d / "nowhere").read_bytes() == b"hello\n"


def test_writes_through_existing_link_like_gnu(run, d):
    (d / "target").write_bytes(b"t")
    os.symlink("target", str(d / "l"))
    assert run("cp", "a", "l", cwd=str(d)).status == 0
    assert os.path.islink(str(d / "l")) and (d / "target").read_bytes() == b"hello\n"


def test_attributes_only(run, d):
    (d / "b").write_bytes(b"keep")
    os.chmod(str(d / "a"), 0o611)
    assert run("cp", "--attributes-only", "-p", "a", "b", "c", "dir", cwd=str(d)).status == 1
    assert run("cp", "--attributes-only", "-p", "a", "b", cwd=str(d)).status == 0
    assert (d / "b").read_bytes() == b"keep"
    assert stat.S_IMODE(os.stat(str(d / "b")).st_mode) == 0o611


# -- links ----------------------------------------------------------------------

def test_hard_and_symbolic_links(run, d):
    assert run("cp", "-l", "a", "h", cwd=str(d)).status == 0
    assert os.stat(str(d / "h")).st_ino == os.stat(str(d / "a")).st_ino
    assert run("cp", "-s", "a", "s", cwd=str(d)).status == 0
    assert os.readlink(str(d / "s")) == "a"
    r = run("cp", "-l", "-s", "a", "x", cwd=str(d))
    assert r.status == 1 and r.err.startswith(b"cp: cannot make both hard and symbolic links\n")


def test_planted_symlink_is_not_followed(run, tmp_path):
    outside = tmp_path / "secret"
    outside.mkdir()
    (outside / "key").write_bytes(b"s3cret")
    src = tmp_path / "src"
    src.mkdir()
    os.symlink(str(outside), str(src / "evil"))
    os.symlink(str(outside / "key"), str(src / "evilfile"))
    for opt in ("-r", "-R", "-a", "-rP"):
        dst = tmp_path / ("dst" + opt)
        assert run("cp", opt, "src", str(dst), cwd=str(tmp_path)).status == 0
        assert os.readlink(str(dst / "evil")) == str(outside)
        assert os.readlink(str(dst / "evilfile")) == str(outside / "key")
    # -L follows, as asked
    assert run("cp", "-rL", "src", "dL", cwd=str(tmp_path)).status == 0
    assert (tmp_path / "dL" / "evil" / "key").read_bytes() == b"s3cret"
    assert not os.path.islink(str(tmp_path / "dL" / "evil"))


def test_dereference_options(run, tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "f").write_bytes(b"x")
    os.symlink("d", str(tmp_path / "ld"))
    assert run("cp", "-r", "ld", "c1", cwd=str(tmp_path)).status == 0
    assert os.path.islink(str(tmp_path / "c1"))
    assert run("cp", "-rH", "ld", "c2", cwd=str(tmp_path)).status == 0
    assert not os.path.islink(str(tmp_path / "c2")) and (tmp_path / "c2" / "f").exists()
    os.symlink("nowhere", str(tmp_path / "dang"))
    r = run("cp", "dang", "c3", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"cp: cannot stat 'dang': No such file or directory\n", 1)
    assert run("cp", "-P", "dang", "c4", cwd=str(tmp_path)).status == 0
    assert os.readlink(str(tmp_path / "c4")) == "nowhere"


# -- trees ----------------------------------------------------------------------

def test_recursive_verbose_and_into_itself(run, tmp_path):
    (tmp_path / "s" / "t").mkdir(parents=True)
    (tmp_path / "s" / "t" / "u").write_bytes(b"1")
    r = run("cp", "-r", "s", "s/t", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"cp: cannot copy a directory, 's', into itself, 's/t/s'\n", 1)
    assert (tmp_path / "s" / "t" / "s" / "t" / "u").read_bytes() == b"1"
    assert not (tmp_path / "s" / "t" / "s" / "t" / "s").exists()
    (tmp_path / "w" / "t").mkdir(parents=True)
    (tmp_path / "w" / "t" / "u").write_bytes(b"1")
    r = run("cp", "-rv", "w/t", "c", cwd=str(tmp_path))
    assert tuple(r) == (b"'w/t' -> 'c'\n'w/t/u' -> 'c/u'\n", b"", 0)
    r = run("cp", "-rv", "w/t/", "c", cwd=str(tmp_path))
    assert tuple(r) == (b"'w/t/' -> 'c/t'\n'w/t/u' -> 'c/t/u'\n", b"", 0)


def test_overwrite_kind_mismatch(run, tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "f").write_bytes(b"")
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "d").write_bytes(b"")
    (tmp_path / "x" / "f").mkdir()
    r = run("cp", "-r", "d", "f", "x", cwd=str(tmp_path))
    assert r.err == (b"cp: cannot overwrite non-directory 'x/d' with directory 'd'\n"
                     b"cp: cannot overwrite directory 'x/f' with non-directory\n")
    assert r.status == 1


def test_parents(run, tmp_path):
    (tmp_path / "p" / "q").mkdir(parents=True)
    (tmp_path / "p" / "q" / "r").write_bytes(b"r")
    (tmp_path / "d").mkdir()
    os.chmod(str(tmp_path / "p" / "q"), 0o750)
    r = run("cp", "-v", "--parents", "-p", "p/q/r", "d", cwd=str(tmp_path))
    assert tuple(r) == (b"p -> d/p\np/q -> d/p/q\n'p/q/r' -> 'd/p/q/r'\n", b"", 0)
    assert stat.S_IMODE(os.stat(str(tmp_path / "d" / "p" / "q")).st_mode) == 0o750


def test_sparse(run, tmp_path):
    p = tmp_path / "sp"
    with open(str(p), "wb") as f:
        f.truncate(8 << 20)
        f.seek(4 << 20)
        f.write(b"data")
    if os.stat(str(p)).st_blocks * 512 >= 8 << 20:
        pytest.skip("no sparse files here")
    for mode, sparse in (("auto", True), ("never", False), ("always", True)):
        out = tmp_path / ("c-" + mode)
        assert run("cp", "--sparse=" + mode, "sp", str(out), cwd=str(tmp_path)).status == 0
        assert out.read_bytes() == p.read_bytes()
        blocks = os.stat(str(out)).st_blocks * 512
        assert (blocks < 1 << 20) == sparse, (mode, blocks)
    # always makes holes out of written zeros too
    assert run("cp", "--sparse=always", "c-never", "c-again", cwd=str(tmp_path)).status == 0
    assert os.stat(str(tmp_path / "c-again")).st_blocks * 512 < 1 << 20
    assert (tmp_path / "c-again").read_bytes() == p.read_bytes()


def test_xattrs(run, d):
    try:
        os.setxattr(str(d / "a"), "user.pybox", b"v")
    except OSError:
        pytest.skip("no user xattrs here")
    assert run("cp", "-a", "a", "x1", cwd=str(d)).status == 0
    assert os.getxattr(str(d / "x1"), "user.pybox") == b"v"
    assert run("cp", "a", "x2", cwd=str(d)).status == 0
    assert "user.pybox" not in os.listxattr(str(d / "x2"))
    assert run("cp", "--preserve=xattr", "a", "x3", cwd=str(d)).status == 0
    assert os.getxattr(str(d / "x3"), "user.pybox") == b"v"


def test_special_files(run, tmp_path):
    os.mkfifo(str(tmp_path / "fifo"))
    assert run("cp", "-r", "fifo", "f2", cwd=str(tmp_path)).status == 0
    assert stat.S_ISFIFO(os.lstat(str(tmp_path / "f2")).st_mode)
    if os.geteuid() == 0:
        assert run("cp", "-a", "/dev/null", "nul", cwd=str(tmp_path)).status == 0
        st = os.lstat(str(tmp_path / "nul"))
        assert stat.S_ISCHR(st.st_mode) and st.st_rdev == os.stat("/dev/null").st_rdev


def test_hard_links_kept_with_a(run, tmp_path):
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "f").write_bytes(b"x")
    os.link(str(tmp_path / "s" / "f"), str(tmp_path / "s" / "g"))
    run("cp", "-a", "s", "a", cwd=str(tmp_path))
    run("cp", "-r", "s", "r", cwd=str(tmp_path))
    assert os.stat(str(tmp_path / "a" / "f")).st_ino == os.stat(str(tmp_path / "a" / "g")).st_ino
    assert os.stat(str(tmp_path / "r" / "f")).st_ino != os.stat(str(tmp_path / "r" / "g")).st_ino


def test_unreadable_source_reported(run, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads everything")
    (tmp_path / "a").write_bytes(b"x")
    os.chmod(str(tmp_path / "a"), 0)
    r = run("cp", "a", "b", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"cp: cannot open 'a' for reading: Permission denied\n", 1)


def _tiny_tmpfs(path):
    if os.geteuid() != 0:
        pytest.skip("needs root to mount")
    os.mkdir(path)
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", path],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if p.returncode:
        pytest.skip("cannot mount a tmpfs here")
    return path


def test_full_disk(run, tmp_path):
    full = _tiny_tmpfs(str(tmp_path / "full"))
    try:
        data = os.urandom(300 * 1024)
        (tmp_path / "big").write_bytes(data)
        r = run("cp", "big", "full/x", cwd=str(tmp_path))
        assert r.status == 1
        assert r.err == b"cp: error writing 'full/x': No space left on device\n"
        assert (tmp_path / "big").read_bytes() == data
    finally:
        subprocess.run(["umount", full])


# -- differential -------------------------------------------------------------

@pytest.mark.parametrize("script", [
    "$CP -a s a1",
    "$CP -r s r1 && $CP -rd s d1",
    "$CP -rL s/t L1 && $CP -rH s H1",
    "$CP -R --copy-contents s/t cc",
    "$CP -a --no-preserve=mode s nm && $CP -r --no-preserve=mode s nm2",
    "$CP --preserve=links -r s pl && $CP -p s/f s/empty .",
    "umask 077; $CP -r s um; umask 002; $CP -r s um2",
    "$CP -rl s hl; $CP -rs s sl; echo $?",
    "mkdir x && $CP -r s x && $CP -r s x && $CP -a s/t x/s",
    "$CP -a s/f s/l s/dangle s/t . ; $CP -v s/f s/empty /nonexistent/ ; echo $?",
])
def test_differential_trees(bindir, gnu, tmp_path, script):
    differ(bindir, gnu, tmp_path, script, setup=TREE, times=True, sort_out=True)


@pytest.mark.parametrize("script", [
    "touch a b c; $CP -l a b; $CP -lf a b; $CP -s a b; $CP -sf a b; $CP -s a c; $CP -sfv a c; $CP -lv a b;"
    " $CP --backup=t -l a b; $CP -s a d/x; mkdir d; $CP -s a ./q; $CP -s a d/x; $CP -s a d/../q3; ls -l",
    "mkdir -p s/x d/s/y t; touch s/f s/y d/s/x t/f; $CP -b s/f s/f d; $CP s/f t/f d; mkdir -p a/x b/x;"
    " touch a/x/f b/x/f; $CP -r a/x b/x d; $CP -a a/x/f b/x/f d; ln s/f s/h; $CP -d s/f s/h t; ls -l t",
    "echo 1 > a; ln -s a la; $CP --remove-destination a la; ln -s x dang; $CP a dang; $CP -f a dang; ls -l",
    "echo 1 > a; $CP --attributes-only a b; echo hello > c; $CP --attributes-only a c",
    "echo 1 > a; touch -d 2000-01-01 old; $CP -u a old; $CP -uv old a; $CP -uv a new",
    "echo 1 > a; mkdir d; $CP -bv a d; $CP -bv a d; $CP --backup=t -v a d; $CP --backup=t -v a d; ls d",
    "echo 1 > a; mkdir d; $CP -v --parents a d; mkdir -p p/q; touch p/q/r; $CP -v --parents p/q/r d",
    # (not `cp -r d d`: what GNU copies then depends on the inode order of d/e and the new d/d)
    "mkdir -p d/e; $CP -rv d/ x; $CP -rv --strip-trailing-slashes d/ y; $CP -r d/e d",
])
def test_differential_misc(bindir, gnu, tmp_path, script):
    differ(bindir, gnu, tmp_path, script)


_names = st.sampled_from(["a", "b", "c", "dd", "e f", "g\\$"])


@st.composite
def trees(draw, depth=0):
    lines = []
    for name in draw(st.lists(_names, max_size=4, unique=True)):
        kind = draw(st.sampled_from(["file", "dir", "link", "hard"] if depth < 2 else ["file", "link"]))
        if kind == "file":
            mode = draw(st.sampled_from(["644", "600", "755", "4711", "444"]))
            lines.append("printf '%%s' %s > '%s'; chmod %s '%s'" % (draw(st.sampled_from(["x", "''", "yy"])),
                                                                     name, mode, name))
        elif kind == "dir":
            sub = draw(trees(depth + 1))
            lines.append("mkdir '%s' && (cd '%s' && %s)" % (name, name, sub or ":"))
        elif kind == "link":
            lines.append("ln -s '%s' '%s'" % (draw(_names), name))
        else:
            lines.append("printf h > '%s.h'; ln '%s.h' '%s'" % (name, name, name))
    return "; ".join(lines)


@settings(max_examples=6, phases=[Phase.generate])
@given(tree=trees(), opts=st.sampled_from(["-a", "-r", "-rL", "-p -r", "-rl", "-d -r", "--preserve=links,mode -R"]))
def test_hypothesis_trees(bindir, gnu, tmp_path_factory, tree, opts):
    tmp = tmp_path_factory.mktemp("h")
    differ(bindir, gnu, tmp, "%s -- src dst; %s src dst; echo $?" % ("$CP " + opts, "$CP " + opts),
           setup="mkdir src && cd src && %s" % (tree or ":"), times=True, sort_out=True)


def test_one_file_system(run, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "f").write_bytes(b"f")
    mnt = _tiny_tmpfs(str(src / "mnt"))
    try:
        with open(os.path.join(mnt, "inside"), "wb") as f:
            f.write(b"i")
        assert run("cp", "-rx", "src", "x", cwd=str(tmp_path)).status == 0
        assert (tmp_path / "x" / "f").exists() and (tmp_path / "x" / "mnt").is_dir()
        assert os.listdir(str(tmp_path / "x" / "mnt")) == []
        assert run("cp", "-r", "src", "y", cwd=str(tmp_path)).status == 0
        assert (tmp_path / "y" / "mnt" / "inside").read_bytes() == b"i"
    finally:
        subprocess.run(["umount", mnt])


def test_source_named_twice(run, d):
    r = run("cp", "a", "a", "dir", cwd=str(d))
    assert tuple(r) == (b"", b"cp: warning: source file 'a' specified more than once\n", 0)
    r = run("cp", "-r", "dir/", "dir", "x", cwd=str(d))
    assert r.status == 1  # x is not a directory
    (d / "t").mkdir()
    r = run("cp", "-rv", "dir", "dir", "t", cwd=str(d))
    assert tuple(r) == (b"'dir' -> 't/dir'\n'dir/a' -> 't/dir/a'\n",
                        b"cp: warning: source directory 'dir' specified more than once\n", 0)


def test_reflink_needs_sparse_auto(run, d):
    r = run("cp", "--reflink", "--sparse=never", "a", "b", cwd=str(d))
    assert r.status == 1 and r.err.startswith(b"cp: --reflink can be used only with --sparse=auto\n")


def test_symlink_in_destination_tree_not_entered(run, tmp_path):
    """A link planted in the destination where the source has a directory
    is an error, never a way out of the destination (as GNU)."""
    (tmp_path / "s" / "sub").mkdir(parents=True)
    (tmp_path / "s" / "sub" / "f").write_bytes(b"f")
    (tmp_path / "outside").mkdir()
    (tmp_path / "t").mkdir()
    os.symlink(str(tmp_path / "outside"), str(tmp_path / "t" / "sub"))
    r = run("cp", "-r", "s/.", "t", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"cp: cannot overwrite non-directory 't/./sub' with directory 's/./sub'\n", 1)
    assert os.listdir(str(tmp_path / "outside")) == []


def test_differential_destination_links(bindir, gnu, tmp_path):
    differ(bindir, gnu, tmp_path, "mkdir -p s/sub tgt t t2; touch s/sub/f; ln -s ../tgt t/sub; $CP -r s/. t;"
           " ln -s ../tgt t2/sub; $CP -a s/. t2; ln -s nowhere t4; $CP -r s/sub t4; ln -s tgt t5;"
           " $CP -rT s/sub t5; ls tgt")


def test_unwritable_destination(run, d):
    """Root writes everywhere but on a read-only file system."""
    ro = str(d / "ro")
    os.mkdir(ro)
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", ro],
                                           stderr=subprocess.DEVNULL).returncode:
        pytest.skip("cannot mount a read-only tmpfs here")
    try:
        r = run("cp", "a", "ro/x", cwd=str(d))
        assert tuple(r) == (b"", b"cp: cannot create regular file 'ro/x': Read-only file system\n", 1)
        r = run("cp", "-r", "dir", "ro/", cwd=str(d))
        assert tuple(r) == (b"", b"cp: cannot create directory 'ro/dir': Read-only file system\n", 1)
        assert (d / "a").read_bytes() == b"hello\n"
    finally:
        subprocess.run(["umount", ro])


def test_just_created_and_hard_linked_operands(run, tmp_path):
    for n in ("s", "t", "d"):
        (tmp_path / n).mkdir()
    (tmp_path / "s" / "f").write_bytes(b"s")
    (tmp_path / "t" / "f").write_bytes(b"t")
    r = run("cp", "s/f", "t/f", "d", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"cp: will not overwrite just-created 'd/f' with 't/f'\n", 1)
    assert (tmp_path / "d" / "f").read_bytes() == b"s"
    os.link(str(tmp_path / "s" / "f"), str(tmp_path / "s" / "h"))
    r = run("cp", "-d", "s/f", "s/h", "t", cwd=str(tmp_path))  # -d keeps them linked, no warning
    assert tuple(r) == (b"", b"", 0)
    assert os.stat(str(tmp_path / "t" / "f")).st_ino == os.stat(str(tmp_path / "t" / "h")).st_ino


def test_remove_destination_verbose(run, d):
    (d / "b").write_bytes(b"")
    r = run("cp", "--remove-destination", "-v", "a", "b", cwd=str(d))
    assert tuple(r) == (b"removed 'b'\n'a' -> 'b'\n", b"", 0)
