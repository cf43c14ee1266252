/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* explain.h -- the derivation of a result, step by step. */
#ifndef DS_EXPLAIN_H
#define DS_EXPLAIN_H

#include <stdbool.h>

#include "session.h"
#include "stmt.h"
#include "word.h"

/* The derivation of an evaluated line as plain text or Markdown: each name
 * in base units with the reading of its prefix, each assumption with its
 * source and year, the exact arithmetic and the rounding shown. Returns a
 * new string (free()) or NULL when memory runs out. */
char *explain_result(const session *s, const char *input, const stmt_result *r, const word_out *f, bool markdown);

#endif
