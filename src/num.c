/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * num.c -- exact rationals and exact intervals.
 *
 * Every number is an interval of GMP rationals; a plain number is the
 * degenerate interval. Interval arithmetic here gives true bounds (the
 * extremes of the endpoint products), not a variance. GMP aborts the process
 * when it cannot allocate and raises SIGFPE on a zero divisor, so every
 * operation that can grow a number estimates the size first, and every
 * divisor is checked before GMP sees it. Irrational functions are in
 * real.c.
 */
#include "num.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

#include "datascale.h"
#include "qmul.h"
#include "qpool.h"

void num_init(num *n) {
  qpool_init(n->lo);
  qpool_init(n->hi);
  n->range = false;
  n->inexact = false;
  n->err[0] = n->err[1] = NUM_ERR_TINY;
}

void num_clear(num *n) {
  qpool_clear(n->lo);
  qpool_clear(n->hi);
}

void num_set_si(num *n, long v) {
  mpq_set_si(n->lo, v, 1);
  mpq_set_si(n->hi, v, 1);
  n->range = false;
  n->inexact = false;
}

void num_set_q(num *n, const mpq_t q) {
  qpool_set(n->lo, q);
  qpool_set(n->hi, q);
  n->range = false;
  n->inexact = false;
}

void num_set_range(num *n, const num *a, const num *b) {
  num t;
  num_init(&t);
  num_set(&t, a);
  num_minmax(&t, b, false);
  mpq_set(n->lo, t.lo);
  bool ie = t.inexact;
  long e0 = t.err[0];
  num_set(&t, a);
  num_minmax(&t, b, true);
  mpq_set(n->hi, t.hi);
  n->range = true;
  n->inexact = ie || t.inexact;
  n->err[0] = e0;
  n->err[1] = t.err[1];
  num_clear(&t);
}

size_t num_qbits(mpq_srcptr q) { return num_zbits(mpq_numref(q)) + num_zbits(mpq_denref(q)); }

size_t num_bits(const num *n) {
  size_t a = num_qbits(n->lo), b = num_qbits(n->hi);
  return a > b ? a : b;
}

/* ---- error bounds of inexact numbers ------------------------------------
 *
 * Each bound of an inexact number is within 2^err[i] of its true value.
 * The bounds are carried through arithmetic in doubles of log2 (a few
 * bits on the safe side at each step): a sum adds the errors, a product
 * scales them by the other factor, a function by its condition number.
 * -inf stands for "exact", +inf for "no bound". A bound of a range has an
 * error of its own, so [0, ln 3] keeps an exact 0. */

/* An upper and a lower bound of log2 |z| for z != 0 (num_log2_high and
 * num_log2_low further down, for mpz). */
static double num_log2_low(mpz_srcptr z);
static double num_log2_high(mpz_srcptr z);

/* log2 |q| from above and from below; -NUM_INF for 0. */
double num_lgq_hi(mpq_srcptr q) {
  return mpq_sgn(q) ? num_log2_high(mpq_numref(q)) - num_log2_low(mpq_denref(q)) + 1e-9 : -NUM_INF;
}
double num_lgq_lo(mpq_srcptr q) {
  return mpq_sgn(q) ? num_log2_low(mpq_numref(q)) - num_log2_high(mpq_denref(q)) - 1e-9 : -NUM_INF;
}

static mpq_srcptr num_bound(const num *a, int i) { return i ? a->hi : a->lo; }

/* An upper bound of log2 x for a double x > 0 (no libm). */
double num_lgd(double x) {
  int k = 0;
  while (x >= 2) x /= 2, k++;
  while (x < 1) x *= 2, k--;
  return k + (x - 1) * 1.4426950408889634;
}

/* The error exponent of bound i of a as a double: -inf when exact. */
double num_eb(const num *a, int i) {
  if (!a->inexact || a->err[i] <= NUM_ERR_TINY) return -NUM_INF;
  return a->err[i] >= NUM_ERR_NONE ? NUM_INF : (double)a->err[i];
}

/* 2^x + 2^y <= 2^(max + 1); one term alone needs no margin. */
double num_emax(double x, double y) {
  if (x <= -NUM_INF) return y;
  if (y <= -NUM_INF) return x;
  return (x > y ? x : y) + 1;
}

static long num_err_long(double e) {
  if (e <= -1e15) return NUM_ERR_TINY;
  if (e >= 1e15 || e != e) return NUM_ERR_NONE;
  long l = (long)e;
  return (double)l < e ? l + 1 : l;
}

