/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * hist.c -- the prompt's history file.
 *
 * The file is ${XDG_STATE_HOME:-~/.local/state}/datascale/history, or
 * $DATASCALE_HISTFILE (empty: no history); the REPL uses it only in
 * readline builds. The directory is
 * created 0700 and the file kept 0600 whatever the umask; a symbolic link or
 * a non-regular file is refused, and so is a group- or world-writable
 * directory. The file is read and written here, not by readline: its first
 * line is HIST_MARK, and a file without that line was not written by
 * datascale (DATASCALE_HISTFILE=/etc/passwd, a file of the user's), so it is
 * never read, written, truncated or chmod'ed. Only the end of the file that
 * can hold the CLI_HIST_MAX entries kept is read, so a huge file costs no
 * more than a full one. Each entry is appended to the file as soon as it is
 * entered, so closing the terminal loses nothing; the file is checked again
 * each time, and one that is no longer datascale's is left alone. When the
 * session ends (quit, Ctrl-D, SIGHUP, SIGTERM) and after every CLI_HIST_MAX
 * entries, a file holding more than the last CLI_HIST_MAX entries is cut
 * down: they are written to a new file renamed over the old one. Lines over
 * CLI_HIST_LINE bytes are not recorded. Any failure is a warning that
 * turns history off, never fatal.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "cli.h"

#define HIST_MARK "# datascale history v1\n" /* the first line of a history file */
/* Bytes read from the end of a history file: room for CLI_HIST_MAX entries. */
#define HIST_TAIL ((size_t)CLI_HIST_MAX * (CLI_HIST_LINE + 1))

static struct {
  bool on; /* read at start; each entry is added to it (hist_append) */
  char path[PATH_MAX];
  int added; /* entries added this session */
} hist;

/* mkdir -p with mode 0700 for each directory created (chmod after mkdir, so
 * the umask cannot take bits away). Returns 0 or an errno value. */
static int hist_mkdirs(char *path) {
  for (char *p = path + 1;; p++) {
    if (*p != '/' && *p != 0) continue;
    char c = *p;
    *p = 0;
    int e = 0;
    if (mkdir(path, 0700) == 0) {
      if (chmod(path, 0700) != 0) e = errno;
    } else if (errno != EEXIST) {
      e = errno;
    }
    *p = c;
    if (e) return e;
    if (!c) return 0;
  }
}

/* The directory holding the history must be ours and writable by us only. */
static bool hist_dir_ok(cli_state *cs, const char *dir) {
  struct stat st;
  if (stat(dir, &st) != 0) {
    cli_diag(cs, "warning", "history directory %s: %s; history is off", dir, strerror(errno));
    return false;
  }
  if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 022)) {
    cli_diag(cs, "warning", "history directory %s is not a directory of yours writable only by you; history is off",
             dir);
    return false;
  }
  return true;
}

/* Opens the history file (flags: O_RDONLY, or O_RDWR | O_APPEND to add to
 * it): not a symbolic link, a regular file of ours, whose first line is
 * HIST_MARK. Returns the descriptor, or
 * -1 with *why saying why the file is refused, or -1 with errno (ENOENT:
 * there is no file yet) and *why NULL. */
static int hist_open_file(const char *path, int flags, const char **why) {
  *why = NULL;
  int fd = open(path, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ELOOP) *why = "is a symbolic link";
    return -1;
  }
  struct stat st;
  char head[sizeof HIST_MARK - 1];
  ssize_t k = 0;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid()) *why = "is not a regular file of yours";
  else if ((k = pread(fd, head, sizeof head, 0)) < 0) k = -1;
  else if ((size_t)k != sizeof head || memcmp(head, HIST_MARK, sizeof head) != 0)
    *why = "was not written by datascale (its first line is not '# datascale history v1')";
  if (*why || k < 0) {
    int e = errno;
    close(fd);
    errno = e;
    return -1;
  }
  return fd;
}

/* The entries read from a history file. */
typedef struct {
  char *buf;   /* the bytes read, entries ended by NULs */
  char **line; /* the entries in buf, oldest first */
  size_t n;
} hist_tail;

static void hist_tail_free(hist_tail *t) {
  free(t->buf);
  free(t->line);
  memset(t, 0, sizeof *t);
}

/* Reads the last CLI_HIST_MAX entries of an open history file into t:
 * lines of 1 to CLI_HIST_LINE bytes after the mark line; the last one may
 * lack its newline. Only the last HIST_TAIL bytes are read (from one
 * byte earlier: a line starts after the first newline found, or right
 * there when that byte is one). Returns 0 or an errno value. */
