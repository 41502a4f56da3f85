"""join: pairing, unpaired lines (-a, -v), -e, -o (lists, 0, auto), -t,
-i, -1/-2/-j (with the obsolete -j1 FIELD), --header, the order checks and
their messages, -z, the operand and option errors, and differential tests
against GNU join on generated sorted inputs."""
import os
import subprocess

import pytest
from hypothesis import given, strategies as st

from conftest import child_env


@pytest.fixture
def d(tmp_path):
    files = {
        "a": b"a 1\nb 2\nc 3\n",
        "b": b"a x\nc z\nd w\n",
        "u": b"b 1\na 2\n",
        "t1": b"a b \nb c\n",
        "t2": b"a x\nb y\n",
        "dup1": b"k 1\nk 2\nm 3\n",
        "dup2": b"k x\nk y\nm z\n",
        "c1": b"k:1:\nm::2\n",
        "c2": b"k:x\nm:y\n",
        "h1": b"ID NAME\n1 ann\n2 bob\n",
        "h2": b"ID AGE\n2 30\n3 40\n",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return str(tmp_path)


@pytest.mark.parametrize("args, expected", [
    (["a", "b"], b"a 1 x\nc 3 z\n"),
    (["-a1", "a", "b"], b"a 1 x\nb 2\nc 3 z\n"),
    (["-a2", "a", "b"], b"a 1 x\nc 3 z\nd w\n"),
    (["-a1", "-a2", "a", "b"], b"a 1 x\nb 2\nc 3 z\nd w\n"),
    (["-v1", "a", "b"], b"b 2\n"),
    (["-v2", "a", "b"], b"d w\n"),
    (["-v1", "-v2", "a", "b"], b"b 2\nd w\n"),
    (["-a1", "-a2", "-e", "E", "-o", "auto", "a", "b"], b"a 1 x\nb 2 E\nc 3 z\nd E w\n"),
    (["-a1", "-o", "1.1,2.5,0", "-e", "E", "a", "b"], b"a E a\nb E b\nc E c\n"),
    (["-o", "2.2", "1.2", "a", "b"], b"x 1\nz 3\n"),
    (["-o", "0 2.1\t1.2", "a", "b"], b"a a 1\nc c 3\n"),
    (["-a2", "-o", "0", "a", "b"], b"a\nc\nd\n"),
    (["dup1", "dup2"], b"k 1 x\nk 1 y\nk 2 x\nk 2 y\nm 3 z\n"),
    (["t1", "t2"], b"a b  x\nb c y\n"),
    (["-e", "E", "t1", "t2"], b"a b E x\nb c y\n"),
    (["-t", ":", "c1", "c2"], b"k:1::x\nm::2:y\n"),
    (["-t", ":", "-e", "-", "c1", "c2"], b"k:1:-:x\nm:-:2:y\n"),
    (["-t", "", "a", "a"], b"a 1\nb 2\nc 3\n"),
    (["--header", "h1", "h2"], b"ID NAME AGE\n2 bob 30\n"),
    (["--header", "-a1", "-a2", "-o", "auto", "-e", "-", "h1", "h2"],
     b"ID NAME AGE\n1 ann -\n2 bob 30\n3 - 40\n"),
    (["-j", "1", "a", "b"], b"a 1 x\nc 3 z\n"),
    (["-j1", "a", "b"], b"a 1 x\nc 3 z\n"),
    (["-i", "a", "-"], b"a 1 Q\n"),
])
def test_join(run, d, args, expected):
    r = run("join", *args, cwd=d, stdin=b"A Q\n")
    assert (r.out, r.err, r.status) == (expected, b"", 0)


def test_obsolete_forms(inproc, d):
    a, b = os.path.join(d, "a"), os.path.join(d, "b")
    # -j1 FIELD means -1 FIELD; an -o list may go on in the next arguments.
    assert tuple(inproc("join", "-j1", "2", a, b)) == (b"", b"", 0)
    assert tuple(inproc("join", "-j2", "1", a, b)) == (b"a 1 x\nc 3 z\n", b"", 0)
    assert tuple(inproc("join", "-o", "1.1", "2.2", "0", a, b)) == (b"a x a\nc z c\n", b"", 0)
    r = inproc("join", "-o", "1.1", "2.2", a, b, b)
    assert (r.err, r.status) == (b"join: invalid file number in field spec: '%s'\n" % a.encode(), 1)
    r = inproc("join", a, b, b)
    assert (r.err, r.status) == (b"join: extra operand '%s'\nTry 'join --help' for more information.\n"
                                 % b.encode(), 1)


def test_stdin_and_zero_terminated(inproc, d):
    b = os.path.join(d, "b")
    assert inproc("join", "-", b, stdin=b"a 1\nd 4").out == b"a 1 x\nd 4 w\n"
    assert inproc("join", "-z", "-", "-", stdin=b"").err.startswith(b"join: both files cannot be")
    # With -z, newlines are blanks between fields.
    r = inproc("join", "-z", "-", os.path.join(d, "a"), stdin=b"a q\0b r\0")
    assert r.out == b"a q 1 b 2 c 3 \0"
    z = os.path.join(d, "z")
    with open(z, "wb") as f:
        f.write(b"a\nx 1\0b 2\0")
    assert inproc("join", "-z", z, z).out == b"a x 1 x 1\0b 2 2\0"


def test_lines_longer_than_a_chunk(inproc, tmp_path):
    (tmp_path / "l1").write_bytes(b"k " + b"x" * 1000000 + b"\nm 1\n")
    (tmp_path / "l2").write_bytes(b"k y\nm z\n")
    r = inproc("join", str(tmp_path / "l1"), str(tmp_path / "l2"))
    assert tuple(r) == (b"k " + b"x" * 1000000 + b" y\nm 1 z\n", b"", 0)


def test_both_stdin(inproc):
    assert tuple(inproc("join", "-", "-")) == (b"", b"join: both files cannot be standard input\n", 1)
    r = inproc("join", "-", "-", env={"LC_ALL": "C.UTF-8"})
    assert r.err == b"join: both files cannot be standard input: No such file or directory\n"


def test_order_checks(inproc, d):
    u, b, a = os.path.join(d, "u"), os.path.join(d, "b"), os.path.join(d, "a")
    r = inproc("join", u, b)
    assert tuple(r) == (b"", ("join: %s:2: is not sorted: a 2\njoin: input is not in sorted order\n"
                              % u).encode(), 1)
    r = inproc("join", "--check-order", u, b)
    assert tuple(r) == (b"", ("join: %s:2: is not sorted: a 2\n" % u).encode(), 1)
    assert tuple(inproc("join", "--nocheck-order", u, b)) == (b"", b"", 0)
    # Unsorted but all lines pairable: no complaint by default.
    assert tuple(inproc("join", u, u)) == (b"b 1 1\na 2 2\n", b"", 0)
    r = inproc("join", "--check-order", u, u)
    assert tuple(r) == (b"", ("join: %s:2: is not sorted: a 2\n" % u).encode(), 1)
    h1, h2 = os.path.join(d, "h1"), os.path.join(d, "h2")
    r = inproc("join", "-1", "2", "-2", "1", h2, h1)
    assert tuple(r) == (b"", ("join: %s:2: is not sorted: 1 ann\njoin: input is not in sorted order\n"
                              % h1).encode(), 1)
    assert tuple(inproc("join", "--check-order", a, b)) == (b"a 1 x\nc 3 z\n", b"", 0)


def test_not_sorted_message_stops_at_nul(inproc, d):
    f = os.path.join(d, "nul")
    with open(f, "wb") as out:
        out.write(b"b 1\na\0z 2\n")
    r = inproc("join", "--check-order", f, os.path.join(d, "b"))
    assert r.err == ("join: %s:2: is not sorted: a\n" % f).encode()


@pytest.mark.parametrize("args, err", [
    (["-a", "3", "a", "b"], "invalid field number: '3'"),
    (["-v", "x", "a", "b"], "invalid field number: 'x'"),
    (["-1", "0", "a", "b"], "invalid field number: '0'"),
    (["-2", "1x", "a", "b"], "invalid field number: '1x'"),
    (["-j", "1", "-1", "2", "a", "b"], "incompatible join fields 1, 2"),
    (["-o", "3.1", "a", "b"], "invalid file number in field spec: '3.1'"),
    (["-o", "1.0", "a", "b"], "invalid field number: '0'"),
    (["-o", "1", "a", "b"], "invalid field specifier: '1'"),
    (["-o", "0.1", "a", "b"], "invalid field specifier: '0.1'"),
    (["-o", "1.1,", "a", "b"], "invalid file number in field spec: ''"),
    (["-e", "x", "-e", "y", "a", "b"], "conflicting empty-field replacement strings"),
    (["-t", "ab", "a", "b"], "multi-character tab 'ab'"),
    (["-t", "a", "-t", "b", "a", "b"], "incompatible tabs"),
    (["nope", "a"], "nope: No such file or directory"),
    (["a", "nope"], "nope: No such file or directory"),
    (["dir", "a"], "read error: Is a directory"),
])
def test_errors(run, d, args, err):
    os.makedirs(os.path.join(d, "dir"), exist_ok=True)
    r = run("join", *args, cwd=d)
    assert (r.out, r.err.decode(), r.status) == (b"", "join: %s\n" % err, 1)


@pytest.mark.parametrize("args, err", [
    ([], "missing operand"),
    (["a"], "missing operand after 'a'"),
    (["-x", "a", "b"], "invalid option -- 'x'"),
    (["--bogus", "a", "b"], "unrecognized option '--bogus'"),
    (["--he", "a", "b"], "option '--he' is ambiguous; possibilities: '--header' '--help'"),
    (["a", "b", "c"], "extra operand 'c'"),
    (["-a"], "option requires an argument -- 'a'"),
])
def test_usage_errors(run, d, args, err):
    r = run("join", *args, cwd=d)
    assert (r.out, r.err.decode(), r.status) == (
        b"", "join: %s\nTry 'join --help' for more information.\n" % err, 1)


def test_write_error(sh, d):
    r = sh("join a a > /dev/full", cwd=d)
    assert (r.err, r.status) == (b"join: write error: No space left on device\n", 1)


def test_help_and_version(run):
    r = run("join", "--help")
    assert r.status == 0 and r.out.startswith(b"Usage: join [OPTION]... FILE1 FILE2\n")
    assert b"--nocheck-order" in r.out and b"--header" in r.out and b"-z, --zero-terminated" in r.out
    assert run("join", "--version").out.startswith(b"join (pybox)")


def test_utf8_locale_quotes(inproc):
    r = inproc("join", "-a", "x", "p", "q", env={"LC_ALL": "C.UTF-8"})
    assert r.err.decode() == "join: invalid field number: \u2018x\u2019\n"


# -- differential tests against GNU join ---------------------------------------------

VALUES = [b"a", b"b", b"B", b"c", b"", b"1", b"10", b"x y", b"A"]


@st.composite
def join_case(draw):
    sep = draw(st.sampled_from([None, None, b":", b","]))
    ic = draw(st.booleans())

    def lines():
        out = []
        for _ in range(draw(st.integers(0, 7))):
            fields = draw(st.lists(st.sampled_from(VALUES), max_size=4))
            if sep is None:
                out.append(draw(st.sampled_from([b"", b" "])) + draw(st.sampled_from([b" ", b"\t", b"  "])).join(fields)
                           + draw(st.sampled_from([b"", b"", b" "])))
            else:
                out.append(sep.join(fields))
        return out
    args = []
    if sep:
        args += ["-t", sep.decode()]
    j1 = j2 = 1
    mode = draw(st.sampled_from(["", "12", "j"]))
    if mode == "12":
        j1, j2 = draw(st.integers(1, 3)), draw(st.integers(1, 3))
        args += ["-1", str(j1), "-2", str(j2)]
    elif mode == "j":
        j1 = j2 = draw(st.integers(1, 3))
        args += ["-j", str(j1)]
    if ic:
        args.append("-i")
    args += draw(st.lists(st.sampled_from(["-a1", "-a2", "-v1", "-v2", "--header", "--check-order",
                                           "--nocheck-order", "-eX", "-oauto", "-o0,1.2,2.2", "-z"]),
                          max_size=3, unique=True))
    return sep, ic, j1, j2, lines(), lines(), args, draw(st.booleans())


@given(case=join_case())
def test_differential(gnu, inproc, tmp_path, case):
    sep, ic, j1, j2, l1, l2, args, presort = case
    env = child_env({"LC_ALL": "C"})

    def prepare(lines, field):
        data = b"".join(x + b"\n" for x in lines)
        if presort:
            sargs = ["sort", "-k%d,%d" % (field, field)] + (["-t", sep.decode()] if sep else ["-b"])
            sargs += ["-f"] if ic else []
            data = subprocess.run(sargs, input=data, capture_output=True, env=env).stdout
        if "-z" in args:
            data = data.replace(b"\n", b"\0")
        return data
    (tmp_path / "f1").write_bytes(prepare(l1, j1))
    (tmp_path / "f2").write_bytes(prepare(l2, j2))
    full = args + [str(tmp_path / "f1"), str(tmp_path / "f2")]
    p = subprocess.run(["join"] + full, executable=gnu("join"), capture_output=True, env=env)
    assert tuple(inproc("join", *full)) == (p.stdout, p.stderr, p.returncode), full


@pytest.fixture(scope="session")
def en_us():
    """{"LOCPATH": dir, "LC_ALL": "en_US.UTF-8"} for a compiled en_US.UTF-8,
    built once with localedef and kept in the temporary directory."""
    import shutil
    import tempfile
    base = os.path.join(tempfile.gettempdir(), "pybox-test-locales")
    target = os.path.join(base, "en_US.UTF-8")
    if not os.path.isdir(target):
        if not shutil.which("localedef") or not os.path.exists("/usr/share/i18n/locales/en_US"):
            pytest.skip("localedef or the en_US locale source is missing")
        os.makedirs(base, exist_ok=True)
        p = subprocess.run(["localedef", "-i", "en_US", "-f", "UTF-8", target], capture_output=True)
        if not os.path.isdir(target):
            pytest.skip("localedef failed: %r" % p.stderr[-200:])
    return {"LOCPATH": base, "LC_ALL": "en_US.UTF-8"}


@pytest.mark.parametrize("args", [[], ["-i"], ["-a1", "-a2"], ["--check-order"], ["-v2", "-e", "E", "-o", "auto"]])
def test_real_utf8_locale_matches_gnu(gnu, inproc, tmp_path, en_us, args):
    env = child_env(en_us)
    f1 = subprocess.run(["sort", "-k1,1"], executable=gnu("sort"), input=b"a 1\nB 2\nb 3\n\xc3\xa9 4\ne 5\n",
                        capture_output=True, env=env).stdout
    f2 = subprocess.run(["sort", "-k1,1"], executable=gnu("sort"), input=b"A x\nb y\nE z\n\xc3\xa9 w\n",
                        capture_output=True, env=env).stdout
    (tmp_path / "f1").write_bytes(f1)
    (tmp_path / "f2").write_bytes(f2)
    full = args + [str(tmp_path / "f1"), str(tmp_path / "f2")]
    p = subprocess.run(["join"] + full, executable=gnu("join"), capture_output=True, env=env)
    assert tuple(inproc("join", *full, env=en_us)) == (p.stdout, p.stderr, p.returncode)
    assert p.stdout  # the locale's order pairs these lines
