/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * datascale.h -- the public interface of libdatascale.
 *
 * libdatascale evaluates lines of the datascale expression language (exact
 * rational arithmetic on GMP, data units, ranges) and renders the result as
 * text for people and as JSON for programs.
 *
 * Rules that hold for every function here:
 *  - Fallible functions return a status: DS_OK (0) or a positive DS_E_*.
 *  - Handles are opaque. `_new` creates, `_free` destroys; freeing NULL is a
 *    no-op. No function consumes (frees) its arguments.
 *  - A returned `const char *` is borrowed: it stays valid until the owning
 *    object is freed (results) or until the next call on the context.
 *  - A returned `char *` belongs to the caller and is released with ds_free().
 *  - A NULL handle (ds_ctx *, ds_result *) is never dereferenced: the call
 *    does nothing and returns the neutral value given with each function
 *    ("NULL: ..."), DS_E_ARG for a status. Other invalid arguments give
 *    DS_E_ARG too, with the message on the context (ds_ctx_errmsg).
 *  - Each context is independent; different contexts may be used from
 *    different threads at once. One context must not be used by two threads
 *    at the same time, except for ds_ctx_cancel().
 *  - The library never prints, exits, aborts, installs signal handlers or
 *    replaces GMP's allocator. Sizes are bounded before GMP is asked.
 */
#ifndef DATASCALE_H
#define DATASCALE_H

#include <stddef.h>

/* DS_VERSION ("MAJOR.MINOR.PATCH"), DS_VERSION_MAJOR, DS_VERSION_MINOR,
 * DS_VERSION_PATCH, DS_VERSION_NUMBER (MAJOR * 1000000 + MINOR * 1000 +
 * PATCH) and DS_ABI (bumped on every incompatible change of this header),
 * written by configure from configure.ac. */
#include "datascale_version.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The library is compiled with hidden visibility; what this header declares
 * is its exported interface, and nothing else is. */
#ifdef __GNUC__
#pragma GCC visibility push(default)
#endif

/* Status codes. */
enum {
  DS_OK = 0,
  DS_E_SYNTAX = 1,     /* malformed expression */
  DS_E_INCOMPLETE = 2, /* input ends inside an open parenthesis: ask for more */
  DS_E_UNKNOWN = 3,    /* unknown or ambiguous name */
  DS_E_DIMENSION = 4,  /* dimensions do not match */
  DS_E_DOMAIN = 5,     /* division by zero, sqrt of a negative, ... */
  DS_E_LIMIT = 6,      /* a resource limit (depth, size, length) was reached */
  DS_E_ENCODING = 7,   /* invalid UTF-8 or a control byte */
  DS_E_DEFS = 8,       /* error in a definitions file */
  DS_E_NOMEM = 9,      /* out of memory */
  DS_E_CANCELLED = 10, /* ds_ctx_cancel() was called */
  DS_E_ARG = 11        /* invalid argument to an API function */
};

/* Limits, read and set with ds_ctx_limit(). */
enum {
  DS_LIMIT_DEPTH = 0,       /* nesting depth of an expression (default 1000) */
  DS_LIMIT_LINE = 1,        /* bytes in one line (default 1 MiB) */
  DS_LIMIT_RESULT_BITS = 2, /* bits in any number computed (default 2^24) */
  DS_LIMIT_DIGITS = 3,      /* significant digits shown (default 6) */
  DS_LIMIT_PRECISION = 4,   /* bits of MPFR precision for sqrt, ln, ... (default 128) */
  DS_LIMIT_WORK = 5,        /* work one call may do, in millions of steps (default 512) */
  DS_LIMIT_COUNT_ = 6
};

typedef struct ds_ctx ds_ctx;       /* a session: variables, settings, limits */
typedef struct ds_result ds_result; /* one evaluated line */

/* Version of the library as a string (its DS_VERSION) and its ABI number
 * (its DS_ABI). */
const char *ds_version(void);
int ds_abi(void);

/* Releases a string returned by the library as `char *`. NULL: nothing. */
void ds_free(void *p);

