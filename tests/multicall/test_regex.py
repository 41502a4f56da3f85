"""multicall.regex: the POSIX/GNU regex layer under grep, sed, expr, find,
awk...  Unit tests for each construct and error message, the leftmost-longest
machinery (with an exhaustive check of the rules that let sre's first match
stand), and differential tests against GNU grep and sed on generated
patterns and lines (one GNU run per pattern, all lines at once)."""
import itertools
import os
import random
import re
import shutil
import subprocess

import pytest
from hypothesis import assume, given, settings, strategies as st

from multicall import regex as R

GREP = shutil.which("grep")
SED = shutil.which("sed")
ENV_C = dict(os.environ, LC_ALL="C")
ENV_U = dict(os.environ, LC_ALL="C.UTF-8")


def _is_gnu(path):
    if not path:
        return False
    try:
        return b"GNU" in subprocess.run([path, "--version"], capture_output=True).stdout
    except OSError:
        return False


HAVE_GREP = _is_gnu(GREP)
HAVE_SED = _is_gnu(SED)
need_grep = pytest.mark.skipif(not HAVE_GREP, reason="GNU grep is not installed")
need_sed = pytest.mark.skipif(not HAVE_SED, reason="GNU sed is not installed")


def c(pattern, syntax="basic", **kw):
    kw.setdefault("utf8", False)
    return R.compile(pattern, syntax, **kw)


def span(pattern, text, syntax="basic", **kw):
    m = c(pattern, syntax, **kw).search(text)
    return None if m is None else m.span()


def sub_all(rx, line):
    """sed's s/RE/[&]/g with our finditer."""
    out, last = [], 0
    for m in rx.finditer(line):
        out += [line[last:m.start()], b"[", m.group(), b"]"]
        last = m.end()
    return b"".join(out) + line[last:]


def error_of(pattern, syntax="basic", **kw):
    with pytest.raises(R.RegexError) as e:
        c(pattern, syntax, **kw)
    return str(e.value)


# ---------------------------------------------------------------------------
# Translation, construct by construct

@pytest.mark.parametrize("pattern,text,expect", [
    (b"abc", b"xabcx", (1, 4)),
    (b"a.c", b"a\nc", (0, 3)),  # sed: . matches newline
    (b"a*", b"aaa", (0, 3)),
    (b"ba*", b"baaa", (0, 4)),
    (b"a\\+", b"xaa", (1, 3)),
    (b"a\\?b", b"b", (0, 1)),
    (b"a+", b"a+", (0, 2)),  # + is literal in a BRE
    (b"a\\{2\\}", b"aaaa", (0, 2)),
    (b"a\\{2,\\}", b"aaaa", (0, 4)),
    (b"a\\{,2\\}", b"aaaa", (0, 2)),
    (b"a\\{1,3\\}", b"aaaa", (0, 3)),
    (b"a\\{1\\}\\{2\\}", b"aaa", None),  # sed: consecutive repetitions are errors; see below
    (b"\\(ab\\)*c", b"ababc", (0, 5)),
    (b"\\(a\\)\\1", b"xaa", (1, 3)),
    (b"a\\|b", b"xb", (1, 2)),
    (b"*a", b"*a", (0, 2)),  # * at the start is literal
    (b"\\(*a\\)", b"*a", (0, 2)),
    (b"x\\|*a", b"*a", (0, 2)),
    (b"^*", b"*", (0, 1)),  # after ^ too
    (b"a^b", b"a^b", (0, 3)),  # ^ in the middle is literal
    (b"a$b", b"a$b", (0, 3)),
    (b"^a", b"ba", None),
    (b"a$", b"ab", None),
    (b"a$", b"ba\n", None),  # $ is the end of the buffer, not before a final newline
    (b"\\(^a\\)", b"a", (0, 1)),
    (b"x\\(^a\\)", b"x^a", None),  # ^ after \( is an anchor
    (b"a\\|^b", b"ab", (0, 1)),
    (b"\\(b$\\)", b"ab$", None),
    (b"a\\{", b"a{", "error"),
    (b"\\{1\\}", b"{1}", "error"),
    (b"[ab]", b"xb", (1, 2)),
    (b"[^ab]", b"abc", (2, 3)),
    (b"[]a]", b"]", (0, 1)),
    (b"[^]a]", b"]ab", (2, 3)),
    (b"[a-]", b"-", (0, 1)),
    (b"[%--]", b"+", (0, 1)),
    (b"[--/]", b".", (0, 1)),
    (b"[\\]", b"\\", (0, 1)),  # a backslash in brackets is literal (POSIX)
    (b"[\\n]", b"n", (0, 1)),
    (b"[[:alpha:]]", b"1a", (1, 2)),
    (b"[[:digit:]]\\+", b"ab123", (2, 5)),
    (b"[[:space:]]", b"a\tb", (1, 2)),
    (b"[[:upper:][:digit:]]", b"aB", (1, 2)),
    (b"[[:punct:]]", b"a,", (1, 2)),
    (b"[[:xdigit:]]*", b"fF09g", (0, 4)),
    (b"[[:blank:]]", b"a b", (1, 2)),
    (b"[[:cntrl:]]", b"a\x01", (1, 2)),
    (b"[[:print:]]", b"\x01a", (1, 2)),
    (b"[[:graph:]]", b" a", (1, 2)),
    (b"[[:lower:]]", b"Aa", (1, 2)),
    (b"[[:alnum:]]", b"-9", (1, 2)),
    (b"[[=a=]]", b"ba", (1, 2)),
    (b"[[.-.]]", b"a-", (1, 2)),
    (b"[[.a.]-c]", b"b", (0, 1)),
    (b"\\w\\+", b"--ab_1--", (2, 6)),
    (b"\\W", b"ab-", (2, 3)),
    (b"\\s", b"a b", (1, 2)),
    (b"\\S", b"  b", (2, 3)),
    (b"\\<b", b"ab b", (3, 4)),
    (b"b\\>", b"bb a", (1, 2)),
    (b"\\bb", b"ab b", (3, 4)),
    (b"\\Bb", b"ab b", (1, 2)),
    (b"\\`a", b"aa", (0, 1)),
    (b"a\\'", b"aa", (1, 2)),
    (b"\\y", b"y", (0, 1)),  # unknown escapes are the character
    (b"\\.", b"a.", (1, 2)),
    (b"\xff", b"a\xff", (1, 2)),  # bytes >= 0x80 are characters in the C locale
    (b"[\x80-\xff]", b"a\xc3", (1, 2)),
    (b".", b"\x00", (0, 1)),
    (b"(a)", b"(a)", (0, 3)),
    (b"a|b", b"a|b", (0, 3)),
    (b"a{1}", b"a{1}", (0, 4)),
])
def test_bre(pattern, text, expect):
    if expect == "error":
        with pytest.raises(R.RegexError):
            c(pattern)
        return
    if pattern == b"a\\{1\\}\\{2\\}":
        assert error_of(pattern) == "Invalid preceding regular expression"
        assert span(pattern, text, "grep") == (0, 2)  # grep allows it
        return
    assert span(pattern, text) == expect


