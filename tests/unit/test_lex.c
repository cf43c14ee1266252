/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_lex.c -- the lexer: token kinds and byte spans, numbers with grouping
 * commas, Unicode operators, comments, the encoding check, columns. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lex.h"
#include "suite.h"

static const char *kind_name(lex_kind k) {
  switch (k) {
  case TK_EOF: return "EOF";
  case TK_NUM: return "NUM";
  case TK_NAME: return "NAME";
  case TK_PLUS: return "PLUS";
  case TK_MINUS: return "MINUS";
  case TK_STAR: return "STAR";
  case TK_SLASH: return "SLASH";
  case TK_CARET: return "CARET";
  case TK_LPAREN: return "LPAREN";
  case TK_RPAREN: return "RPAREN";
  case TK_COMMA: return "COMMA";
  case TK_EQ: return "EQ";
  case TK_PERCENT: return "PERCENT";
  case TK_DOLLAR: return "DOLLAR";
  case TK_DOTDOT: return "DOTDOT";
  case TK_PM: return "PM";
  case TK_ARROW: return "ARROW";
  case TK_BANG: return "BANG";
  }
  return "?";
}

/* Renders the token stream of `src` as "KIND'text' KIND'text' ...", the text
 * being the token's byte span, so a row checks kinds and spans at once. A
 * lexical error renders as "ERR@offset". The lexer reads a copy of exactly
 * `len` bytes, so a sanitizer build catches a read past the end. */
static void render(const char *text, size_t len, char *out, size_t outsz) {
  lex_state ls;
  size_t used = 0;
  out[0] = 0;
  char *src = malloc(len ? len : 1);
  ck_assert_ptr_nonnull(src);
  memcpy(src, text, len);
  lex_init(&ls, src, len);
  for (int guard = 0; guard < 100; guard++) {
    int n;
    if (lex_next(&ls) != 0) {
      n = snprintf(out + used, outsz - used, "%sERR@%zu", used ? " " : "", ls.fail_at);
      if (n > 0) used += (size_t)n;
      free(src);
      return;
    }
    if (ls.tok.kind == TK_EOF) {
      /* EOF is an empty span at the end of the input (or at the '#'). */
      ck_assert_uint_eq(ls.tok.start, ls.tok.end);
      free(src);
      return;
    }
    ck_assert_uint_le(ls.tok.start, ls.tok.end);
    ck_assert_uint_le(ls.tok.end, len);
    n = snprintf(out + used, outsz - used, "%s%s'%.*s'", used ? " " : "", kind_name(ls.tok.kind),
                 (int)(ls.tok.end - ls.tok.start), src + ls.tok.start);
    if (n > 0) used += (size_t)n;
  }
  free(src);
  ck_abort_msg("lexer does not reach EOF on '%.*s'", (int)len, text);
}

