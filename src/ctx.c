/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * ctx.c -- the public API: contexts, evaluation and results.
 *
 * A ds_ctx holds a session (session.c: the registry, with the built-ins
 * compiled in from data/, the variables, settings and limits), the state of
 * each phase (the evaluator's arena and work counter, the definitions
 * reader's stack) and the last error. ds_eval() runs the phases for one
 * line: check, lex and parse, evaluate (stmt.c), word (word.c), explain
 * (explain.c); it keeps everything a caller may ask for in a ds_result,
 * whose accessors and JSON object are here too. Nothing here prints or
 * exits.
 */
#include "ctx.h"

#include <math.h>
#include <mpfr.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "estimate.h"
#include "explain.h"
#include "items.h"
#include "json.h"
#include "note.h"
#include "qpool.h"
#include "lex.h"
#include "quote.h"
#include "setting.h"
#include "stmt.h"

extern const char ds_builtin_units[];
extern const size_t ds_builtin_units_len;
extern const char ds_builtin_catalog[];
extern const size_t ds_builtin_catalog_len;
extern const size_t ds_builtin_catalog_blocks; /* its items (data/embed.sh) */

#define CTX_MAX_WARNINGS 8

/* The words of a line (text, unit, notes ended by a NUL each), written in
 * the same memory from line to line; a result copies them into its block. */
struct ctx_words {
  buf keep[2]; /* text and unit (word_out.keep) */
  buf notes;
  size_t nnotes;
  size_t at[CTX_MAX_WARNINGS]; /* where each note starts in notes */
};

/* A result keeps its number; the forms of it that only some callers read
 * (terse text, doubles, exact fractions) are made on first request, so a
 * batch that prints text never pays for them. */
enum {
  CTX_TERSE = 1,
  CTX_VALUE = 2,
  CTX_EXACT = 4,
  CTX_LOW = 8,
  CTX_HIGH = 16,
  CTX_LOW_EXACT = 32,
  CTX_HIGH_EXACT = 64
};

struct ds_result {
  int status;
  size_t size; /* bytes in its block */
  char *input;
  char *text; /* in the block (line[]) unless text_apart */
  char *unit; /* in the block */
  char *name;
  int range;
  bool has_x;      /* x (and span) hold the value: a success with a number */
  bool has_span;   /* span is its own number (else low/high come from x) */
  bool text_apart; /* text is an allocation of its own (an error's, a what-if's, a table's, a command's answer) */
  int digits;      /* for the terse text */
  unsigned made;   /* CTX_* forms made so far */
  char *terse, *exact, *low_exact, *high_exact;
  double value, low, high;
  long column;                        /* error column, 0 when none */
  size_t nwarnings, nassumptions;     /* the entries of warnings and assumptions in use */
  char *explain, *explain_md;         /* derivations, when asked for */
  char *equivalents;                  /* "to equivalents": the items as a JSON array, or NULL */
  const char *verdict;                /* a check's verdict word, or NULL */
  double off, actual, implied, count; /* a check's figures; a count (NaN when none) */
  char *reading;                      /* a check: the reading of its verdict */
  char *item;                         /* what a count counts (the item's word), or NULL */
  bool explain_json_md;               /* JSON carries the Markdown form */
  bool explain_kept;                  /* the session keeps derivations: JSON has "explain" */
  ds_result **rows;                   /* a sweep: one result per value (owned) */
  size_t nrows;
  /* What a new result leaves as it is, not zeroed: the numbers, set
   * when has_x and has_span say, and the lists, whose first nwarnings and
   * nassumptions entries only are set. */
  num x;    /* the value in the unit shown */
  num span; /* low and high: x, or the item's range for a count */
  char *warnings[CTX_MAX_WARNINGS];
  struct {
    char *name, *value, *source;
  } assumptions[EVAL_MAX_VARS];
  /* The line evaluated (input, unless a what-if gave it another), the unit,
   * a worded line's text and warnings (ctx_words), each ended by a NUL. */
  char line[];
};

/* The block of the last result freed on this thread, kept for the next
 * one: a batch frees each line's result before it makes the next, and a
 * block used again costs no malloc and no free. Blocks are made in steps
 * of CTX_BLOCK bytes, so that the next line's mostly fits; one larger than
 * CTX_SPARE_MAX is not kept. Off under AddressSanitizer, as the pool of
 * rationals is (qpool.h), which then sees a result used after its free. */
#define CTX_SPARE_ON QPOOL_ON
#define CTX_BLOCK 128
#define CTX_SPARE_MAX 4096
static _Thread_local ds_result *ctx_spare;

const char *ds_version(void) { return DS_VERSION; }
int ds_abi(void) { return DS_ABI; }
void ds_free(void *p) { free(p); }

int ctx_bad_arg(ds_ctx *ctx, const char *what) {
  return err_set(&ctx->last, DS_E_ARG, SIZE_MAX, SIZE_MAX, "invalid argument: %s", what);
}

const char *ds_strerror(int status) {
  switch (status) {
  case DS_OK: return "success";
  case DS_E_SYNTAX: return "syntax error";
  case DS_E_INCOMPLETE: return "incomplete input";
  case DS_E_UNKNOWN: return "unknown name";
  case DS_E_DIMENSION: return "dimension mismatch";
  case DS_E_DOMAIN: return "undefined operation";
  case DS_E_LIMIT: return "limit exceeded";
  case DS_E_ENCODING: return "invalid encoding";
  case DS_E_DEFS: return "error in definitions";
  case DS_E_NOMEM: return "out of memory";
  case DS_E_CANCELLED: return "cancelled";
  case DS_E_ARG: return "invalid argument";
  default: return "unknown status";
  }
}

/* The registry's loader (units_all): the built-in catalogue. */
static int ctx_load_catalog(void *data) {
  ds_ctx *ctx = data;
  err e;
  err_clear(&e);
  int st = defs_load_builtin(&ctx->defs, ds_builtin_catalog, ds_builtin_catalog_len, "catalog.def", &e);
  if (st == DS_OK) ctx->s.reg.nbuiltin = ctx->s.reg.nunits;
  return st == DS_OK ? DS_OK : DS_E_NOMEM;
}

ds_ctx *ds_ctx_new(void) {
  ds_ctx *ctx = calloc(1, sizeof *ctx);
  struct ctx_words *w = ctx ? calloc(1, sizeof *w) : NULL; /* keep[]: empty, their caps never read (buf_reuse) */
  if (!w) {
    free(ctx);
    return NULL;
  }
  ctx->words = w;
  buf_init(&w->notes, (size_t)1 << 24); /* room for CTX_MAX_WARNINGS notes of 1 MiB (note_unusual) */
  session_init(&ctx->s);
  stmt_result_init(&ctx->res);
  eval_env_init(&ctx->env, &ctx->s, &ctx->cancel);
  ctx->env.estimate = estimate_call;
  defs_reader_init(&ctx->defs, &ctx->env);
  atomic_init(&ctx->cancel, 0);
  err_clear(&ctx->last);
  /* The catalogue is read when something needs it (units_all): a name
   * the units do not know, a listing, "to equivalents", a definition. Most
   * one-shots never do, and reading it was most of their work. Room for
   * its items is made now, so that reading it, which may happen while a
   * caller holds a unit, moves no unit. */
  if (defs_load_builtin(&ctx->defs, ds_builtin_units, ds_builtin_units_len, "units.def", &ctx->last) != DS_OK ||
      !units_reserve(&ctx->s.reg, ds_builtin_catalog_blocks)) {
    ds_ctx_free(ctx);
    return NULL;
  }
  ctx->s.reg.nbuiltin = ctx->s.reg.nunits;
  ctx->s.reg.more = ctx_load_catalog;
  ctx->s.reg.more_data = ctx;
  return ctx;
}

void ds_ctx_free(ds_ctx *ctx) {
  if (!ctx) return;
  stmt_result_clear(&ctx->res);
  free(ctx->words->keep[0].s), free(ctx->words->keep[1].s), free(ctx->words->notes.s);
  free(ctx->words);
  session_free(&ctx->s);
  eval_env_free(&ctx->env);
  free(ctx);
  qpool_free();
  free(ctx_spare); /* this thread's, as the pool is */
  ctx_spare = NULL;
  mpfr_free_cache();
}

long ds_ctx_limit(ds_ctx *ctx, int id, long value) { return ctx ? session_limit(&ctx->s, id, value) : -1; }

/* The setters refuse what they do not know, and then change nothing. */
int ds_ctx_set_binary(ds_ctx *ctx, int on) {
  if (!ctx) return DS_E_ARG;
  ctx->s.binary = on != 0;
  return DS_OK;
}
int ds_ctx_binary(const ds_ctx *ctx) { return ctx ? ctx->s.binary : 0; }
int ds_ctx_set_decimal_comma(ds_ctx *ctx, int on) {
  if (!ctx) return DS_E_ARG;
  ctx->s.decimal_comma = on != 0;
  return DS_OK;
}
int ds_ctx_decimal_comma(const ds_ctx *ctx) { return ctx ? ctx->s.decimal_comma : 0; }
int ds_ctx_set_style(ds_ctx *ctx, ds_style style) {
  if (!ctx) return DS_E_ARG;
  if (style != DS_STYLE_NORMAL && style != DS_STYLE_EXACT) return ctx_bad_arg(ctx, "unknown style");
  ctx->s.style = style;
  return DS_OK;
}
int ds_ctx_set_source(ds_ctx *ctx, const char *source) {
  if (!ctx) return DS_E_ARG;
  snprintf(ctx->s.source, sizeof ctx->s.source, "%s", source ? source : "");
  return DS_OK;
}

int ds_ctx_set_warnings(ds_ctx *ctx, int on) {
  if (!ctx) return DS_E_ARG;
  ctx->s.no_warnings = on == DS_WARNINGS_OFF;
  ctx->s.brief_repeats = on == DS_WARNINGS_BATCH;
  ctx->s.ngiven = 0;
  return DS_OK;
}
int ds_ctx_set_explain(ds_ctx *ctx, ds_explain mode) {
  if (!ctx) return DS_E_ARG;
  if (mode != DS_EXPLAIN_OFF && mode != DS_EXPLAIN_TEXT && mode != DS_EXPLAIN_MARKDOWN)
    return ctx_bad_arg(ctx, "unknown explain mode");
  ctx->s.explain = mode;
  return DS_OK;
}

/* A store to a lock-free atomic is all a signal handler may do to shared
 * data (C11 7.14.1.1), and it is a data-race-free store for a thread. */
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "ds_ctx_cancel needs a lock-free atomic_int");
void ds_ctx_cancel(ds_ctx *ctx) {
  if (ctx) atomic_store_explicit(&ctx->cancel, 1, memory_order_relaxed);
}
int ds_ctx_errcode(const ds_ctx *ctx) { return ctx ? ctx->last.code : DS_E_ARG; }
const char *ds_ctx_errmsg(const ds_ctx *ctx) { return ctx ? ctx->last.msg : ds_strerror(DS_E_ARG); }
long ds_ctx_error_start(const ds_ctx *ctx) { return !ctx || ctx->last.start == SIZE_MAX ? -1 : (long)ctx->last.start; }
long ds_ctx_error_end(const ds_ctx *ctx) { return !ctx || ctx->last.end == SIZE_MAX ? -1 : (long)ctx->last.end; }

