"""nl: numbering styles (a, t, n, pBRE) per section, logical pages and
-d, -i -l -n -p -s -v -w, numbers carried across files, option errors,
BRE translation and its errors, and differential tests against GNU nl."""
import pytest
from hypothesis import given, strategies as st

PAGE = b"a\n\nb\n\\:\\:\\:\nh1\n\\:\\:\nb1\n\n\n\n\\:\nf1\nlast"


def test_default(run):
    assert tuple(run("nl", stdin=b"a\n\nb")) == (b"     1\ta\n       \n     2\tb\n", b"", 0)
    assert tuple(run("nl", stdin=b"")) == (b"", b"", 0)


@pytest.mark.parametrize("args, expected", [
    ([], b"     1\ta\n       \n     2\tb\n\n       h1\n\n     1\tb1\n       \n       \n       \n\n"
         b"       f1\n       last\n"),
    (["-ha", "-fa"], b"     1\ta\n       \n     2\tb\n\n     1\th1\n\n     1\tb1\n       \n       \n       \n\n"
                     b"     1\tf1\n     2\tlast\n"),
    (["-ba", "-l2", "-s:", "-w3", "-nrz"], b"001:a\n    \n002:b\n\n    h1\n\n001:b1\n    \n002:\n    \n\n"
                                           b"    f1\n    last\n"),
    (["-bp^[ab]", "-v5", "-i3", "-p"], b"     5\ta\n       \n     8\tb\n\n       h1\n\n    11\tb1\n"
                                       b"       \n       \n       \n\n       f1\n       last\n"),
    (["-nln", "-bn", "-ft"], b"       a\n       \n       b\n\n       h1\n\n       b1\n       \n       \n       \n\n"
                             b"1     \tf1\n2     \tlast\n"),
    (["-d", "x"], b"     1\ta\n       \n     2\tb\n     3\t\\:\\:\\:\n     4\th1\n     5\t\\:\\:\n     6\tb1\n"
                  b"       \n       \n       \n     7\t\\:\n     8\tf1\n     9\tlast\n"),
    (["-d", ""], b"     1\ta\n       \n     2\tb\n     3\t\\:\\:\\:\n     4\th1\n     5\t\\:\\:\n     6\tb1\n"
                 b"       \n       \n       \n     7\t\\:\n     8\tf1\n     9\tlast\n"),
    (["-v", "-5", "-i", "-2", "-ba"], b"    -5\ta\n    -7\t\n    -9\tb\n\n       h1\n\n    -5\tb1\n    -7\t\n"
                                      b"    -9\t\n   -11\t\n\n       f1\n       last\n"),
])
def test_pages(inproc, args, expected):
    assert tuple(inproc("nl", *args, stdin=PAGE)) == (expected, b"", 0)


def test_delimiters(run):
    data = b"xyzxyz\na\nxyz\nb\n"
    assert run("nl", "-d", "xyz", "-fa", stdin=data).out == b"\n     1\ta\n\n     1\tb\n"
    assert run("nl", "-d", "x", stdin=b"x:x:\na\n").out == b"\n     1\ta\n"
    assert run("nl", "--section-delimiter=ab", stdin=b"abab\na\n").out == b"\n     1\ta\n"


def test_join_blank_lines(run):
    data = b"\n\n\n\n\na\n\n"
    assert run("nl", "-ba", "-l3", stdin=data).out == (
        b"       \n       \n     1\t\n       \n       \n     2\ta\n       \n")


def test_numbers_go_on_across_files(run, tmp_path):
    (tmp_path / "one").write_bytes(b"a\nb")
    (tmp_path / "two").write_bytes(b"c\n\\:\\:\nd\n")
    r = run("nl", "one", "nope", "two", cwd=str(tmp_path))
    assert tuple(r) == (b"     1\ta\n     2\tb\n     3\tc\n\n     1\td\n",
                        b"nl: nope: No such file or directory\n", 1)


