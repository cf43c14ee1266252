/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * story.c -- ds_read: a story in, its data-size claims checked out.
 *
 * read.c finds the claims and writes for each the datascale line that
 * checks it; here each line is evaluated in the caller's session (so an
 * assumption set there moves the verdicts), with the session's ans,
 * decimal comma and explain mode put back afterwards, and each finding is
 * worded three ways: a text block, a JSON object, a Markdown memo entry.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ctx.h"
#include "json.h"
#include "read.h"

typedef struct {
  read_kind kind;
  long line, col;
  char *quote;
  char *verdict; /* holds, close, plausible, off, unchecked, reported */
  char *reason;
  char *expr;
  size_t nfig;
  struct {
    char *quote;
    long line, col;
    char *ex;
  } fig[READ_FIGS];
} story_finding;

struct ds_story {
  char *name;
  story_finding *f;
  size_t n;
  size_t noff;
  char **problems;
  size_t nproblems;
  char *text, *json, *markdown; /* made on first use */
};

#define STORY_MAX_OUT ((size_t)1 << 30)
#define STORY_BINARY_SCAN ((size_t)1 << 16)

static void story_finding_free(story_finding *f) {
  free(f->quote);
  free(f->verdict);
  free(f->reason);
  free(f->expr);
  for (size_t k = 0; k < f->nfig; k++) {
    free(f->fig[k].quote);
    free(f->fig[k].ex);
  }
}

void ds_story_free(ds_story *s) {
  if (!s) return;
  for (size_t i = 0; i < s->n; i++) story_finding_free(&s->f[i]);
  for (size_t i = 0; i < s->nproblems; i++) free(s->problems[i]);
  free(s->problems);
  free(s->f);
  free(s->name);
  free(s->text);
  free(s->json);
  free(s->markdown);
  free(s);
}

/* Evaluates line in ctx: the result's text (and verdict, when a check),
 * or the error's message; the notes on how a spelling was read follow the
 * text ("Tb read as terabits ..."). */
static int story_eval(ds_ctx *ctx, const char *line, char **text, char **verdict) {
  ds_result *r = NULL;
  int st = ds_eval(ctx, line, strlen(line), &r);
  *text = NULL;
  *verdict = NULL;
  if (st == DS_E_NOMEM) {
    ds_result_free(r);
    return st;
  }
  const char *t = st == DS_OK ? ds_result_text(r) : ds_ctx_errmsg(ctx);
  if (t && strncmp(t, "≈ ", strlen("≈ ")) == 0) t += strlen("≈ ");
  buf b;
  buf_init(&b, 1 << 20);
  buf_puts(&b, t ? t : "");
  for (size_t i = 0; st == DS_OK && i < ds_result_warning_count(r); i++) {
    const char *w = ds_result_warning(r, i);
    /* the reading of a spelling; not the general notes of growth */
    if (!strstr(w, " read as ") || strstr(w, "decimal (powers of 1000)")) continue;
    buf_printf(&b, "%s Note: %s", b.len && b.s[b.len - 1] == '.' ? "" : ".", w);
  }
  *text = buf_take(&b);
  const char *v = st == DS_OK ? ds_result_verdict(r) : NULL;
  if (v) *verdict = buf_strndup(v, strlen(v));
  ds_result_free(r);
  if (!*text || (v && !*verdict)) return DS_E_NOMEM;
  return st == DS_OK ? DS_OK : DS_E_SYNTAX;
}

