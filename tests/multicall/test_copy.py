"""multicall/copy.py and multicall/backup.py: the data copy (holes, zero
blocks, big files), the target rules, the Copier under its settings, the
tree removal mv uses, and GNU's backup names."""
import os

import pytest
from hypothesis import given, settings, strategies as st

from multicall import backup, copy
from multicall.errors import Fail, Usage


# -- backup names ---------------------------------------------------------------

def _plain(msg):
    """quote() follows the test process's locale: compare with ASCII quotes."""
    return msg.replace("\u2018", "'").replace("\u2019", "'")


def test_control_words_and_prefixes():
    assert backup.control("t") == "numbered"
    assert backup.control("nil") == "existing"
    assert backup.control("never") == "simple"
    assert backup.control("off") == "none"
    assert backup.control("num") == "numbered"
    with pytest.raises(Usage) as e:
        backup.control("n")  # none, never, nil, numbered
    assert "ambiguous argument 'n' for 'backup type'" in _plain(e.value.message)
    with pytest.raises(Usage) as e:
        backup.control("x", "$VERSION_CONTROL")
    assert _plain(e.value.message).startswith("invalid argument 'x' for '$VERSION_CONTROL'\nValid arguments are:\n"
                                      "  - 'none', 'off'\n")


def test_kind_from_environment():
    assert backup.kind_from(None, False, {b"VERSION_CONTROL": b"t"}) == "none"
    assert backup.kind_from(None, True, {}) == "existing"
    assert backup.kind_from(None, True, {b"VERSION_CONTROL": b"simple"}) == "simple"
    assert backup.kind_from("t", True, {b"VERSION_CONTROL": b"simple"}) == "numbered"
    assert backup.kind_from(None, True, {b"VERSION_CONTROL": b""}) == "existing"
    assert backup.kind_from("", True, {b"VERSION_CONTROL": b"t"}) == "numbered"  # --backup= is no value


def test_suffix():
    assert backup.suffix(None, {}) == b"~"
    assert backup.suffix(None, {b"SIMPLE_BACKUP_SUFFIX": b".orig"}) == b".orig"
    assert backup.suffix(".b", {b"SIMPLE_BACKUP_SUFFIX": b".orig"}) == b".b"
    assert backup.suffix("a/b", {}) == b"~"
    assert backup.suffix("", {}) == b"~"


def test_names(tmp_path):
    p = os.fsencode(str(tmp_path / "f"))
    assert backup.name(p, "simple") == p + b"~"
    assert backup.name(p, "existing", b".x") == p + b".x"
    assert backup.name(p, "numbered") == p + b".~1~"
    for n in (b"1", b"7", b"12", b"012", b"x", b""):
        open(p + b".~" + n + b"~", "w").close()
    open(p + b"g.~99~", "w").close()  # another file's backup
    assert backup.highest_number(p) == 12
    assert backup.name(p, "existing") == p + b".~13~"
    assert backup.name(p, "none") is None


def test_rename_away(tmp_path):
    p = os.fsencode(str(tmp_path / "f"))
    open(p, "wb").write(b"1")
    assert backup.rename_away(p, "numbered") == p + b".~1~"
    assert not os.path.exists(p) and open(p + b".~1~", "rb").read() == b"1"


# -- data -----------------------------------------------------------------------

def _copy(tmp_path, data_writer, sparse="auto", kernel=True):
    src = str(tmp_path / "src")
    with open(src, "wb") as f:
        data_writer(f)
    dst = str(tmp_path / ("dst-%s-%s" % (sparse, kernel)))
    sfd = os.open(src, os.O_RDONLY)
    dfd = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        copy.copy_data(sfd, dfd, os.fstat(sfd), sparse, kernel)
    finally:
        os.close(sfd)
        os.close(dfd)
    return src, dst


@pytest.mark.parametrize("sparse", ["auto", "never", "always"])
@pytest.mark.parametrize("kernel", [True, False])
def test_holes(tmp_path, sparse, kernel):
    def write(f):
        f.truncate(6 << 20)
        f.seek(1 << 20)
        f.write(b"a" * 5000)
        f.seek(5 << 20)
        f.write(b"tail")
    src, dst = _copy(tmp_path, write, sparse, kernel)
    if os.stat(src).st_blocks * 512 > 1 << 20:
        pytest.skip("no sparse files here")
    assert open(dst, "rb").read() == open(src, "rb").read()
    assert os.path.getsize(dst) == 6 << 20
    allocated = os.stat(dst).st_blocks * 512
    assert (allocated < 1 << 20) == (sparse != "never")


