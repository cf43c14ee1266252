/*
 * lex.c -- turns one line into tokens with byte spans.
 *
 * Hand-written, single pass, O(n). Numbers follow SPEC "Numbers": a comma
 * continues a number only when exactly three digits and then a non-digit
 * follow it; '_' may separate digits. A few Unicode operators are accepted
 * (× ÷ − ± → ·). Encoding is checked for the whole line before lexing.
 */
#include "lex.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

static bool lex_digit(int c) { return c >= '0' && c <= '9'; }
static bool lex_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

size_t lex_utf8_len(const char *src, size_t len) {
  const unsigned char *s = (const unsigned char *)src;
  if (len == 0) return 0;
  unsigned c = s[0];
  if (c < 0x80) return 1;
  size_t n;
  unsigned cp;
  if (c >= 0xc2 && c <= 0xdf) n = 1, cp = c & 0x1f;
  else if (c >= 0xe0 && c <= 0xef) n = 2, cp = c & 0x0f;
  else if (c >= 0xf0 && c <= 0xf4) n = 3, cp = c & 0x07;
  else return 0;
  if (n >= len) return 0;
  for (size_t k = 1; k <= n; k++) {
    if ((s[k] & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (s[k] & 0x3f);
  }
  if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
    return 0;
  return n + 1;
}

size_t lex_check_encoding(const char *src, size_t len) {
  const unsigned char *s = (const unsigned char *)src;
  size_t i = 0;
  while (i < len) {
    /* Eight bytes of printable ASCII at a time (most lines are only that):
     * no byte below 0x20, none at 0x7f, none at 0x80 or above. */
    if (i + 8 <= len) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
      uint64_t ctl = (w - 0x20 * ones) & ~w & high, del = ((w ^ 0x7f * ones) - ones) & ~(w ^ 0x7f * ones) & high;
      if (!((w & high) | ctl | del)) {
        i += 8;
        continue;
      }
    }
    unsigned c = s[i];
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t') || c == 0x7f) return i + 1;
      i++;
      continue;
    }
    size_t n;
    unsigned cp;
    if (c >= 0xc2 && c <= 0xdf) n = 1, cp = c & 0x1f;
    else if (c >= 0xe0 && c <= 0xef) n = 2, cp = c & 0x0f;
    else if (c >= 0xf0 && c <= 0xf4) n = 3, cp = c & 0x07;
    else return i + 1;
    if (i + n >= len) return i + 1;
    for (size_t k = 1; k <= n; k++) {
      if ((s[i + k] & 0xc0) != 0x80) return i + 1;
      cp = (cp << 6) | (s[i + k] & 0x3f);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10ffff ||
        (cp >= 0xd800 && cp <= 0xdfff))
      return i + 1;
    /* C1 controls and the line/paragraph separators are control bytes too. */
    if ((cp >= 0x80 && cp < 0xa0) || cp == 0x2028 || cp == 0x2029) return i + 1;
    i += n + 1;
  }
  return 0;
}

void lex_init(lex_state *ls, const char *src, size_t len) {
  ls->src = src;
  ls->len = len;
  ls->pos = 0;
  ls->err_at = 0;
  ls->tok.kind = TK_EOF;
  ls->tok.start = ls->tok.end = 0;
}

size_t lex_utf8_cut(const char *s, size_t len, size_t max) {
  if (len <= max) return len;
  size_t n = max;
  while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80) n--; /* s[n] continues a sequence */
  return n;
}

long lex_column(const char *src, size_t len, size_t off) {
  long col = 1;
  if (off > len) off = len;
  for (size_t i = 0; i < off; i++)
    if (((unsigned char)src[i] & 0xc0) != 0x80) col++;
  return col;
}

/* Multi-byte operators: returns the token kind and sets *n, or TK_EOF. */
static lex_kind lex_unicode(const unsigned char *s, size_t left, size_t *n) {
  static const struct {
    const char *utf8;
    lex_kind kind;
  } ops[] = {
      {"\xc2\xb1", TK_PM},         {"\xc3\x97", TK_STAR},  {"\xc2\xb7", TK_STAR},
      {"\xc3\xb7", TK_SLASH},      {"\xe2\x88\x92", TK_MINUS}, {"\xe2\x86\x92", TK_ARROW},
      {"\xe2\x8b\x85", TK_STAR},
  };
  for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
    size_t k = strlen(ops[i].utf8);
    if (k <= left && memcmp(s, ops[i].utf8, k) == 0) {
      *n = k;
      return ops[i].kind;
    }
  }
  return TK_EOF;
}

static size_t lex_namechar(const char *s, size_t len, size_t i, bool first);

