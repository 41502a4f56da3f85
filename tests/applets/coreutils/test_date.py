"""date: every conversion and flag (differential, with hypothesis formats),
date strings against GNU's parse_datetime, -d -f -r -u -R -I --rfc-3339
-s, TZ values (names and POSIX strings), and the error paths."""
import os
import subprocess
import time

import pytest
from hypothesis import given, settings, strategies as st

from conftest import child_env

GNU_DATE = "/usr/bin/date"
ZONES = ["UTC", "UTC0", "EST5EDT", "Europe/Paris", "Asia/Kolkata", "America/St_Johns",
         "<+0530>-5:30", "Australia/Lord_Howe"]
TIMES = ["@0", "@1.5", "@1234567890.123456789", "@-1", "@-100000000000", "@1798675200",
         "@4102444800", "@1711846800", "@1730000000.000000007", "@253402300799"]


def gnu_date(*args, env=None):
    if not os.path.exists(GNU_DATE):
        pytest.skip("GNU date is not installed")
    p = subprocess.run(["date"] + list(args), executable=GNU_DATE, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=child_env(env))
    err = p.stderr.replace(GNU_DATE.encode() + b":", b"date:")
    return p.stdout, err, p.returncode


# -- formats ----------------------------------------------------------------------------

CONVERSIONS = "aAbBcCdDeFgGhHIjklmMnNpPqrRsStTuUVwWxXyYzZ%"


@pytest.mark.parametrize("tz", ZONES)
def test_every_conversion_same_as_gnu(inproc, tmp_path, tz):
    fmt = "+" + "|".join("%" + c for c in CONVERSIONS) + "|%:z|%::z|%:::z"
    f = tmp_path / "times"
    f.write_text("\n".join(TIMES) + "\n")
    r = inproc("date", "-f", str(f), fmt, env={"TZ": tz})
    want = gnu_date("-f", str(f), fmt, env={"TZ": tz})
    for when, got, exp in zip(TIMES, r.out.split(b"\n"), want[0].split(b"\n")):
        assert got == exp, when
    assert tuple(r) == want


FLAGGED = ["%-d", "%_H", "%10Y", "%^a", "%3N", "%#a", "%#Z", "%^Z", "%#p", "%^p", "%P", "%^P",
           "%10a", "%010a", "%-10a", "%_5d", "%05e", "%-e", "%10z", "%-z", "%_z", "%+z",
           "%_10s", "%-10s", "%#b", "%^B", "%Ec", "%Oy", "%5%", "%-:z", "%_::z", "%10:z",
           "%k", "%_k", "%0k", "%-k", "%12F", "%-F", "%_12F", "%^10c", "%#c", "%3", "%!x",
           "%:x", "%-%", "%E%", "%Ez", "%ON", "%_N", "%-N", "%_3N", "%-3N", "%12N", "%_12N",
           "%-12N", "%012N", "%+N", "%+Y", "%+6Y", "%+2C", "%_y", "%+y", "%5s", "%-j", "%_j",
           "%10n", "%3t", "%-l", "%_I", "%+4G", "%_g", "%-V", "%^x", "%10R", "%::::z",
           "%4:::z", "%-:::z", "a%%b", "%q%-q%3q", "%5:a", "%05:a", "%^#Ea", "%5Oa", "%E5!", "%3%",
           "%_5%", "%Oy", "%Ey", "%OS"]


@pytest.mark.parametrize("when", ["@1.012345678", "@1.5", "@-100000000000", "@1798675200"])
@pytest.mark.parametrize("tz", ["UTC", "Asia/Kolkata"])
def test_flags_and_widths_same_as_gnu(inproc, when, tz):
    fmt = "+" + "|".join(FLAGGED)
    r = inproc("date", "-d", when, fmt, env={"TZ": tz})
    want = gnu_date("-d", when, fmt, env={"TZ": tz})
    assert r.out.split(b"|") == want[0].split(b"|")
    assert tuple(r) == want


@pytest.mark.parametrize("fmt", ["%", "%:", "%5", "%5:", "%-5", "x%"])
def test_format_ending_in_a_spec(inproc, fmt):
    assert tuple(inproc("date", "-d", "@0", "+" + fmt)) == gnu_date("-d", "@0", "+" + fmt)


@pytest.mark.parametrize("day", ["0005-01-01", "12345-06-07", "2026-12-31", "2027-01-01",
                                 "2021-01-03", "2020-12-28", "1999-01-01", "2004-12-31"])
