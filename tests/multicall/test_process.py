"""multicall.process: which commands run as applets in a forked child
(PATH with and without links to pybox, a path to pybox, standalone mode,
the frozen build), and spawn/wait/run for both kinds of child: fds, cwd,
environment, pass_fds, process groups, exit statuses and signals, exec
failures (ENOENT, EACCES, ENOEXEC, a bad cwd), buffered output written
once and in order, and the parent left as it was."""
import errno
import os
import signal
import sys
import time

import pytest

from conftest import PYBOX, run_argv
from multicall import process, stdio

HOST_PATH = "/usr/bin:/bin"


@pytest.fixture
def links(tmp_path):
    """A directory with links to bin/pybox named echo, cat, true and pybox."""
    d = tmp_path / "links"
    d.mkdir()
    for name in ("echo", "cat", "true", "pwd", "false", "yes", "tee", "pybox"):
        os.symlink(PYBOX, str(d / name))
    return str(d)


@pytest.fixture
def fake(tmp_path):
    """A directory holding an `echo` that is not pybox (a shell script)."""
    d = tmp_path / "fake"
    d.mkdir()
    p = d / "echo"
    p.write_text("#!/bin/sh\necho fake \"$@\"\n")
    p.chmod(0o755)
    return str(d)


def env_with(**kw):
    e = dict(os.environ)
    e.pop("PYBOX_STANDALONE", None)
    e.update(kw)
    return e


def read_all(fd):
    chunks = []
    while True:
        b = os.read(fd, 65536)
        if not b:
            break
        chunks.append(b)
    os.close(fd)
    return b"".join(chunks)


def capture(argv, stdin=None, **kw):
    """spawn argv with stdout and stderr on pipes; (out, err, raw status)."""
    ro, wo = os.pipe()
    re_, we = os.pipe()
    try:
        pid = process.spawn(argv, stdin=stdin, stdout=wo, stderr=we, **kw)
    finally:
        os.close(wo)
        os.close(we)
    out = read_all(ro)
    err = read_all(re_)
    return out, err, process.wait(pid)


# -- applet_for -----------------------------------------------------------------

def test_name_found_on_path_as_a_link_to_pybox(links, fake):
    assert process.applet_for("echo", env_with(PATH=links + ":" + fake), launcher=PYBOX) == "echo"


def test_name_found_on_path_as_another_program(links, fake):
    assert process.applet_for("echo", env_with(PATH=fake + ":" + links), launcher=PYBOX) is None


