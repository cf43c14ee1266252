/*
 * stmt.c -- runs one line of the language: its statement form on top of
 * the walker (eval.c).
 *
 * A line is an expression, perhaps converted ("to GB", "to photos", "to
 * equivalents", "to photos range"), an assignment ("photo = 2.86 MB", or
 * "widget = !widget" for a new countable thing), "reset [NAME]" or "check
 * A = B". This file parses the line, evaluates it, evaluates it again under
 * the other reading of KB..YB when it used one, binds the variable and ans,
 * and records in the eval_out what the wording needs.
 */
#include "stmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "word.h"
#include "lex.h"

/* The display text of a conversion target: as written, spaces collapsed,
 * and a unit word put in the singular or plural the value asks for. */
static char *stmt_target_text(eval *E, const parse_stmt *st, const num *x) {
  const char *s = E->src + st->target_start;
  size_t len = st->target_end - st->target_start;
  const ast *t = st->target;
  units_match m;
  if (t->kind == N_NAME && eval_var(E, s, len) < 0 && units_lookup(&E->ctx->reg, s, len, &m) && m.word &&
      m.u->plural) {
    bool one = num_is_point(x) && mpq_cmp_ui(x->lo, 1, 1) == 0;
    const char *pw = m.pf && m.pf->word ? m.pf->word : "";
    const char *w = one ? m.u->word : m.u->plural;
    size_t pl = strlen(pw), wl = strlen(w);
    char *r = malloc(pl + wl + 1);
    if (r) {
      memcpy(r, pw, pl);
      memcpy(r + pl, w, wl + 1);
    }
    return r;
  }
  char *r = malloc(len + 1);
  if (!r) return NULL;
  size_t k = 0;
  for (size_t i = 0; i < len; i++) {
    if (s[i] == ' ' || s[i] == '\t') {
      if (k && r[k - 1] != ' ') r[k++] = ' ';
    } else {
      r[k++] = s[i];
    }
  }
  while (k && r[k - 1] == ' ') k--;
  r[k] = 0;
  return r;
}

/* Is this a plain quantity as one writes it: numbers and units joined by
 * juxtaposition, *, /, per, ^ with a number, $ and %? No variables. */
static bool stmt_is_literal(const eval *E, const ast *n) {
  switch (n->kind) {
  case N_NUM:
    return true;
  case N_NAME:
    return eval_var(E, E->src + n->start, n->end - n->start) < 0 &&
           !(n->end - n->start == 3 && memcmp(E->src + n->start, "ans", 3) == 0) &&
           !(n->end - n->start == 1 && E->src[n->start] == '_');
  case N_JUX:
  case N_MUL:
    return stmt_is_literal(E, n->a) && stmt_is_literal(E, n->b);
  case N_DIV: /* "per GB", not "/ 3": a division by a number is arithmetic */
    return stmt_is_literal(E, n->a) && stmt_is_literal(E, n->b) && n->b->kind != N_NUM;
  case N_POW:
    return stmt_is_literal(E, n->a) && n->b->kind == N_NUM;
  case N_NEG:
  case N_PERCENT:
  case N_DOLLAR:
    return stmt_is_literal(E, n->a);
  default:
    return false;
  }
}

