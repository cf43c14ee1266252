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

/* ---- the topics ----------------------------------------------------------- */

/* clang-format off */
static const char help_numbers[] =
    "  1,400  1 400  1_400     one number: a comma or a space groups digits in threes\n"
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
    "See also: help ranges.\n";

static const char help_units[] =
    "b is bit and B is byte. kB MB GB TB PB EB ZB YB RB QB are powers of 1000\n"
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
    "See also: help names, help items, help binary, help time.\n";

static const char help_names[] =
    "Unit symbols are case-sensitive, as the standards write them: b is a bit\n"
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
    "(10 Tb/s) bits are what is meant, and there is no note.\n";

static const char help_items[] =
    "Catalogue items are sizes with a source: photo, song, email, dvd, ...\n"
    "(units lists them all, units photo those with the word). Each has a\n"
    "typical size, a plausible low .. high range, a source, a year and a link.\n"
    "  1400 TB to photos         a count, rounded as a newsroom writes it, that\n"
    "                            names the size it assumed\n"
    "  1400 TB to photos range   the count over the plausible range too\n"
    "  3 songs + 2 photos to MB  items are units: they add and multiply\n"
    "  1400 TB to equivalents    a short table of items easy to picture\n"
    "  compare 1400 TB           the same table\n"
    "  check 1400 TB = 490 million photos   is the count plausible? (help check)\n"
    "A count by an \"up to\" figure is a minimum: \"at least 470,000 hours of HD\n"
    "video\". Names work in any case, with spaces or hyphens for underscores,\n"
    "and as the table prints them (to DVDs, to hours of HD video): help names.\n"
    "Change a size with photo = 4 MB (help assumptions), for one line with\n"
    "with (help with), or try several with for (help for). Your own items go\n"
    "in ~/.config/datascale/units.\n";

static const char help_ranges[] =
    "  1 MB .. 5 MB         from LOW to HIGH\n"
    "  1 .. 5 MB, 1\u20135 MB    the same: a bare low end takes the high end's words\n"
    "  between 1 and 5 MB   the same again (1\u20135 million: one to five million)\n"
    "  12 GB +/- 2 GB       also written with \u00b1 or +-\n"
    "  12 GB +/- 10%        relative to the middle value\n"
    "An en dash from high to low (5\u20131) is an error: it may be a minus sign.\n"
    "Arithmetic on ranges gives true bounds (exact interval arithmetic, not a\n"
    "variance); dividing by a range that contains zero is an error. An\n"
    "assumption can be a range: after photo = 2 MB .. 5 MB, 1400 TB to photos\n"
    "answers \"between 280 million and 700 million photos\".\n";

static const char help_estimates[] =
    "  growth(FROM, TO, OVER)  the compound rate a period that takes FROM to TO\n"
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
    "3.5^(1/6) - 1 = 23.2 % a month.\n";

static const char help_growth[] =
    "  growth(FROM, TO, OVER)  the compound rate a period that takes FROM to TO\n"
    "                          in OVER\n"
    "  growth(400 TB, 1400 TB, 6 months)\n"
    "    \u00d73.5 (+250 %) over 6 months: +23.2 % a month compounded; doubles every\n"
    "    3.3 months\n"
    "The period is the unit OVER is written in (6 months: a month). OVER must be\n"
    "a time (6 months, 1 year, 26 weeks) and one positive quantity:\n"
    "growth(400 TB, 1400 TB, 6) is an error. It assumes steady compound growth,\n"
    "the same percentage every period, and a note says so: the real path may\n"
    "have been uneven. A range in FROM or TO gives both bounds; the lowest rate\n"
    "pairs the highest FROM with the lowest TO. The rate can feed project:\n"
    "project(1400 TB, growth(400 TB, 1400 TB, 6 months), 1 year) (help project).\n"
    "--explain shows the formula with its numbers: 3.5^(1/6) - 1 = 23.2 %.\n";

static const char help_project[] =
    "  project(Q, RATE, T)          Q grown at RATE for T, compounded\n"
    "  project(Q, RATE, T, linear)  the same amount each period instead\n"
    "  project(1400 TB, 23.2%/month, 12 months)     \u2248 17.1181 PB (compound growth)\n"
    "  project(400 TB, 23.2%/month, 12 months, linear)   1.5136 PB (linear growth)\n"
    "  project(400 TB, 100 TB/month, 12 months)     1.6 PB (linear growth)\n"
    "Write RATE as a rate per period (23.2%/month, 10% per year) or as a\n"
    "growth(...) (help growth); a RATE that is a change per period (100 TB/month)\n"
    "is linear without the word. The rate's period and T must be times:\n"
    "project(400 TB, 23.2%/month, 6) is an error. A range in Q or RATE gives both\n"
    "bounds. The result and a note name the model (compound, the default, or\n"
    "linear): the real path may be uneven. A decline of 100 % a period leaves\n"
    "nothing; a rate below -100 % is an error, and so is a linear decline past\n"
    "zero. --explain shows the working with its numbers.\n";

