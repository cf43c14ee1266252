/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * qpool.c -- initialised rationals kept for reuse, per thread.
 *
 * A line makes and frees about a dozen temporary rationals; mpq_init
 * allocates the denominator's limb and the first mpq_set into a fresh
 * rational reallocates its numerator, so each temporary cost two
 * allocations and two frees (6 % of a batch line). num_init and num_clear
 * take and give rationals here: those of at most QPOOL_LIMBS limbs a side
 * are kept (QPOOL at most), larger ones freed. ds_ctx_free empties the
 * calling thread's pool, as it frees MPFR's caches; a thread that never
 * frees a context leaves at most QPOOL small rationals behind when it ends.
 * Under AddressSanitizer nothing is kept, so that a number used after
 * num_clear is still caught.
 */
#include "qpool.h"

_Thread_local qpool qpool_kept;

void qpool_free(void) {
  while (qpool_kept.n) mpq_clear(&qpool_kept.q[--qpool_kept.n]);
}
