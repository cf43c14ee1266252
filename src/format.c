/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * format.c -- quantities to text for people.
 *
 * Rules: an exact result that is short prints
 * exactly with grouped digits; anything else prints "≈" and N significant
 * digits. Automatic prefixes are chosen after rounding, so "1000 kB" or
 * "1000 million" never appear. Ranges read "between A and B unit". Large
 * plain counts use scale words (million .. quadrillion). Everything is
 * built into a buf; nothing here prints.
 */
#include "format.h"

#include "dec.h"

#include <limits.h>
#include <mpfr.h>
#include <stdlib.h>
#include <string.h>

#define FORMAT_EXACT_DIGITS 20 /* exact results up to this many digits print in full */
#define FORMAT_SCI_EXP 21      /* 10^21 and above print in scientific notation */

/* -1, 0, 1: compare |x| with 10^e, where p = 10^|e|. */
static int format_cmp_pow10(const mpq_t x, long e, const mpz_t p) {
  mpz_t l, r;
  mpz_inits(l, r, NULL);
  mpz_abs(l, mpq_numref(x));
  mpz_set(r, mpq_denref(x));
  if (e >= 0) mpz_mul(r, r, p);
  else mpz_mul(l, l, p);
  int c = mpz_cmp(l, r);
  mpz_clears(l, r, NULL);
  return c;
}

/* Moves e by one (step +1 or -1) and p = 10^|e| with it: a product or an
 * exact quotient by 10, not a new power (a power of 10 of millions of
 * digits costs a tenth of a second). */
static void format_step_pow10(mpz_t p, long *e, int step) {
  long to = *e + step;
  if ((to < 0 ? -to : to) > (*e < 0 ? -*e : *e)) mpz_mul_ui(p, p, 10);
  else mpz_divexact_ui(p, p, 10);
  *e = to;
}

/* floor(log10 |x|) for x != 0; p is left at 10^|that + 1|. The estimate
 * from the digit counts is off by at most two, so one power and a few
 * comparisons settle it. */
static long format_log10(const mpq_t x, mpz_t p) {
  long e = (long)mpz_sizeinbase(mpq_numref(x), 10) - (long)mpz_sizeinbase(mpq_denref(x), 10);
  mpz_ui_pow_ui(p, 10, (unsigned long)(e < 0 ? -e : e));
  while (format_cmp_pow10(x, e, p) < 0) format_step_pow10(p, &e, -1);
  format_step_pow10(p, &e, 1);
  while (format_cmp_pow10(x, e, p) >= 0) format_step_pow10(p, &e, 1);
  return e - 1;
}

/* ---- rounding a large rational through MPFR ----------------------------- */

/* A rational of more bits than this is rounded through MPFR first: bounds
 * of it at a few bits more than the digits asked, so that no power of ten
 * of its size is needed; the exact way is kept for values that sit on (or
 * within 2^-64 or so of) a rounding boundary. */
#define FORMAT_BIG_BITS 8192

typedef struct {
  mpfr_exp_t emin, emax;
  mpfr_flags_t flags;
} format_mpfr_state;

/* MPFR's exponent range and flags are global: saved, widened, restored. */
static void format_mpfr_enter(format_mpfr_state *st) {
  st->emin = mpfr_get_emin();
  st->emax = mpfr_get_emax();
  st->flags = mpfr_flags_save();
  mpfr_set_emin(mpfr_get_emin_min());
  mpfr_set_emax(mpfr_get_emax_max());
}

static void format_mpfr_leave(const format_mpfr_state *st) {
  mpfr_set_emin(st->emin);
  mpfr_set_emax(st->emax);
  mpfr_flags_restore(st->flags, MPFR_FLAGS_ALL);
}

/* mant and e of b > 0 rounded to n significant digits with rnd, as
 * b ~ mant * 10^(e - n + 1). `str` holds n + 2 bytes. */
static void format_mpfr_digits(mpz_t mant, long *e, mpfr_srcptr b, int n, mpfr_rnd_t rnd, char *str) {
  mpfr_exp_t ex;
  mpfr_get_str(str, &ex, 10, (size_t)n, b, rnd);
  mpz_set_str(mant, str, 10);
  *e = (long)ex - 1;
}

/* Is |x| exactly mant * 10^s? Cheap tests first (the powers of 2 and the
 * size of the denominator), the products only when they pass. */
