"""install: copy files and set attributes, with all of GNU install 9.1's
options.

A file is installed as GNU does it: an existing destination is removed (or
renamed to its backup), the new one is created with O_EXCL and mode 0600,
the data moves inside the kernel (multicall/copy.py's copy_data), `strip`
runs on it if -s asks (through multicall/process.py; --strip-program
names another), and only then are owner, group and the final mode set,
so the file is never more open than its final mode, even for a moment.
-C compares sizes, owners, modes and then the data in big chunks, and
leaves an identical destination untouched.  -d and -D create directories
one component at a time, as mkdir -p does.

SELinux: -Z is a no-op and --preserve-context warns without an SELinux
kernel (as GNU); on an SELinux kernel both are refused.
"""
import os

from multicall.errors import Fail, Usage, quote, quotef, warn
from multicall.options import Spec, opt

_EPILOG = """\
The backup suffix is '~', unless set with --suffix or SIMPLE_BACKUP_SUFFIX.
The version control method may be selected via the --backup option or through
the VERSION_CONTROL environment variable.  Here are the values:

  none, off       never make backups (even if --backup is given)
  numbered, t     make numbered backups
  existing, nil   numbered if numbered backups exist, simple otherwise
  simple, never   always make simple backups"""

SPEC = Spec(("[OPTION]... [-T] SOURCE DEST", "[OPTION]... SOURCE... DIRECTORY",
             "[OPTION]... -t DIRECTORY SOURCE...", "[OPTION]... -d DIRECTORY..."),
            "\nThis install program copies files (often just compiled) into destination\n"
            "locations you choose.  If you want to download and install a ready-to-use\n"
            "package on a GNU/Linux system, you should instead be using a package manager\n"
            "like yum(1) or apt-get(1).\n\n"
            "In the first three forms, copy SOURCE to DEST or multiple SOURCE(s) to\n"
            "the existing DIRECTORY, while setting permission modes and owner/group.\n"
            "In the 4th form, create all components of the given DIRECTORY(ies).\n\n"
            "Mandatory arguments to long options are mandatory for short options too.",
            opt("--backup[=CONTROL]", "make a backup of each existing destination file", kind="list"),
            opt("-b", "like --backup but does not accept an argument", dest="backup", kind="list"),
            opt("-c", "(ignored)"),
            opt("-C, --compare", "compare content of source and destination files, and\n  if no change to content,"
                " ownership, and permissions,\n  do not modify the destination at all"),
            opt("-d, --directory", "treat all arguments as directory names; create all\n  components of the"
                " specified directories"),
            opt("-D", "create all leading components of DEST except the last,\n  or all components of"
                " --target-directory,\n  then copy SOURCE to DEST"),
            opt("-g, --group=GROUP", "set group ownership, instead of process' current group"),
            opt("-m, --mode=MODE", "set permission mode (as in chmod), instead of rwxr-xr-x"),
            opt("-o, --owner=OWNER", "set ownership (super-user only)"),
            opt("-p, --preserve-timestamps", "apply access/modification times of SOURCE files\n  to"
                " corresponding destination files"),
            opt("-s, --strip", "strip symbol tables"),
            opt("--strip-program=PROGRAM", "program used to strip binaries"),
            opt("-S, --suffix=SUFFIX", "override the usual backup suffix"),
            opt("-t, --target-directory=DIRECTORY", "copy all SOURCE arguments into DIRECTORY"),
            opt("-T, --no-target-directory", "treat DEST as a normal file"),
            opt("-v, --verbose", "print the name of each directory as it is created"),
            opt("--preserve-context", "preserve SELinux security context"),
            opt("-Z", "set SELinux security context of destination\n  file and each created directory to"
                " default type"),
            opt("--context[=CTX]", "like -Z, or if CTX is specified then set the\n  SELinux or SMACK security"
                " context to CTX", kind="list"),
            epilog=_EPILOG)


def _qa(name):
    return quotef(name, always=True)


