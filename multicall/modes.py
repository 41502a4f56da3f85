"""File mode expressions as chmod(1) takes them (gnulib's mode_compile and
mode_adjust): octal (`644`, `4755`) or symbolic (`u+x,go-w`, `a=rX`,
`g=u`), for find -perm, chmod, mkdir -m, install -m, mkfifo -m.

    changes = compile("u+x,go-w")        # None if invalid
    adjust(0o644, changes, is_dir=False, umask=0)  -> 0o744

    mode_string(0o40755)                -> b"drwxr-xr-x" (ls -l, stat %A, find %M)
"""

S_ISUID, S_ISGID, S_ISVTX = 0o4000, 0o2000, 0o1000
S_IRWXU, S_IRWXG, S_IRWXO = 0o700, 0o070, 0o007
S_IRUGO, S_IWUGO, S_IXUGO = 0o444, 0o222, 0o111
ALL = 0o7777  # CHMOD_MODE_BITS

ORDINARY, COPY, X_IF_ANY_X = 0, 1, 2
S_IFMT = 0o170000
S_IFDIR, S_IFCHR, S_IFBLK, S_IFREG = 0o040000, 0o020000, 0o060000, 0o100000
S_IFIFO, S_IFLNK, S_IFSOCK = 0o010000, 0o120000, 0o140000


class Change:
    __slots__ = ("op", "flag", "affected", "value", "mentioned")

    def __init__(self, op, flag, affected, value, mentioned):
        self.op = op
        self.flag = flag
        self.affected = affected
        self.value = value
        self.mentioned = mentioned


def compile(text):
    """The list of changes `text` describes, or None if it is invalid."""
    if text[:1] in "01234567" and text:
        value = 0
        for i, c in enumerate(text):
            if c not in "01234567":
                return None
            value = value * 8 + ord(c) - 48
            if value > ALL:
                return None
        mentioned = (value & (S_ISUID | S_ISGID)) | S_ISVTX | 0o777 if len(text) < 5 else ALL
        return [Change("=", ORDINARY, ALL, value, mentioned)]
    changes = []
    p = 0
    n = len(text)
    while True:
        affected = 0
        while p < n and text[p] in "ugoa":
            affected |= {"u": S_ISUID | S_IRWXU, "g": S_ISGID | S_IRWXG, "o": S_ISVTX | S_IRWXO,
                         "a": ALL}[text[p]]
            p += 1
        if p >= n or text[p] not in "=+-":
            return None
        while p < n and text[p] in "=+-":
            op = text[p]
            p += 1
            value = 0
            flag = ORDINARY
            c = text[p] if p < n else ""
            if c and c in "01234567":
                # an octal number after the operator (`=755`), without who
                if affected:
                    return None
                v = 0
                while p < n and text[p] in "01234567":
                    v = v * 8 + ord(text[p]) - 48
                    if v > ALL:
                        return None
                    p += 1
                value = v
                mentioned = ALL
                affected = ALL
                changes.append(Change(op, ORDINARY, affected, value, mentioned))
                continue
            if c and c in "ugo":
                value = {"u": S_IRWXU, "g": S_IRWXG, "o": S_IRWXO}[c]
                flag = COPY
                p += 1
            else:
                while p < n and text[p] in "rwxXst":
                    c = text[p]
                    if c == "r":
                        value |= S_IRUGO
                    elif c == "w":
                        value |= S_IWUGO
                    elif c == "x":
                        value |= S_IXUGO
                    elif c == "X":
                        flag = X_IF_ANY_X
                    elif c == "s":
                        value |= S_ISUID | S_ISGID
                    else:
                        value |= S_ISVTX
                    p += 1
            mentioned = (affected & value) if affected else value
            changes.append(Change(op, flag, affected, value, mentioned))
        if p >= n:
            return changes
        if text[p] != ",":
            return None
        p += 1


def adjust(oldmode, changes, is_dir=False, umask=0):
    """The mode `changes` make of `oldmode` (gnulib's mode_adjust)."""
    newmode = oldmode & ALL
    for ch in changes:
        affected = ch.affected
        omit = (S_ISUID | S_ISGID if is_dir else 0) & ~ch.mentioned
        value = ch.value
        if ch.flag == COPY:
            value &= newmode
            value |= ((S_IRUGO if value & S_IRUGO else 0) | (S_IWUGO if value & S_IWUGO else 0)
                      | (S_IXUGO if value & S_IXUGO else 0))
        elif ch.flag == X_IF_ANY_X:
            if (newmode & S_IXUGO) or is_dir:
                value |= S_IXUGO
        value &= (affected if affected else ~umask) & ~omit
        if ch.op == "=":
            preserved = (~affected if affected else 0) | omit
            newmode = (newmode & preserved) | value
        elif ch.op == "+":
            newmode |= value
        else:
            newmode &= ~value
    return newmode & ALL


def mode_string(mode):
    """`ls -l` style: drwxr-xr-x."""
    t = mode & S_IFMT
    c = {S_IFDIR: "d", S_IFCHR: "c", S_IFBLK: "b", S_IFREG: "-", S_IFIFO: "p", S_IFLNK: "l",
         S_IFSOCK: "s"}.get(t, "?")
    rwx = []
    for shift, special, on, off in ((6, 0o4000, "s", "S"), (3, 0o2000, "s", "S"), (0, 0o1000, "t", "T")):
        bits = (mode >> shift) & 7
        rwx.append("r" if bits & 4 else "-")
        rwx.append("w" if bits & 2 else "-")
        if mode & special:
            rwx.append(on if bits & 1 else off)
        else:
            rwx.append("x" if bits & 1 else "-")
    return (c + "".join(rwx)).encode()
