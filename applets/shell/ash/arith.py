"""$((...)): C integer expressions on 64-bit signed longs.

Every C operator (unary + - ! ~, ++ --, * / %, + -, << >>, comparisons,
== !=, & ^ |, && ||, ?:, = and the compound assignments, and the comma),
decimal, octal (0NN), hex (0xNN) and BASE#DIGITS constants, and variables whose value
is read as an integer.  Results wrap as a C long would.
"""


class ArithError(Exception):
    pass


_OPS = ("<<=", ">>=", "&&", "||", "==", "!=", "<=", ">=", "<<", ">>", "++", "--",
        "+=", "-=", "*=", "/=", "%=", "&=", "^=", "|=",
        "+", "-", "*", "/", "%", "<", ">", "&", "^", "|", "!", "~", "?", ":", "=", "(", ")", ",")
_BIN = {"||": 1, "&&": 2, "|": 3, "^": 4, "&": 5, "==": 6, "!=": 6, "<": 7, ">": 7,
        "<=": 7, ">=": 7, "<<": 8, ">>": 8, "+": 9, "-": 9, "*": 10, "/": 10, "%": 10}
_ASSIGN = frozenset(("=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=", "|="))


def wrap(v):
    v &= 0xFFFFFFFFFFFFFFFF
    return v - (1 << 64) if v & (1 << 63) else v


def _tokens(s):
    out = []
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c in " \t\n\r":
            i += 1
            continue
        if c.isdigit():
            j = i
            while j < n and (s[j].isalnum() or s[j] == "_"):
                j += 1
            if j < n and s[j] == "#" and s[i:j].isdigit():  # BASE#DIGITS (ash, bash)
                j += 1
                while j < n and (s[j].isalnum() or s[j] in "_@"):
                    j += 1
            out.append(("num", _number(s[i:j])))
            i = j
            continue
        if c.isalpha() or c == "_":
            j = i
            while j < n and (s[j].isalnum() or s[j] == "_"):
                j += 1
            out.append(("var", s[i:j]))
            i = j
            continue
        for op in _OPS:
            if s.startswith(op, i):
                out.append(("op", op))
                i += len(op)
                break
        else:
            raise ArithError("expecting EOF")
    out.append(("end", None))
    return out


def _based(base, digits):
    """BASE#DIGITS: base 2 to 64 in decimal; digits 0-9, a-z, A-Z (the
    same as a-z up to base 36), @ and _, as ash and bash read them."""
    b = int(base, 10)
    if not 2 <= b <= 64:
        raise ArithError("syntax error")
    v = 0
    for ch in digits:
        if ch.isdigit():
            d = ord(ch) - 48
        elif "a" <= ch <= "z":
            d = ord(ch) - 87
        elif "A" <= ch <= "Z":
            d = ord(ch) - (29 if b > 36 else 55)
        elif ch == "@":
            d = 62
        elif ch == "_":
            d = 63
        else:
            d = 64
        if d >= b:
            raise ArithError("syntax error")
        v = v * b + d
    return wrap(v)


def _number(t):
    if "#" in t:
        base, _, digits = t.partition("#")
        if not base.isdigit():
            raise ArithError("syntax error")
        return _based(base, digits)
    try:
        if t[:2] in ("0x", "0X"):
            return wrap(int(t[2:], 16))
        if len(t) > 1 and t[0] == "0":
            return wrap(int(t, 8))
        return wrap(int(t, 10))
    except ValueError:
        raise ArithError("syntax error") from None


_code_cache = {}


