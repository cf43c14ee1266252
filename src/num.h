/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* num.h -- exact rationals and exact intervals over GMP. */
#ifndef DS_NUM_H
#define DS_NUM_H

#include <gmp.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qpool.h"

/* A number is an interval [lo, hi] of exact rationals. A plain number has
 * lo == hi and range == false. Results of irrational operations are exact
 * rationals close to the true value, marked inexact, with a bound of how
 * far each bound may be from the true one: arithmetic carries the bound
 * along, so cancellation (sqrt(2) - 1.41421356237) shows in it. */
typedef struct {
  mpq_t lo, hi;
  bool range;   /* shown as a range ("between ... and ...") */
  bool inexact; /* went through sqrt, ln, exp, a fractional power, ... */
  long err[2];  /* inexact: lo ([0]) and hi ([1]) are within 2^err[i] of their true values */
} num;

#define NUM_ERR_NONE (LONG_MAX / 4)    /* err[i]: nothing is known of the true value */
#define NUM_ERR_TINY (-(LONG_MAX / 4)) /* err[i]: the bound is exact (0 times an inexact number) */

void num_init(num *n);
void num_clear(num *n);
/* Inline: a batch line copies a few numbers, most of one limb
 * (qpool_set copies those without GMP). */
static inline void num_set(num *dst, const num *src) {
  if (dst == src) return;
  qpool_set(dst->lo, src->lo);
  qpool_set(dst->hi, src->hi);
  dst->range = src->range;
  dst->inexact = src->inexact;
  dst->err[0] = src->err[0];
  dst->err[1] = src->err[1];
}
void num_set_si(num *n, long v);
void num_set_q(num *n, const mpq_t q);
/* Sets n to the range [a, b] (ordered), marking it a range. */
void num_set_range(num *n, const num *a, const num *b);

/* mpz_sizeinbase(z, 2), with no call for a one-limb z. */
static inline size_t num_zbits(mpz_srcptr z) {
#if GMP_NUMB_BITS == 64 && GMP_NAIL_BITS == 0 && ULONG_MAX == 0xffffffffffffffffu
  if (z->_mp_size == 1 || z->_mp_size == -1) return (size_t)(64 - __builtin_clzl(z->_mp_d[0]));
#endif
  return mpz_sizeinbase(z, 2);
}

/* Bits needed to hold a rational (numerator plus denominator). */
size_t num_qbits(mpq_srcptr q);
size_t num_bits(const num *n);

/* Arithmetic. Each returns DS_OK, DS_E_LIMIT when the result would pass
 * `maxbits`, or DS_E_DOMAIN (a divisor that is or contains zero). */
int num_add(num *r, const num *a, const num *b, size_t maxbits);
int num_sub(num *r, const num *a, const num *b, size_t maxbits);
int num_mul(num *r, const num *a, const num *b, size_t maxbits);
int num_div(num *r, const num *a, const num *b, size_t maxbits);
void num_neg(num *r, const num *a);
/* x = x ± d as a range: [x - |d|, x + |d|] with d's widest value, or with
 * `relative`, x ± d times |x| ("1,400 TB ± 5 %"). DS_OK or DS_E_LIMIT. */
int num_pm(num *x, const num *d, bool relative, size_t maxbits);
/* r = a^n for an integer n. */
int num_pow_si(num *r, const num *a, long n, size_t maxbits);
/* Whether num_pow_si(a, n) would be refused by the size limit at once. */
bool num_pow_too_big(const num *a, long n, size_t maxbits);
/* The work of num_pow_si(a, n), estimated before it runs. */
unsigned long long num_work_pow_si(const num *a, long n);

/* The size of z in 64-bit limbs, the unit of the work estimates (they were
 * calibrated per 64-bit limb). Where GMP's limbs have 32 bits (wasm32,
 * i386), mpz_size counts twice as many, and the work limit would stop
 * lines that a 64-bit build evaluates. */
static inline size_t num_limbs64(mpz_srcptr z) { return (mpz_size(z) * GMP_NUMB_BITS + 63) / 64; }

/* The size limit of helper arithmetic whose operands the line's own limits
 * have already bounded (a relative difference, a percentage): 2^40 bits,
 * or 2^30 where size_t has 32 bits (wasm32, i386): there 1 << 40 is an
 * undefined shift, and num_add's 2 * maxbits + 2 must not wrap. */
#define NUM_BITS_HELPER ((size_t)1 << (SIZE_MAX > 0xffffffffu ? 40 : 30))

/* The work of one arithmetic step on a and b (a product or quotient when
 * `product`), in steps of about a nanosecond on the development machine:
 * linear when one side is small or two integers are added, n log n for a
 * product of two large integers, n log^2 n when gcds of two large numbers
 * are needed (rationals). For DS_LIMIT_WORK. */
