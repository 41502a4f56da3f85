"""mktemp: create a temporary file or directory, safely, and print its name.

The X's at the end of the template become random letters and digits
(from getrandom(2)); the file is created with O_CREAT|O_EXCL and mode
0600, a directory with mkdir(2) and mode 0700, and a name that exists
is simply tried again with new letters.  GNU coreutils' rules and
messages; BusyBox's -t and -p spellings are GNU's too.
"""
import os

from multicall.errors import Fail, Usage, quote, warn
from multicall.options import Spec, opt
from multicall.stdio import stdout

SPEC = Spec("[OPTION]... [TEMPLATE]", "Create a temporary file or directory, safely, and print its name.\n"
            "TEMPLATE must contain at least 3 consecutive 'X's in last component.\n"
            "If TEMPLATE is not specified, use tmp.XXXXXXXXXX, and --tmpdir is implied.\n"
            "Files are created u+rw, and directories u+rwx, minus umask restrictions.",
            opt("-d, --directory", "create a directory, not a file"),
            opt("-u, --dry-run", "do not create anything; merely print a name (unsafe)"),
            opt("-q, --quiet", "suppress diagnostics about file/dir-creation failure"),
            opt("--suffix=SUFF", "append SUFF to TEMPLATE; SUFF must not contain a slash.\n"
                "  This option is implied if TEMPLATE does not end in X"),
            opt("-p DIR", None, dest="tmpdir_p"),
            opt("--tmpdir[=DIR]", "interpret TEMPLATE relative to DIR; if DIR is not\n"
                "  specified, use $TMPDIR if set, else /tmp.  With\n"
                "  this option, TEMPLATE must not be an absolute name;\n"
                "  unlike with -t, TEMPLATE may contain slashes, but\n"
                "  mktemp creates only the final component", const=""),
            opt("-t", "interpret TEMPLATE as a single file name component,\n"
                "  relative to a directory: $TMPDIR, if set; else the\n"
                "  directory specified via -p; else /tmp [deprecated]", dest="t"))

DEFAULT_TEMPLATE = b"tmp.XXXXXXXXXX"
_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_ATTEMPTS = 62 * 62 * 62


def _random_letters(n):
    out = bytearray()
    while len(out) < n:
        for b in os.urandom(n * 2):
            if b < 248:  # 248 = 4 * 62: no bias
                out.append(_LETTERS[b % 62])
                if len(out) == n:
                    break
    return bytes(out)


def main(argv):
    opts = SPEC.parse(argv)
    prog = opts.prog
    if len(opts.operands) > 1:
        raise Usage("too many templates")
    use_dest_dir = False
    dest_dir_arg = None
    for d in opts.given:
        if d == "tmpdir_p":
            use_dest_dir, dest_dir_arg = True, opts.tmpdir_p
        elif d == "tmpdir":
            use_dest_dir, dest_dir_arg = True, opts.tmpdir or None
        elif d == "t":
            use_dest_dir = True
    if opts.operands:
        template = os.fsencode(opts.operands[0])
    else:
        template = DEFAULT_TEMPLATE
        use_dest_dir = True
    if opts.suffix is not None:
        if not template.endswith(b"X"):
            raise Fail("with --suffix, template %s must end in X" % quote(os.fsdecode(template)))
        suffix = os.fsencode(opts.suffix)
        stem = template
    else:
        i = template.rfind(b"X")
        stem, suffix = (template, b"") if i < 0 else (template[:i + 1], template[i + 1:])
    if suffix and b"/" in suffix:
        raise Fail("invalid suffix %s, contains directory separator" % quote(os.fsdecode(suffix)))
    xs = len(stem) - len(stem.rstrip(b"X"))
    if xs < 3:
        raise Fail("too few X's in template %s" % quote(os.fsdecode(stem + suffix)))
    full = stem + suffix
    if use_dest_dir:
        env = os.environb.get(b"TMPDIR", b"")
        if opts.t:
            dest = env or (os.fsencode(dest_dir_arg) if dest_dir_arg else b"") or b"/tmp"
            if b"/" in full:
                raise Fail("invalid template, %s, contains directory separator" % quote(os.fsdecode(full)))
        else:
            dest = (os.fsencode(dest_dir_arg) if dest_dir_arg else b"") or env or b"/tmp"
            if full.startswith(b"/"):
                raise Fail("invalid template, %s; with --tmpdir, it may not be absolute" % quote(os.fsdecode(full)))
        stem = dest + stem if dest.endswith(b"/") else dest + b"/" + stem
        full = stem + suffix
    head = stem[:len(stem) - xs]
    name = None
    err = None
    for _ in range(_ATTEMPTS):
        cand = head + _random_letters(xs) + suffix
        try:
            if opts.dry_run:
                try:
                    os.lstat(cand)
                except FileNotFoundError:
                    name = cand
                    break
                continue
            if opts.directory:
                os.mkdir(cand, 0o700)
            else:
                os.close(os.open(cand, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600))
            name = cand
            break
        except FileExistsError:
            continue
        except OSError as e:
            err = e
            break
    if name is None:
        if err is None:
            err = OSError(17, os.strerror(17))
        if not opts.quiet:
            warn(prog, "failed to create %s via template %s" % ("directory" if opts.directory else "file",
                                                               quote(os.fsdecode(full))), err.strerror)
        return 1
    out = stdout()
    out.write(name + b"\n")
    if not opts.dry_run:
        from multicall.stdio import flush_stdout
        try:
            flush_stdout()
        except Fail:
            try:
                (os.rmdir if opts.directory else os.unlink)(name)
            except OSError:
                pass
            raise
    return 0
