/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_parse.c -- the parser: precedence and associativity (checked as tree
 * shapes), conversions, assignment, incomplete input, syntax errors with
 * spans, and the nesting-depth limit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datascale.h"
#include "parse.h"
#include "suite.h"

#define DEPTH 1000

static bool is_fn(const char *name, size_t len) {
  static const char *const fns[] = {"sqrt", "min", "max", "ln"};
  for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
    if (strlen(fns[i]) == len && memcmp(fns[i], name, len) == 0) return true;
  return false;
}

typedef struct {
  char *s;
  size_t used, cap;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n) {
  if (b->used + n + 1 > b->cap) return; /* truncated: the comparison fails */
  memcpy(b->s + b->used, s, n);
  b->used += n;
  b->s[b->used] = 0;
}

static void sb_puts(sbuf *b, const char *s) { sb_add(b, s, strlen(s)); }

static const char *op_name(ast_kind k) {
  switch (k) {
  case N_NEG: return "neg";
  case N_ADD: return "+";
  case N_SUB: return "-";
  case N_MUL: return "*";
  case N_JUX: return "jux";
  case N_DIV: return "/";
  case N_POW: return "^";
  case N_PERCENT: return "%";
  case N_RANGE: return "..";
  case N_PM: return "pm";
  case N_DOLLAR: return "$";
  case N_NEWDIM: return "!";
  case N_TIMES: return "x";
  default: return "?";
  }
}

/* Renders a tree as an S-expression: leaves by their source text. */
static void render(sbuf *b, const char *src, const ast *n) {
  if (!n) {
    sb_puts(b, "NULL");
    return;
  }
  ck_assert_uint_le(n->start, n->end);
  switch (n->kind) {
  case N_NUM:
  case N_NAME: sb_add(b, src + n->start, n->end - n->start); return;
  case N_CALL: {
    size_t k = 0;
    while (n->start + k < n->end && src[n->start + k] != '(') k++;
    sb_puts(b, "(call ");
    sb_add(b, src + n->start, k);
    size_t cnt = 0;
    for (const ast *a = n->a; a; a = a->next, cnt++) {
      sb_puts(b, " ");
      render(b, src, a);
    }
    ck_assert_uint_eq(cnt, n->nargs);
    sb_puts(b, ")");
    return;
  }
  case N_NEWDIM:
    sb_puts(b, "(! ");
    sb_add(b, src + n->start, n->end - n->start);
    sb_puts(b, ")");
    return;
  default:
    sb_puts(b, "(");
    sb_puts(b, op_name(n->kind));
    sb_puts(b, " ");
    render(b, src, n->a);
    if (n->kind != N_NEG && n->kind != N_PERCENT && n->kind != N_DOLLAR) {
      sb_puts(b, " ");
      render(b, src, n->b);
    }
    sb_puts(b, ")");
  }
}

