/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* word.h -- the sentences of a result. Never prints. */
#ifndef DS_WORD_H
#define DS_WORD_H

#include <stdbool.h>

#include "autounit.h"
#include "buf.h"
#include "format.h"
#include "session.h"
#include "reading.h"
#include "stmt.h"
#include "units.h"

/* How to word a result: all the wording needs to know of the session. */
typedef struct {
  int digits;       /* significant digits (DS_LIMIT_DIGITS) */
  int style;        /* DS_STYLE_* */
  bool binary;      /* the reading of KB..YB in force */
  bool round;       /* round a short exact value too (a note beside a rounded result) */
  const units *reg; /* the registry: base dimensions, items' words */
} word_opts;

/* The options of session s as they are now. */
word_opts word_opts_of(const session *s);

/* A line as worded. */
typedef struct {
  char *text;    /* the human line */
  char *unit;    /* the unit shown; "" when none */
  num x;         /* the value in that unit */
  bool calendar; /* the unit chosen is a calendar average (years) */
  int certain;   /* > 0: only this many significant digits of an inexact result were certain (and shown) */
  buf *keep;     /* NULL, or the caller's two buffers, kept from line to line, that text and unit are written
                    in (word_out_clear leaves them): a line's words cost no allocation */
} word_out;

void word_out_init(word_out *f);
void word_out_clear(word_out *f);

/* Renders an evaluated line with the options' digits and style. Returns
 * DS_OK or DS_E_NOMEM. */
int word_result(const word_opts *fo, const stmt_result *r, word_out *f);
/* The same as the note on the other reading shows it: the value under
 * that reading, without the name bound, a count as a plain conversion in
 * the unit asked for, an automatic unit chosen afresh. */
int word_result_other(const word_opts *fo, const stmt_result *r, word_out *f);

/* The note on what an estimate the value ran assumed (steady compound
 * growth, eval_assumed), or NULL when it ran none or memory runs out. */
char *word_estimate_note(const word_opts *fo, const stmt_result *r);

/* Appends "N % high — VERDICT" for the relative difference d = claim /
 * actual - 1 (a fraction): 2 significant figures of it (only the certain
 * ones of an inexact d; "within N %" when none is; "exact" for 0;
 * "inside the range" for a range across 0), the side and the verdict word
 * (verdict_word). */
void word_verdict(buf *b, const num *d, const char *verdict);
/* The other reading a check holds in (verdict_result.holds_other): "TB is
 * read as TiB and the 3 MB photo as 3 MiB". */
void word_holds_reading(buf *t, const word_opts *fo, const stmt_result *r);

/* How growth() words its period. A unit symbol never takes a plural ("7 s",
 * "4.4 h"); a word does ("7 seconds"). The rate always reads in words ("a
 * second", "an hour"), or "per NAME" for what is not a unit. */
typedef struct {
  char one[64];  /* after the number 1 and in the unit "per ...": "month", "s", "(2 * day)" */
  char many[64]; /* after any other number: "months", "s" */
  char per[80];  /* the rate's period: "a month", "an hour", "per p" */
  bool word;     /* a unit word: "every year" rather than "every 1 year" */
  bool bare;     /* an expression, one period of itself: no count before it */
} word_period_text;

/* The words of the period of growth g. */
void word_period(const word_opts *fo, const estimate_growth *g, word_period_text *w);

/* The value v in the unit chosen when none is asked for (conv CONV_NONE,
 * CONV_AUTO, CONV_IEC, CONV_WORDS or CONV_EQUIV; under the binary reading
 * NONE and AUTO choose IEC prefixes) with `digits` significant digits, per
 * the units the line divided by (sh, may be NULL): u the unit (from
 * autounit_init), x the value in it, with its error bound when inexact. */
void word_auto_unit(const word_opts *fo, const qty *v, parse_conv conv, bool binary, int digits, const shape_line *sh,
                    autounit *u, num *x);

#endif
