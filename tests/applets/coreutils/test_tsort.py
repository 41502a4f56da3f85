"""tsort: GNU's output order, loops, odd token counts, separators, errors,
and differential tests on generated graphs."""
import pytest
from hypothesis import given, strategies as st


def test_simple_order(run, via):
    r = run("tsort", stdin=b"a b\nb c\n", via=via)
    assert tuple(r) == (b"a\nb\nc\n", b"", 0)


def test_order_of_independent_items_is_strcmp(run):
    # Items with no predecessors come out in byte order, as GNU's tree walk.
    assert run("tsort", stdin=b"z z b b a a \xff \xff B B\n").out == b"B\na\nb\nz\n\xff\n"


def test_queue_order(run):
    r = run("tsort", stdin=b"3 1 1 2 2 4 3 4 5 6\n")
    assert r.out == b"3\n5\n1\n6\n2\n4\n"


def test_loop(run):
    r = run("tsort", stdin=b"a b b c c a d e\n")
    assert r.out == b"d\ne\na\nb\nc\n"
    assert r.err == b"tsort: -: input contains a loop:\ntsort: a\ntsort: b\ntsort: c\n"
    assert r.status == 1


def test_two_loops(run):
    r = run("tsort", stdin=b"a b b a c d d c\n")
    assert r.out == b"a\nb\nc\nd\n"
    assert r.err == (b"tsort: -: input contains a loop:\ntsort: a\ntsort: b\n"
                     b"tsort: -: input contains a loop:\ntsort: c\ntsort: d\n")
    assert r.status == 1


def test_loop_file_name_in_message(run, tmp_path):
    (tmp_path / "g r").write_bytes(b"x y y x\n")
    r = run("tsort", "g r", cwd=str(tmp_path))
    assert r.err.startswith(b"tsort: 'g r': input contains a loop:\n")


def test_odd_number_of_tokens(run, via):
    r = run("tsort", stdin=b"a b c\n", via=via)
    assert tuple(r) == (b"", b"tsort: -: input contains an odd number of tokens\n", 1)


def test_self_pair_and_duplicates(run):
    assert run("tsort", stdin=b"a a\n").out == b"a\n"
    assert run("tsort", stdin=b"a b a b a b\n").out == b"a\nb\n"


def test_separators_are_space_tab_newline_only(run):
    r = run("tsort", stdin=b"a\tb\n\n  b   c")
    assert r.out == b"a\nb\nc\n"
    # \f \v \r are part of tokens, as in GNU
    assert run("tsort", stdin=b"a\fb b\vc\n").out == b"a\fb\nb\vc\n"


def test_nul_ends_a_name(run):
    assert run("tsort", stdin=b"x\0y x\n").out == b"x\n"


def test_empty_input_and_no_final_newline(run):
    assert tuple(run("tsort", stdin=b"")) == (b"", b"", 0)
    assert run("tsort", stdin=b"a b").out == b"a\nb\n"


def test_file_operand_and_dash(run, tmp_path):
    (tmp_path / "in").write_bytes(b"p q\n")
    assert run("tsort", "in", cwd=str(tmp_path)).out == b"p\nq\n"
    assert run("tsort", "-", stdin=b"r s").out == b"r\ns\n"


def test_big_chain_crosses_chunks(run):
    names = [b"n%07d" % i for i in range(60000)]
    data = b"".join(a + b" " + b + b"\n" for a, b in zip(names, names[1:]))
    assert run("tsort", stdin=data).out == b"".join(n + b"\n" for n in names)


@pytest.mark.parametrize("args, err", [
    (["nope"], b"tsort: nope: No such file or directory\n"),
    (["a", "b"], b"tsort: extra operand 'b'\nTry 'tsort --help' for more information.\n"),
    (["-x"], b"tsort: invalid option -- 'x'\nTry 'tsort --help' for more information.\n"),
    (["--nope"], b"tsort: unrecognized option '--nope'\nTry 'tsort --help' for more information.\n"),
])
def test_errors(run, args, err):
    assert tuple(run("tsort", *args)) == (b"", err, 1)


def test_directory_reads_as_empty_like_gnu(run, tmp_path):
    assert tuple(run("tsort", str(tmp_path))) == (b"", b"", 0)


def test_help(run):
    r = run("tsort", "--help")
    assert r.status == 0 and r.out.startswith(b"Usage: tsort [OPTION] [FILE]\n")


@pytest.mark.parametrize("data", [b"a b b c c a d e\n", b"1 2 2 3 3 1 3 4 4 1\n", b"a b c d e f\n",
                                  b"a b c\n", b"", b"x x y y", b"b a c a d c d b a d\n"])
def test_same_as_gnu(same_as_gnu, data):
    same_as_gnu("tsort", stdin=data)


@given(st.lists(st.tuples(st.sampled_from("abcdefg"), st.sampled_from("abcdefg")), max_size=14))
def test_same_as_gnu_generated(inproc, run_gnu, pairs):
    data = " ".join(a + " " + b for a, b in pairs).encode()
    assert tuple(inproc("tsort", stdin=data)) == tuple(run_gnu("tsort", stdin=data))
