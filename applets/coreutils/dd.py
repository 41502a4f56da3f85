"""dd: convert and copy a file, as GNU coreutils 9.1 does.

Blocks are read with os.readv into one reused page-aligned buffer (an
anonymous mmap, so iflag=direct and oflag=direct work) and, without
conversions and with bs=, written straight from it: no per-byte work and
no copy.  Conversions work on whole blocks with bytes.translate, slicing
and join; only conv=block/unblock walk the data, and they do so line by
line (record by record) with bytes.find, not byte by byte.  The summary
(`N+M records in` ...) and its rounding follow GNU exactly; SIGUSR1 prints
it so far, SIGINT prints it and then dies by the signal.
"""
import os

from multicall.errors import Fail, Usage, quote, quotef, warn, write_stderr
from multicall.options import Spec

SPEC = Spec(("[OPERAND]...", "OPTION"),
            "Copy a file, converting and formatting according to the operands.\n\n"
            "  bs=BYTES        read and write up to BYTES bytes at a time (default: 512);\n"
            "                  overrides ibs and obs\n"
            "  cbs=BYTES       convert BYTES bytes at a time\n"
            "  conv=CONVS      convert the file as per the comma separated symbol list\n"
            "  count=N         copy only N input blocks\n"
            "  ibs=BYTES       read up to BYTES bytes at a time (default: 512)\n"
            "  if=FILE         read from FILE instead of stdin\n"
            "  iflag=FLAGS     read as per the comma separated symbol list\n"
            "  obs=BYTES       write BYTES bytes at a time (default: 512)\n"
            "  of=FILE         write to FILE instead of stdout\n"
            "  oflag=FLAGS     write as per the comma separated symbol list\n"
            "  seek=N          (or oseek=N) skip N obs-sized output blocks\n"
            "  skip=N          (or iseek=N) skip N ibs-sized input blocks\n"
            "  status=LEVEL    The LEVEL of information to print to stderr;\n"
            "                  'none' suppresses everything but error messages,\n"
            "                  'noxfer' suppresses the final transfer statistics,\n"
            "                  'progress' shows periodic transfer statistics\n\n"
            "N and BYTES may be followed by the following multiplicative suffixes:\n"
            "c=1, w=2, b=512, kB=1000, K=1024, MB=1000*1000, M=1024*1024, xM=M,\n"
            "GB=1000*1000*1000, G=1024*1024*1024, and so on for T, P, E, Z, Y.\n"
            "Binary prefixes can be used, too: KiB=K, MiB=M, and so on.\n"
            "If N ends in 'B', it counts bytes not blocks.\n\n"
            "Each CONV symbol may be:\n\n"
            "  ascii     from EBCDIC to ASCII\n  ebcdic    from ASCII to EBCDIC\n"
            "  ibm       from ASCII to alternate EBCDIC\n"
            "  block     pad newline-terminated records with spaces to cbs-size\n"
            "  unblock   replace trailing spaces in cbs-size records with newline\n"
            "  lcase     change upper case to lower case\n  ucase     change lower case to upper case\n"
            "  sparse    try to seek rather than write all-NUL output blocks\n"
            "  swab      swap every pair of input bytes\n"
            "  sync      pad every input block with NULs to ibs-size; when used\n"
            "            with block or unblock, pad with spaces rather than NULs\n"
            "  excl      fail if the output file already exists\n"
            "  nocreat   do not create the output file\n  notrunc   do not truncate the output file\n"
            "  noerror   continue after read errors\n  fdatasync  physically write output file data before finishing\n"
            "  fsync     likewise, but also write metadata\n\n"
            "Each FLAG symbol may be:\n\n"
            "  append    append mode (makes sense only for output; conv=notrunc suggested)\n"
            "  direct    use direct I/O for data\n  directory  fail unless a directory\n"
            "  dsync     use synchronized I/O for data\n  sync      likewise, but also for metadata\n"
            "  fullblock  accumulate full blocks of input (iflag only)\n"
            "  nonblock  use non-blocking I/O\n  noatime   do not update access time\n"
            "  nocache   Request to drop cache.  See also oflag=sync\n"
            "  noctty    do not assign controlling terminal from file\n"
            "  nofollow  do not follow symlinks\n"
            "  count_bytes  treat 'count=N' as a byte count (iflag only)\n"
            "  skip_bytes  treat 'skip=N' as a byte count (iflag only)\n"
            "  seek_bytes  treat 'seek=N' as a byte count (oflag only)\n\n"
            "Sending a USR1 signal to a running 'dd' process makes it\n"
            "print I/O statistics to standard error and then resume copying.",
            stop=True)

