"""hostname: show or set the system's host name (or NIS domain name).

Debian's hostname 3.23 (the net-tools lineage), whose options include
BusyBox's -s -i -d -f -F: with no argument the name gethostname(2) gives;
-s cut at the first dot; -f the FQDN (getaddrinfo's canonical name) and -d
its part after the first dot; -a the resolver's aliases; -i the host
name's addresses; -I every address of every interface that is up (no
loopback, no IPv6 link-local); -A the names those addresses resolve back
to; -y the NIS domain name.  With NAME, or -F FILE (its first line that is
not a # comment, blanks stripped), the name is set (root only): it must be
dot-separated labels of letters, digits and inner hyphens.  -b with -F
tolerates a missing or empty file, keeping the current name (or setting
`localhost` when there is none).  Exit 1 for errors, 255 for a bad
command line, as Debian's.

Fast for the plain case: gethostname is uname(2) through the built-in
posix module; socket (and ctypes, for -I and -A's getifaddrs) are loaded
only by the options that need them.
"""
import posix

from multicall.errors import Exit, Fail, Usage
from multicall.options import CONST, Spec, opt
from multicall.stdio import stdout

SPEC = Spec(("[-b] {hostname|-F file}", "[-a|-A|-d|-f|-i|-I|-s|-y]"),
            "Show or set the system's host name, or its NIS domain name.",
            opt("-a, --alias", "alias names", dest="type", kind=CONST, const="a"),
            opt("-A, --all-fqdns", "all long host names (FQDNs)", dest="type", kind=CONST, const="A"),
            opt("-b, --boot", "set default hostname if none available"),
            opt("-d, --domain", "DNS domain name", dest="type", kind=CONST, const="d"),
            opt("-f, --fqdn, --long", "long host name (FQDN)", dest="type", kind=CONST, const="f"),
            opt("-F, --file=FILE", "read host name or NIS domain name from given file"),
            opt("-i, --ip-address", "addresses for the host name", dest="type", kind=CONST, const="i"),
            opt("-I, --all-ip-addresses", "all addresses for the host", dest="type", kind=CONST, const="I"),
            opt("-s, --short", "short host name", dest="type", kind=CONST, const="s"),
            opt("-y, --yp, --nis", "NIS/YP domain name", dest="type", kind=CONST, const="y"),
            opt("-h", None, kind="help"),
            opt("-V", None, kind="version"),
            operands=(0, 1), status=255)

_DOMAIN_FILE = b"/proc/sys/kernel/domainname"
_IFF_UP, _IFF_LOOPBACK = 0x1, 0x8


def valid_name(name):
    """Debian's check: dot-separated non-empty labels of letters, digits
    and hyphens, no label starting or ending with a hyphen."""
    if not name:
        return False
    for label in name.split("."):
        if not label or label[0] == "-" or label[-1] == "-":
            return False
        if not all(c.isascii() and (c.isalnum() or c == "-") for c in label):
            return False
    return True


def _out(text):
    stdout().write(text.encode("utf-8", "surrogateescape") + b"\n")


def read_name_file(path, boot):
    """The name in FILE: its first line that is not a comment, stripped.
    None when -b excuses a missing or empty file."""
    try:
        fd = posix.open(path.encode("utf-8", "surrogateescape"), posix.O_RDONLY)
    except OSError as e:
        if boot:
            return None
        raise Fail(e.strerror)
    try:
        chunks = []
        while True:
            b = posix.read(fd, 65536)
            if not b:
                break
            chunks.append(b)
            if len(chunks) > 64:
                break
    except OSError as e:
        raise Fail(e.strerror)
    finally:
        posix.close(fd)
    data = b"".join(chunks)
    if not data and boot:
        return None
    for line in data.split(b"\n"):
        if line.startswith(b"#"):
            continue
        return line.strip().decode("utf-8", "surrogateescape")
    return ""


def set_host_name(name):
    import socket
    try:
        socket.sethostname(name.encode("utf-8", "surrogateescape"))
    except OSError as e:
        if e.errno == 1:
            raise Fail("you must be root to change the host name")
        if e.errno == 22:
            raise Fail("name too long")
        raise Fail(e.strerror or str(e))


def set_nis_domain(name):
    try:
        fd = posix.open(_DOMAIN_FILE, posix.O_WRONLY)
        try:
            posix.write(fd, name.encode("utf-8", "surrogateescape"))
        finally:
            posix.close(fd)
    except OSError as e:
        if e.errno in (1, 13, 30):
            raise Fail("you must be root to change the domain name")
        if e.errno == 22:
            raise Fail("name too long")
        raise Fail(e.strerror or str(e))


def nis_domain():
    try:
        fd = posix.open(_DOMAIN_FILE, posix.O_RDONLY)
        try:
            name = posix.read(fd, 4096).rstrip(b"\n")
        finally:
            posix.close(fd)
    except OSError:
        name = b""
    if not name or name == b"(none)":
        # Debian's hostname says so on standard output
        stdout().write(b"hostname: Local domain name not set\n")
        raise Exit(1)
    return name.decode("utf-8", "surrogateescape")


