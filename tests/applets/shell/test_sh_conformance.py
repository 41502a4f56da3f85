"""sh: conformance fixes found by running the public POSIX shell suites
(bin/shell-suites, docs/shell-suites.md).  Each case is written anew here
and checked against dash (and BusyBox ash where the two agree); the suites'
own files stay outside the repository."""
import os

import pytest

from _shtest import in_tmp_dir  # noqa: F401 (autouse)
from _shtest import ash, dash, same

# Scripts whose stdout, stderr and status match dash exactly.
SAME_AS_DASH = [
    # a here-document delimiter is the word's text after quote removal:
    # $ and ${...} in it are not expanded, and the body still is
    'a=X; cat <<${a}\nbody $a\n${a}\necho after',
    "cat <<'$x'\"y\"\nplain $HOME\n$xy\n",
    # line continuations inside a delimiter word
    "cat <<E\\\nND\nfoo\nEND\n",
    # "$@" joined in a string context uses the first byte of IFS
    'IFS=:; set -- x "y z"; s="$@"; echo "$s"; s=$@; echo "$s"',
    'set -- a b; IFS=; s="$@"; echo "[$s]"; unset IFS; s="$@"; echo "[$s]"',
    # ...and so does the word of ${v=word}, which is then split
    'set -- "1 2" "3 4"; printf "<%s>" X${u=x"$@"x}X; echo; echo "[$u]"',
    'set -- "1 2" "3 4"; printf "<%s>" "X${w=x"$@"x}X"; echo',
    # a letters-and-digits value is still split when IFS holds letters
    "IFS=b; w=abcd; printf '<%s>' $w; echo",
    "IFS=1; w=a1b1c; set -- $w; echo $#",
    "f() { local IFS=c; printf '<%s>' $w; echo; }; IFS=b; w=abcd; f; printf '<%s>' $w; echo",
    # in "${v#pat}" single quotes quote (the pattern is not in double quotes)
    "v='}x'; echo \"${v#'}'}\" \"${v%'x'}\" \"${v#\"}\"}\"",
    "v=\"'a'b\"; echo \"${v#'a'}\" \"${v-'q'}\"",
    # errexit: the last command of an && list counts, earlier ones do not
    "set -e; test -n X && false; echo not reached",
    "set -e; true && false || true; echo reached",
    "set -e; false && true; echo reached $?",
    # a compound command whose status came from an ignored failure
    "set -e; { test no = yes && echo hi; }; echo after $?",
    "set -e; if true; then false && :; fi; echo after $?",
    "set -e; for i in 1; do false && :; done; echo after $?",
    "set -e; while false; do :; done; case x in x) false && :;; esac; echo after $?",
    # ...but a function's status does count, and so does a subshell's
    "set -e; f() { false && :; }; f; echo not reached",
    "set -e; (false && :); echo not reached",
    # getopts: OPTIND points past the argument of a grouped option at once
    'getopts ab o -ab; echo $OPTIND $o; getopts ab o -ab; echo $OPTIND $o; getopts ab o -ab; echo $? $OPTIND',
    'getopts "ab:c:" o -ab hi -c x; echo $OPTIND $o $OPTARG; getopts "ab:c:" o -ab hi -c x; '
    'echo $OPTIND $o $OPTARG; getopts "ab:c:" o -ab hi -c x; echo $OPTIND $o $OPTARG',
    # set replacing the positional parameters starts getopts over
    'set -- -a; while getopts ab o; do echo $o; done; set -- -b; while getopts ab o; do echo $o; done; echo $OPTIND',
    'set -- -h; getopts h o; set --; getopts h o; echo $? $OPTIND',
    # OPTIND below 1 is read as 1
    'OPTIND=0; getopts a: o -a x; echo $? "$o"',
    # an invalid variable name is an error after OPTIND/OPTARG are updated
    'set -- -c foo; getopts c: o-; echo $? $OPTARG $OPTIND',
    # exec's prefix assignments reach the program it runs
    'v=1 exec sh -c \'echo "v=$v"\'',
    # the EXIT trap's `exit N` sets the shell's status; a bare `exit`
    # there keeps the status the trap started with
    'trap "echo bye; exit 42" EXIT; echo hi',
    'trap "echo t; exit" EXIT; false',
    'trap "exit 3" EXIT; exit 5',
    'trap "echo \\$?" EXIT; (exit 7)',
    '(trap "exit 9" EXIT; exit 1); echo $?',
    # read: a lone trailing delimiter is dropped from the last field
    "printf 'a:b:\\n' | { IFS=: read x y; echo \"[$x|$y]\"; }",
    "printf '::\\n' | { IFS=: read x y; echo \"[$x|$y]\"; }",
    "printf 'a:b::\\na:b:c:\\n' | { IFS=: read x y; echo \"[$y]\"; IFS=: read x y; echo \"[$y]\"; }",
    # ...but an escaped one stays, and so does an escaped trailing blank
    "printf 'a:b\\\\:\\n' | { IFS=: read x y; echo \"[$x|$y]\"; }",
    "printf 'a b\\\\ \\n' | { read x y; echo \"[$x|$y]\"; }",
    # `return` outside a function ends a subshell with its status
    "(return 3; echo in); echo $?",
    "(return 2147483647); echo $?",
    # a command of nothing but command substitutions has the last one's status
    "`false`; echo $?; $(exit 3); echo $?; $(false) >/dev/null; echo $?",
    "if `false`; then echo T; else echo F; fi; x=$(false) $(true); echo $?",
    # quotes in a pattern inside double quotes: \' is an escaped quote
    "foo=\"'a b c d'\"; echo \"[${foo%d\\'}]\" \"[${foo%'c d\\''}]\"",
    # a command's prefix assignments see the ones before them
    'FOO=foo BAR="[$FOO][$BAZ]" BAZ=baz env | grep -e ^FOO= -e ^BAR= -e ^BAZ= | sort; echo "[$FOO]"',
    'X=1; X=2 Y=$X env | grep -e ^X= -e ^Y= | sort; echo $X',
    # a backslash escapes the next byte even when IFS holds a backslash
    "printf '%s\\n' 'A\\ A \\ \\B\\  C\\\\C\\-C\\\\-D' > f; IFS=' -\\' read a b c d < f; "
    "echo \"[$a] [$b] [$c] [$d]\"",
    # a here-document begun before $( ... ) has its body after that line
    "cat <<A; echo \"$(cat <<B\ninner\nB\n)\" $(echo x)\nouter\nA\necho done",
    # \" inside backquotes in a here-document is a plain quote
    "cat <<E\n`echo \\\"q\\\"` \\\"q\\\" $(echo \\\"r\\\")\nE\n",
    # a dot script sees the $? from before it; an empty one gives 0
    "printf 'echo $?\\n(exit 3)\\n' > f1; (exit 5); . ./f1; echo $?; (exit 4); . /dev/null; echo $?",
    # set: a lone + is ignored; - ends the options
    'set a; set +; echo "$@"; set - +; echo "$@"; set + -; echo "$@"; set -x + -v x y 2>/dev/null; '
    'case $- in *v*) echo v;; esac; set +xv; echo "$@"',
    # bracket expressions: ranges, and quoted bytes inside them
    "for c in b - ] x 5; do case $c in [a-c]) echo $c:r;; [!a-z]) echo $c:n;; *) echo $c:o;; esac; done",
    "case - in [a-]) echo 1;; esac; case - in [-a]) echo 2;; esac; case x in [c-a]) echo 3;; esac; "
    "case 5 in [[:digit:]-z]) echo 4;; esac; case ']' in []a]) echo 5;; esac",
    "touch '[' ']' _G foo.- c.C; echo [\\[z] [\\]z]; echo [[z] []z]; echo *.[C-D] *.[C\\-D]; y=C; echo *.[\"$y\"]",
    "case - in [a\\-b]) echo m;; esac; case '\\' in [\\\\]) echo bs;; esac; x='-'; case $x in [\"$x\"]) echo q;; esac",
    # an unclosed [. is an ordinary [
    "case . in [[.]) echo dot;; esac; case '[' in [[.]) echo br;; esac",
    # export, readonly and local take NAME=value operands as assignments
    'words="a b c"; export ex=$words; readonly ro=$words; echo "$ex|$ro"; '
    'f() { local l=$words m=*; echo "$l|$m"; }; f; HOME=/h; export t=~/x:~/y u=a:~/z; echo $t $u',
    'v="p=1 q=2"; export $v; echo "$p $q"; export "w=a  b" z=*; echo "$w|$z"',
    # set -b (notify) shows in $-
    'set -b; echo $-; set +b; echo "[$-]"; set -o notify; echo $-',
    # a loop left by break has break's status, 0
    'for i in 1; do false; break; done; echo $?; while :; do false; break; done; echo $?; '
    'for i in 1; do for j in 1; do false; break 2; done; done; echo $?; '
    'for i in 1 2; do false; continue; done; echo $?',
    # command exec without a command keeps its redirections, like exec
    "command exec 3<<E\nhere\nE\ncat <&3; command exec 4>f; echo x >&4; cat f",
    # n>&n is no change, even when n is closed
    "exec 3>&-; : 3>&3; echo a$?; echo b 3>&3; : 4<&4; echo c$?; echo d >&5; echo e$?",
    # $! of a background pipeline is its last command's process
    "rm -f p; mkfifo p; echo foo | { trap 'echo trapped; exit 0' USR1; cat; cat p; } & "
    "exec 3>p; kill -s USR1 $!; exec 3>&-; wait $!; echo st=$?",
    "printf '1\\n2\\n' | sort -r | head -n 1 & wait $!; echo st=$?; (exit 3) | (exit 4) & wait $!; echo st=$?",
    # a signal that arrives again while its trap is pending runs it once
    '{ trap "echo trapped" CHLD; sh -c "kill -s CHLD \\$PPID"; echo ok; } & wait $!',
    # operators split by line continuations
    "true\\\n&\\\n& echo and\nfalse |\\\n| echo or",
    "case a in a) echo one;\\\n; esac",
    "echo x 2\\\n>\\\n&1\nrm -f f; echo y >\\\n>f; cat f",
    "cat <\\\n<\\\n-EOF\n\tbody\n\tEOF\n",
    "echo a 3\\\n>f; cat f",
    # a simple command as a function's body, as ash and dash take it
    "f() echo hi; f; g() >out echo to-file; g; cat out",
    "h() x=1 env; h | grep -c '^x=1$'; f() a=b; f; echo $a",
    "k()\necho next-line\nk",
    "f() f() echo x; f; f",
    "f() ;", "f() then", "f() ! true", "f()",
    # hash lists where PATH found what ran, marks them after a cd, forgets
    # them when PATH changes
    "hash; ls >/dev/null; hash; hash -r; hash; echo $?",
    "f() { :; }; hash cd f echo ./x /bin/ls; echo $?; hash; hash -r cat; hash",
    "hash -- ls; hash nope ls2 cat; echo $?; hash; hash -v; echo $?",
    "ls >/dev/null; hash; PATH=$PATH; hash; echo cleared",
    "hash cat ls; cd /; hash; cat </dev/null; hash",
    # command -p searches the standard PATH and leaves the environment's
    'command -p sh -c "echo \\$PATH"; command -p env | grep -c "^PATH=$PATH\\$"',
    "command -pv ls; command -pv sh; hash; command -p -x; echo $?",
    # break and continue in a loop's own condition act on that loop
    "n=0; while n=$((n+1)); [ $n -lt 5 ] || break; continue; do echo body; done; echo n=$n st=$?",
    "for i in 1 2; do while break 2; do :; done; echo no; done; echo i=$i; until break; do :; done; echo u=$?",
    "while false; break; do echo no; done; echo $?; for j in 1 2 3; do while :; do continue 2; done; done; echo $j",
    # NUL bytes from $(...), `...` and read are dropped: no variable holds one
    'x=$(printf "\\0\\0"); echo "[${#x}]"; eval "$(printf "echo e\\0v")"; y=`printf "p\\0q"`; echo ${#y}',
    'z=$(printf "a\\n\\0\\n"); echo "[$z]"; /usr/bin/printf "%s" "$(printf "a\\0b")" | od -An -c',
    'cat <<EOF | od -An -c\n$(printf "h\\0d")\nEOF',
    'printf "a\\0b\\nc\\0d" | { read x; read y; echo ${#x} ${#y}; }; printf "x\\0y\\n" | { read -r a b; echo "$a|$b"; }',
    # getopts' own messages carry no shell prefix, after what stdout holds
    'echo a; getopts "a:" o -x; echo b; OPTIND=1; getopts "a:" o -a; echo c; alias nope; unalias nope',
    # a command that a signal ended is named on stderr (not SIGINT or
    # SIGPIPE; not by `wait` without operands), with its redirections
    'if sh -c "kill \\$\\$"; then :; fi; echo "g $?"; sh -c "kill -ABRT \\$\\$"; echo "i $?"',
    'sh -c "kill -TERM \\$\\$" 2>/dev/null; echo "j $?"; f() { sh -c "kill \\$\\$"; }; f; echo "k $?"',
    'sh -c "kill -HUP \\$\\$" & wait; echo "l $?"; x=$(sh -c "kill -HUP \\$\\$"); echo "o $?"',
    '{ sh -c "kill -HUP \\$\\$"; } 2>/dev/null; echo "q $?"; (sh -c "kill \\$\\$"); echo "e $?"',
    'sh -c "kill \\$\\$" | cat; echo "a $?"; sh -c "kill \\$\\$" | sh -c "kill \\$\\$"; echo "c $?"',
    'trap "" TERM; sh -c "kill \\$\\$"; echo "r $?"; trap - TERM; sh -c "kill -9 \\$\\$"; sh -c "kill -INT \\$\\$"',
    'sh -c "kill -PIPE \\$\\$"; sh -c "kill -USR2 \\$\\$"; sh -c "kill -RTMIN \\$\\$"; echo $?',
    # ...and by wait PID, whenever the shell reaped the job
    'sleep 10 & kill $!; wait $!; echo $?; sleep 10 & kill -9 $!; wait $!; echo $?',
    # option letters are checked before anything is done
    "hash -r -x; echo $?; unset -f -x; echo $?; cd -P -x; echo $?; unset -fv nosuch; echo $?",
]


