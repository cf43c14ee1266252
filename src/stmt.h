/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* stmt.h -- one line of the language, run in a session. */
#ifndef DS_STMT_H
#define DS_STMT_H

#include "catalog.h"
#include "verdict.h"
#include "count.h"
#include "defs.h"
#include "estimate.h"
#include "eval.h"
#include "shape.h"

/* The kinds of result a line has; each has its payload in stmt_result.u. */
typedef enum {
  STMT_VALUE,   /* an expression, shown in an automatic unit (also "to auto", "to iec", "to words") */
  STMT_CONVERT, /* "to UNIT": the value in the unit asked for */
  STMT_COUNT,   /* "to photos": how many of a catalogue item or of a variable's size */
  STMT_RANGE,   /* "to photos range": a count, and the count over the item's plausible range */
  STMT_EQUIV,   /* "to equivalents": the catalogue items chosen */
  STMT_GROWTH,  /* growth(FROM, TO, OVER) as the whole line */
  STMT_CHECK,   /* "check A = B": the verdict */
  STMT_RESET,   /* "reset [NAME]": a command, with no value */
  STMT_SETTING  /* "set decimal-comma on|off": a command, with no value */
} stmt_kind;

/* STMT_VALUE */
typedef struct {
  parse_conv conv;   /* CONV_NONE, CONV_AUTO, CONV_IEC or CONV_WORDS */
  char *as_written;  /* an assignment of a plain quantity, shown as written ("2.86 MB"), or NULL */
  shape_line *shape; /* what the way the line is written tells its wording, or NULL: nothing */
} stmt_value;

/* STMT_CONVERT, and the conversion of a count. */
typedef struct {
  const char *unit; /* the target as shown ("GB", "photos"), in the result's `target` */
  num shown;        /* the value in the target unit */
  num alt_shown;    /* the same under the other reading of KB..YB (when have_alt) */
} stmt_convert;

/* What a count is of, as written (count.h). */
typedef count_items stmt_items;

/* STMT_COUNT and STMT_RANGE */
typedef struct {
  stmt_convert to; /* the count: the value in items */
  stmt_items of;
  num range_shown; /* STMT_RANGE: the count over the item's range */
  char *range;     /* STMT_RANGE: the range as written ("2 MB .. 5 MB") */
} stmt_count;

/* STMT_EQUIV */
typedef struct {
  char *from;                           /* the quantity as written */
  catalog_pick pick[CATALOG_MAX_SHOWN]; /* smallest count first */
  int n;
} stmt_equiv;

/* STMT_CHECK: check.h */
typedef verdict_result stmt_check;

/* STMT_RESET */
typedef struct {
  char *name;    /* the name forgotten, or NULL: every variable */
  size_t count;  /* every variable: how many there were */
  char *back_to; /* a catalogue item back to its catalogue value: its size ("3 MB"), or NULL */
  char *all;     /* every variable: what became of each ("photo is back to 3 MB; x forgotten"), or NULL: none */
} stmt_reset;

/* STMT_SETTING */
typedef struct {
  bool decimal_comma; /* the decimal comma as it now is */
} stmt_setting;
/* The result with the sizes spelled Tb, Pb, ... (eval_bitsizes, not the
 * rates) read as TB, PB, ...: for the note that they were read as bits. */
typedef struct {
  bool in_target; /* one of them is in the conversion target: no figure */
  bool have_alt;  /* alt (and alt_shown for a conversion) hold the value so read */
  qty alt;        /* base units */
  num alt_shown;  /* a conversion: in the target unit */
} stmt_bytes;

/* What one line evaluated to, before it is worded: a header that every
 * kind has, and the payload of its kind. */
typedef struct {
  stmt_kind kind;
  qty v;              /* the value in base units (a check's ratio or implied size; 0 for a reset) */
  char *name;         /* the name an assignment bound, or NULL */
  bool binary;        /* the reading of KB..YB in force */
  bool have_alt;      /* alt holds the value under the other reading */
  bool brief_reading; /* DS_WARNINGS_BATCH: the note on the other reading was given for these
                         spellings: its first part only, and no alt */
  qty alt;
  int in_digits;    /* significant digits of the line's most precise number, for notes; 0: none */
  eval_used used;   /* what the value used */
  long prec;        /* the MPFR precision the value was computed at */
  bool stale;       /* more precision did not help: an inexact value it uses was computed earlier */
  long counted;     /* the catalogue item the value counted before it met a conversion target, or -1 */
  stmt_bytes bytes; /* the value with sizes spelled Tb, Pb, ... read as bytes */
  union {
    stmt_value value;
    stmt_convert convert;
    stmt_count count; /* STMT_COUNT, STMT_RANGE */
    stmt_equiv equiv;
    estimate_growth growth;
    stmt_check check;
    stmt_reset reset;
    stmt_setting setting;
  } u;
  char *target; /* the memory a conversion's unit is written in, kept from line to line */
  size_t target_size;
} stmt_result;

/* An empty result (STMT_VALUE, the value 0), ready for stmt_line. */
void stmt_result_init(stmt_result *r);
/* Frees everything r holds, owned strings included; stmt_result_init
 * makes it ready again. */
void stmt_result_clear(stmt_result *r);
/* Makes a result ready for the next line, as stmt_result_clear then
 * stmt_result_init would, but keeping the memory of its two values (a
 * context reuses one result for all its lines). */
void stmt_result_reset(stmt_result *r);
/* The conversion of a result (STMT_CONVERT, STMT_COUNT, STMT_RANGE), or
 * NULL. */
const stmt_convert *stmt_conversion(const stmt_result *r);

/* The key of the note on the other reading of r's KB..YB spellings under
 * the reading `binary` (for session_given); false when r used none. */
bool stmt_reading_key(const stmt_result *r, bool binary, char *key, size_t size);

/* Runs one line in the session of env into r (from stmt_result_init): an
 * assignment binds, "reset" forgets, ans is updated on success. `defs`
 * reads "NAME = !NAME". */
int stmt_line(eval_env *env, defs_reader *defs, const char *src, size_t len, stmt_result *r, err *e);

#endif
