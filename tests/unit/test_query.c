/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_query.c -- the listings of a context: ds_ctx_completions (every
 * function of the evaluator's table, units with their prefixes, variables;
 * sorted, each once), ds_ctx_units (the filter, one line per unit in
 * force) and ds_ctx_assumptions (items with their sources, overrides,
 * session variables). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "suite.h"

SUITE_CTX_FIXTURE

/* Runs the lines of `pre` (';'-separated) through ds_eval; each must succeed. */
static void run_pre(const char *pre) {
  char buf[256];
  snprintf(buf, sizeof buf, "%s", pre);
  for (char *t = strtok(buf, ";"); t; t = strtok(NULL, ";")) {
    ds_result *r = NULL;
    ck_assert_int_eq(ds_eval(ctx, t, strlen(t), &r), DS_OK);
    ck_assert_msg(ds_result_ok(r), "'%s': %s", t, ds_result_text(r));
    ds_result_free(r);
  }
}

/* Does a line of the listing s start with `prefix`? */
static bool has_line_start(const char *s, const char *start) {
  size_t n = strlen(start);
  for (const char *p = s; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
    if (strncmp(p, start, n) == 0) return true;
  return false;
}

/* Is `line` one whole line of the listing s? */
static bool has_line(const char *s, const char *line) {
  size_t n = strlen(line);
  for (const char *p = s; (p = strstr(p, line)) != NULL; p++)
    if ((p == s || p[-1] == '\n') && p[n] == '\n') return true;
  return false;
}

/* Every line ends in '\n', and the lines are sorted with no repeats. */
static void ck_sorted(const char *s, const char *what) {
  const char *prev = NULL;
  size_t prevlen = 0;
  for (const char *p = s; *p;) {
    const char *nl = strchr(p, '\n');
    ck_assert_msg(nl, "%s: a line without its newline", what);
    size_t len = (size_t)(nl - p);
    ck_assert_msg(len > 0, "%s: an empty line", what);
    if (prev) {
      int c = strncmp(prev, p, prevlen < len ? prevlen : len);
      ck_assert_msg(c < 0 || (c == 0 && prevlen < len), "%s: '%.*s' after '%.*s'", what, (int)len, p, (int)prevlen,
                    prev);
    }
    prev = p, prevlen = len;
    p = nl + 1;
  }
}

/* Completions: the typed start, the session before, lines that must be in
 * the listing and lines that must not; `exact` when the listing is just
 * the `has` lines. */
static const struct {
  const char *pre, *start;
  const char *has[4];
  const char *lacks[3];
  bool exact;
} completions[] = {
    /* functions, with their parenthesis, from the evaluator's table */
    {"", "gr", {"growth(", NULL}, {NULL}, true},
    {"", "sq", {"sqrt(", NULL}, {NULL}, true},
    {"", "pro", {"project(", "proraw_photo", "proraws", NULL}, {NULL}, false},
    {"", "log", {"log10(", "log2(", NULL}, {"ln(", NULL}, true},
    {"", "m", {"max(", "min(", "megabyte", "minutes"}, {NULL}, false},
    /* units in every spelling, with SI and IEC prefixes */
    {"", "kilob", {"kilobyte", "kilobytes", "kilobps", NULL}, {"kilobit", "kilobits", NULL}, true},
    {"", "kilobi", {"kilobit", "kilobits", NULL}, {NULL}, true},
    {"", "Gi", {"GiB", "Gib", NULL}, {"GB", NULL}, false},
    {"", "k", {"kB", "kbyte", "kilobyte", "kibibyte"}, {"kb", "Kb", NULL}, false}, /* kb is ambiguous: refused */
    {"", "kb", {"kbyte", "kbytes", NULL}, {"kb", NULL}, true},
    {"", "kbi", {"kbit", "kbits", NULL}, {NULL}, true},
    {"", "µ", {"µs", NULL}, {NULL}, false},
    {"", "photo", {"photo", "photos", "photo_24mp", "photos_48mp"}, {"phone", NULL}, false},
    /* a bit spelling yields to its byte twin until the typing parts them */
    {"", "tebib", {"tebibyte", "tebibytes", NULL}, {"tebibit", "tebibits", NULL}, true},
    {"", "tebibi", {"tebibit", "tebibits", NULL}, {NULL}, true},
    /* variables of the session; a name typed in full is still offered */
    {"phone_bill = 3", "phone_", {"phone_bill", "phone_call_minute", NULL}, {NULL}, false},
    {"phone_bill = 3", "phone_bill", {"phone_bill", NULL}, {NULL}, true},
    {"phone_bill = 3;reset phone_bill", "phone_", {"phone_call_minute", NULL}, {"phone_bill", NULL}, false},
    {"zq_rate = 3;zq_rated = 4", "zq", {"zq_rate", "zq_rated", NULL}, {NULL}, true},
    {"widget = !widget", "wid", {"widget", NULL}, {NULL}, true},
    /* nothing matches: an empty listing, not NULL */
    {"", "zzzq", {NULL}, {NULL}, true},
    {"", "growth(", {"growth(", NULL}, {NULL}, true},
};

START_TEST(test_completions) {
  run_pre(completions[_i].pre);
  char *s = ds_ctx_completions(ctx, completions[_i].start);
  ck_assert_ptr_nonnull(s);
  ck_sorted(s, completions[_i].start);
  size_t want = 0, lines = 0;
  for (int k = 0; k < 4 && completions[_i].has[k]; k++, want++)
    ck_assert_msg(has_line(s, completions[_i].has[k]), "'%s': no %s in\n%s", completions[_i].start,
                  completions[_i].has[k], s);
  for (int k = 0; k < 3 && completions[_i].lacks[k]; k++)
    ck_assert_msg(!has_line(s, completions[_i].lacks[k]), "'%s': %s in\n%s", completions[_i].start,
                  completions[_i].lacks[k], s);
  for (const char *p = s; *p; p++) {
    if (*p == '\n') lines++;
  }
  /* every line starts with what was typed */
  size_t n = strlen(completions[_i].start);
  for (const char *p = s; *p; p = strchr(p, '\n') + 1)
    ck_assert_msg(strncmp(p, completions[_i].start, n) == 0, "'%s': %.20s", completions[_i].start, p);
  if (completions[_i].exact) ck_assert_msg(lines == want, "'%s': %zu lines:\n%s", completions[_i].start, lines, s);
  ds_free(s);
}
END_TEST

/* Every function of the evaluator completes, from its first letter on. */
START_TEST(test_every_function) {
  for (size_t i = 0; i < eval_nfns; i++) {
    char want[32], start[32];
    snprintf(want, sizeof want, "%s(", eval_fns[i].name);
    for (size_t k = 1; k <= strlen(eval_fns[i].name); k++) {
      snprintf(start, sizeof start, "%.*s", (int)k, eval_fns[i].name);
      char *s = ds_ctx_completions(ctx, start);
      ck_assert_msg(s && has_line(s, want), "'%s' does not complete %s", start, want);
      ds_free(s);
    }
  }
  ck_assert_uint_ge(eval_nfns, 13);
}
END_TEST

/* The whole listing: NULL is "", sorted, and every name evaluates. */
START_TEST(test_all) {
  char *all = ds_ctx_completions(ctx, NULL), *empty = ds_ctx_completions(ctx, "");
  ck_assert_ptr_nonnull(all);
  ck_assert_str_eq(all, empty);
  ck_sorted(all, "(all)");
  size_t n = 0;
  for (const char *p = all; *p; p = strchr(p, '\n') + 1, n++) {
    size_t len = (size_t)(strchr(p, '\n') - p);
    if (p[len - 1] == '(') continue;                    /* a function */
    if (len == 2 && strncmp(p, "as", 2) == 0) continue; /* attoseconds, but "1 as" is a conversion */
    /* an item as output names it, in several words or with a hyphen, is a
     * target: 1400 TB to hours of HD video, to Blu-rays */
    bool target = memchr(p, ' ', len) || memchr(p, '-', len);
    char line[160];
    snprintf(line, sizeof line, target ? "1 TB to %.*s" : "1 %.*s", (int)len, p);
    ds_result *r = NULL;
    int st = ds_eval(ctx, line, strlen(line), &r);
    ck_assert_msg(st == DS_OK && ds_result_ok(r), "'%s' is offered but fails: %s", line, ds_ctx_errmsg(ctx));
    ds_result_free(r);
  }
  ck_assert_uint_gt(n, 500);
  ds_free(all);
  ds_free(empty);
  ck_assert_ptr_null(ds_ctx_completions(NULL, "gr"));
}
END_TEST

/* ds_ctx_units: the filter matches spellings, definitions and descriptions,
 * in any case; one line per unit in force. */
static const struct {
  const char *defs; /* loaded first, or NULL */
  const char *filter;
  const char *has[3];
  const char *lacks[2];
  int lines; /* -1: any number */
} unit_rows[] = {
    {NULL, "second", {"second (seconds, s, sec, secs) = !time [SI prefixes m..q]", NULL}, {NULL}, -1},
    {NULL, "month", {"month (months, mo) = year / 12", NULL}, {NULL}, -1},
    /* each spelling once, though bit and bits are symbols too (kbit) */
    {NULL, "information", {"bit (bits, b) = !information [SI prefixes k..Q] [IEC prefixes Ki..Qi]", NULL}, {NULL}, -1},
    {NULL, "8 bit", {"byte (bytes, B) = 8 bit [SI prefixes k..Q] [IEC prefixes Ki..Qi]", NULL}, {NULL}, -1},
    {NULL,
     "SMARTPHONE",
     {"photo (photos, image, images, picture, pictures) = 3 MB -- a typical smartphone photo: a 24 MP HEIF from a "
      "recent iPhone (\"about 3 MB\" in Apple's Settings), or a 12 MP JPEG",
      NULL},
     {"heic_photo", NULL},
     6},
    {NULL, "zzzq", {NULL}, {NULL}, 0},
    /* a redefinition keeps the other spellings (and being an item) */
    {"photo = 4 MB\n",
     "pictures",
     {"photo (photos, image, images, picture, pictures) = 4 MB", NULL},
     {"= 3 MB", NULL},
     -1},
    {"[photo/photos]\nsize: 4 MB\nabout: a bigger photo\n",
     "bigger",
     {"photo (photos, image, images, picture, pictures) = 4 MB -- a bigger photo", NULL},
     {NULL},
     1},
    {"[photo/photos]\nsize: 4 MB\n", "typical smartphone", {NULL}, {NULL}, 0}, /* the old one is gone */
    /* words, each matched from its start, not letters inside words: "ms"
     * is in "streams", "items" and "sms", "age" in "image" and "page" */
    {NULL, "ms", {NULL}, {NULL}, 0},
    {NULL, "age", {NULL}, {NULL}, 0},
    {NULL, "HOUR", {"hour (hours, h, hr, hrs) = 60 min", NULL}, {"bit (", NULL}, -1},
    /* several words: in a row, from any word of a spelling or a text */
    {NULL, "hd video", {NULL}, {"sd_hour (", NULL}, -1},
    {NULL, "video hd", {NULL}, {"hd_hour (", NULL}, -1},
    {NULL, "smartphone photo", {NULL}, {"heic_photo (", NULL}, -1},
};

START_TEST(test_units) {
  if (unit_rows[_i].defs)
    ck_assert_int_eq(ds_ctx_load_defs(ctx, unit_rows[_i].defs, strlen(unit_rows[_i].defs), "test.def"), DS_OK);
  char *s = ds_ctx_units(ctx, unit_rows[_i].filter);
  ck_assert_ptr_nonnull(s);
  for (int k = 0; k < 3 && unit_rows[_i].has[k]; k++)
    ck_assert_msg(has_line(s, unit_rows[_i].has[k]), "'%s': no '%s' in\n%s", unit_rows[_i].filter, unit_rows[_i].has[k],
                  s);
  for (int k = 0; k < 2 && unit_rows[_i].lacks[k]; k++)
    ck_assert_msg(!strstr(s, unit_rows[_i].lacks[k]), "'%s': '%s' in\n%s", unit_rows[_i].filter, unit_rows[_i].lacks[k],
                  s);
  int lines = 0;
  for (const char *p = s; *p; p++) lines += *p == '\n';
  if (unit_rows[_i].lines >= 0)
    ck_assert_msg(lines == unit_rows[_i].lines, "'%s': %d lines:\n%s", unit_rows[_i].filter, lines, s);
  ds_free(s);
}
END_TEST

/* No filter lists every unit in force once; the filter is a subset. */
START_TEST(test_units_all) {
  char *all = ds_ctx_units(ctx, NULL), *empty = ds_ctx_units(ctx, "");
  ck_assert_ptr_nonnull(all);
  ck_assert_str_eq(all, empty);
  size_t lines = 0, in_force = 0;
  for (const char *p = all; *p; p++) lines += *p == '\n';
  for (size_t i = 0; i < ctx->s.reg.nunits; i++) in_force += units_in_force(&ctx->s.reg, i);
  ck_assert_uint_eq(lines, in_force);
  char *some = ds_ctx_units(ctx, "byte");
  for (const char *p = some; *p; p = strchr(p, '\n') + 1) {
    size_t len = (size_t)(strchr(p, '\n') - p);
    char line[4096];
    snprintf(line, sizeof line, "%.*s", (int)len, p);
    ck_assert_msg(has_line(all, line), "'%s' is not in the whole list", line);
  }
  ds_free(some);
  ds_free(all);
  ds_free(empty);
  ck_assert_ptr_null(ds_ctx_units(NULL, ""));
}
END_TEST

/* ds_ctx_assumptions: every item in force with its source and year; an
 * override says what it replaced; other variables come last. `lacks`:
 * no line starts so; `nowhere`: in no line. */
static const struct {
  const char *pre, *defs;
  const char *has[3];
  const char *lacks[2];
  const char *nowhere;
} assumption_rows[] = {
    {"",
     NULL,
     {"photo = 3 MB -- catalogue: Apple's iOS 17 Settings text, quoted by iPhone in Canada, \"Here are iPhone 15 File "
      "Sizes for "
      "Photos Taken at 48MP\", 2023",
      "library_of_congress = 10 TB -- catalogue: Library of Congress blog, \"Transferring 'Libraries of Congress' of "
      "data\" "
      "(2011), citing Lyman & Varian, \"How Much Information?\" (UC Berkeley), 2000",
      NULL},
     {NULL},
     "this session"},
    {"photo = 4 MB",
     NULL,
     {"photo = 4 MB -- set in this session; replaces the catalogue's 3 MB", NULL},
     {"photo = 3 MB", "photo = 4 MB (set in this session)"},
     "iPhone in Canada, \"Here are iPhone 15 File Sizes for Photos Taken at 48MP\", 2023\nphoto = 4"},
    {"photo = 4 MB;reset photo",
     NULL,
     {"photo = 3 MB -- catalogue: Apple's iOS 17 Settings text, quoted by iPhone in Canada, \"Here are iPhone 15 File "
      "Sizes for "
      "Photos Taken at 48MP\", 2023",
      NULL},
     {NULL},
     "overridden"},
    {"x = 3;photo = 4 MB;y = x * 2",
     NULL,
     {"x = 3 -- set in this session", "y = x * 2 -- set in this session", NULL},
     {NULL},
     NULL},
    /* a user's item without a source; a redefinition replaces the built-in */
    {"", "[photo/photos]\nsize: 4 MB\n", {"photo = 4 MB -- units file test.def:2", NULL}, {"photo = 3 MB", NULL}, NULL},
    /* a plain redefinition stays an item, with no block: where it was defined */
    {"", "\nphoto = 4 MB\n", {"photo = 4 MB -- units file test.def:2", NULL}, {"photo = 3 MB", NULL}, NULL},
    {"",
     "[widget_file/widget_files]\nsize: 6 MB\nsource: my notes\nyear: 2025\n",
     {"widget_file = 6 MB -- units file test.def:2: my notes, 2025", NULL},
     {NULL},
     NULL},
};

START_TEST(test_assumptions) {
  if (assumption_rows[_i].defs)
    ck_assert_int_eq(ds_ctx_load_defs(ctx, assumption_rows[_i].defs, strlen(assumption_rows[_i].defs), "test.def"),
                     DS_OK);
  run_pre(assumption_rows[_i].pre);
  char *s = ds_ctx_assumptions(ctx);
  ck_assert_ptr_nonnull(s);
  for (int k = 0; k < 3 && assumption_rows[_i].has[k]; k++)
    ck_assert_msg(has_line(s, assumption_rows[_i].has[k]), "no '%s'", assumption_rows[_i].has[k]);
  for (int k = 0; k < 2 && assumption_rows[_i].lacks[k]; k++)
    ck_assert_msg(!has_line_start(s, assumption_rows[_i].lacks[k]), "'%s' is there", assumption_rows[_i].lacks[k]);
  if (assumption_rows[_i].nowhere) ck_assert(!strstr(s, assumption_rows[_i].nowhere));
  /* each item in force once, then each variable that is no item */
  size_t lines = 0, want = 0;
  for (const char *p = s; *p; p++) lines += *p == '\n';
  const units *r = &ctx->s.reg;
  for (size_t i = 0; i < r->nunits; i++) want += (r->units[i].flags & UNIT_ITEM) && units_in_force(r, i);
  for (size_t i = 0; i < ctx->s.nvars; i++) {
    units_match m;
    const char *nm = ctx->s.vars[i].name;
    want += !(units_lookup(r, nm, strlen(nm), &m) && !m.pf && (m.u->flags & UNIT_ITEM));
  }
  ck_assert_uint_eq(lines, want);
  ds_free(s);
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("query");
  TCase *tc = tcase_create("query");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 60);
  SUITE_LOOP(tc, test_completions, completions);
  tcase_add_test(tc, test_every_function);
  tcase_add_test(tc, test_all);
  SUITE_LOOP(tc, test_units, unit_rows);
  tcase_add_test(tc, test_units_all);
  SUITE_LOOP(tc, test_assumptions, assumption_rows);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
