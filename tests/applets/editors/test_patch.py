"""patch: unified, context and normal diffs, git headers, offsets and fuzz,
reversed patches, rejects and backups, every option, the error paths, and
differential tests against GNU patch 2.7 on hypothesis-generated edits.

Most cases run GNU patch and pybox's patch on copies of the same tree and
require the same standard output, standard error (the program name is
`patch` for both), exit status and resulting files (contents, modes,
symlinks, .rej and .orig files)."""
import os
import shutil
import stat
import subprocess
import tempfile

import pytest
from hypothesis import given, settings, strategies as st

from conftest import child_env, run_inprocess

GNU_PATCH = "/usr/bin/patch"
GNU_DIFF = "/usr/bin/diff"


def _gnu_patch_ok():
    try:
        out = subprocess.run([GNU_PATCH, "--version"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, timeout=10).stdout
    except OSError:
        return False
    return out.startswith(b"GNU patch 2.7") and os.access(GNU_DIFF, os.X_OK)


HAVE_GNU = _gnu_patch_ok()
needs_gnu = pytest.mark.skipif(not HAVE_GNU, reason="GNU patch 2.7 and GNU diff are not installed")


# -- a tree of files, and running both tools on copies of it ---------------------

def make_tree(root, files):
    """files: name -> bytes, (bytes, mode) or ("link", target)."""
    os.makedirs(root, exist_ok=True)
    for name, content in files.items():
        p = os.path.join(os.fsencode(root), name if isinstance(name, bytes) else os.fsencode(name))
        os.makedirs(os.path.dirname(p), exist_ok=True)
        if isinstance(content, tuple) and content[0] == "link":
            os.symlink(content[1], p)
            continue
        data, mode = content if isinstance(content, tuple) else (content, 0o644)
        with open(p, "wb") as f:
            f.write(data)
        os.chmod(p, mode)


def snapshot(root):
    out = {}
    broot = os.fsencode(root)
    for d, dirs, files in os.walk(broot):
        for n in dirs + files:
            p = os.path.join(d, n)
            rel = os.path.relpath(p, broot)
            st_ = os.lstat(p)
            if stat.S_ISLNK(st_.st_mode):
                out[rel] = ("link", os.readlink(p))
            elif stat.S_ISDIR(st_.st_mode):
                out[rel] = ("dir",)
            else:
                with open(p, "rb") as f:
                    out[rel] = (f.read(), oct(st_.st_mode & 0o7777))
    return out


def run_tool(argv, cwd, stdin, env, executable=None):
    p = subprocess.run(argv, executable=executable, cwd=cwd, stdin=stdin, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=child_env(env), timeout=60, start_new_session=True)
    return p.stdout, p.stderr, p.returncode


@pytest.fixture
def both(tmp_path, bindir):
    """both(files, patch, *args, env=None, stdin="patch") runs GNU patch and
    pybox's patch (without a controlling terminal), each in its own copy of
    the tree with the patch on standard input (stdin="devnull": /dev/null;
    the patch is also the file ../the.patch), asserts that they agree and
    returns pybox's (out, err, status, tree)."""
    count = [0]

    def both(files, patch, *args, env=None, stdin="patch"):
        if not HAVE_GNU:
            pytest.skip("GNU patch 2.7 is not installed")
        count[0] += 1
        results = []
        for tag, argv0, exe in (("gnu", "patch", GNU_PATCH), ("pybox", os.path.join(bindir, "patch"), None)):
            base = tmp_path / ("%s%d" % (tag, count[0]))
            root = base / "t"
            make_tree(str(root), files)
            (base / "the.patch").write_bytes(patch)
            f = open(str(base / "the.patch") if stdin == "patch" else os.devnull, "rb")
            try:
                out, err, status = run_tool([argv0] + list(args), str(root), f, env, exe)
            finally:
                f.close()
            results.append((out, err, status, snapshot(str(root))))
        gnu, mine = results
        assert mine[:3] == gnu[:3]
        assert mine[3] == gnu[3]
        return mine
    return both


def udiff(a, b, *opts):
    """GNU diff's output for two byte strings (as files named a and b)."""
    d = tempfile.mkdtemp()
    try:
        for name, data in (("a", a), ("b", b)):
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)
        return subprocess.run([GNU_DIFF] + list(opts) + ["a", "b"], cwd=d, stdout=subprocess.PIPE).stdout
    finally:
        shutil.rmtree(d)


def lines(a, b):
    return b"".join(b"%d\n" % i for i in range(a, b + 1))


A = lines(1, 30)
B = A.replace(b"\n10\n", b"\nten\n").replace(b"\n20\n", b"\ntwenty\n")

UNI = (b"--- a\t2020-01-01 00:00:00.000000000 +0000\n+++ b\t2020-01-02 00:00:00.000000000 +0000\n"
       b"@@ -7,7 +7,7 @@\n 7\n 8\n 9\n-10\n+ten\n 11\n 12\n 13\n"
       b"@@ -17,7 +17,7 @@\n 17\n 18\n 19\n-20\n+twenty\n 21\n 22\n 23\n")
