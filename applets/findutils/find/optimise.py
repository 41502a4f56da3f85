"""GNU find 4.9's expression optimiser (tree.c's opt_expr and arm swaps),
reproduced because its effects are visible.

GNU find evaluates an expression in the order its optimiser leaves it,
not as written: at the default level (-O2) tests that need only the name
(-name, -path, -regex, always-true options...) move to the front of each
run of tests between actions, then tests that need only the type or inode
number, and neighbouring tests of different cost are swapped.  For -a and
-o chains this changes only which tests run (so which errors are
reported: `-xtype l -name x` never stats a file whose name fails); for
`,` it changes the result, a bug of 4.9 (`-type f , -name '*.h'` prints
every regular file: the arm swap exchanges operands of different cost,
and `,` yields its right one).  pybox's find reproduces the ordering so that output and messages
match, -O0 .. -O3 included.

Each primary carries GNU's metadata: need_stat/need_type/need_inum, the
inherent cost from GNU's cost table, the estimated success rate (C
floats: rates are rounded to single precision, as GNU stores them), and
`fn`, the GNU predicate function it stands for.
"""
import struct

(NEEDS_NOTHING, NEEDS_INODE, NEEDS_TYPE, NEEDS_STAT, NEEDS_LINKNAME, NEEDS_ACCESS, NEEDS_SYNC,
 NEEDS_EVENTUAL_EXEC, NEEDS_IMMEDIATE_EXEC, NEEDS_USER, NEEDS_UNKNOWN) = range(11)
NUM_COSTS = 11

NO_PREC, COMMA_PREC, OR_PREC, AND_PREC, NEGATE_PREC = range(5)
PRIMARY, UNI_OP, BI_OP = 0, 1, 2

# GNU's costlookup table: inherent cost of each predicate function
INHERENT = {
    "amin": NEEDS_STAT, "and": NEEDS_NOTHING, "anewer": NEEDS_STAT, "atime": NEEDS_STAT,
    "cmin": NEEDS_STAT, "cnewer": NEEDS_STAT, "comma": NEEDS_NOTHING, "context": NEEDS_ACCESS,
    "ctime": NEEDS_STAT, "delete": NEEDS_SYNC, "empty": NEEDS_STAT, "executable": NEEDS_ACCESS,
    "false": NEEDS_NOTHING, "fprint": NEEDS_NOTHING, "fprint0": NEEDS_NOTHING, "fstype": NEEDS_STAT,
    "gid": NEEDS_STAT, "group": NEEDS_STAT, "ilname": NEEDS_LINKNAME, "iname": NEEDS_NOTHING,
    "inum": NEEDS_INODE, "ipath": NEEDS_NOTHING, "links": NEEDS_STAT, "lname": NEEDS_LINKNAME,
    "ls": NEEDS_STAT, "fls": NEEDS_STAT, "mmin": NEEDS_STAT, "mtime": NEEDS_STAT, "name": NEEDS_NOTHING,
    "negate": NEEDS_NOTHING, "newer": NEEDS_STAT, "newerXY": NEEDS_STAT, "nogroup": NEEDS_STAT,
    "nouser": NEEDS_STAT, "ok": NEEDS_USER, "okdir": NEEDS_USER, "or": NEEDS_NOTHING,
    "path": NEEDS_NOTHING, "perm": NEEDS_STAT, "print": NEEDS_NOTHING, "print0": NEEDS_NOTHING,
    "prune": NEEDS_NOTHING, "quit": NEEDS_NOTHING, "readable": NEEDS_ACCESS, "regex": NEEDS_NOTHING,
    "samefile": NEEDS_STAT, "size": NEEDS_STAT, "true": NEEDS_NOTHING, "type": NEEDS_TYPE,
    "uid": NEEDS_STAT, "used": NEEDS_STAT, "user": NEEDS_STAT, "writable": NEEDS_ACCESS,
    "xtype": NEEDS_TYPE,
}
_ALWAYS_CHEAP = ("name", "path", "iname", "ipath")


def f32(x):
    """x rounded to a C float."""
    return struct.unpack("f", struct.pack("f", x))[0]


def _constrain(rate):
    return 1.0 if rate > 1.0 else 0.0 if rate < 0.0 else rate


class Meta:
    """GNU's per-predicate data the optimiser looks at."""

    __slots__ = ("fn", "need_stat", "need_type", "need_inum", "rate", "cost")

    def __init__(self, fn, need_stat=True, need_type=True, need_inum=False, rate=1.0, cost=None):
        self.fn = fn
        self.need_stat = need_stat
        self.need_type = need_type
        self.need_inum = need_inum
        self.rate = f32(rate)
        self.cost = cost  # inherent cost when not from the table (-printf's, -exec's)


