/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* session.h -- what a session knows: the unit registry, the variables,
 * the previous result, the settings and the limits. */
#ifndef DS_SESSION_H
#define DS_SESSION_H

#include <stdbool.h>

#include "datascale.h"
#include "err.h"
#include "map.h"
#include "qty.h"
#include "units.h"

/* A variable bound by an assignment ("photo = 2.86 MB"). */
typedef struct {
  char *name;
  char *text; /* the expression as written, for assumptions */
  qty value;  /* under the reading `binary` */
  /* A value written with KB..QB ("after = 1,400 TB") has the other
   * reading too, as the line that used them has: */
  bool binary;     /* the reading of value */
  bool has_other;  /* other holds the value under the other reading */
  qty other;       /* (when has_other) */
  char legacy[64]; /* the KB..QB spellings it was written with, space-separated, or "" */
  char source[64]; /* where it was set ("--assume"), or "": this session */
} session_var;

#define SESSION_MAX_GIVEN 64 /* keys of notes given (DS_WARNINGS_BATCH) */
#define SESSION_GIVEN_LEN 96 /* the longest key kept */

typedef struct session {
  units reg;    /* built-in and user definitions */
  map varindex; /* variable name -> index in vars */
  session_var *vars;
  size_t nvars, capvars;
  qty ans; /* the previous result */
  bool have_ans;
  bool binary;                                      /* KB..YB as powers of 1024 */
  bool decimal_comma;                               /* numbers read and written 1.400,5 */
  ds_style style;                                   /* DS_STYLE_NORMAL or DS_STYLE_EXACT */
  ds_explain explain;                               /* DS_EXPLAIN_*: keep derivations on results */
  bool no_warnings;                                 /* ds_ctx_set_warnings(ctx, 0) */
  bool brief_repeats;                               /* DS_WARNINGS_BATCH: a note given once comes back brief */
  char given[SESSION_MAX_GIVEN][SESSION_GIVEN_LEN]; /* the keys of the notes given in full */
  unsigned given_hash[SESSION_MAX_GIVEN];           /* session_given_hash of each key */
  int ngiven;
  long limits[DS_LIMIT_COUNT_];
  char source[64]; /* the source of the variables set from now on, or "": this session */
} session;

/* An empty session with the default settings and limits, and an empty
 * registry (the API loads the built-in definitions into it). */
void session_init(session *s);
void session_free(session *s);

/* Reads limit `id` and, when value >= 0, sets it, clamped to the limit's
 * range. Returns the old value, or -1 for an unknown id. */
long session_limit(session *s, int id, long value);

/* Binds (or rebinds) a variable; false when memory runs out. */
bool session_set_var(session *s, const char *name, size_t len, const qty *v, const char *text, size_t tlen);
/* Records that variable i was written with the KB..QB spellings
 * `legacy` (space-separated): its value is under the reading `binary`,
 * and `other` (NULL: the same) under the other one. */
void session_var_reading(session *s, long i, bool binary, const qty *other, const char *legacy);
/* The value of a variable under a reading. */
const qty *session_var_value(const session_var *v, bool binary);
/* The variable's index, or -1. */
long session_find_var(const session *s, const char *name, size_t len);
/* Removes a variable (reset); false when it did not exist. */
bool session_unset_var(session *s, const char *name, size_t len);
/* Checks a line before it is parsed: its length (DS_LIMIT_LINE) and its
 * encoding (lex_check_encoding). DS_OK, or an error in e. */
int session_check_line(const session *s, const char *src, size_t len, err *e);
/* The significant digits a result may be shown with: --digits, the three
 * of counts and checks, the 21 of a derivation. The working precision is
 * raised to what they need. */
int session_digits_shown(const session *s);

/* The notes given in full (DS_WARNINGS_BATCH), by a key their writer
 * chooses: whether `key` was given, and remembering that it was (a key
 * too long, or past SESSION_MAX_GIVEN, is never remembered). */
/* A variable as it was, to be put back (a what-if line's assumptions):
 * `had` whether it existed, and then a copy of it. */
typedef struct {
  bool had;
  session_var v;
} session_saved;

/* Copies the variable `name` (or its absence) into *sv; false when memory
 * runs out. session_restore_var puts it back as it was (or forgets the
 * name) and frees the copy; session_saved_free only frees it. */
bool session_save_var(const session *s, const char *name, size_t len, session_saved *sv);
bool session_restore_var(session *s, const char *name, size_t len, session_saved *sv);
void session_saved_free(session_saved *sv);

bool session_given(const session *s, const char *key);
void session_give(session *s, const char *key);

#endif
