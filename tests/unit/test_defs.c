/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_defs.c -- definitions files: good text, errors as FILE:LINE:COLUMN,
 * cycles, flags, names, atomic loads (a failure changes nothing), long
 * chains, and catalogue blocks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "defs.h"
#include "eval.h"
#include "lex.h"
#include "suite.h"
#include "units.h"

SUITE_CTX_FIXTURE

/* The context with its whole registry: the built-in catalogue is read on
 * first need (units_all), and these tests count and scan units. */
static void setup_whole(void) {
  setup();
  ck_assert(units_all(&ctx->s.reg));
}

extern const char ds_builtin_units[];
extern const size_t ds_builtin_units_len;
extern const char ds_builtin_catalog[];
extern const size_t ds_builtin_catalog_len;

static int load(const char *text, err *e) {
  err_clear(e);
  return defs_load(&ctx->defs, text, strlen(text), "t.def", e);
}

/* The value of a spelling (prefix included, decimal reading) in base
 * units, as "N" or "N/D"; "" when unknown. */
static void value_of(const char *name, char *out, size_t sz) {
  units_match m;
  out[0] = 0;
  if (!units_lookup(&ctx->s.reg, name, strlen(name), &m)) return;
  ck_assert_int_eq(m.u->state, UNIT_READY);
  mpq_t q;
  mpq_init(q);
  units_prefix_value(q, &m, false);
  mpq_mul(q, q, m.u->value.n.lo);
  char *s = mpq_get_str(NULL, 10, q);
  snprintf(out, sz, "%s", s);
  free(s);
  mpq_clear(q);
}

START_TEST(test_good) {
  err e;
  const char *text = "# a comment line\n"
                     "\n"
                     "widget/widgets wd wdg = 3 MB      # three megabytes\n"
                     "gadget = 2 widget @bits\n"
                     "later = 2 forward                 # a forward reference\n"
                     "forward = 5 B\r\n"
                     "rate = 1 widget / s @si-up\n"
                     "flop/flops = !flopdim\n"
                     "half = 1/2 flop\n"
                     "!ambiguous wdgs = widgets gadget\n";
  size_t n0 = ctx->s.reg.nunits;
  ck_assert_int_eq(load(text, &e), DS_OK);
  ck_assert_int_eq(e.code, DS_OK);
  ck_assert_uint_eq(ctx->s.reg.nunits, n0 + 7);
  char v[128];
  value_of("widget", v, sizeof v);
  ck_assert_str_eq(v, "24000000"); /* 3 MB in bits */
  value_of("widgets", v, sizeof v);
  ck_assert_str_eq(v, "24000000");
  value_of("wd", v, sizeof v);
  ck_assert_str_eq(v, "24000000");
  value_of("gadget", v, sizeof v);
  ck_assert_str_eq(v, "48000000");
  value_of("later", v, sizeof v);
  ck_assert_str_eq(v, "80");
  value_of("krate", v, sizeof v); /* @si-up takes prefixes */
  ck_assert_str_eq(v, "24000000000");
  value_of("half", v, sizeof v);
  ck_assert_str_eq(v, "1/2");
  units_match m;
  ck_assert(units_lookup(&ctx->s.reg, "gadget", 6, &m));
  ck_assert(m.u->flags & UNIT_BITS);
  ck_assert_str_eq(m.u->file, "t.def");
  ck_assert_int_eq(m.u->line, 4);
  ck_assert(!units_lookup(&ctx->s.reg, "kgadget", 7, &m)); /* no prefix flag */
  ck_assert(!units_lookup(&ctx->s.reg, "wdgs", 4, &m));    /* refused as ambiguous */
  ck_assert_int_ge(units_find_dim(&ctx->s.reg, "flopdim", 7), 0);
  ck_assert(units_lookup(&ctx->s.reg, "flops", 5, &m));
  char dn[64];
  units_dim_name(&ctx->s.reg, &m.u->value.d, dn, sizeof dn);
  ck_assert_str_eq(dn, "flopdim");
}
END_TEST

