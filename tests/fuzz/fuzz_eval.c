/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_eval.c -- libFuzzer target: one input is one line through ds_eval.
 *
 * The line is evaluated under two sets of settings ("modes"), both with the
 * tight limits of fuzz_ctx_new(): the defaults, and the other reading of
 * KB..YB (--binary) with --exact style, explanations, no warnings (which
 * must then be absent), 3 digits, 53 bits of precision and the largest
 * nesting limit the API allows (5000). Every result and its JSON row are
 * checked by fuzz_check_result(). Beyond that, three oracles:
 *
 *  1. Order. In each mode the line runs in a brand-new context and in a
 *     warm one, which has evaluated fixed warm-up lines (many spellings of
 *     the data units, catalogue items, assignments and resets, every kind
 *     of statement), the spelling table below and every earlier input. The
 *     two JSON rows must be the same, byte for byte. After each input the
 *     warm context is rewound ("reset", then "0"), so no assignment carries
 *     over: only what the library keeps for itself (caches, built-ins
 *     resolved on first use) does, and that must never change an answer.
 *     On a difference, the shortest list of earlier lines that still shows
 *     it is printed, as a reproducer for the command.
 *  2. Spellings. At start-up each spelling of the table (TB, Tbyte,
 *     terabyte, terabytes, TiB, tebibytes, Tbit, MBps, ms, microseconds,
 *     ...) is read as "1 SPELLING to BASE" in a context of its own, in both
 *     modes. That decides which spellings mean the same quantity in each
 *     mode, by the library's own rule, and checks what the README states:
 *     in the default mode every spelling of one prefix is the same; the
 *     singular and plural of a word are the same; and the symbol forms (XB,
 *     Xbyte, Xbytes) agree with each other. Then every spelling, read in a
 *     warm context in two orders, must give its fresh value; and in each
 *     input, a spelling of the table is replaced by the others that mean
 *     the same in that mode: the line must keep its status and its exact
 *     value (the text may differ: it names the unit and the reading).
 *  3. Work. The line also runs in two contexts with the library's default
 *     limits (numbers of 2^24 bits, lines of 1 MiB, 512 million steps of
 *     work): one with the default settings, one with --exact style and
 *     explanations. In each it must return within the
 *     work budget: the CPU time of ds_eval and ds_result_json must stay
 *     under FUZZ_WORK_FACTOR (default 3) times that of a line that spends
 *     the whole budget, measured at start-up in the same build. CPU time,
 *     not wall time, so a loaded machine does not trip it.
 *
 * A broken oracle calls fuzz_known() with the id of the known bug it would
 * be ("spelling-order", "work-budget"), so DS_KNOWN_BUGS can keep `make check`
 * green until the fix lands. Short inputs also go through the listing and
 * conversion entry points (ds_ctx_completions, ds_ctx_units,
 * ds_convert_many).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#define FUZZ_MODES 2
#define FUZZ_RING 256   /* earlier lines kept for a reproducer */
#define FUZZ_VARIANTS 6 /* respelled lines tried per input and mode */
#define FUZZ_TIGHT_LINE 65536

/* ---- the spelling table ------------------------------------------------- */

typedef struct {
  const char *sym;  /* symbol prefix ("T", "Ti"), "" for none */
  const char *word; /* word prefix ("tera"), "" for none, NULL if it has none */
} fuzz_prefix;

static const fuzz_prefix fuzz_prefix_up[] = {
    {"", ""},       {"k", "kilo"},  {"K", NULL},    {"M", "mega"},   {"G", "giga"},  {"T", "tera"},
    {"P", "peta"},  {"E", "exa"},   {"Z", "zetta"}, {"Y", "yotta"},  {"R", "ronna"}, {"Q", "quetta"},
    {"Ki", "kibi"}, {"Mi", "mebi"}, {"Gi", "gibi"}, {"Ti", "tebi"},  {"Pi", "pebi"}, {"Ei", "exbi"},
    {"Zi", "zebi"}, {"Yi", "yobi"}, {"Ri", "robi"}, {"Qi", "quebi"},
};
static const fuzz_prefix fuzz_prefix_down[] = {
    {"", ""},      {"m", "milli"}, {"\xc2\xb5", "micro"}, {"u", NULL},
    {"n", "nano"}, {"p", "pico"},  {"f", "femto"},        {"a", "atto"},
};

typedef struct {
  const char *target;        /* what "1 SPELLING to TARGET" converts to */
  const fuzz_prefix *prefix; /* the prefixes it takes */
  size_t nprefix;
  const char *sym[4];  /* spellings a symbol prefix goes with (NULL-ended) */
  const char *word[3]; /* spellings a word prefix goes with */
} fuzz_base;

#define FUZZ_N(a) (sizeof(a) / sizeof((a)[0]))
static const fuzz_base fuzz_bases[] = {
    {"bit", fuzz_prefix_up, FUZZ_N(fuzz_prefix_up), {"B", "byte", "bytes", NULL}, {"byte", "bytes", NULL}},
    {"bit", fuzz_prefix_up, FUZZ_N(fuzz_prefix_up), {"b", "bit", "bits", NULL}, {"bit", "bits", NULL}},
    {"bit/s", fuzz_prefix_up, FUZZ_N(fuzz_prefix_up), {"Bps", NULL}, {NULL}},
    {"bit/s", fuzz_prefix_up, FUZZ_N(fuzz_prefix_up), {"bps", NULL}, {NULL}},
    {"s", fuzz_prefix_down, FUZZ_N(fuzz_prefix_down), {"s", "sec", "secs", NULL}, {"second", "seconds", NULL}},
};

