/*
 * word.c -- the sentences of a result, for people.
 *
 * Every English sentence the library produces from an evaluated line is
 * made here: the result line (a value in its unit, a range, a count worded
 * as a newsroom would, the equivalents table, growth), the note on the
 * other reading of KB..YB, and the pieces of a claim check. It reads the
 * line's eval_out and a word_opts (digits, style, reading, registry);
 * numbers and units come from format.c. Nothing here prints.
 */
#include "word.h"

#include <stdlib.h>
#include <string.h>

#define WORD_TEXT_MAX (64u << 20)

void word_spellings(buf *b, const eval_out *o) {
  for (int i = 0; i < o->nlegacy; i++) buf_printf(b, "%s%s", buf_list_sep((size_t)i, (size_t)o->nlegacy, " and "), o->legacy[i]);
}

void word_out_init(word_out *f) {
  f->text = f->unit = NULL;
  num_init(&f->x);
}

void word_out_clear(word_out *f) {
  free(f->text);
  free(f->unit);
  f->text = f->unit = NULL;
  num_clear(&f->x);
}

static void word_unit_suffix(buf *b, const char *ushown) {
  if (!ushown[0]) return;
  buf_putc(b, ' ');
  buf_puts(b, ushown);
}

static void word_count(buf *t, const word_opts *fo, const eval_out *o, const word_out *f, const char *ushown);

/* "6 months", "1 month", "4.4 s": x to `digits` significant digits and the
 * period in the singular when x reads 1. With `drop_one`, a word or an
 * expression alone stands for one of it ("every year"). */
static void word_count_of(buf *t, const mpq_t x, int digits, const eval_period_text *w, bool drop_one) {
  buf n;
  buf_init(&n, 1 << 16);
  format_sig(&n, x, digits, true, NULL);
  bool one = n.s && strcmp(n.s, "1") == 0;
  if (n.failed) t->failed = true;
  else if (!(one && drop_one && (w->word || w->bare))) buf_printf(t, "%s ", n.s);
  buf_puts(t, one ? w->one : w->many);
  buf_free(&n);
}

/* A change as a signed percentage of 3 digits: "+250 %", "-29.3 %". */
static void word_percent(buf *t, mpq_srcptr x) {
  mpq_t h, k;
  mpq_inits(h, k, NULL);
  mpq_set_ui(k, 100, 1);
  mpq_mul(h, x, k);
  if (mpq_sgn(h) >= 0) buf_putc(t, '+');
  format_sig(t, h, 3, true, NULL);
  buf_puts(t, " %");
  mpq_clears(h, k, NULL);
}

/* growth(): "×3.5 (+250 %) over 6 months: +23.2 % a month compounded;
 * doubles every 3.3 months". The value shown is the rate per period. A
 * range (of FROM or TO) is worded end to end, without the doubling time,
 * which has no upper end where the rate reaches 0. */
static void word_growth(buf *t, const eval_out *o, word_out *f) {
  bool range = !num_is_point(&o->g_factor);
  mpq_t h, one;
  mpq_inits(h, one, NULL);
  mpq_set_ui(one, 1, 1);
  for (int i = 0; i < (range ? 2 : 1); i++) {
    buf_puts(t, i ? " to \xc3\x97" : "\xc3\x97");
    format_sig(t, i ? o->g_factor.hi : o->g_factor.lo, 3, true, NULL);
  }
  buf_puts(t, " (");
  for (int i = 0; i < (range ? 2 : 1); i++) {
    if (i) buf_puts(t, " to ");
    mpq_sub(h, i ? o->g_factor.hi : o->g_factor.lo, one);
    word_percent(t, h);
  }
  buf_puts(t, ") over ");
  const eval_period_text *w = &o->g_period;
  if (w->bare) buf_puts(t, w->one);
  else word_count_of(t, o->g_periods.lo, 6, w, false);
  buf_puts(t, ": ");
  word_percent(t, o->g_rate.lo);
  if (range) {
    buf_puts(t, " to ");
    word_percent(t, o->g_rate.hi);
  }
  buf_printf(t, " %s compounded", w->per);
  if (!range && mpq_sgn(o->g_rate.lo) > 0) { /* ln 2 / ln(1 + rate) periods */
    num x, l2, l1;
    num_init(&x), num_init(&l2), num_init(&l1);
    num_set_si(&x, 2);
    int st = num_fn(&l2, &x, NUM_LN, 64, (size_t)1 << 20);
    num_set_q(&x, o->g_rate.lo);
    if (!st) st = num_fn(&l1, &x, NUM_LN1P, 64, (size_t)1 << 20);
    if (!st && mpq_sgn(l1.lo) > 0) {
      mpq_div(h, l2.lo, l1.lo);
      buf_puts(t, "; doubles every ");
      word_count_of(t, h, 2, w, true);
    }
    num_clear(&x), num_clear(&l2), num_clear(&l1);
  }
  mpq_clears(h, one, NULL);
  num_set(&f->x, &o->g_rate);
}