/* Short English description of a status code; never NULL. */
const char *ds_strerror(int status);

/* Creates a context with the built-in definitions loaded. Returns NULL only
 * when memory runs out. */
ds_ctx *ds_ctx_new(void);
void ds_ctx_free(ds_ctx *ctx); /* NULL: nothing */

/* Reads or changes a limit: returns the value in force before the call, and
 * sets it to `value` when value >= 0. Values are clamped to a safe range.
 * Returns -1 for an unknown limit id. NULL: -1. */
long ds_ctx_limit(ds_ctx *ctx, int id, long value);

/* The setters below return DS_OK, or DS_E_ARG for a NULL context or a value
 * they do not know (the message is then on the context), and then change
 * nothing. A setter that succeeds leaves the last error as it was. */

/* Binary reading: when on (non-zero), KB MB GB TB PB EB ZB YB are powers of
 * 1024. ds_ctx_binary() gives 1 when on; NULL: 0. */
int ds_ctx_set_binary(ds_ctx *ctx, int on);
int ds_ctx_binary(const ds_ctx *ctx);

/* Decimal comma: when on (non-zero), lines are read and results written as
 * German, Spanish or Italian copy writes numbers: ',' is the decimal comma
 * and '.' groups thousands (1.400,5). Off by default. The JSON numbers, the
 * exact fractions and the terse text keep the decimal point. A line "set
 * decimal-comma on|off" changes it too. ds_ctx_decimal_comma() gives 1 when
 * on; NULL: 0. */
int ds_ctx_set_decimal_comma(ds_ctx *ctx, int on);
int ds_ctx_decimal_comma(const ds_ctx *ctx);

/* Text style of results. */
typedef enum {
  DS_STYLE_NORMAL = 0, /* the text the command prints (the default) */
  DS_STYLE_EXACT = 1   /* adds the exact rational and its full decimal expansion */
} ds_style;
int ds_ctx_set_style(ds_ctx *ctx, ds_style style);

/* Where the variables set from now on come from, as their assumptions
 * say ("--assume"; at most 63 bytes are kept); NULL or "" for the session
 * itself ("set in this session"). DS_OK; NULL: DS_E_ARG. */
int ds_ctx_set_source(ds_ctx *ctx, const char *source);

/* Warnings (notes on results), set by ds_ctx_set_warnings. */
typedef enum {
  DS_WARNINGS_OFF = 0,  /* none; the second evaluation under the other reading of KB..YB is skipped
                           unless the text needs it (a count of items). For batch work that discards them */
  DS_WARNINGS_ON = 1,   /* every note in full (the default) */
  DS_WARNINGS_BATCH = 2 /* for a batch that shows each note once: once the note on the other reading
                           of some KB..YB spellings has been given in full, a later line that uses the
                           same spellings gets only its first part ("MB read as decimal (powers of
                           1000)"), without the second evaluation its figure needs */
} ds_warnings;
/* Sets the warnings: a ds_warnings value (any other non-zero value is
 * DS_WARNINGS_ON). Each call forgets the notes given so far. */
int ds_ctx_set_warnings(ds_ctx *ctx, int on);

/* Derivations kept on results (ds_result_explain). */
typedef enum {
  DS_EXPLAIN_OFF = 0,     /* none (the default) */
  DS_EXPLAIN_TEXT = 1,    /* both forms kept; the JSON "explain" key has the plain text */
  DS_EXPLAIN_MARKDOWN = 2 /* both forms kept; the JSON "explain" key has the Markdown */
} ds_explain;
int ds_ctx_set_explain(ds_ctx *ctx, ds_explain mode);

