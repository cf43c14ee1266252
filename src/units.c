/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * units.c -- the unit registry.
 *
 * Holds every unit with its spellings (singular and plural words, symbols),
 * the SI and IEC prefixes, the base dimensions and the spellings refused as
 * ambiguous. Lookup is exact (case-sensitive: b is bit, B is byte); what a
 * failed lookup says is suggest.c's. Catalogue items,
 * whose names are words rather than symbols, can also be found whatever
 * their case and with spaces or hyphens for underscores (units_find_item:
 * "DVDs", "hours of HD video"). Nothing here evaluates definitions: defs.c
 * does, on first use.
 */
#include "units.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "datascale.h"
#include "lex.h"

/* Longest symbols first within a letter so "da" would win over "d". */
const prefix units_prefixes[] = {
    {"Q", "quetta", 10, 30, UNIT_SI_UP},
    {"R", "ronna", 10, 27, UNIT_SI_UP},
    {"Y", "yotta", 10, 24, UNIT_SI_UP},
    {"Z", "zetta", 10, 21, UNIT_SI_UP},
    {"E", "exa", 10, 18, UNIT_SI_UP},
    {"P", "peta", 10, 15, UNIT_SI_UP},
    {"T", "tera", 10, 12, UNIT_SI_UP},
    {"G", "giga", 10, 9, UNIT_SI_UP},
    {"M", "mega", 10, 6, UNIT_SI_UP},
    {"k", "kilo", 10, 3, UNIT_SI_UP},
    {"K", NULL, 10, 3, UNIT_LEGACY},
    {"m", "milli", 10, -3, UNIT_SI_DOWN},
    {"\xc2\xb5", "micro", 10, -6, UNIT_SI_DOWN},
    {"u", NULL, 10, -6, UNIT_SI_DOWN},
    /* The Greek small letter mu, which Unicode recommends for micro and a
     * Greek keyboard types: the same prefix as the micro sign. */
    {"\xce\xbc", NULL, 10, -6, UNIT_SI_DOWN},
    {"n", "nano", 10, -9, UNIT_SI_DOWN},
    {"p", "pico", 10, -12, UNIT_SI_DOWN},
    {"f", "femto", 10, -15, UNIT_SI_DOWN},
    {"a", "atto", 10, -18, UNIT_SI_DOWN},
    {"z", "zepto", 10, -21, UNIT_SI_DOWN},
    {"y", "yocto", 10, -24, UNIT_SI_DOWN},
    {"r", "ronto", 10, -27, UNIT_SI_DOWN},
    {"q", "quecto", 10, -30, UNIT_SI_DOWN},
    {"Ki", "kibi", 2, 10, UNIT_IEC},
    {"Mi", "mebi", 2, 20, UNIT_IEC},
    {"Gi", "gibi", 2, 30, UNIT_IEC},
    {"Ti", "tebi", 2, 40, UNIT_IEC},
    {"Pi", "pebi", 2, 50, UNIT_IEC},
    {"Ei", "exbi", 2, 60, UNIT_IEC},
    {"Zi", "zebi", 2, 70, UNIT_IEC},
    {"Yi", "yobi", 2, 80, UNIT_IEC},
    {"Ri", "robi", 2, 90, UNIT_IEC},
    {"Qi", "quebi", 2, 100, UNIT_IEC},
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

/* Empties the caches of spellings found and of prefixed values (units
 * removed: an index may name another unit from now on). */
static void units_memo_clear(units *r) {
  for (int i = 0; i < UNITS_MEMO; i++) r->memo[i].gen = -1;
}

static void units_forget(units *r) {
  map_free(&r->found);
  r->found_gen = 0;
  units_memo_clear(r);
  map_free(&r->folded);
  r->folded_gen = -1;
  map_free(&r->pvindex);
  memset(r->pv_memo, 0, sizeof r->pv_memo);
  for (size_t i = 0; i < r->npv; i++) num_clear(&r->pv[i]);
  r->npv = 0;
}

/* A name was added: every spelling found before may be shadowed now. The
 * entries of r->found carry the generation they were found in, so this is
 * one increment (a definitions file adds names between lookups). */
static void units_names_changed(units *r) {
  if (++r->found_gen >= (1L << 30)) {
    map_free(&r->found);
    r->found_gen = 0;
    units_memo_clear(r);
    r->folded_gen = -1;
  }
}

/* A file name shared by the units defined in it; `first` is the first of
 * them, so a rollback knows which names to drop. */
struct units_file {
  char *name;
  size_t first;
};

static const char units_empty[] = "";

/* The shared copy of a file name for a unit about to be added as index
 * `idx`: units of one file are added in a row, so only the last entry is
 * compared. NULL when memory runs out. */
static const char *units_file_name(units *r, const char *file, size_t idx) {
  if (r->nfiles && strcmp(r->files[r->nfiles - 1].name, file) == 0) return r->files[r->nfiles - 1].name;
  struct units_file *nf = realloc(r->files, (r->nfiles + 1) * sizeof *nf);
  if (!nf) return NULL;
  r->files = nf;
  if (!(nf[r->nfiles].name = units_strdup(file))) return NULL;
  nf[r->nfiles].first = idx;
  return nf[r->nfiles++].name;
}

void units_init(units *r) {
  memset(r, 0, sizeof *r);
  map_init(&r->names);
  map_init(&r->found);
  map_init(&r->pvindex);
  map_init(&r->folded);
  r->folded_gen = -1;
  r->dims_gen = 1; /* std_dims not filled */
  units_memo_clear(r);
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

void units_per_init(units_per *p) {
  memset(p, 0, sizeof *p);
  mpq_inits(p->value[0], p->value[1], NULL);
}

void units_per_clear(units_per *p) { mpq_clears(p->value[0], p->value[1], NULL); }

void units_per_set(units_per *to, const units_per *from) {
  to->dim = from->dim;
  memcpy(to->name, from->name, sizeof to->name);
  memcpy(to->word, from->word, sizeof to->word);
  to->symbol = from->symbol;
  to->calendar = from->calendar;
  mpq_set(to->value[0], from->value[0]);
  mpq_set(to->value[1], from->value[1]);
}

void units_item_free(unit_item *it) {
  if (!it) return;
  free(it->about);
  free(it->one);
  free(it->many);
  free(it->brief);
  free(it->source);
  free(it->url);
  free(it->reading);
  free(it->range);
  qty_clear(&it->low);
  qty_clear(&it->high);
  free(it);
}

/* Bits held by the numbers of a num, counting a shared hi once. */
static size_t units_num_bits(const num *n, bool hi_shared) {
  return num_qbits(n->lo) + (hi_shared ? 0 : num_qbits(n->hi));
}

static size_t units_value_bits(const unit *u) {
  if (!(u->share & UNITV_SET)) return 0;
  size_t b = units_num_bits(&u->value.n, u->share & UNITV_HI);
  if (u->value_bin) b += units_num_bits(&u->value_bin->n, u->share & UNITV_BIN_HI);
  return b;
}

/* Clears a stored number, once when hi is lo. */
static void units_num_clear(num *n, bool hi_shared) {
  mpq_clear(n->lo);
  if (!hi_shared) mpq_clear(n->hi);
}

static void units_value_clear(units *r, unit *u) {
  if (!(u->share & UNITV_SET)) return;
  r->bits -= units_value_bits(u);
  units_num_clear(&u->value.n, u->share & UNITV_HI);
  if (u->value_bin) units_num_clear(&u->value_bin->n, u->share & UNITV_BIN_HI);
  free(u->value_bin);
  u->value_bin = NULL;
  u->share = 0;
}

static void units_free_unit(units *r, unit *u) {
  units_item_free(u->item);
  free(u->names); /* the block of every string of the unit */
  units_value_clear(r, u);
  if (u->legacy != units_empty) free((char *)u->legacy);
}

/* Moves src's numbers into dst; when lo equals hi (a point), keeps one and
 * lets hi share it. Returns whether hi is shared. */
static bool units_store(qty *dst, qty *src) {
  *dst = *src;
  if (!mpq_equal(dst->n.lo, dst->n.hi)) return false;
  mpq_clear(dst->n.hi);
  dst->n.hi[0] = dst->n.lo[0];
  return true;
}

bool units_item_binary(const unit *u) { return u->item && u->item->reading && strcmp(u->item->reading, "binary") == 0; }

const qty *units_value(const unit *u, bool binary) { return binary && u->value_bin ? u->value_bin : &u->value; }

int units_set_value(units *r, long idx, qty *v, qty *vb, const char *legacy) {
  unit *u = &r->units[idx];
  units_value_clear(r, u);
  if (u->legacy != units_empty) free((char *)u->legacy);
  u->legacy = units_empty;
  int st = DS_OK;
  if (legacy && *legacy && !(u->legacy = units_strdup(legacy))) u->legacy = units_empty, st = DS_E_NOMEM;
  if (units_store(&u->value, v)) u->share |= UNITV_HI;
  if (vb && !(u->value_bin = malloc(sizeof *u->value_bin))) {
    qty_clear(vb); /* taken in every case */
    st = DS_E_NOMEM;
  } else if (vb && units_store(u->value_bin, vb)) {
    u->share |= UNITV_BIN_HI;
  }
  u->share |= UNITV_SET;
  size_t bits = units_value_bits(u);
  if (!st && bits > UNITS_MAX_BITS - r->bits) st = DS_E_LIMIT;
  r->bits += bits;
  if (st) units_value_clear(r, u);
  else u->state = UNIT_READY;
  return st;
}

void units_free(units *r) {
  for (size_t i = 0; i < UNITS_NPREFIX; i++) {
    mpq_clear(r->pfx[i]);
    mpq_clear(r->pfx_bin[i]);
  }
  units_truncate(r, 0, 0, 0);
  free(r->units);
  free(r->files);
  free(r->amb);
  map_free(&r->names);
  units_forget(r);
  free(r->pv);
}

static bool units_index_names(units *r, long idx) {
  const unit *u = &r->units[idx];
  units_names_changed(r);
  for (size_t i = 0; i < u->nnames; i++) {
    size_t n = strlen(u->names[i]);
    long prev = map_get(&r->names, u->names[i], n);
    long kinds = u->kinds[i];
    /* Several spellings of one unit may coincide (word and symbol "bit"). */
    if (prev >= 0 && prev / 8 == idx) kinds |= prev % 8;
    if (!map_put_ref(&r->names, u->names[i], n, idx * 8 + kinds)) return false;
  }
  return true;
}

bool units_all(const units *cr) {
  if (!cr->more) return true;
  units *r = (units *)cr; /* the registry's meaning does not change: it is completed */
  units_loader load = r->more;
  r->more = NULL; /* the loader adds units, and units_add asks for the whole registry */
  if (load(r->more_data) == DS_OK) return true;
  r->more = load;
  return false;
}

bool units_reserve(units *r, size_t n) {
  if (r->capunits - r->nunits >= n) return true;
  unit *nu = realloc(r->units, (r->nunits + n) * sizeof *nu);
  if (!nu) return false;
  r->units = nu;
  r->capunits = r->nunits + n;
  return true;
}

long units_add(units *r, const char *word, const char *plural, char **symbols, size_t nsym, unsigned flags,
               const char *def, const char *file, long line, size_t def_col) {
  if (!units_all(r)) return -1;
  if (r->nunits == r->capunits) {
    size_t nc = r->capunits ? r->capunits * 2 : 128;
    unit *nu = realloc(r->units, nc * sizeof *nu);
    if (!nu) return -1;
    r->units = nu;
    r->capunits = nc;
  }
  /* Redefining a unit ("photo = 4 MB" in a user file) keeps its other
   * spellings (photos, image, ...) and its being a catalogue item. Given
   * no flags of its own, it also keeps the prefixes its spellings take,
   * their reading and its display ("byte = 8 bit" leaves TB meaning 10^12
   * bytes, or 2^40 under the binary reading); not @calendar, which says
   * the old value was an average. */
  long prev = map_get(&r->names, word, strlen(word));
  const unit *pu = prev >= 0 && (prev % 8) & SPELL_WORD ? &r->units[prev / 8] : NULL;
  if (pu && strcmp(pu->word, word) != 0) pu = NULL;
  if (pu && !(flags & ~(unsigned)UNIT_ITEM))
    flags |= pu->flags & (UNIT_SI_UP | UNIT_SI_DOWN | UNIT_IEC | UNIT_LEGACY | UNIT_BITS | UNIT_BYTES);
  if (pu) flags |= pu->flags & UNIT_ITEM;
  if (!plural && pu && pu->plural) plural = pu->plural;
  /* The spellings: word, plural, then the symbols given or, when none
   * are, the previous definition's. */
  size_t npu = 0;
  for (size_t i = 0; !nsym && pu && i < pu->nnames; i++) npu += pu->kinds[i] == SPELL_SYMBOL;
  size_t nn = 1 + (plural != NULL) + nsym + npu;
  size_t strbytes = strlen(word) + 1 + (plural ? strlen(plural) + 1 : 0) + strlen(def) + 1;
  for (size_t i = 0; i < nsym; i++) strbytes += strlen(symbols[i]) + 1;
  for (size_t i = 0; !nsym && pu && i < pu->nnames; i++)
    if (pu->kinds[i] == SPELL_SYMBOL) strbytes += strlen(pu->names[i]) + 1;
  const char *fname = units_file_name(r, file ? file : "", r->nunits);
  char **block = fname ? malloc(nn * (sizeof *block + 1) + strbytes) : NULL;
  if (!block) {
    units_truncate(r, r->nunits, r->namb, r->ndims); /* drops a file name just added */
    return -1;
  }
  unit *u = &r->units[r->nunits];
  memset(u, 0, sizeof *u);
  u->names = block;
  u->kinds = (unsigned char *)(block + nn);
  char *p = (char *)(u->kinds + nn);
  u->legacy = units_empty;
  u->flags = flags;
  u->state = UNIT_NEW;
  u->file = fname;
  u->line = line;
  u->def_col = def_col;
#define UNITS_PUT(field, text, kind)                                                                                   \
  do {                                                                                                                 \
    size_t n_ = strlen(text) + 1;                                                                                      \
    memcpy(p, text, n_);                                                                                               \
    field = p;                                                                                                         \
    u->names[u->nnames] = p, u->kinds[u->nnames++] = (unsigned char)(kind);                                            \
    p += n_;                                                                                                           \
  } while (0)
  UNITS_PUT(u->word, word, SPELL_WORD);
  if (plural) UNITS_PUT(u->plural, plural, SPELL_PLURAL);
  for (size_t i = 0; i < nsym; i++) {
    char *sp;
    UNITS_PUT(sp, symbols[i], SPELL_SYMBOL);
    if (!u->symbol) u->symbol = sp;
  }
  for (size_t i = 0; !nsym && pu && i < pu->nnames; i++)
    if (pu->kinds[i] == SPELL_SYMBOL) {
      char *sp;
      UNITS_PUT(sp, pu->names[i], SPELL_SYMBOL);
      (void)sp;
    }
#undef UNITS_PUT
  memcpy(p, def, strlen(def) + 1);
  u->def = p;
  r->nunits++;
  if (!units_index_names(r, (long)r->nunits - 1)) {
    units_truncate(r, r->nunits - 1, r->namb, r->ndims);
    return -1;
  }
  return (long)r->nunits - 1;
}

void units_truncate(units *r, size_t keep, size_t keep_amb, int keep_dims) {
  bool changed = r->nunits > keep || r->namb > keep_amb;
  while (r->nunits > keep) units_free_unit(r, &r->units[--r->nunits]);
  while (r->nfiles && r->files[r->nfiles - 1].first >= keep) free(r->files[--r->nfiles].name);
  while (r->namb > keep_amb) {
    r->namb--;
    free(r->amb[r->namb].name);
    free(r->amb[r->namb].candidates);
  }
  while (r->ndims > keep_dims) {
    r->dims_gen++;
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
  r->dims_gen++;
  return r->ndims++;
}

int units_find_dim(const units *r, const char *name, size_t len) {
  for (int i = 0; i < r->ndims; i++) {
    const char *d = r->dimnames[i];
    if (len && d[0] == name[0] && strncmp(d, name, len) == 0 && d[len] == 0) return i;
  }
  return -1;
}

/* information, time, item and money are asked for several times a line:
 * their indices are kept until a dimension is added or removed. */
void units_std_dims_fill(const units *r) {
  static const struct {
    const char *name;
    size_t len;
  } std[UNITS_STD_DIMS] = {{"information", 11}, {"time", 4}, {"item", 4}, {"money", 5}};
  units *w = (units *)r; /* a cache: the answers do not change */
  for (int i = 0; i < UNITS_STD_DIMS; i++) w->std_dims[i] = units_find_dim(r, std[i].name, std[i].len);
  w->std_dims_gen = r->dims_gen;
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
  /* KB..QB, kB, kilobytes..quettabytes: every decimal prefix from kilo
   * up, as a symbol or a word, has the 1024-based reading too. */
  m->legacy = (u->flags & UNIT_LEGACY) && p->base == 10 && p->exp >= 3;
}

/* Every prefixed spelling found is kept in r->found (unit, prefix, form
 * and kinds in one number): a batch of "N MB to GiB" lines pays for the
 * search through the prefixes once per spelling, and then one hash lookup.
 * A plain name is one lookup in r->names already, so it is not copied
 * there (a 300,000-line file would copy every name it refers to). The
 * cache is invalidated whenever a name is added (a new generation) or a
 * unit removed (emptied), so it never answers differently from the search;
 * it is logically part of the const registry. */
#define UNITS_NOPREFIX ((long)UNITS_NPREFIX)

/* An entry of r->found, in its low 32 bits: the unit as in names (index * 8
 * + kinds), the prefix and its form (0 symbol, 1 word); UNITS_MAX_UNITS
 * keeps it under 2^31, so it is a long on every platform. Above them, in
 * the map's 64-bit value, the generation it was found in. */
_Static_assert((long long)UNITS_MAX_UNITS *UNITS_NPREFIX * 16 < (1LL << 31), "units_code fits 31 bits");
static long units_code(long w, long pi, int form) { return ((w / 8 * UNITS_NOPREFIX + pi) * 2 + form) * 8 + w % 8; }
static long units_code_unit(long c) { return c / 16 / UNITS_NOPREFIX * 8 + c % 8; }
static long units_code_prefix(long c) { return c / 16 % UNITS_NOPREFIX; }
static int units_code_form(long c) { return (int)(c / 8 % 2); }

static void units_remember(const units *r, const char *name, size_t len, long code) {
  if (code >= 0) /* a failure only costs speed */
    map_put((map *)&r->found, name, len, (int64_t)code | (int64_t)r->found_gen << 32);
}

/* The entry for a spelling found in this generation, or -1. */
static long units_recall(const units *r, const char *name, size_t len) {
  int64_t c = map_get(&r->found, name, len);
  return c >= 0 && (c >> 32) == r->found_gen ? (long)(c & 0xffffffff) : -1;
}

/* Fills m for unit w (index * 8 + kinds) spelled without a prefix. */
static void units_match_plain(const units *r, long w, units_match *m) {
  m->index = w / 8;
  m->u = &r->units[m->index];
  m->plural = (w % 8) == SPELL_PLURAL;
  m->word = !((w % 8) & SPELL_SYMBOL);
}

bool units_in_force(const units *r, size_t idx) {
  const char *w = r->units[idx].word;
  return map_get(&r->names, w, strlen(w)) / 8 == (long)idx;
}

void units_name_entry(long code, long *idx, unsigned *kinds) {
  *idx = code / 8;
  *kinds = (unsigned)(code % 8);
}

int units_ready(units *r, long idx, bool range, err *e) {
  const unit *u = &r->units[idx];
  if (u->state == UNIT_READY && (!range || !u->item || !u->item->range || u->item->range_ready)) return DS_OK;
  return r->resolve ? r->resolve(r->resolve_data, idx, range, e) : DS_OK;
}

/* The search, without the memo. */
static bool units_search(const units *r, const char *name, size_t len, units_match *m) {
  memset(m, 0, sizeof *m);
  if (r->namb && units_refused(r, name, len)) return false;
  long v = map_get(&r->names, name, len);
  if (v >= 0) {
    units_match_plain(r, v, m);
    return true;
  }
  long c = units_recall(r, name, len);
  if (c >= 0) {
    units_match_prefixed(r, units_code_unit(c), (size_t)units_code_prefix(c), units_code_form(c), m);
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
      units_remember(r, name, len, units_code(w, (long)i, form));
      return true;
    }
  }
  return false;
}

/* A batch line looks its spellings up several times ("N KiB to TiB":
 * the reading rule, the walker, the target), a batch the same few again and
 * again, and each search is two hash lookups and more: the spellings and
 * their matches are kept in a small table, each in one of the two places
 * its hash gives, valid while the names (found_gen) and the refused
 * spellings (namb) are those they were found under. */
static unsigned units_memo_slot(const char *name, size_t len) {
  uint32_t h = 2166136261u; /* FNV-1a */
  for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)name[i]) * 16777619u;
  return (unsigned)(h ^ (h >> 16)) & (UNITS_MEMO - 1);
}

