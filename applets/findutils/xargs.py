"""xargs: build and run command lines from standard input, as GNU findutils
4.9 xargs does.

The input is read in 256 KiB chunks.  In the default format (blanks and
newlines separate items, quotes and backslashes quote), a line made only of
plain characters is split with bytes.split() in one call; only a line with
a quote, backslash, NUL, CR, FF or VT goes through the character-by-character
state machine that follows GNU's exactly (an escaped or quoted newline, a
trailing blank that continues a line for -L, the logical EOF string's
position rules, `argument line too long` at the very character, unmatched
quotes after running what was already collected).  -0/-d find each
delimiter with bytes.find.

Commands are built with GNU's accounting (each argument costs its length
plus one against -s, whose default is 128 KiB within ARG_MAX less the
environment and 2048 bytes of headroom) and started through
multicall.process: a command that resolves to pybox (a link to pybox on
PATH, or any applet in standalone mode) runs in a forked child of this
warm interpreter, anything else by fork+exec.  The default command is echo.

-P (max-procs) other than 1: each child's standard output and standard
error go to pipes that xargs relays a complete line at a time (a single
write per run of lines; a partial line of more than 64 KiB is passed on
as it is), so the outputs of parallel commands never interleave within a
line.  When xargs's own stdout and stderr are the same file, a child gets
one pipe for both, so its two streams keep their relative order.  Without
-P, or with -P 1, or with -o, children write straight to xargs's outputs as
with GNU.  When every child has exited, what is left in the pipes is relayed
and xargs ends; a background process a command left behind that still
holds a pipe then gets EPIPE.  SIGUSR1/SIGUSR2 raise/lower the -P limit.

Exit statuses as GNU 4.9: 0; 123 when any command exited 1-125; 124 when
one exited 255 (xargs stops), 125 when one was killed by a signal, 126 when
the command cannot be run, 127 when it is not found, 1 for other errors.
As in GNU, when xargs stops early (255, a signal, an error), it waits for
the running commands first, and an earlier failure (123) wins.
"""
import posix

from multicall.errors import Exit, Usage, quote, quotef, write_stderr
from multicall.options import Spec, opt

SPEC = Spec(
    "[OPTION]... COMMAND [INITIAL-ARGS]...",
    "Run COMMAND with arguments INITIAL-ARGS and more arguments read from input.",
    opt("-0, --null"),
    opt("-a, --arg-file=FILE"),
    opt("-d, --delimiter=CHARACTER"),
    opt("-E END"),
    opt("-e, --eof[=END]"),
    opt("-I R"),
    opt("-i, --replace[=R]"),
    opt("-L MAX-LINES"),
    opt("-l, --max-lines[=MAX-LINES]"),
    opt("-n, --max-args=MAX-ARGS"),
    opt("-o, --open-tty"),
    opt("-p, --interactive"),
    opt("-r, --no-run-if-empty"),
    opt("-s, --max-chars=MAX-CHARS"),
    opt("-t, --verbose"),
    opt("--show-limits"),
    opt("-x, --exit"),
    opt("-P, --max-procs=MAX-PROCS"),
    opt("--process-slot-var=VAR"),
    opt("--version"),
    opt("--help"),
    epilog="""\
Mandatory and optional arguments to long options are also
mandatory or optional for the corresponding short option.
  -0, --null                   items are separated by a null, not whitespace;
                                 disables quote and backslash processing and
                                 logical EOF processing
  -a, --arg-file=FILE          read arguments from FILE, not standard input
  -d, --delimiter=CHARACTER    items in input stream are separated by CHARACTER,
                                 not by whitespace; disables quote and backslash
                                 processing and logical EOF processing
  -E END                       set logical EOF string; if END occurs as a line
                                 of input, the rest of the input is ignored
                                 (ignored if -0 or -d was specified)
  -e, --eof[=END]              equivalent to -E END if END is specified;
                                 otherwise, there is no end-of-file string
  -I R                         same as --replace=R
  -i, --replace[=R]            replace R in INITIAL-ARGS with names read
                                 from standard input, split at newlines;
                                 if R is unspecified, assume {}
  -L, --max-lines=MAX-LINES    use at most MAX-LINES non-blank input lines per
                                 command line
  -l[MAX-LINES]                similar to -L but defaults to at most one non-
                                 blank input line if MAX-LINES is not specified
  -n, --max-args=MAX-ARGS      use at most MAX-ARGS arguments per command line
  -o, --open-tty               Reopen stdin as /dev/tty in the child process
                                 before executing the command; useful to run an
                                 interactive application.
  -P, --max-procs=MAX-PROCS    run at most MAX-PROCS processes at a time
  -p, --interactive            prompt before running commands
      --process-slot-var=VAR   set environment variable VAR in child processes
  -r, --no-run-if-empty        if there are no arguments, then do not run COMMAND;
                                 if this option is not given, COMMAND will be
                                 run at least once
  -s, --max-chars=MAX-CHARS    limit length of command line to MAX-CHARS
      --show-limits            show limits on command-line length
  -t, --verbose                print commands before executing them
  -x, --exit                   exit if the size (see -s) is exceeded
      --help                   display this help and exit
      --version                output version information and exit""",
    help=False, version=False)

# getopt_long's table order (for the "possibilities:" of an ambiguous option)
_LONG_ORDER = ("null", "arg-file", "delimiter", "eof", "replace", "max-lines", "max-args",
               "open-tty", "interactive", "no-run-if-empty", "max-chars", "verbose",
               "show-limits", "exit", "max-procs", "process-slot-var", "version", "help")

