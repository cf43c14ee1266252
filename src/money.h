/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* money.h -- amounts of money as a newsroom writes them. */
#ifndef DS_MONEY_H
#define DS_MONEY_H

#include <gmp.h>
#include <stdbool.h>

#include "buf.h"

/* Appends an amount of money as a newsroom writes it: `sym` before the
 * number ("$") or `code` after it ("EUR"), either may be NULL. An exact
 * amount prints every digit, cents in two ("$34.50"), or with a scale word
 * from a million when it has at most `digits` significant digits ("$7.5
 * billion"). Otherwise `digits` significant digits, a scale word from a
 * million, and from 1 up never finer than a cent (two decimals when the
 * digits leave room for both, else whole); "≈ " when `mark` and rounded. */
void money_write(buf *b, const mpq_t x, bool inexact, int digits, bool mark, const char *sym, const char *code);

#endif
