/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * dim.c -- dimension vectors.
 *
 * A dimension is a vector of small integer exponents over the base
 * dimensions the registry declares (information, time, money, person and
 * any the user adds). Exponents are bounded by DIM_EXP_MAX so no arithmetic
 * on them can overflow.
 */
#include "dim.h"

#include <string.h>

void dim_clear(dim *d) { memset(d, 0, sizeof *d); }

bool dim_is_none(const dim *d) {
  for (int i = 0; i < DIM_MAX; i++)
    if (d->e[i]) return false;
  return true;
}

bool dim_eq(const dim *a, const dim *b) { return memcmp(a->e, b->e, sizeof a->e) == 0; }

/* No branch in the loop, so that the compiler does all exponents at once
 * (two units are combined on every line). */
static bool dim_combine(dim *out, const dim *a, const dim *b, int sign) {
  dim r;
  int bad = 0;
  /* Exponents stay within +-DIM_EXP_MAX (these functions see to it; other
   * code sets only 0 and +-1), so a sum of two fits in a short: the loop
   * works on shorts, eight at a time where the compiler vectorises. */
  for (int i = 0; i < DIM_MAX; i++) {
    short v = (short)(sign > 0 ? a->e[i] + b->e[i] : a->e[i] - b->e[i]);
    bad |= (v > DIM_EXP_MAX) | (v < -DIM_EXP_MAX);
    r.e[i] = v;
  }
  if (bad) return false;
  *out = r;
  return true;
}

bool dim_is_base(const dim *d, int i) {
  for (int k = 0; k < DIM_MAX; k++)
    if (d->e[k] != (k == i)) return false;
  return true;
}

bool dim_is_over(const dim *d, int i) {
  for (int k = 0; k < DIM_MAX; k++)
    if (k == i ? d->e[k] != 1 : d->e[k] != 0 && d->e[k] != -1) return false;
  return i >= 0 && i < DIM_MAX;
}

bool dim_mul(dim *out, const dim *a, const dim *b) { return dim_combine(out, a, b, 1); }
bool dim_div(dim *out, const dim *a, const dim *b) { return dim_combine(out, a, b, -1); }

bool dim_pow(dim *out, const dim *a, long n) {
  dim r;
  for (int i = 0; i < DIM_MAX; i++) {
    if (a->e[i] == 0) {
      r.e[i] = 0;
      continue;
    }
    if (n > DIM_EXP_MAX || n < -DIM_EXP_MAX) return false;
    long v = a->e[i] * n;
    if (v > DIM_EXP_MAX || v < -DIM_EXP_MAX) return false;
    r.e[i] = (short)v;
  }
  *out = r;
  return true;
}

bool dim_root(dim *out, const dim *a, long n) {
  dim r;
  if (n <= 0) return false;
  for (int i = 0; i < DIM_MAX; i++) {
    if (a->e[i] % n) return false;
    r.e[i] = (short)(a->e[i] / n);
  }
  *out = r;
  return true;
}
