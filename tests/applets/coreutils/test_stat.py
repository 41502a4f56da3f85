"""stat: every file and file-system directive, printf-style flags, the
default and terse outputs, --printf escapes, %N quoting styles, errors,
special files, and differential tests against GNU stat (TZ=UTC, LC_ALL=C)."""
import os

import pytest
from hypothesis import given, settings, strategies as st

ENV = {"TZ": "UTC"}
FILE_DIRECTIVES = "a A b B d D f F g G h i m n N o s r R t T u U w W x X y Y z Z".split() + \
    ["Hd", "Ld", "Hr", "Lr"]
FS_STABLE = "i l n s S t T".split()


@pytest.fixture
def d(tmp_path):
    (tmp_path / "file").write_bytes(b"hello\n")
    (tmp_path / "empty").write_bytes(b"")
    (tmp_path / "dir").mkdir()
    os.symlink("file", str(tmp_path / "link"))
    os.symlink("nowhere", str(tmp_path / "dangling"))
    os.symlink("loop2", str(tmp_path / "loop1"))
    os.symlink("loop1", str(tmp_path / "loop2"))
    os.mkfifo(str(tmp_path / "fifo"))
    with open(str(tmp_path / "sparse"), "wb") as f:
        f.truncate(1 << 20)
        f.write(b"x")
    with open(os.path.join(os.fsencode(str(tmp_path)), b"bad\xffname"), "wb") as f:
        f.write(b"z")
    # readlink updates a link's atime under relatime unless it is ahead of
    # its ctime: put it in the future so that runs do not disturb each other
    import time
    future = int(time.time() + 86400) * 10 ** 9
    for name in ("link", "dangling", "loop1", "loop2"):
        os.utime(str(tmp_path / name), ns=(future, future), follow_symlinks=False)
    os.chmod(str(tmp_path / "file"), 0o4751)
    os.utime(str(tmp_path / "file"), ns=(1234567890123456789, 987654321000000001))
    return tmp_path


NAMES = ["file", "empty", "dir", "link", "dangling", "fifo", "sparse", b"bad\xffname", "/dev/null"]


def test_format_every_directive_matches_gnu(d, run, run_gnu):
    fmt = "|".join("%" + x for x in FILE_DIRECTIVES)
    for name in NAMES:
        for extra in ([], ["-L"]):
            args = extra + ["-c", fmt, name]
            if name == "dangling" and extra:
                continue
            if name in ("link", "dangling") and not extra:
                # (reading a link moves its atime on this strictatime mount)
                args[-2] = fmt.replace("%x|", "").replace("%X|", "")
            assert run("stat", *args, cwd=str(d), env=ENV) == run_gnu("stat", *args, cwd=str(d), env=ENV), args


def _no_atime(out):
    return b"\n".join(x for x in out.split(b"\n") if not x.startswith(b"Access: 2"))


def test_default_and_terse_match_gnu(d, run, run_gnu):
    for name in NAMES:
        for args in ([name], ["-t", name]):
            a = run("stat", *args, cwd=str(d), env=ENV)
            b = run_gnu("stat", *args, cwd=str(d), env=ENV)
            if name in ("link", "dangling"):
                a.out, b.out = _no_atime(a.out), _no_atime(b.out)
                if args[0] == "-t":
                    a.out, b.out = a.out.split()[:11], b.out.split()[:11]
            assert a == b, args
    assert run("stat", "-L", "link", "file", cwd=str(d), env=ENV) == \
        run_gnu("stat", "-L", "link", "file", cwd=str(d), env=ENV)


def test_exact_values(d, run):
    os.utime(str(d / "empty"), ns=(0, 5))
    r = run("stat", "-c", "%F|%a|%A|%s|%x|%y|%X|%.3Y|%.Y", "empty", "file", cwd=str(d), env=ENV)
    assert r.out == (b"regular empty file|644|-rw-r--r--|0|1970-01-01 00:00:00.000000000 +0000|"
                     b"1970-01-01 00:00:00.000000005 +0000|0|0.000|0.000000005\n"
                     b"regular file|4751|-rwsr-x--x|6|2009-02-13 23:31:30.123456789 +0000|"
                     b"2001-04-19 04:25:21.000000001 +0000|1234567890|987654321.000|987654321.000000001\n")
    assert r.status == 0