/* Errors name FILE:LINE:COLUMN (1-based, in characters). */
static const struct {
  const char *text;
  const char *prefix; /* the message starts with this */
  const char *has;    /* and contains this */
} errs[] = {
    {"good = 1 B\nbad = 2 nosuchunit\n", "t.def:2:9: ", "unknown name 'nosuchunit'"},
    {"  bad   =   3 zork", "t.def:1:15: ", "zork"},
    {"x = 1 B\n\n\ny = 2 x + 3 s", "t.def:4:5: ", "dimension mismatch"},
    {"x = 1 @bogus", "t.def:1:7: ", "unknown flag"},
    {"x = 1 @bits @si-upp", "t.def:1:13: ", "unknown flag"},
    {"1abc = 2", "t.def:1:1: ", "must be a name"},
    {"ok bad-name = 2", "t.def:1:4: ", "must be a name"},
    {"foo/1x = 2", "t.def:1:5: ", "plural must be a name"},
    {"novalue =", "t.def:1:9: ", "expected a definition"},
    {"novalue =   # nothing", "t.def:1:9: ", "expected a definition"},
    {"justtext", "t.def:1:1: ", "expected NAME = DEFINITION"},
    {"   # only a comment\n  oops", "t.def:2:3: ", "expected NAME = DEFINITION"},
    {"x = 1\n\xff = 2", "t.def:2:1: ", "invalid UTF-8"},
    {"x = 1\ny = 2\x01", "t.def:2:6: ", "control byte"},
    {"x = 1 +", "t.def:1:8: ", "expected"},
    {"x = (1", "t.def:1:", "'('"},
    {"x = 1/0", "t.def:1:7: ", "division by zero"},
    {"x = !information", "t.def:1:6: ", "already declared"},
    {"x = !", "t.def:1:6: ", "dimension name"},
    {"= 3", "t.def:1:1: ", "expected a name"},
    {"x = ans", "t.def:1:5: ", "no previous result"},
    {"x = 10^10^10", "t.def:1:", "too large"},
    {"!ambiguous oops", "t.def:1:", "!ambiguous NAME = CANDIDATE"},
    /* cycles, with the path */
    {"a = b\nb = a", "t.def:1:5: ", "definition cycle: a -> b -> a"},
    {"selfy = 2 selfy", "t.def:1:9: ", "definition cycle: selfy -> selfy"},
    {"p = q\nq = r\nr = 2 p", "t.def:1:5: ", "p -> q -> r -> p"},
    /* found by a search the walker starts: reading the definition finds no
     * unit "widgetes", evaluating it finds the plural of widget */
    {"gadget = 2 widgetes\nwidget = 3 gadget", "t.def:1:10: ", "definition cycle: gadget -> widget -> gadget"},
    {"gadget = 2 widget\nwidget = 3 gadgetes", "t.def:1:10: ", "definition cycle: gadget -> widget -> gadget"},
    /* catalogue blocks */
    {"[gizmo/gizmos]\nabout: no size", "t.def:1:1: ", "has no 'size:' line"},
    {"[gizmo]\nsize: 3 MB\nyear: 23", "t.def:3:7: ", "four digits"},
    {"[gizmo]\nsize: 3 MB\ncolour: red", "t.def:3:1: ", "unknown key"},
    {"[gizmo]\nsize: 3 MB\nreading: sideways", "t.def:3:10: ", "decimal or binary"},
    {"[gizmo\nsize: 3 MB", "t.def:1:7: ", "']'"},
    {"[gizmo]\nsize: 3 zork", "t.def:2:9: ", "zork"},
    /* names the language keeps: defined, they would never be used */
    {"to = 3 MB", "t.def:1:1: ", "'to' is a word of the language and cannot name a unit"},
    {"gizmo/per = 3 MB", "t.def:1:7: ", "'per' is a word of the language"},
    {"gizmo gz auto = 3 MB", "t.def:1:10: ", "'auto' is a word of the language"},
    {"x = 1\nans = 3 MB", "t.def:2:1: ", "'ans' names the previous result"},
    {"_ = 3 MB", "t.def:1:1: ", "'_' names the previous result"},
    {"sqrt = 3 MB", "t.def:1:1: ", "'sqrt' is a function and cannot name a unit"},
    {"[reset]\nsize: 3 MB", "t.def:1:2: ", "'reset' is a word of the language"},
    {"[gizmo/equivalents]\nsize: 3 MB", "t.def:1:8: ", "'equivalents' is a word"},
    {"[gizmo]\nsize: 3 MB\naliases: gz, growth", "t.def:3:14: ", "'growth' is a function"},
    /* a syntax error stops the first pass at its line, before an unknown
     * name above it is looked up */
    {"x = 2 frobnicate\ny = 1 +\nz = 3", "t.def:2:8: ", "expected"},
    {"[gizmo]\nsize: 3 MB +\nabout: x\nx = 2 frobnicate", "t.def:2:13: ", "expected"},
    {"x = 2 frobnicate\n[gizmo]\nsize: 3 MB\nrange: 1 MB ..", "t.def:4:15: ", "expected"},
};

