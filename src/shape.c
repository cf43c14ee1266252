/*
 * shape.c -- what the way a line is written tells its wording.
 *
 * A reporter who writes "1400 TB / 6 months" reads the answer per month,
 * and "$0.018 per GB per month" is a price per GB. This file reads the tree
 * of an evaluated line for the units it divided by: a rate is shown per
 * them.
 */
#include "shape.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "copy.h"

#define SHAPE_VAR_DEPTH 3  /* variables within variables' texts */
#define SHAPE_VAR_TEXTS 16 /* variables' texts read for one line */

shape_line *shape_line_new(void) {
  shape_line *s = calloc(1, sizeof *s);
  if (!s) return NULL;
  for (int i = 0; i < UNITS_MAX_PER; i++) units_per_init(&s->per[i]);
  return s;
}

void shape_line_free(shape_line *s) {
  if (!s) return;
  for (int i = 0; i < UNITS_MAX_PER; i++) units_per_clear(&s->per[i]);
  free(s);
}

/* ---- the units a line divides by ----------------------------------------- */

/* A unit (or a variable counted by its name) found below the line. */
typedef struct {
  int dim;      /* the base dimension it measures */
  uint64_t key; /* where it was written: the last one wins */
  long var;     /* the variable, or -1 for the unit m */
  units_match m;
  char name[sizeof((units_per *)0)->name];
  char word[sizeof((units_per *)0)->word];
  bool symbol, calendar;
} shape_found;

typedef struct {
  eval *E;
  shape_found f[UNITS_MAX_PER]; /* one a dimension */
  int n;
  int texts; /* variables' texts read */
} shape_walk;

/* The word of a prefix ("milli"), also for a symbol that has none. */
static const char *shape_prefix_word(const prefix *p) {
  if (!p) return "";
  for (size_t i = 0; !p->word && i < units_nprefixes; i++)
    if (units_prefixes[i].word && units_prefixes[i].base == p->base && units_prefixes[i].exp == p->exp)
      return units_prefixes[i].word;
  return p->word ? p->word : p->sym;
}

/* The base dimension d is to the power 1, or -1 when it is anything else. */
static int shape_single(const dim *d) {
  int k = -1;
  for (int i = 0; i < DIM_MAX; i++) {
    if (!d->e[i]) continue;
    if (d->e[i] != 1 || k >= 0) return -1;
    k = i;
  }
  return k;
}

/* The slot for dimension d of a unit written at `key`, or NULL when a unit
 * written later holds it (or there is no room). */
static shape_found *shape_slot(shape_walk *w, int d, uint64_t key) {
  int k = 0;
  while (k < w->n && w->f[k].dim != d) k++;
  if (k == UNITS_MAX_PER || (k < w->n && w->f[k].key > key)) return NULL;
  if (k == w->n) w->n++;
  shape_found *f = &w->f[k];
  f->dim = d;
  f->key = key;
  return f;
}

/* Records unit m, written as s[0..len) at `key`, below the line. */
static void shape_record(shape_walk *w, const units_match *m, const char *s, size_t len, uint64_t key) {
  const units *r = &w->E->ctx->reg;
  if (m->u->state != UNIT_READY) return;
  int d = shape_single(&units_value(m->u, false)->d);
  if (d < 0 || d != shape_single(&units_value(m->u, true)->d)) return;
  for (int b = 0; b < 2; b++) {
    const num *v = units_prefixed_value(r, m, b);
    if (!v || !num_is_point(v) || mpq_sgn(v->lo) <= 0) return;
  }
  char name[sizeof w->f[0].name], word[sizeof w->f[0].word];
  const char *pw = shape_prefix_word(m->pf);
  size_t n = strlen(pw) + strlen(m->u->word);
  if (n >= sizeof word) return;
  memcpy(word, pw, strlen(pw));
  memcpy(word + strlen(pw), m->u->word, strlen(m->u->word) + 1);
  if (m->word) {
    /* "months", "gigabytes": the singular */
    if (n >= sizeof name) return;
    memcpy(name, word, n + 1);
  } else {
    /* A symbol as written, a plural abbreviation ("hrs") in the singular. */
    units_match m1;
    if (len > 1 && s[len - 1] == 's' && units_lookup(r, s, len - 1, &m1) && m1.index == m->index && m1.pf == m->pf &&
        !m1.word)
      len--;
    if (len >= sizeof name) return;
    memcpy(name, s, len);
    name[len] = 0;
  }
  shape_found *f = shape_slot(w, d, key);
  if (!f) return;
  f->var = -1;
  f->m = *m;
  memcpy(f->name, name, sizeof name);
  memcpy(f->word, word, sizeof word);
  f->symbol = !m->word;
  f->calendar = (m->u->flags & UNIT_CALENDAR) != 0;
}

/* Is variable v a thing one counts: one that overrides a catalogue item,
 * or a data size (photo = 4 MB)? "$5 per photo" then reads per it. */
static bool shape_counted(eval *E, long v) {
  const session_var *sv = &E->ctx->vars[v];
  units_match m;
  if (units_lookup(&E->ctx->reg, sv->name, strlen(sv->name), &m) && !m.pf && (m.u->flags & UNIT_ITEM)) return true;
  return shape_single(&sv->value.d) == units_find_dim(&E->ctx->reg, "information", 11);
}