static const struct {
  const char *src;
  const char *want;
} tokens[] = {
    /* grouping commas: exactly three digits then a non-digit */
    {"1,400", "NUM'1,400'"},
    {"1,400 TB", "NUM'1,400' NAME'TB'"},
    {"1,400TB", "NUM'1,400' NAME'TB'"},
    {"1,4000", "NUM'1' COMMA',' NUM'4000'"},
    {"1,40", "NUM'1' COMMA',' NUM'40'"},
    {"max(1,40)", "NAME'max' LPAREN'(' NUM'1' COMMA',' NUM'40' RPAREN')'"},
    {"max(1, 400)", "NAME'max' LPAREN'(' NUM'1' COMMA',' NUM'400' RPAREN')'"},
    {"1,234,567.5", "NUM'1,234,567.5'"},
    {"1,234,5678", "NUM'1,234' COMMA',' NUM'5678'"},
    {"1_400", "NUM'1_400'"},
    {"1__400", "ERR@1"},
    {"1_", "ERR@1"},
    {"1_.5", "ERR@1"},
    /* decimals and exponents */
    {"1400.5", "NUM'1400.5'"},
    {".5", "NUM'.5'"},
    {"1.4e15", "NUM'1.4e15'"},
    {"1.4E-3", "NUM'1.4E-3'"},
    {"2e+3", "NUM'2e+3'"},
    {"3EB", "NUM'3' NAME'EB'"},
    {"3 EB", "NUM'3' NAME'EB'"},
    {"1e5 * 2", "NUM'1e5' STAR'*' NUM'2'"},
    /* a bare point before an exponent, as in C: 1.e5 is 1e5 */
    {"1.e5", "NUM'1.e5'"},
    {"12", "NUM'12'"},
    {"1,234", "NUM'1,234'"},
    {"1\xc2\xa0"
     "234",
     "NUM'1\xc2\xa0"
     "234'"},
    {"1e", "NUM'1' NAME'e'"},
    {"1.5e+", "NUM'1.5' NAME'e' PLUS'+'"},
    {"1.E-2 MB", "NUM'1.E-2' NAME'MB'"},
    {"1.e5..2.e5", "NUM'1.e5' DOTDOT'..' NUM'2.e5'"},
    /* any other point must have a digit after it */
    {"1.", "ERR@1"},
    {"1. MB", "ERR@1"},
    {"1.EB", "ERR@1"},
    {"1.e", "ERR@1"},
    {"1._5", "ERR@2"},
    {"1e5.", "ERR@3"},
    /* a second decimal point is an error, not two numbers side by side */
    {"1.5.2", "ERR@3"},
    {"1,234.5.6", "ERR@7"},
    {".5.5", "ERR@2"},
    {"1.5..2", "NUM'1.5' DOTDOT'..' NUM'2'"},
    {"1.5 .2", "NUM'1.5' NUM'.2'"},
    /* ranges and ± in three spellings */
    {"1..5", "NUM'1' DOTDOT'..' NUM'5'"},
    {"1 MB .. 5 MB", "NUM'1' NAME'MB' DOTDOT'..' NUM'5' NAME'MB'"},
    {"5 \xc2\xb1 1", "NUM'5' PM'\xc2\xb1' NUM'1'"},
    {"5 +/- 1", "NUM'5' PM'+/-' NUM'1'"},
    {"5+-1", "NUM'5' PM'+-' NUM'1'"},
    {"5+1", "NUM'5' PLUS'+' NUM'1'"},
    /* conversions and powers */
    {"x -> MB", "NAME'x' ARROW'->' NAME'MB'"},
    {"x - > MB", "NAME'x' MINUS'-' ERR@4"},
    {"2**3", "NUM'2' CARET'**' NUM'3'"},
    {"2^3", "NUM'2' CARET'^' NUM'3'"},
    /* Unicode operators */
    {"6 \xc3\x97 7", "NUM'6' STAR'\xc3\x97' NUM'7'"},
    {"8\xc3\xb7"
     "2",
     "NUM'8' SLASH'\xc3\xb7' NUM'2'"},
    {"5 \xe2\x88\x92 7", "NUM'5' MINUS'\xe2\x88\x92' NUM'7'"},
    {"x \xe2\x86\x92 MB", "NAME'x' ARROW'\xe2\x86\x92' NAME'MB'"},
    {"2\xc2\xb7"
     "3",
     "NUM'2' STAR'\xc2\xb7' NUM'3'"},
    /* names, including non-ASCII letters, and punctuation */
    {"Gbit/s", "NAME'Gbit' SLASH'/' NAME's'"},
    {"\xc2\xb5s", "NAME'\xc2\xb5s'"},
    {"$7.5 billion", "DOLLAR'$' NUM'7.5' NAME'billion'"},
    {"23%", "NUM'23' PERCENT'%'"},
    {"photo = 4 MB", "NAME'photo' EQ'=' NUM'4' NAME'MB'"},
    {"x2_y", "NAME'x2_y'"},
    {"!information", "BANG'!' NAME'information'"},
    {"\xce\xbcs", "NAME'\xce\xbcs'"}, /* Greek mu */
    /* spaces other than U+0020: white space, or grouping three digits */
    {"1\xc2\xa0"
     "400",
     "NUM'1\xc2\xa0"
     "400'"},
    {"1\xe2\x80\xaf"
     "400\xe2\x80\xaf"
     "000 B",
     "NUM'1\xe2\x80\xaf"
     "400\xe2\x80\xaf"
     "000' NAME'B'"},
    {"1\xe2\x80\x89"
     "400.5",
     "NUM'1\xe2\x80\x89"
     "400.5'"},
    {"1,400\xc2\xa0"
     "000",
     "NUM'1,400\xc2\xa0"
     "000'"},
    {"5\xc2\xa0MB", "NUM'5' NAME'MB'"},
    {"1\xc2\xa0"
     "400\xc2\xa0MB",
     "NUM'1\xc2\xa0"
     "400' NAME'MB'"},
    {"x\xe3\x80\x80+\xe2\x80\x8a"
     "1",
     "NAME'x' PLUS'+' NUM'1'"},
    {"1\xc2\xa0"
     "40",
     "NUM'1' ERR@1"},
    {"1\xc2\xa0"
     "4000",
     "NUM'1' ERR@1"},
    {"1 \xc2\xa0"
     "400",
     "NUM'1' ERR@2"},
    {"1\xc2\xa0\xc2\xa0"
     "400",
     "NUM'1' ERR@1"},
    {"0.123\xe2\x80\x89"
     "456",
     "NUM'0.123' ERR@5"},
    /* U+0020 groups digits too, after a first group of one to three */
    {"1 400", "NUM'1 400'"},
    {"1 400 000 B", "NUM'1 400 000' NAME'B'"},
    {"1 400.5", "NUM'1 400.5'"},
    {"1 40", "NUM'1' NUM'40'"},
    {"1 4000", "NUM'1' NUM'4000'"},
    {"1400 000", "NUM'1400' NUM'000'"},
    {"1  400", "NUM'1' NUM'400'"},
    {"1.5 200", "NUM'1.5' NUM'200'"},
    {"1,400 000", "NUM'1,400 000'"},
    /* the usual tokens (lex_next's short path) and where that path ends */
    {"29 GiB", "NUM'29' NAME'GiB'"},
    {"12 345 B", "NUM'12 345' NAME'B'"},
    {"12 34 B", "NUM'12' NUM'34' NAME'B'"},
    {"12\t345", "NUM'12' NUM'345'"},
    {"7\r\n", "NUM'7'"},
    {"5\xc2\xb5s to s", "NUM'5' NAME'\xc2\xb5s' NAME'to' NAME's'"},
    {"na\xc3\xafve", "NAME'na\xc3\xafve'"},
    {"12.5e3 kB", "NUM'12.5e3' NAME'kB'"},
    {"1_000 B", "NUM'1_000' NAME'B'"},
    /* invisible characters are never part of a name */
    {"ph\xe2\x80\x8boto", "NAME'ph' ERR@2"},
    {"\xef\xbb\xbf"
     "photo",
     "ERR@0"},
    {"MB\xe2\x80\xae", "NAME'MB' ERR@2"},
    {"tera\xc2\xad"
     "byte",
     "NAME'tera' ERR@4"},
    {"x\xf3\xa0\x81\x81", "NAME'x' ERR@1"}, /* U+E0041, a tag */
    /* '#' ends the line */
    {"1 + 2 # three", "NUM'1' PLUS'+' NUM'2'"},
    {"1#2", "NUM'1'"},
    {"# only a comment", ""},
    {"   \t ", ""},
    {"", ""},
    /* bytes that start no token */
    {"1 @ 2", "NUM'1' ERR@2"},
    {"[1]", "ERR@0"},
    {"a ~", "NAME'a' ERR@2"},
};

