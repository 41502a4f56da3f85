"""sed: differential tests against GNU sed 4.9 (/usr/bin/sed), run in-process
for speed: a table of scripts covering every command, address form, flag,
escape and error message, and hypothesis-generated scripts from a small
grammar on generated inputs.  Output, messages and status must match byte
for byte; the tests skip where GNU sed is not installed."""
import os
import signal
import subprocess

import pytest
from hypothesis import assume, given, settings, strategies as st

from conftest import child_env

FILES = {"f3": b"1\n2\n3\n", "f2": b"x\ny\n", "fp": b"p", "empty": b"",
         "e.sed": b"{\np\n", "e2.sed": b"p\n\ns/x\n"}


def gnu_sed():
    for p in ("/usr/bin/sed", "/bin/sed"):
        if os.access(p, os.X_OK):
            try:
                v = subprocess.run([p, "--version"], capture_output=True, timeout=10).stdout
            except OSError:
                continue
            if b"GNU sed" in v:
                return p
    return None


GNU = gnu_sed()
needs_gnu = pytest.mark.skipif(GNU is None, reason="GNU sed is not installed")


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("sedfiles")
    for name, data in FILES.items():
        (d / name).write_bytes(data)
    return str(d)


def run_gnu(args, stdin, cwd, timeout=10):
    p = subprocess.run(["sed"] + list(args), executable=GNU, input=stdin, capture_output=True,
                       env=child_env(), cwd=cwd, timeout=timeout)
    return p.stdout, p.stderr, p.returncode


class _Timeout(Exception):
    pass


def run_ours(inproc, args, stdin, cwd):
    old = os.getcwd()
    os.chdir(cwd)

    def alarm(signum, frame):
        raise _Timeout()
    prev = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(10)
    try:
        r = inproc("sed", *args, stdin=stdin)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, prev)
        os.chdir(old)
    return r.out, r.err, r.status