@pytest.mark.parametrize("pattern,text,expect", [
    (b"a+", b"baa", (1, 3)),
    (b"a?b", b"b", (0, 1)),
    (b"a{2}", b"aaa", (0, 2)),
    (b"a{,}", b"aaa", (0, 3)),
    (b"(ab)+", b"abab", (0, 4)),
    (b"a|b", b"b", (0, 1)),
    (b"(a)\\1", b"aa", (0, 2)),  # GNU: back-references in EREs too
    (b"a^b", b"a^b", None),  # ^ is always an anchor
    (b"a\\^b", b"a^b", (0, 3)),
    (b"()", b"x", (0, 0)),
    (b"a||b", b"b", (0, 1)),
    (b"\\{", b"{", (0, 1)),
    (b"a\\+", b"a+", (0, 2)),
    (b"a**", b"aa", (0, 2)),
    (b"a+*", b"aa", (0, 2)),
])
def test_ere(pattern, text, expect):
    assert span(pattern, text, "extended") == expect


def test_grep_ere_leniency():
    assert span(b"x)", b"x)", "egrep") == (0, 2)  # an unmatched ) is ordinary for grep -E
    assert span(b"x)", b"x)", "posix-extended") == (0, 2)  # and find, not sed -E
    # grep -E takes a{ and a{1,x literally, and a leading * applies to nothing
    assert span(b"a{", b"a{", "egrep") == (0, 2)
    assert span(b"a{1,x", b"a{1,x", "egrep") == (0, 5)
    assert error_of(b"a{", "extended") == "Unmatched \\{"
    r = c(b"*a", "egrep")
    assert r.warnings == ["* at start of expression"]
    assert r.search(b"xa").span() == (1, 2)
    assert c(b"?**", "egrep").warnings == ["? at start of expression", "* at start of expression",
                                          "* at start of expression"]
    assert c(b"{,1}{2}x", "egrep").warnings == ["{...} at start of expression"]
    # a `{` that does not open a valid interval is a character: no warning
    for pattern in (b"{", b"^{", b"({x)", b"a|{", b"{1"):
        assert c(pattern, "egrep").warnings == [], pattern
    assert c(b"^{1}", "egrep").warnings == ["{...} at start of expression"]
    assert error_of(b"*a", "extended") == "Invalid preceding regular expression"
    assert error_of(b"(+)", "egrep") == "Unmatched ( or \\("
    # dfa.c: a repetition after an anchor applies to the anchor
    assert c(b"a\\<+x", "egrep").search(b"ax") is None
    assert c(b"a$*x", "egrep").search(b"ax") is not None
    assert c(b"a$*x", "egrep").warnings == []


