/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_ctx.c -- the public API only (include/datascale.h): contexts,
 * results and their accessors, the last error, limits, ds_convert_many,
 * JSON rows, ownership rules (freeing NULL), cancellation. qpool.h only
 * says whether the library keeps freed memory for reuse. */
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datascale.h"
#include "qpool.h"
#include "suite.h"

SUITE_CTX_FIXTURE

static ds_result *eval(const char *src) {
  ds_result *r = NULL;
  int st = ds_eval(ctx, src, strlen(src), &r);
  ck_assert_ptr_nonnull(r);
  ck_assert_int_eq(ds_result_status(r), st);
  ck_assert_int_eq(ds_result_ok(r), st == DS_OK);
  ck_assert_str_eq(ds_result_input(r), src);
  return r;
}

/* ---- a small JSON checker: one value, nothing after it ------------------ */

static const char *js_value(const char *p);

static const char *js_ws(const char *p) {
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
  return p;
}

static const char *js_string(const char *p) {
  if (*p != '"') return NULL;
  for (p++; *p && *p != '"'; p++) {
    if ((unsigned char)*p < 0x20) return NULL;
    if (*p == '\\') {
      p++;
      if (*p == 'u') {
        for (int i = 1; i <= 4; i++)
          if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i]) return NULL;
        p += 4;
      } else if (!*p || !strchr("\"\\/bfnrt", *p)) {
        return NULL;
      }
    }
  }
  return *p == '"' ? p + 1 : NULL;
}

static const char *js_number(const char *p) {
  const char *s = p;
  if (*p == '-') p++;
  if (*p == '0') p++;
  else if (*p >= '1' && *p <= '9')
    while (*p >= '0' && *p <= '9') p++;
  else return NULL;
  if (*p == '.') {
    p++;
    if (!(*p >= '0' && *p <= '9')) return NULL;
    while (*p >= '0' && *p <= '9') p++;
  }
  if (*p == 'e' || *p == 'E') {
    p++;
    if (*p == '+' || *p == '-') p++;
    if (!(*p >= '0' && *p <= '9')) return NULL;
    while (*p >= '0' && *p <= '9') p++;
  }
  return p > s ? p : NULL;
}

static const char *js_seq(const char *p, char close, bool obj) {
  p = js_ws(p + 1);
  if (*p == close) return p + 1;
  for (;;) {
    if (obj) {
      p = js_string(js_ws(p));
      if (!p) return NULL;
      p = js_ws(p);
      if (*p++ != ':') return NULL;
    }
    p = js_value(p);
    if (!p) return NULL;
    p = js_ws(p);
    if (*p == close) return p + 1;
    if (*p++ != ',') return NULL;
  }
}

static const char *js_value(const char *p) {
  p = js_ws(p);
  switch (*p) {
  case '{': return js_seq(p, '}', true);
  case '[': return js_seq(p, ']', false);
  case '"': return js_string(p);
  case 't': return strncmp(p, "true", 4) == 0 ? p + 4 : NULL;
  case 'f': return strncmp(p, "false", 5) == 0 ? p + 5 : NULL;
  case 'n': return strncmp(p, "null", 4) == 0 ? p + 4 : NULL;
  default: return js_number(p);
  }
}

static bool json_valid_object(const char *s) {
  if (!s || s[0] != '{') return false;
  const char *e = js_value(s);
  return e && *js_ws(e) == 0 && !strchr(s, '\n');
}

/* ---- tests --------------------------------------------------------------- */

START_TEST(test_version) {
  ck_assert_str_eq(ds_version(), DS_VERSION);
  ck_assert_int_eq(ds_abi(), DS_ABI);
  /* the numeric macros are the string's numbers */
  char v[64];
  snprintf(v, sizeof v, "%d.%d.%d", DS_VERSION_MAJOR, DS_VERSION_MINOR, DS_VERSION_PATCH);
  ck_assert_str_eq(v, DS_VERSION);
  ck_assert_int_eq(DS_VERSION_NUMBER, DS_VERSION_MAJOR * 1000000L + DS_VERSION_MINOR * 1000L + DS_VERSION_PATCH);
  ck_assert(DS_VERSION_MINOR < 1000 && DS_VERSION_PATCH < 1000);
#if DS_VERSION_NUMBER < 0 || DS_ABI < 1
#error "the version macros are usable in #if"
#endif
  for (int st = DS_OK; st <= DS_E_ARG; st++) {
    ck_assert_ptr_nonnull(ds_strerror(st));
    ck_assert(ds_strerror(st)[0] != 0);
  }
  ck_assert_str_eq(ds_strerror(DS_OK), "success");
  ck_assert_str_ne(ds_strerror(DS_E_LIMIT), ds_strerror(DS_E_DOMAIN));
  ck_assert_ptr_nonnull(ds_strerror(12345));
  ck_assert_ptr_nonnull(ds_strerror(-1));
}
END_TEST

/* Successful lines: text, unit, value, exact. */
static const struct {
  const char *src;
  const char *text, *unit, *exact, *terse;
  double value;
} oks[] = {
    {"1400 TB to GB", "1,400,000 GB", "GB", "1400000", "1400000", 1400000},
    {"1 kB to B", "1,000 B", "B", "1000", "1000", 1000},
    {"2.86 * 100", "286", "", "286", "286", 286},
    {"1/4", "0.25", "", "1/4", "0.25", 0.25},
    {"20/7", "\xe2\x89\x88 2.85714", "", "20/7", "2.85714", 20.0 / 7},
    {"1 GB / 2 s", "500 MB/s", "MB/s", "500", "500", 500},
    {"1024 KiB to iec", "1 MiB", "MiB", "1", "1", 1},
    {"1,234,567.5 B to B", "1,234,567.5 B", "B", "2469135/2", "1234567.5", 1234567.5},
    {"-3 MB to kB", "-3,000 kB", "kB", "-3000", "-3000", -3000},
};

START_TEST(test_ok) {
  ds_result *r = eval(oks[_i].src);
  ck_assert_msg(ds_result_ok(r), "'%s': %s", oks[_i].src, ds_result_text(r));
  ck_assert_int_eq(ds_result_status(r), DS_OK);
  ck_assert_str_eq(ds_result_text(r), oks[_i].text);
  ck_assert_str_eq(ds_result_unit(r), oks[_i].unit);
  ck_assert_pstr_eq(ds_result_exact(r), oks[_i].exact);
  ck_assert_str_eq(ds_result_terse(r), oks[_i].terse);
  ck_assert_double_eq_tol(ds_result_value(r), oks[_i].value, 1e-9 * fabs(oks[_i].value));
  ck_assert_int_eq(ds_result_is_range(r), 0);
  ck_assert_ptr_null(ds_result_low_exact(r));
  ck_assert(isnan(ds_result_low(r)) && isnan(ds_result_high(r)));
  ck_assert_ptr_null(ds_result_name(r));
  ck_assert_int_eq(ds_result_error_column(r), 0);
  ck_assert_int_eq(ds_ctx_errcode(ctx), DS_OK);
  ck_assert_int_eq(ds_ctx_error_start(ctx), -1);
  ds_result_free(r);
}
END_TEST

/* Irrational results are not exact; exact MPFR results stay exact. */
START_TEST(test_inexact) {
  ds_result *r = eval("sqrt(2)");
  ck_assert(ds_result_ok(r));
  ck_assert_ptr_null(ds_result_exact(r));
  ck_assert_double_eq_tol(ds_result_value(r), 1.4142135623730951, 1e-15);
  ck_assert_ptr_nonnull(strstr(ds_result_text(r), "\xe2\x89\x88"));
  ds_result_free(r);
  r = eval("sqrt(16)");
  ck_assert_pstr_eq(ds_result_exact(r), "4");
  ds_result_free(r);
}
END_TEST

