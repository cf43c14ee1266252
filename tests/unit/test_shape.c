/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_shape.c -- what the way a line is written tells its wording: the
 * units a line divides by (with variables read as written), the digits of
 * its numbers, which units are usual, and the note on an unusual unit with
 * the grouping that reads better. Lines run through stmt_line, notes
 * through ds_eval. */
#include <stdio.h>
#include <string.h>

#include "ctx.h"
#include "shape.h"
#include "stmt.h"
#include "suite.h"

SUITE_STMT_FIXTURE

/* The units per, as "name:word:s|w" joined by spaces, in the order of
 * their dimensions. */
static void pers(char *out, size_t size) {
  size_t k = 0;
  out[0] = 0;
  const shape_line *sh = o.kind == STMT_VALUE ? o.u.value.shape : NULL;
  for (int d = 0; d < DIM_MAX && sh; d++)
    for (int i = 0; i < sh->nper && k < size; i++)
      if (sh->per[i].dim == d)
        k += (size_t)snprintf(out + k, size - k, "%s%s:%s:%c", k ? " " : "", sh->per[i].name, sh->per[i].word,
                              sh->per[i].symbol ? 's' : 'w');
}

static const struct {
  const char *pre; /* a line run first, or NULL */
  const char *line;
  const char *want;
} per_rows[] = {
    {NULL, "1400 TB / 6 months", "month:month:w"},
    {NULL, "1400 TB per 6 months", "month:month:w"},
    {NULL, "1400 TB / 6 mo", "mo:month:s"},
    {NULL, "5 GB / 3 hrs", "hr:hour:s"},
    {NULL, "$0.018 per GB per month", "GB:gigabyte:s month:month:w"},
    {NULL, "$0.018 per gigabytes per month", "gigabyte:gigabyte:w month:month:w"},
    {NULL, "1 MB / 1 ms", "ms:millisecond:s"},
    {NULL, "$15/h * 8 h/day", "day:day:w"}, /* one unit a dimension: the last below the line */
    {NULL, "$5 per photo", "photo:photo:w"},
    {NULL, "1400 TB / 14 million people", "person:person:w"},
    {NULL, "1400 TB * (1 / month)", "month:month:w"},
    {NULL, "1400 TB / (1 / month)", ""}, /* twice below: above the line */
    {NULL, "1400 TB * 6 months", ""},
    {NULL, "100 Mbps", ""}, /* bit/s: not one dimension */
    {NULL, "sqrt(4 MB^2) / 2", ""},
    {NULL, "2^(1 s / 1 s) MB", ""},           /* an exponent is no unit of the line's */
    {NULL, "1400 TB / 6 months to GB/s", ""}, /* a unit asked for: nothing to find */
    {"rate = 1400 TB / 6 months", "rate * 2", "month:month:w"},
    {"rate = 1400 TB / 6 months", "1 / rate", "TB:terabyte:s"},
    {"azure = $0.018 / GB / month", "1400 TB * azure", "GB:gigabyte:s month:month:w"},
    {"photo = 4 MB", "$5 / photos", "photo:photo:w"},           /* a size: counted by its name */
    {"period = 6 months", "1400 TB / period", "month:month:w"}, /* else read as written */
};

START_TEST(test_per) {
  if (per_rows[_i].pre) ck_assert_msg(run(per_rows[_i].pre) == DS_OK, "%s", e.msg);
  ck_assert_msg(run(per_rows[_i].line) == DS_OK, "'%s': %s", per_rows[_i].line, e.msg);
  char got[512];
  pers(got, sizeof got);
  ck_assert_msg(strcmp(got, per_rows[_i].want) == 0, "'%s': '%s', want '%s'", per_rows[_i].line, got,
                per_rows[_i].want);
}
END_TEST

/* A variable that names itself in its text is read a few levels deep only. */
START_TEST(test_per_var_loop) {
  ck_assert(run("a = 5 MB / month") == DS_OK);
  ck_assert(run("b = a * 2") == DS_OK);
  ck_assert(run("a = b * 2") == DS_OK); /* a's text now names b, whose names a */
  ck_assert(run("a / 3") == DS_OK);
  ck_assert(o.u.value.shape == NULL || o.u.value.shape->nper <= 1);
}
END_TEST

static const struct {
  const char *expr;
  int want;
} digit_rows[] = {
    {"1400 TB", 2},        {"1400.5 TB", 5}, {"0.018 USD", 2}, {"1.50 MB", 2}, {"7 + 12345 + 3", 5},
    {"sqrt(12.25) MB", 4}, {"TB / s", 0},    {"1e6 B", 1},     {"0", 0},       {"2^10", 1},
};

START_TEST(test_digits) {
  const char *s = digit_rows[_i].expr;
  ast *root;
  ck_assert(parse_expr_only(&root, &ctx->env.arena, s, strlen(s), 100, eval_is_fn, &e) == DS_OK);
  eval E;
  eval_init(&E, &ctx->env, s, strlen(s), &e, NULL);
  int got = shape_digits(&E, root);
  ck_assert_msg(got == digit_rows[_i].want, "'%s': %d, want %d", s, got, digit_rows[_i].want);
}
END_TEST