# conversions (GNU's bits); ascii/ebcdic/ibm imply unblock/block, as POSIX says
C_ASCII, C_EBCDIC, C_IBM, C_BLOCK, C_UNBLOCK = 1, 2, 4, 8, 16
C_LCASE, C_UCASE, C_SWAB, C_NOERROR, C_NOTRUNC = 32, 64, 128, 256, 512
C_SYNC, C_TWOBUFS, C_NOCREAT, C_EXCL, C_FDATASYNC, C_FSYNC, C_SPARSE = 1024, 2048, 4096, 8192, 16384, 32768, 65536
CONVS = {"ascii": C_ASCII | C_UNBLOCK | C_TWOBUFS, "ebcdic": C_EBCDIC | C_BLOCK | C_TWOBUFS,
         "ibm": C_IBM | C_BLOCK | C_TWOBUFS, "block": C_BLOCK | C_TWOBUFS, "unblock": C_UNBLOCK | C_TWOBUFS,
         "lcase": C_LCASE | C_TWOBUFS, "ucase": C_UCASE | C_TWOBUFS, "sparse": C_SPARSE,
         "swab": C_SWAB | C_TWOBUFS, "noerror": C_NOERROR, "nocreat": C_NOCREAT, "excl": C_EXCL,
         "notrunc": C_NOTRUNC, "sync": C_SYNC, "fdatasync": C_FDATASYNC, "fsync": C_FSYNC}
# pseudo flags of our own, above every O_* bit
O_FULLBLOCK, O_NOCACHE, O_COUNT_BYTES, O_SKIP_BYTES, O_SEEK_BYTES = 1 << 40, 1 << 41, 1 << 42, 1 << 43, 1 << 44
FLAGS = {"append": os.O_APPEND, "direct": getattr(os, "O_DIRECT", 0), "directory": os.O_DIRECTORY,
         "dsync": os.O_DSYNC, "sync": os.O_SYNC, "fullblock": O_FULLBLOCK, "nonblock": os.O_NONBLOCK,
         "noatime": getattr(os, "O_NOATIME", 0), "nocache": O_NOCACHE, "noctty": os.O_NOCTTY,
         "nofollow": os.O_NOFOLLOW, "count_bytes": O_COUNT_BYTES, "skip_bytes": O_SKIP_BYTES,
         "seek_bytes": O_SEEK_BYTES}
STATUS_NONE, STATUS_NOXFER, STATUS_DEFAULT, STATUS_PROGRESS = 1, 2, 3, 4
STATUS = {"none": STATUS_NONE, "noxfer": STATUS_NOXFER, "progress": STATUS_PROGRESS}
INTMAX_MAX = (1 << 63) - 1
MAX_BLOCKSIZE = INTMAX_MAX - 1

# The POSIX translation tables (EBCDIC to ASCII, ASCII to EBCDIC and to
# IBM's EBCDIC), as hex.
_E2A = ("000102039c09867f978d8e0b0c0d0e0f101112139d8508871819928f1c1d1e1f80818283840a171b88898a8b8c0506"
        "07909116939495960498999a9b14159e1a20a0a1a2a3a4a5a6a7a8d52e3c282b7c26a9aaabacadaeafb0b121242a29"
        "3b7e2d2fb2b3b4b5b6b7b8b9cb2c255f3e3fbabbbcbdbebfc0c1c2603a2340273d22c3616263646566676869c4c5c6"
        "c7c8c9ca6a6b6c6d6e6f7071725ecccdcecfd0d1e5737475767778797ad2d3d45bd6d7d8d9dadbdcdddedfe0e1e2e3"
        "e45de6e77b414243444546474849e8e9eaebeced7d4a4b4c4d4e4f505152eeeff0f1f2f35c9f535455565758595af4"
        "f5f6f7f8f930313233343536373839fafbfcfdfeff")
_A2E = ("00010203372d2e2f1605250b0c0d0e0f101112133c3d322618193f271c1d1e1f405a7f7b5b6c507d4d5d5c4e6b604b"
        "61f0f1f2f3f4f5f6f7f8f97a5e4c7e6e6f7cc1c2c3c4c5c6c7c8c9d1d2d3d4d5d6d7d8d9e2e3e4e5e6e7e8e9ade0bd"
        "9a6d79818283848586878889919293949596979899a2a3a4a5a6a7a8a9c04fd05f07202122232415061728292a2b2c"
        "090a1b30311a333435360838393a3b04143ee1414243444546474849515253545556575859626364656667686970"
        "7172737475767778808a8b8c8d8e8f906a9b9c9d9e9fa0aaabac4aaeafb0b1b2b3b4b5b6b7b8b9babbbca1bebfcacb"
        "cccdcecfdadbdcdddedfeaebecedeeeffafbfcfdfeff")
_A2I = ("00010203372d2e2f1605250b0c0d0e0f101112133c3d322618193f271c1d1e1f405a7f7b5b6c507d4d5d5c4e6b604b"
        "61f0f1f2f3f4f5f6f7f8f97a5e4c7e6e6f7cc1c2c3c4c5c6c7c8c9d1d2d3d4d5d6d7d8d9e2e3e4e5e6e7e8e9ade0bd"
        "5f6d79818283848586878889919293949596979899a2a3a4a5a6a7a8a9c04fd0a107202122232415061728292a2b2c"
        "090a1b30311a333435360838393a3b04143ee1414243444546474849515253545556575859626364656667686970"
        "7172737475767778808a8b8c8d8e8f909a9b9c9d9e9fa0aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfcacb"
        "cccdcecfdadbdcdddedfeaebecedeeeffafbfcfdfeff")


