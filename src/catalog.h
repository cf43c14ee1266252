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
} catalog_pick;

/* Chooses up to CATALOG_MAX_SHOWN items offered for comparison (compare:
 * yes, same dimension as v) whose counts are easiest to picture: closest
 * to 1..1000 on a log scale, never below 1/2 or above 10^12. Returns how
 * many; picks[i].count must be num_clear'ed by the caller. */
int catalog_equivalents(session *ctx, const qty *v, bool binary, catalog_pick *picks, size_t maxbits);

#endif
