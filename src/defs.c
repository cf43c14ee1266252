/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * defs.c -- reads definitions files into the registry.
 *
 * The syntax (see data/units.def) is one definition a line:
 *
 *   word[/plural] [symbol ...] = EXPRESSION [@flag ...] [# comment]
 *   word ... = !dimension
 *   !ambiguous SPELLING = CANDIDATE ...
 *
 * Loading is two-phase: every line is read and added first, then each unit
 * is resolved (its expression evaluated) with three-colour depth-first
 * search, so forward references work and cycles are reported with their
 * path. Errors name FILE:LINE:COLUMN; a failed load leaves the registry as
 * it was.
 */
#include "defs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "eval.h"
#include "lex.h"

#define DEFS_MAX_NAMES 32
#define DEFS_LINE_MAX 65536
/* Work charged for adding one unit (DS_LIMIT_WORK, steps of about a
 * nanosecond), besides the arithmetic of its definition: reading and
 * indexing a short definition takes half a microsecond or more. At the
 * default limit the 500,000 units a registry may hold (UNITS_MAX_UNITS)
 * take half of the budget, so the arithmetic of short definitions fits. */
#define DEFS_UNIT_WORK 500ull

static const struct {
  const char *name;
  unsigned flag;
} defs_flags[] = {
    {"si-up", UNIT_SI_UP}, {"si-down", UNIT_SI_DOWN}, {"iec", UNIT_IEC},           {"legacy", UNIT_LEGACY},
    {"bits", UNIT_BITS},   {"bytes", UNIT_BYTES},     {"calendar", UNIT_CALENDAR},
};

typedef struct {
  const char *file;
  long line;
  const char *text; /* the line */
  size_t len;
  err *e;
  const units *reg; /* the registry, for defs_reserved; NULL for the built-in files */
  defs_reader *D;   /* for defs_syntax and defs_room; NULL for the built-in files */
  ast_arena *ar;    /* reused by defs_syntax for every line */
} defs_loc;

static int defs_error(const defs_loc *l, size_t off, const char *msg) {
  long col = lex_column(l->text, l->len, off);
  return err_set(l->e, DS_E_DEFS, off, off, "%s:%ld:%ld: %s", l->file, l->line, col, msg);
}

static bool defs_space(char c) { return c == ' ' || c == '\t'; }

/* Is s[0..n) one identifier token? The built-in files (l->reg NULL) are
 * not checked here: test_defs checks each of their spellings. */
static bool defs_is_name(const defs_loc *l, const char *s, size_t n) {
  if (!l->reg) return n > 0;
  lex_state ls;
  lex_init(&ls, s, n);
  return lex_next(&ls) == 0 && ls.tok.kind == TK_NAME && ls.tok.start == 0 && ls.tok.end == n;
}

/* Refuses a name the language keeps for itself (eval_reserved): a unit
 * called "to" or "range" would be defined and never used, one called
 * "sqrt" would be read as the function before "(". A function's name that
 * is already a spelling (min, the minute's symbol in the built-in file)
 * may be defined again. The built-in files are not checked here
 * (test_defs does). */
static int defs_reserved(const defs_loc *l, size_t off, size_t n) {
  if (!l->reg) return DS_OK;
  const char *why = eval_reserved(l->text + off, n);
  if (!why || (eval_is_fn(l->text + off, n) && map_get(&l->reg->names, l->text + off, n) >= 0)) return DS_OK;
  char msg[128];
  snprintf(msg, sizeof msg, "'%.*s' %s and cannot name a unit", (int)n, l->text + off, why);
  return defs_error(l, off, msg);
}

/* Parses a definition's expression, l->text[ds..de), without evaluating
 * it: a syntax error stops the load at its line, before the rest of the
 * file is read and anything is resolved. The message and column are those
 * the evaluation would give. The built-in files are not checked here. */
static int defs_syntax(const defs_loc *l, size_t ds, size_t de) {
  if (!l->D) return DS_OK;
  ast *root;
  err inner;
  err_clear(&inner);
  int st = parse_expr_only(&root, l->ar, l->text + ds, de - ds, (size_t)l->D->env->s->limits[DS_LIMIT_DEPTH],
                           eval_is_fn, &inner);
  ast_arena_reset(l->ar);
  if (!st) return DS_OK;
  return defs_error(l, ds + (inner.start == SIZE_MAX ? 0 : inner.start), inner.msg);
}

/* Before a unit is added: the registry has room for it (UNITS_MAX_UNITS,
 * UNITS_MAX_NAMES, which bound the memory of a load whatever the file
 * holds) and the work of adding it fits the limit (DEFS_UNIT_WORK each). */
static int defs_room(const defs_loc *l, size_t off) {
  if (!l->D) return DS_OK;
  eval_env *env = l->D->env;
  const session *ctx = env->s;
  char msg[160];
  if (ctx->reg.nunits >= UNITS_MAX_UNITS) {
    snprintf(msg, sizeof msg, "too many units: at most %d in all, built-in ones included", UNITS_MAX_UNITS);
    return defs_error(l, off, msg);
  }
  if (ctx->reg.names.count >= UNITS_MAX_NAMES) {
    snprintf(msg, sizeof msg, "too many names: at most %d spellings in all, built-in ones included", UNITS_MAX_NAMES);
    return defs_error(l, off, msg);
  }
  env->work += DEFS_UNIT_WORK;
  if (env->work > (unsigned long long)ctx->limits[DS_LIMIT_WORK] * 1000000ull) {
    snprintf(msg, sizeof msg, "too much work: the definitions would take more than %ld million steps (the work limit)",
             ctx->limits[DS_LIMIT_WORK]);
    return defs_error(l, off, msg);
  }
  return DS_OK;
}

/* The error for s[off..off+n) of the line, which is not a name: an
 * invisible or space character in it is named by its code point (it is
 * what the reader cannot see), anything else gets `msg`. */
static int defs_name_error(const defs_loc *l, size_t off, size_t n, const char *msg) {
  unsigned long cp;
  size_t at = lex_find_unseen(l->text + off, n, &cp);
  if (!at) return defs_error(l, off, msg);
  char what[64], m[128];
  lex_char_text(cp, what, sizeof what);
  snprintf(m, sizeof m, "%s%s in a name", lex_char_kind(cp) == LEX_CH_INVISIBLE ? "invisible character " : "", what);
  return defs_error(l, off + at - 1, m);
}

/* "!ambiguous NAME = CANDIDATES" */
static int defs_ambiguous(defs_reader *D, const defs_loc *l, size_t p) {
  const char *s = l->text;
  size_t n = l->len;
  while (p < n && defs_space(s[p])) p++;
  size_t ns = p;
  while (p < n && !defs_space(s[p]) && s[p] != '=') p++;
  size_t ne = p;
  while (p < n && defs_space(s[p])) p++;
  if (ns == ne || p >= n || s[p] != '=') return defs_error(l, p, "expected !ambiguous NAME = CANDIDATE ...");
  p++;
  size_t ce = n;
  const char *hash = memchr(s + p, '#', n - p);
  if (hash) ce = (size_t)(hash - s);
  char *name = buf_strndup(s + ns, ne - ns), *cands = buf_strndup(s + p, ce - p);
  bool ok = name && cands && units_add_ambiguous(D->reg, name, cands);
  free(name);
  free(cands);
  return ok ? DS_OK : err_set(l->e, DS_E_NOMEM, 0, 0, "out of memory");
}

/* A catalogue block being read: "[word/plural]" then "key: value" lines. */
typedef struct {
  bool open;
  long line; /* the header's line */
  char *word, *plural;
  char *names[DEFS_MAX_NAMES];
  size_t nnames;
  char *size; /* the typical size, an expression */
  long size_line;
  size_t size_col;
  unit_item *item;
} defs_block;

static void defs_block_reset(defs_block *b) {
  free(b->word);
  free(b->plural);
  for (size_t i = 0; i < b->nnames; i++) free(b->names[i]);
  free(b->size);
  units_item_free(b->item);
  memset(b, 0, sizeof *b);
}

/* Adds the block read so far as a unit flagged UNIT_ITEM. */
static int defs_block_end(defs_reader *D, defs_block *b, const char *file, err *e) {
  if (!b->open) return DS_OK;
  int st = DS_OK;
  if (!b->size) {
    st = err_set(e, DS_E_DEFS, SIZE_MAX, SIZE_MAX, "%s:%ld:1: the item [%s] has no 'size:' line", file, b->line,
                 b->word);
  } else {
    long idx =
        units_add(D->reg, b->word, b->plural, b->names, b->nnames, UNIT_ITEM, b->size, file, b->size_line, b->size_col);
    if (idx < 0) st = err_set(e, DS_E_NOMEM, 0, 0, "out of memory");
    else D->reg->units[idx].item = b->item, b->item = NULL;
  }
  defs_block_reset(b);
  return st;
}

static const struct {
  const char *name;
  size_t len;
} defs_keys[] = {{"size", 4}, {"range", 5},   {"aliases", 7}, {"about", 5},   {"source", 6}, {"url", 3},
                 {"year", 4}, {"reading", 7}, {"compare", 7}, {"display", 7}, {"short", 5},  {"bound", 5}};

/* Does the line start with "word:" (a key of a catalogue block)? */
static bool defs_is_key(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || s[i] == '_')) i++;
  return i > 0 && i < n && s[i] == ':';
}

