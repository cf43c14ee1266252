/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * repl.c -- the interactive prompt.
 *
 * GNU readline sits behind a few small wrappers (repl_read, repl_remember,
 * repl_free, repl_input_init/repl_input_done, as lua.c does), so the loop is
 * the same when the command is built --with-readline=no, or readline cannot
 * be loaded, and reads with getline(). Readline is loaded when the REPL
 * starts (rl.c; RL below), never for one-shot commands or batches. main.c
 * calls cli_repl() only when standard input is a terminal; anything else is
 * batch mode (no prompt, no readline, no history). The session opens with a
 * one-line banner (the version, help, quit), left out under -q.
 *
 * A line is either a REPL command (help, units, assumptions, explain, set,
 * quit/exit) or an expression for ds_eval(). A command is recognised only
 * when the line is exactly the command word followed by the arguments that
 * command takes, so a unit, item or variable sharing a command's name stays
 * reachable as "(units)" or inside any larger expression ("units * 2").
 *
 * Every expression is evaluated with the derivation on, and the last
 * successful result is kept for `explain`. An open parenthesis at the end of
 * a line (status DS_E_INCOMPLETE) asks for a continuation line ("... "). A
 * block of continuation lines past REPL_CHECK_EVERY bytes is given to the
 * library again only when its parentheses close, so its cost is linear.
 *
 * Ctrl-C: the SIGINT handler only sets a flag and calls ds_ctx_cancel(), so
 * a running evaluation stops with DS_E_CANCELLED ("interrupted"); at the
 * prompt, readline's signal event hook (ordinary context, not the handler)
 * clears the line and redraws an empty prompt. Either way the word
 * "interrupted" stands on a line of its own, after the ^C the terminal
 * echoed. Ctrl-D leaves.
 *
 * History (readline builds only): ${XDG_STATE_HOME:-~/.local/state}/datascale/
 * history, or $DATASCALE_HISTFILE (empty: no history). The directory is
 * created 0700 and the file kept 0600 whatever the umask; a symbolic link or
 * a non-regular file is refused, and so is a group- or world-writable
 * directory. The file is read and written here, not by readline: its first
 * line is REPL_HIST_MARK, and a file without that line was not written by
 * datascale (DATASCALE_HISTFILE=/etc/passwd, a file of the user's), so it is
 * never read, written, truncated or chmod'ed. Only the end of the file that
 * can hold the REPL_HIST_MAX entries kept is read, so a huge file costs no
 * more than a full one. Each entry is appended to the file as soon as it is
 * entered, so closing the terminal loses nothing; the file is checked again
 * each time, and one that is no longer datascale's is left alone. When the
 * session ends (quit, Ctrl-D, SIGHUP, SIGTERM) and after every REPL_HIST_MAX
 * entries, a file holding more than the last REPL_HIST_MAX entries is cut
 * down: they are written to a new file renamed over the old one. Lines over
 * REPL_HIST_LINE bytes are not recorded. Any failure is a warning that
 * turns history off, never fatal.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"

#include "rl.h"

#define REPL_PROMPT "> "
#define REPL_MORE "... "                          /* continuation after an open parenthesis */
#define REPL_HIST_MAX 1000                        /* entries kept in the history file */
#define REPL_HIST_LINE 4096                       /* longer lines are not recorded */
#define REPL_HIST_MARK "# datascale history v1\n" /* the first line of a history file */
/* Bytes read from the end of a history file: room for REPL_HIST_MAX entries. */
#define REPL_HIST_TAIL ((size_t)REPL_HIST_MAX * (REPL_HIST_LINE + 1))

/* ---- state shared with the signal handler and readline's callbacks ----- */

static ds_ctx *repl_ctx;                   /* cancelled by Ctrl-C */
static volatile sig_atomic_t repl_sigint;  /* set by the handler */
static volatile sig_atomic_t repl_abandon; /* Ctrl-C at a prompt: drop pending lines */
static volatile sig_atomic_t repl_hangup;  /* SIGHUP or SIGTERM: the session ends */
static bool repl_continuing;               /* reading a continuation line */

#ifdef HAVE_READLINE
static const cli_rl_api *RL;  /* libreadline while the REPL runs, or NULL */
#define RLV(name) (*RL->name) /* one of its variables */
#else
#define RL 0
#endif

/* Says "interrupted" on a line of its own. `fresh`: the cursor is at the
 * start of a line; else the terminal echoed ^C after the last output (a
 * computation was running), and a newline comes first when it did. */
static void repl_say_interrupted(bool fresh) {
  fflush(stdout);
  struct termios t;
  bool echoed = !fresh && tcgetattr(STDIN_FILENO, &t) == 0 && (t.c_lflag & ECHO);
#ifdef ECHOCTL
  echoed = echoed && (t.c_lflag & ECHOCTL);
#endif
  fputs(echoed ? "\ninterrupted\n" : "interrupted\n", stderr);
}

static void repl_on_sigint(int sig) {
  (void)sig;
  repl_sigint = 1;
  if (repl_ctx) ds_ctx_cancel(repl_ctx);
}

/* SIGHUP (the terminal was closed) and SIGTERM: the session ends as at
 * quit, then dies of the signal (cli_repl). A running evaluation stops. */
static void repl_on_hangup(int sig) {
  repl_hangup = sig;
  if (repl_ctx) ds_ctx_cancel(repl_ctx);
}

/* ---- history file -------------------------------------------------------- */

#ifdef HAVE_READLINE
static struct {
  bool on; /* read at start; each entry is added to it (repl_hist_append) */
  char path[PATH_MAX];
  int added; /* entries added this session */
} repl_hist;

/* mkdir -p with mode 0700 for each directory created (chmod after mkdir, so
 * the umask cannot take bits away). Returns 0 or an errno value. */
static int repl_mkdirs(char *path) {
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
static bool repl_dir_ok(cli_state *cs, const char *dir) {
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
 * REPL_HIST_MARK. Returns the descriptor, or
 * -1 with *why saying why the file is refused, or -1 with errno (ENOENT:
 * there is no file yet) and *why NULL. */
static int repl_hist_open_file(const char *path, int flags, const char **why) {
  *why = NULL;
  int fd = open(path, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ELOOP) *why = "is a symbolic link";
    return -1;
  }
  struct stat st;
  char head[sizeof REPL_HIST_MARK - 1];
  ssize_t k = 0;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid()) *why = "is not a regular file of yours";
  else if ((k = pread(fd, head, sizeof head, 0)) < 0) k = -1;
  else if ((size_t)k != sizeof head || memcmp(head, REPL_HIST_MARK, sizeof head) != 0)
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
} repl_tail;

static void repl_tail_free(repl_tail *t) {
  free(t->buf);
  free(t->line);
  memset(t, 0, sizeof *t);
}

/* Reads the last REPL_HIST_MAX entries of an open history file into t:
 * lines of 1 to REPL_HIST_LINE bytes after the mark line; the last one may
 * lack its newline. Only the last REPL_HIST_TAIL bytes are read (from one
 * byte earlier: a line starts after the first newline found, or right
 * there when that byte is one). Returns 0 or an errno value. */
static int repl_tail_read(int fd, repl_tail *t) {
  memset(t, 0, sizeof *t);
  struct stat st;
  if (fstat(fd, &st) != 0) return errno;
  off_t from = 0;
  size_t want = (size_t)st.st_size;
  if ((uintmax_t)st.st_size > REPL_HIST_TAIL) {
    from = st.st_size - (off_t)REPL_HIST_TAIL - 1;
    want = REPL_HIST_TAIL + 1;
  }
  t->buf = malloc(want + 1);
  t->line = malloc(REPL_HIST_MAX * sizeof *t->line);
  if (!t->buf || !t->line) {
    repl_tail_free(t);
    return ENOMEM;
  }
  size_t got = 0;
  while (got < want) {
    ssize_t k = pread(fd, t->buf + got, want - got, from + (off_t)got);
    if (k < 0 && errno == EINTR) continue;
    if (k < 0) {
      int e = errno;
      repl_tail_free(t);
      return e;
    }
    if (k == 0) break;
    got += (size_t)k;
  }
  t->buf[got] = 0;
  char *p = t->buf, *end = t->buf + got;
  char *nl = memchr(p, '\n', got); /* the mark line, or the line cut by `from` */
  p = nl ? nl + 1 : end;
  size_t total = 0; /* entries seen; t->line is a ring of the last REPL_HIST_MAX */
  while (p < end) {
    nl = memchr(p, '\n', (size_t)(end - p));
    char *e = nl ? nl : end;
    *e = 0;
    size_t len = (size_t)(e - p);
    if (len > 0 && len <= REPL_HIST_LINE) t->line[total++ % REPL_HIST_MAX] = p;
    p = e + 1;
  }
  t->n = total < REPL_HIST_MAX ? total : REPL_HIST_MAX;
  if (total > REPL_HIST_MAX) { /* oldest first */
    char **ring = malloc(REPL_HIST_MAX * sizeof *ring);
    if (!ring) {
      repl_tail_free(t);
      return ENOMEM;
    }
    for (size_t i = 0; i < REPL_HIST_MAX; i++) ring[i] = t->line[(total + i) % REPL_HIST_MAX];
    free(t->line);
    t->line = ring;
  }
  return 0;
}

/* Decides the history path and reads the file. A refusal is a warning and
 * turns history off for the session. */
static void repl_hist_open(cli_state *cs) {
  repl_hist.on = false;
  const char *env = getenv("DATASCALE_HISTFILE");
  char dir[PATH_MAX];
  int n;
  if (env) {
    if (!*env) return; /* empty: no history */
    n = snprintf(repl_hist.path, sizeof repl_hist.path, "%s", env);
    if (n < 0 || (size_t)n >= sizeof repl_hist.path) return;
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
    int e = repl_mkdirs(dir);
    if (e) {
      cli_diag(cs, "warning", "cannot create %s: %s; history is off", dir, strerror(e));
      return;
    }
    n = snprintf(repl_hist.path, sizeof repl_hist.path, "%s/history", dir);
    if (n < 0 || (size_t)n >= sizeof repl_hist.path) return;
  }
  if (!repl_dir_ok(cs, dir)) return;
  const char *why;
  int fd = repl_hist_open_file(repl_hist.path, O_RDONLY, &why);
  if (fd < 0 && (why || errno != ENOENT)) {
    if (why)
      cli_diag(cs, "warning", "history file %s %s; it is not read or changed, and history is off", repl_hist.path, why);
    else cli_diag(cs, "warning", "history file %s: %s; history is off", repl_hist.path, strerror(errno));
    return;
  }
  if (fd >= 0) {
    repl_tail t;
    int e = repl_tail_read(fd, &t);
    close(fd);
    if (e) {
      cli_diag(cs, "warning", "cannot read history file %s: %s; history is off", repl_hist.path, strerror(e));
      return;
    }
    for (size_t i = 0; i < t.n; i++) RL->add_history(t.line[i]);
    repl_tail_free(&t);
  }
  repl_hist.on = true;
}

/* Writes `t`'s last REPL_HIST_MAX entries, and `extra` (or NULL) after
 * them, to a new file (0600) renamed over `path`. Returns 0 or an errno
 * value. */
static int repl_hist_write(const char *path, const repl_tail *t, const char *extra) {
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
    size_t keep = t->n - (extra && t->n == REPL_HIST_MAX); /* room for extra */
    fputs(REPL_HIST_MARK, f);
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
static void repl_hist_fail(cli_state *cs, const char *why, int e) {
  if (why)
    cli_diag(cs, "warning", "history file %s %s; it is not changed, and history is off", repl_hist.path, why);
  else cli_diag(cs, "warning", "history not saved to %s: %s; history is off", repl_hist.path, strerror(e));
  repl_hist.on = false;
}

/* Adds one entry to the history file as soon as it is entered, so that
 * nothing is lost however the session ends: the file is opened again
 * (another session may have replaced it), checked as at start, made 0600,
 * and the entry written at its end by one write(), after a newline when
 * the file does not end with one. Without a file, one is written (the
 * mark and the entry) and renamed into place. */
static void repl_hist_append(cli_state *cs, const char *line) {
  if (!repl_hist.on) return;
  const char *why;
  int e = 0;
  int fd = repl_hist_open_file(repl_hist.path, O_RDWR | O_APPEND, &why);
  if (fd < 0) {
    if (!why && errno == ENOENT) {
      repl_tail none;
      memset(&none, 0, sizeof none);
      e = repl_hist_write(repl_hist.path, &none, line);
    } else e = errno;
    if (why || e) repl_hist_fail(cs, why, e);
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
  if (e) repl_hist_fail(cs, NULL, e);
}

/* Keeps the file to its last REPL_HIST_MAX entries: when it holds more
 * (or lines that are not entries: over-long, or the last without its
 * newline), they are written to a new file (0600) renamed over the old
 * one. Called when the session ends (quit, Ctrl-D, SIGHUP, SIGTERM) and
 * after every REPL_HIST_MAX entries, if the session added any. A file that
 * is no longer datascale's is left alone. */
static void repl_hist_trim(cli_state *cs) {
  if (!repl_hist.on || repl_hist.added == 0) return;
  const char *why;
  int fd = repl_hist_open_file(repl_hist.path, O_RDONLY, &why);
  if (fd < 0) {
    if (why || errno != ENOENT) repl_hist_fail(cs, why, errno);
    return;
  }
  repl_tail t;
  struct stat st;
  int e = fstat(fd, &st) != 0 ? errno : repl_tail_read(fd, &t);
  close(fd);
  if (e) {
    repl_hist_fail(cs, NULL, e);
    return;
  }
  uintmax_t size = sizeof REPL_HIST_MARK - 1; /* of the file t describes */
  for (size_t i = 0; i < t.n; i++) size += strlen(t.line[i]) + 1;
  if ((uintmax_t)st.st_size != size) e = repl_hist_write(repl_hist.path, &t, NULL);
  repl_tail_free(&t);
  if (e) repl_hist_fail(cs, NULL, e);
}
#endif

/* ---- completion (readline) ----------------------------------------------- */

#ifdef HAVE_READLINE
/* The commands' vocabulary. */
static const char *const repl_commands[] = {"help",  "units", "assumptions", "explain", "set",
                                            "reset", "quit",  "exit",        NULL};
/* Words of the language that ds_ctx_completions() does not list. */
static const char *const repl_keywords[] = {"to",  "in",    "as",          "per",     "ans",   "auto",
                                            "iec", "words", "equivalents", "compare", "reset", NULL};

static cli_state *repl_cs; /* the session, for the completion callbacks */
static char **repl_cands;  /* candidates handed out one by one */
static size_t repl_ncands, repl_next;

static void repl_cand_add(const char *s, size_t len) {
  if (repl_ncands % 64 == 0) {
    char **nc = realloc(repl_cands, (repl_ncands + 65) * sizeof *nc);
    if (!nc) return;
    repl_cands = nc;
  }
  char *c = malloc(len + 1);
  if (!c) return;
  memcpy(c, s, len);
  c[len] = 0;
  repl_cands[repl_ncands++] = c;
}

static void repl_cand_words(const char *const *words, const char *text) {
  size_t tl = strlen(text);
  for (size_t i = 0; words[i]; i++)
    if (strncmp(words[i], text, tl) == 0) repl_cand_add(words[i], strlen(words[i]));
}

/* Units (with their prefixed forms), items, variables and functions from the
 * library, and the language's keywords. */
static void repl_cand_names(const char *text) {
  char *list = ds_ctx_completions(repl_cs->ctx, text);
  for (const char *p = list; p && *p;) {
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) : strlen(p);
    if (len) repl_cand_add(p, len);
    p += len + (nl != NULL);
  }
  ds_free(list);
  repl_cand_words(repl_keywords, text);
}

static char *repl_generator(const char *text, int state) {
  (void)text;
  (void)state;
  if (repl_next < repl_ncands) return repl_cands[repl_next++]; /* readline frees it */
  free(repl_cands);
  repl_cands = NULL;
  repl_ncands = repl_next = 0;
  return NULL;
}

/* What the words before the one being completed ask for: command words at
 * the start of a line, topics after "help", settings after "set", names
 * elsewhere (and always in a continuation line). */
static char **repl_complete(const char *text, int start, int end) {
  (void)end;
  RLV(rl_attempted_completion_over) = 1; /* never file names */
  char w[2][16] = {"", ""};
  int nw = 0;
  bool extra = false; /* more than two words, or a non-word, before text */
  for (int i = 0; i < start && !extra;) {
    const char *lb = RLV(rl_line_buffer);
    while (i < start && (lb[i] == ' ' || lb[i] == '\t')) i++;
    int j = i;
    while (j < start && lb[j] != ' ' && lb[j] != '\t') j++;
    if (j == i) break;
    if (nw == 2 || j - i >= (int)sizeof w[0] || j == start) extra = true;
    else snprintf(w[nw++], sizeof w[0], "%.*s", j - i, lb + i);
    i = j;
  }
  repl_ncands = repl_next = 0;
  if (repl_continuing || extra) {
    repl_cand_names(text);
  } else if (nw == 0) {
    repl_cand_words(repl_commands, text);
    repl_cand_names(text);
  } else if (nw == 1 && strcmp(w[0], "help") == 0) {
    size_t tl = strlen(text);
    for (size_t i = 0; cli_help_topic(i); i++)
      if (strncmp(cli_help_topic(i), text, tl) == 0) repl_cand_add(cli_help_topic(i), strlen(cli_help_topic(i)));
  } else if (nw == 1 && strcmp(w[0], "set") == 0) {
    static const char *const what[] = {"digits",    "binary",   "decimal-comma", "precision", "max-bits",
                                       "max-depth", "max-line", "max-work",      NULL};
    repl_cand_words(what, text);
  } else if (nw == 2 && strcmp(w[0], "set") == 0 &&
             (strcmp(w[1], "binary") == 0 || strcmp(w[1], "decimal-comma") == 0)) {
    static const char *const onoff[] = {"on", "off", NULL};
    repl_cand_words(onoff, text);
  } else if (nw == 2 && strcmp(w[0], "set") == 0) {
    /* a number: nothing to offer */
  } else {
    repl_cand_names(text);
  }
  /* "sqrt(" wants its argument next, not a space */
  RLV(rl_completion_suppress_append) = repl_ncands == 1 && repl_cands[0][strlen(repl_cands[0]) - 1] == '(';
  if (repl_ncands == 0) {
    free(repl_cands);
    repl_cands = NULL;
    return NULL;
  }
  return RL->rl_completion_matches(text, repl_generator);
}

/* Called by readline when a read is interrupted by a signal, after its own
 * handler has passed the signal on to repl_on_sigint: an ordinary context
 * where readline may be used. Ctrl-C clears the line and shows a fresh
 * prompt (abandoning a pending continuation). */
static int repl_event_hook(void) {
  if (repl_sigint) {
    repl_sigint = 0;
    repl_abandon = 1;
    RL->rl_free_line_state();
    RL->rl_replace_line("", 0);
    RL->rl_crlf();
    repl_say_interrupted(true);
    RL->rl_set_prompt(REPL_PROMPT);
    RL->rl_on_new_line();
    RL->rl_redisplay();
  }
  return 0;
}
#endif

/* ---- line input: the readline wrappers ----------------------------------- */

static void repl_input_init(cli_state *cs) {
#ifdef HAVE_READLINE
  if (!(RL = cli_rl())) return;
  repl_cs = cs;
  RLV(rl_readline_name) = "datascale"; /* $if datascale in ~/.inputrc */
  RLV(rl_attempted_completion_function) = repl_complete;
  RLV(rl_basic_word_break_characters) = " \t\n\"'`@$><=;|&{(+-*/^,)%!~.";
  RLV(rl_completer_word_break_characters) = (char *)RLV(rl_basic_word_break_characters);
  RLV(rl_signal_event_hook) = repl_event_hook;
  RL->using_history();
  RL->stifle_history(REPL_HIST_MAX);
  repl_hist_open(cs);
#else
  (void)cs;
#endif
}

static void repl_input_done(cli_state *cs) {
#ifdef HAVE_READLINE
  if (!RL) return;
  repl_hist_trim(cs);
  RL->clear_history();
  free(repl_cands);
  repl_cands = NULL;
  repl_ncands = repl_next = 0;
#else
  (void)cs;
#endif
}

/* One line without its newline, or NULL at end of input. Ctrl-C while
 * reading clears the line and asks again (setting repl_abandon). */
static char *repl_read(const char *prompt) {
#ifdef HAVE_READLINE
  if (RL) {
    repl_sigint = 0;
    return RL->readline(prompt);
  }
#endif
  for (;;) {
    fputs(prompt, stdout);
    fflush(stdout);
    repl_sigint = 0;
    char *line = NULL;
    size_t cap = 0;
    errno = 0;
    ssize_t n = getline(&line, &cap, stdin);
    if (n >= 0) {
      if (n && line[n - 1] == '\n') line[n - 1] = 0;
      return line;
    }
    free(line);
    if (errno != EINTR || !repl_sigint || feof(stdin)) return NULL;
    clearerr(stdin);
    fputc('\n', stdout);
    repl_say_interrupted(true);
    repl_abandon = 1;
    prompt = REPL_PROMPT;
  }
}

/* Records a line in the history (not over-long lines, not a repeat). */
static void repl_remember(const char *line) {
#ifdef HAVE_READLINE
  if (!RL || !*line || strlen(line) > REPL_HIST_LINE) return;
  HIST_ENTRY *last = RLV(history_length) > 0 ? RL->history_get(RLV(history_base) + RLV(history_length) - 1) : NULL;
  if (last && last->line && strcmp(last->line, line) == 0) return;
  RL->add_history(line);
  repl_hist_append(repl_cs, line);
  if (++repl_hist.added % REPL_HIST_MAX == 0) repl_hist_trim(repl_cs);
#else
  (void)line;
#endif
}

static void repl_free(char *line) { free(line); }

const char *cli_repl_version(void) {
#ifdef HAVE_READLINE
  static char v[64];
  const cli_rl_api *rl = cli_rl();
  if (!rl) return "readline: not loadable (" READLINE_SONAME "); the REPL reads plain lines\n";
  snprintf(v, sizeof v, "readline %s\n", *rl->rl_library_version ? *rl->rl_library_version : "?");
  return v;
#else
  return "";
#endif
}

/* ---- help ------------------------------------------------------------------ */

/* The help (help.c), with the state of line editing and history for the
 * "keys" topic. */
static void repl_help(cli_state *cs, const char *topic) {
  char status[PATH_MAX + 128] = "";
#ifdef HAVE_READLINE
  if (!RL)
    snprintf(status, sizeof status,
             "GNU readline (" READLINE_SONAME ") could not be loaded: no line editing, completion or history.\n");
  else if (repl_hist.on)
    snprintf(status, sizeof status, "History: %s (DATASCALE_HISTFILE names another file; empty, none)\n",
             repl_hist.path);
  else snprintf(status, sizeof status, "History: off (DATASCALE_HISTFILE names a file; empty, none)\n");
#else
  snprintf(status, sizeof status,
           "This datascale was built without GNU readline: no line editing, completion or history.\n");
#endif
  cli_help(cs, topic, status);
}

/* ---- commands ------------------------------------------------------------ */

enum { REPL_EXPR, REPL_DONE, REPL_QUIT }; /* what repl_command() did */

static ds_result *repl_last; /* the last successful result, for explain */

/* Prints a listing from the library; `empty` is said when it has no line. */
static void repl_print_list(cli_state *cs, char *list, const char *empty) {
  if (!list) {
    fputs("datascale: out of memory\n", stderr);
    exit(3);
  }
  if (*list) fputs(list, stdout);
  else cli_diag(cs, "note", "%s", empty);
  ds_free(list);
}

/* `set` alone: every setting. The library answers a "set" line with the
 * settings now in force, so setting digits to what it is lists them. */
static void repl_settings(cli_state *cs) {
  char line[64];
  int n = snprintf(line, sizeof line, "set digits %ld", ds_ctx_limit(cs->ctx, DS_LIMIT_DIGITS, -1));
  ds_result *r = NULL;
  ds_eval(cs->ctx, line, (size_t)n, &r);
  if (!r) {
    fputs("datascale: out of memory\n", stderr);
    exit(3);
  }
  puts(ds_result_text(r));
  ds_result_free(r);
}

/* Runs `line` if it is exactly a command with its arguments. */
static int repl_command(cli_state *cs, const char *line) {
  const char *w[3] = {NULL, NULL, NULL};
  size_t wl[3] = {0, 0, 0};
  int n = cli_words(line, strlen(line), w, wl, 3);
  if (n == 0 || n > 3) return REPL_EXPR;
  for (int i = 1; i < n; i++)
    if (!cli_is_arg(w[i])) return REPL_EXPR;
  char arg[256] = "";
  if (n >= 2) snprintf(arg, sizeof arg, "%.*s", (int)(wl[1] < 255 ? wl[1] : 255), w[1]);

  if ((cli_is_word(w[0], wl[0], "quit") || cli_is_word(w[0], wl[0], "exit")) && n == 1) return REPL_QUIT;
  if (cli_is_word(w[0], wl[0], "help") && n <= 2) {
    repl_help(cs, n == 2 ? arg : NULL);
  } else if (cli_is_word(w[0], wl[0], "units") && n <= 2) {
    cli_list(cs, n == 2 ? arg : NULL);
  } else if (cli_is_word(w[0], wl[0], "assumptions") && n == 1) {
    repl_print_list(cs, ds_ctx_assumptions(cs->ctx), "no assumptions");
  } else if (cli_is_word(w[0], wl[0], "explain") && n == 1) {
    const char *ex = repl_last ? ds_result_explain(repl_last, cs->explain == DS_EXPLAIN_MARKDOWN) : NULL;
    if (ex) puts(ex);
    else cli_diag(cs, "error", "nothing to explain yet: evaluate an expression first");
  } else if (cli_is_word(w[0], wl[0], "set") && n == 1) {
    repl_settings(cs);
  } else {
    return REPL_EXPR;
  }
  return REPL_DONE;
}

/* A line that starts with a command word the language does not know, but
 * whose arguments do not fit the command, gets the command's usage rather
 * than "unknown name". Returns true when it printed one. */
static bool repl_usage(cli_state *cs, const char *line, int status) {
  static const char *const usage[][2] = {
      {"help", "help [TOPIC]"},
      {"units", "units [FILTER] (one word; see help commands)"},
      {"assumptions", "assumptions (no arguments)"},
      {"explain", "explain (no arguments): the derivation of the last result"},
      {"set", "set digits|precision|max-bits|max-depth|max-line|max-work N | set binary|decimal-comma on|off | set"},
      {"quit", "quit (no arguments)"},
      {"exit", "exit (no arguments)"},
  };
  const char *w[1] = {NULL};
  size_t wl[1] = {0};
  if (status != DS_E_UNKNOWN || cli_words(line, strlen(line), w, wl, 1) == 0) return false;
  if (ds_ctx_error_start(cs->ctx) != (long)(w[0] - line)) return false;
  for (size_t i = 0; i < sizeof usage / sizeof usage[0]; i++)
    if (cli_is_word(w[0], wl[0], usage[i][0])) {
      cli_diag(cs, "error", "usage: %s", usage[i][1]);
      return true;
    }
  return false;
}

/* ---- evaluation ---------------------------------------------------------- */

typedef struct {
  char *s;
  size_t len, cap;
  bool pending; /* s is an unfinished expression awaiting more lines */
  long depth;   /* while pending: '(' minus ')' in s, before any '#' */
  bool closed;  /* while pending: at some point more ')' than '(' */
  bool comment; /* while pending: s holds a '#' (the rest of s is a comment) */
} repl_buf;

/* Blocks of continuation lines up to this size are given to the library at
 * every line, so a mistake typed at "... " is reported at once; a bigger
 * block (a paste) only when its parentheses close. Parsing the whole block
 * again at every line made a pasted block cost the square of its size. */
#define REPL_CHECK_EVERY 4096

static void repl_buf_add(repl_buf *b, const char *p, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1) cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s) {
      fputs("datascale: out of memory\n", stderr);
      exit(3);
    }
    b->s = s;
    b->cap = cap;
  }
  memcpy(b->s + b->len, p, n);
  b->len += n;
  b->s[b->len] = 0;
}