static bool format_is_decimal(const mpq_t x, const mpz_t mant, long s) {
  mpz_srcptr nu = mpq_numref(x), de = mpq_denref(x);
  if (s >= 0) {
    if (mpz_cmp_ui(de, 1) != 0 || mpz_scan1(nu, 0) < (mp_bitcnt_t)s) return false;
  } else {
    /* de must divide 10^-s: de = 2^a 5^b with a, b <= -s. */
    mp_bitcnt_t a = mpz_scan1(de, 0);
    if (a > (mp_bitcnt_t)-s || mpz_sizeinbase(de, 2) > a + 1 + (size_t)(-s) * 3) return false;
  }
  mpz_t l, r;
  mpz_inits(l, r, NULL);
  mpz_ui_pow_ui(r, 10, (unsigned long)(s < 0 ? -s : s));
  if (s >= 0) {
    mpz_mul(r, r, mant);
    mpz_abs(l, nu);
  } else {
    mpz_mul(l, r, nu);
    mpz_abs(l, l);
    mpz_mul(r, mant, de);
  }
  bool eq = mpz_cmp(l, r) == 0;
  mpz_clears(l, r, NULL);
  return eq;
}

/* Could |x| be m 10^s with m of at most 1001 digits: a decimal short
 * enough to print exactly, or a tie between two? Only such a number needs
 * the exact tests, which cost products of its size; this necessary
 * condition takes a few linear passes. An integer must be divisible by
 * 2^s and 5^s for an s of at least log10 |x| - 1002; a fraction's
 * numerator must be small and its denominator 2^a 5^b, a close to b (b
 * from its size, checked modulo a prime). */
static bool format_decimal_like(const mpq_t x) {
  mpz_srcptr nu = mpq_numref(x), de = mpq_denref(x);
  if (mpz_cmp_ui(de, 1) == 0) {
    long s0 = (long)((double)(mpz_sizeinbase(nu, 2) - 1) * 0.30102999566398) - 1002;
    if (s0 <= 0) return true;
    if (mpz_scan1(nu, 0) < (mp_bitcnt_t)s0) return false;
    unsigned long f = 1; /* 5^min(s0, 27), or less where a long has 32 bits */
    for (long i = 0; i < 27 && i < s0 && f <= ULONG_MAX / 5; i++) f *= 5;
    return mpz_divisible_ui_p(nu, f);
  }
  /* |x| = m / 10^t: the numerator divides m, and the gcd of m and 10^t
   * leaves den = 2^a 5^b with a and b within log2 m of t. */
  if (mpz_sizeinbase(nu, 2) > 3330) return false;
  mp_bitcnt_t a = mpz_scan1(de, 0);
  size_t ob = mpz_sizeinbase(de, 2) - a;                  /* bits of the odd part */
  long b0 = (long)((double)(ob - 1) / 2.321928094887362); /* 5^b has floor(b log2 5) + 1 bits */
  if ((long)a - b0 > 3400 || b0 - (long)a > 3400) return false;
  if (ob == 1) return true;
  mpz_t t, m, p;
  mpz_inits(t, m, p, NULL);
  mpz_fdiv_q_2exp(t, de, a);
  mpz_setbit(m, 64); /* m was 0: 2^64 - 59, a prime */
  mpz_sub_ui(m, m, 59);
  mpz_mod(t, t, m);
  bool ok = false;
  for (long b = b0 - 1; b <= b0 + 1 && !ok; b++) {
    if (b < 1) continue;
    mpz_set_ui(p, 5);
    mpz_powm_ui(p, p, (unsigned long)b, m);
    ok = mpz_cmp(p, t) == 0;
  }
  mpz_clears(t, m, p, NULL);
  return ok;
}

/* format_round for a large x: true when decided, with mant, e and
 * *exact; false when x is too close to a rounding boundary to tell. */
