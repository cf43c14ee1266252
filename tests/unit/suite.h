/* SPDX-License-Identifier: GPL-3.0-or-later */
/* suite.h -- shared scaffolding of the Check suites (one per module). */
#ifndef DS_TEST_SUITE_H
#define DS_TEST_SUITE_H

#include <check.h>
#include <stdlib.h>

/* Each test file defines `static Suite *make_suite(void)` and ends with
 * SUITE_MAIN. The runner prints Check's summary line and exits non-zero on
 * any failure. */
#define SUITE_MAIN                                                                                                     \
  int main(void) {                                                                                                     \
    SRunner *sr = srunner_create(make_suite());                                                                        \
    srunner_run_all(sr, CK_NORMAL);                                                                                    \
    int failed = srunner_ntests_failed(sr);                                                                            \
    srunner_free(sr);                                                                                                  \
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;                                                                       \
  }

/* Adds a table-driven loop test: `fn` runs once per row index. */
#define SUITE_LOOP(tc, fn, table) tcase_add_loop_test((tc), (fn), 0, (int)(sizeof(table) / sizeof((table)[0])))

/* A fresh context per test: `ctx`, with setup() and teardown() for
 * tcase_add_checked_fixture. Needs "datascale.h". */
#define SUITE_CTX_FIXTURE                                                                                              \
  static ds_ctx *ctx;                                                                                                  \
  static void setup(void) {                                                                                            \
    ctx = ds_ctx_new();                                                                                                \
    ck_assert_ptr_nonnull(ctx);                                                                                        \
  }                                                                                                                    \
  static void teardown(void) {                                                                                         \
    ds_ctx_free(ctx);                                                                                                  \
    ctx = NULL;                                                                                                        \
  }

/* A fresh context per test with a statement result `o` and an error `e`:
 * setup_out() and teardown_out() for tcase_add_checked_fixture, and
 * run(src), which runs one line into o (cleared first) and returns its
 * status. Needs "ctx.h" and "stmt.h" (and <string.h>). */
#define SUITE_STMT_FIXTURE                                                                                             \
  SUITE_CTX_FIXTURE                                                                                                    \
  static stmt_result o;                                                                                                \
  static err e;                                                                                                        \
  static void setup_out(void) {                                                                                        \
    setup();                                                                                                           \
    stmt_result_init(&o);                                                                                              \
    err_clear(&e);                                                                                                     \
  }                                                                                                                    \
  static void teardown_out(void) {                                                                                     \
    stmt_result_clear(&o);                                                                                             \
    teardown();                                                                                                        \
  }                                                                                                                    \
  static int run(const char *src) {                                                                                    \
    stmt_result_clear(&o);                                                                                             \
    stmt_result_init(&o);                                                                                              \
    err_clear(&e);                                                                                                     \
    return stmt_line(&ctx->env, &ctx->defs, src, strlen(src), &o, &e);                                                 \
  }

#endif
