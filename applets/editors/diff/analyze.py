"""The comparison engine of diff: from two buffers to a list of changes.

The steps are those of GNU diff, because each one decides which of several
equally short edit scripts is printed:

1. find_ends(): the identical prefix and suffix are cut off byte-wise (in
   64 KiB slices, then a binary search), keeping HORIZON lines of each
   inside the compared region; only the middle is split into lines.
2. classes(): each middle line becomes an integer, equal for lines that are
   equal after -i/-E/-Z/-b/-w normalisation, which is done on the whole
   region at once (bytes.lower/translate/re.sub), then one dict lookup a
   line.  An incomplete last line can only match the other incomplete one.
3. discard(): lines that occur in only one file, and runs of lines with
   very many matches, are taken out before the search (GNU's "discard
   confusing lines").
4. compareseq(): Myers' O(ND) search with the linear-space middle snake,
   an explicit stack instead of recursion, the "too expensive" cut-off
   (and --speed-large-files' heuristic) unless minimal.
5. shift_boundaries(): each run of changes is slid up to merge with the
   previous one, then down as far as it goes, then back to where it lines
   up with a run in the other file.
6. build_script(): runs of changed lines become (line0, line1, deleted,
   inserted) tuples, found with bytearray.find.
"""

SNAKE_LIMIT = 20

# ignore_white_space levels, ordered as GNU orders them
WS_NONE, WS_TAB, WS_TRAILING, WS_TAB_TRAILING, WS_CHANGE, WS_ALL = range(6)

_STEP = 1 << 16


def common_prefix(a, b, n=None):
    """The length of the common prefix of a and b (at most n bytes)."""
    if n is None:
        n = min(len(a), len(b))
    i = 0
    step = _STEP
    while i < n:
        j = min(n, i + step)
        if a[i:j] != b[i:j]:
            lo, hi = i, j
            while hi - lo > 1:
                mid = (lo + hi) >> 1
                if a[lo:mid] == b[lo:mid]:
                    lo = mid
                else:
                    hi = mid
            return lo
        i = j
    return n


def common_suffix(a, b, n):
    """The length of the common suffix of a and b, at most n bytes."""
    la, lb = len(a), len(b)
    k = 0
    step = _STEP
    while k < n:
        s = min(n, k + step)
        if a[la - s:la - k] != b[lb - s:lb - k]:
            lo, hi = k, s  # a suffix of length lo matches, of length hi not
            while hi - lo > 1:
                mid = (lo + hi) >> 1
                if a[la - mid:la - lo] == b[lb - mid:lb - lo]:
                    lo = mid
                else:
                    hi = mid
            return lo
        k = s
    return n


def find_ends(buf0, buf1, miss0, miss1, robust, horizon):
    """GNU's find_identical_ends on two buffers that end with a newline
    (one was added where the file lacked it: miss0/miss1).

    Returns (prefix_end, suffix_begin0, suffix_begin1): byte offsets of
    the compared middle region, all at line starts."""
    n0, n1 = len(buf0), len(buf1)
    if buf0 is buf1:
        p = n0
    else:
        p = common_prefix(buf0, buf1)
        if robust and ((n0 - miss0 < p) != (n1 - miss1 < p)):
            p -= 1
    # back to the start of the line, then HORIZON lines more
    if p:
        p = buf0.rfind(b"\n", 0, p) + 1
        i = horizon
        while i and p:
            p = buf0.rfind(b"\n", 0, p - 1) + 1
            i -= 1
    pe = p
    if robust and miss0 != miss1:
        return pe, n0, n1
    limit = min(n0, n1) - pe
    s = limit if buf0 is buf1 else common_suffix(buf0, buf1, limit)
    p0 = beg0 = n0 - s
    p1 = n1 - s
    # a partial line joins the middle, and so do HORIZON more lines
    i = horizon + (not ((p0 == 0 or buf0[p0 - 1] == 10) and (p1 == 0 or buf1[p1 - 1] == 10)))
    while i and p0 != n0:
        p0 = buf0.index(b"\n", p0) + 1
        i -= 1
    p1 += p0 - beg0
    return pe, p0, p1


