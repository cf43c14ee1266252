/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * quote.c -- the input as a sentence quotes it.
 *
 * A result's text repeats parts of the line ("1,400 TB at 3 MB per photo",
 * "1,400 TB is 3.5 × 400 TB"). They are quoted as written, but with their
 * numbers written as the sentence writes its own: grouped by commas, with
 * the decimal point (the output turns the points around when the session
 * uses the decimal comma).
 */
#include "quote.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lex.h"

/* Appends the number token t[0..tl) to r as a sentence writes it: digits
 * grouped by commas from 1,000 up, '.' for the point, the exponent as
 * written ("1 400" and, with the decimal comma, "1.400" read "1,400";
 * output with the decimal comma turns it back). Writes at most 2 * tl
 * bytes; returns the new length. */
static size_t quote_number(char *r, size_t k, const char *t, size_t tl, bool dc) {
  const char pc = dc ? ',' : '.';
  size_t e = 0, nint = 0, first = SIZE_MAX;
  while (e < tl && t[e] != 'e' && t[e] != 'E') e++;
  size_t p = 0;
  while (p < e && t[p] != pc) {
    if (t[p] >= '0' && t[p] <= '9') {
      if (first == SIZE_MAX) first = p;
      nint++;
    }
    p++;
  }
  bool group = nint >= 4 && first != SIZE_MAX && t[first] != '0';
  size_t seen = 0;
  for (size_t j = 0; j < p; j++) {
    if (t[j] < '0' || t[j] > '9') continue;
    if (group && seen > 0 && (nint - seen) % 3 == 0) r[k++] = ',';
    r[k++] = t[j];
    seen++;
  }
  if (p < e) {
    r[k++] = '.';
    for (size_t j = p + 1; j < e; j++)
      if (t[j] >= '0' && t[j] <= '9') r[k++] = t[j];
  }
  for (size_t j = e; j < tl; j++) r[k++] = t[j];
  return k;
}

/* The text of an expression with long numbers grouped: "1400 TB" reads
 * "1,400 TB" in a sentence. A node's span leaves out the parentheses
 * around its first or last operand ("(1+2) MB" starts at "1"), so the
 * span is first widened over them until its parentheses balance. `len`
 * is the length of the whole line; `dc`: it was read with the decimal
 * comma (the text is written with the decimal point all the same). */
char *quote_input(const char *src, size_t len, size_t start, size_t end, bool dc) {
  size_t open = 0, close = 0;
  for (size_t i = start; i < end; i++) {
    if (src[i] == '(') open++;
    else if (src[i] == ')' && open) open--;
    else if (src[i] == ')') close++;
  }
  for (size_t i = start; close && i > 0 && (src[i - 1] == '(' || src[i - 1] == ' ' || src[i - 1] == '\t'); i--)
    if (src[i - 1] == '(') start = i - 1, close--;
  for (size_t i = end; open && i < len && (src[i] == ')' || src[i] == ' ' || src[i] == '\t'); i++)
    if (src[i] == ')') end = i + 1, open--;
  size_t n = end - start, cap = 2 * n + 1;
  char *r = malloc(cap + 1);
  if (!r) return NULL;
  size_t k = 0, i = start;
  lex_state ls;
  lex_init(&ls, src, end);
  ls.decimal_comma = dc;
  ls.pos = start;
  while (lex_next(&ls) == 0 && ls.tok.kind != TK_EOF) {
    while (i < ls.tok.start) r[k++] = src[i++];
    const char *t = src + ls.tok.start;
    size_t tl = ls.tok.end - ls.tok.start;
    if (ls.tok.kind == TK_NUM) {
      k = quote_number(r, k, t, tl, dc);
    } else {
      memcpy(r + k, t, tl);
      k += tl;
    }
    i = ls.tok.end;
    /* "4MB" reads "4 MB" */
    if (ls.tok.kind == TK_NUM && i < end && k < cap &&
        (((unsigned char)src[i] | 0x20) >= 'a' && ((unsigned char)src[i] | 0x20) <= 'z'))
      r[k++] = ' ';
  }
  while (i < end && k < cap) r[k++] = src[i++];
  r[k] = 0;
  return r;
}