@pytest.mark.parametrize("script", SAME_AS_DASH)
def test_same_as_dash(run, script):
    same(run, script)


# Where dash lacks the feature (read -t, read with no name), compare with
# BusyBox ash.
SAME_AS_ASH = [
    # read with no names puts the whole line, blanks kept, in REPLY
    "printf '  a b  \\n' | { read; echo \"[$REPLY]\"; }",
    "printf '  a\\\\ b  \\n' | { read; echo \"[$REPLY]\"; }",
    "printf '  a b  \\n' | { read -r; echo \"[$REPLY]\"; }",
    # a negative OPTIND is read as 1 too (dash rejects the number)
    'OPTIND=-1; getopts a: o; echo $? "$o"; OPTIND=-1; getopts a: o -a b; echo $? "$o"',
    # collating symbols and equivalence classes of one character (dash
    # has neither)
    "case a in [[.a.]]) echo 2;; esac; case 1 in [[.0.]-[.2.]]) echo 4;; esac; "
    "case a in [[=a=]]) echo 7;; esac; case b in [[.a.]]) echo no;; esac",
    # $(trap) lists the shell's traps until a trap is set in it
    "trap 'echo hi' USR1; trap 'echo bye' EXIT; x=$(trap); echo \"[$x]\"; (trap); "
    "y=$(trap - USR1; trap); echo \"[$y]\"",
    # $'...' in the pattern of "${v%...}"
    "x=abc; echo \"${x%$'b'*}\" ${x#*$'\\x62'}",
    # read -t 0 only asks whether input is waiting
    "read -t 0 </dev/null; echo $?",
    # ...and -t N bounds the whole line, however fast bytes come
    "read -t 0.2 x </dev/zero; echo $? ${#x}",
    # BASE#DIGITS constants
    "echo $((2#101)) $((16#ff*2)) $((36#Z)) $((64#@)) $((64#_)) $((62#Z)) $((10#08)) $((16#)) $((-2#11))",
    "x=2#101; echo $((x + 1)); echo $((2#102)); echo not reached",
    # set -x quotes as ash does, and shows assignments on one line
    "exec 2>&1; set -x; a=1 b='x y'; : 'q\"q' \"it's\" '' 'x]y' 'a=b' \"''\" \"a'\" \"'a\"; "
    "export Z='q r'; x=$(echo sub) y=; [ -n \"$a\" ]",
    "exec 2>&1; set -x; : if then fi do done in function select '[[' ']]' '!'; f() { echo in; }; f",
    # ...and a command's prefix assignments on its own line, expanded once
    "exec 2>&1; set -x; A=\"1 2\" B=x true; f() { echo \"$X\"; }; X=y f; A=1 B=$A sh -c 'echo $B'; "
    "C=1 export D=2; n=0; N=$((n+=1)) true; echo $n; Y=$(echo sub) true; X=1 :; IFS=: eval 'echo $X'",
    # ulimit's table and letters, as ash lists them
    "ulimit -a; ulimit -e; ulimit -x; ulimit -q; ulimit -Hn; ulimit; ulimit -S -i",
]


