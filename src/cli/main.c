/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main.c -- the datascale command: options, one-shot, -e, -f, stdin batch.
 *
 * Uses only the public header. Results go to stdout, diagnostics to
 * stderr; with --json every evaluated line (error or not) is one JSON
 * object on stdout so rows stay aligned with inputs. Exit status: 0 all
 * lines succeeded, 1 at least one failed, 2 usage, I/O or definitions
 * error. --list, --help-topic and --complete print what the prompt's
 * "units", "help" and completion give, and do nothing else (help.c).
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <fcntl.h>
#include <getopt.h>
#include <gmp.h>
#include <limits.h>
#include <mpfr.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "datascale.h"

enum {
  OPT_JSON = 256,
  OPT_CSV,
  OPT_EXACT,
  OPT_BINARY,
  OPT_DECIMAL_COMMA,
  OPT_UNITS_FILE,
  OPT_NO_USER_UNITS,
  OPT_COLOR,
  OPT_HELP,
  OPT_VERSION,
  OPT_MAX_BITS,
  OPT_MAX_DEPTH,
  OPT_MAX_LINE,
  OPT_MAX_WORK,
  OPT_EXPLAIN,
  OPT_PRECISION,
  OPT_LIST,
  OPT_HELP_TOPIC,
  OPT_COMPLETE,
  OPT_READ,
  OPT_STRICT
};

static const struct option cli_longopts[] = {
    {"json", no_argument, NULL, OPT_JSON},
    {"csv", no_argument, NULL, OPT_CSV},
    {"terse", no_argument, NULL, 't'},
    {"digits", required_argument, NULL, 'd'},
    {"exact", no_argument, NULL, OPT_EXACT},
    {"explain", optional_argument, NULL, OPT_EXPLAIN},
    {"assume", required_argument, NULL, 'a'},
    {"binary", no_argument, NULL, OPT_BINARY},
    {"decimal-comma", no_argument, NULL, OPT_DECIMAL_COMMA},
    {"units-file", required_argument, NULL, OPT_UNITS_FILE},
    {"no-user-units", no_argument, NULL, OPT_NO_USER_UNITS},
    {"color", optional_argument, NULL, OPT_COLOR},
    {"colour", optional_argument, NULL, OPT_COLOR},
    {"quiet", no_argument, NULL, 'q'},
    {"expression", required_argument, NULL, 'e'},
    {"file", required_argument, NULL, 'f'},
    {"max-bits", required_argument, NULL, OPT_MAX_BITS},
    {"max-depth", required_argument, NULL, OPT_MAX_DEPTH},
    {"max-line", required_argument, NULL, OPT_MAX_LINE},
    {"max-work", required_argument, NULL, OPT_MAX_WORK},
    {"precision", required_argument, NULL, OPT_PRECISION},
    {"list", optional_argument, NULL, OPT_LIST},
    {"help-topic", required_argument, NULL, OPT_HELP_TOPIC},
    {"complete", required_argument, NULL, OPT_COMPLETE},
    {"read", required_argument, NULL, OPT_READ},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"help", no_argument, NULL, OPT_HELP},
    {"version", no_argument, NULL, OPT_VERSION},
    {NULL, 0, NULL, 0},
};