/* "display: hour of HD video / hours of HD video": both names, each
 * letters, digits, spaces and hyphens (so it reads back as a target).
 * Takes v. */
static int defs_display(const defs_loc *l, unit_item *it, char *v, size_t vs) {
  char *slash = strstr(v, " / ");
  size_t n1 = slash ? (size_t)(slash - v) : 0;
  const char *two = slash ? slash + 3 : "";
  int st = DS_OK;
  if (!slash || !n1 || !*two || strstr(two, " / ")) st = defs_error(l, vs, "display must be SINGULAR / PLURAL");
  for (const char *p = v; !st && *p; p++) {
    unsigned char c = (unsigned char)*p;
    bool ok = c >= 0x80 || c == ' ' || c == '-' || c == '/' || (c >= '0' && c <= '9') ||
              ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    if (!ok) st = defs_error(l, vs + (size_t)(p - v), "a display name has only letters, digits, spaces and hyphens");
  }
  if (!st) {
    free(it->one);
    free(it->many);
    it->one = buf_strndup(v, n1);
    it->many = buf_strndup(two, strlen(two));
    if (!it->one || !it->many) st = err_set(l->e, DS_E_NOMEM, 0, 0, "out of memory");
  }
  free(v);
  return st;
}

/* One line inside or opening a catalogue block. */
static int defs_block_line(defs_reader *D, defs_block *b, const defs_loc *l, size_t p) {
  const char *s = l->text;
  size_t n = l->len;
  while (n > p && defs_space(s[n - 1])) n--;
  if (s[p] == '[') {
    int st = defs_block_end(D, b, l->file, l->e);
    if (st) return st;
    if (s[n - 1] != ']') return defs_error(l, n, "expected ']' to close the item name");
    size_t ws = p + 1, we = n - 1;
    const char *slash = memchr(s + ws, '/', we - ws);
    size_t se = slash ? (size_t)(slash - s) : we;
    if (!defs_is_name(l, s + ws, se - ws))
      return defs_name_error(l, ws, se - ws, "an item name must be a name (letters, digits, '_')");
    if (slash && !defs_is_name(l, slash + 1, we - se - 1))
      return defs_name_error(l, se + 1, we - se - 1, "a plural must be a name");
    int rst = defs_reserved(l, ws, se - ws);
    if (!rst && slash) rst = defs_reserved(l, se + 1, we - se - 1);
    if (!rst) rst = defs_room(l, p);
    if (rst) return rst;
    b->open = true;
    b->line = l->line;
    b->word = buf_strndup(s + ws, se - ws);
    b->plural = slash ? buf_strndup(slash + 1, we - se - 1) : NULL;
    b->item = calloc(1, sizeof *b->item);
    if (!b->word || (slash && !b->plural) || !b->item) return err_set(l->e, DS_E_NOMEM, 0, 0, "out of memory");
    qty_init(&b->item->low);
    qty_init(&b->item->high);
    b->item->year = 0;
    return DS_OK;
  }
  const char *colon = memchr(s + p, ':', n - p);
  if (!colon) return defs_error(l, p, "expected KEY: VALUE inside an item (or a new [item])");
  size_t ks = p, ke = (size_t)(colon - s), vs = ke + 1;
  while (vs < n && defs_space(s[vs])) vs++;
  int key = -1;
  for (size_t k = 0; key < 0 && k < sizeof defs_keys / sizeof defs_keys[0]; k++)
    if (defs_keys[k].len == ke - ks && memcmp(s + ks, defs_keys[k].name, ke - ks) == 0) key = (int)k;
  if (key < 0)
    return defs_error(l, ks,
                      "unknown key (known: size range aliases about source url year reading compare display short "
                      "bound)");
  if (key <= 1) { /* size and range are expressions */
    int sst = vs < n ? defs_syntax(l, vs, n) : DS_OK;
    if (sst) return sst;
  }
  char *v = buf_strndup(s + vs, n - vs);
  if (!v) return err_set(l->e, DS_E_NOMEM, 0, 0, "out of memory");
  unit_item *it = b->item;
  switch (key) {
  case 0:
    free(b->size);
    b->size = v;
    b->size_line = l->line;
    b->size_col = (size_t)(lex_column(s, n, vs) - 1);
    return DS_OK;
  case 1:
    free(it->range);
    it->range = v;
    it->range_line = l->line;
    it->range_col = (size_t)(lex_column(s, n, vs) - 1);
    return DS_OK;
  case 2: {
    int st = DS_OK;
    char *save = NULL;
    for (char *t = strtok_r(v, " \t,", &save); t && !st; t = strtok_r(NULL, " \t,", &save)) {
      if (!defs_is_name(l, t, strlen(t)))
        st = defs_name_error(l, vs + (size_t)(t - v), strlen(t), "an alias must be a name");
      else if ((st = defs_reserved(l, vs + (size_t)(t - v), strlen(t)))) break;
      else if (b->nnames == DEFS_MAX_NAMES) st = defs_error(l, vs, "too many aliases");
      else if (!(b->names[b->nnames++] = buf_strndup(t, strlen(t))))
        st = err_set(l->e, DS_E_NOMEM, 0, 0, "out of memory");
    }
    free(v);
    return st;
  }
  case 3:
    free(it->about);
    it->about = v;
    return DS_OK;
  case 4:
    free(it->source);
    it->source = v;
    return DS_OK;
  case 5:
    free(it->url);
    it->url = v;
    return DS_OK;
  case 6: {
    char *end;
    it->year = strtol(v, &end, 10);
    bool ok = end != v && *end == 0 && it->year > 1000 && it->year < 10000;
    free(v);
    return ok ? DS_OK : defs_error(l, vs, "a year must be four digits");
  }
  case 7:
    if (strcmp(v, "decimal") != 0 && strcmp(v, "binary") != 0) {
      free(v);
      return defs_error(l, vs, "reading must be decimal or binary");
    }
    free(it->reading);
    it->reading = v;
    return DS_OK;
  case 9: return defs_display(l, it, v, vs);
  case 10:
    free(it->brief);
    it->brief = v;
    return DS_OK;
  case 11:
    it->upper = strcmp(v, "upper") == 0;
    if (!it->upper && strcmp(v, "typical") != 0) {
      free(v);
      return defs_error(l, vs, "bound must be upper or typical");
    }
    free(v);
    return DS_OK;
  default:
    it->compare = strcmp(v, "yes") == 0;
    if (!it->compare && strcmp(v, "no") != 0) {
      free(v);
      return defs_error(l, vs, "compare must be yes or no");
    }
    free(v);
    return DS_OK;
  }
}

