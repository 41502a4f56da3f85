"""hexdump: display file contents in hexadecimal, decimal, octal or ASCII,
with the format language of BSD hexdump as BusyBox and util-linux have it
(-e FORMAT, -f FILE: iteration counts, byte counts, %_a[dox] %_A[dox] %_c
%_p %_u and printf conversions).

Fast because a format is compiled once into a `%` template for a whole
block (one output "line") and a list of columns: each column's values for
every block of a chunk come from one struct.iter_unpack (or a precomputed
table of 256 formatted strings for the one-byte conversions), laid into the
argument list with slice assignments, so a chunk of lines is formatted by
one `%`.  Only the comparison for `*` (repeated blocks) runs once per
block.  The last, partial block goes through a plain interpreter of the
same rules (blank padding past the end of the data).
"""
import posix

from multicall.errors import Fail, warn
from multicall.options import Spec, opt
from multicall.stdio import stdout

SPEC = Spec("[-bcdoxCv] [-e FMT] [-f FMT_FILE] [-n LEN] [-s OFS] [FILE]...",
            "Display FILEs (or stdin) in a user specified format",
            opt("-b", "1-byte octal display", dest="fmt_b"),
            opt("-c", "1-byte character display", dest="fmt_c"),
            opt("-d", "2-byte decimal display", dest="fmt_d"),
            opt("-o", "2-byte octal display", dest="fmt_o"),
            opt("-x", "2-byte hex display", dest="fmt_x"),
            opt("-C", "hex+ASCII 16 bytes per line", dest="fmt_C"),
            opt("-v", "Show all (no dup folding)"),
            opt("-e FORMAT_STR", "Example: '16/1 \"%02x|\"\"\\n\"'", dest="format", kind="list"),
            opt("-f FORMAT_FILE", "Read formats from FORMAT_FILE", dest="format_file", kind="list"),
            opt("-n LENGTH", "Show only first LENGTH bytes", dest="length"),
            opt("-s OFFSET", "Skip OFFSET bytes", dest="skip"))

_ADD_FIRST = '"%07.7_Ax\n"'
_ADD = {
    "b": '"%07.7_ax " 16/1 "%03o " "\\n"',
    "c": '"%07.7_ax " 16/1 "%3_c " "\\n"',
    "d": '"%07.7_ax " 8/2 "  %05u " "\\n"',
    "o": '"%07.7_ax " 8/2 " %06o " "\\n"',
    "x": '"%07.7_ax " 8/2 "   %04x " "\\n"',
}
_C_FORMATS = ('"%08.8_Ax\n"', '"%08.8_ax  " 8/1 "%02x " "  " 8/1 "%02x " ', '"  |" 16/1 "%_p" "|\\n"')
_DEFAULT = ('"%07.7_Ax\n"', '"%07.7_ax " 8/2 "%04x " "\\n"')

_SPACES = b" \t\n\v\f\r"
_FLAGS = b"#-+ 0123456789"
_SIZES = {ord(c): n for c, n in zip("cdiouxXeEfgG", (1, 4, 4, 4, 4, 4, 4, 8, 8, 8, 8, 8))}
_CONV_C = {0: b"\\0", 7: b"\\a", 8: b"\\b", 12: b"\\f", 10: b"\\n", 13: b"\\r", 9: b"\\t", 11: b"\\v"}
# util-linux's names (BusyBox 1.35 misspells dc1 as "dcl").
_NAMES = (b"nul soh stx etx eot enq ack bel bs ht lf vt ff cr so si dle dc1 dc2 dc3 "
          b"dc4 nak syn etb can em sub esc fs gs rs us").split()

# Print unit kinds.
ADDRESS, BPAD, C, CHAR, DBL, INT, P, STR, U, UINT, TEXT = range(11)


class _Fatal(Exception):
    pass


class PR:
    """A print unit: one conversion with the text around it."""

    __slots__ = ("kind", "bcnt", "pre", "spec", "post", "nospace")

    def __init__(self, kind, bcnt, pre, spec, post):
        self.kind = kind
        self.bcnt = bcnt
        self.pre = pre  # text before the conversion (bytes)
        self.spec = spec  # (flags, width, precision, conv) or None for text
        self.post = post  # text after it, up to the next conversion
        self.nospace = False  # drop the last (blank) byte of post on the last rep


