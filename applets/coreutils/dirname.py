"""dirname: strip the last component from file names."""
from multicall.options import Spec, opt
from multicall.stdio import stdout

SPEC = Spec("[OPTION] NAME...",
            "Output each NAME with its last non-slash component and trailing slashes\n"
            "removed; if NAME contains no /'s, output '.' (meaning the current directory).",
            opt("-z, --zero", "end each output line with NUL, not newline"),
            operands=(1, None),
            epilog="Examples:\n"
            "  dirname /usr/bin/          -> \"/usr\"\n"
            "  dirname dir1/str dir2/str  -> \"dir1\" followed by \"dir2\"\n"
            "  dirname stdio.h            -> \".\"")


def parent(name):
    """The directory part of `name` (bytes), as POSIX dirname defines it."""
    stripped = name.rstrip(b"/")
    if not stripped:
        return b"/" if name else b"."
    head, slash, _ = stripped.rpartition(b"/")
    if not slash:
        return b"."
    return head.rstrip(b"/") or b"/"


def main(argv):
    opts = SPEC.parse(argv)
    end = b"\0" if opts.zero else b"\n"
    stdout().write(b"".join(parent(n.encode("utf-8", "surrogateescape")) + end for n in opts.operands))
    return 0
