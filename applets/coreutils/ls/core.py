"""The listing engine of ls (see the package docstring for the options).

Directories (the operands, and with -R everything below them) are walked
by multicall/walk.py in its listing mode: ls must show a directory's
entries completely (sorted, with column widths and the `total` line)
before it lists any subdirectory, and chooses the order of the
subdirectories by its own sort (time, size, version ...).  At each
directory's visit the walker hands over the open descriptor; ls reads it
with os.scandir(fd), stats the entries through it (fstatat), prints the
listing, and tells the walker which subdirectories to walk into, in its
sorted order.  So the walker's rules hold for ls too: no Python
recursion, no path-length limit (a tree 10,000 levels deep lists), a
bounded number of open descriptors, and GNU's loop detection (a
directory that is its own ancestor is reported as `not listing
already-listed directory`).
"""
import os
import posix

from multicall.errors import Fail, Usage, quote, quotef, write_stderr
from multicall.stdio import flush_stdout, write_all

S_IFMT = 0o170000
S_IFDIR = 0o040000
S_IFLNK = 0o120000
S_IFREG = 0o100000
S_IFIFO = 0o010000
S_IFSOCK = 0o140000
S_IFCHR = 0o020000
S_IFBLK = 0o060000

# file types (GNU's enum filetype)
UNKNOWN, FIFO, CHR, DIR, BLK, NORMAL, LNK, SOCK, WHT, ARGDIR = range(10)
_TYPE_OF_MODE = {S_IFIFO: FIFO, S_IFCHR: CHR, S_IFDIR: DIR, S_IFBLK: BLK, S_IFREG: NORMAL,
                 S_IFLNK: LNK, S_IFSOCK: SOCK}
_TYPE_LETTER = "?pcdb-lswd"
_TYPE_COLOR = ("or", "pi", "cd", "di", "bd", "fi", "ln", "so", "fi", "di")

# dereference modes
DEREF_NEVER, DEREF_CMDLINE, DEREF_SYMDIR, DEREF_ALWAYS = range(4)
IGNORE_DEFAULT, IGNORE_DOTDOT, IGNORE_MINIMAL = range(3)

_PLAIN = bytes(range(0x21, 0x7F))  # printable ASCII but space
# bytes that leave a name bare in the shell styles (anywhere in the name)
_SHELL_SAFE = b"%+,-./0123456789:@ABCDEFGHIJKLMNOPQRSTUVWXYZ]_abcdefghijklmnopqrstuvwxyz{}#~"


class File:
    """One entry of a listing.  Class-level defaults: creating one is a
    per-entry cost, and setting only the name is the cheapest form."""

    st = None
    ftype = UNKNOWN
    linkname = None
    linkmode = 0
    linkok = False
    ino = 0
    cap = False
    acl = " "
    full = None
    btime = None
    dirent = None  # with -R: the os.DirEntry the walker descends through

    def __init__(self, name):
        self.name = name


_HUMAN = 16 | 32 | 64  # multicall.human's AUTOSCALE | SI | BASE_1024 (-h)
_SI = 16 | 32  # --si

def _tty():
    return posix.isatty(1)


def _env(name):
    v = posix.environ.get(name.encode())
    return None if v is None else v.decode("utf-8", "surrogateescape")


def _line_length(text):
    """GNU decode_line_length: an unsigned number in base 0; too large
    means no limit (0); None when invalid."""
    from multicall.numbers import xstrtoumax, OK, OVERFLOW
    v, err, end = xstrtoumax(text, 0, "")
    if err == OK:
        return v if v <= (1 << 63) - 1 else 0
    if err == OVERFLOW:
        return 0
    return None


def _block_size(spec):
    """gnulib human_options: (human opts, block size) or (error code, None)."""
    from multicall.human import block_options
    from multicall.numbers import OK
    err, opts, size = block_options(spec)
    return (opts, size) if err == OK else (err, None)


class Config:
    """The decoded command line (GNU's globals from decode_switches)."""