CTX = (b"*** a\t2020-01-01 00:00:00.000000000 +0000\n--- b\t2020-01-02 00:00:00.000000000 +0000\n"
       b"***************\n*** 8,12 ****\n  8\n  9\n! 10\n  11\n  12\n--- 8,12 ----\n  8\n  9\n! ten\n  11\n  12\n")
NORMAL = b"10c10\n< 10\n---\n> ten\n20c20\n< 20\n---\n> twenty\n"


# -- exact results -------------------------------------------------------------------

def test_unified_applies(run, tmp_path):
    (tmp_path / "a").write_bytes(A)
    r = run("patch", stdin=UNI, cwd=str(tmp_path))
    assert tuple(r) == (b"patching file a\n", b"", 0)
    assert (tmp_path / "a").read_bytes() == B
    assert sorted(os.listdir(str(tmp_path))) == ["a"]


def test_context_and_normal_apply(run, tmp_path):
    (tmp_path / "a").write_bytes(A)
    assert tuple(run("patch", stdin=CTX, cwd=str(tmp_path))) == (b"patching file a\n", b"", 0)
    assert (tmp_path / "a").read_bytes() == A.replace(b"\n10\n", b"\nten\n")
    (tmp_path / "a").write_bytes(A)
    assert tuple(run("patch", "a", stdin=NORMAL, cwd=str(tmp_path))) == (b"patching file a\n", b"", 0)
    assert (tmp_path / "a").read_bytes() == B


def test_forced_formats(run, tmp_path):
    (tmp_path / "a").write_bytes(A)
    assert run("patch", "-u", "--dry-run", stdin=UNI, cwd=str(tmp_path)).status == 0
    assert run("patch", "-c", "--dry-run", stdin=CTX, cwd=str(tmp_path)).status == 0
    assert run("patch", "-n", "--dry-run", "a", stdin=NORMAL, cwd=str(tmp_path)).status == 0
    # a unified diff read as a context diff is only garbage
    r = run("patch", "-c", stdin=UNI, cwd=str(tmp_path))
    assert tuple(r) == (b"", b"patch: **** Only garbage was found in the patch input.\n", 2)


def test_offset_and_fuzz_messages(run, tmp_path):
    (tmp_path / "a").write_bytes(b"x\ny\nz\n" + A.replace(b"\n8\n", b"\nEIGHT\n"))
    r = run("patch", stdin=UNI, cwd=str(tmp_path))
    assert r.out == (b"patching file a\nHunk #1 succeeded at 10 with fuzz 2 (offset 3 lines).\n"
                     b"Hunk #2 succeeded at 20 (offset 3 lines).\n")
    assert r.status == 0
    assert (tmp_path / "a.orig").read_bytes() == b"x\ny\nz\n" + A.replace(b"\n8\n", b"\nEIGHT\n")


def test_failed_hunk_writes_reject(run, tmp_path):
    (tmp_path / "a").write_bytes(A.replace(b"\n20\n", b"\nXX\n"))
    r = run("patch", stdin=UNI, cwd=str(tmp_path))
    assert r.out == (b"patching file a\nHunk #2 FAILED at 17.\n"
                     b"1 out of 2 hunks FAILED -- saving rejects to file a.rej\n")
    assert r.status == 1
    assert (tmp_path / "a.rej").read_bytes() == (
        b"--- a\t2020-01-01 00:00:00.000000000 +0000\n+++ b\t2020-01-02 00:00:00.000000000 +0000\n"
        b"@@ -17,7 +17,7 @@\n 17\n 18\n 19\n-20\n+twenty\n 21\n 22\n 23\n")


def test_reversed_without_terminal(run, tmp_path):
    (tmp_path / "a").write_bytes(B)
    r = run("patch", stdin=UNI, cwd=str(tmp_path))
    assert r.out == (b"patching file a\nReversed (or previously applied) patch detected!  Assume -R? [n] \n"
                     b"Apply anyway? [n] \nSkipping patch.\n"
                     b"2 out of 2 hunks ignored -- saving rejects to file a.rej\n")
    assert r.status == 1 and (tmp_path / "a").read_bytes() == B


def test_missing_file_block(run, tmp_path):
    r = run("patch", stdin=b"junk\n" + UNI, cwd=str(tmp_path))
    assert r.out == (b"can't find file to patch at input line 4\n"
                     b"Perhaps you should have used the -p or --strip option?\n"
                     b"The text leading up to this was:\n--------------------------\n|junk\n"
                     b"|--- a\t2020-01-01 00:00:00.000000000 +0000\n"
                     b"|+++ b\t2020-01-02 00:00:00.000000000 +0000\n--------------------------\n"
                     b"File to patch: \nSkip this patch? [y] \nSkipping patch.\n2 out of 2 hunks ignored\n")
    assert r.status == 1


def test_malformed(run, tmp_path):
    (tmp_path / "a").write_bytes(A)
    r = run("patch", stdin=b"--- a\n+++ a\n@@ -1,3 +1,3 @@\n 1\nZZ\n", cwd=str(tmp_path))
    assert tuple(r) == (b"patching file a\n", b"patch: **** malformed patch at line 5: ZZ\n\n", 2)
    assert (tmp_path / "a").read_bytes() == A


