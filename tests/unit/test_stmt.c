/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_stmt.c -- one line through stmt_line in a session: assignment and
 * ans, "reset", "check", "to ITEM range", "to equivalents", "NAME =
 * !NAME", errors with their spans, the work budget of a line and the
 * other reading of KB..YB, as recorded in the stmt_result (its kind and
 * payload; test_word has the sentences made from them); targets that name
 * a catalogue item in words, and sizes spelled Tb, Pb, ... */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "stmt.h"
#include "suite.h"

SUITE_STMT_FIXTURE

/* Runs the lines of `pre`, separated by ';', each of which must succeed. */
static void run_pre(const char *pre) {
  char buf[256];
  snprintf(buf, sizeof buf, "%s", pre);
  for (char *t = strtok(buf, ";"); t; t = strtok(NULL, ";")) ck_assert_msg(run(t) == DS_OK, "'%s': %s", t, e.msg);
}

/* A number as GMP writes it: "lo" or "lo..hi". */
static void numstr(const num *n, char *out, size_t size) {
  char *l = mpq_get_str(NULL, 10, n->lo), *h = mpq_get_str(NULL, 10, n->hi);
  if (mpq_equal(n->lo, n->hi)) snprintf(out, size, "%s", l);
  else snprintf(out, size, "%s..%s", l, h);
  free(l);
  free(h);
}

static void ck_num(const num *n, const char *want, const char *src) {
  char got[256];
  numstr(n, got, sizeof got);
  ck_assert_msg(strcmp(got, want) == 0, "'%s': %s, want %s", src, got, want);
}

/* A conversion's unit is written in memory the result keeps from line to
 * line (stmt_result_reset keeps it): targets longer and shorter in turn,
 * each as written (a unit, a catalogue item by its identifier and in
 * words, from the one lookup of the target), and a short one in the
 * memory of the line before. */
START_TEST(test_target_kept) {
  static const struct {
    const char *src, *unit;
  } lines[] = {
      {"1 GB to MB", "MB"},
      {"2 GB to kilobytes", "kilobytes"},
      {"1 GB to B  *  s / s * s / s * s / s * s / s * s / s * s / s * s / s * s / s * s / s",
       "B * s / s * s / s * s / s * s / s * s / s * s / s * s / s * s / s * s / s"},
      {"1 GB to kB", "kB"},
      {"1 GB to 1 kilobyte", "1 kilobyte"},
      {"4.7 GB to DVD", "DVDs"},
      {"9.4 GB to dvds", "dvds"},
      {"1 PB to largest_hdds", "largest hard drives"},
      {"2 GB to  hd   hours", "hd hours"},
  };
  stmt_result_reset(&o);
  const char *before = NULL;
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
    ck_assert_int_eq(stmt_line(&ctx->env, &ctx->defs, lines[i].src, strlen(lines[i].src), &o, &e), DS_OK);
    ck_assert_int_eq(o.kind, i < 5 ? STMT_CONVERT : STMT_COUNT);
    ck_assert_str_eq(stmt_conversion(&o)->unit, lines[i].unit);
    if (i == 4) ck_assert_ptr_eq(o.u.convert.unit, before); /* no allocation for a target that fits */
    before = stmt_conversion(&o)->unit;
    stmt_result_reset(&o);
  }
}
END_TEST

/* Assignment: the variable, its text as written (the expression only),
 * its value in base units (bits for information), and ans. */
static const struct {
  const char *pre, *src;
  const char *name, *text, *value;
  const char *as_written; /* NULL: the value is worded, not quoted */
  size_t nvars;
} assigns[] = {
    {"", "photo = 2.86 MB", "photo", "2.86 MB", "22880000", "2.86 MB", 1},
    {"", "x = 3", "x", "3", "3", NULL, 1}, /* a plain number is worded */
    {"", "rate = 1,400 TB / 2 s", "rate", "1,400 TB / 2 s", "5600000000000000", "1,400 TB / 2 s", 1},
    {"", "x = 3 MB to GB", "x", "3 MB", "24000000", NULL, 1},     /* the conversion is not the value's text */
    {"x = 3 MB", "y = x * 2", "y", "x * 2", "48000000", NULL, 2}, /* a variable is not "as written" */
    {"x = 3 MB", "x = 4 MB", "x", "4 MB", "32000000", "4 MB", 1}, /* rebinding */
    {"x = 3 MB", "x = x + 1 MB", "x", "x + 1 MB", "32000000", NULL, 1},
    {"", "z = 1 .. 2", "z", "1 .. 2", "1..2", NULL, 1}, /* a range is worded */
    {"", "cost = 0.018 USD/GB/month", "cost", "0.018 USD/GB/month", "1/1168776000000000000", "0.018 USD/GB/month", 1},
};

