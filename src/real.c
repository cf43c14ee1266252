/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * real.c -- irrational functions of exact intervals: sqrt, the logarithms,
 * exp and fractional powers, through MPFR.
 *
 * Each bound of the interval is one MPFR call at the precision asked for;
 * the result, an exact rational close to the true value, is marked
 * inexact unless it is exact (MPFR says so, or the argument is a square,
 * a power of ten, a power of a rational), with a bound of its error: the
 * input's error times the function's condition number, plus MPFR's own
 * rounding. MPFR's global flags and exponent range are saved and restored
 * around each call. Rounding an inexact number to an integer is here too,
 * when its error bound makes the result certain.
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

/* Exact results of irrational functions on exact arguments: the square
 * root of a rational whose numerator and denominator are squares, the
 * logarithm of a power of ten (MPFR finds those of two itself). */
static bool real_exact_fn(mpq_t out, const mpq_t q, int fn) {
  mpz_srcptr nu = mpq_numref(q), de = mpq_denref(q);
  if (fn == REAL_SQRT) {
    if (mpq_sgn(q) < 0 || !mpz_perfect_square_p(nu) || !mpz_perfect_square_p(de)) return false;
    mpz_sqrt(mpq_numref(out), nu);
    mpz_sqrt(mpq_denref(out), de);
    return true;
  }
  if (fn != REAL_LOG10 || mpq_sgn(q) <= 0) return false;
  /* q = 10^k or 10^-k: the other part is 1, and 10^|k| is 2^|k| 5^|k| */
  bool inv = mpz_cmp_ui(nu, 1) == 0;
  mpz_srcptr z = inv ? de : nu;
  if (mpz_cmp_ui(inv ? nu : de, 1) != 0) return false;
  mp_bitcnt_t k = mpz_scan1(z, 0);
  if (mpz_sizeinbase(z, 2) != k + 1 + (size_t)((double)k * 2.321928094887362) &&
      mpz_sizeinbase(z, 2) != k + 2 + (size_t)((double)k * 2.321928094887362))
    return false;
  mpz_t p;
  mpz_init(p);
  mpz_ui_pow_ui(p, 10, k);
  bool ok = mpz_cmp(p, z) == 0;
  mpz_clear(p);
  if (ok) mpq_set_si(out, inv ? -(long)k : (long)k, 1);
  return ok;
}

/* Runs one MPFR function on q with saved and restored MPFR state.
 * ein is the error exponent of q (-inf: exact); *eout gets the result's:
 * the input's relative error times the condition number of fn (1/2 for
 * sqrt, 1/|ln x| for the logarithms, |x| for exp, |b| and |b ln x| for
 * x^b), plus MPFR's own rounding at prec bits, with a bit or two to
 * spare. */
