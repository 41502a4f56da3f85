"""df: report file system space usage, as GNU coreutils 9.1 does.

The mount table comes from /proc/self/mountinfo (multicall/fsinfo.py)
and the numbers from os.statvfs, one call per file system shown.  Without
-a, pseudo file systems (GNU's "dummy" types, and any with no blocks) are
hidden and a device mounted more than once is shown once, chosen by GNU's
rules (a real /dev name wins, then the mount nearer the root, then a
later mount over the same directory).  Sizes are rounded up and -h/-H
scaled by gnulib's human_readable (multicall/human.py).
"""
import os

from multicall.errors import Fail, Usage, quote, quotef, warn
from multicall.options import CONST, Spec, opt

SPEC = Spec("[OPTION]... [FILE]...",
            "Show information about the file system on which each FILE resides,\n"
            "or all file systems by default.\n\n"
            "Mandatory arguments to long options are mandatory for short options too.",
            opt("-a, --all", "include pseudo, duplicate, inaccessible file systems"),
            opt("-B SIZE", None, dest="scale", type=lambda v: ("-B", v)),
            opt("--block-size=SIZE", "(-B SIZE) scale sizes by SIZE before printing them; e.g.,\n"
                "  '-BM' prints sizes in units of 1,048,576 bytes;\n  see SIZE format below",
                dest="scale", type=lambda v: ("--block-size", v)),
            opt("-h, --human-readable", "print sizes in powers of 1024 (e.g., 1023M)", dest="scale",
                kind=CONST, const=("h", None)),
            opt("-H, --si", "print sizes in powers of 1000 (e.g., 1.1G)", dest="scale", kind=CONST,
                const=("H", None)),
            opt("-i, --inodes", "list inode information instead of block usage"),
            opt("-k", "like --block-size=1K", dest="scale", kind=CONST, const=("k", None)),
            opt("-l, --local", "limit listing to local file systems"),
            opt("-m", None, dest="scale", kind=CONST, const=("m", None)),  # BusyBox's: like -BM
            opt("--no-sync", "do not invoke sync before getting usage info (default)", dest="sync",
                kind=CONST, const=False),
            opt("--output[=FIELD_LIST]", "use the output format defined by FIELD_LIST,\n"
                "  or print all fields if FIELD_LIST is omitted.", kind="list"),
            opt("-P, --portability", "use the POSIX output format"),
            opt("--sync", "invoke sync before getting usage info", dest="sync", kind=CONST, const=True),
            opt("--total", "elide all entries insignificant to available space,\n  and produce a grand total"),
            opt("-t, --type=TYPE", "limit listing to file systems of type TYPE", kind="list"),
            opt("-T, --print-type", "print file system type"),
            opt("-x, --exclude-type=TYPE", "limit listing to file systems not of type TYPE", kind="list"),
            opt("-v", "(ignored)"),
            epilog="Display values are in units of the first available SIZE from --block-size,\n"
            "and the DF_BLOCK_SIZE, BLOCK_SIZE and BLOCKSIZE environment variables.\n"
            "Otherwise, units default to 1024 bytes (or 512 if POSIXLY_CORRECT is set).\n\n"
            "The SIZE argument is an integer and optional unit (example: 10K is 10*1024).\n"
            "Units are K,M,G,T,P,E,Z,Y (powers of 1024) or KB,MB,... (powers of 1000).\n"
            "Binary prefixes can be used, too: KiB=K, MiB=M, and so on.\n\n"
            "FIELD_LIST is a comma-separated list of columns to be included.  Valid\n"
            "field names are: 'source', 'fstype', 'itotal', 'iused', 'iavail', 'ipcent',\n"
            "'size', 'used', 'avail', 'pcent', 'file' and 'target' (see info page).")

FIELDS = ("source", "fstype", "itotal", "iused", "iavail", "ipcent", "size", "used", "avail", "pcent", "file",
          "target")
# default caption, minimum width, left aligned, kind (block/inode/other)
_DATA = {"source": ("Filesystem", 14, True, None), "fstype": ("Type", 4, True, None),
         "itotal": ("Inodes", 5, False, "i"), "iused": ("IUsed", 5, False, "i"),
         "iavail": ("IFree", 5, False, "i"), "ipcent": ("IUse%", 4, False, "i"),
         "size": ("blocks", 5, False, "b"), "used": ("Used", 5, False, "b"),
         "avail": ("Available", 5, False, "b"), "pcent": ("Use%", 4, False, "b"),
         "file": ("File", 4, True, None), "target": ("Mounted on", 0, True, None)}
