/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_common.c -- contexts and result checks shared by the fuzz targets.
 *
 * fuzz_check_result() is the oracle: beyond "no crash, no leak, no
 * undefined behaviour" (ASan/UBSan), every ds_eval() result must keep the
 * promises of datascale.h, and its JSON row must parse with jsoncheck.c and
 * say the same as the accessors. Only the public header is used.
 */
#include "fuzz.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jsoncheck.h"

/* Says which invariant broke and aborts, so the fuzzer keeps the input. */
__attribute__((format(printf, 1, 0))) static _Noreturn void fuzz_vfail(const char *fmt, va_list ap) {
  fputs("fuzz invariant: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  fflush(stderr);
  abort();
}

void fuzz_fail(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fuzz_vfail(fmt, ap);
}

/* Ids of known bugs that fuzz_known() has met, with their counts. */
#define FUZZ_KNOWN_MAX 16
#define FUZZ_KNOWN_SHOWN 3 /* messages printed for each id */
#define FUZZ_KNOWN_ID 32   /* longest id, with its NUL */
static struct {
  char id[FUZZ_KNOWN_ID];
  unsigned long hits;
} fuzz_known_seen[FUZZ_KNOWN_MAX];
static size_t fuzz_known_n;

static void fuzz_known_report(void) {
  for (size_t i = 0; i < fuzz_known_n; i++)
    fprintf(stderr, "fuzz: known bug %s (DS_KNOWN_BUGS) broke an invariant %lu times\n", fuzz_known_seen[i].id,
            fuzz_known_seen[i].hits);
}

/* The first id of `bugs` that DS_KNOWN_BUGS lists, copied to id[FUZZ_KNOWN_ID]; 0 when
 * none is listed. */
static int fuzz_known_listed(const char *bugs, char *id) {
  const char *env = getenv("DS_KNOWN_BUGS");
  static const char sep[] = " ,\t";
  if (!env) return 0;
  for (const char *b = bugs;;) {
    b += strspn(b, sep);
    if (!*b) return 0;
    size_t bn = strcspn(b, sep);
    for (const char *e = env;;) {
      e += strspn(e, sep);
      if (!*e) break;
      size_t en = strcspn(e, sep);
      if (en == bn && bn < FUZZ_KNOWN_ID && memcmp(e, b, bn) == 0) {
        memcpy(id, b, bn);
        id[bn] = 0;
        return 1;
      }
      e += en;
    }
    b += bn;
  }
}

void fuzz_known(const char *bugs, const char *fmt, ...) {
  char id[FUZZ_KNOWN_ID];
  va_list ap;
  va_start(ap, fmt);
  if (!fuzz_known_listed(bugs, id)) fuzz_vfail(fmt, ap);
  size_t i = 0;
  while (i < fuzz_known_n && strcmp(fuzz_known_seen[i].id, id) != 0) i++;
  if (i == fuzz_known_n && fuzz_known_n < FUZZ_KNOWN_MAX) {
    if (fuzz_known_n == 0) atexit(fuzz_known_report);
    memcpy(fuzz_known_seen[fuzz_known_n++].id, id, sizeof id);
  }
  unsigned long hits = i < FUZZ_KNOWN_MAX ? ++fuzz_known_seen[i].hits : 0;
  if (hits <= FUZZ_KNOWN_SHOWN) {
    fprintf(stderr, "fuzz: known bug %s (DS_KNOWN_BUGS, not a failure): ", id);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
  }
  va_end(ap);
}

double fuzz_cpu_seconds(void) {
  struct timespec ts;
  if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0) return 0;
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void fuzz_ctx_rewind(ds_ctx *ctx) {
  int st = ds_eval(ctx, "reset", 5, NULL);
  FUZZ_CHECK(st == DS_OK, "'reset' failed with status %d: %s", st, ds_ctx_errmsg(ctx));
  st = ds_eval(ctx, "0", 1, NULL);
  FUZZ_CHECK(st == DS_OK, "'0' failed with status %d: %s", st, ds_ctx_errmsg(ctx));
}

ds_ctx *fuzz_ctx_new(void) {
  ds_ctx *ctx = ds_ctx_new();
  FUZZ_CHECK(ctx != NULL, "ds_ctx_new returned NULL");
  ds_ctx_limit(ctx, DS_LIMIT_RESULT_BITS, 1L << 16);
  ds_ctx_limit(ctx, DS_LIMIT_LINE, 1L << 16);
  fuzz_ctx_rewind(ctx);
  return ctx;
}

ds_ctx *fuzz_ctx_new_default(void) {
  ds_ctx *ctx = ds_ctx_new();
  FUZZ_CHECK(ctx != NULL, "ds_ctx_new returned NULL");
  fuzz_ctx_rewind(ctx);
  return ctx;
}

int fuzz_changes_registry(const char *s, size_t n) { return memchr(s, '!', n) != NULL; }

void fuzz_check_text(const char *what, const char *s) {
  FUZZ_CHECK(s != NULL, "%s is NULL", what);
  size_t bad = jsoncheck_utf8(s, strlen(s));
  FUZZ_CHECK(bad == 0, "%s is not valid UTF-8 at byte %zu: \"%s\"", what, bad, s);
}

/* "-?[0-9]+(/[0-9]+)?" with no leading zeros and a denominator above 1. */
static int fuzz_is_rational(const char *s) {
  if (*s == '-') s++;
  if (!(*s >= '0' && *s <= '9')) return 0;
  if (*s == '0' && s[1] >= '0' && s[1] <= '9') return 0;
  while (*s >= '0' && *s <= '9') s++;
  if (!*s) return 1;
  if (*s++ != '/') return 0;
  if (!(*s >= '1' && *s <= '9')) return 0;
  if (*s == '1' && !s[1]) return 0;
  while (*s >= '0' && *s <= '9') s++;
  return *s == 0;
}

/* The decoded JSON string member `key` of the object j[0..n), or NULL
 * when it is missing or not a string (caller frees). */
static char *fuzz_json_string(const char *j, size_t n, const char *key, int *isnull) {
  const char *v;
  size_t vn;
  *isnull = 0;
  if (!jsoncheck_member(j, n, key, &v, &vn)) return NULL;
  if (vn == 4 && memcmp(v, "null", 4) == 0) {
    *isnull = 1;
    return NULL;
  }
  char *out = malloc(vn + 1);
  size_t on = 0;
  FUZZ_CHECK(out != NULL, "out of memory in the fuzz target");
  if (!jsoncheck_string(v, vn, out, &on)) {
    free(out);
    return NULL;
  }
  out[on] = 0;
  return out;
}

/* The JSON string member `key` must exist and decode to `want` (when want
 * is valid UTF-8; otherwise only its presence is checked). */
static void fuzz_json_expect(const char *j, size_t n, const char *key, const char *want) {
  int isnull;
  char *got = fuzz_json_string(j, n, key, &isnull);
  FUZZ_CHECK(got != NULL, "JSON member \"%s\" missing or not a string: %s", key, j);
  if (jsoncheck_utf8(want, strlen(want)) == 0)
    FUZZ_CHECK(strcmp(got, want) == 0, "JSON \"%s\" decodes to \"%s\", the accessor says \"%s\"", key, got, want);
  free(got);
}

static void fuzz_check_json(const ds_result *r, long line) {
  char *j = ds_result_json(r, line);
  FUZZ_CHECK(j != NULL, "ds_result_json returned NULL");
  size_t n = strlen(j);
  const char *why = NULL;
  size_t bad = jsoncheck(j, n, &why);
  FUZZ_CHECK(bad == 0, "invalid JSON at byte %zu (%s): %s", bad, why, j);
  FUZZ_CHECK(j[0] == '{', "the JSON row is not an object: %s", j);
  int ok = ds_result_ok(r);
  const char *v;
  size_t vn;
  FUZZ_CHECK(jsoncheck_member(j, n, "ok", &v, &vn), "JSON row without \"ok\": %s", j);
  FUZZ_CHECK(ok ? (vn == 4 && memcmp(v, "true", 4) == 0) : (vn == 5 && memcmp(v, "false", 5) == 0),
             "JSON \"ok\" is %.*s for status %d", (int)vn, v, ds_result_status(r));
  fuzz_json_expect(j, n, "input", ds_result_input(r));
  /* Every row has the same keys, success or failure; "line" is the line
   * given, or null. */
  static const char *const keys[] = {"line",  "value", "exact",  "low",         "high",     "low_exact", "high_exact",
                                     "unit",  "text",  "name",   "assumptions", "warnings", "item",      "verdict",
                                     "count", "off",   "actual", "implied",     "reading",  "error",     "equivalents"};
  for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
    FUZZ_CHECK(jsoncheck_member(j, n, keys[k], &v, &vn), "JSON row without \"%s\": %s", keys[k], j);
  FUZZ_CHECK(jsoncheck_member(j, n, "line", &v, &vn) &&
                 (line > 0 ? strtol(v, NULL, 10) == line : vn == 4 && memcmp(v, "null", 4) == 0),
             "JSON \"line\" %.*s, expected %ld", (int)vn, v, line);
  if (ok) {
    fuzz_json_expect(j, n, "text", ds_result_text(r));
    fuzz_json_expect(j, n, "unit", ds_result_unit(r));
    FUZZ_CHECK(jsoncheck_member(j, n, "value", &v, &vn), "JSON row without \"value\": %s", j);
    double d = ds_result_value(r);
    if (vn == 4 && memcmp(v, "null", 4) == 0) {
      FUZZ_CHECK(ds_result_is_range(r) || !isfinite(d), "JSON value null for the finite value %.17g", d);
    } else {
      char tmp[64];
      FUZZ_CHECK(vn < sizeof tmp, "JSON value too long: %.*s", (int)vn, v);
      memcpy(tmp, v, vn);
      tmp[vn] = 0;
      FUZZ_CHECK(!ds_result_is_range(r), "a range has a JSON value: %s", j);
      FUZZ_CHECK(strtod(tmp, NULL) == d, "JSON value %s does not read back as %.17g", tmp, d);
    }
    int isnull;
    char *ex = fuzz_json_string(j, n, "exact", &isnull);
    const char *want = ds_result_is_range(r) ? NULL : ds_result_exact(r);
    FUZZ_CHECK(want ? (ex && strcmp(ex, want) == 0) : isnull, "JSON \"exact\" disagrees with ds_result_exact: %s", j);
    free(ex);
    FUZZ_CHECK(jsoncheck_member(j, n, "error", &v, &vn) && vn == 4 && memcmp(v, "null", 4) == 0,
               "a success without \"error\": null: %s", j);
  } else {
    FUZZ_CHECK(jsoncheck_member(j, n, "error", &v, &vn) && v[0] == '{', "an error row without \"error\": %s", j);
    fuzz_json_expect(v, vn, "message", ds_result_text(r));
    const char *c;
    size_t cn;
    FUZZ_CHECK(jsoncheck_member(v, vn, "column", &c, &cn), "an error without \"column\": %s", j);
    long col = ds_result_error_column(r);
    if (col > 0) FUZZ_CHECK(strtol(c, NULL, 10) == col, "JSON column %.*s, accessor %ld", (int)cn, c, col);
    else FUZZ_CHECK(cn == 4 && memcmp(c, "null", 4) == 0, "JSON column %.*s for no column", (int)cn, c);
    int has_line = jsoncheck_member(v, vn, "line", &c, &cn);
    FUZZ_CHECK(has_line == (line > 0), "JSON \"line\" present: %d, line %ld", has_line, line);
    if (has_line) FUZZ_CHECK(strtol(c, NULL, 10) == line, "JSON line %.*s, expected %ld", (int)cn, c, line);
  }
  ds_free(j);
}

void fuzz_check_result(ds_ctx *ctx, const char *src, size_t len, int st, const ds_result *r, long line) {
  /* A known bug: with --exact and explanations, a result of about a
   * million digits or more ("10^999999") fails with "out of memory",
   * whatever memory is free. */
  if (st == DS_E_NOMEM)
    fuzz_known("exact-explain-nomem", "ds_eval returned status %d (%s): %s", st, ds_strerror(st), ds_ctx_errmsg(ctx));
  else
    FUZZ_CHECK(st >= DS_OK && st <= DS_E_DEFS, "ds_eval returned status %d (%s): %s", st, ds_strerror(st),
               ds_ctx_errmsg(ctx));
  FUZZ_CHECK(r != NULL, "ds_eval gave no result (status %d)", st);
  FUZZ_CHECK(ds_result_status(r) == st, "result status %d, ds_eval returned %d", ds_result_status(r), st);
  FUZZ_CHECK(ds_result_ok(r) == (st == DS_OK), "ds_result_ok %d for status %d", ds_result_ok(r), st);
  FUZZ_CHECK(ds_ctx_errcode(ctx) == st, "context error %d, ds_eval returned %d", ds_ctx_errcode(ctx), st);
  fuzz_check_text("ds_ctx_errmsg", ds_ctx_errmsg(ctx));
  fuzz_check_text("ds_result_text", ds_result_text(r));
  const char *in = ds_result_input(r);
  FUZZ_CHECK(in != NULL, "ds_result_input is NULL");
  size_t inlen = strlen(in);
  FUZZ_CHECK(inlen <= len && memcmp(in, src, inlen) == 0, "ds_result_input differs from the line");
  long col = ds_result_error_column(r);
  long es = ds_ctx_error_start(ctx), ee = ds_ctx_error_end(ctx);
  if (st != DS_OK) {
    FUZZ_CHECK(ds_ctx_errmsg(ctx)[0] != 0, "an error (status %d) with no message", st);
    FUZZ_CHECK(strcmp(ds_result_text(r), ds_ctx_errmsg(ctx)) == 0, "result text \"%s\" is not the error \"%s\"",
               ds_result_text(r), ds_ctx_errmsg(ctx));
    FUZZ_CHECK(ds_result_exact(r) == NULL, "an error with an exact value");
    FUZZ_CHECK(col >= 0 && (size_t)col <= len + 1, "error column %ld in a line of %zu bytes", col, len);
    FUZZ_CHECK((es == -1) == (ee == -1), "error span [%ld, %ld)", es, ee);
    if (es >= 0)
      FUZZ_CHECK(es <= ee && (size_t)ee <= len + 1, "error span [%ld, %ld) in a line of %zu bytes", es, ee, len);
  } else {
    FUZZ_CHECK(col == 0, "a success with error column %ld", col);
    fuzz_check_text("ds_result_terse", ds_result_terse(r));
    fuzz_check_text("ds_result_unit", ds_result_unit(r));
    const char *ex = ds_result_exact(r);
    if (ex) FUZZ_CHECK(fuzz_is_rational(ex), "ds_result_exact \"%s\" is not N or N/D", ex);
    if (ds_result_is_range(r)) {
      const char *lo = ds_result_low_exact(r), *hi = ds_result_high_exact(r);
      if (lo) FUZZ_CHECK(fuzz_is_rational(lo), "ds_result_low_exact \"%s\" is not N or N/D", lo);
      if (hi) FUZZ_CHECK(fuzz_is_rational(hi), "ds_result_high_exact \"%s\" is not N or N/D", hi);
      double l = ds_result_low(r), h = ds_result_high(r);
      if (!isnan(l) && !isnan(h)) FUZZ_CHECK(l <= h, "a range from %.17g down to %.17g", l, h);
      FUZZ_CHECK(isnan(ds_result_value(r)), "a range with a value %.17g", ds_result_value(r));
    }
    if (ds_result_name(r)) fuzz_check_text("ds_result_name", ds_result_name(r));
  }
  size_t nw = ds_result_warning_count(r);
  FUZZ_CHECK(nw <= 64, "%zu warnings", nw);
  for (size_t i = 0; i < nw; i++) fuzz_check_text("a warning", ds_result_warning(r, i));
  FUZZ_CHECK(ds_result_warning(r, nw) == NULL, "a warning past the end");
  size_t na = ds_result_assumption_count(r);
  for (size_t i = 0; i < na; i++) {
    fuzz_check_text("an assumption name", ds_result_assumption_name(r, i));
    if (ds_result_assumption_value(r, i)) fuzz_check_text("an assumption value", ds_result_assumption_value(r, i));
    if (ds_result_assumption_source(r, i)) fuzz_check_text("an assumption source", ds_result_assumption_source(r, i));
  }
  FUZZ_CHECK(ds_result_assumption_name(r, na) == NULL, "an assumption past the end");
  if (ds_result_explain(r, 0)) fuzz_check_text("the explanation", ds_result_explain(r, 0));
  if (ds_result_explain(r, 1)) fuzz_check_text("the Markdown explanation", ds_result_explain(r, 1));
  fuzz_check_json(r, line);
}
