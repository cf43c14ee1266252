/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * map.c -- a small string -> 64-bit integer hash map for names.
 *
 * Open addressing with linear probing and FNV-1a hashing; grows at 50 %
 * load. Used for unit spellings and session variables.
 */
#include "map.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void map_init(map *m) {
  m->slots = NULL;
  m->cap = m->count = 0;
}

void map_free(map *m) {
  for (size_t i = 0; i < m->cap; i++)
    if (m->slots[i].owned) free(m->slots[i].key);
  free(m->slots);
  map_init(m);
}

static uint64_t map_hash(const char *k, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)k[i]) * 1099511628211ull;
  return h;
}

/* The slot of a key, or the empty slot where it would go. */
static map_entry *map_find(const map *m, const char *key, size_t klen, uint64_t h) {
  if (!m->cap) return NULL;
  size_t i = (size_t)(unsigned)h & (m->cap - 1); /* as map_grow places it */
  for (;;) {
    map_entry *e = &m->slots[i];
    if (!e->key || (e->hash == (unsigned)h && e->klen == klen && memcmp(e->key, key, klen) == 0)) return e;
    i = (i + 1) & (m->cap - 1);
  }
}

static bool map_grow(map *m) {
  size_t ncap = m->cap ? m->cap * 2 : 64;
  map_entry *old = m->slots;
  size_t ocap = m->cap;
  m->slots = calloc(ncap, sizeof *m->slots);
  /* A large calloc maps the zero page: a probe that reads a slot before
   * the first write to its page then costs a second page fault and a TLB
   * flush on every CPU (an eighth of the time of loading a 300,000-line
   * file). Writing a zero to each page first maps it once. */
  for (size_t b = 0; m->slots && b < ncap * sizeof *m->slots; b += 4096) ((volatile char *)m->slots)[b] = 0;
  if (!m->slots) {
    m->slots = old;
    return false;
  }
  m->cap = ncap;
  /* Keys are distinct: each goes to the first empty slot from its hash
   * (the low 32 bits of it, as map_find looks). */
  for (size_t i = 0; i < ocap; i++) {
    if (!old[i].key) continue;
    size_t j = (size_t)old[i].hash & (ncap - 1);
    while (m->slots[j].key) j = (j + 1) & (ncap - 1);
    m->slots[j] = old[i];
  }
  free(old);
  return true;
}

static bool map_insert(map *m, const char *key, size_t klen, int64_t val, bool copy) {
  if (klen >= (1u << 31)) return false;
  if ((m->count + 1) * 2 > m->cap && !map_grow(m)) return false;
  uint64_t h = map_hash(key, klen);
  map_entry *e = map_find(m, key, klen, h);
  if (!e->key) {
    if (copy) {
      if (!(e->key = malloc(klen + 1))) return false;
      memcpy(e->key, key, klen);
      e->key[klen] = 0;
    } else {
      e->key = (char *)key;
    }
    e->owned = copy;
    e->klen = (unsigned)klen;
    e->hash = (unsigned)h;
    m->count++;
  }
  e->val = val;
  return true;
}

bool map_put(map *m, const char *key, size_t klen, int64_t val) { return map_insert(m, key, klen, val, true); }

bool map_put_ref(map *m, const char *key, size_t klen, int64_t val) { return map_insert(m, key, klen, val, false); }

int64_t map_get(const map *m, const char *key, size_t klen) {
  if (!m->cap || klen >= (1u << 31)) return -1;
  map_entry *e = map_find(m, key, klen, map_hash(key, klen));
  return e && e->key ? e->val : -1;
}
