/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * prose.c -- a story's text, a sentence at a time, as words, numbers and
 * marks.
 *
 * Any bytes are accepted. The text is decoded as UTF-8; a byte that is
 * not part of a valid sequence, a NUL or a control byte is a problem kept
 * with its place and read as a space, so the rest is read. Numbers are
 * read as prose writes them: "1,400" (a comma before three digits groups
 * thousands), "1 400" (a space or a no-break space before three digits),
 * "2,94" in a story that writes a decimal comma (one number anywhere in it
 * that only a decimal comma explains: "2,94", "1.400,5", "1.400.000"),
 * "three", "twenty-five", "490 million", "a million" and the vague
 * "hundreds of". Memory is bounded by the longest sentence (cut at
 * PROSE_SENTENCE_MAX tokens), not by the text.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "prose.h"

/* ---- bytes ---------------------------------------------------------- */

long prose_cp(const char *s, size_t len, size_t i, size_t *n) {
  const unsigned char *u = (const unsigned char *)s + i;
  size_t left = len - i;
  *n = 1;
  if (u[0] < 0x80) return u[0];
  size_t need;
  long c, min;
  if ((u[0] & 0xE0) == 0xC0) need = 2, c = u[0] & 0x1F, min = 0x80;
  else if ((u[0] & 0xF0) == 0xE0) need = 3, c = u[0] & 0x0F, min = 0x800;
  else if ((u[0] & 0xF8) == 0xF0) need = 4, c = u[0] & 0x07, min = 0x10000;
  else return -1;
  if (left < need) return -1;
  for (size_t k = 1; k < need; k++) {
    if ((u[k] & 0xC0) != 0x80) return -1;
    c = (c << 6) | (u[k] & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return -1;
  *n = need;
  return c;
}

static void prose_problem_at(prose *p, size_t at, const char *what) {
  if (p->nprob < PROSE_PROBLEMS_MAX) {
    p->prob[p->nprob].at = at;
    snprintf(p->prob[p->nprob].what, sizeof p->prob[p->nprob].what, "%s", what);
    p->nprob++;
  } else {
    p->prob_more++;
  }
}

static bool prose_digit(const char *s, size_t len, size_t i) { return i < len && s[i] >= '0' && s[i] <= '9'; }

static size_t prose_digits(const char *s, size_t len, size_t i) {
  size_t k = i;
  while (prose_digit(s, len, k)) k++;
  return k - i;
}

/* Is there a number at i that only a decimal comma explains? */
static bool prose_comma_at(const char *s, size_t len, size_t i) {
  if (i > 0 && (prose_digit(s, len, i - 1) || s[i - 1] == '.' || s[i - 1] == ',')) return false;
  size_t k = i + prose_digits(s, len, i);
  if (k == i) return false;
  if (k < len && s[k] == ',') {
    size_t d = prose_digits(s, len, k + 1);
    /* "2,94" or "2,9412": not three digits, so no thousands */
    return (d == 1 || d == 2 || d >= 4) && !(k + 1 + d < len && (s[k + 1 + d] == ',' || s[k + 1 + d] == '.'));
  }
  if (k - i <= 3 && k < len && s[k] == '.' && prose_digits(s, len, k + 1) == 3) {
    size_t m = k + 4;
    /* "1.400.000" or "1.400,5" */
    return m < len && (s[m] == '.' || s[m] == ',') && prose_digit(s, len, m + 1);
  }
  return false;
}

static bool prose_find_comma(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (prose_digit(s, len, i) && (i == 0 || !prose_digit(s, len, i - 1)) && prose_comma_at(s, len, i)) return true;
  return false;
}

/* Does the text look like HTML: a tag that only HTML writes ("<p>",
 * "<div", "<html", "<!DOCTYPE") in its first 64 KiB? Elsewhere '<' is a
 * character ("<https://...>" in a licence is no tag). */
static bool prose_find_markup(const char *s, size_t len) {
  static const char *const tags[] = {"<html", "<!doctype", "<p>", "<p ", "</p>", "<div",    "<br", "<body",
                                     "<span", "<article",  "<h1", "<h2", "<li>", "<a href", NULL};
  size_t lim = len < 65536 ? len : 65536;
  for (size_t i = 0; i < lim; i++) {
    if (s[i] != '<') continue;
    for (size_t k = 0; tags[k]; k++) {
      size_t tl = strlen(tags[k]), j = 0;
      while (j < tl && i + j < len && tolower((unsigned char)s[i + j]) == tags[k][j]) j++;
      if (j == tl) return true;
    }
  }
  return false;
}

bool prose_init(prose *p, const char *text, size_t len) {
  memset(p, 0, sizeof *p);
  p->text = text;
  p->len = len;
  p->para_next = true;
  size_t lines = 1;
  for (size_t i = 0; i < len; i++) lines += text[i] == '\n';
  p->lines = malloc(lines * sizeof *p->lines);
  if (!p->lines) return false;
  p->lines[p->nlines++] = 0;
  for (size_t i = 0; i < len; i++)
    if (text[i] == '\n') p->lines[p->nlines++] = i + 1;
  p->chunks = malloc((len / PROSE_CHUNK + 1) * sizeof *p->chunks);
  if (!p->chunks) {
    free(p->lines);
    p->lines = NULL;
    return false;
  }
  size_t chars = 0;
  for (size_t i = 0; i < len; i++) {
    if (i % PROSE_CHUNK == 0) p->chunks[i / PROSE_CHUNK] = chars;
    chars += ((unsigned char)text[i] & 0xC0) != 0x80;
  }
  if (len % PROSE_CHUNK == 0) p->chunks[len / PROSE_CHUNK] = chars;
  p->comma = prose_find_comma(text, len);
  p->markup = prose_find_markup(text, len);
  return true;
}

void prose_free(prose *p) {
  free(p->t);
  free(p->lines);
  free(p->chunks);
  p->t = NULL;
  p->lines = NULL;
  p->chunks = NULL;
}

/* How many characters (UTF-8 lead bytes and bytes that are not UTF-8)
 * text[0..at) holds: from the count kept at every PROSE_CHUNK bytes. */
static size_t prose_chars(const prose *p, size_t at) {
  if (at > p->len) at = p->len;
  size_t c = p->chunks[at / PROSE_CHUNK];
  for (size_t i = at / PROSE_CHUNK * PROSE_CHUNK; i < at; i++) c += ((unsigned char)p->text[i] & 0xC0) != 0x80;
  return c;
}

void prose_where(const prose *p, size_t at, long *line, long *col) {
  size_t lo = 0, hi = p->nlines;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (p->lines[mid] <= at) lo = mid;
    else hi = mid;
  }
  *line = (long)lo + 1;
  *col = (long)(prose_chars(p, at) - prose_chars(p, p->lines[lo])) + 1;
}

bool prose_is(const prose *p, size_t i, const char *w) {
  return i < p->n && p->t[i].kind == PROSE_WORD && strcmp(p->t[i].w, w) == 0;
}

/* ---- tokens ----------------------------------------------------------- */

static prose_tok *prose_push(prose *p, prose_kind k, size_t start, size_t end) {
  if (p->n == p->cap) {
    size_t cap = p->cap ? p->cap * 2 : 64;
    prose_tok *t = realloc(p->t, cap * sizeof *t);
    if (!t) {
      p->nomem = true;
      return NULL;
    }
    p->t = t;
    p->cap = cap;
  }
  prose_tok *t = &p->t[p->n++];
  memset(t, 0, sizeof *t);
  t->kind = k;
  t->start = start;
  t->end = end;
  t->sent = p->sent;
  t->para = p->para;
  return t;
}

static void prose_mark(prose *p, const char *w, size_t start, size_t end) {
  prose_tok *t = prose_push(p, PROSE_MARK, start, end);
  if (t) snprintf(t->w, sizeof t->w, "%s", w);
}

/* A letter of a word: ASCII letters, an apostrophe between letters, and
 * any code point past ASCII that is not punctuation or space. */
static bool prose_letter_cp(long c) {
  if (c < 0) return false;
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c == 0xA0 || c == 0xB7 || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x206F) || c == 0x3000 || c == 0xFEFF)
    return false;
  if (c == 0xAB || c == 0xBB || c == 0xA9 || c == 0xAE || c == 0xB0 || c == 0xA7 || c == 0xB6) return false;
  if (c == 0xA3 || c == 0xA5 || (c >= 0x20A0 && c <= 0x20CF)) return false; /* £ ¥ € ... */
  return true;
}

