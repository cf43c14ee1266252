/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_eval.c -- evaluation through stmt_line on a fresh context: exact
 * values (in base units: bit, second, USD, person) and dimensions, errors
 * with their codes and spans, the session (ans, _, assignment, plurals of
 * variables), the two readings of KB..YB, cancellation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "stmt.h"
#include "lex.h"
#include "suite.h"

SUITE_CTX_FIXTURE

/* Evaluates one line; on success writes "lo" or "lo..hi" (mpq_get_str
 * forms) and the dimension in words. */
static int run(const char *src, char *val, size_t vsz, char *dimname, size_t dsz, err *e) {
  stmt_result o;
  stmt_result_init(&o);
  err_clear(e);
  int st = stmt_line(&ctx->env, &ctx->defs, src, strlen(src), &o, e);
  if (st == DS_OK) {
    char *l = mpq_get_str(NULL, 10, o.v.n.lo), *h = mpq_get_str(NULL, 10, o.v.n.hi);
    if (mpq_equal(o.v.n.lo, o.v.n.hi)) snprintf(val, vsz, "%s", l);
    else snprintf(val, vsz, "%s..%s", l, h);
    free(l);
    free(h);
    units_dim_name(&ctx->s.reg, &o.v.d, dimname, dsz);
  }
  stmt_result_clear(&o);
  return st;
}

#define INFO "information"
#define NONE "a plain number"

static const struct {
  const char *src;
  const char *val;
  const char *dim;
} vals[] = {
    /* numbers are exact */
    {"2.86", "143/50", NONE},
    {"0.1 + 0.2", "3/10", NONE},
    {"1/3 + 1/6", "1/2", NONE},
    {"1,400", "1400", NONE},
    {"1,234,567.5", "2469135/2", NONE},
    {"1_400", "1400", NONE},
    {"1.4e15", "1400000000000000", NONE},
    {"2e-3", "1/500", NONE},
    {"23%", "23/100", NONE},
    {"490 million", "490000000", NONE},
    {"1.4 billion", "1400000000", NONE},
    {"3 dozen", "36", NONE},
    /* operators */
    {"2^-1", "1/2", NONE},
    {"-2^2", "-4", NONE},
    {"2^3^2", "512", NONE},
    {"2 ** 10", "1024", NONE},
    {"6 \xc3\x97 7", "42", NONE},
    {"8 \xc3\xb7 2", "4", NONE},
    {"5 \xe2\x88\x92 7", "-2", NONE},
    {"1 - 2 - 3", "-4", NONE},
    {"(-2)^3", "-8", NONE},
    {"1^(10^30)", "1", NONE}, /* a huge exponent of 1 is fine */
    {"(-1)^(10^30 + 1)", "-1", NONE},
    /* functions */
    {"sqrt(16)", "4", NONE},
    {"abs(-3)", "3", NONE},
    {"round(2.5)", "3", NONE},
    {"round(-2.5)", "-3", NONE},
    {"floor(-2.5)", "-3", NONE},
    {"ceil(2.1)", "3", NONE},
    {"min(3, 1, 2)", "1", NONE},
    {"max(1, 400)", "400", NONE},
    {"log2(1024)", "10", NONE},
    /* information: 1 B = 8 bit */
    {"1400 TB", "11200000000000000", INFO},
    {"1,400 TB", "11200000000000000", INFO},
    {"1 KiB", "8192", INFO},
    {"1 kB", "8000", INFO},
    {"1 KB", "8000", INFO}, /* decimal unless binary is on */
    {"1 nibble", "4", INFO},
    {"3EB", "24000000000000000000", INFO},
    {"2 megabytes", "16000000", INFO},
    {"1 tebibyte", "8796093022208", INFO},
    {"1 Mb", "1000000", INFO},
    {"1 MB + 1 Mb", "9000000", INFO},
    {"max(1 MB, 2 MB)", "16000000", INFO},
    {"sqrt(4 MB^2)", "16000000", INFO},
    {"5 Mbit/s * 1 hour", "18000000000", INFO},
    {"1 Gbps * 1 s", "1000000000", INFO},
    /* rates and time */
    {"1 GB / 2 s", "4000000000", INFO "/time"},
    {"1 GB per s", "8000000000", INFO "/time"},
    {"1 GB/s", "8000000000", INFO "/time"},
    {"1 min", "60", "time"},
    {"90 min + 1 h", "9000", "time"},
    {"2 ms", "1/500", "time"},
    {"1 day", "86400", "time"},
    {"1 year", "31556952", "time"}, /* 365.2425 days */
    {"1 month", "2629746", "time"}, /* a twelfth of it */
    /* money and counts */
    {"$7.5 billion", "7500000000", "money"},
    {"3 USD / 1 GB", "3/8000000000", "money/information"},
    {"1400 TB / 14 million people", "800000000", "information/person"},
    /* ranges: true bounds */
    {"1 .. 5", "1..5", NONE},
    {"5 .. 1", "1..5", NONE},
    {"1 MB .. 5 MB", "8000000..40000000", INFO},
    {"(1 .. 5) * (-2 .. 3)", "-10..15", NONE},
    {"(1 .. 2) - (1 .. 2)", "-1..1", NONE},
    {"10 \xc2\xb1 10%", "9..11", NONE},
    {"10 +/- 2", "8..12", NONE},
    {"10 +- 2", "8..12", NONE},
    {"-10 \xc2\xb1 10%", "-11..-9", NONE},
    {"(10 .. 20) \xc2\xb1 10%", "9..22", NONE}, /* relative to each bound */
    {"1 GB \xc2\xb1 10%", "7200000000..8800000000", INFO},
    {"(-2 .. 3)^2", "0..9", NONE},
    {"1 / (2 .. 4)", "1/4..1/2", NONE},
    {"1 GB \xc2\xb1 10 MB", "7920000000..8080000000", INFO},
    /* conversions keep the value in base units */
    {"1400 TB to GB", "11200000000000000", INFO},
    {"1 GB -> MB", "8000000000", INFO},
    {"1 GB in auto", "8000000000", INFO},
    {"1 MB as iec", "8000000", INFO},
};

