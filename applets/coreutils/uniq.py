"""uniq: report or omit repeated adjacent lines.

The input is read in 256 KiB chunks and split into lines with bytes.split;
itertools.groupby then finds the runs of equal lines in C, keyed by the
whole line or, with -f/-s/-w/-i, by a key function.  Only the group that
may continue into the next chunk is carried over, so memory stays flat.
The plain case (no -c/-d/-D/-u/--group) never touches a line in Python
beyond groupby's own loop.

As in GNU, a last line without its delimiter is printed with one, fields
are separated by blanks (space, tab and newline), -i folds ASCII case, -s and -w
count bytes, and the obsolete -N and +N forms mean -f N and -s N.
"""
import posix

from multicall.errors import Fail, Usage, quote, quotef
from multicall.options import Spec, choice, opt
from multicall.stdio import BUFSIZE, open_input, stdout

ALL_REPEATED = ("none", "prepend", "separate")
GROUPS = ("prepend", "append", "separate", "both")
SIZE_MAX = (1 << 64) - 1



def _size(message):
    """GNU uniq's size_opt: a decimal count, too-large values clamped."""
    def convert(text):
        s = text.lstrip(" \t\n\v\f\r")
        if s[:1] == "+":
            s = s[1:]
        if not s or not s.isdigit() or not s.isascii():
            raise Fail("%s: %s" % (text, message))
        return min(int(s), SIZE_MAX)
    return convert


class _Spec(Spec):
    """uniq's options must be seen in order together with the operands
    (-f against -N, -s against +N): record each with the operand count."""

    def _apply(self, ns, o, val, shown):
        Spec._apply(self, ns, o, val, shown)
        if not hasattr(ns, "trace"):
            ns.trace = []
        ns.trace.append((o.dest, getattr(ns, o.dest), len(ns.operands)))


SPEC = _Spec("[OPTION]... [INPUT [OUTPUT]]",
             "Filter adjacent matching lines from INPUT (or standard input),\n"
             "writing to OUTPUT (or standard output).\n\n"
             "With no options, matching lines are merged to the first occurrence.\n\n"
             "Mandatory arguments to long options are mandatory for short options too.",
             opt("-c, --count", "prefix lines by the number of occurrences"),
             opt("-d, --repeated", "only print duplicate lines, one for each group"),
             opt("-D", "print all duplicate lines", dest="all_repeated", kind="const", const="none"),
             opt("--all-repeated[=METHOD]", "like -D, but allow separating groups\n"
                 "  with an empty line;\n  METHOD={none(default),prepend,separate}",
                 type=choice(*ALL_REPEATED), const="none"),
             opt("-f, --skip-fields=N", "avoid comparing the first N fields",
                 type=_size("invalid number of fields to skip")),
             opt("--group[=METHOD]", "show all items, separating groups with an empty line;\n"
                 "  METHOD={separate(default),prepend,append,both}",
                 type=choice(*GROUPS), const="separate"),
             opt("-i, --ignore-case", "ignore differences in case when comparing"),
             opt("-s, --skip-chars=N", "avoid comparing the first N characters",
                 type=_size("invalid number of bytes to skip")),
             opt("-u, --unique", "only print unique lines"),
             opt("-z, --zero-terminated", "line delimiter is NUL, not newline"),
             opt("-w, --check-chars=N", "compare no more than N characters in lines",
                 type=_size("invalid number of bytes to compare")),
             # The obsolete -N (skip N fields); digits accumulate (-1 -2 is 12).
             *(opt("-%d" % d, None, dest="digit", kind="const", const=d) for d in range(10)),
             epilog="A field is a run of blanks (usually spaces and/or TABs), then non-blank\n"
             "characters.  Fields are skipped before chars.\n\n"
             "Note: 'uniq' does not detect repeated lines unless they are adjacent.\n"
             "You may want to sort the input first, or use 'sort -u' without 'uniq'.")


