/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * ast.c -- node allocation for expression trees.
 *
 * Nodes come from chunks of an arena, so a whole parse is released with one
 * call and no tree walk (deep trees never recurse here).
 */
#include "ast.h"

#include <stdlib.h>

#define AST_CHUNK 128

struct ast_chunk {
  ast_chunk *next;
  ast nodes[AST_CHUNK];
};

void ast_arena_init(ast_arena *ar) {
  ar->head = NULL;
  ar->free = ar->limit = NULL;
}

/* A new chunk at the head, then the node in it. Out of line: ast_new's
 * usual path, inlined in every caller, stays a few instructions. */
__attribute__((noinline)) ast *ast_new_chunk(ast_arena *ar, ast_kind kind, size_t start, size_t end) {
  ast_chunk *c = malloc(sizeof *c);
  if (!c) return NULL;
  c->next = ar->head;
  ar->head = c;
  ar->free = c->nodes;
  ar->limit = c->nodes + AST_CHUNK;
  return ast_new(ar, kind, start, end);
}

void ast_arena_free(ast_arena *ar) {
  ast_chunk *c = ar->head;
  while (c) {
    ast_chunk *next = c->next;
    free(c);
    c = next;
  }
  ast_arena_init(ar);
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
  ar->free = ar->head->nodes;
}
