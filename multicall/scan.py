"""In-order option scanning: getopt_long with RETURN_IN_ORDER.

GNU sort and join call getopt_long with a leading '-' in the option string
(RETURN_IN_ORDER): an operand's meaning can depend on what came just
before it (sort's obsolete `+POS1 -POS2` keys, join's `-j1 FIELD` and
`-o` lists continued in the next arguments), so they see options and
operands one at a time, in order.  Scanner walks argv with getopt_long's
rules (bundled short options, attached or separate arguments,
`--name=value`, unique-prefix abbreviation, `--`) over the options of a
multicall Spec and yields one Event at a time, with getopt_long's error
messages.
"""
from multicall.errors import Usage

OPT = "opt"
ARG = "arg"
DASHDASH = "--"


class Event:
    """One scanned item.

    kind: OPT, ARG (an operand) or DASHDASH (the `--` that ends options).
    opt: the multicall Opt (for OPT), value: its argument (or the operand),
    attached: the argument was in the same element as the option,
    first: the option was the first in its element (`-j1`, not `-aj1`),
    shown: the option as GNU names it in messages (`-S`, `--buffer-size`).
    """

    __slots__ = ("kind", "opt", "value", "attached", "first", "shown")

    def __init__(self, kind, opt=None, value=None, attached=False, first=False, shown=None):
        self.kind = kind
        self.opt = opt
        self.value = value
        self.attached = attached
        self.first = first
        self.shown = shown


class Scanner:
    """Iterate over argv (argv[0] is the program name) in order.

    `order` lists the long names in the order getopt_long's table has them
    (for the "possibilities:" of an ambiguous abbreviation); it defaults to
    the Spec's declaration order.  Usage errors carry `status`.
    """

    def __init__(self, spec, argv, order=None, status=1):
        self.spec = spec
        self.args = list(argv[1:])
        self.i = 0
        self.status = status
        self.order = list(order) if order else list(spec.longs)
        self._cluster = None  # (element, position) inside bundled short options
        self.done = False  # after `--`

    def _fail(self, msg):
        raise Usage(msg, self.status)

    def peek(self):
        """The next raw element, or None (never inside a short-option cluster)."""
        if self._cluster is None and self.i < len(self.args):
            return self.args[self.i]
        return None

    def take(self):
        """Consume and return the next raw element as is."""
        a = self.args[self.i]
        self.i += 1
        return a

    def unread(self):
        """Give back the element just consumed as a separate option argument."""
        self.i -= 1

    def __iter__(self):
        return self

    def __next__(self):
        ev = self.next()
        if ev is None:
            raise StopIteration
        return ev

    def next(self):
        if self._cluster is not None:
            return self._short()
        if self.i >= len(self.args):
            return None
        a = self.args[self.i]
        self.i += 1
        if self.done:
            return Event(ARG, value=a)
        if a == "--":
            self.done = True
            return Event(DASHDASH)
        if a.startswith("--"):
            return self._long(a)
        if a.startswith("-") and a != "-":
            self._cluster = (a, 1)
            return self._short()
        return Event(ARG, value=a)

    def _short(self):
        elem, pos = self._cluster
        c = elem[pos]
        o = self.spec.shorts.get(c)
        if o is None:
            self._cluster = None
            self._fail("invalid option -- '%s'" % c)
        first = pos == 1
        pos += 1
        if not o.arg:
            self._cluster = (elem, pos) if pos < len(elem) else None
            return Event(OPT, o, None, False, first, "-" + c)
        self._cluster = None
        if pos < len(elem):
            return Event(OPT, o, elem[pos:], True, first, "-" + c)
        if o.optional:
            return Event(OPT, o, None, False, first, "-" + c)
        if self.i >= len(self.args):
            self._fail("option requires an argument -- '%s'" % c)
        val = self.args[self.i]
        self.i += 1
        return Event(OPT, o, val, False, first, "-" + c)

    def _long(self, a):
        name, eq, val = a[2:].partition("=")
        longs = self.spec.longs
        o = longs.get(name)
        full = name
        if o is None:
            cands = [k for k in self.order if k.startswith(name)] if name else []
            if not cands:
                self._fail("unrecognized option '%s'" % a)
            if len({id(longs[k]) for k in cands}) > 1:
                self._fail("option '%s' is ambiguous; possibilities:%s"
                           % (a, "".join(" '--%s'" % k for k in cands)))
            full = cands[0]
            o = longs[full]
        if o.arg:
            if eq:
                return Event(OPT, o, val, True, True, "--" + full)
            if o.optional:
                return Event(OPT, o, None, False, True, "--" + full)
            if self.i >= len(self.args):
                self._fail("option '--%s' requires an argument" % full)
            val = self.args[self.i]
            self.i += 1
            return Event(OPT, o, val, False, True, "--" + full)
        if eq:
            self._fail("option '--%s' doesn't allow an argument" % full)
        return Event(OPT, o, None, False, True, "--" + full)
