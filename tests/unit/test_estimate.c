/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_estimate.c -- growth(FROM, TO, OVER) and project(Q, RATE, T) through
 * a line: exact values where they are rational, the parts recorded for
 * the growth sentence (factor, periods, rate, how the period reads), and
 * the errors with their spans. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "stmt.h"
#include "suite.h"

SUITE_STMT_FIXTURE

/* "lo" or "lo..hi", as GMP writes them. */
static void numstr(const num *n, char *out, size_t size) {
  char *l = mpq_get_str(NULL, 10, n->lo), *h = mpq_get_str(NULL, 10, n->hi);
  if (mpq_equal(n->lo, n->hi)) snprintf(out, size, "%s", l);
  else snprintf(out, size, "%s..%s", l, h);
  free(l);
  free(h);
}

static void ck_num(const num *n, const char *want, const char *src, const char *what) {
  char got[512];
  numstr(n, got, sizeof got);
  ck_assert_msg(strcmp(got, want) == 0, "'%s': %s %s, want %s", src, what, got, want);
}

/* Values in base units: bits for information, 1/s for a rate. `exact` is
 * the exact value, or NULL when a step is irrational; then `approx` is the
 * value within 1e-9 relative. */
static const struct {
  const char *pre, *src;
  const char *exact;
  double approx;
  const char *dim;
} values[] = {
    /* project: Q (1 + r)^(T / P) */
    {"", "project(1 MB, 100%/day, 3 days)", "64000000", 0, "information"},
    {"", "project(1 MB, -100%/day, 3 days)", "0", 0, "information"}, /* a decline of 100 % leaves nothing */
    {"", "project(100, 10%/year, 2 years)", "121", 0, "a plain number"},
    {"", "project(100, 10% per year, 2 years)", "121", 0, "a plain number"},
    {"", "project(1 MB, 100%/day, 0 days)", "8000000", 0, "information"},
    {"", "project(1 MB, 50%/day, -1 days)", "16000000/3", 0, "information"}, /* back in time */
    {"", "project(1 MB, 50%/month, 1 year)", "8303765625/8", 0, "information"},
    {"", "project(1 MB, 100%/day, 48 hours)", "32000000", 0, "information"}, /* T and P in other units */
    {"", "project(1 MB, -50%/day, 2 days)", "2000000", 0, "information"},
    {"", "project(1 MB, growth(1 MB, 4 MB, 2 days), 4 days)", "128000000", 0, "information"},
    {"", "project(1 MB .. 2 MB, 50%/day, 1 day)", "12000000..24000000", 0, "information"},
    {"", "project(1 MB, (10% .. 50%)/day, 1 day)", "8800000..12000000", 0, "information"},
    {"", "project(1 MB, 100%/day, 36 hours)", NULL, 22627416.997969522, "information"}, /* 2^1.5 */
    /* linear: the same change each period */
    {"", "project(1 MB, 50%/day, 2 days, linear)", "16000000", 0, "information"},   /* 1 MB + 2 x 0.5 MB */
    {"", "project(1 MB, 50%/day, 2 days, compound)", "18000000", 0, "information"}, /* 1 MB x 1.5^2 */
    {"", "project(1 MB, growth(1 MB, 4 MB, 2 days), 4 days, linear)", "56000000", 0, "information"}, /* + 4 x 1.5 MB */
    {"", "project(1 MB .. 2 MB, 50%/day, 2 days, linear)", "16000000..32000000", 0, "information"},
    {"", "project(1 MB, 1 MB/day, 1 day)", "16000000", 0, "information"}, /* a change per period is linear */
    {"", "project(1 MB, (1 MB)/day, 1 day)", "16000000", 0, "information"},
    {"", "project(1 MB, 1 MB/day, -1 day)", "0", 0, "information"},
    /* growth: (TO / FROM)^(1 / periods) - 1 per period */
    {"", "growth(1 MB, 4 MB, 2 days)", "1/86400", 0, "1/time"},
    {"", "growth(1 MB, 4 MB, day)", "1/28800", 0, "1/time"},
    {"", "growth(1 MB, 4 MB, 1 day)", "1/28800", 0, "1/time"},
    {"", "growth(400 TB, 1400 TB, 1 year)", "5/63113904", 0, "1/time"},
    {"", "growth(1 MB, 1 MB, 2 days)", "0", 0, "1/time"},
    {"", "growth(1 MB, 4 MB, 2 * day)", "1/57600", 0, "1/time"},       /* one period of 2 days */
    {"p = 2 day", "growth(1 MB, 4 MB, 2 p)", "1/172800", 0, "1/time"}, /* two periods of p */
    {"", "growth(100, 50, 2 days)", NULL, -0.29289321881345248 / 86400, "1/time"},
    {"", "growth(1 MB, 8 MB, 3 days)", "1/86400", 0, "1/time"}, /* 8^(1/3) is exactly 2 */
    {"", "growth(1 MB, (1 .. 4) MB, 2 days)", "0..1/86400", 0, "1/time"},
    {"", "growth(1 MB, 4 MB, 2 days) * 1 day", "1", 0, "a plain number"},
};

