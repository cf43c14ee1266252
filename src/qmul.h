/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* qmul.h -- products and quotients of small rationals in native integers. */
#ifndef DS_QMUL_H
#define DS_QMUL_H

#include <gmp.h>
#include <stdbool.h>

/* r = a * b, or a / b when div, when every part of a and b has one or two
 * limbs and the result's parts fit in two; false (r untouched) otherwise,
 * or when a part is zero: the caller then asks GMP. r may be a or b. */
bool qmul_small(mpq_ptr r, mpq_srcptr a, mpq_srcptr b, bool div);

#endif
