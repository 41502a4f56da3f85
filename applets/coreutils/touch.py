"""touch: change file timestamps, creating files that do not exist.

One open(2) (to create) and one utimensat(2) per file.  Times come from
-d (multicall.dates, GNU date strings), -t ([[CC]YY]MMDDhhmm[.ss]), -r (a
reference file, which -d can then adjust) or the clock.  Setting only one
of the two times (-a, -m) needs UTIME_OMIT, which os.utime cannot say:
then, and only then, utimensat is called through ctypes.
"""
import os

from multicall.errors import Fail, Usage, quote
from multicall.options import Spec, argmatch, opt
from multicall.fileops import quoteaf, warn

SPEC = Spec("[OPTION]... FILE...", "Update the access and modification times of each FILE to the current time.\n\n"
            "A FILE argument that does not exist is created empty, unless -c or -h\n"
            "is supplied.\n\n"
            "A FILE argument string of - is handled specially and causes touch to\n"
            "change the times of the file associated with standard output.\n\n"
            "Mandatory arguments to long options are mandatory for short options too.",
            opt("-a", "change only the access time", dest="atime"),
            opt("-c, --no-create", "do not create any files"),
            opt("-d, --date=STRING", "parse STRING and use it instead of current time"),
            opt("-f", "(ignored)", dest="ignored"),
            opt("-h, --no-dereference", "affect each symbolic link instead of any referenced\n"
                "  file (useful only on systems that can change the\n"
                "  timestamps of a symlink)"),
            opt("-m", "change only the modification time", dest="mtime"),
            opt("-r, --reference=FILE", "use this file's times instead of current time"),
            opt("-t STAMP", "use [[CC]YY]MMDDhhmm[.ss] instead of current time", dest="stamp"),
            opt("--time=WORD", "change the specified time:\n"
                "  WORD is access, atime, or use: equivalent to -a\n"
                "  WORD is modify or mtime: equivalent to -m"),
            epilog="Note that the -d and -t options accept different time-date formats.")

UTIME_NOW = (1 << 30) - 1
UTIME_OMIT = (1 << 30) - 2
_TIME_WORDS = [("atime", "a"), ("access", "a"), ("use", "a"), ("mtime", "m"), ("modify", "m")]


def posixtime(text):
    """-t's [[CC]YY]MMDDhhmm[.ss] in local time: seconds, or None."""
    import time
    main, dot, ss = text.partition(".")
    if dot and (len(ss) != 2 or not ss.isdigit()):
        return None
    if not main.isdigit() or not main.isascii() or len(main) not in (8, 10, 12):
        return None
    sec = int(ss) if dot else 0
    if len(main) == 12:
        year = int(main[:4])
        main = main[4:]
    elif len(main) == 10:
        yy = int(main[:2])
        year = yy + (1900 if yy >= 69 else 2000)
        main = main[2:]
    else:
        year = time.localtime().tm_year
    mon, day, hour, minute = int(main[:2]), int(main[2:4]), int(main[4:6]), int(main[6:8])
    if sec > 60:
        return None
    leap = sec == 60
    if leap:
        sec = 59
    try:
        t = time.mktime((year, mon, day, hour, minute, sec, 0, 0, -1))
        lt = time.localtime(t)
    except (OverflowError, ValueError, OSError):
        return None
    if (lt.tm_year, lt.tm_mon, lt.tm_mday, lt.tm_hour, lt.tm_min, lt.tm_sec) != (year, mon, day, hour, minute, sec):
        return None
    return int(t) + (1 if leap else 0)


def _utimensat(fd, path, times, follow):
    """utimensat(2) with UTIME_NOW/UTIME_OMIT; raises OSError."""
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    arr = (ctypes.c_long * 4)(times[0][0], times[0][1], times[1][0], times[1][1])
    AT_FDCWD, AT_SYMLINK_NOFOLLOW = -100, 0x100
    if path is None:
        r = libc.futimens(fd, arr)  # glibc's utimensat refuses a NULL name
    else:
        r = libc.utimensat(AT_FDCWD, path, arr, 0 if follow else AT_SYMLINK_NOFOLLOW)
    if r != 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e))


