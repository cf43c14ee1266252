/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_real.c -- irrational functions of exact intervals through MPFR:
 * bounds, domains, exact results, error bounds that hold the true value
 * and are not loose, rounding that is certain. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mpfr.h>

#include "datascale.h"
#include "real.h"
#include "suite.h"
#include "numtext.h"

#define MAXBITS ((size_t)1 << 24) /* the default DS_LIMIT_RESULT_BITS */

static const struct {
  int fn;
  const char *a;
  int status;
  double lo, hi; /* expected bounds */
  bool exact;    /* MPFR's result is exact: stays exact */
} fns[] = {
    {REAL_SQRT, "4", DS_OK, 2, 2, true},
    {REAL_SQRT, "2", DS_OK, 1.4142135623730951, 1.4142135623730951, false},
    {REAL_SQRT, "4..9", DS_OK, 2, 3, true},
    {REAL_SQRT, "0", DS_OK, 0, 0, true},
    {REAL_SQRT, "-1", DS_E_DOMAIN, 0, 0, false},
    {REAL_SQRT, "-1..4", DS_E_DOMAIN, 0, 0, false},
    {REAL_LN, "1", DS_OK, 0, 0, true},
    {REAL_LN, "2", DS_OK, 0.6931471805599453, 0.6931471805599453, false},
    {REAL_LN, "0", DS_E_DOMAIN, 0, 0, false},
    {REAL_LN, "-1", DS_E_DOMAIN, 0, 0, false},
    {REAL_LOG10, "1000", DS_OK, 3, 3, true},
    {REAL_LOG10, "0", DS_E_DOMAIN, 0, 0, false},
    {REAL_LOG2, "1024", DS_OK, 10, 10, true},
    {REAL_LOG2, "1/8", DS_OK, -3, -3, true},
    {REAL_LOG2, "-8", DS_E_DOMAIN, 0, 0, false},
    {REAL_EXP, "0", DS_OK, 1, 1, true},
    {REAL_EXP, "1", DS_OK, 2.718281828459045, 2.718281828459045, false},
    {REAL_EXP, "100000000000000000000", DS_E_LIMIT, 0, 0, false}, /* e^(10^20) */
    /* exact on exact arguments, though MPFR would round them */
    {REAL_SQRT, "9/4", DS_OK, 1.5, 1.5, true},
    {REAL_SQRT, "1/4..9/4", DS_OK, 0.5, 1.5, true},
    {REAL_LOG10, "1/1000", DS_OK, -3, -3, true},
    {REAL_LOG10, "100000000000000000000000000000000000000000000000000", DS_OK, 50, 50, true},
    {REAL_LOG10, "99999999999999999999999999999999999999999999999999", DS_OK, 50, 50, false},
};

START_TEST(test_fn) {
  num a, r;
  num_init(&a);
  num_init(&r);
  num_parse(&a, fns[_i].a);
  int st = real_fn(&r, &a, fns[_i].fn, 128, MAXBITS);
  ck_assert_msg(st == fns[_i].status, "fn %d (%s): status %d", fns[_i].fn, fns[_i].a, st);
  if (st == DS_OK) {
    ck_assert_double_eq_tol(mpq_get_d(r.lo), fns[_i].lo, 1e-15);
    ck_assert_double_eq_tol(mpq_get_d(r.hi), fns[_i].hi, 1e-15);
    ck_assert_int_eq(r.inexact, !fns[_i].exact);
    ck_assert_int_eq(r.range, a.range);
    if (fns[_i].exact) {
      mpq_t w;
      mpq_init(w);
      mpq_set_d(w, fns[_i].lo);
      ck_assert(mpq_equal(r.lo, w));
      mpq_clear(w);
    }
  }
  num_clear(&a);
  num_clear(&r);
}
END_TEST

/* The error bound of a result holds the true value, and is not loose:
 * each row is an MPFR function at a precision, checked against MPFR at
 * 2048 bits. */
static const struct {
  int fn;
  const char *a;
  long prec;
  long slack; /* how far above MPFR's ulp the bound may be */
} errs[] = {
    {REAL_SQRT, "2", 128, 8},
    {REAL_SQRT, "2", 53, 8},
    {REAL_SQRT, "10000000000000000000000000000000000000001", 128, 8},
    {REAL_LN, "2", 128, 8},
    {REAL_LOG2, "3", 200, 8},
    {REAL_LOG10, "7", 64, 8},
    {REAL_EXP, "1", 128, 8},
    {REAL_EXP, "-100", 128, 16},
    {REAL_EXP, "1000", 128, 16},
    {-1, "3", 128, 8},
    {-1, "100000000000", 96, 8}, /* 3^(1/3), (10^11)^(1/3) */
    /* ln near 1: the input, rounded to 128 bits, moves the result by 2^-128,
     * far more than the result's own ulp */
    {REAL_LN, "1000001/1000000", 128, 24},
    {REAL_LN1P, "1/1000000000", 64, 8},
};

