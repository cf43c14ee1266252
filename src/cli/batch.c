/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * batch.c -- a file or stdin evaluated line by line.
 *
 * Lines are read in large blocks with read(2), and answers leave through
 * stdout's buffer. Before waiting for more input the answers so far are
 * flushed: a program that writes one line and waits for its answer (a
 * coprocess) gets it at once, while a file or a pipe full of lines is
 * answered in large writes (a write per line was the largest system cost
 * of a batch, bench/README.md). An error on one line never loses the others.
 * In text mode a note that repeats is written once, where it first occurs,
 * and counted; the end of the batch gives the counts (out.c, cli_notes).
 *
 * Memory is bounded by the line limit (--max-line), not by the input: a
 * line longer than the limit is refused while it is read. Its first
 * limit + 1 bytes are kept (the "input" of its JSON row), the rest is
 * counted and dropped up to its end of line, and the lines after it are
 * evaluated as usual. A line with no end of line in its first GiB (an
 * endless one: /dev/zero, a binary file) ends the input with status 2, as
 * a read error does. A UTF-8 byte-order mark at the very start of the
 * input is skipped.
 *
 * SIGINT while a batch runs: the handler only sets a flag and cancels the
 * evaluation running on the context (ds_ctx_cancel is safe in a handler).
 * The loop then stops: the line cut short prints nothing, the answers so
 * far are flushed (with --json they are still in the stdout buffer, which
 * death by the signal used to lose), and the status is 130. The handler is
 * installed with SA_RESTART, so a write to stdout blocked on a full pipe
 * goes on after it: stdio drops the rest of its buffer when write() fails,
 * which cut the output in the middle of a row. Waiting for input is not
 * restarted: a pipe or a terminal is waited on with pselect(), which a
 * signal always interrupts, with SIGINT unblocked only inside it, so a
 * signal just before the wait is not missed. A SIGINT ignored on entry (a
 * background job, nohup) stays ignored. Inputs after an interrupted one
 * (-e, -f) are skipped.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "cli.h"

#define BATCH_BLOCK ((size_t)64 << 10)
#define BATCH_ENDLESS ((uint64_t)1 << 30) /* an over-long line with no end in this many bytes ends the input */

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
  sa.sa_flags = SA_RESTART; /* a write to stdout goes on (see above) */
  sigemptyset(&sa.sa_mask);
  if (sigaction(SIGINT, NULL, old) != 0 || old->sa_handler == SIG_IGN) return false;
  batch_sigint_ctx = cs->ctx;
  return sigaction(SIGINT, &sa, NULL) == 0;
}

bool cli_batch_interrupted(void) { return batch_interrupted; }

typedef struct {
  int fd;
  bool wait; /* fd may block (a pipe, a terminal): wait in batch_wait */
  char *buf;
  size_t start, scan, end, cap; /* unread bytes are buf[start..end); no '\n' in [start, scan) */
  size_t keep;                  /* the longest line kept whole: the line limit + 1 */
  bool eof;
  bool bom_done;     /* the start of the input was checked for a byte-order mark */
  bool over;         /* the line at start is longer than keep: buf[start..start+keep) holds its first
                        bytes, and the bytes after them are dropped as they are read */
  uint64_t over_len; /* bytes of that line read so far */
  char over_last;    /* the last byte dropped (a '\r' before the '\n' is not counted) */
  int err;           /* errno of a failed read, or 0 */
} batch_reader;

/* One line from batch_line. */
typedef struct {
  char *s;        /* the line (its '\n' included when there is one), or an over-long line's first bytes */
  size_t len;     /* bytes at s */
  uint64_t total; /* an over-long line: its length without the '\n' (or '\r\n'); 0 for any other line */
  bool endless;   /* an over-long line with no end in its first BATCH_ENDLESS bytes: the input ends */
} batch_got;

/* Waits until rd->fd can be read without blocking. False when SIGINT came
 * first (pselect, unlike read, is never restarted after a handler); SIGINT
 * is blocked outside the wait, so one that comes just before it is seen. */
