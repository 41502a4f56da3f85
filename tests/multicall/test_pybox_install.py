"""`pybox --install` from the checkout launcher: into a root ($DESTDIR, each
link in its usual directory), existing names left alone, and bad usage."""
import os
import subprocess
import sys

from multicall.registry import APPLETS

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PYBOX = os.path.join(ROOT, "bin", "pybox")
ENV = dict(os.environ, LC_ALL="C", PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])


def pybox(*args, env=None):
    p = subprocess.run([PYBOX] + list(args), capture_output=True, env=dict(ENV, **(env or {})))
    return p.stdout, p.stderr, p.returncode


def test_install_into_destdir_puts_each_link_in_its_place(tmp_path):
    assert pybox("--install", "-s", env={"DESTDIR": str(tmp_path)}) == (b"", b"", 0)
    for app, (_, where, _) in APPLETS.items():
        link = tmp_path / where / app
        assert os.readlink(link) == os.path.realpath(PYBOX)
    out = subprocess.run([str(tmp_path / "usr/bin/head"), "-n", "1"], input=b"a\nb\n",
                         capture_output=True, env=ENV)
    assert (out.stdout, out.returncode) == (b"a\n", 0)
    listed = pybox("--list-full")[0].decode().split()
    assert sorted(listed) == sorted("%s/%s" % (w, a) for a, (_, w, _) in APPLETS.items())


def test_existing_names_are_left_alone(tmp_path):
    (tmp_path / "cat").write_bytes(b"mine")
    assert pybox("--install", "-s", str(tmp_path)) == (b"", b"", 0)
    assert (tmp_path / "cat").read_bytes() == b"mine"
    assert os.path.islink(tmp_path / "echo")
    # Running it again changes nothing and succeeds.
    assert pybox("--install", "-s", str(tmp_path)) == (b"", b"", 0)


def test_install_reports_a_missing_directory(tmp_path):
    out, err, status = pybox("--install", "-s", str(tmp_path / "nope"))
    assert status == 1
    names = sorted(APPLETS)
    plain = [i for i, n in enumerate(names) if n.isalnum()][0]  # (`[` is quoted)
    assert err.splitlines()[plain] == b"pybox: %s/%s: No such file or directory" % (
        str(tmp_path / "nope").encode(), names[plain].encode())


def test_install_usage_errors(tmp_path):
    assert pybox("--install", "-s", "a", "b") == (
        b"", b"pybox: extra operand 'b'\nTry 'pybox --help' for more information.\n", 1)
    assert pybox("--install", "--bogus") == (
        b"", b"pybox: unrecognized option '--bogus'\nTry 'pybox --help' for more information.\n", 1)
    assert pybox("--install", "-x") == (
        b"", b"pybox: invalid option -- 'x'\nTry 'pybox --help' for more information.\n", 1)