static const struct {
  const char *src;
  const char *tree;
} shapes[] = {
    /* juxtaposition binds tighter than * and / */
    {"1 GB / 2 s", "(/ (jux 1 GB) (jux 2 s))"},
    {"2 * 3 MB", "(* 2 (jux 3 MB))"},
    {"2 MB 4", "(jux (jux 2 MB) 4)"},
    {"a b / c d", "(/ (jux a b) (jux c d))"},
    {"5 Mbit/s * 1 hour", "(* (jux 5 (/ Mbit s)) (jux 1 hour))"},
    /* a tight name/name is one unit; spaced or with a number it is not */
    {"5 Gbit/s", "(jux 5 (/ Gbit s))"},
    {"1 GB/2 s", "(/ (jux 1 GB) (jux 2 s))"},
    {"1 GB / s", "(/ (jux 1 GB) s)"},
    {"1 USD/GB/month", "(jux 1 (/ (/ USD GB) month))"},
    /* a '/' glued between a number and a name is a unit quotient too */
    {"0.018/GB/month", "(/ (/ 0.018 GB) month)"},
    {"$0.018/GB/month", "($ (/ (/ 0.018 GB) month))"},
    {"1/3 kB", "(/ 1 (jux 3 kB))"},
    /* per is '/', binding like juxtaposition: tighter than * and / */
    {"1 GB per s", "(/ (jux 1 GB) s)"},
    {"10 USD per 2 GB", "(/ (jux 10 USD) (jux 2 GB))"},
    {"$1 per GB per month", "(/ (/ ($ 1) GB) month)"},
    {"a / 1 Gbit per s", "(/ a (/ (jux 1 Gbit) s))"},
    {"a * 2 per s", "(* a (/ 2 s))"},
    {"-1 GB per s", "(neg (/ (jux 1 GB) s))"},
    /* times is *; a multiplier before its operand binds like a sign */
    {"3.5 times 4 TB", "(* 3.5 (jux 4 TB))"},
    {"\xc3\x97"
     "3.5 4 TB",
     "(x 3.5 (jux 4 TB))"},
    {"3.5x 4 TB / 2 s", "(/ (x 3.5 (jux 4 TB)) (jux 2 s))"},
    {"3.5x", "(x 3.5 NULL)"},
    {"a * 2x", "(* a (x 2 NULL))"},
    {"3.5 xs", "(jux 3.5 xs)"},
    {"2 x", "(jux 2 x)"},
    /* a bare number at the low end of a range takes the high end's words */
    {"1 .. 5 MB", "(.. (jux 1 MB) (jux 5 MB))"},
    {"1\xe2\x80\x93"
     "5 million",
     "(.. (jux 1 million) (jux 5 million))"},
    {"between 1 and 5 MB", "(.. (jux 1 MB) (jux 5 MB))"},
    {"-1 .. 5 MB per s", "(.. (/ (jux (neg 1) MB) s) (/ (jux 5 MB) s))"},
    {"1 .. 5/s", "(.. (/ 1 s) (/ 5 s))"},
    {"1 .. 5 %", "(.. (% 1) (% 5))"},
    {"$1 .. 5 billion", "(.. ($ (jux 1 billion)) ($ (jux 5 billion)))"},
    {"1 .. $5", "(.. ($ 1) ($ 5))"},
    {"1 MB .. 5 GB", "(.. (jux 1 MB) (jux 5 GB))"},
    {"1 .. 5 MB / 2", "(.. 1 (/ (jux 5 MB) 2))"},
    {"1 .. 3 * 2", "(.. 1 (* 3 2))"},
    {"1 .. 5", "(.. 1 5)"},
    {"a .. 5 MB", "(.. a (jux 5 MB))"},
    /* ^ binds tighter than juxtaposition and is right-associative */
    {"2 MB^2", "(jux 2 (^ MB 2))"},
    {"2^3^2", "(^ 2 (^ 3 2))"},
    {"2**3**2", "(^ 2 (^ 3 2))"},
    {"2^-3", "(^ 2 (neg 3))"},
    {"2^-3^2", "(^ 2 (neg (^ 3 2)))"},
    /* unary minus: looser than ^ and juxtaposition, tighter than * */
    {"-2^2", "(neg (^ 2 2))"},
    {"-3 MB", "(neg (jux 3 MB))"},
    {"3 MB * -2", "(* (jux 3 MB) (neg 2))"},
    {"--2", "(neg (neg 2))"},
    {"+2", "2"},
    {"2 \xe2\x88\x92 -1", "(- 2 (neg 1))"},
    /* + - * / left-associative, usual precedence */
    {"1 - 2 - 3", "(- (- 1 2) 3)"},
    {"8 / 4 / 2", "(/ (/ 8 4) 2)"},
    {"1 + 2 * 3", "(+ 1 (* 2 3))"},
    {"(1 + 2) * 3", "(* (+ 1 2) 3)"},
    {"6 \xc3\x97 7 \xc3\xb7 2", "(/ (* 6 7) 2)"},
    /* ranges and ± are lowest */
    {"1 .. 2 + 3", "(.. 1 (+ 2 3))"},
    {"1 MB .. 5 MB", "(.. (jux 1 MB) (jux 5 MB))"},
    {"10 \xc2\xb1 10%", "(pm 10 (% 10))"},
    {"10 +/- 2 * 3", "(pm 10 (* 2 3))"},
    {"10+-2", "(pm 10 2)"},
    {"(1 .. 2) * 3", "(* (.. 1 2) 3)"},
    /* postfix, calls, dollar */
    {"23%", "(% 23)"},
    {"sqrt(4)", "(call sqrt 4)"},
    {"max(1, 2, 3)", "(call max 1 2 3)"},
    {"max(1 MB .. 2 MB, 3)", "(call max (.. (jux 1 MB) (jux 2 MB)) 3)"},
    {"2 sqrt(4)", "(jux 2 (call sqrt 4))"},
    {"foo(4)", "(jux foo 4)"}, /* not a function: juxtaposition */
    {"$7.5 billion", "($ (jux 7.5 billion))"},
    {"1,400 TB", "(jux 1,400 TB)"},
};