def _strict_posix2():
    v = posix.environ.get(b"_POSIX2_VERSION")
    try:
        return v is not None and 200112 <= int(v) < 200809
    except ValueError:
        return False


def _plus(text):
    """The obsolete +N operand: N, or None when it is a file name."""
    if text[:1] != "+" or _strict_posix2():
        return None
    s = text[1:].lstrip(" \t\n\v\f\r")
    if s[:1] == "+":
        s = s[1:]
    if not s or not s.isdigit() or not s.isascii():
        return None
    n = int(s)
    return n if n <= SIZE_MAX else None


class Settings:
    """What the command line asks for, once the order of things is known."""

    def __init__(self):
        self.skip_fields = 0
        self.skip_chars = 0
        self.check_chars = None
        self.files = []
        self.obsolete = None  # "old" after -N digits, "new" after -f


_WITH_ARG = ("skip-fields", "skip-chars", "check-chars")


def _end_of_options(args, posixly):
    """The index of the `--` that ends the options, or None.  (After it
    GNU takes every argument as a file, even one that looks like +N.)"""
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            return i
        if a.startswith("--"):
            name, eq, _ = a[2:].partition("=")
            cands = [k for k in SPEC.longs if k.startswith(name)]
            exact = name in SPEC.longs
            if not eq and ((exact and name in _WITH_ARG) or
                           (not exact and len(cands) == 1 and cands[0] in _WITH_ARG)):
                i += 1
        elif a.startswith("-") and a != "-":
            for j, c in enumerate(a[1:], 1):
                if c in "fsw":
                    if j == len(a) - 1:
                        i += 1
                    break
        elif posixly and _plus(a) is None:
            return None
        i += 1
    return None


def parse_args(argv):
    """GNU uniq's command line: options interleaved with operands, the
    obsolete -N and +N, and `--`."""
    prog = argv[0]
    st = Settings()
    opts = None
    args = list(argv[1:])
    posixly = b"POSIXLY_CORRECT" in posix.environ
    while True:
        end = _end_of_options(args, posixly)
        after = args[end + 1:] if end is not None else []
        ns = SPEC.parse([prog] + (args[:end] if end is not None else args))
        if opts is None:
            opts = ns
        else:  # a later round (after +N under POSIXLY_CORRECT): merge it in
            for dest, value, _ in getattr(ns, "trace", []):
                setattr(opts, dest, value)
        ops = ns.operands
        events = [(n, 0, dest, value) for dest, value, n in getattr(ns, "trace", [])]
        events += [(k, 1, "operand", text) for k, text in enumerate(ops)]
        events.sort(key=lambda e: e[:2])
        rest = None
        for pos, _, dest, value in events:
            if dest == "operand":
                n = None if posixly and st.files else _plus(value)
                if n is None:
                    _add_file(st, value)
                    continue
                st.skip_chars = n
                if posixly:
                    rest = ops[pos + 1:] + (["--"] + after if end is not None else [])
                    after = []
                    break
            else:
                _option(st, dest, value)
        for value in after:
            _add_file(st, value)
        if not rest:
            break
        args = rest
    return opts, st


def _add_file(st, name):
    if len(st.files) == 2:
        raise Usage("extra operand %s" % quote(name))
    st.files.append(name)


def _option(st, dest, value):
    if dest == "digit":
        if st.obsolete == "new":
            st.skip_fields = 0
        st.skip_fields = min(st.skip_fields * 10 + value, SIZE_MAX)
        st.obsolete = "old"
    elif dest == "skip_fields":
        st.skip_fields = value
        st.obsolete = "new"
    elif dest == "skip_chars":
        st.skip_chars = value
    elif dest == "check_chars":
        st.check_chars = value


