/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* estimate.h -- growth() and project(). */
#ifndef DS_ESTIMATE_H
#define DS_ESTIMATE_H

#include "eval.h"

/* The parts of growth(FROM, TO, OVER) as the whole line, for its sentence
 * (word.c words the period). */
typedef struct {
  num factor;   /* TO / FROM */
  num rate;     /* the compound rate per period */
  num periods;  /* OVER in periods */
  char *period; /* the period as written: a name ("months", "hrs", "p"), or the expression when `bare` */
  bool bare;    /* the period is an expression, one period of itself ("2 * day") */
} estimate_growth;

void estimate_growth_init(estimate_growth *g);
void estimate_growth_clear(estimate_growth *g);

/* Evaluates the call n of growth() (op F_GROWTH: the compound rate per
 * period) or project() (F_PROJECT: Q (1 + r)^(T / P)) into out. Has the
 * type eval_estimate_fn. */
int estimate_call(eval *E, const ast *n, int op, qty *out);

/* growth(FROM, TO, OVER) as a whole line (n is a call of growth() with
 * three arguments): its value, the rate per period, into out, and its
 * parts into g. */
int estimate_growth_line(eval *E, const ast *n, qty *out, estimate_growth *g);

#endif
