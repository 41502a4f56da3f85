"""expand, unexpand: convert tabs to spaces, and blanks to tabs.

Both share GNU's tab-stop lists (-t N, -t LIST with `/N` and `+N` for the
stops after the last one, and the obsolete -N forms) and read all their
inputs as one stream, as GNU does, so a line may go on from one file into
the next.

expand copies every line without a TAB as it is (a chunk without one is
written whole) and splits the others at their TABs with bytes.split, so
the work is per TAB, not per byte.  unexpand cuts lines into words and
blank runs with one compiled pattern; words are copied whole, and only the
blanks go through GNU's state machine (which blanks become a TAB depends
on the column and on the blanks before them).  Without -a only a line's
leading blanks are looked at, and a chunk whose lines start with no blank
is written whole.  A backspace moves the column one back, as in GNU.
"""
import posix

from multicall.errors import Exit, Fail, quote, quotef, write_stderr
from multicall.options import Spec, opt
from multicall.stdio import BUFSIZE, open_input, stdout

UINTMAX = (1 << 64) - 1



class _Spec(Spec):
    """Tab stops must be taken in command-line order (-t against -N and
    `-,`): record every option as it is applied."""

    def _apply(self, ns, o, val, shown):
        Spec._apply(self, ns, o, val, shown)
        if not hasattr(ns, "trace"):
            ns.trace = []
        value = getattr(ns, o.dest)
        ns.trace.append((o.dest, value[-1] if o.kind == "list" else value))


_TAB_HELP = ("use comma separated list of tab positions.\n"
             "  The last specified position can be prefixed with '/'\n"
             "  to specify a tab size to use after the last\n"
             "  explicitly specified tab stop.  Also a prefix of '+'\n"
             "  can be used to align remaining tab stops relative to\n"
             "  the last specified tab stop instead of the first column")

SPEC = _Spec("[OPTION]... [FILE]...",
             "Convert tabs in each FILE to spaces, writing to standard output.\n\n"
             "With no FILE, or when FILE is -, read standard input.\n\n"
             "Mandatory arguments to long options are mandatory for short options too.",
             opt("-i, --initial", "do not convert tabs after non blanks"),
             opt("-t, --tabs=N", "have tabs N characters apart, not 8", kind="list"),
             opt("-t, --tabs=LIST", _TAB_HELP, dest="tabs", kind="list"),
             # The obsolete -N[,N...]: each digit takes the rest as its list.
             *(opt("-%d[LIST]" % d, None, dest="digit", const=str(d), type=lambda v, d=d: str(d) + v)
               for d in range(10)))

UNEXPAND_SPEC = _Spec("[OPTION]... [FILE]...",
                      "Convert blanks in each FILE to tabs, writing to standard output.\n\n"
                      "With no FILE, or when FILE is -, read standard input.\n\n"
                      "Mandatory arguments to long options are mandatory for short options too.",
                      opt("-a, --all", "convert all blanks, instead of just initial blanks"),
                      opt("--first-only", "convert only leading sequences of blanks (overrides -a)"),
                      opt("-t, --tabs=N", "have tabs N characters apart instead of 8 (enables -a)",
                          kind="list"),
                      opt("-t, --tabs=LIST", _TAB_HELP, dest="tabs", kind="list"),
                      # The obsolete -N and -,: -4,8 is the list 4,8; digits
                      # accumulate over separate arguments too (-4 -8 is 48).
                      *(opt("-%d" % d, None, dest="digit", kind="const", const=d) for d in range(10)),
                      opt("-,", None, dest="comma"))