static void cli_usage(FILE *out) {
  fputs("Usage: datascale [OPTION]... [EXPRESSION]...\n"
        "Exact calculator for data sizes: units done right, ranges, equivalents.\n"
        "\n"
        "  datascale 1400 TB to GB        the operands are one expression\n"
        "  datascale -e EXPR -e EXPR      each -e is one expression, in one session\n"
        "  datascale -f FILE              one expression per line (- is stdin)\n"
        "  datascale < FILE               the same, from standard input\n"
        "  datascale                      the interactive prompt (on a terminal)\n"
        "  datascale help [TOPIC]         the prompt's help (also --help-topic TOPIC)\n"
        "  datascale units [FILTER]       units and catalogue items (also --list FILTER)\n"
        "\n"
        "Options:\n"
        "      --json             one JSON object per line (JSON Lines), errors included\n"
        "      --csv              CSV for spreadsheets: a header, then a row per input\n"
        "                         (input,ok,value,unit,low,high,text,warnings)\n"
        "  -t, --terse            print the number only\n"
        "  -d, --digits=N         significant digits of approximate results (default 6)\n"
        "      --exact            also print the exact rational and its full decimal\n"
        "                         expansion, the repeating part in parentheses\n"
        "      --explain[=markdown]  print the derivation of each result: units in\n"
        "                         bytes, each assumption with its source and year,\n"
        "                         the exact arithmetic and the rounding\n"
        "  -a, --assume NAME=EXPR set an assumption before evaluating (repeatable)\n"
        "      --binary           read KB MB GB TB PB EB ZB YB as powers of 1024\n"
        "      --decimal-comma    read and write numbers as 1.400,5 (',' is the decimal\n"
        "                         comma, '.' groups thousands)\n"
        "      --units-file=FILE  read extra definitions from FILE (repeatable)\n"
        "      --no-user-units    do not read ~/.config/datascale/units\n"
        "      --color[=WHEN]     colour diagnostics: auto (default), always, never\n"
        "  -q, --quiet            no notes or warnings on standard error\n"
        "  -e, --expression=EXPR  evaluate EXPR (repeatable)\n"
        "  -f, --file=FILE        evaluate each line of FILE (repeatable; - is stdin)\n"
        "      --read=FILE        check every data-size claim in a story (plain text,\n"
        "                         Markdown or HTML; repeatable; - is stdin)\n"
        "      --strict           with --read, exit 1 when a claim is off\n"
        "      --max-bits=N       size limit of any number, in bits (default 16777216)\n"
        "      --max-depth=N      nesting limit of an expression (default 1000)\n"
        "      --max-line=N       length limit of a line, in bytes (default 1048576)\n"
        "      --max-work=N       work limit of a line, in millions of steps of about a\n"
        "                         nanosecond (default 512)\n"
        "      --precision=BITS   working precision of sqrt, ln, exp, fractional powers\n"
        "                         (default 128, 53 to 262144)\n"
        "      --list[=FILTER]    list the units and catalogue items that have a word\n"
        "                         starting with FILTER (or the operands), and exit\n"
        "      --help-topic=TOPIC print a topic of the prompt's help and exit: a rule\n"
        "                         (units, names, items, ranges, readings, verdicts,\n"
        "                         limits, ...), a command (check, set, with, for, ...)\n"
        "                         or a function (growth, sqrt, ...); help lists them\n"
        "      --complete=PREFIX  print the names that start with PREFIX, one a line\n"
        "                         (for shell completion), and exit\n"
        "      --help             show this help and exit\n"
        "      --version          show the version and exit\n"
        "\n"
        "Units: b is bit and B is byte; kB, MB, GB, TB are powers of 1000 and KiB,\n"
        "MiB, GiB, TiB powers of 1024. Spellings such as mb or gb are refused as\n"
        "ambiguous. A year is the mean Gregorian year (365.2425 days) and a month\n"
        "a twelfth of it (30.436875 days).\n"
        "\n"
        "Exit status: 0 if every expression succeeded, 1 if any failed, 2 for a\n"
        "usage, input/output or definitions-file error.\n"
        "\n"
        "Report bugs to: " PACKAGE_BUGREPORT "\n",
        out);
}

static void cli_version(void) {
  printf("datascale (libdatascale) %s\n", ds_version());
  printf("GMP %s\n", gmp_version);
  printf("MPFR %s\n", mpfr_get_version());
  printf("%s", cli_repl_version());
  printf("JSON rows: schema version %d (datascale-row.schema.json)\n", DS_JSON_SCHEMA_VERSION);
  printf("Copyright (C) 2026 the datascale authors.\n"
         "The command is GPL-3.0-or-later; the library is LGPL-3.0-or-later.\n"
         "There is NO WARRANTY, to the extent permitted by law.\n");
}

static bool cli_parse_long(const char *s, long *out) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno || end == s || *end || v < 0) return false;
  *out = v;
  return true;
}

