/* SPDX-License-Identifier: GPL-3.0-or-later */
/* numtext.h -- numbers written as text in the suites' tables: read into
 * GMP rationals and exact intervals, and shown back. Include it after
 * suite.h. */
#ifndef DS_TEST_NUMTEXT_H
#define DS_TEST_NUMTEXT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"

/* Reads "N", "N/D" or "10^K" (a power of ten, K may be negative). */
static inline void q_parse(mpq_t q, const char *s) {
  if (strncmp(s, "10^", 3) == 0) {
    long k = strtol(s + 3, NULL, 10);
    mpq_set_ui(q, 1, 1);
    mpz_ui_pow_ui(k < 0 ? mpq_denref(q) : mpq_numref(q), 10, (unsigned long)(k < 0 ? -k : k));
    return;
  }
  ck_assert_int_eq(mpq_set_str(q, s, 10), 0);
  mpq_canonicalize(q);
}

/* "3/4" is a point; "1..5" (bounds as rationals) is a range. */
static inline void num_parse(num *n, const char *s) {
  const char *dd = strstr(s, "..");
  if (!dd) {
    ck_assert_int_eq(mpq_set_str(n->lo, s, 10), 0);
    mpq_canonicalize(n->lo);
    mpq_set(n->hi, n->lo);
    n->range = false;
  } else {
    char lo[128];
    ck_assert_uint_lt((size_t)(dd - s), sizeof lo);
    memcpy(lo, s, (size_t)(dd - s));
    lo[dd - s] = 0;
    ck_assert_int_eq(mpq_set_str(n->lo, lo, 10), 0);
    ck_assert_int_eq(mpq_set_str(n->hi, dd + 2, 10), 0);
    mpq_canonicalize(n->lo);
    mpq_canonicalize(n->hi);
    n->range = true;
  }
  n->inexact = false;
}

/* "lo" for a point, "lo..hi" otherwise (mpq_get_str forms). */
static inline void num_show(const num *n, char *out, size_t sz) {
  char *l = mpq_get_str(NULL, 10, n->lo), *h = mpq_get_str(NULL, 10, n->hi);
  if (mpq_equal(n->lo, n->hi)) snprintf(out, sz, "%s", l);
  else snprintf(out, sz, "%s..%s", l, h);
  free(l);
  free(h);
}

#endif
