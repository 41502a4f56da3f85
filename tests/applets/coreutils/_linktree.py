"""The tree of symbolic links test_readlink.py and test_realpath.py share."""
import os

from _fstree import build


def make(root):
    """Links of every kind under `root`: to a file, to a directory, chains,
    a loop, dangling ones, absolute and relative, and one that climbs."""
    root = str(root)
    build(root, {"d": {"s": {}, "up": ("link", "../f")}, "f": b"", "lf": ("link", "f"), "ld": ("link", "d"),
                 "loop1": ("link", "loop2"), "loop2": ("link", "loop1"), "dang": ("link", "nope"),
                 "lf2": ("link", "lf")})
    os.symlink(os.path.join(root, "d"), os.path.join(root, "abs"))
    os.symlink("../s", os.path.join(root, "d", "s", "good"))
    os.symlink("../../x/d/s", os.path.join(root, "d", "s", "bad"))
    return root