START_TEST(test_shapes) {
  const char *src = shapes[_i].src;
  ast_arena ar;
  parse_stmt st;
  err e;
  err_clear(&e);
  ast_arena_init(&ar);
  int r = parse_line(&st, &ar, src, strlen(src), DEPTH, false, is_fn, &e);
  ck_assert_msg(r == DS_OK, "parse '%s': status %d (%s)", src, r, e.msg);
  char mem[1024];
  sbuf b = {mem, 0, sizeof mem};
  mem[0] = 0;
  render(&b, src, st.expr);
  ck_assert_msg(strcmp(mem, shapes[_i].tree) == 0, "parse '%s': got %s, want %s", src, mem, shapes[_i].tree);
  ck_assert_int_eq(st.conv, CONV_NONE);
  ck_assert(!st.assign);
  ast_arena_free(&ar);
}
END_TEST

/* The spans of the tree cover the operands. */
START_TEST(test_node_spans) {
  const char *src = "  1 GB / 2 s";
  ast_arena ar;
  parse_stmt st;
  err e;
  ast_arena_init(&ar);
  ck_assert_int_eq(parse_line(&st, &ar, src, strlen(src), DEPTH, false, is_fn, &e), DS_OK);
  ck_assert_int_eq(st.expr->kind, N_DIV);
  ck_assert_uint_eq(st.expr->start, 2);
  ck_assert_uint_eq(st.expr->end, 12);
  ck_assert_uint_eq(st.expr->a->start, 2);
  ck_assert_uint_eq(st.expr->a->end, 6);
  ck_assert_uint_eq(st.expr->b->start, 9);
  ck_assert_uint_eq(st.expr->b->end, 12);
  ast_arena_free(&ar);
}
END_TEST

static const struct {
  const char *src;
  bool assign;
  const char *name;
  parse_conv conv;
  const char *expr;
  const char *target_text; /* the span target_start..target_end */
  const char *target;      /* tree, for CONV_UNIT */
} stmts[] = {
    {"1400 TB to GB", false, NULL, CONV_UNIT, "(jux 1400 TB)", "GB", "GB"},
    {"x in MB/s", false, NULL, CONV_UNIT, "x", "MB/s", "(/ MB s)"},
    {"x as photos", false, NULL, CONV_UNIT, "x", "photos", "photos"},
    {"x -> MB", false, NULL, CONV_UNIT, "x", "MB", "MB"},
    {"x \xe2\x86\x92 MB", false, NULL, CONV_UNIT, "x", "MB", "MB"},
    {"3 GB to USD/GB/month", false, NULL, CONV_UNIT, "(jux 3 GB)", "USD/GB/month", "(/ (/ USD GB) month)"},
    {"1 .. 2 GB to MB", false, NULL, CONV_UNIT, "(.. (jux 1 GB) (jux 2 GB))", "MB", "MB"},
    {"1 GB to auto", false, NULL, CONV_AUTO, "(jux 1 GB)", "auto", NULL},
    {"1 GB to iec", false, NULL, CONV_IEC, "(jux 1 GB)", "iec", NULL},
    {"490 million to words", false, NULL, CONV_WORDS, "(jux 490 million)", "words", NULL},
    {"photo = 4 MB", true, "photo", CONV_NONE, "(jux 4 MB)", NULL, NULL},
    {"rate = 1 GB / 2 s to MB/s", true, "rate", CONV_UNIT, "(/ (jux 1 GB) (jux 2 s))", "MB/s", "(/ MB s)"},
    {"x=1", true, "x", CONV_NONE, "1", NULL, NULL},
    {"1400 TB to equivalents", false, NULL, CONV_EQUIV, "(jux 1400 TB)", "equivalents", NULL},
    {"compare 1400 TB", false, NULL, CONV_EQUIV, "(jux 1400 TB)", NULL, NULL},
    {"compare = 3", true, "compare", CONV_NONE, "3", NULL, NULL},         /* a name like any other */
    {"1 MB to (kB)", false, NULL, CONV_UNIT, "(jux 1 MB)", "(kB)", "kB"}, /* the text keeps its ')' */
    {"1 MB to kB  ", false, NULL, CONV_UNIT, "(jux 1 MB)", "kB", "kB"},
    {"x == 1", false, NULL, CONV_NONE, NULL, NULL, NULL}, /* an error, see below */
};

