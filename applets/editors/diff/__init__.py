"""diff: compare files line by line, as GNU diffutils 3.8's diff.

The command line is scanned in order (multicall.scan) because GNU's
meaning depends on it: conflicting output styles, the largest context
wins but an obsolete -NUM overrides a plain -c/-u, the first --label is
file 1's.  The comparison itself (analyze.py) is GNU's algorithm step for
step, so that among equally short edit scripts the same one is printed;
compare.py reads and compares two files, output.py, sdiff.py and ifdef.py
print the formats, and tree.py handles operands and directories.

Why it is fast: identical regular files of the same size are recognised
by comparing 1 MiB chunks (never split into lines, never held whole in
memory); otherwise only the region between the identical prefix and
suffix is split, with bytes.split, and every line becomes a small integer
through one dict; the O(ND) search runs on lists of ints and follows long
diagonals by comparing list slices; the -i/-b/-w/-Z/-E normalisation is
done on the whole region with bytes methods.

Exit status: 0 same, 1 different, 2 trouble (TROUBLE).

Options that take a regular expression (-I, -F, -p) compile it with
multicall.regex.compile(pattern, syntax="basic") and call .search() on
each line's bytes (without its newline); if that layer is missing they
are refused with a message, status 2.  -l (--paginate) is refused: it
pipes the output through pr(1).
"""
import posix

from multicall.errors import Exit, Fail, Usage
from multicall.options import Spec, opt

TROUBLE = 2

_FORMAT_HELP = """\
  These format options provide fine-grained control over the output
    of diff, generalizing -D/--ifdef.
  LTYPE is 'old', 'new', or 'unchanged'.  GTYPE is LTYPE or 'changed'.
  GFMT (only) may contain:
    %<  lines from FILE1
    %>  lines from FILE2
    %=  lines common to FILE1 and FILE2
    %[-][WIDTH][.[PREC]]{doxX}LETTER  printf-style spec for LETTER
      LETTERs are as follows for new group, lower case for old group:
        F  first line number
        L  last line number
        N  number of lines = L-F+1
        E  F-1
        M  L+1
    %(A=B?T:E)  if A equals B then T else E
  LFMT (only) may contain:
    %L  contents of line
    %l  contents of line, excluding any trailing newline
    %[-][WIDTH][.[PREC]]{doxX}n  printf-style spec for input line number
  Both GFMT and LFMT may contain:
    %%  %
    %c'C'  the single character C
    %c'\\OOO'  the character with octal code OOO
    C    the character C (other characters represent themselves)

FILES are 'FILE1 FILE2' or 'DIR1 DIR2' or 'DIR FILE' or 'FILE DIR'.
If --from-file or --to-file is given, there are no restrictions on FILE(s).
If a FILE is '-', read standard input.
Exit status is 0 if inputs are the same, 1 if different, 2 if trouble."""

