/*
 * stmt.c -- runs one line of the language: its statement form on top of
 * the walker (eval.c).
 *
 * A line is an expression, perhaps converted ("to GB", "to photos", "to
 * equivalents", "to photos range"), an assignment ("photo = 2.86 MB", or
 * "widget = !widget" for a new countable thing), "reset [NAME]" or "check
 * A = B". This file parses the line, evaluates it, evaluates it again under
 * the other reading of KB..YB when it used one, binds the variable and ans,
 * and records in a stmt_result of the line's kind what the wording
 * (word.c) and the derivation (explain.c) need. It writes no sentence.
 */
#include "stmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "copy.h"
#include "format.h"
#include "items.h"
#include "lex.h"
#include "real.h"
#include "quote.h"

/* Zeroes r but for its record of what was used (about 5 KB: its counts
 * say what is in it), which a line would otherwise pay to clear twice. */
static void stmt_result_zero(stmt_result *r) {
  size_t at = offsetof(stmt_result, used), past = at + sizeof r->used;
  memset(r, 0, at);
  memset((char *)r + past, 0, sizeof *r - past);
}

void stmt_result_init(stmt_result *r) {
  stmt_result_zero(r);
  r->kind = STMT_VALUE;
  qty_init(&r->v);
  qty_init(&r->alt);
  eval_used_init(&r->used);
  qty_init(&r->bytes.alt);
  num_init(&r->bytes.alt_shown);
}

/* Gives a new result (of kind STMT_VALUE, nothing in its payload) the kind
 * k, with its payload initialised. */
static void stmt_result_kind(stmt_result *r, stmt_kind k) {
  memset(&r->u, 0, sizeof r->u);
  r->kind = k;
  switch (k) {
  case STMT_CONVERT:
    num_init(&r->u.convert.shown);
    num_init(&r->u.convert.alt_shown);
    break;
  case STMT_COUNT:
  case STMT_RANGE:
    num_init(&r->u.count.to.shown);
    num_init(&r->u.count.to.alt_shown);
    num_init(&r->u.count.range_shown);
    break;
  case STMT_GROWTH: estimate_growth_init(&r->u.growth); break;
  case STMT_CHECK:
    num_init(&r->u.check.factor);
    num_init(&r->u.check.implied_alt);
    for (int i = 0; i < 2; i++) num_init(&r->u.check.off[i]), num_init(&r->u.check.count[i]);
    break;
  default: break;
  }
}

static void stmt_items_clear(stmt_items *of) {
  free(of->from), free(of->size), free(of->item), free(of->name), free(of->each);
  of->from = of->size = of->item = of->name = of->each = NULL;
}

static void stmt_convert_clear(stmt_convert *c) {
  free(c->unit);
  num_clear(&c->shown);
  num_clear(&c->alt_shown);
}

/* Frees what r owns but its two values (v, alt). */
static void stmt_result_release(stmt_result *r) {
  switch (r->kind) {
  case STMT_VALUE:
    free(r->u.value.as_written);
    shape_line_free(r->u.value.shape);
    break;
  case STMT_CONVERT: stmt_convert_clear(&r->u.convert); break;
  case STMT_COUNT:
  case STMT_RANGE:
    stmt_convert_clear(&r->u.count.to);
    stmt_items_clear(&r->u.count.of);
    num_clear(&r->u.count.range_shown);
    free(r->u.count.range);
    break;
  case STMT_EQUIV:
    free(r->u.equiv.from);
    for (int i = 0; i < r->u.equiv.n; i++) catalog_pick_clear(&r->u.equiv.pick[i]);
    break;
  case STMT_GROWTH: estimate_growth_clear(&r->u.growth); break;
  case STMT_CHECK:
    free(r->u.check.from), free(r->u.check.claim), free(r->u.check.base), free(r->u.check.range);
    stmt_items_clear(&r->u.check.of);
    num_clear(&r->u.check.factor);
    num_clear(&r->u.check.implied_alt);
    for (int i = 0; i < 2; i++) num_clear(&r->u.check.off[i]), num_clear(&r->u.check.count[i]);
    break;
  case STMT_RESET: free(r->u.reset.name), free(r->u.reset.back_to); break;
  case STMT_SETTING: break;
  }
  free(r->name);
  eval_used_clear(&r->used);
}

void stmt_result_clear(stmt_result *r) {
  stmt_result_release(r);
  qty_clear(&r->v);
  qty_clear(&r->alt);
  qty_clear(&r->bytes.alt);
  num_clear(&r->bytes.alt_shown);
  stmt_result_zero(r);
}

void stmt_result_reset(stmt_result *r) {
  stmt_result_release(r);
  /* the memory of its numbers, kept: zero values, no allocation */
  qty v = r->v, alt = r->alt, balt = r->bytes.alt;
  num bshown = r->bytes.alt_shown;
  stmt_result_zero(r);
  r->kind = STMT_VALUE;
  r->v = v;
  r->alt = alt;
  r->bytes.alt = balt;
  r->bytes.alt_shown = bshown;
  num_set_si(&r->bytes.alt_shown, 0);
  for (qty *q = &r->v; q; q = q == &r->v ? &r->alt : q == &r->alt ? &r->bytes.alt : NULL) {
    num_set_si(&q->n, 0);
    dim_clear(&q->d);
    q->pref = 0;
  }
}

const stmt_convert *stmt_conversion(const stmt_result *r) {
  if (r->kind == STMT_CONVERT) return &r->u.convert;
  if (r->kind == STMT_COUNT || r->kind == STMT_RANGE) return &r->u.count.to;
  return NULL;
}

/* The display text of a conversion target: as written, spaces collapsed,
 * and a unit word put in the singular or plural the value asks for. A
 * catalogue item found in another case ("DVD", "hd hours") keeps the case
 * as written, with its plural's ending added or taken away. */