/* Fills the count wording of a conversion to an item or a variable. */
static bool stmt_count(eval *E, const parse_stmt *st, eval_out *out) {
  const char *s = E->src + st->target_start;
  size_t len = st->target_end - st->target_start;
  if (st->target->kind != N_NAME) return true;
  session *ctx = E->ctx;
  const char *size = NULL, *one = NULL;
  units_match m;
  char sing[3][128];
  long v = eval_var(E, s, len);
  if (v < 0 && units_lookup(&ctx->reg, s, len, &m) && !m.pf) {
    v = eval_var(E, m.u->word, strlen(m.u->word));
    if (v < 0 && (m.u->flags & UNIT_ITEM)) size = m.u->def, one = m.u->word;
  }
  if (v < 0 && !size) {
    size_t ns = eval_singulars(s, len, sing);
    for (size_t i = 0; i < ns && v < 0; i++) v = eval_var(E, sing[i], strlen(sing[i]));
  }
  if (v >= 0) {
    /* A variable reads as a count of things when it overrides a catalogue
     * item or is a data size (file = 2 MB); EUR = 1.08 USD stays a unit. */
    units_match im;
    const char *nm = ctx->vars[v].name;
    bool item = units_lookup(&ctx->reg, nm, strlen(nm), &im) && !im.pf && (im.u->flags & UNIT_ITEM);
    int info = units_find_dim(&ctx->reg, "information", 11);
    const dim *d = &ctx->vars[v].value.d;
    bool data = info >= 0 && d->e[info] == 1;
    for (int i = 0; i < DIM_MAX && data; i++)
      if (i != info && d->e[i]) data = false;
    if (!item && !data) return true;
    size = ctx->vars[v].text, one = nm;
  }
  if (!size) return true;
  out->count = true;
  out->count_size = buf_strndup(size, strlen(size));
  out->count_item = buf_strndup(one, strlen(one));
  /* "after to photos": say what "after" is. */
  long fv = st->expr->kind == N_NAME ? eval_var(E, E->src + st->expr->start, st->expr->end - st->expr->start) : -1;
  out->count_from = fv >= 0 ? buf_strndup(ctx->vars[fv].text, strlen(ctx->vars[fv].text))
                            : eval_grouped_text(E->src, E->len, st->expr->start, st->expr->end);
  return out->count_size && out->count_item && out->count_from;
}

/* A quotient of check, r = a / b: a status of num_div (the size limit)
 * is an error over the whole check, never a value past the limits. */
static int stmt_check_div(eval *E, const parse_stmt *st, num *r, const num *a, const num *b) {
  int s = num_div(r, a, b, E->maxbits);
  if (s == DS_OK) return DS_OK;
  ast whole = {.start = st->expr->start, .end = st->target->end};
  return eval_numerr(E, s, &whole, "this check");
}

/* check A = B: does the claim hold? For "N items", the size per item it
 * implies, against the catalogue and both readings of KB..YB; otherwise
 * the actual ratio and how far off the claim is. */
