"""Error types and the one message format: `APPLET: OBJECT: REASON`.

An applet raises Fail (or Usage) and the dispatcher reports it and turns it
into the exit status; an applet that goes on after a problem (a missing input
file) calls warn() and returns 1 at the end.  Every message is written with a
single write(2) so that lines from concurrent processes do not interleave.
"""
import posix

# Characters that leave a file name bare in GNU's quotef (shell-escape
# quoting, with ':' quoted as quotearg_colon does); '~' and '#' only when
# not first.
_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789%+,-./@_{}]~#")
# A printable name with a quote in it is put in double quotes instead when
# it has only these (and '~' or '#' first), as gnulib does.
_DQ_OK = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789%+,-./@_]: '")
_CESC = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}


class Fail(Exception):
    """A fatal error: the dispatcher prints `prog: message` and exits `status`."""

    def __init__(self, message, status=1):
        Exception.__init__(self, message)
        self.message = message
        self.status = status


class WriteError(Fail):
    """Standard output could not be written: `write error: reason`, with the
    applet's trouble status (GNU's close_stdout exits with exit_failure)."""

    def __init__(self, e):
        Fail.__init__(self, "write error: %s" % e.strerror)
        self.strerror = e.strerror


class Usage(Fail):
    """A command-line error: also prints `Try 'prog --help' ...`."""


class Exit(Exception):
    """End the applet at once with `status` and no message."""

    def __init__(self, status=0):
        Exception.__init__(self, status)
        self.status = status


def text(name):
    """A file name (str or bytes) as str, undecodable bytes kept as surrogates."""
    if isinstance(name, bytes):
        return name.decode("utf-8", "surrogateescape")
    return name


def _printable(ch, utf8):
    o = ord(ch)
    if o < 0x80:
        return 0x20 <= o < 0x7F
    if 0xDC80 <= o <= 0xDCFF:  # an undecodable byte
        return False
    if not utf8:
        return False
    # glibc's iswprint in UTF-8 locales: every assigned character but the
    # controls and the line/paragraph separators (wider than str.isprintable,
    # which also excludes spaces like U+00A0 and formats like U+200B).
    import unicodedata
    return unicodedata.category(ch) not in ("Cc", "Cn", "Cs") and ch not in "\u2028\u2029"


def quotef(name, always=False):
    """Quote a file name for a message the way GNU tools do (shell-escape).

    Plain names stay bare, others get single quotes, and bytes that are not
    printable become $'\\NNN' pieces, so `cat: ''$'\\377': ...` matches GNU.
    `always` quotes plain names too (GNU's quoteaf, as in head's messages).
    """
    from compat.platform import utf8_locale

    s = text(name)
    if s and s[0] not in "~#" and s not in ("{", "}") and all(c in _SAFE for c in s):
        return "'" + s + "'" if always else s
    utf8 = utf8_locale()
    if utf8 and s and s[0] not in "~#" and s not in ("{", "}") and all(c in _SAFE or (c >= "\x80" and _printable(c, utf8)) for c in s):
        return "'" + s + "'" if always else s  # printable multibyte characters need no quotes
    if all(_printable(c, utf8) for c in s):
        if "'" not in s:
            return "'" + s + "'"
        if all(c in _DQ_OK or c >= "\x80" or (i == 0 and c in "~#") for i, c in enumerate(s)):
            return '"' + s + '"'
    # The name is single-quoted; a quote becomes \' outside the quotes and
    # a run of unprintable characters one $'\NNN...' piece between them.
    out = ["'"]
    state = "'"  # "'" inside single quotes, "$" inside a $'...' piece
    for c in s:
        if c == "'":
            out.append("'\\''")  # close (either kind), an escaped quote, reopen
            state = "'"
            continue
        if _printable(c, utf8):
            if state == "$":
                out.append("''")
                state = "'"
            out.append(c)
            continue
        if state == "'":
            out.append("'$'")
            state = "$"
        o = ord(c)
        if 0xDC80 <= o <= 0xDCFF:
            esc = "\\%03o" % (o - 0xDC00)
        elif c in _CESC:
            esc = _CESC[c]
        elif o < 0x80:
            esc = "\\%03o" % o
        else:
            esc = "".join("\\%03o" % b for b in c.encode("utf-8", "surrogateescape"))
        out.append(esc)
    out.append("'")
    result = "".join(out)
    if s[0] != "'" and "'" in s and not _printable(s[-1], utf8):
        # gnulib restarts its quoting for a name with a quote that ends
        # unprintable, and the restart shows at the front: an extra '' (or,
        # when the name starts unprintable, a lost ''$).  Messages are
        # compared by scripts, so do the same.
        return "''" + result if _printable(s[0], utf8) else result[3:]
    return result


def quote(value):
    """Quote a value the way GNU's quote() does: always quoted, 'x' in the C
    locale and ‘x’ in a UTF-8 one, unprintable characters as C escapes."""
    from compat.platform import utf8_locale

    utf8 = utf8_locale()
    close = "\u2019" if utf8 else "'"
    out = []
    for c in text(value):
        if c == "\\" or c == close:
            out.append("\\" + c)  # as GNU: a backslash, and the closing quote, escaped
            continue
        if _printable(c, utf8):
            out.append(c)
            continue
        o = ord(c)
        if 0xDC80 <= o <= 0xDCFF:
            out.append("\\%03o" % (o - 0xDC00))
        elif c in _CESC:
            out.append(_CESC[c])
        else:
            out.append("".join("\\%03o" % b for b in c.encode("utf-8", "surrogateescape")))
    body = "".join(out)
    return "\u2018" + body + "\u2019" if utf8 else "'" + body + "'"


def write_stderr(msg):
    """Write `msg` (str) to fd 2 in one call; a closed stderr is ignored."""
    data = msg.encode("utf-8", "surrogateescape")
    try:
        while data:
            n = posix.write(2, data)
            data = data[n:]
    except OSError:
        pass


def warn(prog, *parts):
    """Report a non-fatal problem: `prog: part: part...`."""
    write_stderr(": ".join((prog,) + tuple(parts)) + "\n")


def warn_os(prog, name, exc):
    """Report an OSError about file `name` as GNU does: `prog: name: reason`."""
    warn(prog, quotef(name), exc.strerror or str(exc))


def try_help(prog):
    return "Try '%s --help' for more information.\n" % prog
