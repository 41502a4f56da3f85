"""strings: runs of printable characters, every option (-a -d -f -n -NUM -t
-o -w -e -s -U -T @FILE), the odd binutils error paths, chunk boundaries,
and differential tests against binutils' strings."""
import subprocess

import pytest
from hypothesis import given, settings, strategies as st

from conftest import child_env, find_tool

SAMPLE = b"hello\0wor\tld\001abc\377defg\nxyzw"
UTF8 = b"ab\xc3\xa9cd\xe2\x82\xacxy\xf0\x9f\x98\x80zz\xc3(bad\xe2\x82(q\n"


@pytest.fixture
def d(tmp_path):
    (tmp_path / "s").write_bytes(SAMPLE)
    (tmp_path / "u8").write_bytes(UTF8)
    (tmp_path / "dir").mkdir()
    (tmp_path / "args").write_bytes(b'-n 2 "-t" x\n')
    return str(tmp_path)


@pytest.fixture(scope="session")
def binutils():
    """The path of binutils' strings; skips when it is absent."""
    path = find_tool("strings")
    if path is None:
        pytest.skip("binutils strings is not installed")
    v = subprocess.run([path, "--version"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    if b"Binutils" not in v:
        pytest.skip("the installed strings is not binutils'")
    return path


@pytest.fixture
def same_as_binutils(run, binutils):
    def check(*args, stdin=b"", cwd=None):
        p = subprocess.run(["strings"] + list(args), executable=binutils, input=stdin, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=child_env(), cwd=cwd)
        got = run("strings", *args, stdin=stdin, cwd=cwd)
        # the last line of a usage message lists BFD's targets, which differ
        err = b"\n".join(l for l in p.stderr.split(b"\n") if b"supported targets" not in l)
        mine = b"\n".join(l for l in got.err.split(b"\n") if b"supported targets" not in l)
        assert (got.out, mine, got.status) == (p.stdout, err, p.returncode), args
        return got
    return check


def test_default(run, d, via):
    r = run("strings", "s", cwd=d, via=via)
    assert tuple(r) == (b"hello\nwor\tld\ndefg\nxyzw\n", b"", 0)


def test_stdin(run):
    assert run("strings", stdin=SAMPLE).out == b"hello\nwor\tld\ndefg\nxyzw\n"
    assert run("strings", "-f", stdin=b"abcd").out == b"{standard input}: abcd\n"


@pytest.mark.parametrize("args, out", [
    (["-n", "3"], b"hello\nwor\tld\nabc\ndefg\nxyzw\n"),
    (["-3"], b"hello\nwor\tld\nabc\ndefg\nxyzw\n"),
    (["--bytes=6"], b"wor\tld\n"),
    (["-n", "0x3"], b"hello\nwor\tld\nabc\ndefg\nxyzw\n"),
    (["-n", "010"], b""),
    (["-n", "-1"], b""),
    (["-t", "x"], b"      0 hello\n      6 wor\tld\n     11 defg\n     16 xyzw\n"),
    (["-t", "d"], b"      0 hello\n      6 wor\tld\n     17 defg\n     22 xyzw\n"),
    (["-o"], b"      0 hello\n      6 wor\tld\n     21 defg\n     26 xyzw\n"),
    (["--radix=o"], b"      0 hello\n      6 wor\tld\n     21 defg\n     26 xyzw\n"),
    (["-f"], b"s: hello\ns: wor\tld\ns: defg\ns: xyzw\n"),
    (["-s", "|"], b"hello|wor\tld|defg|xyzw|"),
    (["--output-separator="], b"hellowor\tlddefgxyzw"),
    (["-w", "-n", "2"], b"hello\nwor\tld\nabc\ndefg\nxyzw\n"),
    (["-e", "S"], b"hello\nwor\tld\nabc\xffdefg\nxyzw\n"),
])
def test_options(run, d, args, out):
    assert tuple(run("strings", *args, "s", cwd=d)) == (out, b"", 0)


def test_whitespace_option_joins_lines(run):
    assert run("strings", "-w", stdin=b"ab\ncd\r\n\0xy").out == b"ab\ncd\r\n\n"
    assert run("strings", stdin=b"ab\ncd\r\n\0xy").out == b""


@pytest.mark.parametrize("enc, data, out", [
    ("l", "héllo wörld".encode("utf-16-le"), b"llo w\nrld\n"),
    ("b", b"\0a\0b\0c\0d\0\n\0e", b"abcd\n"),
    ("L", "abcd".encode("utf-32-le") + b"\1\0\0\0", b"abcd\n"),
    ("B", "abcdef".encode("utf-32-be"), b"abcdef\n"),
    ("l", b"x" + "abcde".encode("utf-16-le"), b"abcde\n"),
])
def test_wide_encodings(run, enc, data, out):
    assert run("strings", "-n", "3", "-e", enc, stdin=data).out == out


def test_dash_operand_is_not_stdin(run, d):
    # binutils: "-" only turns off -d; with no real file it is a usage error
    assert run("strings", "-", "s", stdin=b"zzzzz", cwd=d).out == b"hello\nwor\tld\ndefg\nxyzw\n"
    r = run("strings", "-", stdin=b"zzzzz")
    assert r.status == 1 and r.out == b"" and r.err.startswith(b"Usage: strings [option(s)] [file(s)]\n")


@pytest.mark.parametrize("args, err, status", [
    (["nope"], b"strings: 'nope': No such file\n", 1),
    (["dir"], b"strings: Warning: 'dir' is a directory\n", 1),
    (["-n", "0", "s"], b"strings: invalid minimum string length 0\n", 1),
    (["-n", "", "s"], b"strings: invalid minimum string length 0\n", 1),
    (["-n", "abc", "s"], b"strings: invalid integer argument abc\n", 1),
    (["-U", "zz", "s"], b"strings: invalid argument to -U/--unicode: zz\n", 1),
])
def test_errors(run, d, args, err, status):
    r = run("strings", *args, cwd=d)
    assert (r.err, r.status) == (err, status)


@pytest.mark.parametrize("args", [["-e", "x"], ["-t", "q"], ["-t", "xx"], ["-x"], ["--foo"]])
def test_usage_errors_print_the_usage(run, d, args):
    r = run("strings", *args, "s", cwd=d)
    assert r.status == 1 and r.out == b""
    assert b"Usage: strings [option(s)] [file(s)]\n" in r.err


def test_missing_file_does_not_stop_the_others(run, d):
    r = run("strings", "nope", "s", cwd=d)
    assert (r.out, r.status) == (b"hello\nwor\tld\ndefg\nxyzw\n", 1)


def test_response_file(run, d):
    assert run("strings", "@args", "s", cwd=d).out == (
        b"      0 hello\n      6 wor\tld\n      d abc\n     11 defg\n     16 xyzw\n")
    r = run("strings", "@missing", "s", cwd=d)
    assert r.err == b"strings: '@missing': No such file\n" and r.status == 1


def test_help_and_version(run):
    r = run("strings", "--help")
    assert r.status == 0 and r.out.startswith(b"Usage: strings [option(s)] [file(s)]\n")
    assert run("strings", "-h").out == r.out
    assert run("strings", "-v").status == 0 and run("strings", "-V").out == run("strings", "--version").out


def test_runs_across_chunk_boundaries(run, tmp_path):
    # runs straddling the 256 KiB reads, a run longer than a chunk, and -w
    data = (b"\0" * 262140 + b"abcdefgh" + b"\0" + b"q" * 600000 + b"\0xyz\0wxyz")
    (tmp_path / "big").write_bytes(data)
    r = run("strings", "-t", "d", "big", cwd=str(tmp_path))
    assert r.out == b" 262140 abcdefgh\n 262149 %s\n 862154 wxyz\n" % (b"q" * 600000)
    wide = "x".encode("utf-16-le") * 200000
    assert run("strings", "-e", "l", stdin=b"\0" + wide).out == b"x" * 200000 + b"\n"


def test_data_sections_of_an_elf_file(run, tmp_path):
    import struct
    # A tiny ELF64 object: .data (alloc) holds "in data", .comment (not
    # alloc) holds "in comment", and a string sits outside any section.
    body = b"junk before\0" + b"in data\0" + b"in comment\0"
    shoff = 64 + len(body)
    hdr = bytearray(64)
    hdr[:7] = b"\x7fELF\x02\x01\x01"
    struct.pack_into("<HHIQQQIHHHHHH", hdr, 16, 1, 62, 1, 0, 0, shoff, 0, 64, 0, 0, 64, 3, 0)
    sh = bytearray(64 * 3)
    struct.pack_into("<IIQQQQIIQQ", sh, 64, 0, 1, 3, 0, 64 + 12, 8, 0, 0, 1, 0)   # .data
    struct.pack_into("<IIQQQQIIQQ", sh, 128, 0, 1, 0, 0, 64 + 20, 11, 0, 0, 1, 0)  # .comment
    (tmp_path / "o").write_bytes(bytes(hdr) + body + bytes(sh))
    assert run("strings", "-d", "-t", "d", "o", cwd=str(tmp_path)).out == b"     76 in data\n"
    assert b"in comment" in run("strings", "o", cwd=str(tmp_path)).out
    assert b"in comment" in run("strings", "-d", "-T", "binary", "o", cwd=str(tmp_path)).out
    # not an object: -d scans the whole file
    assert run("strings", "-d", stdin=b"").status == 0


def test_unicode_modes(run, d):
    assert run("strings", "-U", "e", "-n", "3", "u8", cwd=d).out == (
        b"ab\\u00e9cd\\u20acxy\\u07c600zz\n(bad\n")
    assert run("strings", "--unicode=hex", "-n", "3", "u8", cwd=d).out == (
        b"ab<0xc3a9>cd<0xe282ac>xy<0xf09f9880>zz\n(bad\n")
    assert run("strings", "-U", "i", "-n", "3", "u8", cwd=d).out == b"(bad\n"
    assert run("strings", "-U", "l", "-n", "3", "u8", cwd=d).out == b"ab\xc3cd\xe2xy\xf0zz\n(bad\n"


def test_unicode_invalid_offsets(run):
    # A 4-byte character refused by -U i is put back in binutils' order,
    # which differs before and after the minimum length: the offsets show it.
    out = run("strings", "-t", "d", "-U", "i", "-n", "3", stdin=b"ab\xf0\x9f\x98\x80cdefg\n").out
    assert out == b"      6 cdefg\n"
    data = b"abcd\xf0\x9f\x98\x80efg\xf0\x9f\x98\x80xyz\n"
    assert run("strings", "-t", "d", "-U", "i", "-n", "3", stdin=data).out == (
        b"      0 abcd\n      8 efg\n     15 xyz\n")


# -- differential ----------------------------------------------------------------

DIFF_ARGS = [[], ["-a"], ["-n", "2"], ["-7"], ["-t", "o"], ["-t", "x", "-f"], ["-e", "S"], ["-e", "l"],
             ["-e", "b"], ["-e", "L", "-n", "2"], ["-e", "B"], ["-w"], ["-s", "::"], ["-U", "e"],
             ["-U", "x", "-t", "d"], ["-U", "i", "-n", "2"], ["-U", "h"], ["-U", "l"], ["-d"], ["-d", "-t", "x"],
             ["-n", "0"], ["-n", "x"], ["-e", "q"], ["-t", "oo"], ["-5n2"], ["--bytes=3"], ["-T", "foo", "-d"],
             ["-a5"], ["-f", "-5", "-a"], ["-n", "2", "-5"], ["-5", "-n", "2"], ["-f", "--", "-3"]]


@pytest.mark.parametrize("args", DIFF_ARGS, ids=" ".join)
def test_same_as_binutils_on_files(same_as_binutils, d, args):
    same_as_binutils(*args, "s", "u8", "nope", "dir", cwd=d)


def test_numeric_option_after_an_operand_like_binutils(same_as_binutils, d):
    # binutils reads -NUM's text from the argv getopt has permuted: here "s"
    same_as_binutils("u8", "-5", "s", cwd=d)
    same_as_binutils("s", "-3", cwd=d)


@pytest.mark.parametrize("args", [[], ["-d"], ["-d", "-t", "x", "-e", "l"], ["-a", "-n", "8", "-t", "d"]],
                         ids=" ".join)
def test_same_as_binutils_on_a_binary(same_as_binutils, args):
    same_as_binutils(*args, "/bin/true")


DATA = st.lists(st.sampled_from([b"\0", b"\0\0", b"a", b"bc", b"\t", b"\n", b"\r", b" ", b"\x7f", b"\xc3\xa9",
                                 b"\xe2\x82\xac", b"\xf0\x9f\x98\x80", b"\xc3", b"\xff", b"\x80"]),
                max_size=50).map(b"".join)


@settings(max_examples=40)
@given(DATA, st.sampled_from([[], ["-n", "1"], ["-n", "2"], ["-n", "3"], ["-e", "S"], ["-e", "l", "-n", "1"],
                              ["-e", "b", "-n", "2"], ["-w"], ["-U", "e", "-n", "2"], ["-U", "x", "-n", "1"],
                              ["-U", "i", "-n", "2"], ["-t", "d"]]))
def test_same_as_binutils_generated(inproc, binutils, data, args):
    p = subprocess.run(["strings", "-t", "d"] + args, executable=binutils, input=data, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=child_env())
    assert tuple(inproc("strings", "-t", "d", *args, stdin=data)) == (p.stdout, p.stderr, p.returncode)