UMAX = (1 << 64) - 1


def _known(n):
    return n < UMAX - 1


class Usage_:
    """statvfs numbers as gnulib's struct fs_usage."""

    __slots__ = ("blocksize", "blocks", "bfree", "bavail", "bavail_neg", "files", "ffree")

    def __init__(self, blocksize, blocks, bfree, bavail, bavail_neg, files, ffree):
        self.blocksize = blocksize
        self.blocks = blocks
        self.bfree = bfree
        self.bavail = bavail
        self.bavail_neg = bavail_neg
        self.files = files
        self.ffree = ffree


def _fs_usage(path):
    sv = os.statvfs(path)
    bavail = sv.f_bavail
    neg = bool(bavail & (1 << 63))
    return Usage_(sv.f_frsize or sv.f_bsize, sv.f_blocks, sv.f_bfree, bavail, neg, sv.f_files, sv.f_ffree)


def _unknown_usage():
    return Usage_(UMAX, UMAX, UMAX, UMAX, False, UMAX, UMAX)


class Df:
    def __init__(self, prog):
        self.prog = prog
        self.rows = []
        self.status = 0
        self.processed = False
        self.grand = Usage_(1, 0, 0, 0, False, 0, 0)

    # -- one row -------------------------------------------------------------------

    def values(self, fsu):
        """(block values, inode values): dicts as GNU's field_values_t."""
        iv = {"in": 1, "out": 1, "total": fsu.files, "avail": fsu.ffree, "root": fsu.ffree, "neg_avail": False,
              "neg_used": False}
        iv["used"] = fsu.files - fsu.ffree if _known(fsu.files) and _known(fsu.ffree) else UMAX
        bv = {"in": fsu.blocksize, "out": self.block, "total": fsu.blocks, "avail": fsu.bavail,
              "root": fsu.bfree, "neg_avail": fsu.bavail_neg and _known(fsu.bavail)}
        if _known(fsu.blocks) and _known(fsu.bfree):
            used = fsu.blocks - fsu.bfree
            bv["neg_used"] = fsu.blocks < fsu.bfree
            bv["used"] = -used if bv["neg_used"] else used
        else:
            bv["used"] = UMAX
            bv["neg_used"] = False
        if bv["neg_avail"]:
            bv["avail"] = (1 << 64) - fsu.bavail
        return bv, iv

    def readable(self, negative, n, in_units, out_units, opts):
        from multicall.human import human_readable
        if not _known(n) and not negative:
            return "-"
        text = human_readable(n, opts, in_units, out_units)
        return "-" + text if negative else text

    def add_row(self, device, mount_point, file, fstype, fsu, is_total=False):
        bv, iv = self.values(fsu)
        if self.total and not is_total:
            g = self.grand
            if _known(iv["total"]):
                g.files += iv["total"]
            if _known(iv["avail"]):
                g.ffree += iv["avail"]
            if _known(bv["total"]):
                g.blocks += bv["in"] * bv["total"]
            if _known(bv["root"]):
                g.bfree += bv["in"] * bv["root"]
            if _known(fsu.bavail):
                # (add with the sign GNU tracks in a separate flag)
                v = bv["in"] * bv["avail"]
                cur = -g.bavail if g.bavail_neg else g.bavail
                cur += -v if bv["neg_avail"] else v
                g.bavail_neg = cur < 0
                g.bavail = -cur if cur < 0 else cur
        row = []
        for f in self.fields:
            kind = _DATA[f][3]
            v = bv if kind == "b" else iv
            if f == "source":
                cell = device
            elif f == "fstype":
                cell = fstype
            elif f in ("size", "itotal"):
                cell = self.readable(False, v["total"], v["in"], v["out"], self.opts if kind == "b" else
                                     self.iopts)
            elif f in ("used", "iused"):
                cell = self.readable(v["neg_used"], v["used"], v["in"], v["out"], self.opts if kind == "b" else
                                     self.iopts)
            elif f in ("avail", "iavail"):
                cell = self.readable(v["neg_avail"], v["avail"], v["in"], v["out"], self.opts if kind == "b" else
                                     self.iopts)
            elif f in ("pcent", "ipcent"):
                cell = _percent(v)
            elif f == "file":
                cell = file
            else:
                cell = mount_point
            if isinstance(cell, bytes):
                cell = cell.decode("utf-8", "surrogateescape")
            row.append("".join("?" if ord(c) < 32 or ord(c) == 127 else c for c in cell))
        self.rows.append(row)

    def get_dev(self, m, device, mount_point, file, fstype, dummy, remote, process_all, stat_file=None):
        if remote and self.local:
            return
        if dummy and not self.all and not self.listed:
            return
        if not self.selected(fstype):
            return
        if mount_point is not None and not mount_point.startswith(b"/"):
            return
        if stat_file is None:
            stat_file = mount_point if mount_point is not None else device
        try:
            fsu = _fs_usage(stat_file)
        except OSError as e:
            if process_all and e.errno in (13, 2):
                if not self.all:
                    return
                fstype = b"-"
                fsu = _unknown_usage()
            else:
                warn(self.prog, "%s: %s" % (quotef(stat_file), e.strerror))
                self.status = 1
                return
        else:
            if process_all and self.all:
                try:
                    st = os.stat(stat_file)
                    winner = self.dev_table.get(st.st_dev)
                    if winner is not None and winner.devname != device:
                        fstype = b"-"
                        fsu = _unknown_usage()
                except OSError:
                    pass
        if fsu.blocks == 0 and not self.all and not self.listed:
            return
        self.processed = True
        if device is None:
            device = b"-"
        if file is None:
            file = b"-"
        if process_all and device.startswith(b"/"):
            try:
                device = os.path.realpath(device, strict=True)
            except OSError:
                pass
        self.add_row(device, mount_point, file, fstype if fstype is not None else b"-", fsu)

    def selected(self, fstype):
        if fstype is None:
            return not self.types
        t = fstype.decode("utf-8", "surrogateescape")
        if self.types and t not in self.types:
            return False
        return t not in self.excluded