int ds_ctx_load_defs(ds_ctx *ctx, const char *text, size_t len, const char *name) {
  if (!ctx) return DS_E_ARG;
  if (!text && len) return ctx_bad_arg(ctx, "NULL text with a non-zero length");
  if (!name) return ctx_bad_arg(ctx, "NULL name");
  err_clear(&ctx->last);
  ctx->env.work = 0; /* one budget for the whole file */
  return defs_load(&ctx->defs, text ? text : "", len, name, &ctx->last);
}

/* ---- results ------------------------------------------------------------ */

static double ctx_to_double(const mpq_t q) {
  mpfr_t f;
  mpfr_init2(f, 53);
  mpfr_set_q(f, q, MPFR_RNDN);
  double d = mpfr_get_d(f, MPFR_RNDN);
  mpfr_clear(f);
  return d;
}

/* Whether q has more bits than an exact value keeps. Its limbs bound its
 * bits from above, so almost every value is answered without counting. */
static bool ctx_too_long(mpq_srcptr q) {
  return (mpz_size(mpq_numref(q)) + mpz_size(mpq_denref(q))) * GMP_NUMB_BITS > FORMAT_EXACT_MAX_BITS &&
         num_qbits(q) > FORMAT_EXACT_MAX_BITS;
}

static char *ctx_exact(const mpq_t q) {
  if (ctx_too_long(q)) return NULL;
  return num_qstr(q);
}

