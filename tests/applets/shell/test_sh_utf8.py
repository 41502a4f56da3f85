"""sh: characters in a UTF-8 locale.  ${#x}, ${x:off:len}, the pattern
operators, case/[[ ]]/glob patterns (`?` and [...] match one character)
and read -n count characters, as bash does, when the first of LC_ALL,
LC_CTYPE and LANG that is set names a UTF-8 locale; bytes otherwise.  An
invalid byte is one character."""
import shutil

import pytest

from _shtest import in_tmp_dir  # noqa: F401 (autouse)
from conftest import run_argv

BASH = shutil.which("bash")
U8 = {"LC_ALL": "C.UTF-8"}
E = "\u00e9".encode()  # é, two bytes
O = "\u00f6".encode()  # ö

SCRIPT = r"""x='héllo wörld'; b=$(printf 'a\377\303b'); e=$(printf '\355\240\200z')
echo "${#x} ${#b} ${#e}"
echo "${x:1:3}|${x: -3}|${x:4}|${b:1:1}|${b:2}|${e:1}"
echo "${x#?}|${x#??}|${x%?}|${x%%ö*}|${x##*é}|${x#h?}"
echo "${x/ö/o}|${x//?/.}|${x/#h?/H}|${x/%?d/D}|${b//?/.}"
case é in ?) echo c1;; esac; case éé in ??) echo c2;; esac; case é in ??) echo c2b;; esac
case ö in [öo]) echo c3;; esac; case é in [!a]) echo c4;; esac; case ab in [!é]b) echo c5;; esac
[[ $x == h?llo* ]] && echo d1
"""

WANT_U8 = ("11 4 4\n"
           "éll|rld|o wörld|\udcff|\udcc3b|\udca0\udc80z\n"
           "éllo wörld|llo wörld|héllo wörl|héllo w|llo wörld|llo wörld\n"
           "héllo world|...........|Hllo wörld|héllo wörD|....\n"
           "c1\nc2\nc3\nc4\nc5\nd1\n").encode("utf-8", "surrogateescape")


def test_characters_in_a_utf8_locale(run):
    r = run("sh", "-c", SCRIPT, env=U8)
    assert (r.out, r.err, r.status) == (WANT_U8, b"", 0)


def test_bytes_in_the_c_locale(run):
    r = run("sh", "-c", SCRIPT)  # LC_ALL=C from the test environment
    lines = r.out.split(b"\n")
    assert lines[0] == b"13 4 4"
    assert lines[1].startswith(E + b"l|")  # bytes 1-3: é is two of them
    assert b"c1" not in r.out and b"c2b" in r.out  # é is two bytes: ??


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
@pytest.mark.parametrize("locale", ["C.UTF-8", "C"])
def test_same_as_bash(run, locale):
    want = run_argv([BASH, "-c", SCRIPT], env={"LC_ALL": locale})
    got = run("sh", "-c", SCRIPT, env={"LC_ALL": locale})
    assert (got.out, got.err, got.status) == (want.out, want.err, want.status)


def test_length_as_busybox_and_bash_say(run):
    # `x=é; echo ${#x}`: 1 under C.UTF-8, 2 under C, in bash and BusyBox ash
    assert run("sh", "-c", "x=é; echo ${#x}", env=U8).out == b"1\n"
    assert run("sh", "-c", "x=é; echo ${#x}").out == b"2\n"


@pytest.mark.parametrize("env, want", [
    ({"LC_ALL": "C.UTF-8"}, b"1"), ({"LC_ALL": "C"}, b"2"),
    ({"LC_ALL": None, "LANG": "en_US.UTF-8"}, b"1"),
    ({"LC_ALL": None, "LC_CTYPE": "de_DE.utf8", "LANG": "C"}, b"1"),
    ({"LC_ALL": None, "LC_CTYPE": "POSIX", "LANG": "C.UTF-8"}, b"2"),
    ({"LC_ALL": "", "LANG": "C.UTF-8"}, b"1"),  # an empty one does not count
    ({"LC_ALL": None}, b"2"),
])
def test_which_variable_decides(run, env, want):
    assert run("sh", "-c", "x=é; echo ${#x}", env=env).out == want + b"\n"