def main(argv):
    opts, st = parse_args(argv)
    count = opts.count
    later = opts.all_repeated is not None
    unique = not (opts.repeated or later)
    first_repeated = not opts.unique
    output_used = count or opts.repeated or later or opts.unique
    grouping = opts.group
    if grouping is not None and output_used:
        raise Usage("--group is mutually exclusive with -c/-d/-D/-u")
    if count and later:
        raise Usage("printing all duplicated lines and repeat counts is meaningless")
    files = st.files + ["-"] * (2 - len(st.files))
    infile, outfile = files
    delim = b"\0" if opts.zero_terminated else b"\n"
    try:
        fd = open_input(infile)
    except OSError as e:
        raise Fail("%s: %s" % (quotef(infile), e.strerror)) from None
    out = None
    try:
        if outfile == "-":
            out = stdout()
        else:
            try:
                ofd = posix.open(outfile, posix.O_WRONLY | posix.O_CREAT | posix.O_TRUNC | posix.O_CLOEXEC, 0o666)
            except OSError as e:
                raise Fail("%s: %s" % (quotef(outfile), e.strerror)) from None
            import _io
            out = _io.open(ofd, "wb", buffering=128 * 1024)
        keys = _key_maker(st, opts.ignore_case, delim)
        out = _Writer(out)
        if not (unique and first_repeated and not count):
            proc = _Counting(out, delim, count, unique, first_repeated, later,
                             opts.all_repeated or "none")
        elif grouping is not None:
            proc = _Grouping(out, delim, grouping)
        else:
            proc = _Plain(out, delim)
        pending = []  # the pieces of a line not finished yet
        read = posix.read
        while True:
            try:
                data = read(fd, BUFSIZE)
            except OSError:
                raise Fail("error reading %s" % quotef(infile, always=True)) from None
            if not data:
                break
            if delim not in data:
                pending.append(data)
                continue
            if pending:
                pending.append(data)
                data = b"".join(pending)
            lines = data.split(delim)
            carry = lines.pop()
            pending = [carry] if carry else []
            proc.feed(lines, keys(lines))
        if pending:
            carry = b"".join(pending)
            proc.feed([carry], keys([carry]))
        proc.finish()
    finally:
        if fd != 0:
            posix.close(fd)
        if out is not None and outfile != "-":
            try:
                out.close()
            except BrokenPipeError:
                raise
            except OSError as e:
                raise Fail("write error: %s" % e.strerror) from None
    return 0


class _Writer:
    """Output whose failures read `write error: REASON`, as GNU's do."""

    def __init__(self, out):
        self.out = out

    def write(self, data):
        try:
            self.out.write(data)
        except BrokenPipeError:
            raise
        except OSError as e:
            raise Fail("write error: %s" % e.strerror) from None

    def close(self):
        self.out.close()


def _key_maker(st, ignore_case, delim):
    """A function from a chunk's lines to their comparison keys (None when
    the whole line is the key).  The keys of a whole chunk come from one
    regular expression (findall over the joined lines), not a per-line call."""
    fields, skip, width = st.skip_fields, st.skip_chars, st.check_chars
    if not (fields or skip or width is not None):
        if ignore_case:
            return lambda lines: delim.join(lines).upper().split(delim)
        return lambda lines: None
    import re
    d = b"\\x%02x" % delim[0]
    blank = b"[ \t\n]" if delim != b"\n" else b"[ \t]"
    other = b"[^ \t\n" + (d if delim != b"\n" else b"") + b"]"
    pattern = b"(?:\\A|(?<=" + d + b"))"
    if fields:
        # GNU skips N times: blanks (space, tab, newline), then non-blanks:
        # N whole fields if there are that many, else the whole line.
        n = min(fields, 1 << 31)
        pattern += b"(?:(?:%s*%s+){%d}|%s*(?:%s+%s*)*)" % (blank, other, n, blank, other, blank)
    if skip:
        pattern += b"[^%s]{0,%d}" % (d, min(skip, 1 << 31))
    if width is not None:
        pattern += b"([^%s]{0,%d})" % (d, min(width, 1 << 31))
    else:
        pattern += b"([^%s]*)" % d
    findall = re.compile(pattern).findall
    if ignore_case:
        return lambda lines: findall(delim.join(lines).upper())
    return lambda lines: findall(delim.join(lines))


