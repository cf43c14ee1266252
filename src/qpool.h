/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* qpool.h -- initialised rationals kept for reuse, per thread (qpool.c). */
#ifndef DS_QPOOL_H
#define DS_QPOOL_H

#include <gmp.h>

#define QPOOL 32      /* rationals kept at most, per thread */
#define QPOOL_LIMBS 4 /* and only those of at most this many limbs a side */

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

typedef struct {
  __mpq_struct q[QPOOL];
  int n;
} qpool;

extern _Thread_local qpool qpool_kept;

/* q = 0: a rational kept by qpool_clear, else mpq_init. The fields are
 * gmp.h's own (its macros read them); a kept rational's denominator
 * always has a limb. Inline: a batch line takes and gives about 50. */
static inline void qpool_init(mpq_ptr q) {
  if (QPOOL_ON && qpool_kept.n) {
    *q = qpool_kept.q[--qpool_kept.n];
    q->_mp_num._mp_size = 0;
    q->_mp_den._mp_size = 1;
    q->_mp_den._mp_d[0] = 1;
  } else {
    mpq_init(q);
  }
}

/* mpq_clear, or q kept for the next qpool_init on this thread. */
static inline void qpool_clear(mpq_ptr q) {
  if (QPOOL_ON && qpool_kept.n < QPOOL && q->_mp_num._mp_alloc <= QPOOL_LIMBS && q->_mp_den._mp_alloc >= 1 &&
      q->_mp_den._mp_alloc <= QPOOL_LIMBS)
    qpool_kept.q[qpool_kept.n++] = *q;
  else mpq_clear(q);
}

/* d = s: mpq_set, with no call when both parts of s fit one limb and d
 * has room (most unit arithmetic; a rational once set keeps its limbs). */
static inline void qpool_set(mpq_ptr d, mpq_srcptr s) {
  int ns = s->_mp_num._mp_size;
  if (ns >= -1 && ns <= 1 && s->_mp_den._mp_size == 1 && d->_mp_num._mp_alloc >= 1 && d->_mp_den._mp_alloc >= 1) {
    if (d == s) return;
    d->_mp_num._mp_d[0] = s->_mp_num._mp_d[0];
    d->_mp_num._mp_size = ns;
    d->_mp_den._mp_d[0] = s->_mp_den._mp_d[0];
    d->_mp_den._mp_size = 1;
  } else {
    mpq_set(d, s);
  }
}

/* Frees the rationals kept on the calling thread. */
void qpool_free(void);

#endif