START_TEST(test_assign) {
  run_pre(assigns[_i].pre);
  const char *src = assigns[_i].src;
  ck_assert_msg(run(src) == DS_OK, "'%s': %s", src, e.msg);
  ck_assert_pstr_eq(o.name, assigns[_i].name);
  ck_assert_pstr_eq(o.kind == STMT_VALUE ? o.u.value.as_written : NULL, assigns[_i].as_written);
  ck_num(&o.v.n, assigns[_i].value, src);
  long v = session_find_var(&ctx->s, assigns[_i].name, strlen(assigns[_i].name));
  ck_assert_int_ge(v, 0);
  ck_assert_uint_eq(ctx->s.nvars, assigns[_i].nvars);
  ck_assert_str_eq(ctx->s.vars[v].text, assigns[_i].text);
  ck_num(&ctx->s.vars[v].value.n, assigns[_i].value, src);
  ck_assert(dim_eq(&ctx->s.vars[v].value.d, &o.v.d));
  ck_assert(ctx->s.have_ans);
  ck_num(&ctx->s.ans.n, assigns[_i].value, src);
  /* the variable reads back; ans is the value too */
  ck_assert_int_eq(run("ans"), DS_OK);
  ck_num(&o.v.n, assigns[_i].value, "ans");
  ck_assert_int_eq(run(assigns[_i].name), DS_OK);
  if (strcmp(assigns[_i].name, "photo") == 0) { /* an item's name counts one, of the size set */
    ck_num(&o.v.n, "1", assigns[_i].name);
    ck_assert_int_ge(o.v.item, 0);
    ck_assert_int_eq(run("photo to bit"), DS_OK);
    ck_num(&o.u.convert.shown, assigns[_i].value, assigns[_i].name);
  } else {
    ck_num(&o.v.n, assigns[_i].value, assigns[_i].name);
  }
}
END_TEST

/* ans follows successful value lines only. */
START_TEST(test_ans) {
  ck_assert(!ctx->s.have_ans);
  ck_assert_int_eq(run("ans"), DS_E_UNKNOWN);
  ck_assert_int_eq(run("2 MB"), DS_OK);
  ck_assert(ctx->s.have_ans);
  ck_assert_int_eq(run("1 +"), DS_E_SYNTAX); /* a failed line keeps it */
  ck_assert_int_eq(run("foo"), DS_E_UNKNOWN);
  ck_assert_int_eq(run("x = 1"), DS_OK);
  ck_assert_int_eq(run("reset x"), DS_OK); /* a reset has no value: keeps it */
  ck_num(&ctx->s.ans.n, "1", "reset");
  ck_assert_int_eq(run("_ * 3"), DS_OK);
  ck_num(&o.v.n, "3", "_ * 3");
  ck_assert_int_eq(run("ans + ans"), DS_OK);
  ck_num(&o.v.n, "6", "ans + ans");
}
END_TEST

/* reset: what was forgotten (every variable, and how many; or one name,
 * with the catalogue value now in force), or the error with the name's
 * span. */
static const struct {
  const char *pre, *src;
  int code;            /* DS_OK, or the error */
  const char *name;    /* the name reset, NULL: every variable */
  size_t count;        /* every variable: how many */
  const char *back_to; /* the catalogue value back in force */
  size_t nvars;        /* variables left */
  size_t start, end;
  const char *msg;
} resets[] = {
    {"", "reset", DS_OK, NULL, 0, NULL, 0, 0, 0, NULL},
    {"x = 3", "reset", DS_OK, NULL, 1, NULL, 0, 0, 0, NULL},
    {"x = 3;y = 4;z = 5", "reset", DS_OK, NULL, 3, NULL, 0, 0, 0, NULL},
    {"x = 3;y = 4", "reset x", DS_OK, "x", 0, NULL, 1, 0, 0, NULL},
    {"x = 3;y = 4;z = 5", "reset y", DS_OK, "y", 0, NULL, 2, 0, 0, NULL},
    {"photo = 4 MB", "reset photo", DS_OK, "photo", 0, "3 MB", 0, 0, 0, NULL},
    {"photo = 4 MB;x = 1", "reset photo", DS_OK, "photo", 0, "3 MB", 1, 0, 0, NULL},
    {"", "reset x", DS_E_UNKNOWN, NULL, 0, NULL, 0, 6, 7, "nothing to reset: 'x' was not set"},
    {"", "reset photo", DS_E_UNKNOWN, NULL, 0, NULL, 0, 6, 11, "nothing to reset: 'photo' was not set"},
    {"x = 3", "reset   x", DS_OK, "x", 0, NULL, 0, 0, 0, NULL},
    {"x = 3", "reset x;reset x", DS_E_UNKNOWN, NULL, 0, NULL, 0, 6, 7, "nothing to reset: 'x' was not set"},
};

