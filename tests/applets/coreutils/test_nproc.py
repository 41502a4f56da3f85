"""nproc: the affinity count, --all, --ignore, the OpenMP variables, errors,
and the same answers as GNU's."""
import os

import pytest


def avail():
    return len(os.sched_getaffinity(0))


def test_default_is_the_affinity_count(run, via):
    assert tuple(run("nproc", via=via)) == (b"%d\n" % avail(), b"", 0)


def test_all(inproc):
    assert inproc("nproc", "--all").out == b"%d\n" % os.sysconf("SC_NPROCESSORS_CONF")


@pytest.mark.parametrize("n", [0, 1, 5, 10 ** 30])
def test_ignore(inproc, n):
    want = max(avail() - n, 1) if n < 10 ** 20 else 1
    r = inproc("nproc", "--ignore=%d" % n)
    if n >= 2 ** 64:
        assert r.status == 1 and r.err == b"nproc: invalid number: '%d'\n" % n
    else:
        assert tuple(r) == (b"%d\n" % want, b"", 0)


@pytest.mark.parametrize("env, want", [
    ({"OMP_NUM_THREADS": "7"}, 7),
    ({"OMP_NUM_THREADS": " 7 "}, 7),
    ({"OMP_NUM_THREADS": "7,2"}, 7),
    ({"OMP_NUM_THREADS": "x"}, None),
    ({"OMP_NUM_THREADS": "0"}, None),
    ({"OMP_NUM_THREADS": "7x"}, None),
    ({"OMP_THREAD_LIMIT": "1"}, 1),
    ({"OMP_NUM_THREADS": "7", "OMP_THREAD_LIMIT": "3"}, 3),
])
def test_openmp_variables(inproc, env, want):
    want = avail() if want is None else want
    assert inproc("nproc", env=env).out == b"%d\n" % want
    # --all ignores them
    assert inproc("nproc", "--all", env=env).out == b"%d\n" % os.sysconf("SC_NPROCESSORS_CONF")


def test_errors(run):
    r = run("nproc", "--ignore=x")
    assert tuple(r) == (b"", b"nproc: invalid number: 'x'\n", 1)
    r = run("nproc", "x")
    assert tuple(r) == (b"", b"nproc: extra operand 'x'\nTry 'nproc --help' for more information.\n", 1)
    r = run("nproc", "--ignore")
    assert r.status == 1 and r.err.startswith(b"nproc: option '--ignore' requires an argument\n")


@pytest.mark.parametrize("args, env", [
    ([], {}), (["--all"], {}), (["--ignore=1"], {}), (["--ignore=100"], {}), (["--ign", "1"], {}),
    ([], {"OMP_NUM_THREADS": "5,3"}), ([], {"OMP_THREAD_LIMIT": "1"}), (["--ignore=x"], {}),
    (["x"], {}), (["--ignore= 1"], {}), (["--ignore=-1"], {}),
])
def test_same_as_gnu(same_as_gnu, args, env):
    same_as_gnu("nproc", *args, env=env)