def test_years_and_iso_weeks_same_as_gnu(inproc, day):
    fmt = "+%Y %C %y %G %g %V %U %W %j %F %c %+Y %_Y %-Y"
    assert tuple(inproc("date", "-d", day, fmt, env={"TZ": "UTC"})) == \
        gnu_date("-d", day, fmt, env={"TZ": "UTC"})


spec = st.builds(lambda flag, width, mod, colons, conv: "%" + flag + width + mod + colons + conv,
                 st.sampled_from(["", "", "-", "_", "0", "^", "#", "+", "^#"]),
                 st.sampled_from(["", "", "", "1", "2", "5", "12"]),
                 st.sampled_from(["", "", "", "E", "O"]),
                 st.sampled_from(["", "", "", "", ":", "::", ":::"]),
                 st.sampled_from(list(CONVERSIONS)))
fmt_strategy = st.lists(st.one_of(spec, st.sampled_from(["x", " ", "-", "é", "%%"])),
                        min_size=1, max_size=8).map("".join)


@settings(max_examples=40)
@given(fmt=fmt_strategy, secs=st.integers(min_value=-2 ** 35, max_value=2 ** 35),
       ns=st.integers(min_value=0, max_value=999999999), tz=st.sampled_from(ZONES))
def test_hypothesis_formats_same_as_gnu(inproc, fmt, secs, ns, tz):
    when = "@%d.%09d" % (secs, ns) if secs >= 0 else "@%d" % secs
    r = inproc("date", "-d", when, "+" + fmt, env={"TZ": tz})
    assert tuple(r) == gnu_date("-d", when, "+" + fmt, env={"TZ": tz}), fmt


def test_default_format_and_now(run, via):
    r = run("date", via=via, env={"TZ": "UTC"})
    assert r.status == 0 and r.err == b""
    shown = time.strptime(r.out.decode().strip(), "%a %b %d %H:%M:%S UTC %Y")
    assert abs(time.mktime(shown) - time.mktime(time.gmtime())) < 60


def test_plus_s_is_now(inproc):
    r = inproc("date", "+%s")
    assert abs(int(r.out) - time.time()) < 5


# -- date strings -----------------------------------------------------------------------

ABSOLUTE = [
    "@0", "@1.5", "@-1.5", "@1234567890.123456789", "2026-11-03", "2026-11-03 10",
    "2026-11-03 10:20", "2026-11-03 10:20:30", "2026-11-03T10:20:30", "2026-11-03T10:20:30Z",
    "2026-11-03T10:00:00.5+05:30", "2026-11-03 10:00:00.123456789 -0130",
    "Tue, 03 Nov 2026 10:00:00 +0100", "Mon, 03 Nov 2026 10:00:00", "nov 3 2026",
    "November 3, 2026", "3 Nov 2026", "3-nov-2026", "20261103", "11/3/26", "11/3/1999",
    "2026/11/03", "Nov 3 2026 10:00 pm", "2026-11-03 10:00 EST", "2026-11-03 10:00 jst",
    "2026-11-03 10:00 utc", "2026-11-03 10:00 z", "2026-11-03 10:00 gmt", "2024-02-29",
    "1970-01-01 00:00:00 UTC", "TZ=\"Asia/Tokyo\" 2026-01-01 09:00", "TZ=\"UTC0\" 2026-06-01",
    "0005-01-01", "99-01-01", "69-01-01", "68-12-31", "2026-01-31 +1 month", "2026-01-31 1 month ago",
    "2026-11-03 10:00 +2 hours", "2026-11-03 next year", "2026-11-03 3 days ago 2 hours",
    "2026-11-03 yesterday", "2026-11-03 tomorrow 10:00", "2026-03-29 01:59:59",
    "2026-10-25 02:30", "2026-11-03 12am", "2026-11-03 12pm", "2026-11-03 1:30 a.m.",
    "2026-11-03 (a comment) 10:00", "2026-11-03 1.5 seconds ago",
]
INVALID = ["xyz", "2026-02-30", "2023-02-29", "2026-11-03 24:00", "23:59:60", "10:61", "0:00pm",
           "13/1/2026", "2026-13-01", "1 blorp", "next", "ago", "2026-11-03 10:00 +25",
           "TZ=\"UTC", "Nov", "2026-11-03 2026-11-04", "10:00 11:00", "monday tuesday"]


