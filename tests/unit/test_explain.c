/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_explain.c -- the derivation of a result (explain_result), in plain
 * text and in Markdown: the names in base units with the reading of their
 * prefixes, the assumptions with source, year and address, the exact
 * arithmetic, what was shown and the caveats, for representative lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "explain.h"
#include "stmt.h"
#include "suite.h"

SUITE_CTX_FIXTURE

#define APPROX "\xe2\x89\x88"

/* Runs `pre` (one line, or "") and then src under the reading given, and
 * returns the derivation of src (free()). */
static char *derive(const char *pre, bool binary, const char *src, bool md) {
  stmt_result o;
  word_out f;
  err e;
  stmt_result_init(&o);
  word_out_init(&f);
  ctx->s.binary = binary;
  ctx->s.explain = 1; /* the evaluator records the names used only then */
  if (*pre) {
    ck_assert_msg(stmt_line(&ctx->env, &ctx->defs, pre, strlen(pre), &o, &e) == DS_OK, "'%s': %s", pre, e.msg);
    stmt_result_clear(&o);
    stmt_result_init(&o);
  }
  ck_assert_msg(stmt_line(&ctx->env, &ctx->defs, src, strlen(src), &o, &e) == DS_OK, "'%s': %s", src, e.msg);
  word_opts fo = word_opts_of(&ctx->s);
  ck_assert_int_eq(word_result(&fo, &o, &f), DS_OK);
  char *x = explain_result(&ctx->s, src, &o, &f, md);
  ck_assert_ptr_nonnull(x);
  word_out_clear(&f);
  stmt_result_clear(&o);
  return x;
}

