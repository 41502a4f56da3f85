"""printf: format and print data, as GNU coreutils 9.1 does.

Every C conversion (d i o u x X with intmax_t semantics, f F e E g G a A on
an exactly emulated x86 long double, c s), flags, width, precision and `*`,
GNU's %b (echo-style escapes, \\c stops everything) and %q (gnulib's
shell-escape quoting); the format is reused while arguments remain.
Numeric arguments may be 'c or "c (the character's code), 0x hex or 0
octal; a bad one is diagnosed, converted as far as it goes, and printing
goes on with exit status 1.  Output is built in memory per pass of the
format and written with one call: printf is short-lived and runs inside
the shell's own process, so it changes no process state at all.
"""
import posix

from multicall.errors import Fail, Usage, warn
from multicall.options import Spec
from multicall.stdio import flush_stdout, stdout
from applets.coreutils.printf.quote import gnu_quote, shell_escape

SPEC = Spec(("FORMAT [ARGUMENT]...", "OPTION"),
            "Print ARGUMENT(s) according to FORMAT, or execute according to OPTION:",
            epilog="FORMAT controls the output as in C printf.  Interpreted sequences are:\n\n"
            "  \\\"      double quote\n"
            "  \\\\      backslash\n"
            "  \\a      alert (BEL)\n"
            "  \\b      backspace\n"
            "  \\c      produce no further output\n"
            "  \\e      escape\n"
            "  \\f      form feed\n"
            "  \\n      new line\n"
            "  \\r      carriage return\n"
            "  \\t      horizontal tab\n"
            "  \\v      vertical tab\n"
            "  \\NNN    byte with octal value NNN (1 to 3 digits)\n"
            "  \\xHH    byte with hexadecimal value HH (1 to 2 digits)\n"
            "  \\uHHHH  Unicode (ISO/IEC 10646) character with hex value HHHH (4 digits)\n"
            "  \\UHHHHHHHH  Unicode character with hex value HHHHHHHH (8 digits)\n"
            "  %%      a single %\n"
            "  %b      ARGUMENT as a string with '\\' escapes interpreted,\n"
            "          except that octal escapes are of the form \\0 or \\0NNN\n"
            "  %q      ARGUMENT is printed in a format that can be reused as shell input,\n"
            "          escaping non-printable characters with the proposed POSIX $'' syntax.\n\n"
            "and all C format specifications ending with one of diouxXfeEgGcs, with\n"
            "ARGUMENTs converted to proper type first.  Variable widths are handled.\n\n"
            "NOTE: your shell may have its own version of printf, which usually supersedes\n"
            "the version described here.  Please refer to your shell's documentation\n"
            "for details about the options it supports.")

INTMAX_MAX = (1 << 63) - 1
INTMAX_MIN = -(1 << 63)
UINTMAX_MAX = (1 << 64) - 1
INT_MAX = (1 << 31) - 1
INT_MIN = -(1 << 31)
_SPACE = b" \t\n\v\f\r"
_OCT = b"01234567"
_HEX = b"0123456789abcdefABCDEF"
_SIMPLE = {ord('"'): b'"', ord("\\"): b"\\", ord("a"): b"\a", ord("b"): b"\b", ord("e"): b"\x1b",
           ord("f"): b"\f", ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("v"): b"\v"}
_ALL_CONV = frozenset(b"aAcdeEfFgGiosuxX")


class _Stop(Exception):
    """\\c: produce no further output (GNU exits with status 0 there)."""


class _State:
    def __init__(self, prog, utf8, posixly):
        self.prog = prog
        self.utf8 = utf8
        self.posixly = posixly
        self.status = 0
        self.out = []

    def error(self, text, status=1):
        # GNU's error() flushes standard output first: keep that order.
        self._flush()
        flush_stdout()
        warn(self.prog, text)
        if status:
            self.status = status

    def size(self):
        return len(self.out)

    def _flush(self):
        if self.out:
            stdout().write(b"".join(self.out))
            del self.out[:]


