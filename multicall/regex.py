"""POSIX regular expressions for every applet that takes one (grep, sed,
expr, find -regex, awk, diff -I, nl -b p, tac -r, less, vi).

A pattern in one of GNU's syntaxes (BRE, ERE, the grep/egrep dialects,
emacs, awk, the findutils types) is parsed once, the way glibc's regcomp and
grep's dfa.c parse it (same syntax bits, same error messages), and
translated into a compiled Python `re` pattern over bytes.  Matching then
runs in sre's C loop over whole buffers; this module adds only what `re`
lacks:

- POSIX leftmost-longest matching.  `re` finds the leftmost start, as POSIX
  does, but then takes the first alternative that works rather than the
  longest match.  The translator proves, for most patterns, that the two
  agree (no alternation, or alternatives reordered longest-first where that
  is sound, quantifiers over single characters only) and then `search` IS
  the compiled pattern's own `search`: no cost.  Otherwise a match is
  extended to the longest one at the same start by trying `fullmatch` at the
  candidate ends, longest first (see docs/regex.md for the cost).
- grep's line mode (`newline=b"\\n"` or `b"\\0"` for -z): nothing in the
  pattern can match the separator, and ^ and $ match next to it, so grep can
  search a whole 256 KiB chunk with one call.
- sed's modes: `.` matches newline, ^/$ only at the buffer ends, or
  `multiline=True` (the M flag).
- UTF-8 locales: `.` and bracket expressions match one whole character and
  -i folds non-ASCII letters, by translating them into byte patterns that
  match UTF-8 sequences (the buffers stay bytes).

compile() caches its results (bounded).  Errors raise RegexError whose text
is GNU's message.  The whole design, the translation table and the
remaining differences from GNU are in docs/regex.md.
"""
import re as _re

# ---------------------------------------------------------------------------
# Syntax bits: glibc's RE_* values and meanings, plus two of pybox's own.

BACKSLASH_ESCAPE_IN_LISTS = 0x1
BK_PLUS_QM = 0x2
CHAR_CLASSES = 0x4
CONTEXT_INDEP_ANCHORS = 0x8
CONTEXT_INDEP_OPS = 0x10
CONTEXT_INVALID_OPS = 0x20
DOT_NEWLINE = 0x40
DOT_NOT_NULL = 0x80
HAT_LISTS_NOT_NEWLINE = 0x100
INTERVALS = 0x200
LIMITED_OPS = 0x400
NEWLINE_ALT = 0x800
NO_BK_BRACES = 0x1000
NO_BK_PARENS = 0x2000
NO_BK_REFS = 0x4000
NO_BK_VBAR = 0x8000
NO_EMPTY_RANGES = 0x10000
UNMATCHED_RIGHT_PAREN_ORD = 0x20000
NO_GNU_OPS = 0x80000
INVALID_INTERVAL_ORD = 0x200000
CONTEXT_INVALID_DUP = 0x1000000
DFA_CHECKS = 0x40000000  # grep's and sed's dfa.c: the [:space:] error
DFA_REPEAT = 0x20000000  # grep's dfa.c: repetitions of anchors and of nothing, with warnings
AWK_ESCAPES = 0x80000000  # awk's \n \t \/ \" \ddd ... and gawk's \y

_COMMON = CHAR_CLASSES | DOT_NEWLINE | DOT_NOT_NULL | INTERVALS | NO_EMPTY_RANGES
_POSIX_BASIC = _COMMON | BK_PLUS_QM | CONTEXT_INVALID_DUP
_POSIX_EXTENDED = (_COMMON | CONTEXT_INDEP_ANCHORS | CONTEXT_INDEP_OPS | NO_BK_BRACES | NO_BK_PARENS
                   | NO_BK_VBAR | CONTEXT_INVALID_OPS | UNMATCHED_RIGHT_PAREN_ORD)
_GREP = (_POSIX_BASIC | NEWLINE_ALT) & ~(CONTEXT_INVALID_DUP | DOT_NOT_NULL)
_EGREP = (_POSIX_EXTENDED | INVALID_INTERVAL_ORD | NEWLINE_ALT) & ~(CONTEXT_INVALID_OPS | DOT_NOT_NULL)
_AWK = (BACKSLASH_ESCAPE_IN_LISTS | DOT_NOT_NULL | NO_BK_PARENS | NO_BK_REFS | NO_BK_VBAR | NO_EMPTY_RANGES
        | DOT_NEWLINE | CONTEXT_INDEP_ANCHORS | CHAR_CLASSES | UNMATCHED_RIGHT_PAREN_ORD | NO_GNU_OPS)
_GNU_AWK = ((_POSIX_EXTENDED | BACKSLASH_ESCAPE_IN_LISTS | INVALID_INTERVAL_ORD)
            & ~(DOT_NOT_NULL | CONTEXT_INDEP_OPS | CONTEXT_INVALID_OPS))
_POSIX_AWK = _POSIX_EXTENDED | BACKSLASH_ESCAPE_IN_LISTS | INTERVALS | NO_GNU_OPS | INVALID_INTERVAL_ORD

SYNTAXES = {
    # the applets' own dialects
    "basic": (_POSIX_BASIC & ~DOT_NOT_NULL) | DFA_CHECKS,  # sed, and POSIX BRE
    "extended": (_POSIX_EXTENDED & ~(DOT_NOT_NULL | UNMATCHED_RIGHT_PAREN_ORD)) | DFA_CHECKS,  # sed -E
    "grep": _GREP | DFA_CHECKS | DFA_REPEAT,  # grep -G
    "egrep": _EGREP | DFA_CHECKS | DFA_REPEAT,  # grep -E
    "expr": _POSIX_BASIC & ~(CONTEXT_INVALID_DUP | NO_EMPTY_RANGES),
    "awk": _GNU_AWK | NO_BK_REFS | AWK_ESCAPES,  # the awk applet (gawk's dialect)
    "emacs": 0,
    # findutils' -regextype names (glibc's syntaxes, no dfa.c checks)
    "findutils-default": DOT_NEWLINE,
    "posix-basic": _POSIX_BASIC,
    "posix-minimal-basic": _COMMON | LIMITED_OPS,
    "posix-extended": _POSIX_EXTENDED,
    "posix-egrep": _EGREP,
    "posix-awk": _POSIX_AWK,
    "gnu-awk": _GNU_AWK,
    "find-awk": _AWK,
    "find-grep": _GREP,
    "ed": _POSIX_BASIC,
    "sed": _POSIX_BASIC,
    "perl": None,  # grep -P: Perl syntax, mostly what Python's re understands
}

# find -regextype NAME -> the key of SYNTAXES that findutils uses for it.
FIND_TYPES = {
    "findutils-default": "findutils-default", "emacs": "emacs", "ed": "ed", "sed": "sed",
    "grep": "find-grep", "egrep": "posix-egrep", "posix-egrep": "posix-egrep",
    "awk": "find-awk", "gnu-awk": "gnu-awk", "posix-awk": "posix-awk",
    "posix-basic": "posix-basic", "posix-minimal-basic": "posix-minimal-basic",
    "posix-extended": "posix-extended",
}

RE_DUP_MAX = 0x7FFF
_CACHE_MAX = 256
_MAX_DEPTH = 400  # nesting that sre's own recursive compiler still takes

# GNU's messages (glibc's __re_error_msgid and dfa.c's).
E_BADPAT = "Invalid regular expression"
E_COLLATE = "Invalid collation character"
E_CTYPE = "Invalid character class name"
E_ESCAPE = "Trailing backslash"
E_SUBREG = "Invalid back reference"
E_BRACK = "Unmatched [, [^, [:, [., or [="
E_PAREN = "Unmatched ( or \\("
E_BRACE = "Unmatched \\{"
E_BADBR = "Invalid content of \\{\\}"
E_RANGE = "Invalid range end"
E_SPACE = "Memory exhausted"
E_BADRPT = "Invalid preceding regular expression"
E_EEND = "Premature end of regular expression"
E_SIZE = "Regular expression too big"
E_RPAREN = "Unmatched ) or \\)"
E_COLON = "character class syntax is [[:space:]], not [:space:]"


