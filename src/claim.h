/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* claim.h -- how a check line words its claim: the relation and a
 * multiplier written as words ("is more than three times"). */
#ifndef DS_CLAIM_H
#define DS_CLAIM_H

#include <stdbool.h>
#include <stddef.h>

/* How the claim compares A with B, as reporters hedge it. */
typedef enum {
  CLAIM_EQ,       /* =, is, equals */
  CLAIM_ABOUT,    /* ≈, ~, about, roughly, around, approximately */
  CLAIM_MORE,     /* >, more than, over, above, greater than */
  CLAIM_LESS,     /* <, less than, fewer than, under, below */
  CLAIM_AT_LEAST, /* >=, ≥, at least, no less than */
  CLAIM_AT_MOST,  /* <=, ≤, at most, no more than */
  CLAIM_ALMOST    /* almost, nearly: just below */
} claim_rel;

typedef struct {
  claim_rel rel;
  size_t rel_start, rel_end; /* the relation and multiplier as written */
  long fnum, fden;           /* a multiplier in words ("three times", "tripled", "3-fold"): fnum / fden; fden 0: none */
  size_t b_start;            /* where the claimed value starts */
} claim;

/* Finds the relation of "check A REL B" in src[start..len), at the top
 * level (outside parentheses) and after some of A: true and *c filled, or
 * false when there is none. */
bool claim_scan(const char *src, size_t start, size_t len, claim *c);

/* The relation in words, for sentences: "more than", "about", ... */
const char *claim_rel_words(claim_rel r);

#endif
