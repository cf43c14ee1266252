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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "defs.h"
#include "format.h"
#include "lex.h"

/* The cases of eval_node live in functions of their own that are never
 * inlined, so the frame eval_node keeps per level of nesting stays small
 * (R1/R17: the default depth must fit a small stack). */
#define EVAL_COLD __attribute__((noinline))

typedef struct {
  ds_ctx *ctx;
  const char *src;
  size_t len;
  err *e;
  bool defs;     /* evaluating a definition */
  bool binary;   /* reading of KB..YB in force */
  size_t maxbits;
  long prec;     /* MPFR precision for irrational steps */
  eval_out *out; /* what was used is recorded here (NULL for definitions) */
} eval;

enum { F_SQRT, F_LN, F_LOG10, F_LOG2, F_EXP, F_ABS, F_ROUND, F_FLOOR, F_CEIL, F_MIN, F_MAX, F_GROWTH, F_PROJECT };

static const struct {
  const char *name;
  int op;
  size_t min, max;
} eval_fns[] = {
    {"sqrt", F_SQRT, 1, 1},   {"ln", F_LN, 1, 1},       {"log10", F_LOG10, 1, 1},
    {"log2", F_LOG2, 1, 1},   {"exp", F_EXP, 1, 1},     {"abs", F_ABS, 1, 1},
    {"round", F_ROUND, 1, 1}, {"floor", F_FLOOR, 1, 1}, {"ceil", F_CEIL, 1, 1},
    {"min", F_MIN, 1, 1000},  {"max", F_MAX, 1, 1000},  {"growth", F_GROWTH, 3, 3},
    {"project", F_PROJECT, 3, 3},
};
#define EVAL_NFNS (sizeof eval_fns / sizeof eval_fns[0])

static int eval_fn_index(const char *name, size_t len) {
  for (size_t i = 0; i < EVAL_NFNS; i++)
    if (strlen(eval_fns[i].name) == len && memcmp(eval_fns[i].name, name, len) == 0) return (int)i;
  return -1;
}

bool eval_is_fn(const char *name, size_t len) { return eval_fn_index(name, len) >= 0; }

void eval_out_init(eval_out *o) {
  memset(o, 0, sizeof *o);
  qty_init(&o->v);
  qty_init(&o->alt);
  num_init(&o->shown);
  num_init(&o->alt_shown);
}

/* The rarely used fields, initialised on first use (most lines need none). */
static void eval_out_extra(eval_out *o) {
  if (o->extra) return;
  num_init(&o->g_factor);
  num_init(&o->g_rate);
  num_init(&o->g_periods);
  num_init(&o->range_shown);
  o->extra = true;
}

void eval_out_reset(eval_out *o) {
  /* Free what the line allocated and zero the scalar fields; keep the
   * numbers (and their memory) for the next line. No memset of the whole
   * struct: it is large and this runs once per line. */
  free(o->range_text), free(o->check_text), free(o->unit_text), free(o->name);
  free(o->count_from), free(o->count_size), free(o->count_item), free(o->message), free(o->as_written);
  o->range_text = o->check_text = o->unit_text = o->name = NULL;
  o->count_from = o->count_size = o->count_item = o->message = o->as_written = NULL;
  for (int i = 0; i < o->neq; i++) num_clear(&o->eq[i].count);
  for (int i = 0; i < o->nterms; i++) qty_clear(&o->terms[i].value);
  o->neq = o->nterms = o->nlegacy = o->nvars = o->nitems = 0;
  o->conv = CONV_NONE;
  o->have_alt = o->calendar = o->count = o->growth = o->item_range = o->binary = false;
  o->v.n.range = o->v.n.inexact = false;
  o->v.pref = 0;
  o->prec = 0;
  o->stale = false;
}

void eval_out_clear(eval_out *o) {
  qty_clear(&o->v);
  qty_clear(&o->alt);
  num_clear(&o->shown);
  num_clear(&o->alt_shown);
  if (o->extra) {
    num_clear(&o->g_factor);
    num_clear(&o->g_rate);
    num_clear(&o->g_periods);
    num_clear(&o->range_shown);
    o->extra = false;
  }
  free(o->range_text);
  free(o->check_text);
  o->range_text = o->check_text = NULL;
  free(o->unit_text);
  free(o->name);
  free(o->count_from);
  free(o->count_size);
  free(o->count_item);
  free(o->message);
  free(o->as_written);
  o->as_written = NULL;
  for (int i = 0; i < o->neq; i++) num_clear(&o->eq[i].count);
  o->neq = 0;
  for (int i = 0; i < o->nterms; i++) qty_clear(&o->terms[i].value);
  o->nterms = 0;
  o->message = NULL;
  o->unit_text = o->name = o->count_from = o->count_size = o->count_item = NULL;
}

static int eval_node(eval *E, const ast *n, qty *out);

/* Maps a num.c status to a message at node n. */
static int eval_numerr(eval *E, int st, const ast *n, const char *what) {
  if (st == DS_E_LIMIT)
    return err_set(E->e, st, n->start, n->end,
                   "result too large: %s would need more than %zu bits (the result-size limit)",
                   what, E->maxbits);
  if (st == DS_E_DOMAIN) return err_set(E->e, st, n->start, n->end, "%s is undefined", what);
  if (st == DS_E_NOMEM) return err_set(E->e, st, n->start, n->end, "out of memory");
  return st;
}

static int eval_dimerr(eval *E, const ast *n, const char *verb, const qty *a, const qty *b) {
  char da[96], db[96];
  units_dim_name(&E->ctx->reg, &a->d, da, sizeof da);
  units_dim_name(&E->ctx->reg, &b->d, db, sizeof db);
  return err_set(E->e, DS_E_DIMENSION, n->start, n->end, "dimension mismatch: cannot %s %s and %s",
                 verb, da, db);
}

static void eval_note_legacy(eval *E, const char *name, size_t len) {
  if (!E->out || E->out->nlegacy >= EVAL_MAX_LEGACY || len >= sizeof E->out->legacy[0]) return;
  for (int i = 0; i < E->out->nlegacy; i++)
    if (strlen(E->out->legacy[i]) == len && memcmp(E->out->legacy[i], name, len) == 0) return;
  memcpy(E->out->legacy[E->out->nlegacy], name, len);
  E->out->legacy[E->out->nlegacy++][len] = 0;
}

/* Remembers a name for the derivation, once. */
static void eval_note_term(eval *E, const ast *n, long uidx, long var, const units_match *m, const qty *v) {
  eval_out *o = E->out;
  size_t len = n->end - n->start;
  if (!o || !E->ctx->explain || n->kind != N_NAME || o->nterms >= EVAL_MAX_TERMS || len >= sizeof o->terms[0].spelling) return;
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

/* The value of a registry unit under a match (prefix included). */
EVAL_COLD static int eval_unit_value(eval *E, const ast *n, const units_match *m, qty *out) {
  ds_ctx *ctx = E->ctx;
  const unit *u = m->u;
  if (u->state != UNIT_READY) {
    int st = defs_resolve(ctx, m->index, E->e);
    if (st) return st;
    u = &ctx->reg.units[m->index];
  }
  const num *v = units_prefixed_value(&ctx->reg, m, E->binary);
  if (!v) return err_set(E->e, DS_E_NOMEM, n->start, n->end, "out of memory");
  const qty *uq = E->binary ? &u->value_bin : &u->value;
  num_set(&out->n, v);
  out->d = uq->d;
  out->pref = uq->pref;
  /* A definition written with KB..YB depends on the reading too. */
  for (const char *p = u->legacy; *p;) {
    size_t k = strcspn(p, " ");
    eval_note_legacy(E, p, k);
    p += k;
    while (*p == ' ') p++;
  }
  if ((u->flags & UNIT_ITEM) && E->out && E->out->nitems < EVAL_MAX_VARS) {
    int i = 0;
    while (i < E->out->nitems && E->out->items[i] != m->index) i++;
    if (i == E->out->nitems) E->out->items[E->out->nitems++] = m->index;
  }
  if (u->flags & UNIT_BITS) out->pref = 'b';
  if (u->flags & UNIT_BYTES) out->pref = 'B';
  if (m->legacy) eval_note_legacy(E, E->src + n->start, n->end - n->start);
  if ((u->flags & UNIT_CALENDAR) && E->out) E->out->calendar = true;
  eval_note_term(E, n, m->index, -1, m, out);
  return DS_OK;
}

/* Looks a name up as a variable: exact, then as the plural of one. */
static long eval_var(const eval *E, const char *s, size_t len) {
  if (E->defs) return -1;
  return ctx_find_var(E->ctx, s, len);
}

/* Remembers variable v as an assumption of the result. */
static void eval_note_var(eval *E, long v) {
  eval_out *o = E->out;
  if (!o) return;
  for (int i = 0; i < o->nvars; i++)
    if (o->vars[i] == v) return;
  if (o->nvars < EVAL_MAX_VARS) o->vars[o->nvars++] = v;
}

/* The value of variable v, remembered as an assumption of the result. */
static void eval_use_var(eval *E, const ast *n, long v, qty *out) {
  qty_set(out, &E->ctx->vars[v].value);
  eval_note_var(E, v);
  eval_note_term(E, n, -1, v, NULL, out);
}

/* Candidate singulars of an English plural: photos, boxes, copies. */
static size_t eval_singulars(const char *s, size_t len, char out[3][128]) {
  size_t k = 0;
  if (len < 2 || len > 120 || s[len - 1] != 's') return 0;
  if (len > 3 && s[len - 2] == 'e' && s[len - 3] == 'i') {
    memcpy(out[k], s, len - 3);
    memcpy(out[k] + len - 3, "y", 2);
    k++;
  }
  if (len > 2 && s[len - 2] == 'e') {
    memcpy(out[k], s, len - 2);
    out[k++][len - 2] = 0;
  }
  memcpy(out[k], s, len - 1);
  out[k++][len - 1] = 0;
  return k;
}

EVAL_COLD static int eval_name(eval *E, const ast *n, qty *out) {
  ds_ctx *ctx = E->ctx;
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
    return eval_unit_value(E, n, &m, out);
  }
  char sing[3][128];
  size_t ns = eval_singulars(s, len, sing);
  for (size_t i = 0; i < ns; i++) {
    size_t sl = strlen(sing[i]);
    if ((v = eval_var(E, sing[i], sl)) >= 0) {
      eval_use_var(E, n, v, out);
      return DS_OK;
    }
    if (map_get(&ctx->reg.names, sing[i], sl) >= 0 && units_lookup(&ctx->reg, sing[i], sl, &m))
      return eval_unit_value(E, n, &m, out);
  }
  if (eval_is_fn(s, len))
    return err_set(E->e, DS_E_SYNTAX, n->start, n->end, "'%.*s' is a function: write %.*s(x)", (int)len, s,
                   (int)len, s);
  /* Suggestions: the functions and the session's variables. */
  const char *extra[EVAL_NFNS + 64];
  size_t nextra = 0;
  for (size_t i = 0; i < EVAL_NFNS; i++) extra[nextra++] = eval_fns[i].name;
  for (size_t i = 0; i < ctx->nvars && nextra < EVAL_NFNS + 64; i++) extra[nextra++] = ctx->vars[i].name;
  char msg[400];
  units_explain(&ctx->reg, s, len, extra, E->defs ? 0 : nextra, msg, sizeof msg);
  return err_set(E->e, DS_E_UNKNOWN, n->start, n->end, "%s", msg);
}

