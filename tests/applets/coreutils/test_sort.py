"""sort: every ordering option and key form, -c/-C, -m, -o onto an input,
-u/-s, -z, --files0-from, the obsolete +POS keys, option and key errors
with GNU's messages and status 2, spilling to temporary files under a
small -S (output equal to the in-memory sort, nothing left behind), --debug,
and differential tests against GNU sort on generated lines and key specs."""
import os
import subprocess

import pytest
from hypothesis import given, settings, strategies as st

from conftest import child_env

RANDOM_SOURCE = bytes(range(256)) * 4


@pytest.fixture
def d(tmp_path):
    """A directory with some inputs."""
    (tmp_path / "abc").write_bytes(b"b\na\nc\n")
    (tmp_path / "s1").write_bytes(b"a\nb\nd\n")
    (tmp_path / "s2").write_bytes(b"b\nc\ne\n")
    (tmp_path / "rand").write_bytes(RANDOM_SOURCE)
    (tmp_path / "short").write_bytes(b"12345")
    (tmp_path / "dir").mkdir()
    return str(tmp_path)


def out(r):
    assert (r.err, r.status) == (b"", 0), r
    return r.out


# -- whole lines ---------------------------------------------------------------------

def test_plain(run, via):
    assert tuple(run("sort", stdin=b"b\na\nc\nB\n", via=via)) == (b"B\na\nb\nc\n", b"", 0)


def test_bytes_order_and_odd_data(inproc):
    data = b"\xff\n\x00x\n\xc3\xa9\nz\n\n \n\tq\n"
    assert out(inproc("sort", stdin=data)) == b"\n\x00x\n\tq\n \nz\n\xc3\xa9\n\xff\n"


def test_no_final_newline_and_empty_input(inproc):
    assert out(inproc("sort", stdin=b"b\na")) == b"a\nb\n"
    assert out(inproc("sort", stdin=b"")) == b""
    assert out(inproc("sort", stdin=b"\n")) == b"\n"


def test_lines_longer_than_a_chunk(inproc):
    long1, long2 = b"b" * 3000000, b"a" * 1500000 + b"z"
    data = long1 + b"\n" + long2 + b"\nc\n" + long2
    assert out(inproc("sort", stdin=data)) == long2 + b"\n" + long2 + b"\n" + long1 + b"\nc\n"
    assert out(inproc("sort", "-S", "64K", "-k1.2", stdin=data)) == \
        b"c\n" + long2 + b"\n" + long2 + b"\n" + long1 + b"\n"


def test_prefix_sorts_first(inproc):
    assert out(inproc("sort", stdin=b"a\tb\na\na b\n")) == b"a\na\tb\na b\n"


def test_reverse_unique(inproc):
    assert out(inproc("sort", "-r", stdin=b"a\nc\nb\n")) == b"c\nb\na\n"
    assert out(inproc("sort", "-u", stdin=b"b\na\nb\na\n")) == b"a\nb\n"
    assert out(inproc("sort", "-ru", stdin=b"b\na\nb\na\n")) == b"b\na\n"


def test_files_concatenated_and_stdin(inproc, d):
    r = inproc("sort", os.path.join(d, "abc"), "-", os.path.join(d, "s1"), stdin=b"0\nz")
    assert out(r) == b"0\na\na\nb\nb\nc\nd\nz\n"


def test_zero_terminated(inproc):
    assert out(inproc("sort", "-z", stdin=b"b\nx\0a\0c")) == b"a\0b\nx\0c\0"
    assert out(inproc("sort", "-z", "-k2", stdin=b"x\nb\0x\na\0")) == b"x\na\0x\nb\0"


# -- ordering options -------------------------------------------------------------------

@pytest.mark.parametrize("args, data, expected", [
    (["-n"], b"10\n9\n-1\n+5\n1.5\n\n-0\n 3\n", b"-1\n\n+5\n-0\n1.5\n 3\n9\n10\n"),
    (["-n"], b"1.10\n1.1\n1.09\n-1.1\n-1.10\n", b"-1.1\n-1.10\n1.09\n1.1\n1.10\n"),
    (["-n"], b"a\n007\n7\n", b"a\n007\n7\n"),
    (["-g"], b"1e3\nx\n-inf\nnan\n0x10\n2\ninf\n-nan\n", b"x\nnan\n-nan\n-inf\n2\n0x10\n1e3\ninf\n"),
    (["-g"], b"1.0000000000000000001\n1\n0.1\n1e-4951\n", b"1e-4951\n0.1\n1\n1.0000000000000000001\n"),
    (["-h"], b"1G\n10K\n-1M\n5\n1k\n0K\n2M\n", b"-1M\n0K\n5\n1k\n10K\n2M\n1G\n"),
    (["-M"], b"mar\nJanuary\n x\n feb\nDEC\n", b" x\nJanuary\n feb\nmar\nDEC\n"),
    (["-V"], b"a10\na2\na1.b\n.x\n..\n.\na~\na\n", b".\n..\n.x\na~\na\na1.b\na2\na10\n"),
    (["-V", "-s"], b"a0\na\n", b"a0\na\n"),
    (["-f"], b"b\nA\na\nB\n", b"A\na\nB\nb\n"),
    (["-d"], b"a-c\nab\n_b\n", b"ab\na-c\n_b\n"),
    (["-i"], b"b\x01a\nba\n\x7fa\n", b"\x7fa\nb\x01a\nba\n"),
    (["-b"], b"  b\na\n c\n", b"a\n  b\n c\n"),
    (["--sort=numeric"], b"10\n9\n", b"9\n10\n"),
    (["--sort=h"], b"1M\n2K\n", b"2K\n1M\n"),
    (["-R", "--random-source=RAND"], b"1\n2\n3\n4\n5\n1\n", b"4\n3\n1\n1\n5\n2\n"),
])
def test_orderings(inproc, d, args, data, expected):
    args = [a.replace("RAND", os.path.join(d, "rand")) for a in args]
    assert out(inproc("sort", *args, stdin=data)) == expected