class Ref:
    """A place holding a node (GNU's `struct predicate **`)."""

    __slots__ = ("obj", "attr")

    def __init__(self, obj, attr):
        self.obj = obj
        self.attr = attr

    def get(self):
        return getattr(self.obj, self.attr)

    def set(self, value):
        setattr(self.obj, self.attr, value)


class _Box:
    __slots__ = ("root",)

    def __init__(self, root):
        self.root = root


class PredList:
    __slots__ = ("head", "tail")

    def __init__(self):
        self.head = None
        self.tail = None


def optimise(tree, level, new_node):
    """The tree GNU 4.9 would evaluate (`new_node(prec)` makes an operator
    node of that precedence, for GNU's set_new_parent)."""
    opt = _Optimiser(level, new_node)
    calculate_derived_rates(tree)
    estimate_costs(tree)
    box = _Box(tree)
    opt.opt_expr(Ref(box, "root"))
    opt.do_arm_swaps(box.root)  # (4.9 swaps at every level, -O0 included)
    return box.root


def _postorder(p):
    """The nodes under p, children (right, then left) before parents,
    without recursion: a chain of a thousand -o is a thousand deep."""
    out = []
    stack = [p]
    while stack:
        x = stack.pop()
        if x is None:
            continue
        out.append(x)
        stack.append(x.left)
        stack.append(x.right)
    out.reverse()
    return out


def calculate_derived_rates(p):
    for x in _postorder(p):
        t = x.type
        if t == PRIMARY:
            continue
        if t == UNI_OP:
            x.rate = f32(1.0 - x.right.rate)
            continue
        left = x.left.rate if x.left is not None else 1.0
        right = x.right.rate if x.right is not None else 1.0
        if x.kind == "and":
            rate = f32(right * left)
        elif x.kind == "comma":
            rate = 1.0
        else:
            rate = f32(right + left)
        x.rate = _constrain(rate)
    return p.rate


def estimate_costs(p):
    for x in _postorder(p):
        x.cost = pred_cost(x)


def pred_cost(p):
    if p.type != PRIMARY:
        return NEEDS_NOTHING
    m = p.meta
    if m.need_stat:
        data = NEEDS_STAT
    elif m.need_inum:
        data = NEEDS_INODE
    elif m.need_type:
        data = NEEDS_TYPE
    else:
        data = NEEDS_NOTHING
    inherent = m.cost if m.cost is not None else INHERENT.get(m.fn, NEEDS_UNKNOWN)
    return max(inherent, data)


def _side_effects(p):
    return any(x.side_effects for x in _postorder(p))


def _worst_cost(p):
    return max((x.cost for x in _postorder(p)), default=0)