def main(argv):
    if SPEC.only_help_version(argv):
        return 0
    args = [a.encode("utf-8", "surrogateescape") for a in argv[1:]]
    if args and args[0] == b"--":
        args.pop(0)
    if not args:
        raise Usage("missing operand")
    from compat.platform import utf8_locale
    st = _State(argv[0], utf8_locale(), b"POSIXLY_CORRECT" in posix.environ)
    fmt = args.pop(0)
    try:
        try:
            start = 0
            while True:
                used = _print_formatted(st, fmt, args, start)
                start += used
                if st.size() >= 1 << 16:
                    st._flush()
                if not (used > 0 and start < len(args)):
                    break
        finally:
            st._flush()
    except _Stop:
        return 0
    except Fail:
        flush_stdout()
        raise
    if start < len(args):
        flush_stdout()
        warn(argv[0], "warning: ignoring excess arguments, starting with %s" % gnu_quote(_text(args[start])))
    return st.status


def _text(b):
    return b.decode("utf-8", "surrogateescape")


def _print_formatted(st, fmt, argv, start):
    """One pass over the format using argv[start:]; returns how many
    arguments it used."""
    out = st.out
    n = len(fmt)
    ai = start
    i = 0
    while i < n:
        pct = fmt.find(b"%", i)
        bsl = fmt.find(b"\\", i)
        stop = min(x for x in (pct, bsl, n) if x >= 0)
        if stop > i:
            out.append(fmt[i:stop])
            i = stop
            continue
        c = fmt[i]
        if c == 0x5C:  # backslash
            i += 1 + _print_esc(st, fmt, i, False)
            continue
        # a % directive
        dstart = i
        i += 1
        if i < n and fmt[i] == 0x25:
            out.append(b"%")
            i += 1
            continue
        if i < n and fmt[i] == 0x62:  # %b
            i += 1
            if ai < len(argv):
                _print_esc_string(st, argv[ai])
                ai += 1
            continue
        if i < n and fmt[i] == 0x71:  # %q
            i += 1
            if ai < len(argv):
                out.append(shell_escape(argv[ai], st.utf8))
                ai += 1
            continue
        ok = set(_ALL_CONV)
        flags = []
        while i < n:
            ch = fmt[i]
            if ch in b"'I":
                ok -= set(b"aAceEosxX")
            elif ch in b"-+ ":
                pass
            elif ch == 0x23:  # '#'
                ok -= set(b"cdisu")
            elif ch == 0x30:  # '0'
                ok -= set(b"cs")
            else:
                break
            flags.append(chr(ch))
            i += 1
        width = None
        if i < n and fmt[i] == 0x2A:  # '*'
            i += 1
            if ai < len(argv):
                w = _strtox(st, argv[ai], "i")
                if not INT_MIN <= w <= INT_MAX:
                    raise Fail("invalid field width: %s" % gnu_quote(_text(argv[ai])))
                ai += 1
            else:
                w = 0
            width = w
        else:
            j = i
            while i < n and 0x30 <= fmt[i] <= 0x39:
                i += 1
            if i > j:
                width = int(fmt[j:i])
        prec = None
        if i < n and fmt[i] == 0x2E:  # '.'
            i += 1
            ok.discard(ord("c"))
            if i < n and fmt[i] == 0x2A:
                i += 1
                if ai < len(argv):
                    p = _strtox(st, argv[ai], "i")
                    if p < 0:
                        p = None
                    elif p > INT_MAX:
                        raise Fail("invalid precision: %s" % gnu_quote(_text(argv[ai])))
                    ai += 1
                else:
                    p = 0
                prec = p
            else:
                j = i
                while i < n and 0x30 <= fmt[i] <= 0x39:
                    i += 1
                prec = int(fmt[j:i] or b"0")
        while i < n and fmt[i] in b"lLhjtz":
            i += 1
        conv = fmt[i] if i < n else 0
        if conv not in ok:
            raise Fail("%s: invalid conversion specification" % _text(fmt[dstart:i + 1]))
        i += 1
        if ai < len(argv):
            arg = argv[ai]
            ai += 1
        else:
            arg = b""
        flags = "".join(flags)
        if width is not None and width < 0:
            flags += "-"
            width = -width
        out.append(_convert(st, chr(conv), flags, width or 0, prec, arg))
    return ai - start