/* Sets a limit from its option. The library clamps a value to the limit's
 * safe range; the command refuses one that it would change (status 2), so
 * that --precision=99999999 is not silently run at a lower precision. The
 * range is the library's, read by setting 0 (its minimum) and LONG_MAX
 * (its maximum). */
static bool cli_set_limit(ds_ctx *ctx, int id, const char *opt, long v) {
  long old = ds_ctx_limit(ctx, id, v);
  if (ds_ctx_limit(ctx, id, -1) == v) return true;
  ds_ctx_limit(ctx, id, 0);
  long lo = ds_ctx_limit(ctx, id, LONG_MAX);
  long hi = ds_ctx_limit(ctx, id, old);
  fprintf(stderr, "datascale: %s wants a number from %ld to %ld, not '%ld'\n", opt, lo, hi, v);
  return false;
}

/* Why a file or directory cannot be trusted with the user's definitions:
 * writable by others (a directory with the sticky bit aside, as /tmp), or
 * owned by another user than the one running the command (root aside: it
 * can change anything anyway). NULL when it can. Either way someone else
 * could change what every result means. */
static const char *cli_unsafe(const struct stat *st, bool dir) {
  if ((st->st_mode & 022) && !(dir && (st->st_mode & S_ISVTX))) return "writable by others";
  if (st->st_uid != geteuid() && st->st_uid != 0) return "owned by another user";
  return NULL;
}

/* Reads a whole file into memory; NULL with errno on failure. `base`, for
 * the default user file (which must be BASE/datascale/units), asks for the
 * safe way: no symbolic link, and neither the file nor the directories
 * BASE/datascale and BASE may be unsafe (cli_unsafe); a refusal sets errno
 * to EPERM and *why to the reason. */
static char *cli_slurp(const char *path, size_t *len, const char *base, char *why, size_t whysize) {
  /* O_NONBLOCK: a named pipe must not block open(); fstat then refuses it. */
  int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK;
  if (base) {
    flags |= O_NOFOLLOW;
    /* The directories holding the file must be the user's too: whoever
     * can write to one of them can swap the file. */
    char dir[PATH_MAX];
    for (int up = 0; up < 2; up++) {
      int n = up ? snprintf(dir, sizeof dir, "%s", base) : snprintf(dir, sizeof dir, "%s/datascale", base);
      struct stat ds;
      const char *bad;
      if (n > 0 && (size_t)n < sizeof dir && stat(dir, &ds) == 0 && (bad = cli_unsafe(&ds, true))) {
        snprintf(why, whysize, "its directory %s is %s", dir, bad);
        errno = EPERM;
        return NULL;
      }
    }
  }
  int fd = open(path, flags);
  if (fd < 0) return NULL;
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > (16 << 20)) {
    close(fd);
    errno = S_ISREG(st.st_mode) ? EFBIG : EINVAL;
    return NULL;
  }
  const char *bad;
  if (base && (bad = cli_unsafe(&st, false))) {
    close(fd);
    snprintf(why, whysize, "the file is %s", bad);
    errno = EPERM;
    return NULL;
  }
  char *b = malloc((size_t)st.st_size + 1);
  size_t n = 0;
  ssize_t k;
  while (b && (k = read(fd, b + n, (size_t)st.st_size - n)) > 0) n += (size_t)k;
  close(fd);
  if (b) b[n] = 0;
  *len = n;
  return b;
}

/* Loads a definitions file; `base` as for cli_slurp (the default user
 * file, which may also be missing). */
static int cli_load_units(cli_state *cs, const char *path, const char *base) {
  size_t len;
  char why[PATH_MAX + 64] = "";
  char *text = cli_slurp(path, &len, base, why, sizeof why);
  if (!text) {
    if (base && errno == ENOENT) return 0;
    if (*why) fprintf(stderr, "datascale: %s: refused: %s (use --no-user-units to go without it)\n", path, why);
    else
      fprintf(stderr, "datascale: %s: %s%s\n", path, strerror(errno),
              errno == EINVAL  ? " (not a regular file)"
              : errno == EFBIG ? " (larger than 16 MiB, the limit of a units file)"
                               : "");
    return 2;
  }
  int st = ds_ctx_load_defs(cs->ctx, text, len, path);
  free(text);
  if (st) {
    cli_diag(cs, "error", "%s", ds_ctx_errmsg(cs->ctx));
    return 2;
  }
  return 0;
}

