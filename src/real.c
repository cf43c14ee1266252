/*
 * real.c -- irrational functions of exact intervals: sqrt, the logarithms,
 * exp and fractional powers, through MPFR.
 *
 * Each bound of the interval is one MPFR call at the precision asked for;
 * the result, an exact rational close to the true value, is marked
 * inexact unless MPFR says it is exact. MPFR's global flags and exponent
 * range are saved and restored around each call.
 */
#include "real.h"

#include <mpfr.h>

#include "datascale.h"

unsigned long long real_work_fn(const num *a, long prec, int fn) {
  /* Measured with MPFR 4.2 here: at 2^18 bits a fractional power takes
   * about 0.2 s, ln and log10 0.1 s, exp 0.02 s, sqrt 3 ms, growing a
   * little faster than prec log^2 prec; reading a rational of l limbs in
   * costs a division of its size. Each bound is one call. */
  unsigned long long p = (unsigned long long)(prec > 64 ? prec : 64), lg = num_log2_ceil(p);
  unsigned long long one = fn == REAL_SQRT ? p * lg / 2 : fn == REAL_EXP ? p * lg * lg / 4 : 5 * p * lg * lg / 2;
  unsigned long long l = num_limbs(a);
  return (100 + one) * (a->range ? 2 : 1) + 20 * l * num_log2_ceil(l);
}

/* Runs one MPFR function on q with saved and restored MPFR state. */
static int real_mpfr1(mpq_t out, const mpq_t q, int fn, const mpq_t expo, long prec,
                      size_t maxbits, bool *inexact) {
  mpfr_exp_t emin = mpfr_get_emin(), emax = mpfr_get_emax();
  mpfr_flags_t saved = mpfr_flags_save();
  mpfr_set_emin(mpfr_get_emin_min());
  mpfr_set_emax(mpfr_get_emax_max());
  mpfr_clear_flags();
  mpfr_t x, y;
  mpfr_inits2((mpfr_prec_t)prec, x, y, (mpfr_ptr)0);
  int t = mpfr_set_q(x, q, MPFR_RNDN);
  int st = DS_OK;
  switch (fn) {
  case REAL_SQRT:
    if (mpq_sgn(q) < 0) st = DS_E_DOMAIN;
    else t |= mpfr_sqrt(y, x, MPFR_RNDN);
    break;
  case REAL_LN:
  case REAL_LOG10:
  case REAL_LOG2:
    if (mpq_sgn(q) <= 0) st = DS_E_DOMAIN;
    else if (fn == REAL_LN) t |= mpfr_log(y, x, MPFR_RNDN);
    else if (fn == REAL_LOG10) t |= mpfr_log10(y, x, MPFR_RNDN);
    else t |= mpfr_log2(y, x, MPFR_RNDN);
    break;
  case REAL_EXP:
    t |= mpfr_exp(y, x, MPFR_RNDN);
    break;
  case REAL_LN1P:
    if (mpq_cmp_si(q, -1, 1) <= 0) st = DS_E_DOMAIN;
    else t |= mpfr_log1p(y, x, MPFR_RNDN);
    break;
  default: { /* power with a rational exponent: exp(b ln a) through mpfr_pow */
    mpfr_t b;
    mpfr_init2(b, (mpfr_prec_t)prec);
    t |= mpfr_set_q(b, expo, MPFR_RNDN);
    if (mpq_sgn(q) < 0) st = DS_E_DOMAIN;
    else t |= mpfr_pow(y, x, b, MPFR_RNDN);
    mpfr_clear(b);
  }
  }
  if (st == DS_OK) {
    if (mpfr_nan_p(y) || mpfr_inf_p(y) || mpfr_overflow_p() || mpfr_underflow_p())
      st = DS_E_LIMIT;
    else if (!mpfr_zero_p(y)) {
      mpfr_exp_t ex = mpfr_get_exp(y);
      if ((size_t)(ex < 0 ? -ex : ex) + (size_t)prec > maxbits) st = DS_E_LIMIT;
    }
  }
  if (st == DS_OK) mpfr_get_q(out, y);
  /* A zero ternary value means MPFR's result is exact (sqrt(4), log2(1024)). */
  if (t != 0) *inexact = true;
  mpfr_clears(x, y, (mpfr_ptr)0);
  mpfr_set_emin(emin);
  mpfr_set_emax(emax);
  mpfr_flags_restore(saved, MPFR_FLAGS_ALL);
  return st;
}

int real_fn(num *r, const num *a, int fn, long prec, size_t maxbits) {
  mpq_t l, h, dummy;
  mpq_inits(l, h, dummy, NULL);
  bool inexact = a->inexact;
  int st = real_mpfr1(l, a->lo, fn, dummy, prec, maxbits, &inexact);
  if (st == DS_OK) st = real_mpfr1(h, a->hi, fn, dummy, prec, maxbits, &inexact);
  if (st == DS_OK) {
    mpq_set(r->lo, l);
    mpq_set(r->hi, h);
    r->range = a->range;
    r->inexact = inexact;
  }
  mpq_clears(l, h, dummy, NULL);
  return st;
}

int real_pow(num *r, const num *a, const mpq_t b, long prec, size_t maxbits) {
  mpq_t l, h;
  mpq_inits(l, h, NULL);
  bool inexact = a->inexact;
  int st = real_mpfr1(l, a->lo, -1, b, prec, maxbits, &inexact);
  if (st == DS_OK) st = real_mpfr1(h, a->hi, -1, b, prec, maxbits, &inexact);
  if (st == DS_OK) {
    /* x^b is increasing for b > 0 and decreasing for b < 0 on x > 0. */
    bool dec = mpq_sgn(b) < 0;
    mpq_set(r->lo, dec ? h : l);
    mpq_set(r->hi, dec ? l : h);
    r->range = a->range;
    r->inexact = inexact;
  }
  mpq_clears(l, h, NULL);
  return st;
}
