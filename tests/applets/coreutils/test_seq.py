"""seq: integer fast paths (any size, step blocks, -w), long double
decimals and formats, -s, GNU's errors, and differential tests."""
import pytest
from hypothesis import given, settings, strategies as st


def nums(*values, sep=b"\n"):
    return sep.join(b"%d" % v for v in values) + b"\n"


@pytest.mark.parametrize("args, expected", [
    (["3"], b"1\n2\n3\n"),
    (["2", "4"], b"2\n3\n4\n"),
    (["1", "3", "10"], b"1\n4\n7\n10\n"),
    (["10", "-3", "1"], b"10\n7\n4\n1\n"),
    (["-2", "1"], b"-2\n-1\n0\n1\n"),
    (["0"], b""),
    (["5", "1"], b""),
    (["0", "0.1", "0.3"], b"0.0\n0.1\n0.2\n0.3\n"),
    (["0", "0.000001", "0.000003"], b"0.000000\n0.000001\n0.000002\n0.000003\n"),
    (["-w", "1", "0.5", "3"], b"1.0\n1.5\n2.0\n2.5\n3.0\n"),
    (["-w", "-1", "1"], b"-1\n00\n01\n"),
    (["-w", "8", "10"], b"08\n09\n10\n"),
    (["-s", ",", "1", "3"], b"1,2,3\n"),
    (["-s", ", ", "1", "3"], b"1, 2, 3\n"),
    (["-s", "", "1", "3"], b"123\n"),
    (["-f", "%.2f", "1", "2"], b"1.00\n2.00\n"),
    (["-f", "%%%g%%", "1", "2"], b"%1%\n%2%\n"),
    (["-f", "%a", "1", "2"], b"0x8p-3\n0x8p-2\n"),
    (["--format=%05.1f", "-1", "0.5", "0"], b"-01.0\n-00.5\n000.0\n"),
    (["1e2", "1e2"], b"100\n"),
    (["0x10", "0x11"], b"16\n17\n"),
    (["-0", "1"], b"-0\n1\n"),
    (["1.", "2"], b"1\n2\n"),
    (["--", "-1", "0"], b"-1\n0\n"),
    (["1.5e1", "16"], b"15\n16\n"),
    (["99999999999999999999998", "100000000000000000000001"],
     b"99999999999999999999998\n99999999999999999999999\n100000000000000000000000\n"
     b"100000000000000000000001\n"),
    (["-f", "%.22e", "0.1", "0.1"], b"1.0000000000000000000136e-01\n"),
    (["-f", "%.25f", "0.1", "0.1"], b"0.1000000000000000000013553\n"),
])
def test_sequences(run, args, expected):
    assert tuple(run("seq", *args)) == (expected, b"", 0)


def test_step1_blocks_across_prefixes(inproc):
    r = inproc("seq", "9990", "20010")
    assert r.out == nums(*range(9990, 20011))
    r = inproc("seq", "-s", ":", "123456", "3", "160000")
    assert r.out == nums(*range(123456, 160001, 3), sep=b":")
    r = inproc("seq", "-w", "5", "7", "30000")
    assert r.out == b"\n".join(b"%05d" % v for v in range(5, 30001, 7)) + b"\n"


def test_huge_integers(inproc):
    # 5001-digit numbers: past Python's default int/str conversion limit
    nines = "9" * 5000
    r = inproc("seq", "1" + "0" * 4999 + "8", "1" + "0" * 4998 + "10")
    assert r.out == ("1" + "0" * 4999 + "8\n1" + "0" * 4999 + "9\n1" + "0" * 4998 + "10\n").encode()
    r = inproc("seq", "-s", " ", nines, "1" + "0" * 5000)
    assert (r.out, r.status) == ((nines + " 1" + "0" * 5000 + "\n").encode(), 0)