class RegexError(Exception):
    """An invalid pattern; str() is GNU's message (e.g. `Unmatched ( or \\(`)."""

    def __init__(self, message):
        Exception.__init__(self, message)
        self.message = message


# ---------------------------------------------------------------------------
# Character classes (C locale: bytes; the UTF-8 locale extends some of them).

_CLASS_ASCII = {
    "alpha": ((65, 90), (97, 122)),
    "upper": ((65, 90),),
    "lower": ((97, 122),),
    "digit": ((48, 57),),
    "xdigit": ((48, 57), (65, 70), (97, 102)),
    "alnum": ((48, 57), (65, 90), (97, 122)),
    "space": ((9, 13), (32, 32)),
    "blank": ((9, 9), (32, 32)),
    "punct": ((33, 47), (58, 64), (91, 96), (123, 126)),
    "print": ((32, 126),),
    "graph": ((33, 126),),
    "cntrl": ((0, 31), (127, 127)),
}
_WORD = (("alnum",), ((95, 95),))  # \w: [_[:alnum:]]

# Tokens
(T_CHAR, T_ANY, T_SET, T_ALT, T_OPEN, T_CLOSE, T_STAR, T_PLUS, T_QMARK, T_OPEN_DUP, T_CLOSE_DUP,
 T_BREF, T_ANCHOR, T_END, T_BRACKET) = range(15)
_DUP_CHAR = {T_STAR: "*", T_PLUS: "+", T_QMARK: "?", T_OPEN_DUP: "{"}
_DUPS = (T_STAR, T_PLUS, T_QMARK, T_OPEN_DUP)

# AST nodes are tuples: ("char", cp) ("byte", b) ("any",) ("set", ranges, classes, neg, hat)
# ("cat", [..]) ("alt", [..]) ("group", n, node) ("rep", node, lo, hi) ("bref", n)
# ("assert", kind) ("empty",).  Assertion kinds: bol eol bob eob wordb nwordb wbeg wend
# and the -w wrappers nwbefore nwafter.
_EMPTY = ("empty",)
_AWK_ESC = {"n": 10, "t": 9, "r": 13, "f": 12, "v": 11, "a": 7, "b": 8, "/": 47, '"': 34, "\\": 92}