SPEC = Spec(
    "[OPTION]... FILES", "Compare FILES line by line.",
    opt("--normal", "output a normal diff (the default)"),
    opt("-q, --brief", "report only when files differ"),
    opt("-s, --report-identical-files", "report when two files are the same"),
    opt("-c", None, dest="c"),
    opt("-C NUM", None, dest="C"),
    opt("--context[=NUM]", "output NUM (default 3) lines of copied context (-c, -C NUM)"),
    opt("-u", None, dest="u"),
    opt("-U NUM", None, dest="U"),
    opt("--unified[=NUM]", "output NUM (default 3) lines of unified context (-u, -U NUM)"),
    opt("-e, --ed", "output an ed script"),
    opt("-f, --forward-ed", None),
    opt("-n, --rcs", "output an RCS format diff"),
    opt("-y, --side-by-side", "output in two columns"),
    opt("-W, --width=NUM", "output at most NUM (default 130) print columns"),
    opt("--left-column", "output only the left column of common lines"),
    opt("--suppress-common-lines", "do not output common lines"),
    opt("-p, --show-c-function", "show which C function each change is in"),
    opt("-F, --show-function-line=RE", "show the most recent line matching RE"),
    opt("-L, --label=LABEL", "use LABEL instead of file name and timestamp\n(can be repeated)"),
    opt("-t, --expand-tabs", "expand tabs to spaces in output"),
    opt("-T, --initial-tab", "make tabs line up by prepending a tab"),
    opt("--tabsize=NUM", "tab stops every NUM (default 8) print columns"),
    opt("--suppress-blank-empty", "suppress space or tab before empty output lines"),
    opt("-l, --paginate", "pass output through 'pr' to paginate it (not supported)"),
    opt("-r, --recursive", "recursively compare any subdirectories found"),
    opt("--no-dereference", "don't follow symbolic links"),
    opt("-N, --new-file", "treat absent files as empty"),
    opt("-P, --unidirectional-new-file", "treat absent first files as empty"),
    opt("--ignore-file-name-case", "ignore case when comparing file names"),
    opt("--no-ignore-file-name-case", "consider case when comparing file names"),
    opt("-x, --exclude=PAT", "exclude files that match PAT"),
    opt("-X, --exclude-from=FILE", "exclude files that match any pattern in FILE"),
    opt("-S, --starting-file=FILE", "start with FILE when comparing directories"),
    opt("--from-file=FILE1", "compare FILE1 to all operands;\n  FILE1 can be a directory"),
    opt("--to-file=FILE2", "compare all operands to FILE2;\n  FILE2 can be a directory"),
    opt("-i, --ignore-case", "ignore case differences in file contents"),
    opt("-E, --ignore-tab-expansion", "ignore changes due to tab expansion"),
    opt("-Z, --ignore-trailing-space", "ignore white space at line end"),
    opt("-b, --ignore-space-change", "ignore changes in the amount of white space"),
    opt("-w, --ignore-all-space", "ignore all white space"),
    opt("-B, --ignore-blank-lines", "ignore changes where lines are all blank"),
    opt("-I, --ignore-matching-lines=RE", "ignore changes where all lines match RE"),
    opt("-a, --text", "treat all files as text"),
    opt("--strip-trailing-cr", "strip trailing carriage return on input"),
    opt("--binary", None),
    opt("-D, --ifdef=NAME", "output merged file with '#ifdef NAME' diffs"),
    opt("--old-group-format=GFMT", "format old input groups with GFMT"),
    opt("--new-group-format=GFMT", "format new input groups with GFMT"),
    opt("--unchanged-group-format=GFMT", "format unchanged input groups with GFMT"),
    opt("--changed-group-format=GFMT", "format changed input groups with GFMT"),
    opt("--line-format=LFMT", "format all input lines with LFMT"),
    opt("--old-line-format=LFMT", "format old input lines with LFMT"),
    opt("--new-line-format=LFMT", "format new input lines with LFMT"),
    opt("--unchanged-line-format=LFMT", "format unchanged input lines with LFMT"),
    opt("-d, --minimal", "try hard to find a smaller set of changes"),
    opt("--horizon-lines=NUM", "keep NUM lines of the common prefix and suffix"),
    opt("-H, --speed-large-files", "assume large files and many scattered small changes"),
    opt("--color[=WHEN]", "color output; WHEN is 'never', 'always', or 'auto';\n"
        "  plain --color means --color='auto'"),
    opt("--palette=PALETTE", "the colors to use when --color is active; PALETTE is\n"
        "  a colon-separated list of terminfo capabilities"),
    opt("--inhibit-hunk-merge", None),
    opt("--sdiff-merge-assist", None),
    opt("-h", None, dest="h"),
    *[opt("-%d" % d, None, dest="digit") for d in range(10)],
    opt("--help", "display this help and exit", kind="help"),
    opt("-v, --version", "output version information and exit", kind="version"),
    epilog=_FORMAT_HELP, help=False, version=False, status=TROUBLE)

# getopt_long's table is alphabetical: the order of "possibilities:"
_LONG_ORDER = sorted(SPEC.longs)

# output styles
NORMAL, CONTEXT, UNIFIED, ED, FORWARD_ED, RCS, SDIFF, IFDEF = (
    "normal", "context", "unified", "ed", "forward_ed", "rcs", "sdiff", "ifdef")

_STYLE_OF = {"normal": NORMAL, "c": CONTEXT, "C": CONTEXT, "context": CONTEXT, "u": UNIFIED,
             "U": UNIFIED, "unified": UNIFIED, "ed": ED, "forward_ed": FORWARD_ED,
             "rcs": RCS, "side_by_side": SDIFF}

# indexes of group formats (GNU's enum changes) and line formats
UNCHANGED, OLD, NEW, CHANGED = range(4)
_GROUP_OPTS = {"unchanged_group_format": UNCHANGED, "old_group_format": OLD,
               "new_group_format": NEW, "changed_group_format": CHANGED}
_LINE_OPTS = {"unchanged_line_format": UNCHANGED, "old_line_format": OLD,
              "new_line_format": NEW}

_INTMAX = (1 << 63) - 1

