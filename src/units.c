/*
 * units.c -- the unit registry.
 *
 * Holds every unit with its spellings (singular and plural words, symbols),
 * the SI and IEC prefixes, the base dimensions and the spellings refused as
 * ambiguous. Lookup is exact (case-sensitive: b is bit, B is byte); a failed
 * lookup explains itself: candidates for an ambiguous spelling (mb: Mb or
 * MB), or a close spelling ("did you mean terabytes?"). Nothing here
 * evaluates definitions: defs.c does, on first use.
 */
#include "units.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Longest symbols first within a letter so "da" would win over "d". */
const prefix units_prefixes[] = {
    {"Q", "quetta", 10, 30, UNIT_SI_UP}, {"R", "ronna", 10, 27, UNIT_SI_UP},
    {"Y", "yotta", 10, 24, UNIT_SI_UP},  {"Z", "zetta", 10, 21, UNIT_SI_UP},
    {"E", "exa", 10, 18, UNIT_SI_UP},    {"P", "peta", 10, 15, UNIT_SI_UP},
    {"T", "tera", 10, 12, UNIT_SI_UP},   {"G", "giga", 10, 9, UNIT_SI_UP},
    {"M", "mega", 10, 6, UNIT_SI_UP},    {"k", "kilo", 10, 3, UNIT_SI_UP},
    {"K", NULL, 10, 3, UNIT_LEGACY},
    {"m", "milli", 10, -3, UNIT_SI_DOWN}, {"\xc2\xb5", "micro", 10, -6, UNIT_SI_DOWN},
    {"u", NULL, 10, -6, UNIT_SI_DOWN},   {"n", "nano", 10, -9, UNIT_SI_DOWN},
    {"p", "pico", 10, -12, UNIT_SI_DOWN}, {"f", "femto", 10, -15, UNIT_SI_DOWN},
    {"a", "atto", 10, -18, UNIT_SI_DOWN}, {"z", "zepto", 10, -21, UNIT_SI_DOWN},
    {"y", "yocto", 10, -24, UNIT_SI_DOWN}, {"r", "ronto", 10, -27, UNIT_SI_DOWN},
    {"q", "quecto", 10, -30, UNIT_SI_DOWN},
    {"Ki", "kibi", 2, 10, UNIT_IEC},     {"Mi", "mebi", 2, 20, UNIT_IEC},
    {"Gi", "gibi", 2, 30, UNIT_IEC},     {"Ti", "tebi", 2, 40, UNIT_IEC},
    {"Pi", "pebi", 2, 50, UNIT_IEC},     {"Ei", "exbi", 2, 60, UNIT_IEC},
    {"Zi", "zebi", 2, 70, UNIT_IEC},     {"Yi", "yobi", 2, 80, UNIT_IEC},
    {"Ri", "robi", 2, 90, UNIT_IEC},     {"Qi", "quebi", 2, 100, UNIT_IEC},
};
const size_t units_nprefixes = sizeof units_prefixes / sizeof units_prefixes[0];
_Static_assert(sizeof units_prefixes / sizeof units_prefixes[0] == UNITS_NPREFIX, "UNITS_NPREFIX");

static char *units_strdup(const char *s) {
  if (!s) return NULL;
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d) memcpy(d, s, n);
  return d;
}

/* Empties the caches of spellings found and of prefixed values. */
static void units_forget(units *r) {
  map_free(&r->found);
  map_free(&r->pvindex);
  for (size_t i = 0; i < r->npv; i++) num_clear(&r->pv[i]);
  r->npv = 0;
}

void units_init(units *r) {
  memset(r, 0, sizeof *r);
  map_init(&r->names);
  map_init(&r->found);
  map_init(&r->pvindex);
  for (size_t i = 0; i < UNITS_NPREFIX; i++) {
    units_match m = {NULL, 0, &units_prefixes[i], true, false, false};
    mpq_init(r->pfx[i]);
    mpq_init(r->pfx_bin[i]);
    units_prefix_value(r->pfx[i], &m, false);
    units_prefix_value(r->pfx_bin[i], &m, true);
  }
}