class _Parser:
    """glibc's parse_reg_exp/parse_branch/parse_expression, over a str whose
    characters are the pattern's characters (latin-1 in the C locale,
    UTF-8 with surrogateescape in a UTF-8 one)."""

    def __init__(self, text, bits, group_base=0, utf8=False):
        self.utf8 = utf8
        self.s = text
        self.n = len(text)
        self.i = 0
        self.bits = bits
        self.ngroups = group_base
        self.completed = set()
        self.warnings = []
        self.depth = 0
        self.tok = None
        self.group_base = group_base
        self.laststart = True  # dfa.c: at the start of the pattern, a group or a branch

    def error(self, msg):
        raise RegexError(msg)

    # -- tokens ------------------------------------------------------------
    def fetch(self, caret_ok=False):
        self.tok = self.peek(caret_ok)
        self.i = self.tok_end
        return self.tok

    def peek(self, caret_ok=False, at=None):
        s, bits = self.s, self.bits
        i = self.i if at is None else at
        if i >= self.n:
            self.tok_end = i
            return (T_END, None)
        c = s[i]
        self.tok_end = i + 1
        if c == "\\":
            if i + 1 >= self.n:
                self.error(E_ESCAPE)
            c2 = s[i + 1]
            self.tok_end = i + 2
            if bits & AWK_ESCAPES:
                t = self._awk_escape(c2, i)
                if t is not None:
                    return t
            if c2 == "|" and not bits & LIMITED_OPS and not bits & NO_BK_VBAR:
                return (T_ALT, c2)
            if "1" <= c2 <= "9" and not bits & NO_BK_REFS:
                return (T_BREF, ord(c2) - 48)
            if not bits & NO_GNU_OPS:
                if c2 in "<>bB`'":
                    return (T_ANCHOR, {"<": "wbeg", ">": "wend", "b": "wordb", "B": "nwordb",
                                       "`": "bob", "'": "eob"}[c2])
                if c2 in "wWsS":
                    return (T_SET, c2)
            if c2 == "(" and not bits & NO_BK_PARENS:
                return (T_OPEN, c2)
            if c2 == ")" and not bits & NO_BK_PARENS:
                return (T_CLOSE, c2)
            if c2 in "+?" and not bits & LIMITED_OPS and bits & BK_PLUS_QM:
                return (T_PLUS if c2 == "+" else T_QMARK, c2)
            if c2 in "{}" and bits & INTERVALS and not bits & NO_BK_BRACES:
                return (T_OPEN_DUP if c2 == "{" else T_CLOSE_DUP, c2)
            return (T_CHAR, c2)
        if c == "\n" and bits & NEWLINE_ALT:
            return (T_ALT, c)
        if c == "|" and not bits & LIMITED_OPS and bits & NO_BK_VBAR:
            return (T_ALT, c)
        if c == "*":
            return (T_STAR, c)
        if c in "+?" and not bits & LIMITED_OPS and not bits & BK_PLUS_QM:
            return (T_PLUS if c == "+" else T_QMARK, c)
        if c in "{}" and bits & INTERVALS and bits & NO_BK_BRACES:
            return (T_OPEN_DUP if c == "{" else T_CLOSE_DUP, c)
        if c == "(" and bits & NO_BK_PARENS:
            return (T_OPEN, c)
        if c == ")" and bits & NO_BK_PARENS:
            return (T_CLOSE, c)
        if c == "[":
            return (T_BRACKET, c)
        if c == ".":
            return (T_ANY, c)
        if c == "^":
            if bits & CONTEXT_INDEP_ANCHORS or i == 0 or caret_ok or (
                    bits & NEWLINE_ALT and s[i - 1] == "\n"):
                return (T_ANCHOR, "bol")
            return (T_CHAR, c)
        if c == "$":
            if bits & CONTEXT_INDEP_ANCHORS or i + 1 == self.n:
                return (T_ANCHOR, "eol")
            save = self.tok_end
            nxt = self.peek(at=i + 1)[0]
            self.tok_end = save
            if nxt == T_ALT or nxt == T_CLOSE:
                return (T_ANCHOR, "eol")
            return (T_CHAR, c)
        return (T_CHAR, c)

    def _awk_escape(self, c2, i):
        """awk's escapes in a regex: \\n \\t ... \\/ \\" \\ddd, gawk's \\y."""
        if c2 in _AWK_ESC:
            return (T_CHAR, chr(_AWK_ESC[c2]))
        if "0" <= c2 <= "7":
            j = i + 1
            v = 0
            while j < self.n and j < i + 4 and "0" <= self.s[j] <= "7":
                v = v * 8 + ord(self.s[j]) - 48
                j += 1
            self.tok_end = j
            return (T_CHAR, chr(v & 0xFF))
        if c2 == "y":
            return (T_ANCHOR, "wordb")
        if c2 in "(){}|+?*.[]^$":
            return (T_CHAR, c2)
        return None

    # -- grammar -----------------------------------------------------------
    def parse(self):
        self.fetch(caret_ok=True)
        tree = self.parse_reg_exp(0)
        if self.tok[0] != T_END:  # only a stray ) can stop the top level
            self.error(E_RPAREN)
        return tree

    def parse_reg_exp(self, nest):
        branches = []
        initial = set(self.completed)
        done = set()
        while True:
            t = self.tok[0]
            if t != T_ALT and t != T_END and (nest == 0 or t != T_CLOSE):
                # as glibc: a back-reference cannot name a group of another branch
                self.completed = set(initial)
                branches.append(self.parse_branch(nest))
                done |= self.completed
            else:
                branches.append(_EMPTY)
            if self.tok[0] != T_ALT:
                break
            self.laststart = True
            self.fetch(caret_ok=True)
        self.completed = done | initial
        return branches[0] if len(branches) == 1 else ("alt", branches)

    def parse_branch(self, nest):
        items = []
        while True:
            node = self.parse_expression(nest)
            if node is not None:
                items.append(node)
            t = self.tok[0]
            if t == T_ALT or t == T_END or (nest and t == T_CLOSE):
                break
        if not items:
            return _EMPTY
        return items[0] if len(items) == 1 else ("cat", items)

    def parse_expression(self, nest):
        tok = self.tok
        t = tok[0]
        bits = self.bits
        if t == T_CHAR:
            node = ("char", ord(tok[1]))
        elif t == T_ANY:
            node = ("any",)
        elif t == T_BRACKET:
            node = self.parse_bracket()
        elif t == T_SET:
            c = tok[1]
            node = ("set", list(_WORD[1]) if c in "wW" else [], list(_WORD[0]) if c in "wW" else ["space"],
                    c in "WS", False)
        elif t == T_BREF:
            if tok[1] + self.base_offset() not in self.completed:
                self.error(E_SUBREG)
            node = ("bref", tok[1] + self.base_offset())
        elif t == T_OPEN:
            node = self.parse_sub_exp(nest + 1)
        elif t == T_ANCHOR:
            node = ("assert", tok[1])
            self.fetch()
            if bits & DFA_REPEAT:
                # grep (dfa.c): a repetition applies to the anchor itself
                while self.tok[0] in _DUPS:
                    start = self.laststart
                    if start and not bits & CONTEXT_INDEP_OPS:
                        break  # BRE: an ordinary character, the next expression
                    tok = self.tok
                    brace = tok[0] == T_OPEN_DUP
                    r = self.parse_dup_op(node, tok)
                    if r is None:
                        break  # (an invalid interval is a `{`: no warning)
                    if start:
                        self.warn_start(tok)
                    if brace:
                        self.laststart = False
                    if r[0] == "empty" or r[2] == 0:
                        node = _EMPTY
            return node  # glibc: an anchor is never followed by a repetition
        elif t in _DUPS:
            if t == T_OPEN_DUP and bits & CONTEXT_INVALID_DUP:
                self.error(E_BADRPT)
            if bits & CONTEXT_INVALID_OPS and not bits & CONTEXT_INVALID_DUP:
                self.error(E_BADRPT)
            if bits & CONTEXT_INDEP_OPS:
                # a repetition of nothing
                if bits & DFA_REPEAT:
                    # grep -E (dfa.c): warn, and repeat the empty string
                    while self.tok[0] in _DUPS:
                        start = self.laststart
                        tok = self.tok
                        brace = tok[0] == T_OPEN_DUP
                        if self.parse_dup_op(_EMPTY, tok) is None:
                            break  # an invalid interval: { is an ordinary character, no warning
                        if start:
                            self.warn_start(tok)
                        if brace:
                            self.laststart = False
                else:
                    self.fetch()  # glibc skips the operator's token
                t2 = self.tok[0]
                if t2 == T_ALT or t2 == T_END or (bits & DFA_REPEAT and nest and t2 == T_CLOSE):
                    return None
                return self.parse_expression(nest)
            node = ("char", ord(_DUP_CHAR[t]))
        elif t == T_CLOSE:
            if not bits & UNMATCHED_RIGHT_PAREN_ORD:
                self.error(E_RPAREN)
            node = ("char", 41)
        elif t == T_CLOSE_DUP:
            node = ("char", 125)
        else:  # pragma: no cover - parse_branch never calls us on ALT/END
            self.error(E_BADPAT)
        self.laststart = False
        self.fetch()
        while self.tok[0] in _DUPS:
            node2 = self.parse_dup_op(node, self.tok)
            if node2 is None:  # an invalid interval taken literally: { is the next expression
                return node
            node = node2
            if bits & CONTEXT_INVALID_DUP and self.tok[0] in (T_STAR, T_OPEN_DUP):
                self.error(E_BADRPT)
        return node

    def warn_start(self, tok):
        self.warnings.append("%s at start of expression" % ("{...}" if tok[0] == T_OPEN_DUP else tok[1]))

    def base_offset(self):
        return self.group_base

    def parse_sub_exp(self, nest):
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            self.error(E_SIZE)
        self.ngroups += 1
        num = self.ngroups
        self.laststart = True
        self.fetch(caret_ok=True)
        if self.tok[0] == T_CLOSE:
            tree = _EMPTY
        else:
            tree = self.parse_reg_exp(nest)
            if self.tok[0] != T_CLOSE:
                self.error(E_PAREN)
        self.completed.add(num)
        self.depth -= 1
        return ("group", num, tree)

    def fetch_number(self):
        num = -1
        while True:
            tok = self.fetch()
            if tok[0] == T_END:
                return -2, tok
            if tok[0] == T_CLOSE_DUP or (tok[0] == T_CHAR and tok[1] == ","):
                return num, tok
            c = tok[1]
            if tok[0] != T_CHAR or not ("0" <= c <= "9") or num == -2:
                num = -2
            else:
                num = ord(c) - 48 if num == -1 else min(RE_DUP_MAX + 1, num * 10 + ord(c) - 48)

    def parse_dup_op(self, elem, tok):
        """The repetition at self.tok applied to elem; None when an invalid
        interval was taken as a literal `{` (then self.tok is that char)."""
        t = tok[0]
        if t == T_OPEN_DUP:
            start_i = self.i
            start, stok = self.fetch_number()
            if start == -1:
                if stok[0] == T_CHAR and stok[1] == ",":
                    start = 0  # {,m} is {0,m}
                else:
                    self.error(E_BADBR)  # {} is invalid
            end = -2
            last = stok
            if start != -2:
                if stok[0] == T_CLOSE_DUP:
                    end = start
                elif stok[0] == T_CHAR and stok[1] == ",":
                    end, last = self.fetch_number()
            if start == -2 or end == -2:
                if not self.bits & INVALID_INTERVAL_ORD:
                    self.error(E_BRACE if last[0] == T_END else E_BADBR)
                self.i = start_i  # roll back: the { is an ordinary character
                self.tok = (T_CHAR, "{")
                return None
            if (end != -1 and start > end) or last[0] != T_CLOSE_DUP:
                self.error(E_BADBR)
            if (start if end == -1 else end) > RE_DUP_MAX:
                self.error(E_SIZE)
            lo, hi = start, (None if end == -1 else end)
        elif t == T_STAR:
            lo, hi = 0, None
        elif t == T_PLUS:
            lo, hi = 1, None
        else:
            lo, hi = 0, 1
        self.fetch()
        if elem is None:
            return None
        if lo == 0 and hi == 0:
            return _EMPTY
        return ("rep", elem, lo, hi)

    def parse_bracket(self):
        """A bracket expression, self.i just past the `[`."""
        s, n, bits = self.s, self.n, self.bits
        i = self.i
        neg = False
        if i >= n:
            self.error(E_BADPAT)
        if s[i] == "^":
            neg = True
            i += 1
            if i >= n:
                self.error(E_BADPAT)
        ranges = []
        classes = []
        colon = 1 if s[i] == ":" else 0  # dfa.c's [:space:] check
        first = True
        while True:
            if i >= n:
                self.error(E_BRACK)
            if s[i] == "]" and not first:
                i += 1
                break
            # the start element
            kind, val, i = self._bracket_elem(i, first)
            colon &= ~2
            first = False
            if i >= n:
                self.error(E_BRACK)
            is_range = False
            if kind not in ("class", "equiv") and s[i] == "-":
                if i + 1 >= n:
                    self.error(E_BRACK)
                if s[i + 1] == "]":
                    pass  # a last - is an ordinary character
                else:
                    is_range = True
                    i += 1
            if is_range:
                kind2, val2, i = self._bracket_elem(i, True)
                if kind in ("class", "equiv") or kind2 in ("class", "equiv"):
                    self.error(E_RANGE)
                lo, hi = val, val2
                if self.utf8 and (lo >= 0x80 or hi >= 0x80):
                    self.error(E_COLLATE)  # glibc in C.UTF-8: no multibyte range ends
                if lo > hi:
                    if bits & NO_EMPTY_RANGES:
                        self.error(E_RANGE)
                else:
                    ranges.append((lo, hi))
                colon |= 8
                last_c = s[i - 1]
            else:
                if kind == "class":
                    classes.append(val)
                else:
                    ranges.append((val, val))
                last_c = s[i - 1]
            colon |= 2 if last_c == ":" else 4
        if bits & DFA_CHECKS and colon == 7:
            self.error(E_COLON)
        self.i = i
        return ("set", ranges, classes, neg, True)

    def _bracket_elem(self, i, accept_hyphen):
        """One element at s[i]: (kind, value, next index); kind is "char"
        (value a code point), "class" (a name) or "equiv" (a code point)."""
        s, n = self.s, self.n
        c = s[i]
        if c == "\\" and self.bits & BACKSLASH_ESCAPE_IN_LISTS and i + 1 < n:
            c2 = s[i + 1]
            if self.bits & AWK_ESCAPES:
                if c2 in _AWK_ESC:
                    return "char", _AWK_ESC[c2], i + 2
                if "0" <= c2 <= "7":
                    j, v = i + 1, 0
                    while j < n and j < i + 4 and "0" <= s[j] <= "7":
                        v = v * 8 + ord(s[j]) - 48
                        j += 1
                    return "char", v & 0xFF, j
            return "char", ord(c2), i + 2
        if c == "[" and i + 1 < n and s[i + 1] in ".=:" and (s[i + 1] != ":" or self.bits & CHAR_CLASSES):
            delim = s[i + 1]
            j = i + 2
            if j >= n:
                self.error(E_BRACK)
            name = []
            while True:
                if len(name) >= 32:
                    self.error(E_BRACK)
                ch = s[j]
                j += 1
                if j >= n:
                    self.error(E_BRACK)
                if ch == delim and s[j] == "]":
                    break
                name.append(ch)
            j += 1
            name = "".join(name)
            if delim == ":":
                if name not in _CLASS_ASCII:
                    self.error(E_CTYPE)
                return "class", name, j
            if len(name) != 1 or (self.utf8 and ord(name) >= 0x80):
                self.error(E_COLLATE)  # glibc: the name must be one byte
            return ("equiv" if delim == "=" else "char"), ord(name), j
        if c == "-" and not accept_hyphen:
            if not (i + 1 < n and s[i + 1] == "]"):
                self.error(E_RANGE)
        return "char", ord(c), i + 1


