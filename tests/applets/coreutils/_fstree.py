"""Helpers for the tests of the file-changing applets (rm, chmod, chown,
mkdir, touch ...): build a tree from a description, snapshot a tree, and
run pybox and GNU side by side on two copies of the same tree."""
import os
import stat


def build(root, spec):
    """Create the entries of `spec` under `root` (str or bytes): a dict
    name -> bytes (a file), dict (a directory), ("link", target),
    ("fifo",), ("mode", mode, entry) for an entry then chmod'ed."""
    root = os.fsencode(root)
    os.makedirs(root, exist_ok=True)
    for name, what in spec.items():
        p = os.path.join(root, os.fsencode(name))
        mode = None
        if isinstance(what, tuple) and what[0] == "mode":
            mode, what = what[1], what[2]
        if isinstance(what, dict):
            os.mkdir(p)
            build(p, what)
        elif isinstance(what, (bytes, bytearray)):
            with open(p, "wb") as f:
                f.write(what)
        elif what[0] == "link":
            os.symlink(os.fsencode(what[1]), p)
        elif what[0] == "fifo":
            os.mkfifo(p)
        else:
            raise ValueError(what)
        if mode is not None:
            os.chmod(p, mode)


def snapshot(root, times=False):
    """A sorted list describing the tree under `root`: (path, type, mode,
    uid, gid, content or link target[, mtime_ns])."""
    root = os.fsencode(root)
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        for name in sorted(dirnames + filenames):
            p = os.path.join(dirpath, name)
            st = os.lstat(p)
            rel = os.path.relpath(p, root)
            if stat.S_ISLNK(st.st_mode):
                data = os.readlink(p)
            elif stat.S_ISREG(st.st_mode):
                with open(p, "rb") as f:
                    data = f.read()
            else:
                data = None
            row = (rel, stat.S_IFMT(st.st_mode), stat.S_IMODE(st.st_mode), st.st_uid, st.st_gid, data)
            if times:
                row += (st.st_mtime_ns, st.st_atime_ns)
            out.append(row)
    out.sort()
    return out


def twin(tmp_path, spec):
    """Two copies of the tree `spec`: (gnu_dir, pybox_dir) as str."""
    import tempfile
    base = tempfile.mkdtemp(dir=str(tmp_path))
    g = os.path.join(base, "gnu")
    p = os.path.join(base, "pybox")
    build(g, spec)
    build(p, spec)
    return g, p


def both(run, run_gnu, tmp_path, spec, tool, *args, stdin=b"", env=None, times=False):
    """Run GNU's tool and pybox's on twin trees, each in its own tree;
    assert equal output, status and resulting trees; return pybox's Result."""
    g, p = twin(tmp_path, spec)
    expected = run_gnu(tool, *args, stdin=stdin, env=env, cwd=g)
    got = run(tool, *args, stdin=stdin, env=env, cwd=p)
    assert got == expected, "pybox %s %r differs from GNU" % (tool, args)
    assert snapshot(p, times) == snapshot(g, times)
    return got
