"""sh: the POSIX grammar: lists, pipelines, compound commands, functions."""
import pytest

from _shtest import in_tmp_dir  # noqa: F401 (autouse)
from _shtest import same

CASES = [
    ("echo a; echo b", b"a\nb\n", 0),
    ("false; echo $?; ! true; echo $?; ! false; echo $?", b"1\n1\n0\n", 0),
    ("true && echo and; false || echo or; false && echo no; echo $?", b"and\nor\n1\n", 0),
    ("false || false && echo x; echo $?", b"1\n", 0),
    ("echo a | tr a b | tr b c", b"c\n", 0),
    ("! echo x | grep -q y; echo $?", b"0\n", 0),
    ("(echo sub; exit 4); echo $?", b"sub\n4\n", 0),
    ("x=1; (x=2); echo $x; { x=3; }; echo $x", b"1\n3\n", 0),
    ("if false; then echo 1; elif true; then echo 2; else echo 3; fi", b"2\n", 0),
    ("if false; then echo 1; fi; echo $?", b"0\n", 0),
    ("i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo $i; done", b"1\n2\n3\n", 0),
    ("i=3; until [ $i -eq 0 ]; do i=$((i-1)); done; echo $i", b"0\n", 0),
    ("for i in a b c; do echo $i; done", b"a\nb\nc\n", 0),
    ("set -- p 'q r'; for i; do echo \"[$i]\"; done", b"[p]\n[q r]\n", 0),
    ("for i in 1 2 3; do for j in a b; do [ $j = b ] && continue 2; echo $i$j; done; done",
     b"1a\n2a\n3a\n", 0),
    ("for i in 1 2 3; do for j in a b; do [ $i = 2 ] && break 2; echo $i$j; done; done",
     b"1a\n1b\n", 0),
    ("case abc in a?c) echo one;; *) echo two;; esac", b"one\n", 0),
    ("case x in y|x) echo yx;; esac; case '' in '') echo empty;; esac", b"yx\nempty\n", 0),
    ("case a in (a) echo a;& b) echo b;; c) echo c;; esac", b"a\nb\n", 0),
    ("case '*' in '*') echo lit;; esac; x='a*'; case abc in $x) echo glob;; esac", b"lit\nglob\n", 0),
    ("case abc in \"a*\") echo no;; *) echo quoted;; esac", b"quoted\n", 0),
    ("f() { echo \"$# $1\"; return 3; }; f a b; echo $?", b"2 a\n3\n", 0),
    ("f() ( echo sub $1 ); f x", b"sub x\n", 0),
    ("f() { local x=in; echo $x; }; x=out; f; echo $x", b"in\nout\n", 0),
    ("f() { echo $1; shift; [ $# -gt 0 ] && f \"$@\"; }; f a b c", b"a\nb\nc\n", 1),
    ("f() { while :; do return 5; done; }; f; echo $?", b"5\n", 0),
    ("echo a # comment\necho '#' \"#\" a#b", b"a\n# # a#b\n", 0),
    ("echo a\\\nb", b"ab\n", 0),
    ("{ echo a; echo b; } | while read l; do echo \"<$l>\"; done", b"<a>\n<b>\n", 0),
    ("sleep 0 & wait $!; echo $?", b"0\n", 0),
    ("if true; then echo in; fi >/dev/null; echo out", b"out\n", 0),
    ("for i in 1 2; do echo $i; done | tr -d '\\n'; echo", b"12\n", 0),
    ("echo start; exit 3; echo no", b"start\n", 3),
    ("false; exit", b"", 1),
    ("exit 300", b"", 44),
    ("x=abc; [[ $x == a* ]] && echo glob; [[ $x == \"a*\" ]] || echo quoted; [[ -n $x && $x != b ]] && echo and",
     b"glob\nquoted\nand\n", 0),
    ("y='a b'; [[ $y == 'a b' ]] && echo nosplit; [[ b > a && ! -e /nonexist ]] && echo gt; [[ ( a == b ) || 3 -lt 10 ]]",
     b"nosplit\ngt\n", 0),
    ("[[ -z $unset ]]; echo $?; [[ x ]]; echo $?; [[ '' ]]; echo $?", b"0\n0\n1\n", 0),
    ("set -- 'a b' c; for i in ${1+\"$@\"}; do echo \"[$i]\"; done; set --; for i in ${1+\"$@\"}; do echo no; done",
     b"[a b]\n[c]\n", 0),
    ("f() { cat <<EOF\nin func $1\nEOF\n}; f arg", b"in func arg\n", 0),
    ("(sleep 0.2; echo late) & echo early; wait; echo done", b"early\nlate\ndone\n", 0),
    ("sleep 10 & kill $!; wait $! 2>/dev/null; echo $?", b"143\n", 0),
    ("set -e; trap 'echo exittrap $?' EXIT; false", b"exittrap 1\n", 1),
]


