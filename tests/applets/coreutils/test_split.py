"""split: every mode (-l -b -C -n N, K/N, l/N, l/K/N, r/N, r/K/N, -NUM),
suffixes (-a -d -x FROM --additional-suffix, auto-widening, exhaustion),
-e -t -u --verbose --filter, the error paths, and differential tests that
compare the files GNU split creates with ours."""
import os

import pytest
from hypothesis import given, settings, strategies as st


TWELVE = b"".join(b"%d\n" % i for i in range(1, 13))  # 27 bytes


def run_split(runner, args, data=TWELVE, stdin=None, files=None, tmp=None):
    """Run split in a fresh directory holding `in`; (out, err, status, {name: bytes})."""
    import tempfile
    d = tempfile.mkdtemp(dir=tmp)
    for name, content in (files or {"in": data}).items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(content)
    r = runner(args, stdin if stdin is not None else data, d)
    made = {}
    for name in sorted(os.listdir(d)):
        with open(os.path.join(d, name), "rb") as f:
            made[name] = f.read()
    return r.out, r.err, r.status, made


@pytest.fixture
def mine(run, tmp_path):
    def go(*args, data=TWELVE, stdin=None, files=None):
        return run_split(lambda a, i, d: run("split", *a, stdin=i, cwd=d), list(args), data, stdin, files,
                         str(tmp_path))
    return go


@pytest.fixture
def same(mine, run_gnu, tmp_path):
    def go(*args, data=TWELVE, stdin=None, files=None):
        theirs = run_split(lambda a, i, d: run_gnu("split", *a, stdin=i, cwd=d), list(args), data, stdin, files,
                           str(tmp_path))
        got = mine(*args, data=data, stdin=stdin, files=files)
        assert got == theirs, args
        return got
    return go


def test_default_thousand_lines(mine, via, run, tmp_path):
    data = b"".join(b"%d\n" % i for i in range(2500))
    out, err, status, made = mine("in", data=data)
    assert (out, err, status) == (b"", b"", 0)
    assert sorted(made) == ["in", "xaa", "xab", "xac"]
    assert made["xaa"] + made["xab"] + made["xac"] == data
    assert made["xaa"].count(b"\n") == 1000
    r = run("split", "-l", "5", "-", "p", stdin=TWELVE, cwd=str(tmp_path), via=via)
    assert r.status == 0 and (tmp_path / "pab").read_bytes() == b"6\n7\n8\n9\n10\n"


