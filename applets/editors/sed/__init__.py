"""sed: the stream editor (GNU sed 4.9), in modules by concern:
parse (the script), codegen (compiled program), replace (s///),
runtime (input, outputs), inplace (-i), fast (whole-chunk paths),
debug (--debug annotations), cli (options and main)."""


def main(argv):
    from applets.editors.sed.cli import main as run
    return run(argv)