static int hist_tail_read(int fd, hist_tail *t) {
  memset(t, 0, sizeof *t);
  struct stat st;
  if (fstat(fd, &st) != 0) return errno;
  off_t from = 0;
  size_t want = (size_t)st.st_size;
  if ((uintmax_t)st.st_size > HIST_TAIL) {
    from = st.st_size - (off_t)HIST_TAIL - 1;
    want = HIST_TAIL + 1;
  }
  t->buf = malloc(want + 1);
  t->line = malloc(CLI_HIST_MAX * sizeof *t->line);
  if (!t->buf || !t->line) {
    hist_tail_free(t);
    return ENOMEM;
  }
  size_t got = 0;
  while (got < want) {
    ssize_t k = pread(fd, t->buf + got, want - got, from + (off_t)got);
    if (k < 0 && errno == EINTR) continue;
    if (k < 0) {
      int e = errno;
      hist_tail_free(t);
      return e;
    }
    if (k == 0) break;
    got += (size_t)k;
  }
  t->buf[got] = 0;
  char *p = t->buf, *end = t->buf + got;
  char *nl = memchr(p, '\n', got); /* the mark line, or the line cut by `from` */
  p = nl ? nl + 1 : end;
  size_t total = 0; /* entries seen; t->line is a ring of the last CLI_HIST_MAX */
  while (p < end) {
    nl = memchr(p, '\n', (size_t)(end - p));
    char *e = nl ? nl : end;
    *e = 0;
    size_t len = (size_t)(e - p);
    if (len > 0 && len <= CLI_HIST_LINE) t->line[total++ % CLI_HIST_MAX] = p;
    p = e + 1;
  }
  t->n = total < CLI_HIST_MAX ? total : CLI_HIST_MAX;
  if (total > CLI_HIST_MAX) { /* oldest first */
    char **ring = malloc(CLI_HIST_MAX * sizeof *ring);
    if (!ring) {
      hist_tail_free(t);
      return ENOMEM;
    }
    for (size_t i = 0; i < CLI_HIST_MAX; i++) ring[i] = t->line[(total + i) % CLI_HIST_MAX];
    free(t->line);
    t->line = ring;
  }
  return 0;
}

void cli_hist_open(cli_state *cs, void (*add)(const char *entry)) {
  hist.on = false;
  const char *env = getenv("DATASCALE_HISTFILE");
  char dir[PATH_MAX];
  int n;
  if (env) {
    if (!*env) return; /* empty: no history */
    n = snprintf(hist.path, sizeof hist.path, "%s", env);
    if (n < 0 || (size_t)n >= sizeof hist.path) return;
    snprintf(dir, sizeof dir, "%s", env);
    char *slash = strrchr(dir, '/');
    if (!slash) snprintf(dir, sizeof dir, ".");
    else if (slash == dir) dir[1] = 0;
    else *slash = 0;
  } else {
    /* XDG: a relative value is ignored, as the basedir spec requires. */
    const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    if (xdg && xdg[0] == '/') n = snprintf(dir, sizeof dir, "%s/datascale", xdg);
    else if (home && home[0] == '/') n = snprintf(dir, sizeof dir, "%s/.local/state/datascale", home);
    else return;
    if (n < 0 || (size_t)n >= sizeof dir - sizeof "/history") return;
    int e = hist_mkdirs(dir);
    if (e) {
      cli_diag(cs, "warning", "cannot create %s: %s; history is off", dir, strerror(e));
      return;
    }
    n = snprintf(hist.path, sizeof hist.path, "%s/history", dir);
    if (n < 0 || (size_t)n >= sizeof hist.path) return;
  }
  if (!hist_dir_ok(cs, dir)) return;
  const char *why;
  int fd = hist_open_file(hist.path, O_RDONLY, &why);
  if (fd < 0 && (why || errno != ENOENT)) {
    if (why)
      cli_diag(cs, "warning", "history file %s %s; it is not read or changed, and history is off", hist.path, why);
    else cli_diag(cs, "warning", "history file %s: %s; history is off", hist.path, strerror(errno));
    return;
  }
  if (fd >= 0) {
    hist_tail t;
    int e = hist_tail_read(fd, &t);
    close(fd);
    if (e) {
      cli_diag(cs, "warning", "cannot read history file %s: %s; history is off", hist.path, strerror(e));
      return;
    }
    for (size_t i = 0; i < t.n; i++) add(t.line[i]);
    hist_tail_free(&t);
  }
  hist.on = true;
}

/* Writes `t`'s last CLI_HIST_MAX entries, and `extra` (or NULL) after
 * them, to a new file (0600) renamed over `path`. Returns 0 or an errno
 * value. */
