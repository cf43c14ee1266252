/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* reading.h -- the two readings of KB..QB in words. */
#ifndef DS_READING_H
#define DS_READING_H

#include <stdbool.h>

#include "buf.h"
#include "eval.h"

/* A reading of KB..QB in words: "1024-based" or "decimal", or with
 * `explained` "1024-based (--binary)" or "decimal (powers of 1000)". */
const char *reading_words(bool binary, bool explained);

/* Appends the KB..QB spellings a value used: "TB", "TB and MB". */
void reading_spellings(buf *b, const eval_used *u);

/* "TB is read as TiB", "terabytes are read as tebibytes", "TB and MB are
 * read as TiB and MiB" (to_binary) or "TB is read as decimal": what the
 * other reading of u's KB..QB spellings re-reads. */
void reading_reread(buf *b, const eval_used *u, bool to_binary);

/* One KB..QB spelling as its 1024-based unit reads: "TiB" for "TB" and
 * "kB", "tebibytes" for "terabytes"; false when it is neither form. */
bool reading_iec(buf *b, const char *sp);
/* s with each of u's KB..QB spellings as the other reading reads them:
 * "1,400 TiB" for "1,400 TB" (to_binary; else s as it is). */
void reading_reread_text(buf *t, const char *s, const eval_used *u, bool to_binary);

#endif
