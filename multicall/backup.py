"""GNU's backup files (gnulib backupfile.c): --backup[=CONTROL], -b, -S
SUFFIX, VERSION_CONTROL and SIMPLE_BACKUP_SUFFIX, for cp, mv, install, ln
(and the naming part for patch).

    kind = backup.kind_from(opts.backup, given)   # "none" "simple" "existing" "numbered"
    sfx = backup.suffix(opts.suffix)              # b"~" unless -S or $SIMPLE_BACKUP_SUFFIX
    name = backup.name(b"dir/file", kind, sfx)    # b"dir/file~" or b"dir/file.~3~"

The methods, with their synonyms:

    none, off       never make backups (even if --backup is given)
    simple, never   always make simple backups (FILE + suffix)
    existing, nil   numbered if numbered backups exist, simple otherwise
    numbered, t     make numbered backups (FILE.~N~, N one more than the highest)

Finding the highest number reads the directory once; nothing here is on a
per-file hot path unless backups are asked for.
"""
import posix

VC_WORDS = (("none", "off"), ("simple", "never"), ("existing", "nil"), ("numbered", "t"))


def control(text, context="backup type", status=1):
    """The method named by `text` (a word above or a unique prefix of
    words meaning the same), else GNU argmatch's Usage error naming
    `context` ('backup type' for --backup=, '$VERSION_CONTROL')."""
    from multicall.options import argmatch
    table = [(w, pair[0]) for pair in VC_WORDS for w in pair]
    return argmatch(text, context, table, status)


def kind_from(value, given, env=None, status=1):
    """GNU's xget_version: `given` is whether --backup/-b was used, `value`
    the --backup argument (None for -b or a bare --backup).  Without a
    value, $VERSION_CONTROL decides, and "existing" is the default.
    Returns "none" when no backups are to be made."""
    if not given:
        return "none"
    if value:  # an empty --backup= means no value, as in gnulib
        return control(value, "backup type", status)
    if env is None:
        env = posix.environ
    vc = env.get(b"VERSION_CONTROL")
    if vc:
        return control(vc.decode("utf-8", "surrogateescape"), "$VERSION_CONTROL", status)
    return "existing"


def suffix(opt=None, env=None):
    """The simple-backup suffix as bytes: -S's argument, else
    $SIMPLE_BACKUP_SUFFIX, else "~"; one containing '/' (or empty) is
    replaced by "~", as gnulib does."""
    if opt is not None:
        s = opt.encode("utf-8", "surrogateescape") if isinstance(opt, str) else opt
    else:
        if env is None:
            env = posix.environ
        s = env.get(b"SIMPLE_BACKUP_SUFFIX")
    if not s or b"/" in s:
        return b"~"
    return s


def highest_number(path):
    """The highest N of existing PATH.~N~ backups (0 when there are none)."""
    cut = path.rfind(b"/") + 1
    d, base = path[:cut] or b".", path[cut:]
    try:
        entries = posix.listdir(d)
    except OSError:
        return 0
    prefix = base + b".~"
    plen = len(prefix)
    highest = 0
    for e in entries:
        if e.startswith(prefix) and e.endswith(b"~") and len(e) > plen + 1:
            digits = e[plen:-1]
            if digits.isdigit() and digits[:1] != b"0":
                n = int(digits)
                if n > highest:
                    highest = n
    return highest


def name(path, kind, sfx=b"~"):
    """The backup name for `path` (bytes) under method `kind`, or None for
    "none"."""
    if kind == "none":
        return None
    if kind == "simple":
        return path + sfx
    n = highest_number(path)
    if kind == "existing" and not n:
        return path + sfx
    return path + b".~%d~" % (n + 1)


def rename_away(path, kind, sfx=b"~"):
    """Rename `path` to its backup name; returns that name (None when
    `kind` is "none").  OSError from rename is left to the caller."""
    bk = name(path, kind, sfx)
    if bk is not None:
        posix.rename(path, bk)
    return bk
