/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * suggest.c -- what a failed lookup says: the candidates of a spelling
 * refused as ambiguous (mb: Mb or MB), the same spelling in another case,
 * or a close spelling ("did you mean terabytes?") among the registry's
 * spellings and the caller's extra names.
 */
#include "suggest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lex.h"

/* Damerau-Levenshtein distance, capped: returns cap + 1 past it. */
static size_t suggest_distance(const char *a, size_t la, const char *b, size_t lb, size_t cap) {
  if (la > lb + cap || lb > la + cap || la > 64 || lb > 64) return cap + 1;
  size_t d[66][66];
  for (size_t i = 0; i <= la; i++) d[i][0] = i;
  for (size_t j = 0; j <= lb; j++) d[0][j] = j;
  for (size_t i = 1; i <= la; i++)
    for (size_t j = 1; j <= lb; j++) {
      size_t c = a[i - 1] == b[j - 1] ? 0 : 1;
      size_t x = d[i - 1][j] + 1, y = d[i][j - 1] + 1, z = d[i - 1][j - 1] + c;
      size_t best = x < y ? x : y;
      if (z < best) best = z;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
        best = d[i - 2][j - 2] + 1;
      d[i][j] = best;
    }
  return d[la][lb];
}

typedef struct {
  char spelling[8][48];
  char meaning[8][48];
  int count;
} suggest_cands;

static void suggest_cand_add(suggest_cands *c, const char *spelling, const char *meaning) {
  for (int i = 0; i < c->count; i++)
    if (strcmp(c->meaning[i], meaning) == 0) return;
  if (c->count >= 8) return;
  /* cut to the field (a spelling or meaning that long is never offered) */
  snprintf(c->spelling[c->count], sizeof c->spelling[0], "%.*s", (int)sizeof c->spelling[0] - 1, spelling);
  snprintf(c->meaning[c->count], sizeof c->meaning[0], "%.*s", (int)sizeof c->meaning[0] - 1, meaning);
  c->count++;
}

/* "A (a), B (b) or C (c)", sorted by meaning so the text is stable. */
static void suggest_cand_text(suggest_cands *c, char *out, size_t n) {
  for (int i = 1; i < c->count; i++)
    for (int j = i; j > 0 && strcmp(c->meaning[j - 1], c->meaning[j]) > 0; j--) {
      char t[48];
      memcpy(t, c->meaning[j], sizeof t);
      memcpy(c->meaning[j], c->meaning[j - 1], sizeof t);
      memcpy(c->meaning[j - 1], t, sizeof t);
      memcpy(t, c->spelling[j], sizeof t);
      memcpy(c->spelling[j], c->spelling[j - 1], sizeof t);
      memcpy(c->spelling[j - 1], t, sizeof t);
    }
  size_t used = 0;
  out[0] = 0;
  for (int i = 0; i < c->count; i++) {
    const char *sep = i == 0 ? "" : i == c->count - 1 ? " or " : ", ";
    int k = strcmp(c->spelling[i], c->meaning[i]) == 0
                ? snprintf(out + used, n - used, "%s%s", sep, c->spelling[i])
                : snprintf(out + used, n - used, "%s%s (%s)", sep, c->spelling[i], c->meaning[i]);
    if (k < 0 || (size_t)k >= n - used) break;
    used += (size_t)k;
  }
}

/* The meaning of a prefixed spelling in words: "megabyte". */
static void suggest_meaning(const units_match *m, char *buf, size_t n) {
  const char *pw = m->pf ? (m->pf->word ? m->pf->word : "kilo") : "";
  snprintf(buf, n, "%s%s", pw, m->u->word);
}

static bool suggest_case_add(void *ctx, const char *sp, const units_match *m) {
  char meaning[64];
  suggest_meaning(m, meaning, sizeof meaning);
  suggest_cand_add(ctx, sp, meaning);
  return false;
}

/* Every spelling (with prefixes) equal to `name` ignoring case. */
static void suggest_case_candidates(const units *r, const char *name, size_t len, suggest_cands *c) {
  units_case_scan(r, name, len, suggest_case_add, c);
}

/* Is u a number word (dozen, million, bn, percent): a plain number as
 * its whole definition? */
static bool suggest_number_word(const unit *u) {
  if (!u->def || !*u->def || u->item) return false;
  for (const char *p = u->def; *p; p++)
    if (!strchr("0123456789^/.*()+- ", *p)) return false;
  return true;
}

/* Does `name` look like a scale word newsrooms use (mio, mrd, bln, lakh,
 * or anything ending in -lion or -liard)? Such a name is never offered a
 * unit as a correction. */
static bool suggest_scaleish(const char *name, size_t len) {
  static const char *const words[] = {"bil",  "bill", "mil", "mill", "mio",  "mld",   "mlrd",  "mrd",
                                      "thou", "trl",  "trn", "tril", "lakh", "lakhs", "crore", "crores"};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (strlen(words[i]) == len && strncasecmp(words[i], name, len) == 0) return true;
  static const char *const ends[] = {"lion", "lions", "liard", "liards"};
  for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
    size_t el = strlen(ends[i]);
    if (len > el && strncasecmp(name + len - el, ends[i], el) == 0) return true;
  }
  return false;
}

