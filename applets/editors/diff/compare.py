"""diff2(): compare two open files, GNU's diff_2_files.

-q without options that change what "equal" means compares the files in
1 MiB chunks (two regular files of different sizes differ at once).
Otherwise two regular files of the same size are first compared in 1 MiB
chunks with pread, so identical files are never loaded whole; files that
differ are read whole, checked for a NUL byte in their first block
(binary files only get "Binary files A and B differ"), and handed to the
line diff of analyze.py.
"""
import posix

from multicall.errors import write_stderr
from applets.editors.diff import analyze

_CHUNK = 1 << 20


class Text:
    """A file's contents as diff sees them: a buffer ending with a
    newline, the identical prefix and suffix, and the middle split into
    lines (the rest is split only if an output format asks for it).
    Lines are numbered from the start of the middle (the prefix is
    negative); `missing` says the last line has no newline."""

    __slots__ = ("buf", "missing", "pe", "sb", "prefix_lines", "mid", "nmid", "valid_lines", "_all")

    def __init__(self, buf, missing):
        self.buf = buf
        self.missing = missing
        self._all = None

    def setup(self, pe, sb):
        buf = self.buf
        self.pe = pe
        self.sb = sb
        self.prefix_lines = buf.count(b"\n", 0, pe)
        mid = buf[pe:sb].split(b"\n")
        mid.pop()
        self.mid = mid
        self.nmid = len(mid)
        self.valid_lines = self.nmid + buf.count(b"\n", sb)

    def _every(self):
        if self._all is None:
            buf = self.buf
            pre = buf[:self.pe].split(b"\n")
            pre.pop()
            suf = buf[self.sb:].split(b"\n")
            suf.pop()
            self._all = pre + self.mid + suf
        return self._all

    def lines(self, a, b):
        """Lines a..b-1."""
        if a >= b:
            return []
        if 0 <= a and b <= self.nmid:
            return self.mid[a:b]
        p = self.prefix_lines
        return self._every()[a + p:b + p]

    def line(self, i):
        if 0 <= i < self.nmid:
            return self.mid[i]
        return self._every()[i + self.prefix_lines]

    def has_nl(self, i):
        return not (self.missing and i == self.valid_lines - 1)


class ReadError(Exception):
    """A read failed: which file, and errno."""

    def __init__(self, f, errno):
        Exception.__init__(self, errno)
        self.file = f
        self.errno = errno


def _block_read(f, n):
    """Read n bytes of file f (fewer only at end of file)."""
    parts = []
    try:
        while n > 0:
            b = posix.read(f.desc, n)
            if not b:
                break
            parts.append(b)
            n -= len(b)
    except OSError as e:
        raise ReadError(f, e.errno) from None
    return b"".join(parts) if len(parts) != 1 else parts[0]


def _readall(f):
    import _io
    try:
        return _io.FileIO(f.desc, "rb", closefd=False).readall()
    except OSError as e:
        raise ReadError(f, e.errno) from None


def _pread(f, n, offset):
    try:
        return posix.pread(f.desc, n, offset)
    except OSError as e:
        raise ReadError(f, e.errno) from None


def _regular(st):
    return st.st_mode & 0o170000 == 0o100000


def _start(f):
    """The offset reading starts at (standard input may be past 0)."""
    if f.stdin:
        try:
            return posix.lseek(0, 0, 1)
        except OSError:
            return 0
    return 0


def _same_chunks(f0, f1, size):
    """Whether two regular files hold the same `size` bytes (pread)."""
    o0, o1 = _start(f0), _start(f1)
    done = 0
    while done < size:
        n = min(_CHUNK, size - done)
        a = _pread(f0, n, o0 + done)
        b = _pread(f1, n, o1 + done)
        if a != b:
            return False
        if len(a) < n:
            return True
        done += n
    return True


def _binary_changes(f0, f1):
    """The chunked comparison GNU does for binary files and -q: 1 if the
    files differ."""
    st0, st1 = f0.st, f1.st
    if (st0.st_size != st1.st_size and st0.st_size > 0 and st1.st_size > 0
            and (f0.desc < 0 or _regular(st0)) and (f1.desc < 0 or _regular(st1))):
        return 1
    if f0.desc == f1.desc:
        return 0
    while True:
        a = _block_read(f0, _CHUNK) if f0.desc >= 0 else b""
        b = _block_read(f1, _CHUNK) if f1.desc >= 0 else b""
        if a != b:
            return 1
        if len(a) < _CHUNK:
            return 0


def _report(run, changes, files, brief):
    if changes:
        what = "Files %s and %s differ\n" if brief else "Binary files %s and %s differ\n"
        run.message(what % (run._label(0, files[0].name), run._label(1, files[1].name)))


def _strip_cr(data):
    return data.replace(b"\r\n", b"\n") if b"\r" in data else data


