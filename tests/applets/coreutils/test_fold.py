"""fold: widths, -b, -s, column counting (TAB, backspace, CR), the
obsolete -NUM, width errors, long lines, and differential tests."""
import pytest
from hypothesis import given, strategies as st


@pytest.mark.parametrize("args, data, expected", [
    (["-w", "5"], b"hello world\n", b"hello\n worl\nd\n"),
    (["-w5"], b"abcdefghij", b"abcde\nfghij"),
    (["--width=3"], b"abcdefg\n", b"abc\ndef\ng\n"),
    (["-w", "3", "-s"], b"ab cd ef\n", b"ab \ncd \nef\n"),
    (["-s", "-w", "5"], b"hello world\n", b"hello\n \nworld\n"),
    (["--spaces", "-w", "7"], b"aaa bbb ccc\n", b"aaa \nbbb ccc\n"),
    (["-w", "4", "-s"], b"abcdefgh\n", b"abcd\nefgh\n"),  # no blank: a hard break
    (["-w", "8"], b"a\tb\n", b"a\t\nb\n"),  # TAB goes to column 8
    (["-w", "9"], b"a\tbc\n", b"a\tb\nc\n"),
    (["-w", "4"], b"\tx\n", b"\t\nx\n"),  # a TAB alone on a line stays there
    (["-w", "3"], b"abc\bd\n", b"abc\bd\n"),  # backspace goes one column back
    (["-w", "3"], b"ab\rcde\n", b"ab\rcde\n"),  # CR goes to column 0
    (["-b", "-w", "3"], b"a\tbc\n", b"a\tb\nc\n"),  # -b: every byte is one column
    (["--bytes", "-w", "2"], b"\b\b\b", b"\b\b\n\b"),
    (["-bs", "-w", "4"], b"a\tbcdef\n", b"a\t\nbcde\nf\n"),
    (["-5"], b"hello world", b"hello\n worl\nd"),
    (["-12"], b"x" * 30, b"x" * 12 + b"\n" + b"x" * 12 + b"\n" + b"x" * 6),
    (["-s3"], b"hello world\n", b"hel\nlo \nwor\nld\n"),
    (["-3", "-w", "4"], b"hello world\n", b"hell\no wo\nrld\n"),  # the last width wins
    (["-w", "4", "-3"], b"hello world\n", b"hel\nlo \nwor\nld\n"),
    (["-w", " 5"], b"hello world\n", b"hello\n worl\nd\n"),
    (["-w", "+5"], b"hello world\n", b"hello\n worl\nd\n"),
    (["-w", "05"], b"hello world\n", b"hello\n worl\nd\n"),
    ([], b"x" * 81 + b"\n", b"x" * 80 + b"\nx\n"),
    ([], b"", b""),
    (["-w", "1"], b"\xff\xfe\x00", b"\xff\n\xfe\n\x00"),
])
def test_fold(inproc, args, data, expected):
    assert tuple(inproc("fold", *args, stdin=data)) == (expected, b"", 0)


@pytest.mark.parametrize("width, message", [
    ("0", b"fold: invalid number of columns: '0': Numerical result out of range\n"),
    ("x", b"fold: invalid number of columns: 'x'\n"),
    ("", b"fold: invalid number of columns: ''\n"),
    ("-1", b"fold: invalid number of columns: '-1'\n"),
    ("5k", b"fold: invalid number of columns: '5k'\n"),
    ("0x5", b"fold: invalid number of columns: '0x5'\n"),
    ("99999999999999999999999",
     b"fold: invalid number of columns: '99999999999999999999999': Value too large for defined data type\n"),
    ("18446744073709551607",
     b"fold: invalid number of columns: '18446744073709551607': Value too large for defined data type\n"),
])
def test_bad_width(inproc, width, message):
    assert tuple(inproc("fold", "-w", width, stdin=b"abc")) == (b"", message, 1)


def test_largest_width(run):
    assert run("fold", "-w", "18446744073709551606", stdin=b"abc\n").out == b"abc\n"


def test_obsolete_width_errors(run):
    assert tuple(run("fold", "-0", stdin=b"a")) == (
        b"", b"fold: invalid number of columns: '0': Numerical result out of range\n", 1)
    assert tuple(run("fold", "-12s", stdin=b"a")) == (b"", b"fold: invalid number of columns: '12s'\n", 1)