mpq_srcptr units_prefix_factor(const units *r, const units_match *m, bool binary) {
  if (!m->pf) return NULL;
  size_t i = (size_t)(m->pf - units_prefixes);
  return m->legacy && binary ? r->pfx_bin[i] : r->pfx[i];
}

void units_item_free(unit_item *it) {
  if (!it) return;
  free(it->about);
  free(it->source);
  free(it->url);
  free(it->reading);
  free(it->range);
  qty_clear(&it->low);
  qty_clear(&it->high);
  free(it);
}

static void units_free_unit(unit *u) {
  units_item_free(u->item);
  for (size_t i = 0; i < u->nnames; i++) free(u->names[i]);
  free(u->names);
  free(u->kinds);
  free(u->word);
  free(u->plural);
  free(u->symbol);
  free(u->def);
  free(u->file);
  qty_clear(&u->value);
  qty_clear(&u->value_bin);
}

void units_free(units *r) {
  for (size_t i = 0; i < UNITS_NPREFIX; i++) {
    mpq_clear(r->pfx[i]);
    mpq_clear(r->pfx_bin[i]);
  }
  units_truncate(r, 0, 0, 0);
  free(r->units);
  free(r->amb);
  map_free(&r->names);
  units_forget(r);
  free(r->pv);
}

static bool units_index_names(units *r, long idx) {
  const unit *u = &r->units[idx];
  units_forget(r); /* a new spelling may shadow a prefixed one */
  for (size_t i = 0; i < u->nnames; i++) {
    size_t n = strlen(u->names[i]);
    long prev = map_get(&r->names, u->names[i], n);
    long kinds = u->kinds[i];
    /* Several spellings of one unit may coincide (word and symbol "bit"). */
    if (prev >= 0 && prev / 8 == idx) kinds |= prev % 8;
    if (!map_put(&r->names, u->names[i], n, idx * 8 + kinds)) return false;
  }
  return true;
}

static bool units_add_name(unit *u, const char *name, unsigned kind) {
  char **nn = realloc(u->names, (u->nnames + 1) * sizeof *nn);
  if (!nn) return false;
  u->names = nn;
  unsigned char *nk = realloc(u->kinds, u->nnames + 1);
  if (!nk) return false;
  u->kinds = nk;
  if (!(nn[u->nnames] = units_strdup(name))) return false;
  nk[u->nnames++] = (unsigned char)kind;
  return true;
}

long units_add(units *r, const char *word, const char *plural, char **symbols, size_t nsym,
               unsigned flags, const char *def, const char *file, long line, size_t def_col) {
  if (r->nunits == r->capunits) {
    size_t nc = r->capunits ? r->capunits * 2 : 128;
    unit *nu = realloc(r->units, nc * sizeof *nu);
    if (!nu) return -1;
    r->units = nu;
    r->capunits = nc;
  }
  unit *u = &r->units[r->nunits];
  memset(u, 0, sizeof *u);
  qty_init(&u->value);
  qty_init(&u->value_bin);
  r->nunits++;
  /* Redefining a unit ("photo = 4 MB" in a user file) keeps its other
   * spellings (photos, image, ...) and its being a catalogue item. */
  long prev = map_get(&r->names, word, strlen(word));
  const unit *pu = prev >= 0 && (prev % 8) & SPELL_WORD ? &r->units[prev / 8] : NULL;
  if (pu && strcmp(pu->word, word) != 0) pu = NULL;
  if (pu) flags |= pu->flags & UNIT_ITEM;
  u->flags = flags;
  u->state = UNIT_NEW;
  u->line = line;
  u->def_col = def_col;
  bool ok = (u->word = units_strdup(word)) && (u->def = units_strdup(def)) &&
            (u->file = units_strdup(file ? file : "")) && units_add_name(u, word, SPELL_WORD);
  if (ok && !plural && pu && pu->plural) plural = pu->plural;
  if (ok && plural) ok = (u->plural = units_strdup(plural)) && units_add_name(u, plural, SPELL_PLURAL);
  for (size_t i = 0; ok && i < nsym; i++) {
    if (!u->symbol) ok = (u->symbol = units_strdup(symbols[i])) != NULL;
    ok = ok && units_add_name(u, symbols[i], SPELL_SYMBOL);
  }
  for (size_t i = 0; ok && !nsym && pu && i < pu->nnames; i++)
    if (pu->kinds[i] == SPELL_SYMBOL) ok = units_add_name(u, pu->names[i], SPELL_SYMBOL);
  if (ok) ok = units_index_names(r, (long)r->nunits - 1);
  if (!ok) {
    units_truncate(r, r->nunits - 1, r->namb, r->ndims);
    return -1;
  }
  return (long)r->nunits - 1;
}

