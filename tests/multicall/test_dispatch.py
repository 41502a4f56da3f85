"""The dispatcher through the real entry point: applet by argv[0], pybox's
own options, --install, the registry, start-up imports, SIGPIPE and the
error format."""
import importlib
import os
import pkgutil
import subprocess
import sys

import pytest

from conftest import PYBOX, child_env, run_argv
from multicall import VERSION, errors
from multicall.registry import APPLETS

NAMES = sorted(APPLETS)


def test_list():
    r = run_argv([PYBOX, "--list"])
    assert r.status == 0 and r.err == b""
    assert r.out == "".join(n + "\n" for n in NAMES).encode()


def test_list_through_link(bindir):
    r = run_argv([os.path.join(bindir, "pybox"), "--list"])
    assert r.out.decode().split("\n")[:-1] == NAMES and r.status == 0


def test_list_full():
    r = run_argv([PYBOX, "--list-full"])
    assert r.status == 0 and r.err == b""
    lines = r.out.decode().split("\n")
    assert lines[-1] == ""
    assert lines[:-1] == ["%s/%s" % (APPLETS[n][1], n) for n in NAMES]
    assert "bin/cat" in lines and "usr/bin/head" in lines and "bin/echo" in lines


def test_banner_without_arguments():
    r = run_argv([PYBOX])
    assert r.status == 0 and r.err == b""
    text = r.out.decode()
    assert text.startswith("pybox %s" % VERSION)
    head, sep, listing = text.partition("Currently defined functions:\n")
    assert sep
    assert "Usage: pybox [function [arguments]...]" in head
    assert " ".join(listing.split()) == ", ".join(NAMES)
    assert all(len(line.expandtabs()) < 80 for line in text.split("\n"))


def test_help_without_applet_is_banner():
    assert run_argv([PYBOX, "--help"]).out == run_argv([PYBOX]).out


def test_version():
    assert tuple(run_argv([PYBOX, "--version"])) == (("pybox %s\n" % VERSION).encode(), b"", 0)


def test_help_for_applet(run):
    r = run_argv([PYBOX, "--help", "cat"])
    assert r.status == 0 and r.err == b""
    assert r.out.startswith(b"Usage: cat [OPTION]... [FILE]...\n")
    assert r.out == run("cat", "--help").out


def test_help_for_unknown_applet():
    assert tuple(run_argv([PYBOX, "--help", "nosuch"])) == (b"", b"nosuch: applet not found\n", 127)


def test_bad_pybox_option():
    r = run_argv([PYBOX, "--bogus"])
    assert (r.out, r.status) == (b"", 1)
    assert r.err == b"pybox: unrecognized option '--bogus'\nTry 'pybox --help' for more information.\n"
    r = run_argv([PYBOX, "-z"])
    assert r.err == b"pybox: invalid option -- 'z'\nTry 'pybox --help' for more information.\n"


@pytest.mark.parametrize("name", NAMES)
def test_every_applet_answers_version(name, via, run):
    r = run(name, "--version", via=via)
    assert r.status == (1 if name == "false" else 0) and r.err == b""
    if name == "test":  # GNU: `test --version` is a true one-word expression
        assert r.out == b""
        return
    assert r.out == ("%s (pybox) %s\n" % (name, VERSION)).encode()


def test_symlink_dispatch(run):
    assert tuple(run("echo", "a", "b")) == (b"a b\n", b"", 0)
    assert tuple(run("cat", stdin=b"data")) == (b"data", b"", 0)


def test_pybox_applet(run):
    assert tuple(run("echo", "a", "b", via="pybox")) == (b"a b\n", b"", 0)
    assert tuple(run_argv([PYBOX, "cat"], stdin=b"xyz")) == (b"xyz", b"", 0)


def test_pybox_applet_given_as_path():
    # `pybox /bin/echo x` runs echo, as BusyBox does with a path in argv[1].
    assert tuple(run_argv([PYBOX, "/bin/echo", "x"])) == (b"x\n", b"", 0)


