"""echo: write the arguments, separated by spaces, and a newline.

GNU's rules: an argument is an option only while every character after its
`-` is one of n, e, E; --help and --version are honoured only as the sole
argument; under POSIXLY_CORRECT escapes are always on and options are only
recognized when the first argument is exactly -n.
"""
import posix

from multicall.options import Spec
from multicall.stdio import stdout

SPEC = Spec("[SHORT-OPTION]... [STRING]...",
            "Echo the STRING(s) to standard output.\n\n"
            "  -n             do not output the trailing newline\n"
            "  -e             enable interpretation of backslash escapes\n"
            "  -E             disable interpretation of backslash escapes (default)",
            epilog="If -e is in effect, the following sequences are recognized:\n\n"
            "  \\\\      backslash\n  \\a      alert (BEL)\n  \\b      backspace\n"
            "  \\c      produce no further output\n  \\e      escape\n  \\f      form feed\n"
            "  \\n      new line\n  \\r      carriage return\n  \\t      horizontal tab\n"
            "  \\v      vertical tab\n  \\0NNN   byte with octal value NNN (1 to 3 digits)\n"
            "  \\xHH    byte with hexadecimal value HH (1 to 2 digits)")

_SIMPLE = {ord("\\"): b"\\", ord("a"): b"\a", ord("b"): b"\b", ord("e"): b"\x1b",
           ord("f"): b"\f", ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("v"): b"\v"}
_OCT = b"01234567"
_HEX = b"0123456789abcdefABCDEF"


def unescape(s):
    """Interpret echo's backslash escapes in bytes `s`.

    Returns (bytes, stop): stop is True when \\c was met.
    """
    if b"\\" not in s:
        return s, False
    out = bytearray()
    i, n = 0, len(s)
    while i < n:
        j = s.find(b"\\", i)
        if j < 0 or j == n - 1:
            out += s[i:]
            break
        out += s[i:j]
        c = s[j + 1]
        i = j + 2
        if c in _SIMPLE:
            out += _SIMPLE[c]
        elif c == ord("c"):
            return bytes(out), True
        elif c == ord("x") and i < n and s[i] in _HEX:
            k = i + 1 if i + 1 < n and s[i + 1] in _HEX else i
            out.append(int(s[i:k + 1], 16))
            i = k + 1
        elif c in _OCT:
            # \0NNN takes up to three digits after the 0; \NNN up to three in all.
            start = i if c == ord("0") else i - 1
            k = start
            while k < n and k < start + 3 and s[k] in _OCT:
                k += 1
            out.append(int(s[start:k] or b"0", 8) & 0xFF)
            i = k
        else:
            out += b"\\" + bytes((c,))
    return bytes(out), False


def main(argv):
    posixly = b"POSIXLY_CORRECT" in posix.environ
    allow = not posixly or (len(argv) > 1 and argv[1] == "-n")
    if allow and SPEC.only_help_version(argv):
        return 0
    args = argv[1:]
    newline = True
    escapes = False
    if allow:
        while args and args[0][:1] == "-" and len(args[0]) > 1 and all(c in "neE" for c in args[0][1:]):
            for c in args.pop(0)[1:]:
                if c == "n":
                    newline = False
                else:
                    escapes = c == "e"
    data = b" ".join(a.encode("utf-8", "surrogateescape") for a in args)
    if escapes or posixly:
        data, stop = unescape(data)
        if stop:
            newline = False
    if newline:
        data += b"\n"
    stdout().write(data)
    return 0
