"""tr: translation, deletion, squeezing, every kind of ARRAY construct, the
usage and validation errors, chunk boundaries, and differential tests."""
import os
import subprocess

import pytest
from hypothesis import given, strategies as st

from conftest import child_env

ALL = bytes(range(256))


def tr(run, *args, stdin=b"", **kw):
    return tuple(run("tr", *args, stdin=stdin, **kw))


# -- translation -------------------------------------------------------------------

@pytest.mark.parametrize("args, data, expected", [
    (["abc", "xyz"], b"aabbcc dd", b"xxyyzz dd"),
    (["a-z", "A-Z"], b"hello, World\n", b"HELLO, WORLD\n"),
    (["[:lower:]", "[:upper:]"], b"hello\xe9\n", b"HELLO\xe9\n"),
    (["[:upper:]", "[:lower:]"], b"HeLLo\xc9\n", b"hello\xc9\n"),
    (["a-z", "x"], b"abc-z", b"xxx-x"),  # STRING2 padded with its last char
    (["-t", "a-z", "xy"], b"abcd", b"xycd"),  # -t truncates STRING1
    (["--truncate-set1", "abc", "x"], b"abc", b"xbc"),
    (["abc", "[x*]"], b"abcd", b"xxxd"),
    (["abcd", "x[y*]z"], b"abcd", b"xyyz"),
    (["a-e", "[x*2]y"], b"abcde", b"xxyyy"),
    (["abc", "[x*010]"], b"abc", b"xxx"),  # octal count
    (["\\n\\t", "NT"], b"a\tb\n", b"aTbN"),
    (["\\101\\7", "xy"], b"A\x07", b"xy"),
    (["\\\\", "/"], b"a\\b", b"a/b"),
    (["\\q", "Q"], b"q", b"Q"),  # unknown escape: the char itself
    (["a\\-z", "123"], b"a-z b", b"123 b"),  # escaped '-' is no range
    (["a-", "xy"], b"a-", b"xy"),  # trailing '-' is literal
    (["[=a=]", "b"], b"aA", b"bA"),
    (["-c", "a", "x"], b"abc\n", b"axxx"),
    (["-C", "a-z", "_"], b"ab1\n", b"ab__"),
    (["-c", "[:alpha:]", "[x*]"], b"a1b2", b"axbx"),
    (["--complement", "\\0-\\376", "x"], b"\xff\x00", b"x\x00"),
    (["\\0-\\377", "[a*]"], ALL[:4], b"aaaa"),
    (["[:upper:]", "[:upper:]"], b"AbC", b"AbC"),
    (["a[:lower:]", "A[:upper:]"], b"ab", b"AB"),
])
def test_translate(inproc, args, data, expected):
    assert tr(inproc, *args, stdin=data) == (expected, b"", 0)


def test_all_bytes_round_trip(run):
    assert tr(run, "\\0-\\377", "\\0-\\377", stdin=ALL * 2) == (ALL * 2, b"", 0)
    rev = bytes(reversed(ALL))
    out = run("tr", "\\0-\\377", "\\377\\376\\375\\374\\373\\372\\371\\370\\367\\366\\365\\364\\363\\362"
              "\\361\\360-\\377", stdin=b"\x00\x05\x10").out
    assert out[:2] == rev[:1] + rev[5:6]


def test_classes(inproc):
    cases = {
        "alnum": b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        "alpha": b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        "blank": b"\t ", "digit": b"0123456789", "lower": b"abcdefghijklmnopqrstuvwxyz",
        "space": b"\t\n\v\f\r ", "upper": b"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "xdigit": b"0123456789ABCDEFabcdef",
        "cntrl": bytes(range(32)) + b"\x7f", "print": bytes(range(32, 127)),
        "graph": bytes(range(33, 127)),
        "punct": bytes(c for c in range(33, 127) if not chr(c).isalnum()),
    }
    for name, members in cases.items():
        r = inproc("tr", "-cd", "[:%s:]" % name, stdin=ALL)
        assert r.out == members, name


# -- deletion and squeezing ------------------------------------------------------------

@pytest.mark.parametrize("args, data, expected", [
    (["-d", "a-c"], b"abcdcba", b"d"),
    (["--delete", "\\n"], b"a\nb\n", b"ab"),
    (["-cd", "0-9\\n"], b"a1b2\n", b"12\n"),
    (["-s", " "], b"a   b  c ", b"a b c "),
    (["-s", "a-z"], b"aabbcc  dd", b"abc  d"),
    (["--squeeze-repeats", "\\n"], b"\n\n\na\n\n", b"\na\n"),
    (["-cs", "a-z", "\\n"], b"one  two...three", b"one\ntwo\nthree"),
    (["-s", "ab", "xy"], b"aabbab", b"xy" * 2),  # translate, then squeeze STRING2's chars
    (["-s", "a", "b"], b"aabb", b"b"),
    (["-ds", "a", "b"], b"abba abab", b"b b"),
    (["-ds", "-c", "b", "x"], b"xxaxbx", b"b"),
    (["-ds", "a", "x"], b"xxaxx", b"x"),
    (["-s", "[=a=]"], b"aaa", b"a"),
    (["-sc", "\\0-\\375"], b"\xff\xff\xfe\xfe", b"\xff\xfe"),
])
def test_delete_squeeze(inproc, args, data, expected):
    assert tr(inproc, *args, stdin=data) == (expected, b"", 0)


