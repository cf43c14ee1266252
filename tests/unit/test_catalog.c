/* test_catalog.c -- catalog_equivalents: which catalogue items a quantity
 * is compared with, in what order and at what count; the band of counts
 * kept; session variables and later definitions overriding items. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "stmt.h"
#include "suite.h"

SUITE_CTX_FIXTURE

/* Evaluates src in the session and chooses its equivalents; returns how
 * many, with the picks as "word=count ..." (counts as GMP writes them). */
static int equivalents(const char *src, bool binary, catalog_pick *picks, char *out, size_t size) {
  eval_out o;
  err e;
  eval_out_init(&o);
  err_clear(&e);
  ck_assert_msg(stmt_line(&ctx->env, &ctx->defs, src, strlen(src), &o, &e) == DS_OK, "'%s': %s", src, e.msg);
  int n = catalog_equivalents(&ctx->s, &o.v, binary, picks, (size_t)ctx->s.limits[DS_LIMIT_RESULT_BITS]);
  out[0] = 0;
  for (int i = 0; i < n; i++) {
    char *c = mpq_get_str(NULL, 10, picks[i].count.lo);
    size_t k = strlen(out);
    snprintf(out + k, size - k, "%s%s=%s", i ? " " : "", ctx->s.reg.units[picks[i].unit].word, c);
    free(c);
  }
  eval_out_clear(&o);
  return n;
}

static void clear_picks(catalog_pick *picks, int n) {
  for (int i = 0; i < n; i++) num_clear(&picks[i].count);
}

/* The picks for 12 MB, without the catalogue's photo, with it (3 MB) and
 * with a photo of 4 MB. */
#define T12REST "floppy=3125/384 novel=200/9 email=160 web_image=1000 face_template=46875/8 text_message=600000/7"
#define T12 "song=25/14 " T12REST
#define T12P "song=25/14 photo=4 " T12REST
#define T12P3 "song=25/14 photo=3 " T12REST

/* Session lines (';'-separated), definitions to load, the reading, the
 * quantity, and the picks expected, smallest count first. */
static const struct {
  const char *pre, *defs;
  bool binary;
  const char *src;
  const char *want;
} rows[] = {
    /* not data: nothing to compare with */
    {"", NULL, false, "1 s", ""},
    {"", NULL, false, "3", ""},
    {"", NULL, false, "1 MB/s", ""},
    {"", NULL, false, "0 B", ""},
    /* the band: never below 1/2 ... */
    {"", NULL, false, "1 B", ""},
    {"", NULL, false, "69 B", ""},
    {"", NULL, false, "70 B", "text_message=1/2"},
    {"", NULL, false, "100 B", "text_message=5/7"},
    {"", NULL, false, "1 kB", "text_message=50/7"}, /* a face template (2,048 B) would be 0.49 */
    {"", NULL, false, "(35 .. 70) B", "text_message=1/4"}, /* a range reaching 1/2 */
    {"", NULL, false, "-1 GB", ""},
    {"", NULL, false, "1024 B", "face_template=1/2 text_message=256/35"},
    /* ... nor above 10^9 * 1024: at 1024 * 10^9 Pandora leaks the only items
     * offered are those of terabytes and more */
    {"", NULL, false, "2.94 TB * 1024e9",
     "cern_store=3010560 internet_archive=17203200 largest_hdd=752640000000/11 library_of_congress=301056000000 "
     "pandora_leak=1024000000000"},
    {"", NULL, false, "2.94 TB * 1024e9 + 1 B", /* one byte more: no Pandora leaks */
     "cern_store=3010560000000000000000001/1000000000000000000 "
     "internet_archive=3010560000000000000000001/175000000000000000 "
     "largest_hdd=3010560000000000000000001/44000000000000 "
     "library_of_congress=3010560000000000000000001/10000000000000"},
    /* at most CATALOG_MAX_SHOWN, the easiest counts to picture: at 1 EB and
     * more, the exabyte and petabyte items come first */
    {"", NULL, false, "1 EB",
     "cern_store=1 internet_archive=40/7 largest_hdd=250000/11 library_of_congress=100000 pandora_leak=50000000/147 "
     "phone=3906250 wikipedia=20000000000/481 dvd=7629394531250/35861 hd_hour=1000000000/3 "
     "bodycam_hour=5000000000/9 cd=12207031250/9 bankers_box=32391000000"},
    {"", NULL, false, "10 EB",
     "cern_store=10 internet_archive=400/7 largest_hdd=2500000/11 library_of_congress=1000000 "
     "pandora_leak=500000000/147 phone=39062500 wikipedia=200000000000/481 dvd=76293945312500/35861 "
     "hd_hour=10000000000/3 bodycam_hour=50000000000/9 cd=122070312500/9 bankers_box=323910000000"},
    {"", NULL, false, "1400 TB",
     "largest_hdd=350/11 library_of_congress=140 pandora_leak=10000/21 phone=21875/4 wikipedia=28000000/481 "
     "dvd=6103515625/20492 hd_hour=1400000/3 bodycam_hour=7000000/9 cd=68359375/36 bankers_box=45347400 "
     "song=625000000/3 photo=1400000000/3"},
    /* the binary reading: the items' sizes are read 1024-based too */
    {"", NULL, true, "3 MB", /* 3 MiB, one photo of 3 MiB; kB and kbit stay decimal */
     "photo=1 floppy=32/15 novel=32768/5625 email=131072/3125 web_image=32768/125 face_template=1536 "
     "text_message=786432/35"},
    {"", NULL, false, "3 MB",
     "photo=1 floppy=3125/1536 novel=50/9 email=40 web_image=250 face_template=46875/32 text_message=150000/7"},
    /* a session variable overrides its item */
    {"photo = 4 MB", NULL, false, "12 MB", T12P3},
    {"photo = 5 s", NULL, false, "12 MB", T12},  /* not data any more: not offered */
    {"photo = 0 MB", NULL, false, "12 MB", T12},
    {"x = 4 MB", NULL, false, "12 MB", T12P},     /* a variable that is no item is not offered */
    /* a later definition of an item's name: offered once, as redefined */
    {"", "[photo/photos]\nsize: 4 MB\ncompare: yes\n", false, "12 MB", T12P3},
    {"", "[photo/photos]\nsize: 4 MB\ncompare: no\n", false, "12 MB", T12},
    {"", "photo = 4 MB\n", false, "12 MB", T12}, /* still an item, but with no block: no compare: yes */
    {"", "[widget_file/widget_files]\nsize: 6 MB\ncompare: yes\n", false, "12 MB",
     "song=25/14 widget_file=2 photo=4 " T12REST},
};