START_TEST(test_values) {
  char val[512], dn[128];
  err e;
  int st = run(vals[_i].src, val, sizeof val, dn, sizeof dn, &e);
  ck_assert_msg(st == DS_OK, "'%s': status %d: %s", vals[_i].src, st, e.msg);
  ck_assert_msg(strcmp(val, vals[_i].val) == 0, "'%s' = %s, want %s", vals[_i].src, val, vals[_i].val);
  ck_assert_msg(strcmp(dn, vals[_i].dim) == 0, "'%s': dimension %s, want %s", vals[_i].src, dn, vals[_i].dim);
}
END_TEST

/* 1e-400 is exactly 1/10^400. */
START_TEST(test_tiny_literal) {
  char val[512], dn[64];
  err e;
  ck_assert_int_eq(run("1e-400", val, sizeof val, dn, sizeof dn, &e), DS_OK);
  char want[512];
  memcpy(want, "1/1", 3);
  memset(want + 3, '0', 400);
  want[403] = 0;
  ck_assert_str_eq(val, want);
}
END_TEST

/* The row whose source is "1" is "1\\0" "2": its length is 3 (a NUL). */
static const struct {
  const char *src;
  int code;
  long start, end; /* byte span, -1: not checked */
  const char *has; /* in the message, or NULL */
} errs[] = {
    {"zork", DS_E_UNKNOWN, 0, 4, "unknown name 'zork'"},
    {"3 zork", DS_E_UNKNOWN, 2, 6, "zork"},
    {"mb", DS_E_UNKNOWN, 0, 2, "MB (megabyte)"},
    {"5 gb", DS_E_UNKNOWN, 2, 4, "Gb (gigabit)"},
    {"1 Kb", DS_E_UNKNOWN, 2, 4, "kbit"},
    {"3 terrabytes", DS_E_UNKNOWN, 2, 12, "terabytes"},
    {"ans", DS_E_UNKNOWN, 0, 3, "no previous result"},
    {"_ + 1", DS_E_UNKNOWN, 0, 1, "no previous result"},
    {"1400 TB to seconds", DS_E_DIMENSION, -1, -1, "time"},
    {"1 MB + 1 s", DS_E_DIMENSION, 0, 10, "cannot add"},
    {"1 MB - 1", DS_E_DIMENSION, -1, -1, "subtract"},
    {"1 MB .. 5", DS_E_DIMENSION, -1, -1, NULL},
    {"max(1 MB, 1 s)", DS_E_DIMENSION, -1, -1, NULL},
    {"1 MB ^ 0.5", DS_E_DIMENSION, -1, -1, NULL},
    {"2 ^ (1 .. 2)", DS_E_DIMENSION, -1, -1, "range"},
    {"2 ^ (1 MB)", DS_E_DIMENSION, -1, -1, "plain number"},
    {"round(1 MB)", DS_E_DIMENSION, -1, -1, NULL},
    {"ln(1 MB)", DS_E_DIMENSION, -1, -1, NULL},
    {"sqrt(1 MB)", DS_E_DIMENSION, -1, -1, NULL},
    {"1/0", DS_E_DOMAIN, 2, 3, "division by zero"},
    {"1 MB / (1 .. -1)", DS_E_DOMAIN, 8, 15, "includes zero"},
    {"1 / (0 .. 2)", DS_E_DOMAIN, -1, -1, NULL},
    {"0^-1", DS_E_DOMAIN, -1, -1, NULL},
    {"(0 .. 1)^-2", DS_E_DOMAIN, -1, -1, NULL},
    {"sqrt(-4)", DS_E_DOMAIN, -1, -1, NULL},
    {"sqrt(-1 .. 4)", DS_E_DOMAIN, -1, -1, NULL},
    {"ln(0)", DS_E_DOMAIN, -1, -1, NULL},
    {"log10(-1)", DS_E_DOMAIN, -1, -1, NULL},
    {"(-8)^(1/3)", DS_E_DOMAIN, -1, -1, NULL},
    {"1 MB to 0 MB", DS_E_DOMAIN, -1, -1, NULL},
    {"10^10^10", DS_E_LIMIT, -1, -1, "too large"},
    {"10^(10^10)", DS_E_LIMIT, -1, -1, NULL},
    {"2^(10^30)", DS_E_LIMIT, -1, -1, NULL},
    {"1e999999999", DS_E_LIMIT, -1, -1, NULL},
    {"exp(10^20)", DS_E_LIMIT, -1, -1, NULL},
    {"1 MB^2000", DS_E_LIMIT, -1, -1, NULL},
    {"1e-9223372036854775799", DS_E_LIMIT, -1, -1, NULL},
    {"1e99999999999999999999", DS_E_LIMIT, -1, -1, NULL}, /* the exponent does not fit a long */
    {"(1 + 2", DS_E_INCOMPLETE, -1, -1, NULL},
    {"max(1,", DS_E_INCOMPLETE, -1, -1, NULL},
    {"1 +", DS_E_SYNTAX, 3, 3, NULL},
    {"", DS_E_SYNTAX, -1, -1, "empty"},
    {"sqrt", DS_E_SYNTAX, 0, 4, "function"},
    {"sqrt(1, 2)", DS_E_SYNTAX, -1, -1, NULL},
    {"ans = 3", DS_E_SYNTAX, 0, 3, NULL},
    {"_ = 3", DS_E_SYNTAX, 0, 1, NULL},
    {"sqrt = 3", DS_E_SYNTAX, 0, 4, NULL},
    {"1 MB to (-1 .. 2) MB", DS_E_DOMAIN, -1, -1, "includes zero"},
    {"a\x01", DS_E_ENCODING, 1, 2, "control"},
    {"1 + \xff", DS_E_ENCODING, 4, 5, "UTF-8"},
    {"1\0"
     "2",
     DS_E_ENCODING, 1, 2, "NUL"},
};