/* Counts the parentheses of p[0..n), appended to a pending block, as the
 * library's lexer sees them: a '#' starts a comment that runs to the end of
 * the joined block. The bytes '(', ')' and '#' never occur inside another
 * token (names, numbers, UTF-8 sequences), so counting bytes counts tokens. */
static void repl_buf_parens(repl_buf *b, const char *p, size_t n) {
  for (size_t i = 0; i < n && !b->comment; i++) {
    if (p[i] == '(') b->depth++;
    else if (p[i] == ')' && --b->depth < 0) b->closed = true;
    else if (p[i] == '#') b->comment = true;
  }
}

static bool repl_blank(const char *s) {
  while (*s == ' ' || *s == '\t') s++;
  return !*s || *s == '#';
}

/* Handles one physical line; `b` carries an unfinished expression between
 * calls. Returns true to leave. */
static bool repl_line(cli_state *cs, repl_buf *b, const char *p, size_t n) {
  if (b->pending) {
    repl_buf_add(b, " ", 1); /* the lines are joined with a space */
  } else {
    b->len = 0;
  }
  size_t from = b->len;
  repl_buf_add(b, p, n);
  if (!b->pending) {
    if (repl_blank(b->s)) return false;
    int c = repl_command(cs, b->s);
    if (c != REPL_EXPR) {
      repl_remember(b->s);
      fflush(stdout);
      return c == REPL_QUIT;
    }
  } else {
    /* Parentheses still open in a big block: the library would only say
     * "incomplete" (or find a mistake, reported when the block closes). */
    repl_buf_parens(b, b->s + from, b->len - from);
    if (b->len > REPL_CHECK_EVERY && b->depth > 0 && !b->closed) return false;
  }
  ds_result *r = NULL;
  int st = ds_eval(cs->ctx, b->s, b->len, &r);
  if (!r) {
    fputs("datascale: out of memory\n", stderr);
    exit(3);
  }
  if (st == DS_E_INCOMPLETE) {
    if (!b->pending) { /* a block starts: count its first line */
      b->depth = 0;
      b->closed = b->comment = false;
      repl_buf_parens(b, b->s, b->len);
    }
    b->pending = true;
    ds_result_free(r);
    return false;
  }
  b->pending = false;
  repl_remember(b->s);
  if (st == DS_E_CANCELLED) {
    repl_say_interrupted(false);
  } else if (cs->json || cs->csv || !repl_usage(cs, b->s, st)) {
    cli_emit(cs, b->s, b->len, r, NULL, 0);
  }
  if (st == DS_OK) {
    ds_result_free(repl_last);
    repl_last = r;
  } else {
    ds_result_free(r);
  }
  return false;
}

