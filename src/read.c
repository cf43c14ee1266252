/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * read.c -- the claims of a story, resolved.
 *
 * phrase.c gathers, a sentence at a time, the figures, pairs and claim
 * phrases of the story; once the whole story is read, each claim is given
 * its figures and written as a datascale line ("check 1400 TB > 3 * 400
 * TB"), so its verdict is check's and a fact-checker can run it and change
 * an assumption:
 *   changes   against the figures of their own sentence, else the nearest
 *             pair in the story, else a figure beside the one they name;
 *             with one figure only, what the claim implies (unchecked);
 *   equivalents  against the size of their sentence, else the nearest
 *             figure before (the end of a pair: "1,400 TB, up from 400
 *             TB"), else after;
 *   times     a size over a data rate;
 *   sizes per thing  a total against a count times the size.
 * Figures no claim used are reported as they stand (a pair as a change,
 * with its growth when the period is known).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read.h"

const char *read_kind_name(read_kind k) {
  static const char *const n[] = {"quantity", "change", "equivalent", "time"};
  return n[k];
}

/* ---- claims ------------------------------------------------------------- */

static read_claim *add_claim(phrase_reader *R, read_claims *o, read_kind kind, size_t start, size_t end) {
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

static void use_fig(phrase_reader *R, read_claim *c, long f) {
  if (f < 0 || c->nfig >= READ_FIGS) return;
  R->f[f].used = true;
  c->fig[c->nfig].start = R->f[f].start;
  c->fig[c->nfig].end = R->f[f].end;
  snprintf(c->fig[c->nfig].ex, sizeof c->fig[c->nfig].ex, "%s", R->f[f].ex);
  c->nfig++;
}

/* Figures, pairs and counts are kept in the order of their sentences, so
 * each search below starts where the sentence is (a binary search) and
 * looks at no more than READ_LOOK entries around it: a story of a million
 * claims costs a million short searches, not a million long ones. */
#define READ_LOOK 64

/* The first of n entries of `size` bytes from base, kept in the order of
 * the sentence number at byte `off` of each, whose sentence is s or later
 * (n when none). */
static size_t read_lower(const void *base, size_t n, size_t size, size_t off, unsigned s) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    unsigned v;
    memcpy(&v, (const char *)base + mid * size + off, sizeof v);
    if (v < s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

static size_t fig_from(const phrase_reader *R, unsigned s) {
  return read_lower(R->f, R->nf, sizeof *R->f, offsetof(phrase_fig, sent), s);
}

static size_t pair_from(const phrase_reader *R, unsigned s) {
  return read_lower(R->pr, R->npr, sizeof *R->pr, offsetof(phrase_pair, sent), s);
}

static bool pair_vague(const phrase_reader *R, size_t k) {
  return R->f[R->pr[k].from].vague || R->f[R->pr[k].to].vague;
}

static unsigned sent_dist(unsigned a, unsigned b) { return a > b ? a - b : b - a; }

/* The pair in sentence s (the last), or -1. */
static long pair_in(const phrase_reader *R, unsigned s) {
  long q = -1;
  for (size_t k = pair_from(R, s), n = 0; k < R->npr && R->pr[k].sent == s && n < READ_LOOK; k++, n++)
    if (!pair_vague(R, k)) q = (long)k;
  return q;
}

/* The pair nearest sentence s (the earlier on a tie), or -1. */
static long nearest_pair(const phrase_reader *R, unsigned s) {
  size_t at = pair_from(R, s);
  long best = -1;
  for (size_t k = at, n = 0; k < R->npr && n < READ_LOOK; k++, n++)
    if (!pair_vague(R, k)) {
      best = (long)k;
      break;
    }
  for (size_t k = at, n = 0; k > 0 && n < READ_LOOK; k--, n++)
    if (!pair_vague(R, k - 1)) {
      if (best < 0 || sent_dist(R->pr[k - 1].sent, s) <= sent_dist(R->pr[best].sent, s)) best = (long)(k - 1);
      break;
    }
  return best;
}

static bool fig_usable(const phrase_fig *f) { return f->dim == PHRASE_INFO && !f->vague; }

/* The figure of data nearest before sentence s (or in it, before byte at): in a
 * sentence with a pair, the pair's end ("1,400 TB, up from 400 TB"). */
static long figure_before(const phrase_reader *R, unsigned s, size_t at) {
  size_t k = fig_from(R, s);
  while (k < R->nf && R->f[k].sent == s && R->f[k].start < at) k++;
  long best = -1;
  for (size_t n = 0; k > 0 && n < READ_LOOK; k--, n++) {
    const phrase_fig *f = &R->f[k - 1];
    if (!fig_usable(f)) continue;
    if (best >= 0 && f->sent != R->f[best].sent) break;
    if (best < 0) best = (long)(k - 1);
    if (f->pair >= 0 && R->pr[f->pair].to == (long)(k - 1)) return (long)(k - 1);
  }
  return best;
}

/* The first figure of data in the sentences after s, or -1. */
static long figure_after(const phrase_reader *R, unsigned s) {
  for (size_t k = fig_from(R, s + 1), n = 0; k < R->nf && n < READ_LOOK; k++, n++)
    if (fig_usable(&R->f[k])) return (long)k;
  return -1;
}

/* A figure of data beside figure one (in its sentence or the next or last
 * one), not in a pair: the other end of a change that names one. */
static long figure_beside(const phrase_reader *R, long one) {
  long best = -1;
  unsigned bd = 2, s = R->f[one].sent;
  for (size_t k = fig_from(R, s > 0 ? s - 1 : 0), n = 0; k < R->nf && R->f[k].sent <= s + 1 && n < READ_LOOK;
       k++, n++) {
    const phrase_fig *f = &R->f[k];
    if ((long)k == one || !fig_usable(f) || f->pair >= 0 || f->para != R->f[one].para ||
        strcmp(f->ex, R->f[one].ex) == 0)
      continue;
    unsigned d = sent_dist(f->sent, s);
    if (d < bd) best = (long)k, bd = d;
  }
  return best;
}

static void claim_ratio(phrase_reader *R, read_claims *o, phrase_pend *d) {
  read_claim *c = add_claim(R, o, READ_CHANGE, d->start, d->end);
  if (!c) return;
  const char *op = strcmp(d->rel, "about") == 0 ? "= about" : strcmp(d->rel, "almost") == 0 ? "= almost" : d->rel;
  long a = d->a, b = d->b;
  if (a < 0) {
    long q = -1;
    /* a pair in the sentence, else the one alone, else the nearest pair */
    q = pair_in(R, d->sent);
    if (q < 0 && d->one < 0) q = nearest_pair(R, d->sent);
    if (q < 0 && d->one >= 0) {
      /* a pair elsewhere only when it has the figure the claim names */
      long other = nearest_pair(R, d->sent);
      if (other >= 0 && (strcmp(R->f[R->pr[other].to].ex, R->f[d->one].ex) == 0 ||
                         strcmp(R->f[R->pr[other].from].ex, R->f[d->one].ex) == 0))
        q = other;
    }
    if (q >= 0) {
      a = R->pr[q].to;
      b = R->pr[q].from;
      R->pr[q].used = true;
      c->far = R->pr[q].sent != d->sent;
    } else if (d->one >= 0) {
      long x = figure_beside(R, d->one);
      if (x >= 0) {
        a = d->one_is_from ? x : d->one;
        b = d->one_is_from ? d->one : x;
        c->far = R->f[x].sent != d->sent;
      }
    }
  }
  if (a >= 0 && b >= 0) {
    if (d->factor > 0) snprintf(c->expr, sizeof c->expr, "check %s %s %s %s", R->f[a].ex, op, d->mult, R->f[b].ex);
    else snprintf(c->expr, sizeof c->expr, "check %s %s %s %s", R->f[a].ex, op, R->f[b].ex, d->mult);
    use_fig(R, c, a);
    use_fig(R, c, b);
    return;
  }
  c->fixed = "unchecked";
  if (d->one >= 0) {
    use_fig(R, c, d->one);
    const char *ex = R->f[d->one].ex;
    if (d->factor > 0) {
      if (d->one_is_from) snprintf(c->expr, sizeof c->expr, "%s %s", d->mult, ex);
      else snprintf(c->expr, sizeof c->expr, "%s / %.15g", ex, d->factor);
    } else {
      snprintf(c->expr, sizeof c->expr, "%s %s", ex, d->mult);
    }
    snprintf(c->why, sizeof c->why, "the story gives no %s figure; the claim implies %s",
             d->one_is_from ? "end" : "starting", d->one_is_from ? "an end of" : "a start near");
  } else {
    snprintf(c->why, sizeof c->why, "the story gives no pair of figures to check it against");
  }
}

static void claim_equiv(phrase_reader *R, read_claims *o, phrase_pend *d) {
  long a = d->a >= 0 ? d->a : figure_before(R, d->sent, d->start);
  if (a < 0 && !d->weak) a = figure_after(R, d->sent);
  if (a >= 0 && d->weak && R->f[a].sent + 1 < d->sent) a = -1;
  if (a < 0 && d->weak) return; /* "..., 1.5 million emails" with no size near: not a claim */
  read_claim *c = add_claim(R, o, READ_EQUIVALENT, d->start, d->end);
  if (!c) return;
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

static void claim_time(phrase_reader *R, read_claims *o, phrase_pend *d) {
  read_claim *c = add_claim(R, o, READ_TIME, d->start, d->end);
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

/* "6 terabytes ... 3 billion records ... about 2 kilobytes per record" */
static void claim_per(phrase_reader *R, read_claims *o, phrase_pend *d) {
  read_claim *c = add_claim(R, o, READ_EQUIVALENT, d->start, d->end);
  if (!c) return;
  /* the count of the things nearest the claim, and the total nearest it */
  size_t lo = read_lower(R->cn, R->ncn, sizeof *R->cn, offsetof(phrase_count, sent), d->sent);
  long cn = -1;
  unsigned best = 0;
  for (size_t k = lo > READ_LOOK ? lo - READ_LOOK : 0; k < R->ncn && k < lo + READ_LOOK; k++) {
    if (strcmp(R->cn[k].noun, d->item) != 0) continue;
    unsigned dd = sent_dist(R->cn[k].sent, d->sent);
    if (cn < 0 || dd < best) cn = (long)k, best = dd;
  }
  long total = -1;
  unsigned bt = 0;
  size_t at = fig_from(R, d->sent);
  for (size_t k = at > READ_LOOK ? at - READ_LOOK : 0; k < R->nf && k < at + READ_LOOK; k++) {
    const phrase_fig *f = &R->f[k];
    if ((long)k == d->a || !fig_usable(f)) continue;
    unsigned dd = sent_dist(f->sent, d->sent);
    if (total < 0 || dd < bt) total = (long)k, bt = dd;
  }
  const char *op = strcmp(d->rel, "about") == 0 ? "= about" : strcmp(d->rel, "almost") == 0 ? "= almost" : d->rel;
  const char *size = R->f[d->a].ex;
  if (cn >= 0 && total >= 0) {
    snprintf(c->expr, sizeof c->expr, "check %s %s %s * %s", R->f[total].ex, op, R->cn[cn].ex, size);
    use_fig(R, c, total);
    use_fig(R, c, d->a);
    if (c->nfig < READ_FIGS) {
      c->fig[c->nfig].start = R->cn[cn].start;
      c->fig[c->nfig].end = R->cn[cn].end;
      snprintf(c->fig[c->nfig].ex, sizeof c->fig[c->nfig].ex, "%s", R->cn[cn].ex);
      c->nfig++;
    }
    c->far = R->f[total].sent != d->sent || R->cn[cn].sent != d->sent;
    return;
  }
  c->fixed = "unchecked";
  use_fig(R, c, d->a);
  if (total >= 0) {
    use_fig(R, c, total);
    snprintf(c->expr, sizeof c->expr, "%s / (%s)", R->f[total].ex, size);
    snprintf(c->why, sizeof c->why, "the story gives no count of them; the sizes imply");
  } else {
    snprintf(c->why, sizeof c->why, "the story gives no total to check it against");
  }
}

static void claim_rest(phrase_reader *R, read_claims *o) {
  for (size_t k = 0; k < R->npr; k++) {
    phrase_pair *q = &R->pr[k];
    if (q->used || R->f[q->from].used || R->f[q->to].used) continue;
    read_claim *c = add_claim(R, o, READ_CHANGE, q->start, q->end);
    if (!c) return;
    c->fixed = "reported";
    const phrase_fig *a = &R->f[q->from], *b = &R->f[q->to];
    if (a->vague || b->vague) {
      const phrase_fig *v = a->vague ? a : b, *x = a->vague ? b : a;
      const char *sym = strchr(v->ex, ' ');
      snprintf(c->expr, sizeof c->expr, "%s to%s", x->ex, sym ? sym : "");
      char *vq = prose_quote(R->p, v->start, v->end);
      if (!vq) {
        R->nomem = true;
        return;
      }
      size_t ql = strlen(vq);
      if (ql > 60) { /* cut at a character, not in one */
        ql = 60;
        while (ql > 0 && ((unsigned char)vq[ql] & 0xC0) == 0x80) ql--;
      }
      snprintf(c->why, sizeof c->why, "a vague %s (\"%.*s%s\"): reported, not judged; %s is",
               a->vague ? "start" : "end", (int)ql, vq, ql < strlen(vq) ? "..." : "", x->ex);
      free(vq);
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
    phrase_fig *f = &R->f[k];
    if (f->used) continue;
    read_claim *c = add_claim(R, o, READ_QUANTITY, f->start, f->end);
    if (!c) return;
    c->fixed = "reported";
    if (f->vague) {
      snprintf(c->why, sizeof c->why, "a vague figure: reported, not judged");
    } else {
      snprintf(c->expr, sizeof c->expr, "%s", f->ex);
      snprintf(c->why, sizeof c->why, "a figure, no claim about it:");
    }
    use_fig(R, c, (long)k);
  }
}

static int claim_order(const void *a, const void *b) {
  const read_claim *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

int read_find(ds_ctx *ctx, prose *p, read_claims *out) {
  phrase_reader R0, *R = &R0;
  phrase_reader_init(R, ctx, p);
  int st = DS_OK;
  while (!st && prose_sentence(p)) st = phrase_sentence(R);
  if (p->nomem) st = DS_E_NOMEM;
  for (size_t k = 0; k < R->npd && !st; k++) {
    phrase_pend *d = &R->pd[k];
    if (d->kind == PHRASE_RATIO) claim_ratio(R, out, d);
    else if (d->kind == PHRASE_EQUIV) claim_equiv(R, out, d);
    else if (d->kind == PHRASE_PER) claim_per(R, out, d);
    else claim_time(R, out, d);
    if (R->nomem) st = DS_E_NOMEM;
  }
  if (!st) claim_rest(R, out);
  if (!st && R->nomem) st = DS_E_NOMEM;
  if (!st && out->n) qsort(out->c, out->n, sizeof *out->c, claim_order);
  phrase_reader_free(R);
  return st;
}

void read_claims_free(read_claims *c) {
  free(c->c);
  c->c = NULL;
  c->n = c->cap = 0;
}