def test_random_groups_identical_keys(inproc, d):
    data = b"".join(b"%d\n" % (i % 7) for i in range(70))
    r = out(inproc("sort", "-R", "--random-source=" + os.path.join(d, "rand"), stdin=data))
    seen = []
    for line in r.splitlines():
        if not seen or seen[-1] != line:
            seen.append(line)
    assert sorted(seen) == [b"%d" % i for i in range(7)]


# -- keys ----------------------------------------------------------------------------

@pytest.mark.parametrize("args, data, expected", [
    (["-k2"], b"a z\nb y\nc\n", b"c\nb y\na z\n"),
    (["-k2,2"], b"x b 2\ny b 1\nz a 3\n", b"z a 3\nx b 2\ny b 1\n"),
    (["-k2,2", "-s"], b"y b 2\nx b 1\n", b"y b 2\nx b 1\n"),
    (["-k2,2n", "-k1,1r"], b"a 2\nb 10\nc 2\n", b"c 2\na 2\nb 10\n"),
    (["-k1.2,1.2"], b"ab\nba\naa\n", b"aa\nba\nab\n"),
    (["-k1.3"], b"xyb\nzza\n", b"zza\nxyb\n"),
    (["-k2b,2"], b"a  b\nb c\n", b"a  b\nb c\n"),
    (["-k2,2"], b"a  b\nb c\n", b"a  b\nb c\n"),
    (["-t:", "-k2,2"], b"a:2:x\nb:1:y\nc\n", b"c\nb:1:y\na:2:x\n"),
    (["-t:", "-k3", "-r"], b"a:b:c\nx:y:z:w\n", b"x:y:z:w\na:b:c\n"),
    (["-t", "\\0", "-k2,2"], b"a\0b\nb\0a\n", b"b\0a\na\0b\n"),
    (["-k2,2", "-u"], b"1 a\n2 b\n3 a\n", b"1 a\n2 b\n"),
    (["-u", "-f"], b"a\nA\nb\n", b"a\nb\n"),
    (["-n", "-u"], b"1\n01\n1.0\n2\n", b"1\n2\n"),
    (["-k1.1,1.1", "-k2,2nr"], b"a 1\nb 2\na 3\n", b"a 3\na 1\nb 2\n"),
    (["-r", "-k1,1"], b"a 2\na 1\nb 0\n", b"b 0\na 2\na 1\n"),
    (["-k1,1r"], b"a 1\na 2\nb 0\n", b"b 0\na 1\na 2\n"),
    (["-k2,1"], b"b\na\n", b"a\nb\n"),
    (["+1", "-2"], b"a 2\nb 1\n", b"b 1\na 2\n"),
    (["+0.1", "-0.2"], b"ab\nba\n", b"ba\nab\n"),
    (["-k3,3", "-k9999999999999999999999"], b"x\ny\n", b"x\ny\n"),
])
def test_keys(inproc, args, data, expected):
    assert out(inproc("sort", *args, stdin=data)) == expected


def test_obsolete_key_rules(inproc, d):
    # "+1" alone is a key by default (POSIX 2008 allows it again) ...
    assert out(inproc("sort", "+1", stdin=b"a 2\nb 1\n")) == b"b 1\na 2\n"
    # ... but a file with _POSIX2_VERSION=200112, and after --.
    r = inproc("sort", "+1", stdin=b"", env={"_POSIX2_VERSION": "200112"})
    assert (r.err, r.status) == (b"sort: cannot read: +1: No such file or directory\n", 2)
    r = inproc("sort", "--", "+1")
    assert (r.err, r.status) == (b"sort: cannot read: +1: No such file or directory\n", 2)
    r = inproc("sort", "+1", "-2x")
    assert (r.err, r.status) == (b"sort: stray character in field spec: invalid field specification '-2x'\n", 2)


def test_posixly_correct_stops_at_first_file(inproc, d):
    abc = os.path.join(d, "abc")
    r = inproc("sort", abc, "-r", env={"POSIXLY_CORRECT": "1"})
    assert (r.err, r.status) == (b"sort: cannot read: -r: No such file or directory\n", 2)
    o = os.path.join(d, "o")
    assert out(inproc("sort", abc, "-o", o, env={"POSIXLY_CORRECT": "1"})) == b""
    assert open(o, "rb").read() == b"a\nb\nc\n"


# -- check, merge, output ------------------------------------------------------------------

def test_check(run, inproc, d):
    assert tuple(run("sort", "-c", stdin=b"a\nc\nb\n")) == (b"", b"sort: -:3: disorder: b\n", 1)
    assert tuple(inproc("sort", "-c", stdin=b"a\nb\n")) == (b"", b"", 0)
    assert tuple(inproc("sort", "-C", stdin=b"b\na\n")) == (b"", b"", 1)
    assert tuple(inproc("sort", "--check=quiet", stdin=b"b\na\n")) == (b"", b"", 1)
    assert tuple(inproc("sort", "--check=silent", stdin=b"b\na\n")) == (b"", b"", 1)
    assert inproc("sort", "--check=diag", stdin=b"b\na\n").err == b"sort: -:2: disorder: a\n"
    assert tuple(inproc("sort", "-cu", stdin=b"a\na\n")) == (b"", b"sort: -:2: disorder: a\n", 1)
    assert tuple(inproc("sort", "-c", stdin=b"a\na\n")) == (b"", b"", 0)
    assert tuple(inproc("sort", "-cr", stdin=b"b\na\n")) == (b"", b"", 0)
    assert inproc("sort", "-cz", stdin=b"b\0a\0").err == b"sort: -:2: disorder: a\0"
    assert inproc("sort", "-c", "-k2n", stdin=b"x 10\ny 9\n").err == b"sort: -:2: disorder: y 9\n"
    r = inproc("sort", "-c", os.path.join(d, "abc"))
    assert r.err == ("sort: %s:2: disorder: a\n" % os.path.join(d, "abc")).encode()