def parse_number(text):
    """dd's parse_integer: (value, error) with c w b kB K ... suffixes, a
    trailing B, and NxM products; error is 0, 'invalid' or 'overflow'."""
    from multicall.numbers import INVALID_SUFFIX_CHAR, OVERFLOW, OK, xstrtoumax
    suffixes = "bcEGkKMPTwYZ0"
    n, e, end = xstrtoumax(text, 10, suffixes)
    if (e & ~OVERFLOW) == INVALID_SUFFIX_CHAR and text[end:end + 1] == "B" and end > 0 \
            and text[end - 1] != "B":
        end += 1
        if end == len(text):
            e &= ~INVALID_SUFFIX_CHAR
    if (e & ~OVERFLOW) == INVALID_SUFFIX_CHAR and text[end:end + 1] == "x" \
            and not (text[end - 1:end] == "B" and "B" in text[end + 1:]):
        o, f, _ = xstrtoumax(text[end + 1:], 10, suffixes)
        if (f & ~OVERFLOW) != OK:
            return 0, "invalid" if not f & OVERFLOW or f & ~OVERFLOW else "overflow"
        result = n * o
        if result > INTMAX_MAX or (result and (e | f) & OVERFLOW):
            return INTMAX_MAX, "overflow"
        if result == 0 and text.startswith("0x"):
            warn("dd", "warning: %s is a zero multiplier; use %s if that is intended" % (quote("0x"), quote("00x")))
        return result, None
    if e == OK:
        return (n, None) if n <= INTMAX_MAX else (INTMAX_MAX, "overflow")
    if e == OVERFLOW:
        return INTMAX_MAX, "overflow"
    return n, "invalid"


def _symbols(text, table, message):
    value = 0
    for word in text.split(","):
        if word not in table:
            raise Usage("%s: %s" % (message, quote(word)))
        value |= table[word]
    return value


class Job:
    """One dd run: the settings, the counters, and the copy."""

    def __init__(self, prog):
        self.prog = prog
        self.r_full = self.r_partial = self.w_full = self.w_partial = 0
        self.r_truncate = 0
        self.w_bytes = 0
        self.status = STATUS_DEFAULT
        self.progress_len = 0
        self.start = 0
        self.warn_partial = False
        self.prev_nread = 0
        self.final_seek = False
        self.col = 0
        self.pending_spaces = 0
        self.saved = None  # conv=swab: an odd byte carried to the next block
        self.o_direct_off = False

    # -- the summary --------------------------------------------------------------

    def xfer_line(self, now, progress=False):
        from multicall import human
        opts = human.AUTOSCALE | human.SPACE_ONE | human.GROUP | human.SI | human.B
        w = self.w_bytes
        si = human.human_readable(w, opts, 1, 1, human.NEAREST)
        iec = human.human_readable(w, opts | human.BASE_1024, 1, 1, human.NEAREST)
        delta = now - self.start
        if delta > 0:
            rate = human.human_readable(w, opts, 1000000000, delta, human.NEAREST) + "/s"
            secs = delta / 1e9
        else:
            rate = "Infinity B/s"
            secs = 0.0
        stime = ("%.0f s" % secs) if progress else ("%g s" % secs)
        if si[-2] == " ":
            line = "%d byte%s copied, %s, %s" % (w, "" if w == 1 else "s", stime, rate)
        elif iec[-2] == " ":
            line = "%d bytes (%s) copied, %s, %s" % (w, si, stime, rate)
        else:
            line = "%d bytes (%s, %s) copied, %s, %s" % (w, si, iec, stime, rate)
        return line

    def print_stats(self):
        import time
        if self.status == STATUS_NONE:
            return
        now = time.monotonic_ns()
        out = ""
        if self.progress_len > 0:
            out += "\n"
            self.progress_len = 0
        out += "%d+%d records in\n%d+%d records out\n" % (self.r_full, self.r_partial, self.w_full,
                                                         self.w_partial)
        if self.r_truncate:
            out += "%d truncated record%s\n" % (self.r_truncate, "" if self.r_truncate == 1 else "s")
        if self.status != STATUS_NOXFER:
            out += self.xfer_line(now) + "\n"
        write_stderr(out)

    def progress(self, now):
        line = self.xfer_line(now, progress=True)
        pad = max(0, self.progress_len - len(line))
        write_stderr("\r" + line + " " * pad)
        self.progress_len = len(line)

    def error(self, message):
        if self.progress_len > 0:
            write_stderr("\n")
            self.progress_len = 0
        warn(self.prog, message)

    # -- reading --------------------------------------------------------------------

    def iread(self, fd, view, size):
        n = os.readv(fd, [view[:size]]) if size else 0
        if n > 0 and self.warn_partial:
            prev = self.prev_nread
            if 0 < prev < size:
                if self.status != STATUS_NONE:
                    self.error("warning: partial read (%d byte%s); suggest iflag=fullblock"
                               % (prev, "" if prev == 1 else "s"))
                self.warn_partial = False
        self.prev_nread = n
        return n

    def iread_full(self, fd, view, size):
        got = 0
        while got < size:
            n = os.readv(fd, [view[got:size]])
            if n == 0:
                break
            got += n
        return got

    # -- writing --------------------------------------------------------------------

    def iwrite(self, fd, data):
        """Write all of data (a memoryview or bytes); conv=sparse turns a
        block of NULs into a seek.  Returns the count written."""
        size = len(data)
        if self.sparse and size and _all_zero(data):
            try:
                os.lseek(fd, size, os.SEEK_CUR)
                self.final_seek = True
                return size
            except OSError:
                self.sparse = False
        self.final_seek = False
        done = 0
        mv = memoryview(data)
        while done < size:
            if self.o_direct and not self.o_direct_off and (size - done) % 512:
                # the last, short block: O_DIRECT would refuse it
                import fcntl
                fl = fcntl.fcntl(fd, fcntl.F_GETFL)
                fcntl.fcntl(fd, fcntl.F_SETFL, fl & ~self.o_direct)
                self.o_direct_off = True
            try:
                n = os.write(fd, mv[done:])
            except OSError as e:
                self.write_errno = e
                return done
            if n == 0:
                self.write_errno = OSError(28, os.strerror(28))
                return done
            done += n
        return done


