"""Lines longer than the 256 KiB read chunk, for the applets that cut or
reorder lines: same output as GNU (the chunk joining once had quadratic
copying and must still be exact)."""
import pytest

LONG = b"ab\tcd" * 120000  # 600 KB: spans three chunks

CASES = [
    ("cut", ["-f2"]), ("cut", ["-c1-3,599998-"]), ("cut", ["-s", "-f1"]),
    ("paste", ["-", "-"]), ("paste", ["-s"]), ("tsort", []),
    ("fold", ["-w", "70000"]), ("tac", []), ("uniq", ["-c"]), ("nl", []), ("wc", ["-L"]),
]


@pytest.mark.parametrize("tail", [b"", b"\n", b"\nx y\n" + LONG], ids=["no-newline", "newline", "two"])
@pytest.mark.parametrize("applet, args", CASES, ids=lambda v: v if isinstance(v, str) else " ".join(v))
def test_long_line_same_as_gnu(same_as_gnu, applet, args, tail):
    data = b"x y\n" + LONG + tail
    if applet == "tsort":
        data = data.replace(b"\t", b" ") + b" z"   # an even number of tokens
    same_as_gnu(applet, *args, stdin=data)


@pytest.mark.parametrize("tail", [b"", b"\n"], ids=["no-newline", "newline"])
def test_rev_long_line(run, tail):
    data = b"x y\n" + LONG + tail
    expected = b"".join(line[::-1] + b"\n" for line in data.split(b"\n")[:-1])
    if not data.endswith(b"\n"):
        expected += data.rsplit(b"\n", 1)[1][::-1]
    assert tuple(run("rev", stdin=data)) == (expected, b"", 0)
