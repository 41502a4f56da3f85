"""date: print or set the system date and time.

Formatting is GNU's nstrftime done here (every conversion, the - _ 0 ^ #
+ flags, field widths, %N precision, %:z %::z %:::z) over libc's
localtime, so TZ (names and POSIX strings like EST5EDT) means what it
means to GNU; the names are the C locale's.  Date strings (-d, -f, -s)
go through multicall.dates, gnulib's parse_datetime rules.  One line of
output per date: nothing here is on a hot path but start-up, and the
plain `date` imports only `time`.
"""
import posix

from multicall.errors import Fail, Usage, quote, quotef, warn
from multicall.options import Spec, opt

SPEC = Spec(("[OPTION]... [+FORMAT]", "[-u|--utc|--universal] [MMDDhhmm[[CC]YY][.ss]]"),
            "Display the current time in the given FORMAT, or set the system date.\n\n"
            "Mandatory arguments to long options are mandatory for short options too.",
            opt("-d, --date=STRING", "display time described by STRING, not 'now'"),
            opt("--debug", "annotate the parsed date, and\n"
                "  warn about questionable usage to stderr (not supported here: refused)"),
            opt("-f, --file=DATEFILE", "like --date; once for each line of DATEFILE"),
            opt("-I, --iso-8601[=FMT]", "output date/time in ISO 8601 format.\n"
                "  FMT='date' for date only (the default),\n"
                "  'hours', 'minutes', 'seconds', or 'ns'\n"
                "  for date and time to the indicated precision.\n"
                "  Example: 2006-08-14T02:34:56-06:00", dest="iso", const="date"),
            opt("-R, --rfc-email", "output date and time in RFC 5322 format.\n"
                "  Example: Mon, 14 Aug 2006 02:34:56 -0600"),
            opt("--rfc-822", None, dest="rfc_email"),
            opt("--rfc-2822", None, dest="rfc_email"),
            opt("--rfc-3339=FMT", "output date/time in RFC 3339 format.\n"
                "  FMT='date', 'seconds', or 'ns'\n"
                "  for date and time to the indicated precision.\n"
                "  Example: 2006-08-14 02:34:56-06:00"),
            opt("-r, --reference=FILE", "display the last modification time of FILE"),
            opt("-s, --set=STRING", "set time described by STRING"),
            opt("-u, --utc, --universal", "print or set Coordinated Universal Time (UTC)", dest="utc"),
            opt("-D FMT", "(BusyBox) read the --date and --set STRING with strptime FMT",
                dest="input_format"),
            epilog="All options that specify the date to display are mutually exclusive.\n"
            "I.e.: --date, --file, --reference.\n\n"
            "FORMAT controls the output.  Interpreted sequences are those of GNU date:\n"
            "%a %A %b %B %c %C %d %D %e %F %g %G %h %H %I %j %k %l %m %M %n %N %p %P\n"
            "%q %r %R %s %S %t %T %u %U %V %w %W %x %X %y %Y %z %:z %::z %:::z %Z %%\n\n"
            "By default, date pads numeric fields with zeroes.\n"
            "The following optional flags may follow '%':\n\n"
            "  -  (hyphen) do not pad the field\n"
            "  _  (underscore) pad with spaces\n"
            "  0  (zero) pad with zeros\n"
            "  +  pad with zeros, and put '+' before future years with >4 digits\n"
            "  ^  use upper case if possible\n"
            "  #  use opposite case if possible\n\n"
            "After any flags comes an optional field width, as a decimal number;\n"
            "then an optional modifier, which is either\n"
            "E to use the locale's alternate representations if available, or\n"
            "O to use the locale's alternate numeric symbols if available.")

_DAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_ISO = {"date": "%Y-%m-%d", "hours": "%Y-%m-%dT%H%:z", "minutes": "%Y-%m-%dT%H:%M%:z",
        "seconds": "%Y-%m-%dT%H:%M:%S%:z", "ns": "%Y-%m-%dT%H:%M:%S,%N%:z"}
_RFC3339 = {"date": "%Y-%m-%d", "seconds": "%Y-%m-%d %H:%M:%S%:z",
            "ns": "%Y-%m-%d %H:%M:%S.%N%:z"}
# the conversions that take each modifier (gnulib: the others are bad formats)
_MODIFIABLE = {"E": "cCnpPqrRstTuxXyYzZ%", "O": "bBCdegGhHIjklmMnNpPqrRsStTuUVwWyzZ%"}
_DEFAULT = "%a %b %e %H:%M:%S %Z %Y"
_RFC_EMAIL = "%a, %d %b %Y %H:%M:%S %z"


