"""paste: parallel and serial merging, delimiter lists and escapes, files of
different lengths, `-` several times, -z, errors, and differential tests
against GNU paste."""
import pytest
from hypothesis import given, strategies as st


@pytest.fixture
def d(tmp_path):
    (tmp_path / "num").write_bytes(b"1\n2\n3\n")
    (tmp_path / "let").write_bytes(b"a\nb")
    (tmp_path / "empty").write_bytes(b"")
    (tmp_path / "dir").mkdir()
    return str(tmp_path)


# -- parallel ---------------------------------------------------------------------

@pytest.mark.parametrize("args, expected", [
    (["num", "let"], b"1\ta\n2\tb\n3\t\n"),
    (["let", "num"], b"a\t1\nb\t2\n\t3\n"),
    (["num", "empty", "let"], b"1\t\ta\n2\t\tb\n3\t\t\n"),
    (["empty", "empty"], b""),
    (["num"], b"1\n2\n3\n"),
    (["let"], b"a\nb\n"),
    (["-d,", "num", "let"], b"1,a\n2,b\n3,\n"),
    (["-d", ",;", "num", "num", "num", "num"], b"1,1;1,1\n2,2;2,2\n3,3;3,3\n"),
    (["--delimiters=,", "num", "let"], b"1,a\n2,b\n3,\n"),
    (["-d", "\\0", "num", "let"], b"1a\n2b\n3\n"),
    (["-d", "", "num", "let"], b"1a\n2b\n3\n"),
    (["-d", ",\\0", "num", "num", "num"], b"1,11\n2,22\n3,33\n"),
    (["-d", "\\n", "num", "let"], b"1\na\n2\nb\n3\n\n"),
    (["-d", "\\t\\\\", "num", "num", "num"], b"1\t1\\1\n2\t2\\2\n3\t3\\3\n"),
    (["-d", "\\b\\f\\r\\v\\x", "num", "num", "num", "num", "num", "num"],
     b"1\b1\f1\r1\v1x1\n2\b2\f2\r2\v2x2\n3\b3\f3\r3\v3x3\n"),
])
def test_parallel(run, d, args, expected):
    assert tuple(run("paste", *args, cwd=d)) == (expected, b"", 0)


def test_stdin_default_and_dash(run, d, via):
    assert tuple(run("paste", stdin=b"x\ny", via=via)) == (b"x\ny\n", b"", 0)
    assert run("paste", "num", "-", cwd=d, stdin=b"s\n").out == b"1\ts\n2\t\n3\t\n"


def test_dash_several_times_takes_lines_in_turn(run, d):
    data = b"1\n2\n3\n4\n5\n"
    assert run("paste", "-", "-", stdin=data).out == b"1\t2\n3\t4\n5\t\n"
    assert run("paste", "-", "let", "-", cwd=d, stdin=data).out == b"1\ta\t2\n3\tb\t4\n5\t\t\n"
    assert run("paste", "-d", ",", "-", "-", "-", stdin=b"1\n2\n3\n4").out == b"1,2,3\n4,,\n"


def test_multibyte_delimiter_is_bytes(run, d):
    r = run("paste", "-d", "\u00e9", "num", "num", "num", cwd=d, env={"LC_ALL": "C.UTF-8"})
    assert r.out == b"1\xc31\xa91\n2\xc32\xa92\n3\xc33\xa93\n"


def test_zero_terminated(run, d):
    assert run("paste", "-z", "num", "let", cwd=d).out == b"1\n2\n3\n\ta\nb\0"
    assert run("paste", "-z", "-", "-", stdin=b"a\0b\0c").out == b"a\tb\0c\t\0"


def test_many_lines(run, tmp_path):
    a = b"".join(b"%d\n" % i for i in range(150000))
    b = b"".join(b"line %d\n" % i for i in range(100000))
    (tmp_path / "a").write_bytes(a)
    (tmp_path / "b").write_bytes(b)
    r = run("paste", "-d", ":", "a", "b", "a", cwd=str(tmp_path))
    expected = b"".join(b"%d:%s:%d\n" % (i, b"line %d" % i if i < 100000 else b"", i) for i in range(150000))
    assert r.out == expected


def test_long_lines(run, tmp_path):
    (tmp_path / "a").write_bytes(b"x" * 700000 + b"\ny\n")
    (tmp_path / "b").write_bytes(b"1\n2\n3\n")
    r = run("paste", "a", "b", cwd=str(tmp_path))
    assert r.out == b"x" * 700000 + b"\t1\ny\t2\n\t3\n"


# -- serial -------------------------------------------------------------------------

@pytest.mark.parametrize("args, expected", [
    (["-s", "num", "let", "empty"], b"1\t2\t3\na\tb\n\n"),
    (["--serial", "num"], b"1\t2\t3\n"),
    (["-s", "-d", ",;", "num"], b"1,2;3\n"),
    (["-s", "-d", "\\0", "num"], b"123\n"),
    (["-s", "-d", ",\\0", "num", "num"], b"1,23\n1,23\n"),
    (["-s", "-z", "num"], b"1\n2\n3\n\0"),
])
def test_serial(run, d, args, expected):
    assert tuple(run("paste", *args, cwd=d)) == (expected, b"", 0)


