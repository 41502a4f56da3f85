"""ls, dir, vdir: formats, sorting, quoting, colours, -R, errors and exit
statuses, checked on exact bytes, and differential tests against GNU ls
(TZ=UTC, LC_ALL=C or C.UTF-8, fixed mtimes) including hypothesis-made
file names."""
import os
import pwd
import grp
import subprocess
import time

import pytest
from hypothesis import given, settings, strategies as st

from conftest import PYBOX, child_env

OLD = 1600000000  # Sep 13 2020, UTC
UTC = {"TZ": "UTC"}


class cwd:
    """Run a block in another working directory, then come back."""

    def __init__(self, path):
        self.path = path

    def __enter__(self):
        self.old = os.getcwd()
        os.chdir(self.path)

    def __exit__(self, *exc):
        os.chdir(self.old)


def _user():
    try:
        return pwd.getpwuid(os.getuid()).pw_name.encode()
    except KeyError:
        return str(os.getuid()).encode()


def _group():
    try:
        return grp.getgrgid(os.getgid()).gr_name.encode()
    except KeyError:
        return str(os.getgid()).encode()


def mkfile(path, data=b"", mtime=OLD):
    with open(path, "wb") as f:
        f.write(data)
    os.utime(path, (mtime, mtime))


@pytest.fixture
def tree(tmp_path):
    """A directory with files of known sizes and times, a subdirectory,
    links and a hidden file."""
    d = tmp_path / "t"
    d.mkdir()
    now = int(time.time())
    mkfile(d / "a", b"abc")
    mkfile(d / "b.txt", b"x" * 2000, OLD + 100)
    mkfile(d / "c.tar.gz", b"y" * 5000, OLD - 100)
    mkfile(d / "file10", b"", OLD + 50)
    mkfile(d / "file9", b"1", OLD + 60)
    mkfile(d / "recent", b"rr", now - 3600)
    mkfile(d / ".hidden", b"h")
    mkfile(d / "back~", b"")
    os.chmod(d / "a", 0o755)
    (d / "sub").mkdir()
    mkfile(d / "sub" / "inner", b"in")
    (d / "sub" / "deeper").mkdir()
    mkfile(d / "sub" / "deeper" / "z", b"")
    os.utime(d / "sub" / "deeper", (OLD, OLD))
    os.utime(d / "sub", (OLD, OLD))
    os.symlink("a", d / "link")
    os.symlink("sub", d / "dirlink")
    os.symlink("nowhere", d / "dangling")
    for p in ("link", "dirlink", "dangling"):
        os.utime(d / p, (OLD, OLD), follow_symlinks=False)
    os.utime(d, (OLD, OLD))
    return str(d)


# -- exact output, no reference needed ------------------------------------------------

def test_one_per_line_when_piped(run, tree):
    r = run("ls", tree)
    assert r.out == b"a\nb.txt\nback~\nc.tar.gz\ndangling\ndirlink\nfile10\nfile9\nlink\nrecent\nsub\n"
    assert (r.err, r.status) == (b"", 0)


def test_all_and_almost_all(inproc, tree):
    out = inproc("ls", "-a", tree).out.split(b"\n")
    assert out[:3] == [b".", b"..", b".hidden"]
    out = inproc("ls", "-A", tree).out.split(b"\n")
    assert out[0] == b".hidden"
    assert b"." not in out and b".." not in out


def test_long_format_line(inproc, tree):
    r = inproc("ls", "-l", tree + "/a", env=UTC)
    u, g = _user(), _group()
    assert r.out == b"-rwxr-xr-x 1 %s %s 3 Sep 13  2020 %s/a\n" % (u, g, tree.encode())
    r = inproc("ls", "-ln", tree + "/a", env=UTC)
    assert r.out == b"-rwxr-xr-x 1 %d %d 3 Sep 13  2020 %s/a\n" % (os.getuid(), os.getgid(), tree.encode())
    r = inproc("ls", "-go", "--full-time", tree + "/a", env=UTC)
    assert r.out == b"-rwxr-xr-x 1 3 2020-09-13 12:26:40.000000000 +0000 %s/a\n" % tree.encode()


