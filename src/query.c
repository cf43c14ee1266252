/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * query.c -- listings of what a context knows, for the REPL and notebooks:
 * completions, the units list and search (as text and as JSON rows), the
 * assumptions in force.
 *
 * Read-only over the registry and the session; every listing is one
 * string of lines built in a buf and handed to the caller.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "catalog.h"
#include "ctx.h"
#include "eval.h"
#include "json.h"

#define QUERY_MAX (4u << 20)

static int query_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

typedef struct {
  char **v;
  size_t n, cap;
} query_list;

static void query_add(query_list *l, const char *a, const char *b, const char *start) {
  size_t la = strlen(a), lb = b ? strlen(b) : 0, lp = strlen(start);
  /* a+b must begin with start */
  if (lp > la + lb) return;
  if (lp <= la ? strncmp(a, start, lp) != 0 : strncmp(a, start, la) != 0 || strncmp(b, start + la, lp - la) != 0)
    return;
  if (l->n == l->cap) {
    size_t nc = l->cap ? l->cap * 2 : 256;
    char **nv = realloc(l->v, nc * sizeof *nv);
    if (!nv) return;
    l->v = nv;
    l->cap = nc;
  }
  char *s = malloc(la + lb + 1);
  if (!s) return;
  memcpy(s, a, la);
  if (lb) memcpy(s + la, b, lb);
  s[la + lb] = 0;
  l->v[l->n++] = s;
}

/* A prefixed spelling, offered only when the registry accepts it: "kb"
 * (k + the bit's symbol b) is refused as ambiguous, kbit or kB. */
static void query_add_prefixed(query_list *l, const units *r, const char *pre, const char *key, const char *start) {
  size_t n = l->n;
  query_add(l, pre, key, start);
  units_match m;
  if (l->n > n && !units_lookup(r, l->v[n], strlen(l->v[n]), &m)) free(l->v[--l->n]);
}

/* "tebib" could go on as tebibit or tebibyte; bytes are what people mean
 * far more often, so while the typed text stops before "bit"/"byte" part
 * ways, a bit spelling yields to its byte twin (tebib<Tab> -> tebibyte).
 * Typing "tebibi" still completes tebibit. */
static bool query_bit_yields(const query_list *l, const char *cand, size_t typed) {
  size_t n = strlen(cand), stem;
  if (n >= 3 && strcmp(cand + n - 3, "bit") == 0) stem = n - 3;
  else if (n >= 4 && strcmp(cand + n - 4, "bits") == 0) stem = n - 4;
  else return false;
  if (typed > stem + 1) return false; /* "tebibi": the user chose bits */
  char twin[256];
  if (stem + 6 >= sizeof twin) return false;
  memcpy(twin, cand, stem);
  strcpy(twin + stem, cand[n - 1] == 's' ? "bytes" : "byte");
  for (size_t i = 0; i < l->n; i++)
    if (strcmp(l->v[i], twin) == 0) return true;
  return false;
}

char *ds_ctx_completions(const ds_ctx *ctx, const char *start) {
  if (!ctx) return NULL;
  if (!start) start = "";
  query_list l = {NULL, 0, 0};
  const units *r = &ctx->s.reg;
  units_all(r); /* every unit and spelling: the catalogue too */
  for (size_t i = 0; i < r->names.cap; i++) {
    const map_entry *e = &r->names.slots[i];
    if (!e->key) continue;
    query_add(&l, e->key, NULL, start);
    long ui;
    unsigned kinds;
    units_name_entry(e->val, &ui, &kinds);
    const unit *u = &r->units[ui];
    for (size_t k = 0; k < units_nprefixes; k++) {
      const prefix *p = &units_prefixes[k];
      if (!(u->flags & p->family)) continue;
      if (p->word && (kinds & (SPELL_WORD | SPELL_PLURAL))) query_add_prefixed(&l, r, p->word, e->key, start);
      if (kinds & SPELL_SYMBOL) query_add_prefixed(&l, r, p->sym, e->key, start);
    }
  }
  /* items as output prints them ("DVDs", "Blu-rays", "hours of HD video"): a
   * name of several words or with a hyphen is for after to, in or as */
  for (size_t i = 0; i < r->nunits; i++) {
    const unit *u = &r->units[i];
    if (!(u->flags & UNIT_ITEM) || !u->item || !u->item->one || !units_in_force(r, i)) continue;
    query_add(&l, u->item->one, NULL, start);
    if (u->item->many) query_add(&l, u->item->many, NULL, start);
  }
  for (size_t i = 0; i < ctx->s.nvars; i++) query_add(&l, ctx->s.vars[i].name, NULL, start);
  for (size_t i = 0; i < eval_nfns; i++) query_add(&l, eval_fns[i].name, "(", start); /* the evaluator's table */
  if (l.n) qsort(l.v, l.n, sizeof *l.v, query_cmp);
  buf b;
  buf_init(&b, QUERY_MAX);
  for (size_t i = 0; i < l.n; i++) {
    if (i > 0 && strcmp(l.v[i], l.v[i - 1]) == 0) continue;
    if (query_bit_yields(&l, l.v[i], strlen(start))) continue;
    buf_puts(&b, l.v[i]);
    buf_putc(&b, '\n');
  }
  for (size_t i = 0; i < l.n; i++) free(l.v[i]);
  free(l.v);
  char *s = buf_take(&b);
  return s;
}