static int real_mpfr1(mpq_t out, const mpq_t q, int fn, const mpq_t expo, long prec, size_t maxbits, bool *inexact,
                      double ein, double *eout) {
  *eout = -NUM_INF;
  if (ein <= -NUM_INF && fn != -1 && real_exact_fn(out, q, fn)) return DS_OK;
  mpfr_exp_t emin = mpfr_get_emin(), emax = mpfr_get_emax();
  mpfr_flags_t saved = mpfr_flags_save();
  mpfr_set_emin(mpfr_get_emin_min());
  mpfr_set_emax(mpfr_get_emax_max());
  mpfr_clear_flags();
  mpfr_t x, y, b;
  mpfr_inits2((mpfr_prec_t)prec, x, y, b, (mpfr_ptr)0);
  int tset = mpfr_set_q(x, q, MPFR_RNDN), tfn = 0, tb = 0;
  int st = DS_OK;
  switch (fn) {
  case REAL_SQRT:
    if (mpq_sgn(q) < 0) st = DS_E_DOMAIN;
    else tfn = mpfr_sqrt(y, x, MPFR_RNDN);
    break;
  case REAL_LN:
  case REAL_LOG10:
  case REAL_LOG2:
    if (mpq_sgn(q) <= 0) st = DS_E_DOMAIN;
    else if (fn == REAL_LN) tfn = mpfr_log(y, x, MPFR_RNDN);
    else if (fn == REAL_LOG10) tfn = mpfr_log10(y, x, MPFR_RNDN);
    else tfn = mpfr_log2(y, x, MPFR_RNDN);
    break;
  case REAL_EXP: tfn = mpfr_exp(y, x, MPFR_RNDN); break;
  case REAL_LN1P:
    if (mpq_cmp_si(q, -1, 1) <= 0) st = DS_E_DOMAIN;
    else tfn = mpfr_log1p(y, x, MPFR_RNDN);
    break;
  default: /* power with a rational exponent: exp(b ln a) through mpfr_pow */
    tb = mpfr_set_q(b, expo, MPFR_RNDN);
    if (mpq_sgn(q) < 0) st = DS_E_DOMAIN;
    else tfn = mpfr_pow(y, x, b, MPFR_RNDN);
  }
  if (st == DS_OK) {
    if (mpfr_nan_p(y) || mpfr_inf_p(y) || mpfr_overflow_p() || mpfr_underflow_p()) st = DS_E_LIMIT;
    else if (!mpfr_zero_p(y)) {
      mpfr_exp_t ex = mpfr_get_exp(y);
      if ((size_t)(ex < 0 ? -ex : ex) + (size_t)prec > maxbits) st = DS_E_LIMIT;
    }
  }
  if (st == DS_OK) mpfr_get_q(out, y);
  /* A zero ternary value means MPFR's result is exact (sqrt(4), log2(1024)). */
  if (tset || tfn || tb) *inexact = true;
  if (st == DS_OK && (ein > -NUM_INF || tset || tfn || tb)) {
    double p = (double)prec, ly = mpfr_zero_p(y) ? -NUM_INF : (double)mpfr_get_exp(y); /* |y| < 2^ly */
    double rin = num_emax(ein > -NUM_INF ? ein - num_lgq_lo(q) : -NUM_INF, tset ? -p : -NUM_INF);
    double ain = num_emax(ein, tset ? num_lgq_hi(q) - p : -NUM_INF);
    double fr = tfn ? -p : -NUM_INF, d;
    switch (fn) {
    case REAL_SQRT: *eout = ly + num_emax(rin, fr); break;
    case REAL_LN:
    case REAL_LOG10:
    case REAL_LOG2: /* |ln(1 + d)| <= 2 |d|; log2 = ln / 0.69, log10 = ln / 2.3 */
      *eout = rin > -2 ? NUM_INF : num_emax(rin + 1 + (fn == REAL_LOG2 ? 0.53 : fn == REAL_LOG10 ? -1.2 : 0), ly + fr);
      break;
    case REAL_EXP: /* |e^d - 1| <= 2 |d| for |d| <= 1 */ *eout = ain > -2 ? NUM_INF : ly + num_emax(ain + 1, fr); break;
    case REAL_LN1P: {
      mpq_t one;
      mpq_init(one);
      mpq_set_ui(one, 1, 1);
      mpq_add(one, one, q);
      d = ain - num_lgq_lo(one);
      mpq_clear(one);
      *eout = d > -2 ? NUM_INF : num_emax(d + 1, ly + fr);
      break;
    }
    default: {
      double lb = num_lgq_hi(expo), lx = num_lgq_hi(q), lx2 = num_lgq_lo(q);
      double lnx = ((lx < 0 ? -lx : lx) > (lx2 < 0 ? -lx2 : lx2) ? (lx < 0 ? -lx : lx) : (lx2 < 0 ? -lx2 : lx2)) + 1e-6;
      d = num_emax(lb + rin, tb ? lb + num_lgd(lnx * 0.6931471805599453 + 1e-300) - p : -NUM_INF);
      *eout = d > -2 ? NUM_INF : ly + num_emax(d + 1, fr);
    }
    }
  }
  mpfr_clears(x, y, b, (mpfr_ptr)0);
  mpfr_set_emin(emin);
  mpfr_set_emax(emax);
  mpfr_flags_restore(saved, MPFR_FLAGS_ALL);
  return st;
}

int real_fn(num *r, const num *a, int fn, long prec, size_t maxbits) {
  mpq_t l, h, dummy;
  mpq_inits(l, h, dummy, NULL);
  bool inexact = a->inexact, point = num_is_point(a);
  double el, eh = -NUM_INF;
  int st = real_mpfr1(l, a->lo, fn, dummy, prec, maxbits, &inexact, num_eb(a, 0), &el);
  if (st == DS_OK && !point) st = real_mpfr1(h, a->hi, fn, dummy, prec, maxbits, &inexact, num_eb(a, 1), &eh);
  if (st == DS_OK) {
    mpq_set(r->lo, l);
    mpq_set(r->hi, point ? l : h);
    r->range = a->range;
    num_set_err2(r, inexact, el, point ? el : eh);
  }
  mpq_clears(l, h, dummy, NULL);
  return st;
}

