/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * scenario.c -- ds_eval: a line, a what-if or a sweep.
 *
 * "EXPR with photo = 2 MB" binds the assumptions, evaluates EXPR as any
 * line (ctx_eval_line) and puts every one of them back as it was, so the
 * next line sees the session unchanged; ans is the line's value, and EXPR
 * sees the ans of the line before. "EXPR for photo in 2 MB, 3 MB" is one
 * such what-if per value (each row's input says which), with ans left as
 * it was, gathered in a table. Lines that are neither go straight to
 * ctx_eval_line.
 */
#include <gmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ctx.h"
#include "whatif.h"

#define SCENARIO_SOURCE "this line only (with)"

/* The error in ctx->last, found in a part of the line that starts at
 * byte `at`, moved to the whole line. */
static void scenario_shift(ds_ctx *ctx, size_t at) {
  if (ctx->last.start != SIZE_MAX) ctx->last.start += at;
  if (ctx->last.end != SIZE_MAX) ctx->last.end += at;
}

/* The error in ctx->last, from a line made of parts of the range, put
 * on the bytes [start, end) of the whole line. */
static void scenario_place(ds_ctx *ctx, size_t start, size_t end) {
  ctx->last.start = start;
  ctx->last.end = end;
}

/* Fails the whole line src[0..len) with st (ctx->last in its bytes). */
static int scenario_fail(ds_ctx *ctx, const char *src, size_t len, int st, ds_result **out) {
  if (out && !(*out = ctx_result_failed(ctx, src, len, st)) && st != DS_E_NOMEM)
    st = err_set(&ctx->last, DS_E_NOMEM, 0, 0, "out of memory");
  return st;
}

/* Runs the what-if w of src[0..len). */
static int scenario_with(ds_ctx *ctx, const char *src, size_t len, const whatif *w, ds_result **out) {
  session *s = &ctx->s;
  session_saved saved[WHATIF_MAX_WITH];
  char *names[WHATIF_MAX_WITH];
  size_t n = 0;
  qty ans;
  qty_init(&ans);
  qty_set(&ans, &s->ans);
  bool had_ans = s->have_ans;
  int st = DS_OK;
  for (; n < w->nwith && !st; n++) {
    whatif_span nm = w->with_name[n], a = w->with[n];
    names[n] = buf_strndup(src + nm.start, nm.end - nm.start);
    if (!names[n] || !session_save_var(s, src + nm.start, nm.end - nm.start, &saved[n])) {
      if (names[n]) session_saved_free(&saved[n]);
      free(names[n]);
      st = err_set(&ctx->last, DS_E_NOMEM, 0, 0, "out of memory");
      break;
    }
    ds_result *r = NULL;
    st = ctx_eval_line(ctx, src + a.start, a.end - a.start, &r);
    if (!st && !ds_result_name(r)) /* "with photo = !photo", a new dimension: no value to assume */
      st = err_set(&ctx->last, DS_E_SYNTAX, 0, a.end - a.start, "'with' wants NAME = VALUE, e.g. with photo = 2 MB");
    if (st) scenario_shift(ctx, a.start);
    ds_result_free(r);
  }
  /* EXPR sees the ans of the line before, not the assumptions' values. */
  qty_set(&s->ans, &ans);
  s->have_ans = had_ans;
  qty_clear(&ans);
  ds_result *r = NULL;
  if (!st) {
    st = ctx_eval_line(ctx, src + w->expr.start, w->expr.end - w->expr.start, out ? &r : NULL);
    if (st) scenario_shift(ctx, w->expr.start);
  }
  /* Every assumption back as it was, the last one bound first (a name
   * given twice ends as it was before both). */
  for (size_t i = n; i-- > 0;)
    if (!session_restore_var(s, names[i], strlen(names[i]), &saved[i]) && !st)
      st = err_set(&ctx->last, DS_E_NOMEM, 0, 0, "out of memory");
  if (!st && r) {
    buf pre;
    buf_init(&pre, 1u << 20);
    buf_printf(&pre, "%.*s: ", (int)(w->tail.end - w->tail.start), src + w->tail.start);
    if (pre.failed || ctx_result_whatif(r, src, len, pre.s, (const char *const *)names, n, SCENARIO_SOURCE))
      st = err_set(&ctx->last, DS_E_NOMEM, 0, 0, "out of memory");
    buf_free(&pre);
  }
  for (size_t i = 0; i < n; i++) free(names[i]);
  if (st) {
    ds_result_free(r);
    return scenario_fail(ctx, src, len, st, out);
  }
  if (out) *out = r;
  return DS_OK;
}

/* The text of `step` values from low: how many rows "LOW .. HIGH step S"
 * has (at most WHATIF_MAX_ROWS), and each value's text in LOW's unit
 * ("2.5 MB"), exact. */
static int scenario_steps(ds_ctx *ctx, const char *src, const whatif *w, char **vals, size_t *nvals) {
  const whatif_span lo = w->low, hi = w->high, sp = w->step;
  int lw = (int)(lo.end - lo.start), hw = (int)(hi.end - hi.start), sw = (int)(sp.end - sp.start);
  const char *l = src + lo.start, *h = src + hi.start, *p = src + sp.start;
  buf line;
  buf_init(&line, 1u << 24);
  buf_printf(&line, "((%.*s) - (%.*s)) / (%.*s)", hw, h, lw, l, sw, p);
  ds_result *r = NULL, *u = NULL;
  int st = line.failed ? DS_E_NOMEM : ctx_eval_line(ctx, line.s, line.len, &r);
  if (st == DS_E_DIMENSION || (!st && (ds_result_unit(r)[0] || ds_result_is_range(r))))
    st = err_set(&ctx->last, DS_E_DIMENSION, w->low.start, w->step.end,
                 "the range and its step must be single values of one kind, e.g. 2 MB .. 5 MB step 1 MB");
  else if (st && st != DS_E_NOMEM && st != DS_E_CANCELLED) scenario_place(ctx, w->low.start, w->step.end);
  mpq_t q;
  mpq_init(q);
  const char *ex = st ? NULL : ds_result_exact(r);
  if (!st && (!ex || mpq_set_str(q, ex, 10) != 0 || mpq_sgn(q) < 0))
    st = err_set(&ctx->last, DS_E_DOMAIN, w->low.start, w->step.end,
                 "the step must go from the start of the range to its end");
  if (!st) {
    mpz_t k;
    mpz_init(k);
    mpz_fdiv_q(k, mpq_numref(q), mpq_denref(q));
    if (mpz_cmp_ui(k, WHATIF_MAX_ROWS - 1) > 0)
      st = err_set(&ctx->last, DS_E_LIMIT, w->low.start, w->step.end, "at most %d values in one sweep (this is %s)",
                   WHATIF_MAX_ROWS, mpz_cmp_ui(k, 1000000) > 0 ? "more than a million" : "more");
    else *nvals = mpz_get_ui(k) + 1;
    mpz_clear(k);
  }
  mpq_clear(q);
  ds_result_free(r);
  r = NULL;
  /* LOW's unit, and each value in it */
  if (!st) {
    line.len = 0;
    buf_printf(&line, "%.*s", lw, l);
    st = line.failed ? DS_E_NOMEM : ctx_eval_line(ctx, line.s, line.len, &u);
    if (st) scenario_shift(ctx, lo.start);
  }
  const char *in_unit = u ? ds_result_unit(u) : "";
  for (size_t k = 0; !st && k < *nvals; k++) {
    line.len = 0;
    buf_printf(&line, "(%.*s) + %zu * (%.*s)", lw, l, k, sw, p);
    if (in_unit[0]) buf_printf(&line, " to %s", in_unit);
    st = line.failed ? DS_E_NOMEM : ctx_eval_line(ctx, line.s, line.len, &r);
    if (!st && (strncmp(ds_result_text(r), "\xe2\x89\x88", 3) == 0 || ds_result_is_range(r)))
      st = err_set(&ctx->last, DS_E_DOMAIN, sp.start, sp.end, "the step gives a value that is not exact in %s: %s",
                   in_unit[0] ? in_unit : "digits", ds_result_text(r));
    else if (st && st != DS_E_NOMEM && st != DS_E_CANCELLED) scenario_place(ctx, lo.start, sp.end);
    if (!st && !(vals[k] = buf_strndup(ds_result_text(r), strlen(ds_result_text(r)))))
      st = err_set(&ctx->last, DS_E_NOMEM, 0, 0, "out of memory");
    ds_result_free(r);
    r = NULL;
  }
  ds_result_free(u);
  buf_free(&line);
  return st;
}

/* Display width of s: its characters. */
static size_t scenario_width(const char *s) {
  size_t n = 0;
  for (; *s; s++) n += ((unsigned char)*s & 0xc0) != 0x80;
  return n;
}

static void scenario_pad(buf *b, const char *s, size_t width) {
  buf_puts(b, s);
  for (size_t i = scenario_width(s); i < width + 2; i++) buf_putc(b, ' ');
}

/* Runs the sweep w of src[0..len): the rows, and the table as the text. */
static int scenario_for(ds_ctx *ctx, const char *src, size_t len, const whatif *w, ds_result **out) {
  session *s = &ctx->s;
  char *vals[WHATIF_MAX_ROWS] = {NULL};
  size_t nv = w->nvalues;
  int st = DS_OK;
  if (w->stepped) {
    nv = 0;
    st = scenario_steps(ctx, src, w, vals, &nv);
  } else {
    for (size_t i = 0; i < nv && !st; i++)
      if (!(vals[i] = buf_strndup(src + w->values[i].start, w->values[i].end - w->values[i].start)))
        st = err_set(&ctx->last, DS_E_NOMEM, 0, 0, "out of memory");
  }
  ds_result **rows = calloc(nv ? nv : 1, sizeof *rows);
  if (!st && !rows) st = err_set(&ctx->last, DS_E_NOMEM, 0, 0, "out of memory");
  qty ans;
  qty_init(&ans);
  qty_set(&ans, &s->ans);
  bool had_ans = s->have_ans;
  const char *name = src + w->name.start;
  int nl = (int)(w->name.end - w->name.start), el = (int)(w->expr.end - w->expr.start);
  size_t failed = 0, width = (size_t)nl, checks = 0;
  err first;
  err_clear(&first);
  buf line;
  buf_init(&line, 1u << 24);
  for (size_t k = 0; k < nv && !st; k++) {
    line.len = 0;
    buf_printf(&line, "%.*s with %.*s = %s", el, src + w->expr.start, nl, name, vals[k]);
    qty_set(&s->ans, &ans); /* each row sees the ans of the line before */
    s->have_ans = had_ans;
    whatif rw;
    int rs = line.failed ? DS_E_NOMEM : whatif_parse(line.s, line.len, &rw, &ctx->last);
    if (!rs && rw.kind != WHATIF_WITH)
      rs = err_set(&ctx->last, DS_E_SYNTAX, 0, 0, "cannot read the value '%s'", vals[k]);
    if (!rs) rs = scenario_with(ctx, line.s, line.len, &rw, &rows[k]);
    else rows[k] = ctx_result_failed(ctx, line.s, line.len, rs);
    if (rs == DS_E_NOMEM || rs == DS_E_CANCELLED || !rows[k]) {
      st = rs ? rs : DS_E_NOMEM;
      break;
    }
    if (rs && !failed++) first = ctx->last;
    checks += ds_result_verdict(rows[k]) != NULL;
    size_t vw = scenario_width(vals[k]);
    if (vw > width) width = vw;
  }
  qty_set(&s->ans, &ans); /* a sweep has no one value: ans stays */
  s->have_ans = had_ans;
  qty_clear(&ans);
  if (!st && failed == nv) { /* every row failed: the line failed, as the first row said */
    ctx->last = first;
    if (ctx->last.start != SIZE_MAX && ctx->last.start >= (size_t)el) ctx->last.start = w->tail.start;
    else if (ctx->last.start != SIZE_MAX) scenario_shift(ctx, w->expr.start);
    if (ctx->last.start == w->tail.start) ctx->last.end = w->tail.end;
    st = ctx->last.code;
  }
  /* the table: the value, the verdict of a check, the result */
  buf t;
  buf_init(&t, 1u << 24);
  if (!st) {
    char head[128];
    snprintf(head, sizeof head, "%.*s", nl < 100 ? nl : 100, name);
    scenario_pad(&t, head, width);
    if (checks) scenario_pad(&t, "verdict", 7);
    buf_puts(&t, "result");
    for (size_t k = 0; k < nv; k++) {
      buf_putc(&t, '\n');
      scenario_pad(&t, vals[k], width);
      const ds_result *r = rows[k];
      if (checks) scenario_pad(&t, ds_result_verdict(r) ? ds_result_verdict(r) : "", 7);
      /* the row's text without its "with NAME = VALUE: " */
      const char *tx = ds_result_text(r);
      size_t pre = (size_t)snprintf(NULL, 0, "with %.*s = %s: ", nl, name, vals[k]);
      if (ds_result_ok(r) && strlen(tx) >= pre) tx += pre;
      if (!ds_result_ok(r)) buf_puts(&t, "error: ");
      buf_puts(&t, tx);
    }
    if (t.failed) st = err_set(&ctx->last, DS_E_NOMEM, 0, 0, "out of memory");
  }
  buf_free(&line);
  for (size_t k = 0; k < nv; k++) free(vals[k]);
  ds_result *r = NULL;
  if (!st && out && !(r = ctx_result_table(src, len, buf_take(&t), rows, nv)))
    st = err_set(&ctx->last, DS_E_NOMEM, 0, 0, "out of memory");
  buf_free(&t);
  if (st || !out) {
    if (!r && rows)
      for (size_t k = 0; k < nv; k++) ds_result_free(rows[k]);
    if (!r) free(rows);
    ds_result_free(r);
    if (!st) err_clear(&ctx->last); /* a failed row is not the line's error */
    return st ? scenario_fail(ctx, src, len, st, out) : DS_OK;
  }
  err_clear(&ctx->last); /* a failed row is not the line's error */
  *out = r;
  return DS_OK;
}

/* A line that may be a what-if or a sweep (whatif_none said it may). Out
 * of ds_eval, so that the other lines carry no whatif on the stack and
 * ds_eval ends in a call to ctx_eval_line. */
__attribute__((noinline)) static int scenario_line(ds_ctx *ctx, const char *src, size_t len, ds_result **out) {
  whatif w;
  int st = whatif_parse(src, len, &w, &ctx->last);
  if (!st && w.kind == WHATIF_NONE) return ctx_eval_line(ctx, src, len, out);
  if (!st) st = session_check_line(&ctx->s, src, len, &ctx->last);
  if (st) return scenario_fail(ctx, src, len, st, out);
  return w.kind == WHATIF_WITH ? scenario_with(ctx, src, len, &w, out) : scenario_for(ctx, src, len, &w, out);
}

int ds_eval(ds_ctx *ctx, const char *src, size_t len, ds_result **out) {
  if (out) *out = NULL;
  if (!ctx) return DS_E_ARG;
  if (!src && len) return ctx_bad_arg(ctx, "NULL line with a non-zero length");
  if (!src) src = "";
  atomic_store_explicit(&ctx->cancel, 0, memory_order_relaxed);
  err_clear(&ctx->last);
  if (whatif_none(src, len)) return ctx_eval_line(ctx, src, len, out);
  return scenario_line(ctx, src, len, out);
}