def configure(opts):
    """GNU decode_switches: the options in the order given, then the
    environment and the defaults."""
    from applets.coreutils.ls import quoting as Q
    c = Config()
    prog = opts.prog.rpartition("/")[2]
    c.prog = prog
    mode = "dir" if prog == "dir" else "vdir" if prog == "vdir" else "ls"
    tty = _tty()
    c.utf8 = _utf8()
    fmt = None
    quoting = None
    hide_ctl = None
    if mode == "dir":
        fmt_default, quoting_default, hide_default = "vertical", Q.ESCAPE, False
    elif mode == "vdir":
        fmt_default, quoting_default, hide_default = "long", Q.ESCAPE, False
    elif tty:
        fmt_default, quoting_default, hide_default = "vertical", Q.SHELL_ESCAPE, True
    else:
        fmt_default, quoting_default, hide_default = "single", Q.LITERAL, False
    qenv = _env("QUOTING_STYLE")
    if qenv is not None:
        if qenv in Q.STYLES:
            quoting_default = qenv
        else:
            write_stderr("%s: ignoring invalid value of environment variable QUOTING_STYLE: %s\n"
                         % (prog, quote(qenv)))
    ignore_mode = IGNORE_DEFAULT
    sort = None
    time_type = "mtime"
    c.print_owner = c.print_group = True
    c.print_author = c.numeric = c.inode = c.print_block_size = c.scontext = False
    c.recursive = c.reverse = c.immediate = c.dired = c.dirs_first = False
    indicator = "none"
    deref = None
    color = False
    hyperlink = False
    time_style = None
    width = None
    tabsize = 8
    tenv = _env("TABSIZE")
    if tenv is not None:
        from multicall.numbers import xstrtoumax, OK
        v, err, _ = xstrtoumax(tenv, 0, "")
        if err == OK:
            tabsize = v
        else:
            write_stderr("%s: ignoring invalid tab size in environment variable TABSIZE: %s\n"
                         % (prog, quote(tenv)))
    eol = b"\n"
    hide = []
    ignore = []
    human_opts = None  # set by -h, --si, --block-size
    block = None
    file_human = 0
    file_block = 1
    kib = False
    for d in opts.given:
        if d == "all":
            ignore_mode = IGNORE_MINIMAL
        elif d == "almost_all":
            ignore_mode = IGNORE_DOTDOT
        elif d == "author":
            c.print_author = True
        elif d == "escape":
            quoting = Q.ESCAPE
        elif d == "block_size":
            o, v = _block_size(opts.block_size)
            if v is None:
                from multicall.numbers import xstrtol_fatal
                xstrtol_fatal(o, "--block-size", opts.block_size, 2)
            human_opts, block = o, v
            file_human, file_block = o, v
        elif d == "ignore_backups":
            ignore.append(b"*~")
            ignore.append(b".*~")
        elif d == "c":
            time_type = "ctime"
        elif d == "C":
            fmt = "vertical"
        elif d == "color":
            color = opts.color == "always" or (opts.color == "auto" and tty)
        elif d == "directory":
            c.immediate = True
        elif d == "dired":
            c.dired = True
        elif d == "f":
            ignore_mode = IGNORE_MINIMAL
            sort = "none"
            if fmt == "long":
                fmt = None
            c.print_block_size = False
            color = False
            hyperlink = False
        elif d == "classify":
            if opts.classify == "always" or (opts.classify == "auto" and tty):
                indicator = "classify"
        elif d == "file_type":
            indicator = "file-type"
        elif d == "format":
            fmt = opts.format
        elif d == "full_time":
            fmt = "long"
            time_style = "full-iso"
        elif d == "g":
            fmt = "long"
            c.print_owner = False
        elif d == "no_group":
            c.print_group = False
        elif d == "human_readable":
            human_opts = file_human = _HUMAN
            block = file_block = 1
        elif d == "si":
            human_opts = file_human = _SI
            block = file_block = 1
        elif d == "dereference_command_line":
            deref = DEREF_CMDLINE
        elif d == "dereference_command_line_symlink_to_dir":
            deref = DEREF_SYMDIR
        elif d == "hide":
            pass
        elif d == "hyperlink":
            hyperlink = opts.hyperlink == "always" or (opts.hyperlink == "auto" and tty)
        elif d == "indicator_style":
            indicator = opts.indicator_style
        elif d == "inode":
            c.inode = True
        elif d == "ignore":
            pass
        elif d == "kibibytes":
            kib = True
        elif d == "l":
            fmt = "long"
        elif d == "dereference":
            deref = DEREF_ALWAYS
        elif d == "m":
            fmt = "commas"
        elif d == "numeric_uid_gid":
            c.numeric = True
            fmt = "long"
        elif d == "literal":
            quoting = Q.LITERAL
        elif d == "o":
            fmt = "long"
            c.print_group = False
        elif d == "p":
            indicator = "slash"
        elif d == "hide_control_chars":
            hide_ctl = True
        elif d == "show_control_chars":
            hide_ctl = False
        elif d == "quote_name":
            quoting = Q.C
        elif d == "quoting_style":
            quoting = opts.quoting_style
        elif d == "reverse":
            c.reverse = True
        elif d == "recursive":
            c.recursive = True
        elif d == "size":
            c.print_block_size = True
        elif d == "S":
            sort = "size"
        elif d == "sort":
            sort = opts.sort
        elif d == "time":
            time_type = opts.time
        elif d == "time_style":
            time_style = opts.time_style
        elif d == "t":
            sort = "time"
        elif d == "tabsize":
            from multicall.numbers import xnumtoumax
            try:
                tabsize = xnumtoumax(opts.tabsize, 0, (1 << 63) - 1, "", "invalid tab size", 0)
            except Fail as e:
                raise Fail(e.message, 2) from None
        elif d == "u":
            time_type = "atime"
        elif d == "U":
            sort = "none"
        elif d == "v":
            sort = "version"
        elif d == "width":
            w = _line_length(opts.width)
            if w is None:
                raise Fail("invalid line width: %s" % quote(opts.width), 2)
            width = w
        elif d == "x":
            fmt = "across"
        elif d == "X":
            sort = "extension"
        elif d == "context":
            c.scontext = True
        elif d == "zero":
            eol = b"\0"
            hide_ctl = False
            if fmt != "long":
                fmt = "single"
            color = False
            quoting = Q.LITERAL
        elif d == "group_directories_first":
            c.dirs_first = True
        elif d == "one":
            if fmt != "long":
                fmt = "single"
    for p in opts.hide:
        hide.append(os.fsencode(p))
    for p in opts.ignore:
        ignore.append(os.fsencode(p))
    from applets.coreutils.ls import glob
    c.hide = [glob.compile(p) for p in hide]
    c.ignore_pats = [glob.compile(p) for p in ignore]
    c.ignore_mode = ignore_mode
    c.format = fmt = fmt or fmt_default
    c.eol = eol
    c.quoting = quoting or quoting_default
    c.qmark = (hide_ctl if hide_ctl is not None else hide_default) and \
        c.quoting in (Q.SHELL, Q.SHELL_ALWAYS, Q.LITERAL)
    c.sort = sort if sort is not None else (
        "time" if fmt != "long" and time_type in ("ctime", "atime", "btime") else "name")
    c.time_type = time_type
    c.indicator = indicator
    c.hyperlink = hyperlink
    c.dired = c.dired and fmt == "long" and not hyperlink
    if deref is None:
        deref = DEREF_NEVER if (c.immediate or indicator == "classify" or fmt == "long") else DEREF_SYMDIR
    c.deref = deref
    # block sizes
    if block is None:
        env_ls = _env("LS_BLOCK_SIZE")
        env_any = env_ls if env_ls is not None else _env("BLOCK_SIZE")
        o = v = None
        if env_any is not None:
            o, v = _block_size(env_any)
        if v is None:
            o, v = 0, (512 if "POSIXLY_CORRECT" in os.environ else 1024)
        human_opts, block = o, v
        if env_ls is not None or _env("BLOCK_SIZE") is not None:
            file_human, file_block = human_opts, block
        if kib:
            human_opts, block = 0, 1024
    c.human = human_opts
    c.block = block
    c.file_human = file_human
    c.file_block = file_block
    # colours
    c.ind = None
    c.exts = []
    c.referent = False
    if color:
        from applets.coreutils.ls import colors
        val = posix.environ.get(b"LS_COLORS")
        if not val:
            if not os.environ.get("COLORTERM") and not colors.known_term():
                color = False
            else:
                c.ind = dict(colors.DEFAULTS)
        else:
            r = colors.parse(val, lambda m: write_stderr("%s: %s\n" % (prog, m)))
            if r is None:
                color = False
            else:
                c.ind, c.exts = r
                if c.ind.get("ln") == b"target":
                    c.referent = True
    c.color = color
    if color:
        tabsize = 0
    c.tabsize = tabsize
    # symlink targets looked at
    c.check_symlink_type = c.dirs_first or (color and (
        _colored(c, "or") or (_colored(c, "ex") and c.referent) or (_colored(c, "mi") and fmt == "long")))
    # line width
    if width is None and (fmt in ("vertical", "across", "commas") or color):
        width = _winsize()
        if width is None:
            cols = _env("COLUMNS")
            if cols:
                width = _line_length(cols)
                if width is None:
                    write_stderr("%s: ignoring invalid width in environment variable COLUMNS: %s\n"
                                 % (prog, quote(cols)))
    c.width = 80 if width is None else width
    # time style
    c.time_formats = None
    if fmt == "long":
        c.time_formats = _time_style(time_style, c.utf8)
    c.align_quotes = (fmt == "long" or (fmt in ("vertical", "across") and c.width)) and \
        c.quoting in (Q.SHELL, Q.SHELL_ESCAPE, Q.C_MAYBE)
    these = set()
    if c.quoting == Q.ESCAPE:
        these.add(32)
    if indicator in ("file-type", "classify"):
        these.update(b"=>@|" if indicator == "classify" else b"*=>@|")
    c.these = frozenset(these) or None
    return c


def _winsize():
    try:
        import fcntl
        import termios
        import struct
        data = fcntl.ioctl(1, termios.TIOCGWINSZ, b"\0" * 8)
        cols = struct.unpack("HHHH", data)[1]
        return cols if cols > 0 else None
    except (OSError, ImportError):
        return None


def _utf8():
    from compat.platform import utf8_locale
    return utf8_locale()


def _hard_locale():
    for key in (b"LC_ALL", b"LC_TIME", b"LANG"):
        v = posix.environ.get(key)
        if v:
            return v not in (b"C", b"POSIX")
    return False