/* The equivalents table: one line per item, count first, then the size
 * assumed and what it is. */
static void word_equivalents(buf *t, const word_opts *fo, const eval_out *o) {
  buf_puts(t, o->count_from ? o->count_from : "it");
  buf_puts(t, " is about:");
  for (int i = 0; i < o->neq; i++) {
    const unit *it = &fo->reg->units[o->eq[i].unit];
    const num *c = &o->eq[i].count;
    buf_puts(t, "\n  ");
    if (num_is_point(c)) format_newsroom(t, c->lo, c->inexact, true);
    else {
      format_newsroom(t, c->lo, c->inexact, false);
      buf_puts(t, " to ");
      format_newsroom(t, c->hi, c->inexact, false);
    }
    bool one = num_is_point(c) && mpq_cmp_ui(c->lo, 1, 1) == 0;
    const char *size = o->eq[i].size;
    buf_putc(t, ' ');
    for (const char *p = one || !it->plural ? it->word : it->plural; *p; p++) buf_putc(t, *p == '_' ? ' ' : *p);
    buf_printf(t, " (%s each", size);
    if (it->item && it->item->about) buf_printf(t, ": %s", it->item->about);
    if (o->eq[i].var >= 0) buf_puts(t, "; your assumption");
    buf_putc(t, ')');
  }
}

/* "between A and B unit" */
static void word_range(buf *b, const num *x, const char *ushown, int digits) {
  int nd = digits;
  bool plain = !ushown[0];
  buf_puts(b, "between ");
  if (plain) format_words(b, x->lo, 3, false, false);
  else format_sig(b, x->lo, nd, true, NULL);
  buf_puts(b, " and ");
  if (plain) format_words(b, x->hi, 3, false, false);
  else format_sig(b, x->hi, nd, true, NULL);
  word_unit_suffix(b, ushown);
}

/* word_result with the reading given: under the binary reading,
 * automatic prefixes are IEC (KiB, MiB) so the output is never ambiguous. */
