"""paste: merge lines of files.

Why it is fast: lines are never joined one at a time.  In parallel mode every
input keeps a block of whole lines (from 256 KiB reads); as many output lines
as every input can supply are built at once by zipping the blocks with the
delimiters (itertools.repeat) and joining in C.  An input that has ended
supplies empty lines, which gives GNU's output: the delimiters of a finished
file are still written while any other file has lines.  `-` may be given
several times; those columns then take standard input's lines in turn.
Serial mode (-s) replaces line ends chunk by chunk (bytes.replace, or a
split and interleave when the delimiters differ), holding back only a final
line end, which is kept.

Delimiters are bytes, as in GNU coreutils 9.1: -d LIST takes the escapes \\n
\\t \\\\ \\b \\f \\r \\v and \\0 (no delimiter), any other escaped character
stands for itself, and an empty LIST means \\0.
"""
import posix

from multicall.errors import Fail, quotef, warn_os
from multicall.options import Spec, opt
from multicall.stdio import BUFSIZE, open_input, stdout

SPEC = Spec("[OPTION]... [FILE]...",
            "Write lines consisting of the sequentially corresponding lines from\n"
            "each FILE, separated by TABs, to standard output.\n\n"
            "With no FILE, or when FILE is -, read standard input.",
            opt("-d, --delimiters=LIST", "reuse characters from LIST instead of TABs"),
            opt("-s, --serial", "paste one file at a time instead of in parallel"),
            opt("-z, --zero-terminated", "line delimiter is NUL, not newline"))

_ESCAPES = {"0": b"", "b": b"\b", "f": b"\f", "n": b"\n", "r": b"\r", "t": b"\t", "v": b"\v", "\\": b"\\"}


def parse_delimiters(text):
    """GNU collapse_escapes(): the list of delimiters (b"" for \\0)."""
    if text == "":
        text = "\\0"
    out = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c != "\\":
            out.append(c.encode("utf-8", "surrogateescape"))
            i += 1
            continue
        if i + 1 >= n:
            raise Fail("delimiter list ends with an unescaped backslash: %s" % c_maybe_quote(text))
        e = text[i + 1]
        out.append(_ESCAPES.get(e) if e in _ESCAPES else e.encode("utf-8", "surrogateescape"))
        i += 2
    # One delimiter per byte, as GNU (a multibyte character is several).
    flat = []
    for d in out:
        if len(d) > 1:
            flat.extend(d[j:j + 1] for j in range(len(d)))
        else:
            flat.append(d)
    return flat


def c_maybe_quote(text):
    """GNU quotearg's c_maybe_quoting_style with ':' quoted too: the text as
    it is, or in double quotes with C escapes when some character needs one."""
    from compat.platform import utf8_locale

    utf8 = utf8_locale()
    esc = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v",
           "\"": "\\\"", "\\": "\\\\"}
    pieces = []
    needed = False
    for ch in text:
        o = ord(ch)
        if ch in esc and ch != "\\":
            pieces.append(esc[ch])
            needed = True
        elif ch == "\\":
            pieces.append("\\\\")
        elif ch == ":":
            pieces.append(ch)
            needed = True
        elif 0xDC80 <= o <= 0xDCFF:
            pieces.append("\\%03o" % (o - 0xDC00))
            needed = True
        elif o < 0x20 or o == 0x7F:
            pieces.append("\\%03o" % o)
            needed = True
        elif o >= 0x80 and not (utf8 and ch.isprintable()):
            pieces.append("".join("\\%03o" % b for b in ch.encode("utf-8", "surrogateescape")))
            needed = True
        else:
            pieces.append(ch)
    if not needed:
        return text
    return '"' + "".join(pieces) + '"'


