/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * qty.c -- quantities: number x dimension, with a display preference.
 *
 * The arithmetic itself lives in eval.c (it needs spans for errors) over
 * num.c and dim.c; this file owns the value's life cycle.
 */
#include "qty.h"

void qty_init(qty *q) {
  num_init(&q->n);
  dim_clear(&q->d);
  q->pref = 0;
  q->item = -1;
}

void qty_clear(qty *q) { num_clear(&q->n); }

void qty_set(qty *dst, const qty *src) {
  if (dst == src) return;
  num_set(&dst->n, &src->n);
  dst->d = src->d;
  dst->pref = src->pref;
  dst->item = src->item;
}

char qty_pref(char a, char b) {
  if (a == 'B' || b == 'B') return 'B';
  if (a == 'b' || b == 'b') return 'b';
  return 0;
}