void units_truncate(units *r, size_t keep, size_t keep_amb, int keep_dims) {
  bool changed = r->nunits > keep || r->namb > keep_amb;
  while (r->nunits > keep) units_free_unit(&r->units[--r->nunits]);
  while (r->namb > keep_amb) {
    r->namb--;
    free(r->amb[r->namb].name);
    free(r->amb[r->namb].candidates);
  }
  while (r->ndims > keep_dims) {
    r->ndims--;
    free(r->dimnames[r->ndims]);
    r->dimnames[r->ndims] = NULL;
  }
  if (!changed) return;
  map_free(&r->names);
  units_forget(r);
  for (size_t i = 0; i < r->nunits; i++) units_index_names(r, (long)i);
}

bool units_add_ambiguous(units *r, const char *name, const char *candidates) {
  ambiguous *na = realloc(r->amb, (r->namb + 1) * sizeof *na);
  if (!na) return false;
  r->amb = na;
  na[r->namb].name = units_strdup(name);
  na[r->namb].candidates = units_strdup(candidates);
  if (!na[r->namb].name || !na[r->namb].candidates) {
    free(na[r->namb].name);
    free(na[r->namb].candidates);
    return false;
  }
  r->namb++;
  return true;
}

int units_add_dim(units *r, const char *name, long unit_index) {
  if (r->ndims >= DIM_MAX) return -1;
  if (!(r->dimnames[r->ndims] = units_strdup(name))) return -1;
  r->dimunit[r->ndims] = unit_index;
  return r->ndims++;
}

int units_find_dim(const units *r, const char *name, size_t len) {
  for (int i = 0; i < r->ndims; i++)
    if (strlen(r->dimnames[i]) == len && memcmp(r->dimnames[i], name, len) == 0) return i;
  return -1;
}

static bool units_refused(const units *r, const char *name, size_t len) {
  for (size_t i = 0; i < r->namb; i++)
    if (strlen(r->amb[i].name) == len && memcmp(r->amb[i].name, name, len) == 0) return true;
  return false;
}

/* Fills m for unit w (index * 8 + kinds, as in names) under prefix i,
 * spelled as a symbol (form 0) or a word (form 1). */
static void units_match_prefixed(const units *r, long w, size_t i, int form, units_match *m) {
  const prefix *p = &units_prefixes[i];
  const unit *u = &r->units[w / 8];
  m->index = w / 8;
  m->u = u;
  m->pf = p;
  m->plural = (w % 8) == SPELL_PLURAL;
  m->word = form == 1;
  m->legacy = !form && (u->flags & UNIT_LEGACY) && p->base == 10 && p->exp >= 3 && p->exp <= 24 &&
              p->sym[0] >= 'A' && p->sym[0] <= 'Z';
}

/* Every spelling found is kept in r->found (unit, prefix or none, form and
 * kinds in one number): a batch of "N MB to GiB" lines pays for the search
 * through the prefixes once per spelling, and then one hash lookup. The
 * cache is emptied whenever a name is added or removed, so it never
 * answers differently from the search; it is logically part of the const
 * registry. */
#define UNITS_NOPREFIX ((long)UNITS_NPREFIX)
#define UNITS_CACHE(w, i, form) ((((w) / 8 * (UNITS_NOPREFIX + 1) + (long)(i)) * 2 + (form)) * 8 + (w) % 8)

static void units_remember(const units *r, const char *name, size_t len, long code) {
  map_put((map *)&r->found, name, len, code); /* a failure only costs speed */
}

