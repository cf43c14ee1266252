/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * verdict.c -- "check A REL B": a claim and its verdict.
 *
 * A claim is checked as a fact-checker would: what it compares (two
 * values, a ratio "3 * C" or "three times C", or a count of items against
 * a size), the relation as the writer hedged it (claim.c), the relative
 * difference claimed / actual - 1, and one verdict on one scale (holds,
 * close, plausible, off) with the tolerances below. A count against a
 * size also gives the size per item the claim implies, inside or outside
 * the item's plausible range, and the readings of KB..QB are searched:
 * when the claim holds only with the user's TB read as TiB, or the
 * item's "3 MB" as 3 MiB, the result says which. The sentences are
 * word.c's.
 */
#include "verdict.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "format.h"
#include "items.h"
#include "quote.h"
#include "real.h"

void verdict_init(verdict_result *c) {
  memset(c, 0, sizeof *c);
  num_init(&c->factor), num_init(&c->actual), num_init(&c->claimed), num_init(&c->off);
  num_init(&c->implied), num_init(&c->other_a), num_init(&c->other_size), num_init(&c->other_off);
  qty_init(&c->low), qty_init(&c->high);
  c->of.index = -1;
}

void verdict_clear(verdict_result *c) {
  free(c->from), free(c->claim), free(c->rel_text), free(c->base), free(c->range);
  count_clear(&c->of);
  num_clear(&c->factor), num_clear(&c->actual), num_clear(&c->claimed), num_clear(&c->off);
  num_clear(&c->implied), num_clear(&c->other_a), num_clear(&c->other_size), num_clear(&c->other_off);
  qty_clear(&c->low), qty_clear(&c->high);
}

const char *verdict_word(verdict_kind v) {
  static const char *const w[] = {"holds", "close", "plausible", "off"};
  return w[v];
}

/* Is x (a fraction) within p percent of 0? */
static bool verdict_within(const mpq_t x, long p) {
  mpq_t a, b;
  mpq_inits(a, b, NULL);
  mpq_abs(a, x);
  mpq_set_si(b, p, 100);
  bool in = mpq_cmp(a, b) <= 0;
  mpq_clears(a, b, NULL);
  return in;
}

/* The verdict of one relative difference d = claimed / actual - 1. The
 * tolerances: = holds within 1 %, close within 3 %; about within 5 % and
 * 10 %; more than / less than / at least / at most hold on their side of
 * the actual and are close within 1 % of it on the other; almost holds
 * when the actual is below the claim by at most 10 % (close: 20 %), and
 * is off when the actual is the claim or more. */
static verdict_kind verdict_point(claim_rel rel, const mpq_t d) {
  int s = mpq_sgn(d);
  switch (rel) {
  case CLAIM_EQ: return verdict_within(d, 1) ? VERDICT_HOLDS : verdict_within(d, 3) ? VERDICT_CLOSE : VERDICT_OFF;
  case CLAIM_ABOUT: return verdict_within(d, 5) ? VERDICT_HOLDS : verdict_within(d, 10) ? VERDICT_CLOSE : VERDICT_OFF;
  case CLAIM_MORE: return s < 0 ? VERDICT_HOLDS : verdict_within(d, 1) ? VERDICT_CLOSE : VERDICT_OFF;
  case CLAIM_AT_LEAST: return s <= 0 ? VERDICT_HOLDS : verdict_within(d, 1) ? VERDICT_CLOSE : VERDICT_OFF;
  case CLAIM_LESS: return s > 0 ? VERDICT_HOLDS : verdict_within(d, 1) ? VERDICT_CLOSE : VERDICT_OFF;
  case CLAIM_AT_MOST: return s >= 0 ? VERDICT_HOLDS : verdict_within(d, 1) ? VERDICT_CLOSE : VERDICT_OFF;
  case CLAIM_ALMOST:
    if (s < 0) return VERDICT_OFF;
    if (s == 0) return VERDICT_CLOSE;
    return verdict_within(d, 10) ? VERDICT_HOLDS : verdict_within(d, 20) ? VERDICT_CLOSE : VERDICT_OFF;
  }
  return VERDICT_OFF;
}

/* The verdict of a relative difference that may be a range (a side, or
 * the item's size, given as a range): for = and about the claim holds
 * when it lies inside the range, else the nearer end decides; for the
 * other relations both ends must hold, and one that does is close. */