@pytest.mark.parametrize("args, names", [
    (["-l", "5", "in"], {"xaa": b"1\n2\n3\n4\n5\n", "xab": b"6\n7\n8\n9\n10\n", "xac": b"11\n12\n"}),
    (["-5", "in"], {"xaa": b"1\n2\n3\n4\n5\n", "xab": b"6\n7\n8\n9\n10\n", "xac": b"11\n12\n"}),
    (["-b", "10", "in"], {"xaa": TWELVE[:10], "xab": TWELVE[10:20], "xac": TWELVE[20:]}),
    (["-C", "8", "in"], {"xaa": b"1\n2\n3\n4\n", "xab": b"5\n6\n7\n8\n", "xac": b"9\n10\n11\n", "xad": b"12\n"}),
    (["-n", "4", "in"], {"xaa": TWELVE[:6], "xab": TWELVE[6:12], "xac": TWELVE[12:18], "xad": TWELVE[18:]}),
    (["-n", "l/3", "in"], {"xaa": b"1\n2\n3\n4\n5\n", "xab": b"6\n7\n8\n9\n", "xac": b"10\n11\n12\n"}),
    (["-n", "r/3", "in"], {"xaa": b"1\n4\n7\n10\n", "xab": b"2\n5\n8\n11\n", "xac": b"3\n6\n9\n12\n"}),
    (["-d", "-l", "6", "in"], {"x00": b"1\n2\n3\n4\n5\n6\n", "x01": b"7\n8\n9\n10\n11\n12\n"}),
    (["--numeric-suffixes=8", "-l", "6", "in"], {"x08": b"1\n2\n3\n4\n5\n6\n", "x09": b"7\n8\n9\n10\n11\n12\n"}),
    (["-x", "-a", "3", "-l", "6", "in"], {"x000": b"1\n2\n3\n4\n5\n6\n", "x001": b"7\n8\n9\n10\n11\n12\n"}),
    (["--hex-suffixes=9", "-l", "6", "in"], {"x09": b"1\n2\n3\n4\n5\n6\n", "x0a": b"7\n8\n9\n10\n11\n12\n"}),
    (["--hex-suffixes=f", "-l", "6", "in"], {"x0f": b"1\n2\n3\n4\n5\n6\n", "x10": b"7\n8\n9\n10\n11\n12\n"}),
    (["--additional-suffix=.t", "-l", "6", "in", "p-"], {"p-aa.t": b"1\n2\n3\n4\n5\n6\n",
                                                           "p-ab.t": b"7\n8\n9\n10\n11\n12\n"}),
    (["-t", "1", "in"], {"xaa": TWELVE}),
    (["-t", "1", "-l", "2", "in"], {"xaa": b"1\n2\n3\n4\n5\n6\n7\n8\n9\n1", "xab": b"0\n11", "xac": b"\n12\n"}),
])
def test_modes(mine, args, names):
    out, err, status, made = mine(*args)
    assert (out, err, status) == (b"", b"", 0)
    made.pop("in")
    assert made == names


def test_chunk_to_stdout(mine):
    assert mine("-n", "2/4", "in")[0] == TWELVE[6:12]
    assert mine("-n", "4/4", "in")[0] == TWELVE[18:]
    assert mine("-n", "l/2/3", "in")[0] == b"6\n7\n8\n9\n"
    assert mine("-n", "r/2/3", "in")[0] == b"2\n5\n8\n11\n"
    assert mine("-n", "r/2/3", "-u", "in")[0] == b"2\n5\n8\n11\n"


def test_empty_input(mine):
    assert mine("in", data=b"")[3] == {"in": b""}
    made = mine("-n", "3", "in", data=b"")[3]
    assert made == {"in": b"", "xaa": b"", "xab": b"", "xac": b""}
    assert mine("-e", "-n", "3", "in", data=b"")[3] == {"in": b""}
    assert mine("-n", "r/2", "in", data=b"")[3] == {"in": b"", "xaa": b"", "xab": b""}


def test_elide_empty_files(mine):
    made = mine("-e", "-n", "l/30", "in")[3]
    assert all(made.values()) and b"".join(v for k, v in made.items() if k != "in") == TWELVE


def test_no_final_newline_and_nul_and_bad_utf8(mine):
    data = b"a\xff\nb\0c\nd"
    made = mine("-l", "1", "in", data=data)[3]
    assert made == {"in": data, "xaa": b"a\xff\n", "xab": b"b\0c\n", "xac": b"d"}
    made = mine("-t", "\\0", "-l", "1", "in", data=data)[3]
    assert made == {"in": data, "xaa": b"a\xff\nb\0", "xab": b"c\nd"}


def test_suffix_widening(mine):
    data = b"".join(b"%d\n" % i for i in range(680))
    made = mine("-l", "1", "in", data=data)[3]
    assert made["xyz"] == b"649\n" and made["xzaaa"] == b"650\n" and made["xzabd"] == b"679\n"
    made = mine("-l", "1", "-d", "in", data=data[:data.index(b"\n105\n") + 1])[3]
    assert made["x89"] == b"89\n" and made["x9000"] == b"90\n" and made["x9014"] == b"104\n"


