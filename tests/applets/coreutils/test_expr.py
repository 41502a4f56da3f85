"""expr: every operator, precedence, big integers, `:` with the shared BRE
layer, the keywords, multibyte strings, --help/--version/--, the messages
and the 0/1/2 statuses, and differential tests against GNU."""
import subprocess

import pytest
from hypothesis import given, settings, strategies as st

from conftest import child_env

TRY = b"Try 'expr --help' for more information.\n"


@pytest.mark.parametrize("args, out, status", [
    (["1", "+", "2"], b"3", 0), (["5", "-", "7"], b"-2", 0), (["6", "*", "7"], b"42", 0),
    (["7", "/", "2"], b"3", 0), (["-7", "/", "2"], b"-3", 0), (["7", "/", "-2"], b"-3", 0),
    (["-7", "%", "2"], b"-1", 0), (["7", "%", "-2"], b"1", 0), (["1", "-", "1"], b"0", 1),
    (["99999999999999999999", "*", "3"], b"299999999999999999997", 0),
    (["-99999999999999999999", "+", "1"], b"-99999999999999999998", 0),
    (["1", "+", "2", "*", "3"], b"7", 0), (["(", "1", "+", "2", ")", "*", "3"], b"9", 0),
    (["10", "-", "2", "-", "3"], b"5", 0), (["100", "/", "10", "/", "5"], b"2", 0),
    # comparisons: numeric when both look like integers, else bytewise
    (["10", "<", "9"], b"0", 1), (["a", "<", "b"], b"1", 0), (["010", "=", "10"], b"1", 0),
    (["10", "<=", "10"], b"1", 0), (["a", "!=", "a"], b"0", 1), (["b", ">=", "a"], b"1", 0),
    (["b", ">", "a"], b"1", 0), (["a", "==", "a"], b"1", 0), (["Ab", "<", "aB"], b"1", 0),
    (["+1", "<", "2"], b"1", 0), (["-", "=", "-"], b"1", 0), (["", "<", "0"], b"1", 0),
    # | and &
    (["a", "|", "b"], b"a", 0), (["0", "|", ""], b"0", 1), (["", "|", "b"], b"b", 0),
    (["0", "&", "1"], b"0", 1), (["a", "&", "0"], b"0", 1), (["a", "&", "b"], b"a", 0),
    (["1", "|", "a", "+", "1"], b"1", 0),  # the right side is not evaluated
    (["0", "&", "a", "/", "0"], b"0", 1),
    # values and null
    ([""], b"", 1), (["0"], b"0", 1), (["-00"], b"-00", 1), (["-"], b"-", 0), (["007"], b"007", 0),
    (["--foo"], b"--foo", 0), (["-1"], b"-1", 0), (["-h"], b"-h", 0),
    (["--", "-1", "+", "2"], b"1", 0), (["--", "--"], b"--", 0),
    # keywords
    (["length", "abcd"], b"4", 0), (["length", ""], b"0", 1), (["length", "+", "length"], b"6", 0),
    (["+", "length"], b"length", 0), (["+", "/"], b"/", 0),
    (["index", "abcd", "dc"], b"3", 0), (["index", "abc", ""], b"0", 1), (["index", "abc", "x"], b"0", 1),
    (["substr", "abcdef", "2", "3"], b"bcd", 0), (["substr", "abc", "0", "1"], b"", 1),
    (["substr", "abc", "-1", "2"], b"", 1), (["substr", "abc", "4", "1"], b"", 1),
    (["substr", "abc", "x", "1"], b"", 1), (["substr", "abc", "1", "0"], b"", 1),
    (["substr", "abcdef", "2", "99999999999999999999999"], b"bcdef", 0),
    (["match", "abc", "b"], b"0", 1), (["match", "abc", "a."], b"2", 0),
    (["length", "1", "+", "1"], b"2", 0),  # length binds tighter than +
    # :
    (["abc", ":", "ab"], b"2", 0), (["abc", ":", "b"], b"0", 1), (["abc", ":", ".*"], b"3", 0),
    (["abcd", ":", "a\\(b\\)\\(c\\)"], b"b", 0), (["abc", ":", "a\\(x\\)*"], b"", 1),
    (["x", ":", "\\(\\)"], b"", 1), (["*a", ":", "*a"], b"2", 0), (["ab", ":", "*a"], b"0", 1),
    (["ab", ":", "[b-a]"], b"0", 1), (["aaa", ":", "a\\{2\\}"], b"2", 0),
    (["ab", ":", "\\(a\\)\\|b"], b"a", 0), (["foo.c", ":", "\\(.*\\)\\.c"], b"foo", 0),
    (["a\nb", ":", "a.b"], b"3", 0), (["abc", ":", "abc$"], b"3", 0), (["abc", ":", "^abc"], b"3", 0),
])
def test_values(inproc, args, out, status):
    assert tuple(inproc("expr", *args)) == (out + b"\n", b"", status)


