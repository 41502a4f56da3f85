"""chown and chgrp: change file owner and group.

One fchownat(2) per file relative to its open parent; -R walks with
multicall.walk (-P by default, -H, -L), directories changed after their
contents as GNU does.  Names go through pwd/grp only when a spec or a
message needs them (names are looked up once and cached per run).
"""
import os

from multicall import walk
from multicall.errors import Fail, Usage, quote, quotef
from multicall.options import Spec, opt
from multicall.stdio import stdout
from multicall.fileops import quoteaf, root_stat, root_warning, warn, write_err

_COMMON = (
    opt("-c, --changes", "like verbose but report only when a change is made"),
    opt("-f, --silent, --quiet", "suppress most error messages", dest="silent"),
    opt("-v, --verbose", "output a diagnostic for every file processed"),
    opt("--dereference", "affect the referent of each symbolic link (this is\n"
        "the default), rather than the symbolic link itself", dest="deref", kind="const", const=1),
    opt("-h, --no-dereference", "affect symbolic links instead of any referenced file\n"
        "(useful only on systems that can change the\n"
        "ownership of a symlink)", dest="deref", kind="const", const=0),
)
_FROM = opt("--from=CURRENT_OWNER:CURRENT_GROUP",
            "change the owner and/or group of each file only if\n"
            "its current owner and/or group match those specified\n"
            "here.  Either may be omitted, in which case a match\n"
            "is not required for the omitted attribute", dest="from_")
_REST = (
    opt("--no-preserve-root", "do not treat '/' specially (the default)", dest="preserve_root",
        kind="const", const=False, default=False),
    opt("--preserve-root", "fail to operate recursively on '/'", dest="preserve_root", kind="const", const=True),
)
_TRAVERSAL = (
    opt("-R, --recursive", "operate on files and directories recursively"),
    opt("-H", "if a command line argument is a symbolic link\n"
        "to a directory, traverse it", dest="follow", kind="const", const="H"),
    opt("-L", "traverse every symbolic link to a directory\nencountered",
        dest="follow", kind="const", const="L"),
    opt("-P", "do not traverse any symbolic links (default)", dest="follow", kind="const", const="P"),
)
_EPILOG = ("The following options modify how a hierarchy is traversed when the -R\n"
           "option is also specified.  If more than one is specified, only the final\n"
           "one takes effect.")

SPEC = Spec(("[OPTION]... [OWNER][:[GROUP]] FILE...", "[OPTION]... --reference=RFILE FILE..."),
            "Change the owner and/or group of each FILE to OWNER and/or GROUP.\n"
            "With --reference, change the owner and group of each FILE to those of RFILE.",
            *_COMMON, _FROM, *_REST,
            opt("--reference=RFILE", "use RFILE's owner and group rather than\n"
                "specifying OWNER:GROUP values"),
            *_TRAVERSAL,
            epilog=_EPILOG + "\n\nOwner is unchanged if missing.  Group is unchanged if missing, but changed\n"
            "to login group if implied by a ':' following a symbolic OWNER.\n"
            "OWNER and GROUP may be numeric as well as symbolic.")

CHGRP_SPEC = Spec(("[OPTION]... GROUP FILE...", "[OPTION]... --reference=RFILE FILE..."),
                  "Change the group of each FILE to GROUP.\n"
                  "With --reference, change the group of each FILE to that of RFILE.",
                  *_COMMON, *_REST,
                  opt("--reference=RFILE", "use RFILE's group rather than specifying a\nGROUP value"),
                  *_TRAVERSAL, epilog=_EPILOG)

OFF, CHANGES, HIGH = 0, 1, 2
_MAXID = (1 << 32) - 2  # (uid_t) -1 is "no change"


def _numeric(text):
    if text.isdigit() and text.isascii():
        v = int(text)
        if v <= _MAXID:
            return v
    return None


def _user(text, named=None):
    """uid for a user name or number, or None; `named` (a list) gets
    whether it was a name."""
    import pwd
    if text[:1] != "+":
        try:
            uid = pwd.getpwnam(text).pw_uid
            if named is not None:
                named.append(True)
            return uid
        except (KeyError, ValueError):
            pass
    return _numeric(text[1:] if text[:1] == "+" else text)


def _group(text, named=None):
    import grp
    if text[:1] != "+":
        try:
            gid = grp.getgrnam(text).gr_gid
            if named is not None:
                named.append(True)
            return gid
        except (KeyError, ValueError):
            pass
    return _numeric(text[1:] if text[:1] == "+" else text)