HEADROOM = 2048  # POSIX: room left for the utility's own environment changes
POSIX_ARG_MIN = 4096  # _POSIX_ARG_MAX
DEFAULT_ARG_SIZE = 128 * 1024
MAX_PROC_MAX = (1 << 31) - 1  # SIG_ATOMIC_MAX
LONG_MAX = (1 << 63) - 1
EXIT_NONZERO, EXIT_255, EXIT_SIGNAL, EXIT_CANNOT_RUN, EXIT_NOT_FOUND = 123, 124, 125, 126, 127
RELAY_MAX = 64 * 1024
CHUNK = 256 * 1024

_SPACE, _NORM, _QUOTE, _BACKSLASH = 0, 1, 2, 3
_BLANKS = (32, 9)
_WHITE = (32, 9, 10, 13, 12, 11)
_SPECIAL = b"'\"\\\0\r\f\v"
_NUL_WARNING = ("WARNING: a NUL character occurred in the input.  It cannot be passed "
                "through in the argument list.  Did you mean to use the --null option?")


class _Quit(Exception):
    """Leave xargs with `code` (after waiting for the running commands)."""

    def __init__(self, code):
        Exception.__init__(self, code)
        self.code = code


class _InputError(Exception):
    """A fatal input error; the commands collected so far run first."""


def _die(msg, code=1):
    write_stderr("xargs: %s\n" % msg)
    raise _Quit(code)


# -- option values -------------------------------------------------------------

def _strtol(text):
    """C strtol(text, &end, 10): (value saturated to long, fully used)."""
    s = text.lstrip(" \t\n\v\f\r")
    i = 1 if s[:1] in ("+", "-") else 0
    j = i
    while j < len(s) and "0" <= s[j] <= "9":
        j += 1
    if j == i:
        return 0, False
    v = int(s[i:j])
    if s[0] == "-":
        v = -v
    v = max(-LONG_MAX - 1, min(LONG_MAX, v))
    return v, j == len(s)


def parse_num(text, letter, lo, hi, fatal):
    """GNU xargs's parse_num: messages name the short option letter."""
    v, ok = _strtol(text)
    if not ok:
        raise Usage('invalid number "%s" for -%s option' % (text, letter))
    if v < lo:
        msg = "value %s for -%s option should be >= %d" % (text, letter, lo)
        if fatal:
            raise Usage(msg)
        write_stderr("xargs: %s\n" % msg)
        return lo
    if hi is not None and v > hi:
        msg = "value %s for -%s option should be <= %d" % (text, letter, hi)
        if fatal:
            raise Usage(msg)
        write_stderr("xargs: %s\n" % msg)
        return hi
    return v


def _strtoul(text, base):
    """C strtoul on text: (value or None when nothing converted, rest)."""
    s = text.lstrip(" \t\n\v\f\r")
    neg = False
    if s[:1] in ("+", "-"):
        neg = s[0] == "-"
        s = s[1:]
    digits = "0123456789abcdef"[:base]
    if base == 16 and s[:2] in ("0x", "0X") and s[2:3] and s[2].lower() in digits:
        s = s[2:]
    j = 0
    while j < len(s) and s[j].lower() in digits:
        j += 1
    if j == 0:
        return None, text
    v = int(s[:j], base)
    mask = (1 << 64) - 1
    if v > mask:
        v = mask
    elif neg:
        v = (-v) & mask
    return v, s[j:]


def parse_delimiter(text):
    """The -d argument: one byte, or a C escape (\\n, \\t, \\0, \\x41, \\101 ...)."""
    b = text.encode("utf-8", "surrogateescape")
    if len(b) == 1:
        return b
    if b[:1] != b"\\":
        _die("Invalid input delimiter specification %s: the delimiter must be either a single "
             "character or an escape sequence starting with \\." % text)
    simple = {"a": b"\a", "b": b"\b", "f": b"\f", "n": b"\n", "r": b"\r", "t": b"\t",
              "v": b"\v", "\\": b"\\"}
    c = text[1]
    if c in simple:
        return simple[c]
    if c == "x":
        base, body = 16, text[2:]
    elif "0" <= c <= "9":
        base, body = 8, text[1:]
    else:
        _die("Invalid escape sequence %s in input delimiter specification." % text)
    v, rest = _strtoul(body, base)
    if v is None:
        v, rest = 0, body
    if v > 255:
        _die("Invalid escape sequence %s in input delimiter specification; character values "
             "must not exceed %s." % (text, "ff" if base == 16 else "377"))
    if rest:
        _die("Invalid escape sequence %s in input delimiter specification; trailing characters "
             "%s not recognised." % (text, rest))
    return bytes((v,))


def shell_quote(arg):
    """An argument as -t shows it: gnulib's shell-escape quoting (':' bare)."""
    s = arg.decode("utf-8", "surrogateescape")
    if ":" in s:
        t = s.replace(":", "_")
        if quotef(t) == t:
            return s
    return quotef(s)


# -- input ---------------------------------------------------------------------

class Source:
    """The input descriptor, read in chunks; buf[pos:] is not consumed yet."""

    def __init__(self, fd, is_stdin, waiter=None):
        self.fd = fd
        self.is_stdin = is_stdin
        self.buf = b""
        self.pos = 0
        self.done = False
        self.error = False
        self.waiter = waiter  # called before a read that could block

    def fill(self):
        """Read more (keeping buf[pos:]); False at end of input."""
        if self.done:
            return False
        if self.waiter is not None:
            self.waiter(self.fd)
        try:
            data = posix.read(self.fd, CHUNK)
        except OSError:
            data = b""
            self.error = self.is_stdin  # GNU treats it as end of input
        if not data:
            self.done = True
            return False
        rest = self.buf[self.pos:]
        self.buf = rest + data if rest else data
        self.pos = 0
        return True

    def unread_count(self):
        return len(self.buf) - self.pos