START_TEST(test_range) {
  ds_result *r = eval("1 kB .. 5 kB");
  ck_assert(ds_result_ok(r));
  ck_assert_int_eq(ds_result_is_range(r), 1);
  ck_assert_str_eq(ds_result_text(r), "between 1 and 5 kB");
  ck_assert_str_eq(ds_result_unit(r), "kB");
  ck_assert_double_eq(ds_result_low(r), 1);
  ck_assert_double_eq(ds_result_high(r), 5);
  ck_assert_pstr_eq(ds_result_low_exact(r), "1");
  ck_assert_pstr_eq(ds_result_high_exact(r), "5");
  ck_assert(isnan(ds_result_value(r)));
  ck_assert_ptr_null(ds_result_exact(r));
  ck_assert_str_eq(ds_result_terse(r), "1..5");
  ds_result_free(r);
  r = eval("(1 .. 5) * (-2 .. 3)");
  ck_assert_str_eq(ds_result_text(r), "between -10 and 15");
  ck_assert_pstr_eq(ds_result_low_exact(r), "-10");
  ck_assert_pstr_eq(ds_result_high_exact(r), "15");
  ds_result_free(r);
}
END_TEST

START_TEST(test_assignment_and_ans) {
  ds_result *r = eval("photo = 4 MB");
  ck_assert(ds_result_ok(r));
  ck_assert_pstr_eq(ds_result_name(r), "photo");
  ck_assert_str_eq(ds_result_text(r), "photo = 4 MB");
  ds_result_free(r);
  r = eval("1400 TB to photos");
  ck_assert(ds_result_ok(r));
  ck_assert_double_eq(ds_result_value(r), 350000000);
  ck_assert_pstr_eq(ds_result_exact(r), "350000000");
  ck_assert_ptr_null(ds_result_name(r));
  ds_result_free(r);
  r = eval("ans * 2");
  ck_assert(ds_result_ok(r));
  ds_result_free(r);
  r = eval("_ to TB");
  ck_assert_pstr_eq(ds_result_exact(r), "2800");
  ds_result_free(r);
}
END_TEST

/* A KB..YB result that depends on the reading says so. */
START_TEST(test_warnings) {
  ds_result *r = eval("1400 TB to GB");
  ck_assert_uint_ge(ds_result_warning_count(r), 1);
  ck_assert_ptr_nonnull(strstr(ds_result_warning(r, 0), "1,433,600 GiB"));
  ck_assert_ptr_null(ds_result_warning(r, ds_result_warning_count(r)));
  ds_result_free(r);
  r = eval("1400 KiB to B");
  ck_assert_uint_eq(ds_result_warning_count(r), 0);
  ck_assert_ptr_null(ds_result_warning(r, 0));
  ds_result_free(r);
  r = eval("1 TB / 1 month");
  bool cal = false;
  for (size_t i = 0; i < ds_result_warning_count(r); i++)
    if (strstr(ds_result_warning(r, i), "365.2425")) cal = true;
  ck_assert(cal);
  ds_result_free(r);
}
END_TEST

/* The warning of result r is exactly `want` (one warning), or none (NULL). */
static void warning_is(const char *src, const char *want) {
  ds_result *r = eval(src);
  if (!want) {
    ck_assert_msg(ds_result_warning_count(r) == 0, "%s: a warning: %s", src, ds_result_warning(r, 0));
  } else {
    ck_assert_msg(ds_result_warning_count(r) == 1 && strcmp(ds_result_warning(r, 0), want) == 0,
                  "%s: warning '%s', want '%s'", src, ds_result_warning(r, 0), want);
  }
  ds_result_free(r);
}

/* DS_WARNINGS_BATCH: the note on the other reading is given in full once
 * for its spellings, then its part before "; " on every line that uses
 * them (whether or not the reading changes that line's number); each
 * ds_ctx_set_warnings starts afresh; the results are the same. */
START_TEST(test_warnings_batch) {
  static const char mb[] = "MB read as decimal (powers of 1000)";
  ck_assert_int_eq(ds_ctx_set_warnings(ctx, DS_WARNINGS_BATCH), DS_OK);
  warning_is("1 MB to MB", NULL); /* the same either way: no note, nothing given */
  warning_is("1 MB to KiB", "MB read as decimal (powers of 1000); if MB is read as MiB the result is 1,024 KiB");
  warning_is("2 MB to KiB", mb);
  warning_is("1 MB to MB", mb);
  warning_is("5 MB", mb);
  warning_is("1400 MB to equivalents", mb);
  warning_is("3 MB to GB",
             "MB and GB read as decimal (powers of 1000); if MB and GB are read as MiB and GiB the result is "
             "0.0029296875 GiB");
  warning_is("4 MB to GB", "MB and GB read as decimal (powers of 1000)");
  ds_result *r = eval("2 MB to KiB");
  ck_assert_str_eq(ds_result_text(r), "1,953.125 KiB");
  ds_result_free(r);
  /* A count keeps its other reading in its text. */
  r = eval("1400 TB to photos");
  ck_assert_ptr_nonnull(strstr(ds_result_text(r), "if TB is read as TiB"));
  ds_result_free(r);
  ck_assert_int_eq(ds_ctx_set_warnings(ctx, DS_WARNINGS_BATCH), DS_OK); /* afresh */
  warning_is("2 MB to KiB", "MB read as decimal (powers of 1000); if MB is read as MiB the result is 2,048 KiB");
  ck_assert_int_eq(ds_ctx_set_warnings(ctx, DS_WARNINGS_ON), DS_OK);
  warning_is("3 MB to KiB", "MB read as decimal (powers of 1000); if MB is read as MiB the result is 3,072 KiB");
  warning_is("3 MB to KiB", "MB read as decimal (powers of 1000); if MB is read as MiB the result is 3,072 KiB");
  ck_assert_int_eq(ds_ctx_set_warnings(ctx, DS_WARNINGS_OFF), DS_OK);
  warning_is("3 MB to KiB", NULL);
  ck_assert_int_eq(ds_ctx_set_warnings(ctx, 7), DS_OK); /* any other non-zero value: on */
  warning_is("3 MB to KiB", "MB read as decimal (powers of 1000); if MB is read as MiB the result is 3,072 KiB");
}
END_TEST

/* Failed lines: a result carrying the error, and the same on the context. */
static const struct {
  const char *src;
  int code;
  long column;     /* 1-based, characters */
  long start, end; /* bytes */
  const char *has;
} fails[] = {
    {"1 + zork", DS_E_UNKNOWN, 5, 4, 8, "zork"},
    {"2 \xc3\x97 3 \xc3\x97 zork", DS_E_UNKNOWN, 9, 10, 14, "zork"}, /* × is 2 bytes, 1 column */
    {"1/0", DS_E_DOMAIN, 3, 2, 3, "division by zero"},
    {"1400 TB to seconds", DS_E_DIMENSION, 1, 0, 18, "time"},
    {"(1 + 2", DS_E_INCOMPLETE, 7, 6, 6, NULL},
    {"10^10^10", DS_E_LIMIT, -1, -1, -1, "too large"},
    {"mb", DS_E_UNKNOWN, 1, 0, 2, "megabyte"},
    {"1 \xff", DS_E_ENCODING, 3, 2, 3, NULL},
};

