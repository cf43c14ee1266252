/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* err.h -- an error with a status code, a message and a byte span. */
#ifndef DS_ERR_H
#define DS_ERR_H

#include <stddef.h>
#include <stdint.h>

#define ERR_MSG_MAX 512

typedef struct {
  int code;              /* DS_OK or a DS_E_* status */
  char msg[ERR_MSG_MAX]; /* English, no trailing newline */
  size_t start, end;     /* byte span of the offending text; start == end == SIZE_MAX when none */
} err;

void err_clear(err *e);
/* Records an error and returns `code` so callers can `return err_set(...)`.
 * An invisible or bidi control character in the message (a quoted file
 * name, a caller's unit string) is written "<U+XXXX>", never raw. */
int err_set(err *e, int code, size_t start, size_t end, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#endif
