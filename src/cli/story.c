/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * story.c -- --read FILE and the prompt's "read FILE": a story's claims.
 *
 * The whole file is read (at most CLI_STORY_MAX bytes), given to ds_read
 * and its findings printed: text blocks, JSON Lines with --json, or a
 * Markdown memo with --explain=markdown. Bytes that are not text are
 * reported on stderr with their place; the rest is read.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define CLI_STORY_MAX ((size_t)256 << 20)

/* Reads all of f: a new buffer and *len, or NULL with errno set. */
static char *cli_story_slurp(FILE *f, size_t *len) {
  size_t cap = 1 << 16, n = 0;
  char *s = malloc(cap);
  if (!s) return NULL;
  for (;;) {
    if (n == cap) {
      if (cap >= CLI_STORY_MAX) {
        free(s);
        errno = EFBIG;
        return NULL;
      }
      char *t = realloc(s, cap * 2);
      if (!t) {
        free(s);
        errno = ENOMEM;
        return NULL;
      }
      s = t;
      cap *= 2;
    }
    size_t got = fread(s + n, 1, cap - n, f);
    n += got;
    if (got == 0) break;
  }
  if (ferror(f)) {
    int e = errno ? errno : EIO;
    free(s);
    errno = e;
    return NULL;
  }
  *len = n;
  return s;
}

int cli_story(cli_state *cs, const char *path) {
  bool std = strcmp(path, "-") == 0;
  FILE *f = std ? stdin : fopen(path, "rb");
  if (!f) {
    cli_diag(cs, "error", "%s: %s", path, strerror(errno));
    return 2;
  }
  size_t len = 0;
  errno = 0;
  char *text = cli_story_slurp(f, &len);
  int e = errno;
  if (!std) fclose(f);
  if (!text) {
    cli_diag(cs, "error", "%s: %s", path,
             e == EFBIG ? "too large to read as a story (more than 256 MiB)" : strerror(e));
    return 2;
  }
  ds_story *s = NULL;
  int st = ds_read(cs->ctx, text, len, std ? "-" : path, &s);
  free(text);
  if (st != DS_OK) {
    cli_diag(cs, "error", "%s: %s", path, ds_ctx_errmsg(cs->ctx));
    return 2;
  }
  for (size_t i = 0; i < ds_story_problem_count(s); i++)
    if (!cs->quiet) {
      const char *pr = ds_story_problem(s, i);
      /* "FILE:2:13: invalid UTF-8 ...", "FILE: HTML tags skipped" */
      cli_diag(cs, "note", "%s:%s%s", std ? "-" : path, pr[0] >= '0' && pr[0] <= '9' ? "" : " ", pr);
    }
  const char *out = cs->json                             ? ds_story_json(s)
                    : cs->explain == DS_EXPLAIN_MARKDOWN ? ds_story_markdown(s)
                                                         : ds_story_text(s);
  if (!out) {
    cli_diag(cs, "error", "out of memory");
    ds_story_free(s);
    return 2;
  }
  fputs(out, stdout);
  if (cs->json && !ds_story_count(s) && !cs->quiet) cli_diag(cs, "note", "%s: no data-size claims found", path);
  int rc = cs->strict && ds_story_off_count(s) ? 1 : 0;
  ds_story_free(s);
  return rc;
}