/* The user's units file: $DATASCALE_UNITS_FILE (*named set: it must
 * exist), or BASE/datascale/units with BASE ${XDG_CONFIG_HOME:-~/.config}
 * (optional; its BASE in `base`). False when there is none to look for. */
static bool cli_user_units_path(char *path, size_t size, bool *named, char *base, size_t basesize) {
  const char *env = getenv("DATASCALE_UNITS_FILE");
  const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
  *named = env && *env;
  if (*named) snprintf(path, size, "%s", env);
  else if (xdg && xdg[0] == '/') snprintf(base, basesize, "%s", xdg);
  else if (home && *home) snprintf(base, basesize, "%s/.config", home);
  else return false;
  if (!*named) {
    int n = snprintf(path, size, "%s/datascale/units", base);
    if (n < 0 || (size_t)n >= size) return false; /* too long a path: none to look for */
  }
  return true;
}

static int cli_user_units(cli_state *cs) {
  char path[PATH_MAX], base[PATH_MAX];
  bool named;
  if (!cli_user_units_path(path, sizeof path, &named, base, sizeof base)) return 0;
  return cli_load_units(cs, path, named ? NULL : base);
}

/* A first operand such as "-5" or "-.5" would read as an option: put "--"
 * before it so `datascale -5 MB + 2 MB` works. Returns a new argv (argc+1
 * slots) or NULL when nothing needs to change. */
static char **cli_negative_operand(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--") == 0) return NULL;
    if (a[0] != '-') continue;
    if (a[1] == 'd' || a[1] == 'a' || a[1] == 'e' || a[1] == 'f') {
      if (a[2] == 0) i++; /* the option's value is the next argument */
      continue;
    }
    if (a[1] == '-') {
      static const char *const withval[] = {
          "--digits",   "--assume",   "--units-file", "--expression", "--file",     "--max-bits", "--max-depth",
          "--max-line", "--max-work", "--precision",  "--help-topic", "--complete", "--read"};
      for (size_t k = 0; k < sizeof withval / sizeof withval[0]; k++)
        if (strcmp(a, withval[k]) == 0) i++;
      continue;
    }
    if ((a[1] >= '0' && a[1] <= '9') || a[1] == '.' || a[1] == '(') {
      char **nv = malloc(((size_t)argc + 2) * sizeof *nv);
      if (!nv) return NULL;
      memcpy(nv, argv, (size_t)i * sizeof *nv);
      nv[i] = (char *)"--";
      memcpy(nv + i + 1, argv + i, ((size_t)(argc - i) + 1) * sizeof *nv);
      return nv;
    }
  }
  return NULL;
}

/* The command line, parsed. */
typedef struct {
  int argc;
  char **argv;
  cli_state cs;
  const char **assumes, **ufiles;
  size_t nassume, nufiles;
  cli_input *inputs;
  size_t ninputs;
  bool no_user, binary, exact, decimal_comma;
  long digits, max_bits, max_depth, max_line, max_work, precision;
  int optind_end;          /* the first operand (getopt's optind after parsing) */
  bool list;               /* --list: the filter is list_filter or the operands */
  const char *list_filter; /* --list=FILTER, or NULL */
  const char *help_topic;  /* --help-topic, or NULL */
  const char *complete;    /* --complete, or NULL */
} cli_opts;

/* Parses the options into o. Returns -1 to go on, or the exit status
 * (--help, --version, a usage error). */
