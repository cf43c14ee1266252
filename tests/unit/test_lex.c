/* test_lex.c -- the lexer: token kinds and byte spans, numbers with grouping
 * commas, Unicode operators, comments, the encoding check, columns. */
#include <stdio.h>
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
 * lexical error renders as "ERR@offset". */
static void render(const char *src, size_t len, char *out, size_t outsz) {
  lex_state ls;
  size_t used = 0;
  out[0] = 0;
  lex_init(&ls, src, len);
  for (int guard = 0; guard < 100; guard++) {
    int n;
    if (lex_next(&ls) != 0) {
      n = snprintf(out + used, outsz - used, "%sERR@%zu", used ? " " : "", ls.err_at);
      if (n > 0) used += (size_t)n;
      return;
    }
    if (ls.tok.kind == TK_EOF) {
      /* EOF is an empty span at the end of the input (or at the '#'). */
      ck_assert_uint_eq(ls.tok.start, ls.tok.end);
      return;
    }
    ck_assert_uint_le(ls.tok.start, ls.tok.end);
    ck_assert_uint_le(ls.tok.end, len);
    n = snprintf(out + used, outsz - used, "%s%s'%.*s'", used ? " " : "", kind_name(ls.tok.kind),
                 (int)(ls.tok.end - ls.tok.start), src + ls.tok.start);
    if (n > 0) used += (size_t)n;
  }
  ck_abort_msg("lexer does not reach EOF on '%s'", src);
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
    {"1__400", "NUM'1' NAME'__400'"},
    /* decimals and exponents */
    {"1400.5", "NUM'1400.5'"},
    {".5", "NUM'.5'"},
    {"1.4e15", "NUM'1.4e15'"},
    {"1.4E-3", "NUM'1.4E-3'"},
    {"2e+3", "NUM'2e+3'"},
    {"3EB", "NUM'3' NAME'EB'"},
    {"3 EB", "NUM'3' NAME'EB'"},
    {"1e5 * 2", "NUM'1e5' STAR'*' NUM'2'"},
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
    {"8\xc3\xb7" "2", "NUM'8' SLASH'\xc3\xb7' NUM'2'"},
    {"5 \xe2\x88\x92 7", "NUM'5' MINUS'\xe2\x88\x92' NUM'7'"},
    {"x \xe2\x86\x92 MB", "NAME'x' ARROW'\xe2\x86\x92' NAME'MB'"},
    {"2\xc2\xb7" "3", "NUM'2' STAR'\xc2\xb7' NUM'3'"},
    /* names, including non-ASCII letters, and punctuation */
    {"Gbit/s", "NAME'Gbit' SLASH'/' NAME's'"},
    {"\xc2\xb5s", "NAME'\xc2\xb5s'"},
    {"$7.5 billion", "DOLLAR'$' NUM'7.5' NAME'billion'"},
    {"23%", "NUM'23' PERCENT'%'"},
    {"photo = 4 MB", "NAME'photo' EQ'=' NUM'4' NAME'MB'"},
    {"x2_y", "NAME'x2_y'"},
    {"!information", "BANG'!' NAME'information'"},
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

/* SPEC: x is an operator. "1e5×2" is 1e5 times 2, like "1e5 * 2". */
START_TEST(test_exponent_then_unicode_operator) {
  char got[256];
  /* Regression (fixed in a8b9668): lex_number refused an exponent followed by
   * any byte >= 0x80, so "1e5×2" lexed as NUM'1' NAME'e5' STAR NUM'2'. */
  render("1e5\xc3\x97" "2", 6, got, sizeof got);
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
    {"2\xc3\x97" "3", 0, TK_NUM, 0, 1},
    {"2\xc3\x97" "3", 1, TK_STAR, 1, 3},
    {"2\xc3\x97" "3", 2, TK_NUM, 3, 4},
    {"  1,400  TB", 0, TK_NUM, 2, 7},
    {"  1,400  TB", 1, TK_NAME, 9, 11},
    {"a \xe2\x86\x92 b", 1, TK_ARROW, 2, 5},
    {"a \xe2\x86\x92 b", 2, TK_NAME, 6, 7},
    {"1 # x", 1, TK_EOF, 2, 2}, /* the EOF token starts at the comment */
};

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
    {"\xc2\xb5\xc3\x97\xe2\x88\x92", 7, 0},        /* µ × − */
    {"\xf0\x9f\x98\x80", 4, 0},                    /* U+1F600 */
    {"\xf4\x8f\xbf\xbf", 4, 0},                    /* U+10FFFF, the last code point */
    {"a\xc0\xaf" "b", 4, 2},                       /* overlong '/' */
    {"\xc1\xbf", 2, 1},                            /* overlong */
    {"\xe0\x80\xaf", 3, 1},                        /* overlong 3-byte */
    {"\xf0\x8f\xbf\xbf", 4, 1},                    /* overlong 4-byte */
    {"ab\xed\xa0\x80", 5, 3},                      /* surrogate U+D800 */
    {"\xed\xbf\xbf", 3, 1},                        /* surrogate U+DFFF */
    {"\xe2\x82", 2, 1},                            /* truncated */
    {"xy\xf0\x9f\x98", 5, 3},                      /* truncated 4-byte */
    {"\xe2\x82" "a", 3, 1},                        /* bad continuation */
    {"x\xf4\x90\x80\x80", 5, 2},                   /* U+110000 > U+10FFFF */
    {"\xf5\x80\x80\x80", 4, 1},                    /* lead byte past F4 */
    {"\xff", 1, 1},
    {"ok\x80", 3, 3},                              /* lone continuation */
    {"ab\0c", 4, 3},                               /* NUL */
    {"a\x01", 2, 2},                               /* control */
    {"1\n2", 3, 2},                                /* newline is a control byte in a line */
    {"\x1b[0m", 4, 1},                             /* escape */
    {"del\x7f", 4, 4},                             /* DEL */
    {"\xc2\x85", 2, 1},                            /* C1 control NEL */
    {"x\xe2\x80\xa8", 4, 2},                       /* U+2028 line separator */
};

