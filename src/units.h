/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* units.h -- the unit registry: names, plurals, prefixes, lookup, suggestions. */
#ifndef DS_UNITS_H
#define DS_UNITS_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "map.h"
#include "qty.h"

enum {
  UNIT_SI_UP = 1 << 0,    /* kilo .. quetta */
  UNIT_SI_DOWN = 1 << 1,  /* milli .. quecto */
  UNIT_IEC = 1 << 2,      /* kibi .. quebi */
  UNIT_LEGACY = 1 << 3,   /* KB .. YB read as 1024^n under --binary */
  UNIT_BITS = 1 << 4,     /* prefer bits for display */
  UNIT_BYTES = 1 << 5,    /* prefer bytes for display */
  UNIT_CALENDAR = 1 << 6, /* calendar average: carries a caveat */
  UNIT_ITEM = 1 << 7      /* a catalogue item: an assumption with a source */
};

/* What the catalogue says of an item (data/catalog.def). */
typedef struct {
  char *about;      /* one line: what it is */
  char *one, *many; /* display name, singular and plural ("hour of HD video"), or NULL */
  char *brief;      /* a few words for an equivalents line (key short:), or NULL */
  bool upper;       /* the size is an "up to" figure: counts by it are minimums */
  char *source;     /* title of the source */
  char *url;        /* where to check it */
  char *reading;    /* "decimal" or "binary": how the source counts */
  char *range;      /* "2 MB .. 5 MB" as written, or NULL */
  long year;        /* year of the figure */
  bool compare;     /* offered by "to equivalents" */
  qty low, high;    /* the range, resolved (valid when range_ready) */
  bool range_ready; /* low and high hold the range (see defs_item_ready) */
  long range_line;  /* where the range is written, for errors */
  size_t range_col;
} unit_item;

enum { UNIT_NEW, UNIT_RESOLVING, UNIT_READY };

/* Kinds of spelling, or-ed in a name entry. */
enum { SPELL_WORD = 1, SPELL_PLURAL = 2, SPELL_SYMBOL = 4 };

/* A unit. Its strings (word, plural, symbol, names, kinds, def) live in
 * one block owned by `names`, and `file` in the registry's list of files,
 * so a unit costs two allocations besides its numbers: a 300,000-line
 * definitions file must load in well under a second. The struct is
 * kept small (216 bytes) for the same reason: a registry may hold
 * UNITS_MAX_UNITS of them. */
typedef struct {
  char *word;           /* singular word (the canonical name) */
  char *plural;         /* plural word, or NULL */
  char *symbol;         /* first symbol, or NULL */
  char **names;         /* every spelling: word, plural, symbols */
  unsigned char *kinds; /* SPELL_* of each spelling */
  unsigned flags;       /* UNIT_* */
  unsigned short nnames;
  unsigned char state; /* UNIT_NEW, UNIT_RESOLVING, UNIT_READY */
  unsigned char share; /* UNITV_*: which numbers of value/value_bin are shared */
  char *def;           /* the definition text */
  const char *file;    /* where it was defined */
  long line;
  size_t def_col; /* characters before the definition in its line */
  /* value and value_bin are valid when state == UNIT_READY, and are read
   * only: set them with units_set_value, which may let them share limbs
   * (hi with lo for a point), and read them with units_value. */
  qty value;
  qty *value_bin;     /* the same under the binary reading of KB..YB, or NULL
                         when it is value (no KB..YB in the definition) */
  const char *legacy; /* KB..YB spellings in the definition ("MB"), or "" */
  unit_item *item;    /* catalogue data, or NULL */
} unit;

/* unit.share: what units_set_value stored once for two fields. */
enum {
  UNITV_SET = 1,   /* value (and value_bin, if any) hold numbers */
  UNITV_HI = 2,    /* value.n.hi is value.n.lo (a point) */
  UNITV_BIN_HI = 8 /* value_bin->n.hi is value_bin->n.lo */
};

