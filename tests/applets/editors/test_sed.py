"""sed through the real command line: options, files, -i safety, w files,
script files, error statuses, and the fast whole-chunk paths (checked
against the general compiled program on the same input)."""
import os

import pytest

LINES = b"".join(b"line %d foo\n" % i for i in range(1, 2001))


def test_basic_substitute(run, via):
    assert tuple(run("sed", "s/foo/bar/", stdin=b"a foo foo\n", via=via)) == (b"a bar foo\n", b"", 0)


def test_help_and_version(run):
    out, err, st = run("sed", "--help")
    assert st == 0 and out.startswith(b"Usage: sed [OPTION]... {script-only-if-no-other-script}")
    assert b"E-mail bug reports to: <bug-sed@gnu.org>.\n" in out
    out, err, st = run("sed", "--version")
    assert st == 0 and out.startswith(b"sed (pybox) ")


def test_no_script_and_bad_option(run):
    out, err, st = run("sed")
    assert (out, st) == (b"", 1) and err.startswith(b"Usage: sed [OPTION]")
    out, err, st = run("sed", "--bogus")
    assert st == 1 and err.startswith(b"sed: unrecognized option '--bogus'\nUsage: sed ")
    out, err, st = run("sed", "--debug", "p", stdin=b"x\n")
    assert (err, st) == (b"", 0)
    assert out == (b"SED PROGRAM:\n  p\nINPUT:   'STDIN' line 1\nPATTERN: x\nCOMMAND: p\nx\n"
                   b"END-OF-CYCLE:\nx\n")


def test_missing_file_status_2_after_others(run, tmp_path):
    (tmp_path / "a").write_bytes(b"1\n2\n")
    r = run("sed", "-n", "$p", "nofile", "a", cwd=str(tmp_path))
    assert tuple(r) == (b"2\n", b"sed: can't read nofile: No such file or directory\n", 2)
    r = run("sed", "q5", "a", "nofile", cwd=str(tmp_path))
    assert (r.out, r.status) == (b"1\n", 5)  # q stops before nofile is opened


def test_script_errors(run):
    assert tuple(run("sed", "s/a/b")) == (b"", b"sed: -e expression #1, char 5: unterminated `s' command\n", 1)
    assert tuple(run("sed", "-e", "p", "-e", "k")) == (b"", b"sed: -e expression #2, char 1: unknown command: `k'\n", 1)
    assert tuple(run("sed", "b nowhere")) == (b"", b"sed: can't find label for jump to `nowhere'\n", 4)


def test_script_file_errors_name_the_line(run, tmp_path):
    (tmp_path / "x.sed").write_bytes(b"p\n\ns/x\n")
    r = run("sed", "-f", "x.sed", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"sed: file x.sed line 3: unterminated `s' command\n", 1)
    r = run("sed", "-f", "nofile")
    assert tuple(r) == (b"", b"sed: couldn't open file nofile: No such file or directory\n", 4)


def test_script_from_stdin_file(run, tmp_path):
    (tmp_path / "in").write_bytes(b"a\nb\n")
    r = run("sed", "-n", "-f", "-", "in", stdin=b"2p\n", cwd=str(tmp_path))
    assert tuple(r) == (b"b\n", b"", 0)


def test_in_place_keeps_mode_and_backup(run, tmp_path):
    f = tmp_path / "f"
    f.write_bytes(b"a\nb\n")
    os.chmod(str(f), 0o640)
    r = run("sed", "-i.bak", "s/a/X/", "f", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"", 0)
    assert f.read_bytes() == b"X\nb\n"
    assert (tmp_path / "f.bak").read_bytes() == b"a\nb\n"
    assert os.stat(str(f)).st_mode & 0o777 == 0o640
    assert sorted(os.listdir(str(tmp_path))) == ["f", "f.bak"]


def test_in_place_star_suffix_and_separate_files(run, tmp_path):
    (tmp_path / "bak").mkdir()
    (tmp_path / "f").write_bytes(b"1\n2\n")
    (tmp_path / "g").write_bytes(b"3\n4")
    # a suffix must be attached: here 'bak/*.old' is the script (a jump to label 'ak/*.old')
    r = run("sed", "-i", "-e", "bak/*.old", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"sed: can't find label for jump to `ak/*.old'\n", 4)
    r = run("sed", "--in-place=bak/*.old", "$s/$/!/;1F", "f", "g", cwd=str(tmp_path))
    assert tuple(r) == (b"", b"", 0)
    assert (tmp_path / "f").read_bytes() == b"f\n1\n2!\n"
    assert (tmp_path / "g").read_bytes() == b"g\n3\n4!"
    assert (tmp_path / "bak" / "f.old").read_bytes() == b"1\n2\n"


