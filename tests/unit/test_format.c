/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_format.c -- numbers for people: significant digits with grouping and
 * no rollover artefacts, exact-when-short with the "≈ " mark otherwise,
 * scientific notation past 10^21, text turned to the decimal comma. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "suite.h"
#include "numtext.h"

#define APPROX "\xe2\x89\x88 "
#define TIMES "\xc3\x97"

static const struct {
  const char *x;
  int digits;
  bool grouped;
  const char *want;
  bool exact;
} sig[] = {
    {"1234567", 7, true, "1,234,567", true},
    {"1234567", 7, false, "1234567", true},
    {"1234567", 6, true, "1,234,570", false},
    {"1234567", 3, true, "1,230,000", false},
    {"1234567", 2, false, "1200000", false},
    {"1999999/2", 6, true, "1,000,000", false}, /* 999999.5: no "1000000.0", no "100,0000" */
    {"1999999/2", 6, false, "1000000", false},
    {"1999999/2", 7, true, "999,999.5", true},
    {"19999999/2000000", 6, true, "10", false}, /* 9.9999995 rolls over to 10 */
    {"99999/100000", 6, true, "0.99999", true},
    {"9995/10", 3, true, "1,000", false}, /* 999.5 */
    {"10000000/3", 6, true, "3,333,330", false},
    {"1/3", 6, true, "0.333333", false},
    {"2/3", 3, true, "0.667", false},
    {"1/8", 6, true, "0.125", true},
    {"-5/2", 6, true, "-2.5", true},
    {"-1/3", 2, true, "-0.33", false},
    {"0", 6, true, "0", true},
    {"5", 1, true, "5", true},
    {"95/10", 1, true, "10", false}, /* 9.5 to one digit */
    {"-95/10", 1, true, "-10", false},
    {"1/10000000", 6, true, "0.0000001", true},    /* 10^-7: still positional */
    {"10^-8", 6, true, "1 " TIMES " 10^-8", true}, /* 10^-8: scientific */
    {"10^-8", 6, false, "1e-8", true},
    {"123456/1000000000000", 3, false, "0.000000123", false},
    {"10^20", 6, true, "100,000,000,000,000,000,000", true},
    {"10^21", 6, true, "1 " TIMES " 10^21", true},
    {"10^21", 6, false, "1e21", true},
    {"123456789012345678901234", 3, true, "1.23 " TIMES " 10^23", false},
    {"-123456789012345678901234", 4, false, "-1.235e23", false},
    {"999999999999999999999", 6, true, "1 " TIMES " 10^21", false}, /* rounds up past the limit */
    {"10^400", 6, false, "1e400", true},
};

START_TEST(test_sig) {
  mpq_t x;
  mpq_init(x);
  q_parse(x, sig[_i].x);
  buf b;
  buf_init(&b, 1 << 16);
  bool exact = !sig[_i].exact;
  format_sig(&b, x, sig[_i].digits, sig[_i].grouped, &exact);
  ck_assert(!b.failed);
  ck_assert_msg(b.s && strcmp(b.s, sig[_i].want) == 0, "format_sig(%s, %d, %d) = '%s', want '%s'", sig[_i].x,
                sig[_i].digits, sig[_i].grouped, b.s ? b.s : "(null)", sig[_i].want);
  ck_assert_msg(exact == sig[_i].exact, "format_sig(%s, %d): exact %d", sig[_i].x, sig[_i].digits, exact);
  buf_free(&b);
  mpq_clear(x);
}
END_TEST

static const struct {
  const char *x;
  bool inexact;
  int digits;
  const char *want;
} numbers[] = {
    {"1400000", false, 6, "1,400,000"},
    {"1234567890123", false, 6, "1,234,567,890,123"}, /* exact and short: all digits */
    {"1/4", false, 6, "0.25"},
    {"-1/4", false, 6, "-0.25"},
    {"2469135/2", false, 3, "1,234,567.5"}, /* exact: digits do not apply */
    {"1/1024", false, 6, "0.0009765625"},
    {"1/3", false, 6, APPROX "0.333333"},
    {"20/7", false, 6, APPROX "2.85714"},
    {"20/7", false, 3, APPROX "2.86"},
    {"2", true, 6, APPROX "2"},                  /* inexact is always marked */
    {"5999999/6", false, 6, APPROX "1,000,000"}, /* 999999.83: no rollover artefact */
    {"12345678901234567890123", false, 6, APPROX "1.23457 " TIMES " 10^22"},
    {"10^20", false, 6, "100,000,000,000,000,000,000"}, /* exact and short */
    {"10^21", false, 6, "1 " TIMES " 10^21"},           /* exact, too long: no mark */
    {"10^40", false, 6, "1 " TIMES " 10^40"},
    {"10^-30", false, 6, "1 " TIMES " 10^-30"},
    {"10000000000000000000000000000000000000001", false, 6, APPROX "1 " TIMES " 10^40"}, /* rounded: marked */
    {"0", false, 6, "0"},
};

START_TEST(test_number) {
  mpq_t x;
  mpq_init(x);
  q_parse(x, numbers[_i].x);
  buf b;
  buf_init(&b, 1 << 16);
  format_number(&b, x, numbers[_i].inexact, numbers[_i].digits);
  ck_assert_msg(b.s && strcmp(b.s, numbers[_i].want) == 0, "format_number(%s, %d, %d) = '%s', want '%s'", numbers[_i].x,
                numbers[_i].inexact, numbers[_i].digits, b.s ? b.s : "(null)", numbers[_i].want);
  buf_free(&b);
  mpq_clear(x);
}
END_TEST