def test_trailing_hole_and_all_hole(tmp_path):
    src, dst = _copy(tmp_path, lambda f: f.truncate(3 << 20))
    assert os.path.getsize(dst) == 3 << 20 and os.stat(dst).st_blocks == 0
    src, dst = _copy(tmp_path, lambda f: (f.write(b"x"), f.truncate(2 << 20)), "always")
    assert open(dst, "rb").read() == b"x" + bytes((2 << 20) - 1)


@pytest.mark.parametrize("sparse", ["never", "always"])
def test_read_failure_is_a_read_error(tmp_path, sparse):
    sfd = os.open(str(tmp_path), os.O_RDONLY)  # reading a directory: EISDIR
    dfd = os.open(str(tmp_path / "dst"), os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        with pytest.raises(copy._ReadError) as e:
            copy.copy_data(sfd, dfd, os.fstat(sfd), sparse)
        assert e.value.args[0].errno == 21
    finally:
        os.close(sfd)
        os.close(dfd)


@settings(max_examples=30)
@given(chunks=st.lists(st.tuples(st.integers(0, 70000), st.sampled_from([b"\0", b"z", b"\0\1"])), max_size=6),
       sparse=st.sampled_from(["auto", "never", "always"]))
def test_data_round_trip(tmp_path_factory, chunks, sparse):
    tmp = tmp_path_factory.mktemp("rt")
    data = b"".join(pat * n for n, pat in chunks)
    src, dst = _copy(tmp, lambda f: f.write(data), sparse)
    assert open(dst, "rb").read() == data


# -- targets --------------------------------------------------------------------

def test_targets(tmp_path, monkeypatch):
    monkeypatch.chdir(str(tmp_path))
    os.mkdir("d")
    open("f", "w").close()
    assert copy.targets("cp", ["a", "b"], None, False) == [(b"a", b"b")]
    assert copy.targets("cp", ["a/", "b", "d"], None, False) == [(b"a/", b"d/a"), (b"b", b"d/b")]
    assert copy.targets("cp", ["a", "d"], None, True) == [(b"a", b"d")]
    assert copy.targets("cp", ["x/y", "/"], None, False) == [(b"x/y", b"/y")]
    assert copy.targets("cp", ["a"], "d", False) == [(b"a", b"d/a")]
    with pytest.raises(Fail) as e:
        copy.targets("cp", ["a", "b", "f"], None, False)
    assert e.value.message == "target 'f' is not a directory"
    with pytest.raises(Fail) as e:
        copy.targets("cp", ["a"], "f", False)
    assert e.value.message == "target directory 'f': Not a directory"
    with pytest.raises(Usage) as e:
        copy.targets("cp", ["a", "b", "c"], None, True)
    assert e.value.message == "extra operand 'c'"
    with pytest.raises(Usage):
        copy.targets("cp", [], None, False)


def test_last_component():
    assert copy.last_component(b"a/b//") == b"b"
    assert copy.last_component(b"/") == b"/"
    assert copy.last_component(b"x") == b"x"


# -- the copier -----------------------------------------------------------------

def test_copier_tree_preserving_everything(tmp_path, capfd):
    s = tmp_path / "s"
    (s / "d").mkdir(parents=True)
    (s / "d" / "f").write_bytes(b"x" * 100000)
    os.link(str(s / "d" / "f"), str(s / "h"))
    os.symlink("d/f", str(s / "l"))
    os.chmod(str(s / "d"), 0o711)
    os.utime(str(s / "d" / "f"), ns=(1, 2))
    os.utime(str(s / "d"), ns=(3, 4))
    c = copy.Copier("cp", copy.Settings(recursive=True, deref="P", preserve_mode=True, preserve_timestamps=True,
                                        preserve_links=True, preserve_ownership=True))
    assert c.copy(os.fsencode(str(s)), os.fsencode(str(tmp_path / "t")))
    t = tmp_path / "t"
    assert os.stat(str(t / "d" / "f")).st_ino == os.stat(str(t / "h")).st_ino
    assert os.readlink(str(t / "l")) == "d/f"
    assert os.stat(str(t / "d")).st_mtime_ns == 4 and os.stat(str(t / "d" / "f")).st_mtime_ns == 2
    assert os.stat(str(t / "d")).st_mode & 0o777 == 0o711
    assert (t / "d" / "f").read_bytes() == b"x" * 100000
    assert capfd.readouterr() == ("", "")


def test_copier_reports_and_goes_on(tmp_path, capfd):
    c = copy.Copier("cp", copy.Settings())
    assert not c.copy(os.fsencode(str(tmp_path / "nope")), os.fsencode(str(tmp_path / "x")))
    err = capfd.readouterr().err
    assert err == "cp: cannot stat '%s': No such file or directory\n" % (tmp_path / "nope")


def test_copier_reports_failed_attributes(tmp_path, capfd, monkeypatch):
    """A mode or time that cannot be set is reported for each kind of file,
    and the copy counts as failed."""
    s = tmp_path / "s"
    (s / "d").mkdir(parents=True)
    (s / "d" / "f").write_bytes(b"x")
    os.symlink("f", str(s / "d" / "l"))
    os.mkfifo(str(s / "d" / "p"))
    (s / "ro").mkdir(mode=0o500)

    def refuse(*args, **kw):
        raise OSError(1, "Operation not permitted")

    for name in ("chmod", "fchmod", "utime"):
        monkeypatch.setattr(os, name, refuse)
    t = tmp_path / "t"
    c = copy.Copier("cp", copy.Settings(recursive=True, deref="P", preserve_mode=True, preserve_timestamps=True))
    assert not c.copy(os.fsencode(str(s / "d")), os.fsencode(str(t)))
    why = ": Operation not permitted"
    assert sorted(capfd.readouterr().err.splitlines()) == sorted(
        ["cp: preserving %s for '%s'%s" % (what, t / n, why) for n in ("", "f", "p") for what in ("permissions", "times")]
        + ["cp: preserving times for '%s'%s" % (t / "l", why)])
    c = copy.Copier("cp", copy.Settings(recursive=True))
    assert not c.copy(os.fsencode(str(s / "ro")), os.fsencode(str(tmp_path / "ro")))
    assert capfd.readouterr().err == "cp: setting permissions for '%s'%s\n" % (tmp_path / "ro", why)


def test_remove_tree(tmp_path):
    r = tmp_path / "r"
    (r / "a" / "b").mkdir(parents=True)
    (r / "a" / "b" / "f").write_bytes(b"")
    os.symlink("/", str(r / "root-link"))
    assert copy.remove_tree("mv", os.fsencode(str(r)), os.lstat(str(r)))
    assert not r.exists()
    assert os.path.isdir("/")


def test_remove_tree_reports(tmp_path, capfd, monkeypatch):
    """What goes is said (to `say`), what cannot go is reported, and the
    directories above it stay without a message of their own."""
    r = tmp_path / "r"
    (r / "a" / "b").mkdir(parents=True)
    (r / "a" / "b" / "stuck").write_bytes(b"")
    (r / "a" / "f").write_bytes(b"")
    (r / "c").mkdir()
    (r / "sticky").mkdir()
    real_unlink, real_rmdir = os.unlink, os.rmdir

    def unlink(name, *args, **kw):
        if os.fsencode(name).endswith(b"stuck"):
            raise OSError(1, "Operation not permitted")
        return real_unlink(name, *args, **kw)

    def rmdir(name, *args, **kw):
        if os.fsencode(name).endswith(b"sticky"):
            raise OSError(16, "Device or resource busy")
        return real_rmdir(name, *args, **kw)

    monkeypatch.setattr(os, "unlink", unlink)
    monkeypatch.setattr(os, "rmdir", rmdir)
    said = []
    assert not copy.remove_tree("mv", os.fsencode(str(r)), os.lstat(str(r)), said.append)
    assert sorted(said) == sorted(["removed '%s'" % (r / "a" / "f"), "removed directory '%s'" % (r / "c")])
    assert sorted(capfd.readouterr().err.splitlines()) == [
        "mv: cannot remove '%s': Operation not permitted" % (r / "a" / "b" / "stuck"),
        "mv: cannot remove '%s': Device or resource busy" % (r / "sticky")]
    assert sorted(os.listdir(str(r))) == ["a", "sticky"] and os.listdir(str(r / "a")) == ["b"]
    (r / "f").write_bytes(b"")
    assert not copy.remove_tree("mv", os.fsencode(str(r / "f")) + b"x", os.lstat(str(r / "f")), said.append)
    assert capfd.readouterr().err == "mv: cannot remove '%s': No such file or directory\n" % (r / "fx")
    assert copy.remove_tree("mv", os.fsencode(str(r / "f")), os.lstat(str(r / "f")), said.append)
    assert said[-1] == "removed '%s'" % (r / "f")


def test_inode_order(tmp_path, capfd):
    """Entries are copied in inode order, as GNU's savedir reads them."""
    s = tmp_path / "s"
    s.mkdir()
    for n in ("m", "a", "z", "k"):
        (s / n).write_bytes(b"")
    c = copy.Copier("cp", copy.Settings(recursive=True, deref="P", verbose=True))
    from multicall import stdio
    stdio.push()
    try:
        assert c.copy(os.fsencode(str(s)), os.fsencode(str(tmp_path / "t")))
    finally:
        stdio.pop()
    lines = capfd.readouterr().out.splitlines()[1:]
    names = [l.split(" -> ")[0].strip("'").rsplit("/", 1)[1] for l in lines]
    assert names == sorted(names, key=lambda n: os.lstat(str(s / n)).st_ino)