static int story_finding_make(ds_ctx *ctx, const prose *p, const read_claim *c, story_finding *f) {
  f->kind = c->kind;
  prose_where(p, c->start, &f->line, &f->col);
  f->quote = prose_quote(p, c->start, c->end);
  f->expr = buf_strndup(c->expr, strlen(c->expr));
  if (!f->quote || !f->expr) return DS_E_NOMEM;
  for (size_t k = 0; k < c->nfig; k++) {
    f->fig[k].quote = prose_quote(p, c->fig[k].start, c->fig[k].end);
    f->fig[k].ex = buf_strndup(c->fig[k].ex, strlen(c->fig[k].ex));
    prose_where(p, c->fig[k].start, &f->fig[k].line, &f->fig[k].col);
    f->nfig++;
    if (!f->fig[k].quote || !f->fig[k].ex) return DS_E_NOMEM;
  }
  char *text = NULL, *verdict = NULL;
  int st = DS_OK;
  /* what a claim implies is a figure to picture: three digits */
  long digits = c->fixed ? ds_ctx_limit(ctx, DS_LIMIT_DIGITS, 3) : 0;
  if (c->expr[0]) st = story_eval(ctx, c->expr, &text, &verdict);
  if (c->fixed) ds_ctx_limit(ctx, DS_LIMIT_DIGITS, digits);
  if (st == DS_E_NOMEM) return st;
  buf b;
  buf_init(&b, 1 << 20);
  if (c->fixed) {
    free(verdict);
    verdict = buf_strndup(c->fixed, strlen(c->fixed));
    buf_puts(&b, c->why);
    if (text && st == DS_OK) {
      buf_putc(&b, ' ');
      /* "1400 TB is 1.4 PB", but "2.94 TB", not "2.94 TB is 2.94 TB" */
      if (c->kind == READ_QUANTITY && strncmp(text, c->expr, strlen(c->expr)) != 0) buf_printf(&b, "%s is ", c->expr);
      buf_puts(&b, text);
    }
  } else if (st != DS_OK || !verdict) {
    free(verdict);
    verdict = buf_strndup("unchecked", strlen("unchecked"));
    buf_printf(&b, "could not be checked: %s", text ? text : "");
  } else {
    buf_puts(&b, text);
  }
  if (b.len && b.s[b.len - 1] != '.') buf_putc(&b, '.');
  if (c->far && c->nfig && f->fig[0].line != f->line)
    buf_printf(&b, " (The figures are from line %ld.)", f->fig[0].line);
  free(text);
  f->verdict = verdict;
  f->reason = buf_take(&b);
  if (!f->verdict || !f->reason) return DS_E_NOMEM;
  return DS_OK;
}

static int story_problems(ds_story *s, const prose *p) {
  size_t n = p->nprob + (p->prob_more ? 1 : 0) + (p->html ? 1 : 0);
  if (!n) return DS_OK;
  s->problems = calloc(n, sizeof *s->problems);
  if (!s->problems) return DS_E_NOMEM;
  for (size_t i = 0; i < p->nprob; i++) {
    long line, col;
    prose_where(p, p->prob[i].at, &line, &col);
    buf b;
    buf_init(&b, 256);
    buf_printf(&b, "%ld:%ld: %s, read as a space", line, col, p->prob[i].what);
    if (!(s->problems[s->nproblems++] = buf_take(&b))) return DS_E_NOMEM;
  }
  if (p->prob_more) {
    buf b;
    buf_init(&b, 256);
    buf_printf(&b, "%zu more bytes that are not text, read as spaces", p->prob_more);
    if (!(s->problems[s->nproblems++] = buf_take(&b))) return DS_E_NOMEM;
  }
  if (p->html) {
    const char *m = "HTML tags skipped";
    if (!(s->problems[s->nproblems++] = buf_strndup(m, strlen(m)))) return DS_E_NOMEM;
  }
  return DS_OK;
}

