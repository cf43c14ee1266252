/*
 * repl.c -- the interactive prompt.
 *
 * GNU readline sits behind three small wrappers (as lua.c does), so the
 * loop is the same with or without it. Lines go through cli_one(), which
 * prints results and errors with a caret.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "cli.h"
#include "config.h"

#ifdef HAVE_READLINE
#include <readline/history.h>
#include <readline/readline.h>
#endif

static char *repl_read(const char *prompt) {
#ifdef HAVE_READLINE
  return readline(prompt);
#else
  fputs(prompt, stdout);
  fflush(stdout);
  char *line = NULL;
  size_t cap = 0;
  ssize_t n = getline(&line, &cap, stdin);
  if (n < 0) {
    free(line);
    return NULL;
  }
  if (n && line[n - 1] == '\n') line[n - 1] = 0;
  return line;
#endif
}

static void repl_remember(const char *line) {
#ifdef HAVE_READLINE
  if (*line) add_history(line);
#else
  (void)line;
#endif
}

static void repl_free(char *line) { free(line); }

const char *cli_repl_version(void) {
#ifdef HAVE_READLINE
  static char v[64];
  snprintf(v, sizeof v, "readline %s\n", rl_library_version ? rl_library_version : "?");
  return v;
#else
  return "";
#endif
}

int cli_repl(cli_state *cs) {
#ifdef HAVE_READLINE
  rl_readline_name = "datascale";
#endif
  char *line;
  while ((line = repl_read("> ")) != NULL) {
    size_t n = strlen(line);
    while (n && (line[n - 1] == ' ' || line[n - 1] == '\t')) n--;
    if (n == 4 && strncmp(line, "quit", 4) == 0) {
      repl_free(line);
      break;
    }
    if (n) {
      repl_remember(line);
      cli_one(cs, line, n);
    }
    repl_free(line);
  }
  return 0;
}
