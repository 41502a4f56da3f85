"""du: estimate file space usage, as GNU coreutils 9.1 does.

One pass of multicall.walk (fts order, so lines come out in GNU's order)
keeps a stack of per-directory sums: a directory's line is printed at its
POST visit.  Files are stat'ed through their parent's descriptor; files
with more than one link (every entry when there are several operands or
with -L) are remembered by (device, inode) and counted once, unless -l.
Sizes go through gnulib's human_readable rounding (multicall/human.py).
"""
import os

from multicall import walk
from multicall.errors import Fail, Usage, quote, quotef, warn
from multicall.options import CONST, Spec, opt

SPEC = Spec(("[OPTION]... [FILE]...", "[OPTION]... --files0-from=F"),
            "Summarize device usage of the set of FILEs, recursively for directories.\n\n"
            "Mandatory arguments to long options are mandatory for short options too.",
            opt("-0, --null", "end each output line with NUL, not newline"),
            opt("-a, --all", "write counts for all files, not just directories"),
            opt("--apparent-size", "print apparent sizes rather than device usage"),
            opt("-B SIZE", None, dest="scale", type=lambda v: ("-B", v)),
            opt("--block-size=SIZE", "(-B SIZE) scale sizes by SIZE before printing them",
                dest="scale", type=lambda v: ("--block-size", v)),
            opt("-b, --bytes", "equivalent to '--apparent-size --block-size=1'"),
            opt("-c, --total", "produce a grand total"),
            opt("-D, --dereference-args", "dereference only symlinks that are listed on the\n"
                "  command line", dest="deref", kind=CONST, const="H"),
            opt("-d, --max-depth=N", "print the total for a directory (or file, with --all)\n"
                "  only if it is N or fewer levels below the command\n  line argument"),
            opt("--files0-from=F", "summarize device usage of the\n  NUL-terminated file names specified in file F;\n"
                "  if F is -, then read names from standard input"),
            opt("-H", "equivalent to --dereference-args (-D)", dest="deref", kind=CONST, const="H"),
            opt("-h, --human-readable", "print sizes in human readable format (e.g., 1K 234M 2G)",
                dest="scale", kind=CONST, const=("h", None)),
            opt("--inodes", "list inode usage information instead of block usage"),
            opt("-k", "like --block-size=1K", dest="scale", kind=CONST, const=("k", None)),
            opt("-L, --dereference", "dereference all symbolic links", dest="deref", kind=CONST, const="L"),
            opt("-l, --count-links", "count sizes many times if hard linked"),
            opt("-m", "like --block-size=1M", dest="scale", kind=CONST, const=("m", None)),
            opt("-P, --no-dereference", "don't follow any symbolic links (this is the default)",
                dest="deref", kind=CONST, const="P"),
            opt("-S, --separate-dirs", "for directories do not include size of subdirectories"),
            opt("--si", "like -h, but use powers of 1000 not 1024", dest="scale", kind=CONST, const=("si", None)),
            opt("-s, --summarize", "display only a total for each argument"),
            opt("-t SIZE", None, dest="threshold", type=lambda v: ("-t", v)),
            opt("--threshold=SIZE", "(-t SIZE) exclude entries smaller than SIZE if positive,\n"
                "  or entries greater than SIZE if negative", type=lambda v: ("--threshold", v)),
            opt("--time[=WORD]", "show time of the last modification of any file in the\n"
                "  directory, or any of its subdirectories; WORD may be\n"
                "  atime, access, use, ctime or status", const="mtime"),
            opt("--time-style=STYLE", "show times using STYLE, which can be:\n"
                "  full-iso, long-iso, iso, or +FORMAT;\n  FORMAT is interpreted like in 'date'"),
            opt("-X, --exclude-from=FILE", "exclude files that match any pattern in FILE", dest="exclude_from",
                kind="list"),
            opt("--exclude=PATTERN", "exclude files that match PATTERN", kind="list"),
            opt("-x, --one-file-system", "skip directories on different file systems"),
            epilog="Display values are in units of the first available SIZE from --block-size,\n"
            "and the DU_BLOCK_SIZE, BLOCK_SIZE and BLOCKSIZE environment variables.\n"
            "Otherwise, units default to 1024 bytes (or 512 if POSIXLY_CORRECT is set).\n\n"
            "The SIZE argument is an integer and optional unit (example: 10K is 10*1024).\n"
            "Units are K,M,G,T,P,E,Z,Y (powers of 1024) or KB,MB,... (powers of 1000).\n"
            "Binary prefixes can be used, too: KiB=K, MiB=M, and so on.")