int ds_read(ds_ctx *ctx, const char *text, size_t len, const char *name, ds_story **out) {
  if (out) *out = NULL;
  if (!ctx || !out || (!text && len))
    return ctx ? err_set(&ctx->last, DS_E_ARG, 0, 0, "ds_read: a NULL argument") : DS_E_ARG;
  err_clear(&ctx->last);
  ds_story *s = calloc(1, sizeof *s);
  if (!s) return err_set(&ctx->last, DS_E_NOMEM, 0, 0, "out of memory");
  const char *nm = name ? name : "-";
  s->name = buf_strndup(nm, strlen(nm));
  prose p;
  read_claims rc = {0};
  bool pinit = prose_init(&p, text ? text : "", len);
  /* a NUL byte near the start: a binary file, not a story */
  const char *nul = pinit && len ? memchr(text, '\0', len < STORY_BINARY_SCAN ? len : STORY_BINARY_SCAN) : NULL;
  if (nul) {
    long line, col;
    prose_where(&p, (size_t)(nul - text), &line, &col);
    prose_free(&p);
    ds_story_free(s);
    return err_set(&ctx->last, DS_E_ENCODING, 0, 0, "a binary file, not text (a NUL byte at line %ld, column %ld)",
                   line, col);
  }
  /* the reader's lines are written in the default notation and leave
   * the session as it was */
  session *se = &ctx->s;
  bool comma = se->decimal_comma, had_ans = se->have_ans;
  ds_explain explain = se->explain;
  qty ans;
  qty_init(&ans);
  qty_set(&ans, &se->ans);
  se->decimal_comma = false;
  se->explain = DS_EXPLAIN_OFF;
  int st = !s->name || !pinit ? DS_E_NOMEM : read_find(ctx, &p, &rc);
  if (!st && rc.n && !(s->f = calloc(rc.n, sizeof *s->f))) st = DS_E_NOMEM;
  for (size_t i = 0; !st && i < rc.n; i++) {
    st = story_finding_make(ctx, &p, &rc.c[i], &s->f[i]);
    s->n++;
    if (!st && strcmp(s->f[i].verdict, "off") == 0) s->noff++;
  }
  if (!st) st = story_problems(s, &p);
  se->decimal_comma = comma;
  se->explain = explain;
  qty_set(&se->ans, &ans);
  se->have_ans = had_ans;
  qty_clear(&ans);
  read_claims_free(&rc);
  if (pinit) prose_free(&p);
  err_clear(&ctx->last);
  if (st) {
    ds_story_free(s);
    return err_set(&ctx->last, DS_E_NOMEM, 0, 0, "out of memory");
  }
  *out = s;
  return DS_OK;
}

size_t ds_story_count(const ds_story *s) { return s ? s->n : 0; }
size_t ds_story_off_count(const ds_story *s) { return s ? s->noff : 0; }
size_t ds_story_problem_count(const ds_story *s) { return s ? s->nproblems : 0; }
const char *ds_story_problem(const ds_story *s, size_t i) { return s && i < s->nproblems ? s->problems[i] : NULL; }

static const story_finding *story_at(const ds_story *s, size_t i) { return s && i < s->n ? &s->f[i] : NULL; }

const char *ds_story_kind(const ds_story *s, size_t i) {
  const story_finding *f = story_at(s, i);
  return f ? read_kind_name(f->kind) : NULL;
}
const char *ds_story_verdict(const ds_story *s, size_t i) {
  const story_finding *f = story_at(s, i);
  return f ? f->verdict : NULL;
}
const char *ds_story_quote(const ds_story *s, size_t i) {
  const story_finding *f = story_at(s, i);
  return f ? f->quote : NULL;
}
const char *ds_story_reason(const ds_story *s, size_t i) {
  const story_finding *f = story_at(s, i);
  return f ? f->reason : NULL;
}
const char *ds_story_expression(const ds_story *s, size_t i) {
  const story_finding *f = story_at(s, i);
  return f ? f->expr : NULL;
}
long ds_story_line(const ds_story *s, size_t i) {
  const story_finding *f = story_at(s, i);
  return f ? f->line : -1;
}
long ds_story_column(const ds_story *s, size_t i) {
  const story_finding *f = story_at(s, i);
  return f ? f->col : -1;
}

/* "a", "b" and "c" */
static void story_figs(buf *b, const story_finding *f, bool md) {
  for (size_t k = 0; k < f->nfig; k++)
    buf_printf(b, "%s%s%s%s (line %ld)", buf_list_sep(k, f->nfig, " and "), md ? "\"" : "\"", f->fig[k].quote,
               md ? "\"" : "\"", f->fig[k].line);
}

