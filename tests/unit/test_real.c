/* test_real.c -- irrational functions of exact intervals through MPFR:
 * bounds, domains, results MPFR finds exact. */
#include <stdlib.h>
#include <string.h>

#include "datascale.h"
#include "real.h"
#include "suite.h"

#define MAXBITS ((size_t)1 << 24) /* the default DS_LIMIT_RESULT_BITS */

/* "3/4" is a point; "1..5" (bounds as rationals) is a range. */
static void num_parse(num *n, const char *s) {
  const char *dd = strstr(s, "..");
  if (!dd) {
    ck_assert_int_eq(mpq_set_str(n->lo, s, 10), 0);
    mpq_canonicalize(n->lo);
    mpq_set(n->hi, n->lo);
    n->range = false;
  } else {
    char lo[128];
    ck_assert_uint_lt((size_t)(dd - s), sizeof lo);
    memcpy(lo, s, (size_t)(dd - s));
    lo[dd - s] = 0;
    ck_assert_int_eq(mpq_set_str(n->lo, lo, 10), 0);
    ck_assert_int_eq(mpq_set_str(n->hi, dd + 2, 10), 0);
    mpq_canonicalize(n->lo);
    mpq_canonicalize(n->hi);
    n->range = true;
  }
  n->inexact = false;
}

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
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
