"""wc: print newline, word, and byte counts for each file.

Why it is fast: `-c` alone on a regular file is answered from the file size
(lseek, as GNU does, so it counts from the current offset); `-l` is
bytes.count(b"\\n") over 256 KiB chunks; words and -L never loop over bytes
in Python: a chunk is translated (one C call) into a small alphabet -- word
characters, separators, nothing for the bytes that neither start nor end a
word -- and words are counted as occurrences of b" x"; line widths come from
translate + expandtabs + split.  In a UTF-8 locale -m decodes with the
"ignore" error handler (undecodable bytes are bytes but not characters, as
with GNU's mbrtowc loop) and ASCII chunks take the byte path.  Otherwise
the distinct non-ASCII characters of a chunk are looked at once: the usual
one-column word characters need nothing (a lead byte counts one, the
continuation bytes none), the few others are replaced before the byte
translation; a chunk with many kinds of them (CJK text for -L) goes through
str.translate with a cached table instead.

Column widths follow GNU: one column width for the whole run, the number of
digits of the total size of the regular files given (at least 7 if any input
is not a regular file), or 1 when a single file gets a single count.

Character classes in a UTF-8 locale mirror glibc's C.UTF-8: a character is
printable unless it is a control, a surrogate, unassigned (per Python's
unicodedata) or U+2028/U+2029; non-printable characters (and undecodable
bytes) neither start nor end a word and have no width.  Spaces are glibc's
iswspace set plus the no-break spaces U+00A0 U+2007 U+202F U+2060, which GNU
9.1 also treats as separators unless POSIXLY_CORRECT is set.  Widths are
wcwidth's (char_width below).
"""
import posix

from multicall.errors import Fail, Usage, quote, quotef, warn
from multicall.options import Spec, opt
from multicall.stdio import BUFSIZE, stdout

SPEC = Spec(("[OPTION]... [FILE]...", "[OPTION]... --files0-from=F"),
            "Print newline, word, and byte counts for each FILE, and a total line if\n"
            "more than one FILE is specified.  A word is a non-zero-length sequence of\n"
            "printable characters delimited by white space.\n\n"
            "With no FILE, or when FILE is -, read standard input.\n\n"
            "The options below may be used to select which counts are printed, always in\n"
            "the following order: newline, word, character, byte, maximum line length.",
            opt("-c, --bytes", "print the byte counts"),
            opt("-m, --chars", "print the character counts"),
            opt("-l, --lines", "print the newline counts"),
            opt("--files0-from=F", "read input from the files specified by\n"
                "  NUL-terminated names in file F;\n"
                "  If F is - then read names from standard input"),
            opt("-L, --max-line-length", "print the maximum display width"),
            opt("-w, --words", "print the word counts"))

_PAGE = 4096
_ASCII = bytes(range(0x80))
_NBSP = (0x00A0, 0x2007, 0x202F, 0x2060)
# glibc's iswspace() beyond ASCII (C.UTF-8).
_WSPACE = (0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
           0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x205F, 0x3000)
# Format characters that glibc's wcwidth() gives width 1.
_WIDE_CF = frozenset((0xAD, 0x600, 0x601, 0x602, 0x603, 0x604, 0x605, 0x6DD, 0x70F,
                      0x890, 0x891, 0x8E2, 0x110BD, 0x110CD))


# -- character classes (shared helpers: these may move to multicall/) ---------

def _byte_tables():
    """(word table, word deletions, width table, width deletions) for bytes
    in the C locale (and for ASCII in a UTF-8 one)."""
    word = bytearray(256)
    width = bytearray(range(256))
    word_del = bytearray()
    width_del = bytearray()
    for b in range(256):
        if b in (9, 10, 11, 12, 13, 32):
            word[b] = 0x20
        elif 0x21 <= b <= 0x7E:
            word[b] = 0x78
        else:
            word_del.append(b)
        if b in (10, 12, 13):
            width[b] = 10
        elif b != 9 and not 0x20 <= b <= 0x7E:
            width_del.append(b)
    return bytes(word), bytes(word_del), bytes(width), bytes(width_del)


def is_printable(ch):
    """glibc's iswprint() in C.UTF-8, for a non-ASCII character."""
    import unicodedata
    o = ord(ch)
    if o in (0x2028, 0x2029):
        return False
    return unicodedata.category(ch) not in ("Cc", "Cs", "Cn")


