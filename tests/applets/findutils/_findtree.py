"""Shared by the find tests: a tree with every kind of entry and fixed
times, and runners for GNU find and for pybox's find."""
import os
import shutil
import subprocess
import time

DAY = 86400

# name -> age in seconds at build time (mtime = now - age; atime 7 s older)
AGES = {
    "a/x.c": 3600, "a/y.h": DAY * 2 + 100, "a/b/z.txt": DAY * 10, "top": 60 * 30, "big": DAY * 400,
    "e/f/g": DAY + 30, "e/f/h": DAY * 3 - 50, "exec.sh": 120, "suid": DAY * 200, "sticky": -3600 * 5,
    "gw": DAY * 181, "ro": DAY * 183, "odd name": 7200, "new\nline": DAY * 30, "caf\u00e9": DAY * 365 * 30,
}


def build(root, now=None):
    """Regular files of several sizes and modes, empty and nested
    directories, symbolic links (to a file, to a directory, dangling, to
    itself, to an ancestor), a hard link, a FIFO, and names with spaces,
    newlines, tabs, wildcard characters, UTF-8 and invalid UTF-8."""
    now = time.time() if now is None else now
    os.makedirs(root, exist_ok=True)

    def f(path, data=b"", mode=0o644):
        p = os.path.join(root, path)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as fh:
            fh.write(data)
        os.chmod(p, mode)

    for d in ("a/b/c", "empty", "e/f"):
        os.makedirs(os.path.join(root, d), exist_ok=True)
    f("a/x.c", b"int main;\n")
    f("a/y.h", b"#define X\n" * 100)
    f("a/b/z.txt", b"z" * 5000)
    f("a/b/c/deep.h")
    f("top", b"t")
    f("big", b"b" * 1048577)
    f("exec.sh", b"#!/bin/sh\n", 0o755)
    f("suid", b"", 0o4755)
    f("sticky", b"", 0o1777)
    f("gw", b"", 0o664)
    f("ro", b"", 0o444)
    f("none", b"", 0o000)
    f("e/f/g", b"x" * 1024)
    f("e/f/h", b"x" * 1025)
    f("odd name", b"1")
    f("new\nline", b"2")
    f("tab\there", b"3")
    f(os.fsdecode(b"bad\xffutf8"), b"4")
    f("caf\u00e9", b"5")
    f("CAF\u00c9", b"6")
    f(".hidden", b"7")
    f("star*")
    f("q?")
    f("br[a]")
    f("back\\slash")
    os.symlink("top", os.path.join(root, "link2top"))
    os.symlink("nowhere", os.path.join(root, "dangling"))
    os.symlink("a", os.path.join(root, "link2dir"))
    os.symlink("loopself", os.path.join(root, "loopself"))
    os.symlink("..", os.path.join(root, "a/b/up"))
    os.link(os.path.join(root, "top"), os.path.join(root, "hardlink"))
    os.mkfifo(os.path.join(root, "fifo"))
    for path, age in AGES.items():
        os.utime(os.path.join(root, path), (now - age - 7, now - age))
    os.utime(os.path.join(root, "link2top"), (now - 99999, now - 99999), follow_symlinks=False)
    for d in ("a/b/c", "a/b", "a", "e/f", "e", "empty"):
        os.utime(os.path.join(root, d), (now - DAY * 5, now - DAY * 5))
    os.utime(root, (now - 500, now - 500))


def gnu_find():
    """The path of GNU find, or None."""
    path = shutil.which("find") or "/usr/bin/find"
    try:
        v = subprocess.run([path, "--version"], capture_output=True, timeout=10).stdout
    except OSError:
        return None
    return path if b"GNU findutils" in v else None


def env_for(locale="C", extra=None):
    from conftest import child_env
    env = child_env({"LC_ALL": locale})
    env.pop("POSIXLY_CORRECT", None)
    env.update(extra or {})
    return env


def run_gnu(args, cwd, locale="C", stdin=b"", extra_env=None):
    p = subprocess.run(["find"] + list(args), executable=gnu_find(), cwd=cwd, input=stdin,
                       capture_output=True, env=env_for(locale, extra_env), timeout=60)
    return p.stdout, p.stderr, p.returncode


def run_pybox(bindir, args, cwd, locale="C", stdin=b"", extra_env=None):
    p = subprocess.run([os.path.join(bindir, "find")] + list(args), cwd=cwd, input=stdin,
                       capture_output=True, env=env_for(locale, extra_env), timeout=60)
    return p.stdout, p.stderr, p.returncode


def run_inprocess(args, cwd, locale="C", stdin=b"", extra_env=None):
    """pybox's find in this process (the fast runner for bulk cases)."""
    from conftest import run_inprocess as run
    old = os.getcwd()
    os.chdir(cwd)
    try:
        env = {"LC_ALL": locale}
        env.update(extra_env or {})
        return tuple(run("find", *args, stdin=stdin, env=env))
    finally:
        os.chdir(old)
