/*
 * batch.c -- a file or stdin evaluated line by line.
 *
 * Lines are read in large blocks with read(2), and answers leave through
 * stdout's buffer. Before waiting for more input the answers so far are
 * flushed: a program that writes one line and waits for its answer (a
 * coprocess) gets it at once, while a file or a pipe full of lines is
 * answered in large writes (a write per line was the largest system cost
 * of a batch, bench/README.md). An error on one line never loses the others.
 *
 * SIGINT while a batch runs: the handler only sets a flag and cancels the
 * evaluation running on the context (ds_ctx_cancel is safe in a handler).
 * The loop then stops: the line cut short prints nothing, the answers so
 * far are flushed (with --json they are still in the stdout buffer, which
 * death by the signal used to lose), and the status is 130. The handler is
 * installed without SA_RESTART, so a read() waiting on a pipe returns at
 * once. A SIGINT ignored on entry (a background job, nohup) stays ignored.
 * Inputs after an interrupted one (-e, -f) are skipped.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "cli.h"

#define BATCH_BLOCK ((size_t)64 << 10)

static volatile sig_atomic_t batch_interrupted;
static ds_ctx *batch_sigint_ctx;

static void batch_on_sigint(int sig) {
  (void)sig;
  batch_interrupted = 1;
  if (batch_sigint_ctx) ds_ctx_cancel(batch_sigint_ctx);
}

/* Catches SIGINT for a batch; false when it is ignored or cannot be caught. */
static bool batch_sigint_catch(cli_state *cs, struct sigaction *old) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = batch_on_sigint;
  sigemptyset(&sa.sa_mask);
  if (sigaction(SIGINT, NULL, old) != 0 || old->sa_handler == SIG_IGN) return false;
  batch_sigint_ctx = cs->ctx;
  return sigaction(SIGINT, &sa, NULL) == 0;
}

bool cli_batch_interrupted(void) { return batch_interrupted; }

typedef struct {
  int fd;
  char *buf;
  size_t start, scan, end, cap; /* unread bytes are buf[start..end); no '\n' in [start, scan) */
  bool eof;
  int err; /* errno of a failed read, or 0 */
} batch_reader;

/* The next line (its '\n' included, when there is one) in *line, valid
 * until the next call; its length, or -1 at the end of input or on a read
 * error (rd->err set). */
static ssize_t batch_line(batch_reader *rd, char **line) {
  for (;;) {
    char *nl = rd->end > rd->scan ? memchr(rd->buf + rd->scan, '\n', rd->end - rd->scan) : NULL;
    if (nl || (rd->eof && rd->start < rd->end)) {
      size_t n = nl ? (size_t)(nl - (rd->buf + rd->start)) + 1 : rd->end - rd->start;
      *line = rd->buf + rd->start;
      rd->start = rd->scan = rd->start + n;
      return (ssize_t)n;
    }
    if (rd->eof) return -1;
    rd->scan = rd->end;
    if (rd->start > 0) { /* keep the partial line at the front */
      memmove(rd->buf, rd->buf + rd->start, rd->end - rd->start);
      rd->end -= rd->start;
      rd->scan -= rd->start;
      rd->start = 0;
    }
    if (rd->cap - rd->end < BATCH_BLOCK / 2) {
      size_t cap = rd->cap ? 2 * rd->cap : BATCH_BLOCK;
      char *b = realloc(rd->buf, cap);
      if (!b) {
        rd->err = ENOMEM;
        return -1;
      }
      rd->buf = b;
      rd->cap = cap;
    }
    fflush(stdout); /* about to wait for input: the answers so far go out */
    ssize_t k = read(rd->fd, rd->buf + rd->end, rd->cap - rd->end);
    if (k < 0 && errno == EINTR && batch_interrupted) return -1; /* not a read error */
    if (k < 0 && errno == EINTR) continue;
    if (k < 0) {
      rd->err = errno;
      return -1;
    }
    if (k == 0) rd->eof = true;
    rd->end += (size_t)k;
  }
}

/* Blank lines and lines whose first non-blank is '#' are skipped. */
static bool batch_skip(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  return i == n || s[i] == '#';
}

int cli_batch_file(cli_state *cs, const char *path) {
  if (batch_interrupted) return 130;
  bool is_stdin = strcmp(path, "-") == 0;
  batch_reader rd = {is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC), NULL, 0, 0, 0, 0, false, 0};
  if (rd.fd < 0) {
    cli_diag(cs, "error", "%s: %s", path, strerror(errno));
    return 2;
  }
  const char *name = is_stdin ? "<stdin>" : path;
  char *line;
  ssize_t n;
  long lineno = 0;
  int rc = 0;
  struct sigaction old;
  bool caught = batch_sigint_catch(cs, &old);
  while (!batch_interrupted && (n = batch_line(&rd, &line)) >= 0) {
    lineno++;
    size_t len = (size_t)n;
    if (len && line[len - 1] == '\n') len--;
    if (len && line[len - 1] == '\r') len--;
    if (batch_skip(line, len)) continue;
    ds_result *r = NULL;
    ds_eval(cs->ctx, line, len, &r);
    if (!r) {
      fputs("datascale: out of memory\n", stderr);
      exit(3);
    }
    /* A line that finished before the signal is still an answer. */
    if (!(batch_interrupted && ds_result_status(r) == DS_E_CANCELLED) && cli_emit(cs, line, len, r, name, lineno))
      rc = 1;
    ds_result_free(r);
  }
  if (caught) sigaction(SIGINT, &old, NULL);
  if (batch_interrupted) {
    fflush(stdout);
    fputs("datascale: interrupted\n", stderr);
    rc = 130;
  } else if (rd.err) {
    fflush(stdout);
    cli_diag(cs, "error", "%s: %s", name, strerror(rd.err));
    rc = 2;
  }
  free(rd.buf);
  if (!is_stdin) close(rd.fd);
  return rc;
}
