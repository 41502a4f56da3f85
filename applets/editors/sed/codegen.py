"""Compile the command vector into one Python function (compile() once).

The function holds the whole run: the cycle loop that takes lines from
the input batches, and inside it the program as straight Python code.
Addresses become inline tests on local variables (`lineno == 3`,
`b"foo" in ps`, `search(ps) is not None`), ranges keep their state in
locals, the pattern and hold spaces are locals, and the common s///
forms are one `pattern.subn` call.  Branches: the program runs inside a
`while True` loop, so `d` is `break` (no autoprint) and `D` is
`continue`; when the script has labels, it is cut into blocks at the
labels and a program counter picks the block (`if pc <= K:` falls through
from one block to the next, a jump is `pc = K; continue`).  `{ }` groups
become nested `if`s, except a group holding a label, which becomes a
conditional jump over its body, as in GNU.

--debug compiles a second variant of the same code (Gen(debug=True)):
each command is preceded by a write of its `COMMAND:` line and followed
by the state GNU shows for it, each cycle opens with `INPUT:`/`PATTERN:`
and ends with `END-OF-CYCLE:`.  The tracing exists only in that variant,
so the normal program is exactly what it is without the option.
"""
from applets.editors.sed import replace as _replace
from applets.editors.sed.parse import (A_LAST, A_NULL, A_NUM, A_NUM_MOD, A_REGEX, A_STEP, A_STEP_MOD)

# the commands that only set the pattern and hold spaces: their code, and
# the --debug methods that show the result (sic: GNU shows the hold space
# after g)
_SPACE_COMMANDS = {
    "g": (("ps = hs", "pchomp = hchomp"), ("d_hold",)),
    "G": (("ps = ps + NL + hs", "pchomp = hchomp"), ("d_pattern",)),
    "h": (("hs = ps", "hchomp = pchomp"), ("d_hold",)),
    "H": (("hs = hs + NL + ps", "hchomp = pchomp"), ("d_hold",)),
    "x": (("ps, hs = hs, ps", "pchomp, hchomp = hchomp, pchomp"), ("d_pattern", "d_hold")),
    "z": (("ps = b''",), ("d_pattern",)),
}