def test_only_garbage(run, tmp_path):
    assert tuple(run("patch", stdin=b"hello\n", cwd=str(tmp_path))) == (
        b"", b"patch: **** Only garbage was found in the patch input.\n", 2)
    assert tuple(run("patch", stdin=b"", cwd=str(tmp_path))) == (b"", b"", 0)


def test_mode_kept_and_no_temporary_left(run, tmp_path):
    (tmp_path / "a").write_bytes(A)
    os.chmod(str(tmp_path / "a"), 0o751)
    assert run("patch", stdin=UNI, cwd=str(tmp_path)).status == 0
    assert stat.S_IMODE(os.stat(str(tmp_path / "a")).st_mode) == 0o751
    assert sorted(os.listdir(str(tmp_path))) == ["a"]


def test_dry_run_writes_nothing(run, tmp_path):
    (tmp_path / "a").write_bytes(A.replace(b"\n20\n", b"\nXX\n"))
    r = run("patch", "--dry-run", stdin=UNI, cwd=str(tmp_path))
    assert r.out == b"checking file a\nHunk #2 FAILED at 17.\n1 out of 2 hunks FAILED\n"
    assert r.status == 1
    assert sorted(os.listdir(str(tmp_path))) == ["a"]


def test_output_to_stdout(run, tmp_path):
    (tmp_path / "a").write_bytes(A)
    r = run("patch", "-o", "-", stdin=UNI, cwd=str(tmp_path))
    assert tuple(r) == (B, b"patching file - (read from a)\n", 0)
    assert (tmp_path / "a").read_bytes() == A


def test_refused_options(run, tmp_path):
    for args, msg in ((["-e"], b"patch: **** -e/--ed: ed scripts are not supported\n"),
                      (["--merge"], b"patch: **** --merge is not supported\n"),
                      (["-g", "1"], b"patch: **** -g/--get: getting files from RCS or SCCS is not supported\n"),
                      (["-x", "8"], b"patch: **** -x/--debug: debugging output is not supported\n")):
        assert tuple(run("patch", *args, stdin=UNI, cwd=str(tmp_path))) == (b"", msg, 2)
    (tmp_path / "a").write_bytes(A)
    assert run("patch", "-g0", "-x0", stdin=UNI, cwd=str(tmp_path)).status == 0


def test_ed_script_in_input_refused(run, tmp_path):
    (tmp_path / "a").write_bytes(A)
    r = run("patch", "a", stdin=b"3d\n.\n", cwd=str(tmp_path))
    assert r.status == 2 and b"ed scripts are not supported" in r.err
    assert (tmp_path / "a").read_bytes() == A


def test_version_and_help(run):
    r = run("patch", "--version")
    assert r.status == 0 and r.out.startswith(b"patch (pybox) ")
    assert run("patch", "-v").out == r.out
    h = run("patch", "--help")
    assert h.status == 0 and b"--reject-format=FORMAT" in h.out and b"--dry-run" in h.out


def test_in_process_leaves_cwd(tmp_path):
    (tmp_path / "a").write_bytes(A)
    here = os.getcwd()
    r = run_inprocess("patch", "-d", str(tmp_path), stdin=UNI)
    assert tuple(r) == (b"patching file a\n", b"", 0)
    assert os.getcwd() == here
    assert (tmp_path / "a").read_bytes() == B


def test_many_hunks_big_file(tmp_path):
    big = [b"line %d\n" % i for i in range(100000)]
    new = list(big)
    for k in range(100):
        new[k * 1000 + 500] = b"changed %d\n" % k
    (tmp_path / "a").write_bytes(b"".join(big))
    (tmp_path / "b").write_bytes(b"".join(new))
    if not os.access(GNU_DIFF, os.X_OK):
        pytest.skip("GNU diff is not installed")
    patch = subprocess.run([GNU_DIFF, "-u", "a", "b"], cwd=str(tmp_path), stdout=subprocess.PIPE).stdout
    (tmp_path / "a").write_bytes(b"top\n" + b"".join(big))
    r = run_inprocess("patch", "-d", str(tmp_path), "-s", stdin=patch)
    assert tuple(r) == (b"", b"", 0)
    assert (tmp_path / "a").read_bytes() == b"top\n" + b"".join(new)


# -- the same as GNU: hand-written cases ------------------------------------------------

