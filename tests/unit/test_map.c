/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_map.c -- the string-keyed hash map: insert, replace, growth, keys
 * compared by length and bytes, and borrowed keys (map_put_ref), which the
 * map must never free or copy. */
#include <stdio.h>
#include <string.h>

#include "map.h"
#include "suite.h"

START_TEST(test_put_get_replace) {
  map m;
  map_init(&m);
  ck_assert_int_eq(map_get(&m, "MB", 2), -1); /* empty: nothing, no crash */
  ck_assert(map_put(&m, "MB", 2, 7));
  ck_assert(map_put(&m, "MiB", 3, 9));
  ck_assert_int_eq(map_get(&m, "MB", 2), 7);
  ck_assert_int_eq(map_get(&m, "MiB", 3), 9);
  ck_assert_int_eq(map_get(&m, "M", 1), -1);  /* a prefix is another key */
  ck_assert_int_eq(map_get(&m, "MBs", 2), 7); /* the length decides, not a NUL */
  ck_assert(map_put(&m, "MB", 2, 8));         /* replace */
  ck_assert_int_eq(map_get(&m, "MB", 2), 8);
  ck_assert_uint_eq(m.count, 2);
  ck_assert(map_put(&m, "a\0b", 3, 1)); /* bytes, not C strings */
  ck_assert_int_eq(map_get(&m, "a\0b", 3), 1);
  ck_assert_int_eq(map_get(&m, "a\0c", 3), -1);
  /* a key of 2 GiB or more is refused before its bytes are read */
  ck_assert(!map_put(&m, "MB", (size_t)1 << 31, 1));
  ck_assert_int_eq(map_get(&m, "MB", (size_t)1 << 31), -1);
  map_free(&m);
  ck_assert_uint_eq(m.count, 0);
  ck_assert_int_eq(map_get(&m, "MB", 2), -1); /* freed: empty again, usable */
  ck_assert(map_put(&m, "x", 1, 1));
  map_free(&m);
}
END_TEST

/* Growth keeps every entry, owned and borrowed alike. */
START_TEST(test_growth) {
  static char borrowed[5000][8];
  map m;
  map_init(&m);
  for (int i = 0; i < 5000; i++) {
    char k[16];
    snprintf(k, sizeof k, "k%d", i);
    ck_assert(map_put(&m, k, strlen(k), i));
    snprintf(borrowed[i], sizeof borrowed[i], "b%d", i);
    ck_assert(map_put_ref(&m, borrowed[i], strlen(borrowed[i]), -i - 2));
  }
  ck_assert_uint_eq(m.count, 10000);
  ck_assert_uint_le(m.count * 2, m.cap); /* load at most 50 % */
  for (int i = 0; i < 5000; i++) {
    char k[16];
    snprintf(k, sizeof k, "k%d", i);
    ck_assert_int_eq(map_get(&m, k, strlen(k)), i);
    snprintf(k, sizeof k, "b%d", i);
    ck_assert_int_eq(map_get(&m, k, strlen(k)), -i - 2);
  }
  map_free(&m); /* frees the copies only: freeing a static key would crash */
}
END_TEST

/* A borrowed key is used in place (not copied), and replacing its value
 * through another string with the same bytes keeps the first key. */
START_TEST(test_ref_in_place) {
  static char key[] = "photo";
  static const char other[] = "photo";
  map m;
  map_init(&m);
  ck_assert(map_put_ref(&m, key, 5, 1));
  ck_assert(map_put_ref(&m, other, 5, 2));
  ck_assert_uint_eq(m.count, 1);
  ck_assert_int_eq(map_get(&m, "photo", 5), 2);
  size_t i = 0;
  while (i < m.cap && !m.slots[i].key) i++;
  ck_assert_ptr_eq(m.slots[i].key, key);
  ck_assert(!m.slots[i].owned);
  ck_assert(map_put(&m, "photo", 5, 3)); /* an owned put of a borrowed key: still the same entry */
  ck_assert_int_eq(map_get(&m, "photo", 5), 3);
  ck_assert_ptr_eq(m.slots[i].key, key);
  map_free(&m);
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("map");
  TCase *tc = tcase_create("map");
  tcase_add_test(tc, test_put_get_replace);
  tcase_add_test(tc, test_growth);
  tcase_add_test(tc, test_ref_in_place);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
