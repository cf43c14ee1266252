/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * qmul.c -- products and quotients of small rationals in native integers.
 *
 * Unit arithmetic multiplies and divides rationals whose parts fit in one
 * or two 64-bit limbs (1,400 TB is 1,400 * 10^12 bytes; 78,779 PiB is 67
 * bits): cross-cancelling by gcds of native integers, then 128-bit
 * products, gives the result already in lowest terms, with no call into
 * GMP. Needs a compiler with 128-bit integers and 64-bit GMP limbs;
 * elsewhere qmul_small answers false and the caller asks GMP, as it does
 * for larger parts.
 */
#include "qmul.h"

#include <stdint.h>

#if defined(__SIZEOF_INT128__) && GMP_NUMB_BITS == 64 && GMP_NAIL_BITS == 0
__extension__ typedef unsigned __int128 qmul_u128;

/* The gcd of two nonzero numbers: the twos they share, then a binary gcd
 * of their odd parts, with no loop when one of those is 1 (a whole
 * number's denominator, a power of two: most unit arithmetic). */
static uint64_t qmul_gcd64(uint64_t a, uint64_t b) {
  int za = __builtin_ctzll(a), zb = __builtin_ctzll(b), shift = za < zb ? za : zb;
  a >>= za;
  b >>= zb;
  if (a == 1 || b == 1) return (uint64_t)1 << shift;
  while (a != b) { /* both odd: their difference is even, and not zero */
    uint64_t d = a > b ? a - b : b - a;
    a = a < b ? a : b;
    b = d >> __builtin_ctzll(d);
  }
  return a << shift;
}

static int qmul_ctz128(qmul_u128 a) {
  uint64_t lo = (uint64_t)a;
  return lo ? __builtin_ctzll(lo) : 64 + __builtin_ctzll((uint64_t)(a >> 64));
}

/* The gcd of a nonzero a of up to 128 bits and a nonzero b of up to 64:
 * one remainder brings a below 64 bits. */
static uint64_t qmul_gcd_wide(qmul_u128 a, uint64_t b) {
  int za = qmul_ctz128(a), zb = __builtin_ctzll(b), shift = za < zb ? za : zb;
  a >>= za;
  b >>= zb;
  if (b == 1 || a == 1) return (uint64_t)1 << shift;
  uint64_t r = a >> 64 ? (uint64_t)(a % b) : (uint64_t)a;
  return (r ? qmul_gcd64(r, b) : b) << shift;
}

/* The magnitude of z, of one or two limbs. */
static qmul_u128 qmul_get(mpz_srcptr z) {
  qmul_u128 lo = z->_mp_d[0];
  return z->_mp_size == 2 || z->_mp_size == -2 ? (qmul_u128)z->_mp_d[1] << 64 | lo : lo;
}

/* x / g, which is exact: a shift for a power of two, a 64-bit division
 * when x fits, else the 128-bit one. */
static qmul_u128 qmul_div_exact(qmul_u128 x, uint64_t g) {
  if (!(g & (g - 1))) return x >> __builtin_ctzll(g);
  return x >> 64 ? x / g : (uint64_t)x / g;
}

static int qmul_bits(qmul_u128 v) {
  uint64_t hi = (uint64_t)(v >> 64);
  return hi ? 128 - __builtin_clzll(hi) : 64 - __builtin_clzll((uint64_t)v | 1);
}

static void qmul_set(mpz_ptr z, qmul_u128 v, bool neg) {
  int n = v >> 64 ? 2 : 1;
  mp_limb_t *l = z->_mp_alloc >= n ? z->_mp_d : mpz_limbs_write(z, n);
  l[0] = (mp_limb_t)v;
  if (n == 2) l[1] = (mp_limb_t)(v >> 64);
  z->_mp_size = neg ? -n : n;
}

/* qmul_small's case of a part of two limbs (78,779 PiB is 67 bits):
 * the same in 128-bit numbers, when each gcd has a side within 64 bits
 * and the products fit. */
static __attribute__((noinline)) bool qmul_wide(mpq_ptr r, mpq_srcptr a, mpq_srcptr b, bool div, bool neg) {
  qmul_u128 x = qmul_get(mpq_numref(a)), y = qmul_get(mpq_denref(a));
  qmul_u128 u = qmul_get(mpq_numref(b)), v = qmul_get(mpq_denref(b));
  if (div) {
    qmul_u128 t = u;
    u = v;
    v = t;
  }
  uint64_t g1, g2;
  if (!(v >> 64)) g1 = qmul_gcd_wide(x, (uint64_t)v);
  else if (!(x >> 64)) g1 = qmul_gcd_wide(v, (uint64_t)x);
  else return false;
  if (!(y >> 64)) g2 = qmul_gcd_wide(u, (uint64_t)y);
  else if (!(u >> 64)) g2 = qmul_gcd_wide(y, (uint64_t)u);
  else return false;
  if (g1 != 1) x = qmul_div_exact(x, g1), v = qmul_div_exact(v, g1);
  if (g2 != 1) u = qmul_div_exact(u, g2), y = qmul_div_exact(y, g2);
  if (qmul_bits(x) + qmul_bits(u) > 128 || qmul_bits(y) + qmul_bits(v) > 128) return false;
  qmul_set(mpq_numref(r), x * u, neg);
  qmul_set(mpq_denref(r), y * v, false);
  return true;
}

/* r = a * b, or a / b, when every part of a and b fits in two limbs (most
 * unit arithmetic): cross-cancel, then two products, already in lowest
 * terms. False when out of reach or a zero is involved (GMP then does
 * it); r is written only on success, and may be a or b. */
bool qmul_small(mpq_ptr r, mpq_srcptr a, mpq_srcptr b, bool div) {
  size_t sx = mpz_size(mpq_numref(a)), sy = mpz_size(mpq_denref(a));
  size_t su = mpz_size(mpq_numref(b)), sv = mpz_size(mpq_denref(b));
  bool neg = (mpq_sgn(a) < 0) != (mpq_sgn(b) < 0);
  if (sx - 1 > 1 || sy - 1 > 1 || su - 1 > 1 || sv - 1 > 1) return false; /* a zero, or past two limbs */
  if (sx + sy + su + sv != 4) return qmul_wide(r, a, b, div, neg);
  uint64_t x = mpz_getlimbn(mpq_numref(a), 0), y = mpz_getlimbn(mpq_denref(a), 0);
  uint64_t u = mpz_getlimbn(mpq_numref(b), 0), v = mpz_getlimbn(mpq_denref(b), 0);
  if (div) {
    uint64_t t = u;
    u = v;
    v = t;
  }
  uint64_t g1 = x == 1 || v == 1 ? 1 : qmul_gcd64(x, v), g2 = u == 1 || y == 1 ? 1 : qmul_gcd64(u, y);
  if (g1 != 1) x = (uint64_t)qmul_div_exact(x, g1), v = (uint64_t)qmul_div_exact(v, g1);
  if (g2 != 1) u = (uint64_t)qmul_div_exact(u, g2), y = (uint64_t)qmul_div_exact(y, g2);
  qmul_set(mpq_numref(r), (qmul_u128)x * u, neg);
  qmul_set(mpq_denref(r), (qmul_u128)y * v, false);
  return true;
}
#else
bool qmul_small(mpq_ptr r, mpq_srcptr a, mpq_srcptr b, bool div) {
  (void)r, (void)a, (void)b, (void)div;
  return false;
}
#endif
