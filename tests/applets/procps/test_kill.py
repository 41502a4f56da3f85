"""kill: signal names and numbers (-l, -L, kill -l 130), every way to give
the signal, process groups, sigqueue, the messages and statuses, and the
lists against procps's kill."""
import os
import signal
import subprocess

import pytest


PROCPS = "/usr/bin/kill"


def procps():
    if not os.path.exists(PROCPS):
        pytest.skip("procps kill is not installed")
    return PROCPS


def sleeper(new_group=False):
    return subprocess.Popen(["sleep", "30"], start_new_session=new_group)


def test_list(run, via):
    r = run("kill", "-l", via=via)
    assert r.status == 0 and r.err == b""
    assert r.out.decode().split() == [signal.Signals(n).name[3:] if n not in (6, 29) else {6: "ABRT", 29: "POLL"}[n]
                             for n in range(1, 32)]


@pytest.mark.parametrize("args", [["-l"], ["-L"], ["--table"], ["-l", "9"], ["-l", "KILL"],
                                  ["-l", "sigterm"], ["--list=1"], ["-lHUP"], ["-l", "15"]])
def test_lists_same_as_procps(run, args):
    p = subprocess.run([procps()] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    r = run("kill", *args)
    assert (r.out, r.err, r.status) == (p.stdout, p.stderr, p.returncode)


@pytest.mark.parametrize("arg, name", [("130", b"INT"), ("137", b"KILL"), ("143", b"TERM"),
                                       ("9", b"KILL"), ("35", b"RTMIN+1"), ("64", b"RTMAX"),
                                       ("63", b"RTMAX-1"), ("KILL", b"9"), ("SIGKILL", b"9"),
                                       ("kill", b"9"), ("RTMIN+3", b"37"), ("rtmax-2", b"62"),
                                       ("IOT", b"6"), ("CLD", b"17"), ("IO", b"29")])
def test_list_one(inproc, arg, name):
    assert tuple(inproc("kill", "-l", arg)) == (name + b"\n", b"", 0)


def test_list_several_and_unknown(inproc):
    r = inproc("kill", "-l", "9", "xyz", "0", "65", "15")
    assert r.out == b"KILL\nTERM\n"
    assert r.err == (b"kill: unknown signal name xyz\nkill: unknown signal name 0\n"
                     b"kill: unknown signal name 65\n")
    assert r.status == 1


@pytest.mark.parametrize("form", [[], ["-9"], ["-KILL"], ["-SIGKILL"], ["-kill"], ["-s", "KILL"],
                                  ["-sKILL"], ["-s", "9"], ["--signal", "KILL"], ["--signal=9"],
                                  ["--sig=kill"], ["-n", "9"], ["-n9"], ["-INT"], ["-s", "USR1"],
                                  ["-q", "7", "-s", "INT"], ["--queue=7", "-HUP"]])
def test_sends_signal(run, form):
    p = sleeper()
    try:
        r = run("kill", *form, str(p.pid))
        assert tuple(r) == (b"", b"", 0)
        st = p.wait(timeout=10)
    finally:
        p.kill()
    want = {"KILL": 9, "9": 9, "kill": 9, "INT": 2, "USR1": 10, "HUP": 1}
    sig = 15
    for a in form:
        for k, v in want.items():
            if a.endswith(k) or a.endswith("=" + k):
                sig = v
    assert st == -sig


def test_signal_zero_probes(run):
    assert tuple(run("kill", "-0", str(os.getpid()))) == (b"", b"", 0)
    assert tuple(run("kill", "-s", "0", str(os.getpid()))) == (b"", b"", 0)


def test_process_group(run):
    p = sleeper(new_group=True)
    try:
        r = run("kill", "-TERM", "-%d" % p.pid)
        assert tuple(r) == (b"", b"", 0)
        assert p.wait(timeout=10) == -15
    finally:
        p.kill()
    p = sleeper(new_group=True)
    try:
        assert run("kill", "--", "-%d" % p.pid).status == 0
        assert p.wait(timeout=10) == -15
    finally:
        p.kill()


def test_no_such_process(run):
    r = run("kill", "-9", "999999", "abc")
    assert r.out == b"" and r.status == 1
    assert r.err == b"kill: (999999): No such process\nkill: failed to parse argument: 'abc'\n"


def test_some_fail_some_succeed(run):
    p = sleeper()
    try:
        r = run("kill", "999999", str(p.pid))
        assert r.status == 1 and r.err == b"kill: (999999): No such process\n"
        assert p.wait(timeout=10) == -15
    finally:
        p.kill()


@pytest.mark.parametrize("args, err", [
    ([], b"kill: no process ID specified\n"),
    (["-FOO", "1"], b"kill: unknown signal 'FOO'\n"),
    (["-s", "FOO", "1"], b"kill: unknown signal 'FOO'\n"),
    (["-s", "99", "1"], b"kill: unknown signal '99'\n"),
    (["-n", "x", "1"], b"kill: invalid signal number 'x'\n"),
    (["-9", "-x"], b"kill: invalid option -- 'x'\n"),
    (["--bogus"], b"kill: unrecognized option '--bogus'\n"),
    (["-s"], b"kill: option requires an argument -- 's'\n"),
])
def test_usage_errors(run, args, err):
    r = run("kill", *args)
    assert r.status == 1 and r.out == b""
    assert r.err == err + b"Try 'kill --help' for more information.\n"


def test_bad_queue_value(run):
    r = run("kill", "-q", "x", "1")
    assert tuple(r) == (b"", b"kill: must be an integer value to be passed with the signal.: 'x'\n", 1)


def test_queue_value_arrives():
    """sigqueue's value reaches a Python receiver through sigwaitinfo."""
    code = ("import signal,os,sys\nsignal.pthread_sigmask(signal.SIG_BLOCK,{signal.SIGUSR1})\n"
            "print('ready',flush=True)\ni=signal.sigwaitinfo({signal.SIGUSR1})\nprint(i.si_code, i.si_status)")
    import sys
    p = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    try:
        assert p.stdout.readline() == b"ready\n"
        from conftest import run_inprocess
        assert run_inprocess("kill", "-q", "42", "-USR1", str(p.pid)).status == 0
        out = p.stdout.readline().split()
        assert int(out[0]) == -1  # SI_QUEUE
    finally:
        p.kill()
        p.wait()
        p.stdout.close()


def test_help_and_version(run):
    for a in ("--help", "-h"):
        r = run("kill", a)
        assert r.status == 0 and b"-L, --table" in r.out and b"-q, --queue=VALUE" in r.out
    assert run("kill", "-V").status == 0 and run("kill", "--version").status == 0


def test_signal_helpers():
    from applets.procps.kill import signal_number
    from multicall.signals import name as signal_name
    assert signal_number("SIGTERM") == 15 and signal_number("term") == 15
    assert signal_number("0") == 0 and signal_number("99") is None and signal_number("") is None
    assert signal_number("unused") == 31 and signal_number("RTMIN3") is None
    assert signal_number("rtmin+3") == 37 and signal_number("SIGRTMAX-1") == 63
    assert signal_name(34) == "RTMIN" and signal_name(49) == "RTMIN+15" and signal_name(50) == "RTMAX-14"
    assert signal_name(32) is None
