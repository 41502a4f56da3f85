"""find: search for files in a directory hierarchy (GNU findutils 4.9).

    find [-H] [-L] [-P] [-D debugopts] [-Olevel] [starting-point...] [expression]

The walk is multicall.walk (iterative, descriptor-relative, no path-length
or depth limit; see its docstring).  The command line is parsed as GNU's
parser.c does, so the same input gives the same errors and warnings; the
expression becomes nested closures over the walker's entries.

Why it is fast: tests that need only the name (-name, -path, -regex, and
-type when the directory says the type) never stat; the rest stat once
per file, lazily.  `-name` patterns of literals and `*` are matched with
bytes methods, without `re`.  Output goes through one 128 KiB buffer.

Modules: cli (command line and expression tree), optimise (GNU 4.9's
reordering of tests, reproduced because it shows: see its docstring),
preds (tests and simple actions), printf (-printf and -ls), execs (-exec
and friends), pattern (fnmatch), modes (-perm's mode syntax), dates
(-newerXt), state (options, errors, look-ups), run (outputs and the walk).

Known differences from GNU find 4.9: the help and version texts are
pybox's; -D with a real flag is refused; -ok/-okdir give the command
/dev/null as standard input (GNU 4.9 means to, but closes it instead);
-inum and %i stat the file where GNU may use the directory's d_ino;
date strings for -newerXt are a subset of gnulib's parse_datetime (the
forms listed in multicall/dates.py); %Z reads the security.selinux attribute
directly.

Refused: -D with a real debug flag (`-D help` works; unknown flags are
warned about and ignored, as in GNU).  Like the GNU find installed here,
-newerXY with B (birth time) is refused and %B prints nothing; -context
needs SELinux.
"""
from multicall.options import Spec, opt

SPEC = Spec(
    "[-H] [-L] [-P] [-Olevel] [-D debugopts] [path...] [expression]",
    "Search the directory trees at each path (default: the current directory)\n"
    "and evaluate the expression (default: -print) for each file found.\n\n"
    "Operators (decreasing precedence; -and is implicit where no others are given):\n"
    "      ( EXPR )   ! EXPR   -not EXPR   EXPR1 -a EXPR2   EXPR1 -and EXPR2\n"
    "      EXPR1 -o EXPR2   EXPR1 -or EXPR2   EXPR1 , EXPR2\n\n"
    "Positional options (always true):\n"
    "      -daystart -follow -nowarn -regextype -warn\n\n"
    "Normal options (always true, specified before other expressions):\n"
    "      -depth -files0-from FILE -maxdepth LEVELS -mindepth LEVELS\n"
    "       -mount -noleaf -xdev -ignore_readdir_race -noignore_readdir_race\n\n"
    "Tests (N can be +N or -N or N):\n"
    "      -amin N -anewer FILE -atime N -cmin N -cnewer FILE -context CONTEXT\n"
    "      -ctime N -empty -false -fstype TYPE -gid N -group NAME -ilname PATTERN\n"
    "      -iname PATTERN -inum N -iwholename PATTERN -iregex PATTERN\n"
    "      -links N -lname PATTERN -mmin N -mtime N -name PATTERN -newer FILE\n"
    "      -nouser -nogroup -path PATTERN -perm [-/]MODE -regex PATTERN\n"
    "      -readable -writable -executable\n"
    "      -wholename PATTERN -size N[bcwkMG] -true -type [bcdpflsD] -uid N\n"
    "      -used N -user NAME -xtype [bcdpfls]\n\n"
    "Actions:\n"
    "      -delete -print0 -printf FORMAT -fprintf FILE FORMAT -print\n"
    "      -fprint0 FILE -fprint FILE -ls -fls FILE -prune -quit\n"
    "      -exec COMMAND ; -exec COMMAND {} + -ok COMMAND ;\n"
    "      -execdir COMMAND ; -execdir COMMAND {} + -okdir COMMAND ;\n\n"
    "Leading options:",
    opt("-H", "follow symbolic links named on the command line only"),
    opt("-L", "follow all symbolic links"),
    opt("-P", "never follow symbolic links (the default)"),
    opt("-D debugopts", "'-D help' lists the debug flags (which this find does not support)"),
    opt("-O[level]", "optimisation level 0-3 (default 2): the order tests run in,\n"
        "  as GNU find reorders them"),
)


def main(argv):
    from applets.findutils.find.run import find
    return find(argv)
