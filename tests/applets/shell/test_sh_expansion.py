"""sh: word expansion: parameters, command substitution, arithmetic, field
splitting, globbing, quoting; and the ash extensions."""
import os

import pytest

from _shtest import in_tmp_dir  # noqa: F401 (autouse)
from _shtest import ash, same

CASES = [
    ('x="a b  c"; set -- $x; echo $#; echo "$@"', b"3\na b c\n"),
    ("set -- a 'b c' d; f() { echo $#; }; f \"$@\"; f $*; f \"$*\"", b"3\n4\n1\n"),
    ("set --; f() { echo $#; }; f \"$@\"; f \"$*\"; f ''", b"0\n1\n1\n"),
    ("IFS=:; x=a::b:; set -- $x; echo $#", b"3\n"),
    ('IFS=" :"; x=" a : b "; set -- $x; echo $#', b"2\n"),
    ("IFS=; x='a b'; set -- $x; echo $#", b"1\n"),
    ("set -- 1 2 3; IFS=-; echo \"$*\"", b"1-2-3\n"),
    ("x=hello.tar.gz; echo ${x%.*} ${x%%.*} ${x#*.} ${x##*.} ${#x}",
     b"hello.tar hello tar.gz gz 12\n"),
    ("x=abc; echo ${x#'a'} ${x%\"c\"} ${x#\"*\"}", b"bc ab abc\n"),
    ("unset y; echo ${y-unset} ${y:-empty}; y=; echo ${y-unset} ${y:-empty} ${y+set} ${y:+nonempty}.",
     b"unset empty\nempty set .\n"),
    ("echo ${z:=dflt} $z", b"dflt dflt\n"),
    ("echo ${x:-\"a b\"}; set -- ${x:-\"a b\"}; echo $#; set -- ${x:-a b}; echo $#", b"a b\n1\n2\n"),
    ("v=abc; echo \"${v}def\" \"$v\"'lit' \\$v \"\\$v\" '$v'", b"abcdef abclit $v $v $v\n"),
    ("set -- 1 2 3 4 5 6 7 8 9 10 11; echo ${10} $10 ${11} $#", b"10 10 11 11\n"),
    ("echo $(echo $(echo nest)) `echo a \\`echo b\\``", b"nest a b\n"),
    ('echo "$(echo "in "quotes"")"', b"in quotes\n"),
    ("x=$(printf 'a\\n\\n\\n'); echo \"[$x]\"", b"[a]\n"),
    ("echo $( echo ')' ) \"$( echo 'a)b' )\"", b") a)b\n"),
    ("x=$(case a in a) echo ca;; esac); echo $x", b"ca\n"),
    ("x=$(cat <<EOF\ninside\nEOF\n); echo \"$x\"", b"inside\n"),
    ("x=$(exit 5); echo $?", b"5\n"),
    ("echo $(( (1+2)*3 )) $((1<2)) $((5>3 && 2>3)) $((0 || 7)) $((~5)) $((!0)) $((1?2:3))",
     b"9 1 0 1 -6 1 2\n"),
    ("i=5; echo $((i++)) $i $((++i)) $((i+=10)) $((i<<2)) $((0x1f)) $((010))", b"5 6 7 17 68 31 8\n"),
    ("echo $((9223372036854775807 + 1)) $(( -7 / 2 )) $(( -7 % 2 )) $((x=5, x*2))",
     b"-9223372036854775808 -3 -1 10\n"),
    ("a=3; b=4; echo $(( a * b + a )) $(( a == 3 )) $(( (5 & 3) | 8 ^ 1 ))", b"15 1 9\n"),
    ("unset x; echo $((x + 1)); x=' 7 '; echo $((x * 2))", b"1\n14\n"),
    ("x='*'; echo \"$x\"; set -f; echo $x", b"*\n*\n"),
    ("echo {a,b} \"{a}\" a{b", b"{a,b} {a} a{b\n"),
    ("x='a\nb'; echo $x; echo \"$x\"", b"a b\na\nb\n"),
    ("echo \"\\a \\\\ \\$ \\` \\\"\"", b"\\a \\ $ ` \"\n"),
    ("echo 'single'\\''quote'", b"single'quote\n"),
    ("echo $# ${#} $$ | tr -c ' \\n' 9 | tr -s 9", b"9 9 9\n"),
    ("x=abcabc; echo ${x/b/X} ${x//b/X} ${x/#a/X} ${x/%c/X} ${x:1:2} ${x:3} ${x: -2}",
     b"aXcabc aXcaXc Xbcabc abcabX bc abc bc\n"),
    ("echo $'a\\tb' | od -An -c", b"   a  \\t   b  \\n\n"),
    ("f() { echo $LINENO; }\n\nf", b"1\n"),
    ("echo $PPID | grep -c '^[0-9][0-9]*$'; r=$RANDOM; [ $r -ge 0 ] && [ $r -le 32767 ] && echo ok",
     b"1\nok\n"),
]


