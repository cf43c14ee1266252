/* defs.h -- reader for definitions files (data/units.def syntax). */
#ifndef DS_DEFS_H
#define DS_DEFS_H

#include <stddef.h>

#include "ctx.h"
#include "err.h"

/* Loads a definitions buffer into ctx's registry and resolves every unit in
 * it. On error, e holds "FILE:LINE:COLUMN: message" with code DS_E_DEFS and
 * the registry is as it was before the call. */
int defs_load(ds_ctx *ctx, const char *text, size_t len, const char *file, err *e);

/* Evaluates the definition of unit `idx` (first use), detecting cycles. */
int defs_resolve(ds_ctx *ctx, long idx, err *e);

#endif
