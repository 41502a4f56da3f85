"""diff: every output format, the comparison options, directories, the
error paths, and differential tests against GNU diffutils 3.8's diff on
generated files (small line alphabets, so that there are many equally
short edit scripts and GNU's choice among them is what is tested)."""
import os
import random
import subprocess

import pytest
from hypothesis import given, settings, strategies as st

from conftest import child_env, find_tool

T0 = 1700000000123456789  # mtimes of the test files (UTC 2023-11-14 22:13:20)
T1 = 1700000001000000000
TRY = b"diff: Try 'diff --help' for more information.\n"


@pytest.fixture(scope="session")
def gnu_diff():
    path = find_tool("diff")
    if path is None:
        pytest.skip("diff is not installed")
    v = subprocess.run([path, "--version"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    if b"GNU diffutils" not in v:
        pytest.skip("the installed diff is not GNU's")
    return path


def gnu_run(path, args, cwd=None, env=None, stdin=b""):
    p = subprocess.run(["diff"] + list(args), executable=path, input=stdin, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, cwd=cwd, env=child_env(env), timeout=60)
    return (p.stdout, p.stderr, p.returncode)


def put(d, name, data, mtime=T0):
    p = os.path.join(str(d), name)
    with open(p, "wb") as f:
        f.write(data)
    os.utime(p, ns=(mtime, mtime))
    return p


@pytest.fixture
def d(tmp_path):
    put(tmp_path, "a", b"a\nb\nc\n")
    put(tmp_path, "b", b"a\nx\nc\n", T1)
    put(tmp_path, "nonl", b"a\nb\nc")
    put(tmp_path, "empty", b"")
    put(tmp_path, "bin1", b"a\0b\n")
    put(tmp_path, "bin2", b"a\0c\n")
    (tmp_path / "dir").mkdir()
    return str(tmp_path)


@pytest.fixture
def utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")


# -- the formats ----------------------------------------------------------------

@pytest.mark.parametrize("args, out", [
    ([], b"2c2\n< b\n---\n> x\n"),
    (["--normal"], b"2c2\n< b\n---\n> x\n"),
    (["-u"], b"--- a\t2023-11-14 22:13:20.123456789 +0000\n+++ b\t2023-11-14 22:13:21.000000000 +0000\n"
             b"@@ -1,3 +1,3 @@\n a\n-b\n+x\n c\n"),
    (["-U0"], b"--- a\t2023-11-14 22:13:20.123456789 +0000\n+++ b\t2023-11-14 22:13:21.000000000 +0000\n"
              b"@@ -2 +2 @@\n-b\n+x\n"),
    (["-c"], b"*** a\tTue Nov 14 22:13:20 2023\n--- b\tTue Nov 14 22:13:21 2023\n***************\n"
             b"*** 1,3 ****\n  a\n! b\n  c\n--- 1,3 ----\n  a\n! x\n  c\n"),
    (["-e"], b"2c\nx\n.\n"),
    (["-f"], b"c2\nx\n.\n"),
    (["-n"], b"d2 1\na2 1\nx\n"),
    (["-y", "-W", "20"], b"a\ta\nb     |\tx\nc\tc\n"),
    (["-y", "--suppress-common-lines", "-W", "20"], b"b     |\tx\n"),
    (["-y", "--left-column", "-W", "20"], b"a     (\nb     |\tx\nc     (\n"),
    (["-D", "X"], b"a\n#ifndef X\nb\n#else /* X */\nx\n#endif /* X */\nc\n"),
    (["-q"], b"Files a and b differ\n"),
    (["--label", "L1", "--label=L2", "-u"], b"--- L1\n+++ L2\n@@ -1,3 +1,3 @@\n a\n-b\n+x\n c\n"),
    (["-L", "L1", "-c"], b"*** L1\n--- b\tTue Nov 14 22:13:21 2023\n***************\n"
                         b"*** 1,3 ****\n  a\n! b\n  c\n--- 1,3 ----\n  a\n! x\n  c\n"),
    (["--old-line-format=-%l\n", "--new-line-format=+%dn:%L", "--unchanged-line-format="], b"-b\n+2:x\n"),
    (["--changed-group-format=[%dF,%dL %df-%dl %(N=1?one:many)]\n", "--unchanged-group-format="],
     b"[2,2 2-2 one]\n"),
    (["--color=always"], b"\033[36m2c2\033[0m\n\033[31m< b\033[0m\n---\n\033[32m> x\033[0m\n"),
    (["--color=always", "--palette=de=1;31:ln=35"],
     b"\033[35m2c2\033[0m\n\033[1;31m< b\033[0m\n---\n\033[32m> x\033[0m\n"),
    (["-T"], b"2c2\n<\tb\n---\n>\tx\n"),
])
def test_formats(run, d, utc, args, out):
    assert tuple(run("diff", *args, "a", "b", cwd=d, env={"TZ": "UTC"})) == (out, b"", 1)


def test_context_time_in_utf8_locale(run, d):
    r = run("diff", "-c", "a", "b", cwd=d, env={"TZ": "UTC", "LC_ALL": "C.UTF-8"})
    assert r.out.startswith(b"*** a\t2023-11-14 22:13:20.123456789 +0000\n--- b\t2023-11-14 22:13:21.")


def test_time_zone_offset(run, d):
    r = run("diff", "-u", "a", "b", cwd=d, env={"TZ": "EST5EDT"})
    assert r.out.startswith(b"--- a\t2023-11-14 17:13:20.123456789 -0500\n")
    r = run("diff", "-u", "a", "b", cwd=d, env={"TZ": "IST-5:30"})
    assert r.out.startswith(b"--- a\t2023-11-15 03:43:20.123456789 +0530\n")


def test_no_newline_markers(run, d):
    assert run("diff", "a", "nonl", cwd=d).out == b"3c3\n< c\n---\n> c\n\\ No newline at end of file\n"
    r = run("diff", "-u", "nonl", "a", cwd=d, env={"TZ": "UTC"})
    assert r.out.endswith(b"@@ -1,3 +1,3 @@\n a\n b\n-c\n\\ No newline at end of file\n+c\n")
    # ed scripts cannot say it: a warning, the line completed, status 2
    assert tuple(run("diff", "-e", "b", "nonl", cwd=d)) == (
        b"2c\nb\n.\n", b"diff: nonl: No newline at end of file\n\n", 2)
    assert tuple(run("diff", "-n", "b", "nonl", cwd=d)) == (b"d2 2\na3 2\nb\nc", b"", 1)
    # -b and friends ignore the missing newline, as GNU does
    assert tuple(run("diff", "-b", "a", "nonl", cwd=d)) == (b"", b"", 0)


def test_ed_dot_line(run, tmp_path):
    put(tmp_path, "p", b"a\n")
    put(tmp_path, "q", b".\nb\n")
    assert run("diff", "-e", "p", "q", cwd=str(tmp_path)).out == b"1c\n..\n.\ns/.//\na\nb\n.\n"


def test_identical_and_empty(run, d):
    assert tuple(run("diff", "a", "a", cwd=d)) == (b"", b"", 0)
    assert tuple(run("diff", "-s", "a", "a", cwd=d)) == (b"Files a and a are identical\n", b"", 0)
    assert tuple(run("diff", "empty", "empty", cwd=d)) == (b"", b"", 0)
    assert tuple(run("diff", "empty", "a", cwd=d)) == (b"0a1,3\n> a\n> b\n> c\n", b"", 1)
    assert run("diff", "-y", "-W", "10", "a", "a", cwd=d).out == b"a\ta\nb\tb\nc\tc\n"
    assert run("diff", "-D", "X", "a", "a", cwd=d).out == b"a\nb\nc\n"


def test_binary_files(run, d):
    assert tuple(run("diff", "bin1", "bin2", cwd=d)) == (b"Binary files bin1 and bin2 differ\n", b"", 1)
    assert tuple(run("diff", "-q", "bin1", "bin2", cwd=d)) == (b"Files bin1 and bin2 differ\n", b"", 1)
    assert tuple(run("diff", "bin1", "bin1", cwd=d)) == (b"", b"", 0)
    assert tuple(run("diff", "-a", "bin1", "bin2", cwd=d)) == (b"1c1\n< a\0b\n---\n> a\0c\n", b"", 1)


def test_stdin(run, d):
    r = run("diff", "-", "b", stdin=b"a\nb\nc\n", cwd=d)
    assert tuple(r) == (b"2c2\n< b\n---\n> x\n", b"", 1)
    r = run("diff", "-u", "a", "-", stdin=b"a\nb\nc\n", cwd=d)
    assert tuple(r) == (b"", b"", 0)
    r = run("diff", "-u", "a", "-", stdin=b"a\n", cwd=d, env={"TZ": "UTC"})
    assert r.out.startswith(b"--- a\t2023-11-14 22:13:20.123456789 +0000\n+++ -\t20")
    assert tuple(run("diff", "-", "-", stdin=b"x\n", cwd=d)) == (b"", b"", 0)
    assert run("diff", "-y", "-", "-", stdin=b"x\n", cwd=d).out.startswith(b"x\t")


def test_whitespace_options(run, tmp_path):
    dd = str(tmp_path)
    put(tmp_path, "p", b"a  b\nc\t\nX\n\n  \n")
    put(tmp_path, "q", b"a b\nc\nx\n")
    assert run("diff", "-b", "p", "q", cwd=dd).out == b"3,5c3\n< X\n< \n<   \n---\n> x\n"
    assert run("diff", "-w", "-i", "p", "q", cwd=dd).out == b"4,5d3\n< \n<   \n"
    assert run("diff", "-w", "-i", "-B", "p", "q", cwd=dd).status == 0
    assert run("diff", "-Z", "-i", "p", "q", cwd=dd).out == b"1c1\n< a  b\n---\n> a b\n4,5d3\n< \n<   \n"
    put(tmp_path, "r", b"\ta\n")
    put(tmp_path, "s", b"        a\n")
    assert run("diff", "-E", "r", "s", cwd=dd).status == 0
    assert run("diff", "r", "s", cwd=dd).status == 1
    assert run("diff", "-t", "r", "s", cwd=dd).out == b"1c1\n<         a\n---\n>         a\n"
    put(tmp_path, "crlf", b"a\r\nb\r\n")
    put(tmp_path, "lf", b"a\nb\n")
    assert run("diff", "--strip-trailing-cr", "crlf", "lf", cwd=dd).status == 0
    assert run("diff", "crlf", "lf", cwd=dd).status == 1


def test_blank_lines(run, tmp_path):
    dd = str(tmp_path)
    put(tmp_path, "p", b"a\n\nb\n")
    put(tmp_path, "q", b"a\nb\n\n\n")
    assert tuple(run("diff", "-B", "p", "q", cwd=dd)) == (b"", b"", 0)
    put(tmp_path, "r", b"a\nz\nb\n")
    assert run("diff", "-B", "r", "q", cwd=dd).out == b"2d1\n< z\n"


def test_suppress_blank_empty(run, tmp_path):
    put(tmp_path, "p", b"\nx\n")
    put(tmp_path, "q", b"\ny\n")
    assert run("diff", "--suppress-blank-empty", "-U1", "--label=p", "--label=q", "p", "q",
               cwd=str(tmp_path)).out == b"--- p\n+++ q\n@@ -1,2 +1,2 @@\n\n-x\n+y\n"


# -- the command line -----------------------------------------------------------

@pytest.mark.parametrize("args, err", [
    ([], b"diff: missing operand after 'diff'\n" + TRY),
    (["-u"], b"diff: missing operand after '-u'\n" + TRY),
    (["a"], b"diff: missing operand after 'a'\n" + TRY),
    (["a", "b", "c"], b"diff: extra operand 'c'\n" + TRY),
    (["--bogus", "a", "b"], b"diff: unrecognized option '--bogus'\n" + TRY),
    (["-j", "a", "b"], b"diff: invalid option -- 'j'\n" + TRY),
    (["-u", "-c", "a", "b"], b"diff: conflicting output style options\n" + TRY),
    (["-e", "--line-format=x", "a", "b"], b"diff: conflicting output style options\n" + TRY),
    (["-W", "0", "a", "b"], b"diff: invalid width '0'\n" + TRY),
    (["-W", "5", "-W", "6", "a", "b"], b"diff: conflicting width options\n"),
    (["--tabsize=x", "a", "b"], b"diff: invalid tabsize 'x'\n" + TRY),
    (["--tabsize=1", "--tabsize=2", "a", "b"], b"diff: conflicting tabsize options\n"),
    (["-D", "X", "--ifdef=Y", "a", "b"],
     b"diff: conflicting -D option value '#ifndef Y\n%<#endif /* ! Y */\n'\n" + TRY),
    (["--line-format=a", "--old-line-format=b", "a", "b"],
     b"diff: conflicting --old-line-format option value 'b'\n" + TRY),
    (["-D", "X", "--old-group-format=b", "a", "b"],
     b"diff: conflicting --old-group-format option value 'b'\n" + TRY),
    (["-C", "x", "a", "b"], b"diff: invalid context length 'x'\n" + TRY),
    (["-U", "-1", "a", "b"], b"diff: invalid context length '-1'\n" + TRY),
    (["--horizon-lines=-1", "a", "b"], b"diff: invalid horizon length '-1'\n" + TRY),
    (["--color=sometimes", "a", "b"], b"diff: invalid color 'sometimes'\n" + TRY),
    (["-L1", "-L2", "-L3", "a", "b"], b"diff: too many file label options\n"),
    (["--from-file=a", "--to-file=b"], b"diff: --from-file and --to-file both specified\n"),
    (["--old-line-format=x", "--old-line-format=y", "a", "b"],
     b"diff: conflicting --old-line-format option value 'y'\n" + TRY),
    (["--co", "a", "b"], b"diff: option '--co' is ambiguous; possibilities: '--color' '--context'\n" + TRY),
    (["a", "nope"], b"diff: nope: No such file or directory\n"),
    (["nope", "nope2"], b"diff: nope: No such file or directory\ndiff: nope2: No such file or directory\n"),
    (["-", "dir"], b"diff: cannot compare '-' to a directory\n"),
    (["-D", "X", "dir", "dir"], b"diff: -D option not supported with directories\n"),
    (["-I", "[", "a", "b"], b"diff: [: Invalid regular expression\n"),
    (["-F", "x\\(", "a", "b"], b"diff: x\\(: Unmatched ( or \\(\n"),
    (["-l", "a", "b"], b"diff: option -l is not supported: paginating needs pr\n"),
])
def test_trouble(run, d, args, err):
    assert tuple(run("diff", *args, cwd=d)) == (b"", err, 2)


@pytest.mark.parametrize("args, shown", [(["-I", "x"], "-I"), (["--show-function-line=x"], "--show-function-line"),
                                         (["-p"], "-p"), (["--ignore-matching=x"], "--ignore-matching-lines")])
def test_regex_options_refused_without_the_regex_layer(inproc, d, monkeypatch, args, shown):
    import sys
    import multicall
    monkeypatch.setitem(sys.modules, "multicall.regex", None)  # import fails
    monkeypatch.delattr(multicall, "regex", raising=False)
    monkeypatch.chdir(d)
    assert tuple(inproc("diff", *args, "a", "b")) == (
        b"", b"diff: option %s needs regular expressions, not supported yet\n" % shown.encode(), 2)


def test_regex_options(inproc, d, monkeypatch):
    """-I and -F go through multicall.regex.compile(pattern, syntax="basic")."""
    monkeypatch.chdir(d)
    put(d, "f1", b"int f()\n{\n  a;\n  b;\n  c;\n  d;\n  e;\n}\n# x\n")
    put(d, "f2", b"int f()\n{\n  a;\n  b;\n  c;\n  d;\n  E;\n}\n# y\n")
    r = inproc("diff", "-I", "^#", "f1", "f2")
    assert tuple(r) == (b"7c7\n<   e;\n---\n>   E;\n", b"", 1)
    r = inproc("diff", "-U1", "-F", "^int", "--label=1", "--label=2", "f1", "f2")
    assert r.out == b"--- 1\n+++ 2\n@@ -6,4 +6,4 @@ int f()\n   d;\n-  e;\n+  E;\n }\n-# x\n+# y\n"
    r = inproc("diff", "-U0", "-F", "^int", "-F", "^{", "--label=1", "--label=2", "f1", "f2")
    assert r.out == b"--- 1\n+++ 2\n@@ -7 +7 @@ {\n-  e;\n+  E;\n@@ -9 +9 @@ {\n-# x\n+# y\n"


def test_help_and_version(run):
    r = run("diff", "--help")
    assert r.status == 0 and r.out.startswith(b"Usage: diff [OPTION]... FILES\n")
    assert b"--ignore-blank-lines" in r.out
    assert run("diff", "-v").out == run("diff", "--version").out
    assert run("diff", "-v").out.startswith(b"diff (pybox) ")


def test_obsolete_context_numbers(run, tmp_path):
    put(tmp_path, "p", b"".join(b"%d\n" % i for i in range(20)))
    put(tmp_path, "q", b"".join(b"%d\n" % i for i in range(20) if i != 10))
    dd = str(tmp_path)
    assert b"@@ -10,3 +10,2 @@" in run("diff", "-1", "-u", "p", "q", cwd=dd).out
    assert b"@@ -1,20 +1,19 @@" in run("diff", "-u", "-1", "-2", "p", "q", cwd=dd).out  # -12
    assert b"@@ -7,9 +7,8 @@" in run("diff", "-U4", "-1", "p", "q", cwd=dd).out  # explicit wins
    assert b"@@ -8,7 +8,6 @@" in run("diff", "--unified", "-1", "p", "q", cwd=dd).out


def test_header_of_subdirectory_files_copies_the_options(run, tmp_path):
    for side, text in (("x", b"1\n"), ("y", b"2\n")):
        (tmp_path / side).mkdir()
        put(tmp_path, side + "/f", text)
        put(tmp_path, side + "/e f", text)
    r = run("diff", "-r", "x", "-x", "?", "--label=l", "y", cwd=str(tmp_path))
    assert r.out == b'diff -r -x \'?\' --label=l "x/e f" "y/e f"\n1c1\n< 1\n---\n> 2\n'


# -- directories ------------------------------------------------------------------

@pytest.fixture
def trees(tmp_path):
    for side in ("d1", "d2"):
        for sub in ("sub", "only_%s_dir" % side):
            (tmp_path / side / sub).mkdir(parents=True)
    put(tmp_path, "d1/f", b"a\n")
    put(tmp_path, "d2/f", b"b\n")
    put(tmp_path, "d1/same", b"s\n")
    put(tmp_path, "d2/same", b"s\n")
    put(tmp_path, "d1/only1", b"o\n")
    put(tmp_path, "d2/only2", b"p\n")
    put(tmp_path, "d1/sub/s", b"1\n")
    put(tmp_path, "d2/sub/s", b"2\n")
    put(tmp_path, "d1/x", b"x\n")
    (tmp_path / "d2" / "x").mkdir()
    put(tmp_path, "d1/bin", b"\0")
    put(tmp_path, "d2/bin", b"\0\1")
    os.symlink("f", str(tmp_path / "d1" / "lnk"))
    os.symlink("same", str(tmp_path / "d2" / "lnk"))
    os.mkfifo(str(tmp_path / "d1" / "fifo"))
    os.mkfifo(str(tmp_path / "d2" / "fifo"))
    return str(tmp_path)


def test_directories(run, trees):
    r = run("diff", "d1", "d2", cwd=trees)
    assert r.out == (b"Binary files d1/bin and d2/bin differ\n"
                     b"diff d1/f d2/f\n1c1\n< a\n---\n> b\n"
                     b"File d1/fifo is a fifo while file d2/fifo is a fifo\n"
                     b"diff d1/lnk d2/lnk\n1c1\n< a\n---\n> s\n"
                     b"Only in d1: only1\nOnly in d2: only2\nOnly in d1: only_d1_dir\nOnly in d2: only_d2_dir\n"
                     b"Common subdirectories: d1/sub and d2/sub\n"
                     b"File d1/x is a regular file while file d2/x is a directory\n")
    assert r.status == 1
    r = run("diff", "-rq", "--no-dereference", "-x", "only*", "d1", "d2", cwd=trees)
    assert r.out == (b"Files d1/bin and d2/bin differ\nFiles d1/f and d2/f differ\n"
                     b"File d1/fifo is a fifo while file d2/fifo is a fifo\n"
                     b"Symbolic links d1/lnk and d2/lnk differ\nFiles d1/sub/s and d2/sub/s differ\n"
                     b"File d1/x is a regular file while file d2/x is a directory\n")


def test_directory_and_file_operands(run, trees):
    assert tuple(run("diff", "d1", "d2/f", cwd=trees)) == (b"1c1\n< a\n---\n> b\n", b"", 1)
    assert tuple(run("diff", "d1/same", "d2", cwd=trees)) == (b"", b"", 0)
    assert tuple(run("diff", "d1", "d2/only2", cwd=trees)) == (
        b"", b"diff: d1/only2: No such file or directory\n", 2)


def test_new_file_options(run, trees):
    r = run("diff", "-rN", "d1", "d2", cwd=trees)
    assert b"diff -rN d1/only1 d2/only1\n1d0\n< o\n" in r.out
    assert b"diff -rN d1/only2 d2/only2\n0a1\n> p\n" in r.out
    r = run("diff", "-r", "--unidirectional-new-file", "d1", "d2", cwd=trees)
    assert b"Only in d1: only1\n" in r.out and b"0a1\n> p\n" in r.out
    r = run("diff", "-N", "-u", "nope", "d1/f", cwd=trees, env={"TZ": "UTC"})
    assert r.out.startswith(b"--- nope\t1970-01-01 00:00:00.000000000 +0000\n")


def test_symlink_loop_and_recursion_loop(run, tmp_path):
    for side in ("d1", "d2"):
        (tmp_path / side / "sub").mkdir(parents=True)
        os.symlink("loop", str(tmp_path / side / "loop"))
        os.symlink("..", str(tmp_path / side / "sub" / "back"))
    r = run("diff", "-r", "d1", "d2", cwd=str(tmp_path))
    assert r.err == (b"diff: d1/loop: Too many levels of symbolic links\n"
                     b"diff: d2/loop: Too many levels of symbolic links\n"
                     b"diff: d1/sub/back: recursive directory loop\n")
    assert r.status == 2


def test_starting_file_and_exclude_from(run, trees, tmp_path):
    r = run("diff", "-r", "-S", "s", "d1", "d2", cwd=trees)
    assert r.out.startswith(b"diff -r -S s d1/sub/s d2/sub/s\n")
    put(tmp_path, "pats", b"only*  \n\n[bf]*\nl?k\n")
    r = run("diff", "-X", "pats", "d1", "d2", cwd=trees)
    assert r.out == (b"Common subdirectories: d1/sub and d2/sub\n"
                     b"File d1/x is a regular file while file d2/x is a directory\n")
    assert tuple(run("diff", "-X", "nope", "d1", "d2", cwd=trees)) == (
        b"", b"diff: nope: No such file or directory\n", 2)


def test_from_file_and_to_file(run, d):
    r = run("diff", "--from-file=a", "a", "b", "nope", cwd=d)
    assert tuple(r) == (b"2c2\n< b\n---\n> x\n", b"diff: nope: No such file or directory\n", 2)
    assert tuple(run("diff", "--to-file=a", "a", cwd=d)) == (b"", b"", 0)


def test_big_identical_files_are_not_split(inproc, tmp_path, monkeypatch):
    data = b"".join(b"line %d\n" % i for i in range(300000))
    put(tmp_path, "p", data)
    put(tmp_path, "q", data)
    from applets.editors.diff import compare

    def boom(*a):
        raise AssertionError("identical files were read as text")
    monkeypatch.setattr(compare, "text_diff", boom)
    monkeypatch.chdir(tmp_path)
    assert tuple(inproc("diff", "p", "q")) == (b"", b"", 0)
    assert tuple(inproc("diff", "-q", "p", "q")) == (b"", b"", 0)


# -- against GNU ------------------------------------------------------------------

LINES = [b"a", b"b", b"c", b"", b"  ", b"a ", b"A", b"\tb", b" b", b"."]


@st.composite
def file_pair(draw, alphabet=LINES):
    one = draw(st.lists(st.sampled_from(alphabet), max_size=14))
    two = draw(st.lists(st.sampled_from(alphabet), max_size=14))
    a = b"".join(x + b"\n" for x in one)
    b = b"".join(x + b"\n" for x in two)
    if draw(st.booleans()) and a:
        a = a[:-1]
    if draw(st.integers(0, 4)) == 0 and b:
        b = b[:-1]
    return a, b


def _same(gnu_diff, inproc, tmp, a, b, args, env=None):
    put(tmp, "A", a, T0)
    put(tmp, "B", b, T1)
    names = [os.path.join(str(tmp), "A"), os.path.join(str(tmp), "B")]
    expected = gnu_run(gnu_diff, args + names, env=env)
    got = inproc("diff", *(args + names), env=env)
    assert tuple(got) == expected, (args, a, b)


STYLES = [[], ["-u"], ["-c"], ["-e"], ["-y"], ["-n"], ["-f"], ["-D", "X"], ["-U1"], ["-C0"], ["-y", "-W", "37"]]
OPTIONS = [[], [], ["-b"], ["-w"], ["-i"], ["-B"], ["-E"], ["-Z"], ["-d"], ["-B", "-w"], ["--horizon-lines=1"],
           ["-t"], ["-T"], ["--strip-trailing-cr"], ["--suppress-blank-empty"], ["--color=always"], ["-iB"],
           ["-I", "^[ab]$"], ["-I", "b", "-B"], ["-F", "^[bc]"], ["-p"], ["-F", "a", "-I", "c"]]


@settings(max_examples=150)
@given(file_pair(), st.sampled_from(STYLES), st.sampled_from(OPTIONS))
def test_same_as_gnu_generated(gnu_diff, inproc, tmp_path, pair, style, options):
    _same(gnu_diff, inproc, tmp_path, pair[0], pair[1], style + options)


@settings(max_examples=60)
@given(file_pair([b"x\ty", b"\xc3\xa9t\xc3\xa9", b"\xe4\xb8\xad\xe6\x96\x87!", b"ab\bc", b"\rz", b"y\r",
                  b"\x01q", b"\xff", b"a" * 70, b"\t" * 12]),
       st.sampled_from([["-y"], ["-y", "-t", "-W", "51"], ["-y", "--tabsize=3", "-W", "60"], ["-t"],
                        ["-t", "-T", "-c"], ["-y", "--left-column"], ["--line-format=%c'\\101'%5dn %L"]]),
       st.sampled_from(["C", "C.UTF-8"]))
def test_same_as_gnu_odd_characters(gnu_diff, inproc, tmp_path, pair, args, locale):
    _same(gnu_diff, inproc, tmp_path, pair[0], pair[1], args, env={"LC_ALL": locale})


@settings(max_examples=40)
@given(file_pair([b"a", b"b", b"c"]),
       st.sampled_from([["--old-group-format=<%dn,%de:%<>", "--new-group-format=%(N=1?one:%dN)%>",
                         "--unchanged-group-format=[%=]", "--changed-group-format=%<--%>%%%c'x'"],
                        ["--line-format=%5.3dn|%-4xn|%04on|%l\n"],
                        ["--old-line-format=-%L", "--new-line-format=+%L", "--unchanged-line-format= %L"],
                        ["--unchanged-group-format=", "--changed-group-format=%dF %dL %dN %dE %dM %df %dl\n"]]))
def test_same_as_gnu_formats(gnu_diff, inproc, tmp_path, pair, args):
    _same(gnu_diff, inproc, tmp_path, pair[0], pair[1], args)


@pytest.mark.parametrize("seed", range(3))
def test_large_files_same_as_gnu(gnu_diff, inproc, tmp_path, seed):
    rng = random.Random(seed)
    alphabet = [b"}", b"", b"x = 1;", b"return;"] + [b"line %d" % i for i in range(3000)]
    one = [rng.choice(alphabet) for _ in range(4000)]
    two = list(one)
    for _ in range(120):
        k = rng.randrange(len(two))
        r = rng.random()
        if r < 0.35:
            del two[k]
        elif r < 0.7:
            two.insert(k, rng.choice(alphabet))
        else:
            two[k] = rng.choice(alphabet)
    a = b"\n".join(one) + b"\n"
    b = b"\n".join(two) + b"\n"
    for args in ([], ["-u"], ["-y"], ["-d", "-c"], ["-H", "-e"]):
        _same(gnu_diff, inproc, tmp_path, a, b, args)


@pytest.mark.skipif(not os.environ.get("PYBOX_SLOW_TESTS"), reason="takes about 20 s; set PYBOX_SLOW_TESTS=1")
def test_too_expensive_cutoff_same_as_gnu(gnu_diff, inproc, tmp_path):
    # two long, very different files: GNU stops looking for a minimal
    # script after 4096 steps of one search (12000 lines are needed)
    rng = random.Random(7)
    a = b"".join(rng.choice([b"a\n", b"b\n", b"c\n", b"d\n"]) for _ in range(12000))
    b = b"".join(rng.choice([b"a\n", b"b\n", b"c\n", b"d\n"]) for _ in range(12000))
    _same(gnu_diff, inproc, tmp_path, a, b, [])


def test_too_expensive_cutoff_gives_a_correct_script(monkeypatch):
    """With the cut-off lowered, the search gives up early on every
    subproblem; the script it settles for must still turn a into b, and
    --minimal must not give up."""
    from applets.editors.diff import analyze
    calls = []
    orig = analyze._give_up

    def counted(*args):
        calls.append(1)
        return orig(*args)
    monkeypatch.setattr(analyze, "_give_up", counted)
    monkeypatch.setattr(analyze, "_too_expensive", lambda n0, n1: 3)
    rng = random.Random(3)
    a = [rng.randrange(4) for _ in range(300)]
    b = [rng.randrange(4) for _ in range(280)]
    for minimal in (False, True):
        calls.clear()
        c0, c1 = bytearray(len(a) + 2), bytearray(len(b) + 2)
        analyze.compareseq(a, b, range(len(a)), range(len(b)), c0, c1, minimal, False)
        kept0 = [x for i, x in enumerate(a) if not c0[i + 1]]
        kept1 = [x for i, x in enumerate(b) if not c1[i + 1]]
        assert kept0 == kept1  # what is not changed is common, in order
        assert bool(calls) != minimal


@settings(max_examples=25)
@given(st.data())
def test_directories_same_as_gnu(gnu_diff, inproc, tmp_path_factory, data):
    base = tmp_path_factory.mktemp("dirs")
    names = ["a", "B", "b", "c.txt", ".h", "e e", "f\xe9"]
    for side in ("d1", "d2"):
        root = base / side
        root.mkdir()
        for n in data.draw(st.lists(st.sampled_from(names), unique=True, max_size=5)):
            kind = data.draw(st.sampled_from(["x", "y", "bin", "dir", "link", "empty"]))
            p = root / n
            if kind == "dir":
                p.mkdir()
                put(p, "f", data.draw(st.sampled_from([b"1\n", b"2\n"])))
            elif kind == "link":
                os.symlink(data.draw(st.sampled_from(["a", "nowhere", "c.txt"])), str(p))
            else:
                put(base, side + "/" + n, {"x": b"x\n", "y": b"x\ny\n", "bin": b"\0", "empty": b""}[kind])
    args = data.draw(st.sampled_from([["-r"], [], ["-rq"], ["-rN"], ["-N"], ["-ru"], ["-r", "-x", "[ab]*"],
                                      ["-r", "-S", "c"], ["-rs"], ["-r", "--no-dereference"],
                                      ["-r", "--ignore-file-name-case"], ["-r", "-P"]]))
    cwd = str(base)
    expected = gnu_run(gnu_diff, args + ["d1", "d2"], cwd=cwd)
    old = os.getcwd()
    os.chdir(cwd)
    try:
        got = inproc("diff", *(args + ["d1", "d2"]))
    finally:
        os.chdir(old)
    assert tuple(got) == expected


def test_error_messages_same_as_gnu(gnu_diff, run, d):
    for args in (["-W", "x", "a", "b"], ["--unif=x", "a", "b"], ["-D", "x", "-D", "y", "a", "b"],
                 ["--from-file=a", "--from-file=b", "a"], ["-S", "a", "-S", "b", "a", "b"],
                 ["--i", "a", "b"], ["--tabsize=3", "--tabsize=4", "a", "b"], ["-U", "", "a", "b"]):
        assert tuple(run("diff", *args, cwd=d)) == gnu_run(gnu_diff, args, cwd=d), args


@pytest.mark.parametrize("palette", ["zz=1", "ad", "ad=\\", "ad=^", "*.c=1:ad=33", "rs=0:hd=1;4:lc=\\e[:rc=m",
                                     "ad=\\x41\\101\\_:de=^[x^?", "a", ":::", "ln=36:"])
def test_palette_same_as_gnu(gnu_diff, run, d, palette):
    args = ["-u", "--color=always", "--palette=" + palette, "a", "b"]
    assert tuple(run("diff", *args, cwd=d)) == gnu_run(gnu_diff, args, cwd=d)


def test_busybox_spellings(run, d):
    """BusyBox's diff has a subset of GNU's options under the same names."""
    r = run("diff", "--text", "--ignore-space-change", "--ignore-blank-lines", "--ignore-case", "--new-file",
            "--recursive", "--report-identical-files", "--expand-tabs", "--initial-tab", "--unified=1",
            "--ignore-all-space", "--minimal", "--label=x", "--label=y", "a", "b", cwd=d)
    assert tuple(r) == (b"--- x\n+++ y\n@@ -1,3 +1,3 @@\n\ta\n-\tb\n+\tx\n\tc\n", b"", 1)
    assert run("diff", "-qrs", "a", "a", cwd=d).out == b"Files a and a are identical\n"


@pytest.mark.skipif(not os.path.exists("/proc/self/mem"), reason="needs /proc/self/mem")
def test_read_error_names_the_file(run, d):
    """/proc/self/mem opens but cannot be read: GNU names it, status 2."""
    for args in (["/proc/self/mem", "a"], ["a", "/proc/self/mem"], ["-q", "a", "/proc/self/mem"]):
        assert tuple(run("diff", *args, cwd=d)) == (b"", b"diff: /proc/self/mem: Input/output error\n", 2)
