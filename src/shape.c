/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * shape.c -- what the way a line is written tells its wording.
 *
 * A reporter who writes "1400 TB / 6 months" reads the answer per month,
 * and "$0.018 per GB per month" is a price per GB. This file reads the tree
 * of an evaluated line for the units it divided by (a rate is shown per
 * them), for the significant digits of its numbers (a note shows no more),
 * and, when the result's unit is unusual for a newsroom (s*USD, B^2, 1/s),
 * for what a note needs: how the line was grouped, and which other
 * grouping of the same factors gives a usual unit, checked by evaluating
 * it. The note itself is worded by word.c.
 */
#include "shape.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "copy.h"
#include "format.h"

#define SHAPE_VAR_DEPTH 3     /* variables within variables' texts */
#define SHAPE_VAR_TEXTS 16    /* variables' texts read for one line */
#define SHAPE_MAX_FACTORS 8   /* factors of a chain regrouped for a note */
#define SHAPE_NOTE_SOURCE 200 /* longer lines get the note without the groupings */
#define SHAPE_TRIES 3         /* other groupings evaluated at most */

shape_line *shape_line_new(void) {
  shape_line *s = calloc(1, sizeof *s);
  if (!s) return NULL;
  for (int i = 0; i < UNITS_MAX_PER; i++) units_per_init(&s->per[i]);
  qty_init(&s->regroup_v);
  return s;
}

