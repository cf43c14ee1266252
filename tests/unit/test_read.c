/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_read.c -- the reader of stories through ds_read: which claims a
 * text holds, the datascale line of each and its verdict; the session
 * left as it was; arguments checked. (The corpus of whole articles is
 * tests/read.) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datascale.h"
#include "suite.h"

SUITE_CTX_FIXTURE

/* The findings of text, one "KIND VERDICT QUOTE | EXPRESSION" a line. */
static char *findings(const char *text) {
  ds_story *s = NULL;
  ck_assert_int_eq(ds_read(ctx, text, strlen(text), "t", &s), DS_OK);
  size_t cap = 4096, len = 0;
  char *out = calloc(1, cap);
  ck_assert_ptr_nonnull(out);
  for (size_t i = 0; i < ds_story_count(s); i++)
    len += (size_t)snprintf(out + len, cap - len, "%s %s %s | %s\n", ds_story_kind(s, i), ds_story_verdict(s, i),
                            ds_story_quote(s, i), ds_story_expression(s, i));
  ds_story_free(s);
  return out;
}

static const struct {
  const char *text, *want;
} rows[] = {
    /* changes: ratio words with their hedges, against the figures of the sentence */
    {"It grew from 400 TB to 1,400 TB, more than tripling.",
     "change holds more than tripling | check 1400 TB > 3 * 400 TB\n"},
    {"Nearly 1,400 TB, almost three times the 400 TB of July.",
     "change off almost three times | check 1400 TB = almost 3 * 400 TB\n"},
    {"The archive doubled to 2 PB from 1 PB.", "change holds doubled | check 2 PB = about 2 * 1 PB\n"},
    {"Storage rose 40 percent, from 500 TB to 700 TB.",
     "change holds rose 40 percent | check 700 TB = about 500 TB + 40%\n"},
    {"Storage fell 25%, from 800 TB to 600 TB.", "change holds fell 25% | check 600 TB = about 800 TB - 25%\n"},
    /* ... or elsewhere in the story: the nearest pair */
    {"Its data more than doubled.\n\nIt now holds 5 PB, up from 2 PB.",
     "change holds more than doubled | check 5 PB > 2 * 2 PB\n"},
    {"ICE held 1,400 terabytes, up from 400 terabytes. It more than tripled.",
     "change holds more than tripled | check 1400 TB > 3 * 400 TB\n"},
    /* one figure only: what the claim implies */
    {"Its data tripled to 45 TB.", "change unchecked tripled | 45 TB / 3\n"},
    {"Its data tripled from 15 TB.", "change unchecked tripled | 3 * 15 TB\n"},
    /* a pair with no claim word; a period between dates gives the growth */
    {"It went from 400 terabytes in July 2025 to 1,400 terabytes by January 2026.",
     "change reported from 400 terabytes in July 2025 to 1,400 terabytes by January 2026 | growth(400 TB, 1400 TB, "
     "6 months)\n"},
    {"It went from the hundreds of terabytes to 1.4 PB.",
     "change reported from the hundreds of terabytes to 1.4 PB | 1.4 PB to TB\n"},
    /* equivalents: a count of catalogue items against a size */
    {"It holds 1,400 TB. That equals roughly 490 million images if it were all photos.",
     "equivalent plausible roughly 490 million images if it were all photos | check 1400 TB = 490 million photos\n"},
    {"The 9.4 PB library would fill 2 million DVDs.",
     "equivalent holds 2 million DVDs | check 9.4 PB = 2 million dvds\n"},
    {"The force stores 250 TB of body-camera video, about 60,000 hours of footage.",
     "equivalent off about 60,000 hours of footage | check 250 TB = 60000 bodycam_hours\n"},
    {"The breach exposed 3 billion records totalling 6 TB, about 2 kilobytes per record.",
     "equivalent holds about 2 kilobytes per record | check 6 TB = about 3 billion * 2 kB\n"},
    /* transfer times over a stated rate */
    {"The leak is 2 TB. Over a 1 Gbps line it would take about 4.4 hours.",
     "time holds take about 4.4 hours | check 2 TB / (1 Gbps) = about 4.4 hours\n"},
    /* figures alone */
    {"The leak was 2.94 terabytes.", "quantity reported 2.94 terabytes | 2.94 TB\n"},
    {"It holds 1.2 Tb of files.", "quantity reported 1.2 Tb | 1.2 Tb\n"},
    /* not about data: no finding */
    {"The desk meets three times a week, and its staff doubled.", ""},
    {"ICE doubled its workforce to 20,000 staff.", ""},
    {"Readers spent 40 percent more time on the page.", ""},
    {"", ""},
};

START_TEST(test_findings) {
  char *got = findings(rows[_i].text);
  ck_assert_msg(strcmp(got, rows[_i].want) == 0, "%s\n got: %s\nwant: %s", rows[_i].text, got, rows[_i].want);
  free(got);
}
END_TEST

