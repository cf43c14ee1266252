/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_dec.c -- decimal digits of small rationals in native integers
 * (src/dec.c) against a plain GMP reference: rounding half up to 1..18
 * significant digits, terminating expansions, digits of |x| * 10^frac.
 * Thousands of rationals from a fixed seed, then the edges: carries
 * (9.9995 -> 10.00), halfway cases, the limb limits of each function. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dec.h"
#include "suite.h"

/* dec.c answers only with 128-bit integers and 64-bit limbs; elsewhere
 * every function answers false and only the refusals are checked. */
#if defined(__SIZEOF_INT128__) && GMP_NUMB_BITS == 64 && GMP_NAIL_BITS == 0
#define NATIVE 1
#else
#define NATIVE 0
#endif

#define SEED 20240611UL /* the random cases are the same on every run */
#define NRANDOM 600     /* rationals per row of rdigits / rscaled */

/* ---- the reference ------------------------------------------------------ */

/* q = 10^k (k may be negative). */
static void pow10_q(mpq_t q, long k) {
  mpz_ui_pow_ui(mpq_numref(q), 10, (unsigned long)(k < 0 ? -k : k));
  mpz_set_ui(mpq_denref(q), 1);
  if (k < 0) mpq_inv(q, q);
}

/* e = floor(log10 a) for a > 0, exactly. */
static long ref_exp10(const mpq_t a) {
  long e = (long)mpz_sizeinbase(mpq_numref(a), 10) - (long)mpz_sizeinbase(mpq_denref(a), 10);
  mpq_t p;
  mpq_init(p);
  for (;;) {
    pow10_q(p, e);
    if (mpq_cmp(p, a) > 0) {
      e--;
      continue;
    }
    pow10_q(p, e + 1);
    if (mpq_cmp(p, a) <= 0) {
      e++;
      continue;
    }
    break;
  }
  mpq_clear(p);
  return e;
}

/* mant = floor(|x| * 10^(digits-1-e) + 1/2), e = floor(log10 |x|), with the
 * carry 9.99 -> 10.0 moved into e; exact when nothing was rounded away. */
static void ref_round(const mpq_t x, int digits, mpz_t mant, long *e, bool *exact) {
  mpq_t a;
  mpq_init(a);
  mpq_abs(a, x);
  long ex = ref_exp10(a);
  long k = digits - 1 - ex;
  mpz_t n, d, t;
  mpz_inits(n, d, t, NULL);
  mpz_ui_pow_ui(t, 10, (unsigned long)(k < 0 ? -k : k));
  mpz_set(n, mpq_numref(a));
  mpz_set(d, mpq_denref(a));
  if (k >= 0) mpz_mul(n, n, t);
  else mpz_mul(d, d, t);
  *exact = mpz_divisible_p(n, d);
  mpz_mul_2exp(n, n, 1); /* floor((2n + d) / 2d) */
  mpz_add(n, n, d);
  mpz_mul_2exp(d, d, 1);
  mpz_fdiv_q(mant, n, d);
  mpz_ui_pow_ui(t, 10, (unsigned long)digits);
  if (mpz_cmp(mant, t) == 0) {
    mpz_divexact_ui(mant, mant, 10);
    ex++;
  }
  *e = ex;
  mpz_clears(n, d, t, NULL);
  mpq_clear(a);
}

/* dec_round's domain: x != 0, |numerator| < 2^128, denominator < 2^64. */
static bool round_in_reach(const mpq_t x, int digits) {
  return NATIVE && digits >= 1 && digits <= 18 && mpq_sgn(x) != 0 && mpz_sizeinbase(mpq_numref(x), 2) <= 128 &&
         mpz_sizeinbase(mpq_denref(x), 2) <= 64;
}