static bool batch_wait(const batch_reader *rd) {
  if (!rd->wait || rd->fd >= FD_SETSIZE) return !batch_interrupted;
  sigset_t block, old;
  sigemptyset(&block);
  sigaddset(&block, SIGINT);
  pthread_sigmask(SIG_BLOCK, &block, &old);
  int k = 0;
  while (!batch_interrupted) {
    fd_set in;
    FD_ZERO(&in);
    FD_SET(rd->fd, &in);
    k = pselect(rd->fd + 1, &in, NULL, NULL, NULL, &old);
    if (k >= 0 || errno != EINTR) break;
  }
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  return !batch_interrupted;
}

/* Skips a UTF-8 byte-order mark at the start of the input. False while
 * the bytes so far could still be one (a coprocess may have sent fewer
 * than three bytes and wait for an answer: a '\n' among them settles it). */
static bool batch_bom(batch_reader *rd) {
  static const char bom[3] = {'\xef', '\xbb', '\xbf'};
  size_t n = rd->end - rd->start < 3 ? rd->end - rd->start : 3;
  if (memcmp(rd->buf + rd->start, bom, n) == 0 && n < 3 && !rd->eof) return false;
  if (n == 3 && memcmp(rd->buf + rd->start, bom, 3) == 0) rd->start = rd->scan = rd->start + 3;
  rd->bom_done = true;
  return true;
}

/* The next line in *got, valid until the next call. False at the end of
 * input, on a read error (rd->err set) or on SIGINT. */
