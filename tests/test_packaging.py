"""Packaging: the build backend's wheel, the installed launcher, and third-party
packages (psutil) reachable from a -I -S interpreter."""
import os
import subprocess
import sys
import zipfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INSTALLED = os.path.join(os.path.dirname(sys.executable), "pybox")


def _backend():
    sys.path.insert(0, os.path.join(ROOT, "bin"))
    try:
        import pybox_build
    finally:
        sys.path.pop(0)
    return pybox_build


def test_wheel_holds_packages_and_a_fast_launcher(tmp_path):
    name = _backend().build_wheel(str(tmp_path))
    with zipfile.ZipFile(tmp_path / name) as z:
        names = set(z.namelist())
        script = z.read("pybox-0.1.0.data/scripts/pybox").decode()
        meta = z.read("pybox-0.1.0.dist-info/METADATA").decode()
        record = z.read("pybox-0.1.0.dist-info/RECORD").decode()
        mode = z.getinfo("pybox-0.1.0.data/scripts/pybox").external_attr >> 16
    assert {"multicall/main.py", "multicall/options.py", "applets/coreutils/cat.py",
            "compat/site.py"} <= names
    assert not any("__pycache__" in n or n.startswith("tests/") for n in names)
    first = script.splitlines()[0]
    assert first == "#!%s -IS" % sys.executable
    assert "ROOT = None" not in script and "ROOT = '" in script
    assert "import re" not in script
    assert mode & 0o111
    assert "Requires-Dist: psutil" in meta
    assert 'Requires-Dist: pytest; extra == "test"' in meta
    assert all(n in record for n in names)


def test_editable_wheel_points_at_the_checkout(tmp_path):
    name = _backend().build_editable(str(tmp_path))
    with zipfile.ZipFile(tmp_path / name) as z:
        pth = z.read("__editable__.pybox.pth").decode()
        script = z.read("pybox-0.1.0.data/scripts/pybox").decode()
    assert pth.strip() == ROOT
    assert "ROOT = %r" % ROOT in script


@pytest.mark.skipif(__import__("importlib.util").util.find_spec("psutil") is None,
                    reason="psutil is not installed for this interpreter")
def test_psutil_reachable_without_site():
    # The launchers run with -I -S; compat.site adds site-packages on demand.
    code = ("import sys; sys.path.insert(0, %r); from compat.site import external; "
            "m = external('psutil'); print(m.__name__, callable(m.cpu_count))" % ROOT)
    r = subprocess.run([sys.executable, "-I", "-S", "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "psutil True\n"


needs_installed = pytest.mark.skipif(not os.path.exists(INSTALLED),
                                     reason="no pybox installed beside this interpreter")


@needs_installed
def test_installed_launcher_runs_with_isolated_python():
    with open(INSTALLED) as f:
        first = f.readline().rstrip("\n")
    assert first.startswith("#!") and first.endswith(" -IS")
    r = subprocess.run([INSTALLED, "echo", "hi"], capture_output=True)
    assert (r.stdout, r.stderr, r.returncode) == (b"hi\n", b"", 0)


@needs_installed
def test_installed_launcher_hard_link_install(tmp_path_factory):
    # Hard links need the same file system as the launcher.
    import tempfile
    d = tempfile.mkdtemp(dir=os.path.dirname(INSTALLED), prefix="links-")
    try:
        r = subprocess.run([INSTALLED, "--install", d], capture_output=True)
        assert (r.stderr, r.returncode) == (b"", 0)
        st = os.stat(os.path.join(d, "cat"))
        assert st.st_ino == os.stat(INSTALLED).st_ino
        r = subprocess.run([os.path.join(d, "echo"), "linked"], capture_output=True)
        assert (r.stdout, r.returncode) == (b"linked\n", 0)
        r = subprocess.run([os.path.join(d, "basename"), "/a/b"], capture_output=True)
        assert r.stdout == b"b\n"
    finally:
        for n in os.listdir(d):
            os.unlink(os.path.join(d, n))
        os.rmdir(d)


def test_checkout_launcher_refuses_hard_links(tmp_path):
    env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
    r = subprocess.run([os.path.join(ROOT, "bin", "pybox"), "--install", str(tmp_path)],
                       capture_output=True, env=env)
    assert r.returncode == 1
    assert r.stderr.startswith(b"pybox: hard links to a source checkout's bin/pybox")
    assert os.listdir(tmp_path) == []