START_TEST(test_reset) {
  char pre[128];
  const char *src = resets[_i].src, *semi = strrchr(src, ';');
  /* "A;B" in src: A is run first and must succeed */
  snprintf(pre, sizeof pre, "%s%s%.*s", resets[_i].pre, semi && *resets[_i].pre ? ";" : "",
           semi ? (int)(semi - src) : 0, src);
  if (semi) src = semi + 1;
  run_pre(pre);
  int st = run(src);
  if (resets[_i].code == DS_OK) {
    ck_assert_msg(st == DS_OK, "'%s': %s", src, e.msg);
    ck_assert_int_eq(o.kind, STMT_RESET);
    ck_assert_pstr_eq(o.u.reset.name, resets[_i].name);
    ck_assert_uint_eq(o.u.reset.count, resets[_i].count);
    ck_assert_pstr_eq(o.u.reset.back_to, resets[_i].back_to);
    /* no value: nothing of the line before shows through */
    ck_num(&o.v.n, "0", src);
    ck_assert(dim_is_none(&o.v.d));
    ck_assert_int_eq(o.v.pref, 0);
  } else {
    ck_assert_int_eq(st, resets[_i].code);
    ck_assert_str_eq(e.msg, resets[_i].msg);
    ck_assert_uint_eq(e.start, resets[_i].start);
    ck_assert_uint_eq(e.end, resets[_i].end);
    ck_assert_int_ne(o.kind, STMT_RESET);
  }
  ck_assert_uint_eq(ctx->s.nvars, resets[_i].nvars);
  ck_assert_uint_eq(ctx->s.varindex.count, resets[_i].nvars);
}
END_TEST

/* After "reset photo" the catalogue's photo (3 MB) is back. */
START_TEST(test_reset_item) {
  run_pre("photo = 4 MB");
  ck_assert_int_eq(run("1200 MB to photos"), DS_OK);
  ck_num(&o.u.count.to.shown, "300", "to photos");
  ck_assert_str_eq(o.u.count.of.size, "4 MB");
  ck_assert_int_eq(run("reset photo"), DS_OK);
  ck_assert_int_eq(run("1200 MB to photos"), DS_OK);
  ck_num(&o.u.count.to.shown, "400", "to photos");
  ck_assert_str_eq(o.u.count.of.size, "3 MB");
}
END_TEST

#define TIMES "\xc3\x97" /* × */

/* check A REL B: its form, its value (the implied size for a count, else
 * the actual ratio), how far off the claim is (claimed / actual - 1, in
 * the reading in force), the actual figure and the verdict. */
static const struct {
  const char *src;
  verdict_form form;
  const char *from, *claim; /* A and B as written, digits grouped */
  const char *value, *factor, *off, *actual;
  verdict_kind verdict;
} checks[] = {
    {"check 1400 TB = 1400 TB", VERDICT_EQUAL, "1,400 TB", "1,400 TB", "1", NULL, "0", "1", VERDICT_HOLDS},
    {"check 1400 TB = 1410 TB", VERDICT_TIMES, "1,400 TB", "1,410 TB", "140/141", NULL, "1/140", "140/141",
     VERDICT_HOLDS},
    {"check 1400 TB = 1430 TB", VERDICT_TIMES, "1,400 TB", "1,430 TB", "140/143", NULL, "3/140", "140/143",
     VERDICT_CLOSE},
    {"check 1400 TB = 1450 TB", VERDICT_TIMES, "1,400 TB", "1,450 TB", "28/29", NULL, "1/28", "28/29", VERDICT_OFF},
    {"check 1400 TB is about 1450 TB", VERDICT_TIMES, "1,400 TB", "1,450 TB", "28/29", NULL, "1/28", "28/29",
     VERDICT_HOLDS},
    {"check 1400 TB = 1350 TB", VERDICT_TIMES, "1,400 TB", "1,350 TB", "28/27", NULL, "-1/28", "28/27", VERDICT_OFF},
    {"check 1400 TB = 2000 TB", VERDICT_TIMES, "1,400 TB", "2,000 TB", "7/10", NULL, "3/7", "7/10", VERDICT_OFF},
    {"check 3 = 2 * 1.5", VERDICT_RATIO, "3", "2 * 1.5", "2", "2", "0", "2", VERDICT_HOLDS},
    {"check 1400 TB = 4 * 400 TB", VERDICT_RATIO, "1,400 TB", "4 * 400 TB", "7/2", "4", "1/7", "7/2", VERDICT_OFF},
    {"check 1400 TB is more than 3 * 400 TB", VERDICT_RATIO, "1,400 TB", "3 * 400 TB", "7/2", "3", "-1/7", "7/2",
     VERDICT_HOLDS},
    {"check 1400 TB is almost three times 400 TB", VERDICT_RATIO, "1,400 TB", "400 TB", "7/2", "3", "-1/7", "7/2",
     VERDICT_OFF},
    {"check 1400 TB tripled 400 TB", VERDICT_RATIO, "1,400 TB", "400 TB", "7/2", "3", "-1/7", "7/2", VERDICT_OFF},
    {"check 1 GB = 1000 MB", VERDICT_EQUAL, "1 GB", "1,000 MB", "1", NULL, "0", "1", VERDICT_HOLDS},
    /* a count: the size per item the claim implies (bits), the count at the
     * assumed size; inside the plausible range it is never off */
    {"check 1400 TB = 490 million photos", VERDICT_COUNT, "1,400 TB", "490 million photos", "160000000/7", NULL, "1/20",
     "1400000000/3", VERDICT_PLAUSIBLE},
    {"check 1 GB = 300 photos", VERDICT_COUNT, "1 GB", "300 photos", "80000000/3", NULL, "-1/10", "1000/3",
     VERDICT_PLAUSIBLE},
    {"check 3 GB = 100 photos", VERDICT_COUNT, "3 GB", "100 photos", "240000000", NULL, "-9/10", "1000", VERDICT_OFF},
    {"check 3 GiB = 1024 photos", VERDICT_COUNT, "3 GiB", "1,024 photos", "25165824", NULL, "-759/16384",
     "16777216/15625", VERDICT_PLAUSIBLE},
    /* the size claimed: the size of the items counted is the actual (bits) */
    {"check 1 genome = 3 GB", VERDICT_COUNT, "1 genome", "3 GB", "24000000000", NULL, "89/31", "6200000000",
     VERDICT_PLAUSIBLE},
};