# ---------------------------------------------------------------------------
# Translation to Python's re syntax.

def _ONE_TOKEN(t):
    """Is emitted text `t` one atom that a quantifier can follow directly?"""
    if len(t) == 1:
        return t not in "\\[()|"
    if t[0] == "\\":
        return len(t) == 2 or (len(t) == 4 and t[1] == "x")
    if t[0] == "[" and t[-1] == "]":
        i = 1
        while i < len(t) - 1:
            if t[i] == "\\":
                i += 2
                continue
            if t[i] == "]":
                return False
            i += 1
        return i == len(t) - 1
    return False


def _esc_byte(b):
    if (48 <= b <= 57) or (65 <= b <= 90) or (97 <= b <= 122) or b == 95:
        return chr(b)
    if 32 < b < 127:
        return "\\" + chr(b)
    return "\\x%02x" % b


def _class_body(ranges):
    out = []
    for lo, hi in ranges:
        if lo == hi:
            out.append(_esc_byte(lo))
        elif lo + 1 == hi:
            out.append(_esc_byte(lo) + _esc_byte(hi))
        else:
            out.append("%s-%s" % (_esc_byte(lo), _esc_byte(hi)))
    return "".join(out)


def _bytes_class(members):
    """A sorted iterable of byte values -> a Python pattern matching one of them."""
    ranges = _to_ranges(members)
    if not ranges:
        return "(?!)"
    if len(ranges) == 1 and ranges[0][0] == ranges[0][1]:
        return _esc_byte(ranges[0][0])
    return "[" + _class_body(ranges) + "]"


def _to_ranges(sorted_vals):
    ranges = []
    for v in sorted_vals:
        if ranges and ranges[-1][1] + 1 == v:
            ranges[-1][1] = v
        else:
            ranges.append([v, v])
    return [(a, b) for a, b in ranges]


def _merge(ranges):
    out = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1] + 1:
            if hi > out[-1][1]:
                out[-1][1] = hi
        else:
            out.append([lo, hi])
    return [(a, b) for a, b in out]


def _subtract(ranges, lo_all, hi_all):
    """The complement of merged `ranges` within [lo_all, hi_all]."""
    out = []
    cur = lo_all
    for lo, hi in ranges:
        if hi < cur:
            continue
        if lo > cur:
            out.append((cur, min(lo - 1, hi_all)))
        cur = hi + 1
        if cur > hi_all:
            break
    if cur <= hi_all:
        out.append((cur, hi_all))
    return out


# UTF-8: code-point ranges -> byte-sequence patterns.
_UTF8_BOUNDS = ((0x80, 0x7FF), (0x800, 0xFFFF), (0x10000, 0x10FFFF))


def _utf8_seqs(lo, hi):
    """Split [lo, hi] (code points >= 0x80, no surrogates) into lists of
    byte ranges, one list per UTF-8 sequence shape (as RE2 does)."""
    out = []
    for blo, bhi in _UTF8_BOUNDS:
        a, b = max(lo, blo), min(hi, bhi)
        if a <= b:
            _utf8_split(a, b, out)
    return out


def _utf8_split(lo, hi, out):
    n = 2 if hi <= 0x7FF else 3 if hi <= 0xFFFF else 4
    # split so that each piece differs only in a suffix of whole continuation bytes
    for k in range(1, n):
        m = (1 << (6 * k)) - 1
        if (lo & ~m) != (hi & ~m):
            if lo & m != 0:
                _utf8_split(lo, lo | m, out)
                _utf8_split((lo | m) + 1, hi, out)
                return
            if hi & m != m:
                _utf8_split(lo, (hi & ~m) - 1, out)
                _utf8_split(hi & ~m, hi, out)
                return
    a = chr(lo).encode("utf-8", "surrogatepass")
    b = chr(hi).encode("utf-8", "surrogatepass")
    out.append([(a[j], b[j]) for j in range(len(a))])


def _trie_pattern(seqs):
    """Byte-range sequences -> one pattern, sharing common leading ranges
    (so that sre tries few alternatives per character)."""
    if all(len(q) == 1 for q in seqs):
        vals = []
        for q in seqs:
            vals.extend(range(q[0][0], q[0][1] + 1))
        return _bytes_class(sorted(set(vals)))
    groups = {}
    for q in seqs:
        groups.setdefault(q[0], []).append(q[1:])
    alts = []
    for (a, b), rests in groups.items():
        head = _esc_byte(a) if a == b else "[%s-%s]" % (_esc_byte(a), _esc_byte(b))
        rests = [r for r in rests if r]
        alts.append(head + (_trie_pattern(rests) if rests else ""))
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


_UNICODE_CACHE = {}


def _unicode_class(name):
    """Non-ASCII code-point ranges of a character class in a UTF-8 locale,
    from Python's Unicode tables (computed once per process, BMP and the
    supplementary planes 1-3)."""
    r = _UNICODE_CACHE.get(name)
    if r is not None:
        return r
    if name in ("digit", "xdigit"):
        r = []
    elif name == "space":
        r = [(0x1680, 0x1680), (0x2000, 0x2006), (0x2008, 0x200A), (0x2028, 0x2029), (0x205F, 0x205F),
             (0x3000, 0x3000)]
    elif name == "blank":
        r = [(0x1680, 0x1680), (0x2000, 0x2006), (0x2008, 0x200A), (0x205F, 0x205F), (0x3000, 0x3000)]
    elif name == "cntrl":
        r = [(0x80, 0x9F), (0x2028, 0x2029)]
    elif name in ("upper", "lower"):
        # glibc: a letter with a mapping to the other case (titlecase too)
        r = []
        for cp in range(0x80, 0x1E944):
            ch = chr(cp)
            if (ch.lower() if name == "upper" else ch.upper()) != ch:
                if r and r[-1][1] == cp - 1:
                    r[-1] = (r[-1][0], cp)
                else:
                    r.append((cp, cp))
    else:
        pat = {"alpha": r"[^\W_]+", "alnum": r"[^\W_]+", "print": r"\S+", "graph": r"\S+",
               "punct": r"[^\w\s]+"}[name]
        text = _UNICODE_CACHE.get(" text")
        if text is None:
            text = _UNICODE_CACHE[" text"] = "".join(map(chr, range(0x80, 0x32400)))
        r = [(m.start() + 0x80, m.end() + 0x7F) for m in _re.finditer(pat, text)]
        if name == "print":
            r = _merge(r + [(0xA0, 0xA0), (0x2000, 0x200A), (0x3000, 0x3000)])
        r = [(max(a, 0x80), b) for a, b in r if b >= 0x80 and not (0xD800 <= a and b <= 0xDFFF)]
    _UNICODE_CACHE[name] = r
    return r


