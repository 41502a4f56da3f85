"""find: every primary, action and operator with outputs written out here
(no reference tool needed), the error messages, a 10,000-level tree with
paths longer than PATH_MAX, -exec and friends, and unit tests of the
helper modules (wildcards, modes, dates).  test_find_gnu.py compares
with GNU find."""
import os
import subprocess
import sys
import time

import pytest

from applets.findutils.find import pattern
from multicall import dates, modes


@pytest.fixture
def tree(tmp_path):
    """a/ (b/ c) ; a/f (3 bytes) ; a/g.h ; top.c ; l -> a ; dang -> none ;
    times fixed at known points of 2021."""
    t = tmp_path / "t"
    (t / "a" / "b").mkdir(parents=True)
    (t / "a" / "f").write_bytes(b"abc")
    (t / "a" / "g.h").write_bytes(b"")
    (t / "a" / "c").mkdir()
    (t / "top.c").write_bytes(b"x" * 2000)
    os.symlink("a", t / "l")
    os.symlink("none", t / "dang")
    base = 1609459200  # 2021-01-01 00:00:00 UTC
    for p, dt in (("a/f", 3600), ("a/g.h", 7200), ("top.c", 86400 * 3), ("a/b", 60), ("a/c", 0),
                  ("a", 0), (".", 0)):
        os.utime(t / p, (base + dt, base + dt))
    os.utime(t / "l", (base, base), follow_symlinks=False)
    os.utime(t / "dang", (base, base), follow_symlinks=False)
    return tmp_path


def lines(result):
    return sorted(result.out.decode("utf-8", "surrogateescape").splitlines())


def find(run, cwd, *args, **kw):
    return run("find", *args, cwd=str(cwd), **kw)


# -- basics -----------------------------------------------------------------------------

def test_default_path_and_print(run, tree, via):
    r = run("find", cwd=str(tree / "t"), via=via)
    assert r.status == 0 and r.err == b""
    assert sorted(r.out.split(b"\n")[:-1]) == sorted(
        [b".", b"./a", b"./a/b", b"./a/c", b"./a/f", b"./a/g.h", b"./top.c", b"./l", b"./dang"])
    assert r.out.split(b"\n")[0] == b"."


def test_pre_order_and_depth(inproc, tree, monkeypatch):
    monkeypatch.chdir(tree)
    out = inproc("find", "t/a").out.split(b"\n")[:-1]
    assert out[0] == b"t/a" and out.index(b"t/a/b") > 0
    out = inproc("find", "t/a", "-depth").out.split(b"\n")[:-1]
    assert out[-1] == b"t/a"


def test_name_path_regex(inproc, tree, monkeypatch):
    monkeypatch.chdir(tree)
    assert inproc("find", "t", "-name", "*.h").out == b"t/a/g.h\n"
    assert inproc("find", "t", "-iname", "*.H").out == b"t/a/g.h\n"
    assert sorted(inproc("find", "t", "-path", "t/a/?").out.split()) == [b"t/a/b", b"t/a/c", b"t/a/f"]
    assert sorted(inproc("find", "t", "-regex", r".*\.[ch]").out.split()) == [b"t/a/g.h", b"t/top.c"]
    assert sorted(inproc("find", "t", "-regextype", "posix-extended", "-regex", "t/(a|l)").out.split()) == [
        b"t/a", b"t/l"]
    assert inproc("find", "t", "-regex", "t/a").out == b"t/a\n"  # the whole path must match
    assert inproc("find", "t/", "-name", "t").out == b"t/\n"  # trailing slash stripped for -name


def test_type_lists_and_links(inproc, tree, monkeypatch):
    monkeypatch.chdir(tree / "t")
    assert sorted(inproc("find", ".", "-type", "l").out.split()) == [b"./dang", b"./l"]
    assert sorted(inproc("find", ".", "-type", "f,l").out.split()) == [b"./a/f", b"./a/g.h", b"./dang",
                                                                      b"./l", b"./top.c"]
    assert inproc("find", "-L", ".", "-type", "l").out == b"./dang\n"
    assert inproc("find", ".", "-xtype", "d").out.split().count(b"./l") == 1
    assert inproc("find", "-H", "l", "-maxdepth", "0", "-type", "d").out == b"l\n"
    assert inproc("find", "l", "-maxdepth", "0", "-type", "d").out == b""


