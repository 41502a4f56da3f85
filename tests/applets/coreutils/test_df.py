"""df: columns, headers, block sizes and -h/-H rounding, --output, --total,
type filters, hidden pseudo and duplicate file systems, named files,
errors, and differential tests against GNU df.

The root file system here is busy (other jobs write to it), so exact
comparisons use quiet file systems (tmpfs, devtmpfs, proc ...) chosen with
-t/-x or named as files; on the busy ones only the stable columns (names,
types, mount points, sizes, layout) are compared."""
import os

import pytest
from hypothesis import given, settings, strategies as st

# /dev/shm is a tmpfs that other jobs write to: the quiet ones are picked
# by type (devtmpfs) or named (the cgroup tmpfs and a read-only tmpfs)
QUIET = ["-t", "devtmpfs"]


def _mounts():
    types = set()
    with open("/proc/self/mountinfo") as f:
        for line in f:
            fields = line.split()
            types.add(fields[fields.index("-") + 1])
    return types


def same(a_fn, b_fn, tries=10):
    """Run both sides until they agree: other jobs may be writing to a
    tmpfs between the two runs, so a difference must persist to count."""
    for _ in range(tries):
        a, b = a_fn(), b_fn()
        if tuple(a) == tuple(b):
            return a
        import time
        time.sleep(0.05)
    assert tuple(a) == tuple(b)


@pytest.fixture(scope="module")
def types():
    return _mounts()


@pytest.fixture
def quiet(types):
    if "tmpfs" not in types and "devtmpfs" not in types:
        pytest.skip("no tmpfs or devtmpfs mounted here")


CASES = [
    [], ["-a"], ["-T"], ["-h"], ["-H"], ["-i"], ["-k"], ["-P"], ["-PT"], ["-hT"], ["--si"], ["--total"],
    ["-h", "--total"], ["-i", "--total"], ["--output"], ["--output=source,target"],
    ["--output=avail,size,pcent,file,target"], ["--output=itotal,iused,iavail,ipcent"],
    ["--output=size,used", "-h"], ["--output", "--total"], ["-B1"], ["-B", "1000"], ["-BKB"], ["-BK"],
    ["-BM", "-P"], ["-B", "'1k"], ["--block-size=human-readable"], ["--block-size=si"], ["-k", "-B", "3"],
    ["-hi"], ["--si", "-i"], ["-BKB", "-i"], ["-l"], ["--sync"], ["--no-sync"], ["-v"],
]


@pytest.mark.parametrize("args", CASES, ids=lambda a: " ".join(a) or "plain")
def test_quiet_file_systems_like_gnu(quiet, run, run_gnu, args):
    same(lambda: run("df", *(args + QUIET)), lambda: run_gnu("df", *(args + QUIET)))


@pytest.mark.parametrize("args", [["-T"], ["-h"], ["-H"], ["-i", "-h"], ["--output"], ["-P", "-B1"], ["--total"],
                                  ["-BKB"], ["-k", "--total", "-T"]])
def test_named_quiet_file_systems_like_gnu(run, run_gnu, args):
    names = [p for p in ("/sys/fs/cgroup", "/dev", "/mnt/sandboxing/model_tools_env/v1/python", "/proc")
             if os.path.exists(p)]
    same(lambda: run("df", *(args + names)), lambda: run_gnu("df", *(args + names)))


@pytest.mark.parametrize("args", [["-a"], ["-aT"], ["-ai"], [], ["-T"], ["-x", "tmpfs"], ["-l", "-i"]])
def test_all_file_systems_structure(run, run_gnu, args):
    """Every file system, the busy ones included: same rows, same names,
    types and mount points; numbers may move between the two runs."""
    a = run("df", *args)
    b = run_gnu("df", *args)
    assert (a.err, a.status) == (b.err, b.status)
    la, lb = a.out.decode().splitlines(), b.out.decode().splitlines()
    assert len(la) == len(lb) and la[0] == lb[0]
    for x, y in zip(la[1:], lb[1:]):
        fx, fy = x.split(), y.split()
        assert len(fx) == len(fy)
        assert fx[0] == fy[0] and fx[-1] == fy[-1]
        if "-T" in args or "-aT" in args:
            assert fx[1] == fy[1]
        if fx[0] in ("proc", "sysfs", "devpts", "cgroup", "cgroup2"):
            assert x == y  # pseudo ones must match exactly


