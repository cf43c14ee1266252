/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* dim.h -- dimension vectors: integer exponents of the base dimensions. */
#ifndef DS_DIM_H
#define DS_DIM_H

#include <stdbool.h>

#define DIM_MAX 16       /* base dimensions a context can hold */
#define DIM_EXP_MAX 1000 /* |exponent| bound */

typedef struct {
  short e[DIM_MAX]; /* exponent of each base dimension, index from the registry */
} dim;

void dim_clear(dim *d);
bool dim_is_none(const dim *d);
bool dim_eq(const dim *a, const dim *b);
/* Is d base dimension i to the power 1, and nothing else? */
bool dim_is_base(const dim *d, int i);
/* Is d base dimension i to the power 1 over others to the power 1 or none
 * (MB, MB/s, USD/GB/month)? */
bool dim_is_over(const dim *d, int i);
/* out = a*b or a/b; false when an exponent would pass DIM_EXP_MAX. */
bool dim_mul(dim *out, const dim *a, const dim *b);
bool dim_div(dim *out, const dim *a, const dim *b);
/* out = a^n; false when an exponent would pass DIM_EXP_MAX. */
bool dim_pow(dim *out, const dim *a, long n);
/* out = a^(1/n); false when an exponent is not divisible by n. */
bool dim_root(dim *out, const dim *a, long n);

#endif