static char *stmt_target_text(eval *E, const parse_stmt *st, const num *x) {
  const char *s = E->src + st->target_start;
  size_t len = st->target_end - st->target_start;
  const ast *t = st->target;
  units_match m;
  bool one = num_is_point(x) && mpq_cmp_ui(x->lo, 1, 1) == 0;
  bool var = t->kind != N_NAME || eval_var(E, s, len) >= 0;
  /* "largest_hdds" is the catalogue's identifier: the output says
   * "largest hard drives". */
  if (!var && memchr(s, '_', len) && eval_lookup(E, s, len, &m) && !m.pf && m.u->item && m.u->item->one &&
      m.u->item->many) {
    const char *d = one ? m.u->item->one : m.u->item->many;
    return buf_strndup(d, strlen(d));
  }
  if (!var && units_lookup(&E->ctx->reg, s, len, &m) && m.word && m.u->plural) {
    const char *pw = m.pf && m.pf->word ? m.pf->word : "";
    const char *w = one ? m.u->word : m.u->plural;
    size_t pl = strlen(pw), wl = strlen(w);
    char *r = malloc(pl + wl + 1);
    if (r) {
      memcpy(r, pw, pl);
      memcpy(r + pl, w, wl + 1);
    }
    return r;
  }
  bool item = !var && units_find_item(&E->ctx->reg, s, len, &m) == 1 && m.word && m.u->plural;
  size_t wl = item ? strlen(m.u->word) : 0, pl = item ? strlen(m.u->plural) : 0;
  if (item && (pl <= wl || strncmp(m.u->plural, m.u->word, wl) != 0)) item = false; /* not word + ending */
  size_t tl = item ? pl - wl : 0;
  char *r = malloc(len + tl + 1);
  if (!r) return NULL;
  size_t k = 0;
  for (size_t i = 0; i < len; i++) {
    if (s[i] == ' ' || s[i] == '\t') {
      if (k && r[k - 1] != ' ') r[k++] = ' ';
    } else {
      r[k++] = s[i];
    }
  }
  while (k && r[k - 1] == ' ') k--;
  if (item && !one && !m.plural) {
    memcpy(r + k, m.u->plural + wl, tl); /* "DVD" -> "DVDs" */
    k += tl;
  } else if (item && one && m.plural && k > tl && strncasecmp(r + k - tl, m.u->plural + wl, tl) == 0) {
    k -= tl; /* "DVDs" -> "DVD" */
  }
  r[k] = 0;
  return r;
}

/* Is this a plain quantity as one writes it: numbers and units joined by
 * juxtaposition, *, /, per, ^ with a number, $ and %? No variables. */
static bool stmt_is_literal(const eval *E, const ast *n) {
  switch (n->kind) {
  case N_NUM: return true;
  case N_NAME:
    return eval_var(E, E->src + n->start, n->end - n->start) < 0 &&
           !(n->end - n->start == 3 && memcmp(E->src + n->start, "ans", 3) == 0) &&
           !(n->end - n->start == 1 && E->src[n->start] == '_');
  case N_JUX:
  case N_MUL: return stmt_is_literal(E, n->a) && stmt_is_literal(E, n->b);
  case N_DIV: /* "per GB", not "/ 3": a division by a number is arithmetic */
    return stmt_is_literal(E, n->a) && stmt_is_literal(E, n->b) && n->b->kind != N_NUM;
  case N_POW: return stmt_is_literal(E, n->a) && n->b->kind == N_NUM;
  case N_NEG:
  case N_PERCENT:
  case N_DOLLAR: return n->a && stmt_is_literal(E, n->a);
  default: return false;
  }
}

/* What a conversion to target t (written src[start..end)) counts, when t
 * names a catalogue item or a variable that reads as a count of things:
 * fills `of` (the quantity `expr` as written, the size of one, the item)
 * and returns 1; 0 when t counts nothing; -1 when memory runs out. */
static int stmt_items_of(eval *E, const ast *t, size_t start, size_t end, const ast *expr, stmt_items *of) {
  const char *s = E->src + start;
  size_t len = end - start;
  of->index = -1;
  if (t->kind != N_NAME) return 0;
  session *ctx = E->ctx;
  const char *size = NULL, *one = NULL;
  long itm = -1;
  units_match m;
  char sing[3][128];
  long v = eval_var(E, s, len);
  if (v < 0 && eval_lookup(E, s, len, &m) && !m.pf) {
    v = eval_var(E, m.u->word, strlen(m.u->word));
    if (v < 0 && (m.u->flags & UNIT_ITEM)) size = m.u->def, one = m.u->word, itm = m.index;
  }
  if (v < 0 && !size) {
    size_t ns = copy_singulars(s, len, sing);
    for (size_t i = 0; i < ns && v < 0; i++) v = eval_var(E, sing[i], strlen(sing[i]));
  }
  if (v >= 0) {
    /* A variable reads as a count of things when it overrides a catalogue
     * item or is a data size (file = 2 MB); EUR = 1.08 USD stays a unit. */
    units_match im;
    const char *nm = ctx->vars[v].name;
    bool item = units_lookup(&ctx->reg, nm, strlen(nm), &im) && !im.pf && (im.u->flags & UNIT_ITEM);
    if (item) of->index = im.index;
    int info = units_find_dim(&ctx->reg, "information", 11);
    const dim *d = &ctx->vars[v].value.d;
    bool data = info >= 0 && d->e[info] == 1;
    for (int i = 0; i < DIM_MAX && data; i++)
      if (i != info && d->e[i]) data = false;
    if (!item && !data) return 0;
    size = ctx->vars[v].text, one = nm;
  }
  if (!size) return 0;
  if (itm >= 0) of->index = itm;
  of->size = buf_strndup(size, strlen(size));
  of->item = buf_strndup(one, strlen(one));
  err ignored; /* a built-in item resolved on first use: it cannot fail */
  if (itm >= 0 && units_ready(&ctx->reg, itm, false, &ignored) == DS_OK) {
    const unit *u = &ctx->reg.units[itm];
    of->name = catalog_name(u, false);
    /* In the units its source counts in, whatever the reading in force. */
    bool ib = units_item_binary(u);
    of->each = catalog_size(&ctx->reg, units_value(u, ib), ib);
    of->upper = u->item && u->item->upper;
  } else {
    of->name = buf_strndup(one, strlen(one));
    of->each = buf_strndup(size, strlen(size));
  }
  /* "after to photos": say what "after" is. */
  long fv = expr->kind == N_NAME ? eval_var(E, E->src + expr->start, expr->end - expr->start) : -1;
  of->from = fv >= 0 ? buf_strndup(ctx->vars[fv].text, strlen(ctx->vars[fv].text))
                     : quote_input(E->src, E->len, expr->start, expr->end, E->decimal_comma);
  return of->size && of->item && of->name && of->each && of->from ? 1 : -1;
}

