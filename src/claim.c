/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * claim.c -- how a check line words its claim.
 *
 * "check 1400 TB is more than three times 400 TB": the relation ("is more
 * than") and a multiplier written as words ("three times", "tripled",
 * "threefold", "3-fold") sit between the two values, in the spellings
 * reporters hedge claims with. They are found in the text before the
 * values are parsed, at the top level of the line (never inside
 * parentheses), so the parser reads each value on its own.
 */
#include "claim.h"

#include <string.h>
#include <strings.h>

static const struct {
  const char *w;
  claim_rel rel;
} claim_words[] = {
    /* longest first where one starts another */
    {"is equal to", CLAIM_EQ},
    {"equals", CLAIM_EQ},
    {"is", CLAIM_EQ},
    {"was", CLAIM_EQ},
    {"are", CLAIM_EQ},
    {"were", CLAIM_EQ},
    {"approximately", CLAIM_ABOUT},
    {"about", CLAIM_ABOUT},
    {"roughly", CLAIM_ABOUT},
    {"around", CLAIM_ABOUT},
    {"more than", CLAIM_MORE},
    {"greater than", CLAIM_MORE},
    {"bigger than", CLAIM_MORE},
    {"larger than", CLAIM_MORE},
    {"over", CLAIM_MORE},
    {"above", CLAIM_MORE},
    {"less than", CLAIM_LESS},
    {"fewer than", CLAIM_LESS},
    {"smaller than", CLAIM_LESS},
    {"under", CLAIM_LESS},
    {"below", CLAIM_LESS},
    {"at least", CLAIM_AT_LEAST},
    {"no less than", CLAIM_AT_LEAST},
    {"no fewer than", CLAIM_AT_LEAST},
    {"at most", CLAIM_AT_MOST},
    {"no more than", CLAIM_AT_MOST},
    {"almost", CLAIM_ALMOST},
    {"nearly", CLAIM_ALMOST},
    {"just under", CLAIM_ALMOST},
};

static const struct {
  const char *s;
  claim_rel rel;
} claim_symbols[] = {
    {"\xe2\x89\x88", CLAIM_ABOUT},
    {"~", CLAIM_ABOUT},
    {">=", CLAIM_AT_LEAST},
    {"\xe2\x89\xa5", CLAIM_AT_LEAST},
    {"<=", CLAIM_AT_MOST},
    {"\xe2\x89\xa4", CLAIM_AT_MOST},
    {">", CLAIM_MORE},
    {"<", CLAIM_LESS},
    {"==", CLAIM_EQ},
    {"=", CLAIM_EQ},
};

/* Multipliers as words: "triple", "threefold", "twice", "half". */
static const struct {
  const char *w;
  long num, den;
} claim_factors[] = {
    {"twice", 2, 1},      {"double", 2, 1},   {"doubled", 2, 1},  {"twofold", 2, 1},   {"triple", 3, 1},
    {"tripled", 3, 1},    {"treble", 3, 1},   {"trebled", 3, 1},  {"threefold", 3, 1}, {"quadruple", 4, 1},
    {"quadrupled", 4, 1}, {"fourfold", 4, 1}, {"fivefold", 5, 1}, {"tenfold", 10, 1},  {"half", 1, 2},
};

static const char *const claim_numbers[] = {"zero", "one",   "two",   "three", "four", "five",
                                            "six",  "seven", "eight", "nine",  "ten"};

static bool claim_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         (unsigned char)c >= 0x80;
}

/* A hyphen at src[i]: '-', or U+2010 or U+2011 (the non-breaking hyphen
 * of "more‑than‑three‑fold" pasted from a web page): its length, or 0. */
static size_t claim_hyphen(const char *src, size_t i, size_t len) {
  if (i < len && src[i] == '-') return 1;
  if (i + 2 < len && (unsigned char)src[i] == 0xe2 && (unsigned char)src[i + 1] == 0x80 &&
      ((unsigned char)src[i + 2] == 0x90 || (unsigned char)src[i + 2] == 0x91))
    return 3;
  return 0;
}

