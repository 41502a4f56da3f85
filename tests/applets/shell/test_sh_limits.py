"""sh: large inputs.  A function calling itself 5,000 times, 10 MB
here-documents, a loop of 100,000 iterations and 1,000 applet pipelines
all complete, in bounded memory, leaving no zombie and no descriptor
behind; the pattern operators stay linear on long values.

Each script runs under its own `timeout` (the bound on "fast enough" on a
loaded two-core machine); memory is the child's peak RSS from wait4()."""
import hashlib
import os
import subprocess
import sys
import time

import pytest
from hypothesis import given, settings, strategies as st

from _shtest import in_tmp_dir  # noqa: F401 (autouse)
from conftest import Result, child_env


def _env(bindir, extra=None):
    """pybox's applet links first on PATH: cat, wc, sort are applets."""
    env = {"PATH": bindir + os.pathsep + os.path.dirname(sys.executable) + os.pathsep + "/usr/bin:/bin"}
    env.update(extra or {})
    return child_env(env)


def run_sh(bindir, script, *args, env=None, timeout=60, preexec_fn=None):
    """Run `sh SCRIPTFILE ARGS`: (Result, peak RSS in KiB, seconds)."""
    path = os.path.abspath("script.sh")
    with open(path, "wb") as f:
        f.write(script if isinstance(script, bytes) else script.encode())
    t = time.monotonic()
    p = subprocess.Popen([os.path.join(bindir, "sh"), path] + list(args), stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(bindir, env),
                         preexec_fn=preexec_fn)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        raise
    return Result(out, err, p.returncode), time.monotonic() - t


