"""tac: concatenate and print files in reverse.

Why it is fast, and flat: a seekable file is read backwards from its end in
blocks, exactly as GNU tac reads it (8 KiB first, doubling while a record
does not fit), and only the part of the file not yet printed is held.  A
block is cut at all of its separators at once with bytes.split (on the
reversed block and separator when the separator can overlap itself, so that
matches are taken from the right as GNU takes them) and its records are
written in reverse with one join.  A pipe or terminal is first copied: into
memory while it is small, then into an unlinked temporary file in $TMPDIR
(or /tmp), which is then read backwards the same way.

-r: the separator is a GNU regular expression in GNU tac's syntax (GNU
regex's RE_SYNTAX_EMACS: \\( \\) \\| for groups and alternation, * + ? as
operators, no intervals or [:class:] names, . not matching a newline, ^ and
$ also at line ends), translated to Python's `re` on bytes.  As in GNU, each
search looks for the rightmost match start within the current block only,
with the text cut off at the previous match, so block boundaries and the
cut-off behave as GNU's do.  In a UTF-8 locale `.` and [^...] match a whole
character (or one undecodable byte) and matches start only at character
boundaries.  Differences from GNU: at one start position Python takes the
first alternative that matches where POSIX takes the longest, and ranges in
brackets compare bytes.

A /proc-like file whose size reads as 0 is read forwards to its end first;
GNU 9.1 loses data there for files over 8 KiB, pybox does not.
"""
import posix

from multicall.errors import Fail, quotef, warn
from multicall.options import Spec, opt
from multicall.stdio import stdout

SPEC = Spec("[OPTION]... [FILE]...",
            "Write each FILE to standard output, last line first.\n\n"
            "With no FILE, or when FILE is -, read standard input.",
            opt("-b, --before", "attach the separator before instead of after"),
            opt("-r, --regex", "interpret the separator as a regular expression"),
            opt("-s, --separator=STRING", "use STRING as the separator instead of newline"))

INITIAL_READSIZE = 8192
_MEMORY_LIMIT = 8 << 20  # a pipe up to this size is reversed in memory


# -- GNU regex (RE_SYNTAX_EMACS) to Python re -----------------------------------

class RegexError(Exception):
    pass