def test_squeeze_across_chunks(run):
    data = b"a" * 300000 + b"b" * 300000 + b" " * 600000 + b"c"
    assert tr(run, "-s", "ab ", stdin=data) == (b"ab c", b"", 0)
    many = bytes(range(97, 107))
    assert tr(run, "-s", many.decode(), stdin=b"".join(bytes([c]) * 70000 for c in many)) == (many, b"", 0)


def test_empty_input(run):
    assert tr(run, "a", "b") == (b"", b"", 0)
    assert tr(run, "-s", "a") == (b"", b"", 0)


# -- errors ------------------------------------------------------------------------------

TRY = b"Try 'tr --help' for more information.\n"


@pytest.mark.parametrize("args, message", [
    ([], b"tr: missing operand\n" + TRY),
    (["a"], b"tr: missing operand after 'a'\nTwo strings must be given when translating.\n" + TRY),
    (["-ds", "a"], b"tr: missing operand after 'a'\n"
     b"Two strings must be given when both deleting and squeezing repeats.\n" + TRY),
    (["-d", "a", "b"], b"tr: extra operand 'b'\n"
     b"Only one string may be given when deleting without squeezing repeats.\n" + TRY),
    (["a", "b", "c"], b"tr: extra operand 'c'\n" + TRY),
    (["a", "-d", "b"], b"tr: extra operand 'b'\n" + TRY),  # options stop at the first operand
    (["a\\b"], b"tr: missing operand after 'a\\\\b'\nTwo strings must be given when translating.\n" + TRY),
    (["-x"], b"tr: invalid option -- 'x'\n" + TRY),
    (["--nope", "a"], b"tr: unrecognized option '--nope'\n" + TRY),
    (["z-a", "x"], b"tr: range-endpoints of 'z-a' are in reverse collating sequence order\n"),
    (["\\377-a", "x"], b"tr: range-endpoints of '\\377-a' are in reverse collating sequence order\n"),
    (["[:foo:]", "x"], b"tr: invalid character class 'foo'\n"),
    (["[::]", "x"], b"tr: missing character class name '[::]'\n"),
    (["[==]", "x"], b"tr: missing equivalence class character '[==]'\n"),
    (["[=ab=]", "x"], b"tr: ab: equivalence class operand must be a single character\n"),
    (["a", "[:digit:]"], b"tr: when translating, the only character classes that may appear in\n"
     b"string2 are 'upper' and 'lower'\n"),
    (["a", "[=a=]"], b"tr: [=c=] expressions may not appear in string2 when translating\n"),
    (["a[x*]", "b"], b"tr: the [c*] repeat construct may not appear in string1\n"),
    (["a", "[x*][y*]"], b"tr: only one [c*] repeat construct may appear in string2\n"),
    (["-ds", "a", "[x*]"], b"tr: the [c*] construct may appear in string2 only when translating\n"),
    (["a-z", ""], b"tr: when not truncating set1, string2 must be non-empty\n"),
    (["-c", "[:lower:]", "ab"], b"tr: when translating with complemented character classes,\n"
     b"string2 must map all characters in the domain to one\n"),
    (["a-z", "[:upper:]"], b"tr: misaligned [:upper:] and/or [:lower:] construct\n"),
    (["abc", "x[:upper:]"], b"tr: misaligned [:upper:] and/or [:lower:] construct\n"),
    (["a-z[:upper:]", "x[:lower:]"], b"tr: misaligned [:upper:] and/or [:lower:] construct\n"),
    (["[a*08]", "x"], b"tr: invalid repeat count '08' in [c*n] construct\n"),
    (["[a*99999999999999999999]", "x"],
     b"tr: invalid repeat count '99999999999999999999' in [c*n] construct\n"),
    (["ab", "[:upper:]x[:lower:]"], b"tr: misaligned [:upper:] and/or [:lower:] construct\n"),
])
def test_errors(inproc, args, message):
    assert tr(inproc, *args, stdin=b"abc") == (b"", message, 1)


def test_warnings_go_on(run):
    r = run("tr", "\\400", "x", stdin=b"a b\x00")
    assert r.err == (b"tr: warning: the ambiguous octal escape \\400 is being\n"
                     b"\tinterpreted as the 2-byte sequence \\040, 0\n")
    assert (r.out, r.status) == (b"axb\x00", 0)
    r = run("tr", "a\\", "xy", stdin=b"a\\")
    assert tuple(r) == (b"xy", b"tr: warning: an unescaped backslash at end of string is not portable\n", 0)