static int cli_parse(cli_opts *o, int argc, char **argv) {
  cli_state cs;
  memset(&cs, 0, sizeof cs);
  cs.color = -1;
  const char **assumes = o->assumes, **ufiles = o->ufiles;
  size_t nassume = 0, nufiles = 0;
  cli_input *inputs = o->inputs;
  size_t ninputs = 0;
  bool no_user = false, binary = false, exact = false, decimal_comma = false;
  long digits = -1, max_bits = -1, max_depth = -1, max_line = -1, max_work = -1, precision = -1;
  int rc = -1, c;
  o->list = false;
  o->list_filter = o->help_topic = o->complete = NULL;
  while ((c = getopt_long(argc, argv, "td:a:qe:f:", cli_longopts, NULL)) != -1) {
    switch (c) {
    case OPT_JSON: cs.json = true; break;
    case OPT_CSV: cs.csv = true; break;
    case 't': cs.terse = true; break;
    case 'd':
      if (!cli_parse_long(optarg, &digits) || digits < 1 || digits > 1000) {
        fprintf(stderr, "datascale: --digits wants a number from 1 to 1000, not '%s'\n", optarg);
        rc = 2;
        goto done;
      }
      break;
    case OPT_EXACT: exact = true; break;
    case OPT_EXPLAIN:
      if (!optarg || strcmp(optarg, "text") == 0) cs.explain = DS_EXPLAIN_TEXT;
      else if (strcmp(optarg, "markdown") == 0) cs.explain = DS_EXPLAIN_MARKDOWN;
      else {
        fprintf(stderr, "datascale: --explain wants text or markdown, not '%s'\n", optarg);
        rc = 2;
        goto done;
      }
      break;
    case 'a': assumes[nassume++] = optarg; break;
    case OPT_BINARY: binary = true; break;
    case OPT_DECIMAL_COMMA: decimal_comma = true; break;
    case OPT_UNITS_FILE: ufiles[nufiles++] = optarg; break;
    case OPT_NO_USER_UNITS: no_user = true; break;
    case OPT_COLOR:
      if (!optarg || strcmp(optarg, "always") == 0) cs.color = 1;
      else if (strcmp(optarg, "never") == 0) cs.color = 0;
      else if (strcmp(optarg, "auto") == 0) cs.color = -1;
      else {
        fprintf(stderr, "datascale: --color wants auto, always or never, not '%s'\n", optarg);
        rc = 2;
        goto done;
      }
      break;
    case 'q': cs.quiet = true; break;
    case 'e': inputs[ninputs++] = (cli_input){optarg, CLI_EXPR}; break;
    case 'f': inputs[ninputs++] = (cli_input){optarg, CLI_FILE}; break;
    case OPT_READ: inputs[ninputs++] = (cli_input){optarg, CLI_STORY}; break;
    case OPT_STRICT: cs.strict = true; break;
    case OPT_MAX_BITS:
    case OPT_MAX_DEPTH:
    case OPT_MAX_LINE:
    case OPT_MAX_WORK:
    case OPT_PRECISION: {
      long v;
      if (!cli_parse_long(optarg, &v) || v == 0) {
        fprintf(stderr, "datascale: %s wants a positive number, not '%s'\n", argv[optind - 1], optarg);
        rc = 2;
        goto done;
      }
      *(c == OPT_MAX_BITS    ? &max_bits
        : c == OPT_MAX_DEPTH ? &max_depth
        : c == OPT_MAX_LINE  ? &max_line
        : c == OPT_MAX_WORK  ? &max_work
                             : &precision) = v;
      break;
    }
    case OPT_LIST:
      o->list = true;
      o->list_filter = optarg;
      break;
    case OPT_HELP_TOPIC: o->help_topic = optarg; break;
    case OPT_COMPLETE: o->complete = optarg; break;
    case OPT_HELP:
      cli_usage(stdout);
      rc = 0;
      goto done;
    case OPT_VERSION:
      cli_version();
      rc = 0;
      goto done;
    default:
      fputs("Try 'datascale --help' for more information.\n", stderr);
      rc = 2;
      goto done;
    }
  }
  bool story = false;
  for (size_t i = 0; i < ninputs; i++) story |= inputs[i].kind == CLI_STORY;
  if (rc < 0 && cs.csv && story) {
    fputs("datascale: --csv does not go with --read (its findings come as text, --json or --explain=markdown)\n",
          stderr);
    rc = 2;
  }
  if (rc < 0 && cs.csv && (cs.json || cs.explain)) {
    fprintf(stderr, "datascale: --csv does not go with %s (its columns are fixed; --json carries the derivation)\n",
            cs.json ? "--json" : "--explain");
    rc = 2;
  }
done:
  o->argc = argc;
  o->argv = argv;
  o->cs = cs;
  o->nassume = nassume, o->nufiles = nufiles, o->ninputs = ninputs;
  o->no_user = no_user, o->binary = binary, o->exact = exact, o->decimal_comma = decimal_comma;
  o->digits = digits, o->max_bits = max_bits, o->max_depth = max_depth, o->max_line = max_line;
  o->max_work = max_work;
  o->precision = precision;
  return rc;
}