START_TEST(test_errors) {
  const char *src = errs[_i].src;
  size_t len = strlen(src);
  if (strcmp(src, "1") == 0) len = 3; /* the NUL row */
  stmt_result o;
  stmt_result_init(&o);
  err e;
  err_clear(&e);
  int st = stmt_line(&ctx->env, &ctx->defs, src, len, &o, &e);
  ck_assert_msg(st == errs[_i].code, "'%s': status %d, want %d (%s)", src, st, errs[_i].code, e.msg);
  ck_assert_int_eq(e.code, st);
  if (errs[_i].start >= 0)
    ck_assert_msg((long)e.start == errs[_i].start && (long)e.end == errs[_i].end,
                  "'%s': span [%zu,%zu), want [%ld,%ld)", src, e.start, e.end, errs[_i].start, errs[_i].end);
  if (errs[_i].has)
    ck_assert_msg(strstr(e.msg, errs[_i].has) != NULL, "'%s': message '%s' lacks '%s'", src, e.msg, errs[_i].has);
  /* A failed line leaves no previous result behind. */
  ck_assert(!ctx->s.have_ans);
  stmt_result_clear(&o);
}
END_TEST

/* 0 to a huge negative power is a division by zero, like 0^-1. */
START_TEST(test_zero_huge_negative_power) {
  stmt_result o;
  stmt_result_init(&o);
  err e;
  err_clear(&e);
  const char *src = "0^-(10^30)";
  /* Regression (fixed in a8b9668): eval_pow replaced an exponent that does not
   * fit a long by 2 or 1 (its parity), losing its sign: 0^-(10^30) was 0. */
  int st = stmt_line(&ctx->env, &ctx->defs, src, strlen(src), &o, &e);
  stmt_result_clear(&o); /* before asserting: no leak when it fails */
  ck_assert_msg(st == DS_E_DOMAIN, "status %d", st);
}
END_TEST