/* A registry holds at most this many units, built-ins and redefinitions
 * included: memory stays bounded (about 400 bytes a unit while a file
 * loads) whatever a definitions file holds. */
#define UNITS_MAX_UNITS 500000
/* ... and at most this many spellings (names, plurals, symbols): a line
 * may give a unit 32 of them. */
#define UNITS_MAX_NAMES 1000000

/* The numbers of all units together may hold at most this many bits
 * (16 MiB): each value is bounded by the result-size limit, but a chain
 * "u2 = 2 u1", "u3 = 2 u2", ... of n lines holds n^2/2 bits. */
#define UNITS_MAX_BITS ((size_t)1 << 27)

typedef struct {
  const char *sym;  /* "k", "Ki" */
  const char *word; /* "kilo", "kibi" */
  int base;         /* 10 or 2 */
  int exp;          /* power of base */
  unsigned family;  /* UNIT_SI_UP, UNIT_SI_DOWN, UNIT_IEC or UNIT_LEGACY */
} prefix;

typedef struct {
  char *name;       /* the refused spelling */
  char *candidates; /* "kbit kB" */
} ambiguous;

#define UNITS_NPREFIX 33 /* entries of units_prefixes */

/* Resolves unit `idx` of a registry on first use (and, when `range` is
 * true, the plausible range of a catalogue item): the definitions reader
 * installs it, so the registry and the modules below the reader can ask
 * for a unit's value without knowing how definitions are evaluated. */
typedef int (*units_resolver)(void *data, long idx, bool range, err *e);

/* Adds the built-in definitions held back (the catalogue) to a registry,
 * on first need (see units_all); returns DS_OK or DS_E_NOMEM. */
typedef int (*units_loader)(void *data);

typedef struct {
  const unit *u;    /* the unit matched */
  long index;       /* its index in the registry */
  const prefix *pf; /* the prefix, or NULL */
  bool legacy;      /* a KB .. YB spelling (depends on the binary reading) */
  bool plural;      /* spelled as a plural word */
  bool word;        /* spelled as a word (singular or plural), not a symbol */
} units_match;

/* An entry of the registry's memo of spellings looked up: a table of
 * UNITS_MEMO entries (a power of two), a spelling in one of two places its
 * hash gives. */
#define UNITS_MEMO 64
#define UNITS_MEMO_LEN 15
#define UNITS_PV_MEMO 64 /* a power of two */
typedef struct {
  long gen;    /* found_gen when it was looked up; -1: empty */
  size_t namb; /* namb then (a spelling declared ambiguous is refused) */
  bool found;
  unsigned char len;
  char name[UNITS_MEMO_LEN];
  units_match m;
} units_memo;

/* The base dimensions the library asks for by name (units_std_dim). */
typedef enum { UNITS_DIM_INFORMATION, UNITS_DIM_TIME, UNITS_DIM_ITEM, UNITS_DIM_MONEY, UNITS_STD_DIMS } units_dim_id;

