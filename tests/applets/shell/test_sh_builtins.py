"""sh: builtins, special-builtin semantics, traps, applets run in-process."""
import os
import sys

import pytest

from _shtest import in_tmp_dir  # noqa: F401 (autouse)
from _shtest import same

CASES = [
    ("set -- a b c; shift; echo $@; shift 2; echo $#", b"b c\n0\n", 0),
    ("eval 'x=1; echo $x'; eval \"echo \\$x\"", b"1\n1\n", 0),
    ("eval \"f() { echo eval-func; }\"; f", b"eval-func\n", 0),
    ("x=1; f() { x=2; }; f; echo $x", b"2\n", 0),
    ("x=1; unset x; echo ${x-gone}", b"gone\n", 0),
    ("export FOO=bar; sh -c 'echo $FOO'; BAR=baz sh -c 'echo $BAR'; echo \"[$BAR]\"", b"bar\nbaz\n[]\n", 0),
    ("FOO=1; export FOO; export -p | grep '^export FOO='", b"export FOO='1'\n", 0),
    ("readonly R=1; readonly -p | grep R=", b"readonly R='1'\n", 0),
    ("trap 'echo bye' EXIT; echo hi", b"hi\nbye\n", 0),
    ("trap 'echo t1' EXIT; trap; trap - EXIT; trap", b"trap -- 'echo t1' EXIT\n", 0),
    ("trap 'echo got' USR1; kill -USR1 $$; echo after", b"got\nafter\n", 0),
    ("trap 'echo caught; exit 9' TERM; kill -TERM $$; echo notreached", b"caught\n", 9),
    ("trap '' INT; sh -c 'kill -INT $$; echo survived'", b"survived\n", 0),
    ("sh -c 'kill -9 $$'; echo $?", b"137\n", 0),
    ("(trap 'echo sub-exit' EXIT; echo in); echo out", b"in\nsub-exit\nout\n", 0),
    ("read a b <<EOF\none two three\nEOF\necho \"$a|$b\"", b"one|two three\n", 0),
    ("IFS=, read a b c <<EOF\n1,2,3,4\nEOF\necho \"$a $b $c\"", b"1 2 3,4\n", 0),
    ("read -r x <<'EOF'\na\\b\nEOF\necho \"$x\"; read y <<'EOF'\na\\b\nEOF\necho \"$y\"", b"a\\b\nab\n", 0),
    ("printf 'abc' | { read -n 2 x; echo $x; }", b"ab\n", 0),
    ("printf 'a:b' | { read -d : x; echo $x; }", b"a\n", 0),
    ("read x </dev/null; echo $? \"[$x]\"", b"1 []\n", 0),
    ("sleep 5 | { read -t 0.1 x; echo $?; }", b"1\n", 0),
    ("exec 3<<EOF\nfd3\nEOF\nread -u 3 x; echo $x", b"fd3\n", 0),
    ("getopts ab: o -a; echo $o $OPTIND; OPTIND=1; while getopts ab: o -a -b val x; do echo \"$o $OPTARG\"; done; echo $OPTIND",
     b"a 2\na \nb val\n4\n", 0),
    ("let x=3*4 'y=x+1'; echo $x $y; let 0; echo $?", b"12 13\n1\n", 0),
    ("command echo hi; command -v cd; command -v nosuchthing; echo $?", b"hi\ncd\n127\n", 0),
    ("type : cd if | sed 's/ *$//'", b": is a special shell builtin\ncd is a shell builtin\nif is a shell keyword\n", 0),
    ("umask 022; umask; umask 077; umask; umask -S", b"0022\n0077\nu=rwx,g=,o=\n", 0),
    ("cd /; pwd; cd /tmp; cd - ; pwd; cd /nonexistent; echo $?", b"/\n/\n/\n2\n", 0),
    ("times | wc -l", b"2\n", 0),
    ("ulimit -n 100; ulimit -n", b"100\n", 0),
    ("set -- x; set -e -u; echo $-; set +eu; echo $-", b"eu\n\n", 0),
    ("set -o | grep -E '^(errexit|pipefail) '", b"errexit         off\npipefail        off\n", 0),
    ("set -o pipefail; set +o | grep pipefail", b"set -o pipefail\n", 0),
    ("echo 'echo sourced $1' > s1; . ./s1 arg; source ./s1 two", b"sourced arg\nsourced two\n", 0),
    ("echo 'return 4; echo no' > s2; . ./s2; echo $?", b"4\n", 0),
    ("set -e; false || true; if false; then :; fi; ! true; x=$(true); echo reached", b"reached\n", 0),
    ("set -e; f() { false; echo inside; }; f; echo after", b"", 1),
    ("set -e; false; echo notreached", b"", 1),
    ("(set -e; false; echo no); echo $?", b"1\n", 0),
    ("x=5; readonly x; x=6; echo notreached", b"", 2),
    ("hash -r; hash; true", b"", 0),
    ("exec sh -c 'echo replaced'; echo no", b"replaced\n", 0),
    ("wait; sleep 0 & sleep 0 & wait; echo $?", b"0\n", 0),
    ("kill -0 $$ && echo alive", b"alive\n", 0),
    ("true; echo $?; false; echo $?; :; echo $?", b"0\n1\n0\n", 0),
    ("test 1 -eq 1 && [ a = a ] && [ ! -e /nonexist ] && echo ok", b"ok\n", 0),
    ("printf '%s-%d\\n' a 1 b 2; echo -n x; echo -e 'y\\tz'", b"a-1\nb-2\nxy\tz\n", 0),
    ("f() { local a=1 b; b=2; echo $a$b; }; a=x; b=y; f; echo $a$b", b"12\nxy\n", 0),
    ("alias ll='echo hi'\nll there; alias\nalias e='echo ' w=world\ne w; unalias ll; alias ll; echo $?",
     b"hi there\nll='echo hi'\nworld\n1\n", 0),
    ("alias r='if true; then echo r; fi'\nr; alias x=x\nx 2>/dev/null; echo $?", b"r\n127\n", 0),
    ("echo --help; echo --version x", b"--help\n--version x\n", 0),
    ("command -p sh -c 'echo $1' sh arg", b"arg\n", 0),
    ("umask 022; umask g-r,o=; umask; umask u=rwx,g=rx,o=rx; umask; umask zz; echo $?", b"0067\n0022\n2\n", 0),
    ("HOME=/h; P=~/bin:~/x:a~b:~; echo $P; Q=x:~root; echo $Q", b"/h/bin:/h/x:a~b:/h\nx:/root\n", 0),
    ("printf '%s\\n' $(seq 1 100000) | head -1; echo \"st=$?\"; set -o pipefail; "
     "printf '%s\\n' $(seq 1 100000) | head -1; echo \"st=$?\"", b"1\nst=0\n1\nst=141\n", 0),
]