/* r = d / c - 1: how far a claim d is from the actual c, relatively, with
 * the error bounds of inexact parts. */
static void stmt_off(num *r, const num *d, const num *c) {
  num one;
  num_init(&one);
  num_set_si(&one, 1);
  if (num_div(r, d, c, NUM_BITS_HELPER) != DS_OK || num_sub(r, r, &one, NUM_BITS_HELPER) != DS_OK) num_set_si(r, 0);
  num_clear(&one);
}

/* A quotient of check, r = a / b: a status of num_div (the size limit)
 * is an error over the whole check, never a value past the limits. */
static int stmt_check_div(eval *E, const parse_stmt *st, num *r, const num *a, const num *b) {
  int s = num_div(r, a, b, E->maxbits);
  if (s == DS_OK) return DS_OK;
  ast whole = {.start = st->expr->start, .end = st->target->end};
  return eval_numerr(E, s, &whole, "this check");
}

/* check A = B: does the claim hold? For "N items", the size per item it
 * implies, against the catalogue and both readings of KB..YB; otherwise
 * the actual ratio and how far off the claim is. */
static int stmt_run_check(eval *E, const parse_stmt *st, stmt_result *res) {
  const ast *B = st->target;
  qty a, b, a2, n, sz, sz2;
  qty_init(&a), qty_init(&b), qty_init(&a2), qty_init(&n), qty_init(&sz), qty_init(&sz2);
  int s = eval_node(E, st->expr, &a);
  if (!s) s = eval_node(E, B, &b);
  if (!s && !dim_eq(&a.d, &b.d)) s = eval_dimerr(E, B, "compare", &a, &b);
  if (!s && (!num_is_point(&a.n) || !num_is_point(&b.n) || num_is_zero(&a.n) || num_is_zero(&b.n)))
    s = err_set(E->e, DS_E_DOMAIN, st->expr->start, B->end, "check needs two single nonzero values");
  /* An inexact side is evaluated again at higher precisions until the
   * three digits of the verdict are certain (the rest of the check uses
   * the precision reached). */
  long need = real_bits_for(3), have;
  bool stale = false;
  while (!s && (have = real_acc(&a.n, &b.n)) < need && E->prec < REAL_PRECISION_MAX && !stale) {
    long before = real_err_max(&a.n, &b.n);
    E->prec = real_more_prec(E->prec, have, need);
    s = eval_node(E, st->expr, &a);
    if (!s) s = eval_node(E, B, &b);
    stale = !s && real_err_max(&a.n, &b.n) >= before;
  }
  if (!s && real_acc(&a.n, &b.n) < need)
    s = err_set(E->e, DS_E_LIMIT, st->expr->start, B->end,
                "check cannot tell: fewer than three digits of its sides are certain %s", real_uncertain_why(stale));
  if (s) goto out;
  stmt_result_kind(res, STMT_CHECK);
  stmt_check *c = &res->u.check;
  c->from = quote_input(E->src, E->len, st->expr->start, st->expr->end, E->decimal_comma);
  c->claim = quote_input(E->src, E->len, st->target_start, st->target_end, E->decimal_comma);
  const ast *item = (B->kind == N_JUX || B->kind == N_MUL) && B->b->kind == N_NAME ? B->b : NULL;
  int counted = item ? stmt_items_of(E, item, item->start, item->end, st->expr, &c->of) : 0;
  if (!c->from || !c->claim || counted < 0) {
    s = err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory");
    goto out;
  }
  qty *x = &res->v; /* the value of a check: the implied size, or the actual ratio */
  if (counted) {
    /* (a) a count of items: the size per item the claim implies. */
    c->form = STMT_CHECK_COUNT;
    eval E2 = *E;
    E2.binary = !E->binary;
    E2.used = NULL;
    s = eval_node(E, B->a, &n);
    if (!s) s = eval_node(E, item, &sz);
    if (!s) s = eval_node(&E2, st->expr, &a2);
    if (!s) s = eval_node(&E2, item, &sz2);
    if (!s && (!dim_is_none(&n.d) || num_sign(&n.n) != 1))
      s = err_set(E->e, DS_E_DOMAIN, B->a->start, B->a->end, "the count must be a positive number");
    if (!s) s = eval_charge_op(E, B, &a.n, &n.n, true);
    if (!s) s = eval_charge_op(E, B, &a2.n, &n.n, true);
    if (!s) s = eval_charge(E, B, 2 * format_work(&a.n));
    if (!s) s = stmt_check_div(E, st, &x->n, &a.n, &n.n);
    if (!s) s = stmt_check_div(E, st, &c->implied_alt, &a2.n, &n.n);
    if (s) goto out;
    x->d = a.d;
    x->pref = 'B';
    c->differs = !mpq_equal(c->implied_alt.lo, x->n.lo);
    units_match m;
    const char *nm = c->of.item;
    err ignored; /* a built-in item's range resolved on first use: it cannot fail */
    if (units_lookup(&E->ctx->reg, nm, strlen(nm), &m) && !m.pf && m.u->item && m.u->item->range &&
        units_ready(&E->ctx->reg, m.index, true, &ignored) == DS_OK) {
      const unit_item *it = E->ctx->reg.units[m.index].item;
      c->inside = mpq_cmp(x->n.lo, it->low.n.lo) >= 0 && mpq_cmp(x->n.lo, it->high.n.hi) <= 0;
      if (!(c->range = buf_strndup(it->range, strlen(it->range)))) {
        s = err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory");
        goto out;
      }
    }
    /* The count at the assumed size, in each reading. */
    for (int r = 0; r < (c->differs ? 2 : 1) && !s; r++) {
      const num *ar = r ? &a2.n : &a.n, *sr = r ? &sz2.n : &sz.n;
      if ((s = eval_charge_op(E, B, ar, sr, true)) || (s = eval_charge(E, B, 2 * format_work(ar)))) break;
      if (num_contains_zero(sr)) { /* a size that is zero in the other reading only */
        bool bin = r ? !E->binary : E->binary;
        s = err_set(E->e, DS_E_DOMAIN, item->start, item->end,
                    "one %s is zero when read as %s: the claim cannot be counted", c->of.item,
                    bin ? "1024-based" : "decimal");
        break;
      }
      if (!(s = stmt_check_div(E, st, &c->count[r], ar, sr))) stmt_off(&c->off[r], &n.n, &c->count[r]);
    }
    goto out;
  }
  /* (b) a ratio: "1,400 TB is 3.5 × 400 TB; the claim is 14 % low". */
  const ast *k = B->kind == N_MUL ? B->a : NULL;
  qty kq, cq;
  qty_init(&kq);
  qty_init(&cq);
  /* k and B->b are parts of B, already evaluated once: only the work
   * limit or a cancellation can stop them now. */
  s = k ? eval_node(E, k, &kq) : DS_OK;
  bool ratio = k && !s && dim_is_none(&kq.d) && num_is_point(&kq.n) && !num_is_zero(&kq.n);
  if (ratio) s = eval_node(E, B->b, &cq);
  ratio = ratio && !s && dim_eq(&cq.d, &a.d) && !num_contains_zero(&cq.n);
  if (!s) s = eval_charge_op(E, B, &a.n, ratio ? &cq.n : &b.n, true);
  if (!s) s = eval_charge_op(E, B, &a.n, ratio ? &kq.n : &b.n, true);
  if (!s) s = eval_charge(E, B, 2 * format_work(&a.n));
  if (s) {
    /* stopped */
  } else if (ratio) {
    c->form = STMT_CHECK_RATIO;
    if (!(s = stmt_check_div(E, st, &x->n, &a.n, &cq.n))) {
      num_set(&c->factor, &kq.n);
      stmt_off(&c->off[0], &kq.n, &x->n);
      if (!(c->base = quote_input(E->src, E->len, B->b->start, B->b->end, E->decimal_comma)))
        s = err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory");
    }
  } else if (mpq_equal(a.n.lo, b.n.lo)) {
    c->form = STMT_CHECK_EQUAL;
    num_set_si(&x->n, 1);
    num_set_si(&c->off[0], 0);
  } else {
    c->form = STMT_CHECK_TIMES;
    if (!(s = stmt_check_div(E, st, &x->n, &a.n, &b.n))) stmt_off(&c->off[0], &b.n, &a.n);
  }
  dim_clear(&x->d);
  x->pref = 0;
  qty_clear(&kq);
  qty_clear(&cq);
out:
  qty_clear(&a), qty_clear(&b), qty_clear(&a2), qty_clear(&n), qty_clear(&sz), qty_clear(&sz2);
  return s;
}