/* Listings for interactive use, each a new string of lines (ds_free):
 * ds_ctx_completions: every name starting with `prefix` that the language
 *   accepts (units with their prefixed forms, catalogue items and their
 *   display names such as "hours of HD video", variables, functions as
 *   "name("), sorted, one a line;
 * ds_ctx_units: units and items with a word (in a spelling, the definition
 *   or the description; words are runs of letters and digits) that starts
 *   with `filter`, in any case, several words of `filter` matching words in
 *   a row (NULL or "" for all): "name (spellings) = definition --
 *   description";
 * ds_ctx_assumptions: every assumption in force, one a line, "NAME = VALUE
 *   -- where it came from": the catalogue (source, year), a units file
 *   (path and line), or the session ("set in this session", or the source
 *   given by ds_ctx_set_source such as "--assume"), with the catalogue
 *   value a session's value replaced;
 * ds_ctx_assumptions_changed: the same, only what differs from the
 *   catalogue;
 * ds_ctx_units_json: the units and items ds_ctx_units lists, as JSON Lines:
 *   one object a line with "kind" ("unit" or "item"), "name", "plural",
 *   "spellings" (the other names), "definition" and "bytes" (the value in
 *   bytes, null for a unit that is not of information); an item adds
 *   "range", "low", "high", "about", "source", "url", "year", "reading",
 *   "compare" and "overridden" (the session's value of it, or null). It
 *   resolves the definitions it lists, so the context is not const.
 * NULL: NULL (as when memory runs out). */
char *ds_ctx_completions(const ds_ctx *ctx, const char *prefix);
char *ds_ctx_units(const ds_ctx *ctx, const char *filter);
char *ds_ctx_assumptions(const ds_ctx *ctx);
char *ds_ctx_assumptions_changed(const ds_ctx *ctx);
char *ds_ctx_units_json(ds_ctx *ctx, const char *filter);

/* Loads definitions (the syntax of data/units.def) from a buffer; a UTF-8
 * byte-order mark at its start is skipped. `name` is used in messages as
 * FILE:LINE:COLUMN. On error nothing of the buffer is kept and the message
 * is available from ds_ctx_errmsg(). `text` may be NULL when `len` is 0;
 * `name` must not be NULL (DS_E_ARG). */
int ds_ctx_load_defs(ds_ctx *ctx, const char *text, size_t len, const char *name);

/* Evaluates one line (not NUL-terminated: `len` bytes); a UTF-8 byte-order
 * mark at its start is skipped (columns still count it). On success *out is a
 * new result. On failure *out is still a result (ok == 0) carrying the error,
 * so JSON rows stay aligned with inputs; the context keeps the same error.
 * `out` may be NULL when only the status matters. `src` may be NULL when
 * `len` is 0. For DS_E_ARG (a NULL context, a NULL `src` with a length) and
 * when memory runs out, *out is NULL.
 *
 * "EXPR with NAME = VALUE[, NAME = VALUE...]" evaluates EXPR with those
 * assumptions for this line only (the session is as it was afterwards);
 * the text starts "with NAME = VALUE: " and those assumptions' source is
 * "this line only (with)". "EXPR for NAME in V1, V2, ..." (a comma and a
 * blank between values) or "EXPR for NAME in LOW .. HIGH step S" is a
 * sweep of at most 100 values: one row per value (ds_result_row), each
 * the result of "EXPR with NAME = V", and the line's text is the table of
 * them; ans stays as it was. A sweep fails only when every row fails;
 * otherwise it succeeds and its failed rows say why. */
int ds_eval(ds_ctx *ctx, const char *src, size_t len, ds_result **out);

/* Requests that the evaluation running on `ctx` stops with DS_E_CANCELLED.
 * It only stores to a lock-free atomic_int, so it is safe to call from
 * another thread and from a signal handler. The flag is cleared when the
 * next evaluation starts. NULL: nothing. */
void ds_ctx_cancel(ds_ctx *ctx);

/* The last error on the context: status, message (borrowed) and the byte span
 * [start, end) of the offending text in the evaluated line (-1 when none).
 * NULL: DS_E_ARG, ds_strerror(DS_E_ARG), -1 and -1. */
int ds_ctx_errcode(const ds_ctx *ctx);
const char *ds_ctx_errmsg(const ds_ctx *ctx);
long ds_ctx_error_start(const ds_ctx *ctx);
long ds_ctx_error_end(const ds_ctx *ctx);

