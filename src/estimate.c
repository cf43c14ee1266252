/*
 * estimate.c -- the estimates growth(FROM, TO, OVER) and project(Q, RATE, T).
 *
 * They are functions of the language, but they look at how their arguments
 * are written ("6 months" is six periods of a month; a rate is written
 * r/PERIOD or growth(...)), so they evaluate their own arguments with the
 * walker. The walker reaches them through the hook eval_env.estimate; a
 * line that is just growth(...) is run by estimate_growth_line, which keeps
 * the parts of its sentence (the period as written: word.c words it).
 *
 * Both compound over time: a period, a rate's period and a duration must be
 * times (growth(400 TB, 1400 TB, 6) is an error, not six periods of the
 * number 1), and each records what it assumed (eval_used.assumed) for the
 * line's note.
 */
#include "estimate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "lex.h"
#include "real.h"
#include "quote.h"

/* Is d a time, the dimension of the second? */
static bool estimate_is_time(const eval *E, const dim *d) {
  int t = units_find_dim(&E->ctx->reg, "time", 4);
  if (t < 0) return false;
  for (int i = 0; i < DIM_MAX; i++)
    if (d->e[i] != (i == t ? 1 : 0)) return false;
  return true;
}

/* "WANT: '6' is a plain number", at n. */
static int estimate_not_time(eval *E, const ast *n, const dim *d, const char *want) {
  char dn[96];
  units_dim_name(&E->ctx->reg, d, dn, sizeof dn);
  char *t = quote_input(E->src, E->len, n->start, n->end, E->decimal_comma);
  int st = err_set(E->e, DS_E_DIMENSION, n->start, n->end, "%s: '%.*s' is %s", want,
                   t ? (int)lex_utf8_cut(t, strlen(t), 40) : 0, t ? t : "", dn);
  free(t);
  return st;
}

/* Records what the estimate called at n assumed, for the line's note: the
 * last one to finish (the outermost) is the one said. `g` holds growth's
 * parts; for project() it is NULL. Out of memory, the note is lost, never
 * the result. */
static void estimate_assumed(eval *E, const ast *n, const estimate_growth *g) {
  if (!E->used) return;
  eval_assumed *a = &E->used->assumed;
  free(a->period), free(a->over), free(a->rate);
  memset(a, 0, sizeof *a);
  const ast *last = n->a->next->next; /* OVER, or T */
  a->over = quote_input(E->src, E->len, last->start, last->end, E->decimal_comma);
  if (g) {
    a->op = F_GROWTH;
    a->period = g->period ? buf_strndup(g->period, strlen(g->period)) : NULL;
    a->bare = g->bare;
    a->range = !num_is_point(&g->factor);
  } else {
    const ast *rt = n->a->next;
    a->op = F_PROJECT;
    a->rate = quote_input(E->src, E->len, rt->start, rt->end, E->decimal_comma);
    a->by_growth = eval_call_op(E, rt) == F_GROWTH;
  }
  if (!a->over || (g && g->period && !a->period) || (!g && !a->rate)) a->op = 0;
}

void estimate_growth_init(estimate_growth *g) {
  num_init(&g->factor);
  num_init(&g->rate);
  num_init(&g->periods);
  g->period = NULL;
  g->bare = false;
}

void estimate_growth_clear(estimate_growth *g) {
  num_clear(&g->factor);
  num_clear(&g->rate);
  num_clear(&g->periods);
  free(g->period);
  g->period = NULL;
}

/* OVER of growth(): "6 months" is 6 periods of a month; a bare unit is
 * one period; anything else is one period of itself. */
static int estimate_period(eval *E, const ast *over, qty *periods, qty *period, estimate_growth *g) {
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
  if (!estimate_is_time(E, &period->d))
    return estimate_not_time(E, over, &period->d, "the period must be a time, such as 6 months or 1 year");
  if (!num_is_point(&period->n) || num_sign(&period->n) != 1)
    return err_set(E->e, DS_E_DOMAIN, over->start, over->end, "the period must be a single positive quantity");
  if (g) { /* how the period is written: a name, or an expression (one period of itself) */
    g->bare = pn->kind != N_NAME;
    g->period = g->bare ? quote_input(E->src, E->len, pn->start, pn->end, E->decimal_comma)
                        : buf_strndup(E->src + pn->start, pn->end - pn->start);
    if (!g->period) return err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory");
  }
  return DS_OK;
}