CASES = [(['p'], b'a\nb'),
 (['-n', '$p'], b'a\nb\n'),
 (['s/a//;p'], b'a'),
 (['x;p;x'], b'a'),
 (['-n', 'x;p'], b'a\n'),
 (['G'], b'a'),
 (['h;G'], b'a'),
 (['1h;2g'], b'a\nb'),
 (['-e', '1a X', '-e', 'N'], b'1\n2\n'),
 (['-n', '-e', 'a X', '-e', 'N;P;D'], b'1\n2\n'),
 (['-e', 'a X', '-e', 'q'], b'1\n2\n'),
 (['-e', 'a X', '-e', 'Q'], b'1\n2\n'),
 (['-e', 'a X', '-e', '$!N;P;D'], b'1\n2\n3\n'),
 (['a X'], b'a'),
 (['i X'], b'a'),
 (['2,3c\\\nC'], b'1\n2\n3\n4\n'),
 (['2,3!c\\\nC'], b'1\n2\n3\n4\n'),
 (['$!N;2q'], b'1\n2\n3\n'),
 (['='], b'1\n2\n3\n'),
 (['n'], b'a\n'),
 (['-e', 'a X', '-e', 'n'], b'a\n'),
 (['-n', '$!{n;p}'], b'a\nb\n'),
 (['1!G;h;$!d'], b'a\nb\nc\n'),
 (['s/x/echo hi/e'], b'x'),
 (['e echo hi'], b'x'),
 (['l'], b'a\tb\x01\xff\\\n'),
 (['-n', 'l 5'], b'aaaaaaaaaaaaaaaa\n'),
 (['l 1'], b'ab\n'),
 (['l 0'],
  b'abababababababababababababababababababababababababababababababababababababababababababababababababab\n'),
 (['s/a*/x/g'], b'baaac\n'),
 (['s/b*/x/2'], b'abc\n'),
 (['s/\\(b\\)/\\U\\1x\\E\\1\\lX\\uy/'], b'abc\n'),
 (['s/[[:alpha:]]/\\U&/g'], b'ab c\n'),
 (['s/ab/\\L\\uAB/'], b'ab\n'),
 (['s/x*/-/g'], b'abxd\n'),
 (['s/a/b/3'], b'aaaaa\n'),
 (['s/a/b/3g'], b'aaaaa\n'),
 (['-E', 's/(a|ab)(c|bcd)(d*)/[\\1,\\2,\\3]/'], b'abcd\n'),
 (['s/\\x2e/X/'], b'ab\n'),
 (['s/b/\\x26/'], b'ab\n'),
 (['s/b/\\cA\\d065\\o101\\x41/'], b'ab\n'),
 (['y/abc/xyz/'], b'aabbcc\n'),
 (['y/a\\nb/x\\ny/'], b'ab\n'),
 (['-n', '/b/,/d/p'], b'a\nb\nc\nd\ne\n'),
 (['0,/a/d'], b'a\nb\na\n'),
 (['1,/a/d'], b'a\nb\na\nc\n'),
 (['2,1d'], b'1\n2\n3\n'),
 (['2,+1d'], b'1\n2\n3\n4\n'),
 (['2,~4d'], b'1\n2\n3\n4\n5\n6\n'),
 (['0~3d'], b'1\n2\n3\n4\n5\n6\n'),
 (['2~3d'], b'1\n2\n3\n4\n5\n6\n'),
 (['/2/,+0d'], b'1\n2\n3\n2\n'),
 (['/2/,$d'], b'1\n2\n3\n'),
 (['$!N;s/\\n/-/'], b'1\n2\n3\n'),
 (['N;N;s/\\n/-/g'], b'1\n2\n3\n4\n'),
 (['-s', '-n', '$p', 'f3', 'f2'], b''),
 (['-n', '$=', 'f3', 'f2', 'empty'], b''),
 (['F', 'f3', '-'], b'x\n'),
 (['-n', '$p', 'f3', 'nofile'], b''),
 (['p', 'fp', 'f2'], b''),
 (['-s', 'p', 'fp', 'f2'], b''),
 (['-n', '1p', 'fp', 'f2'], b''),
 (['-s', 'N;s/\\n/-/', 'f3', 'f2'], b''),
 (['-s', '/2/,/x/d', 'f3', 'f2'], b''),
 (['-s', '0,/2/d', 'f3', 'f3'], b''),
 (['R f3'], b'a\nb\n'),
 (['-s', 'R f3', '-', 'f2'], b'a\nb\n'),
 (['0r f2'], b'a\n'),
 (['r f2'], b'a\nb'),
 (['r nofile'], b'a\n'),
 (['--posix', 'N'], b'a\n'),
 (['N'], b'a\n'),
 (['-z', 's/a/b/;G'], b'a\x00c\x00'),
 (['-z', '='], b'a\x00b'),
 (['-z', 'a foo'], b'x\x00'),
 (['-z', 'l'], b'a\nb\x00'),
 (['s/a/b/w /dev/stdout'], b'a'),
 (['s/a/b/w /dev/stdout'], b'a\n'),
 (['D'], b'a\nb\n'),
 (['$!N;P;D'], b'1\n2\n3\n4\n5\n'),
 (['P;D'], b'a\n'),
 (['-n', '/a/{p;p}'], b'a\nb\n'),
 (['/a/!{p}'], b'a\nb\n'),
 (['2{p;2p}'], b'a\nb\n'),
 (['{:a;N;$!ba};s/\\n/+/g'], b'1\n2\n3\n'),
 ([':a;s/^.\\{1,4\\}$/ &/;ta'], b'ab\nabcdef\n'),
 (['s/x/y/;T;s/$/!/'], b'x\na\n'),
 (['s/x/y/;t e;s/$/-/;:e'], b'x\na\n'),
 (['$!{h;d};x;G'], b'a\nb\n'),
 (['-n', 'h;n;G;p'], b'1\n2\n3\n4\n'),
 (['=;='], b'a'),
 (['q;p'], b'a'),
 (['q5'], b'a\nb\n'),
 (['2Q7'], b'a\nb\nc\n'),
 (['-n', '2q5'], b'a\nb\n'),
 (['z;s/^$/E/'], b'a\n'),
 (['$a end'], b'a\nb'),
 (['1i\\\n  two\\\nthree'], b'a\n'),
 (['a\\  foo'], b'a\n'),
 (['a\\'], b'a\n'),
 (['-e', 'a\\', '-e', 'foo\\', '-e', 'bar', '-e', 'p'], b'a\n'),
 (['-e', 'a foo\\', '-e', 'p'], b'a\n'),
 (['a foo\\tbar\\\\'], b'a\n'),
 (['c\\'], b'a\n'),
 (['s/a'], b'a\nb\nx\ny\nz\n'),
 (['s/a/b'], b'a\nb\nx\ny\nz\n'),
 (['s/a/b/q'], b'a\nb\nx\ny\nz\n'),
 (['s/a/b/gg'], b'a\nb\nx\ny\nz\n'),
 (['s/a/b/pp'], b'a\nb\nx\ny\nz\n'),
 (['s/a/b/0'], b'a\nb\nx\ny\nz\n'),
 (['s/a/b/2g3'], b'a\nb\nx\ny\nz\n'),
 (['k'], b'a\nb\nx\ny\nz\n'),
 (['}'], b'a\nb\nx\ny\nz\n'),
 (['{'], b'a\nb\nx\ny\nz\n'),
 (['{p'], b'a\nb\nx\ny\nz\n'),
 (['1,2,3p'], b'a\nb\nx\ny\nz\n'),
 (['1,p'], b'a\nb\nx\ny\nz\n'),
 ([',p'], b'a\nb\nx\ny\nz\n'),
 (['1!!p'], b'a\nb\nx\ny\nz\n'),
 (['~2p'], b'a\nb\nx\ny\nz\n'),
 (['+1p'], b'a\nb\nx\ny\nz\n'),
 ([':a;b b'], b'a\nb\nx\ny\nz\n'),
 (['b x'], b'a\nb\nx\ny\nz\n'),
 ([':'], b'a\nb\nx\ny\nz\n'),
 (['1:a'], b'a\nb\nx\ny\nz\n'),
 (['y/ab/c/'], b'a\nb\nx\ny\nz\n'),
 (['y/a'], b'a\nb\nx\ny\nz\n'),
 (['a'], b'a\nb\nx\ny\nz\n'),
 (['1}'], b'a\nb\nx\ny\nz\n'),
 (['#n'], b'a\nb\nx\ny\nz\n'),
 (['p;#foo'], b'a\nb\nx\ny\nz\n'),
 (['1#foo'], b'a\nb\nx\ny\nz\n'),
 (['r'], b'a\nb\nx\ny\nz\n'),
 (['w'], b'a\nb\nx\ny\nz\n'),
 (['s/\\(a\\)/\\2/'], b'a\nb\nx\ny\nz\n'),
 (['s/a/\\1/'], b'a\nb\nx\ny\nz\n'),
 (['/a'], b'a\nb\nx\ny\nz\n'),
 (['\\%a'], b'a\nb\nx\ny\nz\n'),
 (['\\na\\np'], b'a\nb\nx\ny\nz\n'),
 (['v 9.0'], b'a\nb\nx\ny\nz\n'),
 (['v 4.2'], b'a\nb\nx\ny\nz\n'),
 (['v'], b'a\nb\nx\ny\nz\n'),
 (['pq'], b'a\nb\nx\ny\nz\n'),
 (['p x'], b'a\nb\nx\ny\nz\n'),
 (['qq'], b'a\nb\nx\ny\nz\n'),
 (['q 5 x'], b'a\nb\nx\ny\nz\n'),
 (['l 5 5'], b'a\nb\nx\ny\nz\n'),
 (['s/[/x/'], b'a\nb\nx\ny\nz\n'),
 (['s/a\\{1/x/'], b'a\nb\nx\ny\nz\n'),
 (['y/a\\qb/xyz/'], b'a\nb\nx\ny\nz\n'),
 (['1,2q'], b'a\nb\nx\ny\nz\n'),
 (['1,2='], b'a\nb\nx\ny\nz\n'),
 (['dp'], b'a\nb\nx\ny\nz\n'),
 (['s/x/y/w'], b'a\nb\nx\ny\nz\n'),
 (['s/x/y/ p'], b'a\nb\nx\ny\nz\n'),
 (['s/x/y/mM'], b'a\nb\nx\ny\nz\n'),
 (['0,/x/p'], b'a\nb\nx\ny\nz\n'),
 (['0~1p'], b'a\nb\nx\ny\nz\n'),
 (['$!{$!N}'], b'a\nb\nx\ny\nz\n'),
 (['/x/I,/y/Mp'], b'a\nb\nx\ny\nz\n'),
 (['/x/X'], b'a\nb\nx\ny\nz\n'),
 (['y/abc/\\n\\t\\\\/'], b'a\nb\nx\ny\nz\n'),
 ([':a b;b a b'], b'a\nb\nx\ny\nz\n'),
 ([':a;:a'], b'a\nb\nx\ny\nz\n'),
 ([':a}'], b'a\nb\nx\ny\nz\n'),
 (['{:a}'], b'a\nb\nx\ny\nz\n'),
 (['{:a\n}'], b'a\nb\nx\ny\nz\n'),
 (['b};p'], b'a\nb\nx\ny\nz\n'),
 (['{b};p'], b'a\nb\nx\ny\nz\n'),
 (['{b }'], b'a\nb\nx\ny\nz\n'),
 (['b#x'], b'a\nb\nx\ny\nz\n'),
 ([': a#x\np'], b'a\nb\nx\ny\nz\n'),
 (['r x}'], b'a\nb\nx\ny\nz\n'),
 (['{p}'], b'a\nb\nx\ny\nz\n'),
 (['{p};p'], b'a\nb\nx\ny\nz\n'),
 (['{p}p'], b'a\nb\nx\ny\nz\n'),
 (['y/a/b/;p'], b'a\nb\nx\ny\nz\n'),
 (['y/a/b/p'], b'a\nb\nx\ny\nz\n'),
 (['s/a/b/;p'], b'a\nb\nx\ny\nz\n'),
 (['s/a/b/}'], b'a\nb\nx\ny\nz\n'),
 (['l;l'], b'a\nb\nx\ny\nz\n'),
 (['s a b '], b'a\nb\nx\ny\nz\n'),
 (['sa\\aab'], b'a\nb\nx\ny\nz\n'),
 (['y/a/\\n/'], b'a\nb\nx\ny\nz\n'),
 (['s//x/'], b'a\nb\nx\ny\nz\n'),
 (['s//x/I'], b'a\nb\nx\ny\nz\n'),
 (['0~0d'], b'a\nb\nx\ny\nz\n'),
 (['0,3d'], b'a\nb\nx\ny\nz\n'),
 (['0p'], b'a\nb\nx\ny\nz\n'),
 (['s/[[:foo:]]/x/'], b'a\nb\nx\ny\nz\n'),
 (['s/[:space:]/x/'], b'a\nb\nx\ny\nz\n'),
 (['s/a\\|*b/x/'], b'a\nb\nx\ny\nz\n'),
 (['L'], b'a\nb\nx\ny\nz\n'),
 (['l 2;l'], b'a\nb\nx\ny\nz\n'),
 (['s/x/\\c/'], b'a\nb\nx\ny\nz\n'),
 (['s/x/\\c\\d/'], b'a\nb\nx\ny\nz\n'),
 (['s/x/\\c\\\\/'], b'a\nb\nx\ny\nz\n'),
 (['\n\n'], b'a\nb\nx\ny\nz\n'),
 ([';;;'], b'a\nb\nx\ny\nz\n'),
 (['p;;p'], b'a\nb\nx\ny\nz\n'),
 (['  p  '], b'a\nb\nx\ny\nz\n'),
 (['/x/,/y/{/z/!p}'], b'a\nb\nx\ny\nz\n'),
 (['s/(/x/'], b'a\nb\nx\ny\nz\n'),
 (['-E', 's/(/x/'], b'a\nb\nx\ny\nz\n'),
 (['s/\\(/x/'], b'a\nb\nx\ny\nz\n'),
 (['s/a/b/w /nonexistent/x'], b'a\nb\nx\ny\nz\n'),
 (['w /nonexistent/x'], b'a\nb\nx\ny\nz\n'),
 (['#nfoo'], b'a\nb\nx\ny\nz\n'),
 (['y/a/bc/'], b'a\nb\nx\ny\nz\n'),
 (['!p'], b'a\nb\nx\ny\nz\n'),
 (['1,2!p'], b'a\nb\nx\ny\nz\n'),
 (['$!$p'], b'a\nb\nx\ny\nz\n'),
 (['s/./X/3p'], b'a\nb\nx\ny\nz\n'),
 (['s/a/b/e'], b'a\nb\nx\ny\nz\n'),
 (['e'], b'a\nb\nx\ny\nz\n'),
 (['F'], b'a\nb\nx\ny\nz\n'),
 (['z'], b'a\nb\nx\ny\nz\n'),
 (['H;$!d;x'], b'a\nb\nx\ny\nz\n'),
 (['$='], b'a\nb\nx\ny\nz\n'),
 (['n;n;p'], b'a\nb\nx\ny\nz\n'),
 (['2{h;d};${G}'], b'a\nb\nx\ny\nz\n'),
 (['s/[/]/X/'], b'a\nb\nx\ny\nz\n'),
 (['s/[a/]/X/g'], b'a\nb\nx\ny\nz\n'),
 (['s/[[:alpha:]/]/X/g'], b'a\nb\nx\ny\nz\n'),
 (['s/\\n/X/'], b'a\nb\nx\ny\nz\n'),
 (['s/[\\n]/X/'], b'a\nb\nx\ny\nz\n'),
 (['N;s/[\\n]/X/'], b'a\nb\nx\ny\nz\n'),
 (['N;s/\\n/X/'], b'a\nb\nx\ny\nz\n'),
 (['s/a\\nb/X/'], b'a\nb\nx\ny\nz\n'),
 (['N;/a$/Mp;d'], b'a\nb\nx\ny\nz\n'),
 (['N;s/^/>/Mg'], b'a\nb\nx\ny\nz\n'),
 (['N;s/$/</Mg'], b'a\nb\nx\ny\nz\n'),
 (['N;s/a.b/X/M'], b'a\nb\nx\ny\nz\n'),
 (['N;s/a.b/X/'], b'a\nb\nx\ny\nz\n'),
 (['-e', 'p', '-e', '{'], b'a'),
 (['-f', 'e.sed'], b'a'),
 (['-f', 'e2.sed'], b'a'),
 (['-e', 'p', '-f', 'e2.sed'], b'a'),
 (['-e', 's/a/b\\', '-e', 'c/'], b'a'),
 (['-f', 'nofile'], b'a'),
 (['--posix', 'a x'], b'a\n'),
 (['--posix', 's/a/b/I'], b'a\n'),
 (['--posix', '0,/a/p'], b'a\n'),
 (['--posix', '1,2a\\\nx'], b'a\n'),
 (['--posix', 'F'], b'a\n'),
 (['--sandbox', 'r x'], b'a'),
 (['--sandbox', 's/a/b/w x'], b'a'),
 (['--sandbox', 'e ls'], b'a'),
 (['--sandbox', 's/a/b/e'], b'a'),
 (['-n'], b'a'),
 ([], b'a'),
 (['--bogus'], b'a'),
 (['-k'], b'a'),
 (['-i'], b'a'),
 (['-i', 'p'], b'a'),
 (['-E', '-e', 's/a+/x/'], b'aa\n'),
 (['-e', 's/a+/x/', '-E'], b'aa\n'),
 (['-s', '#n'], b'a\n'),
 (['#n\np'], b'a\n'),
 ([' #n\np'], b'a\n'),
 (['-e', '#n', '-e', 'p'], b'a\n'),
 (['-l', '5x', 'l'], b'aaaaaaaaaaaa\n'),
 (['--posix', '-E', 's/a+/b/'], b'aaa\n'),
 (['--expression=p', '--quiet'], b'a\n'),
 (['--regexp-extended', '--silent', 's/(a)/\\1\\1/p'], b'a\n'),
 (['--line-length', '4', 'l'], b'abcdefgh\n'),
 (['-u', 'p'], b'a\nb\n'),
 (['--null-data', 'p'], b'a\x00b'),
 (['--separate', '$p', 'f3', 'f2'], b''),
 (['-b', 'p'], b'a\n'),
 (['--binary', 'p'], b'a\n'),
 (['--posix', 's/a/\\t/'], b'a\n'),
 (['--posix', 's/a/\\U&/'], b'a\n')]


