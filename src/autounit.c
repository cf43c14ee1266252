/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * autounit.c -- the unit a value is shown in when none was asked for.
 *
 * SI (or IEC) prefixes on the information part, chosen after rounding so
 * "1000 kB" never appears; time words for durations (the largest that
 * keeps the number at least 1); base units elsewhere, a count in the
 * plural unless it is exactly one. The rounding itself is format.c's.
 */
#include "autounit.h"

#include <string.h>

#include "format.h"
#include "qpool.h"

void autounit_init(autounit *u) {
  buf_init(&u->name, 4096);
  u->calendar = false;
  u->top = 0;
  u->nden = 0;
  qpool_init(u->f);
  mpq_set_ui(u->f, 1, 1);
}

void autounit_clear(autounit *u) {
  buf_free(&u->name);
  qpool_clear(u->f);
}

/* max(|lo|, |hi|) */
static void autounit_mag(mpq_t m, const num *n) {
  mpq_abs(m, n->lo);
  if (num_is_point(n)) return; /* no comparison: two products of x's size */
  mpq_t t;
  mpq_init(t);
  mpq_abs(t, n->hi);
  if (mpq_cmp(t, m) > 0) mpq_set(m, t);
  mpq_clear(t);
}

/* Rounded to `digits`, is |x| at least `lim`? */
static bool autounit_at_least(const mpq_t x, int digits, unsigned long lim) {
  if (mpq_sgn(x) == 0) return false;
  /* 2^(nb - db - 1) < |x| < 2^(nb - db + 1), and rounding moves x by less
   * than half: far from lim, the bit counts answer without a division. */
  long lb = 0;
  for (unsigned long l = lim; l; l >>= 1) lb++;
  long nb = (long)mpz_sizeinbase(mpq_numref(x), 2) - (long)mpz_sizeinbase(mpq_denref(x), 2);
  if (nb >= lb + 2) return true;
  if (nb <= lb - 3) return false;
  mpq_t r;
  mpq_init(r);
  format_rounded(r, x, digits);
  bool ok = mpq_cmp_ui(r, lim, 1) >= 0;
  mpq_clear(r);
  return ok;
}

static const char *const autounit_si[] = {"", "k", "M", "G", "T", "P", "E", "Z", "Y", "R", "Q"};
static const char *const autounit_iec[] = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi", "Ri", "Qi"};

/* The best prefix power k (0..10) for magnitude m of an information part
 * with exponent +1 (numerator) or -1 (denominator). */
static int autounit_prefix(const mpq_t m, int sign, bool iec, int digits) {
  unsigned long step = iec ? 1024 : 1000;
  mpq_t x, s;
  mpq_inits(x, s, NULL);
  mpq_set(x, m);
  mpq_set_ui(s, step, 1);
  int k = 0;
  if (mpq_sgn(x) != 0) {
    for (; k < 10; k++) {
      /* numerator: divide while the rounded value reaches `step`;
       * denominator: multiply while the value is below 1. */
      if (sign > 0) {
        size_t frac;
        bool big = format_is_short(x, &frac) ? mpq_cmp_ui(x, step, 1) >= 0 : autounit_at_least(x, digits, step);
        if (!big) break;
        mpq_div(x, x, s);
      } else {
        if (autounit_at_least(x, digits, 1)) break;
        mpq_mul(x, x, s);
      }
    }
  }
  mpq_clears(x, s, NULL);
  return k;
}

/* Time alone: seconds, minutes, hours, days or years, whichever is the
 * largest that keeps the rounded value at least 1. */
