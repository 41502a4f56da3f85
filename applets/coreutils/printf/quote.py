"""GNU's quoting, where multicall.errors does not (yet) match it exactly.

Used by printf and seq (this package); both belong in multicall/errors.py.
- gnu_quote(): gnulib quote() (locale_quoting_style), which, unlike
  errors.quote, also backslash-escapes a backslash and the closing quote.
- shell_escape(): gnulib quotearg with shell_escape_quoting_style, as
  printf %q uses it: bare when safe, '...' otherwise, $'\\NNN' pieces for
  unprintable bytes, "..." for strings whose only trouble is an apostrophe,
  and the rescanning quirk of the gnulib in coreutils 9.1.
"""
from multicall.errors import quote


def gnu_quote(value):
    """GNU's quote(): multicall.errors.quote, which now escapes a backslash
    and the closing quote character as gnulib does."""
    return quote(value)


class _Force(Exception):
    pass


_SAFE = frozenset(b"%+,-./0123456789:ABCDEFGHIJKLMNOPQRSTUVWXYZ]_abcdefghijklmnopqrstuvwxyz")
_SPECIAL = frozenset(b"!\"$&()*;<=>[^`|")
_CESC = {7: b"a", 8: b"b", 12: b"f", 11: b"v", 10: b"n", 13: b"r", 9: b"t"}


def shell_escape(arg, utf8):
    """Quote bytes `arg` for reuse as shell input, as GNU printf %q does."""
    try:
        return _restyled(arg, "shell", True, True, utf8)[0]
    except _Force:
        out, pending, again = _restyled(arg, "shell", True, False, utf8)
        if again and pending:
            # gnulib of coreutils 9.1 rescans a string with an apostrophe
            # without resetting its pending $'...' state: emulate that.
            out = _restyled(arg, "shell", True, False, utf8, True)[0]
        return out


def _mbchar(arg, i):
    """(length, printable) of the UTF-8 character at arg[i] (length 0 for
    an invalid byte; the rest of the string when it is truncated)."""
    b0 = arg[i]
    need = 2 if 0xC2 <= b0 <= 0xDF else 3 if 0xE0 <= b0 <= 0xEF else 4 if 0xF0 <= b0 <= 0xF4 else 0
    if not need:
        return 0, False
    piece = arg[i:i + need]
    try:
        ch = piece.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.reason == "unexpected end of data" and i + need > len(arg):
            return len(arg) - i, False
        return 0, False
    return need, _c32isprint(ch)


def _c32isprint(ch):
    """glibc's iswprint in a UTF-8 locale: all but controls, unassigned
    code points and the line/paragraph separators (format characters,
    private use and all spaces print)."""
    if ch.isprintable():
        return True
    import unicodedata
    return unicodedata.category(ch) not in ("Cc", "Cn", "Cs", "Zl", "Zp")


def _restyled(arg, style, backslash_escapes, elide, utf8, pending_end=False):
    """(quoted, pending $'' state at the end, whether gnulib rescans)."""
    out = bytearray()
    shell = style == "shell"
    quote_string = b"'" if shell else b'"'
    if not elide:
        out += quote_string
    encountered_single_quote = False
    all_compat = True
    n = len(arg)
    i = 0
    while i < n:
        c = arg[i]
        escaping = False
        compat = False
        is_right_quote = False
        store_escape = False
        if backslash_escapes and not shell and arg[i:i + 1] == quote_string:
            if elide:
                raise _Force()
            is_right_quote = True

        def start_esc():
            nonlocal escaping, pending_end
            if elide:
                raise _Force()
            escaping = True
            if shell and not pending_end:
                out.extend(b"'$'")
                pending_end = True
            out.append(0x5C)

        if c in _CESC:
            if shell and elide:
                raise _Force()
            if backslash_escapes:
                c = _CESC[c][0]
                store_escape = True
        elif c == 0x5C:  # backslash
            if shell:
                if elide:
                    raise _Force()
            elif not (backslash_escapes and elide):
                if backslash_escapes:
                    store_escape = True
        elif c == 0x3F:  # '?'
            if shell and elide:
                raise _Force()
        elif c in b"{}" and n != 1:
            pass
        elif c in b"{}#~" and i != 0:
            pass
        elif c in b"{}#~ ":
            compat = True
            if shell and elide:
                raise _Force()
        elif c in _SPECIAL:
            if shell and elide:
                raise _Force()
        elif c == 0x27:  # '
            encountered_single_quote = True
            compat = True
            if shell:
                if elide:
                    raise _Force()
                out.extend(b"'\\'")
                pending_end = False
        elif c in _SAFE:
            compat = True
        else:
            if utf8 and c >= 0x80:
                m, printable = _mbchar(arg, i)
            else:
                m, printable = 1, 0x20 <= c < 0x7F
            compat = printable
            if m > 1 or (backslash_escapes and not printable):
                ilim = i + m
                while True:
                    if backslash_escapes and not printable:
                        start_esc()
                        out.append(0x30 + (c >> 6))
                        out.append(0x30 + ((c >> 3) & 7))
                        c = 0x30 + (c & 7)
                    elif is_right_quote:
                        out.append(0x5C)
                        is_right_quote = False
                    if ilim <= i + 1:
                        break
                    if pending_end and not escaping:
                        out.extend(b"''")
                        pending_end = False
                    out.append(c)
                    i += 1
                    c = arg[i]
                # store_c
                if pending_end and not escaping:
                    out.extend(b"''")
                    pending_end = False
                out.append(c)
                if not compat:
                    all_compat = False
                i += 1
                continue
        if store_escape or is_right_quote:
            start_esc()
        if pending_end and not escaping:
            out.extend(b"''")
            pending_end = False
        out.append(c)
        if not compat:
            all_compat = False
        i += 1
    if not out and shell and elide:
        raise _Force()
    if shell and not elide and encountered_single_quote and all_compat:
        return _restyled(arg, "c", True, False, utf8)
    again = shell and not elide and encountered_single_quote and not all_compat
    if not elide:
        out += quote_string
    return bytes(out), pending_end, again