START_TEST(test_values) {
  if (*values[_i].pre) ck_assert_int_eq(run(values[_i].pre), DS_OK);
  const char *src = values[_i].src;
  ck_assert_msg(run(src) == DS_OK, "'%s': %s", src, e.msg);
  if (values[_i].exact) {
    ck_assert_msg(!o.v.n.inexact, "'%s': inexact", src);
    ck_num(&o.v.n, values[_i].exact, src, "value");
  } else {
    ck_assert_msg(o.v.n.inexact, "'%s': exact", src);
    double got = mpq_get_d(o.v.n.lo), want = values[_i].approx;
    ck_assert_msg(got / want > 1 - 1e-9 && got / want < 1 + 1e-9, "'%s': %.17g, want %.17g", src, got, want);
  }
  char d[96];
  units_dim_name(&ctx->s.reg, &o.v.d, d, sizeof d);
  ck_assert_str_eq(d, values[_i].dim);
}
END_TEST

/* What a line that is just growth(...) records for its sentence: the
 * period as written (word.c words it; see test_word). */
static const struct {
  const char *pre, *src;
  const char *factor, *periods, *rate; /* rate NULL: irrational */
  const char *period;
  bool bare;
} parts[] = {
    {"", "growth(1 MB, 4 MB, 2 days)", "4", "2", "1", "days", false},
    {"", "growth(400 TB, 1400 TB, 6 months)", "7/2", "6", NULL, "months", false},
    {"", "growth(400 TB, 1400 TB, 1 year)", "7/2", "1", "5/2", "year", false},
    {"", "growth(1 MB, 4 MB, day)", "4", "1", "3", "day", false},
    {"", "growth(1 MB, 4 MB, 2 milliseconds)", "4", "2", "1", "milliseconds", false},
    {"", "growth(1 MB, 4 MB, 3 hours)", "4", "3", NULL, "hours", false},
    {"", "growth(1 MB, 4 MB, 2 d)", "4", "2", "1", "d", false},
    {"", "growth(1 MB, 4 MB, 48 h)", "4", "48", NULL, "h", false},
    {"", "growth(1 MB, 4 MB, 2 hrs)", "4", "2", "1", "hrs", false},
    {"", "growth(1 MB, 4 MB, 2 ms)", "4", "2", "1", "ms", false},
    {"", "growth(1 MB, 4 MB, 2 * day)", "4", "1", "3", "2 * day", true},
    {"", "growth(1 MB, 4 MB, (1 day + 1 day))", "4", "1", "3", "1 day + 1 day", true},
    {"p = 2 day", "growth(1 MB, 4 MB, p)", "4", "1", "3", "p", false},
    {"p = 2 day", "growth(1 MB, 4 MB, 2 p)", "4", "2", "1", "p", false},
    {"", "growth(100, 50, 2 days)", "1/2", "2", NULL, "days", false},
    /* the parts are the whole line's, not those of a growth() inside it */
    {"", "growth(growth(1, 2, 1 year) * 1 year, 3, 2 years)", "3", "2", NULL, "years", false},
};

START_TEST(test_parts) {
  if (*parts[_i].pre) ck_assert_int_eq(run(parts[_i].pre), DS_OK);
  const char *src = parts[_i].src;
  ck_assert_msg(run(src) == DS_OK, "'%s': %s", src, e.msg);
  ck_assert_int_eq(o.kind, STMT_GROWTH);
  const estimate_growth *g = &o.u.growth;
  ck_num(&g->factor, parts[_i].factor, src, "factor");
  ck_num(&g->periods, parts[_i].periods, src, "periods");
  if (parts[_i].rate) {
    ck_assert(!g->rate.inexact);
    ck_num(&g->rate, parts[_i].rate, src, "rate");
  } else {
    ck_assert(g->rate.inexact);
  }
  ck_assert_str_eq(g->period, parts[_i].period);
  ck_assert(g->bare == parts[_i].bare);
}
END_TEST