/* Length of a number starting at p (a digit, or '.' before a digit). */
static size_t lex_number(const char *s, size_t len, size_t p) {
  size_t i = p;
  while (i < len) {
    if (lex_digit(s[i])) i++;
    else if (s[i] == '_' && i > p && lex_digit(s[i - 1]) && i + 1 < len && lex_digit(s[i + 1])) i++;
    else if (s[i] == ',' && i > p && lex_digit(s[i - 1]) && i + 3 < len &&
             lex_digit(s[i + 1]) && lex_digit(s[i + 2]) && lex_digit(s[i + 3]) &&
             (i + 4 >= len || !lex_digit(s[i + 4])))
      i += 4; /* the integer part never holds a '.', so no look back: linear */
    else break;
  }
  if (i + 1 < len && s[i] == '.' && lex_digit(s[i + 1])) {
    i++;
    while (i < len && (lex_digit(s[i]) || (s[i] == '_' && i + 1 < len && lex_digit(s[i + 1]) && lex_digit(s[i - 1]))))
      i++;
  }
  if (i < len && (s[i] == 'e' || s[i] == 'E')) {
    size_t j = i + 1;
    if (j < len && (s[j] == '+' || s[j] == '-')) j++;
    if (j < len && lex_digit(s[j])) {
      while (j < len && lex_digit(s[j])) j++;
      /* "3EB" is 3 exabytes, not 3e... : an exponent ends the word. */
      if (j >= len || !lex_namechar(s, len, j, false)) i = j;
    }
  }
  return i - p;
}

/* True for bytes that may continue an identifier. Non-ASCII letters (µ and
 * others) are allowed, but not the Unicode operators. */
static size_t lex_namechar(const char *s, size_t len, size_t i, bool first) {
  unsigned char c = (unsigned char)s[i];
  if (lex_alpha(c) || (!first && lex_digit(c))) return 1;
  if (c >= 0x80) {
    size_t n;
    if (lex_unicode((const unsigned char *)s + i, len - i, &n) != TK_EOF) return 0;
    n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
    return i + n <= len ? n : 0;
  }
  return 0;
}

int lex_next(lex_state *ls) {
  const char *s = ls->src;
  size_t len = ls->len, i = ls->pos;
  while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) i++;
  ls->tok.start = i;
  if (i >= len || s[i] == '#') {
    /* A comment ends the line; the EOF token starts where it does. */
    ls->tok.kind = TK_EOF;
    ls->tok.start = ls->tok.end = i;
    ls->pos = len;
    return 0;
  }
  unsigned char c = (unsigned char)s[i];
  size_t n = 1;
  lex_kind k;
  if (lex_digit(c) || (c == '.' && i + 1 < len && lex_digit(s[i + 1]))) {
    k = TK_NUM;
    n = lex_number(s, len, i);
    /* "1.2.3", "1e5.5": a decimal point right after a number that has one
     * or an exponent. */
    if (i + n + 1 < len && s[i + n] == '.' && lex_digit(s[i + n + 1]) &&
        (memchr(s + i, '.', n) || memchr(s + i, 'e', n) || memchr(s + i, 'E', n))) {
      ls->err_at = i + n;
      ls->tok.kind = TK_EOF;
      ls->tok.end = i + n + 1;
      return -1;
    }
  } else if (lex_namechar(s, len, i, true)) {
    k = TK_NAME;
    n = 0;
    size_t m;
    /* ASCII letters, digits and '_' inline (most names); lex_namechar for
     * the rest. */
    while (i + n < len) {
      unsigned char d = (unsigned char)s[i + n];
      if (lex_alpha(d) || (n > 0 && lex_digit(d))) n++;
      else if (d >= 0x80 && (m = lex_namechar(s, len, i + n, n == 0)) > 0) n += m;
      else break;
    }
  } else {
    switch (c) {
    case '+':
      if (i + 2 < len && s[i + 1] == '/' && s[i + 2] == '-') k = TK_PM, n = 3;
      else if (i + 1 < len && s[i + 1] == '-') k = TK_PM, n = 2;
      else k = TK_PLUS;
      break;
    case '-':
      if (i + 1 < len && s[i + 1] == '>') k = TK_ARROW, n = 2;
      else k = TK_MINUS;
      break;
    case '*':
      if (i + 1 < len && s[i + 1] == '*') k = TK_CARET, n = 2;
      else k = TK_STAR;
      break;
    case '/': k = TK_SLASH; break;
    case '^': k = TK_CARET; break;
    case '(': k = TK_LPAREN; break;
    case ')': k = TK_RPAREN; break;
    case ',': k = TK_COMMA; break;
    case '=': k = TK_EQ; break;
    case '%': k = TK_PERCENT; break;
    case '$': k = TK_DOLLAR; break;
    case '!': k = TK_BANG; break;
    case '.':
      if (i + 1 < len && s[i + 1] == '.') {
        k = TK_DOTDOT, n = 2;
        break;
      }
      /* fall through */
    default:
      if (c >= 0x80 && (k = lex_unicode((const unsigned char *)s + i, len - i, &n)) != TK_EOF) break;
      ls->err_at = i;
      ls->tok.kind = TK_EOF;
      ls->tok.end = i + 1;
      return -1;
    }
  }
  ls->tok.kind = k;
  ls->tok.end = i + n;
  ls->pos = i + n;
  return 0;
}

long lex_number_digits(const char *tok, size_t len, char *out, long *exp10) {
  size_t k = 0, i = 0;
  *exp10 = 0;
  for (; i < len; i++) {
    char c = tok[i];
    if (lex_digit(c) || c == '.') out[k++] = c;
    else if (c == 'e' || c == 'E') break;
  }
  out[k] = 0;
  if (i < len) {
    i++;
    bool neg = false;
    if (tok[i] == '+' || tok[i] == '-') neg = tok[i++] == '-';
    long e = 0;
    for (; i < len; i++) {
      if (e > (LONG_MAX - 9) / 10) return -1;
      e = e * 10 + (tok[i] - '0');
    }
    *exp10 = neg ? -e : e;
  }
  return (long)k;
}