/* Adds w to the work of the current call; past DS_LIMIT_WORK the step at n
 * is refused (R11: a line of 1 MiB may chain 300,000 products, each cheap,
 * that add up to many seconds). */
static int eval_charge(eval *E, const ast *n, unsigned long long w) {
  ds_ctx *ctx = E->ctx;
  ctx->work += w;
  if (ctx->work <= (unsigned long long)ctx->limits[DS_LIMIT_WORK] * 1000000ull) return DS_OK;
  return err_set(E->e, DS_E_LIMIT, n->start, n->end,
                 "too much work: this line would take more than %ld million steps (the work limit)",
                 ctx->limits[DS_LIMIT_WORK]);
}

/* Charges one step on a and b at n (num_work), unless the size limit
 * refuses it at once: its error then says "result too large". */
static int eval_charge_op(eval *E, const ast *n, const num *a, const num *b, bool product) {
  if (num_too_big(a, b, E->maxbits)) return DS_OK;
  return eval_charge(E, n, num_work(a, b, product));
}

/* The significant digits a result may be shown with: --digits, the three
 * of counts and checks, the 21 of a derivation. */
static int eval_digits_shown(const ds_ctx *ctx) {
  long d = ctx->limits[DS_LIMIT_DIGITS];
  if (d < 3) d = 3;
  if (ctx->explain && d < 21) d = 21;
  return (int)d;
}

/* Bits of relative accuracy that `digits` correct digits need, with 24 to
 * spare so that a rounding boundary is rarely within reach. */
static long eval_bits_for(int digits) { return (long)digits * 3322 / 1000 + 1 + 24; }

/* The next precision to try when `have` bits of accuracy came out of a
 * step at E->prec and `need` are wanted (have is very negative when no
 * bound was known): at least twice as many, up to the limit. */
static long eval_more_prec(long prec, long have, long need) {
  long next = 2 * prec;
  if (have > -NUM_ERR_NONE / 2 && need - have > 0 && prec + (need - have) + 64 > next) next = prec + (need - have) + 64;
  return next < CTX_PRECISION_MAX ? next : CTX_PRECISION_MAX;
}

/* The largest error exponent of a and b (b may be NULL): LONG_MIN when
 * both are exact. A refinement that does not lower it cannot help: the
 * value uses an inexact value computed earlier (a variable, a unit). */
static long eval_err_of(const num *a, const num *b) {
  long m = LONG_MIN;
  for (int k = 0; k < 2; k++) {
    const num *x = k ? b : a;
    if (!x || !x->inexact) continue;
    for (int i = 0; i < 2; i++)
      if (x->err[i] > m) m = x->err[i];
  }
  return m;
}

/* Why digits are missing, after "certain": the precision limit, or an
 * inexact value computed earlier at a lower precision. */
static const char *eval_why(bool stale) {
  return stale ? "(an inexact value it uses was computed earlier, at a lower precision)"
               : "at the precision limit (262144 bits)";
}

/* Accuracy in bits of a / b (b may be NULL). */
static long eval_acc2(const num *a, const num *b) {
  long x = num_acc_bits(a), y = b ? num_acc_bits(b) : LONG_MAX;
  long m = x < y ? x : y;
  return m == LONG_MAX ? m : m - 2;
}

EVAL_COLD static int eval_number(eval *E, const ast *n, qty *out) {
  size_t len = n->end - n->start;
  char small[64]; /* most literals: no allocation */
  char *digits = len < sizeof small ? small : malloc(len + 1);
  if (!digits) return err_set(E->e, DS_E_NOMEM, n->start, n->end, "out of memory");
  long exp10;
  long nd = lex_number_digits(E->src + n->start, len, digits, &exp10);
  int st = nd < 0 ? DS_OK : eval_charge(E, n, num_work_decimal(digits, (size_t)nd, exp10, E->maxbits));
  if (st) {
    if (digits != small) free(digits);
    return st;
  }
  st = nd < 0 ? DS_E_LIMIT : num_from_decimal(out->n.lo, digits, (size_t)nd, exp10, E->maxbits);
  if (digits != small) free(digits);
  if (st) return eval_numerr(E, st, n, "this number");
  mpq_set(out->n.hi, out->n.lo);
  out->n.range = out->n.inexact = false;
  dim_clear(&out->d);
  out->pref = 0;
  return DS_OK;
}

/* a <op> b for the binary operators; acc = a, result in acc. */
EVAL_COLD static int eval_apply(eval *E, const ast *n, qty *acc, qty *b) {
  /* A step the size limit refuses at once costs nothing (its error says
   * "result too large"); any other is charged before it runs. */
  int st = eval_charge_op(E, n, &acc->n, &b->n, n->kind == N_MUL || n->kind == N_JUX || n->kind == N_DIV);
  if (st) return st;
  switch (n->kind) {
  case N_ADD:
  case N_SUB:
    if (!dim_eq(&acc->d, &b->d)) return eval_dimerr(E, n, n->kind == N_ADD ? "add" : "subtract", acc, b);
    st = n->kind == N_ADD ? num_add(&acc->n, &acc->n, &b->n, E->maxbits)
                          : num_sub(&acc->n, &acc->n, &b->n, E->maxbits);
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
    return st ? eval_numerr(E, st, n, "this product") : DS_OK;
  case N_RANGE:
    if (!dim_eq(&acc->d, &b->d)) return eval_dimerr(E, n, "make a range of", acc, b);
    num_set_range(&acc->n, &acc->n, &b->n);
    if (!acc->pref) acc->pref = b->pref;
    return DS_OK;
  case N_PM: {
    num d;
    num_init(&d);
    if (n->b->kind == N_PERCENT && dim_is_none(&b->d)) {
      /* X ± P%: each x moves by P % of |x|; the bounds are the extremes
       * over the endpoints of X with the widest P (in num arithmetic, so
       * that inexact parts keep their error bounds). */
      num p, x, dx, lo, hi, t;
      num_init(&p), num_init(&x), num_init(&dx), num_init(&lo), num_init(&hi), num_init(&t);
      num_abs(&p, &b->n);
      num_set_bound(&p, &p, mpq_cmp(p.lo, p.hi) > 0 ? 0 : 1);
      for (int i = 0; i < 2 && !st; i++) {
        num_set_bound(&x, &acc->n, i);
        num_abs(&dx, &x);
        st = num_mul(&dx, &dx, &p, E->maxbits);
        if (!st) st = num_sub(i ? &t : &lo, &x, &dx, E->maxbits);
        if (!st && i) num_minmax(&lo, &t, false);
        if (!st) st = num_add(i ? &t : &hi, &x, &dx, E->maxbits);
        if (!st && i) num_minmax(&hi, &t, true);
      }
      if (!st) {
        mpq_set(acc->n.lo, lo.lo);
        mpq_set(acc->n.hi, hi.hi);
        acc->n.range = true;
        acc->n.inexact = lo.inexact || hi.inexact;
        acc->n.err[0] = lo.err[0];
        acc->n.err[1] = hi.err[1];
        st = num_bits(&acc->n) > E->maxbits ? DS_E_LIMIT : DS_OK;
      }
      num_clear(&p), num_clear(&x), num_clear(&dx), num_clear(&lo), num_clear(&hi), num_clear(&t);
    } else if (!dim_eq(&acc->d, &b->d)) {
      num_clear(&d);
      return eval_dimerr(E, n, "make a range of", acc, b);
    } else {
      num_abs(&d, &b->n);
      /* [x - d, x + d] with d's widest value. */
      num lo, hi, dd;
      num_init(&lo);
      num_init(&hi);
      num_init(&dd);
      num_set_bound(&dd, &d, 1);
      st = num_sub(&lo, &acc->n, &dd, E->maxbits);
      if (!st) st = num_add(&hi, &acc->n, &dd, E->maxbits);
      if (!st) {
        mpq_set(acc->n.lo, lo.lo);
        mpq_set(acc->n.hi, hi.hi);
        acc->n.range = true;
        acc->n.inexact = lo.inexact || hi.inexact;
        acc->n.err[0] = lo.err[0];
        acc->n.err[1] = hi.err[1];
      }
      num_clear(&lo);
      num_clear(&hi);
      num_clear(&dd);
    }
    num_clear(&d);
    return st ? eval_numerr(E, st, n, "this range") : DS_OK;
  }
  default:
    return err_set(E->e, DS_E_SYNTAX, n->start, n->end, "internal error: unknown operator");
  }
}

