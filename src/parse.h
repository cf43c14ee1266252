/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* parse.h -- precedence climbing from tokens to a statement. */
#ifndef DS_PARSE_H
#define DS_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "ast.h"
#include "claim.h"
#include "err.h"

typedef enum {
  CONV_NONE,  /* no conversion */
  CONV_UNIT,  /* to a unit expression (or catalogue item) */
  CONV_AUTO,  /* to auto: best SI prefix */
  CONV_IEC,   /* to iec: best IEC prefix */
  CONV_WORDS, /* to words: scale words */
  CONV_EQUIV  /* to equivalents (or "compare X"): a table of catalogue items */
} parse_conv;

typedef struct {
  ast *expr;                       /* the value */
  bool assign;                     /* NAME = expr */
  bool reset;                      /* "reset" or "reset NAME": name_start == name_end for all */
  bool check;                      /* "check A = B": expr is A, target is B */
  claim claim;                     /* check: the relation and a multiplier in words */
  bool item_range;                 /* "to photos range": the catalogue's low .. high too */
  int set_decimal_comma;           /* "set decimal-comma on" (1) or "off" (-1); 0 otherwise */
  size_t name_start, name_end;     /* the name bound, when assign */
  parse_conv conv;                 /* conversion requested */
  ast *target;                     /* unit expression for CONV_UNIT */
  size_t target_start, target_end; /* the target as written */
} parse_stmt;

/* Is this name a built-in function (sqrt, min, ...)? Decided by eval. */
typedef bool (*parse_is_fn)(const char *name, size_t len);

/* Parses one line into *st, nodes from `ar`. Returns DS_OK or an error in
 * *e: DS_E_INCOMPLETE when the line ends inside an open parenthesis. A
 * byte-order mark (U+FEFF) at the start of the line is skipped; spans stay
 * offsets into `src`. `decimal_comma`: numbers are written 1.400,5. */
int parse_line(parse_stmt *st, ast_arena *ar, const char *src, size_t len, size_t max_depth, bool decimal_comma,
               parse_is_fn is_fn, err *e);

/* Parses one expression (no conversion, no assignment): definitions files. */
int parse_expr_only(ast **out, ast_arena *ar, const char *src, size_t len, size_t max_depth, parse_is_fn is_fn, err *e);

#endif