/* The end of a note of the line written in w->notes from `at`: kept
 * (with its NUL) when there is room for one more, else taken back. */
static void ctx_note_end(struct ctx_words *w, size_t at) {
  if (w->nnotes < CTX_MAX_WARNINGS) {
    buf_putc(&w->notes, 0);
    w->at[w->nnotes++] = at;
  } else if (!w->notes.failed) {
    w->notes.len = at;
    w->notes.s[at] = 0;
  }
}

/* A note of the line (NULL: none), freed. */
static void ctx_note(struct ctx_words *w, char *note) {
  if (!note) return;
  size_t at = w->notes.len;
  buf_puts(&w->notes, note);
  ctx_note_end(w, at);
  free(note);
}

/* n bytes of s and a NUL at p; past them. */
static char *ctx_put(char *p, const char *s, size_t n) {
  if (n) memcpy(p, s, n);
  p[n] = 0;
  return p + n + 1;
}

/* A result for the line src[0..len), with nothing in it yet but, when f
 * is not NULL, the words ctx_words wrote (its text, unit and notes) of
 * that line: one block holds them all. Only its header is zeroed (not
 * calloc): the numbers and lists at its end are read only when its flags
 * and counts say they are set. */
static ds_result *ctx_result_new(const char *src, size_t len, const ds_ctx *ctx, const word_out *f) {
  const struct ctx_words *w = f ? ctx->words : NULL;
  const buf *t = w ? &w->keep[0] : NULL, *u = w ? &w->keep[1] : NULL, *n = w ? &w->notes : NULL;
  size_t tl = f && f->text ? t->len + 1 : 0, ul = f && f->unit ? u->len : 0, nl = f ? n->len : 0;
  size_t words = tl + ul + 1 + nl; /* each below 1 GiB (their buffers' caps) */
  if (len > SIZE_MAX - sizeof(ds_result) - CTX_BLOCK - 1 - words) return NULL;
  size_t size = (sizeof(ds_result) + len + 1 + words + CTX_BLOCK - 1) / CTX_BLOCK * CTX_BLOCK;
  ds_result *r = ctx_spare;
  if (r && r->size >= size) {
    size = r->size;
    ctx_spare = NULL;
  } else if (!(r = malloc(size))) {
    return NULL;
  }
  memset(r, 0, offsetof(ds_result, x));
  r->size = size;
  r->value = r->low = r->high = r->off = r->actual = r->implied = r->count = NAN;
  char *p = ctx_put(r->input = r->line, src, len);
  p = ctx_put(r->unit = p, ul ? u->s : NULL, ul);
  if (tl) p = ctx_put(r->text = p, t->s, tl - 1);
  if (nl) memcpy(p, n->s, nl);
  for (size_t i = 0; w && i < w->nnotes; i++) r->warnings[i] = p + w->at[i];
  r->nwarnings = w ? w->nnotes : 0;
  return r;
}

/* "key": a / d (NULL: a) as the nearest double, or null when not known
 * or d is not positive (an item whose range starts at 0 B: no upper
 * count). */
static void ctx_json_ratio(buf *b, const char *key, bool known, mpq_srcptr a, mpq_srcptr d) {
  json_key(b, key, false);
  if (!known || (d && mpq_sgn(d) <= 0)) {
    buf_puts(b, "null");
    return;
  }
  mpq_t q;
  mpq_init(q);
  if (d) mpq_div(q, a, d);
  else mpq_set(q, a);
  json_double(b, ctx_to_double(q));
  mpq_clear(q);
}