def test_leading_dash_stripped(tmp_path):
    link = tmp_path / "-echo"
    os.symlink(PYBOX, str(link))
    r = run_argv([str(link), "login", "style"])
    assert tuple(r) == (b"login style\n", b"", 0)


def test_any_name_ending_in_box(tmp_path):
    link = tmp_path / "mybox"
    os.symlink(PYBOX, str(link))
    assert tuple(run_argv([str(link), "echo", "from", "mybox"])) == (b"from mybox\n", b"", 0)
    assert run_argv([str(link), "--list"]).out == run_argv([PYBOX, "--list"]).out


def test_unknown_applet_via_link(tmp_path):
    link = tmp_path / "nosuch"
    os.symlink(PYBOX, str(link))
    assert tuple(run_argv([str(link), "x"])) == (b"", b"nosuch: applet not found\n", 127)


def test_unknown_applet_via_pybox():
    assert tuple(run_argv([PYBOX, "nosuch", "x"])) == (b"", b"nosuch: applet not found\n", 127)


def test_install_symlinks(tmp_path):
    dest = tmp_path / "inst"
    dest.mkdir()
    r = run_argv([PYBOX, "--install", "-s", str(dest)])
    assert tuple(r) == (b"", b"", 0)
    assert sorted(os.listdir(str(dest))) == NAMES
    for name in NAMES:
        path = str(dest / name)
        assert os.path.islink(path)
        assert os.path.realpath(path) == os.path.realpath(PYBOX)
    assert tuple(run_argv([str(dest / "echo"), "hi"])) == (b"hi\n", b"", 0)
    assert tuple(run_argv([str(dest / "cat")], stdin=b"abc")) == (b"abc", b"", 0)
    assert run_argv([str(dest / "false")]).status == 1
    # Installing again leaves the existing links alone and succeeds.
    assert tuple(run_argv([PYBOX, "--install", "-s", str(dest)])) == (b"", b"", 0)


def test_install_through_a_link(tmp_path):
    dest = tmp_path / "inst"
    dest.mkdir()
    link = tmp_path / "pybox"
    os.symlink(PYBOX, str(link))
    assert run_argv([str(link), "--install", "-s", str(dest)]).status == 0
    assert os.path.realpath(str(dest / "true")) == os.path.realpath(PYBOX)
    assert tuple(run_argv([str(dest / "basename"), "/a/b"])) == (b"b\n", b"", 0)


def test_install_extra_operand(tmp_path):
    r = run_argv([PYBOX, "--install", "-s", str(tmp_path), "other"])
    assert r.status == 1
    assert r.err == b"pybox: extra operand 'other'\nTry 'pybox --help' for more information.\n"
    assert os.listdir(str(tmp_path)) == []


def test_install_into_missing_directory(tmp_path):
    missing = tmp_path / "no" / "such"
    r = run_argv([PYBOX, "--install", "-s", str(missing)])
    assert r.status == 1
    lines = r.err.decode().split("\n")
    assert lines[-1] == ""
    assert len(lines) - 1 == len(NAMES)
    plain = [i for i, n in enumerate(NAMES) if n.isalnum()][0]  # (`[` is quoted)
    assert lines[plain] == "pybox: %s/%s: No such file or directory" % (missing, NAMES[plain])


# -- the registry ------------------------------------------------------------------

def test_registry_entries_are_well_formed():
    for name, entry in APPLETS.items():
        module, where, inproc = entry
        assert name and "/" not in name and not name.startswith("-")
        assert module.startswith("applets.") and module.count(".") == 2
        assert where in ("bin", "sbin", "usr/bin", "usr/sbin")
        assert inproc in (True, False)


@pytest.mark.parametrize("name", NAMES)
def test_registry_module_has_main(name):
    mod = importlib.import_module(APPLETS[name][0])
    assert callable(getattr(mod, "main", None))


def applet_modules():
    """Every applet module under applets/ (the leaves; a package applet
    counts once, by its package name)."""
    import applets
    found = set()
    for info in pkgutil.walk_packages(applets.__path__, "applets."):
        parts = info.name.split(".")
        if parts[-1] == "__init__" or len(parts) < 3:
            continue
        # applets.<folder>.<applet>[.<submodule>...]: the applet is parts[:3].
        found.add(".".join(parts[:3]))
    return found


