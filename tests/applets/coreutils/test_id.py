"""id, whoami, groups: the default format, -u -g -G with -n -r -z, users by
name and number, the option conflicts, -Z's refusal, and differential tests
against GNU, also for processes whose real and effective ids differ."""
import grp
import os
import pwd
import subprocess

import pytest

from conftest import PYBOX, child_env

ROOT_LINE = b"uid=0(root) gid=0(root) groups=0(root)\n"
TRY = b"Try 'id --help' for more information.\n"


def user_with_groups():
    """A user with a supplementary group, for the group lists."""
    for pw in pwd.getpwall():
        if len(os.getgrouplist(pw.pw_name, pw.pw_gid)) > 1:
            return pw
    pytest.skip("no user with supplementary groups here")


def test_default(run, via):
    if os.getuid() != 0 or os.getgroups() not in ([], [0]):
        pytest.skip("expects to run as plain root")
    assert tuple(run("id", via=via)) == (ROOT_LINE, b"", 0)
    assert tuple(run("id", "-a")) == (ROOT_LINE, b"", 0)


def test_named_users(run):
    pw = pwd.getpwnam("root")
    for name in ("root", "0", "+0", " 0"):
        assert run("id", "-u", name).out == b"%d\n" % pw.pw_uid
    pw = user_with_groups()
    groups = os.getgrouplist(pw.pw_name, pw.pw_gid)
    expected = "uid=%d(%s) gid=%d(%s) groups=%s\n" % (
        pw.pw_uid, pw.pw_name, pw.pw_gid, grp.getgrgid(pw.pw_gid).gr_name,
        ",".join("%d(%s)" % (g, grp.getgrgid(g).gr_name) for g in groups))
    assert tuple(run("id", pw.pw_name)) == (expected.encode(), b"", 0)
    assert run("id", "-G", pw.pw_name).out == " ".join(map(str, groups)).encode() + b"\n"
    assert run("id", "-Gn", pw.pw_name).out == " ".join(grp.getgrgid(g).gr_name for g in groups).encode() + b"\n"
    assert run("id", "-Gz", pw.pw_name).out == b"".join(b"%d\0" % g for g in groups)


@pytest.mark.parametrize("args, out", [
    (["-u"], b"0\n"), (["-un"], b"root\n"), (["-ur"], b"0\n"), (["-unr"], b"root\n"), (["--user", "--name"], b"root\n"),
    (["-g"], b"0\n"), (["-gn"], b"root\n"), (["--group", "--real"], b"0\n"), (["-uz"], b"0\0"), (["-gnz"], b"root\0"),
    (["-u", "root", "daemon"], b"0\n1\n"), (["-Gnz", "root", "daemon"], b"root\0\0daemon\0\0"),
    (["-Gz", "root"], b"0\0"), (["-un", "--", "0"], b"root\n"),
])
def test_only(run, args, out):
    if os.getuid() != 0:
        pytest.skip("expects root")
    assert tuple(run("id", *args)) == (out, b"", 0)


@pytest.mark.parametrize("args, err", [
    (["-Z"], b"id: --context (-Z) works only on an SELinux-enabled kernel\n"),
    (["--context", "root"], b"id: --context (-Z) works only on an SELinux-enabled kernel\n"),
    (["-u", "-g"], b'id: cannot print "only" of more than one choice\n'),
    (["-uG"], b'id: cannot print "only" of more than one choice\n'),
    (["-n"], b"id: cannot print only names or real IDs in default format\n"),
    (["-r"], b"id: cannot print only names or real IDs in default format\n"),
    (["-z"], b"id: option --zero not permitted in default format\n"),
])
def test_conflicts(run, args, err):
    assert tuple(run("id", *args)) == (b"", err, 1)


def test_missing_users(run):
    assert tuple(run("id", "nosuchuser")) == (b"", b"id: 'nosuchuser': no such user\n", 1)
    assert tuple(run("id", "-u", "nosuchuser", "root")) == (b"0\n", b"id: 'nosuchuser': no such user\n", 1)
    assert tuple(run("id", "4294967295")) == (b"", b"id: '4294967295': no such user\n", 1)
    assert tuple(run("id", "--", "-1")) == (b"", b"id: '-1': no such user\n", 1)
    assert tuple(run("id", "")) == (b"", b"id: '': no such user: No such file or directory\n", 1)
    assert tuple(run("id", "-x")) == (b"", b"id: invalid option -- 'x'\n" + TRY, 1)


