/* word.h -- the sentences of a result. Never prints. */
#ifndef DS_WORD_H
#define DS_WORD_H

#include <stdbool.h>

#include "buf.h"
#include "autounit.h"
#include "eval.h"
#include "format.h"
#include "units.h"

/* How to word a result: all the wording needs to know of the session. */
typedef struct {
  int digits;        /* significant digits (DS_LIMIT_DIGITS) */
  int style;         /* DS_STYLE_* */
  bool binary;       /* the reading of KB..YB in force */
  const units *reg;  /* the registry: base dimensions, items' words */
} word_opts;

/* A line as worded. */
typedef struct {
  char *text;    /* the human line */
  char *unit;    /* the unit shown; "" when none */
  num x;         /* the value in that unit */
  bool calendar; /* the unit chosen is a calendar average (years) */
} word_out;

void word_out_init(word_out *f);
void word_out_clear(word_out *f);

/* Renders an evaluated line with the options' digits and style. Returns
 * DS_OK or DS_E_NOMEM. */
int word_result(const word_opts *fo, const eval_out *o, word_out *f);

/* The note for a result that depends on the reading of KB..YB, or NULL
 * when the two readings differ by 1 % or less. Caller frees. */
char *word_reading_note(const word_opts *fo, const eval_out *o, const word_out *f);

/* Appends the KB..YB spellings the line used: "TB", "TB and MB". */
void word_spellings(buf *b, const eval_out *o);

/* Appends "N %" for a relative difference d (a fraction), 2 significant
 * figures, and returns the verdict word for it ("holds", "close", "off"). */
const char *word_verdict(buf *b, const mpq_t d);

/* Appends a quantity in its automatic unit with `digits` significant
 * digits ("≈ 2.86 MB"). */
void word_quantity(buf *b, const word_opts *fo, const qty *v, int digits);

#endif
