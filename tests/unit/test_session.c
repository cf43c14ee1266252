/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_session.c -- the state of a session without any phase: the defaults
 * of session_init, the limits and their ranges (session_limit), and the
 * variable store (session_set_var, session_find_var, session_unset_var),
 * the keys of the notes given (session_give, session_given). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"
#include "suite.h"

static session S;

static void setup(void) { session_init(&S); }
static void teardown(void) { session_free(&S); }

START_TEST(test_init) {
  ck_assert_uint_eq(S.nvars, 0);
  ck_assert_uint_eq(S.reg.nunits, 0); /* the API loads the built-in files, not session_init */
  ck_assert(!S.have_ans);
  ck_assert(!S.binary);
  ck_assert_int_eq(S.style, DS_STYLE_NORMAL);
  ck_assert_int_eq(S.explain, 0);
  ck_assert(!S.no_warnings);
  ck_assert_int_eq(session_find_var(&S, "x", 1), -1);
  ck_assert(!session_unset_var(&S, "x", 1));
}
END_TEST

/* Every limit: its default, its range, and what a set outside the range
 * leaves in force. */
static const struct {
  int id;
  long def, min, max;
} limits[] = {
    {DS_LIMIT_DEPTH, 1000, 1, 5000},
    {DS_LIMIT_LINE, 1L << 20, 1, 16L << 20},
    {DS_LIMIT_RESULT_BITS, 1L << 24, 64, 1L << 28},
    {DS_LIMIT_DIGITS, 6, 1, 1000},
    {DS_LIMIT_PRECISION, 128, 53, 1L << 18},
    {DS_LIMIT_WORK, 512, 1, 1L << 20},
};

START_TEST(test_limit) {
  int id = limits[_i].id;
  ck_assert_int_eq(S.limits[id], limits[_i].def);
  /* -1 only reads, as often as asked */
  ck_assert_int_eq(session_limit(&S, id, -1), limits[_i].def);
  ck_assert_int_eq(session_limit(&S, id, -1), limits[_i].def);
  ck_assert_int_eq(S.limits[id], limits[_i].def);
  /* 0 is below every range: the minimum; the old value is returned */
  ck_assert_int_eq(session_limit(&S, id, 0), limits[_i].def);
  ck_assert_int_eq(session_limit(&S, id, -1), limits[_i].min);
  /* the minimum itself and one past it stay */
  ck_assert_int_eq(session_limit(&S, id, limits[_i].min), limits[_i].min);
  ck_assert_int_eq(session_limit(&S, id, limits[_i].min + 1), limits[_i].min);
  ck_assert_int_eq(session_limit(&S, id, -1), limits[_i].min + 1);
  /* the maximum itself stays; past it is the maximum */
  session_limit(&S, id, limits[_i].max);
  ck_assert_int_eq(session_limit(&S, id, -1), limits[_i].max);
  session_limit(&S, id, limits[_i].max + 1);
  ck_assert_int_eq(session_limit(&S, id, -1), limits[_i].max);
  session_limit(&S, id, LONG_MAX);
  ck_assert_int_eq(session_limit(&S, id, -1), limits[_i].max);
  /* any other negative value reads too */
  ck_assert_int_eq(session_limit(&S, id, LONG_MIN), limits[_i].max);
  ck_assert_int_eq(S.limits[id], limits[_i].max);
  /* the other limits are untouched */
  for (size_t k = 0; k < sizeof limits / sizeof limits[0]; k++)
    if ((int)k != _i) ck_assert_int_eq(S.limits[limits[k].id], limits[k].def);
}
END_TEST

static const int bad_ids[] = {-1, DS_LIMIT_COUNT_, DS_LIMIT_COUNT_ + 1, 1000, -1000};

START_TEST(test_limit_unknown) {
  ck_assert_int_eq(session_limit(&S, bad_ids[_i], -1), -1);
  ck_assert_int_eq(session_limit(&S, bad_ids[_i], 10), -1);
  for (size_t k = 0; k < sizeof limits / sizeof limits[0]; k++) ck_assert_int_eq(S.limits[limits[k].id], limits[k].def);
}
END_TEST

/* Binds name = text, with the number in text as its value. */
static void set(const char *name, const char *text) {
  qty v;
  qty_init(&v);
  num_set_si(&v.n, atol(text));
  ck_assert(session_set_var(&S, name, strlen(name), &v, text, strlen(text)));
  qty_clear(&v);
}