@pytest.mark.parametrize("pattern,syntax,message", [
    (b"a[", "grep", "Invalid regular expression"),
    (b"[", "basic", "Invalid regular expression"),
    (b"[^", "basic", "Invalid regular expression"),
    (b"[a", "grep", "Unmatched [, [^, [:, [., or [="),
    (b"[]", "grep", "Unmatched [, [^, [:, [., or [="),
    (b"[[:alpha:]", "basic", "Unmatched [, [^, [:, [., or [="),
    (b"[[:alpha", "basic", "Unmatched [, [^, [:, [., or [="),
    (b"[[=a", "basic", "Unmatched [, [^, [:, [., or [="),
    (b"[[.a", "basic", "Unmatched [, [^, [:, [., or [="),
    (b"[a-", "basic", "Unmatched [, [^, [:, [., or [="),
    (b"\\(", "grep", "Unmatched ( or \\("),
    (b"\\(a\\|b", "basic", "Unmatched ( or \\("),
    (b"(", "egrep", "Unmatched ( or \\("),
    (b"\\)", "grep", "Unmatched ) or \\)"),
    (b")", "extended", "Unmatched ) or \\)"),
    (b"a\\{", "grep", "Unmatched \\{"),
    (b"a\\{1", "grep", "Unmatched \\{"),
    (b"a\\{1,2", "basic", "Unmatched \\{"),
    (b"a{1", "extended", "Unmatched \\{"),
    (b"a\\{x\\}", "grep", "Invalid content of \\{\\}"),
    (b"a\\{2,1\\}", "grep", "Invalid content of \\{\\}"),
    (b"a\\{1,2,3\\}", "grep", "Invalid content of \\{\\}"),
    (b"a\\{\\}", "basic", "Invalid content of \\{\\}"),
    (b"a{2,1}", "egrep", "Invalid content of \\{\\}"),
    (b"[b-a]", "grep", "Invalid range end"),
    (b"[[:alpha:]-z]", "grep", "Invalid range end"),
    (b"[a-[:alpha:]]", "grep", "Invalid range end"),
    (b"[a-c-e]", "basic", "Invalid range end"),
    (b"[[:foo:]]", "grep", "Invalid character class name"),
    (b"a\\", "grep", "Trailing backslash"),
    (b"\\1", "grep", "Invalid back reference"),
    (b"\\(a\\)\\2", "grep", "Invalid back reference"),
    (b"\\(a\\1\\)", "basic", "Invalid back reference"),
    (b"\\(a\\)\\|\\1", "basic", "Invalid back reference"),  # glibc: not across branches
    (b"a\\{99999\\}", "grep", "Regular expression too big"),
    (b"a{32768}", "egrep", "Regular expression too big"),
    (b"[:space:]", "grep", "character class syntax is [[:space:]], not [:space:]"),
    (b"[^:a:]", "basic", "character class syntax is [[:space:]], not [:space:]"),
    (b"[[.space.]]", "grep", "Invalid collation character"),
    (b"[[=ab=]]", "grep", "Invalid collation character"),
    (b"a**", "basic", "Invalid preceding regular expression"),
    (b"a*\\{2\\}", "basic", "Invalid preceding regular expression"),
    (b"\\{1\\}", "basic", "Invalid preceding regular expression"),
    (b"^*", "extended", "Invalid preceding regular expression"),
    (b"a|*b", "extended", "Invalid preceding regular expression"),
    (b"{1}", "extended", "Invalid preceding regular expression"),
])
def test_error_messages(pattern, syntax, message):
    assert error_of(pattern, syntax) == message


def test_lenient_cases_are_not_errors():
    # what GNU accepts must compile
    for pattern, syntax in [(b"[::]", "grep"), (b"[:]", "grep"), (b"[x:alpha:]", "grep"),
                            (b"[:alpha:]", "posix-basic"), (b"a{32767}", "egrep"),
                            (b"\\{1\\}", "grep"), (b"a**", "grep"), (b"a**", "expr"),
                            (b"[z-a]", "expr"), (b"a*\\+", "basic"), (b"a+*", "extended")]:
        c(pattern, syntax)
    assert span(b"\\{1\\}", b"{1}", "grep") == (0, 3)
    assert span(b"\\{1\\}", b"{1}", "expr") == (0, 3)
    assert c(b"[z-a]", "expr").search(b"m") is None


@need_grep
@pytest.mark.parametrize("pattern,ere", [
    (b"a[", False), (b"[a", False), (b"\\(", False), (b"\\)", False), (b"a\\{1", False),
    (b"a\\{x\\}", False), (b"[b-a]", False), (b"[[:foo:]]", False), (b"a\\", False), (b"\\1", False),
    (b"a\\{99999\\}", False), (b"[:space:]", False), (b"[[.space.]]", False), (b"(", True),
    (b"a{2,1}", True), (b"(a)\\2", True), (b"[[:alpha:]-z]", True), (b"a\\{1\\}\\{2\\}", False),
])
def test_errors_match_gnu_grep(pattern, ere):
    p = subprocess.run(["grep"] + (["-E"] if ere else []) + ["-e", pattern, "/dev/null"],
                       executable=GREP, capture_output=True, env=ENV_C)
    try:
        c(pattern, "egrep" if ere else "grep")
        ours = None
    except R.RegexError as e:
        ours = "grep: %s\n" % e
    if p.returncode == 2:
        assert ours == p.stderr.decode()
    else:
        assert ours is None