def test_suffixes_exhausted(mine):
    data = b"".join(b"%d\n" % i for i in range(30))
    out, err, status, made = mine("-l", "1", "-a", "1", "in", data=data)
    assert (err, status) == (b"split: output file suffixes exhausted\n", 1)
    assert made["xz"] == b"25\n" and len(made) == 27


def test_verbose(mine):
    out = mine("--verbose", "-l", "5", "in")[0]
    assert out == b"creating file 'xaa'\ncreating file 'xab'\ncreating file 'xac'\n"


def test_filter(mine):
    out, err, status, made = mine("--filter=cat > $FILE.f; echo $FILE", "-l", "5", "in")
    assert (out, err, status) == (b"xaa\nxab\nxac\n", b"", 0)
    assert made["xab.f"] == b"6\n7\n8\n9\n10\n" and "xaa" not in made
    out, err, status, made = mine("--filter=exit 3", "in")
    assert (err, status) == (b"split: with FILE=xaa, exit 3 from command: exit 3\n", 3)
    out, err, status, made = mine("--filter=kill -9 $$", "in")
    assert (err, status) == (b"split: with FILE=xaa, signal KILL from command: kill -9 $$\n", 137)
    # a filter that stops reading is not an error
    assert mine("--filter=head -c1 >/dev/null", "-b", "3", "in")[1:3] == (b"", 0)


def test_would_overwrite_input(mine):
    out, err, status, made = mine("-l", "1", "xaa", files={"xaa": b"a\nb\n"})
    assert (err, status) == (b"split: 'xaa' would overwrite input; aborting\n", 1)
    assert made == {"xaa": b"a\nb\n"}


def test_existing_output_is_truncated(mine):
    made = mine("-l", "6", "in", files={"in": TWELVE, "xab": b"old junk that is long\n"})[3]
    assert made["xab"] == b"7\n8\n9\n10\n11\n12\n"


@pytest.mark.parametrize("args, err", [
    (["-l", "0", "in"], b"split: invalid number of lines: '0': Numerical result out of range\n"),
    (["-b", "0", "in"], b"split: invalid number of bytes: '0': Numerical result out of range\n"),
    (["-b", "1x", "in"], b"split: invalid number of bytes: '1x'\n"),
    (["-C", "x", "in"], b"split: invalid number of bytes: 'x'\n"),
    (["-n", "0", "in"], b"split: invalid number of chunks: '0': Numerical result out of range\n"),
    (["-n", "4/3", "in"], b"split: invalid chunk number: '4': Numerical result out of range\n"),
    (["-n", "r/3/4/5", "in"], b"split: invalid number of chunks: '4/5'\n"),
    (["-l", "99999999999999999999", "in"],
     b"split: invalid number of lines: '99999999999999999999': Value too large for defined data type\n"),
    (["-0", "in"], b"split: invalid number of lines: '0'\nTry 'split --help' for more information.\n"),
    (["-l", "3", "-b", "3", "in"], b"split: cannot split in more than one way\n"
                                   b"Try 'split --help' for more information.\n"),
    (["-5", "-l", "3", "in"], b"split: cannot split in more than one way\n"
                              b"Try 'split --help' for more information.\n"),
    (["-t", "xx", "in"], b"split: multi-character separator 'xx'\n"),
    (["-t", "", "in"], b"split: empty record separator\n"),
    (["-t", "a", "-t", "b", "in"], b"split: multiple separator characters specified\n"),
    (["--additional-suffix=a/b", "in"], b"split: invalid suffix 'a/b', contains directory separator\n"
                                        b"Try 'split --help' for more information.\n"),
    (["--numeric-suffixes=9x", "in"], b"split: '9x': invalid start value for numerical suffix\n"
                                      b"Try 'split --help' for more information.\n"),
    (["-a", "1", "-n", "30", "in"], b"split: the suffix length needs to be at least 2\n"),
    (["--numeric-suffixes=123", "-a", "2", "in"],
     b"split: numerical suffix start value is too large for the suffix length\n"
     b"Try 'split --help' for more information.\n"),
    (["in", "x", "y"], b"split: extra operand 'y'\nTry 'split --help' for more information.\n"),
    (["nope"], b"split: cannot open 'nope' for reading: No such file or directory\n"),
    (["-n", "2", "-"], b"split: -: cannot determine file size\n"),
    (["--filter=cat", "-n", "1/2", "in"], b"split: --filter does not process a chunk extracted to stdout\n"
                                         b"Try 'split --help' for more information.\n"),
    (["-a", "x", "in"], b"split: invalid suffix length: 'x'\n"),
])
def test_errors(mine, args, err):
    out, got_err, status, made = mine(*args, stdin=TWELVE)
    assert (got_err, status) == (err, 1)