class Gen:
    def __init__(self, prog, nflag, posix_n, utf8, rt, debug=False):
        self.prog = prog
        self.debug = debug
        self.cmds = prog.cmds
        self.nflag = nflag
        self.posix_n = posix_n
        self.utf8 = utf8
        self.rt = rt
        self.out = []
        self.consts = {}
        self.track_last = prog.has_empty_regex
        n = len(self.cmds)
        self.n = n
        # groups that hold a label are flattened into jumps
        self.flat = set()
        for j, c in enumerate(self.cmds):
            if c.ch == "{" and any(self.cmds[k].ch == ":" for k in range(j + 1, c.jump)):
                self.flat.add(j)
        self.pcmode = any(c.ch == ":" for c in self.cmds)
        bounds = {0}
        if self.pcmode:
            for j, c in enumerate(self.cmds):
                if c.ch == ":":
                    bounds.add(j)
                if c.ch == "{" and j in self.flat:
                    bounds.add(c.jump)
        self.bounds = sorted(b for b in bounds if b < n) or [0]
        self.has_aq = any(c.ch in ("a", "r", "R") for c in self.cmds)
        self.uses_t = any(c.ch in ("t", "T") for c in self.cmds)
        if debug:
            from applets.editors.sed import debug as D
            self.ctext = [D.command_text(c, self.cmds, utf8) for c in self.cmds]

    # -- --debug annotations (emitted only in debug mode) ----------------------
    def d_command(self, c, ind):
        """COMMAND: line of c, written before its address is tested; the
        block level is GNU's global counter (it drifts when a jump leaves
        a block, as GNU's does)."""
        if c.ch == "}":
            self.emit(ind, "dlv -= 1")
        if c.ch == "e" and c.text:
            text = "ET%d" % c.index
        else:
            text = self.const(self.ctext[c.index], "CT")
        self.emit(ind, "dw(b'COMMAND: ' + b'  ' * dlv + %s)" % text)
        if c.ch == "{":
            self.emit(ind, "dlv += 1")

    def d_pattern(self, ind):
        self.emit(ind, "dw(b'PATTERN: ' + desc(ps) + b'\\n')")

    def d_hold(self, ind):
        self.emit(ind, "dw(b'HOLD:    ' + desc(hs) + b'\\n')")

    def ctext_e(self, c):
        from applets.editors.sed import debug as D
        return D.command_text(c, self.cmds, self.utf8, D.e_after(c))

    def d_end(self, ind):
        self.emit(ind, "dw(b'END-OF-CYCLE:\\n')")

    # -- helpers ---------------------------------------------------------------
    def const(self, value, prefix="K"):
        name = "%s%d" % (prefix, len(self.consts))
        self.consts[name] = value
        return name

    def emit(self, indent, line):
        self.out.append("    " * indent + line)

    def print_ps(self, ind, var="ps", chomp="pchomp"):
        self.emit(ind, "if fast:")
        self.emit(ind + 1, "out(%s + NL)" % var)
        self.emit(ind, "else:")
        self.emit(ind + 1, "so.line(%s, %s)" % (var, chomp))

    def autoprint(self, ind):
        if not self.nflag:
            self.print_ps(ind)

    def jump(self, ind, target):
        if target >= self.n:
            if self.debug:
                self.d_end(ind)
            self.autoprint(ind)
            self.emit(ind, "break")
        else:
            self.emit(ind, "pc = %d" % target)
            self.emit(ind, "continue")

    def read_next(self, ind, var):
        """Take the next input line into `var` (the caller checked it exists)."""
        if self.has_aq:
            self.emit(ind, "if aq:")
            self.emit(ind + 1, "rt.dump_append()")
        self.emit(ind, "if i >= n:")
        self.emit(ind + 1, "lines = refill()")
        self.emit(ind + 1, "i = 0")
        self.emit(ind + 1, "n = len(lines)")
        self.emit(ind + 1, "bchomp = inp.chomp")
        self.emit(ind + 1, "if not bchomp:")
        self.emit(ind + 2, "fast = False")
        self.emit(ind, "%s = lines[i]" % var)
        self.emit(ind, "i += 1")
        self.emit(ind, "lineno += 1")
        if self.uses_t:
            self.emit(ind, "replaced = False")

    # -- addresses -------------------------------------------------------------
    def regex_test(self, a, ind):
        """(pre-statements emitted, expression) for a regex address."""
        rx = a.rx
        if rx is None:
            return "_last(last).pattern_obj.search(ps) is not None"
        if self.track_last:
            self.emit(ind, "last = %s" % self.const(rx, "RX"))
        if rx.literal is not None and not rx.icase:
            return "%s in ps" % self.const(rx.literal, "LIT")
        return "%s(ps) is not None" % self.const(rx.pattern_obj.search, "SRCH")

    def addr_expr(self, a, ind, k):
        kind = a.kind
        if kind == A_NUM:
            return "lineno == %d" % a.num
        if kind == A_NUM_MOD:
            if a.num == 0:
                return "lineno %% %d == 0" % a.step
            return "(lineno >= %d and (lineno - %d) %% %d == 0)" % (a.num, a.num, a.step)
        if kind == A_LAST:
            return "(i >= n and at_eof())"
        if kind == A_REGEX:
            return self.regex_test(a, ind)
        if kind == A_NULL:
            return "True"
        if kind in (A_STEP, A_STEP_MOD):
            return "e%d <= lineno" % k
        raise AssertionError(kind)

    def condition(self, c, ind):
        """Emit what decides whether command c runs; return the expression
        (None: always; "False": never, as `!` without an address)."""
        if c.a1 is None:
            return "False" if c.bang else None
        k = c.index
        if c.a2 is None:
            return self.addr_expr(c.a1, ind, k)
        a1, a2 = c.a1, c.a2
        rs = "rs%d" % k
        self.emit(ind, "if %s != 1:" % rs)
        i2 = ind + 1
        if a1.kind == A_NUM:
            self.emit(i2, "m = %s != 2 and lineno >= %d" % (rs, a1.num))
        else:
            e = self.addr_expr(a1, i2, k)
            self.emit(i2, "m = %s" % e)
        self.emit(i2, "if m:")
        i3 = i2 + 1
        self.emit(i3, "%s = 1" % rs)
        if a2.kind == A_REGEX:
            pass
        elif a2.kind == A_NUM:
            self.emit(i3, "if lineno >= %d:" % a2.num)
            self.emit(i3 + 1, "%s = 2" % rs)
            if a1.kind == A_NUM:
                self.emit(i3, "m = lineno <= %d or lineno == %d" % (a2.num, a1.num))
        elif a2.kind == A_STEP:
            self.emit(i3, "e%d = lineno + %d" % (k, a2.step))
        elif a2.kind == A_STEP_MOD:
            self.emit(i3, "e%d = lineno + %d - lineno %% %d" % (k, a2.step, a2.step))
        else:
            e = self.addr_expr(a2, i3, k)
            self.emit(i3, "if %s:" % e)
            self.emit(i3 + 1, "%s = 2" % rs)
        self.emit(ind, "else:")
        if a2.kind == A_NUM:
            self.emit(i2, "if lineno >= %d:" % a2.num)
            self.emit(i2 + 1, "%s = 2" % rs)
            self.emit(i2, "m = lineno <= %d" % a2.num)
        else:
            e = self.addr_expr(a2, i2, k)
            self.emit(i2, "if %s:" % e)
            self.emit(i2 + 1, "%s = 2" % rs)
            self.emit(i2, "m = True")
        return "m"

    def range_init(self):
        """(name, initial value) of each range's state variables."""
        out = []
        for c in self.cmds:
            if c.a2 is not None:
                init = 1 if (c.a1.kind == A_NUM and c.a1.num == 0) else 0
                out.append(("rs%d" % c.index, init))
                if c.a2.kind in (A_STEP, A_STEP_MOD):
                    out.append(("e%d" % c.index, 0))
        return out

    # -- commands --------------------------------------------------------------
    def gen_cmds(self, start, end, ind):
        j = start
        cmds = self.cmds
        while j < end:
            c = cmds[j]
            if self.debug:
                self.d_command(c, ind)
            if c.ch == "{":
                cond = self.condition(c, ind)
                if cond == "False":
                    if j in self.flat:
                        self.emit(ind, "pc = %d" % c.jump)
                        self.emit(ind, "continue")
                    j = c.jump
                    continue
                if j in self.flat:
                    if cond is not None:
                        self.emit(ind, ("if %s:" if c.bang else "if not (%s):") % cond)
                        self.emit(ind + 1, "pc = %d" % c.jump)
                        self.emit(ind + 1, "continue")
                    j += 1
                    continue
                if cond is not None:
                    self.emit(ind, ("if not (%s):" if c.bang else "if %s:") % cond)
                    self.emit(ind + 1, "pass")
                    self.gen_cmds(j + 1, c.jump, ind + 1)
                else:
                    self.gen_cmds(j + 1, c.jump, ind)
                j = c.jump
                continue
            cond = self.condition(c, ind)
            if cond == "False":
                j += 1
                continue
            if cond is not None:
                self.emit(ind, ("if not (%s):" if c.bang else "if %s:") % cond)
                self.emit(ind + 1, "pass")
                self.gen_one(c, ind + 1)
            else:
                self.gen_one(c, ind)
            j += 1

    def gen_one(self, c, ind):
        ch = c.ch
        e = self.emit
        if ch in ("}", ":", "#", ""):
            return
        if ch == "p":
            self.print_ps(ind)
        elif ch == "d":
            if self.debug:
                self.d_end(ind)
            e(ind, "break")
        elif ch == "D":
            e(ind, "j = ps.find(NL)")
            e(ind, "if j < 0:")
            e(ind + 1, "break")
            e(ind, "ps = ps[j + 1:]")
            if self.debug:
                self.d_pattern(ind)
            e(ind, "pc = 0")
            e(ind, "continue")
        elif ch == "s":
            self.gen_s(c, ind)
        elif ch == "n" and self.debug:
            if not self.nflag:
                self.print_ps(ind)
            e(ind, "if i >= n and at_eof():")
            self.d_end(ind + 1)
            e(ind + 1, "break")
            self.read_next(ind, "ps")
            e(ind, "pchomp = bchomp")
            self.d_pattern(ind)
        elif ch == "n":
            if not self.nflag:
                self.print_ps(ind)
            e(ind, "if i >= n and at_eof():")
            e(ind + 1, "break")
            self.read_next(ind, "ps")
            e(ind, "pchomp = bchomp")
        elif ch == "N":
            e(ind, "if i >= n and at_eof():")
            if self.debug:
                self.d_end(ind + 1)
            if not self.posix_n and not self.nflag:
                self.print_ps(ind + 1)
            e(ind + 1, "break")
            self.read_next(ind, "nx")
            e(ind, "ps = ps + NL + nx")
            e(ind, "pchomp = bchomp")
            if self.debug:
                self.d_pattern(ind)
        elif ch == "P":
            e(ind, "j = ps.find(NL)")
            e(ind, "if j >= 0:")
            e(ind + 1, "so.line(ps[:j], True)")
            e(ind, "else:")
            e(ind + 1, "so.line(ps, pchomp)")
        elif ch in _SPACE_COMMANDS:
            code, shown = _SPACE_COMMANDS[ch]
            for line in code:
                e(ind, line)
            if self.debug:
                for method in shown:
                    getattr(self, method)(ind)
        elif ch == "=":
            e(ind, "so.text(b'%d' % lineno + NL)")
        elif ch == "l":
            width = "rt.lwidth" if c.int_arg == -1 else str(c.int_arg)
            e(ind, "so.text(listing(ps, %s, NL))" % width)
        elif ch == "F":
            e(ind, "so.text(inp.name.encode('utf-8', 'surrogateescape') + NL)")
        elif ch == "a":
            # an empty text still queues: its dump adds a missing newline
            e(ind, "aq.append((%s, None))" % self.const(c.text or b"", "T"))
        elif ch == "i":
            if c.text is not None:
                e(ind, "so.text(%s + NL)" % self.const(c.text[:-1], "T"))
        elif ch == "c":
            if c.text is not None:
                if c.a2 is not None:
                    e(ind, "if rs%d != 1:" % c.index)
                    e(ind + 1, "so.text(%s + NL)" % self.const(c.text[:-1], "T"))
                else:
                    e(ind, "so.text(%s + NL)" % self.const(c.text[:-1], "T"))
            if self.debug:
                self.d_end(ind)
            e(ind, "break")
        elif ch == "r":
            name = self.const(c.fname, "F")
            if c.append:
                e(ind, "aq.append((None, %s))" % name)
            else:
                e(ind, "rt.print_file(%s)" % name)
        elif ch == "R":
            e(ind, "rt.rline(%s)" % self.const(c.fname, "F"))
        elif ch == "w":
            e(ind, "%s.line(ps, pchomp)" % self.wfile(c.fname))
        elif ch == "W":
            w = self.wfile(c.fname)
            e(ind, "j = ps.find(NL)")
            e(ind, "if j >= 0:")
            e(ind + 1, "%s.line(ps[:j], True)" % w)
            e(ind, "else:")
            e(ind + 1, "%s.line(ps, pchomp)" % w)
        elif ch == "y":
            if c.ytab is not None:
                e(ind, "ps = ps.translate(%s)" % self.const(c.ytab, "Y"))
            else:
                e(ind, "ps = rt.ymb(ps, %s)" % self.const(c.ymap, "Y"))
            if self.debug:
                self.d_pattern(ind)
        elif ch == "e":
            if c.text:
                e(ind, "rt.e_text(%s)" % self.const(c.text[:-1], "T"))
                if self.debug:
                    e(ind, "ET%d = %s" % (c.index, self.const(self.ctext_e(c), "CT")))
            else:
                e(ind, "ps = rt.s_eval(ps)")
        elif ch == "b":
            self.jump(ind, c.jump)
        elif ch == "t":
            e(ind, "if replaced:")
            e(ind + 1, "replaced = False")
            self.jump(ind + 1, c.jump)
        elif ch == "T":
            e(ind, "if not replaced:")
            self.jump(ind + 1, c.jump)
            e(ind, "else:")
            e(ind + 1, "replaced = False")
        elif ch == "L":
            e(ind, "raise SedError('INTERNAL ERROR: Bad cmd L', 4)")
        elif ch in ("q", "Q"):
            if ch == "q":
                self.autoprint(ind)
                e(ind, "rt.dump_append()")
            e(ind, "return %d" % (0 if c.int_arg == -1 else c.int_arg))
        else:
            raise AssertionError(ch)

    def wfile(self, name):
        o = self.rt.wfiles.get(name)
        if o is None:
            o = self.rt.wfiles[name] = self.rt.open_wfile(name)
        key = ("W", name)
        if key not in self.consts:
            self.consts[key] = "W%d" % len(self.consts)
            self.consts[self.consts[key]] = o
        return self.consts[key]

    def gen_s(self, c, ind):
        sub = c.subst
        e = self.emit
        rx = sub.rx
        rep = _replace.Replacer(sub.repl, self.utf8)
        tmpl = _replace.template(sub.repl)
        if rx is not None and self.track_last:
            e(ind, "last = %s" % self.const(rx, "RX"))
        if self.debug:
            # the first match's registers, then GNU's do_subst
            rxv = "_last(last)" if rx is None else self.const(rx, "RX")
            e(ind, "rxv = %s" % rxv)
            e(ind, "m0 = rxv.search(ps, 0)")
            e(ind, "if m0 is not None:")
            e(ind + 1, "dw(dregs(m0, rxv.groups))")
            e(ind + 1, "ps2 = substitute(ps, rxv.search, %s, %s, %d, %s)" % (self.const(rep, "REP"), sub.glob,
                                                                            sub.numb, self.utf8))
            e(ind + 1, "if ps2 is not None:")
            self.s_done(sub, ind + 2)
            self.d_pattern(ind)
            return
        if (rx is not None and rx.longest_safe and tmpl is not None and not sub.numb and not sub.eval
                and (not sub.glob or not _replace.can_match_empty(rx))):
            e(ind, "ps2, k = %s(%s, ps, %d)" % (self.const(rx.pattern_obj.subn, "SUBN"),
                                                self.const(tmpl, "TM"), 0 if sub.glob else 1))
            e(ind, "if k:")
        else:
            if rx is None:
                srch = "_last(last).search"
            else:
                srch = self.const(rx.search, "SRCH")
            e(ind, "ps2 = substitute(ps, %s, %s, %s, %d, %s)" % (srch, self.const(rep, "REP"), sub.glob,
                                                                 sub.numb, self.utf8))
            e(ind, "if ps2 is not None:")
        self.s_done(sub, ind + 1)

    def s_done(self, sub, i2):
        """What a successful s does after the substitution."""
        e = self.emit
        e(i2, "ps = ps2")
        if self.uses_t:
            e(i2, "replaced = True")
        if sub.print_ & 1:
            self.print_ps(i2)
        if sub.eval:
            e(i2, "ps = rt.s_eval(ps)")
        if sub.print_ & 2:
            self.print_ps(i2)
        if sub.wname is not None:
            e(i2, "%s.line(ps, pchomp)" % self.wfile(sub.wname))

    # -- the whole function ------------------------------------------------------
    def generate(self):
        e = self.emit
        e(0, "def _sed(rt):")
        e(1, "inp = rt.input")
        e(1, "refill = inp.refill")
        e(1, "at_eof = inp.at_eof")
        e(1, "so = rt.so")
        e(1, "out = so.w")
        e(1, "NL = rt.nl")
        e(1, "aq = rt.aq")
        e(1, "fast = not rt.unbuffered")
        e(1, "lines = ()")
        e(1, "i = n = 0")
        e(1, "lineno = 0")
        e(1, "bchomp = pchomp = hchomp = True")
        e(1, "ps = hs = b''")
        e(1, "replaced = False")
        e(1, "last = None")
        e(1, "pc = 0")
        if self.debug:
            e(1, "dw = rt.stdout.w")
            e(1, "dlv = 0")
            for c in self.cmds:
                if c.ch == "e" and c.text:
                    e(1, "ET%d = %s" % (c.index, self.const(self.ctext[c.index], "CT")))
        inits = self.range_init()
        for name, v in inits:
            e(1, "%s = %d" % (name, v))
        e(1, "while True:")
        if self.has_aq:
            e(2, "if aq:")
            e(3, "rt.dump_append()")
        e(2, "if i >= n:")
        e(3, "lines = refill()")
        e(3, "if lines is None:")
        e(4, "break")
        e(3, "i = 0")
        e(3, "n = len(lines)")
        e(3, "bchomp = inp.chomp")
        e(3, "if not bchomp:")
        e(4, "fast = False")
        e(3, "if inp.newfile:")
        e(4, "lineno = 0")
        e(4, "hs = b''")
        for name, v in inits:
            if name.startswith("rs"):
                e(4, "%s = %d" % (name, v))
        e(4, "so = rt.so")
        e(4, "out = so.w")
        e(2, "ps = lines[i]")
        e(2, "i += 1")
        e(2, "lineno += 1")
        e(2, "pchomp = bchomp")
        if self.uses_t:
            e(2, "replaced = False")
        e(2, "pc = 0")
        if self.debug:
            e(2, "dw(dinput(inp, rt, lineno))")
            self.d_pattern(2)
        e(2, "while True:")
        if self.pcmode:
            b = self.bounds
            for idx, start in enumerate(b):
                stop = b[idx + 1] if idx + 1 < len(b) else self.n
                e(3, "if pc <= %d:" % start)
                e(4, "pass")
                self.gen_cmds(start, stop, 4)
        else:
            self.gen_cmds(0, self.n, 3)
        if self.debug:
            self.d_end(3)
        self.autoprint(3)
        e(3, "break")
        e(1, "return 0")
        return "\n".join(self.out) + "\n"


def build(prog, nflag, posix_n, utf8, rt, debug=False):
    """The compiled program function and its source (for tests/debugging);
    with debug, the program also writes GNU's --debug annotations."""
    from applets.editors.sed.runtime import listing
    g = Gen(prog, nflag, posix_n, utf8, rt, debug)
    src = g.generate()
    env = {k: v for k, v in g.consts.items() if isinstance(k, str)}
    env["listing"] = listing
    from applets.editors.sed.parse import SedError
    env["SedError"] = SedError
    env["substitute"] = _replace.substitute

    def _last(rx):
        if rx is None:
            rt.no_regex()
        return rx
    env["_last"] = _last
    if debug:
        from applets.editors.sed import debug as D
        env["desc"] = D.esc
        env["dregs"] = D.registers
        env["dinput"] = D.input_line
    code = compile(src, "<sed program>", "exec")
    exec(code, env)
    return env["_sed"], src