/* Resolves an item's range "LOW .. HIGH" once its size is known. */
static int defs_item_range(defs_reader *D, long idx, err *e) {
  unit *u = &D->reg->units[idx];
  if (!u->item || !u->item->range || u->item->range_ready) return DS_OK;
  qty r;
  qty_init(&r);
  err inner;
  err_clear(&inner);
  int st = eval_definition(D->env, u->item->range, strlen(u->item->range), false, &r, NULL, &inner);
  u = &D->reg->units[idx];
  if (!st && (!dim_eq(&r.d, &u->value.d) || num_is_point(&r.n)))
    st = err_set(&inner, DS_E_DIMENSION, 0, 0, "the range of [%s] must be LOW .. HIGH in the units of its size",
                 u->word);
  if (st) {
    size_t off = inner.start == SIZE_MAX ? 0 : inner.start;
    long col = (long)u->item->range_col + lex_column(u->item->range, strlen(u->item->range), off);
    err_set(e, DS_E_DEFS, SIZE_MAX, SIZE_MAX, "%s:%ld:%ld: [%s] range: %s", u->file, u->item->range_line, col, u->word,
            inner.msg);
  } else {
    qty_set(&u->item->low, &r);
    qty_set(&u->item->high, &r);
    mpq_set(u->item->low.n.hi, r.n.lo);
    mpq_set(u->item->high.n.lo, r.n.hi);
    u->item->low.n.range = u->item->high.n.range = false;
    u->item->range_ready = true;
  }
  qty_clear(&r);
  return st ? DS_E_DEFS : DS_OK;
}

