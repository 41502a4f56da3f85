"""Date strings as GNU tools take them (gnulib's parse_datetime), for
date -d/-f/-s, touch -d and find -newerXt.

    parse("2020-01-02 03:04:05", now_ns)  -> (seconds, nanoseconds) or None

The text is cut into tokens the way gnulib's lexer does (numbers, signed
numbers, words, punctuation) and read item by item; items may come in any
order, case does not matter:
  @SECONDS[.FRACTION]                  seconds since the Epoch (alone)
  TZ="ZONE" at the front               read the rest in that time zone
  YYYY-MM-DD[THH:MM[:SS[.F]]][ZONE]    ISO 8601 dates and date-times
  MM/DD[/YY[YY]], YYYY/MM/DD           slash dates
  MONTH DD [YYYY], DD MONTH [YYYY], DD-MON-YYYY, YYYYMMDD
  HH:MM[:SS[.F]] [am|pm] [+-HH[MM]]    a time of day, maybe with its zone
  HH am|pm, HHMM or HH alone           hours (after a date, a 4-digit
                                       number is its year)
  Z, UTC, UT, GMT, EST, CEST ... A-Z   time zones; +HH[:MM], -HHMM offsets
  now, today, yesterday, tomorrow
  [+-]N UNIT [ago], UNIT, last/this/next/first...twelfth UNIT
        UNIT: year month fortnight week day hour minute min second sec
  [ORDINAL] monday ... sunday (mon, tue(s) ...): that weekday (ignored
                                       when a date is given, as GNU does)
A date without a time means its midnight; relative items alone start from
now.  Year, month and day units move the calendar date (Jan 31 + 1 month
is Mar 3), the others add seconds.  Anything else is refused (None).
"""
import time

_MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
           "august": 8, "september": 9, "sept": 9, "october": 10, "november": 11, "december": 12}
_DAYS = {"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
         "saturday": 6}
_UNITS = {"year": ("m", 12), "month": ("m", 1), "fortnight": ("d", 14), "week": ("d", 7),
          "day": ("d", 1), "hour": ("s", 3600), "minute": ("s", 60), "min": ("s", 60),
          "second": ("s", 1), "sec": ("s", 1)}
_ORDINALS = {"last": -1, "this": 0, "next": 1, "first": 1, "third": 3, "fourth": 4, "fifth": 5,
             "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
             "twelfth": 12}
# gnulib's zone abbreviations (hours east of UTC; the DST ones included)
_ZONES = {"gmt": 0, "ut": 0, "utc": 0, "wet": 0, "west": 1, "bst": 1, "art": -3, "brt": -3,
          "brst": -2, "nst": -3.5, "ndt": -2.5, "ast": -4, "adt": -3, "clt": -4, "clst": -3,
          "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8,
          "pdt": -7, "akst": -9, "akdt": -8, "hst": -10, "hast": -10, "hadt": -9, "sst": -11,
          "wat": 1, "cet": 1, "cest": 2, "met": 1, "mez": 1, "mest": 2, "mesz": 2, "eet": 2,
          "eest": 3, "cat": 2, "sast": 2, "eat": 3, "msk": 3, "msd": 4, "ist": 5.5, "sgt": 8,
          "kst": 9, "jst": 9, "gst": 10, "nzst": 12, "nzdt": 13}


class _Bad(Exception):
    pass


def _month(word):
    if word in _MONTHS:
        return _MONTHS[word]
    w = word[:-1] if word.endswith(".") else word
    if len(w) == 3:
        for name, num in _MONTHS.items():
            if name[:3] == w:
                return num
    return None


def _weekday(word):
    w = word[:-1] if word.endswith(".") else word
    if w in _DAYS:
        return _DAYS[w]
    if w in ("tues", "wednes", "thur", "thurs"):
        return {"tues": 2, "wednes": 3, "thur": 4, "thurs": 4}[w]
    if len(w) == 3:
        for name, num in _DAYS.items():
            if name[:3] == w:
                return num
    return None


def _unit(word):
    if word in _UNITS:
        return _UNITS[word]
    if word.endswith("s") and word[:-1] in _UNITS:
        return _UNITS[word[:-1]]
    return None