static void ref_fn(mpfr_t y, int fn, const char *a) {
  mpq_t q;
  mpq_init(q);
  mpq_set_str(q, a, 10);
  mpq_canonicalize(q);
  mpfr_t x;
  mpfr_init2(x, 2048);
  mpfr_set_q(x, q, MPFR_RNDN);
  switch (fn) {
  case REAL_SQRT: mpfr_sqrt(y, x, MPFR_RNDN); break;
  case REAL_LN: mpfr_log(y, x, MPFR_RNDN); break;
  case REAL_LOG2: mpfr_log2(y, x, MPFR_RNDN); break;
  case REAL_LOG10: mpfr_log10(y, x, MPFR_RNDN); break;
  case REAL_EXP: mpfr_exp(y, x, MPFR_RNDN); break;
  case REAL_LN1P: mpfr_log1p(y, x, MPFR_RNDN); break;
  default: mpfr_cbrt(y, x, MPFR_RNDN);
  }
  mpfr_clear(x);
  mpq_clear(q);
}

START_TEST(test_err_bound) {
  num a, r;
  num_init(&a);
  num_init(&r);
  num_parse(&a, errs[_i].a);
  mpq_t third;
  mpq_init(third);
  mpq_set_si(third, 1, 3);
  int st = errs[_i].fn < 0 ? real_pow(&r, &a, third, errs[_i].prec, MAXBITS)
                           : real_fn(&r, &a, errs[_i].fn, errs[_i].prec, MAXBITS);
  ck_assert_int_eq(st, DS_OK);
  ck_assert(r.inexact);
  mpfr_t y, d;
  mpfr_inits2(2048, y, d, (mpfr_ptr)0);
  ref_fn(y, errs[_i].fn, errs[_i].a);
  mpfr_set_q(d, r.lo, MPFR_RNDN);
  mpfr_sub(d, d, y, MPFR_RNDN);
  mpfr_abs(d, d, MPFR_RNDN);
  /* |computed - true| <= 2^err, and err within 8 bits of MPFR's ulp */
  ck_assert_msg(mpfr_cmp_si_2exp(d, 1, r.err[0]) <= 0, "row %d: error above 2^%ld", _i, r.err[0]);
  long ulp = (long)mpfr_get_exp(y) - errs[_i].prec;
  ck_assert_msg(r.err[0] <= ulp + errs[_i].slack, "row %d: bound 2^%ld is loose (ulp 2^%ld)", _i, r.err[0], ulp);
  mpfr_clears(y, d, (mpfr_ptr)0);
  mpq_clear(third);
  num_clear(&a);
  num_clear(&r);
}
END_TEST

/* Cancellation shows in the bound: sqrt(2) - 1.41421356237 keeps the
 * absolute error of sqrt(2), so few of its digits are certain. */
START_TEST(test_err_cancel) {
  num a, r, b;
  num_init(&a);
  num_init(&r);
  num_init(&b);
  num_parse(&a, "2");
  ck_assert_int_eq(real_fn(&r, &a, REAL_SQRT, 64, MAXBITS), DS_OK);
  num_parse(&b, "141421356237/100000000000");
  ck_assert_int_eq(num_sub(&r, &r, &b, MAXBITS), DS_OK);
  ck_assert(r.inexact);
  long acc = num_acc_bits(&r);
  ck_assert_msg(acc < 64 - 30 && acc > 64 - 45, "accuracy %ld bits", acc);
  /* a product by an exact number keeps the relative accuracy */
  num_parse(&b, "1000");
  ck_assert_int_eq(num_mul(&r, &r, &b, MAXBITS), DS_OK);
  ck_assert(num_acc_bits(&r) <= acc && num_acc_bits(&r) >= acc - 1);
  num_clear(&a);
  num_clear(&r);
  num_clear(&b);
}
END_TEST

/* floor of sqrt(10^40 - 1) = 10^20 - 5 10^-21...: not certain at 128
 * bits, certain at 256. */
START_TEST(test_round_sure) {
  num a, r;
  num_init(&a);
  num_init(&r);
  num_parse(&a, "9999999999999999999999999999999999999999");
  ck_assert_int_eq(real_fn(&r, &a, REAL_SQRT, 128, MAXBITS), DS_OK);
  ck_assert(!real_round_sure(&r, &r, 'f'));
  ck_assert_int_eq(real_fn(&r, &a, REAL_SQRT, 256, MAXBITS), DS_OK);
  ck_assert(real_round_sure(&r, &r, 'f'));
  ck_assert(!r.inexact);
  char got[64];
  num_show(&r, got, sizeof got);
  ck_assert_str_eq(got, "99999999999999999999");
  num_clear(&a);
  num_clear(&r);
}
END_TEST

/* Exact rounding of sqrt, log2 and log10 with integers, next to a
 * boundary: 2^200 - 1, 10^40 - 1, (10^20 + 1/2)^2 = 10^40 + 10^20 + 1/4. */