def _all_zero(data):
    n = len(data)
    if n <= 4096:
        return bytes(data) == bytes(n)
    zero = bytes(65536)
    for i in range(0, n, 65536):
        chunk = data[i:i + 65536]
        if chunk != zero[:len(chunk)]:
            return False
    return True


def _parse(job, args):
    """The operands: a dict of settings (raises Usage/Fail)."""
    s = {"if": None, "of": None, "ibs": 0, "obs": 0, "bs": 0, "cbs": 0, "skip": 0, "seek": 0,
         "count": INTMAX_MAX, "conv": 0, "iflag": 0, "oflag": 0, "skip_B": False, "seek_B": False,
         "count_B": False}
    for arg in args:
        name, eq, val = arg.partition("=")
        if not eq:
            raise Usage("unrecognized operand %s" % quote(arg))  # (the whole operand)
        if name in ("if", "of"):
            s[name] = val
        elif name == "conv":
            s["conv"] |= _symbols(val, CONVS, "invalid conversion")
        elif name == "iflag":
            s["iflag"] |= _symbols(val, FLAGS, "invalid input flag")
        elif name == "oflag":
            s["oflag"] |= _symbols(val, FLAGS, "invalid output flag")
        elif name == "status":
            for word in val.split(","):
                if word not in STATUS:
                    raise Usage("invalid status level: %s" % quote(word))
                job.status = STATUS[word]
        else:
            n, err = parse_number(val)
            has_b = "B" in val
            lo, hi = 0, INTMAX_MAX
            if name in ("ibs", "obs", "bs"):
                lo, hi = 1, MAX_BLOCKSIZE
            elif name == "cbs":
                lo = 1
            elif name in ("skip", "iseek"):
                name = "skip"
                s["skip_B"] = has_b
            elif name in ("seek", "oseek"):
                name = "seek"
                s["seek_B"] = has_b
            elif name == "count":
                s["count_B"] = has_b
            else:
                raise Usage("unrecognized operand %s" % quote(arg))
            if err is None and n < lo:
                err = "invalid"
            elif err is None and n > hi:
                err = "overflow"
            if err == "overflow":
                raise Fail("invalid number: %s: Value too large for defined data type" % quote(val))
            if err:
                raise Fail("invalid number: %s" % quote(val))
            s[name] = n
    return s