/* Stores the error exponents of lo and hi (doubles, -inf: exact) on r. */
void num_set_err2(num *r, bool inexact, double e0, double e1) {
  if (e0 <= -1e15 && e1 <= -1e15) inexact = false; /* both bounds are exact after all (0 times sqrt(2)) */
  r->inexact = inexact;
  r->err[0] = inexact ? num_err_long(e0) : NUM_ERR_TINY;
  r->err[1] = inexact ? num_err_long(e1) : NUM_ERR_TINY;
}

static void num_set_err(num *r, bool inexact, double e) { num_set_err2(r, inexact, e, e); }

/* t = 2^ceil(e) for a finite e. */
void num_pow2q(mpq_t t, double e) {
  long k = num_err_long(e);
  mpq_set_ui(t, 1, 1);
  if (k >= 0) mpz_mul_2exp(mpq_numref(t), mpq_numref(t), (mp_bitcnt_t)k);
  else mpz_mul_2exp(mpq_denref(t), mpq_denref(t), (mp_bitcnt_t)-k);
}

/* The error of the 0 that a range straddling zero gives |x| or x^2 as its
 * lower bound: none when the true range surely straddles zero too (each
 * end is farther from 0 than its error), else the larger error. */
static double num_err_zero(const num *a) {
  double e0 = num_eb(a, 0), e1 = num_eb(a, 1);
  if (e0 <= -NUM_INF && e1 <= -NUM_INF) return -NUM_INF;
  if (e0 >= NUM_INF || e1 >= NUM_INF) return NUM_INF;
  mpq_t d;
  mpq_init(d);
  bool sure = true;
  for (int i = 0; i < 2 && sure; i++) {
    double e = i ? e1 : e0;
    if (e <= -NUM_INF) continue;
    num_pow2q(d, e);
    mpq_t t;
    mpq_init(t);
    mpq_abs(t, num_bound(a, i));
    sure = mpq_cmp(t, d) > 0;
    mpq_clear(t);
  }
  mpq_clear(d);
  return sure ? -NUM_INF : e0 > e1 ? e0 : e1;
}

/* The error of min(c, o) (max when `max`) when c was taken: c's own,
 * unless o's interval reaches c's (then the larger of the two). */
static double num_pick(mpq_srcptr c, double ec, mpq_srcptr o, double eo, bool max) {
  if (ec <= -NUM_INF && eo <= -NUM_INF) return -NUM_INF;
  if (ec >= NUM_INF || eo >= NUM_INF) return NUM_INF;
  mpq_t t, u, d;
  mpq_inits(t, u, d, NULL);
  mpq_set(t, c);
  mpq_set(u, o);
  if (ec > -NUM_INF) {
    num_pow2q(d, ec);
    if (max) mpq_sub(t, t, d);
    else mpq_add(t, t, d);
  }
  if (eo > -NUM_INF) {
    num_pow2q(d, eo);
    if (max) mpq_add(u, u, d);
    else mpq_sub(u, u, d);
  }
  int c2 = mpq_cmp(t, u);
  mpq_clears(t, u, d, NULL);
  bool apart = max ? c2 > 0 : c2 < 0;
  return apart ? ec : ec > eo ? ec : eo;
}

void num_set_bound(num *r, const num *a, int i) {
  mpq_srcptr q = num_bound(a, i);
  long e = a->err[i];
  bool ie = a->inexact;
  if (r->lo != q) mpq_set(r->lo, q);
  qpool_set(r->hi, r->lo);
  r->range = false;
  r->inexact = ie;
  r->err[0] = r->err[1] = e;
}

void num_minmax(num *r, const num *b, bool max) {
  bool ie = r->inexact || b->inexact;
  double e[2];
  for (int i = 0; i < 2; i++) {
    mpq_srcptr x = num_bound(r, i), y = num_bound(b, i);
    int c = mpq_cmp(y, x);
    bool take = max ? c > 0 : c < 0;
    e[i] = take ? num_pick(y, num_eb(b, i), x, num_eb(r, i), max) : num_pick(x, num_eb(r, i), y, num_eb(b, i), max);
    if (take) mpq_set(i ? r->hi : r->lo, y);
  }
  r->range = r->range || b->range;
  num_set_err2(r, ie, e[0], e[1]);
}

long num_acc_bits(const num *x) {
  if (!x->inexact) return LONG_MAX;
  double m = NUM_INF;
  for (int i = 0; i < 2; i++) {
    double e = num_eb(x, i);
    if (e <= -NUM_INF) continue;
    double l = num_lgq_lo(num_bound(x, i));
    if (e >= NUM_INF || l <= -1e15) return -NUM_ERR_NONE;
    if (l - e < m) m = l - e;
  }
  return m >= 1e15 ? LONG_MAX : m < -1e15 ? -NUM_ERR_NONE : (long)m - 1;
}

