"""sed: stream editor for filtering and transforming text (GNU sed 4.9).

The script is parsed once (parse.py, GNU's compile.c rules and messages)
and compiled once into a single Python function (codegen.py): addresses,
commands and branches become straight Python code over local variables,
and the input is read in 256 KiB chunks split into lines in bulk, so the
per-line work is a few bytecodes plus whatever the commands need.  The
whole-script forms that are most common (`s/re/rep/[g]`, `/re/p` with -n,
`/re/d`, `Nq`, `$d`, `p`) are recognised by fast.py and run over whole
chunks in C where that gives the same bytes.  In-place editing is in
inplace.py, the s command's replacement in replace.py.  --debug (GNU
4.9's annotated run: the canonical program, then every command and the
state it leaves) compiles the program with the tracing built in
(debug.py); without the option no tracing code exists in the program.
"""
import posix

from multicall.errors import Exit, Fail, WriteError, write_stderr
from multicall.options import Spec, opt

USAGE = """\
Usage: %s [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 annotate program execution
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the `l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single,
                 continuous long stream.
      --sandbox
                 operate in sandbox mode (disable e/r/w commands).
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
"""

SPEC = Spec("[OPTION]... {script-only-if-no-other-script} [input-file]...", None,
            opt("-n, --quiet, --silent", "suppress automatic printing of pattern space"),
            opt("--debug", "annotate program execution"),
            opt("-e, --expression=script", "add the script to the commands to be executed", kind="list"),
            opt("-f, --file=script-file", "add the contents of script-file to the commands to be executed",
                kind="list"),
            opt("--follow-symlinks", "follow symlinks when processing in place"),
            opt("-i, --in-place[=SUFFIX]", "edit files in place (makes backup if SUFFIX supplied)", const=""),
            opt("-l, --line-length=N", "specify the desired line-wrap length for the `l' command"),
            opt("--posix", "disable all GNU extensions."),
            opt("-E, -r, --regexp-extended", "use extended regular expressions in the script"),
            opt("-s, --separate", "consider files as separate rather than as a single,\n"
                "continuous long stream."),
            opt("--sandbox", "operate in sandbox mode (disable e/r/w commands)."),
            opt("-u, --unbuffered", "load minimal amounts of data from the input files and flush\n"
                "the output buffers more often"),
            opt("-z, --null-data", "separate lines by NUL characters"),
            opt("-b, --binary", None),
            opt("--help", None, kind="count", dest="show_help"),
            opt("--version", None, kind="count", dest="show_version"),
            help=False, version=False)


def _usage_error(prog, message):
    return Fail("%s\n%s" % (message, (USAGE % prog).rstrip("\n")), 1)


def _atoi(text):
    """C's atoi: leading blanks, a sign, digits; anything else stops it."""
    s = text.lstrip(" \t\n\r\f\v")
    i = 0
    if s[:1] in ("+", "-"):
        i = 1
    j = i
    while j < len(s) and "0" <= s[j] <= "9":
        j += 1
    return int(s[:j]) if j > i else 0


def main(argv):
    prog = argv[0]
    from multicall.errors import Usage
    try:
        opts = SPEC.parse(argv)
    except Usage as e:
        raise _usage_error(prog, e.message) from None
    from multicall.stdio import stdout
    if opts.show_help:
        stdout().write((USAGE % prog).replace("gethelp/>.\n", "gethelp/>.\nE-mail bug reports to: <bug-sed@gnu.org>.\n")
                       .encode())
        return 0
    if opts.show_version:
        from multicall import VERSION
        stdout().write(("%s (pybox) %s\n" % (prog, VERSION)).encode())
        return 0
    from applets.editors.sed import parse as P
    from compat.platform import utf8_locale
    env = posix.environ
    utf8 = utf8_locale()
    parser = P.Parser(utf8=utf8)
    parser.posix_correct = b"POSIXLY_CORRECT" in env
    operands = list(opts.operands)
    exprs = list(opts.expression)
    files = list(opts.file)
    have_script = bool(exprs or files)
    try:
        for dest in opts.given:
            if dest == "regexp_extended":
                parser.extended = True
            elif dest == "posix":
                parser.posix = True
            elif dest == "sandbox":
                parser.sandbox = True
            elif dest == "debug":
                parser.debug = True
            elif dest == "expression":
                parser.add_string(exprs.pop(0).encode("utf-8", "surrogateescape"))
            elif dest == "file":
                name = files.pop(0)
                parser.add_file(_read_script(name), name)
        if not have_script:
            if not operands:
                write_stderr(USAGE % prog)
                return 1
            parser.add_string(operands.pop(0).encode("utf-8", "surrogateescape"))
        program = parser.finish()
    except P.SedError as e:
        raise Fail(e.message, e.status) from None
    if parser.src is not None:
        src = parser.src
        program_where = ("file %s line %d: " % (src.name, src.line) if src.name is not None
                         else "-e expression #%d, char 0: " % src.expr_no)
    else:
        program_where = ""
    nflag = opts.quiet or program.no_default_output
    posix_n = parser.posix or parser.posix_correct
    nl = b"\0" if opts.null_data else b"\n"
    inplace = opts.in_place is not None
    if inplace and not operands:
        raise Fail("no input files", 4)
    width = 70
    cols = env.get(b"COLS")
    if cols:
        t = _atoi(cols.decode("latin-1"))
        if t > 1:
            width = t - 1
    if opts.line_length is not None:
        width = _atoi(opts.line_length)
    return run(prog, program, operands, nflag=nflag, posix_n=posix_n, utf8=utf8, nl=nl, width=width,
               separate=opts.separate or inplace, inplace=opts.in_place if inplace else None,
               unbuffered=opts.unbuffered, follow=opts.follow_symlinks, where=program_where,
               debug=bool(opts.debug))