/* A huge negative exponent with fraction digits (signed overflow, see
 * test_num). Regression (fixed in a8b9668): UBSan aborted here. */
START_TEST(test_exponent_overflow) {
  stmt_result o;
  stmt_result_init(&o);
  err e;
  err_clear(&e);
  const char *src = "0.0000000001e-9223372036854775799";
  int st = stmt_line(&ctx->env, &ctx->defs, src, strlen(src), &o, &e);
  stmt_result_clear(&o);
  ck_assert_int_eq(st, DS_E_LIMIT);
}
END_TEST

/* Refusals of huge results are quick: no digits are computed. */
START_TEST(test_limit_is_fast) {
  static const char *const srcs[] = {"10^10^10", "10^10^10^10", "9^9^9^9", "1e999999999999", "2^(2^62)"};
  for (size_t i = 0; i < sizeof srcs / sizeof srcs[0]; i++) {
    stmt_result o;
    stmt_result_init(&o);
    err e;
    err_clear(&e);
    ck_assert_int_eq(stmt_line(&ctx->env, &ctx->defs, srcs[i], strlen(srcs[i]), &o, &e), DS_E_LIMIT);
    stmt_result_clear(&o);
  }
}
END_TEST

/* Line-length and depth limits come from the context. */
START_TEST(test_context_limits) {
  char val[64], dn[64];
  err e;
  ctx->s.limits[DS_LIMIT_LINE] = 10;
  ck_assert_int_eq(run("1+1+1+1+1+1", val, sizeof val, dn, sizeof dn, &e), DS_E_LIMIT);
  ck_assert_int_eq(run("1+1+1+1+1", val, sizeof val, dn, sizeof dn, &e), DS_OK);
  ctx->s.limits[DS_LIMIT_LINE] = 1 << 20;
  ctx->s.limits[DS_LIMIT_DEPTH] = 3;
  ck_assert_int_eq(run("(((1)))", val, sizeof val, dn, sizeof dn, &e), DS_OK);
  ck_assert_int_eq(run("((((1))))", val, sizeof val, dn, sizeof dn, &e), DS_E_LIMIT);
  ctx->s.limits[DS_LIMIT_DEPTH] = 1000;
  ctx->s.limits[DS_LIMIT_RESULT_BITS] = 64;
  ck_assert_int_eq(run("2^62", val, sizeof val, dn, sizeof dn, &e), DS_OK);
  ck_assert_int_eq(run("2^100", val, sizeof val, dn, sizeof dn, &e), DS_E_LIMIT);
  ck_assert_int_eq(run("123456789012345678901234567890", val, sizeof val, dn, sizeof dn, &e), DS_E_LIMIT);
  ctx->s.limits[DS_LIMIT_RESULT_BITS] = 1 << 24;
}
END_TEST

/* The work budget: a long chain of cheap products, each under every
 * size limit, adds up; past DS_LIMIT_WORK the line stops with an error
 * at the step that crossed it, and the next line has a budget of its own. */
START_TEST(test_work_limit) {
  size_t n = 40000;
  char *s = malloc(2 * n + 2);
  ck_assert_ptr_nonnull(s);
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (i) s[k++] = '*';
    s[k++] = '3';
  }
  s[k] = 0;
  char val[64], dn[64];
  err e;
  ctx->s.limits[DS_LIMIT_WORK] = 1;
  ck_assert_int_eq(run(s, val, sizeof val, dn, sizeof dn, &e), DS_E_LIMIT);
  ck_assert_msg(strstr(e.msg, "too much work"), "%s", e.msg);
  ck_assert_uint_lt(e.end, k); /* the step that crossed the limit, not the whole line */
  ck_assert_int_eq(run("3*3*3", val, sizeof val, dn, sizeof dn, &e), DS_OK);
  ctx->s.limits[DS_LIMIT_WORK] = 512;
  ck_assert_int_eq(run(s, val, sizeof val, dn, sizeof dn, &e), DS_OK);
  free(s);
}
END_TEST

