/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_units.c -- the unit registry of a fresh context: lookup with
 * prefixes, the legacy KB..QB flag (kB and the words too), prefix values under both readings,
 * the caches of spellings found and prefixed values, refused ambiguous
 * spellings and "did you mean" suggestions; catalogue items in any case
 * (units_fold, units_find_item). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "defs.h"
#include "suite.h"
#include "suggest.h"
#include "units.h"

SUITE_CTX_FIXTURE

/* The context with its whole registry: the built-in catalogue is read on
 * first need (units_all), and these tests count and scan units. */
static void setup_whole(void) {
  setup();
  ck_assert(units_all(&ctx->s.reg));
}

/* plural/isword: 1 or 0, or -1 when the spelling is also a symbol (the
 * registry's "bits" is both the plural word and a symbol) and either
 * answer is fine. */
static const struct {
  const char *name;
  const char *word;   /* the unit's singular word */
  const char *prefix; /* prefix symbol or word as matched, NULL for none */
  bool legacy;
  int plural, isword;
} found[] = {
    {"b", "bit", NULL, false, 0, 0},
    {"B", "byte", NULL, false, 0, 0},
    {"bit", "bit", NULL, false, 0, -1},
    {"bits", "bit", NULL, false, -1, -1},
    {"bytes", "byte", NULL, false, -1, -1},
    {"nibble", "nibble", NULL, false, 0, 1},
    {"nibbles", "nibble", NULL, false, 1, 1},
    {"kB", "byte", "k", true, 0, 0}, /* SI kilo: the 1024-based reading too */
    {"KB", "byte", "K", true, 0, 0}, /* legacy */
    {"MB", "byte", "M", true, 0, 0},
    {"TB", "byte", "T", true, 0, 0},
    {"YB", "byte", "Y", true, 0, 0},
    {"RB", "byte", "R", true, 0, 0}, /* ronna and quetta too */
    {"QB", "byte", "Q", true, 0, 0},
    {"KiB", "byte", "Ki", false, 0, 0},
    {"GiB", "byte", "Gi", false, 0, 0},
    {"Mb", "bit", "M", false, 0, 0}, /* megabit: bits are never legacy */
    {"Mbit", "bit", "M", false, 0, 0},
    {"Gbit", "bit", "G", false, 0, 0},
    {"kbit", "bit", "k", false, 0, 0},
    {"Mbps", "bps", "M", false, 0, 0},
    {"megabytes", "byte", "mega", true, -1, 1}, /* word forms too */
    {"megabits", "bit", "mega", false, -1, 1},
    {"kilobyte", "byte", "kilo", true, -1, 1},
    {"tebibyte", "byte", "tebi", false, -1, 1},
    {"terabytes", "byte", "tera", true, -1, 1},
    {"s", "second", NULL, false, 0, 0},
    {"min", "minute", NULL, false, 0, 0},
    {"minutes", "minute", NULL, false, 1, 1},
    {"ms", "second", "m", false, 0, 0},
    {"milliseconds", "second", "milli", false, 1, 1},
    {"h", "hour", NULL, false, 0, 0},
    {"people", "person", NULL, false, 1, 1},
    {"USD", "dollar", NULL, false, 0, 0},
};

START_TEST(test_found) {
  units_match m;
  const char *n = found[_i].name;
  ck_assert_msg(units_lookup(&ctx->s.reg, n, strlen(n), &m), "'%s' not found", n);
  ck_assert_str_eq(m.u->word, found[_i].word);
  ck_assert_ptr_eq(m.u, &ctx->s.reg.units[m.index]);
  if (found[_i].prefix) {
    ck_assert_ptr_nonnull(m.pf);
    ck_assert_str_eq(m.pf->word && found[_i].isword == 1 ? m.pf->word : m.pf->sym, found[_i].prefix);
  } else {
    ck_assert_ptr_null(m.pf);
  }
  ck_assert_msg(m.legacy == found[_i].legacy, "'%s': legacy %d", n, m.legacy);
  if (found[_i].plural >= 0) ck_assert_msg(m.plural == found[_i].plural, "'%s': plural %d", n, m.plural);
  if (found[_i].isword >= 0) ck_assert_msg(m.word == found[_i].isword, "'%s': word %d", n, m.word);
}
END_TEST

/* Spellings that must not resolve: ambiguous in the wild, or a prefix the
 * unit does not take, or a word prefix on a symbol. */
static const char *const refused[] = {
    "mb",    "gb",    "tb",   "Kb", "kb",   "mB",     "Kbit", "Kbps", "KiBB",
    "kiloB", "megab", "mbit", "Mm", "kmin", "Kibit_", "",     "zork",
};

START_TEST(test_refused) {
  units_match m;
  const char *n = refused[_i];
  ck_assert_msg(!units_lookup(&ctx->s.reg, n, strlen(n), &m), "'%s' resolved to %s", n, m.u ? m.u->word : "?");
}
END_TEST

/* Lookup is by length, not NUL: "MBx" with len 2 is MB. */
START_TEST(test_lookup_len) {
  units_match m;
  ck_assert(units_lookup(&ctx->s.reg, "MBx", 2, &m));
  ck_assert_str_eq(m.u->word, "byte");
  ck_assert(!units_lookup(&ctx->s.reg, "MBx", 3, &m));
}
END_TEST