class _Compiler:
    """Parse the tokens once into nested closures f(ctx) -> int, where ctx
    has value(name) and set(name, int); cached by the expression text, so
    a loop's $((i+1)) is parsed once."""

    def __init__(self, text):
        self.toks = _tokens(text)
        self.i = 0

    def peek(self):
        return self.toks[self.i]

    def take(self):
        t = self.toks[self.i]
        self.i += 1
        return t

    def expr(self):
        f = self.assign()
        while self.peek() == ("op", ","):
            self.take()
            g = self.assign()
            f = (lambda a, b: lambda c: (a(c), b(c))[1])(f, g)
        return f

    def assign(self):
        t = self.peek()
        nxt = self.toks[self.i + 1] if t[0] == "var" else None
        if nxt is not None and nxt[0] == "op" and nxt[1] in _ASSIGN:
            self.i += 2
            name, op = t[1], nxt[1]
            rhs = self.assign()
            if op == "=":
                def f(c, name=name, rhs=rhs):
                    v = rhs(c)
                    c.set(name, v)
                    return v
            else:
                bop = op[:-1]

                def f(c, name=name, rhs=rhs, bop=bop):
                    v = _binop(bop, c.value(name), rhs(c))
                    c.set(name, v)
                    return v
            return f
        return self.cond()

    def cond(self):
        c0 = self.binary(1)
        if self.peek() == ("op", "?"):
            self.take()
            a = self.expr()
            if self.take() != ("op", ":"):
                raise ArithError("expecting ':'")
            b = self.cond()
            return lambda c: a(c) if c0(c) else b(c)
        return c0

    def binary(self, prec):
        left = self.unary()
        while True:
            t = self.peek()
            if t[0] != "op":
                return left
            p = _BIN.get(t[1])
            if p is None or p < prec:
                return left
            self.take()
            op = t[1]
            right = self.binary(p + 1)
            if op == "&&":
                left = (lambda a, b: lambda c: 1 if a(c) and b(c) else 0)(left, right)
            elif op == "||":
                left = (lambda a, b: lambda c: 1 if a(c) or b(c) else 0)(left, right)
            elif op == "+":
                left = (lambda a, b: lambda c: wrap(a(c) + b(c)))(left, right)
            elif op == "-":
                left = (lambda a, b: lambda c: wrap(a(c) - b(c)))(left, right)
            elif op == "<":
                left = (lambda a, b: lambda c: 1 if a(c) < b(c) else 0)(left, right)
            else:
                left = (lambda a, b, op: lambda c: _binop(op, a(c), b(c)))(left, right, op)

    def unary(self):
        t = self.take()
        if t[0] == "op":
            op = t[1]
            if op in ("++", "--"):
                v = self.take()
                if v[0] != "var":
                    raise ArithError("expecting primary")
                d = 1 if op == "++" else -1

                def f(c, name=v[1], d=d):
                    n = wrap(c.value(name) + d)
                    c.set(name, n)
                    return n
                return f
            if op == "-":
                a = self.unary()
                return lambda c: wrap(-a(c))
            if op == "+":
                return self.unary()
            if op == "!":
                a = self.unary()
                return lambda c: 0 if a(c) else 1
            if op == "~":
                a = self.unary()
                return lambda c: ~a(c)
            if op == "(":
                a = self.expr()
                if self.take() != ("op", ")"):
                    raise ArithError("expecting ')'")
                return a
            raise ArithError("expecting primary")
        if t[0] == "num":
            n = t[1]
            return lambda c: n
        if t[0] == "var":
            name = t[1]
            nt = self.peek()
            if nt[0] == "op" and nt[1] in ("++", "--"):
                self.take()
                d = 1 if nt[1] == "++" else -1

                def f(c, name=name, d=d):
                    v = c.value(name)
                    c.set(name, wrap(v + d))
                    return v
                return f
            return lambda c: c.value(name)
        raise ArithError("expecting primary")


def _binop(op, a, b):
    if op == "+":
        return wrap(a + b)
    if op == "-":
        return wrap(a - b)
    if op == "*":
        return wrap(a * b)
    if op in ("/", "%"):
        if b == 0:
            raise ArithError("division by zero")
        q = abs(a) // abs(b)
        if (a < 0) != (b < 0):
            q = -q
        return wrap(q) if op == "/" else wrap(a - q * b)
    if op == "<<":
        return wrap(a << (b & 63))
    if op == ">>":
        return a >> (b & 63)
    if op == "&":
        return a & b
    if op == "|":
        return a | b
    if op == "^":
        return a ^ b
    return int({"==": a == b, "!=": a != b, "<": a < b, ">": a > b,
                "<=": a <= b, ">=": a >= b}[op])


def _compile(text):
    f = _code_cache.get(text)
    if f is None:
        c = _Compiler(text)
        f = c.expr()
        if c.peek()[0] != "end":
            raise ArithError("expecting EOF")
        if len(_code_cache) > 2000:
            _code_cache.clear()
        _code_cache[text] = f
    return f


class _Ctx:
    __slots__ = ("get", "set")

    def __init__(self, get, set_):
        self.get = get
        self.set = set_

    def value(self, name):
        v = self.get(name)
        if not v:
            return 0
        if v.isdigit():
            if v[0] != 48 or len(v) == 1:
                return wrap(int(v))
            try:
                return _number(v.decode())
            except ArithError:  # 08: an octal number with a bad digit
                raise ArithError("Illegal number: %s" % v.decode()) from None
        t = v.decode("latin-1").strip()
        neg = False
        if t[:1] in "+-":
            neg = t[0] == "-"
            t = t[1:]
        if not t or not t[0].isdigit():
            raise ArithError("Illegal number: %s" % v.decode("utf-8", "surrogateescape"))
        try:
            n = _number(t)
        except ArithError:
            raise ArithError("Illegal number: %s" % v.decode("utf-8", "surrogateescape")) from None
        return wrap(-n) if neg else n


def evaluate(text, get, set_):
    """The value of expression text (str); get(name) -> bytes or None,
    set_(name, int)."""
    if not text.strip():
        raise ArithError("expecting primary")
    return _compile(text)(_Ctx(get, set_))
