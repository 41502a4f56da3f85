"""ls's time stamps: the --time-style formats (with GNU nstrftime's %N,
%:z and %q, which the C library's strftime lacks)."""
import time as _time

def split_format(fmt):
    """Pieces of a strftime format: str pieces for time.strftime and
    ("N", width) / ("z", colons) / ("q",) for the GNU extensions."""
    out = []
    buf = []
    i = 0
    n = len(fmt)
    while i < n:
        c = fmt[i]
        if c != "%":
            buf.append(c)
            i += 1
            continue
        j = i + 1
        while j < n and fmt[j] in "_-0^#":
            j += 1
        k = j
        while k < n and fmt[k].isdigit():
            k += 1
        colons = 0
        while k < n and fmt[k] == ":":
            colons += 1
            k += 1
        if k >= n:
            buf.append(fmt[i:])
            break
        conv = fmt[k]
        if conv == "N":
            if buf:
                out.append("".join(buf))
                buf = []
            width = int(fmt[j:k - colons] or 9) if fmt[j:k - colons].isdigit() else 9
            out.append(("N", width, fmt[i + 1:j]))
        elif conv == "z" and colons:
            if buf:
                out.append("".join(buf))
                buf = []
            out.append(("z", colons))
        elif conv == "q":
            if buf:
                out.append("".join(buf))
                buf = []
            out.append(("q",))
        elif colons:
            buf.append(fmt[i:k + 1])
        else:
            buf.append(fmt[i:k + 1])
        i = k + 1
    if buf:
        out.append("".join(buf))
    return out


def _zone(gmtoff, colons):
    sign = "-" if gmtoff < 0 else "+"
    off = abs(gmtoff)
    h, rest = divmod(off, 3600)
    m, s = divmod(rest, 60)
    if colons == 1:
        return "%s%02d:%02d" % (sign, h, m)
    if colons == 2:
        return "%s%02d:%02d:%02d" % (sign, h, m, s)
    if s:
        return "%s%02d:%02d:%02d" % (sign, h, m, s)
    if m:
        return "%s%02d:%02d" % (sign, h, m)
    return "%s%02d" % (sign, h)


def render(pieces, sec, nsec):
    """Format time `sec`.`nsec` with the split format; raises OverflowError,
    OSError or ValueError when the time cannot be converted."""
    tm = _time.localtime(sec)
    out = []
    for p in pieces:
        if p.__class__ is str:
            if p:
                out.append(_time.strftime(p, tm))
        elif p[0] == "N":
            digits = "%09d" % nsec
            width = p[1]
            flags = p[2]
            if width <= 9:
                s = digits[:width]
            else:
                s = digits + "0" * (width - 9)
            if "-" in flags:
                s = s.rstrip("0") or "0"
            out.append(s)
        elif p[0] == "z":
            out.append(_zone(tm.tm_gmtoff, p[1]))
        else:
            out.append(str((tm.tm_mon - 1) // 3 + 1))
    return "".join(out).encode("utf-8", "surrogateescape")