def _zone_word(word):
    """Offset in seconds east of UTC for a zone name, or None."""
    if word in _ZONES:
        return int(_ZONES[word] * 3600)
    if len(word) == 1 and word.isalpha() and word != "j":
        if word == "z":
            return 0
        o = ord(word) - ord("a")
        if word < "j":
            return (o + 1) * 3600
        if word < "n":
            return o * 3600
        if word < "z":
            return -(o - 12) * 3600
    return None


def _days_from_civil(y, m, d):
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _month_days(y, m):
    if m == 2:
        return 29 if y % 4 == 0 and (y % 100 != 0 or y % 400 == 0) else 28
    return 30 if m in (4, 6, 9, 11) else 31


def _lex(s):
    """gnulib's tokens: ('n', digits, sign) numbers, ('w', word) words,
    ('p', char) punctuation; blanks separate."""
    toks = []
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c.isspace():
            i += 1
            continue
        if c.isdigit() or (c in "+-" and i + 1 < n and (s[i + 1].isdigit() or s[i + 1].isspace())):
            sign = ""
            if c in "+-":
                sign = c
                i += 1
                while i < n and s[i].isspace():
                    i += 1
                if i >= n or not s[i].isdigit():
                    toks.append(("p", sign))
                    continue
            j = i
            while j < n and s[j].isdigit():
                j += 1
            toks.append(("n", s[i:j], sign))
            i = j
            continue
        if c.isalpha():
            j = i
            while j < n and (s[j].isalpha() or s[j] == "."):
                j += 1
            toks.append(("w", s[i:j]))
            i = j
            continue
        if c == "(":  # a comment, as gnulib allows
            depth = 0
            while i < n:
                if s[i] == "(":
                    depth += 1
                elif s[i] == ")":
                    depth -= 1
                    if depth == 0:
                        break
                i += 1
            if depth:
                raise _Bad()
            i += 1
            continue
        toks.append(("p", c))
        i += 1
    return toks


class _State:
    def __init__(self):
        self.date = None  # [y or None, m, d, ydigits]
        self.time = None  # [h, m, s, ns]
        self.zone = None
        self.rel = {"m": 0, "d": 0, "s": 0, "ns": 0}
        self.rels_seen = False
        self.weekday = None  # (ordinal, day)
        self.last_rel = None  # the last relative item, for "ago"


def parse(text, now_ns):
    """Parse `text` (str); return (seconds, nanoseconds) or None."""
    try:
        s = text.strip()
        if s.startswith("TZ=\""):
            j = 4
            zone = []
            while j < len(s) and s[j] != "\"":
                if s[j] == "\\" and j + 1 < len(s) and s[j + 1] in "\\\"":
                    j += 1
                zone.append(s[j])
                j += 1
            if j >= len(s):
                return None
            return _in_zone("".join(zone), s[j + 1:], now_ns)
        return _parse(s, now_ns)
    except (_Bad, ValueError, OverflowError, OSError, IndexError):
        return None


def _in_zone(zone, rest, now_ns):
    import os
    old = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        return _parse(rest.strip(), now_ns)
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time.tzset()


def _epoch(body):
    body = body.strip()
    neg = body.startswith("-")
    if body[:1] in "+-":
        body = body[1:]
    whole, _, frac = body.replace(",", ".").partition(".")
    if not whole.isdigit() or (frac and not frac.isdigit()) or not whole.isascii():
        return None
    secs = int(whole)
    ns = int((frac + "000000000")[:9]) if frac else 0
    if neg:
        secs, ns = -secs, -ns
        if ns:
            secs -= 1
            ns += 1000000000
    if not -(1 << 63) <= secs < (1 << 63):
        return None  # beyond time_t, as gnulib says
    return secs, ns