static int stmt_check(eval *E, const parse_stmt *st, eval_out *out) {
  word_opts fo = {(int)E->ctx->limits[DS_LIMIT_DIGITS], E->ctx->style, E->ctx->binary, &E->ctx->reg};
  const ast *B = st->target;
  qty a, b, a2, n, sz, sz2, x;
  qty_init(&a), qty_init(&b), qty_init(&a2), qty_init(&n), qty_init(&sz), qty_init(&sz2), qty_init(&x);
  buf t;
  buf_init(&t, 1 << 16);
  mpq_t d;
  mpq_init(d);
  num x2; /* the implied size read the other way */
  num_init(&x2);
  int s = eval_node(E, st->expr, &a);
  if (!s) s = eval_node(E, B, &b);
  if (!s && !dim_eq(&a.d, &b.d)) s = eval_dimerr(E, B, "compare", &a, &b);
  if (!s && (!num_is_point(&a.n) || !num_is_point(&b.n) || num_is_zero(&a.n) || num_is_zero(&b.n)))
    s = err_set(E->e, DS_E_DOMAIN, st->expr->start, B->end, "check needs two single nonzero values");
  if (s) goto out;
  char *from = eval_grouped_text(E->src, E->len, st->expr->start, st->expr->end);
  char *claim = eval_grouped_text(E->src, E->len, st->target_start, st->target_end);
  const ast *item = (B->kind == N_JUX || B->kind == N_MUL) && B->b->kind == N_NAME ? B->b : NULL;
  parse_stmt tst = *st;
  if (item) {
    tst.target = (ast *)item; /* read only: eval_count looks at its kind and span */
    tst.target_start = item->start;
    tst.target_end = item->end;
  }
  if (item && stmt_count(E, &tst, out) && out->count) {
    /* (a) a count of items: the size per item the claim implies. */
    eval E2 = *E;
    E2.binary = !E->binary;
    E2.out = NULL;
    s = eval_node(E, B->a, &n);
    if (!s) s = eval_node(E, item, &sz);
    if (!s) s = eval_node(&E2, st->expr, &a2);
    if (!s) s = eval_node(&E2, item, &sz2);
    if (!s && (!dim_is_none(&n.d) || num_sign(&n.n) != 1))
      s = err_set(E->e, DS_E_DOMAIN, B->a->start, B->a->end, "the count must be a positive number");
    if (!s) s = eval_charge_op(E, B, &a.n, &n.n, true);
    if (!s) s = eval_charge_op(E, B, &a2.n, &n.n, true);
    if (!s) s = eval_charge(E, B, 2 * format_work(&a.n));
    if (!s) s = stmt_check_div(E, st, &x.n, &a.n, &n.n);
    if (!s) s = stmt_check_div(E, st, &x2, &a2.n, &n.n);
    if (!s) {
      x.d = a.d;
      x.pref = 'B';
      buf_printf(&t, "%s = %s implies ", from, claim);
      word_quantity(&t, &fo, &x, 3);
      buf_printf(&t, " per %s", out->count_item);
      qty_set(&out->v, &x); /* the value of a check is the implied size */
      num_set(&x.n, &x2);
      bool differs = !mpq_equal(x.n.lo, out->v.n.lo);
      if (differs) {
        buf_puts(&t, " (");
        word_quantity(&t, &fo, &x, 3);
        buf_printf(&t, " if read as %s)", E->binary ? "decimal" : "1024-based");
      }
      buf_printf(&t, ". The assumed %s is %s", out->count_item, out->count_size);
      units_match m;
      const char *nm = out->count_item;
      err ignored; /* a built-in item's range resolved on first use: it cannot fail */
      if (units_lookup(&E->ctx->reg, nm, strlen(nm), &m) && !m.pf && m.u->item && m.u->item->range &&
          units_ready(&E->ctx->reg, m.index, true, &ignored) == DS_OK) {
        const unit_item *it = E->ctx->reg.units[m.index].item;
        bool inside = mpq_cmp(out->v.n.lo, it->low.n.lo) >= 0 && mpq_cmp(out->v.n.lo, it->high.n.hi) <= 0;
        buf_printf(&t, " (plausible range %s): the implied size is %s it", it->range, inside ? "inside" : "outside");
      }
      /* The count at the assumed size, in each reading. */
      for (int r = 0; r < (differs ? 2 : 1) && !s; r++) {
        const num *ar = r ? &a2.n : &a.n, *sr = r ? &sz2.n : &sz.n;
        if ((s = eval_charge_op(E, B, ar, sr, true)) || (s = eval_charge(E, B, 2 * format_work(ar)))) break;
        if (num_contains_zero(sr)) { /* a size that is zero in the other reading only */
          bool bin = r ? !E->binary : E->binary;
          s = err_set(E->e, DS_E_DOMAIN, item->start, item->end,
                      "one %s is zero when read as %s: the claim cannot be counted", out->count_item,
                      bin ? "1024-based" : "decimal");
          break;
        }
        num c;
        num_init(&c);
        if ((s = stmt_check_div(E, st, &c, ar, sr))) {
          num_clear(&c);
          break;
        }
        mpq_div(d, n.n.lo, c.lo);
        {
          mpq_t one;
          mpq_init(one);
          mpq_set_ui(one, 1, 1);
          mpq_sub(d, d, one);
          mpq_clear(one);
        }
        if (r == 0) buf_printf(&t, ". At %s per %s the count is ", out->count_size, out->count_item);
        else buf_printf(&t, "; read as %s, ", E->binary ? "decimal" : "1024-based");
        format_newsroom(&t, c.lo, c.inexact, true);
        buf_puts(&t, ": the claim is ");
        const char *v = word_verdict(&t, d);
        buf_printf(&t, " %s — %s", mpq_sgn(d) >= 0 ? "high" : "low", v);
        num_clear(&c);
      }
      if (!s) buf_putc(&t, '.');
    }
  } else {
    /* (b) a ratio: "1,400 TB is 3.5 × 400 TB; the claim is 14 % low". */
    free(out->count_from), free(out->count_size), free(out->count_item);
    out->count_from = out->count_size = out->count_item = NULL;
    out->count = false;
    const ast *k = B->kind == N_MUL ? B->a : NULL;
    qty kq, c;
    qty_init(&kq);
    qty_init(&c);
    /* k and B->b are parts of B, already evaluated once: only the work
     * limit or a cancellation can stop them now. */
    int ks = k ? eval_node(E, k, &kq) : DS_OK;
    bool ratio = k && !ks && dim_is_none(&kq.d) && num_is_point(&kq.n) && !num_is_zero(&kq.n);
    if (ratio) ks = eval_node(E, B->b, &c);
    ratio = ratio && !ks && dim_eq(&c.d, &a.d) && !num_contains_zero(&c.n);
    if (!ks) ks = eval_charge_op(E, B, &a.n, ratio ? &c.n : &b.n, true);
    if (!ks) ks = eval_charge_op(E, B, &a.n, ratio ? &kq.n : &b.n, true);
    if (!ks) ks = eval_charge(E, B, 2 * format_work(&a.n));
    if (ks) {
      s = ks;
    } else if (ratio && (s = stmt_check_div(E, st, &x.n, &a.n, &c.n))) {
      /* past the size limit */
    } else if (ratio) {
      char *ctext = eval_grouped_text(E->src, E->len, B->b->start, B->b->end);
      buf_printf(&t, "%s is ", from);
      format_sig(&t, x.n.lo, 3, true, NULL);
      buf_printf(&t, " \xc3\x97 %s; the claim (", ctext ? ctext : "");
      format_sig(&t, kq.n.lo, 3, true, NULL);
      buf_puts(&t, " \xc3\x97) is ");
      free(ctext);
      mpq_div(d, kq.n.lo, x.n.lo);
    } else if (mpq_equal(a.n.lo, b.n.lo)) {
      num_set_si(&x.n, 1);
      buf_printf(&t, "%s equals %s; the claim is ", from, claim);
      mpq_set_ui(d, 1, 1);
    } else if ((s = stmt_check_div(E, st, &x.n, &a.n, &b.n))) {
      /* past the size limit */
    } else {
      buf_printf(&t, "%s is ", from);
      format_sig(&t, x.n.lo, 3, true, NULL);
      buf_printf(&t, " \xc3\x97 %s; the claim is ", claim);
      mpq_div(d, b.n.lo, a.n.lo);
    }
    if (!s) {
      mpq_t one;
      mpq_init(one);
      mpq_set_ui(one, 1, 1);
      mpq_sub(d, d, one);
      mpq_clear(one);
      const char *v = word_verdict(&t, d);
      buf_printf(&t, " %s — %s.", mpq_sgn(d) >= 0 ? "high" : "low", v);
      qty_set(&out->v, &x);
      dim_clear(&out->v.d);
    }
    qty_clear(&kq);
    qty_clear(&c);
  }
  free(from);
  free(claim);
  if (!s) {
    out->check_text = buf_take(&t);
    if (!out->check_text) s = err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory");
  }
out:
  buf_free(&t);
  mpq_clear(d);
  num_clear(&x2);
  qty_clear(&a), qty_clear(&b), qty_clear(&a2), qty_clear(&n), qty_clear(&sz), qty_clear(&sz2), qty_clear(&x);
  return s;
}

