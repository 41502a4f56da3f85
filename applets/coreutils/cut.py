"""cut: print selected parts of lines from each file.

Why it is fast: input is read in 256 KiB chunks and only complete lines are
cut, a whole block of lines at a time, with list comprehensions over
bytes.split: a byte range is a slice, a field range is a slice of
line.split(DELIM, maxsplit) joined again.  Only the bytes of a line after its
last needed field are never split.  For -f on newline-terminated input a
block is first tried with one anchored pattern whose groups are the
selected fields (re.findall, no Python code per line: about a third faster);
a block with a line too short for it falls back to the per-line cutter, and
after two such blocks the input is cut per line throughout.

As in GNU coreutils 9.1, -c is the same as -b (characters are bytes, in
every locale), -n is accepted and ignored, and the delimiter is one byte.
With --output-delimiter, byte ranges that do not overlap are printed with
the delimiter between them (1-2,3-4 gives "ab:cd"); an empty
--output-delimiter is a NUL byte, as in GNU.  When the field delimiter is the
line delimiter itself (-d $'\\n', or -z -d ''), the whole input is one line;
that case replays GNU's state machine, quirks included, on the whole input.
"""
import posix

from multicall.errors import Usage, quote
from multicall.options import Spec, opt
from multicall.stdio import BUFSIZE, each_file, stdout

_MAX = (1 << 64) - 1  # GNU's UINTMAX_MAX, the open end of a range


def _make_spec(on_list=None):
    """The spec; `on_list(kind, text)` (if given) sees each -b/-c/-f as it is
    parsed, so that a second list is refused at once, as GNU does."""
    def list_type(kind):
        if on_list is None:
            return lambda text: (kind, text)
        return lambda text: on_list(kind, text)

    return Spec("OPTION... [FILE]...",
                "Print selected parts of lines from each FILE to standard output.\n\n"
                "With no FILE, or when FILE is -, read standard input.",
                opt("-b, --bytes=LIST", "select only these bytes", dest="list", type=list_type("b")),
                opt("-c, --characters=LIST", "select only these characters", dest="list", type=list_type("c")),
                opt("-d, --delimiter=DELIM", "use DELIM instead of TAB for field delimiter", type=_delimiter),
                opt("-f, --fields=LIST", "select only these fields;  also print any line\n"
                    "  that contains no delimiter character, unless\n"
                    "  the -s option is specified", dest="list", type=list_type("f")),
                opt("-n", "(ignored)"),
                opt("--complement", "complement the set of selected bytes, characters\n  or fields"),
                opt("-s, --only-delimited", "do not print lines not containing delimiters"),
                opt("--output-delimiter=STRING", "use STRING as the output delimiter\n"
                    "  the default is to use the input delimiter"),
                opt("-z, --zero-terminated", "line delimiter is NUL, not newline"),
                epilog="Use one, and only one of -b, -c or -f.  Each LIST is made up of one\n"
                "range, or many ranges separated by commas.  Selected input is written\n"
                "in the same order that it is read, and is written exactly once.\n"
                "Each range is one of:\n\n"
                "  N     N'th byte, character or field, counted from 1\n"
                "  N-    from N'th byte, character or field, to end of line\n"
                "  N-M   from N'th to M'th (included) byte, character or field\n"
                "  -M    from first to M'th (included) byte, character or field")




def _delimiter(text):
    d = text.encode("utf-8", "surrogateescape")
    if len(d) > 1:
        raise ValueError("the delimiter must be a single character")
    return d or b"\0"


SPEC = _make_spec()


# -- the list of ranges ---------------------------------------------------------

