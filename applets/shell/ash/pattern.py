"""Shell patterns over bytes: case, ${x%pat}, ${x/pat/rep} and globbing.

A pattern arrives as a list of (bytes, active) pieces: in an active piece
* ? [...] and backslash are special; in a quoted one every byte is itself.
Patterns are compiled once to a bytes regular expression (cached), and a
pattern with no special byte is compared directly, without loading `re`.

In a UTF-8 locale (utf8=True) `?` and a bracket expression match one
character, as in bash: when the text is not ASCII, pattern and text are
decoded (an invalid byte stays one character, a surrogate escape) and
matched as str; ASCII text takes the bytes path, which matches the same.
"""

_cache = {}
_SPECIAL = frozenset(b"*?[\\")


_ESCAPE = frozenset(b"*?[]\\-!^")


def merge(pieces):
    """One active piece for a pattern whose bracket expression spans quoted
    and unquoted pieces ([C\\-D], [\\]z], ["$x"a]): the quoted bytes are
    escaped with backslashes.  Other patterns are returned as they are."""
    if len(pieces) < 2 or not any(a and 91 in t for t, a in pieces) or all(a for _, a in pieces):
        return pieces
    out = bytearray()
    for text, active in pieces:
        if active:
            out += text
        else:
            for c in text:
                if c in _ESCAPE:
                    out.append(92)
                out.append(c)
    return [(bytes(out), True)]


def has_magic(pieces):
    """Does an active piece hold * ? or a [ closed by a later ]?"""
    for text, active in pieces:
        if active and (b"*" in text or b"?" in text or (b"[" in text and b"]" in text[text.index(b"[") + 1:])
                       or b"\\" in text):
            return True
    return False


def plain(pieces):
    """The literal bytes of a pattern without special bytes (backslashes
    removed from active pieces)."""
    out = bytearray()
    for text, active in pieces:
        if active and 92 in text:
            i = 0
            while i < len(text):
                if text[i] == 92 and i + 1 < len(text):
                    i += 1
                out.append(text[i])
                i += 1
        else:
            out += text
    return bytes(out)


def translate(pieces, lazy=False):
    """The regular-expression source for a pattern (with lazy, `*` is
    `.*?`: the first match found is then the shortest)."""
    import re
    star = b".*?" if lazy else b".*"
    out = []
    for text, active in pieces:
        if not active:
            out.append(re.escape(text))
            continue
        i = 0
        n = len(text)
        while i < n:
            c = text[i]
            if c == 42:
                out.append(star)
            elif c == 63:
                out.append(b".")
            elif c == 92 and i + 1 < n:
                i += 1
                out.append(re.escape(text[i:i + 1]))
            elif c == 91:
                j = i + 1
                if j < n and text[j] in b"!^":
                    j += 1
                if j < n and text[j] == 93:
                    j += 1
                while j < n and text[j] != 93:
                    if text[j] == 92 and j + 1 < n:  # [\]z]: an escaped ]
                        j += 2
                        continue
                    if text[j] == 91 and j + 1 < n and text[j + 1] in b":.=":
                        k = text.find(text[j + 1:j + 2] + b"]", j + 2)
                        if k >= 0:
                            j = k + 2
                            continue
                    j += 1
                if j >= n:
                    out.append(b"\\[")
                else:
                    out.append(_bracket(text[i + 1:j]))
                    i = j
            else:
                out.append(re.escape(text[i:i + 1]))
            i += 1
    return b"".join(out)


_CLASSES = {b"alpha": b"a-zA-Z", b"digit": b"0-9", b"alnum": b"a-zA-Z0-9", b"upper": b"A-Z",
            b"lower": b"a-z", b"space": b" \\t\\n\\r\\f\\v", b"blank": b" \\t",
            b"punct": b"!-/:-@\\[-`{-~", b"print": b" -~", b"graph": b"!-~",
            b"cntrl": b"\\x00-\\x1f\\x7f", b"xdigit": b"0-9A-Fa-f"}


def _bracket(body):
    neg = body[:1] in (b"!", b"^")
    if neg:
        body = body[1:]
    # items: (bytes, is_class, escaped); an unescaped - between two
    # characters makes a range ([a-c]), anywhere else it is itself
    items = []
    i = 0
    n = len(body)
    while i < n:
        c = body[i]
        if c == 91 and body[i + 1:i + 2] == b":":
            k = body.find(b":]", i + 2)
            if k >= 0:
                items.append((_CLASSES.get(body[i + 2:k], b""), True, False))
                i = k + 2
                continue
        if c == 91 and body[i + 1:i + 2] in (b".", b"="):
            # [.x.] collating symbol, [=x=] equivalence class: in the C
            # and UTF-8 locales here, the one character itself
            k = body.find(body[i + 1:i + 2] + b"]", i + 2)
            if k == i + 3:
                items.append((body[i + 2:k], False, False))
                i = k + 2
                continue
        esc = False
        if c == 92 and i + 1 < n:
            i += 1
            c = body[i]
            esc = True
        items.append((bytes((c,)), False, esc))
        i += 1
    out = []
    k = 0
    while k < len(items):
        text, cls, _ = items[k]
        if cls:
            out.append(text)
            k += 1
            continue
        if k + 2 < len(items) and items[k + 1][0] == b"-" and not items[k + 1][2] \
                and not items[k + 2][1]:
            hi = items[k + 2][0]
            if text <= hi:
                out.append(_lit(text) + b"-" + _lit(hi))
            k += 3
            continue
        out.append(_lit(text))
        k += 1
    inner = b"".join(out)
    if not inner:
        return b"(?!)" if not neg else b"."
    return b"[" + (b"^" if neg else b"") + inner + b"]"


