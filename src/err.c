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
  vsnprintf(e->msg, sizeof e->msg, fmt, ap);
  va_end(ap);
  e->code = code;
  e->start = start;
  e->end = end;
  return code;
}