# -- formatting (gnulib's nstrftime) --------------------------------------------

def _cdiv(a, b):
    """C's truncating division."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def _yy(year, modifier):
    """%y: gnulib's two digits (99 for -1199), or libc's with E/O (01)."""
    if modifier:
        return year % 100
    yy = _cdiv(year - 1900, 100) * -100 + (year - 1900)
    if yy < 0:
        yy = -yy if year < 0 else yy + 100
    return yy


def _leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _iso_week_days(yday, wday):
    return yday - (yday - wday + 382) % 7 + 3


def _number(value, digits, pad, width, yearsigned=False, sign_always=False, text=None,
            negative=False):
    """One numeric field, padded as nstrftime pads it (negative: a minus
    sign even for 0, as gnulib's %C of the years -99 to -1)."""
    s = text if text is not None else str(abs(value))
    sign = "-" if value < 0 or negative else ("+" if sign_always else "")
    if pad == "+":
        if yearsigned and value >= 0 and not negative and (value > (99 if digits == 2 else 9999)
                                          or (width is not None and width > digits)):
            sign = "+"
        pad = "0"
    if pad == "-":
        return sign + s
    w = width if width is not None else digits
    n = w - len(s) - len(sign)
    if n > 0:
        if pad == "_":
            return " " * n + sign + s
        return sign + "0" * n + s
    return sign + s


def _string(s, pad, width, upper=False, lower=False):
    if upper:
        s = s.upper()
    elif lower:
        s = s.lower()
    if pad == "-" or width is None:
        return s
    n = width - len(s)
    if n > 0:
        return ("0" if pad in ("0", "+") else " ") * n + s
    return s


def _tz_offset(off, colons, pad, width):
    """%z and its colon forms for an offset of `off` seconds east."""
    neg = off < 0
    a = abs(off)
    hh, mm, ss = a // 3600, a // 60 % 60, a % 60
    if colons == 3:
        if ss:
            colons = 2
        elif mm:
            colons = 1
        else:
            return _number(-1 if neg else 1, 3, pad, width, sign_always=True, text=str(hh))
    if colons == 0:
        return _number(-1 if neg else 1, 5, pad, width, sign_always=True, text=str(hh * 100 + mm))
    if colons == 1:
        return _number(-1 if neg else 1, 6, pad, width, sign_always=True, text="%d:%02d" % (hh, mm))
    return _number(-1 if neg else 1, 9, pad, width, sign_always=True,
                   text="%d:%02d:%02d" % (hh, mm, ss))


def strftime(fmt, tm, sec, ns, yr_spec=None, yr_width=None):
    """Format broken-down time tm (a time.struct_time with tm_gmtoff and
    tm_zone), which is `sec` seconds and `ns` nanoseconds since the Epoch.
    yr_spec, yr_width: the pad and width a year-like field (%C %g %G %y %Y)
    takes when it has none, as gnulib passes %D's and %F's down."""
    out = []
    i = 0
    n = len(fmt)
    year = tm.tm_year
    while i < n:
        c = fmt[i]
        if c != "%":
            j = fmt.find("%", i)
            if j < 0:
                j = n
            out.append(fmt[i:j])
            i = j
            continue
        start = i
        i += 1
        pad = None
        upper = swap = False
        while i < n and fmt[i] in "-_0^#+":
            f = fmt[i]
            if f == "^":
                upper = True
            elif f == "#":
                swap = True
            else:
                pad = f
            i += 1
        width = None
        if i < n and fmt[i].isdigit():
            j = i
            while j < n and fmt[j].isdigit():
                j += 1
            width = int(fmt[i:j])
            i = j
        modifier = None
        if i < n and fmt[i] in "EO":
            modifier = fmt[i]
            i += 1
        colons = 0
        if i < n and fmt[i] == ":":
            j = i
            while j < n and fmt[j] == ":":
                j += 1
            if j < n and fmt[j] == "z" and modifier == "O" and (tm.tm_gmtoff or 0) >= 0:
                # gnulib (the O path of a non-negative number): %O with
                # colons prints `%O:` for the whole spec
                out.append(_string("%O:", pad, width))
                i = j + 1
                continue
            if j < n and fmt[j] == "z":
                colons = j - i
                i = j
            else:
                # colons only go with z: the spec ends at the first one
                out.append(_string(fmt[start:i + 1], pad, width))
                i += 1
                continue
        if i >= n:
            out.append(_string(fmt[start:], pad, width))
            break
        conv = fmt[i]
        i += 1

        if conv in "CgGyY":
            if pad is None:
                pad = yr_spec
            if width is None:
                width = yr_width

        def num(value, digits, p, w, **kw):
            if modifier and conv != "s" and not (modifier == "E" and conv in "qu") and not (
                    modifier == "O" and (value < 0 or kw.get("negative"))):
                # libc formats E and O fields (gnulib ignores %Eq, %Eu, %Es, %Os and
                # formats a negative %O number itself): libc's digits (its
                # years have no minimum), then the width pads them as a string
                natural = _number(value, 1 if conv in "GY" else digits, "_" if conv in "ekl" else "0",
                                  None, **kw)
                return _string(natural, pad, w)
            return _number(value, digits, p, w, **kw)
        bad = False
        r = None
        if colons > 3 or (modifier and conv not in _MODIFIABLE[modifier]):
            bad = True
        elif modifier == "O" and conv == "q":
            r = _string("%Oq", pad, width)  # gnulib hands it to libc, which prints it back
        elif conv == "%":
            if modifier or pad or upper or swap or width is not None:
                bad = True
            else:
                r = "%"
        elif conv in "aA":
            name = _DAYS[(tm.tm_wday + 1) % 7]
            r = _string(name[:3] if conv == "a" else name, pad, width, upper or swap)
        elif conv in "bBh":
            name = _MONTHS[tm.tm_mon - 1]
            r = _string(name if conv == "B" else name[:3], pad, width, upper or swap)
        elif conv == "F":
            if modifier:
                bad = True
            elif pad is None and width is None:
                r = strftime("%Y-%m-%d", tm, sec, ns, "+", 4)
            else:
                r = strftime("%Y-%m-%d", tm, sec, ns, pad, max((width or 0) - 6, 0))
        elif conv in "cDrRTxX":
            sub = {"c": "%a %b %e %H:%M:%S %-Y", "D": "%m/%d/%y", "r": "%I:%M:%S %p",
                   "R": "%H:%M", "T": "%H:%M:%S", "x": "%m/%d/%Oy", "X": "%H:%M:%S"}[conv]
            spec = pad if conv in "DrRT" else None  # (c x X are libc's: no flags pass down)
            r = _string(strftime(sub, tm, sec, ns, spec), pad, width, upper)
        elif conv == "C":
            negative_year = year < 0
            zero_thru_1899 = not negative_year and year < 1900
            century = _cdiv(year - 1900 - 99 * zero_thru_1899, 100) + 19
            if modifier == "E" or (modifier == "O" and year >= 0):
                # libc's (gnulib's O path takes a non-negative year there too):
                # the floor of year / 100, at least 1 digit
                r = num(year // 100, 1, pad, width, yearsigned=True)
            else:
                modifier = None  # (%OC of a negative year: gnulib's own %C)
                r = num(century, 2, pad, width, yearsigned=True, negative=year < 0)
        elif conv == "d":
            r = num(tm.tm_mday, 2, pad or "0", width)
        elif conv == "e":
            r = num(tm.tm_mday, 2, pad or "_", width)
        elif conv in "gGVUW":
            yday, wday = tm.tm_yday - 1, (tm.tm_wday + 1) % 7
            if conv == "U":
                r = num((yday - wday + 7) // 7, 2, pad or "0", width)
            elif conv == "W":
                r = num((yday - (wday - 1 + 7) % 7 + 7) // 7, 2, pad or "0", width)
            else:
                y = year
                days = _iso_week_days(yday, wday)
                if days < 0:
                    y -= 1
                    days = _iso_week_days(yday + (366 if _leap(y) else 365), wday)
                else:
                    d2 = _iso_week_days(yday - (366 if _leap(y) else 365), wday)
                    if d2 >= 0:
                        y += 1
                        days = d2
                if conv == "V":
                    r = num(days // 7 + 1, 2, pad or "0", width)
                elif conv == "G":
                    r = num(y, 4, pad or "0", width, yearsigned=True)
                else:
                    r = num(_yy(y, modifier), 2, pad or "0", width, yearsigned=True)
        elif conv == "H":
            r = num(tm.tm_hour, 2, pad or "0", width)
        elif conv == "I":
            r = num((tm.tm_hour + 11) % 12 + 1, 2, pad or "0", width)
        elif conv == "k":
            r = num(tm.tm_hour, 2, pad or "_", width)
        elif conv == "l":
            r = num((tm.tm_hour + 11) % 12 + 1, 2, pad or "_", width)
        elif conv == "j":
            r = num(tm.tm_yday, 3, pad or "0", width)
        elif conv == "m":
            r = num(tm.tm_mon, 2, pad or "0", width)
        elif conv == "M":
            r = num(tm.tm_min, 2, pad or "0", width)
        elif conv == "n":
            r = _string("\n", pad, width)
        elif conv == "t":
            r = _string("\t", pad, width)
        elif conv == "N":
            digits = "%09d" % ns
            w = 9 if width is None else width
            if w < 9:
                digits = digits[:w]
            if pad == "_" or (pad == "-" and width is not None):
                digits = digits.rstrip("0") or "0"
                if pad == "_" and len(digits) < w:
                    digits += " " * (w - len(digits))
            elif len(digits) < w:
                digits += "0" * (w - len(digits))
            r = digits
        elif conv in "pP":
            ampm = "PM" if tm.tm_hour >= 12 else "AM"
            if conv == "P":
                r = _string(ampm, pad, width, lower=True)
            else:
                r = _string(ampm, pad, width, upper=upper and not swap, lower=swap)
        elif conv == "q" and r is None:
            r = num((tm.tm_mon - 1) // 3 + 1, 1, pad or "0", width)
        elif conv == "s":
            r = num(sec, 1, pad or "0", width)
        elif conv == "S":
            r = num(tm.tm_sec, 2, pad or "0", width)
        elif conv == "u":
            r = num((tm.tm_wday + 1) % 7 or 7, 1, pad or "0", width)
        elif conv == "w":
            r = num((tm.tm_wday + 1) % 7, 1, pad or "0", width)
        elif conv == "y":
            r = num(_yy(year, modifier), 2, pad or "0", width, yearsigned=True)
        elif conv == "Y":
            r = num(year, 4, pad or "0", width, yearsigned=True)
        elif conv == "z" and modifier == "O" and (tm.tm_gmtoff or 0) >= 0:
            # (a non-negative offset takes gnulib's O path: +hhmm, padded as a string)
            r = _string(_tz_offset(tm.tm_gmtoff or 0, 0, "0", None), pad, width)
        elif conv == "z":
            r = _tz_offset(tm.tm_gmtoff or 0, colons, pad or "0", width)
        elif conv == "Z":
            r = _string(tm.tm_zone or "", pad, width, upper and not swap, lower=swap)
        else:
            bad = True
        if bad:  # the spec itself, padded as gnulib's bad_format pads it
            if conv == "%":
                i -= 1  # gnulib stops before a '%': it starts the next spec
            r = _string(fmt[start:i], pad, width, upper or (swap and conv in "bBh"))
        out.append(r)
    return "".join(out)


# -- the command ----------------------------------------------------------------

def _settz(value):
    """Set TZ (None: unset) for libc's localtime; returns the old value."""
    import os
    import time
    old = os.environ.get("TZ")
    if value is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = value
    time.tzset()
    return old


def show(out, fmt, sec, ns):
    import time
    try:
        tm = time.localtime(sec)
    except (OverflowError, OSError, ValueError):
        raise Fail("time %s is out of range" % quote(str(sec))) from None
    text = strftime(fmt, tm, sec, ns)
    out.write(text.encode("utf-8", "surrogateescape") + b"\n")


def _posixtime(text):
    """MMDDhhmm[[CC]YY][.ss] (the operand that sets the clock): (sec, 0) or None."""
    import time
    body, dot, secs = text.partition(".")
    if not body.isdigit() or not body.isascii() or (dot and (len(secs) != 2 or not secs.isdigit())):
        return None
    if len(body) not in (8, 10, 12):
        return None
    mo, d, h, mi = int(body[0:2]), int(body[2:4]), int(body[4:6]), int(body[6:8])
    now = time.localtime()
    if len(body) == 8:
        y = now.tm_year
    elif len(body) == 10:
        yy = int(body[8:10])
        y = yy + (1900 if yy >= 69 else 2000)
    else:
        y = int(body[8:12])
    s = int(secs) if dot else 0
    if not (1 <= mo <= 12 and 1 <= d <= 31 and h <= 23 and mi <= 59 and s <= 60):
        return None
    t = time.mktime((y, mo, d, h, mi, s, 0, 0, -1))
    back = time.localtime(t)
    if (back.tm_mon, back.tm_mday, back.tm_hour, back.tm_min) != (mo, d, h, mi):
        return None
    return int(t), 0


def _strptime(text, fmt):
    """BusyBox's -D: the local time `text` read with strptime(3)'s FMT
    (fields it lacks come from 1900-01-01 00:00:00, as Python's do)."""
    import time
    try:
        tm = time.strptime(text, fmt)
        if "%s" in fmt:
            return int(text), 0
        return int(time.mktime(tm[:8] + (-1,))), 0
    except (ValueError, OverflowError, OSError):
        return None


def _set_clock(sec, ns):
    import time
    try:
        time.clock_settime_ns(time.CLOCK_REALTIME, sec * 1000000000 + ns)
        return None
    except OSError as e:
        return e.strerror


def main(argv):
    opts = SPEC.parse(argv)
    prog = argv[0]
    if opts.debug:
        raise Fail("option '--debug' is not supported")
    given = [d for d in ("date", "file", "reference") if getattr(opts, d) is not None]
    if len(given) > 1:
        raise Usage("the options to specify dates for printing are mutually exclusive")
    if opts.set is not None and given:
        raise Usage("the options to print and set the time may not be used together")
    fmt = None
    formats = 0
    if opts.iso is not None:
        from multicall.options import argmatch
        fmt = _ISO[argmatch(opts.iso, "--iso-8601", [(w, w) for w in ("hours", "minutes", "date", "seconds", "ns")])]
        formats += 1
    if opts.rfc_3339 is not None:
        from multicall.options import argmatch
        fmt = _RFC3339[argmatch(opts.rfc_3339, "--rfc-3339", [(w, w) for w in _RFC3339])]
        formats += 1
    if opts.rfc_email:
        fmt = _RFC_EMAIL
        formats += 1
    operands = opts.operands
    set_text = opts.set
    set_posix = None
    if operands:
        if len(operands) > 1:
            raise Usage("extra operand %s" % quote(operands[1]))
        op = operands[0]
        if op.startswith("+"):
            if formats:
                raise Fail("multiple output formats specified")
            fmt = op[1:]
            formats += 1
        elif given or set_text is not None:
            raise Usage("the argument %s lacks a leading '+';\n"
                        "when using an option to specify date(s), any non-option\n"
                        "argument must be a format string beginning with '+'" % quote(op))
        else:
            set_posix = op
    if formats > 1:
        raise Fail("multiple output formats specified")
    if fmt is None:
        fmt = _DEFAULT
    old_tz = _settz("UTC0") if opts.utc else False
    try:
        return _run(prog, opts, fmt, given, set_text, set_posix)
    finally:
        if old_tz is not False:
            _settz(old_tz)


def _run(prog, opts, fmt, given, set_text, set_posix):
    import time
    from multicall.stdio import stdout
    from multicall import dates
    out = stdout()
    time.tzset()  # TZ as it is now (the shell may run date in its own process)
    now = time.time_ns()
    if opts.file is not None:
        return _from_file(prog, opts.file, fmt, now, out)
    if opts.reference is not None:
        try:
            st = posix.stat(opts.reference.encode("utf-8", "surrogateescape"))
        except OSError as e:
            raise Fail("%s: %s" % (quotef(opts.reference), e.strerror)) from None
        show(out, fmt, st.st_mtime_ns // 1000000000, st.st_mtime_ns % 1000000000)
        return 0
    status = 0
    if set_posix is not None:
        r = _posixtime(set_posix)
        if r is None:
            raise Fail("invalid date %s" % quote(set_posix))
        sec, ns = r
        err = _set_clock(sec, ns)
        if err:
            warn(prog, "cannot set date: %s" % err)
            status = 1
    elif set_text is not None or opts.date is not None:
        text = set_text if set_text is not None else opts.date
        r = _strptime(text, opts.input_format) if opts.input_format is not None else dates.parse(text, now)
        if r is None:
            raise Fail("invalid date %s" % quote(text))
        sec, ns = r
        if set_text is not None:
            err = _set_clock(sec, ns)
            if err:
                warn(prog, "cannot set date: %s" % err)
                status = 1
    else:
        sec, ns = divmod(now, 1000000000)
    show(out, fmt, sec, ns)
    return status


def _from_file(prog, name, fmt, now, out):
    from multicall import dates
    from multicall.stdio import open_input, lines
    try:
        fd = open_input(name.encode("utf-8", "surrogateescape") if name != "-" else name)
    except OSError as e:
        raise Fail("%s: %s" % (quotef(name), e.strerror)) from None
    status = 0
    try:
        for line in lines(fd):
            text = line.rstrip(b"\n").decode("utf-8", "surrogateescape")
            r = dates.parse(text, now)
            if r is None:
                warn(prog, "invalid date %s" % quote(text))
                status = 1
                continue
            show(out, fmt, r[0], r[1])
    except OSError as e:
        raise Fail("%s: %s" % (quotef(name), e.strerror)) from None
    finally:
        if fd != 0:
            posix.close(fd)
    return status
