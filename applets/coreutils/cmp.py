"""cmp: compare two files byte by byte, as GNU diffutils 3.8's cmp.

Both inputs are read in 256 KiB chunks and compared with one `==`; only a
chunk that differs is looked into, and the first difference in it is found
without a per-byte loop: the two chunks become big integers, and the bit
length of their XOR names the first byte that differs.  -l lists every
difference from the XOR's non-zero bytes (work per difference, not per
byte).  Line numbers are bytes.count(b"\\n") over the equal prefix.  With -s
(or standard output on /dev/null) two regular files of different sizes
differ without being read, as in GNU.

Exit status: 0 same, 1 different, 2 trouble (TROUBLE).
"""
import posix

from multicall.errors import Exit, Fail, Usage, write_stderr
from multicall.numbers import INVALID_SUFFIX_CHAR, OK, xstrtoumax
from multicall.options import Spec, opt
from multicall.stdio import stdout

TROUBLE = 2
_CHUNK = 256 * 1024
_OFF_MAX = (1 << 63) - 1
_SUFFIXES = "kKMGTPEZY0"

_FIRST, _ALL, _NO_STDOUT, _STATUS = range(4)


def _usage_error(message):
    return Fail("%s\ncmp: Try 'cmp --help' for more information." % message, TROUBLE)


def _qarg(text):
    return "'%s'" % text


def _skip_value(arg, delimiter=None):
    """specify_ignore_initial: (value, rest after the delimiter or None)."""
    value, err, end = xstrtoumax(arg, 0, _SUFFIXES)
    if not (err == OK or (err == INVALID_SUFFIX_CHAR and delimiter and arg[end:end + 1] == delimiter)) \
            or value > _OFF_MAX:
        raise _usage_error("invalid --ignore-initial value %s" % _qarg(arg))
    return value, (arg[end + 1:] if err == INVALID_SUFFIX_CHAR else None)


def _ignore_initial(arg):
    """-i SKIP or SKIP1:SKIP2 (checked at once, in command-line order)."""
    first, rest = _skip_value(arg, ":")
    if rest is not None:
        second, _ = _skip_value(rest)
        return first, second
    return first, None


def _bytes_limit(arg):
    value, err, _ = xstrtoumax(arg, 0, _SUFFIXES)
    if err != OK:
        raise _usage_error("invalid --bytes value %s" % _qarg(arg))
    return value


SPEC = Spec("[OPTION]... FILE1 [FILE2 [SKIP1 [SKIP2]]]",
            "Compare two files byte by byte.\n\n"
            "The optional SKIP1 and SKIP2 specify the number of bytes to skip\n"
            "at the beginning of each file (zero by default).\n\n"
            "Mandatory arguments to long options are mandatory for short options too.",
            opt("-b, --print-bytes", "print differing bytes"),
            opt("-c, --print-chars", None, dest="print_bytes"),
            opt("-i, --ignore-initial=SKIP", "skip first SKIP bytes of both inputs;\n"
                "  SKIP1:SKIP2 skips first SKIP1 bytes of FILE1 and\n  first SKIP2 bytes of FILE2",
                kind="list", type=_ignore_initial),
            opt("-l, --verbose", "output byte numbers and differing byte values"),
            opt("-n, --bytes=LIMIT", "compare at most LIMIT bytes", kind="list", type=_bytes_limit),
            opt("-s, --quiet, --silent", "suppress all normal output"),
            opt("-v", "output version information and exit", dest="short_version"),
            epilog="SKIP values may be followed by the following multiplicative suffixes:\n"
            "kB 1000, K 1024, MB 1,000,000, M 1,048,576,\n"
            "GB 1,000,000,000, G 1,073,741,824, and so on for T, P, E, Z, Y.\n\n"
            "If a FILE is '-' or missing, read standard input.\n"
            "Exit status is 0 if inputs are the same, 1 if different, 2 if trouble.")


def _hard_locale():
    """gnulib hard_locale(LC_MESSAGES): a locale other than C/POSIX."""
    env = posix.environ
    for key in (b"LC_ALL", b"LC_MESSAGES", b"LANG"):
        val = env.get(key)
        if val:
            return val not in (b"C", b"POSIX")
    return False