def _towupper(cp):
    """glibc's towupper in C.UTF-8: Python's simple mapping, but for the
    Greek letters with a iota subscript (which glibc maps to their title
    case forms)."""
    if 0x1F80 <= cp <= 0x1FA7 and (cp & 0xF) < 8:
        return cp + 8
    if cp in (0x1FB3, 0x1FC3, 0x1FF3):
        return cp + 9
    u = chr(cp).upper()
    return ord(u) if len(u) == 1 else cp


def _towlower(cp):
    if cp == 0x130:  # LATIN CAPITAL LETTER I WITH DOT ABOVE: i in glibc
        return 0x69
    v = chr(cp).lower()
    return ord(v) if len(v) == 1 else cp


def _fold_cp(cp):
    """The code points that match `cp` case-insensitively, as dfa.c's
    case_folded_counterparts: its upper case, that one's lower case if it
    maps back, and the "lonesome" lower cases that share the upper case
    (so ſ matches s and S, but the Kelvin sign only itself)."""
    out = {cp}
    uc = _towupper(cp)
    out.add(uc)
    lc = _towlower(uc)
    if _towupper(lc) == uc:
        out.add(lc)
    for lone in _LONESOME:
        if _towupper(lone) == uc:
            out.add(lone)
    return out


# Lower-case letters whose upper case maps back to another lower case (dfa.c's table).
_LONESOME = (0x00B5, 0x0131, 0x017F, 0x01C5, 0x01C8, 0x01CB, 0x01F2, 0x0345, 0x03C2, 0x03D0, 0x03D1,
             0x03D5, 0x03D6, 0x03F0, 0x03F1, 0x03F5, 0x1E9B, 0x1FBE)


class _Emitter:
    """AST -> Python pattern text."""

    def __init__(self, utf8, icase, sep, multiline, bits, variant=None):
        self.utf8 = utf8
        self.icase = icase
        self.sep = sep  # grep's record separator (int) or None
        self.multiline = multiline
        self.bits = bits
        self.variant = variant  # None, or what follows the match end: "end" "nl" "word" "other"
        nl = 10
        dot_ex = set()
        hat_ex = set()
        if sep is not None:
            dot_ex.add(sep)
            hat_ex.add(sep)
        else:
            if multiline:
                dot_ex.add(nl)
                hat_ex.add(nl)
            if not bits & DOT_NEWLINE:
                dot_ex.add(nl)
            if bits & HAT_LISTS_NOT_NEWLINE:
                hat_ex.add(nl)
        if bits & DOT_NOT_NULL:
            dot_ex.add(0)
        self.dot_ex = dot_ex
        self.hat_ex = hat_ex

    def emit(self, node):
        k = node[0]
        if k == "char":
            return self.char(node[1])
        if k == "cat":
            return "".join(self.emit(x) for x in node[1])
        if k == "alt":
            return "(?:" + "|".join(self.emit(x) for x in node[1]) + ")"
        if k == "group":
            return "(" + self.emit(node[2]) + ")"
        if k == "rep":
            inner = self.emit(node[1])
            if node[1][0] != "group" and not _ONE_TOKEN(inner):
                inner = "(?:" + inner + ")"
            lo, hi = node[2], node[3]
            if hi is None:
                q = "*" if lo == 0 else "+" if lo == 1 else "{%d,}" % lo
            elif lo == hi:
                q = "{%d}" % lo
            elif lo == 0 and hi == 1:
                q = "?"
            else:
                q = "{%d,%d}" % (lo, hi)
            return inner + q
        if k == "any":
            return self.set_pattern([], [], True, self.dot_ex)
        if k == "set":
            return self.set_pattern(node[1], node[2], node[3], self.hat_ex if node[4] else set())
        if k == "bref":
            return "(?:\\%d)" % node[1]
        if k == "assert":
            return self.assertion(node[1])
        if k == "empty":
            return ""
        if k == "byte":
            return "(?!)" if node[1] == self.sep else _esc_byte(node[1])
        raise AssertionError(k)  # pragma: no cover

    def char(self, cp):
        if not self.utf8 or (cp < 0x80 and not (self.icase and cp in b"iksIKS")):
            if cp == self.sep:
                return "(?!)"
            return _esc_byte(cp)
        if 0xDC80 <= cp <= 0xDCFF:  # an undecodable byte of the pattern
            return _esc_byte(cp - 0xDC00)
        if self.icase:
            alts = sorted(_fold_cp(cp))
            if len(alts) > 1:  # (sre folds an ASCII one itself: s gives S, not the ſ of s)
                return "(?:" + "|".join("".join(_esc_byte(b) for b in chr(a).encode("utf-8"))
                                        for a in alts if a >= 0x80 or a == cp or cp >= 0x80) + ")"
        return "".join(_esc_byte(b) for b in chr(cp).encode("utf-8", "surrogatepass"))

    def set_pattern(self, ranges, classes, neg, exclude):
        if not self.utf8:
            members = set()
            for lo, hi in ranges:
                members.update(range(lo, hi + 1))
            for name in classes:
                for lo, hi in _CLASS_ASCII[name]:
                    members.update(range(lo, hi + 1))
            if self.icase:
                for b in list(members):
                    if 65 <= b <= 90 or 97 <= b <= 122:
                        members.add(b ^ 32)
            if neg:
                members = set(range(256)) - members
            if self.sep is not None:
                members.discard(self.sep)
            if neg:
                members -= exclude
            return _bytes_class(sorted(members))
        # UTF-8: code points
        rs = list(ranges)
        for name in classes:
            rs.extend(_CLASS_ASCII[name])
            rs.extend(_unicode_class(name))
        raw = [r for r in rs if r[0] >= 0xDC80 and r[1] <= 0xDCFF]  # undecodable pattern bytes
        rs = [r for r in rs if not (r[0] >= 0xDC80 and r[1] <= 0xDCFF)]
        if self.icase:
            extra = []
            for lo, hi in rs:
                for cp in range(lo, min(hi, 0x1FFFF) + 1):
                    if chr(cp).lower() != chr(cp) or chr(cp).upper() != chr(cp):
                        for f in _fold_cp(cp):
                            extra.append((f, f))
            rs.extend(extra)
        rs = _merge(rs)
        if neg:
            rs = _subtract(rs, 0, 0x10FFFF)
            for e in exclude:
                rs = _subtract_one(rs, e)
            raw = []
        if self.sep is not None:
            rs = _subtract_one(rs, self.sep)
        rs = _subtract_range(rs, 0xD800, 0xDFFF)
        ascii_part = [(lo, min(hi, 0x7F)) for lo, hi in rs if lo <= 0x7F]
        alts = []
        single = set()
        for lo, hi in ascii_part:
            single.update(range(lo, hi + 1))
        for lo, hi in raw:
            single.update(range(lo - 0xDC00, hi - 0xDC00 + 1))
        if single:
            alts.append(_bytes_class(sorted(single)))
        seqs = []
        for lo, hi in rs:
            if hi >= 0x80:
                seqs.extend(_utf8_seqs(max(lo, 0x80), hi))
        if seqs:
            alts.append(_trie_pattern(seqs))
        if not alts:
            return "(?!)"
        if len(alts) == 1:
            return alts[0] if single else "(?:" + alts[0] + ")"
        return "(?:" + "|".join(alts) + ")"

    def assertion(self, kind):
        v = self.variant
        sep = self.sep
        if kind in ("bob", "eob") and sep is not None:
            kind = "bol" if kind == "bob" else "eol"  # each grep line is its own subject
        if kind == "bol":
            if sep is None and not self.multiline:
                return "\\A"
            if sep is None or sep == 10:
                return "(?m:^)"
            return "(?:\\A|(?<=%s))" % _esc_byte(sep)
        if kind == "bob":
            return "\\A"
        if kind == "eol":
            if sep is None and not self.multiline:
                kind = "eob"
            else:
                nlc = _esc_byte(10 if sep is None else sep)
                if v is None:
                    return "(?m:$)" if sep is None or sep == 10 else "(?=%s|\\Z)" % nlc
                return "(?:(?=%s)|\\Z)" % nlc if v in ("end", "nl") else "(?=%s)" % nlc
        if kind == "eob":
            if v is None or v == "end":
                return "\\Z"
            return "(?!)"
        w = "\\w"
        if kind == "wordb":
            if v == "word":
                return "(?:\\b(?!\\Z)|\\Z(?<!\\w))"
            return "\\b"
        if kind == "nwordb":
            if v == "word":
                return "(?:\\B(?!\\Z)|\\Z(?<=\\w))"
            return "(?:\\B|\\A\\Z)" if v is None else "\\B"
        if kind == "wbeg":
            if v == "word":
                return "(?:\\b(?=\\w)|\\Z(?<!\\w))"
            return "\\b(?=%s)" % w
        if kind == "wend":
            if v == "word":
                return "\\b(?<=\\w)(?!\\Z)"
            return "\\b(?<=%s)" % w
        if kind == "nwbefore":
            return "(?<!\\w)"
        if kind == "nwafter":
            if v == "word":
                return "(?!\\w)(?!\\Z)"
            return "(?!\\w)"
        raise AssertionError(kind)  # pragma: no cover


