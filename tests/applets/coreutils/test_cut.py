"""cut: byte and field lists (open, overlapping, unsorted, complemented),
delimiters, -s, --output-delimiter, -z, the delimiter-is-line-delimiter
quirks, GNU's list errors, and differential tests against GNU cut."""
import pytest
from hypothesis import given, strategies as st

TRY = b"Try 'cut --help' for more information.\n"


@pytest.fixture
def d(tmp_path):
    (tmp_path / "colons").write_bytes(b"a:b:c\nd\ne:f\n")
    (tmp_path / "tabs").write_bytes(b"one\ttwo\tthree\nfour\n")
    (tmp_path / "dir").mkdir()
    return str(tmp_path)


# -- bytes and characters ---------------------------------------------------------

@pytest.mark.parametrize("args, expected", [
    (["-b", "1"], b"a\nx\n"),
    (["-b1"], b"a\nx\n"),
    (["--bytes=2-3"], b"bc\ny\n"),
    (["-b", "-2"], b"ab\nxy\n"),
    (["-b", "3-"], b"cdef\n\n"),
    (["-b", "5,1"], b"ae\nx\n"),
    (["-b", "1-3,2-5"], b"abcde\nxy\n"),
    (["-b", "1,1,1"], b"a\nx\n"),
    (["-b", "2", "--complement"], b"acdef\nx\n"),
    (["-b", "2-", "--complement"], b"a\nx\n"),
    (["-b", "1-", "--complement"], b"\n\n"),
    (["-b", "9"], b"\n\n"),
    (["-c", "2"], b"b\ny\n"),
    (["--characters=1-2"], b"ab\nxy\n"),
    (["-b", "1 3"], b"ac\nx\n"),
    (["-b", "1\t3"], b"ac\nx\n"),
    (["-n", "-b", "1"], b"a\nx\n"),
    (["-b", "1-2,3-4", "--output-delimiter=:"], b"ab:cd\nxy\n"),
    (["-b", "1-3,2-5", "--output-delimiter=:"], b"abcde\nxy\n"),
    (["-b", "1,3,5", "--output-delimiter=::"], b"a::c::e\nx\n"),
    (["-b", "2", "--complement", "--output-delimiter=:"], b"a:cdef\nx\n"),
    (["-b", "1,3", "--output-delimiter="], b"a\0c\nx\n"),
])
def test_bytes(run, args, expected):
    assert tuple(run("cut", *args, stdin=b"abcdef\nxy")) == (expected, b"", 0)


def test_characters_are_bytes_even_in_utf8(run):
    # GNU coreutils 9.1 treats -c like -b.
    r = run("cut", "-c", "1", stdin=b"\xc3\xa9t\xc3\xa9\n", env={"LC_ALL": "C.UTF-8"})
    assert r.out == b"\xc3\n"


def test_huge_positions(run):
    assert run("cut", "-b", "18446744073709551614", stdin=b"ab\n").out == b"\n"
    assert run("cut", "-b", "2-18446744073709551614", stdin=b"abc\n").out == b"bc\n"


# -- fields ------------------------------------------------------------------------

@pytest.mark.parametrize("args, expected", [
    (["-d:", "-f2"], b"b\nd\nf\n"),
    (["-d", ":", "-f", "1,3"], b"a:c\nd\ne\n"),
    (["-d:", "-f3,1"], b"a:c\nd\ne\n"),
    (["-d:", "-f2-"], b"b:c\nd\nf\n"),
    (["-d:", "-f-2"], b"a:b\nd\ne:f\n"),
    (["-d:", "-f1-2,2-3"], b"a:b:c\nd\ne:f\n"),
    (["-d:", "-f4"], b"\nd\n\n"),
    (["-d:", "-f2", "-s"], b"b\nf\n"),
    (["-d:", "-f2", "--only-delimited"], b"b\nf\n"),
    (["-d:", "-f1", "-s"], b"a\ne\n"),
    (["-d:", "-f2", "--complement"], b"a:c\nd\ne\n"),
    (["-d:", "-f1-", "--complement"], b"\nd\n\n"),
    (["-d:", "-f1-", "--complement", "-s"], b"\n\n"),
    (["-d:", "-f1,3", "--output-delimiter=--"], b"a--c\nd\ne\n"),
    (["-d:", "-f2-", "--output-delimiter=_"], b"b_c\nd\nf\n"),
    (["-d:", "-f1,3", "--output-delimiter="], b"a\0c\nd\ne\n"),
    (["--delimiter=:", "--fields=2"], b"b\nd\nf\n"),
    (["--delim=:", "--fie=2"], b"b\nd\nf\n"),
])
def test_fields(run, d, args, expected):
    assert tuple(run("cut", *args, "colons", cwd=d)) == (expected, b"", 0)


