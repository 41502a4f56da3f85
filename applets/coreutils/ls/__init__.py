"""ls, dir, vdir: list directory contents, as GNU coreutils 9.1 does.

dir is `ls -C -b` and vdir is `ls -l -b` (GNU's defaults for those names).
This module holds the option table (the --help text) and main(); the
listing itself is in .core, imported only once the command line is good.

Why it is fast: directories are read with os.scandir on an open
descriptor and entries are lstat'ed through that descriptor (fstatat),
only when the output needs it (names alone need no stat at all, as in
GNU); long lines are built with one bytes %-format per entry from caches
keyed by mode, uid, gid and timestamp, so a 100,000-entry `ls -lR` spends
most of its time in the kernel.

Directories, with -R whole trees, are walked by multicall/walk.py in its
listing mode: the walker hands ls each directory's descriptor, ls lists it
completely (sorted its own way, with widths and `total`) and names the
subdirectories to walk into next, in its order; .core's docstring has the
details.  No Python recursion and no path-length limit.

Every GNU 9.1 option is implemented: --hyperlink writes OSC 8 links to
file://HOST/ABSOLUTE-PATH as GNU does; -Z prints `?` for each context, as
GNU does on a system without SELinux; --time=birth reads statx(2).
"""
from multicall.errors import Fail, Usage
from multicall.options import Spec, opt, argmatch

_WHEN = [("always", "always"), ("yes", "always"), ("force", "always"),
         ("never", "never"), ("no", "never"), ("none", "never"),
         ("auto", "auto"), ("tty", "auto"), ("if-tty", "auto")]
FORMATS = [("verbose", "long"), ("long", "long"), ("commas", "commas"), ("horizontal", "across"),
           ("across", "across"), ("vertical", "vertical"), ("single-column", "single")]
SORTS = [("none", "none"), ("time", "time"), ("size", "size"), ("extension", "extension"),
         ("version", "version"), ("width", "width")]
TIMES = [("atime", "atime"), ("access", "atime"), ("use", "atime"), ("ctime", "ctime"),
         ("status", "ctime"), ("birth", "btime"), ("creation", "btime")]
INDICATORS = [("none", "none"), ("slash", "slash"), ("file-type", "file-type"), ("classify", "classify")]
QUOTING = [(w, w) for w in ("literal", "shell", "shell-always", "shell-escape", "shell-escape-always",
                            "c", "c-maybe", "escape", "locale", "clocale")]


class _BadWord(Fail):
    """An invalid word for an option: GNU's XARGMATCH exits 1, not 2."""


def _table(option, table):
    def convert(v):
        try:
            return argmatch(v, option, table)
        except Usage as e:
            raise _BadWord(e.message, 1) from None
    return convert


