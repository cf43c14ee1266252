/* explain.h -- the derivation of a result, step by step. */
#ifndef DS_EXPLAIN_H
#define DS_EXPLAIN_H

#include <stdbool.h>

#include "eval.h"
#include "word.h"
#include "session.h"

/* The derivation of an evaluated line as plain text or Markdown: each name
 * in base units with the reading of its prefix, each assumption with its
 * source and year, the exact arithmetic and the rounding shown. Returns a
 * new string (free()) or NULL when memory runs out. */
char *explain_result(const session *s, const char *input, const eval_out *o, const word_out *f, bool markdown);

#endif
