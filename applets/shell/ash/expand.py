"""Word expansion in POSIX order: tilde, parameters, command substitution,
arithmetic, then field splitting by IFS, pathname expansion and quote
removal.

Expanding a word's parts gives pieces (bytes, kind): kind LIT is unquoted
source text (globbing applies, never split), QUOTED is quoted text or a
quoted expansion (neither), SPLIT is an unquoted expansion's result (split
and globbed).  BREAK between pieces ends a field ("$@").  Quote removal
happened in the lexer, which kept quoted text in parts of its own.
"""
from applets.shell.ash import pattern

LIT, QUOTED, SPLIT = 0, 1, 2
BREAK = (None, -1)
_IFS_WS = b" \t\n"


class ExpandError(Exception):
    """An expansion error: the message, and the status (2 in a script)."""

    def __init__(self, msg, status=2):
        Exception.__init__(self, msg)
        self.msg = msg
        self.status = status


def words(sh, ws):
    """Expand a command's words into fields."""
    out = []
    for w in ws:
        f = w.fast
        if f:
            out.append(f)
            continue
        parts = w.parts
        if f is None:
            w.fast = False
            if len(parts) == 1 and parts[0][0] == "lit":
                t = parts[0][1]
                if t[:1] != b"~" and not pattern.has_magic(((t, True),)):
                    w.fast = t
                    out.append(t)
                    continue
        if len(parts) == 1:
            p = parts[0]
            k = p[0]
            if k == "param" and p[2] is None and p[1] not in (b"@", b"*"):
                v = sh.param(p[1])
                if v is not None and v and v.isalnum() and _ifs_not_alnum(sh):
                    out.append(v)
                    continue
            elif k == "sq":
                out.append(p[1])
                continue
        pieces = []
        _parts(sh, parts, False, pieces, True)
        out.extend(_fields(sh, pieces))
    return out


def _ifs_not_alnum(sh):
    """True when IFS cannot split a letters-and-digits value."""
    ifs = sh.getvar(b"IFS")
    return ifs is None or ifs == b" \t\n" or not any(c in _ALNUM for c in ifs)


