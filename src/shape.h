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

#endif