class FU:
    __slots__ = ("reps", "bcnt", "fmt", "setrep", "ignore", "prs")

    def __init__(self):
        self.reps = 1
        self.bcnt = 0
        self.fmt = b""
        self.setrep = False
        self.ignore = False
        self.prs = []


def _escapes(s):
    """BusyBox's strcpy_and_process_escape_sequences: C escapes, octal,
    \\x hex; an unknown escape keeps its backslash."""
    if b"\\" not in s:
        return s
    out = bytearray()
    i = 0
    n = len(s)
    simple = {ord("a"): 7, ord("b"): 8, ord("e"): 27, ord("f"): 12, ord("n"): 10, ord("r"): 13,
              ord("t"): 9, ord("v"): 11, ord("\\"): 92}
    while i < n:
        c = s[i]
        if c != 92 or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        d = s[i + 1]
        if 48 <= d <= 55:
            j = i + 1
            v = 0
            while j < n and j < i + 4 and 48 <= s[j] <= 55:
                v = v * 8 + s[j] - 48
                j += 1
            out.append(v & 0xFF)
            i = j
        elif d == ord("x") and i + 2 < n and chr(s[i + 2]) in "0123456789abcdefABCDEF":
            j = i + 2
            v = 0
            while j < n and j < i + 4 and chr(s[j]) in "0123456789abcdefABCDEF":
                v = v * 16 + int(chr(s[j]), 16)
                j += 1
            out.append(v)
            i = j
        elif d in simple:
            out.append(simple[d])
            i += 2
        else:
            out.append(92)
            i += 1
    return bytes(out)


def add_format(fss, fmt):
    """bb_dump_add: parse one format string into a list of format units."""
    raw = fmt
    fus = []
    p = 0
    n = len(fmt)

    def bad():
        raise _Fatal("bad format {%s}" % raw.decode("utf-8", "surrogateescape"))

    def skip_ws(i):
        while i < n and fmt[i] in _SPACES:
            i += 1
        return i

    while True:
        p = skip_ws(p)
        if p >= n:
            break
        fu = FU()
        fus.append(fu)
        if 48 <= fmt[p] <= 57:
            q = p
            while q < n and 48 <= fmt[q] <= 57:
                q += 1
            if q >= n or (fmt[q] not in _SPACES and fmt[q] != 47):
                bad()
            fu.reps = int(fmt[p:q])
            fu.setrep = True
            p = skip_ws(q + 1)
        if p < n and fmt[p] == 47:
            p = skip_ws(p + 1)
        if p < n and 48 <= fmt[p] <= 57:
            q = p
            while q < n and 48 <= fmt[q] <= 57:
                q += 1
            if q >= n or fmt[q] not in _SPACES:
                bad()
            fu.bcnt = int(fmt[p:q])
            p = skip_ws(q + 1)
        if p >= n or fmt[p] != 34:
            bad()
        q = fmt.find(b'"', p + 1)
        if q < 0:
            bad()
        fu.fmt = _escapes(fmt[p + 1:q])
        p = q + 1
    fss.append(fus)


def _fs_size(fus):
    """bb_dump_size: the bytes one block of this format string uses."""
    size = 0
    for fu in fus:
        if fu.bcnt:
            size += fu.bcnt * fu.reps
            continue
        bcnt = 0
        prec = 0
        f = fu.fmt
        i = 0
        while i < len(f):
            if f[i] != 37:
                i += 1
                continue
            i += 1
            while i < len(f) and f[i] in _FLAGS:
                i += 1
            if i < len(f) and f[i] == 46:
                i += 1
                if i < len(f) and 48 <= f[i] <= 57:
                    j = i
                    while j < len(f) and 48 <= f[j] <= 57:
                        j += 1
                    prec = int(f[i:j])
                    i = j
            c = f[i] if i < len(f) else 0
            if c in _SIZES:
                bcnt += _SIZES[c]
            elif c == 115:
                bcnt += prec
            elif c == 95:
                i += 1
                if i < len(f) and f[i] in b"cpu":
                    bcnt += 1
            i += 1
        size += bcnt * fu.reps
    return size