START_TEST(test_errors) {
  err e;
  int st = load(errs[_i].text, &e);
  ck_assert_msg(st == DS_E_DEFS, "'%s': status %d (%s)", errs[_i].text, st, e.msg);
  ck_assert_int_eq(e.code, DS_E_DEFS);
  ck_assert_msg(strncmp(e.msg, errs[_i].prefix, strlen(errs[_i].prefix)) == 0, "'%s': message '%s', want prefix '%s'",
                errs[_i].text, e.msg, errs[_i].prefix);
  ck_assert_msg(strstr(e.msg, errs[_i].has) != NULL, "'%s': message '%s' lacks '%s'", errs[_i].text, e.msg,
                errs[_i].has);
}
END_TEST

/* Columns count characters, not bytes. */
START_TEST(test_error_column_chars) {
  err e;
  /* "µfoo = 1 zork": µ is two bytes and one character; zork is at
   * character 10 (byte 11). */
  /* Regression (fixed in a8b9668): defs_resolve added the definition's byte
   * offset (def_col) to a character column inside it, reporting 1:11. */
  ck_assert_int_eq(load("\xc2\xb5"
                        "foo = 1 zork",
                        &e),
                   DS_E_DEFS);
  ck_assert_msg(strncmp(e.msg, "t.def:1:10: ", 12) == 0, "message '%s'", e.msg);
}
END_TEST

/* The range of a catalogue item is checked like any definition: the error
 * names the range's own line and a column. */
START_TEST(test_error_item_range) {
  err e;
  ck_assert_int_eq(load("[gizmo]\nsize: 3 MB\nrange: 1 s .. 2 s", &e), DS_E_DEFS);
  ck_assert_ptr_nonnull(strstr(e.msg, "range"));
  /* Regression (fixed in a8b9668): defs_item_range reported "t.def:2: [gizmo]
   * range: ..." -- the line of the size, not of the range (3), and no
   * column, where defs.h promises FILE:LINE:COLUMN. */
  int line = 0, col = 0, used = 0;
  ck_assert_msg(sscanf(e.msg, "t.def:%d:%d: %n", &line, &col, &used) == 2 && used > 0, "message '%s'", e.msg);
  ck_assert_int_eq(line, 3);
  ck_assert_int_ge(col, 8);
}
END_TEST

START_TEST(test_error_column_chars_parse) {
  err e;
  /* A syntax error found while reading the line counts characters too. */
  ck_assert_int_eq(load("\xc2\xb5"
                        "foo = 1 @nope",
                        &e),
                   DS_E_DEFS);
  ck_assert_msg(strncmp(e.msg, "t.def:1:10: ", 12) == 0, "message '%s'", e.msg);
}
END_TEST

/* A failed load leaves the registry exactly as it was. */
static const char *const atomic[] = {
    "aa = 1 B\nbb = 2 aa\ncc = zork",          /* fails while resolving */
    "aa = 1 B\nbb = 2 aa\n1cc = 3",            /* fails while reading */
    "B = 4 bit\nkB = 2 B\nbad = !information", /* overrides built-ins, then fails */
    "aa = !newdim\nbb = 1 @bogus",             /* a new dimension, then fails */
    "!ambiguous MB = Mb MB\naa = zork",        /* a refusal, then fails */
    "aa = bb\nbb = aa",                        /* a cycle */
    "[gizmo]\nsize: 3 MB\nyear: 1",            /* a catalogue item, then fails */
};

