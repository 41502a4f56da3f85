"""End to end: build the frozen pybox (bin/build-frozen), assemble a root
directory holding only the one-file executable, the shared libraries it
needs, /tmp and the links from `pybox --install -s`, and run applets inside
it with chroot, with no /proc mounted and no Python anywhere in the root.

This is the image docs/container.md and the Dockerfile describe, tested as a
chroot because docker cannot run on these machines.  Most applets are driven
one by one from here; an entrypoint-style script then runs under pybox's own
`/bin/sh` (the frozen shell, its applets in-process or in forks of it).

Needs PyInstaller (pip install -e '.[frozen]') and root (for chroot); under
CI=true a missing PyInstaller is a failure, not a skip.
"""
import os
import shutil
import stat
import subprocess
import sys

import pytest

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DIST = os.path.join(TOP, "dist")
ONEFILE = os.path.join(DIST, "pybox")
ONEDIR = os.path.join(DIST, "pybox-dir")
ENV = {"PATH": "/bin:/usr/bin:/sbin:/usr/sbin", "LC_ALL": "C"}

sys.path.insert(0, TOP)
from multicall.registry import APPLETS  # noqa: E402


def _have_pyinstaller():
    try:
        import PyInstaller  # noqa: F401
        return True
    except ImportError:
        return False


if not _have_pyinstaller():
    if os.environ.get("CI") == "true":
        raise RuntimeError("CI must run the e2e tests: PyInstaller is missing (pip install -e '.[frozen]')")
    pytest.skip("PyInstaller is not installed (pip install -e '.[frozen]')", allow_module_level=True)


def _newest_source():
    newest = 0.0
    for top in ("multicall", "applets", "compat"):
        for dirpath, _, files in os.walk(os.path.join(TOP, top)):
            for f in files:
                if f.endswith(".py"):
                    newest = max(newest, os.path.getmtime(os.path.join(dirpath, f)))
    for f in ("bin/build-frozen", "bin/pybox-frozen.py"):
        newest = max(newest, os.path.getmtime(os.path.join(TOP, f)))
    return newest


@pytest.fixture(scope="module")
def frozen():
    """dist/pybox and dist/pybox-dir/, rebuilt when a source is newer."""
    fresh = (os.path.exists(ONEFILE) and os.path.exists(os.path.join(ONEDIR, "pybox"))
             and os.path.getmtime(ONEFILE) > _newest_source())
    if not fresh:
        r = subprocess.run([sys.executable, os.path.join(TOP, "bin", "build-frozen")],
                           capture_output=True, text=True, cwd=TOP)
        assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    return ONEFILE


