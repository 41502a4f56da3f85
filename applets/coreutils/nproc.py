"""nproc: print the number of processing units available.

The count is sched_getaffinity's (the CPUs this process may run on),
limited by OMP_NUM_THREADS and OMP_THREAD_LIMIT as GNU does; --all counts
the configured processors.  One system call: nothing to make fast.
"""
import posix

from multicall.errors import Fail, quote
from multicall.options import Spec, opt
from multicall.stdio import stdout

SPEC = Spec("[OPTION]...",
            "Print the number of processing units available to the current process,\n"
            "which may be less than the number of online processors",
            opt("--all", "print the number of installed processors"),
            opt("--ignore=N", "if possible, exclude N processing units"),
            operands=(0, 0))


def _omp(name):
    """gnulib's parse_omp_threads: a positive decimal, blanks around it,
    maybe a comma and more after; 0 (or unset, or bad) means none."""
    v = posix.environ.get(name.encode())
    if v is None:
        return 0
    s = v.decode("latin-1").lstrip(" \t\n\v\f\r")
    i = 0
    while i < len(s) and "0" <= s[i] <= "9":
        i += 1
    if i == 0:
        return 0
    rest = s[i:].lstrip(" \t\n\v\f\r")
    if rest and rest[0] != ",":
        return 0
    return int(s[:i])


def _configured():
    for name in ("SC_NPROCESSORS_CONF", "SC_NPROCESSORS_ONLN"):
        try:
            n = posix.sysconf(name)
        except (OSError, ValueError):
            continue
        if n > 0:
            return n
    return 1


def _available():
    try:
        return len(posix.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        try:
            n = posix.sysconf("SC_NPROCESSORS_ONLN")
            return n if n > 0 else 1
        except (OSError, ValueError):
            return 1


def count(all_cpus=False):
    """The number GNU's num_processors gives (NPROC_ALL or, with the OpenMP
    variables, NPROC_CURRENT_OVERRIDABLE)."""
    if all_cpus:
        return _configured()
    limit = _omp("OMP_THREAD_LIMIT") or (1 << 64)
    n = _omp("OMP_NUM_THREADS") or _available()
    return min(n, limit)


def main(argv):
    opts = SPEC.parse(argv)
    ignore = 0
    if opts.ignore is not None:
        from multicall.numbers import xstrtoumax, OK
        v, err, _ = xstrtoumax(opts.ignore, 10, "")
        if err != OK:
            raise Fail("invalid number: %s" % quote(opts.ignore))
        ignore = v
    n = count(opts.all)
    n = n - ignore if n > ignore else 1
    stdout().write(b"%d\n" % n)
    return 0