START_TEST(test_atomic) {
  units *r = &ctx->s.reg;
  size_t n0 = r->nunits, a0 = r->namb;
  int d0 = r->ndims;
  err e;
  ck_assert_int_eq(load(atomic[_i], &e), DS_E_DEFS);
  ck_assert_uint_eq(r->nunits, n0);
  ck_assert_uint_eq(r->namb, a0);
  ck_assert_int_eq(r->ndims, d0);
  ck_assert_uint_eq(ctx->defs.nstack, 0);
  ck_assert_ptr_null(ctx->defs.stack); /* given back */
  units_match m;
  ck_assert(!units_lookup(r, "aa", 2, &m));
  ck_assert(!units_lookup(r, "bb", 2, &m));
  ck_assert(!units_lookup(r, "gizmo", 5, &m));
  ck_assert_int_lt(units_find_dim(r, "newdim", 6), 0);
  char v[64];
  value_of("B", v, sizeof v);
  ck_assert_str_eq(v, "8");
  value_of("kB", v, sizeof v);
  ck_assert_str_eq(v, "8000");
  value_of("MB", v, sizeof v);
  ck_assert_str_eq(v, "8000000");
  /* The registry still works: a later good load succeeds. */
  ck_assert_int_eq(load("aa = 2 MB", &e), DS_OK);
  value_of("aa", v, sizeof v);
  ck_assert_str_eq(v, "16000000");
}
END_TEST

/* Later definitions of a spelling win (user files override built-ins). */
START_TEST(test_override) {
  err e;
  ck_assert_int_eq(load("year/years yr = 365 day", &e), DS_OK);
  char v[64];
  value_of("year", v, sizeof v);
  ck_assert_str_eq(v, "31536000");
  value_of("yr", v, sizeof v);
  ck_assert_str_eq(v, "31536000");
}
END_TEST

/* Builds "c0 = 1 B\nc1 = c0\n..." (forward) or "c0 = c1\n...\cN = 1 B"
 * (each line refers to the next one). */
static char *chain(int n, bool reverse) {
  size_t cap = (size_t)n * 32 + 64, used = 0;
  char *s = malloc(cap);
  ck_assert_ptr_nonnull(s);
  for (int i = 0; i < n; i++) {
    int k;
    if (i == (reverse ? n - 1 : 0)) k = snprintf(s + used, cap - used, "c%d = 1 B\n", i);
    else k = snprintf(s + used, cap - used, "c%d = c%d\n", i, reverse ? i + 1 : i - 1);
    used += (size_t)k;
  }
  return s;
}

START_TEST(test_chain_forward) {
  err e;
  char *s = chain(10000, false);
  ck_assert_int_eq(load(s, &e), DS_OK);
  char v[64];
  value_of("c9999", v, sizeof v);
  ck_assert_str_eq(v, "8");
  free(s);
}
END_TEST

START_TEST(test_chain_backward) {
  err e;
  char *s = chain(10000, true);
  /* Regression (fixed in a8b9668): each line refers to the next (forward
   * references, which the format allows); resolution recursed and stopped
   * at CTX_RESOLVE_MAX (64): "definitions nested more than 64 deep". A
   * 10,000-long chain must load whatever order its lines are in. */
  int st = load(s, &e);
  free(s); /* before asserting: no leak when it fails */
  ck_assert_msg(st == DS_OK, "status %d: %s", st, e.msg);
  char v[64];
  value_of("c0", v, sizeof v);
  ck_assert_str_eq(v, "8");
}
END_TEST

/* The one cycle detector also serves the built-ins, resolved on first
 * use: a cycle among them is an error each time a unit of it is used (never
 * a hang), and the rest of the registry still works. */
START_TEST(test_cycle_lazy) {
  const char *text = "aa = 2 bb\nbb = 3 aa\ncc = 4 B";
  err e;
  err_clear(&e);
  ck_assert_int_eq(defs_load_builtin(&ctx->defs, text, strlen(text), "b.def", &e), DS_OK);
  for (int i = 0; i < 2; i++) {
    ds_result *r = NULL;
    ck_assert_int_eq(ds_eval(ctx, "1 aa", 4, &r), DS_E_DEFS);
    ck_assert_str_eq(ds_result_text(r), "b.def:1:6: definition cycle: aa -> bb -> aa");
    ds_result_free(r);
    ck_assert_uint_eq(ctx->defs.nstack, 0);
    units_match m;
    ck_assert(units_lookup(&ctx->s.reg, "aa", 2, &m));
    ck_assert_int_eq(m.u->state, UNIT_NEW);
  }
  char v[64];
  ck_assert_int_eq(ds_eval(ctx, "1 cc", 4, NULL), DS_OK);
  value_of("cc", v, sizeof v);
  ck_assert_str_eq(v, "32");
}
END_TEST