static void autounit_time_unit(const mpq_t m, int digits, autounit *u, bool one) {
  static const struct {
    const char *sing, *plur;
    unsigned long num, den;
  } t[] = {{"year", "years", 31556952, 1},
           {"day", "days", 86400, 1},
           {"hour", "hours", 3600, 1},
           {"minute", "minutes", 60, 1},
           {"second", "seconds", 1, 1}};
  size_t i = 0;
  mpq_t x;
  mpq_init(x);
  for (; i < 4; i++) {
    mpq_set_ui(u->f, t[i].num, t[i].den);
    mpq_div(x, m, u->f);
    if (autounit_at_least(x, digits, 1)) break;
  }
  mpq_set_ui(u->f, t[i].num, t[i].den);
  mpq_div(x, m, u->f);
  /* Singular when the number shown is 1 ("≈ 1 minute"). */
  mpz_t mant;
  mpz_init(mant);
  long e;
  format_round(x, digits, mant, &e);
  mpz_t p10;
  mpz_init(p10);
  mpz_ui_pow_ui(p10, 10, (unsigned long)(digits - 1));
  bool exactly_one = one && e == 0 && mpz_cmp(mant, p10) == 0;
  u->calendar = i == 0;
  mpz_clears(mant, p10, NULL);
  buf_puts(&u->name, exactly_one ? t[i].sing : t[i].plur);
  mpq_clear(x);
}

/* Does d have exactly one base dimension with a non-zero exponent? */
static bool autounit_single_dim(const dim *d) {
  int k = 0;
  for (int i = 0; i < DIM_MAX; i++) k += d->e[i] != 0;
  return k == 1;
}

/* Chooses the unit to show a value of dimension d in, when none was asked:
 * SI (or IEC) prefixes on the information part, time words for durations,
 * base units elsewhere. `words`: no prefix, information spelled out. */
/* The English plural of a word that declares none: boxes, daisies, days,
 * widgets (the forms the name lookup reads back as the singular). */
static void autounit_plural(buf *b, const char *w) {
  size_t n = strlen(w);
  char last = n ? w[n - 1] : 0, before = n > 1 ? w[n - 2] : 0;
  if (last == 'y' && before && !strchr("aeiouAEIOU", before)) {
    buf_add(b, w, n - 1);
    buf_puts(b, "ies");
  } else if (last == 's' || last == 'x' || last == 'z' || ((last == 'h') && (before == 'c' || before == 's'))) {
    buf_printf(b, "%ses", w);
  } else {
    buf_printf(b, "%ss", w);
  }
}

/* The unit of per[] that measures dimension i, or NULL. */
static const units_per *units_per_for(const units_per *per, int nper, int i) {
  for (int k = 0; k < nper; k++)
    if (per[k].dim == i) return &per[k];
  return NULL;
}