/* "reset" forgets every variable; "reset NAME" one of them, so a
 * catalogue item is back to its catalogue value. */
static int stmt_reset(eval *E, const parse_stmt *st, eval_out *out) {
  session *ctx = E->ctx;
  const char *s = E->src + st->name_start;
  size_t len = st->name_end - st->name_start;
  buf b;
  buf_init(&b, 4096);
  if (len == 0) {
    size_t n = ctx->nvars;
    while (ctx->nvars) session_unset_var(ctx, ctx->vars[0].name, strlen(ctx->vars[0].name));
    buf_printf(&b, "reset: %zu name%s forgotten; the catalogue values apply", n, n == 1 ? "" : "s");
  } else {
    if (!session_unset_var(ctx, s, len)) {
      buf_free(&b);
      return err_set(E->e, DS_E_UNKNOWN, st->name_start, st->name_end, "nothing to reset: '%.*s' was not set",
                     (int)len, s);
    }
    units_match m;
    if (units_lookup(&ctx->reg, s, len, &m) && !m.pf)
      buf_printf(&b, "%.*s is back to %s", (int)len, s, m.u->def);
    else
      buf_printf(&b, "%.*s forgotten", (int)len, s);
  }
  /* A command has no value: nothing of the previous line's may show
   * through (its unit would be the result's). */
  num_set_si(&out->v.n, 0);
  dim_clear(&out->v.d);
  out->v.pref = 0;
  out->message = buf_take(&b);
  return out->message ? DS_OK : err_set(E->e, DS_E_NOMEM, 0, 0, "out of memory");
}

