"""Helpers for the tests of cp, mv, ln and install: snapshot a tree (names,
types, modes, owners, contents or link targets, hard-link groups, times),
and run one shell script with GNU's tools and with pybox's on twin trees."""
import os
import re
import stat
import subprocess
import time

from conftest import child_env

TOOLS = ("cp", "mv", "ln", "install")


def snapshot(root, times=False, blocks=False):
    """A sorted list of rows describing the tree under `root`; files that
    are hard links of each other name the first of their group."""
    root = os.fsencode(root)
    rows = []
    first = {}
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
            rows.append((rel, st))
            if not stat.S_ISDIR(st.st_mode) and st.st_nlink > 1:
                key = (st.st_dev, st.st_ino)
                first[key] = min(first.get(key, rel), rel)
            rows[-1] = (rel, st, data)
    out = []
    for rel, st, data in rows:
        group = first.get((st.st_dev, st.st_ino)) if not stat.S_ISDIR(st.st_mode) else None
        row = (rel, stat.S_IFMT(st.st_mode), stat.S_IMODE(st.st_mode), st.st_uid, st.st_gid, data, group)
        if times:
            # only old times can be compared between two runs: they were
            # set on purpose (touch -d) and preserved
            old = st.st_mtime_ns < (time.time() - 86400) * 1e9
            row += (st.st_mtime_ns if old else "recent",)
        if blocks:
            row += (st.st_blocks,)
        out.append(row)
    out.sort()
    return out


def run_script(script, cwd, tools, env=None, stdin=b""):
    """Run /bin/sh -c SCRIPT in `cwd` with $CP $MV $LN $INSTALL naming
    `tools`: a directory of links put first on PATH, so that each runs
    under its plain name (GNU's messages start with argv[0])."""
    import tempfile
    bindir = tempfile.mkdtemp(prefix="tools", dir=os.path.dirname(cwd))
    for t, path in tools.items():
        os.symlink(path, os.path.join(bindir, t))
    e = {t.upper(): t for t in tools}
    e["PATH"] = bindir + os.pathsep + child_env()["PATH"]
    e.update(env or {})
    p = subprocess.run(["/bin/sh", "-c", script], cwd=cwd, env=child_env(e), input=stdin,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    return p.stdout, p.stderr, p.returncode


def gnu_tools(gnu):
    return {t: gnu(t) for t in TOOLS}


def pybox_tools(bindir):
    return {t: os.path.realpath(os.path.join(bindir, t)) for t in TOOLS}


_LS_TIME = re.compile(rb"\b[A-Z][a-z]{2} [ \d]\d (?:\d\d:\d\d|  ?\d{4}) ")


def differ(bindir, gnu, tmp_path, script, setup="", times=False, env=None, stdin=b"", sort_out=False):
    """Run `setup` then `script` in two fresh directories, once with GNU's
    tools and once with pybox's; assert the same output, status and tree.
    Returns pybox's (out, err, status)."""
    results = []
    for name, tools in (("gnu", gnu_tools(gnu)), ("pybox", pybox_tools(bindir))):
        d = tmp_path / name
        d.mkdir()
        if setup:
            r = run_script(setup, str(d), gnu_tools(gnu))
            assert r[2] == 0, r
        r = run_script(script, str(d), tools, env=env, stdin=stdin)
        # `ls -l` in a script shows the minute the files were made: the two
        # runs may fall on either side of a minute's turn
        r = (_LS_TIME.sub(b"<time>", r[0]),) + tuple(r[1:])
        if sort_out:
            # several entries in one directory come in inode order, which
            # differs between the two trees
            r = (b"".join(sorted(r[0].splitlines(True))), b"".join(sorted(r[1].splitlines(True))), r[2])
        results.append((r, snapshot(str(d), times)))
    (g, gtree), (p, ptree) = results
    assert p == g, (p, g)
    assert ptree == gtree, [x for x in ptree if x not in gtree] + ["--"] + [x for x in gtree if x not in ptree]
    return p
