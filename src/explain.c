/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * explain.c -- the derivation of a result, for a fact-checker.
 *
 * Built from the result of the line (stmt.c), with what the walker recorded
 * in it while evaluating (the names used, their values, the assumptions,
 * the reading of KB..YB), and from what word.c showed. Plain text by
 * default; Markdown on request. Never prints.
 */
#include "explain.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "catalog.h"
#include "expand.h"

/* Appends a quantity in base units: bytes for information, else the base
 * units of its dimension ("3,000,000 B", "3,600 s"). */
static void explain_base(buf *b, const session *ctx, const qty *v) {
  qty q;
  qty_init(&q);
  qty_set(&q, v);
  q.pref = 'B';
  autounit u;
  autounit_init(&u);
  num x;
  num_init(&x);
  /* "words" picks the unprefixed base unit; spell the number normally. */
  word_opts fo = word_opts_of(ctx);
  word_auto_unit(&fo, &q, CONV_WORDS, ctx->binary, fo.digits, NULL, &u, &x);
  int d = format_certain(&x, 21);
  if (d < 1) d = 1;
  format_number(b, x.lo, x.inexact, d);
  if (!num_is_point(&x)) {
    buf_puts(b, " .. ");
    format_number(b, x.hi, x.inexact, d);
  }
  const char *un = u.name.s ? u.name.s : "";
  if (strcmp(un, "bytes") == 0) un = "B";
  if (*un) buf_printf(b, " %s", un);
  num_clear(&x);
  autounit_clear(&u);
  qty_clear(&q);
}

static void explain_item(buf *b, bool md) { buf_puts(b, md ? "- " : "   "); }

/* The rule format_newsroom applies to a count x: exact when it is short,
 * else two significant figures, or three when two would move it by more
 * than 1 %. */
static const char *explain_newsroom_rule(mpq_srcptr x, bool inexact) {
  mpq_t r, d, t;
  mpq_inits(r, d, t, NULL);
  const char *rule = "exact";
  for (int digits = 2; digits <= 3; digits++) {
    format_rounded(r, x, digits);
    if (!inexact && mpq_equal(r, x)) break;
    mpq_sub(d, r, x);
    mpq_abs(d, d);
    mpq_abs(t, x);
    mpz_mul_ui(mpq_numref(d), mpq_numref(d), 100);
    mpq_canonicalize(d);
    rule = digits == 3 ? "rounded to 3 significant figures, as 2 would move it by more than 1 %"
                       : "rounded to 2 significant figures";
    if (digits == 2 && mpq_cmp(d, t) <= 0) break;
  }
  mpq_clears(r, d, t, NULL);
  return rule;
}

/* A quotient as the arithmetic gives it: its whole part and one more
 * figure, seven significant figures at least, and "…" when there are
 * more. */
static void explain_quotient(buf *b, mpq_srcptr x) {
  bool exact;
  format_sig(b, x, format_working_digits(x), true, &exact);
  if (!exact) buf_puts(b, "\xe2\x80\xa6");
}

/* "to equivalents": for each item, the value divided by its size, the
 * count shown and the rounding applied; then the count over the item's
 * plausible range, when it reads differently. */
static void explain_equivalents(buf *b, const session *ctx, const stmt_result *r, bool md) {
  const stmt_equiv *o = &r->u.equiv;
  word_opts fo = word_opts_of(ctx);
  for (int i = 0; i < o->n; i++) {
    const catalog_pick *p = &o->pick[i];
    const unit *u = &ctx->reg.units[p->unit];
    bool upper = p->var < 0 && u->item && u->item->upper;
    char *name = catalog_name(u, true), *each = catalog_size(&ctx->reg, &p->each, fo.binary);
    if (!name || !each) b->failed = true;
    explain_item(b, md);
    buf_printf(b, "%s: %s \xc3\xb7 ", name ? name : "", o->from ? o->from : "the value");
    buf base;
    buf_init(&base, 4096);
    explain_base(&base, ctx, &p->each);
    buf_puts(b, base.s ? base.s : "");
    if (each && base.s && strcmp(each, base.s) != 0) buf_printf(b, " (%s)", each);
    buf_puts(b, " = ");
    buf_free(&base);
    if (num_is_point(&p->count)) {
      explain_quotient(b, p->count.lo);
      buf_puts(b, upper ? " \xe2\x86\x92 at least " : " \xe2\x86\x92 ");
      format_newsroom(b, p->count.lo, p->count.inexact, !upper);
      buf_printf(b, " (%s%s)\n", explain_newsroom_rule(p->count.lo, p->count.inexact),
                 upper ? "; the size is an \"up to\" figure, so the count is a minimum" : "");
    } else {
      explain_quotient(b, p->count.lo);
      buf_puts(b, " .. ");
      explain_quotient(b, p->count.hi);
      buf_puts(b, " (each end rounded as a count)\n");
    }
    if (p->var < 0 && num_is_point(&p->count) && u->item && u->item->range && !num_is_point(&p->span)) {
      buf_printf(b, md ? "    - " : "     ");
      buf_printf(b, "over its plausible range (%s): ", u->item->range);
      explain_quotient(b, p->span.lo);
      buf_puts(b, " .. ");
      explain_quotient(b, p->span.hi);
      buf_puts(b, upper ? " (the range line gives the larger end only)\n" : " (shown when it reads differently)\n");
    }
    free(name), free(each);
  }
}

