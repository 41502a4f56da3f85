"""sha384sum: the shared digest code (see test_md5sum.py) under this
applet's name: its digest, tag, help line and check messages."""
import hashlib

import pytest

ALGO = "sha384"
TAG = "SHA384"


def digest(data):
    return hashlib.new(ALGO, data).hexdigest()


@pytest.mark.parametrize("data", [b"", b"abc", bytes(range(256)) * 100])
def test_digest(run, data):
    assert tuple(run(ALGO + "sum", stdin=data)) == (("%s  -\n" % digest(data)).encode(), b"", 0)


def test_tag_and_check(run, tmp_path):
    (tmp_path / "f").write_bytes(b"abc")
    d = str(tmp_path)
    r = run(ALGO + "sum", "--tag", "f", cwd=d)
    assert tuple(r) == (("%s (f) = %s\n" % (TAG, digest(b"abc"))).encode(), b"", 0)
    (tmp_path / "sums").write_bytes(r.out + b"junk\n")
    assert tuple(run(ALGO + "sum", "-c", "-w", "sums", cwd=d)) == (
        b"f: OK\n", ("%ssum: sums: 2: improperly formatted %s checksum line\n"
                     "%ssum: WARNING: 1 line is improperly formatted\n" % (ALGO, TAG, ALGO)).encode(), 0)


def test_help_names_the_algorithm(run):
    r = run(ALGO + "sum", "--help")
    assert r.status == 0 and ("Print or check %s (%s-bit) checksums." % (TAG, "384" if "384" != "1" else "160")).encode() in r.out


def test_same_as_gnu(same_as_gnu, tmp_path):
    (tmp_path / "f").write_bytes(b"some data\n")
    same_as_gnu(ALGO + "sum", "f", "-", cwd=str(tmp_path), stdin=b"xyz")
    same_as_gnu(ALGO + "sum", "--tag", "f", cwd=str(tmp_path))
