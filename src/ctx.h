/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* ctx.h -- the handle behind ds_ctx: a session and the state of each phase. */
#ifndef DS_CTX_H
#define DS_CTX_H

#include <stdatomic.h>
#include <stdbool.h>

#include "datascale.h"
#include "defs.h"
#include "err.h"
#include "eval.h"
#include "session.h"
#include "stmt.h"

struct ds_ctx {
  session s;               /* registry, variables, ans, settings, limits */
  eval_env env;            /* the evaluator: parse arena, work counter, cancel flag */
  defs_reader defs;        /* the definitions reader: its resolver stack */
  err last;                /* the last error */
  atomic_int cancel;       /* set by ds_ctx_cancel (any thread, a signal handler), cleared by ds_eval */
  stmt_result res;         /* what ds_eval's line evaluated to; reset after each line */
  struct ctx_words *words; /* the words of the line, their memory kept from line to line (ctx.c) */
};

/* A call with an invalid argument on a real context: the error is kept on
 * the context like any other, so ds_ctx_errmsg() tells which. */
int ctx_bad_arg(ds_ctx *ctx, const char *what);

/* ds_eval for a line that is no what-if or sweep (scenario.c reads
 * those): the phases of one line, into *out. It does not clear the
 * cancel flag: ds_eval does, once for the whole line. */
int ctx_eval_line(ds_ctx *ctx, const char *src, size_t len, ds_result **out);

/* A result of a line evaluated for a what-if: its input becomes the whole
 * line (input[0..len)); when it succeeded, its text is prefixed with
 * `before` and the assumptions named `names` get `source`. DS_OK or
 * DS_E_NOMEM. */
int ctx_result_whatif(ds_result *r, const char *input, size_t len, const char *before, const char *const *names,
                      size_t nnames, const char *source);

/* A new result for the line src[0..len) that failed with st: the
 * context's last error (its span in that line) as message and column;
 * NULL when memory runs out. */
ds_result *ctx_result_failed(const ds_ctx *ctx, const char *src, size_t len, int st);

/* A new successful result for a sweep: the line, the table as its text
 * and the rows (all three owned by the result from then on), with no
 * single value; NULL when memory runs out (nothing taken). */
ds_result *ctx_result_table(const char *input, size_t len, char *text, ds_result **rows, size_t n);

#endif
