/* eval.h -- from a parsed line to a quantity. */
#ifndef DS_EVAL_H
#define DS_EVAL_H

#include <stdbool.h>

#include "catalog.h"
#include "ctx.h"
#include "parse.h"

#define EVAL_MAX_LEGACY 4
#define EVAL_MAX_VARS 16
#define EVAL_MAX_TERMS 24

/* A name the value used, for the derivation (explain.c). */
typedef struct {
  char spelling[48]; /* as written ("TB", "photos") */
  long unit;         /* registry index, or -1 */
  long var;          /* session variable, or -1 */
  const void *pf;    /* the prefix (const prefix *), or NULL */
  bool legacy;       /* a KB..YB spelling */
  qty value;         /* its value in base units, as used */
} eval_term;

/* What one line evaluated to, before formatting. */
typedef struct eval_out {
  qty v;                  /* the value in base units */
  parse_conv conv;        /* the conversion asked for */
  char *unit_text;        /* CONV_UNIT: the target as shown (owned) */
  num shown;              /* CONV_UNIT: the value in the target unit */
  num alt_shown;          /* CONV_UNIT: the same under the other reading */
  char *name;             /* the name bound by an assignment (owned), or NULL */
  char *as_written;       /* an assignment of a plain "number units" value, shown as written */
  bool have_alt;          /* alt holds the value under the other reading */
  qty alt;                /* the value if KB..YB were read the other way (base units) */
  char legacy[EVAL_MAX_LEGACY][16]; /* the KB..YB spellings used */
  int nlegacy;
  bool calendar;          /* a month or year was used */
  long vars[EVAL_MAX_VARS]; /* the session variables the value used */
  int nvars;
  long items[EVAL_MAX_VARS]; /* the catalogue items (registry indices) used */
  int nitems;
  /* A conversion to a catalogue item or a variable ("to photos"): the
   * result is a count, worded as a newsroom would. */
  bool count;
  char *count_from;   /* the quantity as written, digits grouped ("1,400 TB") */
  char *count_size;   /* the size of one, as written ("3 MB") */
  char *count_item;   /* one of them, singular ("photo") */
  char *message;      /* a command's answer ("reset"), instead of a value */
  catalog_pick eq[CATALOG_MAX_SHOWN]; /* "to equivalents": the items chosen */
  int neq;
  bool extra;         /* g_* and range_shown are initialised (eval_out_extra) */
  /* growth(FROM, TO, OVER) as the whole line: its parts, for the text. */
  bool growth;
  num g_factor;       /* TO / FROM */
  num g_rate;         /* compound rate per period */
  num g_periods;      /* OVER in periods */
  char g_period[48];  /* the period, as written ("months") */
  /* "to photos range": the count over the catalogue's low .. high */
  bool item_range;
  num range_shown;
  char *range_text;   /* "2 MB .. 5 MB" */
  /* "check A = B" */
  char *check_text;   /* the verdict, in words */
  eval_term terms[EVAL_MAX_TERMS]; /* names used, in order of first use */
  int nterms;
  bool binary;        /* the reading in force */
  long prec;          /* the MPFR precision the value was computed at */
  bool stale;         /* more precision did not help: an inexact value it uses was computed earlier */
} eval_out;

void eval_out_init(eval_out *o);
void eval_out_clear(eval_out *o);
/* Makes o ready for the next line, keeping its numbers' memory. */
void eval_out_reset(eval_out *o);

/* Evaluates one line in the session: assignment binds, ans is updated. */
int eval_line(ds_ctx *ctx, const char *src, size_t len, eval_out *out, err *e);

/* Evaluates a definition's expression (no variables) under the given
 * reading of KB..YB; `used` (may be NULL) collects the KB..YB spellings. A
 * "!name" definition is handled by defs.c, not here. */
int eval_definition(ds_ctx *ctx, const char *src, size_t len, bool binary, qty *out, eval_out *used, err *e);

/* Is `name` a built-in function? */
bool eval_is_fn(const char *name, size_t len);

/* Converts `x` (in base units of `d`) to the unit expression `unit`: sets
 * *factor to the unit's value. For ds_convert_many. */
int eval_unit(ds_ctx *ctx, const char *unit, size_t len, qty *out, err *e);

#endif