/* One definition line: names, '=', expression, flags. */
static int defs_line(defs_reader *D, defs_block *blk, const defs_loc *l) {
  const char *s = l->text;
  size_t n = l->len, p = 0;
  while (p < n && defs_space(s[p])) p++;
  if (p == n || s[p] == '#') return DS_OK;
  if (s[p] == '[' || (blk->open && defs_is_key(s + p, n - p))) return defs_block_line(D, blk, l, p);
  int bst = defs_block_end(D, blk, l->file, l->e);
  if (bst) return bst;
  if (n - p >= 10 && memcmp(s + p, "!ambiguous", 10) == 0) return defs_ambiguous(D, l, p + 10);
  const char *eq = memchr(s, '=', n);
  const char *hash = memchr(s, '#', n);
  if (!eq || (hash && hash < eq)) return defs_error(l, p, "expected NAME = DEFINITION");
  size_t eqp = (size_t)(eq - s);
  /* The names. */
  char *names[DEFS_MAX_NAMES];
  size_t nn = 0;
  char *plural = NULL;
  int st = DS_OK;
  while (p < eqp) {
    while (p < eqp && defs_space(s[p])) p++;
    size_t ts = p;
    while (p < eqp && !defs_space(s[p])) p++;
    if (ts == p) break;
    size_t te = p;
    if (nn == 0) {
      const char *slash = memchr(s + ts, '/', te - ts);
      if (slash) {
        size_t ps = (size_t)(slash - s) + 1;
        if (!defs_is_name(l, s + ps, te - ps)) {
          st = defs_name_error(l, ps, te - ps, "a plural must be a name (letters, digits, '_')");
          goto out;
        }
        if ((st = defs_reserved(l, ps, te - ps))) goto out;
        plural = buf_strndup(s + ps, te - ps);
        te = (size_t)(slash - s);
      }
    }
    if (!defs_is_name(l, s + ts, te - ts)) {
      st = defs_name_error(l, ts, te - ts,
                           "a unit name must be a name (letters, digits, '_'; not starting with a digit)");
      goto out;
    }
    if ((st = defs_reserved(l, ts, te - ts))) goto out;
    if (nn == DEFS_MAX_NAMES) {
      st = defs_error(l, ts, "too many names on one line");
      goto out;
    }
    names[nn++] = buf_strndup(s + ts, te - ts);
  }
  if (nn == 0) {
    st = defs_error(l, p, "expected a name before '='");
    goto out;
  }
  /* The definition runs to the first '@' (flags) or '#' (comment). */
  size_t ds = eqp + 1, de = n;
  const char *at = memchr(s + ds, '@', n - ds);
  if (hash && (size_t)(hash - s) < de) de = (size_t)(hash - s);
  if (at && (size_t)(at - s) < de) de = (size_t)(at - s);
  while (ds < de && defs_space(s[ds])) ds++;
  while (de > ds && defs_space(s[de - 1])) de--;
  if (ds == de) {
    st = defs_error(l, eqp, "expected a definition after '='");
    goto out;
  }
  unsigned flags = 0;
  if (at) {
    size_t q = (size_t)(at - s), end = hash ? (size_t)(hash - s) : n;
    while (q < end) {
      while (q < end && defs_space(s[q])) q++;
      if (q >= end) break;
      size_t fs = q;
      while (q < end && !defs_space(s[q])) q++;
      bool found = false;
      for (size_t k = 0; k < sizeof defs_flags / sizeof defs_flags[0]; k++)
        if (s[fs] == '@' && strlen(defs_flags[k].name) == q - fs - 1 &&
            memcmp(s + fs + 1, defs_flags[k].name, q - fs - 1) == 0)
          flags |= defs_flags[k].flag, found = true;
      if (!found) {
        st = defs_error(l, fs, "unknown flag (known: @si-up @si-down @iec @legacy @bits @bytes @calendar)");
        goto out;
      }
    }
  }
  if (s[ds] != '!' && (st = defs_syntax(l, ds, de))) goto out;
  if ((st = defs_room(l, 0))) goto out;
  char *def = buf_strndup(s + ds, de - ds);
  if (!def) {
    st = err_set(l->e, DS_E_NOMEM, 0, 0, "out of memory");
    goto out;
  }
  long idx = units_add(D->reg, names[0], plural, names + 1, nn - 1, flags, def, l->file, l->line,
                       (size_t)(lex_column(s, n, ds) - 1));
  free(def);
  if (idx < 0) {
    st = err_set(l->e, DS_E_NOMEM, 0, 0, "out of memory");
    goto out;
  }
  /* "= !name" declares a base dimension measured in this unit. */
  if (s[ds] == '!') {
    size_t ns = ds + 1;
    if (!defs_is_name(l, s + ns, de - ns)) {
      st = defs_name_error(l, ns, de - ns, "expected a dimension name after '!'");
      goto out;
    }
    if (units_find_dim(D->reg, s + ns, de - ns) >= 0) {
      st = defs_error(l, ns, "this dimension is already declared");
      goto out;
    }
    char *dn = buf_strndup(s + ns, de - ns);
    int d = dn ? units_add_dim(D->reg, dn, idx) : -1;
    free(dn);
    if (d < 0) {
      st = defs_error(l, ns, "too many dimensions (at most 16)");
      goto out;
    }
    qty one;
    qty_init(&one);
    num_set_si(&one.n, 1);
    one.d.e[d] = 1;
    if (units_set_value(D->reg, idx, &one, NULL, "")) st = err_set(l->e, DS_E_NOMEM, 0, 0, "out of memory");
  }
out:
  for (size_t i = 0; i < nn; i++) free(names[i]);
  free(plural);
  return st;
}