/* growth() inside a larger line is a number, not a sentence. */
static const char *const not_sentences[] = {
    "2 * growth(1 MB, 4 MB, 2 days)",
    "growth(1 MB, 4 MB, 2 days) to 1/day",
    "project(1 MB, growth(1 MB, 4 MB, 2 days), 4 days)",
    "project(1 MB, 100%/day, 3 days)",
};

START_TEST(test_not_sentence) {
  ck_assert_msg(run(not_sentences[_i]) == DS_OK, "'%s': %s", not_sentences[_i], e.msg);
  ck_assert_msg(o.kind != STMT_GROWTH, "'%s'", not_sentences[_i]);
}
END_TEST

/* The recorded parts of one line do not leak into the next. */
START_TEST(test_parts_reset) {
  ck_assert_int_eq(run("growth(1 MB, 4 MB, 2 days)"), DS_OK);
  ck_assert_int_eq(o.kind, STMT_GROWTH);
  ck_assert_int_eq(run("1 MB"), DS_OK);
  ck_assert_int_eq(o.kind, STMT_VALUE);
  ck_assert_int_eq(run("growth(1 MB, 2 MB, 1 year)"), DS_OK);
  ck_num(&o.u.growth.factor, "2", "second growth", "factor");
  ck_assert_str_eq(o.u.growth.period, "year");
}
END_TEST