/* The items "to equivalents" chose, as a JSON array: each with its name,
 * how many (count; low and high over the item's plausible range, more
 * items when each is smaller), the size of one as written, and where the
 * size comes from. An item the session overrides has the session's size
 * and no source, and low and high are its count's bounds; a range among
 * the inputs makes count null. */
static char *ctx_equivalents(ds_ctx *ctx, const stmt_result *o) {
  const stmt_equiv *q = &o->u.equiv;
  units *reg = &ctx->s.reg;
  buf b;
  buf_init(&b, (size_t)1 << 24);
  buf_putc(&b, '[');
  for (int i = 0; i < q->n; i++) {
    const catalog_pick *p = &q->pick[i];
    err e;
    err_clear(&e);
    bool ready = units_ready(reg, p->unit, true, &e) == DS_OK;
    const unit *u = &reg->units[p->unit];
    const unit_item *it = p->var < 0 ? u->item : NULL;
    bool point = num_is_point(&p->count), span = ready && it && it->range_ready;
    if (i) buf_putc(&b, ',');
    buf_putc(&b, '{');
    json_key(&b, "name", true);
    json_string(&b, u->word, strlen(u->word));
    json_opt_string(&b, "plural", u->plural);
    ctx_json_ratio(&b, "count", point, p->count.lo, NULL);
    ctx_json_ratio(&b, "low", span || !point, span ? o->v.n.lo : p->count.lo, span ? it->high.n.hi : NULL);
    ctx_json_ratio(&b, "high", span || !point, span ? o->v.n.hi : p->count.hi, span ? it->low.n.lo : NULL);
    json_opt_string(&b, "size", p->size);
    json_opt_string(&b, "source", it ? it->source : NULL);
    json_key(&b, "year", false);
    if (it && it->year) buf_printf(&b, "%ld", it->year);
    else buf_puts(&b, "null");
    json_opt_string(&b, "url", it ? it->url : NULL);
    json_key(&b, "overridden", false);
    buf_puts(&b, p->var >= 0 ? "true" : "false");
    buf_putc(&b, '}');
  }
  buf_putc(&b, ']');
  return buf_take(&b);
}

/* The facts of a check and of a count, for the accessors and JSON. */
static int ctx_facts(ds_ctx *ctx, ds_result *r, const stmt_result *o) {
  const units *reg = &ctx->s.reg;
  long item = -1;
  if (o->kind == STMT_CHECK) {
    const verdict_result *c = &o->u.check;
    r->verdict = verdict_word(c->verdict);
    r->off = ctx_to_double(c->off.lo);
    r->actual = ctx_to_double(c->actual.lo);
    if (c->form == VERDICT_COUNT) r->implied = ctx_to_double(c->implied.lo) / 8, item = c->of.index;
    if (c->form == VERDICT_COUNT && c->size_claim) r->actual /= 8;
    buf b;
    buf_init(&b, 4096);
    if (c->holds_other) {
      word_opts fo = word_opts_of(&ctx->s);
      word_holds_reading(&b, &fo, o);
    } else {
      buf_puts(&b, reading_words(ctx->s.binary, false));
    }
    if (!(r->reading = buf_take(&b))) return DS_E_NOMEM;
  } else if (o->kind == STMT_COUNT || o->kind == STMT_RANGE) {
    item = o->u.count.of.index;
    if (num_is_point(&o->u.count.to.shown)) r->count = ctx_to_double(o->u.count.to.shown.lo);
  } else if (o->kind == STMT_VALUE && o->v.item >= 0 && items_exp(reg, &o->v.d) == 1) {
    item = o->v.item;
    bool alone = true;
    for (int i = 0; i < DIM_MAX; i++)
      if (i != items_dim(reg) && o->v.d.e[i]) alone = false;
    if (alone && num_is_point(&r->x)) r->count = ctx_to_double(r->x.lo);
  }
  if (item >= 0 && !(r->item = buf_strndup(reg->units[item].word, strlen(reg->units[item].word)))) return DS_E_NOMEM;
  return DS_OK;
}

/* The words of the line o: its text and unit (f, written in
 * ctx->words->keep) and its notes (ctx->words->notes). */
static int ctx_words(ds_ctx *ctx, const stmt_result *o, word_out *f) {
  struct ctx_words *w = ctx->words;
  buf_reset(&w->notes);
  w->nnotes = 0;
  f->keep = w->keep;
  word_opts fo = word_opts_of(&ctx->s);
  /* Writing is charged by stmt_line and never long, but a Ctrl-C that
   * came during it is honoured between its parts. */
  if (atomic_load_explicit(&ctx->cancel, memory_order_relaxed)) return DS_E_CANCELLED;
  int st = word_result(&fo, o, f);
  if (st || ctx->s.no_warnings) return st;
  for (int i = 0; i < o->used.nnotes; i++) {
    size_t at = w->notes.len;
    buf_puts(&w->notes, o->used.notes[i]);
    ctx_note_end(w, at);
  }
  size_t at = w->notes.len;
  char key[SESSION_GIVEN_LEN];
  if (note_reading(&w->notes, &fo, o, f)) {
    ctx_note_end(w, at);
    /* given in full: in a batch, later lines with these spellings get it brief */
    if (ctx->s.brief_repeats && !o->brief_reading && stmt_reading_key(o, ctx->s.binary, key, sizeof key))
      session_give(&ctx->s, key);
  }
  ctx_note(w, note_certain(o, f)); /* never a digit the precision does not support */
  ctx_note(w, note_bits(&fo, o, f));
  ctx_note(w, word_estimate_note(&fo, o));
  ctx_note(w, note_unusual(&fo, o, f));
  if (atomic_load_explicit(&ctx->cancel, memory_order_relaxed)) {
    st = DS_E_CANCELLED;
  } else {
    /* an exact value too long to keep (ctx_fill leaves it inexact); a
     * calendar average used or shown */
    if (o->kind != STMT_RANGE && !(f->x.range && !num_is_point(&f->x)) && o->kind != STMT_RESET &&
        o->kind != STMT_SETTING && !f->x.inexact && ctx_too_long(f->x.lo))
      ctx_note(w, note_exact());
    if (o->used.calendar || f->calendar) ctx_note(w, note_calendar());
  }
  if (w->notes.failed) {
    buf_reset(&w->notes);
    w->nnotes = 0;
    st = DS_E_NOMEM;
  }
  return st;
}