/* Deep nesting: 10^5 parentheses fail cleanly, a long flat sum works. */
START_TEST(test_deep) {
  size_t n = 100000;
  char *s = malloc(2 * n + 2);
  ck_assert_ptr_nonnull(s);
  memset(s, '(', n);
  s[n] = '1';
  memset(s + n + 1, ')', n);
  s[2 * n + 1] = 0;
  char val[64], dn[64];
  err e;
  ck_assert_int_eq(run(s, val, sizeof val, dn, sizeof dn, &e), DS_E_LIMIT);
  for (size_t i = 0; i < n; i++) s[2 * i] = '1', s[2 * i + 1] = '+';
  s[2 * n - 1] = 0;
  ck_assert_int_eq(run(s, val, sizeof val, dn, sizeof dn, &e), DS_OK);
  ck_assert_str_eq(val, "100000");
  free(s);
}
END_TEST

/* One session: a list of lines and the value each must give ("!CODE" for
 * an error). */
static const struct {
  const char *lines[6];
  const char *want[6];
} sessions[] = {
    {{"x = 3", "x * 2", "ans + 1", "_ * 2", NULL}, {"3", "6", "7", "14", NULL}},
    {{"2 MB", "ans * 2", "_ + 1 MB", NULL}, {"16000000", "32000000", "40000000", NULL}},
    /* an item's name counts, at the size a variable sets */
    {{"photo = 4 MB", "photos", "3 photos", "3 photos to bit", "3 photos + 1 bit", NULL},
     {"32000000", "1", "3", "96000000", "96000001", NULL}},
    {{"box = 2 MB", "boxes", NULL}, {"16000000", "16000000", NULL}},
    {{"copy = 1 B", "copies", NULL}, {"8", "8", NULL}},
    {{"x = 1", "x = x + 1", "x = x * 10", "x", NULL}, {"1", "2", "20", "20", NULL}},
    {{"y = zork", "y", NULL}, {"!3", "!3", NULL}},            /* a failed assignment binds nothing */
    {{"1 + 1", "zork", "ans", NULL}, {"2", "!3", "2", NULL}}, /* an error keeps ans */
    {{"rate = 5 Mbit/s", "rate * 1 hour to GB", NULL}, {"5000000", "18000000000", NULL}},
    {{"EUR = 1.08 USD", "100 EUR", NULL}, {"27/25", "108", NULL}},
};

START_TEST(test_session) {
  for (int k = 0; k < 6 && sessions[_i].lines[k]; k++) {
    char val[256], dn[128];
    err e;
    const char *src = sessions[_i].lines[k], *want = sessions[_i].want[k];
    int st = run(src, val, sizeof val, dn, sizeof dn, &e);
    if (want[0] == '!') {
      ck_assert_msg(st == atoi(want + 1), "line %d '%s': status %d, want %s", k, src, st, want + 1);
    } else {
      ck_assert_msg(st == DS_OK, "line %d '%s': %s", k, src, e.msg);
      ck_assert_msg(strcmp(val, want) == 0, "line %d '%s' = %s, want %s", k, src, val, want);
    }
  }
}
END_TEST

