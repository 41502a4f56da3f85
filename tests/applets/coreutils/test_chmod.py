"""chmod: octal and symbolic modes (with the umask), GNU's -w style modes
and their umask diagnostic, -v/-c messages, -f, --reference, -R through
the walker (links in the tree never followed), --preserve-root, dangling
links, errors, non-UTF-8 names, and GNU differential tests."""
import os
import stat

import pytest
from hypothesis import given, settings, strategies as st

from _fstree import both, build

TREE = {"f": ("mode", 0o666, b"x"), "d": {"g": b"", "s": {"h": b""}, "lnk": ("link", "../f"),
                                          "dl": ("link", "nowhere")},
        "lf": ("link", "f"), "dang": ("link", "nope"), "e": ("mode", 0o4755, b"")}


def mode_of(p):
    return stat.S_IMODE(os.lstat(p).st_mode)


def test_missing_operands(run):
    assert tuple(run("chmod")) == (b"", b"chmod: missing operand\nTry 'chmod --help' for more information.\n", 1)
    assert tuple(run("chmod", "644")) == (
        b"", b"chmod: missing operand after '644'\nTry 'chmod --help' for more information.\n", 1)


def test_octal_and_symbolic(run, tmp_path):
    build(tmp_path, TREE)
    assert tuple(run("chmod", "751", "f", cwd=str(tmp_path))) == (b"", b"", 0)
    assert mode_of(tmp_path / "f") == 0o751
    assert tuple(run("chmod", "u-x,g=u,o+w", "f", cwd=str(tmp_path))) == (b"", b"", 0)
    assert mode_of(tmp_path / "f") == 0o663
    assert tuple(run("chmod", "a=r,u+s", "f", cwd=str(tmp_path))) == (b"", b"", 0)
    assert mode_of(tmp_path / "f") == 0o4444


def test_verbose_messages(run, tmp_path):
    build(tmp_path, TREE)
    r = run("chmod", "-v", "755", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"mode of 'f' changed from 0666 (rw-rw-rw-) to 0755 (rwxr-xr-x)\n", b"", 0)
    r = run("chmod", "-v", "755", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"mode of 'f' retained as 0755 (rwxr-xr-x)\n", b"", 0)
    r = run("chmod", "-c", "755", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"", 0)
    r = run("chmod", "--changes", "644", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"mode of 'f' changed from 0755 (rwxr-xr-x) to 0644 (rw-r--r--)\n", b"", 0)


def test_dangling_and_missing(run, tmp_path):
    build(tmp_path, TREE)
    r = run("chmod", "600", "dang", "nope", "lf", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"chmod: cannot operate on dangling symlink 'dang'\n"
                        b"chmod: cannot access 'nope': No such file or directory\n", 1)
    assert mode_of(tmp_path / "f") == 0o600  # the operand link was followed
    r = run("chmod", "-v", "600", "dang", cwd=str(tmp_path))
    assert r.out == b"'dang' could not be accessed\n"
    r = run("chmod", "-f", "600", "dang", "nope", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"", 1)


def test_recursive_does_not_follow_links(run, tmp_path):
    build(tmp_path, TREE)
    outside = tmp_path / "outside"
    build(outside, {"t": ("mode", 0o600, b"")})
    os.symlink(str(outside), str(tmp_path / "d" / "out"))
    r = run("chmod", "-Rv", "a+rX", "d", cwd=str(tmp_path))
    assert r.status == 0 and r.err == b""
    assert b"neither symbolic link 'd/lnk' nor referent has been changed\n" in r.out
    assert b"neither symbolic link 'd/dl' nor referent has been changed\n" in r.out
    assert mode_of(tmp_path / "f") == 0o666 and mode_of(outside / "t") == 0o600
    assert mode_of(tmp_path / "d" / "g") == 0o644
    # a link operand is followed even with -R
    r = run("chmod", "-R", "700", "d/out", cwd=str(tmp_path))
    assert r.status == 0 and mode_of(outside / "t") == 0o700


def test_dash_modes_and_umask_surprise(sh, tmp_path):
    build(tmp_path, TREE)
    r = sh("umask 022; chmod -w f; echo $?; stat -c %a f", cwd=str(tmp_path))
    assert r.out == b"1\n444\n" or r.out == b"1\n466\n"
    assert r.err == b"chmod: f: new permissions are r--rw-rw-, not r--r--r--\n"
    r = sh("umask 0; chmod -x,+w f && stat -c %a f", cwd=str(tmp_path))
    assert tuple(r) == (b"666\n", b"", 0)
    r = sh("chmod -- -w nope", cwd=str(tmp_path))  # after --, the first operand is the mode
    assert r.err == b"chmod: cannot access 'nope': No such file or directory\n"


