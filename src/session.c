/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * session.c -- the state of a session, apart from any phase's scratch: the
 * unit registry, the variables bound by assignments, the previous result
 * (ans), the settings (reading, style, explanations, warnings) and the
 * limits with their ranges.
 *
 * Nothing here evaluates: the evaluator reads and binds variables through
 * these functions, and the API (ctx.c) owns the session inside a ds_ctx.
 */
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lex.h"
#include "real.h"

/* Default, smallest and largest value of each DS_LIMIT_*. */
static const long session_limit_default[DS_LIMIT_COUNT_] = {1000, 1L << 20, 1L << 24, 6, 128, 512};
static const long session_limit_min[DS_LIMIT_COUNT_] = {1, 1, 64, 1, 53, 1};
static const long session_limit_max[DS_LIMIT_COUNT_] = {5000, 16L << 20, 1L << 28, 1000, REAL_PRECISION_MAX, 1L << 20};

void session_init(session *s) {
  memset(s, 0, sizeof *s);
  units_init(&s->reg);
  map_init(&s->varindex);
  qty_init(&s->ans);
  memcpy(s->limits, session_limit_default, sizeof s->limits);
}

void session_free(session *s) {
  units_free(&s->reg);
  for (size_t i = 0; i < s->nvars; i++) {
    free(s->vars[i].name);
    free(s->vars[i].text);
    qty_clear(&s->vars[i].value);
    qty_clear(&s->vars[i].other);
  }
  free(s->vars);
  map_free(&s->varindex);
  qty_clear(&s->ans);
}

long session_limit(session *s, int id, long value) {
  if (id < 0 || id >= DS_LIMIT_COUNT_) return -1;
  long old = s->limits[id];
  if (value >= 0) {
    if (value < session_limit_min[id]) value = session_limit_min[id];
    if (value > session_limit_max[id]) value = session_limit_max[id];
    s->limits[id] = value;
  }
  return old;
}

/* FNV-1a of a key, and its length in *n: keys share their first bytes ("D
 * KB", "D MB"), so the list is searched by hash, then compared. */
static unsigned session_given_hash(const char *key, size_t *n) {
  unsigned h = 2166136261u;
  size_t i = 0;
  for (; key[i]; i++) h = (h ^ (unsigned char)key[i]) * 16777619u;
  *n = i;
  return h;
}

static bool session_given_at(const session *s, const char *key, unsigned h) {
  for (int i = 0; i < s->ngiven; i++)
    if (s->given_hash[i] == h && strcmp(s->given[i], key) == 0) return true;
  return false;
}

bool session_given(const session *s, const char *key) {
  size_t n;
  return session_given_at(s, key, session_given_hash(key, &n));
}

void session_give(session *s, const char *key) {
  size_t n;
  unsigned h = session_given_hash(key, &n);
  if (s->ngiven >= SESSION_MAX_GIVEN || n >= SESSION_GIVEN_LEN || session_given_at(s, key, h)) return;
  s->given_hash[s->ngiven] = h;
  memcpy(s->given[s->ngiven++], key, n + 1);
}

long session_find_var(const session *s, const char *name, size_t len) { return map_get(&s->varindex, name, len); }

bool session_set_var(session *s, const char *name, size_t len, const qty *v, const char *text, size_t tlen) {
  long i = session_find_var(s, name, len);
  char *t = malloc(tlen + 1);
  if (!t) return false;
  memcpy(t, text, tlen);
  t[tlen] = 0;
  if (i < 0) {
    if (s->nvars == s->capvars) {
      size_t nc = s->capvars ? s->capvars * 2 : 16;
      session_var *nv = realloc(s->vars, nc * sizeof *nv);
      if (!nv) {
        free(t);
        return false;
      }
      s->vars = nv;
      s->capvars = nc;
    }
    session_var *cv = &s->vars[s->nvars];
    if (!(cv->name = malloc(len + 1)) || !map_put(&s->varindex, name, len, (long)s->nvars)) {
      free(cv->name);
      free(t);
      return false;
    }
    memcpy(cv->name, name, len);
    cv->name[len] = 0;
    cv->text = NULL;
    qty_init(&cv->value);
    qty_init(&cv->other);
    i = (long)s->nvars++;
  }
  free(s->vars[i].text);
  s->vars[i].text = t;
  qty_set(&s->vars[i].value, v);
  s->vars[i].binary = s->binary;
  s->vars[i].has_other = false;
  s->vars[i].legacy[0] = 0;
  memcpy(s->vars[i].source, s->source, sizeof s->source);
  return true;
}