static const struct {
  const char *name;
  bool binary;
  const char *want;
} pvals[] = {
    {"KB", false, "1000"},          {"KB", true, "1024"},
    {"MB", true, "1048576"},        {"GB", true, "1073741824"},
    {"TB", false, "1000000000000"}, {"YB", true, "1208925819614629174706176"}, /* 2^80 */
    {"kB", true, "1024"},                                                      /* every byte prefix from kilo up */
    {"kilobyte", true, "1024"},     {"QB", true, "1267650600228229401496703205376"}, /* 2^100 */
    {"Mb", true, "1000000"},        {"KiB", false, "1024"},
    {"KiB", true, "1024"},          {"QiB", false, "1267650600228229401496703205376"}, /* 2^100 */
    {"ms", false, "1/1000"},        {"B", true, "1"},
};

START_TEST(test_prefix_value) {
  units_match m;
  mpq_t q;
  mpq_init(q);
  ck_assert(units_lookup(&ctx->s.reg, pvals[_i].name, strlen(pvals[_i].name), &m));
  units_prefix_value(q, &m, pvals[_i].binary);
  char *s = mpq_get_str(NULL, 10, q);
  ck_assert_msg(strcmp(s, pvals[_i].want) == 0, "%s (binary %d) = %s, want %s", pvals[_i].name, pvals[_i].binary, s,
                pvals[_i].want);
  free(s);
  mpq_clear(q);
}
END_TEST

/* Two lookups of one spelling agree field by field. */
static void same_match(const units_match *a, const units_match *b, const char *name) {
  ck_assert_msg(a->u == b->u && a->index == b->index && a->pf == b->pf && a->legacy == b->legacy &&
                    a->plural == b->plural && a->word == b->word,
                "'%s': two lookups differ", name);
}

/* Looks a spelling up twice (the second answer comes from the cache) and
 * checks the unit's word and the prefix symbol (NULL for none). */
static void lookup2(const char *name, const char *word, const char *pfx, units_match *m) {
  units_match again;
  ck_assert_msg(units_lookup(&ctx->s.reg, name, strlen(name), m), "'%s' not found", name);
  ck_assert_msg(units_lookup(&ctx->s.reg, name, strlen(name), &again), "'%s' not found the second time", name);
  same_match(m, &again, name);
  ck_assert_msg(strcmp(m->u->word, word) == 0, "'%s' is %s, want %s", name, m->u->word, word);
  if (pfx)
    ck_assert_msg(m->pf && strcmp(m->pf->sym, pfx) == 0, "'%s': prefix %s, want %s", name, m->pf ? m->pf->sym : "none",
                  pfx);
  else ck_assert_msg(!m->pf, "'%s': prefix %s, want none", name, m->pf->sym);
}

static int load(const char *text) {
  err e;
  err_clear(&e);
  int st = defs_load(&ctx->defs, text, strlen(text), "t.def", &e);
  ck_assert_msg(st == DS_OK, "'%s': %s", text, e.msg);
  return st;
}

/* The value of a match under a reading as "N" or "N/D" (a point). */
static void pv_str(const units_match *m, bool binary, char *out, size_t sz) {
  const num *v = units_prefixed_value(&ctx->s.reg, m, binary);
  ck_assert_ptr_nonnull(v);
  ck_assert(mpq_equal(v->lo, v->hi));
  ck_assert(!v->range);
  char *s = mpq_get_str(NULL, 10, v->lo);
  ck_assert_uint_lt(strlen(s), sz);
  strcpy(out, s);
  free(s);
}

/* Spellings found are cached with the registry: the same answer twice,
 * and a spelling added later (a symbol "MB") shadows the cached prefixed
 * reading until it is truncated away. */
START_TEST(test_lookup_cache) {
  units *r = &ctx->s.reg;
  size_t n0 = r->nunits, a0 = r->namb;
  int d0 = r->ndims;
  units_match m;
  lookup2("MB", "byte", "M", &m);
  long byte = m.index;
  ck_assert(m.legacy);
  /* The cache holds it: map values are 64 bits wide everywhere, so the
   * generation fits above the 32 bits of the entry with a 32-bit long too. */
  ck_assert_int_ge(map_get(&r->found, "MB", 2), (int64_t)r->found_gen << 32);
  lookup2("megabytes", "byte", "M", &m);
  ck_assert(m.word);              /* "bytes" is also a symbol: plural either way */
  lookup2("B", "byte", NULL, &m); /* plain spellings: from the name index */
  ck_assert_int_eq(m.index, byte);
  char *syms[] = {(char *)"MB"};
  long idx = units_add(r, "zorkmeg", NULL, syms, 1, 0, "3 bit", "t.def", 1, 0);
  ck_assert_int_ge(idx, 0);
  lookup2("MB", "zorkmeg", NULL, &m);
  ck_assert_int_eq(m.index, idx);
  ck_assert(!m.legacy);
  lookup2("GB", "byte", "G", &m); /* other prefixed spellings stay */
  lookup2("B", "byte", NULL, &m);
  units_truncate(r, n0, a0, d0);
  lookup2("MB", "byte", "M", &m);
  ck_assert_int_eq(m.index, byte);
  ck_assert(m.legacy);
  ck_assert(!units_lookup(r, "zorkmeg", 7, &m));
}
END_TEST

