"""patch: apply a diff file to an original, as GNU patch 2.7.6 does.

Reads unified, context (old and new style) and normal diffs, detected from
the text or forced with -u/-c/-n, with git's extended headers (renames,
copies, creations, deletions, modes), several files in one patch and the
leading and trailing text that mail and web pages wrap around them.  Hunks
are found the way GNU finds them: at the expected line shifted by the offset
of the hunks before, then searching outward, then with fuzz 1..F (context
lines at the ends ignored).  The messages, the reject files, the backups and
the exit statuses (0 applied, 1 some hunks failed, 2 trouble) are GNU's,
down to a few of its quirks (kept so that results are identical).

Why it is fast: the patch and each target file are read whole and cut into
lines with one bytes.split; a hunk is matched by comparing list slices (and,
when it is not at its expected place, only at the lines equal to its first
compared line, found through a dictionary built once per file); the result
is built from slices of the input list and written once, to a temporary file
in the target's directory that is then renamed over it (never a
half-written file).

Not done: ed scripts (-e, or an ed script found in the input), --merge,
fetching files from RCS/SCCS (-g other than 0) and the debugging flags (-x
other than 0) are refused with a message.
"""
import posix

from multicall.errors import Exit, Fail, Usage, write_stderr
from multicall.options import Spec, opt

TROUBLE = 2

OLD, NEW, INDEX = 0, 1, 2
NO_DIFF, CONTEXT_DIFF, NORMAL_DIFF, ED_DIFF, NEW_CONTEXT_DIFF, UNI_DIFF, GIT_BINARY_DIFF = range(7)
SILENT, NORMAL, VERBOSE = 0, 1, 2

S_IFMT, S_IFREG, S_IFLNK, S_IFDIR = 0o170000, 0o100000, 0o120000, 0o040000
ENOENT = 2

QUOTING_STYLES = ("literal", "shell", "shell-always", "shell-escape", "shell-escape-always",
                  "c", "c-maybe", "escape", "locale", "clocale")
VC_WORDS = (("none", "off"), ("simple", "never"), ("existing", "nil"), ("numbered", "t"))


def _number(what):
    """A type for -p and -F, with GNU's `strip count x is not a number`."""
    def convert(text):
        if text[:1] == "-" and text[1:].isdigit() and text[1:].isascii():
            raise Fail("**** %s %s is negative" % (what, text), 2)
        if not text or not text.isdigit() or not text.isascii():
            raise Fail("**** %s %s is not a number" % (what, text), 2)
        return int(text)
    return convert


def _vc_type(text):
    return version_control(text, "--version-control or -V option")


def _quoting_type(text):
    if text not in QUOTING_STYLES:
        raise Usage("invalid argument %s for 'quoting style'" % _aq(text))
    return text


def _word_type(*words):
    """GNU patch reports a bad --reject-format or --read-only with only its
    `Try ...` line."""
    def convert(text):
        if text not in words:
            raise Usage("")
        return text
    return convert


SPEC = Spec(
    "[OPTION]... [ORIGFILE [PATCHFILE]]",
    "Apply a diff file (a patch) to an original.",
    opt("-p, --strip=NUM", "strip NUM leading components from file names", type=_number("strip count")),
    opt("-F, --fuzz=LINES", "set the fuzz factor to LINES for inexact matching", type=_number("fuzz factor")),
    opt("-l, --ignore-whitespace", "ignore white space changes between patch and input"),
    opt("-c, --context", "interpret the patch as a context difference", dest="format", const=CONTEXT_DIFF),
    opt("-e, --ed", "interpret the patch as an ed script (not supported)", dest="format", const=ED_DIFF),
    opt("-n, --normal", "interpret the patch as a normal difference", dest="format", const=NORMAL_DIFF),
    opt("-u, --unified", "interpret the patch as a unified difference", dest="format", const=UNI_DIFF),
    opt("-N, --forward", "ignore patches that appear to be reversed or already applied"),
    opt("-R, --reverse", "assume patches were created with old and new files swapped"),
    opt("-i, --input=PATCHFILE", "read patch from PATCHFILE instead of stdin"),
    opt("-o, --output=FILE", "output patched files to FILE (- for standard output)"),
    opt("-r, --reject-file=FILE", "output rejects to FILE (- discards them)"),
    opt("-D, --ifdef=NAME", "make merged if-then-else output using NAME"),
    opt("--merge[=STYLE]", "merge using conflict markers (not supported)"),
    opt("-E, --remove-empty-files", "remove output files that are empty after patching"),
    opt("-Z, --set-utc", "set times of patched files, assuming diff uses UTC (GMT)"),
    opt("-T, --set-time", "likewise, assuming local time"),
    opt("--quoting-style=WORD", "output file names using quoting style WORD: literal,\n"
        "shell, shell-always, c, escape (default: $QUOTING_STYLE, or shell)", type=_quoting_type),
    opt("-b, --backup", "back up the original contents of each file"),
    opt("--backup-if-mismatch", "back up if the patch does not match exactly", dest="backup_if_mismatch", const=True),
    opt("--no-backup-if-mismatch", "back up mismatches only if otherwise requested",
        dest="backup_if_mismatch", const=False),
    opt("-V, --version-control=STYLE", "use STYLE version control: simple, numbered or existing",
        type=_vc_type),
    opt("-B, --prefix=PREFIX", "prepend PREFIX to backup file names"),
    opt("-Y, --basename-prefix=PREFIX", "prepend PREFIX to backup file basenames"),
    opt("-z, --suffix=SUFFIX", "append SUFFIX to backup file names"),
    opt("-g, --get=NUM", "get files from RCS or SCCS (only 0, never, is supported)"),
    opt("-t, --batch", "ask no questions; skip bad-Prereq patches; assume reversed"),
    opt("-f, --force", "like -t, but ignore bad-Prereq patches, and assume unreversed"),
    opt("-s, --quiet, --silent", "work silently unless an error occurs", dest="verbosity", const=SILENT),
    opt("--verbose", "output extra information about the work being done", dest="verbosity", const=VERBOSE),
    opt("--dry-run", "do not actually change any files; just print what would happen"),
    opt("--posix", "conform to the POSIX standard"),
    opt("-d, --directory=DIR", "change the working directory to DIR first"),
    opt("--reject-format=FORMAT", "create 'context' or 'unified' rejects",
        type=_word_type("context", "unified")),
    opt("--binary", "read and write data in binary mode (keep CRs in the patch)"),
    opt("--read-only=BEHAVIOR", "how to handle read-only input files: 'ignore' that they\n"
        "are read-only, 'warn' (default), or 'fail'", type=_word_type("ignore", "warn", "fail")),
    opt("--follow-symlinks", "follow symbolic links instead of patching them"),
    opt("-x, --debug=NUM", "debugging flags (only 0 is supported)"),
    opt("-v, --version", "output version information and exit"),
    version=False, status=2)


# -- small helpers --------------------------------------------------------------

def _aq(text):
    """Quote a value as GNU patch's messages do: ASCII quotes in every locale."""
    return "'" + text.replace("'", "'\\''") + "'"


def version_control(text, context):
    """GNU's backup method names (with their synonyms)."""
    words = [w for pair in VC_WORDS for w in pair]
    cands = [w for w in words if w.startswith(text)] if text else []
    if text in words:
        cands = [text]
    kinds = {next(p[0] for p in VC_WORDS if w in p) for w in cands}
    if len(kinds) != 1:
        why = "ambiguous" if cands else "invalid"
        raise Fail("%s argument %s for %s\nValid arguments are:\n%s" % (
            why, _aq(text), _aq(context),
            "\n".join("  - " + ", ".join(_aq(w) for w in pair) for pair in VC_WORDS)), 2)
    return kinds.pop()


def split_lines(data):
    """The lines of `data`, each with its newline (the last may lack one)."""
    if not data:
        return []
    lines = data.split(b"\n")
    last = lines.pop()
    lines = [line + b"\n" for line in lines]
    if last:
        lines.append(last)
    return lines


_SHELL_SPECIAL = frozenset(b" !\"$&'()*;<=>?[\\^`|\t\n")
_C_ESC = {7: b"\\a", 8: b"\\b", 12: b"\\f", 10: b"\\n", 13: b"\\r", 9: b"\\t", 11: b"\\v",
          ord("\\"): b"\\\\"}


def quotearg(name, style):
    """A file name quoted in one of gnulib's quoting styles, as bytes."""
    if isinstance(name, str):
        name = name.encode("utf-8", "surrogateescape")
    if style == "literal":
        return name
    if style in ("c", "c-maybe", "escape", "locale", "clocale"):
        out = []
        for b in name:
            if b in _C_ESC:
                out.append(_C_ESC[b])
            elif b == 0x22 and style != "escape":
                out.append(b'\\"')
            elif 0x20 <= b < 0x7F:
                out.append(bytes((b,)))
            else:
                out.append(b"\\%03o" % b)
        body = b"".join(out)
        if style == "escape" or (style == "c-maybe" and body == name):
            return body
        if style in ("locale", "clocale"):
            return b"'" + body + b"'"
        return b'"' + body + b'"'
    if style in ("shell-escape", "shell-escape-always"):
        from multicall.errors import quotef
        return quotef(name.decode("utf-8", "surrogateescape"),
                      always=style.endswith("always")).encode("utf-8", "surrogateescape")
    needs = style == "shell-always" or not name
    if not needs:
        if name[:1] in (b"#", b"~") or any(b in _SHELL_SPECIAL for b in name):
            needs = True
        elif name in (b"{", b"}"):
            needs = True
    if not needs:
        return name
    if b"'" not in name:
        return b"'" + name + b"'"
    if not any(b in b'"$`\\!' for b in name):
        return b'"' + name + b'"'
    return b"'" + name.replace(b"'", b"'\\''") + b"'"


def strip_leading_slashes(name, strip):
    """GNU's -p: drop `strip` leading components (strip < 0: keep only the
    last one); None when there are not enough of them."""
    n = len(name)
    left = strip
    start = 0
    i = 0
    while i < n:
        if name[i] == 0x2F:
            while i + 1 < n and name[i + 1] == 0x2F:
                i += 1
            if strip < 0:
                start = i + 1
            else:
                left -= 1
                if left >= 0:
                    start = i + 1
        i += 1
    if (strip < 0 or left <= 0) and start < n:
        return name[start:]
    return None


def parse_c_string(s):
    """A git-quoted "file name" at the start of s: (name, rest) or None."""
    if s[:1] != b'"':
        return None
    out = bytearray()
    i = 1
    n = len(s)
    simple = {ord("a"): 7, ord("b"): 8, ord("f"): 12, ord("n"): 10, ord("r"): 13, ord("t"): 9,
              ord("v"): 11, ord("\\"): 92, ord('"'): 34}
    while i < n:
        c = s[i]
        if c == 0x22:
            return bytes(out), s[i + 1:]
        if c == 0x5C:
            i += 1
            if i >= n:
                return None
            c = s[i]
            if c in simple:
                out.append(simple[c])
                i += 1
            elif 0x30 <= c <= 0x33 and i + 2 < n and all(0x30 <= d <= 0x37 for d in s[i + 1:i + 3]):
                out.append(int(s[i:i + 3], 8))
                i += 3
            else:
                return None
        elif c == 0x0A:
            return None
        else:
            out.append(c)
            i += 1
    return None


