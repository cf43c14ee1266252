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
#include "lex.h"

typedef struct {
  ds_ctx *ctx;
  const char *src;
  size_t len;
  err *e;
  bool defs;     /* evaluating a definition */
  bool binary;   /* reading of KB..YB in force */
  size_t maxbits;
  eval_out *out; /* what was used is recorded here (NULL for definitions) */
} eval;

enum { F_SQRT, F_LN, F_LOG10, F_LOG2, F_EXP, F_ABS, F_ROUND, F_FLOOR, F_CEIL, F_MIN, F_MAX };

static const struct {
  const char *name;
  int op;
  size_t min, max;
} eval_fns[] = {
    {"sqrt", F_SQRT, 1, 1},   {"ln", F_LN, 1, 1},       {"log10", F_LOG10, 1, 1},
    {"log2", F_LOG2, 1, 1},   {"exp", F_EXP, 1, 1},     {"abs", F_ABS, 1, 1},
    {"round", F_ROUND, 1, 1}, {"floor", F_FLOOR, 1, 1}, {"ceil", F_CEIL, 1, 1},
    {"min", F_MIN, 1, 1000},  {"max", F_MAX, 1, 1000},
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

void eval_out_clear(eval_out *o) {
  qty_clear(&o->v);
  qty_clear(&o->alt);
  num_clear(&o->shown);
  num_clear(&o->alt_shown);
  free(o->unit_text);
  free(o->name);
  free(o->count_from);
  free(o->count_size);
  free(o->count_item);
  free(o->message);
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
  if (!o || n->kind != N_NAME || o->nterms >= EVAL_MAX_TERMS || len >= sizeof o->terms[0].spelling) return;
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
static int eval_unit_value(eval *E, const ast *n, const units_match *m, qty *out) {
  ds_ctx *ctx = E->ctx;
  const unit *u = m->u;
  if (u->state != UNIT_READY) {
    int st = defs_resolve(ctx, m->index, E->e);
    if (st) return st;
    u = &ctx->reg.units[m->index];
  }
  qty_set(out, E->binary ? &u->value_bin : &u->value);
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
  if (m->pf) {
    mpq_t f;
    mpq_init(f);
    units_prefix_value(f, m, E->binary);
    mpq_mul(out->n.lo, out->n.lo, f);
    mpq_mul(out->n.hi, out->n.hi, f);
    mpq_clear(f);
  }
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

static int eval_name(eval *E, const ast *n, qty *out) {
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

static int eval_number(eval *E, const ast *n, qty *out) {
  size_t len = n->end - n->start;
  char *digits = malloc(len + 1);
  if (!digits) return err_set(E->e, DS_E_NOMEM, n->start, n->end, "out of memory");
  long exp10;
  long nd = lex_number_digits(E->src + n->start, len, digits, &exp10);
  int st = nd < 0 ? DS_E_LIMIT : num_from_decimal(out->n.lo, digits, (size_t)nd, exp10, E->maxbits);
  free(digits);
  if (st) return eval_numerr(E, st, n, "this number");
  mpq_set(out->n.hi, out->n.lo);
  out->n.range = out->n.inexact = false;
  dim_clear(&out->d);
  out->pref = 0;
  return DS_OK;
}

/* a <op> b for the binary operators; acc = a, result in acc. */
static int eval_apply(eval *E, const ast *n, qty *acc, qty *b) {
  int st = DS_OK;
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
       * over the endpoints of X with the widest P. */
      num p, t;
      num_init(&p);
      num_init(&t);
      mpq_abs(p.lo, b->n.lo);
      mpq_abs(p.hi, b->n.hi);
      if (mpq_cmp(p.lo, p.hi) > 0) mpq_set(p.hi, p.lo);
      mpq_t lo, hi, x, dx;
      mpq_inits(lo, hi, x, dx, NULL);
      for (int i = 0; i < 2; i++) {
        mpq_set(x, i ? acc->n.hi : acc->n.lo);
        mpq_abs(dx, x);
        mpq_mul(dx, dx, p.hi);
        mpq_sub(t.lo, x, dx);
        mpq_add(t.hi, x, dx);
        if (i == 0 || mpq_cmp(t.lo, lo) < 0) mpq_set(lo, t.lo);
        if (i == 0 || mpq_cmp(t.hi, hi) > 0) mpq_set(hi, t.hi);
      }
      mpq_set(acc->n.lo, lo);
      mpq_set(acc->n.hi, hi);
      acc->n.range = true;
      acc->n.inexact = acc->n.inexact || b->n.inexact;
      st = num_bits(&acc->n) > E->maxbits ? DS_E_LIMIT : DS_OK;
      mpq_clears(lo, hi, x, dx, NULL);
      num_clear(&p);
      num_clear(&t);
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
      mpq_set(dd.lo, d.hi);
      mpq_set(dd.hi, d.hi);
      st = num_sub(&lo, &acc->n, &dd, E->maxbits);
      if (!st) st = num_add(&hi, &acc->n, &dd, E->maxbits);
      if (!st) {
        mpq_set(acc->n.lo, lo.lo);
        mpq_set(acc->n.hi, hi.hi);
        acc->n.range = true;
        acc->n.inexact = acc->n.inexact || d.inexact;
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
static int eval_chain(eval *E, const ast *top, qty *out) {
  size_t cnt = 0;
  const ast *x = top;
  for (; ast_is_binary(x->kind); x = x->a) cnt++;
  const ast **stack = malloc(cnt * sizeof *stack);
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
  free(stack);
  return st;
}

static int eval_pow(eval *E, const ast *n, qty *out) {
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
    long k = mpz_fits_slong_p(mpq_numref(e.n.lo)) ? mpz_get_si(mpq_numref(e.n.lo))
                                                   : (mpz_even_p(mpq_numref(e.n.lo)) ? 2 : 1);
    if (!dim_pow(&out->d, &out->d, k)) {
      st = err_set(E->e, DS_E_LIMIT, n->start, n->end, "unit exponent too large (limit %d)", DIM_EXP_MAX);
      goto out;
    }
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
    st = num_pow_real(&out->n, &out->n, e.n.lo, 128, E->maxbits);
    if (st) st = eval_numerr(E, st, n, "this power");
    else out->d = d;
  }
out:
  qty_clear(&e);
  return st;
}

static int eval_call(eval *E, const ast *n, qty *out) {
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
      int want = op == F_MIN ? -1 : 1;
      if (mpq_cmp(b.n.lo, out->n.lo) * want > 0) mpq_set(out->n.lo, b.n.lo);
      if (mpq_cmp(b.n.hi, out->n.hi) * want > 0) mpq_set(out->n.hi, b.n.hi);
      out->n.range = out->n.range || b.n.range;
      out->n.inexact = out->n.inexact || b.n.inexact;
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
    num_round(&out->n, &out->n, op == F_ROUND ? 'r' : op == F_FLOOR ? 'f' : 'c');
    return DS_OK;
  case F_SQRT: {
    dim d;
    if (!dim_root(&d, &out->d, 2))
      return err_set(E->e, DS_E_DIMENSION, n->start, n->end, "sqrt of a unit that is not a square");
    if (mpq_sgn(out->n.lo) < 0)
      return err_set(E->e, DS_E_DOMAIN, n->start, n->end, "sqrt of a negative number");
    out->d = d;
    st = num_fn(&out->n, &out->n, NUM_SQRT, 128, E->maxbits);
    return st ? eval_numerr(E, st, n, "this square root") : DS_OK;
  }
  default: {
    if (!dim_is_none(&out->d))
      return err_set(E->e, DS_E_DIMENSION, n->start, n->end, "%s needs a plain number", fname);
    if (op != F_EXP && mpq_sgn(out->n.lo) <= 0)
      return err_set(E->e, DS_E_DOMAIN, n->start, n->end, "%s of zero or a negative number", fname);
    int f = op == F_LN ? NUM_LN : op == F_LOG10 ? NUM_LOG10 : op == F_LOG2 ? NUM_LOG2 : NUM_EXP;
    st = num_fn(&out->n, &out->n, f, 128, E->maxbits);
    return st ? eval_numerr(E, st, n, "this function") : DS_OK;
  }
  }
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
  case N_PERCENT: {
    if ((st = eval_node(E, n->a, out))) return st;
    num h;
    num_init(&h);
    mpq_set_ui(h.lo, 1, 100);
    mpq_set_ui(h.hi, 1, 100);
    st = num_mul(&out->n, &out->n, &h, E->maxbits);
    num_clear(&h);
    return st ? eval_numerr(E, st, n, "this percentage") : DS_OK;
  }
  case N_POW:
    return eval_pow(E, n, out);
  case N_CALL:
    return eval_call(E, n, out);
  case N_DOLLAR: {
    if ((st = eval_node(E, n->a, out))) return st;
    units_match m;
    qty usd;
    qty_init(&usd);
    if (!units_lookup(&E->ctx->reg, "USD", 3, &m)) st = err_set(E->e, DS_E_UNKNOWN, n->start, n->end, "USD is not defined");
    else st = eval_unit_value(E, n, &m, &usd);
    if (!st && !dim_mul(&out->d, &out->d, &usd.d)) st = err_set(E->e, DS_E_LIMIT, n->start, n->end, "unit exponent too large");
    if (!st) st = num_mul(&out->n, &out->n, &usd.n, E->maxbits);
    qty_clear(&usd);
    return st;
  }
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
static char *eval_target_text(eval *E, const parse_stmt *st, const qty *x) {
  const char *s = E->src + st->target_start;
  size_t len = st->target_end - st->target_start;
  const ast *t = st->target;
  units_match m;
  if (t->kind == N_NAME && eval_var(E, s, len) < 0 && units_lookup(&E->ctx->reg, s, len, &m) && m.word &&
      m.u->plural) {
    bool one = num_is_point(&x->n) && mpq_cmp_ui(x->n.lo, 1, 1) == 0;
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

static char *eval_dup(const char *s, size_t n) {
  char *d = malloc(n + 1);
  if (d) {
    memcpy(d, s, n);
    d[n] = 0;
  }
  return d;
}

/* The text of an expression with long numbers grouped: "1400 TB" reads
 * "1,400 TB" in a sentence. */
static char *eval_grouped_text(const char *src, size_t start, size_t end) {
  size_t n = end - start, cap = n + n / 3 + 1;
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
  }
  while (i < end && k < cap) r[k++] = src[i++];
  r[k] = 0;
  return r;
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
  out->count_size = eval_dup(size, strlen(size));
  out->count_item = eval_dup(one, strlen(one));
  /* "after to photos": say what "after" is. */
  long fv = st->expr->kind == N_NAME ? eval_var(E, E->src + st->expr->start, st->expr->end - st->expr->start) : -1;
  out->count_from = fv >= 0 ? eval_dup(ctx->vars[fv].text, strlen(ctx->vars[fv].text))
                            : eval_grouped_text(E->src, st->expr->start, st->expr->end);
  return out->count_size && out->count_item && out->count_from;
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
                   (int)(st->target_end - st->target_start > 60 ? 60 : st->target_end - st->target_start),
                   E->src + st->target_start);
  }
  return DS_OK;
}

int eval_line(ds_ctx *ctx, const char *src, size_t len, eval_out *out, err *e) {
  int s = eval_check_line(ctx, src, len, e);
  if (s) return s;
  ast_arena ar;
  ast_arena_init(&ar);
  parse_stmt st;
  eval E;
  eval_init(&E, ctx, src, len, e, out);
  out->binary = ctx->binary;
  qty f;
  qty_init(&f);
  s = parse_line(&st, &ar, src, len, (size_t)ctx->limits[DS_LIMIT_DEPTH], eval_is_fn, e);
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
  if (s) goto done;
  out->conv = st.conv;
  if (st.conv == CONV_EQUIV) {
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
    if ((s = num_div(&out->shown, &out->v.n, &f.n, E.maxbits))) {
      s = eval_numerr(&E, s, st.expr, "this conversion");
      goto done;
    }
    qty x;
    qty_init(&x);
    num_set(&x.n, &out->shown);
    out->unit_text = eval_target_text(&E, &st, &x);
    qty_clear(&x);
    if (!out->unit_text || !eval_count(&E, &st, out)) {
      s = err_set(e, DS_E_NOMEM, 0, 0, "out of memory");
      goto done;
    }
  }
  /* The other reading of KB..YB, when the line used one. */
  if (out->nlegacy) {
    eval E2;
    err e2;
    err_clear(&e2);
    eval_init(&E2, ctx, src, len, &e2, NULL);
    E2.binary = !ctx->binary;
    qty f2;
    qty_init(&f2);
    if (eval_stmt_value(&E2, &st, &out->alt, &f2) == DS_OK) {
      out->have_alt = st.conv != CONV_UNIT || num_div(&out->alt_shown, &out->alt.n, &f2.n, E.maxbits) == DS_OK;
    }
    qty_clear(&f2);
  }
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
  }
  qty_set(&ctx->ans, &out->v);
  ctx->have_ans = true;
done:
  qty_clear(&f);
  ast_arena_free(&ar);
  return s;
}

int eval_definition(ds_ctx *ctx, const char *src, size_t len, bool binary, qty *out, eval_out *used, err *e) {
  int s = eval_check_line(ctx, src, len, e);
  if (s) return s;
  ast_arena ar;
  ast_arena_init(&ar);
  ast *root;
  eval E;
  eval_init(&E, ctx, src, len, e, used);
  E.defs = true;
  E.binary = binary;
  s = parse_expr_only(&root, &ar, src, len, (size_t)ctx->limits[DS_LIMIT_DEPTH], eval_is_fn, e);
  if (!s) s = eval_node(&E, root, out);
  ast_arena_free(&ar);
  return s;
}

int eval_unit(ds_ctx *ctx, const char *ustr, size_t len, qty *out, err *e) {
  int s = eval_check_line(ctx, ustr, len, e);
  if (s) return s;
  ast_arena ar;
  ast_arena_init(&ar);
  ast *root;
  eval E;
  eval_init(&E, ctx, ustr, len, e, NULL);
  s = parse_expr_only(&root, &ar, ustr, len, (size_t)ctx->limits[DS_LIMIT_DEPTH], eval_is_fn, e);
  if (!s) s = eval_node(&E, root, out);
  ast_arena_free(&ar);
  return s;
}