/* The rest of the result r of the line o, worded in f (ctx_words): its
 * derivation, value, assumptions and facts. The value moves from f to r. */
static int ctx_fill(ds_ctx *ctx, ds_result *r, const stmt_result *o, word_out *f) {
  int st = DS_OK;
  if (ctx->s.explain != DS_EXPLAIN_OFF) {
    /* With the decimal comma every text is made with the decimal point and
     * turned around at the end: the input it quotes too. */
    char *in = ctx->s.decimal_comma ? quote_input(r->input, strlen(r->input), 0, strlen(r->input), true) : NULL;
    const char *shown = in ? in : r->input;
    r->explain = explain_result(&ctx->s, shown, o, f, false);
    r->explain_json_md = ctx->s.explain == DS_EXPLAIN_MARKDOWN;
    r->explain_md = explain_result(&ctx->s, shown, o, f, true);
    free(in);
    if (!r->explain || !r->explain_md) st = DS_E_NOMEM;
  }
  if (o->name) r->name = buf_strndup(o->name, strlen(o->name));
  r->digits = (int)ctx->s.limits[DS_LIMIT_DIGITS];
  /* The value moves to the result: f owns nothing more (its text and
   * unit are the context's), and is cleared only when this is not
   * reached. */
  r->has_x = true;
  r->x = f->x;
  if (o->kind == STMT_RANGE) {
    r->has_span = true;
    num_init(&r->span);
    num_set(&r->span, &o->u.count.range_shown);
  }
  if (o->kind == STMT_RANGE || (r->x.range && !num_is_point(&r->x))) r->range = 1;
  else if (o->kind == STMT_RESET || o->kind == STMT_SETTING)
    r->made = CTX_VALUE | CTX_EXACT; /* a command has no value */
  /* The assumptions: the session's variables the value used, then the
   * catalogue items. */
  const eval_used *u = &o->used;
  for (int i = 0; i < u->nvars + u->nitems && !st && r->nassumptions < EVAL_MAX_VARS; i++) {
    const char *name, *value;
    long item = i < u->nvars ? -1 : u->items[i - u->nvars];
    if (item < 0) {
      const session_var *v = &ctx->s.vars[u->vars[i]];
      name = v->name, value = v->text;
    } else {
      const unit *it = &ctx->s.reg.units[item];
      name = it->word, value = it->def;
    }
    size_t k = r->nassumptions++;
    r->assumptions[k].name = buf_strndup(name, strlen(name));
    r->assumptions[k].value = buf_strndup(value, strlen(value));
    r->assumptions[k].source = item < 0 && ctx->s.vars[u->vars[i]].source[0]
                                   ? buf_strndup(ctx->s.vars[u->vars[i]].source, strlen(ctx->s.vars[u->vars[i]].source))
                                   : note_source(&ctx->s.reg, item);
    if (!r->assumptions[k].name || !r->assumptions[k].value || !r->assumptions[k].source) st = DS_E_NOMEM;
  }
  if (!st && o->kind == STMT_EQUIV && !(r->equivalents = ctx_equivalents(ctx, o))) st = DS_E_NOMEM;
  if (!st) st = ctx_facts(ctx, r, o);
  if (!st && ctx->s.decimal_comma) {
    /* Written 1.400,5: the sentences, notes, values as written and the
     * derivation; the JSON numbers and exact fractions stay as they are. */
    format_decimal_comma(r->text);
    for (size_t i = 0; i < r->nwarnings; i++) format_decimal_comma(r->warnings[i]);
    for (size_t i = 0; i < r->nassumptions; i++) format_decimal_comma(r->assumptions[i].value);
    if (r->explain) format_decimal_comma(r->explain);
    if (r->explain_md) format_decimal_comma(r->explain_md);
  }
  return st;
}

/* r becomes the failure st of the line src[0..len), with the context's
 * last error as its message and column. */
static void ctx_result_error(const ds_ctx *ctx, ds_result *r, const char *src, size_t len, int st) {
  r->status = st;
  if (r->text_apart) free(r->text);
  r->text = buf_strndup(ctx->last.msg, strlen(ctx->last.msg));
  r->text_apart = true;
  r->column = ctx->last.start == SIZE_MAX ? 0 : lex_column(src, len, ctx->last.start);
  r->range = 0;
}

ds_result *ctx_result_failed(const ds_ctx *ctx, const char *src, size_t len, int st) {
  ds_result *r = ctx_result_new(src, len, ctx, NULL);
  if (r) ctx_result_error(ctx, r, src, len, st);
  return r;
}