/* Assignment fills `name`; a conversion has the unit as shown. */
START_TEST(test_out_fields) {
  stmt_result o;
  err e;
  stmt_result_init(&o);
  const char *a = "photo = 4 MB";
  ck_assert_int_eq(stmt_line(&ctx->env, &ctx->defs, a, strlen(a), &o, &e), DS_OK);
  ck_assert_str_eq(o.name, "photo");
  ck_assert_int_eq(o.kind, STMT_VALUE);
  ck_assert_int_eq(o.u.value.conv, CONV_NONE);
  ck_assert_int_ge(session_find_var(&ctx->s, "photo", 5), 0);
  stmt_result_clear(&o);
  stmt_result_init(&o);
  const char *c = "1400 TB to photos";
  ck_assert_int_eq(stmt_line(&ctx->env, &ctx->defs, c, strlen(c), &o, &e), DS_OK);
  ck_assert_ptr_null(o.name);
  ck_assert_int_eq(o.kind, STMT_COUNT);
  ck_assert_str_eq(stmt_conversion(&o)->unit, "photos");
  mpq_t n;
  mpq_init(n);
  mpq_set_ui(n, 32000000, 1); /* the variable, not the catalogue's 3 MB */
  mpq_div(n, o.v.n.lo, n);
  ck_assert_int_eq(mpq_cmp_ui(n, 350000000, 1), 0);
  mpq_clear(n);
  stmt_result_clear(&o);
  stmt_result_init(&o);
  const char *t = "1 GB / 2 s to MB/s";
  ck_assert_int_eq(stmt_line(&ctx->env, &ctx->defs, t, strlen(t), &o, &e), DS_OK);
  ck_assert_int_eq(o.kind, STMT_CONVERT);
  ck_assert_str_eq(stmt_conversion(&o)->unit, "MB/s");
  stmt_result_clear(&o);
  stmt_result_init(&o);
  const char *w = "490 million to words";
  ck_assert_int_eq(stmt_line(&ctx->env, &ctx->defs, w, strlen(w), &o, &e), DS_OK);
  ck_assert_int_eq(o.kind, STMT_VALUE);
  ck_assert_int_eq(o.u.value.conv, CONV_WORDS);
  stmt_result_clear(&o);
}
END_TEST

/* KB..YB: the spellings used are recorded with the other reading. */
START_TEST(test_readings) {
  stmt_result o;
  err e;
  stmt_result_init(&o);
  const char *s = "1 KB + 1 MB";
  ck_assert_int_eq(stmt_line(&ctx->env, &ctx->defs, s, strlen(s), &o, &e), DS_OK);
  ck_assert_int_eq(o.used.nlegacy, 2);
  ck_assert_str_eq(o.used.legacy[0], "KB");
  ck_assert_str_eq(o.used.legacy[1], "MB");
  ck_assert(o.have_alt);
  ck_assert_int_eq(mpq_cmp_ui(o.v.n.lo, 8008000, 1), 0);
  ck_assert_int_eq(mpq_cmp_ui(o.alt.n.lo, 8 * (1024 + 1048576), 1), 0);
  stmt_result_clear(&o);
  /* kB and the words are read as KB is; KiB and bits never */
  stmt_result_init(&o);
  s = "1 kB + 1 KiB + 1 megabyte + 1 Mbit";
  ck_assert_int_eq(stmt_line(&ctx->env, &ctx->defs, s, strlen(s), &o, &e), DS_OK);
  ck_assert_int_eq(o.used.nlegacy, 2);
  ck_assert_str_eq(o.used.legacy[0], "kB");
  ck_assert_str_eq(o.used.legacy[1], "megabyte");
  ck_assert(o.have_alt);
  stmt_result_clear(&o);
  stmt_result_init(&o);
  s = "1 KiB + 1 Mbit";
  ck_assert_int_eq(stmt_line(&ctx->env, &ctx->defs, s, strlen(s), &o, &e), DS_OK);
  ck_assert_int_eq(o.used.nlegacy, 0);
  ck_assert(!o.have_alt);
  stmt_result_clear(&o);
  /* binary on: KB is 1024 B, the decimal reading is the alternative */
  ctx->s.binary = true;
  stmt_result_init(&o);
  s = "1 KB";
  ck_assert_int_eq(stmt_line(&ctx->env, &ctx->defs, s, strlen(s), &o, &e), DS_OK);
  ck_assert_int_eq(mpq_cmp_ui(o.v.n.lo, 8192, 1), 0);
  ck_assert(o.have_alt);
  ck_assert_int_eq(mpq_cmp_ui(o.alt.n.lo, 8000, 1), 0);
  stmt_result_clear(&o);
  stmt_result_init(&o);
  s = "1 kB";
  ck_assert_int_eq(stmt_line(&ctx->env, &ctx->defs, s, strlen(s), &o, &e), DS_OK);
  ck_assert_int_eq(mpq_cmp_ui(o.v.n.lo, 8192, 1), 0);
  stmt_result_clear(&o);
}
END_TEST

START_TEST(test_calendar) {
  stmt_result o;
  err e;
  stmt_result_init(&o);
  const char *s = "1 TB / 1 month";
  ck_assert_int_eq(stmt_line(&ctx->env, &ctx->defs, s, strlen(s), &o, &e), DS_OK);
  ck_assert(o.used.calendar);
  stmt_result_clear(&o);
  stmt_result_init(&o);
  s = "1 TB / 30 days";
  ck_assert_int_eq(stmt_line(&ctx->env, &ctx->defs, s, strlen(s), &o, &e), DS_OK);
  ck_assert(!o.used.calendar);
  stmt_result_clear(&o);
}
END_TEST