def test_pseudo_and_duplicates_hidden(run, types):
    out = run("df").out.decode()
    mounts = [line.split()[-1] for line in out.splitlines()[1:]]
    assert len(mounts) == len(set(mounts))  # one row per mount point
    assert not any(line.split()[0] in ("proc", "sysfs", "devpts") for line in out.splitlines()[1:])
    assert "/proc" in run("df", "-a").out.decode().split()


def test_header_exact(run, quiet):
    assert run("df", *QUIET).out.split(b"\n")[0].split() == \
        [b"Filesystem", b"1K-blocks", b"Used", b"Available", b"Use%", b"Mounted", b"on"]
    assert run("df", "-h", *QUIET).out.split(b"\n")[0].split() == \
        [b"Filesystem", b"Size", b"Used", b"Avail", b"Use%", b"Mounted", b"on"]
    assert run("df", "-P", *QUIET).out.split(b"\n")[0].split() == \
        [b"Filesystem", b"1024-blocks", b"Used", b"Available", b"Capacity", b"Mounted", b"on"]
    assert run("df", "-i", *QUIET).out.split(b"\n")[0].split() == \
        [b"Filesystem", b"Inodes", b"IUsed", b"IFree", b"IUse%", b"Mounted", b"on"]
    assert run("df", "-B1000", *QUIET).out.split(b"\n")[0].split()[1] == b"1kB-blocks"
    assert run("df", "-BM", *QUIET).out.split(b"\n")[0].split()[1] == b"1M-blocks"
    assert run("df", "-P", *QUIET, env={"POSIXLY_CORRECT": "1"}).out.split(b"\n")[0].split()[1] == b"512-blocks"


def test_named_files(run, run_gnu, tmp_path):
    for args in (["/dev/null"], ["/proc/self"], ["/proc", "/sys"], ["-T", "/dev/null", "/proc"],
                 ["--output=file,target,fstype", "/dev/null", "/proc/self/status"], ["-x", "proc", "/proc"],
                 ["-i", "/dev/null"], ["--total", "/dev/null", "/sys/fs/cgroup"]):
        same(lambda: run("df", *args), lambda: run_gnu("df", *args))
    # a file on the busy root: the structure, and the file itself named
    f = tmp_path / "x"
    f.write_bytes(b"")
    a = run("df", "--output=file,target,source,fstype", str(f))
    assert a == run_gnu("df", "--output=file,target,source,fstype", str(f))
    assert a.out.split(b"\n")[1].startswith(os.fsencode(str(f)))


def test_env_block_size(run, run_gnu, quiet):
    for env in ({"DF_BLOCK_SIZE": "1M"}, {"BLOCK_SIZE": "512"}, {"BLOCKSIZE": "1K"}, {"POSIXLY_CORRECT": "1"},
                {"DF_BLOCK_SIZE": "human-readable"}, {"DF_BLOCK_SIZE": "junk"}, {"DF_BLOCK_SIZE": "si"}):
        same(lambda: run("df", *QUIET, env=env), lambda: run_gnu("df", *QUIET, env=env))


