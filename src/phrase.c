/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * phrase.c -- the phrases of one sentence of a story that speak of data.
 *
 *   figures   a number and a unit of data ("1,400 terabytes", "1.4 PB",
 *             "hundreds of terabytes") or of a data rate ("1 Gbps",
 *             "100 megabits per second"), with a hedge before it;
 *   pairs     "from A to B", "B, up from A", "A ... three times the B": a
 *             change between two sizes, with its period ("in six months",
 *             "in July 2025 ... by January 2026");
 *   claims    ratio words ("more than tripled", "a more-than-three-fold
 *             jump") and percent changes ("rose 40 percent"), counted only
 *             in a sentence with a figure or with a word such as "data" or
 *             "storage" near them; equivalents ("the equivalent of N
 *             photos", "roughly N images if it were all photos", "would
 *             fill N DVDs", "about N hours of footage"); transfer times
 *             ("would take about N days"); sizes per thing ("2 kilobytes
 *             per record");
 *   counts    "3 billion records", for the sizes per thing.
 * Claims keep the figures of their own sentence; read.c finds the others.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "phrase.h"

#define PHRASE_GROW(arr, n, cap)                                                                                       \
  do {                                                                                                                 \
    if ((n) == (cap)) {                                                                                                \
      size_t c_ = (cap) ? (cap)*2 : 16;                                                                                \
      void *p_ = realloc((arr), c_ * sizeof *(arr));                                                                   \
      if (!p_) {                                                                                                       \
        R->nomem = true;                                                                                               \
        return -1;                                                                                                     \
      }                                                                                                                \
      (arr) = p_;                                                                                                      \
      (cap) = c_;                                                                                                      \
    }                                                                                                                  \
  } while (0)
/* ---- words ------------------------------------------------------------- */

static const prose_tok *tk(const phrase_reader *R, size_t i) { return i < R->p->n ? &R->p->t[i] : NULL; }

static bool is(const phrase_reader *R, size_t i, const char *w) { return prose_is(R->p, i, w); }

static bool is_mark(const phrase_reader *R, size_t i, const char *w) {
  const prose_tok *t = tk(R, i);
  return t && t->kind == PROSE_MARK && strcmp(t->w, w) == 0;
}

static bool is_any(const phrase_reader *R, size_t i, const char *const *ws) {
  for (; *ws; ws++)
    if (is(R, i, *ws)) return true;
  return false;
}

/* The raw text of token i. */
static void raw(const phrase_reader *R, size_t i, char *out, size_t cap) {
  const prose_tok *t = tk(R, i);
  size_t n = t->end - t->start;
  if (n >= cap) n = cap - 1;
  memcpy(out, R->p->text + t->start, n);
  out[n] = '\0';
}

/* A unit of data as written at token i: its datascale spelling in sp,
 * PHRASE_INFO or PHRASE_RATE, and how many tokens it takes; 0 when none. */
static size_t unit_at(const phrase_reader *R, size_t i, char *sp, size_t cap, int *dimp) {
  const prose_tok *t = tk(R, i);
  if (!t || t->kind != PROSE_WORD) return 0;
  static const char *const sym[] = {"B",   "kB",   "KB",   "MB",   "GB",   "TB",   "PB",   "EB",   "ZB",   "YB",
                                    "KiB", "MiB",  "GiB",  "TiB",  "PiB",  "EiB",  "ZiB",  "YiB",  "kb",   "Kb",
                                    "Mb",  "Gb",   "Tb",   "Pb",   "kbit", "Kbit", "Mbit", "Gbit", "Tbit", "Pbit",
                                    "bps", "kbps", "Kbps", "Mbps", "Gbps", "Tbps", "MBps", "GBps", NULL};
  static const char *const stem[] = {"bit",      "byte",      "kilobit",   "megabit",  "gigabit",  "terabit",
                                     "petabit",  "kilobyte",  "megabyte",  "gigabyte", "terabyte", "petabyte",
                                     "exabyte",  "zettabyte", "yottabyte", "kibibyte", "mebibyte", "gibibyte",
                                     "tebibyte", "pebibyte",  "exbibyte",  NULL};
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
    static const char *const pre[][2] = {{"kilo", "k"},  {"mega", "M"},  {"giga", "G"},  {"tera", "T"},  {"peta", "P"},
                                         {"exa", "E"},   {"zetta", "Z"}, {"yotta", "Y"}, {"kibi", "Ki"}, {"mebi", "Mi"},
                                         {"gibi", "Gi"}, {"tebi", "Ti"}, {"pebi", "Pi"}, {"exbi", "Ei"}};
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
  *dimp = strstr(w, "ps") && strlen(w) <= 5 ? PHRASE_RATE : PHRASE_INFO;
  /* "MB/s", "megabits per second", "megabits a second" */
  if (*dimp == PHRASE_INFO) {
    size_t l = strlen(sp);
    if (is_mark(R, i + 1, "/") && (is(R, i + 2, "s") || is(R, i + 2, "sec") || is(R, i + 2, "second"))) {
      snprintf(sp + l, cap - l, "/s");
      *dimp = PHRASE_RATE;
      return 3;
    }
    if ((is(R, i + 1, "per") || is(R, i + 1, "a")) && (is(R, i + 2, "second") || is(R, i + 2, "sec"))) {
      snprintf(sp + l, cap - l, " per second");
      *dimp = PHRASE_RATE;
      return 3;
    }
  }
  return 1;
}

static const char *const hedges[] = {"nearly", "almost", "roughly", "about", "around", "approximately", "some",
                                     "over",   "more",   "less",    "at",    "up",     "just",          "than",
                                     "least",  "most",   "to",      "under", "an",     "estimated",     NULL};

/* The relation a hedge ending just before token i gives, and where the hedge starts. */
static const char *hedge_before(const phrase_reader *R, size_t i, size_t *start) {
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

static long add_fig(phrase_reader *R, size_t i, size_t n, const char *sym, int kind) {
  PHRASE_GROW(R->f, R->nf, R->capf);
  const prose_tok *t = tk(R, i);
  phrase_fig *f = &R->f[R->nf];
  memset(f, 0, sizeof *f);
  size_t hs;
  hedge_before(R, i, &hs);
  if (hs > 0 && is(R, hs - 1, "the") && t->vague) hs--; /* "the hundreds of terabytes" */
  f->start = tk(R, hs)->start;
  f->end = tk(R, i + n)->end;
  snprintf(f->ex, sizeof f->ex, "%s %s", t->ex, sym);
  f->dim = kind;
  f->sent = t->sent;
  f->para = t->para;
  f->vague = t->vague;
  f->pair = -1;
  return (long)R->nf++;
}

/* Month names, for periods between dates. */
static int month_of(const phrase_reader *R, size_t i) {
  static const char *const m[] = {"january", "february", "march",     "april",   "may",      "june",
                                  "july",    "august",   "september", "october", "november", "december"};
  for (int k = 0; k < 12; k++)
    if (is(R, i, m[k])) return k + 1;
  return 0;
}

/* A date "July 2025" at token i: months since year 0, or -1. */
static long date_at(const phrase_reader *R, size_t i) {
  int m = month_of(R, i);
  const prose_tok *y = tk(R, i + 1);
  if (!m || !y || y->kind != PROSE_NUM || y->v < 1900 || y->v > 2200) return -1;
  return (long)y->v * 12 + m - 1;
}

/* A date at "in|by|since|until DATE" after token i (within 3 tokens): months, and its last token. */
static long date_after(const phrase_reader *R, size_t i, size_t *last) {
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
static void period_of(const phrase_reader *R, char *out, size_t cap) {
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

static long add_pair(phrase_reader *R, long from, long to, size_t start, size_t end, const char *period) {
  PHRASE_GROW(R->pr, R->npr, R->cappr);
  phrase_pair *q = &R->pr[R->npr];
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

/* Is there a word about data within a few words of token i? */
static bool data_words(const phrase_reader *R, size_t i) {
  static const char *const w[] = {"data",     "storage",     "stored",  "stores", "store",    "storing",  "archive",
                                  "archives", "files",       "footage", "volume", "capacity", "database", "bandwidth",
                                  "traffic",  "information", "cloud",   "disk",   "drives",   NULL};
  for (size_t k = i > 5 ? i - 5 : 0; k < R->p->n && k <= i + 6; k++)
    if (is_any(R, k, w)) return true;
  return false;
}

/* "It more than tripled": a pronoun a few words before token i, which
 * after a sentence with a figure of data speaks of that figure. */
static bool pronoun_before(const phrase_reader *R, size_t i) {
  for (size_t k = i > 4 ? i - 4 : 0; k < i; k++)
    if (is(R, k, "it") || is(R, k, "that") || is(R, k, "this") || is(R, k, "which") || is(R, k, "they")) return true;
  return false;
}

/* Is a change word at tokens [i, last] about something other than data:
 * money ("$", "revenue", "costs") or people ("staff", "users") named
 * within a few words, with no figure of data beside it? */
static bool other_measure(const phrase_reader *R, size_t i, size_t last) {
  static const char *const w[] = {
      "dollars",   "dollar",    "euros",        "euro",       "pounds",   "cents",     "price",     "prices",
      "cost",      "costs",     "costing",      "revenue",    "revenues", "budget",    "profit",    "profits",
      "sales",     "spending",  "funding",      "salary",     "salaries", "pay",       "fees",      "fine",
      "fines",     "workforce", "staff",        "employees",  "workers",  "users",     "customers", "subscribers",
      "people",    "arrests",   "deportations", "population", "visitors", "readers",   "members",   "followers",
      "downloads", "views",     "shares",       "stock",      "value",    "valuation", "income",    "bill",
      "bills",     "usd",       "eur",          "gbp",        NULL};
  size_t lo = i > 4 ? i - 4 : 0, hi = last + 5;
  for (size_t k = lo; k < R->p->n && k <= hi; k++) {
    const prose_tok *t = tk(R, k);
    if (t->kind == PROSE_MARK && strcmp(t->w, "$") == 0) return true; /* also € £ ¥ */
    if (t->kind == PROSE_WORD && is_any(R, k, w)) return true;
  }
  return false;
}

/* The figures of the sentence. */
static size_t sentence_figs(phrase_reader *R, sfig *sf) {
  size_t n = 0;
  for (size_t i = 0; i < R->p->n && n < SFIG_MAX; i++) {
    const prose_tok *t = tk(R, i);
    if (t->kind != PROSE_NUM || !t->ex[0]) continue;
    char sym[40];
    int kind;
    size_t k = unit_at(R, i + 1, sym, sizeof sym, &kind);
    if (!k) continue;
    long f = add_fig(R, i, k, sym, kind);
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
static size_t skip_to_figure(const phrase_reader *R, size_t i) {
  size_t k = i;
  while (k < i + 4 && k < R->p->n && tk(R, k)->kind == PROSE_WORD &&
         (is_any(R, k, hedges) || is(R, k, "the") || is(R, k, "a") || is(R, k, "astounding") ||
          is(R, k, "staggering") || is(R, k, "whopping") || is(R, k, "estimated") || is(R, k, "record")))
    k++;
  return k;
}

static void sentence_pairs(phrase_reader *R, const sfig *sf, size_t n) {
  char period[64];
  period_of(R, period, sizeof period);
  for (size_t k = 0; k < n; k++) {
    if (R->f[sf[k].fig].dim != PHRASE_INFO || R->f[sf[k].fig].pair >= 0) continue;
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
        if (b < 0 || R->f[sf[b].fig].dim != PHRASE_INFO) break;
        size_t last = sf[b].last, dl;
        long d0 = date_after(R, sf[k].last, &dl), d1 = date_after(R, sf[b].last, &dl);
        if (d1 >= 0) last = dl;
        char per[64];
        snprintf(per, sizeof per, "%s", period);
        if (d0 >= 0 && d1 > d0) snprintf(per, sizeof per, "%ld months", d1 - d0);
        if (add_pair(R, sf[k].fig, sf[b].fig, tk(R, from_tok)->start, tk(R, last)->end, per) < 0) return;
        break;
      }
      /* "to B from A": B just before, after "to" */
      if (R->f[sf[k].fig].pair < 0 && k > 0 && R->f[sf[k - 1].fig].dim == PHRASE_INFO && R->f[sf[k - 1].fig].pair < 0 &&
          sf[k].tok - sf[k - 1].last <= 3) {
        size_t hb;
        hedge_before(R, sf[k - 1].tok, &hb);
        if (hb > 0 && is(R, hb - 1, "to") &&
            add_pair(R, sf[k].fig, sf[k - 1].fig, tk(R, hb - 1)->start, tk(R, sf[k].last)->end, period) < 0)
          return;
      }
    }
    /* "B, up from A" */
    if (h > 1 && is(R, h - 1, "from") && (is(R, h - 2, "up") || is(R, h - 2, "down"))) {
      for (long b = (long)k - 1; b >= 0; b--) {
        if (R->f[sf[b].fig].dim != PHRASE_INFO || R->f[sf[b].fig].pair >= 0) continue;
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

static long add_pend(phrase_reader *R, phrase_pend_kind kind, size_t start_tok, size_t end_tok, const char *rel) {
  PHRASE_GROW(R->pd, R->npd, R->cappd);
  phrase_pend *d = &R->pd[R->npd];
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
static double ratio_at(const phrase_reader *R, size_t i, size_t *last) {
  static const struct {
    const char *w;
    double f;
  } words[] = {{"doubled", 2},  {"doubles", 2}, {"doubling", 2},   {"tripled", 3},    {"triples", 3},
               {"tripling", 3}, {"trebled", 3}, {"quadrupled", 4}, {"quadruples", 4}, {"quintupled", 5},
               {"twice", 2},    {"twofold", 2}, {"threefold", 3},  {"fourfold", 4},   {"fivefold", 5},
               {"tenfold", 10}, {"halved", 0.5}};
  const prose_tok *t = tk(R, i);
  *last = i;
  if (!t) return 0;
  if (t->kind == PROSE_WORD)
    for (size_t k = 0; k < sizeof words / sizeof *words; k++)
      if (strcmp(t->w, words[k].w) == 0) return words[k].f;
  /* "double what it held", "triple the 400 TB" (not "will double": a forecast) */
  static const char *const adj[] = {"double", "triple", "quadruple", NULL};
  static const char *const obj[] = {"what", "the", "that", "its", "their", "his", "her", NULL};
  static const char *const fut[] = {"to", "will", "would", "could", "may", "might", "should", "can", NULL};
  if (t->kind == PROSE_WORD && is_any(R, i, adj) && is_any(R, i + 1, obj) && !(i > 0 && is_any(R, i - 1, fut)))
    return is(R, i, "double") ? 2 : is(R, i, "triple") ? 3 : 4;
  if (t->kind == PROSE_NUM && !t->vague && t->v > 1 && t->v <= 1000) {
    /* "three times", "3-fold", "3x" */
    if (is(R, i + 1, "times") || is(R, i + 1, "fold") || (is(R, i + 1, "x") && tk(R, i + 1)->start == t->end)) {
      *last = i + 1;
      return t->v;
    }
  }
  return 0;
}

/* The claim p compares figure a with figure b of its sentence (a = mult
 * b), a change between them that no other claim should take again.
 * False when memory runs out. */
static bool ratio_figures(phrase_reader *R, phrase_pend *p, long a, long b) {
  p->a = a;
  p->b = b;
  if (R->f[a].pair >= 0 || R->f[b].pair >= 0) return true;
  long q = add_pair(R, b, a, R->f[a].start, R->f[b].end, "");
  if (q < 0) return false;
  R->pr[q].used = true;
  return true;
}

static void sentence_ratios(phrase_reader *R, const sfig *sf, size_t n) {
  size_t infos = 0, clear = 0; /* figures of data in the sentence; those not vague */
  long only = -1;              /* the last of them */
  for (size_t k = 0; k < n; k++)
    if (R->f[sf[k].fig].dim == PHRASE_INFO) infos++, clear += !R->f[sf[k].fig].vague, only = (long)k;
  for (size_t i = 0; i < R->p->n; i++) {
    size_t last;
    double f = ratio_at(R, i, &last);
    bool pct = false;
    bool down = false;
    size_t verb = SIZE_MAX;
    const prose_tok *t = tk(R, i);
    if (!f && t->kind == PROSE_NUM && !t->vague &&
        (is_mark(R, i + 1, "%") || is(R, i + 1, "percent") || (is(R, i + 1, "per") && is(R, i + 2, "cent")))) {
      /* "rose 40 percent", "up 40%", "a 250 % increase" */
      static const char *const up[] = {"rose",    "grew",     "increased", "jumped", "climbed", "up", "surged",
                                       "swelled", "expanded", "soared",    "by",     "gained",  NULL};
      static const char *const dn[] = {"fell", "dropped", "declined", "down", "decreased", "shrank", "slid", NULL};
      static const char *const after[] = {"increase", "rise",   "jump",   "growth", "gain",
                                          "more",     "larger", "bigger", NULL};
      static const char *const after_dn[] = {"drop", "decrease", "decline", "fall", "less", "smaller", NULL};
      size_t e = is_mark(R, i + 1, "%") || is(R, i + 1, "percent") ? i + 1 : i + 2;
      size_t h;
      hedge_before(R, i, &h);
      bool hit = false;
      for (size_t b = 1; b <= 3 && h >= b && !hit; b++) {
        if (is_any(R, h - b, up)) hit = true;
        else if (is_any(R, h - b, dn)) hit = down = true;
        if (hit) verb = h - b;
      }
      if (!hit && is_any(R, e + 1, after)) hit = true, e++;
      else if (!hit && is_any(R, e + 1, after_dn)) hit = down = true, e++;
      if (!hit) continue;
      pct = true;
      last = e;
    }
    if (!f && !pct) continue;
    /* about data: a figure in the sentence or a word such as "data" near */
    if (!infos && !data_words(R, i) && !(R->near_data && pronoun_before(R, i))) continue;
    /* "its revenue tripled to $40 million", "costs $100, twice as much":
     * a change of money or of people, not of data */
    if (other_measure(R, i, last)) continue;
    /* "three times a week" is how often */
    if (is(R, last, "times") &&
        (is(R, last + 1, "a") || is(R, last + 1, "per") || is(R, last + 1, "each") || is(R, last + 1, "every")))
      continue;
    size_t h;
    const char *rel = hedge_before(R, i, &h);
    if (strcmp(rel, "=") == 0) rel = "about"; /* "tripled": a round figure */
    size_t qs = verb < h ? (is(R, verb, "by") && verb > 0 ? verb - 1 : verb) : h, qe = last;
    if (qs > 0 && is(R, qs - 1, "a")) qs--;
    static const char *const nouns[] = {"jump", "increase", "rise", "growth", "leap", "surge", "expansion", NULL};
    if (!pct && is_any(R, qe + 1, nouns)) qe++;
    long d = add_pend(R, PHRASE_RATIO, qs, qe, rel);
    if (d < 0) return;
    phrase_pend *p = &R->pd[d];
    if (pct) {
      snprintf(p->mult, sizeof p->mult, "%s %s%%", down ? "-" : "+", t->ex);
      p->factor = 0;
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
        if (sf[k].tok < i && R->f[sf[k].fig].dim == PHRASE_INFO) a = (long)k;
      if (b >= 0 && a >= 0 && R->f[sf[b].fig].dim == PHRASE_INFO) {
        if (!ratio_figures(R, p, sf[a].fig, sf[b].fig)) return;
        continue;
      }
    }
    /* "100 PB, double what it held ..., about 50 PB": one figure before
     * the word and one after, and no pair in the sentence */
    if (!pct && clear == 2) {
      long before = -1, after = -1;
      for (size_t k = 0; k < n; k++) {
        const phrase_fig *g = &R->f[sf[k].fig];
        if (g->dim != PHRASE_INFO || g->vague) continue;
        if (sf[k].tok < i) before = (long)k;
        else if (after < 0 && sf[k].tok > last) after = (long)k;
      }
      if (before >= 0 && after >= 0 && R->f[sf[before].fig].pair < 0 && R->f[sf[after].fig].pair < 0) {
        if (!ratio_figures(R, p, sf[before].fig, sf[after].fig)) return;
        continue;
      }
    }
    /* the only figure of the sentence, if one: "tripled ... to 1,400 TB" */
    if (infos == 1) {
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
static bool item_at(phrase_reader *R, size_t i, size_t *last, char *out, size_t cap) {
  size_t end = i;
  while (end < R->p->n && end < i + 6 && tk(R, end)->kind == PROSE_WORD && !is(R, end, "if") && !is(R, end, "and") &&
         !is(R, end, "or") && !is(R, end, "in") && !is(R, end, "on"))
    end++;
  for (size_t e = end; e > i; e--) {
    char phrase[PHRASE_EX_MAX] = "";
    for (size_t k = i; k < e; k++) {
      char w[PROSE_WORD_MAX];
      raw(R, k, w, sizeof w);
      size_t l = strlen(phrase);
      snprintf(phrase + l, sizeof phrase - l, "%s%s", k > i ? " " : "", w);
    }
    static const struct {
      const char *prose, *item;
    } syn[] = {{"hours of footage", "hours of HD video"},
               {"hours of video", "hours of HD video"},
               {"movies", "HD films"},
               {"films", "HD films"},
               {"books", "e-books"},
               {"songs", "songs"}};
    /* hours of footage in a story about body cameras are theirs */
    if ((strcmp(phrase, "hours of footage") == 0 || strcmp(phrase, "hours of video") == 0) &&
        (R->footage_of[1] || R->footage_of[2]))
      snprintf(phrase, sizeof phrase, "%s", R->footage_of[1] ? "hours of body-camera video" : "hours of CCTV video");
    for (size_t s = 0; s < sizeof syn / sizeof *syn; s++)
      if (strcmp(phrase, syn[s].prose) == 0) snprintf(phrase, sizeof phrase, "%s", syn[s].item);
    /* a catalogue item's name or display name in any case: its word */
    char folded[PHRASE_EX_MAX];
    units_match m;
    size_t fl = units_fold(phrase, strlen(phrase), folded, sizeof folded);
    if (fl && units_find_item(&R->ctx->s.reg, folded, fl, &m) == 1 && m.u->word) {
      snprintf(out, cap, "%s", m.u->plural ? m.u->plural : m.u->word);
      *last = e - 1;
      return true;
    }
    char line[PHRASE_EX_MAX + 8];
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

static void sentence_equivalents(phrase_reader *R, const sfig *sf, size_t n) {
  for (size_t i = 0; i < R->p->n; i++) {
    size_t k = 0;
    if (is(R, i, "equivalent") && (is(R, i + 1, "of") || is(R, i + 1, "to"))) k = i + 2;
    else if (is(R, i, "equals") || is(R, i, "equal") || is(R, i, "equalling") || is(R, i, "equaling"))
      k = is(R, i + 1, "to") ? i + 2 : i + 1;
    else if (is(R, i, "fill") || is(R, i, "fills") || is(R, i, "filling")) k = i + 1;
    else if (is(R, i, "same") && is(R, i + 1, "as")) k = i + 2;
    else if ((is(R, i, "enough") && is(R, i + 1, "for")) || (is(R, i, "worth") && is(R, i + 1, "of"))) k = i + 2;
    else if ((is(R, i, "that") || is(R, i, "this") || is(R, i, "which") || is(R, i, "it")) &&
             (is(R, i + 1, "is") || is(R, i + 1, "was") || is(R, i + 1, "are") || is(R, i + 1, "means")))
      k = i + 2;
    else if ((is(R, i, "that's") || is(R, i, "it's")) || is(R, i, "or") || is_mark(R, i, ",") || is_mark(R, i, ":") ||
             is_mark(R, i, "--") || is_mark(R, i, "("))
      k = i + 1;
    else if (n > 0 && (is(R, i, "holds") || is(R, i, "hold") || is(R, i, "held") || is(R, i, "stores") ||
                       is(R, i, "store") || is(R, i, "stored") || is(R, i, "contains") || is(R, i, "keeps")))
      k = i + 1; /* "police hold 1.2 million hours of video, about 2.2 PB" */
    bool weak = k && !(is(R, i, "equivalent") || is(R, i, "equals") || is(R, i, "equal") || is(R, i, "fill") ||
                       is(R, i, "fills") || is(R, i, "filling") || is(R, i, "same") || is(R, i, "enough") ||
                       is(R, i, "worth") || is(R, i, "equalling") || is(R, i, "equaling"));
    if (!k || (weak && !R->near_data)) continue;
    size_t c = k;
    while (c < R->p->n && c < k + 4 && tk(R, c)->kind == PROSE_WORD &&
           (is_any(R, c, hedges) || is(R, c, "the") || is(R, c, "some")))
      c++;
    const prose_tok *cnt = tk(R, c);
    if (!cnt || cnt->kind != PROSE_NUM || !cnt->ex[0] || sfig_at(sf, n, c) >= 0) continue;
    char item[PHRASE_EX_MAX];
    size_t last;
    if (!item_at(R, c + 1, &last, item, sizeof item)) continue;
    /* "... images if it were all photos": the thing the hypothesis names */
    size_t qe = last;
    for (size_t j = last + 1; j < R->p->n && j < last + 3; j++)
      if (is(R, j, "if") && (is(R, j + 1, "it") || is(R, j + 1, "they")) && is(R, j + 2, "were") &&
          is(R, j + 3, "all")) {
        char it2[PHRASE_EX_MAX];
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
    long d = add_pend(R, PHRASE_EQUIV, h, qe, rel);
    if (d < 0) return;
    phrase_pend *p = &R->pd[d];
    snprintf(p->count, sizeof p->count, "%s", cnt->ex);
    snprintf(p->item, sizeof p->item, "%s", item);
    for (size_t f = 0; f < n; f++)
      if (sf[f].tok < i && R->f[sf[f].fig].dim == PHRASE_INFO && !R->f[sf[f].fig].vague) p->a = sf[f].fig;
    /* "1.5 million emails, or about 150 GB": the size after the count */
    for (size_t f = 0; f < n && p->a < 0; f++)
      if (sf[f].tok > qe && R->f[sf[f].fig].dim == PHRASE_INFO && !R->f[sf[f].fig].vague) p->a = sf[f].fig;
    p->weak = weak;
    i = qe;
  }
}

static void sentence_times(phrase_reader *R, const sfig *sf, size_t n) {
  static const char *const take[] = {"take", "takes", "took", "taking", "last", "lasts", NULL};
  static const char *const dur[] = {"seconds", "minutes", "hours", "days", "weeks", "months", "years", "second",
                                    "minute",  "hour",    "day",   "week", "month", "year",   NULL};
  for (size_t i = 0; i < R->p->n; i++) {
    if (!is_any(R, i, take)) continue;
    size_t c = i + 1;
    while (c < R->p->n && c < i + 5 && tk(R, c)->kind == PROSE_WORD && !is_any(R, c, dur)) c++;
    const prose_tok *nt = tk(R, c);
    if (!nt || nt->kind != PROSE_NUM || !nt->ex[0] || !is_any(R, c + 1, dur)) continue;
    size_t h;
    const char *rel = hedge_before(R, c, &h);
    long d = add_pend(R, PHRASE_TIME, i, c + 1, rel);
    if (d < 0) return;
    phrase_pend *p = &R->pd[d];
    snprintf(p->mult, sizeof p->mult, "%s %s", nt->ex, tk(R, c + 1)->w);
    for (size_t f = 0; f < n; f++) {
      if (R->f[sf[f].fig].dim == PHRASE_RATE && p->b < 0) p->b = sf[f].fig;
      if (R->f[sf[f].fig].dim == PHRASE_INFO && sf[f].tok < c) p->a = sf[f].fig;
    }
  }
}

/* "2 kilobytes per record": a size of one thing; "3 billion records": a count. */
static void sentence_per(phrase_reader *R, const sfig *sf, size_t n) {
  static const char *const not_things[] = {"second", "minute", "hour", "day",      "week", "month", "year",
                                           "person", "head",   "user", "customer", "cent", NULL};
  for (size_t k = 0; k < n; k++) {
    size_t j = sf[k].last + 1;
    if (R->f[sf[k].fig].dim != PHRASE_INFO || !(is(R, j, "per") || is(R, j, "each") || is(R, j, "every"))) continue;
    const prose_tok *w = tk(R, j + 1);
    if (!w || w->kind != PROSE_WORD || is_any(R, j + 1, not_things)) continue;
    size_t h;
    const char *rel = hedge_before(R, sf[k].tok, &h);
    long d = add_pend(R, PHRASE_PER, h, j + 1, rel);
    if (d < 0) return;
    R->pd[d].a = sf[k].fig;
    snprintf(R->pd[d].item, sizeof R->pd[d].item, "%s", w->w);
  }
  for (size_t i = 0; i + 1 < R->p->n && R->ncn < PHRASE_COUNT_MAX; i++) {
    const prose_tok *t = tk(R, i), *w = tk(R, i + 1);
    if (t->kind != PROSE_NUM || t->vague || !t->ex[0] || w->kind != PROSE_WORD || sfig_at(sf, n, i) >= 0) continue;
    size_t l = strlen(w->w);
    if (l < 3 || w->w[l - 1] != 's') continue;
    if (R->ncn == R->capcn) {
      size_t c = R->capcn ? R->capcn * 2 : 16;
      phrase_count *p = realloc(R->cn, c * sizeof *p);
      if (!p) {
        R->nomem = true;
        return;
      }
      R->cn = p;
      R->capcn = c;
    }
    phrase_count *c = &R->cn[R->ncn++];
    snprintf(c->ex, sizeof c->ex, "%s", t->ex);
    snprintf(c->noun, sizeof c->noun, "%.*s", (int)(l - 1), w->w);
    c->start = t->start;
    c->end = w->end;
    c->sent = t->sent;
  }
}

/* Does the sentence have anything a claim needs: a number, or a ratio
 * word ("doubled")? Most sentences of a story have neither. */
static bool phrase_worth(const phrase_reader *R) {
  for (size_t i = 0; i < R->p->n; i++) {
    const prose_tok *t = tk(R, i);
    size_t last;
    if (t->kind == PROSE_NUM) return true;
    if (t->kind == PROSE_WORD && strchr("dtqfh", t->w[0]) && ratio_at(R, i, &last) > 0) return true;
  }
  return false;
}

int phrase_sentence(phrase_reader *R) {
  sfig sf[SFIG_MAX];
  size_t before = R->nf;
  unsigned s = R->p->t[0].sent;
  bool last_had = before > 0 && R->f[before - 1].sent + 1 >= s;
  if (!phrase_worth(R)) return DS_OK;
  size_t n = sentence_figs(R, sf);
  if (R->nomem) return DS_E_NOMEM;
  R->near_data = n > 0 || last_had;
  sentence_pairs(R, sf, n);
  sentence_ratios(R, sf, n);
  sentence_equivalents(R, sf, n);
  sentence_times(R, sf, n);
  sentence_per(R, sf, n);
  return R->nomem ? DS_E_NOMEM : DS_OK;
}

/* Is one of the words anywhere in text[0..len)? */
static bool phrase_mentions(const char *text, size_t len, const char *const *ws) {
  for (; *ws; ws++) {
    size_t wl = strlen(*ws);
    for (const char *q = text; wl <= len && q <= text + len - wl; q++) {
      q = memchr(q, (*ws)[0], (size_t)(text + len - wl - q) + 1);
      if (!q) break;
      if (memcmp(q, *ws, wl) == 0) return true;
    }
  }
  return false;
}

void phrase_reader_init(phrase_reader *R, ds_ctx *ctx, prose *p) {
  memset(R, 0, sizeof *R);
  R->ctx = ctx;
  R->p = p;
  static const char *const body[] = {"body-camera", "body camera", "Body-camera", "Body camera", "bodycam",
                                     "Bodycam",     "body-worn",   "Body-worn",   "body cam",    NULL};
  static const char *const cctv[] = {"CCTV", "cctv", "surveillance camera", "Surveillance camera", NULL};
  R->footage_of[1] = phrase_mentions(p->text, p->len, body);
  R->footage_of[2] = phrase_mentions(p->text, p->len, cctv);
}

void phrase_reader_free(phrase_reader *R) {
  free(R->f);
  free(R->pr);
  free(R->pd);
  free(R->cn);
  R->f = NULL, R->pr = NULL, R->pd = NULL, R->cn = NULL;
}
