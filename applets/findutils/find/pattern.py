"""Shell wildcard patterns (fnmatch(3) without flags, or with FNM_CASEFOLD)
over bytes, for find's -name -iname -path -ipath -lname -ilname.

    m = compile(b"*.h", icase=False)      # a function: m(name) -> bool

Why it is fast: most patterns are literals and `*` only (`*.h`, `core`,
`lib*.so*`), and those are matched with bytes.startswith, endswith and
find, without importing `re`.  Anything else (`?`, brackets, backslashes)
is translated once into a Python regular expression.

What glibc 2.36's fnmatch does, and so this does, in a UTF-8 locale: a name
matches if it matches character by character (when pattern and name are
both valid UTF-8) or byte by byte; so `?` matches `é`, and so does `??`,
and `a?b` matches `a\\377b`.  In the C locale matching is by bytes only.
Case folding (-iname) is ASCII's in the C locale and Unicode's (valid
UTF-8 names) in a UTF-8 locale.  `*` and `?` match any character, '/',
a leading '.' and newline included (no FNM_PATHNAME, no FNM_PERIOD).
A backslash quotes the next character (in brackets too); a pattern ending
in a lone backslash, or naming an unknown [:class:] or a multi-character
[.collating symbol.], matches nothing; a '[' without its ']' is literal.

This module belongs in multicall/ once the shell needs the same thing.
"""

_SPECIAL = frozenset(b"?[\\")
_CLASS_NAMES = ("alpha", "upper", "lower", "digit", "xdigit", "space", "print", "punct",
                "graph", "cntrl", "blank", "alnum")


def compile(pattern, icase=False, utf8=None):
    """A matcher for `pattern` (bytes): a function of a name (bytes)."""
    if utf8 is None:
        from compat.platform import utf8_locale
        utf8 = utf8_locale()
    if not (_SPECIAL & set(pattern)) and (not icase or pattern.isascii()):
        return _star_matcher(pattern, icase)
    return _regex_matcher(pattern, icase, utf8)


def _star_matcher(pattern, icase):
    """Patterns made of literals and `*`: bytes methods only.  (With a
    UTF-8 locale, character and byte matching agree for these.)"""
    if icase:
        pattern = pattern.lower()
    parts = pattern.split(b"*")
    if len(parts) == 1:
        lit = parts[0]
        if icase:
            return lambda s: s.lower() == lit
        return lit.__eq__
    first, last, middle = parts[0], parts[-1], [p for p in parts[1:-1] if p]
    need = len(first) + len(last) + sum(len(m) for m in middle)
    if not middle:
        if not first and not last:
            return lambda s: True
        if not first:
            if icase:
                return lambda s: s.lower().endswith(last)
            return lambda s: s.endswith(last)
        if not last:
            if icase:
                return lambda s: s.lower().startswith(first)
            return lambda s: s.startswith(first)

    def general(s):
        if icase:
            s = s.lower()
        if len(s) < need or not s.startswith(first) or not s.endswith(last):
            return False
        pos = len(first)
        end = len(s) - len(last)
        for m in middle:
            i = s.find(m, pos, end)
            if i < 0:
                return False
            pos = i + len(m)
        return True
    return general


def _regex_matcher(pattern, icase, utf8):
    import re
    flags = re.DOTALL | (re.IGNORECASE if icase else 0)
    chars = [pattern[i:i + 1] for i in range(len(pattern))]
    text = translate(chars, False)
    if text is None:
        return lambda s: False
    bmatch = re.compile(text.encode("latin-1"), flags).fullmatch
    wide = None
    if utf8:
        try:
            upattern = pattern.decode("utf-8")
        except UnicodeDecodeError:
            upattern = None
        if upattern is not None:
            wtext = translate(list(upattern), True)
            if wtext is not None:
                wide = re.compile(wtext, flags).fullmatch
    if wide is None:
        return lambda s: bmatch(s) is not None

    def match(s):
        if bmatch(s) is not None:
            return True
        if s.isascii():
            return False
        try:
            u = s.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return wide(u) is not None
    return match


def translate(chars, wide):
    """The Python regex (str; for bytes mode every character is below 256
    and stands for that byte) matching what the wildcard made of `chars`
    (a list of one-character bytes, or of str characters when `wide`)
    matches, or None when it can match nothing."""
    if not wide:
        chars = [chr(c[0]) for c in chars]
    out = []
    i = 0
    n = len(chars)
    while i < n:
        c = chars[i]
        i += 1
        if c == "*":
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "\\":
            if i >= n:
                return None
            out.append(_esc(chars[i]))
            i += 1
        elif c == "[":
            br = _bracket(chars, i, wide)
            if br is None:
                out.append("\\[")
            elif br is False:
                return None
            else:
                text, i = br
                out.append(text)
        else:
            out.append(_esc(c))
    return "".join(out)


def _esc(c):
    if c.isalnum() and c.isascii():
        return c
    return "\\x%02x" % ord(c) if ord(c) < 256 else c


