/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * word.c -- the sentences of a result, for people.
 *
 * Every English sentence the library makes from an evaluated line is made
 * here: the result line of each kind of stmt_result (a value in its unit,
 * a range, a count worded as a newsroom would, the equivalents table,
 * growth with the words of its period, a claim check's verdict, the answer
 * of reset), the note on the other reading of KB..YB and the other notes
 * and sources of a result. It reads the result and a word_opts (digits,
 * style, reading, registry); numbers and units come from format.c.
 * Nothing here prints.
 */
#include "word.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "expand.h"
#include "items.h"
#include "money.h"
#include "real.h"

#define WORD_TEXT_MAX (64u << 20)

word_opts word_opts_of(const session *s) {
  word_opts fo = {.digits = (int)s->limits[DS_LIMIT_DIGITS], .style = s->style, .binary = s->binary, .reg = &s->reg};
  return fo;
}

void word_out_init(word_out *f) {
  f->text = f->unit = NULL;
  f->certain = 0;
  f->keep = NULL;
  num_init(&f->x);
}

void word_out_clear(word_out *f) {
  if (!f->keep) {
    free(f->text);
    free(f->unit);
  }
  f->text = f->unit = NULL;
  num_clear(&f->x);
}

static void word_unit_suffix(buf *b, const char *ushown) {
  if (!ushown[0]) return;
  buf_putc(b, ' ');
  buf_puts(b, ushown);
}

static void word_count(buf *t, const word_opts *fo, const stmt_result *r, const word_out *f, const char *ushown);
static void word_count_figure(buf *t, const stmt_items *of, const num *x, const char *ushown);

/* "an hour", "a month": the article before a word. */
static const char *word_article(const char *w) {
  return (w[0] && strchr("aeioAEIO", w[0])) || strncmp(w, "hour", 4) == 0 ? "an" : "a";
}

/* The word of a prefix ("milli"), also for a symbol that has none ("u"). */
static const char *word_prefix_word(const prefix *p) {
  if (!p) return "";
  for (size_t i = 0; !p->word && i < units_nprefixes; i++)
    if (units_prefixes[i].word && units_prefixes[i].base == p->base && units_prefixes[i].exp == p->exp)
      return units_prefixes[i].word;
  return p->word ? p->word : p->sym;
}

void word_period(const word_opts *fo, const estimate_growth *g, word_period_text *w) {
  const char *s = g->period ? g->period : "";
  size_t len = strlen(s);
  units_match m;
  int n1, n2, n3;
  memset(w, 0, sizeof *w);
  if (!g->bare && units_lookup(fo->reg, s, len, &m)) {
    const char *pw = word_prefix_word(m.pf);
    const char *u = m.u->word;
    n3 = snprintf(w->per, sizeof w->per, "%s %s%s", word_article(*pw ? pw : u), pw, u);
    if (m.word) { /* "months" -> "month" and "months" */
      w->word = true;
      n1 = snprintf(w->one, sizeof w->one, "%s%s", pw, u);
      n2 = snprintf(w->many, sizeof w->many, "%s%s", pw, m.u->plural ? m.u->plural : u);
    } else {
      /* A symbol as written, but a plural abbreviation ("secs", "hrs":
       * the same unit without the final 's') in the singular. */
      units_match m1;
      if (len > 1 && s[len - 1] == 's' && units_lookup(fo->reg, s, len - 1, &m1) && m1.index == m.index &&
          m1.pf == m.pf && !m1.word)
        len--;
      n1 = n2 = snprintf(w->one, sizeof w->one, "%.*s", (int)len, s);
      memcpy(w->many, w->one, sizeof w->many);
    }
  } else if (!g->bare) { /* a name that is not a unit: a variable */
    n1 = n2 = snprintf(w->one, sizeof w->one, "%.*s", (int)len, s);
    memcpy(w->many, w->one, sizeof w->many);
    n3 = snprintf(w->per, sizeof w->per, "per %s", w->one);
  } else { /* "(1 day + 1 day)": in parentheses */
    w->bare = true;
    n1 = n2 = snprintf(w->one, sizeof w->one, "(%s)", s);
    memcpy(w->many, w->one, sizeof w->many);
    n3 = snprintf(w->per, sizeof w->per, "per %s", w->one);
  }
  if (!g->period || n1 < 0 || (size_t)n1 >= sizeof w->one || n2 < 0 || (size_t)n2 >= sizeof w->many || n3 < 0 ||
      (size_t)n3 >= sizeof w->per) {
    /* Too long to quote: the plain word. */
    memset(w, 0, sizeof *w);
    w->word = true;
    memcpy(w->one, "period", sizeof "period");
    memcpy(w->many, "periods", sizeof "periods");
    memcpy(w->per, "a period", sizeof "a period");
  }
}

/* "6 months", "1 month", "4.4 s": x to `digits` significant digits and the
 * period in the singular when x reads 1. With `drop_one`, a word or an
 * expression alone stands for one of it ("every year"). */