/* dec_round(x) agrees with the reference, or refuses outside its domain. */
static void check_round(const mpq_t x, int digits) {
  unsigned long long mant = 12345;
  long e = 12345;
  bool exact = true;
  bool ok = dec_round(x, digits, &mant, &e, &exact);
  char *xs = mpq_get_str(NULL, 10, x);
  if (!round_in_reach(x, digits)) {
    ck_assert_msg(!ok, "dec_round(%s, %d) answered out of reach", xs, digits);
    free(xs);
    return;
  }
  ck_assert_msg(ok, "dec_round(%s, %d) refused", xs, digits);
  mpz_t want;
  mpz_init(want);
  long we;
  bool wexact;
  ref_round(x, digits, want, &we, &wexact);
  char got[32], *ws = mpz_get_str(NULL, 10, want);
  snprintf(got, sizeof got, "%llu", mant);
  ck_assert_msg(strcmp(got, ws) == 0 && e == we && exact == wexact,
                "dec_round(%s, %d) = %s e%ld exact %d, want %s e%ld exact %d", xs, digits, got, e, exact, ws, we,
                wexact);
  ck_assert_uint_eq(strlen(got), (size_t)digits); /* exactly `digits` digits */
  free(ws);
  free(xs);
  mpz_clear(want);
}

/* The reference of dec_terminates: 1 and the digits after the point when
 * den = 2^a 5^b, 0 otherwise, -1 past one limb (64 bits). */
static int ref_terminates(mpz_srcptr den, size_t *frac) {
  if (mpz_sizeinbase(den, 2) > 64) return -1;
  mpz_t r, f;
  mpz_init_set(r, den);
  mpz_init_set_ui(f, 2);
  size_t a = (size_t)mpz_remove(r, r, f);
  mpz_set_ui(f, 5);
  size_t b = (size_t)mpz_remove(r, r, f);
  int ok = mpz_cmp_ui(r, 1) == 0;
  if (ok) *frac = a > b ? a : b;
  mpz_clears(r, f, NULL);
  return ok;
}

/* |x| * 10^frac as decimal digits, or "" when frac > 19 or the value
 * passes 128 bits (x * 10^frac must be whole). */
static void ref_scaled(const mpq_t x, size_t frac, char *out, size_t sz) {
  out[0] = 0;
  if (frac > 19) return;
  mpz_t v, t;
  mpz_inits(v, t, NULL);
  mpz_ui_pow_ui(t, 10, (unsigned long)frac);
  mpz_mul(v, mpq_numref(x), t);
  mpz_abs(v, v);
  ck_assert(mpz_divisible_p(v, mpq_denref(x)));
  mpz_divexact(v, v, mpq_denref(x));
  if (mpz_sizeinbase(v, 2) <= 128) {
    ck_assert_uint_lt(mpz_sizeinbase(v, 10), sz);
    mpz_get_str(out, 10, v);
  }
  mpz_clears(v, t, NULL);
}

static void check_scaled(const mpq_t x, size_t frac) {
  char want[64], got[DEC_DIGITS_MAX + 1];
  memset(got, 'X', sizeof got);
  ref_scaled(x, frac, want, sizeof want);
  size_t n = dec_scaled(x, frac, got);
  char *xs = mpq_get_str(NULL, 10, x);
  if (!NATIVE) {
    ck_assert_msg(n == 0, "dec_scaled(%s, %zu) answered without native integers", xs, frac);
  } else if (!want[0]) {
    ck_assert_msg(n == 0, "dec_scaled(%s, %zu) = %zu digits, want 0", xs, frac, n);
  } else {
    ck_assert_msg(n == strlen(want) && memchr(got, 0, sizeof got) && strcmp(got, want) == 0,
                  "dec_scaled(%s, %zu) = %zu '%.*s', want '%s'", xs, frac, n, (int)n, got, want);
  }
  free(xs);
}

/* ---- random rationals --------------------------------------------------- */

/* A random rational in one of several shapes: plain uniform bits, long runs
 * of ones and zeros (2^k - 1, 2^k), halfway at `digits` digits, and near a
 * power of ten. Numerators up to 128 bits, denominators up to 64, random
 * sign; now and then just past the limits. */
