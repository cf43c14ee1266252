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

#define QPOOL 32
#define QPOOL_LIMBS 4

#if defined(__SANITIZE_ADDRESS__)
#define QPOOL_ON 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define QPOOL_ON 0
#endif
#endif
#ifndef QPOOL_ON
#define QPOOL_ON 1
#endif

static _Thread_local struct {
  __mpq_struct q[QPOOL];
  int n;
} qpool_kept;

/* q = 0, from the pool when it has one. The fields are gmp.h's own (its
 * macros read them): a pooled rational's denominator always has a limb. */
void qpool_init(mpq_ptr q) {
  if (QPOOL_ON && qpool_kept.n) {
    *q = qpool_kept.q[--qpool_kept.n];
    q->_mp_num._mp_size = 0;
    q->_mp_den._mp_size = 1;
    q->_mp_den._mp_d[0] = 1;
  } else {
    mpq_init(q);
  }
}

void qpool_clear(mpq_ptr q) {
  if (QPOOL_ON && qpool_kept.n < QPOOL && q->_mp_num._mp_alloc <= QPOOL_LIMBS &&
      q->_mp_den._mp_alloc >= 1 && q->_mp_den._mp_alloc <= QPOOL_LIMBS)
    qpool_kept.q[qpool_kept.n++] = *q;
  else
    mpq_clear(q);
}

void qpool_free(void) {
  while (qpool_kept.n) mpq_clear(&qpool_kept.q[--qpool_kept.n]);
}

