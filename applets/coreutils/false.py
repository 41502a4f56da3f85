"""false: do nothing, unsuccessfully.

As in GNU, --help or --version alone is honoured (still exiting 1) and every
other argument is ignored.
"""


def spec():
    from multicall.options import Spec
    return Spec(("[ignored command line arguments]", "OPTION"),
                "Exit with a status code indicating failure.")


def main(argv):
    if len(argv) > 1:
        spec().only_help_version(argv)
    return 1
