"""rm: files, -r trees, -d, -f, -i/-I/--interactive prompts, -v, '.'/'..'
and '/' refusals, --preserve-root[=all], --one-file-system, symlinks in the
tree, unreadable directories, deep trees, non-UTF-8 names, and GNU
differential tests on generated trees."""
import os
import shutil
import subprocess

import pytest
from hypothesis import given, settings, strategies as st

from conftest import PYBOX, child_env
from _fstree import both, build, snapshot

TREE = {"a": b"x", "e": b"", "d": {"f": b"1", "sub": {"g": b"2", "empty": {}}, "l": ("link", "../a")},
        "em": {}, "ln": ("link", "d"), "dangling": ("link", "nowhere"), "p": ("fifo",)}


def test_missing_operand(run):
    assert tuple(run("rm")) == (b"", b"rm: missing operand\nTry 'rm --help' for more information.\n", 1)
    assert tuple(run("rm", "-f")) == (b"", b"", 0)
    assert tuple(run("rm", "-fi")) == (b"", b"rm: missing operand\nTry 'rm --help' for more information.\n", 1)


def test_plain_files(run, tmp_path):
    build(tmp_path, TREE)
    r = run("rm", "a", "e", "p", "ln", "dangling", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"", 0)
    assert sorted(os.listdir(tmp_path)) == ["d", "em"]
    assert os.path.isfile(tmp_path / "d" / "f")  # the link went, not its target


def test_nonexistent_and_force(run, tmp_path):
    r = run("rm", "nope", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"rm: cannot remove 'nope': No such file or directory\n", 1)
    assert tuple(run("rm", "-f", "nope", cwd=str(tmp_path))) == (b"", b"", 0)
    assert tuple(run("rm", "--force", "nope", "", cwd=str(tmp_path))) == (b"", b"", 0)
    r = run("rm", "", cwd=str(tmp_path))
    assert r.err == b"rm: cannot remove '': No such file or directory\n" and r.status == 1


def test_not_a_directory(run, tmp_path):
    build(tmp_path, {"f": b""})
    r = run("rm", "f/x", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"rm: cannot remove 'f/x': Not a directory\n", 1)
    assert tuple(run("rm", "-f", "f/x", cwd=str(tmp_path))) == (b"", b"", 0)  # as GNU: ENOTDIR is "missing"


def test_directory_needs_r_or_d(run, tmp_path):
    build(tmp_path, TREE)
    r = run("rm", "d", "em", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"rm: cannot remove 'd': Is a directory\nrm: cannot remove 'em': Is a directory\n", 1)
    r = run("rm", "-d", "d", "em", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"rm: cannot remove 'd': Directory not empty\n", 1)
    assert not os.path.exists(tmp_path / "em")
    r = run("rm", "-dv", "d/sub/empty", cwd=str(tmp_path))
    assert tuple(r) == (b"removed directory 'd/sub/empty'\n", b"", 0)


def test_recursive_verbose(run, tmp_path):
    build(tmp_path, {"d": {"f": b"1", "s": {"g": b""}}})
    r = run("rm", "-rv", "d", cwd=str(tmp_path))
    assert r.status == 0 and r.err == b""
    lines = r.out.splitlines()
    assert sorted(lines) == sorted([b"removed 'd/f'", b"removed 'd/s/g'", b"removed directory 'd/s'",
                                    b"removed directory 'd'"])
    assert lines.index(b"removed 'd/s/g'") < lines.index(b"removed directory 'd/s'")
    assert lines[-1] == b"removed directory 'd'"
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("flag", ["-r", "-R", "--recursive", "--rec"])
def test_recursive_spellings(run, tmp_path, flag):
    build(tmp_path, TREE)
    assert tuple(run("rm", flag, "d", "em", cwd=str(tmp_path))) == (b"", b"", 0)
    assert not os.path.lexists(tmp_path / "d") and not os.path.lexists(tmp_path / "em")