def test_every_applet_module_is_registered():
    registered = {entry[0] for entry in APPLETS.values()}
    assert applet_modules() - registered == set()
    assert registered - applet_modules() == set()


# -- start-up cost ---------------------------------------------------------------------

HEAVY = {"re", "argparse", "subprocess", "shutil", "pathlib", "locale", "typing", "enum", "signal"}


def imported_modules(args):
    p = subprocess.run([sys.executable, "-I", "-S", "-X", "importtime", PYBOX] + args,
                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=child_env(), timeout=60)
    assert p.returncode == 0, p.stderr
    names = set()
    for line in p.stderr.decode().splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name != "imported package":
                names.add(name)
    assert names, p.stderr
    return names


def test_true_imports_one_applet():
    names = imported_modules(["true"])
    assert {n for n in names if n == "applets" or n.startswith("applets.")} == \
        {"applets", "applets.coreutils", "applets.coreutils.true"}
    assert "multicall.main" in names


@pytest.mark.parametrize("args", [["true"], ["echo", "x"], ["cat", "/dev/null"], ["head", "/dev/null"]])
def test_no_heavy_imports(args):
    names = imported_modules(args)
    assert names & HEAVY == set()
    applet = "applets.coreutils." + args[0]
    assert {n for n in names if n.startswith("applets.")} == {"applets.coreutils", applet}


# -- SIGPIPE, errors ---------------------------------------------------------------------

def test_yes_into_head(sh, bindir):
    r = sh("pybox yes | head -n 1")
    assert tuple(r) == (b"y\n", b"", 0)
    r = sh("%s/yes | /usr/bin/head -n 1" % bindir)
    assert tuple(r) == (b"y\n", b"", 0)


def test_pipe_writer_dies_of_sigpipe(sh, tmp_path):
    big = tmp_path / "big"
    big.write_bytes(b"line\n" * 2000000)  # 10 MB: more than any pipe buffer
    # Every writer writes more than the reader's pipe can hold, even grown.
    for cmd in ("cat big", "cat -A big", "head -n 1000000 big", "echo x; yes", "tee < big"):
        r = sh("{ %s; echo $? >&2; } | head -c 3" % cmd, cwd=str(tmp_path))
        if cmd.startswith("echo"):
            assert tuple(r) == (b"x\ny", b"141\n", 0), cmd
        else:
            assert tuple(r) == (b"lin", b"141\n", 0), cmd


def test_sigpipe_in_pybox_form(sh):
    r = sh("{ pybox yes abc; echo $? >&2; } | pybox head -c 5")
    assert tuple(r) == (b"abc\na", b"141\n", 0)


BAD_INPUTS = [
    ("cat", [b"\xff\xfe"]),
    ("cat", ["-"]),
    ("cat", ["/"]),
    ("cat", ["-v", "/"]),
    ("head", ["-c", "99999999999999999999999999", "/dev/null"]),
    ("head", ["-n", "-99999999999999999999999999", "/dev/null"]),
    ("head", ["-n", "1e999"]),
    ("head", ["-c", "\udcff"]),
    ("head", ["/"]),
    ("head", ["-999999999999999999999999999999"]),
    ("tee", ["/"]),
    ("basename", [b"\xff/\xfe", b"\xfe"]),
    ("dirname", [b"\x80/x"]),
    ("echo", ["-e", "\\x", "\\0", "\\", "\\777", b"\xff"]),
    ("pwd", ["-LP", "extra"]),
]


@pytest.mark.parametrize("applet, args", BAD_INPUTS, ids=lambda v: repr(v)[:40])
def test_never_a_traceback(run, applet, args):
    r = run(applet, *args, stdin=b"\x00\xff\n" * 10, timeout=20)
    assert b"Traceback" not in r.err
    assert b"internal error" not in r.err
    for line in r.err.splitlines():
        assert line.startswith(applet.encode() + b": ") or line.startswith(b"Try '")