static void random_q(mpq_t x, gmp_randstate_t rs, int digits) {
  mpz_ptr n = mpq_numref(x), d = mpq_denref(x);
  mpz_t t;
  mpz_init(t);
  switch (gmp_urandomm_ui(rs, 5)) {
  case 0:
    mpz_urandomb(n, rs, 1 + gmp_urandomm_ui(rs, 128));
    mpz_urandomb(d, rs, 1 + gmp_urandomm_ui(rs, 64));
    break;
  case 1:
    mpz_rrandomb(n, rs, 1 + gmp_urandomm_ui(rs, 128));
    mpz_rrandomb(d, rs, 1 + gmp_urandomm_ui(rs, 64));
    break;
  case 2: { /* (mant + 1/2) * 10^s: halfway at `digits` digits */
    long s = (long)gmp_urandomm_ui(rs, 40) - 19;
    mpz_ui_pow_ui(t, 10, (unsigned long)digits - 1);
    mpz_mul_ui(n, t, 9);
    mpz_urandomm(n, rs, n);
    mpz_add(n, n, t); /* mant: exactly `digits` digits */
    mpz_mul_2exp(n, n, 1);
    mpz_add_ui(n, n, 1);
    mpz_set_ui(d, 2);
    mpz_ui_pow_ui(t, 10, (unsigned long)(s < 0 ? -s : s));
    if (s < 0) mpz_mul(d, d, t);
    else mpz_mul(n, n, t);
    break;
  }
  case 3: { /* (10^k + delta) / den */
    unsigned long k = gmp_urandomm_ui(rs, 39);
    mpz_urandomb(d, rs, 1 + gmp_urandomm_ui(rs, 64));
    if (mpz_sgn(d) == 0) mpz_set_ui(d, 1);
    mpz_ui_pow_ui(n, 10, k);
    mpz_mul(n, n, d);
    unsigned long delta = gmp_urandomm_ui(rs, 3);
    if (delta == 1) mpz_add_ui(n, n, 1);
    else if (delta == 2 && mpz_cmp_ui(n, 1) > 0) mpz_sub_ui(n, n, 1);
    break;
  }
  default: /* at and just past the limits */
    mpz_urandomb(n, rs, 120 + gmp_urandomm_ui(rs, 12));
    mpz_urandomb(d, rs, 56 + gmp_urandomm_ui(rs, 12));
    break;
  }
  if (mpz_sgn(n) == 0) mpz_set_ui(n, 1);
  if (mpz_sgn(d) == 0) mpz_set_ui(d, 1);
  if (gmp_urandomb_ui(rs, 1)) mpz_neg(n, n);
  mpq_canonicalize(x);
  mpz_clear(t);
}

static const int rdigits[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18};

START_TEST(test_round_random) {
  int digits = rdigits[_i];
  gmp_randstate_t rs;
  gmp_randinit_default(rs);
  gmp_randseed_ui(rs, SEED + (unsigned long)digits);
  mpq_t x;
  mpq_init(x);
  for (int k = 0; k < NRANDOM; k++) {
    random_q(x, rs, digits);
    check_round(x, digits);
    check_round(x, digits == 18 ? 1 : digits + 1); /* the same value at another width */
  }
  mpq_clear(x);
  gmp_randclear(rs);
}
END_TEST