def test_symlink_in_tree_not_followed(run, tmp_path):
    outside = tmp_path / "outside"
    build(outside, {"keep": b"k", "sub": {"keep2": b""}})
    build(tmp_path, {"t": {"l1": ("link", str(outside)), "l2": ("link", str(outside / "sub"))}})
    assert tuple(run("rm", "-r", "t", cwd=str(tmp_path))) == (b"", b"", 0)
    assert not os.path.lexists(tmp_path / "t")
    assert (outside / "keep").read_bytes() == b"k" and (outside / "sub" / "keep2").exists()
    # a link to a directory as operand: the link goes, the target stays
    os.symlink(str(outside), str(tmp_path / "L"))
    assert tuple(run("rm", "-r", "L", cwd=str(tmp_path))) == (b"", b"", 0)
    assert (outside / "keep").exists() and not os.path.lexists(tmp_path / "L")
    # with a trailing slash GNU goes through the link and removes the target tree
    # (not tested: it depends on the kernel's unlinkat of 'L/')


@pytest.mark.parametrize("arg", [".", "..", "./", "d/.", "d/..", "d/./", "d//..//"])
def test_dot_refused(run, tmp_path, arg):
    build(tmp_path, {"d": {"f": b""}})
    r = run("rm", "-r", arg, cwd=str(tmp_path))
    from multicall.errors import quotef
    assert r.err == ("rm: refusing to remove '.' or '..' directory: skipping %s\n"
                     % quotef(arg, always=True)).encode()
    assert r.status == 1 and r.out == b""
    assert (tmp_path / "d" / "f").exists()


def test_dot_without_r(run, tmp_path):
    build(tmp_path, {"d": {"f": b""}})
    r = run("rm", ".", cwd=str(tmp_path / "d"))
    assert tuple(r) == (b"", b"rm: cannot remove '.': Is a directory\n", 1)
    r = run("rm", "-d", ".", cwd=str(tmp_path / "d"))
    assert tuple(r) == (b"", b"rm: cannot remove '.': Directory not empty\n", 1)


@pytest.mark.parametrize("arg, msg", [
    ("/", b"rm: it is dangerous to operate recursively on '/'\n"),
    ("//", b"rm: it is dangerous to operate recursively on '//' (same as '/')\n"),
    ("///", b"rm: it is dangerous to operate recursively on '///' (same as '/')\n"),
])
def test_preserve_root(run, arg, msg):
    for extra in ([], ["--preserve-root"], ["-f"]):
        r = run("rm", "-r", *extra, arg)
        assert tuple(r) == (b"", msg + b"rm: use --no-preserve-root to override this failsafe\n", 1)


def test_preserve_root_args(run, tmp_path):
    r = run("rm", "--preserve-root=x", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"rm: unrecognized --preserve-root argument: 'x'\n", 1)
    r = run("rm", "--no-preserve", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"rm: you may not abbreviate the --no-preserve-root option\n", 1)
    build(tmp_path, {"d": {"f": b""}})
    r = run("rm", "-r", "--preserve-root=all", "d", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"", 0) and not os.path.exists(tmp_path / "d")
    build(tmp_path, {"d": {"f": b""}})
    r = run("rm", "-r", "--preserve-root", "--no-preserve-root", "d", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"", 0)


def test_preserve_root_all_mount_point(run):
    if not os.path.ismount("/proc") or not os.path.isdir("/proc/self"):
        pytest.skip("no /proc mount")
    r = run("rm", "-r", "--preserve-root=all", "/proc")
    assert tuple(r) == (b"", b"rm: skipping '/proc', since it's on a different device\n"
                        b"rm: and --preserve-root=all is in effect\n", 1)