typedef struct {
  char text[32];
  size_t len;
  int base, prefix; /* the quantity: fuzz_bases[base] under its prefix */
  int word;         /* a word prefix (or an unprefixed word) */
  int ok[FUZZ_MODES];
  char *fresh[FUZZ_MODES]; /* exact value of "1 TEXT to TARGET" in a new context */
} fuzz_spelling;

static fuzz_spelling *fuzz_spellings;
static size_t fuzz_nspellings;

/* ---- modes and the history of warm contexts ---------------------------- */

typedef struct {
  char *text;
  size_t len;
} fuzz_line;

typedef struct {
  fuzz_line *v;
  size_t n, cap;
} fuzz_lines;

typedef struct {
  const char *options; /* the command's options for the same settings */
  ds_ctx *warm;
  fuzz_lines start;          /* what the warm context evaluated at start-up */
  fuzz_line ring[FUZZ_RING]; /* the last lines it evaluated (inputs, respellings) */
  unsigned long inputs;      /* lines put in the ring so far */
} fuzz_mode;

static fuzz_mode fuzz_modes[FUZZ_MODES] = {
    {"--no-user-units --max-bits=65536 --max-line=65536", NULL, {NULL, 0, 0}, {{NULL, 0}}, 0},
    {"--no-user-units --max-bits=65536 --max-line=65536 --binary --exact --explain -q --max-depth=5000 -d 3 "
     "--precision=53",
     NULL,
     {NULL, 0, 0},
     {{NULL, 0}},
     0}};

static double fuzz_budget_seconds; /* CPU time of a line that spends the whole budget */
static double fuzz_work_factor = 3;

static const char *const fuzz_warmup[] = {"1 terabyte",
                                          "1 TB",
                                          "1 gigabyte to MB",
                                          "1 GB to B",
                                          "1 kibibyte",
                                          "1 KiB to kB",
                                          "1 KB to B",
                                          "1 kilobyte to B",
                                          "2 megabytes + 1 MB",
                                          "1 Mbyte to bytes",
                                          "3 Gbytes to GiB",
                                          "1 petabytes to PiB",
                                          "1 PB to petabytes",
                                          "1 exabyte to EB",
                                          "1 ZB to zettabytes",
                                          "1 YB to yottabyte",
                                          "1 RB to ronnabytes",
                                          "1 quettabyte to QB",
                                          "1 Tbit to terabits",
                                          "1 tebibit to Tibit",
                                          "1 Mb to Mbit",
                                          "100 Mbps to MB/s",
                                          "1 MBps to Mbps",
                                          "1 KBps to kBps",
                                          "5 Gbit/s",
                                          "1 GiB/s * 1 hour",
                                          "1400 TB / 1 Gbit/s",
                                          "1 millisecond to ms",
                                          "1 \xc2\xb5s to microseconds",
                                          "1 us to ns",
                                          "1 month to days",
                                          "1 year to s",
                                          "1 decade to years",
                                          "2 fortnights to weeks",
                                          "1400 TB to photos",
                                          "1400 TB to photos range",
                                          "1 GB to equivalents",
                                          "compare 1 TB",
                                          "check 1400 TB = 490 million photos",
                                          "check 1400 TB = 3 * 400 TB",
                                          "growth(400 TB, 1400 TB, 6 months)",
                                          "project(1400 TB, 23.2%/month, 12 months)",
                                          "1400 TB / (1 MB .. 5 MB)",
                                          "3 MB \xc2\xb1 20%",
                                          "1 GB to iec",
                                          "5 Mb to words",
                                          "1 GB to auto",
                                          "$7.5 billion / 1400 TB to USD/GB",
                                          "1400 TB / 14 million people",
                                          "sqrt(2)",
                                          "ln(10) + log2(1024) + log10(1000)",
                                          "exp(1)",
                                          "3.5^(1/6)",
                                          "round(2.5) + floor(-1.5) + ceil(1.2)",
                                          "min(1 MB, 1 MiB) + max(1 kB, 1 KiB)",
                                          "photo = 4 MB",
                                          "1400 TB to photos",
                                          "TB = 5",
                                          "2 TB",
                                          "terabyte = 3",
                                          "2 terabytes",
                                          "ans * 2",
                                          "_ + 1",
                                          "reset photo",
                                          "1400 TB to photos",
                                          "reset",
                                          "1400 mb",
                                          "1 Kb",
                                          "terrabytes",
                                          "1 TB + 1 s",
                                          "1 MiB to seconds"};

static void fuzz_mode_settings(ds_ctx *ctx, int m) {
  if (m == 0) return;
  ds_ctx_set_binary(ctx, 1);
  ds_ctx_set_style(ctx, DS_STYLE_EXACT);
  ds_ctx_set_explain(ctx, 2);
  ds_ctx_set_warnings(ctx, 0);
  ds_ctx_limit(ctx, DS_LIMIT_DEPTH, 5000);
  ds_ctx_limit(ctx, DS_LIMIT_DIGITS, 3);
  ds_ctx_limit(ctx, DS_LIMIT_PRECISION, 53);
}

