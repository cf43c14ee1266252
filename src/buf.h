/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* buf.h -- a growable string buffer with a hard cap (curl's dynbuf idea). */
#ifndef DS_BUF_H
#define DS_BUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
  char *s;     /* NUL-terminated contents (NULL until the first append) */
  size_t len;  /* bytes used, without the NUL */
  size_t cap;  /* bytes allocated */
  size_t max;  /* hard cap on len */
  bool failed; /* an append failed: out of memory or over the cap */
} buf;

void buf_init(buf *b, size_t max);
void buf_free(buf *b);
void buf_add(buf *b, const char *s, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A NUL-terminated copy of n bytes of s (malloc), or NULL. */
char *buf_strndup(const char *s, size_t n);

/* The separator before item i of a list of n in prose: "" before the
 * first, `last` (" and ", " or ") before the last, else ", ". */
const char *buf_list_sep(size_t i, size_t n, const char *last);

/* Hands the string to the caller (never NULL unless failed); resets b. */
char *buf_take(buf *b);

#endif
