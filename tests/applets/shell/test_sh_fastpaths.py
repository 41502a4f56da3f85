"""sh: the fast paths (test's short forms, cached assignments and
arithmetic, read from regular files in blocks, pipeline stages run in the
shell's own process) agree with the general code and with dash."""
import os

import pytest
from hypothesis import given, settings, strategies as st

from _shtest import in_tmp_dir  # noqa: F401 (autouse)
from _shtest import DASH, same

SAME_AS_DASH = [
    # test and [ in their short forms, and the edges that leave them
    "for a in '' x -n -z ! = 0 -0 1 -1 010 007 +1 ' 1' 1x --help; do"
    " for op in = != -eq -ne -lt -le -gt -ge; do"
    "  for b in 0 1 -1 x ''; do [ \"$a\" $op \"$b\" ] 2>/dev/null; printf %s $?; done; done; echo; done",
    "[ 1 -lt 2 ] && echo a; [ 2 -lt 1 ] || echo b; test -5 -le -5 && echo c; [ x ] && echo d",
    "[ '' ] || echo e; [ -n '' ] || echo f; [ -z '' ] && echo g; [ ! '' ] && echo h; [ ! x ] || echo i",
    "[ -n ] && echo j; [ -z ] && echo k; [ ! ] && echo l; [ = ] && echo m; [ ! = x ]; echo $?",
    "[ 1 -eq 1x ] 2>/dev/null; echo $?; [ a -lt 1 ] 2>&-; echo $?; test 1 -eq 2>/dev/null; echo $?",
    "[ ' 3' -eq 3 ] && echo blank-ok; [ +3 -eq 3 ] && echo plus-ok; [ 3 -eq '3 ' ] && echo trail-ok",
    "set -- 5; while [ $1 -gt 0 ]; do set -- $(($1 - 1)); printf $1; done; echo",
    # assignments of plain words and of a lone $((...)), evaluated many times
    "i=0; while [ $i -lt 50 ]; do i=$((i+1)); done; echo $i",
    "i=0; j=7; while [ $i -lt 5 ]; do i=$((i+1)) j=$((j*2)); done; echo $i $j",
    "readonly i=3; i=$((i+1)); echo notreached",
    "i=1; readonly i; for k in 1 2; do i=$((i+1)) || echo no; done; echo notreached",
    "set -x; i=0; i=$((i+1)); a=b; echo $i $a",
    "x=$((1/0)); echo notreached",
    "x=$(( )); echo notreached",
    "i=abc; i=$((i+1)); echo notreached",
    "x=08; y=$((x+1)); echo notreached",
    "x=0x10 y=010; z=$((x+y)); echo $z",
    "f() { local k; k=$((k+5)); echo $k; }; f; f; echo ${k-unset}",
    "set -a; j=$((4*2)) s=plain; sh -c 'echo $j $s'",
    "set -u; i=$((zz+1)); echo $i",
    "a=; b=~; c=x:~/y; d='~'; e=$((3)); echo \"[$a][${#b}][${c#x:}][$d][$e]\" | sed \"s#$HOME#H#g\"",
    "set -e; i=0; i=$((i+1)); false; echo notreached",
    "trap 'echo trapped $i' EXIT; i=0; while [ $i -lt 3 ]; do i=$((i+1)); done",
    "n=0; for w in a b c; do n=$((n+1)); done; echo $n",
    "IFS=:; x=$((1+2)); set -- $x; echo $# $1",
    # pipelines with stages in this process, some forked, none at all
    "echo x | cat | wc -l",
    "echo hello world | tr a-z A-Z | cat",
    "echo a b c | head -c 3 | cat -n",
    "echo x | cat | cat | cat | wc -c",
    "echo $(seq 3000) | cat | wc -c",
    "echo $(seq 30000) | cat | tr 0-9 a-j | cat | wc -c",
    "seq 20000 | cat | wc -l",
    "yes | head -n 3 | wc -l",
    "seq 100000 | head -n 1",
    "echo x | wc -l $nope 2>&1",
    "set -u; echo x | wc -c $nope; echo st=$?",
    "x=5; echo $x | wc -c | cat",
    "echo x | read v; echo \"[$v]\"",
    "x=1; echo hi | x=2 cat; echo $x",
    "echo hi | cat > out; cat out; echo hi | wc -c > out; cat out",
    "echo a | cat nonexistent 2>/dev/null | wc -l; echo $?",
    "! echo x | cat | grep -q y; echo $?",
    "echo x | cat | false; echo $?",
    "f() { cat; }; echo fn | f | wc -l",
    "echo 'a b' | cut -d ' ' -f 2 | uniq",
    "printf 'b\\na\\nb\\n' | grep b | wc -l",
    "echo $? | cat; false | cat; echo $?",
    "exec 3>out; echo x | cat >&3 | wc -c; cat out",
    "echo x | cat - | wc -l; echo x | cat -u | head -n 1 | wc -w",
    "echo x | head -1 | wc -l; echo xy | head -c1 | wc -c",
    # stream filters as plain commands and $(...) of one applet, in-process
    "seq 200000 > big; { cat big; echo \"st=$?\" >&2; } | head -c 5; echo",
    "seq 200000 > big; { cat big; wc -l big; echo after >&2; } | true; echo $?",
    "cat < /nonexistent; echo $?; wc -l < /nonexistent; echo $?; grep x nonexistent; echo $?",
    "printf 'a\\nb\\n' > f; wc -l < f > out; cat out; LC_ALL=C wc -l < f; echo \"[${LC_ALL-unset}]\"",
    "x=$(basename /a/b.c .c); echo \"[$x] $?\"; x=$(basename); echo \"st=$?\"",
    "x=$(cat < /nonexistent); echo \"[$x] $?\"; x=$(cat /nonexistent 2>&1); echo \"[$x] $?\"",
    "x=$(basename /a/b >&2); echo \"[$x]\"; set -x; x=$(wc -c < /dev/null); y=$(cat <<EOF\nhi\nEOF\n); echo $x $y",
    "true; echo $(false) $?; x=$(false) y=$?; echo $y; x=$(grep -q x /nonexistent 2>/dev/null); echo $?",
    "x=$(printf '%s\\n\\n\\n' a); echo \"[$x]\"; y=$(printf '%0100000d' 0); echo ${#y}",
    "f=/x/y/z; echo $(dirname $f) $(basename \"$f\") \"$(echo a b)\"",
    "set -x; x=$(basename /a/b); echo $x",
    "set -e; x=$(basename); echo notreached",
    "set -u; x=$(basename $nope); echo notreached",
    "i=0; x=$(echo $((i+=1))); echo $x $i",
    "printf 'x\\ny\\n' > f; n=$(wc -l < f); echo $n; n=$(grep -c y f); echo $n $?; n=$(grep -c z f); echo $n $?",
]