_SPACE = b" \t\n\v\f\r"
_MONTHS = (b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec")


def _days(y, m, d):
    """Days from 1970-01-01 to y-m-d (proleptic Gregorian)."""
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def parse_time(text, utc):
    """The time in a diff header (after the name): seconds since the epoch
    as (sec, nsec), or None.  Knows diff's two forms, `2020-01-31
    12:00:00.123 +0100` and `Fri Jan 31 12:00:00 2020`; a time without a
    zone is UTC with -Z and local time otherwise."""
    words = text.split()
    if not words:
        return None
    try:
        zone = None
        if b"-" in words[0] and words[0][:1].isdigit():
            y, mo, d = (int(x) for x in words[0].split(b"-"))
            clock = words[1]
            rest = words[2:]
        else:
            if len(words) < 5 or words[1].lower()[:3] not in _MONTHS:
                return None
            mo = _MONTHS.index(words[1].lower()[:3]) + 1
            d = int(words[2])
            clock = words[3]
            y = int(words[4])
            rest = words[5:]
        if rest:
            z = rest[0]
            if len(rest) > 1 or len(z) != 5 or z[:1] not in b"+-" or not z[1:].isdigit():
                return None
            zone = (int(z[1:3]) * 3600 + int(z[3:5]) * 60) * (1 if z[:1] == b"+" else -1)
        hms, _, frac = clock.partition(b".")
        parts = [int(x) for x in hms.split(b":")]
        if len(parts) == 2:
            parts.append(0)
        h, mi, sec = parts
        if not (1 <= mo <= 12 and 1 <= d <= 31 and 0 <= h < 24 and 0 <= mi < 60 and 0 <= sec <= 60):
            return None
        if frac and not frac.isdigit():
            return None
        nsec = int((frac + b"000000000")[:9]) if frac else 0
    except (ValueError, IndexError):
        return None
    t = _days(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec
    if zone is not None:
        return t - zone, nsec
    if utc:
        return t, nsec
    import time
    try:
        return int(time.mktime((y, mo, d, h, mi, sec, 0, 0, -1))), nsec
    except (OverflowError, ValueError):
        return None


def fetchname(at, strip, want_stamp, set_time):
    """A file name from a header line (after `--- ` or `Index:`), as GNU
    reads it: None when the line is to be ignored, else (name, time text,
    stamp, is_devnull).  The name ends at the first blank unless a tab later
    on separates it from the time; `/dev/null` means no file (and the epoch
    as its time)."""
    at = at.lstrip(_SPACE)
    if at[:1] == b'"':
        parsed = parse_c_string(at)
        if parsed is None:
            return None
        name, t = parsed
    else:
        n = len(at)
        stop = n
        for i in range(n):
            if at[i] in _SPACE:
                u = i
                while at[u] != 0x09 and u + 1 < n and at[u + 1] in _SPACE:
                    u += 1
                if at[u] != 0x09 and at.find(b"\t" if want_stamp else b"\n", u + 1) >= 0:
                    continue
                stop = i
                break
        name, t = at[:stop], at[stop:]
    stamp = None
    if name == b"/dev/null":
        return None, None, (0, 0) if want_stamp else None, True
    name = strip_leading_slashes(name, strip)
    if name is None:
        return None
    timestr = t[:-1] if t.endswith(b"\n") else t
    if timestr.endswith(b"\r"):
        timestr = timestr[:-1]
    if t[:1] != b"\n" and t:
        if not want_stamp:
            return None
        stamp = parse_time(t, set_time == "utc")
        if stamp is not None and not set_time and -25 * 3600 < stamp[0] < 26 * 3600:
            stamp = (0, 0)
    return name, timestr, stamp, False


def parse_git_name(s, strip):
    """One name of a `diff --git` line: (name or None, rest) or None."""
    s = s.lstrip(_SPACE)
    if s[:1] == b'"':
        parsed = parse_c_string(s)
        if parsed is None:
            return None
        name, rest = parsed
    else:
        j = 0
        while j < len(s) and s[j] not in _SPACE:
            j += 1
        name, rest = s[:j], s[j:]
    return strip_leading_slashes(name, strip), rest


def fetchmode(s):
    """The octal mode of a git header line, or 0."""
    s = s.strip()
    if len(s) != 6 or any(c not in b"01234567" for c in s):
        return 0
    mode = int(s, 8)
    return mode if mode & S_IFMT in (S_IFREG, S_IFLNK) else 0


def prefix_components(name, checkdirs):
    """How many directories lead to `name` (with checkdirs: how many of the
    leading ones exist)."""
    count = 0
    for i in range(1, len(name)):
        if name[i] == 0x2F and name[i - 1] != 0x2F:
            if checkdirs:
                try:
                    st = posix.stat(name[:i])
                except (OSError, ValueError):
                    break
                if st.st_mode & S_IFMT != S_IFDIR:
                    break
            count += 1
    return count


def base_len(name):
    name = name.rstrip(b"/")
    return len(name) - (name.rfind(b"/") + 1)


def similar(a, b):
    """-l: lines equal up to the amount of blank space (a run of blanks in
    the patch matches any nonempty run; trailing blanks never count)."""
    import re
    sp = re.compile(rb"[ \t]+")
    a = a[:-1] if a.endswith(b"\n") else a
    b = b[:-1] if b.endswith(b"\n") else b
    return sp.split(a.rstrip(b" \t")) == sp.split(b.rstrip(b" \t"))


def _sha1_nonexistent(sha1):
    """2 for git's all-zero id (no file), 1 for the empty blob's."""
    if not sha1.strip(b"0"):
        return 2
    return 1 if b"e69de29bb2d1d6434b8b29ae775ad8c2e48c5391".startswith(sha1) else 0


def _ed_letter(s):
    """The letter of an ed command line (`5,7d`, `3a`, `s/.//`), or ''."""
    i = 0
    n = len(s)
    pair = False
    if s[:1].isdigit():
        while i < n and s[i:i + 1].isdigit():
            i += 1
        if s[i:i + 1] == b",":
            i += 1
            if not s[i:i + 1].isdigit():
                return ""
            while i < n and s[i:i + 1].isdigit():
                i += 1
            pair = True
    letter = s[i:i + 1]
    i += 1
    if letter in (b"a", b"i"):
        if pair:
            return ""
    elif letter in (b"c", b"d"):
        pass
    elif letter == b"s":
        if s[i:i + 4] != b"/.//":
            return ""
        i += 4
    else:
        return ""
    while s[i:i + 1] in (b" ", b"\t"):
        i += 1
    return letter.decode() if s[i:i + 1] == b"\n" else ""


def _is_normal_command(s):
    """A normal diff's command line: `5a6,7`, `3,4d2`, `8c8`."""
    n = len(s)
    if not s[:1].isdigit():
        return False
    i = 1
    while i < n and (s[i:i + 1].isdigit() or s[i:i + 1] == b","):
        i += 1
    if s[i:i + 1] not in (b"a", b"c", b"d"):
        return False
    i += 1
    while i < n and (s[i:i + 1].isdigit() or s[i:i + 1] == b","):
        i += 1
    while s[i:i + 1] in (b" ", b"\t"):
        i += 1
    if s[i:i + 1] == b"\r":
        i += 1
    return s[i:] == b"\n"


def _read_all(fd):
    chunks = []
    while True:
        b = posix.read(fd, 1 << 20)
        if not b:
            return b"".join(chunks)
        chunks.append(b)


def _write_all(fd, data):
    mv = memoryview(data)
    while mv:
        mv = mv[posix.write(fd, mv):]


# -- the patch text -----------------------------------------------------------

class Hunk:
    """One hunk: the old lines (the pattern) and the new lines, each with its
    kind (' ' context, '-' removed, '+' added, '!' changed), the lines where
    they start (GNU's convention: an empty range starts after the line it
    names), the context at each end and the text after `@@ ... @@`."""

    __slots__ = ("first", "old", "okind", "newfirst", "new", "nkind", "prefix", "suffix", "cfunc")

    def swap(self):
        h = Hunk()
        h.first, h.newfirst = self.newfirst, self.first
        h.old, h.new = self.new, self.old
        flip = {"-": "+", "+": "-"}
        h.okind = [flip.get(k, k) for k in self.nkind]
        h.nkind = [flip.get(k, k) for k in self.okind]
        h.prefix, h.suffix, h.cfunc = self.prefix, self.suffix, self.cfunc
        return h


def _bang(okind, nkind):
    """The kinds a context diff shows for a unified hunk: in each run of
    changes between two context lines that both removes and adds lines,
    every line is a change ('!')."""
    okind, nkind = list(okind), list(nkind)
    i = j = 0
    P, R = len(okind), len(nkind)
    while i < P or j < R:
        if i < P and j < R and okind[i] == " " and nkind[j] == " ":
            i += 1
            j += 1
            continue
        i2, j2 = i, j
        while i2 < P and okind[i2] != " ":
            i2 += 1
        while j2 < R and nkind[j2] != " ":
            j2 += 1
        if i2 > i and j2 > j:
            okind[i:i2] = ["!"] * (i2 - i)
            nkind[j:j2] = ["!"] * (j2 - j)
        if i2 == i and j2 == j:
            break
        i, j = i2, j2
    return okind, nkind


def _context_sizes(kinds):
    """Context lines before the first change and after the last one."""
    n = len(kinds)
    i = 0
    while i < n and kinds[i] == " ":
        i += 1
    j = 0
    while j < n and kinds[n - 1 - j] == " ":
        j += 1
    return i, j


class Malformed(Exception):
    """A fatal patch syntax error (the message, as bytes)."""


class PatchText:
    """The patch being read: its lines and where reading is."""

    def __init__(self, data):
        self.lines = split_lines(data)
        self.size = len(data)
        self.pos = 0  # index of the next line to read
        self.base = 0  # where the next search for a header starts
        self.indent = 0
        self.rfc934 = 0
        self.strip_cr = False

    def raw_line(self):
        if self.pos >= len(self.lines):
            return None
        line = self.lines[self.pos]
        self.pos += 1
        return line

    def hunk_line(self):
        """The next line of a hunk: indentation, rfc934 `- ` and (unless
        --binary) a CR before the newline taken off, as GNU does."""
        if self.pos >= len(self.lines):
            return None
        line = self.lines[self.pos]
        self.pos += 1
        if self.indent:
            col = 0
            i = 0
            while i < len(line) and col < self.indent and line[i] in b" \tX":
                col = (col + 8) & ~7 if line[i] == 9 else col + 1
                i += 1
            line = line[i:]
        for _ in range(self.rfc934):
            if line[:2] == b"- ":
                line = line[2:]
        if self.strip_cr and line.endswith(b"\r\n"):
            line = line[:-2] + b"\n"
        if not line.endswith(b"\n"):
            line += b"\n"
        return line

    def lineno(self):
        """The number of the line read last (GNU's p_input_line)."""
        return self.pos

    def hunk_text(self, text):
        """The text of a hunk line, without its newline when a `\\ No
        newline at end of file` line comes next (which is eaten)."""
        if self.pos < len(self.lines) and self.lines[self.pos][:1] == b"\\":
            self.pos += 1
            return text[:-1]
        return text

    def malformed(self, line):
        raise Malformed(b"malformed patch at line %d: %s" % (self.lineno(), line))

    def another_hunk(self, diff_type):
        """Read the next hunk of the current file patch, or None (and stay
        put) when the next line does not start one."""
        start = self.pos
        if diff_type == UNI_DIFF:
            h = self._unified()
        elif diff_type in (CONTEXT_DIFF, NEW_CONTEXT_DIFF):
            h = self._context()
        elif diff_type == NORMAL_DIFF:
            h = self._normal()
        else:
            h = None
        if h is None:
            self.pos = start
        return h

    def _unified(self):
        line = self.hunk_line()
        if line is None or not line.startswith(b"@@ -"):
            return None
        s = line

        def num(i):
            j = i
            while j < len(s) and 0x30 <= s[j] <= 0x39:
                j += 1
            if j == i:
                raise Malformed(b"missing line number at line %d: %s" % (self.lineno(), line))
            return int(s[i:j]), j
        first, i = num(4)
        olen = 1
        if s[i:i + 1] == b",":
            olen, i = num(i + 1)
        if s[i:i + 1] == b" ":
            i += 1
        if s[i:i + 1] != b"+" or i + 1 >= len(s):
            self.malformed(line)
        newfirst, i = num(i + 1)
        nlen = 1
        if s[i:i + 1] == b",":
            nlen, i = num(i + 1)
        if s[i:i + 1] == b" ":
            i += 1
        if s[i:i + 1] != b"@":
            self.malformed(line)
        i += 1
        cfunc = b""
        if s[i:i + 1] == b"@" and s[i + 1:i + 2] == b" ":
            cfunc = s[i + 1:].rstrip(b"\n")
        h = Hunk()
        h.first = first + (olen == 0)
        h.newfirst = newfirst + (nlen == 0)
        h.cfunc = cfunc
        old, okind, new, nkind = [], [], [], []
        seq = []  # the kinds in patch order, for the context sizes
        oleft, nleft = olen, nlen
        while oleft > 0 or nleft > 0:
            line = self.hunk_line()
            if line is None:
                if nleft > 3:
                    raise Malformed(b"unexpected end of file in patch")
                line = b" \n"  # assume blank lines got chopped
                if "-" not in seq and "+" not in seq:
                    self.malformed(line)
            c = line[:1]
            if c == b"-":
                if oleft <= 0:
                    self.malformed(line)
                old.append(self.hunk_text(line[1:]))
                okind.append("-")
                seq.append("-")
                oleft -= 1
            elif c == b"+":
                if nleft <= 0:
                    self.malformed(line)
                new.append(self.hunk_text(line[1:]))
                nkind.append("+")
                seq.append("+")
                nleft -= 1
            elif c in (b" ", b"\t", b"\n"):
                if oleft <= 0 or nleft <= 0:
                    self.malformed(line)
                text = self.hunk_text(line[1:] if c == b" " else line)
                old.append(text)
                okind.append(" ")
                new.append(text)
                nkind.append(" ")
                seq.append(" ")
                oleft -= 1
                nleft -= 1
            else:
                self.malformed(line)
        h.old, h.okind, h.new, h.nkind = old, okind, new, nkind
        if "-" in seq or "+" in seq:
            h.prefix, h.suffix = _context_sizes(seq)
        else:
            h.prefix = h.suffix = len(seq)
        return h

    @staticmethod
    def _range(s, i):
        """`a[,b]` at s[i:]: (first, last or None, end index) or None."""
        j = i
        while j < len(s) and 0x30 <= s[j] <= 0x39:
            j += 1
        if j == i:
            return None
        a = int(s[i:j])
        b = None
        if s[j:j + 1] == b",":
            k = j + 1
            while k < len(s) and 0x30 <= s[k] <= 0x39:
                k += 1
            if k == j + 1:
                return None
            b = int(s[j + 1:k])
            j = k
        return a, b, j

    def _context_range(self, line):
        """The range of a context hunk's `*** a[,b]` or `--- a[,b]` line:
        (first, last or None, number of lines)."""
        r = self._range(line, 4)
        if r is None:
            self.malformed(line)
        first, last, _ = r
        if last is None:
            return first, last, 1 if first else 0
        length = last - first + 1
        if length < 0:
            self.malformed(line)
        return first, last, length

    @staticmethod
    def _is_body(line):
        return line[:1] in (b" ", b"-", b"+", b"!") and line[1:2] in (b" ", b"\t", b"\n") \
            and not line.startswith(b"--- ") or line == b"\n"

    def _context(self):
        line = self.hunk_line()
        if line is None or not line.startswith(b"********"):
            return None
        hunk_beg = self.lineno() + 1
        rest = line.lstrip(b"*").rstrip(b"\n")
        cfunc = rest if rest[:1] == b" " else b""
        line = self.hunk_line()
        if line is None or not line.startswith(b"*** "):
            self.malformed(line or b"")
        ofirst, olast, olen = self._context_range(line)
        old, okind = [], []
        while True:
            line = self.hunk_line()
            if line is None:
                raise Malformed(b"unexpected end of file in patch")
            if line.startswith(b"--- ") or line == b"---\n":
                break
            if not self._is_body(line):
                self.malformed(line)
            c = line[:1]
            if c == b"+":
                self.malformed(line)
            old.append(self.hunk_text(b"\n" if line == b"\n" else line[2:] or b"\n"))
            okind.append(" " if c == b"\n" else c.decode())
        if old and len(old) != olen:
            raise Malformed(b"%s '---' at line %d; check line numbers at line %d"
                            % (b"Premature" if len(old) < olen else b"Overdue", self.lineno(), hunk_beg))
        nfirst, nlast, nlen = self._context_range(line)
        new, nkind = [], []
        while len(new) < nlen:
            save = self.pos
            line = self.hunk_line()
            if line is None or not self._is_body(line):
                self.pos = save
                break
            c = line[:1]
            if c == b"-":
                self.malformed(line)
            new.append(self.hunk_text(b"\n" if line == b"\n" else line[2:] or b"\n"))
            nkind.append(" " if c == b"\n" else c.decode())
        mangled = Malformed(b"replacement text or line numbers mangled in hunk at line %d" % hunk_beg)
        if not old and olen:
            old = [t for t, k in zip(new, nkind) if k == " "][:olen]
            if not old and olast is None:
                olen = 0  # `*** N ****` and only added lines: after line N
                ofirst += 1
            elif len(old) < olen:
                raise mangled
            okind = [" "] * olen
        if not new and nlen:
            new = [t for t, k in zip(old, okind) if k == " "][:nlen]
            if len(new) < nlen:
                if nlast is not None:
                    raise Malformed(b"context mangled in hunk at line %d" % hunk_beg)
                raise mangled
            nkind = [" "] * nlen
        elif len(new) != nlen:
            raise Malformed(b"context mangled in hunk at line %d" % hunk_beg)
        h = Hunk()
        h.first = ofirst if olen or olast is not None else max(ofirst, 1)
        h.newfirst = nfirst if nlen or nlast is not None else max(nfirst, 1)
        h.old, h.okind, h.new, h.nkind, h.cfunc = old, okind, new, nkind, cfunc
        op, osf = _context_sizes(okind) if ("-" in okind or "!" in okind) else (len(old), len(old))
        np_, nsf = _context_sizes(nkind) if ("+" in nkind or "!" in nkind) else (len(new), len(new))
        h.prefix = min(op, np_)
        h.suffix = min(osf, nsf)
        return h

    def _normal(self):
        line = self.hunk_line()
        if line is None:
            return None
        if not 0x30 <= line[0] <= 0x39:
            return None  # the end of this file's hunks
        # a line that starts with a digit is a hunk's command, as in GNU:
        # a number missing in it is fatal (returning None here made the
        # caller find the same line again, for ever), a command letter
        # other than a/c/d counts as c without its `---`, and what follows
        # the second range is ignored
        missing = Malformed(b"missing line number at line %d: %s" % (self.lineno(), line))
        r = self._range(line, 0)
        if r is None:
            raise missing
        a, b, i = r
        cmd = line[i:i + 1]
        r2 = self._range(line, i + 1)
        if r2 is None:
            raise missing
        c, d, _ = r2
        h = Hunk()
        h.prefix = h.suffix = 0
        h.cfunc = b""
        olen = 0 if cmd == b"a" else (b - a + 1 if b is not None else 1)
        nlen = 0 if cmd == b"d" else (d - c + 1 if d is not None else 1)
        h.first = a + 1 if cmd == b"a" else a
        h.newfirst = c + 1 if cmd == b"d" else c
        h.old = self._normal_lines(olen, b"<", None, b"'<' expected")
        if cmd == b"c":
            line = self.hunk_line()
            if line is None:
                raise Malformed(b"unexpected end of file in patch at line %d" % self.lineno())
            if not line.startswith(b"-"):
                raise Malformed(b"'---' expected at line %d of patch" % self.lineno())
        h.new = self._normal_lines(nlen, b">", (b" ", b"\t"), b"'>' followed by space or tab expected")
        h.okind = ["-"] * olen
        h.nkind = ["+"] * nlen
        return h

    def _normal_lines(self, count, mark, after, expected):
        """The texts of the next `count` lines of a normal diff hunk, each
        of which starts with `mark` (and then a byte of `after`, if given)."""
        texts = []
        for _ in range(count):
            line = self.hunk_line()
            if line is None:
                raise Malformed(b"unexpected end of file in patch at line %d" % self.lineno())
            if line[:1] != mark or after is not None and line[1:2] not in after:
                raise Malformed(b"%s at line %d of patch" % (expected, self.lineno()))
            texts.append(self.hunk_text(line[2:]))
        return texts


class Header:
    """What the header of one file patch says."""

    def __init__(self):
        self.name = [None, None, None]
        self.timestr = [None, None]
        self.stamp = [None, None]  # (sec, nsec), or None: no time given
        self.nonexistent = [0, 0]  # 1: the file looks absent, 2: it surely is
        self.git = False
        self.mode = [0, 0]
        self.rename = False
        self.copy = False
        self.revision = None
        self.diff_type = NO_DIFF
        self.start = 0  # index of the first hunk line
        self.file_type = S_IFREG


# -- applying ----------------------------------------------------------------

class Run:
    """One run of patch: the options and everything that lasts from one
    file patch to the next."""

    def __init__(self, opts, env):
        self.opts = opts
        self.posix = bool(opts.posix) or b"POSIXLY_CORRECT" in env
        self.strip = -1 if opts.strip is None else opts.strip
        self.strip_given = opts.strip is not None
        self.maxfuzz = 2 if opts.fuzz is None else opts.fuzz
        self.verbosity = NORMAL if opts.verbosity is None else opts.verbosity
        self.force = opts.force
        self.batch = opts.batch
        self.noreverse = opts.forward
        self.reverse_flag = opts.reverse
        self.dry_run = opts.dry_run
        self.outfile = opts.output
        self.rejname = opts.reject_file
        self.set_time = "utc" if opts.set_utc else ("local" if opts.set_time else None)
        self.diff_type_forced = opts.format if opts.format is not None else NO_DIFF
        self.remove_empty = opts.remove_empty_files
        self.ifdef = None if opts.ifdef is None else opts.ifdef.encode("utf-8", "surrogateescape")
        self.canonicalize_ws = opts.ignore_whitespace
        self.follow_symlinks = opts.follow_symlinks
        self.read_only = opts.read_only or "warn"
        self.reject_format = opts.reject_format
        self.no_strip_cr = opts.binary
        self.make_backups = opts.backup
        bim = opts.backup_if_mismatch
        # --posix does not change it: only POSIXLY_CORRECT does (as in GNU).
        self.backup_if_mismatch = (b"POSIXLY_CORRECT" not in env) if bim is None else bim
        style = opts.quoting_style
        if style is None:
            qs = env.get(b"QUOTING_STYLE")
            qs = qs.decode("utf-8", "surrogateescape") if qs is not None else None
            style = qs if qs in QUOTING_STYLES else "shell"
        self.quoting = style
        self.msg_to_stderr = self.outfile == "-"
        self.somefailed = False
        self.created = set()  # (dev, ino) of the files this run wrote
        self.ttyfd = None
        self.out_fd = None
        self.temps = []
        self.rej_written = False
        self.invalid_names = []
        self.origprae = opts.prefix
        self.origbase = opts.basename_prefix
        self.origsuff = opts.suffix
        sbs = env.get(b"SIMPLE_BACKUP_SUFFIX")
        self.simple_suffix = opts.suffix.encode("utf-8", "surrogateescape") if opts.suffix else (
            sbs if sbs else b".orig")
        self.backup_type = opts.version_control
        if self.backup_type is None:
            vc = env.get(b"PATCH_VERSION_CONTROL", env.get(b"VERSION_CONTROL"))
            if vc:
                self.backup_type = version_control(vc.decode("utf-8", "surrogateescape"), "$VERSION_CONTROL")
            else:
                self.backup_type = "existing"
        if self.backup_type == "none":
            self.backup_type = "simple"

    # -- messages -------------------------------------------------------------

    def say(self, *parts):
        data = b"".join(p if isinstance(p, bytes) else p.encode("utf-8", "surrogateescape") for p in parts)
        if self.msg_to_stderr:
            from multicall.stdio import flush_stdout
            flush_stdout()
            try:
                _write_all(2, data)
            except OSError:
                pass
        else:
            from multicall.stdio import stdout
            stdout().write(data)

    def q(self, name):
        return quotearg(name, self.quoting)

    def fatal(self, msg):
        if isinstance(msg, bytes):
            msg = msg.decode("utf-8", "surrogateescape")
        raise Fail("**** " + msg, 2)

    def pfatal(self, msg, exc):
        if isinstance(msg, bytes):
            msg = msg.decode("utf-8", "surrogateescape")
        raise Fail("**** %s : %s" % (msg, exc.strerror or exc), 2)

    def ask(self, prompt):
        """GNU's ask(): the question goes out, and the answer comes from the
        terminal when standard output is one (or with POSIXLY_CORRECT);
        otherwise the default answer is taken."""
        self.say(prompt)
        from multicall.stdio import flush_stdout
        flush_stdout()
        if self.ttyfd is None:
            self.ttyfd = -1
            if self.posix or posix.isatty(1):
                try:
                    self.ttyfd = posix.open("/dev/tty", posix.O_RDONLY | posix.O_CLOEXEC)
                except OSError:
                    self.ttyfd = -1
        if self.ttyfd < 0:
            self.say("\n")
            return b"\n"
        answer = bytearray()
        while True:
            try:
                c = posix.read(self.ttyfd, 1)
            except OSError:
                c = b""
            if not c:
                if not answer:
                    self.fatal("read error")
                break
            answer += c
            if c == b"\n":
                break
        return bytes(answer)

    def ok_to_reverse(self, message):
        """The question about a patch that looks reversed; True to reverse."""
        r = False
        if self.noreverse or not (self.force and self.verbosity == SILENT):
            self.say(message)
        if self.noreverse:
            self.say("  Skipping patch.\n")
            self.skip = True
        elif self.force:
            if self.verbosity != SILENT:
                self.say("  Applying it anyway.\n")
        elif self.batch:
            self.say("  Ignoring -R.\n" if self.reverse else "  Assuming -R.\n")
            r = True
        else:
            buf = self.ask("  Ignore -R? [n] " if self.reverse else "  Assume -R? [n] ")
            r = buf[:1] == b"y"
            if not r:
                buf = self.ask("Apply anyway? [n] ")
                if buf[:1] != b"y":
                    self.skip_patch()
        return r

    def skip_patch(self):
        """The answer to a question was to skip this file patch."""
        if self.verbosity != SILENT:
            self.say("Skipping patch.\n")
        self.skip = True

    # -- names ------------------------------------------------------------------

    def stat_file(self, name):
        """(errno, stat result or None), following symlinks only when asked."""
        try:
            st = posix.stat(name) if self.follow_symlinks else posix.lstat(name)
        except OSError as e:
            return e.errno or ENOENT, None
        except ValueError:
            return ENOENT, None
        return 0, st

    def name_is_valid(self, name):
        ok = not name.startswith(b"/") and b".." not in name.split(b"/")
        if not ok:
            try:
                ok = posix.getcwd() == "/"
            except OSError:
                ok = False
        if not ok and name not in self.invalid_names:
            self.say(b"Ignoring potentially dangerous file name " + self.q(name) + b"\n")
            self.invalid_names.append(name)
        return ok

    def best_name(self, names, ignore):
        """GNU's choice among the old, new and index names: fewest
        directories, then shortest base name, then shortest name (with its
        running minimums, which can leave no name at all)."""
        comp = [0, 0, 0]
        blen = [0, 0, 0]
        ln = [0, 0, 0]
        cmin = bmin = lmin = 1 << 62
        for i in (OLD, NEW, INDEX):
            if names[i] is not None and not ignore[i]:
                comp[i] = prefix_components(names[i], False)
                if cmin < comp[i]:
                    continue
                cmin = comp[i]
                blen[i] = base_len(names[i])
                if bmin < blen[i]:
                    continue
                bmin = blen[i]
                ln[i] = len(names[i])
                if lmin < ln[i]:
                    continue
                lmin = ln[i]
        for i in (OLD, NEW, INDEX):
            if names[i] is not None and not ignore[i] and comp[i] == cmin and blen[i] == bmin \
                    and ln[i] == lmin and self.name_is_valid(names[i]):
                return i
        return None

    # -- finding the next file patch --------------------------------------------

    def _old_name(self, hdr, at, strip):
        """The name, time and stamp of a `*** ` or `+++ ` header line, for
        the old side (as in GNU, `+++ ` too: intuit swaps them later)."""
        r = fetchname(at, strip, True, self.set_time)
        if r is not None:
            if r[3]:
                hdr.stamp[OLD] = r[2]
            else:
                hdr.name[OLD], hdr.timestr[OLD], hdr.stamp[OLD] = r[0], r[1], r[2]

    def intuit(self, pt, need_header):
        """Scan from pt.base for the next file patch: its kind, its names
        and where its hunks start (GNU's intuit_diff_type); None if there
        is none."""
        hdr = Header()
        self._indent = 0
        self._strip_cr = False
        self._rfc934 = 0
        diff_type = self.diff_type_forced
        if diff_type in (ED_DIFF, NORMAL_DIFF):
            need_header = False
        self.invalid_names = []
        strip = self.strip
        first_command_line = -1
        first_ed_letter = ""
        fcl_indent = 0
        fcl_cr = False
        this_is_a_command = False
        stars_this_line = False
        extended = False
        indent = 0
        this_line = pt.base
        pt.pos = pt.base
        names = hdr.name
        retval = NO_DIFF
        while True:
            previous_line = this_line
            last_was_command = this_is_a_command
            stars_last_line = stars_this_line
            indent_last_line = indent
            this_is_a_command = False
            indent = 0
            this_line = pt.pos
            line = pt.raw_line()
            if line is None:
                if first_ed_letter:
                    hdr.start = first_command_line
                    retval = ED_DIFF
                    break
                hdr.start = this_line
                if extended:
                    retval = UNI_DIFF
                    break
                return None
            strip_cr = line.endswith(b"\r\n")
            if not line.endswith(b"\n"):
                line += b"\n"
            i = 0
            while line[i:i + 1] in (b" ", b"\t", b"X"):
                indent = (indent + 8) & ~7 if line[i] == 9 else indent + 1
                i += 1
            s = line[i:]
            if s[:1].isdigit():
                this_is_a_command = _is_normal_command(s)
            if not need_header and first_command_line < 0:
                letter = _ed_letter(s)
                if letter or this_is_a_command:
                    first_command_line = this_line
                    first_ed_letter = letter
                    fcl_indent = indent
                    fcl_cr = strip_cr
                    self._indent = indent
                    self._strip_cr = strip_cr
            if not stars_last_line and s.startswith(b"*** "):
                self._old_name(hdr, s[4:], strip)
                need_header = False
            elif s.startswith(b"+++ "):
                self._old_name(hdr, s[4:], strip)
                need_header = False
                self._strip_cr = strip_cr
            elif s.startswith(b"Index:"):
                r = fetchname(s[6:], strip, False, self.set_time)
                if r is not None and not r[3]:
                    names[INDEX] = r[0]
                need_header = False
                self._strip_cr = strip_cr
            elif s.startswith(b"Prereq:"):
                words = s[7:].split()
                hdr.revision = words[0] if words else None
                if len(words) > 1:
                    self.say("Prereq: with multiple words at line %d of patch\n" % this_line)
            elif s.startswith(b"diff --git "):
                if extended:
                    hdr.start = this_line
                    retval = UNI_DIFF
                    break
                names[OLD] = names[NEW] = None
                a = parse_git_name(s[11:], strip)
                if a is not None and a[0] is not None and a[1][:1] and a[1][:1] in _SPACE:
                    b = parse_git_name(a[1], strip)
                    if b is not None and b[0] is not None and not b[1].strip(_SPACE):
                        names[OLD], names[NEW] = a[0], b[0]
                hdr.git = True
                need_header = False
            elif hdr.git and s.startswith(b"index "):
                rest = s[6:]
                hexd = b"0123456789abcdefABCDEF"
                j = 0
                while j < len(rest) and rest[j] in hexd:
                    j += 1
                if j and rest[j:j + 2] == b"..":
                    k = j + 2
                    while k < len(rest) and rest[k] in hexd:
                        k += 1
                    if k > j + 2 and (k == len(rest) or rest[k] in _SPACE):
                        hdr.nonexistent[OLD] = _sha1_nonexistent(rest[:j])
                        hdr.nonexistent[NEW] = _sha1_nonexistent(rest[j + 2:k])
                        tail = rest[k:].strip(_SPACE)
                        if tail:
                            hdr.mode[OLD] = hdr.mode[NEW] = fetchmode(tail)
                        extended = True
            elif hdr.git and s.startswith(b"old mode "):
                hdr.mode[OLD] = fetchmode(s[9:])
                extended = True
            elif hdr.git and s.startswith(b"new mode "):
                hdr.mode[NEW] = fetchmode(s[9:])
                extended = True
            elif hdr.git and s.startswith(b"deleted file mode "):
                hdr.mode[OLD] = fetchmode(s[18:])
                hdr.nonexistent[NEW] = 2
                extended = True
            elif hdr.git and s.startswith(b"new file mode "):
                hdr.mode[NEW] = fetchmode(s[14:])
                hdr.nonexistent[OLD] = 2
                extended = True
            elif hdr.git and (s.startswith(b"rename from ") or s.startswith(b"rename to ")):
                hdr.rename = True
                extended = True
            elif hdr.git and (s.startswith(b"copy from ") or s.startswith(b"copy to ")):
                hdr.copy = True
                extended = True
            elif hdr.git and s.startswith(b"GIT binary patch"):
                hdr.start = this_line
                retval = GIT_BINARY_DIFF
                break
            else:
                t = s
                nest = 0
                while t[:2] == b"- ":
                    t = t[2:]
                    nest += 1
                if t.startswith(b"--- "):
                    r = fetchname(t[4:], strip, True, self.set_time)
                    if r is not None:
                        if r[3]:
                            hdr.stamp[NEW] = r[2]
                        else:
                            names[NEW], hdr.timestr[NEW] = r[0], r[1]
                            if r[2] is not None:
                                hdr.stamp[NEW] = r[2]
                                self._rfc934 = nest
                    need_header = False
                    self._strip_cr = strip_cr
            if need_header:
                continue
            if diff_type in (NO_DIFF, ED_DIFF) and first_command_line >= 0 and s == b".\n":
                hdr.start = first_command_line
                retval = ED_DIFF
                break
            if diff_type in (NO_DIFF, UNI_DIFF) and s.startswith(b"@@ -"):
                names[OLD], names[NEW] = names[NEW], names[OLD]
                hdr.timestr[OLD], hdr.timestr[NEW] = hdr.timestr[NEW], hdr.timestr[OLD]
                hdr.stamp[OLD], hdr.stamp[NEW] = hdr.stamp[NEW], hdr.stamp[OLD]
                u = s[4:]
                if u[:1] == b"0" and not u[1:2].isdigit():
                    hdr.nonexistent[OLD] = 1 + (hdr.stamp[OLD] is not None and hdr.stamp[OLD][0] == 0)
                k = 0
                while k < len(u) and u[k:k + 1] not in (b" ", b"\n"):
                    k += 1
                while u[k:k + 1] == b" ":
                    k += 1
                if u[k:k + 2] == b"+0" and not u[k + 2:k + 3].isdigit():
                    hdr.nonexistent[NEW] = 1 + (hdr.stamp[NEW] is not None and hdr.stamp[NEW][0] == 0)
                self._indent = indent
                hdr.start = this_line
                retval = UNI_DIFF
                break
            stars_this_line = s.startswith(b"********")
            if diff_type in (NO_DIFF, CONTEXT_DIFF, NEW_CONTEXT_DIFF) and stars_last_line \
                    and indent_last_line == indent and s.startswith(b"*** "):
                u = s[4:]
                if u[:1] == b"0" and not u[1:2].isdigit():
                    hdr.nonexistent[OLD] = 1 + (hdr.stamp[OLD] is not None and hdr.stamp[OLD][0] == 0)
                self._indent = indent
                self._strip_cr = strip_cr
                hdr.start = previous_line
                retval = NEW_CONTEXT_DIFF if s.rstrip(b"\r\n").endswith(b"*") else CONTEXT_DIFF
                # Peek at the first hunk: does it empty the file out?
                save = (pt.pos, pt.indent, pt.rfc934, pt.strip_cr)
                pt.pos = previous_line
                pt.indent, pt.strip_cr = self._indent, self._strip_cr
                h = pt.another_hunk(retval)
                if h is not None and not h.new and h.newfirst == 1:
                    hdr.nonexistent[NEW] = 1 + (hdr.stamp[NEW] is not None and hdr.stamp[NEW][0] == 0)
                pt.pos, pt.indent, pt.rfc934, pt.strip_cr = save
                break
            if diff_type in (NO_DIFF, NORMAL_DIFF) and last_was_command and \
                    (s.startswith(b"< ") or s.startswith(b"> ")):
                hdr.start = previous_line
                self._indent = indent
                retval = NORMAL_DIFF
                break
        hdr.diff_type = retval
        if retval == ED_DIFF:
            self._indent = fcl_indent
            self._strip_cr = fcl_cr
        ft = hdr.mode[OLD] & S_IFMT
        if ft:
            nft = hdr.mode[NEW] & S_IFMT
            if nft and nft != ft:
                ft = 0
        else:
            ft = hdr.mode[NEW] & S_IFMT or S_IFREG
        hdr.file_type = ft
        return hdr

    def choose_names(self, hdr):
        """Which file to patch, as GNU decides it from the old, new and
        index names (POSIX's order with --posix, the `best' one otherwise),
        asking about patches that create existing files and the like."""
        names = hdr.name
        st = [None, None, None]
        errs = [ENOENT, ENOENT, ENOENT]
        i = None
        self.inerrno = -1
        self.instat = None
        if self.inname is None:
            i0 = None
            if not self.posix and (names[OLD] is not None or names[NEW] is not None) \
                    and names[INDEX] is not None:
                names[INDEX] = None
            found = None
            for k in (OLD, NEW, INDEX):
                if names[k] is None:
                    continue
                if i0 is not None and names[i0] == names[k]:
                    errs[k], st[k] = errs[i0], st[i0]
                else:
                    errs[k], st[k] = self.stat_file(names[k])
                    if not errs[k] and self.posix and self.name_is_valid(names[k]):
                        found = k
                        break
                i0 = k
            if self.posix:
                i = found
            else:
                i = self.best_name(names, errs)
                is_empty = i is None or st[i].st_size == 0
                looks = (not is_empty) < hdr.nonexistent[self.reverse ^ is_empty]
                if looks and is_empty and hdr.git and hdr.nonexistent[self.reverse] == 1:
                    looks = False  # git's index line says the file is empty: it is
                if looks:
                    which = i if i is not None else i0
                    if self.ok_to_reverse(
                            b"The next patch%s would %s the file %s,\nwhich %s!" % (
                                b", when reversed," if self.reverse else b"",
                                b"delete" if i is None else (b"empty out" if st[i].st_size == 0 else b"create"),
                                self.q(names[which]),
                                b"does not exist" if i is None else (
                                    b"is already empty" if st[i].st_size == 0 else b"already exists"))):
                        self.reverse = not self.reverse
                if i is None and hdr.nonexistent[self.reverse]:
                    newdirs = {}
                    for k in (OLD, NEW, INDEX):
                        if names[k] is not None:
                            newdirs[k] = prefix_components(names[k], False) - prefix_components(names[k], True)
                    lo = min(newdirs.values()) if newdirs else 0
                    dist = [newdirs.get(k, 0) - lo for k in (OLD, NEW, INDEX)]
                    i = self.best_name(names, dist)
        if (hdr.rename or hdr.copy) and self.inname is None and not (
                i in (OLD, NEW) and names[int(not self.reverse)] is not None
                and self.name_is_valid(names[int(not self.reverse)])):
            self.say("Cannot %s file without two valid file names\n" % ("rename" if hdr.rename else "copy"))
            self.skip = True
        if i is None:
            if self.inname is not None:
                self.inerrno, self.instat = self.stat_file(self.inname)
                if self.inerrno or (self.instat.st_mode & S_IFMT) == hdr.file_type:
                    self.maybe_reverse(hdr, self.inname, self.inerrno,
                                       self.inerrno or self.instat.st_size == 0)
        else:
            self.inname = names[i]
            self.inerrno, self.instat = errs[i], st[i]

    def maybe_reverse(self, hdr, name, nonexistent, is_empty):
        looks = (not is_empty) < hdr.nonexistent[self.reverse ^ bool(is_empty)]
        if looks and is_empty and hdr.git and hdr.nonexistent[self.reverse] == 1:
            looks = False
        if looks:
            if self.ok_to_reverse(
                    b"The next patch%s would %s the file %s,\nwhich %s!" % (
                        b", when reversed," if self.reverse else b"",
                        b"delete" if nonexistent else (b"empty out" if is_empty else b"create"),
                        self.q(name),
                        b"does not exist" if nonexistent else (
                            b"is already empty" if is_empty else b"already exists"))):
                self.reverse = not self.reverse
        return looks

    def there_is_another_patch(self, pt):
        """Find the next file patch and the file it applies to (asking for
        one as GNU does when the names lead nowhere); None at the end."""
        if pt.base != 0 and pt.base >= len(pt.lines):
            if self.verbosity == VERBOSE:
                self.say("done\n")
            return None
        if self.verbosity == VERBOSE:
            self.say("Hmm...")
        hdr = self.intuit(pt, not (self.inname is not None or self.posix))
        if hdr is None:
            if self.verbosity == VERBOSE:
                self.say("  Ignoring the trailing garbage.\ndone\n" if pt.base
                         else "  I can't seem to find a patch in there anywhere.\n")
            if not pt.base and pt.size:
                self.fatal("Only garbage was found in the patch input.")
            return None
        pt.indent = self._indent
        pt.rfc934 = self._rfc934
        pt.strip_cr = self._strip_cr
        if hdr.diff_type != ED_DIFF:
            self.choose_names(hdr)
        if self.skip:
            pt.pos = hdr.start
            return hdr
        if self.verbosity == VERBOSE:
            self.say("  %sooks like %s to me...\n" % (
                "L" if pt.base == 0 else "The next patch l",
                {UNI_DIFF: "a unified diff", CONTEXT_DIFF: "a context diff",
                 NEW_CONTEXT_DIFF: "a new-style context diff", NORMAL_DIFF: "a normal diff",
                 GIT_BINARY_DIFF: "a git binary diff"}.get(hdr.diff_type, "an ed script")))
        if self.no_strip_cr:
            pt.strip_cr = False
        if self.verbosity != SILENT:
            if pt.indent:
                self.say("(Patch is indented %d space%s.)\n" % (pt.indent, "" if pt.indent == 1 else "s"))
            if pt.strip_cr:
                self.say("(Stripping trailing CRs from patch; use --binary to disable.)\n")
            if self.inname is None:
                self.say("can't find file to patch at input line %d\n" % (hdr.start + 1))
                if hdr.diff_type not in (ED_DIFF, NORMAL_DIFF):
                    self.say("Perhaps you should have used the -p or --strip option?\n" if not self.strip_given
                             else "Perhaps you used the wrong -p or --strip option?\n")
        if (self.verbosity == VERBOSE or self.inname is None) and pt.base < hdr.start:
            self.say("The text leading up to this was:\n--------------------------\n")
            self.say(b"".join(b"|" + line for line in pt.lines[pt.base:hdr.start]))
            self.say("--------------------------\n")
        pt.pos = hdr.start
        while self.inname is None:
            if self.force or self.batch:
                self.say("No file to patch.  Skipping patch.\n")
                self.skip = True
                return hdr
            buf = self.ask("File to patch: ")
            if len(buf) > 1 and buf.endswith(b"\n"):
                name = buf[:-1]
                err, st = self.stat_file(name)
                if err:
                    write_stderr("%s: %s\n" % (name.decode("utf-8", "surrogateescape"), posix.strerror(err)))
                else:
                    self.inname, self.inerrno, self.instat = name, 0, st
            if self.inname is None:
                buf = self.ask("Skip this patch? [y] ")
                if buf[:1] != b"n":
                    self.skip_patch()
                    return hdr
        return hdr

    # -- matching ---------------------------------------------------------------

    def match(self, h, where, pf, sf):
        pat = h.old
        n = len(pat) - sf
        lines = self.input
        start = where - 1 + pf
        if self.canonicalize_ws:
            if where - 1 + n > len(lines) or start < 0:
                return False
            for k in range(pf, n):
                if not similar(lines[where - 1 + k], pat[k]):
                    return False
            return True
        return lines[start:start + n - pf] == pat[pf:n]

    def search(self, h, first_guess, pf, sf, max_pos, max_neg, max_offset):
        """GNU's outward search: offsets 0, +1, -1, +2, -2 ... within the
        limits; the candidates come from an index of the input's lines."""
        n = len(h.old) - sf
        if n <= pf:
            # Nothing left to compare: GNU takes the expected line, the
            # last possible one when that is past the end, and (a quirk
            # kept for identical results) as far again below the lowest
            # possible line when it is above it.
            if max_pos < 0:
                return max_pos if -max_pos <= max_neg else None
            if max_neg < 0:
                return max_neg
            return 0
        if self.canonicalize_ws:
            for offset in range(0, max_offset + 1):
                if offset <= max_pos and self.match(h, first_guess + offset, pf, sf):
                    return offset
                if 0 < offset <= max_neg and self.match(h, first_guess - offset, pf, sf):
                    return -offset
            return None
        if 0 <= max_pos and self.match(h, first_guess, pf, sf):
            return 0
        if self.index is None:
            index = {}
            for k, line in enumerate(self.input):
                slot = index.get(line)
                if slot is None:
                    index[line] = [k]
                else:
                    slot.append(k)
            self.index = index
        cands = []
        for k in self.index.get(h.old[pf], ()):
            offset = k + 1 - pf - first_guess
            if (0 < offset <= max_pos) or (offset < 0 and -offset <= max_neg):
                cands.append((offset if offset > 0 else -offset, offset < 0, offset))
        cands.sort()
        for _, _, offset in cands:
            if self.match(h, first_guess + offset, pf, sf):
                return offset
        return None

    def locate_hunk(self, h, fuzz):
        """Where hunk h applies with this much fuzz (0: nowhere); GNU's
        locate_hunk, which also moves the running offset."""
        first_guess = h.first + self.in_offset
        pat_lines = len(h.old)
        prefix, suffix = h.prefix, h.suffix
        context = max(prefix, suffix)
        pf = fuzz + prefix - context
        sf = fuzz + suffix - context
        input_lines = len(self.input)
        max_where = input_lines - (pat_lines - sf) + 1
        min_where = self.frozen + 1 - (prefix - pf)
        max_pos = max_where - first_guess
        max_neg = first_guess - min_where
        max_offset = max(max_pos, max_neg)
        if not pat_lines:
            return first_guess
        if first_guess <= max_neg:
            max_neg = first_guess - 1
        if pf < 0 and h.first <= 1:
            if sf < 0:
                if pat_lines != input_lines or prefix < self.frozen:
                    return 0
            offset = 1 - first_guess
            if self.frozen <= prefix and offset <= max_pos and self.match(h, first_guess + offset, 0, max(sf, 0)):
                self.in_offset += offset
                return first_guess + offset
            return 0
        if pf < 0:
            pf = 0
        if sf < 0:
            offset = first_guess - (input_lines - pat_lines + 1)
            if offset <= max_neg and first_guess - offset >= 1 and self.match(h, first_guess - offset, pf, 0):
                self.in_offset -= offset
                return first_guess - offset
            return 0
        offset = self.search(h, first_guess, pf, sf, max_pos, max_neg, max_offset)
        if offset is None:
            return 0
        self.in_offset += offset
        return first_guess + offset

    # -- output -----------------------------------------------------------------
    #
    # GNU ends an unfinished line (the input's last one, or a patch line
    # marked `\ No newline`) before writing more, except for a line added
    # in the middle of a hunk or a changed line; its #ifdef lines do not
    # count as ending a line.  Kept as is for identical output.

    def copy_till(self, last):
        if self.frozen > last:
            self.say("misordered hunks! output would be garbled\n")
            return False
        if last > self.frozen:
            chunk = self.input[self.frozen:last]
            self.frozen = last
            if chunk:
                if not self.after_nl:
                    self.out.append(b"\n")
                self.out.extend(chunk)
                self.after_nl = chunk[-1].endswith(b"\n")
        return True

    def put(self, line, check=True):
        if check and not self.after_nl:
            self.out.append(b"\n")
        self.out.append(line)
        self.after_nl = line.endswith(b"\n")

    def directive(self, text):
        self.out.append(text if self.after_nl else b"\n" + text)

    def ifdef_enter(self, state, side, opener):
        """-D: the directive that goes from `state` into the text of `side`
        (1 old, 2 new; `opener` starts its block); the new state."""
        if state == 3 - side:
            self.directive(b"#else\n")
            return 3
        if state == 0:
            self.directive(opener)
            return side
        return state

    def apply_hunk(self, h, where):
        """Write hunk h at line `where` into the output (GNU's apply_hunk,
        with -D's #ifdef blocks); False if it would go backwards."""
        old, okind, new, nkind = h.old, h.okind, h.new, h.nkind
        P, R = len(old), len(new)
        i = j = 0
        defs = self.ifdef
        state = 0  # 0 outside, 1 in #ifndef, 2 in #ifdef, 3 in #else
        if defs is not None:
            ifdef = b"#ifdef %s\n" % defs
            ifndef = b"#ifndef %s\n" % defs
        while i < P:
            k = okind[i]
            if k == "-":
                if not self.copy_till(where + i - 1):
                    return False
                if defs is not None:
                    if state != 1:
                        state = self.ifdef_enter(state, 1, ifndef)
                    if not self.copy_till(where + i):
                        return False
                else:
                    self.frozen += 1
                i += 1
            elif j >= R:
                break
            elif nkind[j] == "+":
                if not self.copy_till(where + i - 1):
                    return False
                if defs is not None and state != 2:
                    state = self.ifdef_enter(state, 2, ifdef)
                self.put(new[j], False)
                j += 1
            elif nkind[j] != k:
                self.fatal("Out-of-sync patch, lines %d,%d -- mangled text or line numbers, maybe?"
                           % (h.first + i, h.newfirst + j))
            elif k == "!":
                if not self.copy_till(where + i - 1):
                    return False
                if defs is not None and state != 1:
                    state = self.ifdef_enter(state, 1, ifndef)
                while i < P and okind[i] == "!":
                    if defs is not None:
                        if not self.copy_till(where + i):
                            return False
                    else:
                        self.frozen += 1
                    i += 1
                if defs is not None:
                    self.directive(b"#else\n")
                    state = 3
                while j < R and nkind[j] == "!":
                    self.put(new[j], False)
                    j += 1
            else:
                i += 1
                j += 1
                if defs is not None and state != 0:
                    self.directive(b"#endif\n")
                    state = 0
        if j < R and nkind[j] == "+":
            if not self.copy_till(where + i - 1):
                return False
            if defs is not None and state != 2:
                state = self.ifdef_enter(state, 2, ifdef)
            while j < R and nkind[j] == "+":
                self.put(new[j])
                j += 1
        if defs is not None and state != 0:
            self.directive(b"#endif\n")
            self.after_nl = True
        return True

    # -- rejects ----------------------------------------------------------------

    def reject(self, hdr, h, header):
        """Append hunk h to the reject text, in the reject format (line
        numbers moved by the offset of the hunks applied so far)."""
        unified = self.reject_format == "unified" or (
            self.reject_format is None and hdr.diff_type == UNI_DIFF)
        out = self.rej
        rev = 1 if self.reverse else 0

        def head(tag, side):
            name = hdr.name[side]
            return b"%s %s%s\n" % (tag, name if name is not None else b"/dev/null", hdr.timestr[side] or b"")

        oldfirst = h.first + self.out_offset
        newfirst = h.newfirst + self.out_offset
        P, R = len(h.old), len(h.new)
        if unified:
            if header:
                out.append(head(b"---", rev))
                out.append(head(b"+++", 1 - rev))

            def rng(first, n):
                if n == 1:
                    return b"%d" % first
                return b"%d,%d" % (first - (n == 0), n)
            out.append(b"@@ -%s +%s @@%s\n" % (rng(oldfirst, P), rng(newfirst, R), h.cfunc))
            i = j = 0
            while i < P:
                k = h.okind[i]
                if k == "-":
                    out.append(b"-" + h.old[i])
                    i += 1
                elif j >= R:
                    break
                elif h.nkind[j] == "+":
                    out.append(b"+" + h.new[j])
                    j += 1
                elif h.nkind[j] != k:
                    self.fatal("Out-of-sync patch, lines %d,%d -- mangled text or line numbers, maybe?"
                               % (h.first + i, h.newfirst + j))
                elif k == "!":
                    while i < P and h.okind[i] == "!":
                        out.append(b"-" + h.old[i])
                        i += 1
                    while j < R and h.nkind[j] == "!":
                        out.append(b"+" + h.new[j])
                        j += 1
                else:
                    out.append(b" " + h.old[i])
                    i += 1
                    j += 1
            while j < R:
                out.append(b"+" + h.new[j])
                j += 1
            return
        new_style = hdr.diff_type in (NEW_CONTEXT_DIFF, UNI_DIFF)
        stars = b" ****" if new_style else b""
        minuses = b" ----" if new_style else b" -----"
        if header:
            out.append(head(b"***", rev))
            out.append(head(b"---", 1 - rev))
        out.append(b"***************%s\n" % h.cfunc)
        okind, nkind = h.okind, h.nkind
        if hdr.diff_type == UNI_DIFF and "-" in okind and "+" in nkind:
            okind, nkind = _bang(okind, nkind)
        for tag, first, texts, kinds, tail in ((b"***", oldfirst, h.old, okind, stars),
                                               (b"---", newfirst, h.new, nkind, minuses)):
            last = first + len(texts) - 1
            if last < first:
                out.append(b"%s 0%s\n" % (tag, tail))
            elif last == first:
                out.append(b"%s %d%s\n" % (tag, first, tail))
            else:
                out.append(b"%s %d,%d%s\n" % (tag, first, last, tail))
            for text, k in zip(texts, kinds):
                out.append(k.encode() + b" " + text)

    # -- files on disk -------------------------------------------------------

    def backup_name(self, to):
        if self.origprae is not None or self.origbase is not None or self.origsuff is not None:
            def enc(s):
                return s.encode("utf-8", "surrogateescape") if s else b""
            cut = to.rfind(b"/") + 1
            return enc(self.origprae) + to[:cut] + enc(self.origbase) + to[cut:] + enc(self.origsuff)
        from multicall import backup
        return backup.name(to, self.backup_type, self.simple_suffix)

    def makedirs(self, name):
        """Create the missing directories leading to `name`."""
        cut = name.rfind(b"/")
        if cut <= 0:
            return
        d = name[:cut]
        try:
            posix.stat(d)
            return
        except OSError:
            pass
        self.makedirs(d)
        try:
            posix.mkdir(d, 0o777)
        except FileExistsError:
            pass
        except OSError as e:
            self.pfatal(b"Can't create directory " + self.q(d), e)

    def create_backup(self, to, st, leave_original):
        """Back `to` up once per run: renamed away, copied (when it stays),
        or an empty file when it did not exist."""
        if st is not None and st.st_mode & S_IFMT not in (S_IFREG, S_IFLNK):
            return
        if st is not None and (st.st_dev, st.st_ino) in self.created:
            return
        bk = self.backup_name(to)
        if st is None:
            self.makedirs(bk)
            try:
                posix.close(posix.open(bk, posix.O_CREAT | posix.O_WRONLY | posix.O_TRUNC | posix.O_CLOEXEC, 0o666))
            except OSError as e:
                self.pfatal(b"Can't create file " + self.q(bk), e)
            return
        if leave_original:
            self.copy_file(to, bk, st)
            return
        self.makedirs(bk)
        try:
            posix.rename(to, bk)
        except OSError as e:
            if e.errno != 18:  # EXDEV
                self.pfatal(b"Can't rename file " + self.q(to) + b" to " + self.q(bk), e)
            self.copy_file(to, bk, st)

    def copy_file(self, src, dst, st):
        try:
            if st.st_mode & S_IFMT == S_IFLNK:
                target = posix.readlink(src)
                try:
                    posix.unlink(dst)
                except FileNotFoundError:
                    pass
                posix.symlink(target, dst)
                return
            fd = posix.open(src, posix.O_RDONLY | posix.O_CLOEXEC)
            try:
                data = _read_all(fd)
            finally:
                posix.close(fd)
            self.makedirs(dst)
        except OSError as e:
            self.pfatal(b"Can't create file " + self.q(dst), e)
        self.write_file(dst, posix.O_CREAT | posix.O_TRUNC, data, st.st_mode & 0o777)

    def write_file(self, name, flags, data, mode=0o666):
        """Open `name` for writing with `flags` added and write `data`."""
        try:
            fd = posix.open(name, posix.O_WRONLY | flags | posix.O_CLOEXEC, mode)
            try:
                _write_all(fd, data)
            finally:
                posix.close(fd)
        except OSError as e:
            self.pfatal(b"Can't create file " + self.q(name), e)

    def write_new(self, name, data, mode, times=None, backup=False, link=False):
        """Put `data` in place as `name`: a temporary file in the same
        directory, renamed over the old file (after the backup)."""
        self.makedirs(name)
        cut = name.rfind(b"/") + 1
        n = 0
        while True:
            tmp = name[:cut] + b".%s.pybox-patch%d.%d" % (name[cut:][:100], posix.getpid(), n)
            try:
                if link:
                    posix.symlink(data, tmp)
                    fd = None
                else:
                    fd = posix.open(tmp, posix.O_WRONLY | posix.O_CREAT | posix.O_EXCL | posix.O_CLOEXEC,
                                    0o666 if mode is None else mode & 0o777)
                break
            except FileExistsError:
                n += 1
            except OSError as e:
                self.pfatal(b"Can't create temporary file " + self.q(tmp), e)
        self.temps.append(tmp)
        try:
            if fd is not None:
                try:
                    _write_all(fd, data)
                    if mode is not None:
                        posix.fchmod(fd, mode & 0o777)
                finally:
                    posix.close(fd)
            if times is not None:
                posix.utime(tmp, ns=(times, times), follow_symlinks=False)
            if backup:
                err, st = self.stat_file(name)
                self.create_backup(name, st if not err else None, False)
            posix.rename(tmp, name)
        except OSError as e:
            self.pfatal(b"Can't create file " + self.q(name), e)
        self.temps.remove(tmp)
        try:
            st = posix.lstat(name)
            self.created.add((st.st_dev, st.st_ino))
        except OSError:
            pass

    def remove_file(self, name, st, backup):
        """Delete a file the patch empties out (and the directories that
        leaves empty), as GNU does."""
        if backup:
            self.create_backup(name, st, False)
        try:
            posix.unlink(name)
        except FileNotFoundError:
            pass
        except OSError as e:
            self.pfatal(b"Can't remove file " + self.q(name), e)
        d = name
        while True:
            cut = d.rfind(b"/")
            if cut <= 0:
                break
            d = d[:cut]
            try:
                posix.rmdir(d)
            except OSError:
                break

    def write_rejects(self, rej):
        """Save the reject text: -r's file gets every reject of the run;
        X.rej is replaced, or appended to when this run made it."""
        data = b"".join(self.rej)
        if self.rejname is not None:
            self.write_file(rej, posix.O_CREAT | (posix.O_APPEND if self.rej_written else posix.O_TRUNC), data)
            self.rej_written = True
            return
        err, st = self.stat_file(rej)
        if not err and (st.st_dev, st.st_ino) in self.created:
            self.write_file(rej, posix.O_APPEND, data)
            return
        self.write_new(rej, data, None)

    # -- one file patch -----------------------------------------------------------

    def get_input_file(self, hdr):
        if self.inerrno == -1:
            self.inerrno, self.instat = self.stat_file(self.inname)
        if self.inerrno:
            self.instat = None
            return True
        ft = hdr.file_type
        if not (ft in (S_IFREG, S_IFLNK) and self.instat.st_mode & S_IFMT == ft):
            self.say(b"File %s is not a %s -- refusing to patch\n" % (
                self.q(self.inname), b"symbolic link" if ft == S_IFLNK else b"regular file"))
            return False
        return True

    def read_input(self):
        """The lines of the file to patch (none when it does not exist)."""
        if self.inerrno:
            return []
        name = self.inname
        if self.instat.st_mode & S_IFMT == S_IFLNK:
            try:
                return split_lines(posix.readlink(name))
            except OSError as e:
                self.pfatal(b"Can't read symbolic link " + self.q(name), e)
        try:
            fd = posix.open(name, posix.O_RDONLY | posix.O_CLOEXEC)
        except OSError as e:
            self.pfatal(b"Can't open file " + self.q(name), e)
        try:
            data = _read_all(fd)
        except OSError as e:
            self.pfatal(b"Can't read file " + self.q(name), e)
        finally:
            posix.close(fd)
        return split_lines(data)

    def check_prereq(self, hdr):
        rev = hdr.revision
        if rev is None:
            return
        found = False
        for line in self.input:
            k = line.find(rev)
            while k >= 0:
                before = line[k - 1:k]
                after = line[k + len(rev):k + len(rev) + 1]
                if (not before or before.isspace()) and (not after or after.isspace()):
                    found = True
                    break
                k = line.find(rev, k + 1)
            if found:
                break
        rs = rev.decode("utf-8", "surrogateescape")
        if found:
            if self.verbosity == VERBOSE:
                self.say("Good.  This file appears to be the %s version.\n" % rs)
        elif self.force:
            if self.verbosity != SILENT:
                self.say("Warning: this file doesn't appear to be the %s version -- patching anyway.\n" % rs)
        elif self.batch:
            self.fatal("This file doesn't appear to be the %s version -- aborting." % rs)
        else:
            buf = self.ask("This file doesn't appear to be the %s version -- patch anyway? [n] " % rs)
            if buf[:1] != b"y":
                self.fatal("aborted")

    def process(self, pt, hdr):
        """Apply one file patch (GNU's main loop body)."""
        hunk = failed = 0
        mismatch = False
        outname = None
        data = b""
        self.rej = []
        if self.skip:
            self.somefailed = True
        if hdr.diff_type == ED_DIFF and not self.skip:
            self.fatal("ed scripts are not supported (this patch is an ed script)")
        names = hdr.name
        if not self.skip and not hdr.file_type:
            self.say(b"File %s: can't change file type from 0%o to 0%o.\n" % (
                self.q(self.inname), hdr.mode[self.reverse] & S_IFMT, hdr.mode[not self.reverse] & S_IFMT))
            self.skip = True
            self.somefailed = True
        if not self.skip:
            if self.outfile is not None:
                outname = self.outfile.encode("utf-8", "surrogateescape")
            elif hdr.copy or hdr.rename:
                outname = names[0 if self.reverse else 1]
            else:
                outname = self.inname
        if not self.skip and not self.get_input_file(hdr):
            self.skip = True
            self.somefailed = True
        if self.read_only != "ignore" and self.inerrno == 0 and self.instat is not None \
                and self.instat.st_mode & S_IFMT != S_IFLNK and not posix.access(self.inname, posix.W_OK):
            self.say(b"File %s is read-only; " % self.q(self.inname))
            if self.read_only == "warn":
                self.say("trying to patch anyway\n")
            else:
                self.say("refusing to patch\n")
                self.skip = True
                self.somefailed = True
        if not self.skip and hdr.diff_type == GIT_BINARY_DIFF:
            self.say(b"File %s: git binary diffs are not supported.\n" % self.q(outname))
            self.skip = True
            self.somefailed = True
        self.out = []
        self.after_nl = True
        self.frozen = 0
        self.in_offset = 0
        self.out_offset = 0
        self.index = None
        self.input = []
        if not self.skip:
            self.input = self.read_input()
            self.check_prereq(hdr)
            if self.verbosity != SILENT:
                renamed = outname != self.inname
                already = not renamed and hdr.rename
                self.say(b"%s %s %s%s" % (b"checking" if self.dry_run else b"patching",
                                          b"symbolic link" if hdr.file_type == S_IFLNK else b"file",
                                          self.q(outname), b" " if renamed or already else b"\n"))
                if renamed or already:
                    self.say(b"(%s%s from %s)\n" % (
                        b"already " if already else b"",
                        b"copied" if hdr.copy else (b"renamed" if hdr.rename else b"read"),
                        names[1 if self.reverse else 0] if already else self.inname))
                if self.verbosity == VERBOSE:
                    self.say("Using Plan A...\n")
        apply_anyway = False
        while True:
            h = pt.another_hunk(hdr.diff_type)
            if h is None:
                break
            if self.reverse:
                h = h.swap()
            where = 0
            fuzz = 0
            mymaxfuzz = min(self.maxfuzz, max(h.prefix, h.suffix))
            hunk += 1
            if not self.skip:
                while True:
                    where = self.locate_hunk(h, fuzz)
                    if not where or fuzz or self.in_offset:
                        mismatch = True
                    if hunk == 1 and not where and not (self.force or apply_anyway) \
                            and self.reverse == self.reverse_flag:
                        h = h.swap()
                        where = self.locate_hunk(h, fuzz)
                        if where and self.ok_to_reverse(
                                "%s patch detected!" % ("Unreversed" if self.reverse
                                                        else "Reversed (or previously applied)")):
                            self.reverse = not self.reverse
                        else:
                            h = h.swap()
                            if where:
                                apply_anyway = True
                                fuzz -= 1
                                where = 0
                    if self.skip or where:
                        break
                    fuzz += 1
                    if fuzz > mymaxfuzz:
                        break
            newwhere = (where if where else h.first) + self.out_offset
            if self.skip or (where == 1 and hdr.nonexistent[self.reverse] == 2 and self.instat is not None
                             and self.instat.st_size) or not where or not self.apply_hunk(h, where):
                self.reject(hdr, h, not failed)
                failed += 1
                if self.verbosity == VERBOSE or (not self.skip and self.verbosity != SILENT):
                    self.say("Hunk #%d %s at %d%s.\n" % (
                        hunk, "ignored" if self.skip else "FAILED", newwhere,
                        " (different line endings)" if not self.skip and self.line_endings_differ(h, newwhere)
                        else ""))
            else:
                self.out_offset += len(h.new) - len(h.old)
                if self.verbosity == VERBOSE or (self.verbosity != SILENT and (fuzz or self.in_offset)):
                    msg = "Hunk #%d succeeded at %d" % (hunk, newwhere)
                    if fuzz:
                        msg += " with fuzz %d" % fuzz
                    if self.in_offset:
                        msg += " (offset %d line%s)" % (self.in_offset, "" if self.in_offset == 1 else "s")
                    self.say(msg + ".\n")
        pt.base = pt.pos
        zero_output = False
        if not self.skip:
            if self.frozen < len(self.input):
                self.copy_till(len(self.input))
            data = b"".join(self.out)
            zero_output = not data
            if self.outfile is not None and not self.dry_run:
                self.write_outfile(data)
        self.out = []
        self.index = None
        self.input = []
        if not self.skip and self.outfile is None:
            self.place_output(hdr, data, zero_output, outname, hunk, failed, mismatch)
        if failed:
            self.somefailed = True
            msg = b"%d out of %d hunk%s %s" % (failed, hunk, b"" if hunk == 1 else b"s",
                                               b"ignored" if self.skip else b"FAILED")
            if outname is not None and self.rejname != "-":
                if self.rejname is not None:
                    rej = self.rejname.encode("utf-8", "surrogateescape")
                else:
                    rej = outname + b".rej"
                if not self.dry_run:
                    self.say(msg + b" -- saving rejects to file " + self.q(rej) + b"\n")
                    self.write_rejects(rej)
                else:
                    self.say(msg + b"\n")
            else:
                self.say(msg + b"\n")

    def line_endings_differ(self, h, where):
        """GNU's note on a failed hunk: the patch's first line and the
        input's line there disagree about CRs."""
        if not h.old or not h.old[0]:
            return False
        patch_crlf = h.old[0].endswith(b"\r\n")
        if not self.input:
            return False
        where = min(where, len(self.input))
        line = self.input[where - 1] if where >= 1 else self.input[-1]
        if not line:
            return False
        return patch_crlf != line.endswith(b"\r\n")

    def write_outfile(self, data):
        if self.out_fd is None:
            return
        if self.out_fd == 1:
            from multicall.stdio import flush_stdout
            flush_stdout()
        try:
            _write_all(self.out_fd, data)
        except OSError as e:
            self.pfatal(b"Can't write to file " + self.q(self.outfile.encode("utf-8", "surrogateescape")), e)

    def place_output(self, hdr, data, zero_output, outname, hunk, failed, mismatch):
        """Replace, create, rename or delete the patched file, with the
        backup and the times GNU gives it."""
        rev = 1 if self.reverse else 0
        backup = self.make_backups or (self.backup_if_mismatch and (mismatch or failed))
        link = hdr.file_type == S_IFLNK
        if zero_output and (self.remove_empty or (hdr.nonexistent[1 - rev] == 2 and not self.posix) or link):
            if not self.dry_run:
                if self.inerrno:
                    if backup:
                        self.create_backup(self.inname, None, False)
                else:
                    self.remove_file(self.inname, self.instat, backup)
            return
        if not zero_output and hdr.nonexistent[1 - rev] == 2 and (self.remove_empty or not self.posix):
            self.somefailed = True
            if self.verbosity != SILENT:
                self.say(b"Not deleting file %s as content differs from patch\n" % self.q(outname))
        if self.dry_run:
            return
        old_mode = hdr.mode[rev]
        new_mode = hdr.mode[1 - rev]
        set_mode = bool(new_mode) and old_mode != new_mode
        if failed < hunk or set_mode or hdr.copy or hdr.rename:
            times = None
            new_time = hdr.stamp[1 - rev]
            if self.set_time and new_time is not None:
                old_time = hdr.stamp[rev]
                if not self.force and not self.inerrno and hdr.nonexistent[rev] != 2 and old_time is not None \
                        and old_time != (self.instat.st_mtime_ns // 10 ** 9, self.instat.st_mtime_ns % 10 ** 9):
                    self.say(b"Not setting time of file %s (time mismatch)\n" % self.q(outname))
                elif not self.force and (mismatch or failed):
                    self.say(b"Not setting time of file %s (contents mismatch)\n" % self.q(outname))
                else:
                    times = new_time[0] * 10 ** 9 + new_time[1]
            if self.inerrno:
                mode = (new_mode & 0o777) if set_mode else None
            else:
                mode = (new_mode if new_mode else self.instat.st_mode) & 0o777
            self.write_new(outname, data, mode, times, backup, link)
            if hdr.rename and outname != self.inname:
                self.remove_file(self.inname, self.instat if not self.inerrno else None, backup)
        elif backup:
            err, st = self.stat_file(outname)
            self.create_backup(outname, None if err else st, True)

    def cleanup(self):
        for tmp in self.temps:
            try:
                posix.unlink(tmp)
            except OSError:
                pass
        self.temps = []
        if self.ttyfd is not None and self.ttyfd >= 0:
            posix.close(self.ttyfd)
            self.ttyfd = None


def main(argv):
    try:
        opts = SPEC.parse(argv)
    except Usage as e:
        prog = argv[0]
        write_stderr("%s%s: Try '%s --help' for more information.\n" % (
            "%s: %s\n" % (prog, e.message) if e.message else "", prog, prog))
        raise Exit(2) from None
    if opts.version:
        from multicall import VERSION
        from multicall.stdio import stdout
        stdout().write(("patch (pybox) %s\n" % VERSION).encode())
        return 0
    if opts.format == ED_DIFF:
        raise Fail("**** -e/--ed: ed scripts are not supported", 2)
    if "merge" in opts.given:
        raise Fail("**** --merge is not supported", 2)
    if opts.get not in (None, "0"):
        raise Fail("**** -g/--get: getting files from RCS or SCCS is not supported", 2)
    if opts.debug not in (None, "0"):
        raise Fail("**** -x/--debug: debugging output is not supported", 2)
    operands = opts.operands
    if len(operands) > 2:
        raise Fail("%s: extra operand\n%s: Try '%s --help' for more information."
                   % (quotearg(operands[2], "shell").decode("utf-8", "surrogateescape"), argv[0], argv[0]), 2)
    run = Run(opts, posix.environ)
    patchname = opts.input
    if len(operands) > 1:
        patchname = operands[1]
    explicit = operands[0].encode("utf-8", "surrogateescape") if operands else None
    cwd = None
    if opts.directory is not None:
        cwd = posix.open(".", posix.O_RDONLY | posix.O_CLOEXEC)
        try:
            posix.chdir(opts.directory)
        except OSError as e:
            posix.close(cwd)
            run.pfatal(b"Can't change to directory " + quotearg(opts.directory, "shell"), e)
    try:
        return _main(run, patchname, explicit)
    finally:
        run.cleanup()
        if run.out_fd is not None and run.out_fd != 1:
            posix.close(run.out_fd)
        if cwd is not None:
            posix.fchdir(cwd)
            posix.close(cwd)


def _main(run, patchname, explicit):
    if run.outfile is not None and not run.dry_run:
        if run.outfile == "-":
            run.out_fd = 1
        else:
            try:
                run.out_fd = posix.open(run.outfile, posix.O_WRONLY | posix.O_CREAT | posix.O_TRUNC
                                        | posix.O_CLOEXEC, 0o600)
            except OSError as e:
                run.pfatal(b"Can't create file " + quotearg(run.outfile, "shell"), e)
    if patchname is None or patchname == "-":
        fd = 0
    else:
        try:
            fd = posix.open(patchname, posix.O_RDONLY | posix.O_CLOEXEC)
        except OSError as e:
            run.pfatal(b"Can't open patch file " + quotearg(patchname, "shell"), e)
    try:
        data = _read_all(fd)
    except OSError as e:
        run.pfatal(b"read error", e)
    finally:
        if fd:
            posix.close(fd)
    pt = PatchText(data)
    while True:
        run.skip = False
        run.reverse = run.reverse_flag
        run.inname = explicit
        run.inerrno = -1
        run.instat = None
        try:
            hdr = run.there_is_another_patch(pt)
            if hdr is None:
                break
            run.process(pt, hdr)
        except Malformed as e:
            run.fatal(bytes(e.args[0]))
    return 1 if run.somefailed else 0