def parse_list(text, fields, complement=False):
    """GNU's set_fields(): LIST as sorted, merged (lo, hi) pairs counted from
    1, hi = _MAX for an open end; complemented if asked.  Raises Usage with
    GNU's messages (they differ for fields and for byte positions)."""
    def fail(msg):
        raise Usage(msg)

    numbered = "fields are numbered from 1" if fields else "byte/character positions are numbered from 1"
    ranges = []
    initial = 1
    value = 0
    lhs = rhs = dash = False
    num_start = None
    s = text
    i = 0
    n = len(s)
    while True:
        c = s[i] if i < n else ""
        if c == "-":
            num_start = None
            if dash:
                fail("invalid field range" if fields else "invalid byte or character range")
            dash = True
            i += 1
            if lhs and not value:
                fail(numbered)
            initial = value if lhs else 1
            value = 0
        elif c in (",", " ", "\t", ""):
            num_start = None
            if dash:
                dash = False
                if not lhs and not rhs:
                    fail("invalid range with no endpoint: -")
                if not rhs:
                    ranges.append((initial, _MAX))
                else:
                    if value < initial:
                        fail("invalid decreasing range")
                    ranges.append((initial, value))
                value = 0
            else:
                if value == 0:
                    fail(numbered)
                ranges.append((value, value))
                value = 0
            if c == "":
                break
            i += 1
            lhs = rhs = False
        elif "0" <= c <= "9":
            if num_start is None:
                num_start = i
            if dash:
                rhs = True
            else:
                lhs = True
            value = value * 10 + ord(c) - 48
            if value >= _MAX:
                j = num_start
                while j < n and "0" <= s[j] <= "9":
                    j += 1
                fail(("field number %s is too large" if fields else "byte/character offset %s is too large")
                     % quote(s[num_start:j]))
            i += 1
        else:
            fail(("invalid field value %s" if fields else "invalid byte/character position %s") % quote(s[i:]))
    if not ranges:
        fail("missing list of fields" if fields else "missing list of byte/character positions")
    ranges.sort(key=lambda r: r[0])
    merged = []
    for lo, hi in ranges:
        if merged and lo <= merged[-1][1]:
            if hi > merged[-1][1]:
                merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    if complement:
        comp = []
        if merged[0][0] > 1:
            comp.append((1, merged[0][0] - 1))
        for (alo, ahi), (blo, bhi) in zip(merged, merged[1:]):
            if ahi + 1 != blo:
                comp.append((ahi + 1, blo - 1))
        if merged[-1][1] < _MAX:
            comp.append((merged[-1][1] + 1, _MAX))
        merged = comp
    return merged


# -- cutting ----------------------------------------------------------------------

def _slices(ranges):
    """Python slice bounds for the ranges (counted from 0, None for open)."""
    return [(lo - 1, None if hi == _MAX else hi) for lo, hi in ranges]


def _selector(slices, arg):
    """A function concatenating arg[a:b] for each slice, made once per run
    (a generated lambda is faster than a loop over the slices per line)."""
    body = " + ".join("%s[%d:%s]" % (arg, a, b) for a, b in slices)
    return eval("lambda %s: %s" % (arg, body))  # only integers go in


def _byte_cutter(ranges, outdelim):
    """A function from a list of lines to the list of their cut lines."""
    slices = _slices(ranges)
    if not slices:
        return lambda lines: [b""] * len(lines)
    if len(slices) == 1:
        a, b = slices[0]
        return lambda lines: [line[a:b] for line in lines]
    if outdelim is None:
        sel = _selector(slices, "line")
        return lambda lines: list(map(sel, lines))
    # The delimiter goes between the ranges that have bytes in this line.
    body = ", ".join("line[%d:%s]" % (a, b) for a, b in slices)
    sel = eval("lambda line: [x for x in (%s,) if x]" % body)
    join = outdelim.join
    return lambda lines: [join(sel(line)) for line in lines]