class TabStops:
    """GNU's tab-stop list (expand-common.c): explicit stops, then either
    a repeating size (/N), an increment from the last stop (+N), or none."""

    def __init__(self, prog):
        self.prog = prog
        self.stops = []
        self.extend = 0
        self.increment = 0
        self.size = 0

    def add(self, value):
        self.stops.append(value)

    def parse(self, text):
        """Add a comma- or blank-separated list; report every problem, as
        GNU does, and fail at the end if there was one."""
        s = text
        ok = True
        have = False
        value = 0
        extend = increment = False
        start = 0
        i = 0
        n = len(s)
        while i < n:
            c = s[i]
            if c == "," or c in " \t":
                if have and not self._take(value, extend, increment):
                    ok = False
                    break
                have = False
            elif c == "/" or c == "+":
                if have:
                    self._error("'%s' specifier not at start of number: %s" % (c, quote(s[i:])))
                    ok = False
                extend = c == "/"
                increment = not extend
            elif "0" <= c <= "9":
                if not have:
                    value = 0
                    have = True
                    start = i
                value = value * 10 + ord(c) - 48
                if value > UINTMAX:
                    j = start
                    while j < n and "0" <= s[j] <= "9":
                        j += 1
                    self._error("tab stop is too large %s" % quote(s[start:j]))
                    ok = False
                    value &= UINTMAX
                    i = j - 1
            else:
                self._error("tab size contains invalid character(s): %s" % quote(s[i:]))
                ok = False
                break
            i += 1
        if ok and have:
            ok = self._take(value, extend, increment)
        if not ok:
            raise Exit(1)

    def _error(self, message):
        write_stderr("%s: %s\n" % (self.prog, message))

    def _take(self, value, extend, increment):
        """Store a number of the list (after '/' or '+', as the list's
        extension); False after reporting a second '/' or '+'."""
        if not (extend or increment):
            self.add(value)
            return True
        attr = "extend" if extend else "increment"
        ok = not getattr(self, attr)
        if not ok:
            self._error("'%s' specifier only allowed with the last value" % ("/" if extend else "+"))
        setattr(self, attr, value)
        return ok

    def finalize(self):
        prev = 0
        for t in self.stops:
            if t == 0:
                raise Fail("tab size cannot be 0")
            if t <= prev:
                raise Fail("tab sizes must be ascending")
            prev = t
        if self.increment and self.extend:
            raise Fail("'/' specifier is mutually exclusive with '+'")
        if not self.stops:
            self.size = self.extend or self.increment or 8
        elif len(self.stops) == 1 and not self.extend and not self.increment:
            self.size = self.stops[0]
        else:
            self.size = 0

    def next_stop(self, col):
        """The first tab stop after column col, or None past the last
        explicit stop with nothing to extend the list.  (GNU keeps an index
        into the list that a backspace moves one back; it never skips a
        stop, so the first stop after col is always what it finds.)"""
        size = self.size
        if size:
            return col + size - col % size
        stops = self.stops
        if stops and col < stops[-1]:
            from bisect import bisect_right
            return stops[bisect_right(stops, col)]
        if self.extend:
            return col + self.extend - col % self.extend
        if self.increment:
            return col + self.increment - (col - stops[-1]) % self.increment
        return None

    def endless(self):
        """True when every column has a next stop."""
        return bool(self.size or self.extend or self.increment)


def _tab_stops(prog, trace, unexpand):
    """Build the tab stops from the options, in command-line order."""
    tabs = TabStops(prog)
    value = None  # unexpand's obsolete digits, accumulating
    for dest, val in trace:
        if dest == "tabs":
            tabs.parse(val)
        elif dest == "digit":
            if unexpand:
                value = (value or 0) * 10 + val
                if value > UINTMAX:
                    raise Fail("tab stop value is too large")
            else:
                # -4,8 arrives as digit 4 with the rest ",8".
                tabs.parse(val)
        elif dest == "comma":
            if value is not None:
                tabs.add(value)
            value = None
    if value is not None:
        tabs.add(value)
    tabs.finalize()
    return tabs


def main(argv):
    if argv[0].rpartition("/")[2] == "unexpand":
        return unexpand_main(argv)
    return expand_main(argv)


def expand_main(argv):
    opts = SPEC.parse(argv)
    tabs = _tab_stops(opts.prog, getattr(opts, "trace", []), False)
    return _run(opts, Expander(tabs, not opts.initial))


def unexpand_main(argv):
    opts = UNEXPAND_SPEC.parse(argv)
    trace = getattr(opts, "trace", [])
    tabs = _tab_stops(opts.prog, trace, True)
    everywhere = opts.all or bool(opts.tabs)
    if opts.first_only:
        everywhere = False
    return _run(opts, Unexpander(tabs, everywhere))


def _run(opts, conv):
    """Feed every input to the converter as one stream."""
    out = stdout()
    prog = opts.prog
    status = 0
    names = opts.operands or ["-"]
    for name in names:
        try:
            fd = open_input(name)
        except OSError as e:
            write_stderr("%s: %s: %s\n" % (prog, quotef(name), e.strerror))
            status = 1
            continue
        try:
            while True:
                data = posix.read(fd, BUFSIZE)
                if not data:
                    break
                out.write(conv.feed(data))
        except BrokenPipeError:
            raise
        except OSError as e:
            write_stderr("%s: %s: %s\n" % (prog, quotef(name), e.strerror))
            status = 1
        finally:
            if fd != 0:
                posix.close(fd)
    out.write(conv.finish())
    return status


