/* defs.h -- reader for definitions files (data/units.def syntax). */
#ifndef DS_DEFS_H
#define DS_DEFS_H

#include <stddef.h>

#include "ctx.h"
#include "err.h"

/* Loads a definitions buffer into ctx's registry and resolves every unit in
 * it; a UTF-8 byte-order mark at its start is skipped. On error, e holds
 * "FILE:LINE:COLUMN: message" with code DS_E_DEFS and the registry is as it
 * was before the call. */
int defs_load(ds_ctx *ctx, const char *text, size_t len, const char *file, err *e);

/* Loads the built-in definitions (data/units.def and data/catalog.def)
 * without resolving them: each unit is resolved on first use (defs_resolve,
 * defs_item_ready), so a one-shot command pays only for the units it uses.
 * Before any other definitions are added, defs_load resolves what is still
 * pending, so a built-in unit always means what the built-in files say,
 * whatever a user file redefines later. */
int defs_load_builtin(ds_ctx *ctx, const char *text, size_t len, const char *file, err *e);

/* Evaluates the definition of unit `idx` (first use), detecting cycles. */
int defs_resolve(ds_ctx *ctx, long idx, err *e);

/* Resolves unit `idx` and, for a catalogue item with a range, the range. */
int defs_item_ready(ds_ctx *ctx, long idx, err *e);

#endif
