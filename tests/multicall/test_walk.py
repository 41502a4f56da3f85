"""multicall.walk: visit order (pre, post, files), pruning, the -P/-H/-L
rules, loops, one-file-system, errors that do not stop the walk, lazy
stat, ordering, selection, descriptor-relative operations, and a tree
10,000 directories deep (walked, stat'ed and removed with a bounded number
of descriptors and paths longer than PATH_MAX)."""
import os
import shutil
import subprocess
import sys

import pytest

from multicall import walk as W


def K(kind):
    return W.KIND_NAMES[kind]


def visits(roots, **kw):
    """[(kind, path, depth)] for a walk; paths as str."""
    return [(K(e.kind), e.path.decode("utf-8", "surrogateescape"), e.depth)
            for e in W.Walker([os.fsencode(r) for r in roots], **kw)]


@pytest.fixture
def tree(tmp_path):
    """a/ b/ c (file) ; a/f ; a/b/g ; l -> a (symlink to a directory) ;
    dang -> nowhere ; a/b/up -> .. (a loop with -L)."""
    root = tmp_path / "t"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "f").write_bytes(b"f")
    (root / "a" / "b" / "g").write_bytes(b"gg")
    (root / "c").write_bytes(b"")
    os.symlink("a", root / "l")
    os.symlink("nowhere", root / "dang")
    os.symlink("..", root / "a" / "b" / "up")
    return root


def by_path(vs):
    return sorted(vs, key=lambda v: (v[1], v[0]))


# -- order and kinds ---------------------------------------------------------------

def test_pre_and_post_order(tree):
    vs = visits([str(tree)])
    root = str(tree)
    assert vs[0] == ("pre", root, 0)
    assert vs[-1] == ("post", root, 0)
    index = {(k, p): i for i, (k, p, d) in enumerate(vs)}
    # every directory: PRE before its children, POST after them
    for d, kids in ((root + "/a", ["/f", "/b"]), (root + "/a/b", ["/g", "/up"])):
        for k in kids:
            child = [i for (kind, p), i in index.items() if p == d + k][0]
            assert index[("pre", d)] < child < index[("post", d)]
    assert ("file", root + "/c", 1) in vs
    assert ("file", root + "/l", 1) in vs  # not followed with -P
    assert ("file", root + "/a/b/up", 3) in vs
    kinds = [k for k, p, d in vs]
    assert kinds.count("pre") == kinds.count("post") == 3


def test_depth_and_names(tree):
    for e in W.Walker([bytes(tree)]):
        if e.depth:
            assert e.path.endswith(b"/" + e.name)
            assert e.path.count(b"/") - bytes(tree).count(b"/") == e.depth
        else:
            assert e.name == e.path == bytes(tree) == e.root
            assert e.dir_fd is None


def test_trailing_slash_of_the_root(tree):
    os.chdir(tree)
    assert ("file", "a/f", 1) in visits(["a/"])
    assert ("file", "a//f", 1) in visits(["a//"])
    vs = visits(["a/"])
    assert vs[0] == ("pre", "a/", 0) and vs[-1] == ("post", "a/", 0)


def test_readdir_order_is_kept_by_default(tmp_path):
    names = ["n%03d" % i for i in range(60)]
    for n in names:
        (tmp_path / n).write_bytes(b"")
    got = [e.name.decode() for e in W.Walker([bytes(tmp_path)]) if e.depth]
    assert got == os.listdir(tmp_path)
    assert [e.name.decode() for e in W.Walker([bytes(tmp_path)], order="name") if e.depth] == sorted(names)
    rev = [e.name.decode() for e in W.Walker([bytes(tmp_path)], order=lambda ns: sorted(ns, reverse=True))
           if e.depth]
    assert rev == sorted(names, reverse=True)