@pytest.mark.parametrize("tz", ["UTC", "Europe/Paris", "EST5EDT", "Asia/Kolkata"])
def test_absolute_strings_same_as_gnu(inproc, tmp_path, tz):
    """One -f run each: line by line, the same dates and messages."""
    f = tmp_path / "dates"
    f.write_text("\n".join(ABSOLUTE + INVALID) + "\n")
    r = inproc("date", "-f", str(f), "+%F %T.%N %z", env={"TZ": tz})
    want = gnu_date("-f", str(f), "+%F %T.%N %z", env={"TZ": tz})
    for s, got, exp in zip(ABSOLUTE, r.out.split(b"\n"), want[0].split(b"\n")):
        assert got == exp, s
    assert r.err.split(b"\n") == want[1].split(b"\n")
    assert tuple(r) == want


@pytest.mark.parametrize("s", INVALID)
def test_invalid_strings(inproc, s):
    r = inproc("date", "-d", s)
    assert tuple(r) == (b"", ("date: invalid date '%s'\n" % s).encode(), 1)


RELATIVE = ["now", "today", "yesterday", "tomorrow", "2 days ago", "3days ago", "1 day 2 hours ago",
            "next monday", "last monday", "monday", "this friday", "2 monday", "sunday", "last week",
            "next year", "1 month", "+3 hours", "-2 hours", "1 hour 30 minutes ago", "tomorrow 10:00",
            "10:00 tomorrow", "fortnight", "3 weeks", "now +1 min", "10am", "10 pm", "1030", "10",
            "12/31", "Nov 3 10:00", "sec", "1 year ago", "last month", "thursday 10:00",
            "yesterday 10:00 +2 hours", "10:00 est", "2 weeks ago sunday", "first monday"]


@pytest.mark.parametrize("tz", ["UTC", "Europe/Paris", "America/New_York"])
def test_relative_strings_same_as_gnu(inproc, tz):
    """Run at nearly the same moment: compare to the minute (retried once
    if a minute boundary fell between the two)."""
    fmt = "+%F %H:%M %z"
    for s in RELATIVE:
        for attempt in range(2):
            want = gnu_date("-d", s, fmt, env={"TZ": tz})
            got = tuple(inproc("date", "-d", s, fmt, env={"TZ": tz}))
            if got == want:
                break
        assert got == want, s


def test_find_api():
    from multicall import dates
    os.environ["TZ"] = "UTC"
    time.tzset()
    try:
        now = 1609459200 * 10 ** 9
        assert dates.parse("2 days ago", now) == (1609459200 - 2 * 86400, 0)
        assert dates.parse("1.5 seconds ago", now) == (1609459198, 500000000)
        assert dates.parse("next monday", now) == (1609718400, 0)  # 2021-01-04
        assert dates.parse("friday", now) == (1609459200, 0)  # that day itself
        assert dates.parse("last friday", now) == (1609459200 - 7 * 86400, 0)
        assert dates.parse("noon", now) is None  # GNU 9.1 refuses noon and midnight
        assert dates.parse("tomorrow midnight", now) is None
        assert dates.parse("UTC", now + 3600 * 10 ** 9) == (1609459200, 0)  # a zone alone: midnight
        assert dates.parse("", now + 5 * 10 ** 9) == (1609459200, 0)
        assert dates.parse("TZ=\"Asia/Tokyo\" 2021-01-01 09:00", now) == (1609459200, 0)
        assert time.localtime(0).tm_zone == "UTC"  # TZ restored
    finally:
        os.environ.pop("TZ", None)
        time.tzset()


def test_empty_string_is_midnight_today(inproc):
    assert tuple(inproc("date", "-d", "", "+%F %T", env={"TZ": "UTC"})) == \
        gnu_date("-d", "", "+%F %T", env={"TZ": "UTC"})


