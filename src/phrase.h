/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* phrase.h -- what the sentences of a story say about data: figures
 * ("1,400 terabytes"), changes between two of them ("from A to B"), and
 * the phrases of claims (ratio and percent words, equivalents, transfer
 * times, sizes per thing), gathered a sentence at a time for read.c to
 * resolve once the whole story is read. */
#ifndef DS_PHRASE_H
#define DS_PHRASE_H

#include <stdbool.h>
#include <stddef.h>

#include "datascale.h"
#include "prose.h"

#define PHRASE_EX_MAX 96

enum { PHRASE_INFO, PHRASE_RATE };

typedef struct {
  size_t start, end; /* the figure's words, with a hedge before it */
  char ex[PHRASE_EX_MAX];
  int dim; /* PHRASE_INFO, PHRASE_RATE */
  unsigned sent, para;
  bool vague; /* "hundreds of terabytes" */
  bool used;
  long pair; /* the pair it belongs to, or -1 */
} phrase_fig;

typedef struct {
  long from, to;
  unsigned sent;
  size_t start, end;
  char period[64]; /* "6 months", or "" */
  bool used;
} phrase_pair;

typedef enum { PHRASE_RATIO, PHRASE_EQUIV, PHRASE_TIME, PHRASE_PER } phrase_pend_kind;

typedef struct {
  phrase_pend_kind kind;
  size_t start, end;
  unsigned sent;
  char rel[12];     /* "=", ">", "almost", ">=", "<=", "<", "about" */
  char mult[64];    /* RATIO: "3 *" or "+ 250%"; TIME: the duration */
  double factor;    /* RATIO: the multiplier (0 for percent) */
  long a, b;        /* RATIO: A = mult B in the sentence; EQUIV, TIME: the size (a), the rate (b) */
  long one;         /* RATIO: the only figure of the sentence, or -1 */
  bool one_is_from; /* it is the start of the change ("tripled from 400 TB") */
  bool weak;        /* EQUIV: found after a comma, "or", "that is": a size only from this sentence or the last */
  char count[PROSE_NUM_MAX];
  char item[PHRASE_EX_MAX]; /* EQUIV: the thing as resolved ("photos"); PER: the thing counted ("record") */
} phrase_pend;

/* "3 billion records": a count of things, for "2 kilobytes per record". */
typedef struct {
  char ex[PROSE_NUM_MAX];
  char noun[PROSE_WORD_MAX];
  size_t start, end;
  unsigned sent;
} phrase_count;

#define PHRASE_COUNT_MAX 10000

typedef struct {
  ds_ctx *ctx;
  prose *p;
  phrase_fig *f;
  size_t nf, capf;
  phrase_pair *pr;
  size_t npr, cappr;
  phrase_pend *pd;
  size_t npd, cappd;
  phrase_count *cn;
  size_t ncn, capcn;
  bool near_data;     /* the sentence or the one before has a figure of data */
  bool footage_of[3]; /* the story speaks of body cameras, CCTV */
  bool nomem;
} phrase_reader;

/* Starts reading the story in p (prose_init'ed) into R. */
void phrase_reader_init(phrase_reader *R, ds_ctx *ctx, prose *p);
/* Reads the sentence in R->p (prose_sentence has just filled it): its
 * figures, pairs, claim phrases and counts are added to R. DS_OK or
 * DS_E_NOMEM. ctx names things against the catalogue; nothing in it
 * changes. */
int phrase_sentence(phrase_reader *R);
/* Frees what R gathered. */
void phrase_reader_free(phrase_reader *R);

#endif
