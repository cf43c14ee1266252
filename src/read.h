/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* read.h -- the claims of a story: data sizes, changes, equivalents and
 * transfer times found in prose, each with the datascale line that checks
 * it (story.c runs the lines and words the findings). */
#ifndef DS_READ_H
#define DS_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "datascale.h"
#include "phrase.h"

typedef enum { READ_QUANTITY, READ_CHANGE, READ_EQUIVALENT, READ_TIME } read_kind;

#define READ_EX_MAX PHRASE_EX_MAX
#define READ_FIGS 3

/* A figure a finding used: its words in the text and its datascale spelling. */
typedef struct {
  size_t start, end;
  char ex[READ_EX_MAX];
} read_fig;

typedef struct {
  read_kind kind;
  size_t start, end; /* the claim's words in the text */
  char expr[512];    /* the line that checks it; "" for none */
  const char *fixed; /* NULL: the verdict is the line's; else "unchecked" or "reported" */
  char why[160];     /* with fixed: what the reader could not check, or what the claim implies */
  read_fig fig[READ_FIGS];
  size_t nfig;
  bool far; /* the figures come from another sentence */
} read_claim;

typedef struct {
  read_claim *c;
  size_t n, cap;
} read_claims;

/* Finds the claims of the story in p (initialized, not yet read), in the
 * order of their words in the text. ctx resolves the names of things
 * ("images", "DVDs") against the catalogue; nothing in it changes. DS_OK
 * or DS_E_NOMEM. */
int read_find(ds_ctx *ctx, prose *p, read_claims *out);
void read_claims_free(read_claims *c);

/* The kind's name in JSON and text: "quantity", "change", ... */
const char *read_kind_name(read_kind k);

#endif