class _Install:
    def __init__(self, opts):
        from multicall import backup
        self.prog = opts.prog
        self.opts = opts
        self.verbose = opts.verbose
        self.out = None
        given = bool(opts.backup) or opts.suffix is not None
        self.backup = backup.kind_from(opts.backup[-1] if opts.backup else None, given)
        self.suffix = backup.suffix(opts.suffix)
        self.uid = self.gid = -1
        if opts.owner is not None:
            self.uid = _user(opts.owner)
        if opts.group is not None:
            self.gid = _group(opts.group)
        self.file_mode = 0o755
        self.dir_mode = 0o755
        if opts.mode is not None:
            from multicall import modes
            changes = modes.compile(opts.mode)
            if changes is None:
                raise Fail("invalid mode %s" % quote(opts.mode))
            self.file_mode = modes.adjust(0, changes, False, 0)
            self.dir_mode = modes.adjust(0, changes, True, 0)
        um = os.umask(0o22)
        os.umask(um)
        self.umask = um

    def say(self, line):
        if self.out is None:
            from multicall.stdio import stdout
            self.out = stdout()
        self.out.write(line.encode("utf-8", "surrogateescape") + b"\n")

    # -- directories ----------------------------------------------------------

    def make_dirs(self, path, last_attrs):
        """mkdir -p `path`; the last component gets -m/-o/-g when
        `last_attrs`.  True on success (errors are reported)."""
        comps = []
        p = path.rstrip(b"/") or path
        while True:
            comps.append(p)
            cut = p.rstrip(b"/").rfind(b"/")
            if cut <= 0:
                break
            p = p[:cut].rstrip(b"/") or b"/"
        comps.reverse()
        inter_mode = (0o777 & ~self.umask) | 0o300
        for i, c in enumerate(comps):
            last = i == len(comps) - 1
            try:
                st = os.stat(c)
                if (st.st_mode & 0o170000) != 0o040000:
                    warn(self.prog, "cannot create directory %s: Not a directory" % _qa(c))
                    return False
                continue
            except FileNotFoundError:
                pass
            except OSError as e:
                warn(self.prog, "cannot create directory %s: %s" % (_qa(c), e.strerror))
                return False
            try:
                os.mkdir(c, (self.dir_mode & 0o777 & 0o700) if (last and last_attrs) else inter_mode)
            except FileExistsError:
                continue
            except OSError as e:
                warn(self.prog, "cannot create directory %s: %s" % (_qa(c), e.strerror))
                return False
            if self.verbose:
                self.say("%s: creating directory %s" % (self.prog, _qa(c)))
            if not last_attrs or not last:
                if not (last and last_attrs):
                    try:
                        os.chmod(c, inter_mode)
                    except OSError:
                        pass
        if last_attrs:
            try:
                if self.uid != -1 or self.gid != -1:
                    os.chown(path, self.uid, self.gid)
                os.chmod(path, self.dir_mode)
            except OSError as e:
                warn(self.prog, "cannot change permissions of %s: %s" % (_qa(path), e.strerror))
                return False
        return True

    # -- files ------------------------------------------------------------------

    def install(self, src, dst):
        from multicall import backup, copy
        prog = self.prog
        opts = self.opts
        try:
            sfd = os.open(src, os.O_RDONLY | os.O_CLOEXEC)
        except OSError as e:
            try:
                os.stat(src)
                warn(prog, "cannot open %s for reading: %s" % (_qa(src), e.strerror))
            except OSError as e2:
                warn(prog, "cannot stat %s: %s" % (_qa(src), e2.strerror))
            return False
        try:
            st = os.fstat(sfd)
            if (st.st_mode & 0o170000) == 0o040000:
                warn(prog, "omitting directory %s" % _qa(src))
                return False
            try:
                dst_st = os.lstat(dst)
            except FileNotFoundError:
                dst_st = None
            except OSError as e:
                if e.errno == 20 and dst.endswith(b"/"):
                    dst_st = None
                else:
                    warn(prog, "cannot stat %s: %s" % (_qa(dst), e.strerror))
                    return False
            if dst_st is not None:
                try:
                    follow = os.stat(dst)
                except OSError:
                    follow = dst_st
                if (follow.st_dev, follow.st_ino) == (st.st_dev, st.st_ino):
                    warn(prog, "%s and %s are the same file" % (_qa(src), _qa(dst)))
                    return False
                if (dst_st.st_mode & 0o170000) == 0o040000:
                    warn(prog, "cannot overwrite directory %s with non-directory" % _qa(dst))
                    return False
                if opts.compare and self._same(sfd, st, dst, dst_st):
                    return True
            bk = None
            if dst_st is not None:
                if self.backup != "none":
                    try:
                        bk = backup.rename_away(dst, self.backup, self.suffix)
                    except OSError as e:
                        warn(prog, "cannot backup %s: %s" % (_qa(dst), e.strerror))
                        return False
                else:
                    try:
                        os.unlink(dst)
                    except OSError as e:
                        warn(prog, "cannot remove %s: %s" % (_qa(dst), e.strerror))
                        return False
                    if self.verbose:
                        self.say("removed %s" % _qa(dst))
            try:
                dfd = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
            except OSError as e:
                why = "Not a directory" if e.errno == 21 and dst.endswith(b"/") else e.strerror
                warn(prog, "cannot create regular file %s: %s" % (_qa(dst), why))
                return False
            try:
                try:
                    copy.copy_data(sfd, dfd, st)
                except copy._ReadError as e:
                    warn(prog, "error reading %s: %s" % (_qa(src), e.args[0].strerror))
                    return False
                except OSError as e:
                    warn(prog, "error writing %s: %s" % (_qa(dst), e.strerror))
                    return False
                if opts.strip and not self._strip(dst):
                    try:
                        os.unlink(dst)
                    except OSError:
                        pass
                    return False
                if opts.preserve_timestamps:
                    try:
                        os.utime(dfd, ns=(st.st_atime_ns, st.st_mtime_ns))
                    except OSError as e:
                        warn(prog, "cannot set timestamps for %s: %s" % (_qa(dst), e.strerror))
                        return False
                if self.uid != -1 or self.gid != -1:
                    try:
                        os.fchown(dfd, self.uid, self.gid)
                    except OSError as e:
                        warn(prog, "cannot change ownership of %s: %s" % (_qa(dst), e.strerror))
                        return False
                try:
                    os.fchmod(dfd, self.file_mode)
                except OSError as e:
                    warn(prog, "cannot change permissions of %s: %s" % (_qa(dst), e.strerror))
                    return False
            finally:
                os.close(dfd)
            if self.verbose:
                line = "%s -> %s" % (_qa(src), _qa(dst))
                if bk is not None:
                    line += " (backup: %s)" % _qa(bk)
                self.say(line)
            return True
        finally:
            os.close(sfd)

    def _same(self, sfd, st, dst, dst_st):
        """-C: True when `dst` already has the content and attributes."""
        if self.file_mode & 0o7000:
            return False
        if (dst_st.st_mode & 0o170000) != 0o100000 or (st.st_mode & 0o170000) != 0o100000:
            return False
        if dst_st.st_size != st.st_size or (dst_st.st_mode & 0o7777) != self.file_mode:
            return False
        uid = self.uid if self.uid != -1 else os.geteuid()
        gid = self.gid if self.gid != -1 else os.getegid()
        if dst_st.st_uid != uid or dst_st.st_gid != gid:
            return False
        try:
            dfd = os.open(dst, os.O_RDONLY | os.O_CLOEXEC)
        except OSError:
            return False
        try:
            pos = 0
            while True:
                a = os.pread(sfd, 1 << 20, pos)
                b = os.pread(dfd, 1 << 20, pos)
                if a != b:
                    return False
                if not a:
                    return True
                pos += len(a)
        except OSError:
            return False
        finally:
            os.close(dfd)

    def _strip(self, dst):
        from multicall import process
        strip = self.opts.strip_program or "strip"
        name = os.fsdecode(dst if not dst.startswith(b"-") else b"./" + dst)
        try:
            raw = process.run([strip, name])
        except OSError as e:
            warn(self.prog, "cannot run %s: %s" % (_qa(os.fsencode(strip)), e.strerror))
            return False
        if process.exit_code(raw) != 0:
            warn(self.prog, "strip process terminated abnormally")
            return False
        return True