/* Evaluates the definition of unit idx, whose dependencies are ready (or
 * are resolved on the way, when the walker meets one), and gives the
 * registry its value under each reading. `used` is the caller's, emptied
 * here. */
static int defs_evaluate(defs_reader *D, long idx, eval_used *used, err *e) {
  unit *u = &D->reg->units[idx];
  qty v;
  qty_init(&v);
  bool have_v = true;
  err inner;
  err_clear(&inner);
  eval_used_clear(used);
  int st = eval_definition(D->env, u->def, strlen(u->def), false, &v, used, &inner);
  /* The same definition under the binary reading, when it depends on it;
   * otherwise the unit stores one value for both. */
  qty vb;
  bool have_vb = !st && used->nlegacy;
  if (have_vb) {
    qty_init(&vb);
    st = eval_definition(D->env, u->def, strlen(u->def), true, &vb, NULL, &inner);
  }
  u = &D->reg->units[idx];
  char legacy[32] = "";
  if (!st) {
    size_t k = 0;
    for (int i = 0; i < used->nlegacy && k + strlen(used->legacy[i]) + 2 < sizeof legacy; i++)
      k += (size_t)snprintf(legacy + k, sizeof legacy - k, "%s%s", i ? " " : "", used->legacy[i]);
  }
  if (st == DS_E_DEFS) {
    *e = inner;
  } else if (st) {
    /* Column: where the definition starts plus the offset inside it. */
    size_t off = inner.start == SIZE_MAX ? 0 : inner.start;
    long col = (long)u->def_col + lex_column(u->def, strlen(u->def), off);
    err_set(e, DS_E_DEFS, SIZE_MAX, SIZE_MAX, "%s:%ld:%ld: %s", u->file, u->line, col, inner.msg);
    st = DS_E_DEFS;
  } else {
    /* The registry takes v and vb, whatever it answers. */
    st = units_set_value(D->reg, idx, &v, have_vb ? &vb : NULL, legacy);
    have_vb = have_v = false;
    if (st == DS_E_LIMIT)
      err_set(e, DS_E_DEFS, SIZE_MAX, SIZE_MAX,
              "%s:%ld:%zu: result too large: the definitions would hold more than %zu bits in all", u->file, u->line,
              u->def_col + 1, (size_t)UNITS_MAX_BITS);
    else if (st) err_set(e, DS_E_NOMEM, 0, 0, "out of memory");
    if (st == DS_E_LIMIT) st = DS_E_DEFS;
  }
  if (have_vb) qty_clear(&vb);
  if (have_v) qty_clear(&v);
  return st;
}

