"""md5sum (and the digest code shared by the sha*sum applets): output
formats (-b, -t, --tag, -z, escaped names), --check with every option and
message, option conflicts, errors, and differential tests against GNU."""
import hashlib
import os

import pytest
from hypothesis import given, settings, strategies as st

ABC = "900150983cd24fb0d6963f7d28e17f72"


@pytest.fixture
def d(tmp_path):
    (tmp_path / "a").write_bytes(b"abc")
    (tmp_path / "nl\nname").write_bytes(b"x")
    (tmp_path / "back\\slash").write_bytes(b"z")
    (tmp_path / "cr\rname").write_bytes(b"y")
    (tmp_path / "empty").write_bytes(b"")
    (tmp_path / "dir").mkdir()
    return str(tmp_path)


def h(data):
    return hashlib.md5(data).hexdigest()


@pytest.mark.parametrize("args, expected", [
    (["a"], "%s  a\n" % ABC),
    (["-b", "a"], "%s *a\n" % ABC),
    (["--binary", "-t", "a"], "%s  a\n" % ABC),
    (["--tag", "a"], "MD5 (a) = %s\n" % ABC),
    (["-t", "--tag", "a"], "MD5 (a) = %s\n" % ABC),
    (["-z", "a"], "%s  a\0" % ABC),
    (["a", "empty"], "%s  a\n%s  empty\n" % (ABC, h(b""))),
    (["nl\nname"], "\\%s  nl\\nname\n" % h(b"x")),
    (["back\\slash"], "\\%s  back\\\\slash\n" % h(b"z")),
    (["cr\rname"], "\\%s  cr\\rname\n" % h(b"y")),
    (["--tag", "back\\slash"], "\\MD5 (back\\\\slash) = %s\n" % h(b"z")),
    (["-z", "nl\nname"], "%s  nl\nname\0" % h(b"x")),
])
def test_output(run, d, args, expected):
    assert tuple(run("md5sum", *args, cwd=d)) == (expected.encode(), b"", 0)


def test_stdin(run):
    assert tuple(run("md5sum", stdin=b"abc")) == (("%s  -\n" % ABC).encode(), b"", 0)
    assert tuple(run("md5sum", "-", stdin=b"abc")) == (("%s  -\n" % ABC).encode(), b"", 0)


def test_large_file(run, tmp_path):
    data = os.urandom(3 * (1 << 20) + 17)
    (tmp_path / "big").write_bytes(data)
    assert run("md5sum", "big", cwd=str(tmp_path)).out == ("%s  big\n" % h(data)).encode()


def test_errors(run, d):
    r = run("md5sum", "nope", "a", "dir", cwd=d)
    assert r.out == ("%s  a\n" % ABC).encode()
    assert r.err == b"md5sum: nope: No such file or directory\nmd5sum: dir: Is a directory\n"
    assert r.status == 1


@pytest.mark.parametrize("args, message", [
    (["--tag", "-t"], "--tag does not support --text mode"),
    (["-c", "-z"], "the --zero option is not supported when verifying checksums"),
    (["-c", "--tag"], "the --tag option is meaningless when verifying checksums"),
    (["-c", "-b"], "the --binary and --text options are meaningless when verifying checksums"),
    (["--ignore-missing"], "the --ignore-missing option is meaningful only when verifying checksums"),
    (["--status"], "the --status option is meaningful only when verifying checksums"),
    (["-w"], "the --warn option is meaningful only when verifying checksums"),
    (["--quiet"], "the --quiet option is meaningful only when verifying checksums"),
    (["--strict"], "the --strict option is meaningful only when verifying checksums"),
])
def test_conflicts(run, args, message):
    r = run("md5sum", *args)
    assert tuple(r) == (b"", ("md5sum: %s\nTry 'md5sum --help' for more information.\n" % message).encode(), 1)


def write(d, name, text):
    with open(os.path.join(d, name), "wb") as f:
        f.write(text if isinstance(text, bytes) else text.encode())


def test_check_ok_and_messages(run, d):
    write(d, "sums", "%s  a\n#comment\n\n%s  empty\r\nMD5 (a) = %s\n" % (ABC, h(b""), ABC.upper()))
    assert tuple(run("md5sum", "-c", "sums", cwd=d)) == (b"a: OK\nempty: OK\na: OK\n", b"", 0)
    assert tuple(run("md5sum", "--check", "--quiet", "sums", cwd=d)) == (b"", b"", 0)
    assert tuple(run("md5sum", "-c", "--status", "sums", cwd=d)) == (b"", b"", 0)
    assert tuple(run("md5sum", "-c", stdin=open(os.path.join(d, "sums"), "rb"), cwd=d)).__getitem__(2) == 0