def peak_rss(bindir, script, timeout=60):
    """The peak resident size (KiB) of `sh -c script` and its children, with
    its output; os.wait4 reports the process's own rusage."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child execs at once
        try:
            os.dup2(w, 1)
            os.close(r)
            os.close(w)
            devnull = os.open("/dev/null", os.O_RDWR)
            os.dup2(devnull, 0)
            os.execve(os.path.join(bindir, "sh"), ["sh", "-c", script], _env(bindir))
        finally:
            os._exit(127)
    os.close(w)
    chunks = []
    deadline = time.monotonic() + timeout
    while True:
        b = os.read(r, 65536)
        if not b:
            break
        chunks.append(b)
        assert time.monotonic() < deadline, "script took too long"
    os.close(r)
    _, status, usage = os.wait4(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return usage.ru_maxrss, b"".join(chunks)


# -- deep recursion -------------------------------------------------------

RECURSION = r"""
depth() { if [ "$1" -gt 0 ]; then depth $(( $1 - 1 )); r=$(( r + 1 )); else r=0; fi; }
depth 5000; echo "$r"
count() { local n=$1; [ "$n" -eq 0 ] && return 0; count $(( n - 1 )); return $(( ($? + 1) % 256 )); }
count 5000; echo $?
sum() { local n=$1; if [ "$n" -eq 0 ]; then REPLY=0; return; fi; sum $(( n - 1 )); REPLY=$(( REPLY + n )); }
sum 5000; echo "$REPLY"
nest() { case $1 in 0) echo bottom;; *) while :; do for x in 1; do { nest $(( $1 - 1 )) && break 2; }; done; done;; esac; }
nest 5000
"""


def test_function_recursion_5000(bindir):
    r, _ = run_sh(bindir, RECURSION)
    assert (r.out, r.err, r.status) == (b"5000\n136\n12502500\nbottom\n", b"", 0)


def test_recursion_with_the_default_stack_limit(bindir):
    # an 8 MiB stack that cannot be raised (a container's hard limit) is
    # enough: the shell does not lean on the C stack, and leaves the
    # limit alone for the commands it starts
    import resource

    def small_stack():
        resource.setrlimit(resource.RLIMIT_STACK, (8 << 20, 8 << 20))
    r, _ = run_sh(bindir, RECURSION + "ulimit -s\n", preexec_fn=small_stack)
    assert (r.out, r.err, r.status) == (b"5000\n136\n12502500\nbottom\n8192\n", b"", 0)


@pytest.mark.parametrize("body", [
    "f",  # the depth limit
    # compound commands in between: the interpreter's own limit comes first
    "if :; then while :; do case x in x) { { { { { { f; }; }; }; }; }; };; esac; done; fi",
    "x=$(( $# + 1 )); f $x",
])
def test_runaway_recursion_is_an_error_not_a_crash(bindir, body):
    r, _ = run_sh(bindir, "f() { %s; }; f; echo notreached\n" % body)
    assert (r.out, r.status) == (b"", 2)
    assert r.err == os.path.abspath("script.sh").encode() + b": 1: function nesting too deep\n"


# -- 10 MB here-documents -------------------------------------------------

def _body(lines=170000):
    line = b"line %06d of a here-document, padded out to about sixty bytes\n"
    return b"".join(line % i for i in range(lines))


def test_heredoc_10mb_quoted_through_cat_and_wc(bindir):
    body = _body()
    assert len(body) > 10_000_000
    script = b"cat <<'EOF' >out\n" + body + b"EOF\nwc -c <<'EOF'\n" + body + b"EOF\ncat out | wc -c\n"
    r, _ = run_sh(bindir, script)
    assert (r.out, r.err, r.status) == (b"%d\n%d\n" % (len(body), len(body)), b"", 0)
    with open("out", "rb") as f:
        assert hashlib.sha256(f.read()).digest() == hashlib.sha256(body).digest()


def test_heredoc_10mb_unquoted_with_expansions(bindir):
    # every line expands a parameter; every 16th also ${...} and arithmetic
    n = 170000
    pad = b"and some padding text to make it longer"
    plain = b"$x line %d \\$ \\` " + pad + b"\n"
    more = b"$x line %d ${y:-dflt} $((%d * 2)) \\$ \\` " + pad + b"\n"
    body = b"".join(more % (i, i) if i % 16 == 0 else plain % i for i in range(n))
    want = b"".join(b"X line %d dflt %d $ ` %s\n" % (i, 2 * i, pad) if i % 16 == 0
                    else b"X line %d $ ` %s\n" % (i, pad) for i in range(n))
    assert len(body) > 10_000_000
    script = b"x=X\ncat <<EOF >out\n" + body + b"EOF\nwc -c <out\n"
    r, _ = run_sh(bindir, script, timeout=90)
    assert (r.out, r.err, r.status) == (b"%d\n" % len(want), b"", 0)
    with open("out", "rb") as f:
        got = f.read()
    assert got == want


def test_heredoc_10mb_plain_unquoted(bindir):
    # a big unquoted body with no expansion at all: copied in runs, not a
    # byte at a time
    body = _body()
    r, _ = run_sh(bindir, b"wc -c <<EOF\n" + body + b"EOF\n")
    assert (r.out, r.err, r.status) == (b"%d\n" % len(body), b"", 0)


# -- loops and memory ------------------------------------------------------

def test_loop_100000_iterations(bindir):
    r, _ = run_sh(bindir, "i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done; echo $i\n")
    assert (r.out, r.err, r.status) == (b"100000\n", b"", 0)


LOOP = r"""
f() { x=${1#?}; }
i=0
while [ $i -lt %d ]; do
  i=$((i + 1))
  case $i in *0) f "$i"; echo "$x" >/dev/null; v=$(( i * 2 ));; esac
done
echo $i
"""


def test_memory_does_not_grow_with_the_loop_count(bindir):
    small, out = peak_rss(bindir, LOOP % 10000)
    assert out == b"10000\n"
    big, out = peak_rss(bindir, LOOP % 100000)
    assert out == b"100000\n"
    # ten times the iterations, the same memory (a leak of even 100 bytes
    # an iteration would add 9 MB)
    assert big < small + 4096, (small, big)


# -- 1,000 pipelines: no zombie, no descriptor left ------------------------

def _fds(pid):
    d = "/proc/%d/fd" % pid
    out = {}
    for n in os.listdir(d):
        try:
            out[int(n)] = os.readlink(os.path.join(d, n))
        except OSError:
            pass
    return out


def _children(pid):
    """(pid, state) of every process whose parent is pid."""
    kids = []
    for n in os.listdir("/proc"):
        if not n.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % n, "rb") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(b")") + 2:].split()
        if int(fields[1]) == pid:
            kids.append((int(n), fields[0].decode()))
    return kids


PIPELINES = r"""
echo start
read go
i=0
while [ $i -lt 1000 ]; do
  echo x | cat | wc -l >>counts
  i=$((i + 1))
done
n=0
while [ $n -lt 30 ]; do
  v=$(echo "$n" | cat)
  [ "$v" = "$n" ] || echo "bad $v"
  echo y | cat >/dev/null &
  [ "$(seq 3 | sort -r | head -n 1)" = 3 ] || echo "bad seq"
  true 3<counts 4>/dev/null
  : <<EOF
$n
EOF
  n=$((n + 1))
done
sleep 0.2; :
echo ready
read go
wc -l <counts
sort -u counts
"""


def test_1000_pipelines_leave_no_zombie_and_no_fd(bindir):
    if not os.path.isdir("/proc/self/fd"):
        pytest.skip("needs /proc")
    p = subprocess.Popen([os.path.join(bindir, "sh"), "-c", PIPELINES], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(bindir))
    try:
        assert p.stdout.readline() == b"start\n"
        before = _fds(p.pid)
        p.stdin.write(b"\n")
        p.stdin.flush()
        line = p.stdout.readline()
        assert line == b"ready\n", line + p.stderr.read()
        after = _fds(p.pid)
        kids = _children(p.pid)
        p.stdin.write(b"\n")
        p.stdin.close()
        out = p.stdout.read()
        err = p.stderr.read()
        assert p.wait(timeout=60) == 0
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    assert (out, err) == (b"1000\n1\n", b"")
    assert after == before
    assert kids == []


def test_background_jobs_are_reaped_and_wait_still_reports(run):
    # jobs that end are collected between commands (no zombie piles up in
    # a loop that starts them); `wait PID` still gives the status
    script = ("i=0; while [ $i -lt 50 ]; do sh -c 'exit 3' & i=$((i+1)); done; p=$!; sleep 1; :; "
              "n=0; for k in /proc/[0-9]*/stat; do { read -r a b c d rest <$k; } 2>/dev/null || continue; "
              "[ \"$d\" = $$ ] && [ \"$c\" = Z ] && n=$((n+1)); done; echo zombies $n; "
              "wait $p; echo $?; wait 1; echo $?")
    r = run("sh", "-c", script)
    assert (r.out, r.err, r.status) == (b"zombies 0\n3\n127\n", b"", 0)


# -- pattern operators on long values stay linear --------------------------

def _old_strip(rx, text, suffix, longest):
    """${x#p}-style stripping as a fullmatch per candidate: the slow
    definition the fast one must agree with."""
    n = len(text)
    if suffix:
        for i in range(0, n + 1) if longest else range(n, -1, -1):
            if rx.fullmatch(text, i):
                return text[:i]
        return text
    for i in range(n, -1, -1) if longest else range(0, n + 1):
        if rx.fullmatch(text, 0, i):
            return text[i:]
    return text


def _old_replace(rx, text, rep, mode):
    n = len(text)
    if mode == "/#":
        for i in range(n, -1, -1):
            if rx.fullmatch(text, 0, i):
                return rep + text[i:]
        return text
    if mode == "/%":
        for i in range(0, n + 1):
            if rx.fullmatch(text, i):
                return text[:i] + rep
        return text
    out = []
    i = 0
    while i < n:
        for j in range(n, i, -1):
            if rx.fullmatch(text, i, j):
                out.append(rep)
                i = j
                break
        else:
            out.append(text[i:i + 1])
            i += 1
            continue
        if mode == "/":
            out.append(text[i:])
            break
    return text[:0].join(out)


ATOMS = [b"a", b"b", b"?", b"*", b"[ab]", b"[!a]", b"\\*", b"**"]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(ATOMS), min_size=1, max_size=6), st.binary(max_size=12).map(
    lambda b: bytes(b"ab*c"[x % 4] for x in b)), st.booleans())
def test_fast_pattern_operators_agree_with_the_definition(atoms, text, utf8):
    from applets.shell.ash import pattern
    pieces = [(b"".join(atoms), True)]
    if utf8:  # the same over characters: a two-byte letter for "c"
        text = text.replace(b"c", "\u00e9".encode())
    rx = pattern.compile_(pieces)
    for suffix in (False, True):
        for longest in (False, True):
            want = _old_strip(rx, text, suffix, longest) if not utf8 else pattern._enc(
                _old_strip(pattern.compile_(pieces, True), pattern._dec(text), suffix, longest))
            assert pattern.strip(pieces, text, suffix, longest, utf8) == want, (suffix, longest)
    for mode in ("/", "//", "/#", "/%"):
        want = _old_replace(rx, text, b"R", mode) if not utf8 else pattern._enc(
            _old_replace(pattern.compile_(pieces, True), pattern._dec(text), "R", mode))
        assert pattern.replace(pieces, text, b"R", mode, utf8) == want, mode


@pytest.mark.parametrize("expr, want", [
    ("${x//a/b}", b"200000"), ("${x##*/}", b"200000"), ("${x#*/}", b"200000"),
    ("${x%/*}", b"200000"), ("${x%%/*}", b"200000"), ("${x/#*b/c}", b"200000"),
    ("${x//?/}", b"0"), ("${x/%a/}", b"199999"),
])
def test_pattern_operators_on_a_long_value(bindir, expr, want):
    script = "x=$(head -c 200000 /dev/zero | tr '\\0' a); y=%s; echo ${#y}\n" % expr
    r, _ = run_sh(bindir, script, timeout=30)
    assert (r.out, r.err, r.status) == (want + b"\n", b"", 0)
