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

#endif
