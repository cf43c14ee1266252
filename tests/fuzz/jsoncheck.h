/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * jsoncheck.h -- a small strict JSON validator for the fuzz targets.
 *
 * It accepts exactly RFC 8259 JSON text in UTF-8 (no BOM, no NUL, no lone
 * surrogate escapes) and nothing else. It knows nothing of datascale: the
 * fuzz targets use it to check that ds_result_json() always writes one
 * object that any JSON reader accepts.
 */
#ifndef DS_FUZZ_JSONCHECK_H
#define DS_FUZZ_JSONCHECK_H

#include <stddef.h>

/* Returns 0 when s[0..n) is one valid JSON value (surrounded by optional
 * whitespace); otherwise the 1-based byte offset of the first problem, and
 * a short reason in *why (a static string). */
size_t jsoncheck(const char *s, size_t n, const char **why);

/* Returns 0 when s[0..n) is valid UTF-8 without overlong forms, surrogates
 * or code points above U+10FFFF; otherwise the 1-based offset of the first
 * bad byte. */
size_t jsoncheck_utf8(const char *s, size_t n);

/* In a valid JSON object s[0..n), finds the top-level member `key` and
 * gives the span of its value (*vs, *vn). Returns 1 when found, else 0. */
int jsoncheck_member(const char *s, size_t n, const char *key, const char **vs, size_t *vn);

/* Decodes the JSON string literal v[0..vn) (quotes included, as from
 * jsoncheck_member) into out, which has room for vn bytes; the decoded
 * length in *outn. Returns 0 when v is not a valid string literal. */
int jsoncheck_string(const char *v, size_t vn, char *out, size_t *outn);

#endif