def _advance(col, text):
    """The column after text with no TAB in it (a backspace goes one back)."""
    if b"\b" not in text:
        return col + len(text)
    for piece in text.split(b"\b")[:-1]:
        col += len(piece)
        if col:
            col -= 1
    return col + len(text) - text.rfind(b"\b") - 1


class Expander:
    """expand: complete lines are converted whole; a line cut by the end
    of a chunk keeps its state (column, still converting) for the next."""

    def __init__(self, tabs, everywhere):
        self.tabs = tabs
        self.everywhere = everywhere
        self.col = 0
        self.convert = True
        self.mid = False  # inside a line: the state above is not fresh
        size = tabs.size
        self.spaces = [b" " * n for n in range(size + 1)] if size else None

    def feed(self, data):
        lines = data.split(b"\n")
        last = lines.pop()
        out = []
        if lines:
            if self.mid:
                out.append(self.text(lines[0]) + b"\n")
                self.col = 0
                self.convert = True
                self.mid = False
                lines = lines[1:]
            body = data[len(data) - len(last) - sum(map(len, lines)) - len(lines):len(data) - len(last)]
            if b"\t" not in body:
                out.append(body)
            else:
                line_out = self.line
                out.append(b"\n".join([line_out(line) if b"\t" in line else line for line in lines]) + b"\n")
            self.col = 0
            self.convert = True
        if last:
            self.mid = True
            out.append(self.text(last))
        return b"".join(out)

    def line(self, line):
        """A whole line with a TAB in it, from the start of the line."""
        spaces = self.spaces
        if self.everywhere:
            if spaces is None or b"\b" in line:
                return self._from_start(line)
            parts = line.split(b"\t")
        else:
            # Only the TABs among the leading blanks.
            ntabs = line.count(b"\t", 0, len(line) - len(line.lstrip(b" \t")))
            if not ntabs:
                return line
            if spaces is None:
                return self._from_start(line)
            parts = line.split(b"\t", ntabs)
        # A tab size and no backspace: each TAB to the next multiple.
        size = self.tabs.size
        out = []
        col = 0
        for seg in parts[:-1]:
            col += len(seg)
            n = size - col % size
            out.append(seg)
            out.append(spaces[n])
            col += n
        out.append(parts[-1])
        return b"".join(out)

    def _from_start(self, line):
        """A whole line through text(), GNU's way."""
        self.col = 0
        self.convert = True
        return self.text(line)

    def text(self, line):
        """Expand a piece of a line (no newline), updating the state."""
        if not self.convert:
            return line
        parts = line.split(b"\t")
        everywhere = self.everywhere
        out = [parts[0]]
        col = _advance(self.col, parts[0])
        if not everywhere and parts[0].translate(None, b" "):
            self.convert = False
            return line
        next_stop = self.tabs.next_stop
        for k in range(1, len(parts)):
            stop = next_stop(col)
            if stop is None:
                stop = col + 1
            out.append(b" " * (stop - col))
            col = stop
            seg = parts[k]
            out.append(seg)
            col = _advance(col, seg)
            if not everywhere and seg.translate(None, b" "):
                self.convert = False
                if k + 1 < len(parts):
                    out.append(b"\t" + b"\t".join(parts[k + 1:]))
                break
        self.col = col
        return b"".join(out)

    def finish(self):
        return b""