def test_long_output_lines(d, run):
    r = run("stat", "link", cwd=str(d), env=ENV)
    lines = r.out.split(b"\n")
    assert lines[0] == b"  File: link -> file"
    assert lines[1].startswith(b"  Size: 4         \tBlocks: ")
    assert lines[1].endswith(b"symbolic link")
    assert lines[3].startswith(b"Access: (0777/lrwxrwxrwx)  Uid: (")
    assert lines[7].startswith(b" Birth: ")
    r = run("stat", "/dev/null", env=ENV)
    assert b"Device type: 1,3\n" in r.out


FLAGS = st.sampled_from(["", "-", "0", "+", " ", "#", "-0", "'", "+-", "#0"])
WIDTH = st.sampled_from(["", "1", "5", "12", "20", "0"])
PREC = st.sampled_from([None, "", "0", "1", "3", "9", "12"])


@settings(max_examples=60)
@given(flags=FLAGS, width=WIDTH, prec=PREC, ch=st.sampled_from(FILE_DIRECTIVES))
def test_flags_width_precision_like_gnu(d, inproc, run_gnu, flags, width, prec, ch):
    spec = "%" + flags + width + ("" if prec is None else "." + prec) + ch
    fmt = "[" + spec + "]"
    args = ["-c", fmt, str(d / "file"), str(d / "fifo"), "/dev/null"]
    assert tuple(inproc("stat", *args, env=ENV)) == tuple(run_gnu("stat", *args, env=ENV)), spec


def test_negative_times_and_epoch_precision(d, same_as_gnu):
    os.utime(str(d / "empty"), ns=(-1500000001, -2))
    for spec in ("%X", "%.3X", "%.9Y", "%12.3X", "%-15.2Y", "%08.1X", "%.X", "%x", "%y"):
        same_as_gnu("stat", "-c", spec, "empty", cwd=str(d), env=ENV)


def test_printf_escapes(d, run, same_as_gnu):
    r = run("stat", "--printf", r"%n\t\x41\101\e\"\\\a\b\f\v\r\n", "file", cwd=str(d))
    assert r.out == b'file\tAA\x1b"\\\a\b\f\v\r\n'
    r = run("stat", "--printf", r"\q%s\n", "empty", "empty", cwd=str(d))
    assert r.out == b"q0\nq0\n" and r.err == b"stat: warning: unrecognized escape '\\q'\n" * 2
    r = run("stat", "--printf", "%s\\", "empty", cwd=str(d))
    assert r.out == b"0\\" and r.err == b"stat: warning: backslash at end of format\n"
    # -c does not interpret escapes, and adds a newline
    assert run("stat", "-c", r"%s\n", "empty", cwd=str(d)).out == b"0\\n\n"
    # the last of -c / --printf wins
    assert run("stat", "-c", "x%s", "--printf", "y%s", "empty", cwd=str(d)).out == b"y0"
    same_as_gnu("stat", "--printf", r"%n\x4g\1234\0\q", "file", cwd=str(d))


def test_percent_and_invalid_directives(d, run, same_as_gnu):
    assert run("stat", "-c", "%%|%q|%|x%", "empty", cwd=str(d)).out == b"%|?|?x%\n"
    r = run("stat", "-c", "a%sb%5%c", "empty", cwd=str(d))
    assert (r.out, r.err, r.status) == (b"a0b", b"stat: '%5%': invalid directive\n", 1)
    same_as_gnu("stat", "-c", "%s%-3", "empty", cwd=str(d))
    same_as_gnu("stat", "-c", "%H|%L|%Hs|%Lx", "empty", cwd=str(d), env=ENV)


@pytest.mark.parametrize("style", ["literal", "shell", "shell-always", "shell-escape",
                                   "shell-escape-always", "c", "escape", "locale", "clocale", "bogus"])
