/*
 * copy.c -- numbers and words as newsroom copy writes them.
 *
 * Reporters write "490m", "$7.5b", "1.400 TB" (German copy), and each has a
 * reading the language does not take: millions, billions, fourteen
 * hundred. This file recognises these spellings where the walker meets
 * them and writes the error or the note that names the readings, so that
 * none of them is read one way in silence.
 */
#include "copy.h"

#include <stdio.h>
#include <string.h>

#include "datascale.h"
#include "lex.h"

int copy_scale_letter(const char *src, const ast *n, err *e) {
  char c = src[n->start];
  if (n->end - n->start != 1 || !strchr("mkMKT", c)) return DS_OK;
  size_t b = n->start;
  while (b > 0 && (src[b - 1] == ' ' || src[b - 1] == '\t')) b--;
  size_t a = b;
  while (a > 0 && ((src[a - 1] >= '0' && src[a - 1] <= '9') || src[a - 1] == '.' || src[a - 1] == ',' ||
                   src[a - 1] == '_'))
    a--;
  if (a == b || src[b - 1] < '0' || src[b - 1] > '9' || b - a > 40) return DS_OK;
  int nl = (int)(b - a);
  const char *digits = src + a;
  if (c == 'k' || c == 'K') {
    bool whole = true;
    for (int i = 0; i < nl; i++) whole = whole && digits[i] >= '0' && digits[i] <= '9';
    return err_set(e, DS_E_UNKNOWN, n->start, n->end,
                   "'%c' after a number has several readings: for thousands write %.*s thousand%s%.*s%s; %c alone is no "
                   "unit (%cB and kbit are)",
                   c, nl, digits, whole ? " (or " : "", whole ? nl : 0, digits, whole ? "000)" : "", c, c);
  }
  if (c == 'm')
    return err_set(e, DS_E_UNKNOWN, n->start, n->end,
                   "'m' after a number has several readings: for millions write %.*s million (or %.*s mn); m alone is "
                   "no unit here (minutes are min)",
                   nl, digits, nl, digits);
  const char *word = c == 'T' ? "trillions" : "millions", *w1 = c == 'T' ? "trillion" : "million",
             *ab = c == 'T' ? "tn" : "mn";
  return err_set(e, DS_E_UNKNOWN, n->start, n->end,
                 "'%c' after a number has several readings: for %s write %.*s %s (or %.*s %s); %c alone is no unit "
                 "(%cB and %cbit are)",
                 c, word, nl, digits, w1, nl, digits, ab, c, c, c);
}

int copy_dollar_bits(const char *src, const ast *n, err *e) {
  const ast *j = n->a;
  if (n->kind != N_DOLLAR || j->kind != N_JUX || j->a->kind != N_NUM || j->b->kind != N_NAME ||
      j->b->end - j->b->start != 1)
    return DS_OK;
  char c = src[j->b->start];
  if (c != 'b' && c != 'B') return DS_OK;
  int nl = (int)lex_utf8_cut(src + j->a->start, j->a->end - j->a->start, 40);
  const char *digits = src + j->a->start;
  return err_set(e, DS_E_DIMENSION, n->start, n->end,
                 "'%.*s' would be %.*s %s of dollars: for billions write $%.*s billion (or $%.*s bn)",
                 (int)lex_utf8_cut(src + n->start, n->end - n->start, 60), src + n->start, nl, digits,
                 c == 'b' ? "bits" : "bytes", nl, digits, nl, digits);
}

bool copy_number_note(const char *tok, size_t len, bool dc, char *buf, size_t bufsz) {
  if (!lex_number_ambiguous(tok, len, dc)) return false;
  size_t p = 0;
  while (tok[p] >= '0' && tok[p] <= '9') p++;
  char as_read[16], other[16];
  int k = snprintf(as_read, sizeof as_read, "%.*s.%.3s", (int)p, tok, tok + p + 1);
  while (k > 0 && as_read[k - 1] == '0') as_read[--k] = 0;
  if (k > 0 && as_read[k - 1] == '.') as_read[--k] = 0;
  snprintf(other, sizeof other, "%.*s%.3s", (int)p, tok, tok + p + 1);
  if (dc)
    snprintf(buf, bufsz,
             "%.*s.%.3s is read as %s (a decimal comma); if ',' groups thousands here it means %s: write %s, or turn "
             "the decimal comma off",
             (int)p, tok, tok + p + 1, as_read, other, other);
  else
    snprintf(buf, bufsz,
             "%.*s is read as %s (a decimal point); if '.' groups thousands here it means %s: write %s, or use "
             "--decimal-comma (set decimal-comma on)",
             (int)len, tok, as_read, other, other);
  return true;
}