/* growth(FROM, TO, OVER): factor = TO/FROM, rate = factor^(1/periods) - 1. */
static int estimate_growth_parts(eval *E, const ast *call, num *factor, num *rate, qty *periods, qty *period,
                                 estimate_growth *g) {
  const ast *a = call->a, *b = a->next, *c = b->next;
  qty from, to;
  qty_init(&from);
  qty_init(&to);
  int st = eval_node(E, a, &from);
  if (!st) st = eval_node(E, b, &to);
  if (!st && !dim_eq(&from.d, &to.d)) st = eval_dimerr(E, call, "compare", &from, &to);
  if (!st && (num_sign(&from.n) != 1 || num_sign(&to.n) != 1))
    st = err_set(E->e, DS_E_DOMAIN, call->start, call->end, "growth needs two positive quantities");
  if (!st && !(st = eval_charge_op(E, call, &to.n, &from.n, true)) &&
      (st = num_div(factor, &to.n, &from.n, E->maxbits)))
    st = eval_numerr(E, st, call, "this growth rate");
  if (!st) st = estimate_period(E, c, periods, period, g);
  if (!st) {
    num one;
    num_init(&one);
    num_set_si(&one, 1);
    if (mpq_cmp_ui(periods->n.lo, 1, 1) == 0) {
      if (!(st = eval_charge_op(E, call, factor, &one, false)) && (st = num_sub(rate, factor, &one, E->maxbits)))
        st = eval_numerr(E, st, call, "this growth rate");
    } else if (!(st = eval_charge(E, call, real_work_fn(factor, E->prec, -1)))) {
      mpq_t inv;
      mpq_init(inv);
      mpq_inv(inv, periods->n.lo);
      st = real_pow(rate, factor, inv, E->prec, E->maxbits);
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
static int estimate_project_factor(eval *E, const ast *n, num *g, const num *k) {
  int st;
  long m;
  if (num_is_integer(k) && eval_exponent(mpq_numref(k->lo), &m)) {
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
    if (!(st = eval_charge(E, n, real_work_fn(&h, E->prec, -1)))) {
      if ((st = real_pow(&h, &h, k->lo, E->prec, E->maxbits))) {
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
  if ((st = eval_charge(E, n, real_work_fn(g, E->prec, -1)))) return st;
  st = real_pow(g, g, k->lo, E->prec, E->maxbits);
  return st ? eval_numerr(E, st, n, "this projection") : DS_OK;
}

/* growth() or project() into out; `parts` (may be NULL) keeps the parts
 * of growth(). */
static int estimate_run(eval *E, const ast *n, int op, qty *out, estimate_growth *parts) {
  qty periods, period;
  qty_init(&periods);
  qty_init(&period);
  num rate, factor;
  num_init(&rate);
  num_init(&factor);
  int st;
  estimate_growth local; /* the parts, for the note, when the caller keeps none */
  estimate_growth_init(&local);
  if (op == F_GROWTH) {
    if (!parts) parts = &local;
    st = estimate_growth_parts(E, n, &factor, &rate, &periods, &period, parts);
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
      if (!st) {
        num_set(&parts->factor, &factor);
        num_set(&parts->rate, &rate);
        num_set(&parts->periods, &periods.n);
        estimate_assumed(E, n, parts);
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
      st = estimate_growth_parts(E, rt, &factor, &rate, &periods, &period, NULL);
      if (!st) num_set(&r.n, &rate);
    } else if (rt->kind == N_DIV) {
      st = eval_node(E, rt->a, &r);
      if (!st && !dim_is_none(&r.d))
        st = err_set(E->e, DS_E_DIMENSION, rt->a->start, rt->a->end,
                     "a rate is a plain number or percentage per period");
      if (!st) st = eval_node(E, rt->b, &period);
      if (!st && !estimate_is_time(E, &period.d))
        st = estimate_not_time(E, rt->b, &period.d, "the rate's period must be a time, as in 23.2%/month");
      /* A rate per negative period, or per a range of periods (whose ends
       * the power below would not follow), means nothing. */
      if (!st && (!num_is_point(&period.n) || num_sign(&period.n) != 1))
        st = err_set(E->e, DS_E_DOMAIN, rt->b->start, rt->b->end,
                     "the rate's period must be a single positive quantity");
    } else {
      st =
          err_set(E->e, DS_E_SYNTAX, rt->start, rt->end, "write the rate per period, e.g. 23.2%%/month or growth(...)");
    }
    if (!st) st = eval_node(E, q, out);
    if (!st) st = eval_node(E, t, &tq);
    if (!st && !estimate_is_time(E, &tq.d))
      st = estimate_not_time(E, t, &tq.d, "the duration must be a time, such as 12 months");
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
      st =
          err_set(E->e, DS_E_DOMAIN, rt->start, rt->end, "a rate below -100 %% a period would leave less than nothing");
    else if (!st && mpq_sgn(g.lo) == 0 && mpq_sgn(k.lo) < 0)
      st = err_set(E->e, DS_E_DOMAIN, t->start, t->end,
                   "a decline of 100 %% leaves nothing: it cannot be projected back in time");
    if (!st) st = estimate_project_factor(E, n, &g, &k);
    if (!st && !(st = eval_charge_op(E, n, &out->n, &g, true)) && (st = num_mul(&out->n, &out->n, &g, E->maxbits)))
      st = eval_numerr(E, st, n, "this projection");
    if (!st) estimate_assumed(E, n, NULL);
    num_clear(&g);
    num_clear(&k);
    qty_clear(&r);
    qty_clear(&tq);
  }
  num_clear(&rate);
  num_clear(&factor);
  qty_clear(&periods);
  qty_clear(&period);
  estimate_growth_clear(&local);
  return st;
}

int estimate_call(eval *E, const ast *n, int op, qty *out) { return estimate_run(E, n, op, out, NULL); }

int estimate_growth_line(eval *E, const ast *n, qty *out, estimate_growth *g) {
  return estimate_run(E, n, F_GROWTH, out, g);
}