/* The error of bound i of a times bound j of b: |a| Eb + |b| Ea + Ea Eb. */
static double num_err_mul1(const num *a, int i, const num *b, int j) {
  double ea = num_eb(a, i), eb = num_eb(b, j), la = num_lgq_hi(num_bound(a, i)), lb = num_lgq_hi(num_bound(b, j));
  if (ea <= -NUM_INF && eb <= -NUM_INF) return -NUM_INF;
  if (ea >= NUM_INF || eb >= NUM_INF) return NUM_INF;
  if (ea <= -NUM_INF) return eb + la;
  if (eb <= -NUM_INF) return ea + lb;
  double x = la + eb, y = lb + ea, z = ea + eb;
  double m = x > y ? x : y;
  return (m > z ? m : z) + 2;
}

/* The error of a / b for two points: Ea / |b| + |a| Eb / |b|^2, with b's
 * error at most a quarter of b (else no bound). */
static double num_err_div(const num *a, const num *b) {
  double ea = num_eb(a, 0), eb = num_eb(b, 0), lb = num_lgq_lo(b->lo);
  if (ea <= -NUM_INF && eb <= -NUM_INF) return -NUM_INF;
  if (ea >= NUM_INF || eb >= NUM_INF) return NUM_INF;
  if (eb <= -NUM_INF) return ea - lb;
  if (eb - lb > -2) return NUM_INF;
  double y = num_lgq_hi(a->lo) + eb - 2 * lb + 1;
  return ea <= -NUM_INF ? y + 1 : num_emax(ea - lb, y) + 1;
}

/* The error of 1 / (bound j of b): Eb / |b|^2, with a bit for |b'| >= |b| / 2. */
static double num_err_inv1(const num *b, int j) {
  double eb = num_eb(b, j), lb = num_lgq_lo(num_bound(b, j));
  if (eb <= -NUM_INF) return -NUM_INF;
  if (eb >= NUM_INF || eb - lb > -2) return NUM_INF;
  return eb - 2 * lb + 1;
}

/* Limbs GMP works on for n: a plain number's hi is a copy of lo, not a
 * second operand (a range that has shrunk to a point counts twice: an
 * overestimate, which is the safe side). */
unsigned long long num_limbs(const num *n) {
  unsigned long long l = num_limbs64(mpq_numref(n->lo)) + num_limbs64(mpq_denref(n->lo));
  return n->range ? l + num_limbs64(mpq_numref(n->hi)) + num_limbs64(mpq_denref(n->hi)) : l;
}

unsigned long long num_log2_ceil(unsigned long long l) {
  if (l < 2) return 1;
  unsigned long long lg = 64 - (unsigned long long)__builtin_clzll(l); /* the least lg with 2^lg > l */
  return lg < 63 ? lg : 63;
}

static bool num_whole(const num *n) {
  return mpz_cmp_ui(mpq_denref(n->lo), 1) == 0 && mpz_cmp_ui(mpq_denref(n->hi), 1) == 0;
}

/* Calibrated with GMP 6.2 on the development machine: per 64-bit limb, an
 * addition costs about 0.5 ns, a product by a small number 3 ns, a product
 * of two large numbers 20 ns times log2 of the size, and a gcd of two large
 * numbers (rational arithmetic) 30 ns times its square. */
unsigned long long num_work(const num *a, const num *b, bool product) {
  unsigned long long la = num_limbs(a), lb = num_limbs(b), l = la + lb;
  if (la <= 4 || lb <= 4) return 100 + 3 * l;
  unsigned long long lg = num_log2_ceil(l);
  if (num_whole(a) && num_whole(b)) return 100 + (product ? 20 * l * lg : l);
  return 100 + 30 * l * lg * lg;
}
bool num_is_zero(const num *n) { return mpq_sgn(n->lo) == 0 && mpq_sgn(n->hi) == 0; }
bool num_contains_zero(const num *n) { return mpq_sgn(n->lo) <= 0 && mpq_sgn(n->hi) >= 0; }

bool num_is_integer(const num *n) { return num_is_point(n) && mpz_cmp_ui(mpq_denref(n->lo), 1) == 0; }

int num_sign(const num *n) {
  int l = mpq_sgn(n->lo), h = mpq_sgn(n->hi);
  if (l == h) return l;
  if (l == 0) return h;
  if (h == 0) return l;
  return 2;
}

static void num_flags(num *r, const num *a, const num *b) {
  r->range = a->range || b->range;
  r->inexact = a->inexact || b->inexact;
}

/* An upper bound of num_bits from the limbs allocated alone (at least
 * those in use, and no sign to strip; no scan of the top limb): the size
 * checks below ask for the exact count only near the limit. */
static size_t num_bits_bound(const num *n) {
  size_t a = (size_t)mpq_numref(n->lo)->_mp_alloc + (size_t)mpq_denref(n->lo)->_mp_alloc;
  size_t b = (size_t)mpq_numref(n->hi)->_mp_alloc + (size_t)mpq_denref(n->hi)->_mp_alloc;
  return (a > b ? a : b) * (size_t)GMP_NUMB_BITS;
}