verdict_kind verdict_judge(claim_rel rel, const num *d) {
  verdict_kind lo = verdict_point(rel, d->lo), hi = verdict_point(rel, d->hi);
  if (rel == CLAIM_EQ || rel == CLAIM_ABOUT) {
    if (mpq_sgn(d->lo) <= 0 && mpq_sgn(d->hi) >= 0) return VERDICT_HOLDS;
    return lo < hi ? lo : hi;
  }
  if (lo == VERDICT_HOLDS && hi == VERDICT_HOLDS) return VERDICT_HOLDS;
  return lo == VERDICT_HOLDS || hi == VERDICT_HOLDS || lo == VERDICT_CLOSE || hi == VERDICT_CLOSE ? VERDICT_CLOSE
                                                                                                  : VERDICT_OFF;
}

/* r = a / b, charged; an error over the whole check past the size limit
 * or for a divisor that is or contains zero. */
static int verdict_div(eval *E, const parse_stmt *st, num *r, const num *a, const num *b) {
  ast whole = {.start = st->expr->start, .end = st->target->end};
  if (num_contains_zero(b))
    return err_set(E->e, DS_E_DOMAIN, st->expr->start, st->target->end, "check needs nonzero values");
  int s = eval_charge_op(E, st->target, a, b, true);
  if (s) return s;
  s = num_div(r, a, b, E->maxbits);
  return s ? eval_numerr(E, s, &whole, "this check") : DS_OK;
}

/* d = claimed / actual - 1, with the error bounds of inexact parts. */
static void verdict_off(num *d, const num *claimed, const num *actual) {
  num one;
  num_init(&one);
  num_set_si(&one, 1);
  if (num_div(d, claimed, actual, NUM_BITS_HELPER) != DS_OK || num_sub(d, d, &one, NUM_BITS_HELPER) != DS_OK)
    num_set_si(d, 0);
  num_clear(&one);
}

/* Both sides under E's reading and precision: an inexact side is
 * evaluated again at higher precisions until the three digits of the
 * verdict are certain. */
static int verdict_sides(eval *E, const parse_stmt *st, qty *a, qty *b) {
  int s = eval_node(E, st->expr, a);
  if (!s) s = eval_node(E, st->target, b);
  long need = real_bits_for(3), have;
  bool stale = false;
  while (!s && (have = real_acc(&a->n, &b->n)) < need && E->prec < REAL_PRECISION_MAX && !stale) {
    long before = real_err_max(&a->n, &b->n);
    E->prec = real_more_prec(E->prec, have, need);
    s = eval_node(E, st->expr, a);
    if (!s) s = eval_node(E, st->target, b);
    stale = !s && real_err_max(&a->n, &b->n) >= before;
  }
  if (!s && real_acc(&a->n, &b->n) < need)
    s = err_set(E->e, DS_E_LIMIT, st->expr->start, st->target->end,
                "check cannot tell: fewer than three digits of its sides are certain %s", real_uncertain_why(stale));
  return s;
}

/* Does q count one named item and nothing else ("490 million photos")? */
static bool verdict_counts(const units *r, const qty *q) {
  int di = items_dim(r);
  if (di < 0 || q->item < 0 || q->d.e[di] != 1) return false;
  for (int i = 0; i < DIM_MAX; i++)
    if (i != di && q->d.e[i]) return false;
  return true;
}

/* The figures of a count claim in one reading: the actual (the count of
 * the size S at `size` per item, or the size of N items) and the
 * relative difference. */
static int verdict_count_in(eval *E, const parse_stmt *st, verdict_result *c, const num *S, const num *N,
                            const num *size, num *actual, num *off) {
  int s;
  if (c->size_claim) {
    s = eval_charge_op(E, st->target, N, size, true);
    if (!s) s = num_mul(actual, N, size, E->maxbits);
    if (s) return eval_numerr(E, s, st->target, "this check");
    verdict_off(off, S, actual);
  } else {
    if ((s = verdict_div(E, st, actual, S, size))) return s;
    verdict_off(off, N, actual);
  }
  return DS_OK;
}

/* A count against a size: the size per item the claim implies, its range,
 * the verdict at the assumed size, and the readings searched. */
/* The size of one of what a count claim counts, under a reading: the
 * item's (items_size), or a variable's that is a data size ("file =
 * 2 MB", item < 0). */
