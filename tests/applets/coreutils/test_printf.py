"""printf: every conversion with flags, width, precision and `*`, %b, %q,
escapes, numeric arguments, GNU's diagnostics, format reuse, and
differential tests against GNU on generated formats and arguments."""
import pytest
from hypothesis import given, settings, strategies as st


@pytest.mark.parametrize("args, expected", [
    (["hello"], b"hello"),
    (["%s-%s\n", "a", "b", "c"], b"a-b\nc-\n"),
    (["%d %i|%5d|%-5d|%05d|%+d|% d\n", "1", "-2", "3", "4", "-5", "6", "7"],
     b"1 -2|    3|4    |-0005|+6| 7\n"),
    (["%o %u %x %X %#o %#x %#X\n", "8", "-1", "255", "255", "8", "255", "0"],
     b"10 18446744073709551615 ff FF 010 0xff 0\n"),
    (["%.3d|%.0d|%#.0o|%8.5d|%08.5d\n", "5", "0", "0", "42", "42"], b"005||0|   00042|   00042\n"),
    (["%*d|%-*d|%.*d|%.*d\n", "4", "1", "3", "2", "3", "4", "-1", "5"], b"   1|2  |004|5\n"),
    (["%*d|\n", "-4", "1"], b"1   |\n"),
    (["%f %e %g %E %G\n", "1.5", "1.5", "1.5", "1e10", "1e-10"],
     b"1.500000 1.500000e+00 1.5 1.000000E+10 1E-10\n"),
    (["%.20f\n", "0.1"], b"0.10000000000000000000\n"),
    (["%.25f\n", "0.1"], b"0.1000000000000000000013553\n"),
    (["%a %A %.2a\n", "1", "0.1", "3"], b"0x8p-3 0XC.CCCCCCCCCCCCCCDP-7 0xc.00p-2\n"),
    (["%10.3f|%-10.2e|%#g|%#x\n", "3.14159", "2.5", "9", "0"], b"     3.142|2.50e+00  |9.00000|0\n"),
    (["%f %f %F\n", "inf", "-nan", "infinity"], b"inf -nan INF\n"),
    (["%.0f %.0f %.0f\n", "0.5", "1.5", "2.5"], b"0 2 2\n"),
    (["%c|%3c|%-3c|\n", "hello", "x", "y"], b"h|  x|y  |\n"),
    (["%c", ""], b"\0"),
    (["%5.2s|%-4s|%.s|\n", "abc", "d", "e"], b"   ab|d   ||\n"),
    (["%%|%5%%"[:-1] if False else "%%|\n"], b"%|\n"),
    (["%d %d %d %d\n", "'A", "\"B", "0x1F", "017"], b"65 66 31 15\n"),
    (["%d|%d\n", "", " 12"], b"0|12\n"),
    (["%s\n"], b"\n"),
    (["%d\n"], b"0\n"),
    (["a\\tb\\n\\x41\\101\\0101\\e\\a\\\"\\\\\\q\n"], b"a\tb\nAA\x08" + b"1\x1b\a\"\\\\q\n"),
    (["\\u00e9\\U0001F600\\u0024\n"], b"\\u00E9\\U0001F600$\n"),
    (["%b|%b|%b\n", "a\\tb", "\\0101\\101", "\\x41\\c", "not printed"], b"a\tb|AA|A"),
    (["x\\cy"], b"x"),
    (["%q %q %q %q %q\n", "a b", "", "a'b", "\n", "plain"], b"'a b' '' \"a'b\" ''$'\\n' plain\n"),
    (["%q\n", "\x01'"], b"''$'\\001'\\'''\n"),
    (["%q\n", "~x"], b"'~x'\n"),
    (["--", "%s", "x"], b"x"),
    (["--help", "x"], b"--help"),
])
def test_output(run, args, expected):
    r = run("printf", *args)
    assert (r.out, r.status) == (expected, 0)


def test_utf8_locale(run):
    env = {"LC_ALL": "C.UTF-8"}
    assert run("printf", "\\u00e9|%d|%q\n", "'\u00e9", "\u00e9", env=env).out == "\u00e9|233|\u00e9\n".encode()


