/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* suggest.h -- what a failed lookup of a name says. */
#ifndef DS_SUGGEST_H
#define DS_SUGGEST_H

#include <stdbool.h>
#include <stddef.h>

#include "units.h"

/* Fills `buf` with the reason a name is unknown: an ambiguity with its
 * candidates, or "did you mean" a close spelling among units and `extra`
 * names. Returns true when the name is an ambiguous spelling. */
bool suggest_explain(const units *r, const char *name, size_t len, const char *const *extra, size_t nextra, char *buf,
                     size_t bufsz);

#endif
