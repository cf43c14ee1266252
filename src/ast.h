/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* ast.h -- expression trees, allocated in an arena freed in one call. */
#ifndef DS_AST_H
#define DS_AST_H

#include <stddef.h>

typedef enum {
  N_NUM,     /* decimal literal */
  N_NAME,    /* unit, variable, ans */
  N_NEG,     /* -a */
  N_ADD,     /* a + b */
  N_SUB,     /* a - b */
  N_MUL,     /* a * b */
  N_JUX,     /* a b (implicit multiplication) */
  N_DIV,     /* a / b, a per b */
  N_POW,     /* a ^ b */
  N_PERCENT, /* a % */
  N_RANGE,   /* a .. b */
  N_PM,      /* a ± b */
  N_CALL,    /* name(args): a = first argument, linked through next */
  N_DOLLAR,  /* $a */
  N_NEWDIM,  /* !name in a definitions file */
  N_TIMES    /* a multiplier: a (a number) times b ("×3.5 X", "3.5x X"); b is NULL alone */
} ast_kind;

/* How a node was written, where the parser's later choices need it. */
enum {
  AST_PER = 1,   /* N_DIV: "per", or a '/' with no space around it ("Gbit/s", "0.018/GB") */
  AST_DASH = 2,  /* N_RANGE: written with an en dash ("1–5 MB") */
  AST_GLUED = 4, /* N_SUB: a '-' glued between a digit and a digit ("1-5") */
  AST_X = 8      /* N_TIMES: written "3.5x", which also reads as 3.5 times x */
};

typedef struct ast {
  ast_kind kind;
  unsigned char flags; /* AST_* */
  size_t start, end;   /* byte span in the source line */
  struct ast *a, *b;   /* operands */
  struct ast *next;    /* next argument of a call */
  size_t nargs;        /* arguments of a call */
} ast;

typedef struct ast_chunk ast_chunk;
typedef struct {
  ast_chunk *head;   /* chunks of nodes, newest first */
  ast *free, *limit; /* the head chunk's unused nodes, [free, limit) */
} ast_arena;

void ast_arena_init(ast_arena *ar);
/* ast_new when the head chunk is full (or there is none). */
ast *ast_new_chunk(ast_arena *ar, ast_kind kind, size_t start, size_t end);
/* A zeroed node, or NULL when memory runs out. Inline: a parse makes a
 * node a token or so. */
static inline ast *ast_new(ast_arena *ar, ast_kind kind, size_t start, size_t end) {
  if (ar->free == ar->limit) return ast_new_chunk(ar, kind, start, end);
  ast *n = ar->free++;
  *n = (ast){.kind = kind, .start = start, .end = end};
  return n;
}
void ast_arena_free(ast_arena *ar);
/* Forgets every node but keeps the newest chunk for the next parse (a
 * context parses line after line without allocating). */
void ast_arena_reset(ast_arena *ar);
/* True for the binary operators whose left operand chains (a+b+c...).
 * Inline: the walker asks it of every node, several times. */
static inline int ast_is_binary(ast_kind kind) {
  switch (kind) {
  case N_ADD:
  case N_SUB:
  case N_MUL:
  case N_JUX:
  case N_DIV:
  case N_RANGE:
  case N_PM: return 1;
  default: return 0;
  }
}

#endif