def _rewrite(fus, fs_bcnt, blocksize, state):
    """Break each unit into print units; check byte counts; repeat the
    last unit to fill the block; find the trailing blank to drop."""
    for fu in fus:
        f = fu.fmt
        pos = 0
        nconv = 0
        while pos < len(f):
            p1 = f.find(b"%", pos)
            if p1 < 0:
                fu.prs.append(PR(TEXT, 0, f[pos:], None, b""))
                break
            pre = f[pos:p1]
            i = p1 + 1
            flags_start = i
            prec = None
            if fu.bcnt:
                while i < len(f) and f[i] in b".#-+ 0123456789":
                    i += 1
                spec_text = f[flags_start:i]
            else:
                while i < len(f) and f[i] in _FLAGS:
                    i += 1
                if i < len(f) and f[i] == 46 and i + 1 < len(f) and 48 <= f[i + 1] <= 57:
                    i += 1
                    j = i
                    while j < len(f) and 48 <= f[j] <= 57:
                        j += 1
                    prec = int(f[i:j])
                    i = j
                spec_text = f[flags_start:i]
            flags, width, precision = _split_spec(spec_text)
            c = f[i] if i < len(f) else 0
            end = i + 1
            rest = f[i:]
            if c == 99:  # %c
                kind, counts = CHAR, (1,)
            elif c == 108 and i + 1 < len(f) and f[i + 1] in b"diouxX":  # %ld
                i += 1
                end = i + 1
                c = f[i]
                kind, counts = (INT if c in b"di" else UINT), (4, 2, 1)
            elif c in b"diouxX" and c:
                kind, counts = (INT if c in b"di" else UINT), (4, 2, 1)
            elif c in b"eEfgG" and c:
                kind, counts = DBL, (8, 4)
            elif c == 115:
                kind, counts = STR, None
            elif c == 95:
                d = f[i + 1] if i + 1 < len(f) else 0
                end = i + 2
                if d in (65, 97):  # %_A, %_a
                    x = f[i + 2] if i + 2 < len(f) else 0
                    if x not in b"dox" or not x:
                        raise _Fatal("bad conversion character %%%s" % rest.decode("latin-1"))
                    if d == 65:
                        state["endfu"] = fu
                        fu.ignore = True
                    kind, counts, c = ADDRESS, None, x
                    end = i + 3
                elif d == 99:
                    kind, counts = C, (1,)
                elif d == 112:
                    kind, counts, c = P, (1,), 99
                elif d == 117:
                    kind, counts = U, (1,)
                else:
                    raise _Fatal("bad conversion character %%%s" % rest.decode("latin-1"))
            else:
                raise _Fatal("bad conversion character %%%s" % rest.decode("latin-1"))
            if kind == ADDRESS:
                bcnt = 0
            elif kind == STR:
                bcnt = fu.bcnt
                if not fu.bcnt:
                    if prec is None:
                        raise _Fatal("%s needs precision or byte count")
                    bcnt = prec
            else:
                if fu.bcnt:
                    if fu.bcnt not in counts:
                        raise _Fatal("bad byte count for conversion character %s" % rest.decode("latin-1"))
                    bcnt = fu.bcnt
                else:
                    bcnt = counts[0]
            q = f.find(b"%", end)
            if q < 0:
                q = len(f)
            post = f[end:q]
            fu.prs.append(PR(kind, bcnt, pre, (flags, width, precision, chr(c)), post))
            pos = q
            if kind != ADDRESS and fu.bcnt:
                nconv += 1
                if nconv > 1:
                    raise _Fatal("byte count with multiple conversion characters")
        if not fu.bcnt:
            fu.bcnt = sum(pr.bcnt for pr in fu.prs)
    for k, fu in enumerate(fus):
        if k == len(fus) - 1 and fs_bcnt < blocksize and not fu.setrep and fu.bcnt:
            fu.reps += (blocksize - fs_bcnt) // fu.bcnt
        if fu.reps > 1 and fu.prs:
            last = fu.prs[-1]
            text = last.pre if last.spec is None else last.post
            last.nospace = bool(text) and text[-1] in _SPACES


def _split_spec(text):
    """(flags, width, precision) from the bytes between % and the conversion."""
    i = 0
    while i < len(text) and text[i] in b"#-+ 0":
        i += 1
    flags = text[:i].decode("latin-1")
    j = i
    while j < len(text) and 48 <= text[j] <= 57:
        j += 1
    width = int(text[i:j]) if j > i else None
    precision = None
    if j < len(text) and text[j] == 46:
        k = j + 1
        while k < len(text) and 48 <= text[k] <= 57:
            k += 1
        precision = int(text[j + 1:k]) if k > j + 1 else 0
    return flags, width, precision


# -- C printf ---------------------------------------------------------------