/* The memo of spellings looked up holds 64, two to a place: with more
 * spellings than that, in several orders, every answer is the one the
 * first (uncached) lookup gave, found or not. */
START_TEST(test_lookup_memo) {
  units *r = &ctx->s.reg;
  static const char *const bases[] = {"B", "bit", "byte", "bytes", "b", "Bps", "bps", "zorkmeg"};
  enum { NB = sizeof bases / sizeof bases[0], NMAX = 400 };
  char names[NMAX][32];
  units_match first[NMAX];
  bool found1[NMAX];
  int n = 0;
  for (size_t i = 0; i < units_nprefixes && n + (int)NB <= NMAX; i++)
    for (size_t k = 0; k < NB; k++) {
      snprintf(names[n], sizeof names[n], "%s%s", units_prefixes[i].sym, bases[k]);
      found1[n] = units_lookup(r, names[n], strlen(names[n]), &first[n]);
      n++;
    }
  ck_assert_int_gt(n, 128);
  for (int pass = 0; pass < 3; pass++)
    for (int j = 0; j < n; j++) {
      int i = pass == 1 ? n - 1 - j : (j * 7) % n; /* backwards, then strided */
      units_match m;
      bool f = units_lookup(r, names[i], strlen(names[i]), &m);
      ck_assert_msg(f == found1[i], "'%s': found %d, first %d", names[i], f, found1[i]);
      if (f) same_match(&m, &first[i], names[i]);
    }
}
END_TEST

/* The same through definitions files: "Mfoo" is foo with the mega prefix
 * until a unit named Mfoo is loaded, and again after it is removed; the
 * cached prefixed values follow the names. */
START_TEST(test_lookup_cache_defs) {
  units *r = &ctx->s.reg;
  size_t n0 = r->nunits, a0 = r->namb;
  int d0 = r->ndims;
  units_match m;
  char v[64];
  load("foo/foos = 3 B @si-up\n");
  size_t n1 = r->nunits, a1 = r->namb;
  int d1 = r->ndims;
  lookup2("Mfoo", "foo", "M", &m);
  ck_assert(!m.legacy);
  pv_str(&m, false, v, sizeof v);
  ck_assert_str_eq(v, "24000000"); /* 3 MB in bits */
  lookup2("kfoo", "foo", "k", &m);
  pv_str(&m, false, v, sizeof v);
  ck_assert_str_eq(v, "24000");
  load("Mfoo = 5 bit\n");
  lookup2("Mfoo", "Mfoo", NULL, &m);
  pv_str(&m, false, v, sizeof v);
  ck_assert_str_eq(v, "5");
  lookup2("Mfoos", "foo", "M", &m); /* the plural is not shadowed */
  pv_str(&m, false, v, sizeof v);
  ck_assert_str_eq(v, "24000000");
  units_truncate(r, n1, a1, d1);
  lookup2("Mfoo", "foo", "M", &m);
  pv_str(&m, false, v, sizeof v);
  ck_assert_str_eq(v, "24000000");
  /* A new unit at the same index gets its own prefixed values. */
  units_truncate(r, n0, a0, d0);
  ck_assert(!units_lookup(r, "kfoo", 4, &m));
  load("foo/foos = 5 B @si-up\n");
  lookup2("kfoo", "foo", "k", &m);
  ck_assert_int_eq(m.index, (long)n0);
  pv_str(&m, false, v, sizeof v);
  ck_assert_str_eq(v, "40000");
  /* Redefined (a user file's "photo = 4 MB"): the prefixed spelling found
   * before now reads the new definition. */
  load("foo = 7 B @si-up\n");
  lookup2("kfoo", "foo", "k", &m);
  ck_assert_int_eq(m.index, (long)n0 + 1);
  pv_str(&m, false, v, sizeof v);
  ck_assert_str_eq(v, "56000");
  lookup2("kfoos", "foo", "k", &m); /* the plural carries over */
  ck_assert_int_eq(m.index, (long)n0 + 1);
}
END_TEST

/* units_prefixed_value: the unit's value (in bits for information) times
 * the prefix, under each reading; only legacy spellings change, and the
 * cache keeps the readings apart whatever the order of the calls. */
static const struct {
  const char *name;
  const char *dec, *bin;
} pvs[] = {
    {"KB", "8000", "8192"},
    {"MB", "8000000", "8388608"}, /* 10^6 B vs 2^20 B */
    {"GB", "8000000000", "8589934592"},
    {"YB", "8000000000000000000000000", "9671406556917033397649408"}, /* 8 10^24 vs 8 2^80 */
    {"MBps", "8000000", "8388608"},                                   /* Bps is @legacy too */
    {"kB", "8000", "8192"},
    {"megabyte", "8000000", "8388608"}, /* words as symbols */
    {"MiB", "8388608", "8388608"},
    {"Mbit", "1000000", "1000000"},
    {"Mb", "1000000", "1000000"},
    {"ms", "1/1000", "1/1000"},
    {"B", "8", "8"}, /* no prefix: the unit's own value */
};

