"""xargs: every option through the real command line, GNU's input format
(blanks, quotes, backslashes, the EOF string), grouping by -n/-L/-s/-I,
limits and their messages, exit statuses 0/123/124/125/126/127/1, -p and -o
on a terminal, -P (parallel, relayed whole lines, SIGUSR1/SIGUSR2, slot
variable), and differential tests against GNU findutils' xargs on
generated inputs."""
import os
import pty
import select
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import given, settings, strategies as st

from conftest import child_env

HOST_PATH = "/usr/bin:/bin"
PYDIR = os.path.dirname(sys.executable)


@pytest.fixture(scope="session")
def gnu_xargs():
    path = "/usr/bin/xargs"
    try:
        v = subprocess.run([path, "--version"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    except OSError:
        v = b""
    if b"GNU findutils" not in v:
        pytest.skip("GNU xargs is not installed")
    return path


@pytest.fixture(scope="session")
def xr(run):
    """xr(*args, stdin=b"", env=None): pybox xargs with GNU's tools on PATH
    (so `echo` is /usr/bin/echo, as GNU's xargs runs it)."""
    def xr(*args, stdin=b"", env=None, cwd=None):
        e = {"PATH": PYDIR + ":" + HOST_PATH}
        e.update(env or {})
        return run("xargs", *args, stdin=stdin, env=e, cwd=cwd)
    return xr


@pytest.fixture(scope="session")
def gx(gnu_xargs):
    """gx(*args, stdin=b"", env=None): GNU xargs started as `xargs`."""
    def gx(*args, stdin=b"", env=None, cwd=None):
        e = {"PATH": PYDIR + ":" + HOST_PATH}
        e.update(env or {})
        p = subprocess.run(["xargs"] + list(args), executable=gnu_xargs, input=stdin,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env(e), cwd=cwd,
                           timeout=60)
        return p.stdout, p.stderr, p.returncode
    return gx


@pytest.fixture(scope="session")
def same(xr, gx):
    """Run pybox's and GNU's xargs alike and assert the results are equal."""
    def same(*args, stdin=b"", env=None, cwd=None):
        expected = gx(*args, stdin=stdin, env=env, cwd=cwd)
        got = tuple(xr(*args, stdin=stdin, env=env, cwd=cwd))
        assert got == expected, "xargs %r on %r differs from GNU" % (args, stdin)
        return got
    return same


MSG_QUOTE = b"xargs: unmatched %s quote; by default quotes are special to xargs unless you use the -0 option\n"


# -- the default format ------------------------------------------------------------

def test_default_command_is_echo(xr):
    assert tuple(xr(stdin=b"a b\nc\n")) == (b"a b c\n", b"", 0)


def test_empty_input_runs_once_unless_r(xr):
    assert tuple(xr("echo", "x", stdin=b"")) == (b"x\n", b"", 0)
    assert tuple(xr("-r", "echo", "x", stdin=b"")) == (b"", b"", 0)
    assert tuple(xr("--no-run-if-empty", "echo", "x", stdin=b" \n\t\n")) == (b"", b"", 0)
    assert tuple(xr("-r", "echo", "x", stdin=b"a")) == (b"x a\n", b"", 0)


def test_quotes_and_backslashes(xr):
    r = xr("-t", "printf", "[%s]", stdin=b"'a b' \"c 'd\" e\\ f g\\\\h '' \"\" i'j'k\n")
    assert r.out == b"[a b][c 'd][e f][g\\h][][][ijk]"
    assert r.err == b"printf '[%s]' 'a b' \"c 'd\" 'e f' 'g\\h' '' '' ijk\n"
    assert r.status == 0


def test_backslash_newline_and_escaped_blank(xr):
    assert xr("printf", "[%s]", stdin=b"a\\\nb c\n").out == b"[a\nb][c]"
    assert xr("printf", "[%s]", stdin=b"a\\\tb\n").out == b"[a\tb]"
    assert xr("printf", "[%s]", stdin=b"a b\\").out == b"[a][b]"  # backslash at end of input


def test_blanks_and_other_white_space(xr):
    # only space and tab separate; CR, VT and FF are skipped before an item only
    assert xr("printf", "[%s]", stdin=b"a\r b\x0b c\x0c d \r\n e").out == b"[a\r][b\x0b][c\x0c][d][e]"


@pytest.mark.parametrize("quote, word", [(b"'", b"single"), (b'"', b"double")])
def test_unmatched_quote(xr, quote, word):
    r = xr("echo", stdin=b"a b " + quote + b"c\nd\n")
    assert tuple(r) == (b"a b\n", MSG_QUOTE % word, 1)  # what came before runs first
    r = xr("echo", stdin=b"a " + quote + b"c")  # at end of input
    assert tuple(r) == (b"a\n", MSG_QUOTE % word, 1)
    assert tuple(xr("echo", stdin=b"a " + quote)) == (b"a\n", b"", 0)  # nothing after it: as GNU


def test_unmatched_quote_with_x_runs_nothing(xr):
    assert tuple(xr("-x", "echo", stdin=b"a 'b")) == (b"", MSG_QUOTE % b"single", 1)


def test_nul_in_default_input_warns_once(xr):
    r = xr("printf", "[%s]", stdin=b"a\0b c\0d\n\0")
    assert r.out == b"[a][c][]"
    assert r.err == (b"xargs: WARNING: a NUL character occurred in the input.  It cannot be passed "
                     b"through in the argument list.  Did you mean to use the --null option?\n")
    assert r.status == 0


def test_invalid_utf8_passes_through(xr):
    assert xr("printf", "[%s]", stdin=b"\xff\xfe a\xc3\n").out == b"[\xff\xfe][a\xc3]"


# -- -0, -d, -a ------------------------------------------------------------------

def test_null(xr):
    for opt in ("-0", "--null"):
        r = xr(opt, "printf", "[%s]", stdin=b"a b\0'c\0\nd\0\0e")
        assert tuple(r) == (b"[a b]['c][\nd][][e]", b"", 0)


@pytest.mark.parametrize("spec, data, expected", [
    ("\\n", b"a b\n\nc", b"[a b][][c]"),
    ("\\t", b"a\tb c", b"[a][b c]"),
    ("\\0", b"a\0b", b"[a][b]"),
    ("\\x41", b"xAyAz", b"[x][y][z]"),
    ("\\101", b"xAyAz", b"[x][y][z]"),
    ("\\\\", b"x\\y", b"[x][y]"),
    ("\\a", b"x\ay", b"[x][y]"),
    ("\\b", b"x\by", b"[x][y]"),
    ("\\f", b"x\fy", b"[x][y]"),
    ("\\r", b"x\ry", b"[x][y]"),
    ("\\v", b"x\vy", b"[x][y]"),
    (",", b"x,y,", b"[x][y]"),
    ("\\", b"x\\y", b"[x][y]"),
    ("\\x", b"x\0y", b"[x][y]"),
    ("\\x0x41", b"xAy", b"[x][y]"),
    (" ", b"x y'z", b"[x][y'z]"),
])
def test_delimiter_escapes(xr, spec, data, expected):
    for opt in ("-d", "--delimiter"):
        assert tuple(xr(opt, spec, "printf", "[%s]", stdin=data)) == (expected, b"", 0)


@pytest.mark.parametrize("spec, message", [
    ("ab", "Invalid input delimiter specification ab: the delimiter must be either a single "
           "character or an escape sequence starting with \\."),
    ("", "Invalid input delimiter specification : the delimiter must be either a single "
         "character or an escape sequence starting with \\."),
    ("\\q", "Invalid escape sequence \\q in input delimiter specification."),
    ("\\x100", "Invalid escape sequence \\x100 in input delimiter specification; character "
               "values must not exceed ff."),
    ("\\400", "Invalid escape sequence \\400 in input delimiter specification; character "
              "values must not exceed 377."),
    ("\\1x", "Invalid escape sequence \\1x in input delimiter specification; trailing "
             "characters x not recognised."),
])
def test_delimiter_errors(xr, spec, message):
    assert tuple(xr("-d", spec, "echo", stdin=b"a")) == (b"", ("xargs: %s\n" % message).encode(), 1)


def test_arg_file(xr, tmp_path):
    f = tmp_path / "args"
    f.write_bytes(b"f1 f2\n")
    for args in (["-a", str(f)], ["--arg-file=" + str(f)], ["--arg-file", str(f)]):
        # children keep xargs's standard input with -a; otherwise it is /dev/null
        r = xr(*args, "sh", "-c", 'echo "$@"; cat', "sh", stdin=b"from stdin\n")
        assert tuple(r) == (b"f1 f2\nfrom stdin\n", b"", 0)
    r = xr("sh", "-c", 'echo "$@"; cat', "sh", stdin=b"x\n")
    assert tuple(r) == (b"x\n", b"", 0)


def test_arg_file_missing(xr, tmp_path):
    r = xr("-a", str(tmp_path / "nope"), "echo")
    assert tuple(r) == (b"", b"xargs: Cannot open input file '%s': No such file or directory\n"
                        % str(tmp_path / "nope").encode(), 1)
    r = xr("-a", str(tmp_path / "nope"), "echo", env={"LC_ALL": "C.UTF-8"})
    assert r.err == "xargs: Cannot open input file \u2018%s\u2019: No such file or directory\n".encode() \
        % str(tmp_path / "nope").encode()


def test_arg_file_unreadable_is_end_of_input(xr, tmp_path):
    assert tuple(xr("-a", str(tmp_path), "echo", "x")) == (b"x\n", b"", 0)


def test_stdin_read_error(tmp_path):
    """Read errors end the input; on standard input GNU then reports
    `error closing file`.  (Python itself will not start with a directory
    as stdin, so xargs runs here as an applet in a forked child.)"""
    from multicall import process
    fd = os.open(str(tmp_path), os.O_RDONLY)
    ro, wo = os.pipe()
    re_, we = os.pipe()
    try:
        pid = process.spawn(["xargs", "echo", "x"], stdin=fd, stdout=wo, stderr=we,
                            env=child_env({"PATH": HOST_PATH, "PYBOX_STANDALONE": "1"}))
    finally:
        for x in (fd, wo, we):
            os.close(x)
    with os.fdopen(ro, "rb") as f:
        out = f.read()
    with os.fdopen(re_, "rb") as f:
        err = f.read()
    assert (out, err, process.exit_code(process.wait(pid))) == (b"x\n", b"xargs: error closing file\n", 1)


# -- the logical EOF string --------------------------------------------------------

@pytest.mark.parametrize("args", [["-E", "_"], ["-e_"], ["--eof=_"]])
def test_eof_string(xr, args):
    assert xr(*args, "echo", stdin=b"a b\n_\nc\n").out == b"a b\n"
    assert xr(*args, "echo", stdin=b"a b\n_ c\nd\n").out == b"a b\n"
    assert xr(*args, "echo", stdin=b"a b\nc _\nd\n").out == b"a b c\n"
    assert xr(*args, "echo", stdin=b"a _").out == b"a _\n"  # at end of input, not first: an argument
    assert xr(*args, "echo", stdin=b"'_'\nb\n").out == b"\n"  # quotes are removed first


def test_eof_string_off(xr):
    assert xr("-e", "echo", stdin=b"a\n_\nb\n").out == b"a _ b\n"
    assert xr("--eof", "echo", stdin=b"a\n_\nb\n").out == b"a _ b\n"
    assert xr("-E", "_", "-E", "", "echo", stdin=b"a\n_\nb\n").out == b"a _ b\n"


def test_eof_string_with_replace(xr):
    assert xr("-E", "_", "-I{}", "echo", "[{}]", stdin=b"a b\n_\nd\n").out == b"[a b]\n"


def test_eof_string_ignored_with_null(xr):
    r = xr("-0", "-E", "_", "printf", "[%s]", stdin=b"a\0_\0b")
    assert tuple(r) == (b"[a][_][b]", b"xargs: warning: the -E option has no effect if -0 or -d is used.\n\n", 0)


def test_eof_string_leaves_seekable_input_after_it(sh, tmp_path):
    f = tmp_path / "in"
    f.write_bytes(b"a b\nSTOP\nrest 1\nrest 2\n")
    r = sh("{ xargs -E STOP echo; cat; } < %s" % f)
    assert tuple(r) == (b"a b\nrest 1\nrest 2\n", b"", 0)


# -- -I, -i, --replace --------------------------------------------------------------

@pytest.mark.parametrize("args", [["-I", "{}"], ["-I{}"], ["-i"], ["--replace"], ["--replace={}"], ["-i{}"]])
def test_replace(xr, args):
    r = xr(*args, "printf", "<%s>", "[{}]", "x{}y{}", "{", stdin=b"  a b  \n\n c\t\n")
    assert tuple(r) == (b"<[a b  ]><xa b  ya b  ><{><[c\t]><xc\tyc\t><{>", b"", 0)


def test_replace_other_string(xr):
    assert xr("-I", "XX", "printf", "<%s>", "XXaXX", "b", stdin=b"1\n2 3\n").out == b"<1a1><b><2 3a2 3><b>"
    assert xr("-ix", "printf", "<%s>", "xyx", stdin=b"1\n").out == b"<1y1>"


def test_replace_without_initial_args(xr):
    assert tuple(xr("-I{}", stdin=b"a\nb\n")) == (b"\n\n", b"", 0)
    assert tuple(xr("-I{}", "echo", "{}", stdin=b"\n \n")) == (b"", b"", 0)


def test_replace_one_line_per_command_and_size_limit(xr):
    r = xr("-s", "20", "-I{}", "echo", "{}", stdin=b"ab\nabcdefghijklmn\n")
    assert tuple(r) == (b"ab\nabcdefghijklmn\n", b"", 0)
    r = xr("-s", "20", "-I{}", "echo", "{}", stdin=b"abcdefghijklmno\nab\n")
    assert tuple(r) == (b"", b"xargs: argument list too long\n", 1)
    r = xr("-s", "20", "-I{}", "echo", "{}", stdin=b"ab\nabcdefghijklmno\n")
    assert tuple(r) == (b"ab\n", b"xargs: argument line too long\n", 1)


def test_replace_empty_string_is_command_too_long(xr):
    assert tuple(xr("-I", "", "echo", "x", stdin=b"a\n")) == (b"", b"xargs: command too long\n", 1)


def test_replace_and_max_args_one(xr):
    assert tuple(xr("-I{}", "-n", "1", "echo", "[{}]", stdin=b"a b\nc\n")) == (b"[a b]\n[c]\n", b"", 0)


@pytest.mark.parametrize("args, err", [
    (["-n", "2", "-I{}"], "options --max-args and --replace/-I/-i are mutually exclusive, "
                          "ignoring previous --max-args value"),
    (["-I{}", "-n", "2"], "options --replace and --max-args/-n are mutually exclusive, "
                          "ignoring previous --replace value"),
    (["-L", "1", "-n", "2"], "options --max-lines and --max-args/-n are mutually exclusive, "
                             "ignoring previous --max-lines value"),
    (["-n", "2", "-L", "1"], "options --max-args and -L are mutually exclusive, "
                             "ignoring previous --max-args value"),
    (["-l", "-I{}"], "options --max-lines and --replace/-I/-i are mutually exclusive, "
                     "ignoring previous --max-lines value"),
    (["-I{}", "-l"], "options --replace and --max-lines/-l are mutually exclusive, "
                     "ignoring previous --replace value"),
    (["-I{}", "-L2"], "options --replace and -L are mutually exclusive, "
                      "ignoring previous --replace value"),
])
def test_mutually_exclusive_options(same, args, err):
    """The later option wins, with GNU's warning naming both."""
    r = same(*args, "echo", "[{}]", stdin=b"a b c\nd e\nf\n")
    assert r[1] == ("xargs: warning: %s\n" % err).encode() and r[2] == 0


# -- -L, -l, -n, -s, -x ------------------------------------------------------------

def test_max_lines(xr):
    data = b"a b \nc\nd \n e\nf\ng"  # a trailing blank continues a line
    assert xr("-L1", "echo", stdin=data).out == b"a b c\nd e\nf\ng\n"
    assert xr("-L", "2", "echo", stdin=data).out == b"a b c d e\nf g\n"
    assert xr("--max-lines=2", "echo", stdin=data).out == b"a b c d e\nf g\n"
    assert xr("--max-lines", "echo", stdin=data).out == b"a b c\nd e\nf\ng\n"
    assert xr("-l", "echo", stdin=data).out == b"a b c\nd e\nf\ng\n"
    assert xr("-l2", "echo", stdin=data).out == b"a b c d e\nf g\n"
    # an escaped trailing blank continues the line too, as GNU counts it
    assert xr("-L1", "printf", "<%s>", stdin=b"a\\ \nb c\nd\n").out == b"<a ><b><c><d>"
    # blank lines do not count
    assert xr("-L1", "echo", stdin=b"a\n\n\nb\n").out == b"a\nb\n"


def test_max_lines_with_delimiter_counts_items(xr):
    assert xr("-0", "-L2", "sh", "-c", 'echo "$@"', "sh", stdin=b"a\0b\0c").out == b"a b\nc\n"


def test_max_args(xr):
    assert xr("-n", "2", "echo", stdin=b"1 2 3 4 5\n").out == b"1 2\n3 4\n5\n"
    assert xr("--max-args=3", "echo", stdin=b"1 2 3 4 5\n").out == b"1 2 3\n4 5\n"
    assert xr("-n", " +2", "echo", stdin=b"1 2 3\n").out == b"1 2\n3\n"
    assert xr("-n", "99999999999999999999999", "echo", stdin=b"1 2 3\n").out == b"1 2 3\n"


@pytest.mark.parametrize("args, message", [
    (["-n", "abc"], 'invalid number "abc" for -n option'),
    (["-n", "0"], "value 0 for -n option should be >= 1"),
    (["-n", "-1"], "value -1 for -n option should be >= 1"),
    (["-n", "5x"], 'invalid number "5x" for -n option'),
    (["-L", "0"], "value 0 for -L option should be >= 1"),
    (["--max-lines=abc"], 'invalid number "abc" for -l option'),
    (["-P", "-1"], "value -1 for -P option should be >= 0"),
    (["-P", "99999999999"], "value 99999999999 for -P option should be <= 2147483647"),
    (["--max-procs", "x"], 'invalid number "x" for -P option'),
    (["-s", "x"], 'invalid number "x" for -s option'),
])
def test_bad_numbers(xr, args, message):
    r = xr(*args, "echo", stdin=b"a\n")
    assert tuple(r) == (b"", ("xargs: %s\nTry 'xargs --help' for more information.\n" % message).encode(), 1)


def test_max_chars(xr):
    data = b"".join(b"%d\n" % i for i in range(1, 31))
    r = xr("-s", "20", "echo", stdin=data)
    assert r.out.split(b"\n")[:3] == [b"1 2 3 4 5 6 7", b"8 9 10 11 12", b"13 14 15 16 17"]
    assert all(len(line) + 1 <= 20 for line in r.out.split(b"\n"))
    assert xr("--max-chars=20", "echo", stdin=data).out == r.out


@pytest.mark.parametrize("size, err", [
    ("0", b"xargs: value 0 for -s option should be >= 1\n"
          b"xargs: cannot fit single argument within argument list size limit\n"),
    ("5", b"xargs: argument line too long\n"),
    ("6", b"xargs: argument line too long\n"),
    ("4", b"xargs: cannot fit single argument within argument list size limit\n"),
])
def test_max_chars_too_small(xr, size, err):
    assert tuple(xr("-s", size, "echo", stdin=b"a\n")) == (b"", err, 1)


def test_max_chars_too_big_is_clamped(xr):
    r = xr("-s", "99999999999", "echo", stdin=b"a\n")
    assert r.out == b"a\n" and r.status == 0
    assert r.err.startswith(b"xargs: value 99999999999 for -s option should be <= ")


def test_argument_line_too_long_runs_what_came_before(xr):
    r = xr("-s", "20", "echo", stdin=b"a b " + b"c" * 20 + b"\n")
    assert tuple(r) == (b"a b\n", b"xargs: argument line too long\n", 1)


def test_exit_option(xr):
    data = b"".join(b"%d\n" % i for i in range(30))
    r = xr("-x", "-s", "14", "-n", "5", "echo", stdin=data)
    assert tuple(r) == (b"", b"xargs: argument list too long\n", 1)
    r = xr("--exit", "-s", "14", "echo", stdin=b"1 2 3 4 5\n")  # without -n/-L, -x lets it split
    assert tuple(r) == (b"1 2 3 4\n5\n", b"", 0)
    r = xr("-s", "14", "-n", "5", "echo", stdin=b"1 2 3 4 5\n")
    assert tuple(r) == (b"1 2 3 4\n5\n", b"", 0)


def test_show_limits(xr):
    r = xr("--show-limits", "-r", "echo", stdin=b"")
    lines = r.err.decode().split("\n")
    assert lines[0].startswith("Your environment variables take up ")
    assert lines[1].startswith("POSIX upper limit on argument length (this system): ")
    assert lines[2] == "POSIX smallest allowable upper limit on argument length (all systems): 4096"
    assert lines[3].startswith("Maximum length of command we could actually use: ")
    assert lines[4] == "Size of command buffer we are actually using: 131072"
    assert lines[5] == "Maximum parallelism (--max-procs must be no greater): 2147483647"
    env = int(lines[0].split()[-2])
    upper = int(lines[1].split()[-1])
    assert upper == os.sysconf("SC_ARG_MAX") - env - 2048
    assert int(lines[3].split()[-1]) == upper - env
    assert (r.out, r.status) == (b"", 0)


def test_show_limits_same_as_gnu(same):
    same("--show-limits", "-r", "echo", stdin=b"")
    same("--show-limits", "-s", "5000", "echo", stdin=b"a\n")


# -- -t, -p, -o ------------------------------------------------------------------

def test_verbose_quoting(xr):
    r = xr("-t", "true", stdin=b"a:b c~d ~e #f g#h x=y {} [a] a*b\n")
    assert r.err == b"true a:b c~d '~e' '#f' g#h 'x=y' {} '[a]' 'a*b'\n"
    r = xr("--verbose", "-d", "\\n", "true", stdin=b"a\tb\x01c \xff\n")
    assert r.err == b"true 'a'$'\\t''b'$'\\001''c '$'\\377'\n"
    r = xr("-t", "-d", "\\n", "true", stdin=b"it's\n")
    assert r.err == b"true \"it's\"\n"


def test_verbose_utf8_locale(xr):
    assert xr("-t", "true", stdin="\u00e9\n".encode(), env={"LC_ALL": "C.UTF-8"}).err == "true \u00e9\n".encode()
    assert xr("-t", "true", stdin="\u00e9\n".encode()).err == b"true ''$'\\303\\251'\n"


def test_verbose_write_error(bindir):
    """-t cannot write its line: nothing runs, status 1."""
    p = subprocess.run(["/bin/sh", "-c", "exec xargs -t echo 2>/dev/full"], input=b"a\n",
                       stdout=subprocess.PIPE, env=child_env({"PATH": bindir + ":" + PYDIR + ":" + HOST_PATH}))
    assert (p.stdout, p.returncode) == (b"", 1)


def pty_run(argv, env, answers=(), stdin_data=None, typed=None, timeout=20):
    """Run argv on a new terminal (stdin from a pipe when stdin_data is
    given); answer each `?...` prompt in turn; return (output, status)."""
    pid, master = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            if stdin_data is not None:
                r, w = os.pipe()
                os.write(w, stdin_data)
                os.close(w)
                os.dup2(r, 0)
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    out = b""
    answers = list(answers)
    prompts = 0
    if typed:
        time.sleep(0.5)
        os.write(master, typed)
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            ready = select.select([master], [], [], 1)[0]
            if not ready:
                continue
            b = os.read(master, 1024)
        except OSError:
            break
        if not b:
            break
        out += b
        if answers and out.count(b"?...") > prompts:
            prompts += 1
            os.write(master, answers.pop(0))
    os.close(master)
    _, status = os.waitpid(pid, 0)
    return out, os.waitstatus_to_exitcode(status)


@pytest.fixture(scope="session")
def tty_env(bindir):
    return child_env({"PATH": bindir + ":" + PYDIR + ":" + HOST_PATH})


@pytest.fixture(scope="session")
def tty_xargs(bindir):
    return os.path.join(bindir, "xargs")


def test_interactive(tty_xargs, tty_env):
    out, status = pty_run([tty_xargs, "-p", "-n1", "/bin/echo"], tty_env,
                          [b"y\n", b"n\n", b"Yes\n"], b"a b c\n")
    assert (out, status) == (b"/bin/echo a?...y\r\na\r\n/bin/echo b?...n\r\n/bin/echo c?...Yes\r\nc\r\n", 0)
    out, status = pty_run([tty_xargs, "--interactive", "/bin/echo"], tty_env, [b"no\n"], b"a\n")
    assert (out, status) == (b"/bin/echo a?...no\r\n", 0)


def test_interactive_without_terminal(bindir):
    """No controlling terminal: the command line is shown, then the error."""
    r = subprocess.run(["setsid", "-w", os.path.join(bindir, "xargs"), "-p", "echo"],
                       input=b"a\n", stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=child_env({"PATH": PYDIR + ":" + HOST_PATH}))
    assert (r.stdout, r.returncode) == (b"", 1)
    assert r.stderr == b"echo axargs: failed to open /dev/tty for reading: No such device or address\n"


def test_open_tty(tty_xargs, tty_env):
    out, status = pty_run([tty_xargs, "-o", "sh", "-c", "read x; echo got $x $0"], tty_env,
                          stdin_data=b"A\n", typed=b"typed\n")
    assert (out, status) == (b"typed\r\ngot typed A\r\n", 0)
    out, status = pty_run([tty_xargs, "--open-tty", "sh", "-c", "[ -t 0 ] && echo tty"], tty_env,
                          stdin_data=b"A\n")
    assert (out, status) == (b"tty\r\n", 0)


def test_show_limits_on_a_terminal(tty_xargs, tty_env):
    out, status = pty_run([tty_xargs, "--show-limits", "echo"], tty_env, typed=b"\x04")
    assert b"\r\nExecution of xargs will continue now, and it will try to read its input and run commands; " \
           b"if this is not what you wanted to happen, please type the end-of-file keystroke.\r\n" \
           b"Warning: echo will be run at least once.  If you do not want that to happen, then press the " \
           b"interrupt keystroke.\r\n" in out
    assert status == 0


# -- exit statuses ----------------------------------------------------------------

def test_status_123(xr):
    r = xr("-n1", "sh", "-c", "echo $0; [ $0 = b ] && exit 1; exit 0", stdin=b"a\nb\nc\n")
    assert tuple(r) == (b"a\nb\nc\n", b"", 123)
    assert xr("sh", "-c", "exit 125", stdin=b"a\n").status == 123
    assert xr("sh", "-c", "exit 127", stdin=b"a\n").status == 123


def test_status_124_stops(xr):
    r = xr("-n1", "sh", "-c", "echo $0; [ $0 = b ] && exit 255; exit 0", stdin=b"a\nb\nc\n")
    assert tuple(r) == (b"a\nb\n", b"xargs: sh: exited with status 255; aborting\n", 124)


def test_status_125_signal(xr):
    r = xr("-n1", "sh", "-c", "echo $0; kill -9 $$", stdin=b"a\nb\n")
    assert tuple(r) == (b"a\n", b"xargs: sh: terminated by signal 9\n", 125)


def test_earlier_failure_wins_when_stopping(xr):
    r = xr("-n1", "sh", "-c", "echo $0; [ $0 = b ] && exit 255; exit 1", stdin=b"a\nb\nc\n")
    assert tuple(r) == (b"a\nb\n", b"xargs: sh: exited with status 255; aborting\n", 123)
    # ... unless the stop comes while waiting for the last command
    r = xr("-n1", "sh", "-c", "[ $0 = b ] && exit 255; exit 1", stdin=b"a\nb\n")
    assert tuple(r) == (b"", b"xargs: sh: exited with status 255; aborting\n", 124)


def test_status_126_127(xr, tmp_path):
    assert tuple(xr("no-such-command-x", stdin=b"a\n")) == \
        (b"", b"xargs: no-such-command-x: No such file or directory\n", 127)
    f = tmp_path / "plain"
    f.write_text("x")
    assert tuple(xr(str(f), stdin=b"a\n")) == (b"", b"xargs: %s: Permission denied\n" % str(f).encode(), 126)
    assert tuple(xr(str(tmp_path), stdin=b"a\n")) == \
        (b"", b"xargs: %s: Permission denied\n" % str(tmp_path).encode(), 126)


def test_script_without_shebang_runs_with_sh(xr, tmp_path):
    f = tmp_path / "script"
    f.write_text('echo "hi $*"\n')
    f.chmod(0o755)
    assert tuple(xr(str(f), stdin=b"a b\n")) == (b"hi a b\n", b"", 0)


def test_help_and_version(xr, gx):
    r = xr("--help")
    assert r.status == 0 and r.err == b""
    g = gx("--help")[0]
    # GNU's text up to its bug-report trailer
    assert g.startswith(r.out)
    assert r.out.startswith(b"Usage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...\n")
    assert r.out.endswith(b"      --version                output version information and exit\n")
    r = xr("--version")
    assert r.status == 0 and r.out.startswith(b"xargs (pybox) ")
    assert xr("--help", "--bogus").status == 0  # options are handled in order


@pytest.mark.parametrize("args, err", [
    (["--v"], "option '--v' is ambiguous; possibilities: '--verbose' '--version'"),
    (["--e"], "option '--e' is ambiguous; possibilities: '--eof' '--exit'"),
    (["-k"], "invalid option -- 'k'"),
    (["--bogus"], "unrecognized option '--bogus'"),
    (["-P"], "option requires an argument -- 'P'"),
    (["--max-args"], "option '--max-args' requires an argument"),
    (["--null=3"], "option '--null' doesn't allow an argument"),
])
def test_bad_options(xr, args, err):
    assert tuple(xr(*args, stdin=b"a\n")) == \
        (b"", ("xargs: %s\nTry 'xargs --help' for more information.\n" % err).encode(), 1)


def test_options_stop_at_the_command(xr):
    assert xr("echo", "-n", "x", stdin=b"a\n").out == b"x a"
    assert xr("--", "echo", "-n", "x", stdin=b"a\n").out == b"x a"
    assert xr("-n1", "--", "-x", stdin=b"a\n").status == 127


def test_process_slot_var(xr):
    r = xr("-n1", "--process-slot-var=SLOT", "sh", "-c", "echo $0 $SLOT", stdin=b"a\nb\n")
    assert tuple(r) == (b"a 0\nb 0\n", b"", 0)
    r = xr("--process-slot-var=SLOT", "sh", "-c", "echo ${SLOT-unset}", stdin=b"a\n", env={"SLOT": "7"})
    assert r.out == b"0\n"
    r = xr("--process-slot-var=A=B", "echo", stdin=b"a\n")
    assert tuple(r) == (b"", b"xargs: option --process-slot-var may not be set to a value which includes `='\n", 1)
    r = xr("--process-slot-var=", "echo", stdin=b"a\n")
    assert tuple(r) == (b"", b"xargs: failed to unset environment variable : Invalid argument\n", 1)


# -- applets without a new interpreter ----------------------------------------------

def test_commands_that_are_pybox_run_in_a_fork(bindir):
    """With only pybox's links on PATH (no python3 there), a link started
    by exec could not even find its interpreter: the applets run forked."""
    p = subprocess.run([sys.executable, "-I", "-S", os.path.join(bindir, "xargs"), "-n", "2", "cat"],
                       input=b"-\n/nonexistent\n", stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=child_env({"PATH": bindir}))
    assert p.stdout == b""
    assert p.stderr == b"cat: /nonexistent: No such file or directory\n"
    assert p.returncode == 123
    p = subprocess.run([sys.executable, "-I", "-S", os.path.join(bindir, "xargs")],
                       input=b"--version\n", stdout=subprocess.PIPE, env=child_env({"PATH": bindir}))
    assert p.stdout.startswith(b"echo (pybox) ") and p.returncode == 0


def test_default_echo_is_gnus_when_path_says_so(xr):
    r = xr(stdin=b"--version\n")
    assert b"GNU coreutils" in r.out and r.status == 0


# -- -P --------------------------------------------------------------------------

WAIT_FOR = ('touch "$D/$0"; i=0; while [ $i -lt 100 ]; do [ -e "$D/$1" ] && { echo "$0 saw $1"; exit 0; }; '
            'sleep 0.05; i=$((i+1)); done; echo "$0 alone"')


def test_max_procs_runs_in_parallel(xr, tmp_path):
    r = xr("-P", "2", "-n", "2", "sh", "-c", WAIT_FOR, stdin=b"a b b a\n", env={"D": str(tmp_path)})
    assert sorted(r.out.split(b"\n")) == [b"", b"a saw b", b"b saw a"]
    assert r.status == 0


def test_max_procs_zero_is_unlimited(xr, tmp_path):
    r = xr("--max-procs=0", "-n", "2", "sh", "-c", WAIT_FOR, stdin=b"a b b a\n", env={"D": str(tmp_path)})
    assert sorted(r.out.split(b"\n")) == [b"", b"a saw b", b"b saw a"]


def test_parallel_output_is_relayed_by_whole_lines(xr):
    """Each command writes half a line, waits, writes the rest: GNU would
    mix them; pybox relays whole lines (stdout and stderr each)."""
    script = 'printf "%s-" "$0"; sleep 0.2; printf "%s\\n" "$0"; printf "e%s-" "$0" >&2; sleep 0.1; echo "e$0" >&2'
    r = xr("-P", "4", "-n", "1", "sh", "-c", script, stdin=b"1 2 3 4\n")
    assert sorted(r.out.split(b"\n")) == [b"", b"1-1", b"2-2", b"3-3", b"4-4"]
    assert sorted(r.err.split(b"\n")) == [b"", b"e1-e1", b"e2-e2", b"e3-e3", b"e4-e4"]
    assert r.status == 0


def test_parallel_output_without_final_newline(xr):
    r = xr("-P", "2", "-n", "1", "printf", "%s", stdin=b"abc def\n")
    assert sorted([r.out[:3], r.out[3:]]) == [b"abc", b"def"]


def test_parallel_statuses(xr):
    r = xr("-P3", "-n1", "sh", "-c", "sleep 0.$0; echo $0; [ $0 = 2 ] && exit 255; exit 1", stdin=b"1\n2\n3\n")
    assert r.status == 124
    assert r.err == b"xargs: sh: exited with status 255; aborting\n"
    assert set(r.out.split(b"\n")) >= {b"2"}


def test_parallel_slots(xr):
    r = xr("-P", "3", "-n", "1", "--process-slot-var=S", "sh", "-c", "sleep 0.3; echo $S", stdin=b"a b c\n")
    assert sorted(r.out.split(b"\n")) == [b"", b"0", b"1", b"2"]


def test_sigusr1_and_sigusr2_change_the_limit(bindir, tmp_path):
    """-P1 runs one at a time; SIGUSR1 lets a second start while the first
    waits; SIGUSR2 takes it back to one."""
    go = tmp_path / "go"
    script = ('touch "$D/started.$0"; while [ ! -e "$D/go" ]; do sleep 0.05; done')
    p = subprocess.Popen([os.path.join(bindir, "xargs"), "-P", "1", "-n", "1", "sh", "-c", script],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=child_env({"D": str(tmp_path), "PATH": PYDIR + ":" + HOST_PATH}))
    p.stdin.write(b"1 2 3\n")
    p.stdin.close()
    p.stdin = None

    def wait_for(name):
        for _ in range(200):
            if (tmp_path / name).exists():
                return True
            time.sleep(0.05)
        return False
    try:
        assert wait_for("started.1")
        time.sleep(0.3)
        assert not (tmp_path / "started.2").exists()
        p.send_signal(signal.SIGUSR1)
        assert wait_for("started.2")
        p.send_signal(signal.SIGUSR2)
        go.write_text("")
        out, err = p.communicate(timeout=30)
    finally:
        if p.poll() is None:
            p.kill()
    assert (tmp_path / "started.3").exists()
    assert (err, p.returncode) == (b"", 0)


# -- grouping, against GNU ----------------------------------------------------------

def test_seq_against_gnu(same):
    data = b"".join(b"%d\n" % i for i in range(1, 30001))
    same("echo", stdin=data)
    same("-n", "7", "echo", stdin=data[:2000])
    same("-s", "3000", "echo", stdin=data)
    same("-d", "\\n", "-s", "5000", "echo", stdin=data)
    same("-0", "echo", stdin=data.replace(b"\n", b"\0"))
    same("-L", "3", "echo", stdin=data[:3000])


@pytest.mark.parametrize("var, limit", [
    ("__GNU_FINDUTILS_EXEC_ARG_COUNT_LIMIT", "5"),
    ("__GNU_FINDUTILS_EXEC_ARG_COUNT_LIMIT", "2"),
    ("__GNU_FINDUTILS_EXEC_ARG_LENGTH_LIMIT", "12"),
    ("__GNU_FINDUTILS_EXEC_ARG_LENGTH_LIMIT", "40"),
])
def test_e2big_retries_with_fewer_arguments(same, var, limit):
    """exec's E2BIG (simulated with GNU's testing variables) makes xargs
    try fewer arguments, bisecting as GNU does; -t shows the whole line."""
    data = b"".join(b"%d\n" % i for i in range(1, 41))
    same("echo", stdin=data, env={var: limit})
    same("-t", "-n", "7", "echo", stdin=data, env={var: limit})


@pytest.mark.parametrize("var, limit, err", [
    ("__GNU_FINDUTILS_EXEC_ARG_COUNT_LIMIT", "1", b"xargs: can't call exec() due to argument size restrictions\n"),
    ("__GNU_FINDUTILS_EXEC_ARG_LENGTH_LIMIT", "x",
     b"xargs: Environment variable __GNU_FINDUTILS_EXEC_ARG_LENGTH_LIMIT is not set to a valid decimal number\n"),
])
def test_e2big_errors(xr, var, limit, err):
    assert tuple(xr("echo", stdin=b"1 2\n", env={var: limit})) == (b"", err, 1)


def test_many_execs_against_gnu(same):
    data = b"".join(b"w%d " % i for i in range(400)) + b"\n"
    same("-n", "3", "-t", "echo", stdin=data)
    same("-s", "40", "-t", "echo", stdin=data)


def test_long_line_against_gnu(same):
    data = b" ".join(b"%d" % i for i in range(200000)) + b"\n"  # longer than a read chunk
    same("echo", stdin=data)
    same("-x", "-L", "1", "echo", stdin=b"1 2 3\n" + data)


def test_mixed_quoting_against_gnu(same):
    lines = []
    for i in range(2000):
        lines.append(b"'q %d' plain%d \"d %d\"\n" % (i, i, i) if i % 97 == 0 else b"plain%d x\n" % i)
    same("echo", stdin=b"".join(lines))
    same("-E", "plain1500", "echo", stdin=b"".join(lines))


def test_edge_cases_against_gnu(same):
    for args, data in [
        (["-E", "_", "-t", "printf", "<%s>"], b"a\n_\0x y\nb\n"),  # compared as C strings
        (["-E", "_", "-I{}", "echo", "{}"], b"a\n_\0x\nb\n"),
        (["-t", "true"], b"\n\n\"\"\n"),
        (["echo"], b"a ''"),
        (["-E", "_", "echo"], b"a _ b"),
        (["-L2", "-t", "echo"], b"a\nb\nc\nd\ne\n"),
        (["-I{}", "-t", "echo", "{}", "x{}y"], b"a b\n"),
        (["-s", "20", "-I{}", "echo", "1234567890{}"], b"abc\n"),
        (["-n2", "-x", "-s", "11", "echo"], b"1 22 3\n"),
        (["-t", "echo"], b"a\r b\x0b c\x0c d \r\n e"),
        (["-d", "\\x-1", "echo"], b"a"),
        (["-d", "\\08", "echo"], b"a"),
        (["--replace", "echo", "{}yx"], b"1\n"),
        (["-P", "0", "-n1", "echo"], b"a\n"),
        (["-s", "1"], b"a\n"),
    ]:
        same(*args, stdin=data)


ALPHABET = "ab _\t\n'\"\\\r\x0b\0"
OPTION_SETS = [[], ["-n1"], ["-n", "2"], ["-L1"], ["-L", "2"], ["-s", "14"], ["-s", "24"],
               ["-x", "-n2", "-s", "16"], ["-E", "_"], ["-r"], ["-e"], ["-l"]]


def gnu_result(gnu_xargs, args, data):
    p = subprocess.run(["xargs"] + args, executable=gnu_xargs, input=data, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=child_env({"PATH": HOST_PATH}), timeout=60)
    return p.stdout, p.stderr, p.returncode


@settings(max_examples=60)
@given(data=st.text(alphabet=ALPHABET, max_size=40), opts=st.sampled_from(OPTION_SETS))
def test_splitting_and_grouping_against_gnu(inproc, gnu_xargs, data, opts):
    args = opts + ["-t", "printf", "[%s]"]
    raw = data.encode()
    got = tuple(inproc("xargs", *args, stdin=raw, env={"PATH": HOST_PATH}))
    assert got == gnu_result(gnu_xargs, args, raw)


@settings(max_examples=40)
@given(data=st.text(alphabet="ab _\t\n'\\", max_size=40),
       opts=st.sampled_from([["-I{}"], ["-i"], ["-I", "a"], ["-I{}", "-s", "18"], ["-I{}", "-E", "_"]]))
def test_replace_against_gnu(inproc, gnu_xargs, data, opts):
    args = opts + ["-t", "printf", "<%s>", "x{}y", "a{}"]
    raw = data.encode()
    got = tuple(inproc("xargs", *args, stdin=raw, env={"PATH": HOST_PATH}))
    assert got == gnu_result(gnu_xargs, args, raw)


@settings(max_examples=40)
@given(items=st.lists(st.binary(min_size=0, max_size=6).filter(lambda b: b"x" not in b), max_size=8),
       opts=st.sampled_from([["-0"], ["-d", "x"], ["-0", "-n2"], ["-d", "x", "-L", "2"], ["-0", "-s", "16"],
                             ["-0", "-I{}"]]), tail=st.booleans())
def test_delimited_against_gnu(inproc, gnu_xargs, items, opts, tail):
    delim = b"\0" if "-0" in opts else b"x"
    raw = delim.join(items) + (delim if tail and items else b"")
    args = opts + ["-t", "printf", "[%s]"] + (["{}"] if "-I{}" in opts else [])
    got = tuple(inproc("xargs", *args, stdin=raw, env={"PATH": HOST_PATH}))
    assert got == gnu_result(gnu_xargs, args, raw)
