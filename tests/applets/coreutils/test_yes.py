"""yes: the repeated line, its arguments, and stopping on a closed pipe."""
import os
import signal
import subprocess

from conftest import child_env


def first_bytes(bindir, args, n, via="link"):
    """Read n bytes of yes's output and close the pipe; (data, status, err)."""
    argv = [os.path.join(bindir, "yes")] if via == "link" else [os.path.join(bindir, "pybox"), "yes"]
    p = subprocess.Popen(argv + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         stdin=subprocess.DEVNULL, env=child_env())
    data = b""
    while len(data) < n:
        chunk = p.stdout.read(n - len(data))
        if not chunk:
            break
        data += chunk
    p.stdout.close()
    status = p.wait(timeout=20)
    err = p.stderr.read()
    p.stderr.close()
    return data, status, err


def test_default_y(bindir, via):
    data, status, err = first_bytes(bindir, [], 200000, via)
    assert data == b"y\n" * 100000
    assert status == -signal.SIGPIPE and err == b""


def test_one_argument(bindir):
    data, _, _ = first_bytes(bindir, ["hello"], 6 * 1000)
    assert data == b"hello\n" * 1000


def test_several_arguments(bindir):
    data, status, err = first_bytes(bindir, ["a", "b c", ""], 7 * 5000)
    assert data == b"a b c \n" * 5000
    assert status == -signal.SIGPIPE and err == b""


def test_options_are_parsed(bindir):
    assert first_bytes(bindir, ["--", "-n"], 300)[0] == b"-n\n" * 100
    assert first_bytes(bindir, ["x", "-n"], 500)[0] == b"x -n\n" * 100


def test_long_line(bindir):
    # Longer than yes's buffer (one argument may be at most 128 KiB).
    words = ["w" * 30000] * 10
    line = " ".join(words).encode() + b"\n"
    data, status, _ = first_bytes(bindir, words, 3 * len(line))
    assert data == line * 3
    assert status == -signal.SIGPIPE


def test_non_utf8_argument(bindir):
    data, _, _ = first_bytes(bindir, [os.fsdecode(b"\xff")], 20)
    assert data == b"\xff\n" * 10


def test_help_and_version(run, via):
    r = run("yes", "--help", via=via)
    assert (r.status, r.err) == (0, b"")
    assert r.out.startswith(b"Usage: yes [STRING]...\n")
    from multicall import VERSION
    assert tuple(run("yes", "--version")) == (b"yes (pybox) %s\n" % VERSION.encode(), b"", 0)


def test_bad_option(run):
    assert tuple(run("yes", "-x")) == (b"", b"yes: invalid option -- 'x'\n"
                                       b"Try 'yes --help' for more information.\n", 1)


def test_stops_on_closed_pipe_in_shell(sh):
    r = sh("{ yes abc; echo $? >&2; } | head -n 2")
    assert tuple(r) == (b"abc\nabc\n", b"141\n", 0)


def test_write_error(bindir):
    with open("/dev/full", "wb") as full:
        p = subprocess.run([os.path.join(bindir, "yes")], stdout=full, stderr=subprocess.PIPE,
                           env=child_env(), timeout=20)
    assert (p.returncode, p.stderr) == (1, b"yes: standard output: No space left on device\n")


def test_same_as_gnu(gnu, bindir):
    for args in ([], ["a", "b"], ["--", "--help"], [""]):
        p = subprocess.run("%s %s | /usr/bin/head -c 100000" % (gnu("yes"), " ".join(map(repr, args))),
                           shell=True, stdout=subprocess.PIPE, env=child_env())
        q = subprocess.run("%s/yes %s | /usr/bin/head -c 100000" % (bindir, " ".join(map(repr, args))),
                           shell=True, stdout=subprocess.PIPE, env=child_env())
        assert p.stdout == q.stdout, args
