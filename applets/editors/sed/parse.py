"""sed's script parser: -e/-f text into a flat list of commands.

It follows GNU sed 4.9's reader character by character (the same
lookahead and push-back), so that every error carries GNU's message and
GNU's position: `-e expression #N, char M: ...` counts the characters read
in that expression, `file F line L: ...` the lines of a script file.  The
program is one vector of commands, as in GNU: `{` is a command that jumps
past its `}` when its address does not match, `}` and `:label` are no-ops,
b/t/T name a command index once the labels are resolved.

State that spans several -e/-f pieces (an open `{`, a/i/c text whose line
ended with a backslash) lives in the Parser, so `sed -e 'i\\' -e text`
and `-e '/x/{' -e p -e '}'` work as in GNU.
"""

EOF = -1

# address kinds (GNU's ADDR_IS_*)
A_NULL, A_REGEX, A_NUM, A_NUM_MOD, A_STEP, A_STEP_MOD, A_LAST = range(7)

# normalize_text buffer types
TEXT_BUFFER, TEXT_REPLACEMENT, TEXT_REGEX = range(3)

# replacement case types (GNU's REPL_*)
REPL_ASIS, REPL_UPPERCASE, REPL_LOWERCASE = 0, 1, 2
REPL_UPPERCASE_FIRST, REPL_LOWERCASE_FIRST = 4, 8
REPL_MODIFIERS = REPL_UPPERCASE_FIRST | REPL_LOWERCASE_FIRST

PACKAGE_VERSION = "4.9"

E_BAD_BANG = "multiple `!'s"
E_BAD_COMMA = "unexpected `,'"
E_BAD_STEP = "invalid usage of +N or ~N as first address"
E_EXCESS_OPEN_BRACE = "unmatched `{'"
E_EXCESS_CLOSE_BRACE = "unexpected `}'"
E_EXCESS_JUNK = "extra characters after command"
E_EXPECTED_SLASH = "expected \\ after `a', `c' or `i'"
E_NO_CLOSE_BRACE_ADDR = "`}' doesn't want any addresses"
E_NO_COLON_ADDR = ": doesn't want any addresses"
E_NO_SHARP_ADDR = "comments don't accept any addresses"
E_NO_COMMAND = "missing command"
E_ONE_ADDR = "command only uses one address"
E_UNTERM_ADDR_RE = "unterminated address regex"
E_UNTERM_S_CMD = "unterminated `s' command"
E_UNTERM_Y_CMD = "unterminated `y' command"
E_UNKNOWN_S_OPT = "unknown option to `s'"
E_EXCESS_P_OPT = "multiple `p' options to `s' command"
E_EXCESS_G_OPT = "multiple `g' options to `s' command"
E_EXCESS_N_OPT = "multiple number options to `s' command"
E_ZERO_N_OPT = "number option to `s' command may not be zero"
E_Y_CMD_LEN = "strings for `y' command are different lengths"
E_ANCIENT_VERSION = "expected newer version of sed"
E_INVALID_LINE_0 = "invalid usage of line address 0"
E_UNKNOWN_CMD = "unknown command: `%s'"
E_INCOMPLETE_CMD = "incomplete command"
E_COLON_LACKS_LABEL = "\":\" lacks a label"
E_RECURSIVE_ESCAPE_C = "recursive escaping after \\c not allowed"
E_DISALLOWED_CMD = "e/r/w commands disabled in sandbox mode"
E_MISSING_FILENAME = "missing filename in r/R/w/W commands"
E_NO_REGEX = "no previous regular expression"
E_REGEX_FLAGS = "cannot specify modifiers on empty regexp"

_BLANK = (32, 9)
_SPACE = (32, 9, 10, 11, 12, 13)


class SedError(Exception):
    """A fatal sed error: `sed: MESSAGE`, exit `status` (1 usage, 4 panic)."""

    def __init__(self, message, status=1):
        Exception.__init__(self, message)
        self.message = message
        self.status = status