def _convert(st, conv, flags, width, prec, arg):
    if conv in "di":
        v = _strtox(st, arg, "i")
        body = _int_digits(abs(v), 10, prec)
        sign = "-" if v < 0 else ("+" if "+" in flags else (" " if " " in flags else ""))
        return _pad_num(sign, body, flags, width, prec)
    if conv in "ouxX":
        v = _strtox(st, arg, "u")
        base = {"o": 8, "u": 10, "x": 16, "X": 16}[conv]
        body = _int_digits(v, base, prec)
        prefix = ""
        if "#" in flags:
            if conv == "o" and not body.startswith("0"):
                body = "0" + body
            elif conv in "xX" and v:
                prefix = "0x"
        if conv == "X":
            body = body.upper()
            prefix = prefix.upper()
        return _pad_num(prefix, body, flags, width, prec)
    if conv in "aAeEfFgG":
        from applets.coreutils.printf.ldouble import format_float
        v = _strtox(st, arg, "f")
        return format_float(v, conv, flags, width, prec).encode()
    if conv == "c":
        body = arg[:1] or b"\0"
    else:  # s
        body = arg if prec is None else arg[:prec]
    if width > len(body):
        return body + b" " * (width - len(body)) if "-" in flags else b" " * (width - len(body)) + body
    return body


def _int_digits(v, base, prec):
    s = "%d" % v if base == 10 else ("%o" % v if base == 8 else "%x" % v)
    if prec is not None:
        if prec == 0 and v == 0:
            return ""
        s = s.rjust(prec, "0")
    return s


def _pad_num(sign, body, flags, width, prec):
    n = len(sign) + len(body)
    if width <= n:
        return (sign + body).encode()
    if "-" in flags:
        return (sign + body + " " * (width - n)).encode()
    if "0" in flags and prec is None:
        return (sign + "0" * (width - n) + body).encode()
    return (" " * (width - n) + sign + body).encode()


# -- numeric arguments -----------------------------------------------------------

def _strtox(st, s, kind):
    """GNU's vstrtoimax / vstrtoumax / vstrtold on argument bytes s."""
    if s[:1] in (b'"', b"'") and len(s) > 1:
        rest = s[1:]
        val = rest[0]
        used = 1
        if st.utf8 and len(rest) > 1 and val >= 0x80:
            for k in (2, 3, 4):
                try:
                    ch = rest[:k].decode("utf-8")
                except UnicodeDecodeError:
                    continue
                if len(ch) == 1:
                    val = ord(ch)
                    used = k
                    break
        if len(rest) > used and not st.posixly:
            st.error("warning: %s: character(s) following character constant have been ignored"
                     % _text(rest[used:]), 0)
        if kind == "f":
            from applets.coreutils.printf.ldouble import from_int
            return from_int(val)
        return val
    if kind == "f":
        from applets.coreutils.printf import ldouble as ld
        text = s.decode("latin-1")
        v, end, erange = ld.strtold(text)
        if erange:
            st.error("%s: Numerical result out of range" % gnu_quote(_text(s)))
        elif end < len(text):
            _not_numeric(st, s, end == 0)
        return v
    v, end, erange = _strtoint(s, kind == "u")
    if erange:
        st.error("%s: Numerical result out of range" % gnu_quote(_text(s)))
    elif end < len(s):
        _not_numeric(st, s, end == 0)
    return v


