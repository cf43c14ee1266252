/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_json.c -- JSON Lines pieces: string escapes, invalid UTF-8 replaced
 * by U+FFFD, keys, and doubles in the shortest form that reads back. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "suite.h"

#define FFFD "\xef\xbf\xbd"

static const struct {
  const char *in;
  size_t len;
  const char *want;
} strs[] = {
    {"abc", 3, "\"abc\""},
    {"", 0, "\"\""},
    {"a\"b", 3, "\"a\\\"b\""},
    {"a\\b", 3, "\"a\\\\b\""},
    {"/", 1, "\"/\""},
    {"\n\r\t", 3, "\"\\n\\r\\t\""},
    {"\x01\x1f", 2, "\"\\u0001\\u001f\""},
    {"\x7f", 1, "\"\\u007f\""},
    {"a\0b", 3, "\"a\\u0000b\""}, /* NUL inside: length counts */
    {"\x08\x0c", 2, "\"\\u0008\\u000c\""},
    {"\xc2\xb5\xc3\x97\xe2\x89\x88", 7, "\"\xc2\xb5\xc3\x97\xe2\x89\x88\""}, /* µ×≈ kept */
    {"\xf0\x9f\x98\x80", 4, "\"\xf0\x9f\x98\x80\""},                         /* U+1F600 kept */
    {"\xff", 1, "\"" FFFD "\""},
    {"a\xc0\xaf"
     "b",
     4, "\"a" FFFD FFFD "b\""},                             /* overlong: each byte replaced */
    {"\xe2\x82", 2, "\"" FFFD FFFD "\""},                   /* truncated at the end */
    {"\xe2\x82x", 3, "\"" FFFD FFFD "x\""},                 /* truncated before ASCII */
    {"\xed\xa0\x80", 3, "\"" FFFD FFFD FFFD "\""},          /* surrogate */
    {"\xf4\x90\x80\x80", 4, "\"" FFFD FFFD FFFD FFFD "\""}, /* > U+10FFFF */
    {"\x80z", 2, "\"" FFFD "z\""},                          /* lone continuation */
    {"ok\xc3", 3, "\"ok" FFFD "\""},
    {"\"\xff\"", 3, "\"\\\"" FFFD "\\\"\""},
};

START_TEST(test_string) {
  buf b;
  buf_init(&b, 1 << 16);
  json_string(&b, strs[_i].in, strs[_i].len);
  ck_assert(!b.failed);
  ck_assert_uint_eq(b.len, strlen(strs[_i].want));
  ck_assert_msg(memcmp(b.s, strs[_i].want, b.len) == 0, "row %d: got %s, want %s", _i, b.s, strs[_i].want);
  buf_free(&b);
}
END_TEST

/* Valid UTF-8 is never replaced: U+0085 and U+2028 are valid characters
 * (JSON allows them raw; an escape is fine too). */
static const struct {
  const char *in;
  const char *raw, *escaped;
} valid[] = {
    {"\xc2\x85", "\"\xc2\x85\"", "\"\\u0085\""},
    {"\xe2\x80\xa8", "\"\xe2\x80\xa8\"", "\"\\u2028\""},
    {"\xe2\x80\xa9", "\"\xe2\x80\xa9\"", "\"\\u2029\""},
    {"\xc2\x9f", "\"\xc2\x9f\"", "\"\\u009f\""},
};

START_TEST(test_string_valid_controls) {
  buf b;
  buf_init(&b, 1 << 16);
  json_string(&b, valid[_i].in, strlen(valid[_i].in));
  /* (Regression: json_string once checked each sequence with
   * lex_check_encoding, which refuses C1 controls and U+2028 in an input
   * line, and wrote one U+FFFD per byte.) */
  ck_assert_msg(strcmp(b.s, valid[_i].raw) == 0 || strcmp(b.s, valid[_i].escaped) == 0, "row %d: got %s", _i, b.s);
  buf_free(&b);
}
END_TEST

/* U+2028 and U+2029 end a line in JavaScript before ES2019 and in some
 * line readers: they are always escaped, so a JSON Lines row stays one line. */
START_TEST(test_string_line_separators) {
  buf b;
  buf_init(&b, 1 << 16);
  json_string(&b,
              "a"
              "\xe2\x80\xa8"
              "b"
              "\xe2\x80\xa9"
              "c"
              "\xe2\x80\xaa",
              12);
  ck_assert_str_eq(b.s, "\"a\\u2028b\\u2029c"
                        "\xe2\x80\xaa"
                        "\""); /* U+202A is left alone */
  buf_free(&b);
}
END_TEST

START_TEST(test_key) {
  buf b;
  buf_init(&b, 1 << 16);
  json_key(&b, "ok", true);
  buf_puts(&b, "true");
  json_key(&b, "x\"y", false);
  buf_puts(&b, "1");
  ck_assert_str_eq(b.s, "\"ok\":true,\"x\\\"y\":1");
  buf_free(&b);
}
END_TEST