static bool prose_space_cp(long c) { return c == 0xA0 || c == 0x202F || c == 0x2009 || c == 0x2007 || c == 0x200A; }

/* A number in digits at i: fills t (ex, v, amb) and returns its end. */
static size_t prose_number(prose *p, size_t i, prose_tok *t) {
  const char *s = p->text;
  size_t len = p->len;
  char grp = p->comma ? '.' : ',', dec = p->comma ? ',' : '.';
  char ex[PROSE_NUM_MAX];
  size_t e = 0, k = i, ngroup = 0;
  bool over = false;
  size_t d = prose_digits(s, len, k);
  for (size_t j = 0; j < d; j++)
    if (e < sizeof ex - 1) ex[e++] = s[k + j];
    else over = true;
  k += d;
  bool lead3 = d <= 3;
  for (;;) { /* groups of three: ",400" or " 400" (space, no-break space) */
    size_t sep = 0;
    if (k < len && s[k] == grp) sep = 1;
    else if (k < len && s[k] == ' ') sep = 1;
    else if (k + 1 < len && (unsigned char)s[k] == 0xC2 && (unsigned char)s[k + 1] == 0xA0) sep = 2;
    else if (k + 2 < len && (unsigned char)s[k] == 0xE2 && (unsigned char)s[k + 1] == 0x80 &&
             (unsigned char)s[k + 2] == 0xAF)
      sep = 3;
    if (!sep || !lead3 || prose_digits(s, len, k + sep) != 3) break;
    size_t after = k + sep + 3;
    /* "1,400.5" goes on; "1 400 TB" too; "2025 100" never (lead3) */
    if (after < len && s[after] == grp && s[k] != grp) break;
    for (size_t j = 0; j < 3; j++)
      if (e < sizeof ex - 1) ex[e++] = s[k + sep + j];
      else over = true;
    k = after;
    ngroup++;
  }
  if (k + 1 < len && s[k] == dec && prose_digit(s, len, k + 1)) {
    size_t f = prose_digits(s, len, k + 1);
    /* "1.400" in a story that writes a decimal point: 1.4, or 1,400 in
     * the style of German or Spanish copy */
    if (!p->comma && f == 3 && ngroup == 0 && !(d == 1 && s[i] == '0')) t->amb = true;
    if (e < sizeof ex - 1) ex[e++] = '.';
    for (size_t j = 0; j < f; j++)
      if (e < sizeof ex - 1) ex[e++] = s[k + 1 + j];
      else over = true;
    k += 1 + f;
  }
  ex[e] = '\0';
  if (over) t->kind = PROSE_MARK, snprintf(t->w, sizeof t->w, "#");
  else memcpy(t->ex, ex, e + 1), t->v = strtod(ex, NULL);
  return k;
}

