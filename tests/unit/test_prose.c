/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_prose.c -- a story's text as tokens: numbers as prose writes them
 * (grouped by commas or spaces, a decimal comma when the story uses one,
 * in words, with scale words, vague), sentences, places, problems. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prose.h"
#include "suite.h"

/* The first number of text: its datascale spelling, or "" when none. */
static void first_number(const char *text, char *out, size_t cap, bool *amb, bool *vague) {
  prose p;
  ck_assert(prose_init(&p, text, strlen(text)));
  out[0] = '\0';
  while (prose_sentence(&p) && !out[0])
    for (size_t i = 0; i < p.n; i++)
      if (p.t[i].kind == PROSE_NUM) {
        snprintf(out, cap, "%s", p.t[i].ex);
        *amb = p.t[i].amb;
        *vague = p.t[i].vague;
        break;
      }
  prose_free(&p);
}

static const struct {
  const char *text, *want;
  bool amb, vague;
} numbers[] = {
    {"nearly 1,400 terabytes", "1400", false, false},
    {"1 400 TB", "1400", false, false},
    {"1\xc2\xa0"
     "400 TB",
     "1400", false, false}, /* a no-break space */
    {"1\xe2\x80\xaf"
     "400 TB",
     "1400", false, false}, /* a narrow no-break space */
    {"1.4 petabytes", "1.4", false, false},
    {"1,400.5 TB", "1400.5", false, false},
    {"1.400 TB", "1.400", true, false}, /* 1.4, or 1,400 in German copy */
    {"0.500 TB", "0.500", false, false},
    {"grew from 1,5 TB to 4,5 TB", "1.5", false, false}, /* a story with a decimal comma */
    {"1.400,5 TB", "1400.5", false, false},
    {"490 million images", "490 million", false, false},
    {"7.5bn records", "7.5 billion", false, false},
    {"three times", "3", false, false},
    {"twenty-five files", "25", false, false},
    {"a million photos", "1 million", false, false},
    {"over half a petabyte", "0.5", false, false},
    {"two hundred million", "2 hundred million", false, false},
    {"the hundreds of terabytes", "100", false, true},
    {"tens of thousands of files", "10000", false, true},
    {"in July 2025", "2025", false, false},
    {"no number here", "", false, false},
};

START_TEST(test_numbers) {
  char got[64];
  bool amb = false, vague = false;
  first_number(numbers[_i].text, got, sizeof got, &amb, &vague);
  ck_assert_msg(strcmp(got, numbers[_i].want) == 0, "%s: got '%s', want '%s'", numbers[_i].text, got, numbers[_i].want);
  ck_assert_msg(amb == numbers[_i].amb, "%s: ambiguous %d", numbers[_i].text, amb);
  ck_assert_msg(vague == numbers[_i].vague, "%s: vague %d", numbers[_i].text, vague);
}
END_TEST

/* How many sentences text has. */
static size_t sentences(const char *text) {
  prose p;
  ck_assert(prose_init(&p, text, strlen(text)));
  size_t n = 0;
  while (prose_sentence(&p)) n++;
  prose_free(&p);
  return n;
}

static const struct {
  const char *text;
  size_t n;
} sents[] = {
    {"One. Two! Three? Four", 4},
    {"It holds 1.4 PB. That is a lot.", 2},            /* the point of 1.4 ends nothing */
    {"A headline\nThe first sentence.", 2},            /* a line break before a capital */
    {"a sentence that\nwraps onto a second line.", 1}, /* ... not before lower case */
    {"One paragraph.\n\nAnother.", 2},
    {"<p>One</p><p>Two</p>", 2}, /* block tags of HTML end a sentence */
    {"", 0},
    {"   \n\n  ", 0},
};

START_TEST(test_sentences) {
  ck_assert_msg(sentences(sents[_i].text) == sents[_i].n, "%s: %zu sentences, want %zu", sents[_i].text,
                sentences(sents[_i].text), sents[_i].n);
}
END_TEST