def test_size_rounds_up(inproc, tree, monkeypatch):
    monkeypatch.chdir(tree / "t")
    assert inproc("find", "a/f", "-size", "1").out == b"a/f\n"  # 3 bytes: one 512-byte block
    assert inproc("find", "a/f", "-size", "3c").out == b"a/f\n"
    assert inproc("find", "a/f", "-size", "-1k").out == b""  # rounds up to 1k, not less
    assert inproc("find", "a/g.h", "-size", "-1k").out == b"a/g.h\n"
    assert inproc("find", "top.c", "-size", "2k").out == b"top.c\n"
    assert inproc("find", "top.c", "-size", "+3").out == b"top.c\n"
    assert inproc("find", "top.c", "-size", "1000w").out == b"top.c\n"


def test_empty(inproc, tree, monkeypatch):
    monkeypatch.chdir(tree / "t")
    assert sorted(inproc("find", ".", "-empty").out.split()) == [b"./a/b", b"./a/c", b"./a/g.h"]


def test_times(inproc, tmp_path, monkeypatch):
    now = time.time()
    for name, age in (("h1", 3600), ("d2", 86400 * 2 + 600), ("d10", 86400 * 10 + 600), ("fut", -3600)):
        p = tmp_path / name
        p.write_bytes(b"")
        os.utime(p, (now - age - 100, now - age))
    monkeypatch.chdir(tmp_path)

    def names(*args):
        return sorted(inproc("find", ".", "-type", "f", *args).out.split())
    assert names("-mtime", "0") == [b"./h1"]
    assert names("-mtime", "2") == [b"./d2"]
    assert names("-mtime", "+1") == [b"./d10", b"./d2"]  # more than 2 days: GNU rounds
    assert names("-mtime", "-1") == [b"./fut", b"./h1"]
    assert names("-mmin", "-61") == [b"./fut", b"./h1"]
    assert names("-mmin", "+61") == [b"./d10", b"./d2"]
    assert names("-amin", "-62") == [b"./fut", b"./h1"]
    assert names("-newer", "d2") == [b"./fut", b"./h1"]
    assert names("-newermt", "@%d" % (now - 86400 * 5)) == [b"./d2", b"./fut", b"./h1"]
    assert names("-mtime", "1.5") == [b"./d2"]  # fractional days: the window [1.5, 2.5) days
    assert names("-mtime", "2.5") == []


def test_perm(inproc, tmp_path, monkeypatch):
    for name, mode in (("a", 0o644), ("b", 0o755), ("c", 0o4711), ("d", 0o600)):
        (tmp_path / name).write_bytes(b"")
        os.chmod(tmp_path / name, mode)
    monkeypatch.chdir(tmp_path)

    def names(*args):
        return sorted(inproc("find", ".", "-type", "f", *args).out.split())
    assert names("-perm", "644") == [b"./a"]
    assert names("-perm", "u=rw,go=r") == [b"./a"]
    assert names("-perm", "-u+x") == [b"./b", b"./c"]
    assert names("-perm", "/o+r") == [b"./a", b"./b"]
    assert names("-perm", "-4000") == [b"./c"]
    assert names("-perm", "/u+s,g+w") == [b"./c"]
    assert names("-perm", "-a=r") == [b"./a", b"./b"]