START_TEST(test_check) {
  const char *src = checks[_i].src;
  ck_assert_msg(run(src) == DS_OK, "'%s': %s", src, e.msg);
  ck_assert_int_eq(o.kind, STMT_CHECK);
  const stmt_check *c = &o.u.check;
  ck_assert_int_eq(c->form, checks[_i].form);
  ck_num(&o.v.n, checks[_i].value, src);
  ck_num(&c->off, checks[_i].off, src);
  ck_num(&c->actual, checks[_i].actual, src);
  ck_assert_msg(c->verdict == checks[_i].verdict, "'%s': verdict %s", src, verdict_word(c->verdict));
  if (checks[_i].factor) ck_num(&c->factor, checks[_i].factor, src);
  ck_assert_str_eq(c->from, checks[_i].from);
  ck_assert_str_eq(c->claim, checks[_i].claim);
  if (c->form == VERDICT_COUNT && !c->size_claim) {
    ck_assert_str_eq(c->of.item, "photo");
    ck_assert_str_eq(c->of.each, "3 MB");
    ck_assert_str_eq(c->range, "2 MB .. 5 MB");
    ck_assert_int_eq(o.v.pref, 'B');
  } else if (c->form != VERDICT_COUNT) {
    ck_assert(dim_is_none(&o.v.d));
  }
  ck_assert_ptr_null(o.name);
}
END_TEST

/* check divides (the implied size, the count at the assumed size, the
 * actual ratio), and each num_div status is an error or a verdict, never a
 * value past the limits: a zero divisor (an item of no size), a quotient
 * past the size limit, the work limit, inexact sides. The other readings
 * are a search: a quotient too large there ends the search, not the line. */
#define CK_WHOLE "result too large: this check would need more than 64 bits (the result-size limit)"
static const struct {
  const char *defs;   /* definitions loaded first, or NULL */
  bool binary;        /* --binary */
  long maxbits, work; /* limits, 0: the default */
  const char *src;
  int code; /* DS_OK: the verdict is `msg` */
  size_t start, end;
  const char *msg;
} check_div[] = {
    /* a zero divisor: an item of no size (the catalogue's reading, whatever --binary) */
    {"[gizmo/gizmos]\nsize: 2 MB - 2000000 B", true, 0, 0, "check 1400 TB = 4 gizmos", DS_E_DOMAIN, 16, 24,
     "one gizmo has no size (0 B): the claim cannot be counted"},
    /* quotients past the size limit, one at each division */
    {NULL, false, 64, 0, "check 9007199254740881 B = 1048573 photos", DS_E_LIMIT, 6, 41, CK_WHOLE},   /* size */
    {NULL, false, 64, 0, "check 1125899906842597 B = 8 photos", DS_E_LIMIT, 6, 35, CK_WHOLE},         /* count */
    {NULL, false, 64, 0, "check 1099511627689 B = 3 * 1099511627563 B", DS_E_LIMIT, 6, 43, CK_WHOLE}, /* ratio */
    {NULL, false, 64, 0, "check 1099511627689 B = 1099511627563 B", DS_E_LIMIT, 6, 39, CK_WHOLE},     /* plain */
    /* the work limit */
    {NULL, false, 0, 1, "check 10^20000 B = 3 * 10^20000 B", DS_E_LIMIT, 19, 33,
     "too much work: this line would take more than 1 million steps (the work limit)"},
    {NULL, false, 0, 1, "check 10^20000 B = 3 photos", DS_E_LIMIT, 19, 27,
     "too much work: this line would take more than 1 million steps (the work limit)"},
    /* inexact sides: a verdict (its words are in test_word) */
    {NULL, false, 0, 0, "check sqrt(2) B = 1.414 B", DS_OK, 0, 0, NULL},
    {NULL, false, 0, 0, "check sqrt(2) GB = 471405 photos", DS_OK, 0, 0, NULL},
};