/* Whole derivations. */
static const struct {
  const char *pre;
  bool binary;
  const char *src;
  bool md;
  const char *want;
} whole[] = {
    {"", false, "1400 TB to photos", false,
     "Derivation of: 1400 TB to photos\n"
     "\n"
     "1. The units and names used, in base units\n"
     "   TB = 1,000,000,000,000 B (TB read as decimal: --binary or set binary on gives the 1024 reading)\n"
     "   photos = 3,000,000 B (catalogue: the size of one, decimal as its source counts, whatever the reading)\n"
     "\n"
     "2. Assumptions\n"
     "   photo = 3 MB: a typical smartphone photo: a 24 MP HEIF from a recent iPhone (\"about 3 MB\" in Apple's "
     "Settings), or a 12 MP JPEG\n"
     "     source: Apple's iOS 17 Settings text, quoted by iPhone in Canada, \"Here are iPhone 15 File Sizes for "
     "Photos Taken at 48MP\"\n"
     "     year: 2023\n"
     "     https://www.iphoneincanada.ca/2023/09/13/iphone-15-file-sizes-photos-48mp/\n"
     "     the source counts decimal (1 MB = 1,000,000 bytes)\n"
     "     plausible range: 2 MB .. 5 MB\n"
     "\n"
     "3. Arithmetic\n"
     "   value: 1,400,000,000,000,000 B\n"
     "   divided by one photo (3 MB): 466,666,666.(6) = 1400000000/3 exactly\n"
     "\n"
     "4. Shown\n"
     "   " APPROX " 470 million photos (1,400 TB at 3 MB per photo); " APPROX " 510 million if TB is read as TiB\n"
     "   counts are rounded to 2 significant figures, or 3 when 2 would move the value by more than 1 %\n"
     "\n"
     "5. Caveats\n"
     "   TB is read as decimal (powers of 1000) here; some writers mean the other reading\n"},
    {"", false, "1400 TB to photos", true,
     "## Derivation of `1400 TB to photos`\n"
     "\n"
     "### 1. The units and names used, in base units\n"
     "\n"
     "- `TB` = 1,000,000,000,000 B (TB read as decimal: --binary or set binary on gives the 1024 reading)\n"
     "- `photos` = 3,000,000 B (catalogue: the size of one, decimal as its source counts, whatever the reading)\n"
     "\n"
     "### 2. Assumptions\n"
     "\n"
     "- photo = 3 MB: a typical smartphone photo: a 24 MP HEIF from a recent iPhone (\"about 3 MB\" in Apple's "
     "Settings), or a 12 MP JPEG\n"
     "    - source: Apple's iOS 17 Settings text, quoted by iPhone in Canada, \"Here are iPhone 15 File Sizes for "
     "Photos Taken at 48MP\"\n"
     "    - year: 2023\n"
     "    - https://www.iphoneincanada.ca/2023/09/13/iphone-15-file-sizes-photos-48mp/\n"
     "    - the source counts decimal (1 MB = 1,000,000 bytes)\n"
     "    - plausible range: 2 MB .. 5 MB\n"
     "\n"
     "### 3. Arithmetic\n"
     "\n"
     "- value: 1,400,000,000,000,000 B\n"
     "- divided by one photo (3 MB): 466,666,666.(6) = 1400000000/3 exactly\n"
     "\n"
     "### 4. Shown\n"
     "\n"
     "- " APPROX " 470 million photos (1,400 TB at 3 MB per photo); " APPROX " 510 million if TB is read as TiB\n"
     "- counts are rounded to 2 significant figures, or 3 when 2 would move the value by more than 1 %\n"
     "\n"
     "### 5. Caveats\n"
     "\n"
     "- TB is read as decimal (powers of 1000) here; some writers mean the other reading\n"},
    {"photo = 4 MB", false, "1400 TB to photos", false,
     "Derivation of: 1400 TB to photos\n"
     "\n"
     "1. The units and names used, in base units\n"
     "   TB = 1,000,000,000,000 B (TB read as decimal: --binary or set binary on gives the 1024 reading)\n"
     "   photos = 4,000,000 B (your assumption)\n"
     "\n"
     "2. Assumptions\n"
     "   photo = 4 MB: set in this session (reset photo restores the catalogue value, if any)\n"
     "\n"
     "3. Arithmetic\n"
     "   value: 1,400,000,000,000,000 B\n"
     "   divided by one photo (4 MB): 350,000,000 exactly\n"
     "\n"
     "4. Shown\n"
     "   350 million photos (1,400 TB at 4 MB per photo); " APPROX " 370 million if TB and MB are read as TiB and MiB\n"
     "   counts are rounded to 2 significant figures, or 3 when 2 would move the value by more than 1 %\n"
     "\n"
     "5. Caveats\n"
     "   TB and MB are read as decimal (powers of 1000) here; some writers mean the other reading\n"},
    {"x = 4 MB", false, "1400 TB / x", false,
     "Derivation of: 1400 TB / x\n"
     "\n"
     "1. The units and names used, in base units\n"
     "   TB = 1,000,000,000,000 B (TB read as decimal: --binary or set binary on gives the 1024 reading)\n"
     "   x = 4,000,000 B (your assumption)\n"
     "\n"
     "2. Assumptions\n"
     "   x = 4 MB: set in this session (reset x restores the catalogue value, if any)\n"
     "\n"
     "3. Arithmetic\n"
     "   value: 350,000,000\n"
     "\n"
     "4. Shown\n"
     "   350,000,000\n"
     "   exact when short; otherwise rounded to 6 significant digits\n"
     "\n"
     "5. Caveats\n"
     "   TB and MB are read as decimal (powers of 1000) here; some writers mean the other reading\n"},
    {"", true, "1 KB to B", false,
     "Derivation of: 1 KB to B\n"
     "\n"
     "1. The units and names used, in base units\n"
     "   KB = 1,024 B (KB read as 1024-based: --binary is on)\n"
     "   B = 1 B\n"
     "\n"
     "2. Arithmetic\n"
     "   value: 1,024 B\n"
     "   in B: 1,024 exactly\n"
     "\n"
     "3. Shown\n"
     "   1,024 B\n"
     "   exact when short; otherwise rounded to 6 significant digits\n"
     "\n"
     "4. Caveats\n"
     "   KB is read as 1024-based (--binary) here; some writers mean the other reading\n"},
    {"", false, "1 GiB to MB", true,
     "## Derivation of `1 GiB to MB`\n"
     "\n"
     "### 1. The units and names used, in base units\n"
     "\n"
     "- `GiB` = 1,073,741,824 B (gibi: 2^30, binary)\n"
     "- `MB` = 1,000,000 B (MB read as decimal: --binary or set binary on gives the 1024 reading)\n"
     "\n"
     "### 2. Arithmetic\n"
     "\n"
     "- value: 1,073,741,824 B\n"
     "- in MB: 1,073.741824 = 16777216/15625 exactly\n"
     "\n"
     "### 3. Shown\n"
     "\n"
     "- 1,073.741824 MB\n"
     "- exact when short; otherwise rounded to 6 significant digits\n"
     "\n"
     "### 4. Caveats\n"
     "\n"
     "- MB is read as decimal (powers of 1000) here; some writers mean the other reading\n"},
    {"", false, "1 year to days", false,
     "Derivation of: 1 year to days\n"
     "\n"
     "1. The units and names used, in base units\n"
     "   year = 31,556,952 s\n"
     "   days = 86,400 s\n"
     "\n"
     "2. Arithmetic\n"
     "   value: 31,556,952 s\n"
     "   in days: 365.2425 = 146097/400 exactly\n"
     "\n"
     "3. Shown\n"
     "   365.2425 days\n"
     "   exact when short; otherwise rounded to 6 significant digits\n"
     "\n"
     "4. Caveats\n"
     "   a year is the mean Gregorian year, 365.2425 days; a month is 1/12 of it, 30.436875 days\n"},
    {"", false, "2 months", true,
     "## Derivation of `2 months`\n"
     "\n"
     "### 1. The units and names used, in base units\n"
     "\n"
     "- `months` = 2,629,746 s\n"
     "\n"
     "### 2. Arithmetic\n"
     "\n"
     "- value: 5,259,492 s\n"
     "\n"
     "### 3. Shown\n"
     "\n"
     "- 60.87375 days\n"
     "- exact when short; otherwise rounded to 6 significant digits\n"
     "\n"
     "### 4. Caveats\n"
     "\n"
     "- a year is the mean Gregorian year, 365.2425 days; a month is 1/12 of it, 30.436875 days\n"},
    {"", false, "sqrt(2) MB to kB", false,
     "Derivation of: sqrt(2) MB to kB\n"
     "\n"
     "1. The units and names used, in base units\n"
     "   MB = 1,000,000 B (MB read as decimal: --binary or set binary on gives the 1024 reading)\n"
     "   kB = 1,000 B (kB read as decimal: --binary or set binary on gives the 1024 reading)\n"
     "\n"
     "2. Arithmetic\n"
     "   value: " APPROX " 1,414,213.5623730950488 B\n"
     "   in kB: " APPROX " 1,414.2135623730950488 (approximate: an irrational step)\n"
     "\n"
     "3. Shown\n"
     "   " APPROX " 1,414.21 kB\n"
     "   exact when short; otherwise rounded to 6 significant digits\n"
     "\n"
     "4. Caveats\n"
     "   MB and kB are read as decimal (powers of 1000) here; some writers mean the other reading\n"},
    {"", false, "(1 .. 2) GB to MB", false,
     "Derivation of: (1 .. 2) GB to MB\n"
     "\n"
     "1. The units and names used, in base units\n"
     "   GB = 1,000,000,000 B (GB read as decimal: --binary or set binary on gives the 1024 reading)\n"
     "   MB = 1,000,000 B (MB read as decimal: --binary or set binary on gives the 1024 reading)\n"
     "\n"
     "2. Arithmetic\n"
     "   value: 1,000,000,000 .. 2,000,000,000 B\n"
     "   in MB: 1,000 .. 2,000 exactly\n"
     "\n"
     "3. Shown\n"
     "   between 1,000 and 2,000 MB\n"
     "   exact when short; otherwise rounded to 6 significant digits\n"
     "\n"
     "4. Caveats\n"
     "   GB and MB are read as decimal (powers of 1000) here; some writers mean the other reading\n"},
    {"", false, "90 min", false,
     "Derivation of: 90 min\n"
     "\n"
     "1. The units and names used, in base units\n"
     "   min = 60 s\n"
     "\n"
     "2. Arithmetic\n"
     "   value: 5,400 s\n"
     "\n"
     "3. Shown\n"
     "   1.5 hours\n"
     "   exact when short; otherwise rounded to 6 significant digits\n"},
    {"x = 3", false, "reset x", false, "Derivation of: reset x\n"},
    /* Equivalents: each item's arithmetic and the rounding applied; in
     * Markdown the further lines of the table are a nested list. */
    {"", false, "100 B to equivalents", false,
     "Derivation of: 100 B to equivalents\n"
     "\n"
     "1. The units and names used, in base units\n"
     "   B = 1 B\n"
     "\n"
     "2. Assumptions\n"
     "   text_message = 140 B: an SMS text message: one segment of 140 bytes (160 GSM characters, or 70 with emoji); "
     "range: 1 to 3 segments\n"
     "     source: 3GPP TS 23.040, \"Technical realization of the Short Message Service (SMS)\" (user data up to 140 "
     "octets)\n"
     "     year: 1999\n"
     "     https://www.3gpp.org/DynaReport/23040.htm\n"
     "     the source counts decimal (1 MB = 1,000,000 bytes)\n"
     "     plausible range: 140 B .. 3 * 140 B\n"
     "\n"
     "3. Arithmetic\n"
     "   value: 100 B\n"
     "   text messages: 100 B \xc3\xb7 140 B = 0.7142857\xe2\x80\xa6 \xe2\x86\x92 " APPROX
     " 0.71 (rounded to 2 significant figures)\n"
     "     over its plausible range (140 B .. 3 * 140 B): 0.2380952\xe2\x80\xa6 .. 0.7142857\xe2\x80\xa6 (shown "
     "when it reads differently)\n"
     "\n"
     "4. Shown\n"
     "   100 B is about:\n"
     "     " APPROX " 0.71 text messages (140 B each: one SMS segment); between 0.24 and 0.71\n"
     "   counts are rounded to 2 significant figures, or 3 when 2 would move the value by more than 1 %; sizes are "
     "shown exactly when 3 significant figures hold them, else the same way, with \"about\" when the size shown is "
     "more than 0.1 % off\n"},
    {"", false, "100 B to equivalents", true,
     "## Derivation of `100 B to equivalents`\n"
     "\n"
     "### 1. The units and names used, in base units\n"
     "\n"
     "- `B` = 1 B\n"
     "\n"
     "### 2. Assumptions\n"
     "\n"
     "- text_message = 140 B: an SMS text message: one segment of 140 bytes (160 GSM characters, or 70 with emoji); "
     "range: 1 to 3 segments\n"
     "    - source: 3GPP TS 23.040, \"Technical realization of the Short Message Service (SMS)\" (user data up to "
     "140 octets)\n"
     "    - year: 1999\n"
     "    - https://www.3gpp.org/DynaReport/23040.htm\n"
     "    - the source counts decimal (1 MB = 1,000,000 bytes)\n"
     "    - plausible range: 140 B .. 3 * 140 B\n"
     "\n"
     "### 3. Arithmetic\n"
     "\n"
     "- value: 100 B\n"
     "- text messages: 100 B \xc3\xb7 140 B = 0.7142857\xe2\x80\xa6 \xe2\x86\x92 " APPROX
     " 0.71 (rounded to 2 significant figures)\n"
     "    - over its plausible range (140 B .. 3 * 140 B): 0.2380952\xe2\x80\xa6 .. 0.7142857\xe2\x80\xa6 (shown "
     "when it reads differently)\n"
     "\n"
     "### 4. Shown\n"
     "\n"
     "- 100 B is about:\n"
     "    - " APPROX " 0.71 text messages (140 B each: one SMS segment); between 0.24 and 0.71\n"
     "- counts are rounded to 2 significant figures, or 3 when 2 would move the value by more than 1 %; sizes are "
     "shown exactly when 3 significant figures hold them, else the same way, with \"about\" when the size shown is "
     "more than 0.1 % off\n"},
};

