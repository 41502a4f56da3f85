"""tail: lines and bytes from the end and from the start (files, pipes,
big inputs), the obsolete -NUM/+NUM forms, headers, -z, errors, and -f/-F:
appended data, truncation, rotation, a file that appears, --pid, and a
closed output pipe.  Every follow test is bounded by a short-lived --pid
process or a timeout."""
import os
import subprocess
import time

import pytest
from hypothesis import given, settings, strategies as st

from conftest import child_env

TWENTY = b"".join(b"%d\n" % i for i in range(1, 21))


@pytest.fixture
def d(tmp_path):
    (tmp_path / "t20").write_bytes(TWENTY)
    (tmp_path / "abc").write_bytes(b"a\nb\nc")
    (tmp_path / "nul").write_bytes(b"x\0y\0z")
    (tmp_path / "empty").write_bytes(b"")
    (tmp_path / "dir").mkdir()
    return str(tmp_path)


def lines(a, b):
    return b"".join(b"%d\n" % i for i in range(a, b + 1))


def test_default_ten_lines(run, d, via):
    assert tuple(run("tail", "t20", cwd=d, via=via)) == (lines(11, 20), b"", 0)
    assert tuple(run("tail", stdin=TWENTY, via=via)) == (lines(11, 20), b"", 0)


@pytest.mark.parametrize("args, out", [
    (["-n", "3"], lines(18, 20)), (["-n3"], lines(18, 20)), (["--lines=3"], lines(18, 20)),
    (["-n", "-3"], lines(18, 20)), (["-n", "0"], b""), (["-n", "+18"], lines(18, 20)),
    (["-n", "+0"], TWENTY), (["-n", "+1"], TWENTY), (["-n", "100"], TWENTY), (["-n", "+100"], b""),
    (["-c", "3"], b"20\n"), (["--bytes=+46"], b"19\n20\n"), (["-c", "+48"], b"\n20\n"), (["-c", "+0"], TWENTY), (["-c", "0"], b""),
    (["-c", "1k"], TWENTY), (["-n", "1b"], TWENTY), (["-3"], lines(18, 20)), (["+19"], lines(19, 20)),
    (["-3c"], b"20\n"), (["-2l"], lines(19, 20)), (["-1b"], TWENTY), (["+"], lines(10, 20)), (["-c", "-0"], b""),
    (["-n", "2", "-n", "4"], lines(17, 20)), (["-n", "+5", "-n", "3"], lines(3, 20)),
])
def test_counts(run, d, args, out):
    assert tuple(run("tail", *args, "t20", cwd=d)) == (out, b"", 0)
    assert tuple(run("tail", *args, stdin=TWENTY)) == (out, b"", 0)


@pytest.mark.parametrize("args, out", [
    (["-n", "1"], b"c"), (["-n", "2"], b"b\nc"), (["-n", "+2"], b"b\nc"), (["-c", "2"], b"\nc"),
])
def test_no_final_newline(run, d, args, out):
    assert run("tail", *args, "abc", cwd=d).out == out
    assert run("tail", *args, stdin=b"a\nb\nc").out == out


def test_zero_terminated(run, d):
    assert run("tail", "-z", "-n", "2", "nul", cwd=d).out == b"y\0z"
    assert run("tail", "--zero-terminated", "-n", "+2", stdin=b"x\0y\nz\0").out == b"y\nz\0"


def test_empty_and_binary(run, d):
    assert tuple(run("tail", "empty", cwd=d)) == (b"", b"", 0)
    data = bytes(range(256)) * 3
    assert run("tail", "-c", "300", stdin=data).out == data[-300:]


def test_headers(run, d, via):
    r = run("tail", "-n", "1", "t20", "abc", cwd=d, via=via)
    assert r.out == b"==> t20 <==\n20\n\n==> abc <==\nc"
    assert run("tail", "-v", "-n1", "abc", cwd=d).out == b"==> abc <==\nc"
    assert run("tail", "-q", "-n1", "t20", "abc", cwd=d).out == b"20\nc"
    assert run("tail", "-n1", "-", "abc", stdin=b"in\n", cwd=d).out == b"==> standard input <==\nin\n\n==> abc <==\nc"


def test_missing_file_and_directory(run, d):
    r = run("tail", "-n", "1", "nope", "t20", "dir", cwd=d)
    assert r.out == b"==> t20 <==\n20\n\n==> dir <==\n"
    assert r.err == (b"tail: cannot open 'nope' for reading: No such file or directory\n"
                     b"tail: error reading 'dir': Is a directory\n")
    assert r.status == 1
    # nothing to print: nothing is opened
    assert tuple(run("tail", "-n", "0", "nope", cwd=d)) == (b"", b"", 0)


def test_big_file_and_pipe(run, tmp_path):
    data = b"".join(b"line %d\n" % i for i in range(200000))
    (tmp_path / "big").write_bytes(data)
    for args, want in ((["-n", "150000"], data[data.index(b"line 50000\n"):]),
                       (["-c", "300000"], data[-300000:]),
                       (["-n", "+199999"], b"line 199998\nline 199999\n")):
        assert run("tail", *args, "big", cwd=str(tmp_path)).out == want
        assert run("tail", *args, stdin=data).out == want


