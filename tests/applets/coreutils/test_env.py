"""env: -i, -, -u, NAME=VALUE, -0, -C, -S (quotes, escapes, ${VAR},
comments, option parsing over the split words), -v, the signal options,
running applets and programs, the 125/126/127 statuses and messages, and
differential tests against GNU."""
import os
import signal

import pytest

TRY = b"Try 'env --help' for more information.\n"


def test_print_environment(run, via):
    r = run("env", "-i", "A=1", "B=x y", via=via)
    assert tuple(r) == (b"A=1\nB=x y\n", b"", 0)


def test_null(run):
    assert tuple(run("env", "-i", "-0", "A=1", "B=2")) == (b"A=1\0B=2\0", b"", 0)
    assert tuple(run("env", "--null", "-i", "A=1")) == (b"A=1\0", b"", 0)


def test_dash_means_ignore(run):
    assert tuple(run("env", "-", "A=1")) == (b"A=1\n", b"", 0)
    assert tuple(run("env", "--", "-", "A=1")) == (b"A=1\n", b"", 0)
    assert tuple(run("env", "-i")) == (b"", b"", 0)


def test_set_replaces_in_place(run):
    r = run("env", "-i", "A=1", "B=2", "A=3")
    assert r.out == b"A=3\nB=2\n"
    assert run("env", "-i", "=x").out == b"=x\n"
    assert run("env", "-i", "A==b").out == b"A==b\n"


def test_unset(run):
    r = run("env", "-u", "HOME", "--unset=PATH", env={"HOME": "/h", "KEEP": "k"})
    names = [line.partition(b"=")[0] for line in r.out.splitlines()]
    assert b"HOME" not in names and b"PATH" not in names and b"KEEP" in names
    assert tuple(run("env", "-u", "a=b", "true")) == (b"", b"env: cannot unset 'a=b': Invalid argument\n", 125)
    assert tuple(run("env", "-u", "", "true")) == (b"", b"env: cannot unset '': Invalid argument\n", 125)


def test_non_utf8(run):
    r = run("env", "-i", b"A=\xff\xfe")
    assert r.out == b"A=\xff\xfe\n"


def test_runs_programs(run, tmp_path):
    assert tuple(run("env", "-i", "A=1", "/bin/sh", "-c", "echo $A")) == (b"1\n", b"", 0)
    assert run("env", "-i", "PATH=/bin:/usr/bin", "sh", "-c", "exit 7").status == 7
    script = tmp_path / "noshebang"
    script.write_bytes(b"echo from-sh $0\n")
    os.chmod(str(script), 0o755)
    assert run("env", str(script)).out == b"from-sh %s\n" % str(script).encode()


def test_runs_applets_in_process(run):
    r = run("env", "PYBOX_STANDALONE=1", "expr", "--version")
    assert r.status == 0 and r.out.startswith(b"expr (pybox) ")
    r = run("env", "-i", "PYBOX_STANDALONE=1", "A=1", "printenv")
    assert tuple(r) == (b"PYBOX_STANDALONE=1\nA=1\n", b"", 0)
    assert run("env", "PYBOX_STANDALONE=1", "false").status == 1


def test_not_found_and_not_executable(run, tmp_path):
    assert tuple(run("env", "nonexist")) == (b"", b"env: 'nonexist': No such file or directory\n", 127)
    assert tuple(run("env", "")) == (b"", b"env: '': No such file or directory\n", 127)
    assert tuple(run("env", "a b")) == (b"", b"env: 'a b': No such file or directory\n"
                                        b"env: use -[v]S to pass options in shebang lines\n", 127)
    assert tuple(run("env", str(tmp_path))) == (b"", b"env: '%s': Permission denied\n" % str(tmp_path).encode(), 126)
    f = tmp_path / "plain"
    f.write_bytes(b"")
    assert run("env", str(f)).status == 126  # no x bit stops root too


def test_chdir(run, tmp_path):
    assert tuple(run("env", "-C", str(tmp_path), "pwd")) == (str(tmp_path).encode() + b"\n", b"", 0)
    assert tuple(run("env", "--chdir=/", "/bin/pwd")) == (b"/\n", b"", 0)
    assert tuple(run("env", "-C", "/nonexist", "true")) == (
        b"", b"env: cannot change directory to '/nonexist': No such file or directory\n", 125)
    assert tuple(run("env", "-C", "/tmp")) == (b"", b"env: must specify command with --chdir (-C)\n" + TRY, 125)


def test_usage_errors(run):
    assert tuple(run("env", "-0", "true")) == (b"", b"env: cannot specify --null (-0) with command\n" + TRY, 125)
    assert tuple(run("env", "-x")) == (b"", b"env: invalid option -- 'x'\n" + TRY, 125)
    assert tuple(run("env", "-u")) == (b"", b"env: option requires an argument -- 'u'\n" + TRY, 125)
    assert tuple(run("env", "--foo")) == (b"", b"env: unrecognized option '--foo'\n" + TRY, 125)
    assert run("env", "--i", "true").status == 125  # ambiguous