def test_interactive_prompts(run, tmp_path):
    build(tmp_path, {"e": b"", "f": b"x", "l": ("link", "f"), "p": ("fifo",), "em": {}})
    r = run("rm", "-i", "e", "f", "l", "p", stdin=b"n\nn\nn\nn\n", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"rm: remove regular empty file 'e'? rm: remove regular file 'f'? "
                        b"rm: remove symbolic link 'l'? rm: remove fifo 'p'? ", 0)
    assert sorted(os.listdir(tmp_path)) == ["e", "em", "f", "l", "p"]
    r = run("rm", "--interactive", "e", "f", stdin=b"yes\nY\n", cwd=str(tmp_path))
    assert r.status == 0 and not os.path.exists(tmp_path / "e") and not os.path.exists(tmp_path / "f")
    r = run("rm", "-ri", "em", stdin=b"y\n", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"rm: remove directory 'em'? ", 0)
    assert not os.path.exists(tmp_path / "em")


def test_interactive_descend(run, tmp_path):
    build(tmp_path, {"d": {"f": b"", "e": {}}})
    r = run("rm", "-ri", "d", stdin=b"n\n", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"rm: descend into directory 'd'? ", 0)
    # yes to descending, no to the file: d stays, no question about it
    r = run("rm", "-ri", "d", stdin=b"y\nn\ny\n", cwd=str(tmp_path))
    assert r.status == 0
    assert set(os.listdir(tmp_path / "d")) == {"f"}
    assert r.err.startswith(b"rm: descend into directory 'd'? ")
    assert b"remove directory 'd'?" not in r.err


def test_interactive_once(run, tmp_path):
    build(tmp_path, {"a": b"", "b": b"", "c": b"", "d": b""})
    r = run("rm", "-I", "a", "b", "c", "d", stdin=b"n\n", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"rm: remove 4 arguments? ", 0)
    assert len(os.listdir(tmp_path)) == 4
    r = run("rm", "-I", "a", "b", "c", cwd=str(tmp_path))  # three: no question
    assert tuple(r) == (b"", b"", 0)
    r = run("rm", "--interactive=once", "-r", "d", stdin=b"y\n", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"rm: remove 1 argument recursively? ", 0)
    assert os.listdir(tmp_path) == []


def test_interactive_words(run, tmp_path):
    build(tmp_path, {"a": b""})
    r = run("rm", "--interactive=never", "-i", "a", stdin=b"n\n", cwd=str(tmp_path))
    assert r.err == b"rm: remove regular empty file 'a'? " and os.path.exists(tmp_path / "a")
    r = run("rm", "-i", "--interactive=no", "a", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"", 0) and not os.path.exists(tmp_path / "a")
    r = run("rm", "--interactive=maybe", "a", cwd=str(tmp_path))
    assert r.status == 1
    assert r.err == (b"rm: invalid argument 'maybe' for '--interactive'\nValid arguments are:\n"
                     b"  - 'never', 'no', 'none'\n  - 'once'\n  - 'always', 'yes'\n"
                     b"Try 'rm --help' for more information.\n")
    # -f after -i wins, and -i after -f
    build(tmp_path, {"b": b""})
    r = run("rm", "-f", "-i", "b", stdin=b"n\n", cwd=str(tmp_path))
    assert r.err == b"rm: remove regular empty file 'b'? " and os.path.exists(tmp_path / "b")
    r = run("rm", "-i", "-f", "b", "nope", stdin=b"n\n", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"", 0) and not os.path.exists(tmp_path / "b")


def test_non_utf8_names(run, tmp_path):
    d = os.fsencode(str(tmp_path))
    os.mkdir(d + b"/dir\xff")
    open(d + b"/dir\xff/f\xfe", "wb").close()
    r = run("rm", "-rv", b"dir\xff", cwd=str(tmp_path))
    assert r.status == 0
    assert r.out == b"removed 'dir'$'\\377''/f'$'\\376'\nremoved directory 'dir'$'\\377'\n"
    r = run("rm", b"x\xff", cwd=str(tmp_path))
    assert r.err == b"rm: cannot remove 'x'$'\\377': No such file or directory\n"