static bool format_round_big(const mpq_t x, int digits, mpz_t mant, long *e, bool *exact) {
  format_mpfr_state ms;
  format_mpfr_enter(&ms);
  char *str = malloc((size_t)digits + 3);
  int dec = -1; /* format_decimal_like(x), asked only when needed */
  bool done = false;
  mpz_t m2;
  mpz_init(m2);
  long e2;
  mpfr_t lo, hi;
  mpfr_inits2(MPFR_PREC_MIN, lo, hi, (mpfr_ptr)0);
  /* At a few bits more than the digits first; a value near a boundary
   * (but not on it: ties are found below) gets closer bounds. */
  mpfr_prec_t p = (mpfr_prec_t)digits * 10 / 3 + 72;
  for (int round = 0; str && !done && round < 3; round++, p *= 16) {
    mpfr_set_prec(lo, p);
    mpfr_set_prec(hi, p);
    bool neg = mpq_sgn(x) < 0;
    mpfr_set_q(lo, x, neg ? MPFR_RNDU : MPFR_RNDD);
    mpfr_set_q(hi, x, neg ? MPFR_RNDD : MPFR_RNDU);
    mpfr_abs(lo, lo, MPFR_RNDN); /* exact: now lo <= |x| <= hi */
    mpfr_abs(hi, hi, MPFR_RNDN);
    if (mpfr_equal_p(lo, hi)) {
      /* |x| is the float itself: decide its rounding half up. */
      format_mpfr_digits(mant, e, lo, digits, MPFR_RNDD, str);
      format_mpfr_digits(m2, &e2, lo, digits, MPFR_RNDU, str);
      *exact = *e == e2 && mpz_cmp(mant, m2) == 0;
      if (!*exact) {
        /* A tie has exactly digits + 1 digits, the last a 5: up. */
        long e3, e4;
        mpz_t m3;
        mpz_init(m3);
        format_mpfr_digits(m3, &e3, lo, digits + 1, MPFR_RNDD, str);
        format_mpfr_digits(m2, &e4, lo, digits + 1, MPFR_RNDU, str);
        bool tie = e3 == e4 && mpz_cmp(m3, m2) == 0 && mpz_fdiv_ui(m3, 10) == 5;
        mpz_clear(m3);
        format_mpfr_digits(mant, e, lo, digits, tie ? MPFR_RNDU : MPFR_RNDN, str);
      }
      done = true;
      break;
    }
    /* lo < |x| < hi: when both round to the same digits, so does x (a
     * boundary between them would split them). */
    format_mpfr_digits(mant, e, lo, digits, MPFR_RNDN, str);
    format_mpfr_digits(m2, &e2, hi, digits, MPFR_RNDN, str);
    if (dec < 0) dec = format_decimal_like(x);
    if (*e == e2 && mpz_cmp(mant, m2) == 0) {
      *exact = dec && format_is_decimal(x, mant, *e - digits + 1);
      done = true;
    } else if (dec) {
      /* Exactly halfway, (10 mant + 5) 10^(s - 1), rounds up, as hi. */
      mpz_mul_ui(mant, mant, 10);
      mpz_add_ui(mant, mant, 5);
      if (format_is_decimal(x, mant, *e - digits)) {
        mpz_swap(mant, m2);
        *e = e2;
        *exact = false;
        done = true;
      }
    }
  }
  mpz_clear(m2);
  free(str);
  mpfr_clears(lo, hi, (mpfr_ptr)0);
  format_mpfr_leave(&ms);
  return done;
}

unsigned long long format_limbs(const num *x, unsigned long long *lg) {
  unsigned long long l = num_limbs64(mpq_numref(x->lo)) + num_limbs64(mpq_denref(x->lo)) + 1;
  if (x->range) l += num_limbs64(mpq_numref(x->hi)) + num_limbs64(mpq_denref(x->hi));
  *lg = num_log2_ceil(l);
  return l;
}

/* Calibrated like num_work (GMP 6.3, MPFR 4.2): a rounding of a large
 * number reads it into MPFR twice (about 50 ns a limb each), and the unit
 * chosen divides it by small numbers; a number that may be a short
 * decimal is tested exactly, with a power and a product of its size. A small
 * number is rounded exactly. A conversion of all the digits to decimal
 * costs about three products. */
unsigned long long format_work(const num *x) {
  unsigned long long w = 0;
  for (int i = 0; i < (x->range ? 2 : 1); i++) {
    mpq_srcptr q = i ? x->hi : x->lo;
    unsigned long long l = num_limbs64(mpq_numref(q)) + num_limbs64(mpq_denref(q)) + 1, lg = num_log2_ceil(l);
    if (num_qbits(q) <= FORMAT_BIG_BITS) w += 100 + 20 * l * lg;
    else if (format_decimal_like(q)) w += 40 * l * lg;
    else w += 100 + 200 * l;
  }
  return w;
}

unsigned long long format_work_digits(const num *x) {
  unsigned long long lg, l = format_limbs(x, &lg);
  return 100 + 60 * l * lg;
}

/* |x| ~ mant * 10^(e - digits + 1), mant with exactly `digits` digits,
 * rounded half up. Returns whether the rounding was exact. When `scale` is
 * not NULL it is set to 10^|e - digits + 1|. */