/* Converts `n` numbers from unit `from` to unit `to` (unit expressions such
 * as "TB" or "MB/s"), writing out[i] = in[i] from / to as doubles. `in` and
 * `out` may be the same array. The conversion factor is exact; each element
 * is rounded once. `in` and `out` may be NULL when `n` is 0. */
int ds_convert_many(ds_ctx *ctx, const double *in, double *out, size_t n, const char *from, const char *to);

/* Results. For a NULL result the accessors give what a failed line gives
 * where it has no value: ok 0, status DS_E_ARG, "" for the strings that are
 * never NULL, NULL for those that may be, NaN, 0 counts and column 0. */
void ds_result_free(ds_result *r); /* NULL: nothing */

/* 1 when the line evaluated, 0 when it failed. NULL: 0. */
int ds_result_ok(const ds_result *r);
/* The status of the line (DS_OK or the error). NULL: DS_E_ARG. */
int ds_result_status(const ds_result *r);
/* The line as evaluated (borrowed). NULL: "". */
const char *ds_result_input(const ds_result *r);
/* The human line exactly as the command prints it; for an error, the
 * message. NULL: "". */
const char *ds_result_text(const ds_result *r);
/* The number alone, for scripts: no grouping, no unit, no "≈"; a range as
 * "LOW..HIGH". "" for an error. NULL: "". */
const char *ds_result_terse(const ds_result *r);
/* The unit the value is expressed in ("" when dimensionless). NULL: "". */
const char *ds_result_unit(const ds_result *r);
/* The value as a double in that unit; NaN for a range or an error. NULL: NaN. */
double ds_result_value(const ds_result *r);
/* The exact value as "N" or "N/D", or NULL when not exact or a range.
 * NULL: NULL. */
const char *ds_result_exact(const ds_result *r);
/* 1 when the result is a range; its bounds as doubles (NaN for a point) and
 * exact strings (NULL when inexact or a point). NULL: 0, NaN, NULL. */
int ds_result_is_range(const ds_result *r);
double ds_result_low(const ds_result *r);
double ds_result_high(const ds_result *r);
const char *ds_result_low_exact(const ds_result *r);
const char *ds_result_high_exact(const ds_result *r);
/* A claim check ("check A REL B") as facts, not only text: the verdict
 * ("holds", "close", "plausible" or "off"; NULL when the line is no
 * check); the relative difference claimed / actual - 1; the actual figure
 * the claim is measured against (the ratio A / C or A / B, or for a count
 * of items against a size the count at the assumed size, or the size of
 * the items claimed in bytes); for a count, the size of one item the claim
 * implies, in bytes (NaN otherwise); and the reading of KB..QB the verdict
 * was reached in ("decimal", "1024-based", or the words of another reading
 * the claim holds in: "TB is read as TiB and the 3 MB photo as 3 MiB").
 * NULL: NULL, NaN. */
const char *ds_result_verdict(const ds_result *r);
double ds_result_off(const ds_result *r);
double ds_result_actual(const ds_result *r);
double ds_result_implied(const ds_result *r);
const char *ds_result_reading(const ds_result *r);
/* What a result counts ("photo": a count of catalogue items, the check of
 * one, or a conversion to one), or NULL; and the count (NaN when it counts
 * nothing or is a range). NULL: NULL, NaN. */
const char *ds_result_item(const ds_result *r);
double ds_result_count(const ds_result *r);
/* The rows of a sweep ("EXPR for NAME in ..."): how many (0 for any other
 * line) and each, borrowed from r (NULL past the end). NULL: 0, NULL. */
size_t ds_result_row_count(const ds_result *r);
const ds_result *ds_result_row(const ds_result *r, size_t i);
/* For an assignment, the name bound; otherwise NULL. NULL: NULL. */
const char *ds_result_name(const ds_result *r);
/* Warnings (for example a decimal/binary reading that changes the answer).
 * NULL past the end. NULL: 0 and NULL. */
size_t ds_result_warning_count(const ds_result *r);
const char *ds_result_warning(const ds_result *r, size_t i);
/* Assumptions the result used (session variables, later catalogue items):
 * name, value as written, and source. Borrowed strings; NULL past the end.
 * NULL: 0 and NULL. */
