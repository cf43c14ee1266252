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

#include "datascale.h"
#include "real.h"

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
    if (units_ready(r, (long)i, false, &ignored) != DS_OK) continue;
    u = &r->units[i];
    /* The newest definition of a name wins (a user file may redefine it). */
    if (!units_in_force(r, i)) continue;
    long var = session_find_var(ctx, u->word, strlen(u->word));
    const qty *size = var >= 0 ? &ctx->vars[var].value : units_value(u, binary);
    if (!dim_eq(&size->d, &v->d) || num_contains_zero(&size->n) || catalog_far(&v->n, &size->n)) continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 32;
      catalog_pick *na = realloc(all, cap * sizeof *na);
      double *ns = realloc(score, cap * sizeof *ns);
      if (na) all = na;
      if (ns) score = ns;
      if (!na || !ns) break;
    }
    num_init(&all[n].count);
    if (num_div(&all[n].count, &v->n, &size->n, maxbits) != DS_OK || mpq_cmp(all[n].count.hi, lo) < 0 ||
        mpq_cmp(all[n].count.lo, hi) > 0) {
      num_clear(&all[n].count);
      continue;
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
    num_init(&all[best].count); /* ownership moved to picks */
    out++;
  }
  for (size_t i = 0; i < n; i++) num_clear(&all[i].count);
  free(taken);
  free(all);
  free(score);
  mpq_clears(lo, hi, NULL);
  return (int)out;
}
