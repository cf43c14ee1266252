/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_read.c -- libFuzzer target: the reader of stories (ds_read).
 *
 * The input is a story: any bytes. ds_read must return DS_OK, or
 * DS_E_ENCODING for a NUL byte in the first 64 KiB (a binary file). Every
 * finding has a known kind and verdict, a place inside the text, a quote
 * and a reason that are valid UTF-8, and an expression that, run again in
 * a fresh line, gives the finding's verdict when it is a check. The text,
 * the JSON Lines (each line one valid JSON object) and the Markdown are
 * made. Reading the same story twice gives the same findings: the reader
 * leaves the session as it found it.
 */
#include <string.h>

#include "fuzz.h"
#include "jsoncheck.h"

static ds_ctx *fuzz_session;

static int fuzz_known_word(const char *w, const char *const *set) {
  for (; *set; set++)
    if (strcmp(w, *set) == 0) return 1;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const kinds[] = {"quantity", "change", "equivalent", "time", NULL};
  static const char *const verdicts[] = {"holds", "close", "plausible", "off", "unchecked", "reported", NULL};
  const char *text = (const char *)data;
  if (!fuzz_session) fuzz_session = fuzz_ctx_new();
  ds_story *s = NULL;
  int st = ds_read(fuzz_session, text, size, "fuzz.txt", &s);
  int binary = memchr(text, '\0', size < 65536 ? size : 65536) != NULL;
  FUZZ_CHECK(st == (binary ? DS_E_ENCODING : DS_OK) || st == DS_E_NOMEM, "ds_read gave %d (binary %d)", st, binary);
  if (st != DS_OK) {
    FUZZ_CHECK(s == NULL, "a failed ds_read left a story");
    return 0;
  }
  long lines = 1;
  for (size_t i = 0; i < size; i++) lines += text[i] == '\n';
  for (size_t i = 0; i < ds_story_count(s); i++) {
    const char *kind = ds_story_kind(s, i), *verdict = ds_story_verdict(s, i);
    FUZZ_CHECK(kind && fuzz_known_word(kind, kinds), "finding %zu: kind %s", i, kind ? kind : "(null)");
    FUZZ_CHECK(verdict && fuzz_known_word(verdict, verdicts), "finding %zu: verdict %s", i,
               verdict ? verdict : "(null)");
    long line = ds_story_line(s, i), col = ds_story_column(s, i);
    FUZZ_CHECK(line >= 1 && line <= lines && col >= 1 && (size_t)col <= size, "finding %zu at %ld:%ld", i, line, col);
    fuzz_check_text("quote", ds_story_quote(s, i));
    fuzz_check_text("reason", ds_story_reason(s, i));
    const char *ex = ds_story_expression(s, i);
    FUZZ_CHECK(ex != NULL, "finding %zu: no expression", i);
    if (strncmp(ex, "check ", 6) == 0) {
      ds_result *r = NULL;
      int es = ds_eval(fuzz_session, ex, strlen(ex), &r);
      const char *v = es == DS_OK ? ds_result_verdict(r) : NULL;
      FUZZ_CHECK(es == DS_E_NOMEM || es == DS_E_LIMIT || (es == DS_OK && v && strcmp(v, verdict) == 0) ||
                     (es != DS_OK && strcmp(verdict, "unchecked") == 0),
                 "finding %zu: '%s' gives %s (status %d), the finding %s", i, ex, v ? v : "(none)", es, verdict);
      ds_result_free(r);
    }
  }
  const char *json = ds_story_json(s), *txt = ds_story_text(s), *md = ds_story_markdown(s);
  FUZZ_CHECK(json && txt && md, "a story without its text, JSON or Markdown");
  for (const char *p = json; *p;) {
    const char *nl = strchr(p, '\n');
    FUZZ_CHECK(nl != NULL, "JSON Lines without a final newline");
    const char *why = "";
    size_t bad = jsoncheck(p, (size_t)(nl - p), &why);
    FUZZ_CHECK(bad == 0, "a finding's JSON is invalid at %zu: %s", bad, why);
    p = nl + 1;
  }
  /* the same story again: the same findings */
  ds_story *s2 = NULL;
  if (ds_read(fuzz_session, text, size, "fuzz.txt", &s2) == DS_OK) {
    const char *j2 = ds_story_json(s2);
    FUZZ_CHECK(!j2 || strcmp(json, j2) == 0, "reading the story twice gave other findings");
  }
  ds_story_free(s2);
  ds_story_free(s);
  fuzz_ctx_rewind(fuzz_session);
  return 0;
}
