"""find's command line, parsed as GNU findutils 4.9 parses it.

1. Leading options: -H -L -P, -D LIST, -OLEVEL, `--`.
2. Start points: the arguments up to the first that looks like an
   expression (`-x`, `!`, `(`, and `)` or `,` when not first).
3. The expression, turned into a flat list of predicates the way GNU's
   parser.c does (an artificial `(` first, an implicit -a between two
   primaries, options as always-true primaries), then the implicit
   `( EXPR ) -print` when there is no action, then a tree built by GNU's
   precedence parser (tree.c's get_expr/scan_rest), so that every error
   message comes out for the same input as GNU's.
4. The tree becomes nested closures; chains of one operator are
   flattened, so a thousand `-o` in a row evaluate in a loop, not by
   recursion.
"""
import os
import posix

from multicall.errors import Exit, Fail, quote

from applets.findutils.find import preds
from applets.findutils.find.optimise import Meta, f32
from applets.findutils.find.preds import COMP_EQ, COMP_GT, COMP_LT, NS
from applets.findutils.find.state import DAY

NO_PREC, COMMA_PREC, OR_PREC, AND_PREC, NEGATE_PREC = range(5)
PRIMARY, UNI_OP, BI_OP, OPEN_PAREN, CLOSE_PAREN = range(5)

_DEBUG_FLAGS = (
    ("exec", "Show diagnostic information relating to -exec, -execdir, -ok and -okdir"),
    ("opt", "Show diagnostic information relating to optimisation"),
    ("rates", "Indicate how often each predicate succeeded"),
    ("search", "Navigate the directory tree verbosely"),
    ("stat", "Trace calls to stat(2) and lstat(2)"),
    ("time", "Show diagnostic information relating to time-of-day and timestamp comparisons"),
    ("tree", "Display the expression tree"),
    ("all", "Set all of the debug flags (but help)"),
    ("help", "Explain the various -D options"),
)
REGEX_TYPES = ("findutils-default", "ed", "emacs", "gnu-awk", "grep", "posix-awk", "awk", "posix-basic",
               "posix-egrep", "egrep", "posix-extended", "posix-minimal-basic", "sed")


class Pred:
    """One element of the predicate list, then a node of the tree."""

    __slots__ = ("type", "prec", "name", "func", "artificial", "no_default_print", "side_effects",
                 "left", "right", "kind", "meta", "cost", "rate", "arg")

    def __init__(self, type, prec, name, func=None, kind=None):
        self.type = type
        self.prec = prec
        self.name = name
        self.func = func
        self.artificial = False
        self.no_default_print = False
        self.side_effects = False
        self.left = None
        self.right = None
        self.kind = kind  # "and" "or" "comma" "not" "prune" "delete" ...
        self.meta = None  # for primaries: GNU's data for the optimiser (optimise.Meta)
        self.cost = 0
        self.rate = 1.0
        self.arg = None  # the argument it took (GNU's arg_text), for -D-style listings


def _new_operator(prec):
    kind = {COMMA_PREC: "comma", OR_PREC: "or", AND_PREC: "and"}[prec]
    return Pred(BI_OP, prec, {"comma": ",", "or": "-o", "and": "-a"}[kind], kind=kind)


def pattern_rate(pattern, is_regex=False):
    """GNU's estimate_pattern_match_rate."""
    if any(c in pattern for c in "*?[") or (is_regex and "." in pattern):
        return 0.8
    return 0.1


def file_age_rate(days):
    if days < 0.1:
        return 0.01
    if days < 1.0:
        return 0.3
    if days > 100.0:
        return 0.3
    return 0.39


def _cdiv(a, b):
    q = abs(a) // b
    return -q if a < 0 else q


def looks_like_expression(arg, leading):
    if arg[:1] == "-":
        return len(arg) > 1
    if arg in (")", ","):
        return not leading
    return arg in ("!", "(")


def _b(s):
    return s.encode("utf-8", "surrogateescape")


# -- leading options ------------------------------------------------------------

def leading_options(state, argv):
    """Process -H -L -P -D -O; return the index of the first other argument."""
    i = 1
    n = len(argv)
    while i < n:
        a = argv[i]
        if a in ("-H", "-L", "-P"):
            state.follow = a[1]
        elif a == "--":
            return i + 1
        elif a == "-D":
            if i + 1 >= n:
                from multicall.errors import Usage
                raise Usage("Missing argument after the -D option.")
            debug_options(state, argv[i + 1])
            i += 1
        elif a.startswith("-O"):
            state.level = optimisation_level(a[2:])
        else:
            return i
        i += 1
    return i


def debug_options(state, arg):
    names = [p for p in arg.split(",") if p]
    if not names:
        from multicall.errors import Usage
        raise Usage("Empty argument to the -D option.")
    known = {name for name, _ in _DEBUG_FLAGS}
    asked = []
    for p in names:
        if p in known:
            asked.append(p)
        else:
            state.warn("Ignoring unrecognised debug flag %s" % quote(arg))
    if "help" in asked:
        from multicall.stdio import stdout
        text = "Valid arguments for -D:\n" + "".join("%-10s %s\n" % f for f in _DEBUG_FLAGS)
        stdout().write(text.encode())
        raise Exit(0)
    if asked:
        raise Fail("the -D debug option %s is not supported by this find" % quote(",".join(asked)))


def optimisation_level(text):
    if not text:
        raise Fail("The -O option must be immediately followed by a decimal integer")
    if not text[0].isdigit() or not text[0].isascii():
        raise Fail("Please specify a decimal number immediately after -O")
    k = 0
    while k < len(text) and "0" <= text[k] <= "9":
        k += 1
    if k < len(text):
        raise Fail("Invalid optimisation level %s" % text)
    level = int(text)
    if level > 65535:
        raise Fail("Optimisation level %d is too high.  If you want to find files very quickly, "
                   "consider using GNU locate." % level)
    return level


# -- numbers as GNU reads them ----------------------------------------------------