/* The cycle that reaching unit idx again closes: the path from its place
 * on the resolver's stack to the top, back to idx, at idx's definition. */
static int defs_cycle(const defs_reader *D, long idx, err *e) {
  size_t k = D->nstack;
  while (k > 0 && D->stack[k - 1].unit != idx) k--;
  buf path;
  buf_init(&path, 400);
  for (size_t j = k ? k - 1 : 0; j < D->nstack; j++) buf_printf(&path, "%s -> ", D->reg->units[D->stack[j].unit].word);
  const unit *at = &D->reg->units[idx];
  buf_puts(&path, at->word);
  int st = err_set(e, DS_E_DEFS, SIZE_MAX, SIZE_MAX, "%s:%ld:%zu: definition cycle: %s", at->file, at->line,
                   at->def_col + 1, path.s ? path.s : at->word);
  buf_free(&path);
  return st;
}

/* Puts unit idx on the resolver's stack, marked UNIT_RESOLVING, with the
 * units its definition names that are not ready (found by lexing it: the
 * walker resolves any other on the way). */
static bool defs_push(defs_reader *D, long idx) {
  if (D->nstack == D->capstack) {
    size_t nc = D->capstack ? 2 * D->capstack : 64;
    defs_frame *ns = realloc(D->stack, nc * sizeof *ns);
    if (!ns) return false;
    D->stack = ns, D->capstack = nc;
  }
  size_t first = D->ndeps;
  const char *d = D->reg->units[idx].def;
  lex_state ls;
  lex_init(&ls, d, strlen(d));
  while (lex_next(&ls) == 0 && ls.tok.kind != TK_EOF) {
    units_match m;
    if (ls.tok.kind != TK_NAME || !units_lookup(D->reg, d + ls.tok.start, ls.tok.end - ls.tok.start, &m)) continue;
    if (m.u->state == UNIT_READY || m.index == idx) continue;
    if (D->ndeps == D->capdeps) {
      size_t nc = D->capdeps ? 2 * D->capdeps : 256;
      long *nd = realloc(D->deps, nc * sizeof *nd);
      if (!nd) {
        D->ndeps = first;
        return false;
      }
      D->deps = nd, D->capdeps = nc;
    }
    D->deps[D->ndeps++] = m.index;
  }
  D->reg->units[idx].state = UNIT_RESOLVING;
  D->stack[D->nstack++] = (defs_frame){idx, first, first, D->ndeps};
  return true;
}