START_TEST(test_statements) {
  const char *src = stmts[_i].src;
  ast_arena ar;
  parse_stmt st;
  err e;
  err_clear(&e);
  ast_arena_init(&ar);
  int r = parse_line(&st, &ar, src, strlen(src), DEPTH, false, is_fn, &e);
  if (!stmts[_i].expr) {
    ck_assert_int_eq(r, DS_E_SYNTAX);
    ast_arena_free(&ar);
    return;
  }
  ck_assert_msg(r == DS_OK, "parse '%s': %s", src, e.msg);
  ck_assert_int_eq(st.assign, stmts[_i].assign);
  if (stmts[_i].name) {
    ck_assert_uint_eq(st.name_end - st.name_start, strlen(stmts[_i].name));
    ck_assert(memcmp(src + st.name_start, stmts[_i].name, strlen(stmts[_i].name)) == 0);
  }
  ck_assert_int_eq(st.conv, stmts[_i].conv);
  char mem[512];
  sbuf b = {mem, 0, sizeof mem};
  mem[0] = 0;
  render(&b, src, st.expr);
  ck_assert_str_eq(mem, stmts[_i].expr);
  if (stmts[_i].target_text) {
    ck_assert_uint_eq(st.target_end - st.target_start, strlen(stmts[_i].target_text));
    ck_assert(memcmp(src + st.target_start, stmts[_i].target_text, strlen(stmts[_i].target_text)) == 0);
  }
  if (stmts[_i].conv == CONV_UNIT) {
    b.used = 0;
    mem[0] = 0;
    render(&b, src, st.target);
    ck_assert_str_eq(mem, stmts[_i].target);
  } else {
    ck_assert_ptr_null(st.target);
  }
  ast_arena_free(&ar);
}
END_TEST

/* reset [NAME] */
START_TEST(test_reset) {
  static const struct {
    const char *src;
    bool reset;
    const char *name;
  } rows[] = {
      {"reset", true, ""}, {"reset photo", true, "photo"}, {"reset = 3", false, NULL}, {"reset + 1", false, NULL}};
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    ast_arena ar;
    parse_stmt st;
    err e;
    ast_arena_init(&ar);
    ck_assert_int_eq(parse_line(&st, &ar, rows[i].src, strlen(rows[i].src), DEPTH, false, is_fn, &e), DS_OK);
    ck_assert_int_eq(st.reset, rows[i].reset);
    if (rows[i].name) {
      ck_assert_uint_eq(st.name_end - st.name_start, strlen(rows[i].name));
      ck_assert(memcmp(rows[i].src + st.name_start, rows[i].name, strlen(rows[i].name)) == 0);
    }
    ast_arena_free(&ar);
  }
}
END_TEST

static const struct {
  const char *src;
  int code;
  long start, end; /* -1: not checked */
} errs[] = {
    {"reset a b", DS_E_SYNTAX, 8, 9},
    {"1.2.3", DS_E_SYNTAX, 3, 4},
    {"(1 + 2", DS_E_INCOMPLETE, -1, -1},
    {"(1 +", DS_E_INCOMPLETE, -1, -1},
    {"((1)", DS_E_INCOMPLETE, -1, -1},
    {"sqrt(2", DS_E_INCOMPLETE, -1, -1},
    {"max(1,", DS_E_INCOMPLETE, -1, -1},
    {"", DS_E_SYNTAX, -1, -1},
    {"# just a comment", DS_E_SYNTAX, -1, -1},
    {"1 +", DS_E_SYNTAX, 3, 3},
    {"1 + * 2", DS_E_SYNTAX, 4, 5},
    {"1 )", DS_E_SYNTAX, 2, 3},
    {"(1))", DS_E_SYNTAX, 3, 4},
    {"1 @ 2", DS_E_SYNTAX, 2, 3},
    {"1 to", DS_E_SYNTAX, 2, 4},
    {"1 MB ->", DS_E_SYNTAX, 5, 7},
    {"1 .. 2 .. 3", DS_E_SYNTAX, 7, 9},
    {"1 \xc2\xb1 2 \xc2\xb1 3", DS_E_SYNTAX, 7, 9},
    {"1,4000", DS_E_SYNTAX, 1, 2},
    {"x =", DS_E_SYNTAX, -1, -1},
    {"= 3", DS_E_SYNTAX, 0, 1},
    {"2 ^", DS_E_SYNTAX, 3, 3},
    {"1 to MB to GB", DS_E_SYNTAX, 8, 10},
};

