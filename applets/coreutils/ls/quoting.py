"""File-name quoting for ls: gnulib's quotearg styles and ls's own layer on
top (the `?` for unprintable characters under -q, display widths, and
whether a name came out quoted, which drives the one-space alignment GNU
gives unquoted names next to quoted ones).

quotearg() follows gnulib's quotearg_buffer_restyled rule by rule (written
from its documented behaviour): the styles literal, shell, shell-always,
shell-escape, shell-escape-always, c, c-maybe, escape, locale and clocale;
the extra characters to quote (ls asks for ' ' under -b, the indicator
characters under -F/--file-type and ':' in directory headings); `$'\\NNN'`
pieces for unprintable bytes in the shell-escape styles; a name holding a
single quote and otherwise only harmless characters falls back to
"double quotes".  It is the slow path: ls calls it only for names that
are not made of plainly safe bytes.
"""

LITERAL = "literal"
SHELL = "shell"
SHELL_ALWAYS = "shell-always"
SHELL_ESCAPE = "shell-escape"
SHELL_ESCAPE_ALWAYS = "shell-escape-always"
C = "c"
C_MAYBE = "c-maybe"
ESCAPE = "escape"
LOCALE = "locale"
CLOCALE = "clocale"
STYLES = (LITERAL, SHELL, SHELL_ALWAYS, SHELL_ESCAPE, SHELL_ESCAPE_ALWAYS, C, C_MAYBE, ESCAPE, LOCALE, CLOCALE)

_C_ESCAPES = {7: 97, 8: 98, 12: 102, 10: 110, 13: 114, 9: 116, 11: 118}  # \a \b \f \n \r \t \v
_C_AND_SHELL = (10, 13, 9)  # \n \r \t: also force quotes in the shell styles
_HARMLESS = frozenset(b"%+,-./0123456789:ABCDEFGHIJKLMNOPQRSTUVWXYZ]_abcdefghijklmnopqrstuvwxyz")
_SHELL_SPECIAL = frozenset(b"!\"$&()*;<=>[^`|")


class _Force(Exception):
    """Raised to restart with the outer quotes forced (gnulib's goto)."""


def decode_utf8(s, i):
    """mbrtowc over UTF-8 at s[i]: (length, code point), (-1, None) for an
    invalid sequence, (-2, None) for an incomplete one at the end."""
    c = s[i]
    if c < 0x80:
        return 1, c
    if 0xC2 <= c <= 0xDF:
        n, cp, lo = 2, c & 0x1F, 0x80
    elif 0xE0 <= c <= 0xEF:
        n, cp, lo = 3, c & 0x0F, 0x800
    elif 0xF0 <= c <= 0xF4:
        n, cp, lo = 4, c & 0x07, 0x10000
    else:
        return -1, None
    end = len(s)
    for k in range(1, n):
        if i + k >= end:
            return -2, None
        b = s[i + k]
        if b & 0xC0 != 0x80:
            return -1, None
        cp = (cp << 6) | (b & 0x3F)
        # reject overlong forms and out-of-range values as soon as they show
        if k == 1:
            if (n == 3 and c == 0xE0 and b < 0xA0) or (n == 3 and c == 0xED and b >= 0xA0) \
                    or (n == 4 and c == 0xF0 and b < 0x90) or (n == 4 and c == 0xF4 and b >= 0x90):
                return -1, None
    if cp < lo:
        return -1, None
    return n, cp


def iswprint(cp):
    """glibc's iswprint in a UTF-8 locale (close enough)."""
    if cp < 0x80:
        return 0x20 <= cp < 0x7F
    if cp < 0xA0 or cp in (0x2028, 0x2029):
        return False
    import unicodedata
    return unicodedata.category(chr(cp)) not in ("Cc", "Cn", "Cs")


