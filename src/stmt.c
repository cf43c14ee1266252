/* SPDX-License-Identifier: LGPL-3.0-or-later */
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
#include "catalog.h"
#include "copy.h"
#include "expand.h"
#include "format.h"
#include "items.h"
#include "lex.h"
#include "real.h"
#include "quote.h"

/* The size of the payload of a result of kind k. */
static size_t stmt_payload_size(stmt_kind k) {
  const stmt_result *r = NULL;
  switch (k) {
  case STMT_VALUE: return sizeof r->u.value;
  case STMT_CONVERT: return sizeof r->u.convert;
  case STMT_COUNT:
  case STMT_RANGE: return sizeof r->u.count;
  case STMT_EQUIV: return sizeof r->u.equiv;
  case STMT_GROWTH: return sizeof r->u.growth;
  case STMT_CHECK: return sizeof r->u.check;
  case STMT_RESET: return sizeof r->u.reset;
  case STMT_SETTING: return sizeof r->u.setting;
  }
  return sizeof r->u;
}

/* Zeroes r, of kind STMT_VALUE, but for its record of what was used
 * (about 5 KB: its counts say what is in it) and the payloads of the
 * other kinds (4 KB for equivalents), which a line would otherwise pay
 * to clear at every line: stmt_result_kind clears the one it gives. */
static void stmt_result_zero(stmt_result *r) {
  size_t at = offsetof(stmt_result, used), past = at + sizeof r->used, u = offsetof(stmt_result, u);
  memset(r, 0, at);
  memset((char *)r + past, 0, u - past);
  memset(&r->u, 0, stmt_payload_size(STMT_VALUE));
}

void stmt_result_init(stmt_result *r) {
  stmt_result_zero(r);
  r->kind = STMT_VALUE;
  r->counted = -1;
  qty_init(&r->v);
  qty_init(&r->alt);
  eval_used_init(&r->used);
  qty_init(&r->bytes.alt);
  num_init(&r->bytes.alt_shown);
  r->target = NULL;
  r->target_size = 0;
}

/* Gives a new result (of kind STMT_VALUE, nothing in its payload) the kind
 * k, with its payload initialised. */
static void stmt_result_kind(stmt_result *r, stmt_kind k) {
  r->kind = k;
  /* A conversion (most lines) has every field of its payload set here, so
   * it is not zeroed first; the assertion says when a field is added. */
  _Static_assert(sizeof(stmt_convert) == sizeof(char *) + 2 * sizeof(num), "stmt_result_kind sets every field");
  if (k == STMT_CONVERT) {
    r->u.convert.unit = NULL;
    num_init(&r->u.convert.shown);
    num_init(&r->u.convert.alt_shown);
    return;
  }
  memset(&r->u, 0, stmt_payload_size(k));
  switch (k) {
  case STMT_COUNT:
  case STMT_RANGE:
    num_init(&r->u.count.to.shown);
    num_init(&r->u.count.to.alt_shown);
    num_init(&r->u.count.range_shown);
    break;
  case STMT_GROWTH: estimate_growth_init(&r->u.growth); break;
  case STMT_CHECK: verdict_init(&r->u.check); break;
  default: break;
  }
}

static void stmt_convert_clear(stmt_convert *c) {
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
    count_clear(&r->u.count.of);
    num_clear(&r->u.count.range_shown);
    free(r->u.count.range);
    break;
  case STMT_EQUIV:
    free(r->u.equiv.from);
    for (int i = 0; i < r->u.equiv.n; i++) catalog_pick_clear(&r->u.equiv.pick[i]);
    break;
  case STMT_GROWTH: estimate_growth_clear(&r->u.growth); break;
  case STMT_CHECK: verdict_clear(&r->u.check); break;
  case STMT_RESET: free(r->u.reset.name), free(r->u.reset.back_to), free(r->u.reset.all); break;
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
  free(r->target);
  stmt_result_zero(r);
  r->target = NULL;
  r->target_size = 0;
}

/* A kept number of a result made 0, as stmt_result_init leaves it. Most
 * are 0 already (the other readings a line did not need): a canonical
 * rational is 0 when its numerator is, so only those are set. */
static void stmt_num_zero(num *n) {
  if (mpq_sgn(n->lo) || mpq_sgn(n->hi)) num_set_si(n, 0);
  n->range = false;
  n->inexact = false;
}

static void stmt_qty_zero(qty *q) {
  stmt_num_zero(&q->n);
  dim_clear(&q->d);
  q->pref = 0;
}