static bool format_round_scale(const mpq_t x, int digits, mpz_t mant, long *e, mpz_ptr scale) {
  if (mpq_sgn(x) == 0) {
    mpz_set_ui(mant, 0);
    *e = 0;
    if (scale) mpz_ui_pow_ui(scale, 10, (unsigned long)(digits - 1));
    return true;
  }
  unsigned long long m;
  bool ex;
  if (dec_round(x, digits, &m, e, &ex)) {
    mpz_set_ui(mant, (unsigned long)m);
    if (scale) {
      long sh = *e - digits + 1;
      mpz_ui_pow_ui(scale, 10, (unsigned long)(sh < 0 ? -sh : sh));
    }
    return ex;
  }
  if (!scale && num_qbits(x) > FORMAT_BIG_BITS && format_round_big(x, digits, mant, e, &ex)) return ex;
  mpz_t p, nu, den, rem;
  mpz_inits(p, nu, den, rem, NULL);
  *e = format_log10(x, p);
  long shift = digits - 1 - *e;
  /* p = 10^|*e + 1|, and 10^|shift| is p with `digits` places more or
   * less: no second power of ten of millions of digits. */
  if (*e + 1 >= digits) {
    mpz_ui_pow_ui(rem, 10, (unsigned long)digits);
    mpz_divexact(p, p, rem);
  } else if (*e + 1 < 0) {
    mpz_ui_pow_ui(rem, 10, (unsigned long)digits);
    mpz_mul(p, p, rem);
  } else {
    mpz_ui_pow_ui(p, 10, (unsigned long)shift);
  }
  mpz_abs(nu, mpq_numref(x));
  mpz_set(den, mpq_denref(x));
  if (shift >= 0) mpz_mul(nu, nu, p);
  else mpz_mul(den, den, p);
  if (scale) mpz_set(scale, p);
  /* mant = floor(nu/den + 1/2) */
  mpz_mul_2exp(nu, nu, 1);
  mpz_add(nu, nu, den);
  mpz_mul_2exp(den, den, 1);
  mpz_fdiv_qr(mant, rem, nu, den);
  /* Exact when |x| 10^shift was whole: then 2 nu + den = (2 mant + 1) den,
   * so the remainder is exactly half the doubled denominator. */
  mpz_mul_2exp(rem, rem, 1);
  bool exact = mpz_cmp(rem, den) == 0;
  mpz_ui_pow_ui(p, 10, (unsigned long)digits);
  if (mpz_cmp(mant, p) >= 0) { /* 9.9999 rounded up to 10.000 */
    mpz_tdiv_q_ui(mant, mant, 10);
    (*e)++;
    if (scale) {
      if (shift > 0) mpz_divexact_ui(scale, scale, 10);
      else mpz_mul_ui(scale, scale, 10);
    }
  }
  mpz_clears(p, nu, den, rem, NULL);
  return exact;
}

bool format_round(const mpq_t x, int digits, mpz_t mant, long *e) {
  return format_round_scale(x, digits, mant, e, NULL);
}

/* e = 2^k */
static void format_pow2(mpq_t e, long k) {
  mpq_set_ui(e, 1, 1);
  if (k >= 0) mpz_mul_2exp(mpq_numref(e), mpq_numref(e), (mp_bitcnt_t)k);
  else mpz_mul_2exp(mpq_denref(e), mpq_denref(e), (mp_bitcnt_t)-k);
}

int format_certain(const num *x, int want) {
  if (!x->inexact) return want;
  long acc = num_acc_bits(x);
  if (acc == LONG_MAX) return want;
  if (acc < 4) return 0;
  /* a relative error of 2^-acc can leave at most 1 + (acc - 1) log10 2
   * digits certain; the ends of each bound's interval tell how many do */
  double most = 1 + (double)(acc - 1) * 0.30103;
  int d = most < want ? (int)most : want;
  mpq_t e, lo, hi;
  mpq_inits(e, lo, hi, NULL);
  mpz_t m1, m2;
  mpz_inits(m1, m2, NULL);
  for (; d > 0; d--) {
    bool same = true;
    for (int i = 0; i < (num_is_point(x) ? 1 : 2) && same; i++) {
      mpq_srcptr q = i ? x->hi : x->lo;
      if (x->err[i] <= NUM_ERR_TINY) continue;
      format_pow2(e, x->err[i]);
      mpq_sub(lo, q, e);
      mpq_add(hi, q, e);
      long e1, e2;
      same = mpq_sgn(lo) == mpq_sgn(hi) && mpq_sgn(lo) != 0;
      if (same) {
        format_round(lo, d, m1, &e1);
        format_round(hi, d, m2, &e2);
        same = e1 == e2 && mpz_cmp(m1, m2) == 0;
      }
    }
    if (same) break;
  }
  mpz_clears(m1, m2, NULL);
  mpq_clears(e, lo, hi, NULL);
  return d;
}

