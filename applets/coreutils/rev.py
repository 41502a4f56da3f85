"""rev: reverse lines characterwise (util-linux 2.38).

Why it is fast: whole blocks of lines are reversed at once.  In a UTF-8
locale a block is decoded and each line reversed as a str slice
(line[::-1]); in the C locale bytes are reversed as bytes.  Only the
delimiter-free part of a line moves: its line end stays at the end, and a
last line without one gets none.

util-linux reads with fgetws(), so it follows the locale strictly and its
quirks are kept: a byte sequence that is not a character in the locale (in
the C locale any byte above 0x7F) ends the file with `rev: FILE: N: Invalid
or incomplete multibyte or wide character` (N = lines already written) and
exit status 1, the bad line not written; a NUL byte ends the line's text --
the rest of that line is dropped and the next line is appended to it
(fgetws() stops at the newline, wcslen() at the NUL).  A line longer than
util-linux's buffer (8191 characters) that also holds a NUL would drop a
different amount there; that case is not replayed.
"""
import posix

from multicall.errors import warn
from multicall.options import Spec, opt
from multicall.stdio import BUFSIZE, stdout

SPEC = Spec("[options] [file ...]", "Reverse lines characterwise.",
            opt("-h, --help", "display this help", kind="help"),
            opt("-V, --version", "display version", kind="version"),
            help=False, version=False,
            epilog="For more details see rev(1).")


def _reverse_lines(block, utf8):
    """Reverse each line of `block` (lines separated by LF; no line end is
    moved)."""
    if utf8:
        text = block.decode("utf-8")
        return "\n".join([line[::-1] for line in text.split("\n")]).encode("utf-8")
    return b"\n".join([line[::-1] for line in block.split(b"\n")])


def _first_invalid(block, utf8):
    """The offset of the first byte that does not decode in the locale (in
    the C locale: any byte above 0x7F), or None."""
    if block.isascii():
        return None
    if not utf8:
        return next(i for i, b in enumerate(block) if b >= 0x80)
    try:
        block.decode("utf-8")
        return None
    except UnicodeDecodeError as e:
        return e.start


_STDIO_BUFSIZ = 4096  # what glibc's stdio reads at a time (st_blksize)


class _Bad(Exception):
    """The input is not text in the locale: `done` lines were written."""

    def __init__(self, done):
        Exception.__init__(self, done)
        self.done = done