def test_owner_links_inum_samefile(inproc, tree, monkeypatch):
    monkeypatch.chdir(tree / "t")
    uid = os.getuid()
    assert b"./top.c" in inproc("find", ".", "-uid", str(uid)).out.split()
    assert inproc("find", ".", "-uid", "+%d" % (uid + 1)).out == b""
    os.link("top.c", "hard")
    assert sorted(inproc("find", ".", "-samefile", "top.c").out.split()) == [b"./hard", b"./top.c"]
    assert sorted(inproc("find", ".", "-links", "2", "-type", "f").out.split()) == [b"./hard", b"./top.c"]
    ino = os.stat("top.c").st_ino
    assert sorted(inproc("find", ".", "-inum", str(ino)).out.split()) == [b"./hard", b"./top.c"]
    assert inproc("find", ".", "-lname", "a").out == b"./l\n"
    assert inproc("find", ".", "-ilname", "NO*").out == b"./dang\n"


# -- operators ---------------------------------------------------------------------------

def test_operators_and_precedence(inproc, tree, monkeypatch):
    monkeypatch.chdir(tree / "t")

    def names(*args):
        return sorted(inproc("find", ".", *args).out.split())
    assert names("-name", "f", "-o", "-name", "g.h") == [b"./a/f", b"./a/g.h"]
    assert names("-type", "f", "-name", "*.c", "-o", "-name", "b") == [b"./a/b", b"./top.c"]
    assert names("-type", "d", "(", "-name", "b", "-o", "-name", "c", ")") == [b"./a/b", b"./a/c"]
    assert names("!", "-type", "d", "-not", "-type", "l") == [b"./a/f", b"./a/g.h", b"./top.c"]
    assert names("-name", "x", ",", "-name", "f") == [b"./a/f"]  # `,` yields its right side
    # the implicit -print covers the whole expression, -o included
    assert names("-name", "f", "-o", "-name", "top.c") == [b"./a/f", b"./top.c"]
    # an action anywhere switches the implicit -print off
    assert names("-name", "f", "-print", "-o", "-name", "top.c") == [b"./a/f"]
    # a thousand alternatives: evaluated in a loop, not by recursion
    args = []
    for i in range(1000):
        args += ["-name", "n%d" % i, "-o"]
    assert names(*(args + ["-name", "f"])) == [b"./a/f"]


def test_prune_quit_depth_limits(inproc, tree, monkeypatch):
    monkeypatch.chdir(tree / "t")

    def out(*args):
        return inproc("find", ".", *args).out.split()
    assert b"./a/f" not in out("-name", "a", "-prune", "-o", "-print")
    assert b"./a" not in out("-name", "a", "-prune", "-o", "-print")
    assert out("-name", "a", "-print", "-quit") == [b"./a"]
    assert sorted(out("-maxdepth", "1")) == [b".", b"./a", b"./dang", b"./l", b"./top.c"]
    assert sorted(out("-mindepth", "2")) == [b"./a/b", b"./a/c", b"./a/f", b"./a/g.h"]
    assert out("-maxdepth", "0", "-depth") == [b"."]
    # -prune does nothing with -depth
    assert b"./a/f" in out("-depth", "-name", "a", "-prune", "-o", "-print")


# -- -printf and -ls ------------------------------------------------------------------------------

def test_printf_directives(run, tree):
    env = {"TZ": "UTC"}
    r = find(run, tree / "t", "a/f", "-printf",
             "%p|%f|%h|%P|%H|%d|%s|%m|%M|%y|%Y|%n|%k|%b|%t|%T@|%TY-%Tm-%Td %TT|%A+|%Tk\\n", env=env)
    assert r.status == 0 and r.err == b""
    assert r.out == (b"a/f|f|a||a/f|0|3|644|-rw-r--r--|f|f|1|4|8|Fri Jan  1 01:00:00.0000000000 2021|"
                     b"1609462800.0000000000|2021-01-01 01:00:00.0000000000|2021-01-01+01:00:00.0000000000| 1\n")
    r = find(run, tree, "t", "-maxdepth", "1", "-name", "l", "-printf", "%f %l %y %Y %P %H %h %d\\n")
    assert r.out == b"l a l d l t t 1\n"
    r = find(run, tree, "t/dang", "-printf", "[%Y][%5d][%-4y][%.1f][%#o]\\n")
    assert r.out == b"[N][    0][l   ][d][%#o]\n"
    assert r.err == b"find: warning: unrecognized format directive `%o'\n"
    r = find(run, tree, "t/a/f", "-printf", "a\\tb\\0c\\101\\cNOT")
    assert r.out == b"a\tb\0cA"