def _groups(lines, keys):
    """groupby over a chunk: (key, [lines]) for each run of equal keys."""
    from itertools import groupby
    if keys is None:
        return ((k, list(g)) for k, g in groupby(lines))
    from operator import itemgetter
    second = itemgetter(1)
    return ((k, list(map(second, g))) for k, g in groupby(zip(keys, lines), itemgetter(0)))


class _Plain:
    """No output option: the first line of each group."""

    def __init__(self, out, delim):
        self.out = out
        self.delim = delim
        self.open = None  # key of the group that may go on in the next chunk

    def feed(self, lines, keys):
        from itertools import groupby
        if keys is None:
            firsts = [k for k, _ in groupby(lines)]
            last = lines[-1]
        else:
            from operator import itemgetter
            firsts = [next(g)[1] for _, g in groupby(zip(keys, lines), itemgetter(0))]
            last = keys[-1]
        if self.open is not None and (lines if keys is None else keys)[0] == self.open:
            del firsts[0]
        self.open = last
        if firsts:
            d = self.delim
            self.out.write(d.join(firsts) + d)

    def finish(self):
        pass


class _Grouping:
    """--group: every line, with an empty line between (or around) groups."""

    def __init__(self, out, delim, method):
        self.out = out
        self.delim = delim
        self.before = method in ("prepend", "both")
        self.between = method in ("append", "separate")
        self.after = method in ("append", "both")
        self.open = None
        self.printed = False

    def feed(self, lines, keys):
        d = self.delim
        parts = []
        for k, g in _groups(lines, keys):
            if not (self.printed and k == self.open):
                if self.before or (self.printed and self.between):
                    parts.append(b"")
                self.open = k
                self.printed = True
            parts.extend(g)
        self.out.write(d.join(parts) + d)

    def finish(self):
        if self.after and self.printed:
            self.out.write(self.delim)


class _Counting:
    """-c, -d, -u, -D and --all-repeated: a group is printed when it ends."""

    def __init__(self, out, delim, count, unique, first_repeated, later, method):
        self.out = out
        self.delim = delim
        self.count = count
        self.unique = unique
        self.first_repeated = first_repeated
        self.later = later
        self.prepend = later and method == "prepend"
        self.separate = later and method == "separate"
        self.seen_repeated = False
        self.n = 0  # lines in the open group
        self.open = None
        self.first = None  # the open group's first line
        self.pending = None  # -D: its last line, not printed yet

    def feed(self, lines, keys):
        parts = []
        for k, g in _groups(lines, keys):
            if self.n and k == self.open:
                self._more(g, parts)
                continue
            if self.n:
                self._close(parts)
            self.open = k
            self.first = g[0]
            self.n = 0
            self._more(g, parts)
        if parts:
            d = self.delim
            self.out.write(d.join(parts) + d)
    def _more(self, g, parts):
        if self.later:
            if self.n == 1 or (self.n == 0 and len(g) > 1):
                if self.prepend or (self.separate and self.seen_repeated):
                    parts.append(b"")
            if self.pending is not None:
                parts.append(self.pending)
            parts.extend(g[:-1])
            self.pending = g[-1]
        self.n += len(g)

    def _close(self, parts):
        n = self.n
        show = self.first_repeated if n > 1 else self.unique
        if self.later:
            if show:
                parts.append(self.pending)
            self.pending = None
        elif show:
            parts.append(b"%7d " % n + self.first if self.count else self.first)
        if n > 1:
            self.seen_repeated = True

    def finish(self):
        if self.n:
            parts = []
            self._close(parts)
            if parts:
                d = self.delim
                self.out.write(d.join(parts) + d)
