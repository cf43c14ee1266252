/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* shape.h -- what the way a line is written tells its wording. */
#ifndef DS_SHAPE_H
#define DS_SHAPE_H

#include <stdbool.h>

#include "dim.h"
#include "eval.h"

/* What the way a value line is written tells its wording. */
typedef struct shape_line {
  units_per per[UNITS_MAX_PER]; /* the units it divided by, one a dimension: its value is shown per them */
  int nper;
  /* A unit a newsroom would not use (shape_unusual): what the note needs. */
  bool unusual;
  char *read_as;                    /* how the line was grouped, in parentheses; NULL under 3 factors */
  char *regroup;                    /* another grouping that gives a usual unit, or NULL */
  qty regroup_v;                    /* its value */
  struct shape_line *regroup_shape; /* the units it divided by, or NULL */
} shape_line;

/* An empty shape_line, or NULL when memory runs out. */
shape_line *shape_line_new(void);
void shape_line_free(shape_line *s);

/* Sets (*out)->per to the units the expression n divides by, one for each
 * base dimension they measure (the last one written wins): "1400 TB / 6
 * months" is shown per month, "$0.018 per GB per month" per GB per month.
 * A variable counts with the units it was written with, or by its name
 * when it is a thing one counts (photo = 4 MB). *out is made when a unit
 * is found and is NULL; it stays NULL when none is. DS_OK or DS_E_NOMEM. */
int shape_per(eval *E, const ast *n, shape_line **out);

/* The significant digits of the most precise number written in n (1400
 * has 2, 0.018 has 2, 1400.5 has 5); 0 when it has none. */
int shape_digits(eval *E, const ast *n);

/* Is d a unit a newsroom uses: a plain number, or one base dimension to
 * the power 1, perhaps over others to the power 1 (MB, MB/s,
 * USD/GB/month)? Not: products (s*USD), powers (B^2), nothing above the
 * line (1/s). */
bool shape_usual(const dim *d);

/* For the expression expr of a value line whose dimension d is unusual:
 * sets (*out)->unusual, ->read_as to how the line was grouped, and
 * ->regroup to another grouping of its factors that gives a usual unit
 * (checked by evaluating it; the one that moves fewest factors), making
 * *out when it is NULL. The note itself is worded by word.c. DS_OK, or the
 * status that must stop the line (cancelled, out of work, out of memory). */
int shape_unusual(eval *E, const ast *expr, const dim *d, shape_line **out);

#endif