def main(argv):
    opts = SPEC.parse(argv)
    prog = opts.prog
    change_a = change_m = False
    for dest in opts.given:
        if dest == "atime":
            change_a = True
        elif dest == "mtime":
            change_m = True
        elif dest == "time":
            if argmatch(opts.time, "--time", _TIME_WORDS) == "a":
                change_a = True
            else:
                change_m = True
    if not change_a and not change_m:
        change_a = change_m = True
    times = None  # ((sec, ns), (sec, ns)) or None for now
    if opts.stamp is not None:
        t = posixtime(opts.stamp)
        if t is None:
            raise Fail("invalid date format %s" % quote(opts.stamp))
        if opts.reference is not None or opts.date is not None:
            raise Usage("cannot specify times from more than one source")
        times = ((t, 0), (t, 0))
    from multicall import dates
    if opts.reference is not None:
        ref = os.fsencode(opts.reference)
        try:
            st = os.stat(ref, follow_symlinks=not opts.no_dereference)
        except OSError as e:
            raise Fail("failed to get attributes of %s: %s" % (quoteaf(ref), e.strerror)) from None
        times = (divmod(st.st_atime_ns, 10 ** 9), divmod(st.st_mtime_ns, 10 ** 9))
        if opts.date is not None:
            got = []
            for sec, ns in times:
                r = dates.parse(opts.date, sec * 10 ** 9 + ns)
                if r is None:
                    raise Fail("invalid date format %s" % quote(opts.date))
                got.append(r)
            times = tuple(got)
    elif opts.date is not None:
        import time
        r = dates.parse(opts.date, time.time_ns())
        if r is None:
            raise Fail("invalid date format %s" % quote(opts.date))
        times = (r, r)
    if not opts.operands:
        raise Usage("missing file operand")
    if times is None:
        times = ((0, UTIME_NOW), (0, UTIME_NOW))
    if not change_a:
        times = ((0, UTIME_OMIT), times[1])
    if not change_m:
        times = (times[0], (0, UTIME_OMIT))
    status = 0
    for arg in opts.operands:
        if not touch(prog, os.fsencode(arg), times, opts):
            status = 1
    return status


def touch(prog, path, times, opts):
    fd = None
    open_errno = None
    is_stdout = path == b"-"
    if is_stdout:
        fd = 1
    elif not (opts.no_create or opts.no_dereference):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC, 0o666)
        except OSError as e:
            open_errno = e
    follow = not opts.no_dereference
    try:
        try:
            special = times[0][1] in (UTIME_NOW, UTIME_OMIT) or times[1][1] in (UTIME_NOW, UTIME_OMIT)
            if times[0][1] == UTIME_NOW and times[1][1] == UTIME_NOW:
                if fd is not None:
                    os.utime(fd)
                else:
                    os.utime(path, follow_symlinks=follow)
            elif special:
                if fd is not None:
                    _utimensat(fd, None, times, True)
                else:
                    _utimensat(None, path, times, follow)
            else:
                ns = (times[0][0] * 10 ** 9 + times[0][1], times[1][0] * 10 ** 9 + times[1][1])
                if fd is not None:
                    os.utime(fd, ns=ns)
                else:
                    os.utime(path, ns=ns, follow_symlinks=follow)
        finally:
            if fd is not None and not is_stdout:
                os.close(fd)
    except OSError as e:
        if is_stdout and e.errno == 9 and opts.no_create:
            return True
        if open_errno is not None:
            warn(prog, "cannot touch %s" % quoteaf(path), open_errno.strerror)
        elif opts.no_create and e.errno == 2:
            return True
        else:
            warn(prog, "setting times of %s" % quoteaf(path), e.strerror)
        return False
    return True