def test_directory_input(mine, tmp_path):
    d = tmp_path / "dir"
    d.mkdir()
    out, err, status, made = mine(str(d))
    assert (err, status) == (b"split: %s: Is a directory\n" % str(d).encode(), 1)


# -- differential --------------------------------------------------------------

DIFF_ARGS = [
    ["in"], ["-l", "1", "in"], ["-l", "5", "in"], ["-7", "in"], ["-1", "-2", "in"], ["-b", "1", "in"],
    ["-b", "4", "in"], ["-b", "1K", "in"], ["-C", "1", "in"], ["-C", "3", "in"], ["-C", "9", "in"],
    ["-n", "1", "in"], ["-n", "5", "in"], ["-n", "30", "in"], ["-n", "30", "-e", "in"], ["-n", "3/5", "in"],
    ["-n", "l/5", "in"], ["-n", "l/30", "in"], ["-n", "l/30", "-e", "in"], ["-n", "l/4/11", "in"],
    ["-n", "l/1/1", "in"], ["-n", "r/5", "in"], ["-n", "r/30", "in"], ["-n", "r/30", "-e", "in"],
    ["-n", "r/4/5", "in"], ["-t", "1", "-C", "5", "in"], ["-x", "-n", "20", "in"],
    ["--numeric-suffixes=3", "-n", "20", "in"], ["-a", "4", "-b", "9", "in", "pre"],
    ["--verbose", "-n", "r/4", "in"], ["-n", "2", "-"], ["-l", "3", "-"], ["-b", "5", "-"],
    ["--filter=cat", "-n", "r/3", "in"], ["--verbose", "--filter=wc -c", "-n", "3", "in"],
]


@pytest.mark.parametrize("args", DIFF_ARGS, ids=" ".join)
def test_same_as_gnu(same, args):
    same(*args, stdin=TWELVE)


def test_same_as_gnu_big_input(same):
    data = b"".join(b"line %d %s\n" % (i, b"x" * (i % 300)) for i in range(3000))
    for args in (["-n", "l/7", "in"], ["-n", "l/3/7", "in"], ["-C", "100000", "in"], ["-b", "150000", "in"],
                 ["-n", "r/5", "in"], ["-l", "700", "in"]):
        same(*args, data=data)


DATA = st.lists(st.sampled_from([b"\n", b"a", b"bc\n", b"def", b"\n\n", b"\0", b"xyzxyzxyz\n"]),
                max_size=40).map(b"".join)
MODES = st.sampled_from(["-l %d", "-b %d", "-C %d", "-n %d", "-n l/%d", "-n r/%d", "-n 1/%d", "-n l/1/%d",
                         "-n r/1/%d"])


@settings(max_examples=30)
@given(DATA, MODES, st.integers(1, 9), st.booleans())
def test_same_as_gnu_generated(mine, run_gnu, tmp_path, data, mode, n, elide):
    args = (mode % n).split() + (["-e"] if elide else []) + ["in"]
    theirs = run_split(lambda a, i, d: run_gnu("split", *a, stdin=i, cwd=d), args, data, None, None,
                       str(tmp_path))
    assert mine(*args, data=data) == theirs