/* SIGINT: restarting system calls, except around the getline() fallback,
 * which Ctrl-C must interrupt. */
static void repl_sigint_install(bool restart, struct sigaction *old) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = repl_on_sigint;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = restart ? SA_RESTART : 0;
  sigaction(SIGINT, &sa, old);
}

int cli_repl(cli_state *cs) {
  struct sigaction old, old_hup, old_term, sa;
  repl_ctx = cs->ctx;
  ds_ctx_set_explain(cs->ctx, DS_EXPLAIN_TEXT); /* keep every derivation for explain */
  repl_sigint_install(true, &old);
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = repl_on_hangup; /* no SA_RESTART: a read must return */
  sigemptyset(&sa.sa_mask);
  /* a signal ignored from the start (nohup) stays ignored */
  sigaction(SIGHUP, NULL, &old_hup);
  sigaction(SIGTERM, NULL, &old_term);
  if (old_hup.sa_handler != SIG_IGN) sigaction(SIGHUP, &sa, NULL);
  if (old_term.sa_handler != SIG_IGN) sigaction(SIGTERM, &sa, NULL);
  if (!cs->quiet) { /* main.c runs the REPL only when stdin is a terminal */
    printf("datascale %s \u2014 type help for help, quit to leave\n", ds_version());
    fflush(stdout);
  }
  repl_input_init(cs);
  repl_buf b;
  memset(&b, 0, sizeof b);
  bool quit = false;
  while (!quit && !repl_hangup) {
    repl_continuing = b.pending;
    if (!RL) repl_sigint_install(false, NULL);
    char *line = repl_read(b.pending ? REPL_MORE : REPL_PROMPT);
    if (!RL) repl_sigint_install(true, NULL);
    if (repl_abandon) { /* Ctrl-C at a prompt dropped the pending lines */
      repl_abandon = 0;
      b.pending = false;
    }
    if (!line || repl_hangup) { /* Ctrl-D, or the terminal is gone */
      if (!repl_hangup) fputc('\n', stdout);
      repl_free(line);
      break;
    }
    /* A pasted block may hold several lines. */
    for (char *p = line, *nl; !quit && !repl_hangup && p; p = nl ? nl + 1 : NULL) {
      nl = strchr(p, '\n');
      size_t n = nl ? (size_t)(nl - p) : strlen(p);
      while (n && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t')) n--;
      quit = repl_line(cs, &b, p, n);
    }
    repl_free(line);
  }
  fflush(stdout);
  repl_input_done(cs);
  sigaction(SIGINT, &old, NULL);
  sigaction(SIGHUP, &old_hup, NULL);
  sigaction(SIGTERM, &old_term, NULL);
  if (repl_hangup) { /* the history is saved: die of the signal, as expected */
    signal(repl_hangup, SIG_DFL);
    raise(repl_hangup);
  }
  repl_ctx = NULL;
  ds_result_free(repl_last);
  repl_last = NULL;
  free(b.s);
  ds_ctx_set_explain(cs->ctx, cs->explain != DS_EXPLAIN_OFF ? DS_EXPLAIN_TEXT : DS_EXPLAIN_OFF);
  return 0;
}
