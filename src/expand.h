/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* expand.h -- exact decimal expansions, the repeating part marked. */
#ifndef DS_EXPAND_H
#define DS_EXPAND_H

#include <gmp.h>

#include "buf.h"
#include "num.h"

/* The work of expand_decimal(x): a division of its parts and the decimal
 * string of its integer part, in the steps of num_work. */
unsigned long long expand_work(const num *x);

/* Appends the exact decimal expansion of x, the repeating part in
 * parentheses ("2.(857142)"), at most `maxfrac` digits after the point. */
void expand_decimal(buf *b, const mpq_t x, size_t maxfrac);

#endif
