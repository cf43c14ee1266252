/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * parse.c -- from tokens to a statement tree.
 *
 * Precedence climbing in the style of Lua's lparser.c, lowest first:
 *
 *   conversion   EXPR to|in|as|-> TARGET      (statement level, once)
 *   range        ..  –  ±  between-and        (non-associative; "1 .. 5 MB" is 1 MB .. 5 MB)
 *   additive     +  -                         (left; X + P% is a percent change)
 *   product      *  /  times                  (left)
 *   unary        -  +  and multipliers        ("×3.5 X", "3.5x X")
 *   per          per                          (left; "$0.018 per GB per month")
 *   juxtaposition   a b                       (left; "3 MB", "1 GB / 2 s")
 *   unit quotient   name/name, number/name, no spaces
 *                                             (left; "Gbit/s" is one unit)
 *   power        ^ **                         (right; tighter than juxtaposition)
 *   postfix      %
 *
 * One depth counter covers parentheses, unary operators, calls and the right
 * operand of '^'; past the limit the parse stops with DS_E_LIMIT.
 * Left-associative chains are loops, not recursion, so a long sum costs no
 * stack. The levels additive and product are one function (parse_arith),
 * per, juxtaposition and unit quotient another (parse_quantity): a level
 * number says which operators a call takes, and a right operand recurses
 * only into the tighter levels, so an operand costs fewer calls. The
 * usual batch line, NUM UNIT [to UNIT], is read in one pass (parse_usual).
 */
#include "parse.h"

#include <string.h>

#include "datascale.h"
#include "lex.h"

/* The words the grammar gives a meaning (W_NONE: any other token). */
typedef enum {
  W_NONE,
  W_TO, /* W_TO .. W_AS: the conversion keywords */
  W_IN,
  W_AS,
  W_PER, /* W_PER .. W_AND: words inside an expression, which start no operand */
  W_TIMES,
  W_AND,
  W_BETWEEN,
  W_RANGE,
  W_RESET,
  W_CHECK,
  W_SET,
  W_DECIMAL,
  W_ON,
  W_OFF,
  W_COMPARE,
  W_AUTO,
  W_IEC,
  W_WORDS,
  W_EQUIVALENTS
} parse_word;

typedef struct {
  lex_state lx;
  parse_word word; /* which word the current token is, when a name */
  lex_token prev;  /* the token before the current one (TK_EOF at the start) */
  ast_arena *ar;
  size_t depth, max_depth;
  size_t open_parens; /* parentheses open at the current point */
  parse_is_fn is_fn;
  err *e;
} parser;

/* The three levels of a quantity, loosest first: per, juxtaposition and
 * the unit quotient (Q_NONE: the current token continues none).
 *
 *   per  -> jux {'per' jux}               ("$0.018 per GB per month" is one
 *                                          quantity, and "1400 TB / 1 Gbit
 *                                          per second" divides by a rate)
 *   jux  -> unitq {unitq}                 ("3 MB", "1 GB / 2 s")
 *   unitq -> power {TIGHT_SLASH power}    ("Gbit/s" is one unit, and
 *                                          "$0.018/GB/month" is $0.018 per
 *                                          GB per month) */
enum { Q_NONE, Q_PER, Q_JUX, Q_UNITQ };

static int parse_range(parser *p, ast **out);
static int parse_sum(parser *p, ast **out);
static int parse_bounds(parser *p, ast **out, ast *low, size_t start, bool dash);
static int parse_unary(parser *p, ast **out);
static int parse_quantity(parser *p, ast **out, int min);
static int parse_power(parser *p, ast **out);

#define TOK (p->lx.tok)

static bool parse_eq(const char *t, const char *w, size_t n) { return memcmp(t, w, n) == 0; }

/* Which word the current token, a name, is: decided once a token, so that
 * the many questions about it ("to"? "per"? "times"?) cost a comparison
 * each. */
static parse_word parse_classify(const parser *p) {
  const char *t = p->lx.src + TOK.start;
  /* The words' first letters: a name that starts with none of them (most
   * units: "GiB", "kB") is none of the words. A word added below needs
   * its first letter here. */
#define PARSE_L(c) (1u << ((c) - 'a'))
  const unsigned initials = PARSE_L('a') | PARSE_L('b') | PARSE_L('c') | PARSE_L('d') | PARSE_L('e') | PARSE_L('i') |
                            PARSE_L('o') | PARSE_L('p') | PARSE_L('r') | PARSE_L('s') | PARSE_L('t') | PARSE_L('w');
#undef PARSE_L
  unsigned c = (unsigned char)t[0] - 'a';
  if (c > 'z' - 'a' || !(initials >> c & 1)) return W_NONE;
  switch (TOK.end - TOK.start) {
  case 2:
    return parse_eq(t, "to", 2)   ? W_TO
           : parse_eq(t, "in", 2) ? W_IN
           : parse_eq(t, "as", 2) ? W_AS
           : parse_eq(t, "on", 2) ? W_ON
                                  : W_NONE;
  case 3:
    return parse_eq(t, "per", 3)   ? W_PER
           : parse_eq(t, "and", 3) ? W_AND
           : parse_eq(t, "set", 3) ? W_SET
           : parse_eq(t, "off", 3) ? W_OFF
           : parse_eq(t, "iec", 3) ? W_IEC
                                   : W_NONE;
  case 4: return parse_eq(t, "auto", 4) ? W_AUTO : W_NONE;
  case 5:
    return parse_eq(t, "times", 5)   ? W_TIMES
           : parse_eq(t, "range", 5) ? W_RANGE
           : parse_eq(t, "reset", 5) ? W_RESET
           : parse_eq(t, "check", 5) ? W_CHECK
           : parse_eq(t, "words", 5) ? W_WORDS
                                     : W_NONE;
  case 7:
    return parse_eq(t, "between", 7)   ? W_BETWEEN
           : parse_eq(t, "decimal", 7) ? W_DECIMAL
           : parse_eq(t, "compare", 7) ? W_COMPARE
                                       : W_NONE;
  case 11: return parse_eq(t, "equivalents", 11) ? W_EQUIVALENTS : W_NONE;
  default: return W_NONE;
  }
}