/* "reset" forgets every variable; "reset NAME" one of them, so a
 * catalogue item is back to its catalogue value. A command has no value:
 * the result's stays 0, so nothing of the previous line's shows through. */
static int stmt_run_reset(eval *E, const parse_stmt *st, stmt_result *r) {
  session *ctx = E->ctx;
  const char *s = E->src + st->name_start;
  size_t len = st->name_end - st->name_start;
  if (len && !session_unset_var(ctx, s, len))
    return err_set(E->e, DS_E_UNKNOWN, st->name_start, st->name_end, "nothing to reset: '%.*s' was not set", (int)len,
                   s);
  stmt_result_kind(r, STMT_RESET);
  stmt_reset *rs = &r->u.reset;
  if (len == 0) {
    rs->count = ctx->nvars;
    while (ctx->nvars) session_unset_var(ctx, ctx->vars[0].name, strlen(ctx->vars[0].name));
    return DS_OK;
  }
  units_match m;
  if (!(rs->name = buf_strndup(s, len)) ||
      (units_lookup(&ctx->reg, s, len, &m) && !m.pf && !(rs->back_to = buf_strndup(m.u->def, strlen(m.u->def)))))
    return err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory");
  return DS_OK;
}

/* "set decimal-comma on|off": how numbers are read from the next line on,
 * and written from this one's answer on. */
static int stmt_run_set(eval *E, const parse_stmt *st, stmt_result *r) {
  stmt_result_kind(r, STMT_SETTING);
  E->ctx->decimal_comma = r->u.setting.decimal_comma = st->set_decimal_comma > 0;
  return DS_OK;
}