static const char help_math[] =
    "  sqrt(X)     the square root: sqrt(2) is \u2248 1.41421, sqrt(4 MB^2) is 2 MB\n"
    "  ln(X)       the natural logarithm: ln(10) is \u2248 2.30259\n"
    "  log10(X)    the logarithm to base 10: log10(1000) is 3\n"
    "  log2(X)     the logarithm to base 2: log2(1 GiB / 1 B) is 30\n"
    "  exp(X)      e to the power X: exp(1) is \u2248 2.71828\n"
    "ln, log10, log2 and exp need a plain number (ln(2 MB) is an error); sqrt\n"
    "takes a unit that is a square, and no negative number. An irrational\n"
    "result is computed with MPFR at the precision in force (set precision N;\n"
    "help limits) and shows only digits that are certain. A range gives exact\n"
    "bounds: log10(1 .. 1000) is between 0 and 3.\n";

static const char help_rounding[] =
    "  abs(X)      X without its sign: abs(-3 MB) is 3 MB\n"
    "  round(X)    the nearest whole number, halves away from zero: round(2.5)\n"
    "              is 3, round(-2.5) is -3\n"
    "  floor(X)    the whole number at or below X\n"
    "  ceil(X)     the whole number at or above X: ceil(1400 TB / 3 MB) is\n"
    "              466,666,667\n"
    "round, floor and ceil need a plain number: convert first, as in\n"
    "round(1400 TB / 3 MB). Of a range they round both ends.\n";

static const char help_minmax[] =
    "  min(A, B, ...)  the smallest: min(1 GB, 900 MB, 2 TB) is 900 MB\n"
    "  max(A, B, ...)  the largest: max(3, 7) is 7\n"
    "One to 1,000 arguments, all of one kind (sizes, times, plain numbers, ...):\n"
    "min(1 GB, 3 s) is an error.\n";

static const char help_assumptions[] =
    "Catalogue items (photo, song, email, dvd, ...) have a typical size, a\n"
    "low-high range, a source and a year; a result that used one names it.\n"
    "  photo = 4 MB          change an assumption for this session\n"
    "  assumptions           every assumption in force and where it came from:\n"
    "                        the catalogue (source, year), your units file (path\n"
    "                        and line), --assume, or set in this session (with\n"
    "                        the catalogue value it replaced)\n"
    "  assumptions changed   only those that differ from the catalogue\n"
    "  reset photo           back to the catalogue value\n"
    "  reset                 every assumption back, saying what it restored\n"
    "  EXPR with photo = 2 MB          one line with another value (help with)\n"
    "  EXPR for photo in 2 MB, 5 MB    one row per value (help for)\n"
    "  explain               the derivation of the last result, sources included\n"
    "  compare 1400 TB       the items whose counts are easiest to picture\n";

static const char help_readings[] =
    "One reading rule. KB MB GB TB ... QB, kB, and the words kilobyte ...\n"
    "quettabyte are powers of 1000, as SI and the drive makers use them. The\n"
    "other reading, 1024-based (the one Windows shows), re-reads what you wrote\n"
    "and nothing else: those spellings, and the variables you defined with them.\n"
    "Catalogue sizes keep the reading their source documents: a drive sold as\n"
    "44 TB is 44 x 10^12 bytes whatever the reading. Bits (Mbit, Tb) and\n"
    "KiB MiB GiB TiB ... have one reading. \"set binary on\" (--binary) makes the\n"
    "1024 reading the one in force, \"set binary off\" back. When the reading\n"
    "changes an answer by more than 1 %, a note names what it re-read:\n"
    "  if TB is read as TiB the result is \u2248 513,000,000 photos\n";

static const char help_checks[] =
    "check A REL B tests a claim as it was hedged:\n"
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
    "never off. help verdicts gives them in full; with and for try a claim\n"
    "under other assumptions (help with, help for).\n";

