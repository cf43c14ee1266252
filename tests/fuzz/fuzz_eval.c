/*
 * fuzz_eval.c -- libFuzzer target: one input is one line through ds_eval.
 *
 * The line goes through the lexer, the parser and the evaluator twice: in a
 * context with the default settings, and in one with the other reading of
 * KB..YB, --exact style, explanations, no warnings (which must then be
 * absent) and the largest nesting limit the API allows (5000). Each result and its JSON row are checked by
 * fuzz_check_result(). The line is then evaluated again after rewinding the
 * context, and must give the same row (determinism; uninitialised memory
 * shows up here). Short inputs also go through the listing and conversion
 * entry points (ds_ctx_completions, ds_ctx_units, ds_convert_many).
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static ds_ctx *fuzz_plain, *fuzz_fancy;

static void fuzz_setup(void) {
  if (!fuzz_plain) fuzz_plain = fuzz_ctx_new();
  if (!fuzz_fancy) {
    fuzz_fancy = fuzz_ctx_new();
    ds_ctx_set_binary(fuzz_fancy, 1);
    ds_ctx_set_style(fuzz_fancy, DS_STYLE_EXACT);
    ds_ctx_set_explain(fuzz_fancy, 2);
    ds_ctx_set_warnings(fuzz_fancy, 0);
    ds_ctx_limit(fuzz_fancy, DS_LIMIT_DEPTH, 5000);
    ds_ctx_limit(fuzz_fancy, DS_LIMIT_DIGITS, 3);
    ds_ctx_limit(fuzz_fancy, DS_LIMIT_PRECISION, 53);
  }
}

static void fuzz_listings(ds_ctx *ctx, const char *src, size_t size) {
  char *z = malloc(size + 1);
  FUZZ_CHECK(z != NULL, "out of memory in the fuzz target");
  memcpy(z, src, size);
  z[size] = 0;
  if (z[0]) {
    char *c = ds_ctx_completions(ctx, z);
    if (c) fuzz_check_text("ds_ctx_completions", c);
    ds_free(c);
  }
  char *u = ds_ctx_units(ctx, z);
  if (u) fuzz_check_text("ds_ctx_units", u);
  ds_free(u);
  double in[4] = {1, 0.5, -3e300, 1e-300}, out[4];
  int st = ds_convert_many(ctx, in, out, 4, z, "B");
  FUZZ_CHECK(st == DS_OK || ds_ctx_errmsg(ctx)[0], "ds_convert_many failed (%d) without a message", st);
  fuzz_check_text("ds_ctx_errmsg after ds_convert_many", ds_ctx_errmsg(ctx));
  st = ds_convert_many(ctx, in, out, 4, "MB", z);
  FUZZ_CHECK(st == DS_OK || ds_ctx_errmsg(ctx)[0], "ds_convert_many failed (%d) without a message", st);
  fuzz_check_text("ds_ctx_errmsg after ds_convert_many", ds_ctx_errmsg(ctx));
  free(z);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *src = (const char *)data;
  fuzz_setup();
  int registry = fuzz_changes_registry(src, size);

  ds_result *r = NULL;
  int st = ds_eval(fuzz_plain, src, size, &r);
  fuzz_check_result(fuzz_plain, src, size, st, r, 0);
  if (!registry) {
    /* Same state, same line: the same row. */
    char *j1 = ds_result_json(r, 3);
    fuzz_ctx_rewind(fuzz_plain);
    ds_result *r2 = NULL;
    int st2 = ds_eval(fuzz_plain, src, size, &r2);
    char *j2 = ds_result_json(r2, 3);
    FUZZ_CHECK(st2 == st && j1 && j2 && strcmp(j1, j2) == 0, "not deterministic: status %d then %d\n%s\n%s", st,
               st2, j1 ? j1 : "(null)", j2 ? j2 : "(null)");
    ds_free(j1);
    ds_free(j2);
    ds_result_free(r2);
  }
  ds_result_free(r);

  r = NULL;
  st = ds_eval(fuzz_fancy, src, size, &r);
  fuzz_check_result(fuzz_fancy, src, size, st, r, 1);
  FUZZ_CHECK(ds_result_warning_count(r) == 0, "%zu warnings with warnings off", ds_result_warning_count(r));
  ds_result_free(r);

  if (size <= 64 && !registry) fuzz_listings(fuzz_plain, src, size);

  if (registry) {
    ds_ctx_free(fuzz_plain);
    ds_ctx_free(fuzz_fancy);
    fuzz_plain = fuzz_fancy = NULL;
  } else {
    fuzz_ctx_rewind(fuzz_plain);
    fuzz_ctx_rewind(fuzz_fancy);
  }
  return 0;
}