def test_never_python_messages():
    # sre's own limits and messages never leak: deep nesting is GNU's "too big"
    deep = b"\\(" * 3000 + b"a" + b"\\)" * 3000
    assert error_of(deep) == "Regular expression too big"
    for junk in (b"(?P<x>a)", b"(?=a)", b"\\d", b"\\Z", b"#", b" ", b"(?i)a", b"\\A"):
        c(junk, "basic")
    for junk in (b"\\d", b"\\Z", b"#", b" ", b"\\A", b"a(?i)"):
        c(junk, "egrep")
    assert span(b"(?i)a", b"(?i)a", "basic") == (0, 5)
    assert span(b"\\d", b"d", "extended") == (0, 1)


# ---------------------------------------------------------------------------
# Modes: grep's lines, sed's M flag, -z, -i, -w, -x

def test_grep_newline_mode_nothing_matches_newline():
    buf = b"a\nb\n"
    for p in (b"a.b", b"a[^x]b", b"a\\Wb", b"a\\sb", b"a[[:space:]]b", b"a\\Sb*", b"a.*b"):
        r = c(p, "grep", newline=b"\n")
        assert r.search(buf) is None, p
    r = c(b"^b$", "grep", newline=b"\n")
    assert r.search(b"a\nb\nc\n").span() == (2, 3)
    assert c(b"\\`b\\'", "grep", newline=b"\n").search(b"a\nb\n").span() == (2, 3)
    assert c(b"x$", "grep", newline=b"\n").search(b"ax\nb").span() == (1, 2)


def test_grep_z_mode():
    r = c(b"a.b", "grep", newline=b"\0")
    assert r.search(b"x\0a\nb\0").span() == (2, 5)  # newline is ordinary
    assert c(b"a.b", "grep", newline=b"\0").search(b"a\0b") is None
    assert c(b"^b", "grep", newline=b"\0").search(b"a\nb\0b").span() == (4, 5)
    assert c(b"a$", "grep", newline=b"\0").search(b"a\nb\0") is None
    assert c(b"b$", "grep", newline=b"\0").search(b"a\nb\0").span() == (2, 3)


def test_sed_multiline_flag():
    r = c(b"^b", multiline=True)
    assert r.search(b"a\nb").span() == (2, 3)
    assert c(b"a$", multiline=True).search(b"a\nb").span() == (0, 1)
    assert c(b"a.b", multiline=True).search(b"a\nb") is None
    assert c(b"a[^x]b", multiline=True).search(b"a\nb") is None
    assert c(b"a\\sb", multiline=True).search(b"a\nb").span() == (0, 3)  # as GNU sed
    assert [m.span() for m in c(b"\\`", multiline=True).finditer(b"a\nb")] == [(0, 0)]
    assert [m.span() for m in c(b"\\'", multiline=True).finditer(b"a\nb")] == [(3, 3)]
    assert c(b"^b").search(b"a\nb") is None


def test_icase():
    assert span(b"abc", b"xABC", icase=True) == (1, 4)
    assert span(b"[a-c]\\+", b"xABC", icase=True) == (1, 4)
    assert span(b"[^a]", b"Ab", icase=True) == (1, 2)  # [^a] excludes A too
    assert span(b"[[:upper:]]", b"a", icase=True) == (0, 1)
    assert span(b"\\(a\\)\\1", b"aA", icase=True) == (0, 2)
    assert c(b"abc", icase=True).literal is None
    assert c(b"1-2", icase=True).literal == b"1-2"


def test_word_and_line():
    r = c(b"a", "grep", newline=b"\n", word=True)
    assert r.search(b"bab\nxa a\n").span() == (7, 8)
    # GNU retries shorter matches: "ab" fails at the end, "a" is a word
    assert c(b"ab*", "grep", word=True).search(b"abb-").span() == (0, 3)
    assert c(b"a\\|ab", "grep", word=True).search(b"ab a").span() == (0, 2)
    assert c(b"b*", "grep", word=True).search(b"ab") is None  # as grep -cw 'b*'
    assert c(b"b*", "grep", word=True).search(b"ab ").span() == (3, 3)
    r = c(b"a\\|ab", "grep", newline=b"\n", line=True)
    assert r.search(b"abc\nab\n").span() == (4, 6)
    assert c(b"ab", line=True).search(b"ab\n") is None


