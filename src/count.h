/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* count.h -- what a count is of, as written. */
#ifndef DS_COUNT_H
#define DS_COUNT_H

#include "catalog.h"
#include "eval.h"

/* What a count is of, as written. */
typedef struct {
  char *from; /* the quantity, digits grouped ("1,400 TB") */
  char *size; /* the size of one ("3 MB") */
  char *item; /* one of them, singular ("photo") */
  char *name; /* one of them as output prints it ("hour of HD video") */
  char *each; /* the size of one as a newsroom writes it ("4.7 GB"; a variable's as written) */
  bool upper; /* the size is an "up to" figure: the count is a minimum */
  bool lower; /* the quantity counted items whose size is an "up to" figure: the count is a maximum */
  bool same;  /* the quantity counted these items already: the count is itself */
  long index; /* the catalogue item (registry index), or -1: a variable's size */
} count_items;

/* What a conversion to target t (written src[start..end)) counts, when t
 * names a catalogue item or a variable that reads as a count of things:
 * fills `of` (the quantity `expr` as written, the size of one, the item)
 * and returns 1; 0 when t counts nothing; -1 when memory runs out. */
int count_of(eval *E, const ast *t, size_t start, size_t end, const ast *expr, count_items *of);
/* Frees what of holds and empties it. */
void count_clear(count_items *of);

#endif