def _pad(body, flags, width):
    if width is not None and len(body) < width:
        if "-" in flags:
            return body + b" " * (width - len(body))
        return b" " * (width - len(body)) + body
    return body


def cprintf(spec, value):
    """printf of one conversion, as C does it (value: int, float or bytes)."""
    flags, width, prec, conv = spec
    if conv in "diouxX":
        v = value
        neg = v < 0 and conv in "di"
        if neg:
            v = -v
        digits = {"d": "%d", "i": "%d", "u": "%d", "o": "%o", "x": "%x", "X": "%X"}[conv] % v
        if prec is not None:
            if prec == 0 and v == 0:
                digits = ""
            digits = digits.rjust(prec, "0")
        if "#" in flags:
            if conv == "o" and not digits.startswith("0"):
                digits = "0" + digits
            elif conv in "xX" and v:
                digits = ("0x" if conv == "x" else "0X") + digits
        sign = "-" if neg else ("+" if "+" in flags and conv in "di" else (" " if " " in flags and conv in "di" else ""))
        body = sign + digits
        if "0" in flags and "-" not in flags and prec is None and width is not None and len(body) < width:
            pre = ""
            if body[:2] in ("0x", "0X"):
                pre, body = body[:2], body[2:]
            elif sign:
                pre, body = sign, body[1:]
            body = pre + body.rjust(width - len(pre), "0")
        return _pad(body.encode("ascii"), flags, width)
    if conv in "eEfgG":
        pyspec = "%" + flags + (str(width) if width is not None else "") + \
            ("." + str(prec) if prec is not None else "") + conv
        if value != value:
            import math
            text = ("-" if math.copysign(1, value) < 0 else "") + ("NAN" if conv in "EG" else "nan")
            return _pad(text.encode(), flags, width)
        return (pyspec % value).encode("ascii")
    if conv == "c":
        return _pad(bytes((value,)) if isinstance(value, int) else value[:1], flags, width)
    # %s
    s = value
    if prec is not None:
        s = s[:prec]
    return _pad(s, flags, width)


def _native(spec):
    """A bytes-% spec equal to C's for this conversion, or None."""
    flags, width, prec, conv = spec
    if conv in "diouxX":
        if "#" in flags:
            return None
        if prec is not None:
            # Digits zero-padded to the precision, in a narrower width.
            if conv in "ouxX" and prec >= 1 and (width is None or width <= prec):
                return ("%%0%d%s" % (prec, conv)).encode("latin-1")
            return None
        if conv not in "di":
            flags = flags.replace("+", "").replace(" ", "")
        if conv == "i":
            conv = "d"
    elif conv in "eEfgG" or conv == "c":
        pass
    else:
        return None
    return ("%" + flags + (str(width) if width is not None else "") +
            ("." + str(prec) if prec is not None else "") + conv).encode("latin-1")


_INT_CODES = {(1, True): "b", (1, False): "B", (2, True): "h", (2, False): "H", (4, True): "i", (4, False): "I"}


def _value(pr, data, off):
    """The value a print unit takes from the block at offset off."""
    import struct
    k = pr.kind
    if k in (INT, UINT):
        return struct.unpack_from("<" + _INT_CODES[(pr.bcnt, k == INT)], data, off)[0]
    if k == DBL:
        return struct.unpack_from("<d" if pr.bcnt == 8 else "<f", data, off)[0]
    return data[off]


def _one_byte_text(pr, b):
    """The output of a one-byte conversion (%c %_c %_p %_u, 1-byte ints)."""
    flags, width, prec, conv = pr.spec
    k = pr.kind
    if k == C:
        if b in _CONV_C:
            return cprintf((flags, width, prec, "s"), _CONV_C[b])
        if 0x20 <= b < 0x7F:
            return cprintf((flags, width, prec, "c"), b)
        return cprintf((flags, width, prec, "s"), b"%03o" % b)
    if k == U:
        if b <= 0x1F:
            return cprintf((flags, width, prec, "s"), _NAMES[b])
        if b == 0x7F:
            return cprintf((flags, width, prec, "s"), b"del")
        if b < 0x7F:
            return cprintf((flags, width, prec, "c"), b)
        return cprintf((flags, width, prec, "x"), b)
    if k == P:
        return cprintf((flags, width, prec, "c"), b if 0x20 <= b < 0x7F else 0x2E)
    if k == CHAR:
        return cprintf(pr.spec, b)
    if k == INT:
        return cprintf(pr.spec, b - 256 if b >= 128 else b)
    return cprintf(pr.spec, b)


