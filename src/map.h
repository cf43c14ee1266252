/* map.h -- string-keyed hash map of integers (open addressing). */
#ifndef DS_MAP_H
#define DS_MAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
  char *key;   /* owned copy */
  size_t klen;
  long val;
} map_entry;

typedef struct {
  map_entry *slots;
  size_t cap, count; /* cap is a power of two or 0 */
} map;

void map_init(map *m);
void map_free(map *m);
/* Inserts or replaces; false when memory runs out. */
bool map_put(map *m, const char *key, size_t klen, long val);
/* The value, or -1 when absent. */
long map_get(const map *m, const char *key, size_t klen);

#endif