/* The result of combining a and b can hold at most this many bits. */
static size_t num_est(const num *a, const num *b) { return num_bits(a) + num_bits(b) + 2; }

/* num_est(a, b) > limit, exactly, without counting bits far below it. */
static bool num_est_over(const num *a, const num *b, size_t limit) {
  return num_bits_bound(a) + num_bits_bound(b) + 2 > limit && num_est(a, b) > limit;
}

unsigned long long num_work_pow(const num *r) {
  unsigned long long l = num_limbs(r);
  return 100 + 20 * l * num_log2_ceil(l);
}

/* The work of a product of x and y limbs (num_work's model). */
static unsigned long long num_work_mul(unsigned long long x, unsigned long long y) {
  unsigned long long l = x + y;
  return x <= 4 || y <= 4 ? 3 * l : 20 * l * num_log2_ceil(l);
}

unsigned long long num_work_cmp(const num *a, const num *b) {
  /* mpq_cmp multiplies each numerator by the other denominator; both
   * bounds are compared. */
  unsigned long long w = 100;
  for (int i = 0; i < 2; i++) {
    mpq_srcptr p = i ? a->hi : a->lo, q = i ? b->hi : b->lo;
    w += num_work_mul(num_limbs64(mpq_numref(p)), num_limbs64(mpq_denref(q))) +
         num_work_mul(num_limbs64(mpq_numref(q)), num_limbs64(mpq_denref(p)));
  }
  return w;
}

unsigned long long num_work_round(const num *a) {
  unsigned long long w = 0;
  for (int i = 0; i < (a->range ? 2 : 1); i++) {
    mpq_srcptr q = i ? a->hi : a->lo;
    unsigned long long ln = num_limbs64(mpq_numref(q)), ld = num_limbs64(mpq_denref(q)), l = ln + ld;
    /* a quotient of the numerator by the denominator: linear by a small
     * one, else about a product */
    w += ld <= 1 ? 100 + 3 * l : 100 + 20 * l * num_log2_ceil(l);
  }
  return w;
}

bool num_too_big(const num *a, const num *b, size_t maxbits) { return num_est_over(a, b, 2 * maxbits + 2); }

static int num_check(const num *r, size_t maxbits) {
  return num_bits_bound(r) > maxbits && num_bits(r) > maxbits ? DS_E_LIMIT : DS_OK;
}

static void num_qmul(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) {
  if (!qmul_small(r, a, b, false)) mpq_mul(r, a, b);
}

static void num_qdiv(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) {
  if (!qmul_small(r, a, b, true)) mpq_div(r, a, b);
}

/* r = a op b for two plain numbers, with no temporaries (the common case). */
static int num_point_op(num *r, const num *a, const num *b, void (*op)(mpq_ptr, mpq_srcptr, mpq_srcptr), size_t maxbits,
                        double e) {
  bool rg = a->range || b->range, ie = a->inexact || b->inexact;
  op(r->lo, a->lo, b->lo);
  qpool_set(r->hi, r->lo);
  r->range = rg;
  num_set_err(r, ie, e);
  return num_check(r, maxbits);
}

int num_add(num *r, const num *a, const num *b, size_t maxbits) {
  if (num_est_over(a, b, 2 * maxbits + 2)) return DS_E_LIMIT;
  bool ra = a->range || b->range, ia = a->inexact || b->inexact;
  double e0 = num_emax(num_eb(a, 0), num_eb(b, 0)), e1 = num_emax(num_eb(a, 1), num_eb(b, 1));
  mpq_add(r->lo, a->lo, b->lo);
  mpq_add(r->hi, a->hi, b->hi);
  r->range = ra;
  num_set_err2(r, ia, e0, e1);
  return num_check(r, maxbits);
}

int num_sub(num *r, const num *a, const num *b, size_t maxbits) {
  if (num_est_over(a, b, 2 * maxbits + 2)) return DS_E_LIMIT;
  double e0 = num_emax(num_eb(a, 0), num_eb(b, 1)), e1 = num_emax(num_eb(a, 1), num_eb(b, 0));
  if (num_is_point(a) && num_is_point(b)) return num_point_op(r, a, b, mpq_sub, maxbits, e0);
  num t;
  num_init(&t);
  mpq_sub(t.lo, a->lo, b->hi);
  mpq_sub(t.hi, a->hi, b->lo);
  num_flags(&t, a, b);
  num_set_err2(&t, t.inexact, e0, e1);
  num_set(r, &t);
  num_clear(&t);
  return num_check(r, maxbits);
}