START_TEST(test_errors) {
  const char *src = errs[_i].src;
  ast_arena ar;
  parse_stmt st;
  err e;
  err_clear(&e);
  ast_arena_init(&ar);
  int r = parse_line(&st, &ar, src, strlen(src), DEPTH, false, is_fn, &e);
  ck_assert_msg(r == errs[_i].code, "parse '%s': status %d, want %d (%s)", src, r, errs[_i].code, e.msg);
  if (r != DS_OK) {
    ck_assert_int_eq(e.code, r);
    ck_assert(e.msg[0] != 0);
  }
  if (errs[_i].start >= 0) {
    ck_assert_msg((long)e.start == errs[_i].start && (long)e.end == errs[_i].end,
                  "parse '%s': span [%zu,%zu), want [%ld,%ld)", src, e.start, e.end, errs[_i].start, errs[_i].end);
  }
  ast_arena_free(&ar);
}
END_TEST

/* Builds prefix * n + middle + suffix * n. */
static char *repeat(const char *prefix, size_t n, const char *middle, const char *suffix, size_t *len) {
  size_t pl = strlen(prefix), ml = strlen(middle), sl = strlen(suffix);
  char *s = malloc(n * (pl + sl) + ml + 1);
  ck_assert_ptr_nonnull(s);
  size_t k = 0;
  for (size_t i = 0; i < n; i++, k += pl) memcpy(s + k, prefix, pl);
  memcpy(s + k, middle, ml);
  k += ml;
  for (size_t i = 0; i < n; i++, k += sl) memcpy(s + k, suffix, sl);
  s[k] = 0;
  *len = k;
  return s;
}

static const struct {
  const char *prefix, *middle, *suffix;
  size_t n;
  int code;
} deep[] = {
    {"(", "1", "", 100000, DS_E_LIMIT},   /* 10^5 '(' and no ')' */
    {"(", "1", ")", 100000, DS_E_LIMIT},  /* balanced */
    {"-", "1", "", 100000, DS_E_LIMIT},   /* a chain of unary minus */
    {"+", "1", "", 100000, DS_E_LIMIT},   /* and of unary plus */
    {"2^", "2", "", 100000, DS_E_LIMIT},  /* right-associative ^ */
    {"2^-", "2", "", 100000, DS_E_LIMIT}, /* ^ with negated exponents */
    {"sqrt(", "1", ")", 100000, DS_E_LIMIT},
    {"$", "1", "", 100000, DS_E_LIMIT},
    {"(", "1", ")", 500, DS_OK}, /* well within the limit */
    {"-", "1", "", 500, DS_OK},
    {"2^", "2", "", 500, DS_OK},
    {"1+", "1", "", 100000, DS_OK}, /* a long flat chain is a loop, not nesting */
    {"x ", "1", "", 100000, DS_OK}, /* long juxtaposition */
};

START_TEST(test_depth) {
  size_t len;
  char *src = repeat(deep[_i].prefix, deep[_i].n, deep[_i].middle, deep[_i].suffix, &len);
  ast_arena ar;
  parse_stmt st;
  err e;
  err_clear(&e);
  ast_arena_init(&ar);
  int r = parse_line(&st, &ar, src, len, DEPTH, false, is_fn, &e);
  ck_assert_msg(r == deep[_i].code, "%zu x '%s': status %d, want %d (%s)", deep[_i].n, deep[_i].prefix, r,
                deep[_i].code, e.msg);
  if (r == DS_E_LIMIT) ck_assert_ptr_nonnull(strstr(e.msg, "nested too deeply"));
  ast_arena_free(&ar);
  free(src);
}
END_TEST

/* The limit is the one passed in: 3 levels pass with 3, fail with 2. */
START_TEST(test_depth_exact) {
  const char *src = "(((1)))";
  ast_arena ar;
  parse_stmt st;
  err e;
  ast_arena_init(&ar);
  ck_assert_int_eq(parse_line(&st, &ar, src, strlen(src), 3, false, is_fn, &e), DS_OK);
  ast_arena_free(&ar);
  ast_arena_init(&ar);
  ck_assert_int_eq(parse_line(&st, &ar, src, strlen(src), 2, false, is_fn, &e), DS_E_LIMIT);
  ast_arena_free(&ar);
}
END_TEST