START_TEST(test_prefixed_value) {
  units_match m;
  const char *n = pvs[_i].name;
  ck_assert(units_lookup(&ctx->s.reg, n, strlen(n), &m));
  if (m.u->state != UNIT_READY) { /* the values are those of a resolved unit */
    err e;
    err_clear(&e);
    ck_assert_int_eq(units_ready(&ctx->s.reg, m.index, false, &e), DS_OK);
    ck_assert(units_lookup(&ctx->s.reg, n, strlen(n), &m));
  }
  ck_assert_int_eq(m.u->state, UNIT_READY);
  char v[64];
  /* decimal first, then binary, then each again (from the cache) */
  static const bool order[] = {false, true, false, true, true, false};
  for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
    bool bin = order[k];
    pv_str(&m, bin, v, sizeof v);
    ck_assert_msg(strcmp(v, bin ? pvs[_i].bin : pvs[_i].dec) == 0, "%s (binary %d, call %zu) = %s, want %s", n, bin, k,
                  v, bin ? pvs[_i].bin : pvs[_i].dec);
    /* and it is the prefix factor times the unit's value */
    mpq_t q;
    mpq_init(q);
    units_prefix_value(q, &m, bin);
    mpq_mul(q, q, units_value(m.u, bin)->n.lo);
    ck_assert(mpq_equal(q, units_prefixed_value(&ctx->s.reg, &m, bin)->lo));
    mpq_clear(q);
  }
}
END_TEST

static const struct {
  const char *name;
  bool ambiguous;
  const char *has[3]; /* substrings the message must contain */
  const char *hasnt;
} explain[] = {
    {"mb", true, {"'mb' is ambiguous", "Mb (megabit)", "MB (megabyte)"}, "millibit"},
    {"gb", true, {"'gb' is ambiguous", "Gb (gigabit)", "GB (gigabyte)"}, NULL},
    {"Kb", true, {"'Kb' is ambiguous", "kbit (kilobit)", "kB (kilobyte)"}, NULL},
    {"kb", true, {"'kb' is ambiguous", "kbit (kilobit)", "kB (kilobyte)"}, NULL},
    {"tb", true, {"Tb (terabit)", "TB (terabyte)", " or "}, NULL},
    {"terrabytes", false, {"unknown name 'terrabytes'", "did you mean 'terabytes'", NULL}, NULL},
    {"gigabites", false, {"did you mean 'gigab", NULL, NULL}, NULL},
    {"secondz", false, {"did you mean 'second", NULL, NULL}, NULL},
    {"xyzzyqwv", false, {"unknown name 'xyzzyqwv'", NULL, NULL}, "did you mean"},
};

START_TEST(test_explain) {
  char buf[512];
  const char *n = explain[_i].name;
  memset(buf, 'X', sizeof buf);
  bool amb = suggest_explain(&ctx->s.reg, n, strlen(n), NULL, 0, buf, sizeof buf);
  ck_assert_msg(amb == explain[_i].ambiguous, "'%s': ambiguous %d: %s", n, amb, buf);
  ck_assert_ptr_nonnull(memchr(buf, 0, sizeof buf));
  for (int k = 0; k < 3 && explain[_i].has[k]; k++)
    ck_assert_msg(strstr(buf, explain[_i].has[k]) != NULL, "'%s': message '%s' lacks '%s'", n, buf, explain[_i].has[k]);
  if (explain[_i].hasnt)
    ck_assert_msg(strstr(buf, explain[_i].hasnt) == NULL, "'%s': message '%s' has '%s'", n, buf, explain[_i].hasnt);
}
END_TEST

/* Extra names (functions, variables) are suggested too; a small buffer is
 * never overrun. */
START_TEST(test_explain_extra) {
  const char *const extra[] = {"sqrt", "photo"};
  char buf[256];
  suggest_explain(&ctx->s.reg, "sqrtt", 5, extra, 2, buf, sizeof buf);
  ck_assert_ptr_nonnull(strstr(buf, "did you mean 'sqrt'"));
  suggest_explain(&ctx->s.reg, "phot", 4, extra, 2, buf, sizeof buf);
  ck_assert_ptr_nonnull(strstr(buf, "'photo'"));
  char tiny[8];
  memset(tiny, 'X', sizeof tiny);
  suggest_explain(&ctx->s.reg, "mb", 2, NULL, 0, tiny, sizeof tiny);
  ck_assert_ptr_nonnull(memchr(tiny, 0, sizeof tiny));
}
END_TEST

static const struct {
  const char *name;
  const char *dim;
} dims[] = {
    {"bit", "information"}, {"MB", "information"}, {"bps", "information/time"}, {"min", "time"},
    {"USD", "money"},       {"people", "person"},  {"dozen", "a plain number"},
};

START_TEST(test_dim_name) {
  units_match m;
  char buf[128];
  ck_assert(units_lookup(&ctx->s.reg, dims[_i].name, strlen(dims[_i].name), &m));
  err e; /* built-ins are resolved on first use */
  ck_assert_int_eq(units_ready(&ctx->s.reg, m.index, false, &e), DS_OK);
  m.u = &ctx->s.reg.units[m.index];
  ck_assert_int_eq(m.u->state, UNIT_READY);
  units_dim_name(&ctx->s.reg, &m.u->value.d, buf, sizeof buf);
  ck_assert_str_eq(buf, dims[_i].dim);
}
END_TEST

