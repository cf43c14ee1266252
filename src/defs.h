/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* defs.h -- reader for definitions files (data/units.def syntax). */
#ifndef DS_DEFS_H
#define DS_DEFS_H

#include <stddef.h>

#include "err.h"
#include "eval.h"

#define DEFS_RESOLVE_MAX 64 /* resolutions started inside the evaluation of a definition */

/* A unit on the resolver's stack, with the units its definition names
 * that were not ready: deps[first .. end) of the reader, deps[next] the
 * next to visit. */
typedef struct {
  long unit;
  size_t first, next, end;
} defs_frame;

/* The definitions reader of a session: it evaluates definitions with the
 * session's evaluator and keeps its own stack of the units being resolved
 * (the depth-first search that orders them, and finds cycles with their
 * path). The stacks live while a resolution runs. */
typedef struct {
  eval_env *env;
  units *reg;        /* &env->s->reg */
  defs_frame *stack; /* units being resolved, outermost first */
  size_t nstack, capstack;
  long *deps; /* their dependencies, a stack too */
  size_t ndeps, capdeps;
  int nested;   /* searches running inside one another */
  bool pending; /* built-in units not resolved yet */
} defs_reader;

/* Sets up a reader for env's session and installs it as the registry's
 * resolver (units_ready), so units are resolved on first use. */
void defs_reader_init(defs_reader *D, eval_env *env);

/* Loads a definitions buffer into the session's registry and resolves every
 * unit in it; a UTF-8 byte-order mark at its start is skipped. On error, e
 * holds "FILE:LINE:COLUMN: message" with code DS_E_DEFS and the registry is
 * as it was before the call. */
int defs_load(defs_reader *D, const char *text, size_t len, const char *file, err *e);

/* Loads the built-in definitions (data/units.def and data/catalog.def)
 * without resolving them: each unit is resolved on first use (units_ready
 * calls the reader back), so a one-shot command pays only for the units it uses.
 * Before any other definitions are added, defs_load resolves what is still
 * pending, so a built-in unit always means what the built-in files say,
 * whatever a user file redefines later. */
int defs_load_builtin(defs_reader *D, const char *text, size_t len, const char *file, err *e);

#endif