/* A left-deep chain of binary operators, walked bottom-up with a loop. */
EVAL_COLD static int eval_chain(eval *E, const ast *top, qty *out) {
  size_t cnt = 0;
  const ast *x = top;
  for (; ast_is_binary(x->kind); x = x->a) cnt++;
  const ast *small[4]; /* "1400 TB", "a + b * c": no allocation; kept small for deep nesting */
  const ast **stack = cnt <= 4 ? small : malloc(cnt * sizeof *stack);
  if (!stack) return err_set(E->e, DS_E_NOMEM, top->start, top->end, "out of memory");
  size_t i = cnt;
  for (const ast *y = top; ast_is_binary(y->kind); y = y->a) stack[--i] = y;
  int st = eval_node(E, x, out);
  qty b;
  qty_init(&b);
  for (i = 0; !st && i < cnt; i++) {
    if (E->ctx->cancel) {
      st = err_set(E->e, DS_E_CANCELLED, top->start, top->end, "cancelled");
      break;
    }
    st = eval_node(E, stack[i]->b, &b);
    if (!st) st = eval_apply(E, stack[i], out, &b);
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
  if (num_is_integer(&e.n)) {
    if (!mpz_fits_slong_p(mpq_numref(e.n.lo))) {
      bool triv = mpq_cmp_si(out->n.lo, -1, 1) >= 0 && mpq_cmp_si(out->n.hi, 1, 1) <= 0 &&
                  num_is_point(&out->n) && mpz_cmp_ui(mpq_denref(out->n.lo), 1) == 0;
      if (!triv || !dim_is_none(&out->d)) {
        st = err_set(E->e, DS_E_LIMIT, n->start, n->end,
                     "result too large: the exponent is too big (the result-size limit is %zu bits)", E->maxbits);
        goto out;
      }
    }
    /* A huge exponent of 0, 1 or -1 acts like its sign and parity. */
    long k = mpz_fits_slong_p(mpq_numref(e.n.lo))
                 ? mpz_get_si(mpq_numref(e.n.lo))
                 : (mpz_even_p(mpq_numref(e.n.lo)) ? 2 : 1) * (mpz_sgn(mpq_numref(e.n.lo)) < 0 ? -1 : 1);
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
  if (!mpz_fits_slong_p(mpq_denref(e.n.lo)) || !mpz_fits_slong_p(mpq_numref(e.n.lo))) {
    st = err_set(E->e, DS_E_LIMIT, n->b->start, n->b->end, "exponent too precise");
    goto out;
  }
  {
    long p = mpz_get_si(mpq_numref(e.n.lo)), q = mpz_get_si(mpq_denref(e.n.lo));
    dim d;
    if (!dim_root(&d, &out->d, q) || !dim_pow(&d, &d, p)) {
      st = err_set(E->e, DS_E_DIMENSION, n->start, n->end, "this power of a unit is not a whole unit power");
      goto out;
    }
    if (num_sign(&out->n) != 1) {
      st = err_set(E->e, DS_E_DOMAIN, n->a->start, n->a->end,
                   "a fractional power needs a positive base");
      goto out;
    }
    /* MPFR's work, or that of an exact root raised to p (8^(2/3) = 4): a
     * power of the result's size, when it is within the size limit */
    unsigned long long w = num_work_fn(&out->n, E->prec, -1);
    double rb = (double)num_bits(&out->n) * (double)(p < 0 ? -(double)p : (double)p) / (double)q;
    if (!out->n.inexact && rb <= (double)E->maxbits) {
      unsigned long long l = (unsigned long long)(rb / 64) + 1, lg = 1;
      while ((1ull << lg) <= l && lg < 63) lg++;
      w += 100 + 20 * l * lg;
    }
    if ((st = eval_charge(E, n, w))) goto out;
    st = num_pow_real(&out->n, &out->n, e.n.lo, E->prec, E->maxbits);
    if (st) st = eval_numerr(E, st, n, "this power");
    else out->d = d;
  }
out:
  qty_clear(&e);
  return st;
}

/* OVER of growth(): "6 months" is 6 periods of a month; a bare unit is
 * one period; anything else is one period of itself. */
static int eval_period(eval *E, const ast *over, qty *periods, qty *period, char *name, size_t nsz) {
  const ast *pn = over;
  int st;
  if (over->kind == N_JUX && over->b->kind == N_NAME) {
    pn = over->b;
    if ((st = eval_node(E, over->a, periods))) return st;
    if (!dim_is_none(&periods->d) || !num_is_point(&periods->n) || mpq_sgn(periods->n.lo) <= 0)
      return err_set(E->e, DS_E_DIMENSION, over->start, over->end, "the duration must be a positive number of periods");
  } else {
    num_set_si(&periods->n, 1);
    dim_clear(&periods->d);
  }
  if ((st = eval_node(E, pn, period))) return st;
  if (num_contains_zero(&period->n) || !num_is_point(&period->n))
    return err_set(E->e, DS_E_DOMAIN, over->start, over->end, "the period must be a nonzero quantity");
  size_t len = pn->end - pn->start;
  units_match m;
  if (pn->kind == N_NAME && units_lookup(&E->ctx->reg, E->src + pn->start, len, &m) && m.word && !m.pf)
    snprintf(name, nsz, "%s", m.u->word); /* "months" -> "month" */
  else
    snprintf(name, nsz, "%.*s", (int)(len < nsz ? len : nsz - 1), E->src + pn->start);
  return DS_OK;
}

/* growth(FROM, TO, OVER): factor = TO/FROM, rate = factor^(1/periods) - 1. */
static int eval_growth_parts(eval *E, const ast *call, num *factor, num *rate, qty *periods, qty *period,
                             char *name, size_t nsz) {
  const ast *a = call->a, *b = a->next, *c = b->next;
  qty from, to;
  qty_init(&from);
  qty_init(&to);
  int st = eval_node(E, a, &from);
  if (!st) st = eval_node(E, b, &to);
  if (!st && !dim_eq(&from.d, &to.d)) st = eval_dimerr(E, call, "compare", &from, &to);
  if (!st && (num_sign(&from.n) != 1 || num_sign(&to.n) != 1))
    st = err_set(E->e, DS_E_DOMAIN, call->start, call->end, "growth needs two positive quantities");
  if (!st && !(st = eval_charge_op(E, call, &to.n, &from.n, true)) && (st = num_div(factor, &to.n, &from.n, E->maxbits)))
    st = eval_numerr(E, st, call, "this growth rate");
  if (!st) st = eval_period(E, c, periods, period, name, nsz);
  if (!st) {
    num one;
    num_init(&one);
    num_set_si(&one, 1);
    if (mpq_cmp_ui(periods->n.lo, 1, 1) == 0) {
      if (!(st = eval_charge_op(E, call, factor, &one, false)) && (st = num_sub(rate, factor, &one, E->maxbits)))
        st = eval_numerr(E, st, call, "this growth rate");
    } else if (!(st = eval_charge(E, call, num_work_fn(factor, E->prec, -1)))) {
      mpq_t inv;
      mpq_init(inv);
      mpq_inv(inv, periods->n.lo);
      st = num_pow_real(rate, factor, inv, E->prec, E->maxbits);
      if (!st) st = num_sub(rate, rate, &one, E->maxbits);
      mpq_clear(inv);
      if (st) st = eval_numerr(E, st, call, "this growth rate");
    }
    num_clear(&one);
  }
  qty_clear(&from);
  qty_clear(&to);
  return st;
}

/* g = g^k for project(): 1 + r to the number of periods k, g >= 0 (and
 * g > 0 when k < 0). A bound of g that is 0 stays 0 for any k > 0. */
static int eval_project_factor(eval *E, const ast *n, num *g, const num *k) {
  int st;
  if (num_is_integer(k) && mpz_fits_slong_p(mpq_numref(k->lo))) {
    long m = mpz_get_si(mpq_numref(k->lo));
    if (num_pow_too_big(g, m, E->maxbits)) return eval_numerr(E, DS_E_LIMIT, n, "this projection");
    if ((st = eval_charge(E, n, num_work_pow_si(g, m)))) return st;
    st = num_pow_si(g, g, m, E->maxbits);
    return st ? eval_numerr(E, st, n, "this projection") : DS_OK;
  }
  if (mpq_sgn(k->lo) > 0 && mpq_sgn(g->lo) == 0) {
    if (mpq_sgn(g->hi) == 0) return DS_OK; /* 0^k = 0 */
    /* [0, h]^k = [0, h^k] */
    num h;
    num_init(&h);
    num_set_bound(&h, g, 1);
    if (!(st = eval_charge(E, n, num_work_fn(&h, E->prec, -1)))) {
      if ((st = num_pow_real(&h, &h, k->lo, E->prec, E->maxbits))) {
        st = eval_numerr(E, st, n, "this projection");
      } else {
        mpq_set(g->hi, h.hi);
        g->err[1] = h.inexact ? h.err[0] : NUM_ERR_TINY;
        if (!g->inexact) g->err[0] = NUM_ERR_TINY;
        g->inexact = g->inexact || h.inexact;
      }
    }
    num_clear(&h);
    return st;
  }
  if ((st = eval_charge(E, n, num_work_fn(g, E->prec, -1)))) return st;
  st = num_pow_real(g, g, k->lo, E->prec, E->maxbits);
  return st ? eval_numerr(E, st, n, "this projection") : DS_OK;
}

/* growth() and project(), which look at how their arguments are written. */
EVAL_COLD static int eval_growth_call(eval *E, const ast *n, int op, qty *out) {
  char name[48];
  qty periods, period;
  qty_init(&periods);
  qty_init(&period);
  num rate, factor;
  num_init(&rate);
  num_init(&factor);
  int st;
  if (op == F_GROWTH) {
    st = eval_growth_parts(E, n, &factor, &rate, &periods, &period, name, sizeof name);
    if (!st) {
      /* The value is a rate: per period. */
      num_set(&out->n, &rate);
      dim_clear(&out->d);
      out->pref = 0;
      if (!(st = eval_charge_op(E, n, &out->n, &period.n, true))) {
        st = num_div(&out->n, &out->n, &period.n, E->maxbits);
        if (!st && !dim_div(&out->d, &out->d, &period.d)) st = DS_E_LIMIT;
        if (st) st = eval_numerr(E, st, n, "this growth rate");
      }
      if (!st && E->out && !E->out->growth) {
        eval_out_extra(E->out);
        E->out->growth = true;
        num_set(&E->out->g_factor, &factor);
        num_set(&E->out->g_rate, &rate);
        num_set(&E->out->g_periods, &periods.n);
        snprintf(E->out->g_period, sizeof E->out->g_period, "%s", name);
      }
    }
  } else {
    /* project(Q, RATE, T) = Q (1 + r)^(T / P), RATE written r/P or growth(). */
    const ast *q = n->a, *rt = q->next, *t = rt->next;
    qty r, tq;
    qty_init(&r);
    qty_init(&tq);
    if (rt->kind == N_CALL && strncmp(E->src + rt->start, "growth", 6) == 0 && rt->nargs != 3) {
      st = err_set(E->e, DS_E_SYNTAX, rt->start, rt->end, "growth takes 3 arguments");
    } else if (rt->kind == N_CALL && strncmp(E->src + rt->start, "growth", 6) == 0) {
      st = eval_growth_parts(E, rt, &factor, &rate, &periods, &period, name, sizeof name);
      if (!st) num_set(&r.n, &rate);
    } else if (rt->kind == N_DIV) {
      st = eval_node(E, rt->a, &r);
      if (!st && !dim_is_none(&r.d))
        st = err_set(E->e, DS_E_DIMENSION, rt->a->start, rt->a->end, "a rate is a plain number or percentage per period");
      if (!st) st = eval_node(E, rt->b, &period);
    } else {
      st = err_set(E->e, DS_E_SYNTAX, rt->start, rt->end, "write the rate per period, e.g. 23.2%%/month or growth(...)");
    }
    if (!st) st = eval_node(E, q, out);
    if (!st) st = eval_node(E, t, &tq);
    num k;
    num_init(&k);
    if (!st && !dim_eq(&tq.d, &period.d))
      st = err_set(E->e, DS_E_DIMENSION, t->start, t->end, "the duration and the rate's period must be the same kind");
    if (!st && (num_contains_zero(&period.n) || !num_is_point(&tq.n)))
      st = err_set(E->e, DS_E_DOMAIN, t->start, t->end, "the duration must be a single value and the period nonzero");
    if (!st && !(st = eval_charge_op(E, t, &tq.n, &period.n, true)) && (st = num_div(&k, &tq.n, &period.n, E->maxbits)))
      st = eval_numerr(E, st, n, "this projection");
    num g;
    num_init(&g);
    if (!st) {
      num one;
      num_init(&one);
      num_set_si(&one, 1);
      if (!(st = eval_charge_op(E, rt, &r.n, &one, false)) && (st = num_add(&g, &r.n, &one, E->maxbits)))
        st = eval_numerr(E, st, n, "this projection");
      num_clear(&one);
    }
    /* A decline of 100 % a period leaves nothing after any time at all
     * (1 + r = 0); one of more would leave less than nothing. */
    if (!st && mpq_sgn(g.lo) < 0)
      st = err_set(E->e, DS_E_DOMAIN, rt->start, rt->end, "a rate below -100 %% a period would leave less than nothing");
    else if (!st && mpq_sgn(g.lo) == 0 && mpq_sgn(k.lo) < 0)
      st = err_set(E->e, DS_E_DOMAIN, t->start, t->end,
                   "a decline of 100 %% leaves nothing: it cannot be projected back in time");
    if (!st) st = eval_project_factor(E, n, &g, &k);
    if (!st && !(st = eval_charge_op(E, n, &out->n, &g, true)) && (st = num_mul(&out->n, &out->n, &g, E->maxbits)))
      st = eval_numerr(E, st, n, "this projection");
    num_clear(&g);
    num_clear(&k);
    qty_clear(&r);
    qty_clear(&tq);
  }
  num_clear(&rate);
  num_clear(&factor);
  qty_clear(&periods);
  qty_clear(&period);
  return st;
}

/* The sign of q - base^k (base 2 or 10; q > 0). */
static int eval_cmp_pow(mpq_srcptr q, unsigned long base, long k) {
  mpz_t l, r;
  mpz_inits(l, r, NULL);
  mpz_ui_pow_ui(r, base, (unsigned long)(k < 0 ? -k : k));
  if (k >= 0) {
    mpz_mul(r, r, mpq_denref(q));
    mpz_set(l, mpq_numref(q));
  } else {
    mpz_mul(l, r, mpq_numref(q));
    mpz_set(r, mpq_denref(q));
  }
  int c = mpz_cmp(l, r);
  mpz_clears(l, r, NULL);
  return c;
}

/* floor(log_base q) for q > 0: an estimate from the sizes, then powers. */
static long eval_floor_log(mpq_srcptr q, unsigned long base) {
  long k = (long)mpz_sizeinbase(mpq_numref(q), (int)base) - (long)mpz_sizeinbase(mpq_denref(q), (int)base);
  while (eval_cmp_pow(q, base, k) < 0) k--;
  while (eval_cmp_pow(q, base, k + 1) >= 0) k++;
  return k;
}

/* round(log_base q) for q >= 1, half up: up when q^2 >= base^(2k + 1). */
static long eval_round_log_up(mpq_srcptr q, unsigned long base) {
  long k = eval_floor_log(q, base);
  mpq_t s;
  mpq_init(s);
  mpq_mul(s, q, q);
  if (eval_cmp_pow(s, base, 2 * k + 1) >= 0) k++;
  mpq_clear(s);
  return k;
}

/* floor, ceil or round of log2, log10 or sqrt of an exact rational q, with
 * integers only: the irrational value is never computed. */
static void eval_round_exactly(mpq_ptr out, mpq_srcptr q, const char *fn, int mode) {
  if (strcmp(fn, "sqrt") == 0) {
    mpz_t m, t;
    mpz_inits(m, t, NULL);
    mpz_fdiv_q(t, mpq_numref(q), mpq_denref(q));
    mpz_sqrt(m, t);
    if (mode == 'c') {
      /* up unless q is m^2 exactly */
      mpz_mul(t, m, m);
      if (mpz_cmp_ui(mpq_denref(q), 1) != 0 || mpz_cmp(t, mpq_numref(q)) != 0) mpz_add_ui(m, m, 1);
    } else if (mode == 'r') {
      /* up when q >= (m + 1/2)^2, i.e. 4 num >= (4 m^2 + 4 m + 1) den */
      mpz_mul(t, m, m);
      mpz_add(t, t, m);
      mpz_mul_2exp(t, t, 2);
      mpz_add_ui(t, t, 1);
      mpz_mul(t, t, mpq_denref(q));
      mpz_t u;
      mpz_init(u);
      mpz_mul_2exp(u, mpq_numref(q), 2);
      if (mpz_cmp(u, t) >= 0) mpz_add_ui(m, m, 1);
      mpz_clear(u);
    }
    mpq_set_z(out, m);
    mpz_clears(m, t, NULL);
    return;
  }
  unsigned long base = strcmp(fn, "log2") == 0 ? 2 : 10;
  long k;
  if (mode == 'f') {
    k = eval_floor_log(q, base);
  } else if (mode == 'c') {
    k = eval_floor_log(q, base);
    if (eval_cmp_pow(q, base, k) != 0) k++;
  } else if (mpq_cmp_ui(q, 1, 1) >= 0) {
    k = eval_round_log_up(q, base);
  } else { /* log q < 0 rounds half away from zero: -round(log(1/q)) */
    mpq_t z;
    mpq_init(z);
    mpq_inv(z, q);
    k = -eval_round_log_up(z, base);
    mpq_clear(z);
  }
  mpq_set_si(out, k, 1);
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
  const ast *a = n->a;
  size_t nl = a->kind == N_CALL ? strcspn(E->src + a->start, "( \t") : 0;
  const char *fn = nl == 4 && strncmp(E->src + a->start, "sqrt", 4) == 0    ? "sqrt"
                   : nl == 4 && strncmp(E->src + a->start, "log2", 4) == 0  ? "log2"
                   : nl == 5 && strncmp(E->src + a->start, "log10", 5) == 0 ? "log10"
                                                                            : NULL;
  if (fn && a->nargs == 1) {
    qty q;
    qty_init(&q);
    st = eval_node(E, a->a, &q);
    if (!st && !q.n.inexact && dim_is_none(&q.d) && mpq_sgn(q.n.lo) > 0) {
      /* a few products and powers of q's size */
      if (!(st = eval_charge(E, n, 8 * num_work(&q.n, &q.n, true)))) {
        eval_round_exactly(out->n.lo, q.n.lo, fn, mode);
        if (num_is_point(&q.n)) mpq_set(out->n.hi, out->n.lo);
        else eval_round_exactly(out->n.hi, q.n.hi, fn, mode);
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
    if (num_round_sure(&out->n, &out->n, mode)) return DS_OK;
    if (stale)
      return err_set(E->e, DS_E_LIMIT, n->start, n->end, "%s is undecided: the value is too close to %s to tell %s",
                     mode == 'f' ? "floor" : mode == 'c' ? "ceil" : "round",
                     mode == 'r' ? "halfway between two whole numbers" : "a whole number", eval_why(true));
    long whole = (long)mpz_sizeinbase(mpq_numref(out->n.hi), 2) - (long)mpz_sizeinbase(mpq_denref(out->n.hi), 2);
    long whole2 = (long)mpz_sizeinbase(mpq_numref(out->n.lo), 2) - (long)mpz_sizeinbase(mpq_denref(out->n.lo), 2);
    if (whole2 > whole) whole = whole2;
    if (E2.prec >= CTX_PRECISION_MAX && whole > CTX_PRECISION_MAX - 64)
      return err_set(E->e, DS_E_LIMIT, n->start, n->end,
                     "%s cannot be told: the whole part of the value has more bits than the precision limit (%ld bits)",
                     mode == 'f' ? "floor" : mode == 'c' ? "ceil" : "round", CTX_PRECISION_MAX);
    if (E2.prec >= CTX_PRECISION_MAX)
      return err_set(E->e, DS_E_LIMIT, n->start, n->end,
                     "%s is undecided: the value is too close to %s to tell at the precision limit (%ld bits)",
                     mode == 'f' ? "floor" : mode == 'c' ? "ceil" : "round",
                     mode == 'r' ? "halfway between two whole numbers" : "a whole number", CTX_PRECISION_MAX);
    /* enough bits for the integer part, and more */
    E2.prec = eval_more_prec(E2.prec, num_acc_bits(&out->n), whole + 64);
    long before = eval_err_of(&out->n, NULL);
    if ((st = eval_node(&E2, a, out))) return st;
    stale = eval_err_of(&out->n, NULL) >= before;
  }
}

EVAL_COLD static int eval_call(eval *E, const ast *n, qty *out) {
  /* n->end covers the arguments: find the name's own length. */
  size_t nl = 0;
  while (n->start + nl < n->end && E->src[n->start + nl] != '(' && E->src[n->start + nl] != ' ' &&
         E->src[n->start + nl] != '\t')
    nl++;
  int fi = eval_fn_index(E->src + n->start, nl);
  if (fi < 0) return err_set(E->e, DS_E_UNKNOWN, n->start, n->end, "unknown function");
  if (n->nargs < eval_fns[fi].min || n->nargs > eval_fns[fi].max)
    return err_set(E->e, DS_E_SYNTAX, n->start, n->end, "%s takes %zu argument%s", eval_fns[fi].name,
                   eval_fns[fi].min, eval_fns[fi].min == 1 ? "" : "s");
  int op = eval_fns[fi].op;
  if (op == F_GROWTH || op == F_PROJECT) return eval_growth_call(E, n, op, out);
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
  case F_ABS:
    num_abs(&out->n, &out->n);
    return DS_OK;
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
    if (mpq_sgn(out->n.lo) < 0)
      return err_set(E->e, DS_E_DOMAIN, n->start, n->end, "sqrt of a negative number");
    out->d = d;
    if ((st = eval_charge(E, n, num_work_fn(&out->n, E->prec, NUM_SQRT)))) return st;
    st = num_fn(&out->n, &out->n, NUM_SQRT, E->prec, E->maxbits);
    return st ? eval_numerr(E, st, n, "this square root") : DS_OK;
  }
  default: {
    if (!dim_is_none(&out->d))
      return err_set(E->e, DS_E_DIMENSION, n->start, n->end, "%s needs a plain number", fname);
    if (op != F_EXP && mpq_sgn(out->n.lo) <= 0)
      return err_set(E->e, DS_E_DOMAIN, n->start, n->end, "%s of zero or a negative number", fname);
    int f = op == F_LN ? NUM_LN : op == F_LOG10 ? NUM_LOG10 : op == F_LOG2 ? NUM_LOG2 : NUM_EXP;
    if ((st = eval_charge(E, n, num_work_fn(&out->n, E->prec, f)))) return st;
    st = num_fn(&out->n, &out->n, f, E->prec, E->maxbits);
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
  if (!units_lookup(&E->ctx->reg, "USD", 3, &m)) st = err_set(E->e, DS_E_UNKNOWN, n->start, n->end, "USD is not defined");
  else st = eval_unit_value(E, n, &m, &usd);
  if (!st && !dim_mul(&out->d, &out->d, &usd.d)) st = err_set(E->e, DS_E_LIMIT, n->start, n->end, "unit exponent too large");
  if (!st) st = eval_charge_op(E, n, &out->n, &usd.n, true);
  if (!st && (st = num_mul(&out->n, &out->n, &usd.n, E->maxbits))) st = eval_numerr(E, st, n, "this amount");
  qty_clear(&usd);
  return st;
}

static int eval_node(eval *E, const ast *n, qty *out) {
  if (E->ctx->cancel) return err_set(E->e, DS_E_CANCELLED, n->start, n->end, "cancelled");
  if (ast_is_binary(n->kind)) return eval_chain(E, n, out);
  int st;
  switch (n->kind) {
  case N_NUM:
    return eval_number(E, n, out);
  case N_NAME:
    return eval_name(E, n, out);
  case N_NEG:
    if ((st = eval_node(E, n->a, out))) return st;
    num_neg(&out->n, &out->n);
    return DS_OK;
  case N_PERCENT:
    if ((st = eval_node(E, n->a, out))) return st;
    return eval_percent(E, n, out);
  case N_POW:
    return eval_pow(E, n, out);
  case N_CALL:
    return eval_call(E, n, out);
  case N_DOLLAR:
    if ((st = eval_node(E, n->a, out))) return st;
    return eval_dollar(E, n, out);
  case N_NEWDIM:
    return err_set(E->e, DS_E_SYNTAX, n->start, n->end, "'!' declares a dimension only in a definitions file");
  default:
    return err_set(E->e, DS_E_SYNTAX, n->start, n->end, "internal error: unknown node");
  }
}

static void eval_init(eval *E, ds_ctx *ctx, const char *src, size_t len, err *e, eval_out *out) {
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
  long need = eval_bits_for(eval_digits_shown(ctx)) + 8;
  if (E->prec < need) E->prec = need < CTX_PRECISION_MAX ? need : CTX_PRECISION_MAX;
  E->out = out;
}

/* Checks the line itself: length, encoding. */
static int eval_check_line(ds_ctx *ctx, const char *src, size_t len, err *e) {
  if (len > (size_t)ctx->limits[DS_LIMIT_LINE])
    return err_set(e, DS_E_LIMIT, 0, 0, "line too long: %zu bytes (limit %ld)", len, ctx->limits[DS_LIMIT_LINE]);
  size_t bad = lex_check_encoding(src, len);
  if (bad) {
    unsigned char c = (unsigned char)src[bad - 1];
    if (c == 0) return err_set(e, DS_E_ENCODING, bad - 1, bad, "NUL byte in input");
    if (c < 0x80) return err_set(e, DS_E_ENCODING, bad - 1, bad, "control character 0x%02x in input", c);
    size_t k = lex_utf8_len(src + bad - 1, len - bad + 1);
    if (k)
      return err_set(e, DS_E_ENCODING, bad - 1, bad - 1 + k, "control character U+%04X in input",
                     k == 2 ? (unsigned)(((unsigned char)src[bad - 1] & 0x1f) << 6 | ((unsigned char)src[bad] & 0x3f))
                            : 0x2028u + ((unsigned char)src[bad + 1] == 0xa9));
    return err_set(e, DS_E_ENCODING, bad - 1, bad, "invalid UTF-8 in input");
  }
  return DS_OK;
}

/* The display text of a conversion target: as written, spaces collapsed,
 * and a unit word put in the singular or plural the value asks for. */
static char *eval_target_text(eval *E, const parse_stmt *st, const num *x) {
  const char *s = E->src + st->target_start;
  size_t len = st->target_end - st->target_start;
  const ast *t = st->target;
  units_match m;
  if (t->kind == N_NAME && eval_var(E, s, len) < 0 && units_lookup(&E->ctx->reg, s, len, &m) && m.word &&
      m.u->plural) {
    bool one = num_is_point(x) && mpq_cmp_ui(x->lo, 1, 1) == 0;
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
  char *r = malloc(len + 1);
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
  r[k] = 0;
  return r;
}

/* The text of an expression with long numbers grouped: "1400 TB" reads
 * "1,400 TB" in a sentence. */
static char *eval_grouped_text(const char *src, size_t start, size_t end) {
  size_t n = end - start, cap = 2 * n + 1;
  char *r = malloc(cap + 1);
  if (!r) return NULL;
  size_t k = 0, i = start;
  lex_state ls;
  lex_init(&ls, src, end);
  ls.pos = start;
  while (lex_next(&ls) == 0 && ls.tok.kind != TK_EOF) {
    while (i < ls.tok.start) r[k++] = src[i++];
    const char *t = src + ls.tok.start;
    size_t tl = ls.tok.end - ls.tok.start, id = 0;
    while (id < tl && t[id] >= '0' && t[id] <= '9') id++;
    bool plain = ls.tok.kind == TK_NUM && id >= 4 && (id == tl || t[id] == '.');
    for (size_t j = 0; j < tl; j++) {
      if (plain && j > 0 && j < id && (id - j) % 3 == 0) r[k++] = ',';
      r[k++] = t[j];
    }
    i = ls.tok.end;
    /* "4MB" reads "4 MB" */
    if (ls.tok.kind == TK_NUM && i < end && k < cap &&
        (((unsigned char)src[i] | 0x20) >= 'a' && ((unsigned char)src[i] | 0x20) <= 'z'))
      r[k++] = ' ';
  }
  while (i < end && k < cap) r[k++] = src[i++];
  r[k] = 0;
  return r;
}

/* Is this a plain quantity as one writes it: numbers and units joined by
 * juxtaposition, *, /, per, ^ with a number, $ and %? No variables. */
static bool eval_is_literal(const eval *E, const ast *n) {
  switch (n->kind) {
  case N_NUM:
    return true;
  case N_NAME:
    return eval_var(E, E->src + n->start, n->end - n->start) < 0 &&
           !(n->end - n->start == 3 && memcmp(E->src + n->start, "ans", 3) == 0) &&
           !(n->end - n->start == 1 && E->src[n->start] == '_');
  case N_JUX:
  case N_MUL:
    return eval_is_literal(E, n->a) && eval_is_literal(E, n->b);
  case N_DIV: /* "per GB", not "/ 3": a division by a number is arithmetic */
    return eval_is_literal(E, n->a) && eval_is_literal(E, n->b) && n->b->kind != N_NUM;
  case N_POW:
    return eval_is_literal(E, n->a) && n->b->kind == N_NUM;
  case N_NEG:
  case N_PERCENT:
  case N_DOLLAR:
    return eval_is_literal(E, n->a);
  default:
    return false;
  }
}

/* Fills the count wording of a conversion to an item or a variable. */
static bool eval_count(eval *E, const parse_stmt *st, eval_out *out) {
  const char *s = E->src + st->target_start;
  size_t len = st->target_end - st->target_start;
  if (st->target->kind != N_NAME) return true;
  ds_ctx *ctx = E->ctx;
  const char *size = NULL, *one = NULL;
  units_match m;
  char sing[3][128];
  long v = eval_var(E, s, len);
  if (v < 0 && units_lookup(&ctx->reg, s, len, &m) && !m.pf) {
    v = eval_var(E, m.u->word, strlen(m.u->word));
    if (v < 0 && (m.u->flags & UNIT_ITEM)) size = m.u->def, one = m.u->word;
  }
  if (v < 0 && !size) {
    size_t ns = eval_singulars(s, len, sing);
    for (size_t i = 0; i < ns && v < 0; i++) v = eval_var(E, sing[i], strlen(sing[i]));
  }
  if (v >= 0) {
    /* A variable reads as a count of things when it overrides a catalogue
     * item or is a data size (file = 2 MB); EUR = 1.08 USD stays a unit. */
    units_match im;
    const char *nm = ctx->vars[v].name;
    bool item = units_lookup(&ctx->reg, nm, strlen(nm), &im) && !im.pf && (im.u->flags & UNIT_ITEM);
    int info = units_find_dim(&ctx->reg, "information", 11);
    const dim *d = &ctx->vars[v].value.d;
    bool data = info >= 0 && d->e[info] == 1;
    for (int i = 0; i < DIM_MAX && data; i++)
      if (i != info && d->e[i]) data = false;
    if (!item && !data) return true;
    size = ctx->vars[v].text, one = nm;
  }
  if (!size) return true;
  out->count = true;
  out->count_size = buf_strndup(size, strlen(size));
  out->count_item = buf_strndup(one, strlen(one));
  /* "after to photos": say what "after" is. */
  long fv = st->expr->kind == N_NAME ? eval_var(E, E->src + st->expr->start, st->expr->end - st->expr->start) : -1;
  out->count_from = fv >= 0 ? buf_strndup(ctx->vars[fv].text, strlen(ctx->vars[fv].text))
                            : eval_grouped_text(E->src, st->expr->start, st->expr->end);
  return out->count_size && out->count_item && out->count_from;
}

/* Appends "N % high — holds" for the relative difference d = claim /
 * actual - 1 (a fraction): 2 significant figures of it (only the certain
 * ones of an inexact d; "within N %" when none is), the side and the
 * verdict word. */
static void eval_verdict(buf *b, const num *d) {
  num h, c;
  num_init(&h);
  num_init(&c);
  num_abs(&h, d);
  mpq_set_ui(c.lo, 100, 1);
  mpq_set_ui(c.hi, 100, 1);
  num_mul(&h, &h, &c, (size_t)1 << 40);
  int cd = format_certain(&h, 2);
  if (cd > 0) {
    format_sig(b, h.lo, cd, true, NULL);
    buf_printf(b, " %% %s", mpq_sgn(d->lo) >= 0 ? "high" : "low");
  } else {
    buf_puts(b, "within ");
    format_bound(b, &h);
    buf_puts(b, " %");
  }
  const char *v;
  mpq_set_ui(c.lo, 1, 1);
  if (mpq_cmp(h.lo, c.lo) <= 0) v = "holds";
  else if (mpq_set_ui(c.lo, 5, 1), mpq_cmp(h.lo, c.lo) <= 0) v = "close";
  else v = "off";
  buf_printf(b, " \xe2\x80\x94 %s", v);
  num_clear(&h);
  num_clear(&c);
}

/* d = p / q - 1, with the error bounds of inexact parts. */
static void eval_rel_diff(num *d, const num *p, const num *q) {
  num one;
  num_init(&one);
  num_set_si(&one, 1);
  if (num_div(d, p, q, (size_t)1 << 40) != DS_OK || num_sub(d, d, &one, (size_t)1 << 40) != DS_OK) num_set_si(d, 0);
  num_clear(&one);
}

/* The shown form of a quantity in its automatic unit ("2.86 MB"). */
static void eval_show(eval *E, buf *b, const qty *v, int digits) {
  eval_out o;
  eval_out_init(&o);
  qty_set(&o.v, v);
  format_out f;
  format_out_init(&f);
  ds_ctx tmp = *E->ctx; /* same registry; only the digits differ */
  tmp.limits[DS_LIMIT_DIGITS] = digits;
  if (format_result(&tmp, &o, &f) == DS_OK) {
    bool exact;
    buf nb;
    buf_init(&nb, 4096);
    int cd = format_certain(&f.x, digits);
    format_sig(&nb, f.x.lo, cd > 0 ? cd : 1, true, &exact);
    if (!exact || f.x.inexact) buf_puts(b, "\xe2\x89\x88 ");
    if (nb.s) buf_puts(b, nb.s);
    buf_free(&nb);
    if (f.unit[0]) buf_printf(b, " %s", f.unit);
  }
  format_out_clear(&f);
  eval_out_clear(&o);
}

/* check A = B: does the claim hold? For "N items", the size per item it
 * implies, against the catalogue and both readings of KB..YB; otherwise
 * the actual ratio and how far off the claim is. */
static int eval_check(eval *E, const parse_stmt *st, eval_out *out) {
  const ast *B = st->target;
  qty a, b, a2, n, sz, sz2, x;
  qty_init(&a), qty_init(&b), qty_init(&a2), qty_init(&n), qty_init(&sz), qty_init(&sz2), qty_init(&x);
  buf t;
  buf_init(&t, 1 << 16);
  num d;
  num_init(&d);
  int s = eval_node(E, st->expr, &a);
  if (!s) s = eval_node(E, B, &b);
  if (!s && !dim_eq(&a.d, &b.d)) s = eval_dimerr(E, B, "compare", &a, &b);
  if (!s && (!num_is_point(&a.n) || !num_is_point(&b.n) || num_is_zero(&a.n) || num_is_zero(&b.n)))
    s = err_set(E->e, DS_E_DOMAIN, st->expr->start, B->end, "check needs two single nonzero values");
  /* An inexact side is evaluated again at higher precisions until the
   * three digits of the verdict are certain (the rest of the check uses
   * the precision reached). */
  long need = eval_bits_for(3), have;
  bool stale = false;
  while (!s && (have = eval_acc2(&a.n, &b.n)) < need && E->prec < CTX_PRECISION_MAX && !stale) {
    long before = eval_err_of(&a.n, &b.n);
    E->prec = eval_more_prec(E->prec, have, need);
    s = eval_node(E, st->expr, &a);
    if (!s) s = eval_node(E, B, &b);
    stale = !s && eval_err_of(&a.n, &b.n) >= before;
  }
  if (!s && eval_acc2(&a.n, &b.n) < need)
    s = err_set(E->e, DS_E_LIMIT, st->expr->start, B->end,
                "check cannot tell: fewer than three digits of its sides are certain %s", eval_why(stale));
  if (s) goto out;
  char *from = eval_grouped_text(E->src, st->expr->start, st->expr->end);
  char *claim = eval_grouped_text(E->src, st->target_start, st->target_end);
  const ast *item = (B->kind == N_JUX || B->kind == N_MUL) && B->b->kind == N_NAME ? B->b : NULL;
  parse_stmt tst = *st;
  if (item) {
    tst.target = (ast *)item; /* read only: eval_count looks at its kind and span */
    tst.target_start = item->start;
    tst.target_end = item->end;
  }
  if (item && eval_count(E, &tst, out) && out->count) {
    /* (a) a count of items: the size per item the claim implies. */
    eval E2 = *E;
    E2.binary = !E->binary;
    E2.out = NULL;
    s = eval_node(E, B->a, &n);
    if (!s) s = eval_node(E, item, &sz);
    if (!s) s = eval_node(&E2, st->expr, &a2);
    if (!s) s = eval_node(&E2, item, &sz2);
    if (!s && (!dim_is_none(&n.d) || num_sign(&n.n) != 1))
      s = err_set(E->e, DS_E_DOMAIN, B->a->start, B->a->end, "the count must be a positive number");
    if (!s) s = eval_charge_op(E, B, &a.n, &n.n, true);
    if (!s) s = eval_charge_op(E, B, &a2.n, &n.n, true);
    if (!s) s = eval_charge(E, B, 2 * format_work(&a.n));
    if (!s) {
      num_div(&x.n, &a.n, &n.n, E->maxbits);
      x.d = a.d;
      x.pref = 'B';
      buf_printf(&t, "%s = %s implies ", from, claim);
      eval_show(E, &t, &x, 3);
      buf_printf(&t, " per %s", out->count_item);
      qty_set(&out->v, &x); /* the value of a check is the implied size */
      num_div(&x.n, &a2.n, &n.n, E->maxbits);
      bool differs = !mpq_equal(x.n.lo, out->v.n.lo);
      if (differs) {
        buf_puts(&t, " (");
        eval_show(E, &t, &x, 3);
        buf_printf(&t, " if read as %s)", E->binary ? "decimal" : "1024-based");
      }
      buf_printf(&t, ". The assumed %s is %s", out->count_item, out->count_size);
      units_match m;
      const char *nm = out->count_item;
      err ignored; /* a built-in item's range resolved on first use: it cannot fail */
      if (units_lookup(&E->ctx->reg, nm, strlen(nm), &m) && !m.pf && m.u->item && m.u->item->range &&
          defs_item_ready(E->ctx, m.index, &ignored) == DS_OK) {
        const unit_item *it = E->ctx->reg.units[m.index].item;
        bool inside = mpq_cmp(out->v.n.lo, it->low.n.lo) >= 0 && mpq_cmp(out->v.n.lo, it->high.n.hi) <= 0;
        buf_printf(&t, " (plausible range %s): the implied size is %s it", it->range, inside ? "inside" : "outside");
      }
      /* The count at the assumed size, in each reading. */
      for (int r = 0; r < (differs ? 2 : 1) && !s; r++) {
        const num *ar = r ? &a2.n : &a.n, *sr = r ? &sz2.n : &sz.n;
        if ((s = eval_charge_op(E, B, ar, sr, true)) || (s = eval_charge(E, B, 2 * format_work(ar)))) break;
        num c;
        num_init(&c);
        num_div(&c, ar, sr, E->maxbits);
        eval_rel_diff(&d, &n.n, &c);
        if (r == 0) buf_printf(&t, ". At %s per %s the count is ", out->count_size, out->count_item);
        else buf_printf(&t, "; read as %s, ", E->binary ? "decimal" : "1024-based");
        format_newsroom(&t, c.lo, c.inexact, true);
        buf_puts(&t, ": the claim is ");
        eval_verdict(&t, &d);
        num_clear(&c);
      }
      buf_putc(&t, '.');
    }
  } else {
    /* (b) a ratio: "1,400 TB is 3.5 × 400 TB; the claim is 14 % low". */
    free(out->count_from), free(out->count_size), free(out->count_item);
    out->count_from = out->count_size = out->count_item = NULL;
    out->count = false;
    const ast *k = B->kind == N_MUL ? B->a : NULL;
    qty kq, c;
    qty_init(&kq);
    qty_init(&c);
    /* k and B->b are parts of B, already evaluated once: only the work
     * limit or a cancellation can stop them now. */
    int ks = k ? eval_node(E, k, &kq) : DS_OK;
    bool ratio = k && !ks && dim_is_none(&kq.d) && num_is_point(&kq.n) && !num_is_zero(&kq.n);
    if (ratio) ks = eval_node(E, B->b, &c);
    ratio = ratio && !ks && dim_eq(&c.d, &a.d) && !num_contains_zero(&c.n);
    if (!ks) ks = eval_charge_op(E, B, &a.n, ratio ? &c.n : &b.n, true);
    if (!ks) ks = eval_charge_op(E, B, &a.n, ratio ? &kq.n : &b.n, true);
    if (!ks) ks = eval_charge(E, B, 2 * format_work(&a.n));
    if (ks) {
      s = ks;
    } else if (ratio) {
      num_div(&x.n, &a.n, &c.n, E->maxbits);
      char *ctext = eval_grouped_text(E->src, B->b->start, B->b->end);
      buf_printf(&t, "%s is ", from);
      int cd = format_certain(&x.n, 3);
      format_sig(&t, x.n.lo, cd > 0 ? cd : 1, true, NULL);
      buf_printf(&t, " \xc3\x97 %s; the claim (", ctext ? ctext : "");
      cd = format_certain(&kq.n, 3);
      format_sig(&t, kq.n.lo, cd > 0 ? cd : 1, true, NULL);
      buf_puts(&t, " \xc3\x97) is ");
      free(ctext);
      eval_rel_diff(&d, &kq.n, &x.n);
    } else if (mpq_equal(a.n.lo, b.n.lo)) {
      num_set_si(&x.n, 1);
      buf_printf(&t, "%s equals %s; the claim is ", from, claim);
      num_set_si(&d, 0);
    } else {
      num_div(&x.n, &a.n, &b.n, E->maxbits);
      buf_printf(&t, "%s is ", from);
      int cd = format_certain(&x.n, 3);
      format_sig(&t, x.n.lo, cd > 0 ? cd : 1, true, NULL);
      buf_printf(&t, " \xc3\x97 %s; the claim is ", claim);
      eval_rel_diff(&d, &b.n, &a.n);
    }
    if (!s) {
      eval_verdict(&t, &d);
      buf_putc(&t, '.');
      qty_set(&out->v, &x);
      dim_clear(&out->v.d);
    }
    qty_clear(&kq);
    qty_clear(&c);
  }
  free(from);
  free(claim);
  if (!s) {
    out->check_text = buf_take(&t);
    if (!out->check_text) s = err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory");
  }
out:
  buf_free(&t);
  num_clear(&d);
  qty_clear(&a), qty_clear(&b), qty_clear(&a2), qty_clear(&n), qty_clear(&sz), qty_clear(&sz2), qty_clear(&x);
  return s;
}

/* "reset" forgets every variable; "reset NAME" one of them, so a
 * catalogue item is back to its catalogue value. */
static int eval_reset(eval *E, const parse_stmt *st, eval_out *out) {
  ds_ctx *ctx = E->ctx;
  const char *s = E->src + st->name_start;
  size_t len = st->name_end - st->name_start;
  buf b;
  buf_init(&b, 4096);
  if (len == 0) {
    size_t n = ctx->nvars;
    while (ctx->nvars) ctx_unset_var(ctx, ctx->vars[0].name, strlen(ctx->vars[0].name));
    buf_printf(&b, "reset: %zu name%s forgotten; the catalogue values apply", n, n == 1 ? "" : "s");
  } else {
    if (!ctx_unset_var(ctx, s, len)) {
      buf_free(&b);
      return err_set(E->e, DS_E_UNKNOWN, st->name_start, st->name_end, "nothing to reset: '%.*s' was not set",
                     (int)len, s);
    }
    units_match m;
    if (units_lookup(&ctx->reg, s, len, &m) && !m.pf)
      buf_printf(&b, "%.*s is back to %s", (int)len, s, m.u->def);
    else
      buf_printf(&b, "%.*s forgotten", (int)len, s);
  }
  out->message = buf_take(&b);
  return out->message ? DS_OK : err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory");
}

/* Evaluates the value (and target) of a parsed line with the current
 * E->binary; v = value in base units, f = target factor when converting. */
static int eval_stmt_value(eval *E, const parse_stmt *st, qty *v, qty *f) {
  int s = eval_node(E, st->expr, v);
  if (s || st->conv != CONV_UNIT) return s;
  if ((s = eval_node(E, st->target, f))) return s;
  if (num_contains_zero(&f->n))
    return err_set(E->e, DS_E_DOMAIN, st->target_start, st->target_end,
                   num_is_zero(&f->n) ? "cannot convert to a zero quantity" : "cannot convert to a range that includes zero");
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

/* Charges the writing of the result before it happens (format.c, ctx.c
 * and explain.c have no budget of their own): its roundings, the note of
 * the other reading, and the strings of all its digits (--exact, the
 * derivation, the exact value kept for JSON). */
static int eval_charge_output(eval *E, const parse_stmt *st, const eval_out *out) {
  const ds_ctx *ctx = E->ctx;
  const num *x = st->conv == CONV_UNIT ? &out->shown : &out->v.n;
  unsigned long long w = format_work(x) * (out->count ? 3 : 1);
  if (out->have_alt) w += 2 * format_work(st->conv == CONV_UNIT ? &out->alt_shown : &out->alt.n);
  if (out->item_range) w += 2 * format_work(&out->range_shown);
  for (int i = 0; i < out->neq; i++) w += format_work(&out->eq[i].count);
  if (out->growth) w += 3 * format_work(&out->g_factor) + format_work(&out->g_rate);
  if (ctx->explain) w += 4 * format_work(&out->v.n) + (st->conv == CONV_UNIT && !x->inexact ? 2 * format_work_digits(x) : 0);
  if (ctx->style == DS_STYLE_EXACT && !x->inexact) w += format_work_expansion(x);
  if (ctx->style == DS_STYLE_EXACT && out->have_alt && !out->alt.n.inexact)
    w += format_work_expansion(st->conv == CONV_UNIT ? &out->alt_shown : &out->alt.n);
  if (!x->inexact && !x->range && num_qbits(x->lo) <= CTX_EXACT_MAX_BITS) w += format_work_digits(x);
  return eval_charge(E, st->expr, w);
}

/* At the precision limit, a result may still lack digits (cancellation):
 * it is then shown with the digits that are certain and a note, but a
 * result with none certain is an error, as is one of fewer than three
 * when it is worded with three (a count, a growth rate, equivalents). */
static int eval_check_certain(eval *E, const parse_stmt *st, const eval_out *out) {
  const num *x = st->conv == CONV_UNIT ? &out->shown : out->growth ? &out->g_rate : &out->v.n;
  if (!x->inexact) return DS_OK;
  int want = eval_digits_shown(E->ctx), cd = format_certain(x, want);
  bool worded = out->count || out->growth || out->neq;
  if (cd >= (worded ? 3 : 1)) return DS_OK;
  buf b;
  buf_init(&b, 4096);
  format_bound(&b, x);
  const char *size = b.s ? b.s : "unknown";
  int s = cd ? err_set(E->e, DS_E_LIMIT, st->expr->start, st->expr->end,
                       "only %d significant digit%s of the result %s certain %s, too few to word it: its size is "
                       "at most %s",
                       cd, cd == 1 ? "" : "s", cd == 1 ? "is" : "are", eval_why(out->stale), size)
             : err_set(E->e, DS_E_LIMIT, st->expr->start, st->expr->end,
                       "no digit of the result is certain %s: its size is at most %s", eval_why(out->stale), size);
  buf_free(&b);
  return s;
}

int eval_line(ds_ctx *ctx, const char *src, size_t len, eval_out *out, err *e) {
  ctx->work = 0; /* each line has a work budget of its own */
  int s = eval_check_line(ctx, src, len, e);
  if (s) return s;
  /* The context's arena: parse trees of successive lines reuse its memory.
   * Definitions resolved while evaluating use arenas of their own. */
  ast_arena *ar = &ctx->arena;
  ast_arena_reset(ar);
  parse_stmt st;
  eval E;
  eval_init(&E, ctx, src, len, e, out);
  out->binary = ctx->binary;
  qty f;
  qty_init(&f);
  s = parse_line(&st, ar, src, len, (size_t)ctx->limits[DS_LIMIT_DEPTH], eval_is_fn, e);
  if (!s && st.check) {
    s = eval_check(&E, &st, out);
    goto done;
  }
  if (!s && st.reset) {
    s = eval_reset(&E, &st, out);
    goto done;
  }
  if (!s && st.assign && eval_is_fn(src + st.name_start, st.name_end - st.name_start))
    s = err_set(e, DS_E_SYNTAX, st.name_start, st.name_end, "cannot assign to the function '%.*s'",
                (int)(st.name_end - st.name_start), src + st.name_start);
  if (!s && st.assign && ((st.name_end - st.name_start == 3 && memcmp(src + st.name_start, "ans", 3) == 0) ||
                          (st.name_end - st.name_start == 1 && src[st.name_start] == '_')))
    s = err_set(e, DS_E_SYNTAX, st.name_start, st.name_end, "'ans' and '_' name the previous result");
  if (!s && st.assign && !st.expr) s = err_set(e, DS_E_SYNTAX, len, len, "expected a value after '='");
  if (!s && st.assign && st.expr->kind == N_NEWDIM) {
    /* "widget = !widget" declares a countable thing, as in a units file. */
    s = defs_load(ctx, src, len, "(session)", e);
    if (!s) {
      size_t nl = st.name_end - st.name_start;
      ast n = {N_NAME, st.name_start, st.name_end, NULL, NULL, NULL, 0};
      s = eval_name(&E, &n, &out->v);
      if (!s && !(out->name = malloc(nl + 1))) s = err_set(e, DS_E_NOMEM, 0, 0, "out of memory");
      if (!s) {
        memcpy(out->name, src + st.name_start, nl);
        out->name[nl] = 0;
      }
    }
    goto done;
  }
  if (!s) s = eval_stmt_value(&E, &st, &out->v, &f);
  /* An inexact value is evaluated again at a higher precision until it
   * has the digits it will be shown with (and some to spare), or the
   * precision limit is reached; then it shows only the digits that are
   * certain (format.c), or fails when that is not even one. */
  long need = eval_bits_for(eval_digits_shown(ctx)), have;
  const num *fn = st.conv == CONV_UNIT ? &f.n : NULL;
  while (!s && (have = eval_acc2(&out->v.n, fn)) < need && E.prec < CTX_PRECISION_MAX && !out->stale) {
    long before = eval_err_of(&out->v.n, fn);
    E.prec = eval_more_prec(E.prec, have, need);
    out->growth = false;
    s = eval_stmt_value(&E, &st, &out->v, &f);
    out->stale = !s && eval_err_of(&out->v.n, fn) >= before;
  }
  if (s) goto done;
  out->prec = E.prec;
  /* The growth wording is for a line that is just growth(...). */
  if (out->growth && !(st.conv == CONV_NONE && st.expr->kind == N_CALL && strncmp(src + st.expr->start, "growth", 6) == 0))
    out->growth = false;
  out->conv = st.conv;
  if (st.conv == CONV_EQUIV) {
    /* At most a division by a small size and two comparisons per item. */
    num one;
    num_init(&one);
    num_set_si(&one, 1);
    unsigned long long w = num_work(&out->v.n, &one, true);
    num_clear(&one);
    for (size_t i = 0; i < ctx->reg.nunits && !s; i++)
      if (ctx->reg.units[i].flags & UNIT_ITEM) s = eval_charge(&E, st.expr, 3 * w);
    if (s) goto done;
    out->neq = catalog_equivalents(ctx, &out->v, E.binary, out->eq, E.maxbits);
    out->count_from = eval_grouped_text(src, st.expr->start, st.expr->end);
    if (out->neq == 0) {
      s = err_set(e, DS_E_DIMENSION, st.expr->start, st.expr->end,
                  "no catalogue item to compare this with (equivalents are data sizes)");
      goto done;
    }
    for (int i = 0; i < out->neq; i++) {
      if (out->eq[i].var >= 0) {
        eval_note_var(&E, out->eq[i].var);
      } else if (out->nitems < EVAL_MAX_VARS) {
        out->items[out->nitems++] = out->eq[i].unit;
      }
    }
  }
  if (st.conv == CONV_UNIT) {
    if ((s = eval_charge(&E, st.target, num_work(&out->v.n, &f.n, true)))) goto done;
    if ((s = num_div(&out->shown, &out->v.n, &f.n, E.maxbits))) {
      s = eval_numerr(&E, s, st.expr, "this conversion");
      goto done;
    }
    out->unit_text = eval_target_text(&E, &st, &out->shown);
    if (out->unit_text && st.item_range) {
      /* "to photos range": the count over the catalogue's low .. high. */
      units_match m;
      const char *ts = src + st.target_start;
      size_t tl = st.target_end - st.target_start;
      if (st.target->kind != N_NAME || !units_lookup(&ctx->reg, ts, tl, &m) || m.pf || !m.u->item ||
          !m.u->item->range) {
        s = err_set(e, DS_E_UNKNOWN, st.target_start, st.target_end,
                    "'range' needs a catalogue item with a range, e.g. 1400 TB to photos range");
        goto done;
      }
      if ((s = defs_item_ready(ctx, m.index, e))) goto done;
      m.u = &ctx->reg.units[m.index];
      eval_out_extra(out);
      num span;
      num_init(&span);
      mpq_set(span.lo, m.u->item->low.n.lo);
      mpq_set(span.hi, m.u->item->high.n.hi);
      span.range = true;
      if (!(s = eval_charge_op(&E, st.target, &out->v.n, &span, true)) &&
          (s = num_div(&out->range_shown, &out->v.n, &span, E.maxbits)))
        s = eval_numerr(&E, s, st.expr, "this range");
      num_clear(&span);
      if (s) goto done;
      out->item_range = true;
      out->range_text = buf_strndup(m.u->item->range, strlen(m.u->item->range));
    }
    if (!out->unit_text || !eval_count(&E, &st, out)) {
      s = err_set(e, DS_E_NOMEM, 0, 0, "out of memory");
      goto done;
    }
  }
  /* The other reading of KB..YB, when the line used one (and someone will
   * read it: a warning, or the text of a count). */
  if (out->nlegacy && (!ctx->no_warnings || out->count)) {
    eval E2;
    err e2;
    err_clear(&e2);
    eval_init(&E2, ctx, src, len, &e2, NULL);
    E2.binary = !ctx->binary;
    E2.prec = E.prec; /* as many certain digits as this reading */
    qty f2;
    qty_init(&f2);
    int as = eval_stmt_value(&E2, &st, &out->alt, &f2);
    if (!as && st.conv == CONV_UNIT && !(as = eval_charge_op(&E2, st.target, &out->alt.n, &f2.n, true)))
      as = num_div(&out->alt_shown, &out->alt.n, &f2.n, E.maxbits);
    out->have_alt = as == DS_OK;
    qty_clear(&f2);
    /* The other reading may fail where this one did not (it is only a
     * note), but not for want of work or time: the note would be lost. */
    if (as == DS_E_CANCELLED || (as == DS_E_LIMIT && ctx->work > (unsigned long long)ctx->limits[DS_LIMIT_WORK] * 1000000ull)) {
      *e = e2;
      s = as;
      goto done;
    }
  }
  if ((s = eval_charge_output(&E, &st, out)) || (s = eval_check_certain(&E, &st, out))) goto done;
  if (st.assign) {
    size_t nl = st.name_end - st.name_start;
    out->name = malloc(nl + 1);
    if (!out->name || !ctx_set_var(ctx, src + st.name_start, nl, &out->v, src + st.expr->start,
                                   st.expr->end - st.expr->start)) {
      s = err_set(e, DS_E_NOMEM, 0, 0, "out of memory");
      goto done;
    }
    memcpy(out->name, src + st.name_start, nl);
    out->name[nl] = 0;
    /* "azure_hot = $0.018/GB/month" reads best as written. */
    if (st.conv == CONV_NONE && !dim_is_none(&out->v.d) && !out->v.n.range && st.expr->end - st.expr->start < 200 &&
        eval_is_literal(&E, st.expr))
      out->as_written = eval_grouped_text(src, st.expr->start, st.expr->end);
  }
  qty_set(&ctx->ans, &out->v);
  ctx->have_ans = true;
done:
  qty_clear(&f);
  ast_arena_reset(ar);
  return s;
}

/* One expression (no statement forms): definitions and unit strings. */
static int eval_expr_text(ds_ctx *ctx, const char *src, size_t len, bool defs, bool binary, qty *out,
                          eval_out *used, err *e) {
  int s = eval_check_line(ctx, src, len, e);
  if (s) return s;
  ast_arena ar;
  ast_arena_init(&ar);
  ast *root;
  eval E;
  eval_init(&E, ctx, src, len, e, used);
  E.defs = defs;
  E.binary = binary;
  s = parse_expr_only(&root, &ar, src, len, (size_t)ctx->limits[DS_LIMIT_DEPTH], eval_is_fn, e);
  if (!s) s = eval_node(&E, root, out);
  ast_arena_free(&ar);
  return s;
}

int eval_definition(ds_ctx *ctx, const char *src, size_t len, bool binary, qty *out, eval_out *used, err *e) {
  return eval_expr_text(ctx, src, len, true, binary, out, used, e);
}

int eval_unit(ds_ctx *ctx, const char *ustr, size_t len, qty *out, err *e) {
  return eval_expr_text(ctx, ustr, len, false, ctx->binary, out, NULL, e);
}