START_TEST(test_fail) {
  ds_result *r = eval(fails[_i].src);
  ck_assert_int_eq(ds_result_ok(r), 0);
  ck_assert_int_eq(ds_result_status(r), fails[_i].code);
  ck_assert_int_eq(ds_ctx_errcode(ctx), fails[_i].code);
  ck_assert_str_eq(ds_ctx_errmsg(ctx), ds_result_text(r));
  if (fails[_i].has) ck_assert_ptr_nonnull(strstr(ds_result_text(r), fails[_i].has));
  if (fails[_i].column >= 0) {
    ck_assert_int_eq(ds_result_error_column(r), fails[_i].column);
    ck_assert_int_eq(ds_ctx_error_start(ctx), fails[_i].start);
    ck_assert_int_eq(ds_ctx_error_end(ctx), fails[_i].end);
  }
  ck_assert_ptr_null(ds_result_exact(r));
  ck_assert(isnan(ds_result_value(r)));
  ck_assert_str_eq(ds_result_terse(r), "");
  ck_assert_str_eq(ds_result_unit(r), "");
  ck_assert_int_eq(ds_result_is_range(r), 0);
  ds_result_free(r);
  /* The status alone: out may be NULL. */
  ck_assert_int_eq(ds_eval(ctx, fails[_i].src, strlen(fails[_i].src), NULL), fails[_i].code);
  /* The next good line clears the error. */
  ck_assert_int_eq(ds_eval(ctx, "1", 1, NULL), DS_OK);
  ck_assert_int_eq(ds_ctx_errcode(ctx), DS_OK);
}
END_TEST

/* The input is `len` bytes, not NUL-terminated. */
START_TEST(test_len) {
  ds_result *r = NULL;
  ck_assert_int_eq(ds_eval(ctx, "1+1garbage", 3, &r), DS_OK);
  ck_assert_str_eq(ds_result_text(r), "2");
  ck_assert_str_eq(ds_result_input(r), "1+1");
  ds_result_free(r);
  ck_assert_int_eq(ds_eval(ctx, NULL, 0, &r), DS_E_SYNTAX); /* empty */
  ck_assert_ptr_nonnull(r);
  ck_assert_int_eq(ds_result_ok(r), 0);
  ds_result_free(r);
  ck_assert_int_eq(ds_eval(ctx, NULL, 3, &r), DS_E_ARG);
  ck_assert_ptr_null(r);
  ck_assert_int_eq(ds_eval(NULL, "1", 1, &r), DS_E_ARG);
  ck_assert_ptr_null(r);
}
END_TEST

START_TEST(test_limits) {
  ck_assert_int_eq(ds_ctx_limit(ctx, DS_LIMIT_DEPTH, -1), 1000);
  ck_assert_int_eq(ds_ctx_limit(ctx, DS_LIMIT_LINE, -1), 1L << 20);
  ck_assert_int_eq(ds_ctx_limit(ctx, DS_LIMIT_RESULT_BITS, -1), 1L << 24);
  ck_assert_int_eq(ds_ctx_limit(ctx, DS_LIMIT_DIGITS, -1), 6);
  ck_assert_int_eq(ds_ctx_limit(ctx, DS_LIMIT_COUNT_, 5), -1);
  ck_assert_int_eq(ds_ctx_limit(ctx, -1, 5), -1);
  ck_assert_int_eq(ds_ctx_limit(NULL, DS_LIMIT_DEPTH, 5), -1);
  /* set returns the old value; values are clamped */
  ck_assert_int_eq(ds_ctx_limit(ctx, DS_LIMIT_DIGITS, 1000000), 6);
  long big = ds_ctx_limit(ctx, DS_LIMIT_DIGITS, 0);
  ck_assert_int_lt(big, 1000000);
  ck_assert_int_gt(big, 6);
  ck_assert_int_eq(ds_ctx_limit(ctx, DS_LIMIT_DIGITS, -1), 1);
  ck_assert_int_eq(ds_ctx_limit(ctx, DS_LIMIT_RESULT_BITS, 10), 1L << 24);
  ck_assert_int_ge(ds_ctx_limit(ctx, DS_LIMIT_RESULT_BITS, -1), 64);
  ck_assert_int_ge(ds_ctx_limit(ctx, DS_LIMIT_DEPTH, 0), 1);
  ck_assert_int_ge(ds_ctx_limit(ctx, DS_LIMIT_DEPTH, -1), 1);
}
END_TEST

/* Limits take effect on the next line. */
START_TEST(test_limits_apply) {
  ds_ctx_limit(ctx, DS_LIMIT_DIGITS, 3);
  ds_result *r = eval("20/7");
  ck_assert_str_eq(ds_result_text(r), "\xe2\x89\x88 2.86");
  ds_result_free(r);
  ds_ctx_limit(ctx, DS_LIMIT_DEPTH, 2);
  ck_assert_int_eq(ds_eval(ctx, "((1))", 5, NULL), DS_OK);
  ck_assert_int_eq(ds_eval(ctx, "(((1)))", 7, NULL), DS_E_LIMIT);
  ds_ctx_limit(ctx, DS_LIMIT_LINE, 4);
  ck_assert_int_eq(ds_eval(ctx, "1+1+1", 5, NULL), DS_E_LIMIT);
  ds_ctx_limit(ctx, DS_LIMIT_LINE, 1 << 20);
  ds_ctx_limit(ctx, DS_LIMIT_RESULT_BITS, 64);
  ck_assert_int_eq(ds_eval(ctx, "2^100", 5, NULL), DS_E_LIMIT);
  ck_assert_int_eq(ds_eval(ctx, "2^10", 4, NULL), DS_OK);
}
END_TEST

START_TEST(test_convert_many) {
  double in[] = {1, 2.5}, out[2] = {0, 0};
  ck_assert_int_eq(ds_convert_many(ctx, in, out, 2, "TB", "GB"), DS_OK);
  ck_assert_double_eq(out[0], 1000);
  ck_assert_double_eq(out[1], 2500);
  ck_assert_double_eq(in[0], 1); /* the input is not consumed */
  /* in place, and compound units */
  double v[] = {1, 100, 0.1};
  ck_assert_int_eq(ds_convert_many(ctx, v, v, 3, "MB/s", "Mbit/s"), DS_OK);
  ck_assert_double_eq(v[0], 8);
  ck_assert_double_eq(v[1], 800);
  ck_assert_double_eq(v[2], 0.8);
  double t[] = {1};
  ck_assert_int_eq(ds_convert_many(ctx, t, t, 1, "TiB", "GiB"), DS_OK);
  ck_assert_double_eq(t[0], 1024);
  ck_assert_int_eq(ds_convert_many(ctx, t, t, 1, "h", "min"), DS_OK);
  ck_assert_double_eq(t[0], 61440);
  /* errors */
  ck_assert_int_eq(ds_convert_many(ctx, in, out, 2, "TB", "s"), DS_E_DIMENSION);
  ck_assert_int_eq(ds_ctx_errcode(ctx), DS_E_DIMENSION);
  ck_assert_int_eq(ds_convert_many(ctx, in, out, 2, "TB", "zork"), DS_E_UNKNOWN);
  ck_assert_int_eq(ds_convert_many(ctx, in, out, 2, "TB", "0 GB"), DS_E_DOMAIN);
  ck_assert_int_eq(ds_convert_many(ctx, in, out, 2, NULL, "GB"), DS_E_ARG);
  ck_assert_int_eq(ds_convert_many(ctx, NULL, out, 2, "TB", "GB"), DS_E_ARG);
  ck_assert_int_eq(ds_convert_many(NULL, in, out, 2, "TB", "GB"), DS_E_ARG);
  ck_assert_int_eq(ds_convert_many(ctx, NULL, NULL, 0, "TB", "GB"), DS_OK);
}
END_TEST