def _user(name):
    import pwd
    try:
        return pwd.getpwnam(name).pw_uid
    except KeyError:
        pass
    if name.isdigit() and name.isascii():
        return int(name)
    raise Fail("invalid user %s" % quote(name))


def _group(name):
    import grp
    try:
        return grp.getgrnam(name).gr_gid
    except KeyError:
        pass
    if name.isdigit() and name.isascii():
        return int(name)
    raise Fail("invalid group %s" % quote(name))


def main(argv):
    from multicall import copy
    opts = SPEC.parse(argv)
    prog = opts.prog
    inst = _Install(opts)
    from applets.coreutils.cp import selinux_enabled
    if opts.preserve_context or opts.Z or opts.context:
        if selinux_enabled():
            raise Fail("cannot set security contexts: pybox has no SELinux support")
        if opts.preserve_context:
            warn(prog, "WARNING: ignoring --preserve-context; this kernel is not SELinux-enabled")
        if any(c is not None for c in opts.context):
            warn(prog, "warning: ignoring --context; it requires an SELinux-enabled kernel")
    operands = opts.operands
    status = 0
    if opts.directory:
        if opts.target_directory is not None or opts.no_target_directory:
            raise Usage("target directory not allowed when installing a directory")
        if not operands:
            raise Usage("missing file operand")
        for d in operands:
            if not inst.make_dirs(os.fsencode(d), True):
                status = 1
        return status
    if opts.D and opts.target_directory is not None:
        t = os.fsencode(opts.target_directory)
        if not copy.is_dir(t) and not inst.make_dirs(t, False):
            return 1
    try:
        if opts.target_directory is not None:
            t = os.fsencode(opts.target_directory)
            try:
                st = os.stat(t)
                if (st.st_mode & 0o170000) != 0o040000:
                    raise OSError(20, "Not a directory")
            except OSError as e:
                raise Fail("failed to access %s: %s" % (_qa(t), e.strerror))
        pairs = copy.targets(prog, operands, opts.target_directory, opts.no_target_directory)
    except Fail as e:
        if opts.D and len(operands) == 2 and not opts.target_directory:
            pairs = [(os.fsencode(operands[0]), os.fsencode(operands[1]))]
        else:
            raise e
    for src, dst in pairs:
        if opts.D and opts.target_directory is None:
            cut = dst.rstrip(b"/").rfind(b"/")
            if cut > 0 and not inst.make_dirs(dst[:cut], False):
                status = 1
                continue
        if not inst.install(src, dst):
            status = 1
    return status
