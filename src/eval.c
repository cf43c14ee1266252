/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * eval.c -- evaluates expression trees to quantities.
 *
 * No I/O and no globals: everything comes from the context. Every limit is
 * checked here or in num.c before GMP is asked: nesting (by the parser),
 * the size of each number (DS_LIMIT_RESULT_BITS), zero divisors, dimension
 * exponents. Left-associative chains (a+b+c+...) are walked with a loop, so
 * the C stack grows only with real nesting, which the parser bounds.
 */
#include "eval.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "copy.h"
#include "items.h"
#include "lex.h"
#include "qpool.h"
#include "real.h"
#include "suggest.h"

/* The cases of eval_node live in functions of their own that are never
 * inlined, so the frame eval_node keeps per level of nesting stays small
 * (the default depth must fit a small stack). */
#define EVAL_COLD __attribute__((noinline))

const eval_fn eval_fns[] = {
    {"sqrt", F_SQRT, 1, 1},       {"ln", F_LN, 1, 1},      {"log10", F_LOG10, 1, 1}, {"log2", F_LOG2, 1, 1},
    {"exp", F_EXP, 1, 1},         {"abs", F_ABS, 1, 1},    {"round", F_ROUND, 1, 1}, {"floor", F_FLOOR, 1, 1},
    {"ceil", F_CEIL, 1, 1},       {"min", F_MIN, 1, 1000}, {"max", F_MAX, 1, 1000},  {"growth", F_GROWTH, 3, 3},
    {"project", F_PROJECT, 3, 4},
};
const size_t eval_nfns = sizeof eval_fns / sizeof eval_fns[0];
#define EVAL_NFNS (sizeof eval_fns / sizeof eval_fns[0])

static int eval_fn_index(const char *name, size_t len) {
  for (size_t i = 0; i < EVAL_NFNS; i++)
    if (strlen(eval_fns[i].name) == len && memcmp(eval_fns[i].name, name, len) == 0) return (int)i;
  return -1;
}

bool eval_is_fn(const char *name, size_t len) { return eval_fn_index(name, len) >= 0; }

/* The words parse.c reads as part of the language wherever they stand. */
static const char *const eval_keywords[] = {"to",    "in",          "as",      "per",  "range",
                                            "reset", "check",       "compare", "auto", "iec",
                                            "words", "equivalents", "times",   "and",  "between"};

const char *eval_reserved(const char *name, size_t len) {
  if ((len == 3 && memcmp(name, "ans", 3) == 0) || (len == 1 && name[0] == '_')) return "names the previous result";
  if (eval_is_fn(name, len)) return "is a function";
  for (size_t i = 0; i < sizeof eval_keywords / sizeof eval_keywords[0]; i++)
    if (strlen(eval_keywords[i]) == len && memcmp(eval_keywords[i], name, len) == 0) return "is a word of the language";
  return NULL;
}

void eval_used_init(eval_used *u) {
  u->nlegacy = u->nvars = u->nitems = u->nterms = u->nnotes = u->bits.n = 0;
  u->calendar = false;
  memset(&u->assumed, 0, sizeof u->assumed);
}

void eval_used_clear(eval_used *u) {
  for (int i = 0; i < u->nterms; i++) qty_clear(&u->terms[i].value);
  for (int i = 0; i < u->nnotes; i++) free(u->notes[i]);
  free(u->assumed.period), free(u->assumed.over), free(u->assumed.rate), free(u->assumed.working);
  eval_used_init(u);
}

/* Maps a num.c status to a message at node n. */
int eval_numerr(eval *E, int st, const ast *n, const char *what) {
  if (st == DS_E_LIMIT)
    return err_set(E->e, st, n->start, n->end,
                   "result too large: %s would need more than %zu bits (the result-size limit)", what, E->maxbits);
  if (st == DS_E_DOMAIN) return err_set(E->e, st, n->start, n->end, "%s is undefined", what);
  if (st == DS_E_NOMEM) return err_set(E->e, st, n->start, n->end, "out of memory");
  return st;
}

int eval_dimerr(eval *E, const ast *n, const char *verb, const qty *a, const qty *b) {
  char da[96], db[96];
  units_dim_name(&E->ctx->reg, &a->d, da, sizeof da);
  units_dim_name(&E->ctx->reg, &b->d, db, sizeof db);
  return err_set(E->e, DS_E_DIMENSION, n->start, n->end, "dimension mismatch: cannot %s %s and %s", verb, da, db);
}

static void eval_note_legacy(eval *E, const char *name, size_t len) {
  eval_used *u = E->used;
  if (!u || u->nlegacy >= EVAL_MAX_LEGACY || len >= sizeof u->legacy[0]) return;
  for (int i = 0; i < u->nlegacy; i++)
    if (strlen(u->legacy[i]) == len && memcmp(u->legacy[i], name, len) == 0) return;
  memcpy(u->legacy[u->nlegacy], name, len);
  u->legacy[u->nlegacy++][len] = 0;
}

/* Records each KB..QB spelling of a space-separated list. */
static void eval_note_legacy_list(eval *E, const char *p) {
  while (*p) {
    size_t k = strcspn(p, " ");
    eval_note_legacy(E, p, k);
    p += k;
    while (*p == ' ') p++;
  }
}

/* Remembers a name for the derivation, once. */
static void eval_add_term(eval *E, const ast *n, long uidx, long var, const units_match *m, const qty *v) {
  eval_used *o = E->used;
  size_t len = n->end - n->start;
  if (n->kind != N_NAME || o->nterms >= EVAL_MAX_TERMS || len >= sizeof o->terms[0].spelling) return;
  for (int i = 0; i < o->nterms; i++)
    if (strlen(o->terms[i].spelling) == len && memcmp(o->terms[i].spelling, E->src + n->start, len) == 0) return;
  eval_term *t = &o->terms[o->nterms++];
  memcpy(t->spelling, E->src + n->start, len);
  t->spelling[len] = 0;
  t->unit = uidx;
  t->var = var;
  t->pf = m ? m->pf : NULL;
  t->legacy = m && m->legacy;
  qty_init(&t->value);
  qty_set(&t->value, v);
}

