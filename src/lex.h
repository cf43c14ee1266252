/* lex.h -- tokens with byte spans. */
#ifndef DS_LEX_H
#define DS_LEX_H

#include <stddef.h>

typedef enum {
  TK_EOF,
  TK_NUM,    /* decimal literal, grouping commas and '_' included */
  TK_NAME,   /* identifier: unit, variable, function, keyword */
  TK_PLUS,   /* + */
  TK_MINUS,  /* - or U+2212 */
  TK_STAR,   /* * or U+00D7 or U+00B7 */
  TK_SLASH,  /* / or U+00F7 */
  TK_CARET,  /* ^ or ** */
  TK_LPAREN, /* ( */
  TK_RPAREN, /* ) */
  TK_COMMA,  /* , (argument separator) */
  TK_EQ,     /* = */
  TK_PERCENT,/* % */
  TK_DOLLAR, /* $ */
  TK_DOTDOT, /* .. */
  TK_PM,     /* U+00B1 or +/- or +- */
  TK_ARROW,  /* -> or U+2192 */
  TK_BANG    /* ! (definitions files: a new base dimension) */
} lex_kind;

typedef struct {
  lex_kind kind;
  size_t start, end; /* byte span [start, end) in the line */
} lex_token;

typedef struct {
  const char *src;
  size_t len;
  size_t pos;
  lex_token tok; /* the current token */
  size_t err_at; /* byte offset of a lexical error */
} lex_state;

/* Checks a whole line: valid UTF-8, no NUL and no control bytes but tab.
 * Returns 0, or the 1-based byte offset of the first bad byte. */
size_t lex_check_encoding(const char *src, size_t len);

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when it is not. */
size_t lex_utf8_len(const char *s, size_t n);

void lex_init(lex_state *ls, const char *src, size_t len);
/* Advances to the next token; returns 0, or -1 on a byte that starts no
 * token (ls->err_at says where). A '#' ends the line (a comment). */
int lex_next(lex_state *ls);
/* Column (1-based, in characters) of a byte offset. */
/* The longest prefix of s[0..len) of at most max bytes that does not end
 * inside a UTF-8 sequence: for quoting part of a name in a message, which
 * must stay valid UTF-8 (a JSON row carries it). */
size_t lex_utf8_cut(const char *s, size_t len, size_t max);

long lex_column(const char *src, size_t len, size_t off);
/* Copies the digits of a TK_NUM without grouping: digits, at most one '.',
 * and returns the decimal exponent in *exp10 (0 when none). `out` must hold
 * the token's length + 1 bytes. Returns the number of bytes written, or -1
 * when the exponent does not fit. */
long lex_number_digits(const char *tok, size_t len, char *out, long *exp10);

#endif