def wcwidth(cp):
    """Columns of code point cp (-1 when unprintable), as glibc's wcwidth."""
    if cp < 0x80:
        return 1 if 0x20 <= cp < 0x7F else -1
    if not iswprint(cp):
        return -1
    import unicodedata
    ch = chr(cp)
    if cp == 0xAD:
        return 1
    if unicodedata.category(ch) in ("Mn", "Me", "Cf") or 0x1160 <= cp <= 0x11FF or cp == 0x200B:
        return 0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    return 1


def quotearg(arg, style, utf8, these=None, lq=b"'", rq=b"'"):
    """Quote bytes `arg` in quoting style `style` (see STYLES); `these` is
    a set of byte values to quote as well; lq/rq the quotes of the locale
    styles.  Returns bytes."""
    elide = False
    while True:
        try:
            return _restyled(arg, style, elide, these, utf8, lq, rq)
        except _Force as f:
            style, these = f.args[0], None
            elide = False


def _restyled(arg, style, elide, these, utf8, lq, rq, carried=None):
    elide0 = elide
    out = bytearray()
    backslash = False
    quote_string = b""
    qs = style
    if qs == C_MAYBE:
        qs = C
        elide = True
    if qs == C:
        if not elide:
            out += b'"'
        backslash = True
        quote_string = b'"'
    elif qs == ESCAPE:
        backslash = True
        elide = False
    elif qs == LOCALE or qs == CLOCALE:
        if not elide:
            out += lq
        backslash = True
        quote_string = rq
    elif qs in (SHELL_ESCAPE, SHELL, SHELL_ESCAPE_ALWAYS, SHELL_ALWAYS):
        if qs == SHELL_ESCAPE:
            backslash = True
        if qs == SHELL_ESCAPE or qs == SHELL:
            elide = True
        if qs != SHELL_ALWAYS and not elide:
            backslash = True
        qs = SHELL_ALWAYS
        if not elide:
            out += b"'"
        quote_string = b"'"
    else:  # literal
        elide = False
    sa = qs == SHELL_ALWAYS
    force_style = SHELL_ESCAPE_ALWAYS if (sa and backslash) else qs

    pending_end = False if carried is None else carried
    encountered_sq = False
    all_compat = True
    n = len(arg)
    i = 0
    qlen = len(quote_string)
    while i < n:
        c = arg[i]
        escaping = False
        is_right_quote = False
        compat = False
        if backslash and not sa and qlen and arg.startswith(quote_string, i):
            if elide:
                raise _Force(force_style)
            is_right_quote = True

        action = "check"  # "check": the quote_these_too test; "esc": store_escape; "c": store_c
        if c == 0:
            if backslash:
                if elide:
                    raise _Force(force_style)
                escaping = True
                if sa and not pending_end:
                    out += b"'$'"
                    pending_end = True
                out.append(92)
                if not sa and i + 1 < n and 48 <= arg[i + 1] <= 57:
                    out += b"00"
                c = 48
        elif c == 63:  # '?'
            if sa and elide:
                raise _Force(force_style)
        elif c in _C_ESCAPES or c == 92:
            esc = _C_ESCAPES.get(c, 92)
            action = None
            if c == 92:
                if sa:
                    if elide:
                        raise _Force(force_style)
                    action = "c"
                elif backslash and elide and qlen:
                    action = "c"
            if action is None:
                if c in _C_AND_SHELL or c == 92:
                    if sa and elide:
                        raise _Force(force_style)
                if backslash:
                    c = esc
                    action = "esc"
                else:
                    action = "check"
        elif c in (123, 125, 35, 126, 32) or c in _SHELL_SPECIAL:  # { } # ~ space and shell specials
            special = True
            if c == 123 or c == 125:
                if n != 1:
                    special = False
                elif i != 0:
                    special = False
                else:
                    compat = True
            elif c == 35 or c == 126:
                if i != 0:
                    special = False
                else:
                    compat = True
            elif c == 32:
                compat = True
            if special and sa and elide:
                raise _Force(force_style)
        elif c == 39:  # '
            encountered_sq = True
            compat = True
            if sa:
                if elide:
                    raise _Force(force_style)
                out += b"'\\'"
                pending_end = False
        elif c in _HARMLESS:
            compat = True
        else:
            if not utf8:
                m = 1
                printable = 0x20 <= c < 0x7F
            else:
                length, cp = decode_utf8(arg, i)
                if length == -1:
                    m, printable = 0, False
                elif length == -2:
                    printable = False
                    m = 0
                    while i + m < n and arg[i + m]:
                        m += 1
                else:
                    m = length
                    printable = iswprint(cp)
            compat = printable
            if m > 1 or (backslash and not printable):
                ilim = i + m
                while True:
                    if backslash and not printable:
                        if elide:
                            raise _Force(force_style)
                        escaping = True
                        if sa and not pending_end:
                            out += b"'$'"
                            pending_end = True
                        out.append(92)
                        out.append(48 + (c >> 6))
                        out.append(48 + ((c >> 3) & 7))
                        c = 48 + (c & 7)
                    elif is_right_quote:
                        out.append(92)
                        is_right_quote = False
                    if ilim <= i + 1:
                        break
                    if pending_end and not escaping:
                        out += b"''"
                        pending_end = False
                    out.append(c)
                    i += 1
                    c = arg[i]
                action = "c"

        if action == "check":
            if not ((((backslash and not sa) or elide) and these and c in these) or is_right_quote):
                action = "c"
            else:
                action = "esc"
        if action == "esc":
            if elide:
                raise _Force(force_style)
            escaping = True
            if sa and not pending_end:
                out += b"'$'"
                pending_end = True
            out.append(92)
        # store_c
        if pending_end and not escaping:
            out += b"''"
            pending_end = False
        out.append(c)
        if not compat:
            all_compat = False
        i += 1

    if n == 0 and sa and elide:
        raise _Force(force_style)
    if sa and not elide and encountered_sq and all_compat:
        return _restyled(arg, C, False, these, utf8, lq, rq)
    if sa and not elide and encountered_sq and carried is None:
        # gnulib redoes the whole quoting once it knows the name needs the
        # shell quotes after all, but keeps the state where the first pass
        # left it: a pending $'...' piece shows at the front.
        return _restyled(arg, style, elide0, these, utf8, lq, rq, carried=pending_end)
    if quote_string and not elide:
        out += quote_string
    return bytes(out)