def _expand(line, tabsize):
    """A line with its tabs expanded as -E sees it (backspace steps back,
    carriage return goes to column 0)."""
    if 8 not in line and 13 not in line:
        return line.expandtabs(tabsize)
    out = bytearray()
    col = 0
    for c in line:
        if c == 9:
            n = tabsize - col % tabsize
            out += b" " * n
            col += n
            continue
        if c == 8:
            if col:
                col -= 1
        elif c == 13:
            col = 0
        else:
            col += 1
        out.append(c)
    return bytes(out)


def normalise(region, ignore_case, white, tabsize):
    """The comparison keys of the lines of `region` (which ends with a
    newline), as one bytes object with the same number of newlines."""
    if ignore_case:
        region = region.lower()
    if white == WS_ALL:
        return region.translate(None, b" \t\v\f\r")
    if white == WS_NONE:
        return region
    import re
    if white == WS_CHANGE:
        region = re.sub(rb"[ \t\v\f\r]+", b" ", region)
        return region.replace(b" \n", b"\n")
    if white & WS_TAB and b"\t" in region:
        region = b"\n".join([_expand(x, tabsize) if 9 in x else x for x in region.split(b"\n")])
    if white & WS_TRAILING:
        region = re.sub(rb"[ \t\v\f\r]+\n", b"\n", region)
    return region


def classes(keys0, keys1, incomplete0, incomplete1):
    """Equivalence-class numbers for the keys of both files.  An
    incomplete last line (flagged) is given a key of its own kind, so it
    matches only the other file's incomplete line."""
    if incomplete0 and keys0:
        keys0[-1] = (keys0[-1],)
    if incomplete1 and keys1:
        keys1[-1] = (keys1[-1],)
    table = {}
    get = table.setdefault
    eq0 = [get(k, len(table)) for k in keys0]
    eq1 = [get(k, len(table)) for k in keys1]
    return eq0, eq1, len(table)


def _discards(eq, counts_other, many):
    """1 for a line with no match in the other file, 2 for one with more
    than `many` matches (provisionally discardable), else 0."""
    marks = [1 if n == 0 else 2 if n > many else 0 for n in map(counts_other.__getitem__, eq)]
    return bytearray(marks)


def _many(n):
    many = 5
    tem = n // 64
    tem >>= 2
    while tem > 0:
        many *= 2
        tem >>= 2
    return many


def _settle(d):
    """Decide the provisional discards (2) of one file: they stand only
    inside a run of discards that starts and ends with a sure one."""
    end = len(d)
    i = 0
    while i < end:
        k = d.find(1, i)
        if k < 0:
            k = end
        if k > i:  # provisional discards outside a run are cancelled
            d[i:k] = d[i:k].replace(b"\x02", b"\x00")
        i = k
        if i >= end:
            break
        j = d.find(0, i)
        if j < 0:
            j = end
        provisional = d.count(2, i, j)
        while j > i and d[j - 1] == 2:
            j -= 1
            d[j] = 0
            provisional -= 1
        length = j - i
        if provisional * 4 > length:
            while j > i:
                j -= 1
                if d[j] == 2:
                    d[j] = 0
        else:
            minimum = 1
            tem = length >> 2
            tem >>= 2
            while tem > 0:
                minimum <<= 1
                tem >>= 2
            minimum += 1
            # cancel any subrun of `minimum` or more provisionals
            j = 0
            consec = 0
            while j < length:
                if d[i + j] != 2:
                    consec = 0
                else:
                    consec += 1
                    if minimum == consec:
                        j -= consec
                    elif minimum < consec:
                        d[i + j] = 0
                j += 1
            # from the start of the run, cancel provisionals until three
            # sure discards in a row or a sure one at least 8 lines in
            j = 0
            consec = 0
            while j < length:
                v = d[i + j]
                if j >= 8 and v == 1:
                    break
                if v == 2:
                    consec = 0
                    d[i + j] = 0
                elif v == 0:
                    consec = 0
                else:
                    consec += 1
                if consec == 3:
                    break
                j += 1
            i += length - 1
            # the same from the end
            j = 0
            consec = 0
            while j < length:
                v = d[i - j]
                if j >= 8 and v == 1:
                    break
                if v == 2:
                    consec = 0
                    d[i - j] = 0
                elif v == 0:
                    consec = 0
                else:
                    consec += 1
                if consec == 3:
                    break
                j += 1
        i += 1


