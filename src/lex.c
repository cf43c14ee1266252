/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * lex.c -- turns one line into tokens with byte spans.
 *
 * Hand-written, single pass, O(n). Numbers: a comma (or a space, after a
 * first group of one to three digits) continues a number only when exactly
 * three digits and then a non-digit follow it, as copy writes 1,400 and
 * 1 400; '_' may separate digits. With the decimal comma, '.' groups and
 * ',' is the point (1.400,5). A few Unicode operators are accepted (× ÷ −
 * ± → ·, and – for a range). Encoding is checked for the whole line before
 * lexing.
 *
 * Characters a reader cannot see (the Unicode Default_Ignorable set, which
 * holds the bidi controls and U+FEFF) are never part of a name: a name that
 * looks like "photo" is always the name photo. Spaces other than U+0020
 * (no-break, thin, ...) are white space, and between digits they group
 * them in threes as newsrooms write numbers ("1 400" with a no-break
 * space is 1,400).
 */
#include "lex.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static bool lex_digit(int c) { return c >= '0' && c <= '9'; }
static bool lex_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

/* What a byte is to lex_next, one lookup a byte: white space (U+0020, tab,
 * CR, LF), a digit, a letter or '_', a byte of a non-ASCII character. */
enum { LC_SPACE = 1, LC_DIGIT = 2, LC_ALPHA = 4, LC_HIGH = 8 };
#define LC_S LC_SPACE
#define LC_D LC_DIGIT
#define LC_A LC_ALPHA
#define LC_H LC_HIGH
#define LC_H16 LC_H, LC_H, LC_H, LC_H, LC_H, LC_H, LC_H, LC_H, LC_H, LC_H, LC_H, LC_H, LC_H, LC_H, LC_H, LC_H
/* clang-format off */
static const unsigned char lex_class[256] = {
    0,    0,    0,    0,    0,    0,    0,    0,    0,    LC_S, LC_S, 0,    0,    LC_S, 0,    0,    /* 0x00 */
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    /* 0x10 */
    LC_S, 0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    /* ' '..'/' */
    LC_D, LC_D, LC_D, LC_D, LC_D, LC_D, LC_D, LC_D, LC_D, LC_D, 0,    0,    0,    0,    0,    0,    /* '0'..'?' */
    0,    LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, /* '@'..'O' */
    LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, 0,    0,    0,    0,    LC_A, /* 'P'..'_' */
    0,    LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, /* '`'..'o' */
    LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, LC_A, 0,    0,    0,    0,    0,    /* 'p'..DEL */
    LC_H16, LC_H16, LC_H16, LC_H16, LC_H16, LC_H16, LC_H16, LC_H16,                                 /* 0x80..0xff */
};
/* clang-format on */
#undef LC_S
#undef LC_D
#undef LC_A
#undef LC_H
#undef LC_H16

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
  if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n + 1;
}

unsigned long lex_utf8_decode(const char *s, size_t n, size_t *k) {
  const unsigned char *u = (const unsigned char *)s;
  size_t m = lex_utf8_len(s, n);
  if (m <= 1) {
    *k = 1;
    return u[0];
  }
  unsigned long cp = u[0] & (m == 2 ? 0x1f : m == 3 ? 0x0f : 0x07);
  for (size_t i = 1; i < m; i++) cp = (cp << 6) | (u[i] & 0x3f);
  *k = m;
  return cp;
}

/* Default_Ignorable_Code_Point, Unicode 15 (DerivedCoreProperties.txt);
 * every Bidi_Control character is among them. */
static const struct {
  unsigned long lo, hi;
} lex_invisible[] = {
    {0x00ad, 0x00ad}, {0x034f, 0x034f}, {0x061c, 0x061c},   {0x115f, 0x1160},   {0x17b4, 0x17b5},   {0x180b, 0x180f},
    {0x200b, 0x200f}, {0x202a, 0x202e}, {0x2060, 0x206f},   {0x3164, 0x3164},   {0xfe00, 0xfe0f},   {0xfeff, 0xfeff},
    {0xffa0, 0xffa0}, {0xfff0, 0xfff8}, {0x1bca0, 0x1bca3}, {0x1d173, 0x1d17a}, {0xe0000, 0xe0fff},
};