/* A byte of a word: a letter, a digit or part of a UTF-8 character;
 * anything else separates words ("hd_hour", "4 Mbit/s"). */
static bool query_wordch(char ch) {
  unsigned char c = (unsigned char)ch;
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80;
}

static char query_lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c; }

/* Does `text` hold the words of `filter` in a row, each word of the text
 * starting with the filter's word, in any case? "photo" matches "photos"
 * and "heic_photo", "hd video" matches "hours_of_hd_video"; "ms" matches
 * neither "items" nor "streams". A filter with no word matches anything. */
static bool query_words(const char *text, const char *filter) {
  const char *q0 = filter;
  while (*q0 && !query_wordch(*q0)) q0++;
  if (!*q0) return true;
  if (!text) return false;
  for (const char *t = text; *t; t++) {
    if (!query_wordch(*t) || (t > text && query_wordch(t[-1]))) continue; /* not the start of a word */
    const char *p = t, *q = q0;
    for (;;) {
      while (query_wordch(*q) && query_lower(*q) == query_lower(*p)) p++, q++;
      if (query_wordch(*q)) break; /* this word does not start so */
      while (*q && !query_wordch(*q)) q++;
      if (!*q) return true; /* every word matched */
      while (query_wordch(*p)) p++;
      while (*p && !query_wordch(*p)) p++;
      if (!*p) break; /* the text ends before the filter */
    }
  }
  return false;
}

/* Is unit i listed for `filter`: the definition in force for its name,
 * with a word of a spelling, the definition or the description that starts
 * so (query_words)? */
static bool query_listed(const units *r, size_t i, const char *filter) {
  const unit *u = &r->units[i];
  if (!units_in_force(r, i)) return false;
  bool hit = query_words(u->def, filter) || (u->item && query_words(u->item->about, filter));
  for (size_t k = 0; k < u->nnames && !hit; k++) hit = query_words(u->names[k], filter);
  return hit;
}

char *ds_ctx_units(const ds_ctx *ctx, const char *filter) {
  if (!ctx) return NULL;
  if (!filter) filter = "";
  const units *r = &ctx->s.reg;
  units_all(r); /* every unit and spelling: the catalogue too */
  buf b;
  buf_init(&b, QUERY_MAX);
  for (size_t i = 0; i < r->nunits; i++) {
    const unit *u = &r->units[i];
    if (!query_listed(r, i, filter)) continue;
    buf_puts(&b, u->word);
    /* Each spelling once: "bit" and "bits" are symbols too (for kbit). */
    size_t shown = 0;
    for (size_t k = 1; k < u->nnames; k++) {
      bool again = false;
      for (size_t j = 0; j < k && !again; j++) again = strcmp(u->names[j], u->names[k]) == 0;
      if (!again) buf_printf(&b, "%s%s", shown++ ? ", " : " (", u->names[k]);
    }
    if (shown) buf_putc(&b, ')');
    buf_printf(&b, " = %s", u->def);
    if (u->item && u->item->about) buf_printf(&b, " -- %s", u->item->about);
    if (u->flags & UNIT_SI_UP) buf_puts(&b, " [SI prefixes k..Q]");
    if (u->flags & UNIT_IEC) buf_puts(&b, " [IEC prefixes Ki..Qi]");
    if (u->flags & UNIT_SI_DOWN) buf_puts(&b, " [SI prefixes m..q]");
    buf_putc(&b, '\n');
  }
  return buf_take(&b);
}

/* "key": the information q holds in bytes, or null when q is not a
 * quantity of information (or not known). */
static void query_json_bytes(buf *b, const char *key, const qty *q, int info) {
  json_key(b, key, false);
  bool is_info = q && info >= 0;
  for (int d = 0; is_info && d < DIM_MAX; d++) is_info = q->d.e[d] == (d == info ? 1 : 0);
  if (!is_info) {
    buf_puts(b, "null");
    return;
  }
  json_double(b, mpq_get_d(q->n.lo) / 8); /* the base of information is the bit */
}

