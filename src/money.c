/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * money.c -- amounts of money as a newsroom writes them.
 *
 * "$7.5 billion", "$25,200", "$34.50", "≈ $33.33": the symbol before the
 * number (or the code after it), scale words from a million when the
 * amount is short, cents in two digits, and rounding never finer than a
 * cent from 1 up. The digits come from format.c.
 */
#include "money.h"

#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "num.h"

/* Appends the integer n (>= 0) with grouping commas. */
static void money_group(buf *b, const mpz_t n) {
  char *d = num_zstr(n);
  if (d) format_group(b, d, strlen(d), true);
  else b->failed = true;
  free(d);
}

/* Appends a >= 0 rounded to `places` decimals (0 or 2), and returns whether
 * that was exact. Two decimals that round to a whole amount print none
 * ("≈ $34", not "≈ $34.00"). */
static bool money_places(buf *b, const mpq_t a, int places) {
  mpz_t n, r, den;
  mpz_inits(n, r, den, NULL);
  /* n = floor(a 10^places + 1/2) */
  mpz_mul_ui(n, mpq_numref(a), places ? 200 : 2);
  mpz_add(n, n, mpq_denref(a));
  mpz_mul_2exp(den, mpq_denref(a), 1);
  mpz_fdiv_qr(n, r, n, den);
  mpz_mul_2exp(r, r, 1);
  bool exact = mpz_cmp(r, den) == 0;
  unsigned long cents = places ? mpz_fdiv_q_ui(n, n, 100) : 0;
  money_group(b, n);
  if (cents) buf_printf(b, ".%02lu", cents);
  mpz_clears(n, r, den, NULL);
  return exact;
}

void money_write(buf *b, const mpq_t x, bool inexact, int digits, bool mark, const char *sym, const char *code) {
  mpq_t a;
  mpq_init(a);
  mpq_abs(a, x);
  mpz_t mant;
  mpz_init(mant);
  long e;
  bool fits = format_round(a, digits, mant, &e) && !inexact;
  size_t frac;
  bool exact = !inexact && format_is_short(a, &frac);
  buf nb;
  buf_init(&nb, FORMAT_TEXT_MAX);
  bool rounded = false;
  if (exact && !(fits && e >= 6 && e < 18)) {
    /* Exact: every digit, cents in two ("$34.50"). */
    format_exact(&nb, a, frac, true);
    if (frac == 1) buf_putc(&nb, '0');
  } else if (e >= 6 && e < 18) {
    /* A scale word: "7.5 billion", "≈ 3.33333 million". */
    format_words_as(&nb, a, digits, false, inexact, false);
    rounded = !fits;
  } else if (e >= 0 && e + 1 < digits) {
    /* From $1 up: cents when the digits leave room for both, else whole. */
    rounded = !money_places(&nb, a, digits - (e + 1) >= 2 ? 2 : 0) || inexact;
  } else {
    bool ex;
    format_sig(&nb, a, digits, true, &ex);
    rounded = !ex || inexact;
  }
  if (mark && rounded) buf_puts(b, "\xe2\x89\x88 ");
  if (mpq_sgn(x) < 0) buf_putc(b, '-');
  if (sym) buf_puts(b, sym);
  if (nb.s) buf_add(b, nb.s, nb.len);
  else b->failed = true;
  if (code) buf_printf(b, " %s", code);
  buf_free(&nb);
  mpz_clear(mant);
  mpq_clear(a);
}
