/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_expand.c -- exact decimal expansions: the repeating part in
 * parentheses, cut with an ellipsis past the places asked for. */
#include <stdlib.h>
#include <string.h>

#include "expand.h"
#include "suite.h"
#include "numtext.h"

static const struct {
  const char *x;
  size_t maxfrac;
  const char *want;
} exps[] = {
    {"20/7", 1000, "2.(857142)"},
    {"22/7", 1000, "3.(142857)"},
    {"1/4", 1000, "0.25"},
    {"-1/4", 1000, "-0.25"},
    {"5/2", 1000, "2.5"},
    {"1/3", 1000, "0.(3)"},
    {"2/3", 1000, "0.(6)"},
    {"1/6", 1000, "0.1(6)"},
    {"1/12", 1000, "0.08(3)"},
    {"1/81", 1000, "0.(012345679)"},
    {"7/1", 1000, "7"},
    {"1234567", 1000, "1,234,567"},
    {"24691357/20", 1000, "1,234,567.85"},
    {"-10/3", 1000, "-3.(3)"},
    {"1/1024", 1000, "0.0009765625"},
    {"1/7", 3, "0.(142\xe2\x80\xa6)"},   /* cut inside the repetend */
    {"1/7", 6, "0.(142857)"},            /* exactly one period fits */
    {"1/1024", 4, "0.0009\xe2\x80\xa6"}, /* cut a terminating expansion */
    {"0", 1000, "0"},
};

START_TEST(test_expansion) {
  mpq_t x;
  mpq_init(x);
  q_parse(x, exps[_i].x);
  buf b;
  buf_init(&b, 1 << 16);
  expand_decimal(&b, x, exps[_i].maxfrac);
  ck_assert_msg(b.s && strcmp(b.s, exps[_i].want) == 0, "expand_decimal(%s, %zu) = '%s', want '%s'", exps[_i].x,
                exps[_i].maxfrac, b.s ? b.s : "(null)", exps[_i].want);
  buf_free(&b);
  mpq_clear(x);
}
END_TEST

/* A long repetend (1/7919 has period 7918) stops at maxfrac. */
START_TEST(test_expansion_long) {
  mpq_t x;
  mpq_init(x);
  mpq_set_ui(x, 1, 7919);
  buf b;
  buf_init(&b, 1 << 16);
  expand_decimal(&b, x, 1000);
  ck_assert_ptr_nonnull(b.s);
  ck_assert(strncmp(b.s, "0.(000126278570526581639095845", 30) == 0);
  ck_assert_uint_eq(b.len, strlen("0.(") + 1000 + strlen("\xe2\x80\xa6)"));
  buf_free(&b);
  mpq_clear(x);
}
END_TEST

/* The work charged before an expansion grows with the size of x. */
START_TEST(test_work) {
  num a, b;
  num_init(&a);
  num_init(&b);
  mpq_set_ui(a.lo, 20, 7);
  mpq_set(a.hi, a.lo);
  mpz_ui_pow_ui(mpq_numref(b.lo), 10, 5000);
  mpz_set_ui(mpq_denref(b.lo), 7);
  mpq_set(b.hi, b.lo);
  ck_assert_uint_gt(expand_work(&a), 0);
  ck_assert_uint_gt(expand_work(&b), expand_work(&a));
  num_clear(&a);
  num_clear(&b);
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("expand");
  TCase *tc = tcase_create("expansion");
  SUITE_LOOP(tc, test_expansion, exps);
  tcase_add_test(tc, test_expansion_long);
  tcase_add_test(tc, test_work);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