def _lit(c):
    """One byte as itself inside a regular-expression bracket."""
    return b"\\" + c if c in b"\\]^-[" else c


def compile_(pieces, wide=False, lazy=False):
    """The compiled pattern: over bytes, or (wide) over str for text
    decoded from UTF-8 with surrogate escapes."""
    key = tuple(pieces)
    if wide or lazy:
        key = (wide, lazy) + key
    r = _cache.get(key)
    if r is None:
        import re
        if len(_cache) > 500:
            _cache.clear()
        src = translate(pieces, lazy)
        if wide:
            # translate() leaves every non-ASCII byte as itself, so the
            # source decodes to the same pattern over characters
            src = src.decode("utf-8", "surrogateescape")
        r = _cache[key] = re.compile(src, re.S)
    return r


def _dec(text):
    return text.decode("utf-8", "surrogateescape")


def _enc(text):
    return text.encode("utf-8", "surrogateescape")


def match(pieces, text, utf8=False):
    """Does the whole of text match the pattern?"""
    if not has_magic(pieces):
        return plain(pieces) == text
    if utf8 and not text.isascii():
        return compile_(pieces, True).fullmatch(_dec(text)) is not None
    return compile_(pieces).fullmatch(text) is not None


def strip(pieces, text, suffix, longest, utf8=False):
    """${x#p} ${x##p} ${x%p} ${x%%p}."""
    n = len(text)
    if not has_magic(pieces):
        p = plain(pieces)
        if suffix:
            return text[:n - len(p)] if p and text.endswith(p) else text
        return text[len(p):] if text.startswith(p) else text
    wide = utf8 and not text.isascii()
    if wide:
        text = _dec(text)
    if not suffix:
        # the first match of the greedy form is the longest prefix, of the
        # lazy form the shortest (see _replace): one match() call
        m = compile_(pieces, wide, not longest).match(text)
        if m is not None:
            text = text[m.end():]
        return _enc(text) if wide else text
    rx = compile_(pieces, wide)
    n = len(text)
    for i in range(0, n + 1) if longest else range(n, -1, -1):
        if rx.fullmatch(text, i):
            text = text[:i]
            break
    return _enc(text) if wide else text


def replace(pieces, text, rep, mode, utf8=False):
    """${x/p/r} (mode "/"), ${x//p/r} ("//"), anchored "/#" and "/%"."""
    if utf8 and not text.isascii():
        return _enc(_replace(compile_(pieces, True), _dec(text), _dec(rep), mode))
    return _replace(compile_(pieces), text, rep, mode)


def _replace(rx, text, rep, mode):
    """The longest match at a position is the regular expression's own
    greedy match: a shell pattern is fixed-width atoms between `.*`s, and
    for such a pattern the backtracking order's first match (each `.*` as
    long as the rest allows, in turn) also ends furthest.  So ${x//p/r}
    is one search per match, not a fullmatch per (start, end) pair."""
    n = len(text)
    if mode == "/#":
        m = rx.match(text)
        return rep + text[m.end():] if m else text
    if mode == "/%":
        for i in range(0, n + 1):
            if rx.fullmatch(text, i):
                return text[:i] + rep
        return text
    out = []
    i = 0
    while i < n:
        m = rx.search(text, i)
        if m is None:
            break
        a, b = m.span()
        if a == b:  # only the empty string matches here: not a match
            out.append(text[i:a + 1])
            i = a + 1
            continue
        out.append(text[i:a])
        out.append(rep)
        i = b
        if mode == "/":
            break
    out.append(text[i:])
    return text[:0].join(out)


def glob(pieces, utf8=False):
    """Pathname expansion: the sorted matches, or [] when none."""
    import posix
    # split the pattern into /-separated components, keeping piece flags
    comps = [[]]
    for text, active in pieces:
        segs = text.split(b"/")
        for k, seg in enumerate(segs):
            if k:
                comps.append([])
            if seg:
                comps[-1].append((seg, active))
    absolute = not comps[0] and len(comps) > 1
    paths = [b"/" if absolute else b""]
    if absolute:
        comps = comps[1:]
    for idx, comp in enumerate(comps):
        last = idx == len(comps) - 1
        new = []
        if not comp:  # a doubled or trailing slash
            paths = [p + b"/" if p and not p.endswith(b"/") else p for p in paths] if last else paths
            continue
        if not has_magic(comp):
            name = plain(comp)
            for p in paths:
                cand = p + name
                if last:
                    try:
                        posix.lstat(cand)
                    except OSError:
                        continue
                new.append(cand if last else cand + b"/")
            paths = new
            continue
        rx = compile_(comp)
        dot = comp[0][0][:1] == b"."
        for p in paths:
            try:
                names = posix.listdir(p or b".")
            except OSError:
                continue
            if dot:
                names += [b".", b".."]
            for nm in sorted(names):
                if nm[:1] == b"." and not dot:
                    continue
                if rx.fullmatch(nm) if not utf8 or nm.isascii() else \
                        compile_(comp, True).fullmatch(_dec(nm)):
                    if last:
                        new.append(p + nm)
                    else:
                        cand = p + nm
                        try:
                            import stat as _stat
                            if _stat.S_ISDIR(posix.stat(cand).st_mode):
                                new.append(cand + b"/")
                        except OSError:
                            pass
        paths = new
        if not paths:
            return []
    return sorted(paths)