def _sprintc(c):
    """A byte as cat -t shows it (diffutils sprintc)."""
    out = ""
    if not 0x20 <= c < 0x7F:
        if c >= 128:
            out = "M-"
            c -= 128
        if c < 32:
            out += "^"
            c += 64
        elif c == 127:
            out += "^"
            c = ord("?")
    return out + chr(c)


def _block_read(fd, n, name):
    """Read n bytes (fewer only at end of file); errors are trouble."""
    parts = []
    try:
        while n > 0:
            b = posix.read(fd, min(n, 1 << 20))
            if not b:
                break
            parts.append(b)
            n -= len(b)
    except OSError as e:
        raise Fail("%s: %s" % (name, e.strerror), TROUBLE) from None
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _first_diff(a, b, n):
    """The index of the first differing byte of a[:n] and b[:n] (they differ)."""
    x = int.from_bytes(a[:n], "big") ^ int.from_bytes(b[:n], "big")
    return n - 1 - (x.bit_length() - 1) // 8


def _diff_positions(a, b, n):
    """Every index below n where a and b differ, from the XOR's non-zero
    bytes: found by a regular expression when they are few, by one pass
    of enumerate() when they are many."""
    x = (int.from_bytes(a[:n], "big") ^ int.from_bytes(b[:n], "big")).to_bytes(n, "big")
    if n - x.count(0) > n >> 4:
        return [i for i, v in enumerate(x) if v]
    import re
    return [m.start() for m in re.finditer(rb"[^\x00]", x)]


def _list_diffs(b0, b1, where, first, width, print_bytes):
    """-l lines for the differing indexes `where`, formatted in one go."""
    from operator import itemgetter
    k = len(where)
    if not k:
        return b""
    pick = itemgetter(*where) if k > 1 else (lambda seq: (seq[where[0]],))
    c0, c1 = pick(b0), pick(b1)
    cols = 3
    args = [None] * (k * cols)
    args[0::cols] = [first + i for i in where]
    if print_bytes:
        left = ["%3o %-4s" % (c, _sprintc(c)) for c in range(256)]
        right = ["%3o %s" % (c, _sprintc(c)) for c in range(256)]
    else:
        left = right = ["%3o" % c for c in range(256)]
    args[1::cols] = map(left.__getitem__, c0)
    args[2::cols] = map(right.__getitem__, c1)
    line = "%%%dd %%s %%s\n" % width
    return ((line * k) % tuple(args)).encode("latin-1")


def main(argv):
    try:
        opts = SPEC.parse(argv)
    except Usage as e:
        raise _usage_error(e.message) from None
    except Fail as e:
        e.status = TROUBLE
        raise
    if opts.short_version:
        from multicall import VERSION
        stdout().write(("cmp (pybox) %s\n" % VERSION).encode())
        raise Exit(0)
    if opts.verbose and opts.quiet:
        raise _usage_error("options -l and -s are incompatible")
    mode = _ALL if opts.verbose else _STATUS if opts.quiet else _FIRST
    ignore = [0, 0]
    for first, second in opts.ignore_initial:
        ignore[0] = max(ignore[0], first)
        if second is not None:
            ignore[1] = max(ignore[1], second)
        else:
            ignore[1] = max(ignore[1], ignore[0])
    limit = min(opts.bytes) if opts.bytes else None
    operands = opts.operands
    if not operands:
        raise _usage_error("missing operand after %s" % _qarg(argv[-1]))
    names = [operands[0], operands[1] if len(operands) > 1 else "-"]
    for f, arg in enumerate(operands[2:4]):
        value, _ = _skip_value(arg)
        ignore[f] = max(ignore[f], value)
    if len(operands) > 4:
        raise _usage_error("extra operand %s" % _qarg(operands[4]))

    fds = [None, None]
    stats = [None, None]
    try:
        for f in range(2):
            f1 = f ^ (names[1] == "-")
            if f and ignore[0] == ignore[1] and names[0] == names[1]:
                return 0
            try:
                fd = 0 if names[f1] == "-" else posix.open(names[f1], posix.O_RDONLY | posix.O_CLOEXEC)
                fds[f1] = fd
                stats[f1] = posix.fstat(fd)
            except OSError as e:
                if fds[f1] is None and mode == _STATUS:
                    raise Exit(TROUBLE) from None
                raise Fail("%s: %s" % (names[f1], e.strerror), TROUBLE) from None
        return _compare(names, fds, stats, ignore, limit, mode, opts.print_bytes)
    finally:
        for fd in fds:
            if fd:
                posix.close(fd)


