"""multicall.numbers: gnulib's xstrtoumax rules, and the messages built on them."""
import pytest

from multicall.errors import Fail
from multicall.numbers import (INVALID, INVALID_SUFFIX_CHAR, OK, OVERFLOW, UINTMAX_MAX,
                               xnumtoumax, xstrtol_fatal, xstrtoumax)
from multicall.options import argmatch, choice, BadChoice
from multicall.errors import Usage

SIZE = "bcEGkKMPTYZ0"


@pytest.mark.parametrize("text, base, suffixes, expected", [
    ("10", 10, "", (10, OK, 2)),
    ("  +7", 10, "", (7, OK, 4)),
    (" -7", 10, "", (0, INVALID, 0)),
    ("", 10, SIZE, (0, INVALID, 0)),
    ("x", 10, SIZE, (0, INVALID, 0)),
    ("k", 10, SIZE, (1024, OK, 1)),           # a suffix alone is one of it
    (" k", 10, SIZE, (0, INVALID, 0)),        # ... only at the very start
    ("2k", 10, SIZE, (2048, OK, 2)),
    ("2KiB", 10, SIZE, (2048, OK, 4)),
    ("2KB", 10, SIZE, (2000, OK, 3)),
    ("2KD", 10, SIZE, (2000, OK, 3)),
    ("2KB", 10, "kK", (2048, INVALID_SUFFIX_CHAR, 2)),  # no '0': no second suffix
    ("3b", 10, SIZE, (1536, OK, 2)),
    ("3c", 10, SIZE, (3, OK, 2)),
    ("2x", 10, SIZE, (2, INVALID_SUFFIX_CHAR, 1)),
    ("2kx", 10, SIZE, (2048, INVALID_SUFFIX_CHAR, 2)),
    ("12abc", 10, None, (12, OK, 2)),          # no suffix check: the rest is the caller's
    ("0x1F", 0, "", (31, OK, 4)),
    ("017", 0, "", (15, OK, 3)),
    ("0x", 0, "", (0, INVALID_SUFFIX_CHAR, 1)),
    ("99999999999999999999", 10, "", (UINTMAX_MAX, OVERFLOW, 20)),
    ("16E", 10, SIZE, (UINTMAX_MAX, OVERFLOW, 3)),
    ("1Q", 10, "Q", (UINTMAX_MAX, OVERFLOW, 2)),
])
def test_xstrtoumax(text, base, suffixes, expected):
    assert xstrtoumax(text, base, suffixes) == expected


def test_xnumtoumax_messages():
    assert xnumtoumax("5", 1, 10, "", "invalid number") == 5
    with pytest.raises(Fail, match=r"^invalid number: .0.: Numerical result out of range$"):
        xnumtoumax("0", 1, 10, "", "invalid number")
    with pytest.raises(Fail, match=r"^invalid number: .99999999999999999999.: Value too large"):
        xnumtoumax("99999999999999999999", 1, 10, "", "invalid number")
    with pytest.raises(Fail, match=r"^invalid number: .x.$"):
        xnumtoumax("x", 1, 10, "", "invalid number")


@pytest.mark.parametrize("err, message", [
    (INVALID, "invalid -j argument '1x'"),
    (INVALID_SUFFIX_CHAR, "invalid suffix in -j argument '1x'"),
    (INVALID_SUFFIX_CHAR | OVERFLOW, "invalid suffix in -j argument '1x'"),
    (OVERFLOW, "-j argument '1x' too large"),
])
def test_xstrtol_fatal(err, message):
    with pytest.raises(Fail) as e:
        xstrtol_fatal(err, "-j", "1x", 2)
    assert str(e.value.args[0]) == message and e.value.status == 2


def test_choice_and_argmatch_treat_empty_as_ambiguous():
    with pytest.raises(BadChoice) as e:
        choice("descriptor", "name")("")
    assert e.value.why == "ambiguous"
    assert choice("descriptor", "name")("d") == "descriptor"
    table = [("always", 1), ("yes", 1), ("never", 0)]
    assert argmatch("y", "--color", table) == 1
    assert argmatch("", "--x", [("a", 1), ("ab", 1)]) == 1   # prefixes of one meaning
    with pytest.raises(Usage) as u:
        argmatch("", "--color", table)
    assert "ambiguous argument" in u.value.args[0]
    assert "always" in u.value.args[0] and "never" in u.value.args[0]


@pytest.mark.parametrize("tool, args", [
    ("tail", ["--follow=", "/dev/null"]),
    ("sort", ["--sort=", "/dev/null"]),
    ("uniq", ["--group=", "/dev/null"]),
])
def test_empty_choice_matches_gnu(same_as_gnu, tool, args):
    same_as_gnu(tool, *args)