def test_in_place_failure_leaves_original(run, tmp_path):
    f = tmp_path / "f"
    f.write_bytes(b"keep\n")
    # the backup directory does not exist: the rename fails, nothing changes
    r = run("sed", "-inodir/*", "s/keep/lost/", "f", cwd=str(tmp_path))
    assert r.status == 4 and r.err == b"sed: cannot rename f: No such file or directory\n"
    assert f.read_bytes() == b"keep\n"
    assert os.listdir(str(tmp_path)) == ["f"]


def test_in_place_not_regular_and_no_files(run, tmp_path):
    assert tuple(run("sed", "-i", "p", "/dev/null")) == (b"", b"sed: couldn't edit /dev/null: not a regular file\n", 4)
    assert tuple(run("sed", "-i", "p")) == (b"", b"sed: no input files\n", 4)


def test_in_place_symlink(run, tmp_path):
    (tmp_path / "t").write_bytes(b"a\n")
    os.symlink("t", str(tmp_path / "l1"))
    os.symlink("t", str(tmp_path / "l2"))
    assert run("sed", "-i", "s/a/b/", "l1", cwd=str(tmp_path)).status == 0
    assert not os.path.islink(str(tmp_path / "l1")) and (tmp_path / "t").read_bytes() == b"a\n"
    assert run("sed", "-i", "--follow-symlinks", "s/a/c/", "l2", cwd=str(tmp_path)).status == 0
    assert os.path.islink(str(tmp_path / "l2")) and (tmp_path / "t").read_bytes() == b"c\n"


def test_w_files_and_dev_stdout(run, tmp_path):
    r = run("sed", "-n", "-e", "/2/w out", "-e", "s/1/one/w out2", "-e", "3w /dev/stdout",
            stdin=b"1\n2\n3\n", cwd=str(tmp_path))
    assert tuple(r) == (b"3\n", b"", 0)
    assert (tmp_path / "out").read_bytes() == b"2\n"
    assert (tmp_path / "out2").read_bytes() == b"one\n"


def test_write_errors(run):
    r = run("sed", "w /dev/full", stdin=b"a\n")
    assert (r.out, r.status) == (b"a\n", 4) and b"No space left on device" in r.err
    r = run("sed", "w /nonexistent/x", stdin=b"a\n")
    assert tuple(r) == (b"", b"sed: couldn't open file /nonexistent/x: No such file or directory\n", 4)


def test_stdout_full(sh):
    r = sh("seq 100000 | sed p > /dev/full")
    assert r.status == 4 and r.err.count(b"\n") == 1 and b"No space left on device" in r.err


def test_sandbox_and_e(run):
    assert run("sed", "--sandbox", "e ls").err == \
        b"sed: -e expression #1, char 1: e/r/w commands disabled in sandbox mode\n"
    assert tuple(run("sed", "1e echo hi", stdin=b"x\n")) == (b"hi\nx\n", b"", 0)
    assert tuple(run("sed", "s/.*/echo &&/e", stdin=b"y\n")) == (b"yy\n", b"", 0)


def test_unbuffered_reads_only_what_it_needs(sh):
    r = sh("printf '1\\n2\\n3\\n' | { sed -u 1q; cat; }")
    assert r.out == b"1\n2\n3\n"


def test_null_data(run):
    assert tuple(run("sed", "-z", "s/^a/X/;$!d", stdin=b"ab\0ac\0ad")) == (b"Xd", b"", 0)


@pytest.mark.parametrize("args", [["s/foo/bar/g"], ["s/foo/bar/"], ["s/\\(o\\)\\(o\\)/\\2-\\1/"],
                                  ["-n", "/7 f/p"], ["/7/d"], ["/7/!d"], ["-n", "/^line 1/!p"], ["$d"],
                                  ["s/$/</g"], ["s/^/>/"], ["-E", "s/(line) ([0-9]+)/\\2 \\1/g"],
                                  ["s/o*/_/g"], ["s/FOO/x/Ig"]])
def test_fast_paths_match_general_program(run, tmp_path, args):
    """The whole-chunk forms give what the compiled program gives (the
    second run adds a no-op command, which disables the fast path), also
    across chunk boundaries and with an unterminated last line."""
    data = LINES * 50 + b"last foo line"
    (tmp_path / "in").write_bytes(data)
    fast = run("sed", *args, "in", cwd=str(tmp_path))
    slow = run("sed", *args[:-1], "-e", args[-1], "-e", "y/a/a/", "in", cwd=str(tmp_path))
    assert fast.status == 0 and fast.out == slow.out
    assert len(fast.out) > 100000