GIT = {
    "rename": (b"diff --git a/old b/new\nsimilarity index 90%\nrename from old\nrename to new\n"
               b"index 1111111..2222222 100644\n--- a/old\n+++ b/new\n@@ -1,3 +1,3 @@\n 1\n-2\n+two\n 3\n"),
    "pure rename": b"diff --git a/old b/new\nsimilarity index 100%\nrename from old\nrename to new\n",
    "copy": (b"diff --git a/old b/new\nsimilarity index 90%\ncopy from old\ncopy to new\n"
             b"--- a/old\n+++ b/new\n@@ -1,3 +1,3 @@\n 1\n-2\n+two\n 3\n"),
    "create": (b"diff --git a/sub/created b/sub/created\nnew file mode 100755\nindex 0000000..1234567\n"
               b"--- /dev/null\n+++ b/sub/created\n@@ -0,0 +1,2 @@\n+hello\n+world\n"),
    "create empty": b"diff --git a/empty b/empty\nnew file mode 100644\nindex 0000000..e69de29\n",
    "delete": (b"diff --git a/old b/old\ndeleted file mode 100644\nindex 1234567..0000000\n"
               b"--- a/old\n+++ /dev/null\n@@ -1,3 +0,0 @@\n-1\n-2\n-3\n"),
    "mode": b"diff --git a/old b/old\nold mode 100644\nnew mode 100755\n",
    "binary": (b"diff --git a/old b/old\nindex 1234567..89abcde 100644\nGIT binary patch\nliteral 5\n"
               b"McmZ?wE=?}@00000\n\n"),
    "two files": (b"diff --git a/old b/old\n--- a/old\n+++ b/old\n@@ -1,3 +1,3 @@\n 1\n-2\n+two\n 3\n"
                  b"diff --git a/other b/other\n--- a/other\n+++ b/other\n@@ -1 +1 @@\n-x\n+y\n"),
    "quoted names": (b'diff --git "a/sp ace" "b/sp ace"\n--- "a/sp ace"\n+++ "b/sp ace"\n'
                     b"@@ -1 +1 @@\n-x\n+y\n"),
}


@needs_gnu
@pytest.mark.parametrize("name", sorted(GIT))
@pytest.mark.parametrize("args", [["-p1"], [], ["-p1", "-R"], ["-p1", "--dry-run"], ["-p1", "-b"]])
def test_git(both, name, args):
    files = {"old": b"1\n2\n3\n", "other": b"x\n", "sp ace": b"x\n", "empty": b""}
    both(files, GIT[name], *args)


SIMPLE = b"--- f\n+++ f\n@@ -1,3 +1,3 @@\n 1\n-2\n+two\n 3\n"
TREE = {"f": b"1\n2\n3\n"}
DEEP = SIMPLE.replace(b"--- f", b"--- x/y/f").replace(b"+++ f", b"+++ x/y/f")
G = b"--- g\n+++ g\n@@ -1 +1 @@\n-q\n+Q\n"