class _State:
    """util-linux rev's reading state for one file."""

    def __init__(self, utf8, out):
        self.utf8 = utf8
        self.out = out
        self.done = 0  # lines written (the N in error messages)
        self.pos = 0  # bytes of the file before the current block
        self.joined = None  # text of a line cut short by a NUL, while extending
        self.chain = None  # util-linux's buffer (as text) while extending

    def block(self, block, eof):
        """Whole lines (the last may lack its LF only at end of file)."""
        cut_short = False
        if eof and self.utf8 and block and not block.isascii():
            # A character cut short by the end of the file is dropped; it is
            # an error only when glibc's last 4 KiB read got nothing else.
            try:
                block.decode("utf-8")
            except UnicodeDecodeError as e:
                if e.reason == "unexpected end of data" and e.end == len(block):
                    cut_short = (self.pos + e.start) % _STDIO_BUFSIZ == 0
                    block = block[:e.start]
        self.pos += len(block)
        bad = _first_invalid(block, self.utf8)
        upto = block if bad is None else block[:block.rfind(b"\n", 0, bad) + 1]
        if upto:
            if self.joined is None and b"\0" not in upto:
                ends = upto.endswith(b"\n")
                self.out.write(_reverse_lines(upto[:-1] if ends else upto, self.utf8) + (b"\n" if ends else b""))
                self.done += upto.count(b"\n") + (0 if ends else 1)
            else:
                self._slow(upto)
        if bad is not None:
            if self.joined is not None:
                # The extending fgetws() failed part way: what it decoded
                # overwrote the buffer after the text cut short, unterminated,
                # and fputws() prints up to the next NUL in the buffer.
                joined = self._text(self.joined)
                base = len(joined)
                partial = self._text(block[len(upto):bad])
                chain = self.chain[:base] + partial + self.chain[base + len(partial):]
                tail = chain[base:].split("\0", 1)[0]
                self.out.write(self._bytes(joined[::-1] + tail))
                self.done += 1
            raise _Bad(self.done)
        if eof:
            self.finish()
            if cut_short:
                raise _Bad(self.done)

    def _slow(self, data):
        """Line by line, for NUL bytes and lines being extended."""
        lines = data.split(b"\n")
        last = lines.pop()
        for line in lines:
            self._line(line, True)
        if last:
            self._line(last, False)

    def _line(self, content, has_lf):
        # fgetws() reads the whole line, wcslen() stops at a NUL: the rest of
        # the line and its LF are lost, and (unless the line is empty that
        # way, when it is skipped) the next line is read in after the NUL.
        cut = content.find(b"\0")
        raw = self._text(content + b"\n" if has_lf else content)
        if self.joined is None:
            if cut == 0:
                return
            if cut > 0:
                self.chain = raw + "\0"
                self.joined = content[:cut]
                if not has_lf:
                    self.finish()
            else:
                self.out.write(_reverse_lines(content, self.utf8) + (b"\n" if has_lf else b""))
                self.done += 1
            return
        base = len(self._text(self.joined))
        self.chain = self.chain[:base] + raw + "\0" + self.chain[base + len(raw) + 1:]
        if cut >= 0:
            self.joined += content[:cut]
            if not has_lf:
                self.finish()
            return
        content = self.joined + content
        self.joined = self.chain = None
        self.out.write(_reverse_lines(content, self.utf8) + (b"\n" if has_lf else b""))
        self.done += 1

    def _text(self, b):
        """Bytes as util-linux's wide characters (one per byte in C)."""
        return b.decode("utf-8" if self.utf8 else "latin-1")

    def _bytes(self, t):
        return t.encode("utf-8" if self.utf8 else "latin-1")

    def finish(self):
        if self.joined is not None:
            self.out.write(_reverse_lines(self.joined, self.utf8))
            self.done += 1
            self.joined = self.chain = None


def rev_fd(fd, utf8, out):
    """Reverse the lines on fd; raises _Bad at text that does not decode and
    OSError (with `.done`) for read errors."""
    state = _State(utf8, out)
    read = posix.read
    pending = []
    while True:
        try:
            data = read(fd, BUFSIZE)
        except OSError as e:
            e.done = state.done
            raise
        if not data:
            state.block(b"".join(pending), True)
            return state.done
        if b"\n" not in data:
            pending.append(data)  # a line that spans chunks: joined once
            continue
        if pending:
            pending.append(data)
            data = b"".join(pending)
        end = data.rfind(b"\n") + 1
        pending = [data[end:]]
        state.block(data[:end], False)


def main(argv):
    from compat.platform import utf8_locale

    opts = SPEC.parse(argv)
    prog = opts.prog
    utf8 = utf8_locale()
    out = stdout()
    status = 0
    for name in opts.operands or [None]:
        if name is None:
            fd = 0
            shown = "stdin"
        else:
            try:
                fd = posix.open(name, posix.O_RDONLY | posix.O_CLOEXEC)
            except OSError as e:
                warn(prog, "cannot open %s" % name, e.strerror)
                status = 1
                continue
            shown = name
        try:
            rev_fd(fd, utf8, out)
        except _Bad as e:
            warn(prog, shown, str(e.done), "Invalid or incomplete multibyte or wide character")
            status = 1
        except BrokenPipeError:
            raise
        except OSError as e:
            warn(prog, shown, str(getattr(e, "done", 0)), e.strerror)
            status = 1
        finally:
            if fd != 0:
                posix.close(fd)
    return status
