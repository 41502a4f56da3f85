"""Shell patterns for diff -x/-X: fnmatch(3) without FNM_PATHNAME or
FNM_PERIOD (a '*' matches a leading dot), optionally FNM_CASEFOLD, on
bytes names.

A pattern is translated once into a Python regular expression over the
Latin-1 decoding of the bytes, so that every byte is one character:
'*' '?' '[...]' (with '!' or '^' negation, ranges, and the POSIX classes
of the C locale), a backslash quoting the next character, and a '[' with
no closing ']' standing for itself.  (A candidate for multicall/: find
and tar --exclude need the same thing.)
"""

_CLASSES = {
    "alpha": "a-zA-Z", "digit": "0-9", "alnum": "a-zA-Z0-9", "upper": "A-Z", "lower": "a-z",
    "space": " \\t\\n\\r\\f\\v", "blank": " \\t", "punct": "!-/:-@\\[-`{-~",
    "print": " -~", "graph": "!-~", "cntrl": "\\x00-\\x1f\\x7f", "xdigit": "0-9A-Fa-f",
}


def _escape(ch):
    return "\\x%02x" % ord(ch)


def _bracket(p, i):
    """Translate the bracket expression that starts after the '[' before
    p[i]: (regex, index after ']') or None when it is not closed."""
    n = len(p)
    j = i
    negate = False
    if j < n and p[j] in "!^":
        negate = True
        j += 1
    items = []
    first = True
    while True:
        if j >= n:
            return None
        c = p[j]
        if c == "]" and not first:
            j += 1
            break
        first = False
        if c == "[" and j + 1 < n and p[j + 1] == ":":
            end = p.find(":]", j + 2)
            if end >= 0 and p[j + 2:end] in _CLASSES:
                items.append(_CLASSES[p[j + 2:end]])
                j = end + 2
                continue
        if c == "\\" and j + 1 < n:
            j += 1
            c = p[j]
        lo = c
        j += 1
        if j + 1 < n and p[j] == "-" and p[j + 1] != "]":
            hi = p[j + 1]
            j += 2
            if hi == "\\" and j < n:
                hi = p[j]
                j += 1
            if ord(lo) <= ord(hi):
                items.append(_escape(lo) + "-" + _escape(hi))
            continue
        items.append(_escape(lo))
    body = "".join(items)
    if not body:
        return ("[\\x00-\\xff]" if negate else "(?!)"), j
    return ("[^" if negate else "[") + body + "]", j


def translate(pattern):
    """A regex (str, for Latin-1 text) equivalent to the shell pattern."""
    p = pattern.decode("latin-1")
    out = []
    i = 0
    n = len(p)
    while i < n:
        c = p[i]
        i += 1
        if c == "*":
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "[":
            r = _bracket(p, i)
            if r is None:
                out.append(_escape("["))
            else:
                out.append(r[0])
                i = r[1]
        elif c == "\\" and i < n:
            out.append(_escape(p[i]))
            i += 1
        else:
            out.append(_escape(c))
    return "".join(out)


def compile_patterns(patterns):
    """Matchers (bytes name -> bool) for (pattern, casefold) pairs; a
    pattern is str (from -x) or bytes (from an -X file)."""
    import re
    out = []
    for pat, fold in patterns:
        if isinstance(pat, str):
            pat = pat.encode("utf-8", "surrogateescape")
        flags = re.DOTALL | (re.IGNORECASE | re.ASCII if fold else 0)
        rx = re.compile(translate(pat), flags)
        out.append(lambda name, m=rx.fullmatch: m(name.decode("latin-1")) is not None)
    return out