_CYCLE = ("WARNING: Circular directory structure.\n"
          "This almost certainly means that you have a corrupted file system.\n"
          "NOTIFY YOUR SYSTEM MANAGER.\n"
          "The following directory is part of the cycle:\n  %s\n")


def _warn(prog, message):
    """A message after flushing what was printed so far (gnulib's error()
    does so, and logs of `du ... 2>&1` show the two in that order)."""
    from multicall.stdio import flush_stdout
    flush_stdout()
    warn(prog, message)


def _threshold(shown, text):
    """-t SIZE: a signed size (gnulib xstrtoimax, base 0, du's suffixes)."""
    from multicall.numbers import OK, xstrtoumax, xstrtol_fatal
    s = text.lstrip(" \t\n\v\f\r")
    neg = s[:1] == "-"
    v, err, _ = xstrtoumax(s[1:] if neg else s, 0, "kKmMGTPEZY0")
    if neg and s[1:2] == "-":
        err = 4
    if err != OK:
        xstrtol_fatal(err, shown, text)
    if neg and v == 0:
        raise Fail("invalid --threshold argument '-0'")
    return -v if neg else v


def _files0(prog, name):
    """The names in a --files0-from file (bytes, NUL-separated)."""
    try:
        if name == "-":
            chunks = []
            while True:
                b = os.read(0, 1 << 16)
                if not b:
                    break
                chunks.append(b)
            data = b"".join(chunks)
        else:
            with open(os.fsencode(name), "rb") as f:
                data = f.read()
    except OSError as e:
        raise Fail("cannot open %s for reading: %s" % (quotef(name, always=True), e.strerror))
    names = data.split(b"\0")
    if names and names[-1] == b"":
        names.pop()
    return names