def _parse(s, now_ns):
    s = s.lower()
    if s.startswith("@"):
        return _epoch(s[1:])
    toks = _lex(s)
    st = _State()
    if not toks:
        st.time = [0, 0, 0, 0]  # as gnulib: the empty string is midnight today
    i = 0
    n = len(toks)

    def tok(k):
        return toks[k] if k < n else ("", "", "")

    def is_p(k, c):
        t = tok(k)
        return t[0] == "p" and t[1] == c

    def set_date(y, m, d, ydigits=4):
        if st.date is not None:
            raise _Bad()
        st.date = [y, m, d, ydigits]

    def set_time(h, m, sec, ns):
        if st.time is not None:
            raise _Bad()
        st.time = [h, m, sec, ns]

    def add_rel(kind, amount):
        st.rel[kind] += amount
        st.rels_seen = True
        st.last_rel = (kind, amount)

    def offset(k):
        """A zone offset at tok k ('n' with a sign, maybe ':' MM): (secs, next k)."""
        t = tok(k)
        digits, sign = t[1], t[2]
        if is_p(k + 1, ":") and tok(k + 2)[0] == "n" and not tok(k + 2)[2]:
            h, m = int(digits), int(tok(k + 2)[1])
            k += 3
        else:
            if len(digits) <= 2:
                h, m = int(digits), 0
            elif len(digits) <= 4:
                h, m = int(digits[:-2]), int(digits[-2:])
            else:
                raise _Bad()
            k += 1
        if h > 24 or m > 59:
            raise _Bad()
        off = h * 3600 + m * 60
        return (-off if sign == "-" else off), k

    def meridian(k, h):
        """Apply an am/pm word at tok k to hour h: (h, next k)."""
        t = tok(k)
        if t[0] == "w" and t[1] in ("am", "a.m.", "pm", "p.m."):
            if not 1 <= h <= 12:
                raise _Bad()
            return h % 12 + (12 if t[1][0] == "p" else 0), k + 1
        return h, k

    def time_at(k):
        """HH:MM[:SS[.F]] [meridian] [offset] from tok k; next k."""
        h = int(tok(k)[1])
        m = int(tok(k + 2)[1])
        k += 3
        sec = ns = 0
        if is_p(k, ":") and tok(k + 1)[0] == "n" and not tok(k + 1)[2]:
            sec = int(tok(k + 1)[1])
            k += 2
            if (is_p(k, ".") or is_p(k, ",")) and tok(k + 1)[0] == "n" and not tok(k + 1)[2]:
                ns = int((tok(k + 1)[1] + "000000000")[:9])
                k += 2
        if h > 23 or m > 59 or sec > 59:
            raise _Bad()
        h, k = meridian(k, h)
        set_time(h, m, sec, ns)
        t = tok(k)
        if t[0] == "n" and t[2]:
            st.zone, k = offset(k)
        return k

    while i < n:
        t = toks[i]
        kind = t[0]
        if kind == "p":
            if t[1] == ",":
                i += 1
                continue
            raise _Bad()
        if kind == "n":
            digits, sign = t[1], t[2]
            nxt = tok(i + 1)
            # relative item: [+-]N UNIT, N.F sec
            if nxt[0] == "w" and _unit(nxt[1]) is not None:
                u = _unit(nxt[1])
                v = int(digits) * (-1 if sign == "-" else 1)
                add_rel(u[0], v * u[1])
                i += 2
                continue
            if (nxt[0] == "p" and nxt[1] in ".,") and tok(i + 2)[0] == "n" and not tok(i + 2)[2] \
                    and tok(i + 3)[0] == "w" and _unit(tok(i + 3)[1]) in (("s", 1),):
                frac = int((tok(i + 2)[1] + "000000000")[:9])
                whole = int(digits)
                total = whole * 1000000000 + frac
                if sign == "-":
                    total = -total
                add_rel("ns", total)
                i += 4
                continue
            if sign:
                # a zone offset (after a zone word or time: handled there)
                if st.time is not None and st.zone is None:
                    st.zone, i = offset(i)
                    continue
                raise _Bad()
            # HH:MM...
            if is_p(i + 1, ":") and tok(i + 2)[0] == "n" and not tok(i + 2)[2]:
                i = time_at(i)
                continue
            # M/D[/Y] or Y/M/D
            if is_p(i + 1, "/") and tok(i + 2)[0] == "n" and not tok(i + 2)[2]:
                a, b = digits, tok(i + 2)[1]
                i += 3
                if is_p(i, "/") and tok(i + 1)[0] == "n" and not tok(i + 1)[2]:
                    c = tok(i + 1)[1]
                    i += 2
                    if len(a) >= 3:
                        set_date(int(a), int(b), int(c), len(a))
                    else:
                        set_date(int(c), int(a), int(b), len(c))
                else:
                    set_date(None, int(a), int(b))
                continue
            # Y-M-D (gnulib lexes "-MM" and "-DD" as signed numbers)
            if nxt[0] == "n" and nxt[2] == "-" and tok(i + 2)[0] == "n" and tok(i + 2)[2] == "-":
                d_digits = tok(i + 2)[1]
                set_date(int(digits), int(nxt[1]), int(d_digits), len(digits))
                i += 3
                t2 = tok(i)
                if t2[0] == "w" and t2[1] == "t" and tok(i + 1)[0] == "n" and not tok(i + 1)[2]:
                    if is_p(i + 2, ":"):
                        i = time_at(i + 1)
                    else:
                        hh = tok(i + 1)[1]
                        if len(hh) > 2:
                            raise _Bad()
                        set_time(int(hh), 0, 0, 0)
                        i += 2
                continue
            # DD MONTH [YYYY], DD-MON-YYYY
            k = i + 1
            if is_p(k, "-"):
                k += 1
            if tok(k)[0] == "w" and _month(tok(k)[1]) is not None:
                mo = _month(tok(k)[1])
                k += 1
                y, yd = None, 4
                if tok(k)[0] == "n" and (tok(k)[2] == "-" or (not tok(k)[2] and not is_p(k + 1, ":"))):
                    y, yd = int(tok(k)[1]), len(tok(k)[1])
                    k += 1
                set_date(y, mo, int(digits), yd)
                i = k
                continue
            # HH am/pm
            if nxt[0] == "w" and nxt[1] in ("am", "a.m.", "pm", "p.m."):
                h, i = meridian(i + 1, int(digits))
                set_time(h, 0, 0, 0)
                t = tok(i)
                if t[0] == "n" and t[2]:
                    st.zone, i = offset(i)
                continue
            # weekday with a count: 2 monday
            if nxt[0] == "w" and _weekday(nxt[1]) is not None:
                if st.weekday is not None:
                    raise _Bad()
                st.weekday = (int(digits), _weekday(nxt[1]))
                i += 2
                continue
            # a plain number (gnulib's `number` rule)
            i += 1
            if st.date is not None and st.date[0] is None and not st.rels_seen \
                    and (st.time is not None or len(digits) > 2):
                st.date[0], st.date[3] = int(digits), len(digits)
            elif len(digits) > 4:
                set_date(int(digits[:-4]), int(digits[-4:-2]), int(digits[-2:]), len(digits) - 4)
            else:
                if len(digits) <= 2:
                    h, m = int(digits), 0
                else:
                    h, m = int(digits[:-2]), int(digits[-2:])
                if h > 23 or m > 59:
                    raise _Bad()
                set_time(h, m, 0, 0)
                t = tok(i)
                if t[0] == "n" and t[2]:
                    st.zone, i = offset(i)
            continue
        # words
        w = t[1]
        i += 1
        if w == "ago":
            if st.last_rel is None:
                raise _Bad()
            k, v = st.last_rel
            st.rel[k] -= 2 * v
            st.last_rel = None
            continue
        u = _unit(w)
        if u is not None:
            add_rel(u[0], u[1])
            continue
        if w in _ORDINALS:
            nxt = tok(i)
            if nxt[0] == "w" and _unit(nxt[1]) is not None:
                u = _unit(nxt[1])
                add_rel(u[0], _ORDINALS[w] * u[1])
                i += 1
                continue
            if nxt[0] == "w" and _weekday(nxt[1]) is not None:
                if st.weekday is not None:
                    raise _Bad()
                st.weekday = (_ORDINALS[w], _weekday(nxt[1]))
                i += 1
                continue
            raise _Bad()
        if w in ("now", "today"):
            st.rels_seen = True
            continue
        if w == "yesterday":
            add_rel("d", -1)
            continue
        if w == "tomorrow":
            add_rel("d", 1)
            continue
        mo = _month(w)
        if mo is not None:
            # MONTH DD [[,] YYYY]
            k = i
            if tok(k)[0] == "n" and not tok(k)[2] and not is_p(k + 1, ":"):
                d = int(tok(k)[1])
                k += 1
                y, yd = None, 4
                k2 = k + 1 if is_p(k, ",") else k
                if tok(k2)[0] == "n" and not tok(k2)[2] and not is_p(k2 + 1, ":") \
                        and (k2 > k or len(tok(k2)[1]) >= 3):
                    y, yd = int(tok(k2)[1]), len(tok(k2)[1])
                    k = k2 + 1
                set_date(y, mo, d, yd)
                i = k
                continue
            raise _Bad()
        wd = _weekday(w)
        if wd is not None:
            if st.weekday is not None:
                raise _Bad()
            st.weekday = (0, wd)
            if is_p(i, ","):
                i += 1
            continue
        z = _zone_word(w)
        if z is not None:
            if st.zone is not None:
                raise _Bad()
            if tok(i)[0] == "w" and tok(i)[1] == "dst":
                z += 3600
                i += 1
            elif tok(i)[0] == "n" and tok(i)[2] and w in ("gmt", "ut", "utc", "z"):
                off, i = offset(i)
                z += off
            st.zone = z
            continue
        if w in ("am", "a.m.", "pm", "p.m."):
            raise _Bad()
        raise _Bad()
    return _resolve(st, now_ns)


