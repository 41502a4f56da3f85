"""Unit tests of multicall.options: one group of tests per getopt_long rule,
the value types, the applet-level rules, --help/--version, and property
tests that the spellings of one command line parse alike."""
import pytest
from hypothesis import given, strategies as st

from multicall import errors, main, stdio
from multicall.errors import Exit, Usage
from multicall.options import COUNT, LIST, OPTARG, Spec, choice, integer, opt, parse_size


@pytest.fixture(autouse=True)
def c_locale(monkeypatch):
    """GNU's ASCII quotes: the C locale, whatever the test runner has."""
    for var in ("LC_ALL", "LC_CTYPE", "LANG", "POSIXLY_CORRECT"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LC_ALL", "C")


def make_spec(**kw):
    """A spec resembling a real applet's: flags, arguments, a counter, a
    list, optional arguments and long names with shared prefixes."""
    return Spec("[OPTION]... [FILE]...", "Test the option parser.",
                opt("-a, --all", "do not ignore entries"),
                opt("-b, --brief", "be brief"),
                opt("-c", "a short-only flag"),
                opt("-n, --lines=NUM", "print NUM lines"),
                opt("-v, --verbose", "more noise", kind=COUNT),
                opt("-e, --expression=SCRIPT", "add a script", kind=LIST, dest="scripts"),
                opt("--color[=WHEN]", "colorize", kind=OPTARG, const="always"),
                opt("--context", "show context"),
                opt("-p[N]", "strip N components", kind=OPTARG, const="0"),
                opt("--quiet, --silent", "never print headers"),
                **kw)


def parse(argv, spec=None):
    return (spec or make_spec()).parse(["prog"] + list(argv))


def usage_error(argv, spec=None):
    with pytest.raises(Usage) as info:
        parse(argv, spec)
    return info.value


# -- flags and bundling ---------------------------------------------------

def test_defaults():
    ns = parse([])
    assert (ns.all, ns.brief, ns.c, ns.lines, ns.verbose, ns.scripts, ns.color, ns.p) == \
        (False, False, False, None, 0, [], None, None)
    assert ns.operands == [] and ns.prog == "prog" and ns.given == []


def test_single_flags():
    ns = parse(["-a", "-c"])
    assert ns.all is True and ns.c is True and ns.brief is False


def test_bundled_flags():
    ns = parse(["-abc"])
    assert (ns.all, ns.brief, ns.c) == (True, True, True)
    assert ns.given == ["all", "brief", "c"]


def test_bundle_ending_in_option_with_argument():
    ns = parse(["-abn5"])
    assert (ns.all, ns.brief, ns.lines) == (True, True, "5")
    ns = parse(["-abn", "7", "x"])
    assert (ns.all, ns.brief, ns.lines, ns.operands) == (True, True, "7", ["x"])


def test_argument_swallows_rest_of_bundle():
    ns = parse(["-nab"])
    assert ns.lines == "ab" and ns.all is False and ns.brief is False


# -- arguments --------------------------------------------------------------

@pytest.mark.parametrize("argv", [["-n5"], ["-n", "5"], ["--lines=5"], ["--lines", "5"],
                                  ["--li=5"], ["--lin", "5"]])
def test_argument_spellings(argv):
    ns = parse(argv)
    assert ns.lines == "5" and ns.operands == []


def test_separate_argument_may_start_with_dash():
    assert parse(["-n", "-3"]).lines == "-3"
    assert parse(["--lines", "--all"]).lines == "--all"
    assert parse(["-n", "--"]).lines == "--"


def test_empty_arguments():
    assert parse(["--lines="]).lines == ""
    assert parse(["-n", ""]).lines == ""


def test_equals_sign_kept_in_value():
    assert parse(["--lines=a=b"]).lines == "a=b"
    assert parse(["-n=4"]).lines == "=4"


def test_last_value_wins():
    assert parse(["-n1", "--lines=2", "-n", "3"]).lines == "3"


# -- long names ---------------------------------------------------------------

def test_long_flag():
    assert parse(["--all"]).all is True


def test_unique_prefix():
    ns = parse(["--br", "--verb", "--verbo"])
    assert ns.brief is True and ns.verbose == 2


def test_prefix_of_aliases_of_one_option_is_not_ambiguous():
    spec = Spec("", "", opt("-q, --quiet, --quit", "x"))
    assert parse(["--qu"], spec).quiet is True


def test_exact_match_wins_over_longer_names():
    spec = Spec("", "", opt("--col", "short one"), opt("--color", "long one"), opt("--colors", "longer"))
    ns = parse(["--color"], spec)
    assert ns.color is True and ns.colors is False and ns.col is False
    ns = parse(["--col"], spec)
    assert ns.col is True and ns.color is False


def test_ambiguous_prefix():
    e = usage_error(["--co"])
    assert e.message == "option '--co' is ambiguous; possibilities: '--color' '--context'"
    assert e.status == 1


def test_ambiguous_prefix_with_value_shows_what_was_typed():
    e = usage_error(["--co=x"])
    assert e.message == "option '--co=x' is ambiguous; possibilities: '--color' '--context'"


def test_unrecognized_long_option():
    assert usage_error(["--foo"]).message == "unrecognized option '--foo'"
    assert usage_error(["--foo=1"]).message == "unrecognized option '--foo=1'"
    assert usage_error(["--all-of-it"]).message == "unrecognized option '--all-of-it'"


def test_invalid_short_option():
    assert usage_error(["-Q"]).message == "invalid option -- 'Q'"
    assert usage_error(["-aQ"]).message == "invalid option -- 'Q'"


def test_missing_argument_messages():
    assert usage_error(["--lines"]).message == "option '--lines' requires an argument"
    assert usage_error(["--lin"]).message == "option '--lines' requires an argument"
    assert usage_error(["-n"]).message == "option requires an argument -- 'n'"
    assert usage_error(["-an"]).message == "option requires an argument -- 'n'"


def test_argument_not_allowed():
    assert usage_error(["--all=1"]).message == "option '--all' doesn't allow an argument"
    assert usage_error(["--al=1"]).message == "option '--all' doesn't allow an argument"
    assert usage_error(["--all="]).message == "option '--all' doesn't allow an argument"


def test_usage_status_follows_spec():
    spec = make_spec(status=2)
    assert usage_error(["-Q"], spec).status == 2
    assert usage_error(["--nope"], spec).status == 2


# -- operands -----------------------------------------------------------------

def test_double_dash_ends_options():
    ns = parse(["-a", "--", "-b", "--lines=3", "--"])
    assert ns.all is True and ns.brief is False and ns.lines is None
    assert ns.operands == ["-b", "--lines=3", "--"]


def test_single_dash_is_an_operand():
    ns = parse(["-", "-a", "-"])
    assert ns.operands == ["-", "-"] and ns.all is True


def test_operands_interleave_with_options():
    ns = parse(["x", "-a", "y", "--lines", "4", "z"])
    assert ns.operands == ["x", "y", "z"] and ns.all is True and ns.lines == "4"


def test_posixly_correct_stops_at_first_operand(monkeypatch):
    monkeypatch.setenv("POSIXLY_CORRECT", "1")
    ns = parse(["-a", "x", "-b", "--", "y"])
    assert ns.all is True and ns.brief is False
    assert ns.operands == ["x", "-b", "--", "y"]


def test_posixly_correct_empty_value_still_counts(monkeypatch):
    monkeypatch.setenv("POSIXLY_CORRECT", "")
    assert parse(["x", "-a"]).operands == ["x", "-a"]


def test_spec_stop():
    spec = make_spec(stop=True)
    ns = parse(["-a", "cmd", "-b", "--lines=1"], spec)
    assert ns.all is True and ns.brief is False and ns.operands == ["cmd", "-b", "--lines=1"]


# -- kinds ---------------------------------------------------------------------

def test_counter():
    assert parse(["-v"]).verbose == 1
    assert parse(["-vvv", "--verbose", "-v"]).verbose == 5


def test_list_keeps_order():
    ns = parse(["-e", "one", "--expression=two", "-ethree", "--expr", "four"])
    assert ns.scripts == ["one", "two", "three", "four"]


def test_list_is_fresh_per_parse():
    spec = make_spec()
    parse(["-e", "x"], spec)
    assert parse([], spec).scripts == []


def test_optional_long_argument_only_attached():
    assert parse(["--color"]).color == "always"
    assert parse(["--color=never"]).color == "never"
    assert parse(["--colo=auto"]).color == "auto"
    ns = parse(["--color", "never"])
    assert ns.color == "always" and ns.operands == ["never"]


def test_optional_short_argument_only_attached():
    assert parse(["-p"]).p == "0"
    assert parse(["-p1"]).p == "1"
    ns = parse(["-p", "2"])
    assert ns.p == "0" and ns.operands == ["2"]
    ns = parse(["-ap3"])
    assert ns.all is True and ns.p == "3"


def test_const_last_one_wins():
    spec = Spec("", "",
                opt("-q, --quiet", "q", dest="headers", kind="const", const=False),
                opt("-v, --verbose", "v", dest="headers", kind="const", const=True))
    assert parse([], spec).headers is None
    assert parse(["-q"], spec).headers is False
    assert parse(["-q", "-v"], spec).headers is True
    assert parse(["-vq"], spec).headers is False
    assert parse(["--verbose", "--quiet", "--verb"], spec).headers is True


def test_arguments_sharing_a_dest():
    spec = Spec("", "", opt("-c, --bytes=N", "b", dest="count", type=lambda v: ("c", v)),
                opt("-n, --lines=N", "l", dest="count", type=lambda v: ("n", v)))
    assert parse(["-c", "3", "-n", "4"], spec).count == ("n", "4")
    assert parse(["-n4", "--bytes=9"], spec).count == ("c", "9")


def test_optional_argument_with_const_keeps_its_value():
    # An optional-argument option given a `const` (the value when the argument
    # is left out) must still take an attached argument, and check its type:
    # this is how tee declares --output-error[=MODE].
    spec = Spec("", "", opt("--output-error[=MODE]", "x", type=choice("warn", "exit"), const="warn"))
    assert parse(["--output-error"], spec).output_error == "warn"
    assert parse(["--output-error=exit"], spec).output_error == "exit"
    assert parse(["--output-error=ex"], spec).output_error == "exit"
    assert usage_error(["--output-error=bogus"], spec).message == (
        "invalid argument 'bogus' for '--output-error'\n"
        "Valid arguments are:\n  - 'warn'\n  - 'exit'")


# -- value types ------------------------------------------------------------------

def test_integer_type():
    spec = Spec("", "", opt("-w, --width=COLS", "w", type=integer(1, 80)))
    assert parse(["-w", "80"], spec).width == 80
    assert parse(["--width=1"], spec).width == 1
    assert parse(["--width= 7"], spec).width == 7
    for bad in ("0", "81", "x", "", "1.5", "0x10"):
        e = usage_error(["--width=" + bad], spec)
        assert e.message == "invalid argument '%s' for '--width'" % bad
    assert usage_error(["-wx"], spec).message == "invalid argument 'x' for '-w'"
    assert usage_error(["--wi=x"], spec).message == "invalid argument 'x' for '--width'"


def test_integer_short_only_option_named_by_its_letter():
    spec = Spec("", "", opt("-k N", "k", type=integer()))
    assert parse(["-k", "-12"], spec).k == -12
    assert usage_error(["-kz"], spec).message == "invalid argument 'z' for '-k'"


def test_integer_unbounded():
    conv = integer()
    assert conv("-5") == -5 and conv("123456789012345678901234567890") == 123456789012345678901234567890
    assert integer(lo=0)("0") == 0
    with pytest.raises(ValueError):
        integer(lo=0)("-1")
    with pytest.raises(ValueError):
        integer(hi=3)("4")


def test_type_error_message_from_type():
    def fussy(v):
        raise ValueError("invalid width: %s" % errors.quote(v))
    spec = Spec("", "", opt("-w N", "w", type=fussy))
    assert usage_error(["-w", "q"], spec).message == "invalid width: 'q'"


@pytest.mark.parametrize("text, value", [
    ("0", 0), ("17", 17), ("007", 7), (" 5", 5),
    ("1b", 512), ("b", 512), ("3b", 1536),
    ("1K", 1024), ("1k", 1024), ("2KiB", 2048), ("1kB", 1000), ("1KB", 1000), ("K", 1024),
    ("1M", 1024 ** 2), ("1MiB", 1024 ** 2), ("1MB", 1000 ** 2), ("M", 1024 ** 2),
    ("1G", 1024 ** 3), ("2GB", 2 * 1000 ** 3), ("1T", 1024 ** 4), ("1TB", 1000 ** 4),
    ("1P", 1024 ** 5), ("1E", 1024 ** 6), ("1Z", 1024 ** 7), ("1Y", 1024 ** 8),

    ("99999999999999999999999", 99999999999999999999999),
])
def test_parse_size(text, value):
    assert parse_size(text) == value


@pytest.mark.parametrize("text", ["", "x", "1x", "1KiBx", "1Kib", "1kiB2", "1.5K", "-1", "1 K",
                                  "1bB", "1A", "KK", "iB", "1B",
                                  # R and Q arrived after GNU coreutils 9.1, the reference
                                  "1R", "1Q", "1QB"])
def test_parse_size_errors(text):
    with pytest.raises(ValueError):
        parse_size(text)


def test_parse_size_without_b():
    assert parse_size("1K", allow_b=False) == 1024
    with pytest.raises(ValueError):
        parse_size("1b", allow_b=False)


def test_choice():
    conv = choice("always", "auto", "never")
    assert conv("never") == "never"
    assert conv("n") == "never"
    assert conv("alw") == "always"
    for bad in ("a", "", "x", "nevers", "Never"):
        with pytest.raises(ValueError):
            conv(bad)


def test_choice_exact_match_beats_prefix():
    conv = choice("exit", "exit-nopipe")
    assert conv("exit") == "exit"
    assert conv("exit-") == "exit-nopipe"
    with pytest.raises(ValueError):
        conv("ex")


# -- applet-level rules ---------------------------------------------------------------

def test_min_operands():
    spec = make_spec(operands=(1, None))
    assert usage_error([], spec).message == "missing operand"
    assert usage_error(["-a"], spec).message == "missing operand"
    assert parse(["x"], spec).operands == ["x"]


def test_missing_operand_after():
    spec = make_spec(operands=(2, 2))
    assert usage_error(["a"], spec).message == "missing operand after 'a'"


def test_max_operands():
    spec = make_spec(operands=(0, 2))
    assert parse(["a", "b"], spec).operands == ["a", "b"]
    e = usage_error(["a", "b", "c", "d"], spec)
    assert e.message == "extra operand 'c'" and e.status == 1


def test_operand_quoting_follows_locale(monkeypatch):
    spec = make_spec(operands=(0, 1))
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert usage_error(["a", "b c"], spec).message == "extra operand \u2018b c\u2019"
    monkeypatch.setenv("LC_ALL", "C")
    assert usage_error(["a", "b c"], spec).message == "extra operand 'b c'"


def test_environ_changes_reach_utf8_locale(monkeypatch):
    # compat.platform reads posix.environ; os.environ writes through to it.
    from compat.platform import utf8_locale
    monkeypatch.delenv("LC_ALL")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert utf8_locale() is True
    monkeypatch.setenv("LC_CTYPE", "POSIX")
    assert utf8_locale() is False
    monkeypatch.setenv("LC_ALL", "de_DE.utf8")
    assert utf8_locale() is True


def test_exclusive_options():
    spec = make_spec(exclusive=[("all", "brief", "cannot combine -a and -b")])
    assert parse(["-a"], spec).all is True
    assert parse(["-c", "-b"], spec).brief is True
    e = usage_error(["-a", "x", "--brief"], spec)
    assert e.message == "cannot combine -a and -b"


def test_exclusive_repeats_of_one_option_are_fine():
    spec = make_spec(exclusive=[("all", "brief", "no")])
    assert parse(["-a", "-a", "--all"], spec).all is True


def test_num_shorthand_to_named_option():
    spec = make_spec(num="lines")
    ns = parse(["-25", "f"], spec)
    assert ns.lines == "25" and ns.operands == ["f"]


def test_num_shorthand_only_first():
    spec = make_spec(num="lines")
    assert usage_error(["-a", "-25"], spec).message == "invalid option -- '2'"


def test_num_shorthand_later_options_override():
    spec = make_spec(num="lines")
    assert parse(["-3", "-n", "8"], spec).lines == "8"


def test_num_shorthand_callable():
    seen = []
    spec = make_spec(num=lambda ns, text: seen.append(text))
    parse(["-12x", "-a"], spec)
    assert seen == ["12x"]


def test_no_num_shorthand_without_num():
    assert usage_error(["-5"]).message == "invalid option -- '5'"


def test_dashless_first_argument():
    spec = make_spec(dashless=True)
    ns = parse(["abn", "3", "file"], spec)
    assert (ns.all, ns.brief, ns.lines, ns.operands) == (True, True, "3", ["file"])
    assert parse(["ab"], spec) .__dict__ == parse(["-ab"], spec).__dict__


def test_dashless_only_first_argument():
    spec = make_spec(dashless=True)
    ns = parse(["-a", "bc"], spec)
    assert ns.all is True and ns.brief is False and ns.operands == ["bc"]
    assert usage_error(["axQ"], spec).message == "invalid option -- 'x'"


# -- --help and --version --------------------------------------------------------------

def run_spec(spec, argv, capfd):
    """Parse inside an output scope, the way the dispatcher does."""
    stdio.push()
    try:
        with pytest.raises(Exit) as info:
            spec.parse(["prog"] + argv)
    finally:
        stdio.pop()
    out, err = capfd.readouterr()
    return info.value.status, out, err


def test_help(capfd):
    status, out, err = run_spec(make_spec(epilog="The end."), ["--help"], capfd)
    assert status == 0 and err == ""
    lines = out.split("\n")
    assert lines[0] == "Usage: prog [OPTION]... [FILE]..."
    assert lines[1] == "Test the option parser."
    assert "  -a, --all                do not ignore entries" in lines
    assert "  -n, --lines=NUM          print NUM lines" in lines
    assert "      --color[=WHEN]       colorize" in lines
    assert "  -c                       a short-only flag" in lines
    assert "  -p[N]                    strip N components" in lines
    assert "      --quiet, --silent    never print headers" in lines
    assert "      --help               display this help and exit" in lines
    assert "      --version            output version information and exit" in lines
    assert out.endswith("\nThe end.\n")


def test_help_abbreviated_and_among_other_options(capfd):
    status, out, _ = run_spec(make_spec(), ["-a", "x", "--he"], capfd)
    assert status == 0 and out.startswith("Usage: prog ")


def test_help_hides_options_without_help(capfd):
    spec = Spec("X", "About.", opt("-s", None), opt("-t", "shown"))
    _, out, _ = run_spec(spec, ["--help"], capfd)
    assert "-t" in out and "-s" not in out


def test_help_several_usage_lines(capfd):
    spec = Spec(("A", "B C"), "About.")
    _, out, _ = run_spec(spec, ["--help"], capfd)
    assert out.startswith("Usage: prog A\n  or:  prog B C\nAbout.\n")


def test_version(capfd):
    from multicall import VERSION
    status, out, err = run_spec(make_spec(), ["--version"], capfd)
    assert (status, out, err) == (0, "prog (pybox) %s\n" % VERSION, "")


def test_help_disabled():
    spec = Spec("X", "About.", help=False, version=False)
    assert usage_error(["--help"], spec).message == "unrecognized option '--help'"
    assert usage_error(["--version"], spec).message == "unrecognized option '--version'"


def test_dispatcher_reports_usage(capfd):
    status = main.call("prog", make_spec().parse, ["prog", "--lines"])
    out, err = capfd.readouterr()
    assert status == 1 and out == ""
    assert err == ("prog: option '--lines' requires an argument\n"
                   "Try 'prog --help' for more information.\n")


# -- properties ------------------------------------------------------------------------

FLAGS = "abcv"
flag_sets = st.lists(st.sampled_from(FLAGS), min_size=1, max_size=8)


@given(flag_sets)
def test_bundled_equals_separate(flags):
    bundled = parse(["-" + "".join(flags)])
    separate = parse(["-" + f for f in flags])
    assert bundled.__dict__ == separate.__dict__
    assert bundled.verbose == flags.count("v")
    assert bundled.all == ("a" in flags)


@given(flag_sets, st.text(min_size=1).filter(lambda s: "\0" not in s))
def test_bundle_with_trailing_argument(flags, value):
    bundled = parse(["-" + "".join(flags) + "n" + value])
    separate = parse(["-" + f for f in flags] + ["-n", value])
    assert bundled.__dict__ == separate.__dict__
    assert bundled.lines == value


@given(st.text().filter(lambda s: "\0" not in s))
def test_argument_spellings_agree(value):
    forms = [["--lines=" + value], ["--lin=" + value], ["-n", value]]
    if value:
        forms.append(["-n" + value])  # "-n" alone would take the next word
    forms.append(["--lines", value])
    results = [parse(f) for f in forms]
    for r in results:
        assert r.lines == value and r.operands == []


@given(st.lists(st.one_of(st.sampled_from(["-a", "-b", "-v", "--all", "--verbose"]),
                          st.text(alphabet="xyz./", min_size=1, max_size=4)), max_size=10))
def test_operands_keep_order_and_options_apply(words):
    ns = parse(words)
    assert ns.operands == [w for w in words if not w.startswith("-")]
    assert ns.verbose == sum(w in ("-v", "--verbose") for w in words)
    assert ns.all == any(w in ("-a", "--all") for w in words)
