"""seq: print a sequence of numbers.

GNU's rules throughout: operands are long doubles (emulated exactly by
ldouble, so `seq 0 0.1 1` and `seq -f %.20g ...` print GNU's digits), the
default format is %.PRECf from the operands' own precision (or %g), -w pads
to the widest operand, and a number just past LAST that prints as LAST is
still printed.  Integer sequences never touch floating point: GNU's fast
path (digits only, any size) and every integer run that long double would
compute exactly use Python ints, and are written in big joined blocks; for
step 1 each block of 10000 numbers is one bytes.join() of a precomputed
table of 4-digit suffixes with the common prefix as the joiner.
"""
from multicall.errors import Fail, Usage
from applets.coreutils.printf.quote import gnu_quote as quote
from multicall.options import Spec, opt
from multicall.stdio import stdout

SPEC = Spec(("[OPTION]... LAST", "[OPTION]... FIRST LAST", "[OPTION]... FIRST INCREMENT LAST"),
            "Print numbers from FIRST to LAST, in steps of INCREMENT.\n\n"
            "Mandatory arguments to long options are mandatory for short options too.",
            opt("-f, --format=FORMAT", "use printf style floating-point FORMAT"),
            opt("-s, --separator=STRING", "use STRING to separate numbers (default: \\n)"),
            opt("-w, --equal-width", "equalize width by padding with leading zeroes"),
            stop=True,
            epilog="If FIRST or INCREMENT is omitted, it defaults to 1.  That is, an\n"
            "omitted INCREMENT defaults to 1 even when LAST is smaller than FIRST.\n"
            "The sequence of numbers ends when the sum of the current number and\n"
            "INCREMENT would become greater than LAST.\n"
            "FIRST, INCREMENT, and LAST are interpreted as floating point values.\n"
            "INCREMENT is usually positive if FIRST is smaller than LAST, and\n"
            "INCREMENT is usually negative if FIRST is greater than LAST.\n"
            "INCREMENT must not be 0; none of FIRST, INCREMENT and LAST may be NaN.\n"
            "FORMAT must be suitable for printing one argument of type 'double';\n"
            "it defaults to %.PRECf if FIRST, INCREMENT, and LAST are all fixed point\n"
            "decimal numbers with maximum precision PREC, and to %g otherwise.")

INT_MAX = 2 ** 31 - 1
LONG_MAX = 2 ** 63 - 1
FAST_STEP_LIMIT = 200
BLOCK = 10000  # numbers per joined block on the step-1 path
_SPACE = " \t\n\v\f\r"


def _split_options(args):
    """How many leading arguments are options (GNU stops at an argument
    that looks like a negative number, and at the first operand)."""
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            return i + 1
        if a[:1] != "-" or a == "-":
            return i
        if a[1] == "." or a[1].isdigit():
            return i
        if a.startswith("--"):
            name, eq, _ = a[2:].partition("=")
            takes = not eq and name and ("format".startswith(name) or "separator".startswith(name))
            i += 2 if takes else 1
            continue
        j = 1
        takes = False
        while j < len(a):
            if a[j] in "fs":
                takes = j == len(a) - 1
                break
            j += 1
        i += 2 if takes else 1
    return i


class Operand:
    __slots__ = ("value", "width", "precision")

    def __init__(self, value, width, precision):
        self.value = value
        self.width = width
        self.precision = precision


def _xstrtold(text):
    """GNU's xstrtold: the whole text must be a number, and not overflow."""
    from applets.coreutils.printf import ldouble as ld
    v, end, erange = ld.strtold(text)
    if end == 0 or end != len(text):
        return None
    if erange and not ld.is_zero(v):
        return None
    return v


