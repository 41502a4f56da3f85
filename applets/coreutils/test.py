"""test, [: evaluate a conditional expression; the exit status is the answer.

The grammar is GNU coreutils 9.1's: POSIX's rules for 0 to 4 arguments
(`test ! a = b`, `test ( -n x )`), then GNU's precedence (! binds
tightest, then -a, then -o) with parentheses beyond that.  Every term is
evaluated (there is no short circuit), so an error anywhere is reported,
as GNU does.  `-l STRING` stands for STRING's length where an integer is
expected; integers have any size (Python ints) with optional blanks and sign.
`<` and `>` compare strings byte-wise (POSIX.1-2024, BusyBox and every
shell's builtin have them; GNU 9.1 does not).  `[` needs a closing `]`
and honours --help and --version as its only argument; for `test` those
are just non-empty strings.  Exit status: 0 true, 1 false, 2 error.

Fast: nothing is imported beyond the runtime's own small modules; a file
test is one stat().  Safe to run in the shell's process (no state).
"""
import posix

from multicall.errors import Fail, quote
from multicall.options import Spec

TROUBLE = 2

SPEC = Spec("EXPRESSION",
            "  or:  test\n  or:  [ EXPRESSION ]\n  or:  [ ]\n  or:  [ OPTION\n"
            "Exit with the status determined by EXPRESSION.",
            epilog="""\
An omitted EXPRESSION defaults to false.  Otherwise,
EXPRESSION is true or false and sets exit status.  It is one of:

  ( EXPRESSION )               EXPRESSION is true
  ! EXPRESSION                 EXPRESSION is false
  EXPRESSION1 -a EXPRESSION2   both EXPRESSION1 and EXPRESSION2 are true
  EXPRESSION1 -o EXPRESSION2   either EXPRESSION1 or EXPRESSION2 is true

  -n STRING            the length of STRING is nonzero
  STRING               equivalent to -n STRING
  -z STRING            the length of STRING is zero
  STRING1 = STRING2    the strings are equal
  STRING1 != STRING2   the strings are not equal
  STRING1 < STRING2    STRING1 sorts before STRING2 (bytewise)
  STRING1 > STRING2    STRING1 sorts after STRING2 (bytewise)

  INTEGER1 -eq INTEGER2   INTEGER1 is equal to INTEGER2
  INTEGER1 -ge INTEGER2   INTEGER1 is greater than or equal to INTEGER2
  INTEGER1 -gt INTEGER2   INTEGER1 is greater than INTEGER2
  INTEGER1 -le INTEGER2   INTEGER1 is less than or equal to INTEGER2
  INTEGER1 -lt INTEGER2   INTEGER1 is less than INTEGER2
  INTEGER1 -ne INTEGER2   INTEGER1 is not equal to INTEGER2

  FILE1 -ef FILE2   FILE1 and FILE2 have the same device and inode numbers
  FILE1 -nt FILE2   FILE1 is newer (modification date) than FILE2
  FILE1 -ot FILE2   FILE1 is older than FILE2

  -b FILE     FILE exists and is block special
  -c FILE     FILE exists and is character special
  -d FILE     FILE exists and is a directory
  -e FILE     FILE exists
  -f FILE     FILE exists and is a regular file
  -g FILE     FILE exists and is set-group-ID
  -G FILE     FILE exists and is owned by the effective group ID
  -h FILE     FILE exists and is a symbolic link (same as -L)
  -k FILE     FILE exists and has its sticky bit set
  -L FILE     FILE exists and is a symbolic link (same as -h)
  -N FILE     FILE exists and has been modified since it was last read
  -O FILE     FILE exists and is owned by the effective user ID
  -p FILE     FILE exists and is a named pipe
  -r FILE     FILE exists and the user has read access
  -s FILE     FILE exists and has a size greater than zero
  -S FILE     FILE exists and is a socket
  -t FD       file descriptor FD is opened on a terminal
  -u FILE     FILE exists and its set-user-ID bit is set
  -w FILE     FILE exists and the user has write access
  -x FILE     FILE exists and the user has execute (or search) access

Except for -h and -L, all FILE-related tests dereference symbolic links.
Beware that parentheses need to be escaped (e.g., by backslashes) for shells.
INTEGER may also be -l STRING, which evaluates to the length of STRING.

NOTE: Binary -a and -o are inherently ambiguous.  Use 'test EXPR1 && test
EXPR2' or 'test EXPR1 || test EXPR2' instead.

NOTE: [ honors the --help and --version options, but test does not.
test treats each of those as it treats any other nonempty STRING.""")

