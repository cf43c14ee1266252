/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* setting.h -- "set" lines: the settings a line of input may change. */
#ifndef DS_SETTING_H
#define DS_SETTING_H

#include <stddef.h>

#include "err.h"
#include "session.h"

#define SETTING_NONE (-1) /* the line is not a setting (see setting_line) */

/* Runs src[0..len) when it is "set binary on|off" or "set LIMIT N" (LIMIT:
 * digits, precision, max-bits, max-depth, max-line, max-work), with blanks
 * between the words and an optional '#' comment after them. Returns
 * SETTING_NONE when the line is none of those (the parser reads it: "set
 * decimal-comma on", an expression); else DS_OK with *answer the sentence
 * that says what is now in force (malloc'd), or an error in e (a value out
 * of range: nothing changes). */
int setting_line(session *s, const char *src, size_t len, char **answer, err *e);

#endif
