/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* real.h -- irrational functions of exact intervals, through MPFR. */
#ifndef DS_REAL_H
#define DS_REAL_H

#include <gmp.h>
#include <stdbool.h>
#include <stddef.h>

#include "num.h"

/* Irrational functions, computed with MPFR at `prec` bits, on each bound
 * (all are monotone increasing), with a bound of the error of each (see
 * num.h); exact when the result is (sqrt(9/4), log10(1000)). DS_E_DOMAIN
 * outside their domain. */
enum { REAL_SQRT, REAL_LN, REAL_LOG10, REAL_LOG2, REAL_EXP, REAL_LN1P /* ln(1 + x) */ };
int real_fn(num *r, const num *a, int fn, long prec, size_t maxbits);
/* r = a^b for a positive point or range a and a non-integer exponent b;
 * exact when a is an exact power (8^(1/3), (9/4)^(3/2)). */
int real_pow(num *r, const num *a, const mpq_t b, long prec, size_t maxbits);
/* The work of real_fn(a, fn) (or of real_pow, fn -1) at `prec` bits,
 * estimated before it runs. */
unsigned long long real_work_fn(const num *a, long prec, int fn);

/* r = a rounded by mode ('r', 'f', 'c', as num_round) when every value
 * within a's error bound rounds the same: false when that is not certain.
 * The result is exact. */
bool real_round_sure(num *r, const num *a, int mode);
/* out = q's sqrt, log2 or log10 (fn REAL_SQRT, REAL_LOG2, REAL_LOG10)
 * rounded by mode, for an exact q > 0: with integers only, the irrational
 * value is never computed. */
void real_round_exact(mpq_ptr out, mpq_srcptr q, int fn, int mode);

/* The highest MPFR precision, set (DS_LIMIT_PRECISION) or reached by
 * refining a result. */
#define REAL_PRECISION_MAX (1L << 18)
/* Bits of relative accuracy that `digits` correct significant digits
 * need, with 24 to spare so that a rounding boundary is rarely within
 * reach. */
long real_bits_for(int digits);
/* The next precision to try when a step at `prec` bits gave `have` bits of
 * accuracy and `need` are wanted (have is very negative when no bound was
 * known): at least twice as many, up to REAL_PRECISION_MAX. */
long real_more_prec(long prec, long have, long need);
/* The largest error exponent of a and b (b may be NULL): LONG_MIN when
 * both are exact. A refinement that does not lower it cannot help: the
 * value uses an inexact value computed earlier (a variable, a unit). */
long real_err_max(const num *a, const num *b);
/* The relative accuracy in bits of a and of b (b may be NULL), the lesser,
 * two bits on the safe side for a quotient of the two. */
long real_acc(const num *a, const num *b);
/* Why digits are missing, to follow "certain": the precision limit, or
 * (`stale`) an inexact value computed earlier at a lower precision. */
const char *real_uncertain_why(bool stale);

#endif