# options that only set a setting: dest -> (attribute, value)
_SWITCHES = {
    "brief": ("brief", True), "report_identical_files": ("report_identical", True),
    "left_column": ("left_column", True), "suppress_common_lines": ("suppress_common", True),
    "expand_tabs": ("expand_tabs", True), "initial_tab": ("initial_tab", True),
    "suppress_blank_empty": ("suppress_blank_empty", True), "recursive": ("recursive", True),
    "no_dereference": ("no_dereference", True), "new_file": ("new_file", True),
    "unidirectional_new_file": ("unidirectional", True),
    "ignore_file_name_case": ("ignore_file_name_case", True),
    "no_ignore_file_name_case": ("ignore_file_name_case", False),
    "ignore_case": ("ignore_case", True), "ignore_blank_lines": ("ignore_blank", True),
    "text": ("text", True), "strip_trailing_cr": ("strip_cr", True), "minimal": ("minimal", True),
    "speed_large_files": ("heuristic", True), "sdiff_merge_assist": ("merge_assist", True),
}


def usage_error(message):
    """GNU diff's try_help: the message, then the hint, status 2."""
    return Fail("%s\ndiff: Try 'diff --help' for more information." % message, TROUBLE)


def _strtoimax(text):
    """C strtoimax(text, &end, 10): (value, rest of the text); with no
    digits the rest is the whole text."""
    i = 0
    n = len(text)
    while i < n and text[i] in " \t\n\v\f\r":
        i += 1
    j = i
    if j < n and text[j] in "+-":
        j += 1
    k = j
    while k < n and "0" <= text[k] <= "9":
        k += 1
    if k == j:
        return 0, text
    v = int(text[i:k])
    v = max(-_INTMAX - 1, min(_INTMAX, v))
    return v, text[k:]


class Settings:
    """Everything the command line decided."""

    def __init__(self, prog):
        self.prog = prog
        self.style = None
        self.context = -1
        self.explicit_context = False
        self.ocontext = -1
        self.brief = False
        self.report_identical = False
        self.ignore_case = False
        self.white = 0
        self.ignore_blank = False
        self.ignore_regexps = []
        self.function_regexps = []
        self.text = False
        self.strip_cr = False
        self.minimal = False
        self.heuristic = False
        self.horizon = 0
        self.expand_tabs = False
        self.initial_tab = False
        self.tabsize = 0
        self.suppress_blank_empty = False
        self.labels = [None, None]
        self.recursive = False
        self.new_file = False
        self.unidirectional = False
        self.ignore_file_name_case = False
        self.excludes = []
        self.starting_file = None
        self.from_file = None
        self.to_file = None
        self.no_dereference = False
        self.width = 0
        self.left_column = False
        self.suppress_common = False
        self.merge_assist = False
        self.color = "never"
        self.palette = None
        self.group_format = [None] * 4
        self.line_format = [None] * 3
        self.switch_string = b""
        self.half_width = 0
        self.column2 = 0
        self.show_c_function = False


def _specify_style(s, style):
    if s.style != style:
        if s.style is not None:
            raise usage_error("conflicting output style options")
        s.style = style


def _specify_value(current, value, option):
    if current is not None and current != value:
        raise usage_error("conflicting %s option value '%s'" % (option, value))
    return value


def _specify_formats(s, formats, values, option):
    """Set formats[i] to each (i, value) of an #ifdef-style option."""
    _specify_style(s, IFDEF)
    for i, value in values:
        formats[i] = _specify_value(formats[i], value, option)


def _regex(shown, pattern):
    """Compile a basic regular expression (GNU: `diff: PATTERN: message`
    for a bad one) through multicall.regex; without that layer the
    option is refused."""
    try:
        from multicall import regex
    except ImportError:
        raise Fail("option %s needs regular expressions, not supported yet" % shown, TROUBLE) from None
    try:
        return regex.compile(pattern.encode("utf-8", "surrogateescape"), syntax="basic")
    except regex.RegexError as e:
        raise Fail("%s: %s" % (pattern, e.message), TROUBLE) from None


