/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* eval.h -- from a parsed line to a quantity. */
#ifndef DS_EVAL_H
#define DS_EVAL_H

#include <stdbool.h>

#include <stdatomic.h>

#include "ast.h"
#include "parse.h"
#include "session.h"

#define EVAL_MAX_LEGACY 4
#define EVAL_MAX_VARS 16
#define EVAL_MAX_TERMS 24
#define EVAL_MAX_NOTES 4
#define EVAL_MAX_BITSIZES 8

/* The evaluator's own state, apart from the session it reads: the arena
 * of parse trees (reused from line to line), the work done by the current
 * call (DS_LIMIT_WORK: a line, a definitions file or a conversion has one
 * budget, shared with the definitions resolved on the way) and the cancel
 * flag it watches. */
typedef struct eval eval;

/* growth() and project() are estimates (estimate.c) that evaluate their own
 * arguments: the walker reaches them through this hook, which the API
 * installs, so this module does not depend on the one above it. */
typedef int (*eval_estimate_fn)(eval *E, const ast *call, int op, qty *out);

typedef struct {
  session *s;
  ast_arena arena;
  unsigned long long work;
  const atomic_int *cancel;  /* set by ds_ctx_cancel, or NULL */
  eval_estimate_fn estimate; /* growth() and project(), or NULL */
} eval_env;

void eval_env_init(eval_env *env, session *s, const atomic_int *cancel);
void eval_env_free(eval_env *env);

/* A name the value used, for the derivation (explain.c). */
typedef struct {
  char spelling[48]; /* as written ("TB", "photos") */
  long unit;         /* registry index, or -1 */
  long var;          /* session variable, or -1 */
  const void *pf;    /* the prefix (const prefix *), or NULL */
  bool legacy;       /* a KB..YB spelling */
  qty value;         /* its value in base units, as used */
} eval_term;

/* Sizes spelled Tb, Pb, Eb (any SI prefix from tera up, on the bit's
 * symbol b): bits, though headlines often write them for bytes. eval_name
 * records each one as it is used, and eval_chain marks those divided by a
 * time (10 Tb/s: a rate, where bits are what people mean). */
typedef struct {
  char spelling[EVAL_MAX_BITSIZES][4]; /* "Tb" */
  size_t at[EVAL_MAX_BITSIZES];        /* where it starts in the line */
  bool rate[EVAL_MAX_BITSIZES];        /* divided by a time */
  int n;
} eval_bitsizes;

/* What the last estimate a value ran (growth() or project()) assumed, as
 * its arguments are written, for the note on it (word_estimate_note). */
typedef struct {
  int op;         /* F_GROWTH or F_PROJECT; 0: none */
  char *period;   /* F_GROWTH: its period as written (as estimate_growth.period) */
  bool bare;      /* F_GROWTH: the period is an expression, one period of itself */
  bool range;     /* F_GROWTH: FROM or TO is a range */
  char *over;     /* F_GROWTH: OVER; F_PROJECT: T; digits grouped */
  char *rate;     /* F_PROJECT: RATE, digits grouped */
  bool by_growth; /* F_PROJECT: RATE is a growth(...) */
  bool linear;    /* F_PROJECT: the same change each period, not the same percentage */
  bool of_start;  /* F_PROJECT, linear: RATE is a percentage of Q */
  bool mixed;     /* the value ran projections of both models */
  char *working;  /* when explaining: the formulas with their numbers, a line each, of every estimate the value ran */
} eval_assumed;

/* What an evaluation used, recorded by the walker as it goes: for the
 * note on the other reading of KB..YB, the assumptions of a result and the
 * derivation. */
typedef struct {
  char legacy[EVAL_MAX_LEGACY][16]; /* the KB..YB spellings used */
  int nlegacy;
  bool calendar;            /* a month or year was used */
  long vars[EVAL_MAX_VARS]; /* the session variables the value used */
  int nvars;
  long items[EVAL_MAX_VARS]; /* the catalogue items (registry indices) used */
  int nitems;
  eval_term terms[EVAL_MAX_TERMS]; /* names used, in order of first use (when explaining) */
  int nterms;
  char *notes[EVAL_MAX_NOTES]; /* how the input was read ("1.400 is read as 1.4 ..."), owned, each once */
  int nnotes;
  eval_bitsizes bits;   /* sizes spelled Tb, Pb, ...: bits */
  eval_assumed assumed; /* what an estimate assumed (owned strings) */
} eval_used;