def test_long_symlink_and_total(inproc, tree):
    r = inproc("ls", "-lo", "--time-style=+T", tree, env=UTC)
    lines = r.out.split(b"\n")
    blocks = sum(os.lstat(os.path.join(tree, n)).st_blocks for n in os.listdir(tree) if n[0] != ".")
    assert lines[0] == b"total %d" % ((blocks + 1) // 2)
    assert any(line.endswith(b" T link -> a") for line in lines)
    assert any(line.endswith(b" T dangling -> nowhere") for line in lines)


def test_recent_and_old_dates(inproc, tree):
    r = inproc("ls", "-l", "--time-style=+OLD %Y\n+NEW", tree + "/recent", tree + "/a", env=UTC)
    lines = r.out.splitlines()
    assert b" OLD 2020 " in lines[0] and lines[1].split()[5] == b"+NEW"


def test_columns_exact(inproc, tmp_path):
    for n in ("a", "bb", "ccc", "dddd", "eeeee", "ffffffffffff", "g", "h", "i", "j"):
        mkfile(tmp_path / n)
    r = inproc("ls", "-C", "-w", "30", str(tmp_path))
    assert r.out == b"a    dddd\t   g  j\nbb   eeeee\t   h\nccc  ffffffffffff  i\n"
    r = inproc("ls", "-x", "-w", "30", "-T", "0", str(tmp_path))
    assert r.out == b"a     bb     ccc\ndddd  eeeee  ffffffffffff\ng     h      i\nj\n"
    r = inproc("ls", "-m", "-w", "20", str(tmp_path))
    assert r.out == b"a, bb, ccc, dddd,\neeeee, ffffffffffff,\ng, h, i, j\n"
    r = inproc("ls", "-C", "-w", "0", str(tmp_path))
    assert r.out == b"a  bb  ccc  dddd  eeeee  ffffffffffff  g  h  i  j\n"


def test_sorting(inproc, tree):
    def names(*args):
        return inproc("ls", *args, tree).out.split()
    assert names("-t")[:2] == [b"recent", b"b.txt"]
    assert names("-S")[:3] == [b"c.tar.gz", b"sub", b"b.txt"]
    assert names("-Sr")[-1] == b"c.tar.gz"
    assert names("-v").index(b"file9") < names("-v").index(b"file10")
    assert names("-X")[-1] == b"b.txt"
    assert names("-r")[0] == b"sub"
    assert names("--group-directories-first")[:2] == [b"dirlink", b"sub"]
    assert sorted(names("-U")) == sorted(names())


def test_indicators(inproc, tree):
    out = inproc("ls", "-F", tree).out.split()
    assert b"a*" in out and b"sub/" in out and b"link@" in out and b"dirlink@" in out
    out = inproc("ls", "-p", tree).out.split()
    assert b"sub/" in out and b"a" in out and b"link" in out
    out = inproc("ls", "--file-type", tree).out.split()
    assert b"a" in out and b"link@" in out
    assert inproc("ls", "-lF", "--time-style=+T", tree + "/dirlink").out.endswith(b"/dirlink -> sub/\n")


def test_recursive_order(inproc, tree):
    r = inproc("ls", "-R", tree + "/sub")
    t = tree.encode()
    assert r.out == b"%s/sub:\ndeeper\ninner\n\n%s/sub/deeper:\nz\n" % (t, t)


def test_recursive_dot_prefix(inproc, tree):
    with cwd(tree + "/sub"):
        r = inproc("ls", "-R")
    assert r.out == b".:\ndeeper\ninner\n\n./deeper:\nz\n"


def test_files_then_directories(inproc, tree):
    with cwd(tree):
        r = inproc("ls", "sub", "a", "b.txt")
        r2 = inproc("ls", "sub")
    assert r.out == b"a\nb.txt\n\nsub:\ndeeper\ninner\n"
    assert r2.out == b"deeper\ninner\n"


def test_directory_flag_and_symlink_args(inproc, tree):
    with cwd(tree):
        assert inproc("ls", "-d", "sub", "dirlink").out == b"dirlink\nsub\n"
        assert inproc("ls", "dirlink").out == b"deeper\ninner\n"
        assert inproc("ls", "-F", "dirlink").out == b"dirlink@\n"
        assert inproc("ls", "-l", "--time-style=+T", "dirlink").out.endswith(b"T dirlink -> sub\n")
        assert inproc("ls", "-H", "-l", "--time-style=+T", "dirlink").out.startswith(b"total ")
        assert inproc("ls", "-L", "dangling").status == 2


def test_missing_operand_is_serious(run, tree):
    r = run("ls", tree + "/nope", tree + "/a")
    assert r.status == 2
    assert r.err == b"ls: cannot access '%s/nope': No such file or directory\n" % tree.encode()
    assert r.out == tree.encode() + b"/a\n"


def test_missing_operand_utf8_quotes(run, tree):
    r = run("ls", "no such", env={"LC_ALL": "C.UTF-8"}, cwd=tree)
    assert (r.err, r.status) == (b"ls: cannot access 'no such': No such file or directory\n", 2)


def test_unstatable_entry_is_minor(run, tree):
    # -L stats through the dangling link: a problem with a directory
    # entry (not an operand) is exit status 1, and the entry shows as '?'
    r = run("ls", "-lL", "--time-style=+T", cwd=tree)
    assert r.status == 1
    assert r.err == b"ls: cannot access 'dangling': No such file or directory\n"
    line = [x for x in r.out.split(b"\n") if x.endswith(b" dangling")][0]
    assert line.startswith(b"l????????? ? ? ") and line.split()[2:6] == [b"?", b"?", b"?", b"?"]


def _as_nobody():
    """preexec_fn: drop to nobody (after the child's chdir), so that
    permission checks apply even when the tests run as root."""
    if os.geteuid() == 0:
        os.setgroups([])
        os.setgid(65534)
        os.setuid(65534)


def _run_unprivileged(argv0, args, cwd, executable=None):
    p = subprocess.run(argv0 + list(args), executable=executable, cwd=cwd, env=child_env(),
                       preexec_fn=_as_nobody,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    return p.stdout, p.stderr, p.returncode


@pytest.fixture
def locked(tmp_path):
    d = tmp_path / "d"
    (d / "locked").mkdir(parents=True)
    (d / "ok").mkdir()
    mkfile(d / "locked" / "x")
    mkfile(d / "ok" / "y")
    os.chmod(d / "locked", 0)
    os.chmod(d, 0o755)
    os.chmod(tmp_path, 0o755)
    yield str(tmp_path)
    os.chmod(d / "locked", 0o755)


def test_unreadable_directories(locked):
    ls = [PYBOX, "ls"]  # bin/pybox itself: the test's bin directory is private to root
    out, err, status = _run_unprivileged(ls, ["-R", "d"], locked)
    if b"python" in err.lower() or status == 126 or status == 127:
        pytest.skip("no Python reachable by an unprivileged user")
    assert status == 1
    assert err == b"ls: cannot open directory 'd/locked': Permission denied\n"
    assert out == b"d:\nlocked\nok\n\nd/ok:\ny\n"
    out, err, status = _run_unprivileged(ls, ["d/locked", "d/ok"], locked)
    assert (err, status) == (b"ls: cannot open directory 'd/locked': Permission denied\n", 2)
    assert out == b"d/ok:\ny\n"


@pytest.mark.parametrize("args", [["-R", "d"], ["d/locked"], ["-l", "d/locked"], ["d/locked", "d/ok"],
                                  ["-ld", "d/locked/x"], ["-lR"], ["-d", "d/locked"]],
                         ids=" ".join)
def test_unreadable_same_as_gnu(gnu, locked, args):
    gnu("ls")
    got = _run_unprivileged([PYBOX, "ls"], args, locked)
    if got[2] in (126, 127):
        pytest.skip("no Python reachable by an unprivileged user")
    exp = _run_unprivileged(["ls"], args, locked, executable="/usr/bin/ls")
    assert got == exp


def test_symlink_loop_with_L(run, tmp_path):
    (tmp_path / "a").mkdir()
    os.symlink("..", tmp_path / "a" / "up")
    r = run("ls", "-RL", "a", cwd=str(tmp_path))
    assert r.status == 2
    assert b"ls: a/up/a: not listing already-listed directory\n" == r.err
    r = run("ls", "-L", "a/up/a/up/a", cwd=str(tmp_path))
    assert (r.out, r.status) == (b"up\n", 0)


def test_self_loop_link(run, tmp_path):
    os.symlink("loop", tmp_path / "loop")
    r = run("ls", "-L", "loop", cwd=str(tmp_path))
    assert (r.err, r.status) == (b"ls: cannot access 'loop': Too many levels of symbolic links\n", 2)
    assert run("ls", "loop", cwd=str(tmp_path)).out == b"loop\n"


def test_bad_options(run):
    r = run("ls", "--sort=bogus")
    assert r.status == 1
    assert r.err.startswith(b"ls: invalid argument 'bogus' for '--sort'\nValid arguments are:\n  - 'none'\n")
    assert r.err.endswith(b"Try 'ls --help' for more information.\n")
    r = run("ls", "-w", "x")
    assert (r.err, r.status) == (b"ls: invalid line width: 'x'\n", 2)
    r = run("ls", "-T", "x")
    assert (r.err, r.status) == (b"ls: invalid tab size: 'x'\n", 2)
    r = run("ls", "-T", "99999999999999999999")
    assert (r.err, r.status) == (
        b"ls: invalid tab size: '99999999999999999999': Value too large for defined data type\n", 2)
    r = run("ls", "--block-size=x")
    assert (r.err, r.status) == (b"ls: invalid --block-size argument 'x'\n", 2)
    r = run("ls", "-y")
    assert (r.err, r.status) == (b"ls: invalid option -- 'y'\nTry 'ls --help' for more information.\n", 2)
    r = run("ls", "-l", "--time-style=bogus")
    assert r.status == 2 and b"  - [posix-]full-iso\n" in r.err
    assert run("ls", "--time-style=bogus").status == 0  # only checked with -l


def test_dir_and_vdir(run, tree):
    os.utime(tree, (OLD, OLD))
    r = run("dir", "-w", "40", tree + "/sub")
    assert r.out == b"deeper\tinner\n"
    mkfile(os.path.join(tree, "sub", "a b"))
    assert run("dir", tree + "/sub").out == b"a\\ b  deeper  inner\n"
    r = run("vdir", "--time-style=+T", tree + "/sub/inner", env=UTC)
    assert r.out.startswith(b"-rw-") and r.out.endswith(b" 2 T %s/sub/inner\n" % tree.encode())


def test_quoting_styles_exact(inproc, tmp_path):
    mkfile(tmp_path / "a b")
    mkfile(tmp_path / "it's")
    mkfile(tmp_path / b"n\nl".decode())
    d = str(tmp_path)

    def ls(*a, env=None):
        return inproc("ls", *a, d, env=env).out
    assert ls("--quoting-style=shell-escape") == b"'a b'\n\"it's\"\n'n'$'\\n''l'\n"
    assert ls("-Q") == b"\"a b\"\n\"it's\"\n\"n\\nl\"\n"
    assert ls("-b") == b"a\\ b\nit's\nn\\nl\n"
    assert ls("-N") == b"a b\nit's\nn\nl\n"
    assert ls("-q") == b"a b\nit's\nn?l\n"
    assert ls("--quoting-style=locale") == b"'a b'\n'it\\'s'\n'n\\nl'\n"
    assert ls("--quoting-style=locale", env={"LC_ALL": "C.UTF-8"}) == \
        "\u2018a b\u2019\n\u2018it's\u2019\n\u2018n\\nl\u2019\n".encode()
    assert ls("--quoting-style=shell-always") == b"'a b'\n\"it's\"\n'n\nl'\n"
    assert ls("--zero") == b"a b\0it's\0n\nl\0"


def test_non_utf8_name(inproc, tmp_path):
    mkfile(os.path.join(os.fsencode(str(tmp_path)), b"\xff"))
    d = str(tmp_path)
    assert inproc("ls", d).out == b"\xff\n"
    assert inproc("ls", "--quoting-style=shell-escape", d).out == b"''$'\\377'\n"
    assert inproc("ls", "-b", d).out == b"\\377\n"
    assert inproc("ls", "-q", d, env={"LC_ALL": "C.UTF-8"}).out == b"?\n"


def test_color_default_and_reset(inproc, tree):
    env = {"LS_COLORS": None, "TERM": "xterm", "COLORTERM": None}
    r = inproc("ls", "--color=always", tree + "/sub", env=env)
    assert r.out == b"\033[0m\033[01;34mdeeper\033[0m\ninner\n"
    r = inproc("ls", "--color=always", tree + "/sub", env={"LS_COLORS": None, "TERM": "dumb",
                                                            "COLORTERM": None})
    assert r.out == b"deeper\ninner\n"
    r = inproc("ls", "--color=always", tree + "/sub", env={"LS_COLORS": "di=31:fi=32:rs=1"})
    assert r.out == b"\033[1m\033[31mdeeper\033[1m\n\033[32minner\033[1m\n"
    r = inproc("ls", "--color=always", tree + "/sub", env={"LS_COLORS": "zz=1"})
    assert r.err == b"ls: unrecognized prefix: 'zz'\nls: unparsable value for LS_COLORS environment variable\n"
    assert r.out == b"deeper\ninner\n"


def test_dired(inproc, tree):
    r = inproc("ls", "-lD", "--time-style=+T", "-o", tree + "/sub", env=UTC)
    lines = r.out.split(b"\n")
    assert lines[0] == b"  total 8"
    positions = [int(x) for x in lines[-3].split()[1:]]
    for s, e in zip(positions[::2], positions[1::2]):
        assert r.out[s:e] in (b"deeper", b"inner")
    assert lines[-2] == b"//DIRED-OPTIONS// --quoting-style=literal"


def test_block_sizes(inproc, tmp_path):
    with open(tmp_path / "f", "wb") as f:
        f.truncate(1536)
    d = str(tmp_path)
    assert inproc("ls", "-l", "--block-size=K", "-o", "-g", "--time-style=+T", d).out.split(b"\n")[1] \
        .split()[2] == b"2K"
    assert inproc("ls", "-lh", "-o", "-g", "--time-style=+T", d).out.split(b"\n")[1].split()[2] == b"1.5K"
    assert inproc("ls", "-l", "--si", "-o", "-g", "--time-style=+T", d).out.split(b"\n")[1].split()[2] == b"1.6k"


def test_hide_ignore(inproc, tree):
    out = inproc("ls", "-B", tree).out.split()
    assert b"back~" not in out
    out = inproc("ls", "--hide=*.txt", tree).out.split()
    assert b"b.txt" not in out
    out = inproc("ls", "-a", "--hide=*.txt", tree).out.split()
    assert b"b.txt" in out
    out = inproc("ls", "-a", "-I", "*.txt", "-I", ".*", tree).out.split()
    assert b"b.txt" not in out and b".hidden" not in out and b"." not in out


def test_hyperlink(inproc, tree):
    r = inproc("ls", "--hyperlink=always", tree + "/sub")
    host = os.uname().nodename.encode()
    real = os.path.realpath(tree).encode()
    assert r.out.startswith(b"\033]8;;file://" + host + real + b"/sub/deeper\adeeper\033]8;;\a\n")


def test_context_and_author(inproc, tree):
    assert inproc("ls", "-Z", tree + "/sub").out == b"? deeper\n? inner\n"
    r = inproc("ls", "-l", "--author", "--time-style=+T", tree + "/a")
    assert r.out.split()[2:5] == [_user(), _group(), _user()]


# -- differential tests against GNU ls --------------------------------------------------

def _gnu_ls(args, cwd, env=None):
    e = child_env(dict(UTC, **(env or {})))
    p = subprocess.run(["ls"] + list(args), executable="/usr/bin/ls", cwd=cwd, env=e, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=30)
    return p.stdout, p.stderr, p.returncode


DIFF_ARGS = [
    [], ["-a"], ["-l"], ["-la"], ["-lA"], ["-ln"], ["-lgo"], ["-lG"], ["-lh"], ["-l", "--si"],
    ["-ls"], ["-s"], ["-sk"], ["-l", "--block-size=K"], ["-l", "--block-size=1M"],
    ["-l", "--full-time"], ["-l", "--time-style=long-iso"], ["-l", "--time-style=iso"],
    ["-l", "--time-style=+%s.%3N %:z"], ["-lt"], ["-ltr"], ["-lc"], ["-lu", "a", "b.txt", "file9"], ["-lS"], ["-t"],
    ["-S"], ["-v"], ["-X"], ["-r"], ["--sort=width"], ["-U"], ["--group-directories-first"],
    ["-F"], ["-lF"], ["-p"], ["--file-type"], ["-i"], ["-li"], ["-d", "sub", "a", "link"],
    ["-R"], ["-lR"], ["-C", "-w", "40"], ["-x", "-w", "40"], ["-m", "-w", "30"], ["-C", "-w", "0"],
    ["-C", "-T", "0", "-w", "50"], ["-x", "-w", "13"], ["-1"], ["-l1"], ["-B"], ["--hide=f*"],
    ["-I", "*.t?t"], ["-L"], ["-lL"], ["-lH", "dirlink"], ["dirlink"], ["-F", "dirlink"],
    ["--dereference-command-line-symlink-to-dir", "-l", "dirlink"], ["-lD"], ["-RD", "-l"],
    ["-l", "--author"], ["-lZ"], ["--zero"], ["-Q"], ["-b"], ["-N"], ["-q"],
    ["nope", "a", "sub"], ["-d", "nope"], ["--color=always"], ["--color=always", "-l"],
    ["--color=always", "-F", "-C", "-w", "60"], ["-f"], ["-la", "--sort=none"],
    ["--format=commas"], ["--format=across"], ["--indicator-style=classify"],
    ["--s"], ["--i=x"], ["--hyperlink=always", "-l"], ["--hyperlink=always", "-C", "-w", "50"],
    ["-i", "-C", "-w", "60"], ["-lv", "--time-style=posix-long-iso"], ["--time=birth", "-l"],
    ["-t", "--time=ctime"], ["--sort=size", "-r", "-s", "-h"],
    # -R through the walker's listing mode: subdirectories in ls's own order
    ["-Rt"], ["-RS"], ["-Rr"], ["-RU"], ["-RL"], ["-Ra"], ["-RA", "-l"], ["-R", "sub", "a", "dirlink"],
    ["-RH", "dirlink"], ["-R", "--group-directories-first"], ["-Rv"], ["-Rd", "sub"], ["-R1", "sub/"],
    ["-Rx", "-w", "40"], ["-Rm"], ["-Rs"], ["-Ri"], ["-RF"], ["-R", "--color=always"], ["-Rf"],
]


@pytest.mark.parametrize("args", DIFF_ARGS, ids=lambda a: " ".join(a) or "plain")
def test_same_as_gnu(gnu, inproc, tree, args):
    gnu("ls")
    env = {"LS_COLORS": None, "TERM": "xterm", "COLORTERM": None}
    exp = _gnu_ls(args, tree, env)
    with cwd(tree):
        got = inproc("ls", *args, env=dict(UTC, **env))
    assert (got.out, got.err, got.status) == exp


@pytest.mark.parametrize("prog", ["dir", "vdir"])
def test_dir_vdir_same_as_gnu(gnu, run, tree, prog):
    path = gnu(prog)
    mkfile(os.path.join(tree, "sp ace"))
    p = subprocess.run([path, "-w", "50", tree], env=child_env(UTC), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    r = run(prog, "-w", "50", tree, env=UTC)
    assert (r.out, r.err, r.status) == (p.stdout, p.stderr, p.returncode)


ODD = [b"a b", b"it's", b'q"d', b"new\nline", b"tab\there", b"\xff\xfe", b"caf\xc3\xa9", b"ctl\x01x",
       b"back\\slash", b"#hash", b"x#y", b"~tilde", b"{", b"}", b"{a}", b"star*", b"q?", b"dollar$",
       b"colon:x", b"at@x", b"eq=x", b"pipe|x", b"gt>x", b"mix \x01'\"", b"wide\xe4\xb8\xad",
       b"comb\xcc\x81", b"plain", b"-dash", b"\x7fdel", b"semi;", b"x\xe2\x80\xa8y", b"bad\xe4\xb8"]
STYLES = ["literal", "shell", "shell-always", "shell-escape", "shell-escape-always", "c", "escape",
          "locale", "clocale"]


@pytest.fixture
def odd(tmp_path):
    d = tmp_path / "odd"
    d.mkdir()
    for n in ODD:
        mkfile(os.path.join(os.fsencode(str(d)), n))
    (d / "sub dir").mkdir()
    (d / "sub:colon").mkdir()
    return str(d)


@pytest.mark.parametrize("locale", ["C", "C.UTF-8"])
@pytest.mark.parametrize("extra", [[], ["-q"], ["-C", "-w", "60"], ["-x", "-F", "-w", "50"], ["-m"],
                                   ["-l", "--time-style=+T"], ["-R"]], ids=" ".join)
def test_odd_names_same_as_gnu(gnu, inproc, odd, locale, extra):
    gnu("ls")
    for style in STYLES:
        args = ["--quoting-style=" + style] + extra
        exp = _gnu_ls(args, odd, {"LC_ALL": locale})
        with cwd(odd):
            got = inproc("ls", *args, env={"LC_ALL": locale, "TZ": "UTC"})
        assert (got.out, got.err, got.status) == exp, style


COLOR_SETS = ["di=01;34:ln=target:or=31:mi=05;31", "no=32:fi=33:ex=35:rs=1:ec=E",
              "*.txt=31:*.TXT=32:mh=44:su=1:sg=2:tw=3:ow=4:st=5", "ln=01;36:or=40;31;01:*.gz=1",
              "di=:fi=0:lc=<:rc=>", "di=\\e[1\\x41^[:cl=X"]


@pytest.mark.parametrize("colors", COLOR_SETS)
def test_colors_same_as_gnu(gnu, inproc, tree, colors):
    gnu("ls")
    t = tree
    os.chmod(os.path.join(t, "b.txt"), 0o4644)
    os.mkdir(os.path.join(t, "sticky"))
    os.chmod(os.path.join(t, "sticky"), 0o1777)
    os.mkdir(os.path.join(t, "other"))
    os.chmod(os.path.join(t, "other"), 0o777)
    os.link(os.path.join(t, "file9"), os.path.join(t, "hard"))
    os.mkfifo(os.path.join(t, "fifo"))
    for args in ([], ["-l", "--time-style=+T"], ["-F", "-C", "-w", "30"], ["-lF", "--time-style=+T"]):
        a = ["--color=always"] + args
        exp = _gnu_ls(a, t, {"LS_COLORS": colors})
        with cwd(t):
            got = inproc("ls", *a, env={"LS_COLORS": colors, "TZ": "UTC"})
        assert (got.out, got.err, got.status) == exp, args


_name = st.binary(min_size=1, max_size=12).filter(
    lambda b: b"/" not in b and b"\0" not in b and b not in (b".", b".."))


@settings(max_examples=25)
@given(names=st.sets(_name, min_size=1, max_size=8),
       style=st.sampled_from(STYLES),
       fmt=st.sampled_from([["-C", "-w", "40"], ["-x", "-w", "33"], ["-1"], ["-m", "-w", "25"],
                            ["-lo", "--time-style=+T"], ["-F"], ["-vr"], ["-X"]]),
       locale=st.sampled_from(["C", "C.UTF-8"]))
def test_hypothesis_names_same_as_gnu(gnu, inproc, tmp_path, names, style, fmt, locale):
    gnu("ls")
    import tempfile
    d = tempfile.mkdtemp(dir=str(tmp_path))
    bd = os.fsencode(d)
    for n in names:
        mkfile(os.path.join(bd, n))
    args = ["--quoting-style=" + style] + fmt
    exp = _gnu_ls(args, d, {"LC_ALL": locale})
    with cwd(d):
        got = inproc("ls", *args, env={"LC_ALL": locale, "TZ": "UTC"})
    assert (got.out, got.err, got.status) == exp


def test_version_sort_same_as_gnu(gnu, inproc, tmp_path):
    gnu("ls")
    names = ["a", "a1", "a2", "a10", "a01", "a.1", "a~", "a1~", ".a", "..a", "1.2.3", "1.2.10",
             "1.10", "x.tar.gz", "x.tar", "x-1.0.tar.gz", "x-1.0~rc1.tar.gz", "x-1.0a", "~", "00",
             "0", "B", "b", "a.b.c", "a-.1", "abc.~1~", "z9.z"]
    for n in names:
        mkfile(tmp_path / n)
    exp = _gnu_ls(["-av"], str(tmp_path))
    got = inproc("ls", "-av", str(tmp_path))
    assert got.out == exp[0]


def test_acl_marker(inproc, tmp_path):
    import struct

    def entry(tag, perm, ident=0xFFFFFFFF):
        return struct.pack("<HHI", tag, perm, ident)
    mkfile(tmp_path / "a")
    mkfile(tmp_path / "b")
    acl = struct.pack("<I", 2) + entry(1, 6) + entry(2, 4, 1) + entry(4, 4) + entry(0x10, 4) + entry(0x20, 4)
    try:
        os.setxattr(str(tmp_path / "a"), "system.posix_acl_access", acl)
    except OSError:
        pytest.skip("no POSIX ACLs on this file system")
    r = inproc("ls", "-lgo", "--time-style=+T", str(tmp_path))
    assert r.out == b"total 0\n-rw-r--r--+ 1 0 T a\n-rw-r--r--  1 0 T b\n"
    r = inproc("ls", "-lgo", "--time-style=+T", str(tmp_path / "b"))
    assert r.out == b"-rw-r--r-- 1 0 T %s\n" % os.fsencode(str(tmp_path / "b"))