def test_string1_longer_with_class_at_end(run):
    r = run("tr", "a-z", "[:upper:]0")
    assert r.status == 1 and b"misaligned" in r.err
    r = run("tr", "abcd", "[:upper:]")
    assert tuple(r) == (b"", b"tr: misaligned [:upper:] and/or [:lower:] construct\n", 1)


def test_quotes_in_utf8_locale(run):
    r = run("tr", "x", env={"LC_ALL": "C.UTF-8"})
    assert r.err.startswith("tr: missing operand after \u2018x\u2019\n".encode())
    r = run("tr", "[:x:]", "y", env={"LC_ALL": "C.UTF-8"})
    assert r.err == "tr: invalid character class \u2018x\u2019\n".encode()


def test_read_error(tmp_path, capfdbinary):
    # Python cannot start with a directory as standard input, so this one
    # runs in process with fd 0 pointed at a directory.
    from multicall import main
    fd = os.open(str(tmp_path), os.O_RDONLY)
    saved = os.dup(0)
    os.dup2(fd, 0)
    try:
        status = main.run("tr", ["tr", "a", "b"])
    finally:
        os.dup2(saved, 0)
        os.close(saved)
        os.close(fd)
    out, err = capfdbinary.readouterr()
    assert (out, err, status) == (b"", b"tr: read error: Is a directory\n", 1)


def test_write_error(bindir):
    with open("/dev/full", "wb") as full:
        p = subprocess.run([os.path.join(bindir, "tr"), "a", "b"], input=b"abc", stdout=full,
                           stderr=subprocess.PIPE, env=child_env())
    assert (p.returncode, p.stderr) == (1, b"tr: write error: No space left on device\n")


def test_help_and_version(run):
    r = run("tr", "--help")
    assert r.status == 0 and r.out.startswith(b"Usage: tr [OPTION]... STRING1 [STRING2]\n")
    assert b"-c, -C, --complement" in r.out and b"[:alnum:]" in r.out
    assert run("tr", "--version").status == 0


# -- differential ------------------------------------------------------------------------

SAMPLE = ALL + b"hello  wORLD\n\n\taa  bb\\\\ zz\n" * 3

DIFF_ARGS = [
    ["a-z", "A-Z"], ["-d", "a-z"], ["-s", "a-z "], ["-cs", "[:alnum:]", "\\n"], ["-cd", "[:print:]"],
    ["[:lower:][:upper:]", "[:upper:][:lower:]"], ["-t", "a-z", "0-9"], ["a-z", "0-9"],
    ["-ds", "aeiou", "lo "], ["\\0-\\37", "[.*]"], ["[:space:]", "[_*5]-"], ["-c", "a", "[b*]"],
    ["-s", "[:punct:]"], ["-d", "[=\\\\=][:digit:]"], ["-A", "a", "b"], ["--", "-a", "b"],
    ["[:alpha:]", "[x*3][y*]"], ["-c", "-t", "a-y", "XY"], ["a-c", "[X*0]"], ["[[]", "x"],
    ["a[[:b", "xyz"], ["[x*3", "abc"], ["[:*2]", "ab"], ["[=*2=]", "x"], ["[a-]", "xyz"],
]


@pytest.mark.parametrize("args", DIFF_ARGS, ids=" ".join)
def test_same_as_gnu(same_as_gnu, args):
    same_as_gnu("tr", *args, stdin=SAMPLE)


PIECES = ["a", "b", "z", "A", "0", "-", "[", "]", ":", "=", "*", "\\", "\\n", "\\1", "\\\\",
          "[:upper:]", "[:lower:]", "[:digit:]", "[:space:]", "[:punct:]", "[=a=]", "[a*]",
          "[b*3]", "[c*010]", "a-z", "A-Z", "z-a", "[:bogus:]", " ", "\\-"]
ARRAY = st.lists(st.sampled_from(PIECES), max_size=4).map("".join)


@given(st.lists(st.sampled_from(["-c", "-d", "-s", "-t"]), max_size=2, unique=True),
       st.lists(ARRAY, min_size=1, max_size=2), st.binary(max_size=100))
def test_same_as_gnu_generated(inproc, run_gnu, opts, arrays, data):
    args = opts + arrays
    data += b"hello  wORLD\n\x00\xff"
    assert tuple(inproc("tr", *args, stdin=data)) == tuple(run_gnu("tr", *args, stdin=data))


@given(st.binary(max_size=300), st.sampled_from([["-s", "ab "], ["-cs", "a"], ["-s", "a-z", "A-Z"],
                                                  ["-ds", "x", "ab"]]),
       st.integers(1, 7))
def test_small_chunks_same_as_gnu(inproc, run_gnu, monkeypatch, data, args, size):
    # Squeezing must carry the last byte over from one read to the next.
    import applets.coreutils.tr as mod
    monkeypatch.setattr(mod, "BUFSIZE", size)
    data = data.replace(b"\x00", b"a") + b"aab  bxx"
    assert tuple(inproc("tr", *args, stdin=data)) == tuple(run_gnu("tr", *args, stdin=data))
