/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli.h -- shared state of the datascale command's files. */
#ifndef DS_CLI_H
#define DS_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "datascale.h"

typedef struct cli_notes cli_notes;

typedef struct {
  ds_ctx *ctx;
  bool json, terse, quiet;
  bool csv;           /* --csv: a header row, then a row per input (out.c) */
  ds_explain explain; /* DS_EXPLAIN_OFF, _TEXT or _MARKDOWN (--explain=markdown) */
  int color;          /* -1 auto, 0 never, 1 always; resolved by cli_color_init */
  bool color_out, color_err;
  cli_notes *notes; /* while a batch runs in text mode: the notes written so far (out.c) */
  bool strict;      /* --strict: a story with an off claim exits 1 */
} cli_state;

typedef enum { CLI_EXPR, CLI_FILE, CLI_STORY } cli_input_kind;

typedef struct {
  const char *text; /* an expression (-e) or a file name (-f, --read) */
  cli_input_kind kind;
} cli_input;

/* Decides colour for stdout and stderr: --color, NO_COLOR, TERM, isatty. */
void cli_color_init(cli_state *cs);
/* "datascale: LABEL: message" on stderr, coloured when allowed. */
void cli_diag(const cli_state *cs, const char *label, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The header row of --csv. */
void cli_csv_header(void);
/* Prints one result in the mode of cs (text, --terse, --json, --csv; notes; an
 * error with a caret, or FILE:LINE:COLUMN when `file` names a batch line).
 * `line` > 0 is the input line of the result (its JSON row's "line").
 * Returns 0 for a success, 1 for an error. */
int cli_emit(cli_state *cs, const char *expr, size_t len, const ds_result *r, const char *file, long line);
/* Prints the error of a batch line longer than the line limit, read in
 * part: "line too long: TOTAL bytes" (or "more than TOTAL bytes" when
 * `more`), at FILE:LINE:1; with --json, the row of `r` (ds_eval of the
 * line's first bytes, refused for its length) with that message. Returns 1. */
int cli_emit_too_long(cli_state *cs, const ds_result *r, unsigned long long total, bool more, const char *file,
                      long line);
/* The notes of one batch in text mode: a note is written where it first
 * occurs and counted where it repeats; cli_notes_end writes a summary line
 * for each note that repeated and frees the table. NULL when memory runs
 * out (then every note is written). */
cli_notes *cli_notes_new(void);
void cli_notes_end(cli_state *cs, cli_notes *t, const char *file);
/* Evaluates one expression (operands, -e) and prints the result or the
 * error with a caret; `line` is its number among the command's
 * expressions (the "line" of its JSON row). Returns 0 or 1. */
int cli_one(cli_state *cs, const char *expr, size_t len, long line);
/* Evaluates each line of a file ("-" is stdin). Returns 0, 1, 2 when the
 * file cannot be read, or 130 when SIGINT stopped it. */
int cli_batch_file(cli_state *cs, const char *path);
/* Reads a story (--read FILE, the prompt's "read FILE"; "-" is stdin)
 * and prints its findings in the mode of cs: text, --json (a row per
 * finding) or --explain=markdown (a memo). Returns 0, 1 when --strict and
 * a claim is off, 2 when the file cannot be read (story.c). */
int cli_story(cli_state *cs, const char *path);
/* A batch was stopped by SIGINT: later inputs (-e, -f) are skipped. */
bool cli_batch_interrupted(void);
/* The interactive prompt; returns the exit status. */
int cli_repl(cli_state *cs);
/* Gives GMP the command's memory functions: a 1 GiB budget (exit 3 past
 * it) and a pool of small blocks (alloc.c). Call before any GMP use. */
void cli_alloc_install(void);
/* "readline 8.2\n" or "" */
const char *cli_repl_version(void);

/* The prompt's history file (hist.c). */
#define CLI_HIST_MAX 1000  /* entries kept */
#define CLI_HIST_LINE 4096 /* longer lines are not recorded */
/* Decides where the history file is and reads its last CLI_HIST_MAX
 * entries, giving each to `add`, oldest first. A refusal is a warning,
 * and history is off for the session. */
void cli_hist_open(cli_state *cs, void (*add)(const char *entry));
/* Adds an entry to the file at once (cutting the file down after every
 * CLI_HIST_MAX). A failure is a warning, and history is off. */
void cli_hist_add(cli_state *cs, const char *entry);
/* The session ends: the file is cut down to its last CLI_HIST_MAX entries. */
void cli_hist_close(cli_state *cs);
/* The history file, or NULL when history is off. */
const char *cli_hist_path(void);

/* The name of topic i of cli_help (the rules, the commands, the
 * functions; "prompt" is the prompt's own help, what "help" alone prints),
 * or NULL past the last. */
const char *cli_help_topic(size_t i);
/* Prints the help on `topic` (NULL: the prompt's own help); `keys_status`
 * ends the "keys" topic (the prompt's line editing and history), or NULL.
 * Returns 0, or 2 after an error naming the topics. */
int cli_help(const cli_state *cs, const char *topic, const char *keys_status);
/* Prints the units and items with a word starting with `filter` (NULL or
 * "": all; ds_ctx_units). Returns 0, or 1 after a note when none match. */
int cli_list(const cli_state *cs, const char *filter);
/* Runs a line that is exactly "help [TOPIC]" or "units [FILTER]" (one
 * argument that starts like a word): returns the exit status, or -1 when
 * the line is not one of those commands. */
int cli_shell_command(cli_state *cs, const char *line, size_t len);
/* "read FILE" (the rest of the line is the path): cli_story's status, or -1
 * when the line is not that command. */
int cli_read_command(cli_state *cs, const char *line, size_t len);
/* After a line that failed on an unknown name "help" or "units" as its
 * first word: a note that says where those commands are. */
void cli_command_hint(const cli_state *cs, const char *expr, size_t len, const ds_result *r);
/* Splits line[0..len) into blank-separated words; returns how many (at
 * most max + 1, meaning "more than max"). */
int cli_words(const char *line, size_t len, const char *w[], size_t wl[], int max);
/* Is w[0..wl) the word `word`? */
bool cli_is_word(const char *w, size_t wl, const char *word);
/* Does w start like a command's argument (a word or a number), never like
 * an operator, so "units = 5 MB" and "units * 2" stay expressions? */
bool cli_is_arg(const char *w);

#endif