def _time_style(style, utf8):
    from applets.coreutils.ls import timefmt
    if style is None:
        style = _env("TIME_STYLE")
        if style is None:
            style = "locale"
    while style.startswith("posix-"):
        if not _hard_locale():
            style = "locale"
            break
        style = style[6:]
    if style.startswith("+"):
        f = style[1:]
        if "\n" in f:
            old, _, new = f.partition("\n")
            if "\n" in new:
                raise Fail("invalid time style format %s" % quote(f), 2)
        else:
            old = new = f
    else:
        table = ["full-iso", "long-iso", "iso", "locale"]
        match = [w for w in table if w.startswith(style)] if style else table
        if style in table:
            match = [style]
        if len(match) != 1:
            why = "ambiguous" if match else "invalid"
            raise Usage("%s argument %s for %s\nValid arguments are:\n%s"
                        "  - +FORMAT (e.g., +%%H:%%M) for a 'date'-style format"
                        % (why, quote(style), quote("time style"),
                           "".join("  - [posix-]%s\n" % w for w in table)), 2)
        style = match[0]
        if style == "full-iso":
            old = new = "%Y-%m-%d %H:%M:%S.%N %z"
        elif style == "long-iso":
            old = new = "%Y-%m-%d %H:%M"
        elif style == "iso":
            old, new = "%Y-%m-%d ", "%m-%d %H:%M"
        else:
            old, new = "%b %e  %Y", "%b %e %H:%M"
    return (timefmt.split_format(old), timefmt.split_format(new))


def _colored(c, key):
    v = c.ind.get(key) if c.ind else None
    return not (v is None or v == b"" or v == b"0" or v == b"00")


def run(opts):
    c = configure(opts)
    return Lister(c).main([os.fsencode(a) for a in opts.operands], len(opts.operands))