int num_mul(num *r, const num *a, const num *b, size_t maxbits) {
  if (num_est_over(a, b, 2 * maxbits + 2)) return DS_E_LIMIT;
  bool ie = a->inexact || b->inexact;
  if (num_is_point(a) && num_is_point(b))
    return num_point_op(r, a, b, num_qmul, maxbits, ie ? num_err_mul1(a, 0, b, 0) : -NUM_INF);
  num t;
  num_init(&t);
  double e0 = -NUM_INF, e1 = -NUM_INF;
  {
    mpq_t p[4];
    double e[4];
    for (int i = 0; i < 4; i++) {
      mpq_init(p[i]);
      mpq_mul(p[i], num_bound(a, i / 2), num_bound(b, i % 2));
      e[i] = ie ? num_err_mul1(a, i / 2, b, i % 2) : -NUM_INF;
    }
    int lo = 0, hi = 0;
    for (int i = 1; i < 4; i++) {
      if (mpq_cmp(p[i], p[lo]) < 0) lo = i;
      if (mpq_cmp(p[i], p[hi]) > 0) hi = i;
    }
    /* the extremes' errors, and those of products that may reach them */
    e0 = e[lo], e1 = e[hi];
    for (int i = 0; ie && i < 4; i++) {
      if (i != lo) e0 = num_pick(p[lo], e0, p[i], e[i], false);
      if (i != hi) e1 = num_pick(p[hi], e1, p[i], e[i], true);
    }
    mpq_set(t.lo, p[lo]);
    mpq_set(t.hi, p[hi]);
    for (int i = 0; i < 4; i++) mpq_clear(p[i]);
  }
  num_flags(&t, a, b);
  num_set_err2(&t, t.inexact, e0, e1);
  num_set(r, &t);
  num_clear(&t);
  return num_check(r, maxbits);
}

int num_div(num *r, const num *a, const num *b, size_t maxbits) {
  if (num_contains_zero(b)) return DS_E_DOMAIN;
  if (num_is_point(a) && num_is_point(b)) {
    if (num_est_over(a, b, 2 * maxbits + 2)) return DS_E_LIMIT;
    return num_point_op(r, a, b, num_qdiv, maxbits, a->inexact || b->inexact ? num_err_div(a, b) : -NUM_INF);
  }
  num inv;
  num_init(&inv);
  /* 1/[c,d] = [1/d, 1/c] when the interval does not contain zero. */
  mpq_inv(inv.lo, b->hi);
  mpq_inv(inv.hi, b->lo);
  inv.range = b->range;
  num_set_err2(&inv, b->inexact, num_err_inv1(b, 1), num_err_inv1(b, 0));
  int st = num_mul(r, a, &inv, maxbits);
  num_clear(&inv);
  return st;
}

void num_neg(num *r, const num *a) {
  if (num_is_point(a)) {
    mpq_neg(r->lo, a->lo);
    qpool_set(r->hi, r->lo);
    r->range = a->range;
    r->inexact = a->inexact;
    r->err[0] = r->err[1] = a->err[0];
    return;
  }
  num t;
  num_init(&t);
  mpq_neg(t.lo, a->hi);
  mpq_neg(t.hi, a->lo);
  t.range = a->range;
  t.inexact = a->inexact;
  t.err[0] = a->err[1];
  t.err[1] = a->err[0];
  num_set(r, &t);
  num_clear(&t);
}

/* A lower bound of log2 |z| for z != 0: z = d * 2^e with 0.5 <= |d| < 1,
 * and log2 y >= y - 1 for y = 2|d| in [1, 2) (log2 is concave). */
static double num_log2_low(mpz_srcptr z) {
  long e;
  double d = mpz_get_d_2exp(&e, z);
  if (d < 0) d = -d;
  return (double)(e - 1) + (2 * d - 1);
}

/* An upper bound of log2 |z| for z != 0: ln y <= y - 1 for y = 2|d| in
 * [1, 2), so log2 y <= (y - 1) / ln 2. */
static double num_log2_high(mpz_srcptr z) {
  long e;
  double d = mpz_get_d_2exp(&e, z);
  if (d < 0) d = -d;
  return (double)(e - 1) + (2 * d - 1) * 1.4426950408889634;
}

/* q^n for a single rational; the caller has checked the size. The powers
 * of a numerator and a denominator without a common factor have none
 * either, so the result needs no gcd (which took seconds at 10^7 bits). */
static void num_qpow(mpq_t r, const mpq_t q, unsigned long n) {
  mpz_pow_ui(mpq_numref(r), mpq_numref(q), n);
  mpz_pow_ui(mpq_denref(r), mpq_denref(q), n);
}

