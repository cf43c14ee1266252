/*
 * err.c -- the one error record every module fills.
 *
 * Errors are values: a status code, a message and the byte span of the text
 * that caused it. The context keeps the last one for the API.
 */
#include "err.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

void err_clear(err *e) {
  e->code = 0;
  e->msg[0] = 0;
  e->start = e->end = SIZE_MAX;
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
  e->code = code;
  e->start = start;
  e->end = end;
  return code;
}
