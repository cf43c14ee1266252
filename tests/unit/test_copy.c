/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_copy.c -- numbers and words as newsroom copy writes them: English
 * singulars, the note on a number with two readings (1.400), percentages
 * as written, and the letters after a number that copy reads as scales. */
#include <stdio.h>
#include <string.h>

#include "copy.h"
#include "datascale.h"
#include "parse.h"
#include "suite.h"

static const struct {
  const char *plural;
  size_t n;
  const char *want[3];
} sing[] = {
    {"photos", 1, {"photo"}},      {"copies", 3, {"copy", "copi", "copie"}},
    {"boxes", 2, {"box", "boxe"}}, {"hrs", 1, {"hr"}},
    {"photo", 0, {NULL}},          {"x", 0, {NULL}},
};

START_TEST(test_singulars) {
  char out[3][128];
  size_t n = copy_singulars(sing[_i].plural, strlen(sing[_i].plural), out);
  ck_assert_uint_eq(n, sing[_i].n);
  for (size_t k = 0; k < n; k++) ck_assert_str_eq(out[k], sing[_i].want[k]);
}
END_TEST

START_TEST(test_singulars_long) {
  char s[200], out[3][128];
  memset(s, 'a', sizeof s - 2);
  s[sizeof s - 2] = 's';
  s[sizeof s - 1] = 0;
  ck_assert_uint_eq(copy_singulars(s, strlen(s), out), 0); /* too long for a name: no candidates */
}
END_TEST

static const struct {
  const char *tok;
  bool dc;
  const char *want; /* NULL: no note */
} notes[] = {
    {"1.400", false,
     "1.400 is read as 1.4 (a decimal point); if '.' groups thousands here it means 1400: write 1400, or use "
     "--decimal-comma (set decimal-comma on)"},
    {"12.500", false,
     "12.500 is read as 12.5 (a decimal point); if '.' groups thousands here it means 12500: write 12500, or use "
     "--decimal-comma (set decimal-comma on)"},
    {"1.000", false,
     "1.000 is read as 1 (a decimal point); if '.' groups thousands here it means 1000: write 1000, or use "
     "--decimal-comma (set decimal-comma on)"},
    {"1.4", false, NULL},
    {"1.4000", false, NULL},
    {"1400", false, NULL},
    {"1,400", true,
     "1.400 is read as 1.4 (a decimal comma); if ',' groups thousands here it means 1400: write 1400, or turn the "
     "decimal comma off"},
};

START_TEST(test_number_note) {
  char note[512] = "";
  bool got = copy_number_note(notes[_i].tok, strlen(notes[_i].tok), notes[_i].dc, note, sizeof note);
  ck_assert_int_eq(got, notes[_i].want != NULL);
  if (notes[_i].want) ck_assert_str_eq(note, notes[_i].want);
}
END_TEST

static bool no_fn(const char *name, size_t len) {
  (void)name, (void)len;
  return false;
}

/* Parses src as one expression into a fresh arena. */
static ast *parsed(ast_arena *ar, const char *src) {
  err e;
  err_clear(&e);
  ast *root = NULL;
  ast_arena_init(ar);
  ck_assert_int_eq(parse_expr_only(&root, ar, src, strlen(src), 100, no_fn, &e), DS_OK);
  return root;
}

static const struct {
  const char *src;
  bool want;
} pcts[] = {
    {"250%", true}, {"250 percent", true}, {"250", false}, {"250 permille", false}, {"x", false},
};

START_TEST(test_is_percent) {
  ast_arena ar;
  ast *n = parsed(&ar, pcts[_i].src);
  ck_assert_int_eq(copy_is_percent(pcts[_i].src, n), pcts[_i].want);
  ast_arena_free(&ar);
}
END_TEST

static const struct {
  const char *src;
  const char *want; /* part of the error, or NULL: none */
} letters[] = {
    {"490m", "'m' after a number has several readings"},
    {"5 k", "'k' after a number has several readings"},
    {"490 mn", NULL},
    {"m", NULL},
};

START_TEST(test_scale_letter) {
  ast_arena ar;
  ast *n = parsed(&ar, letters[_i].src);
  /* the name is the right-hand factor of a product, or the whole line */
  const ast *name = n->kind == N_NAME ? n : n->b;
  err e;
  err_clear(&e);
  int st = name && name->kind == N_NAME ? copy_scale_letter(letters[_i].src, name, &e) : DS_OK;
  if (letters[_i].want) {
    ck_assert_int_eq(st, DS_E_UNKNOWN);
    ck_assert_msg(strstr(e.msg, letters[_i].want), "'%s': %s", letters[_i].src, e.msg);
  } else {
    ck_assert_int_eq(st, DS_OK);
  }
  ast_arena_free(&ar);
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("copy");
  TCase *tc = tcase_create("copy");
  SUITE_LOOP(tc, test_singulars, sing);
  tcase_add_test(tc, test_singulars_long);
  SUITE_LOOP(tc, test_number_note, notes);
  SUITE_LOOP(tc, test_is_percent, pcts);
  SUITE_LOOP(tc, test_scale_letter, letters);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