/* The working of the estimates the value ran (growth, project): the
 * formulas with their numbers, a line each, as estimate.c wrote them. */
static void explain_working(buf *b, const eval_used *o, bool md) {
  for (const char *s = o->assumed.working, *nl; s && *s; s = nl ? nl + 1 : NULL) {
    nl = strchr(s, '\n');
    explain_item(b, md);
    buf_printf(b, "%.*s\n", (int)(nl ? (size_t)(nl - s) : strlen(s)), s);
  }
}

/* Is d one over a time (a rate per second)? */
static bool explain_per_time(const session *ctx, const dim *d) {
  int t = units_std_dim(&ctx->reg, UNITS_DIM_TIME);
  if (t < 0) return false;
  for (int i = 0; i < DIM_MAX; i++)
    if (d->e[i] != (i == t ? -1 : 0)) return false;
  return true;
}

static void explain_heading(buf *b, bool md, int n, const char *title) {
  if (md) buf_printf(b, "\n### %d. %s\n\n", n, title);
  else buf_printf(b, "\n%d. %s\n", n, title);
}

char *explain_result(const session *ctx, const char *input, const stmt_result *r, const word_out *f, bool md) {
  const eval_used *o = &r->used;
  bool count =
      r->kind == STMT_COUNT || r->kind == STMT_RANGE || (r->kind == STMT_CHECK && r->u.check.form == VERDICT_COUNT);
  buf b;
  /* room for the steps, and for the line as written and the result as
   * shown, however long (an --exact expansion of millions of digits) */
  buf_init(&b, (1u << 20) + 2 * (strlen(input) + strlen(f->text)));
  int step = 0;
  if (md) buf_printf(&b, "## Derivation of `%s`\n", input);
  else buf_printf(&b, "Derivation of: %s\n", input);
  if (o->nterms) {
    explain_heading(&b, md, ++step, "The units and names used, in base units");
    for (int i = 0; i < o->nterms; i++) {
      const eval_term *t = &o->terms[i];
      explain_item(&b, md);
      buf_printf(&b, md ? "`%s` = " : "%s = ", t->spelling);
      explain_base(&b, ctx, &t->value);
      const prefix *pf = t->pf;
      if (pf && pf->base == 10 && !t->legacy)
        buf_printf(&b, " (%s: 10^%d, decimal)", pf->word ? pf->word : pf->sym, pf->exp);
      else if (pf && pf->base == 2) buf_printf(&b, " (%s: 2^%d, binary)", pf->word, pf->exp);
      else if (t->legacy)
        buf_printf(&b, " (%s read as %s: %s)", t->spelling, reading_words(r->binary, false),
                   r->binary ? "--binary is on" : "--binary or set binary on gives the 1024 reading");
      if (t->var >= 0) buf_puts(&b, " (your assumption)");
      else if (t->unit >= 0 && (ctx->reg.units[t->unit].flags & UNIT_ITEM))
        buf_printf(&b, " (catalogue: the size of one, %s as its source counts, whatever the reading)",
                   units_item_binary(&ctx->reg.units[t->unit]) ? "1024-based" : "decimal");
      buf_putc(&b, '\n');
    }
  }
  if (o->nvars || o->nitems) {
    explain_heading(&b, md, ++step, "Assumptions");
    for (int i = 0; i < o->nvars; i++) {
      const session_var *v = &ctx->vars[o->vars[i]];
      explain_item(&b, md);
      buf_printf(&b, "%s = %s: set in this session (reset %s restores the catalogue value, if any)\n", v->name, v->text,
                 v->name);
    }
    for (int i = 0; i < o->nitems; i++) {
      const unit *u = &ctx->reg.units[o->items[i]];
      const unit_item *it = u->item;
      explain_item(&b, md);
      buf_printf(&b, "%s = %s", u->word, u->def);
      if (it && it->about) buf_printf(&b, ": %s", it->about);
      buf_putc(&b, '\n');
      if (!it) continue;
      const char *ind = md ? "    - " : "     ";
      if (it->source) buf_printf(&b, "%ssource: %s\n", ind, it->source);
      if (it->year) buf_printf(&b, "%syear: %ld\n", ind, it->year);
      if (it->url) buf_printf(&b, "%s%s\n", ind, it->url);
      if (it->reading)
        buf_printf(&b, "%sthe source counts %s (1 MB = %s bytes)\n", ind, it->reading,
                   strcmp(it->reading, "binary") == 0 ? "1,048,576" : "1,000,000");
      if (it->range) buf_printf(&b, "%splausible range: %s\n", ind, it->range);
    }
  }
  if (r->kind != STMT_RESET && r->kind != STMT_SETTING) {
    explain_heading(&b, md, ++step, "Arithmetic");
    explain_working(&b, o, md);
    /* A growth rate is worked out per its period above, not in 1/s. */
    if (!(o->assumed.working && explain_per_time(ctx, &r->v.d))) {
      explain_item(&b, md);
      buf_puts(&b, "value: ");
      explain_base(&b, ctx, &r->v);
      buf_putc(&b, '\n');
    }
    if (r->kind == STMT_EQUIV) explain_equivalents(&b, ctx, r, md);
    if (stmt_conversion(r)) {
      explain_item(&b, md);
      if (count) buf_printf(&b, "divided by one %s (%s): ", r->u.count.of.item, r->u.count.of.size);
      else buf_printf(&b, "in %s: ", f->unit);
      for (int i = 0; i < (num_is_point(&f->x) ? 1 : 2); i++) {
        mpq_srcptr q = i ? f->x.hi : f->x.lo;
        if (i) buf_puts(&b, " .. ");
        if (f->x.inexact) {
          int d = format_certain(&f->x, 21);
          format_number(&b, q, true, d < 1 ? 1 : d);
        } else {
          expand_decimal(&b, q, 60);
          if (mpz_cmp_ui(mpq_denref(q), 1) != 0 && num_qbits(q) < 400) {
            char *s = num_qstr(q);
            if (s) buf_printf(&b, " = %s", s);
            else b.failed = true;
            free(s);
          }
        }
      }
      buf_puts(&b, f->x.inexact ? " (approximate: an irrational step)\n" : " exactly\n");
    }
    explain_heading(&b, md, ++step, "Shown");
    explain_item(&b, md);
    /* In Markdown, each further line of the text (an equivalents line) is
     * an item of a nested list, so that it renders as a list. */
    for (const char *s = f->text, *nl; s; s = nl ? nl + 1 : NULL) {
      nl = strchr(s, '\n');
      size_t n = nl ? (size_t)(nl - s) : strlen(s);
      if (s != f->text) {
        while (n && *s == ' ') s++, n--;
        buf_puts(&b, md ? "    - " : "     ");
      }
      buf_printf(&b, "%.*s\n", (int)n, s);
    }
    explain_item(&b, md);
    if (r->kind == STMT_EQUIV)
      buf_puts(&b, "counts are rounded to 2 significant figures, or 3 when 2 would move the value by more than 1 %; "
                   "sizes are shown exactly when 3 significant figures hold them, else the same way, with \"about\" "
                   "when the size shown is more than 0.1 % off\n");
    else if (count)
      buf_puts(&b, "counts are rounded to 2 significant figures, or 3 when 2 would move the value by more than 1 %\n");
    else
      buf_printf(&b, "exact when short; otherwise rounded to %ld significant digits\n", ctx->limits[DS_LIMIT_DIGITS]);
  }
  if (o->nlegacy || o->calendar) {
    explain_heading(&b, md, ++step, "Caveats");
    if (o->nlegacy) {
      explain_item(&b, md);
      reading_spellings(&b, o);
      buf_printf(&b, " %s read as %s here; some writers mean the other reading\n", o->nlegacy > 1 ? "are" : "is",
                 reading_words(r->binary, true));
    }
    if (o->calendar) {
      explain_item(&b, md);
      buf_puts(&b, "a year is the mean Gregorian year, 365.2425 days; a month is 1/12 of it, 30.436875 days\n");
    }
  }
  return buf_take(&b);
}