/* Evaluates the value (and target) of a parsed line with the current
 * E->binary; v = value in base units, f = target factor when converting. */
static int stmt_value(eval *E, const parse_stmt *st, qty *v, qty *f) {
  int s = eval_node(E, st->expr, v);
  if (s || st->conv != CONV_UNIT) return s;
  if ((s = eval_node(E, st->target, f))) return s;
  if (num_contains_zero(&f->n))
    return err_set(E->e, DS_E_DOMAIN, st->target_start, st->target_end,
                   num_is_zero(&f->n) ? "cannot convert to a zero quantity" : "cannot convert to a range that includes zero");
  if (!dim_eq(&v->d, &f->d)) {
    char dv[96], df[96];
    units_dim_name(&E->ctx->reg, &v->d, dv, sizeof dv);
    units_dim_name(&E->ctx->reg, &f->d, df, sizeof df);
    return err_set(E->e, DS_E_DIMENSION, st->expr->start, st->target_end,
                   "dimension mismatch: cannot convert %s to %s (%.*s)", dv, df,
                   (int)lex_utf8_cut(E->src + st->target_start, st->target_end - st->target_start, 60),
                   E->src + st->target_start);
  }
  return DS_OK;
}

/* Charges the writing of the result before it happens (word.c, ctx.c and
 * explain.c have no budget of their own): its roundings, the note of the
 * other reading, and the strings of all its digits (--exact, the
 * derivation, the exact value kept for JSON). */
static int stmt_charge_output(eval *E, const parse_stmt *st, const eval_out *out) {
  const session *ctx = E->ctx;
  const num *x = st->conv == CONV_UNIT ? &out->shown : &out->v.n;
  unsigned long long w = format_work(x) * (out->count ? 3 : 1);
  if (out->have_alt) w += 2 * format_work(st->conv == CONV_UNIT ? &out->alt_shown : &out->alt.n);
  if (out->item_range) w += 2 * format_work(&out->range_shown);
  for (int i = 0; i < out->neq; i++) w += format_work(&out->eq[i].count);
  if (out->growth) w += 3 * format_work(&out->g_factor) + format_work(&out->g_rate);
  if (ctx->explain) w += 4 * format_work(&out->v.n) + (st->conv == CONV_UNIT && !x->inexact ? 2 * format_work_digits(x) : 0);
  if (ctx->style == DS_STYLE_EXACT && !x->inexact) w += format_work_digits(x);
  if (!x->inexact && !x->range && num_qbits(x->lo) <= FORMAT_EXACT_MAX_BITS) w += format_work_digits(x);
  return eval_charge(E, st->expr, w);
}