def test_printf_errors(run, tree):
    assert tuple(find(run, tree, "t", "-printf", "%")) == (
        b"", b"find: error: % at end of format string\n", 1)
    assert tuple(find(run, tree, "t", "-printf", "%{")) == (
        b"", b"find: error: the format directive `%{' is reserved for future use\n", 1)
    r = find(run, tree, "t/a/f", "-printf", "x\\")
    assert (r.out, r.err) == (b"x\\", b"find: warning: escape `\\' followed by nothing at all\n")


def test_ls_format(run, tree):
    r = find(run, tree / "t", "a/f", "-ls", env={"TZ": "UTC"})
    st = os.stat(tree / "t" / "a" / "f")
    import pwd
    import grp
    user = pwd.getpwuid(st.st_uid).pw_name
    group = grp.getgrgid(st.st_gid).gr_name
    want = "%9d %6d -rw-r--r--   1 %-8s %-8s %8d Jan  1  2021 a/f\n" % (
        st.st_ino, (st.st_blocks + 1) // 2, user, group, 3)
    assert r.out.decode() == want
    r = find(run, tree / "t", "l", "-ls")
    assert r.out.endswith(b" l -> a\n")


def test_ls_quotes_names(run, tmp_path):
    (tmp_path / "a b\\c\n\xe9").write_bytes(b"")
    r = find(run, tmp_path, ".", "-mindepth", "1", "-ls")
    assert r.out.endswith(b" ./a\\ b\\\\c\\n\\303\\251\n")


def test_ls_quoting_of_every_byte():
    from applets.findutils.find.printf import quote_ls_name
    named = {9: b"\\t", 10: b"\\n", 8: b"\\b", 12: b"\\f", 13: b"\\r", 32: b"\\ ", 34: b'\\"', 92: b"\\\\"}
    for c in range(256):
        want = named.get(c) or (bytes([c]) if 32 < c < 127 else b"\\%03o" % c)
        assert quote_ls_name(bytes([c])) == want, c
    assert quote_ls_name(b"a b\tc") == b"a\\ b\\tc"
    assert quote_ls_name(b"") == b""


def test_print0_fprint_and_shared_files(run, tree):
    r = find(run, tree / "t", "a", "-name", "f", "-print0", "-fprint", "out1", "-fprint0", "out1",
             "-fprintf", "out2", "%f\\n", "-fls", "/dev/stderr")
    assert r.out == b"a/f\0"
    assert (tree / "t" / "out1").read_bytes() == b"a/f\na/f\0"  # one stream per file
    assert (tree / "t" / "out2").read_bytes() == b"f\n"
    assert r.err.endswith(b" a/f\n")
    r = find(run, tree, "t", "-fprint", "/nonexistent/x")
    assert tuple(r) == (b"", b"find: '/nonexistent/x': No such file or directory\n", 1)


# -- -exec, -execdir, -ok, -delete ---------------------------------------------------------

def test_exec_forms(run, tree):
    t = tree / "t"
    r = find(run, t, "a", "-name", "f", "-exec", "echo", "[{}]", "x{}y", ";")
    assert r.out == b"[a/f] xa/fy\n"
    r = find(run, t, "a", "-type", "f", "-exec", "echo", "files:", "{}", "+")
    assert sorted(r.out.split()[1:]) == [b"a/f", b"a/g.h"] and r.out.startswith(b"files: ")
    r = find(run, t, "a", "-name", "f", "-exec", "false", ";", "-o", "-name", "f", "-print")
    assert (r.out, r.status) == (b"a/f\n", 0)  # a failing command is false, not an error
    r = find(run, t, "a", "-name", "f", "-exec", "false", "{}", "+")
    assert r.status == 1  # with + it is an error
    r = find(run, t, "a", "-name", "f", "-exec", "nonexistent-cmd", ";")
    assert (r.err, r.status) == (b"find: 'nonexistent-cmd': No such file or directory\n", 0)
    r = find(run, t, "a", "-name", "f", "-execdir", "pwd", ";")
    assert r.out == str(t / "a").encode() + b"\n"
    r = find(run, t, "a", "-name", "f", "-execdir", "echo", "{}", ";")
    assert r.out == b"./f\n"
    r = find(run, t, "a", "-maxdepth", "0", "-execdir", "echo", "{}", ";")
    assert r.out == b"./a\n"


def test_exec_batches_split_at_the_argument_limit(run, tmp_path):
    d = tmp_path / "many"
    d.mkdir()
    name = "n" * 200
    for i in range(1500):
        (d / ("%s%04d" % (name, i))).write_bytes(b"")
    r = find(run, tmp_path, "many", "-type", "f", "-exec", "sh", "-c", 'echo "$#"', "sh", "{}", "+")
    counts = [int(x) for x in r.out.split()]
    assert sum(counts) == 1500 and len(counts) == 3  # 128 KiB of arguments per command


def test_execdir_refuses_relative_path(run, tree):
    r = find(run, tree, "t", "-execdir", "true", ";", env={"PATH": "/bin:.:/usr/bin"})
    assert r.status == 1 and b"The current directory is included in the PATH" in r.err
    r = find(run, tree, "t", "-execdir", "true", ";", env={"PATH": "/bin:rel"})
    assert r.err == (b"find: The relative path 'rel' is included in the PATH environment variable, which is "
                     b"insecure in combination with the -execdir action of find.  Please remove that entry "
                     b"from $PATH\n")


def test_ok_asks_on_stderr(run, tree):
    r = find(run, tree / "t", "a", "-name", "f", "-ok", "echo", "yes:", "{}", ";", stdin=b"y\n")
    assert (r.out, r.err) == (b"yes: a/f\n", b"< echo ... a/f > ? ")
    r = find(run, tree / "t", "a", "-name", "f", "-ok", "echo", "{}", ";", stdin=b"no\n")
    assert (r.out, r.err) == (b"", b"< echo ... a/f > ? ")
    r = find(run, tree / "t", "a", "-name", "f", "-okdir", "cat", ";", stdin=b"y\n")
    assert r.err == b"< cat ... a/f > ? "  # the command reads /dev/null, not find's input


def test_delete(run, tree):
    t = tree / "t"
    r = find(run, t, "a", "-name", "*.h", "-delete")
    assert tuple(r) == (b"", b"", 0) and not (t / "a" / "g.h").exists()
    r = find(run, t, "a", "-name", "a", "-delete")
    assert r.status == 1 and r.err == b"find: cannot delete 'a': Directory not empty\n"
    r = find(run, t, ".", "-delete")
    assert tuple(r) == (b"", b"", 0) and os.listdir(t) == []


# -- errors and warnings ----------------------------------------------------------------------

@pytest.mark.parametrize("args, err", [
    (["-foo"], "find: unknown predicate `-foo'\n"),
    ([".", "-name"], "find: missing argument to `-name'\n"),
    ([".", "-name", "x", "y"], "find: paths must precede expression: `y'\n"),
    ([".", "-mtime", "x"], "find: invalid argument `x' to `-mtime'\n"),
    ([".", "("], "find: invalid expression; expected to find a ')' but didn't see one. Perhaps you need an "
                 "extra predicate after '('\n"),
    ([".", "-a"], "find: invalid expression; you have used a binary operator '-a' with nothing before it.\n"),
    ([".", "-name", "x", "-o"], "find: expected an expression after '-o'\n"),
    ([".", "(", ")"], "find: invalid expression; empty parentheses are not allowed.\n"),
    ([".", "-name", "x", ")"], "find: you have too many ')'\n"),
    ([".", "-type", "fd"], "find: Must separate multiple arguments to -type using: ','\n"),
    ([".", "-size", "3q"], "find: invalid -size type `q'\n"),
    ([".", "-perm", "+222"], "find: invalid mode '+222'\n"),
    ([".", "-newermt", "never"], "find: I cannot figure out how to interpret 'never' as a date or time\n"),
    ([".", "-mtime", "nan"], "find: invalid not-a-number argument: `nan'\n"),
    ([".", "-exec", "echo", "x{}", "+"], "find: In '-exec ... {} +' the '{}' must appear by itself, but you "
                                        "specified 'x{}'\n"),
    ([".", "-delete", "-prune"], "find: The -delete action automatically turns on -depth, but -prune does "
                                 "nothing when -depth is in effect.  If you want to carry on anyway, just "
                                 "explicitly use the -depth option.\n"),
    ([".", "-regextype", "x"], "find: Unknown regular expression type 'x'; valid types are 'findutils-default', "
                               "'ed', 'emacs', 'gnu-awk', 'grep', 'posix-awk', 'awk', 'posix-basic', "
                               "'posix-egrep', 'egrep', 'posix-extended', 'posix-minimal-basic', 'sed'.\n"),
    (["-D", "tree", "."], "find: the -D debug option 'tree' is not supported by this find\n"),
    (["-O", "."], "find: The -O option must be immediately followed by a decimal integer\n"),
])
def test_error_messages(run, tree, args, err):
    assert tuple(find(run, tree, *args)) == (b"", err.encode(), 1)


def test_errors_in_utf8_locale_use_curly_quotes(run, tree):
    r = find(run, tree, "nonexistent", env={"LC_ALL": "C.UTF-8"})
    assert tuple(r) == (b"", "find: \u2018nonexistent\u2019: No such file or directory\n".encode(), 1)


def test_missing_start_point_is_reported_and_the_rest_walked(run, tree):
    r = find(run, tree, "nope", "t/a/f", "")
    assert r.out == b"t/a/f\n"
    assert r.err == b"find: 'nope': No such file or directory\nfind: '': No such file or directory\n"
    assert r.status == 1


def test_loop_message(run, tree):
    os.symlink("..", tree / "t" / "a" / "up")
    r = find(run, tree, "-L", "t")
    assert r.status == 1
    assert sorted(r.err.splitlines()) == [
        b"find: File system loop detected; 't/a/up' is part of the same file system loop as 't'.",
        b"find: File system loop detected; 't/l/up' is part of the same file system loop as 't'."]
    assert b"t/a/up\n" not in r.out  # the loop itself is not visited
    r = find(run, tree, "-L", "t/a", "-name", "up")
    assert (r.out, r.status) == (b"t/a/up\n", 1)  # t/a/up is t: a loop only one level down
    assert b"find: File system loop detected; 't/a/up/a' is part of the same file system loop as 't/a'.\n" in r.err


def test_warnings_only_when_stdin_is_a_terminal(run, tree):
    r = find(run, tree, "t", "-maxdepth", "0", "-name", "a/b")
    assert r.err == b""
    r = find(run, tree, "t", "-warn", "-name", "a/b", "-maxdepth", "0")
    assert r.err == (b"find: warning: '-name' matches against basenames only, but the given pattern contains a "
                     b"directory separator ('/'), thus the expression will evaluate to false all the time.  "
                     b"Did you mean '-wholename'?\n"
                     b"find: warning: you have specified the global option -maxdepth after the argument -name, "
                     b"but global options are not positional, i.e., -maxdepth affects tests specified before it "
                     b"as well as those specified after it.  Please specify global options before other "
                     b"arguments.\n")


def test_files0_from(run, tree):
    (tree / "list").write_bytes(b"t/a/f\0\0t/top.c")
    r = find(run, tree, "-files0-from", "list")
    assert (r.out, r.err, r.status) == (b"t/a/f\nt/top.c\n", b"find: 'list':2: invalid zero-length file name\n", 1)
    r = find(run, tree, "-files0-from", "-", "-name", "f", stdin=b"t/a\0")
    assert r.out == b"t/a/f\n"
    r = find(run, tree, "x", "-files0-from", "list")
    assert r.err == b"find: extra operand 'x'\nfind: file operands cannot be combined with -files0-from\n"


def test_posixly_correct_ls_blocks_and_block_size_variable(run, tree):
    r = find(run, tree / "t", "top.c", "-printf", "%k ", "-ls", env={"POSIXLY_CORRECT": "1"})
    k, rest = r.out.split(b" ", 1)
    blocks = int(rest.split()[1])
    assert blocks == os.stat(tree / "t" / "top.c").st_blocks  # -ls counts 512-byte blocks
    r = find(run, tree, "t", env={"FIND_BLOCK_SIZE": "1"})
    assert r.status == 1 and b"FIND_BLOCK_SIZE is not supported" in r.err


def test_help_and_version(run):
    r = run("find", "--help")
    assert r.status == 0 and r.out.startswith(b"Usage: find [-H] [-L] [-P]")
    assert run("find", "-version").status == 0
    r = run("find", "-D", "help")
    assert r.out.startswith(b"Valid arguments for -D:\nexec       Show diagnostic")


# -- a tree 10,000 levels deep ---------------------------------------------------------------

def test_ten_thousand_levels(run, tmp_path):
    import tempfile
    top = tempfile.mkdtemp(prefix="pybox-find-", dir="/dev/shm" if os.access("/dev/shm", os.W_OK) else None)
    try:
        fd = os.open(top, os.O_RDONLY)
        for i in range(10000):
            os.mkdir("d", dir_fd=fd)
            nfd = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nfd
        os.close(os.open("leaf", os.O_CREAT | os.O_WRONLY, dir_fd=fd))
        os.close(fd)
        r = run("find", "d", "-name", "leaf", "-printf", "%d %s\\n", cwd=top)
        assert tuple(r) == (b"10000 0\n", b"", 0)
        r = run("find", "d", "-name", "leaf", cwd=top)
        assert r.out == b"d" + b"/d" * 9999 + b"/leaf\n" and len(r.out) > 4 * 4096
        r = run("find", "d", "-delete", cwd=top)
        assert tuple(r) == (b"", b"", 0)
        assert os.listdir(top) == []
    finally:
        subprocess.run(["rm", "-rf", top])


# -- speed: no stat for names, no re for plain patterns -----------------------------------------

def test_name_only_does_not_import_re(tree):
    from conftest import PYBOX, child_env
    code = ("import sys, runpy; sys.argv = ['find', %r, '-name', '*.h']\n"
            "sys.path.insert(0, %r)\n"
            "from multicall import main\n"
            "main.run('find', sys.argv)\n"
            "sys.stdout.flush(); print('re' in sys.modules, file=sys.stderr)\n"
            % (str(tree / "t"), os.path.dirname(os.path.dirname(PYBOX))))
    p = subprocess.run([sys.executable, "-I", "-S", "-c", code], capture_output=True, env=child_env())
    assert p.stdout.endswith(b"/a/g.h\n")
    assert p.stderr.strip() == b"False"


# -- helper modules ----------------------------------------------------------------------------

@pytest.mark.parametrize("pat, name, icase, utf8, want", [
    (b"*.h", b"x.h", False, False, True),
    (b"*.h", b".h", False, False, True),  # a leading dot is not special
    (b"a*b*c", b"aXbYc", False, False, True),
    (b"a*b*c", b"abXc", False, False, True),
    (b"a*b*c", b"acb", False, False, False),
    (b"?", "\u00e9".encode(), False, True, True),
    (b"??", "\u00e9".encode(), False, True, True),  # bytes match too, as glibc
    (b"?", "\u00e9".encode(), False, False, False),
    (b"a?b", b"a\xffb", False, True, True),
    (b"[!a]", b"b", False, False, True),
    (b"[^a]", b"a", False, False, False),
    (b"[]]", b"]", False, False, True),
    (b"[a-c]x", b"bx", False, False, True),
    (b"[[:upper:]]*", b"Ab", False, False, True),
    (b"[[:foo:]]", b"a", False, False, False),
    (b"\\*", b"*", False, False, True),
    (b"x\\", b"x\\", False, False, False),
    (b"[a", b"[a", False, False, True),
    (b"CAF*", b"caf\xc3\xa9", True, True, True),
    ("CAF\u00c9".encode(), "caf\u00e9".encode(), True, True, True),
    ("CAF\u00c9".encode(), "caf\u00e9".encode(), True, False, False),
])
def test_wildcards(pat, name, icase, utf8, want):
    assert pattern.compile(pat, icase, utf8)(name) is want


def test_wildcards_against_libc():
    """Random patterns and names, against glibc's own fnmatch (C locale)."""
    try:
        import ctypes
        libc = ctypes.CDLL("libc.so.6")
    except (ImportError, OSError):
        pytest.skip("no libc to compare with")
    import random
    rnd = random.Random(7)
    pieces = [b"a", b"b", b"*", b"?", b"[", b"]", b"!", b"-", b"\\", b".", b"[:alpha:]", b"A"]
    for _ in range(3000):
        p = b"".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 6)))
        s = b"".join(rnd.choice([b"a", b"b", b"A", b".", b"-", b"]", b"[", b"*"]) for _ in range(rnd.randint(0, 5)))
        for icase in (False, True):
            want = libc.fnmatch(p, s, 16 if icase else 0) == 0
            assert pattern.compile(p, icase, False)(s) is want, (p, s, icase)