@needs_gnu
@pytest.mark.parametrize("files, patch, args", [
    # reversed and already applied patches
    ({"f": b"1\ntwo\n3\n"}, SIMPLE, []),
    ({"f": b"1\ntwo\n3\n"}, SIMPLE, ["-N"]),
    ({"f": b"1\ntwo\n3\n"}, SIMPLE, ["-t"]),
    ({"f": b"1\ntwo\n3\n"}, SIMPLE, ["-f"]),
    ({"f": b"1\ntwo\n3\n"}, SIMPLE, ["-R"]),
    (TREE, SIMPLE, ["-R"]),
    (TREE, SIMPLE, ["-R", "-t"]),
    (TREE, SIMPLE, ["-s"]),
    ({"f": b"1\ntwo\n3\n"}, SIMPLE, ["-s"]),
    (TREE, SIMPLE, ["--verbose"]),
    (TREE, b"junk\n" + SIMPLE + b"trailing\n", ["--verbose"]),
    # file names, -p, -d, -i, operands
    (TREE, DEEP, []),
    (TREE, DEEP, ["-p2"]),
    (TREE, DEEP, ["-p1"]),
    (TREE, DEEP, ["-p0"]),
    (TREE, DEEP, ["-p0", "-t"]),
    (TREE, DEEP, ["-p0", "-f"]),
    (TREE, SIMPLE.replace(b"--- f\n", b"--- /abs/f\n"), ["-p0"]),
    (TREE, SIMPLE.replace(b"--- f\n", b"--- ../f\n").replace(b"+++ f\n", b"+++ ../f\n"), ["-p0"]),
    ({"d/f": b"1\n2\n3\n"}, SIMPLE, ["-d", "d"]),
    ({"d/f": b"1\n2\n3\n"}, SIMPLE, ["-d", "nodir"]),
    ({"g": b"1\n2\n3\n"}, SIMPLE, ["g"]),
    ({"g": b"1\n2\n3\n"}, SIMPLE, ["g", "-", "extra"]),
    (TREE, SIMPLE, ["-i", "nonexistent"]),
    (TREE, b"Index: f\n--- q\n+++ r\n@@ -1,3 +1,3 @@\n 1\n-2\n+two\n 3\n", []),
    (TREE, b"Index: f\n--- q\n+++ r\n@@ -1,3 +1,3 @@\n 1\n-2\n+two\n 3\n", ["--posix"]),
    (TREE, b"Index: f\n@@ -1,3 +1,3 @@\n 1\n-2\n+two\n 3\n", []),
    (TREE, b"--- q\n+++ f\n@@ -1,3 +1,3 @@\n 1\n-2\n+two\n 3\n", []),
    (TREE, b"--- f\n+++ q\n@@ -1,3 +1,3 @@\n 1\n-2\n+two\n 3\n", ["--posix"]),
    (TREE, b"Prereq: 1\n" + SIMPLE, []),
    (TREE, b"Prereq: 9\n" + SIMPLE, ["-f"]),
    (TREE, b"Prereq: 9\n" + SIMPLE, ["-t"]),
    # creating and deleting files
    ({}, b"--- /dev/null\n+++ new/file\n@@ -0,0 +1,2 @@\n+a\n+b\n", []),
    ({}, b"--- /dev/null\n+++ new/file\n@@ -0,0 +1,2 @@\n+a\n+b\n", ["-p0"]),
    ({}, b"--- /dev/null\n+++ new/file\n@@ -0,0 +1,2 @@\n+a\n+b\n", ["-p0", "-b"]),
    ({"new": b"x\n"}, b"--- /dev/null\n+++ new\n@@ -0,0 +1,2 @@\n+a\n+b\n", []),
    ({"new": b""}, b"--- /dev/null\n+++ new\n@@ -0,0 +1,2 @@\n+a\n+b\n", []),
    ({"d/f": b"1\n2\n3\n"}, b"--- d/f\n+++ /dev/null\n@@ -1,3 +0,0 @@\n-1\n-2\n-3\n", ["-p0"]),
    ({"d/f": b"1\n2\n3\n4\n"}, b"--- d/f\n+++ /dev/null\n@@ -1,3 +0,0 @@\n-1\n-2\n-3\n", ["-p0"]),
    ({"f": b"1\n"}, b"--- f\n+++ f\n@@ -1 +0,0 @@\n-1\n", []),
    ({"f": b"1\n"}, b"--- f\n+++ f\n@@ -1 +0,0 @@\n-1\n", ["-E"]),
    ({"f": b"1\n"}, b"--- f\n+++ f\t1970-01-01 00:00:00.000000000 +0000\n@@ -1 +0,0 @@\n-1\n", []),
    ({"f": b"1\n"}, b"--- f\n+++ /dev/null\n@@ -1 +0,0 @@\n-1\n", ["--posix"]),
    ({"f": b"1\n"}, b"--- f\n+++ /dev/null\n@@ -1 +0,0 @@\n-1\n", ["-b"]),
    ({}, b"--- f\n+++ /dev/null\n@@ -1 +0,0 @@\n-1\n", []),
    # output and rejects
    ({"f": b"1\n2\n3\n", "g": b"q\n"}, SIMPLE + G, ["-o", "out"]),
    ({"f": b"1\n2\n3\n", "g": b"q\n"}, SIMPLE + G, ["-o", "-"]),
    ({"f": b"1\n2\n3\n"}, SIMPLE, ["-o", "no/such/dir"]),
    ({"f": b"X\n", "g": b"q\n"}, SIMPLE + G.replace(b"-q", b"-Z"), ["-r", "all.rej"]),
    ({"f": b"X\n", "g": b"q\n"}, SIMPLE + G.replace(b"-q", b"-Z"), ["-r", "-"]),
    ({"f": b"X\n"}, SIMPLE, ["--reject-format=context"]),
    ({"f": b"X\n"}, CTX.replace(b"*** a", b"*** f"), ["--reject-format=unified"]),
    ({"f": b"X\n", "f.rej": b"old\n"}, SIMPLE + SIMPLE.replace(b"-2", b"-9"), []),
    ({"f": b"X\n"}, SIMPLE.replace(b"@@ -1,3 +1,3 @@", b"@@ -1,3 +1,3 @@ func (x)"), ["--reject-format=context"]),
    ({"f": b"X\n"}, b"--- f\n+++ f\n@@ -1,0 +2,2 @@\n+a\n+b\n@@ -5 +6,0 @@\n-q\n", []),
    ({"f": b"X\n"}, b"--- f\n+++ f\n@@ -1,0 +2,2 @@\n+a\n+b\n@@ -5 +6,0 @@\n-q\n", ["--reject-format=context"]),
    # backups
    (TREE, SIMPLE, ["-b"]),
    (TREE, SIMPLE, ["-b", "-z", ".bak"]),
    (TREE, SIMPLE, ["-b", "-B", "pre/"]),
    (TREE, SIMPLE, ["-b", "-Y", "old_"]),
    ({"f": b"1\n2\n3\n", "f.~1~": b"", "f.~7~": b""}, SIMPLE, ["-b", "-V", "numbered"]),
    ({"f": b"1\n2\n3\n", "f.~2~": b""}, SIMPLE, ["-b", "-V", "existing"]),
    (TREE, SIMPLE, ["-b", "-V", "existing"]),
    (TREE, SIMPLE, ["-b", "-V", "t"]),
    (TREE, SIMPLE, ["-b", "-V", "bogus"]),
    ({"f": b"0\n1\n2\n3\n"}, SIMPLE, []),
    ({"f": b"0\n1\n2\n3\n"}, SIMPLE, ["--no-backup-if-mismatch"]),
    ({"f": b"0\n1\n2\n3\n"}, SIMPLE, ["--posix"]),
    ({"f": b"0\n1\n2\n3\n"}, SIMPLE, ["--posix", "--backup-if-mismatch"]),
    (TREE, SIMPLE + SIMPLE.replace(b"-2\n+two", b"-two\n+TWO"), ["-b"]),
    # -D, -l, -F
    (TREE, SIMPLE, ["-D", "NAME"]),
    (TREE, b"--- f\n+++ f\n@@ -1,3 +1,3 @@\n 1\n+new\n 2\n-3\n", ["-DX"]),
    ({"f": b"a\nb"}, b"--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n"
     b"\\ No newline at end of file\n", ["-DFOO"]),
    ({"f": b"1\n 2  \n3\n"}, b"--- f\n+++ f\n@@ -1,3 +1,3 @@\n 1\n- 2\n+two\n 3\n", []),
    ({"f": b"1\n 2  \n3\n"}, b"--- f\n+++ f\n@@ -1,3 +1,3 @@\n 1\n- 2\n+two\n 3\n", ["-l"]),
    ({"f": b"1\n\t2\n3\n"}, b"--- f\n+++ f\n@@ -1,3 +1,3 @@\n 1\n-  2\n+two\n 3\n", ["--ignore-whitespace"]),
    ({"f": b"0\n2\n3\n"}, SIMPLE, ["-F0"]),
    ({"f": b"0\n2\n3\n"}, SIMPLE, ["-F", "1"]),
    ({"f": b"0\n2\n3\n"}, SIMPLE, ["--fuzz=x"]),
    ({"f": b"0\n2\n3\n"}, SIMPLE, ["-p", "-1"]),
    # missing newlines, CRLF, --binary
    ({"f": b"1\n2\n3"}, b"--- f\n+++ f\n@@ -2,2 +2,2 @@\n 2\n-3\n\\ No newline at end of file\n+three\n", []),
    ({"f": b"1\n2\n3\n"}, b"--- f\n+++ f\n@@ -2,2 +2,2 @@\n 2\n-3\n+three\n\\ No newline at end of file\n", []),
    ({"f": b"a\nb"}, b"--- f\n+++ f\n@@ -1,2 +1,3 @@\n a\n b\n+c\n", []),
    ({"f": b"1\n2\n3\n"}, SIMPLE.replace(b"\n", b"\r\n"), []),
    ({"f": b"1\r\n2\r\n3\r\n"}, SIMPLE.replace(b"\n", b"\r\n"), []),
    ({"f": b"1\r\n2\r\n3\r\n"}, SIMPLE.replace(b"\n", b"\r\n"), ["--binary"]),
    ({"f": b"1\r\n2\r\n3\r\n"}, SIMPLE, []),
    # read-only files and symbolic links
    ({"f": (b"1\n2\n3\n", 0o444)}, SIMPLE, []),
    ({"f": (b"1\n2\n3\n", 0o444)}, SIMPLE, ["--read-only=fail"]),
    ({"f": (b"1\n2\n3\n", 0o444)}, SIMPLE, ["--read-only=ignore"]),
    ({"f": ("link", b"target"), "target": b"1\n2\n3\n"}, SIMPLE, []),
    ({"f": ("link", b"target"), "target": b"1\n2\n3\n"}, SIMPLE, ["--follow-symlinks"]),
    ({"f/x": b""}, SIMPLE, []),
    # several files, leading and trailing text, indented patches
    ({"f": b"1\n2\n3\n", "g": b"q\n"}, b"From: someone\nSubject: x\n\n" + SIMPLE
     + b"some words\n" + G + b"-- \nsignature\n", []),
    ({"f": b"1\n2\n3\n"}, b"  --- f\n  +++ f\n  @@ -1,3 +1,3 @@\n   1\n  -2\n  +two\n   3\n", []),
    # bad option values and usage
    (TREE, SIMPLE, ["-q"]),
    (TREE, SIMPLE, ["--bogus"]),
    (TREE, SIMPLE, ["--rej=unified"]),
    (TREE, SIMPLE, ["--reject-format=foo"]),
    (TREE, SIMPLE, ["--read-only=x"]),
    (TREE, SIMPLE, ["--quoting-style=x"]),
    (TREE, SIMPLE, ["-p"]),
    # normal diffs cut short or malformed, -D on context and normal diffs,
    # context hunks with too few lines, a backup of an unchanged file
    (TREE, b"2c2\n< 2\n---\n>two\n", ["-n"]),
    (TREE, b"2c2\n< 2\nxx\n> two\n", ["-n"]),
    (TREE, b"2c2\n< 2\n", ["-n"]),
    (TREE, b"2c2\n< 2\n---\n> two\n\\ No newline at end of file\n", ["-n"]),
    ({"a": A}, NORMAL, ["-D", "X", "a"]),
    ({"a": A}, CTX, ["-D", "X"]),
    ({"a": A}, CTX.replace(b"  12\n--- 8,12", b"--- 8,12"), []),
    ({"a": A}, CTX.replace(b"*** 8,12 ****\n  8\n  9\n! 10\n  11\n  12\n", b"*** 8,12 ****\n"), []),
    ({"f": b"X\n"}, SIMPLE, ["-b"]),
    ({"f": b"X\n", "g": b"Q\n"}, SIMPLE + SIMPLE.replace(b"-2", b"-9"), ["-b"]),
    # timestamps
    (TREE, b"--- f\t2001-02-03 04:05:06.000000000 +0000\n+++ f\t2002-03-04 05:06:07.5 +0000\n"
     b"@@ -1,3 +1,3 @@\n 1\n-2\n+two\n 3\n", ["-Z"]),
    (TREE, b"--- f\t2001-02-03 04:05:06.000000000 +0000\n+++ f\t2002-03-04 05:06:07.5 +0000\n"
     b"@@ -1,3 +1,3 @@\n 1\n-2\n+two\n 3\n", ["-Z", "-f"]),
    (TREE, b"--- f\n+++ f\tSat Mar  2 05:06:07 2002\n@@ -1,3 +1,3 @@\n 1\n-2\n+two\n 3\n", ["-T"]),
])
def test_same_as_gnu(both, files, patch, args):
    both(files, patch, *args)


