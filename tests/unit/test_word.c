/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_word.c -- the sentences of a result: whole lines of each kind
 * through the statement runner and word_result (values, claim checks,
 * reset), the verdict words of a claim check, the words of growth's
 * period, and the note on the other reading of KB..YB. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "stmt.h"
#include "suite.h"
#include "note.h"

#define APPROX "\xe2\x89\x88 "

/* A fresh context per test, and the line run in it with its wording. */
SUITE_CTX_FIXTURE
static stmt_result o;
static word_out f;

static void setup_line(void) {
  setup();
  stmt_result_init(&o);
  word_out_init(&f);
}

static void teardown_line(void) {
  word_out_clear(&f);
  stmt_result_clear(&o);
  teardown();
}

/* Whole lines through stmt_line and word_result. */
static const struct {
  const char *src;
  const char *text;
  const char *unit;
} lines[] = {
    {"1400 TB to GB", "1,400,000 GB", "GB"},
    {"1 GB / 2 s", "500 MB/s", "MB/s"},
    {"5 Mbit/s * 1 hour", "18 Gbit", "Gbit"},
    {"1000 kB", "1 MB", "MB"},                    /* the prefix moves up, no "1000 kB" */
    {"999999999 B", "999.999999 MB", "MB"},       /* exact and short */
    {"(999999999 + 1/3) B", APPROX "1 GB", "GB"}, /* rounds to 1000 MB: shown as 1 GB */
    {"1024 KiB to iec", "1 MiB", "MiB"},
    {"(1 .. 5) * (-2 .. 3)", "between -10 and 15", ""},
    {"20/7", APPROX "2.85714", ""},
    {"2.86 * 100", "286", ""},
    {"90 min", "1.5 hours", "hours"},
    {"x = 3 MB", "x = 3 MB", "MB"},
};

/* Runs the lines of `pre` (separated by ';'), then src through stmt_line
 * into o and word_result into f. */
static void word_line(const char *pre, const char *src) {
  char p[256];
  snprintf(p, sizeof p, "%s", pre);
  for (char *t = strtok(p, ";"); t; t = strtok(NULL, ";")) ck_assert_int_eq(ds_eval(ctx, t, strlen(t), NULL), DS_OK);
  err e;
  err_clear(&e);
  ck_assert_msg(stmt_line(&ctx->env, &ctx->defs, src, strlen(src), &o, &e) == DS_OK, "'%s': %s", src, e.msg);
  word_opts fo = word_opts_of(&ctx->s);
  ck_assert_int_eq(word_result(&fo, &o, &f), DS_OK);
}

START_TEST(test_lines) {
  word_line("", lines[_i].src);
  ck_assert_msg(strcmp(f.text, lines[_i].text) == 0, "'%s' -> '%s', want '%s'", lines[_i].src, f.text, lines[_i].text);
  ck_assert_str_eq(f.unit, lines[_i].unit);
}
END_TEST

#define ARROW "\xe2\x80\x94" /* — */
#define TIMES "\xc3\x97"     /* × */
#define ABOUT "\xe2\x89\x88" /* ≈ */

/* Sentences of the kinds with words of their own, after the lines of `pre`
 * (separated by ';'): claim checks (the value of each is in test_stmt),
 * and the answers of reset. */
