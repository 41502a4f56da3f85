"""The shell's lexer: bytes in, tokens out, words already cut into parts.

A word is kept as a list of parts so that expansion knows what was quoted:

    ("lit", b"abc")          unquoted text (globbing applies, tilde at start)
    ("sq", b"abc")           quoted text: '...', \\x, $'...'
    ("dq", [parts])          "...": the parts inside
    ("param", name, op, arg) $x, ${x}, ${x:-word}...; arg is parts or a pair
    ("cmd", node)            $(...) and `...`, parsed already
    ("arith", [parts])       $((...)): its text, expanded then evaluated

Command substitutions are parsed while lexing, by a parser over this same
lexer (so here-documents inside them work); the parser is passed in as a
callback to keep the two modules apart.  Here-document bodies are read at
the newline that ends the line their operator is on, in order.
"""

OPERATORS = (b"&&", b"||", b";;", b";&", b"<<-", b"<<", b">>", b">|", b"<>",
             b"<&", b">&", b"&", b"|", b";", b"<", b">", b"(", b")")
_OP_START = frozenset(b"&|;<>()")
_META = frozenset(b" \t\n&|;<>()")
_NAME_START = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_NAME = _NAME_START | frozenset(b"0123456789")
_DIGITS = frozenset(b"0123456789")
_SPECIAL = frozenset(b"@*#?-$!")


_DQ_STOPS = frozenset(b"\\$`")
_QUOTE = frozenset(b'"')
_QUOTES = frozenset(b"'\"")


def _next_stop(s, i, n, stops, found):
    """The index of the first byte of stops in s at or after i (n when
    none).  found maps each byte to (from, at): its first position at or
    after `from` (-1: none), so a scan over the whole text, and the
    nested scans of ${...} words in it, stay linear however the stops
    are spread (a byte that never occurs is searched for once)."""
    best = n
    for c in stops:
        f = found.get(c)
        if f is None or f[0] > i or (f[1] < i and f[1] != -1):
            f = found[c] = (i, s.find(c, i))
        p = f[1]
        if p != -1 and p < best:
            best = p
    return best


class ShellSyntaxError(Exception):
    def __init__(self, msg, line):
        Exception.__init__(self, msg)
        self.msg = msg
        self.line = line


class Word:
    """A word token: its parts, its source text and its line."""
    __slots__ = ("parts", "raw", "line", "fast", "plan")

    def __init__(self, parts, raw, line):
        self.parts = parts
        self.raw = raw
        self.line = line
        self.fast = None  # expand's cache: the text of a plain word, or False
        self.plan = None  # expand.assignment's cache: how to compute the value

    def literal(self):
        """The text when the word is one unquoted literal, else None."""
        p = self.parts
        if len(p) == 1 and p[0][0] == "lit":
            return p[0][1]
        return None

    def __repr__(self):
        return "Word(%r)" % self.raw


class Token:
    __slots__ = ("kind", "value", "line")

    def __init__(self, kind, value, line):
        self.kind = kind  # "word", "op", "nl", "eof", "io"
        self.value = value
        self.line = line

    def __repr__(self):
        return "Token(%s, %r)" % (self.kind, self.value)


class HereDoc:
    """Filled in by the lexer when the body is read."""
    __slots__ = ("delim", "strip", "quoted", "body")

    def __init__(self, delim, strip, quoted):
        self.delim = delim
        self.strip = strip
        self.quoted = quoted
        self.body = None  # parts