@pytest.mark.parametrize("args, err", [
    (["1", "+", "a"], b"expr: non-integer argument\n"),
    (["a", "*", "2"], b"expr: non-integer argument\n"),
    (["+1", "+", "1"], b"expr: non-integer argument\n"),
    (["1", "/", "0"], b"expr: division by zero\n"),
    (["1", "%", "0"], b"expr: division by zero\n"),
    (["1", "+"], b"expr: syntax error: missing argument after '+'\n"),
    (["length"], b"expr: syntax error: missing argument after 'length'\n"),
    (["length", "length"], b"expr: syntax error: missing argument after 'length'\n"),
    (["+"], b"expr: syntax error: missing argument after '+'\n"),
    (["(", "1"], b"expr: syntax error: expecting ')' after '1'\n"),
    (["(", "1", "2"], b"expr: syntax error: expecting ')' instead of '2'\n"),
    ([")"], b"expr: syntax error: unexpected ')'\n"),
    (["1", "2"], b"expr: syntax error: unexpected argument '2'\n"),
    (["1", "--help"], b"expr: syntax error: unexpected argument '--help'\n"),
    (["a\\(", ":", "a\\("], b"expr: Unmatched ( or \\(\n"),
    (["ab", ":", "a\\{1"], b"expr: Unmatched \\{\n"),
])
def test_errors(inproc, args, err):
    assert tuple(inproc("expr", *args)) == (b"", err, 2)


def test_missing_operand(run):
    assert tuple(run("expr")) == (b"", b"expr: missing operand\n" + TRY, 2)
    assert tuple(run("expr", "--")) == (b"", b"expr: missing operand\n" + TRY, 2)


def test_help_and_version(run):
    for arg in ("--help", "--he", "--h"):
        r = run("expr", arg)
        assert r.status == 0 and r.out.startswith(b"Usage: expr EXPRESSION\n  or:  expr OPTION\n")
        assert b"STRING : REGEXP" in r.out
    r = run("expr", "--vers")
    assert r.status == 0 and r.out.startswith(b"expr (pybox) ")
    assert tuple(run("expr", "--help", "x")) == (b"", b"expr: syntax error: unexpected argument 'x'\n", 2)


def test_utf8(inproc):
    u = {"LC_ALL": "C.UTF-8"}
    assert tuple(inproc("expr", "length", "\u00e9a", env=u)) == (b"2\n", b"", 0)
    assert tuple(inproc("expr", "length", "\u00e9a")) == (b"3\n", b"", 0)  # C: bytes
    assert tuple(inproc("expr", "substr", "\u00e9\u00e9x", "2", "2", env=u)) == ("\u00e9x\n".encode(), b"", 0)
    assert tuple(inproc("expr", "index", "ab\u00e9", "\u00e9", env=u)) == (b"3\n", b"", 0)
    assert tuple(inproc("expr", "\u00e9a", ":", ".*", env=u)) == (b"2\n", b"", 0)
    assert tuple(inproc("expr", "\u00e9\u00e9", ":", "\\(.\\)", env=u)) == ("\u00e9\n".encode(), b"", 0)
    # an invalid byte is one character, and . does not match it
    bad = b"a\xffb".decode("utf-8", "surrogateescape")
    assert tuple(inproc("expr", "length", bad, env=u)) == (b"3\n", b"", 0)
    assert tuple(inproc("expr", bad, ":", ".*", env=u)) == (b"1\n", b"", 0)
    assert tuple(inproc("expr", "substr", bad, "2", "2", env=u)) == (b"\xffb\n", b"", 0)
    r = inproc("expr", "1", "2", env=u)
    assert (r.err, r.status) == ("expr: syntax error: unexpected argument \u20182\u2019\n".encode(), 2)


# -- against GNU -----------------------------------------------------------------------

OPS = ["|", "&", "<", "<=", "=", "==", "!=", ">=", ">", "+", "-", "*", "/", "%", ":"]
ATOMS = ["0", "1", "-1", "7", "00", "-0", "12345678901234567890", "", "a", "abc", "b", "-", "+1",
         " 2", "a.c", ".*", "\\(b\\)", "\\(a*\\)c", "[ab]*", "x\\{2\\}", "\\("]
WORDS = OPS + ATOMS + ["length", "index", "substr", "match", "+", "(", ")"]


def compare(gnu_path, args, env_extra=None):
    env = child_env(env_extra)
    g = subprocess.run(["expr"] + args, executable=gnu_path, capture_output=True, env=env)
    return g


@pytest.fixture(scope="module")
def gnu_expr(gnu):
    return gnu("expr")


def _check(inproc, gnu_expr, args, env=None):
    g = compare(gnu_expr, args, env)
    p = inproc("expr", *args, env=env)
    assert (p.out, p.err, p.status) == (g.stdout, g.stderr, g.returncode), args


@settings(max_examples=150)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=7))
def test_random_words_against_gnu(inproc, gnu_expr, args):
    _check(inproc, gnu_expr, args)


@settings(max_examples=100)
@given(st.lists(st.tuples(st.sampled_from(OPS), st.sampled_from(ATOMS)), max_size=3), st.sampled_from(ATOMS))
def test_wellformed_against_gnu(inproc, gnu_expr, pairs, first):
    args = [first]
    for op, atom in pairs:
        args += [op, atom]
    _check(inproc, gnu_expr, args)


@settings(max_examples=60)
@given(st.text(alphabet="ab\u00e9.*", max_size=5), st.sampled_from(["length", "index", "substr", ":"]))
def test_utf8_against_gnu(inproc, gnu_expr, s, kw):
    args = {"length": ["length", s], "index": ["index", s, "\u00e9b"],
            "substr": ["substr", s, "2", "2"], ":": [s, ":", "a*\u00e9*\\(.\\)"]}[kw]
    _check(inproc, gnu_expr, args, {"LC_ALL": "C.UTF-8"})


@settings(max_examples=60)
@given(st.integers(-10 ** 30, 10 ** 30), st.sampled_from(["+", "-", "*", "/", "%", "<", "="]),
       st.integers(-10 ** 30, 10 ** 30))
def test_arithmetic_against_gnu(inproc, gnu_expr, a, op, b):
    _check(inproc, gnu_expr, [str(a), op, str(b)])
