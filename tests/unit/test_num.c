/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_num.c -- exact rationals and intervals: true bounds, zero divisors,
 * integer powers, size limits checked before GMP is asked, decimal
 * literals, rounding. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datascale.h"
#include "num.h"
#include "qpool.h"
#include "suite.h"
#include "numtext.h"

#define MAXBITS ((size_t)1 << 24) /* the default DS_LIMIT_RESULT_BITS */

typedef int (*binop)(num *, const num *, const num *, size_t);

static const struct {
  char op;
  const char *a, *b;
  int status;
  const char *want; /* NULL when status != DS_OK */
  bool range;
} arith[] = {
    {'+', "1/3", "1/6", DS_OK, "1/2", false},       {'+', "1..2", "10..20", DS_OK, "11..22", true},
    {'+', "1/10", "2/10", DS_OK, "3/10", false},    {'-', "1", "1/3", DS_OK, "2/3", false},
    {'-', "1..5", "2..3", DS_OK, "-2..3", true}, /* [1-3, 5-2] */
    {'-', "0..1", "0..1", DS_OK, "-1..1", true}, /* not zero: intervals are not values */
    {'*', "2/3", "3/4", DS_OK, "1/2", false},       {'*', "1..5", "-2..3", DS_OK, "-10..15", true},
    {'*', "-3..-1", "-2..-1", DS_OK, "1..6", true}, {'*', "-3..2", "-3..2", DS_OK, "-6..9", true},
    {'*', "1..2", "-1", DS_OK, "-2..-1", true},     {'*', "0", "1..5", DS_OK, "0", true},
    {'/', "1..5", "2..4", DS_OK, "1/4..5/2", true}, {'/', "1", "-4..-2", DS_OK, "-1/2..-1/4", true},
    {'/', "7", "2", DS_OK, "7/2", false},           {'/', "0", "5", DS_OK, "0", false},
    {'/', "1", "0", DS_E_DOMAIN, NULL, false},      {'/', "1", "-1..1", DS_E_DOMAIN, NULL, false},
    {'/', "1", "0..3", DS_E_DOMAIN, NULL, false}, /* zero at an end counts */
    {'/', "1", "-3..0", DS_E_DOMAIN, NULL, false},  {'/', "1..2", "0", DS_E_DOMAIN, NULL, false},
};

START_TEST(test_arith) {
  num a, b, r;
  num_init(&a);
  num_init(&b);
  num_init(&r);
  num_parse(&a, arith[_i].a);
  num_parse(&b, arith[_i].b);
  binop f = arith[_i].op == '+' ? num_add : arith[_i].op == '-' ? num_sub : arith[_i].op == '*' ? num_mul : num_div;
  int st = f(&r, &a, &b, MAXBITS);
  ck_assert_msg(st == arith[_i].status, "%s %c %s: status %d", arith[_i].a, arith[_i].op, arith[_i].b, st);
  if (st == DS_OK) {
    char got[256];
    num_show(&r, got, sizeof got);
    ck_assert_msg(strcmp(got, arith[_i].want) == 0, "%s %c %s = %s, want %s", arith[_i].a, arith[_i].op, arith[_i].b,
                  got, arith[_i].want);
    ck_assert_int_eq(r.range, arith[_i].range);
    ck_assert(!r.inexact);
    ck_assert(mpq_cmp(r.lo, r.hi) <= 0);
  }
  num_clear(&a);
  num_clear(&b);
  num_clear(&r);
}
END_TEST

/* Results may alias operands (r == a). */
/* num_init gives 0 (numerator 0, denominator 1) also when its rationals
 * are ones num_clear kept (qpool.c): after small values, after a value
 * too large to keep, and a kept rational takes a large value again. */