class Addr:
    __slots__ = ("kind", "num", "step", "rx", "source", "flags", "ere")

    def __init__(self, kind, num=0, step=0):
        self.kind = kind
        self.num = num
        self.step = step
        self.rx = None  # a multicall.regex.Regex, or None for // (the last regex)
        self.source = b""
        self.flags = ""  # "I", "M" as written (for --debug)
        self.ere = False


class Subst:
    """The parts of an s command."""
    __slots__ = ("rx", "source", "repl", "max_id", "glob", "numb", "print_", "eval", "outf", "flags",
                 "repl_src", "icase", "mline", "wname", "ere")

    def __init__(self):
        self.rx = None
        self.glob = False
        self.numb = 0
        self.print_ = 0  # 1: p before e, 2: p after e
        self.eval = False
        self.outf = None  # name of the w file
        self.wname = None
        self.flags = []  # the flags as written, for --debug
        self.icase = self.mline = False


class Cmd:
    """One command of the program vector."""
    __slots__ = ("ch", "a1", "a2", "bang", "text", "label", "fname", "int_arg", "subst", "ytab", "ymap",
                 "jump", "append", "index", "range0")

    def __init__(self):
        self.ch = ""
        self.a1 = self.a2 = None
        self.bang = False
        self.text = None
        self.label = None
        self.fname = None
        self.int_arg = -1
        self.subst = None
        self.ytab = None  # bytes.translate table (single-byte locales)
        self.ymap = None  # {char bytes: char bytes} (UTF-8 locale)
        self.jump = None
        self.append = True  # r: False for 0r (insert before the first line)
        self.index = 0


class Source:
    """One -e expression or -f file: GNU's inchar/savchar and positions."""

    def __init__(self, data, name=None, expr_no=0):
        self.data = data
        self.n = len(data)
        self.pos = 0
        self.name = name  # file name, or None for -e
        self.expr_no = expr_no
        self.line = 1 if name is not None else 0

    def inchar(self):
        if self.pos < self.n:
            c = self.data[self.pos]
            self.pos += 1
            if c == 10:
                self.line += 1
            return c
        return EOF

    def savchar(self, c):
        if c == EOF:
            return
        if c == 10 and self.line > 0:
            self.line -= 1
        self.pos -= 1

    def where(self):
        if self.name is not None:
            return "file %s line %d: " % (self.name, self.line)
        return "-e expression #%d, char %d: " % (self.expr_no, self.pos)


class Program:
    """The compiled program: the command vector and what the run needs."""

    def __init__(self):
        self.cmds = []
        self.no_default_output = False  # set by #n
        self.wfiles = []  # w file names in order of first use
        self.rfiles = []  # R file names
        self.has_empty_regex = False


