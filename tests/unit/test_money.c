/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_money.c -- amounts of money as a newsroom writes them. */
#include <stdio.h>
#include <string.h>

#include "money.h"
#include "suite.h"
#include "numtext.h"

#define APPROX "\xe2\x89\x88 "

/* Money as a newsroom writes it: $ before, scale words for short exact
 * amounts from a million, cents in two digits, rounding never finer than a
 * cent from 1 up, whole units when the digits leave no room for cents. */
static const struct {
  const char *x;
  bool inexact;
  int digits;
  const char *sym, *code;
  const char *want;
} money[] = {
    {"7500000000", false, 6, "$", NULL, "$7.5 billion"},
    {"1000000", false, 6, "$", NULL, "$1 million"},
    {"1234567891", false, 6, "$", NULL, "$1,234,567,891"},
    {"1234567891", false, 10, "$", NULL, "$1.234567891 billion"},
    {"25200", false, 6, "$", NULL, "$25,200"},
    {"69/2", false, 6, "$", NULL, "$34.50"},
    {"1/2", false, 6, "$", NULL, "$0.50"},
    {"9/500", false, 6, "$", NULL, "$0.018"},
    {"9/8", false, 6, "$", NULL, "$1.125"},
    {"0", false, 6, "$", NULL, "$0"},
    {"-5", false, 6, "$", NULL, "-$5"},
    {"100/3", false, 6, "$", NULL, APPROX "$33.33"},
    {"-100/3", false, 6, "$", NULL, APPROX "-$33.33"},
    {"100/3", false, 3, "$", NULL, APPROX "$33"},
    {"2/3", false, 6, "$", NULL, APPROX "$0.666667"},
    {"10000000/3", false, 6, "$", NULL, APPROX "$3.33333 million"},
    {"10000000/3", false, 3, "$", NULL, APPROX "$3.33 million"},
    {"1234567891/10", false, 6, "$", NULL, "$123,456,789.10"},
    {"1234567891/11", false, 6, "$", NULL, APPROX "$112.233 million"},
    {"1234567/10", true, 6, "$", NULL, APPROX "$123,457"},
    {"1234567/100", true, 6, "$", NULL, APPROX "$12,346"},
    {"33999999/1000000", false, 6, "$", NULL, "$33.999999"},
    {"33999999/1000000", true, 6, "$", NULL, APPROX "$34"},
    {"250", true, 6, "$", NULL, APPROX "$250"},
    {"125/27", false, 6, NULL, "EUR", APPROX "4.63 EUR"},
    {"75000000/108", false, 6, NULL, "EUR", APPROX "694,444 EUR"},
    {"10", false, 6, NULL, "EUR", "10 EUR"},
};

START_TEST(test_money) {
  mpq_t x;
  mpq_init(x);
  q_parse(x, money[_i].x);
  buf b;
  buf_init(&b, 1 << 16);
  money_write(&b, x, money[_i].inexact, money[_i].digits, true, money[_i].sym, money[_i].code);
  ck_assert(!b.failed);
  ck_assert_msg(b.s && strcmp(b.s, money[_i].want) == 0, "money_write(%s, %d) = '%s', want '%s'", money[_i].x,
                money[_i].digits, b.s ? b.s : "(null)", money[_i].want);
  buf_free(&b);
  mpq_clear(x);
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("money");
  TCase *tc = tcase_create("money");
  SUITE_LOOP(tc, test_money, money);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