void autounit_choose(const units *r, const qty *v, parse_conv conv, int digits, const units_per *per, int nper,
                     bool binary, autounit *u) {
  const dim *d = &v->d;
  if (dim_is_none(d)) return;
  mpq_t m;
  mpq_init(m);
  autounit_mag(m, &v->n);
  int info = units_std_dim(r, UNITS_DIM_INFORMATION), tim = units_std_dim(r, UNITS_DIM_TIME);
  bool only_time = tim >= 0 && d->e[tim] == 1;
  for (int i = 0; i < DIM_MAX && only_time; i++)
    if (i != tim && d->e[i]) only_time = false;
  if (only_time && conv != CONV_WORDS) {
    autounit_time_unit(m, digits, u, num_is_point(&v->n));
    u->top = u->name.len;
    mpq_clear(m);
    return;
  }
  /* The units per which the value is shown: m in them. */
  const units_per *use[DIM_MAX] = {0};
  for (int i = 0; i < DIM_MAX; i++) {
    if (d->e[i] != -1 || !(use[i] = units_per_for(per, nper, i))) continue;
    mpq_mul(m, m, use[i]->value[binary]);
    if (use[i]->calendar) u->calendar = true;
  }
  bool bits = v->pref == 'b';
  int k = 0;
  int ie = info >= 0 ? d->e[info] : 0;
  if ((ie == 1 || ie == -1) && !(info >= 0 && use[info])) {
    mpq_t mb;
    mpq_init(mb);
    mpq_set(mb, m);
    /* m is per bit (or bits); bytes are 8 bits */
    if (!bits) {
      mpq_t eight;
      mpq_init(eight);
      mpq_set_ui(eight, 8, 1);
      if (ie == 1) mpq_div(mb, mb, eight);
      else mpq_mul(mb, mb, eight);
      mpq_clear(eight);
    }
    if (conv != CONV_WORDS) k = autounit_prefix(mb, ie, conv == CONV_IEC, digits);
    mpq_clear(mb);
  }
  /* Numerator parts in the order of the dimensions, then denominator
   * parts with time last ("GB/person/month"). */
  int below[DIM_MAX], nb = 0;
  for (int i = 0; i < DIM_MAX; i++)
    if (i != tim) below[nb++] = i;
  if (tim >= 0) below[nb++] = tim;
  for (int pass = 0; pass < 2; pass++) {
    bool first = true;
    if (pass == 1) u->top = u->name.len;
    for (int j = 0; j < (pass ? nb : DIM_MAX); j++) {
      int i = pass ? below[j] : j;
      int e = d->e[i];
      if (!e || (pass == 0) != (e > 0)) continue;
      int a = e < 0 ? -e : e;
      if (pass == 1) buf_puts(&u->name, first && u->name.len == 0 ? "1/" : "/");
      else if (!first) buf_puts(&u->name, "*");
      first = false;
      size_t at = u->name.len;
      mpq_t f;
      mpq_init(f);
      mpq_set_ui(f, 1, 1);
      autounit_den *dn = pass == 1 && u->nden < DIM_MAX ? &u->den[u->nden++] : NULL;
      if (dn) {
        dn->word = NULL;
        dn->symbol = true;
        dn->article = false;
      }
      if (use[i]) {
        buf_puts(&u->name, use[i]->name);
        mpq_set(f, use[i]->value[binary]);
        if (dn && i == tim) {
          /* "a month", "an hour"; "per second", "per minute" */
          dn->word = use[i]->word;
          dn->article = mpq_cmp_ui(f, 3600, 1) >= 0;
        }
        if (dn) dn->symbol = use[i]->symbol;
      } else if (i == info) {
        if (a == 1 && k) buf_puts(&u->name, conv == CONV_IEC ? autounit_iec[k] : autounit_si[k]);
        if (conv == CONV_WORDS && a == 1) buf_puts(&u->name, bits ? "bits" : "bytes");
        else buf_puts(&u->name, bits ? "bit" : "B");
        mpz_ui_pow_ui(mpq_numref(f), conv == CONV_IEC ? 1024 : 1000, a == 1 ? (unsigned long)k : 0);
        if (!bits) mpz_mul_ui(mpq_numref(f), mpq_numref(f), 8);
      } else {
        /* A count alone reads in the plural unless it is exactly one
         * ("5 people", "1 person"); in a compound, the symbol or word. */
        const unit *bu = &r->units[r->dimunit[i]];
        bool item = v->item >= 0 && r->dimnames[i] && strcmp(r->dimnames[i], "item") == 0;
        if (item) bu = &r->units[v->item]; /* "per photo" */
        bool alone = e == 1 && u->name.len == 0 && autounit_single_dim(d);
        bool one = num_is_point(&v->n) && mpq_cmp_si(v->n.lo, 1, 1) == 0;
        if (item && bu->item && bu->item->one) buf_puts(&u->name, alone && !one ? bu->item->many : bu->item->one);
        else if (bu->symbol && !item) buf_puts(&u->name, bu->symbol);
        else if (alone && !one && bu->plural) buf_puts(&u->name, bu->plural);
        else if (alone && !one) autounit_plural(&u->name, bu->word); /* a declared thing: widgets */
        else buf_puts(&u->name, bu->word);
        if (dn && i == tim) dn->word = bu->word;
        if (dn) dn->symbol = bu->symbol != NULL;
      }
      if (dn) {
        size_t n = u->name.len - at;
        if (!u->name.s || n >= sizeof dn->name) n = 0;
        if (n) memcpy(dn->name, u->name.s + at, n);
        dn->name[n] = 0;
      }
      if (a != 1) {
        buf_printf(&u->name, "^%d", a);
        mpz_pow_ui(mpq_numref(f), mpq_numref(f), (unsigned long)a);
      }
      if (e > 0) mpq_mul(u->f, u->f, f);
      else mpq_div(u->f, u->f, f);
      mpq_clear(f);
    }
  }
  if (u->nden == 0) u->top = u->name.len;
  mpq_clear(m);
}
