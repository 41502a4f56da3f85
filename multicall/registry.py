"""The static applet table: name -> (module, install directory, in-process).

Dispatch imports exactly the one module named here, and PyInstaller can see
every module from this table.  `in-process` marks the short, non-interactive
applets (BusyBox's NOFORK class) that the shell may run in its own process:
they must restore everything they change.  Adding an applet is one line here
plus its module; tests/multicall/test_dispatch.py checks the two agree.
"""

APPLETS = {
    "base32": ("applets.coreutils.base64", "bin", False),
    "base64": ("applets.coreutils.base64", "bin", False),
    "basename": ("applets.coreutils.basename", "usr/bin", True),
    "cat": ("applets.coreutils.cat", "bin", False),
    "cksum": ("applets.coreutils.md5sum", "usr/bin", False),
    "cmp": ("applets.coreutils.cmp", "usr/bin", False),
    "comm": ("applets.coreutils.comm", "usr/bin", False),
    "cut": ("applets.coreutils.cut", "usr/bin", False),
    "diff": ("applets.editors.diff", "usr/bin", False),
    "dirname": ("applets.coreutils.dirname", "usr/bin", True),
    "echo": ("applets.coreutils.echo", "bin", True),
    "expand": ("applets.coreutils.expand", "usr/bin", False),
    "false": ("applets.coreutils.false", "bin", True),
    "fold": ("applets.coreutils.fold", "usr/bin", False),
    "head": ("applets.coreutils.head", "usr/bin", False),
    "hexdump": ("applets.coreutils.hexdump", "usr/bin", False),
    "join": ("applets.coreutils.join", "usr/bin", False),
    "md5sum": ("applets.coreutils.md5sum", "usr/bin", False),
    "nl": ("applets.coreutils.nl", "usr/bin", False),
    "od": ("applets.coreutils.od", "usr/bin", False),
    "paste": ("applets.coreutils.paste", "usr/bin", False),
    "patch": ("applets.editors.patch", "usr/bin", False),
    "printf": ("applets.coreutils.printf", "usr/bin", True),
    "pwd": ("applets.coreutils.pwd", "bin", True),
    "rev": ("applets.coreutils.rev", "bin", False),
    "sed": ("applets.editors.sed", "bin", False),
    "seq": ("applets.coreutils.printf", "usr/bin", False),
    "sha1sum": ("applets.coreutils.md5sum", "usr/bin", False),
    "sha224sum": ("applets.coreutils.md5sum", "usr/bin", False),
    "sha256sum": ("applets.coreutils.md5sum", "usr/bin", False),
    "sha384sum": ("applets.coreutils.md5sum", "usr/bin", False),
    "sha512sum": ("applets.coreutils.md5sum", "usr/bin", False),
    "shuf": ("applets.coreutils.shuf", "usr/bin", False),
    "sort": ("applets.coreutils.sort", "bin", False),
    "split": ("applets.coreutils.split", "usr/bin", False),
    "strings": ("applets.coreutils.strings", "usr/bin", False),
    "sum": ("applets.coreutils.md5sum", "usr/bin", False),
    "tac": ("applets.coreutils.tac", "usr/bin", False),
    "tail": ("applets.coreutils.tail", "usr/bin", False),
    "tee": ("applets.coreutils.tee", "usr/bin", False),
    "tr": ("applets.coreutils.tr", "usr/bin", False),
    "true": ("applets.coreutils.true", "bin", True),
    "tsort": ("applets.coreutils.tsort", "usr/bin", False),
    "unexpand": ("applets.coreutils.expand", "usr/bin", False),
    "uniq": ("applets.coreutils.uniq", "usr/bin", False),
    "wc": ("applets.coreutils.wc", "usr/bin", False),
    "xxd": ("applets.coreutils.xxd", "usr/bin", False),
    "yes": ("applets.coreutils.yes", "usr/bin", False),
}