START_TEST(test_tokens) {
  char got[512];
  render(tokens[_i].src, strlen(tokens[_i].src), got, sizeof got);
  ck_assert_msg(strcmp(got, tokens[_i].want) == 0, "lex '%s': got [%s], want [%s]", tokens[_i].src, got,
                tokens[_i].want);
}
END_TEST

/* x is an operator. "1e5×2" is 1e5 times 2, like "1e5 * 2". */
START_TEST(test_exponent_then_unicode_operator) {
  char got[256];
  /* Regression (fixed in a8b9668): lex_number refused an exponent followed by
   * any byte >= 0x80, so "1e5×2" lexed as NUM'1' NAME'e5' STAR NUM'2'. */
  render("1e5\xc3\x97"
         "2",
         6, got, sizeof got);
  ck_assert_str_eq(got, "NUM'1e5' STAR'\xc3\x97' NUM'2'");
}
END_TEST

/* "1e5.5" is as malformed as "1.2.3": a decimal point after an exponent. */
START_TEST(test_point_after_exponent) {
  char got[256];
  /* Regression (fixed in a8b9668): the "second decimal point" check only looked
   * for a '.' inside the first number, so "1e5.5" lexed as NUM'1e5' NUM'.5'
   * and evaluated to 1e5 x 0.5 = 50,000 without a word. */
  render("1e5.5", 5, got, sizeof got);
  ck_assert_msg(strncmp(got, "ERR@", 4) == 0 || strstr(got, "ERR@") != NULL, "got [%s]", got);
}
END_TEST