@needs_gnu
@pytest.mark.parametrize("args, stdin", CASES, ids=[" ".join(a)[:40] for a, _ in CASES])
def test_same_as_gnu(inproc, files, args, stdin):
    assert run_ours(inproc, args, stdin, files) == run_gnu(args, stdin, files)


_DENSE = b"".join((b"aa%d the x\n" if i % 3 else b"ab%d\n") % i for i in range(30000)) + b"aa last"


@needs_gnu
@pytest.mark.parametrize("args", [["-n", "/a/p"], ["/a/d"], ["-n", "/\\(a\\)\\1/p"], ["/\\(a\\)\\1/d"],
                                  ["-n", "/x$/p"], ["-n", "/LAST/Ip"], ["-n", "/^ab/!p"], ["-E", "/(a|b)b/d"]])
def test_dense_filters_same_as_gnu(inproc, files, args):
    """-n /re/p and /re/d over chunks where most lines match (the
    whole-line pattern path), with groups, and a last line without newline."""
    assert run_ours(inproc, args, _DENSE, files) == run_gnu(args, _DENSE, files)


# -- generated scripts ---------------------------------------------------------

_RES = ["a", "b", "^a", "b$", "a*", "[ab]", ".", "x\\|y", "\\(a\\)\\(b*\\)", "^$", "ab*c"]
_line = st.text(alphabet="abcxy ", max_size=6)
_input = st.builds(lambda ls, nl: ("\n".join(ls) + ("\n" if nl else "")).encode(),
                   st.lists(_line, min_size=0, max_size=6), st.booleans())


