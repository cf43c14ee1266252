/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* dec.h -- decimal digits of small rationals in native integers.
 *
 * The formatter's fast paths: most results of a batch are ratios of a few
 * limbs, and their digits come quicker from 64- and 128-bit integer division
 * than from GMP's powers, products and string conversion. Each function
 * answers false when x is out of its reach; the caller then takes the GMP
 * path, which gives the same digits (tests/unit/test_dec.c checks that). */
#ifndef DS_DEC_H
#define DS_DEC_H

#include <gmp.h>
#include <stdbool.h>
#include <stddef.h>

/* The decimal expansion of 1/den terminates after *frac digits (den is
 * 2^a 5^b, *frac = max(a, b)): 1; it does not: 0; den is 2^64 or more: -1. */
int dec_terminates(mpz_srcptr den, size_t *frac);

/* |x| * 10^frac, which the caller knows to be an integer, as decimal digits
 * in out (at least DEC_DIGITS_MAX + 1 bytes, NUL-terminated). Returns the
 * number of digits, or 0 when the value passes 128 bits or frac > 19. */
#define DEC_DIGITS_MAX 39
size_t dec_scaled(const mpq_t x, size_t frac, char *out);
/* |z| as decimal digits in out (as dec_scaled), or 0 past 128 bits. */
size_t dec_whole(mpz_srcptr z, char *out);

/* |x| rounded half up to `digits` significant digits: |x| ~ mant *
 * 10^(e - digits + 1) with mant of exactly `digits` digits; *exact tells
 * whether no rounding happened. For x != 0 with |numerator| < 2^128,
 * denominator < 2^64 and digits <= 18; false otherwise. */
bool dec_round(const mpq_t x, int digits, unsigned long long *mant, long *e, bool *exact);

#endif