def _strval(data, off, n):
    s = data[off:off + n]
    z = s.find(b"\0")
    return s if z < 0 else s[:z]


class Dumper:
    """The format strings, compiled, and the block display."""

    def __init__(self, fss):
        self.fss = fss
        self.state = {"endfu": None}
        sizes = [_fs_size(fus) for fus in fss]
        self.blocksize = max(sizes) if sizes else 0
        for fus, size in zip(fss, sizes):
            _rewrite(fus, size, self.blocksize, self.state)
        self.compiled = None

    # The fast path: a template for whole blocks.
    def compile(self):
        if self.compiled is not None:
            return self.compiled
        import struct
        pieces = []
        cols = []  # ('addr', offset) | ('fs', k, field index, formatter) | ('table', table, offset)
        fields = []  # per fs: struct format parts
        for k, fus in enumerate(self.fss):
            off = 0
            codes = []
            idx = 0
            for fu in fus:
                if fu.ignore:
                    break
                for cnt in range(fu.reps, 0, -1):
                    for pr in fu.prs:
                        post = pr.post
                        pre = pr.pre
                        if cnt == 1 and pr.nospace:
                            if pr.spec is None:
                                pre = pre[:-1]
                            else:
                                post = post[:-1]
                        pieces.append(pre.replace(b"%", b"%%"))
                        if pr.kind == TEXT:
                            pass
                        elif pr.kind == ADDRESS:
                            pieces.append(_native(pr.spec) or b"%s")
                            cols.append(("addr", off, None if _native(pr.spec) else pr.spec))
                        elif pr.bcnt == 1 and pr.kind in (C, U, P, CHAR, INT, UINT):
                            table = [_one_byte_text(pr, b) for b in range(256)]
                            pieces.append(b"%s")
                            cols.append(("table", table, off))
                        elif pr.kind in (INT, UINT, DBL):
                            code = "<" + (_INT_CODES[(pr.bcnt, pr.kind == INT)] if pr.kind != DBL
                                          else ("d" if pr.bcnt == 8 else "f"))
                            native = None if pr.kind == DBL else _native(pr.spec)  # C prints -nan
                            codes.append((off, code[1:]))
                            pieces.append(native or b"%s")
                            cols.append(("fs", k, idx, None if native else pr.spec))
                            idx += 1
                        elif pr.kind == STR:
                            pieces.append(b"%s")
                            cols.append(("str", off, pr.bcnt, pr.spec))
                        pieces.append(post.replace(b"%", b"%%"))
                        off += pr.bcnt
            # One struct format for this format string's numeric fields.
            fmt = "<"
            pos = 0
            for o, code in codes:
                if o > pos:
                    fmt += "%dx" % (o - pos)
                fmt += code
                pos = o + struct.calcsize("<" + code)
            if self.blocksize > pos:
                fmt += "%dx" % (self.blocksize - pos)
            fields.append(struct.Struct(fmt) if codes else None)
        self.compiled = (b"".join(pieces), cols, fields)
        return self.compiled

    def blocks(self, data, n, address):
        """Format n whole blocks of data, the first at `address`."""
        tmpl, cols, fields = self.compile()
        bs = self.blocksize
        width = len(cols)
        if not width:
            return tmpl * n
        args = [None] * (width * n)
        unpacked = {}
        for k, col in enumerate(cols):
            kind = col[0]
            if kind == "addr":
                seq = range(address + col[1], address + col[1] + n * bs, bs)
                if col[2] is not None:
                    seq = [cprintf(col[2], a) for a in seq]
                args[k::width] = seq
            elif kind == "table":
                args[k::width] = map(col[1].__getitem__, data[col[2]::bs])
            elif kind == "fs":
                fsk = col[1]
                if fsk not in unpacked:
                    unpacked[fsk] = list(zip(*fields[fsk].iter_unpack(data)))
                seq = unpacked[fsk][col[2]]
                if col[3] is not None:
                    spec = col[3]
                    seq = [cprintf(spec, v) for v in seq]
                args[k::width] = seq
            else:  # str
                off, cnt, spec = col[1], col[2], col[3]
                args[k::width] = [cprintf(spec, _strval(data, j + off, cnt)) for j in range(0, n * bs, bs)]
        return (tmpl * n) % tuple(args)

    def block_slow(self, data, address, eaddress):
        """One block through the interpreter (the last, partial one)."""
        out = []
        for fus in self.fss:
            addr = address
            off = 0
            for fu in fus:
                if fu.ignore:
                    break
                for cnt in range(fu.reps, 0, -1):
                    for pr in fu.prs:
                        if eaddress is not None and addr >= eaddress and pr.kind not in (TEXT, BPAD):
                            _bpad(pr)
                        pre, post = pr.pre, pr.post
                        if cnt == 1 and pr.nospace:
                            if pr.spec is None:
                                pre = pre[:-1]
                            else:
                                post = post[:-1]
                        out.append(pre)
                        k = pr.kind
                        if k == ADDRESS:
                            out.append(cprintf(pr.spec, addr))
                        elif k == BPAD:
                            out.append(cprintf(pr.spec, b""))
                        elif k in (C, U, P, CHAR) or (k in (INT, UINT) and pr.bcnt == 1):
                            out.append(_one_byte_text(pr, data[off]))
                        elif k in (INT, UINT, DBL):
                            out.append(cprintf(pr.spec, _value(pr, data, off)))
                        elif k == STR:
                            out.append(cprintf(pr.spec, _strval(data, off, pr.bcnt)))
                        out.append(post)
                        addr += pr.bcnt
                        off += pr.bcnt
        return b"".join(out)

    def end(self, eaddress, address):
        endfu = self.state["endfu"]
        if endfu is None:
            return b""
        if eaddress is None:
            if not address:
                return b""
            eaddress = address
        out = []
        for pr in endfu.prs:
            if pr.kind == ADDRESS:
                out.append(pr.pre + cprintf(pr.spec, eaddress) + pr.post)
            elif pr.kind == TEXT:
                out.append(pr.pre)
        return b"".join(out)