/* q^(p/d) exactly when q is the d-th power of a rational (8^(1/3) = 2,
 * (9/4)^(3/2) = 27/8), within the size limit; false otherwise. */
static bool real_exact_root(mpq_t out, const mpq_t q, const mpq_t b, size_t maxbits) {
  if (mpq_sgn(q) <= 0 || !mpz_fits_ulong_p(mpq_denref(b)) || !mpz_fits_slong_p(mpq_numref(b))) return false;
  unsigned long d = mpz_get_ui(mpq_denref(b));
  long p = mpz_get_si(mpq_numref(b));
  unsigned long m = p < 0 ? (unsigned long)(-(p + 1)) + 1 : (unsigned long)p;
  if ((double)num_qbits(q) / (double)d * (double)m > (double)maxbits) return false;
  mpz_t n, e;
  mpz_inits(n, e, NULL);
  bool ok = mpz_root(n, mpq_numref(q), d) && mpz_root(e, mpq_denref(q), d);
  if (ok) {
    mpz_pow_ui(mpq_numref(out), n, m);
    mpz_pow_ui(mpq_denref(out), e, m);
    if (p < 0) mpq_inv(out, out);
  }
  mpz_clears(n, e, NULL);
  return ok;
}

int real_pow(num *r, const num *a, const mpq_t b, long prec, size_t maxbits) {
  mpq_t l, h;
  mpq_inits(l, h, NULL);
  bool inexact = a->inexact, point = num_is_point(a);
  double el = -NUM_INF, eh = -NUM_INF;
  int st = DS_OK;
  if (a->inexact || !real_exact_root(l, a->lo, b, maxbits))
    st = real_mpfr1(l, a->lo, -1, b, prec, maxbits, &inexact, num_eb(a, 0), &el);
  if (st == DS_OK && !point && (a->inexact || !real_exact_root(h, a->hi, b, maxbits)))
    st = real_mpfr1(h, a->hi, -1, b, prec, maxbits, &inexact, num_eb(a, 1), &eh);
  if (st == DS_OK) {
    /* x^b is increasing for b > 0 and decreasing for b < 0 on x > 0. */
    bool dec = mpq_sgn(b) < 0;
    if (point) mpq_set(h, l), eh = el;
    mpq_set(r->lo, dec ? h : l);
    mpq_set(r->hi, dec ? l : h);
    r->range = a->range;
    num_set_err2(r, inexact, dec ? eh : el, dec ? el : eh);
  }
  mpq_clears(l, h, NULL);
  return st;
}

bool real_round_sure(num *r, const num *a, int mode) {
  if (!a->inexact) {
    num_round(r, a, mode);
    return true;
  }
  /* every value within 2^err of a bound rounds as its two ends do */
  mpq_t d, x, y, lo, hi;
  mpq_inits(d, x, y, lo, hi, NULL);
  bool sure = true;
  for (int i = 0; i < 2 && sure; i++) {
    mpq_srcptr q = i ? a->hi : a->lo;
    double e = num_eb(a, i);
    if (e >= NUM_INF || e > (double)num_bits(a) + 64) {
      sure = false;
      break;
    }
    mpq_set_ui(d, 0, 1);
    if (e > -NUM_INF) num_pow2q(d, e);
    mpq_sub(x, q, d);
    mpq_add(y, q, d);
    num_qround(x, x, mode);
    num_qround(y, y, mode);
    sure = mpq_equal(x, y);
    mpq_set(i ? hi : lo, x);
  }
  if (sure) {
    mpq_set(r->lo, lo);
    mpq_set(r->hi, hi);
    r->range = a->range;
    r->inexact = false;
    r->err[0] = r->err[1] = NUM_ERR_TINY;
  }
  mpq_clears(d, x, y, lo, hi, NULL);
  return sure;
}

/* ---- how much precision a result needs ---------------------------------- */

long real_bits_for(int digits) { return (long)digits * 3322 / 1000 + 1 + 24; }

long real_more_prec(long prec, long have, long need) {
  long next = 2 * prec;
  if (have > -NUM_ERR_NONE / 2 && need - have > 0 && prec + (need - have) + 64 > next) next = prec + (need - have) + 64;
  return next < REAL_PRECISION_MAX ? next : REAL_PRECISION_MAX;
}

