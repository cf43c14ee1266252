/* SPDX-License-Identifier: GPL-3.0-or-later */
/* clash.c -- a program with functions and data named like libdatascale's
 * internals (buf_init, map_get, parse_line, ...), linked with the library
 * (statically when the archive is built). If the library exported those
 * names, the link would fail with duplicate definitions, or the library
 * would call these functions instead of its own. tests/symbols.sh runs it.
 * Sees the public header only, like any program. */
#include <stdio.h>
#include <string.h>

#include "datascale.h"

/* Same names as internals of the library, other meanings. */
int buf_init(int x);
int map_get(int x);
int parse_line(int x);
int eval_line(int x);
int units_lookup(int x);
int err_set(int x);
int buf_init(int x) { return x + 1; }
int map_get(int x) { return x + 2; }
int parse_line(int x) { return x + 3; }
int eval_line(int x) { return x + 4; }
int units_lookup(int x) { return x + 5; }
int err_set(int x) { return x + 6; }
const char ds_builtin_units[] = "not the library's units";

int main(void) {
  int mine = buf_init(0) + map_get(0) + parse_line(0) + eval_line(0) + units_lookup(0) + err_set(0);
  ds_ctx *ctx = ds_ctx_new();
  if (!ctx) {
    puts("ds_ctx_new failed");
    return 1;
  }
  const char *lines[] = {"1400 TB to GB", "photo = 4 MB", "2 photos to MB", "3 KiB to B"};
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
    ds_result *r = NULL;
    ds_eval(ctx, lines[i], strlen(lines[i]), &r);
    printf("%s => %s\n", lines[i], ds_result_text(r));
    ds_result_free(r);
  }
  ds_ctx_free(ctx);
  printf("own functions: %d; own data: %s\n", mine, ds_builtin_units);
  return 0;
}
