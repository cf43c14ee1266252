/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * help.c -- the help text and the listings the prompt and the shell share.
 *
 * The prompt's "help [TOPIC]" and "units [FILTER]" are reached from the
 * shell too: as --help-topic TOPIC and --list [FILTER], and as a one-shot
 * line that is exactly one of those commands ("datascale help units",
 * "datascale units photo"), recognised by the prompt's rule (the command
 * word, then at most one argument that starts like a word). Any other
 * line is an expression; when it fails on a command word, a note says
 * where the command is (cli_command_hint).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char *const cli_help_topics[] = {"numbers",     "units",    "names",  "ranges", "estimates",
                                       "assumptions", "readings", "binary", "checks", "time",
                                       "results",     "commands", "keys",   "prompt", NULL};

/* The prompt's own help: what "help" alone prints. */
static void cli_help_prompt(const cli_state *cs) {
  printf("Type an expression and press Enter, for example:\n"
         "  1400 TB to photos        a size in catalogue items (also: to GB, to iec, to words)\n"
         "  1400 TB to DVDs          items in any case, and as the table names them\n"
         "  photo = 4 MB             change an assumption for this session\n"
         "  1400 TB to equivalents   a short table of things to picture: count, size,\n"
         "                           what it is, and the count over its plausible range\n"
         "  1 MB .. 5 MB             a range (also 12 GB +/- 10%%)\n"
         "  growth(400 TB, 1400 TB, 6 months)   the compound rate a month\n"
         "  ans                      the previous result\n"
         "\n"
         "Commands:\n"
         "  help [TOPIC]             this text, or one of the topics below\n"
         "  units [FILTER]           list units and catalogue items, or those with a word\n"
         "                           starting with FILTER\n"
         "  assumptions              each assumption: value, source, whether you changed it\n"
         "  explain                  how the last result was reached, step by step\n"
         "  set digits N             significant digits shown (now %ld)\n"
         "  set precision N          bits for sqrt, ln, exp (also max-bits, max-depth,\n"
         "                           max-line, max-work: the limits; set alone shows them)\n"
         "  set binary on|off        read KB MB GB TB ... as powers of 1024 (now %s)\n"
         "  set decimal-comma on|off read and write numbers as 1.400,5 (now %s)\n"
         "  reset [NAME]             forget NAME, or every variable: catalogue values apply\n"
         "  quit, exit               leave (Ctrl-D too)\n"
         "\n"
         "Topics: numbers, units, names, ranges, estimates, assumptions, binary, time,\n"
         "results, commands, keys.\n"
         "From the shell: datascale help [TOPIC] or datascale --help-topic TOPIC, and\n"
         "datascale units [FILTER] or datascale --list [FILTER].\n",
         ds_ctx_limit(cs->ctx, DS_LIMIT_DIGITS, -1), ds_ctx_binary(cs->ctx) ? "on" : "off",
         ds_ctx_decimal_comma(cs->ctx) ? "on" : "off");
}

