/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * setting.c -- "set" lines: the binary reading and the limits.
 *
 * A line "set binary on" or "set digits 4" changes the session, wherever it
 * comes from: the prompt, a batch file, -e, the Python module, the wasm
 * module. It is read here, word by word, before the parser sees the line:
 * no such line is an expression ("set" followed by two words does not
 * parse), so nothing the language accepts is taken away, and a variable
 * named "set" still works. "set decimal-comma on|off" is a statement of
 * the parser (parse.c), since it changes how numbers are lexed.
 */
#include "setting.h"

#include <limits.h>
#include <string.h>

#include "buf.h"

static const struct {
  const char *name;
  int id;
} setting_limits[] = {
    {"digits", DS_LIMIT_DIGITS},   {"precision", DS_LIMIT_PRECISION}, {"max-bits", DS_LIMIT_RESULT_BITS},
    {"max-depth", DS_LIMIT_DEPTH}, {"max-line", DS_LIMIT_LINE},       {"max-work", DS_LIMIT_WORK},
};
#define SETTING_NLIMITS (sizeof setting_limits / sizeof setting_limits[0])

static bool setting_blank(char c) { return c == ' ' || c == '\t'; }

static bool setting_is(const char *w, size_t n, const char *word) {
  return strlen(word) == n && memcmp(w, word, n) == 0;
}

/* The range the session allows limit `id`: what setting 0 and LONG_MAX
 * clamp to, the value restored after. */
static void setting_range(session *s, int id, long *lo, long *hi) {
  long old = session_limit(s, id, 0);
  *lo = session_limit(s, id, LONG_MAX);
  *hi = session_limit(s, id, old);
}

/* Every setting: "digits 6, precision 128, ..., binary off, decimal-comma off". */
static char *setting_list(session *s) {
  buf b;
  buf_init(&b, 1 << 12);
  for (size_t i = 0; i < SETTING_NLIMITS; i++)
    buf_printf(&b, "%s %ld, ", setting_limits[i].name, session_limit(s, setting_limits[i].id, -1));
  buf_printf(&b, "binary %s, decimal-comma %s", s->binary ? "on" : "off", s->decimal_comma ? "on" : "off");
  return buf_take(&b);
}

int setting_line(session *s, const char *src, size_t len, char **answer, err *e) {
  *answer = NULL;
  if (len > (size_t)s->limits[DS_LIMIT_LINE]) return SETTING_NONE; /* refused by the parser for its length */
  size_t lead = 0;                                                 /* most lines are not settings: "set " first */
  while (lead < len && setting_blank(src[lead])) lead++;
  if (len - lead < 4 || memcmp(src + lead, "set", 3) != 0 || !setting_blank(src[lead + 3])) return SETTING_NONE;
  const char *w[4];
  size_t wl[4], start[4];
  int n = 0;
  for (size_t i = 0; i < len && src[i] != '#';) {
    if (setting_blank(src[i])) {
      i++;
      continue;
    }
    size_t j = i;
    while (j < len && !setting_blank(src[j]) && src[j] != '#') j++;
    if (n == 4) return SETTING_NONE;
    w[n] = src + i, wl[n] = j - i, start[n] = i;
    n++;
    i = j;
  }
  if (n < 2 || !setting_is(w[0], wl[0], "set")) return SETTING_NONE;
  size_t k = 0;
  while (k < SETTING_NLIMITS && !setting_is(w[1], wl[1], setting_limits[k].name)) k++;
  bool binary = setting_is(w[1], wl[1], "binary");
  if (!binary && k == SETTING_NLIMITS) return SETTING_NONE;
  const char *what = binary ? "binary" : setting_limits[k].name;
  if (n != 3) {
    size_t at = n > 3 ? start[3] : start[1] + wl[1];
    return err_set(e, DS_E_SYNTAX, at, n > 3 ? len : at, "set %s wants one value: %s", what,
                   binary ? "set binary on|off" : "set digits|precision|max-bits|max-depth|max-line|max-work N");
  }
  if (binary) {
    bool on = setting_is(w[2], wl[2], "on"), off = setting_is(w[2], wl[2], "off");
    if (!on && !off)
      return err_set(e, DS_E_SYNTAX, start[2], start[2] + wl[2], "set binary wants on or off, not '%.*s'",
                     (int)(wl[2] < 40 ? wl[2] : 40), w[2]);
    s->binary = on;
    buf b;
    buf_init(&b, 1 << 10);
    buf_printf(&b, "binary %s: KB MB GB TB PB EB ZB YB are powers of %s", on ? "on" : "off", on ? "1024" : "1000");
    if (!(*answer = buf_take(&b))) return err_set(e, DS_E_NOMEM, 0, 0, "out of memory");
    return DS_OK;
  }
  /* A decimal number read digit by digit (no sign, no locale). */
  long lo, hi, v = 0;
  setting_range(s, setting_limits[k].id, &lo, &hi);
  bool digits = wl[2] > 0;
  for (size_t i = 0; i < wl[2] && digits; i++) {
    int d = w[2][i] - '0';
    if (d < 0 || d > 9) digits = false;
    else if (v <= hi) v = v * 10 + d; /* past hi it is out of range anyway */
  }
  if (!digits || v < lo || v > hi)
    return err_set(e, DS_E_SYNTAX, start[2], start[2] + wl[2], "set %s wants a number from %ld to %ld, not '%.*s'",
                   what, lo, hi, (int)(wl[2] < 40 ? wl[2] : 40), w[2]);
  session_limit(s, setting_limits[k].id, v);
  if (!(*answer = setting_list(s))) return err_set(e, DS_E_NOMEM, 0, 0, "out of memory");
  return DS_OK;
}