def char_width(ch):
    """glibc's wcwidth() in C.UTF-8 for a printable non-ASCII character."""
    import unicodedata
    o = ord(ch)
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me"):
        return 0
    if cat == "Cf":
        return 1 if o in _WIDE_CF else 0
    if 0x1160 <= o <= 0x11FF or 0xD7B0 <= o <= 0xD7FF:
        return 0
    if unicodedata.east_asian_width(ch) in ("W", "F") or 0x3248 <= o <= 0x324F or 0x4DC0 <= o <= 0x4DFF:
        return 2
    return 1


class _WordClasses(dict):
    """str.translate table: 'x' for a word character, ' ' for a separator,
    None (deleted) for characters that are neither; filled on demand."""

    def __init__(self, nbsp):
        dict.__init__(self)
        self.nbsp = nbsp
        for o in range(128):
            if o in (9, 10, 11, 12, 13, 32):
                self[o] = " "
            elif 0x21 <= o <= 0x7E:
                self[o] = "x"
            else:
                self[o] = None

    def __missing__(self, o):
        ch = chr(o)
        if not is_printable(ch):
            v = None
        elif o in _WSPACE or (self.nbsp and o in _NBSP):
            v = " "
        else:
            v = "x"
        self[o] = v
        return v


class _WidthClasses(dict):
    """str.translate table giving each character as many 'x' as its width
    (TAB kept, CR and FF made line ends, unprintables deleted)."""

    def __init__(self):
        dict.__init__(self)
        for o in range(128):
            if o in (10, 12, 13):
                self[o] = "\n"
            elif o == 9 or 0x20 <= o <= 0x7E:
                self[o] = chr(o)
            else:
                self[o] = None

    def __missing__(self, o):
        ch = chr(o)
        v = "x" * char_width(ch) if is_printable(ch) else None
        self[o] = v
        return v


# -- counting --------------------------------------------------------------------

def _classified(text, valid, others, classes, table8, del8):
    """A chunk as the byte tables' letters, from its decoded text, its
    valid UTF-8 bytes and the set of its non-ASCII characters: translated
    whole by `classes`, or, when few of those characters are not one 'x',
    with just those replaced before the byte tables do the rest."""
    special = [(c, classes[ord(c)]) for c in others if classes[ord(c)] != "x"]
    if len(special) > 8:
        return text.translate(classes).encode("ascii")
    t = valid
    for c, v in special:
        t = t.replace(c.encode("utf-8"), (v or "").encode("ascii"))
    return t.translate(table8, del8)