def test_check_large_input(inproc):
    lines = b"".join(b"%08d\n" % i for i in range(200000))
    assert tuple(inproc("sort", "-c", stdin=lines)) == (b"", b"", 0)
    bad = lines.replace(b"00150000\n", b"00150000\n00000001\n")
    assert inproc("sort", "-c", stdin=bad).err == b"sort: -:150002: disorder: 00000001\n"


def test_check_errors(inproc, d):
    abc = os.path.join(d, "abc")
    assert (inproc("sort", "-c", abc, abc).err, 2) == (
        ("sort: extra operand '%s' not allowed with -c\n" % abc).encode(), 2)
    assert inproc("sort", "-c", "-o", "x").err == b"sort: options '-co' are incompatible\n"
    assert inproc("sort", "-cC").err == b"sort: options '-cC' are incompatible\n"
    r = inproc("sort", "-c", "nope")
    assert (r.err, r.status) == (b"sort: open failed: nope: No such file or directory\n", 2)


def test_merge(inproc, d):
    s1, s2 = os.path.join(d, "s1"), os.path.join(d, "s2")
    assert out(inproc("sort", "-m", s1, s2)) == b"a\nb\nb\nc\nd\ne\n"
    assert out(inproc("sort", "-mu", s1, s2, s1)) == b"a\nb\nc\nd\ne\n"
    assert out(inproc("sort", "-m", "--batch-size=2", s1, s2, s1, s2, s1)) == \
        b"a\na\na\nb\nb\nb\nb\nb\nc\nc\nd\nd\nd\ne\ne\n"
    # Unsorted inputs are merged as GNU's merge would: the smallest head first.
    assert out(inproc("sort", "-m", os.path.join(d, "abc"), s1)) == b"a\nb\na\nb\nc\nd\n"


def test_output_onto_input(run, d):
    p = os.path.join(d, "abc")
    assert tuple(run("sort", "-o", p, p)) == (b"", b"", 0)
    assert open(p, "rb").read() == b"a\nb\nc\n"
    with open(p, "wb") as f:
        f.write(b"c\nb\na\n" * 1000)
    assert tuple(run("sort", "-S", "1b", "-o", p, p)) == (b"", b"", 0)
    assert open(p, "rb").read() == b"a\n" * 1000 + b"b\n" * 1000 + b"c\n" * 1000
    s1, s2 = os.path.join(d, "s1"), os.path.join(d, "s2")
    assert tuple(run("sort", "-m", s2, s1, "-o", s1)) == (b"", b"", 0)
    assert open(s1, "rb").read() == b"a\nb\nb\nc\nd\ne\n"


def test_output_truncates_longer_file(inproc, d):
    o = os.path.join(d, "o")
    with open(o, "wb") as f:
        f.write(b"x" * 1000)
    assert out(inproc("sort", "-o", o, stdin=b"b\na\n")) == b""
    assert open(o, "rb").read() == b"a\nb\n"
    assert out(inproc("sort", "-o", o, stdin=b"")) == b""
    assert open(o, "rb").read() == b""


def test_merge_output_same_as_appended_input(sh, d):
    r = sh("printf 'a\\nc\\n' > m1; printf 'b\\n' > m2; sort -m m1 m2 >> m1; cat m1", cwd=d)
    assert (r.out, r.status) == (b"a\nc\na\nb\nc\n", 0)


def test_files0_from(inproc, d, tmp_path):
    names = tmp_path / "names"
    names.write_bytes(os.path.join(d, "abc").encode() + b"\0" + os.path.join(d, "s1").encode() + b"\0")
    assert out(inproc("sort", "--files0-from", str(names))) == b"a\na\nb\nb\nc\nd\n"
    names.write_bytes(os.path.join(d, "abc").encode())  # no final NUL
    assert out(inproc("sort", "--files0-from=" + str(names))) == b"a\nb\nc\n"
    assert out(inproc("sort", "--files0-from=-", stdin=os.path.join(d, "s2").encode())) == b"b\nc\ne\n"
    names.write_bytes(b"a\0\0")
    r = inproc("sort", "--files0-from", str(names))
    assert (r.err, r.status) == (("sort: %s:2: invalid zero-length file name\n" % names).encode(), 2)
    names.write_bytes(b"-\0")
    assert inproc("sort", "--files0-from", str(names)).err == \
        b"sort: when reading file names from stdin, no file name of '-' allowed\n"
    names.write_bytes(b"")
    assert inproc("sort", "--files0-from", str(names)).err == \
        ("sort: no input from '%s'\n" % names).encode()
    assert inproc("sort", "--files0-from=nope").err == b"sort: open failed: nope: No such file or directory\n"
    r = inproc("sort", "--files0-from=x", "a")
    assert (r.err, r.status) == (b"sort: extra operand 'a'\nfile operands cannot be combined with "
                                 b"--files0-from\nTry 'sort --help' for more information.\n", 2)


# -- errors ---------------------------------------------------------------------------