START_TEST(test_check_div) {
  if (check_div[_i].defs)
    ck_assert_int_eq(ds_ctx_load_defs(ctx, check_div[_i].defs, strlen(check_div[_i].defs), "t.def"), DS_OK);
  ctx->s.binary = check_div[_i].binary;
  if (check_div[_i].maxbits) session_limit(&ctx->s, DS_LIMIT_RESULT_BITS, check_div[_i].maxbits);
  if (check_div[_i].work) session_limit(&ctx->s, DS_LIMIT_WORK, check_div[_i].work);
  const char *src = check_div[_i].src;
  int st = run(src);
  ck_assert_msg(st == check_div[_i].code, "'%s': status %d (%s), want %d", src, st, e.msg, check_div[_i].code);
  if (st == DS_OK) {
    ck_assert_int_eq(o.kind, STMT_CHECK);
    ck_assert(o.v.n.inexact);
    return;
  }
  ck_assert_msg(strcmp(e.msg, check_div[_i].msg) == 0, "'%s': '%s'", src, e.msg);
  ck_assert_msg(e.start == check_div[_i].start && e.end == check_div[_i].end, "'%s': span [%zu, %zu)", src, e.start,
                e.end);
  ck_assert(!ctx->s.have_ans); /* a failed check leaves no value */
}
END_TEST

/* to ITEM range: the count over the item's plausible range. */
static const struct {
  const char *src;
  const char *range_text, *range_shown, *shown, *item, *size, *from;
} ranges[] = {
    {"1400 TB to photos range", "2 MB .. 5 MB", "280000000..700000000", "1400000000/3", "photo", "3 MB", "1,400 TB"},
    {"1 GB to wikipedia range", "22.14 GB .. 24.05 GB + 2 GB", "20/521..50/1107", "20/481", "wikipedia", "24.05 GB",
     "1 GB"},
    {"(700 TB + 700 TB) to photo range", "2 MB .. 5 MB", "280000000..700000000", "1400000000/3", "photo", "3 MB",
     "700 TB + 700 TB"},
};

START_TEST(test_range) {
  const char *src = ranges[_i].src;
  ck_assert_msg(run(src) == DS_OK, "'%s': %s", src, e.msg);
  ck_assert_int_eq(o.kind, STMT_RANGE);
  const stmt_count *c = &o.u.count;
  ck_assert_str_eq(c->range, ranges[_i].range_text);
  ck_num(&c->range_shown, ranges[_i].range_shown, src);
  ck_num(&c->to.shown, ranges[_i].shown, src);
  ck_assert_ptr_eq(stmt_conversion(&o), &c->to);
  ck_assert_str_eq(c->of.item, ranges[_i].item);
  ck_assert_str_eq(c->of.size, ranges[_i].size);
  ck_assert_str_eq(c->of.from, ranges[_i].from);
  ck_assert_int_eq(o.used.nitems, 1);
}
END_TEST

/* "to equivalents": items, smallest count first, each with its size. */
START_TEST(test_equivalents) {
  ck_assert_int_eq(run("1400 TB to equivalents"), DS_OK);
  ck_assert_int_eq(o.kind, STMT_EQUIV);
  const stmt_equiv *q = &o.u.equiv;
  ck_assert_int_eq(q->n, CATALOG_MAX_SHOWN);
  ck_assert_str_eq(q->from, "1,400 TB");
  ck_assert_int_eq(o.used.nitems, q->n); /* every pick is an assumption of the result */
  ck_assert_int_eq(o.used.nvars, 0);
  bool photo = false;
  for (int i = 0; i < q->n; i++) {
    const unit *u = &ctx->s.reg.units[q->pick[i].unit];
    ck_assert(u->flags & UNIT_ITEM);
    ck_assert_int_eq(q->pick[i].var, -1);
    ck_assert_str_eq(q->pick[i].size, u->def);
    ck_assert_int_eq(o.used.items[i], q->pick[i].unit);
    if (i) ck_assert_int_le(mpq_cmp(q->pick[i - 1].count.lo, q->pick[i].count.lo), 0);
    if (strcmp(u->word, "photo") == 0) {
      photo = true;
      ck_num(&q->pick[i].count, "1400000000/3", "photo");
      ck_assert_str_eq(q->pick[i].size, "3 MB");
    }
  }
  ck_assert(photo);
  ck_assert_str_eq(ctx->s.reg.units[q->pick[0].unit].word, "largest_hdd");
  ck_num(&q->pick[0].count, "350/11", "largest_hdd");
  /* the value is kept: it is ans */
  ck_num(&ctx->s.ans.n, "11200000000000000", "ans");
}
END_TEST

