/* num.h -- exact rationals and exact intervals over GMP. */
#ifndef DS_NUM_H
#define DS_NUM_H

#include <gmp.h>
#include <stdbool.h>
#include <stddef.h>

/* A number is an interval [lo, hi] of exact rationals. A plain number has
 * lo == hi and range == false. Results of irrational operations are exact
 * rationals close to the true value, marked inexact. */
typedef struct {
  mpq_t lo, hi;
  bool range;   /* shown as a range ("between ... and ...") */
  bool inexact; /* went through sqrt, ln, exp, a fractional power, ... */
} num;

void num_init(num *n);
void num_clear(num *n);
void num_set(num *dst, const num *src);
void num_set_si(num *n, long v);
void num_set_q(num *n, const mpq_t q);
/* Sets n to the range [a, b] (ordered), marking it a range. */
void num_set_range(num *n, const num *a, const num *b);

/* Bits needed to hold a rational (numerator plus denominator). */
size_t num_qbits(const mpq_t q);
size_t num_bits(const num *n);

/* Arithmetic. Each returns DS_OK, DS_E_LIMIT when the result would pass
 * `maxbits`, or DS_E_DOMAIN (a divisor that is or contains zero). */
int num_add(num *r, const num *a, const num *b, size_t maxbits);
int num_sub(num *r, const num *a, const num *b, size_t maxbits);
int num_mul(num *r, const num *a, const num *b, size_t maxbits);
int num_div(num *r, const num *a, const num *b, size_t maxbits);
void num_neg(num *r, const num *a);
/* r = a^n for an integer n. */
int num_pow_si(num *r, const num *a, long n, size_t maxbits);
/* Whether num_pow_si(a, n) would be refused by the size limit at once. */
bool num_pow_too_big(const num *a, long n, size_t maxbits);
/* The work of num_pow_si(a, n), estimated before it runs. */
unsigned long long num_work_pow_si(const num *a, long n);

/* The work of one arithmetic step on a and b (a product or quotient when
 * `product`), in steps of about a nanosecond on the development machine:
 * linear when one side is small or two integers are added, n log n for a
 * product of two large integers, n log^2 n when gcds of two large numbers
 * are needed (rationals). For DS_LIMIT_WORK. */
unsigned long long num_work(const num *a, const num *b, bool product);
/* The work of a power that gave r (about its last squaring). */
unsigned long long num_work_pow(const num *r);
/* Whether a + b, a * b or a / b would be refused by the size limit at
 * once: the work of a step that cannot happen is not charged. */
bool num_too_big(const num *a, const num *b, size_t maxbits);
/* The limbs GMP works on for n (both bounds of a range), and the bits of
 * a count of limbs l rounded up: the pieces of the work estimates. */
unsigned long long num_limbs(const num *n);
unsigned long long num_log2_ceil(unsigned long long l);

bool num_is_point(const num *n);
bool num_is_zero(const num *n);
bool num_contains_zero(const num *n);
bool num_is_integer(const num *n);
/* -1, 0 or 1 when the whole interval is negative, zero, positive; 2 when it
 * straddles zero. */
int num_sign(const num *n);

/* Decimal text of an integer or a rational ("-7/3"), in memory from malloc:
 * free() it. (mpz_get_str(NULL, ...) uses GMP's allocator, which a program
 * may have replaced.) NULL when memory runs out. */
char *num_zstr(mpz_srcptr z);
char *num_qstr(mpq_srcptr q);

/* Parses a decimal literal: `digits` holds only [0-9] and at most one '.',
 * scaled by 10^exp10. DS_E_LIMIT when it would pass maxbits. */
int num_from_decimal(mpq_t out, const char *digits, size_t len, long exp10, size_t maxbits);
/* The work of num_from_decimal with the same arguments (0 when it would be
 * refused at once, or is read in native integers). */
unsigned long long num_work_decimal(const char *digits, size_t len, long exp10, size_t maxbits);

/* Integer rounding of each bound: mode 'r' (half away from zero), 'f', 'c'. */
void num_round(num *r, const num *a, int mode);
/* The work of comparing the bounds of a and b (mpq_cmp). */
unsigned long long num_work_cmp(const num *a, const num *b);
/* The work of num_round(a). */
unsigned long long num_work_round(const num *a);
void num_abs(num *r, const num *a);

#endif
