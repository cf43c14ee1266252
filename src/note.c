/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * note.c -- the notes of a result, for people.
 *
 * The notes that go with a result line, made from its stmt_result and
 * word_out: the other reading of KB..QB, sizes spelled Tb, Pb, ... read
 * as bits, a unit a newsroom would not use, digits that are not certain,
 * calendar averages, an exact value too long to keep, and the source of
 * an assumption. The result line itself is word.c's. Nothing here prints.
 */
#include "note.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "real.h"

/* The digits a rounded number in a note may show: as many as the line's
 * most precise number, three at least, never more than the digits in
 * force; and beside a rounded result (f), a short exact value is rounded
 * too, as the result was. */
static word_opts note_opts(const word_opts *fo, const stmt_result *r, const word_out *f) {
  word_opts at = *fo;
  int nd = r->in_digits < 3 ? 3 : r->in_digits;
  if (nd < at.digits) at.digits = nd;
  size_t frac;
  at.round = f && !(num_is_point(&f->x) && !f->x.inexact && format_is_short(f->x.lo, &frac));
  return at;
}

bool note_reading(buf *w, const word_opts *fo, const stmt_result *r, const word_out *f) {
  if (r->brief_reading) { /* the part before "; " of the note given in full on an earlier line */
    reading_spellings(w, &r->used);
    buf_puts(w, " read as ");
    buf_puts(w, reading_words(fo->binary, true));
    return true;
  }
  if (!r->have_alt || !r->used.nlegacy) return false;
  if (r->kind == STMT_EQUIV) {
    reading_spellings(w, &r->used);
    buf_printf(w, " read as %s; the counts change if read the other way (%s)", reading_words(fo->binary, true),
               fo->binary ? "without --binary" : "--binary");
    return true;
  }
  /* A growth's sentence is worded from its parts in the reading in force
   * only: the other reading shows the same rate, nothing to say. */
  if (r->kind == STMT_GROWTH) return false;
  /* Compare |alt - v| with 1 % of |v| on both bounds. */
  const stmt_convert *cv = stmt_conversion(r);
  const num *vn = cv ? &cv->shown : &r->v.n, *an = cv ? &cv->alt_shown : &r->alt.n;
  bool differs =
      format_differs(an->lo, vn->lo) || (!(num_is_point(an) && num_is_point(vn)) && format_differs(an->hi, vn->hi));
  if (!differs) return false;
  word_out fa;
  word_out_init(&fa);
  bool said = false;
  /* A rounded number has no more digits than the line's numbers justify;
   * an exact one shows them all. */
  word_opts at = note_opts(fo, r, f);
  /* "2 MB" reads "2 MiB" the other way: the same number, nothing to say. */
  if (word_result_other(&at, r, &fa) == DS_OK && !(mpq_equal(fa.x.lo, f->x.lo) && mpq_equal(fa.x.hi, f->x.hi))) {
    reading_spellings(w, &r->used);
    buf_puts(w, " read as ");
    buf_puts(w, reading_words(fo->binary, true));
    buf_puts(w, "; if ");
    reading_reread(w, &r->used, !fo->binary);
    buf_puts(w, " the result is ");
    buf_puts(w, fa.text);
    said = true;
  }
  word_out_clear(&fa);
  return said;
}

/* "terabits" for "Tb", with `what` "bits" (or "terabytes", "bytes"). */
static void note_bit_word(buf *w, const char *sp, const char *what) {
  size_t pl = strlen(sp) - 1;
  for (size_t k = 0; k < units_nprefixes; k++)
    if (units_prefixes[k].word && strlen(units_prefixes[k].sym) == pl && strncmp(units_prefixes[k].sym, sp, pl) == 0) {
      buf_printf(w, "%s%s", units_prefixes[k].word, what);
      return;
    }
  buf_puts(w, what);
}

/* "TB and PB": the spellings with B for b. */
static void note_bit_bytes(buf *w, const char *const *sp, size_t n) {
  for (size_t i = 0; i < n; i++) buf_printf(w, "%s%.*sB", buf_list_sep(i, n, " and "), (int)(strlen(sp[i]) - 1), sp[i]);
}