static const struct {
  const char *pre, *src;
  const char *text;
} sentences[] = {
    /* claim checks (their figures are in test_stmt), and the answers of reset */
    {"", "check 1400 TB = 1400 TB", "1,400 TB equals 1,400 TB; the claim is exact " ARROW " holds."},
    {"", "check 1400 TB = 1410 TB", "1,400 TB is 0.993 " TIMES " 1,410 TB; the claim is 0.71 % high " ARROW " holds."},
    {"", "check 1400 TB = 1450 TB", "1,400 TB is 0.966 " TIMES " 1,450 TB; the claim is 3.6 % high " ARROW " off."},
    {"", "check 1400 TB = 1350 TB", "1,400 TB is 1.04 " TIMES " 1,350 TB; the claim is 3.6 % low " ARROW " off."},
    {"", "check 1400 TB = 2000 TB", "1,400 TB is 0.7 " TIMES " 2,000 TB; the claim is 43 % high " ARROW " off."},
    {"", "check 3 = 2 * 1.5", "3 is 2 " TIMES " 1.5; the claim (2 " TIMES ") is exact " ARROW " holds."},
    {"", "check 1400 TB = 4 * 400 TB",
     "1,400 TB is 3.5 " TIMES " 400 TB; the claim (4 " TIMES ") is 14 % high " ARROW " off."},
    {"", "check 1 GB = 1000 MB", "1 GB equals 1,000 MB; the claim is exact " ARROW " holds."},
    {"", "check 1400 TB = 490 million photos",
     "1,400 TB = 490 million photos implies " ABOUT " 2.86 MB per photo, inside the plausible range of a photo (2 MB "
     ".. 5 MB). At the assumed 3 MB per photo, 1,400 TB is " ABOUT " 470 million photos: the claim is 5 % high " ARROW
     " plausible; it holds if TB is read as TiB and the 3 MB photo as 3 MiB: 490 million is 1,400 TiB ÷ 3 MiB."},
    {"", "check 1 GB = 300 photos",
     "1 GB = 300 photos implies " ABOUT " 3.33 MB per photo, inside the plausible range of a photo (2 MB .. 5 MB). At "
     "the assumed 3 MB per photo, 1 GB is " ABOUT " 330 photos: the claim is 10 % low " ARROW " plausible."},
    {"", "check 3 GB = 100 photos",
     "3 GB = 100 photos implies 30 MB per photo, outside the plausible range of a photo (2 MB .. 5 MB). At the assumed "
     "3 MB per photo, 3 GB is 1,000 photos: the claim is 90 % low " ARROW " off."},
    {"", "check 3 GiB = 1024 photos",
     "3 GiB = 1,024 photos implies " ABOUT " 3.15 MB per photo, inside the plausible range of a photo (2 MB .. 5 MB). "
     "At the assumed 3 MB per photo, 3 GiB is " ABOUT " 1,070 photos: the claim is 4.6 % low " ARROW
     " plausible; it holds if the 3 MB photo is read as 3 MiB: 1,024 is 3 GiB ÷ 3 MiB."},
    {"", "check sqrt(2) B = 1.414 B", "sqrt(2) B is 1 " TIMES " 1.414 B; the claim is 0.015 % low " ARROW " holds."},
    {"file = 2 MB", "check 1 GB = 400 files",
     "1 GB = 400 files implies 2.5 MB per file. At the assumed 2 MB per file, 1 GB is 500 files: the claim is 20 % "
     "low " ARROW " off."},
    {"", "reset", "reset: nothing was set; the catalogue values apply"},
    {"x = 3", "reset", "reset: x forgotten; the catalogue values apply"},
    {"x = 3;y = 4;z = 5", "reset", "reset: x, y, z forgotten; the catalogue values apply"},
    {"x = 3;photo = 4 MB;song = 1 MB", "reset",
     "reset: photo is back to 3 MB, song is back to 6.72 MB; x forgotten; the catalogue values apply"},
    {"x = 3;y = 4", "reset x", "x forgotten"},
    {"photo = 4 MB", "reset photo", "photo is back to 3 MB"},
};

START_TEST(test_sentences) {
  word_line(sentences[_i].pre, sentences[_i].src);
  ck_assert_msg(strcmp(f.text, sentences[_i].text) == 0, "'%s':\n got '%s'\nwant '%s'", sentences[_i].src, f.text,
                sentences[_i].text);
}
END_TEST