static const struct {
  const char *src;
  int code;
  size_t start, end;
  const char *msg;
} errors[] = {
    {"growth(0 TB, 1 TB, 1 month)", DS_E_DOMAIN, 0, 27, "growth needs two positive quantities"},
    {"growth(-1 MB, 4 MB, 2 days)", DS_E_DOMAIN, 0, 27, "growth needs two positive quantities"},
    {"growth(1 MB, 0 MB, 2 days)", DS_E_DOMAIN, 0, 26, "growth needs two positive quantities"},
    {"growth(400 TB, 1400 s, 6 months)", DS_E_DIMENSION, 0, 32,
     "dimension mismatch: cannot compare information and time"},
    {"growth(1 MB, 4 MB, 0 days)", DS_E_DIMENSION, 19, 25, "the duration must be a positive number of periods"},
    {"growth(1 MB, 4 MB, 2 MB days)", DS_E_DIMENSION, 19, 28, "the duration must be a positive number of periods"},
    {"growth(1 MB, 4 MB, (1 .. 2) days)", DS_E_DIMENSION, 20, 32, "the duration must be a positive number of periods"},
    {"growth(1 MB, 4 MB, 0 * day)", DS_E_DOMAIN, 19, 26, "the period must be a single positive quantity"},
    {"growth(1 MB, 4 MB, -2 days)", DS_E_DOMAIN, 19, 26, "the period must be a single positive quantity"},
    {"growth(1 MB, 4 MB, -day)", DS_E_DOMAIN, 19, 23, "the period must be a single positive quantity"},
    /* 1 .. 2 day is 1 day .. 2 day: a range of periods */
    {"growth(1 MB, 4 MB, 1 .. 2 day)", DS_E_DOMAIN, 19, 29, "the period must be a single positive quantity"},
    {"growth(1 MB, 4 MB)", DS_E_SYNTAX, 0, 18, "growth takes 3 arguments"},
    {"project(1 TB, 10%, 2 years)", DS_E_SYNTAX, 14, 17, "write the rate per period, e.g. 23.2%/month or growth(...)"},
    {"project(1 MB, 1 MB, 1 day)", DS_E_SYNTAX, 14, 18, "write the rate per period, e.g. 23.2%/month or growth(...)"},
    {"project(1 MB, growth(1 MB, 4 MB), 1 day)", DS_E_SYNTAX, 14, 32, "growth takes 3 arguments"},
    {"project(1 MB, 1 MB/day, 1 day, compound)", DS_E_DIMENSION, 14, 22,
     "compound growth needs a percentage per period, such as 23.2%/month; a change per period such as '1 MB/day' grows "
     "linearly"},
    {"project(1 MB, 50%/day, 1 day, fast)", DS_E_SYNTAX, 30, 34,
     "the fourth argument of project is linear or compound: 'fast'"},
    {"project(1 MB, 50%/day, 1 day, linear, 2)", DS_E_SYNTAX, 0, 40, "project takes 3 or 4 arguments"},
    {"project(1 MB, -1 MB/day, 2 days)", DS_E_DOMAIN, 14, 23,
     "a linear decline at this rate would leave less than nothing after 2 days"},
    {"project(1 MB, -100%/day, 2 days, linear)", DS_E_DOMAIN, 14, 23,
     "a linear decline at this rate would leave less than nothing after 2 days"},
    {"project(1 MB, growth(1 s, 4 s, 2 days), 4 days, linear)", DS_E_DIMENSION, 14, 38,
     "a change per period must be of the kind of the start: this growth changes time, and 1 MB is information"},
    {"project(1 TB, 10%/year, 2 TB)", DS_E_DIMENSION, 24, 28,
     "the duration must be a time, such as 12 months: '2 TB' is information"},
    {"project(1 TB, 10%/year, 2)", DS_E_DIMENSION, 24, 25,
     "the duration must be a time, such as 12 months: '2' is a plain number"},
    {"project(1 MB, 50%/day, (1 .. 2) day)", DS_E_DOMAIN, 24, 35,
     "the duration must be a single value and the period nonzero"},
    {"project(1 MB, 50%/(0 day), 1 day)", DS_E_DOMAIN, 19, 24, "the rate's period must be a single positive quantity"},
    {"project(1 MB, 50%/(-1 day), 1 day)", DS_E_DOMAIN, 19, 25, "the rate's period must be a single positive quantity"},
    {"project(1 MB, 50%/((1 .. 2) day), 2 day)", DS_E_DOMAIN, 20, 31,
     "the rate's period must be a single positive quantity"},
    {"project(1 MB, -150%/day, 3 days)", DS_E_DOMAIN, 14, 23,
     "a rate below -100 % a period would leave less than nothing"},
    {"project(1 MB, -100%/day, -3 days)", DS_E_DOMAIN, 25, 32,
     "a decline of 100 % leaves nothing: it cannot be projected back in time"},
    /* growth and project compound over time: their periods are times */
    {"growth(1 MB, 4 MB, 2)", DS_E_DIMENSION, 19, 20,
     "the period must be a time, such as 6 months or 1 year: '2' is a plain number"},
    {"growth(1 MB, 4 MB, 2 photos)", DS_E_DIMENSION, 19, 27,
     "the period must be a time, such as 6 months or 1 year: '2 photos' is count of items"},
    {"growth(1 MB, 4 MB, 2 * MB)", DS_E_DIMENSION, 19, 25,
     "the period must be a time, such as 6 months or 1 year: '2 * MB' is information"},
    {"project(1 TB, 10%/2, 2)", DS_E_DIMENSION, 18, 19,
     "the rate's period must be a time, as in 23.2%/month: '2' is a plain number"},
    {"project(1 TB, 10%/photo, 2 years)", DS_E_DIMENSION, 18, 23,
     "the rate's period must be a time, as in 23.2%/month: 'photo' is count of items"},
    {"project(1 TB, growth(1 MB, 4 MB, 2), 2 years)", DS_E_DIMENSION, 33, 34,
     "the period must be a time, such as 6 months or 1 year: '2' is a plain number"},
};

START_TEST(test_errors) {
  const char *src = errors[_i].src;
  int st = run(src);
  ck_assert_msg(st == errors[_i].code, "'%s': status %d (%s), want %d", src, st, e.msg, errors[_i].code);
  ck_assert_str_eq(e.msg, errors[_i].msg);
  ck_assert_msg(e.start == errors[_i].start && e.end == errors[_i].end, "'%s': span [%zu, %zu), want [%zu, %zu)", src,
                e.start, e.end, errors[_i].start, errors[_i].end);
  ck_assert(!ctx->s.have_ans);
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("estimate");
  TCase *tc = tcase_create("estimate");
  tcase_add_checked_fixture(tc, setup_out, teardown_out);
  SUITE_LOOP(tc, test_values, values);
  SUITE_LOOP(tc, test_parts, parts);
  SUITE_LOOP(tc, test_not_sentence, not_sentences);
  tcase_add_test(tc, test_parts_reset);
  SUITE_LOOP(tc, test_errors, errors);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
