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
 * A line is either a REPL command (help, units, assumptions [changed],
 * explain, set, quit/exit) or an expression for ds_eval(). A command is
 * recognised only when the line is exactly the command word followed by the
 * arguments that command takes, so a unit, item or variable sharing a
 * command's name stays reachable as "(units)" or inside any larger
 * expression ("units * 2").
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
 * History (readline builds only) is a file of datascale's own (hist.c):
 * read when the session starts, each entry added to it at once, cut down
 * when the session ends. SIGHUP (the terminal closed) and SIGTERM end the
 * session as quit does, then the process dies of the signal.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"

#include "rl.h"

#define REPL_PROMPT "> "
#define REPL_MORE "... " /* continuation after an open parenthesis */

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

/* ---- completion (readline) ----------------------------------------------- */

#ifdef HAVE_READLINE
/* The commands' vocabulary. */
static const char *const repl_commands[] = {"help",  "units", "assumptions", "explain", "set",
                                            "reset", "read",  "quit",        "exit",    NULL};
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

/* Adds `word` if it starts with typed[0..tl), from byte `skip` on: readline
 * replaces only the text after the last break character, so for "max-w"
 * (text "w") the candidate is "work". */
static void repl_cand_arg(const char *word, const char *typed, size_t tl, size_t skip) {
  size_t n = strlen(word);
  if (n >= skip && strncmp(word, typed, tl) == 0) repl_cand_add(word + skip, n - skip);
}

/* The names from the library that start with `text` (units with their
 * prefixed forms, items, also as output prints them, variables and
 * functions), from byte `skip` on; a name of several words or with a
 * hyphen ("Blu-ray": a minus elsewhere) only when `phrases` (after to,
 * in, as). Returns how many were added. */
static size_t repl_cand_library(const char *text, size_t skip, bool phrases) {
  size_t n0 = repl_ncands;
  char *list = ds_ctx_completions(repl_cs->ctx, text);
  for (const char *p = list; p && *p;) {
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) : strlen(p);
    if (len > skip && (phrases || (!memchr(p, ' ', len) && !memchr(p, '-', len)))) repl_cand_add(p + skip, len - skip);
    p += len + (nl != NULL);
  }
  ds_free(list);
  return repl_ncands - n0;
}

/* Names and the language's keywords. After a conversion word (to, in, as)
 * an item may be named as output prints it, in several words: what was
 * typed since that word is completed as one name ("hours of H" gives "HD
 * video"), when some name starts so. */
