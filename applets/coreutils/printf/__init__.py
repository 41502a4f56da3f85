"""printf and seq: the applets that print numbers with C printf formats.

They share one package because they share their core: GNU computes and
prints both with x86 `long double`, which ldouble emulates exactly
(strtold, arithmetic, %f %e %g %a), and both quote their diagnostics with
GNU's quote() (quote.py, which also holds printf's %q quoting).

- format.py: printf FORMAT [ARGUMENT]... (in-process safe: it changes no
  process state)
- seq.py: seq [OPTION]... [FIRST [INCREMENT]] LAST

Dispatch is by the applet's name; each submodule has its own SPEC.
"""


def main(argv):
    if argv[0] == "seq":
        from applets.coreutils.printf.seq import main as run
    else:
        from applets.coreutils.printf.format import main as run
    return run(argv)


def __getattr__(name):
    """SPEC (printf's; seq's is applets.coreutils.printf.seq.SPEC), loaded
    only when asked for."""
    if name == "SPEC":
        from applets.coreutils.printf.format import SPEC
        return SPEC
    raise AttributeError(name)