_UTF8_CHAR = (rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
              rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
              rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")


def _byte_class(members, negate):
    """A Python class for a set of byte values."""
    if negate:
        members = set(range(256)) - members
    if not members:
        return b"(?!)"
    out = []
    vals = sorted(members)
    i = 0
    while i < len(vals):
        j = i
        while j + 1 < len(vals) and vals[j + 1] == vals[j] + 1:
            j += 1
        a, b = vals[i], vals[j]
        out.append(b"\\x%02x" % a if a == b else b"\\x%02x-\\x%02x" % (a, b))
        i = j + 1
    return b"[" + b"".join(out) + b"]"


def _bracket(p, i, utf8):
    """Parse a bracket expression starting after '[': (python, next index,
    whether GNU makes it a multibyte bracket: negated, with a range or with
    a non-ASCII member)."""
    n = len(p)
    negate = False
    if i < n and p[i] == 0x5E:  # ^
        negate = True
        i += 1
    if i >= n:
        raise RegexError("Invalid regular expression")
    members = set()
    seqs = set()  # multibyte characters (UTF-8 locale)
    first = True
    complex_ = negate

    def element(i):
        """One element: (bytes of it, next index)."""
        if p[i] == 0x5B and i + 1 < n and p[i + 1] in (0x2E, 0x3D):  # [. or [=
            kind = p[i + 1]
            end = p.find(bytes((kind, 0x5D)), i + 2)
            if end < 0:
                raise RegexError("Unmatched [, [^, [:, [., or [=")
            name = p[i + 2:end]
            if len(name) != 1 and not (utf8 and _one_char(name)):
                raise RegexError("Invalid collation character")
            return name, end + 2
        if utf8 and p[i] >= 0xC0:
            m = _char_at(p, i)
            if m > 1:
                return p[i:i + m], i + m
        return p[i:i + 1], i + 1

    while True:
        if i >= n:
            raise RegexError("Unmatched [, [^, [:, [., or [=")
        c = p[i]
        if c == 0x5D and not first:  # ]
            i += 1
            break
        first = False
        start, i = element(i)
        if i + 1 < n and p[i] == 0x2D and p[i + 1] != 0x5D:  # a range
            complex_ = True
            end, i = element(i + 1)
            if len(start) == 1 and len(end) == 1:
                members.update(range(start[0], end[0] + 1))
            else:
                lo = start.decode("utf-8", "surrogateescape")
                hi = end.decode("utf-8", "surrogateescape")
                if len(lo) == 1 and len(hi) == 1:
                    for cp in range(ord(lo), min(ord(hi), 0x10FFFF) + 1):
                        if cp < 0x80:
                            members.add(cp)
                        elif not 0xD800 <= cp <= 0xDFFF:
                            seqs.add(chr(cp).encode("utf-8"))
            continue
        if len(start) == 1:
            members.add(start[0])
        else:
            seqs.add(start)
    if any(b >= 0x80 for b in members) or seqs:
        complex_ = True
    if not utf8:
        return _byte_class(members, negate), i, complex_
    if negate:
        # Any character (or undecodable byte) not in the set.
        parts = []
        if seqs:
            parts.append(b"(?!" + b"|".join(_escape(s) for s in sorted(seqs)) + b")")
        # Undecodable bytes are not characters: [^...] does not match them.
        body = [_UTF8_CHAR, _byte_class(set(range(128)) - members, False)]
        return b"(?:" + b"".join(parts) + b"(?:" + b"|".join(body) + b"))", i, complex_
    alts = [_escape(s) for s in sorted(seqs)]
    if members:
        alts.append(_byte_class(members, False))
    if not alts:
        return b"(?!)", i, complex_
    return b"(?:" + b"|".join(alts) + b")", i, complex_


def _escape(s):
    return b"".join(b"\\x%02x" % b for b in s)


def _char_at(p, i):
    """Length of the valid UTF-8 character at p[i] (1 if none)."""
    for m in (2, 3, 4):
        try:
            p[i:i + m].decode("utf-8")
            return m
        except UnicodeDecodeError:
            continue
    return 1


def _one_char(b):
    try:
        return len(b.decode("utf-8")) == 1
    except UnicodeDecodeError:
        return False


def translate_regex(pattern, utf8=False):
    """GNU regex (RE_SYNTAX_EMACS, as tac compiles it) to a Python bytes
    pattern; raises RegexError with GNU's message.  Returns (pattern,
    end_sensitive, multibyte): whether a match can depend on where the text
    ends, and whether GNU would match characters rather than bytes (word
    operators and complex brackets; otherwise glibc switches a UTF-8
    pattern to its byte matcher, where a match may start inside a
    character)."""
    p = pattern
    n = len(p)
    out = []
    last = None  # out index of the last atom, or None at an expression start
    quantified = False
    groups_open = []  # (out index, group number)
    ngroups = 0
    completed = set()
    end_sensitive = False
    multibyte = False  # GNU regex keeps its multibyte matcher (UTF-8 locale)
    i = 0
    while i < n:
        c = p[i]
        if c == 0x5C:  # backslash
            if i + 1 >= n:
                raise RegexError("Trailing backslash")
            d = p[i + 1]
            i += 2
            if d == 0x28:  # \(
                ngroups += 1
                groups_open.append((len(out), ngroups))
                out.append(b"(")
                last = None
                continue
            if d == 0x29:  # \)
                if not groups_open:
                    raise RegexError("Unmatched ) or \\)")
                start, num = groups_open.pop()
                out.append(b")")
                completed.add(num)
                last = start
                quantified = False
                continue
            if d == 0x7C:  # \|
                out.append(b"|")
                last = None
                continue
            if 0x31 <= d <= 0x39:
                num = d - 0x30
                if num not in completed:
                    raise RegexError("Invalid back reference")
                last = len(out)
                out.append(b"(?:\\%d)" % num)
                quantified = False
                continue
            if d in b"wWsS":
                multibyte = True
                last = len(out)
                out.append(b"\\" + bytes((d,)))
                quantified = False
                continue
            anchor = {0x62: b"\\b", 0x42: b"\\B", 0x3C: b"\\b(?=\\w)", 0x3E: b"\\b(?<=\\w)",
                      0x60: b"\\A", 0x27: b"\\Z"}.get(d)
            if anchor is not None:
                out.append(anchor)
                if d in (0x62, 0x42, 0x3E, 0x27):
                    end_sensitive = True
                if d in (0x62, 0x42, 0x3C, 0x3E):
                    multibyte = True
                last = None
                continue
            last = len(out)
            out.append(_escape(bytes((d,))))
            quantified = False
            continue
        i += 1
        if c in (0x2A, 0x2B, 0x3F):  # * + ?
            if last is None:
                last = len(out)
                out.append(_escape(bytes((c,))))
                quantified = False
                continue
            if quantified:
                out[last:] = [b"(?:" + b"".join(out[last:]) + b")"]
            out.append(bytes((c,)))
            quantified = True
            continue
        if c == 0x5E:  # ^
            if i == 1 or (out and out[-1] in (b"(", b"|")):
                out.append(b"^")
                last = None
                continue
            last = len(out)
            out.append(b"\\^")
            quantified = False
            continue
        if c == 0x24:  # $
            if i == n or p[i:i + 2] in (b"\\)", b"\\|"):
                out.append(b"$")
                end_sensitive = True
                last = None
                continue
            last = len(out)
            out.append(b"\\$")
            quantified = False
            continue
        if c == 0x2E:  # .
            last = len(out)
            out.append(b"(?:" + _UTF8_CHAR + b"|[^\\n\\x80-\\xff])" if utf8 else b"[^\\n]")
            quantified = False
            continue
        if c == 0x5B:  # [
            cls, i, complex_ = _bracket(p, i, utf8)
            multibyte = multibyte or complex_
            last = len(out)
            out.append(cls)
            quantified = False
            continue
        if utf8 and c >= 0xC0:
            m = _char_at(p, i - 1)
            last = len(out)
            out.append(b"(?:" + _escape(p[i - 1:i - 1 + m]) + b")")
            i += m - 1
            quantified = False
            continue
        last = len(out)
        out.append(_escape(bytes((c,))))
        quantified = False
    if groups_open:
        raise RegexError("Unmatched ( or \\(")
    return b"".join(out), end_sensitive, multibyte


# -- reversing --------------------------------------------------------------------

def _has_border(sep):
    """Whether sep can overlap itself (a proper prefix is also a suffix)."""
    return any(sep[:k] == sep[-k:] for k in range(1, len(sep)))


class _FixedSearch:
    """Cut a block at every (non-overlapping, rightmost-first) separator."""

    def __init__(self, sep, before):
        self.sep = sep
        self.before = before
        self.border = _has_border(sep)

    def records(self, buf, first_time, limit=None, mem=b""):
        """Split buf: (pending head, output pieces, first_time) -- the head
        is the part that may continue into the data before buf.  A match
        may start only in buf[:limit]: after GNU reads a block in front of
        what it holds, it goes on searching from the block's last byte, so a
        separator that overlaps itself may match across the one it found
        last, or (with -b) across bytes left in GNU's buffer from before,
        given here as `mem` (GNU's quirks, kept)."""
        sep = self.sep
        if limit is not None and self.border:
            cut = limit + len(sep) - 1
            region = (mem if self.before and cut > len(buf) else buf)[:cut]
            parts = [p[::-1] for p in region[::-1].split(sep[::-1])][::-1]
            if len(parts) == 1:
                return buf, (), first_time
            rest = buf[cut:]
            if self.before:
                start = len(region) - len(parts[-1]) - len(sep)
                first = (region[start:] + rest)[:len(buf) - start]
                return parts[0], (first, sep, sep.join(parts[-2:0:-1])) if len(parts) > 2 else (first,), False
            parts[-1] += rest
        elif self.border:
            parts = [p[::-1] for p in buf[::-1].split(sep[::-1])][::-1]
        else:
            parts = buf.split(sep)
        if len(parts) == 1:
            return buf, (), first_time
        if self.before:
            return parts[0], (sep, sep.join(parts[:0:-1])), False
        return parts[0] + sep, (parts[-1], sep.join(parts[-2:0:-1]), sep if len(parts) > 2 else b""), False


def _char_start(buf, t):
    """In UTF-8: whether offset t of buf starts a character (an undecodable
    byte is a character of its own), looking back at most 3 bytes."""
    b = buf[t]
    if b < 0x80 or b >= 0xC0:
        return True
    for q in range(t - 1, max(t - 4, -1), -1):
        lead = buf[q]
        if lead < 0x80:
            return True
        if lead >= 0xC0:
            return q + _char_at(buf, q) <= t
    return True


class _RegexSearch:
    """GNU tac's regex loop over one block: the rightmost match start below
    the previous match, with the text cut off at the previous match."""

    def __init__(self, pattern, end_sensitive, before, utf8):
        import re
        self.pat = re.compile(pattern, re.M)
        # Every start position at once (zero-width, so overlapping starts count).
        self.look = re.compile(b"(?=" + pattern + b")", re.M)
        self.end_sensitive = end_sensitive
        self.before = before
        self.utf8 = utf8

    def records(self, buf, first_time, limit=None, mem=None):
        """Run the search loop on buf until no match is left: (pending head,
        output pieces in order, first_time).  (GNU searches the whole block
        again after reading more, so `limit` does not apply.)"""
        out = []
        past_end = len(buf)
        match_start = past_end
        utf8 = self.utf8 and not buf.isascii()
        pat = self.pat
        cands = None
        while True:
            i = match_start
            s = None
            if i > 0 and self.end_sensitive:
                # A match may appear where the text now ends: try each start.
                for t in range(i - 1, -1, -1):
                    if utf8 and not _char_start(buf, t):
                        continue
                    m = pat.match(buf, t, i)
                    if m:
                        s, e = t, m.end()
                        break
            elif i > 0:
                if cands is None:
                    cands = [m.start() for m in self.look.finditer(buf)]
                while cands:
                    t = cands.pop()
                    if t >= i or (utf8 and not _char_start(buf, t)):
                        continue
                    m = pat.match(buf, t, i)
                    if m:
                        s, e = t, m.end()
                        break
            if s is None:
                return buf[:past_end], out, first_time
            if self.before:
                out.append(buf[s:past_end])
                past_end = s
            else:
                if not first_time or e != past_end:
                    out.append(buf[e:past_end])
                past_end = e
                first_time = False
            match_start = s


class _Problem(Exception):
    """A per-file error: the message is printed and tac goes on."""


def _read_exact(fd, n):
    """Read n bytes (fewer only at end of file)."""
    parts = []
    while n > 0:
        b = posix.read(fd, n)
        if not b:
            break
        parts.append(b)
        n -= len(b)
    return b"".join(parts)


def _blocks(buf, file_pos, read_size, fetch, search, out):
    """GNU tac_seekable()'s main loop: search the block, print what is
    complete, prepend the previous block to what is left."""
    first_time = True
    limit = None
    mem = buf  # what GNU's buffer holds, bytes left from before included
    while True:
        head, pieces, first_time = search.records(buf, first_time, limit, mem)
        if pieces:
            out.write(b"".join(pieces))
        if file_pos == 0:
            out.write(head)
            return
        if len(head) > read_size:
            read_size *= 2
        if file_pos >= read_size:
            file_pos -= read_size
        else:
            read_size = file_pos
            file_pos = 0
        block = fetch(file_pos, read_size)
        limit = len(block)
        buf = block + head
        mem = buf + mem[len(buf):]


def _first_read_size(sep_len):
    read_size = INITIAL_READSIZE
    while sep_len >= read_size // 2:
        read_size *= 2
    return read_size


def tac_seekable(prog, fd, name, file_pos, search, sep_len, out):
    """Read fd backwards from file_pos (its size) in GNU's blocks."""
    read_size = _first_read_size(sep_len)

    def seek(pos):
        try:
            posix.lseek(fd, pos, 0)
        except OSError as e:
            warn(prog, "%s: seek failed" % quotef(name), e.strerror)

    def fetch(pos, size):
        seek(pos)
        try:
            block = _read_exact(fd, size)
        except OSError as e:
            raise _Problem("%s: read error: %s" % (quotef(name), e.strerror)) from None
        if len(block) != size:
            raise _Problem("%s: read error" % quotef(name))
        return block

    try:
        remainder = file_pos % read_size
        if remainder:
            file_pos -= remainder
            seek(file_pos)
        data = _read_exact(fd, read_size)
        while not data and file_pos != 0:
            file_pos -= read_size
            seek(file_pos)
            data = _read_exact(fd, read_size)
        # Forwards to the real end, for files whose size is only an estimate.
        while len(data) == read_size:
            more = _read_exact(fd, read_size)
            if not more:
                break
            file_pos += len(data)
            data = more
    except OSError as e:
        raise _Problem("%s: read error: %s" % (quotef(name), e.strerror)) from None
    _blocks(data, file_pos, read_size, fetch, search, out)


def tac_memory(data, search, sep_len, out):
    """The same block loop over bytes in memory."""
    read_size = _first_read_size(sep_len)
    size = len(data)
    file_pos = size - (size % read_size or (read_size if size else 0))
    _blocks(data[file_pos:file_pos + read_size], file_pos, read_size,
            lambda pos, n: data[pos:pos + n], search, out)


def _temp_file():
    """An unlinked temporary file in $TMPDIR (default /tmp)."""
    tmpdir = posix.environ.get(b"TMPDIR", b"/tmp").decode("utf-8", "surrogateescape")
    flags = posix.O_RDWR | posix.O_CLOEXEC
    if hasattr(posix, "O_TMPFILE"):
        try:
            return posix.open(tmpdir, flags | posix.O_TMPFILE, 0o600)
        except OSError:
            pass
    err = None
    for _ in range(100):
        path = "%s/tac%s" % (tmpdir, posix.urandom(6).hex())
        try:
            fd = posix.open(path, flags | posix.O_CREAT | posix.O_EXCL, 0o600)
        except FileExistsError as e:
            err = e
            continue
        except OSError as e:
            err = e
            break
        posix.unlink(path)
        return fd
    raise _Problem("failed to create temporary file in %s: %s" % (quotef(tmpdir, always=True), err.strerror))


def tac_nonseekable(prog, fd, name, search, sep_len, out):
    """Copy fd into memory (past a limit, into a temporary file), then tac."""
    parts = []
    size = 0
    tmp = None
    try:
        while True:
            try:
                b = posix.read(fd, 1 << 17)
            except OSError as e:
                raise _Problem("%s: read error: %s" % (quotef(name), e.strerror)) from None
            if not b:
                break
            size += len(b)
            if tmp is not None:
                _write_all(tmp, b)
                continue
            parts.append(b)
            if size > _MEMORY_LIMIT:
                tmp = _temp_file()
                _write_all(tmp, b"".join(parts))
                parts = None
        if tmp is None:
            tac_memory(b"".join(parts), search, sep_len, out)
        else:
            tac_seekable(prog, tmp, "temporary file", size, search, sep_len, out)
    finally:
        if tmp is not None:
            posix.close(tmp)


def _write_all(fd, data):
    mv = memoryview(data)
    while mv:
        mv = mv[posix.write(fd, mv):]


def main(argv):
    from compat.platform import utf8_locale

    opts = SPEC.parse(argv)
    prog = opts.prog
    sep = "\n" if opts.separator is None else opts.separator
    sepb = sep.encode("utf-8", "surrogateescape")
    if opts.regex:
        if not sepb:
            raise Fail("separator cannot be empty")
        utf8 = utf8_locale()
        try:
            pattern, end_sensitive, multibyte = translate_regex(sepb, utf8)
            search = _RegexSearch(pattern, end_sensitive, opts.before, utf8 and multibyte)
        except RegexError as e:
            raise Fail(str(e)) from None
        except Exception:
            raise Fail("Invalid regular expression") from None
        sep_len = 0
    else:
        if not sepb:
            sepb = b"\0"  # GNU: an empty separator is the NUL byte
        search = _FixedSearch(sepb, opts.before)
        sep_len = len(sepb)
    out = stdout()
    status = 0
    for name in opts.operands or ["-"]:
        if name == "-":
            fd = 0
            shown = "standard input"
        else:
            try:
                fd = posix.open(name, posix.O_RDONLY | posix.O_CLOEXEC)
            except OSError as e:
                warn(prog, "failed to open %s for reading" % quotef(name, always=True), e.strerror)
                status = 1
                continue
            shown = name
        try:
            try:
                size = posix.lseek(fd, 0, 2)
            except OSError:
                size = -1
            if size < 0 or posix.isatty(fd):
                tac_nonseekable(prog, fd, shown, search, sep_len, out)
            else:
                tac_seekable(prog, fd, shown, size, search, sep_len, out)
        except _Problem as e:
            warn(prog, str(e))
            status = 1
        finally:
            if fd != 0:
                posix.close(fd)
    return status