def test_options_stop_at_first_operand(run):
    assert tuple(run("env", "-i", "/bin/echo", "-i", "-u", "x")) == (b"-i -u x\n", b"", 0)


def test_help_version(run):
    r = run("env", "--help")
    assert r.status == 0 and b"--split-string=S" in r.out and b"--block-signal[=SIG]" in r.out
    assert run("env", "--version").out.startswith(b"env (pybox) ")


# -- -S -------------------------------------------------------------------------------

@pytest.mark.parametrize("s, words", [
    ("a b  c", ["a", "b", "c"]),
    ("'a b' \"c d\"", ["a b", "c d"]),
    ("a\\_b \"c\\_d\"", ["a", "b", "c d"]),
    ("\\\"\\#\\$\\\\\\'", ["\"#$\\'"]),
    ("'x\\\\y\\'z\\n'", ["x\\y'z\\n"]),
    ("\"${HOME}x\" y${HOME}", ["/h/x", "y/h/"]),
    ("${NOPE}", []),
    ("'' \"\"", ["", ""]),
    ("a#b #c d", ["a#b"]),
    ("\\#a", ["#a"]),
    ("a\\c b", ["a"]),
    ("\\n\\t\\f\\v\\r", ["\n\t\f\v\r"]),
    ("\"a\"b'c'", ["abc"]),
    ("\t a\n", ["a"]),
])
def test_split_words(run, s, words):
    # the split words follow `sh`; ${HOME} is expanded from env's own environment
    r = run("env", "-S", "/bin/sh -c 'printf \"[%s]\" \"$@\"' sh " + s, env={"HOME": "/h/"})
    assert tuple(r) == ("".join("[%s]" % w for w in words).encode() if words else b"[]", b"", 0)


@pytest.mark.parametrize("s, err", [
    ("\"a", b"env: no terminating quote in -S string\n"),
    ("'a", b"env: no terminating quote in -S string\n"),
    ("a\\", b"env: invalid backslash at end of string in -S\n"),
    ("a\\x", b"env: invalid sequence '\\x' in -S\n"),
    ("\"\\c\"", b"env: '\\c' must not appear in double-quoted -S string\n"),
    ("echo $HOME", b"env: only ${VARNAME} expansion is supported, error at: $HOME\n"),
    ("x${", b"env: only ${VARNAME} expansion is supported, error at: ${\n"),
    ("x${1A}y", b"env: only ${VARNAME} expansion is supported, error at: ${1A}y\n"),
    ("x${}", b"env: only ${VARNAME} expansion is supported, error at: ${}\n"),
])
def test_split_errors(run, s, err):
    assert tuple(run("env", "-S", s)) == (b"", err, 125)


def test_split_words_are_parsed_as_options(run):
    assert tuple(run("env", "-S", "-i A=1 B=2")) == (b"A=1\nB=2\n", b"", 0)
    assert tuple(run("env", "-i", "-S", "A=1", "B=2")) == (b"A=1\nB=2\n", b"", 0)
    assert tuple(run("env", "-S/bin/echo -S", "y", "a")) == (b"-S y a\n", b"", 0)
    assert tuple(run("env", "--split-string=-u", "HOME", "-i", "X=1")) == (b"X=1\n", b"", 0)


def test_shebang(tmp_path, bindir):
    import subprocess
    script = tmp_path / "script"
    script.write_bytes(b"#!%s/env -S sh -c 'echo \"$0|$1\"' arg0\n" % bindir.encode())
    os.chmod(str(script), 0o755)
    from conftest import child_env
    p = subprocess.run([str(script)], capture_output=True, env=child_env())
    if p.returncode != 0 and b"exec format" in p.stderr.lower():
        pytest.skip("the kernel does not run a script as an interpreter")
    assert (p.stdout, p.returncode) == (b"arg0|%s\n" % str(script).encode(), 0)


# -- -v ---------------------------------------------------------------------------------

def test_debug(run):
    r = run("env", "-v", "-i", "-C", "/", "A=1", "true", "x", "y z")
    assert r.err == (b"cleaning environ\nsetenv:   A=1\nchdir:    '/'\nexecuting: true\n"
                     b"   arg[0]= 'true'\n   arg[1]= 'x'\n   arg[2]= 'y z'\n")
    r = run("env", "-vS", "true '' ${NOPE}")
    assert r.err == (b"replacing ${NOPE} with null string\nsplit -S:  'true \\'\\' ${NOPE}'\n"
                     b" into:    'true'\n     &    ''\nexecuting: true\n   arg[0]= 'true'\n   arg[1]= ''\n")
    r = run("env", "-v", "-u", "X", "--debug", "true")
    assert r.err == b"unset:    X\nexecuting: true\n   arg[0]= 'true'\n"


