/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_dim.c -- dimension vectors: products, quotients, powers, roots and
 * the exponent bound DIM_EXP_MAX. */
#include <limits.h>
#include <string.h>

#include "dim.h"
#include "suite.h"

/* A dimension from up to four exponents (the rest zero). */
static dim mk(int e0, int e1, int e2, int e3) {
  dim d;
  dim_clear(&d);
  d.e[0] = (short)e0;
  d.e[1] = (short)e1;
  d.e[2] = (short)e2;
  d.e[3] = (short)e3;
  return d;
}

static const struct {
  char op; /* '*', '/', '^' (n), 'r' (root n) */
  int a[4], b[4];
  long n;
  bool ok;
  int want[4];
} rows[] = {
    {'*', {1, 0, 0, 0}, {0, -1, 0, 0}, 0, true, {1, -1, 0, 0}}, /* bit * 1/s */
    {'*', {1, -1, 0, 0}, {0, 1, 0, 0}, 0, true, {1, 0, 0, 0}},  /* bit/s * s */
    {'*', {2, 0, 0, 0}, {-2, 0, 0, 0}, 0, true, {0, 0, 0, 0}},
    {'*', {999, 0, 0, 0}, {1, 0, 0, 0}, 0, true, {1000, 0, 0, 0}}, /* at the bound */
    {'*', {1000, 0, 0, 0}, {1, 0, 0, 0}, 0, false, {0, 0, 0, 0}},  /* past it */
    {'*', {0, -1000, 0, 0}, {0, -1, 0, 0}, 0, false, {0, 0, 0, 0}},
    {'*', {0, 0, 1000, 0}, {0, 0, 1000, 0}, 0, false, {0, 0, 0, 0}}, /* both at the bound */
    {'/', {0, 0, 0, -1000}, {0, 0, 0, 1000}, 0, false, {0, 0, 0, 0}},
    {'/', {1, 0, 0, 0}, {0, 1, 0, 0}, 0, true, {1, -1, 0, 0}},
    {'/', {1, 0, 0, 0}, {1, 0, 0, 0}, 0, true, {0, 0, 0, 0}},
    {'/', {0, 0, 1, 0}, {1, 0, 0, 1}, 0, true, {-1, 0, 1, -1}}, /* USD / (bit person) */
    {'/', {-1000, 0, 0, 0}, {1, 0, 0, 0}, 0, false, {0, 0, 0, 0}},
    {'/', {-999, 0, 0, 0}, {1, 0, 0, 0}, 0, true, {-1000, 0, 0, 0}},
    {'^', {1, -1, 0, 0}, {0}, 2, true, {2, -2, 0, 0}},
    {'^', {1, -1, 0, 0}, {0}, -1, true, {-1, 1, 0, 0}},
    {'^', {1, 0, 0, 0}, {0}, 0, true, {0, 0, 0, 0}},
    {'^', {1, 0, 0, 0}, {0}, 1000, true, {1000, 0, 0, 0}},
    {'^', {1, 0, 0, 0}, {0}, 1001, false, {0, 0, 0, 0}},
    {'^', {2, 0, 0, 0}, {0}, 501, false, {0, 0, 0, 0}},
    {'^', {1, 0, 0, 0}, {0}, -1001, false, {0, 0, 0, 0}},
#if LONG_MAX > 0x7fffffff
    {'^', {1, 0, 0, 0}, {0}, 4294967297L, false, {0, 0, 0, 0}}, /* no wrap-around */
#endif
    {'^', {1, 0, 0, 0}, {0}, LONG_MAX, false, {0, 0, 0, 0}},
    {'^', {0, 0, 0, 0}, {0}, 1000000L, true, {0, 0, 0, 0}}, /* none^n is none */
    {'r', {2, -4, 0, 0}, {0}, 2, true, {1, -2, 0, 0}},
    {'r', {3, 0, 0, 0}, {0}, 3, true, {1, 0, 0, 0}},
    {'r', {1, 0, 0, 0}, {0}, 2, false, {0, 0, 0, 0}}, /* sqrt(bit) */
    {'r', {0, 0, 0, 0}, {0}, 2, true, {0, 0, 0, 0}},
    {'r', {2, 0, 0, 0}, {0}, 0, false, {0, 0, 0, 0}},
    {'r', {2, 0, 0, 0}, {0}, -2, false, {0, 0, 0, 0}},
};