static bool parse_is_word(const parser *p, parse_word w) { return p->word == w; }

static bool parse_at_conv(const parser *p) { return TOK.kind == TK_ARROW || (p->word >= W_TO && p->word <= W_AS); }

/* Where the parser is, to come back to after looking ahead. */
typedef struct {
  lex_state lx;
  parse_word word;
} parse_mark;

static parse_mark parse_here(const parser *p) {
  parse_mark m = {p->lx, p->word};
  return m;
}

static void parse_back(parser *p, const parse_mark *m) {
  p->lx = m->lx;
  p->word = m->word;
}

/* The lexical error lex_next just returned, as the parse's error. Out of
 * line: parse_advance's usual path then stays small enough to inline. */
__attribute__((noinline, cold)) static int parse_lex_error(parser *p) {
  p->word = W_NONE;
  char msg[256];
  lex_error_text(&p->lx, msg, sizeof msg);
  return err_set(p->e, DS_E_SYNTAX, p->lx.fail_at, p->lx.fail_end, "%s", msg);
}

static int parse_advance(parser *p) {
  p->prev = p->lx.tok;
  if (lex_next(&p->lx) != 0) return parse_lex_error(p);
  p->word = TOK.kind == TK_NAME ? parse_classify(p) : W_NONE;
  return DS_OK;
}

static const char *parse_tokname(lex_kind k) {
  switch (k) {
  case TK_EOF: return "end of line";
  case TK_NUM: return "number";
  case TK_NAME: return "name";
  case TK_RPAREN: return "')'";
  case TK_COMMA: return "','";
  case TK_EQ: return "'='";
  default: return "operator";
  }
}

/* An error at the current token; at the end of the line inside an open
 * parenthesis the input is incomplete rather than wrong. */
static int parse_expected(parser *p, const char *what) {
  if (TOK.kind == TK_EOF && p->open_parens > 0)
    return err_set(p->e, DS_E_INCOMPLETE, TOK.start, TOK.end, "unbalanced '(': expected ')' before end of line");
  if (TOK.kind == TK_EOF) return err_set(p->e, DS_E_SYNTAX, TOK.start, TOK.start, "expected %s at end of line", what);
  const char *kind = parse_tokname(TOK.kind);
  if (kind[0] == '\'') return err_set(p->e, DS_E_SYNTAX, TOK.start, TOK.end, "expected %s, found %s", what, kind);
  return err_set(p->e, DS_E_SYNTAX, TOK.start, TOK.end, "expected %s, found %s '%.*s'", what, kind,
                 (int)lex_utf8_cut(p->lx.src + TOK.start, TOK.end - TOK.start, 40), p->lx.src + TOK.start);
}

static int parse_enter(parser *p) {
  if (++p->depth > p->max_depth)
    return err_set(p->e, DS_E_LIMIT, TOK.start, TOK.end, "expression nested too deeply (limit %zu levels)",
                   p->max_depth);
  return DS_OK;
}

/* The error when a node finds no memory; apart, so parse_node inlines. */
__attribute__((noinline, cold)) static void parse_nomem(parser *p, size_t start, size_t end) {
  err_set(p->e, DS_E_NOMEM, start, end, "out of memory");
}

static inline ast *parse_node(parser *p, ast_kind k, size_t start, size_t end) {
  ast *n = ast_new(p->ar, k, start, end);
  if (!n) parse_nomem(p, start, end);
  return n;
}

static ast *parse_bin(parser *p, ast_kind k, ast *a, ast *b) {
  ast *n = parse_node(p, k, a->start, b->end);
  if (n) n->a = a, n->b = b;
  return n;
}

/* Is the current token a word the parser gives a meaning inside an
 * expression (per, times, and)? It starts no operand. */
static bool parse_at_keyword(const parser *p) { return p->word >= W_PER && p->word <= W_AND; }

/* between -> 'between' additive 'and' additive   (a range) */
static int parse_between(parser *p, ast **out) {
  int st;
  size_t start = TOK.start;
  if ((st = parse_enter(p))) return st;
  if ((st = parse_advance(p))) return st;
  ast *low;
  if ((st = parse_sum(p, &low))) return st;
  if (!parse_is_word(p, W_AND)) return parse_expected(p, "'and' (between LOW and HIGH)");
  if ((st = parse_advance(p))) return st;
  if ((st = parse_bounds(p, out, low, start, false))) return st;
  p->depth--;
  return DS_OK;
}