static int hist_write(const char *path, const hist_tail *t, const char *extra) {
  char tmp[PATH_MAX + 8];
  int k = snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
  if (k < 0 || (size_t)k >= sizeof tmp) return ENAMETOOLONG;
  int tfd = mkstemp(tmp);
  if (tfd < 0) return errno;
  int e = 0;
  FILE *f = fdopen(tfd, "w");
  if (!f || fchmod(tfd, 0600) != 0) e = errno;
  if (!f) close(tfd);
  if (f) {
    size_t keep = t->n - (extra && t->n == CLI_HIST_MAX); /* room for extra */
    fputs(HIST_MARK, f);
    for (size_t i = t->n - keep; i < t->n; i++) fprintf(f, "%s\n", t->line[i]);
    if (extra) fprintf(f, "%s\n", extra);
    if ((fflush(f) != 0 || ferror(f)) && !e) e = errno ? errno : EIO;
    if (fclose(f) != 0 && !e) e = errno;
  }
  if (!e && rename(tmp, path) != 0) e = errno;
  if (e) unlink(tmp);
  return e;
}

/* A refusal or a failure to write: a warning, and no more history. */
static void hist_fail(cli_state *cs, const char *why, int e) {
  if (why) cli_diag(cs, "warning", "history file %s %s; it is not changed, and history is off", hist.path, why);
  else cli_diag(cs, "warning", "history not saved to %s: %s; history is off", hist.path, strerror(e));
  hist.on = false;
}

/* Adds one entry to the history file as soon as it is entered, so that
 * nothing is lost however the session ends: the file is opened again
 * (another session may have replaced it), checked as at start, made 0600,
 * and the entry written at its end by one write(), after a newline when
 * the file does not end with one. Without a file, one is written (the
 * mark and the entry) and renamed into place. */
static void hist_append(cli_state *cs, const char *line) {
  if (!hist.on) return;
  const char *why;
  int e = 0;
  int fd = hist_open_file(hist.path, O_RDWR | O_APPEND, &why);
  if (fd < 0) {
    if (!why && errno == ENOENT) {
      hist_tail none;
      memset(&none, 0, sizeof none);
      e = hist_write(hist.path, &none, line);
    } else e = errno;
    if (why || e) hist_fail(cs, why, e);
    return;
  }
  size_t len = strlen(line);
  char *rec = malloc(len + 2);
  struct stat st;
  char last = '\n';
  if (!rec) e = ENOMEM;
  else if (fstat(fd, &st) != 0) e = errno;
  else if ((st.st_mode & 07777) != 0600 && fchmod(fd, 0600) != 0) e = errno;
  else if (pread(fd, &last, 1, st.st_size - 1) < 0) e = errno;
  if (!e) {
    size_t n = 0;
    if (last != '\n') rec[n++] = '\n';
    memcpy(rec + n, line, len);
    n += len;
    rec[n++] = '\n';
    ssize_t k;
    do k = write(fd, rec, n);
    while (k < 0 && errno == EINTR);
    if (k < 0) e = errno;
    else if ((size_t)k != n) e = ENOSPC;
  }
  free(rec);
  if (close(fd) != 0 && !e) e = errno;
  if (e) hist_fail(cs, NULL, e);
}

/* Keeps the file to its last CLI_HIST_MAX entries: when it holds more
 * (or lines that are not entries: over-long, or the last without its
 * newline), they are written to a new file (0600) renamed over the old
 * one. Called when the session ends (quit, Ctrl-D, SIGHUP, SIGTERM) and
 * after every CLI_HIST_MAX entries, if the session added any. A file that
 * is no longer datascale's is left alone. */
static void hist_trim(cli_state *cs) {
  if (!hist.on || hist.added == 0) return;
  const char *why;
  int fd = hist_open_file(hist.path, O_RDONLY, &why);
  if (fd < 0) {
    if (why || errno != ENOENT) hist_fail(cs, why, errno);
    return;
  }
  hist_tail t;
  struct stat st;
  int e = fstat(fd, &st) != 0 ? errno : hist_tail_read(fd, &t);
  close(fd);
  if (e) {
    hist_fail(cs, NULL, e);
    return;
  }
  uintmax_t size = sizeof HIST_MARK - 1; /* of the file t describes */
  for (size_t i = 0; i < t.n; i++) size += strlen(t.line[i]) + 1;
  if ((uintmax_t)st.st_size != size) e = hist_write(hist.path, &t, NULL);
  hist_tail_free(&t);
  if (e) hist_fail(cs, NULL, e);
}

void cli_hist_add(cli_state *cs, const char *entry) {
  hist_append(cs, entry);
  if (++hist.added % CLI_HIST_MAX == 0) hist_trim(cs);
}

void cli_hist_close(cli_state *cs) { hist_trim(cs); }

const char *cli_hist_path(void) { return hist.on ? hist.path : NULL; }