def test_default_delimiter_is_tab(run, d, via):
    assert tuple(run("cut", "-f2", "tabs", cwd=d, via=via)) == (b"two\nfour\n", b"", 0)


def test_nul_delimiter(run):
    assert run("cut", "-d", "", "-f2", stdin=b"a\0b\0c\nx\n").out == b"b\nx\n"


def test_empty_fields(run):
    assert run("cut", "-d:", "-f2,4", stdin=b"::x:\n:\n").out == b":\n\n"


def test_last_line_without_newline(run):
    assert run("cut", "-d:", "-f2", stdin=b"a:b").out == b"b\n"
    assert run("cut", "-d:", "-f2", stdin=b"a:").out == b"\n"
    assert run("cut", "-d:", "-f2", "-s", stdin=b"ab").out == b""
    assert run("cut", "-b2", stdin=b"abc").out == b"b\n"


def test_empty_lines(run):
    assert run("cut", "-d:", "-f2", stdin=b"\n\na:b\n").out == b"\n\nb\n"
    assert run("cut", "-d:", "-f2", "-s", stdin=b"\n\na:b\n").out == b"b\n"
    assert run("cut", "-b1", stdin=b"\n\n").out == b"\n\n"


def test_zero_terminated(run):
    assert run("cut", "-z", "-d:", "-f2", stdin=b"a:b\0c:d\ne\0").out == b"b\0d\ne\0"
    assert run("cut", "-z", "-b1", stdin=b"ab\0cd").out == b"a\0c\0"
    # GNU's stand-in for the last byte read is 0, the -z line delimiter:
    # "x:" without its NUL gets none.
    assert run("cut", "-z", "-d:", "-f2", stdin=b"x:").out == b""
    assert run("cut", "-z", "-d:", "-f1,2", stdin=b"x:").out == b"x:\0"


@pytest.mark.parametrize("args, data, expected", [
    # The line delimiter as field delimiter: the input is one line.
    (["-d", "\n", "-f1"], b"a\nb\n\nc", b"a\n"),
    (["-d", "\n", "-f2"], b"a\nb\n\nc", b"b\n"),
    (["-d", "\n", "-f3"], b"a\nb\n\nc", b"\n"),
    (["-d", "\n", "-f2-"], b"a\nb\n\nc", b"b\n\nc\n"),
    (["-d", "\n", "-f1"], b"a\nb\n", b"a\n"),
    (["-d", "\n", "-f3"], b"a\nb\n", b"\n"),
    (["-d", "\n", "-f1"], b"abc", b"abc\n"),
    (["-d", "\n", "-f1", "-s"], b"abc", b""),
    (["-d", "\n", "-f2"], b"x\n", b"\n"),
    (["-d", "\n", "-f2", "-s"], b"x\n", b""),
    (["-d", "\n", "-f1"], b"a\n\n", b"a\n"),
    (["-d", "\n", "-f1"], b"", b""),
    (["-d", "\n", "--complement", "-f2"], b"a\nb\n\nc", b"a\n\nc\n"),
    (["-z", "-d", "", "-f2"], b"a\0b\0", b"b\0"),
])
def test_delimiter_is_line_delimiter(run, args, data, expected):
    assert run("cut", *args, stdin=data).out == expected


def test_long_lines_across_chunks(run):
    line = b"x" * 300000 + b":" + b"y" * 300000 + b"\n"
    r = run("cut", "-d:", "-f2", stdin=line * 3)
    assert r.out == (b"y" * 300000 + b"\n") * 3


def test_many_lines(run):
    data = b"".join(b"%d:%d:%d\n" % (i, i * 2, i * 3) for i in range(200000))
    r = run("cut", "-d:", "-f3,1", stdin=data)
    assert r.out == b"".join(b"%d:%d\n" % (i, i * 3) for i in range(200000))


# -- files -------------------------------------------------------------------------