@needs_gnu
def test_times_set(both, tmp_path):
    patch = (b"--- f\t2001-02-03 04:05:06.000000000 +0000\n+++ f\t2002-03-04 05:06:07.5 +0000\n"
             b"@@ -1,3 +1,3 @@\n 1\n-2\n+two\n 3\n")
    both(TREE, patch, "-Z", "-f")
    f = [p for p in tmp_path.rglob("f") if "pybox" in str(p)][0]
    assert os.stat(str(f)).st_mtime_ns == 1015218367500000000


@needs_gnu
@pytest.mark.parametrize("env", [{"SIMPLE_BACKUP_SUFFIX": ".was"}, {"VERSION_CONTROL": "numbered"},
                                 {"VERSION_CONTROL": "bogus"}, {"POSIXLY_CORRECT": "1"},
                                 {"QUOTING_STYLE": "c"}])
def test_environment(both, env):
    both({"f": b"0\n1\n2\n3\n", "sp ace": b"1\n2\n3\n"},
         SIMPLE + SIMPLE.replace(b" f\n", b" sp ace\n"), "-b", env=env)


@needs_gnu
@pytest.mark.parametrize("style", ["literal", "shell", "shell-always", "c", "escape"])
def test_quoting_styles(both, style):
    both({b"sp ace": b"1\n2\n3\n", b"q'uote": b"1\n2\n3\n", b"\xff\xfe": b"1\n2\n3\n"},
         SIMPLE.replace(b" f\n", b" sp ace\n") + SIMPLE.replace(b" f\n", b" q'uote\n")
         + SIMPLE.replace(b" f\n", b" \xff\xfe\n"), "--quoting-style=" + style)


