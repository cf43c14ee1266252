/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * catalog.c -- equivalents: which catalogue items to compare a quantity with.
 *
 * The items themselves are units in the registry (defs.c reads their
 * blocks from data/catalog.def); this file only chooses. A count is easy to
 * picture when it is neither a sliver nor astronomically large, so items
 * are ranked by the distance of log10(count) from the band 1..1000 and the
 * best few are kept, largest item first.
 */
#include "catalog.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "autounit.h"
#include "buf.h"
#include "datascale.h"
#include "format.h"
#include "real.h"

void catalog_pick_clear(catalog_pick *p) {
  num_clear(&p->count);
  num_clear(&p->span);
  qty_clear(&p->each);
}

static void catalog_pick_init(catalog_pick *p) {
  num_init(&p->count);
  num_init(&p->span);
  qty_init(&p->each);
}

char *catalog_name(const unit *u, bool many) {
  const unit_item *it = u->item;
  const char *w = it && it->one ? (many ? it->many : it->one) : many && u->plural ? u->plural : u->word;
  char *s = buf_strndup(w, strlen(w));
  for (char *p = s; p && *p && !(it && it->one); p++)
    if (*p == '_') *p = ' ';
  return s;
}

const char *catalog_per(const unit *u) {
  const char *w = u->item && u->item->one ? u->item->one : "";
  if (strncmp(w, "hour of ", 8) == 0) return " an hour";
  if (strncmp(w, "minute of ", 10) == 0) return " a minute";
  if (strncmp(w, "day of ", 7) == 0) return " a day";
  return " each";
}

/* Is |r - x| more than |x| / k? */
static bool catalog_off(mpq_srcptr r, mpq_srcptr x, unsigned long k) {
  mpq_t d, t;
  mpq_inits(d, t, NULL);
  mpq_sub(d, r, x);
  mpq_abs(d, d);
  mpq_abs(t, x);
  mpz_mul_ui(mpq_numref(d), mpq_numref(d), k);
  mpq_canonicalize(d);
  bool off = mpq_cmp(d, t) > 0;
  mpq_clears(d, t, NULL);
  return off;
}

char *catalog_item_size(units *r, long i) {
  err ignored; /* a built-in item resolved on first use cannot fail; a user's may, and then has no size */
  if (units_ready(r, i, false, &ignored) != DS_OK) return NULL;
  const unit *u = &r->units[i];
  bool ib = units_item_binary(u);
  return catalog_size(r, units_value(u, ib), ib);
}

char *catalog_size(const units *r, const qty *size, bool binary) {
  buf bb, *b = &bb;
  buf_init(b, 4096);
  qty q = *size; /* a shallow copy, read only: in bytes, even for a size defined by a bit rate */
  q.pref = 'B';
  autounit u;
  autounit_init(&u);
  autounit_choose(r, &q, binary ? CONV_IEC : CONV_NONE, 3, NULL, 0, binary, &u);
  mpq_t x, rd;
  mpq_inits(x, rd, NULL);
  mpq_div(x, size->n.lo, u.f);
  int digits = 3;
  format_rounded(rd, x, digits);
  if (!mpq_equal(rd, x)) { /* "512 GB" as it is, else 2 digits, or 3 when 2 move it by over 1 % */
    format_rounded(rd, x, digits = 2);
    if (catalog_off(rd, x, 100)) format_rounded(rd, x, ++digits);
  }
  if (catalog_off(rd, x, 1000)) buf_puts(b, "about ");
  format_sig(b, x, digits, true, NULL);
  if (u.name.s && u.name.s[0]) buf_printf(b, " %s", u.name.s);
  mpq_clears(x, rd, NULL);
  autounit_clear(&u);
  char *s = buf_take(b);
  buf_free(b);
  return s;
}

/* log2 |q| is within 1 of this (q != 0). */
static long catalog_lg(mpq_srcptr q) {
  return (long)mpz_sizeinbase(mpq_numref(q), 2) - (long)mpz_sizeinbase(mpq_denref(q), 2);
}

/* Is v / size (both positive) surely below 1/2 or above 2^41 > 10^12?
 * Answered from the bit counts, so a huge v costs no division per item. */
static bool catalog_far(const num *v, const num *size) {
  if (mpq_sgn(v->lo) <= 0 || mpq_sgn(size->lo) <= 0) return false;
  return catalog_lg(v->lo) - catalog_lg(size->hi) >= 43 || catalog_lg(v->hi) - catalog_lg(size->lo) <= -4;
}