static const struct {
  double d;
  const char *want;
} dbls[] = {
    {0.1, "0.1"},
    {1.0, "1"},
    {0.0, "0"},
    {-2.5, "-2.5"},
    {1400000.0, "1400000"},
    {1e21, "1e+21"},
    {1e-7, "1e-07"},
    {0.30000000000000004, "0.30000000000000004"},
    {1.0 / 3.0, "0.3333333333333333"},
    {2.0 / 3.0, "0.6666666666666666"},
    {123456789012345680000.0, "1.2345678901234568e+20"},
    {1.7976931348623157e308, "1.7976931348623157e+308"},
    {2.2250738585072014e-308, "2.2250738585072014e-308"},
    {9007199254740993.0, "9007199254740992"},
};

START_TEST(test_double) {
  buf b;
  buf_init(&b, 1 << 16);
  json_double(&b, dbls[_i].d);
  ck_assert_str_eq(b.s, dbls[_i].want);
  ck_assert(strtod(b.s, NULL) == dbls[_i].d); /* reads back the same */
  buf_free(&b);
}
END_TEST

/* Not finite: null (JSON has no inf or nan). */
START_TEST(test_double_nonfinite) {
  const double v[] = {INFINITY, -INFINITY, NAN};
  for (size_t i = 0; i < 3; i++) {
    buf b;
    buf_init(&b, 1 << 16);
    json_double(&b, v[i]);
    ck_assert_str_eq(b.s, "null");
    buf_free(&b);
  }
}
END_TEST

/* Subnormals are shortest too: 5e-324 (the smallest double), not the
 * 15-digit "4.94065645841247e-324". */
START_TEST(test_double_subnormal) {
  buf b;
  buf_init(&b, 1 << 16);
  double d = 5e-324;
  json_double(&b, d);
  char got[64];
  snprintf(got, sizeof got, "%s", b.s);
  buf_free(&b); /* before asserting: no leak when it fails */
  ck_assert(strtod(got, NULL) == d);
  /* Regression (fixed in a8b9668): json_double started at 15 significant
   * digits, which is the shortest only for normal doubles. */
  ck_assert_str_eq(got, "5e-324");
}
END_TEST

/* Every output reads back exactly, over many values. */
START_TEST(test_double_roundtrip) {
  unsigned long long x = 88172645463325252ULL;
  for (int i = 0; i < 20000; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    double d;
    memcpy(&d, &x, sizeof d);
    if (!isfinite(d)) continue;
    buf b;
    buf_init(&b, 1 << 16);
    json_double(&b, d);
    ck_assert_msg(strtod(b.s, NULL) == d, "%.17g printed as %s", d, b.s);
    ck_assert_uint_le(b.len, 24);
    ck_assert(strchr(b.s, 'n') == NULL && strchr(b.s, 'i') == NULL);
    buf_free(&b);
  }
}
END_TEST

/* The cap of a buffer: appends up to it succeed (across growth), the
 * first byte past it fails the buffer, and later appends, even ones that
 * would fit in the memory it has, do nothing. */
START_TEST(test_buf_cap) {
  static const size_t caps[] = {1, 10, 63, 64, 65, 100, 200};
  for (size_t k = 0; k < sizeof caps / sizeof caps[0]; k++) {
    size_t max = caps[k];
    buf b;
    buf_init(&b, max);
    for (size_t i = 0; i < max; i++) buf_putc(&b, (char)('a' + i % 26));
    ck_assert(!b.failed);
    ck_assert_uint_eq(b.len, max);
    ck_assert_uint_eq(strlen(b.s), max);
    buf_putc(&b, 'x');
    ck_assert(b.failed);
    ck_assert_uint_eq(b.len, max);
    buf_add(&b, "", 0);
    buf_puts(&b, "y");
    ck_assert_uint_eq(b.len, max);
    ck_assert_ptr_null(buf_take(&b));
    buf_init(&b, max);
    if (max >= 3) {
      buf_puts(&b, "abc");
      buf_add(&b, "0123456789", max - 3 < 10 ? max - 3 : 10);
      ck_assert(!b.failed);
    }
    buf_free(&b);
  }
  buf b;
  buf_init(&b, 100);
  buf_puts(&b, "0123456789012345678901234567890123456789012345678901234567890123456789");
  buf_add(&b, "012345678901234567890123456789", 30);
  ck_assert(!b.failed);
  ck_assert_uint_eq(b.len, 100);
  buf_add(&b, "z", 1);
  ck_assert(b.failed);
  ck_assert_uint_eq(b.len, 100);
  buf_free(&b);
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("json");
  TCase *tc = tcase_create("strings");
  SUITE_LOOP(tc, test_string, strs);
  SUITE_LOOP(tc, test_string_valid_controls, valid);
  tcase_add_test(tc, test_string_line_separators);
  tcase_add_test(tc, test_key);
  suite_add_tcase(s, tc);
  tc = tcase_create("doubles");
  SUITE_LOOP(tc, test_double, dbls);
  tcase_add_test(tc, test_double_nonfinite);
  tcase_add_test(tc, test_double_subnormal);
  tcase_add_test(tc, test_double_roundtrip);
  suite_add_tcase(s, tc);
  tc = tcase_create("buffers");
  tcase_add_test(tc, test_buf_cap);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