/* The bytes of r from `from` up to `to` (offsets in stmt_result), zeroed. */
#define STMT_ZERO(r, from, to) memset((char *)(r) + (from), 0, (to) - (from))
#define STMT_END(field) (offsetof(stmt_result, field) + sizeof((stmt_result *)0)->field)
/* stmt_result_reset zeroes the gaps between these fields in this order. */
_Static_assert(STMT_END(v) <= offsetof(stmt_result, alt) && STMT_END(alt) <= offsetof(stmt_result, used) &&
                   STMT_END(used) <= offsetof(stmt_result, bytes.alt) &&
                   STMT_END(bytes.alt) <= offsetof(stmt_result, bytes.alt_shown) &&
                   STMT_END(bytes.alt_shown) <= offsetof(stmt_result, u),
               "stmt_result_reset: the kept numbers and the record of use in this order");

void stmt_result_reset(stmt_result *r) {
  stmt_result_release(r);
  /* As stmt_result_zero, around the memory of the numbers, which is kept:
   * the header between them, then the numbers set to 0 without
   * allocating. The record of what was used is empty already. */
  STMT_ZERO(r, 0, offsetof(stmt_result, v));
  STMT_ZERO(r, STMT_END(v), offsetof(stmt_result, alt));
  STMT_ZERO(r, STMT_END(alt), offsetof(stmt_result, used));
  STMT_ZERO(r, STMT_END(used), offsetof(stmt_result, bytes.alt));
  STMT_ZERO(r, STMT_END(bytes.alt), offsetof(stmt_result, bytes.alt_shown));
  STMT_ZERO(r, STMT_END(bytes.alt_shown), offsetof(stmt_result, u));
  memset(&r->u, 0, stmt_payload_size(STMT_VALUE));
  r->kind = STMT_VALUE;
  r->counted = -1;
  stmt_qty_zero(&r->v);
  stmt_qty_zero(&r->alt);
  stmt_qty_zero(&r->bytes.alt);
  stmt_num_zero(&r->bytes.alt_shown);
}

const stmt_convert *stmt_conversion(const stmt_result *r) {
  if (r->kind == STMT_CONVERT) return &r->u.convert;
  if (r->kind == STMT_COUNT || r->kind == STMT_RANGE) return &r->u.count.to;
  return NULL;
}

/* Room for n bytes and a NUL in r->target, whose memory is kept from line
 * to line; NULL when memory runs out. */
static char *stmt_target_room(stmt_result *r, size_t n) {
  if (n < r->target_size) return r->target;
  if (n == SIZE_MAX) return NULL;
  size_t size = n < 64 ? 64 : n + 1;
  char *t = realloc(r->target, size);
  if (!t) return NULL;
  r->target = t;
  r->target_size = size;
  return t;
}

/* The display text of a conversion target: as written, spaces collapsed,
 * and a unit word put in the singular or plural the value asks for. A
 * catalogue item found in another case ("DVD", "hd hours") keeps the case
 * as written, with its plural's ending added or taken away. Written in
 * the memory of o->target; NULL when memory runs out. */