/* --list, --help-topic and --complete print a listing and do nothing
 * else: one of them at a time, with no -e or -f, and operands only as the
 * filter of --list. Returns -1 when the command line is fine, else 2. */
static int cli_check_listing(const cli_opts *o) {
  int modes = o->list + (o->help_topic != NULL) + (o->complete != NULL);
  if (!modes) return -1;
  const char *why = NULL;
  if (modes > 1) why = "--list, --help-topic and --complete go alone";
  else if (o->ninputs) why = "--list, --help-topic and --complete take no -e or -f";
  else if (o->optind_end < o->argc && (!o->list || o->list_filter))
    why = o->list ? "--list=FILTER takes no operands (or give the filter as the operands)"
                  : "--help-topic and --complete take no operands";
  if (!why) return -1;
  fprintf(stderr, "datascale: %s\nTry 'datascale --help' for more information.\n", why);
  return 2;
}

/* The operands as one line, joined with spaces; NULL when memory runs out. */
static char *cli_join(int first, int argc, char **argv) {
  size_t len = 0;
  for (int i = first; i < argc; i++) len += strlen(argv[i]) + 1;
  char *s = malloc(len + 1);
  if (!s) return NULL;
  s[0] = 0;
  for (int i = first; i < argc; i++) {
    if (i > first) strcat(s, " ");
    strcat(s, argv[i]);
  }
  return s;
}

/* The context of the run, kept until the process exits (see cli_run). */
static ds_ctx *volatile cli_ctx_kept; /* volatile: the store is not optimised away */

/* Everything after the options: the context, the units files, the
 * assumptions, then each input. Returns the exit status. */