@pytest.mark.parametrize("args, err, status", [
    (["-k0"], "field number is zero: invalid field specification '0'", 2),
    (["-k1.0"], "character offset is zero: invalid field specification '1.0'", 2),
    (["-kx"], "invalid number at field start: invalid count at start of 'x'", 2),
    (["-k1,x"], "invalid number after ',': invalid count at start of 'x'", 2),
    (["-k1.x"], "invalid number after '.': invalid count at start of 'x'", 2),
    (["-k1q"], "stray character in field spec: invalid field specification '1q'", 2),
    (["-k2,0"], "field number is zero: invalid field specification '2,0'", 2),
    (["-t", "ab"], "multi-character tab 'ab'", 2),
    (["-t", ""], "empty tab", 2),
    (["-t", "a", "-t", "b"], "incompatible tabs", 2),
    (["-S", "1x"], "invalid suffix in -S argument '1x'", 2),
    (["--buffer-s=1KB"], "invalid suffix in --buffer-size argument '1KB'", 2),
    (["-S", "-1"], "invalid -S argument '-1'", 2),
    (["-S", "%"], "invalid -S argument '%'", 2),
    (["-S", "1Z"], "-S argument '1Z' too large", 2),
    (["-S", "99999999999999999999"], "-S argument '99999999999999999999' too large", 2),
    (["--batch-size=1"], "invalid --batch-size argument '1'\nsort: minimum --batch-size argument is '2'", 2),
    (["--batch-size=x"], "invalid --batch-size argument 'x'", 2),
    (["--batch-size=2x"], "invalid suffix in --batch-size argument '2x'", 2),
    (["--parallel=0"], "number in parallel must be nonzero", 2),
    (["--parallel=x"], "invalid --parallel argument 'x'", 2),
    (["-dn"], "options '-dn' are incompatible", 2),
    (["-k1,1nd"], "options '-dn' are incompatible", 2),
    (["-nM"], "options '-Mn' are incompatible", 2),
    (["-gh", "-r", "-b"], "options '-gh' are incompatible", 2),
    (["-fgiMRV"], "options '-fgiMRV' are incompatible", 2),
    (["-dfhnr", "-k2"], "options '-dfhn' are incompatible", 2),
    (["--compress-program=x", "--compress-program=y"], "multiple compress programs specified", 2),
    (["-o", "a", "-o", "b"], "multiple output files specified", 2),
    (["--random-source=a", "--random-source=b"], "multiple random sources specified", 2),
    (["--debug", "-o", "x"], "options '-o --debug' are incompatible", 2),
    (["--debug", "-c"], "options '-c --debug' are incompatible", 2),
    (["nope"], "cannot read: nope: No such file or directory", 2),
    (["-o", "/nonexistent/x"], "open failed: /nonexistent/x: No such file or directory", 2),
    (["-R", "--random-source=nope"], "open failed: nope: No such file or directory", 2),
    (["-R", "--random-source=/dev/null"], "'/dev/null': end of file", 2),
])
def test_errors(inproc, args, err, status):
    r = inproc("sort", *args, stdin=b"b\na\n")
    assert (r.out, r.err.decode(), r.status) == (b"", "sort: %s\n" % err, status)


@pytest.mark.parametrize("args, err, status", [
    (["--check=x"], "invalid argument 'x' for '--check'\nValid arguments are:\n"
     "  - 'quiet', 'silent'\n  - 'diagnose-first'\nTry 'sort --help' for more information.", 1),
    (["--sort=x"], "invalid argument 'x' for '--sort'\nValid arguments are:\n  - 'general-numeric'\n"
     "  - 'human-numeric'\n  - 'month'\n  - 'numeric'\n  - 'random'\n  - 'version'\n"
     "Try 'sort --help' for more information.", 1),
    (["--s"], "option '--s' is ambiguous; possibilities: '--sort' '--stable'\n"
     "Try 'sort --help' for more information.", 2),
    (["--foo"], "unrecognized option '--foo'\nTry 'sort --help' for more information.", 2),
    (["-k"], "option requires an argument -- 'k'\nTry 'sort --help' for more information.", 2),
    (["--key"], "option '--key' requires an argument\nTry 'sort --help' for more information.", 2),
    (["--debug=1"], "option '--debug' doesn't allow an argument\nTry 'sort --help' for more information.", 2),
    (["-2"], "invalid option -- '2'\nTry 'sort --help' for more information.", 2),
])
def test_usage_errors(run, args, err, status):
    r = run("sort", *args)
    assert (r.out, r.err.decode(), r.status) == (b"", "sort: %s\n" % err, status)


def test_error_quotes_in_utf8_locale(inproc):
    env = {"LC_ALL": "C.UTF-8"}
    assert inproc("sort", "-k0", env=env).err.decode() == \
        "sort: field number is zero: invalid field specification \u20180\u2019\n"
    assert inproc("sort", "-S", "1x", env=env).err == b"sort: invalid suffix in -S argument '1x'\n"


def test_directory_and_read_errors(run, sh, d):
    assert tuple(run("sort", d)) == (b"", ("sort: read failed: %s: Is a directory\n" % d).encode(), 2)
    assert tuple(run("sort", "-m", "s1", "dir", cwd=d)) == (b"", b"sort: read failed: dir: Is a directory\n", 2)


def test_write_errors(run):
    r = run("sort", "-o", "/dev/full", stdin=b"a\n")
    assert (r.err, r.status) == (b"sort: fflush failed: /dev/full: No space left on device\n"
                                 b"sort: write error\n", 2)


def test_write_error_to_stdout(sh):
    r = sh("printf 'a\\n' | sort > /dev/full")
    assert (r.err, r.status) == (b"sort: fflush failed: 'standard output': No space left on device\n"
                                 b"sort: write error\n", 2)
    r = sh("seq 100000 | sort > /dev/full")
    assert (r.err, r.status) == (b"sort: write failed: 'standard output': No space left on device\n"
                                 b"sort: write error\n", 2)


def test_ignored_solaris_y(inproc, d):
    assert out(inproc("sort", "-y", "12", stdin=b"b\na\n")) == b"a\nb\n"
    assert out(inproc("sort", "-y0", stdin=b"b\na\n")) == b"a\nb\n"
    r = inproc("sort", "-y", "x")
    assert (r.err, r.status) == (b"sort: cannot read: x: No such file or directory\n", 2)


def test_parallel_accepted(inproc):
    assert out(inproc("sort", "--parallel=4", stdin=b"b\na\n")) == b"a\nb\n"


