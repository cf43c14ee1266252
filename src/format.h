/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* format.h -- quantities to text for people. Never prints. */
#ifndef DS_FORMAT_H
#define DS_FORMAT_H

#include <gmp.h>
#include <stdbool.h>

#include "buf.h"
#include "num.h"
#include "parse.h"
#include "qty.h"
#include "units.h"

/* The most text one formatted value may take (a buf's cap). */
#define FORMAT_TEXT_MAX (64u << 20)

/* Exact values longer than this (about 10^6 digits) are not printed. */
#define FORMAT_EXACT_MAX_BITS 3400000

/* Does a differ from v by more than 1 % of |v|? Decided without the gcd
 * of a rational difference. */
bool format_differs(mpq_srcptr a, mpq_srcptr v);

/* The number only, as --terse prints it ("1400", "0.5..2"):
 * exact when short, else `digits` significant digits. Caller frees; NULL
 * when memory runs out. */
char *format_terse(const num *x, int digits);

/* Appends |x| rounded to `digits` significant digits: grouped ("1,234.5")
 * or plain ("1234.5"), with scientific notation past 10^21. Sets *exact to
 * whether no rounding happened. */
void format_sig(buf *b, const mpq_t x, int digits, bool grouped, bool *exact);

/* Appends a number as a reader sees it: exact when short, "≈ " and
 * `digits` significant digits otherwise. format_number_as without
 * `keep_exact` rounds a short exact value too (a note beside a rounded
 * result). */
void format_number(buf *b, const mpq_t x, bool inexact, int digits);
void format_number_as(buf *b, const mpq_t x, bool inexact, int digits, bool keep_exact);

/* Appends a count the way a newsroom writes it ("≈ 470 million"): two
 * significant figures when within 1 %, else three; "≈ " when `mark`. */
void format_newsroom(buf *b, const mpq_t x, bool inexact, bool mark);

/* How many of the first `want` significant digits of the inexact x are
 * certain: every value within its error bound rounds to them (`want` when
 * x is exact, 0 when not even the first digit is certain). */
int format_certain(const num *x, int want);

/* Appends a bound of |x|'s true value (its largest bound plus the error),
 * rounded up to two significant digits; "unknown" without a bound. */
void format_bound(buf *b, const num *x);

/* The work of writing x for people (a few roundings of it to significant
 * digits), in the steps of num_work: charged before a result is shown. */
unsigned long long format_work(const num *x);
/* The work of writing all the digits of x (its integer part, or the
 * numerator and denominator): a conversion to decimal of its size. */
unsigned long long format_work_digits(const num *x);
/* Limbs of x (both bounds of a range) and their log2, in 64-bit limbs as
 * num_work counts them. */
unsigned long long format_limbs(const num *x, unsigned long long *lg);

/* Rounds |x| to `digits` significant digits: mant * 10^e. True when no
 * rounding happened. */
bool format_round(const mpq_t x, int digits, mpz_t mant, long *e);
/* r = x rounded to `digits` significant digits. */
void format_rounded(mpq_t r, const mpq_t x, int digits);
/* The significant figures a number in a derivation's working shows: its
 * whole part and one more figure, seven at least, forty at most. */
int format_working_digits(mpq_srcptr x);
/* Is x short enough to print exactly? Sets *frac to its digits after the point. */
bool format_is_short(const mpq_t x, size_t *frac);

/* Appends x with a scale word when |x| >= 10^6 (after rounding to
 * `digits`), else as format_sig; "≈ " when `mark` and rounding happened.
 * `keep_exact`: a short exact value prints in full. format_words is
 * format_words_as with keep_exact. */
void format_words_as(buf *b, const mpq_t x, int digits, bool mark, bool inexact, bool keep_exact);
void format_words(buf *b, const mpq_t x, int digits, bool mark, bool inexact);

/* Turns a text written with the decimal point into one written with the
 * decimal comma, in place: a ',' or '.' between two digits (and a '.'
 * before the "(" of a repeating part) becomes the other one, so "1,400.5"
 * reads "1.400,5". Words holding "://" (addresses) are left alone. NULL:
 * nothing. */
void format_decimal_comma(char *s);

/* Appends the digits d[0..n) of an integer, with commas every three when
 * `grouped`. */
void format_group(buf *b, const char *d, size_t n, bool grouped);
/* Appends x exactly: it terminates within `frac` decimals (format_is_short). */
void format_exact(buf *b, const mpq_t x, size_t frac, bool grouped);

#endif