def _elf_files(top):
    for dirpath, _, files in os.walk(top):
        for f in files:
            p = os.path.join(dirpath, f)
            with open(p, "rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    yield p


@pytest.fixture(scope="module")
def root(frozen, tmp_path_factory):
    """The image's tree, made by bin/assemble-root as the Dockerfile does,
    plus links to the one-file program itself made by --install -s DIR
    inside the chroot."""
    if os.geteuid() != 0:
        pytest.skip("chroot needs root")
    if shutil.which("ldd") is None:
        pytest.skip("ldd is needed to find the shared libraries")
    r = str(tmp_path_factory.mktemp("root"))
    subprocess.run([sys.executable, os.path.join(TOP, "bin", "assemble-root"), r], check=True)
    os.mkdir(os.path.join(r, "onefile"))
    res = chroot(r, "/bin/pybox", "--install", "-s", "/onefile")
    assert res == (b"", b"", 0), res
    return r


def chroot(r, *argv, stdin=b"", cwd="/", env=None):
    """Run argv inside root `r` (a relative argv[0] is found on PATH there)."""
    cmd = ["chroot", r] + list(argv)
    p = subprocess.run(cmd, input=stdin, capture_output=True, env=dict(ENV, **(env or {})), timeout=120)
    return p.stdout, p.stderr, p.returncode


# -- the build --------------------------------------------------------------

def test_onefile_is_small(frozen):
    size = os.path.getsize(ONEFILE)
    assert size < 15 * 1024 * 1024, "dist/pybox is %d bytes" % size


def test_archive_holds_every_module_pybox_imports(frozen):
    """Every module an applet may import lazily is in the build: in the PYZ
    archive, in base_library.zip, as an extension module, or built in."""
    import zipfile
    from PyInstaller.archive.readers import CArchiveReader
    wanted = subprocess.run([sys.executable, os.path.join(TOP, "bin", "build-frozen"), "--list"],
                            capture_output=True, text=True, check=True).stdout.split()
    assert "applets.coreutils.cat" in wanted and "multicall.stdio" in wanted
    archive = CArchiveReader(os.path.join(ONEDIR, "pybox"))
    have = set(archive.open_embedded_archive("PYZ.pyz").toc)
    have.update(archive.toc)  # bootstrap modules (struct ...) sit in the executable's own archive
    internal = os.path.join(ONEDIR, "_internal")
    with zipfile.ZipFile(os.path.join(internal, "base_library.zip")) as z:
        for n in z.namelist():
            if n.endswith(".pyc"):
                have.add(n[:-4].replace("/", ".").removesuffix(".__init__"))
    for p in _elf_files(internal):
        name = os.path.basename(p)
        if ".cpython-" in name:
            have.add(name.split(".cpython-")[0])
    have.update(sys.builtin_module_names)
    missing = [m for m in wanted if m not in have]
    assert missing == []


def test_onedir_and_onefile_run(frozen):
    for exe in (ONEFILE, os.path.join(ONEDIR, "pybox")):
        p = subprocess.run([exe, "echo", "frozen"], capture_output=True)
        assert (p.stdout, p.stderr, p.returncode) == (b"frozen\n", b"", 0)
        p = subprocess.run([exe, "--list"], capture_output=True)
        assert p.stdout.decode().split() == sorted(APPLETS)


# -- the chroot: no Python, no /proc ------------------------------------------

def test_root_holds_no_python_and_no_proc(root):
    assert not os.path.exists(os.path.join(root, "proc", "self"))
    for dirpath, _, files in os.walk(root):
        rel = os.path.relpath(dirpath, root)
        if rel.startswith("usr/lib/pybox"):
            continue  # the unpacked runtime: libpython, no interpreter program
        for f in files:
            assert not f.startswith("python"), os.path.join(rel, f)
    assert sorted(os.listdir(root)) == sorted(
        d for d in ("bin", "lib", "lib64", "onefile", "tmp", "usr", "sbin") if os.path.exists(os.path.join(root, d)))


def test_install_links_point_at_the_persistent_runtime(root):
    for app, (_, where, _) in APPLETS.items():
        link = os.path.join(root, where, app)
        assert os.readlink(link) == "/usr/lib/pybox/pybox", link
        assert os.readlink(os.path.join(root, "onefile", app)) == "/bin/pybox"
    assert stat.S_ISREG(os.stat(os.path.join(root, "usr/lib/pybox/pybox")).st_mode)
    assert os.path.isdir(os.path.join(root, "usr/lib/pybox/_internal"))


@pytest.mark.parametrize("prefix", ["", "/onefile/"])
def test_applets_by_name(root, prefix):
    def name(app):
        return prefix + app if prefix else "/" + APPLETS[app][1] + "/" + app

    assert chroot(root, name("echo"), "hello", "world") == (b"hello world\n", b"", 0)
    assert chroot(root, name("true")) == (b"", b"", 0)
    assert chroot(root, name("false")) == (b"", b"", 1)
    data = b"".join(b"line %d\n" % i for i in range(1, 101))
    assert chroot(root, name("tee"), "/tmp/f", stdin=data) == (data, b"", 0)
    assert chroot(root, name("cat"), "/tmp/f") == (data, b"", 0)
    assert chroot(root, name("cat"), "-n", "/tmp/f")[0].splitlines()[-1] == b"   100\tline 100"
    assert chroot(root, name("head"), "-n", "2", "/tmp/f") == (b"line 1\nline 2\n", b"", 0)
    assert chroot(root, name("head"), "-c", "-1000", "/tmp/f")[0] == data[:-1000]
    assert chroot(root, name("basename"), "/usr/lib/x.so", ".so") == (b"x\n", b"", 0)
    assert chroot(root, name("dirname"), "/usr/lib/x.so") == (b"/usr/lib\n", b"", 0)
    assert chroot(root, name("pwd")) == (b"/\n", b"", 0)
    assert chroot(root, name("cat"), "/nope") == (b"", b"cat: /nope: No such file or directory\n", 1)
    assert chroot(root, name("head"), "--bogus") == (
        b"", b"head: unrecognized option '--bogus'\nTry 'head --help' for more information.\n", 1)


def test_applets_found_on_path(root):
    # chroot searches PATH, so argv[0] is the bare name, as from a shell.
    assert chroot(root, "echo", "via", "PATH") == (b"via PATH\n", b"", 0)
    assert chroot(root, "basename", "a/b") == (b"b\n", b"", 0)


def test_pybox_applet_form(root):
    for exe in ("/bin/pybox", "/usr/lib/pybox/pybox"):
        assert chroot(root, exe, "echo", "-n", "x") == (b"x", b"", 0)
        assert chroot(root, exe, "nosuch") == (b"", b"nosuch: applet not found\n", 127)
        out, err, status = chroot(root, exe, "--list")
        assert (out.decode().split(), err, status) == (sorted(APPLETS), b"", 0)


def test_pipeline_and_sigpipe(root):
    # yes | head -n 3, the two ends joined here, outside any shell (the
    # same pipeline under pybox's sh is in test_sh_c_pipelines_...).
    yes = subprocess.Popen(["chroot", root, "/usr/bin/yes", "ok"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=ENV)
    head = subprocess.run(["chroot", root, "/usr/bin/head", "-n", "3"], stdin=yes.stdout,
                          capture_output=True, env=ENV, timeout=60)
    yes.stdout.close()
    assert yes.wait(timeout=60) != 0  # ended by SIGPIPE
    assert yes.stderr.read() == b""
    assert (head.stdout, head.stderr, head.returncode) == (b"ok\nok\nok\n", b"", 0)


def test_onefile_leaves_no_unpacked_files(root):
    chroot(root, "/bin/pybox", "true")
    assert [n for n in os.listdir(os.path.join(root, "tmp")) if n.startswith("_MEI")] == []


def test_install_into_a_root_from_inside_the_chroot(root):
    # The one-file program lays down its runtime and links with no /proc,
    # here under DESTDIR=/tmp/stage, then the staged runtime runs.
    p = subprocess.run(["chroot", root, "/bin/pybox", "--install", "-s"], capture_output=True,
                       env=dict(ENV, DESTDIR="/tmp/stage"), timeout=120)
    assert (p.stdout, p.stderr, p.returncode) == (b"", b"", 0)
    assert os.readlink(os.path.join(root, "tmp/stage/bin/cat")) == "/usr/lib/pybox/pybox"
    assert chroot(root, "/tmp/stage/usr/lib/pybox/pybox", "echo", "staged") == (b"staged\n", b"", 0)
    shutil.rmtree(os.path.join(root, "tmp", "stage"))


def test_no_runtime_hooks(frozen):
    """PyInstaller's runtime hooks run at every start (pyi_rth_inspect alone
    costs about 40 ms); the build keeps the modules that bring them out."""
    from PyInstaller.archive.readers import CArchiveReader
    for exe in (ONEFILE, os.path.join(ONEDIR, "pybox")):
        names = list(CArchiveReader(exe).toc)
        assert [n for n in names if n.startswith("pyi_rth")] == [], exe


# -- pybox's own sh ------------------------------------------------------------

ENTRYPOINT = r"""#!/bin/sh
# An entrypoint in the manner of a container's docker-entrypoint.sh.
set -e
APP_NAME=${APP_NAME:-demo}
BASE=/tmp/app
CONF_DIR=$BASE/conf
LOG=$BASE/log.txt
trap 'rm -f "$BASE/err"; echo done >"$BASE/exited"' EXIT

log() {
    printf '%s: %s\n' "$APP_NAME" "$*" >>"$LOG"
}

mkdir -p "$CONF_DIR"
: >"$LOG"
log "starting with $# args: $*"

# a configuration file from a here-document, with expansions in it
cat >"$CONF_DIR/app.conf" <<EOF
name=$APP_NAME
workers=$(( 2 * 4 ))
args=$*
EOF

# read it back: while/read with IFS, case, test
workers=
while IFS='=' read -r key value; do
    case $key in
        workers) workers=$value ;;
        name) test "$value" = "$APP_NAME" || exit 3 ;;
        \#*|'') ;;
    esac
done <"$CONF_DIR/app.conf"

for n in 1 2 3 "$workers"; do
    if [ "$n" -gt 2 ]; then
        echo "big $n"
    else
        echo "small $n"
    fi
done >"$BASE/sizes"

printf '%s\n' pear apple pear fig apple pear | sort | uniq -c | sort -rn >"$BASE/counts"

self=$(basename "$0" .sh)
dir=`dirname "$0"`
log "script $self in $dir"

# set -e: a guarded failure does not stop the script
grep -q banana "$BASE/counts" || log "no banana"
status=0
cat "$BASE/nonexistent" 2>"$BASE/err" || status=$?
if ! grep -q 'No such file' "$BASE/err"; then
    echo "unexpected error text" >&2
    exit 4
fi

cat >"$BASE/literal" <<'EOF'
$HOME and $(not run) stay as they are
EOF

upper() { echo "$1" | tr a-z A-Z; }
echo "$(upper "$APP_NAME") workers=$workers missing-status=$status"
cat "$BASE/sizes" "$BASE/counts" "$BASE/literal"
echo "log: $(wc -l <"$LOG") lines"
cat "$LOG"
[ -s "$CONF_DIR/app.conf" ] && exit 5
echo "not reached"
"""

ENTRYPOINT_OUT = b"""WEB workers=8 missing-status=1
small 1
small 2
big 3
big 8
      3 pear
      2 apple
      1 fig
$HOME and $(not run) stay as they are
log: 3 lines
web: starting with 2 args: one two words
web: script entrypoint in /tmp/app
web: no banana
"""


def test_entrypoint_script_under_pybox_sh(root):
    app = os.path.join(root, "tmp", "app")
    os.makedirs(app, exist_ok=True)
    with open(os.path.join(app, "entrypoint.sh"), "w") as f:
        f.write(ENTRYPOINT)
    try:
        assert os.readlink(os.path.join(root, "bin", "sh")) == "/usr/lib/pybox/pybox"
        res = chroot(root, "/bin/sh", "/tmp/app/entrypoint.sh", "one", "two words", env={"APP_NAME": "web"})
        assert res == (ENTRYPOINT_OUT, b"", 5)
        with open(os.path.join(app, "conf", "app.conf"), "rb") as f:
            assert f.read() == b"name=web\nworkers=8\nargs=one two words\n"
        with open(os.path.join(app, "exited"), "rb") as f:  # the EXIT trap ran
            assert f.read() == b"done\n"
        assert not os.path.exists(os.path.join(app, "err"))
    finally:
        shutil.rmtree(app)


def test_sh_c_pipelines_and_command_lookup(root):
    # applets found on PATH run as pybox's (type says so); yes dies of
    # SIGPIPE, silently, and pipefail reports it
    out = chroot(root, "/bin/sh", "-c", "yes ok | head -n 3; echo \"$?\"; set -o pipefail; "
                 "yes | head -n 1 >/tmp/one; echo \"$?\"; cat /tmp/one; rm /tmp/one")
    assert out == (b"ok\nok\nok\n0\n141\ny\n", b"", 0)
    assert chroot(root, "/bin/sh", "-c", "type cat; command -v sort; exit 3") == (b"cat is cat\nsort\n", b"", 3)
