/* SPDX-License-Identifier: LGPL-3.0-or-later */
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
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "datascale.h"
#include "format.h"
#include "lex.h"
#include "quote.h"

int copy_scale_letter(const char *src, const ast *n, err *e) {
  char c = src[n->start];
  if (n->end - n->start != 1 || !strchr("mkMKT", c)) return DS_OK;
  size_t b = n->start;
  while (b > 0 && (src[b - 1] == ' ' || src[b - 1] == '\t')) b--;
  size_t a = b;
  while (a > 0 &&
         ((src[a - 1] >= '0' && src[a - 1] <= '9') || src[a - 1] == '.' || src[a - 1] == ',' || src[a - 1] == '_'))
    a--;
  if (a == b || src[b - 1] < '0' || src[b - 1] > '9' || b - a > 40) return DS_OK;
  int nl = (int)(b - a);
  const char *digits = src + a;
  if (c == 'k' || c == 'K') {
    bool whole = true;
    for (int i = 0; i < nl; i++) whole = whole && digits[i] >= '0' && digits[i] <= '9';
    return err_set(
        e, DS_E_UNKNOWN, n->start, n->end,
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

bool copy_number_note(const char *tok, size_t len, bool dc, char *note, size_t notesz) {
  if (!lex_number_ambiguous(tok, len, dc)) return false;
  size_t p = 0;
  while (tok[p] >= '0' && tok[p] <= '9') p++;
  char as_read[16], other[16];
  int k = snprintf(as_read, sizeof as_read, "%.*s.%.3s", (int)p, tok, tok + p + 1);
  while (k > 0 && as_read[k - 1] == '0') as_read[--k] = 0;
  if (k > 0 && as_read[k - 1] == '.') as_read[--k] = 0;
  snprintf(other, sizeof other, "%.*s%.3s", (int)p, tok, tok + p + 1);
  if (dc)
    snprintf(note, notesz,
             "%.*s.%.3s is read as %s (a decimal comma); if ',' groups thousands here it means %s: write %s, or turn "
             "the decimal comma off",
             (int)p, tok, tok + p + 1, as_read, other, other);
  else
    snprintf(note, notesz,
             "%.*s is read as %s (a decimal point); if '.' groups thousands here it means %s: write %s, or use "
             "--decimal-comma (set decimal-comma on)",
             (int)len, tok, as_read, other, other);
  return true;
}

bool copy_is_percent(const char *src, const ast *n) {
  if (n->kind == N_PERCENT) return n->a != NULL;
  return n->kind == N_JUX && n->b->kind == N_NAME && n->b->end - n->b->start == 7 &&
         memcmp(src + n->b->start, "percent", 7) == 0;
}

/* The quoted text of a node, cut to 80 bytes ("..." after). Only the
 * start of a long span is quoted: the note on each step of a long chain
 * costs no more than on a short one. */
static void copy_quote(buf *b, const char *src, size_t len, const ast *n, bool dc) {
  size_t end = n->start + lex_utf8_cut(src + n->start, n->end - n->start, 160);
  char *t = quote_input(src, len, n->start, end, dc);
  if (!t) return;
  size_t tl = strlen(t), cut = lex_utf8_cut(t, tl, 80);
  buf_printf(b, "%.*s%s", (int)cut, t, cut < tl || end < n->end ? "..." : "");
  free(t);
}

/* A point value with its sign ("-3", "≈ -0.166667"). */
static void copy_number(buf *b, const num *x) {
  mpq_t a;
  mpq_init(a);
  mpq_abs(a, x->lo);
  buf t;
  buf_init(&t, 1u << 20);
  format_number(&t, a, x->inexact, 6);
  mpq_clear(a);
  const char *s = t.s ? t.s : "";
  size_t approx = strncmp(s, "\xe2\x89\x88 ", 4) == 0 ? 4 : 0;
  buf_add(b, s, approx);
  if (mpq_sgn(x->lo) < 0) buf_putc(b, '-');
  buf_puts(b, s + approx);
  buf_free(&t);
}

char *copy_percent_note(const char *src, size_t len, const ast *n, bool dc, const num *factor, const num *percent,
                        const num *plain_sum) {
  bool plus = n->kind == N_ADD;
  buf b;
  buf_init(&b, 4096);
  copy_quote(&b, src, len, n->a, dc);
  buf_puts(&b, plus ? " + " : " - ");
  copy_quote(&b, src, len, n->b, dc);
  buf_puts(&b, " is read as ");
  copy_quote(&b, src, len, n->a, dc);
  buf_puts(&b, plus ? " increased by " : " decreased by ");
  copy_quote(&b, src, len, n->b, dc);
  if (num_is_point(factor)) {
    buf_puts(&b, " (\xc3\x97 ");
    copy_number(&b, factor);
    buf_putc(&b, ')');
  }
  if (plain_sum && num_is_point(plain_sum) && num_is_point(percent)) {
    buf_puts(&b, "; as plain numbers, ");
    copy_quote(&b, src, len, n->a, dc);
    buf_puts(&b, plus ? " + " : " - ");
    copy_number(&b, percent);
    buf_puts(&b, " = ");
    copy_number(&b, plain_sum);
  }
  return buf_take(&b);
}

char *copy_hyphen_note(const char *src, size_t len, const ast *n, bool dc) {
  buf b;
  buf_init(&b, 4096);
  buf b2;
  buf_init(&b2, 4096);
  copy_quote(&b2, src, len, n->a, dc);
  buf_putc(&b2, '-');
  copy_quote(&b2, src, len, n->b, dc);
  const char *w = b2.s ? b2.s : "";
  buf_printf(&b, "%s is read as ", w);
  copy_quote(&b, src, len, n->a, dc);
  buf_puts(&b, " - ");
  copy_quote(&b, src, len, n->b, dc);
  buf_puts(&b, " (a subtraction); for a range write ");
  copy_quote(&b, src, len, n->a, dc);
  buf_puts(&b, "\xe2\x80\x93");
  copy_quote(&b, src, len, n->b, dc);
  buf_puts(&b, " or ");
  copy_quote(&b, src, len, n->a, dc);
  buf_puts(&b, " .. ");
  copy_quote(&b, src, len, n->b, dc);
  buf_free(&b2);
  return buf_take(&b);
}

size_t copy_singulars(const char *s, size_t len, char out[3][128]) {
  size_t k = 0;
  if (len < 2 || len > 120 || s[len - 1] != 's') return 0;
  if (len > 3 && s[len - 2] == 'e' && s[len - 3] == 'i') {
    memcpy(out[k], s, len - 3);
    memcpy(out[k] + len - 3, "y", 2);
    k++;
  }
  if (len > 2 && s[len - 2] == 'e') {
    memcpy(out[k], s, len - 2);
    out[k++][len - 2] = 0;
  }
  memcpy(out[k], s, len - 1);
  out[k++][len - 1] = 0;
  return k;
}