/* The names and values a result is explained with: only when explaining
 * (the test inline, as every name of every line passes here). */
static inline void eval_note_term(eval *E, const ast *n, long uidx, long var, const units_match *m, const qty *v) {
  if (E->used && E->ctx->explain) eval_add_term(E, n, uidx, var, m, v);
}

/* One of catalogue item idx: a count (items.h). */
static void eval_one_item(eval *E, long idx, qty *out) {
  int di = items_dim(&E->ctx->reg);
  num_set_si(&out->n, 1);
  dim_clear(&out->d);
  if (di >= 0) out->d.e[di] = 1;
  out->item = idx;
  out->pref = 0;
}

/* The value of a registry unit under a match (prefix included). */
EVAL_COLD static int eval_unit_value(eval *E, const ast *n, const units_match *m, qty *out) {
  session *ctx = E->ctx;
  const unit *u = m->u;
  if (u->state != UNIT_READY) {
    int st = units_ready(&ctx->reg, m->index, false, E->e);
    if (st) return st;
    u = &ctx->reg.units[m->index];
  }
  /* A catalogue item's size keeps its source's reading; a unit the user
   * defined with KB..QB is read as they are. */
  bool item = u->item != NULL, binary = item ? units_item_binary(u) : E->binary;
  const num *v = units_prefixed_value(&ctx->reg, m, binary);
  if (!v) return err_set(E->e, DS_E_NOMEM, n->start, n->end, "out of memory");
  const qty *uq = units_value(u, binary);
  num_set(&out->n, v);
  out->d = uq->d;
  out->pref = uq->pref;
  out->item = -1;
  if (!item) eval_note_legacy_list(E, u->legacy);
  eval_used *used = E->used;
  if ((u->flags & UNIT_ITEM) && used && used->nitems < EVAL_MAX_VARS) {
    int i = 0;
    while (i < used->nitems && used->items[i] != m->index) i++;
    if (i == used->nitems) used->items[used->nitems++] = m->index;
  }
  if (u->flags & UNIT_BITS) out->pref = 'b';
  if (u->flags & UNIT_BYTES) out->pref = 'B';
  if (m->legacy) eval_note_legacy(E, E->src + n->start, n->end - n->start);
  if ((u->flags & UNIT_CALENDAR) && used) used->calendar = true;
  eval_note_term(E, n, m->index, -1, m, out);
  /* "photos" counts photos; a definition uses the size. */
  if (item && !E->defs && !m->pf) eval_one_item(E, m->index, out);
  return DS_OK;
}

/* Looks a name up as a variable: exact, then as the plural of one. */
long eval_var(const eval *E, const char *s, size_t len) {
  if (E->defs) return -1;
  return session_find_var(E->ctx, s, len);
}

/* Remembers variable v as an assumption of the result. */
void eval_note_var(eval *E, long v) {
  eval_used *o = E->used;
  if (!o) return;
  for (int i = 0; i < o->nvars; i++)
    if (o->vars[i] == v) return;
  if (o->nvars < EVAL_MAX_VARS) o->vars[o->nvars++] = v;
}