/* Resolves the units first .. last - 1 that are not ready, each after the
 * units its definition names: a depth-first search with an explicit stack,
 * so a chain of any length defined in any order costs no C stack. The one
 * cycle detector: a unit met again while it is on the stack (UNIT_RESOLVING)
 * closes a cycle, whether this search or one further out put it there. A
 * search starts inside another only when the walker meets a unit the lexing
 * missed; DEFS_RESOLVE_MAX bounds that nesting. On error, the units this
 * call put on the stack are new again. */
static int defs_resolve_units(defs_reader *D, size_t first, size_t last, err *e) {
  if (D->nested >= DEFS_RESOLVE_MAX) {
    const unit *at = &D->reg->units[D->stack[0].unit];
    return err_set(e, DS_E_DEFS, SIZE_MAX, SIZE_MAX, "%s:%ld:%zu: definitions nested more than %d deep", at->file,
                   at->line, at->def_col + 1, DEFS_RESOLVE_MAX);
  }
  size_t base = D->nstack;
  eval_used used;
  eval_used_init(&used);
  int st = DS_OK;
  D->nested++;
  for (size_t root = first; !st && root < last; root++) {
    unsigned char state = D->reg->units[root].state;
    if (state == UNIT_READY) continue;
    if (state == UNIT_RESOLVING) {
      st = defs_cycle(D, (long)root, e);
      break;
    }
    if (!defs_push(D, (long)root)) st = err_set(e, DS_E_NOMEM, 0, 0, "out of memory");
    while (!st && D->nstack > base) {
      defs_frame *f = &D->stack[D->nstack - 1];
      if (f->next < f->end) {
        long v = D->deps[f->next++];
        state = D->reg->units[v].state;
        if (state == UNIT_RESOLVING) st = defs_cycle(D, v, e);
        else if (state == UNIT_NEW && !defs_push(D, v)) st = err_set(e, DS_E_NOMEM, 0, 0, "out of memory");
      } else {
        long u = f->unit;
        st = defs_evaluate(D, u, &used, e);
        D->ndeps = f->first;
        D->nstack--;
        if (st) D->reg->units[u].state = UNIT_NEW;
      }
    }
  }
  while (D->nstack > base) { /* an error: what is left on the stack is new again */
    D->reg->units[D->stack[D->nstack - 1].unit].state = UNIT_NEW;
    D->ndeps = D->stack[--D->nstack].first;
  }
  D->nested--;
  eval_used_clear(&used);
  if (D->nstack == 0) { /* the outermost search gives its stacks back */
    free(D->stack), free(D->deps);
    D->stack = NULL, D->deps = NULL;
    D->capstack = D->capdeps = 0;
  }
  return st;
}