char *ds_ctx_units_json(ds_ctx *ctx, const char *filter) {
  if (!ctx) return NULL;
  if (!filter) filter = "";
  units *r = &ctx->s.reg;
  units_all(r); /* every unit and spelling: the catalogue too */
  int info = units_std_dim(r, UNITS_DIM_INFORMATION);
  buf b;
  buf_init(&b, QUERY_MAX);
  for (size_t i = 0; i < r->nunits; i++) {
    if (!query_listed(r, i, filter)) continue;
    err e;
    err_clear(&e);
    /* an item's size and range, resolved on first use; a definition that
     * fails to resolve is listed with null figures */
    bool ready = units_ready(r, (long)i, r->units[i].item != NULL, &e) == DS_OK;
    const unit *u = &r->units[i];
    const unit_item *it = u->item;
    buf_putc(&b, '{');
    json_key(&b, "kind", true);
    buf_puts(&b, it ? "\"item\"" : "\"unit\"");
    json_opt_string(&b, "name", u->word);
    json_opt_string(&b, "plural", u->plural);
    json_key(&b, "spellings", false);
    buf_putc(&b, '[');
    size_t shown = 0;
    for (size_t k = 1; k < u->nnames; k++) {
      bool again = strcmp(u->names[k], u->word) == 0 || (u->plural && strcmp(u->names[k], u->plural) == 0);
      for (size_t j = 1; j < k && !again; j++) again = strcmp(u->names[j], u->names[k]) == 0;
      if (again) continue;
      if (shown++) buf_putc(&b, ',');
      json_string(&b, u->names[k], strlen(u->names[k]));
    }
    buf_putc(&b, ']');
    json_opt_string(&b, "definition", u->def);
    query_json_bytes(&b, "bytes", ready ? units_value(u, false) : NULL, info);
    if (it) {
      json_opt_string(&b, "range", it->range);
      query_json_bytes(&b, "low", ready && it->range_ready ? &it->low : NULL, info);
      query_json_bytes(&b, "high", ready && it->range_ready ? &it->high : NULL, info);
      json_opt_string(&b, "about", it->about);
      json_opt_string(&b, "source", it->source);
      json_opt_string(&b, "url", it->url);
      json_key(&b, "year", false);
      if (it->year) buf_printf(&b, "%ld", it->year);
      else buf_puts(&b, "null");
      json_opt_string(&b, "reading", it->reading);
      json_key(&b, "compare", false);
      buf_puts(&b, it->compare ? "true" : "false");
      long v = session_find_var(&ctx->s, u->word, strlen(u->word));
      json_opt_string(&b, "overridden", v >= 0 ? ctx->s.vars[v].text : NULL);
    }
    buf_puts(&b, "}\n");
  }
  return buf_take(&b);
}

/* Where a variable came from: "set in this session", or its source. */
static const char *query_var_source(const session_var *v) { return v->source[0] ? v->source : "set in this session"; }

/* Item i's size as the equivalents table writes it ("6.72 MB"), or its
 * definition when it cannot be resolved. */
static void query_item_size(const ds_ctx *ctx, size_t i, buf *b) {
  units *r = (units *)&ctx->s.reg; /* resolved on first use: that changes no answer */
  char *s = catalog_item_size(r, (long)i);
  buf_puts(b, s ? s : r->units[i].def);
  free(s);
}

/* ds_ctx_assumptions, or with `changed` only what differs from the
 * catalogue. */
static char *query_assumptions(const ds_ctx *ctx, bool changed) {
  if (!ctx) return NULL;
  const units *r = &ctx->s.reg;
  units_all(r); /* every unit and spelling: the catalogue too */
  buf b;
  buf_init(&b, QUERY_MAX);
  for (size_t i = 0; i < r->nunits; i++) {
    const unit *u = &r->units[i];
    if (!(u->flags & UNIT_ITEM) || !units_in_force(r, i)) continue;
    long v = session_find_var(&ctx->s, u->word, strlen(u->word));
    const unit_item *it = u->item;
    bool builtin = i < r->nbuiltin;
    if (changed && v < 0 && builtin) continue;
    if (v >= 0) { /* the user's figure: never the catalogue's source beside it */
      buf_printf(&b, "%s = %s -- %s; replaces %s ", u->word, ctx->s.vars[v].text, query_var_source(&ctx->s.vars[v]),
                 builtin ? "the catalogue's" : "the units file's");
      query_item_size(ctx, i, &b);
    } else {
      buf_printf(&b, "%s = ", u->word);
      query_item_size(ctx, i, &b);
      buf_puts(&b, " -- ");
      if (!builtin) buf_printf(&b, "units file %s:%ld%s", u->file, u->line, it && it->source ? ": " : "");
      else buf_puts(&b, "catalogue: ");
      if (it && it->source) buf_puts(&b, it->source);
      if (it && it->year) buf_printf(&b, ", %ld", it->year);
    }
    buf_putc(&b, '\n');
  }
  for (size_t i = 0; i < ctx->s.nvars; i++) {
    units_match m;
    const char *nm = ctx->s.vars[i].name;
    if (units_lookup(r, nm, strlen(nm), &m) && !m.pf && (m.u->flags & UNIT_ITEM)) continue; /* listed above */
    buf_printf(&b, "%s = %s -- %s\n", nm, ctx->s.vars[i].text, query_var_source(&ctx->s.vars[i]));
  }
  return buf_take(&b);
}

char *ds_ctx_assumptions(const ds_ctx *ctx) { return query_assumptions(ctx, false); }
char *ds_ctx_assumptions_changed(const ds_ctx *ctx) { return query_assumptions(ctx, true); }