size_t ds_result_assumption_count(const ds_result *r);
const char *ds_result_assumption_name(const ds_result *r, size_t i);
const char *ds_result_assumption_value(const ds_result *r, size_t i);
const char *ds_result_assumption_source(const ds_result *r, size_t i);
/* The error's column (1-based, in characters) or 0 when none. NULL: 0. */
long ds_result_error_column(const ds_result *r);

/* The derivation of the result, step by step (plain text, or Markdown when
 * `markdown` is non-zero); NULL unless ds_ctx_set_explain() was on.
 * NULL: NULL. */
const char *ds_result_explain(const ds_result *r, int markdown);

/* The result as one JSON Lines object (no newline): the same keys for every
 * row, as docs/datascale-row.schema.json describes them, version
 * DS_JSON_SCHEMA_VERSION. `line` > 0 is the row's "line" (its input line;
 * null otherwise) and is added to an error object. Caller frees with
 * ds_free(). NULL when memory runs out. NULL: NULL. */
char *ds_result_json(const ds_result *r, long line);
/* The version of the rows' JSON Schema: raised when a key is removed or
 * changes meaning (a new key keeps it). */
#define DS_JSON_SCHEMA_VERSION 1

/* Reading a story: every data-size claim in a text, found and checked.
 *
 * ds_read reads text[0..len) (any bytes: plain text, Markdown or HTML;
 * invalid UTF-8 and tags are problems reported with their place, and the
 * rest is read), finds its data-size claims -- quantities, changes
 * ("more than tripled", "from 400 TB to 1,400 TB"), equivalents
 * ("roughly 490 million images"), transfer times -- and checks each with
 * the semantics of check, in ctx's session (its assumptions count; its
 * ans, decimal comma and explain mode are left as they were). `name` is
 * the file name findings cite (NULL: "-"). DS_OK and *out set (free with
 * ds_story_free) whatever the verdicts; DS_E_ENCODING for a binary file
 * (a NUL byte in its first 64 KiB), DS_E_NOMEM or DS_E_ARG: *out
 * NULL. The text must not change while ds_read runs.
 *
 * Finding i (0 <= i < ds_story_count): its kind ("quantity", "change",
 * "equivalent", "time"), verdict ("holds", "close", "plausible", "off",
 * "unchecked": a figure is missing, the reason says what the claim
 * implies; "reported": nothing is claimed beyond the figures), the quote
 * (its words as in the text, white space folded), the one-sentence
 * reason, the datascale line that reproduces it ("" when none), and where
 * it starts (line and column from 1, the column in characters). Out of
 * range or NULL: NULL or -1. ds_story_text, ds_story_json (JSON Lines:
 * file, line, column, quote, kind, verdict, text, expression, figures) and
 * ds_story_markdown (a fact-check memo) give every finding at once,
 * owned by the story. */
typedef struct ds_story ds_story;
int ds_read(ds_ctx *ctx, const char *text, size_t len, const char *name, ds_story **out);
void ds_story_free(ds_story *s); /* NULL: nothing */
size_t ds_story_count(const ds_story *s);
size_t ds_story_off_count(const ds_story *s);
const char *ds_story_kind(const ds_story *s, size_t i);
const char *ds_story_verdict(const ds_story *s, size_t i);
const char *ds_story_quote(const ds_story *s, size_t i);
const char *ds_story_reason(const ds_story *s, size_t i);
const char *ds_story_expression(const ds_story *s, size_t i);
long ds_story_line(const ds_story *s, size_t i);
long ds_story_column(const ds_story *s, size_t i);
/* Bytes that are not text, and skipped HTML: "3:14: invalid UTF-8, read as a space". */
size_t ds_story_problem_count(const ds_story *s);
const char *ds_story_problem(const ds_story *s, size_t i);
const char *ds_story_text(ds_story *s);
const char *ds_story_json(ds_story *s);
const char *ds_story_markdown(ds_story *s);

#ifdef __GNUC__
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif
#endif /* DATASCALE_H */