class _Fmt:
    """Turns a count into the printed size."""

    def __init__(self, opts_bits, block_size, inodes):
        self.bits = opts_bits
        self.block = block_size
        self.inodes = inodes

    def __call__(self, n):
        if not self.bits:
            if self.block == 1:
                return b"%d" % n
            return b"%d" % -(-n // self.block)  # (rounded up, as GNU does)
        from multicall.human import human_readable
        return human_readable(n, self.bits, 1, self.block).encode()


def _time_formatter(prog, style):
    import time
    if style is None:
        style = os.environ.get("TIME_STYLE", "long-iso")
    while style.startswith("posix-"):
        style = style[6:]
    if style.startswith("+"):
        fmt = style[1:].split("\n", 1)[0]
    else:
        from multicall.options import argmatch
        fmt = argmatch(style, "time style", [("full-iso", "full"), ("long-iso", "long"), ("iso", "iso")])
        fmt = {"full": "%Y-%m-%d %H:%M:%S.%N %z", "long": "%Y-%m-%d %H:%M", "iso": "%Y-%m-%d"}[fmt]

    def show(ns):
        sec, frac = divmod(ns, 1000000000)
        try:
            tm = time.localtime(sec)
        except (OverflowError, OSError, ValueError):
            return b"%d" % sec
        f = fmt.replace("%N", "%09d" % frac) if "%N" in fmt else fmt
        return time.strftime(f, tm).encode("utf-8", "surrogateescape")
    return show


def main(argv):
    opts = SPEC.parse(argv)
    prog = opts.prog
    from multicall import human
    from multicall.numbers import OK
    # the output scale: DU_BLOCK_SIZE, then the options (the last one wins)
    env = os.environ.get("DU_BLOCK_SIZE")
    err, bits, block = human.block_options(env)
    if err != OK:
        err, bits, block = human.block_options(None)
    apparent = opts.apparent_size or opts.bytes
    last = [d for d in opts.given if d in ("scale", "bytes")]
    if last and last[-1] == "bytes":
        bits, block = 0, 1
    elif opts.scale is not None:
        bits, block = human.scale_option(*opts.scale)
    max_depth = None
    if opts.max_depth is not None:
        from multicall.numbers import xstrtoumax
        v, e, _ = xstrtoumax(opts.max_depth, 10, "")
        if e != OK:
            raise Usage("invalid maximum depth %s" % quote(opts.max_depth))
        max_depth = v
    if opts.all and opts.summarize:
        raise Usage("cannot both summarize and show all entries")
    if opts.summarize:
        if max_depth is not None and max_depth == 0:
            _warn(prog, "warning: summarizing is the same as using --max-depth=0")
        elif max_depth is not None:
            raise Usage("warning: summarizing conflicts with --max-depth=%d" % max_depth)
        max_depth = 0
    threshold = _threshold(*opts.threshold) if opts.threshold is not None else None
    inodes = opts.inodes
    if inodes:
        if apparent:
            _warn(prog, "warning: options --apparent-size and -b are ineffective with --inodes")
        block = 1
    show_time = None
    time_attr = None
    if opts.time is not None:
        from multicall.options import argmatch
        which = argmatch(opts.time, "--time", [("atime", "a"), ("access", "a"), ("use", "a"),
                                               ("ctime", "c"), ("status", "c")]) if opts.time != "mtime" else "m"
        time_attr = {"a": "st_atime_ns", "c": "st_ctime_ns", "m": "st_mtime_ns"}[which]
        show_time = _time_formatter(prog, opts.time_style)
    elif opts.time_style is not None:
        _time_formatter(prog, opts.time_style)  # validate it, as GNU does
    # exclusion patterns
    patterns = []
    for name in opts.exclude_from:
        try:
            if name == "-":
                data = b"".join(iter(lambda: os.read(0, 65536), b""))
            else:
                with open(os.fsencode(name), "rb") as f:
                    data = f.read()
        except OSError as e:
            raise Fail("%s: %s" % (quotef(name), e.strerror))
        patterns += [p for p in data.split(b"\n") if p]
    patterns += [os.fsencode(p) for p in opts.exclude]
    excluded = None
    if patterns:
        from applets.findutils.find.pattern import compile as fncompile
        matchers = [fncompile(p) for p in patterns]

        def _excluded(path):
            for m in matchers:
                if m(path):
                    return True
                i = path.find(b"/")
                while i >= 0:
                    if path[i + 1:i + 2] != b"/" and m(path[i + 1:]):
                        return True
                    i = path.find(b"/", i + 1)
            return False
        excluded = _excluded
    # the operands
    if opts.files0_from is not None:
        if opts.operands:
            raise Usage("extra operand %s\nfile operands cannot be combined with --files0-from"
                        % quote(opts.operands[0]))
        names = _files0(prog, opts.files0_from)
        from_name = opts.files0_from
    else:
        names = [os.fsencode(a) for a in opts.operands] or [b"."]
        from_name = None
    follow = opts.deref or "P"
    hash_all = len(names) > 1 or follow == "L" or from_name is not None
    fmt = _Fmt(bits, block, inodes)
    from multicall.stdio import stdout
    w = stdout()
    end = b"\0" if opts.null else b"\n"
    status = 0
    seen = set()
    count_links = opts.count_links
    separate = opts.separate_dirs
    show_all = opts.all
    xdev = opts.one_file_system
    total = 0
    total_time = None

    def emit(size, path, tm):
        if threshold is not None:
            if (threshold >= 0 and size < threshold) or (threshold < 0 and size > -threshold):
                return
        if show_time is not None:
            w.write(fmt(size) + b"\t" + show_time(tm) + b"\t" + path + end)
        else:
            w.write(fmt(size) + b"\t" + path + end)

    fast = excluded is None and not xdev and follow != "L" and time_attr is None
    hash_files = not count_links
    lstat = os.stat
    PRE, POST, FILE, ERROR, LOOP = walk.PRE, walk.POST, walk.FILE, walk.ERROR, walk.LOOP
    for idx, root in enumerate(names):
        if from_name is not None:
            if not root:
                _warn(prog, "%s:%d: invalid zero-length file name" % (quotef(from_name), idx + 1))
                status = 1
                continue
            if from_name == "-" and root == b"-":
                _warn(prog, "when reading file names from standard input, no file name of %s allowed"
                     % quote("-"))
                status = 1
                continue
        stack = []  # per open directory: [entries, subdirectories, latest time]
        skipped = set()
        root_dev = None
        for e in walk.Walker([root], follow=follow, order="fts"):
            kind = e.kind
            if kind == FILE and fast and e.depth:
                # the common case, kept short: a file below a starting point
                try:
                    st = lstat(e.name, dir_fd=e.dir_fd, follow_symlinks=False)
                except OSError as err:
                    _warn(prog, "cannot access %s: %s" % (quotef(e.path, always=True), err.strerror))
                    status = 1
                    continue
                if hash_files and (hash_all or st.st_nlink > 1):
                    key = (st.st_dev, st.st_ino)
                    if key in seen:
                        continue
                    seen.add(key)
                size = 1 if inodes else st.st_size if apparent else st.st_blocks * 512
                total += size
                stack[-1][0] += size
                if show_all and (max_depth is None or e.depth <= max_depth):
                    emit(size, e.path, None)
                continue
            if kind == FILE or kind == PRE:
                try:
                    st = e.stat()
                except OSError as err:
                    _warn(prog, "cannot access %s: %s" % (quotef(e.path, always=True), err.strerror))
                    status = 1
                    continue
                if kind == PRE and e.depth == 0:
                    root_dev = st.st_dev
                if (excluded is not None and excluded(e.path)) or \
                        (xdev and e.depth and st.st_dev != root_dev):
                    if kind == PRE:
                        e.prune()
                        skipped.add(id(e))
                    continue
                if not count_links and (hash_all or (kind == FILE and st.st_nlink > 1)) and \
                        (kind == FILE or not count_links):
                    key = (st.st_dev, st.st_ino)
                    if key in seen:
                        if kind == PRE:
                            e.prune()
                            skipped.add(id(e))
                        continue
                    seen.add(key)
                size = 1 if inodes else st.st_size if apparent else st.st_blocks * 512
                tm = getattr(st, time_attr) if time_attr else None
                total += size
                if tm is not None and (total_time is None or tm > total_time):
                    total_time = tm
                if kind == PRE:
                    stack.append([size, 0, tm])
                    continue
                if stack:
                    top = stack[-1]
                    top[0] += size
                    if tm is not None and tm > top[2]:
                        top[2] = tm
                if (show_all or e.depth == 0) and (max_depth is None or e.depth <= max_depth):
                    emit(size, e.path, tm)
            elif kind == POST:
                if id(e) in skipped:
                    continue
                ent, sub, tm = stack.pop()
                cum = ent + sub
                if stack:
                    top = stack[-1]
                    top[1] += cum
                    if tm is not None and tm > top[2]:
                        top[2] = tm
                if max_depth is None or e.depth <= max_depth:
                    emit(ent if separate else cum, e.path, tm)
            elif kind == ERROR:
                if e.stage == "stat":
                    _warn(prog, "cannot access %s: %s" % (quotef(e.path, always=True), e.error.strerror))
                else:
                    _warn(prog, "cannot read directory %s: %s" % (quotef(e.path, always=True), e.error.strerror))
                status = 1
            elif kind == LOOP:
                if follow != "L":
                    from multicall.stdio import flush_stdout
                    flush_stdout()
                    from multicall.errors import write_stderr
                    write_stderr("%s: " % prog + _CYCLE % quotef(e.path, always=True))
                    status = 1
    if opts.total:
        emit_total = fmt(total) + b"\t"
        if show_time is not None:
            emit_total += show_time(total_time or 0) + b"\t"
        w.write(emit_total + b"total" + end)
    return status
