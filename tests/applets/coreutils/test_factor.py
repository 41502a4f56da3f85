"""factor: small and huge numbers, standard input, bad input, and GNU's
answers for hypothesis-generated numbers."""
import pytest
from hypothesis import given, settings, strategies as st

P40A, P40B = 1099511627689, 1099511627791  # primes near 2**40


def test_basic(run, via):
    assert tuple(run("factor", "12", "0", "1", "2", "97", via=via)) == \
        (b"12: 2 2 3\n0:\n1:\n2: 2\n97: 97\n", b"", 0)


def test_big_numbers(inproc):
    m127 = 2 ** 127 - 1
    n = P40A * P40B
    r = inproc("factor", str(m127), str(n), str(P40A * P40A), str(2 ** 200))
    assert r.status == 0
    assert r.out == (b"%d: %d\n" % (m127, m127) + b"%d: %d %d\n" % (n, P40A, P40B)
                     + b"%d: %d %d\n" % (P40A * P40A, P40A, P40A)
                     + b"%d: %s\n" % (2 ** 200, b" ".join([b"2"] * 200)))


def test_beyond_128_bits(inproc):
    n = (2 ** 89 - 1) * 1000003 * 3
    assert inproc("factor", str(n)).out == b"%d: 3 1000003 %d\n" % (n, 2 ** 89 - 1)


def test_is_prime():
    from applets.coreutils.factor import is_prime
    assert is_prime(2 ** 127 - 1) and is_prime(2 ** 521 - 1)
    assert not is_prime(3215031751) and not is_prime(3825123056546413051)  # strong pseudoprimes
    assert not is_prime(318665857834031151167461)  # a strong pseudoprime to bases 2..37


@pytest.mark.parametrize("arg", [" 12", "+12", "012", "\t12"])
def test_leading_blanks_and_plus(inproc, arg):
    assert inproc("factor", arg).out == b"12: 2 2 3\n"


@pytest.mark.parametrize("arg", ["12 ", "", "-12", "0x10", "x", "1.5", "+", "1 2"])
def test_invalid(run, arg):
    r = run("factor", "--", arg, "5")
    assert r.out == b"5: 5\n" and r.status == 1
    assert r.err == ("factor: '%s' is not a valid positive integer\n" % arg).encode()


def test_stdin(run):
    r = run("factor", stdin=b" 6  8\n\n9\tx 10\n+4 \n15")
    assert r.out == b"6: 2 3\n8: 2 2 2\n9: 3 3\n10: 2 5\n4: 2 2\n15: 3 5\n"
    assert (r.err, r.status) == (b"factor: 'x' is not a valid positive integer\n", 1)


def test_stdin_token_across_chunks(inproc):
    data = b"7 " * 200000 + b"123456789"
    r = inproc("factor", stdin=data)
    lines = r.out.split(b"\n")
    assert lines[0] == b"7: 7" and len(lines) == 200002 and lines[-2] == b"123456789: 3 3 3607 3803"


def test_options(run):
    r = run("factor", "-h")
    assert r.status == 1 and r.err.startswith(b"factor: invalid option -- 'h'\n")
    assert run("factor", "--help").out.startswith(b"Usage: factor [NUMBER]...\n")


@pytest.mark.parametrize("args", [["12", "x", "-1"], ["--", "-1"], [" 7", "+9", "0", "1"],
                                  [str(2 ** 64 + 1)], [str(2 ** 64 - 1)], ["\u0661\u0662"], ["18446744073709551557"]])
def test_same_as_gnu(same_as_gnu, args):
    same_as_gnu("factor", *args)


@settings(max_examples=25)
@given(st.lists(st.integers(min_value=0, max_value=2 ** 96), min_size=1, max_size=20))
def test_hypothesis_same_as_gnu(inproc, run_gnu, nums):
    # GNU 9.1 is slow on numbers with two big factors: keep one factor small
    nums = [n if n < 2 ** 64 else (n >> 64) * 1009 for n in nums]
    args = [str(n) for n in nums]
    assert inproc("factor", *args).out == run_gnu("factor", *args).out