def _percent(v):
    used, avail = v["used"], v["avail"]
    pct = -1.0
    if not _known(used) or not _known(avail):
        pass
    elif not v["neg_used"] and used <= UMAX // 100 and used + avail != 0 and not v["neg_avail"]:
        u100 = used * 100
        total = used + avail
        pct = u100 // total + (1 if u100 % total else 0)
    else:
        u = -float(used) if v["neg_used"] else float(used)
        a = -float(avail) if v["neg_avail"] else float(avail)
        total = u + a
        if total:
            pct = u * 100 / total
            ipct = float(int(pct))
            if ipct - 1 < pct <= ipct + 1:
                pct = ipct + (1 if ipct < pct else 0)
    if pct >= 0:
        return "%.0f%%" % pct
    return "-"


def _filter(df, mounts, devices_only):
    """GNU's filter_mount_list: one entry per device (returns the kept
    list, and fills df.dev_table with the winner per device)."""
    table = {}
    order = []
    for m in mounts:
        dev = None
        if (m.remote and df.local) or (m.dummy and not df.all and not df.listed) or \
                not df.selected(m.type):
            dev = m.dev
        else:
            try:
                dev = os.stat(m.mountdir).st_dev
            except OSError:
                dev = m.dev
            else:
                seen = table.get(dev)
                if seen is not None:
                    old = seen[0]
                    target_nearer = len(old.mountdir) > len(m.mountdir)
                    source_below = len(old.mntroot) < len(m.mntroot)
                    if not df.total and m.remote and old.remote and old.devname != m.devname:
                        pass  # keep both
                    elif (b"/" in m.devname and b"/" not in old.devname) or (target_nearer and not source_below) \
                            or (old.devname != m.devname and m.mountdir == old.mountdir):
                        seen[0] = m
                        continue
                    else:
                        continue
        slot = [m]
        table[dev] = slot
        order.append(slot)
    df.dev_table = {d: s[0] for d, s in table.items()}
    if devices_only:
        return mounts
    return [s[0] for s in order]