static bool batch_line(batch_reader *rd, batch_got *got) {
  memset(got, 0, sizeof *got);
  for (;;) {
    if (!rd->bom_done && rd->buf) batch_bom(rd);
    if (rd->bom_done && !rd->over) {
      char *nl = rd->end > rd->scan ? memchr(rd->buf + rd->scan, '\n', rd->end - rd->scan) : NULL;
      size_t n = nl ? (size_t)(nl - (rd->buf + rd->start)) + 1 : rd->end - rd->start;
      if (n - (nl != NULL) > rd->keep) { /* over-long: keep its first bytes, drop and count the rest */
        rd->over = true;
        rd->over_len = rd->keep;
        rd->over_last = rd->buf[rd->start + rd->keep - 1];
        rd->scan = rd->start + rd->keep; /* the bytes past keep are looked at below, as new ones */
      } else if (nl || (rd->eof && rd->start < rd->end)) {
        got->s = rd->buf + rd->start;
        got->len = n;
        rd->start = rd->scan = rd->start + n;
        return true;
      } else {
        rd->scan = rd->end;
      }
    }
    if (rd->over) {
      /* buf[scan..end) are bytes of the over-long line not looked at yet */
      char *p = rd->buf + rd->scan;
      size_t k = rd->end - rd->scan;
      char *nl = k ? memchr(p, '\n', k) : NULL;
      size_t used = nl ? (size_t)(nl - p) : k;
      rd->over_len += used;
      if (used) rd->over_last = p[used - 1];
      if (nl || rd->eof || rd->over_len >= BATCH_ENDLESS) {
        got->s = rd->buf + rd->start;
        got->len = rd->keep;
        got->total = rd->over_len - (nl && rd->over_last == '\r');
        got->endless = !nl && !rd->eof;
        rd->over = false;
        rd->start = rd->scan = nl ? (size_t)(nl - rd->buf) + 1 : rd->end;
        if (got->endless) rd->eof = true; /* nothing more is read */
        return true;
      }
      rd->end = rd->scan = rd->start + rd->keep; /* drop them */
    }
    if (rd->eof) return false;
    if (rd->start > 0) { /* keep the partial line at the front */
      memmove(rd->buf, rd->buf + rd->start, rd->end - rd->start);
      rd->end -= rd->start;
      rd->scan -= rd->start;
      rd->start = 0;
    }
    if (rd->cap - rd->end < BATCH_BLOCK / 2) {
      /* The partial line is at most keep bytes here, so keep + BATCH_BLOCK
       * always leaves room for a block. */
      size_t cap = rd->cap ? 2 * rd->cap : BATCH_BLOCK;
      if (cap > rd->keep + BATCH_BLOCK) cap = rd->keep + BATCH_BLOCK;
      char *b = realloc(rd->buf, cap);
      if (!b) {
        rd->err = ENOMEM;
        return false;
      }
      rd->buf = b;
      rd->cap = cap;
    }
    fflush(stdout);                    /* about to wait for input: the answers so far go out */
    if (!batch_wait(rd)) return false; /* SIGINT: not a read error */
    ssize_t k = read(rd->fd, rd->buf + rd->end, rd->cap - rd->end);
    if (k < 0 && errno == EINTR) {
      if (batch_interrupted) return false;
      continue;
    }
    if (k < 0) {
      rd->err = errno;
      return false;
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
  batch_reader rd;
  memset(&rd, 0, sizeof rd);
  rd.fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
  if (rd.fd < 0) {
    cli_diag(cs, "error", "%s: %s", path, strerror(errno));
    return 2;
  }
  struct stat st;
  rd.wait = fstat(rd.fd, &st) != 0 || !S_ISREG(st.st_mode);
  rd.keep = (size_t)ds_ctx_limit(cs->ctx, DS_LIMIT_LINE, -1) + 1;
  const char *name = is_stdin ? "<stdin>" : path;
  batch_got got;
  long lineno = 0;
  int rc = 0;
  bool endless = false;
  struct sigaction old;
  bool caught = batch_sigint_catch(cs, &old);
  cli_notes *notes = cs->json || cs->csv || cs->quiet ? NULL : cli_notes_new();
  cs->notes = notes;
  /* A note given in full comes back brief: no figure, so no second
   * evaluation under the other reading of KB..YB, for a line whose note
   * is only counted. */
  if (notes) ds_ctx_set_warnings(cs->ctx, DS_WARNINGS_BATCH);
  while (!batch_interrupted && batch_line(&rd, &got)) {
    lineno++;
    char *line = got.s;
    size_t len = got.len;
    if (!got.total) {
      if (len && line[len - 1] == '\n') len--;
      if (len && line[len - 1] == '\r') len--;
      if (batch_skip(line, len)) continue;
    }
    ds_result *r = NULL;
    ds_eval(cs->ctx, line, len, &r); /* an over-long line: refused for its length, nothing evaluated */
    if (!r) {
      fputs("datascale: out of memory\n", stderr);
      exit(3);
    }
    if (got.total) {
      cli_emit_too_long(cs, r, got.endless ? BATCH_ENDLESS : got.total, got.endless, name, lineno);
      rc = 1;
      endless = got.endless;
    } else if (!(batch_interrupted && ds_result_status(r) == DS_E_CANCELLED) &&
               cli_emit(cs, line, len, r, name, lineno)) {
      /* A line that finished before the signal is still an answer. */
      rc = 1;
    }
    ds_result_free(r);
  }
  if (caught) sigaction(SIGINT, &old, NULL);
  cs->notes = NULL;
  if (notes) ds_ctx_set_warnings(cs->ctx, DS_WARNINGS_ON);
  cli_notes_end(cs, notes, name); /* a line for each note that repeated */
  if (batch_interrupted) {
    fflush(stdout);
    fputs("datascale: interrupted\n", stderr);
    rc = 130;
  } else if (rd.err) {
    fflush(stdout);
    cli_diag(cs, "error", "%s: %s", name, strerror(rd.err));
    rc = 2;
  } else if (endless) {
    fflush(stdout);
    cli_diag(cs, "error", "%s: no end of line in the first %llu bytes; the rest of the input is not read", name,
             (unsigned long long)BATCH_ENDLESS);
    rc = 2;
  }
  free(rd.buf);
  if (!is_stdin) close(rd.fd);
  return rc;
}