static int word_result_reading(const word_opts *fo, const eval_out *o, word_out *f, bool binary) {
  int digits = fo->digits;
  autounit u;
  autounit_init(&u);
  if (o->conv == CONV_UNIT) {
    buf_puts(&u.name, o->unit_text);
  } else if (o->growth) {
    buf_printf(&u.name, "per %s", o->g_period.one);
  } else {
    parse_conv c = o->conv;
    if (binary && (c == CONV_NONE || c == CONV_AUTO)) c = CONV_IEC;
    autounit_choose(fo->reg, &o->v, c, digits, &u);
  }
  if (o->conv == CONV_UNIT) {
    num_set(&f->x, &o->shown);
  } else {
    mpq_div(f->x.lo, o->v.n.lo, u.f);
    mpq_div(f->x.hi, o->v.n.hi, u.f);
    f->x.range = o->v.n.range;
    f->x.inexact = o->v.n.inexact;
  }
  const char *ushown = u.name.s ? u.name.s : "";
  buf t;
  buf_init(&t, WORD_TEXT_MAX);
  if (o->name) buf_printf(&t, "%s = ", o->name);
  size_t body = t.len; /* "x = ≈ 466.667 TB" reads "x ≈ 466.667 TB" */
  if (o->message) {
    buf_puts(&t, o->message);
  } else if (o->as_written) {
    buf_puts(&t, o->as_written);
  } else if (o->check_text) {
    buf_puts(&t, o->check_text);
  } else if (o->growth) {
    word_growth(&t, o, f);
  } else if (o->conv == CONV_EQUIV) {
    word_equivalents(&t, fo, o);
  } else if (o->count && fo->style != DS_STYLE_EXACT) {
    word_count(&t, fo, o, f, ushown);
  } else if (f->x.range && !num_is_point(&f->x)) {
    word_range(&t, &f->x, ushown, digits);
  } else if (fo->style == DS_STYLE_EXACT && !f->x.inexact) {
    format_expansion(&t, f->x.lo, 1000);
    word_unit_suffix(&t, ushown);
    if (mpz_cmp_ui(mpq_denref(f->x.lo), 1) != 0 && num_qbits(f->x.lo) < 4000) {
      char *s = num_qstr(f->x.lo);
      if (s) buf_printf(&t, " = %s", s);
      else t.failed = true;
      word_unit_suffix(&t, ushown);
      free(s);
    }
  } else if (o->conv == CONV_WORDS) {
    format_words_as(&t, f->x.lo, digits, true, f->x.inexact, false);
    word_unit_suffix(&t, ushown);
  } else if (!ushown[0]) {
    format_words(&t, f->x.lo, digits, true, f->x.inexact);
    word_unit_suffix(&t, ushown);
  } else {
    format_number(&t, f->x.lo, f->x.inexact, digits);
    word_unit_suffix(&t, ushown);
  }
  if (o->name && t.s && strncmp(t.s + body, "\xe2\x89\x88 ", 4) == 0) {
    memmove(t.s + body - 2, t.s + body, t.len - body + 1); /* drop "= " */
    t.len -= 2;
  }
  f->text = buf_take(&t);
  f->calendar = u.calendar;
  f->unit = buf_take(&u.name);
  autounit_clear(&u);
  buf_free(&t);
  if (!f->text || !f->unit) return DS_E_NOMEM;
  return DS_OK;
}

int word_result(const word_opts *fo, const eval_out *o, word_out *f) {
  return word_result_reading(fo, o, f, fo->binary);
}

/* The count's text: "≈ 470 million photos (1,400 TB at 3 MB per photo)",
 * and the other reading of KB..YB when it moves the answer past 1 %. */
static void word_count(buf *t, const word_opts *fo, const eval_out *o, const word_out *f, const char *ushown) {
  if (f->x.range && !num_is_point(&f->x)) {
    buf_puts(t, "between ");
    format_newsroom(t, f->x.lo, f->x.inexact, false);
    buf_puts(t, " and ");
    format_newsroom(t, f->x.hi, f->x.inexact, false);
  } else {
    format_newsroom(t, f->x.lo, f->x.inexact, true);
  }
  bool one = num_is_point(&f->x) && mpq_cmp_ui(f->x.lo, 1, 1) == 0;
  word_unit_suffix(t, one ? o->count_item : ushown);
  buf_printf(t, " (%s at %s per %s)", o->count_from, o->count_size, o->count_item);
  if (o->item_range) {
    buf_puts(t, "; between ");
    format_newsroom(t, o->range_shown.lo, o->range_shown.inexact, false);
    buf_puts(t, " and ");
    format_newsroom(t, o->range_shown.hi, o->range_shown.inexact, false);
    buf_printf(t, " at %s per %s", o->range_text, o->count_item);
  }
  if (!o->have_alt || !num_is_point(&f->x)) return;
  /* The other reading, in the same count: |alt - x| > 1 % of |x|? */
  if (format_differs(o->alt_shown.lo, f->x.lo)) {
    buf_puts(t, "; ");
    format_newsroom(t, o->alt_shown.lo, f->x.inexact, true);
    buf_puts(t, " if ");
    word_spellings(t, o);
    buf_printf(t, " %s read as %s", o->nlegacy > 1 ? "are" : "is", fo->binary ? "decimal" : "1024-based");
  }
}