int cli_help(const cli_state *cs, const char *topic, const char *keys_status) {
  if (!topic || strcmp(topic, "prompt") == 0) {
    cli_help_prompt(cs);
  } else if (strcmp(topic, "numbers") == 0) {
    fputs("  1,400  1 400  1_400     one number: a comma or a space groups digits in threes\n"
          "  2 3                     an error: write 2 * 3 or 23 (never a silent product)\n"
          "  1.400 TB                1.4 TB, with a note naming 1400 (German copy's 1.400)\n"
          "  490 million, 490 mn     scale words to decillion; mn mln bn bln tn trln too\n"
          "  490m, 5k, $7.5b         errors that name the readings (490 million? 490 min?)\n"
          "  $0.018 per GB per month one price: per binds tighter than * and /, and so\n"
          "  $0.018/GB/month         does a '/' glued to a number\n"
          "  400 TB + 250%           a percent change: 400 TB \u00d7 3.5, with a note\n"
          "  3.5 times X, 3.5x X     the product X * 3.5 (so is \u00d73.5 X)\n"
          "  0.5 to %                50 %\n"
          "set decimal-comma on reads and writes 1.400,5 (',' is the decimal comma, '.'\n"
          "groups thousands), as German, Spanish or Italian copy does; off turns it off.\n"
          "See also: help ranges.\n",
          stdout);
  } else if (strcmp(topic, "units") == 0) {
    fputs("b is bit and B is byte. kB MB GB TB PB EB ZB YB RB QB are powers of 1000\n"
          "(KB is kB), KiB MiB GiB TiB PiB EiB ZiB YiB RiB QiB powers of 1024. The\n"
          "words work too: terabytes, tebibyte, megabits. Rates: Mbps, MB/s, Gbit/s,\n"
          "any unit / time. Spellings that are ambiguous in the wild (mb, gb, Kb) are\n"
          "refused and the candidates named. Catalogue items (photo, song, dvd, ...)\n"
          "are units too: 1400 TB to photos; their names work in any case and as\n"
          "the table prints them (1400 TB to DVDs, to hours of HD video): help names.\n"
          "\n"
          "  EXPR to TARGET   convert (also in, as, ->); TARGET may also be auto (best\n"
          "                   SI prefix), iec (best IEC prefix) or words\n"
          "  units            every unit and item with its definition\n"
          "  units FILTER     those with a word (in a spelling, the definition or the\n"
          "                   description) that starts with FILTER, in any case;\n"
          "                   several words match words in a row\n"
          "See also: help names, help binary, help time.\n",
          stdout);
  } else if (strcmp(topic, "names") == 0) {
    fputs("Unit symbols are case-sensitive, as the standards write them: b is a bit\n"
          "and B a byte, Mb a megabit and MB a megabyte. A spelling that could be\n"
          "either (mb, gb, Kb) is refused and both readings named.\n"
          "\n"
          "Catalogue items are words, so they are found in any case, with spaces or\n"
          "hyphens for underscores, and by the names the equivalents table prints:\n"
          "  1400 TB to DVDs, to Photos, to Blu-rays, to hd hours, to hours of HD video,\n"
          "  to Libraries of Congress, to copies of English Wikipedia\n"
          "A name of several words works after to (in, as); inside an expression,\n"
          "write it with underscores (3 hd_hours). When the words also make sense\n"
          "as a product of units, the line is an error that names both readings.\n"
          "A plural the catalogue does not list is an error with a suggestion\n"
          "(photoss: did you mean photos?).\n"
          "\n"
          "Tb, Pb, Eb and larger used as a size are bits (a terabit is an eighth of\n"
          "a terabyte). Headlines often write Tb for terabytes, so a note says the\n"
          "line read bits and gives the result read as bytes (TB). As a rate\n"
          "(10 Tb/s) bits are what is meant, and there is no note.\n",
          stdout);
  } else if (strcmp(topic, "ranges") == 0) {
    fputs("  1 MB .. 5 MB         from LOW to HIGH\n"
          "  1 .. 5 MB, 1\u20135 MB    the same: a bare low end takes the high end's words\n"
          "  between 1 and 5 MB   the same again (1\u20135 million: one to five million)\n"
          "  12 GB +/- 2 GB       also written with \u00b1 or +-\n"
          "  12 GB +/- 10%        relative to the middle value\n"
          "An en dash from high to low (5\u20131) is an error: it may be a minus sign.\n"
          "Arithmetic on ranges gives true bounds (exact interval arithmetic, not a\n"
          "variance); dividing by a range that contains zero is an error. An\n"
          "assumption can be a range: after photo = 2 MB .. 5 MB, 1400 TB to photos\n"
          "answers \"between 280 million and 700 million photos\".\n",
          stdout);
  } else if (strcmp(topic, "estimates") == 0) {
    fputs("  growth(FROM, TO, OVER)  the compound rate a period that takes FROM to TO\n"
          "                          in OVER: growth(400 TB, 1400 TB, 6 months)\n"
          "  project(Q, RATE, T)     Q grown at RATE for T: project(1400 TB,\n"
          "                          23.2%/month, 12 months); RATE is r/PERIOD or growth(...)\n"
          "  project(Q, RATE, T, linear)  the same amount each period instead of the\n"
          "                          same percentage; a RATE such as 100 TB/month is linear\n"
          "OVER, the rate's PERIOD and T must be times (6 months, 1 year, 26 weeks):\n"
          "growth(400 TB, 1400 TB, 6) is an error. Both assume steady compound growth,\n"
          "the same percentage every period, unless project is asked linear; the result\n"
          "and a note say which model: the real path may have been uneven. With ranges\n"
          "(400 TB .. 450 TB) both bounds are given; the lowest rate pairs the highest\n"
          "start with the lowest end. --explain shows the formula with its numbers:\n"
          "3.5^(1/6) - 1 = 23.2 % a month.\n",
          stdout);
  } else if (strcmp(topic, "assumptions") == 0) {
    fputs("Catalogue items (photo, song, email, dvd, ...) have a typical size, a\n"
          "low-high range, a source and a year; a result that used one names it.\n"
          "  photo = 4 MB      override an assumption for this session\n"
          "  reset photo       back to the catalogue value\n"
          "  reset             forget every variable of the session\n"
          "  assumptions       list them all, marking the ones you changed\n"
          "  explain           the derivation of the last result, sources included\n"
          "  compare 1400 TB   the items whose counts are easiest to picture\n",
          stdout);
  } else if (strcmp(topic, "readings") == 0 || strcmp(topic, "binary") == 0) {
    fputs("One reading rule. KB MB GB TB ... QB, kB, and the words kilobyte ...\n"
          "quettabyte are powers of 1000, as SI and the drive makers use them. The\n"
          "other reading, 1024-based (the one Windows shows), re-reads what you wrote\n"
          "and nothing else: those spellings, and the variables you defined with them.\n"
          "Catalogue sizes keep the reading their source documents: a drive sold as\n"
          "44 TB is 44 x 10^12 bytes whatever the reading. Bits (Mbit, Tb) and\n"
          "KiB MiB GiB TiB ... have one reading. \"set binary on\" (--binary) makes the\n"
          "1024 reading the one in force, \"set binary off\" back. When the reading\n"
          "changes an answer by more than 1 %, a note names what it re-read:\n"
          "  if TB is read as TiB the result is \u2248 513,000,000 photos\n",
          stdout);
  } else if (strcmp(topic, "checks") == 0) {
    fputs("check A REL B tests a claim as it was hedged:\n"
          "  check 1400 TB is more than three times 400 TB      holds (3.5 x)\n"
          "  check 1400 TB is almost 3 * 400 TB                 off: it is more\n"
          "  check 1400 TB = 490 million photos                 plausible, and which\n"
          "                                                     reading makes it exact\n"
          "Relations: = is, about roughly ~, more than over >, less than under <,\n"
          "at least >=, at most <=, almost nearly. Multipliers: 3 times, three\n"
          "times, 3x, threefold, tripled, double, twice, half.\n"
          "Verdicts (d = claimed / actual - 1): = holds within 1 %, close within 3 %;\n"
          "about within 5 % and 10 %; more/less/at least/at most hold on their side,\n"
          "close within 1 %; almost holds 0 to 10 % below (close to 20 %). A count\n"
          "whose implied size is inside the item's plausible range is plausible,\n"
          "never off.\n",
          stdout);
  } else if (strcmp(topic, "time") == 0) {
    fputs("s, min, h (hour), day, week, month, year, and the SI prefixes on s (ms, ns).\n"
          "A year is the mean Gregorian year, 365.2425 days (31,556,952 s), and a\n"
          "month is a twelfth of it, 30.436875 days: calendar months and leap years\n"
          "are not told apart. Rates combine with time: 5 Mbit/s * 1 hour to GB.\n",
          stdout);
  } else if (strcmp(topic, "results") == 0) {
    fputs("Money: $ before US dollars, scale words from a million, cents in two digits:\n"
          "  $7.5 billion                        $7.5 billion\n"
          "  1400 TB * $0.018 per GB per month   $25,200 a month\n"
          "  $100 / 3                            \u2248 $33.33 (rounded: cents at most)\n"
          "A currency you define keeps its name: $108 to EUR gives 100 EUR.\n"
          "A rate keeps the unit the line divided by: 1400 TB / 6 months gives\n"
          "\u2248 233.333 TB a month (a word reads \"a month\", \"an hour\", \"per second\";\n"
          "a symbol stays: 5 GB / 3 h gives \u2248 1.66667 GB/h).\n"
          "A unit a newsroom would not use (s*USD, B^2, 1/s) gets a note with how the\n"
          "line was grouped and a grouping that gives a usual unit:\n"
          "  1400 TB / 1 Gbit / s                11,200,000 1/s, and the note: grouped as\n"
          "                                      1400 TB / (1 Gbit / s) it gives \u2248 130 days\n"
          "Numbers in notes have no more digits than the line's most precise number\n"
          "(3 at least). JSON keeps the exact value and the unit: USD/month, TB/month.\n",
          stdout);
  } else if (strcmp(topic, "commands") == 0) {
    fputs("help [TOPIC], units [FILTER], assumptions, explain, set digits N,\n"
          "set binary on|off, set decimal-comma on|off, set (show the settings),\n"
          "reset [NAME], quit, exit.\n"
          "\n"
          "A line is a command only when it is exactly a command word followed by the\n"
          "arguments that command takes (\"units\", \"units photo\", \"set digits 3\").\n"
          "Any other line is an expression, so a unit, item or variable that has a\n"
          "command's name stays reachable: put it in parentheses, \"(units)\" or\n"
          "\"(units) photo\", or use it in a larger expression, \"units * 2\",\n"
          "\"units = 5 MB\". reset is part of the language itself.\n"
          "\n"
          "From the shell, help and units work the same way as a one-shot line\n"
          "(datascale help units, datascale units photo), and as the options\n"
          "--help-topic TOPIC and --list [FILTER]. In -e and in batch files every\n"
          "line is an expression.\n",
          stdout);
  } else if (strcmp(topic, "keys") == 0) {
    fputs("Tab        complete a unit, item, variable, function or command; twice, list\n"
          "           the candidates (1 tebib<Tab> gives tebibyte; tebibi<Tab> tebibit)\n"
          "Up, Down   earlier lines\n"
          "Ctrl-C     abandon the line being typed, or stop a long computation\n"
          "Ctrl-D     leave\n"
          "A line ending inside an open parenthesis asks for more with \"... \"; the\n"
          "lines are joined with a space.\n",
          stdout);
    if (keys_status) fputs(keys_status, stdout);
  } else {
    cli_diag(cs, "error",
             "no help on '%s'; topics: numbers, units, names, ranges, estimates, assumptions, binary, time, results, "
             "commands,"
             " keys (for a unit or item, try: units %s)",
             topic, topic);
    return 2;
  }
  return 0;
}