const char *ds_story_text(ds_story *s) {
  if (!s) return NULL;
  if (s->text) return s->text;
  buf b;
  buf_init(&b, STORY_MAX_OUT);
  for (size_t i = 0; i < s->n; i++) {
    const story_finding *f = &s->f[i];
    buf_printf(&b, "%s:%ld:%ld: %s \"%s\": %s\n", s->name, f->line, f->col, read_kind_name(f->kind), f->quote,
               f->verdict);
    buf_printf(&b, "  %s\n", f->reason);
    if (f->nfig) {
      buf_puts(&b, "  figures: ");
      story_figs(&b, f, false);
      buf_putc(&b, '\n');
    }
    if (f->expr[0]) buf_printf(&b, "  datascale: %s\n", f->expr);
  }
  if (!s->n) buf_printf(&b, "%s: no data-size claims found\n", s->name);
  s->text = buf_take(&b);
  return s->text;
}

const char *ds_story_json(ds_story *s) {
  if (!s) return NULL;
  if (s->json) return s->json;
  buf b;
  buf_init(&b, STORY_MAX_OUT);
  for (size_t i = 0; i < s->n; i++) {
    const story_finding *f = &s->f[i];
    buf_puts(&b, "{\"file\":");
    json_string(&b, s->name, strlen(s->name));
    buf_printf(&b, ",\"line\":%ld,\"column\":%ld", f->line, f->col);
    json_opt_string(&b, "quote", f->quote);
    json_opt_string(&b, "kind", read_kind_name(f->kind));
    json_opt_string(&b, "verdict", f->verdict);
    json_opt_string(&b, "text", f->reason);
    json_opt_string(&b, "expression", f->expr[0] ? f->expr : NULL);
    buf_puts(&b, ",\"figures\":[");
    for (size_t k = 0; k < f->nfig; k++) {
      buf_puts(&b, k ? ",{" : "{");
      json_key(&b, "quote", true);
      json_string(&b, f->fig[k].quote, strlen(f->fig[k].quote));
      buf_printf(&b, ",\"line\":%ld,\"column\":%ld", f->fig[k].line, f->fig[k].col);
      json_opt_string(&b, "value", f->fig[k].ex);
      buf_putc(&b, '}');
    }
    buf_puts(&b, "]}\n");
  }
  s->json = buf_take(&b);
  return s->json;
}

const char *ds_story_markdown(ds_story *s) {
  if (!s) return NULL;
  if (s->markdown) return s->markdown;
  static const char *const order[] = {"holds", "close", "plausible", "off", "unchecked", "reported"};
  size_t count[6] = {0};
  for (size_t i = 0; i < s->n; i++)
    for (size_t k = 0; k < 6; k++)
      if (strcmp(s->f[i].verdict, order[k]) == 0) count[k]++;
  buf b;
  buf_init(&b, STORY_MAX_OUT);
  buf_printf(&b, "# Fact-check: %s\n\n", s->name);
  if (!s->n) {
    buf_puts(&b, "No data-size claims found.\n");
  } else {
    buf_printf(&b, "%zu finding%s:", s->n, s->n == 1 ? "" : "s");
    size_t shown = 0, kinds = 0;
    for (size_t k = 0; k < 6; k++) kinds += count[k] > 0;
    for (size_t k = 0; k < 6; k++)
      if (count[k]) buf_printf(&b, "%s%zu %s", shown++ ? (shown == kinds ? " and " : ", ") : " ", count[k], order[k]);
    buf_puts(&b, ".\n");
  }
  for (size_t i = 0; i < s->n; i++) {
    const story_finding *f = &s->f[i];
    buf_printf(&b, "\n## %zu. \"%s\" — %s\n\n", i + 1, f->quote, f->verdict);
    buf_printf(&b, "Line %ld, column %ld (%s). %s\n\n", f->line, f->col, read_kind_name(f->kind), f->reason);
    if (f->nfig) {
      buf_puts(&b, "- Figures used: ");
      story_figs(&b, f, true);
      buf_putc(&b, '\n');
    }
    if (f->expr[0]) buf_printf(&b, "- Reproduce with datascale: `%s`\n", f->expr);
  }
  s->markdown = buf_take(&b);
  return s->markdown;
}
