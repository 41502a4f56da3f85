"""The one option parser every applet uses: GNU getopt_long behaviour from a
compact declarative spec, which also yields the applet's --help text.

An applet declares its options with opt(), each named the way GNU's --help
shows it, so the declaration is also the help line:

    SPEC = Spec("[OPTION]... [FILE]...", "Print the first 10 lines ...",
                opt("-c, --bytes=[-]NUM", "print the first NUM bytes", type=...),
                opt("-q, --quiet, --silent", "never print headers"),
                opt("--output-error[=MODE]", "set behavior on write error"))
    opts = SPEC.parse(argv)      # opts.bytes, opts.quiet, opts.operands ...

What it implements (see tests/multicall/test_options.py for each rule):
bundled short options (-la), attached and separate arguments (-n5, -n 5),
long options with =VALUE or a separate argument and unique-prefix
abbreviation, `--` ending options, `-` as an operand, operands interleaved
with options unless POSIXLY_CORRECT is set or the spec stops at the first
operand, flag/counter/string/list/optional-argument/constant kinds, typed
values (integers with ranges and size suffixes, word choices), min/max
operand counts, mutually exclusive options, last-one-wins groups (options
sharing a dest), -NUM shorthand and a dashless first argument (`tar xzf`).
Every applet gets --help and --version.  It imports neither argparse nor re.
"""
import posix

from multicall.errors import Exit, Usage, quote

FLAG = "flag"  # store True
COUNT = "count"  # add one each time
STR = "str"  # store the (converted) argument
LIST = "list"  # append the (converted) argument
OPTARG = "optarg"  # optional attached argument: --color[=WHEN], -p[N]
CONST = "const"  # store a constant (options sharing a dest: last one wins)
_HELP = "help"
_VERSION = "version"


class Opt:
    """One option: its names, argument, kind, destination and help line."""

    __slots__ = ("spec", "shorts", "longs", "arg", "optional", "kind", "dest", "type", "const", "default", "help")

    def __init__(self, spec, help, dest, kind, type, const, default):
        self.spec = spec
        self.help = help
        self.shorts = []
        self.longs = []
        self.arg = None
        optional = False
        for piece in spec.split(", "):
            piece = piece.strip()
            if piece.startswith("--"):
                name = piece[2:]
                for sep in ("[=", "="):
                    if sep in name:
                        name, _, meta = name.partition(sep)
                        self.arg = meta.rstrip("]") if sep == "[=" else meta
                        optional = sep == "[="
                        break
                self.longs.append(name)
            elif piece.startswith("-") and len(piece) >= 2:
                self.shorts.append(piece[1])
                meta = piece[2:].strip()
                if meta.startswith("[") and meta.endswith("]"):
                    self.arg = meta[1:-1]
                    optional = True
                elif meta:
                    self.arg = meta
            else:
                raise ValueError("bad option spec %r" % spec)
        self.optional = optional
        if kind is None:
            if self.arg:
                kind = OPTARG if optional else STR  # const: the value when absent
            else:
                kind = CONST if const is not None else FLAG
        self.kind = kind
        if dest is None:
            dest = (self.longs[0] if self.longs else self.shorts[0]).replace("-", "_")
        self.dest = dest
        self.type = type
        self.const = const
        if default is None:
            default = {FLAG: False, COUNT: 0}.get(kind)
        self.default = default

    def label(self):
        """The name GNU's messages use: the first long name, else -c."""
        return "--" + self.longs[0] if self.longs else "-" + self.shorts[0]


def opt(spec, help=None, dest=None, kind=None, type=None, const=None, default=None):
    """Declare an option; `help=None` hides it from --help."""
    return Opt(spec, help, dest, kind, type, const, default)


class Options:
    """The parse result: one attribute per dest, plus these."""

    def __init__(self, prog):
        self.prog = prog
        self.operands = []
        self.given = []  # dests in the order they were given

    def __repr__(self):
        return "Options(%r)" % self.__dict__