void format_bound(buf *b, const num *x) {
  if (x->inexact && (x->err[0] >= NUM_ERR_NONE || x->err[1] >= NUM_ERR_NONE)) {
    buf_puts(b, "unknown");
    return;
  }
  mpq_t m, t, e;
  mpq_inits(m, t, e, NULL);
  for (int i = 0; i < 2; i++) {
    mpq_abs(t, i ? x->hi : x->lo);
    if (x->inexact && x->err[i] > NUM_ERR_TINY) {
      format_pow2(e, x->err[i]);
      mpq_add(t, t, e);
    }
    if (i == 0 || mpq_cmp(t, m) > 0) mpq_set(m, t);
  }
  /* rounding to two digits moves a value down by at most 5 %: 6 % up first */
  mpq_set_ui(t, 106, 100);
  mpq_mul(m, m, t);
  format_sig(b, m, 2, true, NULL);
  mpq_clears(m, t, e, NULL);
}

void format_group(buf *b, const char *d, size_t n, bool grouped) {
  if (!grouped || n <= 3) {
    buf_add(b, d, n);
    return;
  }
  /* grouped in a local buffer, added to b when full and at the end */
  char t[128];
  size_t first = n % 3 ? n % 3 : 3, k = first;
  memcpy(t, d, first);
  for (size_t i = first; i < n; i += 3) {
    if (k + 4 > sizeof t) {
      buf_add(b, t, k);
      k = 0;
    }
    t[k] = ',';
    memcpy(t + k + 1, d + i, 3);
    k += 4;
  }
  buf_add(b, t, k);
}

/* Appends mant * 10^(e - nd + 1) in positional notation. */
static void format_positional(buf *b, const char *d, size_t nd, long e, bool grouped) {
  /* trim trailing zeros of the significant digits that fall after the point */
  if (e >= 0) {
    size_t ip = (size_t)e + 1;
    if (ip >= nd) {
      /* the digits, then zeros up to the point, grouped as one number */
      char *full = malloc(ip + 1);
      if (!full) {
        b->failed = true;
        return;
      }
      memcpy(full, d, nd);
      memset(full + nd, '0', ip - nd);
      format_group(b, full, ip, grouped);
      free(full);
      return;
    }
    format_group(b, d, ip, grouped);
    size_t end = nd;
    while (end > ip && d[end - 1] == '0') end--;
    if (end > ip) {
      buf_putc(b, '.');
      buf_add(b, d + ip, end - ip);
    }
  } else {
    size_t end = nd;
    while (end > 1 && d[end - 1] == '0') end--;
    buf_puts(b, "0.");
    for (long z = 0; z < -e - 1; z++) buf_putc(b, '0');
    buf_add(b, d, end);
  }
}

void format_sig(buf *b, const mpq_t x, int digits, bool grouped, bool *exact) {
  mpz_t mant;
  mpz_init(mant);
  long e;
  bool ex = format_round(x, digits, mant, &e);
  if (exact) *exact = ex;
  if (mpq_sgn(x) < 0 && mpz_sgn(mant)) buf_putc(b, '-');
  char small[DEC_DIGITS_MAX + 1]; /* most mantissas: no string from GMP */
  size_t nd = dec_whole(mant, small);
  char *d = nd ? small : num_zstr(mant);
  if (!d) {
    b->failed = true;
    mpz_clear(mant);
    return;
  }
  if (!nd) nd = strlen(d);
  if (e >= FORMAT_SCI_EXP || e <= -8) {
    size_t end = nd;
    while (end > 1 && d[end - 1] == '0') end--;
    buf_putc(b, d[0]);
    if (end > 1) {
      buf_putc(b, '.');
      buf_add(b, d + 1, end - 1);
    }
    buf_printf(b, grouped ? " \xc3\x97 10^%ld" : "e%ld", e);
  } else {
    format_positional(b, d, nd, e, grouped);
  }
  if (d != small) free(d);
  mpz_clear(mant);
}

/* Digits an exact print of x needs, or SIZE_MAX when it does not terminate. */
static size_t format_exact_digits(const mpq_t x, size_t *fracdigits) {
  /* A denominator of more than ~2.3x as many bits as the digits we would
   * print cannot give a short decimal: say so before dividing anything. */
  if (num_zbits(mpq_denref(x)) > 4 * (FORMAT_EXACT_DIGITS + 8) ||
      num_zbits(mpq_numref(x)) > 4 * (FORMAT_EXACT_DIGITS + 8) + num_zbits(mpq_denref(x)))
    return SIZE_MAX;
  int t = dec_terminates(mpq_denref(x), fracdigits);
  if (t == 0) return SIZE_MAX;
  if (t < 0) {
    mpz_t d, five;
    mpz_init_set(d, mpq_denref(x));
    size_t twos = mpz_scan1(d, 0);
    mpz_fdiv_q_2exp(d, d, twos);
    mpz_init_set_ui(five, 5);
    size_t fives = (size_t)mpz_remove(d, d, five);
    mpz_clear(five);
    bool term = mpz_cmp_ui(d, 1) == 0;
    mpz_clear(d);
    if (!term) return SIZE_MAX;
    *fracdigits = twos > fives ? twos : fives;
  }
  size_t intd = mpz_sizeinbase(mpq_numref(x), 10);
  size_t dd = mpz_sizeinbase(mpq_denref(x), 10);
  return intd > dd ? intd - dd + 1 + *fracdigits : 1 + *fracdigits;
}

