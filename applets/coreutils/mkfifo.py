"""mkfifo: make FIFOs (named pipes): one mkfifo(2) each, then chmod to
the exact -m mode (computed once with multicall.modes)."""
import os

from multicall.options import Spec, opt
from multicall.fileops import context_warning, quoteaf, special_file_mode, warn

SPEC = Spec("[OPTION]... NAME...", "Create named pipes (FIFOs) with the given NAMEs.\n\n"
            "Mandatory arguments to long options are mandatory for short options too.",
            opt("-m, --mode=MODE", "set file permission bits to MODE, not a=rw - umask"),
            opt("-Z", "set the SELinux security context to default type", dest="selinux"),
            opt("--context[=CTX]", "like -Z, or if CTX is specified then set the SELinux\n"
                "  or SMACK security context to CTX"),
            operands=(1, None))


def main(argv):
    opts = SPEC.parse(argv)
    prog = opts.prog
    mode = special_file_mode(opts.mode) if opts.mode is not None else None
    context_warning(prog, opts)
    status = 0
    for arg in opts.operands:
        name = os.fsencode(arg)
        try:
            os.mkfifo(name, 0o666 if mode is None else mode)
        except OSError as e:
            warn(prog, "cannot create fifo %s" % quoteaf(name), e.strerror)
            status = 1
            continue
        if mode is not None:
            try:
                os.chmod(name, mode, follow_symlinks=False)
            except (OSError, NotImplementedError) as e:
                warn(prog, "cannot set permissions of %s" % quoteaf(name), getattr(e, "strerror", str(e)))
                status = 1
    return status
