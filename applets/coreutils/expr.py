"""expr: evaluate an expression given as separate arguments, print its value.

GNU coreutils 9.1's grammar, from loosest to tightest: `|`, `&`, the
comparisons (< <= = == != >= >), `+ -`, `* / %`, `:`, then the prefix
forms `match`, `substr`, `index`, `length`, `+ TOKEN` and parentheses.
Integers have any size (Python ints stand in for GMP); division truncates
toward zero as C does.  `:` is anchored at the start and uses the shared
regular expressions (multicall.regex, syntax "expr").  In a UTF-8 locale
length, index, substr and a match's length count characters (an invalid
byte is one character), as GNU's multibyte functions do.

Exit status: 0 when the value is neither null nor 0, 1 when it is, 2 for
a syntax error, a non-integer argument, division by zero or a bad regular
expression, 3 for other errors.  Fast: nothing is imported beyond the
runtime unless `:` needs the regex layer.  Safe in the shell's process.
"""
from multicall.errors import Fail, Usage, quote
from multicall.options import Spec
from multicall.stdio import stdout

TROUBLE = 3
INVALID = 2

SPEC = Spec(("EXPRESSION", "OPTION"), "",
            epilog="""\
Print the value of EXPRESSION to standard output.  A blank line below
separates increasing precedence groups.  EXPRESSION may be:

  ARG1 | ARG2       ARG1 if it is neither null nor 0, otherwise ARG2

  ARG1 & ARG2       ARG1 if neither argument is null or 0, otherwise 0

  ARG1 < ARG2       ARG1 is less than ARG2
  ARG1 <= ARG2      ARG1 is less than or equal to ARG2
  ARG1 = ARG2       ARG1 is equal to ARG2
  ARG1 != ARG2      ARG1 is unequal to ARG2
  ARG1 >= ARG2      ARG1 is greater than or equal to ARG2
  ARG1 > ARG2       ARG1 is greater than ARG2

  ARG1 + ARG2       arithmetic sum of ARG1 and ARG2
  ARG1 - ARG2       arithmetic difference of ARG1 and ARG2

  ARG1 * ARG2       arithmetic product of ARG1 and ARG2
  ARG1 / ARG2       arithmetic quotient of ARG1 divided by ARG2
  ARG1 % ARG2       arithmetic remainder of ARG1 divided by ARG2

  STRING : REGEXP   anchored pattern match of REGEXP in STRING

  match STRING REGEXP        same as STRING : REGEXP
  substr STRING POS LENGTH   substring of STRING, POS counted from 1
  index STRING CHARS         index in STRING where any CHARS is found, or 0
  length STRING              length of STRING
  + TOKEN                    interpret TOKEN as a string, even if it is a
                               keyword like 'match' or an operator like '/'

  ( EXPRESSION )             value of EXPRESSION

Beware that many operators need to be escaped or quoted for shells.
Comparisons are arithmetic if both ARGs are numbers, else lexicographical.
Pattern matches return the string matched between \\( and \\) or null; if
\\( and \\) are not used, they return the number of characters matched or 0.

Exit status is 0 if EXPRESSION is neither null nor 0, 1 if EXPRESSION is null
or 0, 2 if EXPRESSION is syntactically invalid, and 3 if an error occurred.""")

_CMP = {b"<": lambda c: c < 0, b"<=": lambda c: c <= 0, b"=": lambda c: c == 0, b"==": lambda c: c == 0,
        b"!=": lambda c: c != 0, b">=": lambda c: c >= 0, b">": lambda c: c > 0}


def _is_int(s):
    """GNU's looks_like_integer: an optional '-' and one or more digits."""
    body = s[1:] if s[:1] == b"-" else s
    return body.isdigit()  # bytes.isdigit is ASCII only, and False when empty


def is_null(v):
    """The empty string, or any spelling of zero ("0", "-00", ...)."""
    if isinstance(v, int):
        return v == 0
    if not v:
        return True
    body = v[1:] if v[:1] == b"-" else v
    return bool(body) and body.strip(b"0") == b""


def _str(v):
    return b"%d" % v if isinstance(v, int) else v


def _arith(v):
    """The integer value of v, or None (GNU's toarith)."""
    if isinstance(v, int):
        return v
    return int(v) if _is_int(v) else None