def main(argv):
    prog = argv[0]
    args = argv[1:]
    if args and args[0] == "--":
        args = args[1:]
    elif args and args[0].startswith("-") and args[0] != "-":
        SPEC.parse([prog] + args[:1])  # --help, --version, or a usage error
        args = args[1:]
    job = Job(prog)
    s = _parse(job, args)
    conv, iflag, oflag = s["conv"], s["iflag"], s["oflag"]
    if s["bs"]:
        ibs = obs = s["bs"]
    else:
        conv |= C_TWOBUFS
        ibs = s["ibs"] or 512
        obs = s["obs"] or 512
    cbs = s["cbs"]
    if not cbs:
        conv &= ~(C_BLOCK | C_UNBLOCK)
    if oflag & O_FULLBLOCK:
        raise Usage("invalid output flag: %s" % quote("fullblock"))
    if s["skip_B"]:
        iflag |= O_SKIP_BYTES
    skip = s["skip"]
    skip_records, skip_bytes = (divmod(skip, ibs) if iflag & O_SKIP_BYTES else (skip, 0))
    if s["count_B"]:
        iflag |= O_COUNT_BYTES
    count = s["count"]
    if count == INTMAX_MAX:
        max_records, max_bytes = INTMAX_MAX, 0
    elif iflag & O_COUNT_BYTES:
        max_records, max_bytes = divmod(count, ibs)
    else:
        max_records, max_bytes = count, 0
    if s["seek_B"]:
        oflag |= O_SEEK_BYTES
    seek = s["seek"]
    seek_records, seek_bytes = (divmod(seek, obs) if oflag & O_SEEK_BYTES else (seek, 0))
    o_direct = FLAGS["direct"]
    job.warn_partial = (not conv & C_TWOBUFS and not iflag & O_FULLBLOCK
                        and (skip_records or 0 < max_records < INTMAX_MAX or (iflag | oflag) & o_direct))
    fullblock = bool(iflag & O_FULLBLOCK)

    def several(mask):
        return mask & (mask - 1) != 0
    if several(conv & (C_ASCII | C_EBCDIC | C_IBM)):
        raise Fail("cannot combine any two of {ascii,ebcdic,ibm}")
    if several(conv & (C_BLOCK | C_UNBLOCK)):
        raise Fail("cannot combine block and unblock")
    if several(conv & (C_LCASE | C_UCASE)):
        raise Fail("cannot combine lcase and ucase")
    if several(conv & (C_EXCL | C_NOCREAT)):
        raise Fail("cannot combine excl and nocreat")
    if (iflag & o_direct and iflag & O_NOCACHE) or (oflag & o_direct and oflag & O_NOCACHE):
        raise Fail("cannot combine direct and nocache")
    i_nocache = bool(iflag & O_NOCACHE)
    o_nocache = bool(oflag & O_NOCACHE)
    pseudo = O_FULLBLOCK | O_NOCACHE | O_COUNT_BYTES | O_SKIP_BYTES | O_SEEK_BYTES
    if iflag & (os.O_DSYNC | os.O_SYNC):
        iflag |= getattr(os, "O_RSYNC", 0)
    job.sparse = bool(conv & C_SPARSE)
    job.o_direct = oflag & o_direct
    job.write_errno = None
    input_name = s["if"] if s["if"] is not None else "standard input"
    output_name = s["of"] if s["of"] is not None else "standard output"
    # open the files
    fds_to_close = []
    try:
        if s["if"] is not None:
            try:
                ifd = os.open(os.fsencode(s["if"]), os.O_RDONLY | (iflag & ~pseudo) | os.O_CLOEXEC)
            except OSError as e:
                raise Fail("failed to open %s: %s" % (quotef(s["if"], always=True), e.strerror))
            fds_to_close.append(ifd)
        else:
            ifd = 0
            if iflag & ~pseudo:
                _add_flags(0, iflag & ~pseudo)
        if s["of"] is not None:
            flags = (oflag & ~pseudo) | (0 if conv & C_NOCREAT else os.O_CREAT) | \
                (os.O_EXCL if conv & C_EXCL else 0) | \
                (0 if seek_records or conv & C_NOTRUNC else os.O_TRUNC) | os.O_CLOEXEC
            name = os.fsencode(s["of"])
            ofd = None
            if seek_records:  # (GNU looks at whole blocks only, here and below)
                try:
                    ofd = os.open(name, os.O_RDWR | flags, 0o666)
                except OSError:
                    ofd = None
            if ofd is None:
                try:
                    ofd = os.open(name, os.O_WRONLY | flags, 0o666)
                except OSError as e:
                    raise Fail("failed to open %s: %s" % (quotef(s["of"], always=True), e.strerror))
            fds_to_close.append(ofd)
            if seek_records and not conv & C_NOTRUNC:
                size = seek_records * obs + seek_bytes
                try:
                    os.ftruncate(ofd, size)
                except OSError as e:
                    import stat as _st
                    st = os.fstat(ofd)
                    if _st.S_ISREG(st.st_mode) or _st.S_ISDIR(st.st_mode):
                        raise Fail("failed to truncate to %d bytes in output file %s: %s"
                                   % (size, quotef(s["of"], always=True), e.strerror))
        else:
            ofd = 1
            if oflag & ~pseudo:
                _add_flags(1, oflag & ~pseudo)
        return _run(job, s, conv, ibs, obs, cbs, ifd, ofd, input_name, output_name, skip_records, skip_bytes,
                    seek_records, seek_bytes, max_records, max_bytes, fullblock, i_nocache, o_nocache)
    finally:
        for fd in fds_to_close:
            try:
                os.close(fd)
            except OSError:
                pass


def _add_flags(fd, flags):
    import fcntl
    settable = os.O_APPEND | os.O_NONBLOCK | getattr(os, "O_DIRECT", 0) | getattr(os, "O_NOATIME", 0)
    try:
        fl = fcntl.fcntl(fd, fcntl.F_GETFL)
        fcntl.fcntl(fd, fcntl.F_SETFL, fl | (flags & settable))
    except OSError:
        pass


def _skip(job, fd, name, records, blocksize, nbytes, is_input, buf):
    """GNU dd's skip(): seek (or read and discard) records*blocksize+nbytes.
    Returns (records not skipped, bytes not skipped)."""
    offset = records * blocksize + nbytes
    try:
        pos = os.lseek(fd, offset, os.SEEK_CUR)
    except OSError as e:
        seek_err = e
    else:
        if is_input:
            st = os.fstat(fd)
            import stat as _st
            if _st.S_ISREG(st.st_mode) and st.st_size < pos:
                left = (pos - st.st_size) // blocksize
                os.lseek(fd, st.st_size, os.SEEK_SET)
                return left, 0 if left else (pos - st.st_size)
            return 0, 0
        return 0, 0
    view = memoryview(buf)
    while records or nbytes:
        try:
            size = blocksize if records else nbytes
            n = job.iread(fd, view, size) if not job.fullblock else job.iread_full(fd, view, size)
        except OSError as e:
            if is_input:
                job.error("error reading %s: %s" % (quotef(name, always=True), e.strerror))
            else:
                job.error("%s: cannot seek: %s" % (quotef(name, always=True), seek_err.strerror))
            raise _Quit(1)
        if n == 0:
            break
        if records:
            records -= 1
        else:
            nbytes = 0
    return records, nbytes