@pytest.mark.parametrize("script", SAME_AS_DASH)
def test_same_as_dash(run, script):
    same(run, script)


PIPEFAIL = [
    ("set -o pipefail; echo x | cat nonexistent 2>/dev/null | wc -l; echo $?", b"0\n1\n"),
    ("set -o pipefail; echo x | cat | wc -l; echo $?", b"1\n0\n"),
    ("set -o pipefail; echo x | wc -l --bad 2>/dev/null; echo $?", b"1\n"),
]


def test_xtrace_of_stages_in_process(run):
    """Each stage is traced once (the order of a pipeline's traces is not
    fixed, in dash either)."""
    r = run("sh", "-c", "set -x; echo x | cat | wc -l; echo y | tr y z", env={"PYBOX_STANDALONE": "1"})
    assert r.out == b"1\nz\n"
    assert sorted(r.err.splitlines()) == [b"+ cat", b"+ echo x", b"+ echo y", b"+ tr y z", b"+ wc -l"]


@pytest.mark.parametrize("script,out", PIPEFAIL)
def test_pipefail_with_stages_in_process(run, script, out):
    r = run("sh", "-c", script, env={"PYBOX_STANDALONE": "1"})
    assert (r.out, r.status) == (out, 0)


def test_no_descriptor_left_open(run):
    script = ("printf 'a\\nb\\n' > f; before=$(ls /proc/$$/fd); for i in 1 2 3; do cat f >/dev/null; "
              "wc -l < f > /dev/null; x=$(cat f); y=$(basename /a/b); echo x | cat | wc -l >/dev/null; "
              "{ cat < /nonexistent; } 2>/dev/null; done; after=$(ls /proc/$$/fd); [ \"$before\" = \"$after\" ] && echo same")
    r = run("sh", "-c", script, env={"PYBOX_STANDALONE": "1"})
    assert (r.out, r.err, r.status) == (b"same\n", b"", 0)


def test_pipeline_applets_standalone(run):
    """With the applets chosen over PATH, stages run in-process or forked
    give the same results (and a big echo never blocks)."""
    script = ("echo x | cat | wc -l; echo $(seq 5000) | cat | cat | wc -c; "
              "seq 3 | cat -n | wc -l; echo x | cat | cat -n; seq 50000 | cat | wc -l")
    r = run("sh", "-c", script, env={"PYBOX_STANDALONE": "1"}, timeout=30)
    assert r.out == b"1\n23893\n3\n     1\tx\n50000\n"
    assert r.status == 0 and r.err == b""