/* parse_expr_only: no conversion and no assignment. */
START_TEST(test_expr_only) {
  ast_arena ar;
  ast *root = NULL;
  err e;
  const char *ok = "8 bit";
  ast_arena_init(&ar);
  ck_assert_int_eq(parse_expr_only(&root, &ar, ok, strlen(ok), DEPTH, is_fn, &e), DS_OK);
  ck_assert_int_eq(root->kind, N_JUX);
  ast_arena_free(&ar);
  const char *dim = "!information";
  ast_arena_init(&ar);
  ck_assert_int_eq(parse_expr_only(&root, &ar, dim, strlen(dim), DEPTH, is_fn, &e), DS_OK);
  ck_assert_int_eq(root->kind, N_NEWDIM);
  ck_assert_uint_eq(root->start, 1);
  ck_assert_uint_eq(root->end, strlen(dim));
  ast_arena_free(&ar);
  const char *conv = "1 GB to MB";
  ast_arena_init(&ar);
  ck_assert_int_eq(parse_expr_only(&root, &ar, conv, strlen(conv), DEPTH, is_fn, &e), DS_E_SYNTAX);
  ast_arena_free(&ar);
}
END_TEST

/* Are two trees the same, node for node and field for field? */
static bool same_tree(const ast *x, const ast *y) {
  if (!x || !y) return x == y;
  return x->kind == y->kind && x->flags == y->flags && x->start == y->start && x->end == y->end &&
         x->nargs == y->nargs && same_tree(x->a, y->a) && same_tree(x->b, y->b) && same_tree(x->next, y->next);
}

/* Lines of the usual shape, NUM UNIT [to UNIT], which parse_line reads in
 * one pass (parse_usual), and lines that only look like it. Each must give
 * the tree the levels give: the expression as parse_expr_only reads it
 * (the general path), the target as it reads the line with all before the
 * target blanked out. */
static const struct {
  const char *src;
  parse_conv conv;
  const char *target_text;
} usual[] = {
    {"1234.5 TB to GiB", CONV_UNIT, "GiB"},
    {"15614 KiB in TiB  # a comment", CONV_UNIT, "TiB"},
    {"  1,400 kB as MB\t", CONV_UNIT, "MB"},
    {"2e3 kB -> MiB", CONV_UNIT, "MiB"},
    {"5 MB", CONV_NONE, NULL},
    {"5MB to kB", CONV_UNIT, "kB"},
    /* not the usual shape: the general path */
    {"5 per s to kB", CONV_UNIT, "kB"},
    {"5 MB to auto", CONV_AUTO, "auto"},
    {"3x MB to kB", CONV_UNIT, "kB"},
    {"3 xs to kB", CONV_UNIT, "kB"},
    {"5 MB to kB range", CONV_UNIT, "kB"},
    {"5 MB to kB/s", CONV_UNIT, "kB/s"},
    {"5 MB s to kB", CONV_UNIT, "kB"},
    {"5 to kB", CONV_UNIT, "kB"},
};

START_TEST(test_usual) {
  const char *src = usual[_i].src, *kw = NULL;
  size_t len = strlen(src);
  ast_arena ar, ar2;
  parse_stmt st;
  err e;
  ast *want;
  ast_arena_init(&ar);
  ast_arena_init(&ar2);
  ck_assert_int_eq(parse_line(&st, &ar, src, len, DEPTH, false, is_fn, &e), DS_OK);
  ck_assert_int_eq(st.conv, usual[_i].conv);
  ck_assert(!st.assign && !st.check && !st.reset && !st.item_range == !strstr(src, "range"));
  for (const char *w = src; st.conv != CONV_NONE && !kw; w++)
    if (!strncmp(w, " to ", 4) || !strncmp(w, " in ", 4) || !strncmp(w, " as ", 4) || !strncmp(w, " -> ", 4)) kw = w;
  ck_assert_int_eq(parse_expr_only(&want, &ar2, src, kw ? (size_t)(kw - src) : len, DEPTH, is_fn, &e), DS_OK);
  ck_assert_msg(same_tree(st.expr, want), "'%s': the expression differs from the general path's", src);
  if (usual[_i].target_text) {
    char blanked[64];
    size_t end = st.target_end;
    while (end < len && src[end] != '#' && src[end] != ' ' && src[end] != '\t') end++;
    ck_assert_uint_lt(end, sizeof blanked);
    memset(blanked, ' ', st.target_start);
    memcpy(blanked + st.target_start, src + st.target_start, end - st.target_start);
    ck_assert_uint_eq(st.target_end - st.target_start, strlen(usual[_i].target_text));
    ck_assert(!memcmp(src + st.target_start, usual[_i].target_text, st.target_end - st.target_start));
    if (st.conv == CONV_UNIT) {
      ck_assert_int_eq(parse_expr_only(&want, &ar2, blanked, st.target_end, DEPTH, is_fn, &e), DS_OK);
      ck_assert_msg(same_tree(st.target, want), "'%s': the target differs from the general path's", src);
    }
  }
  ast_arena_free(&ar);
  ast_arena_free(&ar2);
}
END_TEST