/* Explicit byte spans around multi-byte operators. */
static const struct {
  const char *src;
  int idx; /* which token */
  lex_kind kind;
  size_t start, end;
} spans[] = {
    {"2\xc3\x97"
     "3",
     0, TK_NUM, 0, 1},
    {"2\xc3\x97"
     "3",
     1, TK_STAR, 1, 3},
    {"2\xc3\x97"
     "3",
     2, TK_NUM, 3, 4},
    {"  1,400  TB", 0, TK_NUM, 2, 7},
    {"  1,400  TB", 1, TK_NAME, 9, 11},
    {"a \xe2\x86\x92 b", 1, TK_ARROW, 2, 5},
    {"a \xe2\x86\x92 b", 2, TK_NAME, 6, 7},
    {"1 # x", 1, TK_EOF, 2, 2}, /* the EOF token starts at the comment */
};

/* What a lexical error is, where, and the character it names. */
static const struct {
  const char *src;
  lex_error err;
  size_t at, end;
  unsigned long cp;
  int in_name;
} errs[] = {
    {"1.2.3", LEX_E_POINT2, 3, 4, 0, 0},
    {"1.5.", LEX_E_POINT2, 3, 4, 0, 0},
    {"1e5.5", LEX_E_EXPPOINT, 3, 4, 0, 0},
    {"1.", LEX_E_POINTDIGIT, 1, 2, 0, 0},
    {"1._5", LEX_E_UNDERSCORE, 2, 3, 0, 0},
    {"1__5", LEX_E_UNDERSCORE, 1, 2, 0, 0},
    {"@", LEX_E_CHAR, 0, 1, 0, 0},
    {"ph\xe2\x80\x8boto", LEX_E_INVISIBLE, 2, 5, 0x200b, 1},
    {"\xe2\x80\x8bx", LEX_E_INVISIBLE, 0, 3, 0x200b, 1},
    {"\xe2\x80\xae"
     "1",
     LEX_E_INVISIBLE, 0, 3, 0x202e, 0},
    {"1 \xe2\x80\xae MB", LEX_E_INVISIBLE, 2, 5, 0x202e, 0},
    {"\xef\xbb\xbf", LEX_E_INVISIBLE, 0, 3, 0xfeff, 0},
    {"x\xc2\xad", LEX_E_INVISIBLE, 1, 3, 0xad, 1},
    {"x\xf3\xa0\x81\x81", LEX_E_INVISIBLE, 1, 5, 0xe0041, 1},
    {"1\xc2\xa0"
     "40",
     LEX_E_GROUP, 1, 3, 0xa0, 0},
    {"1\xe2\x80\x89\xc2\xa0"
     "400",
     LEX_E_GROUP, 1, 4, 0x2009, 0},
    {"0.5\xe2\x80\xaf"
     "000",
     LEX_E_GROUPFRAC, 3, 6, 0x202f, 0},
    {"1e3\xe2\x80\x89"
     "000",
     LEX_E_GROUPEXP, 3, 6, 0x2009, 0},
};