def _read_script(name):
    from applets.editors.sed.parse import SedError
    try:
        if name == "-":
            fd = 0
        else:
            fd = posix.open(name, posix.O_RDONLY | posix.O_CLOEXEC)
    except OSError as e:
        raise SedError("couldn't open file %s: %s" % (name, e.strerror), 4) from None
    data = []
    try:
        while True:
            b = posix.read(fd, 1 << 16)
            if not b:
                break
            data.append(b)
    except OSError as e:
        raise SedError("read error on %s: %s" % (name, e.strerror), 4) from None
    finally:
        if fd:
            posix.close(fd)
    text = b"".join(data)
    if text.endswith(b"\n"):
        text = text[:-1]  # the last newline ends the last command, nothing more
    return text


def run(prog, program, names, nflag=False, posix_n=False, utf8=False, nl=b"\n", width=70, separate=False,
        inplace=None, unbuffered=False, follow=False, where="", debug=False):
    from applets.editors.sed.parse import SedError
    from applets.editors.sed.runtime import Input, Runtime
    rt = Runtime(prog, nl, unbuffered)
    rt.lwidth = width
    rt.follow_symlinks = follow
    rt.last_where = where
    if inplace is not None:
        from applets.editors.sed.inplace import InPlace
        rt.inplace = InPlace(rt, inplace)
    rt.input = Input(rt, names, separate, nl, unbuffered)
    try:
        for name in program.wfiles:
            rt.wfiles[name] = rt.open_wfile(name)
        if debug:
            # --debug: the listing first, then a program compiled with the
            # annotations (never the whole-chunk fast paths)
            from applets.editors.sed.debug import program_listing
            rt.stdout.w(program_listing(program.cmds, utf8))
            fn = None
        else:
            from applets.editors.sed import fast
            fn = fast.choose(program, nflag, rt, utf8)
        if fn is None:
            from applets.editors.sed.codegen import build
            fn, _ = build(program, nflag, posix_n, utf8, rt, debug)
        status = fn(rt)
        rt.input.close()
        _finish_outputs(rt)
    except SedError as e:
        if rt.inplace is not None:
            rt.inplace.abort()
        _flush_quietly(rt)
        raise Fail(e.message, e.status) from None
    except BrokenPipeError:
        raise
    except (OSError, WriteError) as e:
        if rt.inplace is not None:
            rt.inplace.abort()
        _drop_stdout()
        raise Fail("couldn't write items to %s: %s" % (rt.so.name, e.strerror), 4) from None
    if rt.input.bad_count:
        status = 2
    return status


def _drop_stdout():
    """After a failed write to standard output, point fd 1 at /dev/null so
    that the runtime's final flush of the same buffer does not report the
    error a second time (sed is never run inside another process)."""
    try:
        fd = posix.open("/dev/null", posix.O_WRONLY)
        posix.dup2(fd, 1)
        posix.close(fd)
    except OSError:
        pass


def _flush_quietly(rt):
    try:
        rt.stdout.flush()
    except OSError:
        pass


def _finish_outputs(rt):
    from applets.editors.sed.parse import SedError
    try:
        rt.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as e:
        _drop_stdout()
        raise SedError("couldn't flush stdout: %s" % e.strerror, 4) from None
    for o in rt.wfiles.values():
        try:
            o.flush()
        except BrokenPipeError:
            raise
        except OSError as e:
            raise SedError("couldn't flush <unknown>: %s" % e.strerror, 4) from None
    rt.close_all()


__all__ = ["main", "SPEC", "Exit", "write_stderr"]
