"""sed --debug: GNU sed 4.9's annotations, as text for the compiled program.

Only imported when --debug is given.  The program listing (`SED PROGRAM:`
and one canonical line per command, two spaces per block level) and the
per-command `COMMAND:` texts are built here once, before the run; the
code generator (codegen.Gen with debug=True) then emits straight writes
of those constants, so the normal code path carries no debug test at all.

GNU's conventions reproduced here: a regex is printed from its compiled
text (escapes already converted, `/` shown as `\\/`), each byte through debug_print_char
(printable ASCII as is, `\\\\` for a backslash, `\\n \\t \\a \\f \\v \\r`,
`\\oNNN` for the rest, where a byte above 127 is sign-extended as C's
char is); address flags print as `I`/`M`, s flags as `i m g e p N w`;
a/i/c/e print their text as stored (so with its trailing newline); `y` in
a single-byte locale lists only the bytes that change, in byte order.
"""
from applets.editors.sed.parse import (A_LAST, A_NULL, A_NUM, A_NUM_MOD, A_REGEX, A_STEP, A_STEP_MOD,
                                       REPL_ASIS, REPL_LOWERCASE, REPL_LOWERCASE_FIRST, REPL_MODIFIERS,
                                       REPL_UPPERCASE, REPL_UPPERCASE_FIRST)


def _char_table():
    names = {7: b"\\a", 12: b"\\f", 13: b"\\r", 9: b"\\t", 11: b"\\v", 10: b"\\n", 92: b"\\\\"}
    t = []
    for b in range(256):
        if b in names:
            t.append(names[b])
        elif 32 <= b < 127:
            t.append(bytes((b,)))
        elif b < 128:
            t.append(b"\\o%03o" % b)
        else:
            t.append(b"\\o%03o" % (b + 0xFFFFFF00))  # (unsigned int) of a negative char
    return t


ESC = _char_table()
_PLAIN = bytes(b for b in range(32, 127) if b != 92)


def esc(data):
    """debug_print_char over every byte of data."""
    if not data.translate(None, _PLAIN):
        return data
    return b"".join([ESC[b] for b in data])


def _regex(rx):
    if rx is None:
        return b"//"
    return b"/" + esc(rx.source).replace(b"/", b"\\/") + b"/"


def addr_text(a):
    k = a.kind
    if k == A_NULL:
        return b"[ADDR-NULL]"
    if k == A_REGEX:
        out = _regex(a.rx)
        if a.rx is not None:
            if "I" in a.flags:
                out += b"I"
            if "M" in a.flags:
                out += b"M"
        return out
    if k == A_NUM:
        return b"%d" % a.num
    if k == A_NUM_MOD:
        return b"%d~%d" % (a.num, a.step)
    if k == A_STEP:
        return b"+%d" % a.step
    if k == A_STEP_MOD:
        return b"~%d" % a.step
    if k == A_LAST:
        return b"$"
    raise AssertionError(k)


def _replacement(parts):
    out = []
    last = REPL_ASIS
    for prefix, gid, rtype in parts:
        if rtype != last:
            if rtype == REPL_ASIS:
                out.append(b"\\E")
            elif rtype == REPL_UPPERCASE:
                out.append(b"\\U")
            elif rtype == REPL_LOWERCASE:
                out.append(b"\\L")
            elif rtype & REPL_MODIFIERS == REPL_UPPERCASE_FIRST:
                out.append(b"\\u")
            elif rtype & REPL_MODIFIERS == REPL_LOWERCASE_FIRST:
                out.append(b"\\l")
            else:
                out.append(b"\\")
            last = rtype
        out.append(prefix)
        if gid == 0:
            out.append(b"&")
        elif gid > 0:
            out.append(b"\\%d" % gid)
    return b"".join(out)


def _subst(sub):
    out = [_regex(sub.rx), _replacement(sub.repl), b"/"]
    if sub.rx is not None:
        if sub.icase:
            out.append(b"i")
        if sub.mline:
            out.append(b"m")
    if sub.glob:
        out.append(b"g")
    if sub.eval:
        out.append(b"e")
    if sub.print_:
        out.append(b"p")
    if sub.numb:
        out.append(b"%d" % sub.numb)
    if sub.wname is not None:
        out.append(b"w" + sub.wname)
    return b"".join(out)


def _translation(c, utf8):
    if utf8:
        from applets.editors.sed.parse import _mb_chars
        src, dst = c.text
        # fputs of each character: a NUL character prints nothing
        s = b"".join(x for x in _mb_chars(src) if x != b"\0")
        d = b"".join(x for x in _mb_chars(dst) if x != b"\0")
        return b"/" + s + b"/" + d + b"/"
    tab = c.ytab
    s = bytes(i for i in range(256) if tab[i] != i)
    d = bytes(tab[i] for i in range(256) if tab[i] != i)
    return b"/" + s + b"/" + d + b"/"


def function_text(c, cmds, utf8, etext=None):
    """debug_print_function: the command letter and its argument."""
    ch = c.ch
    head = ch.encode("latin-1") if ord(ch) < 256 else ch.encode("utf-8", "surrogateescape")
    if ch == ":":
        return head + c.label
    if ch in ("a", "c", "i"):
        return head + b"\\" + (c.text or b"")
    if ch in ("b", "t", "T"):
        j = c.jump
        if j is not None and j < len(cmds) and cmds[j].ch == ":":
            return head + b" " + cmds[j].label
        return head
    if ch == "e":
        text = c.text if etext is None else etext
        return head + b" " + (text or b"")
    if ch in ("l", "L", "q", "Q"):
        if c.int_arg != -1:
            return head + b" %d" % c.int_arg
        return head
    if ch in ("r", "R"):
        return head + b" " + c.fname
    if ch in ("w", "W"):
        return head + c.fname
    if ch == "s":
        return head + _subst(c.subst)
    if ch == "y":
        return head + _translation(c, utf8)
    return head


def command_text(c, cmds, utf8, etext=None):
    """debug_print_command without the indentation (and with its newline)."""
    out = []
    if c.a1 is not None:
        out.append(addr_text(c.a1))
    if c.a2 is not None:
        out.append(b",")
        out.append(addr_text(c.a2))
    if c.bang:
        out.append(b"!")
    if c.a1 is not None or c.a2 is not None:
        out.append(b" ")
    out.append(function_text(c, cmds, utf8, etext))
    out.append(b"\n")
    return b"".join(out)


def e_after(c):
    """The e command's text once it has run: GNU overwrites the text's
    last byte (its newline) with a NUL in place."""
    text = c.text or b""
    if text:
        text = text[:-1] + b"\0"
    return text


def program_listing(cmds, utf8):
    out = [b"SED PROGRAM:\n"]
    level = 1
    for c in cmds:
        if c.ch == "}":
            level -= 1
        out.append(b"  " * level + command_text(c, cmds, utf8))
        if c.ch == "{":
            level += 1
    return b"".join(out)


def registers(m, groups):
    """MATCHED REGEX REGISTERS for the first match of an s command."""
    out = [b"MATCHED REGEX REGISTERS\n"]
    for k in range(groups + 1):
        s, e = m.span(k)
        if s < 0:
            break
        out.append(b"  regex[%d] = %d-%d '%s'\n" % (k, s, e, m.group(k)))
    return b"".join(out)


def input_line(inp, rt, lineno):
    name = inp.name
    if name == "-" and rt.inplace is None:
        shown = b"STDIN"
    else:
        shown = name.encode("utf-8", "surrogateescape") if isinstance(name, str) else name
    return b"INPUT:   '%s' line %d\n" % (shown, lineno)