@pytest.mark.parametrize("script,out,status", CASES)
def test_grammar(run, script, out, status):
    r = run("sh", "-c", script)
    assert (r.out, r.status) == (out, status), r
    assert r.err == b""


@pytest.mark.parametrize("script", [
    "if true; then echo x; fi; while false; do :; done; echo $?",
    "for i in 1 2; do case $i in 1) echo one;; *) echo other;; esac; done",
    "x=$(for i in a b; do echo $i; done); echo $x",
    "f() { g() { echo inner; }; }; f; g",
    "set -- a b c; while [ $# -gt 0 ]; do echo $1; shift; done",
    "if test \"${x+set}\" = set; then echo set; else echo unset; fi",
    "ac_cv=yes; eval \"val=\\$ac_cv\"; echo $val; eval \"ac_$ac_cv=1\"; echo $ac_yes",
    "exec 6>&1; exec 1>/dev/null; echo hidden; exec 1>&6 6>&-; echo shown",
    "x='foo bar'; case $x in *' '*) echo has-space;; esac",
    "echo foo | if grep -q foo; then echo matched; fi",
    "{ read a; read b; } <<EOF\n1\n2\nEOF\necho $a$b",
    "echo \"`echo \\\"nested dq\\\"`\"",
    "(echo ${x?boom}; echo after); echo st=$?; echo ${y?two} | cat; echo st=$?",
    "for i in ${z?three}; do :; done; echo not",
    "f() { echo \"$@\" >&2; }; f warn 2>&1 | cat",
])
def test_same_as_dash(run, script):
    same(run, script)


def test_deep_recursion(run):
    r = run("sh", "-c", "f() { if [ $1 -gt 0 ]; then f $(($1-1)); else echo bottom; fi; }; f 5000",
            timeout=120)
    assert (r.out, r.err, r.status) == (b"bottom\n", b"", 0)


def test_script_file_and_args(run, tmp_path):
    f = tmp_path / "s.sh"
    f.write_bytes(b"echo $0 $# $1\nexit 4\n")
    r = run("sh", str(f), "A", "B")
    assert (r.out, r.status) == (("%s 2 A\n" % f).encode(), 4)


def test_script_from_stdin(run):
    r = run("sh", stdin=b"echo one\necho $#\n")
    assert (r.out, r.status) == (b"one\n0\n", 0)
    r = run("sh", "-s", "x", "y", stdin=b"echo $# $2\n")
    assert r.out == b"2 y\n"


def test_c_name_and_args(run):
    r = run("sh", "-c", 'echo $0 $1 "$@"', "NAME", "a", "b")
    assert r.out == b"NAME a a b\n"


def test_ash_alias_and_help(run):
    r = run("ash", "-c", "echo via ash")
    assert r.out == b"via ash\n"
    r = run("sh", "--help")
    assert r.status == 0 and b"Usage: sh" in r.out


def test_options_on_command_line(run):
    r = run("sh", "-e", "-c", "false; echo no")
    assert (r.out, r.status) == (b"", 1)
    r = run("sh", "-u", "-c", "echo $nope")
    assert r.status == 2 and r.err == b"sh: 1: nope: parameter not set\n"
    r = run("sh", "-x", "-c", "echo a")
    assert r.err == b"+ echo a\n"
    r = run("sh", "-n", "-c", "echo a")
    assert (r.out, r.status) == (b"", 0)
    r = run("sh", "-o", "pipefail", "-c", "false | true; echo $?")
    assert r.out == b"1\n"
    r = run("sh", "-f", "-c", "echo /*")
    assert r.out == b"/*\n"
    r = run("sh", "-Q", "-c", "true")
    assert r.status == 2 and r.err == b"sh: Illegal option -Q\n"


def test_interactive_terminal(bindir):
    """On a terminal the shell prompts, reads continuation lines, and a
    syntax error does not end it."""
    import os
    import pty
    import select
    import time
    pid, fd = pty.fork()
    if pid == 0:  # the child: the shell on the terminal
        os.environ["PS1"] = "$ "
        os.environ["PS2"] = "> "
        os.execv(os.path.join(bindir, "sh"), ["sh"])
    script = b"echo hi\nif true; then\necho inner\nfi\necho a \\\nb\nfi\necho st=$?\nexit 3\n"
    os.write(fd, script)
    out = b""
    deadline = time.time() + 60
    while time.time() < deadline:
        r, _, _ = select.select([fd], [], [], 1)
        if r:
            try:
                data = os.read(fd, 4096)
            except OSError:
                break
            if not data:
                break
            out += data
    _, st = os.waitpid(pid, 0)
    os.close(fd)
    out = out.replace(b"\r\n", b"\n")
    assert os.waitstatus_to_exitcode(st) == 3
    assert b"$ hi\n" in out and b"inner\n" in out and b"a b\n" in out
    assert b'sh: 7: Syntax error: "fi" unexpected\n' in out and b"st=2\n" in out