def _compare(names, fds, stats, ignore, limit, mode, print_bytes):
    positions = [None, None]

    def position(f):
        """GNU's file_position: lseek past the skip once, -1 if it fails."""
        if positions[f] is None:
            try:
                positions[f] = posix.lseek(fds[f], ignore[f], 1)
            except OSError:
                positions[f] = -1
        return positions[f]

    st0, st1 = stats
    if (st0.st_dev, st0.st_ino) == (st1.st_dev, st1.st_ino) and st0.st_mode == st1.st_mode \
            and position(0) == position(1):
        return 0
    if mode != _STATUS:
        try:
            out_st = posix.fstat(1)
            null_st = posix.stat("/dev/null")
            if (out_st.st_dev, out_st.st_ino) == (null_st.st_dev, null_st.st_ino):
                mode = _NO_STDOUT
        except OSError:
            pass
    regular = [s.st_mode & 0o170000 == 0o100000 for s in stats]
    if mode == _STATUS and regular[0] and regular[1]:
        s0 = max(0, st0.st_size - position(0))
        s1 = max(0, st1.st_size - position(1))
        if s0 != s1 and (limit is None or min(s0, s1) < limit):
            return 1
    width = 0
    if mode == _ALL:
        most = _OFF_MAX if limit is None else min(limit, _OFF_MAX)
        for f in range(2):
            if regular[f]:
                most = min(most, stats[f].st_size - position(f))
        width = 1
        while True:
            most = most // 10 if most >= 0 else -(-most // 10)  # C division
            if most == 0:
                break
            width += 1
    for f in range(2):
        left = ignore[f]
        if left and position(f) == -1:
            while left:  # cannot seek: read the prefix away
                got = len(_block_read(fds[f], min(left, _CHUNK), names[f]))
                if not got:
                    break
                left -= got
    out = stdout()
    byte_number = 1
    line_number = 1
    at_line_start = True
    differing = False
    remaining = limit
    enc = [n.encode("utf-8", "surrogateescape") for n in names]
    while True:
        want = _CHUNK if remaining is None else min(_CHUNK, remaining)
        if remaining is not None:
            remaining -= want
        b0 = _block_read(fds[0], want, names[0]) if want else b""
        b1 = _block_read(fds[1], want, names[1]) if want else b""
        r0, r1 = len(b0), len(b1)
        smaller = min(r0, r1)
        same = b0 == b1 if r0 == r1 else b0[:smaller] == b1[:smaller]
        if not same:
            if mode == _STATUS or mode == _NO_STDOUT:
                return 1
            if mode == _FIRST:
                i = _first_diff(b0, b1, smaller)
                line_number += b0.count(b"\n", 0, i)
                where = (b"%s %s differ: %s %d, line %d" % (
                    enc[0], enc[1], b"byte" if print_bytes or _hard_locale() else b"char",
                    byte_number + i, line_number))
                if print_bytes:
                    c0, c1 = b0[i], b1[i]
                    where += b" is %3o %s %3o %s" % (c0, _sprintc(c0).encode("latin-1"),
                                                      c1, _sprintc(c1).encode("latin-1"))
                out.write(where + b"\n")
                return 1
            out.write(_list_diffs(b0, b1, _diff_positions(b0, b1, smaller), byte_number, width, print_bytes))
            differing = True
        elif mode == _FIRST and smaller:
            line_number += b0.count(b"\n", 0, smaller)
            at_line_start = b0[smaller - 1] == 10
        byte_number += smaller
        if r0 != r1:
            if mode != _STATUS:
                name = names[r0 > r1]
                if byte_number == 1:
                    msg = "cmp: EOF on %s which is empty\n" % name
                elif mode == _FIRST:
                    msg = "cmp: EOF on %s after byte %d, %sline %d\n" % (
                        name, byte_number - 1, "" if at_line_start else "in ", line_number - at_line_start)
                else:
                    msg = "cmp: EOF on %s after byte %d\n" % (name, byte_number - 1)
                write_stderr(msg)
            return 1
        if r0 < want or not want:
            return 1 if differing else 0