/* A session variable overrides the item it names, in the picks too. */
START_TEST(test_equivalents_var) {
  run_pre("photo = 4 MB");
  ck_assert_int_eq(run("1400 TB to equivalents"), DS_OK);
  const stmt_equiv *q = &o.u.equiv;
  int k = -1;
  for (int i = 0; i < q->n; i++)
    if (strcmp(ctx->s.reg.units[q->pick[i].unit].word, "photo") == 0) k = i;
  ck_assert_int_ge(k, 0);
  ck_assert_int_eq(q->pick[k].var, session_find_var(&ctx->s, "photo", 5));
  ck_assert_str_eq(q->pick[k].size, "4 MB");
  ck_num(&q->pick[k].count, "350000000", "photo");
  ck_assert_int_eq(o.used.nvars, 1); /* the variable, not the item, is the assumption */
  ck_assert_int_eq(o.used.nitems, q->n - 1);
  for (int i = 0; i < o.used.nitems; i++) ck_assert_int_ne(o.used.items[i], q->pick[k].unit);
}
END_TEST

/* "NAME = !NAME" declares a countable thing. */
START_TEST(test_newdim) {
  ck_assert_int_eq(run("widget = !widget"), DS_OK);
  ck_assert_str_eq(o.name, "widget");
  ck_num(&o.v.n, "1", "widget");
  ck_assert(!dim_is_none(&o.v.d));
  ck_assert_int_ge(units_find_dim(&ctx->s.reg, "widget", 6), 0);
  ck_assert_uint_eq(ctx->s.nvars, 0); /* a unit, not a variable */
  ck_assert_int_eq(run("3 widgets * 2"), DS_OK);
  ck_num(&o.v.n, "6", "widgets");
  ck_assert_int_eq(run("3 widgets + 1 s"), DS_E_DIMENSION);
  /* twice: refused, with the span of the '!' part in the line */
  ck_assert_int_eq(run("widget = !widget"), DS_E_DEFS);
  ck_assert_str_eq(e.msg, "(session):1:11: this dimension is already declared");
}
END_TEST

/* Errors: code, message and the byte span [start, end) in the line. */
static const struct {
  const char *pre, *src;
  int code;
  size_t start, end;
  const char *msg;
} errors[] = {
    {"", "sqrt = 3", DS_E_SYNTAX, 0, 4, "cannot assign to the function 'sqrt'"},
    {"", "growth = 3", DS_E_SYNTAX, 0, 6, "cannot assign to the function 'growth'"},
    {"", "ans = 3", DS_E_SYNTAX, 0, 3, "'ans' and '_' name the previous result"},
    {"", "_ = 3", DS_E_SYNTAX, 0, 1, "'ans' and '_' name the previous result"},
    {"", "1 GB to s", DS_E_DIMENSION, 0, 9, "dimension mismatch: cannot convert information to time (s)"},
    {"", "1 GB to 0 GB", DS_E_DOMAIN, 8, 12, "cannot convert to a zero quantity"},
    {"", "1 GB to (0 .. 1) GB", DS_E_DOMAIN, 8, 19, "cannot convert to a range that includes zero"},
    {"", "1 GB to GB range", DS_E_UNKNOWN, 8, 10,
     "'range' needs a catalogue item with a range, e.g. 1400 TB to photos range"},
    {"x = 2 MB", "1 GB to x range", DS_E_UNKNOWN, 8, 9,
     "'range' needs a catalogue item with a range, e.g. 1400 TB to photos range"},
    {"", "1 s to equivalents", DS_E_DIMENSION, 0, 3,
     "no catalogue item to compare this with (equivalents are data sizes)"},
    {"", "3 to equivalents", DS_E_DIMENSION, 0, 1,
     "no catalogue item to compare this with (equivalents are data sizes)"},
    {"", "check 1 = 0", DS_E_DOMAIN, 6, 11, "check needs nonzero values"},
    {"", "check 1 MB = 1 s", DS_E_DIMENSION, 13, 16, "dimension mismatch: cannot compare information and time"},
    {"", "check 1 GB = 0 photos", DS_E_DOMAIN, 13, 21, "the count must be positive"},
    {"", "1 GB + 1 s", DS_E_DIMENSION, 0, 10, "dimension mismatch: cannot add information and time"},
    {"", "foo", DS_E_UNKNOWN, 0, 3, "unknown name 'foo'"},
    {"", "x = foo", DS_E_UNKNOWN, 4, 7, "unknown name 'foo'"},
};

START_TEST(test_errors) {
  run_pre(errors[_i].pre);
  size_t nvars = ctx->s.nvars;
  const char *src = errors[_i].src;
  int st = run(src);
  ck_assert_msg(st == errors[_i].code, "'%s': status %d (%s), want %d", src, st, e.msg, errors[_i].code);
  ck_assert_int_eq(e.code, errors[_i].code);
  ck_assert_str_eq(e.msg, errors[_i].msg);
  ck_assert_msg(e.start == errors[_i].start && e.end == errors[_i].end, "'%s': span [%zu, %zu), want [%zu, %zu)", src,
                e.start, e.end, errors[_i].start, errors[_i].end);
  ck_assert_uint_eq(ctx->s.nvars, nvars); /* nothing bound */
  ck_assert(!ctx->s.have_ans || *errors[_i].pre);
}
END_TEST