lex_char lex_char_kind(unsigned long cp) {
  if (cp < 0xa0) return LEX_CH_OTHER;
  if (cp == 0xa0 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f || cp == 0x205f || cp == 0x3000) return LEX_CH_SPACE;
  for (size_t i = 0; i < sizeof lex_invisible / sizeof lex_invisible[0]; i++)
    if (cp >= lex_invisible[i].lo && cp <= lex_invisible[i].hi) return LEX_CH_INVISIBLE;
  return LEX_CH_OTHER;
}

void lex_char_text(unsigned long cp, char *buf, size_t bufsz) {
  static const struct {
    unsigned long cp;
    const char *name;
  } names[] = {
      {0x00a0, "no-break space"},
      {0x00ad, "soft hyphen"},
      {0x034f, "combining grapheme joiner"},
      {0x061c, "arabic letter mark"},
      {0x180e, "mongolian vowel separator"},
      {0x2000, "en quad"},
      {0x2001, "em quad"},
      {0x2002, "en space"},
      {0x2003, "em space"},
      {0x2004, "three-per-em space"},
      {0x2005, "four-per-em space"},
      {0x2006, "six-per-em space"},
      {0x2007, "figure space"},
      {0x2008, "punctuation space"},
      {0x2009, "thin space"},
      {0x200a, "hair space"},
      {0x200b, "zero width space"},
      {0x200c, "zero width non-joiner"},
      {0x200d, "zero width joiner"},
      {0x200e, "left-to-right mark"},
      {0x200f, "right-to-left mark"},
      {0x202a, "left-to-right embedding"},
      {0x202b, "right-to-left embedding"},
      {0x202c, "pop directional formatting"},
      {0x202d, "left-to-right override"},
      {0x202e, "right-to-left override"},
      {0x202f, "narrow no-break space"},
      {0x205f, "medium mathematical space"},
      {0x2060, "word joiner"},
      {0x2061, "function application"},
      {0x2062, "invisible times"},
      {0x2063, "invisible separator"},
      {0x2064, "invisible plus"},
      {0x2066, "left-to-right isolate"},
      {0x2067, "right-to-left isolate"},
      {0x2068, "first strong isolate"},
      {0x2069, "pop directional isolate"},
      {0x3000, "ideographic space"},
      {0xfeff, "byte-order mark"},
  };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (names[i].cp == cp) {
      snprintf(buf, bufsz, "U+%04lX (%s)", cp, names[i].name);
      return;
    }
  snprintf(buf, bufsz, "U+%04lX", cp);
}

size_t lex_find_unseen(const char *s, size_t n, unsigned long *cp) {
  for (size_t i = 0, k; i < n; i += k) {
    k = 1;
    if ((unsigned char)s[i] < 0xc2) continue;
    unsigned long c = lex_utf8_decode(s + i, n - i, &k);
    if (lex_char_kind(c) != LEX_CH_OTHER) {
      *cp = c;
      return i + 1;
    }
  }
  return 0;
}