/* A new context of mode m, as fresh as the library makes one. */
static ds_ctx *fuzz_mode_ctx(int m) {
  ds_ctx *ctx = fuzz_ctx_new();
  fuzz_mode_settings(ctx, m);
  return ctx;
}

static void fuzz_lines_add(fuzz_lines *ls, const char *s, size_t n) {
  if (ls->n == ls->cap) {
    size_t cap = ls->cap ? 2 * ls->cap : 64;
    fuzz_line *v = realloc(ls->v, cap * sizeof *v);
    FUZZ_CHECK(v != NULL, "out of memory in the fuzz target");
    ls->v = v;
    ls->cap = cap;
  }
  char *t = malloc(n + 1);
  FUZZ_CHECK(t != NULL, "out of memory in the fuzz target");
  memcpy(t, s, n);
  t[n] = 0;
  ls->v[ls->n].text = t;
  ls->v[ls->n++].len = n;
}

static void fuzz_lines_free(fuzz_lines *ls) {
  for (size_t i = 0; i < ls->n; i++) free(ls->v[i].text);
  free(ls->v);
  ls->v = NULL;
  ls->n = ls->cap = 0;
}

static int fuzz_is_rewind(const fuzz_line *l) {
  return (l->len == 5 && memcmp(l->text, "reset", 5) == 0) || (l->len == 1 && l->text[0] == '0');
}

/* Evaluates a line whose result is checked but not kept. */
static void fuzz_run(ds_ctx *ctx, const char *s, size_t n) {
  ds_result *r = NULL;
  int st = ds_eval(ctx, s, n, &r);
  fuzz_check_result(ctx, s, n, st, r, 0);
  ds_result_free(r);
}

/* The JSON row of one evaluation (caller frees with ds_free). */
static char *fuzz_row(ds_ctx *ctx, const char *s, size_t n) {
  ds_result *r = NULL;
  int st = ds_eval(ctx, s, n, &r);
  fuzz_check_result(ctx, s, n, st, r, 0);
  char *j = ds_result_json(r, 0);
  FUZZ_CHECK(j != NULL, "ds_result_json returned NULL");
  ds_result_free(r);
  return j;
}

/* ---- reproducers -------------------------------------------------------- */

/* Prints a line for a shell, between single quotes, bytes outside
 * printable ASCII as $'\xHH' pieces. */
static void fuzz_print_arg(const char *s, size_t n) {
  fputc('\'', stderr);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '\'') fputs("'\\''", stderr);
    else if (c >= 0x20 && c < 0x7f) fputc(c, stderr);
    else fprintf(stderr, "'$'\\x%02x''", c);
  }
  fputc('\'', stderr);
}

/* The history of mode m's warm context: the start-up lines, then, for each
 * input kept in the ring, the input, "reset" and "0". */
static void fuzz_history(int m, fuzz_lines *out) {
  fuzz_mode *md = &fuzz_modes[m];
  for (size_t i = 0; i < md->start.n; i++) fuzz_lines_add(out, md->start.v[i].text, md->start.v[i].len);
  unsigned long kept = md->inputs < FUZZ_RING ? md->inputs : FUZZ_RING;
  for (unsigned long k = md->inputs - kept; k < md->inputs; k++) {
    const fuzz_line *l = &md->ring[k % FUZZ_RING];
    if (!l->text) continue; /* too long to keep */
    fuzz_lines_add(out, l->text, l->len);
    fuzz_lines_add(out, "reset", 5);
    fuzz_lines_add(out, "0", 1);
  }
}

/* Whether the lines of h marked in keep, then "reset" and "0", make `line`
 * give a row other than `want` in a new context of mode m. */
static int fuzz_still_differs(int m, const fuzz_lines *h, const char *keep, const char *s, size_t n, const char *want) {
  ds_ctx *ctx = fuzz_mode_ctx(m);
  for (size_t i = 0; i < h->n; i++)
    if (keep[i]) ds_eval(ctx, h->v[i].text, h->v[i].len, NULL);
  fuzz_ctx_rewind(ctx);
  char *j = fuzz_row(ctx, s, n);
  int differs = strcmp(j, want) != 0;
  ds_free(j);
  ds_ctx_free(ctx);
  return differs;
}

/* Shortens the history h that makes the line differ from `want`: drops
 * chunks of lines (never the rewinds), halving the chunk size, as long as
 * the difference stays. Prints the result as a command line; at most three
 * times for each *shown counter. */
