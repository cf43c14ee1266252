/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * err.c -- the one error record every module fills.
 *
 * Errors are values: a status code, a message and the byte span of the text
 * that caused it. The context keeps the last one for the API. A message
 * never holds an invisible or bidi control character raw (it may quote a
 * file name or a caller's unit string): each is written <U+XXXX>.
 */
#include "err.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lex.h"

void err_clear(err *e) {
  e->code = 0;
  e->msg[0] = 0;
  e->start = e->end = SIZE_MAX;
}

/* Rewrites each invisible character of msg (lex_char_kind) as "<U+XXXX>",
 * cutting the message short at a character when it no longer fits. */
static void err_show_invisible(char *msg) {
  size_t n = strlen(msg), i = 0;
  while (i < n && (unsigned char)msg[i] < 0xc2) i++;
  if (i == n) return; /* nearly every message */
  char out[ERR_MSG_MAX];
  size_t k = 0;
  for (i = 0; i < n;) {
    size_t cl = 1;
    unsigned long cp = (unsigned char)msg[i] >= 0xc2 ? lex_utf8_decode(msg + i, n - i, &cl) : 0;
    char rep[16];
    const char *piece = msg + i;
    size_t pl = cl;
    if (cl > 1 && lex_char_kind(cp) == LEX_CH_INVISIBLE) {
      pl = (size_t)snprintf(rep, sizeof rep, "<U+%04lX>", cp);
      piece = rep;
    }
    if (k + pl >= sizeof out) break;
    memcpy(out + k, piece, pl);
    k += pl;
    i += cl;
  }
  out[k] = 0;
  memcpy(msg, out, k + 1);
}

int err_set(err *e, int code, size_t start, size_t end, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(e->msg, sizeof e->msg, fmt, ap);
  va_end(ap);
  if (n >= (int)sizeof e->msg) {
    /* Cut short: never in the middle of a UTF-8 sequence (the message may
     * quote the input, and JSON rows carry it). */
    size_t k = sizeof e->msg - 1, j = k;
    while (j > 0 && ((unsigned char)e->msg[j - 1] & 0xc0) == 0x80) j--; /* back over continuation bytes */
    if (j > 0 && (unsigned char)e->msg[j - 1] >= 0xc0) {                /* a lead byte: complete? */
      unsigned char lead = (unsigned char)e->msg[j - 1];
      size_t need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
      if (k - (j - 1) < need) k = j - 1;
    }
    e->msg[k] = 0;
  }
  err_show_invisible(e->msg);
  e->code = code;
  e->start = start;
  e->end = end;
  return code;
}