_BINOPS = frozenset(("=", "!=", "==", "-nt", "-ot", "-ef", "-eq", "-ne", "-lt", "-le", "-gt", "-ge",
                     "<", ">"))
_UNOPS = frozenset("abcdefghknoprstuwxzGLOSN")
_S_IFMT = 0o170000
_KINDS = {"f": 0o100000, "d": 0o040000, "S": 0o140000, "c": 0o020000, "b": 0o060000, "p": 0o010000}
_BITS = {"u": 0o4000, "g": 0o2000, "k": 0o1000}
_BLANK = " \t"
_INT_MAX = (1 << 31) - 1


class _Test:
    """One evaluation: the arguments and the position in them (GNU's pos)."""

    def __init__(self, args):
        self.argv = args
        self.argc = len(args)
        self.pos = 0

    # -- errors and movement ---------------------------------------------------

    def error(self, message):
        raise Fail(message, 2)

    def beyond(self):
        self.error("missing argument after %s" % quote(self.argv[self.argc - 1]))

    def advance(self, need_more):
        self.pos += 1
        if need_more and self.pos >= self.argc:
            self.beyond()

    def unary_advance(self):
        self.advance(True)
        self.pos += 1

    def arg(self, i):
        return self.argv[i] if i < self.argc else None

    # -- the grammar ---------------------------------------------------------

    def posixtest(self, nargs):
        argv, pos = self.argv, self.pos
        if nargs == 1:
            return self.one_argument()
        if nargs == 2:
            return self.two_arguments()
        if nargs == 3:
            return self.three_arguments()
        if nargs == 4:
            if argv[pos] == "!":
                self.advance(True)
                return not self.three_arguments()
            if argv[pos] == "(" and self.arg(pos + 3) == ")":
                self.advance(False)
                value = self.two_arguments()
                self.advance(False)
                return value
        return self.expr()

    def one_argument(self):
        value = self.argv[self.pos] != ""
        self.pos += 1
        return value

    def two_arguments(self):
        a = self.argv[self.pos]
        if a == "!":
            self.advance(False)
            return not self.one_argument()
        if _dash_letter(a):
            if a[1] in _UNOPS:
                return self.unary_operator()
            self.error("%s: unary operator expected" % quote(a))
        self.beyond()

    def three_arguments(self):
        argv, pos = self.argv, self.pos
        if argv[pos + 1] in _BINOPS:
            return self.binary_operator(False)
        if argv[pos] == "!":
            self.advance(True)
            return not self.two_arguments()
        if argv[pos] == "(" and argv[pos + 2] == ")":
            self.advance(False)
            value = self.one_argument()
            self.advance(False)
            return value
        if argv[pos + 1] in ("-a", "-o"):
            return self.expr()
        self.error("%s: binary operator expected" % quote(argv[pos + 1]))

    def expr(self):
        if self.pos >= self.argc:
            self.beyond()
        return self.or_()

    def or_(self):
        value = False
        while True:
            value = self.and_() or value  # every operand is evaluated
            if not (self.pos < self.argc and self.argv[self.pos] == "-o"):
                return value
            self.advance(False)

    def and_(self):
        value = True
        while True:
            value = self.term() and value
            if not (self.pos < self.argc and self.argv[self.pos] == "-a"):
                return value
            self.advance(False)

    def term(self):
        argv, argc = self.argv, self.argc
        negated = False
        while self.pos < argc and argv[self.pos] == "!":
            self.advance(True)
            negated = not negated
        if self.pos >= argc:
            self.beyond()
        a = argv[self.pos]
        if a == "(":
            self.advance(True)
            nargs = 1
            while self.pos + nargs < argc and argv[self.pos + nargs] != ")":
                if nargs == 4:
                    nargs = argc - self.pos
                    break
                nargs += 1
            value = self.posixtest(nargs)
            if self.pos >= argc:
                self.error("%s expected" % quote(")"))
            if argv[self.pos] != ")":
                self.error("%s expected, found %s" % (quote(")"), quote(argv[self.pos])))
            self.advance(False)
        elif argc - self.pos >= 4 and a == "-l" and argv[self.pos + 2] in _BINOPS:
            value = self.binary_operator(True)
        elif argc - self.pos >= 3 and argv[self.pos + 1] in _BINOPS:
            value = self.binary_operator(False)
        elif _dash_letter(a):
            if a[1] in _UNOPS:
                value = self.unary_operator()
            else:
                self.error("%s: unary operator expected" % quote(a))
        else:
            value = a != ""
            self.advance(False)
        return negated != value

    # -- the operators -------------------------------------------------------

    def integer(self, s):
        """GNU's find_int: blanks, one sign, digits, blanks."""
        t = s.strip(_BLANK)
        body = t[1:] if t[:1] in ("+", "-") else t
        if body and body.isascii() and body.isdigit():
            return int(t)
        self.error("invalid integer %s" % quote(s))

    def binary_operator(self, l_is_l):
        argv = self.argv
        if l_is_l:
            self.advance(False)
        op = self.pos + 1
        r_is_l = op < self.argc - 2 and argv[op + 1] == "-l"
        if r_is_l:
            self.advance(False)
        o = argv[op]
        if o in ("-eq", "-ne", "-lt", "-le", "-gt", "-ge"):
            left = len(_b(argv[op - 1])) if l_is_l else self.integer(argv[op - 1])
            right = len(_b(argv[op + 2])) if r_is_l else self.integer(argv[op + 1])
            self.pos += 3
            return {"-eq": left == right, "-ne": left != right, "-lt": left < right,
                    "-le": left <= right, "-gt": left > right, "-ge": left >= right}[o]
        if o in ("-nt", "-ot", "-ef"):
            self.pos += 3
            if l_is_l or r_is_l:
                self.error("%s does not accept -l" % o)
            a = _stat(argv[op - 1])
            b = _stat(argv[op + 1])
            if o == "-ef":
                return a is not None and b is not None and (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)
            if o == "-nt":
                return a is not None and (b is None or a.st_mtime_ns > b.st_mtime_ns)
            return b is not None and (a is None or a.st_mtime_ns < b.st_mtime_ns)
        left, right = argv[self.pos], argv[self.pos + 2]
        self.pos += 3
        if o in ("=", "=="):
            return left == right
        if o == "!=":
            return left != right
        if o == "<":
            return _b(left) < _b(right)
        return _b(left) > _b(right)

    def unary_operator(self):
        argv = self.argv
        op = argv[self.pos][1]
        if op in "ao":
            self.error("%s: unary operator expected" % quote(argv[self.pos]))
        self.unary_advance()
        a = argv[self.pos - 1]
        if op == "n":
            return a != ""
        if op == "z":
            return a == ""
        if op == "t":
            fd = self.integer(a)
            return 0 <= fd <= _INT_MAX and posix.isatty(fd)
        if op in "hL":
            try:
                st = posix.lstat(_b(a))
            except (OSError, ValueError):
                return False
            return st.st_mode & _S_IFMT == 0o120000
        if op in "rwx":
            mode = {"r": posix.R_OK, "w": posix.W_OK, "x": posix.X_OK}[op]
            try:
                return posix.access(_b(a), mode, effective_ids=True)
            except NotImplementedError:
                return posix.access(_b(a), mode)
            except (OSError, ValueError):
                return False
        st = _stat(a)
        if st is None:
            return False
        if op == "e":
            return True
        if op in _KINDS:
            return st.st_mode & _S_IFMT == _KINDS[op]
        if op in _BITS:
            return bool(st.st_mode & _BITS[op])
        if op == "s":
            return st.st_size > 0
        if op == "N":
            return st.st_mtime_ns > st.st_atime_ns
        if op == "O":
            return st.st_uid == posix.geteuid()
        if op == "G":
            return st.st_gid == posix.getegid()
        return False  # not reached: _UNOPS lists only the letters above


def _dash_letter(a):
    """GNU's test for a possible unary operator: `-` and one byte."""
    return len(a) == 2 and a[0] == "-" and (a[1] < "\x80" or "\udc80" <= a[1] <= "\udcff")


def _b(s):
    return s.encode("utf-8", "surrogateescape")


def _stat(name):
    try:
        return posix.stat(_b(name))
    except (OSError, ValueError):
        return None


def evaluate(args):
    """The truth of test's arguments (a list of str); Fail(status 2) for a
    syntax error.  The shell may call this directly."""
    t = _Test(args)
    if not args:
        return False
    value = t.posixtest(t.argc)
    if t.pos != t.argc:
        t.error("extra argument %s" % quote(args[t.pos]))
    return value


def main(argv):
    args = argv[1:]
    if argv[0] == "[":
        if len(args) == 1 and args[0] in ("--help", "--version"):
            # GNU's help names the program `test` in its usage lines.
            SPEC.parse(["test" if args[0] == "--help" else "[", args[0]])
        if not args or args[-1] != "]":
            raise Fail("missing %s" % quote("]"), 2)
        args = args[:-1]
    return 0 if evaluate(args) else 1
