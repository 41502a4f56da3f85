"""LS_COLORS for ls --color: GNU's built-in defaults, the parser of the
variable (dircolors' `xx=SEQ:*.ext=SEQ:` with \\ and ^ escapes), and the
TERM names GNU colours without LS_COLORS (dircolors' TERM list)."""
import os

NAMES = ("lc", "rc", "ec", "rs", "no", "fi", "di", "ln", "pi", "so", "bd", "cd", "mi", "or", "ex",
         "do", "su", "sg", "st", "ow", "tw", "ca", "mh", "cl")
DEFAULTS = {"lc": b"\033[", "rc": b"m", "rs": b"0", "di": b"01;34", "ln": b"01;36", "pi": b"33",
            "so": b"01;35", "bd": b"01;33", "cd": b"01;33", "ex": b"01;32", "do": b"01;35",
            "su": b"37;41", "sg": b"30;43", "st": b"37;44", "ow": b"34;42", "tw": b"30;42",
            "cl": b"\033[K"}
TERMS = ("Eterm", "ansi", "*color*", "con[0-9]*x[0-9]*", "cons25", "console", "cygwin", "*direct*",
         "dtterm", "gnome", "hurd", "jfbterm", "konsole", "kterm", "linux", "linux-c", "mlterm",
         "putty", "rxvt*", "screen*", "st", "terminator", "tmux*", "vt100", "xterm*")


class Bad(Exception):
    pass


def _funky(s, i, equals_end):
    """get_funky_string: (bytes, next index)."""
    out = bytearray()
    n = len(s)
    while True:
        c = s[i] if i < n else 0
        if c == 58 or c == 0:  # ':' or end
            return bytes(out), i
        if c == 61 and equals_end:  # '='
            return bytes(out), i
        if c == 92:  # backslash
            i += 1
            c = s[i] if i < n else 0
            if c == 0:
                raise Bad()
            if 48 <= c <= 55:
                num = c - 48
                i += 1
                while i < n and 48 <= s[i] <= 55:
                    num = (num << 3) + s[i] - 48
                    i += 1
                out.append(num & 255)
                continue
            if c in (120, 88):
                num = 0
                i += 1
                while i < n and s[i:i + 1] in b"0123456789abcdefABCDEF" and s[i:i + 1]:
                    num = (num << 4) + int(s[i:i + 1], 16)
                    i += 1
                out.append(num & 255)
                continue
            out.append({97: 7, 98: 8, 101: 27, 102: 12, 110: 10, 114: 13, 116: 9, 118: 11,
                        63: 127, 95: 32}.get(c, c))
            i += 1
            continue
        if c == 94:  # caret
            i += 1
            c = s[i] if i < n else 0
            if 64 <= c <= 126:
                out.append(c & 31)
                i += 1
            elif c == 63:
                out.append(127)
                i += 1
            else:
                raise Bad()
            continue
        out.append(c)
        i += 1


def parse(value, warn):
    """(indicators dict, extension list) from an LS_COLORS value (bytes),
    or None when it cannot be parsed (after the messages GNU gives)."""
    ind = dict(DEFAULTS)
    exts = []
    s = value
    n = len(s)
    i = 0
    try:
        while i < n:
            c = s[i]
            if c == 58:
                i += 1
            elif c == 42:  # '*'
                ext, i = _funky(s, i + 1, True)
                if i >= n or s[i] != 61:
                    raise Bad()
                seq, i = _funky(s, i + 1, False)
                exts.insert(0, (ext.lower(), len(ext), seq))
            else:
                if i + 1 >= n:
                    raise Bad()
                label = s[i:i + 2]
                i += 2
                if i >= n or s[i] != 61:
                    i += 1
                    raise Bad()
                i += 1
                name = label.decode("latin-1")
                if name not in NAMES:
                    from multicall.errors import quote
                    warn("unrecognized prefix: %s" % quote(label.decode("utf-8", "surrogateescape")))
                    raise Bad()
                ind[name], i = _funky(s, i, False)
    except Bad:
        warn("unparsable value for LS_COLORS environment variable")
        return None
    return ind, exts


def known_term():
    """True when $TERM matches one of dircolors' TERM patterns."""
    term = os.environ.get("TERM")
    if not term:
        return False
    from applets.coreutils.ls.glob import compile, match
    t = os.fsencode(term)
    return any(match(compile(p.encode()), t) for p in TERMS)