def _find_mount(df, mounts, name, st):
    """GNU's get_point: the mount entry for a file."""
    best = None
    try:
        resolved = os.path.realpath(name, strict=True)
    except OSError:
        resolved = None
    if resolved is not None and resolved.startswith(b"/"):
        best_len = 0
        rl = len(resolved)
        for m in mounts:
            if m.type != b"lofs" and (best is None or best.dummy or not m.dummy):
                n = len(m.mountdir)
                if best_len <= n <= rl and (n == 1 or ((n == rl or resolved[n:n + 1] == b"/")
                                                       and resolved[:n] == m.mountdir)):
                    best = m
                    best_len = n
    if best is not None:
        try:
            if os.stat(best.mountdir).st_dev != st.st_dev:
                best = None
        except OSError:
            best = None
    if best is None:
        for m in mounts:
            if m.dev == st.st_dev and m.type != b"lofs" and (best is None or best.dummy or not m.dummy):
                try:
                    if os.stat(m.mountdir).st_dev == m.dev:
                        best = m
                except OSError:
                    pass
    return best


def _mount_point_of(name, st):
    """The directory where the file system holding `name` is mounted (by
    climbing until the device changes)."""
    d = name if (st.st_mode & 0o170000) == 0o040000 else (os.path.dirname(name) or b".")
    try:
        cur = os.stat(d)
    except OSError:
        return None
    path = d
    while True:
        try:
            up = os.stat(path + b"/..")
        except OSError:
            return None
        if up.st_dev != cur.st_dev or up.st_ino == cur.st_ino:
            break
        path += b"/.."
        cur = up
    return os.path.realpath(path)


def main(argv):
    opts = SPEC.parse(argv)
    prog = opts.prog
    from multicall import human
    from multicall.numbers import OK
    df = Df(prog)
    header_mode = "default"
    output_fields = None
    for dest in opts.given:
        if dest == "inodes":
            if header_mode == "output":
                raise Usage("options -i and --output are mutually exclusive")
            header_mode = "inodes"
        elif dest == "portability":
            if header_mode == "output":
                raise Usage("options -P and --output are mutually exclusive")
        elif dest == "output":
            if header_mode == "inodes":
                raise Usage("options -i and --output are mutually exclusive")
            if opts.portability:
                raise Usage("options -P and --output are mutually exclusive")
            header_mode = "output"
    if header_mode == "output" and opts.print_type:
        raise Usage("options -T and --output are mutually exclusive")
    if header_mode == "output":
        # each --output=LIST adds its fields; a bare --output adds none
        output_fields = []
        for spec in opts.output:
            for word in (spec.split(",") if spec is not None else ()):
                if word not in FIELDS:
                    raise Usage("option --output: field %s unknown" % quote(word))
                if word in output_fields:
                    raise Usage("option --output: field %s used more than once" % quote(word))
                output_fields.append(word)
        if not output_fields:
            output_fields = list(FIELDS)
    bits = block = None
    if opts.scale is not None:
        bits, block = human.scale_option(*opts.scale)
    types = set(opts.type)
    excluded = set(opts.exclude_type)
    for t in opts.type:
        if t in excluded:
            raise Fail("file system type %s both selected and excluded" % quote(t))
    if bits is None:
        if opts.portability:
            bits, block = 0, (512 if "POSIXLY_CORRECT" in os.environ else 1024)
        else:
            err, bits, block = human.block_options(os.environ.get("DF_BLOCK_SIZE"))
            if err != OK:
                err, bits, block = human.block_options(None)
    if header_mode not in ("inodes", "output"):
        if bits & human.AUTOSCALE:
            header_mode = "human"
        elif opts.portability:
            header_mode = "posix"
    df.opts = bits
    df.iopts = bits
    df.block = block
    df.all = opts.all
    df.local = opts.local
    df.types = types
    df.excluded = excluded
    df.total = opts.total
    # the columns and their captions
    captions = {}
    if header_mode == "output":
        fields = output_fields
        captions.update({"size": "Size", "avail": "Avail"})
    elif header_mode == "inodes":
        fields = ["source"] + (["fstype"] if opts.print_type else []) + ["itotal", "iused", "iavail", "ipcent",
                                                                           "target"]
    else:
        fields = ["source"] + (["fstype"] if opts.print_type else []) + ["size", "used", "avail", "pcent", "target"]
        if header_mode == "human":
            captions.update({"size": "Size", "avail": "Avail"})
        elif header_mode == "posix":
            captions.update({"avail": "Available", "pcent": "Capacity"})
    df.fields = fields
    header = []
    for f in fields:
        cap = captions.get(f, _DATA[f][0])
        if f == "size" and (header_mode == "default" or (header_mode == "output" and not bits & human.AUTOSCALE)):
            cap = _blocks_caption(block, bits) + "-blocks"
        elif f == "size" and header_mode == "posix":
            cap = "%d-blocks" % block
        header.append(cap)
    if opts.sync:
        os.sync()
    from multicall import fsinfo
    try:
        mounts = fsinfo.read_mounts()
    except OSError as e:
        mounts = None
        mount_error = e
    names = [os.fsencode(a) for a in opts.operands]
    df.listed = bool(names)  # GNU's show_listed_fs: named files show pseudo file systems too
    stats = []
    for name in names:
        try:
            try:
                fd = os.open(name, os.O_RDONLY | os.O_NOCTTY | os.O_NONBLOCK | os.O_CLOEXEC)
            except OSError:
                st = os.stat(name)
            else:
                try:
                    st = os.fstat(fd)
                finally:
                    os.close(fd)
        except OSError as e:
            warn(prog, "%s: %s" % (quotef(name), e.strerror))
            df.status = 1
            st = None
        stats.append(st)
    if mounts is None:
        if not names:
            raise Fail("cannot read table of mounted file systems: %s" % mount_error.strerror)
        mounts = []
    if not names:
        shown = _filter(df, mounts, df.all)
        for m in shown:
            df.get_dev(m, m.devname, m.mountdir, None, m.type, m.dummy, m.remote, True)
    else:
        _filter(df, mounts, True)
        for name, st in zip(names, stats):
            if st is None:
                continue
            t = st.st_mode & 0o170000
            if t in (0o060000, 0o020000):
                # a device node: the file system mounted from it
                done = False
                try:
                    real = os.path.realpath(name, strict=True)
                except OSError:
                    real = name
                for m in mounts:
                    try:
                        dreal = os.path.realpath(m.devname, strict=True) if m.devname.startswith(b"/") else None
                    except OSError:
                        dreal = None
                    if dreal == real:
                        df.get_dev(m, m.devname, m.mountdir, name, m.type, m.dummy, m.remote, False)
                        done = True
                        break
                if done:
                    continue
            m = _find_mount(df, mounts, name, st)
            if m is not None:
                df.get_dev(m, m.devname, m.mountdir, name, m.type, m.dummy, m.remote, False,
                           stat_file=name)
            else:
                mp = _mount_point_of(name, st)
                df.get_dev(None, None, mp, name, None, False, False, False, stat_file=name)
    if df.processed and df.total:
        g = df.grand
        fields_ = df.fields
        df.add_row(b"total", b"-" if "source" in fields_ else b"total", b"-", b"-", g, is_total=True)
    if not df.processed:
        if df.status == 0:
            raise Fail("no file systems processed")
        return df.status
    _print_table(df, header)
    return df.status