/* A unit whose own value depends on the reading ("blob = 1 MB") taking SI
 * prefixes: "kblob" is not a legacy spelling, but its value still differs
 * between the readings. Regression: the prefixed-value cache keyed the
 * reading only for legacy spellings, so the first reading asked for was
 * answered for both. */
static void reading_pv(const char *name, bool binary, const char *want) {
  units_match m;
  ck_assert(units_lookup(&ctx->s.reg, name, strlen(name), &m));
  const num *v = units_prefixed_value(&ctx->s.reg, &m, binary);
  char *s = mpq_get_str(NULL, 10, v->lo);
  ck_assert_msg(strcmp(s, want) == 0, "%s (binary %d) = %s, want %s", name, binary, s, want);
  free(s);
}

START_TEST(test_reading_of_unit_value) {
  err e;
  err_clear(&e);
  ck_assert_int_eq(defs_load(&ctx->defs, "blob = 1 MB @si-up\n", 19, "t.def", &e), DS_OK);
  reading_pv("blob", false, "8000000");
  reading_pv("blob", true, "8388608");
  reading_pv("kblob", false, "8000000000");
  reading_pv("kblob", true, "8388608000");
}
END_TEST

START_TEST(test_reading_of_unit_value_api) {
  ck_assert_int_eq(ds_ctx_load_defs(ctx, "blob = 1 MB @si-up\n", 19, "t.def"), DS_OK);
  ds_result *r = NULL;
  ds_eval(ctx, "1 kblob to B", 12, &r);
  ck_assert_str_eq(ds_result_text(r), "1,000,000,000 B");
  ck_assert_uint_ge(ds_result_warning_count(r), 1); /* the 1024-based reading differs */
  ds_result_free(r);
  ds_ctx_set_binary(ctx, 1);
  ds_eval(ctx, "1 kblob to B", 12, &r);
  ck_assert_str_eq(ds_result_text(r), "1,048,576,000 B");
  ds_result_free(r);
}
END_TEST

/* Later definitions of a spelling win; truncating restores the old one. */
START_TEST(test_add_truncate) {
  units *r = &ctx->s.reg;
  size_t n0 = r->nunits, a0 = r->namb;
  int d0 = r->ndims;
  units_match m;
  ck_assert(units_lookup(r, "B", 1, &m));
  long byte = m.index;
  char *syms[] = {(char *)"B", (char *)"zz"};
  long idx = units_add(r, "zorkbyte", "zorkbytes", syms, 2, UNIT_SI_UP, "4 bit", "t.def", 1, 0);
  ck_assert_int_eq(idx, (long)n0);
  ck_assert(units_lookup(r, "B", 1, &m));
  ck_assert_int_eq(m.index, idx);
  ck_assert(units_lookup(r, "kzorkbytes", 10, &m)); /* symbol prefix on a plural word */
  ck_assert(units_lookup(r, "kilozorkbytes", 13, &m));
  ck_assert(units_add_ambiguous(r, "Zz", "zz B"));
  ck_assert(!units_lookup(r, "Zz", 2, &m));
  ck_assert_int_ge(units_add_dim(r, "zorkdim", idx), 0);
  ck_assert_int_ge(units_find_dim(r, "zorkdim", 7), 0);
  units_truncate(r, n0, a0, d0);
  ck_assert_uint_eq(r->nunits, n0);
  ck_assert_uint_eq(r->namb, a0);
  ck_assert_int_eq(r->ndims, d0);
  ck_assert(units_lookup(r, "B", 1, &m));
  ck_assert_int_eq(m.index, byte);
  ck_assert(!units_lookup(r, "zz", 2, &m));
  ck_assert_int_lt(units_find_dim(r, "zorkdim", 7), 0);
}
END_TEST

/* units_std_dim keeps the indices of information, time, item and money:
 * right in an empty registry (none), after they are declared, and after
 * they are removed again, in any order of questions. */
START_TEST(test_std_dims) {
  units r;
  units_init(&r);
  for (int k = 0; k < UNITS_STD_DIMS; k++) ck_assert_int_eq(units_std_dim(&r, (units_dim_id)k), -1);
  ck_assert_int_eq(units_add_dim(&r, "money", 0), 0);
  ck_assert_int_eq(units_add_dim(&r, "time", 0), 1);
  ck_assert_int_eq(units_std_dim(&r, UNITS_DIM_MONEY), 0);
  ck_assert_int_eq(units_std_dim(&r, UNITS_DIM_TIME), 1);
  ck_assert_int_eq(units_std_dim(&r, UNITS_DIM_ITEM), -1);
  units_truncate(&r, 0, 0, 1); /* time removed */
  ck_assert_int_eq(units_std_dim(&r, UNITS_DIM_TIME), -1);
  ck_assert_int_eq(units_add_dim(&r, "item", 0), 1); /* item where time was */
  ck_assert_int_eq(units_std_dim(&r, UNITS_DIM_ITEM), 1);
  ck_assert_int_eq(units_std_dim(&r, UNITS_DIM_TIME), -1);
  ck_assert_int_eq(units_add_dim(&r, "information", 0), 2);
  ck_assert_int_eq(units_std_dim(&r, UNITS_DIM_INFORMATION), 2);
  ck_assert_int_eq(units_std_dim(&r, UNITS_DIM_MONEY), 0);
  units_free(&r);
  /* a context's registry: the built-in dimensions */
  for (int k = 0; k < UNITS_STD_DIMS; k++) {
    static const char *const names[] = {"information", "time", "item", "money"};
    int i = units_std_dim(&ctx->s.reg, (units_dim_id)k);
    ck_assert_int_ge(i, 0);
    ck_assert_int_eq(i, units_find_dim(&ctx->s.reg, names[k], strlen(names[k])));
  }
}
END_TEST