START_TEST(test_where) {
  const char *text = "ab\n\xc3\xa9t\xc3\xa9 1 TB\nx";
  prose p;
  ck_assert(prose_init(&p, text, strlen(text)));
  long line, col;
  prose_where(&p, 0, &line, &col);
  ck_assert_int_eq(line, 1);
  ck_assert_int_eq(col, 1);
  prose_where(&p, 3 + 6, &line, &col); /* "1": after "été " (4 characters, 6 bytes) */
  ck_assert_int_eq(line, 2);
  ck_assert_int_eq(col, 5);
  prose_where(&p, strlen(text) - 1, &line, &col);
  ck_assert_int_eq(line, 3);
  ck_assert_int_eq(col, 1);
  prose_free(&p);
}
END_TEST

START_TEST(test_problems) {
  const char text[] = "ok \xff\xfe bad\x01 then 2 TB";
  prose p;
  ck_assert(prose_init(&p, text, sizeof text - 1));
  size_t nums = 0;
  while (prose_sentence(&p))
    for (size_t i = 0; i < p.n; i++) nums += p.t[i].kind == PROSE_NUM;
  ck_assert_uint_eq(nums, 1); /* the rest is read */
  ck_assert_uint_eq(p.nprob, 3);
  ck_assert_uint_eq(p.prob[0].at, 3);
  ck_assert_str_eq(p.prob[0].what, "invalid UTF-8");
  ck_assert_uint_eq(p.prob[2].at, 9);
  ck_assert_str_eq(p.prob[2].what, "a control byte");
  prose_free(&p);
}
END_TEST

START_TEST(test_html) {
  const char *text = "<html><head><script>var a = '9 TB tripled';</script></head><body><p>It holds 2&nbsp;TB.</p>";
  prose p;
  ck_assert(prose_init(&p, text, strlen(text)));
  size_t nums = 0, words = 0;
  while (prose_sentence(&p))
    for (size_t i = 0; i < p.n; i++) {
      nums += p.t[i].kind == PROSE_NUM;
      words += p.t[i].kind == PROSE_WORD;
    }
  ck_assert_uint_eq(nums, 1);  /* the script's 9 is skipped */
  ck_assert_uint_eq(words, 3); /* It holds TB */
  ck_assert(p.html);
  prose_free(&p);
  /* "<https://...>" in plain text is not a tag */
  text = "see <https://example.org> for 2 TB";
  ck_assert(prose_init(&p, text, strlen(text)));
  while (prose_sentence(&p)) {
  }
  ck_assert(!p.html);
  prose_free(&p);
}
END_TEST

START_TEST(test_hyphens) {
  /* "more-than-three-fold", with the non-breaking hyphens of a report */
  const char *text = "a more\xe2\x80\x91than\xe2\x80\x91three\xe2\x80\x91"
                     "fold jump";
  prose p;
  ck_assert(prose_init(&p, text, strlen(text)));
  ck_assert(prose_sentence(&p));
  ck_assert_uint_eq(p.n, 6);
  ck_assert(prose_is(&p, 1, "more") && p.t[1].hyphen);
  ck_assert(p.t[3].kind == PROSE_NUM && p.t[3].hyphen);
  ck_assert(prose_is(&p, 4, "fold"));
  prose_free(&p);
}
END_TEST

START_TEST(test_long_sentence) {
  /* a "sentence" of 100,000 words is cut, so memory stays bounded */
  size_t n = 100000;
  char *text = malloc(2 * n + 1);
  ck_assert_ptr_nonnull(text);
  for (size_t i = 0; i < n; i++) text[2 * i] = 'a', text[2 * i + 1] = ' ';
  text[2 * n] = '\0';
  prose p;
  ck_assert(prose_init(&p, text, 2 * n));
  size_t k = 0, most = 0;
  while (prose_sentence(&p)) {
    k++;
    if (p.n > most) most = p.n;
  }
  ck_assert_uint_le(most, PROSE_SENTENCE_MAX);
  ck_assert_uint_ge(k, n / PROSE_SENTENCE_MAX);
  prose_free(&p);
  free(text);
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("prose");
  TCase *tc = tcase_create("prose");
  SUITE_LOOP(tc, test_numbers, numbers);
  SUITE_LOOP(tc, test_sentences, sents);
  tcase_add_test(tc, test_where);
  tcase_add_test(tc, test_problems);
  tcase_add_test(tc, test_html);
  tcase_add_test(tc, test_hyphens);
  tcase_add_test(tc, test_long_sentence);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