static const char help_verdicts[] =
    "A check's verdict (help check), with d = claimed / actual - 1:\n"
    "  relation           holds                   close              otherwise\n"
    "  =, is              |d| <= 1 %              |d| <= 3 %         off\n"
    "  about, roughly, ~  |d| <= 5 %              |d| <= 10 %        off\n"
    "  more than, >       the actual is above     within 1 % below   off\n"
    "  at least, >=       the actual or above     within 1 % below   off\n"
    "  less than, <       the actual is below     within 1 % above   off\n"
    "  at most, <=        the actual or below     within 1 % above   off\n"
    "  almost, nearly     below by at most 10 %   by at most 20 %,   off (it is more)\n"
    "                                             or equal\n"
    "plausible: for = and about, a count (490 million photos) whose implied\n"
    "size per item lies inside the item's plausible range is never off.\n"
    "A range is judged by its nearer end (=, about), or must hold at both ends\n"
    "(the other relations; one end: close). When a claim holds only in another\n"
    "reading (TB as TiB, the item's 3 MB as 3 MiB), the answer says which. Only\n"
    "the certain digits of the difference are shown. In JSON a check row has\n"
    "verdict, off, actual, implied and reading.\n";

static const char help_time[] =
    "s, min, h (hour), day, week, month, year, and the SI prefixes on s (ms, ns).\n"
    "A year is the mean Gregorian year, 365.2425 days (31,556,952 s), and a\n"
    "month is a twelfth of it, 30.436875 days: calendar months and leap years\n"
    "are not told apart. Rates combine with time: 5 Mbit/s * 1 hour to GB.\n";

static const char help_results[] =
    "Money: $ before US dollars, scale words from a million, cents in two digits:\n"
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
    "(3 at least). JSON keeps the exact value and the unit: USD/month, TB/month.\n";

static const char help_limits[] =
    "A line past a limit is an error that names the limit. The limits, their\n"
    "defaults and ranges (set NAME N at the prompt, --NAME=N from the shell;\n"
    "set alone shows them):\n"
    "  digits      6          significant digits shown (1 to 1000)\n"
    "  precision   128        bits for sqrt, ln, exp, fractional powers (53 to 262144)\n"
    "  max-bits    16777216   size of any number, in bits (64 to 268435456)\n"
    "  max-depth   1000       nesting of an expression (1 to 5000)\n"
    "  max-line    1048576    length of a line, in bytes (1 to 16777216)\n"
    "  max-work    512        work of a line, in millions of steps of about a\n"
    "                         nanosecond (1 to 1048576)\n"
    "A sweep (help for) has at most 100 rows. The prompt's history keeps the\n"
    "last 1,000 entries, each of at most 4 KiB. Ctrl-C stops a long computation.\n";

static const char help_commands[] =
    "help [TOPIC], units [FILTER], assumptions, assumptions changed, explain,\n"
    "set digits N, set binary on|off, set decimal-comma on|off, set (show the\n"
    "settings), read FILE, reset [NAME], quit, exit. check, with and for are part of the\n"
    "language (help check, help with, help for).\n"
    "\n"
    "A line is a command only when it is exactly a command word followed by the\n"
    "arguments that command takes (\"units\", \"units photo\", \"set digits 3\").\n"
    "Any other line is an expression, so a unit, item or variable that has a\n"
    "command's name stays reachable: put it in parentheses, \"(units)\" or\n"
    "\"(units) photo\", or use it in a larger expression, \"units * 2\",\n"
    "\"units = 5 MB\". reset is part of the language itself.\n"
    "\n"
    "From the shell, help, units and read work the same way as a one-shot line\n"
    "(datascale help units, datascale units photo, datascale read story.txt),\n"
    "and as the options --help-topic TOPIC, --list [FILTER] and --read FILE. In -e and in batch files every\n"
    "line is an expression.\n";

static const char help_keys[] =
    "Tab        complete a unit, item, variable, function or command; twice, list\n"
    "           the candidates (1 tebib<Tab> gives tebibyte; tebibi<Tab> tebibit);\n"
    "           after a command, its arguments (help <Tab>, set <Tab>, set binary\n"
    "           <Tab>); after to, items as the table names them (to hours of H<Tab>)\n"
    "Up, Down   earlier lines\n"
    "Ctrl-C     abandon the line being typed, or stop a long computation\n"
    "Ctrl-D     leave\n"
    "A line ending inside an open parenthesis asks for more with \"... \"; the\n"
    "lines are joined with a space. Each entry is added to the history file as\n"
    "soon as it is entered, so closing the terminal loses nothing.\n";