/* The session is left as it was: ans, the decimal comma, explain; its
 * assumptions count. */
START_TEST(test_session_kept) {
  ds_result *r = NULL;
  ck_assert_int_eq(ds_eval(ctx, "photo = 2.86 MB", 15, &r), DS_OK);
  ds_result_free(r);
  ck_assert_int_eq(ds_eval(ctx, "7 GB", 4, &r), DS_OK);
  ds_result_free(r);
  ck_assert_int_eq(ds_ctx_set_decimal_comma(ctx, 1), DS_OK);
  ck_assert_int_eq(ds_ctx_set_explain(ctx, DS_EXPLAIN_TEXT), DS_OK);
  const char *text = "It holds 1,400 TB. That equals roughly 490 million images if it were all photos.";
  ds_story *s = NULL;
  ck_assert_int_eq(ds_read(ctx, text, strlen(text), NULL, &s), DS_OK);
  ck_assert_uint_eq(ds_story_count(s), 1);
  ck_assert_str_eq(ds_story_verdict(s, 0), "holds");       /* at 2.86 MB a photo */
  ck_assert_ptr_nonnull(strstr(ds_story_text(s), "-:1:")); /* no name: "-" */
  ds_story_free(s);
  ck_assert_int_eq(ds_ctx_decimal_comma(ctx), 1);
  ck_assert_int_eq(ds_ctx_set_decimal_comma(ctx, 0), DS_OK);
  ck_assert_int_eq(ds_eval(ctx, "ans", 3, &r), DS_OK);
  ck_assert_str_eq(ds_result_text(r), "7 GB");
  ck_assert_ptr_nonnull(ds_result_explain(r, 0));
  ds_result_free(r);
}
END_TEST

START_TEST(test_outputs) {
  const char *text = "Title\nThe archive \xff holds 2 TB, up from 1 TB: it doubled.";
  ds_story *s = NULL;
  ck_assert_int_eq(ds_read(ctx, text, strlen(text), "a.txt", &s), DS_OK);
  ck_assert_uint_eq(ds_story_count(s), 1);
  ck_assert_int_eq(ds_story_line(s, 0), 2);
  ck_assert_int_eq(ds_story_column(s, 0), 44);
  ck_assert_str_eq(ds_story_kind(s, 0), "change");
  ck_assert_ptr_nonnull(strstr(ds_story_reason(s, 0), "holds"));
  ck_assert_uint_eq(ds_story_problem_count(s), 1);
  ck_assert_str_eq(ds_story_problem(s, 0), "2:13: invalid UTF-8, read as a space");
  ck_assert_ptr_null(ds_story_problem(s, 1));
  ck_assert_ptr_null(ds_story_kind(s, 1));
  ck_assert_int_eq(ds_story_line(s, 1), -1);
  ck_assert_ptr_nonnull(strstr(ds_story_text(s), "a.txt:2:44: change \"doubled\": holds\n"));
  ck_assert_ptr_nonnull(strstr(ds_story_json(s), "{\"file\":\"a.txt\",\"line\":2,\"column\":44,\"quote\":\"doubled\""));
  ck_assert_ptr_nonnull(strstr(ds_story_markdown(s), "# Fact-check: a.txt\n\n1 finding: 1 holds.\n"));
  ck_assert_uint_eq(ds_story_off_count(s), 0);
  ds_story_free(s);
  ck_assert_int_eq(ds_read(ctx, "", 0, "e", &s), DS_OK);
  ck_assert_str_eq(ds_story_text(s), "e: no data-size claims found\n");
  ck_assert_str_eq(ds_story_json(s), "");
  ds_story_free(s);
}
END_TEST

START_TEST(test_arguments) {
  ds_story *s = (ds_story *)&s;
  ck_assert_int_eq(ds_read(ctx, NULL, 3, "x", &s), DS_E_ARG);
  ck_assert_ptr_null(s);
  ck_assert_int_eq(ds_read(ctx, "1 TB", 4, "x", NULL), DS_E_ARG);
  ck_assert_int_eq(ds_read(ctx, NULL, 0, "x", &s), DS_OK); /* nothing to read */
  ck_assert_uint_eq(ds_story_count(s), 0);
  ds_story_free(s);
  ck_assert_int_eq(ds_read(ctx, "ab\0cd", 5, "x", &s), DS_E_ENCODING);
  ck_assert_ptr_null(s);
  ck_assert_str_eq(ds_ctx_errmsg(ctx), "a binary file, not text (a NUL byte at line 1, column 3)");
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("read");
  TCase *tc = tcase_create("read");
  tcase_add_checked_fixture(tc, setup, teardown);
  SUITE_LOOP(tc, test_findings, rows);
  tcase_add_test(tc, test_session_kept);
  tcase_add_test(tc, test_outputs);
  tcase_add_test(tc, test_arguments);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
