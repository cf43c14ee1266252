/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * dec.c -- decimal digits of small rationals in native integers.
 *
 * |x| = p/q with p < 2^128 and q < 2^64 (two limbs over one): the integer
 * part comes from one 128-bit division, each further digit from the
 * remainder times ten. Needs a compiler with 128-bit integers and 64-bit
 * GMP limbs; elsewhere every function answers false and the caller takes
 * the GMP path.
 */
#include "dec.h"

#include <stdint.h>
#include <string.h>

#include "num.h"

#if defined(__SIZEOF_INT128__) && GMP_NUMB_BITS == 64 && GMP_NAIL_BITS == 0
#define DEC_NATIVE 1
__extension__ typedef unsigned __int128 dec_u128;

/* |z| when it fits in 128 bits. */
static bool dec_z128(mpz_srcptr z, dec_u128 *v) {
  size_t n = mpz_size(z);
  if (n > 2) return false;
  *v = n > 1 ? (dec_u128)mpz_getlimbn(z, 1) << 64 : 0;
  if (n) *v |= mpz_getlimbn(z, 0);
  return true;
}

/* The digits of v, most significant first; returns how many. They are
 * made from the last, at the end of a buffer, then copied once. */
static size_t dec_digits(dec_u128 v, char *out) {
  char t[DEC_DIGITS_MAX + 1];
  char *p = t + sizeof t;
  while (v > UINT64_MAX) { /* the slow 128-bit division only above 2^64 */
    *--p = (char)('0' + (int)(v % 10));
    v /= 10;
  }
  /* two digits a division below 2^64 */
  static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                              "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                              "8081828384858687888990919293949596979899";
  uint64_t w = (uint64_t)v;
  while (w >= 100) {
    size_t k = (size_t)(w % 100) * 2;
    w /= 100;
    p -= 2;
    memcpy(p, pairs + k, 2);
  }
  if (w >= 10) {
    p -= 2;
    memcpy(p, pairs + w * 2, 2);
  } else {
    *--p = (char)('0' + (int)w);
  }
  size_t n = (size_t)(t + sizeof t - p);
  memcpy(out, p, n);
  out[n] = 0;
  return n;
}

/* The next digit of r/q (r < q): r becomes the new remainder. */
static int dec_next(uint64_t *r, uint64_t q) {
  if (*r <= UINT64_MAX / 10) {
    uint64_t t = *r * 10;
    *r = t % q;
    return (int)(t / q);
  }
  dec_u128 t = (dec_u128)*r * 10;
  *r = (uint64_t)(t % q);
  return (int)(t / q);
}
#else
#define DEC_NATIVE 0
#endif

int dec_terminates(mpz_srcptr den, size_t *frac) {
  if (num_zbits(den) > 64) return -1;
  uint64_t q = mpz_getlimbn(den, 0);
#if GMP_NUMB_BITS < 64 /* 32-bit limbs: den may have two */
  for (size_t i = 1; i < mpz_size(den); i++) q |= (uint64_t)mpz_getlimbn(den, (mp_size_t)i) << (i * GMP_NUMB_BITS);
#endif
  size_t twos = 0, fives = 0;
#if DEC_NATIVE
  twos = (size_t)__builtin_ctzll(q); /* 2^40 for TiB: no loop of 40 */
  q >>= twos;
#endif
  while (!(q & 1)) q >>= 1, twos++;
  while (q % 5 == 0) q /= 5, fives++;
  if (q != 1) return 0;
  *frac = twos > fives ? twos : fives;
  return 1;
}

size_t dec_scaled(const mpq_t x, size_t frac, char *out) {
#if DEC_NATIVE
  dec_u128 p, m = 1, v;
  if (frac > 19 || mpz_size(mpq_denref(x)) != 1 || !dec_z128(mpq_numref(x), &p)) return 0;
  for (size_t i = 0; i < frac; i++) m *= 10;
  m /= mpz_getlimbn(mpq_denref(x), 0); /* exact: the caller knows x * 10^frac is whole */
  if (__builtin_mul_overflow(p, m, &v)) return 0;
  return dec_digits(v, out);
#else
  (void)x, (void)frac, (void)out;
  return 0;
#endif
}

size_t dec_whole(mpz_srcptr z, char *out) {
#if DEC_NATIVE
  dec_u128 v;
  return dec_z128(z, &v) ? dec_digits(v, out) : 0;
#else
  (void)z, (void)out;
  return 0;
#endif
}

bool dec_round(const mpq_t x, int digits, unsigned long long *mant, long *e, bool *exact) {
#if DEC_NATIVE
  dec_u128 p;
  if (digits < 1 || digits > 18 || mpz_size(mpq_denref(x)) != 1 || !dec_z128(mpq_numref(x), &p) || !p) return false;
  uint64_t q = mpz_getlimbn(mpq_denref(x), 0), r = (uint64_t)(p % q);
  dec_u128 ip = p / q;
  char d[DEC_DIGITS_MAX + 1];
  size_t nd = 0, want = (size_t)digits + 1;
  bool rest = false; /* a nonzero digit after the `want` kept */
  long ex = -1;
  if (ip) {
    char id[DEC_DIGITS_MAX + 1];
    size_t ni = dec_digits(ip, id);
    ex = (long)ni - 1;
    for (size_t i = 0; i < ni; i++) {
      if (nd < want) d[nd++] = id[i];
      else if (id[i] != '0') rest = true;
    }
  }
  while (nd < want) {
    int dig = dec_next(&r, q);
    if (!nd && !dig) { /* a leading zero after the point */
      ex--;
      continue;
    }
    d[nd++] = (char)('0' + dig);
  }
  if (r) rest = true;
  unsigned long long m = 0, top = 1;
  for (int i = 0; i < digits; i++) m = m * 10 + (unsigned long long)(d[i] - '0'), top *= 10;
  *exact = d[digits] == '0' && !rest;
  if (d[digits] >= '5') m++; /* half up, on the exact value */
  if (m >= top) {            /* 9.9999 rounded up to 10.000 */
    m /= 10;
    ex++;
  }
  *mant = m;
  *e = ex;
  return true;
#else
  (void)x, (void)digits, (void)mant, (void)e, (void)exact;
  return false;
#endif
}