/* Can the current token start an operand of juxtaposition? */
static bool parse_starts_operand(const parser *p) {
  switch (TOK.kind) {
  case TK_NUM:
  case TK_LPAREN:
  case TK_DOLLAR: return true;
  case TK_NAME: {
    if (parse_at_conv(p) || parse_at_keyword(p)) return false;
    /* "to photos range": a final "range" is the modifier, not a unit. */
    if (parse_is_word(p, W_RANGE)) {
      lex_state ls = p->lx;
      return lex_next(&ls) != 0 || ls.tok.kind != TK_EOF;
    }
    return true;
  }
  default: return false;
  }
}

/* args -> expr {',' expr} */
static int parse_args(parser *p, ast *call) {
  ast **tail = &call->a;
  for (;;) {
    ast *arg;
    int st = parse_range(p, &arg);
    if (st) return st;
    *tail = arg;
    tail = &arg->next;
    call->nargs++;
    if (TOK.kind != TK_COMMA) return DS_OK;
    if ((st = parse_advance(p))) return st;
  }
}

/* primary -> NUM | NAME | NAME '(' args ')' | '(' range ')' | '$' jux | '!' NAME */
static int parse_primary(parser *p, ast **out) {
  int st;
  size_t start = TOK.start;
  switch (TOK.kind) {
  case TK_NUM:
  case TK_NAME: {
    if (parse_at_keyword(p)) return parse_expected(p, "a number or a name");
    if (parse_is_word(p, W_BETWEEN)) return parse_between(p, out);
    ast *n = parse_node(p, TOK.kind == TK_NUM ? N_NUM : N_NAME, TOK.start, TOK.end);
    if (!n) return DS_E_NOMEM;
    if ((st = parse_advance(p))) return st;
    if (n->kind == N_NAME && TOK.kind == TK_LPAREN && p->is_fn(p->lx.src + n->start, n->end - n->start)) {
      if ((st = parse_enter(p))) return st;
      n->kind = N_CALL;
      p->open_parens++;
      if ((st = parse_advance(p))) return st;
      if ((st = parse_args(p, n))) return st;
      if (TOK.kind != TK_RPAREN) return parse_expected(p, "',' or ')'");
      p->open_parens--;
      n->end = TOK.end;
      if ((st = parse_advance(p))) return st;
      p->depth--;
    }
    *out = n;
    return DS_OK;
  }
  case TK_LPAREN: {
    if ((st = parse_enter(p))) return st;
    p->open_parens++;
    if ((st = parse_advance(p))) return st;
    if ((st = parse_range(p, out))) return st;
    if (TOK.kind != TK_RPAREN) return parse_expected(p, "')'");
    p->open_parens--;
    if ((st = parse_advance(p))) return st;
    p->depth--;
    return DS_OK;
  }
  case TK_DOLLAR: {
    if ((st = parse_enter(p))) return st;
    if ((st = parse_advance(p))) return st;
    ast *a;
    if ((st = parse_quantity(p, &a, Q_JUX))) return st;
    ast *n = parse_node(p, N_DOLLAR, start, a->end);
    if (!n) return DS_E_NOMEM;
    n->a = a;
    *out = n;
    p->depth--;
    return DS_OK;
  }
  case TK_BANG: {
    if ((st = parse_advance(p))) return st;
    if (TOK.kind != TK_NAME) return parse_expected(p, "a dimension name after '!'");
    ast *n = parse_node(p, N_NEWDIM, TOK.start, TOK.end);
    if (!n) return DS_E_NOMEM;
    *out = n;
    return parse_advance(p);
  }
  default: return parse_expected(p, "a number or a name");
  }
}

/* postfix -> primary {'%'}   (each '%' is a level of nesting) */
static int parse_postfix(parser *p, ast **out) {
  size_t depth = p->depth;
  int st = parse_primary(p, out);
  while (!st && TOK.kind == TK_PERCENT) {
    if ((st = parse_enter(p))) return st;
    ast *n = parse_node(p, N_PERCENT, (*out)->start, TOK.end);
    if (!n) return DS_E_NOMEM;
    n->a = *out;
    *out = n;
    st = parse_advance(p);
  }
  p->depth = depth;
  return st;
}

/* powexp -> '-' powexp | power  (the exponent of '^' may be negated) */
static int parse_powexp(parser *p, ast **out) {
  int st;
  if ((st = parse_enter(p))) return st;
  if (TOK.kind == TK_MINUS) {
    size_t start = TOK.start;
    if ((st = parse_advance(p))) return st;
    ast *a;
    if ((st = parse_powexp(p, &a))) return st;
    ast *n = parse_node(p, N_NEG, start, a->end);
    if (!n) return DS_E_NOMEM;
    n->a = a;
    *out = n;
  } else if ((st = parse_power(p, out))) {
    return st;
  }
  p->depth--;
  return DS_OK;
}