@pytest.mark.parametrize("args, out, err, status", [
    ([], b"", b"printf: missing operand\nTry 'printf --help' for more information.\n", 1),
    (["%d\n", "abc"], b"0\n", b"printf: 'abc': expected a numeric value\n", 1),
    (["%d\n", "12abc"], b"12\n", b"printf: '12abc': value not completely converted\n", 1),
    (["%d\n", "'"], b"0\n", b"printf: '\\'': expected a numeric value\n", 1),
    (["%d\n", "'ab"], b"97\n", b"printf: warning: b: character(s) following character constant have been ignored\n", 0),
    (["%d\n", "99999999999999999999"], b"9223372036854775807\n",
     b"printf: '99999999999999999999': Numerical result out of range\n", 1),
    (["%u\n", "18446744073709551616"], b"18446744073709551615\n",
     b"printf: '18446744073709551616': Numerical result out of range\n", 1),
    (["%f\n", "1e5000"], b"inf\n", b"printf: '1e5000': Numerical result out of range\n", 1),
    (["%f\n", "1x"], b"1.000000\n", b"printf: '1x': value not completely converted\n", 1),
    (["x\n", "a", "b"], b"x\n", b"printf: warning: ignoring excess arguments, starting with 'a'\n", 0),
    (["%z"], b"", b"printf: %z: invalid conversion specification\n", 1),
    (["ab%5"], b"ab", b"printf: %5: invalid conversion specification\n", 1),
    (["%#d", "1"], b"", b"printf: %#d: invalid conversion specification\n", 1),
    (["%05s", "1"], b"", b"printf: %05s: invalid conversion specification\n", 1),
    (["%.3c", "1"], b"", b"printf: %.3c: invalid conversion specification\n", 1),
    (["%*d", "99999999999", "1"], b"", b"printf: invalid field width: '99999999999'\n", 1),
    (["%.*d", "99999999999", "1"], b"", b"printf: invalid precision: '99999999999'\n", 1),
    (["a\\x"], b"a", b"printf: missing hexadecimal number in escape\n", 1),
    (["a\\u12"], b"a", b"printf: missing hexadecimal number in escape\n", 1),
    (["\\u0041"], b"", b"printf: invalid universal character name \\u0041\n", 1),
    (["%d\\c", "x"], b"0", b"printf: 'x': expected a numeric value\n", 0),
    (["%d\n", "a\\b"], b"0\n", b"printf: 'a\\\\b': expected a numeric value\n", 1),
])
def test_diagnostics(run, args, out, err, status):
    assert tuple(run("printf", *args)) == (out, err, status)


def test_help_and_version_only_alone(run):
    r = run("printf", "--help")
    assert r.status == 0 and r.out.startswith(b"Usage: printf FORMAT [ARGUMENT]...\n")
    assert run("printf", "--version").out.startswith(b"printf (pybox)")
    assert run("printf", "--version", "x").out == b"--version"


def test_in_process_is_repeatable(inproc):
    for _ in range(3):
        assert tuple(inproc("printf", "%s=%d\n", "a", "1", "b", "2")) == (b"a=1\nb=2\n", b"", 0)
    assert tuple(inproc("printf", "%d", "x")) == (b"0", b"printf: 'x': expected a numeric value\n", 1)
    assert tuple(inproc("printf", "ok\n")) == (b"ok\n", b"", 0)


def test_non_utf8_bytes(run):
    r = run("printf", b"\xff%s\xfe\n", b"\x80")
    assert (r.out, r.status) == (b"\xff\x80\xfe\n", 0)
    assert run("printf", "%q\n", b"\xff").out == b"''$'\\377'\n"


FORMATS = st.builds(
    lambda flags, width, prec, conv: "%" + flags + width + prec + conv,
    st.text("-+ #0", max_size=3), st.sampled_from(["", "1", "7", "*", "12"]),
    st.sampled_from(["", ".", ".0", ".3", ".*", ".10"]),
    st.sampled_from(list("diouxXfFeEgGaAcsbq")))
ARGS = st.one_of(st.integers(-10 ** 20, 10 ** 20).map(str),
                 st.sampled_from(["0", "-0", "0x1f", "017", "'a", "1.5", "-2.25e-3", "1e300", "inf", "nan",
                                  "", "abc", "12x", " 7", "\\t\\x41\\0101\\c", "a'b", "\u00e9", "~q"]),
                 st.floats(allow_nan=False, allow_infinity=False).map(repr),
                 st.text(st.characters(min_codepoint=1, max_codepoint=0x7f), max_size=6))


@settings(max_examples=200)
@given(st.lists(FORMATS, min_size=1, max_size=3), st.lists(ARGS, max_size=5),
       st.sampled_from(["C", "C.UTF-8"]))
def test_same_as_gnu_generated(inproc, run_gnu, fmts, args, locale):
    fmt = "|".join(fmts) + "\n"
    env = {"LC_ALL": locale}
    assert tuple(inproc("printf", fmt, *args, env=env)) == tuple(run_gnu("printf", fmt, *args, env=env))


@settings(max_examples=50)
@given(st.text(st.characters(min_codepoint=1, max_codepoint=0x2fff), max_size=12),
       st.sampled_from(["C", "C.UTF-8"]))
def test_q_same_as_gnu(inproc, run_gnu, text, locale):
    env = {"LC_ALL": locale}
    assert tuple(inproc("printf", "%q\n", text, env=env)) == tuple(run_gnu("printf", "%q\n", text, env=env))