def test_fts_order_sorts_big_directories_by_inode(tmp_path):
    from multicall.walk import fs_type
    d = tmp_path / "big"
    d.mkdir()
    fd = os.open(d, os.O_RDONLY)
    try:
        for i in range(W.INODE_SORT_THRESHOLD + 5):
            os.close(os.open("f%d" % i, os.O_CREAT | os.O_WRONLY, dir_fd=fd))
    finally:
        os.close(fd)
    got = [e.name for e in W.Walker([bytes(d)], order="fts") if e.depth]
    if fs_type(os.stat(d).st_dev) in W._NO_INODE_SORT:
        assert got == [os.fsencode(n) for n in os.listdir(d)]
    else:
        inodes = [os.stat(os.path.join(d, os.fsdecode(n))).st_ino for n in got]
        assert inodes == sorted(inodes)
    find = shutil.which("find")
    if find and b"GNU" in subprocess.run([find, "--version"], capture_output=True).stdout:
        out = subprocess.run([find, str(d), "-mindepth", "1", "-printf", "%f\\n"], capture_output=True).stdout
        assert out.split() == got


# -- pruning ------------------------------------------------------------------------

def test_prune_at_pre_still_gives_post(tree):
    out = []
    for e in W.Walker([bytes(tree)]):
        out.append((K(e.kind), e.name))
        if e.kind == W.PRE and e.name == b"a":
            e.prune()
    assert ("pre", b"a") in out and ("post", b"a") in out
    i = out.index(("pre", b"a"))
    assert out[i + 1] == ("post", b"a")
    assert (b"f" not in [n for k, n in out])


def test_prune_the_root(tree):
    out = []
    for e in W.Walker([bytes(tree)]):
        out.append(K(e.kind))
        e.prune()
    assert out == ["pre", "post"]


# -- symbolic links -------------------------------------------------------------------

def test_physical_never_follows(tree):
    vs = visits([str(tree / "l")])
    assert vs == [("file", str(tree / "l"), 0)]
    e = next(iter(W.Walker([bytes(tree / "l")])))
    assert e.type() == W.S_IFLNK and e.stat().st_mode & 0o170000 == W.S_IFLNK


def test_H_follows_the_starting_point_only(tree):
    vs = visits([str(tree / "l")], follow="H")
    assert vs[0] == ("pre", str(tree / "l"), 0)
    assert ("file", str(tree / "l/b/up"), 2) in vs  # below it: not followed
    assert ("file", str(tree / "l/f"), 1) in vs
    vs = visits([str(tree)], follow="H")
    assert ("file", str(tree / "l"), 1) in vs


def test_L_follows_everything_and_reports_loops(tree):
    vs = []
    loops = []
    dang = None
    for e in W.Walker([bytes(tree)], follow="L"):
        vs.append((K(e.kind), e.path.decode(), e.depth))
        if e.kind == W.LOOP:
            loops.append((e.path, e.loop_path))
        if e.name == b"dang":
            dang = (K(e.kind), e.broken, e.type())
    root = str(tree)
    assert ("pre", root + "/l", 1) in vs and ("file", root + "/l/f", 2) in vs
    assert sorted(loops) == sorted(
        [(bytes(tree) + b"/a/b/up", bytes(tree) + b"/a"), (bytes(tree) + b"/l/b/up", bytes(tree) + b"/l")])
    # the dangling link is visited as itself
    assert dang == ("file", True, W.S_IFLNK)


def test_L_self_loop_link_is_an_error(tmp_path):
    os.symlink("self", tmp_path / "self")
    ws = [e for e in W.Walker([bytes(tmp_path)], follow="L") if e.depth]
    assert [(K(e.kind), e.stage, e.error.errno) for e in ws] == [("error", "stat", 40)]


def test_loop_through_a_bind_mount(tmp_path):
    (tmp_path / "d" / "m").mkdir(parents=True)
    if subprocess.run(["mount", "--bind", str(tmp_path / "d"), str(tmp_path / "d" / "m")],
                      capture_output=True).returncode:
        pytest.skip("cannot bind-mount here")
    try:
        vs = list(W.Walker([bytes(tmp_path / "d")]))
        loops = [e for e in vs if e.kind == W.LOOP]
        assert [e.path for e in loops] == [bytes(tmp_path / "d" / "m")]
        assert loops[0].loop_path == bytes(tmp_path / "d")
    finally:
        subprocess.run(["umount", str(tmp_path / "d" / "m")])


