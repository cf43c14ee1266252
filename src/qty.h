/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* qty.h -- a quantity: an exact number (or range) times a dimension. */
#ifndef DS_QTY_H
#define DS_QTY_H

#include "dim.h"
#include "num.h"

typedef struct {
  num n;     /* the value in base units (bit, second, USD, ...) */
  dim d;     /* its dimension */
  char pref; /* how information is best shown: 'b' bits, 'B' bytes, 0 unknown */
  long item; /* a count of catalogue items ("490 million photos": the base
                dimension item): the registry index of the item, or -1 */
} qty;

void qty_init(qty *q);
void qty_clear(qty *q);
void qty_set(qty *dst, const qty *src);
/* The display preference of a product of a and b. */
char qty_pref(char a, char b);

#endif