def test_literal_fast_path():
    assert c(b"hello").literal == b"hello"
    assert c(b"a\\.b").literal == b"a.b"
    assert c(b"a.b").literal is None
    assert c(b"a*").literal is None
    assert c(b"a+?", "basic").literal == b"a+?"
    assert c(b"a+", "extended").literal is None
    assert c(b"a\nb", "basic", newline=b"\n").literal is None  # grep: can never match
    assert c(b"ab", "grep", word=True).literal is None


def test_escape_roundtrip():
    data = bytes(range(1, 256)).replace(b"\n", b"")
    for syntax in ("basic", "extended", "grep", "egrep"):
        r = c(R.escape(data), syntax)
        assert r.search(b"x" + data + b"x").span() == (1, 1 + len(data))
        assert r.literal == data


def test_compile_many_renumbers_back_references():
    r = R.compile_many([b"\\(a\\)\\1", b"\\(b\\)\\1"], "grep", newline=b"\n", utf8=False)
    assert r.groups == 2
    assert r.search(b"ab\nxbb\n").span() == (4, 6)
    assert r.search(b"ab\nba\n") is None
    r = R.compile_many([b"a", b"abc", b"ab"], "grep", utf8=False)
    assert r.search(b"xabcd").span() == (1, 4)  # leftmost-longest over all of them
    assert r.longest_safe


def test_cache_is_bounded():
    first = c(b"cache-me")
    assert c(b"cache-me") is first
    for i in range(R._CACHE_MAX + 5):
        c(b"x%d" % i)
    assert len(R._CACHE) <= R._CACHE_MAX


def test_expr_anchored_match():
    r = c(b"\\(a*\\)b", "expr")
    m = r.match(b"aabx")
    assert m.group(1) == b"aa" and m.end() == 3
    assert r.match(b"xab") is None


def test_awk_syntax():
    r = c(b"a\\/b\\\"c\\tx\\.\\n[\\]z]\\101", "awk")
    assert r.search(b'a/b"c\tx.\n]A').span() == (0, 11)
    assert span(b"a{2}", b"aa", "awk") == (0, 2)
    assert span(b"\\y", b"y", "awk") == (0, 0)  # gawk's word boundary
    assert span(b"(a)\\1", b"a\x01", "awk") == (0, 2)  # \1 is octal, not a back-reference


@pytest.mark.parametrize("regextype,pattern,name,matches", [
    ("emacs", b".*/a+", b"./aa", True),
    ("emacs", b".*/a\\+", b"./a+", True),
    ("emacs", b".*/a\\{1\\}", b"./a{1}", True),
    ("emacs", b".*/\\(a\\|b\\)", b"./b", True),
    ("emacs", b".*/x[[:digit:]]", b"./x1", False),  # no classes in emacs syntax
    ("findutils-default", b".*/a?b", b"./b", True),
    ("posix-basic", b".*/a\\+", b"./aa", True),
    ("posix-basic", b".*/a{1}", b"./a{1}", True),
    ("posix-extended", b".*/(a|b)", b"./b", True),
    ("posix-extended", b".*/[[:digit:]x]+", b"./x1", True),
    ("posix-egrep", b".*/a{1", b"./a{1", True),
    ("awk", b".*/a{1}", b"./a{1}", True),
    ("gnu-awk", b".*/a{1}", b"./a", True),
    ("posix-minimal-basic", b".*/\\(a\\|b\\)", b"./a|b", True),
    ("posix-minimal-basic", b".*/a\\+", b"./a+", True),
    ("sed", b".*/a\\+", b"./aa", True),
    ("grep", b".*/a\\{1\\}", b"./a", True),
    ("egrep", b".*/(a|b)", b"./b", True),
    ("ed", b".*/a?b", b"./a?b", True),
])
def test_find_regextypes(regextype, pattern, name, matches):
    r = c(pattern, R.FIND_TYPES[regextype])
    assert (r.fullmatch(name) is not None) == matches


def test_perl_syntax():
    r = R.compile(b"(\\d+)\\Qa.b\\E\\z", "perl", utf8=False)
    assert r.search(b"x12a.b").group(1) == b"12"
    assert r.search(b"x12axb") is None
    with pytest.raises(R.RegexError):
        R.compile(b"(", "perl", utf8=False)


# ---------------------------------------------------------------------------
# Leftmost-longest

