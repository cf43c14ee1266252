/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* note.h -- the notes of a result, for people. */
#ifndef DS_NOTE_H
#define DS_NOTE_H

#include "word.h"

/* Appends to w the note for a result that depends on the reading of
 * KB..YB, and true; nothing and false when the two readings differ by 1 %
 * or less. For r->brief_reading, the note's part before "; " ("MB read as
 * decimal (powers of 1000)"). */
bool note_reading(buf *w, const word_opts *fo, const stmt_result *r, const word_out *f);

/* The note for a result that shows fewer digits than asked for, because
 * no more are certain ("only 3 significant digits of this result are
 * certain at 262144 bits of precision (the limit)"), or NULL. Caller
 * frees. */
char *note_certain(const stmt_result *r, const word_out *f);

/* The note for sizes spelled Tb, Pb, ... (eval_bitsizes): they were read
 * as bits, and what the result is with them read as bytes; NULL when there
 * were none (or only rates), or when reading them as bytes changes
 * nothing. Caller frees. */
char *note_bits(const word_opts *fo, const stmt_result *r, const word_out *f);

/* The note on a value whose unit a newsroom would not use (its shape is
 * unusual): the unit shown (f->unit) and its dimensions, how the line was
 * grouped, and the value of another grouping that gives a usual unit, with
 * no more digits than the line's numbers justify; NULL for a usual unit.
 * Caller frees. */
char *note_unusual(const word_opts *fo, const stmt_result *r, const word_out *f);

/* The note on a result that used (or is shown in) a calendar average: a
 * new string, or NULL when memory runs out. */
char *note_calendar(void);
/* The note on a value whose exact form is too long to keep. */
char *note_exact(void);
/* The source of an assumption: catalogue item `item` (registry index) or,
 * when item < 0, a variable of the session. A new string, or NULL. */
char *note_source(const units *reg, long item);

#endif