@st.composite
def _address(draw):
    kind = draw(st.sampled_from(["", "", "n", "$", "re", "n,n", "re,re", "n,+n", "step", "re,n", "0,re", "n,~n"]))
    n1 = draw(st.integers(1, 5))
    n2 = draw(st.integers(1, 5))
    r1 = draw(st.sampled_from(_RES))
    r2 = draw(st.sampled_from(_RES))
    a = {"": "", "n": "%d" % n1, "$": "$", "re": "/%s/" % r1, "n,n": "%d,%d" % (n1, n2),
         "re,re": "/%s/,/%s/" % (r1, r2), "n,+n": "%d,+%d" % (n1, n2), "step": "%d~%d" % (n1 - 1, n2),
         "re,n": "/%s/,%d" % (r1, n2), "0,re": "0,/%s/" % r1, "n,~n": "%d,~%d" % (n1, n2)}[kind]
    if a and draw(st.booleans()) and draw(st.booleans()):
        a += "!"
    return a


@st.composite
def _command(draw, labels):
    c = draw(st.sampled_from(["s", "s", "d", "p", "n", "N", "D", "P", "G", "H", "x", "g", "h", "y", "=", "l",
                              "b", "t", "T", "block", "q", "z"]))
    if c == "s":
        flags = draw(st.sampled_from(["", "g", "2", "p", "gp", "I", "3g"]))
        rep = draw(st.sampled_from(["X", "&&", "\\1", "", "<&>", "\\n", "\\u&", "\\U&\\E."]))
        r = draw(st.sampled_from(_RES))
        if "\\1" in rep and "\\(" not in r:
            rep = "X"
        return "s/%s/%s/%s" % (r, rep, flags)
    if c == "y":
        return "y/abc/bca/"
    if c in ("b", "t", "T"):
        if labels and draw(st.booleans()):
            return c + " " + draw(st.sampled_from(labels))
        return c
    if c == "block":
        return "{p;%s}" % draw(st.sampled_from(["x", "d", "s/a/A/", "N", "h"]))
    if c == "q":
        return draw(st.sampled_from(["q", "q3", "Q", "Q2"]))
    return c


