"""find's -printf formats, -ls lines, and the name helpers they share.

A format is parsed once (GNU's warnings and errors come out at parse
time) into segments; printing an entry then joins bytes.  Directives
behave as in GNU findutils 4.9: %d is a C `%d`, %m a C `%o`, %S a C `%g`
(so their flags `-+ #0`, width and precision all count); every other
directive is a string, where only `-`, the width and the precision matter.
Names (%p %f %h %P %l %F) are written as they are unless the output is a
terminal, where unprintable characters become '?'.
"""
import os

from multicall.errors import Fail, warn
from multicall.modes import mode_string

S_IFMT = 0o170000
S_IFDIR, S_IFCHR, S_IFBLK, S_IFREG = 0o040000, 0o020000, 0o060000, 0o100000
S_IFIFO, S_IFLNK, S_IFSOCK = 0o010000, 0o120000, 0o140000

_TYPE_LETTER = {S_IFREG: b"f", S_IFDIR: b"d", S_IFLNK: b"l", S_IFSOCK: b"s", S_IFBLK: b"b",
                S_IFCHR: b"c", S_IFIFO: b"p"}
_WEEKDAYS = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# directives that need the file's status (GNU's need_stat)
_NEEDS_STAT = set("liaABcCFgMstTuSYGUbDknm")  # %y needs only the type (d_type will do)
_PLAIN, _STOP, _FORMAT = 0, 1, 2


def type_letter(mode):
    return _TYPE_LETTER.get(mode & S_IFMT, b"U")


# -- names ---------------------------------------------------------------------

def base_name(p):
    """gnulib's base_name: the last component, keeping one trailing slash
    (`a/b/` gives `b/`, `/` and `//` give `/`)."""
    n = len(p)
    i = 0
    while i < n and p[i] == 47:
        i += 1
    base = i
    slash = False
    for j in range(i, n):
        if p[j] == 47:
            slash = True
        elif slash:
            base = j
            slash = False
    comp = p[base:]
    if not comp:
        k = n
        while k > 1 and p[k - 1] == 47:
            k -= 1
        return p[:k]
    k = len(comp)
    while k > 1 and comp[k - 1] == 47:
        k -= 1
    if k < len(comp):
        k += 1
    return comp[:k]


def strip_slashes(p):
    """Remove trailing slashes, but keep a lone `/`."""
    k = len(p)
    while k > 1 and p[k - 1] == 47:
        k -= 1
    return p[:k]


def dir_of(p):
    """%h: the leading directories of a path (`.` when there are none)."""
    s = len(p) - 1
    while s >= 0 and p[s] == 47:
        s -= 1
    if 0 < s and s + 1 < len(p):
        p = p[:s + 1]
    k = p.rfind(b"/")
    if k < 0:
        return b"."
    return p[:k]


def mdir_name(p):
    """gnulib's mdir_name: the directory part of a path (`.` if none)."""
    # strip the last component and the slashes before it
    k = len(p)
    while k > 1 and p[k - 1] == 47:
        k -= 1
    j = p.rfind(b"/", 0, k)
    if j < 0:
        return b"."
    while j > 0 and p[j - 1] == 47:
        j -= 1
    return p[:j] if j > 0 else b"/"


def qmark(data, utf8):
    """Replace what a terminal should not see with '?' (GNU's qmark_chars)."""
    if utf8:
        s = data.decode("utf-8", "replace")
        out = []
        for ch in s:
            if ch == "\ufffd" or not (ch.isprintable() or ch == " "):
                out.append("?")
            else:
                out.append(ch)
        return "".join(out).encode("utf-8")
    return bytes(c if 32 <= c < 127 else 63 for c in data)


# -- mode strings ----------------------------------------------------------------



# -- C printf ---------------------------------------------------------------------

def _spec(flags, width, prec):
    return (flags, int(width) if width else 0, int(prec) if prec is not None and prec != "" else
            (0 if prec == "" else None))


def pad_string(data, flags, width, prec):
    """A C `%s` with these flags, width and precision (on bytes)."""
    if prec is not None and len(data) > prec:
        data = data[:prec]
    if width > len(data):
        fill = b" " * (width - len(data))
        return data + fill if "-" in flags else fill + data
    return data