int cli_list(const cli_state *cs, const char *filter) {
  const char *f = filter && *filter ? filter : NULL;
  /* --json: the same units and items as JSON rows */
  char *list = cs->json ? ds_ctx_units_json(cs->ctx, f) : ds_ctx_units(cs->ctx, f);
  if (!list) {
    fputs("datascale: out of memory\n", stderr);
    exit(3);
  }
  int st = 0;
  if (*list) {
    fputs(list, stdout);
  } else {
    cli_diag(cs, "note", "no unit or item matches '%s'", filter ? filter : "");
    st = 1;
  }
  ds_free(list);
  return st;
}

/* Splits a line into blank-separated words; returns how many (at most
 * max + 1, meaning "more than max"). */
int cli_words(const char *line, size_t len, const char *w[], size_t wl[], int max) {
  int n = 0;
  for (size_t i = 0;;) {
    while (i < len && (line[i] == ' ' || line[i] == '\t')) i++;
    if (i == len) return n;
    if (n == max) return n + 1;
    size_t j = i;
    while (j < len && line[j] != ' ' && line[j] != '\t') j++;
    w[n] = line + i;
    wl[n++] = j - i;
    i = j;
  }
}

bool cli_is_word(const char *w, size_t wl, const char *word) { return wl == strlen(word) && strncmp(w, word, wl) == 0; }