def test_offset_left_for_next_reader(sh, d):
    assert sh("{ tail -n +19 >/dev/null; cat; } < t20", cwd=d).out == b""
    assert sh("{ tail -c 3 >/dev/null; echo x; } < t20", cwd=d).out == b"x\n"


@pytest.mark.parametrize("args, err", [
    (["-n", "x"], b"tail: invalid number of lines: 'x'\n"),
    (["-c", "1x"], b"tail: invalid number of bytes: '1x'\n"),
    (["-n", "99999999999999999999999"],
     b"tail: invalid number of lines: '99999999999999999999999': Value too large for defined data type\n"),
    (["-5", "-n", "2"], b"tail: option used in invalid context -- 5\n"),
    (["-n", "2", "-5"], b"tail: option used in invalid context -- 5\n"),
    (["-2b", "t20", "abc"], b"tail: option used in invalid context -- 2\n"),
    (["-s", "x", "-f"], b"tail: invalid number of seconds: 'x'\n"),
    (["-s", "-1", "-f"], b"tail: invalid number of seconds: '-1'\n"),
    (["--pid=x", "-f"], b"tail: invalid PID: 'x'\n"),
    (["--max-unchanged-stats=x"], b"tail: invalid maximum number of unchanged stats between opens: 'x'\n"),
    (["-F", "-"], b"tail: cannot follow '-' by name\n"),
    (["--follow=foo"], b"tail: invalid argument 'foo' for '--follow'\nValid arguments are:\n"
                       b"  - 'descriptor'\n  - 'name'\nTry 'tail --help' for more information.\n"),
    (["-x"], b"tail: invalid option -- 'x'\nTry 'tail --help' for more information.\n"),
    (["-f", "nope"], b"tail: cannot open 'nope' for reading: No such file or directory\n"
                     b"tail: no files remaining\n"),
    (["-f", "dir"], b"tail: error reading 'dir': Is a directory\n"
                    b"tail: dir: cannot follow end of this type of file; giving up on this name\n"
                    b"tail: no files remaining\n"),
])
def test_errors(run, d, args, err):
    r = run("tail", *args, cwd=d, timeout=10)
    assert (r.err, r.status) == (err, 1)


def test_warnings(run, d):
    r = run("tail", "--retry", "-n1", "t20", cwd=d)
    assert tuple(r) == (b"20\n", b"tail: warning: --retry ignored; --retry is useful only when following\n", 0)
    r = run("tail", "--pid=1", "-n1", "t20", cwd=d)
    assert r.err == b"tail: warning: PID ignored; --pid=PID is useful only when following\n"


def test_write_error(bindir, d):
    with open("/dev/full", "wb") as full:
        p = subprocess.run([os.path.join(bindir, "tail"), "t20"], cwd=d, stdout=full,
                           stderr=subprocess.PIPE, env=child_env())
    assert (p.returncode, p.stderr) == (1, b"tail: error writing 'standard output': No space left on device\n")


# -- following --------------------------------------------------------------------

def follow(bindir, d, args, actions, life=1.2):
    """Run `tail ARGS --pid=P` (P lives `life` seconds) in d while calling
    the (delay, fn) actions; return (out, err, status)."""
    # the keeper is not our child: a zombie would count as alive
    keeper = int(subprocess.check_output(["sh", "-c", "sleep %s >/dev/null 2>&1 & echo $!" % life]))
    p = subprocess.Popen([os.path.join(bindir, "tail"), "-s", "0.1", "--pid=%d" % keeper] + args, cwd=d,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env())
    try:
        for delay, fn in actions:
            time.sleep(delay)
            fn()
        out, err = p.communicate(timeout=life + 8)
    finally:
        p.kill()
        p.wait()
    return out, err, p.returncode


def append(path, data):
    with open(path, "ab") as f:
        f.write(data)


def test_follow_appended_data(bindir, d):
    f = os.path.join(d, "abc")
    r = follow(bindir, d, ["-f", "abc"], [(0.4, lambda: append(f, b"\nd\n")), (0.3, lambda: append(f, b"e\n"))])
    assert r == (b"a\nb\nc\nd\ne\n", b"", 0)


def test_follow_truncated(bindir, d):
    f = os.path.join(d, "abc")

    def truncate():
        with open(f, "wb") as fh:
            fh.write(b"x\n")
    r = follow(bindir, d, ["-f", "abc"], [(0.4, truncate)])
    assert r == (b"a\nb\ncx\n", b"tail: abc: file truncated\n", 0)


def test_follow_two_files_headers(bindir, d):
    r = follow(bindir, d, ["-n1", "-f", "t20", "abc"],
               [(0.4, lambda: append(os.path.join(d, "t20"), b"21\n"))])
    assert r == (b"==> t20 <==\n20\n\n==> abc <==\nc\n==> t20 <==\n21\n", b"", 0)