void format_exact(buf *b, const mpq_t x, size_t frac, bool grouped) {
  char small[DEC_DIGITS_MAX + 1];
  char *d = small;
  size_t nd = dec_scaled(x, frac, small);
  if (!nd) {
    mpz_t n, p;
    mpz_inits(n, p, NULL);
    mpz_ui_pow_ui(p, 10, frac);
    mpz_mul(n, mpq_numref(x), p);
    mpz_divexact(n, n, mpq_denref(x));
    mpz_abs(n, n);
    d = num_zstr(n);
    mpz_clears(n, p, NULL);
    if (!d) {
      b->failed = true;
      return;
    }
    nd = strlen(d);
  }
  if (mpq_sgn(x) < 0) buf_putc(b, '-');
  if (nd <= frac) {
    buf_puts(b, "0.");
    for (size_t i = nd; i < frac; i++) buf_putc(b, '0');
    size_t end = nd;
    while (end > 0 && d[end - 1] == '0') end--;
    buf_add(b, d, end);
  } else {
    format_group(b, d, nd - frac, grouped);
    size_t end = nd;
    while (end > nd - frac && d[end - 1] == '0') end--;
    if (end > nd - frac) {
      buf_putc(b, '.');
      buf_add(b, d + nd - frac, end - (nd - frac));
    }
  }
  if (d != small) free(d);
}

/* Is x short enough to print exactly? */
bool format_is_short(const mpq_t x, size_t *frac) {
  size_t nd = format_exact_digits(x, frac);
  return nd != SIZE_MAX && nd <= FORMAT_EXACT_DIGITS + 1;
}

void format_number(buf *b, const mpq_t x, bool inexact, int digits) { format_number_as(b, x, inexact, digits, true); }

void format_number_as(buf *b, const mpq_t x, bool inexact, int digits, bool keep_exact) {
  size_t frac;
  if (keep_exact && !inexact && format_is_short(x, &frac)) {
    format_exact(b, x, frac, true);
    return;
  }
  /* "≈ " first, taken back when the digits shown are the number */
  size_t at = b->len;
  buf_add(b, "\xe2\x89\x88 ", 4);
  bool exact;
  format_sig(b, x, digits, true, &exact);
  if (!inexact && exact && !b->failed) {
    memmove(b->s + at, b->s + at + 4, b->len - at - 4 + 1);
    b->len -= 4;
  }
}

/* Scale words: 10^6 million .. 10^15 quadrillion. */
static const char *const format_scale[] = {"million", "billion", "trillion", "quadrillion"};

/* Appends x with a scale word when |x| >= 10^6 (after rounding to `digits`),
 * else as format_sig. Marks "≈ " when `mark` and rounding happened. */
void format_words_as(buf *b, const mpq_t x, int digits, bool mark, bool inexact, bool keep_exact) {
  size_t frac;
  if (keep_exact && mark && !inexact && format_is_short(x, &frac)) {
    format_exact(b, x, frac, true);
    return;
  }
  mpz_t mant;
  mpz_init(mant);
  long e;
  bool exact = format_round(x, digits, mant, &e) && !inexact;
  if (e < 6 || e >= 18) {
    mpz_clear(mant);
    if (mark && keep_exact) {
      format_number(b, x, inexact, digits);
    } else {
      if (mark && !exact) buf_puts(b, "\xe2\x89\x88 ");
      format_sig(b, x, digits, true, NULL);
    }
    return;
  }
  if (mark && !exact) buf_puts(b, "\xe2\x89\x88 ");
  if (mpq_sgn(x) < 0) buf_putc(b, '-');
  long w = (e - 6) / 3;
  char *d = num_zstr(mant);
  if (d) format_positional(b, d, strlen(d), e - 6 - 3 * w, false);
  else b->failed = true;
  free(d);
  mpz_clear(mant);
  buf_printf(b, " %s", format_scale[w]);
}

void format_words(buf *b, const mpq_t x, int digits, bool mark, bool inexact) {
  format_words_as(b, x, digits, mark, inexact, true);
}

/* Relative error of rounding x to `digits` significant digits, compared
 * with `tol` (a fraction): true when within it. */
