/* stmt.h -- one line of the language, run in a session. */
#ifndef DS_STMT_H
#define DS_STMT_H

#include "defs.h"
#include "eval.h"

/* Runs one line in the session of env: an assignment binds, "reset"
 * forgets, ans is updated on success. `defs` reads "NAME = !NAME". What the
 * wording and the derivation need is recorded in out. */
int stmt_line(eval_env *env, defs_reader *defs, const char *src, size_t len, eval_out *out, err *e);

#endif
