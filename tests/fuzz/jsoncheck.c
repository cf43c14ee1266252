/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * jsoncheck.c -- a small strict JSON validator (see jsoncheck.h).
 *
 * Recursive descent over the RFC 8259 grammar with an explicit depth cap,
 * so hostile output cannot overflow the stack. Written for the fuzz
 * targets, independently of src/json.c, so the writer is checked against a
 * second reading of the standard rather than against itself.
 */
#include "jsoncheck.h"

#include <stdbool.h>

#define JC_MAX_DEPTH 64

typedef struct {
  const unsigned char *s;
  size_t n, i;
  const char *why;
} jc;

static bool jc_fail(jc *p, const char *why) {
  if (!p->why) p->why = why;
  return false;
}

static void jc_ws(jc *p) {
  while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' || p->s[p->i] == '\r')) p->i++;
}

static bool jc_lit(jc *p, const char *w) {
  for (; *w; w++, p->i++)
    if (p->i >= p->n || p->s[p->i] != (unsigned char)*w) return jc_fail(p, "bad literal");
  return true;
}

/* One UTF-8 sequence at s[0..n): its length, or 0 when invalid. */
static size_t jc_utf8_seq(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  if (c < 0x80) return 1;
  size_t k;
  unsigned cp;
  if (c >= 0xc2 && c <= 0xdf) k = 1, cp = c & 0x1f;
  else if (c >= 0xe0 && c <= 0xef) k = 2, cp = c & 0x0f;
  else if (c >= 0xf0 && c <= 0xf4) k = 3, cp = c & 0x07;
  else return 0;
  if (k >= n) return 0;
  for (size_t j = 1; j <= k; j++) {
    if ((s[j] & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (s[j] & 0x3f);
  }
  if ((k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return k + 1;
}

size_t jsoncheck_utf8(const char *str, size_t n) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  while (i < n) {
    size_t k = jc_utf8_seq(s + i, n - i);
    if (!k) return i + 1;
    i += k;
  }
  return 0;
}

static int jc_hex(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* \uXXXX after the backslash and 'u'; the code unit in *u. */
static bool jc_u4(jc *p, unsigned *u) {
  if (p->n - p->i < 4) return jc_fail(p, "short \\u escape");
  *u = 0;
  for (int k = 0; k < 4; k++) {
    int h = jc_hex(p->s[p->i++]);
    if (h < 0) return jc_fail(p, "bad hex digit in \\u escape");
    *u = *u << 4 | (unsigned)h;
  }
  return true;
}

static bool jc_decode(jc *p, char *out, size_t *outn);

static bool jc_string(jc *p) { return jc_decode(p, NULL, NULL); }

static bool jc_digits(jc *p) {
  size_t st = p->i;
  while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9') p->i++;
  return p->i > st ? true : jc_fail(p, "digit expected in number");
}

static bool jc_number(jc *p) {
  if (p->s[p->i] == '-') p->i++;
  if (p->i >= p->n) return jc_fail(p, "number ends after '-'");
  if (p->s[p->i] == '0') p->i++;
  else if (p->s[p->i] >= '1' && p->s[p->i] <= '9') jc_digits(p);
  else return jc_fail(p, "digit expected in number");
  if (p->i < p->n && p->s[p->i] == '.') {
    p->i++;
    if (!jc_digits(p)) return false;
  }
  if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
    p->i++;
    if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-')) p->i++;
    if (!jc_digits(p)) return false;
  }
  return true;
}

static bool jc_value(jc *p, int depth);

static bool jc_container(jc *p, int depth, bool object) {
  unsigned char close = object ? '}' : ']';
  if (depth >= JC_MAX_DEPTH) return jc_fail(p, "nesting too deep");
  p->i++;
  jc_ws(p);
  if (p->i < p->n && p->s[p->i] == close) {
    p->i++;
    return true;
  }
  for (;;) {
    if (object) {
      jc_ws(p);
      if (p->i >= p->n || p->s[p->i] != '"') return jc_fail(p, "object key expected");
      if (!jc_string(p)) return false;
      jc_ws(p);
      if (p->i >= p->n || p->s[p->i] != ':') return jc_fail(p, "':' expected");
      p->i++;
    }
    if (!jc_value(p, depth + 1)) return false;
    jc_ws(p);
    if (p->i >= p->n) return jc_fail(p, "unterminated object or array");
    if (p->s[p->i] == close) {
      p->i++;
      return true;
    }
    if (p->s[p->i] != ',') return jc_fail(p, "',' expected");
    p->i++;
  }
}

static bool jc_value(jc *p, int depth) {
  jc_ws(p);
  if (p->i >= p->n) return jc_fail(p, "value expected");
  switch (p->s[p->i]) {
  case '{': return jc_container(p, depth, true);
  case '[': return jc_container(p, depth, false);
  case '"': return jc_string(p);
  case 't': return jc_lit(p, "true");
  case 'f': return jc_lit(p, "false");
  case 'n': return jc_lit(p, "null");
  default:
    if (p->s[p->i] == '-' || (p->s[p->i] >= '0' && p->s[p->i] <= '9')) return jc_number(p);
    return jc_fail(p, "value expected");
  }
}

size_t jsoncheck(const char *s, size_t n, const char **why) {
  jc p = {(const unsigned char *)s, n, 0, NULL};
  bool ok = jc_value(&p, 0);
  if (ok) {
    jc_ws(&p);
    if (p.i < p.n) ok = jc_fail(&p, "text after the value");
  }
  if (why) *why = ok ? NULL : p.why;
  if (ok) return 0;
  return (p.i < n ? p.i : n) + 1;
}

/* Decodes the string literal at p->i into out (NULL: only skip it). */
static bool jc_decode(jc *p, char *out, size_t *outn) {
  size_t o = 0;
  if (p->i >= p->n || p->s[p->i] != '"') return jc_fail(p, "string expected");
  p->i++;
  while (p->i < p->n && p->s[p->i] != '"') {
    unsigned c = p->s[p->i];
    if (c < 0x20) return jc_fail(p, "raw control character in string");
    if (c != '\\') {
      size_t k = jc_utf8_seq(p->s + p->i, p->n - p->i);
      if (!k) return jc_fail(p, "invalid UTF-8 in string");
      for (size_t j = 0; j < k; j++)
        if (out) out[o++] = (char)p->s[p->i + j];
      p->i += k;
      continue;
    }
    p->i++;
    if (p->i >= p->n) return jc_fail(p, "string ends in a backslash");
    c = p->s[p->i++];
    unsigned cp;
    switch (c) {
    case '"':
    case '\\':
    case '/': cp = c; break;
    case 'b': cp = '\b'; break;
    case 'f': cp = '\f'; break;
    case 'n': cp = '\n'; break;
    case 'r': cp = '\r'; break;
    case 't': cp = '\t'; break;
    case 'u': {
      unsigned u, v;
      if (!jc_u4(p, &u)) return false;
      if (u >= 0xdc00 && u <= 0xdfff) return jc_fail(p, "lone low surrogate escape");
      if (u >= 0xd800 && u <= 0xdbff) {
        if (p->n - p->i < 2 || p->s[p->i] != '\\' || p->s[p->i + 1] != 'u')
          return jc_fail(p, "high surrogate escape without its pair");
        p->i += 2;
        if (!jc_u4(p, &v)) return false;
        if (v < 0xdc00 || v > 0xdfff) return jc_fail(p, "high surrogate escape without its pair");
        u = 0x10000 + ((u - 0xd800) << 10) + (v - 0xdc00);
      }
      cp = u;
      break;
    }
    default: return jc_fail(p, "bad escape");
    }
    if (out) {
      if (cp < 0x80) out[o++] = (char)cp;
      else if (cp < 0x800) {
        out[o++] = (char)(0xc0 | cp >> 6);
        out[o++] = (char)(0x80 | (cp & 0x3f));
      } else if (cp < 0x10000) {
        out[o++] = (char)(0xe0 | cp >> 12);
        out[o++] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[o++] = (char)(0x80 | (cp & 0x3f));
      } else {
        out[o++] = (char)(0xf0 | cp >> 18);
        out[o++] = (char)(0x80 | ((cp >> 12) & 0x3f));
        out[o++] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[o++] = (char)(0x80 | (cp & 0x3f));
      }
    }
  }
  if (p->i >= p->n) return jc_fail(p, "unterminated string");
  p->i++;
  if (outn) *outn = o;
  return true;
}

int jsoncheck_string(const char *v, size_t vn, char *out, size_t *outn) {
  jc p = {(const unsigned char *)v, vn, 0, NULL};
  return jc_decode(&p, out, outn) && p.i == vn;
}

int jsoncheck_member(const char *s, size_t n, const char *key, const char **vs, size_t *vn) {
  jc p = {(const unsigned char *)s, n, 0, NULL};
  size_t klen = 0;
  while (key[klen]) klen++;
  jc_ws(&p);
  if (p.i >= p.n || p.s[p.i] != '{') return 0;
  p.i++;
  for (;;) {
    jc_ws(&p);
    if (p.i >= p.n || p.s[p.i] != '"') return 0;
    size_t ks = p.i;
    if (!jc_decode(&p, NULL, NULL)) return 0;
    /* Keys written by datascale need no escapes: compare the raw text. */
    bool hit = p.i - ks == klen + 2;
    for (size_t j = 0; hit && j < klen; j++) hit = p.s[ks + 1 + j] == (unsigned char)key[j];
    jc_ws(&p);
    if (p.i >= p.n || p.s[p.i] != ':') return 0;
    p.i++;
    jc_ws(&p);
    size_t st = p.i;
    if (!jc_value(&p, 1)) return 0;
    if (hit) {
      *vs = s + st;
      *vn = p.i - st;
      return 1;
    }
    jc_ws(&p);
    if (p.i >= p.n || p.s[p.i] != ',') return 0;
    p.i++;
  }
}