@pytest.mark.parametrize("script,out", CASES)
def test_expansion(run, script, out):
    r = run("sh", "-c", script)
    assert (r.out, r.err, r.status) == (out, b"", 0)


def test_tilde(run):
    r = run("sh", "-c", "echo ~ ~/x ~root; x=~/y; echo $x; echo '~' \"~\"", env={"HOME": "/home/u"})
    assert r.out == b"/home/u /home/u/x /root\n/home/u/y\n~ ~\n"


def test_glob(run, tmp_path):
    for n in (b"b", b"a", b"c", b".h", b"B", b"\xff"):
        (tmp_path / os.fsdecode(n)).write_bytes(b"")
    os.mkdir(tmp_path / "d")
    (tmp_path / "d" / "x1").write_bytes(b"")
    r = run("sh", "-c", "echo *; echo .*; echo [ab] [!a-b]; echo z* ; echo */x?; echo '*' \"*\"",
            cwd=str(tmp_path))
    assert r.out == b"B a b c d \xff\n. .. .h\na b B c d \xff\nz*\nd/x1\n* *\n"


@pytest.mark.parametrize("script", [
    "x=abc; case $x in a*) echo y;; esac; y='a b'; set -- $y; echo $#",
    "set -- 'a b' c; for i in \"$@\"; do echo \"[$i]\"; done; echo \"$*\"",
    "IFS=,; x='1,2,,3'; set -- $x; echo $#; echo \"$2\"",
    "echo ${#v} ${v:-d} ${v:+e}; v=ab; echo ${#v} ${v:-d} ${v:+e}",
    "echo $(( 0x10 + 010 + 10 )) $(( -3 / 2 )) $(( 7 % -3 )) $(( 1 << 63 ))",
    "x=010; echo $((x))",
    "echo ${x:?}",
    "echo ${x?custom message}; echo no",
    "y=abc; echo $((y))",
    'echo "${x:-$(echo "sub word")}" "${x:-"q}"}" ${x:-\\}}',
    "x=$(echo a; echo b >&2) 2>/dev/null; echo \"$x\"",
    "echo $((1 2)) ",
    "x=`printf '%s' \"a\\`b\"`; echo \"$x\"",
    "echo $(( 1 / 0 )); echo after",
])
def test_same_as_dash(run, script):
    same(run, script)


@pytest.mark.parametrize("script", [
    "x=abcabc; echo ${x/b/X} ${x//b/X} ${x:1:2} ${x:3}",
    "echo $'a\\tb\\x41\\101'",
    "x=hello; echo ${x:1} ${x: -3:2} ${x:0:0}.",
])
def test_same_as_ash(run, script):
    same(run, script, ref=ash)


def test_binary_safe(run):
    r = run("sh", "-c", b'x=$(printf "\\377\\376"); y="$x-\xfe"; printf "%s" "$y" "$1"', "sh",
            b"\x80arg")
    assert r.out == b"\xff\xfe-\xfe\x80arg"