bool units_lookup(const units *r, const char *name, size_t len, units_match *m) {
  memset(m, 0, sizeof *m);
  if (r->namb && units_refused(r, name, len)) return false;
  long c = map_get(&r->found, name, len);
  long v = c >= 0 ? -1 : map_get(&r->names, name, len);
  if (c >= 0 && c / 16 % (UNITS_NOPREFIX + 1) == UNITS_NOPREFIX) v = c / 16 / (UNITS_NOPREFIX + 1) * 8 + c % 8;
  else if (v >= 0) units_remember(r, name, len, UNITS_CACHE(v, UNITS_NOPREFIX, 0));
  if (v >= 0) {
    m->index = v / 8;
    m->u = &r->units[m->index];
    m->plural = (v % 8) == SPELL_PLURAL;
    m->word = !((v % 8) & SPELL_SYMBOL);
    return true;
  }
  if (c >= 0) {
    long w = c / 16 / (UNITS_NOPREFIX + 1) * 8 + c % 8;
    units_match_prefixed(r, w, (size_t)(c / 16 % (UNITS_NOPREFIX + 1)), (int)(c / 8 % 2), m);
    return true;
  }
  for (size_t i = 0; i < units_nprefixes; i++) {
    const prefix *p = &units_prefixes[i];
    for (int form = 0; form < 2; form++) {
      const char *pre = form ? p->word : p->sym;
      if (!pre || pre[0] != name[0]) continue;
      size_t pl = strlen(pre);
      if (pl >= len || memcmp(name, pre, pl) != 0) continue;
      long w = map_get(&r->names, name + pl, len - pl);
      if (w < 0) continue;
      const unit *u = &r->units[w / 8];
      unsigned kinds = (unsigned)(w % 8);
      if (!(u->flags & p->family)) continue;
      /* Word prefixes go with words only (kilobyte, not kiloB); symbol
       * prefixes with any spelling (kB, Gbit, Mbps, Mbyte). */
      if (form && !(kinds & (SPELL_WORD | SPELL_PLURAL))) continue;
      units_match_prefixed(r, w, i, form, m);
      units_remember(r, name, len, UNITS_CACHE(w, i, form));
      return true;
    }
  }
  return false;
}

const num *units_prefixed_value(const units *cr, const units_match *m, bool binary) {
  units *r = (units *)cr; /* the cache changes no answer: see units_lookup */
  const unit *u = m->u;
  const num *base = binary ? &u->value_bin.n : &u->value.n;
  mpq_srcptr f = units_prefix_factor(r, m, binary);
  if (!f) return base;
  long key = (m->index * UNITS_NOPREFIX + (long)(m->pf - units_prefixes)) * 2 + (binary && m->legacy);
  long i = map_get(&r->pvindex, (const char *)&key, sizeof key);
  if (i >= 0) return &r->pv[i];
  if (r->npv == r->cappv) {
    size_t cap = r->cappv ? 2 * r->cappv : 16;
    num *pv = realloc(r->pv, cap * sizeof *pv);
    if (!pv) return NULL;
    r->pv = pv;
    r->cappv = cap;
  }
  num *n = &r->pv[r->npv];
  num_init(n);
  num_set(n, base);
  mpq_mul(n->lo, n->lo, f);
  mpq_mul(n->hi, n->hi, f);
  if (!map_put(&r->pvindex, (const char *)&key, sizeof key, (long)r->npv)) {
    num_clear(n);
    return NULL;
  }
  return &r->pv[r->npv++];
}

void units_prefix_value(mpq_t out, const units_match *m, bool binary) {
  mpq_set_ui(out, 1, 1);
  if (!m->pf) return;
  int base = m->pf->base, exp = m->pf->exp;
  if (m->legacy && binary) base = 2, exp = exp / 3 * 10;
  mpz_t p;
  mpz_init(p);
  mpz_ui_pow_ui(p, (unsigned long)base, (unsigned long)(exp < 0 ? -exp : exp));
  if (exp < 0) mpq_set_z(out, p), mpq_inv(out, out);
  else mpq_set_z(out, p);
  mpz_clear(p);
}

