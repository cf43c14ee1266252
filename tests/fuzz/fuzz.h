/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz.h -- what the libFuzzer targets in tests/fuzz share.
 *
 * Each target (fuzz_eval.c, fuzz_defs.c, fuzz_json.c) defines
 * LLVMFuzzerTestOneInput and uses only the public API (datascale.h). The
 * same objects link either with libFuzzer (clang -fsanitize=fuzzer, under
 * --enable-fuzzing) or with replay.c, the standalone driver `make check`
 * uses to replay the committed corpus.
 *
 * A target never exits and never prints on success. When the library
 * breaks a promise of datascale.h (a result that disagrees with its status,
 * JSON that does not parse, text that is not UTF-8, a failed definitions
 * load that kept something), fuzz_fail() prints why and aborts, which
 * libFuzzer reports as a crash.
 */
#ifndef DS_FUZZ_H
#define DS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "datascale.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Prints "fuzz invariant: " and the message on stderr, then aborts. */
#if defined(__GNUC__)
__attribute__((noreturn, format(printf, 1, 2)))
#endif
void fuzz_fail(const char *fmt, ...);

#define FUZZ_CHECK(cond, ...)                                                                                          \
  do {                                                                                                                 \
    if (!(cond)) fuzz_fail(__VA_ARGS__);                                                                               \
  } while (0)

/* Like fuzz_fail(), for an invariant that a known bug still breaks: when
 * the environment variable DS_KNOWN_BUGS (ids such as "spelling-order work-budget", separated by
 * spaces or commas) names one of the ids in `bugs` (same syntax), the
 * message is printed (the first few times for each id), counted, and the
 * call returns; otherwise it is fuzz_fail(). At exit, a line per id says
 * how often it was hit. `make check` sets DS_KNOWN_BUGS to the bugs not
 * fixed yet (Makefile.am), so the replay stays green while they are open. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void fuzz_known(const char *bugs, const char *fmt, ...);

/* A new context with the tight limits every target uses: numbers of at
 * most 2^16 bits and lines of 64 KiB; the default depth (1000) and MPFR
 * precision (128 bits). Aborts if the library cannot make one. */
ds_ctx *fuzz_ctx_new(void);

/* A new context with every limit at the library's default (the limits a
 * user of the command meets: numbers of 2^24 bits, lines of 1 MiB, 512
 * million steps of work), rewound like fuzz_ctx_new(). */
ds_ctx *fuzz_ctx_new_default(void);

/* CPU time used by the calling thread, in seconds. Unlike wall time, it
 * does not grow when other programs load the machine. */
double fuzz_cpu_seconds(void);

/* Brings a context that may have evaluated lines back to its state right
 * after fuzz_ctx_new(): no variables (a "reset" line) and ans = 0. */
void fuzz_ctx_rewind(ds_ctx *ctx);

/* 1 when the bytes may change a context beyond what fuzz_ctx_rewind()
 * undoes: a line "NAME = !NAME" declares a new base dimension. */
int fuzz_changes_registry(const char *s, size_t n);

/* Checks every promise of datascale.h about one ds_eval() call on
 * src[0..len) that returned `status` and `r`: status and result agree
 * with the context's last error, the error span lies in the line, all
 * text is valid UTF-8, exact strings are rationals, and
 * ds_result_json(r, line) is one valid JSON object whose "input", "text",
 * "ok" and "value" members say what the accessors say. */
void fuzz_check_result(ds_ctx *ctx, const char *src, size_t len, int status, const ds_result *r, long line);

/* Checks that a string the library returned is valid UTF-8 (what names it
 * in the failure message). */
void fuzz_check_text(const char *what, const char *s);

#endif