START_TEST(test_reuse) {
  for (int round = 0; round < 3; round++) {
    num a[40];
    for (int i = 0; i < 40; i++) {
      num_init(&a[i]);
      ck_assert_int_eq(mpq_sgn(a[i].lo), 0);
      ck_assert_int_eq(mpq_sgn(a[i].hi), 0);
      ck_assert(mpz_cmp_ui(mpq_denref(a[i].lo), 1) == 0 && mpz_cmp_ui(mpq_denref(a[i].hi), 1) == 0);
      ck_assert(!a[i].range && !a[i].inexact);
      if (i % 3 == 0) { /* 2^700 / 3^400: many limbs on both sides */
        mpz_ui_pow_ui(mpq_numref(a[i].lo), 2, 700);
        mpz_ui_pow_ui(mpq_denref(a[i].lo), 3, 400);
        mpq_canonicalize(a[i].lo);
      } else {
        mpq_set_si(a[i].lo, -7, 3);
      }
      mpq_set_si(a[i].hi, i, 1);
    }
    for (int i = 0; i < 40; i++) num_clear(&a[i]);
  }
  qpool_free();
}
END_TEST

/* num_set copies one-limb rationals without GMP (qpool_set), and
 * num_is_point and num_qbits read them directly: every pair
 * of small, negative, zero and many-limb values, into fresh and used
 * numbers, and a number onto itself. */
START_TEST(test_set_sizes) {
  static const char *const vals[] = {"0",
                                     "1",
                                     "-1",
                                     "7/3",
                                     "-7/3",
                                     "18446744073709551615/7",
                                     "18446744073709551617/3",
                                     "-5/1180591620717411303424",
                                     "1/18446744073709551615"};
  enum { NV = sizeof vals / sizeof vals[0] };
  for (int i = 0; i < NV; i++)
    for (int j = 0; j < NV; j++) {
      num a, d;
      num_init(&a);
      num_init(&d);
      ck_assert_int_eq(mpq_set_str(a.lo, vals[i], 10), 0);
      ck_assert_int_eq(mpq_set_str(a.hi, vals[j], 10), 0);
      num_set(&d, &a); /* into a fresh number */
      ck_assert(mpq_equal(d.lo, a.lo) && mpq_equal(d.hi, a.hi));
      /* num_is_point and num_qbits, which look at one-limb parts directly */
      ck_assert_int_eq(num_is_point(&a), i == j);
      ck_assert_uint_eq(num_qbits(a.lo), mpz_sizeinbase(mpq_numref(a.lo), 2) + mpz_sizeinbase(mpq_denref(a.lo), 2));
      num_set(&a, &a);
      ck_assert(mpq_equal(d.lo, a.lo) && mpq_equal(d.hi, a.hi));
      mpq_set_str(a.lo, vals[j], 10);
      mpq_set_str(a.hi, vals[i], 10);
      num_set(&d, &a); /* into a used one */
      ck_assert_msg(mpq_equal(d.lo, a.lo) && mpq_equal(d.hi, a.hi), "%s, %s", vals[j], vals[i]);
      char *t = mpq_get_str(NULL, 10, d.lo);
      ck_assert_str_eq(t, vals[j]);
      free(t);
      num_clear(&a);
      num_clear(&d);
    }
}
END_TEST

/* Products and quotients of rationals whose parts have one or two limbs
 * are made without GMP (num.c's num_small_mul and num_wide_mul): each
 * pair of values around the one- and two-limb edges, powers of two and
 * of ten, signs, and more limbs, against GMP's own mpq_mul and mpq_div,
 * into a fresh number and onto the first operand. */
START_TEST(test_small_products) {
  static const char *const vals[] = {"1",
                                     "-1",
                                     "3",
                                     "1024",
                                     "1099511627776",
                                     "1000000000000",
                                     "-78779",
                                     "88695963173404443852800",
                                     "18446744073709551615",
                                     "18446744073709551616",
                                     "340282366920938463463374607431768211455",
                                     "340282366920938463463374607431768211456",
                                     "7/3",
                                     "-5/1180591620717411303424",
                                     "1/18446744073709551615",
                                     "36893488147419103232/36893488147419103231",
                                     "1000000000000000000000/1125899906842624",
                                     "-340282366920938463463374607431768211455/9",
                                     "2/340282366920938463463374607431768211457"};
  enum { NV = sizeof vals / sizeof vals[0] };
  mpq_t want;
  mpq_init(want);
  for (int i = 0; i < NV; i++)
    for (int j = 0; j < NV; j++)
      for (int div = 0; div < 2; div++)
        for (int onto = 0; onto < 2; onto++) {
          num a, b, r;
          num_init(&a);
          num_init(&b);
          num_init(&r);
          ck_assert_int_eq(mpq_set_str(a.lo, vals[i], 10), 0);
          ck_assert_int_eq(mpq_set_str(b.lo, vals[j], 10), 0);
          mpq_canonicalize(a.lo);
          mpq_canonicalize(b.lo);
          mpq_set(a.hi, a.lo);
          mpq_set(b.hi, b.lo);
          if (div) mpq_div(want, a.lo, b.lo);
          else mpq_mul(want, a.lo, b.lo);
          num *out = onto ? &a : &r;
          int st = div ? num_div(out, &a, &b, 1u << 20) : num_mul(out, &a, &b, 1u << 20);
          ck_assert_int_eq(st, DS_OK);
          ck_assert_msg(mpq_equal(out->lo, want) && mpq_equal(out->hi, want), "%s %c %s", vals[i], div ? '/' : '*',
                        vals[j]);
          num_clear(&a);
          num_clear(&b);
          num_clear(&r);
        }
  mpq_clear(want);
}
END_TEST

