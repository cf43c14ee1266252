/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* lex.h -- tokens with byte spans. */
#ifndef DS_LEX_H
#define DS_LEX_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
  TK_EOF,
  TK_NUM,     /* decimal literal, grouping commas and '_' included */
  TK_NAME,    /* identifier: unit, variable, function, keyword */
  TK_PLUS,    /* + */
  TK_MINUS,   /* - or U+2212 */
  TK_STAR,    /* * or U+00D7 or U+00B7 */
  TK_SLASH,   /* / or U+00F7 */
  TK_CARET,   /* ^ or ** */
  TK_LPAREN,  /* ( */
  TK_RPAREN,  /* ) */
  TK_COMMA,   /* , (argument separator) */
  TK_EQ,      /* = */
  TK_PERCENT, /* % */
  TK_DOLLAR,  /* $ */
  TK_DOTDOT,  /* .. or U+2013 (en dash) */
  TK_PM,      /* U+00B1 or +/- or +- */
  TK_ARROW,   /* -> or U+2192 */
  TK_BANG     /* ! (definitions files: a new base dimension) */
} lex_kind;

typedef struct {
  lex_kind kind;
  size_t start, end; /* byte span [start, end) in the line */
} lex_token;

/* What a lexical error is (lex_state.err). */
typedef enum {
  LEX_E_CHAR,        /* a byte that starts no token */
  LEX_E_POINT2,      /* a second decimal point: 1.2.3 */
  LEX_E_EXPPOINT,    /* a decimal point after an exponent: 1e5.5 */
  LEX_E_POINTDIGIT,  /* a decimal point with no digit after it: 1. or 1.x */
  LEX_E_UNDERSCORE,  /* a '_' in a number that is not between two digits: 1._5 */
  LEX_E_INVISIBLE,   /* an invisible or bidi control character (fail_cp) */
  LEX_E_GROUP,       /* a space (fail_cp) between digits not before a group of three */
  LEX_E_GROUPFRAC,   /* a space (fail_cp) between digits after the decimal point */
  LEX_E_GROUPEXP,    /* a space (fail_cp) between digits after an exponent */
  LEX_E_POINTGROUPS, /* a second point where points group thousands: 1.400.000 */
  LEX_E_DCPOINT,     /* decimal comma: a '.' that groups no three digits: 1.5 */
  LEX_E_DCLEAD       /* decimal comma: a number that starts with '.': .5 */
} lex_error;

typedef struct {
  const char *src;
  size_t len;
  size_t pos;
  lex_token tok;         /* the current token */
  size_t fail_at;        /* byte offset of a lexical error */
  size_t fail_end;       /* end of the offending text (the whole character) */
  lex_error err;         /* what the error is */
  unsigned long fail_cp; /* the code point, for LEX_E_INVISIBLE and LEX_E_GROUP* */
  int fail_in_name;      /* LEX_E_INVISIBLE: right after or before a name character */
  bool decimal_comma;    /* ',' is the decimal comma and '.' groups digits (set after lex_init) */
} lex_state;

/* What a non-ASCII character is to the lexer (lex_char_kind). */
typedef enum {
  LEX_CH_OTHER,     /* a letter or other mark: may be part of a name */
  LEX_CH_INVISIBLE, /* Default_Ignorable_Code_Point (every Bidi_Control among
                       them: U+200B..U+200F, U+202A..U+202E, U+2066..U+2069,
                       U+FEFF, U+00AD, ...): never part of a name */
  LEX_CH_SPACE      /* a space other than U+0020 (U+00A0, U+2000..U+200A,
                       U+202F, U+205F, U+3000): white space between tokens,
                       and groups digits in threes like a comma */
} lex_char;

/* Checks a whole line: valid UTF-8, no NUL and no control bytes but tab.
 * Returns 0, or the 1-based byte offset of the first bad byte. */
size_t lex_check_encoding(const char *src, size_t len);

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when it is not. */
size_t lex_utf8_len(const char *s, size_t n);

/* The code point of the character at s[0..n) and its length in *k (1 for
 * a byte that starts no valid sequence, returned as is). n > 0. */
unsigned long lex_utf8_decode(const char *s, size_t n, size_t *k);

/* The class of a code point; ASCII is LEX_CH_OTHER. */
lex_char lex_char_kind(unsigned long cp);

/* "U+200B (zero width space)": the code point, and its name in lower case
 * when the lexer knows it (every space and the usual invisible ones). */
void lex_char_text(unsigned long cp, char *buf, size_t bufsz);

/* The first invisible or space character (lex_char_kind not OTHER) in
 * s[0..n): its offset + 1 and its code point in *cp, or 0 when none. */
size_t lex_find_unseen(const char *s, size_t n, unsigned long *cp);

void lex_init(lex_state *ls, const char *src, size_t len);
/* Advances to the next token; returns 0, or -1 on a lexical error (ls->err
 * says what, ls->fail_at and fail_end where). A '#' ends the line (a
 * comment). In the integer part of a number, a space (U+0020 or one of
 * LEX_CH_SPACE) followed by exactly three digits groups the digits (1 400,
 * like 1,400), when the first group has one to three digits and the number
 * uses no other separator. Spaces other than U+0020 separate tokens as it
 * does, except between two digits, where anything but such a group is an
 * error; two numbers apart by U+0020 are two tokens (the parser refuses
 * them side by side). With decimal_comma, '.' groups digits as ',' does
 * otherwise, and ',' before a digit is the decimal comma. */
int lex_next(lex_state *ls);
/* The message for the lexical error lex_next just returned (ls->err,
 * fail_*): "malformed number: a second decimal point", ... */
void lex_error_text(const lex_state *ls, char *buf, size_t bufsz);
/* The longest prefix of s[0..len) of at most max bytes that does not end
 * inside a UTF-8 sequence: for quoting part of a name in a message, which
 * must stay valid UTF-8 (a JSON row carries it). */
size_t lex_utf8_cut(const char *s, size_t len, size_t max);

/* Column (1-based, in characters) of a byte offset. */
long lex_column(const char *src, size_t len, size_t off);
/* Copies the digits of a TK_NUM without grouping: digits, at most one '.',
 * and returns the decimal exponent in *exp10 (0 when none); `dc`: the token
 * was read with the decimal comma (its ',' is the point, its '.' groups).
 * `out` must hold the token's length + 1 bytes. Returns the number of bytes
 * written, or -1 when the exponent does not fit. */
long lex_number_digits(const char *tok, size_t len, bool dc, char *out, long *exp10);

/* The other reading of a TK_NUM, when it has one: a single separator
 * ('.', or ',' with dc) before exactly three digits, no other separator
 * and no exponent, after one to three digits that are not all zero
 * ("1.400", "12.345"). Returns false otherwise. */
bool lex_number_ambiguous(const char *tok, size_t len, bool dc);

#endif