static const struct {
  const char *src;
  long line;
  const char *has[6];
} jsons[] = {
    {"1400 TB to GB",
     0,
     {"\"input\":\"1400 TB to GB\"", "\"ok\":true", "\"value\":1400000", "\"exact\":\"1400000\"", "\"unit\":\"GB\"",
      "\"text\":\"1,400,000 GB\""}},
    {"1400 TB to GB", 0, {"\"assumptions\":[", "\"warnings\":[\"", NULL}},
    {"1 + zork", 3, {"\"ok\":false", "\"error\":{", "\"message\":\"", "\"column\":5", "\"line\":3", NULL}},
    {"1 + zork", 0, {"\"column\":5", NULL}},
    {"1 kB .. 5 kB",
     0,
     {"\"value\":null", "\"low\":1", "\"high\":5", "\"low_exact\":\"1\"", "\"high_exact\":\"5\"", NULL}},
    {"sqrt(2)", 0, {"\"exact\":null", "\"value\":1.414213562373095", NULL}},
    {"x = 2 MB", 0, {"\"name\":\"x\"", NULL}},
    {"2 \"quoted\"", 0, {"\"input\":\"2 \\\"quoted\\\"\"", "\"ok\":false", NULL}},
    {"1 \xff", 1, {"\"input\":\"1 \xef\xbf\xbd\"", "\"ok\":false", NULL}},
    {"1/3", 0, {"\"exact\":\"1/3\"", "\"value\":0.3333333333333333", "\"unit\":\"\"", NULL}},
    /* a failed row has the keys of a success, null where they do not apply */
    {"1 + zork",
     7,
     {"\"input\":\"1 + zork\",\"line\":7,\"ok\":false,\"value\":null,\"exact\":null,\"low\":null,\"high\":null,",
      "\"low_exact\":null,\"high_exact\":null,\"unit\":null,\"text\":\"unknown name",
      "\"name\":null,\"assumptions\":[],\"warnings\":[],\"item\":null,\"verdict\":null,\"count\":null,\"off\":null,"
      "\"actual\":null,\"implied\":null,\"reading\":null,\"error\":{\"message\":",
      "\"equivalents\":null}", NULL}},
    {"1400 TB to GB",
     2,
     {"\"input\":\"1400 TB to GB\",\"line\":2,\"ok\":true,\"value\":1400000,\"exact\":\"1400000\",\"low\":null,",
      "\"name\":null,\"assumptions\":[],\"warnings\":[", "\"error\":null,\"equivalents\":null}", NULL}},
};

START_TEST(test_json) {
  ds_result *r = eval(jsons[_i].src);
  char *j = ds_result_json(r, jsons[_i].line);
  ck_assert_ptr_nonnull(j);
  ck_assert_msg(json_valid_object(j), "not one JSON object: %s", j);
  for (int k = 0; k < 6 && jsons[_i].has[k]; k++)
    ck_assert_msg(strstr(j, jsons[_i].has[k]) != NULL, "'%s': %s lacks %s", jsons[_i].src, j, jsons[_i].has[k]);
  if (jsons[_i].line == 0) ck_assert_ptr_nonnull(strstr(j, "\"line\":null,"));
  if (ds_result_ok(r)) ck_assert_ptr_nonnull(strstr(j, "\"error\":null"));
  ds_free(j);
  ds_result_free(r);
}
END_TEST

/* Every function of the API given a NULL handle: the neutral value the
 * header documents ("NULL: ..."), and no crash. The calls are made when the
 * table is built; test_null_covers_api checks that each function of
 * datascale.h has a row. */
enum { NULL_INT, NULL_STR, NULL_NAN, NULL_VOID };
typedef struct {
  const char *call;
  int kind;
  long got, want;             /* NULL_INT */
  const char *got_s, *want_s; /* NULL_STR: want_s NULL means a NULL pointer */
  double got_d;               /* NULL_NAN */
} null_row;
#define NI(call, want) ((null_row){#call, NULL_INT, (long)(call), (want), NULL, NULL, 0})
#define NS(call, want) ((null_row){#call, NULL_STR, 0, 0, (call), (want), 0})
#define NP(call) ((null_row){#call, NULL_STR, 0, 0, (const char *)(call), NULL, 0})
#define NN(call) ((null_row){#call, NULL_NAN, 0, 0, NULL, NULL, (call)})
#define NV(call) ((null_row){#call, NULL_VOID, ((call), 0), 0, NULL, NULL, 0})

static size_t null_rows(null_row *rows, size_t max) {
  static int not_a_result;
  ds_result *r = (ds_result *)&not_a_result; /* ds_eval sets it to NULL */
  double d[1] = {1};
  null_row t[] = {
      NV(ds_free(NULL)),
      NV(ds_ctx_free(NULL)),
      NV(ds_result_free(NULL)),
      NV(ds_ctx_cancel(NULL)),
      NI(ds_ctx_limit(NULL, DS_LIMIT_DEPTH, -1), -1),
      NI(ds_ctx_limit(NULL, DS_LIMIT_DEPTH, 10), -1),
      NI(ds_ctx_set_binary(NULL, 1), DS_E_ARG),
      NI(ds_ctx_binary(NULL), 0),
      NI(ds_ctx_set_decimal_comma(NULL, 1), DS_E_ARG),
      NI(ds_ctx_decimal_comma(NULL), 0),
      NI(ds_ctx_set_style(NULL, DS_STYLE_EXACT), DS_E_ARG),
      NI(ds_ctx_set_warnings(NULL, 0), DS_E_ARG),
      NI(ds_ctx_set_explain(NULL, DS_EXPLAIN_TEXT), DS_E_ARG),
      NI(ds_ctx_set_source(NULL, "--assume"), DS_E_ARG),
      NP(ds_ctx_completions(NULL, "M")),
      NP(ds_ctx_units(NULL, NULL)),
      NP(ds_ctx_assumptions(NULL)),
      NP(ds_ctx_assumptions_changed(NULL)),
      NP(ds_ctx_units_json(NULL, NULL)),
      NI(ds_ctx_load_defs(NULL, "a = 1 B", 7, "x"), DS_E_ARG),
      NI(ds_eval(NULL, "1", 1, &r), DS_E_ARG),
      NI(ds_eval(NULL, "1", 1, NULL), DS_E_ARG),
      NI(ds_ctx_errcode(NULL), DS_E_ARG),
      NS(ds_ctx_errmsg(NULL), "invalid argument"),
      NI(ds_ctx_error_start(NULL), -1),
      NI(ds_ctx_error_end(NULL), -1),
      NI(ds_convert_many(NULL, d, d, 1, "TB", "GB"), DS_E_ARG),
      NI(ds_result_ok(NULL), 0),
      NI(ds_result_status(NULL), DS_E_ARG),
      NS(ds_result_input(NULL), ""),
      NS(ds_result_text(NULL), ""),
      NS(ds_result_terse(NULL), ""),
      NS(ds_result_unit(NULL), ""),
      NN(ds_result_value(NULL)),
      NP(ds_result_exact(NULL)),
      NI(ds_result_is_range(NULL), 0),
      NN(ds_result_low(NULL)),
      NN(ds_result_high(NULL)),
      NP(ds_result_low_exact(NULL)),
      NP(ds_result_high_exact(NULL)),
      NP(ds_result_name(NULL)),
      NP(ds_result_verdict(NULL)),
      NN(ds_result_off(NULL)),
      NN(ds_result_actual(NULL)),
      NN(ds_result_implied(NULL)),
      NP(ds_result_reading(NULL)),
      NP(ds_result_item(NULL)),
      NN(ds_result_count(NULL)),
      NI(ds_result_row_count(NULL), 0),
      NP(ds_result_row(NULL, 0)),
      NI(ds_result_warning_count(NULL), 0),
      NP(ds_result_warning(NULL, 0)),
      NI(ds_result_assumption_count(NULL), 0),
      NP(ds_result_assumption_name(NULL, 0)),
      NP(ds_result_assumption_value(NULL, 0)),
      NP(ds_result_assumption_source(NULL, 0)),
      NI(ds_result_error_column(NULL), 0),
      NP(ds_result_explain(NULL, 0)),
      NP(ds_result_explain(NULL, 1)),
      NP(ds_result_json(NULL, 0)),
      NP(ds_result_json(NULL, 3)),
      NI(ds_read(NULL, "1 TB", 4, "x", NULL), DS_E_ARG),
      NV(ds_story_free(NULL)),
      NI(ds_story_count(NULL), 0),
      NI(ds_story_off_count(NULL), 0),
      NP(ds_story_kind(NULL, 0)),
      NP(ds_story_verdict(NULL, 0)),
      NP(ds_story_quote(NULL, 0)),
      NP(ds_story_reason(NULL, 0)),
      NP(ds_story_expression(NULL, 0)),
      NI(ds_story_line(NULL, 0), -1),
      NI(ds_story_column(NULL, 0), -1),
      NI(ds_story_problem_count(NULL), 0),
      NP(ds_story_problem(NULL, 0)),
      NP(ds_story_text(NULL)),
      NP(ds_story_json(NULL)),
      NP(ds_story_markdown(NULL)),
  };
  ck_assert_uint_le(sizeof t / sizeof t[0], max);
  memcpy(rows, t, sizeof t);
  ck_assert_ptr_null(r);
  ck_assert(d[0] == 1); /* nothing written through a NULL context */
  return sizeof t / sizeof t[0];
}