def _first_block(f):
    return max(getattr(f.st, "st_blksize", 4096) or 4096, 8)


def _warn_newline(run, f, k):
    write_stderr("%s: %s: No newline at end of file\n\n" % (run.s.prog, run._label(k, f.name)))


def diff2(run, cmp):
    """Compare the two open files of cmp; the exit status."""
    s = run.s
    f0, f1 = cmp.files
    if s.treat_as_binary:
        changes = _binary_changes(f0, f1)
        _report(run, changes, cmp.files, True)
        return changes
    same_desc = f0.desc == f1.desc and f0.desc >= 0
    if (s.no_diff_no_output and not same_desc and f0.desc >= 0 and f1.desc >= 0
            and _regular(f0.st) and _regular(f1.st)):
        size0 = f0.st.st_size - _start(f0)
        size1 = f1.st.st_size - _start(f1)
        if size0 == size1 and size0 >= 0 and _same_chunks(f0, f1, size0):
            if not s.robust and size0:
                # an ed script from a text file that lacks its last newline
                head = _pread(f0, _first_block(f0), _start(f0))
                if (s.text or b"\0" not in head) and _pread(f0, 1, _start(f0) + size0 - 1) != b"\n":
                    _warn_newline(run, f0, 0)
                    _warn_newline(run, f1, 1)
                    return 2
            return 0
    d0 = _readall(f0) if f0.desc >= 0 else b""
    d1 = d0 if same_desc else (_readall(f1) if f1.desc >= 0 else b"")
    if not s.text:
        for f, d in ((f0, d0), (f1, d1)):
            if b"\0" in d[:_first_block(f)]:
                changes = 0 if (same_desc or d0 == d1) else 1
                _report(run, changes, cmp.files, s.brief)
                return changes
    return text_diff(run, cmp, d0, d1, same_desc)


def text_diff(run, cmp, d0, d1, same_desc):
    s = run.s
    f0, f1 = cmp.files
    if s.strip_cr:
        d0 = _strip_cr(d0)
        d1 = d0 if same_desc else _strip_cr(d1)
    miss0 = bool(d0) and not d0.endswith(b"\n")
    miss1 = bool(d1) and not d1.endswith(b"\n")
    trouble = 0
    if not s.robust:
        if miss0:
            _warn_newline(run, f0, 0)
            trouble = 2
        if miss1 and not same_desc:
            _warn_newline(run, f1, 1)
            trouble = 2
    buf0 = d0 + b"\n" if miss0 else d0
    buf1 = buf0 if same_desc else (d1 + b"\n" if miss1 else d1)
    # ed scripts treat an incomplete last line as complete
    t0 = Text(buf0, miss0 and s.robust)
    t1 = Text(buf1, miss1 and s.robust)
    pe, sb0, sb1 = analyze.find_ends(buf0, buf1, miss0, miss1, s.robust, s.horizon)
    t0.setup(pe, sb0)
    t1.setup(pe, sb1)
    script = _script(s, t0, t1)
    pr = run.pr
    pr.setup(cmp, t0, t1)
    changes = 1 if pr.has_changes(script) else 0
    if s.brief:
        if changes:
            run.message("Files %s and %s differ\n" % (run._label(0, f0.name), run._label(1, f1.name)))
    elif changes or not s.no_diff_no_output:
        pr.print_script(cmp, t0, t1, script)
    return max(changes, trouble)


def _keys(s, t):
    if not (s.ignore_case or s.white):
        return list(t.mid)
    region = t.buf[t.pe:t.sb]
    keys = analyze.normalise(region, s.ignore_case, s.white, s.tabsize).split(b"\n")
    keys.pop()
    return keys


def _script(s, t0, t1):
    """The edit script between the middles of t0 and t1."""
    n0, n1 = t0.nmid, t1.nmid
    if not n0 and not n1:
        return []
    if not n1:
        return [(0, 0, n0, 0)]
    if not n0:
        return [(0, 0, 0, n1)]
    keys0 = _keys(s, t0)
    keys1 = _keys(s, t1)
    exact = s.robust and s.white < analyze.WS_TRAILING
    inc0 = exact and t0.missing and t0.sb == len(t0.buf)
    inc1 = exact and t1.missing and t1.sb == len(t1.buf)
    eq0, eq1, nclasses = analyze.classes(keys0, keys1, inc0, inc1)
    del keys0, keys1
    changed0 = bytearray(n0 + 2)
    changed1 = bytearray(n1 + 2)
    xv, yv, real0, real1 = analyze.discard(eq0, eq1, nclasses, s.minimal, changed0, changed1)
    analyze.compareseq(xv, yv, real0, real1, changed0, changed1, s.minimal, s.heuristic)
    del xv, yv, real0, real1
    analyze.shift_boundaries(eq0, eq1, changed0, changed1)
    return analyze.build_script(changed0, changed1, n0, n1)