class _Quit(Exception):
    def __init__(self, status):
        Exception.__init__(self, status)
        self.status = status


def _run(job, s, conv, ibs, obs, cbs, ifd, ofd, input_name, output_name, skip_records, skip_bytes,
         seek_records, seek_bytes, max_records, max_bytes, fullblock, i_nocache, o_nocache):
    import mmap
    import _signal as signal  # (the C module: no enum import)
    import time
    job.fullblock = fullblock
    # one aligned input buffer; conversions need a second one (a bytearray)
    try:
        ibuf = mmap.mmap(-1, max(ibs, 1))
    except (OSError, OverflowError, ValueError):
        raise Fail("memory exhausted by input buffer of size %d bytes (%s)" % (ibs, _human_size(ibs)))
    if conv & C_TWOBUFS:
        try:
            mmap.mmap(-1, max(obs, 1)).close()  # (GNU allocates it up front: fail as early)
        except (OSError, OverflowError, ValueError):
            raise Fail("memory exhausted by output buffer of size %d bytes (%s)" % (obs, _human_size(obs)))
    iview = memoryview(ibuf)
    old = {}

    def on_usr1(signum, frame):
        job.print_stats()

    def on_int(signum, frame):
        job.print_stats()
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
    for sig, fn in ((signal.SIGUSR1, on_usr1), (signal.SIGINT, on_int)):
        try:
            old[sig] = signal.signal(sig, fn)
        except (ValueError, OSError):
            pass
    job.start = time.monotonic_ns()
    status = 0
    try:
        try:
            status = _copy(job, s, conv, ibs, obs, cbs, ifd, ofd, input_name, output_name, skip_records,
                           skip_bytes, seek_records, seek_bytes, max_records, max_bytes, ibuf, iview,
                           i_nocache, o_nocache)
        except _Quit as q:
            status = q.status
        job.print_stats()
    finally:
        for sig, h in old.items():
            signal.signal(sig, h if h is not None else signal.SIG_DFL)
        del iview  # (the mmap goes with its last view)
    return status


def _human_size(n):
    from multicall import human
    opts = human.AUTOSCALE | human.SPACE_ONE | human.GROUP | human.SI | human.B | human.BASE_1024
    return human.human_readable(n, opts, 1, 1, human.NEAREST)


def _fadvise(fd, offset=0, length=0):
    try:
        os.posix_fadvise(fd, offset, length, os.POSIX_FADV_DONTNEED)
    except (OSError, AttributeError):
        pass


