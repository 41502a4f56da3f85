"""The shell's syntax tree: small classes with slots, one per construct."""


class Node:
    __slots__ = ()

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__,
                           ", ".join("%s=%r" % (k, getattr(self, k)) for k in self.__slots__))


class Redir(Node):
    """fd OP target: op is one of < > >> >| <> <& >& << <<-; target is a
    Word, or a HereDoc for << and <<-."""
    __slots__ = ("fd", "op", "target")

    def __init__(self, fd, op, target):
        self.fd = fd
        self.op = op
        self.target = target


class Simple(Node):
    __slots__ = ("assigns", "words", "redirs", "line")

    def __init__(self, assigns, words, redirs, line):
        self.assigns = assigns  # [(name bytes, Word)]
        self.words = words
        self.redirs = redirs
        self.line = line


class Pipeline(Node):
    __slots__ = ("cmds", "negate", "line")

    def __init__(self, cmds, negate, line):
        self.cmds = cmds
        self.negate = negate
        self.line = line


class AndOr(Node):
    __slots__ = ("first", "rest")

    def __init__(self, first, rest):
        self.first = first
        self.rest = rest  # [(b"&&" | b"||", Pipeline)]


class CmdList(Node):
    __slots__ = ("items",)

    def __init__(self, items):
        self.items = items  # [(AndOr, background bool)]


class Subshell(Node):
    __slots__ = ("body", "redirs", "line")

    def __init__(self, body, redirs, line):
        self.body = body
        self.redirs = redirs
        self.line = line


class Group(Node):
    __slots__ = ("body", "redirs", "line")

    def __init__(self, body, redirs, line):
        self.body = body
        self.redirs = redirs
        self.line = line


class If(Node):
    __slots__ = ("arms", "else_", "redirs", "line")

    def __init__(self, arms, else_, redirs, line):
        self.arms = arms  # [(cond, body)]
        self.else_ = else_
        self.redirs = redirs
        self.line = line


class Loop(Node):
    """while (until=False) and until (until=True)."""
    __slots__ = ("cond", "body", "until", "redirs", "line")

    def __init__(self, cond, body, until, redirs, line):
        self.cond = cond
        self.body = body
        self.until = until
        self.redirs = redirs
        self.line = line


class For(Node):
    __slots__ = ("var", "words", "body", "redirs", "line")

    def __init__(self, var, words, body, redirs, line):
        self.var = var
        self.words = words  # None: "$@"
        self.body = body
        self.redirs = redirs
        self.line = line


class Case(Node):
    __slots__ = ("word", "items", "redirs", "line")

    def __init__(self, word, items, redirs, line):
        self.word = word
        self.items = items  # [(patterns [Word], body or None, b";;" | b";&")]
        self.redirs = redirs
        self.line = line


class FuncDef(Node):
    __slots__ = ("name", "body", "line")

    def __init__(self, name, body, line):
        self.name = name
        self.body = body
        self.line = line


class DBracket(Node):
    """[[ ... ]]: items are Words and operator bytes (&& || ( ) < > !)."""
    __slots__ = ("items", "redirs", "line")

    def __init__(self, items, redirs, line):
        self.items = items
        self.redirs = redirs
        self.line = line