def test_help_and_version(run):
    r = run("sort", "--help")
    assert r.status == 0 and r.out.startswith(b"Usage: sort [OPTION]... [FILE]...\n")
    for opt in (b"--batch-size", b"--compress-program", b"--debug", b"--files0-from", b"--key=KEYDEF",
                b"--parallel", b"--random-source", b"--sort=WORD", b"--zero-terminated"):
        assert opt in r.out
    assert run("sort", "--version").out.startswith(b"sort (pybox)")


# -- temporary files ------------------------------------------------------------------------

def _lines(n, seed=1):
    import random
    rnd = random.Random(seed)
    words = [b"%x" % rnd.getrandbits(rnd.randint(4, 40)) for _ in range(5000)]
    return b"".join(b"%s %s %d\n" % (rnd.choice(words), rnd.choice(words), rnd.randint(-999, 999))
                    for _ in range(n))


@pytest.mark.parametrize("args", [[], ["-u"], ["-r"], ["-k2,2", "-k3n"], ["-s", "-k1.1,1.2"],
                                  ["-u", "-k3,3n"], ["-z"], ["--batch-size=2"]])
def test_spill_matches_in_memory(run, tmp_path, args):
    data = _lines(25000)  # about 800 KB: some 15 runs of 64 KiB
    (tmp_path / "in").write_bytes(data)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    small = run("sort", "-S", "64K", "-T", str(tmp), *args, "in", cwd=str(tmp_path))
    big = run("sort", "-S", "1G", *args, "in", cwd=str(tmp_path))
    assert small.status == 0 and small.err == b""
    assert small.out == big.out
    assert len(small.out) == len(data) or "-u" in args or "-z" in args
    assert os.listdir(str(tmp)) == []


def test_spill_really_uses_the_temporary_directory(inproc, tmp_path):
    data = _lines(20000)
    r = inproc("sort", "-S", "64K", "-T", str(tmp_path / "none"), stdin=data)
    assert (r.err, r.status) == (("sort: cannot create temporary file in '%s': No such file or directory\n"
                                  % (tmp_path / "none")).encode(), 2)
    assert out(inproc("sort", "-S", "100M", "-T", str(tmp_path / "none"), stdin=data)) == \
        b"".join(sorted(data.splitlines(True)))


def test_spill_tmpdir_from_environment(inproc, tmp_path):
    data = _lines(20000)
    r = inproc("sort", "-S", "64K", stdin=data, env={"TMPDIR": str(tmp_path / "none")})
    assert r.status == 2 and b"cannot create temporary file in" in r.err


def test_compress_program(run, tmp_path):
    data = _lines(30000)
    (tmp_path / "in").write_bytes(data)
    log = tmp_path / "log"
    prog = tmp_path / "squash"
    prog.write_text('#!/bin/sh\necho "$@" >> %s\nexec cat\n' % log)
    prog.chmod(0o755)
    r = run("sort", "-S", "64K", "--compress-program=" + str(prog), "in", cwd=str(tmp_path))
    assert (r.err, r.status) == (b"", 0)
    assert r.out == b"".join(sorted(data.splitlines(True)))
    calls = log.read_text().splitlines()
    assert "-d" in calls and "" in calls
    r = run("sort", "-S", "64K", "--compress-program=/nonexistent/prog", "in", cwd=str(tmp_path))
    assert r.status == 2 and b"couldn't execute" in r.err
    prog.write_text("#!/bin/sh\ncat >/dev/null; exit 3\n")
    r = run("sort", "-S", "64K", "--compress-program=./squash", "in", cwd=str(tmp_path))
    assert (r.err, r.status) == (b"sort: './squash' [-d] terminated abnormally\n", 2)


# -- --debug ----------------------------------------------------------------------------------

def test_debug(inproc):
    r = inproc("sort", "--debug", "-k2n", stdin=b"x 10\ny\t2\n")
    assert r.out == b"y>2\n  _\n___\nx 10\n  __\n____\n"
    assert r.err == (b"sort: text ordering performed using simple byte comparison\n"
                     b"sort: key 1 is numeric and spans multiple fields\n"
                     b"sort: note numbers use '.' as a decimal point in this locale\n")
    r = inproc("sort", "--debug", "-s", "-k1,1", "-r", "-f", "-k2,2", stdin=b"a b\n")
    assert r.out == b"a b\n_\n __\n"
    assert r.err == (b"sort: text ordering performed using simple byte comparison\n"
                     b"sort: leading blanks are significant in key 1; consider also specifying 'b'\n"
                     b"sort: leading blanks are significant in key 2; consider also specifying 'b'\n")
    r = inproc("sort", "--debug", "-bfdr", "-k1,1n", stdin=b"a\n")
    assert r.err.splitlines()[2:] == [b"sort: options '-bdf' are ignored",
                                      b"sort: option '-r' only applies to last-resort comparison"]
    r = inproc("sort", "--debug", "-fiRrV", "-s", "-k1,1n", stdin=b"a\n")
    assert r.err.splitlines()[2:] == [b"sort: options '-fiRrV' are ignored"]
    r = inproc("sort", "--debug", "-Mr", "-k1,1f", stdin=b"a\n")
    assert r.err.splitlines()[2:] == [b"sort: option '-M' is ignored",
                                      b"sort: option '-r' only applies to last-resort comparison"]
    r = inproc("sort", "--debug", stdin=b"a\n", env={"LC_ALL": "C.UTF-8"})
    assert r.err.decode() == "sort: text ordering performed using \u2018C.UTF-8\u2019 sorting rules\n"


# -- startup --------------------------------------------------------------------------------

