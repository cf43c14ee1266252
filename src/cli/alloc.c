/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * alloc.c -- the command's memory functions for GMP: a budget and a pool.
 *
 * GMP aborts the process when it cannot allocate. The library bounds sizes
 * before GMP is asked; as a backstop the command (never the library) gives
 * GMP allocation functions with a budget: past it, or when malloc fails, a
 * clear message and exit status 3 instead of SIGABRT.
 *
 * The same functions keep small blocks (GMP limbs of ordinary numbers: up to
 * ALLOC_SMALL bytes) on free lists, one per 16-byte size class, carved from
 * 64 KiB chunks. GMP tells the size of every block it frees or resizes, so
 * blocks need no header, and the malloc/free pair of each temporary (the
 * largest single cost of a batch line, bench/README.md) becomes a pointer
 * swap. Chunks are kept until exit: the pool never holds more than the
 * largest number of small blocks live at once.
 *
 * GMP runs on one thread of the command at a time (the evaluating thread;
 * main only waits for it), so the lists need no lock. Under AddressSanitizer
 * the pool is left out, so that ASan sees every block.
 */
#include <gmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define ALLOC_BUDGET ((size_t)1 << 30)
#define ALLOC_SMALL 512
#define ALLOC_CLASS 16
#define ALLOC_CHUNK ((size_t)64 << 10)

#if defined(__SANITIZE_ADDRESS__)
#define ALLOC_POOL 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ALLOC_POOL 0
#endif
#endif
#ifndef ALLOC_POOL
#define ALLOC_POOL 1
#endif

static size_t alloc_used; /* bytes GMP holds, as GMP counts them */
static void *alloc_free_list[ALLOC_SMALL / ALLOC_CLASS + 1];
static char *alloc_next, *alloc_end; /* the unused end of the newest chunk */
static void *alloc_chunks;           /* the newest chunk; each starts with a pointer to the one before */

static _Noreturn void alloc_fail(void) {
  static const char msg[] = "datascale: out of memory (GMP budget of 1 GiB exceeded)\n";
  fflush(stdout);
  if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0) _exit(3);
  _exit(3);
}

static size_t alloc_class(size_t n) { return (n + ALLOC_CLASS - 1) / ALLOC_CLASS; }

static void *alloc_small(size_t c) {
  void *p = alloc_free_list[c];
  if (p) {
    memcpy(&alloc_free_list[c], p, sizeof p);
    return p;
  }
  size_t sz = c * ALLOC_CLASS;
  if ((size_t)(alloc_end - alloc_next) < sz) {
    /* The rest of the old chunk (under ALLOC_SMALL bytes) is left unused. */
    /* Chained from a static pointer, so a leak checker sees every chunk as
     * reachable (they are kept until exit on purpose). */
    char *chunk = malloc(ALLOC_CHUNK);
    if (!chunk) alloc_fail();
    memcpy(chunk, &alloc_chunks, sizeof alloc_chunks);
    alloc_chunks = chunk;
    alloc_next = chunk + ALLOC_CLASS;
    alloc_end = chunk + ALLOC_CHUNK;
  }
  p = alloc_next;
  alloc_next += sz;
  return p;
}

static void alloc_release(void *p, size_t c) {
  memcpy(p, &alloc_free_list[c], sizeof p);
  alloc_free_list[c] = p;
}

static void *alloc_gmp(size_t n) {
  if (n > ALLOC_BUDGET - alloc_used) alloc_fail();
  alloc_used += n;
  if (ALLOC_POOL && n && n <= ALLOC_SMALL) return alloc_small(alloc_class(n));
  void *p = malloc(n);
  if (!p) alloc_fail();
  return p;
}

static void alloc_gmp_free(void *p, size_t n) {
  alloc_used -= n < alloc_used ? n : alloc_used;
  if (ALLOC_POOL && n && n <= ALLOC_SMALL) alloc_release(p, alloc_class(n));
  else free(p);
}

static void *alloc_gmp_realloc(void *p, size_t old, size_t n) {
  bool small_old = ALLOC_POOL && old && old <= ALLOC_SMALL, small_new = ALLOC_POOL && n && n <= ALLOC_SMALL;
  if (!small_old && !small_new) {
    if (n > old && n - old > ALLOC_BUDGET - alloc_used) alloc_fail();
    void *q = realloc(p, n);
    if (!q) alloc_fail();
    alloc_used = alloc_used - old + n;
    return q;
  }
  if (small_old && small_new && alloc_class(old) == alloc_class(n)) {
    alloc_used = alloc_used - old + n;
    return p;
  }
  void *q = alloc_gmp(n);
  memcpy(q, p, old < n ? old : n);
  alloc_gmp_free(p, old);
  return q;
}

void cli_alloc_install(void) { mp_set_memory_functions(alloc_gmp, alloc_gmp_realloc, alloc_gmp_free); }