class Unexpander:
    """unexpand.  Complete lines go through _line: the words are copied and
    each run of blanks is rewritten from its start and end columns (see
    _run).  Lines cut by a chunk's end, and tab lists with no size after
    the last stop, go through GNU's per-blank state machine (_text)."""

    def __init__(self, tabs, everywhere):
        self.tabs = tabs
        self.everywhere = everywhere
        if everywhere:  # only -a needs patterns: plain unexpand loads no re
            import re
            self.tokens = re.compile(b"([ \t]+|\b)").split
            self.multi = re.compile(b"[ \t][ \t]+").search
        self.fast = tabs.endless()
        self.reset()

    def reset(self):
        self.col = 0
        self.convert = True
        self.prev_blank = True
        self.pending = bytearray()
        self.one_blank = False
        self.mid = False

    def flush(self, out):
        """A non-blank came: write the blanks held back."""
        pending = self.pending
        if pending:
            if len(pending) > 1 and self.one_blank:
                pending[0] = 9
            out.append(bytes(pending))
            pending.clear()
            self.one_blank = False

    def feed(self, data):
        lines = data.split(b"\n")
        last = lines.pop()
        out = []
        if lines:
            if self.mid:
                self._text(lines[0], out)
                self.flush(out)
                out.append(b"\n")
                self.reset()
                lines = lines[1:]
            start = len(data) - len(last) - sum(map(len, lines)) - len(lines)
            body = data[start:len(data) - len(last)]
            if not self.everywhere and body[:1] not in (b" ", b"\t") \
                    and b"\n " not in body and b"\n\t" not in body:
                out.append(body)
            elif lines:
                line = self._line
                out.append(b"\n".join([line(x) for x in lines]) + b"\n")
        if last:
            self.mid = True
            self._text(last, out)
        return b"".join(out)

    def _line(self, line):
        """A whole line, from the start of the line."""
        if not self.fast:
            out = []
            self._text(line, out)
            self.flush(out)
            self.reset()
            return b"".join(out)
        body = line.lstrip(b" \t")
        lead = len(line) - len(body)
        if not self.everywhere:
            return self._run(line[:lead], 0, True)[0] + body if lead else line
        out = []
        col = 0
        if lead:
            text, col = self._run(line[:lead], 0, True)
            out.append(text)
        pos = lead
        multi = self.multi
        while True:
            m = multi(line, pos)
            if m is None:
                out.append(line[pos:])
                return b"".join(out)
            start = m.start()
            seg = line[pos:start]
            out.append(seg)
            col = self._walk(seg, col)
            text, col = self._run(m.group(), col, False)
            out.append(text)
            pos = m.end()

    def _walk(self, seg, col):
        """The column after words and single blanks."""
        if b"\t" not in seg:
            return _advance(col, seg)
        next_stop = self.tabs.next_stop
        parts = seg.split(b"\t")
        for part in parts[:-1]:
            col = next_stop(_advance(col, part))
        return _advance(col, parts[-1])

    def _run(self, run, col, prev_blank):
        """(what a run of blanks becomes, the column after it).  Every tab
        stop the run reaches becomes a TAB and the spaces after the last
        one stay; a single space after a word stays as it is."""
        if run == b" " and not prev_blank:
            return run, col + 1
        start = col
        tabs = self.tabs
        size = tabs.size
        if b"\t" in run:
            parts = run.split(b"\t")
            for part in parts[:-1]:
                col += len(part)
                col = col + size - col % size if size else tabs.next_stop(col)
            col += len(parts[-1])
        else:
            col += len(run)
        if size:
            n = col // size - start // size
            if not n:
                return run, col
            return b"\t" * n + b" " * (col % size), col
        n = 0
        stop = tabs.next_stop(start)
        last = start
        while stop <= col:
            n += 1
            last = stop
            stop = tabs.next_stop(stop)
        if not n:
            return run, col
        return b"\t" * n + b" " * (col - last), col

    def _text(self, line, out):
        """GNU's state machine on a piece of a line (no newline)."""
        if not self.convert:
            out.append(line)
            return
        if not self.everywhere:
            blanks = len(line) - len(line.lstrip(b" \t"))
            if blanks < len(line):
                if blanks:
                    self._blanks(line[:blanks], out)
                if self.convert:
                    self._word(line[blanks:blanks + 1], out)
                    blanks += 1
                out.append(line[blanks:])
                self.convert = False
                return
            self._blanks(line, out)
            return
        parts = self.tokens(line)
        for k, part in enumerate(parts):
            if not part:
                continue
            if not self.convert:
                out.append(b"".join(parts[k:]))
                return
            if part[0] in (32, 9):
                self._blanks(part, out)
            else:
                self._word(part, out)

    def _word(self, part, out):
        """Non-blank bytes, or one backspace: written as they are."""
        self.flush(out)
        if part == b"\b":
            self.col = self.col - 1 if self.col else 0
        else:
            self.col += len(part)
        self.prev_blank = False
        out.append(part)
        if not self.everywhere:
            self.convert = False

    def _blanks(self, run, out):
        """A run of blanks, one at a time through GNU's rules."""
        next_stop = self.tabs.next_stop
        pending = self.pending
        for i, c in enumerate(run):
            stop = next_stop(self.col)
            if stop is None:
                # Past the last tab stop: the rest of the line stays.
                self.convert = False
                self.flush(out)
                out.append(run[i:])
                return
            if c == 9:
                self.col = stop
            else:
                self.col += 1
                if not (self.prev_blank and self.col == stop):
                    if self.col == stop:
                        self.one_blank = True
                    pending.append(c)
                    self.prev_blank = True
                    continue
            # The blanks held back become this TAB, except a single blank
            # just before the previous tab stop, which becomes one too.
            if self.one_blank:
                out.append(b"\t")
            pending.clear()
            self.one_blank = False
            self.prev_blank = True
            out.append(b"\t")

    def finish(self):
        out = []
        self.flush(out)
        return b"".join(out)