START_TEST(test_encoding) {
  ck_assert_uint_eq(lex_check_encoding(enc[_i].src, enc[_i].len), enc[_i].want);
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
    {"abc", 99, 4},                      /* clamped to the end */
    {"\xc2\xb5s x", 4, 4},                /* µ is one character */
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
    {"\xc2\xb5", 2, 2},                 /* µ */
    {"\xe2\x82\xac", 3, 3},             /* € */
    {"\xf0\x9f\x98\x80", 4, 4},         /* U+1F600 */
    {"\xc2\x85", 2, 2},                 /* C1 controls are valid UTF-8 */
    {"\xe2\x80\xa8", 3, 3},             /* U+2028 too */
    {"\xe2\x82\xac" "x", 2, 0},         /* cut by n */
    {"", 0, 0},
    {"\x80", 1, 0},
    {"\xc0\xaf", 2, 0},                 /* overlong */
    {"\xe2\x82", 2, 0},                 /* truncated */
    {"\xed\xa0\x80", 3, 0},             /* surrogate */
    {"\xf4\x90\x80\x80", 4, 0},         /* > U+10FFFF */
    {"\xff", 1, 0},
};

START_TEST(test_utf8_len) {
  ck_assert_uint_eq(lex_utf8_len(u8[_i].s, u8[_i].n), u8[_i].want);
}
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
    {"0", 1, "0", 0},
    {"1e99999999999999999999", -1, NULL, 0}, /* exponent does not fit a long */
};

START_TEST(test_number_digits) {
  const char *t = numd[_i].tok;
  char out[64];
  long e = 12345;
  long r = lex_number_digits(t, strlen(t), out, &e);
  ck_assert_int_eq(r, numd[_i].ret);
  if (r >= 0) {
    ck_assert_str_eq(out, numd[_i].digits);
    ck_assert_int_eq(e, numd[_i].exp10);
  }
}
END_TEST

/* Quoting at most N bytes of a name never ends inside a UTF-8 sequence.
 * Regression (fuzz_eval): "unknown name '...'" cut a 2-byte character in
 * half and the message was invalid UTF-8. */
START_TEST(test_utf8_cut) {
  const char *s = "ab\xc3\xb5" "cd\xe2\x82\xac" "e";
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
  tcase_add_test(tc, test_len_bound);
  tcase_add_test(tc, test_exponent_then_unicode_operator);
  tcase_add_test(tc, test_point_after_exponent);
  tcase_add_test(tc, test_utf8_cut);
  suite_add_tcase(s, tc);
  tc = tcase_create("encoding");
  SUITE_LOOP(tc, test_encoding, enc);
  SUITE_LOOP(tc, test_column, cols);
  SUITE_LOOP(tc, test_utf8_len, u8);
  suite_add_tcase(s, tc);
  tc = tcase_create("numbers");
  SUITE_LOOP(tc, test_number_digits, numd);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