static void fuzz_reproduce(int m, fuzz_lines *h, const char *s, size_t n, const char *want, int *shown) {
  if ((*shown)++ >= 3) return; /* a known bug may break the oracle on every input */
  char *keep = malloc(h->n + 1);
  FUZZ_CHECK(keep != NULL, "out of memory in the fuzz target");
  memset(keep, 1, h->n + 1);
  if (!fuzz_still_differs(m, h, keep, s, n, want)) {
    fprintf(stderr, "fuzz: the difference does not show again from the last %d inputs alone\n", FUZZ_RING);
    free(keep);
    return;
  }
  for (size_t chunk = h->n; chunk >= 1; chunk /= 2) {
    for (size_t at = 0; at < h->n; at += chunk) {
      size_t end = at + chunk < h->n ? at + chunk : h->n, dropped = 0;
      char *saved = malloc(end - at + 1);
      FUZZ_CHECK(saved != NULL, "out of memory in the fuzz target");
      memcpy(saved, keep + at, end - at);
      for (size_t i = at; i < end; i++)
        if (keep[i] && !fuzz_is_rewind(&h->v[i])) keep[i] = 0, dropped++;
      if (dropped && !fuzz_still_differs(m, h, keep, s, n, want)) memcpy(keep + at, saved, end - at);
      free(saved);
    }
  }
  fprintf(stderr, "fuzz: reproducer: datascale %s --json", fuzz_modes[m].options);
  int pending = 0, printed = 0;
  for (size_t i = 0; i < h->n; i++) {
    if (!keep[i]) continue;
    if (fuzz_is_rewind(&h->v[i])) {
      pending = 1;
      continue;
    }
    if (pending && printed) fputs(" -e reset -e 0", stderr);
    pending = 0;
    printed = 1;
    fputs(" -e ", stderr);
    fuzz_print_arg(h->v[i].text, h->v[i].len);
  }
  fputs(" -e reset -e 0 -e ", stderr);
  fuzz_print_arg(s, n);
  fputs("\n", stderr);
  free(keep);
}

/* ---- oracle 2: spellings ------------------------------------------------ */

static void fuzz_spelling_add(int base, int prefix, int word, const char *pre, const char *unit) {
  size_t pn = strlen(pre), un = strlen(unit);
  char text[32];
  if (pn + un >= sizeof text) return;
  memcpy(text, pre, pn);
  memcpy(text + pn, unit, un + 1);
  if (strcmp(text, "as") == 0) return; /* a keyword ("1 TB as GB"), not attoseconds */
  for (size_t i = 0; i < fuzz_nspellings; i++)
    if (strcmp(fuzz_spellings[i].text, text) == 0) return; /* "byte" is a symbol and a word */
  fuzz_spellings = realloc(fuzz_spellings, (fuzz_nspellings + 1) * sizeof *fuzz_spellings);
  FUZZ_CHECK(fuzz_spellings != NULL, "out of memory in the fuzz target");
  fuzz_spelling *sp = &fuzz_spellings[fuzz_nspellings++];
  memset(sp, 0, sizeof *sp);
  memcpy(sp->text, text, strlen(text) + 1);
  sp->len = strlen(text);
  sp->base = base;
  sp->prefix = prefix;
  sp->word = word;
}

/* "1 SPELLING to TARGET" into buf. */
static size_t fuzz_spelling_line(const fuzz_spelling *sp, char *buf, size_t cap) {
  int n = snprintf(buf, cap, "1 %s to %s", sp->text, fuzz_bases[sp->base].target);
  FUZZ_CHECK(n > 0 && (size_t)n < cap, "spelling line too long");
  return (size_t)n;
}

/* The exact value of the spelling's line in ctx, or NULL when it fails. */
static char *fuzz_spelling_value(ds_ctx *ctx, const fuzz_spelling *sp) {
  char line[96];
  size_t n = fuzz_spelling_line(sp, line, sizeof line);
  ds_result *r = NULL;
  int st = ds_eval(ctx, line, n, &r);
  fuzz_check_result(ctx, line, n, st, r, 0);
  const char *ex = st == DS_OK ? ds_result_exact(r) : NULL;
  char *v = ex ? strdup(ex) : NULL;
  ds_result_free(r);
  return v;
}