def test_quoting_styles(d, same_as_gnu, style):
    (d / "a b'c").write_bytes(b"")
    for loc in ("C", "C.UTF-8"):
        env = {"QUOTING_STYLE": style, "LC_ALL": loc}
        same_as_gnu("stat", "-c", "%N", "file", "link", "a b'c", b"bad\xffname", cwd=str(d), env=env)
        # without %N in the format the variable is not read
        same_as_gnu("stat", "-c", "%n", "file", cwd=str(d), env=env)


def test_file_system_mode(d, run, run_gnu):
    fmt = "|".join("%" + x for x in FS_STABLE)
    for name in ("file", "/proc", "/dev/null", "/"):
        args = ["-f", "-c", fmt, name]
        assert run("stat", *args, cwd=str(d)) == run_gnu("stat", *args, cwd=str(d))
    r = run("stat", "-f", "-c", "%T|%t|%n|%q", "/proc")
    assert r.out == b"proc|9fa0|/proc|?\n"
    r = run("stat", "-f", "-t", "/proc")
    assert r.out.startswith(b"/proc ") and r.out.split()[3] == b"9fa0"
    r = run("stat", "-f", "/proc")
    assert r.out.startswith(b'  File: "/proc"\n    ID: ') and b"Type: proc\n" in r.out
    # %a %b %c %d %f are numbers GNU also prints (values may move between runs)
    r = run("stat", "-f", "-c", "%a %b %c %d %f %Hd", "/proc")
    assert r.out == b"0 0 0 0 0 ?d\n"


def test_errors(d, run):
    r = run("stat", "nope", "file", "-c", "%n", cwd=str(d))
    assert (r.out, r.err, r.status) == (b"file\n", b"stat: cannot statx 'nope': No such file or directory\n", 1)
    r = run("stat", "-L", "loop1", cwd=str(d))
    assert r.err == b"stat: cannot statx 'loop1': Too many levels of symbolic links\n" and r.status == 1
    r = run("stat", "-L", "dangling", cwd=str(d))
    assert r.err == b"stat: cannot statx 'dangling': No such file or directory\n"
    r = run("stat", "-f", "nope", cwd=str(d))
    assert r.err == b"stat: cannot read file system information for 'nope': No such file or directory\n"
    r = run("stat", "-f", "-")
    assert r.err == b"stat: using '-' to denote standard input does not work in file system mode\n"
    assert r.status == 1
    r = run("stat")
    assert r.err == b"stat: missing operand\nTry 'stat --help' for more information.\n" and r.status == 1
    r = run("stat", "--cached=bogus", "file", cwd=str(d))
    assert r.status == 1 and r.err.startswith(b"stat: invalid argument 'bogus' for '--cached'\n")
    r = run("stat", "-c", "%n", b"bad\xffname", b"gone\xfe", cwd=str(d))
    assert r.out == b"bad\xffname\n"
    assert r.err == b"stat: cannot statx 'gone'$'\\376': No such file or directory\n"
    r = run("stat", "-c", "%C", "file", cwd=str(d))
    assert r.out == b"?\n" and r.status == 1 and b"failed to get security context of 'file'" in r.err


def test_stdin(d, run, run_gnu):
    with open(str(d / "file"), "rb") as f:
        r = run("stat", "-c", "%n %s %F %i", "-", stdin=f)
    assert r.out == b"- 6 regular file %d\n" % os.stat(str(d / "file")).st_ino
    r = run_gnu("stat", "-c", "%n %F", "-", stdin=b"")
    assert run("stat", "-c", "%n %F", "-", stdin=b"").out == r.out == b"- fifo\n"


def test_cached(d, run):
    for mode in ("default", "never", "always", "n", "a"):
        fmt = "%s %i %h %F %y %z %d %D %r %t %T %b %o %u %g %a"
        r = run("stat", "--cached=" + mode, "-c", fmt, "file", "link", "/dev/null", cwd=str(d), env=ENV)
        expect = run("stat", "-c", fmt, "file", "link", "/dev/null", cwd=str(d), env=ENV)
        assert r == expect


def test_mount_point(d, same_as_gnu):
    for name in ("file", "dir", "link", "/dev/null", "/proc/self/status", "/"):
        same_as_gnu("stat", "-c", "%m", name, cwd=str(d))