/* The walker's state for one expression. */
struct eval {
  eval_env *env;
  session *ctx; /* env->s */
  const char *src;
  size_t len;
  err *e;
  bool defs;   /* evaluating a definition: no variables, no ans */
  bool binary; /* reading of KB..YB in force */
  size_t maxbits;
  long prec;          /* MPFR precision for irrational steps */
  eval_used *used;    /* what was used is recorded here (NULL: not recorded) */
  bool decimal_comma; /* numbers were read 1.400,5 (never in a definition) */
  /* Sizes spelled Tb, Pb, ... (eval_bitsizes) read as TB, PB, ... here:
   * the offsets where they start in the line (see stmt.c), or NULL. */
  const size_t *bytes_at;
  int nbytes_at;
};

/* The built-in functions: one table for the evaluator, completion and help. */
enum { F_SQRT, F_LN, F_LOG10, F_LOG2, F_EXP, F_ABS, F_ROUND, F_FLOOR, F_CEIL, F_MIN, F_MAX, F_GROWTH, F_PROJECT };
typedef struct {
  const char *name;
  int op;          /* F_* */
  size_t min, max; /* number of arguments */
} eval_fn;
extern const eval_fn eval_fns[];
extern const size_t eval_nfns;

/* An empty record. */
void eval_used_init(eval_used *u);
/* Frees what u holds (the terms' values) and empties it. */
void eval_used_clear(eval_used *u);

/* Sets up E to evaluate src[0..len) in env, recording what it uses into
 * `used` (may be NULL), under the session's reading and limits. */
void eval_init(eval *E, eval_env *env, const char *src, size_t len, err *e, eval_used *used);
/* Evaluates node n into out; DS_OK or an error in E->e with n's span. */
int eval_node(eval *E, const ast *n, qty *out);
/* A name: ans, a variable, a unit (with prefixes and plurals). */
int eval_name(eval *E, const ast *n, qty *out);
/* Charges w steps of work to the current call; DS_E_LIMIT past the limit. */
int eval_charge(eval *E, const ast *n, unsigned long long w);
/* Charges one step on a and b at n (num_work), unless the size limit
 * refuses it at once: its error then says "result too large". */
int eval_charge_op(eval *E, const ast *n, const num *a, const num *b, bool product);
/* Maps a num.c status to a message at n ("result too large: ..."). */
int eval_numerr(eval *E, int st, const ast *n, const char *what);
/* A count of items as a size (items_to_size), with errors at n. */
int eval_items_to_size(eval *E, const ast *n, qty *q);
/* "dimension mismatch: cannot VERB A and B" at n. */
int eval_dimerr(eval *E, const ast *n, const char *verb, const qty *a, const qty *b);
/* The session variable named s[0..len) (never in a definition), or -1. */
long eval_var(const eval *E, const char *s, size_t len);
/* Records variable v as an assumption of the result. */
void eval_note_var(eval *E, long v);
/* Records a note on how the input was read (printf-style), once, when E
 * records what it uses and is not reading a definition. */
void eval_note(eval *E, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Finds a name as a unit (units_lookup) or, failing that, as a catalogue
 * item in any case or written with spaces or hyphens (units_find_item).
 * False when neither finds exactly one. */
bool eval_lookup(const eval *E, const char *s, size_t len, units_match *m);
/* The function a call node n calls (F_*), or -1 when n is not a call of a
 * built-in function. */
int eval_call_op(const eval *E, const ast *n);
/* Has the caller asked the evaluation to stop? */
static inline bool eval_cancelled(const eval *E) {
  return E->env->cancel && atomic_load_explicit(E->env->cancel, memory_order_relaxed);
}

/* Evaluates a definition's expression (no variables) under the given
 * reading of KB..YB; `used` (may be NULL) collects the KB..YB spellings. A
 * "!name" definition is handled by defs.c, not here. */
int eval_definition(eval_env *env, const char *src, size_t len, bool binary, qty *out, eval_used *used, err *e);

/* Is `name` a built-in function? */
bool eval_is_fn(const char *name, size_t len);

/* Why `name` can name no unit: "is a function", "is a word of the
 * language" (to, per, range, check, ...: the words the parser gives a
 * meaning) or "names the previous result" (ans, _); NULL when it can. A
 * unit by such a name would be defined and never used. */
const char *eval_reserved(const char *name, size_t len);

/* Converts `x` (in base units of `d`) to the unit expression `unit`: sets
 * *factor to the unit's value. For ds_convert_many. */
int eval_unit(eval_env *env, const char *unit, size_t len, qty *out, err *e);

#endif