@pytest.mark.parametrize("pattern,text,expect,groups", [
    (b"a|ab", b"abcd", (0, 2), ()),
    (b"(a|ab)(c|bcd)(d*)", b"abcd", (0, 4), (b"a", b"bcd", b"")),  # glibc's groups
    (b"(x|xy)(z|yz)?", b"xyz", (0, 3), (b"x", b"yz")),
    (b"(a*)(ab)?b?(c|bcd)*", b"abcd", (0, 4), (b"a", None, b"bcd")),
    (b"(foo|foobar)x", b"foobarx", (0, 7), (b"foobar",)),
    (b"[ab]*(abc|b)", b"abc", (0, 3), (b"abc",)),
    (b"(ab)?(abcd)?", b"abcd", (0, 4), (None, b"abcd")),
    (b"a*(ab)*", b"aab", (0, 3), (b"ab",)),
    (b"(a|ab)$", b"xab", (1, 3), (b"ab",)),
    (b"(a|ab)\\>", b"ab ", (0, 2), (b"ab",)),
    (b"(a|ab)(\\>|c)", b"abc", (0, 3), (b"ab", b"c")),
    (b"(a)(b)\\2|abbb", b"abbb", (0, 4), (None, None)),
])
def test_leftmost_longest(pattern, text, expect, groups):
    m = c(pattern, "extended").search(text)
    assert m.span() == expect
    assert m.groups() == groups


def test_longest_flags():
    assert c(b"a*b\\+c").longest_safe
    assert c(b"a\\|ab").longest_safe  # sorted longest first
    assert c(b"\\(cat\\|dog\\)s*").longest_safe  # prefix-free: no choice
    assert not c(b"\\(a\\|ab\\)c*").longest_safe
    assert not c(b"\\(a\\)\\1").longest_safe
    assert not c(b"\\(ab\\)*").longest_safe
    r = c(b"abc*")
    assert r.search == r.pattern_obj.search  # the fast path is sre itself


def test_longest_respects_context_at_the_end():
    # the candidate end's next character decides $, \b, \> ...
    assert c(b"\\(a\\|ab\\)\\b", "basic").search(b"abc") is None
    assert c(b"\\(a\\|ab\\)\\b", "basic").search(b"ab c").span() == (0, 2)
    assert c(b"\\(a\\|ab\\)\\b\\(x*\\|c\\)", "basic").search(b"ab c").span() == (0, 2)
    assert c(b"\\(a\\|ab\\)\\>", "basic").search(b"ab-").span() == (0, 2)
    assert c(b"\\(a\\|ab\\)$", "grep", newline=b"\n").search(b"ab\nc").span() == (0, 2)
    assert c(b"\\(a\\|ab\\)$", "grep", newline=b"\n").search(b"abc\n") is None
    assert c(b"\\(a\\|abc\\)\\'").search(b"abcd") is None
    assert c(b"\\(a\\|ab\\)\\B", "basic").search(b"abc").span() == (0, 2)


def _longest_end(rx, s):
    for e in range(len(s), -1, -1):
        if rx.fullmatch(s, 0, e):
            return e


_SINGLE = ["a", "b", "c", "[ab]", "[bc]", "(?:a|b)"]
_FIXED = ["(?:ab|ba)", "(?:ab)", "(?:a[bc]|ca)"]
_QUANTS = ["", "?", "*", "+", "{0,2}", "{2}", "{1,3}"]


def test_rules_for_sre_first_match_being_longest():
    """Exhaustively check the rule _greedy_is_longest relies on: sequences of
    quantified single characters and fixed-length pieces never make sre's
    first match shorter than the longest one."""
    rnd = random.Random(7)
    strings = ["".join(t) for n in range(7) for t in itertools.product("abc", repeat=n)]
    for _ in range(400):
        parts = []
        for _ in range(rnd.randint(1, 4)):
            if rnd.random() < 0.75:
                parts.append(rnd.choice(_SINGLE) + rnd.choice(_QUANTS))
            else:
                parts.append(rnd.choice(_FIXED))
        rx = re.compile("".join(parts))
        for s in strings:
            m = rx.match(s)
            if m is not None:
                assert m.end() == _longest_end(rx, s), (rx.pattern, s)


def test_safe_patterns_agree_with_exhaustive_search():
    """For the patterns our analysis calls safe, sre's match is the longest."""
    rnd = random.Random(11)
    atoms = ["a", "b", ".", "[ab]", "\\(ab\\|a\\)", "\\(a\\|b\\)", "\\(ab\\|ba\\)", "\\(abc\\|b\\)"]
    strings = ["".join(t) for n in range(6) for t in itertools.product("abc", repeat=n)]
    checked = 0
    for _ in range(600):
        parts = [rnd.choice(atoms) + rnd.choice(["", "*", "\\?", "\\{2\\}", "\\+"])
                 for _ in range(rnd.randint(1, 4))]
        r = c("".join(parts).encode())
        if not r.longest_safe:
            continue
        checked += 1
        for s in strings:
            b = s.encode()
            m = r.pattern_obj.match(b)
            if m is not None:
                assert m.end() == _longest_end(r.pattern_obj, b), (r.source, s)
    assert checked > 100


def test_fallback_is_bounded_by_the_line():
    r = c(b"\\(a\\|ab\\)\\(c\\|bcd\\)", "grep", newline=b"\n")
    buf = b"abcd" + b"x" * 1000 + b"\n" + b"y" * 100000
    assert r.search(buf).span() == (0, 4)