class Spec:
    """An applet's command line: its options and its rules."""

    def __init__(self, usage, about, *opts, epilog="", operands=(0, None), stop=False,
                 num=None, dashless=False, exclusive=(), status=1, version=True, help=True):
        self.usage = usage if isinstance(usage, tuple) else (usage,)
        self.about = about
        self.epilog = epilog
        self.min_operands, self.max_operands = operands
        self.stop = stop
        self.num = num
        self.dashless = dashless
        self.exclusive = exclusive
        self.status = status
        std = []
        if help:
            std.append(Opt("--help", "display this help and exit", None, _HELP, None, None, None))
        if version:
            std.append(Opt("--version", "output version information and exit", None, _VERSION, None, None, None))
        self.opts = opts + tuple(std)
        self.shorts = {}
        self.longs = {}
        for o in self.opts:
            for c in o.shorts:
                self.shorts[c] = o
            for name in o.longs:
                self.longs[name] = o

    # -- parsing -------------------------------------------------------------

    def parse(self, argv):
        """Parse argv (argv[0] is the applet's name) into an Options.

        Raises Usage (with this spec's status) for a bad command line, and
        Exit(0) after printing --help or --version."""
        try:
            return self._parse(argv)
        except Usage as e:
            e.status = self.status
            raise

    def _parse(self, argv):
        prog = argv[0]
        ns = Options(prog)
        for o in self.opts:
            if o.kind == LIST:
                if not hasattr(ns, o.dest):
                    setattr(ns, o.dest, [])
            elif not hasattr(ns, o.dest):
                setattr(ns, o.dest, o.default)
        args = list(argv[1:])
        if self.dashless and args and args[0][:1] not in ("-", ""):
            args[0] = "-" + args[0]
        stop = self.stop or b"POSIXLY_CORRECT" in posix.environ
        operands = ns.operands
        n = len(args)
        i = 0
        if self.num is not None and args and len(args[0]) > 1 and args[0][0] == "-" and args[0][1].isdigit():
            i = 1
            if callable(self.num):
                self.num(ns, args[0][1:])
            else:
                self._apply(ns, self.longs.get(self.num) or self._by_dest(self.num), args[0][1:], "-" + args[0][1:])
        while i < n:
            a = args[i]
            i += 1
            if a == "--":
                operands.extend(args[i:])
                break
            if a.startswith("--"):
                name, eq, val = a[2:].partition("=")
                o = self._long(prog, name, a)
                if o.arg:
                    if eq:
                        pass
                    elif o.optional:
                        val = None
                    elif i < n:
                        val = args[i]
                        i += 1
                    else:
                        raise Usage("option '--%s' requires an argument" % self._longname(o, name))
                elif eq:
                    raise Usage("option '--%s' doesn't allow an argument" % self._longname(o, name))
                else:
                    val = None
                self._apply(ns, o, val, "--" + self._longname(o, name))
            elif a.startswith("-") and a != "-":
                j = 1
                while j < len(a):
                    c = a[j]
                    o = self.shorts.get(c)
                    if o is None:
                        raise Usage("invalid option -- '%s'" % c)
                    j += 1
                    if not o.arg:
                        self._apply(ns, o, None, "-" + c)
                        continue
                    if j < len(a):
                        val = a[j:]
                    elif o.optional:
                        val = None
                    elif i < n:
                        val = args[i]
                        i += 1
                    else:
                        raise Usage("option requires an argument -- '%s'" % c)
                    self._apply(ns, o, val, "-" + c)
                    break
            else:
                operands.append(a)
                if stop:
                    operands.extend(args[i:])
                    break
        for group in self.exclusive:
            dests, message = group[:-1], group[-1]
            if sum(1 for d in dests if d in ns.given) > 1:
                raise Usage(message)
        if len(operands) < self.min_operands:
            if operands:
                raise Usage("missing operand after %s" % quote(operands[-1]))
            raise Usage("missing operand")
        if self.max_operands is not None and len(operands) > self.max_operands:
            raise Usage("extra operand %s" % quote(operands[self.max_operands]))
        return ns

    def only_help_version(self, argv, status=0):
        """GNU's rule for true, false and echo: --help or --version as the
        only argument is honoured, every other argument is not an option.
        Returns `status` (the exit status --help and --version end with)."""
        if len(argv) == 2 and argv[1] in ("--help", "--version"):
            try:
                self.parse(argv)
            except Exit:
                pass
            return True
        return False

    def _by_dest(self, dest):
        for o in self.opts:
            if o.dest == dest:
                return o
        raise KeyError(dest)

    @staticmethod
    def _longname(o, typed):
        return typed if typed in o.longs else next(n for n in o.longs if n.startswith(typed))

    def _long(self, prog, name, arg):
        o = self.longs.get(name)
        if o is not None:
            return o
        cands = [k for k in self.longs if k.startswith(name)] if name else []
        if not cands:
            raise Usage("unrecognized option '%s'" % arg)
        found = {id(self.longs[k]) for k in cands}
        if len(found) > 1:
            raise Usage("option '%s' is ambiguous; possibilities:%s"
                        % (arg, "".join(" '--%s'" % k for k in cands)))
        return self.longs[cands[0]]

    def _apply(self, ns, o, val, shown):
        kind = o.kind
        if kind == _HELP:
            from multicall.stdio import stdout
            stdout().write(self.help_text(ns.prog).encode("utf-8", "surrogateescape"))
            raise Exit(0)
        if kind == _VERSION:
            from multicall import VERSION
            from multicall.stdio import stdout
            stdout().write(("%s (pybox) %s\n" % (ns.prog, VERSION)).encode())
            raise Exit(0)
        ns.given.append(o.dest)
        if kind == FLAG:
            setattr(ns, o.dest, True)
            return
        if kind == CONST:
            setattr(ns, o.dest, o.const)
            return
        if kind == COUNT:
            setattr(ns, o.dest, getattr(ns, o.dest) + 1)
            return
        if val is not None and o.type is not None:
            try:
                val = o.type(val)
            except BadChoice as e:
                raise Usage("%s argument %s for %s\nValid arguments are:\n%s"
                            % (e.why, quote(val), quote(o.label()),
                               "".join("  - %s\n" % quote(w) for w in e.words).rstrip("\n"))) from None
            except ValueError as e:
                msg = str(e) or "invalid argument %s for %s" % (quote(val), quote(shown))
                raise Usage(msg) from None
        if kind == LIST:
            getattr(ns, o.dest).append(val)
        else:
            setattr(ns, o.dest, val if val is not None or kind != OPTARG else o.const)

    # -- help ----------------------------------------------------------------

    def help_text(self, prog):
        lines = ["Usage: %s %s" % (prog, self.usage[0])]
        lines += ["  or:  %s %s" % (prog, u) for u in self.usage[1:]]
        if self.about:
            lines.append(self.about)
        rows = []
        for o in self.opts:
            if o.help is None:
                continue
            names = []
            for c in o.shorts:
                names.append("-" + c)
            for name in o.longs:
                if o.optional:
                    names.append("--%s[=%s]" % (name, o.arg))
                elif o.arg:
                    names.append("--%s=%s" % (name, o.arg))
                else:
                    names.append("--" + name)
            if o.arg and not o.longs:
                names[-1] += "[%s]" % o.arg if o.optional else " " + o.arg
            left = ", ".join(names)
            if not o.shorts:
                left = "    " + left
            rows.append((left, o.help))
        if rows:
            lines.append("")
            width = max(len(r[0]) for r in rows if len(r[0]) <= 26) if any(len(r[0]) <= 26 for r in rows) else 20
            for left, text in rows:
                helplines = text.split("\n")
                if len(left) > width:
                    lines.append("  " + left)
                    lines.append(" " * (width + 4) + helplines[0])
                else:
                    lines.append("  " + left.ljust(width) + "  " + helplines[0])
                lines.extend(" " * (width + 4) + h for h in helplines[1:])
        if self.epilog:
            lines.append("")
            lines.append(self.epilog.rstrip("\n"))
        return "\n".join(lines) + "\n"


