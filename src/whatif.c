/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * whatif.c -- one-line what-ifs and sweeps, as written.
 *
 * The keyword is found at the top level of the line (outside parentheses
 * and before a '#' comment) and only when what follows it has the shape
 * of its clause: "with" then NAME and '=' (not "=="), "for" then NAME and
 * "in". So a line that merely contains the word is read as before. The
 * clause is cut into its parts; nothing is evaluated here.
 */
#include "whatif.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

static bool whatif_blank(char c) { return c == ' ' || c == '\t'; }

static size_t whatif_skip(const char *s, size_t i, size_t len) {
  while (i < len && whatif_blank(s[i])) i++;
  return i;
}

/* The end of a name at i: letters, digits, '_' and any non-ASCII byte,
 * not starting with a digit; i when there is none. */
static size_t whatif_name_end(const char *s, size_t i, size_t len) {
  if (i < len && s[i] >= '0' && s[i] <= '9') return i;
  while (i < len) {
    unsigned char c = (unsigned char)s[i];
    if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && !(c >= '0' && c <= '9') && c != '_' && c < 0x80) break;
    i++;
  }
  return i;
}

/* The word w (any case) at i, with a blank (or the line's end) on each
 * side. */
static bool whatif_word(const char *s, size_t i, size_t len, const char *w) {
  size_t n = strlen(w);
  return i > 0 && whatif_blank(s[i - 1]) && i + n <= len && strncasecmp(s + i, w, n) == 0 &&
         (i + n == len || whatif_blank(s[i + n]));
}

/* After NAME at i, blanks and a single '=': the index past it, or 0. */
static size_t whatif_assign_at(const char *s, size_t i, size_t len, whatif_span *name) {
  size_t n = whatif_name_end(s, i, len);
  if (n == i) return 0;
  size_t j = whatif_skip(s, n, len);
  if (j >= len || s[j] != '=' || (j + 1 < len && s[j + 1] == '=')) return 0;
  if (name) name->start = i, name->end = n;
  return j + 1;
}

/* The span [a, b) without its blanks. */
static whatif_span whatif_trim(const char *s, size_t a, size_t b) {
  a = whatif_skip(s, a, b);
  while (b > a && whatif_blank(s[b - 1])) b--;
  whatif_span sp = {a, b};
  return sp;
}

/* The end of the line's text: its length, or where a '#' comment starts. */
static size_t whatif_text_end(const char *s, size_t len) {
  const char *h = memchr(s, '#', len);
  return h ? (size_t)(h - s) : len;
}

/* The next top-level byte at or after i that `stop` accepts, or end. */
static size_t whatif_next(const char *s, size_t i, size_t end, bool (*stop)(const char *, size_t, size_t)) {
  int depth = 0;
  for (; i < end; i++) {
    char c = s[i];
    if (c == '(' || c == '[' || c == '{') depth++;
    else if ((c == ')' || c == ']' || c == '}') && depth > 0) depth--;
    else if (!depth && stop(s, i, end)) return i;
  }
  return end;
}

/* A list separator: a comma and a blank ("2 MB, 3 MB"; "1,400" is a
 * number). */
static bool whatif_list_sep(const char *s, size_t i, size_t end) {
  return s[i] == ',' && i + 1 < end && whatif_blank(s[i + 1]);
}

/* A separator between two assignments: a comma, then NAME = . */
static bool whatif_with_sep(const char *s, size_t i, size_t end) {
  return s[i] == ',' && whatif_assign_at(s, whatif_skip(s, i + 1, end), end, NULL);
}

static bool whatif_keyword(const char *s, size_t i, size_t end) {
  if (whatif_word(s, i, end, "with")) return whatif_assign_at(s, whatif_skip(s, i + 4, end), end, NULL) != 0;
  if (!whatif_word(s, i, end, "for")) return false;
  size_t a = whatif_skip(s, i + 3, end), n = whatif_name_end(s, a, end);
  return n > a && whatif_word(s, whatif_skip(s, n, end), end, "in");
}

static bool whatif_step(const char *s, size_t i, size_t end) { return whatif_word(s, i, end, "step"); }

static bool whatif_dots(const char *s, size_t i, size_t end) { return s[i] == '.' && i + 1 < end && s[i + 1] == '.'; }

static int whatif_empty(err *e, whatif_span at, const char *what) {
  return err_set(e, DS_E_SYNTAX, at.start, at.end, "%s", what);
}

