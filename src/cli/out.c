/*
 * out.c -- printing results and errors for the command.
 *
 * One place decides what a line's output looks like in each mode: text,
 * --terse, --json; the caret under the failing column for a single
 * expression; FILE:LINE:COLUMN for batch lines. Batch reading (and SIGINT
 * while a batch runs) is batch.c. Diagnostics and the caret line never
 * write an invisible or bidi control character raw (it would hide or
 * reorder what the reader sees): each is shown as <U+XXXX>.
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

/* Unicode's Default_Ignorable_Code_Point, which holds every bidi control:
 * the set the library's lexer refuses in names (lex_char_kind), kept here
 * because the command sees only the public header. */
static bool cli_invisible(unsigned long cp) {
  static const unsigned long r[][2] = {
      {0x00ad, 0x00ad}, {0x034f, 0x034f},   {0x061c, 0x061c},   {0x115f, 0x1160},   {0x17b4, 0x17b5},
      {0x180b, 0x180f}, {0x200b, 0x200f},   {0x202a, 0x202e},   {0x2060, 0x206f},   {0x3164, 0x3164},
      {0xfe00, 0xfe0f}, {0xfeff, 0xfeff},   {0xffa0, 0xffa0},   {0xfff0, 0xfff8},   {0x1bca0, 0x1bca3},
      {0x1d173, 0x1d17a}, {0xe0000, 0xe0fff},
  };
  for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
    if (cp >= r[i][0] && cp <= r[i][1]) return true;
  return false;
}

/* The length of the invisible character at s[i] (its code point in *cp),
 * or 0 for anything else, including bytes that are not valid UTF-8. */
static size_t cli_invisible_at(const char *s, size_t n, size_t i, unsigned long *cp) {
  const unsigned char *u = (const unsigned char *)s + i;
  size_t k = u[0] >= 0xf0 && u[0] <= 0xf4 ? 4 : u[0] >= 0xe0 && u[0] < 0xf0 ? 3 : u[0] >= 0xc2 && u[0] < 0xe0 ? 2 : 0;
  if (!k || i + k > n) return 0;
  unsigned long c = u[0] & (k == 2 ? 0x1f : k == 3 ? 0x0f : 0x07);
  for (size_t j = 1; j < k; j++) {
    if ((u[j] & 0xc0) != 0x80) return 0;
    c = (c << 6) | (u[j] & 0x3f);
  }
  if (!cli_invisible(c)) return 0;
  *cp = c;
  return k;
}

/* Writes s[0..n) with each invisible character as <U+XXXX>. */
static void cli_put_shown(const char *s, size_t n, FILE *f) {
  size_t from = 0, i = 0, k;
  unsigned long cp;
  while (i < n) {
    if ((unsigned char)s[i] < 0xc2 || !(k = cli_invisible_at(s, n, i, &cp))) {
      i++;
      continue;
    }
    fwrite(s + from, 1, i - from, f);
    fprintf(f, "<U+%04lX>", cp);
    from = i += k;
  }
  fwrite(s + from, 1, n - from, f);
}

/* "PREFIX: LABEL: message" with PREFIX "datascale" or FILE:LINE:COLUMN. */
static void cli_vdiag(const cli_state *cs, const char *prefix, const char *label, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));
static void cli_vdiag(const cli_state *cs, const char *prefix, const char *label, const char *fmt, va_list ap) {
  bool err = strcmp(label, "error") == 0;
  char small[1024], *msg = small;
  va_list aq;
  va_copy(aq, ap);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  if (n >= (int)sizeof small && (msg = malloc((size_t)n + 1)) != NULL) vsnprintf(msg, (size_t)n + 1, fmt, aq);
  va_end(aq);
  if (!msg) msg = small; /* out of memory: the message cut short */
  cli_put_shown(prefix, strlen(prefix), stderr);
  fputs(": ", stderr);
  if (cs->color_err) fputs(err ? RED : YELLOW, stderr);
  fputs(label, stderr);
  if (cs->color_err) fputs(RESET, stderr);
  fputs(": ", stderr);
  if (n > 0) cli_put_shown(msg, strlen(msg), stderr);
  fputc('\n', stderr);
  if (msg != small) free(msg);
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
 * are copied so the caret lines up, and an invisible character shown as
 * <U+XXXX> counts as the width of that text. The caller never passes a
 * line the library refused as invalid UTF-8 or for a control byte
 * (DS_E_ENCODING): every other line passed the library's check, so it is
 * safe to echo. */
static void cli_caret(const char *expr, size_t len, long col) {
  if (col <= 0 || len > 200) return;
  fputs("  ", stderr);
  cli_put_shown(expr, len, stderr);
  fputs("\n  ", stderr);
  long ch = 1;
  size_t k;
  unsigned long cp;
  for (size_t i = 0; i < len && ch < col; i++) {
    if (((unsigned char)expr[i] & 0xc0) == 0x80) continue;
    if ((k = cli_invisible_at(expr, len, i, &cp)) > 0) {
      fprintf(stderr, "%*s", snprintf(NULL, 0, "<U+%04lX>", cp), "");
      i += k - 1;
    } else {
      fputc(expr[i] == '\t' ? '\t' : ' ', stderr);
    }
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
  cli_command_hint(cs, expr, len, r);
  return 1;
}

int cli_emit_too_long(cli_state *cs, const ds_result *r, unsigned long long total, bool more, const char *file,
                      long line) {
  char msg[160];
  snprintf(msg, sizeof msg, "line too long: %s%llu bytes (limit %ld)", more ? "more than " : "", total,
           ds_ctx_limit(cs->ctx, DS_LIMIT_LINE, -1));
  if (!cs->json) {
    fflush(stdout);
    char where[512];
    snprintf(where, sizeof where, "%s:%ld:1", file, line);
    cli_diag_at(cs, where, "error", "%s", msg);
    return 1;
  }
  /* The row of r but with this message: r's "input" (the line's first
   * bytes, escaped by the library) is the JSON string that opens the row;
   * it ends at the first '"' not escaped by a backslash. */
  char *j = ds_result_json(r, line);
  if (!j) {
    fputs("datascale: out of memory\n", stderr);
    exit(3);
  }
  static const char head[] = "{\"input\":\"";
  size_t i = sizeof head - 1;
  if (strncmp(j, head, i) == 0) {
    while (j[i] && j[i] != '"') i += j[i] == '\\' && j[i + 1] ? 2 : 1;
    if (j[i] == '"') {
      printf("%.*s,\"ok\":false,\"error\":{\"message\":\"%s\",\"column\":1,\"line\":%ld},\"warnings\":[]}\n",
             (int)(i + 1), j, msg, line);
      ds_free(j);
      return 1;
    }
  }
  puts(j); /* not the row expected: the library's own, whole */
  ds_free(j);
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