@st.composite
def _script(draw):
    n = draw(st.integers(1, 5))
    labels = ["L%d" % k for k in range(draw(st.integers(0, 2)))]
    parts = []
    for k in range(n):
        parts.append(draw(_address()) + draw(_command(labels)))
    # labels only after every command: jumps go forward, so nothing loops
    for lab in labels:
        parts.append(":" + lab)
        if draw(st.booleans()):
            parts.append(draw(_address()) + draw(_command([])))
    return ";".join(parts) if draw(st.booleans()) else "\n".join(parts)


@needs_gnu
@settings(max_examples=80)
@given(script=_script(), data=_input, nflag=st.booleans(), ere=st.booleans())
def test_generated_scripts(inproc, files, script, data, nflag, ere):
    if ere:
        script = script.replace("\\(", "(").replace("\\)", ")").replace("\\|", "|")
    args = (["-n"] if nflag else []) + (["-E"] if ere else []) + [script]
    try:
        expected = run_gnu(args, data, files, timeout=5)
    except subprocess.TimeoutExpired:
        assume(False)
    assert run_ours(inproc, args, data, files) == expected, args


@needs_gnu
@settings(max_examples=60)
@given(script=_script(), a=_input, b=_input, sep=st.booleans())
def test_generated_scripts_two_files(inproc, tmp_path, script, a, b, sep):
    (tmp_path / "A").write_bytes(a)
    (tmp_path / "B").write_bytes(b)
    args = (["-s"] if sep else []) + [script, "A", "B"]
    try:
        expected = run_gnu(args, b"", str(tmp_path), timeout=5)
    except subprocess.TimeoutExpired:
        assume(False)
    assert run_ours(inproc, args, b"", str(tmp_path)) == expected, args