START_TEST(test_null_handles) {
  null_row rows[100];
  size_t n = null_rows(rows, 100);
  for (size_t i = 0; i < n; i++) {
    const null_row *w = &rows[i];
    switch (w->kind) {
    case NULL_INT: ck_assert_msg(w->got == w->want, "%s gave %ld, not %ld", w->call, w->got, w->want); break;
    case NULL_NAN: ck_assert_msg(isnan(w->got_d), "%s gave %g, not NaN", w->call, w->got_d); break;
    case NULL_VOID: break;
    case NULL_STR:
      ck_assert_msg(w->want_s ? w->got_s && strcmp(w->got_s, w->want_s) == 0 : !w->got_s, "%s gave \"%s\", not \"%s\"",
                    w->call, w->got_s ? w->got_s : "(NULL)", w->want_s ? w->want_s : "(NULL)");
      break;
    }
  }
}
END_TEST

/* Each function declared in datascale.h has a row in the table above. */
START_TEST(test_null_covers_api) {
  null_row rows[100];
  size_t n = null_rows(rows, 100);
  FILE *f = fopen(TOP_SRCDIR "/include/datascale.h", "r");
  ck_assert_msg(f != NULL, "cannot read %s/include/datascale.h", TOP_SRCDIR);
  char line[512];
  int functions = 0;
  while (fgets(line, sizeof line, f)) {
    /* a declaration: "TYPE ds_name(" or "TYPE *ds_name(" at the start of a line */
    if (line[0] == ' ' || line[0] == '/' || line[0] == '#') continue;
    char *p = strstr(line, "ds_"), *q = p;
    if (!p || (p > line && p[-1] != ' ' && p[-1] != '*')) continue;
    while (*q == '_' || (*q >= 'a' && *q <= 'z')) q++;
    if (*q != '(' || strncmp(p, "ds_version(", 11) == 0 || strncmp(p, "ds_abi(", 7) == 0 ||
        strncmp(p, "ds_strerror(", 12) == 0 || strncmp(p, "ds_ctx_new(", 11) == 0)
      continue; /* no handle to be NULL */
    functions++;
    bool found = false;
    for (size_t i = 0; i < n && !found; i++) found = strncmp(rows[i].call, p, (size_t)(q - p + 1)) == 0;
    ck_assert_msg(found, "%.*s has no row in null_rows()", (int)(q - p), p);
  }
  fclose(f);
  ck_assert_int_ge(functions, 40);
}
END_TEST

/* Invalid arguments other than a NULL handle: DS_E_ARG, with a message on
 * the context, and nothing changed. */
START_TEST(test_bad_args) {
  ds_result *r = NULL;
  ck_assert_int_eq(ds_eval(ctx, NULL, 2, &r), DS_E_ARG);
  ck_assert_ptr_null(r);
  ck_assert_int_eq(ds_ctx_errcode(ctx), DS_E_ARG);
  ck_assert_str_eq(ds_ctx_errmsg(ctx), "invalid argument: NULL line with a non-zero length");
  ck_assert_int_eq(ds_eval(ctx, NULL, 0, NULL), ds_eval(ctx, "", 0, NULL)); /* the empty line */
  ck_assert_int_eq(ds_ctx_load_defs(ctx, "a = 1 B", 7, NULL), DS_E_ARG);
  ck_assert_str_eq(ds_ctx_errmsg(ctx), "invalid argument: NULL name");
  double d[1] = {1};
  ck_assert_int_eq(ds_convert_many(ctx, d, d, 1, NULL, "GB"), DS_E_ARG);
  ck_assert_int_eq(ds_convert_many(ctx, d, d, 1, "TB", NULL), DS_E_ARG);
  ck_assert_str_eq(ds_ctx_errmsg(ctx), "invalid argument: NULL unit");
  ck_assert_int_eq(ds_convert_many(ctx, NULL, d, 1, "TB", "GB"), DS_E_ARG);
  ck_assert_int_eq(ds_convert_many(ctx, d, NULL, 1, "TB", "GB"), DS_E_ARG);
  ck_assert_str_eq(ds_ctx_errmsg(ctx), "invalid argument: NULL array with a non-zero count");
  ck_assert(d[0] == 1);
  ck_assert_int_eq(ds_convert_many(ctx, NULL, NULL, 0, "TB", "GB"), DS_OK);
}
END_TEST

/* Style and explain modes outside their enums are refused, not clamped;
 * the setting in force stays. */
START_TEST(test_modes_refused) {
  ck_assert_int_eq(ds_ctx_set_explain(ctx, DS_EXPLAIN_MARKDOWN), DS_OK);
  ck_assert_int_eq(ds_ctx_set_explain(ctx, 3), DS_E_ARG);
  ck_assert_int_eq(ds_ctx_errcode(ctx), DS_E_ARG);
  ck_assert_str_eq(ds_ctx_errmsg(ctx), "invalid argument: unknown explain mode");
  ck_assert_int_eq(ds_ctx_set_explain(ctx, -1), DS_E_ARG);
  ck_assert_int_eq(ds_ctx_set_explain(ctx, 1000), DS_E_ARG);
  ds_result *r = eval("2 * 3 MB");
  ck_assert_ptr_nonnull(ds_result_explain(r, 0));
  char *j = ds_result_json(r, 0);
  ck_assert_ptr_nonnull(strstr(j, "\"explain\":\"## Derivation")); /* still Markdown in the JSON */
  ds_free(j);
  ds_result_free(r);
  ck_assert_int_eq(ds_ctx_set_explain(ctx, DS_EXPLAIN_OFF), DS_OK);
  r = eval("2 * 3 MB");
  ck_assert_ptr_null(ds_result_explain(r, 0));
  ds_result_free(r);

  ck_assert_int_eq(ds_ctx_set_style(ctx, DS_STYLE_EXACT), DS_OK);
  ck_assert_int_eq(ds_ctx_set_style(ctx, 2), DS_E_ARG);
  ck_assert_int_eq(ds_ctx_set_style(ctx, -1), DS_E_ARG);
  ck_assert_str_eq(ds_ctx_errmsg(ctx), "invalid argument: unknown style");
  r = eval("20/7");
  ck_assert_ptr_nonnull(strstr(ds_result_text(r), "20/7")); /* still exact */
  ds_result_free(r);
  ck_assert_int_eq(ds_ctx_set_style(ctx, DS_STYLE_NORMAL), DS_OK);
  r = eval("20/7");
  ck_assert_ptr_null(strstr(ds_result_text(r), "20/7"));
  ds_result_free(r);
  /* a setter that succeeds leaves the last error alone; ds_eval clears it */
  ck_assert_int_eq(ds_ctx_set_style(ctx, 7), DS_E_ARG);
  ck_assert_int_eq(ds_ctx_set_warnings(ctx, 1), DS_OK);
  ck_assert_int_eq(ds_ctx_set_binary(ctx, 0), DS_OK);
  ck_assert_int_eq(ds_ctx_errcode(ctx), DS_E_ARG);
  ck_assert_int_eq(ds_eval(ctx, "1", 1, NULL), DS_OK);
  ck_assert_int_eq(ds_ctx_errcode(ctx), DS_OK);
  ck_assert_str_eq(ds_ctx_errmsg(ctx), "");
}
END_TEST