/* r = |x| rounded to `digits` significant digits, as an exact rational. */
void format_rounded(mpq_t r, const mpq_t x, int digits) {
  mpz_t mant, p;
  mpz_inits(mant, p, NULL);
  long e;
  format_round_scale(x, digits, mant, &e, p);
  mpq_set_z(r, mant);
  if (e - digits + 1 >= 0) {
    mpz_mul(mpq_numref(r), mpq_numref(r), p);
  } else {
    mpz_set(mpq_denref(r), p);
    mpq_canonicalize(r);
  }
  mpz_clears(mant, p, NULL);
}

/* format_close for a large x through MPFR at 128 bits: 1 or 0, or -1 when
 * the relative error of the rounding is too near tol to tell. With
 * y = |x| 10^-s (s the place of the last digit kept), the error is
 * |mant - y| / y; every float here is within 2^-120 y of its value. */
static int format_close_big(const mpq_t x, int digits, const mpq_t tol) {
  mpz_t mant;
  mpz_init(mant);
  long e;
  bool exact;
  int r = -1;
  if (format_round_big(x, digits, mant, &e, &exact)) {
    long sh = e - digits + 1;
    format_mpfr_state ms;
    format_mpfr_enter(&ms);
    mpfr_t y, t, f;
    mpfr_inits2(128, y, t, f, (mpfr_ptr)0);
    mpfr_set_q(y, x, MPFR_RNDN);
    mpfr_abs(y, y, MPFR_RNDN);
    mpfr_ui_pow_ui(t, 10, (unsigned long)(sh < 0 ? -sh : sh), MPFR_RNDN);
    if (sh >= 0) mpfr_div(y, y, t, MPFR_RNDN);
    else mpfr_mul(y, y, t, MPFR_RNDN);
    mpfr_set_z(f, mant, MPFR_RNDN);
    mpfr_sub(f, f, y, MPFR_RNDN);
    mpfr_abs(f, f, MPFR_RNDN);
    mpfr_set_q(t, tol, MPFR_RNDN);
    mpfr_mul(t, t, y, MPFR_RNDN);
    mpfr_sub(f, f, t, MPFR_RNDN); /* |mant - y| - tol y */
    mpfr_mul_2si(t, y, -96, MPFR_RNDN);
    if (mpfr_cmpabs(f, t) > 0) r = mpfr_sgn(f) < 0;
    mpfr_clears(y, t, f, (mpfr_ptr)0);
    format_mpfr_leave(&ms);
  }
  mpz_clear(mant);
  return r;
}

static bool format_close(const mpq_t x, int digits, const mpq_t tol) {
  int big = num_qbits(x) > FORMAT_BIG_BITS ? format_close_big(x, digits, tol) : -1;
  if (big >= 0) return big;
  mpq_t r, d;
  mpq_inits(r, d, NULL);
  format_rounded(r, x, digits);
  mpq_abs(d, x);
  mpq_sub(r, r, d);
  mpq_abs(r, r);
  mpq_mul(d, d, tol);
  bool ok = mpq_cmp(r, d) <= 0;
  mpq_clears(r, d, NULL);
  return ok;
}

/* Appends a count the way a newsroom writes it: two significant figures
 * when that is within 1 % of the value, else three; scale words from a
 * million; "≈ " when rounded. 466,666,666.7 reads "≈ 470 million". */
void format_newsroom(buf *b, const mpq_t x, bool inexact, bool mark) {
  mpq_t tol;
  mpq_init(tol);
  mpq_set_ui(tol, 1, 100);
  int digits = format_close(x, 2, tol) ? 2 : 3;
  mpq_clear(tol);
  size_t frac;
  /* A count that is exact in that many digits stays exact: "140", "2.5". */
  if (!inexact && format_exact_digits(x, &frac) <= (size_t)digits) {
    format_exact(b, x, frac, true);
    return;
  }
  format_words_as(b, x, digits, mark, inexact, false);
}

#if defined(__SIZEOF_INT128__) && GMP_NUMB_BITS == 64 && GMP_NAIL_BITS == 0
__extension__ typedef unsigned __int128 format_u128;

/* format_differs when every part of a and v fits in one limb (the usual
 * case): the two products in 128 bits. -1 when out of reach. */
static int format_differs_small(mpq_srcptr a, mpq_srcptr v) {
  if (mpz_size(mpq_numref(a)) > 1 || mpz_size(mpq_denref(a)) != 1 || mpz_size(mpq_numref(v)) > 1 ||
      mpz_size(mpq_denref(v)) != 1)
    return -1;
  format_u128 l = (format_u128)mpz_getlimbn(mpq_numref(a), 0) * mpz_getlimbn(mpq_denref(v), 0);
  format_u128 r = (format_u128)mpz_getlimbn(mpq_numref(v), 0) * mpz_getlimbn(mpq_denref(a), 0);
  if (mpq_sgn(a) * mpq_sgn(v) < 0) return 1; /* opposite signs: |a - v| > |v| */
  format_u128 d = l > r ? l - r : r - l;
  return d > r / 100; /* 100 d > r, with no overflow */
}
#endif

