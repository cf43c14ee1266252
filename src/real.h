/* real.h -- irrational functions of exact intervals, through MPFR. */
#ifndef DS_REAL_H
#define DS_REAL_H

#include <gmp.h>
#include <stddef.h>

#include "num.h"

/* Irrational functions, computed with MPFR at `prec` bits, on each bound
 * (all are monotone increasing). DS_E_DOMAIN outside their domain. */
enum { REAL_SQRT, REAL_LN, REAL_LOG10, REAL_LOG2, REAL_EXP, REAL_LN1P /* ln(1 + x) */ };
int real_fn(num *r, const num *a, int fn, long prec, size_t maxbits);
/* r = a^b for a positive point or range a and a non-integer exponent b. */
int real_pow(num *r, const num *a, const mpq_t b, long prec, size_t maxbits);
/* The work of real_fn(a, fn) (or of real_pow, fn -1) at `prec` bits,
 * estimated before it runs. */
unsigned long long real_work_fn(const num *a, long prec, int fn);

#endif