def _copy(job, s, conv, ibs, obs, cbs, ifd, ofd, input_name, output_name, skip_records, skip_bytes,
          seek_records, seek_bytes, max_records, max_bytes, ibuf, iview, i_nocache, o_nocache):
    import time
    status_level = job.status
    if skip_records or skip_bytes:
        left, left_bytes = _skip(job, ifd, input_name, skip_records, ibs, skip_bytes, True, ibuf)
        if (left or left_bytes) and status_level != STATUS_NONE:
            job.error("%s: cannot skip to specified offset" % quotef(input_name))
    if seek_records or seek_bytes:
        left, left_bytes = _skip(job, ofd, output_name, seek_records, obs, seek_bytes, False, ibuf)
        if left or left_bytes:
            zeros = bytes(obs if left else left_bytes)
            while left or left_bytes:
                size = obs if left else left_bytes
                if job.iwrite(ofd, zeros[:size]) != size:
                    job.error("writing to %s: %s" % (quotef(output_name, always=True), job.write_errno.strerror))
                    raise _Quit(1)
                if left:
                    left -= 1
                else:
                    left_bytes = 0
    exit_status = 0
    if max_records == 0 and max_bytes == 0:
        if i_nocache:
            _fadvise(ifd)
        if o_nocache:
            _fadvise(ofd)
        return 0
    twobufs = bool(conv & C_TWOBUFS)
    pad = b" " if conv & (C_BLOCK | C_UNBLOCK) else b"\0"
    # the translation table
    table = None
    if conv & (C_ASCII | C_EBCDIC | C_IBM | C_LCASE | C_UCASE):
        t = bytes(range(256))
        if conv & C_ASCII:
            t = t.translate(bytes.fromhex(_E2A))
        if conv & C_UCASE:
            t = t.upper()
        if conv & C_LCASE:
            t = t.lower()
        if conv & C_EBCDIC:
            t = t.translate(bytes.fromhex(_A2E))
        elif conv & C_IBM:
            t = t.translate(bytes.fromhex(_A2I))
        table = t
    nl, space = b"\n", b" "
    if conv & (C_EBCDIC | C_IBM) and table is not None:
        e = bytes.fromhex(_A2E if conv & C_EBCDIC else _A2I)
        nl, space = e[10:11], e[32:33]
    obuf = bytearray()
    plain = table is None and not conv & (C_SWAB | C_BLOCK | C_UNBLOCK)
    read = job.iread_full if job.fullblock else job.iread
    progress = status_level == STATUS_PROGRESS
    next_progress = time.monotonic_ns() + 1000000000 if progress else None
    partread = 0
    in_off = 0
    out_off = 0
    limit = max_records + (1 if max_bytes else 0)
    if plain and not progress and not i_nocache and not o_nocache and not job.sparse and not job.o_direct \
            and not job.warn_partial and not job.fullblock and not conv & (C_SYNC | C_NOERROR) \
            and (not twobufs or ibs == obs):
        st = _fast_copy(job, ifd, ofd, iview, ibs, limit, max_records, max_bytes, twobufs, obuf, input_name,
                        output_name)
        if st is not None:
            return st
        limit = 0  # (done: what is left is the tail below)
    while True:
        if next_progress is not None:
            now = time.monotonic_ns()
            if now >= next_progress:
                job.progress(now)
                next_progress = now + 1000000000
        if job.r_partial + job.r_full >= limit:
            break
        size = max_bytes if job.r_partial + job.r_full >= max_records else ibs
        if conv & C_SYNC and conv & C_NOERROR:
            iview[:ibs] = pad * ibs
        try:
            n = read(ifd, iview, size)
        except OSError as e:
            if not conv & C_NOERROR or status_level != STATUS_NONE:
                job.error("error reading %s: %s" % (quotef(input_name, always=True), e.strerror))
            if conv & C_NOERROR:
                job.print_stats()
                bad = ibs - partread
                try:
                    os.lseek(ifd, bad, os.SEEK_CUR)
                except OSError:
                    exit_status = 1
                if conv & C_SYNC and not partread:
                    n = 0
                else:
                    continue
            else:
                exit_status = 1
                break
        else:
            if n > 0:
                if i_nocache:
                    _fadvise(ifd, in_off, n)
                in_off += n
            elif n == 0:
                break
        if n < ibs:
            job.r_partial += 1
            partread = n
            if conv & C_SYNC:
                if not conv & C_NOERROR:
                    iview[n:ibs] = pad * (ibs - n)
                n = ibs
        else:
            job.r_full += 1
            partread = 0
        if not twobufs:
            nw = job.iwrite(ofd, iview[:n])
            job.w_bytes += nw
            if o_nocache:
                _fadvise(ofd, out_off, nw)
            out_off += nw
            if nw != n:
                return _write_error(job, output_name)
            if n == ibs:
                job.w_full += 1
            else:
                job.w_partial += 1
            continue
        if plain:
            # no conversion: full output blocks go out of the input buffer
            start = 0
            if not obuf and n >= obs:
                start = n // obs * obs
                # (_flush_full's loop, kept inline: calling a helper for
                # each read made small-block copies 3% slower)
                for pos in range(0, start, obs):
                    nw = job.iwrite(ofd, iview[pos:pos + obs])
                    job.w_bytes += nw
                    if nw != obs:
                        return _write_error(job, output_name, "writing to")
                    job.w_full += 1
            if start < n:
                obuf += iview[start:n]
                if len(obuf) >= obs:
                    st = _flush_full(job, ofd, obuf, obs, output_name)
                    if st:
                        return st
            continue
        data = bytes(iview[:n])
        if table is not None:
            data = data.translate(table)
        if conv & C_SWAB:
            data = _swab(job, data)
        if conv & C_BLOCK:
            data = _block(job, data, cbs, nl, space)
        elif conv & C_UNBLOCK:
            data = _unblock(job, data, cbs, nl, space)
        obuf += data
        if len(obuf) >= obs:
            st = _flush_full(job, ofd, obuf, obs, output_name)
            if st:
                return st
    # the odd byte swab kept, a line block was still filling, the last block
    if job.saved is not None:
        b = job.saved
        job.saved = None
        if conv & C_BLOCK:
            obuf += _block(job, b, cbs, nl, space)
        elif conv & C_UNBLOCK:
            obuf += _unblock(job, b, cbs, nl, space)
        else:
            obuf += b
    if conv & C_BLOCK and job.col > 0:
        obuf += space * max(0, cbs - job.col)
    if conv & C_UNBLOCK and job.col:
        obuf += nl
    if len(obuf) >= obs:
        st = _flush_full(job, ofd, obuf, obs, output_name)
        if st:
            return st
    if obuf and _last(job, ofd, obuf, output_name, 0):
        return 1
    if job.final_seek:
        import stat as _st
        try:
            st = os.fstat(ofd)
            if _st.S_ISREG(st.st_mode):
                off = os.lseek(ofd, 0, os.SEEK_CUR)
                if st.st_size < off:
                    os.ftruncate(ofd, off)
        except OSError as e:
            job.error("failed to truncate to %d bytes in output file %s: %s"
                      % (off, quotef(output_name, always=True), e.strerror))
            return 1
    if o_nocache:
        _fadvise(ofd)
    if i_nocache:
        _fadvise(ifd)
    if conv & C_FDATASYNC:
        try:
            os.fdatasync(ofd)
        except OSError as e:
            if e.errno not in (38, 22):
                job.error("fdatasync failed for %s: %s" % (quotef(output_name, always=True), e.strerror))
                exit_status = 1
            conv |= C_FSYNC
    if conv & C_FSYNC:
        try:
            os.fsync(ofd)
        except OSError as e:
            job.error("fsync failed for %s: %s" % (quotef(output_name, always=True), e.strerror))
            return 1
    return exit_status