void eval_note(eval *E, const char *fmt, ...) {
  eval_used *u = E->used;
  if (!u || E->defs || u->nnotes >= EVAL_MAX_NOTES) return;
  char text[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(text, sizeof text, fmt, ap);
  va_end(ap);
  for (int i = 0; i < u->nnotes; i++)
    if (strcmp(u->notes[i], text) == 0) return;
  char *t = buf_strndup(text, strlen(text));
  if (t) u->notes[u->nnotes++] = t;
}

/* The value of variable v, remembered as an assumption of the result. */
static void eval_use_var(eval *E, const ast *n, long v, qty *out) {
  const session_var *sv = &E->ctx->vars[v];
  qty_set(out, session_var_value(sv, E->binary));
  /* "after = 1,400 TB": after is read as its TB is. */
  eval_note_legacy_list(E, sv->legacy);
  /* "photo = 4 MB", then "490 million photos": still a count of photos,
   * at the size the variable sets. */
  units_match m;
  err ignored; /* a built-in item resolved on first use: it cannot fail */
  if (!items_exp(&E->ctx->reg, &out->d) && units_lookup(&E->ctx->reg, sv->name, strlen(sv->name), &m) && !m.pf &&
      m.u->item && units_ready(&E->ctx->reg, m.index, false, &ignored) == DS_OK &&
      dim_eq(&out->d, &E->ctx->reg.units[m.index].value.d)) {
    eval_note_term(E, n, -1, v, NULL, out);
    eval_note_var(E, v);
    eval_one_item(E, m.index, out);
    return;
  }
  eval_note_var(E, v);
  eval_note_term(E, n, -1, v, NULL, out);
}

/* Is the match a size spelled with the bit's symbol after an SI prefix
 * from tera up: "Tb", "Pb", "Eb"? */
static bool eval_is_bitsize(const units_match *m, const char *s, size_t len) {
  return m->pf && !m->word && m->pf->family == UNIT_SI_UP && m->pf->exp >= 12 && len == strlen(m->pf->sym) + 1 &&
         s[len - 1] == 'b' && strcmp(m->u->word, "bit") == 0;
}

/* A size spelled Tb, Pb, ...: read as TB, PB, ... when the caller asks
 * for that reading at its place (E->bytes_at), else recorded once for the
 * note (eval_bitsizes). */
EVAL_COLD static void eval_bitsize(eval *E, const ast *n, units_match *m) {
  const char *s = E->src + n->start;
  size_t len = n->end - n->start;
  for (int i = 0; i < E->nbytes_at; i++)
    if (E->bytes_at[i] == n->start) {
      char b[8];
      units_match mb;
      snprintf(b, sizeof b, "%.*sB", (int)(len - 1), s);
      if (units_lookup(&E->ctx->reg, b, len, &mb)) *m = mb;
      return;
    }
  eval_bitsizes *bs = E->used ? &E->used->bits : NULL;
  if (!bs || bs->n >= EVAL_MAX_BITSIZES || len >= sizeof bs->spelling[0]) return;
  for (int i = 0; i < bs->n; i++)
    if (bs->at[i] == n->start) return; /* the same name evaluated again */
  memcpy(bs->spelling[bs->n], s, len);
  bs->spelling[bs->n][len] = 0;
  bs->at[bs->n] = n->start;
  bs->rate[bs->n++] = false;
}

/* Is d information per time, a data rate? */
static bool eval_is_data_rate(const eval *E, const dim *d) {
  const units *r = &E->ctx->reg;
  int info = units_std_dim(r, UNITS_DIM_INFORMATION), time = units_std_dim(r, UNITS_DIM_TIME);
  if (info < 0 || time < 0) return false;
  for (int i = 0; i < DIM_MAX; i++)
    if (d->e[i] != (i == info ? 1 : i == time ? -1 : 0)) return false;
  return true;
}

bool eval_lookup(const eval *E, const char *s, size_t len, units_match *m) {
  return units_lookup(&E->ctx->reg, s, len, m) || units_find_item(&E->ctx->reg, s, len, m) == 1;
}

EVAL_COLD int eval_name(eval *E, const ast *n, qty *out) {
  session *ctx = E->ctx;
  int st;
  const char *s = E->src + n->start;
  size_t len = n->end - n->start;
  if ((len == 3 && memcmp(s, "ans", 3) == 0) || (len == 1 && s[0] == '_')) {
    if (E->defs || !ctx->have_ans)
      return err_set(E->e, DS_E_UNKNOWN, n->start, n->end, "no previous result for '%.*s'", (int)len, s);
    qty_set(out, &ctx->ans);
    return DS_OK;
  }
  long v = eval_var(E, s, len);
  if (v >= 0) {
    eval_use_var(E, n, v, out);
    return DS_OK;
  }
  units_match m;
  if (units_lookup(&ctx->reg, s, len, &m)) {
    /* "photos" after "photo = 4 MB": the variable overrides the unit. */
    if (!m.pf && (v = eval_var(E, m.u->word, strlen(m.u->word))) >= 0) {
      eval_use_var(E, n, v, out);
      return DS_OK;
    }
    if (eval_is_bitsize(&m, s, len)) eval_bitsize(E, n, &m);
    return eval_unit_value(E, n, &m, out);
  }
  /* A plural the registry does not list: the singular of a word or a
   * symbol ("hrs", "blobs"), never a plural again ("photoss"). */
  char sing[3][128];
  size_t ns = copy_singulars(s, len, sing);
  units_all(&ctx->reg); /* the names index below: every spelling */
  for (size_t i = 0; i < ns; i++) {
    size_t sl = strlen(sing[i]);
    if ((v = eval_var(E, sing[i], sl)) >= 0) {
      eval_use_var(E, n, v, out);
      return DS_OK;
    }
    long w = map_get(&ctx->reg.names, sing[i], sl);
    if (w >= 0 && (((w % 8) & SPELL_WORD) || !((w % 8) & SPELL_PLURAL)) && units_lookup(&ctx->reg, sing[i], sl, &m))
      return eval_unit_value(E, n, &m, out);
  }
  /* A catalogue item in another case, or with spaces or hyphens: "DVDs",
   * "Blu-rays" (never a unit: b and B differ). */
  if (units_find_item(&ctx->reg, s, len, &m) == 1) {
    if ((v = eval_var(E, m.u->word, strlen(m.u->word))) >= 0) {
      eval_use_var(E, n, v, out);
      return DS_OK;
    }
    return eval_unit_value(E, n, &m, out);
  }
  if (eval_is_fn(s, len))
    return err_set(E->e, DS_E_SYNTAX, n->start, n->end, "'%.*s' is a function: write %.*s(x)", (int)len, s, (int)len,
                   s);
  if (!E->defs && (st = copy_scale_letter(E->src, n, E->e))) return st;
  /* Suggestions: the functions and the session's variables. */
  const char *extra[EVAL_NFNS + 64];
  size_t nextra = 0;
  for (size_t i = 0; i < EVAL_NFNS; i++) extra[nextra++] = eval_fns[i].name;
  for (size_t i = 0; i < ctx->nvars && nextra < EVAL_NFNS + 64; i++) extra[nextra++] = ctx->vars[i].name;
  char msg[400];
  suggest_explain(&ctx->reg, s, len, extra, E->defs ? 0 : nextra, msg, sizeof msg);
  return err_set(E->e, DS_E_UNKNOWN, n->start, n->end, "%s", msg);
}

/* Adds w to the work of the current call; past DS_LIMIT_WORK the step at n
 * is refused (a line of 1 MiB may chain 300,000 products, each cheap,
 * that add up to many seconds). */
int eval_charge(eval *E, const ast *n, unsigned long long w) {
  session *ctx = E->ctx;
  E->env->work += w;
  if (E->env->work <= (unsigned long long)ctx->limits[DS_LIMIT_WORK] * 1000000ull) return DS_OK;
  return err_set(E->e, DS_E_LIMIT, n->start, n->end,
                 "too much work: this line would take more than %ld million steps (the work limit)",
                 ctx->limits[DS_LIMIT_WORK]);
}

/* Charges one step on a and b at n (num_work), unless the size limit
 * refuses it at once: its error then says "result too large". */
int eval_charge_op(eval *E, const ast *n, const num *a, const num *b, bool product) {
  if (num_too_big(a, b, E->maxbits)) return DS_OK;
  return eval_charge(E, n, num_work(a, b, product));
}

/* A literal with a point, an exponent or separators ("1,400.5", "2e6")
 * into q, its work charged first. */
static int eval_literal(eval *E, const ast *n, mpq_ptr q) {
  size_t len = n->end - n->start;
  char small[64]; /* most literals: no allocation */
  char *digits = len < sizeof small ? small : malloc(len + 1);
  if (!digits) return err_set(E->e, DS_E_NOMEM, n->start, n->end, "out of memory");
  long exp10;
  long nd = lex_number_digits(E->src + n->start, len, E->decimal_comma, digits, &exp10);
  int st = nd < 0 ? DS_OK : eval_charge(E, n, num_work_decimal(digits, (size_t)nd, exp10, E->maxbits));
  if (!st && (st = nd < 0 ? DS_E_LIMIT : num_from_decimal(q, digits, (size_t)nd, exp10, E->maxbits)))
    st = eval_numerr(E, st, n, "this number");
  if (digits != small) free(digits);
  return st;
}

EVAL_COLD static int eval_number(eval *E, const ast *n, qty *out) {
  size_t len = n->end - n->start;
  /* Plain digits (most literals) are read at once: no work, no note. */
  bool whole = num_from_whole(out->n.lo, E->src + n->start, len, E->maxbits);
  int st = whole ? eval_charge(E, n, 0) : eval_literal(E, n, out->n.lo);
  if (st) return st;
  qpool_set(out->n.hi, out->n.lo);
  out->n.range = out->n.inexact = false;
  dim_clear(&out->d);
  out->pref = 0;
  char note[400];
  if (!whole && E->used && E->used->nnotes < EVAL_MAX_NOTES &&
      copy_number_note(E->src + n->start, len, E->decimal_comma, note, sizeof note))
    eval_note(E, "%s", note);
  return DS_OK;
}

/* A status of items_to_size or items_meet as an error at n: the size
 * limit, or an item of no size (a power of 0 B below 1) counted through. */
static int eval_items_err(eval *E, const ast *n, int st, long item) {
  if (st == DS_E_LIMIT) return eval_numerr(E, st, n, "this size");
  if (st == DS_E_DOMAIN && item >= 0)
    return err_set(E->e, st, n->start, n->end, "one %s has no size (0 B)", E->ctx->reg.units[item].word);
  return st;
}

int eval_items_to_size(eval *E, const ast *n, qty *q) {
  long item = q->item;
  return eval_items_err(E, n, items_to_size(E->ctx, E->binary, q, E->maxbits, NULL, E->e), item);
}

/* Counts of items meeting in a <op> b: items_meet, with errors at n. */
static int eval_items_meet(eval *E, const ast *n, qty *acc, qty *b) {
  int op = n->kind == N_DIV ? '/' : n->kind == N_MUL || n->kind == N_JUX ? '*' : '+';
  /* "1400 TB / photo" counts photos; "3 MB per photo", "3 MB/photo" is a size per photo */
  bool bare = n->b->kind == N_NAME && !(n->flags & AST_PER);
  long item = acc->item >= 0 ? acc->item : b->item;
  return eval_items_err(E, n, items_meet(E->ctx, E->binary, E->maxbits, op, bare, acc, b, E->e), item);
}

/* a <op> b for the binary operators; acc = a, result in acc. */
EVAL_COLD static int eval_apply(eval *E, const ast *n, qty *acc, qty *b) {
  /* A step the size limit refuses at once costs nothing (its error says
   * "result too large"); any other is charged before it runs. */
  int st = eval_charge_op(E, n, &acc->n, &b->n, n->kind == N_MUL || n->kind == N_JUX || n->kind == N_DIV);
  if (st) return st;
  if ((acc->item >= 0 || b->item >= 0) && (st = eval_items_meet(E, n, acc, b))) return st;
  switch (n->kind) {
  case N_ADD:
  case N_SUB:
    if (!dim_eq(&acc->d, &b->d)) return eval_dimerr(E, n, n->kind == N_ADD ? "add" : "subtract", acc, b);
    st = n->kind == N_ADD ? num_add(&acc->n, &acc->n, &b->n, E->maxbits) : num_sub(&acc->n, &acc->n, &b->n, E->maxbits);
    if (!acc->pref) acc->pref = b->pref;
    return st ? eval_numerr(E, st, n, "this sum") : DS_OK;
  case N_MUL:
  case N_JUX:
  case N_DIV:
    if (n->kind == N_DIV) {
      if (num_contains_zero(&b->n))
        return err_set(E->e, DS_E_DOMAIN, n->b->start, n->b->end,
                       num_is_zero(&b->n) ? "division by zero" : "division by a range that includes zero");
      if (!dim_div(&acc->d, &acc->d, &b->d))
        return err_set(E->e, DS_E_LIMIT, n->start, n->end, "unit exponent too large");
      st = num_div(&acc->n, &acc->n, &b->n, E->maxbits);
    } else {
      if (!dim_mul(&acc->d, &acc->d, &b->d))
        return err_set(E->e, DS_E_LIMIT, n->start, n->end, "unit exponent too large");
      st = num_mul(&acc->n, &acc->n, &b->n, E->maxbits);
    }
    acc->pref = qty_pref(acc->pref, b->pref);
    if (!items_exp(&E->ctx->reg, &acc->d)) acc->item = -1; /* photos per photo: a number */
    return st ? eval_numerr(E, st, n, "this product") : DS_OK;
  case N_RANGE:
    if (!dim_eq(&acc->d, &b->d)) return eval_dimerr(E, n, "make a range of", acc, b);
    if ((n->flags & AST_DASH) && mpq_cmp(acc->n.lo, b->n.hi) > 0)
      /* "5–1": word processors turn " - " into an en dash, so it may be a
       * minus sign; a range is written low end first. */
      return err_set(E->e, DS_E_DOMAIN, n->start, n->end,
                     "'%.*s' with an en dash goes from high to low: for a range write the low end first; for a "
                     "difference write '-'",
                     (int)lex_utf8_cut(E->src + n->start, n->end - n->start, 60), E->src + n->start);
    num_set_range(&acc->n, &acc->n, &b->n);
    if (!acc->pref) acc->pref = b->pref;
    return DS_OK;
  case N_PM: {
    bool pct = n->b->kind == N_PERCENT && dim_is_none(&b->d);
    if (!pct && !dim_eq(&acc->d, &b->d)) return eval_dimerr(E, n, "make a range of", acc, b);
    st = num_pm(&acc->n, &b->n, pct, E->maxbits);
    return st ? eval_numerr(E, st, n, "this range") : DS_OK;
  }
  default: return err_set(E->e, DS_E_SYNTAX, n->start, n->end, "internal error: unknown operator");
  }
}

/* "X + P%" and "X - P%" (n): X increased or decreased by P %, that is
 * X * (1 ± P/100), as newsrooms and qalc read it, with a note that says
 * so (and, for a plain X, that the sum of two numbers is the other
 * reading). acc = X, b = P/100. */
EVAL_COLD static int eval_percent_change(eval *E, const ast *n, qty *acc, const qty *b) {
  num f, one, sum;
  num_init(&f), num_init(&one), num_init(&sum);
  num_set_si(&one, 1);
  int st = eval_charge_op(E, n, &one, &b->n, false);
  if (!st) st = n->kind == N_ADD ? num_add(&f, &one, &b->n, E->maxbits) : num_sub(&f, &one, &b->n, E->maxbits);
  bool plain = dim_is_none(&acc->d), noted = E->used && E->used->nnotes < EVAL_MAX_NOTES;
  if (!st && plain && noted) {
    st = eval_charge_op(E, n, &acc->n, &b->n, false);
    if (!st)
      st = n->kind == N_ADD ? num_add(&sum, &acc->n, &b->n, E->maxbits) : num_sub(&sum, &acc->n, &b->n, E->maxbits);
  }
  if (!st) st = eval_charge_op(E, n, &acc->n, &f, true);
  if (!st) st = num_mul(&acc->n, &acc->n, &f, E->maxbits);
  if (st) st = eval_numerr(E, st, n, "this percent change");
  if (!st && noted) {
    char *note = copy_percent_note(E->src, E->len, n, E->decimal_comma, &f, &b->n, plain ? &sum : NULL);
    if (note) eval_note(E, "%s", note);
    free(note);
  }
  num_clear(&f), num_clear(&one), num_clear(&sum);
  return st;
}

/* A left-deep chain of binary operators, walked bottom-up with a loop. A
 * sum or difference whose right side is written as a percentage is a
 * percent change, unless everything before it in the chain is a sum of
 * percentages too ("5% + 10%" is 15%). */
EVAL_COLD static int eval_chain(eval *E, const ast *top, qty *out) {
  size_t cnt = 0;
  const ast *x = top;
  for (; ast_is_binary(x->kind); x = x->a) cnt++;
  const ast *small[4]; /* "1400 TB", "a + b * c": no allocation; kept small for deep nesting */
  const ast **stack = cnt <= 4 ? small : malloc(cnt * sizeof *stack);
  if (!stack) return err_set(E->e, DS_E_NOMEM, top->start, top->end, "out of memory");
  size_t i = cnt;
  for (const ast *y = top; ast_is_binary(y->kind); y = y->a) stack[--i] = y;
  int mark = E->used ? E->used->bits.n : 0; /* the sizes spelled Tb, Pb, ... from here on */
  int st = eval_node(E, x, out);
  bool percents = copy_is_percent(E->src, x); /* the chain so far is a sum of percentages */
  qty b;
  qty_init(&b);
  for (i = 0; !st && i < cnt; i++) {
    if (eval_cancelled(E)) {
      st = err_set(E->e, DS_E_CANCELLED, top->start, top->end, "cancelled");
      break;
    }
    const ast *o = stack[i];
    int before = E->used ? E->used->bits.n : 0;
    st = eval_node(E, o->b, &b);
    bool pct = !st && (o->kind == N_ADD || o->kind == N_SUB) && copy_is_percent(E->src, o->b) && dim_is_none(&b.d);
    if (!st) st = pct && !percents ? eval_percent_change(E, o, out, &b) : eval_apply(E, o, out, &b);
    if (!st && (o->flags & AST_GLUED) && E->used && E->used->nnotes < EVAL_MAX_NOTES && o->b->kind != N_NUM) {
      char *note = copy_hyphen_note(E->src, E->len, o, E->decimal_comma);
      if (note) eval_note(E, "%s", note);
      free(note);
    }
    percents = (percents && pct) || copy_is_percent(E->src, o);
    /* "10 Tb / s": those sizes were a rate, where bits are meant. */
    if (!st && o->kind == N_DIV && before > mark && eval_is_data_rate(E, &out->d))
      for (int k = mark; k < before; k++) E->used->bits.rate[k] = true;
  }
  qty_clear(&b);
  if (stack != small) free(stack);
  return st;
}

EVAL_COLD static int eval_pow(eval *E, const ast *n, qty *out) {
  qty e;
  qty_init(&e);
  int st = eval_node(E, n->a, out);
  if (!st) st = eval_node(E, n->b, &e);
  if (st) goto out;
  if (!dim_is_none(&e.d) || !num_is_point(&e.n)) {
    st = err_set(E->e, DS_E_DIMENSION, n->b->start, n->b->end,
                 dim_is_none(&e.d) ? "an exponent cannot be a range" : "an exponent must be a plain number");
    goto out;
  }
  long k, p, q;
  if (num_is_integer(&e.n)) {
    if (!num_exponent(mpq_numref(e.n.lo), &k)) {
      bool triv = mpq_cmp_si(out->n.lo, -1, 1) >= 0 && mpq_cmp_si(out->n.hi, 1, 1) <= 0 && num_is_point(&out->n) &&
                  mpz_cmp_ui(mpq_denref(out->n.lo), 1) == 0;
      if (!triv || !dim_is_none(&out->d)) {
        st = err_set(E->e, DS_E_LIMIT, n->start, n->end,
                     "result too large: the exponent is too big (the result-size limit is %zu bits)", E->maxbits);
        goto out;
      }
      /* A huge exponent of 0, 1 or -1 acts like its sign and parity. */
      k = (mpz_even_p(mpq_numref(e.n.lo)) ? 2 : 1) * (mpz_sgn(mpq_numref(e.n.lo)) < 0 ? -1 : 1);
    }
    if (!dim_pow(&out->d, &out->d, k)) {
      st = err_set(E->e, DS_E_LIMIT, n->start, n->end, "unit exponent too large (limit %d)", DIM_EXP_MAX);
      goto out;
    }
    if (!num_pow_too_big(&out->n, k, E->maxbits) && (st = eval_charge(E, n, num_work_pow_si(&out->n, k)))) goto out;
    st = num_pow_si(&out->n, &out->n, k, E->maxbits);
    if (st == DS_E_DOMAIN) st = err_set(E->e, st, n->start, n->end, "division by zero (zero to a negative power)");
    else if (st) st = eval_numerr(E, st, n, "this power");
    goto out;
  }
  /* A fractional power: a root of the dimension, MPFR for the number. */
  if (!num_exponent(mpq_denref(e.n.lo), &q) || !num_exponent(mpq_numref(e.n.lo), &p)) {
    st = err_set(E->e, DS_E_LIMIT, n->b->start, n->b->end, "exponent too precise");
    goto out;
  }
  {
    dim d;
    if (!dim_root(&d, &out->d, q) || !dim_pow(&d, &d, p)) {
      st = err_set(E->e, DS_E_DIMENSION, n->start, n->end, "this power of a unit is not a whole unit power");
      goto out;
    }
    if (num_sign(&out->n) != 1) {
      st = err_set(E->e, DS_E_DOMAIN, n->a->start, n->a->end, "a fractional power needs a positive base");
      goto out;
    }
    /* MPFR's work, or that of an exact root raised to p (8^(2/3) = 4): a
     * power of the result's size, when it is within the size limit */
    unsigned long long w = real_work_fn(&out->n, E->prec, -1);
    double rb = (double)num_bits(&out->n) * (double)(p < 0 ? -(double)p : (double)p) / (double)q;
    if (!out->n.inexact && rb <= (double)E->maxbits) {
      unsigned long long l = (unsigned long long)(rb / 64) + 1, lg = num_log2_ceil(l);
      w += 100 + 20 * l * lg;
    }
    if ((st = eval_charge(E, n, w))) goto out;
    st = real_pow(&out->n, &out->n, e.n.lo, E->prec, E->maxbits);
    if (st) st = eval_numerr(E, st, n, "this power");
    else out->d = d;
  }
out:
  qty_clear(&e);
  return st;
}

/* The entry of eval_fns that call node n calls, or -1. */
static int eval_call_index(const eval *E, const ast *n) {
  /* n->end covers the arguments: find the name's own length. */
  size_t nl = 0;
  while (n->start + nl < n->end && E->src[n->start + nl] != '(' && E->src[n->start + nl] != ' ' &&
         E->src[n->start + nl] != '\t')
    nl++;
  return eval_fn_index(E->src + n->start, nl);
}

int eval_call_op(const eval *E, const ast *n) {
  int fi = n->kind == N_CALL ? eval_call_index(E, n) : -1;
  return fi < 0 ? -1 : eval_fns[fi].op;
}

/* round, floor or ceil (mode 'r', 'f', 'c') of the value of n->a, which is
 * in out. The result is exact: of sqrt, log2 or log10 of an exact number,
 * it is found with integers; of another inexact value, that value is
 * evaluated again at higher precisions until its error bound lies on one
 * side of the boundary (a whole number, or a half for round), or the
 * precision limit says it cannot be told. */
static int eval_round(eval *E, const ast *n, int mode, qty *out) {
  int st;
  if (!out->n.inexact) {
    if ((st = eval_charge(E, n, num_work_round(&out->n)))) return st;
    num_round(&out->n, &out->n, mode);
    return DS_OK;
  }
  const char *what = mode == 'f' ? "floor" : mode == 'c' ? "ceil" : "round";
  const char *near = mode == 'r' ? "halfway between two whole numbers" : "a whole number";
  const ast *a = n->a;
  int op = eval_call_op(E, a);
  int fn = op == F_SQRT ? REAL_SQRT : op == F_LOG2 ? REAL_LOG2 : op == F_LOG10 ? REAL_LOG10 : -1;
  if (fn >= 0 && a->nargs == 1) {
    qty q;
    qty_init(&q);
    st = eval_node(E, a->a, &q);
    if (!st && !q.n.inexact && dim_is_none(&q.d) && mpq_sgn(q.n.lo) > 0) {
      /* a few products and powers of q's size */
      if (!(st = eval_charge(E, n, 8 * num_work(&q.n, &q.n, true)))) {
        real_round_exact(out->n.lo, q.n.lo, fn, mode);
        if (num_is_point(&q.n)) mpq_set(out->n.hi, out->n.lo);
        else real_round_exact(out->n.hi, q.n.hi, fn, mode);
        out->n.inexact = false;
        out->n.range = q.n.range;
      }
      qty_clear(&q);
      return st;
    }
    qty_clear(&q);
    if (st) return st;
  }
  eval E2 = *E;
  bool stale = false;
  for (;;) {
    if ((st = eval_charge(E, n, num_work_round(&out->n)))) return st;
    if (real_round_sure(&out->n, &out->n, mode)) return DS_OK;
    if (stale)
      return err_set(E->e, DS_E_LIMIT, n->start, n->end, "%s is undecided: the value is too close to %s to tell %s",
                     what, near, real_uncertain_why(true));
    long whole = (long)mpz_sizeinbase(mpq_numref(out->n.hi), 2) - (long)mpz_sizeinbase(mpq_denref(out->n.hi), 2);
    long whole2 = (long)mpz_sizeinbase(mpq_numref(out->n.lo), 2) - (long)mpz_sizeinbase(mpq_denref(out->n.lo), 2);
    if (whole2 > whole) whole = whole2;
    if (E2.prec >= REAL_PRECISION_MAX && whole > REAL_PRECISION_MAX - 64)
      return err_set(E->e, DS_E_LIMIT, n->start, n->end,
                     "%s cannot be told: the whole part of the value has more bits than the precision limit (%ld bits)",
                     what, REAL_PRECISION_MAX);
    if (E2.prec >= REAL_PRECISION_MAX)
      return err_set(E->e, DS_E_LIMIT, n->start, n->end, "%s is undecided: the value is too close to %s to tell %s",
                     what, near, real_uncertain_why(false));
    /* enough bits for the integer part, and more */
    E2.prec = real_more_prec(E2.prec, num_acc_bits(&out->n), whole + 64);
    long before = real_err_max(&out->n, NULL);
    if ((st = eval_node(&E2, a, out))) return st;
    stale = real_err_max(&out->n, NULL) >= before;
  }
}

EVAL_COLD static int eval_call(eval *E, const ast *n, qty *out) {
  int fi = eval_call_index(E, n);
  if (fi < 0) return err_set(E->e, DS_E_UNKNOWN, n->start, n->end, "unknown function");
  if (n->nargs < eval_fns[fi].min || n->nargs > eval_fns[fi].max) {
    if (eval_fns[fi].max == eval_fns[fi].min + 1)
      return err_set(E->e, DS_E_SYNTAX, n->start, n->end, "%s takes %zu or %zu arguments", eval_fns[fi].name,
                     eval_fns[fi].min, eval_fns[fi].max);
    return err_set(E->e, DS_E_SYNTAX, n->start, n->end, "%s takes %zu argument%s", eval_fns[fi].name, eval_fns[fi].min,
                   eval_fns[fi].min == 1 ? "" : "s");
  }
  int op = eval_fns[fi].op;
  if (op == F_GROWTH || op == F_PROJECT) {
    if (!E->env->estimate)
      return err_set(E->e, DS_E_SYNTAX, n->start, n->end, "%s is not available here", eval_fns[fi].name);
    return E->env->estimate(E, n, op, out);
  }
  int st = eval_node(E, n->a, out);
  if (st) return st;
  if (op == F_MIN || op == F_MAX) {
    qty b;
    qty_init(&b);
    for (const ast *a = n->a->next; a && !st; a = a->next) {
      st = eval_node(E, a, &b);
      if (st) break;
      if (!dim_eq(&out->d, &b.d)) {
        st = eval_dimerr(E, a, "compare", out, &b);
        break;
      }
      if ((st = eval_charge(E, a, num_work_cmp(&out->n, &b.n)))) break;
      num_minmax(&out->n, &b.n, op == F_MAX);
    }
    qty_clear(&b);
    return st;
  }
  const char *fname = eval_fns[fi].name;
  switch (op) {
  case F_ABS: num_abs(&out->n, &out->n); return DS_OK;
  case F_ROUND:
  case F_FLOOR:
  case F_CEIL:
    if (!dim_is_none(&out->d))
      return err_set(E->e, DS_E_DIMENSION, n->start, n->end,
                     "%s needs a plain number: convert first, e.g. %s(1400 TB / 3 MB)", fname, fname);
    return eval_round(E, n, op == F_ROUND ? 'r' : op == F_FLOOR ? 'f' : 'c', out);
  case F_SQRT: {
    dim d;
    if (!dim_root(&d, &out->d, 2))
      return err_set(E->e, DS_E_DIMENSION, n->start, n->end, "sqrt of a unit that is not a square");
    if (mpq_sgn(out->n.lo) < 0) return err_set(E->e, DS_E_DOMAIN, n->start, n->end, "sqrt of a negative number");
    out->d = d;
    if ((st = eval_charge(E, n, real_work_fn(&out->n, E->prec, REAL_SQRT)))) return st;
    st = real_fn(&out->n, &out->n, REAL_SQRT, E->prec, E->maxbits);
    return st ? eval_numerr(E, st, n, "this square root") : DS_OK;
  }
  default: {
    if (!dim_is_none(&out->d)) return err_set(E->e, DS_E_DIMENSION, n->start, n->end, "%s needs a plain number", fname);
    if (op != F_EXP && mpq_sgn(out->n.lo) <= 0)
      return err_set(E->e, DS_E_DOMAIN, n->start, n->end, "%s of zero or a negative number", fname);
    int f = op == F_LN ? REAL_LN : op == F_LOG10 ? REAL_LOG10 : op == F_LOG2 ? REAL_LOG2 : REAL_EXP;
    if ((st = eval_charge(E, n, real_work_fn(&out->n, E->prec, f)))) return st;
    st = real_fn(&out->n, &out->n, f, E->prec, E->maxbits);
    return st ? eval_numerr(E, st, n, "this function") : DS_OK;
  }
  }
}

/* x% = x / 100 */
EVAL_COLD static int eval_percent(eval *E, const ast *n, qty *out) {
  num h;
  num_init(&h);
  mpq_set_ui(h.lo, 1, 100);
  mpq_set_ui(h.hi, 1, 100);
  int st = eval_charge_op(E, n, &out->n, &h, true);
  if (!st && (st = num_mul(&out->n, &out->n, &h, E->maxbits))) st = eval_numerr(E, st, n, "this percentage");
  num_clear(&h);
  return st;
}

/* $x = x USD */
EVAL_COLD static int eval_dollar(eval *E, const ast *n, qty *out) {
  units_match m;
  qty usd;
  qty_init(&usd);
  int st;
  if (!units_lookup(&E->ctx->reg, "USD", 3, &m))
    st = err_set(E->e, DS_E_UNKNOWN, n->start, n->end, "USD is not defined");
  else st = eval_unit_value(E, n, &m, &usd);
  if (!st && !dim_mul(&out->d, &out->d, &usd.d))
    st = err_set(E->e, DS_E_LIMIT, n->start, n->end, "unit exponent too large");
  if (!st) st = eval_charge_op(E, n, &out->n, &usd.n, true);
  if (!st && (st = num_mul(&out->n, &out->n, &usd.n, E->maxbits))) st = eval_numerr(E, st, n, "this amount");
  qty_clear(&usd);
  return st;
}

/* A multiplier: "×3.5 X" and "3.5x X" are 3.5 * X; alone, 3.5. Written
 * "3x" while x names a variable or a unit, it is also 3 times x: an
 * error that names both. */
EVAL_COLD static int eval_times(eval *E, const ast *n, qty *out) {
  units_match m;
  bool var = eval_var(E, "x", 1) >= 0;
  if ((n->flags & AST_X) && (var || units_lookup(&E->ctx->reg, "x", 1, &m))) {
    int nl = (int)lex_utf8_cut(E->src + n->a->start, n->a->end - n->a->start, 40);
    const char *d = E->src + n->a->start;
    return err_set(E->e, DS_E_SYNTAX, n->a->end, n->a->end + 1,
                   "'%.*sx' has two readings: the multiplier %.*sx, or %.*s times the %s x: write %.*s * x for the "
                   "product, or %.*s times for the multiplier",
                   nl, d, nl, d, nl, d, var ? "variable" : "unit", nl, d, nl, d);
  }
  int st = eval_node(E, n->a, out);
  if (st || !n->b) return st;
  qty b;
  qty_init(&b);
  st = eval_node(E, n->b, &b);
  if (!st) {
    ast m2 = *n;
    m2.kind = N_MUL;
    st = eval_apply(E, &m2, out, &b);
  }
  qty_clear(&b);
  return st;
}

int eval_node(eval *E, const ast *n, qty *out) {
  if (eval_cancelled(E)) return err_set(E->e, DS_E_CANCELLED, n->start, n->end, "cancelled");
  out->item = -1; /* a count of items says so where it is made (eval_name, eval_apply) */
  if (ast_is_binary(n->kind)) return eval_chain(E, n, out);
  int st;
  switch (n->kind) {
  case N_NUM: return eval_number(E, n, out);
  case N_NAME: return eval_name(E, n, out);
  case N_NEG:
    if ((st = eval_node(E, n->a, out))) return st;
    num_neg(&out->n, &out->n);
    return DS_OK;
  case N_PERCENT:
    if (!n->a) { /* "to %": 1 % */
      num_set_si(&out->n, 1);
      dim_clear(&out->d);
      out->pref = 0;
    } else if ((st = eval_node(E, n->a, out))) {
      return st;
    }
    return eval_percent(E, n, out);
  case N_TIMES: return eval_times(E, n, out);
  case N_POW: return eval_pow(E, n, out);
  case N_CALL: return eval_call(E, n, out);
  case N_DOLLAR:
    if ((eval_var(E, "b", 1) < 0 && eval_var(E, "B", 1) < 0 && (st = copy_dollar_bits(E->src, n, E->e))) ||
        (st = eval_node(E, n->a, out)))
      return st;
    return eval_dollar(E, n, out);
  case N_NEWDIM:
    return err_set(E->e, DS_E_SYNTAX, n->start, n->end, "'!' declares a dimension only in a definitions file");
  default: return err_set(E->e, DS_E_SYNTAX, n->start, n->end, "internal error: unknown node");
  }
}

void eval_init(eval *E, eval_env *env, const char *src, size_t len, err *e, eval_used *used) {
  session *ctx = env->s;
  E->env = env;
  E->ctx = ctx;
  E->src = src;
  E->len = len;
  E->e = e;
  E->defs = false;
  E->binary = ctx->binary;
  E->maxbits = (size_t)ctx->limits[DS_LIMIT_RESULT_BITS];
  /* --precision, or more when the digits asked for need more (a few
   * steps each lose a bit or two: 8 more) */
  E->prec = ctx->limits[DS_LIMIT_PRECISION];
  long need = real_bits_for(session_digits_shown(ctx)) + 8;
  if (E->prec < need) E->prec = need < REAL_PRECISION_MAX ? need : REAL_PRECISION_MAX;
  E->used = used;
  E->decimal_comma = ctx->decimal_comma;
  E->bytes_at = NULL;
  E->nbytes_at = 0;
}

/* One expression (no statement forms): definitions and unit strings. */
static int eval_expr_text(eval_env *env, const char *src, size_t len, bool defs, bool binary, qty *out, eval_used *used,
                          err *e) {
  session *ctx = env->s;
  int s = session_check_line(ctx, src, len, e);
  if (s) return s;
  ast_arena ar;
  ast_arena_init(&ar);
  ast *root;
  eval E;
  eval_init(&E, env, src, len, e, used);
  E.defs = defs;
  E.binary = binary;
  E.decimal_comma = false; /* definitions and unit strings are written 1400.5 */
  s = parse_expr_only(&root, &ar, src, len, (size_t)ctx->limits[DS_LIMIT_DEPTH], eval_is_fn, e);
  if (!s) s = eval_node(&E, root, out);
  ast_arena_free(&ar);
  return s;
}

int eval_definition(eval_env *env, const char *src, size_t len, bool binary, qty *out, eval_used *used, err *e) {
  return eval_expr_text(env, src, len, true, binary, out, used, e);
}

int eval_unit(eval_env *env, const char *ustr, size_t len, qty *out, err *e) {
  return eval_expr_text(env, ustr, len, false, env->s->binary, out, NULL, e);
}

void eval_env_init(eval_env *env, session *s, const atomic_int *cancel) {
  memset(env, 0, sizeof *env);
  env->s = s;
  env->cancel = cancel;
  ast_arena_init(&env->arena);
}

void eval_env_free(eval_env *env) { ast_arena_free(&env->arena); }