START_TEST(test_rows) {
  if (rows[_i].defs)
    ck_assert_msg(ds_ctx_load_defs(ctx, rows[_i].defs, strlen(rows[_i].defs), "test.def") == DS_OK, "%s",
                  ds_ctx_errmsg(ctx));
  char pre[256];
  snprintf(pre, sizeof pre, "%s", rows[_i].pre);
  ctx->s.binary = rows[_i].binary;
  for (char *t = strtok(pre, ";"); t; t = strtok(NULL, ";")) {
    eval_out o;
    err e;
    eval_out_init(&o);
    ck_assert_msg(stmt_line(&ctx->env, &ctx->defs, t, strlen(t), &o, &e) == DS_OK, "'%s': %s", t, e.msg);
    eval_out_clear(&o);
  }
  catalog_pick picks[CATALOG_MAX_SHOWN];
  char got[2048];
  int n = equivalents(rows[_i].src, rows[_i].binary, picks, got, sizeof got);
  ck_assert_msg(strcmp(got, rows[_i].want) == 0, "'%s':\n got '%s'\nwant '%s'", rows[_i].src, got, rows[_i].want);
  ck_assert_int_le(n, CATALOG_MAX_SHOWN);
  for (int i = 0; i < n; i++) {
    const unit *u = &ctx->s.reg.units[picks[i].unit];
    /* only items in force that may be compared */
    ck_assert(u->flags & UNIT_ITEM);
    ck_assert(u->item && u->item->compare);
    ck_assert(units_in_force(&ctx->s.reg, (size_t)picks[i].unit));
    /* the size shown is the variable's text, or the item's definition */
    if (picks[i].var >= 0) {
      ck_assert_str_eq(ctx->s.vars[picks[i].var].name, u->word);
      ck_assert_ptr_eq(picks[i].size, ctx->s.vars[picks[i].var].text);
    } else {
      ck_assert_int_eq(session_find_var(&ctx->s, u->word, strlen(u->word)), -1);
      ck_assert_ptr_eq(picks[i].size, u->def);
    }
    /* smallest count first, each item once */
    if (i) ck_assert_int_le(mpq_cmp(picks[i - 1].count.lo, picks[i].count.lo), 0);
    for (int k = 0; k < i; k++) ck_assert_int_ne(picks[k].unit, picks[i].unit);
  }
  clear_picks(picks, n);
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("catalog");
  TCase *tc = tcase_create("catalog");
  tcase_add_checked_fixture(tc, setup, teardown);
  SUITE_LOOP(tc, test_rows, rows);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
