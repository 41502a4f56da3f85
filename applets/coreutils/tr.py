"""tr: translate, squeeze and/or delete bytes from standard input.

STRING1 and STRING2 are parsed the way GNU tr parses them (escapes, ranges,
[:class:], [=c=], [c*n] and [c*]) into run-length lists, so a repeat such
as [x*1000000000] costs nothing; the lists are then turned into one
256-byte table or one delete set.  The data never meets a per-byte Python
loop: translation is bytes.translate on 256 KiB chunks, deletion is
translate(None, set), and squeezing is one compiled regular expression
(imported only for -s) that removes the repeats of a character after its
first occurrence, with the last byte of the previous chunk carried over.

Character classes are those of the C locale (as glibc's are for single
bytes in C.UTF-8 too): tr works on bytes, not multibyte characters, like
GNU tr 9.1.  [=c=] is the character c alone.
"""
import posix

from multicall.errors import Fail, Usage, quote, write_stderr
from multicall.options import Spec, opt
from multicall.stdio import BUFSIZE, stdout

SPEC = Spec("[OPTION]... STRING1 [STRING2]",
            "Translate, squeeze, and/or delete characters from standard input,\n"
            "writing to standard output.  STRING1 and STRING2 specify arrays of\n"
            "characters ARRAY1 and ARRAY2 that control the action.",
            opt("-c, -C, --complement", "use the complement of ARRAY1"),
            opt("-d, --delete", "delete characters in ARRAY1, do not translate"),
            opt("-s, --squeeze-repeats", "replace each sequence of a repeated character\n"
                "  that is listed in the last specified ARRAY,\n"
                "  with a single occurrence of that character"),
            opt("-t, --truncate-set1", "first truncate ARRAY1 to length of ARRAY2"),
            # GNU's undocumented AIX option: use the C locale.  pybox's tr
            # always uses the C locale's classes, so it changes nothing.
            opt("-A", None, dest="c_locale"),
            stop=True,
            epilog="ARRAYs are specified as strings of characters.  Most represent themselves.\n"
            "Interpreted sequences are:\n\n"
            "  \\NNN            character with octal value NNN (1 to 3 octal digits)\n"
            "  \\\\              backslash\n"
            "  \\a              audible BEL\n"
            "  \\b              backspace\n"
            "  \\f              form feed\n"
            "  \\n              new line\n"
            "  \\r              return\n"
            "  \\t              horizontal tab\n"
            "  \\v              vertical tab\n"
            "  CHAR1-CHAR2     all characters from CHAR1 to CHAR2 in ascending order\n"
            "  [CHAR*]         in ARRAY2, copies of CHAR until length of ARRAY1\n"
            "  [CHAR*REPEAT]   REPEAT copies of CHAR, REPEAT octal if starting with 0\n"
            "  [:alnum:]       all letters and digits\n"
            "  [:alpha:]       all letters\n"
            "  [:blank:]       all horizontal whitespace\n"
            "  [:cntrl:]       all control characters\n"
            "  [:digit:]       all digits\n"
            "  [:graph:]       all printable characters, not including space\n"
            "  [:lower:]       all lower case letters\n"
            "  [:print:]       all printable characters, including space\n"
            "  [:punct:]       all punctuation characters\n"
            "  [:space:]       all horizontal or vertical whitespace\n"
            "  [:upper:]       all upper case letters\n"
            "  [:xdigit:]      all hexadecimal digits\n"
            "  [=CHAR=]        all characters which are equivalent to CHAR\n\n"
            "Translation occurs if -d is not given and both STRING1 and STRING2 appear.\n"
            "-t may be used only when translating.  ARRAY2 is extended to length of\n"
            "ARRAY1 by repeating its last character as necessary.  Excess characters\n"
            "of ARRAY2 are ignored.  Character classes expand in unspecified order;\n"
            "while translating, [:lower:] and [:upper:] may be used in pairs to\n"
            "specify case conversion.  Squeezing occurs after translation or deletion.")

# The largest repeat count (and set length) GNU accepts: UINTMAX_MAX - 1.
REPEAT_MAX = (1 << 64) - 2

_UPPER = bytes(range(65, 91))
_LOWER = bytes(range(97, 123))
_DIGIT = b"0123456789"


