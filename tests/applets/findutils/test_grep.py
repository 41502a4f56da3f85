"""grep, egrep, fgrep: every option through the real command line, exit
statuses and messages, binary files, encodings, recursion, context, colour,
the fast engines against the general one, and differential tests against
GNU grep 3.8 (/usr/bin/grep) on generated patterns and inputs."""
import os
import subprocess

import pytest
from hypothesis import given, settings, strategies as st

from conftest import child_env

GREP = "/usr/bin/grep"


def _is_gnu():
    try:
        out = subprocess.run([GREP, "--version"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    except OSError:
        return False
    return b"GNU grep" in out


HAVE_GNU = _is_gnu()
needs_gnu = pytest.mark.skipif(not HAVE_GNU, reason="GNU grep is not installed")

T = b"a1\nb\nc\na2\nd\ne\nf\na3\n"


@pytest.fixture
def d(tmp_path):
    """A directory with a few inputs."""
    (tmp_path / "t").write_bytes(T)
    (tmp_path / "f1").write_bytes(b"a\nb\n")
    (tmp_path / "f2").write_bytes(b"c\na\n")
    (tmp_path / "empty").write_bytes(b"")
    (tmp_path / "dir").mkdir()
    return tmp_path


def gnu(*args, stdin=b"", env=None, cwd=None):
    """GNU grep's (out, err, status); stdin is given as a regular file, as
    the in-process runner does."""
    import tempfile
    with tempfile.TemporaryFile() as f:
        f.write(stdin)
        f.seek(0)
        p = subprocess.run(["grep"] + [os.fsencode(a) if isinstance(a, str) else a for a in args], stdin=f,
                           executable=GREP,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env(env), cwd=cwd,
                           timeout=60)
    return p.stdout, p.stderr, p.returncode


@pytest.fixture
def same(inproc, monkeypatch):
    """same(*args, stdin=b"", env=None, cwd=None): pybox (in process) and
    GNU give the same stdout, stderr and status; returns the result."""
    def same(*args, stdin=b"", env=None, cwd=None):
        if not HAVE_GNU:
            pytest.skip("GNU grep is not installed")
        expected = gnu(*args, stdin=stdin, env=env, cwd=cwd)
        if cwd is not None:
            monkeypatch.chdir(cwd)
        got = tuple(inproc("grep", *args, stdin=stdin, env=env))
        assert got == expected, "grep %r" % (args,)
        return got
    return same


# -- the basics, through the real entry point -----------------------------------------

def test_match_no_match_error(run, d):
    assert tuple(run("grep", "a", "t", cwd=d)) == (b"a1\na2\na3\n", b"", 0)
    assert tuple(run("grep", "zz", "t", cwd=d)) == (b"", b"", 1)
    assert tuple(run("grep", "a", "nofile", cwd=d)) == (b"", b"grep: nofile: No such file or directory\n", 2)


def test_via_pybox(run, d):
    assert tuple(run("grep", "-c", "a", "t", cwd=d, via="pybox")) == (b"3\n", b"", 0)


def test_stdin_and_dash(run, d):
    assert tuple(run("grep", "b", stdin=b"a\nb\n")) == (b"b\n", b"", 0)
    assert tuple(run("grep", "a", "-", "t", stdin=b"xa\n", cwd=d)) == (
        b"(standard input):xa\nt:a1\nt:a2\nt:a3\n", b"", 0)
    assert tuple(run("grep", "--label=IN", "-H", "a", stdin=b"a\n")) == (b"IN:a\n", b"", 0)


def test_last_line_without_newline_gets_one(run):
    assert run("grep", "b", stdin=b"a\nb").out == b"b\n"
    assert run("grep", "-v", "a", stdin=b"a\nb").out == b"b\n"
    assert run("grep", "-c", "", stdin=b"").out == b"0\n"


def test_egrep_fgrep(run, d):
    assert tuple(run("egrep", "a(1|2)", "t", cwd=d)) == (b"a1\na2\n", b"", 0)
    assert tuple(run("fgrep", "a.", "t", cwd=d)) == (b"", b"", 1)
    assert tuple(run("fgrep", "-c", "a", "t", cwd=d)) == (b"3\n", b"", 0)
    # egrep is grep -E: messages come from grep
    r = run("fgrep", "-E", "a", "t", cwd=d)
    assert (r.err, r.status) == (b"grep: conflicting matchers specified\n", 2)
    r = run("egrep", "--bogus", "a")
    assert r.err == (b"grep: unrecognized option '--bogus'\nUsage: grep [OPTION]... PATTERNS [FILE]...\n"
                     b"Try 'grep --help' for more information.\n")
    assert r.status == 2


# -- exit statuses with -q and -s -------------------------------------------------------

@pytest.mark.parametrize("args, out, err, status", [
    (["-q", "a", "nofile", "t"], b"", b"grep: nofile: No such file or directory\n", 0),
    (["-q", "a", "t", "nofile"], b"", b"", 0),
    (["-q", "zz", "nofile", "t"], b"", b"grep: nofile: No such file or directory\n", 2),
    (["-sq", "zz", "nofile", "t"], b"", b"", 2),
    (["-s", "a", "nofile", "t"], b"t:a1\nt:a2\nt:a3\n", b"", 2),
    (["-s", "a", "dir"], b"", b"", 2),
    (["a", "dir"], b"", b"grep: dir: Is a directory\n", 2),
    (["-q", "zz", "t"], b"", b"", 1),
])
def test_quiet_and_silent(run, d, args, out, err, status):
    assert tuple(run("grep", *args, cwd=d)) == (out, err, status)


# -- command-line errors -----------------------------------------------------------------

USAGE = b"Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n"


@pytest.mark.parametrize("args, err, status", [
    ([], USAGE, 2),
    (["-x"], USAGE, 2),
    (["-k", "a"], b"grep: invalid option -- 'k'\n" + USAGE, 2),
    (["--foo", "a"], b"grep: unrecognized option '--foo'\n" + USAGE, 2),
    (["-e"], b"grep: option requires an argument -- 'e'\n" + USAGE, 2),
    (["--file"], b"grep: option '--file' requires an argument\n" + USAGE, 2),
    (["--co", "a"], b"grep: option '--co' is ambiguous; possibilities: '--context' '--color' '--colour' "
                    b"'--count'\n" + USAGE, 2),
    (["--f", "a"], b"grep: option '--f' is ambiguous; possibilities: '--fixed-regexp' '--file' "
                   b"'--files-with-matches' '--files-without-match'\n" + USAGE, 2),
    (["--d", "a"], b"grep: option '--d' is ambiguous; possibilities: '--devices' '--directories' "
                   b"'--dereference-recursive'\n" + USAGE, 2),
    (["-A", "x", "a"], b"grep: x: invalid context length argument\n", 2),
    (["-C", "-1", "a"], b"grep: -1: invalid context length argument\n", 2),
    (["--context=2x", "a"], b"grep: 2x: invalid context length argument\n", 2),
    (["-1234567890123456789012", "a"], b"grep: 123456789012345678901...: invalid context length argument\n", 2),
    (["-m", "x", "a"], b"grep: invalid max count\n", 2),
    (["-D", "foo", "a"], b"grep: unknown devices method\n", 2),
    (["--binary-files=foo", "a"], b"grep: unknown binary-files type\n", 2),
    (["-d", "foo", "a"], b"grep: invalid argument 'foo' for '--directories'\nValid arguments are:\n"
                         b"  - 'read'\n  - 'recurse'\n  - 'skip'\n" + USAGE, 1),
    (["-d", "re", "a"], b"grep: ambiguous argument 're' for '--directories'\nValid arguments are:\n"
                        b"  - 'read'\n  - 'recurse'\n  - 'skip'\n" + USAGE, 1),
    (["-E", "-F", "a"], b"grep: conflicting matchers specified\n", 2),
    (["-X", "foo", "a"], b"grep: invalid matcher foo\n", 2),
    (["-P", "-e", "a", "-e", "b"], b"grep: the -P option only supports a single pattern\n", 2),
    (["\\("], b"grep: Unmatched ( or \\(\n", 2),
    (["-E", "a{1,2"], b"", 1),
    (["-e", "\\(", "-e", "[", "-e", "ok"], b"grep: Unmatched ( or \\(\ngrep: Invalid regular expression\n", 2),
    (["-f", "nofile"], b"grep: nofile: No such file or directory\n", 2),
    (["--exclude-from=nofile", "a"], b"grep: nofile: No such file or directory\n", 2),
])
def test_command_line_errors(run, args, err, status):
    r = run("grep", *args, stdin=b"a\n")
    assert (r.out, r.err, r.status) == (b"", err, status)


def test_error_order_follows_the_command_line(run):
    assert run("grep", "-m", "x", "--bogus").err == b"grep: invalid max count\n"
    assert run("grep", "--bogus", "-m", "x").err.startswith(b"grep: unrecognized option '--bogus'\n")
    assert run("grep", "-m", "0", "\\(", "nofile").status == 1  # -m 0: nothing is read or compiled


def test_pattern_file_errors_name_the_line(run, tmp_path):
    (tmp_path / "pf").write_bytes(b"a\n\\(\nb[\n")
    r = run("grep", "-f", "pf", "x", cwd=tmp_path)
    assert (r.err, r.status) == (b"grep: pf:2: Unmatched ( or \\(\ngrep: pf:3: Invalid regular expression\n", 2)
    r = run("grep", "-f", "-", "x", stdin=b"\\(\n", cwd=tmp_path)
    assert r.err == b"grep: -:1: Unmatched ( or \\(\n"


def test_warnings(run):
    r = run("grep", "-E", "*a", stdin=b"a\n")
    assert tuple(r) == (b"a\n", b"grep: warning: * at start of expression\n", 0)
    r = run("grep", "-u", "a", stdin=b"a\n")
    assert tuple(r) == (b"a\n", b"grep: warning: --unix-byte-offsets (-u) is obsolete\n", 0)


def test_help_and_version(run):
    r = run("grep", "--help")
    assert r.status == 0
    assert r.out.startswith(b"Usage: grep [OPTION]... PATTERNS [FILE]...\nSearch for PATTERNS in each FILE.\n")
    assert b"  -E, --extended-regexp     PATTERNS are extended regular expressions\n" in r.out
    assert b"  -R, --dereference-recursive  likewise, but follow all symlinks\n" in r.out
    assert b"      --color[=WHEN],\n      --colour[=WHEN]       use markers" in r.out
    assert run("grep", "--color=foo", "a").out == r.out  # an unknown WHEN shows the help
    v = run("grep", "-V")
    assert v.status == 0 and v.out.startswith(b"grep (pybox) ")
    assert run("grep", "--version", "--help").out == v.out


@needs_gnu
def test_help_same_as_gnu_up_to_the_bug_address(run):
    mine = run("grep", "--help").out
    theirs = subprocess.run(["grep", "--help"], executable=GREP, stdout=subprocess.PIPE, env=child_env()).stdout
    assert mine == theirs[:theirs.index(b"\nReport bugs")]


# -- pattern sources ---------------------------------------------------------------------

def test_pattern_sources(run, tmp_path):
    (tmp_path / "empty").write_bytes(b"")
    (tmp_path / "pf").write_bytes(b"zz\n\n")
    (tmp_path / "in").write_bytes(b"a\n\nb c\n a\n")
    assert tuple(run("grep", "-f", "empty", "in", cwd=tmp_path)) == (b"", b"", 1)
    assert run("grep", "-v", "-f", "empty", "in", cwd=tmp_path).out == b"a\n\nb c\n a\n"
    assert run("grep", "-c", "-f", "empty", "in", cwd=tmp_path).out == b""  # nothing can be selected
    assert run("grep", "-f", "empty", "-e", "b", "in", cwd=tmp_path).out == b"b c\n"
    assert run("grep", "-c", "-f", "pf", "in", cwd=tmp_path).out == b"4\n"  # an empty line matches all
    assert run("grep", "-f", "-", "in", stdin=b"b\n", cwd=tmp_path).out == b"b c\n"
    assert run("grep", "-f", "-", "-f", "-", "in", stdin=b"b\n", cwd=tmp_path).out == b"b c\n"
    assert run("grep", "-c", "a\nb", "in", cwd=tmp_path).out == b"3\n"
    assert run("grep", "-c", "-e", "a", "-e", "b", "in", cwd=tmp_path).out == b"3\n"
    assert run("grep", "-F", "-c", "zz\nb", "in", cwd=tmp_path).out == b"1\n"


def test_several_plain_patterns_are_strings(run):
    # GNU searches a list of plain strings as -F would: a last backslash is a character
    assert tuple(run("grep", "-e", "zz", "-e", "b\\", stdin=b"ab\\\n")) == (b"ab\\\n", b"", 0)
    assert run("grep", "-e", "b\\", stdin=b"ab\\\n").err == b"grep: Trailing backslash\n"
    assert run("grep", "-e", "zz", "-e", "a\\)", stdin=b"a)\n").err == b"grep: Unmatched ) or \\)\n"
    assert run("grep", "-E", "-e", "zz", "-e", "a\\)", stdin=b"a)\n").out == b"a)\n"


def test_ignore_case(run):
    data = b"Hello\nhello\nHELLO\nhelo\n"
    assert run("grep", "-i", "hello", stdin=data).out == b"Hello\nhello\nHELLO\n"
    assert run("grep", "-y", "HELLO", stdin=data).out == b"Hello\nhello\nHELLO\n"
    assert run("grep", "-i", "--no-ignore-case", "hello", stdin=data).out == b"hello\n"
    assert run("grep", "-io", "L", stdin=b"aLlLb\n").out == b"L\nl\nL\n"
    assert run("grep", "-io", "L+", stdin=b"aLlLb\n").status == 1  # + is an ordinary character in a BRE
    assert run("grep", "-Eio", "L+", stdin=b"aLlLb\n").out == b"LlL\n"


def test_word_and_line(run):
    data = b"ab ab\nab\nabc\nx ab_\n"
    assert run("grep", "-w", "ab", stdin=data).out == b"ab ab\nab\n"
    assert run("grep", "-x", "ab", stdin=data).out == b"ab\n"
    assert run("grep", "-xw", "ab", stdin=data).out == b"ab\n"
    assert run("grep", "-cw", "", stdin=b"a\n\nb c\n a\n").out == b"2\n"


def test_word_with_non_ascii_letters_in_utf8(run):
    data = "é-x\nx\néx\n".encode()
    assert run("grep", "-w", "x", stdin=data, env={"LC_ALL": "C.UTF-8"}).out == "é-x\nx\n".encode()
    assert run("grep", "-w", "x", stdin=data, env={"LC_ALL": "C"}).out == data


# -- output control -----------------------------------------------------------------------

@pytest.mark.parametrize("args, out", [
    (["-n", "a", "t"], b"1:a1\n4:a2\n8:a3\n"),
    (["-b", "a", "t"], b"0:a1\n7:a2\n16:a3\n"),
    (["-nbH", "a", "t"], b"t:1:0:a1\nt:4:7:a2\nt:8:16:a3\n"),
    (["-c", "a", "t"], b"3\n"),
    (["-vc", "a", "t"], b"5\n"),
    (["-c", "-m2", "a", "t"], b"2\n"),
    (["-m2", "a", "t"], b"a1\na2\n"),
    (["-m2", "-A2", "a", "t"], b"a1\nb\nc\na2\nd\ne\n"),
    (["-o", "a.", "t"], b"a1\na2\na3\n"),
    (["-ob", "[0-9]", "t"], b"1:1\n8:2\n17:3\n"),
    (["-on", "a", "t"], b"1:a\n4:a\n8:a\n"),
    (["-h", "a", "t", "t"], b"a1\na2\na3\n" * 2),
    (["-H", "a1", "t"], b"t:a1\n"),
    (["-l", "a", "t", "f1", "empty"], b"t\nf1\n"),
    (["-L", "a", "t", "f1", "empty"], b"empty\n"),
    (["-lZ", "a", "t"], b"t\0"),
    (["-Z", "-c", "a", "t", "f1"], b"t\x003\nf1\x001\n"),
    (["-ZH", "a1", "t"], b"t\0a1\n"),
    (["-T", "-nbH", "a", "t"], b"t: 1: 0:\ta1\nt: 4: 7:\ta2\nt: 8:16:\ta3\n"),
    (["-T", "a", "t"], b"a1\na2\na3\n"),
    (["-c", "a", "t", "f1"], b"t:3\nf1:1\n"),
    (["-L", "-l", "a", "t", "empty"], b"t\n"),
    (["-l", "-L", "a", "t", "empty"], b"empty\n"),
    (["-c", "-l", "a", "t", "empty"], b"t\n"),
    (["-co", "a", "t"], b"3\n"),
    (["-z", "a2", "t"], T + b"\0"),
    (["--line-buffered", "a", "t"], b"a1\na2\na3\n"),
    (["-U", "a1", "t"], b"a1\n"),
    (["-r", "a1", "t"], b"a1\n"),
])
def test_output_options(run, d, args, out):
    r = run("grep", *args, cwd=d)
    assert (r.out, r.err) == (out, b"")


def test_list_files_status(run, d):
    assert run("grep", "-L", "zz", "t", cwd=d).status == 1  # listed, but no line selected
    assert run("grep", "-L", "a", "t", cwd=d).status == 0


def test_only_matching_empty_and_inverted(run, d):
    assert tuple(run("grep", "-o", "x*", stdin=b"abc\n")) == (b"", b"", 0)
    assert tuple(run("grep", "-o", "b*", stdin=b"abc\n")) == (b"b\n", b"", 0)
    assert tuple(run("grep", "-ov", "zz", "t", cwd=d)) == (b"", b"", 0)
    assert run("grep", "-o", "-i", "a", stdin=b"aAa\n").out == b"a\nA\na\n"
    assert run("grep", "-o", "-C1", "a", "t", cwd=d).out == b"a\na\n--\na\n"


def test_max_count_leaves_stdin_after_the_last_line(sh, d):
    (d / "f").write_bytes(b"a\nb\na\nc\n")
    assert sh("(grep -m1 -A1 a; echo ---; cat) < f", cwd=d).out == b"a\nb\n---\nb\na\nc\n"
    assert sh("(head -c 2 >/dev/null; grep -b -m1 a; cat) < f", cwd=d).out == b"2:a\nc\n"
    assert sh("(grep -c -m1 a; cat) < f", cwd=d).out == b"1\nb\na\nc\n"


def test_input_is_output(sh, d):
    (d / "io").write_bytes(b"x\n")
    r = sh("grep x io >> io; echo $?", cwd=d)
    assert (r.out, r.err) == (b"2\n", b"grep: io: input file is also the output\n")
    assert sh("grep -s x io >> io; echo $?", cwd=d).out == b"2\n"
    assert sh("grep -c x io >> io; grep -m1 x io >> io; grep -q x io >> io; echo $?", cwd=d).out == b"0\n"
    assert (d / "io").read_bytes() == b"x\n1\nx\n"
    r = sh("grep x - < io >> io; echo $?", cwd=d)
    assert r.err == b"grep: (standard input): input file is also the output\n"


def test_dev_null_output_stops_at_the_first_match(sh, d):
    # with output to /dev/null only the status matters: GNU stops reading early
    assert sh("grep a t nofile > /dev/null; echo $?", cwd=d).out == b"2\n"
    assert sh("grep -c zz t > /dev/null; echo $?", cwd=d).out == b"1\n"
    assert sh("yes | grep y > /dev/null; echo $?", cwd=d).out == b"0\n"


# -- context ---------------------------------------------------------------------------------

@pytest.mark.parametrize("args, out", [
    (["-A0", "a", "t"], b"a1\n--\na2\n--\na3\n"),
    (["-C1", "a2", "t"], b"c\na2\nd\n"),
    (["-A1", "a", "f1", "f2"], b"f1:a\nf1-b\n--\nf2:a\n"),
    (["-B1", "a", "f1", "f2"], b"f1:a\n--\nf2-c\nf2:a\n"),
    (["-n", "-C1", "a", "t"], b"1:a1\n2-b\n3-c\n4:a2\n5-d\n--\n7-f\n8:a3\n"),
    (["-2", "a2", "t"], b"b\nc\na2\nd\ne\n"),
    (["-1", "-3", "a2", "t"], b"a1\nb\nc\na2\nd\ne\nf\n"),
    (["-C5", "-1", "a2", "t"], b"c\na2\nd\n"),
    (["-12", "-c", "a2", "t"], b"1\n"),
    (["--no-group-separator", "-A0", "a", "t"], b"a1\na2\na3\n"),
    (["--group-separator=XX", "-A0", "a", "t"], b"a1\nXX\na2\nXX\na3\n"),
    (["--group-separator=", "-A0", "a", "t"], b"a1\n\na2\n\na3\n"),
    (["-v", "-C1", "[a-c]", "t"], b"a2\nd\ne\nf\na3\n"),
    (["-b", "-B2", "a3", "t"], b"12-e\n14-f\n16:a3\n"),
])
def test_context(run, d, args, out):
    assert run("grep", *args, cwd=d).out == out


def test_context_across_chunks(same, tmp_path):
    lines = [b"line %d%s" % (i, b" hit" if i % 997 == 0 else b"") for i in range(60000)]
    (tmp_path / "big").write_bytes(b"\n".join(lines) + b"\n")
    for args in (["-n", "-C3", "hit"], ["-b", "-B5", "hit"], ["-A4", "-m20", "hit"], ["-c", "-v", "hit"],
                 ["-n", "-v", "1"], ["-o", "-n", "hit"]):
        same(*args, str(tmp_path / "big"))


# -- binary files and encodings ---------------------------------------------------------------

def test_binary_file_matches(run, d):
    assert tuple(run("grep", "a", stdin=b"x\na\0b\n")) == (b"", b"grep: (standard input): binary file matches\n", 0)
    (d / "bin").write_bytes(b"a\nx\0\na\n")
    assert tuple(run("grep", "a", "bin", cwd=d)) == (b"", b"grep: bin: binary file matches\n", 0)
    assert tuple(run("grep", "-s", "a", "bin", cwd=d)) == (b"", b"grep: bin: binary file matches\n", 0)
    assert tuple(run("grep", "-c", "a", "bin", cwd=d)) == (b"2\n", b"", 0)
    assert tuple(run("grep", "-q", "a", "bin", cwd=d)) == (b"", b"", 0)
    assert tuple(run("grep", "-l", "a", "bin", cwd=d)) == (b"bin\n", b"", 0)
    assert tuple(run("grep", "zz", "bin", cwd=d)) == (b"", b"", 1)
    assert run("grep", "-a", "x", "bin", cwd=d).out == b"x\0\n"
    assert run("grep", "--binary-files=text", "x", "bin", cwd=d).out == b"x\0\n"
    assert tuple(run("grep", "-I", "a", "bin", cwd=d)) == (b"", b"", 1)
    assert tuple(run("grep", "--binary-files=without-match", "-c", "a", "bin", cwd=d)) == (b"0\n", b"", 1)
    assert tuple(run("grep", "-L", "-I", "a", "bin", cwd=d)) == (b"bin\n", b"", 1)


def test_nul_bytes_separate_lines_in_binary_files(run):
    # GNU turns NULs into line ends once it knows the file is binary
    assert run("grep", "-c", "a", stdin=b"a\0a\nb\n").out == b"2\n"
    assert run("grep", "-vc", "a", stdin=b"a\0b\n").out == b"1\n"
    assert run("grep", "-c", "a.b", stdin=b"a\0b\n").out == b"0\n"
    assert run("grep", "-z", "b", stdin=b"a\0\nb\n").out == b"\nb\n\0"


def test_late_nul_switches_at_gnus_buffer(run, tmp_path):
    # lines that end before the 96 KiB buffer holding the first NUL are text
    for n in (20000, 60000):
        data = b"abcdef\n" * n + b"\0\n" + b"a\n" * 10
        (tmp_path / "f").write_bytes(data)
        r = run("grep", "a", "f", cwd=tmp_path)
        nul = 7 * n
        expect = (nul - nul % 98304) // 7 * 7
        assert (len(r.out), r.err, r.status) == (expect, b"grep: f: binary file matches\n", 0)
        assert r.out == data[:expect]


def test_encoding_errors_in_utf8(run):
    data = b"a\n\xff a\na\n"
    u = {"LC_ALL": "C.UTF-8"}
    assert tuple(run("grep", "a", stdin=data, env=u)) == (b"a\na\n", b"grep: (standard input): binary file matches\n", 0)
    assert tuple(run("grep", "a", stdin=data)) == (data, b"", 0)  # the C locale takes every byte
    assert tuple(run("grep", "-c", "a", stdin=data, env=u)) == (b"3\n", b"", 0)
    assert tuple(run("grep", "-o", "a", stdin=data, env=u)) == (b"a\na\na\n", b"", 0)
    assert tuple(run("grep", "-I", "a", stdin=data, env=u)) == (b"a\na\n", b"", 0)
    assert tuple(run("grep", "-a", "a", stdin=data, env=u)) == (data, b"", 0)
    # glibc's UTF-8 takes 5- and 6-byte forms and values above U+10FFFF; not overlongs or surrogates
    for seq, ok in ((b"\xf4\x90\x80\x80", True), (b"\xfc\x84\x80\x80\x80\x80", True),
                    (b"\xc0\x80", False), (b"\xed\xa0\x80", False), (b"\xc2", False)):
        r = run("grep", "a", stdin=seq + b"a\n", env=u)
        assert (r.out == seq + b"a\n") == ok, seq


def test_non_utf8_names_and_data(run, tmp_path):
    name = b"n\xffm"
    (tmp_path / os.fsdecode(name)).write_bytes(b"hit \xfe\n")
    r = run("grep", "-H", "hit", name, cwd=tmp_path)
    assert (r.out, r.status) == (name + b":hit \xfe\n", 0)
    r = run("grep", "hit", name, b"nope\xff", cwd=tmp_path)
    assert r.err == b"grep: nope\xff: No such file or directory\n"
    assert run("grep", "-rl", "hit", ".", cwd=tmp_path).out == b"./" + name + b"\n"
    assert run("grep", b"\xfe", name, cwd=tmp_path).out == b"hit \xfe\n"


# -- directories and recursion ----------------------------------------------------------------

@pytest.fixture
def tree(tmp_path):
    r = tmp_path / "r"
    (r / "sub").mkdir(parents=True)
    (r / ".hid").mkdir()
    (r / "a.c").write_bytes(b"hit\n")
    (r / "b.h").write_bytes(b"hit\n")
    (r / "sub" / "c.c").write_bytes(b"hit\n")
    (r / ".hid" / "d.c").write_bytes(b"hit\n")
    os.symlink("a.c", str(r / "link.c"))
    os.symlink("sub", str(r / "linkdir"))
    os.mkfifo(str(r / "fifo"))
    return tmp_path


def lines_of(out):
    return sorted(out.splitlines())


def test_recursive(run, tree):
    r = run("grep", "-r", "hit", "r", cwd=tree)
    assert lines_of(r.out) == [b"r/.hid/d.c:hit", b"r/a.c:hit", b"r/b.h:hit", b"r/sub/c.c:hit"]
    r = run("grep", "-R", "hit", "r", cwd=tree)
    assert lines_of(r.out) == [b"r/.hid/d.c:hit", b"r/a.c:hit", b"r/b.h:hit", b"r/link.c:hit",
                               b"r/linkdir/c.c:hit", b"r/sub/c.c:hit"]
    r = run("grep", "-r", "hit", cwd=tree / "r")  # no operand: '.', named without './'
    assert lines_of(r.out) == [b".hid/d.c:hit", b"a.c:hit", b"b.h:hit", b"sub/c.c:hit"]
    r = run("grep", "-r", "hit", ".", cwd=tree / "r")
    assert lines_of(r.out) == [b"./.hid/d.c:hit", b"./a.c:hit", b"./b.h:hit", b"./sub/c.c:hit"]
    assert run("grep", "-r", "hit", "r/a.c", cwd=tree).out == b"hit\n"
    assert run("grep", "-r", "hit", "r/link.c", cwd=tree).out == b"hit\n"  # followed on the command line
    assert lines_of(run("grep", "-r", "hit", "r//", cwd=tree).out)[0] == b"r/.hid/d.c:hit"
    assert lines_of(run("grep", "-d", "recurse", "hit", "r", cwd=tree).out)[0] == b"r/.hid/d.c:hit"
    assert run("grep", "-r", "-d", "skip", "hit", "r", cwd=tree).status == 1
    assert run("grep", "-rh", "hit", "r", cwd=tree).out == b"hit\n" * 4
    assert lines_of(run("grep", "-rc", "hit", "r", cwd=tree).out)[0] == b"r/.hid/d.c:1"


def test_devices(run, tree):
    assert run("grep", "-D", "skip", "hit", "r/fifo", "r/a.c", cwd=tree).out == b"r/a.c:hit\n"
    assert run("grep", "-D", "read", "x", "/dev/null").status == 1


def test_recursive_loops_and_dangling_links(run, tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "f").write_bytes(b"hit\n")
    os.symlink("..", str(tmp_path / "d" / "up"))
    os.symlink("nowhere", str(tmp_path / "d" / "dangle"))
    r = run("grep", "-R", "hit", "d", cwd=tmp_path)
    assert b"d/f:hit\n" in r.out
    assert b"grep: d/up/d: warning: recursive directory loop\n" in r.err
    assert b"grep: d/dangle: No such file or directory\n" in r.err
    assert r.status == 2
    assert tuple(run("grep", "-r", "hit", "d", cwd=tmp_path)) == (b"d/f:hit\n", b"", 0)


@pytest.mark.parametrize("args, out", [
    (["--include=*.c", "hit", "r"], [b"r/.hid/d.c:hit", b"r/a.c:hit", b"r/sub/c.c:hit"]),
    (["--exclude=*.c", "hit", "r"], [b"r/b.h:hit"]),
    (["--exclude-dir=sub", "hit", "r"], [b"r/.hid/d.c:hit", b"r/a.c:hit", b"r/b.h:hit"]),
    (["--exclude-dir=sub/", "hit", "r"], [b"r/.hid/d.c:hit", b"r/a.c:hit", b"r/b.h:hit"]),
    (["--exclude-dir=[s]ub", "--exclude-dir=.*", "hit", "r"], [b"r/a.c:hit", b"r/b.h:hit"]),
    (["--exclude-dir=sub", "hit", "r/sub"], []),
    (["--exclude-dir=r/sub", "hit", "r/sub"], []),
    (["--exclude=sub/*.c", "hit", "r"], [b"r/.hid/d.c:hit", b"r/a.c:hit", b"r/b.h:hit", b"r/sub/c.c:hit"]),
    (["--exclude=a*", "--include=*.c", "hit", "r"],
     [b"r/.hid/d.c:hit", b"r/a.c:hit", b"r/b.h:hit", b"r/sub/c.c:hit"]),
    (["--include=*.c", "--exclude=a*", "hit", "r"], [b"r/.hid/d.c:hit", b"r/sub/c.c:hit"]),
    (["--include=[!a].c", "hit", "r"], [b"r/.hid/d.c:hit", b"r/sub/c.c:hit"]),
    (["--include=\\a.c", "hit", "r"], [b"r/a.c:hit"]),
    (["--include=*.[[:lower:]]", "--exclude=?.h", "hit", "r"], [b"r/.hid/d.c:hit", b"r/a.c:hit", b"r/sub/c.c:hit"]),
])
def test_include_exclude(run, tree, args, out):
    assert lines_of(run("grep", "-r", *args, cwd=tree).out) == out


def test_include_exclude_on_command_line_names(run, tree):
    assert run("grep", "--include=*.c", "hit", "r/b.h", "r/a.c", cwd=tree).out == b"r/a.c:hit\n"
    assert run("grep", "--exclude=r/*.c", "hit", "r/b.h", "r/a.c", cwd=tree).out == b"r/b.h:hit\n"
    assert run("grep", "--exclude=a.c", "hit", "r/b.h", "r/a.c", cwd=tree).out == b"r/b.h:hit\n"
    assert run("grep", "--exclude=*", "hit", "-", stdin=b"hit\n").out == b"hit\n"  # never stdin
    (tree / "ex").write_bytes(b"*.c  \n\n  \nb.*\n")
    assert run("grep", "-r", "--exclude-from=ex", "hit", "r", cwd=tree).out == b""
    r = run("grep", "-r", "--exclude-dir=.", "hit", ".", cwd=tree / "r")
    assert (r.out, r.status) == (b"", 1)
    assert lines_of(run("grep", "-r", "--exclude-dir=.", "hit", cwd=tree / "r").out)[0] == b".hid/d.c:hit"


def test_directories_option(run, tree):
    assert tuple(run("grep", "-d", "read", "hit", "r", cwd=tree)) == (b"", b"grep: r: Is a directory\n", 2)
    assert tuple(run("grep", "-d", "skip", "hit", "r", "r/a.c", cwd=tree)) == (b"r/a.c:hit\n", b"", 0)


# -- colour ------------------------------------------------------------------------------------

SGR = b"\33[%sm\33[K"
END = b"\33[m\33[K"


def test_color(run, d):
    r = run("grep", "--color=always", "-n", "-H", "a2", "t", cwd=d)
    assert r.out == (SGR % b"35" + b"t" + END + SGR % b"36" + b":" + END + SGR % b"32" + b"4" + END
                     + SGR % b"36" + b":" + END + SGR % b"01;31" + b"a2" + END + b"\n")
    assert run("grep", "--color=auto", "a2", "t", cwd=d).out == b"a2\n"
    assert run("grep", "--colour=never", "a2", "t", cwd=d).out == b"a2\n"
    r = run("grep", "--color=always", "a2", "t", cwd=d, env={"GREP_COLORS": "mt=1;33:ne"})
    assert r.out == b"\33[1;33ma2\33[m\n"
    r = run("grep", "--color=always", "-v", "-C1", "a2", "t", cwd=d, env={"GREP_COLORS": "sl=1:cx=2:rv"})
    assert r.out.splitlines()[2:4] == [SGR % b"2" + b"c" + END, SGR % b"1" + SGR % b"01;31" + b"a2" + END]
    r = run("grep", "--color=always", "-A0", "a", "t", cwd=d, env={"GREP_COLORS": "se=7"})
    assert r.out.splitlines()[1] == SGR % b"7" + b"--" + END


def test_grep_color_is_deprecated(run, d):
    r = run("grep", "--color=always", "a2", "t", cwd=d, env={"GREP_COLOR": "1;32"})
    assert tuple(r) == (SGR % b"1;32" + b"a2" + END + b"\n",
                        b"grep: warning: GREP_COLOR='1;32' is deprecated; use GREP_COLORS='mt=1;32'\n", 0)
    r = run("grep", "--color=always", "a2", "t", cwd=d, env={"GREP_COLOR": "1;32", "GREP_COLORS": "mt=1;34"})
    assert r.err == b""
    assert run("grep", "a2", "t", cwd=d, env={"GREP_COLOR": "1;32"}).err == b""
    assert run("grep", "--color=always", "a2", "t", cwd=d, env={"GREP_COLOR": "x"}).err == b""


@needs_gnu
@pytest.mark.parametrize("colors", ["", "ms=4", "ms=:fn=", "xx=1:ms=4", "ms=4;x:ln=5", "mt=5", "mc=3:mt",
                                    "sl=1:cx=2", "sl=1:cx=2:rv", "ne:bn=4", "se=1:=2:ms=3", "ms=4=5"])
def test_grep_colors_same_as_gnu(same, d, colors):
    for args in (["-n", "-b", "-H", "-C1", "a2"], ["-v", "-C1", "b"], ["-o", "-b", "a."], ["-c", "a"],
                 ["-l", "a"], ["", "-n"], ["x*"]):
        same("--color=always", *args, str(d / "t"), str(d / "f1"), env={"GREP_COLORS": colors})


# -- the engines --------------------------------------------------------------------------------

def test_long_line_bigger_than_a_chunk(run, tmp_path):
    data = b"start\n" + b"ab" * 400000 + b"gamma" + b"cd" * 300000 + b"\nend gamma\n" + b"x" * 700000
    (tmp_path / "f").write_bytes(data)
    assert run("grep", "-c", "gamma", "f", cwd=tmp_path).out == b"2\n"
    assert run("grep", "-b", "-o", "gamma", "f", cwd=tmp_path).out == b"800006:gamma\n1400016:gamma\n"
    assert run("grep", "-n", "end", "f", cwd=tmp_path).out == b"3:end gamma\n"
    assert run("grep", "x$", "f", cwd=tmp_path).out == b"x" * 700000 + b"\n"


PIECES = [b"a", b"b", b"ab", b"A", b" ", b"x1", b"_", b"-", b"\xc3\xa9", b""]


@given(st.integers(0, 2 ** 32), st.integers(100, 3000), st.sampled_from([b"a", b"ab", b"b", b"[ab]x", b"a\\|x"]),
       st.sampled_from([[], ["-v"], ["-c"], ["-n"], ["-vn"], ["-b"], ["-o"], ["-i"], ["-x"], ["-c", "-v"],
                        ["-H", "-Z"], ["-w"]]),
       st.sampled_from(["C", "C.UTF-8"]))
@settings(max_examples=30)
def test_fast_engines_same_as_general(inproc, seed, n, pattern, opts, loc):
    """The chunk-wide engines (sparse and dense) against GNU's per-line logic."""
    import random
    import applets.findutils.grep as g
    r = random.Random(seed)
    pool = [b"".join(r.choice(PIECES) for _ in range(r.randint(0, 8))) for _ in range(r.randint(1, 8))]
    data = b"\n".join(r.choice(pool) for _ in range(n)) + r.choice([b"", b"\n"])
    env = {"LC_ALL": loc}
    fast = inproc("grep", *opts, "-e", pattern, stdin=data, env=env)
    g._FAST = False   # (not monkeypatch: hypothesis shares one fixture among examples)
    try:
        slow = inproc("grep", *opts, "-e", pattern, stdin=data, env=env)
    finally:
        g._FAST = True
    assert fast == slow


ENGINE_OPTS = [[], ["-v"], ["-c"], ["-n"], ["-vn"], ["-b"], ["-o"], ["-i"], ["-x"], ["-c", "-v"], ["-H", "-Z"],
               ["-w"], ["-l"], ["-q"], ["-m", "100"], ["-v", "-m", "100"], ["-c", "-m", "100"], ["-vb"],
               ["-o", "-H"]]


@pytest.mark.parametrize("opts", ENGINE_OPTS)
@pytest.mark.parametrize("density, pattern", [(3, "a"), (400, "a"), (5, "[ab] [A-Z]"), (6, "[ab][b] [A-Z]"), (300, "[0-9]y\\{3\\}"),
                                              (2, "\\(b\\)\\1*"), (2, "\\(a\\)b")])
def test_dense_and_sparse_chunks_same_as_general(inproc, opts, density, pattern):
    """Every n-th line matches: the sparse loop, the switch to the dense
    engines in the middle of a chunk, and whole dense chunks."""
    import applets.findutils.grep as g
    lines = [b"x%d%s" % (i, b"y" * (i % 51)) + (b" ab A\xc3\xa9" if i % density == 0 else b" b")
             for i in range(9000)]   # (more than one chunk)
    data = b"\n".join(lines)
    results = []
    for fast in (True, False):
        g._FAST = fast
        try:
            results.append(tuple(inproc("grep", *opts, "-e", pattern, stdin=data, env={"LC_ALL": "C.UTF-8"})))
        finally:
            g._FAST = True
    assert results[0] == results[1]
    assert results[0][2] in (0, 1) and results[0][1] == b""


@needs_gnu
@pytest.mark.parametrize("opts", [[], ["-o"], ["-c"], ["-v", "-c"], ["-n"], ["-C1"], ["-b", "-o"], ["-v", "-n"],
                                  ["--color=always"]])
def test_chunks_without_a_needed_byte_are_skipped(same, tmp_path, opts):
    # `q[0-9]` needs a q: the first chunks have none and are not searched
    lines = [b"line %d of text" % i for i in range(40000)]
    lines += [b"here q%d" % i if i % 7 == 0 else b"other %d" % i for i in range(3000)]
    (tmp_path / "f").write_bytes(b"\n".join(lines) + b"\n")
    same(*opts, "q[0-9]", str(tmp_path / "f"))


# -- differential tests against GNU grep ------------------------------------------------------------

DIFF_CASES = [
    "a", "-c a", "-v a", "-n -b a", "-o [ab]", "-o -b a*", "-w a", "-x ab", "-i A", "-io A",
    "-C1 -n b", "-A1 -m2 a", "-B2 -v a", "-c -m1 a", "-o -v a", "-l a", "-L a", "-e a -e b -c",
    "-E a|b -o", "-F a. -c", "-E (a)(b)\\2 -c", "\\(a\\)\\1", "-x -w ab", "-w a -o", "-n --color=always a",
    "-T -n a", "-z a", "-e '' -c", "-w '' -c", "-x '' -n", "-o x*", "--color=always x*", "-E a{1 -c",
    "-P a\\d -o", "-Pw ab", "-y AB", "^a -o", "$ -c", "b\\> -c", "-E a+b? -o",
    "-A0 a", "-c -v -i A", "-nv b", "-ob .", ". -o", "[[:alpha:]]* -o", "-i é", "-o -i É",
    "-o -H a", "-oZH [ab]", "-cH a", "-lH a", "-o -H -i A", "-H -n -v b",
]
DIFF_INPUT = b"ab a\nAb\n\nxab_\n a-b \n\xc3\xa9a\xc3\x89\nbb\nabab\na1\n\xff a\nend"


@needs_gnu
@pytest.mark.parametrize("loc", ["C", "C.UTF-8"])
@pytest.mark.parametrize("case", DIFF_CASES)
def test_same_as_gnu(same, case, loc):
    args = [a.replace("\0", "") for a in case.replace("''", "\0").split(" ")]
    same(*args, stdin=DIFF_INPUT, env={"LC_ALL": loc})


@needs_gnu
@pytest.mark.parametrize("case", ["\\<a -o", "\\ba", "a\\b -c", "\\Ba -o"])
def test_word_anchors_same_as_gnu_in_c(same, case):
    # (multicall.regex's \b \< \> know only ASCII word characters: GNU's
    # also count the UTF-8 letters, so these differ there; see the report)
    same(*case.split(" "), stdin=DIFF_INPUT, env={"LC_ALL": "C"})


PATTERN = st.text(alphabet="ab.*^$\\()|[]-+?1 xA", max_size=5)
INPUT = st.lists(st.sampled_from([b"a", b"b", b"A", b" ", b"\n", b"\n", b"x", b"1", b"_", b"-", b"\xc3\xa9",
                                  b"ab", b"\0", b"\xff"]), max_size=30).map(b"".join)
OPTIONS = ["-i", "-v", "-w", "-x", "-c", "-o", "-n", "-b", "-m2", "-A1", "-B1", "-C1", "-E", "-F", "-l", "-L",
           "-h", "-H", "-z", "-a", "--color=always"]


@needs_gnu
@given(st.lists(PATTERN, min_size=1, max_size=2), INPUT, st.lists(st.sampled_from(OPTIONS), max_size=4, unique=True),
       st.sampled_from(["C", "C.UTF-8"]))
@settings(max_examples=150)
def test_generated_same_as_gnu(same, patterns, data, opts, loc):
    args = list(opts)
    for p in patterns:
        args += ["-e", p]
    same(*args, stdin=data, env={"LC_ALL": loc})


@needs_gnu
@pytest.mark.parametrize("opts", [[], ["-v"], ["-c"], ["-o"], ["-n"]])
@pytest.mark.parametrize("pattern", ["\\(a\\)\\1", "\\(a\\)\\(a\\)*\\2", "\\(a\\|b\\)[0-9]"])
def test_dense_chunks_with_groups_same_as_gnu(inproc, opts, pattern):
    """Most lines match a pattern with groups and back-references: the
    whole-line pattern of the dense path must not renumber them."""
    data = b"".join((b"aa%d\n" if i % 3 else b"ab%d\n") % i for i in range(20000))
    want = subprocess.run([GREP] + opts + ["-e", pattern], input=data, capture_output=True,
                          env=child_env({"LC_ALL": "C"}))
    got = inproc("grep", *opts, "-e", pattern, stdin=data, env={"LC_ALL": "C"})
    assert tuple(got) == (want.stdout, want.stderr, want.returncode)
