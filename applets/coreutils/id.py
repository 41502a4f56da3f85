"""id, whoami, groups: print user and group identities.

GNU coreutils 9.1's three tools, which share their group-list code: id's
default `uid=0(root) gid=0(root) groups=0(root)` (with euid=/egid= when
they differ from the real ones), -u -g -G with -n, -r and -z, USER
operands (names, or numbers that have a passwd entry); -a is accepted and
ignored; -Z is refused as GNU does on a kernel without SELinux, which is
what pybox assumes.  `whoami` is `id -un`; `groups [USER]...` lists group
names, with `USER : ` in front when users are named.

Fast: the pwd and grp modules are built in, and nothing else is loaded.
"""
import posix

from multicall.errors import Fail, quote, warn
from multicall.options import Spec, opt
from multicall.stdio import stdout

SPEC = Spec("[OPTION]... [USER]...",
            "Print user and group information for each specified USER,\n"
            "or (when USER omitted) for the current process.",
            opt("-a", "ignore, for compatibility with other versions", dest="ignored"),
            opt("-Z, --context", "print only the security context of the process"),
            opt("-g, --group", "print only the effective group ID"),
            opt("-G, --groups", "print all group IDs"),
            opt("-n, --name", "print a name instead of a number, for -ugG"),
            opt("-r, --real", "print the real ID instead of the effective ID, with -ugG"),
            opt("-u, --user", "print only the effective user ID"),
            opt("-z, --zero", "delimit entries with NUL characters, not whitespace;\n"
                "  not permitted in default format"),
            epilog="Without any OPTION, print some useful set of identified information.")

WHOAMI = Spec("[OPTION]...", "Print the user name associated with the current effective user ID.\n"
              "Same as id -un.", operands=(0, 0))

GROUPS = Spec("[OPTION]... [USERNAME]...",
              "Print group memberships for each USERNAME or, if no USERNAME is specified, for\n"
              "the current process (which may differ if the groups database has changed).")


def _warn(prog, message):
    """gnulib's error(): standard output is flushed first, so the two
    streams interleave as GNU's do."""
    from multicall.stdio import flush_stdout
    flush_stdout()
    warn(prog, message)


def _b(s):
    return s.encode("utf-8", "surrogateescape")


def _user_name(uid):
    import pwd
    try:
        return pwd.getpwuid(uid).pw_name
    except (KeyError, OverflowError):
        return None


def _group_name(gid):
    import grp
    try:
        return grp.getgrgid(gid).gr_name
    except (KeyError, OverflowError):
        return None


def group_ids(username, gid):
    """gnulib's mgetgroups: the groups of `username` (getgrouplist, with
    gid first) or of this process (gid, then getgroups()), without the
    duplicates of the first one or of a neighbour.  gid None: none given."""
    if username is not None:
        try:
            groups = posix.getgrouplist(username, gid if gid is not None else 0xFFFFFFFF)
        except OSError:
            groups = [gid] if gid is not None else []
    else:
        groups = posix.getgroups()
        if gid is not None:
            groups = [gid] + list(groups)
    out = []
    for g in groups:
        if out and (g == out[0] or g == out[-1]):
            continue
        out.append(g)
    return out


class _Printer:
    def __init__(self, prog):
        self.prog = prog
        self.ok = True
        self.parts = []

    def user(self, uid, use_name):
        if use_name:
            name = _user_name(uid)
            if name is not None:
                self.parts.append(name)
                return
            _warn(self.prog, "cannot find name for user ID %d" % uid)
            self.ok = False
        self.parts.append("%d" % uid)

    def group(self, gid, use_name):
        if use_name:
            name = _group_name(gid)
            if name is not None:
                self.parts.append(name)
                return
            _warn(self.prog, "cannot find name for group ID %d" % gid)
            self.ok = False
        self.parts.append("%d" % gid)

    def group_list(self, username, ruid, rgid, egid, use_name, delim):
        primary = egid
        if username is not None:
            name = _user_name(ruid)
            if name is None:
                self.ok = False
                primary = egid
            else:
                import pwd
                primary = pwd.getpwuid(ruid).pw_gid
        self.group(rgid, use_name)
        if egid != rgid:
            self.parts.append(delim)
            self.group(egid, use_name)
        for g in group_ids(username, primary):
            if g != rgid and g != egid:
                self.parts.append(delim)
                self.group(g, use_name)

    def full(self, username, ruid, rgid, euid, egid, pw_gid):
        def named(label, num, name):
            self.parts.append("%s=%d" % (label, num) + ("(%s)" % name if name is not None else ""))
        named("uid", ruid, _user_name(ruid))
        self.parts.append(" ")
        named("gid", rgid, _group_name(rgid))
        if euid != ruid:
            self.parts.append(" ")
            named("euid", euid, _user_name(euid))
        if egid != rgid:
            self.parts.append(" ")
            named("egid", egid, _group_name(egid))
        groups = group_ids(username, pw_gid if username is not None else egid)
        if groups:
            self.parts.append(" groups=")
            self.parts.append(",".join("%d" % g + ("(%s)" % n if n is not None else "")
                                       for g, n in ((g, _group_name(g)) for g in groups)))