def _context_value(text):
    v, rest = _strtoimax(text)
    if rest or v < 0:
        raise usage_error("invalid context length '%s'" % text)
    return min(v, _INTMAX // 4)


def _ifdef_formats(name):
    return ["%=",
            "#ifndef %s\n%%<#endif /* ! %s */\n" % (name, name),
            "#ifdef %s\n%%>#endif /* %s */\n" % (name, name),
            "#ifndef %s\n%%<#else /* %s */\n%%>#endif /* %s */\n" % (name, name, name)]


def _apply(s, ev, prev):
    """Apply one scanned option to the settings, as GNU's main loop does."""
    o = ev.opt
    dest = o.dest
    val = ev.value
    if o.kind == "help":
        from multicall.stdio import stdout
        stdout().write(SPEC.help_text(s.prog).encode("utf-8", "surrogateescape"))
        raise Exit(0)
    if o.kind == "version":
        from multicall import VERSION
        from multicall.stdio import stdout
        stdout().write(("%s (pybox) %s\n" % (s.prog, VERSION)).encode())
        raise Exit(0)
    if dest == "digit":
        c = ev.shown[1]
        if prev is None or not prev.isdigit():
            s.ocontext = int(c)
        else:
            s.ocontext = min(_INTMAX, s.ocontext * 10 + int(c))
        return
    if dest in _STYLE_OF:
        _specify_style(s, _STYLE_OF[dest])
        if dest in ("c", "u"):
            s.context = max(s.context, 3)
        elif dest in ("C", "U", "context", "unified"):
            n = 3 if val is None else _context_value(val)
            s.context = max(s.context, n)
            s.explicit_context = True
        return
    if dest in _SWITCHES:
        setattr(s, *_SWITCHES[dest])
    elif dest in ("width", "tabsize"):
        v, rest = _strtoimax(val)
        if v <= 0 or rest:
            raise usage_error("invalid %s '%s'" % (dest, val))
        if getattr(s, dest) != v:
            if getattr(s, dest):
                raise Fail("conflicting %s options" % dest, TROUBLE)
            setattr(s, dest, v)
    elif dest == "show_c_function":
        s.function_regexps.append(_regex(ev.shown, "^[[:alpha:]$_]"))
        s.show_c_function = True
    elif dest == "show_function_line":
        s.function_regexps.append(_regex(ev.shown, val))
    elif dest == "ignore_matching_lines":
        s.ignore_regexps.append(_regex(ev.shown, val))
    elif dest == "label":
        if s.labels[1] is not None:
            raise Fail("too many file label options", TROUBLE)
        s.labels[s.labels[0] is not None] = val
    elif dest == "paginate":
        raise Fail("option %s is not supported: paginating needs pr" % ev.shown, TROUBLE)
    elif dest == "exclude":
        s.excludes.append((val, s.ignore_file_name_case))
    elif dest == "exclude_from":
        from applets.editors.diff.tree import read_patterns
        for p in read_patterns(val):
            s.excludes.append((p, s.ignore_file_name_case))
    elif dest == "starting_file":
        s.starting_file = _specify_value(s.starting_file, val, "-S")
    elif dest == "from_file":
        s.from_file = _specify_value(s.from_file, val, "--from-file")
    elif dest == "to_file":
        s.to_file = _specify_value(s.to_file, val, "--to-file")
    elif dest == "ignore_tab_expansion":
        if s.white < 4:
            s.white |= 1
    elif dest == "ignore_trailing_space":
        if s.white < 4:
            s.white |= 2
    elif dest == "ignore_space_change":
        if s.white < 4:
            s.white = 4
    elif dest == "ignore_all_space":
        s.white = 5
    elif dest == "ifdef":
        _specify_formats(s, s.group_format, enumerate(_ifdef_formats(val)), "-D")
    elif dest in _GROUP_OPTS:
        _specify_formats(s, s.group_format, [(_GROUP_OPTS[dest], val)], "--" + o.longs[0])
    elif dest == "line_format":
        _specify_formats(s, s.line_format, [(i, val) for i in range(3)], "--line-format")
    elif dest in _LINE_OPTS:
        _specify_formats(s, s.line_format, [(_LINE_OPTS[dest], val)], "--" + o.longs[0])
    elif dest == "horizon_lines":
        v, rest = _strtoimax(val)
        if v < 0 or rest or not val:
            raise usage_error("invalid horizon length '%s'" % val)
        s.horizon = min(v, _INTMAX // 4)
    elif dest == "color":
        if val is None:
            val = "auto"
        if val not in ("never", "always", "auto"):
            raise usage_error("invalid color '%s'" % val)
        s.color = val
    elif dest == "palette":
        s.palette = val
    # --binary, -h and --inhibit-hunk-merge change nothing (as in GNU 3.8)


def _shell_quote(arg):
    """gnulib's shell_quote: bare when safe, else in single quotes."""
    safe = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789%+,-./:=@^_"
    if arg and all(c in safe for c in arg):
        return arg
    return "'" + arg.replace("'", "'\\''") + "'"


def parse(argv):
    """Scan argv in order into Settings and the operands."""
    from multicall.scan import ARG, DASHDASH, Scanner

    s = Settings(argv[0])
    sc = Scanner(SPEC, argv, order=_LONG_ORDER, status=TROUBLE)
    operands = []
    switches = []
    prev = None
    posixly = b"POSIXLY_CORRECT" in posix.environ
    try:
        while True:
            before = sc.i
            ev = sc.next()
            if ev is None:
                break
            if ev.kind == ARG:
                operands.append(ev.value)
                if posixly:
                    while sc.i < len(sc.args):
                        operands.append(sc.take())
                    break
                continue
            # the raw elements this option consumed go into the header's
            # copy of the command line (getopt moves them to the front)
            switches.extend(sc.args[before:sc.i])
            if ev.kind == DASHDASH:
                operands.extend(sc.args[sc.i:])
                break
            _apply(s, ev, prev)
            prev = ev.shown[1] if len(ev.shown) == 2 else None
    except Usage as e:
        raise usage_error(e.message) from None
    s.switch_string = "".join(" " + _shell_quote(a) for a in switches).encode("utf-8", "surrogateescape")
    return s, operands


def _finish(s):
    """GNU main's work after the options: defaults and derived values."""
    if s.style is None:
        if s.show_c_function:  # -p alone means -c
            s.style = CONTEXT
            s.context = max(s.context, 3)
        else:
            s.style = NORMAL
    if not s.tabsize:
        s.tabsize = 8
    if not s.width:
        s.width = 130
    if s.style == SDIFF:
        t = 1 if s.expand_tabs else s.tabsize
        w = s.width
        off = (w + t + 3) // (2 * t) * t
        s.half_width = max(0, min(off - 3, w - off))
        s.column2 = off if s.half_width else w
    if s.style == IFDEF:
        lf = s.line_format
        for i in range(3):
            if lf[i] is None:
                lf[i] = "%l\n"
        gf = s.group_format
        if gf[OLD] is None:
            gf[OLD] = gf[CHANGED] if gf[CHANGED] is not None else "%<"
        if gf[NEW] is None:
            gf[NEW] = gf[CHANGED] if gf[CHANGED] is not None else "%>"
        if gf[UNCHANGED] is None:
            gf[UNCHANGED] = "%="
        if gf[CHANGED] is None:
            gf[CHANGED] = gf[OLD] + gf[NEW]
        s.group_format = [f.encode("utf-8", "surrogateescape") for f in gf]
        s.line_format = [f.encode("utf-8", "surrogateescape") for f in lf]
    if s.ocontext >= 0 and s.style in (CONTEXT, UNIFIED) and (
            s.context < s.ocontext or (s.ocontext < s.context and not s.explicit_context)):
        s.context = s.ocontext
    if s.context < 0:
        s.context = 0
    s.horizon = max(s.horizon, s.context)
    if s.style == IFDEF:
        gf, lf = s.group_format, s.line_format
        s.no_diff_no_output = not gf[UNCHANGED] or (gf[UNCHANGED] == b"%=" and not lf[UNCHANGED])
    else:
        s.no_diff_no_output = s.style != SDIFF or s.suppress_common
    s.treat_as_binary = s.brief and not (s.ignore_blank or s.ignore_case or s.strip_cr
                                         or s.ignore_regexps or s.white)
    s.robust = s.style not in (ED, FORWARD_ED)
    if s.color == "auto":
        term = posix.environ.get(b"TERM")
        s.color = "always" if term != b"dumb" and posix.isatty(1) else "never"


def main(argv):
    from multicall.errors import WriteError
    from multicall.stdio import flush_stdout
    try:
        status = _main(argv)
        flush_stdout()
    except WriteError as e:
        raise Fail("standard output: %s" % e.strerror, TROUBLE) from None  # GNU's words
    return status


def _main(argv):
    s, operands = parse(argv)
    _finish(s)
    from applets.editors.diff import tree
    from applets.editors.diff.output import Printer
    pr = Printer(s)
    if s.color == "always":
        pr.set_palette(s.palette)
    run = tree.Run(s, pr)
    if s.from_file is not None:
        if s.to_file is not None:
            raise Fail("--from-file and --to-file both specified", TROUBLE)
        status = 0
        for name in operands:
            status = max(status, run.compare(None, s.from_file, name))
        return status
    if s.to_file is not None:
        status = 0
        for name in operands:
            status = max(status, run.compare(None, name, s.to_file))
        return status
    if len(operands) != 2:
        if len(operands) < 2:
            # GNU names argv[argc - 1] after getopt moved options first
            last = operands[-1] if operands else argv[-1]
            raise usage_error("missing operand after '%s'" % last)
        raise usage_error("extra operand '%s'" % operands[2])
    return run.compare(None, operands[0], operands[1])
