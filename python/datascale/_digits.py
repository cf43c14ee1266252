# SPDX-License-Identifier: LGPL-3.0-or-later
"""Decimal text <-> int for numbers of any size.

Python 3.11+ refuses int(str) and str(int) past 4,300 digits
(sys.set_int_max_str_digits), and datascale's exact values may have a
million. These conversions work at any size without changing the
interpreter's setting (which is global), and in less than quadratic time:
an int is cut in halves by bits and put together in `decimal` (whose
multiplication is fast for large numbers); a string is cut in halves by
digits and put together with int products. Below the limit they are plain
int() and str().
"""

import decimal
from fractions import Fraction

_SMALL_BITS = 8000    # about 2,400 digits: str() is allowed and fast
_SMALL_DIGITS = 2000  # int() of this many digits is allowed and fast


def int_to_str(n):
    """The decimal digits of int n ("-" first when negative)."""
    if n < 0:
        return "-" + int_to_str(-n)
    if n.bit_length() <= _SMALL_BITS:
        return str(n)
    D = decimal.Decimal
    powers = {}

    def pow2(w):  # 2**w as a Decimal, each one computed once
        p = powers.get(w)
        if p is None:
            if w <= 512:
                p = D(2) ** w
            else:
                p = pow2(w >> 1) * pow2(w - (w >> 1))
            powers[w] = p
        return p

    def convert(m, w):  # m < 2**w
        if w <= 512:
            return D(m)
        h = w >> 1
        hi = m >> h
        return convert(hi, w - h) * pow2(h) + convert(m - (hi << h), h)

    with decimal.localcontext() as ctx:
        ctx.prec = decimal.MAX_PREC
        ctx.Emax = decimal.MAX_EMAX
        ctx.Emin = decimal.MIN_EMIN
        ctx.traps[decimal.Inexact] = True  # never rounds: fail loudly if it would
        return str(convert(n, n.bit_length()))


def str_to_int(s):
    """The int written in decimal digits in s (an optional sign first)."""
    s = s.strip()
    if len(s) <= _SMALL_DIGITS:
        return int(s)
    if s[0] in "+-":
        v = str_to_int(s[1:])
        return -v if s[0] == "-" else v
    if not s.isdigit() or not s.isascii():
        raise ValueError("not a decimal integer: %r..." % s[:20])
    powers = {}

    def pow5(k):  # 5**k, each one computed once
        p = powers.get(k)
        if p is None:
            p = 5 ** k if k <= _SMALL_DIGITS else pow5(k >> 1) * pow5(k - (k >> 1))
            powers[k] = p
        return p

    def convert(a, b):  # the digits s[a:b]
        if b - a <= _SMALL_DIGITS:
            return int(s[a:b])
        mid = (a + b + 1) >> 1
        k = b - mid
        return ((convert(a, mid) * pow5(k)) << k) + convert(mid, b)

    return convert(0, len(s))


def fraction(s):
    """An exact value written "N" or "N/D" as a Fraction (None for None)."""
    if s is None:
        return None
    num, _, den = s.partition("/")
    return Fraction(str_to_int(num), str_to_int(den) if den else 1)


def fraction_to_str(f):
    """"N" or "N/D" for a Fraction (or an int)."""
    f = Fraction(f)
    if f.denominator == 1:
        return int_to_str(f.numerator)
    return "%s/%s" % (int_to_str(f.numerator), int_to_str(f.denominator))
