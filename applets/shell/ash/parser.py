"""The shell's parser: the POSIX grammar by recursive descent over the
lexer's tokens, into the classes of applets.shell.ash.ast.

Parsing goes one complete command at a time (Parser.command()), so that a
script runs up to the line before a syntax error, as dash does.  Reserved
words are recognized here, where the grammar says a command may start.
"""
from applets.shell.ash import ast
from applets.shell.ash.lexer import HereDoc, Lexer, ShellSyntaxError

RESERVED = frozenset((b"if", b"then", b"else", b"elif", b"fi", b"do", b"done", b"case",
                      b"esac", b"while", b"until", b"for", b"{", b"}", b"!", b"in"))
_ENDERS = frozenset((b"then", b"else", b"elif", b"fi", b"do", b"done", b"esac", b"}"))
_REDIR_OPS = frozenset((b"<", b">", b">>", b">|", b"<>", b"<&", b">&", b"<<", b"<<-"))
_NAME_START = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_NAME = _NAME_START | frozenset(b"0123456789")


def is_name(b):
    return bool(b) and b[0] in _NAME_START and all(c in _NAME for c in b)


def _sub(lexer, backquoted=False):
    """Parse a command substitution's body; for $( consume the )."""
    p = Parser(lexer)
    body = p.clist(top_sub=not backquoted)
    if backquoted:
        t = p.peek()
        if t.kind != "eof":
            p.unexpected(t)
        return body
    t = p.take()
    if not (t.kind == "op" and t.value == b")"):
        p.unexpected(t, b")")
    return body


def parser_for(src, aliases=None, line=1):
    return Parser(Lexer(src, _sub, line, aliases))


def parse_all(src):
    """Every command of src as one CmdList (for eval and tests)."""
    p = parser_for(src)
    items = []
    while True:
        c = p.command()
        if c is None:
            return ast.CmdList(items)
        items.extend(c.items)


def _tokname(t):
    if t.kind == "eof":
        return "end of file"
    if t.kind == "nl":
        return "newline"
    if t.kind == "word":
        return '"%s"' % t.value.raw.decode("utf-8", "surrogateescape")
    if t.kind == "io":
        return '"%d"' % t.value
    return '"%s"' % t.value.decode()