class Reader:
    """GNU's read_line (quotes, backslashes, blanks, the EOF string) and
    read_string (-0, -d).  read() returns None at end of input (GNU's -1),
    else the last item (the whole line with -I); items are handed to push()
    as they are complete, unless replacing."""

    def __init__(self, src, push, delim, eof_str, replace, maxlen, push_many=None):
        self.src = src
        self.push = push
        self.push_many = push_many  # set when lines do not matter (no -L, -I)
        self._nbuf = None
        self._next = None
        self.delim = delim
        self.eof_str = eof_str
        self.replace = replace is not None
        self.maxlen = maxlen  # callable: the longest item allowed now
        self.eof = False
        self.lineno = 0
        self.nul_warned = False

    def read(self):
        if self.eof:
            return None
        if self.push_many is not None and self._bulk():
            return True
        if self.delim is not None:
            return self._read_string()
        return self._read_line()

    def _bulk(self):
        """Without -L, -I or an EOF string in sight, lines do not matter:
        take every complete item in the buffer at once, up to the line
        before the first character that needs the state machine."""
        src = self.src
        if src.pos >= len(src.buf) and not src.fill():
            return False
        buf, pos = src.buf, src.pos
        maxlen = self.maxlen()
        if self.delim is not None:
            cut = buf.rfind(self.delim, pos)
            if cut < 0:
                return False
            items = buf[pos:cut].split(self.delim)
            if max(map(len, items)) > maxlen:
                return False
            src.pos = cut + 1
            self.lineno += len(items)
            self.push_many(items)
            return True
        if self._nbuf is not buf:
            self._nbuf = buf
            self._next = [pos - 1] * len(_SPECIAL)
        nxt = self._next
        end = len(buf)
        for k, ch in enumerate(_SPECIAL):
            at = nxt[k]
            if at < pos:
                at = buf.find(ch, pos)
                if at < 0:
                    at = len(buf)
                nxt[k] = at
            if at < end:
                end = at
        cut = buf.rfind(b"\n", pos, end)
        if cut < 0:
            return False
        words = buf[pos:cut + 1].split()
        if words and ((self.eof_str is not None and self.eof_str in words)
                      or max(map(len, words)) > maxlen):
            self.push_many = None  # line by line from here
            return False
        src.pos = cut + 1
        if words:
            self.push_many(words)
        return True

    # -- -0 / -d
    def _read_string(self):
        src = self.src
        delim = self.delim
        maxlen = self.maxlen()
        pieces = []
        size = 0
        while True:
            buf, pos = src.buf, src.pos
            i = buf.find(delim, pos)
            if i < 0:
                piece = buf[pos:]
                if size + len(piece) > maxlen:
                    raise _InputError("argument line too long")
                if piece:
                    pieces.append(piece)
                    size += len(piece)
                src.pos = len(buf)
                if src.fill():
                    continue
                self.eof = True
                if not pieces:
                    return None
                item = b"".join(pieces)
                if not self.replace:
                    self.push(item)
                return item
            if size + i - pos > maxlen:
                raise _InputError("argument line too long")
            src.pos = i + 1
            item = b"".join(pieces) + buf[pos:i] if pieces else buf[pos:i]
            self.lineno += 1
            if not self.replace:
                self.push(item)
            return item

    # -- the default format
    def _read_line(self):
        first = True
        seen = False
        maxlen = self.maxlen()
        while True:
            r = self._fast(maxlen)
            if r[0] == "more":
                first = False
                seen = True
                continue
            if r[0] == "slow":
                r = self._slow(first, seen, maxlen)
                if r[0] == "more":
                    first, seen = r[1], r[2]
                    continue
            return r[1]

    def _plain(self, seg, maxlen):
        """The words of seg when _fast may take it: no character that needs
        the state machine, no EOF string, no word too long; else None."""
        if len(seg.translate(None, _SPECIAL)) != len(seg):
            return None
        if self.replace:
            line = seg.lstrip(b" \t")
            if len(line) > maxlen or (self.eof_str is not None and line == self.eof_str):
                return None
            return line
        words = seg.split()
        if words and ((self.eof_str is not None and self.eof_str in words)
                      or max(map(len, words)) > maxlen):
            return None
        return words

    def _fast(self, maxlen):
        """Take whole lines of plain characters at once, in the blank state.
        Returns ("done", value) when read_line is over, ("more",) after
        pushing words when it goes on (a trailing blank continues a line),
        ("slow",) to let _slow() take the next characters."""
        src = self.src
        while True:
            buf, pos = src.buf, src.pos
            nl = buf.find(b"\n", pos)
            if nl < 0 and not src.done:
                if len(buf) - pos > CHUNK:
                    # A very long line: take the words up to its last blank.
                    if self.replace:
                        return ("slow",)
                    seg = buf[pos:]
                    cut = max(seg.rfind(b" "), seg.rfind(b"\t")) + 1
                    words = self._plain(seg[:cut], maxlen) if cut else None
                    if words is None:
                        return ("slow",)
                    src.pos = pos + cut
                    for w in words:
                        self.push(w)
                    if words:
                        return ("more",)
                    continue
                src.fill()
                continue
            if nl < 0:
                seg = buf[pos:]
                end = len(buf)
                if not seg:
                    self.eof = True
                    return ("done", None)
            else:
                seg = buf[pos:nl]
                end = nl + 1
            words = self._plain(seg, maxlen)
            if words is None:
                return ("slow",)
            src.pos = end
            if self.replace:
                line = words
                if not line:
                    if nl < 0:
                        self.eof = True
                        return ("done", None)
                    continue
                if nl < 0:
                    self.eof = True
                elif line[-1] not in _BLANKS:
                    self.lineno += 1
                return ("done", line)
            if not words:
                if nl < 0:
                    self.eof = True
                    return ("done", None)
                continue
            push = self.push
            for w in words:
                push(w)
            if seg[-1] in _BLANKS:  # the newline is read in the blank state
                if nl < 0:
                    self.eof = True
                    return ("done", None)
                return ("more",)
            if nl < 0:
                self.eof = True
            else:
                self.lineno += 1
            return ("done", words[-1])

    def _slow(self, first, seen, maxlen):
        """GNU's read_line state machine, one character at a time, from the
        current position.  Returns ("done", value), or ("more", first, seen)
        after a newline read in the blank state (_fast goes on from there)."""
        src = self.src
        buf, pos = src.buf, src.pos
        n = len(buf)
        eof_str = self.eof_str
        replace = self.replace
        st = _SPACE
        c = -1
        quotc = 0
        p = bytearray()
        while True:
            prevc = c
            if pos >= n:
                src.pos = pos
                if src.fill():
                    buf, pos = src.buf, src.pos
                    n = len(buf)
                    c = buf[pos]
                    pos += 1
                else:
                    c = -1
            else:
                c = buf[pos]
                pos += 1
            if c < 0:
                src.pos = pos
                self.eof = True
                if not p:
                    return ("done", None)
                if st == _QUOTE:
                    raise _InputError(_unmatched(quotc))
                item = bytes(p)
                if first and eof_str is not None and item.partition(b"\0")[0] == eof_str:
                    return ("done", None)
                if not replace:
                    self.push(item)
                return ("done", item)
            if st == _SPACE:
                if c in _WHITE:
                    if c == 10:
                        src.pos = pos
                        return ("more", first, seen)
                    continue
                st = _NORM
            if st == _NORM:
                if c == 10:
                    if prevc not in _BLANKS:
                        self.lineno += 1
                    if not p and not seen:
                        st = _SPACE
                        continue
                    src.pos = pos
                    item = bytes(p)
                    if eof_str is not None and item.partition(b"\0")[0] == eof_str:
                        self.eof = True
                        return ("done", None if first else item)
                    if not replace:
                        self.push(item)
                    return ("done", item)
                seen = True
                if not replace and (c == 32 or c == 9):
                    src.pos = pos
                    item = bytes(p)
                    if eof_str is not None and item.partition(b"\0")[0] == eof_str:
                        self.eof = True
                        return ("done", None if first else item)
                    self.push(item)
                    p = bytearray()
                    st = _SPACE
                    first = False
                    continue
                if c == 92:
                    st = _BACKSLASH
                    continue
                if c == 39 or c == 34:
                    st = _QUOTE
                    quotc = c
                    continue
            elif st == _QUOTE:
                if c == 10:
                    src.pos = pos
                    raise _InputError(_unmatched(quotc))
                if c == quotc:
                    st = _NORM
                    seen = True
                    continue
            else:  # _BACKSLASH
                st = _NORM
            if c == 0 and not self.nul_warned:  # the argument ends here as a C string
                self.nul_warned = True
                write_stderr("xargs: %s\n" % _NUL_WARNING)
            if len(p) >= maxlen:
                src.pos = pos
                raise _InputError("argument line too long")
            p.append(c)