@pytest.mark.parametrize("text, old, isdir, want", [
    ("644", 0, False, 0o644), ("4755", 0, False, 0o4755), ("u+x", 0o644, False, 0o744),
    ("go-w", 0o666, False, 0o644), ("a=rX", 0o600, False, 0o444), ("a=rX", 0o700, False, 0o555),
    ("a=rX", 0o600, True, 0o555), ("g=u", 0o740, False, 0o770), ("u=rw,g=r,o=", 0o777, False, 0o640),
    ("+t", 0, False, 0o1000), ("ug+s", 0, False, 0o6000), ("=755", 0, False, 0o755), ("o+w,o-w", 0, False, 0),
])
def test_modes(text, old, isdir, want):
    assert modes.adjust(old, modes.compile(text), isdir) == want


@pytest.mark.parametrize("text", ["", "8", "u", "u+q", "x=r", "77777", "u+r,", ",u+r", "u+rw,g"])
def test_bad_modes(text):
    assert modes.compile(text) is None


def test_mode_operators_can_follow_each_other():
    assert modes.adjust(0o777, modes.compile("a=r+w-r"), False) == 0o222


def test_dates():
    now = 1609459200 * 10 ** 9  # 2021-01-01 00:00:00 UTC
    os.environ["TZ"] = "UTC"
    time.tzset()
    try:
        assert dates.parse("@0", now) == (0, 0)
        assert dates.parse("@1.5", now) == (1, 500000000)
        assert dates.parse("2020-02-03", now)[0] == 1580688000
        assert dates.parse("2020-02-03 04:05:06", now)[0] == 1580702706
        assert dates.parse("2020-02-03T04:05:06Z", now)[0] == 1580702706
        assert dates.parse("2020-02-03T04:05:06+01:00", now)[0] == 1580702706 - 3600
        assert dates.parse("Feb 3 2020", now)[0] == 1580688000
        assert dates.parse("3 feb 2020 04:05", now)[0] == 1580702700
        assert dates.parse("02/03/2020", now)[0] == 1580688000
        assert dates.parse("yesterday", now)[0] == 1609459200 - 86400
        assert dates.parse("2 days ago", now)[0] == 1609459200 - 2 * 86400
        assert dates.parse("1 hour ago", now)[0] == 1609459200 - 3600
        assert dates.parse("12:30", now)[0] == 1609459200 + 12 * 3600 + 1800
        assert dates.parse("now", now)[0] == 1609459200
        for bad in ("never", "2020-13-45", "25:00", "3 blorps ago", "@x"):
            assert dates.parse(bad, now) is None, bad
    finally:
        os.environ.pop("TZ", None)
        time.tzset()