/* power -> postfix ['^' powexp]   (right-associative) */
static int parse_power(parser *p, ast **out) {
  int st = parse_postfix(p, out);
  if (st || TOK.kind != TK_CARET) return st;
  if ((st = parse_advance(p))) return st;
  ast *b;
  if ((st = parse_powexp(p, &b))) return st;
  *out = parse_bin(p, N_POW, *out, b);
  return *out ? DS_OK : DS_E_NOMEM;
}

/* Is the current '/' written tight, with a name or a number right before
 * it and a name right after ("Gbit/s", "0.018/GB")? */
static bool parse_tight_slash(const parser *p) {
  const char *s = p->lx.src;
  size_t a = TOK.start, b = TOK.end;
  if (TOK.kind != TK_SLASH || a == 0 || b >= p->lx.len) return false;
  unsigned char l = (unsigned char)s[a - 1], r = (unsigned char)s[b];
  bool lname = (l >= 'a' && l <= 'z') || (l >= 'A' && l <= 'Z') || l >= 0x80 || (l >= '0' && l <= '9');
  bool rname = (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r >= 0x80;
  return lname && rname;
}

/* Two numbers side by side ("2 3", "1 40"): never a product, since a
 * space also groups digits (1 400). The error says how to write each
 * meaning: the product, and the one number with the space left out (when
 * both are whole numbers). */
static int parse_side_by_side(parser *p) {
  const char *s = p->lx.src;
  const lex_token a = p->prev, b = TOK;
  int al = (int)lex_utf8_cut(s + a.start, a.end - a.start, 40),
      bl = (int)lex_utf8_cut(s + b.start, b.end - b.start, 40);
  char joined[96];
  size_t k = 0;
  bool whole = true;
  for (size_t i = a.start; i < a.end && whole; i++) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      if (k < sizeof joined - 1) joined[k++] = c;
    } else if (c == '.' || c == 'e' || c == 'E' || (p->lx.decimal_comma && c == ',')) {
      whole = false;
    }
  }
  for (size_t i = b.start; i < b.end && whole; i++) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      if (k < sizeof joined - 1) joined[k++] = c;
    } else if (c == '.' || c == 'e' || c == 'E' || c == ',') {
      whole = false;
    }
  }
  joined[k] = 0;
  if (whole && k < sizeof joined - 1)
    return err_set(p->e, DS_E_SYNTAX, b.start, b.end,
                   "two numbers side by side: write %.*s * %.*s for a product, or %s for one number (a space groups "
                   "digits only in threes: 1 400)",
                   al, s + a.start, bl, s + b.start, joined);
  return err_set(p->e, DS_E_SYNTAX, b.start, b.end,
                 "two numbers side by side: write %.*s * %.*s for a product (a space groups digits only in threes: "
                 "1 400)",
                 al, s + a.start, bl, s + b.start);
}

/* The level of the operator at the current token, or Q_NONE (the three
 * are apart: a '/' with no space, the word per, what starts an operand). */
static int parse_quantity_level(const parser *p) {
  if (parse_tight_slash(p)) return Q_UNITQ;
  if (p->word == W_PER) return Q_PER;
  return parse_starts_operand(p) ? Q_JUX : Q_NONE;
}

/* A quantity whose operators are all at level `min` or tighter: each
 * level's chain is a loop (left-associative), and its right operand
 * recurses only into the tighter levels. */
static int parse_quantity(parser *p, ast **out, int min) {
  int st = parse_power(p, out), level;
  while (!st && (level = parse_quantity_level(p)) >= min) {
    if (level == Q_JUX && TOK.kind == TK_NUM && p->prev.kind == TK_NUM) return parse_side_by_side(p);
    if (level != Q_JUX && (st = parse_advance(p))) return st; /* 'per' or the tight '/' */
    ast *b;
    if ((st = level == Q_UNITQ ? parse_power(p, &b) : parse_quantity(p, &b, level + 1))) return st;
    if (!(*out = parse_bin(p, level == Q_JUX ? N_JUX : N_DIV, *out, b))) return DS_E_NOMEM;
    if (level != Q_JUX) (*out)->flags |= AST_PER;
  }
  return st;
}

/* Is the current token the number of a multiplier written "3.5x": an x
 * glued after it and nothing of a name after the x? */
static bool parse_at_x(const parser *p) {
  const char *s = p->lx.src;
  size_t i = TOK.end, n = p->lx.len;
  if (TOK.kind != TK_NUM || i >= n || s[i] != 'x') return false;
  if (i + 1 >= n) return true;
  unsigned char c = (unsigned char)s[i + 1];
  return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80);
}

/* mult -> ('×' NUM | NUM 'x') [unary]   ("×3.5 400 TB", "3.5x 400 TB":
 * the number times what follows; alone, the number). Binds like a sign. */
