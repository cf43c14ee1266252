/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* qpool.h -- initialised rationals kept for reuse, per thread. */
#ifndef DS_QPOOL_H
#define DS_QPOOL_H

#include <gmp.h>

/* q = 0: mpq_init, or a rational kept by qpool_clear. */
void qpool_init(mpq_ptr q);
/* mpq_clear, or q kept for the next qpool_init on this thread. */
void qpool_clear(mpq_ptr q);
/* Frees the rationals kept on the calling thread. */
void qpool_free(void);

#endif