/* A cancel request stops the evaluation (ds_eval clears it first). */
START_TEST(test_cancel) {
  stmt_result o;
  err e;
  stmt_result_init(&o);
  ctx->cancel = 1;
  const char *s = "1 + 2 + 3";
  ck_assert_int_eq(stmt_line(&ctx->env, &ctx->defs, s, strlen(s), &o, &e), DS_E_CANCELLED);
  ck_assert_int_eq(e.code, DS_E_CANCELLED);
  stmt_result_clear(&o);
  ctx->cancel = 0;
  stmt_result_init(&o);
  ck_assert_int_eq(stmt_line(&ctx->env, &ctx->defs, s, strlen(s), &o, &e), DS_OK);
  stmt_result_clear(&o);
}
END_TEST

START_TEST(test_is_fn) {
  static const char *const fns[] = {"sqrt",  "ln",    "log10", "log2", "exp", "abs",
                                    "round", "floor", "ceil",  "min",  "max"};
  for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) ck_assert(eval_is_fn(fns[i], strlen(fns[i])));
  ck_assert(!eval_is_fn("sqr", 3));
  ck_assert(!eval_is_fn("sqrtx", 5));
  ck_assert(!eval_is_fn("MB", 2));
}
END_TEST

/* eval_unit: a unit expression alone (ds_convert_many). */
START_TEST(test_eval_unit) {
  qty q;
  err e;
  qty_init(&q);
  ck_assert_int_eq(eval_unit(&ctx->env, "MB/s", 4, &q, &e), DS_OK);
  ck_assert_int_eq(mpq_cmp_ui(q.n.lo, 8000000, 1), 0);
  ck_assert_int_eq(eval_unit(&ctx->env, "zork", 4, &q, &e), DS_E_UNKNOWN);
  qty_clear(&q);
}
END_TEST

/* A message cut short by the error record's size never ends inside a
 * UTF-8 sequence. */
START_TEST(test_err_cut_utf8) {
  char big[2 * ERR_MSG_MAX];
  for (int shift = 0; shift < 4; shift++) {
    size_t k = 0;
    for (; k < (size_t)shift; k++) big[k] = 'x';
    while (k + 3 < sizeof big) { /* euro signs, three bytes each */
      big[k++] = (char)0xe2, big[k++] = (char)0x82, big[k++] = (char)0xac;
    }
    big[k] = 0;
    err e;
    err_set(&e, DS_E_SYNTAX, 0, 0, "%s", big);
    size_t n = strlen(e.msg);
    ck_assert_uint_lt(n, ERR_MSG_MAX);
    ck_assert_uint_eq(lex_check_encoding(e.msg, n), 0); /* valid UTF-8 */
    ck_assert_uint_ge(n, ERR_MSG_MAX - 4);              /* and no more cut than needed */
  }
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("eval");
  TCase *tc = tcase_create("values");
  tcase_add_checked_fixture(tc, setup, teardown);
  SUITE_LOOP(tc, test_values, vals);
  tcase_add_test(tc, test_tiny_literal);
  suite_add_tcase(s, tc);
  tc = tcase_create("errors");
  tcase_add_checked_fixture(tc, setup, teardown);
  SUITE_LOOP(tc, test_errors, errs);
  tcase_add_test(tc, test_zero_huge_negative_power);
  tcase_add_test(tc, test_limit_is_fast);
  tcase_add_test(tc, test_exponent_overflow);
  tcase_add_test(tc, test_context_limits);
  tcase_add_test(tc, test_work_limit);
  tcase_add_test(tc, test_err_cut_utf8);
  tcase_add_test(tc, test_deep);
  suite_add_tcase(s, tc);
  tc = tcase_create("session");
  tcase_add_checked_fixture(tc, setup, teardown);
  SUITE_LOOP(tc, test_session, sessions);
  tcase_add_test(tc, test_out_fields);
  tcase_add_test(tc, test_readings);
  tcase_add_test(tc, test_calendar);
  tcase_add_test(tc, test_cancel);
  tcase_add_test(tc, test_is_fn);
  tcase_add_test(tc, test_eval_unit);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
