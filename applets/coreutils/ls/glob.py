"""fnmatch(3) with FNM_PERIOD over bytes, for ls --hide, -I and -B.

A pattern is compiled once into tokens; matching backtracks over `*`
only (the classic two-pointer algorithm), so it is linear for the usual
patterns and never recursive.
"""

_CLASSES = {
    b"alpha": lambda c: 65 <= c <= 90 or 97 <= c <= 122,
    b"digit": lambda c: 48 <= c <= 57,
    b"alnum": lambda c: 65 <= c <= 90 or 97 <= c <= 122 or 48 <= c <= 57,
    b"upper": lambda c: 65 <= c <= 90,
    b"lower": lambda c: 97 <= c <= 122,
    b"space": lambda c: c in b" \t\n\v\f\r",
    b"blank": lambda c: c in b" \t",
    b"punct": lambda c: 33 <= c <= 126 and not (65 <= c <= 90 or 97 <= c <= 122 or 48 <= c <= 57),
    b"print": lambda c: 32 <= c <= 126,
    b"graph": lambda c: 33 <= c <= 126,
    b"cntrl": lambda c: c < 32 or c == 127,
    b"xdigit": lambda c: 48 <= c <= 57 or 65 <= c <= 70 or 97 <= c <= 102,
}

_STAR = 0
_ANY = 1
_LIT = 2
_SET = 3


def _bracket(p, i):
    """Parse a bracket expression starting after '['; (token, next index)
    or None when it is not a valid one (then '[' is literal)."""
    n = len(p)
    negate = False
    if i < n and p[i] in b"!^":
        negate = True
        i += 1
    items = []
    first = True
    while i < n:
        c = p[i]
        if c == 93 and not first:  # ]
            return (_SET, negate, items), i + 1
        first = False
        if c == 91 and p[i + 1:i + 2] == b":":  # [:class:]
            end = p.find(b":]", i + 2)
            if end >= 0 and p[i + 2:end] in _CLASSES:
                items.append(_CLASSES[p[i + 2:end]])
                i = end + 2
                continue
        if c == 92 and i + 1 < n:
            i += 1
            c = p[i]
        lo = c
        i += 1
        if i + 1 < n and p[i] == 45 and p[i + 1] != 93:  # a-z
            hi = p[i + 1]
            i += 2
            if hi == 92 and i < n:
                hi = p[i]
                i += 1
            items.append((lo, hi))
        else:
            items.append((lo, lo))
    return None


def compile(pattern):
    """Tokens of a shell pattern (bytes)."""
    toks = []
    i = 0
    n = len(pattern)
    while i < n:
        c = pattern[i]
        if c == 42:
            if not toks or toks[-1][0] != _STAR:
                toks.append((_STAR,))
            i += 1
        elif c == 63:
            toks.append((_ANY,))
            i += 1
        elif c == 91:
            r = _bracket(pattern, i + 1)
            if r is None:
                toks.append((_LIT, c))
                i += 1
            else:
                toks.append(r[0])
                i = r[1]
        elif c == 92 and i + 1 < n:
            toks.append((_LIT, pattern[i + 1]))
            i += 2
        else:
            toks.append((_LIT, c))
            i += 1
    return toks


def _one(tok, c):
    kind = tok[0]
    if kind == _LIT:
        return tok[1] == c
    if kind == _ANY:
        return True
    hit = False
    for item in tok[2]:
        if callable(item):
            if item(c):
                hit = True
                break
        elif item[0] <= c <= item[1]:
            hit = True
            break
    return hit != tok[1]


def match(toks, name):
    """fnmatch(pattern, name, FNM_PERIOD): a leading '.' must be matched
    by a literal '.'."""
    n = len(name)
    if n and name[0] == 46 and toks and toks[0][0] != _LIT:
        return False
    ti = ni = 0
    star_t = star_n = -1
    nt = len(toks)
    while ni < n:
        if ti < nt:
            tok = toks[ti]
            if tok[0] == _STAR:
                star_t = ti
                star_n = ni
                ti += 1
                continue
            if _one(tok, name[ni]):
                ti += 1
                ni += 1
                continue
        if star_t < 0:
            return False
        ti = star_t + 1
        star_n += 1
        ni = star_n
    while ti < nt and toks[ti][0] == _STAR:
        ti += 1
    return ti == nt