def digits_pad(sign, digits, flags, width, prec, prefix=""):
    """C's padding of an integer conversion: `digits` (no sign) with the
    precision (at least that many digits; a zero with precision 0 prints
    none), then `prefix` (0x ...), `sign`, and the width (`-` pads on the
    right, `0` with zeros unless a precision was given)."""
    if prec is not None:
        if prec == 0 and digits == "0":
            digits = ""
        digits = digits.rjust(prec, "0")
    body = prefix + digits
    total = len(sign) + len(body)
    if width > total:
        if "-" in flags:
            return (sign + body + " " * (width - total)).encode()
        if "0" in flags and prec is None:
            return (sign + prefix + "0" * (width - total) + digits).encode()
        return (" " * (width - total) + sign + body).encode()
    return (sign + body).encode()


def format_int(value, flags, width, prec):
    """A C `%d`."""
    sign = "-" if value < 0 else "+" if "+" in flags else " " if " " in flags else ""
    return digits_pad(sign, str(abs(value)), flags, width, prec)


def format_octal(value, flags, width, prec):
    """A C `%o` (unsigned: `+` and ` ` do nothing; `#` forces a leading 0)."""
    digits = "%o" % value
    if prec is not None:
        if prec == 0 and value == 0:
            digits = ""
        digits = digits.rjust(prec, "0")
    if "#" in flags and not digits.startswith("0"):
        digits = "0" + digits
    return digits_pad("", digits, flags if prec is None else flags.replace("0", ""), width, None)


def format_float(value, flags, width, prec):
    """A C `%g`."""
    spec = "%" + flags + (str(width) if width else "") + ("." + str(prec) if prec is not None else "") + "g"
    return (spec % value).encode()


# -- times -------------------------------------------------------------------------

def _split_ns(t_ns):
    sec, ns = divmod(t_ns, 1000000000)
    return sec, ns


def ctime_format(t_ns):
    """%a %c %t: `Thu Jan  2 03:04:05.1234567890 2020`."""
    import time
    sec, ns = _split_ns(t_ns)
    try:
        tm = time.localtime(sec)
    except (OverflowError, OSError, ValueError):
        return date_format(t_ns, "@")
    return ("%3s %3s %2d %02d:%02d:%02d.%09d0 %04d" % (
        _WEEKDAYS[(tm.tm_wday + 1) % 7], _MONTHS[tm.tm_mon - 1], tm.tm_mday, tm.tm_hour, tm.tm_min,
        tm.tm_sec, ns, tm.tm_year)).encode()


def date_format(t_ns, kind):
    """%Ak %Ck %Tk: strftime's %k, with the nanoseconds after the seconds
    for S, T, X, + and @, as GNU find does."""
    import time
    sec, ns = _split_ns(t_ns)
    need_ns = kind in "STX@+"
    ns_text = ".%09d0" % ns if need_ns else ""
    if kind != "@":
        fmt = "%Y-%m-%d+%T" if kind == "+" else "%" + kind
        try:
            tm = time.localtime(sec)
            text = _strftime(fmt, tm)
        except (OverflowError, OSError, ValueError):
            text = None
        if text is not None:
            if need_ns:
                alt = list(tm)
                alt[5] = alt[5] - 11 if alt[5] >= 11 else alt[5] + 11
                other = _strftime(fmt, time.struct_time(alt))
                at = _seconds_at(text, other)
                if at is not None:
                    text = text[:at] + ns_text + text[at:]
            return text.encode("utf-8", "surrogateescape")
    return (str(sec) + ns_text).encode()


def _strftime(fmt, tm):
    import time
    if fmt == "%":
        return "%"
    try:
        return time.strftime(fmt, tm)
    except ValueError:
        return fmt


def _seconds_at(a, b):
    """Where the seconds end in `a`: the only differing run of digits
    between `a` and `b` must be two digits long, not followed by a digit."""
    if len(a) != len(b):
        return None
    first = None
    count = 0
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            if not (x.isdigit() and y.isdigit()):
                return None
            if first is None:
                first, count = i, 1
            elif i - first == count:
                count += 1
            else:
                return None
    if first is None or count != 2:
        return None
    end = first + count
    if end < len(a) and a[end].isdigit():
        return None
    return end


# -- the -printf parser -----------------------------------------------------------

_ESCAPES = {"a": b"\a", "b": b"\b", "f": b"\f", "n": b"\n", "r": b"\r", "t": b"\t", "v": b"\v",
            "\\": b"\\"}