def _subtract_one(rs, e):
    return _subtract_range(rs, e, e)


def _subtract_range(rs, a, b):
    out = []
    for lo, hi in rs:
        if hi < a or lo > b:
            out.append((lo, hi))
            continue
        if lo < a:
            out.append((lo, a - 1))
        if hi > b:
            out.append((b + 1, hi))
    return out


# ---------------------------------------------------------------------------
# Analysis: lengths, literals, and whether sre's first match is the longest.

def _lengths(node):
    """(min, max) length in characters; max None when unbounded."""
    k = node[0]
    if k in ("char", "any", "set", "byte"):
        return 1, 1
    if k in ("assert", "empty"):
        return 0, 0
    if k == "group":
        return _lengths(node[2])
    if k == "cat":
        lo = hi = 0
        for x in node[1]:
            a, b = _lengths(x)
            lo += a
            hi = None if hi is None or b is None else hi + b
        return lo, hi
    if k == "alt":
        ls = [_lengths(x) for x in node[1]]
        return min(a for a, _ in ls), (None if any(b is None for _, b in ls) else max(b for _, b in ls))
    if k == "rep":
        a, b = _lengths(node[1])
        hi = None if node[3] is None or b is None else b * node[3]
        if node[3] is None and b == 0:
            hi = 0
        return a * node[2], hi
    if k == "bref":
        return 0, None
    raise AssertionError(k)  # pragma: no cover


def _literal_text(node):
    """The characters of a node that is a plain string of chars, else None."""
    k = node[0]
    if k == "char":
        return [node[1]]
    if k == "set" and not node[2] and not node[3] and len(node[1]) == 1 and node[1][0][0] == node[1][0][1]:
        return [node[1][0][0]]  # [+]
    if k == "empty":
        return []
    if k == "cat":
        out = []
        for x in node[1]:
            t = _literal_text(x)
            if t is None:
                return None
            out.extend(t)
        return out
    return None


def _single(node):
    """True for a node that always matches exactly one character."""
    k = node[0]
    if k in ("char", "any", "set", "byte"):
        return True
    if k == "group":
        return False  # a quantified group records its last iteration: keep it exact
    if k == "alt":
        return all(_single(x) for x in node[1])
    return False


def _has_bref(node):
    k = node[0]
    if k == "bref":
        return True
    if k in ("cat", "alt"):
        return any(_has_bref(x) for x in node[1])
    if k in ("group",):
        return _has_bref(node[2])
    if k == "rep":
        return _has_bref(node[1])
    return False


def _flatten(node, out):
    """Top-level sequence units: groups are transparent, cats spliced."""
    k = node[0]
    if k == "cat":
        for x in node[1]:
            _flatten(x, out)
    elif k == "group" and node[2][0] != "alt":
        _flatten(node[2], out)
    elif k == "empty":
        pass
    else:
        out.append(node)
    return out


def _unit_kind(u):
    """"zw" zero-width, "atom" one char (maybe quantified), "fixed" fixed
    length with every choice the same length, "lit-alt" an alternation of
    plain strings, or None (anything else)."""
    k = u[0]
    if k == "assert":
        return "zw"
    if _single(u):
        return "atom"
    if k == "rep":
        if _single(u[1]):
            return "atom"
        lo, hi = _lengths(u)
        if hi == lo and not _has_bref(u):
            return "fixed"
        return None
    if k == "group":
        u = u[2]
        k = u[0]
    if k == "alt":
        lits = [_literal_text(b) for b in u[1]]
        if all(t is not None for t in lits):
            return "lit-alt"
        lo, hi = _lengths(u)
        if lo == hi and not _has_bref(u):
            return "fixed"
        return None
    if k == "bref":
        return None
    lo, hi = _lengths(u)
    if lo == hi and not _has_bref(u):
        return "fixed"
    return None


def _reorder(node):
    """Sort alternations of plain strings longest first (in place-ish copy)."""
    k = node[0]
    if k == "alt":
        branches = [_reorder(x) for x in node[1]]
        lits = [_literal_text(b) for b in branches]
        if all(t is not None for t in lits):
            order = sorted(range(len(branches)), key=lambda j: -len(lits[j]))
            branches = [branches[j] for j in order]
        return ("alt", branches)
    if k == "cat":
        return ("cat", [_reorder(x) for x in node[1]])
    if k == "group":
        return ("group", node[1], _reorder(node[2]))
    if k == "rep":
        return ("rep", _reorder(node[1]), node[2], node[3])
    return node


def _prefix_free(strings):
    ss = sorted(tuple(s) for s in strings)
    for a, b in zip(ss, ss[1:]):
        if b[:len(a)] == a:
            return False
    return True


def _greedy_is_longest(tree):
    """Can sre's first match at a start ever be shorter than the longest?
    False means "maybe": the caller then extends matches.  The rules (each
    checked against exhaustive search, see tests/multicall/test_regex.py):
    a sequence of zero-width assertions, single characters with any
    quantifier and fixed-length pieces is safe; an alternation of plain
    strings (sorted longest first) is safe when everything before it is
    choice-free and everything after it fixed-length, or anywhere when no
    string is a prefix of another."""
    if _has_bref(tree):
        return False
    units = _flatten(tree, [])
    kinds = [_unit_kind(u) for u in units]
    if None in kinds:
        return False
    alts = [j for j, kd in enumerate(kinds) if kd == "lit-alt"]
    for j in alts:
        u = units[j]
        alt = u[2] if u[0] == "group" else u
        lits = [_literal_text(b) for b in alt[1]]
        if len(set(len(t) for t in lits)) == 1 or _prefix_free(lits):
            kinds[j] = "fixed" if len(set(len(t) for t in lits)) == 1 else "det"
    alts = [j for j, kd in enumerate(kinds) if kd in ("lit-alt", "det")]
    if not alts:
        return True
    # every unit before the first variable alternation must be choice-free
    for j in alts:
        before = units[:j]
        for u, kd in zip(before, kinds[:j]):
            if kd == "atom" and u[0] == "rep" and u[2] != u[3]:
                return False
            if kd == "lit-alt":
                return False
            if kd == "fixed" and _has_choice(u):
                return False
        if kinds[j] == "lit-alt":
            for u, kd in zip(units[j + 1:], kinds[j + 1:]):
                if kd == "zw":
                    continue
                if kd not in ("fixed", "atom") or (u[0] == "rep" and u[2] != u[3]):
                    return False
    return True