/* The cancel flag is cleared when the next evaluation starts. */
START_TEST(test_cancel) {
  ds_ctx_cancel(ctx);
  ds_result *r = eval("1 + 2");
  ck_assert(ds_result_ok(r));
  ck_assert_str_eq(ds_result_text(r), "3");
  ds_result_free(r);
  ds_ctx_cancel(ctx);
  ds_ctx_cancel(ctx);
  ck_assert_int_eq(ds_eval(ctx, "4", 1, NULL), DS_OK);
}
END_TEST

START_TEST(test_settings) {
  ck_assert_int_eq(ds_ctx_binary(ctx), 0);
  ds_ctx_set_binary(ctx, 5);
  ck_assert_int_eq(ds_ctx_binary(ctx), 1);
  ds_result *r = eval("1 KB to B");
  ck_assert_str_eq(ds_result_text(r), "1,024 B");
  ds_result_free(r);
  r = eval("1 kB to B"); /* the SI symbol and the words are read so too */
  ck_assert_str_eq(ds_result_text(r), "1,024 B");
  ds_result_free(r);
  r = eval("1 kbit to bit"); /* bits never */
  ck_assert_str_eq(ds_result_text(r), "1,000 bit");
  ds_result_free(r);
  ds_ctx_set_binary(ctx, 0);
  r = eval("1 KB to B");
  ck_assert_str_eq(ds_result_text(r), "1,000 B");
  ds_result_free(r);
  /* The decimal comma: read and written 1.400,5; JSON keeps the point. */
  ck_assert_int_eq(ds_ctx_decimal_comma(ctx), 0);
  ck_assert_int_eq(ds_ctx_set_decimal_comma(ctx, 7), DS_OK);
  ck_assert_int_eq(ds_ctx_decimal_comma(ctx), 1);
  r = eval("1.400,5 TB to TB");
  ck_assert_str_eq(ds_result_text(r), "1.400,5 TB");
  ck_assert_str_eq(ds_result_exact(r), "2801/2");
  ck_assert_str_eq(ds_result_terse(r), "1400.5");
  ds_result_free(r);
  ds_ctx_set_decimal_comma(ctx, 0);
  r = eval("1,400.5 TB to TB");
  ck_assert_str_eq(ds_result_text(r), "1,400.5 TB");
  ds_result_free(r);
  ds_ctx_set_style(ctx, DS_STYLE_EXACT);
  r = eval("20/7");
  ck_assert_ptr_nonnull(strstr(ds_result_text(r), "2.(857142)"));
  ck_assert_ptr_nonnull(strstr(ds_result_text(r), "20/7"));
  ds_result_free(r);
}
END_TEST

START_TEST(test_load_defs) {
  ck_assert_int_eq(ds_ctx_load_defs(ctx, "widget/widgets = 3 MB\n", 22, "my.def"), DS_OK);
  ds_result *r = eval("2 widgets to MB");
  ck_assert_str_eq(ds_result_text(r), "6 MB");
  ds_result_free(r);
  ck_assert_int_eq(ds_ctx_load_defs(ctx, "a = 1 B\nb = zork", 16, "my.def"), DS_E_DEFS);
  ck_assert_int_eq(ds_ctx_errcode(ctx), DS_E_DEFS);
  ck_assert_ptr_nonnull(strstr(ds_ctx_errmsg(ctx), "my.def:2:5: "));
  ck_assert_int_eq(ds_eval(ctx, "a", 1, NULL), DS_E_UNKNOWN); /* nothing of the failed load kept */
  ck_assert_int_eq(ds_ctx_load_defs(ctx, NULL, 3, "x"), DS_E_ARG);
  ck_assert_int_eq(ds_ctx_load_defs(ctx, NULL, 0, "x"), DS_OK);
  ck_assert_int_eq(ds_ctx_load_defs(NULL, "a = 1", 5, "x"), DS_E_ARG);
}
END_TEST

/* reset NAME forgets a variable; reset of an unknown name is an error. */
START_TEST(test_reset) {
  ck_assert_int_eq(ds_eval(ctx, "x = 5", 5, NULL), DS_OK);
  ds_result *r = eval("reset x");
  ck_assert(ds_result_ok(r));
  ck_assert_ptr_nonnull(strstr(ds_result_text(r), "x"));
  ds_result_free(r);
  ck_assert_int_eq(ds_eval(ctx, "x", 1, NULL), DS_E_UNKNOWN);
  r = eval("reset x");
  ck_assert_int_eq(ds_result_ok(r), 0);
  ck_assert_int_eq(ds_result_error_column(r), 7);
  ds_result_free(r);
  /* a catalogue item comes back after an override is reset */
  ck_assert_int_eq(ds_eval(ctx, "photo = 4 MB", 12, NULL), DS_OK);
  ck_assert_int_eq(ds_eval(ctx, "reset photo", 11, NULL), DS_OK);
  r = eval("1 photo to kB");
  ck_assert(ds_result_ok(r));
  ck_assert_str_ne(ds_result_exact(r) ? ds_result_exact(r) : "", "4000");
  ds_result_free(r);
}
END_TEST

/* Contexts are independent. */
START_TEST(test_two_contexts) {
  ds_ctx *other = ds_ctx_new();
  ck_assert_ptr_nonnull(other);
  ck_assert_int_eq(ds_eval(ctx, "zz = 5", 6, NULL), DS_OK);
  ck_assert_int_eq(ds_eval(other, "zz", 2, NULL), DS_E_UNKNOWN);
  ds_ctx_set_binary(other, 1);
  ck_assert_int_eq(ds_ctx_binary(ctx), 0);
  ds_ctx_free(other);
  ck_assert_int_eq(ds_eval(ctx, "zz", 2, NULL), DS_OK);
}
END_TEST

/* Contexts on four threads at once, each evaluating the same lines as
 * the main thread did: the same texts (each thread keeps its own numbers
 * for reuse, qpool.c), and ds_ctx_free on each thread frees them. */
enum { THREAD_LINES = 120, THREADS = 4 };
static char thread_line[THREAD_LINES][64];
static char *thread_want[THREAD_LINES];

static void *thread_run(void *arg) {
  (void)arg;
  ds_ctx *c = ds_ctx_new();
  long bad = c ? 0 : 1;
  for (int round = 0; c && round < 3; round++)
    for (int i = 0; i < THREAD_LINES; i++) {
      ds_result *r = NULL;
      ds_eval(c, thread_line[i], strlen(thread_line[i]), &r);
      if (!r || strcmp(ds_result_text(r), thread_want[i]) != 0) bad++;
      ds_result_free(r);
    }
  ds_ctx_free(c);
  return (void *)bad;
}

START_TEST(test_threads) {
  static const char *const units[] = {"KiB", "MB", "TB", "GiB", "PB", "bit", "kB", "TiB"};
  for (int i = 0; i < THREAD_LINES; i++) {
    /* big and small values, fractions, a range now and then */
    if (i % 10 == 9)
      snprintf(thread_line[i], sizeof thread_line[i], "%d to %d %s to %s", i, i * 1000003, units[i % 8],
               units[(i + 3) % 8]);
    else
      snprintf(thread_line[i], sizeof thread_line[i], "%d.%d %s to %s", i * 7919 + 1, i % 7, units[i % 8],
               units[(i * 5 + 1) % 8]);
    ds_result *r = eval(thread_line[i]);
    thread_want[i] = strdup(ds_result_text(r));
    ds_result_free(r);
  }
  pthread_t t[THREADS];
  for (int k = 0; k < THREADS; k++) ck_assert_int_eq(pthread_create(&t[k], NULL, thread_run, NULL), 0);
  for (int k = 0; k < THREADS; k++) {
    void *bad;
    ck_assert_int_eq(pthread_join(t[k], &bad), 0);
    ck_assert_int_eq((long)bad, 0);
  }
  for (int i = 0; i < THREAD_LINES; i++) free(thread_want[i]);
}
END_TEST