static int fuzz_same(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

/* Spellings i and j mean the same quantity in mode m. */
static int fuzz_spelling_same(size_t i, size_t j, int m) {
  const fuzz_spelling *a = &fuzz_spellings[i], *b = &fuzz_spellings[j];
  return a->base == b->base && a->ok[m] && b->ok[m] && fuzz_same(a->fresh[m], b->fresh[m]);
}

/* Reads every spelling in a context of its own, in both modes, and checks
 * the rules the README states. */
static void fuzz_spellings_setup(void) {
  for (size_t b = 0; b < FUZZ_N(fuzz_bases); b++) {
    const fuzz_base *fb = &fuzz_bases[b];
    for (size_t p = 0; p < fb->nprefix; p++) {
      const fuzz_prefix *fp = &fb->prefix[p];
      for (size_t k = 0; fb->sym[k]; k++) fuzz_spelling_add((int)b, (int)p, 0, fp->sym, fb->sym[k]);
      if (fp->word)
        for (size_t k = 0; fb->word[k]; k++) fuzz_spelling_add((int)b, (int)p, 1, fp->word, fb->word[k]);
    }
  }
  for (size_t i = 0; i < fuzz_nspellings; i++) {
    for (int m = 0; m < FUZZ_MODES; m++) {
      ds_ctx *ctx = fuzz_mode_ctx(m);
      fuzz_spellings[i].fresh[m] = fuzz_spelling_value(ctx, &fuzz_spellings[i]);
      fuzz_spellings[i].ok[m] = fuzz_spellings[i].fresh[m] != NULL;
      ds_ctx_free(ctx);
    }
  }
  /* Unknown or refused spellings (Kbit, kb) drop out; the others obey the
   * stated rules, whatever the rule for a word under --binary is. */
  for (size_t i = 0; i < fuzz_nspellings; i++) {
    const fuzz_spelling *a = &fuzz_spellings[i];
    for (size_t j = i + 1; j < fuzz_nspellings; j++) {
      const fuzz_spelling *b = &fuzz_spellings[j];
      if (a->base != b->base || a->prefix != b->prefix) continue;
      for (int m = 0; m < FUZZ_MODES; m++) {
        if (!a->ok[m] || !b->ok[m]) continue;
        if (m == 0 || a->word == b->word)
          FUZZ_CHECK(fuzz_same(a->fresh[m], b->fresh[m]), "in a new context (%s), 1 %s is %s %s but 1 %s is %s %s",
                     m ? "--binary" : "default mode", a->text, a->fresh[m], fuzz_bases[a->base].target, b->text,
                     b->fresh[m], fuzz_bases[b->base].target);
      }
    }
  }
}

/* Reads every spelling in ctx (mode m), in order or in reverse, and
 * compares it with its fresh value; the lines read are added to `seen`. */
static void fuzz_spellings_in_order(ds_ctx *ctx, int m, int reverse, fuzz_lines *seen) {
  for (size_t k = 0; k < fuzz_nspellings; k++) {
    const fuzz_spelling *sp = &fuzz_spellings[reverse ? fuzz_nspellings - 1 - k : k];
    if (!sp->ok[m]) continue;
    char line[96];
    size_t n = fuzz_spelling_line(sp, line, sizeof line);
    char *v = fuzz_spelling_value(ctx, sp);
    if (!fuzz_same(v, sp->fresh[m])) {
      fuzz_lines h = {NULL, 0, 0};
      for (size_t i = 0; i < seen->n; i++) fuzz_lines_add(&h, seen->v[i].text, seen->v[i].len);
      ds_ctx *fresh = fuzz_mode_ctx(m);
      char *want = fuzz_row(fresh, line, n);
      ds_ctx_free(fresh);
      static int shown;
      fuzz_reproduce(m, &h, line, n, want, &shown);
      ds_free(want);
      fuzz_lines_free(&h);
      fuzz_known("spelling-order",
                 "order: '%s' gives %s in a context that read other spellings before (%s), %s in a new one", line,
                 v ? v : "an error", fuzz_modes[m].options, sp->fresh[m]);
    }
    free(v);
    fuzz_lines_add(seen, line, n);
  }
}

static int fuzz_name_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

/* The spelling that src[at, at + n) is, or -1. */
static long fuzz_spelling_find(const char *s, size_t n) {
  for (size_t i = 0; i < fuzz_nspellings; i++)
    if (fuzz_spellings[i].len == n && memcmp(fuzz_spellings[i].text, s, n) == 0) return (long)i;
  return -1;
}

/* Whether the name at src[at, end) is the target of an assignment (the
 * first thing on the line, then "=") or the name after "reset", where a
 * spelling is a name, not a unit. */
static int fuzz_is_bound_name(const char *src, size_t size, size_t at, size_t end) {
  size_t i = 0;
  while (i < at && (src[i] == ' ' || src[i] == '\t')) i++;
  if (i == at) {
    size_t j = end;
    while (j < size && (src[j] == ' ' || src[j] == '\t')) j++;
    if (j < size && src[j] == '=') return 1;
  }
  size_t j = at;
  while (j > 0 && (src[j - 1] == ' ' || src[j - 1] == '\t')) j--;
  return j >= 5 && memcmp(src + j - 5, "reset", 5) == 0;
}

/* "$5 B", "$0 b": the language takes a lone B or b after a dollar amount
 * for a mistake for billions, on purpose (an error that says so, where
 * "$5 byte" is a quantity): not a spelling of bytes or bits there. */
static int fuzz_dollar_b(const char *src, size_t at, size_t end) {
  if (end - at != 1 || (src[at] != 'B' && src[at] != 'b')) return 0;
  size_t j = at;
  while (j > 0 && (src[j - 1] == ' ' || src[j - 1] == '\t')) j--;
  size_t d = j;
  while (d > 0 &&
         ((src[d - 1] >= '0' && src[d - 1] <= '9') || src[d - 1] == '.' || src[d - 1] == ',' || src[d - 1] == '_'))
    d--;
  while (d < j && d > 0 && (src[d - 1] == ' ' || src[d - 1] == '\t')) d--; /* "$ 0B": a space after the $ */
  return d < j && d > 0 && src[d - 1] == '$';
}

/* Calls f on each spelling of the table that the line uses as a unit
 * (not an assigned name, not part of a longer name or of a number), with
 * its offsets; stops when f returns 0. */
static void fuzz_each_spelling(const char *src, size_t size, int (*f)(void *, long, size_t, size_t), void *arg) {
  size_t at = 0;
  while (at < size) {
    if (!fuzz_name_byte((unsigned char)src[at])) {
      at++;
      continue;
    }
    size_t end = at;
    while (end < size && (fuzz_name_byte((unsigned char)src[end]) || (src[end] >= '0' && src[end] <= '9'))) end++;
    size_t d = at;
    while (d > 0 && src[d - 1] >= '0' && src[d - 1] <= '9') d--;
    int inside = (d < at && d > 0 && fuzz_name_byte((unsigned char)src[d - 1])) ||
                 (d < at && (src[at] == 'e' || src[at] == 'E')); /* x2TB, 1e5, 3EB */
    long sp = inside || fuzz_is_bound_name(src, size, at, end) || fuzz_dollar_b(src, at, end)
                  ? -1
                  : fuzz_spelling_find(src + at, end - at);
    if (sp >= 0 && !f(arg, sp, at, end)) return;
    at = end;
  }
}

typedef struct {
  int m;
  long first[64]; /* spellings seen so far */
  size_t n;
  int mixed;
} fuzz_mix;

static int fuzz_mix_one(void *arg, long sp, size_t at, size_t end) {
  fuzz_mix *x = arg;
  (void)at, (void)end;
  const fuzz_spelling *a = &fuzz_spellings[sp];
  for (size_t i = 0; i < x->n; i++) {
    const fuzz_spelling *b = &fuzz_spellings[x->first[i]];
    if (a->base == b->base && a->prefix == b->prefix && !fuzz_same(a->fresh[x->m], b->fresh[x->m])) {
      x->mixed = 1;
      return 0;
    }
  }
  if (x->n < 64) x->first[x->n++] = sp;
  return 1;
}

/* Whether the line spells one unit and prefix in two ways that read
 * differently in mode m (MB and megabyte under --binary). */
static int fuzz_mixed_readings(const char *src, size_t size, int m) {
  fuzz_mix x;
  x.m = m;
  x.n = 0;
  x.mixed = 0;
  fuzz_each_spelling(src, size, fuzz_mix_one, &x);
  return x.mixed;
}

/* The results of a line and of the same line spelled another way agree
 * when both fail, or both succeed with the same exact value(s). */
static int fuzz_same_value(const ds_result *a, const ds_result *b) {
  if (ds_result_ok(a) != ds_result_ok(b)) return 0;
  if (!ds_result_ok(a)) return 1;
  if (ds_result_is_range(a) != ds_result_is_range(b)) return 0;
  const char *x, *y;
  if (ds_result_is_range(a)) {
    x = ds_result_low_exact(a), y = ds_result_low_exact(b);
    if ((x || y) && !fuzz_same(x, y)) return 0;
    x = ds_result_high_exact(a), y = ds_result_high_exact(b);
    return !(x || y) || fuzz_same(x, y);
  }
  x = ds_result_exact(a), y = ds_result_exact(b);
  return !(x || y) || fuzz_same(x, y);
}

typedef struct {
  int m;
  const char *src;
  size_t size;
  const ds_result *orig; /* the line in a new context */
  unsigned rot;
  int tried;
} fuzz_respelling;

static void fuzz_ring_add(fuzz_mode *md, const char *s, size_t n);

/* Tries up to two other spellings of the same quantity in place of the
 * spelling at src[at, end), in the warm context; under --binary the first
 * variant of the line also runs in a new context. */
static int fuzz_respell_one(void *arg, long sp, size_t at, size_t end) {
  fuzz_respelling *x = arg;
  fuzz_mode *md = &fuzz_modes[x->m];
  size_t nsame = 0;
  for (size_t j = 0; j < fuzz_nspellings; j++)
    if ((long)j != sp && fuzz_spelling_same((size_t)sp, j, x->m)) nsame++;
  for (size_t k = 0; k < nsame && k < 2 && x->tried < FUZZ_VARIANTS; k++, x->tried++) {
    size_t want = (x->rot + k) % nsame, j = 0, seen = 0;
    for (; j < fuzz_nspellings; j++)
      if ((long)j != sp && fuzz_spelling_same((size_t)sp, j, x->m) && seen++ == want) break;
    const fuzz_spelling *alt = &fuzz_spellings[j];
    size_t vn = x->size - (end - at) + alt->len;
    char *v = malloc(vn);
    FUZZ_CHECK(v != NULL, "out of memory in the fuzz target");
    memcpy(v, x->src, at);
    memcpy(v + at, alt->text, alt->len);
    memcpy(v + at + alt->len, x->src + end, x->size - end);
    ds_result *rw = NULL, *rf = NULL;
    ds_ctx *fresh = NULL;
    int st = ds_eval(md->warm, v, vn, &rw);
    fuzz_check_result(md->warm, v, vn, st, rw, 0);
    /* A new context costs more than the rest of the input: only for the
     * first variant under --binary, where spellings of one prefix split. */
    if ((x->tried == 0 && x->m == 1) || !fuzz_same_value(x->orig, rw)) {
      fresh = fuzz_mode_ctx(x->m);
      st = ds_eval(fresh, v, vn, &rf);
      fuzz_check_result(fresh, v, vn, st, rf, 0);
    }
    if (rf && !fuzz_same_value(x->orig, rf)) {
      char *ja = ds_result_json(x->orig, 0), *jb = ds_result_json(rf, 0);
      if (fuzz_mixed_readings(x->src, x->size, x->m) || fuzz_mixed_readings(v, vn, x->m))
        fuzz_known("spelling-order",
                   "a line that spells one prefix two ways, which read differently (%s), takes one reading "
                   "for both: '%s' respelled as '%s' in new contexts\n%s\n%s",
                   md->options, fuzz_spellings[sp].text, alt->text, ja, jb);
      else
        fuzz_fail("'%s' and '%s' mean the same in new contexts (%s), but not in this line:\n%s\n%s",
                  fuzz_spellings[sp].text, alt->text, md->options, ja, jb);
      ds_free(ja);
      ds_free(jb);
    } else if (!fuzz_same_value(x->orig, rw)) {
      char *ja = ds_result_json(x->orig, 0), *jb = ds_result_json(rw, 0);
      fuzz_known("spelling-order", "order: '%s' respelled as '%s' gives another value after other lines (%s)\n%s\n%s",
                 fuzz_spellings[sp].text, alt->text, md->options, ja, jb);
      ds_free(ja);
      ds_free(jb);
    }
    ds_result_free(rw);
    ds_result_free(rf);
    ds_ctx_free(fresh);
    fuzz_ctx_rewind(md->warm);
    fuzz_ring_add(md, v, vn);
    free(v);
  }
  return x->tried < FUZZ_VARIANTS;
}

/* Oracle 2 on an input: each spelling of the line replaced by others that
 * mean the same in mode m must keep `orig`, its result in a new context. */
static void fuzz_respell(int m, const char *src, size_t size, const ds_result *orig) {
  if (size > FUZZ_TIGHT_LINE - 64) return;
  fuzz_respelling x = {m, src, size, orig, 0, 0};
  for (size_t i = 0; i < size; i++) x.rot = x.rot * 31 + (unsigned char)src[i];
  fuzz_each_spelling(src, size, fuzz_respell_one, &x);
}

/* ---- oracle 3: the work budget ------------------------------------------ */

/* Contexts with every limit at the library's default: 0 with the default
 * settings, 1 with --exact style and explanations. */
#define FUZZ_BUDGET_CTXS 2
static ds_ctx *fuzz_budget_ctx[FUZZ_BUDGET_CTXS];
static const char *const fuzz_budget_options[FUZZ_BUDGET_CTXS] = {"", " --exact --explain"};

static ds_ctx *fuzz_budget_new(int k) {
  ds_ctx *ctx = fuzz_ctx_new_default();
  if (k == 1) {
    ds_ctx_set_style(ctx, DS_STYLE_EXACT);
    ds_ctx_set_explain(ctx, 1);
  }
  return ctx;
}

/* Measures the CPU time of the default work budget: a line of 500,000
 * products 3*3*..., each a cheap step that is charged, stops with "too
 * much work" once it has spent the whole budget. (Run with part of the
 * budget and scaled up, the fixed cost of reading the line would be
 * scaled up too.) */
static void fuzz_budget_setup(void) {
  const char *f = getenv("FUZZ_WORK_FACTOR");
  if (f && strtod(f, NULL) > 0) fuzz_work_factor = strtod(f, NULL);
  for (int k = 0; k < FUZZ_BUDGET_CTXS; k++) fuzz_budget_ctx[k] = fuzz_budget_new(k);
  ds_ctx *ctx = fuzz_budget_ctx[0];
  size_t terms = 500000, n = 2 * terms - 1;
  char *line = malloc(n);
  FUZZ_CHECK(line != NULL, "out of memory in the fuzz target");
  for (size_t i = 0; i < n; i++) line[i] = i % 2 ? '*' : '3';
  double t0 = fuzz_cpu_seconds();
  int st = ds_eval(ctx, line, n, NULL);
  fuzz_budget_seconds = fuzz_cpu_seconds() - t0;
  FUZZ_CHECK(st == DS_E_LIMIT && strstr(ds_ctx_errmsg(ctx), "work"),
             "the calibration line did not run out of work: status %d, %s", st, ds_ctx_errmsg(ctx));
  free(line);
  fuzz_ctx_rewind(ctx);
}

/* Oracle 3 on an input, in both contexts at the default limits. */
static void fuzz_budget_check(const char *src, size_t size, int registry) {
  for (int k = 0; k < FUZZ_BUDGET_CTXS; k++) {
    ds_ctx *ctx = fuzz_budget_ctx[k];
    ds_result *r = NULL;
    double t0 = fuzz_cpu_seconds();
    int st = ds_eval(ctx, src, size, &r);
    char *j = r ? ds_result_json(r, 0) : NULL;
    double t = fuzz_cpu_seconds() - t0;
    ds_free(j);
    fuzz_check_result(ctx, src, size, st, r, 0);
    ds_result_free(r);
    if (t > fuzz_work_factor * fuzz_budget_seconds)
      fuzz_known("work-budget",
                 "work: at the default limits (datascale --no-user-units%s --json) the line took %.2f s of CPU, "
                 "%.1f times the %.2f s that the whole work budget takes (status %d)",
                 fuzz_budget_options[k], t, t / fuzz_budget_seconds, fuzz_budget_seconds, st);
    if (registry) {
      ds_ctx_free(ctx);
      fuzz_budget_ctx[k] = fuzz_budget_new(k);
    } else {
      fuzz_ctx_rewind(ctx);
    }
  }
}

/* ---- set-up and the target ---------------------------------------------- */

/* Mode m's warm context: the warm-up lines and the spelling table (checked
 * against the fresh values), and, in a scratch context, the table in the
 * other order. A cache that keeps the first spelling of a prefix it meets
 * shows best when the other spelling comes later, so the default mode reads
 * the table first (symbols before words: "1 GB to B", later "1 gigabyte to
 * MB") and --binary the warm-up first (words first: "1 terabyte", then
 * "1 TB"). */
static void fuzz_warm_setup(int m) {
  fuzz_mode *md = &fuzz_modes[m];
  md->warm = fuzz_mode_ctx(m);
  for (int part = 0; part < 2; part++) {
    if ((part == 0) == (m == 0)) {
      fuzz_spellings_in_order(md->warm, m, 0, &md->start);
    } else {
      for (size_t i = 0; i < FUZZ_N(fuzz_warmup); i++) {
        fuzz_run(md->warm, fuzz_warmup[i], strlen(fuzz_warmup[i]));
        fuzz_lines_add(&md->start, fuzz_warmup[i], strlen(fuzz_warmup[i]));
      }
    }
    fuzz_ctx_rewind(md->warm);
    fuzz_lines_add(&md->start, "reset", 5);
    fuzz_lines_add(&md->start, "0", 1);
  }
  ds_ctx *scratch = fuzz_mode_ctx(m);
  fuzz_lines seen = {NULL, 0, 0};
  fuzz_spellings_in_order(scratch, m, 1, &seen);
  fuzz_lines_free(&seen);
  ds_ctx_free(scratch);
}

static void fuzz_setup(void) {
  static int done;
  if (done) return;
  done = 1;
  fuzz_spellings_setup();
  for (int m = 0; m < FUZZ_MODES; m++) fuzz_warm_setup(m);
  fuzz_budget_setup();
}

static void fuzz_listings(ds_ctx *ctx, const char *src, size_t size) {
  char *z = malloc(size + 1);
  FUZZ_CHECK(z != NULL, "out of memory in the fuzz target");
  memcpy(z, src, size);
  z[size] = 0;
  if (z[0]) {
    char *c = ds_ctx_completions(ctx, z);
    if (c) fuzz_check_text("ds_ctx_completions", c);
    ds_free(c);
  }
  char *u = ds_ctx_units(ctx, z);
  if (u) fuzz_check_text("ds_ctx_units", u);
  ds_free(u);
  double in[4] = {1, 0.5, -3e300, 1e-300}, out[4];
  int st = ds_convert_many(ctx, in, out, 4, z, "B");
  FUZZ_CHECK(st == DS_OK || ds_ctx_errmsg(ctx)[0], "ds_convert_many failed (%d) without a message", st);
  fuzz_check_text("ds_ctx_errmsg after ds_convert_many", ds_ctx_errmsg(ctx));
  st = ds_convert_many(ctx, in, out, 4, "MB", z);
  FUZZ_CHECK(st == DS_OK || ds_ctx_errmsg(ctx)[0], "ds_convert_many failed (%d) without a message", st);
  fuzz_check_text("ds_ctx_errmsg after ds_convert_many", ds_ctx_errmsg(ctx));
  free(z);
}

/* Records a line the warm context evaluated (and was rewound after). */
static void fuzz_ring_add(fuzz_mode *md, const char *s, size_t n) {
  fuzz_line *slot = &md->ring[md->inputs++ % FUZZ_RING];
  free(slot->text);
  slot->text = NULL;
  slot->len = 0;
  if (n > FUZZ_TIGHT_LINE) return;
  slot->text = malloc(n + 1);
  FUZZ_CHECK(slot->text != NULL, "out of memory in the fuzz target");
  memcpy(slot->text, s, n);
  slot->text[n] = 0;
  slot->len = n;
}

/* Oracles 1 and 2 for one mode. */
static void fuzz_mode_input(int m, const char *src, size_t size, int registry) {
  fuzz_mode *md = &fuzz_modes[m];
  ds_ctx *fresh = fuzz_mode_ctx(m);
  ds_result *r = NULL;
  int st = ds_eval(fresh, src, size, &r);
  fuzz_check_result(fresh, src, size, st, r, 0);
  if (m == 1) FUZZ_CHECK(ds_result_warning_count(r) == 0, "%zu warnings with warnings off", ds_result_warning_count(r));
  /* A line that declares a base dimension changes the registry for good:
   * it runs in new contexts only. */
  if (!registry) {
    char *want = ds_result_json(r, 0);
    char *got = fuzz_row(md->warm, src, size);
    FUZZ_CHECK(want != NULL, "ds_result_json returned NULL");
    if (strcmp(want, got) != 0) {
      fuzz_lines h = {NULL, 0, 0};
      fuzz_history(m, &h);
      static int shown;
      fuzz_reproduce(m, &h, src, size, want, &shown);
      fuzz_lines_free(&h);
      fuzz_known("spelling-order",
                 "order: the line gives another row after other lines (%s)\nnew context: %s\nwarm context: %s",
                 md->options, want, got);
    }
    ds_free(want);
    ds_free(got);
    if (m == 0 && size <= 64) fuzz_listings(md->warm, src, size);
    fuzz_ctx_rewind(md->warm);
    fuzz_ring_add(md, src, size);
    fuzz_respell(m, src, size, r);
  }
  ds_result_free(r);
  ds_ctx_free(fresh);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *src = (const char *)data;
  fuzz_setup();
  int registry = fuzz_changes_registry(src, size);
  for (int m = 0; m < FUZZ_MODES; m++) fuzz_mode_input(m, src, size, registry);
  fuzz_budget_check(src, size, registry);
  return 0;
}