def _field_cutter(ranges, delim, outdelim, suppress):
    """A function from a list of lines to the list of output lines (lines
    without a delimiter pass whole, or are dropped with -s)."""
    d = delim
    if not ranges:
        # --complement of everything: a delimited line becomes empty.
        if suppress:
            return lambda lines: [b"" for line in lines if d in line]
        return lambda lines: [b"" if d in line else line for line in lines]
    last = ranges[-1][1]
    ms = -1 if last == _MAX else last
    slices = _slices(ranges)
    join = outdelim.join
    if len(slices) == 1:
        a, b = slices[0]
        if b is None and outdelim == d and a == 0:
            # Every field: the whole line (dropped by -s when it has no delimiter).
            if suppress:
                return lambda lines: [line for line in lines if d in line]
            return lambda lines: lines
        if b is None and outdelim == d:
            # Field a+1 to the end is the rest of the line, delimiters kept.
            if suppress:
                return lambda lines: [p[a] if len(p) > a else b""
                                      for line in lines if len(p := line.split(d, a)) > 1]
            return lambda lines: [(p[a] if len(p) > a else b"") if len(p := line.split(d, a)) > 1 else line
                                  for line in lines]
        if a == 0 and not suppress:
            if b == 1:
                return lambda lines: [line.partition(d)[0] for line in lines]
            if outdelim == d:
                return lambda lines: [join(line.split(d, b)[:b]) for line in lines]
        if b == a + 1:
            # One field.
            if suppress:
                return lambda lines: [p[a] if len(p) > a else b""
                                      for line in lines if len(p := line.split(d, b)) > 1]
            return lambda lines: [(p[a] if len(p) > a else b"") if len(p := line.split(d, b)) > 1 else line
                                  for line in lines]
        if suppress:
            return lambda lines: [join(p[a:b]) for line in lines if len(p := line.split(d, ms)) > 1]
        return lambda lines: [join(p[a:b]) if len(p := line.split(d, ms)) > 1 else line for line in lines]
    sel = _selector(slices, "p")
    if suppress:
        return lambda lines: [join(sel(p)) for line in lines if len(p := line.split(d, ms)) > 1]
    return lambda lines: [join(sel(p)) if len(p := line.split(d, ms)) > 1 else line for line in lines]


def _field_finder(ranges, delim, outdelim, suppress):
    """A fast path for -f on newline-terminated lines: one compiled pattern,
    anchored at line starts, captures the selected fields of every line of
    a block in one re.findall (in C); the output lines are joined from the
    groups without a Python loop.  A line with too few fields has no match,
    so a block with fewer matches than lines returns None and is cut line by
    line with GNU's short-line rules.  None too when the list does not suit
    (many ranges, far fields, -s with only field 1)."""
    if not ranges or len(ranges) > 16 or ranges[-1][0] > 64 or (ranges[-1][1] != _MAX and ranges[-1][1] > 64):
        return None
    if outdelim != delim and delim in outdelim:
        return None
    open_end = ranges[-1][1] == _MAX
    selected = set()
    for lo, hi in ranges:
        selected.update(range(lo, (lo if hi == _MAX else hi) + 1))
    last = max(selected)
    if last == 1 and suppress:
        return None  # a line without a delimiter would match, but -s drops it
    import re
    d = b"\\x%02x" % delim[0]
    field = b"[^%s\\n]*" % d
    pieces = [b"^"]
    for i in range(1, last + 1):
        if i > 1:
            pieces.append(d)
        if open_end and i == last:
            pieces.append(b"([^\\n]*)")
        else:
            pieces.append(b"(%s)" % field if i in selected else field)
    findall = re.compile(b"".join(pieces), re.M).findall
    join = outdelim.join
    swap = open_end and outdelim != delim
    single = len(selected) == 1

    def cut(block):
        """block: whole lines without the last newline."""
        found = findall(block)
        if len(found) != block.count(b"\n") + 1:
            return None
        text = b"\n".join(found) if single else b"\n".join(map(join, found))
        return (text.replace(delim, outdelim) if swap else text) + b"\n"
    return cut


def _cut_stream(fd, cutter, eol, out, quirk=None, fast=None):
    """Cut the lines on fd: whole lines in blocks; a last line without its
    delimiter is cut too and gets one (unless quirk(line) says GNU omits it)."""
    read = posix.read
    pending = []  # a line that spans chunks, joined once its end arrives
    misses = 0
    while True:
        data = read(fd, BUFSIZE)
        if not data:
            break
        if eol not in data:
            pending.append(data)
            continue
        if pending:
            pending.append(data)
            data = b"".join(pending)
            pending = []
        end = data.rfind(eol)
        if end + 1 < len(data):
            pending.append(data[end + 1:])
        if fast is not None:
            text = fast(data[:end])
            if text is not None:
                out.write(text)
                misses = 0
                continue
            misses += 1
            if misses == 2:
                fast = None  # short lines are common in this input: stop trying
        lines = data[:end].split(eol)
        cut = cutter(lines)
        if cut:
            out.write(eol.join(cut) + eol)
    rest = b"".join(pending)
    if rest:
        cut = cutter([rest])
        if cut:
            out.write(cut[0] if quirk is not None and quirk(rest) else cut[0] + eol)