class _Source:
    """Lines from one descriptor, a block at a time."""

    def __init__(self, prog, name, fd, eol, slots):
        self.prog = prog
        self.name = name
        self.fd = fd
        self.eol = eol
        self.slots = slots  # how many columns read from it (`-` repeated)
        self.lines = []
        self.pos = 0
        self.rest = []  # pieces of a line that spans chunks
        self.eof = False
        self.failed = False

    def available(self):
        return len(self.lines) - self.pos

    def fill(self):
        """Read until at least `slots` whole lines are buffered, or the end."""
        if self.pos:
            del self.lines[:self.pos]
            self.pos = 0
        while not self.eof and len(self.lines) < self.slots:
            try:
                data = posix.read(self.fd, BUFSIZE)
            except OSError as e:
                warn_os(self.prog, self.name, e)
                self.failed = True
                data = b""
            if not data:
                self.eof = True
                if self.rest:
                    self.lines.append(b"".join(self.rest))
                    self.rest = []
                break
            if self.eol not in data:
                self.rest.append(data)  # a line that spans chunks: joined once
                continue
            if self.rest:
                self.rest.append(data)
                data = b"".join(self.rest)
            parts = data.split(self.eol)
            last = parts.pop()
            self.rest = [last] if last else []
            self.lines.extend(parts)

    def take(self, n):
        """The next n lines (b"" past the end)."""
        got = self.lines[self.pos:self.pos + n]
        self.pos += len(got)
        if len(got) < n:
            got.extend([b""] * (n - len(got)))
        return got


def paste_parallel(prog, names, delims, eol, out):
    from itertools import repeat

    sources = {}
    columns = []
    opened = []
    try:
        for name in names:
            if name == "-" and "-" in sources:
                sources["-"].slots += 1
                columns.append((sources["-"], sources["-"].slots - 1))
                continue
            try:
                fd = open_input(name)
            except OSError as e:
                raise Fail("%s: %s" % (quotef(name), e.strerror)) from None
            if name != "-":
                opened.append(fd)
                if fd == 0 and "-" in names:
                    raise Fail("standard input is closed")
            src = _Source(prog, name, fd, eol, 1)
            if name == "-":
                sources["-"] = src
            columns.append((src, 0))
        unique = []
        for src, _ in columns:
            if src not in unique:
                unique.append(src)
        # The delimiter after each column but the last.
        seps = [delims[i % len(delims)] for i in range(len(columns) - 1)]
        while True:
            for src in unique:
                if not src.eof and src.available() < src.slots:
                    src.fill()
            live = [src for src in unique if src.available() or not src.eof]
            if not live:
                break
            if all(src.eof for src in unique):
                rows = max(-(-src.available() // src.slots) for src in unique)
            else:
                rows = min(src.available() // src.slots for src in unique if not src.eof)
                if rows == 0:
                    continue
            taken = {id(src): src.take(rows * src.slots) for src in unique}
            parts = []
            for i, (src, k) in enumerate(columns):
                lines = taken[id(src)]
                parts.append(lines[k::src.slots] if src.slots > 1 else lines)
                if i < len(seps) and seps[i]:
                    parts.append(repeat(seps[i], rows))
            if len(parts) == 1:
                body = eol.join(parts[0])
            else:
                body = eol.join(map(b"".join, zip(*parts)))
            out.write(body + eol)
        return 1 if any(src.failed for src in unique) else 0
    finally:
        for fd in opened:
            posix.close(fd)


def paste_serial(prog, names, delims, eol, out):
    from itertools import chain, cycle, islice

    status = 0
    same = len(set(delims)) == 1
    for name in names:
        try:
            fd = open_input(name)
        except OSError as e:
            warn_os(prog, name, e)
            status = 1
            continue
        try:
            k = 0  # the next delimiter
            held = False  # a line end held back: the last byte seen so far
            read = posix.read
            while True:
                try:
                    data = read(fd, BUFSIZE)
                except OSError as e:
                    warn_os(prog, name, e)
                    status = 1
                    break
                if not data:
                    break
                if held:
                    data = eol + data
                held = data.endswith(eol)
                if held:
                    data = data[:-1]
                if same:
                    out.write(data.replace(eol, delims[0]))
                    continue
                parts = data.split(eol)
                n = len(parts) - 1
                seps = islice(cycle(delims), k, k + n)
                out.write(b"".join(chain.from_iterable(zip(parts, seps))) + parts[-1])
                k = (k + n) % len(delims)
            out.write(eol)
        finally:
            if fd != 0:
                posix.close(fd)
    return status


def main(argv):
    opts = SPEC.parse(argv)
    prog = opts.prog
    delims = parse_delimiters("\t" if opts.delimiters is None else opts.delimiters)
    eol = b"\0" if opts.zero_terminated else b"\n"
    names = opts.operands or ["-"]
    out = stdout()
    if opts.serial:
        return paste_serial(prog, names, delims, eol, out)
    return paste_parallel(prog, names, delims, eol, out)