def test_whoami(run, via):
    assert tuple(run("whoami", via=via)) == (pwd.getpwuid(os.geteuid()).pw_name.encode() + b"\n", b"", 0)
    assert tuple(run("whoami", "x")) == (b"", b"whoami: extra operand 'x'\nTry 'whoami --help' for more information.\n", 1)
    assert run("whoami", "--help").out.startswith(b"Usage: whoami [OPTION]...\n")


def test_groups(run, via):
    pw = user_with_groups()
    names = " ".join(grp.getgrgid(g).gr_name for g in os.getgrouplist(pw.pw_name, pw.pw_gid))
    assert tuple(run("groups", pw.pw_name, via=via)) == (("%s : %s\n" % (pw.pw_name, names)).encode(), b"", 0)
    r = run("groups", "root", "nosuchuser", pw.pw_name)
    assert r.status == 1 and r.err == b"groups: 'nosuchuser': no such user\n"
    assert r.out == ("root : root\n%s : %s\n" % (pw.pw_name, names)).encode()
    assert tuple(run("groups", "0")) == (b"", b"groups: '0': no such user\n", 1)  # names only
    if os.getuid() == 0 and os.getgroups() in ([], [0]):
        assert tuple(run("groups")) == (b"root\n", b"", 0)


# -- other credentials: run both tools as another user -------------------------------

def _as(uid, gid, euid=None, egid=None, groups=()):
    def become():
        os.setgroups(list(groups))
        os.setresgid(gid, gid if egid is None else egid, gid)
        os.setresuid(uid, uid if euid is None else euid, uid)
    return become


def _both(gnu_path, name, args, preexec):
    env = child_env()
    g = subprocess.run([name] + args, executable=gnu_path, capture_output=True, env=env, preexec_fn=preexec)
    p = subprocess.run([PYBOX, name] + args, capture_output=True, env=env, preexec_fn=preexec)
    return (g.stdout, g.stderr, g.returncode), (p.stdout, p.stderr, p.returncode)


CREDS = [
    (0, 0, 1, 1, ()),  # real root, effective daemon
    (1, 1, None, None, (1, 4, 1, 0)),  # groups with duplicates and the primary again
    (12345, 54321, None, None, (54321, 777)),  # ids without names
    (0, 0, None, 65534, (0,)),
]


@pytest.mark.parametrize("cred", CREDS)
@pytest.mark.parametrize("args", [[], ["-u"], ["-un"], ["-ur"], ["-unr"], ["-g"], ["-gn"], ["-gr"], ["-G"],
                                  ["-Gn"], ["-Gr"], ["-Gz"]])
def test_credentials_against_gnu(gnu, cred, args):
    if os.geteuid() != 0:
        pytest.skip("needs root to change credentials")
    uid, gid, euid, egid, groups = cred
    g, p = _both(gnu("id"), "id", args, _as(uid, gid, euid, egid, groups))
    assert p == g


@pytest.mark.parametrize("cred", CREDS)
@pytest.mark.parametrize("name", ["whoami", "groups"])
def test_credentials_whoami_groups_against_gnu(gnu, cred, name):
    if os.geteuid() != 0:
        pytest.skip("needs root to change credentials")
    uid, gid, euid, egid, groups = cred
    g, p = _both(gnu(name), name, [], _as(uid, gid, euid, egid, groups))
    g = (g[0], g[1].replace(b"/usr/bin/", b""), g[2])
    assert p == g


def _some_users():
    names = [pw.pw_name for pw in pwd.getpwall()][:8]
    return names + ["nosuchuser", "0", "1", "65534", "99999", ""]


@pytest.mark.parametrize("args", [[], ["-a"], ["-u"], ["-g"], ["-G"], ["-Gn"], ["-un"], ["-gnr"], ["-Gz"],
                                  ["-Gnz"], ["-uz"], ["-Z"], ["-n"], ["-z"], ["-ug"]])
def test_users_against_gnu(same_as_gnu, args):
    same_as_gnu("id", *(args + _some_users()))
    same_as_gnu("id", *args)


@pytest.mark.parametrize("lc", ["C", "C.UTF-8"])
def test_messages_against_gnu(same_as_gnu, lc):
    env = {"LC_ALL": lc}
    same_as_gnu("id", "nosuchuser", env=env)
    same_as_gnu("groups", "root", "nosuchuser", *_some_users()[:8], env=env)
    same_as_gnu("whoami", "x", env=env)
    same_as_gnu("id", "-x", env=env)