/* Edges, with the answers written out as well as checked by the reference. */
static const struct {
  const char *x;
  int digits;
  bool ok;
  const char *mant; /* when ok */
  long e;
  bool exact;
} rounds[] = {
    {"1", 1, true, "1", 0, true},
    {"1", 18, true, "100000000000000000", 0, true},
    {"-1", 3, true, "100", 0, true},
    {"10", 3, true, "100", 1, true},
    {"1000000000000000000", 18, true, "100000000000000000", 18, true},
    {"100000000000000000000000000000000000000", 5, true, "10000", 38, true}, /* 10^38 */
    {"1/1000000000000000000", 2, true, "10", -18, true},
    {"999", 2, true, "10", 3, false},                                    /* 10^3 - 1: carry */
    {"999999999999999999", 18, true, "999999999999999999", 17, true},    /* 10^18 - 1 */
    {"99999999999999999999", 18, true, "100000000000000000", 20, false}, /* 10^20 - 1 */
    {"99999999999999999999999999999999999999", 1, true, "1", 38, false}, /* 10^38 - 1 */
    {"1/2", 1, true, "5", -1, true},
    {"3/2", 1, true, "2", 0, false}, /* halfway: up */
    {"5/2", 1, true, "3", 0, false},
    {"-5/2", 1, true, "3", 0, false},  /* on |x| */
    {"1/8", 2, true, "13", -1, false}, /* 125/1000 at 2 digits */
    {"1/8", 3, true, "125", -1, true},
    {"19999/2000", 4, true, "1000", 1, false}, /* 9.9995 -> 10.00 */
    {"199999/2", 5, true, "10000", 5, false},  /* 99999.5 -> 100000 */
    {"19/20", 1, true, "1", 0, false},         /* 0.95 -> 1 */
    {"2/3", 1, true, "7", -1, false},
    {"-1/3", 3, true, "333", -1, false},
    {"1/18446744073709551615", 6, true, "542101", -20, false}, /* 1/(2^64 - 1) */
    {"1/18446744073709551615", 18, true, "542101086242752217", -20, false},
    {"340282366920938463463374607431768211455", 18, true, "340282366920938463", 38, false}, /* 2^128 - 1 */
    {"340282366920938463463374607431768211455", 1, true, "3", 38, false},
    {"-340282366920938463463374607431768211455/18446744073709551615", 18, true, "184467440737095516", 19, false},
    /* a remainder near 2^64: each digit needs the 128-bit product */
    {"18446744073709551614/18446744073709551615", 18, true, "100000000000000000", 0, false},
    {"18446744073709551613/18446744073709551614", 5, true, "10000", 0, false},
    /* out of reach */
    {"340282366920938463463374607431768211456", 3, false, NULL, 0, false}, /* 2^128: 3 limbs */
    {"1/18446744073709551616", 3, false, NULL, 0, false},                  /* 2^64: 2 limbs */
    {"340282366920938463463374607431768211456/18446744073709551617", 3, false, NULL, 0, false},
    {"0", 3, false, NULL, 0, false},
    {"1", 0, false, NULL, 0, false},
    {"1", 19, false, NULL, 0, false},
    {"1", -1, false, NULL, 0, false},
};

START_TEST(test_round_edges) {
  mpq_t x;
  mpq_init(x);
  ck_assert_int_eq(mpq_set_str(x, rounds[_i].x, 10), 0);
  mpq_canonicalize(x);
  unsigned long long mant = 0;
  long e = 0;
  bool exact = false;
  bool ok = dec_round(x, rounds[_i].digits, &mant, &e, &exact);
  ck_assert_msg(ok == (NATIVE && rounds[_i].ok), "dec_round(%s, %d): %d", rounds[_i].x, rounds[_i].digits, ok);
  if (ok) {
    char got[32];
    snprintf(got, sizeof got, "%llu", mant);
    ck_assert_msg(strcmp(got, rounds[_i].mant) == 0 && e == rounds[_i].e && exact == rounds[_i].exact,
                  "dec_round(%s, %d) = %s e%ld exact %d, want %s e%ld exact %d", rounds[_i].x, rounds[_i].digits, got,
                  e, exact, rounds[_i].mant, rounds[_i].e, rounds[_i].exact);
  }
  check_round(x, rounds[_i].digits);
  mpq_clear(x);
}
END_TEST

/* ---- dec_terminates ----------------------------------------------------- */

static const struct {
  const char *den;
  int want;
  size_t frac;
} terms[] = {
    {"1", 1, 0},
    {"2", 1, 1},
    {"5", 1, 1},
    {"10", 1, 1},
    {"8", 1, 3},
    {"9223372036854775808", 1, 63},  /* 2^63 */
    {"7450580596923828125", 1, 27},  /* 5^27 */
    {"128000", 1, 10},               /* 2^10 5^3 */
    {"10000000000000000000", 1, 19}, /* 10^19 */
    {"3", 0, 0},
    {"6", 0, 0},
    {"7", 0, 0},
    {"18446744073709551615", 0, 0},  /* 2^64 - 1 = 3 5 17 257 641 65537 6700417 */
    {"18446744073709551616", -1, 0}, /* 2^64: two limbs */
    {"18446744073709551617", -1, 0},
    {"36893488147419103232", -1, 0}, /* 2^65 */
};

