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

#endif