/* The length of word w at src[i..len) (any case, words separated by one
 * or more spaces where w has one), ending at a word boundary; 0 if not. */
static size_t claim_word(const char *src, size_t i, size_t len, const char *w) {
  size_t j = i;
  for (const char *p = w; *p; p++) {
    if (*p == ' ') { /* "more than", "more-than" */
      size_t h = claim_hyphen(src, j, len);
      if (h) {
        j += h;
        continue;
      }
      if (j >= len || (src[j] != ' ' && src[j] != '\t')) return 0;
      while (j < len && (src[j] == ' ' || src[j] == '\t')) j++;
      continue;
    }
    if (j >= len || (src[j] | 0x20) != (*p | 0x20)) return 0;
    j++;
  }
  return j < len && claim_alnum(src[j]) && !claim_hyphen(src, j, len) ? 0 : j - i;
}

static size_t claim_space(const char *src, size_t i, size_t len) {
  while (i < len && (src[i] == ' ' || src[i] == '\t')) i++;
  return i;
}

/* A relation word or symbol at i: its length, and *rel. */
static size_t claim_rel_at(const char *src, size_t i, size_t len, claim_rel *rel) {
  for (size_t k = 0; k < sizeof claim_symbols / sizeof claim_symbols[0]; k++) {
    size_t n = strlen(claim_symbols[k].s);
    if (i + n <= len && memcmp(src + i, claim_symbols[k].s, n) == 0) {
      *rel = claim_symbols[k].rel;
      return n;
    }
  }
  if (i > 0 && claim_alnum(src[i - 1])) return 0;
  for (size_t k = 0; k < sizeof claim_words / sizeof claim_words[0]; k++) {
    size_t n = claim_word(src, i, len, claim_words[k].w);
    if (n) {
      *rel = claim_words[k].rel;
      return n;
    }
  }
  return 0;
}

/* A multiplier at i ("three times", "3 times", "3x", "3-fold", "tripled"):
 * its length, and the factor; 0 when none. */
static size_t claim_factor_at(const char *src, size_t i, size_t len, long *num, long *den) {
  for (size_t k = 0; k < sizeof claim_factors / sizeof claim_factors[0]; k++) {
    size_t n = claim_word(src, i, len, claim_factors[k].w);
    if (n) {
      *num = claim_factors[k].num, *den = claim_factors[k].den;
      return n;
    }
  }
  long v = -1, d = 1;
  size_t j = i;
  for (size_t k = 0; k < sizeof claim_numbers / sizeof claim_numbers[0] && v < 0; k++) {
    size_t n = claim_word(src, i, len, claim_numbers[k]), w = strlen(claim_numbers[k]);
    if (!n && i + w <= len && strncasecmp(src + i, claim_numbers[k], w) == 0 && claim_hyphen(src, i + w, len))
      n = w; /* "three-fold" */
    if (n) v = (long)k, j = i + n;
  }
  if (v < 0 && i < len && src[i] >= '0' && src[i] <= '9') { /* 3, 3.5 */
    v = 0;
    while (j < len && src[j] >= '0' && src[j] <= '9' && v < 100000000) v = v * 10 + (src[j++] - '0');
    if (j + 1 < len && src[j] == '.' && src[j + 1] >= '0' && src[j + 1] <= '9')
      for (j++; j < len && src[j] >= '0' && src[j] <= '9' && d < 100000000; j++) v = v * 10 + (src[j] - '0'), d *= 10;
    if (j < len && src[j] >= '0' && src[j] <= '9') return 0;
  }
  if (v < 0) return 0;
  size_t after = j, h = claim_hyphen(src, j, len);
  if (h) j += h; /* "3-fold" */
  else j = claim_space(src, j, len);
  size_t n;
  if ((n = claim_word(src, j, len, "times")) || (n = claim_word(src, j, len, "fold")) ||
      (n = claim_word(src, j, len, "x")) ||
      (j == after && j < len && (src[j] | 0x20) == 'x' && (n = claim_word(src, j, len, "x")))) {
    *num = v, *den = d;
    return j + n - i;
  }
  if (j == after && j + 1 < len && (src[j] | 0x20) == 'x' && !claim_alnum(src[j + 1])) { /* "3x" */
    *num = v, *den = d;
    return j + 1 - i;
  }
  return 0;
}