/* Text with the decimal point turned into text with the decimal comma. */
static const struct {
  const char *in, *out;
} dcs[] = {
    {"1,400.5 TB", "1.400,5 TB"},
    {"\xe2\x89\x88 2.85714 MB", "\xe2\x89\x88 2,85714 MB"},
    {"2.(857142) MB = 20/7 MB", "2,(857142) MB = 20/7 MB"},
    {"between 1 and 2.5 MB; 1,000, 2", "between 1 and 2,5 MB; 1.000, 2"},
    {"1..5", "1..5"},
    {"see https://example.com/v1.2/a,b 1.5", "see https://example.com/v1.2/a,b 1,5"},
    {"(365.2425 days)", "(365,2425 days)"},
    {"a.b 1. 2,", "a.b 1. 2,"},
    {"", ""},
};

START_TEST(test_decimal_comma) {
  char t[128];
  snprintf(t, sizeof t, "%s", dcs[_i].in);
  format_decimal_comma(t);
  ck_assert_str_eq(t, dcs[_i].out);
}
END_TEST

/* format_differs: |a - v| > |v| / 100, in one-limb numbers (128-bit
 * products) and beyond them (GMP), the boundary itself not counted. */
static const struct {
  const char *a, *v;
  bool want;
} differs[] = {
    {"101/100", "1", false},
    {"10101/10000", "1", true},
    {"99/100", "1", false},
    {"9899/10000", "1", true},
    {"-1", "1", true},
    {"1", "-1", true},
    {"0", "0", false},
    {"1", "0", true},
    {"0", "1", true},
    {"-101/100", "-1", false},
    {"-103/100", "-1", true},
    {"1024", "1000", true},
    {"1000", "1000", false},
    {"18446744073709551615", "18446744073709551614", false},
    {"18446744073709551615/3", "18446744073709551615/2", true},
    {"1180591620717411303424", "1180591620717411303425", false}, /* 2^70: two limbs */
    {"1180591620717411303424", "1152921504606846976000", true},  /* 2^70 against 1000^7 */
    {"1/18446744073709551616", "1/18446744073709551615", false}, /* a two-limb denominator */
};

START_TEST(test_differs) {
  mpq_t a, v;
  mpq_inits(a, v, NULL);
  ck_assert_int_eq(mpq_set_str(a, differs[_i].a, 10), 0);
  ck_assert_int_eq(mpq_set_str(v, differs[_i].v, 10), 0);
  mpq_canonicalize(a);
  mpq_canonicalize(v);
  ck_assert_msg(format_differs(a, v) == differs[_i].want, "format_differs(%s, %s) is not %d", differs[_i].a,
                differs[_i].v, differs[_i].want);
  mpq_clears(a, v, NULL);
}
END_TEST

/* format_group groups in a local buffer of 128 bytes, added when full:
 * every length up to 400 digits, against commas put in one by one. */
START_TEST(test_group_lengths) {
  char d[401], want[600];
  for (size_t n = 0; n <= 400; n++) {
    for (size_t i = 0; i < n; i++) d[i] = (char)('0' + (i * 7 + n) % 10);
    d[n] = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
      if (i && (n - i) % 3 == 0) want[k++] = ',';
      want[k++] = d[i];
    }
    want[k] = 0;
    buf b;
    buf_init(&b, 1u << 20);
    buf_puts(&b, "x");
    format_group(&b, d, n, true);
    ck_assert_msg(b.s && strcmp(b.s + 1, want) == 0, "%zu digits: %s", n, b.s ? b.s : "(null)");
    buf_free(&b);
  }
}
END_TEST

/* format_number writes "≈ " before the digits and takes it back when they
 * are the number: after text already in the buffer, both ways. */
START_TEST(test_number_after_text) {
  mpq_t x;
  mpq_init(x);
  buf b;
  buf_init(&b, 1u << 20);
  buf_puts(&b, "a ");
  mpq_set_ui(x, 1, 3);
  format_number(&b, x, false, 3);
  buf_puts(&b, " b ");
  mpq_set_ui(x, 1234567, 1);
  format_number_as(&b, x, false, 3, false);
  buf_puts(&b, " c ");
  mpq_set_ui(x, 5, 4);
  format_number_as(&b, x, false, 3, false);
  buf_puts(&b, " d ");
  format_number_as(&b, x, true, 3, true);
  ck_assert_str_eq(b.s, "a " APPROX "0.333 b " APPROX "1,230,000 c 1.25 d " APPROX "1.25");
  buf_free(&b);
  mpq_clear(x);
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("format");
  TCase *tc = tcase_create("numbers");
  SUITE_LOOP(tc, test_sig, sig);
  SUITE_LOOP(tc, test_number, numbers);
  suite_add_tcase(s, tc);
  tc = tcase_create("expansion");
  tcase_add_test(tc, test_group_lengths);
  tcase_add_test(tc, test_number_after_text);
  SUITE_LOOP(tc, test_decimal_comma, dcs);
  suite_add_tcase(s, tc);
  tc = tcase_create("differs");
  SUITE_LOOP(tc, test_differs, differs);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
