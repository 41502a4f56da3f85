"""tsort: topological sort of the pairs in a file.

The order is GNU's exactly: its algorithm is Knuth's T from TAOCP 2.2.3,
scanning the items in strcmp order (GNU keeps them in a balanced tree) for
ones with no predecessors, and when the input contains a loop it reports
the loop the way GNU's detect_loop finds it, removes one relation and goes
on.  Tokens are cut out of 256 KiB chunks with translate/split; the whole
graph has to be kept (the semantics need all of it), as ints in lists.
"""
import posix

from multicall.errors import Fail, quotef, warn
from multicall.options import Spec
from multicall.stdio import chunks, open_input, stdout

SPEC = Spec("[OPTION] [FILE]",
            "Write totally ordered list consistent with the partial ordering in FILE.\n\n"
            "With no FILE, or when FILE is -, read standard input.",
            operands=(0, 1))

# Only space, tab and newline separate tokens (GNU's readtoken with " \t\n").
_SEP = bytes.maketrans(b"\t\n", b"  ")


def _tokens(fd):
    """Yield the tokens of fd.  A read error ends the input quietly, as in
    GNU tsort (which never checks ferror on its input)."""
    pending = []  # a token that spans chunks: joined once it ends
    try:
        for data in chunks(fd):
            data = data.translate(_SEP)
            if b" " not in data:
                pending.append(data)
                continue
            if pending:
                pending.append(data)
                data = b"".join(pending)
            parts = data.split(b" ")
            pending = [parts.pop()]
            for p in parts:
                if p:
                    yield p
    except OSError:
        pass
    rest = b"".join(pending)
    if rest:
        yield rest


def main(argv):
    opts = SPEC.parse(argv)
    name = opts.operands[0] if opts.operands else "-"
    try:
        fd = open_input(name)
    except OSError as e:
        raise Fail("%s: %s" % (quotef(name), e.strerror)) from None
    try:
        graph = _read(fd, name)
    finally:
        if fd != 0:
            posix.close(fd)
    return _sort(opts.prog, name, *graph)


def _read(fd, name):
    index = {}
    names = []
    counts = []
    succ = []
    prev = -1
    for tok in _tokens(fd):
        if b"\0" in tok:  # GNU compares with strcmp: the name ends at a NUL
            tok = tok[:tok.index(b"\0")]
        k = index.get(tok)
        if k is None:
            k = index[tok] = len(names)
            names.append(tok)
            counts.append(0)
            succ.append([])
        if prev >= 0:
            if prev != k:
                counts[k] += 1
                succ[prev].append(k)  # GNU prepends: walk these lists backwards
            prev = -1
        else:
            prev = k
    if prev >= 0:
        raise Fail("%s: input contains an odd number of tokens" % quotef(name))
    return names, counts, succ


def _sort(prog, name, names, counts, succ):
    n = len(names)
    order = sorted(range(n), key=names.__getitem__)
    printed = [False] * n
    qlink = [-1] * n
    out = stdout()
    remaining = n
    status = 0
    while remaining > 0:
        queue = [k for k in order if counts[k] == 0 and not printed[k]]
        qi = 0
        while qi < len(queue):
            h = queue[qi]
            qi += 1
            out.write(names[h] + b"\n")
            printed[h] = True
            remaining -= 1
            for s in reversed(succ[h]):
                counts[s] -= 1
                if counts[s] == 0:
                    queue.append(s)
        if remaining > 0:
            out.flush()
            warn(prog, "%s: input contains a loop:" % quotef(name))
            status = 1
            loop = [-1]
            while not _detect_loop(prog, order, names, counts, succ, qlink, loop) and loop[0] != -1:
                pass
    return status


def _detect_loop(prog, order, names, counts, succ, qlink, loop):
    """One walk of GNU's detect_loop over the items in order.  `loop` is the
    chain head (a one-item list, kept across walks).  Returns True once a
    loop was printed and one of its relations removed."""
    for k in order:
        if counts[k] <= 0:
            continue
        if loop[0] == -1:
            loop[0] = k
            continue
        lst = succ[k]
        for idx in range(len(lst) - 1, -1, -1):
            if lst[idx] != loop[0]:
                continue
            if qlink[k] == -1:
                qlink[k] = loop[0]
                loop[0] = k
                break
            cur = loop[0]
            while cur != -1:
                nxt = qlink[cur]
                warn(prog, names[cur].decode("utf-8", "surrogateescape"))
                if cur == k:
                    counts[lst[idx]] -= 1
                    del lst[idx]
                    break
                qlink[cur] = -1
                cur = nxt
            while cur != -1:
                nxt = qlink[cur]
                qlink[cur] = -1
                cur = nxt
            loop[0] = -1
            return True
    return False
