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
  session s;         /* registry, variables, ans, settings, limits */
  eval_env env;      /* the evaluator: parse arena, work counter, cancel flag */
  defs_reader defs;  /* the definitions reader: its resolver stack */
  err last;          /* the last error */
  atomic_int cancel; /* set by ds_ctx_cancel (any thread, a signal handler), cleared by ds_eval */
  stmt_result res;   /* what ds_eval's line evaluated to; reset after each line */
};

#endif
