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

/* A target's name looked up once, for what it counts and how it is shown
 * (count_name_of). */
typedef struct {
  long var;  /* the session's variable so named, or -1 */
  bool unit; /* not a variable: units_lookup found it (m) */
  bool item; /* nor that: units_find_item found one catalogue item (m) */
  units_match m;
} count_name;

/* The name t (written src[start..end)) looked up; for a t that is no
 * name, nothing is found (var -1, unit and item false, m not set). */
void count_name_of(eval *E, const ast *t, size_t start, size_t end, count_name *n);

/* What a conversion to target t (written src[start..end)) counts, when t
 * names a catalogue item or a variable that reads as a count of things:
 * fills `of` (the quantity `expr` as written, the size of one, the item)
 * and returns 1; 0 when t counts nothing; -1 when memory runs out. */
int count_of(eval *E, const ast *t, size_t start, size_t end, const ast *expr, count_items *of);
/* count_of with t's name looked up already (n, count_name_of). */
int count_of_name(eval *E, const ast *t, size_t start, size_t end, const count_name *n, const ast *expr,
                  count_items *of);
/* Frees what of holds and empties it. */
void count_clear(count_items *of);

#endif