static bool units_memo_live(const units *r, const units_memo *e) {
  return e->gen == r->found_gen && e->namb == r->namb;
}

/* Is the memo entry's spelling name[0..len)? A loop: spellings are short. */
static bool units_memo_is(const units_memo *e, const char *name, size_t len) {
  if (e->len != len) return false;
  for (size_t i = 0; i < len; i++)
    if (e->name[i] != name[i]) return false;
  return true;
}

/* units_lookup when the memo does not have the spelling: a search, then a
 * place in the memo. Apart so that a hit, the common case, saves no
 * registers. */
static __attribute__((noinline)) bool units_lookup_miss(const units *r, const char *name, size_t len, units_match *m,
                                                        unsigned slot) {
  bool found = units_search(r, name, len, m);
  if (!found && r->more && units_all(r)) found = units_search(r, name, len, m);
  if (len == 0 || len > UNITS_MEMO_LEN) return found; /* not remembered */
  if (!found && r->more) return false;                /* the rest could not be loaded: not remembered */
  /* a cache: the registry's meaning does not change. The first place
   * unless it holds a live spelling and the second does not. */
  units *rw = (units *)r;
  units_memo *w = &rw->memo[slot];
  if (units_memo_live(r, w) && !units_memo_live(r, &rw->memo[slot ^ 1])) w = &rw->memo[slot ^ 1];
  w->gen = r->found_gen;
  w->namb = r->namb;
  w->len = (unsigned char)len;
  memcpy(w->name, name, len);
  w->m = *m;
  w->found = found;
  return found;
}