START_TEST(test_errors) {
  lex_state ls;
  size_t len = strlen(errs[_i].src);
  char *src = malloc(len); /* exactly the line: a read past it is caught */
  ck_assert_ptr_nonnull(src);
  memcpy(src, errs[_i].src, len);
  lex_init(&ls, src, len);
  int r = 0;
  for (int guard = 0; guard < 10 && (r = lex_next(&ls)) == 0 && ls.tok.kind != TK_EOF; guard++) continue;
  ck_assert_msg(r == -1, "no error in '%s'", errs[_i].src);
  ck_assert_int_eq(ls.err, errs[_i].err);
  ck_assert_uint_eq(ls.fail_at, errs[_i].at);
  ck_assert_uint_eq(ls.fail_end, errs[_i].end);
  if (errs[_i].cp) ck_assert_uint_eq(ls.fail_cp, errs[_i].cp);
  if (errs[_i].err == LEX_E_INVISIBLE) ck_assert_int_eq(ls.fail_in_name, errs[_i].in_name);
  free(src);
}
END_TEST

/* Character classes and the names messages give them. */
START_TEST(test_char_kinds) {
  ck_assert_int_eq(lex_char_kind('a'), LEX_CH_OTHER);
  ck_assert_int_eq(lex_char_kind(0xb5), LEX_CH_OTHER);   /* micro sign */
  ck_assert_int_eq(lex_char_kind(0x3bc), LEX_CH_OTHER);  /* Greek mu */
  ck_assert_int_eq(lex_char_kind(0x20ac), LEX_CH_OTHER); /* euro sign */
  static const unsigned long invisible[] = {0xad,   0x34f,  0x61c,  0x115f,  0x17b4,  0x180e,  0x200b, 0x200f,
                                            0x202a, 0x202e, 0x2060, 0x2066,  0x2069,  0x206f,  0x3164, 0xfe0f,
                                            0xfeff, 0xffa0, 0xfff0, 0x1bca0, 0x1d173, 0xe0001, 0xe0fff};
  for (size_t i = 0; i < sizeof invisible / sizeof invisible[0]; i++)
    ck_assert_msg(lex_char_kind(invisible[i]) == LEX_CH_INVISIBLE, "U+%04lX", invisible[i]);
  static const unsigned long spaces[] = {0xa0, 0x2000, 0x2007, 0x2009, 0x200a, 0x202f, 0x205f, 0x3000};
  for (size_t i = 0; i < sizeof spaces / sizeof spaces[0]; i++)
    ck_assert_msg(lex_char_kind(spaces[i]) == LEX_CH_SPACE, "U+%04lX", spaces[i]);
  /* U+1680 (ogham space mark) is a visible stroke. */
  static const unsigned long other[] = {0x20,   0x9f,   0xac,   0xae,   0x1680, 0x2010,  0x2028, 0x2070,
                                        0xfdff, 0xfe10, 0xfefe, 0xff00, 0xfff9, 0x1d17b, 0xe1000};
  for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
    ck_assert_msg(lex_char_kind(other[i]) == LEX_CH_OTHER, "U+%04lX", other[i]);
  char b[64];
  lex_char_text(0x202e, b, sizeof b);
  ck_assert_str_eq(b, "U+202E (right-to-left override)");
  lex_char_text(0xfeff, b, sizeof b);
  ck_assert_str_eq(b, "U+FEFF (byte-order mark)");
  lex_char_text(0xe0041, b, sizeof b);
  ck_assert_str_eq(b, "U+E0041");
  unsigned long cp = 0;
  ck_assert_uint_eq(lex_find_unseen("photo", 5, &cp), 0);
  ck_assert_uint_eq(lex_find_unseen("\xc2\xb5s\xe2\x80\x8b", 6, &cp), 4);
  ck_assert_uint_eq(cp, 0x200b);
  ck_assert_uint_eq(lex_find_unseen("a\xc2\xa0", 3, &cp), 2);
  ck_assert_uint_eq(cp, 0xa0);
}
END_TEST

START_TEST(test_spans) {
  lex_state ls;
  lex_init(&ls, spans[_i].src, strlen(spans[_i].src));
  for (int k = 0; k <= spans[_i].idx; k++) ck_assert_int_eq(lex_next(&ls), 0);
  ck_assert_int_eq(ls.tok.kind, spans[_i].kind);
  ck_assert_uint_eq(ls.tok.start, spans[_i].start);
  ck_assert_uint_eq(ls.tok.end, spans[_i].end);
}
END_TEST

