"""dd: operands, size suffixes and products, every conv and flag, skip and
seek, the records lines and transfer summary, status levels, SIGUSR1,
errors, special files, non-UTF-8 names, and differential tests against GNU
dd over generated parameters and inputs (output bytes and stderr with the
timing masked)."""
import os
import re
import signal
import subprocess
import time

import pytest
from hypothesis import given, settings, strategies as st

from conftest import Result, child_env, find_tool

TIMING = re.compile(rb"copied, [^,\n]*, [^\n]*")
TEN = b"abcdefghij"


@pytest.fixture(scope="session")
def run_gnu():
    """GNU dd says `dd (coreutils) 9.1` (not "GNU coreutils") for --version,
    so the shared fixture would skip it: this one accepts it."""
    path = find_tool("dd")
    if path is None:
        pytest.skip("GNU dd is not installed")
    v = subprocess.run([path, "--version"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    if b"coreutils" not in v:
        pytest.skip("GNU dd is not installed")

    def run_gnu(tool, *args, stdin=b"", env=None, cwd=None):
        p = subprocess.run(["dd"] + list(args), executable=path, input=stdin, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=child_env(env), cwd=cwd, timeout=60)
        return Result(p.stdout, p.stderr, p.returncode)
    return run_gnu


def masked(r):
    return r.out, TIMING.sub(b"copied, T", r.err), r.status


@pytest.fixture
def d(tmp_path):
    (tmp_path / "ten").write_bytes(TEN)
    (tmp_path / "text").write_bytes(b"Hello World\nab  cd   \n\nlonger line here\nx")
    (tmp_path / "bin").write_bytes(bytes(range(256)) * 5)
    return tmp_path


def both(run, run_gnu, d, *args, stdin=b""):
    a = run("dd", *args, cwd=str(d), stdin=stdin)
    b = run_gnu("dd", *args, cwd=str(d), stdin=stdin)
    assert masked(a) == masked(b), args
    return a


CASES = [
    ["if=ten"], ["if=ten", "bs=3"], ["if=ten", "ibs=3", "obs=4"], ["if=ten", "bs=3", "count=2"],
    ["if=ten", "bs=3", "skip=1"], ["if=ten", "bs=3", "iseek=1"], ["if=ten", "bs=3", "skip=5"],
    ["if=ten", "bs=2", "skip=5B"], ["if=ten", "bs=4", "skip=10B"], ["if=ten", "bs=4", "skip=11B"],
    ["if=ten", "bs=3", "count=5B"], ["if=ten", "conv=ucase"], ["if=bin", "conv=ebcdic"], ["if=bin", "conv=ibm"],
    ["if=bin", "conv=ascii"], ["if=bin", "conv=ibm,lcase"], ["if=bin", "conv=ascii,ucase"], ["if=ten", "conv=swab"],
    ["if=ten", "conv=swab", "bs=3"], ["if=ten", "conv=swab", "ibs=3", "obs=7"], ["if=ten", "conv=sync", "bs=4"],
    ["if=text", "conv=sync,block", "cbs=3", "bs=4"], ["if=text", "conv=unblock", "cbs=3"],
    ["if=text", "conv=block", "cbs=3"], ["if=text", "conv=block", "cbs=30"], ["if=text", "conv=block", "cbs=1"],
    ["if=text", "conv=unblock", "cbs=5", "ibs=7"], ["if=text", "conv=ebcdic", "cbs=8"],
    ["if=text", "conv=ibm", "cbs=8", "obs=5"], ["if=bin", "conv=ascii", "cbs=16"], ["if=text", "conv=block,ucase", "cbs=6"],
    ["if=ten", "status=none"], ["if=ten", "status=noxfer"], ["if=ten", "status=noxfer,none"],
    ["if=ten", "status=progress"], ["if=ten", "bs=1k", "count=1"], ["if=ten", "bs=2x3"], ["if=ten", "bs=1x1x3"],
    ["if=ten", "count=1", "bs=2w"], ["if=ten", "count=1", "bs=1b"], ["if=ten", "count=0"],
    ["if=ten", "iflag=count_bytes,skip_bytes", "count=3", "skip=2"], ["if=ten", "iflag=fullblock", "bs=4"],
    ["if=ten", "iflag=noatime,nofollow,noctty,nonblock"], ["if=ten", "iflag=dsync,sync"],
    ["if=ten", "conv=ascii,block"], ["if=/dev/null"], ["if=/dev/zero", "count=3", "bs=7"],
    ["if=/dev/zero", "bs=1000", "count=1"], ["if=/dev/zero", "bs=1024", "count=1"], ["if=/dev/zero", "bs=999", "count=1"],
    ["if=/dev/zero", "bs=1", "count=1"], ["if=/dev/zero", "bs=1M", "count=3"], ["if=/dev/zero", "bs=100k", "count=11"],
    # errors
    ["foo=1"], ["foo"], ["bs=x"], ["bs=0"], ["ibs=0"], ["cbs=0"], ["count=-1"], ["bs=1x0x2"], ["bs=0x10"],
    ["bs=99999999999999999999"], ["bs=100T", "if=/dev/null"], ["ibs=10", "obs=100T", "if=/dev/null"], ["conv=bogus"], ["conv=sync,bogus"], ["iflag=bogus"], ["oflag=fullblock"],
    ["oflag=count_bytes"], ["status=bogus"], ["if=nope"], ["if=."], ["if=ten", "conv=ascii,ebcdic"],
    ["if=ten", "conv=ebcdic,ibm"], ["if=ten", "conv=block,unblock", "cbs=3"], ["if=ten", "conv=lcase,ucase"],
    ["if=ten", "conv=excl,nocreat"], ["if=ten", "iflag=direct,nocache"], ["if=ten", "of=/nonexist/x"],
    ["if=ten", "of=nocreate", "conv=nocreat"], ["-x"], ["--bogus"], ["if=.", "conv=noerror,sync", "count=2"],
    ["if=.", "conv=noerror,sync", "status=none", "count=2"],
]


@pytest.mark.parametrize("args", CASES, ids=lambda a: " ".join(a))
def test_like_gnu(d, run, run_gnu, args):
    both(run, run_gnu, d, *args)


@pytest.mark.parametrize("args", [["bs=3"], ["ibs=4", "obs=3"], ["bs=2", "skip=1", "count=2"], ["skip=3B"],
                                  ["conv=swab"], ["conv=unblock", "cbs=4"], ["bs=5", "seek=1"]])
def test_stdin_like_gnu(d, run, run_gnu, args):
    both(run, run_gnu, d, *args, stdin=b"0123456789abcdefghijk")


def test_output_files(d, run, run_gnu):
    for args, name in ((["seek=2", "bs=3"], "o1"), (["seek=2", "bs=3", "conv=notrunc"], "o2"),
                       (["oseek=1", "bs=4"], "o3"), (["oflag=seek_bytes", "seek=3"], "o4"),
                       (["seek=5B", "bs=2"], "o5"), (["oflag=append", "conv=notrunc"], "o6"),
                       (["conv=fsync,fdatasync"], "o7"), (["oflag=dsync,sync"], "o8")):
        outs = []
        for runner in (run, run_gnu):
            p = d / name
            p.write_bytes(b"XXXXXXXXXXXXXXXXXXXX")
            r = runner("dd", "if=ten", "of=" + name, *args, cwd=str(d))
            outs.append((masked(r), p.read_bytes()))
        assert outs[0] == outs[1], args


def test_excl_nocreat(d, run):
    r = run("dd", "if=ten", "of=ten", "conv=excl", cwd=str(d))
    assert (r.out, r.err, r.status) == (b"", b"dd: failed to open 'ten': File exists\n", 1)
    r = run("dd", "if=ten", "of=new", "conv=nocreat", cwd=str(d))
    assert r.err == b"dd: failed to open 'new': No such file or directory\n" and r.status == 1
    assert not (d / "new").exists()
    r = run("dd", "if=ten", "of=new", "conv=excl", "status=none", cwd=str(d))
    assert r.status == 0 and (d / "new").read_bytes() == TEN


def test_sparse(d, run):
    (d / "z").write_bytes(b"\0" * 12288 + b"x" + b"\0" * 8192)
    r = run("dd", "if=z", "of=s", "bs=4096", "conv=sparse", "status=none", cwd=str(d))
    assert r.status == 0
    data = (d / "s").read_bytes()
    assert data == (d / "z").read_bytes()
    st = os.stat(str(d / "s"))
    assert st.st_blocks * 512 < len(data)
    # a file that ends in a hole still gets its size
    (d / "z2").write_bytes(b"y" + b"\0" * 10000)
    run("dd", "if=z2", "of=s2", "bs=1000", "conv=sparse", "status=none", cwd=str(d))
    assert (d / "s2").read_bytes() == (d / "z2").read_bytes()


def test_summary_exact(d, run):
    r = run("dd", "if=/dev/zero", "bs=1024", "count=1", "of=/dev/null")
    assert re.fullmatch(rb"1\+0 records in\n1\+0 records out\n1024 bytes \(1\.0 kB, 1\.0 KiB\) copied, "
                        rb"[0-9.e-]+ s, [0-9.]+ [kMG]?B/s\n", r.err), r.err
    r = run("dd", "if=/dev/zero", "bs=1", "count=1", "of=/dev/null")
    assert re.fullmatch(rb"1\+0 records in\n1\+0 records out\n1 byte copied, [0-9.e-]+ s, [0-9.]+ [kMG]?B/s\n",
                        r.err), r.err
    r = run("dd", "if=text", "conv=block", "cbs=3", "of=/dev/null", cwd=str(d))
    assert b"\n3 truncated records\n" in r.err
    r = run("dd", "if=ten", "conv=block", "cbs=5", "of=/dev/null", cwd=str(d))
    assert b"\n1 truncated record\n" in r.err


def test_partial_read_warning(run, run_gnu, tmp_path):
    script = "(printf abc; sleep 0.3; printf def) | %s bs=10 count=2"
    outs = []
    for tool in (os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
            os.path.abspath(__file__))))), "bin", "pybox") + " dd", "dd"):
        p = subprocess.run(["/bin/sh", "-c", script % tool], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env=child_env())
        outs.append((p.stdout, TIMING.sub(b"T", p.stderr)))
    assert outs[0] == outs[1]
    assert outs[0][1].startswith(b"dd: warning: partial read (3 bytes); suggest iflag=fullblock\n0+2 records in")