bool units_lookup(const units *r, const char *name, size_t len, units_match *m) {
  if (len == 0 || len > UNITS_MEMO_LEN) return units_lookup_miss(r, name, len, m, 0);
  unsigned slot = units_memo_slot(name, len);
  for (unsigned k = 0; k < 2; k++) {
    const units_memo *e = &r->memo[slot ^ k];
    if (units_memo_is(e, name, len) && units_memo_live(r, e)) {
      *m = e->m;
      return e->found;
    }
  }
  return units_lookup_miss(r, name, len, m, slot);
}

size_t units_fold(const char *name, size_t len, char *out, size_t cap) {
  size_t k = 0;
  bool sep = false;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)name[i];
    if (c == ' ' || c == '\t' || c == '-' || c == '_') {
      sep = k > 0;
      continue;
    }
    bool letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    if (!letter && !(c >= '0' && c <= '9') && c < 0x80) return 0;
    if (k + 2 + sep > cap) return 0;
    if (sep) out[k++] = '_', sep = false;
    out[k++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
  }
  if (k) out[k] = 0;
  return k;
}

/* An entry of r->folded for a folded spelling that two items share. */
#define UNITS_ITEM_TWO LONG_MAX

/* Adds a folded spelling of item w / 8 (w: index * 8 + kinds) to
 * r->folded; false when memory ran out. */
