"""The s command at run time: GNU's do_subst and append_replacement.

A replacement is the list of (literal prefix, group or -1, case type)
pieces that parse.setup_replacement builds.  Without case conversion it
also becomes a Python template (`\\g<1>`), so that the common
`s/re/rep/` and `s/re/rep/g` run as one `pattern.subn` call in C when that
is sound (the regex cannot match the empty string, whose handling differs
between Python and sed, and sre's first match is the POSIX longest).
"""
from applets.editors.sed.parse import (REPL_ASIS, REPL_LOWERCASE, REPL_LOWERCASE_FIRST, REPL_MODIFIERS,
                                       REPL_UPPERCASE, REPL_UPPERCASE_FIRST)


def template(parts):
    """A bytes template for pattern.sub, or None when there is case conversion."""
    out = []
    for prefix, gid, rtype in parts:
        if rtype != REPL_ASIS:
            return None
        out.append(prefix.replace(b"\\", b"\\\\"))
        if gid >= 0:
            out.append(b"\\g<%d>" % gid)
    return b"".join(out)


def can_match_empty(rx):
    """True when the regex may match the empty string next to a non-empty
    match (where Python's sub and sed differ): it can match empty and is
    not purely zero-width."""
    tree = getattr(rx, "tree", None)
    if tree is None:
        return True
    try:
        from multicall.regex import _lengths
        lo, hi = _lengths(tree)
    except Exception:
        return True
    return lo == 0 and hi != 0


class Replacer:
    """Expands one s command's replacement for a match."""

    def __init__(self, parts, utf8):
        self.parts = parts
        self.utf8 = utf8
        self.plain = all(t == REPL_ASIS for _, _, t in parts)
        self.const = b"".join(p for p, _, _ in parts) if all(g < 0 for _, g, _ in parts) else None

    def expand(self, m):
        if self.const is not None and self.plain:
            return self.const
        out = []
        if self.plain:
            ngroups = m.re.groups
            for prefix, gid, _ in self.parts:
                if prefix:
                    out.append(prefix)
                if gid >= 0 and gid <= ngroups:
                    g = m.group(gid)
                    if g:
                        out.append(g)
            return b"".join(out)
        repl_mod = 0
        ngroups = m.re.groups
        for prefix, gid, rtype in self.parts:
            curr = rtype if rtype & REPL_MODIFIERS else rtype | repl_mod
            repl_mod = 0
            if prefix:
                out.append(self.modified(prefix, curr))
                curr &= ~REPL_MODIFIERS
            if 0 <= gid <= ngroups:
                g = m.group(gid)
                if not g:
                    if rtype & REPL_MODIFIERS:
                        repl_mod = curr & REPL_MODIFIERS
                else:
                    out.append(self.modified(g, curr))
        return b"".join(out)

    def modified(self, data, rtype):
        if rtype == REPL_ASIS:
            return data
        if self.utf8:
            return _modify_text(data, rtype)
        first = b""
        if rtype & (REPL_UPPERCASE_FIRST | REPL_LOWERCASE_FIRST):
            first = data[:1].upper() if rtype & REPL_UPPERCASE_FIRST else data[:1].lower()
            data = data[1:]
            rtype &= ~REPL_MODIFIERS
        if rtype & REPL_UPPERCASE:
            data = data.upper()
        elif rtype & REPL_LOWERCASE:
            data = data.lower()
        return first + data


def _one(c, up):
    r = c.upper() if up else c.lower()
    return r if len(r) == 1 else c


def _modify_text(data, rtype):
    s = data.decode("utf-8", "surrogateescape")
    out = []
    if rtype & (REPL_UPPERCASE_FIRST | REPL_LOWERCASE_FIRST) and s:
        out.append(_one(s[0], rtype & REPL_UPPERCASE_FIRST))
        s = s[1:]
        rtype &= ~REPL_MODIFIERS
    if rtype & REPL_UPPERCASE:
        s = "".join(_one(c, True) for c in s)
    elif rtype & REPL_LOWERCASE:
        s = "".join(_one(c, False) for c in s)
    out.append(s)
    return "".join(out).encode("utf-8", "surrogateescape")


def substitute(ps, search, rep, glob, numb, utf8):
    """GNU's do_subst loop: the new pattern space, or None when nothing
    was replaced (no match, or fewer than `numb` matches)."""
    m = search(ps, 0)
    if m is None:
        return None
    n = len(ps)
    start = 0
    last_end = 0
    count = 0
    out = []
    while True:
        offset, end = m.span()
        matched = end - offset
        if start < offset:
            out.append(ps[start:offset])
            start = offset
        again = True
        if (matched > 0 or count == 0 or offset > last_end):
            count += 1
            hit = count >= numb
        else:
            hit = False
        if hit:
            out.append(rep.expand(m))
            again = glob
        else:
            if matched == 0:
                if start < n:
                    matched = 1  # one byte, even inside a UTF-8 character (as GNU)
                else:
                    break
            out.append(ps[offset:offset + matched])
        start = offset + matched
        last_end = end
        if not again or start > n:
            break
        m = search(ps, start)
        if m is None:
            break
    if count < numb or count == 0:
        return None
    if start < n:
        out.append(ps[start:])
    return b"".join(out)


def _char_len(buf, i):
    """Length of the UTF-8 character at buf[i] (1 for an invalid byte)."""
    c = buf[i]
    if c < 0xC2:
        return 1
    ln = 2 if c < 0xE0 else 3 if c < 0xF0 else 4 if c < 0xF5 else 1
    try:
        buf[i:i + ln].decode("utf-8")
    except UnicodeDecodeError:
        return 1
    return ln