/* Damerau-Levenshtein distance, capped: returns cap + 1 past it. */
static size_t units_distance(const char *a, size_t la, const char *b, size_t lb, size_t cap) {
  if (la > lb + cap || lb > la + cap || la > 64 || lb > 64) return cap + 1;
  size_t d[66][66];
  for (size_t i = 0; i <= la; i++) d[i][0] = i;
  for (size_t j = 0; j <= lb; j++) d[0][j] = j;
  for (size_t i = 1; i <= la; i++)
    for (size_t j = 1; j <= lb; j++) {
      size_t c = a[i - 1] == b[j - 1] ? 0 : 1;
      size_t x = d[i - 1][j] + 1, y = d[i][j - 1] + 1, z = d[i - 1][j - 1] + c;
      size_t best = x < y ? x : y;
      if (z < best) best = z;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
        best = d[i - 2][j - 2] + 1;
      d[i][j] = best;
    }
  return d[la][lb];
}

typedef struct {
  char spelling[8][48];
  char meaning[8][48];
  int count;
} units_cands;

static void units_cand_add(units_cands *c, const char *spelling, const char *meaning) {
  for (int i = 0; i < c->count; i++)
    if (strcmp(c->meaning[i], meaning) == 0) return;
  if (c->count >= 8) return;
  snprintf(c->spelling[c->count], sizeof c->spelling[0], "%s", spelling);
  snprintf(c->meaning[c->count], sizeof c->meaning[0], "%s", meaning);
  c->count++;
}

/* "A (a), B (b) or C (c)", sorted by meaning so the text is stable. */
static void units_cand_text(units_cands *c, char *out, size_t n) {
  for (int i = 1; i < c->count; i++)
    for (int j = i; j > 0 && strcmp(c->meaning[j - 1], c->meaning[j]) > 0; j--) {
      char t[48];
      memcpy(t, c->meaning[j], sizeof t);
      memcpy(c->meaning[j], c->meaning[j - 1], sizeof t);
      memcpy(c->meaning[j - 1], t, sizeof t);
      memcpy(t, c->spelling[j], sizeof t);
      memcpy(c->spelling[j], c->spelling[j - 1], sizeof t);
      memcpy(c->spelling[j - 1], t, sizeof t);
    }
  size_t used = 0;
  out[0] = 0;
  for (int i = 0; i < c->count; i++) {
    const char *sep = i == 0 ? "" : i == c->count - 1 ? " or " : ", ";
    int k = strcmp(c->spelling[i], c->meaning[i]) == 0
                ? snprintf(out + used, n - used, "%s%s", sep, c->spelling[i])
                : snprintf(out + used, n - used, "%s%s (%s)", sep, c->spelling[i], c->meaning[i]);
    if (k < 0 || (size_t)k >= n - used) break;
    used += (size_t)k;
  }
}

/* The meaning of a prefixed spelling in words: "megabyte". */
static void units_meaning(const units_match *m, char *buf, size_t n) {
  const char *pw = m->pf ? (m->pf->word ? m->pf->word : "kilo") : "";
  snprintf(buf, n, "%s%s", pw, m->u->word);
}

/* Every spelling (with prefixes) equal to `name` ignoring case. */
static void units_case_candidates(const units *r, const char *name, size_t len, units_cands *c) {
  for (size_t i = 0; i < r->names.cap; i++) {
    const map_entry *e = &r->names.slots[i];
    if (!e->key) continue;
    for (size_t k = 0; k <= units_nprefixes; k++) {
      const char *pre = k < units_nprefixes ? units_prefixes[k].sym : "";
      size_t pl = strlen(pre);
      if (pl + e->klen != len || strncasecmp(name, pre, pl) != 0 ||
          strncasecmp(name + pl, e->key, e->klen) != 0)
        continue;
      char sp[128];
      snprintf(sp, sizeof sp, "%s%s", pre, e->key);
      units_match m;
      if (!units_lookup(r, sp, strlen(sp), &m)) continue;
      char meaning[64];
      units_meaning(&m, meaning, sizeof meaning);
      units_cand_add(c, sp, meaning);
    }
  }
}