def _forks(script, monkeypatch, tmp_path):
    """Run script in this process (as multicall.main.run would); the number
    of fork() calls it made, and its output."""
    import posix
    from multicall import main as mmain
    real = posix.fork
    count = []

    def fork():
        count.append(1)
        return real()
    monkeypatch.setattr(posix, "fork", fork)
    monkeypatch.setenv("PYBOX_STANDALONE", "1")
    out = tmp_path / "out"
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    saved = os.dup(1)
    try:
        os.dup2(fd, 1)
        st = mmain.run("sh", ["sh", "-c", script])
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(fd)
    return len(count), st, out.read_bytes()


@pytest.mark.parametrize("script,forks,out", [
    ("echo x | cat | wc -l", 0, b"1\n"),
    ("echo x | tr x y | head -n 1 | wc -c", 0, b"2\n"),
    ("echo x | cat -n | wc -l", 1, b"1\n"),  # cat -n may write more than it reads
    ("echo $(seq 2000) | cat | wc -l", 2, b"1\n"),  # more than a pipe is sure to hold (and $(...))
    ("seq 3 | cat | wc -l", 2, b"3\n"),  # seq is not in-process: cat forked too
    ("echo x | sort", 1, b"x\n"),  # sort is not one of the tail filters
    ("echo x | read v", 1, b""),  # a builtin's assignments stay in its subshell
    ("f() { cat; }; echo x | f", 1, b"x\n"),
    ("echo x | cat > /dev/null | wc -c", 1, b"0\n"),  # redirections: forked
    ("echo $((i+=1)) | wc -c; echo ${i-unset}", 1, b"2\nunset\n"),  # side effects: forked
    ("wc -c < /dev/null; cat /dev/null", 0, b"0\n"),  # filters as plain commands
    ("trap 'echo t' USR1; wc -c < /dev/null", 1, b"0\n"),  # a child would die of the signal
    ("trap '' USR1; trap 'echo bye' EXIT; wc -c < /dev/null", 0, b"0\nbye\n"),
    ("trap 'echo t' USR1; echo x | wc -c", 1, b"2\n"),
    ("x=$(basename /a/b); echo $x", 0, b"b\n"),
    ("x=$(wc -c < /dev/null); echo $x", 0, b"0\n"),
    ("x=$(seq 2); echo $x; seq 3 | tac | nl -ba | wc -l", 3, b"1 2\n3\n"),  # seq first, middles: forked
    ("seq 2 | rev; seq 1 > /dev/null; x=$(seq 1 | wc -l)", 2, b"1\n2\n"),
    ("sort /dev/null; echo x | tee /dev/null", 2, b"x\n"),  # not stream filters here
    ("printf 'a\\n' | md5sum | cut -c1-8; echo b | base64 | od -An -c | wc -l", 4, b"60b725f1\n1\n"),
    ("x=$(echo a | cat); echo $x", 1, b"a\n"),
])
def test_which_stages_fork(monkeypatch, tmp_path, script, forks, out):
    n, st, got = _forks(script, monkeypatch, tmp_path)
    assert (n, st, got) == (forks, 0, out)


# -- test's short forms against the full evaluator ---------------------------

TOKENS = ["", "x", "0", "1", "-1", "-0", "007", "12345678901234567890", " 2", "+3", "1x", "-",
          "-n", "-z", "!", "=", "!=", "==", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-a", "-o",
          "(", ")", "\u0661", "\udcff"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=3))
def test_quick_test_agrees_with_evaluator(args):
    from applets.coreutils import test
    from applets.shell.ash.builtins import _quick_test
    from multicall.errors import Fail
    quick = _quick_test([a.encode("utf-8", "surrogateescape") for a in args])
    if quick is None:
        return
    try:
        full = 0 if test.evaluate(args) else 1
    except Fail:
        full = 2
    assert quick == full, args


# -- read from a regular file in blocks against read from a pipe -------------

LINE = st.text(alphabet="ab \t\\:\n", max_size=12)


def _read_script(forms):
    """For each file f* and each read form: the result from the file, \\001,
    the result from a pipe, \\002."""
    body = "; ".join(
        "{ a= b=; %s; s=$?; printf '[%%s|%%s|%%s]' \"$a\" \"$b\" $s; cat; } < $f; printf '\\001'; "
        "cat $f | { a= b=; %s; s=$?; printf '[%%s|%%s|%%s]' \"$a\" \"$b\" $s; cat; }; printf '\\002'"
        % (form, form) for form in forms)
    return "for f in f*; do %s; done" % body