def _lookup(spec):
    """parse_user_spec then getpwuid: a name, else a number with a
    passwd entry; None when there is no such user."""
    import pwd
    if not spec:
        return None
    try:
        return pwd.getpwnam(spec)
    except KeyError:
        pass
    s = spec.lstrip(" \t\n\v\f\r")
    if s[:1] == "+":
        s = s[1:]
    if not s.isascii() or not s.isdigit():
        return None
    n = int(s)
    if n >= 0xFFFFFFFF:
        return None
    try:
        return pwd.getpwuid(n)
    except KeyError:
        return None


def main_id(argv):
    opts = SPEC.parse(argv)
    if opts.context:
        raise Fail("--context (-Z) works only on an SELinux-enabled kernel")
    if opts.user + opts.group + opts.groups > 1:
        raise Fail('cannot print "only" of more than one choice')
    default = not (opts.user or opts.group or opts.groups)
    if default and (opts.real or opts.name):
        raise Fail("cannot print only names or real IDs in default format")
    if default and opts.zero:
        raise Fail("option --zero not permitted in default format")
    p = _Printer(opts.prog)
    delim = "\0" if opts.zero else " "
    end = "\0" if opts.zero else "\n"
    many = len(opts.operands) > 1

    def show(username, ruid, rgid, euid, egid, pw_gid):
        if opts.user:
            p.user(ruid if opts.real else euid, opts.name)
        elif opts.group:
            p.group(rgid if opts.real else egid, opts.name)
        elif opts.groups:
            p.group_list(username, ruid, rgid, egid, opts.name, delim)
        else:
            p.full(username, ruid, rgid, euid, egid, pw_gid)
        p.parts.append("\0\0" if opts.zero and opts.groups and many else end)
        stdout().write(_b("".join(p.parts)))
        del p.parts[:]

    if not opts.operands:
        show(None, posix.getuid(), posix.getgid(), posix.geteuid(), posix.getegid(), None)
    # GNU reports an empty USER with whatever errno is left over: ENOENT
    # from its start-up until a lookup has cleared it.
    stale = True
    for spec in opts.operands:
        pw = _lookup(spec)
        if pw is None:
            _warn(opts.prog, "%s: no such user%s" % (
                quote(spec), ": No such file or directory" if not spec and stale else ""))
            p.ok = False
            stale = stale and not spec
            continue
        stale = False
        show(pw.pw_name, pw.pw_uid, pw.pw_gid, pw.pw_uid, pw.pw_gid, pw.pw_gid)
    return 0 if p.ok else 1


def main_whoami(argv):
    WHOAMI.parse(argv)
    uid = posix.geteuid()
    name = _user_name(uid)
    if name is None:
        raise Fail("cannot find name for user ID %d" % uid)
    stdout().write(_b(name + "\n"))
    return 0


def main_groups(argv):
    opts = GROUPS.parse(argv)
    p = _Printer(opts.prog)
    if not opts.operands:
        p.group_list(None, posix.getuid(), posix.getgid(), posix.getegid(), True, " ")
        p.parts.append("\n")
        stdout().write(_b("".join(p.parts)))
        return 0 if p.ok else 1
    import pwd
    for name in opts.operands:
        try:
            pw = pwd.getpwnam(name)
        except KeyError:
            _warn(opts.prog, "%s: no such user" % quote(name))
            p.ok = False
            continue
        p.parts.append(name + " : ")
        p.group_list(name, pw.pw_uid, pw.pw_gid, pw.pw_gid, True, " ")
        p.parts.append("\n")
        stdout().write(_b("".join(p.parts)))
        del p.parts[:]
    return 0 if p.ok else 1


def main(argv):
    if argv[0] == "whoami":
        return main_whoami(argv)
    if argv[0] == "groups":
        return main_groups(argv)
    return main_id(argv)
