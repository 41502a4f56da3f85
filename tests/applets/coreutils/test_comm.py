"""comm: the three columns, suppression, delimiters, totals, -z, order
checking in its three modes, errors, large inputs, and differential tests."""
import pytest
from hypothesis import given, strategies as st


@pytest.fixture
def d(tmp_path):
    files = {"c1": b"a\nb\nd\n", "c2": b"b\nc\nd\ne", "c3": b"b\na\n", "z1": b"a\0b\0", "z2": b"b\0c\0",
             "empty": b"", "u1": b"a\nz\n\xc3\xa9\n\xff\n", "u2": b"\x80\nb\n\xc3\xa9\n\xe2\x82\xac\n"}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "dir").mkdir()
    return str(tmp_path)


@pytest.mark.parametrize("args, expected", [
    ([], b"a\n\t\tb\n\tc\n\t\td\n\te\n"),
    (["-1"], b"\tb\nc\n\td\ne\n"),
    (["-2"], b"a\n\tb\n\td\n"),
    (["-3"], b"a\n\tc\n\te\n"),
    (["-12"], b"b\nd\n"),
    (["-13"], b"c\ne\n"),
    (["-23"], b"a\n"),
    (["-123"], b""),
    (["--total"], b"a\n\t\tb\n\tc\n\t\td\n\te\n1\t2\t2\ttotal\n"),
    (["--total", "-123"], b"1\t2\t2\ttotal\n"),
    (["--output-delimiter=XX"], b"a\nXXXXb\nXXc\nXXXXd\nXXe\n"),
    (["--output-delimiter=", "--total"], b"a\n\0\0b\n\0c\n\0\0d\n\0e\n122total\n"),
    (["--output-delimiter=:", "--output-delimiter=:"], b"a\n::b\n:c\n::d\n:e\n"),
    (["--nocheck-order"], b"a\n\t\tb\n\tc\n\t\td\n\te\n"),
])
def test_columns(run, d, args, expected):
    assert tuple(run("comm", *args, "c1", "c2", cwd=d)) == (expected, b"", 0)


def test_zero_terminated(run, d):
    assert run("comm", "-z", "z1", "z2", cwd=d).out == b"a\0\t\tb\0\tc\0"
    assert run("comm", "-z", "--total", "z1", "z2", cwd=d).out == b"a\0\t\tb\0\tc\0" b"1\t1\t1\ttotal\0"


def test_stdin_operand(run, d):
    assert run("comm", "-", "c2", stdin=b"a\nb\n", cwd=d).out == b"a\n\t\tb\n\tc\n\td\n\te\n"
    assert run("comm", "c1", "-", stdin=b"d\n", cwd=d).out == b"a\nb\n\t\td\n"


def test_both_stdin(run):
    # One stream shared by both files; GNU then fails closing stdin twice.
    r = run("comm", "-", "-", stdin=b"a\nb\nc\n")
    assert tuple(r) == (b"a\n\tb\nc\n", b"comm: -: Bad file descriptor\n", 1)


def test_bytes_order(run, d):
    # Byte order, even in a UTF-8 locale: \x80 sorts after b, so u2 is
    # out of order, and \xff after every UTF-8 sequence.
    r = run("comm", "u1", "u2", cwd=d, env={"LC_ALL": "C.UTF-8"})
    assert tuple(r) == (b"a\nz\n\t\x80\n\tb\n\t\t\xc3\xa9\n\t\xe2\x82\xac\n\xff\n",
                        b"comm: file 2 is not in sorted order\ncomm: input is not in sorted order\n", 1)


def test_unsorted_default_warns_once_and_fails(run, d):
    r = run("comm", "c3", "c1", cwd=d)
    assert tuple(r) == (b"\ta\n\t\tb\na\n\td\n", b"comm: file 1 is not in sorted order\n"
                        b"comm: input is not in sorted order\n", 1)


def test_check_order_stops_at_once(run, d):
    r = run("comm", "--check-order", "c3", "c1", cwd=d)
    assert tuple(r) == (b"\ta\n\t\tb\n", b"comm: file 1 is not in sorted order\n", 1)
    r = run("comm", "--check-order", "c1", "c3", cwd=d)
    assert tuple(r) == (b"a\n\t\tb\n", b"comm: file 2 is not in sorted order\n", 1)


def test_unsorted_but_all_pairable_is_fine(run, d):
    assert tuple(run("comm", "c3", "c3", cwd=d)) == (b"\t\tb\n\t\ta\n", b"", 0)
    assert run("comm", "--check-order", "c3", "c3", cwd=d).status == 1


def test_nocheck_order(run, d):
    r = run("comm", "--nocheck-order", "c3", "c1", cwd=d)
    assert tuple(r) == (b"\ta\n\t\tb\na\n\td\n", b"", 0)


def test_total_before_disorder_message(run, d):
    r = run("comm", "--total", "c3", "c1", cwd=d)
    assert r.out.endswith(b"1\t2\t1\ttotal\n") and r.status == 1


TRY = b"Try 'comm --help' for more information.\n"