/* "c0 = 2 c1es", "c1 = 2 c2es", ...: reading a definition finds no unit
 * "c1es", so each unit is found by the walker, which starts a search inside
 * the search: that nesting (C stack) is bounded by DEFS_RESOLVE_MAX. */
static char *chain_plural(int n) {
  size_t cap = (size_t)n * 32 + 64, used = 0;
  char *s = malloc(cap);
  ck_assert_ptr_nonnull(s);
  for (int i = 0; i < n; i++)
    used += (size_t)(i < n - 1 ? snprintf(s + used, cap - used, "c%d = 2 c%des\n", i, i + 1)
                               : snprintf(s + used, cap - used, "c%d = 1 B\n", i));
  return s;
}

START_TEST(test_chain_nested) {
  err e;
  char *s = chain_plural(DEFS_RESOLVE_MAX);
  int st = load(s, &e);
  free(s);
  ck_assert_msg(st == DS_OK, "%s", e.msg);
  s = chain_plural(DEFS_RESOLVE_MAX + 2);
  st = load(s, &e);
  free(s);
  ck_assert_int_eq(st, DS_E_DEFS);
  ck_assert_msg(strstr(e.msg, "definitions nested more than 64 deep"), "%s", e.msg);
  ck_assert_uint_eq(ctx->defs.nstack, 0);
}
END_TEST

/* A failing chain is reported without a crash however long it is. */
START_TEST(test_chain_broken) {
  err e;
  char *s = chain(10000, true);
  char *last = strstr(s, "c9999 = 1 B");
  ck_assert_ptr_nonnull(last);
  last[10] = 'Z'; /* "c9999 = 1 Z" */
  ck_assert_int_eq(load(s, &e), DS_E_DEFS);
  ck_assert(strncmp(e.msg, "t.def:", 6) == 0);
  free(s);
}
END_TEST

/* The built-in files are loaded without the encoding check and resolved on
 * first use (defs_load_builtin). Here every line must pass the check, and
 * loading any other definitions first resolves every built-in unit and
 * item range, without error. */
/* The catalogue is read on first need (units_all): a spelling the units
 * find without it must be found the same with it, so no spelling of the
 * catalogue is one the units find, with a prefix or not. */
START_TEST(test_catalogue_held_back) {
  ds_ctx *lazy = ds_ctx_new();
  ck_assert_ptr_nonnull(lazy);
  units *r = &lazy->s.reg;
  ck_assert_ptr_nonnull(r->more); /* not read yet */
  size_t first = r->nunits;
  ds_ctx *full = ds_ctx_new();
  ck_assert_ptr_nonnull(full);
  ck_assert(units_all(&full->s.reg));
  ck_assert_uint_gt(full->s.reg.nunits, first + 60);
  ck_assert_uint_eq(full->s.reg.nbuiltin, full->s.reg.nunits);
  units_loader keep = r->more;
  r->more = NULL; /* look up without the catalogue */
  for (size_t i = first; i < full->s.reg.nunits; i++) {
    const unit *u = &full->s.reg.units[i];
    for (size_t k = 0; k < u->nnames; k++) {
      units_match m;
      ck_assert_msg(!units_lookup(r, u->names[k], strlen(u->names[k]), &m),
                    "the catalogue's spelling '%s' is found without it", u->names[k]);
    }
  }
  r->more = keep;
  ck_assert_uint_eq(r->nunits, first);
  /* an item's spelling reads the catalogue, into the room made for it:
   * no unit moves */
  const unit *before = r->units;
  units_match m;
  ck_assert(units_lookup(r, "photos", 6, &m));
  ck_assert_ptr_eq(r->units, before);
  ck_assert_ptr_null(r->more);
  ck_assert_uint_eq(r->nunits, full->s.reg.nunits);
  ck_assert_uint_eq(r->nbuiltin, full->s.reg.nbuiltin);
  ds_ctx_free(full);
  ds_ctx_free(lazy);
}
END_TEST

