/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * buf.c -- growable strings for building text and JSON.
 *
 * Every buffer has a hard cap; an append past it or a failed allocation
 * sets `failed` and later appends do nothing, so callers check once at the
 * end.
 */
#include "buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(buf *b, size_t max) {
  b->s = NULL;
  b->len = b->cap = 0;
  b->max = max;
  b->failed = false;
}

void buf_free(buf *b) {
  free(b->s);
  buf_init(b, b->max);
}

bool buf_grow(buf *b, size_t n) {
  if (b->failed) return false;
  if (n > b->max || b->len + n > b->max) {
    b->failed = true;
    return false;
  }
  if (b->len + n + 1 <= b->cap) return true;
  size_t nc = b->cap ? b->cap : 64;
  while (nc < b->len + n + 1) nc *= 2;
  if (b->max < SIZE_MAX && nc > b->max + 1) nc = b->max + 1; /* len + n + 1 still fits */
  char *ns = b->s ? realloc(b->s, nc) : malloc(nc);
  if (!ns) {
    b->failed = true;
    return false;
  }
  b->s = ns;
  b->cap = nc;
  return true;
}

void buf_reuse(buf *b, buf *spare) {
  if (spare->s && (b->max == SIZE_MAX || spare->cap <= b->max + 1)) {
    b->s = spare->s;
    b->cap = spare->cap;
    buf_reset(b);
  } else {
    free(spare->s);
  }
  spare->s = NULL;
  spare->len = spare->cap = 0;
}

void buf_printf(buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char tmp[256];
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0) {
    b->failed = true;
    return;
  }
  if ((size_t)n < sizeof tmp) {
    buf_add(b, tmp, (size_t)n);
    return;
  }
  if (!buf_grow(b, (size_t)n)) return;
  va_start(ap, fmt);
  vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

char *buf_take(buf *b) {
  if (b->failed) {
    buf_free(b);
    return NULL;
  }
  if (!b->s && !buf_grow(b, 0)) return NULL;
  if (b->len == 0) b->s[0] = 0;
  char *s = b->s;
  buf_init(b, b->max);
  return s;
}

char *buf_strndup(const char *s, size_t n) {
  char *d = malloc(n + 1);
  if (d) {
    memcpy(d, s, n);
    d[n] = 0;
  }
  return d;
}

const char *buf_list_sep(size_t i, size_t n, const char *last) { return i == 0 ? "" : i + 1 == n ? last : ", "; }