static int whatif_with(const char *s, size_t at, size_t end, whatif *w, err *e) {
  for (size_t i = whatif_skip(s, at, end); i < end;) {
    if (w->nwith == WHATIF_MAX_WITH)
      return err_set(e, DS_E_SYNTAX, i, end, "at most %d assumptions in one 'with'", WHATIF_MAX_WITH);
    whatif_span *name = &w->with_name[w->nwith];
    size_t v = whatif_assign_at(s, i, end, name);
    size_t next = whatif_next(s, v, end, whatif_with_sep);
    whatif_span val = whatif_trim(s, v, next);
    if (val.start == val.end)
      return whatif_empty(e, (whatif_span){i, next}, "'with' wants a value after '=', e.g. with photo = 2 MB");
    w->with[w->nwith++] = (whatif_span){i, val.end};
    i = next < end ? whatif_skip(s, next + 1, end) : end;
  }
  return DS_OK;
}

static int whatif_for(const char *s, size_t at, size_t end, whatif *w, err *e) {
  size_t a = whatif_skip(s, at, end), n = whatif_name_end(s, a, end);
  w->name = (whatif_span){a, n};
  size_t in = whatif_skip(s, n, end) + 2, step = whatif_next(s, in, end, whatif_step);
  if (step < end) { /* LOW .. HIGH step S */
    size_t dots = whatif_next(s, in, step, whatif_dots);
    w->stepped = true;
    w->low = whatif_trim(s, in, dots);
    w->high = whatif_trim(s, dots < step ? dots + 2 : step, step);
    w->step = whatif_trim(s, step + 4, end);
    if (dots == step || w->low.start == w->low.end || w->high.start == w->high.end)
      return whatif_empty(e, (whatif_span){in, step}, "'step' wants a range before it: for NAME in LOW .. HIGH step S");
    if (w->step.start == w->step.end)
      return whatif_empty(e, (whatif_span){step, end}, "'step' wants a value, e.g. step 1 MB");
    return DS_OK;
  }
  for (size_t i = in; i <= end;) {
    size_t next = whatif_next(s, i, end, whatif_list_sep);
    whatif_span v = whatif_trim(s, i, next);
    if (v.start == v.end)
      return whatif_empty(e, (whatif_span){i, next}, "'for NAME in' wants values, e.g. for photo in 2 MB, 3 MB");
    if (w->nvalues == WHATIF_MAX_ROWS)
      return err_set(e, DS_E_LIMIT, v.start, end, "at most %d values in one sweep", WHATIF_MAX_ROWS);
    w->values[w->nvalues++] = v;
    if (next == end) break;
    i = next + 1;
  }
  return DS_OK;
}

/* Is one of s[0..n) a 'w' or an 'f', of either case? Eight bytes at a
 * time: most lines have none, and then no keyword. */
static bool whatif_any_wf(const char *s, size_t n) {
  if (n < 8) {
    for (size_t i = 0; i < n; i++)
      if ((s[i] | 0x20) == 'w' || (s[i] | 0x20) == 'f') return true;
    return false;
  }
  const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
  for (size_t i = 0; i < n; i += 8) {
    uint64_t x;
    memcpy(&x, s + (i + 8 <= n ? i : n - 8), 8); /* the last eight bytes overlap ones seen */
    x |= 0x20 * ones;                            /* lower case */
    uint64_t tw = x ^ ('w' * ones), tf = x ^ ('f' * ones);
    /* a zero byte in tw or tf: that byte was a w or an f */
    if (((tw - ones) & ~tw & high) | ((tf - ones) & ~tf & high)) return true;
  }
  return false;
}

/* a keyword's first letter is at 1 .. len - 4 */
bool whatif_none(const char *s, size_t len) { return len < 5 || !whatif_any_wf(s + 1, len - 4); }

int whatif_parse(const char *s, size_t len, whatif *w, err *e) {
  w->kind = WHATIF_NONE;
  if (whatif_none(s, len)) return DS_OK; /* the cheap tests first: most lines have neither word */
  size_t end = whatif_text_end(s, len);
  bool maybe = false;
  for (size_t i = 1; i + 3 < end && !maybe; i++)
    maybe = whatif_blank(s[i - 1]) && ((s[i] | 0x20) == 'w' || (s[i] | 0x20) == 'f');
  if (!maybe) return DS_OK;
  size_t k = whatif_next(s, 0, end, whatif_keyword);
  if (k == end) return DS_OK;
  w->nwith = w->nvalues = 0;
  w->stepped = false;
  w->expr = whatif_trim(s, 0, k);
  w->tail = whatif_trim(s, k, end);
  bool with = (s[k] | 0x20) == 'w';
  w->kind = with ? WHATIF_WITH : WHATIF_FOR;
  if (w->expr.start == w->expr.end)
    return err_set(e, DS_E_SYNTAX, k, end, "'%s' needs an expression before it", with ? "with" : "for");
  return with ? whatif_with(s, k + 4, end, w, e) : whatif_for(s, k + 3, end, w, e);
}
