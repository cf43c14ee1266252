/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_catalog.c -- catalog_equivalents: which catalogue items a quantity
 * is compared with, in what order and at what count; the band of counts
 * kept; session variables and later definitions overriding items. And the
 * catalogue's data (data/catalog.def): every item sourced and consistent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "stmt.h"
#include "suite.h"

SUITE_CTX_FIXTURE

/* The context with its whole registry: the built-in catalogue is read on
 * first need (units_all), and these tests count and scan units. */
static void setup_whole(void) {
  setup();
  ck_assert(units_all(&ctx->s.reg));
}

/* Evaluates src in the session and chooses its equivalents; returns how
 * many, with the picks as "word=count ..." (counts as GMP writes them). */
static int equivalents(const char *src, bool binary, catalog_pick *picks, char *out, size_t size) {
  stmt_result o;
  err e;
  stmt_result_init(&o);
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
  stmt_result_clear(&o);
  return n;
}

static void clear_picks(catalog_pick *picks, int n) {
  for (int i = 0; i < n; i++) catalog_pick_clear(&picks[i]);
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
    {"", NULL, false, "1 kB", "text_message=50/7"},        /* a face template (2,048 B) would be 0.49 */
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
    /* the binary reading: the user's 3 MB is 3 MiB; the items' sizes keep their sources' reading */
    {"", NULL, true, "3 MB", /* 3 MiB: 1.05 photos of 3 MB */
     "photo=16384/15625 floppy=32/15 novel=32768/5625 email=131072/3125 web_image=32768/125 face_template=1536 "
     "text_message=786432/35"},
    {"", NULL, false, "3 MB",
     "photo=1 floppy=3125/1536 novel=50/9 email=40 web_image=250 face_template=46875/32 text_message=150000/7"},
    /* a session variable overrides its item */
    {"photo = 4 MB", NULL, false, "12 MB", T12P3},
    {"photo = 5 s", NULL, false, "12 MB", T12}, /* not data any more: not offered */
    {"photo = 0 MB", NULL, false, "12 MB", T12},
    {"x = 4 MB", NULL, false, "12 MB", T12P}, /* a variable that is no item is not offered */
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
    stmt_result o;
    err e;
    stmt_result_init(&o);
    ck_assert_msg(stmt_line(&ctx->env, &ctx->defs, t, strlen(t), &o, &e) == DS_OK, "'%s': %s", t, e.msg);
    stmt_result_clear(&o);
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

/* The catalogue's rules for an item (data/catalog.def's header): a size, a
 * range LOW .. HIGH holding it, a description, a source, the year of the
 * figure, and an address to check it, unless the source says the figure is
 * an engineering estimate. The sources the audit of the catalogue found no
 * newsroom can cite (mirrors, scrapers, AI-answer sites) are refused. */
#define CATALOG_ITEMS_MIN 70
#define CATALOG_YEAR_MAX 2026 /* the newest figure in the catalogue is of 2026 */
#define ESTIMATE "engineering estimate:"
/* Display names and the short description together: an equivalents line
 * without its range stays under 100 characters. */
#define CATALOG_WORDS_MAX 90

static const char *const uncitable[] = {"ua-cam.com",    "gamebastion.com", "lulucky.netlify.app",
                                        "askpandi.com",  "oreate.ai",       "newbetuts.com",
                                        "sagapedia.com", "mintlify.com",    "wikiwand.com"};

static bool blank(const char *s) { return !s || !*s; }

/* Writes what is wrong with item idx into why, or returns false when
 * nothing is. */
static bool item_problem(long idx, char *why, size_t size) {
  units *r = &ctx->s.reg;
  err e;
  err_clear(&e);
  if (units_ready(r, idx, true, &e) != DS_OK) return snprintf(why, size, "does not resolve: %.400s", e.msg), true;
  const unit *u = &r->units[idx];
  const unit_item *it = u->item;
  if (!it) return snprintf(why, size, "has no block"), true;
  if (!u->plural) return snprintf(why, size, "has no plural"), true;
  const qty *v = units_value(u, false);
  if (mpq_sgn(v->n.lo) <= 0) return snprintf(why, size, "has no positive size"), true;
  if (!it->range || !it->range_ready) return snprintf(why, size, "has no range"), true;
  if (!dim_eq(&it->low.d, &v->d) || mpq_cmp(it->low.n.lo, v->n.lo) > 0 || mpq_cmp(v->n.hi, it->high.n.hi) > 0)
    return snprintf(why, size, "has a size %s outside its range %s", u->def, it->range), true;
  if (blank(it->about)) return snprintf(why, size, "has no about"), true;
  if (blank(it->source)) return snprintf(why, size, "has no source"), true;
  if (it->year < 1900 || it->year > CATALOG_YEAR_MAX) return snprintf(why, size, "has the year %ld", it->year), true;
  bool estimate = strncmp(it->source, ESTIMATE, strlen(ESTIMATE)) == 0;
  if (!it->url && !estimate) return snprintf(why, size, "has no url and is not an \"" ESTIMATE "\""), true;
  if (it->url && strncmp(it->url, "https://", 8) != 0 && strncmp(it->url, "http://", 7) != 0)
    return snprintf(why, size, "has the url '%s'", it->url), true;
  if (it->url && strpbrk(it->url, " \t")) return snprintf(why, size, "has a space in its url"), true;
  for (size_t k = 0; k < sizeof uncitable / sizeof uncitable[0]; k++)
    if ((it->url && strstr(it->url, uncitable[k])) || strstr(it->source, uncitable[k]))
      return snprintf(why, size, "cites %s", uncitable[k]), true;
  if (blank(it->one) || blank(it->many)) return snprintf(why, size, "has no display name"), true;
  if (blank(it->brief)) return snprintf(why, size, "has no short description"), true;
  if (strlen(it->one) + strlen(it->many) + strlen(it->brief) > CATALOG_WORDS_MAX)
    return snprintf(why, size, "has a display name and short description over %d characters", CATALOG_WORDS_MAX), true;
  /* Each display name reads back as this item, singular or plural. */
  for (int k = 0; k < 2; k++) {
    const char *name = k ? it->many : it->one;
    units_match m;
    if (units_find_item(r, name, strlen(name), &m) != 1 || m.index != idx || m.plural != (k == 1))
      return snprintf(why, size, "has the display name '%s' that does not read back as it", name), true;
  }
  return false;
}

/* Every built-in item keeps the rules (the first few that do not are
 * named), and there are enough of them. */
START_TEST(test_items) {
  const units *r = &ctx->s.reg;
  int n = 0, nbad = 0;
  char list[2048] = "";
  for (size_t i = 0; i < r->nunits; i++) {
    if (!(r->units[i].flags & UNIT_ITEM)) continue;
    char why[512];
    if (item_problem((long)i, why, sizeof why) && nbad++ < 8) {
      size_t k = strlen(list);
      snprintf(list + k, sizeof list - k, "\n[%s] %.200s", r->units[i].word, why);
    }
    n++;
  }
  ck_assert_msg(nbad == 0, "%d items break the catalogue's rules:%s", nbad, list);
  ck_assert_msg(n >= CATALOG_ITEMS_MIN, "%d items, want at least %d", n, CATALOG_ITEMS_MIN);
}
END_TEST

/* The exabyte scale has comparators: 10 EB is compared with at least five
 * items, the largest of them counted in units. */
START_TEST(test_exabytes) {
  catalog_pick picks[CATALOG_MAX_SHOWN];
  char got[2048];
  int n = equivalents("10 EB", false, picks, got, sizeof got);
  ck_assert_msg(n >= 5, "10 EB: %d items: %s", n, got);
  ck_assert_msg(mpq_cmp_ui(picks[0].count.lo, 1000, 1) <= 0, "10 EB: %s", got);
  clear_picks(picks, n);
}
END_TEST

/* The rules find what they are for: one block each, loaded after the
 * built-in catalogue, with what is wrong with it (NULL: nothing). */
static const struct {
  const char *defs, *problem;
} blocks[] = {
    {"[fine/fines]\nsize: 2 MB\nrange: 1 MB .. 3 MB\nabout: a fine file\nsource: a vendor\n"
     "url: https://example.org/fine\nyear: 2024\ndisplay: fine file / fine files\nshort: fine\n",
     NULL},
    {"[guess/guesses]\nsize: 2 MB\nrange: 1 MB .. 3 MB\nabout: a guess\nsource: " ESTIMATE " 2 x 1 MB\nyear: 2026\n"
     "display: guess / guesses\nshort: a guess\nbound: upper\n",
     NULL},
    {"[nogap/nogaps]\nsize: 2 MB\nabout: x\nsource: s\nurl: https://example.org/\nyear: 2024\n", "has no range"},
    {"[outside/outsides]\nsize: 4 MB\nrange: 1 MB .. 3 MB\nabout: x\nsource: s\nurl: https://example.org/\n"
     "year: 2024\n",
     "outside its range"},
    {"[below/belows]\nsize: 1 MB\nrange: 2 MB .. 3 MB\nabout: x\nsource: s\nurl: https://example.org/\n"
     "year: 2024\n",
     "outside its range"},
    {"[mute/mutes]\nsize: 2 MB\nrange: 1 MB .. 3 MB\nsource: s\nurl: https://example.org/\nyear: 2024\n",
     "has no about"},
    {"[orphan/orphans]\nsize: 2 MB\nrange: 1 MB .. 3 MB\nabout: x\nurl: https://example.org/\nyear: 2024\n",
     "has no source"},
    {"[undated/undateds]\nsize: 2 MB\nrange: 1 MB .. 3 MB\nabout: x\nsource: s\nurl: https://example.org/\n",
     "has the year 0"},
    {"[future/futures]\nsize: 2 MB\nrange: 1 MB .. 3 MB\nabout: x\nsource: s\nurl: https://example.org/\n"
     "year: 2027\n",
     "has the year 2027"},
    {"[unlinked/unlinkeds]\nsize: 2 MB\nrange: 1 MB .. 3 MB\nabout: x\nsource: a vendor\nyear: 2024\n", "has no url"},
    {"[hidden/hiddens]\nsize: 2 MB\nrange: 1 MB .. 3 MB\nabout: x\nsource: an engineering estimate: no\n"
     "year: 2024\n",
     "has no url"}, /* the mark starts the source */
    {"[bare/bares]\nsize: 2 MB\nrange: 1 MB .. 3 MB\nabout: x\nsource: s\nurl: example.org/x\nyear: 2024\n",
     "has the url"},
    {"[mirrored/mirroreds]\nsize: 2 MB\nrange: 1 MB .. 3 MB\nabout: x\nsource: s\n"
     "url: https://www.wikiwand.com/en/articles/x\nyear: 2024\n",
     "cites wikiwand.com"},
    {"[single]\nsize: 2 MB\nrange: 1 MB .. 3 MB\nabout: x\nsource: s\nurl: https://example.org/\nyear: 2024\n",
     "has no plural"},
    {"[nameless/namelesses]\nsize: 2 MB\nrange: 1 MB .. 3 MB\nabout: x\nsource: s\nurl: https://example.org/\n"
     "year: 2024\nshort: x\n",
     "has no display name"},
    {"[terse/terses]\nsize: 2 MB\nrange: 1 MB .. 3 MB\nabout: x\nsource: s\nurl: https://example.org/\n"
     "year: 2024\ndisplay: terse file / terse files\n",
     "has no short description"},
    {"[clash/clashes]\nsize: 2 MB\nrange: 1 MB .. 3 MB\nabout: x\nsource: s\nurl: https://example.org/\n"
     "year: 2024\ndisplay: DVD / DVDs\nshort: x\n",
     "does not read back"},
    {"[wordy/wordies]\nsize: 2 MB\nrange: 1 MB .. 3 MB\nabout: x\nsource: s\nurl: https://example.org/\n"
     "year: 2024\ndisplay: wordy file / wordy files\nshort: a description far longer than a line of equivalents "
     "can hold without wrapping\n",
     "over 90 characters"},
};

START_TEST(test_item_rules) {
  ck_assert_msg(ds_ctx_load_defs(ctx, blocks[_i].defs, strlen(blocks[_i].defs), "test.def") == DS_OK, "%s",
                ds_ctx_errmsg(ctx));
  char why[512] = "";
  bool bad = item_problem((long)ctx->s.reg.nunits - 1, why, sizeof why);
  if (!blocks[_i].problem) ck_assert_msg(!bad, "%s", why);
  else ck_assert_msg(bad && strstr(why, blocks[_i].problem), "'%s', want '%s'", why, blocks[_i].problem);
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("catalog");
  TCase *tc = tcase_create("catalog");
  tcase_add_checked_fixture(tc, setup_whole, teardown);
  SUITE_LOOP(tc, test_rows, rows);
  tcase_add_test(tc, test_items);
  tcase_add_test(tc, test_exabytes);
  SUITE_LOOP(tc, test_item_rules, blocks);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
