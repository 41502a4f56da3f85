"""Date strings as GNU tools take them (a subset of gnulib's parse_datetime),
for find -newerXt, touch -d and date -d.

    parse("2020-01-02 03:04:05", now_ns)  -> (seconds, nanoseconds) or None

Accepted (case does not matter, items in any order, separated by blanks
or commas):
  @SECONDS[.FRACTION]                  seconds since the Epoch (alone)
  YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS[.F]] ISO 8601 dates and date-times
  MM/DD[/YYYY], YYYY/MM/DD             slash dates
  MONTH DD [YYYY], DD MONTH [YYYY]     month names or abbreviations
  HH:MM[:SS[.F]] [am|pm]               a time of day (today when alone)
  Z, UTC, UT, GMT, +HH[:MM], -HHMM     a time zone (else the local one)
  now, today, yesterday, tomorrow, noon, midnight
  [+-]N UNIT [ago], last/next UNIT     UNIT: year month fortnight week day
                                       hour minute min second sec (+s)
  monday ... sunday (or mon ...)       the next such day (today included)
A date without a time means its midnight.  Anything else is refused (find
says it cannot figure out how to interpret it).
"""
import time

_MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
           "august": 8, "september": 9, "sept": 9, "october": 10, "november": 11, "december": 12}
_DAYS = {"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
         "saturday": 6}
_UNITS = {"year": ("m", 12), "month": ("m", 1), "fortnight": ("d", 14), "week": ("d", 7),
          "day": ("d", 1), "hour": ("s", 3600), "minute": ("s", 60), "min": ("s", 60),
          "second": ("s", 1), "sec": ("s", 1)}


def _month(word):
    if word in _MONTHS:
        return _MONTHS[word]
    if len(word) == 3 or (len(word) == 4 and word.endswith(".")):
        for name, num in _MONTHS.items():
            if name[:3] == word[:3]:
                return num
    return None


def _weekday(word):
    if word in _DAYS:
        return _DAYS[word]
    w = word.rstrip(".")
    for name, num in _DAYS.items():
        if name[:3] == w or (w == "tues" and num == 2) or (w in ("wednes", "wed") and num == 3) \
                or (w in ("thur", "thurs") and num == 4):
            return num
    return None


def _unit(word):
    if word in _UNITS:
        return _UNITS[word]
    if word.endswith("s") and word[:-1] in _UNITS:
        return _UNITS[word[:-1]]
    return None


def _days_from_civil(y, m, d):
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


class _Bad(Exception):
    pass


def _time_of_day(tok):
    """(h, m, s, ns, rest) for a token starting HH:MM[:SS[.F]], or None."""
    i = 0
    n = len(tok)
    parts = []
    while True:
        j = i
        while j < n and tok[j].isdigit():
            j += 1
        if j == i or j - i > 2:
            return None
        parts.append(int(tok[i:j]))
        i = j
        if i < n and tok[i] == ":" and len(parts) < 3:
            i += 1
            continue
        break
    if len(parts) < 2:
        return None
    ns = 0
    if len(parts) == 3 and i < n and tok[i] in ".,":
        j = i + 1
        while j < n and tok[j].isdigit():
            j += 1
        frac = tok[i + 1:j]
        if not frac:
            return None
        ns = int((frac + "000000000")[:9])
        i = j
    h, m = parts[0], parts[1]
    s = parts[2] if len(parts) == 3 else 0
    if h > 24 or m > 59 or s > 60:
        raise _Bad()
    return h, m, s, ns, tok[i:]


def _zone(text):
    """Offset east of UTC in seconds for a zone word or number, or None."""
    if text in ("z", "utc", "ut", "gmt"):
        return 0
    if text[:1] in "+-" and len(text) > 1:
        sign = 1 if text[0] == "+" else -1
        body = text[1:].replace(":", "")
        if not body.isdigit() or len(body) not in (1, 2, 4):
            return None
        if len(body) <= 2:
            h, m = int(body), 0
        else:
            h, m = int(body[:2]), int(body[2:])
        if h > 24 or m > 59:
            return None
        return sign * (h * 3600 + m * 60)
    return None


