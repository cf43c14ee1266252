/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* copy.h -- numbers and words as newsroom copy writes them: the readings
 * that need a note or an error rather than a silent guess. */
#ifndef DS_COPY_H
#define DS_COPY_H

#include <stdbool.h>
#include <stddef.h>

#include "ast.h"
#include "err.h"
#include "num.h"

/* A bare m, k, M, K or T name n right after a number in src ("490m",
 * "5 k"): reads as a scale in copy, and as a prefix or a unit too. Returns
 * DS_E_UNKNOWN with a message that names the readings, or DS_OK when n is
 * not such a name. Call it only when the name names nothing else. */
int copy_scale_letter(const char *src, const ast *n, err *e);

/* "$7.5b" or "$7.5 B" (n an N_DOLLAR of a number and b or B): bits or
 * bytes of dollars, where copy means billions. Returns DS_E_DIMENSION with
 * a message that says how to write billions, or DS_OK. Call it only when
 * b and B are the bit and the byte (no variable by those names). */
int copy_dollar_bits(const char *src, const ast *n, err *e);

/* A number token tok[0..len) with two readings (lex_number_ambiguous:
 * "1.400" is 1.4 or 1400): writes the note that names both into note and
 * returns true, or returns false. `dc`: it was read with the decimal comma.
 * The note is written with the decimal point, as every text is inside. */
bool copy_number_note(const char *tok, size_t len, bool dc, char *note, size_t notesz);

/* Is n written as a percentage: "250%", "250 percent"? */
bool copy_is_percent(const char *src, const ast *n);

/* The note on "X + P%" or "X - P%" (n, an N_ADD or N_SUB) read as a
 * percent change: "400 TB + 250% is read as 400 TB increased by 250%
 * (× 3.5)". `factor` is 1 ± P/100 (not shown when it is a range);
 * `plain_sum`, when not NULL, the sum of two plain numbers, named as the
 * other reading. `len` is the length of the line; `dc` as quote_input. A
 * new string (free()), or NULL when memory runs out. */
char *copy_percent_note(const char *src, size_t len, const ast *n, bool dc, const num *factor, const num *percent,
                        const num *plain_sum);

/* The note on "1-5 million" (n, an N_SUB written with a hyphen glued
 * between two digits, words after the second number): read as a
 * subtraction, where copy may mean a range. A new string, or NULL. */
char *copy_hyphen_note(const char *src, size_t len, const ast *n, bool dc);
/* Candidate singulars of an English plural (photos, boxes, copies): at
 * most three, into out; returns how many. */
size_t copy_singulars(const char *s, size_t len, char out[3][128]);

#endif