def _resolve(st, now_ns):
    now_s, now_frac = divmod(now_ns, 1000000000)
    lt = time.localtime(now_s)
    if st.date is None and st.time is None and st.weekday is None and st.zone is None:
        # relative items only: from now, to the nanosecond
        y, mo, d = lt.tm_year, lt.tm_mon, lt.tm_mday
        hh, mi, se, ns = lt.tm_hour, lt.tm_min, lt.tm_sec, now_frac
        base = None
        if st.rel["m"] or st.rel["d"]:
            base = _local(y, mo, d, hh, mi, se, st.rel, lt.tm_isdst)
        secs = now_s if base is None else base
    else:
        y, mo, d = lt.tm_year, lt.tm_mon, lt.tm_mday
        if st.date is not None:
            yy, mo, d, ydigits = st.date
            if yy is not None:
                y = yy
                if ydigits <= 2:
                    y += 1900 if y >= 69 else 2000
        if not (1 <= mo <= 12 and 1 <= d <= _month_days(y, mo)):
            raise _Bad()
        if st.time is not None:
            hh, mi, se, ns = st.time
        elif st.date is not None or st.weekday is not None or not st.rels_seen:
            hh = mi = se = ns = 0  # (a zone alone also means midnight, as gnulib)
        else:
            hh, mi, se, ns = lt.tm_hour, lt.tm_min, lt.tm_sec, now_frac
        if st.weekday is not None and st.date is None:
            ordinal, day = st.weekday
            cur = (_days_from_civil(y, mo, d) + 4) % 7  # 1970-01-01 was a Thursday
            d += (day - cur + 7) % 7 + 7 * (ordinal - (1 if 0 < ordinal and cur != day else 0))
        rel = st.rel
        if st.zone is not None:
            mo0 = mo - 1 + rel["m"]
            y2, mo2 = y + mo0 // 12, mo0 % 12 + 1
            secs = (_days_from_civil(y2, mo2, 1) + d - 1 + rel["d"]) * 86400 \
                + hh * 3600 + mi * 60 + se - st.zone
        else:
            secs = _local(y, mo, d, hh, mi, se, {"m": 0, "d": 0})
            back = time.localtime(secs)
            if (back.tm_hour, back.tm_min) != (hh, mi):
                raise _Bad()  # a local time that does not exist (a DST gap)
            if rel["m"] or rel["d"]:
                secs = _local(back.tm_year, back.tm_mon, back.tm_mday, hh, mi, se, rel)
    secs += st.rel["s"]
    ns += st.rel["ns"]
    secs += ns // 1000000000
    return secs, ns % 1000000000


def _local(y, mo, d, hh, mi, se, rel, isdst=-1):
    """mktime of the local date moved by rel's months and days.  As gnulib,
    a date moved from now keeps now's daylight-saving flag (so "1 month
    ago" across a DST change is an hour off the wall clock); one moved from
    an explicit date or time lets mktime decide (isdst -1)."""
    mo0 = mo - 1 + rel["m"]
    y += mo0 // 12
    mo = mo0 % 12 + 1
    return int(time.mktime((y, mo, d + rel["d"], hh, mi, se, 0, 0, isdst)))
