/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* json.h -- JSON Lines writer pieces. */
#ifndef DS_JSON_H
#define DS_JSON_H

#include <stdbool.h>

#include "buf.h"

/* Appends s as a JSON string (quotes, escapes; invalid UTF-8 bytes become
 * U+FFFD so the output always parses). */
void json_string(buf *b, const char *s, size_t n);
/* Appends "key": */
void json_key(buf *b, const char *key, bool first);
/* Appends ,"key": and s as a JSON string, or null when s is NULL. */
void json_opt_string(buf *b, const char *key, const char *s);
/* Appends a double as the shortest text that reads back the same, or null
 * when it is not finite. */
void json_double(buf *b, double d);

#endif