/* Evaluates the value (and target) of a parsed line with the current
 * E->binary; v = value in base units, f = target factor when converting. */
static int stmt_sides(eval *E, const parse_stmt *st, qty *v, qty *f) {
  int s = eval_node(E, st->expr, v);
  if (s || st->conv != CONV_UNIT) return s;
  if ((s = eval_node(E, st->target, f))) return s;
  if (num_contains_zero(&f->n))
    return err_set(E->e, DS_E_DOMAIN, st->target_start, st->target_end,
                   num_is_zero(&f->n) ? "cannot convert to a zero quantity"
                                      : "cannot convert to a range that includes zero");
  /* "1400 TB to photos", "490 million photos to TB", "10 songs to photos":
   * a count meets a size, or another item, as a size. */
  if ((!dim_eq(&v->d, &f->d) || items_differ(&E->ctx->reg, v, f)) &&
      ((s = eval_items_to_size(E, st->expr, v)) || (s = eval_items_to_size(E, st->target, f))))
    return s;
  if (!dim_eq(&v->d, &f->d)) {
    char dv[96], df[96];
    units_dim_name(&E->ctx->reg, &v->d, dv, sizeof dv);
    units_dim_name(&E->ctx->reg, &f->d, df, sizeof df);
    return err_set(E->e, DS_E_DIMENSION, st->expr->start, st->target_end,
                   "dimension mismatch: cannot convert %s to %s (%.*s)", dv, df,
                   (int)lex_utf8_cut(E->src + st->target_start, st->target_end - st->target_start, 60),
                   E->src + st->target_start);
  }
  return DS_OK;
}

/* A conversion target of several words, or with hyphens, that is the
 * name of a catalogue item written as the table prints it or with spaces
 * for underscores ("hours of HD video", "Blu-rays", "text pages"). As an
 * expression it either fails (of, Blu: unknown names) or means another
 * thing (text * pages); `s` is how stmt_sides ended. When the expression
 * failed, the target becomes the item's name and the line is evaluated
 * again, forgetting what the failed try used; when both readings give the
 * dimension asked for, the line is an error that names them. Else `s`
 * stands. */
static int stmt_phrase(eval *E, parse_stmt *st, stmt_result *r, qty *f, int s) {
  const char *ts = E->src + st->target_start;
  size_t tl = st->target_end - st->target_start;
  units_match m;
  if (st->conv != CONV_UNIT || st->target->kind == N_NAME || (s && s != DS_E_UNKNOWN && s != DS_E_DIMENSION) ||
      units_find_item(&E->ctx->reg, ts, tl, &m) != 1)
    return s;
  if (!s) {
    err ignored; /* a built-in item resolved on first use: it cannot fail */
    if (units_ready(&E->ctx->reg, m.index, false, &ignored) == DS_OK &&
        dim_eq(&units_value(&E->ctx->reg.units[m.index], E->binary)->d, &f->d))
      return err_set(E->e, DS_E_UNKNOWN, st->target_start, st->target_end,
                     "'%.*s' reads both as the catalogue item %s and as a product of units: write %s for the "
                     "item, or put the product in parentheses",
                     (int)lex_utf8_cut(ts, tl, 60), ts, m.u->plural ? m.u->plural : m.u->word,
                     m.u->plural ? m.u->plural : m.u->word);
    return s;
  }
  ast *n = ast_new(&E->env->arena, N_NAME, st->target_start, st->target_end);
  if (!n) return err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory");
  st->target = n;
  eval_used_clear(&r->used);
  err_clear(E->e);
  return stmt_sides(E, st, &r->v, f);
}

/* Sizes spelled Tb, Pb, ... that are not rates: the result with them read
 * as TB, PB, ... (for the note; not when one is the conversion target,
 * whose unit would change too). Only a cancellation or the work limit
 * stops the line. */
static int stmt_bytes_reading(eval_env *env, const parse_stmt *st, const char *src, size_t len, stmt_result *r,
                              err *e) {
  const eval_bitsizes *bs = &r->used.bits;
  size_t at[EVAL_MAX_BITSIZES];
  int n = 0;
  for (int i = 0; i < bs->n; i++) {
    if (bs->rate[i]) continue;
    at[n++] = bs->at[i];
    if (st->conv == CONV_UNIT && bs->at[i] >= st->target_start && bs->at[i] < st->target_end) r->bytes.in_target = true;
  }
  if (!n || r->bytes.in_target) return DS_OK;
  eval E3;
  err e3;
  err_clear(&e3);
  eval_init(&E3, env, src, len, &e3, NULL);
  E3.bytes_at = at;
  E3.nbytes_at = n;
  if (r->prec > 0) E3.prec = r->prec; /* as many certain digits as this reading */
  qty f3;
  qty_init(&f3);
  int as = stmt_sides(&E3, st, &r->bytes.alt, &f3);
  if (!as && stmt_conversion(r) && !(as = eval_charge_op(&E3, st->target, &r->bytes.alt.n, &f3.n, true)))
    as = num_div(&r->bytes.alt_shown, &r->bytes.alt.n, &f3.n, E3.maxbits);
  qty_clear(&f3);
  r->bytes.have_alt = as == DS_OK;
  if (as == DS_E_CANCELLED ||
      (as == DS_E_LIMIT && env->work > (unsigned long long)env->s->limits[DS_LIMIT_WORK] * 1000000ull)) {
    *e = e3;
    return as;
  }
  return DS_OK;
}

/* Charges the writing of the result before it happens (word.c, ctx.c and
 * explain.c have no budget of their own): its roundings, the note of the
 * other reading, and the strings of all its digits (--exact, the
 * derivation, the exact value kept for JSON). */
