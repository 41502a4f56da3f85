"""mknod: FIFOs, block and character devices (major/minor in decimal,
octal, hex), -m, -Z/--context, operand-count messages, errors, and GNU
differential tests."""
import os
import stat

import pytest

from _fstree import both

H = b"Try 'mknod --help' for more information.\n"


@pytest.mark.parametrize("args, err", [
    ([], b"mknod: missing operand\n"),
    (["a"], b"mknod: missing operand after 'a'\n"),
    (["a", "b"], b"mknod: missing operand after 'b'\nSpecial files require major and minor device numbers.\n"),
    (["a", "c", "1"], b"mknod: missing operand after '1'\n"),
    (["a", "p", "1"], b"mknod: extra operand '1'\n"),
    (["a", "p", "1", "2"], b"mknod: extra operand '1'\nFifos do not have major and minor device numbers.\n"),
    (["a", "x", "1", "2"], b"mknod: invalid device type 'x'\n"),
    (["a", "", "1", "2"], b"mknod: invalid device type ''\n"),
    (["a", "character", "1", "2", "3"], b"mknod: extra operand '3'\n"),
])
def test_usage(run, tmp_path, args, err):
    assert tuple(run("mknod", *args, cwd=str(tmp_path))) == (b"", err + H, 1)


def test_fifo(run, tmp_path):
    assert tuple(run("mknod", "p1", "p", cwd=str(tmp_path))) == (b"", b"", 0)
    assert tuple(run("mknod", "p2", "pipe", cwd=str(tmp_path))) == (b"", b"", 0)
    assert stat.S_ISFIFO(os.stat(tmp_path / "p1").st_mode) and stat.S_ISFIFO(os.stat(tmp_path / "p2").st_mode)
    assert tuple(run("mknod", "p1", "p", cwd=str(tmp_path))) == (b"", b"mknod: p1: File exists\n", 1)
    assert tuple(run("mknod", "nod/x", "p", cwd=str(tmp_path))) == (
        b"", b"mknod: nod/x: No such file or directory\n", 1)


@pytest.mark.skipif(os.geteuid() != 0, reason="device nodes need root")
def test_devices(run, tmp_path):
    assert run("mknod", "c1", "c", "0x10", "010", cwd=str(tmp_path)).status == 0
    st = os.stat(tmp_path / "c1")
    assert stat.S_ISCHR(st.st_mode) and (os.major(st.st_rdev), os.minor(st.st_rdev)) == (16, 8)
    assert run("mknod", "-m", "600", "b1", "b", "7", "3", cwd=str(tmp_path)).status == 0
    st = os.stat(tmp_path / "b1")
    assert stat.S_ISBLK(st.st_mode) and stat.S_IMODE(st.st_mode) == 0o600
    assert (os.major(st.st_rdev), os.minor(st.st_rdev)) == (7, 3)
    assert run("mknod", "u1", "u", "1", "3", cwd=str(tmp_path)).status == 0
    assert stat.S_ISCHR(os.stat(tmp_path / "u1").st_mode)


@pytest.mark.parametrize("args, err", [
    (["a", "c", "x", "2"], b"mknod: invalid major device number 'x'\n"),
    (["a", "c", "1", "x"], b"mknod: invalid minor device number 'x'\n"),
    (["a", "c", "4294967296", "0"], b"mknod: invalid major device number '4294967296'\n"),
    (["-m", "bad", "a", "p"], b"mknod: invalid mode\n"),
    (["-m", "1777", "a", "p"], b"mknod: mode must specify only file permission bits\n"),
])
def test_bad_values(run, tmp_path, args, err):
    assert tuple(run("mknod", *args, cwd=str(tmp_path))) == (b"", err, 1)
    assert not os.path.lexists(tmp_path / "a")


def test_context(run, tmp_path):
    assert tuple(run("mknod", "-Z", "a", "p", cwd=str(tmp_path))) == (b"", b"", 0)
    assert tuple(run("mknod", "--context=x", "b", "p", cwd=str(tmp_path))) == (
        b"", b"mknod: warning: ignoring --context; it requires an SELinux/SMACK-enabled kernel\n", 0)


@pytest.mark.parametrize("args", [
    ["a", "p"], ["-m", "a=rwx", "z", "p"], ["a", "c", "0x10", "010"], ["-m", "600", "b2", "b", "7", "0"],
    ["u1", "u", "1", "3"], ["f", "p"], ["a", "c", "4294967295", "4294967295"], ["a", "c", "", "1"],
    ["a", "c", " 1", "1"], ["a", "b"], ["a", "p", "1", "2"], ["-m", "u+s", "a", "p"],
])
def test_same_as_gnu(run, run_gnu, tmp_path, args):
    if os.geteuid() != 0 and args[1:2] != ["p"]:
        pytest.skip("device nodes need root")
    both(run, run_gnu, tmp_path, {"f": b""}, "mknod", *args)
