"""basename: strip the directory (and optionally a suffix) from names."""
from multicall.options import Spec, opt
from multicall.stdio import stdout
from multicall.errors import Usage, quote

SPEC = Spec(("NAME [SUFFIX]", "OPTION... NAME..."),
            "Print NAME with any leading directory components removed.\n"
            "If specified, also remove a trailing SUFFIX.",
            opt("-a, --multiple", "support multiple arguments and treat each as a NAME"),
            opt("-s, --suffix=SUFFIX", "remove a trailing SUFFIX; implies -a"),
            opt("-z, --zero", "end each output line with NUL, not newline"),
            operands=(1, None),
            epilog="Examples:\n"
            "  basename /usr/bin/sort          -> \"sort\"\n"
            "  basename include/stdio.h .h     -> \"stdio\"\n"
            "  basename -s .h include/stdio.h  -> \"stdio\"\n"
            "  basename -a any/str1 any/str2   -> \"str1\" followed by \"str2\"")


def base(name, suffix=b""):
    """The last component of `name` (bytes), minus `suffix` if it ends so."""
    stripped = name.rstrip(b"/")
    if not stripped:
        return b"/" if name else b""
    last = stripped.rpartition(b"/")[2]
    if suffix and last != suffix and last.endswith(suffix):
        last = last[:-len(suffix)]
    return last


def main(argv):
    opts = SPEC.parse(argv)
    names = [n.encode("utf-8", "surrogateescape") for n in opts.operands]
    suffix = b""
    if opts.suffix is not None:
        suffix = opts.suffix.encode("utf-8", "surrogateescape")
    elif not opts.multiple:
        if len(names) > 2:
            raise Usage("extra operand %s" % quote(opts.operands[2]))
        if len(names) == 2:
            suffix = names.pop()
    end = b"\0" if opts.zero else b"\n"
    stdout().write(b"".join(base(n, suffix) + end for n in names))
    return 0