char *word_reading_note(const word_opts *fo, const eval_out *o, const word_out *f) {
  if (!o->have_alt || !o->nlegacy) return NULL;
  if (o->conv == CONV_EQUIV) {
    buf w;
    buf_init(&w, 4096);
    word_spellings(&w, o);
    buf_printf(&w, " read as %s; the counts change if read the other way (%s)",
               fo->binary ? "1024-based (--binary)" : "decimal (powers of 1000)",
               fo->binary ? "without --binary" : "--binary");
    return buf_take(&w);
  }
  /* Compare |alt - v| with 1 % of |v| on both bounds. */
  bool differs = false;
  for (int i = 0; i < 2; i++) {
    const num *vn = o->conv == CONV_UNIT ? &o->shown : &o->v.n, *an = o->conv == CONV_UNIT ? &o->alt_shown : &o->alt.n;
    if (format_differs(i ? an->hi : an->lo, i ? vn->hi : vn->lo)) differs = true;
  }
  if (!differs) return NULL;
  eval_out alt = *o;
  alt.v = o->alt;
  alt.name = NULL;
  word_out fa;
  word_out_init(&fa);
  /* A conversion shows the other reading in the unit asked for (itself
   * read the other way); an automatic unit is chosen afresh. */
  alt.count = false;
  num_init(&alt.shown);
  if (o->conv == CONV_UNIT) {
    alt.unit_text = f->unit;
    num_set(&alt.shown, &o->alt_shown);
  }
  char *txt = NULL;
  /* "2 MB" reads "2 MiB" the other way: the same number, nothing to say. */
  if (word_result_reading(fo, &alt, &fa, !fo->binary) == DS_OK &&
      !(mpq_equal(fa.x.lo, f->x.lo) && mpq_equal(fa.x.hi, f->x.hi))) {
    buf w;
    buf_init(&w, 4096);
    word_spellings(&w, o);
    buf_printf(&w, " read as %s; if read as %s the result is %s", fo->binary ? "1024-based (--binary)" : "decimal (powers of 1000)",
               fo->binary ? "decimal (powers of 1000)" : "1024-based", fa.text);
    txt = buf_take(&w);
    buf_free(&w);
  }
  num_clear(&alt.shown);
  word_out_clear(&fa);
  return txt;
}

/* Appends "N %" for a relative difference d (a fraction), 2 significant
 * figures, and returns the verdict word for it. */
const char *word_verdict(buf *b, const mpq_t d) {
  mpq_t a, h;
  mpq_inits(a, h, NULL);
  mpq_abs(a, d);
  mpq_set_ui(h, 100, 1);
  mpq_mul(h, h, a);
  format_sig(b, h, 2, true, NULL);
  buf_puts(b, " %");
  const char *v;
  mpq_set_ui(h, 1, 100);
  if (mpq_cmp(a, h) <= 0) v = "holds";
  else if (mpq_set_ui(h, 5, 100), mpq_cmp(a, h) <= 0) v = "close";
  else v = "off";
  mpq_clears(a, h, NULL);
  return v;
}

/* The shown form of a quantity in its automatic unit ("2.86 MB"). */
void word_quantity(buf *b, const word_opts *fo, const qty *v, int digits) {
  eval_out o;
  eval_out_init(&o);
  qty_set(&o.v, v);
  word_out f;
  word_out_init(&f);
  word_opts at = *fo;
  at.digits = digits;
  if (word_result(&at, &o, &f) == DS_OK) {
    bool exact;
    buf nb;
    buf_init(&nb, 4096);
    format_sig(&nb, f.x.lo, digits, true, &exact);
    if (!exact || f.x.inexact) buf_puts(b, "\xe2\x89\x88 ");
    if (nb.s) buf_puts(b, nb.s);
    buf_free(&nb);
    if (f.unit[0]) buf_printf(b, " %s", f.unit);
  }
  word_out_clear(&f);
  eval_out_clear(&o);
}
