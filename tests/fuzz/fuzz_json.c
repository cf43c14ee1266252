/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_json.c -- libFuzzer target: the JSON Lines writer.
 *
 * The input is a small batch: up to 32 lines (split at '\n'), evaluated in
 * order in one session, as `datascale --json -f FILE` does, so assignments,
 * ans, reset and catalogue overrides meet the writer. Every row, errors
 * included, must be one valid JSON object (jsoncheck.c) whose "input",
 * "text", "value", "exact", "ok" and "error" members decode to exactly what
 * the accessors return, with the batch line number in errors. The context
 * puts --exact expansions and the Markdown derivation into the rows, so
 * long multi-line text goes through the escaper too.
 */
#include <string.h>

#include "fuzz.h"

#define FUZZ_JSON_MAX_LINES 32

static ds_ctx *fuzz_session;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *src = (const char *)data;
  if (!fuzz_session) {
    fuzz_session = fuzz_ctx_new();
    ds_ctx_set_style(fuzz_session, DS_STYLE_EXACT);
    ds_ctx_set_explain(fuzz_session, 2);
  }
  size_t at = 0;
  for (long line = 1; line <= FUZZ_JSON_MAX_LINES && at <= size; line++) {
    const char *nl = memchr(src + at, '\n', size - at);
    size_t len = nl ? (size_t)(nl - (src + at)) : size - at;
    ds_result *r = NULL;
    int st = ds_eval(fuzz_session, src + at, len, &r);
    fuzz_check_result(fuzz_session, src + at, len, st, r, line);
    ds_result_free(r);
    if (!nl) break;
    at += len + 1;
  }
  if (fuzz_changes_registry(src, size)) {
    ds_ctx_free(fuzz_session);
    fuzz_session = NULL;
  } else {
    fuzz_ctx_rewind(fuzz_session);
  }
  return 0;
}