typedef struct {
  unit *units;
  size_t nunits, capunits;
  size_t nbuiltin;        /* units[0..nbuiltin) are the built-in definitions and catalogue */
  units_resolver resolve; /* see units_ready; NULL: every unit is ready */
  void *resolve_data;
  units_loader more; /* see units_all; NULL: the registry is whole */
  void *more_data;
  mpq_t pfx[UNITS_NPREFIX];     /* each prefix's factor, computed once */
  mpq_t pfx_bin[UNITS_NPREFIX]; /* the same under the binary reading (legacy K..Y) */
  map names;                    /* spelling -> index * 8 + SPELL_* kinds */
  map found;                    /* cache of spellings found ("MB", "photos"); see units_lookup */
  long found_gen;               /* its generation: entries of older ones are stale */
  map pvindex;                  /* cache of prefixed values: (unit, prefix, legacy spelling, reading) -> pv */
  map folded;                   /* catalogue items' spellings folded (units_fold) -> as in names; built on
                                   demand by units_find_item, valid while folded_gen == found_gen */
  long folded_gen;              /* found_gen when folded was built, or -1 */
  num *pv;
  size_t npv, cappv;
  struct {
    long key, i1;           /* a key of pvindex and its entry plus 1 (0: empty) */
  } pv_memo[UNITS_PV_MEMO]; /* in front of pvindex: a line asks for the same few values */
  ambiguous *amb;
  size_t namb;
  units_memo memo[UNITS_MEMO]; /* spellings looked up: a line names "KiB" and "TiB"
                                  several times, a batch the same few (see units_lookup) */
  struct units_file *files;    /* names of the files units came from, shared */
  size_t nfiles;
  size_t bits;                  /* bits held by the values of all units (UNITS_MAX_BITS) */
  char *dimnames[DIM_MAX];      /* base dimension names, NULL when free */
  long dimunit[DIM_MAX];        /* the unit that measures each */
  unsigned dims_gen;            /* bumped when a dimension is added or removed */
  unsigned std_dims_gen;        /* dims_gen when std_dims was filled */
  int std_dims[UNITS_STD_DIMS]; /* the indices of information, time, item, money (units_std_dim) */
  int ndims;
} units;

#define UNITS_MAX_PER 4

/* A unit a line divided by ("6 months", "per GB"): a result with that
 * dimension below the line is shown per it ("TB/month", "USD/GB/month"). */
typedef struct {
  int dim;        /* the base dimension it measures, to the power 1 */
  char name[40];  /* as it reads in a unit, singular: "month", "GB", "h" */
  char word[48];  /* in words, singular: "month", "gigabyte", "hour" */
  bool symbol;    /* written as a symbol: a rate stays "GB/h" */
  bool calendar;  /* a calendar average (month, year) */
  mpq_t value[2]; /* in base units, with KB..YB read decimal [0] and 1024-based [1] */
} units_per;

void units_per_init(units_per *p);
void units_per_clear(units_per *p);
/* to = from (both initialised). */
void units_per_set(units_per *to, const units_per *from);

/* Frees an item's strings and values (and the item itself). */
void units_item_free(unit_item *it);

void units_init(units *r);
void units_free(units *r);

/* Makes the registry whole: adds what its loader holds back (the built-in
 * catalogue, which a one-shot like "1400 TB to MB" never reads), once.
 * Every search of the registry that can meet a held-back unit calls it
 * first: a spelling not found (units_lookup), a scan of every unit or
 * spelling (items, listings, suggestions), and a new definition, which
 * must come after the built-in ones. The held-back units have no spelling
 * that the rest finds (test_defs), so a spelling found without them is
 * found the same with them. Returns false when memory ran out. */
bool units_all(const units *r);
/* Room for n more units, so that adding them moves no unit (a loader runs
 * while callers hold pointers to units); false when memory runs out. */
bool units_reserve(units *r, size_t n);

/* Adds a unit; names[0] is the singular word, plural may be NULL. Returns its
 * index or -1 when memory runs out. Later definitions of a spelling win. */
long units_add(units *r, const char *word, const char *plural, char **symbols, size_t nsym, unsigned flags,
               const char *def, const char *file, long line, size_t def_col);
/* Stores the value of unit `idx` (and its value under the binary reading,
 * or NULL when it is the same) and marks it ready. Takes v and vb in every
 * case: the caller must not clear them. `legacy` is copied. Returns DS_OK,
 * DS_E_LIMIT when the registry would exceed UNITS_MAX_BITS, or DS_E_NOMEM. */
int units_set_value(units *r, long idx, qty *v, qty *vb, const char *legacy);
/* The value of a ready unit under a reading. */
const qty *units_value(const unit *u, bool binary);
/* The reading a catalogue item's size keeps whatever the session's:
 * its source's ("reading: binary" is true). False for other units. */