/* Each line has a work budget of its own: the counter starts at 0. */
START_TEST(test_work) {
  /* The first use of TB and GB resolves them, and that work is charged
   * to the line: run it once before measuring. */
  ck_assert_int_eq(run("1400 TB to GB"), DS_OK);
  unsigned long long first = ctx->env.work;
  ck_assert_int_eq(run("1400 TB to GB"), DS_OK);
  unsigned long long one = ctx->env.work;
  ck_assert_uint_gt(one, 0);
  ck_assert_uint_lt(one, first);
  ck_assert_uint_lt(one, 1000000); /* a few steps, far below a million */
  /* what a runaway earlier call might leave is not carried over */
  ctx->env.work = ULLONG_MAX / 2;
  ck_assert_int_eq(run("1400 TB to GB"), DS_OK);
  ck_assert_uint_eq(ctx->env.work, one);
  /* a line past the budget fails alone; the next one has a fresh budget */
  session_limit(&ctx->s, DS_LIMIT_WORK, 1);
  ck_assert_int_eq(run("(10^100000 + 1) * (10^100000 + 3) * (10^100000 + 7) * (10^100000 + 9)"), DS_E_LIMIT);
  ck_assert_int_eq(run("1400 TB to GB"), DS_OK);
  ck_assert_uint_eq(ctx->env.work, one);
}
END_TEST

/* The other reading of KB..YB: the spellings used, and the value under
 * the other reading when someone will read it. */
static const struct {
  bool binary, quiet; /* --binary; warnings off */
  const char *src;
  const char *legacy; /* the spellings, space-separated */
  bool have_alt;
  const char *v, *alt;           /* base units */
  const char *shown, *alt_shown; /* in the target unit, or NULL */
} readings[] = {
    {false, false, "1 KB to B", "KB", true, "8000", "8192", "1000", "1024"},
    {true, false, "1 KB to B", "KB", true, "8192", "8000", "1024", "1000"},
    {false, false, "1 TB + 1 MB", "TB MB", true, "8000008000000", "8796101410816", NULL, NULL},
    {false, false, "2 MB + 3 MB + 1 MB", "MB", true, "48000000", "50331648", NULL, NULL}, /* each spelling once */
    {false, false, "1 KB + 1 MB + 1 GB + 1 TB + 1 PB", "KB MB GB TB", true, "8008008008008000", "9016003946094592",
     NULL, NULL},                                                   /* at most four are kept */
    {false, false, "1 kB", "kB", true, "8000", "8192", NULL, NULL}, /* the SI symbol too */
    {false, false, "1 kbit", "", false, "1000", NULL, NULL, NULL},  /* bits: one reading */
    {false, false, "1 KiB", "", false, "8192", NULL, NULL, NULL},   /* IEC: one reading */
    {false, false, "1 GiB to MB", "MB", true, "8589934592", "8589934592", "16777216/15625", "1024"},
    {false, true, "1 KB to B", "KB", false, "8000", NULL, "1000", NULL}, /* nobody reads it */
    {false, true, "1 GB to photos", "GB", true, "8000000000", "8589934592", "1000/3",
     "16777216/46875"}, /* a count does */
    {false, false, "1 GB to photos", "GB", true, "8000000000", "8589934592", "1000/3", "16777216/46875"},
    /* the catalogue's sizes keep their reading */
    {false, false, "1 GB to wikipedia", "GB", true, "8000000000", "8589934592", "20/481", "8388608/187890625"},
    {false, false, "x = 1 KB", "KB", true, "8000", "8192", NULL, NULL},
};

START_TEST(test_reading) {
  ctx->s.binary = readings[_i].binary;
  ctx->s.no_warnings = readings[_i].quiet;
  const char *src = readings[_i].src;
  ck_assert_msg(run(src) == DS_OK, "'%s': %s", src, e.msg);
  ck_assert(o.binary == readings[_i].binary);
  char got[64] = "";
  for (int i = 0; i < o.used.nlegacy; i++) {
    size_t n = strlen(got);
    snprintf(got + n, sizeof got - n, "%s%s", i ? " " : "", o.used.legacy[i]);
  }
  ck_assert_msg(strcmp(got, readings[_i].legacy) == 0, "'%s': spellings '%s', want '%s'", src, got,
                readings[_i].legacy);
  ck_assert_msg(o.have_alt == readings[_i].have_alt, "'%s': have_alt %d", src, o.have_alt);
  ck_num(&o.v.n, readings[_i].v, src);
  if (o.have_alt) {
    ck_num(&o.alt.n, readings[_i].alt, src);
    ck_assert(dim_eq(&o.alt.d, &o.v.d));
  }
  const stmt_convert *cv = stmt_conversion(&o);
  ck_assert((cv != NULL) == (readings[_i].shown != NULL));
  if (cv) ck_num(&cv->shown, readings[_i].shown, src);
  if (readings[_i].alt_shown) ck_num(&cv->alt_shown, readings[_i].alt_shown, src);
  /* an assignment binds the value of the reading in force */
  if (o.name) ck_num(&ctx->s.vars[session_find_var(&ctx->s, o.name, strlen(o.name))].value.n, readings[_i].v, src);
}
END_TEST