@pytest.mark.xfail(strict=True, reason="CPython refuses to start when fd 0 is a directory (init_sys_streams: <stdin> is a directory); only a C launcher could get past it")
@pytest.mark.parametrize("applet, args, out, err, status", [
    ("true", [], b"", b"", 0),
    ("echo", ["x"], b"x\n", b"", 0),
    ("cat", [], b"", b"cat: -: Is a directory\n", 1),
    ("head", [], b"", b"head: error reading 'standard input': Is a directory\n", 1),
])
def test_stdin_is_a_directory(run, tmp_path, applet, args, out, err, status):
    # The interpreter must not refuse to start when fd 0 is a directory.
    fd = os.open(str(tmp_path), os.O_RDONLY)
    try:
        r = run(applet, *args, stdin=fd)
    finally:
        os.close(fd)
    assert tuple(r) == (out, err, status)


def test_exception_in_applet_is_one_line(capfd):
    from multicall import main

    def broken(argv):
        raise ValueError("boom")

    def deep(argv):
        return deep(argv)

    assert main.call("demo", broken, ["demo"]) == 1
    assert capfd.readouterr() == ("", "demo: internal error: ValueError: boom\n")
    assert main.call("demo", deep, ["demo"]) == 1
    assert capfd.readouterr() == ("", "demo: input nested too deeply\n")


def test_os_error_in_applet_names_the_file(capfd):
    from multicall import main

    def opener(argv):
        open("/nonexistent/file")

    assert main.call("demo", opener, ["demo"], trouble=2) == 2
    assert capfd.readouterr() == ("", "demo: /nonexistent/file: No such file or directory\n")


def test_error_format(run):
    assert tuple(run("cat", "nope")) == (b"", b"cat: nope: No such file or directory\n", 1)
    assert tuple(run("head", "-n", "x")) == (b"", b"head: invalid number of lines: 'x'\n", 1)


def test_error_is_one_write(monkeypatch):
    writes = []

    class FakePosix:
        @staticmethod
        def write(fd, data):
            writes.append((fd, bytes(data)))
            return len(data)

    monkeypatch.setattr(errors, "posix", FakePosix)
    errors.warn_os("cat", "a file", FileNotFoundError(2, "No such file or directory"))
    assert writes == [(2, b"cat: 'a file': No such file or directory\n")]


def test_error_quoting_in_utf8_locale(run):
    r = run("cat", "a file", env={"LC_ALL": "C.UTF-8"})
    assert r.err == b"cat: 'a file': No such file or directory\n"
    r = run("basename", "a", "b", "c", env={"LC_ALL": "C.UTF-8"})
    assert r.err == ("basename: extra operand \u2018c\u2019\n"
                     "Try 'basename --help' for more information.\n").encode()


@pytest.mark.parametrize("env", [{"LANG": "C"}, {}, {"LC_CTYPE": "POSIX"}, {"LC_CTYPE": "C"},
                                 {"LC_CTYPE": "C.UTF-8"}, {"LANG": "C.UTF-8"}, {"LC_ALL": "C", "LANG": "C"}])
def test_environment_is_not_changed_by_the_interpreter(env):
    """Python coerces a C locale to C.UTF-8 by setting LC_CTYPE in its own
    environment (PEP 538); pybox puts back what it was started with, so
    `env` prints what GNU's does and commands inherit the caller's locale."""
    base = {"PATH": "/usr/bin:/bin"}
    base.update(env)
    interp = os.path.realpath(sys.executable)
    ours = subprocess.run([interp, "-I", "-S", PYBOX, "env"], env=base, capture_output=True)
    gnu = subprocess.run(["/usr/bin/env"], env=base, capture_output=True)
    assert (ours.stdout, ours.returncode) == (gnu.stdout, 0)
    sh = subprocess.run([interp, "-I", "-S", PYBOX, "sh", "-c", "exec /usr/bin/env"], env=base,
                        capture_output=True)
    assert sh.stdout == gnu.stdout