/* Results outlive later lines and the context. */
START_TEST(test_result_lifetime) {
  ds_result *a = eval("1 + 1");
  ds_result *b = eval("zork");
  ck_assert_str_eq(ds_result_text(a), "2");
  ds_ctx_free(ctx);
  ctx = ds_ctx_new();
  ck_assert_str_eq(ds_result_text(a), "2");
  ck_assert_int_eq(ds_result_status(b), DS_E_UNKNOWN);
  ds_result_free(a);
  ds_result_free(b);
}
END_TEST

/* A line's words (text, unit, notes) are written in memory the context
 * keeps from line to line; each result has its own copy, which later
 * lines, longer or shorter, leave as it was. */
START_TEST(test_result_words_own) {
  static const char *const srcs[] = {"1400 TB to GB", "3 kB to MB", "1400 TB to photos", "2 MB", "1 + 1"};
  enum { N = sizeof srcs / sizeof srcs[0] };
  ds_result *r[N];
  char *text[N], *unit[N], *note[N];
  for (size_t i = 0; i < N; i++) {
    r[i] = eval(srcs[i]);
    text[i] = strdup(ds_result_text(r[i]));
    unit[i] = strdup(ds_result_unit(r[i]));
    note[i] = strdup(ds_result_warning_count(r[i]) ? ds_result_warning(r[i], 0) : "");
  }
  ck_assert_str_eq(unit[0], "GB");
  ck_assert(strstr(note[0], "TB and GB read as decimal") == note[0]);
  ck_assert(strstr(note[1], "kB and MB read as decimal") == note[1]);
  for (size_t i = 0; i < N; i++) {
    ck_assert_str_eq(ds_result_text(r[i]), text[i]);
    ck_assert_str_eq(ds_result_unit(r[i]), unit[i]);
    ck_assert_str_eq(ds_result_warning_count(r[i]) ? ds_result_warning(r[i], 0) : "", note[i]);
    ds_result_free(r[i]);
    free(text[i]), free(unit[i]), free(note[i]);
  }
}
END_TEST

/* A freed result's block is the next result's (not under
 * AddressSanitizer, which is to see every free), with nothing of the
 * freed one in it; a line too long for it gets a block of its own. */
START_TEST(test_result_block_reused) {
  ds_result *a = eval("1400 TB to GB");
  ck_assert_uint_eq(ds_result_warning_count(a), 1);
  uintptr_t at = (uintptr_t)a;
  ds_result_free(a);
  ds_result *b = eval("1 + 1");
  if (QPOOL_ON) ck_assert_uint_eq((uintptr_t)b, at);
  ck_assert_str_eq(ds_result_text(b), "2");
  ck_assert_str_eq(ds_result_unit(b), "");
  ck_assert_uint_eq(ds_result_warning_count(b), 0);
  ds_result_free(b);
  char line[4001];
  for (size_t i = 0; i < 999; i++) memcpy(line + 4 * i, "1 + ", 4);
  memcpy(line + 3996, "1", 2); /* 1 + 1 + ... + 1, a thousand ones */
  ds_result *c = eval(line);
  ck_assert_str_eq(ds_result_text(c), "1,000");
  ds_result_free(c);
  ds_result *d = eval("2 + 2");
  ck_assert_str_eq(ds_result_text(d), "4");
  ds_result_free(d);
}
END_TEST

/* Results of every kind (a value, a failure, a what-if, a sweep and its
 * rows, a setting) live on their own: many kept at once, freed in an
 * order unlike the one they were made in, each keeping its input and
 * text until it is freed. */
START_TEST(test_results_independent) {
  static const char *const srcs[] = {
      "1400 TB to GB",
      "zork",
      "1400 TB to photos with photo = 2 MB",
      "1400 TB to photos for photo in 2 MB, 3 MB, 5 MB",
      "x = 5 MB",
      "set decimal-comma off",
      "x to kB",
  };
  enum { N = sizeof srcs / sizeof srcs[0] };
  ds_result *r[N];
  char *text[N];
  for (size_t i = 0; i < N; i++) {
    r[i] = eval(srcs[i]);
    text[i] = strdup(ds_result_text(r[i]));
  }
  ck_assert_str_eq(ds_result_text(r[0]), "1,400,000 GB");
  ck_assert(strncmp(ds_result_text(r[2]), "with photo = 2 MB: 700 million photos", 37) == 0);
  ck_assert_uint_eq(ds_result_row_count(r[3]), 3);
  ck_assert_str_eq(ds_result_text(r[6]), "5,000 kB");
  ds_ctx_free(ctx);
  ctx = ds_ctx_new();
  static const size_t order[] = {3, 0, 6, 2, 5, 1, 4};
  for (size_t k = 0; k < N; k++) {
    size_t i = order[k];
    for (size_t j = 0; j < N; j++) /* every result not yet freed is intact */
      if (r[j]) {
        ck_assert_str_eq(ds_result_input(r[j]), srcs[j]);
        ck_assert_str_eq(ds_result_text(r[j]), text[j]);
      }
    ds_result_free(r[i]);
    r[i] = NULL;
    free(text[i]);
  }
}
END_TEST

/* The longest exact value a result keeps is 3,400,000 bits, numerator and
 * denominator together; one bit more and it has none, and a note says so. */
START_TEST(test_exact_longest) {
  ds_result *r = eval("2^3399998");
  const char *e = ds_result_exact(r);
  ck_assert_ptr_nonnull(e);
  ck_assert_uint_eq(strlen(e), 1023502);
  ck_assert_uint_eq(ds_result_warning_count(r), 0);
  ds_result_free(r);
  r = eval("2^3399999");
  ck_assert_ptr_null(ds_result_exact(r));
  ck_assert_uint_eq(ds_result_warning_count(r), 1);
  ck_assert_str_eq(ds_result_warning(r, 0), "the exact value is too long to print");
  ds_result_free(r);
  r = eval("1/2^3399999");
  ck_assert_ptr_null(ds_result_exact(r));
  ds_result_free(r);
}
END_TEST

/* ---- result forms made on first request --------------------------------- */

/* The forms of one result; NaN and NULL as the accessors give them. */
typedef struct {
  const char *terse, *exact, *low_exact, *high_exact;
  double value, low, high;
} forms;

/* Reads every form in the order of `order` (t v e l h L H), each twice:
 * the second call answers the same (the same borrowed string). */
static void read_forms(const ds_result *r, const char *order, forms *f) {
  for (const char *o = order; *o; o++) {
    for (int k = 0; k < 2; k++) {
      const char *s = NULL, **sp = NULL;
      double d = 0, *dp = NULL;
      switch (*o) {
      case 't': s = ds_result_terse(r), sp = &f->terse; break;
      case 'e': s = ds_result_exact(r), sp = &f->exact; break;
      case 'L': s = ds_result_low_exact(r), sp = &f->low_exact; break;
      case 'H': s = ds_result_high_exact(r), sp = &f->high_exact; break;
      case 'v': d = ds_result_value(r), dp = &f->value; break;
      case 'l': d = ds_result_low(r), dp = &f->low; break;
      case 'h': d = ds_result_high(r), dp = &f->high; break;
      default: ck_abort_msg("bad order '%c'", *o);
      }
      if (sp && k == 0) *sp = s;
      else if (sp) ck_assert_msg(s == *sp, "'%s': form %c changed on the second call", ds_result_input(r), *o);
      if (dp && k == 0) *dp = d;
      else if (dp)
        ck_assert_msg((isnan(d) && isnan(*dp)) || d == *dp, "'%s': form %c changed on the second call",
                      ds_result_input(r), *o);
    }
  }
}