class Parser:
    """GNU's compile_program over successive Sources."""

    def __init__(self, extended=False, posix=False, sandbox=False, utf8=False, debug=False, zero=False):
        self.extended = extended
        self.posix = posix  # --posix (POSIXLY_BASIC)
        self.posix_correct = False  # POSIXLY_CORRECT in the environment (bracket rule)
        self.sandbox = sandbox
        self.utf8 = utf8
        self.debug = debug
        self.prog = Program()
        self.blocks = []  # (cmd index, where-string)
        self.labels = {}
        self.jumps = []
        self.pending = None  # bytearray of a/i/c text continued in the next piece
        self.pending_cmd = None
        self.first_script = True
        self.src = None
        self.expr_count = 0

    # -- entry points --------------------------------------------------------
    def add_string(self, data):
        self.expr_count += 1
        self.src = Source(data, None, self.expr_count)
        self._compile()
        self.first_script = False

    def add_file(self, data, name):
        self.src = Source(data, name)
        self._compile()
        self.first_script = False

    def finish(self):
        """check_final_program: open blocks, pending text, labels."""
        if self.blocks:
            raise SedError(self.blocks[-1][1] + E_EXCESS_OPEN_BRACE)
        if self.pending is not None:
            cmd = self.pending_cmd
            cmd.text = bytes(self.pending) if self.pending else None
            self.pending = None
        cmds = self.prog.cmds
        for idx, name in self.jumps:
            if name in self.labels:
                cmds[idx].jump = self.labels[name]
            elif name:
                raise SedError("can't find label for jump to `%s'" % name.decode("utf-8", "surrogateescape"), 4)
            else:
                cmds[idx].jump = len(cmds)
        for i, c in enumerate(cmds):
            c.index = i
        return self.prog

    # -- errors and reading ----------------------------------------------------
    def bad(self, msg):
        raise SedError(self.src.where() + msg)

    def inchar(self):
        return self.src.inchar()

    def savchar(self, c):
        self.src.savchar(c)

    def in_nonblank(self):
        inchar = self.src.inchar
        c = inchar()
        while c == 32 or c == 9:
            c = inchar()
        return c

    def read_end_of_cmd(self):
        c = self.in_nonblank()
        if c == 125 or c == 35:  # } #
            self.savchar(c)
        elif c != EOF and c != 10 and c != 59:
            self.bad(E_EXCESS_JUNK)

    def in_integer(self, c):
        num = 0
        while 48 <= c <= 57:
            num = num * 10 + c - 48
            c = self.inchar()
        self.savchar(c)
        return num

    def read_label(self):
        b = bytearray()
        c = self.in_nonblank()
        while c != EOF and c != 10 and c not in _BLANK and c != 59 and c != 125 and c != 35:
            b.append(c)
            c = self.inchar()
        self.savchar(c)
        return bytes(b)

    def read_filename(self):
        if self.sandbox:
            self.bad(E_DISALLOWED_CMD)
        b = bytearray()
        c = self.in_nonblank()
        while c != EOF and c != 10:
            b.append(c)
            c = self.inchar()
        return bytes(b)

    def get_openfile(self, kind):
        name = self.read_filename()
        if not name:
            self.bad(E_MISSING_FILENAME)
        lst = self.prog.wfiles if kind == "w" else self.prog.rfiles
        if name not in lst:
            lst.append(name)
        return name

    def snarf_char_class(self, b):
        inchar = self.inchar
        c = inchar()
        if c == 94:  # ^
            b.append(c)
            c = inchar()
        if c == 93:  # ]
            b.append(c)
            c = inchar()
        state = 0
        delim = 0
        while True:
            if c == EOF or c == 10:
                return c
            skip_reset = False
            if c in (46, 58, 61):  # . : =
                if state == 1:
                    delim = c
                    state = 2
                    skip_reset = True
                elif state == 2 and c == delim:
                    state = 3
                    skip_reset = True
            elif c == 91:  # [
                if state == 0:
                    state = 1
                skip_reset = True
            elif c == 93:  # ]
                if state == 0 or state == 1:
                    return c
                if state == 3:
                    state = 0
            if not skip_reset:
                state &= ~1
            b.append(c)
            c = inchar()

    def match_slash(self, slash, regex):
        """The text up to the next unescaped `slash`, or None."""
        b = bytearray()
        inchar = self.inchar
        c = inchar()
        while c != EOF and c != 10:
            if c == slash:
                return b
            if c == 92:  # backslash
                c = inchar()
                if c == EOF:
                    break
                if c != 10 and (c != slash or (not regex and c == 38)):
                    b.append(92)
            elif c == 91 and regex:  # [
                b.append(c)
                c = self.snarf_char_class(b)
                if c != 93:
                    break
            b.append(c)
            c = inchar()
        if c == 10:
            self.savchar(c)
        return None

    # -- escapes (GNU's normalize_text) --------------------------------------
    def normalize(self, buf, buftype):
        out = bytearray()
        i, n = 0, len(buf)
        bracket = 0
        track = buftype == TEXT_REGEX and (self.posix or self.posix_correct)
        while i < n:
            c = buf[i]
            if c == 92 and i + 1 < n and bracket == 0:
                i += 1
                d = buf[i]
                simple = _SIMPLE_ESC.get(d)
                if simple is not None:
                    out.append(simple)
                    i += 1
                    continue
                if d in (100, 120, 111):  # d x o
                    base = 10 if d == 100 else 16 if d == 120 else 8
                    j = i + 1
                    v = 0
                    mx = 1
                    while j < n and mx <= 255:
                        dv = _DIGITS.get(buf[j], -1)
                        if dv < 0 or dv >= base:
                            break
                        v = v * base + dv
                        j += 1
                        mx *= base
                    ch = d if j == i + 1 else v & 0xFF
                    if buftype == TEXT_REPLACEMENT and ch in (38, 92):
                        out.append(92)
                    out.append(ch)
                    i = j
                    continue
                if d == 99:  # c
                    i += 1
                    if i < n:
                        x = buf[i]
                        if 97 <= x <= 122:
                            x -= 32
                        out.append(x ^ 0x40)
                        if buf[i] == 92:
                            i += 1
                            if i >= n or buf[i] != 92:
                                self.bad(E_RECURSIVE_ESCAPE_C)
                        i += 1
                        continue
                    if buftype != TEXT_BUFFER:
                        out.append(92)
                    continue
                if buftype != TEXT_BUFFER:
                    out.append(92)
                c = d  # copied below
            elif track:
                if c == 91:  # [
                    if not bracket:
                        bracket = -1
                elif c in (58, 46, 61):
                    if bracket == -1 and i > 0 and buf[i - 1] == 91:
                        bracket = c
                elif c == 93:
                    if bracket == -1:
                        bracket = 0
                    elif bracket and i >= 2 and buf[i - 2] != bracket and buf[i - 1] == bracket:
                        bracket = -1
            out.append(c)
            i += 1
        return bytes(out)

    # -- regexes -------------------------------------------------------------
    def compile_regex(self, b, icase, mline, needed=0):
        """compile_regex: None for the empty regex (the last one used)."""
        if not b:
            if icase or mline:
                self.bad(E_REGEX_FLAGS)
            self.prog.has_empty_regex = True
            return None
        pat = self.normalize(bytes(b), TEXT_REGEX)
        from multicall import regex as _regex
        try:
            rx = _regex.compile(pat, "extended" if self.extended else "basic", icase=icase,
                                multiline=mline, utf8=self.utf8)
        except _regex.RegexError as e:
            if e.message == _regex.E_COLON:
                raise SedError(e.message, 4) from None
            self.bad(e.message)
        if needed - 1 > rx.groups and not self.posix:
            self.bad("invalid reference \\%d on `s' command's RHS" % (needed - 1))
        return rx

    # -- addresses -----------------------------------------------------------
    def compile_address(self, c):
        if c == 47 or c == 92:  # / or backslash
            if c == 92:
                c = self.inchar()
            b = self.match_slash(c, True)
            if b is None:
                self.bad(E_UNTERM_ADDR_RE)
            icase = mline = False
            flags = ""
            while True:
                c = self.in_nonblank()
                if self.posix:
                    break
                if c == 73:  # I
                    icase = True
                    flags += "I"
                elif c == 77:  # M
                    mline = True
                    flags += "M"
                else:
                    break
            self.savchar(c)
            a = Addr(A_REGEX)
            a.source = bytes(b)
            a.flags = flags
            a.ere = self.extended
            a.rx = self.compile_regex(b, icase, mline)
            return a
        if 48 <= c <= 57:
            a = Addr(A_NUM, self.in_integer(c))
            c = self.in_nonblank()
            if c != 126 or self.posix:  # ~
                self.savchar(c)
            else:
                step = self.in_integer(self.in_nonblank())
                if step > 0:
                    a.step = step
                    a.kind = A_NUM_MOD
            return a
        if (c == 43 or c == 126) and not self.posix:  # + ~
            step = self.in_integer(self.in_nonblank())
            if step == 0:
                return Addr(A_NULL)
            return Addr(A_STEP if c == 43 else A_STEP_MOD, 0, step)
        if c == 36:  # $
            return Addr(A_LAST)
        return None

    # -- text of a/i/c/e -----------------------------------------------------
    def read_text(self, cmd, leadin):
        if cmd is not None:
            self.pending = bytearray()
            self.pending_cmd = cmd
            cmd.text = None
        if leadin == EOF:
            return
        pend = self.pending
        if leadin != 10:
            pend.append(leadin)
        inchar = self.inchar
        c = inchar()
        while c != EOF and c != 10:
            if c == 92:
                c = inchar()
                if c != EOF:
                    pend.append(92)
            if c == EOF:
                pend.append(10)
                return  # continued in the next -e
            pend.append(c)
            c = inchar()
        pend.append(10)
        cmd = self.pending_cmd
        cmd.text = self.normalize(bytes(pend), TEXT_BUFFER)
        self.pending = None

    # -- the main loop ---------------------------------------------------------
    def _compile(self):
        if self.pending is not None:
            self.read_text(None, 10)
        inchar = self.inchar
        cmds = self.prog.cmds
        while True:
            c = inchar()
            while c == 59 or c in _SPACE:
                c = inchar()
            if c == EOF:
                break
            cmd = Cmd()
            a = self.compile_address(c)
            if a is not None:
                if a.kind in (A_STEP, A_STEP_MOD):
                    self.bad(E_BAD_STEP)
                cmd.a1 = a
                c = self.in_nonblank()
                if c == 44:  # ,
                    a2 = self.compile_address(self.in_nonblank())
                    if a2 is None:
                        self.bad(E_BAD_COMMA)
                    cmd.a2 = a2
                    c = self.in_nonblank()
                if (cmd.a1.kind == A_NUM and cmd.a1.num == 0
                        and ((cmd.a2 is None and c != 114) or (cmd.a2 is not None and cmd.a2.kind != A_REGEX)
                             or self.posix)):
                    self.bad(E_INVALID_LINE_0)
            if c == 33:  # !
                cmd.bang = True
                c = self.in_nonblank()
                if c == 33:
                    self.bad(E_BAD_BANG)
            ch = chr(c) if c >= 0 else ""
            if self.posix:
                if ch in "eFvzLQTRW" and ch:
                    self.bad(E_UNKNOWN_CMD % ch)
                if ch in "ail=r" and ch and cmd.a2 is not None:
                    self.bad(E_ONE_ADDR)
            cmd.ch = ch
            if ch == "#":
                if cmd.a1 is not None:
                    self.bad(E_NO_SHARP_ADDR)
                c = inchar()
                if c == 110 and self.first_script and self.src.pos == 2 and self.src.line < 2:
                    self.prog.no_default_output = True
                while c != EOF and c != 10:
                    c = inchar()
                continue
            if ch == "v":
                version = self.read_label() or b"4.0"
                if _verscmp(version, PACKAGE_VERSION.encode()) > 0:
                    self.bad(E_ANCIENT_VERSION)
                self.posix = False
                continue
            if ch == "{":
                src = self.src
                where = ("file %s line %d: " % (src.name, src.line) if src.name is not None
                         else "-e expression #%d, char 0: " % src.expr_no)
                self.blocks.append((len(cmds), where))
            elif ch == "}":
                if not self.blocks:
                    self.bad(E_EXCESS_CLOSE_BRACE)
                if cmd.a1 is not None:
                    self.bad(E_NO_CLOSE_BRACE_ADDR)
                self.read_end_of_cmd()
                cmds[self.blocks.pop()[0]].jump = len(cmds)
            elif ch in ("a", "i", "c", "e"):
                if ch == "e" and self.sandbox:
                    self.bad(E_DISALLOWED_CMD)
                c = self.in_nonblank()
                if ch == "e":
                    if c == EOF or c == 10:
                        cmd.text = b""
                        cmds.append(cmd)
                        continue
                if c == EOF:
                    self.bad(E_EXPECTED_SLASH)
                if c == 92:
                    c = inchar()
                else:
                    if self.posix:
                        self.bad(E_EXPECTED_SLASH)
                    self.savchar(c)
                    c = 10
                self.read_text(cmd, c)
            elif ch == ":":
                if cmd.a1 is not None:
                    self.bad(E_NO_COLON_ADDR)
                label = self.read_label()
                if not label:
                    self.bad(E_COLON_LACKS_LABEL)
                cmd.label = label
                self.labels[label] = len(cmds)
            elif ch in ("b", "t", "T"):
                cmd.label = self.read_label()
                self.jumps.append((len(cmds), cmd.label))
            elif ch in ("q", "Q", "l", "L"):
                if ch in "qQ" and cmd.a2 is not None:
                    self.bad(E_ONE_ADDR)
                c = self.in_nonblank()
                if 48 <= c <= 57 and not self.posix:
                    cmd.int_arg = self.in_integer(c)
                else:
                    cmd.int_arg = -1
                    self.savchar(c)
                self.read_end_of_cmd()
            elif ch in ("=", "d", "D", "F", "g", "G", "h", "H", "n", "N", "p", "P", "z", "x"):
                self.read_end_of_cmd()
            elif ch == "r":
                name = self.read_filename()
                if not name:
                    self.bad(E_MISSING_FILENAME)
                cmd.fname = name
                if cmd.a1 is not None and cmd.a1.kind == A_NUM and cmd.a1.num == 0 and cmd.a2 is None:
                    cmd.a1.num = 1
                    cmd.append = False
            elif ch == "R":
                cmd.fname = self.get_openfile("r")
            elif ch in ("w", "W"):
                cmd.fname = self.get_openfile("w")
            elif ch == "s":
                self.compile_s(cmd)
            elif ch == "y":
                self.compile_y(cmd)
            elif c == EOF:
                self.bad(E_NO_COMMAND)
            else:
                self.bad(E_UNKNOWN_CMD % _cmd_char(c))
            cmds.append(cmd)
        if self.posix and self.pending is not None:
            self.bad(E_INCOMPLETE_CMD)

    def compile_s(self, cmd):
        slash = self.inchar()
        b = self.match_slash(slash, True)
        if b is None:
            self.bad(E_UNTERM_S_CMD)
        b2 = self.match_slash(slash, False)
        if b2 is None:
            self.bad(E_UNTERM_S_CMD)
        sub = Subst()
        sub.source = bytes(b)
        sub.repl_src = bytes(b2)
        sub.repl, sub.max_id = self.setup_replacement(self.normalize(bytes(b2), TEXT_REPLACEMENT))
        icase = mline = False
        while True:
            c = self.in_nonblank()
            if c in (105, 73):  # i I
                if self.posix:
                    self.bad(E_UNKNOWN_S_OPT)
                icase = True
                sub.flags.append(chr(c))
            elif c in (109, 77):  # m M
                if self.posix:
                    self.bad(E_UNKNOWN_S_OPT)
                mline = True
                sub.flags.append(chr(c))
            elif c == 101:  # e
                if self.posix:
                    self.bad(E_UNKNOWN_S_OPT)
                sub.eval = True
                sub.flags.append("e")
            elif c == 112:  # p
                if sub.print_:
                    self.bad(E_EXCESS_P_OPT)
                sub.print_ |= 1 << sub.eval
                sub.flags.append("p")
            elif c == 103:  # g
                if sub.glob:
                    self.bad(E_EXCESS_G_OPT)
                sub.glob = True
                sub.flags.append("g")
            elif c == 119:  # w
                sub.wname = self.get_openfile("w")
                sub.flags.append("w")
                break
            elif 48 <= c <= 57:
                if sub.numb:
                    self.bad(E_EXCESS_N_OPT)
                sub.numb = self.in_integer(c)
                if not sub.numb:
                    self.bad(E_ZERO_N_OPT)
                sub.flags.append(str(sub.numb))
            elif c == 125 or c == 35:
                self.savchar(c)
                break
            elif c == EOF or c == 10 or c == 59:
                break
            elif c == 13 and self.inchar() == 10:
                break
            else:
                self.bad(E_UNKNOWN_S_OPT)
        sub.icase, sub.mline = icase, mline
        sub.ere = self.extended
        sub.rx = self.compile_regex(b, icase, mline, sub.max_id + 1)
        if sub.eval and self.sandbox:
            self.bad(E_DISALLOWED_CMD)
        cmd.subst = sub

    def setup_replacement(self, text):
        """The replacement as a list of (prefix bytes, group or -1, case type)."""
        parts = []
        max_id = 0
        repl_type = save_type = REPL_ASIS
        base = 0
        p = 0
        n = len(text)
        buf = bytearray(text)
        while p < n:
            c = buf[p]
            if c == 92:
                prefix = bytearray(buf[base:p])
                entry = [prefix, -1, repl_type]
                parts.append(entry)
                repl_type = save_type
                p += 1
                if p == n:
                    prefix.append(92)
                elif self.posix and not 48 <= buf[p] <= 57:
                    prefix.append(buf[p])
                else:
                    d = buf[p]
                    if 48 <= d <= 57:
                        entry[1] = d - 48
                        max_id = max(max_id, d - 48)
                    elif d == 76:  # L
                        repl_type = save_type = REPL_LOWERCASE
                    elif d == 85:  # U
                        repl_type = save_type = REPL_UPPERCASE
                    elif d == 69:  # E
                        repl_type = save_type = REPL_ASIS
                    elif d == 108:  # l
                        save_type = repl_type
                        repl_type |= REPL_LOWERCASE_FIRST
                    elif d == 117:  # u
                        save_type = repl_type
                        repl_type |= REPL_UPPERCASE_FIRST
                    else:
                        prefix.append(d)
                base = p + 1
            elif c == 38:  # &
                parts.append([bytearray(buf[base:p]), 0, repl_type])
                repl_type = save_type
                base = p + 1
            p += 1
        if base < n:
            parts.append([bytearray(buf[base:n]), -1, repl_type])
        return [(bytes(a), b, t) for a, b, t in parts], max_id

    def compile_y(self, cmd):
        slash = self.inchar()
        b = self.match_slash(slash, False)
        if b is None:
            self.bad(E_UNTERM_Y_CMD)
        src = self.normalize(bytes(b), TEXT_BUFFER)
        b2 = self.match_slash(slash, False)
        if b2 is None:
            self.bad(E_UNTERM_Y_CMD)
        dst = self.normalize(bytes(b2), TEXT_BUFFER)
        if self.utf8:
            sc = _mb_chars(src)
            dc = _mb_chars(dst)
            if len(sc) != len(dc):
                self.bad(E_Y_CMD_LEN)
            ymap = {}
            for s, d in zip(sc, dc):
                ymap.setdefault(s, d)
            if all(len(s) == 1 and len(d) == 1 for s, d in ymap.items()):
                cmd.ytab = _table(ymap)
            else:
                cmd.ymap = ymap
        else:
            if len(src) != len(dst):
                self.bad(E_Y_CMD_LEN)
            table = bytearray(range(256))
            for s, d in zip(src, dst):
                table[s] = d
            cmd.ytab = bytes(table)
        cmd.text = (src, dst)
        self.read_end_of_cmd()


