"""sh: redirections and here-documents."""
import pytest

from _shtest import in_tmp_dir  # noqa: F401 (autouse)
from _shtest import same

CASES = [
    ("echo a >o; echo b >>o; cat o; wc -l <o", b"a\nb\n2\n"),
    ("echo >o hello; cat 0<o", b"hello\n"),
    ("exec 3>o; echo to3 >&3; exec 3>&-; cat o", b"to3\n"),
    ("exec 4<>o; echo rw >&4; exec 4>&-; cat o", b"rw\n"),
    ("{ echo out; echo err >&2; } 2>&1 | cat", b"out\nerr\n"),
    ("{ echo one; echo two >&2; } 2>/dev/null", b"one\n"),
    ("f() { echo fout; echo ferr >&2; }; f 2>&1 >/dev/null | tr a-z A-Z", b"FERR\n"),
    ("echo x >o; set -C; echo y >o; echo $?; echo z >|o; cat o", b"2\nz\n"),
    ("for i in 1 2; do echo $i; done >o; cat o", b"1\n2\n"),
    ("while read x; do echo \"<$x>\"; done <<EOF\n1\n2\nEOF", b"<1>\n<2>\n"),
    ("cat <<EOF\na $((1+1)) $(echo sub) \\$x \\\\ \"q\"\nEOF", b"a 2 sub $x \\ \"q\"\n"),
    ("cat <<'EOF'\nraw $x `y` \\\\\nEOF", b"raw $x `y` \\\\\n"),
    ("cat <<\\EOF\nraw $x\nEOF", b"raw $x\n"),
    ("cat <<-EOF\n\ttab stripped\n\tEOF", b"tab stripped\n"),
    ("cat <<X <<Y\none\nX\ntwo\nY", b"two\n"),
    ("cat <<X; cat <<Y\none\nX\ntwo\nY", b"one\ntwo\n"),
    ("cat <<EOF | tr a-z A-Z\npiped $((2*3))\nEOF", b"PIPED 6\n"),
    ("echo x 1>&-; echo $?", b"1\n"),
    ("exec 5>&1; echo via5 >&5", b"via5\n"),
    ("cat <o 2>/dev/null; echo $?; echo after", b"2\nafter\n"),
    ("x=o; echo hi >$x; cat \"$x\"", b"hi\n"),
    (": >o; wc -c <o", b"0\n"),
    ("exec 0</dev/null; cat; echo $?", b"0\n"),
]


@pytest.mark.parametrize("script,out", CASES)
def test_redirection(run, tmp_path, script, out):
    r = run("sh", "-c", script, cwd=str(tmp_path))
    assert r.out == out, r


@pytest.mark.parametrize("script", [
    "echo x >&5",
    "cat < /nonexistent; echo $?",
    "echo x > /nonexistent/dir/f; echo $?",
    ": > /nonexistent/dir/f",
    "echo x 2>&1 >/dev/null 9<&-",
    "exec 3>&-; echo ok >&3; echo $?",
])
def test_same_as_dash(run, tmp_path, script):
    same(run, script, cwd=str(tmp_path))


def test_big_heredoc(run, tmp_path):
    body = b"0123456789abcdefghi\n" * (10 * 1024 * 1024 // 20)
    (tmp_path / "s.sh").write_bytes(b"cat <<'EOF' | wc -c\n" + body + b"EOF\n")
    r = run("sh", str(tmp_path / "s.sh"), timeout=120)
    assert (r.out.strip(), r.status) == (b"%d" % len(body), 0)


def test_redirection_undone_after_builtin(run, tmp_path):
    r = run("sh", "-c", "echo a >o; echo b; printf c >>o; echo d; cat o", cwd=str(tmp_path))
    assert r.out == b"b\nd\na\nc"


@pytest.mark.parametrize("script", [
    # a failed redirection is reported with the ones before it in effect
    "read x 2>/dev/null </nonexistent; echo $?",
    "basename x 2>/dev/null </nonexistent; echo $?",
    "cat </nonexistent 2>/dev/null; echo $?",
    # on a compound command or a function call it fails that command only
    "{ :; } </nonexistent; echo $?",
    "if :; then :; fi </nonexistent; echo $?",
    "while false; do :; done </nonexistent; echo $?",
    "for i in 1; do :; done </nonexistent; echo $?",
    "case x in x) ;; esac </nonexistent; echo $?",
    "(:) </nonexistent; echo $?",
    "f() { echo in; }; f </nonexistent; echo $?",
    "echo\n{ echo a; } </nonexistent; echo $?",
    # ... but a special builtin's ends the shell, and so does set -e
    ": </nonexistent; echo notreached",
    "set -e; { :; } </nonexistent; echo notreached",
    "set -e; { :; } </nonexistent || echo guarded",
])
def test_failed_redirection_as_dash(run, script):
    same(run, script)