void session_var_reading(session *s, long i, bool binary, const qty *other, const char *legacy) {
  session_var *v = &s->vars[i];
  v->binary = binary;
  v->has_other = other != NULL;
  if (other) qty_set(&v->other, other);
  snprintf(v->legacy, sizeof v->legacy, "%s", legacy);
}

const qty *session_var_value(const session_var *v, bool binary) {
  return v->has_other && binary != v->binary ? &v->other : &v->value;
}

bool session_save_var(const session *s, const char *name, size_t len, session_saved *sv) {
  memset(sv, 0, sizeof *sv);
  long i = session_find_var(s, name, len);
  if (i < 0) return true;
  const session_var *v = &s->vars[i];
  char *t = malloc(strlen(v->text) + 1);
  if (!t) return false;
  strcpy(t, v->text);
  sv->had = true;
  sv->v = *v; /* the flags and spellings; the strings and numbers copied here */
  sv->v.name = NULL;
  sv->v.text = t;
  qty_init(&sv->v.value);
  qty_init(&sv->v.other);
  qty_set(&sv->v.value, &v->value);
  qty_set(&sv->v.other, &v->other);
  return true;
}

void session_saved_free(session_saved *sv) {
  if (sv->had) {
    free(sv->v.text);
    qty_clear(&sv->v.value);
    qty_clear(&sv->v.other);
  }
  memset(sv, 0, sizeof *sv);
}

bool session_restore_var(session *s, const char *name, size_t len, session_saved *sv) {
  bool ok = true;
  if (!sv->had) {
    session_unset_var(s, name, len);
  } else if ((ok = session_set_var(s, name, len, &sv->v.value, sv->v.text, strlen(sv->v.text)))) {
    long i = session_find_var(s, name, len);
    s->vars[i].binary = sv->v.binary;
    s->vars[i].has_other = sv->v.has_other;
    qty_set(&s->vars[i].other, &sv->v.other);
    memcpy(s->vars[i].legacy, sv->v.legacy, sizeof sv->v.legacy);
    memcpy(s->vars[i].source, sv->v.source, sizeof sv->v.source);
  }
  session_saved_free(sv);
  return ok;
}

bool session_unset_var(session *s, const char *name, size_t len) {
  long i = session_find_var(s, name, len);
  if (i < 0) return false;
  /* Move the last variable into the hole and rebuild the index. */
  session_var *cv = &s->vars[i];
  free(cv->name);
  free(cv->text);
  qty_clear(&cv->value);
  qty_clear(&cv->other);
  s->vars[i] = s->vars[--s->nvars];
  map_free(&s->varindex);
  for (size_t k = 0; k < s->nvars; k++) map_put(&s->varindex, s->vars[k].name, strlen(s->vars[k].name), (long)k);
  return true;
}

int session_check_line(const session *ctx, const char *src, size_t len, err *e) {
  if (len > (size_t)ctx->limits[DS_LIMIT_LINE])
    return err_set(e, DS_E_LIMIT, 0, 0, "line too long: %zu bytes (limit %ld)", len, ctx->limits[DS_LIMIT_LINE]);
  size_t bad = lex_check_encoding(src, len);
  if (bad) {
    unsigned char c = (unsigned char)src[bad - 1];
    if (c == 0) return err_set(e, DS_E_ENCODING, bad - 1, bad, "NUL byte in input");
    if (c < 0x80) return err_set(e, DS_E_ENCODING, bad - 1, bad, "control character 0x%02x in input", c);
    size_t k = lex_utf8_len(src + bad - 1, len - bad + 1);
    if (k)
      return err_set(e, DS_E_ENCODING, bad - 1, bad - 1 + k, "control character U+%04X in input",
                     k == 2 ? (unsigned)(((unsigned char)src[bad - 1] & 0x1f) << 6 | ((unsigned char)src[bad] & 0x3f))
                            : 0x2028u + ((unsigned char)src[bad + 1] == 0xa9));
    return err_set(e, DS_E_ENCODING, bad - 1, bad, "invalid UTF-8 in input");
  }
  return DS_OK;
}

int session_digits_shown(const session *s) {
  long d = s->limits[DS_LIMIT_DIGITS];
  if (d < 3) d = 3;
  if (s->explain != DS_EXPLAIN_OFF && d < 21) d = 21;
  return (int)d;
}