static int parse_multiplier(parser *p, ast **out, bool x) {
  int st;
  size_t start = TOK.start;
  if ((st = parse_enter(p))) return st;
  if (!x && (st = parse_advance(p))) return st;
  if (TOK.kind != TK_NUM) return parse_expected(p, "a number after '\xc3\x97'");
  const char *s = p->lx.src;
  for (size_t i = TOK.start; i < TOK.end; i++)
    if (s[i] == ' ' || (unsigned char)s[i] >= 0x80) {
      /* "×3 400 TB": the space grouped the digits. */
      size_t rest = i + lex_utf8_len(s + i, TOK.end - i);
      char joined[64];
      size_t k = 0;
      for (size_t j = TOK.start; j < TOK.end && k < sizeof joined - 1; j++)
        if (s[j] >= '0' && s[j] <= '9') joined[k++] = s[j];
      joined[k] = 0;
      return err_set(p->e, DS_E_SYNTAX, TOK.start, TOK.end,
                     "'%.*s' after \xc3\x97 reads as one number, %s (a space groups digits): for a multiplier write "
                     "\xc3\x97%.*s (%.*s ...)",
                     (int)lex_utf8_cut(s + TOK.start, TOK.end - TOK.start, 40), s + TOK.start, joined,
                     (int)(i - TOK.start), s + TOK.start, (int)lex_utf8_cut(s + rest, TOK.end - rest, 40), s + rest);
    }
  ast *m = parse_node(p, N_NUM, TOK.start, TOK.end);
  if (!m) return DS_E_NOMEM;
  if ((st = parse_advance(p))) return st;
  if (x && (st = parse_advance(p))) return st; /* the x */
  ast *n = parse_node(p, N_TIMES, start, p->prev.end);
  if (!n) return DS_E_NOMEM;
  n->a = m;
  n->flags = x ? AST_X : 0;
  if (parse_starts_operand(p)) {
    if ((st = parse_unary(p, &n->b))) return st;
    n->end = n->b->end;
  }
  p->depth--;
  *out = n;
  return DS_OK;
}

/* unary -> ('-' | '+') unary | mult | per */
static int parse_unary(parser *p, ast **out) {
  if (TOK.kind == TK_STAR && TOK.end - TOK.start == 2 && memcmp(p->lx.src + TOK.start, "\xc3\x97", 2) == 0)
    return parse_multiplier(p, out, false);
  if (parse_at_x(p)) return parse_multiplier(p, out, true);
  if (TOK.kind != TK_MINUS && TOK.kind != TK_PLUS) return parse_quantity(p, out, Q_PER);
  int st;
  bool neg = TOK.kind == TK_MINUS;
  size_t start = TOK.start;
  if ((st = parse_enter(p))) return st;
  if ((st = parse_advance(p))) return st;
  ast *a;
  if ((st = parse_unary(p, &a))) return st;
  p->depth--;
  if (!neg) {
    *out = a;
    return DS_OK;
  }
  ast *n = parse_node(p, N_NEG, start, a->end);
  if (!n) return DS_E_NOMEM;
  n->a = a;
  *out = n;
  return DS_OK;
}

/* The two levels of arithmetic, loosest first (A_NONE: the current token
 * is neither):
 *
 *   additive -> product {('+' | '-') product}
 *   product  -> unary {('*' | '/' | 'times') unary} */
enum { A_NONE, A_SUM, A_PRODUCT };

static int parse_arith_level(const parser *p) {
  switch (TOK.kind) {
  case TK_PLUS:
  case TK_MINUS: return A_SUM;
  case TK_STAR:
  case TK_SLASH: return A_PRODUCT;
  default: return p->word == W_TIMES ? A_PRODUCT : A_NONE;
  }
}

/* Arithmetic whose operators are all at level `min` or tighter, as
 * parse_quantity does it. */
static int parse_arith(parser *p, ast **out, int min) {
  int st = parse_unary(p, out), level;
  while (!st && (level = parse_arith_level(p)) >= min) {
    ast_kind k = TOK.kind == TK_PLUS ? N_ADD : TOK.kind == TK_MINUS ? N_SUB : TOK.kind == TK_SLASH ? N_DIV : N_MUL;
    /* "1-5 million": a hyphen glued between two digits, which copy may
     * mean as a range (the walker notes it). */
    const char *s = p->lx.src;
    bool glued = k == N_SUB && TOK.start > 0 && TOK.end < p->lx.len && s[TOK.start - 1] >= '0' &&
                 s[TOK.start - 1] <= '9' && s[TOK.end] >= '0' && s[TOK.end] <= '9';
    if ((st = parse_advance(p))) return st;
    ast *b;
    if ((st = level == A_PRODUCT ? parse_unary(p, &b) : parse_arith(p, &b, level + 1))) return st;
    if (!(*out = parse_bin(p, k, *out, b))) return DS_E_NOMEM;
    if (glued) (*out)->flags |= AST_GLUED;
  }
  return st;
}

/* additive: the whole of the arithmetic */
static int parse_sum(parser *p, ast **out) { return parse_arith(p, out, A_SUM); }

/* A copy of the left edge of `high` down to its first number, with that
 * number replaced by `num`, in *out: "5 MB per s" with 1 gives "1 MB per
 * s". The rest of `high` is shared, not copied (the walker only reads the
 * tree). *out is NULL when `high` is not a number followed by words
 * (juxtaposition, per, a glued quotient or %). */
