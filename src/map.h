/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* map.h -- string-keyed hash map of integers (open addressing). */
#ifndef DS_MAP_H
#define DS_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* 24 bytes: a registry of a million spellings holds two million slots. */
typedef struct {
  char *key;          /* a copy the map owns, or the caller's string (map_put_ref) */
  int64_t val;        /* 64 bits where long has 32 too: the registry packs two numbers in one */
  unsigned hash;      /* the low bits of the key's hash: most probes compare no key */
  unsigned klen : 31; /* keys are shorter than 2 GiB (map_put refuses longer ones) */
  unsigned owned : 1;
} map_entry;

typedef struct {
  map_entry *slots;
  size_t cap, count; /* cap is a power of two or 0 */
} map;

void map_init(map *m);
void map_free(map *m);
/* Inserts or replaces; false when memory runs out (or the key is 2 GiB
 * or longer). */
bool map_put(map *m, const char *key, size_t klen, int64_t val);
/* The same without copying the key: it must stay valid and unchanged while
 * the map holds it (the unit registry's spellings, which live as long as
 * their unit; the index is rebuilt when units go). */
bool map_put_ref(map *m, const char *key, size_t klen, int64_t val);
/* The value, or -1 when absent. */
int64_t map_get(const map *m, const char *key, size_t klen);

#endif