long real_err_max(const num *a, const num *b) {
  long m = LONG_MIN;
  for (int k = 0; k < 2; k++) {
    const num *x = k ? b : a;
    if (!x || !x->inexact) continue;
    for (int i = 0; i < 2; i++)
      if (x->err[i] > m) m = x->err[i];
  }
  return m;
}

long real_acc(const num *a, const num *b) {
  long x = num_acc_bits(a), y = b ? num_acc_bits(b) : LONG_MAX;
  long m = x < y ? x : y;
  return m == LONG_MAX ? m : m - 2;
}

/* ---- exact rounding of sqrt, log2 and log10 ------------------------------ */

/* The sign of q - base^k (base 2 or 10; q > 0). */
static int real_cmp_pow(mpq_srcptr q, unsigned long base, long k) {
  mpz_t l, r;
  mpz_inits(l, r, NULL);
  mpz_ui_pow_ui(r, base, (unsigned long)(k < 0 ? -k : k));
  if (k >= 0) {
    mpz_mul(r, r, mpq_denref(q));
    mpz_set(l, mpq_numref(q));
  } else {
    mpz_mul(l, r, mpq_numref(q));
    mpz_set(r, mpq_denref(q));
  }
  int c = mpz_cmp(l, r);
  mpz_clears(l, r, NULL);
  return c;
}

/* floor(log_base q) for q > 0: an estimate from the sizes, then powers. */
static long real_floor_log(mpq_srcptr q, unsigned long base) {
  long k = (long)mpz_sizeinbase(mpq_numref(q), (int)base) - (long)mpz_sizeinbase(mpq_denref(q), (int)base);
  while (real_cmp_pow(q, base, k) < 0) k--;
  while (real_cmp_pow(q, base, k + 1) >= 0) k++;
  return k;
}

/* round(log_base q) for q >= 1, half up: up when q^2 >= base^(2k + 1). */
static long real_round_log_up(mpq_srcptr q, unsigned long base) {
  long k = real_floor_log(q, base);
  mpq_t s;
  mpq_init(s);
  mpq_mul(s, q, q);
  if (real_cmp_pow(s, base, 2 * k + 1) >= 0) k++;
  mpq_clear(s);
  return k;
}

void real_round_exact(mpq_ptr out, mpq_srcptr q, int fn, int mode) {
  if (fn == REAL_SQRT) {
    mpz_t m, t;
    mpz_inits(m, t, NULL);
    mpz_fdiv_q(t, mpq_numref(q), mpq_denref(q));
    mpz_sqrt(m, t);
    if (mode == 'c') {
      /* up unless q is m^2 exactly */
      mpz_mul(t, m, m);
      if (mpz_cmp_ui(mpq_denref(q), 1) != 0 || mpz_cmp(t, mpq_numref(q)) != 0) mpz_add_ui(m, m, 1);
    } else if (mode == 'r') {
      /* up when q >= (m + 1/2)^2, i.e. 4 num >= (4 m^2 + 4 m + 1) den */
      mpz_mul(t, m, m);
      mpz_add(t, t, m);
      mpz_mul_2exp(t, t, 2);
      mpz_add_ui(t, t, 1);
      mpz_mul(t, t, mpq_denref(q));
      mpz_t u;
      mpz_init(u);
      mpz_mul_2exp(u, mpq_numref(q), 2);
      if (mpz_cmp(u, t) >= 0) mpz_add_ui(m, m, 1);
      mpz_clear(u);
    }
    mpq_set_z(out, m);
    mpz_clears(m, t, NULL);
    return;
  }
  unsigned long base = fn == REAL_LOG2 ? 2 : 10;
  long k;
  if (mode == 'f') {
    k = real_floor_log(q, base);
  } else if (mode == 'c') {
    k = real_floor_log(q, base);
    if (real_cmp_pow(q, base, k) != 0) k++;
  } else if (mpq_cmp_ui(q, 1, 1) >= 0) {
    k = real_round_log_up(q, base);
  } else { /* log q < 0 rounds half away from zero: -round(log(1/q)) */
    mpq_t z;
    mpq_init(z);
    mpq_inv(z, q);
    k = -real_round_log_up(z, base);
    mpq_clear(z);
  }
  mpq_set_si(out, k, 1);
}

_Static_assert(REAL_PRECISION_MAX == 262144, "real_uncertain_why names the precision limit");

const char *real_uncertain_why(bool stale) {
  return stale ? "(an inexact value it uses was computed earlier, at a lower precision)"
               : "at the precision limit (262144 bits)";
}