bool cli_is_arg(const char *w) {
  unsigned char c = (unsigned char)w[0];
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

int cli_shell_command(const cli_state *cs, const char *line, size_t len) {
  const char *w[2];
  size_t wl[2];
  int n = cli_words(line, len, w, wl, 2);
  if (n == 0 || n > 2 || (n == 2 && !cli_is_arg(w[1]))) return -1;
  char arg[256] = "";
  if (n == 2) snprintf(arg, sizeof arg, "%.*s", (int)(wl[1] < 255 ? wl[1] : 255), w[1]);
  if (cli_is_word(w[0], wl[0], "help")) return cli_help(cs, n == 2 ? arg : NULL, NULL);
  if (cli_is_word(w[0], wl[0], "units")) return cli_list(cs, n == 2 ? arg : NULL);
  return -1;
}

void cli_command_hint(const cli_state *cs, const char *expr, size_t len, const ds_result *r) {
  const char *w[1];
  size_t wl[1];
  if (ds_result_status(r) != DS_E_UNKNOWN || cli_words(expr, len, w, wl, 1) == 0) return;
  if (ds_result_error_column(r) != (long)(w[0] - expr) + 1) return;
  if (cli_is_word(w[0], wl[0], "help"))
    cli_diag(cs, "note",
             "help is a command of the prompt; from the shell: datascale help [TOPIC], or "
             "datascale --help-topic TOPIC");
  else if (cli_is_word(w[0], wl[0], "units"))
    cli_diag(cs, "note",
             "units is a command of the prompt; from the shell: datascale units [FILTER] (one word), "
             "or datascale --list [FILTER]");
}
