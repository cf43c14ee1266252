/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * count.c -- what a count is of, as written.
 *
 * "1400 TB to photos" and "check 1400 TB = 490 million photos" count
 * things: a catalogue item, or a variable that reads as the size of one
 * thing ("file = 2 MB"). Here: which, and the words a sentence about the
 * count needs (the quantity as written, the size of one, the item's
 * names).
 */
#include "count.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "copy.h"
#include "quote.h"

void count_clear(count_items *of) {
  free(of->from), free(of->size), free(of->item), free(of->name), free(of->each);
  of->from = of->size = of->item = of->name = of->each = NULL;
}

/* What a conversion to target t (written src[start..end)) counts, when t
 * names a catalogue item or a variable that reads as a count of things:
 * fills `of` (the quantity `expr` as written, the size of one, the item)
 * and returns 1; 0 when t counts nothing; -1 when memory runs out. */
void count_name_of(eval *E, const ast *t, size_t start, size_t end, count_name *n) {
  n->var = -1;
  n->unit = n->item = false;
  if (t->kind != N_NAME) return;
  const char *s = E->src + start;
  size_t len = end - start;
  n->var = eval_var(E, s, len);
  /* eval_lookup, telling which of its two found it */
  n->unit = n->var < 0 && units_lookup(&E->ctx->reg, s, len, &n->m);
  n->item = n->var < 0 && !n->unit && units_find_item(&E->ctx->reg, s, len, &n->m) == 1;
}

int count_of(eval *E, const ast *t, size_t start, size_t end, const ast *expr, count_items *of) {
  count_name n;
  count_name_of(E, t, start, end, &n);
  return count_of_name(E, t, start, end, &n, expr, of);
}

int count_of_name(eval *E, const ast *t, size_t start, size_t end, const count_name *n, const ast *expr,
                  count_items *of) {
  const char *s = E->src + start;
  size_t len = end - start;
  of->index = -1;
  if (t->kind != N_NAME) return 0;
  session *ctx = E->ctx;
  const char *size = NULL, *one = NULL;
  long itm = -1;
  const units_match *m = &n->m;
  char sing[3][128];
  long v = n->var;
  bool known = n->unit || n->item;
  if (known && !m->pf) {
    v = eval_var(E, m->u->word, strlen(m->u->word));
    if (v < 0 && (m->u->flags & UNIT_ITEM)) size = m->u->def, one = m->u->word, itm = m->index;
  }
  if (v < 0 && !size && !known) { /* "files" for the variable file; "MB" is a unit */
    size_t ns = copy_singulars(s, len, sing);
    for (size_t i = 0; i < ns && v < 0; i++) v = eval_var(E, sing[i], strlen(sing[i]));
  }
  if (v >= 0) {
    /* A variable reads as a count of things when it overrides a catalogue
     * item or is a data size (file = 2 MB); EUR = 1.08 USD stays a unit. */
    units_match im;
    const char *nm = ctx->vars[v].name;
    bool item = units_lookup(&ctx->reg, nm, strlen(nm), &im) && !im.pf && (im.u->flags & UNIT_ITEM);
    if (item) of->index = im.index;
    int info = units_std_dim(&ctx->reg, UNITS_DIM_INFORMATION);
    const dim *d = &ctx->vars[v].value.d;
    bool data = info >= 0 && d->e[info] == 1;
    for (int i = 0; i < DIM_MAX && data; i++)
      if (i != info && d->e[i]) data = false;
    if (!item && !data) return 0;
    size = ctx->vars[v].text, one = nm;
  }
  if (!size) return 0;
  if (itm >= 0) of->index = itm;
  of->size = buf_strndup(size, strlen(size));
  of->item = buf_strndup(one, strlen(one));
  if (itm >= 0 && (of->each = catalog_item_size(&ctx->reg, itm))) {
    const unit *u = &ctx->reg.units[itm];
    of->name = catalog_name(u, false);
    of->upper = u->item && u->item->upper;
  } else {
    of->name = buf_strndup(one, strlen(one));
    of->each = buf_strndup(size, strlen(size));
  }
  /* "after to photos": say what "after" is. */
  long fv = expr->kind == N_NAME ? eval_var(E, E->src + expr->start, expr->end - expr->start) : -1;
  of->from = fv >= 0 ? buf_strndup(ctx->vars[fv].text, strlen(ctx->vars[fv].text))
                     : quote_input(E->src, E->len, expr->start, expr->end, E->decimal_comma);
  return of->size && of->item && of->name && of->each && of->from ? 1 : -1;
}