START_TEST(test_builtin_all_resolve) {
  const char *texts[] = {ds_builtin_units, ds_builtin_catalog};
  size_t lens[] = {ds_builtin_units_len, ds_builtin_catalog_len};
  for (int t = 0; t < 2; t++) {
    for (size_t p = 0; p < lens[t];) {
      const char *nl = memchr(texts[t] + p, '\n', lens[t] - p);
      size_t n = nl ? (size_t)(nl - (texts[t] + p)) : lens[t] - p;
      ck_assert_msg(lex_check_encoding(texts[t] + p, n) == 0, "%.*s", (int)n, texts[t] + p);
      p += n + 1;
    }
  }
  ck_assert(ctx->defs.pending);
  size_t resolved = 0;
  for (size_t i = 0; i < ctx->s.reg.nunits; i++) resolved += ctx->s.reg.units[i].state == UNIT_READY;
  ck_assert_uint_lt(resolved, ctx->s.reg.nunits / 10); /* lazy: next to none yet */
  /* Every built-in spelling and dimension name is one name token: the
   * loader does not lex them (defs_load_builtin). */
  for (size_t i = 0; i < ctx->s.reg.nunits + (size_t)ctx->s.reg.ndims; i++) {
    bool is_unit = i < ctx->s.reg.nunits;
    size_t nn = is_unit ? ctx->s.reg.units[i].nnames : 1;
    for (size_t k = 0; k < nn; k++) {
      const char *nm = is_unit ? ctx->s.reg.units[i].names[k] : ctx->s.reg.dimnames[i - ctx->s.reg.nunits];
      lex_state ls;
      lex_init(&ls, nm, strlen(nm));
      ck_assert_msg(lex_next(&ls) == 0 && ls.tok.kind == TK_NAME && ls.tok.start == 0 && ls.tok.end == strlen(nm),
                    "built-in name '%s' is not one name", nm);
    }
  }
  /* No built-in spelling is a name the language keeps, but min (the
   * minute's symbol, and a function before "("). */
  for (size_t i = 0; i < ctx->s.reg.nunits; i++) {
    const unit *u = &ctx->s.reg.units[i];
    for (size_t k = 0; k < u->nnames; k++)
      ck_assert_msg(!eval_reserved(u->names[k], strlen(u->names[k])) || strcmp(u->names[k], "min") == 0,
                    "built-in spelling '%s' %s", u->names[k], eval_reserved(u->names[k], strlen(u->names[k])));
  }
  err e;
  ck_assert_int_eq(load("", &e), DS_OK);
  ck_assert(!ctx->defs.pending);
  for (size_t i = 0; i < ctx->s.reg.nunits; i++) {
    const unit *u = &ctx->s.reg.units[i];
    ck_assert_msg(u->state == UNIT_READY, "%s", u->word);
    ck_assert_msg(!u->item || !u->item->range || u->item->range_ready, "%s", u->word);
  }
}
END_TEST

/* "d0 = 1 B", "d1 = 2 d0", ...: every value fits the size limit, but they
 * add up to n^2/2 bits. Regression: a 300,000-line chain ran into the GMP
 * budget of the command (880 MB, exit 3) instead of a size error. The
 * registry's total is bounded (UNITS_MAX_BITS), the load fails naming the
 * line, and the bits are given back by the rollback. */
START_TEST(test_chain_doubling) {
  int n = 30000;
  size_t cap = (size_t)n * 32 + 64, used = 0;
  char *s = malloc(cap);
  ck_assert_ptr_nonnull(s);
  for (int i = 0; i < n; i++)
    used += (size_t)(i ? snprintf(s + used, cap - used, "d%d = 2 d%d\n", i, i - 1)
                       : snprintf(s + used, cap - used, "d0 = 1 B\n"));
  err e;
  ck_assert_int_eq(load("", &e), DS_OK); /* the built-ins resolved (they are kept) */
  size_t n0 = ctx->s.reg.nunits, bits0 = ctx->s.reg.bits;
  int st = load(s, &e);
  free(s);
  ck_assert_int_eq(st, DS_E_DEFS);
  ck_assert_msg(strncmp(e.msg, "t.def:", 6) == 0 && strstr(e.msg, "result too large"), "%s", e.msg);
  ck_assert_uint_eq(ctx->s.reg.nunits, n0);
  ck_assert_uint_eq(ctx->s.reg.bits, bits0);
  ck_assert_int_eq(load("d0 = 3 B", &e), DS_OK);
  char v[64];
  value_of("d0", v, sizeof v);
  ck_assert_str_eq(v, "24");
}
END_TEST

