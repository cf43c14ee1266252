/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rl.h -- GNU readline, loaded when the REPL starts (rl.c). */
#ifndef DS_CLI_RL_H
#define DS_CLI_RL_H

#include "config.h"

#ifdef HAVE_READLINE
#include <stdio.h> /* readline.h needs FILE */
#include <readline/history.h>
#include <readline/readline.h>

/* The functions and variables of libreadline the REPL uses, typed by the
 * library's own declarations. A variable is reached through its address:
 * *rl->history_length. */
/* clang-format off */
#define CLI_RL_FUNCTIONS(X)                                                                                    \
  X(readline) X(add_history) X(clear_history) X(history_get) X(rl_completion_matches) X(rl_crlf)            \
  X(rl_free_line_state) X(rl_on_new_line)                                                                    \
  X(rl_redisplay) X(rl_replace_line) X(rl_set_prompt) X(stifle_history) X(using_history)
#define CLI_RL_VARIABLES(X)                                                                                    \
  X(history_length) X(history_base) X(rl_attempted_completion_over) X(rl_completion_suppress_append)         \
  X(rl_line_buffer) X(rl_readline_name) X(rl_attempted_completion_function) X(rl_basic_word_break_characters) \
  X(rl_completer_word_break_characters) X(rl_signal_event_hook) X(rl_library_version)
/* clang-format on */

#define CLI_RL_FIELD(name) __typeof__(name) *name;
typedef struct {
  CLI_RL_FUNCTIONS(CLI_RL_FIELD)
  CLI_RL_VARIABLES(CLI_RL_FIELD)
} cli_rl_api;
#undef CLI_RL_FIELD

/* libreadline, loaded on the first call; NULL when it cannot be (the REPL
 * then reads plain lines). */
const cli_rl_api *cli_rl(void);
#endif

#endif