static bool units_items_put(units *r, const char *name, long w) {
  char f[128];
  size_t fl = units_fold(name, strlen(name), f, sizeof f);
  if (!fl) return true;
  long prev = map_get(&r->folded, f, fl);
  if (prev == UNITS_ITEM_TWO || (prev >= 0 && prev / 8 == w / 8)) return true;
  return map_put(&r->folded, f, fl, prev >= 0 ? UNITS_ITEM_TWO : w);
}

/* Indexes the spellings in force of every catalogue item, and its display
 * names ("hours of HD video"), by their folded form. On failure (memory)
 * the index stays unbuilt: nothing is found. */
void units_items_build(units *r) {
  map_free(&r->folded);
  r->folded_gen = -1;
  for (size_t i = 0; i < r->nunits; i++) {
    const unit *u = &r->units[i];
    if (!(u->flags & UNIT_ITEM)) continue;
    bool ok = true;
    /* The display names first: they say which spelling is the plural
     * (an alias "hours_of_hd_video" is only a name). */
    if (u->item && u->item->one && units_in_force(r, i))
      ok = units_items_put(r, u->item->one, (long)i * 8 + SPELL_WORD) &&
           units_items_put(r, u->item->many, (long)i * 8 + SPELL_PLURAL);
    for (size_t k = 0; k < u->nnames && ok; k++) {
      long w = map_get(&r->names, u->names[k], strlen(u->names[k]));
      if (w < 0 || w / 8 != (long)i) continue; /* taken over by a later definition */
      ok = units_items_put(r, u->names[k], w);
    }
    if (!ok) {
      map_free(&r->folded);
      return;
    }
  }
  r->folded_gen = r->found_gen;
}