_SIMPLE_ESC = {97: 7, 102: 12, 10: 10, 110: 10, 114: 13, 116: 9, 118: 11}
_DIGITS = {c: int(chr(c), 16) for c in b"0123456789abcdefABCDEF"}


def _table(ymap):
    table = bytearray(range(256))
    for s, d in ymap.items():
        table[s[0]] = d[0]
    return bytes(table)


def _mb_chars(data):
    """Split bytes into UTF-8 characters (an invalid byte is one character)."""
    out = []
    i, n = 0, len(data)
    while i < n:
        c = data[i]
        ln = 1
        if c >= 0xC2:
            ln = 2 if c < 0xE0 else 3 if c < 0xF0 else 4 if c < 0xF5 else 1
            if ln > 1:
                try:
                    data[i:i + ln].decode("utf-8")
                except UnicodeDecodeError:
                    ln = 1
        out.append(data[i:i + ln])
        i += ln
    return out


def _cmd_char(c):
    return chr(c) if c < 128 else chr(0xDC00 + c)  # the raw byte again when written


def _verscmp(a, b):
    """strverscmp for plain dotted versions: compare numeric runs as numbers."""
    import re
    ka = [int(x) if x.isdigit() else x for x in re.findall(rb"\d+|\D+", a)]
    kb = [int(x) if x.isdigit() else x for x in re.findall(rb"\d+|\D+", b)]
    try:
        return (ka > kb) - (ka < kb)
    except TypeError:
        return (a > b) - (a < b)
