/* SPDX-License-Identifier: GPL-3.0-or-later */
/* numeric.c -- the library under a comma-decimal locale: a program that
 * calls setlocale(LC_ALL, "de_DE.UTF-8") gets the same JSON rows, values
 * and answers as one in the C locale. Run by tests/locale.sh; exits 77
 * when the locale is not installed. */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "datascale.h"
#include "json.h"

static int failures;

static void expect(int ok, const char *what, const char *got) {
  if (!ok) {
    failures++;
    printf("FAIL: %s: got %s\n", what, got ? got : "(null)");
  } else {
    printf("ok - %s\n", what);
  }
}

/* The JSON row of one line in ctx. */
static char *row(ds_ctx *ctx, const char *line, double *value) {
  ds_result *r = NULL;
  ds_eval(ctx, line, strlen(line), &r);
  if (!r) return NULL;
  if (value) *value = ds_result_value(r);
  char *j = ds_result_json(r, 0);
  ds_result_free(r);
  return j;
}

static const struct {
  const char *line, *want; /* want: a piece of its JSON row */
} rows[] = {
    {"1400 TB to TiB", "\"value\":1273.2925824820995,\"exact\":\"42724609375/33554432\""},
    {"1.5 MB", "\"value\":1.5,"},
    {"2.86 MB * 3", "\"value\":8.58,"},
    {"0.1", "\"value\":0.1,"},
    {"1e-300", "\"value\":1e-300,"},
    {"1 MB .. 2.5 MB", "\"low\":1,\"high\":2.5,"},
    {"1400 TB / 490 million to MB", "\"value\":2.857142857142857,"},
};

int main(void) {
  if (!setlocale(LC_ALL, "de_DE.UTF-8") && !setlocale(LC_ALL, "de_DE.utf8")) {
    puts("SKIP: the de_DE.UTF-8 locale is not installed");
    return 77;
  }
  const struct lconv *lc = localeconv();
  if (strcmp(lc->decimal_point, ",") != 0) {
    printf("SKIP: de_DE.UTF-8 has the decimal point '%s', not ','\n", lc->decimal_point);
    return 77;
  }
  char probe[32];
  snprintf(probe, sizeof probe, "%.1f", 1.5);
  expect(strcmp(probe, "1,5") == 0, "the C library writes 1,5 in this locale", probe);

  ds_ctx *ctx = ds_ctx_new();
  if (!ctx) return 1;
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    char *j = row(ctx, rows[i].line, NULL);
    char what[128];
    snprintf(what, sizeof what, "the row of '%s' has %s", rows[i].line, rows[i].want);
    expect(j && strstr(j, rows[i].want) != NULL, what, j);
    free(j);
  }
  /* The value reads the same: 1.5 is one and a half, not 15 or an error. */
  double v = 0;
  free(row(ctx, "1.5 MB to kB", &v));
  expect(v == 1500, "1.5 MB to kB is 1500", NULL);
  /* A double of every kind: the text has a point, reads back the same in
   * the C locale, and holds no comma. */
  static const double ds[] = {0.5, -0.25, 1e-5, 123456.789, 1.7976931348623157e308, 4.9e-324, 3.14159, 1e21};
  for (size_t i = 0; i < sizeof ds / sizeof ds[0]; i++) {
    buf b;
    buf_init(&b, 1 << 10);
    json_double(&b, ds[i]);
    char text[64];
    snprintf(text, sizeof text, "%s", b.s ? b.s : "");
    buf_free(&b);
    setlocale(LC_NUMERIC, "C");
    double back = strtod(text, NULL);
    setlocale(LC_NUMERIC, "de_DE.UTF-8");
    char what[96];
    snprintf(what, sizeof what, "json_double of double %zu reads back in the C locale", i);
    expect(!strchr(text, ',') && back == ds[i], what, text);
  }
  ds_ctx_free(ctx);
  printf("%s\n", failures ? "FAILED" : "all passed");
  return failures ? 1 : 0;
}