def _not_numeric(st, s, nothing):
    if nothing:
        st.error("%s: expected a numeric value" % gnu_quote(_text(s)))
    else:
        st.error("%s: value not completely converted" % gnu_quote(_text(s)))


def _strtoint(s, unsigned):
    """C strtoimax/strtoumax with base 0: (value, end, erange)."""
    n = len(s)
    i = 0
    while i < n and s[i] in _SPACE:
        i += 1
    negative = False
    if i < n and s[i] in b"+-":
        negative = s[i] == 0x2D
        i += 1
    base = 10
    digits = b"0123456789"
    if s[i:i + 2] in (b"0x", b"0X") and i + 2 < n and s[i + 2] in _HEX:
        base = 16
        digits = _HEX
        i += 2
    elif s[i:i + 1] == b"0":
        base = 8
        digits = _OCT
    j = i
    while j < n and s[j] in digits:
        j += 1
    if j == i:
        return 0, 0, False
    mag = int(s[i:j], base) if j - i < 4000 else UINTMAX_MAX + 1
    if unsigned:
        if mag > UINTMAX_MAX:
            return UINTMAX_MAX, j, True
        return ((-mag) & UINTMAX_MAX if negative else mag), j, False
    v = -mag if negative else mag
    if v > INTMAX_MAX:
        return INTMAX_MAX, j, True
    if v < INTMAX_MIN:
        return INTMAX_MIN, j, True
    return v, j, False


# -- escapes ---------------------------------------------------------------------

def _print_esc(st, s, at, octal_0):
    """The escape at s[at] (a backslash); appends its bytes and returns how
    many characters after the backslash it used."""
    out = st.out
    p = at + 1
    n = len(s)
    c = s[p] if p < n else 0
    if c == 0x78:  # x
        p += 1
        k = p
        while k < n and k < p + 2 and s[k] in _HEX:
            k += 1
        if k == p:
            raise Fail("missing hexadecimal number in escape")
        out.append(bytes((int(s[p:k], 16),)))
        p = k
    elif c in _OCT and c:
        if octal_0 and c == 0x30:
            p += 1
        k = p
        while k < n and k < p + 3 and s[k] in _OCT:
            k += 1
        out.append(bytes((int(s[p:k] or b"0", 8) & 0xFF,)))
        p = k
    elif c and c in b"\"\\abcefnrtv":
        if c == 0x63:  # \c
            raise _Stop()
        out.append(_SIMPLE[c])
        p += 1
    elif c in (0x75, 0x55):  # u U
        length = 4 if c == 0x75 else 8
        p += 1
        hexd = s[p:p + length]
        if len(hexd) < length or any(h not in _HEX for h in hexd):
            raise Fail("missing hexadecimal number in escape")
        p += length
        code = int(hexd, 16)
        if (code <= 0x9F and code not in (0x24, 0x40, 0x60)) or 0xD800 <= code <= 0xDFFF:
            raise Fail("invalid universal character name \\%s%0*x"
                       % (chr(c), length, code))
        out.append(_unicode_char(code, st.utf8))
    else:
        out.append(b"\\")
        if p < n:
            out.append(s[p:p + 1])
            p += 1
    return p - at - 1


def _unicode_char(code, utf8):
    """gnulib's print_unicode_char: the character in the locale's charset,
    or \\uXXXX / \\UXXXXXXXX where it has none."""
    if code < 0x80:
        return bytes((code,))
    if utf8 and code <= 0x10FFFF:
        return chr(code).encode("utf-8")
    return (b"\\u%04X" % code) if code < 0x10000 else (b"\\U%08X" % code)


def _print_esc_string(st, s):
    """%b: the argument with echo-style escapes (\\0NNN octal)."""
    out = st.out
    i = 0
    n = len(s)
    while i < n:
        j = s.find(b"\\", i)
        if j < 0:
            out.append(s[i:])
            return
        if j > i:
            out.append(s[i:j])
        i = j + 1 + _print_esc(st, s, j, True)