def _only_first_field_ended(delim):
    return lambda line: line.endswith(delim) and line.count(delim) == 1


def _selected(ranges, k):
    return any(lo <= k <= hi for lo, hi in ranges)


def _read_all(fd):
    parts = []
    read = posix.read
    while True:
        data = read(fd, BUFSIZE)
        if not data:
            return b"".join(parts)
        parts.append(data)


def _fields_one_record(data, ranges, delim, outdelim, suppress):
    """The output for -f when the delimiter is also the line delimiter: the
    input is one record, replayed through GNU cut_fields()' states.  GNU
    reads the first field whole when -s is given and field 1 is selected,
    or neither (its buffer_first_field); the delimiter ending that field
    counts even as the last byte of the input, any other final delimiter
    does not."""
    if not data:
        return b""

    def selected(k):
        return _selected(ranges, k)

    pieces = data.split(delim)
    nd = len(pieces) - 1
    out = []
    field = 1
    found = False
    k = 0  # the piece being read
    if suppress ^ (not selected(1)):
        # GNU reads the first field whole, up to and including a delimiter.
        if nd == 0:
            if not suppress:
                out.append(data + delim)
            return b"".join(out)
        if selected(1):
            out.append(pieces[0])
            if not (nd == 1 and pieces[1] == b""):
                found = True
        field = 2
        k = 1
    while True:
        if selected(field):
            if found:
                out.append(outdelim)
            found = True
            out.append(pieces[k])
        # What ended this field: a delimiter (unless it is the last byte) or EOF.
        if k < nd and not (k == nd - 1 and pieces[nd] == b""):
            field += 1
            k += 1
            continue
        # GNU 9.1 always ends the record here when the delimiter is the
        # line delimiter (whatever came last).
        if found or not (suppress and field == 1):
            out.append(delim)
        return b"".join(out)


def main(argv):
    chosen = []

    def on_list(kind, text):
        if chosen:
            raise ValueError("only one list may be specified")
        chosen.append(kind)
        return (kind, text)

    opts = _make_spec(on_list).parse(argv)
    prog = opts.prog
    if opts.list is None:
        raise Usage("you must specify a list of bytes, characters, or fields")
    kind, text = opts.list
    fields = kind == "f"
    if opts.delimiter is not None and not fields:
        raise Usage("an input delimiter may be specified only when operating on fields")
    if opts.only_delimited and not fields:
        raise Usage("suppressing non-delimited lines makes sense\n\tonly when operating on fields")
    ranges = parse_list(text, fields, opts.complement)
    delim = opts.delimiter if opts.delimiter is not None else b"\t"
    outdelim = opts.output_delimiter
    if outdelim is not None:
        outdelim = outdelim.encode("utf-8", "surrogateescape") or b"\0"
    eol = b"\0" if opts.zero_terminated else b"\n"
    out = stdout()
    fast = None
    if fields:
        odelim = delim if outdelim is None else outdelim
        cutter = _field_cutter(ranges, delim, odelim, opts.only_delimited)
        if eol == b"\n" and delim != eol:
            fast = _field_finder(ranges, delim, odelim, opts.only_delimited)
    else:
        cutter = _byte_cutter(ranges, outdelim)
    quirk = None
    if fields and eol == b"\0" and opts.only_delimited ^ (not _selected(ranges, 1)):
        # GNU reads a first field that decides -s whole; its stand-in for the
        # last byte read is then 0, the line delimiter under -z: a last line
        # "FIELD1<delim>" without its NUL gets no NUL either.
        quirk = _only_first_field_ended(delim)

    def cut_one(fd, name):
        if fields and delim == eol:
            out.write(_fields_one_record(_read_all(fd), ranges, delim, odelim, opts.only_delimited))
        else:
            _cut_stream(fd, cutter, eol, out, quirk, fast)

    return each_file(prog, opts.operands, cut_one)