def _bpad(pr):
    """Past the end of the data: the conversion prints blanks of its width."""
    flags, width, prec, conv = pr.spec
    removed = len(flags)
    pr.kind = BPAD
    pr.spec = ("", width, prec, "s")
    if pr.nospace and removed:
        pass  # the blank to drop is in `post`, which does not move


FIRST, ALL, DUP, WAIT = range(4)


class _Input:
    """The files as one stream, with BusyBox's skip (-s) and errors."""

    def __init__(self, prog, names, skip, length):
        self.prog = prog
        self.names = list(names)
        self.explicit = bool(names)
        self.i = 0
        self.done = False
        self.fd = None
        self.name = None
        self.skip = skip
        self.length = length
        self.status = 0
        self.address = 0  # bytes skipped over

    def next(self):
        while True:
            if self.i < len(self.names):
                name = self.names[self.i]
                self.i += 1
                if name != "-":
                    try:
                        fd = posix.open(name, posix.O_RDONLY | posix.O_CLOEXEC)
                    except OSError as e:
                        warn(self.prog, name, e.strerror)
                        self.status = 1
                        continue
                    self._close()
                    self.fd = fd
                else:
                    self._close()
                    self.fd = 0
                self.name = name
            else:
                if self.done:
                    return False
                self.fd = 0
                self.name = None
            self.done = True
            if self.skip:
                self._do_skip(self.name or "stdin")
            if self.skip == 0:
                return True

    def _do_skip(self, fname):
        st = posix.fstat(self.fd)
        if st.st_mode & 0o170000 == 0o100000 and self.skip >= st.st_size:
            self.skip -= st.st_size
            self.address += st.st_size
            return
        try:
            posix.lseek(self.fd, self.skip, 0)
        except OSError as e:
            raise Fail("%s: %s" % (fname, e.strerror)) from None
        self.address += self.skip
        self.skip = 0

    def _close(self):
        if self.fd is not None and self.fd != 0:
            posix.close(self.fd)
        self.fd = None

    def read(self, n):
        """Up to n bytes across files (fewer only at the very end)."""
        parts = []
        while n > 0:
            if self.length == 0:
                break
            if self.fd is None:
                if not self.next():
                    break
            want = n if self.length < 0 else min(n, self.length)
            try:
                b = posix.read(self.fd, min(want, 1 << 20))
            except OSError as e:
                warn(self.prog, self.name or "stdin", e.strerror)
                b = b""
            if not b:
                self._close()
                if not self.next():
                    break
                continue
            if self.length > 0:
                self.length -= len(b)
            parts.append(b)
            n -= len(b)
        return b"".join(parts)