def _gai_fail(e):
    return Fail(getattr(e, "strerror", None) or str(e))


def fqdn(host):
    import socket
    try:
        res = socket.getaddrinfo(host, None, 0, 0, 0, socket.AI_CANONNAME)
    except (OSError, UnicodeError) as e:
        raise _gai_fail(e) from None
    return res[0][3] if res and res[0][3] else host


def host_addresses(host):
    import socket
    try:
        res = socket.getaddrinfo(host, None, 0, socket.SOCK_DGRAM)
    except (OSError, UnicodeError) as e:
        raise _gai_fail(e) from None
    seen = []
    for family, _, _, _, sa in res:
        if sa[0] not in seen:
            seen.append(sa[0])
    return seen


def host_aliases(host):
    import socket
    try:
        return socket.gethostbyname_ex(host)[1]
    except (OSError, UnicodeError) as e:
        raise _gai_fail(e) from None


def interface_addresses():
    """getifaddrs(3): (family, sockaddr tuple) of every IPv4 and IPv6
    address on an interface that is up, not loopback, not link-local."""
    import ctypes
    import ctypes.util
    import socket

    class sockaddr(ctypes.Structure):
        _fields_ = [("sa_family", ctypes.c_ushort), ("sa_data", ctypes.c_ubyte * 14)]

    class ifaddrs(ctypes.Structure):
        pass

    ifaddrs._fields_ = [("ifa_next", ctypes.POINTER(ifaddrs)), ("ifa_name", ctypes.c_char_p),
                        ("ifa_flags", ctypes.c_uint), ("ifa_addr", ctypes.POINTER(sockaddr)),
                        ("ifa_netmask", ctypes.c_void_p), ("ifa_ifu", ctypes.c_void_p),
                        ("ifa_data", ctypes.c_void_p)]
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    head = ctypes.POINTER(ifaddrs)()
    if libc.getifaddrs(ctypes.byref(head)) != 0:
        err = ctypes.get_errno()
        raise Fail(posix.strerror(err))
    out = []
    try:
        p = head
        while p:
            ifa = p.contents
            p = ifa.ifa_next
            if not ifa.ifa_addr or ifa.ifa_flags & _IFF_LOOPBACK or not ifa.ifa_flags & _IFF_UP:
                continue
            fam = ifa.ifa_addr.contents.sa_family
            raw = ctypes.string_at(ifa.ifa_addr, 28 if fam == socket.AF_INET6 else 16)
            if fam == socket.AF_INET:
                out.append((fam, (socket.inet_ntop(fam, raw[4:8]), 0)))
            elif fam == socket.AF_INET6:
                addr = raw[8:24]
                if addr[0] == 0xFE and addr[1] & 0xC0 == 0x80:  # fe80::/10
                    continue
                if addr[0] == 0xFF and addr[1] & 0x0F == 0x02:  # multicast link-local
                    continue
                scope = int.from_bytes(raw[24:28], "little")
                out.append((fam, (socket.inet_ntop(fam, addr), 0, 0, scope)))
    finally:
        libc.freeifaddrs(head)
    return out


def display(kind):
    name = posix.uname().nodename
    if kind is None:
        return name
    if kind == "s":
        return name.partition(".")[0]
    if kind == "f":
        return fqdn(name)
    if kind == "d":
        full = fqdn(name)
        return full.partition(".")[2] if "." in full else None
    if kind == "a":
        return " ".join(host_aliases(name))
    if kind == "i":
        return " ".join(host_addresses(name))
    if kind == "y":
        return nis_domain()
    import socket
    parts = []
    for fam, sa in interface_addresses():
        if kind == "I":
            parts.append(sa[0] + " ")
            continue
        try:
            host, _ = socket.getnameinfo(sa, socket.NI_NAMEREQD)
        except OSError:
            continue
        parts.append(host + " ")
    return "".join(parts)


def main(argv):
    opts = SPEC.parse(argv)
    name = opts.operands[0] if opts.operands else None
    if opts.file is not None and name is not None:
        raise Usage("give a host name or -F FILE, not both", 255)
    if name is not None or opts.file is not None:
        if opts.type not in (None, "y"):
            raise Usage("cannot display and set the name at once", 255)
        if opts.file is not None:
            name = read_name_file(opts.file, opts.boot)
            if name is None:  # -b: keep the current name, or localhost
                current = posix.uname().nodename
                if current and current != "(none)":
                    return 0
                name = "localhost"
        if opts.type == "y":
            set_nis_domain(name)
            return 0
        if not valid_name(name):
            raise Fail("the specified hostname is invalid")
        set_host_name(name)
        return 0
    text = display(opts.type)
    if text is not None:  # -d prints nothing at all without a domain
        _out(text)
    return 0