char *note_bits(const word_opts *fo, const stmt_result *r, const word_out *f) {
  const eval_bitsizes *bs = &r->used.bits;
  const char *sp[EVAL_MAX_BITSIZES];
  size_t n = 0;
  for (int i = 0; i < bs->n; i++) {
    bool again = false;
    for (size_t j = 0; j < n && !again; j++) again = strcmp(sp[j], bs->spelling[i]) == 0;
    if (!bs->rate[i] && !again) sp[n++] = bs->spelling[i];
  }
  if (!n) return NULL;
  const stmt_bytes *b = &r->bytes;
  /* The same value either way ("1 Tb / 1 Tb", a growth rate): nothing to say. */
  if (b->have_alt && mpq_equal(b->alt.n.lo, r->v.n.lo) && mpq_equal(b->alt.n.hi, r->v.n.hi)) return NULL;
  word_out fa;
  word_out_init(&fa);
  bool figure = false;
  if (b->have_alt &&
      (r->kind == STMT_VALUE || r->kind == STMT_CONVERT || r->kind == STMT_COUNT || r->kind == STMT_RANGE)) {
    /* The other figure in the unit shown, as the reading note gives it:
     * the result worded as its other reading, with this value in place of
     * that reading's (a shallow copy, read only). */
    stmt_result a = *r;
    a.alt = b->alt;
    if (a.kind == STMT_VALUE) a.u.value.as_written = NULL;
    else if (a.kind == STMT_CONVERT) a.u.convert.alt_shown = b->alt_shown;
    else a.u.count.to.alt_shown = b->alt_shown;
    word_opts fb = *fo;
    fb.binary = !fo->binary; /* the other reading's unit is chosen under !binary: this one's */
    figure = word_result_other(&fb, &a, &fa) == DS_OK;
  }
  buf w;
  buf_init(&w, 4096);
  for (size_t i = 0; i < n; i++) buf_printf(&w, "%s%s", buf_list_sep(i, n, " and "), sp[i]);
  buf_puts(&w, " read as ");
  for (size_t i = 0; i < n; i++) {
    buf_puts(&w, buf_list_sep(i, n, " and "));
    note_bit_word(&w, sp[i], "bits");
  }
  buf_puts(&w, " (b is the bit, B the byte), though headlines often write ");
  if (n == 1) {
    buf_printf(&w, "%s for ", sp[0]);
    note_bit_word(&w, sp[0], "bytes");
  } else {
    buf_puts(&w, "them for bytes");
  }
  if (figure) {
    buf_puts(&w, "; read as ");
    note_bit_bytes(&w, sp, n);
    buf_printf(&w, ", the result is %s", fa.text);
  } else {
    buf_puts(&w, "; for ");
    if (n == 1) note_bit_word(&w, sp[0], "bytes");
    else buf_puts(&w, "bytes");
    buf_puts(&w, " write ");
    note_bit_bytes(&w, sp, n);
  }
  char *txt = buf_take(&w);
  buf_free(&w);
  word_out_clear(&fa);
  (void)f;
  return txt;
}

char *note_unusual(const word_opts *fo, const stmt_result *r, const word_out *f) {
  const shape_line *sh = r->kind == STMT_VALUE ? r->u.value.shape : NULL;
  if (!sh || !sh->unusual) return NULL;
  char dn[96];
  units_dim_name(fo->reg, &r->v.d, dn, sizeof dn);
  buf b;
  buf_init(&b, 1 << 20);
  buf_printf(&b, "the unit %s (%s) is unusual for a result", f->unit, dn);
  if (sh->read_as) buf_printf(&b, ": the line was read as %s", sh->read_as);
  if (sh->regroup) {
    /* The other grouping's value, worded as that line alone would be. */
    stmt_result a;
    stmt_result_init(&a);
    qty_set(&a.v, &sh->regroup_v);
    a.binary = r->binary;
    word_opts at = note_opts(fo, r, NULL);
    word_out fa;
    word_out_init(&fa);
    a.u.value.shape = sh->regroup_shape; /* borrowed: not freed with a */
    if (word_result(&at, &a, &fa) == DS_OK) buf_printf(&b, "; grouped as %s it gives %s", sh->regroup, fa.text);
    else b.failed = true;
    a.u.value.shape = NULL;
    word_out_clear(&fa);
    stmt_result_clear(&a);
  }
  return buf_take(&b);
}

char *note_calendar(void) {
  static const char cal[] =
      "a year is the mean Gregorian year (365.2425 days) and a month a twelfth of it (30.436875 days)";
  return buf_strndup(cal, sizeof cal - 1);
}

char *note_exact(void) {
  static const char t[] = "the exact value is too long to print";
  return buf_strndup(t, sizeof t - 1);
}

char *note_source(const units *reg, long item) {
  buf src;
  buf_init(&src, 4096);
  if (item < 0) {
    buf_puts(&src, "set in this session");
    return buf_take(&src);
  }
  const unit *u = &reg->units[item];
  const unit_item *it = u->item;
  if (it && it->source) buf_puts(&src, it->source);
  if (it && it->year) buf_printf(&src, ", %ld", it->year);
  if (it && it->url) buf_printf(&src, ", %s", it->url);
  if (!it) buf_printf(&src, "defined in %s:%ld", u->file, u->line);
  return buf_take(&src);
}

char *note_certain(const stmt_result *r, const word_out *f) {
  if (f->certain <= 0) return NULL;
  buf w;
  buf_init(&w, 4096);
  buf_printf(&w, "only %d significant digit%s of this result %s certain ", f->certain, f->certain == 1 ? "" : "s",
             f->certain == 1 ? "is" : "are");
  if (r->stale) buf_puts(&w, "(an inexact value it uses was computed earlier, at a lower precision)");
  else buf_printf(&w, "at %ld bits of precision%s", r->prec, r->prec >= REAL_PRECISION_MAX ? " (the limit)" : "");
  return buf_take(&w);
}
