"""hostname: showing the name and its forms (-s -f -d -a -i -I -A -y), the
option errors, and setting the name (NAME, -F FILE, -b, -y), which only
happens inside a new UTS namespace (`unshare -u`), never on the host."""
import os
import shutil
import subprocess
import sys

import pytest

from conftest import PYBOX, child_env


def test_show(run, via):
    assert tuple(run("hostname", via=via)) == (os.uname().nodename.encode() + b"\n", b"", 0)
    assert run("hostname", "-s").out == os.uname().nodename.partition(".")[0].encode() + b"\n"
    assert run("hostname", "--short").out == run("hostname", "-s").out


@pytest.mark.parametrize("args", [["-f"], ["--fqdn"], ["--long"], ["-d"], ["--domain"], ["-a"], ["--alias"],
                                  ["-i"], ["--ip-address"], ["-I"], ["--all-ip-addresses"], ["-A"],
                                  ["--all-fqdns"], ["-y"], ["--yp"], ["--nis"], ["-s"], []])
def test_against_debian_hostname(run, args):
    ref = shutil.which("hostname", path="/bin:/usr/bin")
    if ref is None or b"3." not in subprocess.run([ref, "-V"], capture_output=True).stdout:
        pytest.skip("Debian's hostname is not installed")
    g = subprocess.run([ref] + args, capture_output=True, env=child_env())
    assert tuple(run("hostname", *args)) == (g.stdout, g.stderr, g.returncode)


def test_errors(run):
    try_ = b"Try 'hostname --help' for more information.\n"
    assert tuple(run("hostname", "-x")) == (b"", b"hostname: invalid option -- 'x'\n" + try_, 255)
    assert tuple(run("hostname", "a", "b")) == (b"", b"hostname: extra operand 'b'\n" + try_, 255)
    assert run("hostname", "-s", "name").status == 255
    assert run("hostname", "-F", "f", "name").status == 255
    assert tuple(run("hostname", "-F", "/nonexist")) == (b"", b"hostname: No such file or directory\n", 1)
    assert run("hostname", "-h").out.startswith(b"Usage: hostname ")
    assert run("hostname", "-V").out.startswith(b"hostname (pybox) ")


def test_invalid_names_are_refused_before_setting(run):
    # checked before sethostname: safe to run outside a namespace
    for bad in ("a-", "-x", ".a", "a..b", "a_b", "a b", ""):
        assert tuple(run("hostname", "--", bad)) == (b"", b"hostname: the specified hostname is invalid\n", 1)


def in_uts_namespace(script):
    """Run a shell script in a new UTS namespace, with $P the pybox
    launcher; skip when unshare -u is not available."""
    unshare = shutil.which("unshare")
    if unshare is None or os.geteuid() != 0:
        pytest.skip("needs root and unshare")
    if subprocess.run([unshare, "-u", "true"], capture_output=True).returncode != 0:
        pytest.skip("unshare -u does not work here")
    env = child_env({"P": "%s -I -S %s" % (sys.executable, PYBOX)})
    p = subprocess.run([unshare, "-u", "/bin/sh", "-c", script], capture_output=True, env=env)
    return p.stdout, p.stderr, p.returncode


def test_set_name(tmp_path):
    before = os.uname().nodename
    f = tmp_path / "name"
    f.write_bytes(b"# comment\n\tfrom-file \nignored\n")
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    comments = tmp_path / "comments"
    comments.write_bytes(b"#only\n")
    out, err, status = in_uts_namespace(
        "$P hostname new.example.org && $P hostname && $P hostname -s;"
        "$P hostname -F %s && $P hostname;"
        "$P hostname -b -F %s/missing; echo b=$?; $P hostname -b -F %s; echo b=$?; $P hostname;"
        "$P hostname -F %s; echo c=$?;"
        "$P hostname %s; echo long=$?; $P hostname %s; echo ok64=$?;"
        "$P hostname -y nisdom && $P hostname -y && $P hostname --nis"
        % (f, tmp_path, empty, comments, "a." + "0" * 63, "0" * 64))
    assert out == (b"new.example.org\nnew\nfrom-file\nb=0\nb=0\nfrom-file\nc=1\nlong=1\nok64=0\n"
                   b"nisdom\nnisdom\n")
    assert err == b"hostname: the specified hostname is invalid\nhostname: name too long\n"
    assert status == 0
    assert os.uname().nodename == before  # the host's own name is untouched


def test_not_permitted():
    """Without CAP_SYS_ADMIN (setpriv drops it; the name is checked first,
    so nothing is set even if that failed) the name cannot change."""
    setpriv = shutil.which("setpriv")
    if setpriv is None or os.geteuid() != 0:
        pytest.skip("needs root and setpriv")
    p = subprocess.run([setpriv, "--bounding-set", "-sys_admin", "--inh-caps", "-sys_admin",
                        sys.executable, "-I", "-S", PYBOX, "hostname", os.uname().nodename],
                       capture_output=True, env=child_env())
    assert (p.stdout, p.stderr, p.returncode) == (b"", b"hostname: you must be root to change the host name\n", 1)