/* Values are stored once when both readings agree and shared with care:
 * a unit defined with MB keeps its binary value apart, a range keeps both
 * ends, and a point unit reads the same through lo and hi. */
START_TEST(test_value_storage) {
  err e;
  ck_assert_int_eq(load("pt = 3 B\nlg = 2 MB\nrg = 1 B .. 3 B\n", &e), DS_OK);
  units_match m;
  ck_assert(units_lookup(&ctx->s.reg, "pt", 2, &m));
  ck_assert(mpq_cmp_ui(m.u->value.n.lo, 24, 1) == 0 && mpq_cmp_ui(m.u->value.n.hi, 24, 1) == 0);
  ck_assert(mpq_cmp_ui(units_value(m.u, true)->n.hi, 24, 1) == 0);
  ck_assert_ptr_null(m.u->value_bin); /* one value for both readings */
  ck_assert_str_eq(m.u->legacy, "");
  ck_assert(units_lookup(&ctx->s.reg, "lg", 2, &m));
  ck_assert(mpq_cmp_ui(m.u->value.n.lo, 16000000, 1) == 0);
  ck_assert(mpq_cmp_ui(units_value(m.u, true)->n.lo, 16777216, 1) == 0);
  ck_assert(mpq_cmp_ui(units_value(m.u, true)->n.hi, 16777216, 1) == 0);
  ck_assert_str_eq(m.u->legacy, "MB");
  ck_assert(units_lookup(&ctx->s.reg, "rg", 2, &m));
  ck_assert(mpq_cmp_ui(m.u->value.n.lo, 8, 1) == 0 && mpq_cmp_ui(m.u->value.n.hi, 24, 1) == 0);
  ck_assert(mpq_cmp_ui(units_value(m.u, true)->n.lo, 8, 1) == 0 &&
            mpq_cmp_ui(units_value(m.u, true)->n.hi, 24, 1) == 0);
  ck_assert_str_eq(m.u->file, "t.def");
}
END_TEST

START_TEST(test_catalogue_block) {
  err e;
  const char *text = "# an item\n"
                     "[gizmo/gizmos]\n"
                     "size: 3 MB\n"
                     "range: 2 MB .. 5 MB\n"
                     "aliases: gadgetry, thingamajig\n"
                     "about: a thing\n"
                     "source: Me\n"
                     "url: https://example.org/\n"
                     "year: 2023\n"
                     "reading: decimal\n"
                     "compare: yes\n"
                     "\n"
                     "after = 2 gizmo\n";
  ck_assert_int_eq(load(text, &e), DS_OK);
  units_match m;
  ck_assert(units_lookup(&ctx->s.reg, "thingamajig", 11, &m));
  ck_assert_str_eq(m.u->word, "gizmo");
  ck_assert(m.u->flags & UNIT_ITEM);
  ck_assert_ptr_nonnull(m.u->item);
  ck_assert_int_eq(m.u->item->year, 2023);
  ck_assert(m.u->item->compare);
  ck_assert_str_eq(m.u->item->source, "Me");
  ck_assert_str_eq(m.u->item->reading, "decimal");
  ck_assert_int_eq(mpq_cmp_si(m.u->item->low.n.lo, 16000000, 1), 0);
  ck_assert_int_eq(mpq_cmp_si(m.u->item->high.n.lo, 40000000, 1), 0);
  char v[64];
  value_of("gizmos", v, sizeof v);
  ck_assert_str_eq(v, "24000000");
  value_of("after", v, sizeof v);
  ck_assert_str_eq(v, "48000000");
}
END_TEST