class Parser:
    def __init__(self, lexer):
        self.lex = lexer
        self.tok = None

    # -- tokens -------------------------------------------------------------
    def peek(self):
        if self.tok is None:
            self.tok = self.lex.next()
        return self.tok

    def take(self):
        t = self.peek()
        self.tok = None
        return t

    def unexpected(self, t, expecting=None, always=False):
        if t.kind == "nl":
            t = type(t)(t.kind, t.value, t.line + 1)  # dash counts the newline read
        if expecting is not None and (t.kind == "eof" or always):
            raise ShellSyntaxError('%s unexpected (expecting "%s")' % (_tokname(t), expecting.decode()), t.line)
        raise ShellSyntaxError("%s unexpected" % _tokname(t), t.line)

    def reserved(self, t=None):
        t = t or self.peek()
        if t.kind == "word":
            lit = t.value.literal()
            if lit in RESERVED:
                return lit
        return None

    def expect_word(self, w):
        t = self.take()
        if self.reserved(t) != w:
            self.unexpected(t, w, True)

    def linebreak(self):
        while self.peek().kind == "nl":
            self.take()

    def is_op(self, *ops):
        t = self.peek()
        return t.kind == "op" and t.value in ops

    # -- lists --------------------------------------------------------------
    def command(self):
        """The next complete command (a CmdList up to a newline), or None at
        the end of the input."""
        self.linebreak()
        t = self.peek()
        if t.kind == "eof":
            return None
        items = []
        while True:
            ao = self.and_or()
            t = self.peek()
            if t.kind == "op" and t.value in (b";", b"&"):
                self.take()
                items.append((ao, t.value == b"&"))
                t = self.peek()
                if t.kind in ("nl", "eof"):
                    break
                continue
            items.append((ao, False))
            break
        t = self.take()
        if t.kind not in ("nl", "eof"):
            self.unexpected(t)
        return ast.CmdList(items)

    def clist(self, top_sub=False):
        """A compound list: and-or lists separated by ; & or newlines, up to
        a closing reserved word or ) (not consumed)."""
        items = []
        self.linebreak()
        while True:
            t = self.peek()
            if t.kind == "eof":
                break
            if t.kind == "op" and t.value in (b")", b";;", b";&"):
                break
            if self.reserved(t) in _ENDERS:
                break
            ao = self.and_or()
            t = self.peek()
            bg = False
            if t.kind == "op" and t.value in (b";", b"&"):
                self.take()
                bg = t.value == b"&"
            elif t.kind == "nl":
                pass
            else:
                items.append((ao, False))
                break
            items.append((ao, bg))
            self.linebreak()
        return ast.CmdList(items)

    def body_list(self, expecting):
        """A compound list that must not be empty."""
        body = self.clist()
        if not body.items:
            self.unexpected(self.peek(), expecting)
        return body

    def and_or(self):
        first = self.pipeline()
        rest = []
        while self.is_op(b"&&", b"||"):
            op = self.take().value
            self.linebreak()
            rest.append((op, self.pipeline()))
        return ast.AndOr(first, rest)

    def pipeline(self):
        negate = False
        line = self.peek().line
        while self.reserved() == b"!":
            self.take()
            negate = not negate
        cmds = [self.cmd()]
        while self.is_op(b"|"):
            self.take()
            self.linebreak()
            cmds.append(self.cmd())
        return ast.Pipeline(cmds, negate, line)

    # -- commands -----------------------------------------------------------
    def cmd(self):
        t = self.peek()
        while t.kind == "word" and self.lex.aliases and self.lex.expand_alias(t.value):
            self.tok = None
            t = self.peek()
        r = self.reserved(t)
        line = t.line
        if r is not None:
            node = None
            if r == b"if":
                node = self.if_(line)
            elif r == b"while" or r == b"until":
                self.take()
                cond = self.body_list(b"do")
                self.expect_word(b"do")
                body = self.body_list(b"done")
                self.expect_word(b"done")
                node = ast.Loop(cond, body, r == b"until", [], line)
            elif r == b"for":
                node = self.for_(line)
            elif r == b"case":
                node = self.case(line)
            elif r == b"{":
                self.take()
                body = self.body_list(b"}")
                self.expect_word(b"}")
                node = ast.Group(body, [], line)
            if node is None:
                self.unexpected(t)
            node.redirs = self.redirs_after()
            return node
        if t.kind == "word" and t.value.literal() == b"[[":
            self.take()
            items = []
            while True:
                t2 = self.take()
                if t2.kind == "word" and t2.value.literal() == b"]]":
                    break
                if t2.kind == "word":
                    items.append(t2.value)
                elif t2.kind == "op" and t2.value in (b"&&", b"||", b"(", b")", b"<", b">"):
                    items.append(t2.value)
                elif t2.kind == "nl":
                    continue
                else:
                    self.unexpected(t2, b"]]", True)
            node = ast.DBracket(items, [], line)
            node.redirs = self.redirs_after()
            return node
        if t.kind == "op" and t.value == b"(":
            self.take()
            body = self.body_list(b")")
            t2 = self.take()
            if not (t2.kind == "op" and t2.value == b")"):
                self.unexpected(t2, b")")
            node = ast.Subshell(body, [], line)
            node.redirs = self.redirs_after()
            return node
        return self.simple()

    def redirs_after(self):
        out = []
        while True:
            r = self.redirect()
            if r is None:
                return out
            out.append(r)

    def redirect(self):
        t = self.peek()
        fd = None
        if t.kind == "io":
            self.take()
            fd = t.value
            t = self.peek()
        if t.kind != "op" or t.value not in _REDIR_OPS:
            if fd is not None:
                self.unexpected(t)
            return None
        self.take()
        op = t.value
        w = self.take()
        if w.kind != "word":
            self.unexpected(w)
        if fd is None:
            fd = 0 if op[0] == 60 and op != b"<>" or op == b"<>" else 1
        if op in (b"<<", b"<<-"):
            word = w.value
            # the delimiter is the word's text after quote removal alone:
            # <<${a} ends at a line "${a}" (dash, ash)
            raw = word.raw.replace(b"\\\n", b"") if b"\\\n" in word.raw else word.raw
            quoted = any(c in b"'\"\\" for c in raw)
            delim = _delimiter(raw) if quoted else raw
            doc = HereDoc(delim, op == b"<<-", quoted)
            self.lex.pending.append(doc)
            return ast.Redir(fd, op, doc)
        return ast.Redir(fd, op, w.value)

    def simple(self):
        assigns = []
        words = []
        redirs = []
        line = self.peek().line
        while True:
            t = self.peek()
            if t.kind == "word":
                w = t.value
                if not words:
                    p0 = w.parts[0] if w.parts else None
                    if p0 is not None and p0[0] == "lit" and b"=" in p0[1]:
                        name = p0[1].partition(b"=")[0]
                        if is_name(name):
                            self.take()
                            rest = p0[1][len(name) + 1:]
                            parts = ([("lit", rest)] if rest else []) + w.parts[1:]
                            assigns.append((name, ast_word(parts, w)))
                            continue
                self.take()
                words.append(w)
                if len(words) == 1 and not assigns and not redirs and self.is_op(b"("):
                    return self.funcdef(w, line)
                if self.lex.alias_blank:
                    self.lex.alias_blank = False
                    t = self.peek()
                    while t.kind == "word" and self.lex.expand_alias(t.value):
                        self.tok = None
                        t = self.peek()
                continue
            r = self.redirect()
            if r is not None:
                redirs.append(r)
                continue
            break
        if not assigns and not words and not redirs:
            self.unexpected(self.take())
        return ast.Simple(assigns, words, redirs, line)

    def funcdef(self, w, line):
        name = w.literal()
        self.take()
        t = self.take()
        if not (t.kind == "op" and t.value == b")"):
            self.unexpected(t)
        if name is None or not is_name(name):
            raise ShellSyntaxError("Bad function name", line)
        self.linebreak()
        # POSIX's grammar wants a compound command; ash and dash also take
        # a simple one (f() echo hi), and BusyBox scripts use it
        body = self.cmd()
        return ast.FuncDef(name, body, line)

    def if_(self, line):
        self.take()
        arms = []
        cond = self.body_list(b"then")
        self.expect_word(b"then")
        body = self.body_list(b"fi")
        arms.append((cond, body))
        else_ = None
        while True:
            t = self.take()
            r = self.reserved(t)
            if r == b"elif":
                cond = self.body_list(b"then")
                self.expect_word(b"then")
                arms.append((cond, self.body_list(b"fi")))
                continue
            if r == b"else":
                else_ = self.body_list(b"fi")
                self.expect_word(b"fi")
                break
            if r == b"fi":
                break
            self.unexpected(t, b"fi", True)
        return ast.If(arms, else_, [], line)

    def for_(self, line):
        self.take()
        t = self.take()
        name = t.value.literal() if t.kind == "word" else None
        if name is None or not is_name(name):
            raise ShellSyntaxError("Bad for loop variable", t.line)
        words = None
        self.linebreak()
        if self.reserved() == b"in":
            self.take()
            words = []
            while self.peek().kind == "word":
                words.append(self.take().value)
            t = self.peek()
            if t.kind == "op" and t.value == b";" or t.kind == "nl":
                self.take()
            else:
                self.unexpected(t)
            self.linebreak()
        elif self.is_op(b";"):
            self.take()
            self.linebreak()
        self.expect_word(b"do")
        body = self.body_list(b"done")
        self.expect_word(b"done")
        return ast.For(name, words, body, [], line)

    def case(self, line):
        self.take()
        t = self.take()
        if t.kind != "word":
            self.unexpected(t)
        word = t.value
        self.linebreak()
        self.expect_word(b"in")
        items = []
        while True:
            self.linebreak()
            t = self.peek()
            if self.reserved(t) == b"esac":
                self.take()
                break
            if t.kind == "op" and t.value == b"(":
                self.take()
            pats = []
            while True:
                t = self.take()
                if t.kind != "word":
                    self.unexpected(t)
                pats.append(t.value)
                if self.is_op(b"|"):
                    self.take()
                    continue
                break
            t = self.take()
            if not (t.kind == "op" and t.value == b")"):
                self.unexpected(t, b")")
            body = self.clist()
            t = self.peek()
            if t.kind == "op" and t.value in (b";;", b";&"):
                self.take()
                items.append((pats, body, t.value))
                continue
            if self.reserved(t) == b"esac":
                self.take()
                items.append((pats, body, b";;"))
                break
            self.unexpected(t, b"esac")
        return ast.Case(word, items, [], line)


def _delimiter(raw):
    """A here-document delimiter: raw word text with its quotes removed."""
    out = bytearray()
    i = 0
    n = len(raw)
    while i < n:
        c = raw[i]
        if c == 92 and i + 1 < n:
            if raw[i + 1] != 10:        # a line continuation is removed
                out.append(raw[i + 1])
            i += 2
        elif c == 39:
            j = raw.find(b"'", i + 1)
            j = n if j < 0 else j
            out += raw[i + 1:j]
            i = j + 1
        elif c == 34:
            i += 1
            while i < n and raw[i] != 34:
                if raw[i] == 92 and i + 1 < n and raw[i + 1] in b'$`"\\':
                    i += 1
                out.append(raw[i])
                i += 1
            i += 1
        else:
            out.append(c)
            i += 1
    return bytes(out)


def ast_word(parts, like):
    from applets.shell.ash.lexer import Word
    return Word(parts, like.raw, like.line)