int ctx_eval_line(ds_ctx *ctx, const char *src, size_t len, ds_result **out) {
  if (out) *out = NULL;
  err_clear(&ctx->last);
  stmt_result *o = &ctx->res; /* reset by the line before */
  char *said = NULL;          /* the answer of a "set" line: a command, with no value */
  int st = setting_line(&ctx->s, src, len, &said, &ctx->last);
  bool setting = st != SETTING_NONE;
  if (!setting) st = stmt_line(&ctx->env, &ctx->defs, src, len, o, &ctx->last);
  /* A line evaluated is worded first, so that its result and words are
   * one block. */
  word_out f;
  bool words = out && st == DS_OK && !setting;
  if (words) {
    word_out_init(&f);
    st = ctx_words(ctx, o, &f);
    if (st == DS_E_CANCELLED) err_set(&ctx->last, st, SIZE_MAX, SIZE_MAX, "cancelled");
  }
  ds_result *r = out ? ctx_result_new(src, len, ctx, words ? &f : NULL) : NULL;
  if (r) r->explain_kept = ctx->s.explain != DS_EXPLAIN_OFF;
  if (st == DS_OK && r && setting) {
    r->text = said, said = NULL;
    r->text_apart = true;
    if (!r->text) st = DS_E_NOMEM;
  } else if (st == DS_OK && r) {
    st = ctx_fill(ctx, r, o, &f);
  }
  if (words && !(r && r->has_x)) word_out_clear(&f);
  free(said);
  if (out && !r) {
    stmt_result_reset(o);
    return err_set(&ctx->last, DS_E_NOMEM, 0, 0, "out of memory");
  }
  if (st == DS_E_NOMEM && ctx->last.code != DS_E_NOMEM) err_set(&ctx->last, DS_E_NOMEM, 0, 0, "out of memory");
  if (st && r) ctx_result_error(ctx, r, src, len, st);
  stmt_result_reset(o);
  if (out) *out = r;
  return st;
}

int ds_convert_many(ds_ctx *ctx, const double *in, double *out, size_t n, const char *from, const char *to) {
  if (!ctx) return DS_E_ARG;
  if (!from || !to) return ctx_bad_arg(ctx, "NULL unit");
  if (n && (!in || !out)) return ctx_bad_arg(ctx, "NULL array with a non-zero count");
  ctx->env.work = 0;
  err_clear(&ctx->last);
  qty a, b;
  qty_init(&a);
  qty_init(&b);
  int st = eval_unit(&ctx->env, from, strlen(from), &a, &ctx->last);
  if (!st) st = eval_unit(&ctx->env, to, strlen(to), &b, &ctx->last);
  /* "TB" to "photos": a count of items meets a size as its size */
  if (!st && (!dim_eq(&a.d, &b.d) || items_differ(&ctx->s.reg, &a, &b)) &&
      !(st = items_to_size(&ctx->s, ctx->s.binary, &a, (size_t)ctx->s.limits[DS_LIMIT_RESULT_BITS], NULL, &ctx->last)))
    st = items_to_size(&ctx->s, ctx->s.binary, &b, (size_t)ctx->s.limits[DS_LIMIT_RESULT_BITS], NULL, &ctx->last);
  if (!st && !dim_eq(&a.d, &b.d))
    st = err_set(&ctx->last, DS_E_DIMENSION, SIZE_MAX, SIZE_MAX, "dimension mismatch: cannot convert %s to %s", from,
                 to);
  if (!st && (num_contains_zero(&b.n) || !num_is_point(&a.n) || !num_is_point(&b.n)))
    st = err_set(&ctx->last, DS_E_DOMAIN, SIZE_MAX, SIZE_MAX, "cannot convert to a zero or range unit");
  if (!st) {
    mpq_t f;
    mpq_init(f);
    mpq_div(f, a.n.lo, b.n.lo);
    /* One exact factor; each element rounded once through MPFR. */
    mpfr_t x, y;
    mpfr_inits2(113, x, y, (mpfr_ptr)0);
    mpfr_set_q(y, f, MPFR_RNDN);
    for (size_t i = 0; i < n; i++) {
      mpfr_set_d(x, in[i], MPFR_RNDN);
      mpfr_mul(x, x, y, MPFR_RNDN);
      out[i] = mpfr_get_d(x, MPFR_RNDN);
    }
    mpfr_clears(x, y, (mpfr_ptr)0);
    mpq_clear(f);
  }
  qty_clear(&a);
  qty_clear(&b);
  return st;
}

void ds_result_free(ds_result *r) {
  if (!r) return;
  if (r->has_x) num_clear(&r->x);
  if (r->has_span) num_clear(&r->span);
  if (r->input != r->line) free(r->input);
  if (r->text_apart) free(r->text);
  if (r->made) { /* the forms made on request: most results have none */
    free(r->terse);
    free(r->exact);
    free(r->low_exact);
    free(r->high_exact);
  }
  /* What most results have none of: a test costs less than free(NULL). */
  if (r->name) free(r->name);
  if (r->explain) free(r->explain);
  if (r->explain_md) free(r->explain_md);
  if (r->equivalents) free(r->equivalents);
  if (r->reading) free(r->reading);
  if (r->item) free(r->item);
  for (size_t i = 0; i < r->nassumptions; i++) {
    free(r->assumptions[i].name);
    free(r->assumptions[i].value);
    free(r->assumptions[i].source);
  }
  if (r->rows) {
    for (size_t i = 0; i < r->nrows; i++) ds_result_free(r->rows[i]);
    free(r->rows);
  }
  if (CTX_SPARE_ON && r->size <= CTX_SPARE_MAX && (!ctx_spare || ctx_spare->size < r->size)) {
    if (ctx_spare) free(ctx_spare); /* a smaller block */
    ctx_spare = r;
  } else {
    free(r);
  }
}