def discard(eq0, eq1, nclasses, minimal, changed0, changed1):
    """GNU's discard_confusing_lines: returns the undiscarded class lists
    and their real indexes; discarded lines are marked changed."""
    if minimal:
        return eq0, eq1, range(len(eq0)), range(len(eq1))
    c0 = [0] * nclasses
    c1 = [0] * nclasses
    for e in eq0:
        c0[e] += 1
    for e in eq1:
        c1[e] += 1
    d0 = _discards(eq0, c1, _many(len(eq0)))
    d1 = _discards(eq1, c0, _many(len(eq1)))
    _settle(d0)
    _settle(d1)
    out = []
    for eq, d, changed in ((eq0, d0, changed0), (eq1, d1, changed1)):
        if d.count(0) == len(d):
            out.append((eq, range(len(eq))))
            continue
        keep = [i for i, v in enumerate(d) if not v]
        # changed is offset by one: line i is changed[i + 1]
        changed[1:len(d) + 1] = d.translate(_NONZERO)
        out.append(([eq[i] for i in keep], keep))
    return out[0][0], out[1][0], out[0][1], out[1][1]


_NONZERO = bytes([0] + [1] * 255)


def _too_expensive(n0, n1):
    diags = n0 + n1 + 3
    t = 1
    while diags:
        t <<= 1
        diags >>= 2
    return max(4096, t)


def compareseq(xv, yv, real0, real1, changed0, changed1, minimal, heuristic):
    """Mark in changed0/changed1 (offset by one) the lines of a shortest
    edit script between the class lists xv and yv (Myers 1986, linear
    space, with GNU's cut-offs)."""
    n0, n1 = len(xv), len(yv)
    # sentinels that match nothing, enough for any diagonal's reach (and
    # for negative indexes, which wrap around onto them): see _diag
    pad = n0 + n1 + 4
    xv = list(xv) + [-1] * pad
    yv = list(yv) + [-2] * pad
    off = n1 + 1
    size = n0 + n1 + 3
    fd = [0] * size
    bd = [0] * size
    too_expensive = _too_expensive(n0, n1)
    stack = [(0, n0, 0, n1, minimal)]
    pop = stack.pop
    push = stack.append
    while stack:
        xoff, xlim, yoff, ylim, find_minimal = pop()
        # slide down the bottom initial diagonal, up the top one
        if xoff < xlim and yoff < ylim and xv[xoff] == yv[yoff]:
            xoff, yoff = _snake_down(xv, yv, xoff, xlim, yoff, ylim)
        if xoff < xlim and yoff < ylim and xv[xlim - 1] == yv[ylim - 1]:
            xlim, ylim = _snake_up(xv, yv, xoff, xlim, yoff, ylim)
        if xoff == xlim:
            for y in range(yoff, ylim):
                changed1[real1[y] + 1] = 1
            continue
        if yoff == ylim:
            for x in range(xoff, xlim):
                changed0[real0[x] + 1] = 1
            continue
        xmid, ymid, lo_min, hi_min = _diag(xoff, xlim, yoff, ylim, find_minimal, xv, yv,
                                           fd, bd, off, heuristic, too_expensive)
        push((xmid, xlim, ymid, ylim, hi_min))
        push((xoff, xmid, yoff, ymid, lo_min))


def _snake_down(xv, yv, x, xlim, y, ylim):
    """Follow equal elements forward, comparing slices of growing size."""
    n = min(xlim - x, ylim - y)
    k = 0
    step = 8
    while k < n:
        s = min(step, n - k)
        if xv[x + k:x + k + s] == yv[y + k:y + k + s]:
            k += s
            step <<= 1
        else:
            while xv[x + k] == yv[y + k]:
                k += 1
            break
    return x + k, y + k


def _snake_up(xv, yv, xoff, x, yoff, y):
    """Follow equal elements backward from x, y (exclusive limits)."""
    n = min(x - xoff, y - yoff)
    k = 0
    step = 8
    while k < n:
        s = min(step, n - k)
        if xv[x - k - s:x - k] == yv[y - k - s:y - k]:
            k += s
            step <<= 1
        else:
            while xv[x - k - 1] == yv[y - k - 1]:
                k += 1
            break
    return x - k, y - k


_BIG = 1 << 62