@pytest.mark.parametrize("script,out,status", CASES)
def test_builtin(run, tmp_path, script, out, status):
    r = run("sh", "-c", script, cwd=str(tmp_path))
    assert (r.out, r.status) == (out, status), r


@pytest.mark.parametrize("script", [
    "shift 5; echo notreached",
    "x=5; readonly x; x=6; echo notreached",
    "cd /nonexistent; echo $?",
    ". /nonexistent/file; echo after",
    "local x; echo $?",
    "unset -f nosuch; echo $?",
    "break; echo after-break",
])
def test_same_as_dash(run, script):
    same(run, script)


def test_applets_in_process_and_in_pipelines(run, bindir):
    # with pybox's links first on PATH, cat/wc/sort are applets run in
    # forked children; echo/printf/basename run in the shell's process
    env = {"PATH": bindir + ":" + os.environ.get("PATH", "/usr/bin:/bin")}
    r = run("sh", "-c", "echo x | cat | wc -l; basename /a/b.c .c; for i in 3 1 2; do echo $i; done | sort",
            env=env)
    assert (r.out, r.err, r.status) == (b"1\nb\n1\n2\n3\n", b"", 0)
    # a safe applet keeps the shell's pid: it does not fork
    r = run("sh", "-c", "printf '%s' $$ > pidfile; basename x; cat pidfile", env=env)
    assert r.out.startswith(b"x\n")


def test_standalone_mode(run):
    pydir = os.path.dirname(sys.executable)  # no rev there: only the launcher's python3
    r = run("sh", "-c", "echo abc | rev", env={"PYBOX_STANDALONE": "1", "PATH": pydir})
    assert (r.out, r.status) == (b"cba\n", 0)
    r = run("sh", "-c", "PATH=/nonexistent; rev </dev/null; echo $?", env={"PATH": pydir})
    assert r.out == b"0\n"  # PATH finds nothing: the applet runs


@pytest.mark.parametrize("script", [
    "trap 'echo x' 29 34 io sigint 0; trap 'echo q' 64; trap '' TERM; trap; trap - 34; trap",
    "trap 'echo a' iot SIGUSR2 sigchld; trap",
])
def test_trap_signal_names_as_busybox(run, script):
    """trap names signals from multicall.signals: classic ones by name
    (29 is POLL, aliases taken), real-time ones by number, as BusyBox ash."""
    from _shtest import ash
    same(run, script, ref=ash)


def test_dash_i_forces_interactive_mode(run):
    """-i: the interactive loop even when standard input is not a
    terminal (prompts on stderr, PS2 for a continued command, $ENV read),
    and `i` in $-, as dash does."""
    env = {"PS1": "P> ", "PS2": "C> ", "ENV": "envfile"}
    with open("envfile", "wb") as f:
        f.write(b"echo from-env\n")
    r = run("sh", "-i", stdin=b"echo $-\nnosuch-command-x\nif true\nthen echo yes; fi\n", env=env)
    assert r.out == b"from-env\ni\nyes\n" and r.status == 0
    assert r.err == b"P> P> sh: 2: nosuch-command-x: not found\nP> C> P> "
    r = run("sh", "-ic", "echo $-; exit 3", env=env)
    assert (r.out, r.status) == (b"i\n", 3)