static int defs_resolve(defs_reader *D, long idx, err *e) {
  if (D->reg->units[idx].state == UNIT_READY) return DS_OK;
  return defs_resolve_units(D, (size_t)idx, (size_t)idx + 1, e);
}

/* The registry's resolver (units_ready): a unit on first use, and an
 * item's range when asked. */
static int defs_resolver(void *data, long idx, bool range, err *e) {
  defs_reader *D = data;
  int st = defs_resolve(D, idx, e);
  return st || !range ? st : defs_item_range(D, idx, e);
}

void defs_reader_init(defs_reader *D, eval_env *env) {
  memset(D, 0, sizeof *D);
  D->env = env;
  D->reg = &env->s->reg;
  D->reg->resolve = defs_resolver;
  D->reg->resolve_data = D;
}

/* Resolves the built-in units and item ranges not used yet. */
static int defs_resolve_pending(defs_reader *D, err *e) {
  if (!D->pending) return DS_OK;
  int st = defs_resolve_units(D, 0, D->reg->nunits, e);
  for (size_t i = 0; !st && i < D->reg->nunits; i++) st = defs_item_range(D, (long)i, e);
  if (!st) D->pending = false;
  return st;
}

static int defs_load_text(defs_reader *D, const char *text, size_t len, const char *file, bool lazy, err *e) {
  size_t keep = D->reg->nunits, keep_amb = D->reg->namb;
  int keep_dims = D->reg->ndims;
  int st = DS_OK;
  long line = 0;
  size_t p = 0;
  defs_block blk;
  memset(&blk, 0, sizeof blk);
  ast_arena ar;
  ast_arena_init(&ar);
  if (!file) file = "(definitions)";
  while (p < len && !st) {
    const char *nl = memchr(text + p, '\n', len - p);
    size_t end = nl ? (size_t)(nl - text) : len;
    size_t n = end - p;
    if (n && text[p + n - 1] == '\r') n--;
    line++;
    defs_loc l = {file, line, text + p, n, e, lazy ? NULL : D->reg, lazy ? NULL : D, &ar};
    size_t bad = lazy ? 0 : lex_check_encoding(text + p, n); /* built-ins: checked by test_defs */
    if (n > DEFS_LINE_MAX) st = defs_error(&l, 0, "line too long (limit 64 KiB)");
    else if (bad) st = defs_error(&l, bad - 1, "invalid UTF-8 or control byte");
    else st = defs_line(D, &blk, &l);
    p = nl ? end + 1 : len;
  }
  if (!st) st = defs_block_end(D, &blk, file, e);
  defs_block_reset(&blk);
  ast_arena_free(&ar);
  if (!st && lazy) D->pending = true;
  if (!st && !lazy) st = defs_resolve_units(D, keep, D->reg->nunits, e);
  for (size_t i = keep; !st && !lazy && i < D->reg->nunits; i++) st = defs_item_range(D, (long)i, e);
  if (st) {
    e->code = st == DS_E_NOMEM ? DS_E_NOMEM : DS_E_DEFS;
    units_truncate(D->reg, keep, keep_amb, keep_dims);
  }
  return st ? e->code : DS_OK;
}

int defs_load_builtin(defs_reader *D, const char *text, size_t len, const char *file, err *e) {
  return defs_load_text(D, text, len, file, true, e);
}

int defs_load(defs_reader *D, const char *text, size_t len, const char *file, err *e) {
  /* A byte-order mark before the first line is the editor's, not a
   * character of the first name; anywhere else it is an error. */
  if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) text += 3, len -= 3;
  /* Every built-in definition first: they resolve against one another
   * (defs_resolve_pending), and the new ones come after them. */
  if (!units_all(D->reg)) return err_set(e, DS_E_NOMEM, 0, 0, "out of memory");
  int st = defs_resolve_pending(D, e);
  return st ? st : defs_load_text(D, text, len, file, false, e);
}