def test_plain_sort_imports_no_heavy_modules(bindir):
    r = subprocess.run([os.path.join(bindir, "sort")], input=b"b\na\n", capture_output=True,
                       env=child_env({"PYTHONPROFILEIMPORTTIME": "1"}))
    assert r.stdout == b"a\nb\n"
    imported = {line.split(b"|")[-1].strip() for line in r.stderr.splitlines() if b"|" in line}
    for heavy in (b"re", b"locale", b"hashlib", b"heapq", b"subprocess", b"tempfile"):
        assert heavy not in imported


# -- differential tests against GNU sort -----------------------------------------------------

PIECES = [b"a", b"b", b"B", b"1", b"2", b"0", b"-", b".", b" ", b"\t", b"x", b"~", b"K", b"M",
          b"e", b"+", b"\xc3\xa9", b"\xff", b":", b",", b"jan", b"FEB", b"nan", b"inf", b"0x1",
          b"9", b"\x00", b"_"]
lines_st = st.lists(st.lists(st.sampled_from(PIECES), max_size=7).map(b"".join), max_size=12)


@st.composite
def keyspecs(draw):
    f1 = draw(st.integers(1, 4))
    s = str(f1)
    if draw(st.booleans()):
        s += ".%d" % draw(st.integers(1, 4))
    s += "".join(draw(st.lists(st.sampled_from("bdfgiMhnRrV"), max_size=2, unique=True)))
    if draw(st.booleans()):
        s += ",%d" % draw(st.integers(1, 5))
        if draw(st.booleans()):
            s += ".%d" % draw(st.integers(0, 4))
        s += "".join(draw(st.lists(st.sampled_from("bfnr"), max_size=1)))
    return s


options_st = st.lists(st.sampled_from(["-b", "-d", "-f", "-g", "-i", "-M", "-h", "-n", "-r", "-s",
                                       "-u", "-V", "-z", "-t:", "-t ", "-R", "-c", "--debug"]),
                      max_size=3, unique=True)


def _gnu_and_pybox(gnu, inproc, tmp_path, args, data, env):
    args = list(args)
    if any("R" in a for a in args):
        src = tmp_path / "rs"
        src.write_bytes(RANDOM_SOURCE)
        args.append("--random-source=" + str(src))
    e = child_env(env)
    p = subprocess.run(["sort"] + args, executable=gnu("sort"), input=data, capture_output=True, env=e)
    mine = inproc("sort", *args, stdin=data, env=env)
    assert tuple(mine) == (p.stdout, p.stderr, p.returncode), (args, data)


@given(lines=lines_st, keys=st.lists(keyspecs(), max_size=2), opts=options_st, final=st.booleans())
def test_differential_c_locale(gnu, inproc, tmp_path, lines, keys, opts, final):
    data = b"\n".join(lines) + (b"\n" if final and lines else b"")
    args = [a for k in keys for a in ("-k", k)] + opts
    _gnu_and_pybox(gnu, inproc, tmp_path, args, data, {"LC_ALL": "C"})


@given(lines=lines_st, keys=st.lists(keyspecs(), max_size=2), opts=options_st)
def test_differential_utf8_locale(gnu, inproc, tmp_path, lines, keys, opts):
    data = b"\n".join(lines) + b"\n"
    args = [a for k in keys for a in ("-k", k)] + opts
    _gnu_and_pybox(gnu, inproc, tmp_path, args, data, {"LC_ALL": "C.UTF-8"})


numbers_st = st.lists(st.one_of(
    st.integers(-10 ** 30, 10 ** 30).map(lambda i: b"%d" % i),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda f: repr(f).encode()),
    st.from_regex(rb"\A[ ]?-?[0-9]{0,4}(\.[0-9]{0,4})?([eE][+-]?[0-9]{1,4})?[KMGkx]?\Z"),
    st.from_regex(rb"\A0[xX][0-9a-fA-F]{0,5}(\.[0-9a-f]{0,3})?([pP]-?[0-9]{1,3})?\Z"),
), max_size=15)


@settings(max_examples=30)
@given(nums=numbers_st, opt=st.sampled_from(["-n", "-g", "-h", "-gr", "-hu", "-nu", "-gs"]))
def test_differential_numbers(gnu, inproc, tmp_path, nums, opt):
    _gnu_and_pybox(gnu, inproc, tmp_path, [opt], b"\n".join(nums) + b"\n", {"LC_ALL": "C"})


versions_st = st.lists(st.from_regex(rb"\A[.]?[a-c~0-9.]{0,8}(\.[a-z~][a-z0-9~]?)?\Z"), max_size=12)


@settings(max_examples=30)
@given(vs=versions_st, opt=st.sampled_from(["-V", "-Vs", "-Vr", "-Vu"]))
def test_differential_versions(gnu, inproc, tmp_path, vs, opt):
    _gnu_and_pybox(gnu, inproc, tmp_path, [opt], b"\n".join(vs) + b"\n", {"LC_ALL": "C"})


@given(a=st.lists(st.sampled_from([b"a", b"b", b"c", b"A", b"1", b"a b", b""]), max_size=8),
       b=st.lists(st.sampled_from([b"a", b"b", b"c", b"B", b"2", b"b a", b""]), max_size=8),
       opts=st.lists(st.sampled_from(["-u", "-r", "-f", "-s", "-k2"]), max_size=2, unique=True))
def test_differential_merge(gnu, inproc, tmp_path, a, b, opts):
    (tmp_path / "m1").write_bytes(b"".join(x + b"\n" for x in a))
    (tmp_path / "m2").write_bytes(b"".join(x + b"\n" for x in b))
    args = ["-m"] + opts + [str(tmp_path / "m1"), str(tmp_path / "m2")]
    e = child_env({"LC_ALL": "C"})
    p = subprocess.run(["sort"] + args, executable=gnu("sort"), capture_output=True, env=e)
    assert tuple(inproc("sort", *args)) == (p.stdout, p.stderr, p.returncode)


