/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * out.c -- printing results and errors for the command.
 *
 * One place decides what a line's output looks like in each mode: text,
 * --terse, --json, --csv; the caret under the failing column for a single
 * expression; FILE:LINE:COLUMN for batch lines. Batch reading (and SIGINT
 * while a batch runs) is batch.c. Diagnostics and the caret line never
 * write an invisible or bidi control character raw (it would hide or
 * reorder what the reader sees): each is shown as <U+XXXX>.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
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
  if (cs->json || cs->csv || cs->terse) cs->color_out = false;
}

/* Unicode's Default_Ignorable_Code_Point, which holds every bidi control:
 * the set the library's lexer refuses in names (lex_char_kind), kept here
 * because the command sees only the public header. */
static bool cli_invisible(unsigned long cp) {
  static const unsigned long r[][2] = {
      {0x00ad, 0x00ad}, {0x034f, 0x034f}, {0x061c, 0x061c},   {0x115f, 0x1160},   {0x17b4, 0x17b5},   {0x180b, 0x180f},
      {0x200b, 0x200f}, {0x202a, 0x202e}, {0x2060, 0x206f},   {0x3164, 0x3164},   {0xfe00, 0xfe0f},   {0xfeff, 0xfeff},
      {0xffa0, 0xffa0}, {0xfff0, 0xfff8}, {0x1bca0, 0x1bca3}, {0x1d173, 0x1d17a}, {0xe0000, 0xe0fff},
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

/* ---- the notes of a batch ------------------------------------------------
 *
 * A batch used to write every line's notes: a 100,000-line batch wrote
 * 100,000 notes, which buried its errors, and writing them was most of the
 * cost of such a batch. In text mode each note is now written where it
 * first occurs (with its FILE:LINE, right after its answer, so a reader of
 * both streams -- a terminal, a coprocess -- sees it at once), and its
 * later occurrences are only counted; at the end of the batch each note
 * that repeated gets one line, "FILE: note: NOTE (on N more lines)". Only
 * that count waits for the end. Two notes are the same when they agree up
 * to their first "; ": what follows it is the line's own figure (the result
 * under the other reading of MB), so "MB read as decimal (powers of 1000);
 * if read as 1024-based the result is 2,048 KiB" repeats line 1's note
 * whatever the figure, and the summary shows the part before "; ". With
 * --json every row keeps its own warnings; -q writes none. */

#define CLI_NOTES_MAX 1024                /* notes tracked in one batch; a note past them is written each time */
#define CLI_NOTES_BYTES ((size_t)1 << 20) /* and their total length */
#define CLI_NOTES_SLOTS (2 * CLI_NOTES_MAX)

typedef struct {
  char *key; /* the note up to its first "; " */
  size_t len;
  uint64_t hash;
  unsigned long long more; /* occurrences after the first */
} cli_note;

struct cli_notes {
  cli_note v[CLI_NOTES_MAX]; /* in the order of their first occurrence */
  size_t n, bytes;
  uint16_t slot[CLI_NOTES_SLOTS]; /* open addressing: 1 + an index into v, or 0 */
};

cli_notes *cli_notes_new(void) { return calloc(1, sizeof(cli_notes)); }

/* True when the note `w` is to be written: its first occurrence in the
 * batch, or any note when there is no table (t NULL) or no room left in it.
 * A repeat is counted and false. */
static bool cli_notes_first(cli_notes *t, const char *w) {
  if (!t) return true;
  const char *semi = w; /* the first "; " (strchr: fewer steps than strstr for a note without one) */
  while ((semi = strchr(semi, ';')) && semi[1] != ' ') semi++;
  size_t len = semi ? (size_t)(semi - w) : strlen(w);
  uint64_t h = 14695981039346656037u; /* FNV-1a over 8 bytes at a time: a note is long */
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t x;
    memcpy(&x, w + i, 8);
    h = (h ^ x) * 1099511628211u;
  }
  for (; i < len; i++) h = (h ^ (unsigned char)w[i]) * 1099511628211u;
  h ^= h >> 29; /* a product's low bits depend on its factors' low bits only: mix the high ones in */
  i = (size_t)h & (CLI_NOTES_SLOTS - 1);
  for (; t->slot[i]; i = (i + 1) & (CLI_NOTES_SLOTS - 1)) {
    cli_note *e = &t->v[t->slot[i] - 1];
    if (e->hash == h && e->len == len && memcmp(e->key, w, len) == 0) {
      e->more++;
      return false;
    }
  }
  if (t->n == CLI_NOTES_MAX || len > CLI_NOTES_BYTES - t->bytes) return true;
  char *k = malloc(len + 1);
  if (!k) return true;
  memcpy(k, w, len);
  k[len] = 0;
  t->v[t->n] = (cli_note){k, len, h, 0};
  t->slot[i] = (uint16_t)++t->n;
  t->bytes += len;
  return true;
}

void cli_notes_end(cli_state *cs, cli_notes *t, const char *file) {
  if (!t) return;
  fflush(stdout); /* the answers before the summary */
  for (size_t i = 0; i < t->n; i++) {
    cli_note *e = &t->v[i];
    if (e->more) {
      char digits[32], count[48];
      int n = snprintf(digits, sizeof digits, "%llu", e->more), k = 0;
      for (int j = 0; j < n; j++) { /* 99,999 */
        if (j && (n - j) % 3 == 0) count[k++] = ',';
        count[k++] = digits[j];
      }
      count[k] = 0;
      cli_diag_at(cs, file, "note", "%s (on %s more line%s)", e->key, count, e->more == 1 ? "" : "s");
    }
    free(e->key);
  }
  free(t);
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

/* ---- CSV ------------------------------------------------------------------
 *
 * --csv writes a header row, then one row per evaluated input, for
 * spreadsheets: input, ok (true or false), value (a double; empty for a
 * range or an error), unit, low and high (a range's bounds), text (the
 * line as printed, or the error message) and warnings (the notes, a line
 * feed between two). RFC 4180: rows end with CRLF; a field holding a
 * comma, a double quote, CR or LF is quoted and its quotes doubled. The
 * output is UTF-8 text: a byte that is not part of valid UTF-8, and a
 * control character other than tab, CR and LF (C0, DEL, C1), is written as
 * U+FFFD (only the input of a line refused for its encoding has them). */

void cli_csv_header(void) { fputs("input,ok,value,unit,low,high,text,warnings\r\n", stdout); }

/* The length of the valid UTF-8 sequence at u[0..n), or 0. */
static size_t cli_utf8_len(const unsigned char *u, size_t n) {
  if (u[0] < 0x80) return 1;
  size_t k = u[0] >= 0xc2 && u[0] <= 0xdf ? 2 : u[0] >= 0xe0 && u[0] <= 0xef ? 3 : u[0] >= 0xf0 && u[0] <= 0xf4 ? 4 : 0;
  if (!k || k > n) return 0;
  for (size_t j = 1; j < k; j++)
    if ((u[j] & 0xc0) != 0x80) return 0;
  if ((u[0] == 0xe0 && u[1] < 0xa0) || (u[0] == 0xed && u[1] >= 0xa0) || (u[0] == 0xf0 && u[1] < 0x90) ||
      (u[0] == 0xf4 && u[1] >= 0x90))
    return 0; /* an overlong form, a surrogate, past U+10FFFF */
  return k;
}

/* Writes s[0..n) as one CSV field. */
static void cli_csv_field(const char *s, size_t n) {
  bool quote = false;
  for (size_t i = 0; i < n && !quote; i++) quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
  if (quote) putchar('"');
  size_t from = 0, i = 0;
  while (i < n) {
    const unsigned char *u = (const unsigned char *)s + i;
    size_t k = cli_utf8_len(u, n - i);
    bool ctl = (u[0] < 0x20 && u[0] != '\t' && u[0] != '\r' && u[0] != '\n') || u[0] == 0x7f ||
               (k == 2 && u[0] == 0xc2 && u[1] < 0xa0);
    if (k && !ctl && u[0] != '"') {
      i += k;
      continue;
    }
    fwrite(s + from, 1, i - from, stdout);
    if (u[0] == '"') fputs("\"\"", stdout);
    else fputs("\xef\xbf\xbd", stdout); /* U+FFFD */
    from = i += k ? k : 1;
  }
  fwrite(s + from, 1, n - from, stdout);
  if (quote) putchar('"');
}

static void cli_csv_string(const char *s) { cli_csv_field(s, strlen(s)); }

/* A double as the shortest text that reads back as the same double,
 * positional up to 17 digits (1400000, not 1.4e+06); nothing for NaN. */
static void cli_csv_double(double d) {
  if (!isfinite(d)) return;
  char tmp[40];
  int prec = 1;
  for (; prec <= 17; prec++) {
    snprintf(tmp, sizeof tmp, "%.*g", prec, d);
    if (strtod(tmp, NULL) == d) break;
  }
  double a = d < 0 ? -d : d;
  if (a >= 1 && a < 1e17) {
    int x = 0; /* floor(log10 a), against exact powers of ten */
    for (double p = 10; x < 16 && a >= p; p *= 10) x++;
    if (x >= prec) snprintf(tmp, sizeof tmp, "%.*g", x + 1, d);
  }
  fputs(tmp, stdout);
}

/* The row of r; `msg`, when not NULL, makes it a failed row with that
 * message (an over-long batch line). */
static void cli_csv_row(const ds_result *r, const char *msg) {
  cli_csv_string(ds_result_input(r));
  bool ok = !msg && ds_result_ok(r);
  fputs(ok ? ",true," : ",false,", stdout);
  if (ok) {
    bool range = ds_result_is_range(r);
    if (!range) cli_csv_double(ds_result_value(r));
    putchar(',');
    cli_csv_string(ds_result_unit(r));
    putchar(',');
    if (range) cli_csv_double(ds_result_low(r));
    putchar(',');
    if (range) cli_csv_double(ds_result_high(r));
    putchar(',');
  } else {
    fputs(",,,,", stdout);
  }
  cli_csv_string(msg ? msg : ds_result_text(r));
  putchar(',');
  size_t nw = ds_result_warning_count(r), n = 0;
  for (size_t i = 0; i < nw; i++) n += strlen(ds_result_warning(r, i)) + 1;
  char *w = nw > 1 ? malloc(n) : NULL;
  if (w) { /* one field, a line feed between two notes */
    char *p = w;
    for (size_t i = 0; i < nw; i++) {
      size_t k = strlen(ds_result_warning(r, i));
      memcpy(p, ds_result_warning(r, i), k);
      p += k;
      *p++ = '\n';
    }
    cli_csv_field(w, n - 1);
    free(w);
  } else if (nw == 1) {
    cli_csv_string(ds_result_warning(r, 0));
  } else if (nw) {
    fputs("datascale: out of memory\n", stderr);
    exit(3);
  }
  fputs("\r\n", stdout);
}

/* A sweep's status: 1 when one of its rows failed. */
static int cli_rows_status(const ds_result *r) {
  for (size_t i = 0; i < ds_result_row_count(r); i++)
    if (!ds_result_ok(ds_result_row(r, i))) return 1;
  return 0;
}

int cli_emit(cli_state *cs, const char *expr, size_t len, const ds_result *r, const char *file, long line) {
  if ((cs->csv || cs->json) && ds_result_row_count(r)) { /* a sweep: a row per value */
    int st = 0;
    for (size_t i = 0; i < ds_result_row_count(r); i++) st |= cli_emit(cs, expr, len, ds_result_row(r, i), file, line);
    return st;
  }
  if (cs->csv) {
    cli_csv_row(r, NULL);
    return ds_result_ok(r) ? 0 : 1;
  }
  if (cs->json) {
    char *j = ds_result_json(r, line);
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
    if (cs->quiet) return cli_rows_status(r);
    char where[512]; /* filled before the first note written: most lines of a batch have none */
    bool first = true;
    for (size_t i = 0; i < ds_result_warning_count(r); i++) {
      const char *w = ds_result_warning(r, i);
      if (!cli_notes_first(cs->notes, w)) continue; /* a repeat in a batch: counted */
      if (first) {
        fflush(stdout); /* the result before its notes, even through a pipe */
        if (file) snprintf(where, sizeof where, "%s:%ld", file, line);
        else snprintf(where, sizeof where, "datascale");
        first = false;
      }
      cli_diag_at(cs, where, "note", "%s", w);
    }
    return cli_rows_status(r);
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
  if (cs->csv) {
    cli_csv_row(r, msg);
    return 1;
  }
  if (!cs->json) {
    fflush(stdout);
    char where[512];
    snprintf(where, sizeof where, "%s:%ld:1", file, line);
    cli_diag_at(cs, where, "error", "%s", msg);
    return 1;
  }
  /* The row of r but with this message: r's "input" (the line's first
   * bytes, escaped by the library) is the JSON string that opens the row;
   * it ends at the first '"' not escaped by a backslash. The keys after it
   * are those of every failed row of ds_result_json, in its order. */
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
      size_t n = strlen(j);
      static const char explain[] = ",\"explain\":null}";
      bool ex = n >= sizeof explain - 1 && strcmp(j + n - (sizeof explain - 1), explain) == 0;
      printf("%.*s,\"line\":%ld,\"ok\":false,\"value\":null,\"exact\":null,\"low\":null,\"high\":null,"
             "\"low_exact\":null,\"high_exact\":null,\"unit\":null,\"text\":\"%s\",\"name\":null,\"assumptions\":[],"
             "\"warnings\":[],\"item\":null,\"verdict\":null,\"count\":null,\"off\":null,\"actual\":null,"
             "\"implied\":null,\"reading\":null,\"error\":{\"message\":\"%s\",\"column\":1,\"line\":%ld},"
             "\"equivalents\":null%s}\n",
             (int)(i + 1), j, line, msg, msg, line, ex ? ",\"explain\":null" : "");
      ds_free(j);
      return 1;
    }
  }
  puts(j); /* not the row expected: the library's own, whole */
  ds_free(j);
  return 1;
}

int cli_one(cli_state *cs, const char *expr, size_t len, long line) {
  if (cli_batch_interrupted()) return 130;
  ds_result *r = NULL;
  ds_eval(cs->ctx, expr, len, &r);
  if (!r) {
    fputs("datascale: out of memory\n", stderr);
    exit(3);
  }
  int st = cli_emit(cs, expr, len, r, NULL, line);
  ds_result_free(r);
  fflush(stdout);
  return st;
}
