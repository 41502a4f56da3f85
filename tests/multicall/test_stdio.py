"""The streaming I/O core: which kernel call copy() uses for which pair of
files, that a refused call hands over without losing or repeating bytes,
limits, and that cat of a large file goes through the zero-copy path."""
import errno
import os
import posix

import pytest

from multicall import stdio

DATA = bytes(range(256)) * 4096 + b"tail"  # 1 MiB and a bit, every byte value


class Calls:
    """Wrap posix's copy calls to record which ones ran, optionally failing."""

    NAMES = ("copy_file_range", "sendfile", "splice")

    def __init__(self, monkeypatch, fail=()):
        self.seen = []
        for name in self.NAMES:
            real = getattr(posix, name, None)
            if real is None:
                continue
            monkeypatch.setattr(posix, name, self._wrap(name, real, name in fail))

    def _wrap(self, name, real, fail):
        def call(*args):
            self.seen.append(name)
            if fail:
                raise OSError(errno.EINVAL, os.strerror(errno.EINVAL))
            return real(*args)
        return call


@pytest.fixture
def src(tmp_path):
    p = tmp_path / "src"
    p.write_bytes(DATA)
    fd = os.open(p, os.O_RDONLY)
    yield fd
    os.close(fd)


def _drain(rfd):
    chunks = []
    while True:
        b = os.read(rfd, 1 << 16)
        if not b:
            return b"".join(chunks)
        chunks.append(b)


def test_regular_to_regular_uses_copy_file_range(monkeypatch, src, tmp_path):
    calls = Calls(monkeypatch)
    out = os.open(tmp_path / "out", os.O_WRONLY | os.O_CREAT)
    try:
        assert stdio.copy(src, out) == len(DATA)
    finally:
        os.close(out)
    assert (tmp_path / "out").read_bytes() == DATA
    assert set(calls.seen) == {"copy_file_range"}


def test_regular_to_pipe_uses_sendfile(monkeypatch, src):
    import threading
    calls = Calls(monkeypatch)
    r, w = os.pipe()
    got = []
    t = threading.Thread(target=lambda: got.append(_drain(r)))
    t.start()
    try:
        assert stdio.copy(src, w) == len(DATA)
    finally:
        os.close(w)
        t.join()
        os.close(r)
    assert got == [DATA]
    assert set(calls.seen) == {"sendfile"}


def test_pipe_to_regular_uses_splice(monkeypatch, tmp_path):
    import threading
    calls = Calls(monkeypatch)
    r, w = os.pipe()
    t = threading.Thread(target=lambda: (os.write(w, DATA), os.close(w)))
    t.start()
    out = os.open(tmp_path / "out", os.O_WRONLY | os.O_CREAT)
    try:
        assert stdio.copy(r, out) == len(DATA)
    finally:
        t.join()
        os.close(out)
        os.close(r)
    assert (tmp_path / "out").read_bytes() == DATA
    assert set(calls.seen) == {"splice"}


def test_refused_calls_hand_over_to_the_plain_loop(monkeypatch, src, tmp_path):
    calls = Calls(monkeypatch, fail=Calls.NAMES)
    out = os.open(tmp_path / "out", os.O_WRONLY | os.O_CREAT)
    try:
        assert stdio.copy(src, out) == len(DATA)
    finally:
        os.close(out)
    assert (tmp_path / "out").read_bytes() == DATA
    assert calls.seen == ["copy_file_range", "sendfile"]


def test_copy_file_range_refused_falls_to_sendfile(monkeypatch, src, tmp_path):
    calls = Calls(monkeypatch, fail=("copy_file_range",))
    out = os.open(tmp_path / "out", os.O_WRONLY | os.O_CREAT)
    try:
        assert stdio.copy(src, out) == len(DATA)
    finally:
        os.close(out)
    assert (tmp_path / "out").read_bytes() == DATA
    assert calls.seen[0] == "copy_file_range" and set(calls.seen[1:]) == {"sendfile"}


@pytest.mark.parametrize("limit", [0, 1, 4095, 65536, len(DATA) - 1, len(DATA), len(DATA) + 10])
@pytest.mark.parametrize("fail", [(), Calls.NAMES])
def test_limit_copies_exactly_and_leaves_the_offset(monkeypatch, src, tmp_path, limit, fail):
    Calls(monkeypatch, fail=fail)
    out = os.open(tmp_path / "out", os.O_WRONLY | os.O_CREAT)
    try:
        n = stdio.copy(src, out, limit=limit)
    finally:
        os.close(out)
    assert n == min(limit, len(DATA))
    assert (tmp_path / "out").read_bytes() == DATA[:n]
    assert os.lseek(src, 0, os.SEEK_CUR) == n


def test_proc_files_skip_zero_copy(monkeypatch, tmp_path):
    # /proc files claim size 0; copy_file_range may report EOF at once there.
    calls = Calls(monkeypatch)
    fd = os.open("/proc/self/status", os.O_RDONLY)
    out = os.open(tmp_path / "out", os.O_WRONLY | os.O_CREAT)
    try:
        n = stdio.copy(fd, out)
    finally:
        os.close(fd)
        os.close(out)
    assert n > 0 and b"Name:" in (tmp_path / "out").read_bytes()
    assert calls.seen == []