@needs_gnu
@settings(max_examples=60)
@given(data=st.binary(max_size=40), script=st.sampled_from(
    ["p", "s/a/b/g", "-n /a/p", "/\\x00/d", "l", "$d", "s/[^a]/./g", "y/\\x00a/a\\x00/", "-z s/a/b/", "-z $!d",
     "s/./X/2", "N;P;D", "G", "s/\\(.\\)\\(.\\)/\\2\\1/", "s/$/E/", "/a/!d"]))
def test_binary_data(inproc, files, data, script):
    args = script.split(" ") if script.startswith("-") else [script]
    assert run_ours(inproc, args, data, files) == run_gnu(args, data, files)


@needs_gnu
@settings(max_examples=40)
@given(data=st.binary(max_size=60), script=st.sampled_from(
    ["s/./X/g", "s/[é]/E/g", "y/é/e/", "s/\\w/W/g", "l", "s/.*/\\U&/", "s/a/\\u&/g", "-n /é/p", "s/é*/-/g"]))
def test_utf8_locale(inproc, files, data, script):
    env = {"LC_ALL": "C.UTF-8"}
    args = script.split(" ") if script.startswith("-") else [script]
    old = os.getcwd()
    os.chdir(files)
    try:
        r = inproc("sed", *args, stdin=data, env=env)
    finally:
        os.chdir(old)
    p = subprocess.run(["sed"] + args, executable=GNU, input=data, capture_output=True,
                       env=child_env(env), cwd=files, timeout=10)
    assert (r.out, r.err, r.status) == (p.stdout, p.stderr, p.returncode)


@needs_gnu
@pytest.mark.parametrize("data", [b"\xc3", b"a\xc3b\xc3\xa9\xc3", b"\xe2\x82\xc3\xa9\xe2", b"\xa9\xc3\n\xc3"])
def test_utf8_y_lone_lead_bytes(inproc, files, data):
    """GNU's y compares an invalid or truncated byte over one byte."""
    env = {"LC_ALL": "C.UTF-8"}
    for script in ("y/\xc3\xa9/e/", "y/a\xc3\xa9\xe2\x82\xac/\xe2\x82\xacxy/"):
        script = script.encode("latin-1").decode("utf-8", "surrogateescape")
        old = os.getcwd()
        os.chdir(files)
        try:
            r = inproc("sed", script, stdin=data, env=env)
        finally:
            os.chdir(old)
        p = subprocess.run(["sed", script], executable=GNU, input=data, capture_output=True,
                           env=child_env(env), cwd=files, timeout=10)
        assert (r.out, r.err, r.status) == (p.stdout, p.stderr, p.returncode)