static const struct {
  int fn;
  const char *q;
  int mode;
  const char *want;
} exacts[] = {
    {REAL_LOG2, "1606938044258990275541962092341162602522202993782792835301375", 'f', "199"}, /* 2^200 - 1 */
    {REAL_LOG2, "1606938044258990275541962092341162602522202993782792835301376", 'f', "200"}, /* 2^200 */
    {REAL_LOG2, "1606938044258990275541962092341162602522202993782792835301376", 'c', "200"},
    {REAL_LOG2, "1606938044258990275541962092341162602522202993782792835301377", 'c', "201"},
    {REAL_LOG2, "1/3", 'r', "-2"},
    {REAL_LOG2, "1/3", 'f', "-2"},
    {REAL_LOG2, "1/3", 'c', "-1"},
    {REAL_LOG2, "3", 'r', "2"},
    {REAL_LOG2, "2", 'r', "1"},
    {REAL_LOG10, "1/5", 'r', "-1"},
    {REAL_LOG10, "1/1000", 'c', "-3"},
    {REAL_LOG10, "1000", 'f', "3"},
    {REAL_LOG10, "999", 'f', "2"},
    {REAL_LOG10, "999/1000", 'f', "-1"},
    {REAL_LOG10, "999/1000", 'c', "0"},
    {REAL_LOG10, "316", 'r', "2"},
    {REAL_LOG10, "317", 'r', "3"}, /* sqrt(10) = 3.162...: 10^2.5 = 316.2... */
    {REAL_SQRT, "9999999999999999999999999999999999999999", 'f', "99999999999999999999"},
    {REAL_SQRT, "10000000000000000000000000000000000000001", 'c', "100000000000000000001"},
    {REAL_SQRT, "10000000000000000000000000000000000000000", 'c', "100000000000000000000"},
    {REAL_SQRT, "40000000000000000000400000000000000000001/4", 'r', "100000000000000000001"}, /* the half */
    {REAL_SQRT, "10000000000000000000100000000000000000000", 'r', "100000000000000000000"},
    {REAL_SQRT, "9/4", 'r', "2"},
    {REAL_SQRT, "9/4", 'f', "1"},
    {REAL_SQRT, "9/4", 'c', "2"},
    {REAL_SQRT, "1/4", 'r', "1"},
    {REAL_SQRT, "1/5", 'c', "1"},
    {REAL_SQRT, "1/5", 'f', "0"},
};

START_TEST(test_round_exact) {
  mpq_t q, out;
  mpq_inits(q, out, NULL);
  ck_assert_int_eq(mpq_set_str(q, exacts[_i].q, 10), 0);
  mpq_canonicalize(q);
  real_round_exact(out, q, exacts[_i].fn, exacts[_i].mode);
  char *got = mpq_get_str(NULL, 10, out);
  ck_assert_msg(strcmp(got, exacts[_i].want) == 0, "row %d: %s, want %s", _i, got, exacts[_i].want);
  free(got);
  mpq_clears(q, out, NULL);
}
END_TEST

START_TEST(test_pow_real) {
  num a, r;
  mpq_t b;
  num_init(&a);
  num_init(&r);
  mpq_init(b);
  num_parse(&a, "4..9");
  mpq_set_si(b, 1, 2);
  ck_assert_int_eq(real_pow(&r, &a, b, 128, MAXBITS), DS_OK);
  ck_assert_double_eq_tol(mpq_get_d(r.lo), 2, 1e-15);
  ck_assert_double_eq_tol(mpq_get_d(r.hi), 3, 1e-15);
  mpq_set_si(b, -1, 2); /* decreasing: bounds swap */
  ck_assert_int_eq(real_pow(&r, &a, b, 128, MAXBITS), DS_OK);
  ck_assert_double_eq_tol(mpq_get_d(r.lo), 1.0 / 3, 1e-15);
  ck_assert_double_eq_tol(mpq_get_d(r.hi), 0.5, 1e-15);
  num_parse(&a, "-8");
  mpq_set_si(b, 1, 3);
  ck_assert_int_eq(real_pow(&r, &a, b, 128, MAXBITS), DS_E_DOMAIN);
  /* an exact root stays exact: (9/4)^(3/2) = 27/8, 8^(-1/3) = 1/2 */
  num_parse(&a, "9/4");
  mpq_set_si(b, 3, 2);
  ck_assert_int_eq(real_pow(&r, &a, b, 128, MAXBITS), DS_OK);
  ck_assert(!r.inexact);
  ck_assert_double_eq(mpq_get_d(r.lo), 3.375);
  num_parse(&a, "8");
  mpq_set_si(b, -1, 3);
  ck_assert_int_eq(real_pow(&r, &a, b, 128, MAXBITS), DS_OK);
  ck_assert(!r.inexact);
  ck_assert_double_eq(mpq_get_d(r.lo), 0.5);
  num_clear(&a);
  num_clear(&r);
  mpq_clear(b);
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("real");
  TCase *tc = tcase_create("functions");
  SUITE_LOOP(tc, test_fn, fns);
  tcase_add_test(tc, test_pow_real);
  SUITE_LOOP(tc, test_err_bound, errs);
  tcase_add_test(tc, test_err_cancel);
  tcase_add_test(tc, test_round_sure);
  SUITE_LOOP(tc, test_round_exact, exacts);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