def test_errors(run):
    r = run("df", "/nope")
    assert (r.out, r.err, r.status) == (b"", b"df: /nope: No such file or directory\n"
                                             b"df: no file systems processed\n", 1) or \
        (r.err.startswith(b"df: /nope: No such file or directory\n") and r.status == 1)
    r = run("df", "-t", "nosuchfs")
    assert (r.out, r.err, r.status) == (b"", b"df: no file systems processed\n", 1)
    r = run("df", "-t", "ext4", "-x", "ext4")
    assert (r.err, r.status) == (b"df: file system type 'ext4' both selected and excluded\n", 1)
    r = run("df", "--output=source,source")
    assert r.err == b"df: option --output: field 'source' used more than once\n" \
                    b"Try 'df --help' for more information.\n" and r.status == 1
    r = run("df", "--output=bogus")
    assert r.err.startswith(b"df: option --output: field 'bogus' unknown\n") and r.status == 1
    r = run("df", "-i", "--output")
    assert r.err.startswith(b"df: options -i and --output are mutually exclusive\n")
    r = run("df", "--output", "-i")
    assert r.err.startswith(b"df: options -i and --output are mutually exclusive\n")
    r = run("df", "-P", "--output")
    assert r.err.startswith(b"df: options -P and --output are mutually exclusive\n")
    r = run("df", "-T", "--output")
    assert r.err.startswith(b"df: options -T and --output are mutually exclusive\n") and r.status == 1
    r = run("df", "-Bx")
    assert (r.err, r.status) == (b"df: invalid -B argument 'x'\n", 1)
    r = run("df", "--block-size=0")
    assert (r.err, r.status) == (b"df: invalid --block-size argument '0'\n", 1)
    r = run("df", "/nope", "/dev/null")
    assert r.err == b"df: /nope: No such file or directory\n" and r.status == 1 and b"/dev" in r.out


def test_non_utf8_and_symlink_loop(run, run_gnu, tmp_path):
    name = os.path.join(os.fsencode(str(tmp_path)), b"bad\xffname")
    with open(name, "wb"):
        pass
    r = run("df", "--output=file", name)
    assert r.out == b"File\n" + name + b"\n" or r.out.split(b"\n")[1].rstrip() == name
    os.symlink("loop", str(tmp_path / "loop"))
    a = run("df", str(tmp_path / "loop"))
    b = run_gnu("df", str(tmp_path / "loop"))
    assert (a.err, a.status) == (b.err, b.status)
    assert a.err.endswith(b"loop: Too many levels of symbolic links\n")


def test_percent_rounds_up():
    from applets.coreutils.df import _percent
    assert _percent({"used": 1, "avail": 199, "neg_used": False, "neg_avail": False}) == "1%"
    assert _percent({"used": 0, "avail": 0, "neg_used": False, "neg_avail": False}) == "-"
    assert _percent({"used": 50, "avail": 50, "neg_used": False, "neg_avail": False}) == "50%"
    assert _percent({"used": 2, "avail": 1, "neg_used": False, "neg_avail": True}) == "200%"


OPTS = st.lists(st.sampled_from(["-a", "-T", "-h", "-H", "-i", "-k", "-P", "--total", "-l", "-BM", "-B1",
                                 "--output=source,size,avail,pcent", "--output", "-x", "-t"]),
                max_size=4, unique=True)


@settings(max_examples=30)
@given(opts=OPTS)
def test_generated_options_like_gnu(quiet, inproc, run_gnu, opts):
    args = []
    for o in opts:
        if o == "-x":
            args += ["-x", "cgroup2"]
        elif o == "-t":
            args += ["-t", "cgroup"]
        else:
            args.append(o)
    # (quiet types only: /dev/shm is a tmpfs that other jobs write to)
    args += ["-t", "devtmpfs", "-t", "proc", "-t", "sysfs", "-t", "cgroup2"]
    same(lambda: inproc("df", *args), lambda: run_gnu("df", *args))


def test_busybox_m(run, run_gnu):
    """BusyBox's -m: sizes in MiB, without the suffix -BM would print."""
    a = same(lambda: run("df", "-m", "/dev"), lambda: run_gnu("df", "-B1M", "/dev"))
    assert a.out.split(b"\n")[0].split()[1] == b"1M-blocks"