def comp_type(s):
    if s[:1] == "+":
        return COMP_GT, s[1:]
    if s[:1] == "-":
        return COMP_LT, s[1:]
    return COMP_EQ, s


def strtoumax(s):
    """gnulib xstrtoumax(s, 10, "") == LONGINT_OK: the value or None."""
    t = s.lstrip(" \t\n\v\f\r")
    if t[:1] == "-":
        return None
    if t[:1] == "+":
        t = t[1:]
    if not t or not all("0" <= c <= "9" for c in t):
        return None
    v = int(t)
    return v if v < (1 << 64) else None


def strtod(s):
    """A C strtod that must consume all of s: the float, or None."""
    from multicall.numbers import strtod as c_strtod
    v, end = c_strtod(s)
    return v if 0 < end == len(s) else None


def safe_atoi(s):
    """findutils' safe_atoi (errors are fatal)."""
    t = s.lstrip(" \t\n\v\f\r")
    sign = 1
    body = t
    if body[:1] in "+-":
        sign = -1 if body[0] == "-" else 1
        body = body[1:]
    k = 0
    while k < len(body) and "0" <= body[k] <= "9":
        k += 1
    if k == 0:
        raise Fail("Expected an integer: %s" % quote(s))
    v = sign * int(body[:k])
    if v > 2147483647 or v < -2147483648:
        raise Fail("%s: Numerical result out of range" % s)
    if body[k:]:
        raise Fail("Unexpected suffix %s on %s" % (quote(body[k:]), quote(s)))
    return v


# -- the parser -------------------------------------------------------------------

