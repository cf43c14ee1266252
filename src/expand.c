/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * expand.c -- exact decimal expansions, the repeating part marked.
 *
 * "20 / 7" in the exact style, and the derivation's exact steps, are
 * written as 2.(857142): the digits up to where the expansion repeats, then
 * the repetend in parentheses, or an ellipsis past the places asked for.
 */
#include "expand.h"

#include <stdlib.h>
#include <string.h>

#include "format.h"

unsigned long long expand_work(const num *x) {
  unsigned long long lg, l = format_limbs(x, &lg);
  long ib = (long)mpz_sizeinbase(mpq_numref(x->lo), 2) - (long)mpz_sizeinbase(mpq_denref(x->lo), 2);
  unsigned long long li = ib > 0 ? (unsigned long long)ib / GMP_NUMB_BITS + 1 : 1, lgi = num_log2_ceil(li);
  /* two divisions of its parts (the whole part, the places), the string
   * of the whole part */
  return 100 + 40 * l * lg + 60 * li * lgi;
}

/* Appends the next k digits of r/d (0 <= r < d) after the point, zeros
 * included, in one division, and leaves the remainder in r. */
static void expand_digits(buf *b, mpz_t r, const mpz_t d, size_t k) {
  if (!k) return;
  mpz_t q;
  mpz_init(q);
  mpz_ui_pow_ui(q, 10, (unsigned long)k);
  mpz_mul(r, r, q);
  mpz_fdiv_qr(q, r, r, d);
  char *s = num_zstr(q);
  if (s) {
    size_t n = strlen(s);
    for (size_t i = n; i < k; i++) buf_putc(b, '0');
    buf_add(b, s, n);
  } else {
    b->failed = true;
  }
  free(s);
  mpz_clear(q);
}

void expand_decimal(buf *b, const mpq_t x, size_t maxfrac) {
  mpz_t q, r, d;
  mpz_inits(q, r, d, NULL);
  mpz_abs(r, mpq_numref(x));
  mpz_set(d, mpq_denref(x));
  mpz_fdiv_qr(q, r, r, d);
  if (mpq_sgn(x) < 0) buf_putc(b, '-');
  char *s = num_zstr(q);
  if (s) format_group(b, s, strlen(s), true);
  else b->failed = true;
  free(s);
  if (mpz_sgn(r) == 0) goto done;
  buf_putc(b, '.');
  {
    /* The repetend starts after max(twos, fives) digits, the powers of 2
     * and 5 in the denominator; what is left (t) sets its length. */
    mpz_t t, five;
    mpz_init_set(t, d);
    mpz_init_set_ui(five, 5);
    size_t twos = mpz_scan1(t, 0), fives;
    mpz_fdiv_q_2exp(t, t, twos);
    /* More fives than places shown need not be counted: one test of
     * divisibility instead of removing millions of them. */
    mpz_ui_pow_ui(five, 5, (unsigned long)maxfrac + 1);
    if (mpz_divisible_p(t, five)) {
      fives = maxfrac + 1;
    } else {
      mpz_set_ui(five, 5);
      fives = (size_t)mpz_remove(t, t, five);
    }
    mpz_clear(five);
    bool term = mpz_cmp_ui(t, 1) == 0;
    size_t pre = twos > fives ? twos : fives;
    size_t k = pre < maxfrac ? pre : maxfrac;
    expand_digits(b, r, d, k);
    if (!term && k == pre) {
      /* t divides 10^L - 1 for a repetend of length L, so t < 10^L: when
       * t has more digits than the places left, it cannot close within
       * them (mpz_sizeinbase may count one digit too many). */
      size_t room = maxfrac - pre;
      buf_putc(b, '(');
      if (mpz_sizeinbase(t, 10) >= room + 2) {
        expand_digits(b, r, d, room);
        buf_puts(b, "\xe2\x80\xa6)");
      } else {
        /* t < 10^(room + 2) and 2^twos 5^fives <= 10^pre: d is small
         * enough to go digit by digit, watching for the first remainder
         * to come back. */
        mpz_t r0;
        mpz_init_set(r0, r);
        size_t i = pre;
        for (; i < maxfrac; i++) {
          mpz_mul_ui(r, r, 10);
          mpz_fdiv_qr(q, r, r, d);
          buf_putc(b, (char)('0' + mpz_get_ui(q)));
          if (mpz_cmp(r, r0) == 0) break;
        }
        buf_puts(b, i >= maxfrac ? "\xe2\x80\xa6)" : ")");
        mpz_clear(r0);
      }
    } else if (mpz_sgn(r)) {
      buf_puts(b, "\xe2\x80\xa6");
    }
    mpz_clear(t);
  }
done:
  mpz_clears(q, r, d, NULL);
}