static const char help_help[] =
    "  help            the prompt's help: every command and function, one line each\n"
    "  help TOPIC      one topic: a command (help check, help set, help with), a\n"
    "                  function (help growth, help sqrt) or a rule (help readings,\n"
    "                  ranges, items, verdicts, limits)\n"
    "From the shell: datascale help TOPIC, or datascale --help-topic TOPIC.\n"
    "For a unit or an item, use units: units photo.\n";

static const char help_explain[] =
    "  explain     the derivation of the last result that succeeded: each unit\n"
    "              and item in base units, each assumption with its source and\n"
    "              year, the exact arithmetic, and how it was rounded\n"
    "--explain prints it after every result (--explain=markdown as Markdown), and\n"
    "--json rows carry it under \"explain\".\n";

static const char help_set[] =
    "  set                       show every setting\n"
    "  set digits N              significant digits of approximate results\n"
    "                            (1 to 1000; 6 at start)\n"
    "  set precision N           bits for sqrt, ln, exp and fractional powers\n"
    "  set max-bits N            the limits (help limits)\n"
    "  set max-depth N\n"
    "  set max-line N\n"
    "  set max-work N\n"
    "  set binary on|off         read KB MB GB TB ... as powers of 1024\n"
    "                            (help readings)\n"
    "  set decimal-comma on|off  read and write numbers as 1.400,5 (help numbers)\n"
    "The lines with a value work in -e, in batch files and in Python's\n"
    "Session.eval too; the options of the same names (--digits, --precision,\n"
    "--max-bits, ..., --binary, --decimal-comma) set them from the shell.\n";

static const char help_reset[] =
    "  reset NAME    forget this session's value of NAME: an assumption is back\n"
    "                at the catalogue's value (\"photo is back to 3 MB\"), a\n"
    "                variable of yours is gone\n"
    "  reset         every variable of the session, saying what became of each:\n"
    "                reset: photo is back to 3 MB; x forgotten; the catalogue\n"
    "                values apply\n"
    "reset is part of the language: it works in -e, batch files and Python too.\n"
    "To try a value for one line only, use with (help with).\n";

static const char help_with[] =
    "  EXPR with NAME = VALUE[, NAME = VALUE ...]\n"
    "evaluates EXPR with those assumptions, for this line only, and then puts\n"
    "the session back as it was (a value you set yourself comes back too). The\n"
    "answer starts with the line's assumptions:\n"
    "  1400 TB to photos with photo = 2 MB\n"
    "    with photo = 2 MB: 700 million photos (1,400 TB at 2 MB per photo); ...\n"
    "  check 1400 TB = 490 million photos with photo = 2.86 MB\n"
    "  1400 TB to photos with photo = 2 MB .. 5 MB\n"
    "In --json their source is \"this line only (with)\". Inside the line, ans is\n"
    "the previous line's value. To keep a value for the session, assign it:\n"
    "photo = 2 MB (help assumptions). To compare values, use for (help for).\n";

static const char help_for[] =
    "  EXPR for NAME in V1, V2, ...\n"
    "  EXPR for NAME in LOW .. HIGH step S\n"
    "evaluates EXPR once for each value of NAME, for this line only, and prints\n"
    "a small table: the value, the verdict when EXPR is a check, and the result.\n"
    "  1400 TB to photos for photo in 2 MB, 3 MB, 5 MB\n"
    "  1400 TB to photos for photo in 2 MB .. 5 MB step 1 MB\n"
    "  check 1400 TB = 490 million photos for photo in 2 MB, 3 MB\n"
    "Values are separated by a comma and a space (for photo in 1,400 kB, 2 MB\n"
    "has two: a comma between digits groups them); with step, each value must\n"
    "come out exact in LOW's unit. A sweep has at most 100 values (more is an\n"
    "error, not a cut). A value that fails makes its own row an error. --json\n"
    "gives one row per value, with its assumption in \"assumptions\"; --csv one\n"
    "line per value. It works in -e, in batch files and in Python\n"
    "(Session.sweep(expr, name, values)).\n";