static void same_str(const char *src, const char *what, const char *a, const char *b) {
  ck_assert_msg((!a && !b) || (a && b && strcmp(a, b) == 0), "'%s': %s '%s' vs '%s'", src, what, a ? a : "(null)",
                b ? b : "(null)");
}

static void same_double(const char *src, const char *what, double a, double b) {
  ck_assert_msg((isnan(a) && isnan(b)) || a == b, "'%s': %s %.17g vs %.17g", src, what, a, b);
}

#define NO NAN /* a form that is NaN */
static const struct {
  const char *src;
  int ok, range;
  const char *terse, *exact, *low_exact, *high_exact;
  double value, low, high;
} lazy[] = {
    {"1400 TB to GB", 1, 0, "1400000", "1400000", NULL, NULL, 1400000, NO, NO},
    {"1/3", 1, 0, "0.333333", "1/3", NULL, NULL, 0.3333333333333333, NO, NO},
    {"sqrt(2)", 1, 0, "1.41421", NULL, NULL, NULL, 1.4142135623730951, NO, NO},
    {"2^70 B", 1, 0, "1.18059", "562949953421312/476837158203125", NULL, NULL, 1.1805916207174112, NO, NO},
    {"x = 2 MB", 1, 0, "2", "2", NULL, NULL, 2, NO, NO},
    {"1 GB to songs", 1, 0, "148.81", "3125/21", NULL, NULL, 148.8095238095238, NO, NO},
    {"(1 MB .. 2 MB) to kB", 1, 1, "1000..2000", NULL, "1000", "2000", NO, 1000, 2000},
    {"1.5 .. 2.25", 1, 1, "1.5..2.25", NULL, "3/2", "9/4", NO, 1.5, 2.25},
    {"10 \xc2\xb1 10%", 1, 1, "9..11", NULL, "9", "11", NO, 9, 11},
    {"1400 TB to photos range", 1, 1, "466667000", NULL, "280000000", "700000000", NO, 280000000, 700000000},
    {"1 + zork", 0, 0, "", NULL, NULL, NULL, NO, NO, NO},
    {"1/0", 0, 0, "", NULL, NULL, NULL, NO, NO, NO},
    {"(1 .. 2", 0, 0, "", NULL, NULL, NULL, NO, NO, NO},
};

/* Each result from a fresh context (so ans and variables are the same). */
static ds_result *eval_fresh(const char *src, ds_ctx **c) {
  *c = ds_ctx_new();
  ck_assert_ptr_nonnull(*c);
  ds_result *r = NULL;
  ds_eval(*c, src, strlen(src), &r);
  ck_assert_ptr_nonnull(r);
  return r;
}

/* The same answers whatever the order and number of the calls, and the
 * answers written in the table. */
START_TEST(test_forms_order) {
  static const char *const orders[] = {"tvelhLH", "HLhlevt", "vhtLelH", "eeLtHvlhv"};
  forms f[4];
  const char *src = lazy[_i].src;
  for (int k = 0; k < 4; k++) {
    ds_ctx *c;
    ds_result *r = eval_fresh(src, &c);
    ck_assert_int_eq(ds_result_ok(r), lazy[_i].ok);
    ck_assert_int_eq(ds_result_is_range(r), lazy[_i].range);
    memset(&f[k], 0, sizeof f[k]);
    read_forms(r, orders[k], &f[k]);
    /* copies: the strings die with the result */
    const char **str[] = {&f[k].terse, &f[k].exact, &f[k].low_exact, &f[k].high_exact};
    for (size_t j = 0; j < 4; j++)
      if (*str[j]) *str[j] = strdup(*str[j]);
    ck_assert_int_eq(ds_result_is_range(r), lazy[_i].range); /* unchanged by the forms */
    ds_result_free(r);
    ds_ctx_free(c);
  }
  for (int k = 0; k < 4; k++) {
    same_str(src, "terse", f[k].terse, lazy[_i].terse);
    same_str(src, "exact", f[k].exact, lazy[_i].exact);
    same_str(src, "low_exact", f[k].low_exact, lazy[_i].low_exact);
    same_str(src, "high_exact", f[k].high_exact, lazy[_i].high_exact);
    same_double(src, "value", f[k].value, lazy[_i].value);
    same_double(src, "low", f[k].low, lazy[_i].low);
    same_double(src, "high", f[k].high, lazy[_i].high);
    free((char *)f[k].terse);
    free((char *)f[k].exact);
    free((char *)f[k].low_exact);
    free((char *)f[k].high_exact);
  }
}
END_TEST

/* The JSON row is the same before and after the accessors made the forms,
 * and the same as that of a result whose forms were made first. */
START_TEST(test_forms_json) {
  const char *src = lazy[_i].src;
  for (long line = 0; line <= 3; line += 3) {
    ds_ctx *ca, *cb;
    ds_result *a = eval_fresh(src, &ca), *b = eval_fresh(src, &cb);
    forms fa, fb;
    char *ja = ds_result_json(a, line);
    read_forms(a, "tvelhLH", &fa);
    char *ja2 = ds_result_json(a, line);
    read_forms(b, "HLhlevt", &fb);
    char *jb = ds_result_json(b, line);
    ck_assert_ptr_nonnull(ja);
    ck_assert_ptr_nonnull(ja2);
    ck_assert_ptr_nonnull(jb);
    ck_assert_msg(json_valid_object(ja), "not one JSON object: %s", ja);
    ck_assert_str_eq(ja, ja2);
    ck_assert_str_eq(ja, jb);
    /* the forms are those the JSON row shows */
    ck_assert_int_eq(strstr(ja, "\"ok\":true") != NULL, lazy[_i].ok);
    if (lazy[_i].exact) {
      char want[128];
      snprintf(want, sizeof want, "\"exact\":\"%s\"", lazy[_i].exact);
      ck_assert_msg(strstr(ja, want) != NULL, "%s lacks %s", ja, want);
    }
    ds_free(ja);
    ds_free(ja2);
    ds_free(jb);
    ds_result_free(a);
    ds_result_free(b);
    ds_ctx_free(ca);
    ds_ctx_free(cb);
  }
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("ctx");
  TCase *tc = tcase_create("results");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, test_version);
  SUITE_LOOP(tc, test_ok, oks);
  tcase_add_test(tc, test_inexact);
  tcase_add_test(tc, test_range);
  tcase_add_test(tc, test_assignment_and_ans);
  tcase_add_test(tc, test_warnings);
  tcase_add_test(tc, test_warnings_batch);
  SUITE_LOOP(tc, test_fail, fails);
  tcase_add_test(tc, test_len);
  tcase_add_test(tc, test_result_lifetime);
  tcase_add_test(tc, test_result_words_own);
  tcase_add_test(tc, test_result_block_reused);
  tcase_add_test(tc, test_results_independent);
  tcase_add_test(tc, test_exact_longest);
  SUITE_LOOP(tc, test_forms_order, lazy);
  SUITE_LOOP(tc, test_forms_json, lazy);
  suite_add_tcase(s, tc);
  tc = tcase_create("api");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, test_limits);
  tcase_add_test(tc, test_limits_apply);
  tcase_add_test(tc, test_convert_many);
  SUITE_LOOP(tc, test_json, jsons);
  tcase_add_test(tc, test_null_handles);
  tcase_add_test(tc, test_null_covers_api);
  tcase_add_test(tc, test_bad_args);
  tcase_add_test(tc, test_modes_refused);
  tcase_add_test(tc, test_cancel);
  tcase_add_test(tc, test_settings);
  tcase_add_test(tc, test_load_defs);
  tcase_add_test(tc, test_two_contexts);
  tcase_add_test(tc, test_threads);
  tcase_add_test(tc, test_reset);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