/* num_from_whole reads plain digits as num_from_decimal does, and
 * declines everything else (a point, an exponent, a separator, 20 digits,
 * past the size limit) leaving its output as it was. */
START_TEST(test_from_whole) {
  static const struct {
    const char *s;
    size_t maxbits;
    bool taken;
  } cases[] = {{"15614", MAXBITS, true},
               {"0", MAXBITS, true},
               {"000042", MAXBITS, true},
               {"9999999999999999999", MAXBITS, true},
               {"18446744073709551615", MAXBITS, false}, /* 20 digits: the general path */
               {"1.5", MAXBITS, false},
               {"1,400", MAXBITS, false},
               {"2e6", MAXBITS, false},
               {"12a", MAXBITS, false},
               {"", MAXBITS, false},
               {"99999", 16, false}, /* 5 digits need more than 16 bits: refused by num_from_decimal */
               {"9999", 16, true}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    mpq_t q, want;
    mpq_inits(q, want, NULL);
    mpq_set_si(q, -7, 3);
    size_t len = strlen(cases[i].s);
    bool taken = num_from_whole(q, cases[i].s, len, cases[i].maxbits);
    ck_assert_msg(taken == cases[i].taken, "%s", cases[i].s);
    if (taken) {
      ck_assert_int_eq(num_from_decimal(want, cases[i].s, len, 0, cases[i].maxbits), DS_OK);
      ck_assert_msg(mpq_equal(q, want), "%s", cases[i].s);
    } else {
      mpq_set_si(want, -7, 3);
      ck_assert_msg(mpq_equal(q, want), "%s: changed", cases[i].s);
    }
    mpq_clears(q, want, NULL);
  }
}
END_TEST

/* num_log2_ceil (the work estimates' log2) by a count of leading zeros:
 * the loop it replaced, around every power of two. */
START_TEST(test_log2_ceil) {
  for (int k = 0; k < 64; k++)
    for (int d = -1; d <= 1; d++) {
      unsigned long long l = (1ull << k) + (unsigned long long)(long long)d, lg = 1;
      while ((1ull << lg) <= l && lg < 63) lg++;
      ck_assert_msg(num_log2_ceil(l) == lg, "num_log2_ceil(%llu) = %llu, want %llu", l, num_log2_ceil(l), lg);
    }
  ck_assert_uint_eq(num_log2_ceil(0), 1);
  ck_assert_uint_eq(num_log2_ceil(~0ull), 63);
}
END_TEST

START_TEST(test_alias) {
  num a, b;
  num_init(&a);
  num_init(&b);
  num_parse(&a, "1..5");
  num_parse(&b, "-2..3");
  ck_assert_int_eq(num_mul(&a, &a, &b, MAXBITS), DS_OK);
  char got[64];
  num_show(&a, got, sizeof got);
  ck_assert_str_eq(got, "-10..15");
  ck_assert_int_eq(num_sub(&b, &b, &b, MAXBITS), DS_OK);
  num_show(&b, got, sizeof got);
  ck_assert_str_eq(got, "-5..5");
  num_neg(&a, &a);
  num_show(&a, got, sizeof got);
  ck_assert_str_eq(got, "-15..10");
  num_clear(&a);
  num_clear(&b);
}
END_TEST