# -- signals --------------------------------------------------------------------------

def _sigmask(run, *opts, field="SigIgn"):
    r = run("env", *opts, "grep", "^%s:" % field, "/proc/self/status")
    assert r.status == 0, r
    return int(r.out.split()[1], 16)


def test_ignore_and_default(run):
    mask = _sigmask(run, "--ignore-signal=USR1,term")
    assert mask & (1 << (signal.SIGUSR1 - 1)) and mask & (1 << (signal.SIGTERM - 1))
    mask = _sigmask(run, "--ignore-signal=USR1", "--default-signal=USR1")
    assert not mask & (1 << (signal.SIGUSR1 - 1))
    # Python ignores SIGXFSZ; a command started by env must not inherit that
    assert not _sigmask(run) & (1 << (signal.SIGXFSZ - 1))


def test_block(run):
    mask = _sigmask(run, "--block-signal=HUP,SIGINT", field="SigBlk")
    assert mask & 0b11 == 0b11


def test_list_signal_handling(run):
    r = run("env", "--ignore-signal=PIPE,INT", "--block-signal=HUP", "--ignore-signal=HUP",
            "--list-signal-handling", "true")
    assert tuple(r) == (b"", b"HUP        ( 1): BLOCK,IGNORE\nINT        ( 2): IGNORE\nPIPE       (13): IGNORE\n", 0)
    r = run("env", "--ignore-signal=RTMIN,RTMIN+1,RTMAX-1,64,129", "--list-signal-handling", "true")
    assert r.err == (b"HUP        ( 1): IGNORE\nRTMIN      (34): IGNORE\nRTMIN+1    (35): IGNORE\n"
                     b"RTMAX-1    (63): IGNORE\nRTMAX      (64): IGNORE\n")


def test_signal_errors(run):
    assert tuple(run("env", "--ignore-signal=FOO", "true")) == (b"", b"env: 'FOO': invalid signal\n" + TRY, 125)
    assert tuple(run("env", "--ignore-signal=0", "true")) == (b"", b"env: '0': invalid signal\n" + TRY, 125)
    assert tuple(run("env", "--ignore-signal=KILL", "true")) == (
        b"", b"env: failed to set signal action for signal 9: Invalid argument\n", 125)
    assert tuple(run("env", "--ignore-signal", "true")) == (b"", b"", 0)  # all, failures ignored


# -- against GNU --------------------------------------------------------------------------

GNU_CASES = [
    ["-i", "A=1", "B=2"], ["-i", "-0", "A=1"], ["-0", "true"], ["-C", "/tmp"], ["-u", "a=b", "true"],
    ["-i", "=x"], ["nonexist"], ["a b"], ["/etc/passwd"], ["/tmp"],
    ["-v", "-i", "-u", "X", "A=1", "-C", "/", "true", "x", "y z"], ["-C", "/nonexist", "true"],
    ["-i", "-S", "A=1 B=2 env"], ["-vS", "echo \"a b\"\\_c ${HOME} \\x"], ["-S", "a\\c b"], ["-S", "\"a"],
    ["-S", "'a\\nb'"], ["-S", "echo $HOME"], ["-S", "echo x\\"], ["-S", "\"\\c\""],
    ["-v", "-S", "echo a#b #c d"], ["-S", "-i A=1 env"], ["-", "A=1"],
    ["--ignore-signal=PIPE,INT", "--block-signal=HUP", "--list-signal-handling", "true"],
    ["--ignore-signal=FOO", "true"], ["--ignore-signal=KILL", "true"], ["--ignore-signal=65", "true"],
    ["-v", "--ignore-signal=INT,RTMAX-1", "--default-signal=PIPE", "--block-signal=HUP", "true"],
    ["-v", "--ignore-signal", "--block-signal", "true"], ["--ignore-signal=", "--list-signal-handling", "true"],
    ["--ignore-signal=HUP,,INT,269", "--list-signal-handling", "true"], ["-x"], ["--unset"], ["--i", "true"],
    ["-i", "sh", "-c", "echo $A"], ["-i", "A=1", "sh", "-c", "echo $A"],
    ["-v", "-S", "printf %s| a\\_b \"c\\_d\" \"${HOME}x\" '' #x y", "extra1", "extra 2"],
    ["-S", "x${1A}"], ["-S", "printf %s\\n\\_a\\tb\\vc"], ["-i", "-vS", ""], ["-S", "'\\c'"], ["-S", "x", "-S", "y"],
    ["-u", "HOME", "-u", "X", "-v"],
]


@pytest.mark.parametrize("args", GNU_CASES)
@pytest.mark.parametrize("lc", ["C", "C.UTF-8"])
def test_against_gnu(same_as_gnu, args, lc):
    same_as_gnu("env", *args, env={"LC_ALL": lc})
