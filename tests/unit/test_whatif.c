/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_whatif.c -- where the parts of a what-if ("EXPR with NAME = V")
 * and of a sweep ("EXPR for NAME in V1, V2" or "LOW .. HIGH step S")
 * are; a line that only contains the words is no what-if. */
#include <stdio.h>
#include <string.h>

#include "suite.h"
#include "whatif.h"

/* The text of span sp of src. */
static const char *part(const char *src, whatif_span sp) {
  static char b[8][256];
  static int k;
  k = (k + 1) % 8;
  snprintf(b[k], sizeof b[k], "%.*s", (int)(sp.end - sp.start), src + sp.start);
  return b[k];
}

static const struct {
  const char *src;
  whatif_kind kind;
  const char *expr, *parts; /* parts: "|"-joined assignments, or the name then values, or name|low|high|step */
} lines[] = {
    {"1400 TB to photos", WHATIF_NONE, NULL, NULL},
    {"1400 TB to photos # with photo = 2 MB", WHATIF_NONE, NULL, NULL},
    {"with = 3", WHATIF_NONE, NULL, NULL},
    {"x with y", WHATIF_NONE, NULL, NULL},           /* no NAME = after it */
    {"x with y == 3", WHATIF_NONE, NULL, NULL},      /* a comparison, not an assignment */
    {"for photo", WHATIF_NONE, NULL, NULL},          /* no "in" */
    {"(1 with x = 2) + 1", WHATIF_NONE, NULL, NULL}, /* inside parentheses */
    {"1400 TB to photos with photo = 2 MB", WHATIF_WITH, "1400 TB to photos", "photo = 2 MB"},
    {"1400 TB to photos  WITH  photo=2 MB  ", WHATIF_WITH, "1400 TB to photos", "photo=2 MB"},
    {"a * b with a = 1,400 kB, b = 2", WHATIF_WITH, "a * b", "a = 1,400 kB|b = 2"},
    {"f(1, 2) with x = (1, 2), y = 3", WHATIF_WITH, "f(1, 2)", "x = (1, 2)|y = 3"},
    {"1400 TB to photos for photo in 2 MB, 3 MB, 5 MB", WHATIF_FOR, "1400 TB to photos", "photo|2 MB|3 MB|5 MB"},
    {"x for x in 1,400, 2,000", WHATIF_FOR, "x", "x|1,400|2,000"},
    {"x for x in 1 MB .. 2 MB", WHATIF_FOR, "x", "x|1 MB .. 2 MB"},
    {"x for x in 2 MB .. 5 MB step 1 MB", WHATIF_FOR, "x", "x|2 MB|5 MB|1 MB"},
    {"x for x in 2..5 STEP 0.5", WHATIF_FOR, "x", "x|2|5|0.5"},
    /* the keyword at each kind of place the quick scan for 'w' and 'f' reads:
     * a line shorter than its eight bytes, a whole word, the last bytes */
    {"1 with x=2", WHATIF_WITH, "1", "x=2"},
    {"y FOR y in 1", WHATIF_FOR, "y", "y|1"},
    {"abcdefghijklmn WITH x=1", WHATIF_WITH, "abcdefghijklmn", "x=1"},
    {"abcdefgh for abcdefgh in 3", WHATIF_FOR, "abcdefgh", "abcdefgh|3"},
    {"abcdefghijklmnopq with", WHATIF_NONE, NULL, NULL},
};

START_TEST(test_lines) {
  const char *src = lines[_i].src;
  whatif w;
  err e;
  err_clear(&e);
  ck_assert_int_eq(whatif_parse(src, strlen(src), &w, &e), DS_OK);
  ck_assert_int_eq(w.kind, lines[_i].kind);
  /* whatif_none, ds_eval's quick test, never says none of a what-if */
  ck_assert(w.kind == WHATIF_NONE || !whatif_none(src, strlen(src)));
  if (w.kind == WHATIF_NONE) return;
  ck_assert_str_eq(part(src, w.expr), lines[_i].expr);
  char got[512] = "";
  if (w.kind == WHATIF_WITH) {
    for (size_t i = 0; i < w.nwith; i++) {
      strcat(got, i ? "|" : "");
      strcat(got, part(src, w.with[i]));
      ck_assert(strncmp(part(src, w.with[i]), part(src, w.with_name[i]), strlen(part(src, w.with_name[i]))) == 0);
    }
  } else {
    strcat(got, part(src, w.name));
    if (w.stepped) {
      const whatif_span sp[] = {w.low, w.high, w.step};
      for (int i = 0; i < 3; i++) strcat(strcat(got, "|"), part(src, sp[i]));
    } else {
      for (size_t i = 0; i < w.nvalues; i++) strcat(strcat(got, "|"), part(src, w.values[i]));
    }
  }
  ck_assert_str_eq(got, lines[_i].parts);
}
END_TEST

static const struct {
  const char *src;
  int status;
  const char *msg;
} bad[] = {
    {"x with y = ", DS_E_SYNTAX, "'with' wants a value after '='"},
    {"x with y = 1, z = ", DS_E_SYNTAX, "'with' wants a value after '='"},
    {" with y = 1", DS_E_SYNTAX, "'with' needs an expression before it"},
    {"x for y in ", DS_E_SYNTAX, "'for NAME in' wants values"},
    {"x for y in 1, , 2", DS_E_SYNTAX, "'for NAME in' wants values"},
    {"x for y in 1 step 2", DS_E_SYNTAX, "'step' wants a range before it"},
    {"x for y in 1 .. 5 step", DS_E_SYNTAX, "'step' wants a value"},
};

START_TEST(test_bad) {
  const char *src = bad[_i].src;
  whatif w;
  err e;
  err_clear(&e);
  ck_assert_int_eq(whatif_parse(src, strlen(src), &w, &e), bad[_i].status);
  ck_assert_msg(strstr(e.msg, bad[_i].msg), "'%s': %s", src, e.msg);
  ck_assert(e.start <= strlen(src));
}
END_TEST

/* More values than a sweep takes: an error, not a cut. */
/* whatif_none says none of most lines, those with no 'w' or 'f' after
 * their first byte, before their last four. */
START_TEST(test_none) {
  ck_assert(whatif_none("1234.5 TB to GiB", 16));
  ck_assert(whatif_none("15614 KiB to TiB # sizes", 24));
  ck_assert(whatif_none("wide", 4));
  ck_assert(whatif_none("f = 1 MB", 8)); /* the first byte starts no keyword */
  ck_assert(!whatif_none("x for x in 1, 2", 15));
  ck_assert(!whatif_none("x WITH x = 2", 12));
}
END_TEST

START_TEST(test_too_many) {
  char src[2048] = "x for x in 0";
  for (int i = 1; i <= WHATIF_MAX_ROWS; i++) snprintf(src + strlen(src), sizeof src - strlen(src), ", %d", i);
  whatif w;
  err e;
  err_clear(&e);
  ck_assert_int_eq(whatif_parse(src, strlen(src), &w, &e), DS_E_LIMIT);
  ck_assert(strstr(e.msg, "at most 100 values"));
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("whatif");
  TCase *tc = tcase_create("whatif");
  SUITE_LOOP(tc, test_lines, lines);
  SUITE_LOOP(tc, test_bad, bad);
  tcase_add_test(tc, test_too_many);
  tcase_add_test(tc, test_none);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