static int cli_run(cli_opts *o) {
  cli_state cs = o->cs;
  const char **assumes = o->assumes, **ufiles = o->ufiles;
  size_t nassume = o->nassume, nufiles = o->nufiles;
  cli_input *inputs = o->inputs;
  size_t ninputs = o->ninputs;
  bool no_user = o->no_user, binary = o->binary, exact = o->exact;
  long digits = o->digits, max_bits = o->max_bits, max_depth = o->max_depth, max_line = o->max_line,
       max_work = o->max_work, precision = o->precision;
  int argc = o->argc, rc = 0;
  char **argv = o->argv;
  cli_color_init(&cs);
  cs.ctx = ds_ctx_new();
  if (!cs.ctx) {
    fputs("datascale: out of memory\n", stderr);
    rc = 3;
    goto done;
  }
  if (digits > 0) ds_ctx_limit(cs.ctx, DS_LIMIT_DIGITS, digits);
  if ((max_bits > 0 && !cli_set_limit(cs.ctx, DS_LIMIT_RESULT_BITS, "--max-bits", max_bits)) ||
      (max_depth > 0 && !cli_set_limit(cs.ctx, DS_LIMIT_DEPTH, "--max-depth", max_depth)) ||
      (max_line > 0 && !cli_set_limit(cs.ctx, DS_LIMIT_LINE, "--max-line", max_line)) ||
      (max_work > 0 && !cli_set_limit(cs.ctx, DS_LIMIT_WORK, "--max-work", max_work)) ||
      (precision > 0 && !cli_set_limit(cs.ctx, DS_LIMIT_PRECISION, "--precision", precision))) {
    rc = 2;
    goto done;
  }
  ds_ctx_set_binary(cs.ctx, binary);
  ds_ctx_set_decimal_comma(cs.ctx, o->decimal_comma);
  if (exact) ds_ctx_set_style(cs.ctx, DS_STYLE_EXACT);
  if (cs.quiet && !cs.json && !cs.csv) ds_ctx_set_warnings(cs.ctx, 0); /* nobody reads them */
  if (cs.explain != DS_EXPLAIN_OFF) ds_ctx_set_explain(cs.ctx, cs.explain);
  if (o->help_topic) { /* the help is the same whatever the units files say */
    rc = cli_help(&cs, o->help_topic, NULL);
    goto done;
  }
  if (!no_user) rc = cli_user_units(&cs);
  for (size_t i = 0; !rc && i < nufiles; i++) rc = cli_load_units(&cs, ufiles[i], NULL);
  if (rc) goto done;
  ds_ctx_set_source(cs.ctx, "--assume"); /* what the assumptions say of these */
  for (size_t i = 0; i < nassume; i++) {
    const char *eq = strchr(assumes[i], '=');
    if (!eq || eq == assumes[i]) {
      fprintf(stderr, "datascale: --assume wants NAME=EXPR, not '%s'\n", assumes[i]);
      rc = 2;
      goto done;
    }
    ds_result *r = NULL;
    if (ds_eval(cs.ctx, assumes[i], strlen(assumes[i]), &r) != DS_OK) {
      cli_diag(&cs, "error", "--assume '%s': %s", assumes[i], ds_result_text(r));
      ds_result_free(r);
      rc = 2;
      goto done;
    }
    ds_result_free(r);
  }
  ds_ctx_set_source(cs.ctx, NULL);
  if (cs.csv) cli_csv_header();
  long nexpr = 0; /* the -e expressions and the operands are numbered 1, 2, ... in their JSON rows */
  for (size_t i = 0; i < ninputs; i++) {
    int st = inputs[i].kind == CLI_FILE    ? cli_batch_file(&cs, inputs[i].text)
             : inputs[i].kind == CLI_STORY ? cli_story(&cs, inputs[i].text)
                                           : cli_one(&cs, inputs[i].text, strlen(inputs[i].text), ++nexpr);
    if (st > rc) rc = st;
  }
  int first = o->optind_end;
  if (o->list || o->complete) {
    char *filter = o->list && !o->list_filter && first < argc ? cli_join(first, argc, argv) : NULL;
    if (o->list) {
      rc = cli_list(&cs, filter ? filter : o->list_filter);
    } else {
      char *names = ds_ctx_completions(cs.ctx, o->complete);
      if (names) fputs(names, stdout);
      ds_free(names);
    }
    free(filter);
    goto done;
  }
  if (first < argc) {
    char *expr = cli_join(first, argc, argv);
    if (!expr) {
      fputs("datascale: out of memory\n", stderr);
      rc = 3;
      goto done;
    }
    /* "datascale help units", "datascale units photo": the prompt's commands */
    int st = cli_shell_command(&cs, expr, strlen(expr));
    if (st < 0) st = cli_one(&cs, expr, strlen(expr), ++nexpr);
    if (st > rc) rc = st;
    free(expr);
  } else if (ninputs == 0) {
    int st = isatty(STDIN_FILENO) ? cli_repl(&cs) : cli_batch_file(&cs, "-");
    if (st > rc) rc = st;
  }
done:
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "datascale: write error: %s\n", strerror(errno));
    if (rc < 2) rc = 2;
  }
  /* The process ends here: freeing the context would walk every unit and
   * item only to give memory back to a process about to exit (a twentieth
   * of a one-shot's instructions). It stays reachable from cli_ctx_kept,
   * so leak checkers (valgrind, LeakSanitizer) do not report it. MPFR's
   * caches of constants belong to this thread, which may be one of its
   * own (cli_run_big_stack): they are freed here, as ds_ctx_free would. */
  cli_ctx_kept = cs.ctx;
  mpfr_free_cache();
  return rc;
}

