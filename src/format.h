/* format.h -- quantities to text for people. Never prints. */
#ifndef DS_FORMAT_H
#define DS_FORMAT_H

#include <gmp.h>
#include <stdbool.h>

#include "buf.h"
#include "ctx.h"
#include "eval.h"

typedef struct {
  char *text;  /* the human line */
  char *unit;  /* the unit shown; "" when none */
  num x;       /* the value in that unit */
  bool calendar; /* the unit chosen is a calendar average (years) */
  int certain;   /* > 0: only this many significant digits of an inexact result were certain (and shown) */
} format_out;

void format_out_init(format_out *f);
void format_out_clear(format_out *f);

/* Renders an evaluated line with the context's digits and style. Returns
 * DS_OK or DS_E_NOMEM. */
int format_result(const ds_ctx *ctx, const eval_out *o, format_out *f);

/* The number only, as --terse prints it ("1400", "0.5..2"):
 * exact when short, else `digits` significant digits. Caller frees; NULL
 * when memory runs out. */
char *format_terse(const num *x, int digits);

/* The warning for a result that depends on the reading of KB..YB, or NULL
 * when the two readings differ by 1 % or less. Caller frees. */
char *format_reading_warning(const ds_ctx *ctx, const eval_out *o, const format_out *f);

/* Appends |x| rounded to `digits` significant digits: grouped ("1,234.5")
 * or plain ("1234.5"), with scientific notation past 10^21. Sets *exact to
 * whether no rounding happened. */
void format_sig(buf *b, const mpq_t x, int digits, bool grouped, bool *exact);

/* Appends a number as a reader sees it: exact when short, "≈ " and
 * `digits` significant digits otherwise. */
void format_number(buf *b, const mpq_t x, bool inexact, int digits);

/* Appends a count the way a newsroom writes it ("≈ 470 million"): two
 * significant figures when within 1 %, else three; "≈ " when `mark`. */
void format_newsroom(buf *b, const mpq_t x, bool inexact, bool mark);

/* How many of the first `want` significant digits of the inexact x are
 * certain: every value within its error bound rounds to them (`want` when
 * x is exact, 0 when not even the first digit is certain). */
int format_certain(const num *x, int want);

/* Appends a bound of |x|'s true value (its largest bound plus the error),
 * rounded up to two significant digits; "unknown" without a bound. */
void format_bound(buf *b, const num *x);

/* The work of writing x for people (a few roundings of it to significant
 * digits), in the steps of num_work: charged before a result is shown. */
unsigned long long format_work(const num *x);
/* The work of writing all the digits of x (its integer part, or the
 * numerator and denominator): a conversion to decimal of its size. */
unsigned long long format_work_digits(const num *x);
/* The work of format_expansion(x): a division of its parts and the
 * decimal string of its integer part. */
unsigned long long format_work_expansion(const num *x);

/* Appends the exact decimal expansion of x, the repeating part in
 * parentheses ("2.(857142)"), at most `maxfrac` digits after the point. */
void format_expansion(buf *b, const mpq_t x, size_t maxfrac);

#endif
