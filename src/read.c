/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * read.c -- the claims of a story, found in its prose.
 *
 * A sentence at a time (prose.c), it finds:
 *   figures   a number and a unit of data ("1,400 terabytes", "1.4 PB",
 *             "hundreds of terabytes") or of a data rate ("1 Gbps",
 *             "100 megabits per second"), with a hedge before it;
 *   pairs     "from A to B", "B, up from A": a change between two sizes,
 *             with its period ("in six months", "in July 2025 ... by
 *             January 2026");
 *   changes   ratio words ("more than tripled", "almost three times the",
 *             "a more-than-three-fold jump") and percent changes ("rose 40
 *             percent", "a 250 % increase"), checked against the figures
 *             of their sentence, or when it has none, of the nearest pair
 *             in the story; with one figure only, what the claim implies;
 *   equivalents  "the equivalent of N photos", "equals roughly N images if
 *             it were all photos", "would fill N DVDs", "N kilobytes per
 *             record": a count of a catalogue item against a size;
 *   times     "would take about N days" over a data rate.
 * Figures no claim used are reported as they stand (a pair as a change).
 * A claim is a datascale line ("check 1400 TB > 3 * 400 TB"), so its
 * verdict is check's, and a fact-checker can run it and change an
 * assumption. A ratio or percent word counts only in a sentence about
 * data: one with a figure, or a word such as "data" or "storage".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read.h"

enum { FIG_INFO, FIG_RATE };

typedef struct {
  size_t start, end;  /* the figure's words, with a hedge before it */
  char ex[READ_EX_MAX];
  int dim;            /* FIG_INFO, FIG_RATE */
  unsigned sent;
  bool vague;         /* "hundreds of terabytes" */
  bool used;
  long pair;          /* the pair it belongs to, or -1 */
} rfig;

typedef struct {
  long from, to;
  unsigned sent;
  size_t start, end;
  char period[64]; /* "6 months", or "" */
  bool used;
} rpair;

typedef enum { PEND_RATIO, PEND_EQUIV, PEND_TIME } pend_kind;

typedef struct {
  pend_kind kind;
  size_t start, end;
  unsigned sent;
  char rel[12];     /* "=", ">", "almost", ">=", "<=", "<", "about" */
  char mult[64];    /* RATIO: "3 *" or "+ 250%"; TIME: the duration */
  double factor;    /* RATIO: the multiplier (0 for percent) */
  long a, b;        /* RATIO: A = mult B in the sentence; EQUIV, TIME: the size (a), the rate (b) */
  long one;         /* RATIO: the only figure of the sentence, or -1 */
  bool one_is_from; /* it is the start of the change ("tripled from 400 TB") */
  char count[PROSE_NUM_MAX];
  char item[READ_EX_MAX]; /* EQUIV: the thing as resolved ("photos") */
} rpend;

typedef struct {
  ds_ctx *ctx;
  prose *p;
  rfig *f;
  size_t nf, capf;
  rpair *pr;
  size_t npr, cappr;
  rpend *pd;
  size_t npd, cappd;
  read_claims *out;
  bool nomem;
} reader;

#define GROW(arr, n, cap)                                              \
  do {                                                                 \
    if ((n) == (cap)) {                                                \
      size_t c_ = (cap) ? (cap) * 2 : 16;                              \
      void *p_ = realloc((arr), c_ * sizeof *(arr));                   \
      if (!p_) {                                                       \
        R->nomem = true;                                               \
        return -1;                                                     \
      }                                                                \
      (arr) = p_;                                                      \
      (cap) = c_;                                                      \
    }                                                                  \
  } while (0)

const char *read_kind_name(read_kind k) {
  static const char *const n[] = {"quantity", "change", "equivalent", "time"};
  return n[k];
}

/* ---- words ------------------------------------------------------------- */

static const prose_tok *tk(const reader *R, size_t i) { return i < R->p->n ? &R->p->t[i] : NULL; }

static bool is(const reader *R, size_t i, const char *w) { return prose_is(R->p, i, w); }

static bool is_mark(const reader *R, size_t i, const char *w) {
  const prose_tok *t = tk(R, i);
  return t && t->kind == PROSE_MARK && strcmp(t->w, w) == 0;
}

static bool is_any(const reader *R, size_t i, const char *const *ws) {
  for (; *ws; ws++)
    if (is(R, i, *ws)) return true;
  return false;
}

/* The raw text of token i. */
static void raw(const reader *R, size_t i, char *out, size_t cap) {
  const prose_tok *t = tk(R, i);
  size_t n = t->end - t->start;
  if (n >= cap) n = cap - 1;
  memcpy(out, R->p->text + t->start, n);
  out[n] = '\0';
}

/* A unit of data as written at token i: its datascale spelling in sp,
 * FIG_INFO or FIG_RATE, and how many tokens it takes; 0 when none. */
static size_t unit_at(const reader *R, size_t i, char *sp, size_t cap, int *dim) {
  const prose_tok *t = tk(R, i);
  if (!t || t->kind != PROSE_WORD) return 0;
  static const char *const sym[] = {"B",    "kB",   "KB",   "MB",   "GB",   "TB",   "PB",   "EB",   "ZB",  "YB",
                                    "KiB",  "MiB",  "GiB",  "TiB",  "PiB",  "EiB",  "ZiB",  "YiB",  "kb",  "Kb",
                                    "Mb",   "Gb",   "Tb",   "Pb",   "kbit", "Kbit", "Mbit", "Gbit", "Tbit", "Pbit",
                                    "bps",  "kbps", "Kbps", "Mbps", "Gbps", "Tbps", "MBps", "GBps", NULL};
  static const char *const stem[] = {"bit",     "byte",     "kilobit",  "megabit",  "gigabit",  "terabit",
                                     "petabit", "kilobyte", "megabyte", "gigabyte", "terabyte", "petabyte",
                                     "exabyte", "zettabyte", "yottabyte", "kibibyte", "mebibyte", "gibibyte",
                                     "tebibyte", "pebibyte", "exbibyte", NULL};
  char w[PROSE_WORD_MAX];
  raw(R, i, w, sizeof w);
  bool found = false;
  for (size_t k = 0; sym[k] && !found; k++)
    if (strcmp(w, sym[k]) == 0) found = true;
  if (found) {
    snprintf(sp, cap, "%s", w);
  } else {
    for (size_t k = 0; stem[k] && !found; k++) {
      size_t l = strlen(stem[k]);
      if (strncmp(t->w, stem[k], l) == 0 && (t->w[l] == '\0' || (t->w[l] == 's' && t->w[l + 1] == '\0'))) found = true;
    }
    if (!found) return 0;
    /* the symbol: "terabytes" is TB, "gigabits" Gbit */
    static const char *const pre[][2] = {{"kilo", "k"}, {"mega", "M"}, {"giga", "G"}, {"tera", "T"},
                                          {"peta", "P"}, {"exa", "E"},  {"zetta", "Z"}, {"yotta", "Y"},
                                          {"kibi", "Ki"}, {"mebi", "Mi"}, {"gibi", "Gi"}, {"tebi", "Ti"},
                                          {"pebi", "Pi"}, {"exbi", "Ei"}};
    const char *p = "", *rest = t->w;
    for (size_t k = 0; k < sizeof pre / sizeof *pre; k++)
      if (strncmp(t->w, pre[k][0], strlen(pre[k][0])) == 0) {
        p = pre[k][1];
        rest = t->w + strlen(pre[k][0]);
        break;
      }
    bool bits = strncmp(rest, "bit", 3) == 0;
    if (!*p) snprintf(sp, cap, "%s", bits ? "bit" : "B");
    else snprintf(sp, cap, "%s%s", p, bits ? "bit" : "B");
  }
  *dim = strstr(w, "ps") && strlen(w) <= 5 ? FIG_RATE : FIG_INFO;
  /* "MB/s", "megabits per second", "megabits a second" */
  if (*dim == FIG_INFO) {
    size_t l = strlen(sp);
    if (is_mark(R, i + 1, "/") && (is(R, i + 2, "s") || is(R, i + 2, "sec") || is(R, i + 2, "second"))) {
      snprintf(sp + l, cap - l, "/s");
      *dim = FIG_RATE;
      return 3;
    }
    if ((is(R, i + 1, "per") || is(R, i + 1, "a")) && (is(R, i + 2, "second") || is(R, i + 2, "sec"))) {
      snprintf(sp + l, cap - l, " per second");
      *dim = FIG_RATE;
      return 3;
    }
  }
  return 1;
}

static const char *const hedges[] = {"nearly", "almost", "roughly", "about", "around", "approximately",
                                     "some",   "over",   "more",    "less",  "at",     "up",
                                     "just",   "than",   "least",   "most",  "to",     "under",
                                     "an",     "estimated", NULL};

/* The relation a hedge ending just before token i gives, and where the hedge starts. */
static const char *hedge_before(const reader *R, size_t i, size_t *start) {
  *start = i;
  if (i >= 2 && is(R, i - 1, "than") && (is(R, i - 2, "more") || is(R, i - 2, "greater"))) return *start = i - 2, ">";
  if (i >= 2 && is(R, i - 1, "than") && (is(R, i - 2, "less") || is(R, i - 2, "fewer"))) return *start = i - 2, "<";
  if (i >= 2 && is(R, i - 1, "least") && is(R, i - 2, "at")) return *start = i - 2, ">=";
  if (i >= 2 && is(R, i - 1, "most") && is(R, i - 2, "at")) return *start = i - 2, "<=";
  if (i >= 2 && is(R, i - 1, "to") && is(R, i - 2, "up")) return *start = i - 2, "<=";
  if (i >= 2 && is(R, i - 1, "under") && is(R, i - 2, "just")) return *start = i - 2, "almost";
  if (i >= 2 && is(R, i - 1, "to") && is(R, i - 2, "close")) return *start = i - 2, "almost";
  if (i >= 1 && (is(R, i - 1, "nearly") || is(R, i - 1, "almost"))) return *start = i - 1, "almost";
  if (i >= 1 && (is(R, i - 1, "over") || is(R, i - 1, "above"))) return *start = i - 1, ">";
  if (i >= 1 && (is(R, i - 1, "roughly") || is(R, i - 1, "about") || is(R, i - 1, "around") ||
                 is(R, i - 1, "approximately") || is(R, i - 1, "some") || is(R, i - 1, "estimated")))
    return *start = i - 1, "about";
  return "=";
}

/* ---- figures and pairs -------------------------------------------------- */

static long add_fig(reader *R, size_t i, size_t n, const char *unit, int dim) {
  GROW(R->f, R->nf, R->capf);
  const prose_tok *t = tk(R, i);
  rfig *f = &R->f[R->nf];
  memset(f, 0, sizeof *f);
  size_t hs;
  hedge_before(R, i, &hs);
  if (hs > 0 && is(R, hs - 1, "the") && t->vague) hs--; /* "the hundreds of terabytes" */
  f->start = tk(R, hs)->start;
  f->end = tk(R, i + n)->end;
  snprintf(f->ex, sizeof f->ex, "%s %s", t->ex, unit);
  f->dim = dim;
  f->sent = t->sent;
  f->vague = t->vague;
  f->pair = -1;
  return (long)R->nf++;
}

/* Month names, for periods between dates. */
static int month_of(const reader *R, size_t i) {
  static const char *const m[] = {"january", "february", "march",     "april",   "may",      "june",
                                  "july",    "august",   "september", "october", "november", "december"};
  for (int k = 0; k < 12; k++)
    if (is(R, i, m[k])) return k + 1;
  return 0;
}

/* A date "July 2025" at token i: months since year 0, or -1. */
static long date_at(const reader *R, size_t i) {
  int m = month_of(R, i);
  const prose_tok *y = tk(R, i + 1);
  if (!m || !y || y->kind != PROSE_NUM || y->v < 1900 || y->v > 2200) return -1;
  return (long)y->v * 12 + m - 1;
}

/* A date at "in|by|since|until DATE" after token i (within 3 tokens): months, and its last token. */
static long date_after(const reader *R, size_t i, size_t *last) {
  for (size_t k = i + 1; k <= i + 4 && k < R->p->n; k++) {
    if (is(R, k, "in") || is(R, k, "by") || is(R, k, "until") || is(R, k, "since") || is(R, k, "as") ||
        is(R, k, "of")) {
      long d = date_at(R, k + 1);
      if (d >= 0) {
        *last = k + 2; /* the year */
        return d;
      }
    }
  }
  return -1;
}

/* The period a sentence gives: "in (just) six months", "over two years",
 * "between July 2025 and January 2026". */
static void period_of(const reader *R, char *out, size_t cap) {
  out[0] = '\0';
  for (size_t i = 0; i < R->p->n; i++) {
    if (is(R, i, "between")) {
      long a = date_at(R, i + 1), b = is(R, i + 3, "and") ? date_at(R, i + 4) : -1;
      if (a >= 0 && b > a) {
        snprintf(out, cap, "%ld months", b - a);
        return;
      }
    }
    if (is(R, i, "in") || is(R, i, "over") || is(R, i, "within")) {
      size_t k = i + 1;
      while (k < R->p->n && (is(R, k, "just") || is(R, k, "only") || is(R, k, "the") || is(R, k, "past") ||
                             is(R, k, "last") || is(R, k, "less") || is(R, k, "than")))
        k++;
      const prose_tok *n = tk(R, k);
      static const char *const per[] = {"days", "weeks", "months", "years", "day", "week", "month", "year", NULL};
      if (n && n->kind == PROSE_NUM && !n->vague && is_any(R, k + 1, per)) {
        snprintf(out, cap, "%s %s", n->ex, tk(R, k + 1)->w);
        return;
      }
    }
  }
}

static long add_pair(reader *R, long from, long to, size_t start, size_t end, const char *period) {
  GROW(R->pr, R->npr, R->cappr);
  rpair *q = &R->pr[R->npr];
  memset(q, 0, sizeof *q);
  q->from = from;
  q->to = to;
  q->sent = R->f[from].sent;
  q->start = start;
  q->end = end;
  snprintf(q->period, sizeof q->period, "%s", period);
  R->f[from].pair = R->f[to].pair = (long)R->npr;
  return (long)R->npr++;
}

/* ---- a sentence --------------------------------------------------------- */

typedef struct {
  long fig;   /* index in R->f */
  size_t tok; /* the number's token */
  size_t last;
} sfig;

#define SFIG_MAX 64

static bool data_words(const reader *R) {
  static const char *const w[] = {"data",     "storage",  "stored",   "stores", "store",    "storing", "archive",
                                  "archives", "files",    "footage",  "volume", "capacity", "database",
                                  "bandwidth", "traffic", "information", "cloud", "disk",    "drives",  NULL};
  for (size_t i = 0; i < R->p->n; i++)
    if (is_any(R, i, w)) return true;
  return false;
}

/* The figures of the sentence. */
static size_t sentence_figs(reader *R, sfig *sf) {
  size_t n = 0;
  for (size_t i = 0; i < R->p->n && n < SFIG_MAX; i++) {
    const prose_tok *t = tk(R, i);
    if (t->kind != PROSE_NUM || !t->ex[0]) continue;
    char unit[40];
    int dim;
    size_t k = unit_at(R, i + 1, unit, sizeof unit, &dim);
    if (!k) continue;
    long f = add_fig(R, i, k, unit, dim);
    if (f < 0) return n;
    sf[n].fig = f;
    sf[n].tok = i;
    sf[n].last = i + k;
    n++;
  }
  return n;
}

/* The figure in sf whose number is token i, or -1. */
static long sfig_at(const sfig *sf, size_t n, size_t i) {
  for (size_t k = 0; k < n; k++)
    if (sf[k].tok == i) return (long)k;
  return -1;
}

/* Skips hedges, articles and adjectives ("an astounding") from token i,
 * at most 3: the first token after them. */
static size_t skip_to_figure(const reader *R, size_t i) {
  size_t k = i;
  while (k < i + 4 && k < R->p->n && tk(R, k)->kind == PROSE_WORD &&
         (is_any(R, k, hedges) || is(R, k, "the") || is(R, k, "a") || is(R, k, "astounding") ||
          is(R, k, "staggering") || is(R, k, "whopping") || is(R, k, "estimated") || is(R, k, "record")))
    k++;
  return k;
}

static void sentence_pairs(reader *R, const sfig *sf, size_t n) {
  char period[64];
  period_of(R, period, sizeof period);
  for (size_t k = 0; k < n; k++) {
    if (R->f[sf[k].fig].dim != FIG_INFO || R->f[sf[k].fig].pair >= 0) continue;
    size_t i = sf[k].tok;
    /* "from A ... to B" */
    size_t h;
    hedge_before(R, i, &h);
    if (h > 0 && is(R, h - 1, "the")) h--;
    if (h > 0 && is(R, h - 1, "from") && !(h > 1 && is(R, h - 2, "up"))) {
      size_t from_tok = h - 1;
      for (size_t j = sf[k].last + 1; j < R->p->n && j < sf[k].last + 9; j++) {
        if (tk(R, j)->kind == PROSE_NUM && sfig_at(sf, n, j) >= 0) break;
        if (!is(R, j, "to")) continue;
        size_t m = skip_to_figure(R, j + 1);
        long b = sfig_at(sf, n, m);
        if (b < 0 || R->f[sf[b].fig].dim != FIG_INFO) break;
        size_t last = sf[b].last, dl;
        long d0 = date_after(R, sf[k].last, &dl), d1 = date_after(R, sf[b].last, &dl);
        if (d1 >= 0) last = dl;
        char per[64];
        snprintf(per, sizeof per, "%s", period);
        if (d0 >= 0 && d1 > d0) snprintf(per, sizeof per, "%ld months", d1 - d0);
        if (add_pair(R, sf[k].fig, sf[b].fig, tk(R, from_tok)->start, tk(R, last)->end, per) < 0) return;
        break;
      }
    }
    /* "B, up from A" */
    if (h > 1 && is(R, h - 1, "from") && (is(R, h - 2, "up") || is(R, h - 2, "down"))) {
      for (long b = (long)k - 1; b >= 0; b--) {
        if (R->f[sf[b].fig].dim != FIG_INFO || R->f[sf[b].fig].pair >= 0) continue;
        if (sf[k].tok - sf[b].tok > 14) break;
        size_t last = sf[k].last, dl;
        long d0 = date_after(R, sf[k].last, &dl);
        if (d0 >= 0) last = dl;
        if (add_pair(R, sf[k].fig, sf[b].fig, R->f[sf[b].fig].start, tk(R, last)->end, period) < 0) return;
        break;
      }
    }
  }
}

static long add_pend(reader *R, pend_kind kind, size_t start_tok, size_t end_tok, const char *rel) {
  GROW(R->pd, R->npd, R->cappd);
  rpend *d = &R->pd[R->npd];
  memset(d, 0, sizeof *d);
  d->kind = kind;
  d->start = tk(R, start_tok)->start;
  d->end = tk(R, end_tok)->end;
  d->sent = tk(R, start_tok)->sent;
  snprintf(d->rel, sizeof d->rel, "%s", rel);
  d->a = d->b = d->one = -1;
  return (long)R->npd++;
}

/* A ratio word at token i: the multiplier, and the last token of the
 * words; 0 when none. */
static double ratio_at(const reader *R, size_t i, size_t *last) {
  static const struct {
    const char *w;
    double f;
  } words[] = {{"doubled", 2},    {"doubles", 2},    {"doubling", 2},   {"tripled", 3},   {"triples", 3},
               {"tripling", 3},   {"trebled", 3},    {"quadrupled", 4}, {"quadruples", 4}, {"quintupled", 5},
               {"twice", 2},      {"twofold", 2},    {"threefold", 3},  {"fourfold", 4},  {"fivefold", 5},
               {"tenfold", 10},   {"halved", 0.5}};
  const prose_tok *t = tk(R, i);
  *last = i;
  if (!t) return 0;
  if (t->kind == PROSE_WORD)
    for (size_t k = 0; k < sizeof words / sizeof *words; k++)
      if (strcmp(t->w, words[k].w) == 0) return words[k].f;
  if (t->kind == PROSE_NUM && !t->vague && t->v > 1 && t->v <= 1000) {
    /* "three times", "3-fold", "3x" */
    if (is(R, i + 1, "times") || is(R, i + 1, "fold") || (is(R, i + 1, "x") && tk(R, i + 1)->start == t->end)) {
      *last = i + 1;
      return t->v;
    }
  }
  return 0;
}

static void sentence_ratios(reader *R, const sfig *sf, size_t n, bool about_data) {
  for (size_t i = 0; i < R->p->n; i++) {
    size_t last;
    double f = ratio_at(R, i, &last);
    bool pct = false;
    bool down = false;
    const prose_tok *t = tk(R, i);
    size_t pct_tok = 0;
    if (!f && t->kind == PROSE_NUM && !t->vague && (is_mark(R, i + 1, "%") || is(R, i + 1, "percent") ||
                                                    (is(R, i + 1, "per") && is(R, i + 2, "cent")))) {
      /* "rose 40 percent", "up 40%", "a 250 % increase" */
      static const char *const up[] = {"rose", "grew", "increased", "jumped", "climbed", "up", "surged", "swelled",
                                       "expanded", "soared", "by", "gained", NULL};
      static const char *const dn[] = {"fell", "dropped", "declined", "down", "decreased", "shrank", "slid", NULL};
      static const char *const after[] = {"increase", "rise", "jump", "growth", "gain", "more", "larger", "bigger",
                                          NULL};
      static const char *const after_dn[] = {"drop", "decrease", "decline", "fall", "less", "smaller", NULL};
      size_t e = is_mark(R, i + 1, "%") || is(R, i + 1, "percent") ? i + 1 : i + 2;
      size_t h;
      hedge_before(R, i, &h);
      bool hit = false;
      for (size_t b = 1; b <= 3 && h >= b && !hit; b++) {
        if (is_any(R, h - b, up)) hit = true;
        else if (is_any(R, h - b, dn)) hit = down = true;
      }
      if (!hit && is_any(R, e + 1, after)) hit = true, e++;
      else if (!hit && is_any(R, e + 1, after_dn)) hit = down = true, e++;
      if (!hit) continue;
      pct = true;
      pct_tok = e;
      last = e;
    }
    if (!f && !pct) continue;
    if (!about_data) continue;
    size_t h;
    const char *rel = hedge_before(R, i, &h);
    if (strcmp(rel, "=") == 0) rel = "about"; /* "tripled": a round figure */
    size_t qs = h, qe = last;
    if (qs > 0 && is(R, qs - 1, "a")) qs--;
    static const char *const nouns[] = {"jump", "increase", "rise", "growth", "leap", "surge", "expansion", NULL};
    if (!pct && is_any(R, qe + 1, nouns)) qe++;
    long d = add_pend(R, PEND_RATIO, qs, qe, rel);
    if (d < 0) return;
    rpend *p = &R->pd[d];
    if (pct) {
      snprintf(p->mult, sizeof p->mult, "%s %s%%", down ? "-" : "+", t->ex);
      p->factor = 0;
      (void)pct_tok;
    } else {
      snprintf(p->mult, sizeof p->mult, "%.15g *", f);
      p->factor = f;
    }
    /* "A ... three times (the|as much as) B" */
    if (!pct && (is(R, last, "times") || is(R, last, "twice"))) {
      size_t m = last + 1;
      while (m < R->p->n && m < last + 5 &&
             (is(R, m, "the") || is(R, m, "as") || is(R, m, "much") || is(R, m, "large") || is(R, m, "big") ||
              is(R, m, "that") || is(R, m, "of") || is(R, m, "more") || is(R, m, "larger") || is(R, m, "than")))
        m++;
      m = skip_to_figure(R, m);
      long b = sfig_at(sf, n, m);
      long a = -1;
      for (size_t k = 0; k < n; k++)
        if (sf[k].tok < i && R->f[sf[k].fig].dim == FIG_INFO) a = (long)k;
      if (b >= 0 && a >= 0 && R->f[sf[b].fig].dim == FIG_INFO) {
        p->a = sf[a].fig;
        p->b = sf[b].fig;
        continue;
      }
    }
    /* the only figure of the sentence, if one: "tripled ... to 1,400 TB" */
    long only = -1;
    size_t info = 0;
    for (size_t k = 0; k < n; k++)
      if (R->f[sf[k].fig].dim == FIG_INFO) info++, only = (long)k;
    if (info == 1) {
      p->one = sf[only].fig;
      size_t hb;
      hedge_before(R, sf[only].tok, &hb);
      p->one_is_from = hb > 0 && is(R, hb - 1, "from");
    }
  }
}

/* Resolves the thing a count names: the longest of the words from token
 * i that ds_eval reads as a catalogue item ("hours of HD video"); a few
 * words prose uses for them ("images", "footage") are read as the
 * catalogue names them. */
static bool item_at(reader *R, size_t i, size_t *last, char *out, size_t cap) {
  size_t end = i;
  while (end < R->p->n && end < i + 6 && tk(R, end)->kind == PROSE_WORD && !is(R, end, "if") &&
         !is(R, end, "and") && !is(R, end, "or") && !is(R, end, "in") && !is(R, end, "on"))
    end++;
  for (size_t e = end; e > i; e--) {
    char phrase[READ_EX_MAX] = "";
    for (size_t k = i; k < e; k++) {
      char w[PROSE_WORD_MAX];
      raw(R, k, w, sizeof w);
      size_t l = strlen(phrase);
      snprintf(phrase + l, sizeof phrase - l, "%s%s", k > i ? " " : "", w);
    }
    static const struct {
      const char *prose, *item;
    } syn[] = {{"hours of footage", "hours of HD video"}, {"hours of video", "hours of HD video"},
               {"movies", "HD films"}, {"films", "HD films"}, {"books", "e-books"}, {"songs", "songs"}};
    for (size_t s = 0; s < sizeof syn / sizeof *syn; s++)
      if (strcmp(phrase, syn[s].prose) == 0) snprintf(phrase, sizeof phrase, "%s", syn[s].item);
    char line[READ_EX_MAX + 8];
    snprintf(line, sizeof line, "2 %s", phrase);
    ds_result *r = NULL;
    int st = ds_eval(R->ctx, line, strlen(line), &r);
    bool ok = st == DS_OK && ds_result_item(r) != NULL;
    ds_result_free(r);
    if (st == DS_E_NOMEM) R->nomem = true;
    if (ok) {
      snprintf(out, cap, "%s", phrase);
      *last = e - 1;
      return true;
    }
  }
  return false;
}

static void sentence_equivalents(reader *R, const sfig *sf, size_t n) {
  for (size_t i = 0; i < R->p->n; i++) {
    size_t k = 0;
    if (is(R, i, "equivalent") && (is(R, i + 1, "of") || is(R, i + 1, "to"))) k = i + 2;
    else if (is(R, i, "equals") || is(R, i, "equal") || is(R, i, "equalling") || is(R, i, "equaling"))
      k = is(R, i + 1, "to") ? i + 2 : i + 1;
    else if (is(R, i, "fill") || is(R, i, "fills") || is(R, i, "filling")) k = i + 1;
    else if (is(R, i, "same") && is(R, i + 1, "as")) k = i + 2;
    else if ((is(R, i, "enough") && is(R, i + 1, "for")) || (is(R, i, "worth") && is(R, i + 1, "of"))) k = i + 2;
    if (!k) continue;
    size_t c = k;
    while (c < R->p->n && c < k + 4 && tk(R, c)->kind == PROSE_WORD &&
           (is_any(R, c, hedges) || is(R, c, "the") || is(R, c, "some")))
      c++;
    const prose_tok *cnt = tk(R, c);
    if (!cnt || cnt->kind != PROSE_NUM || !cnt->ex[0] || sfig_at(sf, n, c) >= 0) continue;
    char item[READ_EX_MAX];
    size_t last;
    if (!item_at(R, c + 1, &last, item, sizeof item)) continue;
    /* "... images if it were all photos": the thing the hypothesis names */
    size_t qe = last;
    for (size_t j = last + 1; j < R->p->n && j < last + 3; j++)
      if (is(R, j, "if") && (is(R, j + 1, "it") || is(R, j + 1, "they")) && is(R, j + 2, "were") &&
          is(R, j + 3, "all")) {
        char it2[READ_EX_MAX];
        size_t l2;
        if (item_at(R, j + 4, &l2, it2, sizeof it2)) {
          snprintf(item, sizeof item, "%s", it2);
          qe = l2;
        }
      }
    size_t h;
    const char *rel = hedge_before(R, c, &h);
    /* a count of things is a rounded figure: "roughly 490 million" is
     * checked as 490 million, to its own precision */
    if (strcmp(rel, "about") == 0) rel = "=";
    long d = add_pend(R, PEND_EQUIV, h, qe, rel);
    if (d < 0) return;
    rpend *p = &R->pd[d];
    snprintf(p->count, sizeof p->count, "%s", cnt->ex);
    snprintf(p->item, sizeof p->item, "%s", item);
    for (size_t f = 0; f < n; f++)
      if (sf[f].tok < i && R->f[sf[f].fig].dim == FIG_INFO) p->a = sf[f].fig;
    i = qe;
  }
}

static void sentence_times(reader *R, const sfig *sf, size_t n) {
  static const char *const take[] = {"take", "takes", "took", "taking", "last", "lasts", NULL};
  static const char *const dur[] = {"seconds", "minutes", "hours", "days", "weeks", "months", "years",
                                    "second",  "minute",  "hour",  "day",  "week",  "month",  "year", NULL};
  for (size_t i = 0; i < R->p->n; i++) {
    if (!is_any(R, i, take)) continue;
    size_t c = i + 1;
    while (c < R->p->n && c < i + 5 && tk(R, c)->kind == PROSE_WORD && !is_any(R, c, dur)) c++;
    const prose_tok *num = tk(R, c);
    if (!num || num->kind != PROSE_NUM || !num->ex[0] || !is_any(R, c + 1, dur)) continue;
    size_t h;
    const char *rel = hedge_before(R, c, &h);
    long d = add_pend(R, PEND_TIME, i, c + 1, rel);
    if (d < 0) return;
    rpend *p = &R->pd[d];
    snprintf(p->mult, sizeof p->mult, "%s %s", num->ex, tk(R, c + 1)->w);
    for (size_t f = 0; f < n; f++) {
      if (R->f[sf[f].fig].dim == FIG_RATE && p->b < 0) p->b = sf[f].fig;
      if (R->f[sf[f].fig].dim == FIG_INFO && sf[f].tok < c) p->a = sf[f].fig;
    }
  }
}

static int read_sentence(reader *R) {
  sfig sf[SFIG_MAX];
  size_t n = sentence_figs(R, sf);
  if (R->nomem) return DS_E_NOMEM;
  sentence_pairs(R, sf, n);
  sentence_ratios(R, sf, n, n > 0 || data_words(R));
  sentence_equivalents(R, sf, n);
  sentence_times(R, sf, n);
  return R->nomem ? DS_E_NOMEM : DS_OK;
}

/* ---- claims ------------------------------------------------------------- */

static read_claim *add_claim(reader *R, read_kind kind, size_t start, size_t end) {
  read_claims *o = R->out;
  if (o->n == o->cap) {
    size_t cap = o->cap ? o->cap * 2 : 16;
    read_claim *c = realloc(o->c, cap * sizeof *c);
    if (!c) {
      R->nomem = true;
      return NULL;
    }
    o->c = c;
    o->cap = cap;
  }
  read_claim *c = &o->c[o->n++];
  memset(c, 0, sizeof *c);
  c->kind = kind;
  c->start = start;
  c->end = end;
  return c;
}

static void use_fig(reader *R, read_claim *c, long f) {
  if (f < 0 || c->nfig >= READ_FIGS) return;
  R->f[f].used = true;
  c->fig[c->nfig].start = R->f[f].start;
  c->fig[c->nfig].end = R->f[f].end;
  snprintf(c->fig[c->nfig].ex, sizeof c->fig[c->nfig].ex, "%s", R->f[f].ex);
  c->nfig++;
}

/* The pair nearest sentence s (the earlier on a tie), or -1. */
static long nearest_pair(const reader *R, unsigned s) {
  long best = -1;
  unsigned bd = 0;
  for (size_t k = 0; k < R->npr; k++) {
    const rpair *q = &R->pr[k];
    if (R->f[q->from].vague || R->f[q->to].vague) continue;
    unsigned d = q->sent > s ? q->sent - s : s - q->sent;
    if (best < 0 || d < bd) best = (long)k, bd = d;
  }
  return best;
}

/* The figure of data nearest before sentence s (or in it, before byte at): in a
 * sentence with a pair, the pair's end ("1,400 TB, up from 400 TB"). */
static long figure_before(const reader *R, unsigned s, size_t at) {
  long best = -1;
  for (size_t k = 0; k < R->nf; k++) {
    const rfig *f = &R->f[k];
    if (f->dim != FIG_INFO || f->vague || f->sent > s || (f->sent == s && f->start >= at)) continue;
    if (best < 0 || f->sent > R->f[best].sent) best = (long)k;
    else if (f->sent == R->f[best].sent && R->f[best].pair >= 0 && R->pr[R->f[best].pair].to == (long)k) best = (long)k;
    else if (f->sent == R->f[best].sent && !(R->f[best].pair >= 0 && R->pr[R->f[best].pair].to == best)) best = (long)k;
  }
  return best;
}

static void claim_ratio(reader *R, rpend *d) {
  read_claim *c = add_claim(R, READ_CHANGE, d->start, d->end);
  if (!c) return;
  const char *op = strcmp(d->rel, "about") == 0 ? "= about" : strcmp(d->rel, "almost") == 0 ? "= almost" : d->rel;
  long a = d->a, b = d->b;
  if (a < 0) {
    long q = -1;
    /* a pair in the sentence, else the one alone, else the nearest pair */
    for (size_t k = 0; k < R->npr; k++)
      if (R->pr[k].sent == d->sent && !R->f[R->pr[k].from].vague) q = (long)k;
    if (q < 0 && d->one < 0) q = nearest_pair(R, d->sent);
    if (q < 0 && d->one >= 0) {
      long other = nearest_pair(R, d->sent);
      if (other >= 0) q = other;
    }
    if (q >= 0) {
      a = R->pr[q].to;
      b = R->pr[q].from;
      R->pr[q].used = true;
      c->far = R->pr[q].sent != d->sent;
    }
  }
  if (a >= 0 && b >= 0) {
    if (d->factor > 0)
      snprintf(c->expr, sizeof c->expr, "check %s %s %s %s", R->f[a].ex, op, d->mult, R->f[b].ex);
    else
      snprintf(c->expr, sizeof c->expr, "check %s %s %s %s", R->f[a].ex, op, R->f[b].ex, d->mult);
    use_fig(R, c, a);
    use_fig(R, c, b);
    return;
  }
  c->fixed = "unchecked";
  if (d->one >= 0) {
    use_fig(R, c, d->one);
    const char *ex = R->f[d->one].ex;
    if (d->factor > 0) {
      if (d->one_is_from) snprintf(c->expr, sizeof c->expr, "%s * %s", d->mult, ex);
      else snprintf(c->expr, sizeof c->expr, "%s / %.15g", ex, d->factor);
    } else {
      snprintf(c->expr, sizeof c->expr, "%s %s", ex, d->mult);
    }
    snprintf(c->why, sizeof c->why, "the story gives no %s figure; the claim implies %s", d->one_is_from ? "end" : "starting",
             d->one_is_from ? "an end of" : "a start near");
  } else {
    snprintf(c->why, sizeof c->why, "the story gives no figures to check it against");
  }
}

static void claim_equiv(reader *R, rpend *d) {
  read_claim *c = add_claim(R, READ_EQUIVALENT, d->start, d->end);
  if (!c) return;
  long a = d->a >= 0 ? d->a : figure_before(R, d->sent, d->start);
  if (a < 0) {
    c->fixed = "unchecked";
    snprintf(c->expr, sizeof c->expr, "%s %s", d->count, d->item);
    snprintf(c->why, sizeof c->why, "the story gives no size for it; the count is");
    return;
  }
  c->far = R->f[a].sent != d->sent;
  const char *op = strcmp(d->rel, "almost") == 0 ? "= almost" : d->rel;
  snprintf(c->expr, sizeof c->expr, "check %s %s %s %s", R->f[a].ex, op, d->count, d->item);
  use_fig(R, c, a);
}

static void claim_time(reader *R, rpend *d) {
  read_claim *c = add_claim(R, READ_TIME, d->start, d->end);
  if (!c) return;
  long a = d->a >= 0 ? d->a : figure_before(R, d->sent, d->start);
  const char *op = strcmp(d->rel, "about") == 0 ? "= about" : strcmp(d->rel, "almost") == 0 ? "= almost" : d->rel;
  if (a >= 0 && d->b >= 0) {
    snprintf(c->expr, sizeof c->expr, "check %s / (%s) %s %s", R->f[a].ex, R->f[d->b].ex, op, d->mult);
    use_fig(R, c, a);
    use_fig(R, c, d->b);
    c->far = R->f[a].sent != d->sent;
    return;
  }
  c->fixed = "unchecked";
  if (a >= 0) {
    use_fig(R, c, a);
    snprintf(c->expr, sizeof c->expr, "%s / (%s) to Mbit/s", R->f[a].ex, d->mult);
    snprintf(c->why, sizeof c->why, "the story gives no data rate; the claim implies");
  } else {
    snprintf(c->why, sizeof c->why, "the story gives no size for it");
  }
}

static void claim_rest(reader *R) {
  for (size_t k = 0; k < R->npr; k++) {
    rpair *q = &R->pr[k];
    if (q->used || R->f[q->from].used || R->f[q->to].used) continue;
    read_claim *c = add_claim(R, READ_CHANGE, q->start, q->end);
    if (!c) return;
    c->fixed = "reported";
    const rfig *a = &R->f[q->from], *b = &R->f[q->to];
    if (a->vague || b->vague) {
      const rfig *v = a->vague ? a : b, *x = a->vague ? b : a;
      const char *unit = strchr(v->ex, ' ');
      snprintf(c->expr, sizeof c->expr, "%s to%s", x->ex, unit ? unit : "");
      snprintf(c->why, sizeof c->why, "a vague %s (\"%.*s\"): reported, not judged; %s is", a->vague ? "start" : "end",
               (int)(v->end - v->start < 60 ? v->end - v->start : 60), R->p->text + v->start, x->ex);
    } else if (q->period[0]) {
      snprintf(c->expr, sizeof c->expr, "growth(%s, %s, %s)", a->ex, b->ex, q->period);
      snprintf(c->why, sizeof c->why, "a change, no claim word:");
    } else {
      snprintf(c->expr, sizeof c->expr, "%s / (%s)", b->ex, a->ex);
      snprintf(c->why, sizeof c->why, "a change, no claim word:");
    }
    use_fig(R, c, q->from);
    use_fig(R, c, q->to);
  }
  for (size_t k = 0; k < R->nf; k++) {
    rfig *f = &R->f[k];
    if (f->used) continue;
    read_claim *c = add_claim(R, READ_QUANTITY, f->start, f->end);
    if (!c) return;
    c->fixed = "reported";
    snprintf(c->expr, sizeof c->expr, "%s", f->ex);
    snprintf(c->why, sizeof c->why, "%s %s is", f->vague ? "a vague figure, reported, not judged:" : "a figure, no claim about it:", f->ex);
    use_fig(R, c, (long)k);
  }
}

static int claim_order(const void *a, const void *b) {
  const read_claim *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

int read_find(ds_ctx *ctx, prose *p, read_claims *out) {
  reader R0 = {0}, *R = &R0;
  R->ctx = ctx;
  R->p = p;
  R->out = out;
  int st = DS_OK;
  while (!st && prose_sentence(p)) st = read_sentence(R);
  if (p->nomem) st = DS_E_NOMEM;
  for (size_t k = 0; k < R->npd && !st; k++) {
    rpend *d = &R->pd[k];
    if (d->kind == PEND_RATIO) claim_ratio(R, d);
    else if (d->kind == PEND_EQUIV) claim_equiv(R, d);
    else claim_time(R, d);
    if (R->nomem) st = DS_E_NOMEM;
  }
  if (!st) claim_rest(R);
  if (!st && R->nomem) st = DS_E_NOMEM;
  if (!st) qsort(out->c, out->n, sizeof *out->c, claim_order);
  free(R->f);
  free(R->pr);
  free(R->pd);
  return st;
}

void read_claims_free(read_claims *c) {
  free(c->c);
  c->c = NULL;
  c->n = c->cap = 0;
}