def _has_choice(node):
    k = node[0]
    if k == "rep":
        return node[2] != node[3] or _has_choice(node[1])
    if k == "alt":
        return True
    if k == "cat":
        return any(_has_choice(x) for x in node[1])
    if k == "group":
        return _has_choice(node[2])
    return False


def _nullable(node):
    return _lengths(node)[0] == 0


def _last_bytes(node, icase, utf8):
    """The bytes a non-empty match of `node` can end with (a set), or None
    for "any byte"; lets the longest-match search skip impossible ends."""
    k = node[0]
    if k == "char":
        cp = node[1]
        if cp >= 0x80 and utf8:
            return None
        if icase and (65 <= cp <= 90 or 97 <= cp <= 122):
            return {cp, cp ^ 32}
        return {cp}
    if k == "set":
        if node[3] or node[2] or utf8 or icase:
            return None
        out = set()
        for lo, hi in node[1]:
            out.update(range(lo, hi + 1))
        return out
    if k in ("assert", "empty"):
        return set()
    if k == "group":
        return _last_bytes(node[2], icase, utf8)
    if k == "rep":
        return set() if node[3] == 0 else _last_bytes(node[1], icase, utf8)
    if k == "alt":
        out = set()
        for x in node[1]:
            r = _last_bytes(x, icase, utf8)
            if r is None:
                return None
            out |= r
        return out
    if k == "cat":
        out = set()
        for x in reversed(node[1]):
            r = _last_bytes(x, icase, utf8)
            if r is None:
                return None
            out |= r
            if not _nullable(x):
                break
        return out
    return None  # any, bref, byte


def _uses_end_asserts(node):
    k = node[0]
    if k == "assert":
        return True
    if k in ("cat", "alt"):
        return any(_uses_end_asserts(x) for x in node[1])
    if k == "group":
        return _uses_end_asserts(node[2])
    if k == "rep":
        return _uses_end_asserts(node[1])
    return False


# ---------------------------------------------------------------------------
# The compiled object.

class Regex:
    """A compiled pattern.

    Attributes: pattern_obj (the compiled Python pattern; its search()
    gives sre's first match), groups (number of capture groups, numbered as
    the user wrote them), literal (the bytes the pattern matches exactly,
    when it is a plain string, else None), longest_safe (True when
    pattern_obj's first match is always the POSIX longest one), warnings
    (grep's "* at start of expression" ...), utf8, icase.

    search/match/fullmatch(buf, pos=0, endpos=None) return a re.Match whose
    span is POSIX's leftmost-longest match (groups as sre assigns them
    within that span), or None.  finditer(buf, pos, endpos) gives the
    successive non-overlapping matches the way sed's s///g and grep -o walk
    them.
    """

    def __init__(self, tree, pattern_obj, info):
        self.tree = tree
        self.pattern_obj = pattern_obj
        self.groups = info["groups"]
        self.literal = info["literal"]
        self.longest_safe = info["safe"]
        self.warnings = info["warnings"]
        self.utf8 = info["utf8"]
        self.icase = info["icase"]
        self.source = info["source"]
        self._emit_args = info["emit"]
        self._sep = info["sep"]
        self._maxlen = info["maxlen"]
        self._end_sensitive = info["end_sensitive"]
        self._last = info.get("last")
        self._variants = {}
        if self.longest_safe:
            self.search = pattern_obj.search
            self.match = pattern_obj.match
        self.fullmatch = pattern_obj.fullmatch

    def __repr__(self):
        return "<multicall.regex.Regex %r -> %r>" % (self.source, self.pattern_obj.pattern)

    def search(self, buf, pos=0, endpos=None):
        m = self.pattern_obj.search(buf, pos, len(buf) if endpos is None else endpos)
        if m is None:
            return None
        return self._longest(m, buf, endpos)

    def match(self, buf, pos=0, endpos=None):
        m = self.pattern_obj.match(buf, pos, len(buf) if endpos is None else endpos)
        if m is None:
            return None
        return self._longest(m, buf, endpos)

    def _longest(self, m, buf, endpos):
        """The longest match starting where m starts (m is sre's first)."""
        s, e0 = m.span()
        limit = end = len(buf) if endpos is None else endpos
        sepb = 10 if self._sep is None else self._sep[0]
        if self._sep is not None:
            nl = buf.find(self._sep, e0, limit)
            if nl >= 0:
                limit = nl
        if self._maxlen is not None:
            lim2 = s + self._maxlen * (4 if self.utf8 else 1)
            if lim2 < limit:
                limit = lim2
        last = self._last
        e = limit + 1
        while True:
            e -= 1
            if last is not None:  # jump to the next end whose last byte can end a match
                e = max([buf.rfind(b, e0, e) for b in last] or [-1]) + 1
            if e <= e0:
                break
            if self._end_sensitive:  # what follows e decides $, \b, \> ... there
                if e == end:
                    pat = self._variant("end")
                else:
                    c = buf[e]
                    if c == sepb:
                        pat = self._variant("nl")
                    elif c == 95 or 48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122:
                        pat = self._variant("word")
                    else:
                        pat = self._variant("other")
            else:
                pat = self.pattern_obj
            m2 = pat.fullmatch(buf, s, e)
            if m2 is not None:
                return m2
        return m

    def _variant(self, what):
        p = self._variants.get(what)
        if p is None:
            utf8, icase, sep, multiline, bits, flags = self._emit_args
            em = _Emitter(utf8, icase, sep, multiline, bits, variant=what)
            p = self._variants[what] = _re.compile(em.emit(self.tree).encode("latin-1"), flags)
        return p

    def finditer(self, buf, pos=0, endpos=None):
        """Successive matches, as sed's s///g finds them: after a match the
        search goes on at its end; an empty match right after the previous
        match is skipped (`s/x*/-/g` on `abc` gives `-a-b-c-`)."""
        end = len(buf) if endpos is None else endpos
        prev_end = -1
        search = self.search
        while pos <= end:
            m = search(buf, pos, end)
            if m is None:
                return
            s, e = m.span()
            if s == e:
                if s == prev_end:
                    pos = self._next_char(buf, s, end)
                    if pos > end:
                        return
                    continue
                yield m
                prev_end = e
                pos = self._next_char(buf, s, end)
                continue
            yield m
            prev_end = pos = e

    def _next_char(self, buf, i, end):
        i += 1
        if self.utf8:
            while i < end and 0x80 <= buf[i] < 0xC0:
                i += 1
        return i


# ---------------------------------------------------------------------------
# compile()

def _decode(pattern, utf8):
    if utf8:
        return pattern.decode("utf-8", "surrogateescape")
    return pattern.decode("latin-1")


def parse(pattern, syntax="basic", group_base=0):
    """Parse `pattern` (bytes) in `syntax`: (tree, ngroups, warnings).
    Exposed for tests and for callers that combine patterns."""
    tree, ngroups, warnings = _parse(_decode(pattern, False), SYNTAXES[syntax], group_base)
    return tree, ngroups - group_base, warnings


def _parse(text, bits, group_base, utf8=False):
    """(tree, total groups, warnings).  grep's syntaxes are parsed twice, as
    GNU grep does: glibc's parser decides what is an error (and the meaning
    of a pattern with back-references, which only glibc's matcher handles),
    dfa.c's rules give the meaning of the others and the warnings."""
    try:
        p = _Parser(text, bits & ~DFA_REPEAT, group_base, utf8)
        tree = p.parse()
        if not bits & DFA_REPEAT:
            return tree, p.ngroups, p.warnings
        p2 = _Parser(text, bits, group_base, utf8)
        try:
            tree2 = p2.parse()
        except RegexError:
            return tree, p.ngroups, p.warnings
        if _has_bref(tree):
            return tree, p.ngroups, p2.warnings
        return tree2, p2.ngroups, p2.warnings
    except RecursionError:
        raise RegexError(E_SIZE) from None


_CACHE = {}  # compile()'s cache: a pure function's memo, bounded by _CACHE_MAX