int ctx_result_whatif(ds_result *r, const char *input, size_t len, const char *before, const char *const *names,
                      size_t nnames, const char *source) {
  char *in = buf_strndup(input, len);
  if (!in) return DS_E_NOMEM;
  if (r->input != r->line) free(r->input);
  r->input = in;
  if (r->status != DS_OK) return DS_OK;
  size_t pl = strlen(before), tl = strlen(r->text);
  char *t = malloc(pl + tl + 1);
  if (!t) return DS_E_NOMEM;
  memcpy(t, before, pl);
  memcpy(t + pl, r->text, tl + 1);
  if (r->text_apart) free(r->text);
  r->text = t;
  r->text_apart = true;
  for (size_t i = 0; i < r->nassumptions; i++)
    for (size_t k = 0; k < nnames; k++) {
      if (strcmp(r->assumptions[i].name, names[k]) != 0) continue;
      char *s = buf_strndup(source, strlen(source));
      if (!s) return DS_E_NOMEM;
      free(r->assumptions[i].source);
      r->assumptions[i].source = s;
    }
  return DS_OK;
}

ds_result *ctx_result_table(const char *input, size_t len, char *text, ds_result **rows, size_t n) {
  ds_result *r = ctx_result_new(input, len, NULL, NULL);
  if (!r) return NULL;
  r->text = text;
  r->text_apart = true;
  r->rows = rows;
  r->nrows = n;
  r->made = CTX_VALUE | CTX_EXACT; /* a table has no single value */
  return r;
}

size_t ds_result_row_count(const ds_result *r) { return r ? r->nrows : 0; }
const ds_result *ds_result_row(const ds_result *r, size_t i) { return r && i < r->nrows ? r->rows[i] : NULL; }

int ds_result_ok(const ds_result *r) { return r && r->status == DS_OK; }
int ds_result_status(const ds_result *r) { return r ? r->status : DS_E_ARG; }
const char *ds_result_input(const ds_result *r) { return r ? r->input : ""; }
const char *ds_result_text(const ds_result *r) { return r && r->text ? r->text : ""; }

/* The forms made on first request. A result is const to its readers; the
 * cache inside is not (see THREADS in libdatascale.3). */
static bool ctx_make(const ds_result *r, unsigned form) {
  if (r->made & form) return false;
  ((ds_result *)r)->made |= form;
  return r->status == DS_OK && r->has_x;
}

#define CTX_W(r) ((ds_result *)(r)) /* to fill the cache of a const result */

static const num *ctx_span(const ds_result *r) { return r->has_span ? &r->span : &r->x; }

const char *ds_result_terse(const ds_result *r) {
  if (!r) return "";
  if (ctx_make(r, CTX_TERSE)) CTX_W(r)->terse = format_terse(&r->x, r->digits);
  return r->terse ? r->terse : "";
}
const char *ds_result_unit(const ds_result *r) { return r && r->unit ? r->unit : ""; }
double ds_result_value(const ds_result *r) {
  if (!r) return NAN;
  if (ctx_make(r, CTX_VALUE) && !r->range) CTX_W(r)->value = ctx_to_double(r->x.lo);
  return r->value;
}

const char *ds_result_verdict(const ds_result *r) { return r ? r->verdict : NULL; }
double ds_result_off(const ds_result *r) { return r ? r->off : NAN; }
double ds_result_actual(const ds_result *r) { return r ? r->actual : NAN; }
double ds_result_implied(const ds_result *r) { return r ? r->implied : NAN; }
const char *ds_result_reading(const ds_result *r) { return r ? r->reading : NULL; }
const char *ds_result_item(const ds_result *r) { return r ? r->item : NULL; }
double ds_result_count(const ds_result *r) { return r ? r->count : NAN; }

const char *ds_result_exact(const ds_result *r) {
  if (!r) return NULL;
  if (ctx_make(r, CTX_EXACT) && !r->range && !r->x.inexact) CTX_W(r)->exact = ctx_exact(r->x.lo);
  return r->exact;
}

int ds_result_is_range(const ds_result *r) { return r ? r->range : 0; }

double ds_result_low(const ds_result *r) {
  if (!r) return NAN;
  if (ctx_make(r, CTX_LOW) && r->range) CTX_W(r)->low = ctx_to_double(ctx_span(r)->lo);
  return r->low;
}

double ds_result_high(const ds_result *r) {
  if (!r) return NAN;
  if (ctx_make(r, CTX_HIGH) && r->range) CTX_W(r)->high = ctx_to_double(ctx_span(r)->hi);
  return r->high;
}

const char *ds_result_low_exact(const ds_result *r) {
  if (!r) return NULL;
  if (ctx_make(r, CTX_LOW_EXACT) && r->range && !ctx_span(r)->inexact) CTX_W(r)->low_exact = ctx_exact(ctx_span(r)->lo);
  return r->low_exact;
}