@settings(max_examples=15, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=6))
def test_read_file_same_as_pipe(run, tmp_path, texts):
    """Each read form on a file (block reads, offset put back) and on a
    pipe (byte reads) gives the same variables, status and leaves the same
    rest; and the same as dash for the forms dash has."""
    import tempfile
    tmp_path = tempfile.mkdtemp(dir=tmp_path)  # hypothesis reuses tmp_path
    for i, t in enumerate(texts):
        with open(os.path.join(tmp_path, "f%d" % i), "wb") as f:
            f.write(t.encode())
    r = run("sh", "-c", _read_script(["read a b", "read -r a b", "read -d : a", "IFS=: read a b",
                                      "read a", "read -r -d '\\' a b"]), cwd=tmp_path)
    assert r.status == 0 and r.err == b""
    pairs = r.out.split(b"\2")
    assert pairs[-1] == b"" and len(pairs) == 6 * len(texts) + 1
    for pair in pairs[:-1]:
        from_file, from_pipe = pair.split(b"\1")
        assert from_file == from_pipe
    if DASH and not any("\\" in t for t in texts):
        # (not IFS=: here: a trailing lone ':' is kept, where dash drops it;
        # nor backslashes: an escaped blank at the end of the last field is
        # dropped, where dash keeps it -- both in the field splitting, not
        # in the reading this file is about)
        same(run, _read_script(["read a b", "read -r a b", "read a"]), cwd=tmp_path)


def test_read_file_offsets(run, tmp_path):
    (tmp_path / "f").write_bytes(b"one\\\ntwo three\nfour\\\\five\nsix\\")
    script = ("{ read a; printf '[%s]\\n' \"$a\"; read -r b; printf '[%s]\\n' \"$b\"; read c; echo \"[$c] $?\"; "
              "read d; echo \"[$d] $?\"; } < f; "
              "exec 3< f; read x <&3; read y <&3; cat <&3; printf '<%s><%s>' \"$x\" \"$y\"")
    same(run, script)
    big = b"x" * 100000 + b"\\\n" + b"y" * 70000 + b"\nrest\n"
    (tmp_path / "f").write_bytes(big)
    r = run("sh", "-c", "{ read a; echo ${#a}; cat; } < f")
    assert r.out == b"170000\nrest\n"


def test_warming_every_applet():
    """The pre-fork warming (the applet's module, then the pybox modules
    its functions import) works for every registered applet."""
    from applets.shell.ash import evaluate
    from multicall.registry import APPLETS
    warmed = {}
    for app in APPLETS:
        evaluate._warm_applet(app, warmed)
        evaluate._warm_applet(app, warmed)
    assert set(warmed.values()) == {2}
    import sys
    assert "applets.coreutils.printf.seq" in sys.modules  # seq's, imported inside printf's main


def test_forked_applet_loops(run):
    script = ("for i in 1 2 3; do x=$(seq 2); seq 3 | cat -n | tail -n 1; done; echo $x; "
              "i=0; while [ $i -lt 3 ]; do i=$((i+1)); printf 'b\\na\\n' | sort | head -n 1; done")
    r = run("sh", "-c", script, env={"PYBOX_STANDALONE": "1"})
    assert (r.out, r.err, r.status) == (b"     3\t3\n" * 3 + b"1 2\n" + b"a\n" * 3, b"", 0)


@pytest.mark.parametrize("script,out", [
    ("sleep 10 & kill $!; wait $!; echo $?", b"143\n"),
    ("(sleep 10) & kill $!; wait $!; echo $?", b"143\n"),
    ("((sleep 10)) 2>/dev/null & kill $!; wait $!; echo $?", b"143\n"),
    ("(trap 'echo bye' EXIT; echo in) & wait; (exec 2>&1; (echo err >&2)) | cat", b"in\nbye\nerr\n"),
    ("(cd /; pwd); pwd >/dev/null; (x=1; exit 4); echo $? ${x-unset}", b"/\n4 unset\n"),
    ("(exit 3); echo $?; (false) || echo f; (! true); echo $?; (true && false); echo $?", b"3\nf\n1\n1\n"),
    ("(seq 3 | wc -l) | cat; (echo a; echo b) | wc -l", b"3\n2\n"),
])
def test_lone_command_is_the_childs_last(run, script, out):
    """A background or subshell's lone command runs as the child itself
    (no grandchild that a kill of $! would leave behind, holding the
    output open)."""
    r = run("sh", "-c", script, env={"PYBOX_STANDALONE": "1"}, timeout=8)
    assert (r.out, r.status) == (out, 0)