START_TEST(test_whole) {
  char *x = derive(whole[_i].pre, whole[_i].binary, whole[_i].src, whole[_i].md);
  ck_assert_msg(strcmp(x, whole[_i].want) == 0, "'%s':\n--- got\n%s--- want\n%s", whole[_i].src, x, whole[_i].want);
  free(x);
}
END_TEST

/* Sections and lines that must (or must not) be in a derivation. */
static const struct {
  const char *pre;
  bool binary;
  const char *src;
  bool md;
  const char *has[4];
  const char *lacks[2];
} parts[] = {
    /* every item offered is an assumption, with its source, year and address */
    {"",
     false,
     "1400 TB to equivalents",
     false,
     {"\n2. Assumptions\n   largest_hdd = 44 TB: ", "   photo = 3 MB: ",
      "     year: 2023\n     https://www.iphoneincanada.ca/2023/09/13/iphone-15-file-sizes-photos-48mp/\n",
      "\n3. Arithmetic\n"},
     {"divided by one", "set in this session"}},
    /* a variable overriding an item is the user's assumption */
    {"photo = 4 MB",
     false,
     "1400 TB to equivalents",
     false,
     {"   photo = 4 MB: set in this session (reset photo restores the catalogue value, if any)\n", NULL},
     {"   photo = 3 MB: ", NULL}},
    /* the SI and IEC prefixes read one way only; KB..YB name the reading in force */
    {"",
     false,
     "1 kB + 1 KiB + 1 KB",
     false,
     {"   kB = 1,000 B (kB read as decimal: --binary or set binary on gives the 1024 reading)\n",
      "   KiB = 1,024 B (kibi: 2^10, binary)\n",
      "   KB = 1,000 B (KB read as decimal: --binary or set binary on gives the 1024 reading)\n",
      "   kB and KB are read as decimal (powers of 1000) here; some writers mean the other reading\n"},
     {NULL}},
    {"",
     true,
     "1 kB + 1 KiB + 1 KB",
     false,
     {"   KB = 1,024 B (KB read as 1024-based: --binary is on)\n", "   value: 3,072 B\n",
      "   kB and KB are read as 1024-based (--binary) here; some writers mean the other reading\n", NULL},
     {NULL}},
    /* a calendar unit: the caveat on years and months */
    {"",
     false,
     "1400 TB / 1 year",
     true,
     {"### 4. Caveats\n\n",
      "- a year is the mean Gregorian year, 365.2425 days; a month is 1/12 of it, 30.436875 days\n",
      "- `year` = 31,556,952 s\n", NULL},
     {NULL}},
    /* no KB..YB and no calendar: no caveats */
    {"", false, "1 MiB / 1 s", false, {"\n3. Shown\n", NULL}, {"Caveats", "Assumptions"}},
    /* a plain number has no units used */
    {"", false, "2 + 2", true, {"## Derivation of `2 + 2`\n\n### 1. Arithmetic\n\n- value: 4\n", NULL}, {"base units"}},
    /* a check: the implied size is the value */
    {"",
     false,
     "check 1 GB = 300 photos",
     false,
     {"   photos = 3,000,000 B (catalogue: the size of one, decimal as its source counts, whatever the reading)\n",
      "   value: " APPROX " 3,333,333.33333333333333 B\n", "   counts are rounded to 2 significant figures", NULL},
     {NULL}},
};

