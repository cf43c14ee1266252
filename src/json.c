/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * json.c -- pieces of the JSON Lines writer.
 *
 * Strings are escaped per RFC 8259; any byte sequence that is not valid
 * UTF-8 is replaced by U+FFFD so a line always parses. Doubles print in the
 * shortest form that round-trips, with a decimal point whatever the locale
 * of the program that loaded the library; non-finite values become null.
 */
#include "json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lex.h"

void json_key(buf *b, const char *key, bool first) {
  if (!first) buf_putc(b, ',');
  json_string(b, key, strlen(key));
  buf_putc(b, ':');
}

void json_string(buf *b, const char *s, size_t n) {
  buf_putc(b, '"');
  size_t i = 0;
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x80) {
      /* Copy one valid UTF-8 sequence, or write U+FFFD for a bad byte. */
      size_t k = lex_utf8_len(s + i, n - i);
      if (k == 2 && c == 0xc2 && (unsigned char)s[i + 1] < 0xa0) {
        buf_printf(b, "\\u%04x", (unsigned char)s[i + 1]); /* a C1 control */
        i += k;
      } else if (k == 3 && c == 0xe2 && (unsigned char)s[i + 1] == 0x80 &&
                 ((unsigned char)s[i + 2] == 0xa8 || (unsigned char)s[i + 2] == 0xa9)) {
        /* U+2028 and U+2029 are valid in JSON but end a line in JavaScript
         * before ES2019 and in some line readers: escaped, a row stays one line. */
        buf_puts(b, (unsigned char)s[i + 2] == 0xa8 ? "\\u2028" : "\\u2029");
        i += k;
      } else if (k > 1) {
        buf_add(b, s + i, k);
        i += k;
      } else {
        buf_puts(b, "\xef\xbf\xbd");
        i++;
      }
      continue;
    }
    switch (c) {
    case '"': buf_puts(b, "\\\""); break;
    case '\\': buf_puts(b, "\\\\"); break;
    case '\n': buf_puts(b, "\\n"); break;
    case '\r': buf_puts(b, "\\r"); break;
    case '\t': buf_puts(b, "\\t"); break;
    default:
      if (c < 0x20 || c == 0x7f) buf_printf(b, "\\u%04x", c);
      else buf_putc(b, (char)c);
    }
    i++;
  }
  buf_putc(b, '"');
}

/* The text of snprintf("%.*g") with the decimal separator of the current
 * locale (LC_NUMERIC: "," in de_DE, a multibyte one in some) replaced by
 * '.'. In %g's output every byte that is not a digit, a sign or the 'e' of
 * the exponent belongs to that separator, so no locale query is needed and
 * nothing depends on the locale of another thread. */
static void json_point(char *s) {
  char *w = s;
  for (const char *r = s; *r;) {
    char c = *r;
    if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == 'e') {
      *w++ = *r++;
      continue;
    }
    *w++ = '.';
    while (*r && !((*r >= '0' && *r <= '9') || *r == '-' || *r == '+' || *r == 'e')) r++;
  }
  *w = 0;
}

void json_double(buf *b, double d) {
  if (!isfinite(d)) {
    buf_puts(b, "null");
    return;
  }
  /* snprintf and strtod follow the same locale, so the round trip is
   * tested in the text of that locale; only the text written is changed. */
  char tmp[48];
  int prec = 1;
  for (; prec <= 17; prec++) {
    snprintf(tmp, sizeof tmp, "%.*g", prec, d);
    if (strtod(tmp, NULL) == d) break;
  }
  /* 1400000, not 1.4e+06: positional up to 17 digits. */
  double a = d < 0 ? -d : d;
  if (a >= 1 && a < 1e17) {
    static const double p10[] = {1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16};
    int x = 0; /* floor(log10 a), against exact powers of ten */
    while (x < 16 && a >= p10[x]) x++;
    if (x >= prec) snprintf(tmp, sizeof tmp, "%.*g", x + 1, d);
  }
  /* JSON has no "inf" and wants a digit before any exponent: %g gives that. */
  json_point(tmp);
  buf_puts(b, tmp);
}

void json_opt_string(buf *b, const char *key, const char *s) {
  json_key(b, key, false);
  if (s) json_string(b, s, strlen(s));
  else buf_puts(b, "null");
}