class _Expr:
    def __init__(self, args, utf8):
        self.args = args
        self.i = 0
        self.utf8 = utf8

    # -- the token stream ------------------------------------------------------

    def more(self):
        return self.i < len(self.args)

    def next_is(self, word):
        if self.i < len(self.args) and self.args[self.i] == word:
            self.i += 1
            return True
        return False

    def missing_after(self):
        raise Fail("syntax error: missing argument after %s" % _q(self.args[self.i - 1]), INVALID)

    # -- characters --------------------------------------------------------

    def chars(self, s):
        return s.decode("utf-8", "surrogateescape") if self.utf8 else s

    def back(self, s):
        return s.encode("utf-8", "surrogateescape") if self.utf8 else s

    # -- the grammar, loosest first -------------------------------------------

    def eval(self, evaluate):
        left = self.eval1(evaluate)
        while self.next_is(b"|"):
            right = self.eval1(evaluate and is_null(left))
            if is_null(left):
                left = right if not is_null(right) else 0
        return left

    def eval1(self, evaluate):
        left = self.eval2(evaluate)
        while self.next_is(b"&"):
            right = self.eval2(evaluate and not is_null(left))
            if is_null(left) or is_null(right):
                left = 0
        return left

    def eval2(self, evaluate):
        left = self.eval3(evaluate)
        while self.i < len(self.args) and self.args[self.i] in _CMP:
            test = _CMP[self.args[self.i]]
            self.i += 1
            right = self.eval3(evaluate)
            value = False
            if evaluate:
                a, b = _str(left), _str(right)
                if _is_int(a) and _is_int(b):
                    x, y = int(a), int(b)
                else:
                    x, y = a, b  # strcoll: byte order in C and in C.UTF-8
                value = test((x > y) - (x < y))
            left = int(value)
        return left

    def eval3(self, evaluate):
        left = self.eval4(evaluate)
        while self.i < len(self.args) and self.args[self.i] in (b"+", b"-"):
            op = self.args[self.i]
            self.i += 1
            right = self.eval4(evaluate)
            if evaluate:
                x, y = _arith(left), _arith(right)
                if x is None or y is None:
                    raise Fail("non-integer argument", INVALID)
                left = x + y if op == b"+" else x - y
        return left

    def eval4(self, evaluate):
        left = self.eval5(evaluate)
        while self.i < len(self.args) and self.args[self.i] in (b"*", b"/", b"%"):
            op = self.args[self.i]
            self.i += 1
            right = self.eval5(evaluate)
            if evaluate:
                x, y = _arith(left), _arith(right)
                if x is None or y is None:
                    raise Fail("non-integer argument", INVALID)
                if op == b"*":
                    left = x * y
                elif y == 0:
                    raise Fail("division by zero", INVALID)
                else:
                    q = abs(x) // abs(y)
                    if (x < 0) != (y < 0):
                        q = -q
                    left = q if op == b"/" else x - q * y
        return left

    def eval5(self, evaluate):
        left = self.eval6(evaluate)
        while self.next_is(b":"):
            right = self.eval6(evaluate)
            if evaluate:
                left = self.colon(left, right)
        return left

    def eval6(self, evaluate):
        if self.next_is(b"+"):
            if not self.more():
                self.missing_after()
            self.i += 1
            return self.args[self.i - 1]
        if self.next_is(b"length"):
            return len(self.chars(_str(self.eval6(evaluate))))
        if self.next_is(b"match"):
            left = self.eval6(evaluate)
            right = self.eval6(evaluate)
            return self.colon(left, right) if evaluate else left
        if self.next_is(b"index"):
            s = self.chars(_str(self.eval6(evaluate)))
            accept = set(self.chars(_str(self.eval6(evaluate))))
            for n, c in enumerate(s):
                if c in accept:
                    return n + 1
            return 0
        if self.next_is(b"substr"):
            s = self.chars(_str(self.eval6(evaluate)))
            p = _arith(self.eval6(evaluate))
            n = _arith(self.eval6(evaluate))
            if p is None or n is None or p <= 0 or n <= 0 or p > len(s):
                return b""
            return self.back(s[p - 1:p - 1 + n])
        return self.eval7(evaluate)

    def eval7(self, evaluate):
        if not self.more():
            self.missing_after()
        if self.next_is(b"("):
            value = self.eval(evaluate)
            if not self.more():
                raise Fail("syntax error: expecting ')' after %s" % _q(self.args[self.i - 1]), INVALID)
            if not self.next_is(b")"):
                raise Fail("syntax error: expecting ')' instead of %s" % _q(self.args[self.i]), INVALID)
            return value
        if self.next_is(b")"):
            raise Fail("syntax error: unexpected ')'", INVALID)
        self.i += 1
        return self.args[self.i - 1]

    def colon(self, subject, pattern):
        from multicall import regex
        s = _str(subject)
        try:
            rx = regex.compile(_str(pattern), "expr", utf8=self.utf8)
        except regex.RegexError as e:
            raise Fail(str(e), INVALID) from None
        m = rx.match(s)
        if rx.groups:
            if m is None or m.start(1) < 0:
                return b""
            return s[m.start(1):m.end(1)]
        if m is None:
            return 0
        return len(self.chars(s[:m.end()]))


def _q(arg):
    return quote(arg.decode("utf-8", "surrogateescape"))


def evaluate(args, utf8=False):
    """The value (int or bytes) of expr's arguments (a list of bytes)."""
    e = _Expr(args, utf8)
    value = e.eval(True)
    if e.more():
        raise Fail("syntax error: unexpected argument %s" % _q(args[e.i]), INVALID)
    return value


def main(argv):
    args = argv[1:]
    if len(args) == 1 and len(args[0]) > 2 and args[0][:2] == "--" and (
            "--help".startswith(args[0]) or "--version".startswith(args[0])):
        SPEC.parse([argv[0], args[0]])
    if args[:1] == ["--"]:
        args = args[1:]
    if not args:
        raise Usage("missing operand", INVALID)
    from compat.platform import utf8_locale
    value = evaluate([a.encode("utf-8", "surrogateescape") for a in args], utf8_locale())
    stdout().write(_str(value) + b"\n")
    return 1 if is_null(value) else 0