@needs_gnu
def test_non_utf8_names(both):
    name = b"caf\xe9"
    out = both({name: b"1\n2\n3\n"}, SIMPLE.replace(b" f\n", b" " + name + b"\n"))
    assert out[0] == b"patching file caf\xe9\n" and out[3][name][0] == b"1\ntwo\n3\n"
    both({name: b"X\n"}, SIMPLE.replace(b" f\n", b" " + name + b"\n"))


@needs_gnu
@pytest.mark.parametrize("patch", [
    b"--- f\n+++ f\n@@ -1,3 +1,3 @@\n 1\n-2\n",
    b"--- f\n+++ f\n@@ -1,3 +1,3 @@\n 1\n",
    b"--- f\n+++ f\n@@ -1,3 +1,9 @@\n 1\n",
    b"--- f\n+++ f\n@@ -1,3 +1,3 @@\n 1\n+2\n+3\n+4\n",
    b"--- f\n+++ f\n@@ -1,x +1,3 @@\n 1\n",
    b"--- f\n+++ f\n@@ -1,3 1,3 @@\n 1\n",
    b"*** f\n--- f\n***************\n*** 1,3 ****\n  1\n- 2\n--- 1,3 ----\n",
    b"*** f\n--- f\n***************\n*** 1,3 ****\n  1\n- 2\n  3\n  4\n--- 1,3 ----\n",
    b"*** f\n--- f\n***************\n*** 1 ****\n- 1\n--- 0 ----\n",
    b"*** f\n--- f\n***************\n*** 1 ****\n--- 2,3 ----\n+ a\n+ b\n",
    b"2c2\n< 2\n> two\n",
    b"2c2\n< 2\n---\n< two\n",
    b"2c2\n< 2\n---\n",
    b"2d1\n< 2\n3a4\n> 4\n",
    b"2a3\n> x\n\\ No newline at end of file\n",
    # a normal hunk's command with a number missing is fatal (it looped)
    b"2d\n< 2\n", b"2,d1\n< 2\n", b"2d1\n< 2\n3\n", b"2d1\n< 2\n3d\n< 3\n",
    # another command letter counts as c without its ---; what follows the
    # second range is ignored
    b"2d1\n< 2\n3x2\n< 3\n", b"2d1\n< 2\n3d2 junk\n< 3\n",
])
def test_malformed_and_edge_patches(both, patch):
    both({"f": b"1\n2\n3\n"}, patch, "f" if not patch.startswith((b"---", b"***")) else "-s")
    both({"f": b"1\n2\n3\n"}, patch, "f")