class _Optimiser:
    def __init__(self, level, new_node):
        self.level = level
        self.new_node = new_node

    def cost_free(self, p):
        if p.meta.fn in _ALWAYS_CHEAP:
            return True
        if self.level > 0:
            return p.cost == NEEDS_NOTHING
        return False

    def set_new_parent(self, curr, prec, ref):
        node = self.new_node(prec)
        node.cost = NEEDS_NOTHING
        node.rate = 1.0 if prec == COMMA_PREC else _constrain(curr.rate)
        node.right = curr
        node.left = None
        ref.set(node)
        return node

    def opt_expr(self, ref):
        if ref.get() is None:
            return False
        name_list, regex_list = PredList(), PredList()
        cbo = [PredList() for _ in range(NUM_COSTS)]
        # normalise: a left-linked chain of operators
        prevp = ref
        prev_prec = AND_PREC
        curr = prevp.get()
        while curr.left is not None:
            prevp = Ref(curr, "left")
            prev_prec = curr.prec
            curr = curr.left
        if curr.type != BI_OP:
            self.set_new_parent(curr, prev_prec, prevp)
        # rearrange
        prevp = ref
        biop_prec = NO_PREC
        top = prevp.get()
        if top is not None and top.type == BI_OP:
            biop_prec = top.prec
        has_side_effects = False
        while True:
            curr = prevp.get()
            if curr is None:
                break
            if curr.type == BI_OP and curr.prec != biop_prec:
                curr = self.set_new_parent(curr, biop_prec, prevp)
            r = curr.right
            if r.type == PRIMARY:
                # (the operands of `,` are not moved: only the arm swaps below
                # exchange them, which is 4.9's bug)
                if not r.side_effects and biop_prec != COMMA_PREC:
                    if self.cost_free(r):
                        _insert(name_list, curr, prevp)
                        continue
                    if r.meta.fn == "regex":
                        _insert(regex_list, curr, prevp)
                        continue
                    reorder = ((self.level > 1 and r.cost in (NEEDS_TYPE, NEEDS_INODE) and not r.meta.need_stat)
                               or self.level > 2)
                    if reorder:
                        _insert(cbo[r.cost], curr, prevp)
                        continue
            elif r.type == UNI_OP:
                r.side_effects = self.opt_expr(Ref(r, "right"))
            else:
                result = self.opt_expr(Ref(curr, "right"))
                curr.right.side_effects = result
            if curr.right.side_effects:
                self.merge_lists(cbo, name_list, regex_list, prevp)
                has_side_effects = True
            prevp = Ref(curr, "left")
        self.merge_lists(cbo, name_list, regex_list, prevp)
        return has_side_effects

    def merge_lists(self, cbo, name_list, regex_list, last):
        _merge_sort(name_list, last)
        _merge_sort(regex_list, last)
        for lst in cbo:
            _merge_sort(lst, last)

    def do_arm_swaps(self, root):
        """GNU's do_arm_swaps: at each node (parents before children, left
        subtrees before right ones), swap while a swap is wanted."""
        stack = [root]
        while stack:
            p = stack.pop()
            if p is None:
                continue
            while self.consider_arm_swap(p):
                pass
            stack.append(p.right)
            stack.append(p.left)

    def consider_arm_swap(self, p):
        if p.type != BI_OP or p.left is None or p.right is None or p.left.right is None:
            return False
        pl, pr = p.left.right, p.right
        if _side_effects(pl) or _side_effects(pr):
            return False
        left_cost = _worst_cost(pl)
        right_cost = _worst_cost(pr)
        if left_cost < right_cost:
            return False
        if left_cost == right_cost:
            if p.kind == "or":
                want = pr.rate < pl.rate
            elif p.kind == "and":
                want = pr.rate > pl.rate
            else:
                want = False
        else:
            want = True
        if want:
            p.left.right, p.right = p.right, p.left.right
            return True
        return False


def _insert(lst, curr, prevp):
    """GNU's predlist_insert: take curr out of the chain, onto the list."""
    prevp.set(curr.left)
    curr.left = lst.head
    lst.head = curr
    if lst.tail is None:
        lst.tail = lst.head


def _compare(p1, p2, wantfailure):
    if p1.cost == p2.cost:
        if p1.rate == p2.rate:
            return 0
        if wantfailure:
            return -1 if p1.rate < p2.rate else 1
        return 1 if p1.rate < p2.rate else -1
    return -1 if p1.cost < p2.cost else 1


def _merge_sort(lst, last):
    """GNU's predlist_merge_sort (an insertion sort) and merge_pred."""
    if lst.head is None:
        return
    calculate_derived_rates(lst.head)
    new = PredList()
    while lst.head is not None:
        q = lst.head
        lst.head = q.left
        q.left = None
        p = new.head
        while p is not None:
            if _compare(p.right, q.right, p.prec != OR_PREC) >= 0:
                break
            p = p.left
        if p is not None:
            q.left = p.left
            if q.left is None:
                new.tail = q
            p.left = q
        else:
            q.left = new.head
            new.head = q
            if new.tail is None:
                new.tail = q
    calculate_derived_rates(new.head)
    new.tail.left = last.get()
    last.set(new.head)
    lst.head = lst.tail = None


def optlist(p):
    """The tree as GNU's `-D opt` prints its "Optimized command line"
    (print_optlist), for tests."""
    out = []

    def paren(node):
        if node is None:
            return
        if node.type == BI_OP and node.kind in ("and", "or") and node.left is None:
            paren(node.right)
            return
        parens = node.left is not None or node.right is not None
        if parens:
            out.append(" ( ")
        lst(node)
        if parens:
            out.append(" ) ")

    def lst(node):
        paren(node.left)
        m = node.meta
        if m is not None:
            out.append("[call stat] " if m.need_stat else "")
            out.append("[need type] " if m.need_type else "")
            out.append("[need inum] " if m.need_inum else "")
        out.append(node.name if node.arg is None else "%s %s" % (node.name, node.arg))
        out.append(" [est success rate %s] " % _g4(node.rate))
        paren(node.right)

    lst(p)
    return "".join(out)


def _g4(x):
    """C's %.4g."""
    return "%.4g" % x