/* The prefixed values kept in front of the cache (64 places): more
 * spellings and readings than places, asked for in several orders, each
 * is the unit's value times its prefix under that reading. */
START_TEST(test_prefixed_value_memo) {
  units *r = &ctx->s.reg;
  static const char *const bases[] = {"B", "bit", "byte", "Bps"};
  enum { NB = sizeof bases / sizeof bases[0] };
  int n = 0;
  for (int pass = 0; pass < 3; pass++)
    for (size_t i = 0; i < units_nprefixes; i++)
      for (size_t k = 0; k < NB; k++)
        for (int binary = 0; binary < 2; binary++) {
          size_t pi = pass == 1 ? units_nprefixes - 1 - i : i;
          char name[32];
          snprintf(name, sizeof name, "%s%s", units_prefixes[pi].sym, bases[k]);
          units_match m;
          if (!units_lookup(r, name, strlen(name), &m)) continue;
          const num *v = units_prefixed_value(r, &m, binary ^ (pass == 2));
          ck_assert_ptr_nonnull(v);
          mpq_t want;
          mpq_init(want);
          units_prefix_value(want, &m, binary ^ (pass == 2));
          mpq_mul(want, want, units_value(m.u, binary ^ (pass == 2))->n.lo);
          ck_assert_msg(mpq_equal(v->lo, want) && mpq_equal(v->hi, want), "'%s' (binary %d)", name, binary);
          mpq_clear(want);
          n++;
        }
  ck_assert_int_gt(n, 3 * 64);
}
END_TEST

START_TEST(test_prefix_table) {
  /* Every prefix has a symbol; SI steps are powers of 10, IEC of 2. */
  int si = 0, iec = 0;
  for (size_t i = 0; i < units_nprefixes; i++) {
    const prefix *p = &units_prefixes[i];
    ck_assert_ptr_nonnull(p->sym);
    if (p->family == UNIT_IEC) {
      ck_assert_int_eq(p->base, 2);
      ck_assert_int_eq(p->exp % 10, 0);
      iec++;
    } else {
      ck_assert_int_eq(p->base, 10);
      ck_assert_int_eq(p->exp % 3, 0);
      si++;
    }
  }
  ck_assert_int_eq(iec, 10); /* Ki .. Qi */
  ck_assert_int_ge(si, 20);  /* quecto .. quetta */
}
END_TEST

/* The order of lookups changes no answer: each spelling, looked up in a
 * registry warmed by the others in many orders and under both readings in
 * any order, matches what a fresh registry says of it alone. Regression:
 * the prefixed-value cache keyed TB and terabyte alike (same unit, same
 * prefix), so under the binary reading whichever came first answered for
 * both. */
static const char *const orders[] = {
    "KB",        "kB",        "kilobyte",  "kilobytes",    "KiB",        "kibibyte",  "kbit",       "kilobit",
    "Kbyte",     "MB",        "megabyte",  "megabytes",    "MiB",        "mebibytes", "Mb",         "Mbit",
    "megabit",   "Mbyte",     "MBps",      "Mbps",         "GB",         "gigabyte",  "gigabytes",  "GiB",
    "gibibyte",  "Gb",        "Gbit",      "gigabits",     "GBps",       "Gbyte",     "TB",         "terabyte",
    "terabytes", "TiB",       "tebibyte",  "tebibytes",    "Tb",         "Tbit",      "terabit",    "Tbyte",
    "PB",        "petabyte",  "PiB",       "pebibyte",     "EB",         "exabyte",   "EiB",        "exbibyte",
    "ZB",        "zettabyte", "ZiB",       "zebibyte",     "YB",         "yottabyte", "yottabytes", "YiB",
    "yobibyte",  "RB",        "ronnabyte", "QB",           "quettabyte", "B",         "byte",       "bytes",
    "bit",       "bits",      "b",         "blob",         "blobs",      "kblob",     "kiloblob",   "Mblob",
    "megablobs", "Kblob",     "ms",        "milliseconds",
};
#define NORDERS (sizeof orders / sizeof orders[0])

static const char orders_defs[] = "blob/blobs = 1 MB @si-up @iec @legacy\n";

/* What a lookup of `name` says: the match's fields and both values. */
typedef struct {
  bool found;
  char word[32], pf[8]; /* copies: the registry goes before the answer */
  bool legacy, plural, isword;
  char *v[2]; /* lo under the decimal and the binary reading */
} order_answer;

