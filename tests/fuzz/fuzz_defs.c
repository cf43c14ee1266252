/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_defs.c -- libFuzzer target: one input is a definitions file.
 *
 * The bytes go through ds_ctx_load_defs() as the file "fuzz.def" (the
 * syntax of data/units.def and the [item] blocks of data/catalog.def).
 *
 *  - A failed load must name FILE:LINE:COLUMN and keep nothing: the unit
 *    listing (ds_ctx_units) must be exactly what it was before.
 *  - A load that succeeds is followed by lines that use what it defined
 *    (the first name of each of the first lines: "3 NAME", "1 TB to NAME",
 *    "compare 3 NAME") and fixed lines that touch the catalogue; every
 *    result is checked like fuzz_eval's. The same file is then loaded a
 *    second time over itself, and if that fails the registry must again be
 *    as it was after the first load.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#define FUZZ_DEFS_NAMES 6

static ds_ctx *fuzz_defs_ctx;
static char *fuzz_defs_baseline; /* ds_ctx_units(NULL) of a fresh context */

static const char *const fuzz_defs_probes[] = {
    "1400 TB to photos",
    "1 GB to equivalents",
    "3 songs + 2 photos to MB",
    "1400 TB to photos range",
    "check 1400 TB = 490 million photos",
    "1 MiB/s * 1 day to auto",
    "1 widget",
};

/* The message of a failed load starts with FILE:LINE:COLUMN: where FILE is
 * this file, a built-in one or the "(session)". */
static void fuzz_defs_check_message(const char *msg, const char *src, size_t size) {
  static const char *const files[] = {"fuzz.def:", "units.def:", "catalog.def:"};
  const char *p = NULL;
  for (size_t i = 0; i < sizeof files / sizeof files[0] && !p; i++)
    if (strncmp(msg, files[i], strlen(files[i])) == 0) p = msg + strlen(files[i]);
  FUZZ_CHECK(p != NULL, "definitions error without FILE:LINE:COLUMN: \"%s\"", msg);
  char *end;
  long line = strtol(p, &end, 10);
  FUZZ_CHECK(end > p && *end == ':' && line >= 1, "definitions error without LINE: \"%s\"", msg);
  if (strncmp(msg, "fuzz.def:", 9) == 0) {
    unsigned long lines = 1;
    for (size_t i = 0; i < size; i++) lines += src[i] == '\n';
    FUZZ_CHECK((unsigned long)line <= lines, "line %ld in a file of %lu lines", line, lines);
  }
  p = end + 1;
  long col = strtol(p, &end, 10);
  FUZZ_CHECK(end > p && *end == ':' && col >= 1, "definitions error without COLUMN: \"%s\"", msg);
}

static void fuzz_defs_eval(ds_ctx *ctx, const char *line) {
  ds_result *r = NULL;
  size_t n = strlen(line);
  int st = ds_eval(ctx, line, n, &r);
  fuzz_check_result(ctx, line, n, st, r, 0);
  ds_result_free(r);
}

/* The first name of each of the first lines of src: a word before a space,
 * '/', '=' or the ']' of an item block. */
static void fuzz_defs_use_names(ds_ctx *ctx, const char *src, size_t size) {
  size_t at = 0;
  for (int k = 0; k < FUZZ_DEFS_NAMES && at < size; k++) {
    const char *nl = memchr(src + at, '\n', size - at);
    size_t len = nl ? (size_t)(nl - (src + at)) : size - at;
    const char *s = src + at;
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '[')) i++;
    size_t b = i;
    while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '/' && s[i] != '=' && s[i] != ']' && s[i] != '#' &&
           s[i] != 0)
      i++;
    if (i > b && i - b < 64) {
      char line[128];
      snprintf(line, sizeof line, "3 %.*s", (int)(i - b), s + b);
      fuzz_defs_eval(ctx, line);
      snprintf(line, sizeof line, "1 TB to %.*s", (int)(i - b), s + b);
      fuzz_defs_eval(ctx, line);
      snprintf(line, sizeof line, "compare 3 %.*s", (int)(i - b), s + b);
      fuzz_defs_eval(ctx, line);
    }
    at += len + 1;
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *src = (const char *)data;
  if (!fuzz_defs_baseline) {
    ds_ctx *c = fuzz_ctx_new();
    fuzz_defs_baseline = ds_ctx_units(c, NULL);
    FUZZ_CHECK(fuzz_defs_baseline != NULL, "ds_ctx_units returned NULL");
    ds_ctx_free(c);
  }
  if (!fuzz_defs_ctx) fuzz_defs_ctx = fuzz_ctx_new();
  ds_ctx *ctx = fuzz_defs_ctx;

  int st = ds_ctx_load_defs(ctx, src, size, "fuzz.def");
  FUZZ_CHECK(st == DS_OK || st == DS_E_DEFS, "ds_ctx_load_defs returned %d (%s): %s", st, ds_strerror(st),
             ds_ctx_errmsg(ctx));
  fuzz_check_text("ds_ctx_errmsg", ds_ctx_errmsg(ctx));
  if (st != DS_OK) {
    fuzz_defs_check_message(ds_ctx_errmsg(ctx), src, size);
    char *now = ds_ctx_units(ctx, NULL);
    FUZZ_CHECK(now && strcmp(now, fuzz_defs_baseline) == 0, "a failed load changed the unit listing");
    ds_free(now);
    /* The context is as new (reused for the next input). */
    return 0;
  }

  for (size_t i = 0; i < sizeof fuzz_defs_probes / sizeof fuzz_defs_probes[0]; i++)
    fuzz_defs_eval(ctx, fuzz_defs_probes[i]);
  fuzz_defs_use_names(ctx, src, size);
  char *first = ds_ctx_units(ctx, NULL);
  FUZZ_CHECK(first != NULL, "ds_ctx_units returned NULL");
  fuzz_check_text("ds_ctx_units", first);
  char *a = ds_ctx_assumptions(ctx);
  if (a) fuzz_check_text("ds_ctx_assumptions", a);
  ds_free(a);

  st = ds_ctx_load_defs(ctx, src, size, "fuzz.def");
  FUZZ_CHECK(st == DS_OK || st == DS_E_DEFS, "second ds_ctx_load_defs returned %d: %s", st, ds_ctx_errmsg(ctx));
  if (st != DS_OK) {
    fuzz_defs_check_message(ds_ctx_errmsg(ctx), src, size);
    char *now = ds_ctx_units(ctx, NULL);
    FUZZ_CHECK(now && strcmp(now, first) == 0, "a failed second load changed the unit listing");
    ds_free(now);
  }
  fuzz_defs_eval(ctx, fuzz_defs_probes[0]);
  ds_free(first);

  ds_ctx_free(ctx);
  fuzz_defs_ctx = NULL;
  return 0;
}