@pytest.mark.parametrize("script", SAME_AS_ASH)
def test_same_as_ash(run, script):
    want = ash(script)
    got = run("sh", "-c", script, "sh")
    assert (got.out, got.status) == (want.out, want.status)


def test_exit_trap_after_syntax_error(run):
    script = "trap 'echo in trap; exit 0' EXIT\nfor\n"
    want = dash(script)
    got = run("sh", "-c", script, "sh")
    assert (got.out, got.status) == (want.out, want.status) == (b"in trap\n", 0)


def test_read_negative_timeout(run):
    r = run("sh", "-c", "read -t -1 </dev/null; echo $?")
    assert r.out == b"2\n"
    assert r.err == b"sh: 1: read: invalid timeout\n"


def test_read_from_directory_is_status_1(run, tmp_path):
    os.mkdir("d")
    r = run("sh", "-c", "read x < d; echo $?")
    assert r.out == b"1\n"
    assert b"read: Is a directory" in r.err
    assert dash("read x < d; echo $?").out == b"1\n"


def test_signal_ignored_on_entry_stays_ignored():
    """A signal the shell inherited as ignored cannot be trapped or reset
    (POSIX trap); the action is still listed, as dash and ash do."""
    import signal
    import subprocess
    import sys

    def ignore():
        signal.signal(signal.SIGUSR1, signal.SIG_IGN)
        signal.signal(signal.SIGUSR2, signal.SIG_IGN)
    script = ("trap - USR1; trap 'echo trapped' USR2; kill -s USR1 $$; kill -s USR2 $$; "
              "echo reached; trap")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    env = dict(os.environ, PYBOX_STANDALONE="1")
    got = subprocess.run([sys.executable, os.path.join(root, "bin", "pybox"), "sh", "-c", script],
                         preexec_fn=ignore, capture_output=True, env=env, timeout=60)
    assert (got.returncode, got.stdout) == (0, b"reached\ntrap -- 'echo trapped' USR2\n")
    if os.access("/bin/dash", os.X_OK):
        want = subprocess.run(["/bin/dash", "-c", script], preexec_fn=ignore,
                              capture_output=True, timeout=60)
        assert want.stdout == got.stdout


# The shell searches its own PATH variable, exported or not; without one in
# the environment it has dash's default (not exported); unset, it is empty
# (the current directory).
NO_ENV_PATH = [
    'echo "$PATH"; /usr/bin/env | /usr/bin/grep -c "^PATH="; export PATH; /usr/bin/env | /usr/bin/grep "^PATH="',
    'PATH=$PWD/bin; mytool; command -v mytool; hash; /usr/bin/env | /usr/bin/grep -c "^PATH="',
    'unset PATH; mytool; cd bin; mytool; PATH=:/nonexistent; mytool; PATH=/nonexistent; mytool',
    'PATH=$PWD/bin; (mytool) | { read x; echo "[$x]"; }; exec mytool',
]


@pytest.mark.parametrize("script", NO_ENV_PATH)
def test_own_path_variable(run, script):
    os.mkdir("bin")
    with open("bin/mytool", "w") as f:
        f.write("#!/bin/sh\necho mytool ran\n")
    os.chmod("bin/mytool", 0o755)
    same(run, script, env={"PATH": None})