/* Skips an HTML tag at i ('<' then a letter, '/', '!' or '?'): its end, or
 * i when there is no tag there. *block: the tag breaks a sentence. */
static size_t prose_tag(prose *p, size_t i, bool *block) {
  const char *s = p->text;
  size_t len = p->len;
  *block = false;
  if (i + 1 >= len) return i;
  char c = s[i + 1];
  if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!' || c == '?')) return i;
  size_t k = i + 1, lim = i + 4000 < len ? i + 4000 : len;
  while (k < lim && s[k] != '>' && s[k] != '<') k++;
  if (k >= lim || s[k] != '>') return i;
  size_t n0 = i + 1 + (c == '/');
  char name[12];
  size_t nn = 0;
  while (n0 + nn < k && nn < sizeof name - 1 &&
         ((s[n0 + nn] >= 'a' && s[n0 + nn] <= 'z') || (s[n0 + nn] >= 'A' && s[n0 + nn] <= 'Z') ||
          (s[n0 + nn] >= '0' && s[n0 + nn] <= '9'))) {
    name[nn] = (char)(s[n0 + nn] | 0x20);
    nn++;
  }
  name[nn] = '\0';
  p->html = true;
  static const char *const blocks[] = {"p",     "br",    "div",     "li",      "h1",         "h2",     "h3",
                                       "h4",    "h5",    "h6",      "tr",      "td",         "ul",     "ol",
                                       "table", "title", "section", "article", "blockquote", "header", "footer"};
  for (size_t b = 0; b < sizeof blocks / sizeof *blocks; b++)
    if (strcmp(name, blocks[b]) == 0) *block = true;
  k++;
  if (c != '/' && (strcmp(name, "script") == 0 || strcmp(name, "style") == 0)) {
    /* skip to the closing tag */
    char close[16];
    snprintf(close, sizeof close, "</%s", name);
    size_t cl = strlen(close);
    while (k + cl <= len) {
      size_t j = 0;
      while (j < cl && (s[k + j] | 0x20) == (close[j] | 0x20)) j++;
      if (j == cl) break;
      k++;
    }
    while (k < len && s[k] != '>') k++;
    if (k < len) k++;
    *block = true;
  }
  return k;
}