class _Counter:
    """The counts of one input, accumulated chunk by chunk."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.lines = self.words = self.chars = self.bytes = self.maxlen = 0
        self.in_word = False
        self.linepos = 0
        self.pending = b""  # an incomplete UTF-8 sequence held for the next chunk

    def feed(self, data):
        ctx = self.ctx
        self.bytes += len(data)
        if ctx.lines:
            self.lines += data.count(b"\n")
        if not (ctx.utf8 and (ctx.chars or ctx.words or ctx.maxlen)):
            self._bytes_words_width(data)
            return
        if self.pending:
            data = self.pending + data
            self.pending = b""
        if data.isascii():
            self.chars += len(data)
            self._bytes_words_width(data)
            return
        from _codecs import utf_8_decode
        try:
            text, used = utf_8_decode(data, "strict", False)
            valid = data[:used] if used < len(data) else data
        except UnicodeDecodeError:
            # Undecodable bytes are neither characters nor word parts nor
            # columns: drop them.
            text, used = utf_8_decode(data, "ignore", False)
            valid = text.encode("utf-8")
        if used < len(data):
            self.pending = data[used:]
        self.chars += len(text)
        if not (ctx.words or ctx.maxlen):
            return
        # The distinct non-ASCII characters decide: most are one-column word
        # characters, which the byte tables assume (lead byte -> one 'x',
        # continuation bytes dropped); the others are replaced beforehand.
        others = set(valid.translate(None, _ASCII).decode("utf-8"))
        if ctx.words:
            self._count_words(_classified(text, valid, others, ctx.word_classes(),
                                          ctx.word_table8, ctx.word_del8))
        if ctx.maxlen:
            self._widths(_classified(text, valid, others, ctx.width_classes(),
                                     ctx.width_table8, ctx.width_del8))

    def add_bytes(self, data):
        """feed() when only bytes are counted."""
        self.bytes += len(data)

    def finish(self):
        if self.linepos > self.maxlen:
            self.maxlen = self.linepos
        self.linepos = 0

    def _bytes_words_width(self, data):
        ctx = self.ctx
        if ctx.words:
            self._count_words(data.translate(ctx.word_table, ctx.word_del))
        if ctx.maxlen:
            self._widths(data.translate(ctx.width_table, ctx.width_del))

    def _count_words(self, t):
        """t holds only b'x' (word character) and b' ' (separator)."""
        if not t:
            return
        n = t.count(b" x")
        if t[0] == 0x78 and not self.in_word:
            n += 1
        self.words += n
        self.in_word = t[-1] == 0x78

    def _widths(self, t):
        """t holds printable single-column bytes, TABs and LFs (line ends)."""
        if not t:
            return
        pos = self.linepos
        base = pos - pos % 8
        if b"\t" in t:
            t = (b" " * (pos % 8) + t).expandtabs(8)
        else:
            t = b" " * (pos % 8) + t
        parts = t.split(b"\n")
        first = base + len(parts[0])
        if len(parts) == 1:
            self.linepos = first
            return
        longest = max(first, max(map(len, parts[1:-1]), default=0))
        if longest > self.maxlen:
            self.maxlen = longest
        self.linepos = len(parts[-1])


class _Context:
    """What to count, and the tables to count it with (per run)."""

    def __init__(self, opts, utf8):
        self.lines = opts.lines
        self.words = opts.words
        self.chars = opts.chars
        self.bytes = opts.bytes
        self.maxlen = opts.max_line_length
        if not (self.lines or self.words or self.chars or self.bytes or self.maxlen):
            self.lines = self.words = self.bytes = True
        self.utf8 = utf8
        if self.words or self.maxlen:
            self.word_table, self.word_del, self.width_table, self.width_del = _byte_tables()
            if utf8:
                # For valid UTF-8: a lead byte is one word character or one
                # column, continuation bytes are nothing.
                cont = bytes(range(0x80, 0xC0))
                self.word_table8 = self.word_table[:0x80] + b"x" * 0x80
                self.word_del8 = bytes(b for b in self.word_del if b < 0x80) + cont
                self.width_table8 = self.width_table[:0x80] + b"x" * 0x80
                self.width_del8 = bytes(b for b in self.width_del if b < 0x80) + cont
        self._word_classes = self._width_classes = None

    def word_classes(self):
        if self._word_classes is None:
            self._word_classes = _WordClasses(b"POSIXLY_CORRECT" not in posix.environ)
        return self._word_classes

    def width_classes(self):
        if self._width_classes is None:
            self._width_classes = _WidthClasses()
        return self._width_classes

    def single_count(self):
        return self.lines + self.words + self.chars + self.bytes + self.maxlen == 1

    def size_only(self):
        """Only bytes are wanted: a regular file's size answers."""
        return ((self.bytes or (self.chars and not self.utf8))
                and not (self.chars and self.utf8) and not self.lines
                and not self.words and not self.maxlen)


def _count_fd(ctx, fd):
    """Count what is on fd; returns (counter, OSError or None)."""
    c = _Counter(ctx)
    feed = c.feed
    if ctx.size_only():
        try:
            n = _size_from_stat(fd)
        except OSError:
            n = None
        if n is not None:
            c.bytes = n
            return c, None
        feed = c.add_bytes
    try:
        read = posix.read
        while True:
            b = read(fd, BUFSIZE)
            if not b:
                break
            feed(b)
    except OSError as e:
        c.finish()
        return c, e
    c.finish()
    return c, None


def _size_from_stat(fd):
    """The bytes left in a regular file from its offset, leaving the offset
    at the end (as GNU does); None when the size cannot be trusted."""
    st = posix.fstat(fd)
    if st.st_mode & 0o170000 != 0o100000 or st.st_size <= 0 or st.st_size % _PAGE == 0:
        return None  # /proc and /sys files claim sizes that are 0 or a page multiple
    cur = posix.lseek(fd, 0, 1)
    end = st.st_size
    n = end - cur if end > cur else 0
    posix.lseek(fd, max(end, cur), 0)
    # Anything appended since the fstat is counted too.
    while True:
        b = posix.read(fd, BUFSIZE)
        if not b:
            return n
        n += len(b)


# -- the command ------------------------------------------------------------------

def _name_bytes(name):
    return name.encode("utf-8", "surrogateescape") if isinstance(name, str) else name


def _read_names(prog, source):
    """The NUL-separated names of --files0-from: (names as str, whether they
    were all read at once, which lets widths be computed from stat)."""
    if source == "-":
        fd = 0
    else:
        try:
            fd = posix.open(source, posix.O_RDONLY | posix.O_CLOEXEC)
        except OSError as e:
            raise Fail("cannot open %s for reading: %s" % (quotef(source, always=True), e.strerror)) from None
    try:
        st = posix.fstat(fd)
        whole = st.st_mode & 0o170000 == 0o100000 and st.st_size <= 10 * 1024 * 1024
        return _name_stream(prog, fd, source, whole), whole
    except OSError as e:
        if fd != 0:
            posix.close(fd)
        raise Fail("%s: read error: %s" % (quotef(source), e.strerror)) from None