static const char help_read[] =
    "  read FILE\n"
    "reads a story (plain text, Markdown or HTML) and checks every data-size\n"
    "claim in it: quantities (\"1,400 terabytes\", \"hundreds of terabytes\"),\n"
    "changes (\"more than tripled\", \"rose 40 percent\", \"from 400 TB to 1,400\n"
    "TB\"), equivalents (\"roughly 490 million images if it were all photos\",\n"
    "\"would fill 2 million DVDs\") and transfer times (\"would take about 5\n"
    "days\" over a stated link speed). Each finding gives FILE:LINE:COLUMN, its\n"
    "words, a verdict (holds, close, plausible, off; unchecked when a figure is\n"
    "missing, with what the claim implies; reported when nothing is claimed\n"
    "beyond the figures), the reason, the figures it used and the datascale\n"
    "line that reproduces it. A claim whose figures are elsewhere in the story\n"
    "is checked against the nearest ones and says which. The session's\n"
    "assumptions count: photo = 2.86 MB, then read FILE again, and the verdicts\n"
    "move. From the shell: datascale --read FILE (--json, --explain=markdown,\n"
    "--strict), or datascale read FILE. In Python: datascale.read(text).\n";

static const char help_quit[] =
    "  quit, exit    leave the prompt (Ctrl-D too)\n"
    "Each entry goes to the history file as soon as it is entered, so leaving\n"
    "any other way (closing the terminal, SIGHUP, SIGTERM) loses nothing.\n";

/* clang-format on */

/* Every topic; a topic with several names has an entry for each. NULL
 * text: the prompt's own help, or (functions) every function's. */
static const struct {
  const char *name;
  const char *text;
} help_topics[] = {
    {"numbers", help_numbers},
    {"units", help_units},
    {"names", help_names},
    {"items", help_items},
    {"ranges", help_ranges},
    {"estimates", help_estimates},
    {"assumptions", help_assumptions},
    {"readings", help_readings},
    {"binary", help_readings},
    {"checks", help_checks},
    {"check", help_checks},
    {"verdicts", help_verdicts},
    {"time", help_time},
    {"results", help_results},
    {"limits", help_limits},
    {"commands", help_commands},
    {"keys", help_keys},
    {"prompt", NULL},
    {"help", help_help},
    {"explain", help_explain},
    {"set", help_set},
    {"reset", help_reset},
    {"with", help_with},
    {"for", help_for},
    {"read", help_read},
    {"quit", help_quit},
    {"exit", help_quit},
    {"functions", NULL},
    {"sqrt", help_math},
    {"ln", help_math},
    {"log10", help_math},
    {"log2", help_math},
    {"exp", help_math},
    {"abs", help_rounding},
    {"round", help_rounding},
    {"floor", help_rounding},
    {"ceil", help_rounding},
    {"min", help_minmax},
    {"max", help_minmax},
    {"growth", help_growth},
    {"project", help_project},
};
#define HELP_NTOPICS (sizeof help_topics / sizeof help_topics[0])

const char *cli_help_topic(size_t i) { return i < HELP_NTOPICS ? help_topics[i].name : NULL; }

/* The rules' topics, as the prompt's help and errors name them. */
#define HELP_RULES                                                                                                     \
  "numbers, units, names, items, ranges, estimates, assumptions, readings, checks, verdicts, time, results, limits, "  \
  "commands, keys"

/* Every function of the evaluator, one line each. */
static void cli_help_functions(void) {
  fputs("  sqrt(X)                  the square root\n"
        "  ln(X)                    the natural logarithm\n"
        "  log10(X)                 the logarithm to base 10\n"
        "  log2(X)                  the logarithm to base 2\n"
        "  exp(X)                   e to the power X\n"
        "  abs(X)                   X without its sign\n"
        "  round(X)                 the nearest whole number (halves away from zero)\n"
        "  floor(X)                 the whole number at or below X\n"
        "  ceil(X)                  the whole number at or above X\n"
        "  min(A, B, ...)           the smallest\n"
        "  max(A, B, ...)           the largest\n"
        "  growth(FROM, TO, OVER)   the compound rate a period that takes FROM to TO\n"
        "  project(Q, RATE, T)      Q grown at RATE for T (or linear: help project)\n",
        stdout);
}