/* The lexer honours `len`: bytes past it are not read. */
START_TEST(test_len_bound) {
  lex_state ls;
  const char *s = "12345";
  lex_init(&ls, s, 2);
  ck_assert_int_eq(lex_next(&ls), 0);
  ck_assert_int_eq(ls.tok.kind, TK_NUM);
  ck_assert_uint_eq(ls.tok.end, 2);
  ck_assert_int_eq(lex_next(&ls), 0);
  ck_assert_int_eq(ls.tok.kind, TK_EOF);
  /* A comma at the very end of the window does not group. */
  char got[128];
  render("1,400", 4, got, sizeof got);
  ck_assert_str_eq(got, "NUM'1' COMMA',' NUM'40'");
}
END_TEST

static const struct {
  const char *src;
  size_t len;
  size_t want; /* 0, or 1-based offset of the first bad byte */
} enc[] = {
    {"abc", 3, 0},
    {"a\tb", 3, 0},
    {"\xc2\xb5\xc3\x97\xe2\x88\x92", 7, 0}, /* µ × − */
    {"\xf0\x9f\x98\x80", 4, 0},             /* U+1F600 */
    {"\xf4\x8f\xbf\xbf", 4, 0},             /* U+10FFFF, the last code point */
    {"a\xc0\xaf"
     "b",
     4, 2},                     /* overlong '/' */
    {"\xc1\xbf", 2, 1},         /* overlong */
    {"\xe0\x80\xaf", 3, 1},     /* overlong 3-byte */
    {"\xf0\x8f\xbf\xbf", 4, 1}, /* overlong 4-byte */
    {"ab\xed\xa0\x80", 5, 3},   /* surrogate U+D800 */
    {"\xed\xbf\xbf", 3, 1},     /* surrogate U+DFFF */
    {"\xe2\x82", 2, 1},         /* truncated */
    {"xy\xf0\x9f\x98", 5, 3},   /* truncated 4-byte */
    {"\xe2\x82"
     "a",
     3, 1},                      /* bad continuation */
    {"x\xf4\x90\x80\x80", 5, 2}, /* U+110000 > U+10FFFF */
    {"\xf5\x80\x80\x80", 4, 1},  /* lead byte past F4 */
    {"\xff", 1, 1},
    {"ok\x80", 3, 3},        /* lone continuation */
    {"ab\0c", 4, 3},         /* NUL */
    {"a\x01", 2, 2},         /* control */
    {"1\n2", 3, 2},          /* newline is a control byte in a line */
    {"\x1b[0m", 4, 1},       /* escape */
    {"del\x7f", 4, 4},       /* DEL */
    {"\xc2\x85", 2, 1},      /* C1 control NEL */
    {"x\xe2\x80\xa8", 4, 2}, /* U+2028 line separator */
};

START_TEST(test_encoding) { ck_assert_uint_eq(lex_check_encoding(enc[_i].src, enc[_i].len), enc[_i].want); }
END_TEST

/* Lines of every length up to 24 with one bad byte (or a good character)
 * at every place: the check reads eight bytes at a time and the line's
 * last eight at once, so each place in a word and in the tail counts. */
START_TEST(test_encoding_every_place) {
  static const struct {
    const char *bytes;
    size_t n;
    size_t bad; /* 1-based offset within bytes of the bad byte, or 0 */
  } put[] = {
      {"\x01", 1, 1}, {"\x7f", 1, 1}, {"\x80", 1, 1},     {"\xc3", 1, 1},         {"\0", 1, 1},
      {"\n", 1, 1},   {"\t", 1, 0},   {"\xc2\xb5", 2, 0}, {"\xe2\x88\x92", 3, 0}, {"\xc2\x85", 2, 1},
      {"\x1f", 1, 1}, {" ", 1, 0},    {"~", 1, 0},        {"\xff", 1, 1}, /* the edges of a word's printable test */
  };
  char line[32];
  for (size_t k = 0; k < sizeof put / sizeof put[0]; k++)
    for (size_t len = put[k].n; len <= 24; len++)
      for (size_t at = 0; at + put[k].n <= len; at++) {
        memset(line, 'a', len);
        memcpy(line + at, put[k].bytes, put[k].n);
        size_t want = put[k].bad ? at + put[k].bad : 0;
        ck_assert_msg(lex_check_encoding(line, len) == want, "put %zu, length %zu, at %zu", k, len, at);
      }
}
END_TEST

