"""Helpers for the shell's tests: run a script through pybox's sh and
through dash (the reference for message shapes), and compare."""
import os
import shutil

import pytest

from conftest import run_argv

DASH = "/bin/dash" if os.access("/bin/dash", os.X_OK) else None
BUSYBOX = shutil.which("busybox")


def dash(script, *args, stdin=b"", env=None, cwd=None):
    if DASH is None:
        pytest.skip("dash is not installed")
    return run_argv([DASH, "-c", script, "sh"] + list(args), stdin=stdin, env=env, cwd=cwd)


def ash(script, *args, stdin=b"", env=None, cwd=None):
    if BUSYBOX is None:
        pytest.skip("busybox is not installed")
    return run_argv([BUSYBOX, "sh", "-c", script, "sh"] + list(args), stdin=stdin, env=env, cwd=cwd)


def same(run, script, ref=dash, stdin=b"", env=None, cwd=None):
    """Run script in pybox sh and in the reference; stdout, stderr (with
    the reference's program name made `sh`) and status must agree."""
    want = ref(script, stdin=stdin, env=env, cwd=cwd)
    got = run("sh", "-c", script, "sh", stdin=stdin, env=env, cwd=cwd)
    assert got.out == want.out, script
    assert got.status == want.status, script
    assert got.err == want.err, script
    return got


@pytest.fixture(autouse=True)
def in_tmp_dir(tmp_path, monkeypatch):
    """Every shell test runs in a fresh temporary directory (imported by
    each test module): scripts, and the fuzz tests' random ones, create
    files with relative names.  A test that runs the shell in pytest's own
    process (`trap`, SIGINT's default ...) gets the signal dispositions it
    changed put back, so later tests are not disturbed."""
    import signal
    monkeypatch.chdir(tmp_path)
    saved = {}
    for sig in signal.valid_signals():
        try:
            saved[sig] = signal.getsignal(sig)
        except (OSError, ValueError):
            pass
    yield
    for sig, handler in saved.items():
        if handler is not None and signal.getsignal(sig) is not handler:
            try:
                signal.signal(sig, handler)
            except (OSError, ValueError, TypeError):
                pass