/* The prompt's own help: what "help" alone prints. */
static void cli_help_prompt(const cli_state *cs) {
  printf("Type an expression and press Enter, for example:\n"
         "  1400 TB to photos        a size in catalogue items (also: to GB, to iec, to words)\n"
         "  1400 TB to DVDs          items in any case, and as the table names them\n"
         "  photo = 4 MB             change an assumption for this session\n"
         "  1400 TB to equivalents   a short table of things to picture: count, size,\n"
         "                           what it is, and the count over its plausible range\n"
         "  1 MB .. 5 MB             a range (also 12 GB +/- 10%%)\n"
         "  ans                      the previous result\n"
         "\n"
         "Commands:                  (help COMMAND says more: help check, help for)\n"
         "  help [TOPIC]             this text, or one of the topics below\n"
         "  units [FILTER]           list units and catalogue items, or those with a word\n"
         "                           starting with FILTER\n"
         "  assumptions              every assumption in force and where it came from\n"
         "  assumptions changed      only those that differ from the catalogue\n"
         "  explain                  how the last result was reached, step by step\n"
         "  set                      show the settings\n"
         "  set digits N             significant digits shown (now %ld)\n"
         "  set precision N          bits for sqrt, ln, exp (also max-bits, max-depth,\n"
         "                           max-line, max-work: the limits; help limits)\n"
         "  set binary on|off        read KB MB GB TB ... as powers of 1024 (now %s)\n"
         "  set decimal-comma on|off read and write numbers as 1.400,5 (now %s)\n"
         "  read FILE                check every data-size claim in a story (a text,\n"
         "                           Markdown or HTML file; help read)\n"
         "  reset [NAME]             restore NAME, or every assumption, and say which\n"
         "  check A REL B            test a claim: check 1400 TB is more than 3 * 400 TB\n"
         "  EXPR with NAME = VALUE   this line only: 1400 TB to photos with photo = 2 MB\n"
         "  EXPR for NAME in V1, V2  a row per value: 1400 TB to photos for photo in\n"
         "                           2 MB, 3 MB, 5 MB (or in LOW .. HIGH step S)\n"
         "  quit, exit               leave (Ctrl-D too)\n"
         "\n",
         ds_ctx_limit(cs->ctx, DS_LIMIT_DIGITS, -1), ds_ctx_binary(cs->ctx) ? "on" : "off",
         ds_ctx_decimal_comma(cs->ctx) ? "on" : "off");
  fputs("Functions:                 (help NAME says more: help growth, help sqrt)\n", stdout);
  cli_help_functions();
  fputs("\n"
        "Topics: numbers, units, names, items, ranges, estimates, assumptions, readings,\n"
        "checks, verdicts, time, results, limits, commands, keys; and each command and\n"
        "function above.\n"
        "From the shell: datascale help [TOPIC] or datascale --help-topic TOPIC, and\n"
        "datascale units [FILTER] or datascale --list [FILTER].\n",
        stdout);
}

int cli_help(const cli_state *cs, const char *topic, const char *keys_status) {
  size_t i = 0;
  if (topic)
    while (i < HELP_NTOPICS && strcmp(help_topics[i].name, topic) != 0) i++;
  if (!topic || strcmp(topic, "prompt") == 0) {
    cli_help_prompt(cs);
  } else if (strcmp(topic, "functions") == 0) {
    cli_help_functions();
  } else if (i < HELP_NTOPICS) {
    fputs(help_topics[i].text, stdout);
    if (help_topics[i].text == help_keys && keys_status) fputs(keys_status, stdout);
  } else {
    cli_diag(cs, "error",
             "no help on '%s'; topics: %s; or a command (help set) or a function (help functions); for a "
             "unit or item, try: units %s",
             topic, HELP_RULES, topic);
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

int cli_read_command(cli_state *cs, const char *line, size_t len) {
  const char *w[2];
  size_t wl[2];
  int n = cli_words(line, len, w, wl, 2);
  if (n < 2 || !cli_is_word(w[0], wl[0], "read")) return -1;
  /* the rest of the line is the path (it may hold spaces), unless it
   * reads as an expression: "read * 2", "read = 5 MB" */
  bool alone = w[1] + wl[1] == line + len || strspn(w[1] + wl[1], " \t\n") == (size_t)(line + len - w[1] - wl[1]);
  if (strchr("=+*^()<>,", w[1][0]) || (strchr("-/", w[1][0]) && wl[1] == 1 && !(w[1][0] == '-' && alone))) return -1;
  size_t end = len;
  while (end > (size_t)(w[1] - line) && (line[end - 1] == ' ' || line[end - 1] == '\t' || line[end - 1] == '\n')) end--;
  char *path = malloc(end - (size_t)(w[1] - line) + 1);
  if (!path) {
    cli_diag(cs, "error", "out of memory");
    return 2;
  }
  memcpy(path, w[1], end - (size_t)(w[1] - line));
  path[end - (size_t)(w[1] - line)] = '\0';
  int st = cli_story(cs, path);
  free(path);
  return st;
}

int cli_shell_command(cli_state *cs, const char *line, size_t len) {
  int rs = cli_read_command(cs, line, len);
  if (rs >= 0) return rs;
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
