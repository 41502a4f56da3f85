"""sh: syntax errors, command-not-found, and a fuzz test: never a Python
traceback, whatever the input."""
import os

import pytest
from hypothesis import given, settings, strategies as st

from _shtest import in_tmp_dir  # noqa: F401 (autouse)
from _shtest import same

SYNTAX = [
    ("echo ok; fi", b'sh: 1: Syntax error: "fi" unexpected\n'),
    ("echo ok\nif true; then\necho x\ndone", b'sh: 4: Syntax error: "done" unexpected (expecting "fi")\n'),
    ("while", b'sh: 1: Syntax error: end of file unexpected (expecting "do")\n'),
    ('echo "unterminated', b"sh: 1: Syntax error: Unterminated quoted string\n"),
    ("echo a; ( echo b", b'sh: 1: Syntax error: end of file unexpected (expecting ")")\n'),
    ("if then", b'sh: 1: Syntax error: "then" unexpected\n'),
    ("echo >", b"sh: 1: Syntax error: end of file unexpected\n"),
    ("echo >\n", b"sh: 2: Syntax error: newline unexpected\n"),
    ("| x", b'sh: 1: Syntax error: "|" unexpected\n'),
    ("a &&", b"sh: 1: Syntax error: end of file unexpected\n"),
    ("case x in a) ;; b", b'sh: 1: Syntax error: end of file unexpected (expecting ")")\n'),
    ("for 1 in a; do :; done", b"sh: 1: Syntax error: Bad for loop variable\n"),
]


@pytest.mark.parametrize("script,err", SYNTAX)
def test_syntax_errors(run, script, err):
    r = run("sh", "-c", script)
    assert (r.err, r.status) == (err, 2)


def test_runs_up_to_the_error(run, tmp_path):
    f = tmp_path / "s.sh"
    f.write_bytes(b"echo first\necho second\nfi\necho never\n")
    r = run("sh", str(f))
    assert (r.out, r.err, r.status) == (b"first\nsecond\n", ('%s: 3: Syntax error: "fi" unexpected\n' % f).encode(), 2)


@pytest.mark.parametrize("script", [
    "nosuch; echo $?",
    "nosuch 2>&1; echo $?",
    "/nonexistent/cmd; echo $?",
    "./notexec; echo $?",
    "echo $((1 +))x",
    "x=1; echo ${x?}",
    "set -u; echo $nope; echo after",
    "echo ${x:?}",
    "echo $(( 1 / 0 ))",
])
def test_same_as_dash(run, tmp_path, script):
    p = tmp_path / "notexec"
    p.write_bytes(b"echo x\n")
    os.chmod(p, 0o644)
    if os.geteuid() == 0 and "notexec" in script:
        pass  # root still gets EACCES for a file without any x bit
    same(run, script, cwd=str(tmp_path))


def test_not_found_status(run):
    r = run("sh", "-c", "nosuch arg")
    assert (r.out, r.err, r.status) == (b"", b"sh: 1: nosuch: not found\n", 127)


# -- fuzz: random token soups and random bytes -----------------------------

_TOKENS = ["echo", "x", "if", "then", "else", "fi", "while", "do", "done", "for", "in", "case",
           "esac", ";;", ";&", "(", ")", "{", "}", "|", "||", "&&", "&", ";", "\n", "<", ">", ">>",
           "<<", "<<-", "EOF", "$x", "${x", "${x:-y}", "$(", "`", "'", '"', "$((", "1+2", "))",
           "!", "=", "x=1", "*", "?", "[", "]", "\\", "#", "~", "2>&1", "<&-", "f()", "local",
           "break", "continue", "return", "exit", ":", "true", "false", "${#x}", "${x%y}", "$@"]


def _check(run, script):
    r = run("sh", "-c", script, timeout=30, stdin=b"")
    assert b"Traceback" not in r.err and b"internal error" not in r.err, (script, r)
    if r.status == 2 and b"Syntax error" in r.err:
        assert r.err.startswith(b"sh: ")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=14))
def test_fuzz_token_soup(run, toks):
    script = "ulimit -t 5; " + " ".join(toks)
    _check(run, script.encode())


@settings(max_examples=25, deadline=None)
@given(st.binary(max_size=60))
def test_fuzz_bytes(run, data):
    data = data.replace(b"\0", b"")
    _check(run, b"ulimit -t 5; " + data)