@pytest.mark.parametrize("args, message", [
    ([], "seq: missing operand\nTry 'seq --help' for more information.\n"),
    (["1", "2", "3", "4"], "seq: extra operand '4'\nTry 'seq --help' for more information.\n"),
    (["x"], "seq: invalid floating point argument: 'x'\nTry 'seq --help' for more information.\n"),
    (["1,5"], "seq: invalid floating point argument: '1,5'\nTry 'seq --help' for more information.\n"),
    (["1", "0", "2"], "seq: invalid Zero increment value: '0'\nTry 'seq --help' for more information.\n"),
    (["1", "-0", "2"], "seq: invalid Zero increment value: '-0'\nTry 'seq --help' for more information.\n"),
    (["nan"], "seq: invalid 'not-a-number' argument: 'nan'\nTry 'seq --help' for more information.\n"),
    (["-f", "%d", "1"], "seq: format '%d' has unknown %d directive\n"),
    (["-f", "x", "1"], "seq: format 'x' has no % directive\n"),
    (["-f", "%g%g", "1"], "seq: format '%g%g' has too many % directives\n"),
    (["-f", "%", "1"], "seq: format '%' ends in %\n"),
    (["-w", "-f", "%g", "1"],
     "seq: format string may not be specified when printing equal width strings\n"
     "Try 'seq --help' for more information.\n"),
    (["-x"], "seq: invalid option -- 'x'\nTry 'seq --help' for more information.\n"),
    (["1e5000"], "seq: invalid floating point argument: '1e5000'\nTry 'seq --help' for more information.\n"),
])
def test_errors(run, args, message):
    assert tuple(run("seq", *args)) == (b"", message.encode(), 1)


def test_utf8_quotes(run):
    r = run("seq", "x", env={"LC_ALL": "C.UTF-8"})
    assert r.err.startswith("seq: invalid floating point argument: \u2018x\u2019\n".encode())


def test_infinite_is_cut_by_a_pipe(sh):
    r = sh("seq 5 inf | head -n 3; seq -s, 1 0.5 inf | head -c 12")
    assert (r.out, r.status) == (b"5\n6\n7\n1.0,1.5,2.0,", 0)


CASES = [
    ["0", "0.1", "1"], ["1", "0.3", "2.5"], ["-1", "0.25", "1"], ["1e-3", "1e-3", "5e-3"],
    ["-w", "0.9", "0.01", "1.01"], ["-w", "-.5", "1"], ["-w", "1e1", "12"], ["-w", "1.50e1", "20"],
    ["0x1p1", "4"], ["1", "1", "1"], ["-f", "%e", "1", "1.5", "5"], ["-f", "%+08.3f", "-1", "0.7", "2"],
    ["-f", "%#g", "1", "2"], ["-s", ": ", "-3", "1"], ["18446744073709551615", "18446744073709551617"],
    ["-s", ",", "18446744073709551615", "18446744073709551617"], ["1.000001", "1.000002"],
]


@pytest.mark.parametrize("args", CASES)
def test_same_as_gnu(same_as_gnu, args):
    same_as_gnu("seq", *args)


@settings(max_examples=25)
@given(st.integers(-30, 30000), st.integers(1, 1500), st.integers(0, 600),
       st.sampled_from([[], ["-w"], ["-s", ","], ["-w", "-s", "::"]]), st.booleans())
def test_integers_same_as_gnu(inproc, run_gnu, first, step, count, opts, down):
    last = first + step * count
    args = opts + ["--", str(last), str(-step), str(first)] if down else opts + [str(first), str(step), str(last)]
    assert tuple(inproc("seq", *args)) == tuple(run_gnu("seq", *args))


DECIMAL = st.builds(lambda i, f, e: i + ("." + f if f is not None else "") + e,
                    st.sampled_from(["0", "1", "-1", "2", "10", "-3", ""]),
                    st.one_of(st.none(), st.text("0123456789", min_size=0, max_size=4)),
                    st.sampled_from(["", "", "e1", "e-1", "E2"]))


@settings(max_examples=25)
@given(DECIMAL, DECIMAL, DECIMAL, st.sampled_from([[], ["-w"], ["-f", "%g"], ["-f", "%.3e"]]))
def test_decimals_same_as_gnu(inproc, run_gnu, a, b, c, opts):
    args = opts + ["--", a, b, c]
    expected = run_gnu("seq", *args)
    if len(expected.out) > 20000:
        return
    assert tuple(inproc("seq", *args)) == tuple(expected)