static int stmt_charge_output(eval *E, const parse_stmt *st, const stmt_result *r) {
  const session *ctx = E->ctx;
  const stmt_convert *cv = stmt_conversion(r);
  bool count = r->kind == STMT_COUNT || r->kind == STMT_RANGE;
  const num *x = cv ? &cv->shown : &r->v.n;
  unsigned long long w = format_work(x) * (count ? 3 : 1);
  if (r->have_alt) w += 2 * format_work(cv ? &cv->alt_shown : &r->alt.n);
  if (r->bytes.have_alt) w += 2 * format_work(cv ? &r->bytes.alt_shown : &r->bytes.alt.n);
  if (r->kind == STMT_RANGE) w += 2 * format_work(&r->u.count.range_shown);
  for (int i = 0; r->kind == STMT_EQUIV && i < r->u.equiv.n; i++) w += format_work(&r->u.equiv.pick[i].count);
  if (r->kind == STMT_GROWTH) w += 3 * format_work(&r->u.growth.factor) + format_work(&r->u.growth.rate);
  if (ctx->explain) w += 4 * format_work(&r->v.n) + (cv && !x->inexact ? 2 * format_work_digits(x) : 0);
  if (ctx->style == DS_STYLE_EXACT && !x->inexact) w += format_work_expansion(x);
  if (ctx->style == DS_STYLE_EXACT && r->have_alt && !r->alt.n.inexact)
    w += format_work_expansion(cv ? &cv->alt_shown : &r->alt.n);
  if (!x->inexact && !x->range && num_qbits(x->lo) <= FORMAT_EXACT_MAX_BITS) w += format_work_digits(x);
  return eval_charge(E, st->expr, w);
}

/* At the precision limit, a result may still lack digits (cancellation):
 * it is then shown with the digits that are certain and a note, but a
 * result with none certain is an error, as is one of fewer than three
 * when it is worded with three (a count, a growth rate, equivalents). */
static int stmt_check_certain(eval *E, const parse_stmt *st, const stmt_result *r) {
  const stmt_convert *cv = stmt_conversion(r);
  const num *x = cv ? &cv->shown : r->kind == STMT_GROWTH ? &r->u.growth.rate : &r->v.n;
  if (!x->inexact) return DS_OK;
  int want = session_digits_shown(E->ctx), cd = format_certain(x, want);
  bool worded = r->kind == STMT_COUNT || r->kind == STMT_RANGE || r->kind == STMT_GROWTH || r->kind == STMT_EQUIV;
  if (cd >= (worded ? 3 : 1)) return DS_OK;
  buf b;
  buf_init(&b, 4096);
  format_bound(&b, x);
  const char *size = b.s ? b.s : "unknown", *why = real_uncertain_why(r->stale);
  int s = cd ? err_set(E->e, DS_E_LIMIT, st->expr->start, st->expr->end,
                       "only %d significant digit%s of the result %s certain %s, too few to word it: its size is "
                       "at most %s",
                       cd, cd == 1 ? "" : "s", cd == 1 ? "is" : "are", why, size)
             : err_set(E->e, DS_E_LIMIT, st->expr->start, st->expr->end,
                       "no digit of the result is certain %s: its size is at most %s", why, size);
  buf_free(&b);
  return s;
}

/* The value of a line: the parts of a growth, or its sides. */
static int stmt_evaluate(eval *E, const parse_stmt *st, stmt_result *r, qty *f) {
  if (r->kind != STMT_GROWTH) return stmt_sides(E, st, &r->v, f);
  estimate_growth_clear(&r->u.growth); /* a refinement computes them again */
  estimate_growth_init(&r->u.growth);
  return estimate_growth_line(E, st->expr, &r->v, &r->u.growth);
}

/* "to UNIT": the value in the target unit (f its value in base units),
 * the target as shown, and for "to photos" what is counted and for "to
 * photos range" the count over the item's range. */
static int stmt_convert_to(eval *E, const parse_stmt *st, const qty *f, stmt_result *r) {
  session *ctx = E->ctx;
  stmt_items of = {NULL, NULL, NULL, NULL, NULL, false, -1};
  int counted = stmt_items_of(E, st->target, st->target_start, st->target_end, st->expr, &of);
  stmt_result_kind(r, counted <= 0 ? STMT_CONVERT : st->item_range ? STMT_RANGE : STMT_COUNT);
  if (counted > 0) r->u.count.of = of;
  else stmt_items_clear(&of);
  if (counted < 0) return err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory");
  stmt_convert *cv = counted ? &r->u.count.to : &r->u.convert;
  int s = eval_charge(E, st->target, num_work(&r->v.n, &f->n, true));
  if (s) return s;
  if ((s = num_div(&cv->shown, &r->v.n, &f->n, E->maxbits))) return eval_numerr(E, s, st->expr, "this conversion");
  if (!(cv->unit = stmt_target_text(E, st, &cv->shown))) return err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory");
  if (!st->item_range) return DS_OK;
  /* "to photos range": the count over the catalogue's low .. high. */
  units_match m;
  const char *ts = E->src + st->target_start;
  size_t tl = st->target_end - st->target_start;
  if (r->kind != STMT_RANGE || st->target->kind != N_NAME || !eval_lookup(E, ts, tl, &m) || m.pf || !m.u->item ||
      !m.u->item->range)
    return err_set(E->e, DS_E_UNKNOWN, st->target_start, st->target_end,
                   "'range' needs a catalogue item with a range, e.g. 1400 TB to photos range");
  if ((s = units_ready(&ctx->reg, m.index, true, E->e))) return s;
  m.u = &ctx->reg.units[m.index];
  num span;
  num_init(&span);
  mpq_set(span.lo, m.u->item->low.n.lo);
  mpq_set(span.hi, m.u->item->high.n.hi);
  span.range = true;
  if (!(s = eval_charge_op(E, st->target, &r->v.n, &span, true)) &&
      (s = num_div(&r->u.count.range_shown, &r->v.n, &span, E->maxbits)))
    s = eval_numerr(E, s, st->expr, "this range");
  num_clear(&span);
  if (!s && !(r->u.count.range = buf_strndup(m.u->item->range, strlen(m.u->item->range))))
    s = err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory");
  return s;
}