def parse_spec(prog, spec, warn_dot=True):
    """gnulib's parse_user_spec: (uid, gid, user name, group name), -1 for
    what is not to change.  Raises Fail with GNU's message."""
    colon = spec.find(":")
    sep = colon
    if colon < 0:
        dot = spec.find(".")
        if dot >= 0 and _user(spec) is None:
            # `user.group`, as GNU still accepts (with a warning)
            try:
                uid, gid, un, gn = parse_spec(prog, spec[:dot] + ":" + spec[dot + 1:], False)
            except Fail:
                uid = None
            if uid is not None:
                if warn_dot:
                    warn(prog, "warning: '.' should be ':': %s" % quote(spec))
                return uid, gid, un, gn
    u = spec[:sep] if sep >= 0 else spec
    g = spec[sep + 1:] if sep >= 0 else ""
    uid = gid = -1
    uname = gname = None
    if u:
        named = []
        uid = _user(u, named)
        if uid is None:
            raise Fail("invalid user: %s" % quote(spec))
        uname = u if named else None
        if sep >= 0 and not g:
            import pwd
            try:
                gid = pwd.getpwnam(u).pw_gid
            except (KeyError, ValueError):
                raise Fail("invalid spec: %s" % quote(spec)) from None
            from multicall.fileops import group_name
            gname = group_name(gid)
    if g:
        named = []
        gid = _group(g, named)
        if gid is None:
            raise Fail("invalid group: %s" % quote(spec))
        gname = g if named else None
    return uid, gid, uname, gname


class _Run:
    pass


def main(argv):
    chgrp = argv[0] == "chgrp"
    opts = (CHGRP_SPEC if chgrp else SPEC).parse(argv)
    x = _Run()
    x.prog = prog = opts.prog
    x.silent = opts.silent
    x.verbosity = OFF
    for d in opts.given:
        if d == "verbose":
            x.verbosity = HIGH
        elif d == "changes":
            x.verbosity = CHANGES
    files = list(opts.operands)
    from multicall.fileops import group_name, user_name
    x.names = {}
    if opts.reference is not None:
        try:
            st = os.stat(os.fsencode(opts.reference))
        except OSError as e:
            raise Fail("failed to get attributes of %s: %s" % (quoteaf(os.fsencode(opts.reference)),
                                                              e.strerror)) from None
        if chgrp:
            uid, gid, uname, gname = -1, st.st_gid, None, group_name(st.st_gid)
        else:
            uid, gid, uname, gname = st.st_uid, st.st_gid, user_name(st.st_uid), group_name(st.st_gid)
    else:
        if not files:
            raise Usage("missing operand")
        spec = files.pop(0)
        if not files:
            raise Usage("missing operand after %s" % quote(spec))
        if chgrp:
            named = []
            gid = _group(spec, named) if spec else -1
            if gid is None:
                raise Fail("invalid group: %s" % quote(spec))
            uid, uname, gname = -1, None, spec if spec else None  # chgrp keeps the spelling
        else:
            uid, gid, uname, gname = parse_spec(prog, spec)
            if uname is None and gname is not None:
                uname = ""  # so that messages say "ownership ... :GROUP"
    if not files:
        raise Usage("missing operand")
    x.uid, x.gid, x.uname, x.gname = uid, gid, uname, gname
    x.req_uid = x.req_gid = -1
    if not chgrp and opts.from_ is not None:
        x.req_uid, x.req_gid, _, _ = parse_spec(prog, opts.from_)
    recursive = opts.recursive
    follow = opts.follow or "P"
    deref = opts.deref if opts.deref is not None else -1
    if recursive:
        if follow == "P":
            if deref == 1:
                raise Fail("-R --dereference requires either -H or -L")
            deref = 0
    else:
        follow = "P"
    x.deref = deref != 0
    x.recursive = recursive
    x.root = root_stat() if recursive and opts.preserve_root else None
    x.out = stdout()
    ok = True
    for f in files:
        if not chown_tree(x, os.fsencode(f), follow):
            ok = False
    return 0 if ok else 1


def _uname(x, uid):
    key = ("u", uid)
    if key not in x.names:
        from multicall.fileops import user_name
        x.names[key] = user_name(uid)
    return x.names[key]


def _gname(x, gid):
    key = ("g", gid)
    if key not in x.names:
        from multicall.fileops import group_name
        x.names[key] = group_name(gid)
    return x.names[key]