static void order_ask(const char *name, const bool *readings, order_answer *a) {
  units_match m;
  memset(a, 0, sizeof *a);
  if (!(a->found = units_lookup(&ctx->s.reg, name, strlen(name), &m))) return;
  if (m.u->state != UNIT_READY) {
    err e;
    err_clear(&e);
    ck_assert_int_eq(units_ready(&ctx->s.reg, m.index, false, &e), DS_OK);
    ck_assert(units_lookup(&ctx->s.reg, name, strlen(name), &m));
  }
  snprintf(a->word, sizeof a->word, "%s", m.u->word);
  snprintf(a->pf, sizeof a->pf, "%s", m.pf ? m.pf->sym : "");
  a->legacy = m.legacy, a->plural = m.plural, a->isword = m.word;
  for (int k = 0; k < 2; k++) {
    bool bin = readings[k];
    const num *v = units_prefixed_value(&ctx->s.reg, &m, bin);
    ck_assert_ptr_nonnull(v);
    ck_assert(mpq_equal(v->lo, v->hi));
    a->v[bin] = mpq_get_str(NULL, 10, v->lo);
  }
}

static void order_free(order_answer *a) {
  free(a->v[0]);
  free(a->v[1]);
}

START_TEST(test_lookup_orders) {
  static const bool dec_first[2] = {false, true};
  order_answer want[NORDERS];
  for (size_t i = 0; i < NORDERS; i++) {
    teardown();
    setup();
    load(orders_defs);
    order_ask(orders[i], dec_first, &want[i]);
    ck_assert_msg(want[i].found, "'%s' not found", orders[i]);
  }
  /* Under the binary reading TB and terabyte are 2^40 bytes, Tbit 10^12 bits. */
  for (size_t i = 0; i < NORDERS; i++)
    if (strcmp(orders[i], "terabyte") == 0 || strcmp(orders[i], "TB") == 0)
      ck_assert_str_eq(want[i].v[1], "8796093022208");
    else if (strcmp(orders[i], "Tbit") == 0) ck_assert_str_eq(want[i].v[1], "1000000000000");
  uint64_t seed = 12345; /* a 64-bit LCG on every platform */
  size_t perm[NORDERS];
  for (int round = 0; round < 24; round++) {
    teardown();
    setup();
    load(orders_defs);
    for (size_t i = 0; i < NORDERS; i++) perm[i] = i;
    /* round 0 in the table's order, round 1 backwards, then shuffled */
    for (size_t i = 0; round == 1 && i < NORDERS / 2; i++) {
      size_t t = perm[i];
      perm[i] = perm[NORDERS - 1 - i], perm[NORDERS - 1 - i] = t;
    }
    for (size_t i = NORDERS - 1; round > 1 && i > 0; i--) {
      seed = seed * 6364136223846793005u + 1442695040888963407u;
      size_t j = (size_t)(seed >> 33) % (i + 1), t = perm[i];
      perm[i] = perm[j], perm[j] = t;
    }
    for (size_t k = 0; k < NORDERS; k++) {
      size_t i = perm[k];
      bool readings[2] = {(round + k) % 2 == 1, (round + k) % 2 == 0};
      order_answer got;
      order_ask(orders[i], readings, &got);
      ck_assert_msg(got.found && strcmp(got.word, want[i].word) == 0 && strcmp(got.pf, want[i].pf) == 0 &&
                        got.legacy == want[i].legacy && got.plural == want[i].plural && got.isword == want[i].isword,
                    "round %d: '%s' matched differently after other lookups", round, orders[i]);
      for (int b = 0; b < 2; b++)
        ck_assert_msg(strcmp(got.v[b], want[i].v[b]) == 0,
                      "round %d: '%s' (binary %d) = %s after other lookups, "
                      "fresh %s",
                      round, orders[i], b, got.v[b], want[i].v[b]);
      order_free(&got);
    }
  }
  for (size_t i = 0; i < NORDERS; i++) order_free(&want[i]);
}
END_TEST

/* units_fold: the form in which catalogue items are found in any case. */
static const struct {
  const char *name, *folded; /* "" when the name has no folded form */
} folds[] = {
    {"DVDs", "dvds"},
    {"Blu-rays", "blu_rays"},
    {"hours of HD video", "hours_of_hd_video"},
    {"  Hours \t of--HD_ video ", "hours_of_hd_video"},
    {"photo_48MP", "photo_48mp"},
    {"caf\xc3\xa9s", "caf\xc3\xa9s"},
    {"", ""},
    {" - ", ""},
    {"1 TB", "1_tb"},
    {"TB/s", ""},
    {"(photos)", ""},
    {"photos.", ""},
};

START_TEST(test_fold) {
  char out[64];
  size_t n = units_fold(folds[_i].name, strlen(folds[_i].name), out, sizeof out);
  ck_assert_uint_eq(n, strlen(folds[_i].folded));
  if (n) ck_assert_str_eq(out, folds[_i].folded);
}
END_TEST

START_TEST(test_fold_cap) {
  char out[8];
  ck_assert_uint_eq(units_fold("abcdefg", 7, out, sizeof out), 7);
  ck_assert_uint_eq(units_fold("abcdefgh", 8, out, sizeof out), 0); /* no room for the NUL */
  ck_assert_uint_eq(units_fold("abc def", 7, out, sizeof out), 7);
  ck_assert_uint_eq(units_fold("abc defg", 8, out, sizeof out), 0);
}
END_TEST