/* True for 0, 1 and -1, whose powers never grow. */
static bool num_qtrivial(const mpq_t q) {
  return mpz_cmp_ui(mpq_denref(q), 1) == 0 && mpz_cmpabs_ui(mpq_numref(q), 1) <= 0;
}

/* |n| as an unsigned long, LONG_MIN included. */
static unsigned long num_absl(long n) { return n < 0 ? (unsigned long)(-(n + 1)) + 1 : (unsigned long)n; }

bool num_pow_too_big(const num *a, long n, size_t maxbits) {
  if (n == 0 || (num_qtrivial(a->lo) && num_qtrivial(a->hi))) return false;
  unsigned long m = num_absl(n);
  size_t b = num_bits(a);
  if (m > maxbits || (b > 2 && m > maxbits / (b - 2))) return true;
  /* The bit count alone undercounts small bases: 3^(2^28) needs 1.58 *
   * 2^28 bits, not 2^28. A lower bound of log2 settles those at once. */
  for (int i = 0; i < 2; i++) {
    mpq_srcptr q = i ? a->hi : a->lo;
    if (mpq_sgn(q) &&
        (double)m * (num_log2_low(mpq_numref(q)) + num_log2_low(mpq_denref(q))) * (1 - 1e-9) > (double)maxbits)
      return true;
  }
  return false;
}

unsigned long long num_work_pow_si(const num *a, long n) {
  if (n == 0 || (num_qtrivial(a->lo) && num_qtrivial(a->hi))) return 100;
  /* The result has |n| log2 of a's parts in bits; the last squaring
   * dominates (num_work_pow). Callers have ruled out results past the size
   * limit, so the product stays small. */
  double b = 0;
  for (int i = 0; i < (a->range ? 2 : 1); i++) {
    mpq_srcptr q = i ? a->hi : a->lo;
    if (mpq_sgn(q)) b += num_log2_high(mpq_numref(q)) + num_log2_high(mpq_denref(q));
  }
  unsigned long long l = (unsigned long long)((double)num_absl(n) * b / 64) + 1; /* 64-bit limbs */
  return 100 + 20 * l * num_log2_ceil(l);
}

int num_pow_si(num *r, const num *a, long n, size_t maxbits) {
  if (n == 0) { /* x^0 = 1 for every x, whatever the error of a */
    bool rg = a->range;
    num_set_si(r, 1);
    r->range = rg;
    return DS_OK;
  }
  if (n < 0 && num_contains_zero(a)) return DS_E_DOMAIN;
  unsigned long m = num_absl(n);
  /* Size estimate before GMP is asked. */
  if (num_pow_too_big(a, n, maxbits)) return DS_E_LIMIT;
  /* (1 + d)^n - 1 is within 4 |n d| for |n d| <= 1/4: the relative error
   * of each bound grows |n| times (plus 2 bits); past that, no bound. */
  double lgn = num_lgd((double)m), rel[2];
  for (int i = 0; i < 2; i++) rel[i] = num_eb(a, i) - num_lgq_lo(num_bound(a, i));
  /* a straddled zero: the true range may miss it by as much as its ends' errors */
  double ez = num_sign(a) == 2 ? num_err_zero(a) : -NUM_INF;
  int src[2] = {0, 1}; /* which bound of a each bound of t comes from (2: zero) */
  num t;
  num_init(&t);
  mpq_t x, y;
  mpq_inits(x, y, NULL);
  num_qpow(x, a->lo, m);
  if (num_is_point(a)) mpq_set(y, x);
  else num_qpow(y, a->hi, m);
  if (m % 2 == 0 && num_sign(a) == 2) {
    mpq_set_ui(t.lo, 0, 1);
    src[0] = 2;
    src[1] = mpq_cmp(x, y) > 0 ? 0 : 1;
    mpq_set(t.hi, src[1] ? y : x);
  } else if (mpq_cmp(x, y) <= 0) {
    mpq_set(t.lo, x);
    mpq_set(t.hi, y);
  } else {
    mpq_set(t.lo, y);
    mpq_set(t.hi, x);
    src[0] = 1, src[1] = 0;
  }
  mpq_clears(x, y, NULL);
  t.range = a->range;
  t.inexact = a->inexact;
  int st = DS_OK;
  if (n < 0) {
    /* t does not contain zero: a did not. */
    mpq_t l;
    mpq_init(l);
    mpq_inv(l, t.hi);
    mpq_inv(t.hi, t.lo);
    mpq_set(t.lo, l);
    mpq_clear(l);
    int s0 = src[0];
    src[0] = src[1], src[1] = s0;
  }
  if (t.inexact) {
    double e[2];
    for (int i = 0; i < 2; i++) {
      if (src[i] == 2) e[i] = ez <= -NUM_INF ? -NUM_INF : ez < 0 ? ez * (double)m : NUM_INF;
      else if (rel[src[i]] <= -NUM_INF) e[i] = -NUM_INF;
      else e[i] = rel[src[i]] + lgn > -2 ? NUM_INF : num_lgq_hi(num_bound(&t, i)) + rel[src[i]] + lgn + 2;
    }
    num_set_err2(&t, true, e[0], e[1]);
  }
  num_set(r, &t);
  num_clear(&t);
  if (st == DS_OK) st = num_check(r, maxbits);
  return st;
}