def main(argv):
    opts = SPEC.parse(argv)
    prog = opts.prog
    length = -1
    if opts.length is not None:
        length = _number(opts.length, 0, (1 << 31) - 1, {})
    skip = 0
    if opts.skip is not None:
        skip = _number(opts.skip, 0, (1 << 63) - 1, {"b": 512, "k": 1024, "m": 1024 * 1024})
    fss = []
    e_values = iter(opts.format)
    f_values = iter(opts.format_file)
    try:
        for dest in opts.given:
            if dest.startswith("fmt_"):
                letter = dest[4:]
                if letter == "C":
                    for f in _C_FORMATS:
                        add_format(fss, f.encode())
                else:
                    add_format(fss, _ADD_FIRST.encode())
                    add_format(fss, _ADD[letter].encode())
            elif dest == "format":
                add_format(fss, next(e_values).encode("utf-8", "surrogateescape"))
            elif dest == "format_file":
                _add_file(fss, next(f_values))
        if not fss:
            for f in _DEFAULT:
                add_format(fss, f.encode())
        dumper = Dumper(fss)
    except _Fatal as e:
        raise Fail(str(e)) from None
    out = stdout()
    inp = _Input(prog, opts.operands, skip, length)
    _display(dumper, inp, out, not opts.v)
    return inp.status


def _number(text, lo, hi, suffixes):
    """BusyBox's xatou*_range_sfx: decimal digits and an optional suffix."""
    t = text
    mult = 1
    if t and t[-1] in suffixes and len(t) > 1:
        mult = suffixes[t[-1]]
        t = t[:-1]
    if not t or not all("0" <= c <= "9" for c in t):
        raise Fail("invalid number '%s'" % text)
    v = int(t) * mult
    if v < lo or v > hi:
        raise Fail("number %s is not in %d..%d range" % (text, lo, hi))
    return v


def _add_file(fss, name):
    try:
        fd = posix.open(name, posix.O_RDONLY | posix.O_CLOEXEC)
    except OSError as e:
        raise Fail("can't open '%s': %s" % (name, e.strerror)) from None
    try:
        parts = []
        while True:
            b = posix.read(fd, 1 << 16)
            if not b:
                break
            parts.append(b)
    finally:
        posix.close(fd)
    for line in b"".join(parts).split(b"\n"):
        p = line.lstrip(_SPACES)
        if p and p[:1] != b"#":
            add_format(fss, p)


def _display(d, inp, out, squeeze):
    bs = d.blocksize
    if bs == 0:
        # Formats that read no data: BusyBox prints them once per... nothing.
        return _display_zero(d, inp, out)
    chunk = bs * max(1, (1 << 16) // bs)
    vflag = FIRST if squeeze else ALL
    prev = bytes(bs)  # the last block shown (zeros at first)
    address = inp.address
    started = False
    eaddress = None
    while True:
        data = inp.read(chunk)
        if not started:
            address = inp.address
            started = True
        full = len(data) // bs
        pieces = []
        run = 0
        for j in range(full):
            block = data[j * bs:(j + 1) * bs]
            if vflag == ALL or vflag == FIRST or block != prev:
                if vflag == DUP or vflag == FIRST:
                    vflag = WAIT
                prev = block
                continue
            # A repeat of the block shown last.
            if run < j:
                pieces.append(d.blocks(data[run * bs:j * bs], j - run, address + run * bs))
            run = j + 1
            if vflag == WAIT:
                pieces.append(b"*\n")
            vflag = DUP
        if run < full:
            pieces.append(d.blocks(data[run * bs:full * bs], full - run, address + run * bs))
        # Blocks between runs were formatted with their own addresses.
        if pieces:
            out.write(b"".join(pieces))
        address += full * bs
        rest = data[full * bs:]
        if rest:
            if vflag != ALL and vflag != FIRST and rest == prev[:len(rest)]:
                if vflag != DUP:
                    out.write(b"*\n")
            eaddress = address + len(rest)
            out.write(d.block_slow(rest + bytes(bs - len(rest)), address, eaddress))
            break
        if len(data) < chunk:
            break
    out.write(d.end(eaddress, address))


def _display_zero(d, inp, out):
    """A format string that converts no bytes: BusyBox's get() never
    returns a block of size 0, so only the %_A end prints."""
    inp.read(1 << 16)
    out.write(d.end(None, inp.address))