size_t lex_check_encoding(const char *src, size_t len) {
  const unsigned char *s = (const unsigned char *)src;
  size_t i = 0;
  while (i < len) {
    /* Eight bytes of printable ASCII at a time (most lines are only that):
     * no byte below 0x20, none at 0x7f, none at 0x80 or above. Fewer than
     * eight left: the last eight bytes of the line, some already checked. */
    if (len >= 8) {
      size_t at = i + 8 <= len ? i : len - 8;
      uint64_t w;
      memcpy(&w, s + at, 8);
      const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
      /* A byte b below 0x80 is 0x20..0x7e when b + 1 stays below 0x80 and
       * b + 0x60 reaches it; a byte from 0x80 up, whose sums may carry
       * into the next byte, shows in w itself. */
      if (!((w | (w + ones) | ~(w + 0x60 * ones)) & high)) {
        i = at + 8;
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
    if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
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
  ls->fail_at = ls->fail_end = 0;
  ls->err = LEX_E_CHAR;
  ls->fail_cp = 0;
  ls->fail_in_name = 0;
  ls->decimal_comma = false;
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
      {"\xc2\xb1", TK_PM},       {"\xc3\x97", TK_STAR},       {"\xc2\xb7", TK_STAR},
      {"\xc3\xb7", TK_SLASH},    {"\xe2\x88\x92", TK_MINUS},  {"\xe2\x86\x92", TK_ARROW},
      {"\xe2\x8b\x85", TK_STAR}, {"\xe2\x80\x93", TK_DOTDOT}, /* en dash: 1–5 MB */
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

/* Length of the space character (LEX_CH_SPACE) at s[i], or 0. */
static size_t lex_space_at(const char *s, size_t len, size_t i) {
  if ((unsigned char)s[i] < 0xc2) return 0;
  size_t k;
  unsigned long cp = lex_utf8_decode(s + i, len - i, &k);
  return lex_char_kind(cp) == LEX_CH_SPACE ? k : 0;
}

/* The end of an exponent ([eE][+-]?digits) at s[i], or 0 when there is none
 * or it runs into a letter: "3EB" is 3 exabytes, not 3e... */
static size_t lex_exponent(const char *s, size_t len, size_t i) {
  if (i >= len || (s[i] != 'e' && s[i] != 'E')) return 0;
  size_t j = i + 1;
  if (j < len && (s[j] == '+' || s[j] == '-')) j++;
  if (j >= len || !lex_digit(s[j])) return 0;
  while (j < len && lex_digit(s[j])) j++;
  return j >= len || !lex_namechar(s, len, j, false) ? j : 0;
}

/* Is s[i..i+3) three digits with no digit after them? */
static bool lex_group3(const char *s, size_t len, size_t i) {
  return i + 2 < len && lex_digit(s[i]) && lex_digit(s[i + 1]) && lex_digit(s[i + 2]) &&
         (i + 3 >= len || !lex_digit(s[i + 3]));
}

/* Length of the space at s[i] that may group digits (U+0020 or a
 * LEX_CH_SPACE character), or 0. */
static size_t lex_group_space(const char *s, size_t len, size_t i) { return s[i] == ' ' ? 1 : lex_space_at(s, len, i); }

/* Does a number end after its first digits, `lead` of them up to s[i]: at
 * the end of the line, or at white space that groups no digits (not
 * U+0020, or after more than three digits, or before no digit)? */
static inline bool lex_number_ends(const char *s, size_t len, size_t i, size_t lead) {
  return i >= len || (lex_class[(unsigned char)s[i]] & LC_SPACE &&
                      (lead > 3 || s[i] != ' ' || i + 1 >= len || !lex_digit(s[i + 1])));
}

/* Length of a number starting at p (a digit, or '.' before a digit). In the
 * integer part a separator followed by exactly three digits groups them: a
 * comma ('.' with the decimal comma) or, after a first group of one to three
 * digits, a space. '_' may stand between two digits. The fractional part
 * follows '.' (',' with the decimal comma). */
static size_t lex_number(const char *s, size_t len, size_t p, bool dc) {
  size_t i = p, k, lead;
  bool grouped = false; /* a separator was seen: lead is the first group */
  const char gc = dc ? '.' : ',', pc = dc ? ',' : '.';
  while (i < len && lex_digit(s[i])) i++; /* the first digits, before any separator */
  lead = i - p;
  if (lex_number_ends(s, len, i, lead)) return lead; /* most numbers */
  while (i < len) {
    if (lex_digit(s[i])) {
      i++;
      if (!grouped) lead++;
    } else if (s[i] == '_' && i > p && lex_digit(s[i - 1]) && i + 1 < len && lex_digit(s[i + 1])) {
      i++;
    } else if (s[i] == gc && i > p && lex_digit(s[i - 1]) && lex_group3(s, len, i + 1)) {
      grouped = true;
      i += 4; /* the integer part never holds the point, so no look back: linear */
    } else if (lead <= 3 && i > p && lex_digit(s[i - 1]) && (k = lex_group_space(s, len, i)) &&
               lex_group3(s, len, i + k)) {
      grouped = true;
      i += k + 3;
    } else {
      break;
    }
  }
  if (i + 1 < len && s[i] == pc && lex_digit(s[i + 1])) {
    i++;
    while (i < len && (lex_digit(s[i]) || (s[i] == '_' && i + 1 < len && lex_digit(s[i + 1]) && lex_digit(s[i - 1]))))
      i++;
  } else if (!dc && i > p && i < len && s[i] == '.' && lex_exponent(s, len, i + 1)) {
    i++; /* "1.e5", as C and Python write it, is 1e5 */
  }
  size_t j = lex_exponent(s, len, i);
  return (j ? j : i) - p;
}

/* Does a number at s[i] group its digits with points, as "1.400.000"
 * (two groups or more)? */
static bool lex_point_groups(const char *s, size_t len, size_t i) {
  size_t j = i, groups = 0;
  while (j < len && lex_digit(s[j]) && j - i < 4) j++;
  if (j == i || j - i > 3) return false;
  while (j < len && s[j] == '.' && lex_group3(s, len, j + 1)) j += 4, groups++;
  return groups >= 2 && (j >= len || (s[j] != '.' && s[j] != ',' && !lex_digit(s[j])));
}

/* The length of the character at s[i] when it may be part of a name, else 0:
 * ASCII letters, '_', digits after the first, and non-ASCII characters
 * (µ and other letters) except the Unicode operators, spaces and
 * invisible characters. */
static size_t lex_namechar(const char *s, size_t len, size_t i, bool first) {
  unsigned char c = (unsigned char)s[i];
  if (lex_alpha(c) || (!first && lex_digit(c))) return 1;
  if (c >= 0x80) {
    size_t n;
    if (lex_unicode((const unsigned char *)s + i, len - i, &n) != TK_EOF) return 0;
    unsigned long cp = lex_utf8_decode(s + i, len - i, &n);
    return n > 1 && lex_char_kind(cp) == LEX_CH_OTHER ? n : 0;
  }
  return 0;
}

static int lex_fail(lex_state *ls, lex_error what, size_t at, size_t end) {
  ls->err = what;
  ls->fail_at = at;
  ls->fail_end = end;
  ls->tok.kind = TK_EOF;
  ls->tok.end = end;
  return -1;
}

/* A number s[i..q) ends at q, before a '.' or a '_': a malformed number,
 * or (before "..") a range. */
static int lex_number_end(lex_state *ls, size_t i, size_t q) {
  const char *s = ls->src;
  size_t len = ls->len;
  if (s[q] == '.') {
    if (q + 1 < len && s[q + 1] == '.') return 0; /* "1..5": a range */
    if (ls->decimal_comma && q + 1 < len && lex_digit(s[q + 1])) return lex_fail(ls, LEX_E_DCPOINT, q, q + 1);
    if (memchr(s + i, 'e', q - i) || memchr(s + i, 'E', q - i)) return lex_fail(ls, LEX_E_EXPPOINT, q, q + 1);
    if (memchr(s + i, ls->decimal_comma ? ',' : '.', q - i))
      return lex_fail(ls, lex_point_groups(s, len, i) ? LEX_E_POINTGROUPS : LEX_E_POINT2, q, q + 1);
    if (q + 1 < len && s[q + 1] == '_') return lex_fail(ls, LEX_E_UNDERSCORE, q + 1, q + 2);
    return lex_fail(ls, LEX_E_POINTDIGIT, q, q + 1);
  }
  if (s[q] == '_' && lex_digit(s[q - 1])) return lex_fail(ls, LEX_E_UNDERSCORE, q, q + 1);
  return 0;
}

/* A space other than U+0020 (first at `wide`) between two digits that did
 * not group them (lex_number): "1 40", "0.123 456". */
static int lex_fail_group(lex_state *ls, size_t ws, size_t wide) {
  const char *s = ls->src;
  size_t len = ls->len, sk;
  lex_error what = LEX_E_GROUP;
  if (ls->tok.kind == TK_NUM && ls->tok.end == ws) {
    const char *t = s + ls->tok.start;
    size_t tl = ls->tok.end - ls->tok.start;
    if (memchr(t, 'e', tl) || memchr(t, 'E', tl)) what = LEX_E_GROUPEXP;
    else if (memchr(t, ls->decimal_comma ? ',' : '.', tl)) what = LEX_E_GROUPFRAC;
  }
  ls->fail_cp = lex_utf8_decode(s + wide, len - wide, &sk);
  ls->tok.start = wide;
  return lex_fail(ls, what, wide, wide + sk);
}

/* A non-ASCII character at s[i] that is not a name character: a Unicode
 * operator (its kind, and its length in *n), or an error (TK_EOF). */
static lex_kind lex_high(lex_state *ls, size_t i, size_t *n) {
  const char *s = ls->src;
  size_t len = ls->len;
  lex_kind k = lex_unicode((const unsigned char *)s + i, len - i, n);
  if (k != TK_EOF) return k;
  /* Not an operator and not a name character: an invisible one. */
  ls->fail_cp = lex_utf8_decode(s + i, len - i, n);
  ls->fail_in_name =
      (ls->tok.kind == TK_NAME && ls->tok.end == i) || (i + *n < len && lex_namechar(s, len, i + *n, true));
  lex_fail(ls, lex_char_kind(ls->fail_cp) == LEX_CH_INVISIBLE ? LEX_E_INVISIBLE : LEX_E_CHAR, i, i + *n);
  return TK_EOF;
}

/* The number at s[i] (a digit, or '.' before one) as the current token. */
static int lex_num_token(lex_state *ls, size_t i) {
  const char *s = ls->src;
  size_t len = ls->len, n = lex_number(s, len, i, ls->decimal_comma);
  ls->tok.start = i;
  if (i + n < len && (s[i + n] == '.' || s[i + n] == '_') && lex_number_end(ls, i, i + n)) return -1;
  ls->tok.kind = TK_NUM;
  ls->tok.end = i + n;
  ls->pos = i + n;
  return 0;
}

/* lex_next for any token: white space of every kind, operators, names with
 * non-ASCII characters, the errors. */
__attribute__((noinline)) static int lex_scan(lex_state *ls) {
  const char *s = ls->src;
  size_t len = ls->len, i = ls->pos, ws = i, wide = SIZE_MAX, sk;
  while (i < len) {
    if (lex_class[(unsigned char)s[i]] & LC_SPACE) {
      i++;
    } else if ((sk = lex_space_at(s, len, i))) {
      if (wide == SIZE_MAX) wide = i;
      i += sk;
    } else {
      break;
    }
  }
  /* Never two numbers side by side across a space other than U+0020. */
  if (wide != SIZE_MAX && ws > 0 && i < len && lex_digit(s[ws - 1]) && lex_digit(s[i]))
    return lex_fail_group(ls, ws, wide);
  ls->tok.start = i;
  if (i >= len || s[i] == '#') {
    /* A comment ends the line; the EOF token starts where it does. */
    ls->tok.kind = TK_EOF;
    ls->tok.start = ls->tok.end = i;
    ls->pos = len;
    return 0;
  }
  unsigned char c = (unsigned char)s[i];
  unsigned cl = lex_class[c];
  size_t n = 1;
  lex_kind k;
  if (c == '.' && i + 1 < len && lex_digit(s[i + 1])) {
    if (ls->decimal_comma) return lex_fail(ls, LEX_E_DCLEAD, i, i + 1);
    cl = LC_DIGIT; /* ".5" */
  }
  if (cl & LC_DIGIT) {
    return lex_num_token(ls, i);
  } else if (cl & LC_ALPHA || (cl & LC_HIGH && (n = lex_namechar(s, len, i, true)) > 0)) {
    /* After the first character, ASCII letters, digits and '_' by the table
     * (most names); lex_namechar for the rest. */
    k = TK_NAME;
    size_t m;
    while (i + n < len) {
      unsigned dl = lex_class[(unsigned char)s[i + n]];
      if (dl & (LC_ALPHA | LC_DIGIT)) n++;
      else if (dl & LC_HIGH && (m = lex_namechar(s, len, i + n, false)) > 0) n += m;
      else break;
    }
  } else if (cl & LC_HIGH) {
    if ((k = lex_high(ls, i, &n)) == TK_EOF) return -1;
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
      return lex_fail(ls, LEX_E_CHAR, i, i + 1);
    default: return lex_fail(ls, LEX_E_CHAR, i, i + 1);
    }
  }
  ls->tok.kind = k;
  ls->tok.end = i + n;
  ls->pos = i + n;
  return 0;
}

/* The tokens most lines are made of, after white space of U+0020, tab, CR
 * or LF: a number of digits alone, a name of ASCII letters and digits, the
 * end of the line.
 * Any other goes to lex_scan, from the start; this path then saves few
 * registers. */
int lex_next(lex_state *ls) {
  const char *s = ls->src;
  size_t len = ls->len, i = ls->pos;
  while (i < len && lex_class[(unsigned char)s[i]] & LC_SPACE) i++;
  if (i >= len || s[i] == '#') {
    ls->tok.kind = TK_EOF;
    ls->tok.start = ls->tok.end = i;
    ls->pos = len;
    return 0;
  }
  unsigned cl = lex_class[(unsigned char)s[i]];
  size_t n = 1;
  if (cl & LC_DIGIT) {
    while (i + n < len && lex_digit(s[i + n])) n++;
    if (!lex_number_ends(s, len, i + n, n)) return lex_num_token(ls, i);
    ls->tok.kind = TK_NUM;
    ls->tok.start = i;
    ls->tok.end = i + n;
    ls->pos = i + n;
    return 0;
  }
  if (!(cl & LC_ALPHA)) return lex_scan(ls);
  while (i + n < len && lex_class[(unsigned char)s[i + n]] & (LC_ALPHA | LC_DIGIT)) n++;
  if (i + n < len && lex_class[(unsigned char)s[i + n]] & LC_HIGH) return lex_scan(ls); /* "µs", "naïve" */
  ls->tok.kind = TK_NAME;
  ls->tok.start = i;
  ls->tok.end = i + n;
  ls->pos = i + n;
  return 0;
}

long lex_number_digits(const char *tok, size_t len, bool dc, char *out, long *exp10) {
  size_t k = 0, i = 0;
  const char pc = dc ? ',' : '.';
  *exp10 = 0;
  for (; i < len && lex_digit(tok[i]); i++) out[k++] = tok[i]; /* the first digits (often all) */
  for (; i < len; i++) {
    char c = tok[i];
    if (lex_digit(c)) out[k++] = c;
    else if (c == pc) out[k++] = '.';
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

bool lex_number_ambiguous(const char *tok, size_t len, bool dc) {
  /* One to three digits, the separator, three digits: 5 to 7 bytes. */
  if (len < 5 || len > 7 || tok[len - 4] != (dc ? ',' : '.')) return false;
  size_t i = 0;
  bool nonzero = false;
  for (; i < len && lex_digit(tok[i]); i++)
    if (tok[i] != '0') nonzero = true;
  return i >= 1 && i <= 3 && nonzero && len == i + 4 && tok[i] == (dc ? ',' : '.') && lex_digit(tok[i + 1]) &&
         lex_digit(tok[i + 2]) && lex_digit(tok[i + 3]);
}

void lex_error_text(const lex_state *ls, char *buf, size_t bufsz) {
  size_t at = ls->fail_at;
  unsigned char c = (unsigned char)ls->src[at];
  char what[64];
  if (ls->err >= LEX_E_INVISIBLE) lex_char_text(ls->fail_cp, what, sizeof what);
  switch (ls->err) {
  case LEX_E_POINT2: snprintf(buf, bufsz, "malformed number: a second decimal point"); return;
  case LEX_E_POINTGROUPS:
    snprintf(buf, bufsz,
             "malformed number: a second decimal point (if '.' groups thousands here, use --decimal-comma)");
    return;
  case LEX_E_EXPPOINT: snprintf(buf, bufsz, "malformed number: a decimal point in an exponent"); return;
  case LEX_E_POINTDIGIT: snprintf(buf, bufsz, "malformed number: a digit must follow the decimal point"); return;
  case LEX_E_UNDERSCORE: snprintf(buf, bufsz, "malformed number: '_' must stand between two digits"); return;
  case LEX_E_INVISIBLE:
    snprintf(buf, bufsz, "invisible character %s%s", what, ls->fail_in_name ? " in a name" : "");
    return;
  case LEX_E_GROUP:
    snprintf(buf, bufsz, "malformed number: digit groups after %s must have exactly three digits", what);
    return;
  case LEX_E_GROUPFRAC:
    snprintf(buf, bufsz, "malformed number: %s cannot group digits after the decimal point", what);
    return;
  case LEX_E_GROUPEXP: snprintf(buf, bufsz, "malformed number: %s cannot group digits in an exponent", what); return;
  case LEX_E_DCPOINT: {
    /* "1.5" with the decimal comma: say how to write it, "1,5". */
    size_t b = at, q = at + 1;
    while (b > 0 && (lex_digit(ls->src[b - 1]) || ls->src[b - 1] == '.')) b--;
    while (q < ls->len && lex_digit(ls->src[q])) q++;
    char dec[48];
    size_t n = q - b < sizeof dec - 1 ? q - b : sizeof dec - 1;
    for (size_t i = 0; i < n; i++) dec[i] = b + i == at ? ',' : ls->src[b + i];
    dec[n] = 0;
    snprintf(buf, bufsz,
             "malformed number: with the decimal comma, '.' groups digits in threes (1.400); write %s for a decimal",
             dec);
    return;
  }
  case LEX_E_DCLEAD: snprintf(buf, bufsz, "malformed number: with the decimal comma, write 0,5"); return;
  case LEX_E_CHAR: break;
  }
  if (c >= 0x20 && c < 0x7f) snprintf(buf, bufsz, "unexpected character '%c'", c);
  else snprintf(buf, bufsz, "unexpected character");
}