# -- options ------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["-d", "@0"], ["-d", "@0", "-R"], ["-d", "@0", "--rfc-email"], ["-d", "@0", "--rfc-822"],
    ["-d", "@0", "--rfc-2822"], ["-d", "@0", "-I"], ["-d", "@0", "-Ihours"], ["-d", "@0", "-Iminutes"],
    ["-d", "@0", "-Iseconds"], ["-d", "@0.5", "-Ins"], ["-d", "@0", "-Id"], ["-d", "@0", "--iso=h"],
    ["-d", "@0", "--iso-8601=x"], ["-d", "@0", "--iso-8601=m"], ["-d", "@0", "--rfc-3339=date"],
    ["-d", "@0.5", "--rfc-3339=ns"], ["-d", "@0", "--rfc-3339=seconds"], ["-d", "@0", "--rfc-3339"],
    ["-d", "@0", "--rfc-3339=x"], ["-d", "@0", "-R", "-I"], ["-d", "@0", "-R", "+%s"],
    ["-d", "@0", "x"], ["-d", "@0", "+%s", "+%s"], ["-u", "-d", "@0"], ["--utc", "-d", "@0"],
    ["--universal", "-d", "@0"], ["-d", "xyz"], ["-s", "xyz"], ["-d", "@0", "-s", "@0"],
    ["13011212"], ["-d"], ["--date"], ["-x"], ["-s", "@0", "x"], ["--date=@5", "+%s"],
    ["-d", "@0", "--rfc-3339=date", "-Ins"], ["-u", "-d", "2026-06-01 12:00", "+%F %T %Z"],
])
@pytest.mark.parametrize("tz", ["Europe/Paris"])
def test_options_same_as_gnu(inproc, args, tz):
    assert tuple(inproc("date", *args, env={"TZ": tz})) == gnu_date(*args, env={"TZ": tz})


def test_utf8_messages_same_as_gnu(inproc):
    env = {"LC_ALL": "C.UTF-8", "TZ": "UTC"}
    for args in (["-d", "xyz"], ["-d", "@0", "--rfc-3339=x"], ["-d", "@0", "x"]):
        assert tuple(inproc("date", *args, env=env)) == gnu_date(*args, env=env)


def test_reference(inproc, tmp_path):
    f = tmp_path / "f"
    f.write_bytes(b"")
    os.utime(f, ns=(0, 1588748889123456789))
    args = ["-r", str(f), "+%s.%N %F %T"]
    assert tuple(inproc("date", *args, env={"TZ": "UTC"})) == \
        (b"1588748889.123456789 2020-05-06 07:08:09\n", b"", 0)
    assert tuple(inproc("date", *args, env={"TZ": "UTC"})) == gnu_date(*args, env={"TZ": "UTC"})
    r = inproc("date", "--reference", str(tmp_path / "missing"))
    assert tuple(r) == (b"", ("date: %s: No such file or directory\n" % (tmp_path / "missing")).encode(), 1)


def test_reference_non_utf8_name(inproc, tmp_path):
    name = os.path.join(os.fsencode(tmp_path), b"\xff")
    open(name, "wb").close()
    os.utime(name, (0, 86400))
    assert inproc("date", "-u", "-r", os.fsdecode(name), "+%s").out == b"86400\n"


def test_file(inproc, tmp_path):
    f = tmp_path / "dates"
    f.write_bytes(b"2020-01-01\nxyz\n@0\n\n1 day ago")
    r = inproc("date", "-f", str(f), "+%F", env={"TZ": "UTC"})
    assert r.status == 1 and r.err == b"date: invalid date 'xyz'\n"
    lines = r.out.split(b"\n")
    assert lines[:3] == [b"2020-01-01", b"1970-01-01", time.strftime("%Y-%m-%d", time.gmtime()).encode()]
    want = gnu_date("-f", str(f), "+%F", env={"TZ": "UTC"})
    assert (r.err, r.status) == want[1:]
    r2 = inproc("date", "--file=-", "+%s", stdin=b"@5\n@6\n")
    assert tuple(r2) == (b"5\n6\n", b"", 0)
    r3 = inproc("date", "-f", str(tmp_path / "none"))
    assert r3.status == 1 and r3.err.endswith(b"none: No such file or directory\n")


@pytest.mark.parametrize("tz, want", [
    ("EST5EDT", b"1969-12-31 19:00:00 EST -0500\n2026-07-01 08:00:00 EDT -0400\n"),
    ("UTC0", b"1970-01-01 00:00:00 UTC +0000\n2026-07-01 12:00:00 UTC +0000\n"),
    ("<+0530>-5:30", b"1970-01-01 05:30:00 +0530 +0530\n2026-07-01 17:30:00 +0530 +0530\n"),
    ("Europe/Paris", b"1970-01-01 01:00:00 CET +0100\n2026-07-01 14:00:00 CEST +0200\n"),
])
def test_tz_values(run, tmp_path, tz, want):
    f = tmp_path / "d"
    f.write_bytes(b"@0\n@1782907200\n")
    r = run("date", "-f", str(f), "+%F %T %Z %z", env={"TZ": tz})
    assert tuple(r) == (want, b"", 0)


def test_utc_option_wins_over_tz(run):
    assert run("date", "-u", "-d", "@0", "+%H %Z", env={"TZ": "Asia/Tokyo"}).out == b"00 UTC\n"