@needs_gnu
def test_no_terminal_questions(both):
    # GNU opens /dev/tty only when standard output is a terminal; here it
    # is a pipe and the session has no terminal: the defaults are taken.
    both({"f": b"1\ntwo\n3\n", "new": b"x\n"}, SIMPLE + b"--- /dev/null\n+++ new\n@@ -0,0 +1 @@\n+y\n")
    both({}, SIMPLE, "-i", "../the.patch", stdin="devnull")


# -- differential tests on generated edits --------------------------------------------

WORDS = [b"alpha", b"beta", b"", b"x", b"  x", b"x  ", b"\tx", b"gamma", b"delta", b"{", b"}"]


@st.composite
def scenario(draw):
    n = draw(st.integers(0, 40))
    orig = [draw(st.sampled_from(WORDS)) + draw(st.sampled_from([b"", b"1", b"2", b"3"])) for _ in range(n)]
    edited = list(orig)
    for _ in range(draw(st.integers(1, 5))):
        op = draw(st.integers(0, 2))
        i = draw(st.integers(0, len(edited)))
        if op == 0 and edited:
            del edited[min(i, len(edited) - 1)]
        elif op == 1:
            edited.insert(i, b"new%d" % draw(st.integers(0, 99)))
        elif edited:
            edited[min(i, len(edited) - 1)] = b"chg%d" % draw(st.integers(0, 99))
    eol_a = draw(st.booleans()) or not orig
    eol_b = draw(st.booleans()) or not edited
    a = b"\n".join(orig) + (b"\n" if orig and eol_a else b"")
    b = b"\n".join(edited) + (b"\n" if edited and eol_b else b"")
    kind = draw(st.sampled_from(["same", "same", "shift", "mismatch", "edited", "applied", "cut"]))
    target = list(orig)
    if kind == "shift":
        target = [b"pre%d" % k for k in range(draw(st.integers(1, 6)))] + target
    elif kind == "mismatch" and target:
        target[draw(st.integers(0, len(target) - 1))] = b"MISMATCH"
    elif kind == "edited" and target:
        target.insert(draw(st.integers(0, len(target))), b"extra")
        del target[draw(st.integers(0, len(target) - 1))]
    elif kind == "cut":
        target = target[:len(target) // 2]
    t = b"\n".join(target) + (b"\n" if target and eol_a else b"")
    if kind == "applied":
        t = b
    fmt = draw(st.sampled_from([["-u"], ["-c"], [], ["-U1"], ["-C2"], ["-U5"], ["-U0"]]))
    extra = draw(st.sampled_from([[], [], [], ["-F1"], ["-F3"], ["-l"], ["-R"], ["-N"], ["-t"], ["-f"],
                                  ["--dry-run"], ["-DX"], ["--reject-format=unified"],
                                  ["--reject-format=context"], ["-b"], ["-E"], ["-s"], ["--verbose"]]))
    return a, b, t, fmt, extra


def _gnu_in_dir(args, d, patch):
    p = subprocess.run(["patch"] + args, executable=GNU_PATCH, cwd=d, input=patch, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=child_env(), timeout=60, start_new_session=True)
    return p.stdout, p.stderr, p.returncode


def _compare(tmp_path_factory, target, patch, args):
    gdir = tmp_path_factory.mktemp("gnu")
    pdir = tmp_path_factory.mktemp("pybox")
    for d in (gdir, pdir):
        (d / "a").write_bytes(target)
    expected = _gnu_in_dir(args, str(gdir), patch)
    got = run_inprocess("patch", "-d", str(pdir), *args, stdin=patch)
    assert (got.out, got.err, got.status) == expected
    assert snapshot(str(pdir)) == snapshot(str(gdir))


@needs_gnu
@settings(max_examples=80)
@given(scenario())
def test_differential_generated(tmp_path_factory, case):
    a, b, t, fmt, extra = case
    patch = udiff(a, b, *fmt)
    if patch:
        _compare(tmp_path_factory, t, patch, (["a"] if not fmt else []) + extra)


@needs_gnu
@settings(max_examples=25)
@given(st.lists(st.tuples(st.integers(0, 249), st.sampled_from([b"a", b"b", b"c", b""])), max_size=30),
       st.integers(0, 20))
def test_differential_many_hunks(tmp_path_factory, edits, shift):
    orig = [b"line %d" % i for i in range(250)]
    new = list(orig)
    for pos, word in edits:
        new[pos] = word
    a = b"\n".join(orig) + b"\n"
    patch = udiff(a, b"\n".join(new) + b"\n", "-u")
    if patch:
        _compare(tmp_path_factory, b"".join(b"top %d\n" % i for i in range(shift)) + a, patch, [])