bool suggest_explain(const units *r, const char *name, size_t len, const char *const *extra, size_t nextra, char *buf,
                     size_t bufsz) {
  units_all(r);
  suggest_cands c;
  memset(&c, 0, sizeof c);
  int shown = (int)lex_utf8_cut(name, len, 40);
  for (size_t i = 0; i < r->namb; i++) {
    if (strlen(r->amb[i].name) != len || memcmp(r->amb[i].name, name, len) != 0) continue;
    char cands[128];
    snprintf(cands, sizeof cands, "%s", r->amb[i].candidates);
    char *save = NULL;
    for (char *t = strtok_r(cands, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
      units_match m;
      if (!units_lookup(r, t, strlen(t), &m)) continue;
      char meaning[64];
      suggest_meaning(&m, meaning, sizeof meaning);
      suggest_cand_add(&c, t, meaning);
    }
    break;
  }
  if (!c.count) suggest_case_candidates(r, name, len, &c);
  if (c.count) {
    char text[400];
    suggest_cand_text(&c, text, sizeof text);
    if (c.count == 1) {
      snprintf(buf, bufsz, "unknown name '%.*s': did you mean %s?", shown, name, text);
      return false;
    }
    snprintf(buf, bufsz, "'%.*s' is ambiguous: did you mean %s?", shown, name, text);
    return true;
  }
  /* A close spelling: distance 1 for short names, 2 for longer ones.
   * Number words (million, bn) and units are never offered for each
   * other: "bn" is not a typo of "b", nor "mln" of "min". A name is taken
   * for a number word when it looks like one, or when a long number word
   * is close to it. */
  size_t cap = len <= 4 ? 1 : 2, best = cap + 1;
  char bestname[96] = "";
  long bestunit = -1;
  bool tie = false; /* two number words as close: "zillion" is no typo of either */
  for (size_t i = 0; i < r->names.cap; i++) {
    const map_entry *e = &r->names.slots[i];
    if (!e->key || !suggest_number_word(&r->units[e->val / 8])) continue;
    size_t d = suggest_distance(name, len, e->key, e->klen, cap);
    if (d < best) best = d, tie = false, bestunit = e->val / 8, snprintf(bestname, sizeof bestname, "%s", e->key);
    else if (d == best && d <= cap && e->val / 8 != bestunit) tie = true;
    else if (d == best && e->val / 8 == bestunit && strcmp(e->key, bestname) < 0)
      snprintf(bestname, sizeof bestname, "%s", e->key);
  }
  if (tie) bestname[0] = 0;
  if (suggest_scaleish(name, len) || (bestname[0] && strlen(bestname) >= 5)) {
    if (bestname[0]) snprintf(buf, bufsz, "unknown name '%.*s': did you mean '%s'?", shown, name, bestname);
    else
      snprintf(buf, bufsz,
               "unknown name '%.*s': a scale word? datascale knows hundred, thousand, million (mn, mln), "
               "billion (bn, bln), trillion (tn, trln), quadrillion ... decillion",
               shown, name);
    return false;
  }
  best = cap + 1;
  bestname[0] = 0;
  for (size_t i = 0; i < r->names.cap; i++) {
    const map_entry *e = &r->names.slots[i];
    if (!e->key || suggest_number_word(&r->units[e->val / 8])) continue;
    size_t d = suggest_distance(name, len, e->key, e->klen, cap);
    if (d < best) best = d, snprintf(bestname, sizeof bestname, "%s", e->key);
    /* Prefixed spellings: the long words people mistype (terrabytes,
     * KILOBYTE) and symbols one letter off (GBs). */
    for (size_t k = 0; k < units_nprefixes; k++) {
      const prefix *p = &units_prefixes[k];
      const unit *u = &r->units[e->val / 8];
      if (!(u->flags & p->family)) continue;
      for (int form = 0; form < 2; form++) {
        const char *pre = form ? p->word : p->sym;
        if (!pre || (form && !((e->val % 8) & (SPELL_WORD | SPELL_PLURAL)))) continue;
        char sp[96];
        snprintf(sp, sizeof sp, "%s%s", pre, e->key);
        size_t sl = strlen(sp);
        d = sl == len && strncasecmp(sp, name, len) == 0 ? 0 : suggest_distance(name, len, sp, sl, cap);
        if (d < best) best = d, snprintf(bestname, sizeof bestname, "%s", sp);
      }
    }
  }
  for (size_t i = 0; i < nextra; i++) {
    size_t d = suggest_distance(name, len, extra[i], strlen(extra[i]), cap);
    if (d < best) best = d, snprintf(bestname, sizeof bestname, "%s", extra[i]);
  }
  /* Catalogue items in any case: "PHOTOSS" is close to "photos". */
  char f[128];
  size_t fl = units_fold(name, len, f, sizeof f);
  units *rw = (units *)r; /* the index changes no answer: see units_lookup */
  if (fl && rw->folded_gen != rw->found_gen) units_items_build(rw);
  for (size_t i = 0; fl && r->folded_gen == r->found_gen && i < r->folded.cap; i++) {
    const map_entry *e = &r->folded.slots[i];
    if (!e->key) continue;
    size_t d = suggest_distance(f, fl, e->key, e->klen, cap);
    if (d < best) best = d, snprintf(bestname, sizeof bestname, "%.*s", (int)e->klen, e->key);
  }
  if (bestname[0]) snprintf(buf, bufsz, "unknown name '%.*s': did you mean '%s'?", shown, name, bestname);
  else snprintf(buf, bufsz, "unknown name '%.*s'", shown, name);
  return false;
}
