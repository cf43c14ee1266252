/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* prose.h -- a story's text as words, numbers and marks, for the reader
 * of stories (read.c): where each is, which sentence it belongs to, and
 * what the numbers are as prose writes them ("1,400", "2,94", "490
 * million", "three", "hundreds of"). */
#ifndef DS_PROSE_H
#define DS_PROSE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
  PROSE_WORD, /* letters (and apostrophes); w is its lower-case ASCII form */
  PROSE_NUM,  /* a number in digits or words; ex is its datascale spelling */
  PROSE_MARK  /* punctuation: w is ".", ",", "-", "--" (a dash), "%", "$", "/", "(", ... */
} prose_kind;

#define PROSE_WORD_MAX 24
#define PROSE_NUM_MAX 40

typedef struct {
  prose_kind kind;
  size_t start, end;      /* the bytes of the text it was read from */
  char w[PROSE_WORD_MAX]; /* WORD, MARK: the text folded to lower case (truncated) */
  bool upper;             /* WORD: written with a capital after the first letter ("TB") */
  bool hyphen;            /* joined to the next token by a hyphen ("three-fold") */
  char ex[PROSE_NUM_MAX]; /* NUM: the number as datascale reads it ("1400", "490 million") */
  double v;               /* NUM: its value */
  bool amb;               /* NUM: "1.400": a point and three digits, read as 1.4 */
  bool vague;             /* NUM: "hundreds of", "thousands of" */
  unsigned sent, para;    /* sentence and paragraph, counted from 0 */
} prose_tok;

typedef struct {
  size_t at;     /* byte offset */
  char what[64]; /* "invalid UTF-8", "a NUL byte", ... */
} prose_problem;

#define PROSE_PROBLEMS_MAX 20

#define PROSE_CHUNK 4096
#define PROSE_SENTENCE_MAX 4000 /* tokens: a longer "sentence" is cut there */

typedef struct {
  const char *text;
  size_t len;
  size_t pos; /* where the next sentence starts */
  unsigned sent, para;
  bool para_next; /* the next sentence starts a paragraph */
  prose_tok *t;   /* the tokens of the current sentence */
  size_t n, cap;
  size_t *lines; /* byte offset where each line starts */
  size_t nlines;
  size_t *chunks; /* characters before each PROSE_CHUNK bytes, for columns */
  prose_problem prob[PROSE_PROBLEMS_MAX];
  size_t nprob;     /* problems kept */
  size_t prob_more; /* problems past the ones kept */
  bool comma;       /* the story writes a decimal comma ("2,94 TB") */
  bool markup;      /* the text is HTML: tags and entities are skipped */
  bool html;        /* tags were skipped */
  bool nomem;
} prose;

/* Starts reading text[0..len) (any bytes): false only when memory runs
 * out. The text must outlive p. */
bool prose_init(prose *p, const char *text, size_t len);
void prose_free(prose *p);

/* Reads the next sentence into p->t[0..p->n) (each token's sent and para
 * set): false at the end of the text. A sentence ends at . ! ? before a
 * space, at a blank line, at a line break unless the next line goes on in
 * lower case, and at block tags of HTML. Invalid UTF-8, NUL and control
 * bytes are problems (kept with their place) and read as spaces; HTML
 * tags, scripts and styles are skipped. Runs out of memory: p->n is 0 and
 * p->nomem set. */
bool prose_sentence(prose *p);

/* The line and column (both from 1; the column in characters) of byte at. */
void prose_where(const prose *p, size_t at, long *line, long *col);

/* The code point at s[i..len) and its length in *n, or -1 (length 1) when
 * the bytes there are not valid UTF-8. */
long prose_cp(const char *s, size_t len, size_t i, size_t *n);

/* The words of text[start..end) as a quote: on one line, runs of white
 * space as one space, bytes that are not text as spaces (so always valid
 * UTF-8); in HTML, tags dropped and the common entities as characters. A
 * new string (NULL when memory runs out). */
char *prose_quote(const prose *p, size_t start, size_t end);

/* True when token i is the word w (lower case). */
bool prose_is(const prose *p, size_t i, const char *w);

#endif