def parse(text, now_ns):
    """Parse `text` (str); return (seconds, nanoseconds) or None."""
    try:
        return _parse(text, now_ns)
    except (_Bad, ValueError, OverflowError, OSError):
        return None


def _parse(text, now_ns):
    s = text.strip().lower()
    if s.startswith("@"):
        body = s[1:].strip()
        neg = body.startswith("-")
        if body[:1] in "+-":
            body = body[1:]
        whole, _, frac = body.replace(",", ".").partition(".")
        if not whole.isdigit() or (frac and not frac.isdigit()):
            return None
        secs = int(whole)
        ns = int((frac + "000000000")[:9]) if frac else 0
        if neg:
            secs, ns = -secs, -ns
            if ns:
                secs -= 1
                ns += 1000000000
        return secs, ns
    toks = s.replace(",", " ").split()
    if not toks:
        return None  # GNU takes "" as midnight today; find refuses nothing, but keep it simple
    date = None  # (y or None, m, d)
    tod = None  # (h, m, s, ns)
    zone = None
    rel = {"m": 0, "d": 0, "s": 0}
    weekday = None
    pending_num = None  # a number waiting for a unit
    i = 0
    n = len(toks)

    def set_date(d):
        nonlocal date
        if date is not None:
            raise _Bad()
        date = d

    def set_time(t):
        nonlocal tod
        if tod is not None:
            raise _Bad()
        tod = t

    while i < n:
        t = toks[i]
        i += 1
        # ISO date, maybe with T and a time
        if len(t) >= 8 and t[0].isdigit() and t.count("-") >= 2 and t.split("-", 2)[0].isdigit():
            y, mo, rest = t.split("-", 2)
            d = ""
            k = 0
            while k < len(rest) and rest[k].isdigit():
                k += 1
            d, rest = rest[:k], rest[k:]
            if not (y.isdigit() and mo.isdigit() and d.isdigit()):
                raise _Bad()
            set_date((int(y), int(mo), int(d)))
            if rest.startswith("t"):
                tt = _time_of_day(rest[1:])
                if tt is None:
                    raise _Bad()
                set_time(tt[:4])
                rest = tt[4]
            if rest:
                z = _zone(rest)
                if z is None:
                    raise _Bad()
                zone = z
            continue
        if t[0].isdigit() and "/" in t:
            parts = t.split("/")
            if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
                raise _Bad()
            if len(parts) == 3 and len(parts[0]) >= 3:
                set_date((int(parts[0]), int(parts[1]), int(parts[2])))
            elif len(parts) == 3:
                y = int(parts[2])
                if len(parts[2]) == 2:
                    y += 1900 if y >= 69 else 2000
                set_date((y, int(parts[0]), int(parts[1])))
            else:
                set_date((None, int(parts[0]), int(parts[1])))
            continue
        if t[0].isdigit() and ":" in t:
            tt = _time_of_day(t)
            if tt is None:
                raise _Bad()
            h, mi, se, ns, rest = tt
            if rest in ("am", "a.m.", "pm", "p.m."):
                if h == 0 or h > 12:
                    raise _Bad()
                h = h % 12 + (12 if rest[0] == "p" else 0)
                rest = ""
            elif i < n and toks[i] in ("am", "a.m.", "pm", "p.m."):
                if h == 0 or h > 12:
                    raise _Bad()
                h = h % 12 + (12 if toks[i][0] == "p" else 0)
                i += 1
            set_time((h, mi, se, ns))
            if rest:
                z = _zone(rest)
                if z is None:
                    raise _Bad()
                zone = z
            continue
        if t[:1] in "+-" and len(t) > 1 and (t[1:].isdigit() or ":" in t):
            if i < n and _unit(toks[i]) is not None:
                pending_num = int(t)
                continue
            z = _zone(t)
            if z is None:
                raise _Bad()
            zone = z
            continue
        if t.isdigit():
            if i < n and _unit(toks[i]) is not None:
                pending_num = int(t)
                continue
            if i < n and _month(toks[i]) is not None and date is None:
                # DD MONTH [YYYY]
                d = int(t)
                mo = _month(toks[i])
                i += 1
                y = None
                if i < n and toks[i].isdigit() and len(toks[i]) >= 3:
                    y = int(toks[i])
                    i += 1
                set_date((y, mo, d))
                continue
            if date is not None and date[0] is None and len(t) >= 3:
                date = (int(t), date[1], date[2])
                continue
            if len(t) in (6, 8) and date is None:
                # YYYYMMDD or YYMMDD
                if len(t) == 8:
                    set_date((int(t[:4]), int(t[4:6]), int(t[6:])))
                else:
                    y = int(t[:2])
                    set_date((y + (1900 if y >= 69 else 2000), int(t[2:4]), int(t[4:])))
                continue
            if len(t) == 4 and date is not None and tod is None:
                set_time((int(t[:2]), int(t[2:]), 0, 0))
                continue
            raise _Bad()
        mo = _month(t)
        if mo is not None:
            # MONTH DD [YYYY]
            if i < n and toks[i].isdigit() and len(toks[i]) <= 2:
                d = int(toks[i])
                i += 1
                y = None
                if i < n and toks[i].isdigit() and len(toks[i]) >= 3:
                    y = int(toks[i])
                    i += 1
                set_date((y, mo, d))
                continue
            raise _Bad()
        u = _unit(t)
        if u is not None:
            num = 1 if pending_num is None else pending_num
            pending_num = None
            rel[u[0]] += num * u[1]
            continue
        if t in ("last", "this", "next"):
            if i < n and _unit(toks[i]) is not None:
                pending_num = {"last": -1, "this": 0, "next": 1}[t]
                continue
            raise _Bad()
        if t == "ago":
            for k in rel:
                rel[k] = -rel[k]
            continue
        if t in ("now", "today"):
            continue
        if t == "yesterday":
            rel["d"] -= 1
            continue
        if t == "tomorrow":
            rel["d"] += 1
            continue
        if t in ("noon", "midnight"):
            set_time((12 if t == "noon" else 0, 0, 0, 0))
            continue
        wd = _weekday(t)
        if wd is not None:
            weekday = wd
            continue
        z = _zone(t)
        if z is not None:
            zone = z
            continue
        raise _Bad()
    if pending_num is not None:
        raise _Bad()
    now_s, now_frac = divmod(now_ns, 1000000000)
    if date is None and tod is None and weekday is None and zone is None:
        secs, ns = now_s, now_frac
        lt = None
    else:
        lt = time.localtime(now_s)
        y, mo, d = lt.tm_year, lt.tm_mon, lt.tm_mday
        if date is not None:
            y = date[0] if date[0] is not None else y
            mo, d = date[1], date[2]
            if y < 100 and date[0] is not None:
                y += 1900 if y >= 69 else 2000
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            raise _Bad()
        if tod is not None:
            hh, mi, se, ns = tod
        elif date is not None or weekday is not None:
            hh = mi = se = ns = 0
        else:
            hh, mi, se, ns = lt.tm_hour, lt.tm_min, lt.tm_sec, now_frac
        if weekday is not None:
            cur = (_days_from_civil(y, mo, d) + 4) % 7  # 1970-01-01 was a Thursday
            d += (weekday - cur) % 7
        mo0 = mo - 1 + rel["m"]
        y += mo0 // 12
        mo = mo0 % 12 + 1
        d += rel["d"]
        rel["m"] = rel["d"] = 0
        if zone is not None:
            secs = _days_from_civil(y, mo, 1) * 86400 + (d - 1) * 86400 + hh * 3600 + mi * 60 + se - zone
        else:
            secs = int(time.mktime((y, mo, d, hh, mi, se, 0, 0, -1)))
    secs += rel["s"]
    if rel["m"] or rel["d"]:
        # relative days and months only, from now (local calendar)
        lt = time.localtime(secs)
        mo0 = lt.tm_mon - 1 + rel["m"]
        y = lt.tm_year + mo0 // 12
        secs = int(time.mktime((y, mo0 % 12 + 1, lt.tm_mday + rel["d"], lt.tm_hour, lt.tm_min,
                                lt.tm_sec, 0, 0, -1)))
    return secs, ns