/* units_find_item: an item in any case, with spaces or hyphens; never a
 * unit, never what units_lookup refuses. */
static const struct {
  const char *name;
  int found;          /* units_find_item's answer */
  const char *word;   /* the item's word when found */
  int plural, isword; /* of the spelling matched */
} items[] = {
    {"DVDs", 1, "dvd", 1, 1},
    {"DVD", 1, "dvd", 0, 1},
    {"Photos", 1, "photo", 1, 1},
    {"PICTURES", 1, "photo", 0, 0},  /* an alias */
    {"Blu-rays", 1, "bluray", 1, 1}, /* a display name, plural */
    {"BluRays", 1, "bluray", 1, 1},
    {"hours of HD video", 1, "hd_hour", 1, 1},
    {"copy of English Wikipedia", 1, "wikipedia", 0, 1}, /* a display name, singular */
    {"HD hours", 1, "hd_hour", 1, 1},
    {"Libraries of Congress", 1, "library_of_congress", 1, 1},
    {"photos", 1, "photo", 1, 1}, /* the exact spelling too */
    {"Hours", 0, NULL, 0, 0},     /* a unit, not an item */
    {"Tb", 0, NULL, 0, 0},
    {"mb", 0, NULL, 0, 0}, /* refused: Mb or MB */
    {"photoss", 0, NULL, 0, 0},
    {"photo s", 0, NULL, 0, 0},
    {"", 0, NULL, 0, 0},
};

START_TEST(test_find_item) {
  units_match m;
  int r = units_find_item(&ctx->s.reg, items[_i].name, strlen(items[_i].name), &m);
  ck_assert_msg(r == items[_i].found, "'%s': %d", items[_i].name, r);
  if (r != 1) return;
  ck_assert_str_eq(m.u->word, items[_i].word);
  ck_assert_ptr_null(m.pf);
  ck_assert_int_eq(m.plural, items[_i].plural);
  ck_assert_int_eq(m.word, items[_i].isword);
}
END_TEST

/* The index follows the registry: an item added later is found, and a
 * unit spelled like an item but for its case makes the spelling ambiguous. */
START_TEST(test_find_item_defs) {
  units_match m;
  ck_assert_int_eq(units_find_item(&ctx->s.reg, "GIZMOS", 6, &m), 0);
  const char *d1 = "[gizmo/gizmos]\nsize: 1 MB\n";
  ck_assert_int_eq(ds_ctx_load_defs(ctx, d1, strlen(d1), "a.def"), DS_OK);
  ck_assert_int_eq(units_find_item(&ctx->s.reg, "GIZMOS", 6, &m), 1);
  ck_assert_str_eq(m.u->word, "gizmo");
  const char *d2 = "GIZMO = 2 MB\n";
  ck_assert_int_eq(ds_ctx_load_defs(ctx, d2, strlen(d2), "b.def"), DS_OK);
  ck_assert_int_eq(units_find_item(&ctx->s.reg, "Gizmo", 5, &m), -1);
  ck_assert_int_eq(units_find_item(&ctx->s.reg, "Gizmos", 6, &m), 1);
  const char *d3 = "[Gizmos_x/Gizmos_xs]\nsize: 1 MB\n[gizmos_X/gizmos_Xs]\nsize: 2 MB\n";
  ck_assert_int_eq(ds_ctx_load_defs(ctx, d3, strlen(d3), "c.def"), DS_OK);
  ck_assert_int_eq(units_find_item(&ctx->s.reg, "gizmos x", 8, &m), -1); /* two items */
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("units");
  TCase *tc = tcase_create("lookup");
  tcase_add_checked_fixture(tc, setup_whole, teardown);
  SUITE_LOOP(tc, test_found, found);
  SUITE_LOOP(tc, test_refused, refused);
  tcase_add_test(tc, test_lookup_len);
  SUITE_LOOP(tc, test_prefix_value, pvals);
  SUITE_LOOP(tc, test_dim_name, dims);
  tcase_add_test(tc, test_add_truncate);
  tcase_add_test(tc, test_reading_of_unit_value);
  tcase_add_test(tc, test_reading_of_unit_value_api);
  tcase_add_test(tc, test_prefix_table);
  tcase_add_test(tc, test_lookup_cache);
  tcase_add_test(tc, test_lookup_cache_defs);
  tcase_add_test(tc, test_lookup_memo);
  tcase_add_test(tc, test_std_dims);
  tcase_add_test(tc, test_prefixed_value_memo);
  SUITE_LOOP(tc, test_prefixed_value, pvs);
  tcase_add_test(tc, test_lookup_orders);
  suite_add_tcase(s, tc);
  tc = tcase_create("explain");
  tcase_add_checked_fixture(tc, setup_whole, teardown);
  SUITE_LOOP(tc, test_explain, explain);
  tcase_add_test(tc, test_explain_extra);
  suite_add_tcase(s, tc);
  tc = tcase_create("items");
  tcase_add_checked_fixture(tc, setup_whole, teardown);
  SUITE_LOOP(tc, test_fold, folds);
  tcase_add_test(tc, test_fold_cap);
  SUITE_LOOP(tc, test_find_item, items);
  tcase_add_test(tc, test_find_item_defs);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