/* A conversion target of several words that names a catalogue item: the
 * item when the words fail as an expression, an error when both work. */
static const struct {
  const char *defs; /* loaded first, or NULL */
  const char *src;
  int code;
  const char *unit; /* the unit shown on success, the message on failure */
} phrases[] = {
    {NULL, "3 GB to hours of HD video", DS_OK, "hours of HD video"},
    {NULL, "3 GB to HD hours", DS_OK, "HD hour"}, /* one: the plural's ending taken away */
    {NULL, "6 GB to HD hour", DS_OK, "HD hours"},
    {NULL, "1 TB to text pages", DS_OK, "text pages"},
    {NULL, "1 TB to hours of video", DS_E_UNKNOWN, "unknown name 'of'"},
    {"[percent_byte/percent_bytes]\nsize: 1 MB\n", "1 MB to percent bytes", DS_E_UNKNOWN,
     "'percent bytes' reads both as the catalogue item percent_bytes and as a product of units: write "
     "percent_bytes for the item, or put the product in parentheses"},
    {"[percent_byte/percent_bytes]\nsize: 1 MB\n", "1 MB to (percent bytes)", DS_OK, "(percent bytes)"},
};

START_TEST(test_phrase) {
  if (phrases[_i].defs)
    ck_assert_int_eq(ds_ctx_load_defs(ctx, phrases[_i].defs, strlen(phrases[_i].defs), "t.def"), DS_OK);
  int st = run(phrases[_i].src);
  ck_assert_msg(st == phrases[_i].code, "'%s': status %d (%s)", phrases[_i].src, st, e.msg);
  if (st) {
    ck_assert_str_eq(e.msg, phrases[_i].unit);
    return;
  }
  const stmt_convert *cv = stmt_conversion(&o);
  ck_assert_ptr_nonnull(cv);
  ck_assert_str_eq(cv->unit, phrases[_i].unit);
  ck_assert_int_eq(o.used.nlegacy, 1); /* the failed reading left nothing: GB or TB, once */
}
END_TEST

/* Sizes spelled Tb, Pb, ...: recorded with whether each is a rate, and the
 * value with the sizes read as bytes. */
static const struct {
  const char *src;
  const char *spellings; /* "Tb Pb", rates marked "Tb/" */
  const char *alt;       /* the value read as bytes (base units: bits), or NULL for none */
} bitsizes[] = {
    {"1 Tb", "Tb", "8000000000000"},
    {"1 Tb to GB", "Tb", "8000000000000"},
    {"1 Tb + 1 Pb", "Tb Pb", "8008000000000000"},
    {"1 Tb/s", "Tb/", NULL},
    {"1 Tb per hour", "Tb/", NULL},
    {"2 Tb / 1 Tb", "Tb Tb", "2"}, /* the same either way: word_bits_note says nothing */
    {"1 Tb + 1 Tb/s * 1 s", "Tb Tb/", "9000000000000"},
    {"1 TB to Tb", "Tb", NULL}, /* the target: no figure */
    {"1 Tbit + 1 terabit + 1 Gb", "", NULL},
};

START_TEST(test_bitsizes) {
  const char *src = bitsizes[_i].src;
  ck_assert_msg(run(src) == DS_OK, "'%s': %s", src, e.msg);
  const eval_bitsizes *bs = &o.used.bits;
  char got[64] = "";
  for (int i = 0; i < bs->n; i++)
    snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s%s", i ? " " : "", bs->spelling[i],
             bs->rate[i] ? "/" : "");
  ck_assert_msg(strcmp(got, bitsizes[_i].spellings) == 0, "'%s': '%s'", src, got);
  ck_assert_int_eq(o.bytes.have_alt, bitsizes[_i].alt != NULL);
  if (bitsizes[_i].alt) ck_num(&o.bytes.alt.n, bitsizes[_i].alt, src);
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("stmt");
  TCase *tc = tcase_create("stmt");
  tcase_add_checked_fixture(tc, setup_out, teardown_out);
  tcase_set_timeout(tc, 60);
  SUITE_LOOP(tc, test_assign, assigns);
  tcase_add_test(tc, test_ans);
  tcase_add_test(tc, test_target_kept);
  SUITE_LOOP(tc, test_reset, resets);
  tcase_add_test(tc, test_reset_item);
  SUITE_LOOP(tc, test_check, checks);
  SUITE_LOOP(tc, test_check_div, check_div);
  SUITE_LOOP(tc, test_range, ranges);
  tcase_add_test(tc, test_equivalents);
  tcase_add_test(tc, test_equivalents_var);
  tcase_add_test(tc, test_newdim);
  SUITE_LOOP(tc, test_errors, errors);
  tcase_add_test(tc, test_work);
  SUITE_LOOP(tc, test_reading, readings);
  SUITE_LOOP(tc, test_phrase, phrases);
  SUITE_LOOP(tc, test_bitsizes, bitsizes);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