/* The digits and the scale of a decimal literal; false when it would pass
 * maxbits (about 3.33 bits a digit). */
static bool num_decimal_size(const char *digits, size_t len, long exp10, size_t maxbits, size_t *nd, long *e) {
  long frac = 0;
  bool dot = false;
  *nd = 0;
  for (size_t i = 0; i < len; i++) {
    if (digits[i] == '.') dot = true;
    else {
      ++*nd;
      if (dot) frac++;
    }
  }
  /* Refuse absurd exponents before any arithmetic on them can overflow. */
  if (exp10 > (long)(maxbits / 3) + 1 || exp10 < -(long)(maxbits / 3) - 1 - (long)len) return false;
  *e = exp10 - frac;
  return ((double)*nd + (*e < 0 ? -(double)*e : (double)*e)) * 3.33 <= (double)maxbits;
}

unsigned long long num_work_decimal(const char *digits, size_t len, long exp10, size_t maxbits) {
  if (len <= 19 && exp10 == 0) return 0; /* read in native integers, or refused: at most 19 digits, 10^-18 */
  size_t nd;
  long e;
  if (!num_decimal_size(digits, len, exp10, maxbits, &nd, &e) || (nd <= 19 && e >= -19 && e <= 19)) return 0;
  /* a string of nd digits read by GMP, times a power of ten: about a
   * product of the result's size */
  unsigned long long l = ((unsigned long long)nd + (unsigned long long)(e < 0 ? -e : e)) / 19 + 1;
  return 100 + 20 * l * num_log2_ceil(l);
}

bool num_exponent(mpz_srcptr z, long *k) {
  if (mpz_cmp_d(z, -9223372036854775808.0) < 0 || mpz_cmp_d(z, 9223372036854775808.0) >= 0) return false;
  if (mpz_fits_slong_p(z)) *k = mpz_get_si(z);
  else *k = (mpz_sgn(z) < 0 ? -1 : 1) * (mpz_odd_p(z) ? LONG_MAX : LONG_MAX - 1);
  return true;
}

bool num_from_whole(mpq_t out, const char *s, size_t len, size_t maxbits) {
  /* num_decimal_size's limit for len digits and no exponent */
  if (len == 0 || len > 19 || (double)len * 3.33 > (double)maxbits) return false;
  unsigned long long v = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned d = (unsigned)(unsigned char)s[i] - '0';
    if (d > 9) return false;
    v = v * 10 + d;
  }
  if (v > ULONG_MAX) return false;
  if (mpq_numref(out)->_mp_alloc >= 1 && mpq_denref(out)->_mp_alloc >= 1) {
    mpq_numref(out)->_mp_d[0] = (mp_limb_t)v;
    mpq_numref(out)->_mp_size = v != 0;
    mpq_denref(out)->_mp_d[0] = 1;
    mpq_denref(out)->_mp_size = 1;
  } else {
    mpq_set_ui(out, (unsigned long)v, 1);
  }
  return true;
}

int num_from_decimal(mpq_t out, const char *digits, size_t len, long exp10, size_t maxbits) {
  size_t nd;
  long e;
  if (!num_decimal_size(digits, len, exp10, maxbits, &nd, &e)) return DS_E_LIMIT;
  /* Up to 19 digits and a scale of 10^19 in native integers (most
   * literals): no string for GMP to parse, no power to raise. */
  if (nd <= 19 && e >= -19 && e <= 19) {
    unsigned long long v = 0, p10 = 1;
    for (size_t i = 0; i < len; i++)
      if (digits[i] != '.') v = v * 10 + (unsigned long long)(digits[i] - '0');
    for (long i = 0; i < (e < 0 ? -e : e); i++) p10 *= 10;
    unsigned long long nu = v, de = 1;
    if (e < 0) de = p10;
    else if (__builtin_mul_overflow(v, p10, &nu)) goto general;
    if (nu <= ULONG_MAX && de <= ULONG_MAX) {
      mpq_set_ui(out, (unsigned long)nu, (unsigned long)de);
      if (de > 1) mpq_canonicalize(out);
      return DS_OK;
    }
  }
general:;
  char *buf = malloc(nd + 1);
  if (!buf) return DS_E_NOMEM;
  size_t k = 0;
  for (size_t i = 0; i < len; i++)
    if (digits[i] != '.') buf[k++] = digits[i];
  buf[k] = 0;
  mpz_set_str(mpq_numref(out), buf, 10);
  free(buf);
  mpz_set_ui(mpq_denref(out), 1);
  mpz_t p;
  mpz_init(p);
  mpz_ui_pow_ui(p, 10, (unsigned long)(e < 0 ? -e : e));
  if (e < 0) mpz_set(mpq_denref(out), p);
  else mpz_mul(mpq_numref(out), mpq_numref(out), p);
  mpz_clear(p);
  mpq_canonicalize(out);
  return DS_OK;
}