def test_deep_tree(inproc, tmp_path):
    """10,000 levels: far past PATH_MAX and the descriptor limit.  (Made
    with GNU mkdir -p, 1000 levels at a time, to keep the test short.)"""
    chunk = "/".join(["d"] * 1000)
    home = os.open(".", os.O_RDONLY)
    try:
        os.chdir(str(tmp_path))
        for _ in range(10):
            subprocess.run(["mkdir", "-p", chunk], check=True)
            os.chdir(chunk)
        open("leaf", "w").close()
        os.chdir(str(tmp_path))
        r = inproc("rm", "-r", "d")
    finally:
        os.fchdir(home)
        os.close(home)
    assert tuple(r) == (b"", b"", 0)
    assert os.listdir(tmp_path) == []


def _as_nobody(argv, cwd):
    """Run GNU's tool (a path) or pybox's applet (a bare name, in a forked
    child of this process: nobody cannot reach the checkout's launcher)
    as nobody in `cwd`."""
    if "/" in argv[0]:
        return subprocess.run(argv, cwd=cwd, user=65534, group=65534, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=child_env())
    import tempfile
    from multicall import main
    __import__("applets.coreutils." + argv[0])
    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    pid = os.fork()
    if pid == 0:
        try:
            os.chdir(cwd)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            os.dup2(out.fileno(), 1)
            os.dup2(err.fileno(), 2)
            os.environ["LC_ALL"] = "C"
            status = main.run(argv[0], argv)
        except BaseException:
            status = 99
        os._exit(status)
    _, raw = os.waitpid(pid, 0)
    out.seek(0)
    err.seek(0)
    return subprocess.CompletedProcess(argv, os.waitstatus_to_exitcode(raw), out.read(), err.read())


def test_unreadable_subdirectory(bindir, tmp_path):
    """As an unprivileged user (root drops to nobody in the child), a
    directory that cannot be read is reported, the rest goes."""
    if os.geteuid() != 0:
        pytest.skip("needs root to switch to nobody")
    os.chmod(str(tmp_path), 0o777)
    build(tmp_path, {"t": {"a": {"f": b"", "b": {"g": b""}}, "c": {"h": b""}, "z": b""}})
    for dirpath, dirs, files in os.walk(str(tmp_path / "t")):
        os.chown(dirpath, 65534, 65534)
        for f in files:
            os.chown(os.path.join(dirpath, f), 65534, 65534)
    os.chmod(str(tmp_path / "t" / "a" / "b"), 0)
    p = _as_nobody(["rm", "-r", "t"], str(tmp_path))
    assert (p.stdout, p.stderr, p.returncode) == (b"", b"rm: cannot remove 't/a/b': Permission denied\n", 1)
    os.chmod(str(tmp_path / "t" / "a" / "b"), 0o700)
    assert sorted(os.path.relpath(os.path.join(a, n), str(tmp_path)) for a, ds, fs in os.walk(str(tmp_path))
                  for n in ds + fs) == ["t", "t/a", "t/a/b", "t/a/b/g"]


def test_unreadable_empty_directory_goes(bindir, tmp_path):
    if os.geteuid() != 0:
        pytest.skip("needs root to switch to nobody")
    os.chmod(str(tmp_path), 0o777)
    build(tmp_path, {"t": {"b": {}}})
    os.chown(str(tmp_path / "t"), 65534, 65534)
    os.chown(str(tmp_path / "t" / "b"), 65534, 65534)
    os.chmod(str(tmp_path / "t" / "b"), 0)
    p = _as_nobody(["rm", "-rv", "t"], str(tmp_path))
    assert (p.stdout, p.stderr, p.returncode) == (b"removed directory 't/b'\nremoved directory 't'\n", b"", 0)