def chown_tree(x, path, follow):
    ok = True
    recursive = x.recursive
    unread = False  # the directory just reported as unreadable is left alone, as GNU
    for e in walk.Walker([path], follow=follow, order="fts"):
        kind = e.kind
        if kind == walk.PRE:
            if recursive:
                if x.root is not None:
                    st = e.stat()
                    if (st.st_dev, st.st_ino) == x.root:
                        root_warning(x.prog, e.path)
                        e.prune()
                        e.skip = True
                        ok = False
                continue
            e.prune()
        elif kind == walk.POST:
            if not recursive or getattr(e, "skip", False) or unread:
                unread = False
                continue
        elif kind == walk.ERROR:
            if e.stage in ("open", "read"):
                if not x.silent:
                    warn(x.prog, "cannot read directory %s" % quoteaf(e.path), e.error.strerror)
                _describe(x, e.path, "fail", None)
                ok = False
                unread = True
                continue
            if not x.silent:
                if e.stage == "stat":
                    warn(x.prog, "cannot access %s" % quoteaf(e.path), e.error.strerror)
                else:
                    warn(x.prog, quotef(e.path), e.error.strerror)
            _describe(x, e.path, "fail", None)
            ok = False
            continue
        elif kind == walk.LOOP:
            write_err("%s: WARNING: Circular directory structure.\n"
                      "This almost certainly means that you have a corrupted file system.\n"
                      "NOTIFY YOUR SYSTEM MANAGER.\n"
                      "The following directory is part of the cycle:\n  %s\n" % (x.prog, quoteaf(e.path)))
            ok = False
            continue
        if not change(x, e):
            ok = False
    return ok


def change(x, e):
    try:
        st = e.stat()
    except OSError as err:
        if not x.silent:
            warn(x.prog, "cannot access %s" % quoteaf(e.path), err.strerror)
        _describe(x, e.path, "fail", None)
        return False
    is_link = (st.st_mode & walk.S_IFMT) == walk.S_IFLNK
    if is_link and x.deref:
        try:
            st = os.stat(e.name, dir_fd=e.dir_fd)
        except OSError as err:
            if not x.silent:
                warn(x.prog, "cannot dereference %s" % quoteaf(e.path), err.strerror)
            _describe(x, e.path, "fail", None)
            return False
    uid, gid = x.uid, x.gid
    do = ((x.req_uid == -1 or x.req_uid == st.st_uid) and (x.req_gid == -1 or x.req_gid == st.st_gid))
    ok = True
    if do:
        try:
            if e.dir_fd is None:
                os.chown(e.name, uid, gid, follow_symlinks=x.deref)
            else:
                os.chown(e.name, uid, gid, dir_fd=e.dir_fd, follow_symlinks=x.deref)
        except OSError as err:
            ok = False
            if not x.silent:
                warn(x.prog, "%s %s" % ("changing ownership of" if uid != -1 else "changing group of",
                                        quoteaf(e.path)), err.strerror)
    if x.verbosity != OFF:
        changed = do and ok and not ((uid == -1 or uid == st.st_uid) and (gid == -1 or gid == st.st_gid))
        if changed or x.verbosity == HIGH:
            _describe(x, e.path, "fail" if not ok else "ok" if changed else "same", st)
    return ok


def _spec(user, group):
    if user is not None:
        return "%s:%s" % (user, group) if group is not None else user
    return group


def _describe(x, path, how, st):
    if x.verbosity == OFF:
        return
    user, group = x.uname, x.gname
    if user is None and x.uid != -1:
        user = str(x.uid)
    if group is None and x.gid != -1:
        group = str(x.gid)
    spec = _spec(user, group)
    old = None
    if st is not None:
        old = _spec(_uname(x, st.st_uid) if user is not None else None,
                    _gname(x, st.st_gid) if group is not None else None)
    name = quoteaf(path)
    if how == "ok":
        if user is not None:
            line = "changed ownership of %s from %s to %s\n" % (name, old, spec)
        elif group is not None:
            line = "changed group of %s from %s to %s\n" % (name, old, spec)
        else:
            line = "no change to ownership of %s\n" % name
    elif how == "fail":
        if old is not None:
            line = ("failed to change ownership of %s from %s to %s\n" % (name, old, spec) if user is not None
                    else "failed to change group of %s from %s to %s\n" % (name, old, spec) if group is not None
                    else "failed to change ownership of %s\n" % name)
        else:
            line = ("failed to change ownership of %s to %s\n" % (name, spec) if user is not None
                    else "failed to change group of %s to %s\n" % (name, spec) if group is not None
                    else "failed to change ownership of %s\n" % name)
    else:
        line = ("ownership of %s retained as %s\n" % (name, old) if user is not None
                else "group of %s retained as %s\n" % (name, old) if group is not None
                else "ownership of %s retained\n" % name)
    x.out.write(line.encode("utf-8", "surrogateescape"))