_ONE = "abcdDfFgGhHiklmMnpPsStuUyYZ%"
_TWO = "ABCT"


class Format:
    """A parsed -printf format: segments and whether it needs stat()."""

    def __init__(self, segments, needs_stat):
        self.segments = segments
        self.needs_stat = needs_stat
        self.needs_type = any(s[0] == _FORMAT and s[1] == "y" for s in segments)


def parse_format(prog, text):
    """Parse a -printf format (str with surrogates) as GNU does, printing
    its warnings; errors raise Fail."""
    fmt = text.encode("utf-8", "surrogateescape")
    segments = []
    plain = bytearray()
    needs = False
    i = 0
    n = len(fmt)

    def flush_plain():
        if plain:
            segments.append((_PLAIN, bytes(plain)))
            plain.clear()

    while i < n:
        c = fmt[i]
        if c == 92:  # backslash
            if i + 1 >= n:
                warn(prog, "warning: escape `\\' followed by nothing at all")
                plain.append(92)
                i += 1
                continue
            d = fmt[i + 1]
            if d == 99:  # \c
                flush_plain()
                segments.append((_STOP, b""))
                return Format(segments, needs)
            if 48 <= d <= 55:
                v = 0
                j = i + 1
                while j < n and j < i + 4 and 48 <= fmt[j] <= 55:
                    v = v * 8 + fmt[j] - 48
                    j += 1
                plain.append(v & 0xFF)
                i = j
                continue
            e = _ESCAPES.get(chr(d))
            if e is None:
                warn(prog, "warning: unrecognized escape `\\%s'" % bytes([d]).decode("utf-8", "surrogateescape"))
                plain += fmt[i:i + 2]
                i += 2
                continue
            plain += e
            i += 2
            continue
        if c != 37:  # not %
            plain.append(c)
            i += 1
            continue
        if i + 1 >= n:
            raise Fail("error: %s at end of format string" % fmt[i:].decode("utf-8", "surrogateescape"))
        start = i
        j = i + 1
        if fmt[j] == 37:
            plain.append(37)
            i = j + 1
            continue
        while j < n and fmt[j] in b"-+ #":
            j += 1
        w0 = j
        while j < n and 48 <= fmt[j] <= 57:
            j += 1
        width = fmt[w0:j].decode()
        prec = None
        if j < n and fmt[j] == 46:
            j += 1
            p0 = j
            while j < n and 48 <= fmt[j] <= 57:
                j += 1
            prec = fmt[p0:j].decode()
        flags = fmt[i + 1:w0].decode()
        if width.startswith("0"):
            flags += "0"  # C reads a leading 0 of the width as the flag
        ch = chr(fmt[j]) if j < n else "\0"
        if ch == "%":
            # `%5%` prints `%5`: GNU writes the directive without its last %
            plain += fmt[start:j]
            i = j + 1
            continue
        if ch in _ONE and ch != "\0":
            flush_plain()
            segments.append((_FORMAT, ch, "", flags, int(width) if width else 0,
                             (int(prec) if prec else 0) if prec is not None else None))
            if ch in _NEEDS_STAT:
                needs = True
            i = j + 1
            continue
        if ch in _TWO and j + 1 < n:
            flush_plain()
            segments.append((_FORMAT, ch, chr(fmt[j + 1]), flags, int(width) if width else 0,
                             (int(prec) if prec else 0) if prec is not None else None))
            needs = True
            i = j + 2
            continue
        if ch in "{[(\0":
            raise Fail("error: the format directive `%%%s' is reserved for future use" % ch)
        if ch in _TWO:
            warn(prog, "warning: format directive `%%%s' should be followed by another character" % ch)
        else:
            warn(prog, "warning: unrecognized format directive `%%%s'" % ch)
        plain += fmt[start:j + 1]
        i = j + 1
    flush_plain()
    return Format(segments, needs)