@pytest.mark.parametrize("mode", ["x", "u+q", "9", "a=rwx,", "u=g+z", "77777", "+8"])
def test_invalid_mode(run, tmp_path, mode):
    build(tmp_path, TREE)
    r = run("chmod", mode, "f", cwd=str(tmp_path))
    assert r.status == 1 and r.out == b""
    assert r.err == b"chmod: invalid mode: '%s'\nTry 'chmod --help' for more information.\n" % mode.encode()


def test_reference(run, tmp_path):
    build(tmp_path, TREE)
    assert tuple(run("chmod", "--reference=e", "f", cwd=str(tmp_path))) == (b"", b"", 0)
    assert mode_of(tmp_path / "f") == 0o4755
    r = run("chmod", "--reference=nope", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"chmod: failed to get attributes of 'nope': No such file or directory\n", 1)
    r = run("chmod", "--reference=e", "-w", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"chmod: cannot combine mode and --reference options\n"
                        b"Try 'chmod --help' for more information.\n", 1)


def test_preserve_root(run):
    r = run("chmod", "-R", "--preserve-root", "755", "/")
    assert tuple(r) == (b"", b"chmod: it is dangerous to operate recursively on '/'\n"
                        b"chmod: use --no-preserve-root to override this failsafe\n", 1)


def test_non_utf8(run, tmp_path):
    p = os.fsencode(str(tmp_path)) + b"/\xff"
    open(p, "wb").close()
    os.chmod(p, 0o644)
    r = run("chmod", "-v", "600", b"\xff", cwd=str(tmp_path))
    assert tuple(r) == (b"mode of ''$'\\377' changed from 0644 (rw-r--r--) to 0600 (rw-------)\n", b"", 0)


@pytest.mark.parametrize("args", [
    ["-v", "755", "f", "e", "d"], ["-c", "644", "f", "e"], ["-Rv", "a+rX", "d"], ["-Rc", "go-rwx", "d", "f"],
    ["-v", "600", "lf", "dang", "nope"], ["-f", "600", "dang", "nope"], ["x", "f"], ["644"], [],
    ["--reference=e", "-v", "d", "f"], ["--reference=nope", "d"], ["-v", "u+s,g+s,+t", "d/g", "d"],
    ["-v", "g-s", "e", "d"], ["-vw", "d"], ["-w", "f"], ["-rwx,u+r", "f"], ["-Rv", "700", "d/lnk", "d/s/"],
    ["-v", "=,u=rw", "f"], ["-R", "-x,+X", "d", "f"], ["-v", "-R", "0", "d"], ["-cR", "u=rwx,go=u-w", "d"],
    ["-v", "2755", "d"], ["-v", "755", "d"], ["-v", "00755", "d"], ["--", "-w", "f"], ["-v", "+644", "f"],
])
def test_same_as_gnu(run, run_gnu, tmp_path, args):
    both(run, run_gnu, tmp_path, TREE, "chmod", *args)


def test_same_as_gnu_utf8(run, run_gnu, tmp_path):
    both(run, run_gnu, tmp_path, TREE, "chmod", "bad", "f", env={"LC_ALL": "C.UTF-8"})
    both(run, run_gnu, tmp_path, TREE, "chmod", "7", env={"LC_ALL": "C.UTF-8"})


_who = st.text("ugoa", max_size=2)
_perm = st.text("rwxXst", max_size=3) | st.sampled_from(["u", "g", "o"])
_clause = st.builds(lambda w, op, p: w + op + p, _who, st.sampled_from("+-="), _perm)
_modes = st.lists(_clause, min_size=1, max_size=3).map(",".join) | \
    st.integers(0, 0o7777).map(lambda n: "%o" % n)


@settings(max_examples=40)
@given(mode=_modes, start=st.integers(0, 0o7777))
def test_generated_modes_same_as_gnu(run_gnu, inproc, tmp_path_factory, mode, start):
    """pybox in-process against GNU, on a file and a directory each."""
    tmp = tmp_path_factory.mktemp("m")
    for who in ("g", "p"):
        build(tmp / who, {"f": ("mode", start, b""), "d": ("mode", start | 0o700, {})})
    expected = run_gnu("chmod", "-v", mode, "f", "d", cwd=str(tmp / "g"))
    cwd = os.getcwd()
    os.chdir(str(tmp / "p"))
    try:
        got = inproc("chmod", "-v", mode, "f", "d")
    finally:
        os.chdir(cwd)
    assert got == expected
    for name in ("f", "d"):
        assert mode_of(tmp / "p" / name) == mode_of(tmp / "g" / name)


@pytest.mark.parametrize("args", [['644', 'loop1'], ['-R', '-v', '644', 'loop1', '.'], ['-f', '644', 'loop2/x']])
def test_symlink_loop_same_as_gnu(run, run_gnu, tmp_path, args):
    """A loop of symbolic links (ELOOP) on the way, as GNU reports it."""
    tree = {"loop1": ("link", "loop2"), "loop2": ("link", "loop1"), "f": b"x"}
    both(run, run_gnu, tmp_path, tree, "chmod", *args)