class Lister:
    def __init__(self, c):
        self.c = c
        self.status = 0
        flush_stdout()
        self.chunks = []
        self.pos = 0  # dired byte position
        self.dired_pos = []
        self.subdired_pos = []
        self.used_color = False
        self.users = {}
        self.groups = {}
        self.modes = {}
        self.times = {}
        self.quote_cache = {}
        self.first = True
        self.acl_unsupported = set()
        self.now_ns = None
        import time
        self._time = time
        fmt = c.format
        self.long = fmt == "long"
        self.needs_stat = c.sort in ("time", "size") or self.long or c.scontext or c.print_block_size
        self.needs_type = not self.needs_stat and (c.recursive or c.color or c.indicator != "none"
                                                   or c.dirs_first)
        self.color_dirbits = c.color and (_colored(c, "tw") or _colored(c, "ow") or _colored(c, "st"))
        self.color_regbits = c.color and (_colored(c, "ex") or _colored(c, "su") or _colored(c, "sg")
                                          or _colored(c, "ca"))
        self.deref_type = c.deref == DEREF_ALWAYS or c.referent or c.check_symlink_type
        self.tmark = {"mtime": "st_mtime_ns", "ctime": "st_ctime_ns", "atime": "st_atime_ns",
                      "btime": "st_mtime_ns"}[c.time_type]
        if c.time_type == "btime":
            self.tmark = None
        q = c.quoting
        from applets.coreutils.ls import quoting as Q
        self.Q = Q
        if q == Q.LITERAL:
            safe = _PLAIN + b" "
        elif q in (Q.SHELL, Q.SHELL_ESCAPE):
            safe = _SHELL_SAFE
        else:
            safe = _PLAIN.replace(b"\\", b"").replace(b'"', b"")
        if c.these:
            safe = bytes(b for b in safe if b not in c.these)
        if q in (Q.SHELL_ALWAYS, Q.SHELL_ESCAPE_ALWAYS, Q.C, Q.LOCALE, Q.CLOCALE):
            safe = None  # always decorated: no shortcut
        self.safe = safe
        if q in (Q.LOCALE, Q.CLOCALE):
            if c.utf8:
                self.lq, self.rq = "\u2018".encode(), "\u2019".encode()
            elif q == Q.CLOCALE:
                self.lq = self.rq = b'"'
            else:
                self.lq = self.rq = b"'"
        else:
            self.lq = self.rq = b"'"
        if c.hyperlink:
            self.host = os.fsencode(os.uname().nodename)
        import sys
        self.utf8fs = sys.getfilesystemencoding().lower().replace("-", "") == "utf8"
        self.fast_long = not (c.color or c.hyperlink or c.dired or c.inode or c.print_block_size
                              or c.scontext or c.print_author) and \
            c.file_human == 0 and c.file_block == 1

    # -- output --------------------------------------------------------------

    def flush(self, really=False):
        """Write the pending output to fd 1 (ls batches whole listings
        itself, so it bypasses the buffered stdout); a write error is
        GNU's `write error`, status 2."""
        if self.chunks:
            data = b"".join(self.chunks)
            self.chunks = []
            try:
                write_all(1, data)
            except Fail as e:
                raise Fail(e.message, 2) from None

    def err(self, serious, msg):
        self.flush(True)
        write_stderr("%s: %s\n" % (self.c.prog, msg))
        if serious:
            self.status = 2
        elif self.status == 0:
            self.status = 1

    def file_failure(self, serious, what, name, e):
        self.err(serious, "%s %s: %s" % (what, quotef(name, always=True), e.strerror or str(e)))

    # -- quoting ---------------------------------------------------------------

    def quote(self, name, dirname=False):
        """(shown bytes, width, quoted) of a name."""
        safe = self.safe
        if safe is not None and not dirname and not name.translate(None, safe) and name[:1] not in (b"#", b"~"):
            if len(name) != 1 or name not in (b"{", b"}"):
                return name, len(name), False
        key = (name, dirname)
        r = self.quote_cache.get(key)
        if r is not None:
            return r
        c = self.c
        Q = self.Q
        these = frozenset(b":") if dirname else c.these
        buf = Q.quotearg(name, c.quoting, c.utf8, these, self.lq, self.rq)
        quoted = buf[:1] != name[:1] or len(buf) != len(name)
        if c.qmark:
            buf, w = Q.qmark(buf, c.utf8)
        else:
            w = Q.width(buf, c.utf8)
        r = (buf, w, quoted)
        if len(self.quote_cache) < 4096:
            self.quote_cache[key] = r
        return r

    # -- colours -----------------------------------------------------------------

    def put_ind(self, seq, parts):
        """Append an indicator sequence; the very first one is preceded by
        GNU's reset (prep_non_filename_text)."""
        if not self.used_color:
            self.used_color = True
            self.non_filename(parts)
        parts.append(seq)

    def non_filename(self, parts):
        ind = self.c.ind
        if ind.get("ec") is not None:
            self.put_ind(ind["ec"], parts)
        else:
            self.put_ind(ind["lc"] + ind["rs"] + ind["rc"], parts)

    def color_of(self, f, target):
        c = self.c
        ind = c.ind
        if target:
            name = f.linkname
            mode = f.linkmode
            linkok = 0 if f.linkok else -1
        else:
            name = f.name
            mode = f.linkmode if (c.referent and f.linkok) else (f.st.st_mode if f.st is not None else 0)
            linkok = 1 if f.linkok else 0
        if linkok == -1 and _colored(c, "mi"):
            key = "mi"
        elif f.st is None:
            key = _TYPE_COLOR[f.ftype]
        else:
            t = mode & S_IFMT
            if t == S_IFREG:
                key = "fi"
                if mode & 0o4000 and _colored(c, "su"):
                    key = "su"
                elif mode & 0o2000 and _colored(c, "sg"):
                    key = "sg"
                elif _colored(c, "ca") and f.cap:
                    key = "ca"
                elif mode & 0o111 and _colored(c, "ex"):
                    key = "ex"
                elif f.st.st_nlink > 1 and _colored(c, "mh"):
                    key = "mh"
            elif t == S_IFDIR:
                key = "di"
                if mode & 0o1000 and mode & 0o002 and _colored(c, "tw"):
                    key = "tw"
                elif mode & 0o002 and _colored(c, "ow"):
                    key = "ow"
                elif mode & 0o1000 and _colored(c, "st"):
                    key = "st"
            elif t == S_IFLNK:
                key = "ln"
            elif t == S_IFIFO:
                key = "pi"
            elif t == S_IFSOCK:
                key = "so"
            elif t == S_IFBLK:
                key = "bd"
            elif t == S_IFCHR:
                key = "cd"
            else:
                key = "or"
        if key == "fi" and c.exts:
            low = name.lower()
            for ext, n, seq in c.exts:
                if n <= len(low) and low.endswith(ext):
                    return seq
        if key == "ln" and not linkok and (c.referent or _colored(c, "or")):
            key = "or"
        return ind.get(key)

    # -- names -------------------------------------------------------------------

    def name_parts(self, f, target, parts, start_col, allow_pad, pad_on, dired):
        """Append the (coloured, hyperlinked) name; returns its width
        (with the alignment space)."""
        c = self.c
        name = f.linkname if target else f.name
        shown, w, quoted = self.quote(name)
        pad = allow_pad and pad_on and not quoted
        if pad:
            parts.append(b" ")
            self.pos += 1
        color = None
        used = False
        if c.color:
            color = self.color_of(f, target)
            used = color is not None or _colored(c, "no")
            if color is not None:
                ind = c.ind
                if _colored(c, "no"):
                    self.put_ind(ind["lc"] + ind["rc"], parts)
                self.put_ind(ind["lc"] + color + ind["rc"], parts)
        skip = False
        if c.hyperlink:
            if c.align_quotes and pad_on and not pad:
                skip = True
                parts.append(shown[:1])
            parts.append(b"\033]8;;file://" + _file_escape(self.host, False) +
                         self.abs_link(f, target))
        if dired:
            self.dired_pos.append(self.pos)
        parts.append(shown[skip:len(shown) - skip] if skip else shown)
        self.pos += len(shown)
        if dired:
            self.dired_pos.append(self.pos)
        if c.hyperlink:
            parts.append(b"\033]8;;\a")
            if skip:
                parts.append(shown[-1:])
        n = len(shown) + pad
        if used:
            self.non_filename(parts)
            ll = c.width
            if ll and start_col // ll != (start_col + n - 1) // ll:
                self.put_ind(c.ind["cl"], parts)
        return w + pad

    def abs_link(self, f, target):
        full = f.full if f.full is not None else f.name
        try:
            absolute = os.path.realpath(full)
        except (OSError, ValueError):
            absolute = os.path.abspath(full)
        n = _file_escape(absolute, True)
        return (b"" if n.startswith(b"/") else b"/") + n + b"\a"

    # -- gathering ---------------------------------------------------------------

    def ignored(self, name):
        c = self.c
        mode = c.ignore_mode
        if mode != IGNORE_MINIMAL and name[:1] == b".":
            if mode == IGNORE_DEFAULT or name in (b".", b".."):
                return True
        if mode == IGNORE_DEFAULT and c.hide:
            from applets.coreutils.ls.glob import match
            for p in c.hide:
                if match(p, name):
                    return True
        if c.ignore_pats:
            from applets.coreutils.ls.glob import match
            for p in c.ignore_pats:
                if match(p, name):
                    return True
        return False

    def gobble_arg(self, name, ftype=UNKNOWN):
        """Stat one command-line operand; a File or None."""
        c = self.c
        f = File(name)
        f.ftype = ftype
        f.full = name
        deref = c.deref
        try:
            if deref == DEREF_ALWAYS or deref == DEREF_CMDLINE or deref == DEREF_SYMDIR:
                try:
                    st = os.stat(name)
                    if deref == DEREF_SYMDIR and (st.st_mode & S_IFMT) != S_IFDIR:
                        st = os.lstat(name)
                except OSError as e:
                    if deref == DEREF_SYMDIR and e.errno in (2, 40):
                        st = os.lstat(name)
                    else:
                        raise
            else:
                st = os.lstat(name)
        except OSError as e:
            self.file_failure(True, "cannot access", name, e)
            return None
        self.finish(f, st, name, None, True)
        return f

    def finish(self, f, st, path, dir_fd, cmdline):
        """The stat-dependent parts of gobble_file."""
        c = self.c
        f.st = st
        f.ino = st.st_ino
        mode = st.st_mode
        t = mode & S_IFMT
        if t == S_IFLNK:
            f.ftype = LNK
            if self.long or c.check_symlink_type:
                try:
                    f.linkname = os.readlink(path, dir_fd=dir_fd)
                except OSError as e:
                    self.file_failure(cmdline, "cannot read symbolic link",
                                      f.full if f.full is not None else path, e)
                if f.linkname is not None and (c.indicator in ("file-type", "classify") or c.check_symlink_type):
                    try:
                        lst = os.stat(path, dir_fd=dir_fd)
                        f.linkok = True
                        f.linkmode = lst.st_mode
                    except (OSError, ValueError):
                        pass
        elif t == S_IFDIR:
            f.ftype = ARGDIR if (cmdline and not c.immediate) else DIR
        else:
            f.ftype = NORMAL
        if self.long and t != S_IFLNK:
            self.check_acl(f, path, dir_fd, st)
        if c.color and t == S_IFREG and _colored(c, "ca"):
            f.cap = self.has_cap(f, path, dir_fd)

    def check_acl(self, f, path, dir_fd, st):
        dev = st.st_dev
        if dev in self.acl_unsupported:
            return
        full = f.full if f.full is not None else path
        try:
            names = os.listxattr(full, follow_symlinks=True)
        except OSError as e:
            if e.errno in (95, 61, 38):  # EOPNOTSUPP, ENODATA, ENOSYS
                self.acl_unsupported.add(dev)
            return
        if "system.posix_acl_access" in names or "system.posix_acl_default" in names:
            f.acl = "+"

    def has_cap(self, f, path, dir_fd):
        full = f.full if f.full is not None else path
        try:
            return bool(os.getxattr(full, "security.capability"))
        except OSError:
            return False

    def gather(self, fd, dirname, cmdline):
        """Read and stat the entries of open directory `fd` (GNU's
        gobble_file for each): (list of File, total blocks)."""
        c = self.c
        files = []
        total = 0
        ignore_mode = c.ignore_mode
        need_ignore = bool((c.hide and ignore_mode == IGNORE_DEFAULT) or c.ignore_pats)
        needs_stat = self.needs_stat or c.hyperlink or c.inode  # GNU stats for -i (mount points)
        needs_type = self.needs_type
        long = self.long
        deref = c.deref == DEREF_ALWAYS
        prefix = b"" if dirname == b"." else (dirname if dirname.endswith(b"/") else dirname + b"/")
        color_dirbits = self.color_dirbits
        color_regbits = self.color_regbits or c.indicator == "classify"
        deref_type = self.deref_type
        inode = c.inode
        finish = self.finish
        simple = not long and not c.check_symlink_type and not c.color and not c.hyperlink
        recursive = c.recursive
        try:
            it = os.scandir(fd)
        except OSError as e:
            self.file_failure(cmdline, "reading directory", dirname, e)
            return files, 0
        # names and types, then status
        with it:
            entries = []
            if ignore_mode == IGNORE_MINIMAL:
                entries.append(_Dot(".", fd))
                entries.append(_Dot("..", fd))
            try:
                entries.extend(it)
            except OSError as e:
                self.file_failure(cmdline, "reading directory", dirname, e)
        if ignore_mode == IGNORE_MINIMAL and c.sort == "none":
            entries = _readdir_order(fd, entries)
        stat_lnk = (inode or needs_type) and deref_type
        stat_reg = color_regbits
        stat_dir = color_dirbits
        stat_unknown = needs_type or color_dirbits or stat_lnk
        check_dot = ignore_mode == IGNORE_DEFAULT
        append = files.append
        utf8fs = self.utf8fs
        fsencode = os.fsencode
        for d in entries:
            name = d.name.encode("utf-8", "surrogateescape") if utf8fs else fsencode(d.name)
            if need_ignore or (check_dot and name[:1] == b"."):
                if self.ignored(name):
                    continue
            f = File(name)
            if recursive:
                f.dirent = d
            if d.is_symlink():
                f.ftype = LNK
                need = stat_lnk
            elif d.is_file():
                f.ftype = NORMAL
                need = stat_reg
            elif d.is_dir():
                f.ftype = DIR
                need = stat_dir
            else:
                need = stat_unknown
            if needs_stat or need:
                f.full = prefix + name
                try:
                    st = d.stat(follow_symlinks=deref)
                except OSError as e:
                    self.file_failure(False, "cannot access", f.full, e)
                    append(f)
                    continue
                if simple and (st.st_mode & S_IFMT) != S_IFLNK:
                    f.st = st
                    f.ino = st.st_ino
                    t = st.st_mode & S_IFMT
                    f.ftype = DIR if t == S_IFDIR else NORMAL
                else:
                    finish(f, st, name, fd, False)
                total += st.st_blocks
            elif inode:
                f.ino = d.inode()
            append(f)
        return files, total

    # -- sorting -------------------------------------------------------------------

    def sort(self, files):
        c = self.c
        s = c.sort
        if s == "none":
            return files
        rev = c.reverse
        if s == "name":
            files.sort(key=_name_key, reverse=rev)
        elif s == "time":
            attr = self.tmark
            if attr is None:
                bt = self.btime
                files.sort(key=lambda f: (-bt(f), f.name), reverse=rev)
            else:
                files.sort(key=lambda f: (-getattr(f.st, attr) if f.st is not None else 0, f.name),
                           reverse=rev)
        elif s == "size":
            files.sort(key=lambda f: (-(f.st.st_size if f.st is not None else 0), f.name), reverse=rev)
        elif s == "extension":
            def ext(f):
                i = f.name.rfind(b".")
                return (f.name[i:] if i >= 0 else b"", f.name)
            files.sort(key=ext, reverse=rev)
        elif s == "width":
            files.sort(key=lambda f: (self.name_width(f), f.name), reverse=rev)
        elif s == "version":
            from functools import cmp_to_key
            from applets.coreutils.ls.vercmp import filevercmp

            def cmp(a, b):
                r = filevercmp(a.name, b.name)
                if r:
                    return r
                return (a.name > b.name) - (a.name < b.name)
            files.sort(key=cmp_to_key(cmp), reverse=rev)
        if c.dirs_first:
            files.sort(key=_not_dir)
        return files

    def btime(self, f):
        """Birth time in ns (statx), 0 when unknown; kept on the File."""
        v = f.btime
        if v is None:
            from multicall.fsinfo import birth_time
            try:
                t = birth_time(f.full if f.full is not None else f.name, self.c.deref == DEREF_ALWAYS)
            except OSError:
                t = None
            f.btime = v = t[0] * 1000000000 + t[1] if t is not None else 0
        return v

    def name_width(self, f):
        return self.quote(f.name)[1]

    # -- the main loop -----------------------------------------------------------------

    def main(self, args, n_files):
        c = self.c
        roots = []  # the directories to list, in order
        files = []
        self.some_quoted = False
        if not args:
            if c.immediate:
                f = self.gobble_arg(b".", DIR)
                if f is not None:
                    files.append(f)
            else:
                roots.append(b".")
        else:
            for a in args:
                f = self.gobble_arg(a)
                if f is not None:
                    files.append(f)
        if files:
            self.some_quoted = c.align_quotes and any(self.quote(f.name)[2] for f in files)
            self.sort(files)
            if not c.immediate:
                roots = [f.name for f in files if f.ftype == ARGDIR]
                files = [f for f in files if f.ftype != ARGDIR]
        print_dir_name = True
        if files:
            self.print_files(files)
            if roots:
                self.emit(b"\n")
        elif n_files <= 1 and len(roots) == 1:
            print_dir_name = False
        if roots:
            self.walk(roots, print_dir_name)
        if c.dired:
            self.flush()
            if self.dired_pos:
                self.emit(b"//DIRED//" + b"".join(b" %d" % p for p in self.dired_pos) + b"\n")
            if self.subdired_pos:
                self.emit(b"//SUBDIRED//" + b"".join(b" %d" % p for p in self.subdired_pos) + b"\n")
            self.emit(b"//DIRED-OPTIONS// --quoting-style=%s\n" % c.quoting.encode())
        if c.color and self.used_color:
            ind = c.ind
            if not (ind["lc"] == b"\033[" and ind["rc"] == b"m"):
                self.chunks.append(ind["lc"] + ind["rc"])
        self.flush(True)
        return self.status

    def emit(self, data):
        self.chunks.append(data)
        self.pos += len(data)

    def walk(self, roots, print_dir_name):
        """List the directories `roots` (and with -R the trees below them)
        through the shared walker."""
        from multicall import walk
        c = self.c
        PRE, ERROR, LOOP = walk.PRE, walk.ERROR, walk.LOOP
        follow = "L" if c.deref == DEREF_ALWAYS else "H"
        for e in walk.Walker(roots, follow=follow, listing=True):
            kind = e.kind
            if kind == PRE:
                subdirs = self.print_dir(e.path, e.depth == 0, print_dir_name, e.fd)
                print_dir_name = True
                if subdirs:
                    e.descend(subdirs)
                if len(self.chunks) > 64:
                    self.flush()
            elif kind == ERROR:
                self.file_failure(e.depth == 0,
                                  "cannot access" if e.stage == "stat" and e.depth else "cannot open directory",
                                  e.path, e.error)
            elif kind == LOOP:
                self.err(True, "%s: not listing already-listed directory" % quotef(e.path))

    def print_dir(self, name, cmdline, print_dir_name, fd):
        """List the directory open on `fd`; with -R, return the os.DirEntry
        objects of its subdirectories in the order to list them."""
        c = self.c
        if c.recursive or print_dir_name:
            if not self.first:
                self.emit(b"\n")
            self.first = False
            parts = []
            if c.dired:
                parts.append(b"  ")
                self.pos += 2
            shown, w, quoted = self.quote(name, True)
            if c.hyperlink:
                f = File(name)
                f.full = name
                parts.append(b"\033]8;;file://" + _file_escape(self.host, False) + self.abs_link(f, False))
            self.subdired_pos.append(self.pos)
            parts.append(shown)
            self.pos += len(shown)
            self.subdired_pos.append(self.pos)
            if c.hyperlink:
                parts.append(b"\033]8;;\a")
            parts.append(b":\n")
            self.pos += 2
            self.chunks.append(b"".join(parts))
            if not c.dired:
                self.subdired_pos.clear()
        files, total = self.gather(fd, name, cmdline)
        self.sort(files)
        subdirs = None
        if c.recursive:
            subdirs = [f.dirent for f in files
                       if f.ftype == DIR and f.dirent is not None and f.name not in (b".", b"..")]
        if self.long or c.print_block_size:
            from multicall.human import human_readable as human
            line = b"total " + human(total, c.human, 512, c.block).encode() + c.eol
            self.emit((b"  " if c.dired else b"") + line)
        self.some_quoted = c.align_quotes and any(self.quote(f.name)[2] for f in files)
        if files:
            self.print_files(files)
        return subdirs

    # -- printing -----------------------------------------------------------------------

    def print_files(self, files):
        fmt = self.c.format
        if fmt == "long":
            self.print_long(files)
        elif fmt == "single":
            self.print_single(files)
        else:
            self.print_grid(files, fmt)

    def frills_setup(self, files):
        """Widths of the inode, block and context columns (short formats)."""
        c = self.c
        self.ino_w = self.blk_w = self.ctx_w = 0
        if c.inode:
            self.ino_w = max(len(self.ino_str(f)) for f in files)
        if c.print_block_size:
            self.blk_w = max(len(self.blocks_str(f)) for f in files)
        if c.scontext:
            self.ctx_w = 1

    def ino_str(self, f):
        if f.st is None and not f.ino:
            return b"?"
        return b"%d" % f.ino

    def blocks_str(self, f):
        if f.st is None:
            return b"?"
        from multicall.human import human_readable as human
        return human(f.st.st_blocks, self.c.human, 512, self.c.block).encode()

    def indicator(self, f):
        return _indicator(self.c.indicator, f.st.st_mode if f.st is not None else None, f.ftype)

    def frills_width(self, f, commas):
        c = self.c
        n = 0
        if c.inode:
            n += 1 + (len(self.ino_str(f)) if commas else self.ino_w)
        if c.print_block_size:
            n += 1 + (len(self.blocks_str(f)) if commas else self.blk_w)
        if c.scontext:
            n += 1 + (1 if commas else self.ctx_w)
        n += self.quote(f.name)[1] + (1 if (self.some_quoted and not self.quote(f.name)[2]) else 0)
        if c.indicator != "none" and self.indicator(f):
            n += 1
        return n

    def frills(self, f, start_col, parts, commas):
        """print_file_name_and_frills into parts."""
        c = self.c
        if c.color and _colored(c, "no"):
            ind = c.ind
            self.put_ind(ind["lc"] + ind["no"] + ind["rc"], parts)
        if c.inode:
            s = self.ino_str(f)
            parts.append((s if commas else s.rjust(self.ino_w)) + b" ")
        if c.print_block_size:
            s = self.blocks_str(f)
            parts.append((s if commas else s.rjust(self.blk_w)) + b" ")
        if c.scontext:
            parts.append((b"?" if commas else b"?".rjust(self.ctx_w)) + b" ")
        self.name_parts(f, False, parts, start_col, True, self.some_quoted, False)
        if c.indicator != "none":
            ch = self.indicator(f)
            if ch:
                parts.append(ch)

    def print_single(self, files):
        c = self.c
        eol = c.eol
        plain = not (c.inode or c.print_block_size or c.scontext or c.color or c.hyperlink
                     or c.indicator != "none" or self.some_quoted)
        if plain:
            q = self.quote
            safe = self.safe
            if safe is None:
                self.chunks.append(b"".join([q(f.name)[0] + eol for f in files]))
                return
            out = []
            for f in files:
                n = f.name
                if n.translate(None, safe) or n[:1] in b"#~{}":
                    n = q(n)[0]
                out.append(n)
            out.append(b"")
            self.chunks.append(eol.join(out))
            return
        self.frills_setup(files)
        parts = []
        for f in files:
            self.frills(f, 0, parts, False)
            parts.append(eol)
        self.chunks.append(b"".join(parts))

    def print_grid(self, files, fmt):
        c = self.c
        eol = c.eol
        self.frills_setup(files)
        parts = []
        n = len(files)
        ll = c.width
        if fmt == "commas":
            pos = 0
            for i, f in enumerate(files):
                ln = self.frills_width(f, True) if ll else 0
                if i:
                    if not ll or pos + ln + 2 < ll:
                        pos += 2
                        sep = b" "
                    else:
                        pos = 0
                        sep = eol
                    parts.append(b"," + sep)
                self.frills(f, pos, parts, True)
                pos += ln
            parts.append(eol)
            self.chunks.append(b"".join(parts))
            return
        lens = [self.frills_width(f, False) for f in files]
        by_cols = fmt == "vertical"
        cols, widths = _columns(lens, ll, by_cols)
        tab = c.tabsize if ll else 0
        if by_cols:
            rows = n // cols + (n % cols != 0)
            for row in range(rows):
                col = 0
                i = row
                pos = 0
                while True:
                    self.frills(files[i], pos, parts, False)
                    w = widths[col]
                    col += 1
                    nxt = i + rows
                    if nxt >= n:
                        break
                    parts.append(_indent(pos + lens[i], pos + w, tab))
                    pos += w
                    i = nxt
                parts.append(eol)
        else:
            pos = 0
            self.frills(files[0], 0, parts, False)
            prev_len = lens[0]
            prev_w = widths[0]
            for i in range(1, n):
                col = i % cols
                if col == 0:
                    parts.append(eol)
                    pos = 0
                else:
                    parts.append(_indent(pos + prev_len, pos + prev_w, tab))
                    pos += prev_w
                self.frills(files[i], pos, parts, False)
                prev_len = lens[i]
                prev_w = widths[col]
            parts.append(eol)
        self.chunks.append(b"".join(parts))

    # -- long format ----------------------------------------------------------------------

    def user(self, uid):
        r = self.users.get(uid)
        if r is None:
            r = b"%d" % uid
            if not self.c.numeric:
                import pwd
                try:
                    r = os.fsencode(pwd.getpwuid(uid).pw_name)
                except (KeyError, OverflowError):
                    pass
            self.users[uid] = r
        return r

    def group(self, gid):
        r = self.groups.get(gid)
        if r is None:
            r = b"%d" % gid
            if not self.c.numeric:
                import grp
                try:
                    r = os.fsencode(grp.getgrgid(gid).gr_name)
                except (KeyError, OverflowError):
                    pass
            self.groups[gid] = r
        return r

    def when(self, f):
        """The time stamp (ns) shown and sorted by, or None."""
        attr = self.tmark
        if attr is None:
            v = self.btime(f)
            return v if v else None
        return getattr(f.st, attr)

    def date(self, ns):
        now = self.now_ns
        if now is None or ns > now:
            now = self.now_ns = self._time.time_ns()
        sec, nsec = divmod(ns, 1000000000)
        six = now - 15778476 * 1000000000
        recent = six < ns < now
        key = (ns if self.has_n else sec, recent)
        r = self.times.get(key)
        if r is None:
            from applets.coreutils.ls import timefmt
            try:
                r = timefmt.render(self.c.time_formats[1 if recent else 0], sec, nsec)
            except (OverflowError, OSError, ValueError):
                r = None
            if r is None:
                r = (b"%d" % sec).rjust(self.time_w())
            self.times[key] = r
        return r

    def time_w(self):
        from applets.coreutils.ls import timefmt
        try:
            return len(timefmt.render(self.c.time_formats[0], 0, 0))
        except (OverflowError, OSError, ValueError):
            return 0

    def mode_str(self, mode):
        r = self.modes.get(mode)
        if r is None:
            from multicall.modes import mode_string
            r = self.modes[mode] = mode_string(mode)
        return r

    def print_long_fast(self, files):
        """The common -l: no colour, inode, blocks, context, author or
        dired; every entry stat'ed, no devices, no ACLs, sizes in bytes.
        One bytes %-format per entry.  False when it does not apply."""
        sts = []
        for f in files:
            st = f.st
            if st is None or f.acl != " ":
                return False
            t = st.st_mode & S_IFMT
            if t == S_IFCHR or t == S_IFBLK:
                return False
            sts.append(st)
        if not sts:
            return False
        c = self.c
        user, group = self.user, self.group
        users = self.users
        groups = self.groups
        owner, grp = c.print_owner, c.print_group
        nl_w = len(b"%d" % max([st.st_nlink for st in sts]))
        size_w = len(b"%d" % max([st.st_size for st in sts]))
        own_w = max([len(users.get(st.st_uid) or user(st.st_uid)) for st in sts]) if owner else 0
        grp_w = max([len(groups.get(st.st_gid) or group(st.st_gid)) for st in sts]) if grp else 0
        ug = b"%*s " if c.numeric else b"%-*s "
        if owner and grp:
            fmt = b"%s %*d " + ug + ug + b"%*d %s %s"
        elif owner or grp:
            fmt = b"%s %*d " + ug + b"%*d %s %s"
        else:
            fmt = b"%s %*d %*d %s %s"
        fmt += c.eol
        modes = self.modes
        mode_str = self.mode_str
        times = self.times
        date = self.date
        attr = self.tmark
        if attr is None:
            return False
        now = self.now_ns
        if now is None:
            now = self.now_ns = self._time.time_ns()
        six = now - 15778476 * 1000000000
        has_n = self.has_n
        quote = self.quote
        safe = self.safe
        indicator = c.indicator
        out = []
        append = out.append
        for f, st in zip(files, sts):
            name = f.name
            if safe is None or name.translate(None, safe) or name[:1] in (b"#", b"~") or name in (b"{", b"}"):
                name = quote(name)[0]
            mode = st.st_mode
            ms = modes.get(mode) or mode_str(mode)
            ns = getattr(st, attr)
            if six < ns < now and not has_n:
                d = times.get((ns // 1000000000, True)) or date(ns)
            else:
                d = date(ns)
            if f.ftype == LNK:
                if f.linkname is not None:
                    name += b" -> " + quote(f.linkname)[0]
                    if indicator != "none":
                        name += _indicator(indicator, f.linkmode, UNKNOWN)
            elif indicator != "none":
                name += self.indicator(f)
            if owner and grp:
                append(fmt % (ms, nl_w, st.st_nlink, own_w, users[st.st_uid], grp_w, groups[st.st_gid],
                              size_w, st.st_size, d, name))
            elif owner:
                append(fmt % (ms, nl_w, st.st_nlink, own_w, users[st.st_uid], size_w, st.st_size, d, name))
            elif grp:
                append(fmt % (ms, nl_w, st.st_nlink, grp_w, groups[st.st_gid], size_w, st.st_size, d, name))
            else:
                append(fmt % (ms, nl_w, st.st_nlink, size_w, st.st_size, d, name))
        self.chunks.append(b"".join(out))
        return True

    def print_long(self, files):
        c = self.c
        eol = c.eol
        self.has_n = any(p.__class__ is tuple and p[0] == "N" for fm in c.time_formats for p in fm)
        if self.fast_long and not self.some_quoted and self.print_long_fast(files):
            return
        from multicall.human import human_readable as human
        # widths
        ino_w = blk_w = nl_w = own_w = grp_w = auth_w = ctx_w = maj_w = min_w = size_w = 0
        rows = []
        user, group = self.user, self.group
        fh, fb = c.file_human, c.file_block
        plain_size = fh == 0 and fb == 1
        for f in files:
            st = f.st
            if st is None:
                rows.append(None)
                continue
            if c.print_block_size:
                b = human(st.st_blocks, c.human, 512, c.block).encode()
                if len(b) > blk_w:
                    blk_w = len(b)
            else:
                b = None
            t = st.st_mode & S_IFMT
            if t == S_IFCHR or t == S_IFBLK:
                ma, mi = b"%d" % os.major(st.st_rdev), b"%d" % os.minor(st.st_rdev)
                if len(ma) > maj_w:
                    maj_w = len(ma)
                if len(mi) > min_w:
                    min_w = len(mi)
                size = (ma, mi)
                if maj_w + 2 + min_w > size_w:
                    size_w = maj_w + 2 + min_w
            else:
                size = b"%d" % st.st_size if plain_size else human(st.st_size, fh, 1, fb).encode()
                if len(size) > size_w:
                    size_w = len(size)
            nl = b"%d" % st.st_nlink
            if len(nl) > nl_w:
                nl_w = len(nl)
            rows.append((b, size, nl))
        if c.inode:
            ino_w = max(len(self.ino_str(f)) for f in files)
        if c.print_owner:
            own_w = max([len(user(f.st.st_uid)) for f in files if f.st is not None] or [0])
        if c.print_group:
            grp_w = max([len(group(f.st.st_gid)) for f in files if f.st is not None] or [0])
        if c.print_author:
            auth_w = max([len(user(f.st.st_uid)) for f in files if f.st is not None] or [0])
        if c.scontext:
            ctx_w = 1
        numeric = c.numeric
        ug_fmt = b"%*s " if numeric else b"%-*s "
        dired = c.dired
        color = c.color
        hyper = c.hyperlink
        some_quoted = self.some_quoted
        indicator = c.indicator
        quote = self.quote
        mode_str = self.mode_str
        date = self.date
        when = self.when
        any_acl = any(f.acl != " " for f in files)
        parts = []
        for f, row in zip(files, rows):
            st = f.st
            head = []
            if color and _colored(c, "no"):
                ind = c.ind
                self.put_ind(ind["lc"] + ind["no"] + ind["rc"], parts)
            if ino_w:
                head.append(self.ino_str(f).rjust(ino_w) + b" ")
            if st is None:
                if c.print_block_size:
                    head.append(b"?".rjust(blk_w) + b" ")
                head.append((_TYPE_LETTER[f.ftype] + "?" * (10 if any_acl else 9)).encode() + b" ")
                head.append(b"?".rjust(nl_w) + b" ")
                mid = b""
                if c.print_owner:
                    mid += b"%-*s " % (own_w, b"?")
                if c.print_group:
                    mid += b"%-*s " % (grp_w, b"?")
                if c.print_author:
                    mid += b"%-*s " % (auth_w, b"?")
                if c.scontext:
                    mid += b"%-*s " % (ctx_w, b"?")
                tail = b"?".rjust(size_w) + b" " + b"?".rjust(self.time_w()) + b" "
            else:
                b, size, nl = row
                if b is not None:
                    head.append(b.rjust(blk_w) + b" ")
                head.append(mode_str(st.st_mode) + (f.acl.encode() if any_acl else b"") + b" " + nl.rjust(nl_w) + b" ")
                mid = b""
                if c.print_owner:
                    mid += ug_fmt % (own_w, user(st.st_uid))
                if c.print_group:
                    mid += ug_fmt % (grp_w, group(st.st_gid))
                if c.print_author:
                    mid += ug_fmt % (auth_w, user(st.st_uid))
                if c.scontext:
                    mid += b"%-*s " % (ctx_w, b"?")
                if size.__class__ is tuple:
                    pad = max(0, size_w - (maj_w + 2 + min_w))
                    tail = b"%*s, %*s " % (maj_w + pad, size[0], min_w, size[1])
                else:
                    tail = size.rjust(size_w) + b" "
                ns = when(f)
                if ns is None:
                    tail += b"?".rjust(self.time_w()) + b" "
                else:
                    tail += date(ns) + b" "
            if dired:
                head.insert(0, b"  ")
            h = b"".join(head)
            has_mid = c.print_owner or c.print_group or c.print_author or c.scontext
            line = h + mid + tail
            parts.append(line)
            self.pos += len(line)
            start_col = len(tail) if has_mid else len(h) + len(tail) - (2 if dired else 0)
            if not color and not hyper and not dired and not some_quoted:
                shown = quote(f.name)[0]
                parts.append(shown)
                w = len(shown)
            else:
                w = self.name_parts(f, False, parts, start_col, True, some_quoted, dired)
            if f.ftype == LNK and st is not None:
                if f.linkname is not None:
                    parts.append(b" -> ")
                    self.pos += 4
                    self.name_parts(f, True, parts, start_col + w + 4, False, some_quoted, False)
                    if indicator != "none":
                        ch = _indicator(indicator, f.linkmode, UNKNOWN)
                        if ch:
                            parts.append(ch)
                            self.pos += 1
            elif indicator != "none":
                ch = self.indicator(f)
                if ch:
                    parts.append(ch)
                    self.pos += 1
            parts.append(eol)
            self.pos += 1
        self.chunks.append(b"".join(parts))


class _Dot:
    """"." and ".." as scandir would give them if it did."""

    def __init__(self, name, fd):
        self.name = name
        self.fd = fd
        self._st = None

    def stat(self, follow_symlinks=True):
        if self._st is None:
            self._st = os.stat(self.name, dir_fd=self.fd, follow_symlinks=False)
        return self._st

    def is_symlink(self):
        return False

    def is_file(self):
        return False

    def is_dir(self):
        return True

    def inode(self):
        return self.stat().st_ino


def _readdir_order(fd, entries):
    """The entries in the order readdir(3) gives them, "." and ".." where
    they really are (scandir leaves them out, and -f -a shows them)."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.fdopendir.restype = ctypes.c_void_p
        libc.readdir.restype = ctypes.c_void_p
        libc.readdir.argtypes = [ctypes.c_void_p]
        libc.closedir.argtypes = [ctypes.c_void_p]
        dup = os.dup(fd)
        dirp = libc.fdopendir(dup)
        if not dirp:
            os.close(dup)
            return entries
        libc.rewinddir.argtypes = [ctypes.c_void_p]
        libc.rewinddir(dirp)
        names = []
        try:
            while True:
                ent = libc.readdir(dirp)
                if not ent:
                    break
                names.append(ctypes.string_at(ent + 19))
        finally:
            libc.closedir(dirp)
    except (OSError, AttributeError, ImportError):
        return entries
    by_name = {os.fsencode(d.name): d for d in entries}
    out = []
    for n in names:
        d = by_name.pop(n, None)
        if d is not None:
            out.append(d)
        elif n in (b".", b".."):
            out.append(_Dot(n.decode(), fd))
    out.extend(by_name.values())
    return out


def _indicator(style, mode, ftype):
    """get_type_indicator: b'/' b'*' ... or b''."""
    if style == "none":
        return b""
    if mode is not None and mode != 0:
        t = mode & S_IFMT
        if t == S_IFREG:
            return b"*" if style == "classify" and mode & 0o111 else b""
        if t == S_IFDIR:
            return b"/"
        if style == "slash":
            return b""
        if t == S_IFLNK:
            return b"@"
        if t == S_IFIFO:
            return b"|"
        if t == S_IFSOCK:
            return b"="
        return b""
    if mode == 0:
        return b""
    if ftype == NORMAL:
        return b""
    if ftype == DIR or ftype == ARGDIR:
        return b"/"
    if style == "slash":
        return b""
    if ftype == LNK:
        return b"@"
    if ftype == FIFO:
        return b"|"
    if ftype == SOCK:
        return b"="
    return b""


def _name_key(f):
    return f.name


def _not_dir(f):
    if f.ftype == DIR or f.ftype == ARGDIR:
        return False
    return not (f.linkmode & S_IFMT == S_IFDIR)


def _indent(frm, to, tab):
    out = []
    while frm < to:
        if tab and to // tab > (frm + 1) // tab:
            out.append(b"\t")
            frm += tab - frm % tab
        else:
            out.append(b" ")
            frm += 1
    return b"".join(out)


def _columns(lens, line_length, by_cols):
    """GNU calculate_columns: (number of columns, width of each).

    GNU grows every candidate layout entry by entry and drops one once
    its line reaches the width; a line only grows, so that is the same
    as trying each number of columns, widest first, on the whole list:
    column j is as wide as its widest entry plus 2 (not for the last
    possible column), and at least 3.  max() over slices does the work.
    """
    n = len(lens)
    if not line_length:
        return n, [w + 2 for w in lens[:-1]] + [max(lens[-1], 3)] if n else [3]
    max_idx = line_length // 3 + (line_length % 3 != 0)
    max_cols = max_idx if 0 < max_idx < n else n
    for cols in range(max_cols, 0, -1):
        widths = []
        if by_cols:
            rows = (n + cols - 1) // cols
            for j in range(cols):
                part = lens[j * rows:(j + 1) * rows]
                w = max(part) + (0 if j == cols - 1 else 2) if part else 0
                widths.append(w if w > 3 else 3)
        else:
            for j in range(cols):
                part = lens[j::cols]
                w = max(part) + (0 if j == cols - 1 else 2) if part else 0
                widths.append(w if w > 3 else 3)
        if cols == 1 or sum(widths) < line_length:
            return cols, widths
    return 1, [max(lens) if lens else 3]


def _file_escape(s, path):
    out = []
    for b in s:
        if (48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122 or b in b"-._~") or (path and b == 47):
            out.append(bytes((b,)))
        else:
            out.append(b"%%%02x" % b)
    return b"".join(out)