def test_finditer_like_sed():
    r = c(b"x*")
    assert sub_all(r, b"abc") == b"[]a[]b[]c[]"
    assert sub_all(c(b"a*"), b"baaac") == b"[]b[aaa]c[]"
    assert sub_all(c(b"^a"), b"aaa") == b"[a]aa"  # ^ only at the start
    assert sub_all(c(b"a\\|ab", "basic"), b"abab") == b"[ab][ab]"
    assert sub_all(c(b"\\<"), b"ab cd") == b"[]ab []cd"


# ---------------------------------------------------------------------------
# UTF-8

def u(pattern, syntax="grep", **kw):
    return R.compile(pattern, syntax, utf8=True, **kw)


def test_utf8_dot_and_brackets():
    text = "aéb a\udcffb x—y".encode("utf-8", "surrogateescape")
    assert [m.group() for m in u(b"a.b").finditer(text)] == ["aéb".encode()]
    assert [m.group() for m in u(b"[^x]").finditer(b"\xc3\xa9x")] == ["é".encode()]
    assert u("[é]".encode()).search("aé".encode()).span() == (1, 3)
    assert u(b"^.$").search(b"\xc3") is None  # an invalid byte is no character
    assert [m.group() for m in u(b"\\w\\+").finditer("éa x—y".encode())] == [
        "éa".encode(), b"x", b"y"]
    assert u(b"[[:alpha:]]*").search("ÉCOLE".encode()).span() == (0, 6)


def test_utf8_icase_and_collation_errors():
    assert u("école".encode(), icase=True).search("ÉCOLE".encode()).span() == (0, 6)
    assert u("ω".encode(), icase=True).search("Ω".encode()).span() == (0, 2)
    assert u(b"s", icase=True).search("ſ".encode()).span() == (0, 2)
    assert u(b"k", icase=True).search("\u212a".encode()) is None  # as GNU grep
    # dfa.c's counterparts: ſ matches s and S (its upper case), the Kelvin sign
    # only itself (its lower case k does not map back to it), ẞ not ß
    for p, subject in (("ſ", b"s"), ("ſ", b"S")):
        assert u(p.encode(), icase=True).search(b"x" + subject).span() == (1, 2), (p, subject)
    for p, subject in (("\u212a", "k"), ("\u212a", "K"), ("ẞ", "ß")):
        assert u(p.encode(), icase=True).search(subject.encode()) is None, (p, subject)


@need_grep
@settings(max_examples=60)
@given(st.sampled_from([c for c in range(0x80, 0x2200) if chr(c).isalpha()] + [0x212A, 0x212B, 0x2126]))
def test_differential_icase_counterparts(cp):
    """Each character, as a grep -i pattern, against its case relatives."""
    rel = {cp} | {ord(x) for v in (chr(cp).lower(), chr(cp).upper(), chr(cp).casefold()) for x in v}
    subjects = sorted(rel)
    data = b"".join(chr(c).encode() + b"\n" for c in subjects)
    g = subprocess.run([GREP, "-in", chr(cp)], input=data, capture_output=True, env=dict(ENV_C, LC_ALL="C.UTF-8"))
    rx = u(chr(cp).encode(), icase=True)
    ours = b"".join(b"%d:%s\n" % (i, chr(c).encode()) for i, c in enumerate(subjects, 1)
                    if rx.search(chr(c).encode()))
    assert ours == g.stdout, (hex(cp), subjects)
    for p in ("[a-é]", "[α-ω]", "[[=é=]]", "[[.é.]]"):
        with pytest.raises(R.RegexError) as e:
            u(p.encode())
        assert str(e.value) == "Invalid collation character"


@need_grep
def test_utf8_against_gnu_grep():
    lines = ["aéb", "a\udcffb", "ÉCOLE école", "Ωmega ωmega", "x—y é", "straße", "ǅ ǆ Ǆ", "K k \u212a"]
    data = "\n".join(lines).encode("utf-8", "surrogateescape") + b"\n"
    for pattern, icase in [("a.b", False), ("[^ a]\\+", False), ("école", True), ("ω", True),
                           ("\\w\\+", False), ("[[:alpha:]]\\+", False), ("[[:upper:]]", False),
                           ("ǆ", True), ("[[:punct:]]", False), ("k", True), (".", False)]:
        args = [GREP, "-on"] + (["-i"] if icase else []) + ["-e", pattern]
        want = subprocess.run(args, input=data, capture_output=True, env=ENV_U).stdout
        r = u(pattern.encode(), icase=icase, newline=b"\n")
        got = []
        pos = 0
        for n, line in enumerate(data.split(b"\n")[:-1], 1):
            end = pos + len(line)
            got += [b"%d:%s\n" % (n, m.group()) for m in r.finditer(data, pos, end) if m.end() > m.start()]
            pos = end + 1
        assert b"".join(got) == want, pattern


# ---------------------------------------------------------------------------
# Differential tests against GNU grep and sed on generated patterns

ALPHABET = b"abx -"