_ALNUM = frozenset(b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _join(sh, pieces):
    """Pieces as one string: the fields of "$@" are joined by the first
    byte of IFS, as dash and ash do (s="$@")."""
    if BREAK not in pieces:
        return b"".join(p[0] for p in pieces)
    ifs = sh.getvar(b"IFS")
    sep = b" " if ifs is None else ifs[:1]
    return b"".join(sep if p[0] is None else p[0] for p in pieces)


def declaration(sh, ws):
    """The words of export/readonly/local: an operand NAME=value (NAME
    unquoted) has its value expanded as an assignment's, in one field;
    the others are expanded as usual."""
    from applets.shell.ash.lexer import Word
    from applets.shell.ash.parser import is_name
    out = words(sh, ws[:1])
    for w in ws[1:]:
        p0 = w.parts[0] if w.parts else None
        if p0 is not None and p0[0] == "lit" and b"=" in p0[1]:
            name, _, rest = p0[1].partition(b"=")
            if is_name(name):
                parts = ([("lit", rest)] if rest else []) + list(w.parts[1:])
                out.append(name + b"=" + assignment(sh, Word(parts, w.raw, w.line)))
                continue
        out.extend(words(sh, [w]))
    return out


def string(sh, w, tilde=True):
    """One word expanded without splitting or globbing (assignments,
    redirection targets, case words)."""
    parts = w.parts
    if len(parts) == 1 and parts[0][0] == "lit" and parts[0][1][:1] != b"~":
        return parts[0][1]
    pieces = []
    _parts(sh, parts, False, pieces, tilde)
    return _join(sh, pieces)


def assignment(sh, w):
    """An assignment's value: like string(), with a tilde also expanded
    after each unquoted ':' (PATH=~/bin:~/sbin).  The word's plan caches
    what can be decided once: a plain text's value, or the compiled form
    of a lone $((...)) with constant text (a loop's i=$((i+1)))."""
    plan = w.plan
    if plan is not None:
        if plan.__class__ is bytes:
            return plan
        if plan is not False:
            return b"%d" % sh.arith_code(plan[0], plan[1])
    else:
        w.plan = plan = _plan(w)
        if plan is not False:
            return assignment(sh, w)
    parts = w.parts
    if not any(p[0] == "lit" and b":~" in p[1] for p in parts):
        return string(sh, w)
    out = []
    for idx, p in enumerate(parts):
        if p[0] != "lit" or b":~" not in p[1]:
            _parts(sh, [p], False, out, idx == 0)
            continue
        segs = p[1].split(b":")
        last_part = idx == len(parts) - 1
        for k, seg in enumerate(segs):
            if k:
                out.append((b":", LIT))
            if seg[:1] == b"~" and (k or idx == 0):
                slash = seg.find(b"/")
                if slash >= 0 or k < len(segs) - 1 or last_part:
                    home = _tilde(sh, seg[1:slash] if slash >= 0 else seg[1:])
                    if home is not None:
                        out.append((home, QUOTED))
                        seg = seg[slash:] if slash >= 0 else b""
            if seg:
                out.append((seg, LIT))
    return _join(sh, out)


def _plan(w):
    """w.plan for assignment(): bytes, (code, text) or False."""
    parts = w.parts
    if len(parts) != 1:
        return b"" if not parts else False
    p = parts[0]
    if p[0] == "lit":
        t = p[1]
        return t if t[:1] != b"~" and b":~" not in t else False
    if p[0] == "arith" and all(q[0] == "lit" for q in p[1]):
        text = b"".join(q[1] for q in p[1]).decode("latin-1")
        if text.strip():
            from applets.shell.ash.arith import ArithError, _compile
            try:
                return (_compile(text), text)
            except (ArithError, RecursionError):
                pass  # reported with the usual message when run
    return False


def parts_string(sh, parts, quoted=True):
    pieces = []
    _parts(sh, parts, quoted, pieces, False)
    return _join(sh, pieces)


def pattern_of(sh, parts):
    """A pattern's pieces (text, active) from a word's parts."""
    pieces = []
    _parts(sh, parts, False, pieces, True)
    return pattern.merge([(t, k != QUOTED) for t, k in pieces if t is not None])


def _tilde(sh, user):
    if not user:
        h = sh.getvar(b"HOME")
        if h is not None:
            return h
        user = None
    try:
        import pwd
        if user is None:
            import posix
            return pwd.getpwuid(posix.getuid()).pw_dir.encode("utf-8", "surrogateescape")
        return pwd.getpwnam(user.decode("utf-8", "surrogateescape")).pw_dir.encode("utf-8", "surrogateescape")
    except (KeyError, ImportError):
        return None


def _parts(sh, parts, quoted, out, tilde=False):
    kind_exp = QUOTED if quoted else SPLIT
    for idx, p in enumerate(parts):
        k = p[0]
        if k == "lit":
            t = p[1]
            if tilde and idx == 0 and t[:1] == b"~" and not quoted:
                slash = t.find(b"/")
                if slash >= 0 or len(parts) == 1:
                    user = t[1:slash] if slash >= 0 else t[1:]
                    home = _tilde(sh, user)
                    if home is not None:
                        out.append((home, QUOTED))
                        t = t[slash:] if slash >= 0 else b""
                        if not t:
                            continue
            out.append((t, QUOTED if quoted else LIT))
        elif k == "sq":
            out.append((p[1], QUOTED))
        elif k == "dq":
            start = len(out)
            _parts(sh, p[1], True, out)
            if len(out) == start and not any(q[0] == "param" and q[1] == b"@" for q in p[1]):
                out.append((b"", QUOTED))
        elif k == "param":
            _param(sh, p, quoted, out)
        elif k == "cmd":
            out.append((sh.command_subst(p[1]), kind_exp))
        elif k == "arith":
            text = parts_string(sh, p[1])
            out.append((b"%d" % sh.arith(text), kind_exp))


def _value(sh, name):
    """A parameter's value (bytes) or None when unset."""
    return sh.param(name)


def _param(sh, p, quoted, out):
    _, name, op, arg = p
    kind = QUOTED if quoted else SPLIT
    if name == b"@" or name == b"*":
        if op is None:
            _at(sh, name, quoted, out)
            return
        if op == "#len":
            out.append((b"%d" % len(sh.positional), kind))
            return
    if op == "#len":
        v = _value(sh, name)
        if v is None:
            sh.check_unset(name)
            v = b""
        out.append((b"%d" % len(sh.chars(v)), kind))
        return
    v = _value(sh, name)
    if op is None:
        if v is None:
            sh.check_unset(name)
            return
        out.append((v, kind))
        return
    colon = op[0] == ":" and len(op) == 2
    base = op[-1] if colon else op
    if base in "-=?+" and len(op) <= 2:
        empty = v is None or (colon and v == b"")
        if base == "+":
            if not empty:
                _word(sh, arg, quoted, out)
            return
        if not empty:
            out.append((v, kind))
            return
        if base == "-":
            _word(sh, arg, quoted, out)
            return
        if base == "=":
            if not (name[:1].isalpha() or name[:1] == b"_"):
                raise ExpandError("%s: bad variable name" % _s(name))
            val = parts_string(sh, arg, False)
            sh.setvar(name, val)
            out.append((val, kind))
            return
        msg = parts_string(sh, arg, False) if arg else b"parameter not set or null" if colon else b"parameter not set"
        raise ExpandError("%s: %s" % (_s(name), _s(msg)))
    if v is None:
        sh.check_unset(name)
        v = b""
    if op in ("#", "##", "%", "%%"):
        pat = pattern_of(sh, arg)
        out.append((pattern.strip(pat, v, op[0] == "%", len(op) == 2, not v.isascii() and sh.utf8()), kind))
        return
    if op == ":":
        spec = parts_string(sh, arg, True)
        off, sep, length = spec.partition(b":")
        chars = sh.chars(v)
        n = len(chars)
        o = sh.arith(off.decode("latin-1")) if off.strip() else 0
        if o < 0:
            o = max(n + o, 0)
        if sep:
            ln = sh.arith(length.decode("latin-1")) if length.strip() else 0
            end = o + ln if ln >= 0 else n + ln
            if end < o:
                raise ExpandError("%s: substring expression < 0" % _s(length))
        else:
            end = n
        out.append((sh.unchars(chars[o:end]), kind))
        return
    # / // /# /%
    pat_parts, rep_parts = arg
    pat = pattern_of(sh, pat_parts)
    rep = parts_string(sh, rep_parts, False)
    if not pat or not any(t for t, _ in pat):
        out.append((v, kind))
        return
    out.append((pattern.replace(pat, v, rep, op, not v.isascii() and sh.utf8()), kind))


def _word(sh, arg, quoted, out):
    pieces = []
    _parts(sh, arg, quoted, pieces, True)
    if quoted:
        out.extend(pieces)
    else:
        out.extend((t, SPLIT if k == LIT else k) for t, k in pieces)


def _at(sh, name, quoted, out):
    params = sh.positional
    if quoted and name == b"@":
        for i, a in enumerate(params):
            if i:
                out.append(BREAK)
            out.append((a, QUOTED))
        return
    if quoted:
        ifs = sh.getvar(b"IFS")
        sep = b" " if ifs is None else ifs[:1]
        out.append((sep.join(params), QUOTED))
        return
    for i, a in enumerate(params):
        if i:
            out.append(BREAK)
        out.append((a, SPLIT))


def _s(b):
    return b.decode("utf-8", "surrogateescape")


def _fields(sh, pieces):
    """Split pieces into fields by IFS, then glob each field."""
    ifs = sh.getvar(b"IFS")
    if ifs is None:
        ifs = b" \t\n"
    ws = bytes(c for c in ifs if c in _IFS_WS)
    fields = []
    cur = []
    have = False
    after_ws = False  # the last delimiter was IFS white space ending a field
    for t, k in pieces:
        if t is None:  # BREAK
            if have or cur:
                fields.append(cur)
            cur = []
            have = False
            after_ws = False
            continue
        if k != SPLIT or not ifs:
            cur.append((t, k))
            if t or k == QUOTED:
                have = True
                after_ws = False
            continue
        start = 0
        n = len(t)
        i = 0
        while i < n:
            c = t[i]
            if c in ifs:
                if i > start:
                    cur.append((t[start:i], k))
                    have = True
                if c in ws:
                    if have:
                        fields.append(cur)
                        cur = []
                        have = False
                        after_ws = True
                else:
                    if have or not after_ws:
                        fields.append(cur)
                    cur = []
                    have = False
                    after_ws = False
                start = i + 1
            elif after_ws and i == start:
                after_ws = False
            i += 1
        if start < n:
            cur.append((t[start:], k))
            have = True
            after_ws = False
    if have:
        fields.append(cur)
    out = []
    glob_on = sh.glob_on()
    for f in fields:
        if glob_on:
            pat = pattern.merge([(t, k != QUOTED) for t, k in f])
            if pattern.has_magic(pat):
                m = pattern.glob(pat, sh.utf8())
                if m:
                    out.extend(m)
                    continue
        out.append(b"".join(t for t, _ in f))
    return out