/* Calls each(ctx, spelling, match) for every spelling (with a prefix or
 * not) equal to `name` ignoring case that the registry finds, until each
 * returns true; returns whether one did. */
bool units_case_scan(const units *r, const char *name, size_t len,
                     bool (*each)(void *ctx, const char *sp, const units_match *m), void *ctx) {
  for (size_t i = 0; i < r->names.cap; i++) {
    const map_entry *e = &r->names.slots[i];
    if (!e->key) continue;
    for (size_t k = 0; k <= units_nprefixes; k++) {
      const char *pre = k < units_nprefixes ? units_prefixes[k].sym : "";
      size_t pl = strlen(pre);
      if (pl + e->klen != len || strncasecmp(name, pre, pl) != 0 || strncasecmp(name + pl, e->key, e->klen) != 0)
        continue;
      char sp[128];
      units_match m;
      snprintf(sp, sizeof sp, "%s%.*s", pre, (int)e->klen, e->key);
      if (units_lookup(r, sp, strlen(sp), &m) && each(ctx, sp, &m)) return true;
    }
  }
  return false;
}

static bool units_not_item(void *ctx, const char *sp, const units_match *m) {
  (void)ctx, (void)sp;
  return !(m->u->flags & UNIT_ITEM);
}

/* Is `name` a spelling (with a prefix or not) of a unit that is not a
 * catalogue item, ignoring case? "Mb" for "MB", "Hours" for "hours". */