def test_serial_keeps_last_newline_only(run):
    assert run("paste", "-s", stdin=b"a\n\n\nb\n").out == b"a\t\t\tb\n"
    assert run("paste", "-s", stdin=b"\n").out == b"\n"
    assert run("paste", "-s", "-d", "ab", stdin=b"1\n2\n3\n4\n5").out == b"1a2b3a4b5\n"


def test_serial_large(run):
    data = b"".join(b"%d\n" % i for i in range(200000))
    r = run("paste", "-s", "-d", ",;:", stdin=data)
    seps = [b",", b";", b":"]
    expected = b"".join(b"%d%s" % (i, seps[i % 3] if i < 199999 else b"\n") for i in range(200000))
    assert r.out == expected


def test_serial_stdin_twice(run):
    assert run("paste", "-s", "-", "-", stdin=b"a\nb\n").out == b"a\tb\n\n"


# -- errors -------------------------------------------------------------------------

def test_missing_file_parallel_is_fatal(run, d):
    r = run("paste", "num", "nope", "let", cwd=d)
    assert tuple(r) == (b"", b"paste: nope: No such file or directory\n", 1)


def test_missing_file_serial_goes_on(run, d):
    r = run("paste", "-s", "num", "nope", "let", cwd=d)
    assert tuple(r) == (b"1\t2\t3\na\tb\n", b"paste: nope: No such file or directory\n", 1)


def test_directory(run, d):
    r = run("paste", "dir", "num", cwd=d)
    assert tuple(r) == (b"\t1\n\t2\n\t3\n", b"paste: dir: Is a directory\n", 1)
    r = run("paste", "-s", "dir", "num", cwd=d)
    assert tuple(r) == (b"\n1\t2\t3\n", b"paste: dir: Is a directory\n", 1)


@pytest.mark.parametrize("delims, shown", [
    ("a\\", b"a\\"),
    ("\\", b"\\"),
    ("a b\\", b"a b\\"),
    ("\t\\", b'"\\t\\\\"'),
    ("a:b\\", b'"a:b\\\\"'),
    ('a"b\\', b'"a\\"b\\\\"'),
    ("\x01\\", b'"\\001\\\\"'),
])
def test_unescaped_backslash(run, delims, shown):
    r = run("paste", "-d", delims, stdin=b"x\n")
    assert tuple(r) == (b"", b"paste: delimiter list ends with an unescaped backslash: " + shown + b"\n", 1)


def test_unescaped_backslash_non_ascii(run):
    r = run("paste", "-d", "\u00e9\\", stdin=b"x\n")
    assert r.err == b'paste: delimiter list ends with an unescaped backslash: "\\303\\251\\\\"\n'
    r = run("paste", "-d", "\u00e9\\", stdin=b"x\n", env={"LC_ALL": "C.UTF-8"})
    assert r.err == b"paste: delimiter list ends with an unescaped backslash: \xc3\xa9\\\n"


@pytest.mark.parametrize("args, message", [
    (["-x"], b"paste: invalid option -- 'x'\n"),
    (["-d"], b"paste: option requires an argument -- 'd'\n"),
    (["--serial=1"], b"paste: option '--serial' doesn't allow an argument\n"),
])
def test_usage_errors(run, args, message):
    assert tuple(run("paste", *args)) == (b"", message + b"Try 'paste --help' for more information.\n", 1)


def test_help(run):
    r = run("paste", "--help")
    assert r.status == 0 and r.out.startswith(b"Usage: paste [OPTION]... [FILE]...\n")
    assert b"-d, --delimiters=LIST" in r.out


# -- differential ------------------------------------------------------------------------

DIFF_ARGS = [[], ["-s"], ["-d:"], ["-d", ":,"], ["-s", "-d", ":,"], ["-d", ""], ["-z"], ["-s", "-z"],
             ["-d", "\\n\\0x"], ["-d", "a\\"], ["-s", "-d", "\\t\\\\"]]


@pytest.mark.parametrize("args", DIFF_ARGS, ids=repr)
@pytest.mark.parametrize("files", [["num", "let"], ["let", "-", "empty", "num", "-"], ["num", "dir"],
                                   ["-", "-", "-"], ["num", "nope"]], ids=" ".join)
def test_same_as_gnu(same_as_gnu, d, args, files):
    same_as_gnu("paste", *args, *files, stdin=b"s1\ns2\n\ns4", cwd=d)


LINES = st.lists(st.sampled_from([b"a", b"bc", b"", b"\t", b"\0", b"\xff", b"\xc3\xa9"]), max_size=8).map(b"".join)
DATA = st.lists(LINES, max_size=8).map(lambda ls: b"\n".join(ls))
FILES = st.lists(st.sampled_from(["f0", "f1", "f2", "-"]), min_size=1, max_size=5)


@given(DATA, DATA, DATA, DATA, FILES, st.sampled_from([[], ["-s"], ["-d", ",;"], ["-z"], ["-s", "-d", "\\0,"]]))
def test_same_as_gnu_generated(inproc, run_gnu, tmp_path, a, b, c, stdin, files, opts):
    for name, data in (("f0", a), ("f1", b), ("f2", c)):
        (tmp_path / name).write_bytes(data)
    args = opts + [str(tmp_path / f) if f != "-" else f for f in files]
    assert tuple(inproc("paste", *args, stdin=stdin)) == tuple(run_gnu("paste", *args, stdin=stdin))