def test_unfinished_line_before_an_unreadable_input(run, tmp_path):
    (tmp_path / "a").write_bytes(b"abc")
    (tmp_path / "dir").mkdir()
    (tmp_path / "b").write_bytes(b"gh\n")
    r = run("nl", "a", "dir", "b", cwd=str(tmp_path))
    assert tuple(r) == (b"     1\tabc\n     2\tgh\n", b"nl: dir: Is a directory\n", 1)


def test_wide_and_odd_separators(run):
    assert run("nl", "-s", "%d|", "-w", "2", stdin=b"x\n").out == b" 1%d|x\n"
    assert run("nl", "-s", "", stdin=b"x\n").out == b"     1x\n"


def test_line_number_overflow(run):
    r = run("nl", "-v", "9223372036854775807", "-ba", stdin=b"a\nb\n")
    assert tuple(r) == (b"9223372036854775807\ta\n", b"nl: line number overflow\n", 1)


def test_bulk_numbering(run):
    data = b"".join(b"line %d\n" % i for i in range(100000))
    r = run("nl", "-ba", stdin=data)
    assert r.out == b"".join(b"%6d\tline %d\n" % (i + 1, i) for i in range(100000))


@pytest.mark.parametrize("bre, expected", [
    ("a\\|b", b"     1\ta\n     2\tb\n"),
    ("*a", b"       a\n       b\n"),  # a leading * is literal
    ("a**", b"     1\ta\n     2\tb\n"),
    ("a\\{1,\\}", b"     1\ta\n       b\n"),
    ("^*a", b"       a\n       b\n"),
    ("\\(*a\\)", b"       a\n       b\n"),
    ("a\\+", b"     1\ta\n       b\n"),
    ("x\\?a", b"     1\ta\n       b\n"),
    ("[b-a]", b"       a\n       b\n"),  # an empty range matches nothing
    ("a$b", b"       a\n       b\n"),  # $ inside is literal
    ("a^", b"       a\n       b\n"),
    ("\\<a\\>", b"     1\ta\n       b\n"),
    ("[\\]", b"       a\n       b\n"),
    ("[]a]", b"     1\ta\n       b\n"),
    ("[[:alpha:]]", b"     1\ta\n     2\tb\n"),
    ("\\(a\\)\\1", b"       a\n       b\n"),
    ("\\{1\\}", b"       a\n       b\n"),
    (".", b"     1\ta\n     2\tb\n"),
])
def test_bre(inproc, bre, expected):
    assert tuple(inproc("nl", "-bp" + bre, stdin=b"a\nb\n")) == (expected, b"", 0)


TRY = b"Try 'nl --help' for more information.\n"


@pytest.mark.parametrize("args, err", [
    (["-bx"], b"nl: invalid body numbering style: 'x'\n" + TRY),
    (["-nxx", "-bx", "-hy"], b"nl: invalid line numbering format: 'xx'\nnl: invalid body numbering style: 'x'\n"
     b"nl: invalid header numbering style: 'y'\n" + TRY),
    (["-f", "q\\"], b"nl: invalid footer numbering style: 'q\\\\'\n" + TRY),
    (["-w", "0"], b"nl: invalid line number field width: '0': Numerical result out of range\n"),
    (["-w", "2147483648"],
     b"nl: invalid line number field width: '2147483648': Value too large for defined data type\n"),
    (["-l", "0"], b"nl: invalid line number of blank lines: '0': Numerical result out of range\n"),
    (["-l", "-1"], b"nl: invalid line number of blank lines: '-1': Numerical result out of range\n"),
    (["-v", "x"], b"nl: invalid starting line number: 'x'\n"),
    (["-v", "99999999999999999999"],
     b"nl: invalid starting line number: '99999999999999999999': Value too large for defined data type\n"),
    (["-i", "1.5"], b"nl: invalid line number increment: '1.5'\n"),
    (["-bp\\("], b"nl: Unmatched ( or \\(\n"),
    (["-bp\\)"], b"nl: Unmatched ) or \\)\n"),
    (["-bpa\\{"], b"nl: Unmatched \\{\n"),
    (["-bpa\\{2,1\\}"], b"nl: Invalid content of \\{\\}\n"),
    (["-bpa\\{x\\}"], b"nl: Invalid content of \\{\\}\n"),
    (["-bp["], b"nl: Invalid regular expression\n"),
    (["-bp[a"], b"nl: Unmatched [, [^, [:, [., or [=\n"),
    (["-bp[[:foo:]]"], b"nl: Invalid character class name\n"),
    (["-bpa\\"], b"nl: Trailing backslash\n"),
    (["-bp\\1"], b"nl: Invalid back reference\n"),
    (["-d"], b"nl: option requires an argument -- 'd'\n" + TRY),
    (["--bogus"], b"nl: unrecognized option '--bogus'\n" + TRY),
])
def test_errors(inproc, args, err):
    assert tuple(inproc("nl", *args, stdin=b"a\nb\n")) == (b"", err, 1)


