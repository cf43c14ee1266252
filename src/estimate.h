/* estimate.h -- growth() and project(). */
#ifndef DS_ESTIMATE_H
#define DS_ESTIMATE_H

#include "eval.h"

/* Evaluates the call n of growth() (op F_GROWTH: the compound rate per
 * period, and the parts of its wording in E->out) or project() (F_PROJECT:
 * Q (1 + r)^(T / P)) into out. Has the type eval_estimate_fn. */
int estimate_call(eval *E, const ast *n, int op, qty *out);

#endif
