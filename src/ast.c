/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * ast.c -- node allocation for expression trees.
 *
 * Nodes come from chunks of an arena, so a whole parse is released with one
 * call and no tree walk (deep trees never recurse here).
 */
#include "ast.h"

#include <stdlib.h>
#include <string.h>

#define AST_CHUNK 128

struct ast_chunk {
  ast_chunk *next;
  ast nodes[AST_CHUNK];
};

void ast_arena_init(ast_arena *ar) {
  ar->head = NULL;
  ar->used = AST_CHUNK;
}

ast *ast_new(ast_arena *ar, ast_kind kind, size_t start, size_t end) {
  if (ar->used == AST_CHUNK) {
    ast_chunk *c = malloc(sizeof *c);
    if (!c) return NULL;
    c->next = ar->head;
    ar->head = c;
    ar->used = 0;
  }
  ast *n = &ar->head->nodes[ar->used++];
  memset(n, 0, sizeof *n);
  n->kind = kind;
  n->start = start;
  n->end = end;
  return n;
}

void ast_arena_free(ast_arena *ar) {
  ast_chunk *c = ar->head;
  while (c) {
    ast_chunk *next = c->next;
    free(c);
    c = next;
  }
  ar->head = NULL;
  ar->used = AST_CHUNK;
}

int ast_is_binary(ast_kind kind) {
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

void ast_arena_reset(ast_arena *ar) {
  if (!ar->head) return;
  ast_chunk *c = ar->head->next;
  while (c) {
    ast_chunk *next = c->next;
    free(c);
    c = next;
  }
  ar->head->next = NULL;
  ar->used = 0;
}