int stmt_line(eval_env *env, defs_reader *defs, const char *src, size_t len, eval_out *out, err *e) {
  session *ctx = env->s;
  env->work = 0; /* each line has a work budget of its own */
  int s = eval_check_line(ctx, src, len, e);
  if (s) return s;
  /* The context's arena: parse trees of successive lines reuse its memory.
   * Definitions resolved while evaluating use arenas of their own. */
  ast_arena *ar = &env->arena;
  ast_arena_reset(ar);
  parse_stmt st;
  eval E;
  eval_init(&E, env, src, len, e, out);
  out->binary = ctx->binary;
  qty f;
  qty_init(&f);
  s = parse_line(&st, ar, src, len, (size_t)ctx->limits[DS_LIMIT_DEPTH], eval_is_fn, e);
  if (!s && st.check) {
    s = stmt_check(&E, &st, out);
    goto done;
  }
  if (!s && st.reset) {
    s = stmt_reset(&E, &st, out);
    goto done;
  }
  if (!s && st.assign && eval_is_fn(src + st.name_start, st.name_end - st.name_start))
    s = err_set(e, DS_E_SYNTAX, st.name_start, st.name_end, "cannot assign to the function '%.*s'",
                (int)(st.name_end - st.name_start), src + st.name_start);
  if (!s && st.assign && ((st.name_end - st.name_start == 3 && memcmp(src + st.name_start, "ans", 3) == 0) ||
                          (st.name_end - st.name_start == 1 && src[st.name_start] == '_')))
    s = err_set(e, DS_E_SYNTAX, st.name_start, st.name_end, "'ans' and '_' name the previous result");
  if (!s && st.assign && !st.expr) s = err_set(e, DS_E_SYNTAX, len, len, "expected a value after '='");
  if (!s && st.assign && st.expr->kind == N_NEWDIM) {
    /* "widget = !widget" declares a countable thing, as in a units file. */
    s = defs_load(defs, src, len, "(session)", e);
    if (!s) {
      size_t nl = st.name_end - st.name_start;
      ast n = {N_NAME, st.name_start, st.name_end, NULL, NULL, NULL, 0};
      s = eval_name(&E, &n, &out->v);
      if (!s && !(out->name = malloc(nl + 1))) s = err_set(e, DS_E_NOMEM, 0, 0, "out of memory");
      if (!s) {
        memcpy(out->name, src + st.name_start, nl);
        out->name[nl] = 0;
      }
    }
    goto done;
  }
  if (!s) s = stmt_value(&E, &st, &out->v, &f);
  if (s) goto done;
  /* The growth wording is for a line that is just growth(...). */
  if (out->growth && !(st.conv == CONV_NONE && st.expr->kind == N_CALL && strncmp(src + st.expr->start, "growth", 6) == 0))
    out->growth = false;
  out->conv = st.conv;
  if (st.conv == CONV_EQUIV) {
    /* At most a division by a small size and two comparisons per item. */
    num one;
    num_init(&one);
    num_set_si(&one, 1);
    unsigned long long w = num_work(&out->v.n, &one, true);
    num_clear(&one);
    for (size_t i = 0; i < ctx->reg.nunits && !s; i++)
      if (ctx->reg.units[i].flags & UNIT_ITEM) s = eval_charge(&E, st.expr, 3 * w);
    if (s) goto done;
    out->neq = catalog_equivalents(ctx, &out->v, E.binary, out->eq, E.maxbits);
    out->count_from = eval_grouped_text(src, len, st.expr->start, st.expr->end);
    if (out->neq == 0) {
      s = err_set(e, DS_E_DIMENSION, st.expr->start, st.expr->end,
                  "no catalogue item to compare this with (equivalents are data sizes)");
      goto done;
    }
    for (int i = 0; i < out->neq; i++) {
      if (out->eq[i].var >= 0) {
        eval_note_var(&E, out->eq[i].var);
      } else if (out->nitems < EVAL_MAX_VARS) {
        out->items[out->nitems++] = out->eq[i].unit;
      }
    }
  }
  if (st.conv == CONV_UNIT) {
    if ((s = eval_charge(&E, st.target, num_work(&out->v.n, &f.n, true)))) goto done;
    if ((s = num_div(&out->shown, &out->v.n, &f.n, E.maxbits))) {
      s = eval_numerr(&E, s, st.expr, "this conversion");
      goto done;
    }
    out->unit_text = stmt_target_text(&E, &st, &out->shown);
    if (out->unit_text && st.item_range) {
      /* "to photos range": the count over the catalogue's low .. high. */
      units_match m;
      const char *ts = src + st.target_start;
      size_t tl = st.target_end - st.target_start;
      if (st.target->kind != N_NAME || !units_lookup(&ctx->reg, ts, tl, &m) || m.pf || !m.u->item ||
          !m.u->item->range) {
        s = err_set(e, DS_E_UNKNOWN, st.target_start, st.target_end,
                    "'range' needs a catalogue item with a range, e.g. 1400 TB to photos range");
        goto done;
      }
      if ((s = units_ready(&ctx->reg, m.index, true, e))) goto done;
      m.u = &ctx->reg.units[m.index];
      eval_out_extra(out);
      num span;
      num_init(&span);
      mpq_set(span.lo, m.u->item->low.n.lo);
      mpq_set(span.hi, m.u->item->high.n.hi);
      span.range = true;
      if (!(s = eval_charge_op(&E, st.target, &out->v.n, &span, true)) &&
          (s = num_div(&out->range_shown, &out->v.n, &span, E.maxbits)))
        s = eval_numerr(&E, s, st.expr, "this range");
      num_clear(&span);
      if (s) goto done;
      out->item_range = true;
      out->range_text = buf_strndup(m.u->item->range, strlen(m.u->item->range));
    }
    if (!out->unit_text || !stmt_count(&E, &st, out)) {
      s = err_set(e, DS_E_NOMEM, 0, 0, "out of memory");
      goto done;
    }
  }
  /* The other reading of KB..YB, when the line used one (and someone will
   * read it: a warning, or the text of a count). */
  if (out->nlegacy && (!ctx->no_warnings || out->count)) {
    eval E2;
    err e2;
    err_clear(&e2);
    eval_init(&E2, env, src, len, &e2, NULL);
    E2.binary = !ctx->binary;
    qty f2;
    qty_init(&f2);
    int as = stmt_value(&E2, &st, &out->alt, &f2);
    if (!as && st.conv == CONV_UNIT && !(as = eval_charge_op(&E2, st.target, &out->alt.n, &f2.n, true)))
      as = num_div(&out->alt_shown, &out->alt.n, &f2.n, E.maxbits);
    out->have_alt = as == DS_OK;
    qty_clear(&f2);
    /* The other reading may fail where this one did not (it is only a
     * note), but not for want of work or time: the note would be lost. */
    if (as == DS_E_CANCELLED || (as == DS_E_LIMIT && env->work > (unsigned long long)ctx->limits[DS_LIMIT_WORK] * 1000000ull)) {
      *e = e2;
      s = as;
      goto done;
    }
  }
  if ((s = stmt_charge_output(&E, &st, out))) goto done;
  if (st.assign) {
    size_t nl = st.name_end - st.name_start;
    out->name = malloc(nl + 1);
    if (!out->name || !session_set_var(ctx, src + st.name_start, nl, &out->v, src + st.expr->start,
                                   st.expr->end - st.expr->start)) {
      s = err_set(e, DS_E_NOMEM, 0, 0, "out of memory");
      goto done;
    }
    memcpy(out->name, src + st.name_start, nl);
    out->name[nl] = 0;
    /* "azure_hot = $0.018/GB/month" reads best as written. */
    if (st.conv == CONV_NONE && !dim_is_none(&out->v.d) && !out->v.n.range && st.expr->end - st.expr->start < 200 &&
        stmt_is_literal(&E, st.expr))
      out->as_written = eval_grouped_text(src, len, st.expr->start, st.expr->end);
  }
  qty_set(&ctx->ans, &out->v);
  ctx->have_ans = true;
done:
  qty_clear(&f);
  ast_arena_reset(ar);
  return s;
}
