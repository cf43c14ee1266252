/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * items.c -- catalogue items as countable things with an assumed size.
 *
 * A catalogue item's name is a count of that thing ("490 million
 * photos"), not a unit of size: the walker (eval.c) gives it the base
 * dimension `item` and the item's registry index in qty.item. Here: that
 * dimension, the size one item is assumed to have, and turning a count
 * into a size where the arithmetic needs one.
 */
#include "items.h"

#include <string.h>

int items_dim(const units *r) { return units_std_dim(r, UNITS_DIM_ITEM); }

int items_exp(const units *r, const dim *d) {
  int i = items_dim(r);
  return i < 0 ? 0 : d->e[i];
}

int items_size(session *s, long idx, bool binary, qty *out, long *var, err *e) {
  const unit *u = &s->reg.units[idx];
  long v = session_find_var(s, u->word, strlen(u->word));
  /* "photo = 2 photos" is no size: the catalogue's stands. */
  if (v >= 0 && items_exp(&s->reg, &s->vars[v].value.d)) v = -1;
  if (var) *var = v;
  if (v >= 0) {
    qty_set(out, session_var_value(&s->vars[v], binary));
    return DS_OK;
  }
  if (u->state != UNIT_READY) {
    int st = units_ready(&s->reg, idx, false, e);
    if (st) return st;
    u = &s->reg.units[idx];
  }
  qty_set(out, units_value(u, units_item_binary(u)));
  return DS_OK;
}

int items_to_size(session *s, bool binary, qty *q, size_t maxbits, long *var, err *e) {
  int k = items_exp(&s->reg, &q->d), di = items_dim(&s->reg);
  if (var) *var = -1;
  if (!k || q->item < 0) return DS_OK;
  qty one;
  qty_init(&one);
  int st = items_size(s, q->item, binary, &one, var, e);
  num p;
  num_init(&p);
  if (!st) st = num_pow_si(&p, &one.n, k, maxbits);
  if (!st) st = num_mul(&q->n, &q->n, &p, maxbits);
  dim dk;
  if (!st && (!dim_pow(&dk, &one.d, k) || !dim_mul(&q->d, &q->d, &dk))) st = DS_E_LIMIT;
  if (!st) {
    q->d.e[di] = (short)(q->d.e[di] - k);
    q->item = -1;
    q->pref = 'B';
  }
  num_clear(&p);
  qty_clear(&one);
  return st;
}

int items_meet(session *s, bool binary, size_t maxbits, int op, bool bare, qty *a, qty *b, err *e) {
  const units *r = &s->reg;
  int st = DS_OK;
  if (op == '/' && bare && b->item >= 0 && items_exp(r, &b->d) == 1 && num_is_point(&b->n) &&
      mpq_cmp_ui(b->n.lo, 1, 1) == 0) {
    qty one;
    qty_init(&one);
    st = items_size(s, b->item, binary, &one, NULL, e);
    if (!st && dim_eq(&one.d, &a->d)) { /* b: the size per item */
      num_set(&b->n, &one.n);
      b->d = one.d;
      b->d.e[items_dim(r)] = -1;
    }
    qty_clear(&one);
    if (st) return st;
  }
  if (items_differ(r, a, b) || (op == '+' && !dim_eq(&a->d, &b->d))) {
    if (!(st = items_to_size(s, binary, a, maxbits, NULL, e))) st = items_to_size(s, binary, b, maxbits, NULL, e);
  }
  if (a->item < 0) a->item = b->item;
  return st;
}

bool items_differ(const units *r, const qty *a, const qty *b) {
  return items_exp(r, &a->d) && items_exp(r, &b->d) && a->item >= 0 && b->item >= 0 && a->item != b->item;
}
