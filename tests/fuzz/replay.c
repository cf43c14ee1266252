/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * replay.c -- runs a fuzz target over files without libFuzzer.
 *
 *   replay_eval [-v] PATH...
 *
 * Each PATH is a file (one input) or a directory, whose regular files are
 * replayed in name order (not recursively). This is how `make check`
 * (tests/fuzz/replay.sh) runs the committed corpus with any C compiler, and
 * how a crasher found by libFuzzer is reproduced under gdb or valgrind.
 * Each input is copied to a buffer of exactly its size, so ASan sees a read
 * past the end as libFuzzer would. If an input crashes, its path is printed
 * first. The last line is "replayed N inputs"; the status is 0, or 2 when a
 * path cannot be read.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

#if defined(__SANITIZE_ADDRESS__)
#define REPLAY_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define REPLAY_ASAN 1
#endif
#endif
#ifdef REPLAY_ASAN
/* From <sanitizer/common_interface_defs.h>: runs before a sanitizer exits. */
void __sanitizer_set_death_callback(void (*callback)(void));
#endif

static char replay_current[4096];
static int replay_verbose;

static void replay_say_crash(void) {
  static const char head[] = "replay: crashed on ";
  ssize_t w = write(2, head, sizeof head - 1);
  w = write(2, replay_current, strlen(replay_current));
  w = write(2, "\n", 1);
  (void)w;
}

static void replay_crash(int sig) {
  replay_say_crash();
  signal(sig, SIG_DFL);
  raise(sig);
}

/* On its own stack, so a stack overflow is reported too (SA_RESETHAND: the
 * re-raised signal then kills the process as usual). */
static void replay_on_signal(int sig) {
  static char altstack[64 * 1024];
  static int have_altstack;
  if (!have_altstack) {
    stack_t ss;
    ss.ss_sp = altstack;
    ss.ss_size = sizeof altstack;
    ss.ss_flags = 0;
    have_altstack = sigaltstack(&ss, NULL) == 0;
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = replay_crash;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESETHAND | (have_altstack ? SA_ONSTACK : 0);
  sigaction(sig, &sa, NULL);
}

static int replay_file(const char *path, unsigned long *count) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
    return 2;
  }
  size_t cap = 4096, n = 0;
  char *buf = malloc(cap);
  size_t k;
  while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
    n += k;
    if (n == cap) {
      char *nb = realloc(buf, cap *= 2);
      if (!nb) free(buf);
      buf = nb;
    }
  }
  int err = ferror(f);
  fclose(f);
  if (!buf || err) {
    fprintf(stderr, "replay: %s: cannot read\n", path);
    free(buf);
    return 2;
  }
  /* Exactly n bytes, so reading past the input is caught as libFuzzer would. */
  uint8_t *exact = malloc(n ? n : 1);
  if (!exact) {
    free(buf);
    return 2;
  }
  memcpy(exact, buf, n);
  free(buf);
  snprintf(replay_current, sizeof replay_current, "%s", path);
  if (replay_verbose) fprintf(stderr, "replay: %s (%zu bytes)\n", path, n);
  LLVMFuzzerTestOneInput(exact, n);
  free(exact);
  ++*count;
  return 0;
}

static int replay_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int replay_dir(const char *path, unsigned long *count) {
  DIR *d = opendir(path);
  if (!d) {
    fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
    return 2;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  int st = 0;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 256;
      char **nn = realloc(names, cap * sizeof *nn);
      if (!nn) {
        st = 2;
        break;
      }
      names = nn;
    }
    size_t len = strlen(path) + strlen(e->d_name) + 2;
    if (!(names[n] = malloc(len))) {
      st = 2;
      break;
    }
    snprintf(names[n++], len, "%s/%s", path, e->d_name);
  }
  closedir(d);
  if (n) qsort(names, n, sizeof *names, replay_cmp);
  for (size_t i = 0; i < n; i++) {
    struct stat sb;
    if (stat(names[i], &sb) == 0 && S_ISREG(sb.st_mode) && replay_file(names[i], count)) st = 2;
    free(names[i]);
  }
  free(names);
  return st;
}

int main(int argc, char **argv) {
  replay_on_signal(SIGABRT);
#ifdef REPLAY_ASAN
  /* Keep the sanitizers' own SEGV reports; name the input when they stop. */
  __sanitizer_set_death_callback(replay_say_crash);
#else
  replay_on_signal(SIGSEGV);
  replay_on_signal(SIGFPE);
  replay_on_signal(SIGBUS);
  replay_on_signal(SIGILL);
#endif
  unsigned long count = 0;
  int st = 0;
  int i = 1;
  if (i < argc && strcmp(argv[i], "-v") == 0) replay_verbose = 1, i++;
  if (i >= argc) {
    fprintf(stderr, "usage: %s [-v] FILE|DIR...\n", argv[0]);
    return 2;
  }
  for (; i < argc; i++) {
    struct stat sb;
    if (stat(argv[i], &sb) != 0) {
      fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
      st = 2;
    } else if (S_ISDIR(sb.st_mode)) {
      if (replay_dir(argv[i], &count)) st = 2;
    } else if (replay_file(argv[i], &count)) {
      st = 2;
    }
  }
  printf("replayed %lu inputs\n", count);
  return st;
}