/* "to equivalents": the catalogue items chosen, each an assumption of the
 * result (the variable that overrides one, or the item). */
static int stmt_equivalents(eval *E, const parse_stmt *st, stmt_result *r) {
  session *ctx = E->ctx;
  /* At most a division by a small size and two comparisons per item. */
  num one;
  num_init(&one);
  num_set_si(&one, 1);
  unsigned long long w = num_work(&r->v.n, &one, true);
  num_clear(&one);
  int s = eval_items_to_size(E, st->expr, &r->v); /* "490 million photos to equivalents" */
  for (size_t i = 0; i < ctx->reg.nunits && !s; i++)
    if (ctx->reg.units[i].flags & UNIT_ITEM) s = eval_charge(E, st->expr, 3 * w);
  if (s) return s;
  stmt_result_kind(r, STMT_EQUIV);
  stmt_equiv *q = &r->u.equiv;
  q->n = catalog_equivalents(ctx, &r->v, E->binary, q->pick, E->maxbits);
  q->from = quote_input(E->src, E->len, st->expr->start, st->expr->end, E->decimal_comma);
  if (q->n == 0)
    return err_set(E->e, DS_E_DIMENSION, st->expr->start, st->expr->end,
                   "no catalogue item to compare this with (equivalents are data sizes)");
  for (int i = 0; i < q->n; i++) {
    if (q->pick[i].var >= 0) eval_note_var(E, q->pick[i].var);
    else if (r->used.nitems < EVAL_MAX_VARS) r->used.items[r->used.nitems++] = q->pick[i].unit;
  }
  return DS_OK;
}

bool stmt_reading_key(const stmt_result *r, bool binary, char *key, size_t size) {
  if (!r->used.nlegacy || size < 2) return false;
  size_t n = 1;
  key[0] = binary ? 'B' : 'D';
  for (int i = 0; i < r->used.nlegacy; i++) {
    size_t k = strlen(r->used.legacy[i]);
    if (n + 1 + k >= size) return false;
    key[n++] = ' ';
    memcpy(key + n, r->used.legacy[i], k);
    n += k;
  }
  key[n] = 0;
  return true;
}