static int parse_lend(parser *p, const ast *high, ast *num, ast **out) {
  const ast *path[64];
  size_t n = 0;
  const ast *x = high;
  *out = NULL;
  while (n < sizeof path / sizeof path[0] &&
         (x->kind == N_JUX || (x->kind == N_DIV && (x->flags & AST_PER)) || (x->kind == N_PERCENT && x->a))) {
    path[n++] = x;
    x = x->a;
  }
  if (x->kind != N_NUM || n == 0) return DS_OK;
  ast *low = num;
  for (size_t i = n; i-- > 0;) {
    ast *c = parse_node(p, path[i]->kind, path[i]->start, path[i]->end);
    if (!c) return DS_E_NOMEM;
    c->flags = path[i]->flags;
    c->a = low;
    c->b = path[i]->b;
    low = c;
  }
  *out = low;
  return DS_OK;
}

/* Builds the range low .. high at *out (its span from `start`), as copy
 * writes ranges: a bare number at the low end takes the words written after
 * the high end's number ("1 .. 5 MB" is 1 MB .. 5 MB, "1–5 million" one to
 * five million), and a '$' on one end goes to the other ("$1–5 billion").
 * `dash`: written with an en dash. The current token starts high. */
static int parse_bounds(parser *p, ast **out, ast *low, size_t start, bool dash) {
  int st;
  ast *high;
  if ((st = parse_sum(p, &high))) return st;
  bool ld = low->kind == N_DOLLAR, hd = high->kind == N_DOLLAR;
  ast *lc = ld ? low->a : low;
  const ast *hc = hd ? high->a : high;
  if (lc->kind == N_NUM || (lc->kind == N_NEG && lc->a->kind == N_NUM)) {
    ast *lent;
    if ((st = parse_lend(p, hc, lc, &lent))) return st;
    if (lent) lc = lent;
    if (ld != hd && (lent || hc->kind == N_NUM)) ld = hd = true; /* "$1–5 billion", "1 .. $5" */
  }
  if (ld && low->kind == N_DOLLAR) {
    low->a = lc;
  } else if (ld) {
    if (!(low = parse_node(p, N_DOLLAR, low->start, low->end))) return DS_E_NOMEM;
    low->a = lc;
  } else {
    low = lc;
  }
  if (hd && high->kind != N_DOLLAR) {
    ast *d = parse_node(p, N_DOLLAR, high->start, high->end);
    if (!d) return DS_E_NOMEM;
    d->a = high;
    high = d;
  }
  ast *n = parse_node(p, N_RANGE, start, high->end);
  if (!n) return DS_E_NOMEM;
  n->a = low;
  n->b = high;
  n->flags = dash ? AST_DASH : 0;
  *out = n;
  return DS_OK;
}

/* range -> additive [('..' | '–') additive | '±' additive] */
static int parse_range(parser *p, ast **out) {
  int st = parse_sum(p, out);
  if (st || (TOK.kind != TK_DOTDOT && TOK.kind != TK_PM)) return st;
  size_t start = (*out)->start;
  if (TOK.kind == TK_DOTDOT) {
    bool dash = TOK.end - TOK.start == 3; /* U+2013 */
    if ((st = parse_advance(p))) return st;
    if ((st = parse_bounds(p, out, *out, start, dash))) return st;
  } else {
    if ((st = parse_advance(p))) return st;
    ast *b;
    if ((st = parse_sum(p, &b))) return st;
    if (!(*out = parse_bin(p, N_PM, *out, b))) return DS_E_NOMEM;
  }
  if (TOK.kind == TK_DOTDOT || TOK.kind == TK_PM)
    return err_set(p->e, DS_E_SYNTAX, TOK.start, TOK.end, "a range cannot be chained: use parentheses");
  return DS_OK;
}

static void parse_init(parser *p, ast_arena *ar, const char *src, size_t len, size_t max_depth, parse_is_fn is_fn,
                       err *e) {
  lex_init(&p->lx, src, len);
  p->word = W_NONE;
  p->prev = p->lx.tok;
  p->ar = ar;
  p->depth = 0;
  p->max_depth = max_depth;
  p->open_parens = 0;
  p->is_fn = is_fn;
  p->e = e;
}

static int parse_end(parser *p) {
  if (TOK.kind == TK_EOF) return DS_OK;
  if (TOK.kind == TK_RPAREN) return err_set(p->e, DS_E_SYNTAX, TOK.start, TOK.end, "unbalanced ')': no '(' to close");
  if (TOK.kind == TK_COMMA) {
    bool after_num = p->prev.kind == TK_NUM && p->prev.end == TOK.start;
    bool digit_next = TOK.end < p->lx.len && p->lx.src[TOK.end] >= '0' && p->lx.src[TOK.end] <= '9';
    if (p->lx.decimal_comma)
      return err_set(p->e, DS_E_SYNTAX, TOK.start, TOK.end, "unexpected ','%s",
                     after_num && digit_next ? ": a number has one decimal comma" : "");
    return err_set(p->e, DS_E_SYNTAX, TOK.start, TOK.end,
                   "unexpected ',': grouping commas need exactly three digits after them (1,400)%s",
                   after_num && digit_next ? "; if ',' is the decimal comma here, use --decimal-comma" : "");
  }
  return parse_expected(p, "an operator");
}