def compile(pattern, syntax="basic", *, icase=False, newline=None, multiline=False, utf8=None,
            word=False, line=False):
    """Compile `pattern` (bytes, or a list of bytes patterns: alternatives,
    as grep's -e P1 -e P2) into a Regex.

    syntax:    a key of SYNTAXES: "basic" and "extended" (sed, sed -E),
               "grep" and "egrep" (grep -G, grep -E), "expr", "awk",
               "emacs", "perl" (grep -P), and findutils' types
               (FIND_TYPES maps -regextype names to these keys).
    icase:     -i / sed's I flag.
    newline:   grep's record separator, b"\\n" (or b"\\0" for grep -z):
               nothing in the pattern matches it, ^ and $ (and \\` \\')
               match next to it, so one search covers a whole chunk.
    multiline: sed's M flag: ^ and $ also match at embedded newlines and
               `.` and [^...] do not match newline; \\` and \\' still
               mean the buffer's ends.
    utf8:      characters are UTF-8 sequences (default: the locale, from
               LC_ALL/LC_CTYPE/LANG).
    word:      grep -w: the match must not touch a word character.
    line:      grep -x (and expr's anchoring at both ends): the match must
               be a whole line (or the whole buffer).

    Raises RegexError with GNU's message for an invalid pattern.
    """
    if utf8 is None:
        from compat.platform import utf8_locale
        utf8 = utf8_locale()
    if isinstance(newline, int):
        newline = bytes((newline,))
    key = (pattern if isinstance(pattern, bytes) else tuple(pattern), syntax, icase, newline, multiline,
           bool(utf8), word, line)
    r = _CACHE.get(key)
    if r is not None:
        return r
    r = _compile(pattern, syntax, icase, newline, multiline, bool(utf8), word, line)
    if len(_CACHE) >= _CACHE_MAX:
        _CACHE.clear()
    _CACHE[key] = r
    return r


def compile_many(patterns, syntax="basic", **kw):
    """One Regex matching any of `patterns` (grep's -e P1 -e P2 / -f FILE,
    after grep has split its patterns at newlines).  Back-references are
    renumbered: in the second pattern \\1 means that pattern's own first
    group.  The match is the leftmost-longest over all of them."""
    return compile(list(patterns), syntax, **kw)


def _compile(pattern, syntax, icase, newline, multiline, utf8, word, line):
    if syntax not in SYNTAXES:
        raise ValueError("unknown regex syntax %r" % (syntax,))
    bits = SYNTAXES[syntax]
    sep = newline[0] if newline else None
    flags = _re.IGNORECASE if icase else 0
    if bits is None:
        return _compile_perl(pattern, icase, sep, multiline, utf8, word, line)
    patterns = [pattern] if isinstance(pattern, bytes) else list(pattern)
    trees = []
    warnings = []
    ngroups = 0
    for pat in patterns:
        tree, ngroups, warns = _parse(_decode(pat, utf8), bits, ngroups, utf8)
        trees.append(tree)
        warnings.extend(warns)
    tree = trees[0] if len(trees) == 1 else ("alt", trees)
    literal = None
    lit = _literal_text(tree)
    if lit is not None and not word and not line:
        try:
            b = "".join(map(chr, lit)).encode("utf-8" if utf8 else "latin-1", "surrogateescape")
        except (UnicodeEncodeError, ValueError):
            b = None
        if b is not None and (not icase or not any(65 <= c <= 90 or 97 <= c <= 122 or c >= 0x80 for c in b)):
            if sep is None or sep not in b:
                literal = b
    if line:
        tree = ("cat", [("assert", "bol"), tree, ("assert", "eol")])
    elif word:
        tree = ("cat", [("assert", "nwbefore"), tree, ("assert", "nwafter")])
    # Alternatives of plain strings go longest first when that makes sre's
    # first match the longest; otherwise the user's order stays, so that the
    # groups of an extended match come out as glibc's do.
    sorted_tree = _reorder(tree)
    safe = _greedy_is_longest(sorted_tree)
    if safe or sorted_tree == tree:
        tree = sorted_tree
    minlen, maxlen = _lengths(tree)
    em = _Emitter(utf8, icase, sep, multiline, bits)
    try:
        text = em.emit(tree)
        pobj = _re.compile(text.encode("latin-1"), flags)
    except RecursionError:
        raise RegexError(E_SIZE) from None
    except (_re.error, OverflowError, AssertionError):
        raise RegexError(E_SIZE) from None
    last = None
    if not safe:
        last = _last_bytes(tree, icase, utf8)
        if last is not None:
            last = [bytes((b,)) for b in sorted(last)] if len(last) <= 8 else None
    info = {"last": last, "groups": ngroups, "literal": literal, "safe": safe, "warnings": warnings, "utf8": utf8,
            "icase": icase, "source": pattern, "emit": (utf8, icase, sep, multiline, bits, flags),
            "sep": newline, "maxlen": maxlen, "end_sensitive": _uses_end_asserts(tree)}
    return Regex(tree, pobj, info)


def _compile_perl(pattern, icase, sep, multiline, utf8, word, line):
    """grep -P: Perl syntax is close to Python's; translate the few
    differences (\\z, \\Z, \\h, \\Q..\\E, possessive/atomic are native in 3.11)."""
    pats = [pattern] if isinstance(pattern, bytes) else list(pattern)
    out = []
    for p in pats:
        out.append(_perl_to_python(p))
    text = b"|".join(b"(?:" + p + b")" for p in out) if len(out) > 1 else out[0]
    if line:
        text = b"^(?:" + text + b")$"
    elif word:
        text = b"(?<!\\w)(?:" + text + b")(?!\\w)"
    flags = (_re.IGNORECASE if icase else 0) | (_re.MULTILINE if sep == 10 or multiline else 0)
    try:
        pobj = _re.compile(text, flags)
    except (_re.error, RecursionError, OverflowError) as e:
        raise RegexError(_perl_message(e)) from None
    info = {"groups": pobj.groups, "literal": None, "safe": True, "warnings": [], "utf8": utf8,
            "icase": icase, "source": pattern, "emit": None, "sep": None, "maxlen": None,
            "end_sensitive": False}
    return Regex(("perl",), pobj, info)


def _perl_message(e):
    msg = getattr(e, "msg", None) or str(e)
    return msg


def _perl_to_python(p):
    out = bytearray()
    i, n = 0, len(p)
    while i < n:
        c = p[i]
        if c == 0x5C and i + 1 < n:
            d = p[i + 1]
            if d == ord("Q"):
                j = p.find(b"\\E", i + 2)
                lit = p[i + 2:] if j < 0 else p[i + 2:j]
                out += _re.escape(lit)
                i = n if j < 0 else j + 2
                continue
            if d == ord("z"):
                out += b"\\Z"
            elif d == ord("Z"):
                out += b"(?=\\n?\\Z)"
            elif d == ord("h"):
                out += b"[ \\t]"
            elif d == ord("H"):
                out += b"[^ \\t]"
            else:
                out += p[i:i + 2]
            i += 2
            continue
        out.append(c)
        i += 1
    return bytes(out)


def escape(data):
    """`data` (bytes) as a BRE or ERE that matches it literally."""
    out = bytearray()
    for b in data:
        if b in b".[\\*^$":
            out.append(0x5C)
            out.append(b)
        elif b in b"+?{}()|":
            out += b"[%c]" % b
        else:
            out.append(b)
    return bytes(out)


def line_pattern(source, flags, eol=b"\n", kind="lines"):
    """A Python pattern (compiled) that finds whole records with a match of
    `source` (a compiled pattern's .pattern, with its .flags) in a chunk of
    records ended by `eol`, so that findall/subn select lines in C (grep's
    and sed's dense paths): "count" matches the match and the rest of its
    line (one per line with a match, for len(findall)); "lines" matches
    whole lines that have one (findall gives them, unless the pattern has
    groups: then findall gives the groups, and m.group() of finditer is
    the line; subn removes them)."""
    import re
    nl = b"\\n" if eol == b"\n" else b"\\x00"
    bol = b"(?m:^)" if eol == b"\n" else b"(?:\\A|(?<=\\x00))"
    p = b"(?:" + source + b")"
    if kind == "count":
        text = p + b"[^" + nl + b"]*" + nl
    else:   # (greedy: any match will do, and sre backtracks faster than it crawls)
        text = bol + b"[^" + nl + b"]*" + p + b"[^" + nl + b"]*" + nl
    return re.compile(text, flags)