def _ansi_c(s, i):
    """Decode $'...' starting after the quote; (bytes, index after ')."""
    out = bytearray()
    n = len(s)
    simple = {ord("a"): 7, ord("b"): 8, ord("e"): 27, ord("E"): 27, ord("f"): 12, ord("n"): 10,
              ord("r"): 13, ord("t"): 9, ord("v"): 11, ord("\\"): 92, ord("'"): 39,
              ord('"'): 34, ord("?"): 63}
    while i < n:
        c = s[i]
        if c == 39:
            return bytes(out), i + 1
        if c == 92 and i + 1 < n:
            d = s[i + 1]
            i += 2
            if d in simple:
                out.append(simple[d])
            elif 48 <= d <= 55:
                j = i - 1
                v = 0
                while j < n and j < i + 2 and 48 <= s[j] <= 55:
                    v = v * 8 + s[j] - 48
                    j += 1
                out.append(v & 255)
                i = j
            elif d == ord("x"):
                j = i
                v = 0
                while j < n and j < i + 2 and chr(s[j]) in "0123456789abcdefABCDEF":
                    v = v * 16 + int(chr(s[j]), 16)
                    j += 1
                if j == i:
                    out += b"\\x"
                else:
                    out.append(v)
                i = j
            elif d == ord("c") and i < n:
                out.append(s[i] & 31)
                i += 1
            else:
                out += bytes((92, d))
            continue
        out.append(c)
        i += 1
    raise ShellSyntaxError("Unterminated quoted string", None)