int stmt_line(eval_env *env, defs_reader *defs, const char *src, size_t len, stmt_result *r, err *e) {
  session *ctx = env->s;
  env->work = 0; /* each line has a work budget of its own */
  int s = session_check_line(ctx, src, len, e);
  if (s) return s;
  /* The context's arena: parse trees of successive lines reuse its memory.
   * Definitions resolved while evaluating use arenas of their own. */
  ast_arena *ar = &env->arena;
  ast_arena_reset(ar);
  parse_stmt st;
  eval E;
  eval_init(&E, env, src, len, e, &r->used);
  r->binary = ctx->binary;
  qty f;
  qty_init(&f);
  s = parse_line(&st, ar, src, len, (size_t)ctx->limits[DS_LIMIT_DEPTH], ctx->decimal_comma, eval_is_fn, e);
  if (!s && st.check) {
    s = stmt_run_check(&E, &st, r);
    goto done;
  }
  if (!s && st.reset) {
    s = stmt_run_reset(&E, &st, r);
    goto done;
  }
  if (!s && st.set_decimal_comma) {
    s = stmt_run_set(&E, &st, r);
    goto done;
  }
  if (!s && st.assign && eval_is_fn(src + st.name_start, st.name_end - st.name_start))
    s = err_set(e, DS_E_SYNTAX, st.name_start, st.name_end, "cannot assign to the function '%.*s'",
                (int)(st.name_end - st.name_start), src + st.name_start);
  if (!s && st.assign &&
      ((st.name_end - st.name_start == 3 && memcmp(src + st.name_start, "ans", 3) == 0) ||
       (st.name_end - st.name_start == 1 && src[st.name_start] == '_')))
    s = err_set(e, DS_E_SYNTAX, st.name_start, st.name_end, "'ans' and '_' name the previous result");
  if (!s && st.assign && !st.expr) s = err_set(e, DS_E_SYNTAX, len, len, "expected a value after '='");
  if (!s && st.assign && st.expr->kind == N_NEWDIM) {
    /* "widget = !widget" declares a countable thing, as in a units file. */
    s = defs_load(defs, src, len, "(session)", e);
    if (!s) {
      ast n = {.kind = N_NAME, .start = st.name_start, .end = st.name_end};
      s = eval_name(&E, &n, &r->v);
      if (!s && !(r->name = buf_strndup(src + st.name_start, st.name_end - st.name_start)))
        s = err_set(e, DS_E_NOMEM, 0, 0, "out of memory");
    }
    goto done;
  }
  if (s) goto done;
  /* A line that is just growth(...) is worded as a growth: its parts are
   * kept. */
  if (st.conv == CONV_NONE && eval_call_op(&E, st.expr) == F_GROWTH && st.expr->nargs == 3)
    stmt_result_kind(r, STMT_GROWTH);
  s = stmt_phrase(&E, &st, r, &f, stmt_evaluate(&E, &st, r, &f));
  /* An inexact value is evaluated again at a higher precision until it
   * has the digits it will be shown with (and some to spare), or the
   * precision limit is reached; then it shows only the digits that are
   * certain (word.c), or fails when that is not even one. */
  long need = real_bits_for(session_digits_shown(ctx)), have;
  const num *fn = st.conv == CONV_UNIT ? &f.n : NULL;
  while (!s && (have = real_acc(&r->v.n, fn)) < need && E.prec < REAL_PRECISION_MAX && !r->stale) {
    long before = real_err_max(&r->v.n, fn);
    E.prec = real_more_prec(E.prec, have, need);
    s = stmt_evaluate(&E, &st, r, &f);
    r->stale = !s && real_err_max(&r->v.n, fn) >= before;
  }
  if (s) goto done;
  r->prec = E.prec;
  if (st.conv == CONV_EQUIV) s = stmt_equivalents(&E, &st, r);
  else if (st.conv == CONV_UNIT) s = stmt_convert_to(&E, &st, &f, r);
  else if (r->kind == STMT_VALUE) r->u.value.conv = st.conv;
  if (s) goto done;
  /* A batch that shows each note once has had the note on these spellings
   * in full: this line gets its first part, and the other reading, which
   * only its figure needs, is not evaluated. */
  char key[SESSION_GIVEN_LEN];
  r->brief_reading = r->used.nlegacy && ctx->brief_repeats && !ctx->no_warnings &&
                     (r->kind == STMT_VALUE || r->kind == STMT_CONVERT || r->kind == STMT_EQUIV) &&
                     stmt_reading_key(r, ctx->binary, key, sizeof key) && session_given(ctx, key);
  /* The other reading of KB..QB, when the line used one (and someone will
   * read it: a warning, or the text of a count; or a variable bound, which
   * keeps both readings for the lines that use it). */
  if (r->used.nlegacy && (st.assign || (!r->brief_reading && (!ctx->no_warnings || r->kind == STMT_COUNT ||
                                                                 r->kind == STMT_RANGE)))) {
    eval E2;
    err e2;
    err_clear(&e2);
    eval_init(&E2, env, src, len, &e2, NULL);
    E2.binary = !ctx->binary;
    E2.prec = E.prec; /* as many certain digits as this reading */
    qty f2;
    qty_init(&f2);
    stmt_convert *cv = (stmt_convert *)stmt_conversion(r);
    int as = stmt_sides(&E2, &st, &r->alt, &f2);
    if (!as && cv && !(as = eval_charge_op(&E2, st.target, &r->alt.n, &f2.n, true)))
      as = num_div(&cv->alt_shown, &r->alt.n, &f2.n, E.maxbits);
    r->have_alt = as == DS_OK;
    qty_clear(&f2);
    /* The other reading may fail where this one did not (it is only a
     * note), but not for want of work or time: the note would be lost. */
    if (as == DS_E_CANCELLED ||
        (as == DS_E_LIMIT && env->work > (unsigned long long)ctx->limits[DS_LIMIT_WORK] * 1000000ull)) {
      *e = e2;
      s = as;
      goto done;
    }
  }
  if (!ctx->no_warnings && (s = stmt_bytes_reading(env, &st, src, len, r, e))) goto done;
  /* How a value line is written: the units it is shown per, and a note on
   * a unit a newsroom would not use. A note shows no more digits than the
   * line's numbers. */
  bool unusual = r->kind == STMT_VALUE && !ctx->no_warnings && !shape_usual(&r->v.d);
  if (!ctx->no_warnings && (r->have_alt || unusual)) r->in_digits = shape_digits(&E, st.expr);
  if (r->kind == STMT_VALUE && (s = shape_per(&E, st.expr, &r->u.value.shape))) goto done;
  if (unusual && (s = shape_unusual(&E, st.expr, &r->v.d, &r->u.value.shape))) goto done;
  if ((s = stmt_charge_output(&E, &st, r)) || (s = stmt_check_certain(&E, &st, r))) goto done;
  if (st.assign) {
    size_t nl = st.name_end - st.name_start;
    /* The value as written, kept with the decimal point (every text is;
     * the output turns it around with the decimal comma). */
    char *text = E.decimal_comma ? quote_input(src, len, st.expr->start, st.expr->end, true) : NULL;
    bool bound = (r->name = buf_strndup(src + st.name_start, nl)) && (!E.decimal_comma || text) &&
                 session_set_var(ctx, src + st.name_start, nl, &r->v, text ? text : src + st.expr->start,
                                 text ? strlen(text) : st.expr->end - st.expr->start);
    free(text);
    if (!bound) {
      s = err_set(e, DS_E_NOMEM, 0, 0, "out of memory");
      goto done;
    }
    char legacy[sizeof ctx->vars[0].legacy] = "";
    for (int i = 0; i < r->used.nlegacy; i++)
      snprintf(legacy + strlen(legacy), sizeof legacy - strlen(legacy), "%s%s", i ? " " : "", r->used.legacy[i]);
    session_var_reading(ctx, session_find_var(ctx, src + st.name_start, nl), ctx->binary,
                        r->have_alt ? &r->alt : NULL, legacy);
    /* "azure_hot = $0.018/GB/month" reads best as written. */
    if (r->kind == STMT_VALUE && st.conv == CONV_NONE && !dim_is_none(&r->v.d) && !r->v.n.range &&
        st.expr->end - st.expr->start < 200 && stmt_is_literal(&E, st.expr))
      r->u.value.as_written = quote_input(src, len, st.expr->start, st.expr->end, E.decimal_comma);
  }
  qty_set(&ctx->ans, &r->v);
  if (r->kind == STMT_COUNT && r->u.count.of.index >= 0) { /* "1400 TB to photos": ans is the count */
    num_set(&ctx->ans.n, &r->u.count.to.shown);
    dim_clear(&ctx->ans.d);
    ctx->ans.d.e[items_dim(&ctx->reg)] = 1;
    ctx->ans.item = r->u.count.of.index;
    ctx->ans.pref = 0;
  }
  ctx->have_ans = true;
done:
  qty_clear(&f);
  ast_arena_reset(ar);
  return s;
}