/* The end of a target written from `start`: up to the current token, so
 * that a closing parenthesis stays in the text, blanks left out. */
static size_t parse_text_end(const parser *p, size_t start) {
  size_t end = TOK.start;
  while (end > start && (p->lx.src[end - 1] == ' ' || p->lx.src[end - 1] == '\t')) end--;
  return end;
}

/* After the number of a usual line (parse_usual): its unit, then either
 * the end of the line or a conversion keyword, a unit and the end. False
 * at anything else; *target is TK_EOF when there is no conversion. */
static bool parse_usual_shape(parser *p, lex_token *unit, lex_token *target) {
  if (lex_next(&p->lx) || TOK.kind != TK_NAME || parse_classify(p) != W_NONE) return false;
  *unit = TOK;
  if (lex_next(&p->lx)) return false;
  *target = TOK;
  if (TOK.kind == TK_EOF) return true;
  parse_word w = TOK.kind == TK_NAME ? parse_classify(p) : W_NONE;
  if (TOK.kind != TK_ARROW && (w < W_TO || w > W_AS)) return false;
  if (lex_next(&p->lx) || TOK.kind != TK_NAME || parse_classify(p) != W_NONE) return false;
  *target = TOK;
  return lex_next(&p->lx) == 0 && TOK.kind == TK_EOF;
}

/* The line most batches are made of, NUM UNIT [to UNIT] ("1234.5 TB to
 * GiB"), read in one pass: the tree and statement the levels would build
 * (the number juxtaposed with the unit; the target a name), for a few
 * calls instead of a dozen a token. The current token is the number. True
 * when the line has that shape, *status DS_OK or DS_E_NOMEM; false, the
 * parser back where it was, for any other (a word the grammar knows, a
 * multiplier "3x", a lexical error, ...). */
static bool parse_usual(parser *p, parse_stmt *st, int *status) {
  const lex_token num = TOK;
  lex_token unit, target;
  if (num.end < p->lx.len && p->lx.src[num.end] == 'x') return false; /* maybe "3.5x" (parse_at_x) */
  parse_mark save = parse_here(p);
  if (!parse_usual_shape(p, &unit, &target)) {
    parse_back(p, &save);
    return false;
  }
  *status = DS_E_NOMEM; /* the nodes in the levels' order, so a failure leaves what theirs would */
  ast *b;
  if (!(st->expr = parse_node(p, N_NUM, num.start, num.end)) || !(b = parse_node(p, N_NAME, unit.start, unit.end)) ||
      !(st->expr = parse_bin(p, N_JUX, st->expr, b)))
    return true;
  if (target.kind == TK_NAME) {
    st->target_start = target.start;
    st->conv = CONV_UNIT;
    if (!(st->target = parse_node(p, N_NAME, target.start, target.end))) return true;
    st->target_end = parse_text_end(p, target.start);
  }
  *status = DS_OK;
  return true;
}