static const struct {
  const char *line;
  bool usual;
} usual_rows[] = {
    {"2", true},           {"1 MB", true},       {"1 MB/s", true},    {"$1 per GB per month", true},
    {"1 MB/person", true}, {"1 s / 1 MB", true}, {"1 s * $1", false}, {"1 MB^2", false},
    {"1 / s", false},      {"1 MB/s/s", false},  {"1 / $1", false},
};

START_TEST(test_usual) {
  ck_assert(run(usual_rows[_i].line) == DS_OK);
  ck_assert_msg(shape_usual(&o.v.d) == usual_rows[_i].usual, "'%s'", usual_rows[_i].line);
  const shape_line *sh = o.u.value.shape;
  ck_assert_msg((sh && sh->unusual) == !usual_rows[_i].usual, "'%s'", usual_rows[_i].line);
}
END_TEST

static const struct {
  const char *line;
  const char *want; /* the note, or a part of it after "..." */
} note_rows[] = {
    {"1400 TB / 1 Gbit / s",
     "the unit 1/s (1/time) is unusual for a result: the line was read as (1400 TB / 1 Gbit) / s; grouped as "
     "1400 TB / (1 Gbit / s) it gives \xe2\x89\x88 130 days"},
    {"1400 TB * $0.018 / GB/month", "...; grouped as 1400 TB * $0.018 / GB / month it gives $25,200 a month"},
    {"(1400 TB) / (1 Gbit) / (s)", "...; grouped as (1400 TB) / ((1 Gbit) / (s)) it gives \xe2\x89\x88 130 days"},
    {"1 s * 2 s", "the unit s^2 (time^2) is unusual for a result"},
    {"1 s / 1 s / 1 s / 1 s / 1 s / 1 s / 1 s / 1 s / 1 s", "the unit 1/s^7 (1/time^7) is unusual for a result"},
    {"1 MB / 1 s / 1 s / 1 s / 1 s / 1 s / 1 s / 1 s",
     "...: the line was read as ((((((1 MB / 1 s) / 1 s) / 1 s) / 1 s) / 1 s) / 1 s) / 1 s"},
    {"1 TB / 1 Gbit / s to words", "...; grouped as 1 TB / (1 Gbit / s) it gives \xe2\x89\x88 2.22 hours"},
};

/* The note among the warnings of a result, or NULL. */
static const char *note_of(const ds_result *r) {
  for (size_t i = 0; i < ds_result_warning_count(r); i++)
    if (strstr(ds_result_warning(r, i), "is unusual for a result")) return ds_result_warning(r, i);
  return NULL;
}

START_TEST(test_note) {
  ds_result *r = NULL;
  const char *line = note_rows[_i].line, *w = note_rows[_i].want;
  ck_assert_msg(ds_eval(ctx, line, strlen(line), &r) == DS_OK, "'%s': %s", line, ds_ctx_errmsg(ctx));
  const char *note = note_of(r);
  ck_assert_msg(note != NULL, "'%s': no note", line);
  if (strncmp(w, "...", 3) == 0) ck_assert_msg(strstr(note, w + 3) != NULL, "'%s': '%s'", line, note);
  else ck_assert_msg(strcmp(note, w) == 0, "'%s': '%s'", line, note);
  ds_result_free(r);
}
END_TEST

/* What the note rests on; none for a target asked for, or with warnings off. */
START_TEST(test_no_note) {
  ck_assert(run("2 MB * 3 MB to B^2") == DS_OK);
  ck_assert(o.kind == STMT_CONVERT);
  ck_assert(run("1400 TB / 1 Gbit / s") == DS_OK);
  const shape_line *sh = o.u.value.shape;
  ck_assert(sh && sh->unusual && sh->read_as && sh->regroup);
  ck_assert_str_eq(sh->read_as, "(1400 TB / 1 Gbit) / s");
  ck_assert_str_eq(sh->regroup, "1400 TB / (1 Gbit / s)");
  ck_assert(sh->regroup_shape && sh->regroup_shape->nper == 1); /* the Gbit below its line */
  ck_assert_str_eq(sh->regroup_shape->per[0].name, "Gbit");
  ds_ctx_set_warnings(ctx, 0);
  ck_assert(run("1400 TB / 1 Gbit / s") == DS_OK);
  ck_assert(!o.u.value.shape || !o.u.value.shape->unusual);
}
END_TEST

/* The note fits a small work budget (one million steps). */
START_TEST(test_note_work) {
  ck_assert_int_eq(ds_ctx_limit(ctx, DS_LIMIT_WORK, 1), 512);
  ck_assert(run("1400 TB / 1 Gbit / s") == DS_OK);
  ck_assert(o.u.value.shape && o.u.value.shape->regroup);
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("shape");
  TCase *tc = tcase_create("shape");
  tcase_add_checked_fixture(tc, setup_out, teardown_out);
  SUITE_LOOP(tc, test_per, per_rows);
  tcase_add_test(tc, test_per_var_loop);
  SUITE_LOOP(tc, test_digits, digit_rows);
  SUITE_LOOP(tc, test_usual, usual_rows);
  SUITE_LOOP(tc, test_note, note_rows);
  tcase_add_test(tc, test_no_note);
  tcase_add_test(tc, test_note_work);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