def test_directory(run, tmp_path):
    r = run("nl", str(tmp_path))
    assert tuple(r) == (b"", b"nl: %s: Is a directory\n" % str(tmp_path).encode(), 1)


def test_help(run):
    r = run("nl", "--help")
    assert r.status == 0 and r.out.startswith(b"Usage: nl [OPTION]... [FILE]...\n")
    assert b"pBRE" in r.out


# -- differential ------------------------------------------------------------------------

@pytest.mark.parametrize("args", [[], ["-ba"], ["-bt", "-ha", "-fa"], ["-bn"], ["-bpb", "-hpa"],
                                  ["-p", "-v3", "-i2"], ["-l2", "-ba"], ["-nln"], ["-nrz", "-w2"],
                                  ["-d", ":"], ["-d", "\\:x"], ["-s", "::", "-w", "1"],
                                  ["-i", "-9223372036854775807", "-v", "-1", "-ba"]], ids=" ".join)
def test_same_as_gnu(same_as_gnu, args):
    same_as_gnu("nl", *args, stdin=PAGE + b"\n\xff\x00\n\n")


BRE = st.lists(st.sampled_from(["a", "b", ".", "*", "^", "$", "\\(", "\\)", "\\|", "\\{1,2\\}", "\\{2\\}",
                                "\\+", "\\?", "[ab]", "[^a]", "[[:digit:]]", "\\1", "x", "\\.", "[a-c]",
                                " ", "\\<", "\\>"]), min_size=1, max_size=5).map("".join)
LINES = st.lists(st.lists(st.sampled_from([b"a", b"b", b"ab", b"", b" ", b"x", b"1", b".", b"\\:", b"*"]),
                          max_size=3).map(b"".join), max_size=10)


@given(BRE, st.lists(st.sampled_from(["-ha", "-fa", "-p", "-l2", "-i2", "-v0", "-w2", "-nln", "-nrz"]),
                     max_size=3, unique=True), LINES, st.booleans())
def test_same_as_gnu_generated(inproc, run_gnu, bre, opts, lines, final):
    args = ["-bp" + bre] + opts
    data = b"\n".join(lines) + (b"\n" if final else b"")
    assert tuple(inproc("nl", *args, stdin=data)) == tuple(run_gnu("nl", *args, stdin=data))


@given(LINES, st.sampled_from([[], ["-ba"], ["-ba", "-l2"], ["-bpa"], ["-d", "ab"]]), st.integers(1, 9))
def test_small_chunks_same_as_gnu(inproc, run_gnu, monkeypatch, lines, opts, size):
    import applets.coreutils.nl as mod
    monkeypatch.setattr(mod, "BUFSIZE", size)
    data = b"\n".join(lines + [b"\\:\\:", b"abab"] + lines)
    assert tuple(inproc("nl", *opts, stdin=data)) == tuple(run_gnu("nl", *opts, stdin=data))