/* stmt -> [NAME '='] range [('to' | 'in' | 'as' | '->') target] */
int parse_line(parse_stmt *st, ast_arena *ar, const char *src, size_t len, size_t max_depth, bool decimal_comma,
               parse_is_fn is_fn, err *e) {
  parser p;
  int s;
  memset(st, 0, sizeof *st);
  parse_init(&p, ar, src, len, max_depth, is_fn, e);
  p.lx.decimal_comma = decimal_comma;
  /* A byte-order mark at the start of a line is not part of it: it is
   * invisible, and what an editor may put before the first line of a file. */
  if (len >= 3 && memcmp(src, "\xef\xbb\xbf", 3) == 0) p.lx.pos = 3;
  if ((s = parse_advance(&p))) return s;
  if (p.lx.tok.kind == TK_NUM && parse_usual(&p, st, &s)) return s;
  /* reset [NAME] */
  if (parse_is_word(&p, W_RESET)) {
    parse_mark save = parse_here(&p);
    if ((s = parse_advance(&p))) return s;
    if (p.lx.tok.kind == TK_EOF || p.lx.tok.kind == TK_NAME) {
      st->reset = true;
      st->name_start = st->name_end = p.lx.tok.start;
      if (p.lx.tok.kind == TK_NAME) {
        st->name_end = p.lx.tok.end;
        if ((s = parse_advance(&p))) return s;
      }
      return parse_end(&p);
    }
    parse_back(&p, &save);
  }
  /* check A REL B: the relation is found in the text first (claim.c), so
   * that "is more than three times" is no part of either value. */
  if (parse_is_word(&p, W_CHECK)) {
    parse_mark save = parse_here(&p);
    if ((s = parse_advance(&p))) return s;
    if (p.lx.tok.kind != TK_EOF && p.lx.tok.kind != TK_EQ) {
      st->check = true;
      claim *c = &st->claim;
      if (!claim_scan(src, p.lx.tok.start, len, c)) {
        if ((s = parse_range(&p, &st->expr))) return s;
        return parse_expected(&p, "'=' or a comparison and the claimed value (check A = B, check A is more than B)");
      }
      size_t full = p.lx.len;
      p.lx.len = c->rel_start; /* A alone */
      if ((s = parse_range(&p, &st->expr))) return s;
      if (p.lx.tok.kind != TK_EOF) return parse_expected(&p, "an operator");
      p.lx.len = full;
      p.lx.pos = c->b_start;
      if ((s = parse_advance(&p))) return s;
      if (p.lx.tok.kind == TK_EOF) return parse_expected(&p, "the claimed value");
      st->target_start = p.lx.tok.start;
      if ((s = parse_range(&p, &st->target))) return s;
      st->target_end = parse_text_end(&p, st->target_start);
      return parse_end(&p);
    }
    parse_back(&p, &save);
  }
  /* set decimal-comma on|off: the only setting a line of the language
   * changes, so that a batch file can say how its numbers are written. */
  if (parse_is_word(&p, W_SET)) {
    parse_mark save = parse_here(&p);
    if ((s = parse_advance(&p))) return s;
    size_t at = p.lx.tok.start;
    if (parse_is_word(&p, W_DECIMAL) && len - at >= 13 && memcmp(src + at, "decimal-comma", 13) == 0 &&
        (len - at == 13 || src[at + 13] == ' ' || src[at + 13] == '\t')) {
      p.lx.pos = at + 13;
      if ((s = parse_advance(&p))) return s;
      bool on = parse_is_word(&p, W_ON), off = parse_is_word(&p, W_OFF);
      lex_token w = p.lx.tok;
      if (on || off) s = parse_advance(&p);
      if (s) return s;
      if ((!on && !off) || p.lx.tok.kind != TK_EOF)
        return err_set(e, DS_E_SYNTAX, w.start, w.kind == TK_EOF ? w.start : w.end,
                       "set decimal-comma wants on or off");
      st->set_decimal_comma = on ? 1 : -1;
      return DS_OK;
    }
    parse_back(&p, &save);
  }
  /* compare EXPR  ==  EXPR to equivalents */
  bool compare = false;
  if (parse_is_word(&p, W_COMPARE)) {
    parse_mark save = parse_here(&p);
    if ((s = parse_advance(&p))) return s;
    if (p.lx.tok.kind != TK_EOF && p.lx.tok.kind != TK_EQ) compare = true;
    else parse_back(&p, &save);
  }
  if (!compare && p.lx.tok.kind == TK_NAME) {
    /* Look ahead one token for '=' without disturbing the lexer. */
    parse_mark save = parse_here(&p);
    size_t ns = p.lx.tok.start, ne = p.lx.tok.end;
    if ((s = parse_advance(&p))) return s;
    if (p.lx.tok.kind == TK_EQ) {
      st->assign = true;
      st->name_start = ns;
      st->name_end = ne;
      if ((s = parse_advance(&p))) return s;
    } else {
      parse_back(&p, &save);
    }
  }
  if (p.lx.tok.kind == TK_EOF && !st->assign) return err_set(e, DS_E_SYNTAX, 0, 0, "empty expression");
  if ((s = parse_range(&p, &st->expr))) return s;
  if (compare) {
    st->conv = CONV_EQUIV;
    return parse_end(&p);
  }
  if (parse_at_conv(&p)) {
    size_t kw_start = p.lx.tok.start, kw_end = p.lx.tok.end;
    if ((s = parse_advance(&p))) return s;
    if (p.lx.tok.kind == TK_EOF)
      return err_set(e, DS_E_SYNTAX, kw_start, kw_end, "expected a unit after '%.*s'", (int)(kw_end - kw_start),
                     src + kw_start);
    st->target_start = p.lx.tok.start;
    st->conv = CONV_UNIT;
    if (p.lx.tok.kind == TK_PERCENT) {
      /* "to %" is "to percent": a percent node with no operand is 1%. */
      if (!(st->target = parse_node(&p, N_PERCENT, p.lx.tok.start, p.lx.tok.end))) return DS_E_NOMEM;
      st->target_end = p.lx.tok.end;
      if ((s = parse_advance(&p))) return s;
      return parse_end(&p);
    }
    if (parse_is_word(&p, W_AUTO)) st->conv = CONV_AUTO;
    else if (parse_is_word(&p, W_IEC)) st->conv = CONV_IEC;
    else if (parse_is_word(&p, W_WORDS)) st->conv = CONV_WORDS;
    else if (parse_is_word(&p, W_EQUIVALENTS)) st->conv = CONV_EQUIV;
    if (st->conv != CONV_UNIT) {
      st->target_end = p.lx.tok.end;
      if ((s = parse_advance(&p))) return s;
    } else {
      if ((s = parse_range(&p, &st->target))) return s;
      st->target_end = parse_text_end(&p, st->target_start);
      if (parse_is_word(&p, W_RANGE)) {
        st->item_range = true;
        if ((s = parse_advance(&p))) return s;
      }
    }
  }
  return parse_end(&p);
}

int parse_expr_only(ast **out, ast_arena *ar, const char *src, size_t len, size_t max_depth, parse_is_fn is_fn,
                    err *e) {
  parser p;
  int s;
  parse_init(&p, ar, src, len, max_depth, is_fn, e);
  if ((s = parse_advance(&p))) return s;
  if ((s = parse_range(&p, out))) return s;
  return parse_end(&p);
}