static const struct {
  const char *src;
  size_t off;
  long col;
} cols[] = {
    {"abc", 0, 1},
    {"abc", 2, 3},
    {"abc", 3, 4},
    {"abc", 99, 4},                        /* clamped to the end */
    {"\xc2\xb5s x", 4, 4},                 /* µ is one character */
    {"2 \xc3\x97 3 \xc3\x97 zork", 10, 9}, /* two × before it */
    {"\xf0\x9f\x98\x80z", 4, 2},
};

START_TEST(test_column) {
  ck_assert_int_eq(lex_column(cols[_i].src, strlen(cols[_i].src), cols[_i].off), cols[_i].col);
}
END_TEST

static const struct {
  const char *s;
  size_t n;
  size_t want;
} u8[] = {
    {"a", 1, 1},
    {"\xc2\xb5", 2, 2},         /* µ */
    {"\xe2\x82\xac", 3, 3},     /* € */
    {"\xf0\x9f\x98\x80", 4, 4}, /* U+1F600 */
    {"\xc2\x85", 2, 2},         /* C1 controls are valid UTF-8 */
    {"\xe2\x80\xa8", 3, 3},     /* U+2028 too */
    {"\xe2\x82\xac"
     "x",
     2, 0}, /* cut by n */
    {"", 0, 0},
    {"\x80", 1, 0},
    {"\xc0\xaf", 2, 0},         /* overlong */
    {"\xe2\x82", 2, 0},         /* truncated */
    {"\xed\xa0\x80", 3, 0},     /* surrogate */
    {"\xf4\x90\x80\x80", 4, 0}, /* > U+10FFFF */
    {"\xff", 1, 0},
};

START_TEST(test_utf8_len) { ck_assert_uint_eq(lex_utf8_len(u8[_i].s, u8[_i].n), u8[_i].want); }
END_TEST

static const struct {
  const char *tok;
  long ret;
  const char *digits;
  long exp10;
} numd[] = {
    {"1,234,567.5", 9, "1234567.5", 0},
    {"1_400", 4, "1400", 0},
    {"1.4e15", 3, "1.4", 15},
    {"2E-3", 1, "2", -3},
    {"7e+2", 1, "7", 2},
    {".5", 2, ".5", 0},
    {"1.e5", 2, "1.", 5},
    {"1\xc2\xa0"
     "400",
     4, "1400", 0},
    {"0", 1, "0", 0},
    {"1e99999999999999999999", -1, NULL, 0}, /* exponent does not fit a long */
};

START_TEST(test_number_digits) {
  const char *t = numd[_i].tok;
  char out[64];
  long e = 12345;
  long r = lex_number_digits(t, strlen(t), false, out, &e);
  ck_assert_int_eq(r, numd[_i].ret);
  if (r >= 0) {
    ck_assert_str_eq(out, numd[_i].digits);
    ck_assert_int_eq(e, numd[_i].exp10);
  }
}
END_TEST

/* Numbers with two readings: a point (a comma with the decimal comma)
 * before exactly three digits, after one to three digits not all zero. */
static const struct {
  const char *tok;
  bool dc;
  bool ambiguous;
} amb[] = {
    {"1.400", false, true},      {"12.345", false, true},   {"999.000", false, true},   {"0.400", false, false},
    {"1.4", false, false},       {"1.4000", false, false},  {"1234.500", false, false}, {"1,400", false, false},
    {"1,400.500", false, false}, {"1.400e3", false, false}, {"1.400", true, false},     {"1,400", true, true},
    {"1.400,500", true, false},  {"000.500", false, false}, {"10 000", false, false},   {"1.40", false, false},
    {"12.3456", false, false},   {"123,456", false, false}, {"1234.567", false, false}, {"123.456", false, true},
};

START_TEST(test_number_ambiguous) {
  ck_assert_msg(lex_number_ambiguous(amb[_i].tok, strlen(amb[_i].tok), amb[_i].dc) == amb[_i].ambiguous, "%s",
                amb[_i].tok);
}
END_TEST