static int verdict_one(eval *E, const verdict_result *c, long item, bool binary, qty *out, long *var) {
  if (item >= 0) return items_size(E->ctx, item, binary, out, var, E->e);
  *var = session_find_var(E->ctx, c->of.item, strlen(c->of.item));
  qty_set(out, session_var_value(&E->ctx->vars[*var], binary));
  return DS_OK;
}

static int verdict_count(eval *E, const parse_stmt *st, verdict_result *c, qty *a, qty *b, qty *x) {
  session *ctx = E->ctx;
  const qty *cnt = c->size_claim ? a : b, *sz = c->size_claim ? b : a;
  long item = cnt->item, var;
  qty one, one2, a2, b2;
  qty_init(&one), qty_init(&one2), qty_init(&a2), qty_init(&b2);
  int s = verdict_one(E, c, item, E->binary, &one, &var);
  if (!s && !dim_eq(&one.d, &sz->d)) s = eval_dimerr(E, st->target, "compare", a, b);
  if (!s && num_contains_zero(&one.n))
    s = err_set(E->e, DS_E_DOMAIN, st->target->start, st->target->end,
                "one %s has no size (0 B): the claim cannot be counted", c->of.item);
  if (!s && num_contains_zero(&sz->n))
    s = err_set(E->e, DS_E_DOMAIN, st->expr->start, st->target->end, "check needs nonzero values");
  if (!s && num_sign(&cnt->n) != 1)
    s = err_set(E->e, DS_E_DOMAIN, st->target->start, st->target->end, "the count must be positive");
  if (!s) s = verdict_div(E, st, &x->n, &sz->n, &cnt->n);
  if (s) goto out;
  num_set(&c->implied, &x->n);
  x->d = sz->d, x->pref = 'B', x->item = -1;
  if (!(s = verdict_count_in(E, st, c, &sz->n, &cnt->n, &one.n, &c->actual, &c->off))) {
    num_set(&c->claimed, c->size_claim ? &sz->n : &cnt->n);
    c->verdict = verdict_judge(c->rel, &c->off);
  }
  if (s) goto out;
  const unit *u = item >= 0 ? &ctx->reg.units[item] : NULL;
  err ignored; /* a built-in item's range resolved on first use: it cannot fail */
  if (u && var < 0 && u->item && u->item->range && units_ready(&ctx->reg, item, true, &ignored) == DS_OK) {
    u = &ctx->reg.units[item];
    qty_set(&c->low, &u->item->low);
    qty_set(&c->high, &u->item->high);
    c->inside = mpq_cmp(x->n.lo, c->low.n.lo) >= 0 && mpq_cmp(x->n.hi, c->high.n.hi) <= 0;
    if (!(c->range = buf_strndup(u->item->range, strlen(u->item->range))))
      s = err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory");
    if (c->inside && c->verdict == VERDICT_OFF && (c->rel == CLAIM_EQ || c->rel == CLAIM_ABOUT))
      c->verdict = VERDICT_PLAUSIBLE;
  }
  if (s || c->verdict == VERDICT_HOLDS) goto out;
  /* Other readings, fewest changes first: the user's KB..QB the other
   * way, the item's size the other way, both. */
  eval E2 = *E;
  err e2;
  E2.binary = !E->binary;
  E2.used = NULL;
  E2.e = &e2;
  bool user = E->used && E->used->nlegacy, item_other = u && var < 0 && u->value_bin;
  /* the other reading is a search: failing there only ends it */
  if (user && verdict_sides(&E2, st, &a2, &b2)) user = false;
  for (int k = 1; k < 4 && !s && !c->holds_other; k++) {
    bool ou = k & 1, oi = k & 2;
    if ((ou && !user) || (oi && !item_other)) continue;
    if (oi) qty_set(&one2, units_value(u, !units_item_binary(u)));
    else if ((s = verdict_one(E, c, item, ou ? !E->binary : E->binary, &one2, &var))) break;
    const qty *ca = ou ? &a2 : a, *cb = ou ? &b2 : b;
    const num *S = c->size_claim ? &cb->n : &ca->n, *N = c->size_claim ? &ca->n : &cb->n;
    num act;
    num_init(&act);
    s = verdict_count_in(E, st, c, S, N, &one2.n, &act, &c->other_off);
    if (!s && verdict_judge(c->rel, &c->other_off) == VERDICT_HOLDS) {
      c->holds_other = true, c->other_user = ou, c->other_item = oi;
      num_set(&c->other_a, S);
      num_set(&c->other_size, &one2.n);
    }
    num_clear(&act);
  }
out:
  qty_clear(&one), qty_clear(&one2), qty_clear(&a2), qty_clear(&b2);
  return s;
}

