"""[[ expression ]], the ash/bash extension: test's operators on words that
are not split or globbed, `==`/`!=` (and `=`) matching a pattern, `<` and
`>` comparing bytes, `!`, `&&`, `||` and parentheses."""
from applets.shell.ash import expand, pattern
from applets.shell.ash.evaluate import CommandError


def evaluate(sh, items):
    """Status 0 (true), 1 (false) or 2 (syntax error)."""
    p = _P(sh, items)
    if not items:
        raise CommandError("[[: syntax error: empty expression", 2)
    v = p.or_()
    if p.i != len(items):
        raise CommandError("[[: syntax error", 2)
    return 0 if v else 1


class _P:
    def __init__(self, sh, items):
        self.sh = sh
        self.items = items
        self.i = 0

    def peek(self):
        return self.items[self.i] if self.i < len(self.items) else None

    def word(self, w):
        if isinstance(w, bytes):
            return w
        return expand.string(self.sh, w)

    def or_(self):
        v = self.and_()
        while self.peek() == b"||":
            self.i += 1
            r = self.and_()
            v = v or r
        return v

    def and_(self):
        v = self.not_()
        while self.peek() == b"&&":
            self.i += 1
            r = self.not_()
            v = v and r
        return v

    def not_(self):
        t = self.peek()
        if t is not None and not isinstance(t, bytes) and t.literal() == b"!":
            self.i += 1
            return not self.not_()
        return self.primary()

    def primary(self):
        t = self.peek()
        if t is None:
            raise CommandError("[[: syntax error: missing operand", 2)
        if t == b"(":
            self.i += 1
            v = self.or_()
            if self.peek() != b")":
                raise CommandError("[[: syntax error: missing )", 2)
            self.i += 1
            return v
        if isinstance(t, bytes) and t in (b"&&", b"||", b")"):
            raise CommandError("[[: syntax error", 2)
        nxt = self.items[self.i + 1] if self.i + 1 < len(self.items) else None
        lit = t.literal() if not isinstance(t, bytes) else t
        if lit is not None and len(lit) == 2 and lit[:1] == b"-" and nxt is not None \
                and not isinstance(nxt, bytes) and not _is_binop(self.items, self.i + 1):
            self.i += 2
            return _test([lit.decode(), self.word(nxt)])
        if nxt is not None and _is_binop(self.items, self.i + 1):
            op = nxt if isinstance(nxt, bytes) else nxt.literal()
            if self.i + 2 >= len(self.items):
                raise CommandError("[[: syntax error: missing operand", 2)
            left = self.word(t)
            right_item = self.items[self.i + 2]
            self.i += 3
            if op in (b"==", b"=", b"!="):
                pat = expand.pattern_of(self.sh, right_item.parts) if not isinstance(right_item, bytes) \
                    else [(right_item, False)]
                m = pattern.match(pat, left, not left.isascii() and self.sh.utf8())
                return m if op != b"!=" else not m
            right = self.word(right_item)
            if op == b"<":
                return left < right
            if op == b">":
                return left > right
            return _test([left, op.decode(), right])
        self.i += 1
        return self.word(t) != b""


_BINOPS = (b"==", b"=", b"!=", b"-eq", b"-ne", b"-lt", b"-le", b"-gt", b"-ge", b"-nt", b"-ot", b"-ef")


def _is_binop(items, i):
    t = items[i] if i < len(items) else None
    if t is None:
        return False
    if isinstance(t, bytes):
        return t in (b"<", b">")
    return t.literal() in _BINOPS


def _test(args):
    from applets.coreutils import test
    from multicall.errors import Fail
    sargs = [a.decode("utf-8", "surrogateescape") if isinstance(a, bytes) else a for a in args]
    try:
        return test.evaluate(sargs)
    except Fail as e:
        raise CommandError("[[: %s" % e.message, 2)