def _blocks_caption(block, bits):
    """The `1K` of GNU's `1K-blocks`: the block size in the base that
    divides it more exactly."""
    from multicall import human
    opts = human.SUPPRESS_POINT_ZERO | human.AUTOSCALE | human.SI | (bits & (human.GROUP | human.BASE_1024 | human.B))
    q1000 = q1024 = block
    while True:
        d1000 = q1000 % 1000 == 0
        q1000 //= 1000
        d1024 = q1024 % 1024 == 0
        q1024 //= 1024
        if not (d1000 and d1024):
            break
    if d1000 < d1024:
        opts |= human.BASE_1024
    if d1024 < d1000:
        opts &= ~human.BASE_1024
    if not opts & human.BASE_1024:
        opts |= human.B
    return human.human_readable(block, opts, 1, 1)


def _print_table(df, header):
    from multicall.stdio import stdout
    rows = [header] + df.rows
    n = len(df.fields)
    widths = []
    for i, f in enumerate(df.fields):
        widths.append(max([_DATA[f][1]] + [_width(r[i]) for r in rows]))
    out = []
    for r in rows:
        cells = []
        for i, f in enumerate(df.fields):
            c = r[i]
            pad = widths[i] - _width(c)
            if i == n - 1 and _DATA[f][2]:
                cells.append(c)
            elif _DATA[f][2]:
                cells.append(c + " " * pad)
            else:
                cells.append(" " * pad + c)
        out.append(" ".join(cells))
    stdout().write(("\n".join(out) + "\n").encode("utf-8", "surrogateescape"))


def _width(s):
    if s.isascii():
        return len(s)
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1
               for c in s)
