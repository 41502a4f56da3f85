"""install: modes (never wider than asked, even for a moment), -d/-D,
-C, -v, backups, owners, -s through a strip program, -p, the messages,
and differential tests against GNU install."""
import os
import stat

import pytest

from _copyfs import differ


@pytest.fixture
def d(tmp_path):
    (tmp_path / "a").write_bytes(b"hello\n")
    os.chmod(str(tmp_path / "a"), 0o644)
    return tmp_path


def mode(p):
    return stat.S_IMODE(os.stat(str(p)).st_mode)


def test_default_mode_and_modes(run, d):
    assert tuple(run("install", "a", "b", cwd=str(d))) == (b"", b"", 0)
    assert mode(d / "b") == 0o755 and (d / "b").read_bytes() == b"hello\n"
    for m, want in (("644", 0o644), ("u+x", 0o100), ("a=r,u+w", 0o644), ("4750", 0o4750), ("g=X", 0)):
        assert run("install", "-m", m, "a", "c", cwd=str(d)).status == 0
        assert mode(d / "c") == want, m


def test_never_wider_than_asked(run, d, tmp_path):
    """The strip program sees the file before its final mode: it is 0600."""
    spy = tmp_path / "spy"
    spy.write_text("#!/bin/sh\nstat -c %%a \"$1\" > %s\n" % (tmp_path / "seen"))
    os.chmod(str(spy), 0o755)
    r = run("install", "-s", "--strip-program=" + str(spy), "-m", "444", "a", "b", cwd=str(d))
    assert tuple(r) == (b"", b"", 0)
    assert (tmp_path / "seen").read_bytes() == b"600\n"
    assert mode(d / "b") == 0o444


def test_strip_failures(run, d):
    r = run("install", "-s", "--strip-program=false", "a", "b", cwd=str(d))
    assert tuple(r) == (b"", b"install: strip process terminated abnormally\n", 1)
    assert not (d / "b").exists()
    r = run("install", "-s", "--strip-program=/nonexistent/strip", "a", "b", cwd=str(d))
    assert r.status == 1
    assert r.err == b"install: cannot run '/nonexistent/strip': No such file or directory\n"


def test_directories(run, d):
    r = run("install", "-dv", "-m", "700", "x/y/z", cwd=str(d))
    assert tuple(r) == (b"install: creating directory 'x'\ninstall: creating directory 'x/y'\n"
                        b"install: creating directory 'x/y/z'\n", b"", 0)
    assert mode(d / "x") == 0o755 and mode(d / "x" / "y" / "z") == 0o700
    assert tuple(run("install", "-dv", "x", cwd=str(d))) == (b"", b"", 0)
    r = run("install", "-d", "a/b", cwd=str(d))
    assert tuple(r) == (b"", b"install: cannot create directory 'a': Not a directory\n", 1)


def test_leading_directories(run, d):
    r = run("install", "-Dv", "a", "q/r/s", cwd=str(d))
    assert tuple(r) == (b"install: creating directory 'q'\ninstall: creating directory 'q/r'\n"
                        b"'a' -> 'q/r/s'\n", b"", 0)
    r = run("install", "-D", "-t", "n1/n2", "a", cwd=str(d))
    assert r.status == 0 and (d / "n1" / "n2" / "a").exists()


def test_compare(run, d):
    assert run("install", "-m", "644", "a", "b", cwd=str(d)).status == 0
    ino = os.stat(str(d / "b")).st_ino
    assert tuple(run("install", "-Cv", "-m", "644", "a", "b", cwd=str(d))) == (b"", b"", 0)
    assert os.stat(str(d / "b")).st_ino == ino
    r = run("install", "-Cv", "-m", "600", "a", "b", cwd=str(d))
    assert tuple(r) == (b"removed 'b'\n'a' -> 'b'\n", b"", 0)
    (d / "a").write_bytes(b"changed\n")
    r = run("install", "-Cv", "-m", "600", "a", "b", cwd=str(d))
    assert r.out == b"removed 'b'\n'a' -> 'b'\n" and (d / "b").read_bytes() == b"changed\n"


def test_replaces_not_writes_through(run, d):
    """The old destination is unlinked: its other hard links keep the data."""
    (d / "b").write_bytes(b"old")
    os.link(str(d / "b"), str(d / "b2"))
    assert run("install", "a", "b", cwd=str(d)).status == 0
    assert (d / "b2").read_bytes() == b"old" and (d / "b").read_bytes() == b"hello\n"