@pytest.mark.parametrize("args", [["-n"], ["-k2,2"], ["-t", ":", "-k3n", "-k1,1r"], ["-u", "-k1.1,1.3"],
                                  ["-s", "-f", "-k1,1"], ["-g", "-r"], ["-h"], ["-V"], ["-M", "-k2"],
                                  ["-b", "-k2,2", "-k1"], ["-d", "-u"], ["-i", "-r", "-s"]])
def test_same_as_gnu_on_a_bigger_input(same_as_gnu, tmp_path, args):
    data = _lines(3000, seed=7).replace(b" ", b":", 1000)
    same_as_gnu("sort", *args, stdin=data + b"jan 1.5K x\nDEC -2M y\n 1e3 0x1p3 z\n")


# -- a real UTF-8 locale (built with localedef into a cache directory) -------------------------

@pytest.fixture(scope="session")
def en_us():
    """{"LOCPATH": dir, "LC_ALL": "en_US.UTF-8"} for a compiled en_US.UTF-8,
    built once with localedef and kept in the temporary directory."""
    import shutil
    import tempfile
    base = os.path.join(tempfile.gettempdir(), "pybox-test-locales")
    target = os.path.join(base, "en_US.UTF-8")
    if not os.path.isdir(target):
        if not shutil.which("localedef") or not os.path.exists("/usr/share/i18n/locales/en_US"):
            pytest.skip("localedef or the en_US locale source is missing")
        os.makedirs(base, exist_ok=True)
        p = subprocess.run(["localedef", "-i", "en_US", "-f", "UTF-8", target], capture_output=True)
        if not os.path.isdir(target):
            pytest.skip("localedef failed: %r" % p.stderr[-200:])
    return {"LOCPATH": base, "LC_ALL": "en_US.UTF-8"}


LOCALE_DATA = b"b\nA\na\nB\n_x\n\xc3\xa9\ne\nE\n\xff\x01\n1,000\n999\n-1,5\n a b\n\x00z\nz\n\n10.5K\n2,000K\n"


@pytest.mark.parametrize("args", [[], ["-r"], ["-f"], ["-u"], ["-s", "-k1,1"], ["-n"], ["-h"], ["-g"],
                                  ["-d"], ["-i"], ["-k2"], ["-t", ",", "-k2n"], ["-c"], ["-R"], ["-V"],
                                  ["--debug", "-k1n"], ["-R", "-k1,1f"]])
def test_real_utf8_locale_matches_gnu(gnu, inproc, tmp_path, en_us, args):
    _gnu_and_pybox(gnu, inproc, tmp_path, args, LOCALE_DATA, en_us)
    if "-c" not in args and "--debug" not in args:
        mine = inproc("sort", *args, stdin=LOCALE_DATA, env=en_us)
        plain = inproc("sort", *args, stdin=LOCALE_DATA, env={"LC_ALL": "C"})
        assert sorted(mine.out.split(b"\n")) == sorted(plain.out.split(b"\n")) or "-u" in args


def test_real_utf8_locale_collates(inproc, en_us):
    assert out(inproc("sort", stdin=b"b\nA\na\nB\n", env=en_us)) == b"a\nA\nb\nB\n"
    assert out(inproc("sort", stdin=b"b\nA\na\nB\n", env={"LC_ALL": "C.UTF-8"})) == b"A\nB\na\nb\n"
    assert out(inproc("sort", "-n", stdin=b"2\n1,000\n", env=en_us)) == b"2\n1,000\n"
    assert out(inproc("sort", "-n", stdin=b"2\n1,000\n")) == b"1,000\n2\n"


# -- --parallel: runs sorted by forked processes ---------------------------------------------
#
# PYBOX_SORT_PARALLEL_MIN lowers the number of lines from which a run is
# sorted in parallel (128Ki by default), so that small inputs take that path.

PAR = {"PYBOX_SORT_PARALLEL_MIN": "100"}


def _par_lines(n=3000, seed=11):
    import random
    rnd = random.Random(seed)
    words = [b"alpha", b"Bravo", b"-3", b"2.5", b"10", b"", b"  7", b"jan", b"\xff", b"x y", b"007"]
    return b"".join(b"%s:%s %s\t%d\n" % (rnd.choice(words), rnd.choice(words), rnd.choice(words),
                                          rnd.randint(-50, 50)) for _ in range(n))


@pytest.fixture
def forks(monkeypatch):
    """Count the children sort forks (in this process)."""
    import posix
    real = posix.fork
    calls = []

    def fork():
        pid = real()
        if pid:
            calls.append(pid)
        return pid
    monkeypatch.setattr(posix, "fork", fork)
    return calls


@pytest.mark.parametrize("args", [[], ["-n"], ["-k2,2"], ["-u"], ["-s", "-k1,1"], ["-r"], ["-z"],
                                  ["-t", ":", "-k2n", "-k1,1r"], ["-f", "-u"], ["-nu", "-k3"],
                                  ["-s", "-r", "-k1.2,1.3"], ["-g"], ["-V"], ["-h", "-s"],
                                  ["-d", "-k2"], ["-u", "-k2,2", "-k1,1"], ["-M", "-r"]])
@pytest.mark.parametrize("n", ["1", "2", "3"])
def test_parallel_same_as_gnu(gnu, inproc, tmp_path, forks, args, n):
    data = _par_lines()
    if "-z" in args:
        data = data.replace(b"\n", b"\0")
    p = subprocess.run([gnu("sort")] + args, input=data, capture_output=True, env=child_env())
    r = inproc("sort", "--parallel=" + n, *args, stdin=data, env=PAR)
    assert tuple(r) == (p.stdout, p.stderr, p.returncode)
    assert len(forks) == int(n) - 1