/* How growth's period reads. */
static const struct {
  const char *pre, *src;
  const char *one, *many, *per;
  bool word, bare;
} periods[] = {
    {"", "growth(1 MB, 4 MB, 2 days)", "day", "days", "a day", true, false},
    {"", "growth(400 TB, 1400 TB, 6 months)", "month", "months", "a month", true, false},
    {"", "growth(1 MB, 4 MB, day)", "day", "days", "a day", true, false},
    {"", "growth(1 MB, 4 MB, 2 milliseconds)", "millisecond", "milliseconds", "a millisecond", true, false},
    {"", "growth(1 MB, 4 MB, 3 hours)", "hour", "hours", "an hour", true, false},
    /* symbols as written, never in the plural; "hrs" reads "hr" */
    {"", "growth(1 MB, 4 MB, 2 d)", "d", "d", "a day", false, false},
    {"", "growth(1 MB, 4 MB, 48 h)", "h", "h", "an hour", false, false},
    {"", "growth(1 MB, 4 MB, 2 hrs)", "hr", "hr", "an hour", false, false},
    {"", "growth(1 MB, 4 MB, 2 ms)", "ms", "ms", "a millisecond", false, false},
    {"", "growth(1 MB, 4 MB, 2 us)", "us", "us", "a microsecond", false, false}, /* a prefix with no word of its own */
    /* an expression is one period of itself */
    {"", "growth(1 MB, 4 MB, 2 * day)", "(2 * day)", "(2 * day)", "per (2 * day)", false, true},
    {"", "growth(1 MB, 4 MB, (1 day + 1 day))", "(1 day + 1 day)", "(1 day + 1 day)", "per (1 day + 1 day)", false,
     true},
    /* a variable reads "per NAME" */
    {"p = 2 day", "growth(1 MB, 4 MB, p)", "p", "p", "per p", false, false},
    {"p = 2 day", "growth(1 MB, 4 MB, 2 p)", "p", "p", "per p", false, false},
    /* too long to quote: the plain word */
    {"", "growth(1 MB, 4 MB, (1 day + 1 day + 1 day + 1 day + 1 day + 1 day + 1 day + 1 day + 1 day))", "period",
     "periods", "a period", true, false},
};

START_TEST(test_period) {
  word_line(periods[_i].pre, periods[_i].src);
  ck_assert_int_eq(o.kind, STMT_GROWTH);
  word_opts fo = word_opts_of(&ctx->s);
  word_period_text w;
  word_period(&fo, &o.u.growth, &w);
  ck_assert_str_eq(w.one, periods[_i].one);
  ck_assert_str_eq(w.many, periods[_i].many);
  ck_assert_str_eq(w.per, periods[_i].per);
  ck_assert(w.word == periods[_i].word);
  ck_assert(w.bare == periods[_i].bare);
}
END_TEST

/* The verdict of a relative difference: within 1 % holds, 5 % close; an
 * inexact difference shows only its certain digits, or a bound of its
 * size when none is (err: the error exponent of an inexact d, or 0). */
static const struct {
  long num, den, err;
  const char *text;
} verdicts[] = {
    {0, 1, 0, "exact \xe2\x80\x94 holds"},
    {1, 100, 0, "1 % high \xe2\x80\x94 holds"},
    {-1, 100, 0, "1 % low \xe2\x80\x94 holds"},
    {3, 100, 0, "3 % high \xe2\x80\x94 close"},
    {5, 100, 0, "5 % high \xe2\x80\x94 off"},
    {-51, 1000, 0, "5.1 % low \xe2\x80\x94 off"},
    {35, 10, 0, "350 % high \xe2\x80\x94 off"},
    {1, 3, 0, "33 % high \xe2\x80\x94 off"},
    {1, 3, -60, "33 % high \xe2\x80\x94 off"},               /* certain: both digits */
    {1, 3, -9, "30 % high \xe2\x80\x94 off"},                /* within 1/512: one digit */
    {1, 1000000, -15, "within 0.0042 % \xe2\x80\x94 holds"}, /* 10^-6 within 2^-15: no digit */
};