def test_check_failures(run, d):
    write(d, "sums", "%s  a\n%s  empty\n%s  gone\ngarbage\n" % ("0" * 32, h(b""), ABC))
    r = run("md5sum", "-c", "sums", cwd=d)
    assert r.out == b"a: FAILED\nempty: OK\ngone: FAILED open or read\n"
    assert r.err == (b"md5sum: gone: No such file or directory\n"
                     b"md5sum: WARNING: 1 line is improperly formatted\n"
                     b"md5sum: WARNING: 1 listed file could not be read\n"
                     b"md5sum: WARNING: 1 computed checksum did NOT match\n")
    assert r.status == 1
    r = run("md5sum", "-c", "--status", "sums", cwd=d)
    assert (r.out, r.err, r.status) == (b"", b"md5sum: gone: No such file or directory\n", 1)
    r = run("md5sum", "-c", "-w", "--quiet", "sums", cwd=d)  # the last one wins
    assert r.out == b"a: FAILED\ngone: FAILED open or read\n"
    assert b"improperly formatted MD5 checksum line" not in r.err
    r = run("md5sum", "-c", "--quiet", "-w", "sums", cwd=d)
    assert r.out == b"a: FAILED\nempty: OK\ngone: FAILED open or read\n"
    assert b"md5sum: sums: 4: improperly formatted MD5 checksum line\n" in r.err


def test_check_plurals_strict_and_ignore_missing(run, d):
    write(d, "sums", "%s  a\nbad\nworse\n" % ABC)
    r = run("md5sum", "-c", "sums", cwd=d)
    assert (r.err, r.status) == (b"md5sum: WARNING: 2 lines are improperly formatted\n", 0)
    assert run("md5sum", "-c", "--strict", "sums", cwd=d).status == 1
    write(d, "miss", "%s  a\n%s  gone\n" % (ABC, ABC))
    assert tuple(run("md5sum", "-c", "--ignore-missing", "miss", cwd=d)) == (b"a: OK\n", b"", 0)
    write(d, "onlymiss", "%s  gone\n" % ABC)
    assert tuple(run("md5sum", "-c", "--ignore-missing", "onlymiss", cwd=d)) == (
        b"", b"md5sum: onlymiss: no file was verified\n", 1)
    write(d, "junk", "junk\n")
    assert tuple(run("md5sum", "-c", "junk", cwd=d)) == (
        b"", b"md5sum: junk: no properly formatted checksum lines found\n", 1)
    assert tuple(run("md5sum", "-c", "nofile", cwd=d)) == (
        b"", b"md5sum: nofile: No such file or directory\n", 1)


def test_check_escaped_names(run, d):
    listing = run("md5sum", "nl\nname", "back\\slash", "cr\rname", "a", cwd=d).out
    write(d, "sums", listing)
    assert tuple(run("md5sum", "-c", "sums", cwd=d)) == (
        b"\\nl\\nname: OK\nback\\slash: OK\ncr\rname: OK\na: OK\n", b"", 0)


def test_check_stdin_dash_line_is_misformatted(run, d):
    r = run("md5sum", "-c", stdin=("%s  -\n" % ABC).encode(), cwd=d)
    assert r.err == b"md5sum: 'standard input': no properly formatted checksum lines found\n"


CHECK_LINES = st.lists(st.sampled_from([
    ABC + "  a", ABC + " *a", "MD5 (a) = " + ABC, "MD5(a)= " + ABC, ABC.upper() + "  a", "0" * 32 + "  a",
    ABC + "  gone", "\\" + ABC + "  a", "\\" + h(b"z") + "  back\\\\slash", ABC + "  ", ABC + " a",
    "MD5 (a) =" + ABC, "# comment", "", "junk", ABC[:-1] + "  a", " " + ABC + "  a", ABC + "\ta",
]), max_size=6)


@settings(max_examples=40)
@given(CHECK_LINES, st.sampled_from([[], ["--quiet"], ["--status"], ["-w"], ["--strict"], ["--ignore-missing"]]))
def test_check_same_as_gnu(inproc, run_gnu, d, lines, opts):
    text = "".join(line + "\n" for line in lines).encode()
    write(d, "sums", text)
    old = os.getcwd()
    os.chdir(d)
    try:
        got = inproc("md5sum", "-c", *opts, "sums")
    finally:
        os.chdir(old)
    assert tuple(got) == tuple(run_gnu("md5sum", "-c", *opts, "sums", cwd=d))


@settings(max_examples=25)
@given(st.binary(max_size=2000), st.sampled_from([[], ["-b"], ["--tag"], ["-z"]]))
def test_same_as_gnu(inproc, run_gnu, data, opts):
    assert tuple(inproc("md5sum", *opts, stdin=data)) == tuple(run_gnu("md5sum", *opts, stdin=data))


_CHECK_HELP = (b"  -z, --zero            end each output line with NUL, not newline,\n"
               b"                          and disable file name escaping\n"
               b"      --ignore-missing  don't fail or report status for missing files\n"
               b"      --quiet           don't print OK for each successfully verified file\n"
               b"      --status          don't output anything, status code shows success\n"
               b"      --strict          exit non-zero for improperly formatted checksum lines\n"
               b"  -w, --warn            warn about improperly formatted checksum lines\n")


@pytest.mark.parametrize("applet, before, after", [
    ("md5sum", b"  -t, --text            read in text mode (default)\n", b"      --help  "),
    ("sha256sum", b"  -t, --text            read in text mode (default)\n", b"      --help  "),
    ("cksum", b"      --untagged        create a reversed style checksum, without digest type\n",
     b"      --debug           indicate which implementation used\n"),
])
def test_help_lists_the_check_options(run, applet, before, after):
    r = run(applet, "--help")
    assert r.status == 0 and before + _CHECK_HELP + after in r.out