def _strtol(text):
    """C strtol on text (leading part), clamped to the long range."""
    i = 0
    while i < len(text) and text[i] in _SPACE:
        i += 1
    sign = 1
    if i < len(text) and text[i] in "+-":
        sign = -1 if text[i] == "-" else 1
        i += 1
    j = i
    while j < len(text) and "0" <= text[j] <= "9":
        j += 1
    digits = text[i:j].lstrip("0")
    if not digits:
        return 0
    if len(digits) > 20:
        return sign * LONG_MAX if sign > 0 else -LONG_MAX - 1
    n = sign * int(digits)
    return max(-LONG_MAX - 1, min(LONG_MAX, n))


def scan_arg(arg):
    """An operand's value, print width and precision, as GNU's scan_arg."""
    from applets.coreutils.printf import ldouble as ld
    v = _xstrtold(arg)
    if v is None:
        raise Usage("invalid floating point argument: %s" % quote(arg))
    if ld.is_nan(v):
        raise Usage("invalid %s argument: %s" % (quote("not-a-number"), quote(arg)))
    i = 0
    while i < len(arg) and (arg[i] in _SPACE or arg[i] == "+"):
        i += 1
    a = arg[i:]
    width = 0
    precision = INT_MAX
    point = a.find(".")
    if point < 0 and "p" not in a:
        precision = 0
    if "x" not in a and "X" not in a and ld.is_finite(v):
        fraction_len = 0
        width = len(a)
        if point >= 0:
            rest = a[point + 1:]
            fraction_len = len(rest)
            for k, c in enumerate(rest):
                if c in "eE":
                    fraction_len = k
                    break
            precision = fraction_len
            if fraction_len == 0:
                width -= 1
            elif point == 0 or not a[point - 1].isdigit():
                width += 1
        e = a.find("e")
        if e < 0:
            e = a.find("E")
        if e >= 0:
            exponent = max(_strtol(a[e + 1:]), -LONG_MAX)
            precision += -exponent if exponent < 0 else -min(precision, exponent)
            width -= len(a) - e
            if exponent < 0:
                if point >= 0:
                    if e == point + 1:
                        width += 1
                else:
                    width += 1
                exponent = -exponent
            else:
                if point >= 0 and precision == 0 and fraction_len:
                    width -= 1
                exponent -= min(fraction_len, exponent)
            width += exponent
    return Operand(v, width, precision)


class Format:
    """A validated -f FORMAT: literal prefix and suffix, one conversion."""

    def __init__(self, prefix, flags, width, prec, conv, suffix):
        self.prefix = prefix
        self.flags = flags
        self.width = width
        self.prec = prec
        self.conv = conv
        self.suffix = suffix

    def number(self, v):
        from applets.coreutils.printf.ldouble import format_float
        return format_float(v, self.conv, self.flags, self.width, self.prec)

    def __call__(self, v):
        return self.prefix + self.number(v) + self.suffix


def parse_format(fmt):
    """GNU's long_double_format: exactly one floating-point directive."""
    n = len(fmt)
    i = 0
    prefix = []
    while not (i < n and fmt[i] == "%" and fmt[i + 1:i + 2] != "%"):
        if i >= n:
            raise Fail("format %s has no %% directive" % quote(fmt))
        prefix.append(fmt[i])
        i += 2 if fmt[i] == "%" else 1
    i += 1
    j = i
    while i < n and fmt[i] in "-+#0 '":
        i += 1
    flags = fmt[j:i].replace("'", "")
    j = i
    while i < n and fmt[i].isdigit():
        i += 1
    width = int(fmt[j:i]) if i > j else 0
    prec = None
    if i < n and fmt[i] == ".":
        i += 1
        j = i
        while i < n and fmt[i].isdigit():
            i += 1
        prec = int(fmt[j:i] or "0")
    if i < n and fmt[i] == "L":
        i += 1
    if i >= n:
        raise Fail("format %s ends in %%" % quote(fmt))
    if fmt[i] not in "efgaEFGA":
        raise Fail("format %s has unknown %%%s directive" % (quote(fmt), fmt[i]))
    conv = fmt[i]
    i += 1
    suffix = []
    while i < n:
        if fmt[i] == "%" and fmt[i + 1:i + 2] != "%":
            raise Fail("format %s has too many %% directives" % quote(fmt))
        suffix.append(fmt[i])
        i += 2 if fmt[i] == "%" else 1
    return Format("".join(prefix), flags, width, prec, conv, "".join(suffix))