static void word_count_of(buf *t, const mpq_t x, int digits, const word_period_text *w, bool drop_one) {
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
static void word_growth(buf *t, const word_opts *fo, const stmt_result *r, word_out *f) {
  const estimate_growth *o = &r->u.growth;
  bool range = !num_is_point(&o->factor);
  mpq_t h, one;
  mpq_inits(h, one, NULL);
  mpq_set_ui(one, 1, 1);
  for (int i = 0; i < (range ? 2 : 1); i++) {
    buf_puts(t, i ? " to \xc3\x97" : "\xc3\x97");
    format_sig(t, i ? o->factor.hi : o->factor.lo, 3, true, NULL);
  }
  buf_puts(t, " (");
  for (int i = 0; i < (range ? 2 : 1); i++) {
    if (i) buf_puts(t, " to ");
    mpq_sub(h, i ? o->factor.hi : o->factor.lo, one);
    word_percent(t, h);
  }
  buf_puts(t, ") over ");
  word_period_text wp, *w = &wp;
  word_period(fo, o, w);
  if (w->bare) buf_puts(t, w->one);
  else word_count_of(t, o->periods.lo, 6, w, false);
  buf_puts(t, ": ");
  word_percent(t, o->rate.lo);
  if (range) {
    buf_puts(t, " to ");
    word_percent(t, o->rate.hi);
  }
  buf_printf(t, " %s compounded", w->per);
  if (!range && mpq_sgn(o->rate.lo) > 0) { /* ln 2 / ln(1 + rate) periods */
    num x, l2, l1;
    num_init(&x), num_init(&l2), num_init(&l1);
    num_set_si(&x, 2);
    int st = real_fn(&l2, &x, REAL_LN, 64, (size_t)1 << 20);
    num_set_q(&x, o->rate.lo);
    if (!st) st = real_fn(&l1, &x, REAL_LN1P, 64, (size_t)1 << 20);
    if (!st && mpq_sgn(l1.lo) > 0) {
      mpq_div(h, l2.lo, l1.lo);
      buf_puts(t, "; doubles every ");
      word_count_of(t, h, 2, w, true);
    }
    num_clear(&x), num_clear(&l2), num_clear(&l1);
  }
  mpq_clears(h, one, NULL);
  num_set(&f->x, &o->rate);
}

/* Appends the count of a plausible range, "between A and B", or for an
 * "up to" size the larger end only, "up to B" (its count is the smallest);
 * nothing when both ends read as the count does. */
static void word_span(buf *t, const num *c, const num *span, bool upper) {
  buf a, lo, hi;
  buf_init(&a, 4096), buf_init(&lo, 4096), buf_init(&hi, 4096);
  format_newsroom(&a, c->lo, c->inexact, false);
  format_newsroom(&lo, span->lo, span->inexact, false);
  format_newsroom(&hi, span->hi, span->inexact, false);
  if (a.failed || lo.failed || hi.failed) t->failed = true;
  else if (upper && strcmp(hi.s, a.s) != 0) buf_printf(t, "; up to %s", hi.s);
  else if (!upper && (strcmp(lo.s, a.s) != 0 || strcmp(hi.s, a.s) != 0))
    buf_printf(t, "; between %s and %s", lo.s, hi.s);
  buf_free(&a), buf_free(&lo), buf_free(&hi);
}

/* The equivalents table: one line per item, the count ("≈ 300,000", or
 * "at least 470,000" by an "up to" size), the item's display name, its
 * size as a newsroom writes it and its short description, then the count
 * over the item's plausible range when that reads differently. */
static void word_equivalents(buf *t, const word_opts *fo, const stmt_equiv *o) {
  buf_puts(t, o->from ? o->from : "it");
  buf_puts(t, " is about:");
  for (int i = 0; i < o->n; i++) {
    const catalog_pick *p = &o->pick[i];
    const unit *it = &fo->reg->units[p->unit];
    const num *c = &p->count;
    bool upper = p->var < 0 && it->item && it->item->upper;
    buf_puts(t, "\n  ");
    if (num_is_point(c)) {
      if (upper) buf_puts(t, "at least ");
      format_newsroom(t, c->lo, c->inexact, !upper);
    } else {
      format_newsroom(t, c->lo, c->inexact, false);
      buf_puts(t, " to ");
      format_newsroom(t, c->hi, c->inexact, false);
    }
    bool one = num_is_point(c) && mpq_cmp_ui(c->lo, 1, 1) == 0;
    char *name = catalog_name(it, !one), *each = catalog_size(fo->reg, &p->each, fo->binary);
    if (!name || !each) t->failed = true;
    else buf_printf(t, " %s (%s%s", name, each, catalog_per(it));
    free(name), free(each);
    if (p->var >= 0) buf_puts(t, ": your assumption");
    else if (it->item && it->item->brief) buf_printf(t, ": %s", it->item->brief);
    buf_putc(t, ')');
    if (p->var < 0 && num_is_point(c)) word_span(t, c, &p->span, upper);
  }
}

/* "between A and B unit" */
static void word_range(buf *b, const num *x, const char *ushown, int digits) {
  int nd = digits, pd = format_certain(x, 3);
  bool plain = !ushown[0];
  buf_puts(b, "between ");
  if (plain) format_words(b, x->lo, pd, false, false);
  else format_sig(b, x->lo, nd, true, NULL);
  buf_puts(b, " and ");
  if (plain) format_words(b, x->hi, pd, false, false);
  else format_sig(b, x->hi, nd, true, NULL);
  word_unit_suffix(b, ushown);
}

/* What is below the line, in words: " a month" (one time of an hour or
 * more), else " per second", " per GB per month". */
static void word_per(buf *t, const autounit_den *den, int nden) {
  if (nden == 1 && den[0].word && den[0].article) {
    buf_printf(t, " %s %s", word_article(den[0].word), den[0].word);
    return;
  }
  for (int i = 0; i < nden; i++) buf_printf(t, " per %s", den[i].word ? den[i].word : den[i].name);
}

/* Is d money to the power 1 over base dimensions to the power 1
 * (USD, USD/month, USD/GB/month)? */
static bool word_is_money(const units *r, const dim *d) { return dim_is_over(d, units_std_dim(r, UNITS_DIM_MONEY)); }

/* A conversion target that reads as money: a currency, alone or divided by
 * units ("USD/TB/month", "dollars per terabyte per month"), for a value of
 * dimension d. The currency may be a session variable (EUR = 1.08 USD),
 * which the registry does not know: its dimension is then what d and the
 * units below the line leave. Sets *dollar when the currency is the US
 * dollar, the units below the line in den[] (a time in words, with the
 * reading `binary` for its length). */
static bool word_money_target(const units *r, const char *s, const dim *d, bool binary, bool *dollar, char *top,
                              size_t topsz, autounit_den *den, int *nden) {
  int mi = units_std_dim(r, UNITS_DIM_MONEY), ti = units_std_dim(r, UNITS_DIM_TIME);
  dim cur = *d, topd = *d; /* the currency's dimension: d times the units below the line */
  bool known = false;
  *nden = 0;
  if (mi < 0) return false;
  for (int part = 0; *s; part++) {
    while (*s == ' ') s++;
    size_t n = 0;
    while (s[n] && (s[n] == '_' || (s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
                    (n && s[n] >= '0' && s[n] <= '9')))
      n++;
    units_match m;
    bool found = n && units_lookup(r, s, n, &m) && m.u->state == UNIT_READY;
    if (!n || n >= sizeof den[0].name || (part && !found)) return false;
    if (part == 0) {
      if (n >= topsz || (found && m.pf)) return false;
      known = found;
      *dollar = found && m.index == r->dimunit[mi];
      if (found) topd = units_value(m.u, binary)->d;
      memcpy(top, s, n);
      top[n] = 0;
    } else {
      const dim *ud = &units_value(m.u, binary)->d;
      if (*nden >= DIM_MAX || !dim_mul(&cur, &cur, ud)) return false;
      autounit_den *dn = &den[(*nden)++];
      memcpy(dn->name, s, n);
      dn->name[n] = 0;
      dn->word = NULL;
      dn->symbol = !m.word;
      dn->article = false;
      if (ti >= 0 && dim_is_base(ud, ti) && !m.pf) {
        const num *v = units_prefixed_value(r, &m, binary);
        dn->word = m.u->word;
        dn->article = v && mpq_cmp_ui(v->lo, 3600, 1) >= 0;
      }
    }
    s += n;
    while (*s == ' ') s++;
    if (*s == '/') s++;
    else if (strncmp(s, "per ", 4) == 0) s += 4;
    else if (*s) return false;
  }
  return dim_is_base(&cur, mi) && (!known || dim_eq(&topd, &cur));
}

/* Money as a newsroom writes it ("$25,200 a month", "≈ 6.94444 billion
 * EUR"), and a data rate per a time written as a word ("≈ 233.333 TB a
 * month"). False, with nothing written, for any other unit. */
static bool word_newsroom(buf *t, const word_opts *fo, const stmt_result *r, const autounit *u, const num *x,
                          bool binary, int digits) {
  char top[48];
  autounit_den den[DIM_MAX];
  int nden = 0;
  const dim *d = &r->v.d;
  bool dollar = false, money = word_is_money(fo->reg, d);
  if (r->kind == STMT_CONVERT) {
    if (!money || !word_money_target(fo->reg, r->u.convert.unit, d, binary, &dollar, top, sizeof top, den, &nden))
      return false;
  } else if (r->kind != STMT_VALUE || r->u.value.conv == CONV_WORDS) {
    return false;
  } else {
    if (!u->name.s || u->top >= sizeof top) return false;
    memcpy(top, u->name.s, u->top);
    top[u->top] = 0;
    nden = u->nden;
    memcpy(den, u->den, (size_t)nden * sizeof den[0]);
    int mi = units_std_dim(fo->reg, UNITS_DIM_MONEY);
    dollar = money && mi >= 0 && fo->reg->units[fo->reg->dimunit[mi]].symbol &&
             strcmp(top, fo->reg->units[fo->reg->dimunit[mi]].symbol) == 0;
    if (money && !dollar) return false;
    if (!money) {
      /* A size per one time written as a word. */
      int ii = units_std_dim(fo->reg, UNITS_DIM_INFORMATION);
      if (ii < 0 || !dim_is_over(d, ii) || nden != 1 || !den[0].word || den[0].symbol) return false;
    }
  }
  const char *sym = money && dollar ? "$" : NULL, *code = money && !dollar ? top : NULL;
  if (x->range && !num_is_point(x)) {
    buf_puts(t, "between ");
    for (int i = 0; i < 2; i++) {
      if (i) buf_puts(t, " and ");
      if (money) money_write(t, i ? x->hi : x->lo, x->inexact, digits, false, sym, i ? code : NULL);
      else format_sig(t, i ? x->hi : x->lo, digits, true, NULL);
    }
  } else if (money) {
    money_write(t, x->lo, x->inexact, digits, true, sym, code);
  } else {
    format_number(t, x->lo, x->inexact, digits);
  }
  if (!money) buf_printf(t, " %s", top);
  word_per(t, den, nden);
  return true;
}

void word_auto_unit(const word_opts *fo, const qty *v, parse_conv conv, bool binary, int digits, const shape_line *sh,
                    autounit *u, num *x) {
  if (binary && (conv == CONV_NONE || conv == CONV_AUTO)) conv = CONV_IEC;
  autounit_choose(fo->reg, v, conv, digits, sh ? sh->per : NULL, sh ? sh->nper : 0, binary, u);
  if (!v->n.inexact) {
    mpq_div(x->lo, v->n.lo, u->f);
    mpq_div(x->hi, v->n.hi, u->f);
    x->range = v->n.range;
    x->inexact = false;
    return;
  }
  /* the exact unit scales the error bound too */
  num uf;
  num_init(&uf);
  num_set_q(&uf, u->f);
  num_div(x, &v->n, &uf, NUM_BITS_HELPER);
  num_clear(&uf);
}

/* The names of what a count of items counts: the catalogue's display
 * names, or the item's words; "item"/"items" for no item named. */
static void word_item_names(const units *r, long item, const char **one, const char **many) {
  const unit *it = item >= 0 ? &r->units[item] : NULL;
  *one = !it ? "item" : it->item && it->item->one ? it->item->one : it->word;
  *many = !it ? "items" : it->item && it->item->many ? it->item->many : it->plural ? it->plural : it->word;
}

/* A value that counts catalogue items (items.h), as a newsroom writes it:
 * "490 million photos", "≈ 2.86 MB per photo", "≈ 1.5 photos per person";
 * u->name the unit so named. False for another shape. */
static bool word_items(buf *t, const word_opts *fo, const qty *v, bool binary, int digits, autounit *u, num *x) {
  const units *r = fo->reg;
  int di = items_dim(r), e = di >= 0 ? v->d.e[di] : 0, den = -1;
  qty rest = *v; /* a shallow copy, read only: the value without its item dimension */
  if (di >= 0) rest.d.e[di] = 0;
  for (int i = 0; i < DIM_MAX && e == 1; i++)
    if (rest.d.e[i]) den = den == -1 && rest.d.e[i] == -1 && r->dimunit[i] >= 0 ? i : -2;
  int info = units_std_dim(r, UNITS_DIM_INFORMATION);
  bool size_per = e == -1 && info >= 0 && rest.d.e[info] == 1;
  for (int i = 0; i < DIM_MAX && size_per; i++)
    if (i != info && rest.d.e[i]) size_per = false;
  if (!(size_per || (e == 1 && den != -2))) return false;
  const char *one, *many;
  word_item_names(r, v->item, &one, &many);
  autounit_clear(u);
  autounit_init(u);
  if (e == -1) { /* a size (or anything) per item, in three digits as a count is */
    if (digits > 3) digits = 3;
    word_auto_unit(fo, &rest, CONV_NONE, binary, digits, NULL, u, x);
    format_number(t, x->lo, x->inexact, digits);
    buf_printf(&u->name, " per %s", one);
    word_unit_suffix(t, u->name.s);
    return true;
  }
  num_set(x, &v->n);
  if (den >= 0) { /* per one of the unit that measures the dimension below */
    mpq_t f;
    mpq_init(f);
    mpq_set(f, units_value(&r->units[r->dimunit[den]], false)->n.lo);
    mpq_mul(x->lo, x->lo, f);
    mpq_mul(x->hi, x->hi, f);
    mpq_clear(f);
  }
  bool single = num_is_point(x) && mpq_cmp_ui(x->lo, 1, 1) == 0;
  if (x->range && !num_is_point(x)) {
    buf_puts(t, "between ");
    format_newsroom(t, x->lo, x->inexact, false);
    buf_puts(t, " and ");
    format_newsroom(t, x->hi, x->inexact, false);
  } else {
    format_newsroom(t, x->lo, x->inexact, true);
  }
  buf_puts(&u->name, single ? one : many);
  if (den >= 0) buf_printf(&u->name, " per %s", r->units[r->dimunit[den]].word);
  word_unit_suffix(t, u->name.s);
  return true;
}

/* The shown form of a quantity in its automatic unit ("2.86 MB"). */
static void word_quantity(buf *b, const word_opts *fo, const qty *v, int digits) {
  autounit u;
  autounit_init(&u);
  num x;
  num_init(&x);
  word_auto_unit(fo, v, CONV_NONE, fo->binary, digits, NULL, &u, &x);
  bool exact;
  buf nb;
  buf_init(&nb, 4096);
  int cd = format_certain(&x, digits);
  format_sig(&nb, x.lo, cd > 0 ? cd : 1, true, &exact);
  if (!exact || x.inexact) buf_puts(b, "\xe2\x89\x88 ");
  if (nb.s) buf_puts(b, nb.s);
  buf_free(&nb);
  if (u.name.s && u.name.s[0]) buf_printf(b, " %s", u.name.s);
  num_clear(&x);
  autounit_clear(&u);
}

/* x's first `digits` significant digits, or as many of them as are
 * certain (at least one). */
static void word_sig_certain(buf *t, const num *x, int digits) {
  int cd = format_certain(x, digits);
  format_sig(t, x->lo, cd > 0 ? cd : 1, true, NULL);
}

/* A check's claim worded: "(more than 3 ×)", "(3 ×)". */
static void word_claimed(buf *t, const verdict_result *c) {
  buf_puts(t, " (");
  if (c->rel != CLAIM_EQ) buf_printf(t, "%s ", claim_rel_words(c->rel));
  word_sig_certain(t, &c->factor, 3);
  buf_puts(t, " \xc3\x97)");
}

/* "; it holds if TB is read as TiB and the 3 MB photo as 3 MiB: 490
 * million is 1,400 TiB ÷ 3 MiB": the reading a check holds in. */
void word_holds_reading(buf *t, const word_opts *fo, const stmt_result *r) {
  const verdict_result *c = &r->u.check;
  if (c->other_user) reading_reread(t, &r->used, !fo->binary);
  if (c->other_user && c->other_item) buf_puts(t, " and ");
  if (c->other_item) {
    qty q;
    qty_init(&q);
    num_set(&q.n, &c->other_size);
    q.d = r->v.d;
    char *sz = catalog_size(fo->reg, &q, true);
    buf_printf(t, "the %s %s %sas %s", c->of.each, c->of.item, c->other_user ? "" : "is read ", sz ? sz : "1024-based");
    free(sz);
    qty_clear(&q);
  }
}

static void word_holds_other(buf *t, const word_opts *fo, const stmt_result *r) {
  const verdict_result *c = &r->u.check;
  buf_puts(t, "; it holds if ");
  word_holds_reading(t, fo, r);
  if (c->form != VERDICT_COUNT || c->size_claim) return;
  buf_puts(t, ": "); /* the claim's number as written: "490 million", "1,024" */
  mpq_t rd;
  mpq_init(rd);
  format_rounded(rd, c->claimed.lo, 3);
  if (mpq_equal(rd, c->claimed.lo)) format_newsroom(t, c->claimed.lo, false, false);
  else format_number(t, c->claimed.lo, c->claimed.inexact, 15);
  mpq_clear(rd);
  buf_puts(t, " is ");
  reading_reread_text(t, c->from, &r->used, c->other_user && !fo->binary);
  qty q;
  qty_init(&q);
  num_set(&q.n, &c->other_size);
  q.d = r->v.d;
  char *sz = catalog_size(fo->reg, &q, c->other_item || (c->other_user && !fo->binary));
  buf_printf(t, " \xc3\xb7 %s", sz ? sz : "");
  free(sz);
  qty_clear(&q);
}

/* check A REL B: "1,400 TB is 3.5 × 400 TB; the claim (3 ×) is 14 % low
 * — off.", or for a count of items against a size the size per item the
 * claim implies, against the item's plausible range, the figure at the
 * assumed size and the verdict; and a reading the claim holds in. */
static void word_check(buf *t, const word_opts *fo, const stmt_result *r) {
  const verdict_result *c = &r->u.check;
  const char *verdict = verdict_word(c->verdict);
  switch (c->form) {
  case VERDICT_COUNT:
    buf_printf(t, "%s %s %s implies ", c->from, c->rel_text ? c->rel_text : "=", c->claim);
    word_quantity(t, fo, &r->v, 3);
    buf_printf(t, " per %s", c->of.name);
    if (c->range) {
      char *lo = catalog_size(fo->reg, &c->low, false), *hi = catalog_size(fo->reg, &c->high, false);
      buf_printf(t, ", %s the plausible range of %s %s (%s .. %s)", c->inside ? "inside" : "outside",
                 word_article(c->of.name), c->of.name, lo ? lo : "", hi ? hi : "");
      free(lo), free(hi);
    }
    buf_printf(t, ". At the assumed %s per %s, ", c->of.each, c->of.name);
    if (c->size_claim) {
      qty q;
      qty_init(&q);
      num_set(&q.n, &c->actual);
      q.d = r->v.d;
      q.pref = 'B';
      buf_printf(t, "%s is ", c->from);
      word_quantity(t, fo, &q, 3);
      qty_clear(&q);
    } else {
      buf_printf(t, "%s is ", c->from);
      if (!num_is_point(&c->actual)) {
        buf_puts(t, "between ");
        format_newsroom(t, c->actual.lo, c->actual.inexact, false);
        buf_puts(t, " and ");
        format_newsroom(t, c->actual.hi, c->actual.inexact, false);
      } else {
        format_newsroom(t, c->actual.lo, c->actual.inexact, true);
      }
      bool one = num_is_point(&c->actual) && mpq_cmp_ui(c->actual.lo, 1, 1) == 0;
      char *nm = c->of.index >= 0 ? catalog_name(&fo->reg->units[c->of.index], !one) : NULL;
      buf_printf(t, " %s%s", nm ? nm : c->of.name, nm || one ? "" : "s");
      free(nm);
    }
    buf_puts(t, ": the claim is ");
    word_verdict(t, &c->off, verdict);
    break;
  case VERDICT_RATIO:
    buf_printf(t, "%s is ", c->from);
    word_sig_certain(t, &r->v.n, 3);
    buf_printf(t, " \xc3\x97 %s; the claim", c->base);
    word_claimed(t, c);
    buf_puts(t, " is ");
    word_verdict(t, &c->off, verdict);
    break;
  case VERDICT_EQUAL:
  case VERDICT_TIMES:
    if (c->form == VERDICT_EQUAL) buf_printf(t, "%s equals %s", c->from, c->claim);
    else {
      buf_printf(t, "%s is ", c->from);
      word_sig_certain(t, &r->v.n, 3);
      buf_printf(t, " \xc3\x97 %s", c->claim);
    }
    buf_puts(t, "; the claim");
    if (c->rel != CLAIM_EQ) buf_printf(t, " (%s)", claim_rel_words(c->rel));
    buf_puts(t, " is ");
    word_verdict(t, &c->off, verdict);
    break;
  }
  if (c->rel == CLAIM_ALMOST && mpq_sgn(c->off.hi) < 0) buf_puts(t, ": it is more, not almost");
  if (c->holds_other) word_holds_other(t, fo, r);
  buf_putc(t, '.');
}

/* The answer of reset: "reset: 3 names forgotten; the catalogue values
 * apply", "photo is back to 3 MB", "x forgotten". */
static void word_reset(buf *t, const stmt_reset *rs) {
  if (!rs->name) buf_printf(t, "reset: %s; the catalogue values apply", rs->all ? rs->all : "nothing was set");
  else if (rs->back_to) buf_printf(t, "%s is back to %s", rs->name, rs->back_to);
  else buf_printf(t, "%s forgotten", rs->name);
}

/* The answer of "set decimal-comma on|off", written with the decimal point
 * like every text (the output turns it around with the decimal comma). */
static void word_setting(buf *t, const stmt_setting *se) {
  if (se->decimal_comma) buf_puts(t, "decimal comma on: ',' is the decimal comma and '.' groups thousands (1,400.5)");
  else buf_puts(t, "decimal comma off: '.' is the decimal point and ',' groups thousands (1,400.5)");
}

/* Moves b, text and memory, into keep (which holds none): its text, or
 * NULL when b failed. */
static char *word_keep(buf *keep, buf *b) {
  if (!b->s && buf_grow(b, 0)) b->s[0] = 0;
  *keep = *b;
  buf_init(b, b->max);
  return keep->failed ? NULL : keep->s;
}

/* word_result in the reading in force or, with `alt`, as the note on the
 * other reading shows it: the value under that reading, without the
 * name bound, a count as a plain conversion in the unit asked for (itself
 * read the other way), an automatic unit chosen afresh. Under the binary
 * reading, automatic prefixes are IEC (KiB, MiB) so the output is never
 * ambiguous. */
static int word_result_reading(const word_opts *fo, const stmt_result *r, word_out *f, bool alt) {
  int digits = fo->digits, want = digits;
  const stmt_convert *cv = stmt_conversion(r);
  const qty *v = alt ? &r->alt : &r->v;
  /* An inexact value shows only its certain digits (the unit is chosen
   * with those of the value, the digits counted again in that unit). */
  if (v->n.inexact && !cv && r->kind != STMT_GROWTH) {
    int cd = format_certain(&v->n, digits);
    if (cd > 0) digits = cd;
  }
  autounit u;
  autounit_init(&u);
  if (f->keep) buf_reuse(&u.name, &f->keep[1]);
  if (cv) {
    /* "to GB" read 1024-based is "to GiB" */
    if (!(alt && !fo->binary && reading_iec(&u.name, cv->unit))) buf_puts(&u.name, cv->unit);
    num_set(&f->x, alt ? &cv->alt_shown : &cv->shown);
  } else if (r->kind == STMT_GROWTH) {
    word_period_text w;
    word_period(fo, &r->u.growth, &w);
    buf_printf(&u.name, "per %s", w.one);
  } else {
    parse_conv c = r->kind == STMT_VALUE ? r->u.value.conv : r->kind == STMT_EQUIV ? CONV_EQUIV : CONV_NONE;
    const shape_line *sh = r->kind == STMT_VALUE ? r->u.value.shape : NULL;
    word_auto_unit(fo, v, c, alt ? !fo->binary : fo->binary, digits, sh, &u, &f->x);
  }
  const num *shown = r->kind == STMT_GROWTH ? &r->u.growth.rate : &f->x;
  if (shown->inexact && r->kind != STMT_RESET && r->kind != STMT_CHECK) {
    int cd = format_certain(shown, want);
    if (cd < want) f->certain = cd;
    if (cd > 0 && cd < digits) digits = cd;
  }
  const char *ushown = u.name.s ? u.name.s : "";
  const char *name = alt ? NULL : r->name;
  buf t;
  buf_init(&t, WORD_TEXT_MAX);
  if (f->keep) buf_reuse(&t, &f->keep[0]);
  if (name) buf_printf(&t, "%s = ", name);
  size_t body = t.len; /* "x = ≈ 466.667 TB" reads "x ≈ 466.667 TB" */
  if (r->kind == STMT_RESET) {
    word_reset(&t, &r->u.reset);
  } else if (r->kind == STMT_SETTING) {
    word_setting(&t, &r->u.setting);
  } else if (r->kind == STMT_VALUE && r->u.value.as_written && !alt) {
    buf_puts(&t, r->u.value.as_written);
  } else if (r->kind == STMT_CHECK) {
    word_check(&t, fo, r);
  } else if (r->kind == STMT_GROWTH) {
    word_growth(&t, fo, r, f);
  } else if (r->kind == STMT_EQUIV) {
    word_equivalents(&t, fo, &r->u.equiv);
  } else if ((r->kind == STMT_COUNT || r->kind == STMT_RANGE) && fo->style != DS_STYLE_EXACT) {
    if (alt) word_count_figure(&t, &r->u.count.of, &f->x, ushown);
    else word_count(&t, fo, r, f, ushown);
  } else if (r->kind == STMT_VALUE && fo->style != DS_STYLE_EXACT &&
             word_items(&t, fo, v, alt ? !fo->binary : fo->binary, digits, &u, &f->x)) {
    /* a count of items */
  } else if (fo->style != DS_STYLE_EXACT &&
             word_newsroom(&t, fo, r, &u, &f->x, alt ? !fo->binary : fo->binary, digits)) {
    /* money, or a rate per a time in words */
  } else if (f->x.range && !num_is_point(&f->x)) {
    word_range(&t, &f->x, ushown, digits);
  } else if (fo->style == DS_STYLE_EXACT && !f->x.inexact) {
    expand_decimal(&t, f->x.lo, 1000);
    word_unit_suffix(&t, ushown);
    if (mpz_cmp_ui(mpq_denref(f->x.lo), 1) != 0 && num_qbits(f->x.lo) < 4000) {
      char *s = num_qstr(f->x.lo);
      if (s) buf_printf(&t, " = %s", s);
      else t.failed = true;
      word_unit_suffix(&t, ushown);
      free(s);
    }
  } else if (r->kind == STMT_VALUE && r->u.value.conv == CONV_WORDS) {
    format_words_as(&t, f->x.lo, digits, true, f->x.inexact, false);
    word_unit_suffix(&t, ushown);
  } else if (!ushown[0]) {
    format_words_as(&t, f->x.lo, digits, true, f->x.inexact, !fo->round);
    word_unit_suffix(&t, ushown);
  } else {
    format_number_as(&t, f->x.lo, f->x.inexact, digits, !fo->round);
    word_unit_suffix(&t, ushown);
  }
  /* A projection says which model it grew by. */
  if (!alt && r->used.assumed.op == F_PROJECT && (r->kind == STMT_VALUE || r->kind == STMT_CONVERT))
    buf_puts(&t, r->used.assumed.mixed    ? " (compound and linear growth)"
                 : r->used.assumed.linear ? " (linear growth)"
                                          : " (compound growth)");
  if (name && t.s && strncmp(t.s + body, "\xe2\x89\x88 ", 4) == 0) {
    memmove(t.s + body - 2, t.s + body, t.len - body + 1); /* drop "= " */
    t.len -= 2;
  }
  f->calendar = u.calendar;
  if (f->keep) {
    f->text = word_keep(&f->keep[0], &t);
    f->unit = word_keep(&f->keep[1], &u.name);
  } else {
    f->text = buf_take(&t);
    f->unit = buf_take(&u.name);
  }
  autounit_clear(&u);
  buf_free(&t);
  if (!f->text || !f->unit) return DS_E_NOMEM;
  return DS_OK;
}

int word_result(const word_opts *fo, const stmt_result *r, word_out *f) { return word_result_reading(fo, r, f, false); }

int word_result_other(const word_opts *fo, const stmt_result *r, word_out *f) {
  return word_result_reading(fo, r, f, true);
}

/* What a count's figure is: "at least " a minimum (items of an "up to"
 * size), "up to " a maximum (counted from such items), or "". */
static const char *word_count_bound(const stmt_items *of) {
  return of->upper ? "at least " : of->lower ? "up to " : "";
}

/* A count's figure and what it counts, as its line and the note on the
 * other reading show it: "≈ 470 million photos", "at least 470,000 hours
 * of HD video", "between 280 million and 700 million photos". */
static void word_count_figure(buf *t, const stmt_items *of, const num *x, const char *ushown) {
  if (x->range && !num_is_point(x)) {
    buf_puts(t, "between ");
    format_newsroom(t, x->lo, x->inexact, false);
    buf_puts(t, " and ");
    format_newsroom(t, x->hi, x->inexact, false);
  } else {
    const char *bound = word_count_bound(of);
    buf_puts(t, bound);
    format_newsroom(t, x->lo, x->inexact, !bound[0]);
  }
  bool one = num_is_point(x) && mpq_cmp_ui(x->lo, 1, 1) == 0;
  word_unit_suffix(t, one ? of->name : ushown);
}

/* The count's text: "≈ 470 million photos (1,400 TB at 3 MB per photo)",
 * and the other reading of KB..YB when it moves the answer past 1 %. */
static void word_count(buf *t, const word_opts *fo, const stmt_result *r, const word_out *f, const char *ushown) {
  const stmt_count *o = &r->u.count;
  word_count_figure(t, &o->of, &f->x, ushown);
  if (o->of.same) return; /* "490 million photos to photos" */
  buf_printf(t, " (%s at %s%s per %s)", o->of.from, o->of.upper ? "up to " : "", o->of.each, o->of.name);
  if (r->kind == STMT_RANGE) {
    buf_puts(t, "; between ");
    format_newsroom(t, o->range_shown.lo, o->range_shown.inexact, false);
    buf_puts(t, " and ");
    format_newsroom(t, o->range_shown.hi, o->range_shown.inexact, false);
    buf_printf(t, " at %s per %s", o->range, o->of.name);
  }
  if (!r->have_alt || !num_is_point(&f->x)) return;
  /* The other reading, in the same count: |alt - x| > 1 % of |x|? */
  if (format_differs(o->to.alt_shown.lo, f->x.lo)) {
    const char *bound = word_count_bound(&o->of);
    buf_printf(t, "; %s", bound);
    format_newsroom(t, o->to.alt_shown.lo, f->x.inexact, !bound[0]);
    buf_puts(t, " if ");
    reading_reread(t, &r->used, !fo->binary);
  }
}

char *word_estimate_note(const word_opts *fo, const stmt_result *r) {
  const eval_assumed *a = &r->used.assumed;
  buf w;
  buf_init(&w, 4096);
  if (a->op == F_GROWTH) {
    estimate_growth g; /* word_period reads the period as written only */
    memset(&g, 0, sizeof g);
    g.period = a->period;
    g.bare = a->bare;
    word_period_text wp;
    word_period(fo, &g, &wp);
    buf_printf(&w,
               "growth assumes steady compound growth: the same percentage %s throughout %s; the real path between "
               "the two values may have been uneven",
               wp.per, a->over);
    if (a->range)
      buf_puts(&w, "; with ranges, the lowest rate pairs the highest start with the lowest end, and the highest "
                   "rate the other way round");
  } else if (a->op == F_PROJECT) {
    buf_printf(&w, "project assumes steady %s growth at %s%s%s, unchanged throughout %s",
               a->linear ? "linear" : "compound", a->by_growth ? (a->linear ? "the pace of " : "the rate of ") : "",
               a->rate, a->of_start ? " of the starting value" : "", a->over);
  }
  char *txt = w.len ? buf_take(&w) : NULL;
  buf_free(&w);
  return txt;
}

void word_verdict(buf *b, const num *d, const char *verdict) {
  num h, c;
  num_init(&h);
  num_init(&c);
  num_abs(&h, d);
  num_set_si(&c, 100);
  num_mul(&h, &h, &c, NUM_BITS_HELPER);
  int cd = format_certain(&h, 2);
  if (mpq_sgn(h.lo) == 0 && mpq_sgn(h.hi) == 0) {
    buf_puts(b, "exact");
  } else if (d->range && mpq_sgn(d->lo) < 0 && mpq_sgn(d->hi) > 0) {
    buf_puts(b, "inside the range");
  } else if (cd > 0) {
    format_sig(b, mpq_sgn(d->lo) >= 0 ? h.lo : h.hi, cd, true, NULL);
    buf_printf(b, " %% %s", mpq_sgn(d->lo) >= 0 ? "high" : "low");
  } else {
    buf_puts(b, "within ");
    format_bound(b, &h);
    buf_puts(b, " %");
  }
  buf_printf(b, " \xe2\x80\x94 %s", verdict);
  num_clear(&h);
  num_clear(&c);
}