START_TEST(test_verdict) {
  num d;
  num_init(&d);
  mpq_set_si(d.lo, verdicts[_i].num, (unsigned long)verdicts[_i].den);
  mpq_canonicalize(d.lo);
  mpq_set(d.hi, d.lo);
  if (verdicts[_i].err) {
    d.inexact = true;
    d.err[0] = d.err[1] = verdicts[_i].err;
  }
  buf b;
  buf_init(&b, 4096);
  word_verdict(&b, &d, verdict_word(verdict_judge(CLAIM_EQ, &d)));
  ck_assert_str_eq(b.s, verdicts[_i].text);
  buf_free(&b);
  num_clear(&d);
}
END_TEST

/* The note on the other reading: only when it moves the number shown. */
static const struct {
  const char *src;
  const char *note; /* a part of the note, or NULL for none */
} notes[] = {
    {"1400 TB to GB",
     "TB and GB read as decimal (powers of 1000); if TB and GB are read as TiB and GiB the result is 1,433,600 GiB"},
    {"1400 TB to TiB", "if TB is read as TiB the result is 1,400 TiB"},
    {"2 MB", NULL},       /* 2 MB or 2 MiB: the same number shown */
    {"1 TiB to B", NULL}, /* no KB..YB spelling */
    {"1 KB to B", "if KB is read as KiB the result is 1,024 B"},
};

START_TEST(test_note) {
  word_line("", notes[_i].src);
  word_opts fo = word_opts_of(&ctx->s);
  buf w;
  buf_init(&w, 4096);
  bool said = note_reading(&w, &fo, &o, &f);
  const char *n = said ? w.s : NULL;
  if (notes[_i].note) {
    ck_assert_msg(n && strstr(n, notes[_i].note), "'%s': note '%s'", notes[_i].src, n ? n : "(none)");
  } else {
    ck_assert_msg(!said && w.len == 0, "'%s': unexpected note '%s'", notes[_i].src, w.s);
  }
  buf_free(&w);
}
END_TEST

/* The sources of assumptions, and the notes a result may carry. */
START_TEST(test_sources) {
  char *t = note_source(&ctx->s.reg, -1);
  ck_assert_str_eq(t, "set in this session");
  free(t);
  units_match m;
  ck_assert(units_lookup(&ctx->s.reg, "photo", 5, &m));
  t = note_source(&ctx->s.reg, m.index);
  ck_assert_str_eq(t, "Apple's iOS 17 Settings text, quoted by iPhone in Canada, \"Here are iPhone 15 File Sizes "
                      "for Photos Taken at 48MP\", 2023, "
                      "https://www.iphoneincanada.ca/2023/09/13/iphone-15-file-sizes-photos-48mp/");
  free(t);
  const char *defs = "[gizmo]\nsize: 3 MB\n";
  ck_assert_int_eq(ds_ctx_load_defs(ctx, defs, strlen(defs), "g.def"), DS_OK);
  ck_assert(units_lookup(&ctx->s.reg, "gizmo", 5, &m));
  t = note_source(&ctx->s.reg, m.index);
  ck_assert_str_eq(t, ""); /* an item without a source says nothing */
  free(t);
  ck_assert(units_lookup(&ctx->s.reg, "MB", 2, &m)); /* not an item: where it is defined */
  t = note_source(&ctx->s.reg, m.index);
  ck_assert_msg(strncmp(t, "defined in units.def:", 21) == 0, "%s", t);
  free(t);
  t = note_calendar();
  ck_assert(strncmp(t, "a year is the mean Gregorian year (365.2425 days)", 49) == 0);
  free(t);
  t = note_exact();
  ck_assert_str_eq(t, "the exact value is too long to print");
  free(t);
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("word");
  TCase *tc = tcase_create("lines");
  tcase_add_checked_fixture(tc, setup_line, teardown_line);
  SUITE_LOOP(tc, test_lines, lines);
  SUITE_LOOP(tc, test_sentences, sentences);
  SUITE_LOOP(tc, test_period, periods);
  SUITE_LOOP(tc, test_verdict, verdicts);
  SUITE_LOOP(tc, test_note, notes);
  tcase_add_test(tc, test_sources);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
