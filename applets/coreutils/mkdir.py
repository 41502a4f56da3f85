"""mkdir: make directories (-p parents, -m mode, -v).

One mkdir(2) per component; -m computes the mode once with
multicall.modes (symbolic modes see the umask as GNU's mode_adjust does)
and sets it exactly with chmod afterwards, since mkdir(2) masks it.
"""
import os

from multicall import modes
from multicall.errors import Fail, quote
from multicall.options import Spec, opt
from multicall.stdio import stdout
from multicall.fileops import adjust_bits, context_warning, quoteaf, warn

SPEC = Spec("[OPTION]... DIRECTORY...", "Create the DIRECTORY(ies), if they do not already exist.",
            opt("-m, --mode=MODE", "set file mode (as in chmod), not a=rwx - umask"),
            opt("-p, --parents", "no error if existing, make parent directories as needed,\n"
                "with their file modes unaffected by any -m option."),
            opt("-v, --verbose", "print a message for each created directory"),
            opt("-Z", "set SELinux security context of each created directory\n"
                "  to the default type", dest="selinux"),
            opt("--context[=CTX]", "like -Z, or if CTX is specified then set the SELinux\n"
                "  or SMACK security context to CTX"),
            operands=(1, None))


def current_umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def main(argv):
    opts = SPEC.parse(argv)
    prog = opts.prog
    umask = current_umask()
    mode = None
    bits = 0
    if opts.mode is not None:
        changes = modes.compile(opts.mode)
        if changes is None:
            raise Fail("invalid mode %s" % quote(opts.mode))
        mode, bits = adjust_bits(0o777, changes, True, umask)
    context_warning(prog, opts)
    out = stdout() if opts.verbose else None
    status = 0
    for arg in opts.operands:
        path = os.fsencode(arg)
        if not make(prog, path, mode, bits, umask, opts.parents, out):
            status = 1
    return status


def _created(out, prog, path):
    if out is not None:
        out.write(("%s: created directory %s\n" % (prog, quoteaf(path))).encode("utf-8", "surrogateescape"))


def _fail(prog, path, err):
    warn(prog, "cannot create directory %s" % quote(path), err.strerror)


def make(prog, path, mode, bits, umask, parents, out):
    if parents:
        # the ancestors: u+wx on top of the umask'ed default, as GNU
        parent_mode = (0o777 & ~umask) | 0o300
        i = 0
        n = len(path)
        while True:
            j = path.find(b"/", i)
            if j < 0:
                break
            k = j
            while k < n and path[k:k + 1] == b"/":
                k += 1
            if k >= n:
                break  # only slashes follow: the last component
            prefix = path[:j]
            i = k
            if not prefix or prefix.rstrip(b"/") == b"" or prefix.endswith(b"/.") or prefix == b"." \
                    or prefix.endswith(b"/..") or prefix == b"..":
                continue
            try:
                os.mkdir(prefix, parent_mode)
            except OSError as e:
                if e.errno == 17:
                    try:
                        st = os.stat(prefix)
                        if (st.st_mode & 0o170000) == 0o040000:
                            continue
                        e = OSError(20, os.strerror(20))
                    except OSError as e2:
                        e = e2  # ELOOP, EACCES ...
                _fail(prog, prefix, e)
                return False
            _created(out, prog, prefix)
    try:
        os.mkdir(path, 0o777 if mode is None else mode)
    except OSError as e:
        if parents and e.errno == 17:
            try:
                if (os.stat(path).st_mode & 0o170000) == 0o040000:
                    return True
            except OSError as e2:
                warn(prog, "cannot stat %s" % quote(path), e2.strerror)
                return False
        _fail(prog, path, e)
        return False
    _created(out, prog, path)
    if mode is not None and bits:
        # as gnulib's dirchownmod: fix only the bits the mode cares about
        try:
            st = os.lstat(path)
            if (st.st_mode ^ mode) & bits:
                os.chmod(path, mode | (st.st_mode & 0o7777 & ~bits))
        except OSError as e:
            warn(prog, "cannot set permissions of %s" % quoteaf(path), e.strerror)
            return False
    return True