def _classes():
    """The C locale's character classes, each as its bytes in ascending order."""
    graph = bytes(range(33, 127))
    alnum = _DIGIT + _UPPER + _LOWER
    return {
        "alnum": alnum,
        "alpha": _UPPER + _LOWER,
        "blank": b"\t ",
        "cntrl": bytes(range(32)) + b"\x7f",
        "digit": _DIGIT,
        "graph": graph,
        "lower": _LOWER,
        "print": bytes(range(32, 127)),
        "punct": bytes(c for c in graph if c not in alnum),
        "space": b"\t\n\v\f\r ",
        "upper": _UPPER,
        "xdigit": b"0123456789ABCDEFabcdef",
    }



_ESCAPES = {"\\": 92, "a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11}


def _printable_char(c):
    return chr(c) if 32 <= c < 127 else "\\%03o" % c


def _printable_str(chars):
    """GNU's make_printable_str: C escapes for \\a..\\v, octal for others."""
    names = {92: "\\", 7: "\\a", 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t", 11: "\\v"}
    return "".join(names.get(c) or _printable_char(c) for c in chars)


def unquote(s):
    """First pass over an argument: escapes become bytes.  Returns the list
    of byte values and a parallel list saying which came from a backslash."""
    chars = []
    escaped = []
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c != 92:  # backslash
            chars.append(c)
            escaped.append(False)
            i += 1
            continue
        if i + 1 >= n:
            write_stderr("tr: warning: an unescaped backslash at end of string is not portable\n")
            chars.append(92)
            escaped.append(False)
            i += 1
            continue
        nxt = chr(s[i + 1])
        if nxt in _ESCAPES:
            chars.append(_ESCAPES[nxt])
            i += 2
        elif "0" <= nxt <= "7":
            v = s[i + 1] - 48
            j = i + 2
            if j < n and 48 <= s[j] <= 55:
                v = v * 8 + s[j] - 48
                j += 1
                if j < n and 48 <= s[j] <= 55:
                    if v * 8 + s[j] - 48 < 256:
                        v = v * 8 + s[j] - 48
                        j += 1
                    else:
                        d = s[i + 1:i + 4].decode("latin-1")
                        write_stderr("tr: warning: the ambiguous octal escape \\%s is being\n"
                                     "\tinterpreted as the 2-byte sequence \\0%s, %s\n"
                                     % (d, d[:2], d[2]))
            chars.append(v)
            i = j
        else:
            chars.append(s[i + 1])
            i += 2
        escaped.append(True)
    return chars, escaped


# Elements of a parsed string, as tuples:
#   ("chars", bytes, class, tag)  explicit characters; tag is "char", "range",
#                                 "class" or "equiv"; class is "upper" or
#                                 "lower" for those two classes, else None
#   ("repeat", char, count)       [c*n]; count 0 is [c*] (or [c*0]) until
#                                 validate() fills it in


class Array:
    """One parsed STRING: its elements and the facts validate() needs."""

    def __init__(self, elements):
        self.elements = elements
        self.has_equiv = any(e[0] == "chars" and e[3] == "equiv" for e in elements)
        self.has_class = any(e[0] == "chars" and e[3] == "class" for e in elements)
        self.has_restricted = any(e[0] == "chars" and e[3] == "class" and e[2] is None for e in elements)
        self.indefinite = [k for k, e in enumerate(elements) if e[0] == "repeat" and e[2] == 0]
        self.length = None

    def count(self):
        """Set self.length, the length of the expansion (GNU's get_spec_stats)."""
        length = 0
        for e in self.elements:
            length += len(e[1]) if e[0] == "chars" else e[2]
            if length > REPEAT_MAX:
                raise Fail("too many characters in set")
        self.length = length

    def runs(self):
        """(bytes, class) for explicit elements and (char, count) for repeats,
        skipping empty repeats: the expansion as runs."""
        for e in self.elements:
            if e[0] == "chars":
                yield e[1], e[2]
            elif e[2]:
                yield e[1], e[2]

    def members(self):
        """The set of byte values in the expansion."""
        out = set()
        for e in self.elements:
            if e[0] == "chars":
                out.update(e[1])
            elif e[2]:
                out.add(e[1])
        return out


def _find_closing(chars, escaped, start, delim):
    for k in range(start, len(chars) - 1):
        if chars[k] == delim and chars[k + 1] == 93 and not escaped[k] and not escaped[k + 1]:
            return k
    return -1


def _star_digits_close(chars, escaped, idx):
    """Does chars[idx:] match '\\*[0-9]*]' with nothing escaped?"""
    if idx >= len(chars) or chars[idx] != 42 or escaped[idx]:
        return False
    for k in range(idx + 1, len(chars)):
        if not (48 <= chars[k] <= 57) or escaped[k]:
            return chars[k] == 93 and not escaped[k]
    return False


def _repeat_count(digits):
    """GNU's xstrtoumax on a [c*n] count: octal after a leading 0, else
    decimal; leading blanks and one '+' are allowed.  None if invalid."""
    text = bytes(digits)
    s = text.lstrip(b" \t\n\v\f\r")
    if s[:1] == b"+":
        s = s[1:]
    base = 8 if text[:1] == b"0" else 10
    if not s or not all(48 <= c < 48 + base for c in s):
        return None
    v = int(s, base)
    return v if v <= REPEAT_MAX else None


def _bracketed_repeat(chars, escaped, start):
    """[c*n] at chars[start-1]: (char, count, index of ']'), -1 if it is
    not one, or raise Fail for a bad count."""
    if start + 1 >= len(chars) or chars[start + 1] != 42 or escaped[start + 1]:
        return -1
    k = start + 2
    while k < len(chars) and not escaped[k]:
        if chars[k] == 93:
            digits = chars[start + 2:k]
            count = 0
            if digits:
                count = _repeat_count(digits)
                if count is None:
                    raise Fail("invalid repeat count %s in [c*n] construct" % quote(_printable_str(digits)))
            return chars[start], count, k
        k += 1
    return -1


def parse(arg, classes):
    """Parse one STRING (bytes) into an Array, as GNU's build_spec_list."""
    chars, escaped = unquote(arg)
    elements = []
    n = len(chars)
    i = 0
    while i + 2 < n:
        if chars[i] == 91 and not escaped[i]:  # '['
            d = chars[i + 1]
            if d in (58, 61) and not escaped[i + 1]:  # ':' or '='
                close = _find_closing(chars, escaped, i + 2, d)
                if close >= 0:
                    operand = chars[i + 2:close]
                    if not operand:
                        if d == 58:
                            raise Fail("missing character class name '[::]'")
                        raise Fail("missing equivalence class character '[==]'")
                    if d == 58:
                        name = bytes(operand).decode("latin-1")
                        if name in classes:
                            cls = name if name in ("upper", "lower") else None
                            elements.append(("chars", classes[name], cls, "class"))
                            i = close + 2
                            continue
                        if not _star_digits_close(chars, escaped, i + 2):
                            raise Fail("invalid character class %s" % quote(_printable_str(operand)))
                    else:
                        if len(operand) == 1:
                            elements.append(("chars", bytes(operand), None, "equiv"))
                            i = close + 2
                            continue
                        if not _star_digits_close(chars, escaped, i + 2):
                            raise Fail("%s: equivalence class operand must be a single character"
                                       % _printable_str(operand))
            # [c*n] or [c*], or (when nothing matched) a plain '['.
            found = _bracketed_repeat(chars, escaped, i + 1)
            if found != -1:
                c, count, close = found
                elements.append(("repeat", c, count))
                i = close + 1
                continue
        if chars[i + 1] == 45 and not escaped[i + 1]:  # '-'
            first, last = chars[i], chars[i + 2]
            if last < first:
                raise Fail("range-endpoints of '%s-%s' are in reverse collating sequence order"
                           % (_printable_char(first), _printable_char(last)))
            elements.append(("chars", bytes(range(first, last + 1)), None, "range"))
            i += 3
        else:
            elements.append(("chars", bytes((chars[i],)), None, "char"))
            i += 1
    while i < n:
        elements.append(("chars", bytes((chars[i],)), None, "char"))
        i += 1
    return Array(elements)


def _steps(elements):
    """The non-empty elements as [kind, payload, class, length], the form in
    which two arrays are walked side by side (a repeat is one step of
    `length` identical characters, never expanded)."""
    out = []
    for e in elements:
        if e[0] == "chars":
            if e[1]:
                out.append(["chars", e[1], e[2], len(e[1])])
        elif e[2]:
            out.append(["repeat", e[1], None, e[2]])
    return out


def _validate_case_classes(s1, s2):
    """GNU's check that [:upper:]/[:lower:] in STRING2 line up with a
    class in STRING1; shortens both lengths for each aligned pair."""
    a = _steps(s1.elements)
    b = _steps(s2.elements)
    i = j = 0
    pos1 = pos2 = 0  # offset within the current element
    while i < len(a) and j < len(b):
        e1, e2 = a[i], b[j]
        if e2[2] is not None and pos2 == 0:
            if not (e1[2] is not None and pos1 == 0):
                raise Fail("misaligned [:upper:] and/or [:lower:] construct")
            s1.length -= len(e1[1]) - 1
            s2.length -= len(e2[1]) - 1
            i += 1
            j += 1
            pos1 = pos2 = 0
            continue
        step = min(e1[3] - pos1, e2[3] - pos2)
        pos1 += step
        pos2 += step
        if pos1 == e1[3]:
            i += 1
            pos1 = 0
        if pos2 == e2[3]:
            j += 1
            pos2 = 0
    # GNU walks one more pair when one side ends first: if STRING1 is done
    # but STRING2 starts a class at that point, that is misaligned too.
    if i >= len(a) and j < len(b) and b[j][2] is not None and pos2 == 0:
        raise Fail("misaligned [:upper:] and/or [:lower:] construct")


def _homogeneous(arr):
    """Is the expansion non-empty and made of one character only?"""
    seen = set()
    for payload, _ in arr.runs():
        if isinstance(payload, int):
            seen.add(payload)
        else:
            seen.update(payload)
        if len(seen) > 1:
            return False
    return len(seen) == 1


def validate(s1, s2, opts, translating):
    s1.count()
    if opts.complement:
        s1.length = 256 - len(s1.members())
    if s1.indefinite:
        raise Fail("the [c*] repeat construct may not appear in string1")
    if s2 is None:
        return
    s2.count()
    if len(s2.indefinite) == 1 and s1.length >= s2.length:
        k = s2.indefinite[0]
        s2.elements[k] = ("repeat", s2.elements[k][1], s1.length - s2.length)
        s2.length = s1.length
    if len(s2.indefinite) > 1:
        raise Fail("only one [c*] repeat construct may appear in string2")
    if not translating:
        if s2.indefinite:
            raise Fail("the [c*] construct may appear in string2 only when translating")
        return
    if s2.has_equiv:
        raise Fail("[=c=] expressions may not appear in string2 when translating")
    if s2.has_restricted:
        raise Fail("when translating, the only character classes that may appear in\n"
                   "string2 are 'upper' and 'lower'")
    if not opts.complement and s2.has_class:
        _validate_case_classes(s1, s2)
    if s1.length > s2.length and not opts.truncate_set1:
        if s2.length == 0:
            raise Fail("when not truncating set1, string2 must be non-empty")
        last = s2.elements[-1]
        if last[0] == "chars" and last[3] == "class":
            raise Fail("when translating with string1 longer than string2,\n"
                       "the latter string must not end with a character class")
        c = last[1][-1] if last[0] == "chars" else last[1]
        s2.elements.append(("repeat", c, s1.length - s2.length))
        s2.length = s1.length
    if opts.complement and s1.has_class and not (s2.length == s1.length and _homogeneous(s2)):
        raise Fail("when translating with complemented character classes,\n"
                   "string2 must map all characters in the domain to one")


def translation_table(s1, s2, complement):
    """The 256-byte table of the translation s1 -> s2."""
    xlate = bytearray(range(256))
    if complement:
        members = s1.members()
        targets = _expand_limited(s2, 256)
        k = 0
        for c in range(256):
            if c not in members:
                if k >= len(targets):
                    break
                xlate[c] = targets[k]
                k += 1
        return bytes(xlate)
    a = _steps(s1.elements)
    b = _steps(s2.elements)
    i = j = 0
    pos1 = pos2 = 0
    while i < len(a) and j < len(b):
        e1, e2 = a[i], b[j]
        if e2[2] is not None and pos2 == 0:
            # A case class in STRING2 (validate() made sure STRING1 has a
            # class starting here too): convert case, or map the first
            # characters alone for [:upper:]->[:upper:], as GNU does.
            if e1[2] == "lower" and e2[2] == "upper":
                for c in _LOWER:
                    xlate[c] = c - 32
            elif e1[2] == "upper" and e2[2] == "lower":
                for c in _UPPER:
                    xlate[c] = c + 32
            else:
                xlate[_char_at(e1, pos1)] = _char_at(e2, 0)
            i += 1
            j += 1
            pos1 = pos2 = 0
            continue
        step = min(e1[3] - pos1, e2[3] - pos2)
        if e1[0] == "repeat" and e2[0] == "repeat":
            xlate[e1[1]] = e2[1]
        else:
            for k in range(step):
                xlate[_char_at(e1, pos1 + k)] = _char_at(e2, pos2 + k)
        pos1 += step
        pos2 += step
        if pos1 == e1[3]:
            i += 1
            pos1 = 0
        if pos2 == e2[3]:
            j += 1
            pos2 = 0
    return bytes(xlate)


def _char_at(e, pos):
    return e[1][pos] if e[0] == "chars" else e[1]


def _expand_limited(arr, limit):
    """The first `limit` characters of arr's expansion, as a bytes object."""
    out = bytearray()
    for payload, extra in arr.runs():
        if isinstance(payload, bytes):
            out += payload
        else:
            out += bytes((payload,)) * min(extra, limit - len(out))
        if len(out) >= limit:
            break
    return bytes(out[:limit])


def _squeezer(members):
    """A function that squeezes the chunks of a stream: each run of a
    repeated member byte becomes one, across chunk boundaries too."""
    import re
    members = sorted(members)
    if len(members) <= 6:
        # Few members: one branch per byte (`aa+|bb+`), which re scans for
        # with a literal prefix and repeats without a back-reference.
        pattern = b"|".join(b"\\x%02x\\x%02x+" % (c, c) for c in members)
    else:
        pattern = b"([" + b"".join(b"\\x%02x" % c for c in members) + b"])\\1+"
    sub = re.compile(pattern).sub
    member = bytearray(256)
    for c in members:
        member[c] = 1
    first = _first_byte
    state = [-1]  # the last byte written, if it is in the set

    def squeeze(data):
        last = state[0]
        if last >= 0:
            data = sub(first, bytes((last,)) + data)[1:]
        else:
            data = sub(first, data)
        if data:
            state[0] = data[-1] if member[data[-1]] else -1
        return data
    return squeeze


def _first_byte(match):
    return match.group()[:1]


def main(argv):
    opts = SPEC.parse(argv)
    args = opts.operands
    delete, squeeze = opts.delete, opts.squeeze_repeats
    nargs = len(args)
    translating = nargs == 2 and not delete
    min_ops = 1 + (delete == squeeze)
    max_ops = 1 + (delete <= squeeze)
    if nargs < min_ops:
        if nargs == 0:
            raise Usage("missing operand")
        raise Usage("missing operand after %s\n%s" % (
            quote(args[-1]), "Two strings must be given when both deleting and squeezing repeats."
            if squeeze else "Two strings must be given when translating."))
    if nargs > max_ops:
        extra = "extra operand %s" % quote(args[max_ops])
        if nargs == 2:
            extra += "\nOnly one string may be given when deleting without squeezing repeats."
        raise Usage(extra)
    classes = _classes()
    raw = [a.encode("utf-8", "surrogateescape") for a in args]
    s1 = parse(raw[0], classes)
    s2 = parse(raw[1], classes) if nargs == 2 else None
    validate(s1, s2, opts, translating)

    table = None
    deleting = None
    squeeze_set = None
    if squeeze and nargs == 1:
        squeeze_set = _set_of(s1, opts.complement)
    elif delete and nargs == 1:
        deleting = bytes(sorted(_set_of(s1, opts.complement)))
    elif squeeze and delete:
        deleting = bytes(sorted(_set_of(s1, opts.complement)))
        squeeze_set = s2.members()
    else:
        table = translation_table(s1, s2, opts.complement)
        if squeeze:
            squeeze_set = s2.members()
    return filter_stdin(table, deleting, squeeze_set)


def _set_of(arr, complement):
    members = arr.members()
    if complement:
        return set(range(256)) - members
    return members


def filter_stdin(table, deleting, squeeze_set):
    out = stdout()
    write = out.write
    squeeze = _squeezer(squeeze_set) if squeeze_set else None
    if table == bytes(range(256)):
        table = None
    read = posix.read
    while True:
        try:
            data = read(0, BUFSIZE)
        except OSError as e:
            raise Fail("read error: %s" % e.strerror) from None
        if not data:
            break
        if table is not None:
            data = data.translate(table)
        elif deleting:
            data = data.translate(None, deleting)
        if squeeze is not None:
            data = squeeze(data)
        write(data)
    return 0