/* The decimal comma: '.' groups, ',' is the point. */
static const struct {
  const char *src;
  const char *digits; /* of the first token, or NULL for a lexical error */
  size_t len;         /* its length */
} dcn[] = {
    {"1.400,5 TB", "1400.5", 7},
    {"2,5", "2.5", 3},
    {"1.400.000", "1400000", 9},
    {"1 400,5", "1400.5", 7},
    {"1,5e3", "1.5", 5},
    {"1.5", NULL, 0},
    {".5", NULL, 0},
    {"1..5", "1", 1},
    {"1,400", "1.400", 5},
    {"max(1,5)", NULL, 0},
};

START_TEST(test_decimal_comma) {
  lex_state ls;
  const char *s = dcn[_i].src;
  lex_init(&ls, s, strlen(s));
  ls.decimal_comma = true;
  if (s[0] == 'm') { /* the number inside a call */
    ck_assert_int_eq(lex_next(&ls), 0);
    ck_assert_int_eq(lex_next(&ls), 0);
    ck_assert_int_eq(lex_next(&ls), 0);
    ck_assert_int_eq(ls.tok.kind, TK_NUM);
    ck_assert_uint_eq(ls.tok.end - ls.tok.start, 3);
    return;
  }
  int r = lex_next(&ls);
  if (!dcn[_i].digits) {
    ck_assert_int_eq(r, -1);
    return;
  }
  ck_assert_int_eq(r, 0);
  ck_assert_int_eq(ls.tok.kind, TK_NUM);
  ck_assert_uint_eq(ls.tok.end - ls.tok.start, dcn[_i].len);
  char out[64];
  long e;
  ck_assert_int_ge(lex_number_digits(s, dcn[_i].len, true, out, &e), 0);
  ck_assert_str_eq(out, dcn[_i].digits);
}
END_TEST

/* Quoting at most N bytes of a name never ends inside a UTF-8 sequence.
 * Regression (fuzz_eval): "unknown name '...'" cut a 2-byte character in
 * half and the message was invalid UTF-8. */
START_TEST(test_utf8_cut) {
  const char *s = "ab\xc3\xb5"
                  "cd\xe2\x82\xac"
                  "e";
  ck_assert_uint_eq(lex_utf8_cut(s, strlen(s), 100), strlen(s)); /* short: whole */
  ck_assert_uint_eq(lex_utf8_cut(s, strlen(s), 2), 2);           /* before the 2-byte char */
  ck_assert_uint_eq(lex_utf8_cut(s, strlen(s), 3), 2);           /* not inside it */
  ck_assert_uint_eq(lex_utf8_cut(s, strlen(s), 4), 4);           /* after it */
  ck_assert_uint_eq(lex_utf8_cut(s, strlen(s), 7), 6);           /* not inside the euro sign */
  ck_assert_uint_eq(lex_utf8_cut(s, strlen(s), 8), 6);
  ck_assert_uint_eq(lex_utf8_cut(s, strlen(s), 9), 9);
  ck_assert_uint_eq(lex_utf8_cut(s, strlen(s), 0), 0);
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("lex");
  TCase *tc = tcase_create("tokens");
  SUITE_LOOP(tc, test_tokens, tokens);
  SUITE_LOOP(tc, test_spans, spans);
  SUITE_LOOP(tc, test_errors, errs);
  tcase_add_test(tc, test_char_kinds);
  tcase_add_test(tc, test_len_bound);
  tcase_add_test(tc, test_exponent_then_unicode_operator);
  tcase_add_test(tc, test_point_after_exponent);
  tcase_add_test(tc, test_utf8_cut);
  suite_add_tcase(s, tc);
  tc = tcase_create("encoding");
  SUITE_LOOP(tc, test_encoding, enc);
  tcase_add_test(tc, test_encoding_every_place);
  SUITE_LOOP(tc, test_column, cols);
  SUITE_LOOP(tc, test_utf8_len, u8);
  suite_add_tcase(s, tc);
  tc = tcase_create("numbers");
  SUITE_LOOP(tc, test_number_digits, numd);
  SUITE_LOOP(tc, test_number_ambiguous, amb);
  SUITE_LOOP(tc, test_decimal_comma, dcn);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