START_TEST(test_ops) {
  dim a = mk(rows[_i].a[0], rows[_i].a[1], rows[_i].a[2], rows[_i].a[3]);
  dim b = mk(rows[_i].b[0], rows[_i].b[1], rows[_i].b[2], rows[_i].b[3]);
  dim sentinel = mk(7, 7, 7, 7), out = sentinel;
  bool ok;
  switch (rows[_i].op) {
  case '*': ok = dim_mul(&out, &a, &b); break;
  case '/': ok = dim_div(&out, &a, &b); break;
  case '^': ok = dim_pow(&out, &a, rows[_i].n); break;
  default: ok = dim_root(&out, &a, rows[_i].n); break;
  }
  ck_assert_msg(ok == rows[_i].ok, "row %d: ok %d", _i, ok);
  if (ok) {
    dim want = mk(rows[_i].want[0], rows[_i].want[1], rows[_i].want[2], rows[_i].want[3]);
    ck_assert_msg(dim_eq(&out, &want), "row %d: got [%d %d %d %d]", _i, out.e[0], out.e[1], out.e[2], out.e[3]);
  } else {
    /* A refused operation leaves the output untouched. */
    ck_assert(dim_eq(&out, &sentinel));
  }
}
END_TEST

START_TEST(test_alias_and_predicates) {
  dim a = mk(1, -1, 0, 0), b = mk(0, 1, 0, 0);
  ck_assert(dim_mul(&a, &a, &b)); /* out may alias an operand */
  dim want = mk(1, 0, 0, 0);
  ck_assert(dim_eq(&a, &want));
  ck_assert(!dim_is_none(&a));
  ck_assert(dim_div(&a, &a, &a));
  ck_assert(dim_is_none(&a));
  dim z;
  memset(&z, 0xff, sizeof z);
  dim_clear(&z);
  ck_assert(dim_is_none(&z));
  dim last = mk(0, 0, 0, 0);
  last.e[DIM_MAX - 1] = 1; /* the last slot counts too */
  ck_assert(!dim_is_none(&last));
  ck_assert(!dim_eq(&last, &z));
  ck_assert(dim_pow(&last, &last, -3));
  ck_assert_int_eq(last.e[DIM_MAX - 1], -3);
}
END_TEST

/* One base dimension alone, and one over others to the power 1. */
START_TEST(test_base_over) {
  dim mb = mk(1, 0, 0, 0), rate = mk(1, -1, 0, 0), price = mk(-1, -1, 1, 0), sq = mk(2, 0, 0, 0), prod = mk(0, 1, 1, 0),
      inv = mk(0, -1, 0, 0), per2 = mk(1, -2, 0, 0);
  ck_assert(dim_is_base(&mb, 0));
  ck_assert(!dim_is_base(&mb, 1));
  ck_assert(!dim_is_base(&rate, 0));
  ck_assert(dim_is_over(&mb, 0));
  ck_assert(dim_is_over(&rate, 0));
  ck_assert(dim_is_over(&price, 2));
  ck_assert(!dim_is_over(&price, 0));
  ck_assert(!dim_is_over(&sq, 0));
  ck_assert(!dim_is_over(&prod, 2));
  ck_assert(!dim_is_over(&inv, 1));
  ck_assert(!dim_is_over(&per2, 0));
  ck_assert(!dim_is_over(&mb, -1));
  ck_assert(!dim_is_over(&mb, DIM_MAX));
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("dim");
  TCase *tc = tcase_create("ops");
  SUITE_LOOP(tc, test_ops, rows);
  tcase_add_test(tc, test_alias_and_predicates);
  tcase_add_test(tc, test_base_over);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