/* Hard limits of the format give errors, not overruns. */
START_TEST(test_format_limits) {
  err e;
  char text[4096];
  size_t used = 0;
  /* 33 names on one line (the limit is 32) */
  used += (size_t)snprintf(text + used, sizeof text - used, "w0");
  for (int i = 1; i <= 32; i++) used += (size_t)snprintf(text + used, sizeof text - used, " w%d", i);
  snprintf(text + used, sizeof text - used, " = 1 B");
  ck_assert_int_eq(load(text, &e), DS_E_DEFS);
  ck_assert_ptr_nonnull(strstr(e.msg, "too many names"));
  /* more base dimensions than DIM_MAX */
  used = 0;
  for (int i = 0; i < DIM_MAX; i++) used += (size_t)snprintf(text + used, sizeof text - used, "d%d = !dim%d\n", i, i);
  size_t n0 = ctx->s.reg.nunits;
  int d0 = ctx->s.reg.ndims;
  ck_assert_int_eq(load(text, &e), DS_E_DEFS);
  ck_assert_ptr_nonnull(strstr(e.msg, "too many dimensions"));
  ck_assert_uint_eq(ctx->s.reg.nunits, n0);
  ck_assert_int_eq(ctx->s.reg.ndims, d0);
  /* 33 aliases of an item */
  used = (size_t)snprintf(text, sizeof text, "[gizmo]\nsize: 1 B\naliases:");
  for (int i = 0; i <= 32; i++) used += (size_t)snprintf(text + used, sizeof text - used, " g%d", i);
  ck_assert_int_eq(load(text, &e), DS_E_DEFS);
  ck_assert_ptr_nonnull(strstr(e.msg, "too many aliases"));
  /* a line longer than 64 KiB */
  size_t big = 70000;
  char *line = malloc(big + 16);
  ck_assert_ptr_nonnull(line);
  memcpy(line, "x = 1", 5);
  memset(line + 5, ' ', big);
  line[big + 5] = 0;
  ck_assert_int_eq(load(line, &e), DS_E_DEFS);
  ck_assert_ptr_nonnull(strstr(e.msg, "t.def:1:1: line too long"));
  free(line);
}
END_TEST

/* An empty buffer and a NULL file name are fine. */
START_TEST(test_empty) {
  err e;
  size_t n0 = ctx->s.reg.nunits;
  err_clear(&e);
  ck_assert_int_eq(defs_load(&ctx->defs, "", 0, NULL, &e), DS_OK);
  ck_assert_uint_eq(ctx->s.reg.nunits, n0);
  ck_assert_int_eq(defs_load(&ctx->defs, "x = zork", 8, NULL, &e), DS_E_DEFS);
  ck_assert_msg(strncmp(e.msg, "(definitions):1:5: ", 19) == 0, "message '%s'", e.msg);
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("defs");
  TCase *tc = tcase_create("load");
  tcase_add_checked_fixture(tc, setup_whole, teardown);
  tcase_add_test(tc, test_good);
  tcase_add_test(tc, test_override);
  tcase_add_test(tc, test_catalogue_block);
  tcase_add_test(tc, test_empty);
  tcase_add_test(tc, test_value_storage);
  tcase_add_test(tc, test_format_limits);
  SUITE_LOOP(tc, test_atomic, atomic);
  suite_add_tcase(s, tc);
  tc = tcase_create("errors");
  tcase_add_checked_fixture(tc, setup_whole, teardown);
  SUITE_LOOP(tc, test_errors, errs);
  tcase_add_test(tc, test_error_column_chars);
  tcase_add_test(tc, test_error_column_chars_parse);
  tcase_add_test(tc, test_error_item_range);
  suite_add_tcase(s, tc);
  tc = tcase_create("chains");
  tcase_add_checked_fixture(tc, setup_whole, teardown);
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_chain_forward);
  tcase_add_test(tc, test_chain_backward);
  tcase_add_test(tc, test_chain_broken);
  tcase_add_test(tc, test_cycle_lazy);
  tcase_add_test(tc, test_chain_nested);
  tcase_add_test(tc, test_chain_doubling);
  tcase_add_test(tc, test_catalogue_held_back);
  tcase_add_test(tc, test_builtin_all_resolve);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