/* Scripts of binds ("+NAME=TEXT") and resets ("-NAME", "!NAME" when the
 * name is not set), then the store in index order: "NAME=TEXT ...". After
 * each step, every variable is found at its own index with its value. */
static const struct {
  const char *ops;
  const char *want;
} scripts[] = {
    {"", ""},
    {"+a=1", "a=1"},
    {"+a=1 +b=2 +c=3", "a=1 b=2 c=3"},
    {"+a=1 +a=2", "a=2"},             /* rebinding keeps one entry */
    {"+a=1 +b=2 +a=3", "a=3 b=2"},    /* ... at its place */
    {"+a=1 +b=2 +c=3 -c", "a=1 b=2"}, /* the last */
    {"+a=1 +b=2 +c=3 -a", "c=3 b=2"}, /* the first: the last moves into it */
    {"+a=1 +b=2 +c=3 -b", "a=1 c=3"}, /* a middle one */
    {"+a=1 -a", ""},                  /* the only one */
    {"+a=1 -a !a", ""},               /* twice: not there the second time */
    {"!a +a=1", "a=1"},
    {"+a=1 +b=2 -a +a=4", "b=2 a=4"}, /* bound again after a reset: at the end */
    {"+a=1 +b=2 +c=3 -b -c -a", ""},
    {"+a=1 +b=2 +c=3 -b +d=4 -a +b=5", "d=4 c=3 b=5"},
    {"+photo=2 +photos=3 -photo", "photos=3"}, /* names are whole: no prefix match */
    {"+x=1 +X=2", "x=1 X=2"},                  /* case matters */
};

static void check_store(const char *ops) {
  for (size_t k = 0; k < S.nvars; k++) {
    const session_var *v = &S.vars[k];
    ck_assert_msg(session_find_var(&S, v->name, strlen(v->name)) == (long)k, "'%s': %s not at %zu", ops, v->name, k);
    ck_assert_int_eq(mpq_cmp_si(v->value.n.lo, atol(v->text), 1), 0);
  }
  ck_assert_uint_eq(S.varindex.count, S.nvars);
}

START_TEST(test_vars) {
  char ops[128];
  snprintf(ops, sizeof ops, "%s", scripts[_i].ops);
  for (char *t = strtok(ops, " "); t; t = strtok(NULL, " ")) {
    if (t[0] == '+') {
      char *eq = strchr(t, '=');
      *eq = 0;
      set(t + 1, eq + 1);
    } else {
      ck_assert_msg(session_unset_var(&S, t + 1, strlen(t + 1)) == (t[0] == '-'), "'%s': %s", scripts[_i].ops, t);
      ck_assert_int_eq(session_find_var(&S, t + 1, strlen(t + 1)), -1);
    }
    check_store(scripts[_i].ops);
  }
  char got[256] = "";
  for (size_t k = 0; k < S.nvars; k++) {
    size_t n = strlen(got);
    snprintf(got + n, sizeof got - n, "%s%s=%s", k ? " " : "", S.vars[k].name, S.vars[k].text);
  }
  ck_assert_msg(strcmp(got, scripts[_i].want) == 0, "'%s' -> '%s', want '%s'", scripts[_i].ops, got, scripts[_i].want);
}
END_TEST

/* The name and the text are copied, and only len bytes of each are read. */
START_TEST(test_copies) {
  char name[] = "photoXYZ", text[] = "2.86 MBjunk";
  qty v;
  qty_init(&v);
  num_set_si(&v.n, 7);
  ck_assert(session_set_var(&S, name, 5, &v, text, 7));
  memset(name, 'z', sizeof name - 1);
  memset(text, 'z', sizeof text - 1);
  num_set_si(&v.n, 8); /* the value is copied too */
  ck_assert_int_eq(session_find_var(&S, "photo", 5), 0);
  ck_assert_int_eq(session_find_var(&S, "photoX", 6), -1);
  ck_assert_str_eq(S.vars[0].name, "photo");
  ck_assert_str_eq(S.vars[0].text, "2.86 MB");
  ck_assert_int_eq(mpq_cmp_si(S.vars[0].value.n.lo, 7, 1), 0);
  /* a rebind replaces text and value; an empty text is a text */
  ck_assert(session_set_var(&S, "photo", 5, &v, "", 0));
  ck_assert_uint_eq(S.nvars, 1);
  ck_assert_str_eq(S.vars[0].text, "");
  ck_assert_int_eq(mpq_cmp_si(S.vars[0].value.n.lo, 8, 1), 0);
  qty_clear(&v);
}
END_TEST