# -- one file system ---------------------------------------------------------------------

def test_xdev_visits_the_mount_point_but_not_inside(tmp_path):
    (tmp_path / "m").mkdir()
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "x").write_bytes(b"")
    if subprocess.run(["mount", "-t", "tmpfs", "none", str(tmp_path / "m")], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        (tmp_path / "m" / "inside").write_bytes(b"")
        vs = visits([str(tmp_path)], xdev=True)
        assert ("pre", str(tmp_path / "m"), 1) in vs and ("post", str(tmp_path / "m"), 1) in vs
        assert ("file", str(tmp_path / "m/inside"), 2) not in vs
        assert ("file", str(tmp_path / "plain/x"), 2) in vs
        assert ("file", str(tmp_path / "m/inside"), 2) in visits([str(tmp_path)])
        assert W.fs_type(os.stat(tmp_path / "m").st_dev) == "tmpfs"
    finally:
        subprocess.run(["umount", str(tmp_path / "m")])


# -- errors -------------------------------------------------------------------------------

def test_missing_starting_point_then_the_next(tree):
    vs = list(W.Walker([b"/nonexistent/x", bytes(tree / "c")]))
    assert (K(vs[0].kind), vs[0].stage, vs[0].error.errno, vs[0].depth) == ("error", "stat", 2, 0)
    assert (K(vs[1].kind), vs[1].path) == ("file", bytes(tree / "c"))


def test_vanished_directory_between_visit_and_open(tree):
    out = []
    for e in W.Walker([bytes(tree)]):
        out.append((K(e.kind), e.name, e.stage, e.error.errno if e.error else None))
        if e.kind == W.PRE and e.name == b"b":
            shutil.rmtree(tree / "a" / "b")
    i = out.index(("pre", b"b", None, None))
    assert out[i + 1] == ("error", b"b", "open", 2)
    assert out[i + 2] == ("post", b"b", None, None)
    assert out[-1][0] == "post"  # the walk went on


def test_vanished_file_stat_raises_for_the_caller(tree):
    for e in W.Walker([bytes(tree)]):
        if e.name == b"f":
            os.unlink(tree / "a" / "f")
            with pytest.raises(FileNotFoundError):
                e.stat()
            assert e.type() == W.S_IFREG  # d_type still known


@pytest.fixture
def public_tmp():
    """A temporary directory that other users can reach (pytest's is 0700)."""
    import pathlib
    import tempfile
    d = tempfile.mkdtemp(prefix="pybox-walk-")
    os.chmod(d, 0o755)
    yield pathlib.Path(d)
    subprocess.run(["chmod", "-R", "u+rwx", d])
    shutil.rmtree(d, ignore_errors=True)


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run as another user")
def test_unreadable_directory_as_another_user(public_tmp):
    tmp_path = public_tmp
    top = tmp_path / "u"
    (top / "closed").mkdir(parents=True)
    (top / "closed" / "secret").write_bytes(b"")
    (top / "open").mkdir()
    os.chmod(top / "closed", 0o333)
    os.chmod(tmp_path, 0o755)
    code = ("import sys; sys.path.insert(0, %r)\n"
            "from multicall import walk as W\n"
            "for e in W.Walker([%r]):\n"
            "    print(W.KIND_NAMES[e.kind], e.path.decode(), e.stage, e.error.errno if e.error else '')\n"
            % (os.path.dirname(os.path.dirname(W.__file__)), bytes(top)))
    python = "/usr/bin/python3" if os.access("/usr/bin/python3", os.X_OK) else sys.executable
    p = subprocess.run([python, "-I", "-S", "-c", code], capture_output=True, user=65534, group=65534)
    if p.returncode and b"Permission denied" in p.stderr:
        pytest.skip("no interpreter or checkout that another user can read")
    lines = p.stdout.decode().splitlines()
    c = str(top / "closed")
    i = lines.index("pre %s None " % c)
    assert lines[i + 1] == "error %s read 13" % c or lines[i + 1] == "error %s open 13" % c
    assert lines[i + 2] == "post %s None " % c
    assert "pre %s None " % (top / "open") in lines


# -- stat ------------------------------------------------------------------------------

def test_files_are_not_stated_unless_asked(tmp_path, monkeypatch):
    for i in range(50):
        (tmp_path / ("f%d" % i)).write_bytes(b"")
    (tmp_path / "d").mkdir()
    calls = []
    real = W._stat

    def counting(*a, **kw):
        calls.append(a[0])
        return real(*a, **kw)
    monkeypatch.setattr(W, "_stat", counting)
    names = [e.name for e in W.Walker([bytes(tmp_path)]) if e.type() == W.S_IFREG]
    assert len(names) == 50
    assert sorted(calls) == sorted([bytes(tmp_path), b"d"])  # the root and the directory only
    for e in W.Walker([bytes(tmp_path)]):
        if e.depth:
            assert e.stat().st_size == 0 if e.name != b"d" else True
    assert len(calls) > 52


def test_stat_lstat_and_dir_fd(tree):
    for e in W.Walker([bytes(tree)], follow="L"):
        if e.name == b"l" and e.kind == W.PRE:
            assert e.stat().st_mode & 0o170000 == W.S_IFDIR
            assert e.lstat().st_mode & 0o170000 == W.S_IFLNK
            assert os.readlink(e.name, dir_fd=e.dir_fd) == b"a"


def test_non_utf8_names(tmp_path):
    name = b"bad\xff\xfename"
    fd = os.open(tmp_path, os.O_RDONLY)
    os.close(os.open(name, os.O_CREAT | os.O_WRONLY, dir_fd=fd))
    os.close(fd)
    got = []
    for e in W.Walker([bytes(tmp_path)]):
        if e.depth:
            got.append((e.name, e.path, e.stat().st_size))  # dir_fd is valid during the visit
    assert got == [(name, bytes(tmp_path) + b"/" + name, 0)]


def test_select_skips_files_but_not_directories(tree):
    seen = [(K(e.kind), e.name) for e in W.Walker([bytes(tree)], select=lambda n, t: n == b"g")]
    assert ("file", b"g") in seen and ("pre", b"b") in seen
    assert not any(k == "file" and n != b"g" for k, n in seen)


def test_closing_early_closes_descriptors(tree):
    before = len(os.listdir("/proc/self/fd"))
    it = iter(W.Walker([bytes(tree)]))
    for e in it:
        if e.name == b"b":
            break
    it.close()
    assert len(os.listdir("/proc/self/fd")) == before


# -- deep trees --------------------------------------------------------------------------

def make_deep(base, depth, every=1000):
    """base/dd/dd/... `depth` levels, a file `f` every `every` levels,
    built with descriptors (the paths exceed PATH_MAX)."""
    fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for i in range(depth):
            os.mkdir("dd", dir_fd=fd)
            if i % every == 0:
                os.close(os.open("f", os.O_CREAT | os.O_WRONLY, dir_fd=fd))
            nfd = os.open("dd", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = nfd
    finally:
        os.close(fd)


def remove_tree(base):
    """Post-order removal through the walker's descriptors."""
    errors = []
    for e in W.Walker([base]):
        if e.kind == W.POST and e.depth:
            os.rmdir(e.name, dir_fd=e.dir_fd)
        elif e.kind == W.FILE:
            os.unlink(e.name, dir_fd=e.dir_fd)
        elif e.kind == W.ERROR:
            errors.append(e)
    return errors


@pytest.fixture
def deep(tmp_path):
    """An empty directory for a deep tree: in /dev/shm when it is a tmpfs
    (ten thousand mkdir and rmdir on a journalled disk take seconds),
    removed at the end with the walker's own post-order (shutil.rmtree
    cannot: the paths exceed PATH_MAX)."""
    import tempfile
    top = None
    if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
        top = tempfile.mkdtemp(prefix="pybox-walk-", dir="/dev/shm").encode()
        base = top + b"/deep"
    else:
        base = bytes(tmp_path / "deep")
    os.mkdir(base)
    yield base
    if os.path.exists(base):
        remove_tree(base)
        os.rmdir(base)
    if top is not None:
        shutil.rmtree(top, ignore_errors=True)


@pytest.mark.parametrize("depth, max_fds", [(10000, 64), (2500, 3)])
def test_deep_tree(deep, depth, max_fds):
    """Walk, stat through the parent descriptors, and remove."""
    make_deep(deep, depth)
    fds_before = len(os.listdir("/proc/self/fd"))
    fds_seen = []
    n = files = maxlen = 0
    maxdepth = 0
    for e in W.Walker([deep], max_fds=max_fds):
        assert e.kind != W.ERROR, e.error
        n += 1
        if e.kind == W.FILE:
            files += 1
            assert e.stat().st_size == 0  # stat through the parent's descriptor
        maxlen = max(maxlen, len(e.path))
        maxdepth = max(maxdepth, e.depth)
        if n % 1500 == 0:
            fds_seen.append(len(os.listdir("/proc/self/fd")))
    assert maxdepth == depth
    assert files == (depth + 999) // 1000
    assert n == 2 * (depth + 1) + files
    assert maxlen > 4096 * (depth // 2500)
    assert max(fds_seen) <= fds_before + max_fds + 1
    assert remove_tree(deep) == []
    assert os.listdir(deep) == []


def test_deep_chain_of_followed_links(deep):
    """-L through a chain of 300 links (w/n -> t0, t0/n -> t1, ...): with few
    descriptors, re-opening a closed ancestor must go down the names again
    from an open one (.. of a linked directory leads elsewhere)."""
    os.mkdir(deep + b"/w")
    os.mkdir(deep + b"/targets")
    levels = 300
    for i in range(levels):
        t = deep + b"/targets/t%d" % i
        os.mkdir(t)
        open(t + b"/f", "wb").close()
        if i + 1 < levels:
            os.symlink(b"../t%d" % (i + 1), t + b"/n")
    os.symlink(b"../targets/t0", deep + b"/w/n")
    for max_fds in (3, 64):
        kinds = []
        files = []
        for e in W.Walker([deep + b"/w"], follow="L", max_fds=max_fds):
            kinds.append(e.kind)
            if e.kind == W.FILE:
                files.append(e.path)
            if e.kind == W.POST and e.depth > 1:
                # the descriptors handed out after climbing back are the right directories
                assert os.stat(e.name, dir_fd=e.dir_fd).st_ino == os.stat(deep + b"/targets/t%d" % (e.depth - 1)).st_ino
        assert W.ERROR not in kinds and W.LOOP not in kinds
        assert sorted(files) == sorted(deep + b"/w" + b"/n" * (i + 1) + b"/f" for i in range(levels))
        assert kinds.count(W.POST) == kinds.count(W.PRE) == levels + 1


def test_deep_path_frames_drop_and_rebuild_paths(deep):
    make_deep(deep, 3000, every=1)
    got = [e.path for e in W.Walker([deep]) if e.kind == W.POST]
    assert got[0] == deep + b"/dd" * 3000
    assert got[-1] == deep
    assert all(got[i] == got[i - 1][:-3] for i in range(1, len(got)))


# -- listing mode (ls -R) ------------------------------------------------------------------

def listing(roots, choose=None, **kw):
    """Walk in listing mode; at each PRE read e.fd and descend into the
    subdirectories `choose(names)` returns (default: all, reverse name
    order, to show the caller's order is kept).  [(kind, path, listed)]."""
    out = []
    for e in W.Walker([os.fsencode(r) for r in roots], listing=True, **kw):
        listed = None
        if e.kind == W.PRE:
            assert isinstance(e.fd, int)
            with os.scandir(e.fd) as it:
                ents = list(it)
            listed = sorted(d.name for d in ents)
            dirs = {d.name: d for d in ents if d.is_dir() and (kw.get("follow") == "L" or not d.is_symlink())}
            names = choose(sorted(dirs)) if choose else sorted(dirs, reverse=True)
            e.descend([dirs[n] for n in names])
        else:
            assert e.fd is None
        out.append((K(e.kind), e.path.decode(), listed))
    return out


def test_listing_whole_directory_before_subdirectories(tmp_path):
    for p in ("r/a/x", "r/b/y/z", "r/c"):
        (tmp_path / p).mkdir(parents=True)
    (tmp_path / "r" / "f").write_bytes(b"")
    root = str(tmp_path / "r")
    got = listing([root])
    rel = [(k, p[len(root):], l) for k, p, l in got]
    assert rel == [("pre", "", ["a", "b", "c", "f"]),
                   ("pre", "/c", []), ("post", "/c", None),
                   ("pre", "/b", ["y"]), ("pre", "/b/y", ["z"]), ("pre", "/b/y/z", []),
                   ("post", "/b/y/z", None), ("post", "/b/y", None), ("post", "/b", None),
                   ("pre", "/a", ["x"]), ("pre", "/a/x", []), ("post", "/a/x", None),
                   ("post", "/a", None), ("post", "", None)]


def test_listing_only_chosen_subdirectories_and_no_file_visits(tree):
    got = listing([str(tree)], choose=lambda names: [n for n in names if n != "a"])
    assert [k for k, _, _ in got] == ["pre", "post"]  # only a/ is a real directory
    got = listing([str(tree)], choose=lambda names: [])
    assert [k for k, _, _ in got] == ["pre", "post"]


def test_listing_L_reports_loops(tree):
    got = listing([str(tree)], follow="L", choose=None)
    kinds = [(k, os.path.relpath(p, tree)) for k, p, _ in got]
    assert ("loop", "a/b/up") in kinds
    assert ("pre", "l/b") in kinds  # through the followed link


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run as another user")
def test_listing_unopenable_directory_is_an_error_without_pre(public_tmp):
    top = public_tmp / "d"
    (top / "locked").mkdir(parents=True)
    os.chmod(top / "locked", 0)
    code = ("import os, sys; sys.path.insert(0, %r)\n"
            "from multicall import walk as W\n"
            "for e in W.Walker([%r], listing=True):\n"
            "    if e.kind == W.PRE:\n"
            "        e.descend([x for x in os.scandir(e.fd) if x.is_dir()])\n"
            "    print(W.KIND_NAMES[e.kind], e.path.decode(), e.stage)\n"
            % (os.path.dirname(os.path.dirname(W.__file__)), bytes(top)))
    python = "/usr/bin/python3" if os.access("/usr/bin/python3", os.X_OK) else sys.executable
    p = subprocess.run([python, "-I", "-S", "-c", code], capture_output=True, user=65534, group=65534)
    if p.returncode and b"Permission denied" in p.stderr:
        pytest.skip("no interpreter or checkout that another user can read")
    assert p.stdout.decode().splitlines() == ["pre %s None" % top, "error %s/locked open" % top,
                                              "post %s None" % top]


def test_listing_deep_tree_with_few_descriptors(deep):
    make_deep(deep, 3000)
    fds_before = len(os.listdir("/proc/self/fd"))
    most = levels = 0
    for e in W.Walker([deep], listing=True, max_fds=4):
        assert e.kind in (W.PRE, W.POST), e
        if e.kind == W.PRE:
            levels += 1
            e.descend([d for d in os.scandir(e.fd) if d.is_dir()])
            if levels % 500 == 0:
                most = max(most, len(os.listdir("/proc/self/fd")))
    assert levels == 3001
    assert most <= fds_before + 4 + 2
    assert remove_tree(deep) == []


def test_listing_refuses_other_modes():
    with pytest.raises(ValueError):
        W.Walker([b"."], listing=True, xdev=True)