def default_format(first, step, last, equal_width):
    prec = max(first.precision, step.precision)
    if prec != INT_MAX and last.precision != INT_MAX:
        if equal_width:
            first_width = first.width + (prec - first.precision)
            last_width = last.width + (prec - last.precision)
            if last.precision and prec == 0:
                last_width -= 1
            if last.precision == 0 and prec:
                last_width += 1
            if first.precision == 0 and prec:
                first_width += 1
            width = max(first_width % 2 ** 64, last_width % 2 ** 64)
            if width <= INT_MAX:
                return Format("", "0", width, prec, "f", "")
        else:
            return Format("", "", 0, prec, "f", "")
    return Format("", "", 0, None, "g", "")


def _all_digits(s):
    return s != "" and s.isdigit() and s.isascii()


def main(argv):
    args = argv[1:]
    k = _split_options(args)
    opts = SPEC.parse([argv[0]] + args[:k])
    operands = opts.operands + args[k:]
    sep = b"\n" if opts.separator is None else opts.separator.encode("utf-8", "surrogateescape")
    n = len(operands)
    if n < 1:
        raise Usage("missing operand")
    if n > 3:
        raise Usage("extra operand %s" % quote(operands[3]))
    fmt = parse_format(opts.format) if opts.format is not None else None
    if fmt is not None and opts.equal_width:
        raise Usage("format string may not be specified when printing equal width strings")
    out = stdout()
    plain = not opts.equal_width and fmt is None and len(sep) == 1

    # GNU's seq_fast: digits only, any size.
    if plain and all(_all_digits(a) for a in operands):
        step = 1
        if n == 3:
            sv = _xstrtold(operands[1])
            from applets.coreutils.printf import ldouble as ld
            step = ld.to_int(sv) if sv is not None and ld.is_integral(sv) else 0
            if not 0 < step <= FAST_STEP_LIMIT:
                step = None
        if step is not None:
            from applets.coreutils.printf.ldouble import str_int
            a = 1 if n == 1 else str_int(operands[0])
            b = str_int(operands[-1])
            if a <= b:
                _emit_ints(out, a, step, (b - a) // step + 1, sep)
                out.write(b"\n")
                return 0

    from applets.coreutils.printf import ldouble as ld
    first = Operand(ld.ONE, 1, 0)
    step = Operand(ld.ONE, 1, 0)
    last = scan_arg(operands[0])
    if n > 1:
        first = last
        last = scan_arg(operands[1])
        if n > 2:
            step = last
            if ld.is_zero(step.value):
                raise Usage("invalid Zero increment value: %s" % quote(operands[1]))
            last = scan_arg(operands[2])

    # GNU tries seq_fast again for integers written like 1e3, or LAST inf.
    if (plain and first.precision == 0 and step.precision == 0 and last.precision == 0
            and ld.is_finite(first.value) and ld.cmp(first.value, ld.ZERO) >= 0
            and ld.cmp(last.value, ld.ZERO) >= 0 and ld.cmp(step.value, ld.ZERO) > 0
            and ld.cmp(step.value, ld.from_int(FAST_STEP_LIMIT)) <= 0
            and not first.value[0] and not (last.value[0])):
        a = ld.to_int(first.value)
        istep = int(ld.to_int(_trunc(step.value)))
        if not ld.is_finite(last.value):
            _emit_ints(out, a, istep, None, sep)
            return 0
        b = ld.to_int(last.value)
        if a <= b:
            _emit_ints(out, a, istep, (b - a) // istep + 1, sep)
            out.write(b"\n")
            return 0

    if fmt is None:
        fmt = default_format(first, step, last, opts.equal_width)
    texts = None
    if n == 1:
        texts = ["1", "1", operands[0]]
    elif n == 2:
        texts = [operands[0], "1", operands[1]]
    else:
        texts = list(operands)
    print_numbers(out, fmt, sep, first.value, step.value, last.value, texts)
    return 0


def _trunc(v):
    """The integer part of a finite non-negative long double."""
    neg, m, e = v
    if e >= 0:
        return v
    return (neg, m >> -e, 0)


_LIMIT = 1 << 62


def _decimal(text):
    """The exact value of a decimal operand as (mantissa, exponent of ten),
    or None (hex, inf, nan)."""
    t = text.lstrip(_SPACE)
    neg = t[:1] == "-"
    if t[:1] in "+-":
        t = t[1:]
    exp = 0
    for mark in "eE":
        if mark in t:
            t, _, e = t.partition(mark)
            exp = int(e)
    whole, _, frac = t.partition(".")
    digits = whole + frac
    if not digits or not digits.isdigit() or not digits.isascii():
        return None
    m = int(digits)
    return (-m if neg else m), exp - len(frac)


def _decimal_fast(out, fmt, sep, operands):
    """%.Nf of decimal operands with at most N decimals: the exact decimal
    sequence.  Long double's error there is far below half a unit of the
    last printed digit, so its output, its stopping point and GNU's extra
    last number all come out as exact arithmetic gives them."""
    if fmt.conv not in "fF" or fmt.prec is None or fmt.prefix or fmt.suffix or operands is None:
        return False
    prec = fmt.prec
    scaled = []
    for text in operands:
        d = _decimal(text)
        if d is None or d[1] < -prec or abs(d[1]) > 40:
            return False
        scaled.append(d[0] * 10 ** (d[1] + prec))
    a, s, b = scaled
    if s == 0 or max(abs(a), abs(b)) + abs(s) >= 1 << 56:
        return False
    from applets.coreutils.printf.ldouble import pad
    count = (b - a) // s + 1
    if count <= 0:
        return True
    flags, width, alt = fmt.flags, fmt.width, "#" in fmt.flags
    plus = "+" if "+" in flags else (" " if " " in flags else "")
    write = out.write
    head = fmt(_ld_of(operands[0])).encode()
    write(head)
    chunk = []
    size = 0
    for x in range(a + s, a + s * count, s):
        digits = str(-x if x < 0 else x)
        if prec:
            digits = digits.rjust(prec + 1, "0")
            body = digits[:-prec] + "." + digits[-prec:]
        else:
            body = digits + ("." if alt else "")
        text = pad("-" if x < 0 else plus, body, flags, width)
        chunk.append(text)
        size += 1
        if size >= 8192:
            write(sep + sep.join(t.encode() for t in chunk))
            chunk = []
            size = 0
    if chunk:
        write(sep + sep.join(t.encode() for t in chunk))
    write(b"\n")
    return True


def _ld_of(text):
    return _xstrtold(text)


def print_numbers(out, fmt, sep, first, step, last, operands=None):
    from applets.coreutils.printf import ldouble as ld
    descending = step[0]
    if descending:
        out_of_range = ld.cmp(first, last) < 0
    else:
        out_of_range = ld.cmp(last, first) < 0
    if out_of_range:
        return
    # Integers that long double holds exactly: plain Python ints, same output.
    if (fmt.prec == 0 and fmt.conv == "f" and not fmt.prefix and not fmt.suffix
            and all(ld.is_finite(v) and ld.is_integral(v) and abs(ld.to_int(v)) <= _LIMIT
                    for v in (first, step, last))):
        a, s, b = ld.to_int(first), ld.to_int(step), ld.to_int(last)
        count = (b - a) // s + 1
        head = fmt(first).encode()
        if fmt.width:
            _emit_ints(out, a + s, s, count - 1, sep, fmt.width, head)
        else:
            _emit_ints(out, a + s, s, count - 1, sep, None, head)
        out.write(b"\n")
        return
    if _decimal_fast(out, fmt, sep, operands):
        return
    x = first
    i = ld.ONE
    write = out.write
    while True:
        x0 = x
        write(fmt(x).encode())
        x = ld.add(first, ld.mul(i, step))
        i = ld.add(i, ld.ONE)
        out_of_range = ld.cmp(x, last) < 0 if descending else ld.cmp(last, x) < 0
        if out_of_range:
            xs = fmt.number(x)
            xv = _xstrtold(xs)
            if xv is None or ld.is_nan(xv) or ld.is_nan(last) or ld.cmp(xv, last) != 0:
                break
            if fmt.number(x0) == xs:
                break
        write(sep)
    write(b"\n")


def _emit_ints(out, a, step, count, sep, width=None, head=None):
    """Write count integers a, a+step, ... joined by sep (count None: for
    ever), each zero-padded to `width` if given.  `head`, if given, is
    written first as an extra leading number."""
    from applets.coreutils.printf.ldouble import int_str
    write = out.write
    started = False
    if head is not None:
        write(head)
        started = True
    if count is not None and count <= 0:
        return
    if 1 <= step <= 1000 and a >= 0:
        _emit_blocks(write, a, step, count, sep, started, width)
        return
    ssep = sep.decode("latin-1")
    conv = str if width is None else ("%%0%dd" % width).__mod__
    if count is None or max(abs(a), abs(a + step * count)).bit_length() > 13000:
        conv = int_str if width is None else (lambda v: int_str(v).rjust(width, "0") if v >= 0
                                              else "-" + int_str(-v).rjust(width - 1, "0"))
    chunk = 65536
    done = 0
    x = a
    while count is None or done < count:
        k = chunk if count is None else min(chunk, count - done)
        stop = x + step * k
        block = ssep.join(map(conv, range(x, stop, step))).encode("latin-1")
        if started:
            write(sep)
        write(block)
        started = True
        done += k
        x = stop


def _emit_blocks(write, a, step, count, sep, started, width):
    """a, a+step, ... (a >= 0, step > 0) by blocks of the numbers that share
    all digits but the last four: each block is the prefix joining a cached
    list of four-digit suffixes (one list per starting offset)."""
    from applets.coreutils.printf.ldouble import int_str
    end = None if count is None else a + step * count  # exclusive
    if width is None or width < 4:
        # Below BLOCK the numbers have no common prefix: convert them.
        stop = BLOCK if end is None else min(end, BLOCK)
        if a < stop:
            conv = str if width is None else ("%%0%dd" % width).__mod__
            if started:
                write(sep)
            write(sep.decode("latin-1").join(map(conv, range(a, stop, step))).encode("latin-1"))
            started = True
            k = (stop - a + step - 1) // step
            a += k * step
    last_suffix = [b"%04d" % j for j in range(BLOCK)]
    with_sep = [x + sep for x in last_suffix]
    cache = {}
    pending = []
    size = 0
    while end is None or a < end:
        p, lo = divmod(a, BLOCK)
        base = p * BLOCK
        full = end is None or end >= base + BLOCK
        if full:
            pieces = cache.get(lo)
            if pieces is None:
                idx = range(lo, BLOCK, step)
                pieces = cache[lo] = [b""] + [with_sep[j] for j in idx[:-1]] + [last_suffix[idx[-1]]]
            nxt = base + idx_after(lo, step)
        else:
            idx = range(lo, end - base, step)
            pieces = [b""] + [with_sep[j] for j in idx[:-1]] + [last_suffix[idx[-1]]]
            nxt = end
        prefix = int_str(p).encode() if p else b""
        if width is not None:
            prefix = prefix.rjust(width - 4, b"0")
        block = prefix.join(pieces)
        if started:
            pending.append(sep)
        pending.append(block)
        started = True
        size += len(block)
        if size >= 1 << 18:
            write(b"".join(pending))
            pending = []
            size = 0
        a = nxt
    if pending:
        write(b"".join(pending))


def idx_after(lo, step):
    """The offset, from the block's start, of the first number past it."""
    return lo + ((BLOCK - lo + step - 1) // step) * step