def _diag(xoff, xlim, yoff, ylim, find_minimal, xv, yv, fd, bd, off, heuristic, too_expensive):
    """Find the midpoint of the shortest edit script of xv[xoff:xlim] and
    yv[yoff:ylim]: (xmid, ymid, lo_minimal, hi_minimal).

    Diagonal d (x - y) is kept at index d + off of fd and bd, and the
    loops run over those shifted indexes.  xv and yv end with two
    sentinels that match nothing, so that the element comparison can come
    before the bounds checks: most diagonals fail it at once."""
    dmin = xoff - ylim + off
    dmax = xlim - yoff + off
    fmid = xoff - yoff + off
    bmid = xlim - ylim + off
    fmin = fmax = fmid
    bmin = bmax = bmid
    odd = (fmid - bmid) & 1
    fd[fmid] = xoff
    bd[bmid] = xlim
    c = 0
    big_snake = False
    while True:
        c += 1
        if fmin > dmin:
            fmin -= 1
            fd[fmin - 1] = -1
        else:
            fmin += 1
        if fmax < dmax:
            fmax += 1
            fd[fmax + 1] = -1
        else:
            fmax -= 1
        for k in range(fmax, fmin - 1, -2):
            tlo = fd[k - 1]
            thi = fd[k + 1]
            x = thi if tlo < thi else tlo + 1
            y = x - k + off
            if xv[x] == yv[y] and x < xlim and y < ylim:
                x0 = x
                x += 1
                y += 1
                if xv[x] == yv[y] and x < xlim and y < ylim:
                    x, y = _snake_down(xv, yv, x, xlim, y, ylim)
                    if x - x0 > SNAKE_LIMIT:
                        big_snake = True
            fd[k] = x
            if odd and bd[k] <= x and bmin <= k <= bmax:
                return x, y, True, True
        if bmin > dmin:
            bmin -= 1
            bd[bmin - 1] = _BIG
        else:
            bmin += 1
        if bmax < dmax:
            bmax += 1
            bd[bmax + 1] = _BIG
        else:
            bmax -= 1
        for k in range(bmax, bmin - 1, -2):
            tlo = bd[k - 1]
            thi = bd[k + 1]
            x = tlo if tlo < thi else thi - 1
            y = x - k + off
            if xv[x - 1] == yv[y - 1] and xoff < x and yoff < y:
                x0 = x
                x -= 1
                y -= 1
                if xv[x - 1] == yv[y - 1] and xoff < x and yoff < y:
                    x, y = _snake_up(xv, yv, xoff, x, yoff, y)
                    if x0 - x > SNAKE_LIMIT:
                        big_snake = True
            bd[k] = x
            if not odd and x <= fd[k] and fmin <= k <= fmax:
                return x, y, True, True
        if find_minimal:
            continue
        if heuristic and c > 200 and big_snake:
            r = _heuristic(xoff, xlim, yoff, ylim, xv, yv, fd, bd, off, c,
                           fmin, fmax, fmid, bmin, bmax, bmid)
            if r is not None:
                return r
        big_snake = False
        if c >= too_expensive:
            return _give_up(xoff, xlim, yoff, ylim, fd, bd, off, fmin, fmax, bmin, bmax)


def _heuristic(xoff, xlim, yoff, ylim, xv, yv, fd, bd, off, c, fmin, fmax, fmid, bmin, bmax, bmid):
    """--speed-large-files: a diagonal that has gone far for its cost and
    ends with a long snake is taken as the midpoint."""
    best = 0
    for k in range(fmax, fmin - 1, -2):
        dd = k - fmid
        x = fd[k]
        y = x - k + off
        v = (x - xoff) * 2 - dd
        if v > 12 * (c + (-dd if dd < 0 else dd)):
            if v > best and xoff + SNAKE_LIMIT <= x < xlim and yoff + SNAKE_LIMIT <= y < ylim:
                j = 1
                while xv[x - j] == yv[y - j]:
                    if j == SNAKE_LIMIT:
                        best = v
                        xmid, ymid = x, y
                        break
                    j += 1
    if best > 0:
        return xmid, ymid, True, False
    best = 0
    for k in range(bmax, bmin - 1, -2):
        dd = k - bmid
        x = bd[k]
        y = x - k + off
        v = (xlim - x) * 2 + dd
        if v > 12 * (c + (-dd if dd < 0 else dd)):
            if v > best and xoff < x <= xlim - SNAKE_LIMIT and yoff < y <= ylim - SNAKE_LIMIT:
                j = 0
                while xv[x + j] == yv[y + j]:
                    if j == SNAKE_LIMIT - 1:
                        best = v
                        xmid, ymid = x, y
                        break
                    j += 1
    if best > 0:
        return xmid, ymid, False, True
    return None