int verdict_run(eval *E, const parse_stmt *st, verdict_result *c, qty *x) {
  const ast *B = st->target;
  qty a, b, kq, cq;
  qty_init(&a), qty_init(&b), qty_init(&kq), qty_init(&cq);
  int s = verdict_sides(E, st, &a, &b);
  /* the sentence's numbers, charged before they are written */
  if (!s) s = eval_charge(E, B, 2 * format_work(&a.n) + 2 * format_work(&b.n));
  if (s) goto out;
  const units *reg = &E->ctx->reg;
  c->rel = st->claim.rel;
  c->from = quote_input(E->src, E->len, st->expr->start, st->expr->end, E->decimal_comma);
  c->claim = quote_input(E->src, E->len, st->target_start, st->target_end, E->decimal_comma);
  bool eq = st->claim.rel_end - st->claim.rel_start == 1 && E->src[st->claim.rel_start] == '=';
  if (!eq) {
    size_t rs = st->claim.rel_start, re = st->claim.rel_end;
    while (re > rs && (E->src[re - 1] == ' ' || E->src[re - 1] == '\t')) re--;
    c->rel_text = buf_strndup(E->src + rs, re - rs);
  }
  if (!c->from || !c->claim || (!eq && !c->rel_text)) {
    s = err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory");
    goto out;
  }
  /* (a) a count of items against a size */
  bool bc = verdict_counts(reg, &b), ac = verdict_counts(reg, &a);
  if (!bc && !ac && !st->claim.fden && B->kind == N_JUX && B->b->kind == N_NAME) {
    /* "400 files" after "file = 2 MB": a count of a variable's size (but
     * "3 * before" is a ratio of two variables) */
    int k = count_of(E, B->b, B->b->start, B->b->end, st->expr, &c->of);
    if (k < 0) {
      s = err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory");
      goto out;
    }
    if (k && c->of.index < 0 && !(s = eval_node(E, B->a, &b))) {
      if (!dim_is_none(&b.d)) {
        s = err_set(E->e, DS_E_DOMAIN, B->a->start, B->a->end, "the count must be a plain number");
        goto out;
      }
      c->form = VERDICT_COUNT;
      s = verdict_count(E, st, c, &a, &b, x);
      goto out;
    }
    if (s) goto out;
    count_clear(&c->of);
  }
  if (bc != ac && !st->claim.fden) {
    c->form = VERDICT_COUNT;
    c->size_claim = ac;
    const qty *cnt = ac ? &a : &b;
    const ast *name = B->kind == N_JUX || B->kind == N_MUL ? B->b : B;
    if (!ac && count_of(E, name, name->start, name->end, st->expr, &c->of) < 0) {
      s = err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory");
      goto out;
    }
    if (!c->of.item) { /* the item's words when the claim's are not its name alone */
      const unit *u = &reg->units[cnt->item];
      long v = session_find_var(E->ctx, u->word, strlen(u->word));
      bool ib = units_item_binary(u);
      c->of.index = cnt->item;
      c->of.item = buf_strndup(u->word, strlen(u->word));
      c->of.name = catalog_name(u, false);
      c->of.each = v >= 0                   ? buf_strndup(E->ctx->vars[v].text, strlen(E->ctx->vars[v].text))
                   : u->state == UNIT_READY ? catalog_size(reg, units_value(u, ib), ib)
                                            : NULL;
    }
    if (!c->of.item || !c->of.name || !c->of.each) {
      s = err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory");
      goto out;
    }
    /* "60000 bodycam_hours" is worded "60,000 hours of body-camera video" */
    const unit *cu = c->of.index >= 0 ? &reg->units[c->of.index] : NULL;
    if (!ac && cu && cu->item && cu->item->many && B->kind == N_JUX && name->kind == N_NAME &&
        memchr(E->src + name->start, '_', name->end - name->start)) {
      char *nq = quote_input(E->src, E->len, B->a->start, B->a->end, E->decimal_comma);
      buf w;
      buf_init(&w, 1 << 16);
      if (nq) buf_printf(&w, "%s %s", nq, strcmp(nq, "1") == 0 && cu->item->one ? cu->item->one : cu->item->many);
      free(nq);
      char *t = buf_take(&w);
      if (t) free(c->claim), c->claim = t;
    }
    s = verdict_count(E, st, c, &a, &b, x);
    goto out;
  }
  if (items_differ(reg, &a, &b) || (!dim_eq(&a.d, &b.d) && (a.item >= 0 || b.item >= 0))) {
    if (!(s = eval_items_to_size(E, st->expr, &a))) s = eval_items_to_size(E, B, &b);
    if (s) goto out;
  }
  /* (b) a ratio: "3 * 400 TB", "three times 400 TB" */
  bool ratio = false;
  if (st->claim.fden) {
    num_set_si(&kq.n, st->claim.fnum);
    mpq_set_si(kq.n.lo, st->claim.fnum, (unsigned long)st->claim.fden);
    mpq_canonicalize(kq.n.lo);
    mpq_set(kq.n.hi, kq.n.lo);
    qty_set(&cq, &b);
    ratio = true;
  } else if (B->kind == N_MUL) {
    /* k and B->b are parts of B, already evaluated once: only the work
     * limit or a cancellation can stop them now. */
    s = eval_node(E, B->a, &kq);
    ratio = !s && dim_is_none(&kq.d) && !num_contains_zero(&kq.n);
    if (ratio) s = eval_node(E, B->b, &cq);
    if (s) goto out;
  }
  ratio = ratio && dim_eq(&cq.d, &a.d);
  if (!ratio && !dim_eq(&a.d, &b.d)) {
    s = eval_dimerr(E, B, "compare", &a, &b);
    goto out;
  }
  const qty *base = ratio ? &cq : &b;
  if (num_contains_zero(&a.n)) {
    s = err_set(E->e, DS_E_DOMAIN, st->expr->start, st->target->end, "check needs nonzero values");
    goto out;
  }
  if ((s = verdict_div(E, st, &x->n, &a.n, &base->n))) goto out;
  dim_clear(&x->d);
  x->pref = 0;
  x->item = -1;
  num_set(&c->actual, &x->n);
  if (ratio) {
    c->form = VERDICT_RATIO;
    num_set(&c->factor, &kq.n);
    num_set(&c->claimed, &kq.n);
    if (!(c->base = quote_input(E->src, E->len, st->claim.fden ? st->target_start : B->b->start,
                                st->claim.fden ? st->target_end : B->b->end, E->decimal_comma))) {
      s = err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory");
      goto out;
    }
  } else {
    /* A against B: the claim is B, the actual A; the ratio shown A / B */
    c->form = num_is_point(&x->n) && mpq_cmp_ui(x->n.lo, 1, 1) == 0 ? VERDICT_EQUAL : VERDICT_TIMES;
    num_set_si(&c->claimed, 1);
  }
  /* claimed / actual - 1: k / (A/C), or B / A = 1 / (A/B) */
  verdict_off(&c->off, &c->claimed, &c->actual);
  c->verdict = verdict_judge(c->rel, &c->off);
  if (c->verdict != VERDICT_HOLDS && E->used && E->used->nlegacy) {
    /* the other reading of the user's KB..QB */
    eval E2 = *E;
    err e2;
    E2.binary = !E->binary;
    E2.used = NULL;
    E2.e = &e2;
    qty a2, b2;
    qty_init(&a2), qty_init(&b2);
    num act;
    num_init(&act);
    /* the other reading is a search: failing there only ends it */
    int s2 = verdict_sides(&E2, st, &a2, &b2);
    if (!s2 && ratio && !st->claim.fden) s2 = eval_node(&E2, B->b, &b2);
    if (!s2 && !num_contains_zero(&b2.n) && dim_eq(&a2.d, &b2.d) && num_div(&act, &a2.n, &b2.n, E->maxbits) == DS_OK) {
      verdict_off(&c->other_off, &c->claimed, &act);
      if (verdict_judge(c->rel, &c->other_off) == VERDICT_HOLDS) {
        c->holds_other = c->other_user = true;
        num_set(&c->other_a, &a2.n);
      }
    }
    qty_clear(&a2), qty_clear(&b2);
    num_clear(&act);
  }
out:
  qty_clear(&a), qty_clear(&b), qty_clear(&kq), qty_clear(&cq);
  return s;
}