def test_follow_name_rotation(bindir, d):
    f = os.path.join(d, "abc")

    def recreate():
        with open(f, "wb") as fh:
            fh.write(b"new\n")
    r = follow(bindir, d, ["--max-unchanged-stats=1", "-F", "abc"],
               [(0.4, lambda: os.rename(f, f + ".1")), (0.5, recreate)], life=1.6)
    assert r == (b"a\nb\ncnew\n", b"tail: 'abc' has become inaccessible: No such file or directory\n"
                 b"tail: 'abc' has appeared;  following new file\n", 0)


def test_follow_name_replaced(bindir, d):
    def replace():
        with open(os.path.join(d, "g"), "wb") as fh:
            fh.write(b"other\n")
        os.rename(os.path.join(d, "g"), os.path.join(d, "abc"))
    r = follow(bindir, d, ["--max-unchanged-stats=1", "--follow=name", "abc"], [(0.4, replace)])
    assert r == (b"a\nb\ncother\n", b"tail: 'abc' has been replaced;  following new file\n", 0)


def test_follow_retry_file_appears(bindir, d):
    def create():
        with open(os.path.join(d, "later"), "wb") as fh:
            fh.write(b"hello\n")
    r = follow(bindir, d, ["-F", "later"], [(0.4, create)])
    assert r == (b"hello\n", b"tail: cannot open 'later' for reading: No such file or directory\n"
                 b"tail: 'later' has appeared;  following new file\n", 1)


def test_follow_name_file_removed(bindir, d):
    r = follow(bindir, d, ["--follow=name", "abc"], [(0.4, lambda: os.unlink(os.path.join(d, "abc")))])
    assert r == (b"a\nb\nc", b"tail: abc: No such file or directory\ntail: no files remaining\n", 1)


def test_follow_pipe_on_stdin_ends(run):
    # POSIX: -f is ignored for a pipe on standard input
    assert tuple(run("tail", "-f", "-n1", stdin=TWENTY, timeout=10)) == (b"20\n", b"", 0)


def test_follow_stops_when_output_pipe_closes(sh, d):
    r = sh("tail -s 0.1 -f t20 | head -n 1; echo done", cwd=d, timeout=10)
    assert r.out == b"11\ndone\n"


def test_follow_pid_already_dead(run, d):
    p = subprocess.Popen(["true"])
    p.wait()
    assert tuple(run("tail", "-f", "--pid=%d" % p.pid, "-n1", "t20", cwd=d, timeout=10)) == (b"20\n", b"", 0)


# -- differential ------------------------------------------------------------------

DIFF_ARGS = [[], ["-n", "3"], ["-n", "+3"], ["-n", "+0"], ["-c", "5"], ["-c", "+5"], ["-n", "0"], ["-c", "0"],
             ["-3"], ["+18"], ["-3c"], ["-2b"], ["-n", "1k"], ["-z", "-n", "1"], ["-v"], ["-q"], ["-n", "x"],
             ["-c", "1x"], ["-n", "+99999999999999999999999"], ["-5", "-n", "2"], ["--retry"], ["--pid=123"],
             ["-99999999999999999999999"], ["--bytes=-3"], ["---presume-input-pipe", "-n", "3"],
             ["---presume-input-pipe", "-c", "+3"], ["-c", "-0"]]


@pytest.mark.parametrize("args", DIFF_ARGS, ids=" ".join)
def test_same_as_gnu(same_as_gnu, d, args):
    same_as_gnu("tail", *args, "t20", "abc", "nope", "nul", "empty", "dir", stdin=b"in\nput", cwd=d)


@pytest.mark.parametrize("args", [["-5"], ["+3"], ["-3c"], ["-"], ["+"], ["-c"], ["-l"], ["-5", "--"]],
                         ids=" ".join)
def test_obsolete_same_as_gnu(same_as_gnu, d, args):
    same_as_gnu("tail", *args, stdin=TWENTY, cwd=d)


COUNT = st.builds(lambda sign, n, suffix: sign + str(n) + suffix, st.sampled_from(["", "-", "+"]),
                  st.integers(0, 30), st.sampled_from(["", "", "b", "k"]))
DATA = st.lists(st.sampled_from([b"\n", b"\n\n", b"x", b"yz", b"\0", b"\xff"]), max_size=60).map(b"".join)


@settings(max_examples=40)
@given(DATA, st.sampled_from(["-n", "-c"]), COUNT, st.booleans(), st.booleans())
def test_same_as_gnu_generated(inproc, run_gnu, tmp_path, data, unit, count, zero, as_file):
    (tmp_path / "f").write_bytes(data)
    args = [unit, count] + (["-z"] if zero else []) + ([str(tmp_path / "f")] if as_file else [])
    assert tuple(inproc("tail", *args, stdin=data)) == tuple(run_gnu("tail", *args, stdin=data))