# -- value types ----------------------------------------------------------

_POWERS = "KMGTPEZY"  # R and Q came after GNU coreutils 9.1, the reference here


def parse_size(text, allow_b=True):
    """An unsigned count with GNU's multiplier suffixes: b (512), K or k or
    KiB (1024), KB (1000), and likewise M G T P E Z Y.  Leading blanks and
    one `+` are allowed, and a bare suffix means one of it, as in GNU.
    Raises ValueError with an empty message."""
    s = text.lstrip()
    if s[:1] == "+":
        s = s[1:]
    i = 0
    while i < len(s) and "0" <= s[i] <= "9":
        i += 1
    digits, suffix = s[:i], s[i:]
    if not digits and not suffix:
        raise ValueError("")
    n = int(digits) if digits else 1
    if not suffix:
        return n
    if suffix == "b" and allow_b:
        return n * 512
    unit = "K" if suffix[0] == "k" else suffix[0]
    if unit not in _POWERS:
        raise ValueError("")
    power = _POWERS.index(unit) + 1
    rest = suffix[1:]
    if rest in ("", "iB"):
        return n * 1024 ** power
    if rest == "B":
        return n * 1000 ** power
    raise ValueError("")


def integer(lo=None, hi=None):
    """A type for plain decimal integers, optionally within [lo, hi]."""
    def convert(text):
        s = text.strip()
        try:
            v = int(s, 10)
        except ValueError:
            raise ValueError("") from None
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            raise ValueError("")
        return v
    return convert


class BadChoice(ValueError):
    """A word that choice() does not accept: why is 'invalid' or 'ambiguous'."""

    def __init__(self, why, words):
        ValueError.__init__(self, why)
        self.why = why
        self.words = words


def choice(*words):
    """A type accepting one of `words` or a unique prefix of them, with
    GNU argmatch's messages (`invalid argument 'x' for '--opt'`, the valid
    words listed)."""
    def convert(text):
        if text in words:
            return text
        cands = [w for w in words if w.startswith(text)]
        if len(cands) == 1:
            return cands[0]
        raise BadChoice("ambiguous" if cands else "invalid", words)
    return convert


def argmatch(value, option, table, status=1):
    """GNU argmatch over `table`, a list of (word, result): an exact word,
    or a unique prefix (several prefixes meaning the same result count as
    one; the empty string is a prefix of every word).  Otherwise a Usage
    error lists the valid words grouped by result, with `status` (1 for
    GNU's XARGMATCH, whatever the applet's usual status)."""
    for word, result in table:
        if word == value:
            return result
    matches = [(w, r) for w, r in table if w.startswith(value)]
    if matches and len({r for _, r in matches}) == 1:
        return matches[0][1]
    why = "ambiguous" if matches else "invalid"
    groups = []
    for word, result in table:
        if groups and groups[-1][0] == result:
            groups[-1][1].append(word)
        else:
            groups.append((result, [word]))
    listing = "\n".join("  - " + ", ".join(quote(w) for w in words) for _, words in groups)
    raise Usage("%s argument %s for %s\nValid arguments are:\n%s"
                % (why, quote(value), quote(option), listing), status)