def _unmatched(quotc):
    return ("unmatched %s quote; by default quotes are special to xargs unless you use "
            "the -0 option" % ("double" if quotc == 34 else "single"))


# -- the run -------------------------------------------------------------------

def _environ_size(env):
    return sum(len(k) + len(v) + 2 for k, v in env.items())


class Xargs:
    """One run of xargs: the options, the command being built (GNU's
    buildcmd state) and the running children."""

    def __init__(self):
        import sys
        osmod = sys.modules.get("os")  # its environ is current if loaded
        self.env = dict(osmod.environb if osmod is not None else posix.environ)
        self.env_size = _environ_size(self.env)
        try:
            sc_arg_max = posix.sysconf("SC_ARG_MAX")
        except (OSError, ValueError):
            sc_arg_max = -1
        if sc_arg_max <= 0:
            sc_arg_max = 131072  # ARG_MAX
        self.env_too_big = self.env_size + HEADROOM >= sc_arg_max
        self.posix_max = sc_arg_max - self.env_size - HEADROOM
        self.max_arg_count = max(self.posix_max // 8 - 2, 1)
        self.arg_max = min(max(DEFAULT_ARG_SIZE, POSIX_ARG_MIN), max(self.posix_max, 1))
        # options
        self.delim = None
        self.eof_str = None
        self.replace = None
        self.args_per_exec = 0
        self.lines_per_exec = 0
        self.exit_if = False
        self.open_tty = False
        self.query = False
        self.verbose = False
        self.always_run = True
        self.proc_max = 1
        self.catch_usr = False
        self.input_file = "-"
        self.slot_var = None
        self.show_limits = False
        # the command being built
        self.argv = []
        self.chars = 0
        self.initial_argc = 0
        self.initial_chars = 0
        self.initial_args = True
        self.largest_ok = 0
        self.smallest_fail = 0
        # children
        self.pids = {}  # pid -> slot
        self.procs_executed = False
        self.child_error = 0
        self.cmd_name = "echo"
        self.tty = None
        self.devnull = None
        self.keep_stdin = False
        self.relays = {}  # read fd -> [destination fd, pending bytes]
        self.poller = None
        self.wake = None
        self.saved_signals = []
        self.source = None
        self.combined = False
        self.test_limits = False  # not read yet

    # -- options
    def parse(self, argv):
        from multicall.scan import ARG, DASHDASH, Scanner
        sc = Scanner(SPEC, argv, order=_LONG_ORDER)
        rest = []
        while True:
            ev = sc.next()
            if ev is None:
                break
            if ev.kind == DASHDASH:
                rest = sc.args[sc.i:]
                break
            if ev.kind == ARG:
                rest = [ev.value] + sc.args[sc.i:]
                break
            self.option(ev.opt.shorts[0] if ev.opt.shorts else ev.opt.longs[0], ev.value)
        return rest

    def _mutex(self, option, offending):
        write_stderr("xargs: warning: options %s and %s are mutually exclusive, "
                     "ignoring previous %s value\n" % (offending, option, offending))

    def option(self, key, val):
        if key == "0":
            self.delim = b"\0"
        elif key == "d":
            self.delim = parse_delimiter(val)
        elif key in ("E", "e"):
            self.eof_str = val.encode("utf-8", "surrogateescape") if val else None
        elif key in ("I", "i"):
            self.replace = (val if val is not None else "{}").encode("utf-8", "surrogateescape")
            if self.args_per_exec:
                self._mutex("--replace/-I/-i", "--max-args")
                self.args_per_exec = 0
            if self.lines_per_exec:
                self._mutex("--replace/-I/-i", "--max-lines")
                self.lines_per_exec = 0
        elif key in ("L", "l"):
            self.lines_per_exec = parse_num(val, key, 1, None, True) if val is not None else 1
            name = "-L" if key == "L" else "--max-lines/-l"
            if self.args_per_exec:
                self._mutex(name, "--max-args")
                self.args_per_exec = 0
            if self.replace is not None:
                self._mutex(name, "--replace")
                self.replace = None
        elif key == "n":
            self.args_per_exec = parse_num(val, "n", 1, None, True)
            if self.lines_per_exec:
                self._mutex("--max-args/-n", "--max-lines")
                self.lines_per_exec = 0
            if self.replace is not None:
                if self.args_per_exec == 1:
                    self.args_per_exec = 0  # -i -n1 is -i
                else:
                    self._mutex("--max-args/-n", "--replace")
                    self.replace = None
        elif key == "s":
            self.check_env()
            self.arg_max = parse_num(val, "s", 1, self.posix_max, False)
        elif key == "show-limits":
            self.show_limits = True
        elif key == "t":
            self.verbose = True
        elif key == "x":
            self.exit_if = True
        elif key == "o":
            self.open_tty = True
        elif key == "p":
            self.query = True
            self.verbose = True
        elif key == "r":
            self.always_run = False
        elif key == "P":
            self.proc_max = parse_num(val, "P", 0, MAX_PROC_MAX, True)
            self.catch_usr = True
        elif key == "a":
            self.input_file = val
        elif key == "process-slot-var":
            if "=" in val:
                _die("option --process-slot-var may not be set to a value which includes `='")
            if not val:
                _die("failed to unset environment variable %s: Invalid argument" % val)
            self.slot_var = val.encode("utf-8", "surrogateescape")
            self.env.pop(self.slot_var, None)
        elif key == "version":
            from multicall import VERSION
            from multicall.stdio import stdout
            stdout().write(("xargs (pybox) %s\n" % VERSION).encode())
            raise Exit(0)
        elif key == "help":
            from multicall.stdio import stdout
            stdout().write(SPEC.help_text("xargs").encode("utf-8", "surrogateescape"))
            raise Exit(0)

    def check_env(self):
        if self.env_too_big:
            _die("environment is too large for exec")

    # -- building the command (GNU's buildcmd)
    def push(self, arg, initial=False):
        size = len(arg) + 1
        if self.chars + size > self.arg_max:
            if initial or len(self.argv) == self.initial_argc:
                _die("cannot fit single argument within argument list size limit")
            if self.replace is not None or (self.exit_if and (self.lines_per_exec or self.args_per_exec)):
                _die("argument list too long")
            self.do_exec()
        if self.limit_reached(initial):
            self.do_exec()
        self.argv.append(arg)
        self.chars += size
        if self.limit_reached(initial):
            self.do_exec()
        if initial:
            self.initial_chars = self.chars

    def push_input(self, arg):
        self.push(arg, False)

    def push_many(self, words):
        """push() each of words, with the size accounting done on cumulative
        sums (bisect) rather than word by word."""
        from bisect import bisect_right
        from itertools import accumulate
        from operator import add
        n = len(words)
        cum = list(map(add, accumulate(map(len, words), initial=0), range(n + 1)))
        argv = self.argv
        i = 0
        while i < n:
            j = bisect_right(cum, cum[i] + self.arg_max - self.chars, i, n + 1) - 1
            lim = self.max_arg_count - len(argv)
            if self.args_per_exec:
                lim = min(lim, self.args_per_exec - (len(argv) - self.initial_argc))
            if j - i > lim:
                j = i + lim
            if j <= i:
                self.push(words[i])
                i += 1
                continue
            argv.extend(words[i:j])
            self.chars += cum[j] - cum[i]
            i = j
            if self.limit_reached(False):
                self.do_exec()

    def limit_reached(self, initial):
        if not initial and self.args_per_exec and len(self.argv) - self.initial_argc == self.args_per_exec:
            return True
        return len(self.argv) == self.max_arg_count

    def clear(self):
        del self.argv[self.initial_argc:]
        self.chars = self.initial_chars

    def insert(self, arg, line):
        """GNU's bc_do_insert: arg with each replace string replaced by line."""
        rp = self.replace
        left = self.arg_max - 1
        out = []
        rest = arg
        while True:
            i = rest.find(rp)
            seg = i if i >= 0 else len(rest)
            if left <= seg:
                break
            left -= seg
            out.append(rest[:seg])
            rest = rest[seg:]
            if i >= 0:
                if left <= len(line) or (not line and not rp):
                    break
                left -= len(line)
                out.append(line)
                rest = rest[len(rp):]
            if not rest:
                break
        if rest:
            _die("command too long")
        self.push(b"".join(out), self.initial_args)

    def do_exec(self):
        """GNU's bc_do_exec: run the command, with fewer arguments at a time
        if exec says they are too big (E2BIG)."""
        argv = self.argv
        init = self.initial_argc
        extra = len(argv) - init
        done = 0
        limit = len(argv) + 1
        while True:
            take = min(extra + 1 - done, limit - init)
            real = min(take, extra - done)
            cmd = argv[:init] + argv[init + done:init + done + real]
            if self.launch(cmd):
                limit = self.update_limit(True, limit)
                done += take
            else:
                if limit <= init + 1:
                    _die("can't call exec() due to argument size restrictions")
                limit = self.update_limit(False, limit)
            if done + 1 >= extra + 1:
                break
        self.clear()

    def update_limit(self, ok, limit):
        if ok:
            self.largest_ok = max(self.largest_ok, limit)
        elif self.smallest_fail == 0 or limit < self.smallest_fail:
            self.smallest_fail = limit
        if self.largest_ok == 0 or self.smallest_fail <= self.largest_ok:
            limit = limit + 1 if ok else limit // 2
        else:
            shift = (self.smallest_fail - self.largest_ok) // 2
            if ok:
                limit += shift or 1
            else:
                limit -= shift or 1
        if self.initial_argc and limit <= self.initial_argc + 1:
            limit = self.initial_argc + 1
        return limit or 1

    def exec_if_possible(self):
        if self.replace is not None or self.initial_args or len(self.argv) == self.initial_argc or self.exit_if:
            return
        self.do_exec()

    # -- running a command
    def print_args(self, argv, ask):
        text = " ".join(shell_quote(a) for a in argv).encode("utf-8", "surrogateescape")
        try:
            _write_all(2, text if ask else text + b"\n")
        except OSError as e:
            _die("Failed to write to standard error: %s" % e.strerror)
        if not ask:
            return False
        if self.tty is None:
            try:
                self.tty = posix.open("/dev/tty", posix.O_RDONLY | posix.O_CLOEXEC)
            except OSError as e:
                _die("failed to open /dev/tty for reading: %s" % e.strerror)
        try:
            _write_all(2, b"?...")
        except OSError as e:
            _die("Failed to write to standard error: %s" % e.strerror)
        answer = b""
        while True:
            try:
                c = posix.read(self.tty, 1)
            except InterruptedError:
                continue
            except OSError as e:
                _die("Failed to read from standard input: %s" % e.strerror)
            if not c:
                _die("Failed to read from standard input")
            if c == b"\n":
                break
            if not answer:
                answer = c
        return answer in (b"y", b"Y")

    def launch(self, argv):
        """GNU's xargs_do_exec; False when exec said E2BIG."""
        from multicall import process
        argv = [a.partition(b"\0")[0] for a in argv]  # C strings end at a NUL
        if self.proc_max:
            while len(self.pids) >= self.proc_max:
                self.block()
        # -t and -p show the whole command being built, as GNU does (it
        # differs from argv only when exec said E2BIG and fewer are tried)
        shown = [a.partition(b"\0")[0] for a in self.argv]
        if self.query:
            if not self.print_args(shown, True):
                return True
        elif self.verbose:
            self.print_args(shown, False)
        self.reap()
        if self.test_limits is False:
            self.read_test_limits()  # where GNU reads them: at the first exec
        if self.test_limits is not None and self.exceeds_test_limits(argv):
            return False
        slot = 0
        while slot in self.pids.values():
            slot += 1
        env = None
        if self.slot_var is not None:
            env = dict(self.env)
            env[self.slot_var] = b"%d" % slot
        stdin = None
        close_stdin = False
        if self.open_tty:
            try:
                stdin = posix.open("/dev/tty", posix.O_RDONLY | posix.O_CLOEXEC)
            except OSError as e:
                _die("%s: %s" % (quote("/dev/tty"), e.strerror))
            close_stdin = True
        elif not self.keep_stdin:
            stdin = self.devnull
        out = err = None
        pipes = []
        if self.poller is not None and self.proc_max != 1 and not self.open_tty:
            r, w = posix.pipe()
            pipes.append((r, w, 1))
            out = err = w
            if not self.combined:
                r2, w2 = posix.pipe()
                pipes.append((r2, w2, 2))
                err = w2
        try:
            pid = process.spawn(argv, env=env, stdin=stdin, stdout=out, stderr=err)
        except OSError as e:
            for r, w, _ in pipes:
                posix.close(r)
                posix.close(w)
            if e.errno == 7:  # E2BIG: try fewer arguments
                return False
            write_stderr("xargs: %s: %s\n" % (argv[0].decode("utf-8", "surrogateescape"),
                                              e.strerror or e))
            self.fatal(EXIT_NOT_FOUND if e.errno == 2 else EXIT_CANNOT_RUN)
        finally:
            if close_stdin:
                posix.close(stdin)
        for r, w, dest in pipes:
            posix.close(w)
            self.relays[r] = [dest, bytearray()]
            self.poller.register(r, 1 | 8 | 16)  # POLLIN | POLLERR | POLLHUP
        self.pids[pid] = slot
        self.procs_executed = True
        return True

    def read_test_limits(self):
        """GNU's testing hooks: __GNU_FINDUTILS_EXEC_ARG_COUNT_LIMIT and
        __GNU_FINDUTILS_EXEC_ARG_LENGTH_LIMIT make exec fail with E2BIG
        past that many arguments or bytes (to test the retry logic)."""
        from multicall.numbers import OK, xstrtoumax
        limits = []
        for name in (b"__GNU_FINDUTILS_EXEC_ARG_COUNT_LIMIT", b"__GNU_FINDUTILS_EXEC_ARG_LENGTH_LIMIT"):
            val = self.env.get(name)
            if val is None:
                limits.append(None)
                continue
            n, err, _ = xstrtoumax(val.decode("utf-8", "surrogateescape"), 10, "")
            if err != OK:
                _die("Environment variable %s is not set to a valid decimal number" % name.decode())
            limits.append(n)
        self.test_limits = limits if limits != [None, None] else None

    def exceeds_test_limits(self, argv):
        count, length = self.test_limits
        return ((count is not None and len(argv) > count)
                or (length is not None and sum(map(len, argv)) > length))

    # -- children
    def done_child(self, pid, status):
        if self.pids.pop(pid, None) is None:
            return  # not one of ours
        if posix.WIFEXITED(status) and posix.WEXITSTATUS(status) == 255:
            write_stderr("xargs: %s: exited with status 255; aborting\n" % self.cmd_name)
            self.fatal(EXIT_255)
        if posix.WIFSTOPPED(status):
            write_stderr("xargs: %s: stopped by signal %d\n" % (self.cmd_name, posix.WSTOPSIG(status)))
            self.fatal(EXIT_SIGNAL)
        if posix.WIFSIGNALED(status):
            write_stderr("xargs: %s: terminated by signal %d\n" % (self.cmd_name, posix.WTERMSIG(status)))
            self.fatal(EXIT_SIGNAL)
        if posix.WIFEXITED(status) and posix.WEXITSTATUS(status) != 0:
            self.child_error = EXIT_NONZERO

    def fatal(self, code):
        """GNU exits here; finish() then does what its atexit handlers do."""
        raise _Quit(code)

    def _waitpid(self, flags):
        while True:
            try:
                return posix.waitpid(-1, flags)
            except InterruptedError:
                continue
            except ChildProcessError as e:
                self.pids.clear()  # GNU: lost track of them
                if not flags:
                    _die("error waiting for child process: %s" % e.strerror)
                return 0, 0

    def reap(self):
        """Collect every child that has already exited."""
        while self.pids:
            pid, status = self._waitpid(posix.WNOHANG)
            if pid == 0:
                return
            self.done_child(pid, status)

    def block(self):
        """Wait for something: a child's exit (or, with -P, a signal or
        output to relay)."""
        if self.poller is None:
            pid, status = self._waitpid(0)
            if pid:
                self.done_child(pid, status)
            return
        self.reap()
        if not self.pids:
            return
        self.pump()
        self.reap()

    def pump(self, want=None):
        """One poll over the wakeup pipe and the relays (and `want`);
        True when want is readable."""
        ready = False
        for fd, ev in self.poller.poll():
            if fd == self.wake:
                try:
                    while posix.read(self.wake, 512):
                        pass
                except OSError:
                    pass
            elif fd == want:
                ready = True
            elif fd in self.relays:
                self.relay(fd)
        return ready

    def before_read(self, fd):
        """With relays open, keep relaying until the input can be read."""
        if not self.relays:
            return
        self.poller.register(fd, 1 | 8 | 16)
        try:
            while self.relays and not self.pump(fd):
                self.reap()
        finally:
            self.poller.unregister(fd)

    def relay(self, fd):
        dest, pending = self.relays[fd]
        try:
            data = posix.read(fd, 65536)
        except BlockingIOError:
            return False
        except OSError:
            data = b""
        if not data:
            self.close_relay(fd)
            return False
        pending += data
        cut = pending.rfind(b"\n") + 1
        if len(pending) > RELAY_MAX:
            cut = len(pending)
        if cut:
            _relay_write(dest, pending[:cut])
            del pending[:cut]
        return True

    def close_relay(self, fd):
        dest, pending = self.relays.pop(fd)
        if pending:
            _relay_write(dest, bytes(pending))
        self.poller.unregister(fd)
        posix.close(fd)

    def wait_all(self):
        while self.pids:
            self.block()
        for fd in list(self.relays):  # what the commands left in the pipes
            posix.set_blocking(fd, False)
            while fd in self.relays and self.relay(fd):
                pass
            if fd in self.relays:
                self.close_relay(fd)

    def start_parallel(self):
        """-P: signal handlers (SIGUSR1/SIGUSR2 change the limit, SIGCHLD
        wakes the poll) and the poll set."""
        import _signal
        import select
        r, w = posix.pipe()
        posix.set_blocking(r, False)
        posix.set_blocking(w, False)
        self.wake = r
        self.wake_w = w
        self.poller = select.poll()
        self.poller.register(r, 1)

        def more(signum, frame):
            if self.proc_max < MAX_PROC_MAX:
                self.proc_max += 1

        def fewer(signum, frame):
            if self.proc_max > 1:
                self.proc_max -= 1

        for sig, handler in ((_signal.SIGUSR1, more), (_signal.SIGUSR2, fewer),
                             (_signal.SIGCHLD, lambda s, f: None)):
            self.saved_signals.append((sig, _signal.signal(sig, handler)))
        self.saved_wakeup = _signal.set_wakeup_fd(w)
        try:
            st1, st2 = posix.fstat(1), posix.fstat(2)
            self.combined = (st1.st_dev, st1.st_ino) == (st2.st_dev, st2.st_ino)
        except OSError:
            self.combined = False

    def stop_parallel(self):
        import _signal
        for sig, old in reversed(self.saved_signals):
            _signal.signal(sig, old)
        self.saved_signals = []
        if self.wake is not None:
            _signal.set_wakeup_fd(self.saved_wakeup)
            posix.close(self.wake)
            posix.close(self.wake_w)
            self.wake = None

    # -- the whole run
    def run(self, argv):
        cmd = self.parse(argv)
        if self.eof_str is not None and self.delim is not None:
            write_stderr("xargs: warning: the -E option has no effect if -0 or -d is used.\n\n")
        self.check_env()
        if self.catch_usr:
            self.start_parallel()
        if self.input_file == "-":
            fd = 0
        else:
            self.keep_stdin = True
            try:
                fd = posix.open(self.input_file, posix.O_RDONLY | posix.O_CLOEXEC)
            except OSError as e:
                _die("Cannot open input file %s: %s" % (quote(self.input_file), e.strerror))
        if self.replace is not None or self.lines_per_exec:
            self.exit_if = True
        if not cmd:
            cmd = ["echo"]
        self.cmd_name = cmd[0]
        if self.show_limits:
            self.print_limits(cmd[0])
        if not self.keep_stdin and not self.open_tty:
            try:
                self.devnull = posix.open("/dev/null", posix.O_RDONLY | posix.O_CLOEXEC)
            except OSError as e:
                write_stderr("xargs: %s: %s\n" % (quote("/dev/null"), e.strerror))
        self.source = Source(fd, fd == 0, self.before_read if self.poller is not None else None)
        bcmd = [a.encode("utf-8", "surrogateescape") for a in cmd]
        reader = Reader(self.source, self.push_input, self.delim, self.eof_str, self.replace,
                        lambda: self.arg_max - self.initial_chars - 1,
                        self.push_many if self.replace is None and not self.lines_per_exec else None)
        try:
            if self.replace is None:
                for a in bcmd:
                    self.push(a, True)
                self.initial_args = False
                self.initial_argc = len(self.argv)
                self.initial_chars = self.chars
                while reader.read() is not None:
                    if self.lines_per_exec and reader.lineno >= self.lines_per_exec:
                        self.do_exec()
                        reader.lineno = 0
                if len(self.argv) != self.initial_argc or (self.always_run and not self.procs_executed):
                    self.do_exec()
            else:
                while True:
                    line = reader.read()
                    if line is None:
                        break
                    self.clear()
                    self.chars = 0
                    self.push(bcmd[0], self.initial_args)
                    self.initial_args = False
                    for a in bcmd[1:]:
                        self.insert(a, line)
                    self.do_exec()
        except _InputError as e:
            self.exec_if_possible()
            _die(str(e))
        return self.child_error

    def print_limits(self, command):
        size = _environ_size(self.env)
        text = ("Your environment variables take up %d bytes\n"
                "POSIX upper limit on argument length (this system): %d\n"
                "POSIX smallest allowable upper limit on argument length (all systems): %d\n"
                "Maximum length of command we could actually use: %d\n"
                "Size of command buffer we are actually using: %d\n"
                "Maximum parallelism (--max-procs must be no greater): %d\n"
                % (size, self.posix_max, POSIX_ARG_MIN, self.posix_max - size, self.arg_max, MAX_PROC_MAX))
        if posix.isatty(0):
            text += ("\nExecution of xargs will continue now, and it will try to read its input "
                     "and run commands; if this is not what you wanted to happen, please type "
                     "the end-of-file keystroke.\n")
            if self.always_run:
                text += ("Warning: %s will be run at least once.  If you do not want that to "
                         "happen, then press the interrupt keystroke.\n" % command)
        write_stderr(text)

    def finish(self, code, normal):
        """What GNU's atexit handlers do: wait for the children (a status
        change there wins, as its _exit does), then close_stdin (a read
        error on standard input is reported)."""
        before = self.child_error if normal else 0
        try:
            self.wait_all()
        except _Quit as q:  # exit() again inside the handler
            code = q.code
        else:
            if self.child_error != before:
                return self.child_error
        if self.source is not None and self.source.error:
            write_stderr("xargs: error closing file\n")
            return 1
        return code

    def cleanup(self):
        src = self.source
        if src is not None and src.fd == 0 and src.unread_count():
            try:  # leave a seekable stdin just after what xargs used, as GNU does
                posix.lseek(0, -src.unread_count(), 1)
            except OSError:
                pass
        elif src is not None and src.fd != 0:
            posix.close(src.fd)
        for fd in (self.tty, self.devnull):
            if fd is not None:
                posix.close(fd)
        for fd in list(self.relays):
            self.close_relay(fd)
        self.stop_parallel()


def _write_all(fd, data):
    while data:
        n = posix.write(fd, data)
        data = data[n:]


def _relay_write(fd, data):
    try:
        _write_all(fd, data)
    except BrokenPipeError:
        raise
    except OSError:
        pass  # the command would have met the same error; its output is lost


def main(argv):
    x = Xargs()
    try:
        try:
            status = x.run(argv)
            normal = True
        except _Quit as q:
            status, normal = q.code, False
        return x.finish(status, normal)
    finally:
        x.cleanup()