def test_cat_of_a_large_file_is_zero_copy(monkeypatch, inproc, tmp_path):
    big = tmp_path / "big"
    big.write_bytes(DATA * 8)
    calls = Calls(monkeypatch)
    r = inproc("cat", str(big))
    assert r.status == 0 and r.err == b""
    assert r.out == DATA * 8
    assert calls.seen and set(calls.seen) <= {"copy_file_range", "sendfile"}


def test_lines_and_chunks(tmp_path):
    p = tmp_path / "f"
    p.write_bytes(b"a\nbb\n\nccc")
    fd = os.open(p, os.O_RDONLY)
    try:
        assert list(stdio.lines(fd)) == [b"a\n", b"bb\n", b"\n", b"ccc"]
    finally:
        os.close(fd)
    p.write_bytes(b"x\0y\0")
    fd = os.open(p, os.O_RDONLY)
    try:
        assert list(stdio.lines(fd, b"\0")) == [b"x\0", b"y\0"]
    finally:
        os.close(fd)
    fd = os.open(p, os.O_RDONLY)
    try:
        assert b"".join(stdio.chunks(fd, 1)) == b"x\0y\0"
    finally:
        os.close(fd)


@pytest.mark.parametrize("data", [
    b"x" * (3 * stdio.BUFSIZE + 5),                              # one record, many chunks
    b"a\n" + b"y" * (2 * stdio.BUFSIZE) + b"\nb\n",            # a long record between short ones
    b"z" * (stdio.BUFSIZE - 1) + b"\n" + b"w" * stdio.BUFSIZE,  # delimiter at a chunk's end
    b"",
])
def test_lines_across_chunks(tmp_path, data):
    p = tmp_path / "f"
    p.write_bytes(data)
    fd = os.open(p, os.O_RDONLY)
    try:
        got = list(stdio.lines(fd))
    finally:
        os.close(fd)
    assert got == data.splitlines(keepends=True)


def test_each_file_reports_and_goes_on(tmp_path, capfd):
    (tmp_path / "a").write_bytes(b"A")
    seen = []
    status = stdio.each_file("prog", [str(tmp_path / "a"), str(tmp_path / "nope")],
                             lambda fd, name: seen.append(os.read(fd, 10)))
    assert status == 1 and seen == [b"A"]
    assert capfd.readouterr().err == "prog: %s: No such file or directory\n" % (tmp_path / "nope")


def test_each_file_end_runs_after_each_opened_input(tmp_path, capfd):
    """end() follows every input that opened, after a read error's message
    and before the next input; a missing one gets no end()."""
    (tmp_path / "a").write_bytes(b"A")
    (tmp_path / "d").mkdir()
    seen = []

    def fn(fd, name):
        seen.append(("read", os.path.basename(name)))
        os.read(fd, 10)
        return name.endswith("a")

    def end():
        seen.append(("end", capfd.readouterr().err.count("\n")))

    names = [str(tmp_path / n) for n in ("a", "nope", "d")]
    assert stdio.each_file("prog", names, fn, end) == 1
    assert seen == [("read", "a"), ("end", 0), ("read", "d"), ("end", 2)]



# A full standard output: one `write error: REASON` line with the applet's
# trouble status, as GNU's close_stdout says it, never the input's name (the
# failed write must not pass for a read error on the file being read).
FULL_CASES = [("cat", "-n"), ("cut", "-c1"), ("nl",), ("fold", "-w3"), ("comm", "-", "BIG"),
              ("join", "BIG", "-"), ("uniq",), ("sort",), ("grep", "1"), ("cat",), ("head", "-n", "50000"),
              ("sed", "s/1/2/"), ("ls", "-R", "/usr/share"),
              ("diff", "/dev/null", "BIG"), ("find", "/usr/share")]  # find goes on, then says it twice, as GNU


def _to_full(argv, big):
    import subprocess
    with open(big, "rb") as f, open("/dev/full", "wb") as full:
        p = subprocess.run(argv, stdin=f, stdout=full, stderr=subprocess.PIPE, env=dict(os.environ, LC_ALL="C"))
    return p.stderr.replace(argv[0].encode(), os.path.basename(argv[0]).encode()), p.returncode


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("argv", FULL_CASES, ids=" ".join)
def test_full_output_is_one_write_error(bindir, tmp_path, argv):
    ref = "/usr/bin/" + argv[0]
    if not os.access(ref, os.X_OK):
        pytest.skip("no " + ref)
    big = tmp_path / "big"
    big.write_bytes(b"".join(b"%d\n" % i for i in range(100000)))
    argv = [str(big) if a == "BIG" else a for a in argv]
    want = _to_full([ref] + argv[1:], big)
    got = _to_full([os.path.join(bindir, argv[0])] + argv[1:], big)
    if argv[0] == "sed":  # GNU counts the items fwrite was given
        want = (want[0].replace(b"write 4 items", b"write items"), want[1])
    assert got == want