bool units_item_binary(const unit *u);
/* Removes every unit from index `keep` on, restoring the name index. */
void units_truncate(units *r, size_t keep, size_t keep_amb, int keep_dims);
bool units_add_ambiguous(units *r, const char *name, const char *candidates);
/* Declares a base dimension; returns its index or -1 when full. */
int units_add_dim(units *r, const char *name, long unit_index);
/* The index of a base dimension by name, or -1. */
int units_find_dim(const units *r, const char *name, size_t len);
/* The same for the dimensions the library asks for on every line, kept
 * until a dimension is added or removed. */
void units_std_dims_fill(const units *r);
static inline int units_std_dim(const units *r, units_dim_id k) {
  if (r->std_dims_gen != r->dims_gen) units_std_dims_fill(r);
  return r->std_dims[k];
}

/* Is unit idx the one its word names now? A later definition of the same
 * word (a user file's) takes the word over. */
bool units_in_force(const units *r, size_t idx);
/* Decodes the value of an entry of r->names: the unit's index and the
 * SPELL_* kinds of the spelling. */
void units_name_entry(long code, long *idx, unsigned *kinds);

/* Makes unit `idx` ready to read (its value; with `range`, its item's
 * range too), through the registry's resolver when it is not. Returns DS_OK
 * or the resolver's error (a cycle, a bad definition, the work limit). */
int units_ready(units *r, long idx, bool range, err *e);

/* Finds a spelling, with prefixes. Returns true on a match. */
bool units_lookup(const units *r, const char *name, size_t len, units_match *m);
/* The number of the matched unit (ready: resolved) times its prefix under
 * the reading `binary`, from the registry's cache (computed on first use;
 * emptied when units are removed; valid until the next call). NULL when memory
 * runs out. */
const num *units_prefixed_value(const units *r, const units_match *m, bool binary);
/* The factor of a prefix (1 when NULL), exact; `binary` applies to legacy. */
void units_prefix_value(mpq_t out, const units_match *m, bool binary);
/* The same, borrowed from the registry's table (NULL when there is no prefix). */
mpq_srcptr units_prefix_factor(const units *r, const units_match *m, bool binary);

/* The form of a name in which catalogue items are found whatever their
 * case: ASCII letters in lower case, and each run of spaces, tabs, '-' and
 * '_' one '_' (none at either end). Writes at most `cap` bytes (NUL
 * included) and returns the length, or 0 when the name is empty, holds any
 * other character than letters, digits, UTF-8 and those separators, or
 * does not fit. "Blu-rays" and "hours of HD video" fold to "blu_rays" and
 * "hours_of_hd_video". */
size_t units_fold(const char *name, size_t len, char *out, size_t cap);

/* Finds a catalogue item by a spelling folded as units_fold does (the
 * spellings in force: a later definition of a spelling takes it over).
 * Returns 1 and fills m (no prefix; `plural` and `word` from the spelling
 * matched) when exactly one item has it, -1 when two items do (m holds
 * one of them), 0 when none does. Exact spellings are units_lookup's:
 * this is for what it does not find. */
int units_find_item(const units *r, const char *name, size_t len, units_match *m);

/* Calls each(ctx, spelling, match) for every spelling (with a prefix or
 * not) equal to `name` ignoring case that the registry finds, until each
 * returns true; returns whether one did. */
bool units_case_scan(const units *r, const char *name, size_t len,
                     bool (*each)(void *ctx, const char *sp, const units_match *m), void *ctx);
/* Indexes the spellings in force of every catalogue item, and its display
 * names, by their folded form (r->folded, valid while folded_gen equals
 * found_gen; see units_find_item). */
void units_items_build(units *r);

/* Describes a dimension in words: "information/time". */
void units_dim_name(const units *r, const dim *d, char *buf, size_t bufsz);

extern const prefix units_prefixes[];
extern const size_t units_nprefixes;

#endif