def test_files_and_errors(run, tmp_path):
    (tmp_path / "a").write_bytes(b"abcdef")
    (tmp_path / "b").write_bytes(b"ghi\n")
    r = run("fold", "-w", "4", "a", "nope", "b", "-", stdin=b"jklmn", cwd=str(tmp_path))
    assert tuple(r) == (b"abcd\nefghi\njklm\nn", b"fold: nope: No such file or directory\n", 1)
    r = run("fold", str(tmp_path))
    assert tuple(r) == (b"", b"fold: %s: Is a directory\n" % str(tmp_path).encode(), 1)


def test_unreadable_input_after_an_unfinished_line(run, tmp_path):
    """The part line of one input goes out before the next; a directory
    between them is reported and changes nothing."""
    (tmp_path / "a").write_bytes(b"abcdef")
    (tmp_path / "dir").mkdir()
    (tmp_path / "b").write_bytes(b"gh\n")
    r = run("fold", "-w", "4", "a", "dir", "b", cwd=str(tmp_path))
    assert tuple(r) == (b"abcd\nefgh\n", b"fold: dir: Is a directory\n", 1)


def test_usage_errors(run):
    assert tuple(run("fold", "-x")) == (
        b"", b"fold: invalid option -- 'x'\nTry 'fold --help' for more information.\n", 1)
    assert tuple(run("fold", "--width")) == (
        b"", b"fold: option '--width' requires an argument\nTry 'fold --help' for more information.\n", 1)


def test_long_line_across_chunks(run):
    data = b"ab " * 200000 + b"\n" + b"z" * 600001
    r = run("fold", "-s", "-w", "10", stdin=data)
    assert r.out == b"ab ab ab \n" * 66666 + b"ab ab \n" + b"zzzzzzzzzz\n" * 60000 + b"z"
    r = run("fold", "-w", "7", stdin=b"x" * 700000)
    assert r.out == b"\n".join([b"x" * 7] * 100000)


def test_help(run):
    r = run("fold", "--help")
    assert r.status == 0 and r.out.startswith(b"Usage: fold [OPTION]... [FILE]...\n")


# -- differential ------------------------------------------------------------------------

SAMPLE = (b"hello world\nab\tcd\tef ghi\n\b\b\bxyz\rabc def\n  a  b  c  d  e  f\n\tx\n"
          b"1234567890123\n" + b"word " * 40 + b"\n\xff\xfe \x00\x01\n" + b"no newline end")


@pytest.mark.parametrize("args", [[], ["-b"], ["-s"], ["-w", "3"], ["-w", "1"], ["-w", "1", "-s"],
                                  ["-w", "7", "-s"], ["-w", "8"], ["-w", "9", "-bs"], ["-5"], ["-s3"],
                                  ["-w", "0"], ["-w", "x"], ["-12s"]], ids=" ".join)
def test_same_as_gnu(same_as_gnu, args):
    same_as_gnu("fold", *args, stdin=SAMPLE)


TEXT = st.lists(st.sampled_from([b"a", b"bc", b"hello", b" ", b"  ", b"\t", b"\b", b"\r", b"\n",
                                 b"\n", b"\xff", b"\0", b"x" * 20]), max_size=30).map(b"".join)


@given(TEXT, st.integers(1, 20), st.booleans(), st.booleans())
def test_same_as_gnu_generated(inproc, run_gnu, data, width, spaces, count_bytes):
    args = ["-w", str(width)] + (["-s"] if spaces else []) + (["-b"] if count_bytes else [])
    assert tuple(inproc("fold", *args, stdin=data)) == tuple(run_gnu("fold", *args, stdin=data))


@given(TEXT, st.integers(1, 12), st.booleans(), st.integers(1, 9))
def test_small_chunks_same_as_gnu(inproc, run_gnu, monkeypatch, data, width, spaces, size):
    import applets.coreutils.fold as mod
    monkeypatch.setattr(mod, "BUFSIZE", size)
    args = ["-w", str(width)] + (["-s"] if spaces else [])
    assert tuple(inproc("fold", *args, stdin=data)) == tuple(run_gnu("fold", *args, stdin=data))