def test_several_files_and_stdin(run, d):
    r = run("cut", "-d:", "-f1", "colons", "-", "tabs", "-", cwd=d, stdin=b"s:t\n")
    assert tuple(r) == (b"a\nd\ne\ns\none\ttwo\tthree\nfour\n", b"", 0)


def test_missing_file_and_directory(run, d):
    r = run("cut", "-f1", "nope", "dir", "tabs", cwd=d)
    assert r.out == b"one\nfour\n"
    assert r.err == b"cut: nope: No such file or directory\ncut: dir: Is a directory\n"
    assert r.status == 1


def test_odd_file_name(run):
    r = run("cut", "-f1", b"a b\xff")
    assert r.err == b"cut: 'a b'$'\\377': No such file or directory\n"


# -- errors ------------------------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    ([], b"cut: you must specify a list of bytes, characters, or fields\n"),
    (["-s"], b"cut: you must specify a list of bytes, characters, or fields\n"),
    (["-b1", "-f2"], b"cut: only one list may be specified\n"),
    (["-b1", "-b2"], b"cut: only one list may be specified\n"),
    (["-c1", "-f2", "-x"], b"cut: only one list may be specified\n"),
    (["-dab", "-f1"], b"cut: the delimiter must be a single character\n"),
    (["-d", "\u00e9", "-f1"], b"cut: the delimiter must be a single character\n"),
    (["-d:", "-b1"], b"cut: an input delimiter may be specified only when operating on fields\n"),
    (["-s", "-b1"], b"cut: suppressing non-delimited lines makes sense\n\tonly when operating on fields\n"),
    (["-d:", "-s", "-c1"], b"cut: an input delimiter may be specified only when operating on fields\n"),
    (["-b0"], b"cut: byte/character positions are numbered from 1\n"),
    (["-f0"], b"cut: fields are numbered from 1\n"),
    (["-f0-1"], b"cut: fields are numbered from 1\n"),
    (["-b", ""], b"cut: byte/character positions are numbered from 1\n"),
    (["--fields="], b"cut: fields are numbered from 1\n"),
    (["-b,,1"], b"cut: byte/character positions are numbered from 1\n"),
    (["-b1-2-3"], b"cut: invalid byte or character range\n"),
    (["-f1-2-3"], b"cut: invalid field range\n"),
    (["-b-"], b"cut: invalid range with no endpoint: -\n"),
    (["-f1,-"], b"cut: invalid range with no endpoint: -\n"),
    (["-b3-1"], b"cut: invalid decreasing range\n"),
    (["-f1-0"], b"cut: invalid decreasing range\n"),
    (["-fx"], b"cut: invalid field value 'x'\n"),
    (["-f1,2x,3"], b"cut: invalid field value 'x,3'\n"),
    (["-bx"], b"cut: invalid byte/character position 'x'\n"),
    (["-f99999999999999999999"], b"cut: field number '99999999999999999999' is too large\n"),
    (["-b18446744073709551615"], b"cut: byte/character offset '18446744073709551615' is too large\n"),
    (["-b1-99999999999999999999,5"], b"cut: byte/character offset '99999999999999999999' is too large\n"),
    (["-x"], b"cut: invalid option -- 'x'\n"),
    (["--bogus"], b"cut: unrecognized option '--bogus'\n"),
    (["-f"], b"cut: option requires an argument -- 'f'\n"),
    (["--complement=1"], b"cut: option '--complement' doesn't allow an argument\n"),
])
def test_usage_errors(run, args, message):
    assert tuple(run("cut", *args, stdin=b"x\n")) == (b"", message + TRY, 1)


def test_bad_list_reported_before_files_are_read(run):
    assert run("cut", "-f0", "nope").err == b"cut: fields are numbered from 1\n" + TRY


def test_utf8_quotes_in_messages(run):
    r = run("cut", "-fx", env={"LC_ALL": "C.UTF-8"})
    assert r.err == "cut: invalid field value \u2018x\u2019\n".encode() + TRY


def test_help(run):
    r = run("cut", "--help")
    assert r.status == 0 and r.out.startswith(b"Usage: cut OPTION... [FILE]...\n")
    assert b"--output-delimiter=STRING" in r.out and b"--complement" in r.out


# -- differential ------------------------------------------------------------------------