bool units_explain(const units *r, const char *name, size_t len, const char *const *extra,
                   size_t nextra, char *buf, size_t bufsz) {
  units_cands c;
  memset(&c, 0, sizeof c);
  int shown = len > 40 ? 40 : (int)len;
  for (size_t i = 0; i < r->namb; i++) {
    if (strlen(r->amb[i].name) != len || memcmp(r->amb[i].name, name, len) != 0) continue;
    char cands[128];
    snprintf(cands, sizeof cands, "%s", r->amb[i].candidates);
    char *save = NULL;
    for (char *t = strtok_r(cands, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
      units_match m;
      if (!units_lookup(r, t, strlen(t), &m)) continue;
      char meaning[64];
      units_meaning(&m, meaning, sizeof meaning);
      units_cand_add(&c, t, meaning);
    }
    break;
  }
  if (!c.count) units_case_candidates(r, name, len, &c);
  if (c.count) {
    char text[400];
    units_cand_text(&c, text, sizeof text);
    if (c.count == 1) {
      snprintf(buf, bufsz, "unknown name '%.*s': did you mean %s?", shown, name, text);
      return false;
    }
    snprintf(buf, bufsz, "'%.*s' is ambiguous: did you mean %s?", shown, name, text);
    return true;
  }
  /* A close spelling: distance 1 for short names, 2 for longer ones. */
  size_t cap = len <= 4 ? 1 : 2, best = cap + 1;
  char bestname[96] = "";
  for (size_t i = 0; i < r->names.cap; i++) {
    const map_entry *e = &r->names.slots[i];
    if (!e->key) continue;
    size_t d = units_distance(name, len, e->key, e->klen, cap);
    if (d < best) best = d, snprintf(bestname, sizeof bestname, "%s", e->key);
    /* Prefixed spellings: the long words people mistype (terrabytes,
     * KILOBYTE) and symbols one letter off (GBs). */
    for (size_t k = 0; k < units_nprefixes; k++) {
      const prefix *p = &units_prefixes[k];
      const unit *u = &r->units[e->val / 8];
      if (!(u->flags & p->family)) continue;
      for (int form = 0; form < 2; form++) {
        const char *pre = form ? p->word : p->sym;
        if (!pre || (form && !((e->val % 8) & (SPELL_WORD | SPELL_PLURAL)))) continue;
        char sp[96];
        snprintf(sp, sizeof sp, "%s%s", pre, e->key);
        size_t sl = strlen(sp);
        d = sl == len && strncasecmp(sp, name, len) == 0 ? 0 : units_distance(name, len, sp, sl, cap);
        if (d < best) best = d, snprintf(bestname, sizeof bestname, "%s", sp);
      }
    }
  }
  for (size_t i = 0; i < nextra; i++) {
    size_t d = units_distance(name, len, extra[i], strlen(extra[i]), cap);
    if (d < best) best = d, snprintf(bestname, sizeof bestname, "%s", extra[i]);
  }
  if (bestname[0])
    snprintf(buf, bufsz, "unknown name '%.*s': did you mean '%s'?", shown, name, bestname);
  else
    snprintf(buf, bufsz, "unknown name '%.*s'", shown, name);
  return false;
}

void units_dim_name(const units *r, const dim *d, char *buf, size_t bufsz) {
  size_t used = 0;
  buf[0] = 0;
  if (dim_is_none(d)) {
    snprintf(buf, bufsz, "a plain number");
    return;
  }
  for (int pass = 0; pass < 2; pass++) {
    bool first = true;
    for (int i = 0; i < DIM_MAX; i++) {
      int e = d->e[i];
      if ((pass == 0 && e <= 0) || (pass == 1 && e >= 0)) continue;
      const char *nm = i < r->ndims ? r->dimnames[i] : "?";
      int a = e < 0 ? -e : e;
      int n;
      if (pass == 1 && first) n = snprintf(buf + used, bufsz - used, used ? "/" : "1/");
      else if (!first) n = snprintf(buf + used, bufsz - used, pass ? "/" : "*");
      else n = 0;
      if (n > 0 && (size_t)n < bufsz - used) used += (size_t)n;
      n = a == 1 ? snprintf(buf + used, bufsz - used, "%s", nm)
                 : snprintf(buf + used, bufsz - used, "%s^%d", nm, a);
      if (n > 0 && (size_t)n < bufsz - used) used += (size_t)n;
      first = false;
    }
  }
}