bool claim_scan(const char *src, size_t start, size_t len, claim *c) {
  int depth = 0;
  size_t i = claim_space(src, start, len);
  bool some = false; /* some of A seen */
  for (; i < len; i++) {
    char ch = src[i];
    if (ch == '(') depth++;
    else if (ch == ')') depth--;
    if (depth || ch == ' ' || ch == '\t' || ch == '(' || ch == ')') {
      some = some || ch == ')';
      continue;
    }
    claim_rel rel;
    size_t n = some ? claim_rel_at(src, i, len, &rel) : 0;
    long fn = 0, fd = 0;
    if (!n && some && (i == 0 || !claim_alnum(src[i - 1])) && !(src[i] >= '0' && src[i] <= '9')) {
      /* "1400 TB tripled 400 TB": a multiplier word alone */
      n = claim_factor_at(src, i, len, &fn, &fd);
      if (n) rel = CLAIM_EQ;
    }
    if (!n) {
      some = true;
      continue;
    }
    c->rel = rel;
    c->rel_start = i;
    size_t j = i + n;
    /* "is more than", "= about", "is at least": the last relation word wins
     * over a plain "is" or "=". */
    for (;;) {
      size_t k = claim_space(src, j, len);
      claim_rel r2;
      size_t m = fd ? 0 : claim_rel_at(src, k, len, &r2);
      if (!m) break;
      if (r2 != CLAIM_EQ) c->rel = r2;
      j = k + m;
    }
    if (!fd) { /* "is a threefold", "a more-than-three-fold" */
      size_t k = claim_space(src, j, len), m;
      if ((m = claim_word(src, k, len, "a")) || (m = claim_word(src, k, len, "an"))) {
        size_t k2 = claim_space(src, k + m, len), m2;
        claim_rel r2;
        if ((m2 = claim_rel_at(src, k2, len, &r2))) {
          c->rel = r2;
          for (k2 += m2; claim_hyphen(src, k2, len);) k2 += claim_hyphen(src, k2, len); /* "more-than-three-fold" */
          k2 = claim_space(src, k2, len);
        }
        if (claim_factor_at(src, k2, len, &fn, &fd)) k = k2;
      }
      if ((m = claim_factor_at(src, k, len, &fn, &fd))) j = k + m;
    }
    /* "three times the 400 TB", "double that of 400 TB", "a threefold
     * jump from 400 TB" */
    static const char *const links[] = {"that of",       "the",       "of",          "increase from", "increase on",
                                        "increase over", "jump from", "jump on",     "jump over",     "rise from",
                                        "rise on",       "rise over", "growth from", "growth on",     "growth over"};
    size_t k = claim_space(src, j, len), m = 0;
    for (size_t l = 0; fd && !m && l < sizeof links / sizeof links[0]; l++) m = claim_word(src, k, len, links[l]);
    if (m) j = k + m;
    c->fnum = fn, c->fden = fd;
    c->rel_end = j;
    c->b_start = claim_space(src, j, len);
    return true;
  }
  return false;
}

const char *claim_rel_words(claim_rel r) {
  switch (r) {
  case CLAIM_ABOUT: return "about";
  case CLAIM_MORE: return "more than";
  case CLAIM_LESS: return "less than";
  case CLAIM_AT_LEAST: return "at least";
  case CLAIM_AT_MOST: return "at most";
  case CLAIM_ALMOST: return "almost";
  default: return "equal to";
  }
}
