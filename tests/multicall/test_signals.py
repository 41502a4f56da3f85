"""multicall.signals: the names and numbers kill, env, timeout and the
shell's trap share, checked against the system's own tables and GNU."""
import signal
import subprocess

import pytest

from multicall import signals as S


def test_classic_names_are_the_kernels():
    for num, name in S.table().items():
        assert getattr(signal, "SIG" + name) == num
    assert S.name(15) == "TERM" and S.name(29) == "POLL" and S.name(6) == "ABRT"


def test_real_time_names_from_both_ends():
    lo, hi = S.rt_range()
    assert S.name(lo) == "RTMIN" and S.name(hi) == "RTMAX"
    assert S.name(lo + 1) == "RTMIN+1" and S.name(hi - 1) == "RTMAX-1"
    assert S.name(hi + 1) is None and S.name(0) is None
    for num in range(lo, hi + 1):
        assert S.number(S.name(num)) == num


@pytest.mark.parametrize("text, num", [("TERM", 15), ("IOT", 6), ("CLD", 17), ("IO", 29), ("POLL", 29),
                                       ("RTMIN", None), ("term", None), ("SIGTERM", None), ("RTMIN+x", None),
                                       ("RTMIN 1", None), ("EMT", None)])
def test_number_is_gnulib_str2sig(text, num):
    if text == "RTMIN":
        num = S.rt_range()[0]
    assert S.number(text) == num


@pytest.mark.parametrize("text, num", [("term", 15), ("SigTerm", 15), ("9", 9), (" 9 ", 9), ("0", 0),
                                       ("65", None), ("nosuch", None), ("sigrtmax", 64), ("-1", None)])
def test_lookup_any_case_with_or_without_sig(text, num):
    if text == "sigrtmax":
        num = S.rt_range()[1]
    assert S.lookup(text) == num
    assert S.lookup("0", zero=False) is None


@pytest.mark.parametrize("text", ["130", "2", "INT", "sigint", "Int", "255", "128", "999", "12x",
                                  "RTMIN+2", "RTMAX-1", "nosuch", "4294967296", "SIGUSR1", "140"])
def test_operand_is_coreutils_operand2sig(text):
    """GNU env reads --ignore-signal through operand2sig and names the
    signal in --list-signal-handling: compare."""
    import os
    env = "/usr/bin/env"
    if not os.access(env, os.X_OK):
        pytest.skip("no GNU env")
    num = S.operand(text)
    p = subprocess.run([env, "--ignore-signal=" + text, "--list-signal-handling", "true"],
                       capture_output=True, text=True)
    if p.returncode:
        assert num == -1 and "invalid signal" in p.stderr
    else:
        name, _, rest = p.stderr.partition("(")
        assert (S.name(num), num) == (name.strip(), int(rest.partition(")")[0]))