/* The inexact mark is contagious. */
START_TEST(test_flags) {
  num a, b, r;
  num_init(&a);
  num_init(&b);
  num_init(&r);
  num_set_si(&a, 2);
  num_set_si(&b, 3);
  a.inexact = true; /* within 2^-100 of its true value */
  a.err[0] = a.err[1] = -100;
  ck_assert_int_eq(num_add(&r, &a, &b, MAXBITS), DS_OK);
  ck_assert(r.inexact);
  ck_assert(!r.range);
  a.inexact = false;
  ck_assert_int_eq(num_mul(&r, &a, &b, MAXBITS), DS_OK);
  ck_assert(!r.inexact);
  ck_assert_int_eq(mpq_cmp_si(r.lo, 6, 1), 0);
  num_clear(&a);
  num_clear(&b);
  num_clear(&r);
}
END_TEST

static const struct {
  const char *a;
  long n;
  int status;
  const char *want;
} pows[] = {
    {"2", 10, DS_OK, "1024"},
    {"2", -3, DS_OK, "1/8"},
    {"-2", 3, DS_OK, "-8"},
    {"-2", -3, DS_OK, "-1/8"},
    {"2/3", -2, DS_OK, "9/4"},
    {"5", 0, DS_OK, "1"},
    {"0", 0, DS_OK, "1"},
    {"0", 5, DS_OK, "0"},
    {"-2..3", 2, DS_OK, "0..9"}, /* even power through zero */
    {"-3..2", 2, DS_OK, "0..9"},
    {"-3..2", 4, DS_OK, "0..81"},
    {"-2..3", 3, DS_OK, "-8..27"},
    {"-3..-1", 2, DS_OK, "1..9"},
    {"-3..-1", 3, DS_OK, "-27..-1"},
    {"-3..-1", -1, DS_OK, "-1..-1/3"},
    {"1..2", -1, DS_OK, "1/2..1"},
    {"1..2", -2, DS_OK, "1/4..1"},
    {"0", -1, DS_E_DOMAIN, NULL},
    {"-1..1", -2, DS_E_DOMAIN, NULL},
    {"0..1", -1, DS_E_DOMAIN, NULL},
#if LONG_MAX > 0x7fffffff              /* exponents past 2^31 where a long holds them */
    {"1", 1000000000000L, DS_OK, "1"}, /* 0, 1, -1 never grow */
    {"-1", 1000000000001L, DS_OK, "-1"},
    {"-1", 1000000000000L, DS_OK, "1"},
    {"10", 10000000000L, DS_E_LIMIT, NULL}, /* 10^(10^10) */
#endif
    {"1", LONG_MAX, DS_OK, "1"},
    {"-1", LONG_MAX, DS_OK, "-1"},
    {"-1", LONG_MAX - 1, DS_OK, "1"},
    {"10", LONG_MAX, DS_E_LIMIT, NULL},
    {"2", 16777216L, DS_E_LIMIT, NULL}, /* 2^(2^24) has 2^24 + 1 bits */
    /* Small bases: the bit count (2 for 3) undercounts; log2 3 = 1.58 says
     * at once that 3^(2^24) needs 1.58 * 2^24 bits. Regression: these were
     * computed in full (seconds at the largest --max-bits) before the check. */
    {"3", 16777216L, DS_E_LIMIT, NULL},
    {"1/3", 16777216L, DS_E_LIMIT, NULL},
    {"-3..2", 16777216L, DS_E_LIMIT, NULL},
    {"5/4", 6000000L, DS_E_LIMIT, NULL}, /* 5^m / 4^m: 4.32 * 6e6 bits */
    {"1/2", -16777216L, DS_E_LIMIT, NULL},
#if LONG_MAX > 0x7fffffff
    {"3", -10000000000L, DS_E_LIMIT, NULL},
#endif
    {"3", LONG_MIN, DS_E_LIMIT, NULL},
};

START_TEST(test_pow) {
  num a, r;
  num_init(&a);
  num_init(&r);
  num_parse(&a, pows[_i].a);
  int st = num_pow_si(&r, &a, pows[_i].n, MAXBITS);
  ck_assert_msg(st == pows[_i].status, "(%s)^%ld: status %d, want %d", pows[_i].a, pows[_i].n, st, pows[_i].status);
  if (st == DS_OK) {
    char got[256];
    num_show(&r, got, sizeof got);
    ck_assert_msg(strcmp(got, pows[_i].want) == 0, "(%s)^%ld = %s, want %s", pows[_i].a, pows[_i].n, got,
                  pows[_i].want);
  }
  /* (That refusals come back at once is for tests/hostile and bench/, not
   * for a timed assertion here.) */
  num_clear(&a);
  num_clear(&r);
}
END_TEST

