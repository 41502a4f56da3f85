"""Whole-chunk fast paths for the most common one-command scripts.

When the whole script is one of these, the general compiled program
(one Python iteration per line) is replaced by work on whole chunks of
complete lines, done in C by the regex engine and bytes methods:

- `s/RE/REP/g` (no address): one `pattern.subn` over the chunk, with RE
  compiled in the regex layer's record mode (newline=b"\\n"), where `.`,
  `[^x]` and the rest cannot cross a line end and `^ $` match at line
  ends, so the chunk gives exactly the per-line result.  Sound only when
  RE cannot match the empty string (Python and sed step over empty
  matches differently) and sre's first match is POSIX's longest.
- `s/RE/REP/` (first match of each line): the same with RE wrapped as
  `^([^\\n]*?)(?:RE)` (the lazy prefix finds each line's leftmost match).
- `-n /RE/p`, `/RE/d` (and their `!` forms): grep-style; one search over
  the chunk finds the next matching line, the text between is copied or
  skipped as a whole.
- `$d`: everything but the last line.

Only for plain runs: no -i/-s/-u/-z/--posix, ordinary input files.  A last
line without a newline is processed with one appended, then stripped, so
the output keeps GNU's missing-newline behaviour.
"""
import posix

from applets.editors.sed.parse import A_LAST, A_REGEX

CHUNK = 1 << 20


def choose(program, nflag, rt, utf8, opts=None):
    """A function(rt) -> status for a fast form, or None."""
    inp = rt.input
    if rt.inplace is not None or inp.separate or rt.unbuffered or rt.nl != b"\n":
        return None
    cmds = program.cmds
    if len(cmds) != 1 or program.has_empty_regex:
        return None
    c = cmds[0]
    if c.a2 is not None:
        return None
    if c.ch == "s" and c.a1 is None and not c.bang and not nflag:
        return _subst_fn(c, utf8)
    if c.a1 is not None and c.a1.kind == A_REGEX and c.a1.rx is not None:
        if (c.ch == "p" and nflag) or (c.ch == "d" and not nflag):
            rec = _record_rx(c.a1.rx, c.a1, utf8)
            if rec is None:
                return None
            keep = (c.ch == "p") != c.bang  # print the matching lines (True) or the others
            return lambda rt: _filter(rt, rec, keep)
    if c.ch == "d" and c.a1 is not None and c.a1.kind == A_LAST and not c.bang and not nflag:
        if len(inp.names) == 1:
            return _drop_last
    return None


def _record_rx(rx, addr_or_sub, utf8):
    """The same pattern compiled in record mode (lines of a chunk), or None."""
    from multicall import regex
    src = getattr(addr_or_sub, "source", None)
    if src is None or getattr(addr_or_sub, "mline", False) or "M" in getattr(addr_or_sub, "flags", ""):
        return None
    try:
        return regex.compile(rx.source, "extended" if addr_or_sub.ere else "basic", icase=rx.icase,
                             newline=b"\n", utf8=utf8)
    except regex.RegexError:
        return None


def _inputs(rt):
    """(fd, name) of each input that opens; reports the others as GNU does."""
    from multicall.errors import write_stderr
    inp = rt.input
    for name in inp.names:
        if name == "-":
            yield 0, name
            continue
        try:
            fd = posix.open(name, posix.O_RDONLY | posix.O_CLOEXEC)
        except OSError as e:
            write_stderr("%s: can't read %s: %s\n" % (rt.prog, name, e.strerror))
            inp.bad_count += 1
            continue
        try:
            yield fd, name
        finally:
            posix.close(fd)


def _blocks(fd):
    """Chunks of whole lines; the last may lack its newline (then the flag
    is False and a newline has been added to it)."""
    read = posix.read
    pending = b""
    while True:
        data = read(fd, CHUNK)
        if not data:
            if pending:
                yield pending + b"\n", False
            return
        if pending:
            data = pending + data
        j = data.rfind(b"\n")
        if j < 0:
            pending = data
            continue
        pending = data[j + 1:]
        yield (data[:j + 1] if pending else data), True


