"""sha1sum, sha224sum, sha256sum, sha384sum, sha512sum: the shared digest
code (see test_md5sum.py) under each applet's name: its digest, tag, help
line and check messages."""
import hashlib

import pytest

BITS = ["1", "224", "256", "384", "512"]


@pytest.fixture(params=BITS)
def bits(request):
    return request.param


def digest(bits, data):
    return hashlib.new("sha" + bits, data).hexdigest()


@pytest.mark.parametrize("data", [b"", b"abc", bytes(range(256)) * 100])
def test_digest(run, bits, data):
    assert tuple(run("sha%ssum" % bits, stdin=data)) == (("%s  -\n" % digest(bits, data)).encode(), b"", 0)


def test_tag_and_check(run, bits, tmp_path):
    (tmp_path / "f").write_bytes(b"abc")
    d = str(tmp_path)
    r = run("sha%ssum" % bits, "--tag", "f", cwd=d)
    assert tuple(r) == (("%s (f) = %s\n" % ("SHA" + bits, digest(bits, b"abc"))).encode(), b"", 0)
    (tmp_path / "sums").write_bytes(r.out + b"junk\n")
    assert tuple(run("sha%ssum" % bits, "-c", "-w", "sums", cwd=d)) == (
        b"f: OK\n", ("%ssum: sums: 2: improperly formatted %s checksum line\n"
                     "%ssum: WARNING: 1 line is improperly formatted\n" % ("sha" + bits, "SHA" + bits, "sha" + bits)).encode(), 0)


def test_help_names_the_algorithm(run, bits):
    r = run("sha%ssum" % bits, "--help")
    assert r.status == 0 and ("Print or check SHA%s (%s-bit) checksums." % (bits, bits if bits != "1" else "160")).encode() in r.out


def test_same_as_gnu(same_as_gnu, bits, tmp_path):
    (tmp_path / "f").write_bytes(b"some data\n")
    same_as_gnu("sha%ssum" % bits, "f", "-", cwd=str(tmp_path), stdin=b"xyz")
    same_as_gnu("sha%ssum" % bits, "--tag", "f", cwd=str(tmp_path))