SPEC = Spec(
    "[OPTION]... [FILE]...",
    "List information about the FILEs (the current directory by default).\n"
    "Sort entries alphabetically if none of -cftuvSUX nor --sort is specified.\n\n"
    "Mandatory arguments to long options are mandatory for short options too.",
    opt("-a, --all", "do not ignore entries starting with ."),
    opt("-A, --almost-all", "do not list implied . and .."),
    opt("--author", "with -l, print the author of each file"),
    opt("-b, --escape", "print C-style escapes for nongraphic characters"),
    opt("--block-size=SIZE", "with -l, scale sizes by SIZE when printing them;\n"
        "e.g., '--block-size=M'; see SIZE format below"),
    opt("-B, --ignore-backups", "do not list implied entries ending with ~"),
    opt("-c", "with -lt: sort by, and show, ctime (time of last\n"
        "modification of file status information);\n"
        "with -l: show ctime and sort by name;\n"
        "otherwise: sort by ctime, newest first", dest="c"),
    opt("-C", "list entries by columns", dest="C"),
    opt("--color[=WHEN]", "color the output WHEN; more info below", type=_table("--color", _WHEN),
        const="always"),
    opt("-d, --directory", "list directories themselves, not their contents"),
    opt("-D, --dired", "generate output designed for Emacs' dired mode"),
    opt("-f", "list all entries in directory order", dest="f"),
    opt("-F, --classify[=WHEN]", "append indicator (one of */=>@|) to entries WHEN",
        type=_table("--classify", _WHEN), const="always", dest="classify"),
    opt("-F", None, dest="classify", kind="const", const="always"),
    opt("--file-type", "likewise, except do not append '*'"),
    opt("--format=WORD", "across -x, commas -m, horizontal -x, long -l,\n"
        "single-column -1, verbose -l, vertical -C", type=_table("--format", FORMATS)),
    opt("--full-time", "like -l --time-style=full-iso"),
    opt("-g", "like -l, but do not list owner", dest="g"),
    opt("--group-directories-first", "group directories before files;\n"
        "can be augmented with a --sort option, but any\n"
        "use of --sort=none (-U) disables grouping"),
    opt("-G, --no-group", "in a long listing, don't print group names"),
    opt("-h, --human-readable", "with -l and -s, print sizes like 1K 234M 2G etc."),
    opt("--si", "likewise, but use powers of 1000 not 1024"),
    opt("-H, --dereference-command-line", "follow symbolic links listed on the command line"),
    opt("--dereference-command-line-symlink-to-dir", "follow each command line symbolic link\n"
        "that points to a directory"),
    opt("--hide=PATTERN", "do not list implied entries matching shell PATTERN\n"
        "(overridden by -a or -A)", kind="list"),
    opt("--hyperlink[=WHEN]", "hyperlink file names WHEN", type=_table("--hyperlink", _WHEN),
        const="always"),
    opt("--indicator-style=WORD", "append indicator with style WORD to entry names:\n"
        "none (default), slash (-p),\nfile-type (--file-type), classify (-F)",
        type=_table("--indicator-style", INDICATORS)),
    opt("-i, --inode", "print the index number of each file"),
    opt("-I, --ignore=PATTERN", "do not list implied entries matching shell PATTERN", kind="list"),
    opt("-k, --kibibytes", "default to 1024-byte blocks for file system usage;\n"
        "used only with -s and per directory totals"),
    opt("-l", "use a long listing format", dest="l"),
    opt("-L, --dereference", "when showing file information for a symbolic\n"
        "link, show information for the file the link\nreferences rather than for the link itself"),
    opt("-m", "fill width with a comma separated list of entries", dest="m"),
    opt("-n, --numeric-uid-gid", "like -l, but list numeric user and group IDs"),
    opt("-N, --literal", "print entry names without quoting"),
    opt("-o", "like -l, but do not list group information", dest="o"),
    opt("-p", "append / indicator to directories", dest="p"),
    opt("-q, --hide-control-chars", "print ? instead of nongraphic characters"),
    opt("--show-control-chars", "show nongraphic characters as-is (the default,\n"
        "unless program is 'ls' and output is a terminal)"),
    opt("-Q, --quote-name", "enclose entry names in double quotes"),
    opt("--quoting-style=WORD", "use quoting style WORD for entry names:\n"
        "literal, locale, shell, shell-always,\nshell-escape, shell-escape-always, c, escape\n"
        "(overrides QUOTING_STYLE environment variable)", type=_table("--quoting-style", QUOTING)),
    opt("-r, --reverse", "reverse order while sorting"),
    opt("-R, --recursive", "list subdirectories recursively"),
    opt("-s, --size", "print the allocated size of each file, in blocks"),
    opt("-S", "sort by file size, largest first", dest="S"),
    opt("--sort=WORD", "sort by WORD instead of name: none (-U), size (-S),\n"
        "time (-t), version (-v), extension (-X), width", type=_table("--sort", SORTS)),
    opt("--time=WORD", "change the default of using modification times;\n"
        "  access time (-u): atime, access, use;\n  change time (-c): ctime, status;\n"
        "  birth time: birth, creation;\n"
        "with -l, WORD determines which time to show;\n"
        "with --sort=time, sort by WORD (newest first)", type=_table("--time", TIMES)),
    opt("--time-style=TIME_STYLE", "time/date format with -l; see TIME_STYLE below"),
    opt("-t", "sort by time, newest first; see --time", dest="t"),
    opt("-T, --tabsize=COLS", "assume tab stops at each COLS instead of 8"),
    opt("-u", "with -lt: sort by, and show, access time;\n"
        "with -l: show access time and sort by name;\n"
        "otherwise: sort by access time, newest first", dest="u"),
    opt("-U", "do not sort; list entries in directory order", dest="U"),
    opt("-v", "natural sort of (version) numbers within text", dest="v"),
    opt("-w, --width=COLS", "set output width to COLS.  0 means no limit"),
    opt("-x", "list entries by lines instead of by columns", dest="x"),
    opt("-X", "sort alphabetically by entry extension", dest="X"),
    opt("-Z, --context", "print any security context of each file"),
    opt("--zero", "end each output line with NUL, not newline"),
    opt("-1", "list one file per line", dest="one"),
    epilog="The SIZE argument is an integer and optional unit (example: 10K is 10*1024).\n"
    "Units are K,M,G,T,P,E,Z,Y (powers of 1024) or KB,MB,... (powers of 1000).\n"
    "Binary prefixes can be used, too: KiB=K, MiB=M, and so on.\n\n"
    "The TIME_STYLE argument can be full-iso, long-iso, iso, locale, or +FORMAT.\n"
    "FORMAT is interpreted like in date(1).  If FORMAT is FORMAT1<newline>FORMAT2,\n"
    "then FORMAT1 applies to non-recent files and FORMAT2 to recent files.\n"
    "TIME_STYLE prefixed with 'posix-' takes effect only outside the POSIX locale.\n"
    "Also the TIME_STYLE environment variable sets the default style to use.\n\n"
    "The WHEN argument defaults to 'always' and can also be 'auto' or 'never'.\n\n"
    "Using color to distinguish file types is disabled both by default and\n"
    "with --color=never.  With --color=auto, ls emits color codes only when\n"
    "standard output is connected to a terminal.  The LS_COLORS environment\n"
    "variable can change the settings.  Use the dircolors(1) command to set it.\n\n"
    "Exit status:\n"
    " 0  if OK,\n"
    " 1  if minor problems (e.g., cannot access subdirectory),\n"
    " 2  if serious trouble (e.g., cannot access command-line argument).",
    status=2)

# getopt lists the candidates of an ambiguous abbreviation in the order of
# GNU's long_options table, which is not the --help order.
_GNU_ORDER = ("all", "escape", "directory", "dired", "full-time", "group-directories-first",
              "human-readable", "inode", "kibibytes", "numeric-uid-gid", "no-group",
              "hide-control-chars", "reverse", "size", "width", "almost-all", "ignore-backups",
              "classify", "file-type", "si", "dereference-command-line",
              "dereference-command-line-symlink-to-dir", "hide", "ignore", "indicator-style",
              "dereference", "literal", "quote-name", "quoting-style", "recursive", "format",
              "show-control-chars", "sort", "tabsize", "time", "time-style", "zero", "color",
              "hyperlink", "block-size", "context", "author", "help", "version")
SPEC.longs = {name: SPEC.longs[name] for name in _GNU_ORDER}

TROUBLE = 2


def main(argv):
    try:
        opts = SPEC.parse(argv)
    except _BadWord as e:
        raise Usage(e.message, 1) from None
    from applets.coreutils.ls import core
    return core.run(opts)
