/* test_shape.c -- what the way a line is written tells its wording: the
 * units a line divides by (with variables read as written). Lines run
 * through stmt_line. */
#include <stdio.h>
#include <string.h>

#include "ctx.h"
#include "shape.h"
#include "stmt.h"
#include "suite.h"

SUITE_CTX_FIXTURE

static stmt_result o;
static err e;

static void setup_out(void) {
  setup();
  stmt_result_init(&o);
  err_clear(&e);
}

static void teardown_out(void) {
  stmt_result_clear(&o);
  teardown();
}

static int run(const char *src) {
  stmt_result_clear(&o);
  stmt_result_init(&o);
  err_clear(&e);
  return stmt_line(&ctx->env, &ctx->defs, src, strlen(src), &o, &e);
}

/* The units per, as "name:word:s|w" joined by spaces, in the order of
 * their dimensions. */
static void pers(char *out, size_t size) {
  size_t k = 0;
  out[0] = 0;
  const shape_line *sh = o.kind == STMT_VALUE ? o.u.value.shape : NULL;
  for (int d = 0; d < DIM_MAX && sh; d++)
    for (int i = 0; i < sh->nper && k < size; i++)
      if (sh->per[i].dim == d)
        k += (size_t)snprintf(out + k, size - k, "%s%s:%s:%c", k ? " " : "", sh->per[i].name, sh->per[i].word,
                              sh->per[i].symbol ? 's' : 'w');
}

static const struct {
  const char *pre; /* a line run first, or NULL */
  const char *line;
  const char *want;
} per_rows[] = {
    {NULL, "1400 TB / 6 months", "month:month:w"},
    {NULL, "1400 TB per 6 months", "month:month:w"},
    {NULL, "1400 TB / 6 mo", "mo:month:s"},
    {NULL, "5 GB / 3 hrs", "hr:hour:s"},
    {NULL, "$0.018 per GB per month", "GB:gigabyte:s month:month:w"},
    {NULL, "$0.018 per gigabytes per month", "gigabyte:gigabyte:w month:month:w"},
    {NULL, "1 MB / 1 ms", "ms:millisecond:s"},
    {NULL, "$15/h * 8 h/day", "day:day:w"}, /* one unit a dimension: the last below the line */
    {NULL, "$5 per photo", "photo:photo:w"},
    {NULL, "1400 TB / 14 million people", "person:person:w"},
    {NULL, "1400 TB * (1 / month)", "month:month:w"},
    {NULL, "1400 TB / (1 / month)", ""}, /* twice below: above the line */
    {NULL, "1400 TB * 6 months", ""},
    {NULL, "100 Mbps", ""}, /* bit/s: not one dimension */
    {NULL, "sqrt(4 MB^2) / 2", ""},
    {NULL, "2^(1 s / 1 s) MB", ""}, /* an exponent is no unit of the line's */
    {NULL, "1400 TB / 6 months to GB/s", ""}, /* a unit asked for: nothing to find */
    {"rate = 1400 TB / 6 months", "rate * 2", "month:month:w"},
    {"rate = 1400 TB / 6 months", "1 / rate", "TB:terabyte:s"},
    {"azure = $0.018 / GB / month", "1400 TB * azure", "GB:gigabyte:s month:month:w"},
    {"photo = 4 MB", "$5 / photos", "photo:photo:w"},           /* a size: counted by its name */
    {"period = 6 months", "1400 TB / period", "month:month:w"}, /* else read as written */
};

START_TEST(test_per) {
  if (per_rows[_i].pre) ck_assert_msg(run(per_rows[_i].pre) == DS_OK, "%s", e.msg);
  ck_assert_msg(run(per_rows[_i].line) == DS_OK, "'%s': %s", per_rows[_i].line, e.msg);
  char got[512];
  pers(got, sizeof got);
  ck_assert_msg(strcmp(got, per_rows[_i].want) == 0, "'%s': '%s', want '%s'", per_rows[_i].line, got,
                per_rows[_i].want);
}
END_TEST

/* A variable that names itself in its text is read a few levels deep only. */
START_TEST(test_per_var_loop) {
  ck_assert(run("a = 5 MB / month") == DS_OK);
  ck_assert(run("b = a * 2") == DS_OK);
  ck_assert(run("a = b * 2") == DS_OK); /* a's text now names b, whose names a */
  ck_assert(run("a / 3") == DS_OK);
  ck_assert(o.u.value.shape == NULL || o.u.value.shape->nper <= 1);
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("shape");
  TCase *tc = tcase_create("shape");
  tcase_add_checked_fixture(tc, setup_out, teardown_out);
  SUITE_LOOP(tc, test_per, per_rows);
  tcase_add_test(tc, test_per_var_loop);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