/* |a - v| > |v| / 100, as 100 |an vd - vn ad| > |vn| ad: products only,
 * no gcd of a rational difference (seconds at 10^7 bits). */
bool format_differs(mpq_srcptr a, mpq_srcptr v) {
#if defined(__SIZEOF_INT128__) && GMP_NUMB_BITS == 64 && GMP_NAIL_BITS == 0
  int small = format_differs_small(a, v);
  if (small >= 0) return small;
#endif
  if (num_qbits(a) > FORMAT_BIG_BITS || num_qbits(v) > FORMAT_BIG_BITS) {
    /* Large: |a - v| - |v| / 100 at 128 bits, decided when it is far
     * from 0 (the floats are within 2^-120 of a and v). */
    format_mpfr_state ms;
    format_mpfr_enter(&ms);
    mpfr_t fa, fv, d;
    mpfr_inits2(128, fa, fv, d, (mpfr_ptr)0);
    mpfr_set_q(fa, a, MPFR_RNDN);
    mpfr_set_q(fv, v, MPFR_RNDN);
    mpfr_sub(d, fa, fv, MPFR_RNDN);
    mpfr_abs(d, d, MPFR_RNDN);
    mpfr_abs(fv, fv, MPFR_RNDN);
    mpfr_abs(fa, fa, MPFR_RNDN);
    if (mpfr_cmp(fa, fv) < 0) mpfr_set(fa, fv, MPFR_RNDN);
    mpfr_mul_2si(fa, fa, -96, MPFR_RNDN); /* the margin */
    mpfr_div_ui(fv, fv, 100, MPFR_RNDN);
    mpfr_sub(d, d, fv, MPFR_RNDN);
    int r = mpfr_cmpabs(d, fa) > 0 ? mpfr_sgn(d) > 0 : -1;
    mpfr_clears(fa, fv, d, (mpfr_ptr)0);
    format_mpfr_leave(&ms);
    if (r >= 0) return r;
  }
  mpz_t l, r;
  mpz_inits(l, r, NULL);
  mpz_mul(l, mpq_numref(a), mpq_denref(v));
  mpz_mul(r, mpq_numref(v), mpq_denref(a));
  mpz_sub(l, l, r);
  mpz_abs(l, l);
  mpz_mul_ui(l, l, 100);
  mpz_abs(r, r);
  bool d = mpz_cmp(l, r) > 0;
  mpz_clears(l, r, NULL);
  return d;
}

char *format_terse(const num *x, int digits) {
  int cd = format_certain(x, digits);
  if (cd > 0) digits = cd;
  buf b;
  buf_init(&b, FORMAT_TEXT_MAX);
  size_t frac;
  for (int i = 0; i < (num_is_point(x) ? 1 : 2); i++) {
    const mpq_ptr q = i ? (mpq_ptr)x->hi : (mpq_ptr)x->lo;
    if (i) buf_puts(&b, "..");
    if (!x->inexact && format_is_short(q, &frac)) format_exact(&b, q, frac, false);
    else format_sig(&b, q, digits, false, NULL);
  }
  return buf_take(&b);
}

void format_decimal_comma(char *s) {
  if (!s) return;
  for (char *w = s; *w;) {
    if (*w == ' ' || *w == '\n' || *w == '\t') {
      w++;
      continue;
    }
    char *e = w;
    while (*e && *e != ' ' && *e != '\n' && *e != '\t') e++;
    bool url = false;
    for (char *p = w; p + 2 < e && !url; p++) url = p[0] == ':' && p[1] == '/' && p[2] == '/';
    for (char *p = w; !url && p < e; p++) {
      if ((*p != ',' && *p != '.') || p == w || p[-1] < '0' || p[-1] > '9') continue;
      bool digit_next = p + 1 < e && p[1] >= '0' && p[1] <= '9';
      if (digit_next || (*p == '.' && p + 1 < e && p[1] == '(')) *p = *p == ',' ? '.' : ',';
    }
    w = e;
  }
}

int format_working_digits(mpq_srcptr x) {
  mpz_t w;
  mpz_init(w);
  mpz_tdiv_q(w, mpq_numref(x), mpq_denref(x));
  size_t whole = mpz_sgn(w) ? mpz_sizeinbase(w, 10) : 0;
  mpz_clear(w);
  return whole + 1 > 7 ? (whole + 1 > 40 ? 40 : (int)whole + 1) : 7;
}