@pytest.mark.parametrize("args, err", [
    ([], b"comm: missing operand\n" + TRY),
    (["c1"], b"comm: missing operand after 'c1'\n" + TRY),
    (["c1", "c2", "c\\3"], b"comm: extra operand 'c\\\\3'\n" + TRY),
    (["--output-delimiter=a", "--output-delimiter=b", "c1", "c2"],
     b"comm: multiple output delimiters specified\n"),
    (["nope", "c1"], b"comm: nope: No such file or directory\n"),
    (["c1", "nope"], b"comm: nope: No such file or directory\n"),
    (["c1", "dir"], b"comm: dir: Is a directory\n"),
    (["-4", "c1", "c2"], b"comm: invalid option -- '4'\n" + TRY),
    (["--check", "c1", "c2"], b"comm: option '--check' is ambiguous; possibilities: "
     b"'--check-order'\n" + TRY),
])
def test_errors(run, d, args, err):
    r = run("comm", *args, cwd=d)
    if args[:1] == ["--check"]:
        # --check is a unique prefix of --check-order (--nocheck-order does not start with it).
        assert r.status == 0
        return
    assert (r.err, r.status) == (err, 1)
    assert r.out == b""


def test_large_sorted_inputs(run, tmp_path):
    a = sorted(b"%07d" % i for i in range(0, 300000, 2))
    b = sorted(b"%07d" % i for i in range(0, 300000, 3))
    (tmp_path / "a").write_bytes(b"\n".join(a) + b"\n")
    (tmp_path / "b").write_bytes(b"\n".join(b) + b"\n")
    r = run("comm", "--total", "-12", "a", "b", cwd=str(tmp_path))
    common = sorted(set(a) & set(b))
    assert r.out == b"\n".join(common) + b"\n%d\t%d\t%d\ttotal\n" % (
        len(a) - len(common), len(b) - len(common), len(common))


def test_help(run):
    r = run("comm", "--help")
    assert r.status == 0 and r.out.startswith(b"Usage: comm [OPTION]... FILE1 FILE2\n")


# -- differential ------------------------------------------------------------------------

DIFF_CASES = [
    ([], ("c1", "c2")), (["-1"], ("c1", "c2")), (["-2"], ("c2", "c1")), (["-3"], ("c1", "c2")),
    (["-12"], ("c1", "c2")), (["--total"], ("c1", "c2")), ([], ("c3", "c1")), (["-3"], ("c1", "c3")),
    (["--check-order"], ("c3", "c1")), (["--check-order"], ("c1", "c2")), (["--nocheck-order"], ("c3", "c1")),
    (["--output-delimiter=::"], ("c1", "c2")), (["--output-delimiter=", "--total"], ("c3", "c1")),
    (["-z"], ("z1", "z2")), (["--total", "-3", "-z"], ("z1", "c1")), ([], ("empty", "c2")),
    (["--total"], ("c2", "empty")), ([], ("u1", "u2")), (["-13"], ("u2", "u1")),
]


@pytest.mark.parametrize("args, files", DIFF_CASES, ids=lambda v: " ".join(v))
def test_same_as_gnu(same_as_gnu, d, args, files):
    same_as_gnu("comm", *args, *files, cwd=d)


POOL = [b"a", b"b", b"c", b"", b"a ", b"ab", b"\xff", b"B", b"a\0", b"zz", b"x\ty"]
FILE = st.tuples(st.lists(st.sampled_from(POOL), max_size=10), st.booleans(), st.booleans())


def _make(spec, delim):
    lines, keep_order, final = spec
    if not keep_order:
        lines = sorted(lines)
    return delim.join(lines) + (delim if final and lines else b"")


@given(FILE, FILE, st.lists(st.sampled_from(["-1", "-2", "-3", "--total", "--check-order",
                                             "--nocheck-order", "--output-delimiter=|"]),
                            max_size=3, unique=True), st.booleans())
def test_same_as_gnu_generated(inproc, run_gnu, tmp_path, one, two, opts, zero):
    delim = b"\0" if zero else b"\n"
    (tmp_path / "one").write_bytes(_make(one, delim))
    (tmp_path / "two").write_bytes(_make(two, delim))
    args = opts + (["-z"] if zero else []) + [str(tmp_path / "one"), str(tmp_path / "two")]
    assert tuple(inproc("comm", *args)) == tuple(run_gnu("comm", *args))


@given(st.lists(st.sampled_from(POOL), max_size=30), st.lists(st.sampled_from(POOL), max_size=30),
       st.integers(1, 9), st.sampled_from([[], ["--total"], ["--check-order"], ["-3"]]))
def test_small_chunks_same_as_gnu(inproc, run_gnu, monkeypatch, tmp_path, one, two, size, opts):
    # Sorted runs cross chunk ends; an unsorted line may sit at a chunk's start.
    import applets.coreutils.comm as mod
    monkeypatch.setattr(mod, "BUFSIZE", size)
    one = sorted(one) + one[:2]
    (tmp_path / "one").write_bytes(b"\n".join(one))
    (tmp_path / "two").write_bytes(b"\n".join(sorted(two)) + b"\n")
    args = opts + [str(tmp_path / "one"), str(tmp_path / "two")]
    assert tuple(inproc("comm", *args)) == tuple(run_gnu("comm", *args))