/* Enough variables to grow the array and the index several times; resets
 * from both ends and the middle keep every index right. */
START_TEST(test_many) {
  enum { N = 1000 };
  char name[16], text[16];
  for (int i = 0; i < N; i++) {
    snprintf(name, sizeof name, "v%d", i);
    snprintf(text, sizeof text, "%d", i);
    set(name, text);
  }
  ck_assert_uint_eq(S.nvars, N);
  ck_assert_uint_ge(S.capvars, N);
  for (int i = 0; i < N; i++) {
    snprintf(name, sizeof name, "v%d", i);
    ck_assert_int_eq(session_find_var(&S, name, strlen(name)), i);
  }
  check_store("many");
  for (int i = 0; i < N; i += 3) {
    snprintf(name, sizeof name, "v%d", i);
    ck_assert(session_unset_var(&S, name, strlen(name)));
  }
  ck_assert_uint_eq(S.nvars, N - (N + 2) / 3);
  check_store("many, a third reset");
  for (int i = 0; i < N; i++) {
    snprintf(name, sizeof name, "v%d", i);
    long k = session_find_var(&S, name, strlen(name));
    if (i % 3 == 0) {
      ck_assert_int_eq(k, -1);
    } else {
      ck_assert_int_ge(k, 0);
      ck_assert_str_eq(S.vars[k].name, name);
    }
  }
  /* everything, from the front, as "reset" does */
  while (S.nvars) ck_assert(session_unset_var(&S, S.vars[0].name, strlen(S.vars[0].name)));
  ck_assert_uint_eq(S.varindex.count, 0);
  set("again", "1");
  ck_assert_int_eq(session_find_var(&S, "again", 5), 0);
}
END_TEST

/* The keys of the notes given (session_give, session_given): keys alike
 * but for their last bytes are told apart, a key too long or past
 * SESSION_MAX_GIVEN is never remembered, and a count of zero forgets all. */
START_TEST(test_given) {
  char key[SESSION_GIVEN_LEN + 8];
  ck_assert(!session_given(&S, "D KB"));
  for (int i = 0; i < SESSION_MAX_GIVEN; i++) {
    snprintf(key, sizeof key, "D KB MB %d", i);
    ck_assert(!session_given(&S, key));
    session_give(&S, key);
    session_give(&S, key); /* twice: kept once */
    ck_assert(session_given(&S, key));
  }
  ck_assert_int_eq(S.ngiven, SESSION_MAX_GIVEN);
  for (int i = 0; i < SESSION_MAX_GIVEN; i++) {
    snprintf(key, sizeof key, "D KB MB %d", i);
    ck_assert_msg(session_given(&S, key), "%s", key);
    snprintf(key, sizeof key, "D KB MB %d ", i);
    ck_assert_msg(!session_given(&S, key), "%s", key); /* a prefix of it was given, not this */
  }
  session_give(&S, "D one too many");
  ck_assert(!session_given(&S, "D one too many"));
  ck_assert(!session_given(&S, "D KB MB"));
  S.ngiven = 0;
  ck_assert(!session_given(&S, "D KB MB 0"));
  memset(key, 'k', SESSION_GIVEN_LEN);
  key[SESSION_GIVEN_LEN] = 0;
  session_give(&S, key); /* too long */
  ck_assert(!session_given(&S, key));
  key[SESSION_GIVEN_LEN - 1] = 0;
  session_give(&S, key); /* the longest kept */
  ck_assert(session_given(&S, key));
  ck_assert_int_eq(S.ngiven, 1);
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("session");
  TCase *tc = tcase_create("session");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, test_init);
  SUITE_LOOP(tc, test_limit, limits);
  SUITE_LOOP(tc, test_limit_unknown, bad_ids);
  SUITE_LOOP(tc, test_vars, scripts);
  tcase_add_test(tc, test_copies);
  tcase_add_test(tc, test_many);
  tcase_add_test(tc, test_given);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
