/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* buf.h -- a growable string buffer with a hard cap (curl's dynbuf idea). */
#ifndef DS_BUF_H
#define DS_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

typedef struct {
  char *s;     /* NUL-terminated contents (NULL until the first append) */
  size_t len;  /* bytes used, without the NUL */
  size_t cap;  /* bytes allocated */
  size_t max;  /* hard cap on len */
  bool failed; /* an append failed: out of memory or over the cap */
} buf;

void buf_init(buf *b, size_t max);
void buf_free(buf *b);
/* Makes room for n more bytes and their NUL; false (and `failed` set)
 * past the cap or when memory runs out. The capacity never passes the
 * cap (plus the NUL), so n bytes that fit in it are within the cap. */
bool buf_grow(buf *b, size_t n);

/* The appends are here, inline, so that an append to a buffer with room
 * (almost all) costs a copy, and buf_puts of a literal knows its length. */
static inline void buf_add(buf *b, const char *s, size_t n) {
  if ((n >= b->cap - b->len || b->failed) && !buf_grow(b, n)) return;
  memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = 0;
}
static inline void buf_puts(buf *b, const char *s) { buf_add(b, s, strlen(s)); }
static inline void buf_putc(buf *b, char c) { buf_add(b, &c, 1); }
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A NUL-terminated copy of n bytes of s (malloc), or NULL. */
char *buf_strndup(const char *s, size_t n);

/* The separator before item i of a list of n in prose: "" before the
 * first, `last` (" and ", " or ") before the last, else ", ". */
const char *buf_list_sep(size_t i, size_t n, const char *last);

/* Empties b but keeps its memory. */
static inline void buf_reset(buf *b) {
  b->len = 0;
  b->failed = false;
  if (b->s) b->s[0] = 0;
}
/* b, which holds no memory yet, takes the memory of `spare` to write in,
 * empty: a buffer kept from line to line allocates only for a line longer
 * than those before. spare is left holding none (memory past b's cap is
 * freed rather than taken). */
void buf_reuse(buf *b, buf *spare);

/* Hands the string to the caller (never NULL unless failed); resets b. */
char *buf_take(buf *b);

#endif