/* Sums and products refuse results past maxbits. */
START_TEST(test_size_limit) {
  num a, b, r;
  num_init(&a);
  num_init(&b);
  num_init(&r);
  mpz_ui_pow_ui(mpq_numref(a.lo), 2, 100);
  mpq_set(a.hi, a.lo);
  num_set_si(&b, 1);
  ck_assert_int_eq(num_add(&r, &a, &b, 64), DS_E_LIMIT);
  ck_assert_int_eq(num_mul(&r, &a, &a, 150), DS_E_LIMIT);
  ck_assert_int_eq(num_mul(&r, &a, &a, 300), DS_OK);
  ck_assert_uint_eq(num_bits(&r), 201 + 1); /* 2^200: 201 bits, denominator 1 bit */
  /* The quick bound counts limbs allocated: a small value in much room is
   * still measured exactly, and the limit still refuses a large one. */
  mpz_realloc2(mpq_numref(a.lo), 64 * 1000);
  mpz_realloc2(mpq_numref(a.hi), 64 * 1000);
  mpq_set_ui(a.lo, 3, 1);
  mpq_set_ui(a.hi, 3, 1);
  ck_assert_int_eq(num_mul(&r, &a, &a, 64), DS_OK);
  ck_assert_int_eq(num_add(&r, &a, &b, 64), DS_OK);
  ck_assert(mpq_cmp_ui(r.lo, 4, 1) == 0);
  mpz_ui_pow_ui(mpq_numref(a.lo), 2, 100);
  mpq_set(a.hi, a.lo);
  ck_assert_int_eq(num_mul(&r, &a, &a, 150), DS_E_LIMIT);
  num_clear(&a);
  num_clear(&b);
  num_clear(&r);
}
END_TEST

static const struct {
  const char *digits;
  long exp10;
  int status;
  const char *want; /* mpq_get_str form; "1e-400" built below */
} decs[] = {
    {"2.86", 0, DS_OK, "143/50"},
    {"286", -2, DS_OK, "143/50"},
    {"0.5", 0, DS_OK, "1/2"},
    {".5", 0, DS_OK, "1/2"},
    {"1234567.5", 0, DS_OK, "2469135/2"},
    {"1.4", 15, DS_OK, "1400000000000000"},
    {"0.1", 0, DS_OK, "1/10"},
    {"007", 0, DS_OK, "7"},
    {"0", 0, DS_OK, "0"},
    {"1", -400, DS_OK, NULL},             /* exactly 1/10^400 */
    {"1", 1000000000L, DS_E_LIMIT, NULL}, /* 10^(10^9): refused, not computed */
    {"1", -1000000000L, DS_E_LIMIT, NULL},
};

/* exp10 - (digits after the point) must not overflow a long. */
START_TEST(test_decimal_exponent_overflow) {
  mpq_t q;
  mpq_init(q);
  /* Regression (fixed in a8b9668): num_from_decimal computed `exp10 - frac` in
   * a long: with exp10 = -9223372036854775799 and 10 fraction digits that is
   * signed overflow (UBSan abort in the sanitizer build). Reachable from the
   * language through "0.0000000001e-9223372036854775799". */
  ck_assert_int_eq(num_from_decimal(q, "0.0000000001", 12, LONG_MIN + 9, MAXBITS), DS_E_LIMIT);
  ck_assert_int_eq(num_from_decimal(q, "1", 1, LONG_MAX - 8, MAXBITS), DS_E_LIMIT);
  mpq_clear(q);
}
END_TEST

START_TEST(test_decimal) {
  mpq_t q;
  mpq_init(q);
  const char *d = decs[_i].digits;
  int st = num_from_decimal(q, d, strlen(d), decs[_i].exp10, MAXBITS);
  ck_assert_int_eq(st, decs[_i].status);
  if (st == DS_OK && decs[_i].want) {
    char *s = mpq_get_str(NULL, 10, q);
    ck_assert_str_eq(s, decs[_i].want);
    free(s);
  } else if (st == DS_OK) {
    mpq_t w;
    mpq_init(w);
    mpz_ui_pow_ui(mpq_denref(w), 10, 400);
    mpz_set_ui(mpq_numref(w), 1);
    ck_assert(mpq_equal(q, w));
    mpq_clear(w);
  }
  mpq_clear(q);
}
END_TEST