class Parser:
    """Builds GNU's predicate list from the expression arguments."""

    def __init__(self, state, out, start_points):
        self.state = state
        self.preds = []
        self.first_nonoption = None
        self.out = out  # the Outputs registry
        self.start_points = start_points

    @property
    def last(self):
        return self.preds[-1] if self.preds else None

    # -- list building --------------------------------------------------------

    def _chk_op(self):
        """GNU's get_new_pred_chk_op: an implicit -a after a primary or ')'."""
        last = self.last
        if last is not None and last.type in (PRIMARY, CLOSE_PAREN):
            p = Pred(BI_OP, AND_PREC, "-a", kind="and")
            p.artificial = True
            self.preds.append(p)

    def primary(self, name, func, meta, kind=None, side_effects=False, no_default_print=False):
        self._chk_op()
        p = Pred(PRIMARY, NO_PREC, name, func, kind)
        p.side_effects = side_effects
        p.no_default_print = no_default_print
        p.meta = meta
        p.rate = meta.rate
        self.preds.append(p)
        return p

    def true(self, name):
        """An option: an always-true primary (GNU's noop)."""
        return self.primary(name, _true, Meta("true", False, False), kind="true")

    # -- the main loop ------------------------------------------------------------

    def parse(self, argv, i):
        state = self.state
        self._chk_op()
        self.preds.append(Pred(OPEN_PAREN, NO_PREC, "(", kind="("))
        n = len(argv)
        while i < n:
            arg = argv[i]
            if not looks_like_expression(arg, False):
                state.warn("paths must precede expression: `%s'" % arg)
                try:
                    if os.access(_b(arg), os.F_OK):
                        last = self.last
                        state.warn("possible unquoted pattern after predicate `%s'?" % last.name)
                except (OSError, ValueError):
                    pass
                raise Exit(1)
            entry = self.find_parser(arg)
            if entry is None:
                raise Fail("unknown predicate `%s'" % arg)
            handler, special = entry
            if not special:
                i += 1
            oldi = i
            try:
                new = handler(argv, i, arg)
            except _Refused as r:
                new = None
                i = r.index
            if new is None:
                # the parser refused: GNU's generic messages
                if i < n:
                    if special and i == oldi:
                        raise Fail("invalid predicate `%s'" % arg)
                    raise Fail("invalid argument `%s' to `%s'" % (argv[i], arg))
                raise Fail("missing argument to `%s'" % arg)
            if self.preds:
                # as GNU: the last predicate takes this name (even when this
                # one made none, like -files0-from)
                last = self.preds[-1]
                last.name = arg
                last.arg = argv[oldi] if new != oldi else None
            i = new
        return self.finish()

    def find_parser(self, arg):
        if arg.startswith("-newer") and len(arg) == 8:
            return self._found(arg, "test", (self.p_newerXY, True))
        name = arg[1:] if arg[:1] == "-" else arg
        entry = _TABLE.get(name)
        if entry is None:
            return None
        kind, method = entry
        return self._found(arg, kind, (getattr(self, method), False))

    def _found(self, arg, kind, value):
        if kind != "posopt":
            if kind == "option":
                if self.first_nonoption is not None and self.state.warnings:
                    self.state.warn(
                        "warning: you have specified the global option %s after the argument %s, but "
                        "global options are not positional, i.e., %s affects tests specified before it "
                        "as well as those specified after it.  Please specify global options before "
                        "other arguments." % (arg, self.first_nonoption, arg))
            elif self.first_nonoption is None:
                self.first_nonoption = arg
        return value

    # -- after the loop -----------------------------------------------------------

    def finish(self):
        preds = self.preds
        if len(preds) == 1:
            # nothing but options: `-print`
            preds.pop()
            p = self.primary("-print", self.out.print_action(), Meta("print", False, False), side_effects=True,
                             no_default_print=True)
            p.artificial = True
        elif not any(p.no_default_print for p in preds[1:]):
            c = Pred(CLOSE_PAREN, NO_PREC, ")", kind=")")
            c.artificial = True
            preds.append(c)
            p = self.primary("-print", self.out.print_action(), Meta("print", False, False), side_effects=True,
                             no_default_print=True)
            p.artificial = True
        else:
            preds.pop(0)
        kinds = {p.kind for p in preds}
        if "delete" in kinds and "prune" in kinds and not self.state.explicit_depth:
            raise Fail("The -delete action automatically turns on -depth, but -prune does nothing when "
                       "-depth is in effect.  If you want to carry on anyway, just explicitly use the "
                       "-depth option.")
        pos = [0]
        tree = get_expr(preds, pos, NO_PREC, None)
        if pos[0] < len(preds):
            left = preds[pos[0]]
            if left.type == CLOSE_PAREN:
                raise Fail("you have too many ')'")
            raise Fail("unexpected extra predicate '%s'" % left.name if left.name else
                       "unexpected extra predicate")
        from applets.findutils.find.optimise import optimise
        return optimise(tree, self.state.level, _new_operator)

    # -- helpers for the predicate parsers ------------------------------------------

    def stat_arg(self, path):
        """Stat a reference file as the current -H/-L/-P says (fatal error)."""
        p = _b(path)
        try:
            if self.state.follow == "P":
                return os.stat(p, follow_symlinks=False)
            try:
                return os.stat(p)
            except OSError as e:
                if e.errno in (2, 20):
                    return os.stat(p, follow_symlinks=False)
                raise
        except OSError as e:
            raise Fail("%s: %s" % (quote(path), e.strerror)) from None

    # -- punctuation -------------------------------------------------------------

    def p_not(self, argv, i, name):
        self._chk_op()
        self.preds.append(Pred(UNI_OP, NEGATE_PREC, name, kind="not"))
        return i

    def p_open(self, argv, i, name):
        self._chk_op()
        self.preds.append(Pred(OPEN_PAREN, NO_PREC, name, kind="("))
        return i

    def p_close(self, argv, i, name):
        self.preds.append(Pred(CLOSE_PAREN, NO_PREC, name, kind=")"))
        return i

    def p_and(self, argv, i, name):
        self.preds.append(Pred(BI_OP, AND_PREC, name, kind="and"))
        return i

    def p_or(self, argv, i, name):
        self.preds.append(Pred(BI_OP, OR_PREC, name, kind="or"))
        return i

    def p_comma(self, argv, i, name):
        self.preds.append(Pred(BI_OP, COMMA_PREC, name, kind="comma"))
        return i

    # -- options -------------------------------------------------------------------

    def p_depth(self, argv, i, name):
        self.state.dir_first = False
        self.state.explicit_depth = True
        self.true(name)
        return i

    def p_d(self, argv, i, name):
        if self.state.warnings:
            self.state.warn("warning: the -d option is deprecated; please use -depth instead, because "
                            "the latter is a POSIX-compliant feature.")
        return self.p_depth(argv, i, name)

    def _depthspec(self, argv, i, name, attr):
        if i >= len(argv):
            return None
        s = argv[i]
        k = 0
        while k < len(s) and "0" <= s[k] <= "9":
            k += 1
        if k > 0 and k == len(s):
            v = safe_atoi(s)
            if v >= 0:
                setattr(self.state, attr, v)
                self.true(name)
                return i + 1
        raise Fail("Expected a positive decimal integer argument to %s, but got %s" % (name, quote(s)))

    def p_maxdepth(self, argv, i, name):
        return self._depthspec(argv, i, name, "maxdepth")

    def p_mindepth(self, argv, i, name):
        return self._depthspec(argv, i, name, "mindepth")

    def p_xdev(self, argv, i, name):
        self.state.xdev = True
        self.true(name)
        return i

    def p_noleaf(self, argv, i, name):
        self.true(name)  # the leaf optimisation does not exist here either
        return i

    def p_ignore_race(self, argv, i, name):
        self.state.ignore_race = True
        self.true(name)
        return i

    def p_noignore_race(self, argv, i, name):
        self.state.ignore_race = False
        self.true(name)
        return i

    def p_files0_from(self, argv, i, name):
        if i >= len(argv):
            return None
        self.state.files0_from = argv[i]
        return i + 1

    def p_daystart(self, argv, i, name):
        state = self.state
        if not state.full_days:
            import time
            sec = state.day_start_ns // NS + DAY
            try:
                tm = time.localtime(sec)
                sec -= tm.tm_sec + tm.tm_min * 60 + tm.tm_hour * 3600
            except (OverflowError, OSError):
                sec -= sec % DAY
            state.day_start_ns = sec * NS
            state.full_days = True
        self.true(name)
        return i

    def p_follow(self, argv, i, name):
        self.state.follow = "L"
        self.true(name)
        return i

    def p_warn(self, argv, i, name):
        self.state.warnings = True
        self.true(name)
        return i

    def p_nowarn(self, argv, i, name):
        self.state.warnings = False
        self.true(name)
        return i

    def p_regextype(self, argv, i, name):
        if i >= len(argv):
            return None
        t = argv[i]
        if t not in REGEX_TYPES:
            raise Fail("Unknown regular expression type %s; valid types are %s."
                       % (quote(t), ", ".join(quote(x) for x in REGEX_TYPES)))
        self.state.regex_type = t
        self.true(name)
        return i + 1

    def p_help(self, argv, i, name):
        from applets.findutils.find import SPEC
        SPEC.parse(["find", "--help"])

    def p_version(self, argv, i, name):
        from applets.findutils.find import SPEC
        SPEC.parse(["find", "--version"])

    # -- tests ---------------------------------------------------------------------

    def p_true(self, argv, i, name):
        self.primary(name, _true, Meta("true", False, False))
        return i

    def p_false(self, argv, i, name):
        self.primary(name, _false, Meta("false", False, False, rate=0.0))
        return i

    def _check_name_arg(self, pred, alt, arg):
        if self.state.warnings and "/" in arg:
            self.state.warn("warning: %s matches against basenames only, but the given pattern contains a "
                            "directory separator (%s), thus the expression will evaluate to false all the "
                            "time.  Did you mean %s?" % (quote(pred), quote("/"), quote(alt)))

    def p_name(self, argv, i, name):
        if i >= len(argv):
            return None
        self._check_name_arg("-name", "-wholename", argv[i])
        self.primary(name, preds.name_test(self.state, _b(argv[i]), False),
                     Meta("name", False, False, rate=pattern_rate(argv[i])))
        return i + 1

    def p_iname(self, argv, i, name):
        if i >= len(argv):
            return None
        self._check_name_arg("-iname", "-iwholename", argv[i])
        self.primary(name, preds.name_test(self.state, _b(argv[i]), True),
                     Meta("iname", False, False, rate=pattern_rate(argv[i])))
        return i + 1

    def _path(self, argv, i, name, label, icase):
        if i >= len(argv):
            return None
        pat = argv[i]
        if not self.state.posixly_correct and pat.endswith("/") and not self._matches_start(pat, icase):
            self.state.warn("warning: -%s %s will not match anything because it ends with /." % (label, pat))
        self.primary(name, preds.path_test(self.state, _b(pat), icase),
                     Meta("ipath" if icase else "path", False, False, rate=pattern_rate(pat)))
        return i + 1

    def _matches_start(self, pat, icase):
        from applets.findutils.find import pattern
        m = pattern.compile(_b(pat), icase, self.state.utf8)
        return any(m(_b(p)) for p in self.start_points)

    def p_path(self, argv, i, name):
        return self._path(argv, i, name, "path", False)

    def p_wholename(self, argv, i, name):
        return self._path(argv, i, name, "wholename", False)

    def p_ipath(self, argv, i, name):
        return self._path(argv, i, name, "ipath", True)

    def p_iwholename(self, argv, i, name):
        return self._path(argv, i, name, "iwholename", True)

    def p_lname(self, argv, i, name):
        if i >= len(argv):
            return None
        self.primary(name, preds.lname_test(self.state, _b(argv[i]), False),
                     Meta("lname", rate=f32(f32(0.1) * pattern_rate(argv[i]))))
        return i + 1

    def p_ilname(self, argv, i, name):
        if i >= len(argv):
            return None
        self.primary(name, preds.lname_test(self.state, _b(argv[i]), True),
                     Meta("ilname", rate=f32(f32(0.1) * pattern_rate(argv[i]))))
        return i + 1

    def _regex(self, argv, i, name, icase):
        if i >= len(argv):
            return None
        from multicall import regex
        rx_text = argv[i]
        try:
            rx = regex.compile(_b(rx_text), regex.FIND_TYPES[self.state.regex_type], icase=icase,
                               utf8=self.state.utf8)
        except regex.RegexError as e:
            raise Fail("failed to compile regular expression '%s': %s" % (rx_text, e)) from None
        self.primary(name, preds.regex_test(rx), Meta("regex", False, False, rate=pattern_rate(rx_text, True)))
        return i + 1

    def p_regex(self, argv, i, name):
        return self._regex(argv, i, name, False)

    def p_iregex(self, argv, i, name):
        return self._regex(argv, i, name, True)

    def _type(self, argv, i, name, x):
        if i >= len(argv):
            return None
        letters = argv[i]
        if not letters:
            raise Fail("Arguments to %s should contain at least one letter" % ("-xtype" if x else "-type"))
        label = "-xtype" if x else "-type"
        modes = set()
        seen = set()
        k = 0
        while k < len(letters):
            c = letters[k]
            if c not in preds.TYPE_BITS:
                raise Fail("Unknown argument to %s: %s" % (label, c))
            if c in seen:
                raise Fail("Duplicate file type '%s' in the argument list to %s." % (c, label))
            if c == "D":
                raise Fail("%s D is not supported because Solaris doors are not supported on the platform "
                           "find was compiled on." % label)
            seen.add(c)
            if preds.TYPE_BITS[c] is not None:
                modes.add(preds.TYPE_BITS[c])
            k += 1
            if k < len(letters):
                if letters[k] != ",":
                    raise Fail("Must separate multiple arguments to %s using: ','" % label)
                k += 1
                if k >= len(letters):
                    raise Fail("Last file type in list argument to %s is missing, i.e., list is ending "
                               "on: ','" % label)
        func = preds.xtype_test(self.state, modes) if x else preds.type_test(self.state, modes)
        if not modes:
            func = _false
        rate = 0.0
        for c in letters[::2]:
            rate = f32(rate + f32(_TYPE_RATES[c]))
        self.primary(name, func, Meta("xtype", True, False, rate=rate) if x else Meta("type", False, True, rate=rate))
        return i + 1

    def p_type(self, argv, i, name):
        return self._type(argv, i, name, False)

    def p_xtype(self, argv, i, name):
        return self._type(argv, i, name, True)

    def _num(self, argv, i):
        if i >= len(argv):
            return None
        kind, rest = comp_type(argv[i])
        v = strtoumax(rest)
        if v is None:
            return False
        return kind, v

    def _numtest(self, argv, i, name, field):
        r = self._num(argv, i)
        if not r:
            return None
        v = r[1]
        if field == "inum":
            meta = Meta("inum", False, False, True, rate=1e-6)
        elif field == "links":
            meta = Meta("links", rate=0.99 if v == 1 else 0.01 if v == 2 else 1e-3)
        else:
            meta = Meta(field, rate=0.99 if v < 100 else 0.2)
        self.primary(name, preds.stat_number_test(self.state, field, r[0], r[1]), meta)
        return i + 1

    def p_uid(self, argv, i, name):
        return self._numtest(argv, i, name, "uid")

    def p_gid(self, argv, i, name):
        return self._numtest(argv, i, name, "gid")

    def p_links(self, argv, i, name):
        return self._numtest(argv, i, name, "links")

    def p_inum(self, argv, i, name):
        return self._numtest(argv, i, name, "inum")

    def p_size(self, argv, i, name):
        if i >= len(argv):
            return None
        arg = argv[i]
        if not arg:
            raise Fail("invalid null argument to -size")
        units = {"b": 512, "c": 1, "k": 1024, "M": 1024 * 1024, "G": 1024 ** 3, "w": 2}
        last = arg[-1]
        if last in units:
            unit = units[last]
            body = arg[:-1]
            suffix = last
        elif "0" <= last <= "9":
            unit = 512
            body = arg
            suffix = ""
        else:
            raise Fail("invalid -size type `%s'" % last)
        kind, rest = comp_type(body)
        v = strtoumax(rest)
        if v is None:
            raise Fail("Invalid argument `%s%s' to -size" % (body, suffix))
        big = v * unit > 20480
        rate = {COMP_GT: 0.1 if big else 0.9, COMP_LT: 0.9 if big else 0.1}.get(kind, 0.01)
        self.primary(name, preds.size_test(self.state, kind, v, unit), Meta("size", True, False, rate=rate))
        return i + 1

    def p_empty(self, argv, i, name):
        self.primary(name, preds.empty_test(self.state), Meta("empty", rate=0.01))
        return i

    def _timestamp_rate(self, when_ns):
        """GNU's estimate_timestamp_success_rate."""
        when = when_ns // NS
        return file_age_rate(_cdiv(self.state.day_start_ns // NS - when, DAY))

    def _relative(self, text, origin_ns, unit):
        """GNU's get_relative_timestamp: (kind, reference ns) or None."""
        kind, rest = comp_type(text)
        kind = {COMP_LT: COMP_GT, COMP_GT: COMP_LT}.get(kind, kind)
        v = strtod(rest)
        if v is None:
            return None
        if v != v:
            raise Fail("invalid not-a-number argument: `%s'" % rest)
        total = v * unit
        if total in (float("inf"), float("-inf")):
            seconds, nanos = (1 << 62) * (1 if total > 0 else -1), 0
        else:
            import math
            frac, whole = math.modf(total)
            seconds, nanos = int(whole), int(frac * 1e9)
        return kind, origin_ns - seconds * NS - nanos

    def _time(self, argv, i, name, which):
        if i >= len(argv):
            return None
        text = argv[i]
        origin = self.state.day_start_ns
        kind, _ = comp_type(text)
        if kind == COMP_LT:
            origin += (DAY - 1) * NS
        r = self._relative(text, origin, DAY)
        if r is None:
            return None
        self.primary(name, preds.window_test(self.state, which, r[0], r[1], DAY),
                     Meta(which + "time", rate=self._timestamp_rate(r[1])))
        return i + 1

    def p_atime(self, argv, i, name):
        return self._time(argv, i, name, "a")

    def p_ctime(self, argv, i, name):
        return self._time(argv, i, name, "c")

    def p_mtime(self, argv, i, name):
        return self._time(argv, i, name, "m")

    def _min(self, argv, i, name, which):
        if i >= len(argv):
            return None
        r = self._relative(argv[i], self.state.day_start_ns + DAY * NS, 60)
        if r is None:
            return None
        self.primary(name, preds.window_test(self.state, which, r[0], r[1], 60),
                     Meta(which + "min", rate=self._timestamp_rate(r[1])))
        return i + 1

    def p_amin(self, argv, i, name):
        return self._min(argv, i, name, "a")

    def p_cmin(self, argv, i, name):
        return self._min(argv, i, name, "c")

    def p_mmin(self, argv, i, name):
        return self._min(argv, i, name, "m")

    def p_used(self, argv, i, name):
        if i >= len(argv):
            return None
        r = self._relative(argv[i], 0, DAY)
        if r is None:
            raise Fail("Invalid argument %s to -used" % argv[i])
        days = _cdiv(r[1] // NS, DAY)
        self.primary(name, preds.used_test(self.state, r[0], r[1]), Meta("used", rate=file_age_rate(days)))
        return i + 1

    def _newer(self, argv, i, name, which):
        if i >= len(argv):
            return None
        st = self.stat_arg(argv[i])
        self.primary(name, preds.newer_test(self.state, which, st.st_mtime_ns),
                     Meta({"m": "newer", "a": "anewer", "c": "cnewer"}[which],
                          rate=self._timestamp_rate(st.st_mtime_ns)))
        return i + 1

    def p_newer(self, argv, i, name):
        return self._newer(argv, i, name, "m")

    def p_anewer(self, argv, i, name):
        return self._newer(argv, i, name, "a")

    def p_cnewer(self, argv, i, name):
        return self._newer(argv, i, name, "c")

    def p_newerXY(self, argv, i, name):
        x, y = name[6], name[7]
        if "B" in (x, y):
            self.state.warn("This system does not provide a way to find the birth time of a file.")
            return None
        if x == "t" or x not in "acm" or y not in "acmt":
            return None
        if i + 1 >= len(argv):
            raise Fail("The %s test needs an argument" % quote(name))
        ref = argv[i + 1]
        if y == "t":
            from multicall import dates
            r = dates.parse(ref, self.state.start_ns)
            if r is None:
                raise Fail("I cannot figure out how to interpret %s as a date or time" % quote(ref))
            ref_ns = r[0] * NS + r[1]
        else:
            st = self.stat_arg(ref)
            ref_ns = {"a": st.st_atime_ns, "c": st.st_ctime_ns, "m": st.st_mtime_ns}[y]
        self.primary(name, preds.newer_test(self.state, x, ref_ns),
                     Meta("newerXY", rate=self._timestamp_rate(ref_ns)))
        return i + 2

    def _owner_name(self, argv, i, name, group):
        if i >= len(argv):
            return None
        who = argv[i]
        if group:
            import grp
            try:
                ident = grp.getgrnam(who).gr_gid
            except (KeyError, ValueError):
                ident = None
        else:
            import pwd
            try:
                ident = pwd.getpwnam(who).pw_uid
            except (KeyError, ValueError):
                ident = None
        if ident is None:
            k = 0
            while k < len(who) and "0" <= who[k] <= "9":
                k += 1
            if k and k == len(who):
                ident = safe_atoi(who)
            elif group and k:
                raise Fail("%s is not the name of an existing group and it does not look like a numeric "
                           "group ID because it has the unexpected suffix %s" % (quote(who), quote(who[k:])))
            elif group:
                if who:
                    raise Fail("%s is not the name of an existing group" % quote(who))
                raise Fail("argument to -group is empty, but should be a group name")
            else:
                if who:
                    raise Fail("%s is not the name of a known user" % quote(who))
                raise Fail("The argument to -user should not be empty")
        self.primary(name, preds.owner_test(self.state, "gid" if group else "uid", ident),
                     Meta("group" if group else "user", rate=0.99 if ident < 100 else 0.2))
        return i + 1

    def p_user(self, argv, i, name):
        return self._owner_name(argv, i, name, False)

    def p_group(self, argv, i, name):
        return self._owner_name(argv, i, name, True)

    def p_nouser(self, argv, i, name):
        self.primary(name, preds.nouser_test(self.state), Meta("nouser", rate=1e-3))
        return i

    def p_nogroup(self, argv, i, name):
        self.primary(name, preds.nogroup_test(self.state), Meta("nogroup", rate=1e-4))
        return i

    def p_perm(self, argv, i, name):
        if i >= len(argv):
            return None
        from multicall import modes
        text = argv[i]
        kind = "="
        body = text
        if text[:1] in ("-", "/"):
            kind = text[0]
            body = text[1:]
        changes = modes.compile(body)
        if changes is None or (text[:1] == "+" and "0" <= text[1:2] < "8"):
            raise Fail("invalid mode %s" % quote(text))
        vals = (modes.adjust(0, changes, False), modes.adjust(0, changes, True))
        rate = {"-": 0.2, "/": 0.3}.get(kind, 0.01)
        if kind == "/" and vals == (0, 0):
            self.state.warn("warning: you have specified a mode pattern %s (which is equivalent to /000). The "
                            "meaning of -perm /000 has now been changed to be consistent with -perm -000; that "
                            "is, while it used to match no files, it now matches all files." % text)
            kind = "-"
            rate = 0.9986
        self.primary(name, preds.perm_test(self.state, kind, vals), Meta("perm", rate=rate))
        return i + 1

    def _access(self, mode):
        def p(argv, i, name):
            self.primary(name, preds.access_test(self.state, mode),
                         Meta(name.lstrip("-"), False, False, rate=0.2 if mode == os.X_OK else 0.9))
            return i
        return p

    def p_readable(self, argv, i, name):
        return self._access(os.R_OK)(argv, i, name)

    def p_writable(self, argv, i, name):
        return self._access(os.W_OK)(argv, i, name)

    def p_executable(self, argv, i, name):
        return self._access(os.X_OK)(argv, i, name)

    def p_samefile(self, argv, i, name):
        if i >= len(argv):
            return None
        st = self.stat_arg(argv[i])
        self.primary(name, preds.samefile_test(self.state, st.st_dev, st.st_ino),
                     Meta("samefile", True, False, rate=0.01))
        return i + 1

    def p_fstype(self, argv, i, name):
        if i >= len(argv):
            return None
        fs = argv[i]
        if self.state.level >= 2 and not _used_fs_type(fs):
            self.primary(name, _false, Meta("false", False, False, rate=0.0))
            return i + 1
        self.primary(name, preds.fstype_test(self.state, _b(fs)), Meta("fstype", rate=_fstype_rate(fs)))
        return i + 1

    def p_context(self, argv, i, name):
        if i >= len(argv):
            return None
        if not os.path.exists("/sys/fs/selinux/enforce"):
            raise Fail("invalid predicate -context: SELinux is not enabled.")
        self.primary(name, preds.context_test(self.state, _b(argv[i])), Meta("context", False, rate=0.01))
        return i + 1

    # -- actions ----------------------------------------------------------------------

    def p_print(self, argv, i, name):
        self.primary(name, self.out.print_action(), Meta("print", False, False), side_effects=True,
                     no_default_print=True)
        return i

    def p_print0(self, argv, i, name):
        self.primary(name, preds.print0_action(self.out.stdout()), Meta("print0", False, False), side_effects=True,
                     no_default_print=True)
        return i

    def p_fprint(self, argv, i, name):
        if i >= len(argv):
            return None
        out = self.out.open(argv[i])
        self.primary(name, preds.print_action(out, b"\n", out.tty, self.state.utf8), Meta("fprint", False, False),
                     side_effects=True,
                     no_default_print=True)
        return i + 1

    def p_fprint0(self, argv, i, name):
        if i >= len(argv):
            return None
        out = self.out.open(argv[i])
        self.primary(name, preds.print0_action(out), Meta("fprint0", False, False), side_effects=True,
                     no_default_print=True)
        return i + 1

    def p_printf(self, argv, i, name):
        if i >= len(argv):
            return None
        from applets.findutils.find.printf import Printer, parse_format
        fmt = parse_format(self.state.prog, argv[i])
        out = self.out.stdout()
        self.primary(name, Printer(self.state, fmt, out.write, out.tty, out.flush), _printf_meta(fmt),
                     side_effects=True, no_default_print=True)
        return i + 1

    def p_fprintf(self, argv, i, name):
        if i + 1 >= len(argv):
            return None
        from applets.findutils.find.printf import Printer, parse_format
        out = self.out.open(argv[i])
        fmt = parse_format(self.state.prog, argv[i + 1])
        self.primary(name, Printer(self.state, fmt, out.write, out.tty, out.flush), _printf_meta(fmt),
                     side_effects=True, no_default_print=True)
        return i + 2

    def p_ls(self, argv, i, name):
        self.primary(name, preds.ls_action(self.state, self.out.stdout()), Meta("ls"), side_effects=True,
                     no_default_print=True)
        return i

    def p_fls(self, argv, i, name):
        if i >= len(argv):
            return None
        out = self.out.open(argv[i])
        self.primary(name, preds.ls_action(self.state, out), Meta("fls"), side_effects=True,
                     no_default_print=True)
        return i + 1

    def p_delete(self, argv, i, name):
        self.state.dir_first = False
        self.primary(name, preds.delete_action(self.state), Meta("delete", False, False), kind="delete",
                     side_effects=True,
                     no_default_print=True)
        return i

    def p_prune(self, argv, i, name):
        depth = not self.state.dir_first
        self.primary(name, preds.prune_action(self.state), Meta("prune", not depth, not depth), kind="prune",
                     side_effects=True)
        return i

    def p_quit(self, argv, i, name):
        self.primary(name, preds.quit_action(self.state), Meta("quit", False, False), side_effects=True)
        return i

    def _exec(self, argv, i, name):
        state = self.state
        n = len(argv)
        if i >= n:
            return None
        local = name in ("-execdir", "-okdir")
        ask = name in ("-ok", "-okdir")
        if ask:
            state.ok_prompt_stdin = True
        if local:
            state.ignore_race = False
            check_path_safety(name)
        start = i
        end = i
        saw_braces = False
        multiple = False
        brace_count = 0
        brace_arg = None
        while end < n and argv[end] != ";":
            a = argv[end]
            if not ask and a == "+" and saw_braces:
                multiple = True
                break
            saw_braces = False
            if "{}" in a:
                saw_braces = True
                brace_arg = a
                brace_count += 1
            end += 1
        if end == start or end >= n:
            raise _Refused(end)
        if multiple:
            suffix = "dir" if name == "-execdir" else ""
            if brace_count > 1:
                raise Fail("Only one instance of {} is supported with -exec%s ... +" % suffix)
            if brace_arg != "{}":
                raise Fail("In %s the %s must appear by itself, but you specified %s"
                           % (quote("-exec%s ... {} +" % suffix), quote("{}"), quote(brace_arg)))
        from applets.findutils.find.execs import Exec
        ex = Exec(state, name, argv[start:end], multiple)
        state.execs.append(ex)
        from applets.findutils.find.optimise import NEEDS_EVENTUAL_EXEC, NEEDS_IMMEDIATE_EXEC
        p = self.primary(name, ex, Meta(name.lstrip("-"), False, False,
                                        cost=NEEDS_EVENTUAL_EXEC if multiple else NEEDS_IMMEDIATE_EXEC),
                         kind="exec", side_effects=True, no_default_print=True)
        p.kind = "execdir" if local else "exec"
        return end + 1

    p_exec = p_execdir = p_ok = p_okdir = _exec


_TYPE_RATES = {"b": 0.000888, "c": 0.000443, "d": 0.0922, "f": 0.875, "l": 0.0311, "p": 7.554e-6,
               "s": 1.59e-5, "D": 1.0e-5}


def _used_fs_type(name):
    """Is there a mounted file system of this type (/proc/self/mountinfo)?"""
    try:
        with open("/proc/self/mountinfo", "rb") as f:
            data = f.read()
    except OSError:
        return True
    want = _b(name)
    for line in data.split(b"\n"):
        fields = line.split(b" - ", 1)
        if len(fields) == 2 and fields[1].split(b" ", 1)[0] == want:
            return True
    return False


def _fstype_rate(name):
    try:
        from multicall.walk import fs_type
        return 0.7 if fs_type(os.stat("/").st_dev) == name else 0.3
    except OSError:
        return 1.0


def _printf_meta(fmt):
    """-printf's cost as GNU's make_segment computes it."""
    from applets.findutils.find import optimise as O
    cost = O.NEEDS_NOTHING
    need_stat = need_type = need_inum = False
    for seg in fmt.segments:
        if seg[0] != 2:
            continue
        ch = seg[1]
        c = O.NEEDS_NOTHING
        if ch == "l":
            need_stat, c = True, O.NEEDS_LINKNAME
        elif ch == "y":
            need_type, c = True, O.NEEDS_TYPE
        elif ch == "i":
            need_inum, c = True, O.NEEDS_INODE
        elif ch == "Y":
            need_stat, c = True, O.NEEDS_TYPE
        elif ch == "Z":
            c = O.NEEDS_ACCESS
        elif ch in "aABcCFgMstTuSGUbDknm":
            need_stat, c = True, O.NEEDS_STAT
        cost = max(cost, c)
    return O.Meta("fprintf", need_stat, need_type, need_inum, cost=cost)


class _Refused(Exception):
    """A predicate parser refusing its arguments, GNU's `return false`
    with *arg_ptr at `index`: `invalid argument` if there is an argument
    there, else `missing argument`."""

    def __init__(self, index):
        Exception.__init__(self, index)
        self.index = index


def _true(e):
    return True


def _false(e):
    return False


def check_path_safety(action):
    path = posix.environ.get(b"PATH")
    if path is None:
        return
    for part in path.split(b":"):
        if part in (b"", b"."):
            raise Fail("The current directory is included in the PATH environment variable, which is "
                       "insecure in combination with the %s action of find.  Please remove the current "
                       "directory from your $PATH (that is, remove \".\", doubled colons, or leading or "
                       "trailing colons)" % action)
        if part[:1] != b"/":
            raise Fail("The relative path %s is included in the PATH environment variable, which is "
                       "insecure in combination with the %s action of find.  Please remove that entry "
                       "from $PATH" % (quote(part), action))


_TABLE = {
    "!": ("punct", "p_not"), "not": ("punct", "p_not"), "(": ("punct", "p_open"),
    ")": ("punct", "p_close"), ",": ("punct", "p_comma"), "a": ("punct", "p_and"),
    "and": ("punct", "p_and"), "o": ("punct", "p_or"), "or": ("punct", "p_or"),
    "amin": ("test", "p_amin"), "anewer": ("test", "p_anewer"), "atime": ("test", "p_atime"),
    "cmin": ("test", "p_cmin"), "cnewer": ("test", "p_cnewer"), "ctime": ("test", "p_ctime"),
    "context": ("test", "p_context"), "daystart": ("posopt", "p_daystart"),
    "delete": ("action", "p_delete"), "d": ("option", "p_d"), "depth": ("option", "p_depth"),
    "empty": ("test", "p_empty"), "exec": ("action", "p_exec"), "executable": ("test", "p_executable"),
    "execdir": ("action", "p_execdir"), "files0-from": ("option", "p_files0_from"),
    "fls": ("action", "p_fls"), "follow": ("posopt", "p_follow"), "fprint": ("action", "p_fprint"),
    "fprint0": ("action", "p_fprint0"), "fprintf": ("action", "p_fprintf"),
    "fstype": ("test", "p_fstype"), "gid": ("test", "p_gid"), "group": ("test", "p_group"),
    "ignore_readdir_race": ("option", "p_ignore_race"), "ilname": ("test", "p_ilname"),
    "iname": ("test", "p_iname"), "inum": ("test", "p_inum"), "ipath": ("test", "p_ipath"),
    "iregex": ("test", "p_iregex"), "iwholename": ("test", "p_iwholename"),
    "links": ("test", "p_links"), "lname": ("test", "p_lname"), "ls": ("action", "p_ls"),
    "maxdepth": ("option", "p_maxdepth"), "mindepth": ("option", "p_mindepth"),
    "mmin": ("test", "p_mmin"), "mount": ("option", "p_xdev"), "mtime": ("test", "p_mtime"),
    "name": ("test", "p_name"), "newer": ("test", "p_newer"), "noleaf": ("option", "p_noleaf"),
    "nogroup": ("test", "p_nogroup"), "nouser": ("test", "p_nouser"),
    "noignore_readdir_race": ("option", "p_noignore_race"), "nowarn": ("posopt", "p_nowarn"),
    "warn": ("posopt", "p_warn"), "ok": ("action", "p_ok"), "okdir": ("action", "p_okdir"),
    "path": ("test", "p_path"), "perm": ("test", "p_perm"), "print": ("action", "p_print"),
    "print0": ("action", "p_print0"), "printf": ("action", "p_printf"), "prune": ("action", "p_prune"),
    "quit": ("action", "p_quit"), "readable": ("test", "p_readable"), "regex": ("test", "p_regex"),
    "regextype": ("posopt", "p_regextype"), "samefile": ("test", "p_samefile"),
    "size": ("test", "p_size"), "type": ("test", "p_type"), "uid": ("test", "p_uid"),
    "used": ("test", "p_used"), "user": ("test", "p_user"), "wholename": ("test", "p_wholename"),
    "writable": ("test", "p_writable"), "xdev": ("option", "p_xdev"), "xtype": ("test", "p_xtype"),
    "false": ("test", "p_false"), "true": ("test", "p_true"), "help": ("test", "p_help"),
    "-help": ("test", "p_help"), "version": ("test", "p_version"), "-version": ("test", "p_version"),
}


# -- the tree (GNU's tree.c) ------------------------------------------------------

def get_expr(preds, pos, prev_prec, prev_pred):
    if pos[0] >= len(preds):
        raise Fail("invalid expression")
    this = preds[pos[0]]
    t = this.type
    if t == BI_OP:
        raise Fail("invalid expression; you have used a binary operator '%s' with nothing before it."
                   % this.name)
    if t == CLOSE_PAREN:
        if prev_pred is None:
            raise Fail("invalid expression: expected expression before closing parentheses '%s'." % this.name)
        if prev_pred.type in (UNI_OP, BI_OP) and not this.artificial:
            raise Fail("expected an expression between '%s' and ')'" % prev_pred.name)
        if this.artificial:
            raise Fail("expected an expression after '%s'" % prev_pred.name)
        raise Fail("invalid expression; you have too many ')'")
    if t == PRIMARY:
        node = this
        pos[0] += 1
    elif t == UNI_OP:
        node = this
        pos[0] += 1
        node.right = get_expr(preds, pos, NEGATE_PREC, node)
    else:  # OPEN_PAREN
        nxt = preds[pos[0] + 1] if pos[0] + 1 < len(preds) else None
        if nxt is None or nxt.artificial:
            raise Fail("invalid expression; expected to find a ')' but didn't see one. Perhaps you need an "
                       "extra predicate after '%s'" % this.name)
        prev_pred = this
        pos[0] += 1
        if preds[pos[0]].type == CLOSE_PAREN:
            raise Fail("invalid expression; empty parentheses are not allowed.")
        node = get_expr(preds, pos, NO_PREC, prev_pred)
        if pos[0] >= len(preds) or preds[pos[0]].type != CLOSE_PAREN:
            raise Fail("invalid expression; I was expecting to find a ')' somewhere but did not see one.")
        pos[0] += 1
    if pos[0] >= len(preds):
        return node
    if prev_prec < preds[pos[0]].prec:
        node = scan_rest(preds, pos, node, prev_prec)
    return node


def scan_rest(preds, pos, head, prev_prec):
    if pos[0] >= len(preds) or preds[pos[0]].type == CLOSE_PAREN:
        return None
    tree = head
    while pos[0] < len(preds) and preds[pos[0]].prec > prev_prec:
        p = preds[pos[0]]
        if p.type in (PRIMARY, UNI_OP, OPEN_PAREN):
            raise Fail("invalid expression")
        if p.type == BI_OP:
            p.left = tree
            tree = p
            pos[0] += 1
            tree.right = get_expr(preds, pos, tree.prec, p)
        elif p.type == CLOSE_PAREN:
            return tree
    return tree


def compile_tree(node):
    """Nested closures for the tree; chains of one operator become loops."""
    if node.type == PRIMARY:
        return node.func
    if node.type == UNI_OP:
        f = compile_tree(node.right)
        return lambda e: not f(e)
    if node.left is None:  # the bottom of a normalised chain: just its operand
        return compile_tree(node.right)
    kind = node.kind
    operands = []
    stack = [node]
    while stack:
        x = stack.pop()
        if x.type == BI_OP and x.kind == kind:
            stack.append(x.right)
            if x.left is not None:
                stack.append(x.left)
        else:
            operands.append(compile_tree(x))
    if kind == "and":
        if len(operands) == 2:
            a, b = operands
            return lambda e: a(e) and b(e)

        def all_of(e):
            for f in operands:
                if not f(e):
                    return False
            return True
        return all_of
    if kind == "or":
        if len(operands) == 2:
            a, b = operands
            return lambda e: a(e) or b(e)

        def any_of(e):
            for f in operands:
                if f(e):
                    return True
            return False
        return any_of
    last = operands[-1]
    rest = operands[:-1]

    def comma(e):
        for f in rest:
            f(e)
        return last(e)
    return comma