START_TEST(test_terminates) {
  mpz_t d;
  ck_assert_int_eq(mpz_init_set_str(d, terms[_i].den, 10), 0);
  size_t frac = 777;
  int got = dec_terminates(d, &frac);
  ck_assert_msg(got == terms[_i].want, "dec_terminates(%s) = %d, want %d", terms[_i].den, got, terms[_i].want);
  if (got == 1)
    ck_assert_msg(frac == terms[_i].frac, "dec_terminates(%s): frac %zu, want %zu", terms[_i].den, frac,
                  terms[_i].frac);
  mpz_clear(d);
}
END_TEST

/* Random denominators: products of 2s, 5s and sometimes another factor. */
START_TEST(test_terminates_random) {
  gmp_randstate_t rs;
  gmp_randinit_default(rs);
  gmp_randseed_ui(rs, SEED);
  mpz_t d, t;
  mpz_inits(d, t, NULL);
  for (int k = 0; k < 5000; k++) {
    mpz_ui_pow_ui(d, 2, gmp_urandomm_ui(rs, 66));
    mpz_ui_pow_ui(t, 5, gmp_urandomm_ui(rs, 29));
    mpz_mul(d, d, t);
    if (gmp_urandomm_ui(rs, 3) == 0) mpz_mul_ui(d, d, 1 + gmp_urandomm_ui(rs, 1000));
    size_t want = 0, got = 0;
    int w = ref_terminates(d, &want), g = dec_terminates(d, &got);
    char *ds = mpz_get_str(NULL, 10, d);
    ck_assert_msg(g == w && (w != 1 || got == want), "dec_terminates(%s) = %d frac %zu, want %d frac %zu", ds, g, got,
                  w, want);
    free(ds);
  }
  mpz_clears(d, t, NULL);
  gmp_randclear(rs);
}
END_TEST

/* ---- dec_scaled --------------------------------------------------------- */

static const struct {
  const char *x;
  size_t frac;
  const char *want; /* "" when dec_scaled must answer 0 */
} scaled[] = {
    {"0", 0, "0"},
    {"7", 0, "7"},
    {"-7", 2, "700"},
    {"1/8", 3, "125"},
    {"1/8", 5, "12500"},
    {"-5/2", 1, "25"},
    {"1/1024", 10, "9765625"},
    {"1/10000000000000000000", 19, "1"}, /* 10^-19 */
    {"7", 19, "70000000000000000000"},   /* past 64 bits, under 128 */
    {"1/3814697265625", 18, "262144"},   /* 10^18 / 5^18 = 2^18 */
    {"1/7450580596923828125", 27, ""},   /* 5^-27: 27 digits, past 19 */
    {"170141183460469231731687303715884105727/5", 1, "340282366920938463463374607431768211454"}, /* (2^127-1)/5 */
    {"340282366920938463463374607431768211455", 0, "340282366920938463463374607431768211455"},   /* 2^128 - 1 */
    {"34028236692093846346337460743176821145", 1, "340282366920938463463374607431768211450"},
    {"340282366920938463463374607431768211455", 1, ""},   /* passes 128 bits */
    {"340282366920938463463374607431768211453/5", 1, ""}, /* (2^128-3) * (10/5) passes 128 bits */
    {"340282366920938463463374607431768211456", 0, ""},   /* 2^128: three limbs */
    {"1/2", 20, ""},                                      /* frac > 19 */
    {"1", 40, ""},
};

START_TEST(test_scaled_edges) {
  mpq_t x;
  mpq_init(x);
  ck_assert_int_eq(mpq_set_str(x, scaled[_i].x, 10), 0);
  mpq_canonicalize(x);
  char got[DEC_DIGITS_MAX + 1];
  size_t n = dec_scaled(x, scaled[_i].frac, got);
  if (!NATIVE || !scaled[_i].want[0]) {
    ck_assert_msg(n == 0, "dec_scaled(%s, %zu) = %zu digits, want 0", scaled[_i].x, scaled[_i].frac, n);
  } else {
    ck_assert_msg(n == strlen(scaled[_i].want) && strcmp(got, scaled[_i].want) == 0,
                  "dec_scaled(%s, %zu) = %zu '%.*s', want '%s'", scaled[_i].x, scaled[_i].frac, n, (int)n, got,
                  scaled[_i].want);
  }
  /* The reference agrees with the table (it needs x * 10^frac whole). */
  mpz_t t;
  mpz_init(t);
  mpz_ui_pow_ui(t, 10, scaled[_i].frac);
  mpz_mul(t, t, mpq_numref(x));
  if (scaled[_i].frac > 19 || mpz_divisible_p(t, mpq_denref(x))) check_scaled(x, scaled[_i].frac);
  mpz_clear(t);
  mpq_clear(x);
}
END_TEST

