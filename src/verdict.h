/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* verdict.h -- "check A REL B": a claim and its verdict. */
#ifndef DS_VERDICT_H
#define DS_VERDICT_H

#include "claim.h"
#include "count.h"
#include "parse.h"

/* What the claim compares. */
typedef enum {
  VERDICT_EQUAL, /* A and B are equal */
  VERDICT_TIMES, /* A is v times B */
  VERDICT_RATIO, /* B is "k * C" or "three times C": A is v times C, the claim k times */
  VERDICT_COUNT  /* one side counts items ("490 million photos"), the other is a size */
} verdict_form;

/* The verdict, on one scale: the claim holds (within the relation's
 * tolerance), is close, is plausible (the size per item it implies lies
 * in the item's plausible range: never off), or is off. */
typedef enum { VERDICT_HOLDS, VERDICT_CLOSE, VERDICT_PLAUSIBLE, VERDICT_OFF } verdict_kind;

/* A check's figures; the relative difference off is claimed / actual - 1. */
typedef struct {
  verdict_form form;
  claim_rel rel;
  verdict_kind verdict;
  char *from;     /* A as written, digits grouped */
  char *claim;    /* B as written (after the relation and a multiplier in words) */
  char *rel_text; /* the relation and multiplier as written ("is more than three times"), or NULL for "=" */
  char *base;     /* RATIO: C as written */
  num factor;     /* RATIO: k */
  num actual;     /* what the claim is measured against: A / C, A / B, or the count at the assumed size */
  num claimed;    /* the claim on the same footing: k, 1, or the count claimed */
  num off;        /* claimed / actual - 1 */
  /* VERDICT_COUNT */
  count_items of;  /* the item and its assumed size */
  bool size_claim; /* the claim is the size ("1 genome = 3 GB"), not the count */
  num implied;     /* the size of one item the claim implies (base units) */
  char *range;     /* the item's plausible range as written, or NULL */
  qty low, high;   /* that range (when range) */
  bool inside;     /* the implied size lies in it */
  /* Another reading under which the claim holds, when the one in force
   * does not make it hold: the user's KB..QB read the other way, the
   * item's size read the other way ("the 3 MB photo as 3 MiB"). */
  bool holds_other, other_user, other_item;
  num other_a;    /* A in that reading (base units) */
  num other_size; /* COUNT: the size of one item in that reading */
  num other_off;  /* the relative difference in that reading */
} verdict_result;

void verdict_init(verdict_result *c);
void verdict_clear(verdict_result *c);

/* Runs "check A REL B" (st->check) in E into c, with x the value of the
 * line (COUNT: the implied size; else the actual ratio). DS_OK or an error. */
int verdict_run(eval *E, const parse_stmt *st, verdict_result *c, qty *x);

/* The verdict of a relative difference d = claimed / actual - 1 (a range
 * when a side is) under a relation; the tolerances are in verdict.c. */
verdict_kind verdict_judge(claim_rel rel, const num *d);
/* The verdict in a word: "holds", "close", "plausible", "off". */
const char *verdict_word(verdict_kind v);

#endif