START_TEST(test_parts) {
  char *x = derive(parts[_i].pre, parts[_i].binary, parts[_i].src, parts[_i].md);
  for (int k = 0; k < 4 && parts[_i].has[k]; k++)
    ck_assert_msg(strstr(x, parts[_i].has[k]), "'%s': no '%s' in\n%s", parts[_i].src, parts[_i].has[k], x);
  for (int k = 0; k < 2 && parts[_i].lacks[k]; k++)
    ck_assert_msg(!strstr(x, parts[_i].lacks[k]), "'%s': '%s' in\n%s", parts[_i].src, parts[_i].lacks[k], x);
  free(x);
}
END_TEST

/* The headings are numbered in order, and Markdown has one title and
 * "### N." headings with a blank line after each. */
static const char *const numbered[] = {"1400 TB to photos", "1 year to days",           "x = 4 MB",
                                       "1 GiB / 3 s",       "check 1400 TB = 1,450 TB", "1400 TB to photos range"};

START_TEST(test_numbered) {
  for (int md = 0; md < 2; md++) {
    char *x = derive("", false, numbered[_i], md);
    int n = 0;
    for (const char *p = x; (p = strstr(p, md ? "\n### " : "\n\n")) != NULL; p++) {
      char want[32];
      snprintf(want, sizeof want, md ? "\n### %d. " : "\n\n%d. ", n + 1);
      ck_assert_msg(strncmp(p, want, strlen(want)) == 0, "'%s': heading %d: '%.20s'", numbered[_i], n + 1, p);
      if (md) ck_assert_ptr_nonnull(strstr(p + 5, "\n\n"));
      n++;
    }
    ck_assert_int_ge(n, 2);
    ck_assert_msg(strncmp(x, md ? "## Derivation of `" : "Derivation of: ", md ? 18 : 15) == 0, "%s", x);
    ck_assert_int_eq(x[strlen(x) - 1], '\n');
    free(x);
  }
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("explain");
  TCase *tc = tcase_create("explain");
  tcase_add_checked_fixture(tc, setup, teardown);
  SUITE_LOOP(tc, test_whole, whole);
  SUITE_LOOP(tc, test_parts, parts);
  SUITE_LOOP(tc, test_numbered, numbered);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
