/* SPDX-License-Identifier: LGPL-3.0-or-later */
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
 * growth() is a compound rate; project() compounds by default, and grows
 * linearly (the same change each period) when asked with a fourth argument,
 * `linear`, or when its rate is a change per period (100 TB/month). A
 * period, a rate's period and a duration must be times (growth(400 TB,
 * 1400 TB, 6) is an error, not six periods of the number 1), and each
 * records what it assumed (eval_used.assumed) for the line's note and, when
 * explaining, its working: the formula with its numbers, in the period the
 * user wrote.
 */
#include "estimate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "autounit.h"
#include "buf.h"
#include "format.h"
#include "lex.h"
#include "real.h"
#include "quote.h"

/* Is d a time, the dimension of the second? */
static bool estimate_is_time(const eval *E, const dim *d) {
  int t = units_std_dim(&E->ctx->reg, UNITS_DIM_TIME);
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
static void estimate_assumed(eval *E, const ast *n, const estimate_growth *g, bool linear, bool of_start) {
  if (!E->used) return;
  eval_assumed *a = &E->used->assumed;
  char *working = a->working; /* the working of every estimate is kept */
  bool mixed = a->mixed || (a->op == F_PROJECT && !g && a->linear != linear);
  free(a->period), free(a->over), free(a->rate);
  memset(a, 0, sizeof *a);
  a->working = working;
  a->mixed = mixed;
  a->linear = linear;
  a->of_start = of_start;
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
                                 estimate_growth *g, qty *change) {
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
  if (!st && change) { /* TO - FROM, for a linear projection */
    change->d = from.d;
    change->pref = 0;
    if (!(st = eval_charge_op(E, call, &to.n, &from.n, false)) &&
        (st = num_sub(&change->n, &to.n, &from.n, E->maxbits)))
      st = eval_numerr(E, st, call, "this growth");
  }
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
  if (num_is_integer(k) && num_exponent(mpq_numref(k->lo), &m)) {
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

/* The working shown by --explain: kept only when explaining, in the
 * value's record. */
static bool estimate_working_on(const eval *E) { return E->used && E->ctx->explain; }

/* Appends the lines of w to the working of the value (a line each, every
 * estimate of the value in turn, at most about 16 KB). Out of memory, the
 * working is lost, never the result. */
static void estimate_keep_working(eval *E, buf *w) {
  if (!estimate_working_on(E) || !w->s || !w->len || w->failed) return;
  char **keep = &E->used->assumed.working;
  size_t had = *keep ? strlen(*keep) : 0;
  if (had > 16384) return;
  char *t = realloc(*keep, had + 1 + w->len + 1);
  if (!t) return;
  if (had) t[had++] = '\n';
  memcpy(t + had, w->s, w->len + 1);
  *keep = t;
}

/* A number as the working shows it: its whole part and one more figure,
 * seven significant figures at least, and "…" when there are more (for an
 * inexact value: when the figures shown do not end in zeros); a range
 * "lo .. hi". */
static void estimate_num(buf *b, const num *x) {
  for (int i = 0; i < (num_is_point(x) ? 1 : 2); i++) {
    mpq_srcptr q = i ? x->hi : x->lo;
    if (i) buf_puts(b, " .. ");
    int digits = format_working_digits(q);
    bool exact;
    size_t at = b->len;
    format_sig(b, q, digits, true, &exact);
    if (!exact && x->inexact && b->s) { /* "12.25" of 12.2500000…: shown whole as far as it is known */
      int sig = 0;
      bool lead = true;
      for (size_t j = at; j < b->len; j++) {
        char c = b->s[j];
        if (c == 'e' || c == ' ') break;
        if (c < '0' || c > '9' || (lead && c == '0')) continue;
        lead = false;
        sig++;
      }
      exact = sig < digits;
    }
    if (!exact) buf_puts(b, "\xe2\x80\xa6");
  }
}

/* A rate as a percentage of three figures ("23.2 %", "20 % .. 25 %");
 * true when that is the rate exactly. */
static bool estimate_pct(buf *b, const num *r) {
  bool all = !r->inexact;
  mpq_t h;
  mpq_init(h);
  for (int i = 0; i < (num_is_point(r) ? 1 : 2); i++) {
    bool exact;
    if (i) buf_puts(b, " .. ");
    mpq_set_ui(h, 100, 1);
    mpq_mul(h, h, i ? r->hi : r->lo);
    format_sig(b, h, 3, true, &exact);
    buf_puts(b, " %");
    all = all && exact;
  }
  mpq_clear(h);
  return all;
}

/* A quantity in the unit its value would be shown in ("92.8 TB"). */
static void estimate_qty(buf *b, eval *E, const qty *v) {
  autounit u;
  autounit_init(&u);
  autounit_choose(&E->ctx->reg, v, E->binary ? CONV_IEC : CONV_NONE, 7, NULL, 0, E->binary, &u);
  num x, f;
  num_init(&x);
  num_init(&f);
  num_set_q(&f, u.f);
  if (num_div(&x, &v->n, &f, E->maxbits)) b->failed = true;
  else estimate_num(b, &x);
  if (u.name.s && u.name.s[0]) buf_printf(b, " %s", u.name.s);
  num_clear(&x);
  num_clear(&f);
  autounit_clear(&u);
}

/* An argument as written, digits grouped, in parentheses when it is more
 * than a number and a unit ("(400 TB .. 450 TB)"). */
static void estimate_arg(buf *b, const eval *E, const ast *n) {
  char *t = quote_input(E->src, E->len, n->start, n->end, E->decimal_comma);
  if (!t) {
    b->failed = true;
    return;
  }
  bool paren = strpbrk(t, "+-*/^") || strstr(t, "..") || strstr(t, "\xc2\xb1") || strstr(t, " to ");
  buf_printf(b, paren ? "(%s)" : "%s", t);
  free(t);
}

/* The period as one of it is read: the singular word of a unit written as
 * a word ("months": "month"), else the name as written ("s", a variable),
 * or an expression in parentheses. `one` puts "1 " before a name. */
static void estimate_per(buf *b, const eval *E, const char *text, bool bare, bool one) {
  units_match m;
  if (bare) {
    buf_printf(b, "(%s)", text);
    return;
  }
  if (one) buf_puts(b, "1 ");
  if (units_lookup(&E->ctx->reg, text, strlen(text), &m) && m.word && !m.pf) buf_puts(b, m.u->word);
  else buf_puts(b, text);
}

/* "compound growth per month = (1,400 TB / 400 TB)^(1/6) − 1 = 3.5^(1/6)
 * − 1 ≈ 23.2 % (0.2321909…)": the working of growth() in g (its factor,
 * rate, periods and period as written) called at call. */
static void estimate_growth_work(buf *w, const eval *E, const ast *call, const estimate_growth *g) {
  static const char minus[] = " \xe2\x88\x92 1";
  bool one = mpq_cmp_ui(g->periods.lo, 1, 1) == 0;
  buf_puts(w, "compound growth per ");
  estimate_per(w, E, g->period ? g->period : "period", g->bare, false);
  buf_puts(w, one ? " = " : " = (");
  estimate_arg(w, E, call->a->next);
  buf_puts(w, " / ");
  estimate_arg(w, E, call->a);
  buf_puts(w, one ? "" : ")^(1/");
  if (!one) {
    estimate_num(w, &g->periods);
    buf_putc(w, ')');
  }
  buf_printf(w, "%s = ", minus);
  bool range = !num_is_point(&g->factor);
  if (range && !one) buf_putc(w, '(');
  estimate_num(w, &g->factor);
  if (range && !one) buf_putc(w, ')');
  if (!one) {
    buf_puts(w, "^(1/");
    estimate_num(w, &g->periods);
    buf_putc(w, ')');
  }
  buf_printf(w, "%s ", minus);
  buf pct;
  buf_init(&pct, 4096);
  bool exact = estimate_pct(&pct, &g->rate);
  buf_printf(w, "%s %s", exact ? "=" : "\xe2\x89\x88", pct.s ? pct.s : "");
  if (!pct.s) w->failed = true;
  buf_free(&pct);
  if (!exact && !range) {
    buf_puts(w, " (");
    estimate_num(w, &g->rate);
    buf_putc(w, ')');
  }
  buf_putc(w, '\n');
}

/* project(Q, RATE, T[, linear|compound]) into out: Q (1 + r)^(T/P)
 * compound; linear, Q (1 + r T/P) for a percentage, Q + (T/P) (TO - FROM)/n
 * for growth(FROM, TO, n periods), Q + RATE T for a change per period
 * (100 TB/month, always linear). `gp` is scratch for the parts of a
 * growth() rate. */
static int estimate_project(eval *E, const ast *n, qty *out, estimate_growth *gp) {
  const ast *q = n->a, *rt = q->next, *t = rt->next, *m = n->nargs > 3 ? t->next : NULL;
  enum { PCT, GROWTH, CHANGE } kind = PCT;
  bool linear = false, compound = false;
  qty r, tq, period, periods, change, step, inc;
  qty_init(&r), qty_init(&tq), qty_init(&period), qty_init(&periods);
  qty_init(&change), qty_init(&step), qty_init(&inc);
  num rate, factor, k, g, one;
  num_init(&rate), num_init(&factor), num_init(&k), num_init(&g), num_init(&one);
  num_set_si(&one, 1);
  int ti = units_std_dim(&E->ctx->reg, UNITS_DIM_TIME);
  char dn[96], dq[96];
  buf w;
  buf_init(&w, 1u << 16);
  int st = DS_OK;
  if (m) { /* the model, as written */
    size_t len = m->end - m->start;
    const char *s = E->src + m->start;
    linear = m->kind == N_NAME && len == 6 && memcmp(s, "linear", 6) == 0;
    compound = m->kind == N_NAME && len == 8 && memcmp(s, "compound", 8) == 0;
    if (!linear && !compound) {
      char *mt = quote_input(E->src, E->len, m->start, m->end, E->decimal_comma);
      st = err_set(E->e, DS_E_SYNTAX, m->start, m->end, "the fourth argument of project is linear or compound: '%.*s'",
                   mt ? (int)lex_utf8_cut(mt, strlen(mt), 40) : 0, mt ? mt : "");
      free(mt);
    }
  }
  bool by_growth = rt->kind == N_CALL && strncmp(E->src + rt->start, "growth", 6) == 0;
  if (st) {
  } else if (by_growth && rt->nargs != 3) {
    st = err_set(E->e, DS_E_SYNTAX, rt->start, rt->end, "growth takes 3 arguments");
  } else if (by_growth) {
    kind = GROWTH;
    st = estimate_growth_parts(E, rt, &factor, &rate, &periods, &period, gp, linear ? &change : NULL);
    if (!st) {
      num_set(&r.n, &rate);
      num_set(&gp->factor, &factor);
      num_set(&gp->rate, &rate);
      num_set(&gp->periods, &periods.n);
    }
  } else if (rt->kind == N_DIV) {
    st = eval_node(E, rt->a, &r);
    if (!st) st = eval_node(E, rt->b, &period);
    if (!st && !estimate_is_time(E, &period.d))
      st = estimate_not_time(E, rt->b, &period.d, "the rate's period must be a time, as in 23.2%/month");
    /* A rate per negative period, or per a range of periods (whose ends
     * the power below would not follow), means nothing. */
    if (!st && (!num_is_point(&period.n) || num_sign(&period.n) != 1))
      st = err_set(E->e, DS_E_DOMAIN, rt->b->start, rt->b->end, "the rate's period must be a single positive quantity");
    if (!st && !dim_is_none(&r.d)) { /* (10 TB)/month: a change per period */
      kind = CHANGE;
      if (!(st = eval_charge_op(E, rt, &r.n, &period.n, true))) st = num_div(&step.n, &r.n, &period.n, E->maxbits);
      if (!st && !dim_div(&step.d, &r.d, &period.d)) st = DS_E_LIMIT;
      if (st) st = eval_numerr(E, st, rt, "this rate");
    }
  } else {
    st = eval_node(E, rt, &step);
    dim d = step.d;
    if (!st && ti >= 0) d.e[ti]++;
    if (!st && (ti < 0 || step.d.e[ti] >= 0 || dim_is_none(&d)))
      st =
          err_set(E->e, DS_E_SYNTAX, rt->start, rt->end, "write the rate per period, e.g. 23.2%%/month or growth(...)");
    kind = CHANGE;
  }
  if (!st && kind == CHANGE && compound) {
    char *rtx = quote_input(E->src, E->len, rt->start, rt->end, E->decimal_comma);
    st = err_set(E->e, DS_E_DIMENSION, rt->start, rt->end,
                 "compound growth needs a percentage per period, such as 23.2%%/month; a change per period such as "
                 "'%.*s' grows linearly",
                 rtx ? (int)lex_utf8_cut(rtx, strlen(rtx), 40) : 0, rtx ? rtx : "");
    free(rtx);
  }
  linear = linear || kind == CHANGE;
  if (!st) st = eval_node(E, q, out);
  if (!st) st = eval_node(E, t, &tq);
  if (!st && !estimate_is_time(E, &tq.d))
    st = estimate_not_time(E, t, &tq.d, "the duration must be a time, such as 12 months");
  if (!st && kind == CHANGE) {
    /* RATE × T must be of the kind of Q. */
    dim d = step.d;
    if (ti >= 0) d.e[ti]++;
    if (!dim_eq(&d, &out->d)) {
      char *rtx = quote_input(E->src, E->len, rt->start, rt->end, E->decimal_comma);
      char *qtx = quote_input(E->src, E->len, q->start, q->end, E->decimal_comma);
      units_dim_name(&E->ctx->reg, &step.d, dn, sizeof dn);
      units_dim_name(&E->ctx->reg, &out->d, dq, sizeof dq);
      st = err_set(E->e, DS_E_DIMENSION, rt->start, rt->end,
                   "a change per period must be of the kind of the start: '%.*s' is %s, and %.*s is %s",
                   rtx ? (int)lex_utf8_cut(rtx, strlen(rtx), 40) : 0, rtx ? rtx : "", dn,
                   qtx ? (int)lex_utf8_cut(qtx, strlen(qtx), 40) : 0, qtx ? qtx : "", dq);
      free(rtx), free(qtx);
    }
    if (!st && !(st = eval_charge_op(E, t, &step.n, &tq.n, true)) && (st = num_mul(&inc.n, &step.n, &tq.n, E->maxbits)))
      st = eval_numerr(E, st, n, "this projection");
    inc.d = out->d;
  } else if (!st) {
    if (!dim_eq(&tq.d, &period.d))
      st = err_set(E->e, DS_E_DIMENSION, t->start, t->end, "the duration and the rate's period must be the same kind");
    if (!st && (num_contains_zero(&period.n) || !num_is_point(&tq.n)))
      st = err_set(E->e, DS_E_DOMAIN, t->start, t->end, "the duration must be a single value and the period nonzero");
    if (!st && !(st = eval_charge_op(E, t, &tq.n, &period.n, true)) && (st = num_div(&k, &tq.n, &period.n, E->maxbits)))
      st = eval_numerr(E, st, n, "this projection");
  }
  if (st) {
  } else if (!linear) {
    if (!(st = eval_charge_op(E, rt, &r.n, &one, false)) && (st = num_add(&g, &r.n, &one, E->maxbits)))
      st = eval_numerr(E, st, n, "this projection");
    /* A decline of 100 % a period leaves nothing after any time at all
     * (1 + r = 0); one of more would leave less than nothing. */
    if (!st && mpq_sgn(g.lo) < 0)
      st =
          err_set(E->e, DS_E_DOMAIN, rt->start, rt->end, "a rate below -100 %% a period would leave less than nothing");
    else if (!st && mpq_sgn(g.lo) == 0 && mpq_sgn(k.lo) < 0)
      st = err_set(E->e, DS_E_DOMAIN, t->start, t->end,
                   "a decline of 100 %% leaves nothing: it cannot be projected back in time");
    if (!st) st = estimate_project_factor(E, n, &g, &k);
    if (!st) num_set(&factor, &g);
    if (!st && !(st = eval_charge_op(E, n, &out->n, &g, true)) && (st = num_mul(&out->n, &out->n, &g, E->maxbits)))
      st = eval_numerr(E, st, n, "this projection");
  } else {
    /* Linear: the change each period (step), times the periods (inc). */
    if (kind == PCT) { /* r of Q */
      if (!(st = eval_charge_op(E, rt, &r.n, &out->n, true)) && (st = num_mul(&step.n, &r.n, &out->n, E->maxbits)))
        st = eval_numerr(E, st, n, "this projection");
      step.d = out->d;
    } else if (kind == GROWTH) { /* (TO - FROM) / n */
      if (!dim_eq(&change.d, &out->d)) {
        char *qtx = quote_input(E->src, E->len, q->start, q->end, E->decimal_comma);
        units_dim_name(&E->ctx->reg, &change.d, dn, sizeof dn);
        units_dim_name(&E->ctx->reg, &out->d, dq, sizeof dq);
        st = err_set(E->e, DS_E_DIMENSION, rt->start, rt->end,
                     "a change per period must be of the kind of the start: this growth changes %s, and %.*s is %s", dn,
                     qtx ? (int)lex_utf8_cut(qtx, strlen(qtx), 40) : 0, qtx ? qtx : "", dq);
        free(qtx);
      }
      if (!st && !(st = eval_charge_op(E, rt, &change.n, &periods.n, true)) &&
          (st = num_div(&step.n, &change.n, &periods.n, E->maxbits)))
        st = eval_numerr(E, st, n, "this projection");
      step.d = out->d;
    }
    if (!st && kind != CHANGE && !(st = eval_charge_op(E, n, &step.n, &k, true)) &&
        (st = num_mul(&inc.n, &step.n, &k, E->maxbits)))
      st = eval_numerr(E, st, n, "this projection");
    inc.d = out->d;
  }
  if (!st && linear) {
    char *ttx = NULL;
    if (!(st = eval_charge_op(E, n, &out->n, &inc.n, false)) && (st = num_add(&out->n, &out->n, &inc.n, E->maxbits)))
      st = eval_numerr(E, st, n, "this projection");
    else if (mpq_sgn(out->n.lo) < 0) {
      ttx = quote_input(E->src, E->len, t->start, t->end, E->decimal_comma);
      st = err_set(E->e, DS_E_DOMAIN, rt->start, rt->end,
                   "a linear decline at this rate would leave less than nothing after %.*s",
                   ttx ? (int)lex_utf8_cut(ttx, strlen(ttx), 40) : 0, ttx ? ttx : "");
    }
    free(ttx);
  }
  if (!st && estimate_working_on(E)) {
    /* The working: the rate, the periods, the formula, the model. */
    const char *approx = out->n.inexact ? "\xe2\x89\x88" : "=";
    buf per; /* "month", or the rate's period as written */
    buf_init(&per, 4096);
    if (kind == GROWTH) estimate_per(&per, E, gp->period ? gp->period : "period", gp->bare, false);
    else if (kind == PCT && rt->b->kind == N_NAME) {
      char *pt = buf_strndup(E->src + rt->b->start, rt->b->end - rt->b->start);
      if (pt) estimate_per(&per, E, pt, false, false);
      else per.failed = true;
      free(pt);
    } else if (kind == PCT) {
      char *pt = quote_input(E->src, E->len, rt->b->start, rt->b->end, E->decimal_comma);
      if (pt) estimate_per(&per, E, pt, true, false);
      else per.failed = true;
      free(pt);
    }
    const char *pw = per.s ? per.s : "period";
    if (kind == GROWTH && !linear) estimate_growth_work(&w, E, rt, gp);
    if (kind == GROWTH && linear) {
      bool one1 = mpq_cmp_ui(periods.n.lo, 1, 1) == 0;
      buf_printf(&w, "change each %s: %s", pw, one1 ? "" : "(");
      estimate_arg(&w, E, rt->a->next);
      buf_puts(&w, " \xe2\x88\x92 ");
      estimate_arg(&w, E, rt->a);
      if (!one1) {
        buf_puts(&w, ") / ");
        estimate_num(&w, &periods.n);
      }
      buf_printf(&w, " %s ", step.n.inexact ? "\xe2\x89\x88" : "=");
      estimate_qty(&w, E, &step);
      buf_putc(&w, '\n');
    }
    if (kind != CHANGE) {
      buf_puts(&w, "periods: ");
      estimate_arg(&w, E, t);
      buf_puts(&w, " \xc3\xb7 ");
      if (kind == GROWTH) estimate_per(&w, E, gp->period ? gp->period : "period", gp->bare, true);
      else if (rt->b->kind == N_NAME) buf_printf(&w, "1 %s", pw);
      else buf_puts(&w, pw);
      buf_puts(&w, " = ");
      estimate_num(&w, &k);
      buf_putc(&w, '\n');
    }
    bool kneg = kind != CHANGE && mpq_sgn(k.lo) < 0;
    if (!linear) {
      buf_puts(&w, "compound growth: ");
      estimate_arg(&w, E, q);
      buf_puts(&w, " \xc3\x97 (1 + ");
      bool point = num_is_point(&r.n);
      if (!point) buf_putc(&w, '(');
      if (kind == PCT && !r.n.inexact) estimate_pct(&w, &r.n);
      else estimate_num(&w, &r.n);
      buf_printf(&w, "%s)^%s", point ? "" : ")", kneg ? "(" : "");
      if (kind == PCT && !r.n.inexact && point) { /* 1.232^12 */
        estimate_num(&w, &k);
        buf_printf(&w, "%s = ", kneg ? ")" : "");
        estimate_arg(&w, E, q);
        buf_puts(&w, " \xc3\x97 ");
        num_add(&g, &r.n, &one, E->maxbits);
        estimate_num(&w, &g);
        buf_printf(&w, "^%s", kneg ? "(" : "");
      }
      estimate_num(&w, &k);
      buf_printf(&w, "%s %s ", kneg ? ")" : "", approx);
      estimate_arg(&w, E, q);
      buf_puts(&w, num_is_point(&factor) ? " \xc3\x97 " : " \xc3\x97 (");
      estimate_num(&w, &factor);
      buf_printf(&w, "%s %s ", num_is_point(&factor) ? "" : ")", approx);
      estimate_qty(&w, E, out);
      buf_printf(&w,
                 "\nthe same percentage each %s; project(\xe2\x80\xa6, linear) adds the same amount each %s instead\n",
                 pw, pw);
    } else if (kind == CHANGE) {
      buf_puts(&w, "linear growth: ");
      estimate_arg(&w, E, q);
      buf_puts(&w, " + ");
      estimate_arg(&w, E, rt);
      buf_puts(&w, " \xc3\x97 ");
      estimate_arg(&w, E, t);
      buf_printf(&w, " %s ", inc.n.inexact ? "\xe2\x89\x88" : "=");
      estimate_arg(&w, E, q);
      buf_puts(&w, " + ");
      estimate_qty(&w, E, &inc);
      buf_printf(&w, " %s ", approx);
      estimate_qty(&w, E, out);
      buf_puts(&w, "\nthe same amount each period: a rate written as a change per period grows linearly\n");
    } else {
      if (kind == PCT) {
        buf_printf(&w, "change each %s: ", pw);
        estimate_pct(&w, &r.n);
        buf_puts(&w, " \xc3\x97 ");
        estimate_arg(&w, E, q);
        buf_printf(&w, " %s ", step.n.inexact ? "\xe2\x89\x88" : "=");
        estimate_qty(&w, E, &step);
        buf_putc(&w, '\n');
      }
      buf_puts(&w, "linear growth: ");
      estimate_arg(&w, E, q);
      buf_printf(&w, " + %s", kneg ? "(" : "");
      estimate_num(&w, &k);
      buf_printf(&w, "%s \xc3\x97 ", kneg ? ")" : "");
      estimate_qty(&w, E, &step);
      buf_printf(&w, " %s ", approx);
      estimate_qty(&w, E, out);
      buf_printf(&w, "\nthe same amount each %s; without linear, project compounds\n", pw);
    }
    buf_free(&per);
    if (w.len && w.s[w.len - 1] == '\n') w.s[--w.len] = 0;
  }
  if (!st) {
    estimate_assumed(E, n, NULL, linear, linear && kind == PCT);
    estimate_keep_working(E, &w);
  }
  buf_free(&w);
  num_clear(&rate), num_clear(&factor), num_clear(&k), num_clear(&g), num_clear(&one);
  qty_clear(&r), qty_clear(&tq), qty_clear(&period), qty_clear(&periods);
  qty_clear(&change), qty_clear(&step), qty_clear(&inc);
  return st;
}

/* growth() or project() into out; `parts` (may be NULL) keeps the parts
 * of growth(). */
static int estimate_run(eval *E, const ast *n, int op, qty *out, estimate_growth *parts) {
  estimate_growth local; /* the parts, for the note, when the caller keeps none */
  estimate_growth_init(&local);
  int st;
  if (op == F_GROWTH) {
    qty periods, period;
    qty_init(&periods);
    qty_init(&period);
    num rate, factor;
    num_init(&rate);
    num_init(&factor);
    if (!parts) parts = &local;
    st = estimate_growth_parts(E, n, &factor, &rate, &periods, &period, parts, NULL);
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
        estimate_assumed(E, n, parts, false, false);
        if (estimate_working_on(E)) {
          buf w;
          buf_init(&w, 1u << 16);
          estimate_growth_work(&w, E, n, parts);
          if (w.len && w.s[w.len - 1] == '\n') w.s[--w.len] = 0;
          estimate_keep_working(E, &w);
          buf_free(&w);
        }
      }
    }
    num_clear(&rate);
    num_clear(&factor);
    qty_clear(&periods);
    qty_clear(&period);
  } else {
    st = estimate_project(E, n, out, &local);
  }
  estimate_growth_clear(&local);
  return st;
}

int estimate_call(eval *E, const ast *n, int op, qty *out) { return estimate_run(E, n, op, out, NULL); }

int estimate_growth_line(eval *E, const ast *n, qty *out, estimate_growth *g) {
  return estimate_run(E, n, F_GROWTH, out, g);
}