/* Random terminating x = n / (2^a 5^b), at the digits it needs and more,
 * up to 22 (past the limit of 19). */
static const int rscaled[] = {0, 1, 2, 3, 4, 5, 6, 7};

START_TEST(test_scaled_random) {
  gmp_randstate_t rs;
  gmp_randinit_default(rs);
  gmp_randseed_ui(rs, SEED * 7 + (unsigned long)rscaled[_i]);
  mpq_t x;
  mpz_t t;
  mpq_init(x);
  mpz_init(t);
  for (int k = 0; k < NRANDOM; k++) {
    mpz_ui_pow_ui(mpq_denref(x), 2, gmp_urandomm_ui(rs, 64));
    mpz_ui_pow_ui(t, 5, gmp_urandomm_ui(rs, 28));
    mpz_mul(mpq_denref(x), mpq_denref(x), t);
    if (mpz_sizeinbase(mpq_denref(x), 2) > 64) mpz_set(mpq_denref(x), t);
    if (gmp_urandomb_ui(rs, 1)) mpz_urandomb(mpq_numref(x), rs, 1 + gmp_urandomm_ui(rs, 128));
    else mpz_rrandomb(mpq_numref(x), rs, 1 + gmp_urandomm_ui(rs, 128));
    if (gmp_urandomb_ui(rs, 1)) mpz_neg(mpq_numref(x), mpq_numref(x));
    mpq_canonicalize(x);
    size_t frac = 0;
    ck_assert_int_eq(dec_terminates(mpq_denref(x), &frac), 1);
    for (size_t f = frac; f <= 22 && f <= frac + 4; f++) check_scaled(x, f);
  }
  mpz_clear(t);
  mpq_clear(x);
  gmp_randclear(rs);
}
END_TEST

/* dec_whole: |z| in digits up to 2^128 - 1, 0 past it, as GMP writes it. */
START_TEST(test_whole) {
  static const char *const zs[] = {"0",
                                   "7",
                                   "-42",
                                   "99",
                                   "100",
                                   "18446744073709551615",
                                   "18446744073709551616",
                                   "-340282366920938463463374607431768211455",
                                   "340282366920938463463374607431768211456"};
  for (size_t i = 0; i < sizeof zs / sizeof zs[0]; i++) {
    mpz_t z;
    mpz_init_set_str(z, zs[i], 10);
    char got[DEC_DIGITS_MAX + 1], want[64];
    size_t n = dec_whole(z, got);
    mpz_abs(z, z);
    mpz_get_str(want, 10, z);
    if (!NATIVE || mpz_sizeinbase(z, 2) > 128) ck_assert_msg(n == 0, "%s: %zu digits", zs[i], n);
    else ck_assert_msg(n == strlen(want) && strcmp(got, want) == 0, "%s: '%s'", zs[i], got);
    mpz_clear(z);
  }
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("dec");
  TCase *tc = tcase_create("round");
  SUITE_LOOP(tc, test_round_random, rdigits);
  SUITE_LOOP(tc, test_round_edges, rounds);
  suite_add_tcase(s, tc);
  tc = tcase_create("terminates");
  SUITE_LOOP(tc, test_terminates, terms);
  tcase_add_test(tc, test_terminates_random);
  suite_add_tcase(s, tc);
  tc = tcase_create("scaled");
  SUITE_LOOP(tc, test_scaled_edges, scaled);
  SUITE_LOOP(tc, test_scaled_random, rscaled);
  tcase_add_test(tc, test_whole);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
