"""Shell patterns over bytes: case, ${x%pat}, ${x/pat/rep} and globbing.

A pattern arrives as a list of (bytes, active) pieces: in an active piece
* ? [...] and backslash are special; in a quoted one every byte is itself.
Patterns are compiled once to a bytes regular expression (cached), and a
pattern with no special byte is compared directly, without loading `re`.
"""

_cache = {}
_SPECIAL = frozenset(b"*?[\\")


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


def translate(pieces):
    """The regular-expression source for a pattern."""
    import re
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
                out.append(b".*")
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
                    if text[j] == 91 and j + 1 < n and text[j + 1] == 58:
                        k = text.find(b":]", j + 2)
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
    out = []
    i = 0
    n = len(body)
    while i < n:
        c = body[i]
        if c == 91 and body[i + 1:i + 2] == b":":
            k = body.find(b":]", i + 2)
            if k >= 0:
                out.append(_CLASSES.get(body[i + 2:k], b""))
                i = k + 2
                continue
        if c == 92 and i + 1 < n:
            i += 1
            c = body[i]
        if c in b"\\]^-[":
            out.append(b"\\" + bytes((c,)))
        else:
            out.append(bytes((c,)))
        i += 1
    inner = b"".join(out)
    if not inner:
        return b"(?!)" if not neg else b"."
    return b"[" + (b"^" if neg else b"") + inner + b"]"


def compile_(pieces):
    key = tuple(pieces)
    r = _cache.get(key)
    if r is None:
        import re
        if len(_cache) > 500:
            _cache.clear()
        r = _cache[key] = re.compile(translate(pieces), re.S)
    return r


def match(pieces, text):
    """Does the whole of text match the pattern?"""
    if not has_magic(pieces):
        return plain(pieces) == text
    return compile_(pieces).fullmatch(text) is not None


def strip(pieces, text, suffix, longest):
    """${x#p} ${x##p} ${x%p} ${x%%p}."""
    n = len(text)
    if not has_magic(pieces):
        p = plain(pieces)
        if suffix:
            return text[:n - len(p)] if p and text.endswith(p) else text
        return text[len(p):] if text.startswith(p) else text
    rx = compile_(pieces)
    if suffix:
        rng = range(0, n + 1) if longest else range(n, -1, -1)
        for i in rng:
            if rx.fullmatch(text, i):
                return text[:i]
        return text
    rng = range(n, -1, -1) if longest else range(0, n + 1)
    for i in rng:
        if rx.fullmatch(text, 0, i):
            return text[i:]
    return text


def replace(pieces, text, rep, mode):
    """${x/p/r} (mode "/"), ${x//p/r} ("//"), anchored "/#" and "/%"."""
    n = len(text)
    rx = compile_(pieces)
    if mode == "/#":
        for i in range(n, -1, -1):
            if rx.fullmatch(text, 0, i):
                return rep + text[i:]
        return text
    if mode == "/%":
        for i in range(0, n + 1):
            if rx.fullmatch(text, i):
                return text[:i] + rep
        return text
    out = []
    i = 0
    while i < n:
        for j in range(n, i, -1):
            if rx.fullmatch(text, i, j):
                out.append(rep)
                i = j
                break
        else:
            out.append(text[i:i + 1])
            i += 1
            continue
        if mode == "/":
            out.append(text[i:])
            break
    return b"".join(out)


def glob(pieces):
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
                if rx.fullmatch(nm):
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