def qmark(buf, utf8):
    """ls -q: unprintable characters become '?'.  Returns (bytes, width)."""
    if not utf8:
        out = bytes(b if 0x20 <= b < 0x7F else 63 for b in buf)
        return out, len(out)
    out = bytearray()
    width = 0
    i = 0
    n = len(buf)
    while i < n:
        c = buf[i]
        if 0x20 <= c < 0x7F:
            out.append(c)
            width += 1
            i += 1
            continue
        length, cp = decode_utf8(buf, i)
        if length == -1:
            out.append(63)
            width += 1
            i += 1
        elif length == -2:
            out.append(63)
            width += 1
            i = n
        else:
            w = wcwidth(cp)
            if w >= 0:
                out += buf[i:i + length]
                width += w
            else:
                out.append(63)
                width += 1
            i += length
    return bytes(out), width


def width(buf, utf8):
    """Display width of an already quoted name (gnulib mbsnwidth, or the
    printable bytes in the C locale)."""
    if not utf8:
        return sum(1 for b in buf if 0x20 <= b < 0x7F)
    w = 0
    i = 0
    n = len(buf)
    while i < n:
        c = buf[i]
        if 0x20 <= c < 0x7F:
            w += 1
            i += 1
            continue
        length, cp = decode_utf8(buf, i)
        if length == -1:
            w += 1
            i += 1
        elif length == -2:
            w += 1
            i = n
        else:
            cw = wcwidth(cp)
            if cw >= 0:
                w += cw
            elif not (cp < 0x20 or 0x7F <= cp < 0xA0 or cp in (0x2028, 0x2029)):
                w += 1
            i += length
    return w
