/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rl.c -- GNU readline, loaded with dlopen() when the REPL starts.
 *
 * One-shot commands and batches never edit lines, yet a command linked
 * with readline loads it (and libtinfo) on every run: a third of a megabyte
 * of resident memory and a share of the start-up time spent relocating
 * them (bench/README.md). So the command is not linked with readline; the
 * REPL (and --version) asks for it here, by the soname configure found
 * (READLINE_SONAME). When it cannot be loaded the REPL reads plain lines, as
 * a --with-readline=no build does. A command linked statically has it in
 * the executable instead.
 */
#include "rl.h"

#if defined(HAVE_READLINE) && defined(DS_STATIC_READLINE)
/* A command linked statically (configure --enable-static-command) has
 * readline in the executable: its pages are read only when the REPL runs,
 * so there is nothing to load. */
#define RL_ADDRESS(name) &name,
static const cli_rl_api rl_api = {CLI_RL_FUNCTIONS(RL_ADDRESS) CLI_RL_VARIABLES(RL_ADDRESS)};
#undef RL_ADDRESS

const cli_rl_api *cli_rl(void) { return &rl_api; }
#elif defined(HAVE_READLINE)
#include <dlfcn.h>

static cli_rl_api rl_api;
static int rl_state; /* 0 not tried yet, 1 loaded, -1 not loadable */

const cli_rl_api *cli_rl(void) {
  if (rl_state) return rl_state > 0 ? &rl_api : NULL;
  rl_state = -1;
  void *h = dlopen(READLINE_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (!h) return NULL;
    /* POSIX's way to store a data pointer from dlsym into a function pointer */
#define RL_LOAD(name)                                                                                                  \
  if (!(*(void **)&rl_api.name = dlsym(h, #name))) {                                                                   \
    dlclose(h);                                                                                                        \
    return NULL;                                                                                                       \
  }
  CLI_RL_FUNCTIONS(RL_LOAD)
  CLI_RL_VARIABLES(RL_LOAD)
#undef RL_LOAD
  rl_state = 1;
  return &rl_api;
}
#else
typedef int rl_unused; /* ISO C wants something in every file */
#endif