def test_name_not_found_anywhere_is_the_applet(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert process.applet_for("echo", env_with(PATH=str(empty)), launcher=PYBOX) == "echo"


def test_unregistered_name_is_never_an_applet(links):
    assert process.applet_for("nosuchapplet", env_with(PATH=links), launcher=PYBOX) is None
    assert process.applet_for("nosuchapplet", env_with(PYBOX_STANDALONE="1")) is None
    assert process.applet_for("", env_with(PATH=links), launcher=PYBOX) is None


def test_the_launcher_is_what_counts(links):
    """Without the launcher (pytest is not pybox), a link is just a file."""
    e = env_with(PATH=links)
    assert process.applet_for("echo", e) is None
    assert process.applet_for("echo", e, launcher=[PYBOX]) == "echo"
    assert process.applet_for("echo", e, launcher="/bin/sh") is None


def test_standalone_mode(fake):
    assert process.applet_for("echo", env_with(PATH=fake, PYBOX_STANDALONE="1")) == "echo"
    assert process.applet_for("echo", env_with(PATH=fake, PYBOX_STANDALONE="0")) is None
    assert process.applet_for("echo", env_with(PATH=fake, PYBOX_STANDALONE="yes")) is None
    # bytes keys, as a caller may pass
    assert process.applet_for("echo", {b"PATH": fake.encode(), b"PYBOX_STANDALONE": b"1"}) == "echo"
    # the mode is about names: a path is a path
    assert process.applet_for(fake + "/echo", env_with(PYBOX_STANDALONE="1")) is None


def test_standalone_from_the_process_environment(monkeypatch, fake):
    monkeypatch.setenv("PYBOX_STANDALONE", "1")
    monkeypatch.setenv("PATH", fake)
    assert process.applet_for("echo") == "echo"
    monkeypatch.delenv("PYBOX_STANDALONE")
    assert process.applet_for("echo") is None


def test_slash_paths(links, fake):
    assert process.applet_for(links + "/cat", launcher=PYBOX) == "cat"
    assert process.applet_for(PYBOX, argv=[PYBOX, "cat", "-n"], launcher=PYBOX) == "cat"
    assert process.applet_for(links + "/pybox", argv=["x", "head"], launcher=PYBOX) == "head"
    assert process.applet_for(PYBOX, argv=[PYBOX, "--list"], launcher=PYBOX) is None
    assert process.applet_for(PYBOX, argv=[PYBOX, "nosuch"], launcher=PYBOX) is None
    assert process.applet_for(PYBOX, launcher=PYBOX) is None
    assert process.applet_for(fake + "/echo", launcher=PYBOX) is None
    assert process.applet_for("/bin/cat", launcher=PYBOX) is None
    assert process.applet_for(links + "/missing", launcher=PYBOX) is None


def test_relative_names_and_path_entries_follow_cwd(links, tmp_path):
    rel = os.path.relpath(links, str(tmp_path))
    assert process.applet_for("./" + rel + "/cat", cwd=str(tmp_path), launcher=PYBOX) == "cat"
    assert process.applet_for("./" + rel + "/cat", cwd="/", launcher=PYBOX) is None
    # an empty PATH entry is the current directory
    assert process.applet_for("cat", env_with(PATH=":/nonexistent"), cwd=links, launcher=PYBOX) == "cat"


def test_unset_path_uses_the_default(monkeypatch, links):
    e = env_with()
    e.pop("PATH", None)
    # /bin:/usr/bin holds GNU's true: not pybox
    if os.path.exists("/bin/true") or os.path.exists("/usr/bin/true"):
        assert process.applet_for("true", e, launcher=PYBOX) is None
    assert process.search_path("true", e) in ("/bin/true", "/usr/bin/true")


def test_hard_link_counts_as_pybox(tmp_path):
    target = str(tmp_path / "cat")
    try:
        os.link(PYBOX, target)
    except OSError:
        pytest.skip("cannot hard-link bin/pybox into the temporary directory")
    assert process.applet_for(target, launcher=PYBOX) == "cat"


def test_frozen_build_is_recognised_by_sys_executable(monkeypatch, links):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", PYBOX)
    assert process.applet_for("echo", env_with(PATH=links)) == "echo"
    assert process.applet_for(links + "/cat") == "cat"


def test_search_path_skips_what_is_not_an_executable_file(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "tool").write_text("x")  # not executable
    (a / "dir").mkdir()
    (b / "tool").write_text("#!/bin/sh\n")
    (b / "tool").chmod(0o755)
    assert process.search_path("tool", {"PATH": "%s:%s" % (a, b)}) == str(b / "tool")
    assert process.search_path("dir", {"PATH": str(a)}) is None


def test_default_launcher_through_a_real_pybox(bindir):
    """pybox's xargs runs `echo`: pybox's own when PATH leads to a link to
    pybox (or to nothing), GNU's when PATH finds /usr/bin/echo first."""
    xargs = os.path.join(bindir, "xargs")
    r = run_argv([xargs, "echo", "--version"], env={"PATH": bindir + ":" + HOST_PATH})
    assert r.out.startswith(b"echo (pybox)"), r
    r = run_argv([xargs, "echo", "--version"], env={"PATH": HOST_PATH})
    assert b"GNU coreutils" in r.out, r
    r = run_argv([xargs, "echo", "--version"], env={"PATH": HOST_PATH, "PYBOX_STANDALONE": "1"})
    assert r.out.startswith(b"echo (pybox)"), r


# -- spawn: applets and programs ------------------------------------------------------

KINDS = ["applet", "exec"]


def cmd(kind, links, *args):
    """argv and spawn keywords that run `args` as an applet or as GNU's program."""
    if kind == "applet":
        return list(args), {"env": env_with(PATH=links), "launcher": PYBOX}
    path = "/usr/bin/" + args[0] if os.path.exists("/usr/bin/" + args[0]) else "/bin/" + args[0]
    return [path] + list(args[1:]), {}


@pytest.mark.parametrize("kind", KINDS)
def test_fds_in_the_child(kind, links, tmp_path):
    src = tmp_path / "in"
    src.write_bytes(b"one\ntwo\n")
    fd = os.open(str(src), os.O_RDONLY)
    try:
        argv, kw = cmd(kind, links, "cat", "-", "/nonexistent")
        out, err, raw = capture(argv, stdin=fd, **kw)
    finally:
        os.close(fd)
    assert out == b"one\ntwo\n"
    assert err.endswith(b"cat: /nonexistent: No such file or directory\n")
    assert process.exit_code(raw) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_swapped_standard_fds(kind, links, tmp_path):
    """stdout to the caller's fd 0 and stdin from its fd 1 must not clobber each other."""
    src = tmp_path / "in"
    src.write_bytes(b"data\n")
    dst = tmp_path / "out"
    saved = os.dup(0), os.dup(1)
    try:
        a = os.open(str(src), os.O_RDONLY)
        b = os.open(str(dst), os.O_WRONLY | os.O_CREAT, 0o644)
        os.dup2(b, 0)
        os.dup2(a, 1)
        os.close(a)
        os.close(b)
        argv, kw = cmd(kind, links, "cat")
        raw = process.run(argv, stdin=1, stdout=0, **kw)
    finally:
        os.dup2(saved[0], 0)
        os.dup2(saved[1], 1)
        os.close(saved[0])
        os.close(saved[1])
    assert raw == 0
    assert dst.read_bytes() == b"data\n"


@pytest.mark.parametrize("kind", KINDS)
def test_cwd_in_the_child(kind, links, tmp_path):
    argv, kw = cmd(kind, links, "pwd")
    out, err, raw = capture(argv, cwd=str(tmp_path), **kw)
    assert (out, err, raw) == (str(tmp_path).encode() + b"\n", b"", 0)
    assert os.getcwd() != str(tmp_path)


@pytest.mark.parametrize("kind", KINDS)
def test_cwd_as_a_directory_descriptor(kind, links, tmp_path):
    fd = os.open(str(tmp_path), os.O_RDONLY | os.O_DIRECTORY)
    try:
        argv, kw = cmd(kind, links, "pwd")
        out, err, raw = capture(argv, cwd=fd, **kw)
    finally:
        os.close(fd)
    assert (out, err, raw) == (str(tmp_path).encode() + b"\n", b"", 0)


@pytest.mark.parametrize("cwd_kind", ["relative", "fd"])
def test_relative_command_is_found_from_the_childs_directory(cwd_kind, tmp_path, monkeypatch):
    sub = tmp_path / "sub"
    sub.mkdir()
    script = sub / "here"
    script.write_text("#!/bin/sh\necho here \"$(pwd)\"\n")
    script.chmod(0o755)
    monkeypatch.chdir(str(tmp_path))
    fd = os.open("sub", os.O_RDONLY | os.O_DIRECTORY)
    try:
        cwd = "sub" if cwd_kind == "relative" else fd
        out, err, raw = capture(["./here"], cwd=cwd)
        assert (out, raw) == (b"here %s\n" % str(sub).encode(), 0), err
        out, err, raw = capture(["here"], cwd=cwd, env={"PATH": "/nonexistent:."})
        assert (out, raw) == (b"here %s\n" % str(sub).encode(), 0), err
    finally:
        os.close(fd)


def test_env_in_the_applet_child(links):
    """The applet sees the given environment (echo follows POSIXLY_CORRECT),
    and the parent's stays as it was."""
    before = dict(os.environ), dict(os.environb)
    import posix
    before_posix = dict(posix.environ)
    out, err, raw = capture(["echo", "a\\tb"], env=env_with(PATH=links, POSIXLY_CORRECT="1"), launcher=PYBOX)
    assert (out, raw) == (b"a\tb\n", 0)
    out, err, raw = capture(["echo", "a\\tb"], env=env_with(PATH=links), launcher=PYBOX)
    assert (out, raw) == (b"a\\tb\n", 0)
    assert (dict(os.environ), dict(os.environb)) == before
    assert dict(posix.environ) == before_posix


def test_env_given_removes_what_it_lacks(links, monkeypatch):
    """A variable of the parent's that env leaves out is gone in the applet
    child (echo would otherwise follow POSIXLY_CORRECT)."""
    monkeypatch.setenv("POSIXLY_CORRECT", "1")
    out, err, raw = capture(["echo", "a\\tb"], env={"PATH": links}, launcher=PYBOX)
    assert (out, err, raw) == (b"a\\tb\n", b"", 0)
    assert os.environ["POSIXLY_CORRECT"] == "1"
    out, err, raw = capture(["echo", "a\\tb"], env={b"PATH": links.encode(), b"POSIXLY_CORRECT": b""},
                            launcher=PYBOX)
    assert (out, raw) == (b"a\tb\n", 0)


def test_env_in_the_exec_child():
    out, err, raw = capture(["env"], env={"PATH": HOST_PATH, "ONLY": "this", b"RAW": b"\xff"})
    assert sorted(out.split(b"\n")) == [b"", b"ONLY=this", b"PATH=" + HOST_PATH.encode(), b"RAW=\xff"]


def test_env_inherited_when_not_given(links, monkeypatch):
    monkeypatch.setenv("POSIXLY_CORRECT", "1")
    out, err, raw = capture(["env"])
    assert b"POSIXLY_CORRECT=1" in out.split(b"\n")


@pytest.mark.parametrize("kind", KINDS)
def test_exit_statuses(kind, links):
    argv, kw = cmd(kind, links, "false")
    raw = process.run(argv, **kw)
    assert os.WIFEXITED(raw) and process.exit_code(raw) == 1
    argv, kw = cmd(kind, links, "true")
    assert process.run(argv, **kw) == 0


def test_exit_code_of_raw_statuses():
    assert process.exit_code(0) == 0
    assert process.exit_code(3 << 8) == 3
    assert process.exit_code(255 << 8) == 255
    assert process.exit_code(signal.SIGKILL) == 128 + 9
    assert process.exit_code(signal.SIGPIPE | 0x80) == 128 + 13  # with a core dump
    raw = process.run(["/bin/sh", "-c", "kill -TERM $$"])
    assert os.WIFSIGNALED(raw) and process.exit_code(raw) == 143


@pytest.mark.parametrize("kind", KINDS)
def test_sigpipe_is_default_in_the_child(kind, links):
    """Python ignores SIGPIPE; a child (exec'd or applet) dies of it like a C tool."""
    assert signal.getsignal(signal.SIGPIPE) == signal.SIG_IGN
    r, w = os.pipe()
    os.close(r)
    try:
        argv, kw = cmd(kind, links, "yes")
        raw = process.run(argv, stdout=w, **kw)
    finally:
        os.close(w)
    assert os.WIFSIGNALED(raw) and os.WTERMSIG(raw) == signal.SIGPIPE
    assert process.exit_code(raw) == 141


@pytest.mark.parametrize("kind", KINDS)
def test_handled_signals_reset_and_ignored_ones_kept(kind, links):
    """A Python handler in the parent is SIG_DFL in the child (SIGUSR1
    kills it); SIG_IGN stays ignored (SIGUSR2 does not)."""
    got = []
    old1 = signal.signal(signal.SIGUSR1, lambda s, f: got.append(s))
    old2 = signal.signal(signal.SIGUSR2, signal.SIG_IGN)
    r, w = os.pipe()
    try:
        argv, kw = cmd(kind, links, "cat")
        pid = process.spawn(argv, stdin=r, stdout=os.open(os.devnull, os.O_WRONLY), **kw)
        time.sleep(0.3)
        os.kill(pid, signal.SIGUSR2)
        time.sleep(0.2)
        assert os.waitpid(pid, os.WNOHANG) == (0, 0)  # still running
        os.kill(pid, signal.SIGUSR1)
        raw = process.wait(pid)
    finally:
        signal.signal(signal.SIGUSR1, old1)
        signal.signal(signal.SIGUSR2, old2)
        os.close(r)
        os.close(w)
    assert os.WIFSIGNALED(raw) and os.WTERMSIG(raw) == signal.SIGUSR1
    assert got == []


def test_applet_child_drops_close_on_exec_fds(links):
    """As exec would: the child must not keep the parent's close-on-exec
    pipe end open (else the reader would never see end of file)."""
    r, w = os.pipe()
    hold_r, hold_w = os.pipe()
    try:
        pid = process.spawn(["cat"], stdin=hold_r, stdout=os.open(os.devnull, os.O_WRONLY),
                            env=env_with(PATH=links), launcher=PYBOX)
        os.close(w)
        assert os.read(r, 10) == b""  # no writer left anywhere
    finally:
        os.close(hold_w)
        os.close(hold_r)
        os.close(r)
    assert process.wait(pid) == 0


@pytest.mark.parametrize("kind", KINDS)
def test_pass_fds(kind, links, tmp_path):
    r, w = os.pipe()
    try:
        if kind == "applet":
            argv, kw = ["tee", "/dev/fd/%d" % w], {"env": env_with(PATH=links), "launcher": PYBOX}
        else:
            argv, kw = ["/usr/bin/tee", "/dev/fd/%d" % w], {}
        src = tmp_path / "in"
        src.write_bytes(b"passed\n")
        fd = os.open(str(src), os.O_RDONLY)
        null = os.open(os.devnull, os.O_WRONLY)
        devnull_err = os.open(os.devnull, os.O_WRONLY)
        raw = process.run(argv, stdin=fd, stdout=null, stderr=devnull_err, pass_fds=[w], **kw)
        os.lseek(fd, 0, 0)
        raw2 = process.run(argv, stdin=fd, stdout=null, stderr=devnull_err, **kw)
        for x in (fd, null, devnull_err):
            os.close(x)
        os.close(w)
        w = None
        got = read_all(r)
        r = None
        assert got == b"passed\n"
    finally:
        for x in (r, w):
            if x is not None:
                os.close(x)
    assert raw == 0
    assert raw2 != 0  # without pass_fds the descriptor is not there


@pytest.mark.parametrize("kind", KINDS)
def test_new_process_group(kind, links):
    r, w = os.pipe()
    try:
        argv, kw = cmd(kind, links, "cat")
        pid = process.spawn(argv, stdin=r, stdout=os.open(os.devnull, os.O_WRONLY), new_pgroup=True, **kw)
        assert os.getpgid(pid) == pid != os.getpgrp()
        pid2 = process.spawn(argv, stdin=r, stdout=os.open(os.devnull, os.O_WRONLY), **kw)
        assert os.getpgid(pid2) == os.getpgrp()
    finally:
        os.close(w)
        os.close(r)
    assert process.wait(pid) == 0 and process.wait(pid2) == 0


@pytest.mark.parametrize("cwd", [None, "/"])
def test_exec_failure_enoent(cwd):
    with pytest.raises(FileNotFoundError) as e:
        process.spawn(["no-such-command-anywhere"], env={"PATH": HOST_PATH}, cwd=cwd)
    assert e.value.errno == errno.ENOENT and e.value.filename == "no-such-command-anywhere"
    with pytest.raises(FileNotFoundError):
        process.spawn(["/nonexistent/cmd"], cwd=cwd)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # the failed child was reaped


@pytest.mark.parametrize("cwd", [None, "/"])
def test_exec_failure_eacces(cwd, tmp_path):
    f = tmp_path / "notexec"
    f.write_text("echo hi\n")
    with pytest.raises(PermissionError) as e:
        process.spawn([str(f)], cwd=cwd)
    assert e.value.errno == errno.EACCES and e.value.filename == str(f)
    with pytest.raises(PermissionError):
        process.spawn([str(tmp_path)], cwd=cwd)  # a directory
    # on PATH: not executable there and nowhere else: EACCES, as execvp says
    with pytest.raises(PermissionError):
        process.spawn(["notexec"], env={"PATH": str(tmp_path)}, cwd=cwd)
    # ... but an executable one later on PATH is found
    d2 = tmp_path / "d2"
    d2.mkdir()
    (d2 / "notexec").write_text("#!/bin/sh\necho found\n")
    (d2 / "notexec").chmod(0o755)
    out, err, raw = capture(["notexec"], env={"PATH": "%s:%s" % (tmp_path, d2)}, cwd=cwd)
    assert (out, raw) == (b"found\n", 0)


@pytest.mark.parametrize("cwd", [None, "/"])
def test_enoexec_runs_the_script_with_sh(cwd, tmp_path):
    f = tmp_path / "script"
    f.write_text('echo "script: $0 $*"\n')
    f.chmod(0o755)
    out, err, raw = capture([str(f), "a", "b"], cwd=cwd)
    assert (out, raw) == (b"script: %s a b\n" % str(f).encode(), 0)
    out, err, raw = capture(["script", "c"], env={"PATH": "/nonexistent:" + str(tmp_path)}, cwd=cwd)
    assert (out, raw) == (b"script: %s/script c\n" % str(tmp_path).encode(), 0)


@pytest.mark.parametrize("kind", KINDS)
def test_bad_cwd_raises_in_the_parent(kind, links, tmp_path):
    argv, kw = cmd(kind, links, "pwd")
    missing = str(tmp_path / "missing")
    with pytest.raises(FileNotFoundError) as e:
        process.spawn(argv, cwd=missing, **kw)
    assert e.value.filename == missing
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_applets_false_forces_exec(links):
    out, err, raw = capture(["echo", "--version"], env=env_with(PATH=links + ":" + HOST_PATH),
                            launcher=PYBOX, applets=False)
    # exec'd, the link starts a new pybox, which still answers as pybox
    assert out.startswith(b"echo (pybox)") and raw == 0
    out, err, raw = capture(["echo", "--version"], env=env_with(PATH=HOST_PATH), launcher=PYBOX)
    assert b"GNU coreutils" in out


def test_applet_runs_in_a_fork_not_a_new_program(links):
    """The applet child is this very process forked, not a new program:
    same executable and command line as the test runner; the same link
    exec'd is a new python running bin/pybox."""
    def child_cmdline(**kw):
        r, w = os.pipe()
        try:
            pid = process.spawn(["cat"], stdin=r, stdout=os.open(os.devnull, os.O_WRONLY),
                                env=env_with(PATH=links + ":" + os.path.dirname(sys.executable)),
                                launcher=PYBOX, **kw)
            time.sleep(0.3)
            with open("/proc/%d/cmdline" % pid, "rb") as f:
                line = f.read()
        finally:
            os.close(w)
            os.close(r)
        assert process.wait(pid) == 0
        return line
    with open("/proc/self/cmdline", "rb") as f:
        mine = f.read()
    if not os.path.exists("/proc/self/cmdline"):
        pytest.skip("no /proc")
    assert child_cmdline() == mine
    execd = child_cmdline(applets=False)
    assert execd != mine and b"/cat\0" in execd


def test_buffered_output_is_written_once_and_in_order(links, tmp_path):
    """pybox's own buffered stdout is flushed before fork: neither lost
    order nor written twice (once by the child's copy of the buffer)."""
    out = tmp_path / "out"
    fd = os.open(str(out), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    saved = os.dup(1)
    os.dup2(fd, 1)
    os.close(fd)
    try:
        stdio.push()
        stdio.stdout(line=False).write(b"parent 1\n")
        assert process.run(["echo", "child"], env=env_with(PATH=links), launcher=PYBOX) == 0
        stdio.stdout().write(b"parent 2\n")
        assert process.run(["/bin/echo", "exec child"]) == 0
        stdio.stdout().write(b"parent 3\n")
        assert process.run(["echo", "cwd child"], cwd="/", env=env_with(PATH=links), launcher=PYBOX) == 0
        stdio.stdout().write(b"parent 4\n")
        stdio.pop()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    assert out.read_bytes() == b"parent 1\nchild\nparent 2\nexec child\nparent 3\ncwd child\nparent 4\n"


def test_child_never_returns_into_the_caller(links, tmp_path):
    """Code after spawn() runs once, in the parent (also when the applet
    fails, and when the child's set-up fails)."""
    log = tmp_path / "log"
    fd = os.open(str(log), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        for argv in (["false"], ["cat", "/nonexistent"], ["true"]):
            pid = process.spawn(argv, env=env_with(PATH=links), launcher=PYBOX,
                                stderr=os.open(os.devnull, os.O_WRONLY))
            os.write(fd, b"after spawn\n")
            process.wait(pid)
        with pytest.raises(OSError):
            process.spawn(["true"], cwd=str(tmp_path / "nope"), env=env_with(PATH=links), launcher=PYBOX)
        os.write(fd, b"after failure\n")
    finally:
        os.close(fd)
    assert log.read_bytes() == b"after spawn\n" * 3 + b"after failure\n"


def test_parent_state_untouched(links, tmp_path):
    cwd = os.getcwd()
    env = dict(os.environ)
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGPIPE, signal.SIGCHLD)}
    fds = sorted(int(n) for n in os.listdir("/proc/self/fd"))
    depth = len(stdio._stack)
    for kind in KINDS:
        argv, kw = cmd(kind, links, "pwd")
        out, err, raw = capture(argv, cwd=str(tmp_path), new_pgroup=True, **kw)
        assert raw == 0
    assert os.getcwd() == cwd
    assert dict(os.environ) == env
    assert {s: signal.getsignal(s) for s in handlers} == handlers
    assert sorted(int(n) for n in os.listdir("/proc/self/fd")) == fds
    assert len(stdio._stack) == depth
    assert os.getpgrp() == os.getpgid(0)


def test_run_is_spawn_and_wait(links):
    assert process.run(["/bin/sh", "-c", "exit 7"]) == 7 << 8
    assert process.exit_code(process.run(["false"], env=env_with(PATH=links), launcher=PYBOX)) == 1


def test_applet_exception_status_is_the_dispatchers(links, tmp_path):
    """What main.call gives: a bad option is status 1 with the usual message."""
    out, err, raw = capture(["cat", "--bogus"], env=env_with(PATH=links), launcher=PYBOX)
    assert err == b"cat: unrecognized option '--bogus'\nTry 'cat --help' for more information.\n"
    assert process.exit_code(raw) == 1


def test_bytes_argv_with_undecodable_bytes(links, tmp_path):
    name = tmp_path / "f\xff".encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape")
    path = os.fsencode(str(tmp_path)) + b"/f\xff"
    with open(path, "wb") as f:
        f.write(b"raw\n")
    for kind in KINDS:
        argv, kw = cmd(kind, links, "cat")
        out, err, raw = capture([os.fsencode(argv[0]), path], **kw)
        assert (out, raw) == (b"raw\n", 0), kind
    assert name


def test_empty_argv_is_an_error():
    with pytest.raises(ValueError):
        process.spawn([])


def test_docs_mention_standalone_mode():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    with open(os.path.join(root, "docs", "runtime.md")) as f:
        text = f.read()
    assert "PYBOX_STANDALONE" in text and "multicall/process.py" in text


# -- execvp and become (env, nice, nohup, the shell's exec) ----------------------------------

def _in_child(fn):
    """Run fn() in a forked child; (what it wrote to fd 1, its exit code).
    fn's return value (an errno from execvp) becomes the exit code."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.dup2(w, 1)
            os.close(r)
            code = fn()
        except BaseException:
            code = 250
        os._exit(code if isinstance(code, int) and 0 <= code < 256 else 251)
    os.close(w)
    out = b""
    while True:
        b = os.read(r, 65536)
        if not b:
            break
        out += b
    os.close(r)
    _, st = os.waitpid(pid, 0)
    return out, os.waitstatus_to_exitcode(st)


def test_execvp_searches_the_given_path(tmp_path):
    script = tmp_path / "hello"
    script.write_bytes(b"#!/bin/sh\necho hello \"$@\"\n")
    script.chmod(0o755)
    out, code = _in_child(lambda: process.execvp(["hello", "a b"], path="/nonexistent:" + str(tmp_path)))
    assert (out, code) == (b"hello a b\n", 0)
    out, code = _in_child(lambda: process.execvp(["hello"], env={"PATH": str(tmp_path)}))
    assert (out, code) == (b"hello\n", 0)


def test_execvp_errors_as_execvp_leaves_them(tmp_path):
    (tmp_path / "noexec").write_bytes(b"echo no\n")  # no x bit anywhere on the path
    assert _in_child(lambda: process.execvp(["nosuch"], path=str(tmp_path)))[1] == errno.ENOENT
    assert _in_child(lambda: process.execvp(["noexec"], path=str(tmp_path)))[1] == errno.EACCES
    assert _in_child(lambda: process.execvp([""], path=str(tmp_path)))[1] == errno.ENOENT
    assert _in_child(lambda: process.execvp([str(tmp_path)]))[1] == errno.EACCES


def test_execvp_runs_a_script_without_hash_bang_with_sh(tmp_path):
    s = tmp_path / "plain"
    s.write_bytes(b"echo plain $1\n")
    s.chmod(0o755)
    assert _in_child(lambda: process.execvp([str(s), "x"])) == (b"plain x\n", 0)


def test_become_runs_an_applet_here(links):
    env = {"PATH": str(links), "PYBOX_STANDALONE": "1"}
    seen = []
    out, code = _in_child(lambda: process.become(["echo", "in", "process"], env, prepare=lambda: seen.append(1)))
    assert (out, code) == (b"in process\n", 0)
    out, code = _in_child(lambda: -process.become(["nosuch-command-x"], {"PATH": str(links)}))
    assert code == errno.ENOENT