def _subst_fn(c, utf8):
    from applets.editors.sed import replace
    sub = c.subst
    if sub.numb or sub.eval or sub.print_ or sub.wname is not None or sub.mline or sub.rx is None:
        return None
    tmpl = replace.template(sub.repl)
    if tmpl is None:
        return None
    rec = _record_rx(sub.rx, sub, utf8)
    if rec is None or not rec.longest_safe or replace.can_match_empty(rec):
        return None
    if sub.glob:
        subn = rec.pattern_obj.subn

        def edit(block):
            # without the last newline, so that nothing matches past the last line
            return subn(tmpl, block[:-1])[0] + b"\n"
    else:
        search = rec.pattern_obj.search
        sub1 = rec.pattern_obj.sub

        def edit(block):
            # each matching line gets its first match replaced; the text
            # between matching lines is copied as it is
            out = []
            pos = 0
            n = len(block)
            spos = 0
            end = n - 1  # the block's last newline: nothing matches past it
            while spos < n:
                m = search(block, spos, end)
                if m is None:
                    break
                s = m.start()
                ls = block.rfind(b"\n", 0, s) + 1
                le = block.find(b"\n", s)
                if ls > pos:
                    out.append(block[pos:ls])
                out.append(sub1(tmpl, block[ls:le], 1))
                pos = le
                spos = le + 1
            if pos < n:
                out.append(block[pos:])
            return b"".join(out)

    def run(rt):
        so = rt.so
        w = so.w
        for fd, _ in _inputs(rt):
            for block, complete in _blocks(fd):
                if so.missing:
                    w(b"\n")
                    so.missing = False
                res = edit(block)
                if complete:
                    w(res)
                else:
                    w(res[:-1])
                    so.missing = True
        return 0
    return run


def _filter(rt, rec, keep):
    """-n /RE/p (keep=True) or /RE/d (keep=False) over whole chunks."""
    search = rec.pattern_obj.search
    lit = rec.literal if rec.literal is not None and not rec.icase else None
    so = rt.so
    w = so.w
    dense = None  # once a chunk has many matching lines: one pattern for whole lines, in C
    for fd, _ in _inputs(rt):
        for block, complete in _blocks(fd):
            if so.missing:
                w(b"\n")
                so.missing = False
            if dense is not None and complete:
                if keep:
                    w(b"".join(dense.findall(block)) if not dense.groups else
                      b"".join([m.group() for m in dense.finditer(block)]))
                else:
                    w(dense.sub(b"", block))
                continue
            out = []
            hits = 0
            pos = 0
            n = len(block)
            last_end = 0  # where the output's last piece ends in block
            end = n - 1
            while pos < n:
                if lit is not None:
                    s = block.find(lit, pos, end)
                    if s < 0:
                        break
                else:
                    m = search(block, pos, end)
                    if m is None:
                        break
                    s = m.start()
                ls = block.rfind(b"\n", 0, s) + 1
                le = block.find(b"\n", s) + 1 or n
                hits += 1
                if keep:
                    out.append(block[ls:le])
                    last_end = le
                elif ls > pos:
                    out.append(block[pos:ls])
                    last_end = ls
                pos = le
            if not keep and pos < n:
                out.append(block[pos:])
                last_end = n
            if hits > 256 and dense is None:
                from multicall.regex import line_pattern
                po = rec.pattern_obj
                dense = line_pattern(po.pattern, po.flags)
            res = b"".join(out)
            if not complete and last_end == n and res:
                w(res[:-1])
                so.missing = True
            else:
                w(res)
    return 0


def _drop_last(rt):
    """$d on one input: copy all but the last line."""
    so = rt.so
    w = so.w
    for fd, _ in _inputs(rt):
        prev = None
        for block, complete in _blocks(fd):
            if prev is not None:
                w(prev)
            prev = block
        if prev is not None:
            j = prev.rfind(b"\n", 0, len(prev) - 1)
            if j >= 0:
                w(prev[:j + 1])
    return 0