static char *stmt_target_text(eval *E, const parse_stmt *st, const num *x, const count_name *n, stmt_result *o) {
  const char *s = E->src + st->target_start;
  size_t len = st->target_end - st->target_start;
  const ast *t = st->target;
  const units_match *m = &n->m;
  bool one = num_is_point(x) && mpq_cmp_ui(x->lo, 1, 1) == 0;
  bool var = t->kind != N_NAME || n->var >= 0;
  /* "largest_hdds" is the catalogue's identifier: the output says
   * "largest hard drives". */
  if (!var && memchr(s, '_', len) && (n->unit || n->item) && !m->pf && m->u->item && m->u->item->one &&
      m->u->item->many) {
    const char *d = one ? m->u->item->one : m->u->item->many;
    size_t dl = strlen(d);
    char *r = stmt_target_room(o, dl);
    if (r) memcpy(r, d, dl + 1);
    return r;
  }
  bool known = !var && n->unit;
  if (known && m->word && m->u->plural) {
    const char *pw = m->pf && m->pf->word ? m->pf->word : "";
    const char *w = one ? m->u->word : m->u->plural;
    size_t pl = strlen(pw), wl = strlen(w);
    char *r = stmt_target_room(o, pl + wl);
    if (r) {
      memcpy(r, pw, pl);
      memcpy(r + pl, w, wl + 1);
    }
    return r;
  }
  /* a unit as spelled ("MB") is no item found by its words */
  bool item = !var && !known && n->item && m->word && m->u->plural;
  size_t wl = item ? strlen(m->u->word) : 0, pl = item ? strlen(m->u->plural) : 0;
  if (item && (pl <= wl || strncmp(m->u->plural, m->u->word, wl) != 0)) item = false; /* not word + ending */
  size_t tl = item ? pl - wl : 0;
  char *r = stmt_target_room(o, len + tl);
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
  if (item && !one && !m->plural) {
    memcpy(r + k, m->u->plural + wl, tl); /* "DVD" -> "DVDs" */
    k += tl;
  } else if (item && one && m->plural && k > tl && strncasecmp(r + k - tl, m->u->plural + wl, tl) == 0) {
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

/* check A REL B: check.c, into the result's payload; its value is the
 * implied size or the actual ratio. */
static int stmt_run_check(eval *E, const parse_stmt *st, stmt_result *res) {
  stmt_result_kind(res, STMT_CHECK);
  return verdict_run(E, st, &res->u.check, &res->v);
}

/* The size of the catalogue item `name` names, as the catalogue's table
 * writes it ("6.72 MB"; its definition when that cannot be had); NULL when
 * it names none (and *nomem when memory ran out). */
static char *stmt_unit_size(eval *E, const char *name, size_t len, bool *nomem) {
  units *reg = &E->ctx->reg;
  units_match m;
  if (!units_lookup(reg, name, len, &m) || m.pf || !(m.u->flags & UNIT_ITEM)) return NULL;
  char *s = catalog_item_size(reg, m.index); /* one that cannot be read: its text, as written */
  const char *def = reg->units[m.index].def; /* (resolving may move the units) */
  if (!s) s = buf_strndup(def, strlen(def));
  if (!s) *nomem = true;
  return s;
}

/* "reset" forgets every variable; "reset NAME" one of them, so a
 * catalogue item is back to its catalogue value. Either says what became
 * of each. A command has no value: the result's stays 0, so nothing of
 * the previous line's shows through. */
static int stmt_run_reset(eval *E, const parse_stmt *st, stmt_result *r) {
  session *ctx = E->ctx;
  const char *s = E->src + st->name_start;
  size_t len = st->name_end - st->name_start;
  if (len && !session_unset_var(ctx, s, len))
    return err_set(E->e, DS_E_UNKNOWN, st->name_start, st->name_end, "nothing to reset: '%.*s' was not set", (int)len,
                   s);
  stmt_result_kind(r, STMT_RESET);
  stmt_reset *rs = &r->u.reset;
  bool nomem = false;
  if (len == 0) {
    rs->count = ctx->nvars;
    buf back, gone;
    buf_init(&back, 1u << 20);
    buf_init(&gone, 1u << 20);
    size_t ngone = 0;
    for (size_t i = 0; i < ctx->nvars; i++) {
      const char *nm = ctx->vars[i].name;
      char *size = stmt_unit_size(E, nm, strlen(nm), &nomem);
      if (size) buf_printf(&back, "%s%s is back to %s", back.len ? ", " : "", nm, size);
      else buf_printf(&gone, "%s%s", ngone++ ? ", " : "", nm);
      free(size);
    }
    while (ctx->nvars) session_unset_var(ctx, ctx->vars[0].name, strlen(ctx->vars[0].name));
    buf all;
    buf_init(&all, 1u << 21);
    if (back.len) buf_puts(&all, back.s);
    if (ngone) buf_printf(&all, "%s%s forgotten", back.len ? "; " : "", gone.s);
    nomem = nomem || back.failed || gone.failed || all.failed;
    if (all.len && !nomem) rs->all = buf_take(&all);
    buf_free(&back);
    buf_free(&gone);
    buf_free(&all);
  } else if (!(rs->name = buf_strndup(s, len))) {
    nomem = true;
  } else {
    rs->back_to = stmt_unit_size(E, s, len, &nomem);
  }
  return nomem ? err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory") : DS_OK;
}

/* "set decimal-comma on|off": how numbers are read from the next line on,
 * and written from this one's answer on. */
static int stmt_run_set(eval *E, const parse_stmt *st, stmt_result *r) {
  stmt_result_kind(r, STMT_SETTING);
  E->ctx->decimal_comma = r->u.setting.decimal_comma = st->set_decimal_comma > 0;
  return DS_OK;
}

/* Evaluates the value (and target) of a parsed line with the current
 * E->binary; v = value in base units, f = target factor when converting;
 * *counted (unless NULL) the catalogue item v counted before it met the
 * target, or -1. */
static int stmt_sides(eval *E, const parse_stmt *st, qty *v, qty *f, long *counted) {
  int s = eval_node(E, st->expr, v);
  if (counted) *counted = s ? -1 : v->item;
  if (s || st->conv != CONV_UNIT) return s;
  if ((s = eval_node(E, st->target, f))) return s;
  /* "1400 TB to photos", "490 million photos to TB", "10 songs to photos":
   * a count meets a size, or another item, as a size. */
  if ((!dim_eq(&v->d, &f->d) || items_differ(&E->ctx->reg, v, f)) &&
      ((s = eval_items_to_size(E, st->expr, v)) || (s = eval_items_to_size(E, st->target, f))))
    return s;
  if (num_contains_zero(&f->n))
    return err_set(E->e, DS_E_DOMAIN, st->target_start, st->target_end,
                   num_is_zero(&f->n) ? "cannot convert to a zero quantity"
                                      : "cannot convert to a range that includes zero");
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
  return stmt_sides(E, st, &r->v, f, &r->counted);
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
  int as = stmt_sides(&E3, st, &r->bytes.alt, &f3, NULL);
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
  if (ctx->style == DS_STYLE_EXACT && !x->inexact) w += expand_work(x);
  if (ctx->style == DS_STYLE_EXACT && r->have_alt && !r->alt.n.inexact)
    w += expand_work(cv ? &cv->alt_shown : &r->alt.n);
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
  if (r->kind != STMT_GROWTH) return stmt_sides(E, st, &r->v, f, &r->counted);
  estimate_growth_clear(&r->u.growth); /* a refinement computes them again */
  estimate_growth_init(&r->u.growth);
  return estimate_growth_line(E, st->expr, &r->v, &r->u.growth);
}

/* What the count `of` says of its figure when the value counted the
 * catalogue item `from` (or -1): "490 million photos to photos" is the
 * count itself; a count of an item whose size is an "up to" figure (at
 * the catalogue's value) gives at most as many of another item. */
static void stmt_count_bound(eval *E, long from, stmt_items *of) {
  if (from < 0) return;
  of->same = from == of->index;
  const unit *u = &E->ctx->reg.units[from];
  bool upper = !of->same && u->item && u->item->upper && eval_var(E, u->word, strlen(u->word)) < 0;
  of->lower = upper && !of->upper;
  if (of->same || upper) of->upper = false; /* both "up to": neither a minimum nor a maximum */
}

/* "to UNIT": the value in the target unit (f its value in base units),
 * the target as shown, and for "to photos" what is counted and for "to
 * photos range" the count over the item's range. */
static int stmt_convert_to(eval *E, const parse_stmt *st, const qty *f, stmt_result *r) {
  session *ctx = E->ctx;
  stmt_items of = {.index = -1};
  count_name tn; /* the target looked up once: for what it counts and how it is shown */
  count_name_of(E, st->target, st->target_start, st->target_end, &tn);
  int counted = count_of_name(E, st->target, st->target_start, st->target_end, &tn, st->expr, &of);
  if (counted > 0) stmt_count_bound(E, r->counted, &of);
  stmt_result_kind(r, counted <= 0 ? STMT_CONVERT : st->item_range ? STMT_RANGE : STMT_COUNT);
  if (counted > 0) r->u.count.of = of;
  else count_clear(&of);
  if (counted < 0) return err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory");
  stmt_convert *cv = counted ? &r->u.count.to : &r->u.convert;
  int s = eval_charge(E, st->target, num_work(&r->v.n, &f->n, true));
  if (s) return s;
  if ((s = num_div(&cv->shown, &r->v.n, &f->n, E->maxbits))) return eval_numerr(E, s, st->expr, "this conversion");
  if (!(cv->unit = stmt_target_text(E, st, &cv->shown, &tn, r)))
    return err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory");
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
  /* every item */
  units_all(&ctx->reg);
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
  if (r->used.nlegacy &&
      (st.assign || (!r->brief_reading && (!ctx->no_warnings || r->kind == STMT_COUNT || r->kind == STMT_RANGE)))) {
    eval E2;
    err e2;
    err_clear(&e2);
    eval_init(&E2, env, src, len, &e2, NULL);
    E2.binary = !ctx->binary;
    E2.prec = E.prec; /* as many certain digits as this reading */
    qty f2;
    qty_init(&f2);
    stmt_convert *cv = (stmt_convert *)stmt_conversion(r);
    int as = stmt_sides(&E2, &st, &r->alt, &f2, NULL);
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
    session_var_reading(ctx, session_find_var(ctx, src + st.name_start, nl), ctx->binary, r->have_alt ? &r->alt : NULL,
                        legacy);
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