class Lexer:
    def __init__(self, src, parse_sub, line=1, aliases=None):
        self.src = src
        self.pos = 0
        self.line = line
        self.parse_sub = parse_sub  # parse_sub(lexer) -> node, consumes ")"
        self.pending = []  # here-documents waiting for their bodies
        self.aliases = aliases
        self.last_start = 0  # where the last word token began
        self.alias_active = []  # [name, end]: aliases being expanded
        self.alias_blank = False  # the last alias ended in a blank

    def error(self, msg):
        raise ShellSyntaxError(msg, self.line)

    # -- tokens -------------------------------------------------------------
    def next(self):
        s = self.src
        n = len(s)
        while True:
            i = self.pos
            while i < n and (s[i] == 32 or s[i] == 9):
                i += 1
            if i + 1 < n and s[i] == 92 and s[i + 1] == 10:
                self.pos = i + 2
                self.line += 1
                continue
            if i < n and s[i] == 35:  # comment
                j = s.find(b"\n", i)
                i = n if j < 0 else j
            self.pos = i
            break
        if i >= n:
            if self.pending:
                self.read_heredocs()
            return Token("eof", None, self.line)
        c = s[i]
        if c == 10:
            line = self.line
            self.pos = i + 1
            self.line += 1
            if self.pending:
                self.read_heredocs()
            return Token("nl", b"\n", line)
        if c in _OP_START:
            if s[i + 1:i + 2] == b"\\" and s[i + 2:i + 3] == b"\n":
                return self.split_operator(i)
            for op in OPERATORS:
                if s.startswith(op, i):
                    if len(op) == 2 and s[i + 2:i + 4] == b"\\\n":
                        return self.split_operator(i)
                    self.pos = i + len(op)
                    return Token("op", op, self.line)
        line = self.line
        start = self.last_start = i
        parts = self.word(b"")
        raw = s[start:self.pos]
        if parts and len(parts) == 1 and parts[0][0] == "lit" and self.pos < n and s[self.pos] in b"<>":
            digits = raw.replace(b"\\\n", b"") if b"\\" in raw else raw
            if digits.isdigit():
                return Token("io", int(digits), line)
        return Token("word", Word(parts, raw, line), line)

    def split_operator(self, i):
        """An operator with line continuations inside it (&\\<newline>&)."""
        s = self.src
        n = len(s)
        line = self.line
        buf = bytearray()
        ends = []
        j = i
        nl = 0
        while j < n and len(buf) < 3:
            if s[j] == 92 and j + 1 < n and s[j + 1] == 10:
                j += 2
                nl += 1
                continue
            buf.append(s[j])
            j += 1
            ends.append((j, nl))
        buf = bytes(buf)
        for op in OPERATORS:
            if buf.startswith(op):
                self.pos, nl = ends[len(op) - 1]
                self.line += nl
                return Token("op", op, line)
        self.pos = i + 1
        return Token("op", s[i:i + 1], line)

    def expand_alias(self, word):
        """Replace the word just read by its alias; False when it is not an
        alias here (or is being expanded already)."""
        name = word.literal()
        if not self.aliases or name is None or name not in self.aliases:
            return False
        start, end = self.last_start, self.pos
        self.alias_active = [a for a in self.alias_active if a[1] > start]
        if any(a[0] == name for a in self.alias_active):
            return False
        value = self.aliases[name]
        self.src = self.src[:start] + value + self.src[end:]
        delta = len(value) - (end - start)
        for a in self.alias_active:
            if a[1] >= end:
                a[1] += delta
        self.alias_active.append([name, start + len(value)])
        self.pos = start
        self.alias_blank = value[-1:] in (b" ", b"\t")
        return True

    # -- words --------------------------------------------------------------
    def word(self, stop):
        """Parts of an unquoted word, up to a metacharacter or a byte of stop
        (stop is used for ${...} words, which end at an unquoted })."""
        s = self.src
        n = len(s)
        parts = []
        lit = bytearray()
        i = self.pos
        in_brace = bool(stop)
        while i < n:
            c = s[i]
            if stop and c in stop:
                break
            if not in_brace and c in _META:
                break
            if c == 92:  # backslash
                if i + 1 >= n:
                    lit.append(92)
                    i += 1
                    continue
                d = s[i + 1]
                if d == 10:
                    self.line += 1
                    i += 2
                    continue
                if lit:
                    parts.append(("lit", bytes(lit)))
                    lit = bytearray()
                parts.append(("sq", bytes((d,))))
                i += 2
                continue
            if c == 39:  # '
                j = s.find(b"'", i + 1)
                if j < 0:
                    self.error("Unterminated quoted string")
                if lit:
                    parts.append(("lit", bytes(lit)))
                    lit = bytearray()
                body = s[i + 1:j]
                self.line += body.count(b"\n")
                parts.append(("sq", body))
                i = j + 1
                continue
            if c == 34:  # "
                if lit:
                    parts.append(("lit", bytes(lit)))
                    lit = bytearray()
                self.pos = i + 1
                parts.append(("dq", self.dquoted(b'"')))
                i = self.pos
                continue
            if c == 36 or c == 96:  # $ `
                self.pos = i
                p = self.dollar(False) if c == 36 else self.backquote()
                if p is not None:
                    if lit:
                        parts.append(("lit", bytes(lit)))
                        lit = bytearray()
                    parts.append(p)
                    i = self.pos
                    continue
                lit.append(c)
                i += 1
                continue
            if c == 10:
                self.line += 1
            lit.append(c)
            i += 1
        if lit:
            parts.append(("lit", bytes(lit)))
        self.pos = i
        return parts

    def dquoted(self, end, heredoc=False, brace=None, sq=False):
        """Parts inside double quotes (or a here-document body when end is
        None), from self.pos; consumes the closing quote.  With brace (the
        bytes that end a ${...} word), stop before one of them, and let a
        double quote open a nested quoted part."""
        s = self.src
        n = len(s)
        parts = []
        lit = bytearray()
        i = self.pos
        stops = _DQ_STOPS if end is None else _DQ_STOPS | frozenset(end[:1])
        if brace is not None:
            stops = stops | frozenset(brace) | (_QUOTES if sq else _QUOTE)
        found = self.__dict__.get("_found")
        if found is None or found[0] is not s:
            found = self._found = (s, {})  # shared by nested ${...} scans
        found = found[1]
        while True:
            if i >= n:
                if end is None:
                    break
                self.error("Unterminated quoted string")
            c = s[i]
            if end is not None and c == end[0] and s.startswith(end, i):
                i += len(end)
                break
            if brace is not None:
                if c in brace:
                    break
                if c == 34:
                    if lit:
                        parts.append(("lit", bytes(lit)))
                        lit = bytearray()
                    self.pos = i + 1
                    parts.append(("dq", self.dquoted(b'"')))
                    i = self.pos
                    continue
                if c == 39 and sq:
                    j = s.find(b"'", i + 1)
                    if j < 0:
                        self.error("Unterminated quoted string")
                    if lit:
                        parts.append(("lit", bytes(lit)))
                        lit = bytearray()
                    parts.append(("sq", s[i + 1:j]))
                    self.line += s.count(b"\n", i, j)
                    i = j + 1
                    continue
            if c == 92 and i + 1 < n:
                d = s[i + 1]
                if d == 10:
                    self.line += 1
                    i += 2
                    continue
                if d in b"$`\\" or (d == 34 and not heredoc) or (brace is not None and d == 125):
                    lit.append(d)
                    i += 2
                    continue
                if sq and d == 39:  # "${v%\'}": an escaped quote in a pattern
                    if lit:
                        parts.append(("lit", bytes(lit)))
                        lit = bytearray()
                    parts.append(("sq", b"'"))
                    i += 2
                    continue
                lit.append(92)
                i += 1
                continue
            if c == 36 or c == 96:
                self.pos = i
                if sq and s[i + 1:i + 2] == b"'":  # $'...' in a pattern (ash, bash)
                    body, j = _ansi_c(s, i + 2)
                    if lit:
                        parts.append(("lit", bytes(lit)))
                        lit = bytearray()
                    parts.append(("sq", body))
                    self.line += s.count(b"\n", i, j)
                    i = j
                    continue
                p = self.dollar(True) if c == 36 else self.backquote(end == b'"' or heredoc)
                if p is not None:
                    if lit:
                        parts.append(("lit", bytes(lit)))
                        lit = bytearray()
                    parts.append(p)
                    i = self.pos
                    continue
            # a run of plain bytes is copied whole (a 10 MB here-document)
            j = _next_stop(s, i + 1, n, stops, found)
            run = s[i:j]
            self.line += run.count(b"\n")
            lit += run
            i = j
        if lit:
            parts.append(("lit", bytes(lit)))
        self.pos = i
        return parts

    def dollar(self, quoted):
        """A $-expansion at self.pos, or None when the $ is literal."""
        s = self.src
        n = len(s)
        i = self.pos + 1
        if i >= n:
            return None
        c = s[i]
        if c == 40:  # (
            if i + 1 < n and s[i + 1] == 40:
                p = self.arith(i + 2)
                if p is not None:
                    return p
            self.pos = i + 1
            # here-documents started before $( have their bodies after the
            # line the substitution ends on, not inside it
            outer, self.pending = self.pending, []
            try:
                node = self.parse_sub(self)
            finally:
                self.pending = outer + self.pending
            return ("cmd", node)
        if c == 123:  # {
            return self.braced(i + 1, quoted)
        if c == 39 and not quoted:
            body, j = _ansi_c(s, i + 1)
            self.line += s[i:j].count(b"\n")
            self.pos = j
            return ("sq", body)
        if c in _SPECIAL or c in _DIGITS:
            self.pos = i + 1
            return ("param", s[i:i + 1], None, None)
        if c in _NAME_START:
            j = i + 1
            while j < n and s[j] in _NAME:
                j += 1
            self.pos = j
            return ("param", s[i:j], None, None)
        return None

    def arith(self, i):
        """$(( ... )) from after the parentheses; None if it is not one."""
        s = self.src
        n = len(s)
        depth = 0
        j = i
        while j < n:
            c = s[j]
            if c == 40:
                depth += 1
            elif c == 41:
                if depth == 0:
                    if j + 1 < n and s[j + 1] == 41:
                        break
                    return None  # $( (...) ... ): a command substitution
                depth -= 1
            elif c == 39 or c == 34 or c == 96:
                pass
            j += 1
        else:
            self.error("Missing '))'")
        sub = Lexer(s[i:j], self.parse_sub, self.line, self.aliases)
        parts = sub.dquoted(None, heredoc=True)
        self.line = sub.line
        self.pos = j + 2
        return ("arith", parts)

    def braced(self, i, quoted):
        s = self.src
        n = len(s)
        if i >= n:
            self.error("Missing '}'")
        length = False
        if s[i] == 35 and i + 1 < n and s[i + 1] not in b"}:=-?+%#" or \
                (s[i] == 35 and i + 2 < n and s[i + 1] in b"#-?" and s[i + 2] == 125):
            length = True
            i += 1
        c = s[i] if i < n else 0
        if c in _NAME_START:
            j = i + 1
            while j < n and s[j] in _NAME:
                j += 1
        elif c in _DIGITS:
            j = i + 1
            while j < n and s[j] in _DIGITS:
                j += 1
        elif c in _SPECIAL:
            j = i + 1
        else:
            self.error("Bad substitution")
        name = s[i:j]
        if j >= n:
            self.error("Missing '}'")
        if length:
            if s[j] != 125:
                self.error("Bad substitution")
            self.pos = j + 1
            return ("param", name, "#len", None)
        c = s[j]
        if c == 125:
            self.pos = j + 1
            return ("param", name, None, None)
        op = None
        for cand in (b":-", b":=", b":?", b":+", b"%%", b"##", b"//", b"/#", b"/%",
                     b"-", b"=", b"?", b"+", b"%", b"#", b"/", b":"):
            if s.startswith(cand, j):
                op = cand.decode()
                break
        if op is None:
            self.error("Bad substitution")
        self.pos = j + len(op)
        if op[0] == "/":
            pat = self.param_word(quoted, b"/}", True)
            rep = []
            if self.src[self.pos:self.pos + 1] == b"/":
                self.pos += 1
                rep = self.param_word(quoted, b"}")
            self.pos += 1
            return ("param", name, op, (pat, rep))
        arg = self.param_word(quoted, b"}", op[0] in "#%")
        self.pos += 1
        return ("param", name, op, arg)

    def param_word(self, quoted, stop, pattern=False):
        if self.pos >= len(self.src):
            self.error("Missing '}'")
        if quoted:
            # inside "...": quotes other than " are plain characters, except
            # in the pattern of # ## % %% (POSIX 2.6.2: "${v#'}'}" strips })
            parts = self.dquoted(None, brace=stop, sq=pattern)
            if self.pos >= len(self.src):
                self.error("Missing '}'")
            return parts
        parts = self.word(stop)
        if self.pos >= len(self.src):
            self.error("Missing '}'")
        return parts

    def backquote(self, in_dq=False):
        s = self.src
        n = len(s)
        i = self.pos + 1
        body = bytearray()
        while True:
            if i >= n:
                self.error("EOF in backquote substitution")
            c = s[i]
            if c == 96:
                break
            if c == 92 and i + 1 < n and (s[i + 1] in b"$`\\" or (in_dq and s[i + 1] == 34)):
                body.append(s[i + 1])
                i += 2
                continue
            body.append(c)
            i += 1
        line = self.line
        self.line += s[self.pos:i].count(b"\n")
        self.pos = i + 1
        sub = Lexer(bytes(body), self.parse_sub, line, self.aliases)
        node = self.parse_sub(sub, True)
        return ("cmd", node)

    # -- here-documents -----------------------------------------------------
    def read_heredocs(self):
        docs, self.pending = self.pending, []
        s = self.src
        n = len(s)
        for doc in docs:
            lines = []
            i = self.pos
            while True:
                if i >= n:
                    break  # dash: end of file ends the body quietly
                j = s.find(b"\n", i)
                end = n if j < 0 else j
                line = s[i:end]
                nxt = end + 1
                self.line += 1
                if doc.strip:
                    line = line.lstrip(b"\t")
                if line == doc.delim:
                    i = nxt
                    break
                lines.append(line + b"\n" if j >= 0 else line)
                i = nxt
            self.pos = min(i, n)
            text = b"".join(lines)
            if doc.quoted:
                doc.body = [("sq", text)]
            else:
                sub = Lexer(text, self.parse_sub, self.line, self.aliases)
                doc.body = sub.dquoted(None, heredoc=True)