void num_qround(mpq_t out, const mpq_t q, int mode) {
  mpz_t z;
  mpz_init(z);
  if (mode == 'f') mpz_fdiv_q(z, mpq_numref(q), mpq_denref(q));
  else if (mode == 'c') mpz_cdiv_q(z, mpq_numref(q), mpq_denref(q));
  else {
    /* half away from zero: trunc(q + sign(q)/2) */
    mpq_t t;
    mpq_init(t);
    mpq_set_si(t, mpq_sgn(q) < 0 ? -1 : 1, 2);
    mpq_add(t, t, q);
    mpz_tdiv_q(z, mpq_numref(t), mpq_denref(t));
    mpq_clear(t);
  }
  mpq_set_z(out, z);
  mpz_clear(z);
}

void num_round(num *r, const num *a, int mode) {
  num_qround(r->lo, a->lo, mode);
  num_qround(r->hi, a->hi, mode);
  r->range = a->range;
  r->inexact = a->inexact;
}

void num_abs(num *r, const num *a) {
  int s = num_sign(a);
  num t;
  num_init(&t);
  if (s >= 0 && s != 2) num_set(&t, a);
  else if (s < 0) num_neg(&t, a);
  else {
    /* 0 (the true range may miss it by its ends' errors) and the larger end */
    mpq_set_ui(t.lo, 0, 1);
    mpq_abs(t.hi, a->lo);
    double e1;
    if (mpq_cmp(t.hi, a->hi) < 0) {
      e1 = num_pick(a->hi, num_eb(a, 1), t.hi, num_eb(a, 0), true);
      mpq_set(t.hi, a->hi);
    } else {
      e1 = num_pick(t.hi, num_eb(a, 0), a->hi, num_eb(a, 1), true);
    }
    t.range = a->range;
    num_set_err2(&t, a->inexact, num_err_zero(a), e1);
  }
  num_set(r, &t);
  num_clear(&t);
}

char *num_zstr(mpz_srcptr z) {
  char *s = malloc(mpz_sizeinbase(z, 10) + 2);
  return s ? mpz_get_str(s, 10, z) : NULL;
}

char *num_qstr(mpq_srcptr q) {
  char *s = malloc(mpz_sizeinbase(mpq_numref(q), 10) + mpz_sizeinbase(mpq_denref(q), 10) + 3);
  return s ? mpq_get_str(s, 10, q) : NULL;
}

int num_pm(num *x, const num *d, bool relative, size_t maxbits) {
  int st = DS_OK;
  num lo, hi, t, w;
  num_init(&lo), num_init(&hi), num_init(&t), num_init(&w);
  num_abs(&w, d);
  num_set_bound(&w, &w, mpq_cmp(w.lo, w.hi) > 0 ? 0 : 1); /* the widest d */
  if (relative) {
    /* Each x moves by d times |x|: the bounds are the extremes over the
     * endpoints of x (in num arithmetic, so that inexact parts keep their
     * error bounds). */
    num xe, dx;
    num_init(&xe), num_init(&dx);
    for (int i = 0; i < 2 && !st; i++) {
      num_set_bound(&xe, x, i);
      num_abs(&dx, &xe);
      st = num_mul(&dx, &dx, &w, maxbits);
      if (!st) st = num_sub(i ? &t : &lo, &xe, &dx, maxbits);
      if (!st && i) num_minmax(&lo, &t, false);
      if (!st) st = num_add(i ? &t : &hi, &xe, &dx, maxbits);
      if (!st && i) num_minmax(&hi, &t, true);
    }
    num_clear(&xe), num_clear(&dx);
  } else {
    st = num_sub(&lo, x, &w, maxbits);
    if (!st) st = num_add(&hi, x, &w, maxbits);
  }
  if (!st) {
    mpq_set(x->lo, lo.lo);
    mpq_set(x->hi, hi.hi);
    x->range = true;
    x->inexact = lo.inexact || hi.inexact;
    x->err[0] = lo.err[0];
    x->err[1] = hi.err[1];
    if (num_bits(x) > maxbits) st = DS_E_LIMIT;
  }
  num_clear(&lo), num_clear(&hi), num_clear(&t), num_clear(&w);
  return st;
}
