/*
 * out.c -- printing results and errors for the command.
 *
 * One place decides what a line's output looks like in each mode: text,
 * --terse, --json; the caret under the failing column for a single
 * expression; FILE:LINE:COLUMN for batch lines. Batch reading (and SIGINT
 * while a batch runs) is batch.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "cli.h"

#define RED "\x1b[31m"
#define YELLOW "\x1b[33m"
#define RESET "\x1b[0m"

void cli_color_init(cli_state *cs) {
  const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
  bool env_ok = !(nc && *nc) && !(term && strcmp(term, "dumb") == 0);
  if (cs->color == 1) cs->color_out = cs->color_err = true;
  else if (cs->color == 0) cs->color_out = cs->color_err = false;
  else {
    cs->color_out = env_ok && isatty(STDOUT_FILENO);
    cs->color_err = env_ok && isatty(STDERR_FILENO);
  }
  if (cs->json || cs->terse) cs->color_out = false;
}

/* "PREFIX: LABEL: message" with PREFIX "datascale" or FILE:LINE:COLUMN. */
static void cli_vdiag(const cli_state *cs, const char *prefix, const char *label, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));
static void cli_vdiag(const cli_state *cs, const char *prefix, const char *label, const char *fmt, va_list ap) {
  bool err = strcmp(label, "error") == 0;
  fprintf(stderr, "%s: ", prefix);
  if (cs->color_err) fputs(err ? RED : YELLOW, stderr);
  fputs(label, stderr);
  if (cs->color_err) fputs(RESET, stderr);
  fputs(": ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
}

static void cli_diag_at(const cli_state *cs, const char *prefix, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void cli_diag_at(const cli_state *cs, const char *prefix, const char *label, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  cli_vdiag(cs, prefix, label, fmt, ap);
  va_end(ap);
}

void cli_diag(const cli_state *cs, const char *label, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  cli_vdiag(cs, "datascale", label, fmt, ap);
  va_end(ap);
}

static void cli_warnings(const cli_state *cs, const ds_result *r, const char *where) {
  if (cs->quiet || cs->json) return;
  for (size_t i = 0; i < ds_result_warning_count(r); i++)
    cli_diag_at(cs, where ? where : "datascale", "note", "%s", ds_result_warning(r, i));
}

static void cli_print_ok(const cli_state *cs, const ds_result *r) {
  puts(cs->terse ? ds_result_terse(r) : ds_result_text(r));
  const char *ex = cs->explain ? ds_result_explain(r, cs->explain == DS_EXPLAIN_MARKDOWN) : NULL;
  if (ex) printf("%s\n", ex);
}

/* The expression with a caret under the error column (text mode); tabs
 * are copied so the caret lines up. The caller never passes a line the
 * library refused as invalid UTF-8 or for a control byte (DS_E_ENCODING):
 * every other line passed the library's check, so it is safe to echo. */
static void cli_caret(const char *expr, size_t len, long col) {
  if (col <= 0 || len > 200) return;
  fprintf(stderr, "  %.*s\n  ", (int)len, expr);
  long ch = 1;
  for (size_t i = 0; i < len && ch < col; i++) {
    if (((unsigned char)expr[i] & 0xc0) == 0x80) continue;
    fputc(expr[i] == '\t' ? '\t' : ' ', stderr);
    ch++;
  }
  fputs("^\n", stderr);
}

int cli_emit(cli_state *cs, const char *expr, size_t len, const ds_result *r, const char *file, long line) {
  if (cs->json) {
    char *j = ds_result_json(r, file ? line : 0);
    if (!j) {
      fputs("datascale: out of memory\n", stderr);
      exit(3);
    }
    puts(j);
    ds_free(j);
    return ds_result_ok(r) ? 0 : 1;
  }
  if (ds_result_ok(r)) {
    cli_print_ok(cs, r);
    if (cs->quiet || !ds_result_warning_count(r)) return 0;
    fflush(stdout); /* the result before its notes, even through a pipe */
    char where[512];
    if (file) snprintf(where, sizeof where, "%s:%ld", file, line);
    cli_warnings(cs, r, file ? where : NULL);
    return 0;
  }
  fflush(stdout);
  long col = ds_result_error_column(r);
  if (file) {
    char where[512];
    snprintf(where, sizeof where, "%s:%ld:%ld", file, line, col > 0 ? col : 1);
    cli_diag_at(cs, where, "error", "%s", ds_result_text(r));
  } else {
    cli_diag(cs, "error", "%s", ds_result_text(r));
    /* A line the library refused for its encoding (invalid UTF-8, overlong
     * forms, surrogates, control bytes) is never echoed: the output stays
     * text and the terminal is not driven by it. */
    if (ds_result_status(r) != DS_E_ENCODING) cli_caret(expr, len, col);
  }
  return 1;
}

int cli_one(cli_state *cs, const char *expr, size_t len) {
  if (cli_batch_interrupted()) return 130;
  ds_result *r = NULL;
  ds_eval(cs->ctx, expr, len, &r);
  if (!r) {
    fputs("datascale: out of memory\n", stderr);
    exit(3);
  }
  int st = cli_emit(cs, expr, len, r, NULL, 0);
  ds_result_free(r);
  fflush(stdout);
  return st;
}
