"""factor: print the prime factors of each number (any size).

Trial division by the primes below 1000, then Miller-Rabin (deterministic
below 3.3e24, 24 bases beyond) and Pollard-Brent rho with the gcd taken
once per 128 steps, so that each step is two multiplications modulo n in
Python's C integer code: 2^127-1 is proved prime at once, and a product of
two 40-bit primes splits in a fraction of a second.  Numbers come from the
arguments or, without any, from standard input, read in chunks.
"""
from multicall.errors import quote, warn
from multicall.options import Spec
from multicall.stdio import stdout

SPEC = Spec(("[NUMBER]...", "OPTION"),
            "Print the prime factors of each specified integer NUMBER.  If none\n"
            "are specified on the command line, read them from standard input.")

_SPACE = " \t\n\v\f\r"
_BASES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41)
_EXTRA = (43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89)


def _small_primes(limit):
    sieve = bytearray([1]) * limit
    sieve[0:2] = b"\0\0"
    for i in range(2, int(limit ** 0.5) + 1):
        if sieve[i]:
            sieve[i * i::i] = bytes(len(range(i * i, limit, i)))
    return [i for i in range(limit) if sieve[i]]


def is_prime(n, small=None):
    """Miller-Rabin: exact below 3.3e24, probabilistic (24 bases) above."""
    if n < 2:
        return False
    for p in _BASES:
        if n % p == 0:
            return n == p
    d = n - 1
    s = 0
    while not d & 1:
        d >>= 1
        s += 1
    bases = _BASES if n < 3317044064679887385961981 else _BASES + _EXTRA
    for a in bases:
        x = pow(a, d, n)
        if x == 1 or x == n - 1:
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def _rho(n):
    """A non-trivial factor of the odd composite n (Pollard-Brent)."""
    from math import gcd
    c = 1
    while True:
        y, m, g, r, q = 2, 128, 1, 1, 1
        x = ys = y
        while g == 1:
            x = y
            for _ in range(r):
                y = (y * y + c) % n
            k = 0
            while k < r and g == 1:
                ys = y
                for _ in range(min(m, r - k)):
                    y = (y * y + c) % n
                    q = q * (x - y) % n
                g = gcd(q, n)
                k += m
            r <<= 1
        if g == n:
            g = 1
            while g == 1:
                ys = (ys * ys + c) % n
                g = gcd(x - ys, n)
        if g != n:
            return g
        c += 1


def factorize(n, small):
    """The prime factors of n >= 2, ascending, with repetition."""
    out = []
    for p in small:
        if p * p > n:
            break
        if n % p == 0:
            n //= p
            out.append(p)
            while n % p == 0:
                n //= p
                out.append(p)
    if n > 1:
        stack = [n]
        big = []
        while stack:
            m = stack.pop()
            if m < 1000 * 1000 or is_prime(m):
                big.append(m)
                continue
            f = _rho(m)
            stack.append(f)
            stack.append(m // f)
        out.extend(sorted(big))
    return out


def _parse(text):
    s = text.lstrip(_SPACE)
    if s[:1] == "+":
        s = s[1:]
    if not s or not s.isdigit() or not s.isascii():
        return None
    return int(s)


def _line(n, small):
    if n < 2:
        return b"%d:\n" % n
    return ("%d: %s\n" % (n, " ".join(map(str, factorize(n, small))))).encode()


def main(argv):
    import sys
    if hasattr(sys, "set_int_max_str_digits"):
        sys.set_int_max_str_digits(0)
    opts = SPEC.parse(argv)
    prog = argv[0]
    small = _small_primes(1000)
    out = stdout()
    status = 0

    def one(tok):
        nonlocal status
        n = _parse(tok)
        if n is None:
            warn(prog, "%s is not a valid positive integer" % quote(tok))
            status = 1
            return
        out.write(_line(n, small))

    if opts.operands:
        for a in opts.operands:
            one(a)
        return status
    from multicall.stdio import chunks
    pending = b""
    for chunk in chunks(0):
        data = pending + chunk
        toks = data.split()
        if data[-1:].isspace() or not toks:
            pending = b""
        else:
            pending = toks.pop()
        for t in toks:
            one(t.decode("utf-8", "surrogateescape"))
    if pending:
        one(pending.decode("utf-8", "surrogateescape"))
    return status