static void repl_cand_names(const char *text, int start, int end) {
  const char *lb = RLV(rl_line_buffer);
  int from = -1; /* where the words after the last conversion word start */
  for (int i = 0; i < start;) {
    while (i < start && (lb[i] == ' ' || lb[i] == '\t')) i++;
    int j = i;
    while (j < end && lb[j] != ' ' && lb[j] != '\t') j++;
    if (j >= start) break;
    if (j - i == 2 && (memcmp(lb + i, "to", 2) == 0 || memcmp(lb + i, "in", 2) == 0 || memcmp(lb + i, "as", 2) == 0))
      from = j;
    i = j;
  }
  while (from >= 0 && from < start && (lb[from] == ' ' || lb[from] == '\t')) from++;
  if (from >= 0 && from < start) {
    char *phrase = malloc((size_t)(end - from) + 1);
    if (phrase) {
      memcpy(phrase, lb + from, (size_t)(end - from));
      phrase[end - from] = 0;
      size_t n = repl_cand_library(phrase, (size_t)(start - from), true);
      free(phrase);
      if (n) return;
    }
  }
  repl_cand_library(text, 0, from == start);
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
 * the start of a line, topics after "help", settings after "set", on or off
 * after "set binary" and "set decimal-comma", "changed" after
 * "assumptions", names elsewhere (and always in a continuation line). */
static char **repl_complete(const char *text, int start, int end) {
  RLV(rl_attempted_completion_over) = 1; /* never file names */
  const char *lb = RLV(rl_line_buffer);
  int ws = start; /* where the blank-separated word being completed starts */
  while (ws > 0 && lb[ws - 1] != ' ' && lb[ws - 1] != '\t') ws--;
  const char *typed = lb + ws;
  size_t tl = (size_t)(end - ws), skip = (size_t)(start - ws);
  char w[2][16] = {"", ""};
  int nw = 0;
  bool extra = false; /* more than two words, or a long one, before the word */
  for (int i = 0; i < ws && !extra;) {
    while (i < ws && (lb[i] == ' ' || lb[i] == '\t')) i++;
    int j = i;
    while (j < ws && lb[j] != ' ' && lb[j] != '\t') j++;
    if (j == i) break;
    if (nw == 2 || j - i >= (int)sizeof w[0]) extra = true;
    else snprintf(w[nw++], sizeof w[0], "%.*s", j - i, lb + i);
    i = j;
  }
  static const char *const settings[] = {"digits",    "binary",   "decimal-comma", "precision", "max-bits",
                                         "max-depth", "max-line", "max-work",      NULL};
  static const char *const onoff[] = {"on", "off", NULL};
  repl_ncands = repl_next = 0;
  if (repl_continuing || extra) {
    repl_cand_names(text, start, end);
  } else if (nw == 0) {
    for (size_t i = 0; repl_commands[i]; i++) repl_cand_arg(repl_commands[i], typed, tl, skip);
    repl_cand_names(text, start, end);
  } else if (nw == 1 && strcmp(w[0], "help") == 0) {
    for (size_t i = 0; cli_help_topic(i); i++) repl_cand_arg(cli_help_topic(i), typed, tl, skip);
  } else if (nw == 1 && strcmp(w[0], "set") == 0) {
    for (size_t i = 0; settings[i]; i++) repl_cand_arg(settings[i], typed, tl, skip);
  } else if (nw == 1 && strcmp(w[0], "assumptions") == 0) {
    repl_cand_arg("changed", typed, tl, skip);
  } else if (nw == 2 && strcmp(w[0], "set") == 0 &&
             (strcmp(w[1], "binary") == 0 || strcmp(w[1], "decimal-comma") == 0)) {
    for (size_t i = 0; onoff[i]; i++) repl_cand_arg(onoff[i], typed, tl, skip);
  } else if (nw == 2 && strcmp(w[0], "set") == 0) {
    /* a number: nothing to offer */
  } else {
    repl_cand_names(text, start, end);
  }
  /* "sqrt(" wants its argument next, not a space */
  RLV(rl_completion_suppress_append) =
      repl_ncands == 1 && *repl_cands[0] && repl_cands[0][strlen(repl_cands[0]) - 1] == '(';
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

#ifdef HAVE_READLINE
/* An entry of the history file, for Up and Down. */
static void repl_hist_entry(const char *entry) { RL->add_history(entry); }
#endif

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
  RL->stifle_history(CLI_HIST_MAX);
  cli_hist_open(cs, repl_hist_entry);
#else
  (void)cs;
#endif
}

static void repl_input_done(cli_state *cs) {
#ifdef HAVE_READLINE
  if (!RL) return;
  cli_hist_close(cs);
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
  if (!RL || !*line || strlen(line) > CLI_HIST_LINE) return;
  HIST_ENTRY *last = RLV(history_length) > 0 ? RL->history_get(RLV(history_base) + RLV(history_length) - 1) : NULL;
  if (last && last->line && strcmp(last->line, line) == 0) return;
  RL->add_history(line);
  cli_hist_add(repl_cs, line);
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
  else if (cli_hist_path())
    snprintf(status, sizeof status, "History: %s (DATASCALE_HISTFILE names another file; empty, none)\n",
             cli_hist_path());
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
  if (cli_read_command(cs, line, strlen(line)) >= 0) return REPL_DONE;
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
  } else if (cli_is_word(w[0], wl[0], "assumptions") && n == 2 && strcmp(arg, "changed") == 0) {
    repl_print_list(cs, ds_ctx_assumptions_changed(cs->ctx), "no assumption differs from the catalogue");
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
      {"assumptions", "assumptions [changed]"},
      {"explain", "explain (no arguments): the derivation of the last result"},
      {"set", "set digits|precision|max-bits|max-depth|max-line|max-work N | set binary|decimal-comma on|off | set"},
      {"quit", "quit (no arguments)"},
      {"exit", "exit (no arguments)"},
      {"read", "read FILE (a story: plain text, Markdown or HTML)"},
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