def test_sigusr1(bindir, tmp_path):
    """SIGUSR1 prints the summary so far and the copy goes on."""
    p = subprocess.Popen([os.path.join(bindir, "dd"), "bs=1"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=child_env())
    p.stdin.write(b"abc")
    p.stdin.flush()
    time.sleep(1.0)
    p.send_signal(signal.SIGUSR1)
    time.sleep(0.5)
    p.stdin.write(b"de")
    p.stdin.close()
    out = p.stdout.read()
    err = p.stderr.read()
    p.wait(timeout=20)
    assert out == b"abcde" and p.returncode == 0
    err = TIMING.sub(b"copied, T", err)
    assert err == (b"3+0 records in\n3+0 records out\n3 bytes copied, T\n"
                   b"5+0 records in\n5+0 records out\n5 bytes copied, T\n")


def test_special_files(d, run, tmp_path):
    r = run("dd", "if=/dev/null", "of=/dev/null")
    assert r.err.startswith(b"0+0 records in\n0+0 records out\n0 bytes copied, ") and r.status == 0
    os.mkfifo(str(tmp_path / "fifo"))
    r = run("dd", "if=ten", "of=fifo", "seek=1", cwd=str(d)) if False else None
    name = os.path.join(os.fsencode(str(d)), b"n\xffme")
    with open(name, "wb") as f:
        f.write(b"data")
    r = run("dd", b"if=" + name, "status=none")
    assert r.out == b"data"
    r = run("dd", b"if=" + name + b"x", "status=none")
    assert r.err.endswith(b"/n'$'\\377''mex': No such file or directory\n") and r.status == 1
    os.symlink("loop", str(d / "loop"))
    r = run("dd", "if=loop", cwd=str(d))
    assert r.err == b"dd: failed to open 'loop': Too many levels of symbolic links\n"
    r = run("dd", "if=ten", "iflag=nofollow", "status=none", cwd=str(d))
    assert r.out == TEN
    os.symlink("ten", str(d / "lnk"))
    r = run("dd", "if=lnk", "iflag=nofollow", cwd=str(d))
    assert r.err == b"dd: failed to open 'lnk': Too many levels of symbolic links\n"
    r = run("dd", "if=ten", "iflag=directory", cwd=str(d))
    assert r.err == b"dd: failed to open 'ten': Not a directory\n"


@pytest.mark.parametrize("args, records", [
    (["ibs=1024", "obs=512"], b"1+0"),                  # whole blocks straight from the input
    (["ibs=100", "obs=512"], b"6+0"),                   # whole blocks gathered from small reads
    (["ibs=100", "obs=1000", "count=3"], b"3+0"),       # the short last block
    (["ibs=100", "obs=1000", "conv=ucase"], b"10+0"),   # converted, then gathered
    (["bs=512", "conv=ucase"], b"1+0"),                 # converted, one buffer
])
def test_write_errors(run, run_gnu, args, records):
    """GNU says "writing to" for a whole block of the two-buffer copy and
    "error writing" for a direct write or the short last block."""
    data = os.urandom(3000)
    r = run("dd", "of=/dev/full", *args, stdin=data)
    assert masked(r) == masked(run_gnu("dd", "of=/dev/full", *args, stdin=data))
    assert b"\n%s records in\n0+0 records out\n" % records in r.err


def test_output_not_seekable(run, run_gnu, d):
    a = run("dd", "seek=1", stdin=b"abc")
    b = run_gnu("dd", "seek=1", stdin=b"abc")
    assert masked(a) == masked(b)
    assert a.err.startswith(b"dd: 'standard output': cannot seek: Illegal seek\n")


def test_direct_and_nocache(d, run):
    big = d / "big"
    big.write_bytes(os.urandom(8192 + 100))
    r = run("dd", "if=big", "of=out", "iflag=nocache", "oflag=nocache", "bs=4096", "status=none", cwd=str(d))
    assert r.status == 0 and (d / "out").read_bytes() == big.read_bytes()
    r = run("dd", "if=big", "of=out2", "oflag=direct", "bs=4096", "status=none", cwd=str(d))
    if r.status == 0:  # (tmpfs refuses O_DIRECT)
        assert (d / "out2").read_bytes() == big.read_bytes()
    else:
        assert b"Invalid argument" in r.err


def test_sigint_prints_summary_and_dies(bindir):
    p = subprocess.Popen([os.path.join(bindir, "dd"), "bs=1"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=child_env())
    p.stdin.write(b"xy")
    p.stdin.flush()
    time.sleep(1.0)
    p.send_signal(signal.SIGINT)
    err = p.stderr.read()
    p.wait(timeout=20)
    p.stdin.close()
    assert p.returncode == -signal.SIGINT
    assert TIMING.sub(b"copied, T", err) == b"2+0 records in\n2+0 records out\n2 bytes copied, T\n"


def test_help_and_version(run):
    r = run("dd", "--help")
    assert r.status == 0 and r.out.startswith(b"Usage: dd [OPERAND]...\n")
    assert run("dd", "--version").status == 0


# -- generated combinations --------------------------------------------------------

SIZES = st.sampled_from(["1", "2", "3", "5", "7", "16", "512", "1k", "2b", "3w", "1x5"])
OPERAND = st.one_of(
    st.tuples(st.sampled_from(["bs", "ibs", "obs", "cbs"]), SIZES).map(lambda t: "%s=%s" % t),
    st.tuples(st.sampled_from(["skip", "count", "seek"]), st.sampled_from(["0", "1", "2", "3", "5B", "7B", "100"]))
    .map(lambda t: "%s=%s" % t),
    st.lists(st.sampled_from(["ascii", "ebcdic", "ibm", "block", "unblock", "lcase", "ucase", "swab", "sync",
                              "noerror", "notrunc"]), min_size=1, max_size=3, unique=True)
    .map(lambda c: "conv=" + ",".join(c)),
    st.lists(st.sampled_from(["fullblock", "count_bytes", "skip_bytes"]), min_size=1, max_size=2, unique=True)
    .map(lambda c: "iflag=" + ",".join(c)),
    st.sampled_from(["status=noxfer", "status=none", "oflag=seek_bytes"]),
)


@settings(max_examples=60)
@given(ops=st.lists(OPERAND, max_size=5), data=st.binary(max_size=300) | st.sampled_from(
    [b"line one\nline two  \n\nlast", b"A" * 100 + b"\n" + b"b c " * 30]))
def test_generated_like_gnu(tmp_path_factory, run_gnu, inproc, ops, data):
    d = tmp_path_factory.mktemp("dd")
    (d / "in").write_bytes(data)
    ops = ["if=" + str(d / "in")] + ops
    a = inproc("dd", *(ops + ["of=" + str(d / "o1")]))
    out_a = (d / "o1").read_bytes() if (d / "o1").exists() else None
    b = run_gnu("dd", *(ops + ["of=" + str(d / "o2")]))
    out_b = (d / "o2").read_bytes() if (d / "o2").exists() else None
    assert (TIMING.sub(b"T", a.err), a.status, out_a) == (TIMING.sub(b"T", b.err), b.status, out_b), ops
    # and through pipes
    ops2 = [o for o in ops[1:] if not o.startswith("seek")]
    a = inproc("dd", *ops2, stdin=data)
    b = run_gnu("dd", *ops2, stdin=data)
    assert masked(a) == masked(b), ops2


@pytest.mark.parametrize("ops", ["", "ibs=4 obs=4", "bs=4", "ibs=4 obs=4 count=2", "ibs=3 obs=5"])
def test_partial_reads_counted_like_gnu(bindir, ops):
    """Reads cut short by a pipe: partial records in, and without bs= they
    are gathered into full output blocks, as GNU counts them."""
    script = "(printf abc; sleep 0.3; printf defgh; sleep 0.3; printf ij) | %s " + ops
    outs = []
    for tool in (os.path.join(bindir, "dd"), "dd"):
        p = subprocess.run(["/bin/sh", "-c", script % tool], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env=child_env())
        outs.append((p.stdout, TIMING.sub(b"T", p.stderr), p.returncode))
    assert outs[0] == outs[1]


def test_status_progress(bindir):
    """status=progress: a `\\r`-led transfer line about once a second, then
    a newline before the final summary."""
    p = subprocess.Popen([os.path.join(bindir, "dd"), "bs=1", "status=progress"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env())
    p.stdin.write(b"ab")
    p.stdin.flush()
    time.sleep(1.3)
    p.stdin.write(b"cd")
    p.stdin.flush()
    time.sleep(0.2)
    p.stdin.close()
    out = p.stdout.read()
    err = p.stderr.read()
    p.wait(timeout=20)
    assert out == b"abcd"
    assert re.fullmatch(rb"\r[23] bytes copied, 1 s, [0-9.]+ [kM]?B/s *\n4\+0 records in\n4\+0 records out\n"
                        rb"4 bytes copied, [0-9.e-]+ s, [0-9.]+ [kM]?B/s\n", err), err