def test_date_string_zone_does_not_change_output_zone(inproc):
    r = inproc("date", "-d", "TZ=\"Asia/Tokyo\" 2026-01-01 09:00", "+%F %T %Z", env={"TZ": "UTC"})
    assert r.out == b"2026-01-01 00:00:00 UTC\n"


def test_busybox_input_format(inproc):
    r = inproc("date", "-D", "%d.%m.%Y %H:%M", "-d", "03.11.2026 10:20", "+%F %T", env={"TZ": "UTC"})
    assert tuple(r) == (b"2026-11-03 10:20:00\n", b"", 0)
    r = inproc("date", "-D", "%Y", "-d", "x", env={"TZ": "UTC"})
    assert tuple(r) == (b"", b"date: invalid date 'x'\n", 1)


def test_debug_is_refused(run):
    r = run("date", "--debug", "-d", "@0")
    assert tuple(r) == (b"", b"date: option '--debug' is not supported\n", 1)


def test_help(run):
    r = run("date", "--help")
    assert r.status == 0 and b"--rfc-3339=FMT" in r.out and b"-I, --iso-8601[=FMT]" in r.out


# -- setting the clock: only ever the failing paths ----------------------------------------

def no_clock_setting():
    """In the child: drop CAP_SYS_TIME from the bounding set, so that the
    program it executes cannot set the clock even as root."""
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(24, 25, 0, 0, 0) != 0:  # PR_CAPBSET_DROP, CAP_SYS_TIME
        os._exit(99)


@pytest.mark.parametrize("args", [["-s", "2020-01-01 00:00", "+%F %T"], ["010100002020"],
                                  ["--set=@0"], ["-u", "-s", "@86400", "+%s"]])
def test_set_refused_same_as_gnu(bindir, args):
    """Without CAP_SYS_TIME clock_settime fails: GNU's message, status 1,
    and the date is still printed.  (The clock is never really set.)"""
    env = child_env({"TZ": "UTC"})
    ours = subprocess.run([os.path.join(bindir, "date")] + args, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=env, preexec_fn=no_clock_setting)
    if ours.returncode == 99:
        pytest.skip("cannot drop CAP_SYS_TIME here")
    assert ours.returncode == 1
    assert ours.stderr == b"date: cannot set date: Operation not permitted\n"
    assert ours.stdout.startswith(b"2020-01-01 00:00") or args[0] != "-s"
    if os.path.exists(GNU_DATE):
        gnu = subprocess.run(["date"] + args, executable=GNU_DATE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env, preexec_fn=no_clock_setting)
        assert (ours.stdout, ours.stderr, ours.returncode) == (gnu.stdout, gnu.stderr, gnu.returncode)


@pytest.mark.parametrize("arg", ["13011212", "01320000", "0101250020", "010100002020.61", "0101", "abc",
                                 "02300000"])
def test_set_operand_invalid(inproc, arg):
    assert tuple(inproc("date", arg)) == (b"", ("date: invalid date '%s'\n" % arg).encode(), 1)


# gnulib nstrftime's corners, each found by the generated test above: the
# E/O modifiers (ignored for %Eq %Eu %Es %Os; libc's digits for years;
# gnulib's own path for a negative %O number; %O with colons), the + flag
# on two-digit years, %C of the years -99..-1 (-0), and %D/%F passing
# their - and _ flags down to the year.
QUIRKS = ["%1Oz", "%07Oz", "%-7Oz", "%O:z", "x%O::zy", "%5O:z", "%3Eq", "%3Eu", "%3Es", "%3Os",
          "%+5g", "%+3y", "%+2y", "%EC", "%3OC", "%+5OC", "%+3C", "%C", "%EY", "%3OG", "%OG",
          "%-2D", "%_12D", "%-F", "%_F", "%_12F", "%12F"]


@pytest.mark.parametrize("fmt", QUIRKS)
@pytest.mark.parametrize("when,tz", [("@0", "Asia/Kolkata"), ("@0", "America/St_Johns"),
                                     ("@-2000000000", "UTC"), ("@-62000000000", "UTC"),
                                     ("@-64000000000", "UTC"), ("@-80000000000", "UTC")])
def test_strftime_corners_same_as_gnu(inproc, fmt, when, tz):
    r = inproc("date", "-d", when, "+" + fmt, env={"TZ": tz})
    assert tuple(r) == gnu_date("-d", when, "+" + fmt, env={"TZ": tz}), fmt