def _fast_copy(job, ifd, ofd, iview, ibs, limit, max_records, max_bytes, twobufs, obuf, input_name,
               output_name):
    """The copy without conversions, with ibs == obs: a read goes out as
    one write from the input buffer (partial reads are gathered into full
    blocks first unless bs= was given, as GNU does).  Returns an exit
    status to end with, or None when the input is done (obuf may hold the
    last partial block)."""
    readv = os.readv
    write = os.write
    full = [iview[:ibs]]
    reads = 0
    status = None
    while reads < limit:
        if reads >= max_records:
            bufs = [iview[:max_bytes]]
        else:
            bufs = full
        try:
            n = readv(ifd, bufs)
        except OSError as e:
            job.error("error reading %s: %s" % (quotef(input_name, always=True), e.strerror))
            status = 1
            break
        if n == 0:
            break
        reads += 1
        if n == ibs:
            job.r_full += 1
        else:
            job.r_partial += 1
        if twobufs and (obuf or n < ibs):
            obuf += iview[:n]
            if len(obuf) < ibs:
                continue
            data = memoryview(obuf)[:ibs]
        else:
            data = iview[:n]
        size = len(data)
        done = 0
        try:
            while done < size:
                done += write(ofd, data[done:])
        except OSError as e:
            job.w_bytes += done
            if isinstance(data, memoryview) and data.obj is obuf:
                data.release()
            job.error("%s %s: %s" % ("writing to" if twobufs else "error writing",
                                     quotef(output_name, always=True), e.strerror))
            return 1
        job.w_bytes += size
        if size == ibs:
            job.w_full += 1
        else:
            job.w_partial += 1
        if data.obj is obuf:
            data.release()
            del obuf[:ibs]
    if status is not None:
        return status if not obuf else _last(job, ofd, obuf, output_name, status)
    return None


def _last(job, ofd, obuf, output_name, status):
    """Write the short last block; `status`, or 1 if that fails."""
    nw = job.iwrite(ofd, obuf)
    job.w_bytes += nw
    if nw:
        job.w_partial += 1
    if nw != len(obuf):
        return _write_error(job, output_name)
    return status


def _write_error(job, output_name, what="error writing"):
    """Report the write that fell short (job.write_errno says why); 1.
    GNU says `writing to` for a full output block of the two-buffer copy
    (its write_output) and `error writing` for a direct or last write."""
    job.error("%s %s: %s" % (what, quotef(output_name, always=True),
                             job.write_errno.strerror if job.write_errno else ""))
    return 1


def _flush_full(job, ofd, obuf, obs, output_name):
    """Write every full obs block of obuf (and keep the rest)."""
    full = len(obuf) // obs * obs
    mv = memoryview(obuf)
    pos = 0
    try:
        while pos < full:
            nw = job.iwrite(ofd, mv[pos:pos + obs])
            job.w_bytes += nw
            if nw != obs:
                return _write_error(job, output_name, "writing to")
            job.w_full += 1
            pos += obs
    finally:
        mv.release()
    del obuf[:full]
    return 0


def _swab(job, data):
    if job.saved is not None:
        data = job.saved + data
        job.saved = None
    if len(data) & 1:
        job.saved = data[-1:]
        data = data[:-1]
    if not data:
        return data
    out = bytearray(len(data))
    out[0::2] = data[1::2]
    out[1::2] = data[0::2]
    return bytes(out)


def _block(job, data, cbs, nl, space):
    """conv=block: newline-terminated lines into cbs-byte records."""
    out = []
    pos = 0
    n = len(data)
    col = job.col
    while pos < n:
        k = data.find(nl, pos)
        end = n if k < 0 else k
        piece = data[pos:end]
        room = cbs - col
        if room > 0:
            out.append(piece[:room])
        if len(piece) > room and col + len(piece) > cbs and col <= cbs:
            job.r_truncate += 1
        col += len(piece)
        if k < 0:
            break
        if col < cbs:
            out.append(space * (cbs - col))
        col = 0
        pos = k + 1
    job.col = col
    return b"".join(out)


def _unblock(job, data, cbs, nl, space):
    """conv=unblock: cbs-byte records, trailing spaces dropped, a newline
    after each."""
    out = []
    pos = 0
    n = len(data)
    col = job.col
    pending = job.pending_spaces
    while pos < n:
        if col >= cbs:
            out.append(nl)
            col = pending = 0
        take = min(cbs - col, n - pos)
        piece = data[pos:pos + take]
        stripped = piece.rstrip(space)
        if stripped:
            out.append(space * pending)
            out.append(stripped)
            pending = len(piece) - len(stripped)
        else:
            pending += len(piece)
        col += take
        pos += take
    # GNU pushes the record end back until the next byte comes
    job.col = col
    job.pending_spaces = pending
    return b"".join(out)