def test_undeletable_file_keeps_ancestors(bindir, tmp_path, gnu):
    """A file in a directory nobody may not write: its error, then no
    message about the ancestors (they are left quietly); same as GNU."""
    if os.geteuid() != 0:
        pytest.skip("needs root to switch to nobody")
    os.chmod(str(tmp_path), 0o777)
    for who in ("g", "p"):
        build(tmp_path / who, {"t": {"ro": {"f": b""}, "ok": b""}})
        for dirpath, dirs, files in os.walk(str(tmp_path / who)):
            os.chown(dirpath, 65534, 65534)
        os.chown(str(tmp_path / who / "t" / "ro"), 0, 0)
    ours = _as_nobody(["rm", "-r", "t"], str(tmp_path / "p"))
    theirs = _as_nobody([gnu("rm"), "-r", "t"], str(tmp_path / "g"))
    assert ours.stderr == theirs.stderr.replace(gnu("rm").encode(), b"rm")
    assert ours.stderr == b"rm: cannot remove 't/ro/f': Permission denied\n"
    assert ours.returncode == theirs.returncode == 1
    assert snapshot(tmp_path / "p") == snapshot(tmp_path / "g")


def test_one_file_system(run, tmp_path):
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("needs root and unshare")
    build(tmp_path, {"t": {"m": {}, "f": b""}})
    script = ("mount -t tmpfs none t/m && touch t/m/inner && %s rm -r --one-file-system t; echo $?; ls t t/m"
              % PYBOX)
    p = subprocess.run(["unshare", "-m", "sh", "-c", script], cwd=str(tmp_path), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=child_env())
    if b"mount" in p.stderr and b"rm:" not in p.stderr:
        pytest.skip("cannot mount here: %r" % p.stderr)
    assert p.stderr == b"rm: skipping 't/m', since it's on a different device\n"
    assert p.stdout == b"1\nt:\nm\n\nt/m:\ninner\n"


# -- differential tests against GNU rm ------------------------------------------

@pytest.mark.parametrize("args", [
    ["-r", "d", "em", "a"], ["-rv", "d"], ["-v", "a", "e", "ln", "p", "d", "nope"], ["-rf", "nope", "d"],
    ["-d", "em", "d", "a"], ["-dv", "em"], ["-r", "ln"], ["-r", "d/sub/", "ln/"], ["-r", "d/l", "dangling"],
    ["-r", ".", "d/.."], ["-R", "--verbose", "--", "d", "em"], ["-ri", "d"], ["-i", "a", "e", "d", "em"],
    ["-rI", "d", "a"], ["-I", "a", "e", "p", "ln"], ["-rd", "em"], ["a/x"], ["-rf", "a/x"],
])
def test_same_as_gnu(run, run_gnu, tmp_path, args):
    both(run, run_gnu, tmp_path, TREE, "rm", *args, stdin=b"y\nn\ny\ny\nn\ny\n")


def test_same_as_gnu_utf8_locale(run, run_gnu, tmp_path):
    env = {"LC_ALL": "C.UTF-8"}
    both(run, run_gnu, tmp_path, TREE, "rm", "--interactive=bad", "a", env=env)
    both(run, run_gnu, tmp_path, TREE, "rm", "-r", ".", "nope", "d", env=env)


_names = st.sampled_from(["a", "b", "c", "x y", "\u00e9"])
_trees = st.recursive(st.sampled_from([b"", b"data"]) | st.just(("link", "a")) | st.just(("link", "..")),
                      lambda kids: st.dictionaries(_names, kids, max_size=4), max_leaves=12)


@settings(max_examples=15)
@given(tree=st.dictionaries(_names, _trees, min_size=1, max_size=4),
       flags=st.lists(st.sampled_from(["-r", "-v", "-d", "-f"]), max_size=3, unique=True))
def test_generated_trees_same_as_gnu(run, run_gnu, tmp_path_factory, tree, flags):
    tmp = tmp_path_factory.mktemp("gen")
    both(run, run_gnu, tmp, tree, "rm", *flags, *sorted(tree), "missing")


@pytest.mark.parametrize("args", [['loop1/x'], ['-r', 'loop1/', 'loop1'], ['-f', 'loop2/x'], ['-d', 'loop1/.']])
def test_symlink_loop_same_as_gnu(run, run_gnu, tmp_path, args):
    """A loop of symbolic links (ELOOP) on the way, as GNU reports it."""
    tree = {"loop1": ("link", "loop2"), "loop2": ("link", "loop1"), "f": b"x"}
    both(run, run_gnu, tmp_path, tree, "rm", *args)