/* The native fast path of num_from_decimal (up to 19 digits, scales up to
 * 10^19, products within 64 bits) and its edges, each compared with GMP
 * parsing the same fraction written out: "N000" or "N/1000". */
static const struct {
  const char *digits;
  long exp10;
} decfast[] = {
    {"9999999999999999999", 0}, /* 19 digits: the largest native literal */
    {"9999999999999999999", 1}, /* its product passes 64 bits */
    {"9999999999999999999", -19},
    {"9999999999999999999", -20}, /* scale past 10^19 */
    {"9223372036854775808", 0},   /* 2^63: past a signed long */
    {"1844674407370955161", 1},   /* 2^64 - 6: the product just fits */
    {"1844674407370955162", 1},   /* 2^64 + 4: just passes */
    {"18446744073709551615", 0},  /* 20 digits: 2^64 - 1 */
    {"18446744073709551616", 0},  /* 2^64 */
    {"99999999999999999999", 0},
    {"10000000000000000000", 0},
    {"12345678901234567890", -1},
    {"1", 19},
    {"1", 20},
    {"1", -19},
    {"1", -20},
    {"5", -19}, /* 1/(2 10^18) after canonicalizing */
    {"0.1", 0},
    {"0.1", 19},
    {"0.1", 20},
    {"0.1", -18},
    {"0.1", -19},
    {"0.1", -20},
    {".0000000000000000001", 0},  /* 19 digits, 10^-19 */
    {"0.0000000000000000001", 0}, /* 20 digits with the leading zero */
    {"1234567890.123456789", 0},
    {"1234567890.123456789", -10}, /* scale 10^-19 */
    {"1234567890.123456789", 10},  /* 12345678901234567890: fits */
    {"1234567890.123456789", 11},  /* passes 64 bits */
    {"99999", 19},                 /* 99999 10^19 overflows 64 bits */
    {"99999", 14},                 /* 9999900000000000000: fits */
    {"99999", 15},
    {"99999", -19},
    {"99999", -20},
    {"0", 19},
    {"0", -19},
    {"0", 20},
    {"0000000000000000000000", 0},
    {"0000000000000000000001", -20},
    {"1.5", 19},
    {"2.5", -17}, /* 25/10^18 */
};

START_TEST(test_decimal_fast) {
  const char *d = decfast[_i].digits;
  long exp10 = decfast[_i].exp10;
  /* The reference: the digits without the point, over or times 10^|e|. */
  char ref[128];
  size_t k = 0;
  long frac = 0;
  bool dot = false;
  for (const char *p = d; *p; p++) {
    if (*p == '.') dot = true;
    else {
      ref[k++] = *p;
      if (dot) frac++;
    }
  }
  long e = exp10 - frac;
  if (e < 0) {
    ref[k++] = '/';
    ref[k++] = '1';
  }
  for (long i = 0; i < (e < 0 ? -e : e); i++) ref[k++] = '0';
  ref[k] = 0;
  ck_assert_uint_lt(k, sizeof ref);
  mpq_t want, q;
  mpq_inits(want, q, NULL);
  ck_assert_int_eq(mpq_set_str(want, ref, 10), 0);
  mpq_canonicalize(want);
  mpq_set_si(q, -7, 3); /* a stale value must not leak through */
  ck_assert_int_eq(num_from_decimal(q, d, strlen(d), exp10, MAXBITS), DS_OK);
  char *gs = mpq_get_str(NULL, 10, q), *ws = mpq_get_str(NULL, 10, want);
  ck_assert_msg(strcmp(gs, ws) == 0 && mpq_equal(q, want), "num_from_decimal(%s, e%ld) = %s, want %s (%s)", d, exp10,
                gs, ws, ref);
  free(gs);
  free(ws);
  mpq_clears(want, q, NULL);
}
END_TEST

