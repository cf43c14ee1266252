#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# completion.sh -- the bash and zsh completion scripts (completions/): the
# options, the topics of --help-topic, and unit and item names after a
# conversion word (to, in, as), which they ask of `datascale --complete`.
# The bash script runs in a non-interactive bash with COMP_WORDS set as
# bash sets them; the zsh script runs in zsh -f with the completion
# system's functions (_arguments, compadd, ...) replaced by stubs that
# print what they are given. The zsh part is skipped without zsh.
. "$(dirname "$0")/lib.sh"

mkdir -p "$T/bin"
ln -s "$DATASCALE" "$T/bin/datascale"
export PATH="$T/bin:$PATH"

# A user's units file: its items are completed too.
mkdir -p "$XDG_CONFIG_HOME/datascale"
printf '[gizmo_photo/gizmo_photos]\nsize: 7 MB\nabout: a photo from a gizmo\n' >"$XDG_CONFIG_HOME/datascale/units"
chmod 600 "$XDG_CONFIG_HOME/datascale/units"

# ---- bash -------------------------------------------------------------------
cat >"$T/bashcomp.sh" <<'EOF'
# bashcomp.sh SCRIPT WORD... -- completes the last WORD as bash would
. "$1" || exit 3
shift
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
COMPREPLY=()
_datascale datascale "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
printf '%s\n' "${COMPREPLY[@]}"
EOF
BASHCOMP=("bash" "$T/bashcomp.sh" "$srcdir/completions/datascale.bash")

run "${BASHCOMP[@]}" datascale 1400 TB to pho
is_status "bash: completes after to" 0
out_has "bash: to pho -> photos" "photos"
out_has "bash: to pho -> photo_48mp" "photo_48mp"
out_lacks "bash: to pho -> only names starting with pho" "heic_photo"

run "${BASHCOMP[@]}" datascale 1400 TB to tera
out_has "bash: to tera -> terabytes (prefixed words)" "terabytes"

run "${BASHCOMP[@]}" datascale 1400 TB in giz
out_has "bash: in giz -> an item of the user's units file" "gizmo_photos"

# The units files the command line names are the ones asked.
printf '[widget_photo/widget_photos]\nsize: 1 MB\n' >"$T/widget.def"
run "${BASHCOMP[@]}" datascale --units-file="$T/widget.def" 1400 TB to wid
out_has "bash: --units-file=FILE: its items" "widget_photos"
run "${BASHCOMP[@]}" datascale --units-file "$T/widget.def" 1400 TB to wid
out_has "bash: --units-file FILE: its items" "widget_photos"
run "${BASHCOMP[@]}" datascale --no-user-units 1400 TB to giz
out_lacks "bash: --no-user-units: not the user's items" "gizmo_photos"

run "${BASHCOMP[@]}" datascale 1400 TB to eq
out_has "bash: to eq -> equivalents" "equivalents"

run "${BASHCOMP[@]}" datascale 1400 TB to ''
out_has "bash: to <Tab> -> names" "photos"
out_has "bash: to <Tab> -> auto, iec, words, equivalents" "equivalents"
out_lacks "bash: to <Tab> -> no functions" "sqrt("

run "${BASHCOMP[@]}" datascale 1400 TB pho
out_lacks "bash: not after a conversion word: no names" "photos"

run "${BASHCOMP[@]}" datascale --help-topic ''
out_has "bash: --help-topic <Tab> -> units" "units"
out_has "bash: --help-topic <Tab> -> names" "names"
out_has "bash: --help-topic <Tab> -> estimates" "estimates"
run "${BASHCOMP[@]}" datascale --help-topic ra
is_out "bash: --help-topic ra -> ranges" "ranges"
run "${BASHCOMP[@]}" datascale --help-topic = ti
is_out "bash: --help-topic=ti -> time" "time"

run "${BASHCOMP[@]}" datascale --li
out_has "bash: --li -> --list" "--list"
run "${BASHCOMP[@]}" datascale --help-t
out_has "bash: --help-t -> --help-topic" "--help-topic"
run "${BASHCOMP[@]}" datascale --js
is_out "bash: --js -> --json" "--json"

# ---- zsh --------------------------------------------------------------------
if command -v zsh >/dev/null 2>&1; then
  cat >"$T/zshcomp.zsh" <<'EOF'
# zshcomp.zsh SCRIPT WORD... -- runs the script's expression completion for
# the last WORD with stubs of the completion system
_arguments() { print -r -- "ARGS $*" >"$ZSHCOMP_ARGS"; }
_message() { print -r -- "MESSAGE $*"; }
_call_program() { shift; eval "$@"; }
compadd() {
  local a seen=0
  for a in "$@"; do
    if ((seen)); then print -r -- "$a"; elif [[ $a == -- ]]; then seen=1; fi
  done
}
script=$1
shift
words=("$@")
CURRENT=$#
PREFIX=${words[-1]}
source "$script"
_datascale_expression
EOF
  ZSHCOMP=(env "ZSHCOMP_ARGS=$T/zsh-args" zsh -f "$T/zshcomp.zsh" "$srcdir/completions/_datascale")

  run "${ZSHCOMP[@]}" datascale 1400 TB to pho
  is_status "zsh: completes after to" 0
  out_has "zsh: to pho -> photos" "photos"
  out_lacks "zsh: to pho -> only names starting with pho" "heic_photo"
  out_lacks "zsh: to pho -> no functions" "sqrt("

  run "${ZSHCOMP[@]}" datascale 1400 TB in giz
  out_has "zsh: in giz -> an item of the user's units file" "gizmo_photos"

  run "${ZSHCOMP[@]}" datascale --units-file="$T/widget.def" 1400 TB to wid
  out_has "zsh: --units-file=FILE: its items" "widget_photos"
  run "${ZSHCOMP[@]}" datascale --no-user-units 1400 TB to giz
  out_lacks "zsh: --no-user-units: not the user's items" "gizmo_photos"

  run "${ZSHCOMP[@]}" datascale 1400 TB to ''
  out_has "zsh: to <Tab> -> equivalents" "equivalents"
  out_has "zsh: to <Tab> -> names" "photos"

  run "${ZSHCOMP[@]}" datascale 1400 TB pho
  out_lacks "zsh: not after a conversion word: no names" "photos"
  out_has "zsh: elsewhere: an expression" "MESSAGE"

  assert "zsh: the options include --list" grep -q -e "--list" "$T/zsh-args"
  assert "zsh: the options include --help-topic with its topics" grep -q -e "--help-topic.*(numbers units names ranges estimates" "$T/zsh-args"
  assert "zsh: the expression goes to _datascale_expression" grep -q -e "_datascale_expression" "$T/zsh-args"
else
  echo "# zsh not found (Debian package zsh): its completion script is not tested"
fi

finish