def test_parallel_utf8_locale_and_random(gnu, inproc, tmp_path, forks):
    data = _par_lines(seed=3)
    src = tmp_path / "rs"
    src.write_bytes(RANDOM_SOURCE)
    for args, env in ((["-f"], {"LC_ALL": "C.UTF-8"}), (["-R", "--random-source=" + str(src)], {})):
        p = subprocess.run([gnu("sort")] + args, input=data, capture_output=True, env=child_env(env))
        r = inproc("sort", "--parallel=2", *args, stdin=data, env=dict(PAR, **env))
        assert tuple(r) == (p.stdout, p.stderr, p.returncode)
    assert len(forks) == 2


def test_parallel_only_for_big_runs(inproc, forks):
    data = _par_lines(150)
    expected = b"".join(sorted(data.splitlines(True)))
    assert out(inproc("sort", stdin=data)) == expected  # 150 lines of 128Ki
    assert out(inproc("sort", "--parallel=2", stdin=data, env={"PYBOX_SORT_PARALLEL_MIN": "200"})) == expected
    assert forks == []
    # a process for every 50 lines at most (GNU: a thread for 64Ki lines)
    assert out(inproc("sort", "--parallel=8", stdin=data, env=PAR)) == expected
    assert len(forks) == 2
    r = inproc("sort", "--debug", "--parallel=8", stdin=data, env=PAR)
    assert r.status == 0 and r.out.count(b"_") > 0
    assert len(forks) == 2  # --debug sorts in one process


def test_parallel_default_is_the_processors(inproc, forks):
    data = _par_lines()
    expected = b"".join(sorted(data.splitlines(True)))
    assert out(inproc("sort", stdin=data, env=dict(PAR, OMP_NUM_THREADS="3"))) == expected
    assert len(forks) == 2
    assert out(inproc("sort", stdin=data, env=dict(PAR, OMP_NUM_THREADS="4", OMP_THREAD_LIMIT="1"))) == expected
    assert len(forks) == 2


def test_omp_threads_parsing():
    from applets.coreutils.sort import _omp_threads
    assert [_omp_threads(v) for v in (None, b"", b"3", b" 4 ", b"5,2", b"x", b"2x", b"-1", b"0")] == \
        [0, 0, 3, 4, 5, 0, 0, 0, 0]


def test_parallel_spill_matches_gnu(gnu, run, tmp_path):
    data = _lines(20000)
    (tmp_path / "in").write_bytes(data)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    for args in ([], ["-u", "-k3,3n"], ["-r", "-s", "-k1,1"]):
        p = subprocess.run([gnu("sort")] + args + ["in"], capture_output=True, env=child_env(),
                           cwd=str(tmp_path))
        r = run("sort", "--parallel=3", "-S", "200K", "-T", str(tmp), *args, "in", cwd=str(tmp_path),
                env=dict(PAR))
        assert tuple(r) == (p.stdout, p.stderr, p.returncode)
        assert os.listdir(str(tmp)) == []


def _in_child(parent, action):
    """Wrap a function so that it runs `action` first in forked children."""
    import posix

    def wrap(real):
        def f(*a, **k):
            if posix.getpid() != parent:
                action(*a, **k)
            return real(*a, **k)
        return f
    return wrap


@pytest.mark.parametrize("failure", ["die-phase1", "die-output", "kill-output", "no-fork",
                                     "no-pipe", "no-mmap"])
def test_parallel_child_failure_falls_back(gnu, inproc, monkeypatch, failure):
    """A child that dies (before the barrier, or while it sends its range),
    or a fork, pipe or mapping that cannot be had: the output is still
    GNU's, nothing is reported, and no child is left behind."""
    import posix
    from applets.coreutils import sort as mod
    me = posix.getpid()
    if failure == "die-phase1":
        monkeypatch.setattr(mod._Parallel, "_phase1", _in_child(me, lambda *a: posix._exit(3))(
            mod._Parallel._phase1))
    elif failure in ("die-output", "kill-output"):
        def cut(fd, data):  # a child sends half of its range, then dies
            if len(data) > 8:
                real_write(fd, data[:len(data) // 2])
                if failure == "kill-output":
                    posix.kill(posix.getpid(), 9)
                posix._exit(0)
            return real_write(fd, data)
        real_write = mod._write_all
        monkeypatch.setattr(mod, "_write_all", lambda fd, data: cut(fd, data) if posix.getpid() != me
                            else real_write(fd, data))
    elif failure == "no-fork":
        def nofork():
            raise BlockingIOError(11, "Resource temporarily unavailable")
        monkeypatch.setattr(posix, "fork", nofork)
    elif failure == "no-pipe":
        def nopipe():
            raise OSError(24, "Too many open files")
        monkeypatch.setattr(posix, "pipe", nopipe)
    else:
        import mmap

        def nomap(*a, **k):
            raise OSError(12, "Cannot allocate memory")
        monkeypatch.setattr(mmap, "mmap", nomap)
    data = _par_lines()
    for args in ([], ["-u", "-k2,2"], ["-r", "-n", "-k3"]):
        p = subprocess.run([gnu("sort")] + args, input=data, capture_output=True, env=child_env())
        r = inproc("sort", "--parallel=3", *args, stdin=data, env=PAR)
        assert tuple(r) == (p.stdout, p.stderr, p.returncode), args
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_parallel_output_errors_and_sigpipe(sh, tmp_path):
    data = _par_lines(20000)
    (tmp_path / "in").write_bytes(data)
    r = sh("sort --parallel=2 in | head -n 1; echo $?", env=dict(PAR, LC_ALL="C"), cwd=str(tmp_path))
    assert (r.out, r.err, r.status) == (min(data.splitlines(True)) + b"0\n", b"", 0)
    r = sh("sort --parallel=2 in > /dev/full", env=dict(PAR, LC_ALL="C"), cwd=str(tmp_path))
    assert (r.out, r.err, r.status) == (b"", b"sort: write failed: 'standard output': No space left on device\n"
                                        b"sort: write error\n", 2)