class Printer:
    """Formats entries for one -printf (or -fprintf).

    Each directive is compiled once into a small function of (entry,
    status); printing fills those into a template of the literal text."""

    def __init__(self, state, fmt, write, tty, flush):
        self.state = state
        self.write = write
        self.flush = flush
        self.tty = tty
        self.needs_stat = fmt.needs_stat
        self.needs_type = fmt.needs_type and not fmt.needs_stat
        template = []
        funcs = []
        self.stop = False
        for seg in fmt.segments:
            if seg[0] == _PLAIN:
                template.append(seg[1])
            elif seg[0] == _STOP:
                self.stop = True
                break
            else:
                funcs.append((len(template), self._compile(seg)))
                template.append(b"")
        self.template = template
        self.funcs = funcs
        if not funcs:
            self.constant = b"".join(template)

    def __call__(self, e):
        st = None
        if self.needs_stat:
            st = self.state.stat(e)
            if st is None:
                return False
        elif self.needs_type and self.state.type_of(e) is None:
            return False
        funcs = self.funcs
        if not funcs:
            self.write(self.constant)
        elif len(funcs) == 1 and len(self.template) == 1:
            self.write(funcs[0][1](e, st))
        else:
            out = self.template[:]
            for i, f in funcs:
                out[i] = f(e, st)
            self.write(b"".join(out))
        if self.stop:
            self.flush()
        return True

    # -- compiling one directive ---------------------------------------------

    def _compile(self, seg):
        _, ch, aux, flags, width, prec = seg
        state = self.state
        plain = width == 0 and prec is None

        def pad(get):
            if plain:
                return get
            return lambda e, st: pad_string(get(e, st), flags, width, prec)

        def name(get):
            if self.tty:
                utf8 = state.utf8
                return pad(lambda e, st: qmark(get(e, st), utf8))
            return pad(get)

        if aux:
            which = {"A": "st_atime_ns", "C": "st_ctime_ns", "T": "st_mtime_ns"}.get(ch)
            if which is None:
                return pad(lambda e, st: b"")  # no birth time, as GNU 4.9 here
            return pad(lambda e, st: date_format(getattr(st, which), aux))
        if ch == "p":
            return name(lambda e, st: e.path)
        if ch == "f":
            return name(lambda e, st: e.name if e.depth else base_name(e.path))
        if ch == "h":
            return name(lambda e, st: dir_of(e.path))
        if ch == "P":
            return name(_rel_path)
        if ch == "H":
            return pad(lambda e, st: e.root)
        if ch == "d":
            return lambda e, st: format_int(e.depth, flags, width, prec)
        if ch == "%":
            return lambda e, st: b"%"
        if ch == "m":
            return lambda e, st: format_octal(st.st_mode & 0o7777, flags, width, prec)
        if ch == "S":
            return lambda e, st: format_float(sparseness(st), flags, width, prec)
        numbers = {"s": "st_size", "b": "st_blocks", "i": "st_ino", "n": "st_nlink", "D": "st_dev",
                   "U": "st_uid", "G": "st_gid"}
        if ch in numbers:
            attr = numbers[ch]
            return pad(lambda e, st: b"%d" % getattr(st, attr))
        if ch == "k":
            return pad(lambda e, st: b"%d" % ((st.st_blocks + 1) // 2))
        if ch == "M":
            return pad(lambda e, st: mode_string(st.st_mode))
        if ch == "u":
            def user(e, st):
                n = state.user_name(st.st_uid)
                return n if n is not None else b"%d" % st.st_uid
            return pad(user)
        if ch == "g":
            def group(e, st):
                n = state.group_name(st.st_gid)
                return n if n is not None else b"%d" % st.st_gid
            return pad(group)
        if ch in "act":
            attr = {"a": "st_atime_ns", "c": "st_ctime_ns", "t": "st_mtime_ns"}[ch]
            return pad(lambda e, st: ctime_format(getattr(st, attr)))
        if ch == "y":
            if self.needs_type:
                return pad(lambda e, st: type_letter(e.type()))
            return pad(lambda e, st: type_letter(st.st_mode))
        if ch == "Y":
            return pad(lambda e, st: self.target_type(e, st))
        if ch == "l":
            def link(e, st):
                if (st.st_mode & S_IFMT) != S_IFLNK:
                    return b""
                try:
                    return os.readlink(e.name, dir_fd=e.dir_fd)
                except OSError as err:
                    state.file_error(e.path, err)
                    return b""
            return name(link)
        if ch == "F":
            return name(lambda e, st: state.fs_type(st.st_dev))
        if ch == "Z":
            return pad(lambda e, st: state.context(e))
        return lambda e, st: b""

    def target_type(self, e, st):
        if (st.st_mode & S_IFMT) != S_IFLNK:
            return type_letter(st.st_mode)
        try:
            other = os.stat(e.name, dir_fd=e.dir_fd)
        except OSError as err:
            if err.errno == 2:
                return b"N"
            if err.errno == 40:
                return b"L"
            self.state.file_error(e.path, err)
            return b"?"
        return type_letter(other.st_mode)


def _rel_path(e, st):
    """%P: the path without its starting point."""
    if e.depth == 0:
        return b""
    rest = e.path[len(e.root):]
    return rest[1:] if rest[:1] == b"/" else rest


def sparseness(st):
    if st.st_size == 0:
        return 1.0 if st.st_blocks == 0 else float("inf")
    return 512.0 * st.st_blocks / st.st_size


# -- -ls -------------------------------------------------------------------------

class LsWidths:
    """The column widths of -ls, which grow as wider values are met (they
    are per process in GNU find, shared by -ls and -fls)."""

    def __init__(self):
        self.inode = 9
        self.blocks = 6
        self.nlink = 3
        self.owner = 8
        self.group = 8
        self.major = 3
        self.minor = 3
        self.size = 8


_LS_ESCAPES = {92: b"\\\\", 10: b"\\n", 8: b"\\b", 13: b"\\r", 9: b"\\t", 12: b"\\f", 32: b"\\ ", 34: b'\\"'}


def quote_ls_name(name):
    """-ls's name quoting: C escapes and octal for all but ASCII graphics."""
    out = bytearray()
    for c in name:
        if c in _LS_ESCAPES:
            out += _LS_ESCAPES[c]
        elif 32 < c < 127:
            out.append(c)
        else:
            out += b"\\%03o" % c
    return bytes(out)


def ls_line(state, e, st):
    """One -ls line (with its newline) for entry e with status st."""
    import time
    w = state.ls_widths
    parts = []
    s = b"%*d" % (w.inode, st.st_ino)
    w.inode = max(w.inode, len(s))
    parts.append(s)
    bs = state.output_block_size
    blocks = (st.st_blocks * 512 + bs - 1) // bs
    s = b"%*d" % (w.blocks, blocks)
    w.blocks = max(w.blocks, len(s))
    parts.append(s)
    parts.append(mode_string(st.st_mode))
    s = b"%*d" % (w.nlink, st.st_nlink)
    w.nlink = max(w.nlink, len(s))
    parts.append(s)
    user = state.user_name(st.st_uid)
    if user is not None:
        w.owner = max(w.owner, _width(user))
        s = user + b" " * (w.owner - _width(user))
    else:
        s = b"%-8d" % st.st_uid
        # (GNU counts the separating space here, so the column grows by one)
        w.owner = max(w.owner, len(s) + 1)
    parts.append(s)
    group = state.group_name(st.st_gid)
    if group is not None:
        w.group = max(w.group, _width(group))
        s = group + b" " * (w.group - _width(group))
    else:
        s = b"%-*d" % (w.group, st.st_gid)
    w.group = max(w.group, len(s))
    parts.append(s)
    t = st.st_mode & S_IFMT
    if t == S_IFCHR or t == S_IFBLK:
        major = b"%*d" % (w.major, os.major(st.st_rdev))
        w.major = max(w.major, len(major))
        minor = b"%*d" % (w.minor, os.minor(st.st_rdev))
        w.minor = max(w.minor, len(minor))
        s = major + b", " + minor
    else:
        s = b"%*d" % (w.size, st.st_size)
        w.size = max(w.size, len(s))
    parts.append(s)
    mtime = st.st_mtime_ns // 1000000000
    now = state.start_ns // 1000000000
    try:
        tm = time.localtime(mtime)
        recent = now - 6 * 30 * 24 * 60 * 60 <= mtime <= now + 60 * 60
        stamp = time.strftime("%b %e %H:%M" if recent else "%b %e  %Y", tm).encode()
    except (OverflowError, OSError, ValueError):
        stamp = b"%12d" % mtime
    parts.append(stamp)
    parts.append(quote_ls_name(e.path))
    line = b" ".join(parts)
    if t == S_IFLNK:
        try:
            target = os.readlink(e.name, dir_fd=e.dir_fd)
        except OSError as err:
            state.file_error(e.name, err)
            return line + b"\n"  # GNU stops the line there
        line += b" -> " + quote_ls_name(target)
    return line + b"\n"


def _width(name):
    try:
        s = name.decode("utf-8")
    except UnicodeDecodeError:
        return len(name)
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1
               for c in s) if not s.isascii() else len(s)