DIFF_ARGS = [
    ["-f1"], ["-f2"], ["-f2-"], ["-f-2"], ["-f1,3"], ["-f3,1-2"], ["-d:", "-f2"], ["-d:", "-f1-2,4-"],
    ["-d:", "-f2", "-s"], ["-f1", "-s"], ["-d:", "--complement", "-f2"], ["-b1-2,4"], ["-c2-"],
    ["-b2", "--complement"], ["-b1-2,3-4", "--output-delimiter=|"], ["-d:", "-f1,2", "--output-delimiter=--"],
    ["-z", "-f1"], ["-z", "-d:", "-f2"], ["-z", "-d:", "-f2", "-s"], ["-d", "\n", "-f1"], ["-d", "\n", "-f2"],
    ["-d", "\n", "-f1", "-s"], ["-d", "\n", "-f2", "-s"], ["-d", "\n", "-f1,3"], ["-z", "-d", "", "-f1"],
    ["-f", "1 2"], ["-b0"], ["-f-"], ["-b1", "-f1"], ["-d", ":", "-b1"], ["-f", "1-2-3"], ["-d", "", "-f2"],
]


@pytest.mark.parametrize("args", DIFF_ARGS, ids=repr)
def test_same_as_gnu(same_as_gnu, d, args):
    same_as_gnu("cut", *args, "colons", "nope", "-", "tabs", "dir", stdin=b"p:q\tr\n\nlast:x", cwd=d)


DATA = st.lists(st.sampled_from([b"a", b"bc", b":", b"\t", b"\n", b"\n", b"\0", b"\xff", b"\xc3\xa9", b","]),
                max_size=50).map(b"".join)
LISTS = st.sampled_from(["1", "2", "3", "1,3", "2-", "-2", "1-2,4-", "3,1", "2-3,1", "1-", "5"])
MODES = st.sampled_from([[], ["-s"], ["--complement"], ["--output-delimiter=="], ["-s", "--complement"]])
DELIMS = st.sampled_from([[], ["-d:"], ["-d", "\n"], ["-z"], ["-z", "-d", ""], ["-z", "-d:"], ["-d", ""]])


@given(DATA, LISTS, MODES, DELIMS)
def test_fields_same_as_gnu(inproc, run_gnu, data, spec, mode, delim):
    args = ["-f", spec] + mode + delim
    assert tuple(inproc("cut", *args, stdin=data)) == tuple(run_gnu("cut", *args, stdin=data))


@given(DATA, LISTS, st.sampled_from([[], ["--complement"], ["--output-delimiter=="], ["-z"]]),
       st.sampled_from(["-b", "-c"]))
def test_bytes_same_as_gnu(inproc, run_gnu, data, spec, mode, kind):
    args = [kind, spec] + mode
    assert tuple(inproc("cut", *args, stdin=data)) == tuple(run_gnu("cut", *args, stdin=data))


@pytest.mark.parametrize("data", [b":", b"a:", b"ab", b":\n", b"x\n:y\n"])
def test_all_fields_with_s_keeps_delimited_lines(same_as_gnu, data):
    # -f 1- -s once dropped every line (a split with maxsplit 0 never splits)
    same_as_gnu("cut", "-s", "-d:", "-f1-", stdin=data)


def _blocks(short_every):
    """About 1.5 MB of 5-field lines; every short_every-th line has 2 fields."""
    lines = []
    for i in range(60000):
        if short_every and i % short_every == 0:
            lines.append(b"s%d\tonly" % i)
        else:
            lines.append(b"%d\tb%d\tc\t%d\t%s" % (i, i % 7, i * 3, b"x" * (i % 5)))
    return b"\n".join(lines) + b"\n"


@pytest.mark.parametrize("short_every", [0, 7, 20000], ids=["uniform", "many-short", "few-short"])
@pytest.mark.parametrize("args", [["-f", "2,4"], ["-f", "3-"], ["-f", "1,4-"], ["-s", "-f", "2"],
                                  ["-f", "4", "--output-delimiter=::"], ["-f", "2-", "--output-delimiter=,"],
                                  ["--complement", "-f", "2"], ["-f", "1,7"]], ids=" ".join)
def test_multi_chunk_fields_same_as_gnu(same_as_gnu, short_every, args):
    # the block-wise findall path and the line-by-line fallback, across chunks
    same_as_gnu("cut", *args, stdin=_blocks(short_every))
