#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# help.sh -- the prompt's help covers everything: "help" lists every command
# and every function the evaluator knows, one line each, and "help TOPIC"
# works for each of them and for the rules (readings, ranges, items,
# verdicts, limits). Run from the shell ("datascale help TOPIC", the same
# as --help-topic TOPIC), which prints what the prompt prints.
. "$(dirname "$0")/lib.sh"

D=$DATASCALE

run "$D" --no-user-units help
is_status "help: status 0" 0
cp "$T/out" "$T/help"

# ---- every function: from the evaluator's own table ----------------------
# --complete lists the functions of the evaluator's table as "name(".
run "$D" --no-user-units --complete=
grep '($' "$T/out" | sed 's/($//' >"$T/fns"
assert "the evaluator knows some functions (--complete)" test "$(wc -l <"$T/fns")" -ge 13
while read -r fn; do
  assert "help lists the function $fn on a line of its own" grep -q "^  $fn(" "$T/help"
  run "$D" --no-user-units help "$fn"
  is_status "help $fn: status 0" 0
  out_has "help $fn: explains $fn(...)" "$fn("
done <"$T/fns"
for fn in growth project; do
  assert "help lists $fn (regression: it never did)" grep -q "^  $fn(" "$T/help"
done

# ---- every command, one line each ----------------------------------------
for cmd in 'help \[TOPIC\]' 'units \[FILTER\]' 'assumptions  ' 'assumptions changed' 'explain  ' 'set  ' \
  'set digits N' 'set precision N' 'set binary on|off' 'set decimal-comma on|off' 'reset \[NAME\]' \
  'check A REL B' 'EXPR with NAME = VALUE' 'EXPR for NAME in' 'read FILE' 'quit, exit'; do
  assert "help lists the command '$cmd'" grep -q "^  $cmd" "$T/help"
done

# ---- help TOPIC for each command ---------------------------------------------
topic() { # topic NAME TEXT...: help NAME succeeds and says each TEXT
  local name=$1
  shift
  run "$D" --no-user-units help "$name"
  is_status "help $name: status 0" 0
  for text in "$@"; do out_has "help $name: $text" "$text"; done
  run "$D" --no-user-units --help-topic "$name"
  cp "$T/out" "$T/topic"
  run "$D" --no-user-units help "$name"
  assert "help $name = --help-topic $name" cmp -s "$T/out" "$T/topic"
}
topic help "help TOPIC" "--help-topic"
topic check "check A REL B" "more than" "almost nearly" "= holds within 1 %, close within 3 %" "plausible"
topic checks "check A REL B"
topic with "EXPR with NAME = VALUE" "1400 TB to photos with photo = 2 MB" "this line only" "puts"
topic for "EXPR for NAME in V1, V2" "LOW .. HIGH step S" "at most 100" "--json" "--csv"
topic reset "reset NAME" "every variable of the session" "what became of each"
topic assumptions "assumptions changed" "reset photo" "set in this session" "--assume"
topic set "set digits N" "set binary on|off" "set decimal-comma on|off" "set max-work N" "set precision N"
topic explain "derivation" "--explain"
topic quit "Ctrl-D" "history"
topic exit "Ctrl-D"
topic units "units FILTER"
topic growth "growth(400 TB, 1400 TB, 6 months)" "compound"
topic project "project(1400 TB, 23.2%/month, 12 months)" "linear"
topic functions "sqrt(" "project("

# the examples of help with and help for run as written
run "$D" --no-user-units help with
grep '^  [0-9a-z].* with ' "$T/out" >"$T/examples"
run "$D" --no-user-units help for
grep '^  [0-9a-z].* for [a-z]* in ' "$T/out" >>"$T/examples"
assert "help with and help for give 6 examples" test "$(wc -l <"$T/examples")" -eq 6
while read -r e; do
  run "$D" --no-user-units -q -e "$e"
  is_status "the example '$e' runs" 0
done <"$T/examples"

# ---- the rules ---------------------------------------------------------------
topic readings "re-reads what you wrote" "set binary on"
topic ranges "1 MB .. 5 MB" "between 1 and 5 MB"
topic items "1400 TB to photos" "plausible" "at least" "to equivalents" "help names"
topic verdicts "holds" "close" "off" "plausible" "d = claimed / actual - 1" "almost" "20 %"
topic limits "max-bits" "max-depth" "max-line" "max-work" "precision" "16777216" "262144" "100 rows"

# ---- every topic the help names works ----------------------------------------
topics=$(sed -n '/^Topics:/,/^$/p' "$T/help" | sed 's/^Topics://' | tr -d '\n' | sed 's/;.*//' | tr ',.' '  ')
assert "help names its topics" test -n "$topics"
for t in $topics; do
  run "$D" --no-user-units help "$t"
  is_status "help $t (named in help's topics): status 0" 0
  assert "help $t: some text" test -s "$T/out"
done

# ---- an unknown topic --------------------------------------------------------
run "$D" --no-user-units help nosuch
is_status "help nosuch: status 2" 2
err_has "help nosuch: names the topics" "topics: "
err_has "help nosuch: names the rule topics" "verdicts"
err_has "help nosuch: points at the functions" "functions"

finish
