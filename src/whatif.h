/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * whatif.h -- one-line what-ifs and sweeps, as written.
 *
 * "EXPR with NAME = VALUE, NAME = VALUE" evaluates EXPR with those
 * assumptions for that line only; "EXPR for NAME in V1, V2, ..." and
 * "EXPR for NAME in LOW .. HIGH step S" evaluate it once per value. Here:
 * where the parts of such a line are. What they mean is ctx.c's.
 */
#ifndef DS_WHATIF_H
#define DS_WHATIF_H

#include <stdbool.h>
#include <stddef.h>

#include "datascale.h"
#include "err.h"

#define WHATIF_MAX_WITH 16  /* assumptions in one "with" */
#define WHATIF_MAX_ROWS 100 /* values in one sweep */

typedef struct {
  size_t start, end; /* bytes of the line */
} whatif_span;

typedef enum {
  WHATIF_NONE, /* an ordinary line */
  WHATIF_WITH, /* EXPR with NAME = VALUE[, NAME = VALUE...] */
  WHATIF_FOR   /* EXPR for NAME in V1, V2, ... or LOW .. HIGH step S */
} whatif_kind;

typedef struct {
  whatif_kind kind;
  whatif_span expr; /* the expression, blanks trimmed */
  whatif_span tail; /* from the keyword to the end (a comment left out) */
  /* WHATIF_WITH: each assignment, "NAME = VALUE" */
  whatif_span with[WHATIF_MAX_WITH];
  whatif_span with_name[WHATIF_MAX_WITH];
  size_t nwith;
  /* WHATIF_FOR: the name and its values, or low, high and step */
  whatif_span name;
  whatif_span values[WHATIF_MAX_ROWS];
  size_t nvalues;
  bool stepped;
  whatif_span low, high, step;
} whatif;

/* Finds the parts of src[0..len): w->kind is WHATIF_NONE for a line with
 * no top-level "with NAME =" or "for NAME in" (outside parentheses and
 * comments), and DS_OK is returned. A line that has one but not its
 * parts (no value, more than WHATIF_MAX_WITH assumptions or
 * WHATIF_MAX_ROWS values, a "step" without "..") is DS_E_SYNTAX, with
 * the place in e. Values of a list are separated by a comma and a blank
 * ("2 MB, 3 MB"), so a comma between digits stays a digit group. */
int whatif_parse(const char *src, size_t len, whatif *w, err *e);

/* The cheap part of whatif_parse: true when src[0..len) has no 'w' or 'f'
 * where a keyword could start, so that whatif_parse would find
 * WHATIF_NONE (most lines). False says only that it may not. */
bool whatif_none(const char *src, size_t len);

#endif
