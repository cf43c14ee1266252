/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* catalog.h -- equivalents: choosing catalogue items that make a quantity picturable. */
#ifndef DS_CATALOG_H
#define DS_CATALOG_H

#include "num.h"
#include "session.h"

#define CATALOG_MAX_SHOWN 12

typedef struct {
  long unit;        /* registry index of the item */
  long var;         /* session variable overriding it, or -1 */
  num count;        /* how many of them the quantity is */
  const char *size; /* the size of one as written (borrowed: the variable's or the item's text) */
  qty each;         /* the size of one, in base units */
  num span;         /* the count over the item's plausible range (high size: low count); the
                       count itself for a variable or an item without a range */
} catalog_pick;

/* Frees the numbers of a pick. */
void catalog_pick_clear(catalog_pick *p);

/* An item's name as output prints it: its display name, singular or
 * (many) plural, or failing that its word with spaces for underscores.
 * A new string (NULL when memory runs out). */
char *catalog_name(const unit *u, bool many);

/* A size as a newsroom writes it ("4.7 GB", "about 6.7 MB"): in
 * bytes, in the unit automatic output would choose (IEC prefixes under the
 * binary reading); exactly when three significant figures hold it ("512
 * GB"), else two, or three when two would move it by more than 1 %, after
 * "about " when the figure shown is more than 0.1 % off the size. A new
 * string (NULL when memory runs out). */
char *catalog_size(const units *r, const qty *size, bool binary);

/* The size of catalogue item i (registry index) as catalog_size writes
 * it, in the reading its source counts in, whatever the reading in force;
 * the item is resolved first when it is not yet. NULL when it cannot be
 * resolved or memory runs out. */
char *catalog_item_size(units *r, long i);

/* " an hour" for an item named "hour of ...", " a minute", " a day"; else
 * " each": what follows the size in an equivalents line. */
const char *catalog_per(const unit *u);

/* Chooses up to CATALOG_MAX_SHOWN items offered for comparison (compare:
 * yes, same dimension as v) whose counts are easiest to picture: closest
 * to 1..1000 on a log scale, never below 1/2 or above 10^12. Returns how
 * many; each pick must be catalog_pick_clear'ed by the caller. */
int catalog_equivalents(session *ctx, const qty *v, bool binary, catalog_pick *picks, size_t maxbits);

#endif