const char *ds_result_high_exact(const ds_result *r) {
  if (!r) return NULL;
  if (ctx_make(r, CTX_HIGH_EXACT) && r->range && !ctx_span(r)->inexact)
    CTX_W(r)->high_exact = ctx_exact(ctx_span(r)->hi);
  return r->high_exact;
}
const char *ds_result_name(const ds_result *r) { return r ? r->name : NULL; }
size_t ds_result_warning_count(const ds_result *r) { return r ? r->nwarnings : 0; }
const char *ds_result_warning(const ds_result *r, size_t i) { return r && i < r->nwarnings ? r->warnings[i] : NULL; }
long ds_result_error_column(const ds_result *r) { return r ? r->column : 0; }
size_t ds_result_assumption_count(const ds_result *r) { return r ? r->nassumptions : 0; }
const char *ds_result_explain(const ds_result *r, int markdown) {
  return !r ? NULL : markdown ? r->explain_md : r->explain;
}
const char *ds_result_assumption_name(const ds_result *r, size_t i) {
  return r && i < r->nassumptions ? r->assumptions[i].name : NULL;
}
const char *ds_result_assumption_value(const ds_result *r, size_t i) {
  return r && i < r->nassumptions ? r->assumptions[i].value : NULL;
}
const char *ds_result_assumption_source(const ds_result *r, size_t i) {
  return r && i < r->nassumptions ? r->assumptions[i].source : NULL;
}

/* Every row has the same keys in the same order, whether the line
 * succeeded or failed (a reader can build a table from any row), with null
 * where a key does not apply; docs/datascale-row.schema.json describes
 * them (DS_JSON_SCHEMA_VERSION) and "explain" is there only when the
 * session keeps derivations. A value too large for a double is null, as
 * is a range's, a command's (its unit is "") and a failed line's. */
char *ds_result_json(const ds_result *r, long line) {
  if (!r) return NULL;
  bool ok = r->status == DS_OK, value = ok && !r->range;
  buf b;
  buf_init(&b, (size_t)1 << 30);
  buf_putc(&b, '{');
  json_key(&b, "input", true);
  json_string(&b, r->input, strlen(r->input));
  json_key(&b, "line", false);
  if (line > 0) buf_printf(&b, "%ld", line);
  else buf_puts(&b, "null");
  json_key(&b, "ok", false);
  buf_puts(&b, ok ? "true" : "false");
  json_key(&b, "value", false);
  if (value) json_double(&b, ds_result_value(r));
  else buf_puts(&b, "null");
  json_opt_string(&b, "exact", ok ? ds_result_exact(r) : NULL);
  json_key(&b, "low", false);
  if (ok && r->range) json_double(&b, ds_result_low(r));
  else buf_puts(&b, "null");
  json_key(&b, "high", false);
  if (ok && r->range) json_double(&b, ds_result_high(r));
  else buf_puts(&b, "null");
  json_opt_string(&b, "low_exact", ok && r->range ? ds_result_low_exact(r) : NULL);
  json_opt_string(&b, "high_exact", ok && r->range ? ds_result_high_exact(r) : NULL);
  json_opt_string(&b, "unit", ok ? ds_result_unit(r) : NULL);
  json_opt_string(&b, "text", ds_result_text(r));
  json_opt_string(&b, "name", ok ? r->name : NULL);
  json_key(&b, "assumptions", false);
  buf_putc(&b, '[');
  for (size_t i = 0; ok && i < r->nassumptions; i++) {
    if (i) buf_putc(&b, ',');
    buf_putc(&b, '{');
    json_key(&b, "name", true);
    json_string(&b, r->assumptions[i].name, strlen(r->assumptions[i].name));
    json_opt_string(&b, "value", r->assumptions[i].value);
    json_opt_string(&b, "source", r->assumptions[i].source);
    buf_putc(&b, '}');
  }
  buf_putc(&b, ']');
  json_key(&b, "warnings", false);
  buf_putc(&b, '[');
  for (size_t i = 0; i < r->nwarnings; i++) {
    if (i) buf_putc(&b, ',');
    json_string(&b, r->warnings[i], strlen(r->warnings[i]));
  }
  buf_putc(&b, ']');
  /* what a count counts, and a check's verdict and figures */
  json_opt_string(&b, "item", ok ? r->item : NULL);
  json_opt_string(&b, "verdict", ok ? r->verdict : NULL);
  static const char *const keys[] = {"count", "off", "actual", "implied"};
  const double vals[] = {r->count, r->off, r->actual, r->implied};
  for (int i = 0; i < 4; i++) {
    json_key(&b, keys[i], false);
    if (!ok || isnan(vals[i]) || isinf(vals[i])) buf_puts(&b, "null");
    else json_double(&b, vals[i]);
  }
  json_opt_string(&b, "reading", ok ? r->reading : NULL);
  json_key(&b, "error", false);
  if (ok) {
    buf_puts(&b, "null");
  } else {
    buf_putc(&b, '{');
    json_key(&b, "message", true);
    json_string(&b, r->text, strlen(r->text));
    json_key(&b, "column", false);
    if (r->column > 0) buf_printf(&b, "%ld", r->column);
    else buf_puts(&b, "null");
    if (line > 0) {
      json_key(&b, "line", false);
      buf_printf(&b, "%ld", line);
    }
    buf_putc(&b, '}');
  }
  json_key(&b, "equivalents", false);
  buf_puts(&b, ok && r->equivalents ? r->equivalents : "null");
  if (r->explain_kept) json_opt_string(&b, "explain", ok ? (r->explain_json_md ? r->explain_md : r->explain) : NULL);
  buf_putc(&b, '}');
  return buf_take(&b);
}