/* Does the text after a line break at i go on the sentence (a lower-case
 * letter first on the next line)? */
static bool prose_goes_on(const prose *p, size_t i) {
  size_t k = i;
  while (k < p->len && (p->text[k] == ' ' || p->text[k] == '\t')) k++;
  return k < p->len && p->text[k] >= 'a' && p->text[k] <= 'z';
}

/* Reads the raw tokens of one sentence from p->pos. */
static void prose_raw(prose *p) {
  const char *s = p->text;
  size_t len = p->len, i = p->pos;
  bool end = false;
  while (i < len && !end && !p->nomem) {
    if (p->n >= PROSE_SENTENCE_MAX) break;
    unsigned char b = (unsigned char)s[i];
    size_t n;
    if (b == '\n') {
      size_t k = i + 1;
      while (k < len && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r')) k++;
      bool blank = k < len && s[k] == '\n';
      i++;
      if (blank || !prose_goes_on(p, i)) {
        end = true;
        p->para_next = true;
      }
      continue;
    }
    if (b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == '\v') {
      i++;
      continue;
    }
    if (b < 0x20 || b == 0x7F) {
      prose_problem_at(p, i, b == 0 ? "a NUL byte" : "a control byte");
      i++;
      continue;
    }
    if (b == '<' && p->markup) {
      bool block;
      size_t k = prose_tag(p, i, &block);
      if (k > i) {
        i = k;
        if (block && p->n) end = true, p->para_next = true;
        continue;
      }
    }
    if (b == '&' && p->markup) { /* an HTML entity: &nbsp; &amp; &#8212; */
      size_t k = i + 1;
      while (k < len && k < i + 10 &&
             (((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z') || prose_digit(s, len, k) || s[k] == '#'))
        k++;
      if (k > i + 2 && k < len && s[k] == ';') {
        i = k + 1;
        continue;
      }
    }
    if (prose_digit(s, len, i)) {
      prose_tok *t = prose_push(p, PROSE_NUM, i, i);
      if (!t) break;
      size_t k = prose_number(p, i, t);
      t->end = k;
      i = k;
      continue;
    }
    long c = prose_cp(s, len, i, &n);
    if (c < 0) {
      prose_problem_at(p, i, "invalid UTF-8");
      i++;
      continue;
    }
    if (prose_letter_cp(c)) {
      size_t k = i, w = 0;
      prose_tok *t = prose_push(p, PROSE_WORD, i, i);
      if (!t) break;
      bool first = true;
      for (;;) {
        size_t m;
        long d = k < len ? prose_cp(s, len, k, &m) : -1;
        if (d == '\'' || d == 0x2019) { /* it's, Microsoft's */
          size_t m2;
          long e = k + m < len ? prose_cp(s, len, k + m, &m2) : -1;
          if (!prose_letter_cp(e)) break;
          if (w < sizeof t->w - 1) t->w[w++] = '\'';
          k += m;
          continue;
        }
        if (!prose_letter_cp(d)) break;
        if (d < 0x80) {
          if (!first && d >= 'A' && d <= 'Z') t->upper = true;
          if (w < sizeof t->w - 1) t->w[w++] = (char)(d | 0x20);
        } else {
          for (size_t j = 0; j < m; j++)
            if (w < sizeof t->w - 1) t->w[w++] = s[k + j];
        }
        first = false;
        k += m;
      }
      t->w[w] = '\0';
      t->end = k;
      i = k;
      continue;
    }
    /* punctuation */
    size_t at = i;
    i += n;
    if (c == '-' || c == 0x2010 || c == 0x2011) {
      if (c == '-' && i < len && s[i] == '-') { /* "--" */
        i++;
        prose_mark(p, "--", at, i);
        continue;
      }
      size_t m;
      long nx = i < len ? prose_cp(s, len, i, &m) : -1;
      bool glued = p->n && p->t[p->n - 1].end == at && (prose_letter_cp(nx) || (nx >= '0' && nx <= '9'));
      if (glued) p->t[p->n - 1].hyphen = true;
      else prose_mark(p, "-", at, i);
      continue;
    }
    if (c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2015) {
      prose_mark(p, "--", at, i);
      continue;
    }
    if (prose_space_cp(c) || c == 0xFEFF || c == 0x200B) continue;
    if (c == '.' || c == '!' || c == '?') {
      prose_mark(p, c == '.' ? "." : c == '!' ? "!" : "?", at, i);
      /* a sentence ends before a space, a quote or the end */
      size_t m;
      long nx = i < len ? prose_cp(s, len, i, &m) : ' ';
      if (nx == '"' || nx == 0x201D || nx == 0x2019 || nx == ')') i += m, nx = i < len ? prose_cp(s, len, i, &m) : ' ';
      if (nx == ' ' || nx == '\n' || nx == '\r' || nx == '\t' || nx == 0xA0) end = true;
      continue;
    }
    if (c == '"' || c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 || c == '\'' || c == '*' || c == '_' ||
        c == '#' || c == '`' || c == 0x2022 || c == '>' || c == '|')
      continue; /* quotes and Markdown's marks say nothing here */
    char w[8];
    if (c == 0xA3 || c == 0xA5 || (c >= 0x20A0 && c <= 0x20CF)) c = '$'; /* a currency, as "$" */
    if (c < 0x80) w[0] = (char)c, w[1] = '\0';
    else if (c == 0x2026) snprintf(w, sizeof w, "...");
    else snprintf(w, sizeof w, "?");
    prose_mark(p, w, at, i);
  }
  p->pos = i;
}

/* ---- numbers in words -------------------------------------------------- */

static const char *const prose_small[] = {
    "zero", "one",    "two",    "three",    "four",     "five",    "six",     "seven",     "eight",    "nine",
    "ten",  "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
static const char *const prose_tens[] = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};

static const struct {
  const char *w;
  double v;
} prose_scales[] = {{"hundred", 1e2},      {"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9}, {"trillion", 1e12},
                    {"quadrillion", 1e15}, {"bn", 1e9},       {"mn", 1e6},      {"mln", 1e6},     {"tn", 1e12}};

static long prose_small_word(const char *w) {
  if (!strchr("zotfsenhabmq", w[0]) || strlen(w) > 9) return -1;
  for (size_t i = 0; i < sizeof prose_small / sizeof *prose_small; i++)
    if (strcmp(w, prose_small[i]) == 0) return (long)i;
  for (size_t i = 0; i < sizeof prose_tens / sizeof *prose_tens; i++)
    if (strcmp(w, prose_tens[i]) == 0) return 20 + 10 * (long)i;
  return -1;
}

static double prose_scale_word(const char *w, const char **name) {
  for (size_t i = 0; i < sizeof prose_scales / sizeof *prose_scales; i++)
    if (strcmp(w, prose_scales[i].w) == 0) {
      *name = prose_scales[i].w;
      return prose_scales[i].v;
    }
  return 0;
}

/* Joins tokens [i, j) into one number token with value v, written ex. */
static void prose_join(prose *p, size_t i, size_t j, double v, const char *ex, bool vague) {
  prose_tok *t = &p->t[i];
  t->kind = PROSE_NUM;
  t->end = p->t[j - 1].end;
  t->hyphen = p->t[j - 1].hyphen;
  t->v = v;
  t->vague = vague;
  snprintf(t->ex, sizeof t->ex, "%s", ex);
  if (!vague && i + 1 < j) t->amb = false;
  memmove(&p->t[i + 1], &p->t[j], (p->n - j) * sizeof *p->t);
  p->n -= j - i - 1;
}

/* Numbers in words, scale words after numbers, and "hundreds of". */
static void prose_words(prose *p) {
  for (size_t i = 0; i < p->n; i++) {
    prose_tok *t = &p->t[i];
    const char *scale;
    if (t->kind == PROSE_WORD) {
      /* "hundreds of", "tens of thousands of" */
      static const struct {
        const char *w;
        double v;
      } vague[] = {{"tens", 10},        {"dozens", 24},    {"hundreds", 100},
                   {"thousands", 1000}, {"millions", 1e6}, {"billions", 1e9}};
      bool done = false;
      for (size_t k = 0; k < sizeof vague / sizeof *vague && !done; k++) {
        if (strcmp(t->w, vague[k].w) || !prose_is(p, i + 1, "of")) continue;
        double v = vague[k].v;
        size_t j = i + 2;
        while (j + 1 < p->n && p->t[j].kind == PROSE_WORD && prose_is(p, j + 1, "of")) {
          bool more = false;
          for (size_t m = 0; m < sizeof vague / sizeof *vague; m++)
            if (strcmp(p->t[j].w, vague[m].w) == 0) v *= vague[m].v, more = true;
          if (!more) break;
          j += 2;
        }
        char ex[PROSE_NUM_MAX];
        snprintf(ex, sizeof ex, "%.17g", v);
        prose_join(p, i, j, v, ex, true);
        done = true;
      }
      if (done) continue;
      if (strcmp(t->w, "half") == 0 && (prose_is(p, i + 1, "a") || prose_is(p, i + 1, "an"))) {
        prose_join(p, i, i + 2, 0.5, "0.5", false); /* "half a petabyte" */
        continue;
      }
      long n = prose_small_word(t->w);
      bool a = (strcmp(t->w, "a") == 0 || strcmp(t->w, "one") == 0) && i + 1 < p->n && p->t[i + 1].kind == PROSE_WORD &&
               prose_scale_word(p->t[i + 1].w, &scale) > 0;
      if (n < 0 && !a) continue;
      if (a) n = 1;
      size_t j = i + 1;
      /* "twenty-five" */
      if (n >= 20 && t->hyphen && j < p->n && p->t[j].kind == PROSE_WORD) {
        long u = prose_small_word(p->t[j].w);
        if (u > 0 && u < 10) n += u, j++;
      }
      char ex[PROSE_NUM_MAX];
      snprintf(ex, sizeof ex, "%ld", n);
      t->v = (double)n;
      if (j > i + 1 || a) {
        if (a) {
          t->kind = PROSE_NUM;
          snprintf(t->ex, sizeof t->ex, "1");
          t->v = 1;
        } else {
          prose_join(p, i, j, (double)n, ex, false);
        }
      } else {
        t->kind = PROSE_NUM;
        snprintf(t->ex, sizeof t->ex, "%s", ex);
      }
    }
    t = &p->t[i];
    if (t->kind != PROSE_NUM || t->vague) continue;
    /* scale words: "490 million", "two hundred million", "7.5bn" */
    size_t j = i + 1;
    double v = t->v;
    char ex[PROSE_NUM_MAX];
    snprintf(ex, sizeof ex, "%s", t->ex);
    while (j < p->n && p->t[j].kind == PROSE_WORD) {
      double f = prose_scale_word(p->t[j].w, &scale);
      if (f <= 0) break;
      /* "a million" is 1 million; "the hundred" no number before it */
      v *= f;
      size_t l = strlen(ex);
      snprintf(ex + l, sizeof ex - l, " %s",
               strcmp(scale, "bn") == 0                                  ? "billion"
               : strcmp(scale, "tn") == 0                                ? "trillion"
               : (strcmp(scale, "mn") == 0 || strcmp(scale, "mln") == 0) ? "million"
                                                                         : scale);
      j++;
    }
    if (j > i + 1) prose_join(p, i, j, v, ex, false);
  }
}

bool prose_sentence(prose *p) {
  p->n = 0;
  p->nomem = false;
  while (p->pos < p->len && !p->nomem) {
    if (p->para_next) {
      p->para++;
      p->para_next = false;
    }
    prose_raw(p);
    if (p->n) {
      prose_words(p);
      p->sent++;
      return true;
    }
  }
  return false;
}

char *prose_quote(const prose *p, size_t start, size_t end) {
  const char *text = p->text;
  bool html = p->html;
  buf b;
  buf_init(&b, 1 << 16);
  bool sp = false;
  for (size_t i = start; i < end; i++) {
    char c = text[i];
    if (html && c == '<') {
      while (i < end && text[i] != '>') i++;
      continue;
    }
    if (html && c == '&') {
      static const char *const ent[][2] = {{"&nbsp;", " "},
                                           {"&amp;", "&"},
                                           {"&mdash;", "\xe2\x80\x94"},
                                           {"&ndash;", "\xe2\x80\x93"},
                                           {"&quot;", "\""},
                                           {"&#8212;", "\xe2\x80\x94"},
                                           {"&lt;", "<"},
                                           {"&gt;", ">"}};
      size_t k = 0;
      for (; k < sizeof ent / sizeof *ent; k++)
        if (strncmp(text + i, ent[k][0], strlen(ent[k][0])) == 0 && i + strlen(ent[k][0]) <= end) break;
      if (k < sizeof ent / sizeof *ent) {
        i += strlen(ent[k][0]) - 1;
        if (ent[k][1][0] == ' ') {
          sp = true;
          continue;
        }
        if (sp && b.len) buf_putc(&b, ' ');
        sp = false;
        buf_puts(&b, ent[k][1]);
        continue;
      }
    }
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      sp = true;
      continue;
    }
    /* bytes that are not text were read as spaces: so they are here */
    size_t n;
    long cp = prose_cp(text, end, i, &n);
    if (cp < 0x20 || cp == 0x7F) {
      sp = true;
      continue;
    }
    if (sp && b.len) buf_putc(&b, ' ');
    sp = false;
    buf_add(&b, text + i, n);
    i += n - 1;
  }
  if (!b.s && !b.failed) buf_puts(&b, "");
  return buf_take(&b);
}
