/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * reading.c -- the two readings of KB..QB in words.
 *
 * "TB read as decimal (powers of 1000)", "if TB is read as TiB",
 * "terabytes are read as tebibytes": what the notes, the count lines, the
 * claim checks and the derivation say about the reading in force and the
 * other one, from the spellings a line used (eval_used).
 */
#include "reading.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *reading_words(bool binary, bool explained) {
  if (explained) return binary ? "1024-based (--binary)" : "decimal (powers of 1000)";
  return binary ? "1024-based" : "decimal";
}

void reading_spellings(buf *b, const eval_used *u) {
  for (int i = 0; i < u->nlegacy; i++) {
    buf_puts(b, buf_list_sep((size_t)i, (size_t)u->nlegacy, " and "));
    buf_puts(b, u->legacy[i]);
  }
}

/* One KB..QB spelling as its 1024-based unit reads: "TiB" for "TB" and
 * "kB", "tebibytes" for "terabytes"; false when it is neither form. */
bool reading_iec(buf *b, const char *sp) {
  for (size_t k = 0; k < units_nprefixes; k++) {
    const prefix *p = &units_prefixes[k];
    if (p->base != 10 || p->exp < 3) continue;
    size_t wl = p->word ? strlen(p->word) : 0;
    if (wl && strncasecmp(sp, p->word, wl) == 0 && strncmp(sp + wl, "byte", 4) == 0) {
      for (size_t j = 0; j < units_nprefixes; j++) /* the IEC prefix of the same rank */
        if (units_prefixes[j].family == UNIT_IEC && units_prefixes[j].exp == p->exp / 3 * 10) {
          const char *iw = units_prefixes[j].word;
          buf_putc(b, sp[0] >= 'A' && sp[0] <= 'Z' ? (char)(iw[0] - 'a' + 'A') : iw[0]);
          buf_printf(b, "%s%s", iw + 1, sp + wl);
          return true;
        }
    }
    if (strlen(p->sym) == 1 && (sp[0] == p->sym[0] || (p->exp == 3 && sp[0] == 'k')) && sp[1] == 'B') {
      buf_printf(b, "%ci%s", p->exp == 3 ? 'K' : sp[0], sp + 1);
      return true;
    }
  }
  return false;
}

void reading_reread(buf *b, const eval_used *u, bool to_binary) {
  bool many = u->nlegacy > 1;
  if (!many && u->nlegacy == 1) { /* "terabytes are", "TB is" */
    const char *sp = u->legacy[0];
    size_t n = strlen(sp);
    many = n > 3 && sp[n - 1] == 's' && sp[n - 2] == 'e';
  }
  reading_spellings(b, u);
  buf_puts(b, many ? " are read as " : " is read as ");
  if (to_binary) {
    /* "kB and KB are read as KiB": each 1024-based unit once. */
    char iec[EVAL_MAX_LEGACY][32];
    int n = 0;
    bool all = true;
    for (int i = 0; i < u->nlegacy && all; i++) {
      buf t;
      buf_init(&t, sizeof iec[0]);
      all = reading_iec(&t, u->legacy[i]) && t.s;
      bool again = false;
      for (int j = 0; all && j < n && !again; j++) again = strcmp(iec[j], t.s) == 0;
      if (all && !again) snprintf(iec[n++], sizeof iec[0], "%s", t.s);
      buf_free(&t);
    }
    for (int i = 0; all && i < n; i++) {
      buf_puts(b, buf_list_sep((size_t)i, (size_t)n, " and "));
      buf_puts(b, iec[i]);
    }
    if (!all) buf_puts(b, "1024-based");
  } else {
    buf_puts(b, "decimal");
  }
}

/* s with each of u's KB..QB spellings as the other reading reads them:
 * "1,400 TiB" for "1,400 TB". */
void reading_reread_text(buf *t, const char *s, const eval_used *u, bool to_binary) {
  while (*s) {
    size_t n = 0;
    for (int i = 0; i < u->nlegacy && to_binary && !n; i++) {
      size_t k = strlen(u->legacy[i]);
      if (strncmp(s, u->legacy[i], k) == 0 && (s[k] == 0 || s[k] == ' ' || s[k] == ')' || s[k] == '/')) {
        buf b;
        buf_init(&b, 64);
        if (reading_iec(&b, u->legacy[i]) && b.s) buf_puts(t, b.s), n = k;
        buf_free(&b);
      }
    }
    if (!n) buf_putc(t, *s), n = 1;
    s += n;
  }
}
