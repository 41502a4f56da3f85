"""GNU filevercmp (gnulib 2022, as in coreutils 9.1) over bytes: natural
sort of version numbers, `.` then `..` then other dot names first, and
file suffixes (`(\\.[A-Za-z~][A-Za-z0-9~]*)*$`) compared only when the rest
is equal."""


def _isdigit(c):
    return 48 <= c <= 57


def _isalpha(c):
    return 65 <= c <= 90 or 97 <= c <= 122


def _is_suffix(s, k):
    """Does s[k:] match (\\.[A-Za-z~][A-Za-z0-9~]*)*$ ?"""
    n = len(s)
    while k < n:
        if s[k] != 46 or k + 1 >= n or not (_isalpha(s[k + 1]) or s[k + 1] == 126):
            return False
        k += 2
        while k < n and (_isalpha(s[k]) or _isdigit(s[k]) or s[k] == 126):
            k += 1
    return True


def _prefixlen(s):
    """Length of s without its longest version suffix (which may be all
    of it, as in coreutils 9.1: `.a` is all suffix)."""
    k = s.find(b".")
    while k >= 0:
        if _is_suffix(s, k):
            return k
        k = s.find(b".", k + 1)
    return len(s)


def _order(s, pos, n):
    if pos == n:
        return -1
    c = s[pos]
    if _isdigit(c):
        return 0
    if _isalpha(c):
        return c
    if c == 126:
        return -2
    return c + 256


def _verrevcmp(a, alen, b, blen):
    ai = bi = 0
    while ai < alen or bi < blen:
        first_diff = 0
        while (ai < alen and not _isdigit(a[ai])) or (bi < blen and not _isdigit(b[bi])):
            ac = _order(a, ai, alen)
            bc = _order(b, bi, blen)
            if ac != bc:
                return ac - bc
            ai += 1
            bi += 1
        while ai < alen and a[ai] == 48:
            ai += 1
        while bi < blen and b[bi] == 48:
            bi += 1
        while ai < alen and bi < blen and _isdigit(a[ai]) and _isdigit(b[bi]):
            if not first_diff:
                first_diff = a[ai] - b[bi]
            ai += 1
            bi += 1
        if ai < alen and _isdigit(a[ai]):
            return 1
        if bi < blen and _isdigit(b[bi]):
            return -1
        if first_diff:
            return first_diff
    return 0


def filevercmp(a, b):
    """Negative, zero or positive as a sorts before, with or after b."""
    if not a:
        return -1 if b else 0
    if not b:
        return 1
    if a[0] == 46:
        if b[0] != 46:
            return -1
        if len(a) == 1:
            return 0 if len(b) == 1 else -1
        if len(b) == 1:
            return 1
        if a == b"..":
            return 0 if b == b".." else -1
        if b == b"..":
            return 1
    elif b[0] == 46:
        return 1
    ap = _prefixlen(a)
    bp = _prefixlen(b)
    one_pass = ap == len(a) and bp == len(b)
    r = _verrevcmp(a, ap, b, bp)
    if r or one_pass:
        return r
    return _verrevcmp(a, len(a), b, len(b))
