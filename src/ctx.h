/* ctx.h -- the session behind ds_ctx: registry, variables, settings, limits. */
#ifndef DS_CTX_H
#define DS_CTX_H

#include <signal.h>
#include <stdbool.h>

#include "ast.h"
#include "datascale.h"
#include "err.h"
#include "map.h"
#include "qty.h"
#include "units.h"

#define CTX_RESOLVE_MAX 64 /* depth of definitions referring to definitions */
#define CTX_EXACT_MAX_BITS 3400000 /* about 10^6 digits: longer exact values are not printed */
#define CTX_PRECISION_MAX (1L << 18) /* the highest MPFR precision, set or reached by refining */

typedef struct {
  char *name;
  char *text; /* the expression as written, for assumptions */
  qty value;
} ctx_var;

struct ds_ctx {
  units reg;                 /* built-in and user definitions */
  map varindex;              /* variable name -> index in vars */
  ctx_var *vars;
  size_t nvars, capvars;
  qty ans;                   /* the previous result */
  bool have_ans;
  bool binary;               /* KB..YB as powers of 1024 */
  int style;                 /* DS_STYLE_* */
  int explain;               /* keep derivations on results: 1 text, 2 Markdown in JSON */
  bool no_warnings;          /* ds_ctx_set_warnings(ctx, 0) */
  long limits[DS_LIMIT_COUNT_];
  err last;                  /* the last error */
  volatile sig_atomic_t cancel; /* set by ds_ctx_cancel */
  long resolving[CTX_RESOLVE_MAX]; /* units being resolved (cycle path) */
  struct eval_out *scratch;  /* reused by ds_eval from line to line (no churn) */
  ast_arena arena;           /* eval_line's parse trees, reset per line */
  bool defs_pending;         /* built-in units not resolved yet (defs_load_builtin) */
  unsigned long long work;   /* work done by the current call (DS_LIMIT_WORK): eval_charge */
  int nresolving;
};

/* Binds (or rebinds) a session variable; false when memory runs out. */
bool ctx_set_var(ds_ctx *ctx, const char *name, size_t len, const qty *v, const char *text, size_t tlen);
/* The variable's index, or -1. */
long ctx_find_var(const ds_ctx *ctx, const char *name, size_t len);
/* Removes a variable (reset); false when it did not exist. */
bool ctx_unset_var(ds_ctx *ctx, const char *name, size_t len);

#endif