/* Parsing and evaluation recurse once per level of nesting, and the depth
 * limit must be safe whatever `ulimit -s` the shell has. The default
 * limits need well under 1 MiB of stack (about 700 bytes a level, 1000
 * levels: tests/hostile), so with a stack limit of 8 MiB or more the work
 * runs right here. A run that may need more -- a higher --max-depth, the
 * REPL (where `set max-depth` can raise it), a units file (definitions
 * resolve inside one another, each nesting to the limit) -- or a smaller
 * stack limit runs on a thread with a stack of CLI_STACK. That thread costs
 * a tenth of a one-shot's time (bench/README.md), so it is not the default.
 * Sanitizer builds always take the thread: their frames are far larger.
 * Signals are blocked in the waiting main thread, so Ctrl-C reaches the
 * thread that reads the line. */
#define CLI_STACK ((size_t)64 << 20)
#define CLI_STACK_HERE ((rlim_t)8 << 20)

static bool cli_stack_here(const cli_opts *o) {
#if defined(__SANITIZE_ADDRESS__)
  return false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return false;
#endif
#endif
  struct rlimit rl;
  if (getrlimit(RLIMIT_STACK, &rl) != 0 || (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < CLI_STACK_HERE)) return false;
  if (o->max_depth > 0 || o->nufiles > 0) return false;
  if (o->optind_end >= o->argc && o->ninputs == 0 && isatty(STDIN_FILENO)) return false; /* the REPL */
  char path[PATH_MAX], base[PATH_MAX];
  bool named;
  return o->no_user || !cli_user_units_path(path, sizeof path, &named, base, sizeof base) ||
         (!named && access(path, F_OK) != 0);
}

typedef struct {
  cli_opts *o;
  int rc;
  sigset_t mask; /* the signal mask to restore in the worker */
} cli_job;

static void *cli_thread(void *arg) {
  cli_job *j = arg;
  pthread_sigmask(SIG_SETMASK, &j->mask, NULL);
  j->rc = cli_run(j->o);
  return NULL;
}

/* cli_run on a thread with a stack of CLI_STACK (here when that fails). */
static int cli_run_big_stack(cli_opts *o) {
  cli_job job = {o, 0, {{0}}};
  sigset_t all;
  sigfillset(&all);
  pthread_attr_t attr;
  pthread_t t;
  if (pthread_attr_init(&attr) == 0 && pthread_attr_setstacksize(&attr, CLI_STACK) == 0 &&
      pthread_sigmask(SIG_BLOCK, &all, &job.mask) == 0) {
    int e = pthread_create(&t, &attr, cli_thread, &job);
    pthread_attr_destroy(&attr);
    if (e == 0) {
      pthread_join(t, NULL);
      pthread_sigmask(SIG_SETMASK, &job.mask, NULL);
      return job.rc;
    }
    pthread_sigmask(SIG_SETMASK, &job.mask, NULL);
  }
  return cli_run(o); /* no thread: run here, on the process stack */
}

int main(int argc, char **argv) {
  cli_alloc_install();
  char **nargv = cli_negative_operand(argc, argv);
  if (nargv) {
    argv = nargv;
    argc++;
  }
  cli_opts o;
  memset(&o, 0, sizeof o);
  o.assumes = calloc((size_t)argc, sizeof *o.assumes);
  o.ufiles = calloc((size_t)argc, sizeof *o.ufiles);
  o.inputs = calloc((size_t)argc, sizeof *o.inputs);
  int rc;
  if (!o.assumes || !o.ufiles || !o.inputs) {
    fputs("datascale: out of memory\n", stderr);
    rc = 3;
  } else if ((rc = cli_parse(&o, argc, argv)) < 0) {
    o.optind_end = optind;
    if ((rc = cli_check_listing(&o)) < 0) rc = cli_stack_here(&o) ? cli_run(&o) : cli_run_big_stack(&o);
  }
  free(o.assumes);
  free(o.ufiles);
  free(o.inputs);
  free(nargv);
  return rc;
}