def _bracket(chars, i, wide):
    """Parse a bracket expression whose '[' is just before index i.
    Returns (regex, index after ']'), None if it is not closed (the '['
    is literal), or False if it makes the whole pattern fail."""
    n = len(chars)
    neg = False
    if i < n and chars[i] in ("!", "^"):
        neg = True
        i += 1
    atoms = []  # regex pieces, each matching one character
    first = True
    bad = False
    while True:
        if i >= n:
            return None
        c = chars[i]
        if c == "]" and not first:
            i += 1
            break
        first = False
        if c == "[" and i + 1 < n and chars[i + 1] in (":", "=", "."):
            kind = chars[i + 1]
            end = _find_close(chars, i + 2, kind)
            if end < 0:
                atoms.append(_esc("["))
                i += 1
                continue
            name = "".join(chars[i + 2:end])
            i = end + 2
            if kind == ":":
                if name not in _CLASS_NAMES:
                    bad = True
                else:
                    atoms.append(_class(name, wide))
                continue
            if len(name) != 1:
                bad = True
                continue
            lo = name
        else:
            if c == "\\" and i + 1 < n:
                c = chars[i + 1]
                i += 2
            else:
                i += 1
            lo = c
        # a range?
        if i + 1 < n and chars[i] == "-" and chars[i + 1] != "]":
            j = i + 1
            hi = chars[j]
            j += 1
            if hi == "\\" and j < n:
                hi = chars[j]
                j += 1
            elif hi == "[" and j < n and chars[j] in (".", "="):
                end = _find_close(chars, j + 1, chars[j])
                if end >= 0:
                    hi = "".join(chars[j + 1:end])
                    j = end + 2
                    if len(hi) != 1:
                        bad = True
                        i = j
                        continue
            i = j
            if ord(lo) <= ord(hi):
                atoms.append("[%s-%s]" % (_esc(lo), _esc(hi)))
            continue
        atoms.append(_esc(lo))
    if bad:
        return False
    if not atoms:
        body = "(?!)"
    else:
        body = "(?:" + "|".join(atoms) + ")"
    if neg:
        return "(?!" + body + ")(?s:.)", i
    return body, i


def _find_close(chars, start, kind):
    """Index of the `kind` of a `kind]` closing a [: :] [= =] [. .] item."""
    j = start
    n = len(chars)
    while j + 1 < n:
        if chars[j] == kind and chars[j + 1] == "]":
            return j
        j += 1
    return -1


_ASCII_CLASSES = {
    "alpha": "[A-Za-z]", "upper": "[A-Z]", "lower": "[a-z]", "digit": "[0-9]",
    "xdigit": "[0-9A-Fa-f]", "space": "[\\t\\n\\v\\f\\r ]", "print": "[\\x20-\\x7e]",
    "punct": "[!-/:-@\\[-`{-~]", "graph": "[\\x21-\\x7e]", "cntrl": "[\\x00-\\x1f\\x7f]",
    "blank": "[\\t ]", "alnum": "[0-9A-Za-z]",
}
_WSPACE = "\\t\\n\\v\\f\\r \\u1680\\u2000-\\u2006\\u2008-\\u200a\\u2028\\u2029\\u205f\\u3000"
_WCNTRL = "\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029"
_WIDE_CLASSES = {
    "alpha": "[^\\W\\d_]", "digit": "[0-9]", "alnum": "(?:[^\\W\\d_]|[0-9])", "xdigit": "[0-9A-Fa-f]",
    "space": "[" + _WSPACE + "]", "blank": "[ \\t\\u1680\\u2000-\\u2006\\u2008-\\u200a\\u205f\\u3000]",
    "cntrl": "[" + _WCNTRL + "]", "print": "[^" + _WCNTRL + "]",
    "graph": "[^" + _WSPACE + _WCNTRL + "]",
    "punct": "(?:_|(?![" + _WCNTRL + "])[^\\w" + _WSPACE + "])",
}


def _class(name, wide):
    if not wide:
        return _ASCII_CLASSES[name]
    if name in ("upper", "lower"):
        return _case_class(name)
    return _WIDE_CLASSES[name]


def _case_class(name):
    """A character class of the Unicode upper- or lower-case letters."""
    test = str.isupper if name == "upper" else str.islower
    ranges = []
    start = None
    for cp in range(0x30000):
        if 0xD800 <= cp < 0xE000:
            ok = False
        else:
            ch = chr(cp)
            ok = test(ch) and len(ch) == 1 and not ch.isdigit()
        if ok and start is None:
            start = cp
        elif not ok and start is not None:
            ranges.append((start, cp - 1))
            start = None
    if start is not None:
        ranges.append((start, 0x2FFFF))
    return "[" + "".join("\\U%08x-\\U%08x" % r if r[0] != r[1] else "\\U%08x" % r[0] for r in ranges) + "]"