def _atom(draw, ere, depth):
    k = draw(st.integers(0, 9))
    if k <= 3:
        return draw(st.sampled_from(["a", "b", "x", "ab", "ba"]))
    if k == 4:
        return "."
    if k == 5:
        return draw(st.sampled_from(["[ab]", "[^a]", "[a-c]", "[[:alpha:]]", "[]a]", "[^]b]", "[a-]",
                                     "\\w", "\\W", "[[:space:]]"]))
    if k == 6 and depth < 2:
        inner = _branch(draw, ere, depth + 1)
        if draw(st.booleans()):
            inner += ("|" if ere else "\\|") + _branch(draw, ere, depth + 1)
        return ("(%s)" if ere else "\\(%s\\)") % inner
    if k == 7:
        return draw(st.sampled_from(["^", "$", "\\<", "\\>", "\\b", "\\B"]))
    if k == 8:
        return "\\1"
    return "a"


def _branch(draw, ere, depth):
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        a = _atom(draw, ere, depth)
        parts.append(a)
        if a not in ("^", "$", "\\<", "\\>", "\\b", "\\B") and draw(st.integers(0, 3)) == 0:
            ops = ["*", "+", "?", "{1,2}", "{2}", "{,1}"] if ere else ["*", "\\+", "\\?", "\\{1,2\\}",
                                                                      "\\{2\\}"]
            parts.append(draw(st.sampled_from(ops)))
    return "".join(parts)


@st.composite
def patterns(draw):
    ere = draw(st.booleans())
    p = _branch(draw, ere, 0)
    if draw(st.integers(0, 4)) == 0:
        p += ("|" if ere else "\\|") + _branch(draw, ere, 1)
    return p.encode(), ere


LINES = [bytes(random.Random(i).choice(ALPHABET) for _ in range(random.Random(i + 99).randint(0, 9)))
         for i in range(60)]


def _grep_lines(rx, lines):
    """grep -on on our side: one search per chunk for the lines, then -o."""
    buf = b"\n".join(lines) + b"\n"
    selected = []
    pos = 0
    while pos < len(buf):
        m = rx.search(buf, pos)
        if m is None:
            break
        ls = buf.rfind(b"\n", 0, m.start()) + 1
        le = buf.find(b"\n", m.start())
        selected.append(buf.count(b"\n", 0, ls) + 1)
        pos = le + 1
    out = []
    pos = 0
    for n, line in enumerate(lines, 1):
        end = pos + len(line)
        out += [b"%d:%s\n" % (n, m.group()) for m in rx.finditer(buf, pos, end) if m.end() > m.start()]
        pos = end + 1
    return selected, b"".join(out)


# a repeated group that starts with an anchor, which glibc fails to match
_GLIBC_ANCHOR_GROUP = re.compile(rb"\\?\((?:\^|\\[<>`]).*\\?\)(?:\*|\\?[+?{])")


@need_grep
@settings(max_examples=120)
@given(patterns())
def test_differential_grep(pat_ere):
    pattern, ere = pat_ere
    assume(not _GLIBC_ANCHOR_GROUP.search(pattern))  # a glibc bug, see docs/regex.md
    data = b"\n".join(LINES) + b"\n"
    base = ["grep", "-a"] + (["-E"] if ere else [])
    sel = subprocess.run(base + ["-n", "-e", pattern], executable=GREP, input=data, capture_output=True,
                         env=ENV_C)
    try:
        rx = R.compile(pattern, "egrep" if ere else "grep", newline=b"\n", utf8=False)
    except R.RegexError as e:
        assert sel.returncode == 2
        assert sel.stderr.decode() == "grep: %s\n" % e
        return
    assert sel.returncode in (0, 1), sel.stderr
    selected, only = _grep_lines(rx, LINES)
    want = [int(x.split(b":", 1)[0]) for x in sel.stdout.splitlines()]
    assert selected == want
    assert sel.stderr.decode() == "".join("grep: warning: %s\n" % w for w in rx.warnings)
    o = subprocess.run(base + ["-on", "-e", pattern], executable=GREP, input=data, capture_output=True,
                       env=ENV_C)
    assert only == o.stdout


@need_sed
@settings(max_examples=120)
@given(patterns())
def test_differential_sed(pat_ere):
    pattern, ere = pat_ere
    data = b"\n".join(LINES) + b"\n"
    p = subprocess.run([SED] + (["-E"] if ere else []) + [b"s/%s/[&]/g" % pattern.replace(b"/", b"\\/")],
                       input=data, capture_output=True, env=ENV_C)
    try:
        rx = R.compile(pattern, "extended" if ere else "basic", utf8=False)
    except R.RegexError as e:
        assert p.returncode == 1
        assert p.stderr.decode().rstrip("\n").endswith(": %s" % e)
        return
    assert p.returncode == 0, p.stderr
    assert b"".join(sub_all(rx, line) + b"\n" for line in LINES) == p.stdout