void shape_line_free(shape_line *s) {
  if (!s) return;
  for (int i = 0; i < UNITS_MAX_PER; i++) units_per_clear(&s->per[i]);
  qty_clear(&s->regroup_v);
  free(s->read_as);
  free(s->regroup);
  shape_line_free(s->regroup_shape);
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
  return shape_single(&sv->value.d) == units_std_dim(&E->ctx->reg, UNITS_DIM_INFORMATION);
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

/* ---- the digits of the numbers written ----------------------------------- */

/* Significant digits of a terminating decimal x: 1400 has 2, 0.018 has 2. */
static int shape_sig(const mpq_t x) {
  mpz_t m, t;
  mpz_inits(m, t, NULL);
  mpz_abs(m, mpq_numref(x));
  int d = 0;
  if (mpz_cmp_ui(mpq_denref(x), 1) == 0) {
    while (mpz_sgn(m) && mpz_divisible_ui_p(m, 10)) mpz_divexact_ui(m, m, 10);
  } else {
    /* x = m / 2^a 5^b: m 10^max(a, b) / den is its digits */
    mpz_set(t, mpq_denref(x));
    mp_bitcnt_t a = mpz_scan1(t, 0);
    mpz_fdiv_q_2exp(t, t, a);
    unsigned long b = 0;
    while (mpz_divisible_ui_p(t, 5)) mpz_divexact_ui(t, t, 5), b++;
    if (mpz_cmp_ui(t, 1) != 0) goto out; /* not a decimal */
    mpz_ui_pow_ui(t, 10, a > b ? a : b);
    mpz_mul(m, m, t);
    mpz_divexact(m, m, mpq_denref(x));
  }
  if (mpz_sgn(m) == 0) goto out;
  d = (int)mpz_sizeinbase(m, 10);
  mpz_ui_pow_ui(t, 10, (unsigned long)d - 1);
  if (mpz_cmp(m, t) < 0) d--;
out:
  mpz_clears(m, t, NULL);
  return d;
}

/* A number literal's significant digits; a long one counts as many. */
static int shape_literal(eval *E, const ast *n) {
  if (n->end - n->start > 64) return INT_MAX;
  eval E2 = *E;
  err e;
  err_clear(&e);
  E2.used = NULL;
  E2.e = &e;
  qty q;
  qty_init(&q);
  int d = eval_node(&E2, n, &q) == DS_OK && num_is_point(&q.n) ? shape_sig(q.n.lo) : 0;
  qty_clear(&q);
  return d;
}

static void shape_digits_walk(eval *E, const ast *n, int *best) {
  while (n) {
    if (n->kind == N_NUM) {
      int d = shape_literal(E, n);
      if (d > *best) *best = d;
      return;
    }
    if (n->kind == N_CALL) {
      for (const ast *a = n->a; a; a = a->next) shape_digits_walk(E, a, best);
      return;
    }
    if (n->b) shape_digits_walk(E, n->b, best);
    n = n->a;
  }
}

int shape_digits(eval *E, const ast *n) {
  int best = 0;
  shape_digits_walk(E, n, &best);
  return best;
}

/* ---- unusual units --------------------------------------------------------- */

bool shape_usual(const dim *d) {
  int up = 0;
  for (int i = 0; i < DIM_MAX; i++) {
    if (d->e[i] > 1 || d->e[i] < -1) return false;
    up += d->e[i] == 1;
  }
  return up == 1 || dim_is_none(d);
}

/* A chain of products and quotients as written, flattened: its factors,
 * the operator before each, and the grouping the parser gave it. */
typedef struct {
  const char *src;
  size_t len;
  const ast *leaf[SHAPE_MAX_FACTORS];
  bool wrapped[SHAPE_MAX_FACTORS]; /* written in parentheses */
  char op[SHAPE_MAX_FACTORS];      /* op[i] stands before leaf i: '*' or '/' */
  char pending;
  int n;
  unsigned mask; /* bit i: leaf i is below the line as parsed */
  buf read;      /* the grouping as parsed, in parentheses */
} shape_chain;

/* Is node n written in parentheses of its own: "(GB / month)"? */
static bool shape_wrapped(const char *src, size_t len, const ast *n) {
  size_t a = n->start, b = n->end;
  while (a > 0 && (src[a - 1] == ' ' || src[a - 1] == '\t')) a--;
  while (b < len && (src[b] == ' ' || src[b] == '\t')) b++;
  if (a == 0 || src[a - 1] != '(' || b >= len || src[b] != ')') return false;
  long depth = 0; /* "(a) / (b)": the span "a) / (b" is not wrapped */
  for (size_t i = n->start; i < n->end; i++) {
    if (src[i] == '(') depth++;
    else if (src[i] == ')' && --depth < 0) return false;
  }
  return depth == 0;
}

/* Appends a factor as written, in its parentheses if it had them. */
static void shape_leaf_text(buf *b, const shape_chain *c, int i) {
  const ast *n = c->leaf[i];
  if (c->wrapped[i]) buf_putc(b, '(');
  buf_add(b, c->src + n->start, n->end - n->start);
  if (c->wrapped[i]) buf_putc(b, ')');
}

/* Flattens n (below the line when `below`); false past SHAPE_MAX_FACTORS. */
static bool shape_flatten(shape_chain *c, const ast *n, bool root, bool below) {
  bool chain = (n->kind == N_MUL || n->kind == N_DIV) && (root || !shape_wrapped(c->src, c->len, n));
  if (!chain) {
    if (c->n == SHAPE_MAX_FACTORS) return false;
    c->leaf[c->n] = n;
    c->wrapped[c->n] = !root && shape_wrapped(c->src, c->len, n);
    c->op[c->n] = c->pending;
    if (below) c->mask |= 1u << c->n;
    shape_leaf_text(&c->read, c, c->n);
    c->n++;
    return true;
  }
  if (!root) buf_putc(&c->read, '(');
  if (!shape_flatten(c, n->a, false, below)) return false;
  c->pending = n->kind == N_MUL ? '*' : '/';
  buf_puts(&c->read, n->kind == N_MUL ? " * " : " / ");
  if (!shape_flatten(c, n->b, false, n->kind == N_DIV ? !below : below)) return false;
  if (!root) buf_putc(&c->read, ')');
  return true;
}

/* The groupings of leaves i..j: for each pattern of leaves below the line
 * (bit 0 is leaf i), the fewest parentheses that write it, and how. */
typedef struct {
  signed char cost;   /* parentheses; -1: no grouping gives this pattern */
  unsigned char k;    /* the split: i..k and k+1..j */
  unsigned char l, r; /* the patterns of the two sides, each as its own */
} shape_way;

#define SHAPE_WAY(w, i, j, m) (w)[((i)*SHAPE_MAX_FACTORS + (j)) * 256 + (m)]

static void shape_ways(const shape_chain *c, shape_way *w) {
  for (size_t x = 0; x < (size_t)SHAPE_MAX_FACTORS * SHAPE_MAX_FACTORS * 256; x++) w[x].cost = -1;
  for (int i = 0; i < c->n; i++) SHAPE_WAY(w, i, i, 0).cost = 0;
  for (int span = 1; span < c->n; span++)
    for (int i = 0; i + span < c->n; i++) {
      int j = i + span;
      for (int k = i; k < j; k++) {
        unsigned rfull = (1u << (j - k)) - 1;
        for (unsigned l = 0; l < 1u << (k + 1 - i); l++) {
          if (SHAPE_WAY(w, i, k, l).cost < 0) continue;
          for (unsigned r = 0; r <= rfull; r++) {
            if (SHAPE_WAY(w, k + 1, j, r).cost < 0) continue;
            unsigned rm = c->op[k + 1] == '/' ? r ^ rfull : r;
            unsigned m = l | rm << (k + 1 - i);
            int cost = SHAPE_WAY(w, i, k, l).cost + SHAPE_WAY(w, k + 1, j, r).cost + (j > k + 1);
            shape_way *to = &SHAPE_WAY(w, i, j, m);
            if (to->cost < 0 || cost < to->cost) {
              to->cost = (signed char)cost;
              to->k = (unsigned char)k;
              to->l = (unsigned char)l;
              to->r = (unsigned char)r;
            }
          }
        }
      }
    }
}

/* Writes leaves i..j grouped as pattern m, with the fewest parentheses. */
static void shape_write(buf *b, const shape_chain *c, const shape_way *w, int i, int j, unsigned m) {
  if (i == j) {
    shape_leaf_text(b, c, i);
    return;
  }
  const shape_way *x = &SHAPE_WAY(w, i, j, m);
  int k = x->k;
  shape_write(b, c, w, i, k, x->l);
  buf_puts(b, c->op[k + 1] == '*' ? " * " : " / ");
  if (j > k + 1) buf_putc(b, '(');
  shape_write(b, c, w, k + 1, j, x->r);
  if (j > k + 1) buf_putc(b, ')');
}

/* The dimension of leaves i..j grouped as pattern m into *t; false when
 * a group in parentheses is a plain number ("6 months / month"), which is
 * no likely meaning, or an exponent overflows. */
static bool shape_way_dim(const shape_chain *c, const shape_way *w, const dim *d, int i, int j, unsigned m, dim *t) {
  if (i == j) {
    *t = d[i];
    return true;
  }
  const shape_way *x = &SHAPE_WAY(w, i, j, m);
  int k = x->k;
  dim r;
  if (!shape_way_dim(c, w, d, i, k, x->l, t) || !shape_way_dim(c, w, d, k + 1, j, x->r, &r)) return false;
  if (j > k + 1 && dim_is_none(&r)) return false;
  return c->op[k + 1] == '*' ? dim_mul(t, t, &r) : dim_div(t, t, &r);
}

/* Stops the line for a cancellation or the end of its work budget (a note
 * is not worth less than its line); other failures only lose the note. */
static int shape_fatal(eval *E, int st, const err *e) {
  if (st == DS_E_CANCELLED || st == DS_E_NOMEM ||
      (st == DS_E_LIMIT && E->env->work > (unsigned long long)E->ctx->limits[DS_LIMIT_WORK] * 1000000ull)) {
    *E->e = *e;
    return st;
  }
  return DS_OK;
}

/* Evaluates the text of another grouping; when it gives dimension d (and
 * one value), keeps it in sl, with its value and the units it divided by. */
static int shape_try(eval *E, const char *text, size_t len, const dim *d, shape_line *sl) {
  err e;
  err_clear(&e);
  ast *root;
  int st = parse_expr_only(&root, &E->env->arena, text, len, (size_t)E->ctx->limits[DS_LIMIT_DEPTH], eval_is_fn, &e);
  if (st) return shape_fatal(E, st, &e);
  eval E3;
  eval_init(&E3, E->env, text, len, &e, NULL);
  E3.binary = E->binary;
  qty v;
  qty_init(&v);
  st = eval_node(&E3, root, &v);
  /* The note words the value: charged now, as the line's own writing is. */
  if (!st && dim_eq(&v.d, d) && !v.n.range && !(st = eval_charge(&E3, root, format_work(&v.n)))) {
    if (!(sl->regroup = buf_strndup(text, len))) st = err_set(&e, DS_E_NOMEM, 0, 0, "out of memory");
    if (!st) {
      qty_set(&sl->regroup_v, &v);
      st = shape_per(&E3, root, &sl->regroup_shape);
    }
  }
  qty_clear(&v);
  return st ? shape_fatal(E, st, &e) : DS_OK;
}

/* Another grouping of chain c that gives a usual unit, into sl. */
static int shape_regroup(eval *E, shape_chain *c, shape_line *sl) {
  int st = DS_OK;
  dim d[SHAPE_MAX_FACTORS];
  err e;
  err_clear(&e);
  eval E2 = *E;
  E2.used = NULL;
  E2.e = &e;
  for (int i = 0; i < c->n && !st; i++) {
    qty q;
    qty_init(&q);
    st = eval_node(&E2, c->leaf[i], &q);
    d[i] = q.d;
    qty_clear(&q);
  }
  if (st) return shape_fatal(E, st, &e);
  shape_way *w = malloc((size_t)SHAPE_MAX_FACTORS * SHAPE_MAX_FACTORS * 256 * sizeof *w);
  if (!w) return err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory");
  shape_ways(c, w);
  /* The patterns that give a usual unit, fewest leaves moved first. */
  unsigned full = (1u << c->n) - 1, pick[SHAPE_TRIES];
  int npick = 0;
  for (int moved = 1; moved <= c->n && npick < SHAPE_TRIES; moved++)
    for (int cost = 0; cost < SHAPE_MAX_FACTORS && npick < SHAPE_TRIES; cost++)
      for (unsigned m = 0; m <= full && npick < SHAPE_TRIES; m++) {
        if (SHAPE_WAY(w, 0, c->n - 1, m).cost != cost || __builtin_popcount(m ^ c->mask) != moved) continue;
        dim t;
        if (shape_way_dim(c, w, d, 0, c->n - 1, m, &t) && !dim_is_none(&t) && shape_usual(&t)) pick[npick++] = m;
      }
  for (int i = 0; i < npick && !st; i++) {
    buf text;
    buf_init(&text, 4096);
    shape_write(&text, c, w, 0, c->n - 1, pick[i]);
    dim t;
    shape_way_dim(c, w, d, 0, c->n - 1, pick[i], &t);
    if (text.s && !text.failed) st = shape_try(E, text.s, text.len, &t, sl);
    buf_free(&text);
    if (sl->regroup) break;
  }
  free(w);
  return st;
}

int shape_unusual(eval *E, const ast *expr, const dim *d, shape_line **out) {
  if (shape_usual(d)) return DS_OK;
  if (!*out && !(*out = shape_line_new())) return err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory");
  shape_line *sl = *out;
  sl->unusual = true;
  shape_chain c;
  memset(&c, 0, sizeof c);
  c.src = E->src;
  c.len = E->len;
  buf_init(&c.read, 1 << 16);
  int st = DS_OK;
  if (expr->end - expr->start <= SHAPE_NOTE_SOURCE && shape_flatten(&c, expr, true, false) && c.n >= 3 && c.read.s) {
    if (!(sl->read_as = buf_take(&c.read))) st = err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory");
    if (!st) st = shape_regroup(E, &c, sl);
  }
  buf_free(&c.read);
  return st;
}