static const struct {
  const char *a;
  int mode;
  const char *want;
} rounds[] = {
    {"5/2", 'r', "3"},         {"-5/2", 'r', "-3"},   {"12/5", 'r', "2"},  {"-12/5", 'r', "-2"},
    {"0", 'r', "0"},           {"1/2", 'r', "1"},     {"-1/2", 'r', "-1"}, {"7", 'r', "7"},
    {"5/2", 'f', "2"},         {"-5/2", 'f', "-3"},   {"7/2", 'f', "3"},   {"-7", 'f', "-7"},
    {"21/10", 'c', "3"},       {"-21/10", 'c', "-2"}, {"3", 'c', "3"},     {"1/2..3/2", 'r', "1..2"},
    {"1/3..7/3", 'f', "0..2"},
};

START_TEST(test_round) {
  num a, r;
  num_init(&a);
  num_init(&r);
  num_parse(&a, rounds[_i].a);
  num_round(&r, &a, rounds[_i].mode);
  char got[64];
  num_show(&r, got, sizeof got);
  ck_assert_msg(strcmp(got, rounds[_i].want) == 0, "round %c (%s) = %s, want %s", rounds[_i].mode, rounds[_i].a, got,
                rounds[_i].want);
  num_clear(&a);
  num_clear(&r);
}
END_TEST

static const struct {
  const char *a;
  const char *abs;
  int sign;
  bool zero, contains_zero, integer;
} preds[] = {
    {"-3..2", "0..3", 2, false, true, false},  {"-3..-1", "1..3", -1, false, false, false},
    {"-5", "5", -1, false, false, true},       {"0..3", "0..3", 1, false, true, false},
    {"-3..0", "0..3", -1, false, true, false}, {"0", "0", 0, true, true, true},
    {"7/2", "7/2", 1, false, false, false},
};

START_TEST(test_predicates) {
  num a, r;
  num_init(&a);
  num_init(&r);
  num_parse(&a, preds[_i].a);
  num_abs(&r, &a);
  char got[64];
  num_show(&r, got, sizeof got);
  ck_assert_str_eq(got, preds[_i].abs);
  ck_assert_int_eq(num_sign(&a), preds[_i].sign);
  ck_assert_int_eq(num_is_zero(&a), preds[_i].zero);
  ck_assert_int_eq(num_contains_zero(&a), preds[_i].contains_zero);
  ck_assert_int_eq(num_is_integer(&a), preds[_i].integer);
  num_clear(&a);
  num_clear(&r);
}
END_TEST

START_TEST(test_set_range) {
  num a, b, r;
  num_init(&a);
  num_init(&b);
  num_init(&r);
  num_set_si(&a, 5);
  num_set_si(&b, 1);
  num_set_range(&r, &a, &b); /* ordered */
  char got[64];
  num_show(&r, got, sizeof got);
  ck_assert_str_eq(got, "1..5");
  ck_assert(r.range);
  num_parse(&a, "1..10");
  num_parse(&b, "2..3");
  num_set_range(&r, &a, &b); /* the hull */
  num_show(&r, got, sizeof got);
  ck_assert_str_eq(got, "1..10");
  num_clear(&a);
  num_clear(&b);
  num_clear(&r);
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("num");
  TCase *tc = tcase_create("arith");
  SUITE_LOOP(tc, test_arith, arith);
  tcase_add_test(tc, test_reuse);
  tcase_add_test(tc, test_set_sizes);
  tcase_add_test(tc, test_alias);
  tcase_add_test(tc, test_small_products);
  tcase_add_test(tc, test_from_whole);
  tcase_add_test(tc, test_log2_ceil);
  tcase_add_test(tc, test_flags);
  tcase_add_test(tc, test_size_limit);
  tcase_add_test(tc, test_set_range);
  SUITE_LOOP(tc, test_predicates, preds);
  suite_add_tcase(s, tc);
  tc = tcase_create("pow");
  SUITE_LOOP(tc, test_pow, pows);
  suite_add_tcase(s, tc);
  tc = tcase_create("decimal");
  SUITE_LOOP(tc, test_decimal, decs);
  SUITE_LOOP(tc, test_decimal_fast, decfast);
  tcase_add_test(tc, test_decimal_exponent_overflow);
  suite_add_tcase(s, tc);
  tc = tcase_create("round");
  SUITE_LOOP(tc, test_round, rounds);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