/* The statement words the shapes and statements above do not show, each
 * read as its word (parse_classify). */
START_TEST(test_words) {
  static const char *const lines[] = {"set decimal-comma on", "set decimal-comma off", "check 1 kB = 1000 B",
                                      "1 MB to photos range"};
  ast_arena ar;
  parse_stmt st[4];
  err e;
  ast_arena_init(&ar);
  for (int i = 0; i < 4; i++)
    ck_assert_int_eq(parse_line(&st[i], &ar, lines[i], strlen(lines[i]), DEPTH, false, is_fn, &e), DS_OK);
  ck_assert_int_eq(st[0].set_decimal_comma, 1);
  ck_assert_int_eq(st[1].set_decimal_comma, -1);
  ck_assert(st[2].check);
  ck_assert(st[3].item_range);
  ast_arena_free(&ar);
}
END_TEST

/* One arena for many parses, as a context keeps it: a reset keeps the
 * newest chunk of nodes for the next parse, and a parse that needs more
 * nodes than a chunk holds takes new ones. */
START_TEST(test_arena_reuse) {
  char big[1024];
  size_t n = 0;
  for (int i = 0; i < 300; i++) n += (size_t)snprintf(big + n, sizeof big - n, i ? "+%d" : "%d", i % 10);
  const char *usual_line = "1234.5 TB to GiB";
  ast_arena ar;
  parse_stmt st;
  err e;
  ast_arena_init(&ar);
  for (int round = 0; round < 3; round++) {
    ck_assert_int_eq(parse_line(&st, &ar, big, n, DEPTH, false, is_fn, &e), DS_OK);
    size_t terms = 1, at = n;
    const ast *x = st.expr;
    for (; x->kind == N_ADD; x = x->a, terms++) {
      ck_assert_int_eq(x->b->kind, N_NUM);
      ck_assert_uint_eq(x->b->end, at);
      at -= 2;
    }
    ck_assert_int_eq(x->kind, N_NUM);
    ck_assert_uint_eq(terms, 300);
    ast_arena_reset(&ar);
    ck_assert_int_eq(parse_line(&st, &ar, usual_line, strlen(usual_line), DEPTH, false, is_fn, &e), DS_OK);
    char mem[64];
    sbuf b = {mem, 0, sizeof mem};
    mem[0] = 0;
    render(&b, usual_line, st.expr);
    ck_assert_str_eq(mem, "(jux 1234.5 TB)");
    ast_arena_reset(&ar);
  }
  ast_arena_free(&ar);
}
END_TEST

static Suite *make_suite(void) {
  Suite *s = suite_create("parse");
  TCase *tc = tcase_create("shapes");
  SUITE_LOOP(tc, test_shapes, shapes);
  tcase_add_test(tc, test_node_spans);
  SUITE_LOOP(tc, test_statements, stmts);
  tcase_add_test(tc, test_reset);
  SUITE_LOOP(tc, test_usual, usual);
  tcase_add_test(tc, test_arena_reuse);
  tcase_add_test(tc, test_words);
  suite_add_tcase(s, tc);
  tc = tcase_create("errors");
  SUITE_LOOP(tc, test_errors, errs);
  suite_add_tcase(s, tc);
  tc = tcase_create("limits");
  SUITE_LOOP(tc, test_depth, deep);
  tcase_add_test(tc, test_depth_exact);
  tcase_add_test(tc, test_expr_only);
  suite_add_tcase(s, tc);
  return s;
}

SUITE_MAIN