/* Distance of log10(x) from [0, 3]: 0 inside the band. */
static double catalog_score(const num *c) {
  num a, l;
  num_init(&a);
  num_init(&l);
  mpq_abs(a.lo, c->lo);
  mpq_set(a.hi, a.lo);
  double s = INFINITY; /* a count of zero is as far from the band as can be */
  if (mpq_sgn(a.lo) && real_fn(&l, &a, REAL_LOG10, 53, (size_t)1 << 20) == DS_OK) {
    double x = mpq_get_d(l.lo);
    s = x < 0 ? -x : x > 3 ? (x - 3) / 2 : 0; /* large counts read better than slivers */
  }
  num_clear(&a);
  num_clear(&l);
  return s;
}

int catalog_equivalents(session *ctx, const qty *v, bool binary, catalog_pick *picks, size_t maxbits) {
  units *r = &ctx->reg;
  units_all(r); /* every item */
  size_t n = 0, cap = 0;
  catalog_pick *all = NULL;
  double *score = NULL;
  mpq_t lo, hi;
  mpq_inits(lo, hi, NULL);
  mpq_set_ui(lo, 1, 2);
  mpq_set_ui(hi, 1000000000, 1);
  mpq_mul_2exp(hi, hi, 10); /* about 10^12 */
  for (size_t i = 0; i < r->nunits; i++) {
    const unit *u = &r->units[i];
    if (!(u->flags & UNIT_ITEM) || !u->item || !u->item->compare) continue;
    err ignored; /* a built-in item resolved on first use: it cannot fail */
    if (units_ready(r, (long)i, u->item->range != NULL, &ignored) != DS_OK) continue;
    u = &r->units[i];
    /* The newest definition of a name wins (a user file may redefine it). */
    if (!units_in_force(r, i)) continue;
    long var = session_find_var(ctx, u->word, strlen(u->word));
    const qty *size = var >= 0 ? session_var_value(&ctx->vars[var], binary) : units_value(u, units_item_binary(u));
    if (!dim_eq(&size->d, &v->d) || num_contains_zero(&size->n) || catalog_far(&v->n, &size->n)) continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 32;
      catalog_pick *na = realloc(all, cap * sizeof *na);
      double *ns = realloc(score, cap * sizeof *ns);
      if (na) all = na;
      if (ns) score = ns;
      if (!na || !ns) break;
    }
    catalog_pick_init(&all[n]);
    if (num_div(&all[n].count, &v->n, &size->n, maxbits) != DS_OK || mpq_cmp(all[n].count.hi, lo) < 0 ||
        mpq_cmp(all[n].count.lo, hi) > 0) {
      catalog_pick_clear(&all[n]);
      continue;
    }
    qty_set(&all[n].each, size);
    num_set(&all[n].span, &all[n].count);
    if (var < 0 && u->item->range_ready) { /* the largest size gives the fewest */
      num span;
      num_init(&span);
      mpq_set(span.lo, u->item->low.n.lo);
      mpq_set(span.hi, u->item->high.n.hi);
      span.range = true;
      /* The range is read decimal; under the binary reading it scales as
       * the size does. */
      const qty *dec = units_value(u, false);
      if (size != dec && !mpq_equal(size->n.lo, dec->n.lo) && mpq_sgn(dec->n.lo)) {
        mpq_t k;
        mpq_init(k);
        mpq_div(k, size->n.lo, dec->n.lo);
        mpq_mul(span.lo, span.lo, k);
        mpq_mul(span.hi, span.hi, k);
        mpq_clear(k);
      }
      if (num_div(&all[n].span, &v->n, &span, maxbits) != DS_OK) num_set(&all[n].span, &all[n].count);
      num_clear(&span);
    }
    all[n].unit = (long)i;
    all[n].var = var;
    all[n].size = var >= 0 ? ctx->vars[var].text : u->def;
    score[n] = catalog_score(&all[n].count);
    n++;
  }
  /* Keep the best-scored items, then show them smallest count first (the
   * largest, most striking item at the top). */
  size_t k = 0;
  bool *taken = calloc(n ? n : 1, sizeof *taken);
  while (taken && k < CATALOG_MAX_SHOWN && k < n) {
    size_t best = n;
    for (size_t i = 0; i < n; i++)
      if (!taken[i] && (best == n || score[i] < score[best])) best = i;
    taken[best] = true;
    k++;
  }
  size_t out = 0;
  while (taken && out < k) {
    size_t best = n;
    for (size_t i = 0; i < n; i++)
      if (taken[i] && (best == n || mpq_cmp(all[i].count.lo, all[best].count.lo) < 0)) best = i;
    taken[best] = false;
    picks[out] = all[best];
    catalog_pick_init(&all[best]); /* ownership moved to picks */
    out++;
  }
  for (size_t i = 0; i < n; i++) catalog_pick_clear(&all[i]);
  free(taken);
  free(all);
  free(score);
  mpq_clears(lo, hi, NULL);
  return (int)out;
}
