/* test_word.c -- the sentences of a result: whole lines through the
 * statement runner and word_result, the verdict words of a claim check and
 * the note on the other reading of KB..YB. */
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "stmt.h"
#include "suite.h"
#include "word.h"

#define APPROX "\xe2\x89\x88 "

/* Whole lines through stmt_line and word_result. */
static const struct {
  const char *src;
  const char *text;
  const char *unit;
} lines[] = {
    {"1400 TB to GB", "1,400,000 GB", "GB"},
    {"1 GB / 2 s", "500 MB/s", "MB/s"},
    {"5 Mbit/s * 1 hour", "18 Gbit", "Gbit"},
    {"1000 kB", "1 MB", "MB"},                      /* the prefix moves up, no "1000 kB" */
    {"999999999 B", "999.999999 MB", "MB"},         /* exact and short */
    {"(999999999 + 1/3) B", APPROX "1 GB", "GB"},   /* rounds to 1000 MB: shown as 1 GB */
    {"1024 KiB to iec", "1 MiB", "MiB"},
    {"(1 .. 5) * (-2 .. 3)", "between -10 and 15", ""},
    {"20/7", APPROX "2.85714", ""},
    {"2.86 * 100", "286", ""},
    {"90 min", "1.5 hours", "hours"},
    {"x = 3 MB", "x = 3 MB", "MB"},
};

START_TEST(test_lines) {
  ds_ctx *ctx = ds_ctx_new();
  ck_assert_ptr_nonnull(ctx);
  eval_out o;
  word_out f;
  err e;
  eval_out_init(&o);
  word_out_init(&f);
  err_clear(&e);
  int st = stmt_line(&ctx->env, &ctx->defs, lines[_i].src, strlen(lines[_i].src), &o, &e);
  ck_assert_msg(st == DS_OK, "'%s': %s", lines[_i].src, e.msg);
  word_opts fo = {(int)ctx->s.limits[DS_LIMIT_DIGITS], ctx->s.style, ctx->s.binary, &ctx->s.reg};
  ck_assert_int_eq(word_result(&fo, &o, &f), DS_OK);
  ck_assert_msg(strcmp(f.text, lines[_i].text) == 0, "'%s' -> '%s', want '%s'", lines[_i].src, f.text,
                lines[_i].text);
  ck_assert_str_eq(f.unit, lines[_i].unit);
  word_out_clear(&f);
  eval_out_clear(&o);
  ds_ctx_free(ctx);
}
END_TEST

/* The verdict of a relative difference: within 1 % holds, 5 % close. */
static const struct {
  long num, den;
  const char *text, *verdict;
} verdicts[] = {
    {0, 1, "0 %", "holds"},       {1, 100, "1 %", "holds"},   {-1, 100, "1 %", "holds"},
    {3, 100, "3 %", "close"},     {5, 100, "5 %", "close"},   {-51, 1000, "5.1 %", "off"},
    {35, 10, "350 %", "off"},     {1, 3, "33 %", "off"},
};

START_TEST(test_verdict) {
  mpq_t d;
  mpq_init(d);
  mpq_set_si(d, verdicts[_i].num, (unsigned long)verdicts[_i].den);
  mpq_canonicalize(d);
  buf b;
  buf_init(&b, 4096);
  const char *v = word_verdict(&b, d);
  ck_assert_str_eq(b.s, verdicts[_i].text);
  ck_assert_str_eq(v, verdicts[_i].verdict);
  buf_free(&b);
  mpq_clear(d);
}
END_TEST

/* The note on the other reading: only when it moves the number shown. */
static const struct {
  const char *src;
  const char *note; /* a part of the note, or NULL for none */
} notes[] = {
    {"1400 TB to GB", "TB and GB read as decimal (powers of 1000); if read as 1024-based the result is 1,433,600 GB"},
    {"1400 TB to TiB", "if read as 1024-based the result is 1,400 TiB"},
    {"2 MB", NULL},      /* 2 MB or 2 MiB: the same number shown */
    {"1 TiB to B", NULL}, /* no KB..YB spelling */
    {"1 KB to B", "if read as 1024-based the result is 1,024 B"},
};

START_TEST(test_note) {
  ds_ctx *ctx = ds_ctx_new();
  ck_assert_ptr_nonnull(ctx);
  eval_out o;
  word_out f;
  err e;
  eval_out_init(&o);
  word_out_init(&f);
  err_clear(&e);
  ck_assert_int_eq(stmt_line(&ctx->env, &ctx->defs, notes[_i].src, strlen(notes[_i].src), &o, &e), DS_OK);
  word_opts fo = {6, DS_STYLE_NORMAL, false, &ctx->s.reg};
  ck_assert_int_eq(word_result(&fo, &o, &f), DS_OK);
  char *n = word_reading_note(&fo, &o, &f);
  if (notes[_i].note) {
    ck_assert_msg(n && strstr(n, notes[_i].note), "'%s': note '%s'", notes[_i].src, n ? n : "(none)");
  } else {
    ck_assert_msg(!n, "'%s': unexpected note '%s'", notes[_i].src, n);
  }
  free(n);
  word_out_clear(&f);
  eval_out_clear(&o);
  ds_ctx_free(ctx);
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("word");
  TCase *tc = tcase_create("lines");
  SUITE_LOOP(tc, test_lines, lines);
  SUITE_LOOP(tc, test_verdict, verdicts);
  SUITE_LOOP(tc, test_note, notes);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