static bool units_case_unit(const units *r, const char *name, size_t len) {
  return units_case_scan(r, name, len, units_not_item, NULL);
}

int units_find_item(const units *cr, const char *name, size_t len, units_match *m) {
  units *r = (units *)cr; /* the index changes no answer: see units_lookup */
  memset(m, 0, sizeof *m);
  units_all(r);
  char f[128];
  size_t fl = units_fold(name, len, f, sizeof f);
  if (!fl || units_refused(r, name, len)) return 0;
  if (r->folded_gen != r->found_gen) units_items_build(r);
  long v = r->folded_gen == r->found_gen ? map_get(&r->folded, f, fl) : -1;
  if (v < 0) return 0;
  if (v == UNITS_ITEM_TWO) return -1;
  units_match_plain(r, v, m);
  /* A unit spelled the same but for case (a user's unit "CD" beside the
   * item cd): no guess between them. */
  return units_case_unit(r, name, len) ? -1 : 1;
}

/* units_prefixed_value when the small table does not have the key: the
 * map, or a new value. Apart so that a hit saves no registers. */
static __attribute__((noinline)) const num *units_pv_miss(units *r, const num *base, mpq_srcptr f, long key,
                                                          unsigned slot) {
  long i = map_get(&r->pvindex, (const char *)&key, sizeof key);
  if (i >= 0) {
    r->pv_memo[slot].key = key;
    r->pv_memo[slot].i1 = i + 1;
    return &r->pv[i];
  }
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

const num *units_prefixed_value(const units *cr, const units_match *m, bool binary) {
  units *r = (units *)cr; /* the cache changes no answer: see units_lookup */
  const unit *u = m->u;
  const num *base = &units_value(u, binary)->n;
  mpq_srcptr f = units_prefix_factor(r, m, binary);
  if (!f) return base;
  /* The key is everything the value depends on: the unit, the prefix, the
   * reading (even for a prefix that does not depend on it: the unit's own
   * value may, "blob = 1 MB" then "kblob"), and whether the spelling is a
   * legacy one (TB is 1024^4 bytes under --binary, terabyte with the same
   * unit and prefix is 10^12). */
  long key = ((m->index * UNITS_NOPREFIX + (long)(m->pf - units_prefixes)) * 2 + m->legacy) * 2 + binary;
  unsigned slot = (unsigned)(((uint64_t)key * 0x9e3779b97f4a7c15u) >> 58) & (UNITS_PV_MEMO - 1);
  if (r->pv_memo[slot].i1 && r->pv_memo[slot].key == key) return &r->pv[r->pv_memo[slot].i1 - 1];
  return units_pv_miss(r, base, f, key, slot);
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
      const char *nm = i >= r->ndims ? "?" : strcmp(r->dimnames[i], "item") ? r->dimnames[i] : "count of items";
      int a = e < 0 ? -e : e;
      int n;
      if (pass == 1 && first) n = snprintf(buf + used, bufsz - used, used ? "/" : "1/");
      else if (!first) n = snprintf(buf + used, bufsz - used, pass ? "/" : "*");
      else n = 0;
      if (n > 0 && (size_t)n < bufsz - used) used += (size_t)n;
      n = a == 1 ? snprintf(buf + used, bufsz - used, "%s", nm) : snprintf(buf + used, bufsz - used, "%s^%d", nm, a);
      if (n > 0 && (size_t)n < bufsz - used) used += (size_t)n;
      first = false;
    }
  }
}