def _give_up(xoff, xlim, yoff, ylim, fd, bd, off, fmin, fmax, bmin, bmax):
    """Too expensive: the furthest-reaching forward or backward diagonal."""
    fxybest = -1
    fxbest = 0
    for k in range(fmax, fmin - 1, -2):
        d = k - off
        x = min(fd[k], xlim)
        y = x - d
        if ylim < y:
            x = ylim + d
            y = ylim
        if fxybest < x + y:
            fxybest = x + y
            fxbest = x
    bxybest = _BIG
    bxbest = 0
    for k in range(bmax, bmin - 1, -2):
        d = k - off
        x = max(xoff, bd[k])
        y = x - d
        if y < yoff:
            x = yoff + d
            y = yoff
        if x + y < bxybest:
            bxybest = x + y
            bxbest = x
    if (xlim + ylim) - bxybest < fxybest - (xoff + yoff):
        return fxbest, fxybest - fxbest, True, False
    return bxbest, bxybest - bxbest, False, True


def shift_boundaries(eq0, eq1, changed0, changed1):
    """Slide each run of changes as GNU does (changed arrays are offset by
    one, with a zero sentinel at each end)."""
    _shift(eq0, changed0, changed1)
    _shift(eq1, changed1, changed0)


def _shift(equivs, ch, oc):
    # ch[i + 1] is line i, oc likewise; i and j are line numbers
    i_end = len(equivs)
    n_other = len(oc) - 2
    i = 0
    j = 0
    while True:
        # scan forward to the next run of changes, keeping j in step: each
        # unchanged line here passes the other file's changed lines and
        # then one unchanged line there
        k = ch.find(1, i + 1, i_end + 1)
        if k < 0:
            break
        k -= 1
        skip = k - i
        while skip:
            if oc[j + 1]:
                j = oc.find(0, j + 1) - 1
            nxt = oc.find(1, j + 1, n_other + 1)
            avail = (n_other if nxt < 0 else nxt - 1) - j
            if avail <= 0:
                j += skip
                break
            step = skip if skip < avail else avail
            j += step
            skip -= step
        i = k
        start = i
        i = ch.find(0, i + 1) - 1
        while oc[j + 1]:
            j += 1
        while True:
            runlength = i - start
            # move the run back while the line before it matches its last
            # line, merging with earlier runs
            while start and equivs[start - 1] == equivs[i - 1]:
                start -= 1
                ch[start + 1] = 1
                i -= 1
                ch[i + 1] = 0
                while ch[start]:
                    start -= 1
                j -= 1
                while oc[j + 1]:
                    j -= 1
            corresponding = i if oc[j] else i_end
            # then forward as far as it goes, merging with later runs
            while i != i_end and equivs[start] == equivs[i]:
                ch[start + 1] = 0
                start += 1
                ch[i + 1] = 1
                i += 1
                while ch[i + 1]:
                    i += 1
                j += 1
                while oc[j + 1]:
                    j += 1
                    corresponding = i
            if runlength == i - start:
                break
        # back to where it lines up with a run of changes in the other file
        while corresponding < i:
            start -= 1
            ch[start + 1] = 1
            i -= 1
            ch[i + 1] = 0
            j -= 1
            while oc[j + 1]:
                j -= 1


def build_script(changed0, changed1, n0, n1):
    """The changes as (line0, line1, deleted, inserted), in order."""
    script = []
    i0 = i1 = 0
    a = b = -1  # the next changed line of each file at or after i0, i1
    while i0 < n0 or i1 < n1:
        if a < i0:
            a = changed0.find(1, i0 + 1, n0 + 1)
            a = n0 if a < 0 else a - 1
        if b < i1:
            b = changed1.find(1, i1 + 1, n1 + 1)
            b = n1 if b < 0 else b - 1
        k = min(a - i0, b - i1)
        i0 += k
        i1 += k
        if i0 >= n0 and i1 >= n1:
            break
        if changed0[i0 + 1] or changed1[i1 + 1]:
            s0, s1 = i0, i1
            if changed0[i0 + 1]:
                i0 = changed0.find(0, i0 + 1) - 1
            if changed1[i1 + 1]:
                i1 = changed1.find(0, i1 + 1) - 1
            script.append((s0, s1, i0 - s0, i1 - s1))
        i0 += 1
        i1 += 1
    return script
