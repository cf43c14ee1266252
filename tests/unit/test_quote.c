/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_quote.c -- the input as a sentence quotes it: numbers grouped by
 * commas and written with the decimal point, the span widened over the
 * parentheses it leaves out. */
#include <stdlib.h>
#include <string.h>

#include "quote.h"
#include "suite.h"

static const struct {
  const char *src;
  size_t start, end; /* SIZE_MAX: to the end of the line */
  bool dc;
  const char *want;
} quotes[] = {
    {"1400 TB", 0, SIZE_MAX, false, "1,400 TB"},
    {"1 400 TB", 0, SIZE_MAX, false, "1,400 TB"},
    {"1400.5 TB", 0, SIZE_MAX, false, "1,400.5 TB"},
    {"1.400,5 TB", 0, SIZE_MAX, true, "1,400.5 TB"},
    {"12 GB", 0, SIZE_MAX, false, "12 GB"},
    {"1400 TB to photos", 0, 7, false, "1,400 TB"},
    {"", 0, SIZE_MAX, false, ""},
};

START_TEST(test_quote) {
  const char *src = quotes[_i].src;
  size_t len = strlen(src), end = quotes[_i].end == SIZE_MAX ? len : quotes[_i].end;
  char *q = quote_input(src, len, quotes[_i].start, end, quotes[_i].dc);
  ck_assert_ptr_nonnull(q);
  ck_assert_str_eq(q, quotes[_i].want);
  free(q);
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("quote");
  TCase *tc = tcase_create("quote");
  SUITE_LOOP(tc, test_quote, quotes);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