def test_backup_verbose(run, d):
    (d / "b").write_bytes(b"old")
    r = run("install", "-bv", "a", "b", cwd=str(d))
    assert tuple(r) == (b"'a' -> 'b' (backup: 'b~')\n", b"", 0)
    r = run("install", "--backup=t", "-S", "x", "-v", "a", "b", cwd=str(d))
    assert r.out == b"'a' -> 'b' (backup: 'b.~1~')\n"


def test_owner_group_preserve(run, d):
    if os.geteuid() != 0:
        pytest.skip("needs root")
    os.utime(str(d / "a"), ns=(7, 981_173_106_123_456_789))
    r = run("install", "-o", "12345", "-g", "54321", "-p", "a", "b", cwd=str(d))
    assert tuple(r) == (b"", b"", 0)
    st = os.stat(str(d / "b"))
    assert (st.st_uid, st.st_gid, st.st_mtime_ns) == (12345, 54321, 981_173_106_123_456_789)
    r = run("install", "-o", "root", "-g", "root", "a", "c", cwd=str(d))
    assert r.status == 0


@pytest.mark.parametrize("args, err", [
    (["-m", "999", "a", "b"], b"install: invalid mode '999'\n"),
    (["-m", "u+q", "a", "b"], b"install: invalid mode 'u+q'\n"),
    (["-o", "nobody-xyz", "a", "b"], b"install: invalid user 'nobody-xyz'\n"),
    (["-g", "nogroup-xyz", "a", "b"], b"install: invalid group 'nogroup-xyz'\n"),
    (["nope", "b"], b"install: cannot stat 'nope': No such file or directory\n"),
    (["a", "a"], b"install: 'a' and 'a' are the same file\n"),
    (["-t", "nonex", "a"], b"install: failed to access 'nonex': No such file or directory\n"),
    (["-t", "a", "a"], b"install: failed to access 'a': Not a directory\n"),
    (["a", "d/"], b"install: cannot create regular file 'd/': Not a directory\n"),
])
def test_errors(run, d, args, err):
    assert tuple(run("install", *args, cwd=str(d))) == (b"", err, 1)


@pytest.mark.parametrize("args, first", [
    ([], b"install: missing file operand\n"),
    (["-d"], b"install: missing file operand\n"),
    (["a"], b"install: missing destination file operand after 'a'\n"),
    (["-D", "a"], b"install: missing destination file operand after 'a'\n"),
    (["--backup=q", "a", "b"], b"install: invalid argument 'q' for 'backup type'\n"),
])
def test_usage_errors(run, d, args, first):
    r = run("install", *args, cwd=str(d))
    assert r.status == 1
    assert r.err.startswith(first) and r.err.endswith(b"Try 'install --help' for more information.\n")


def test_context_options(run, d):
    if os.path.exists("/sys/fs/selinux/enforce"):
        pytest.skip("SELinux kernel")
    assert tuple(run("install", "-Z", "a", "z", cwd=str(d))) == (b"", b"", 0)
    r = run("install", "--preserve-context", "a", "z2", cwd=str(d))
    assert tuple(r) == (b"", b"install: WARNING: ignoring --preserve-context; this kernel is not SELinux-enabled\n",
                        0)


@pytest.mark.parametrize("script", [
    "echo hi > a; echo x > c; $INSTALL -bv c a; $INSTALL -v -d x/y/z; $INSTALL -Dv c q/r/s; ls -lR",
    "echo hi > a; $INSTALL -v a b; $INSTALL -v a b; $INSTALL -Cv a b; echo hi2 > a; $INSTALL -Cv a b;"
    " $INSTALL -bv a b; $INSTALL -dv e; $INSTALL -dv e; $INSTALL -v -d -m 700 e",
    "echo hi > a; touch b; $INSTALL -v a b c; mkdir dd; $INSTALL -v a b dd; $INSTALL -m 644 a c;"
    " $INSTALL -m u+x a c2; $INSTALL -m a=r,u+w a c3; $INSTALL -d -m 700 x2/y; $INSTALL -c a cc",
    "echo hi > a; mkdir x; $INSTALL -T a x; $INSTALL x xx; $INSTALL -d a/b; $INSTALL -p a pp;"
    " $INSTALL -D -t n1/n2 a; $INSTALL a a; $INSTALL -o 4242 -g 4343 -m 2711 a own; ls -lnR",
])
def test_differential(bindir, gnu, tmp_path, script):
    differ(bindir, gnu, tmp_path, script, times=True)
