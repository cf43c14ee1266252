/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* quote.h -- the input as a sentence quotes it. */
#ifndef DS_QUOTE_H
#define DS_QUOTE_H

#include <stdbool.h>
#include <stddef.h>

/* The text of src[start..end) with numbers written as a sentence writes
 * them ("1400 TB" and "1 400 TB" read "1,400 TB"; `dc`: the line was read
 * with the decimal comma, and the text has the decimal point all the same),
 * widened over the parentheses its span leaves out; `len` is the length of
 * the whole line. A new string (free()), or NULL. */
char *quote_input(const char *src, size_t len, size_t start, size_t end, bool dc);

#endif