unsigned long long num_work(const num *a, const num *b, bool product);
/* The work of a power that gave r (about its last squaring). */
unsigned long long num_work_pow(const num *r);
/* Whether a + b, a * b or a / b would be refused by the size limit at
 * once: the work of a step that cannot happen is not charged. */
bool num_too_big(const num *a, const num *b, size_t maxbits);
/* The limbs GMP works on for n (both bounds of a range), and the bits of
 * a count of limbs l rounded up: the pieces of the work estimates. */
unsigned long long num_limbs(const num *n);
unsigned long long num_log2_ceil(unsigned long long l);

/* r = min(r, b) (or max), bound by bound, with the error of whichever
 * bound is taken (or both, when their errors overlap). */
void num_minmax(num *r, const num *b, bool max);
/* r = the point of bound i (0 lo, 1 hi) of a, with its error. */
void num_set_bound(num *r, const num *a, int i);
/* Relative accuracy of x in bits: each bound is within |bound| 2^-bits of
 * its true value (LONG_MAX when exact, negative or NUM_ERR_NONE-like when
 * the error may exceed the value). */
long num_acc_bits(const num *x);

/* The error bounds as the arithmetic carries them, for the functions of
 * real.c: exponents of 2 in doubles, -NUM_INF for "exact" and NUM_INF for
 * "no bound", each a few bits on the safe side. */
#define NUM_INF 1e300
/* The error exponent of bound i (0 lo, 1 hi) of a. */
double num_eb(const num *a, int i);
/* An exponent of 2^x + 2^y. */
double num_emax(double x, double y);
/* log2 |q| from above and from below (-NUM_INF for 0); log2 x from above
 * for a double x > 0. */
double num_lgq_hi(mpq_srcptr q);
double num_lgq_lo(mpq_srcptr q);
double num_lgd(double x);
/* Stores the error exponents of r's lo and hi, rounded up; r is exact
 * when it is not `inexact` or when both are -NUM_INF. */
void num_set_err2(num *r, bool inexact, double e0, double e1);
/* t = 2^ceil(e) for a finite e. */
void num_pow2q(mpq_t t, double e);
/* lo == hi: inline, with no call into GMP when both have one-limb parts
 * (asked several times a line). */
static inline bool num_is_point(const num *n) {
  const __mpq_struct *l = n->lo, *h = n->hi;
  int ls = l->_mp_num._mp_size;
  if (ls >= -1 && ls <= 1 && l->_mp_den._mp_size == 1) {
    return ls == h->_mp_num._mp_size && h->_mp_den._mp_size == 1 && l->_mp_den._mp_d[0] == h->_mp_den._mp_d[0] &&
           (ls == 0 || l->_mp_num._mp_d[0] == h->_mp_num._mp_d[0]);
  }
  return mpq_equal(n->lo, n->hi);
}
bool num_is_zero(const num *n);
bool num_contains_zero(const num *n);
bool num_is_integer(const num *n);
/* -1, 0 or 1 when the whole interval is negative, zero, positive; 2 when it
 * straddles zero. */
int num_sign(const num *n);

/* Decimal text of an integer or a rational ("-7/3"), in memory from malloc:
 * free() it. (mpz_get_str(NULL, ...) uses GMP's allocator, which a program
 * may have replaced.) NULL when memory runs out. */
char *num_zstr(mpz_srcptr z);
char *num_qstr(mpq_srcptr q);

/* An integer exponent z as a long: false when |z| is 2^63 or more. Where a
 * long has 32 bits and z does not fit one, *k is the long of z's sign and
 * parity farthest from 0: a power to such an exponent only depends on them
 * (a base of 0 or +-1) or is far past every size limit, so answers are the
 * same whatever the width of long. */
bool num_exponent(mpz_srcptr z, long *k);
/* Parses a decimal literal: `digits` holds only [0-9] and at most one '.',
 * scaled by 10^exp10. DS_E_LIMIT when it would pass maxbits. */
int num_from_decimal(mpq_t out, const char *digits, size_t len, long exp10, size_t maxbits);
/* A whole number of at most 19 plain digits as written ("15614": most
 * literals), read straight from the text: true and `out` set when s is
 * one and num_from_decimal would take it, else false and `out` as it was. */
bool num_from_whole(mpq_t out, const char *s, size_t len, size_t maxbits);

/* The work of num_from_decimal with the same arguments (0 when it would be
 * refused at once, or is read in native integers). */
unsigned long long num_work_decimal(const char *digits, size_t len, long exp10, size_t maxbits);

/* Integer rounding of each bound: mode 'r' (half away from zero), 'f', 'c'. */
void num_round(num *r, const num *a, int mode);
/* out = q rounded to an integer by mode, as num_round. */
void num_qround(mpq_t out, const mpq_t q, int mode);
/* The work of comparing the bounds of a and b (mpq_cmp). */
unsigned long long num_work_cmp(const num *a, const num *b);
/* The work of num_round(a). */
unsigned long long num_work_round(const num *a);
void num_abs(num *r, const num *a);

#endif