/* Records variable v, a thing one counts, below the line at `key`. */
static void shape_record_var(shape_walk *w, long v, uint64_t key) {
  const session_var *sv = &w->E->ctx->vars[v];
  int d = shape_single(&sv->value.d);
  if (d < 0 || strlen(sv->name) >= sizeof w->f[0].name || !num_is_point(&sv->value.n) || mpq_sgn(sv->value.n.lo) <= 0)
    return;
  shape_found *f = shape_slot(w, d, key);
  if (!f) return;
  f->var = v;
  memcpy(f->name, sv->name, strlen(sv->name) + 1);
  memcpy(f->word, sv->name, strlen(sv->name) + 1);
  f->symbol = false;
  f->calendar = false;
}

static void shape_tree(shape_walk *w, const char *src, const ast *n, int sign, int depth, size_t outer);

/* A name at `sign` (+1 above the line, -1 below): a unit below the line is
 * recorded; a variable is read as it was written, or counted by its name. */
static void shape_name(shape_walk *w, const char *src, const ast *n, int sign, int depth, size_t outer) {
  eval *E = w->E;
  const char *s = src + n->start;
  size_t len = n->end - n->start;
  if ((len == 3 && memcmp(s, "ans", 3) == 0) || (len == 1 && s[0] == '_')) return;
  units_match m;
  bool found = units_lookup(&E->ctx->reg, s, len, &m);
  /* The order eval_name looks names up in: a variable, a unit (which a
   * variable of its singular overrides), the plural of a variable. */
  long v = eval_var(E, s, len);
  if (v < 0 && found && !m.pf) v = eval_var(E, m.u->word, strlen(m.u->word));
  if (v < 0 && !found) {
    char sing[3][128];
    size_t k = copy_singulars(s, len, sing);
    for (size_t i = 0; i < k && v < 0; i++) v = eval_var(E, sing[i], strlen(sing[i]));
  }
  uint64_t at = outer == SIZE_MAX ? n->start : outer;
  if (v >= 0 && sign < 0 && shape_counted(E, v)) {
    shape_record_var(w, v, at << 24);
    return;
  }
  if (v >= 0) {
    if (depth >= SHAPE_VAR_DEPTH || w->texts >= SHAPE_VAR_TEXTS) return;
    w->texts++;
    const char *t = E->ctx->vars[v].text;
    ast *root;
    err e;
    err_clear(&e);
    if (parse_expr_only(&root, &E->env->arena, t, strlen(t), (size_t)E->ctx->limits[DS_LIMIT_DEPTH], eval_is_fn, &e))
      return;
    shape_tree(w, t, root, sign, depth + 1, (size_t)at);
    return;
  }
  if (!found || sign > 0) return;
  uint64_t inner = outer == SIZE_MAX ? 0 : (n->start < 0xffffff ? n->start : 0xffffff);
  shape_record(w, &m, s, len, at << 24 | inner);
}

/* Walks n at `sign`: down the left operands in a loop (chains are deep
 * only there), into the right ones by recursion (as deep as the parser
 * allows). Numbers, powers and calls hold no unit of the line's own. */
static void shape_tree(shape_walk *w, const char *src, const ast *n, int sign, int depth, size_t outer) {
  while (n) {
    switch (n->kind) {
    case N_MUL:
    case N_JUX:
    case N_ADD:
    case N_SUB:
    case N_RANGE:
    case N_PM:
      shape_tree(w, src, n->b, sign, depth, outer);
      n = n->a;
      break;
    case N_DIV:
      shape_tree(w, src, n->b, -sign, depth, outer);
      n = n->a;
      break;
    case N_NEG:
    case N_PERCENT:
    case N_DOLLAR: n = n->a; break;
    case N_NAME: shape_name(w, src, n, sign, depth, outer); return;
    default: return;
    }
  }
}

int shape_per(eval *E, const ast *n, shape_line **out) {
  shape_walk w;
  w.E = E;
  w.n = w.texts = 0;
  shape_tree(&w, E->src, n, 1, 0, SIZE_MAX);
  if (*out) (*out)->nper = 0;
  if (!w.n) return DS_OK;
  if (!*out && !(*out = shape_line_new())) return err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory");
  shape_line *sl = *out;
  for (int k = 0; k < w.n; k++) {
    const shape_found *f = &w.f[k];
    units_per *p = &sl->per[k];
    for (int b = 0; b < 2; b++) {
      if (f->var >= 0) {
        mpq_set(p->value[b], E->ctx->vars[f->var].value.n.lo);
      } else {
        const num *v = units_prefixed_value(&E->ctx->reg, &f->m, b); /* valid until the next call */
        if (!v) return err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory");
        mpq_set(p->value[b], v->lo);
      }
    }
    p->dim = f->dim;
    memcpy(p->name, f->name, sizeof p->name);
    memcpy(p->word, f->word, sizeof p->word);
    p->symbol = f->symbol;
    p->calendar = f->calendar;
  }
  sl->nper = w.n;
  return DS_OK;
}