def _name_stream(prog, fd, source, whole):
    """Yield the names in fd (closing it at the end); a read error ends the
    list with GNU's message, or is fatal when the list was to be read whole."""
    rest = b""
    try:
        while True:
            try:
                b = posix.read(fd, BUFSIZE)
            except OSError as e:
                if whole:
                    raise Fail("cannot read file names from %s" % quotef(source, always=True)) from None
                yield _ReadError("%s: read error: %s" % (quotef(source), e.strerror))
                return
            if not b:
                break
            parts = (rest + b).split(b"\0")
            rest = parts.pop()
            for p in parts:
                yield p.decode("utf-8", "surrogateescape")
        if rest:
            yield rest.decode("utf-8", "surrogateescape")
    finally:
        if fd != 0:
            posix.close(fd)


class _ReadError:
    def __init__(self, message):
        self.message = message


def _number_width(ctx, names):
    """GNU's compute_number_width over the inputs (None stands for stdin)."""
    if not names or (len(names) == 1 and ctx.single_count()):
        return 1
    stats = []
    for name in names:
        try:
            if name is None or name == "-":
                stats.append(posix.fstat(0))
            else:
                stats.append(posix.stat(name))
        except (OSError, ValueError):
            stats.append(None)
    if stats[0] is None:
        return 1
    minimum = 1
    total = 0
    for st in stats:
        if st is None:
            continue
        if st.st_mode & 0o170000 == 0o100000:
            total += st.st_size
        else:
            minimum = 7
    return max(len(str(total)), minimum)


def main(argv):
    from compat.platform import utf8_locale

    opts = SPEC.parse(argv)
    prog = opts.prog
    ctx = _Context(opts, utf8_locale())
    source = opts.files0_from
    if source is not None:
        if opts.operands:
            raise Usage("extra operand %s\nfile operands cannot be combined with --files0-from"
                        % quote(opts.operands[0]))
        names, whole = _read_names(prog, source)
        if whole:
            names = list(names)
            width = _number_width(ctx, names)
        else:
            width = 1
    else:
        names = opts.operands or [None]
        width = _number_width(ctx, names)
    out = stdout()
    status = 0
    totals = [0, 0, 0, 0, 0]
    count = 0
    for name in names:
        if isinstance(name, _ReadError):
            warn(prog, name.message)
            status = 1
            break
        count += 1
        if source == "-" and name == "-":
            warn(prog, "when reading file names from stdin, no file name of %s allowed"
                 % quotef(name, always=True))
            status = 1
            continue
        if name == "":
            if source is None:
                warn(prog, "invalid zero-length file name")
            else:
                warn(prog, "%s:%d: invalid zero-length file name" % (quotef(source), count))
            status = 1
            continue
        counts, ok = _count_one(prog, ctx, name)
        if counts is None:
            status = 1
            continue
        if not ok:
            status = 1
        out.write(_format(ctx, counts, width, name))
        for i in range(4):
            totals[i] += counts[i]
        totals[4] = max(totals[4], counts[4])
    if count > 1:
        out.write(_format(ctx, totals, width, "total"))
    return status


def _count_one(prog, ctx, name):
    """(counts, ok) for one input, or (None, False) when it cannot be opened."""
    if name is None or name == "-":
        fd = 0
        shown = "standard input" if name is None else name
    else:
        try:
            fd = posix.open(name, posix.O_RDONLY | posix.O_CLOEXEC)
        except OSError as e:
            warn(prog, quotef(name), e.strerror)
            return None, False
        shown = name
    try:
        c, err = _count_fd(ctx, fd)
    finally:
        if fd != 0:
            posix.close(fd)
    if err is not None:
        warn(prog, quotef(shown), err.strerror or str(err))
    return (c.lines, c.words, c.chars if ctx.utf8 else c.bytes, c.bytes, c.maxlen), err is None


def _format(ctx, counts, width, name):
    lines, words, chars, nbytes, maxlen = counts
    fields = []
    if ctx.lines:
        fields.append(lines)
    if ctx.words:
        fields.append(words)
    if ctx.chars:
        fields.append(chars)
    if ctx.bytes:
        fields.append(nbytes)
    if ctx.maxlen:
        fields.append(maxlen)
    text = b" ".join(b"%*d" % (width, v) for v in fields)
    if name is not None:
        raw = _name_bytes(name)
        text += b" " + (quotef(name).encode("utf-8", "surrogateescape") if b"\n" in raw else raw)
    return text + b"\n"