def test_assigning_the_locale_in_the_script_takes_effect(run):
    r = run("sh", "-c", "y=é; echo ${#y}; LC_ALL=C.UTF-8; echo ${#y}; LC_ALL=; LANG=C.UTF-8; echo ${#y};"
            " LC_CTYPE=POSIX; echo ${#y}; unset LC_CTYPE; echo ${#y}")
    assert r.out == b"2\n1\n1\n2\n1\n"


def test_positional_and_special_parameters(run):
    r = run("sh", "-c", 'echo ${#1} ${1:1} ${#0}', "é", "aéb", env=U8)
    assert r.out == b"3 " + E + b"b 1\n"


def test_read_n_counts_characters(run):
    script = (r'printf "éèa" | { read -n 2 x; echo "$x"; }; '
              r'printf "ééé" | { read -n 1 x; read -n 1 y; echo "$x|$y"; }; '
              r'printf "\377ab" | { read -n 2 x; echo "$x"; }; '
              r'printf "\342\202\254\360\237\230\200z" | { read -n 2 x; echo "$x"; }; '
              r'printf "\303x\303\251" | { read -n 2 x; echo "$x"; }; '
              r'printf %s "a\\bcd" | { read -n 2 x; echo "$x"; }')
    r = run("sh", "-c", script, env=U8)
    want = (E + "\u00e8".encode() + b"\n" + E + b"|" + E + b"\n\xffa\n" + "\u20ac\U0001F600".encode()
            + b"\n\xc3x" + E + b"\nab\n")
    assert (r.out, r.err, r.status) == (want, b"", 0)
    r = run("sh", "-c", script)  # bytes in C
    assert r.out.split(b"\n")[:3] == [E, b"\xc3|\xa9", b"\xffa"]


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
def test_read_n_same_as_bash(run):
    script = (r'printf "éèa" | { read -n 2 x; echo "$x"; }; '
              r'printf "\303x\303\251" | { read -n 2 x; echo "$x"; }; '
              r'printf %s "a\\bcd" | { read -n 2 x; echo "$x"; }')
    want = run_argv([BASH, "-c", script], env=U8)
    assert run("sh", "-c", script, env=U8).out == want.out


def test_glob_question_mark_is_one_character(run):
    for name in (E, b"ab", b"\xff", O + b"x"):
        open(name, "wb").close()
    r = run("sh", "-c", "echo ?; echo ??; echo [ö]?", env=U8)  # sorted by bytes
    assert r.out == E + b" \xff\nab " + O + b"x\n" + O + b"x\n"
    r = run("sh", "-c", "echo ?; echo ??")
    assert r.out == b"\xff\nab " + E + b"\n"


def test_ascii_is_the_same_in_both_locales(run):
    script = 'x=abcdef; echo ${#x} ${x:2:2} ${x#??} ${x%?} ${x//[bd]/.}; case ab in ??) echo two;; esac'
    assert run("sh", "-c", script, env=U8).out == run("sh", "-c", script).out == b"6 cd cdef abcde a.c.ef\ntwo\n"


def test_invalid_bytes_count_one_each(run):
    r = run("sh", "-c", r"x=$(printf '\377\376\303'); echo ${#x}; echo ${x:1:1} | od -An -tx1", env=U8)
    assert r.out == b"3\n fe 0a\n"


def test_python_locale_coercion_does_not_leak(run):
    # started under LANG=C, Python would put LC_CTYPE=C.UTF-8 into its own
    # environment (PEP 538); the shell's variables and children must not
    # see it, nor count characters because of it
    r = run("sh", "-c", 'echo "${LC_CTYPE-unset}"; x=é; echo ${#x}; env | grep -c ^LC_CTYPE=',
            env={"LC_ALL": None, "LANG": "C"})
    assert r.out == b"unset\n2\n0\n"
    # a pybox sh forked by this one keeps an LC_CTYPE set for it
    r = run("sh", "-c", 'LC_CTYPE=C.UTF-8 sh -c \'echo "$LC_CTYPE"; x=é; echo ${#x}\'',
            env={"LC_ALL": None, "LANG": "C", "PYBOX_STANDALONE": "1"})
    assert (r.out, r.err) == (b"C.UTF-8\n1\n", b"")
    r = run("sh", "-c", 'echo "$LC_CTYPE"', env={"LC_ALL": None, "LC_CTYPE": "POSIX"})
    assert r.out == b"POSIX\n"
    r = run("sh", "-c", 'echo "$LC_CTYPE"', env={"LC_ALL": None, "LC_CTYPE": "C.UTF-8"})
    assert r.out == b"C.UTF-8\n"
