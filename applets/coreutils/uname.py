"""uname: print system information.

GNU coreutils 9.1's uname: -s -n -r -v -m -p -i -o, printed in that order
whatever the order given; -a prints them all but leaves out -p and -i when
they are `unknown` (always, on Linux, as GNU's build here).  -o is
GNU/Linux on glibc, else the kernel's name.  Fast: one uname(2) through the
built-in posix module.
"""
import posix

from multicall.options import Spec, opt
from multicall.stdio import stdout

_ORDER = ("kernel_name", "nodename", "kernel_release", "kernel_version", "machine",
          "processor", "hardware_platform", "operating_system")

SPEC = Spec("[OPTION]...", "Print certain system information.  With no OPTION, same as -s.",
            opt("-a, --all", "print all information, in the following order,\n"
                "  except omit -p and -i if unknown:"),
            opt("-s, --kernel-name", "print the kernel name"),
            opt("-n, --nodename", "print the network node hostname"),
            opt("-r, --kernel-release", "print the kernel release"),
            opt("-v, --kernel-version", "print the kernel version"),
            opt("-m, --machine", "print the machine hardware name"),
            opt("-p, --processor", "print the processor type (non-portable)"),
            opt("-i, --hardware-platform", "print the hardware platform (non-portable)"),
            opt("-o, --operating-system", "print the operating system"),
            operands=(0, 0))


def operating_system(sysname):
    """What GNU's build calls the system: GNU/Linux on glibc."""
    try:
        glibc = posix.confstr("CS_GNU_LIBC_VERSION")
    except (ValueError, OSError):
        glibc = None
    if sysname == "Linux":
        return "GNU/Linux" if glibc else "Linux"
    return sysname


def main(argv):
    opts = SPEC.parse(argv)
    u = posix.uname()
    values = {"kernel_name": u.sysname, "nodename": u.nodename, "kernel_release": u.release,
              "kernel_version": u.version, "machine": u.machine, "processor": "unknown",
              "hardware_platform": "unknown", "operating_system": operating_system(u.sysname)}
    wanted = [k for k in _ORDER if getattr(opts, k)]
    if opts.all:
        wanted = [k for k in _ORDER if not (k in ("processor", "hardware_platform") and values[k] == "unknown")]
    elif not wanted:
        wanted = ["kernel_name"]
    line = " ".join(values[k] for k in wanted) + "\n"
    stdout().write(line.encode("utf-8", "surrogateescape"))
    return 0
