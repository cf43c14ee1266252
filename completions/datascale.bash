# SPDX-License-Identifier: GPL-3.0-or-later
# bash completion for datascale(1)                          -*- shell-script -*-
#
# Installed as $(datadir)/bash-completion/completions/datascale.bash, where
# bash-completion loads it on first use; or source it from ~/.bashrc.
#
# Options and their values; the topics of --help-topic; and after a
# conversion word (to, in, as) the unit and item names that
# `datascale --complete=PREFIX` prints (with the units files the command
# line names), plus equivalents, auto, iec and words.

# The names after a conversion word, into COMPREPLY.
_datascale_names() {
  local cur=$1 i w args=() names n
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    case $w in
    --no-user-units) args+=("$w") ;;
    --units-file=*) args+=("$w") ;;
    --units-file)
      if [[ ${COMP_WORDS[i + 1]} == = ]]; then args+=("--units-file=${COMP_WORDS[i + 2]}"); else args+=("--units-file=${COMP_WORDS[i + 1]}"); fi
      ;;
    esac
  done
  COMPREPLY=($(compgen -W 'equivalents auto iec words' -- "$cur"))
  names=$(command datascale "${args[@]}" --complete="$cur" 2>/dev/null) || names=
  while IFS= read -r n; do
    [[ -n $n && $n != *\( ]] && COMPREPLY+=("$n")
  done <<<"$names"
}

_datascale() {
  local cur prev topics='numbers units names ranges estimates assumptions readings binary checks time results commands keys prompt items verdicts limits check functions help explain set reset with for quit exit sqrt ln log10 log2 exp abs round floor ceil min max growth project'
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}

  # values of options given as --opt=value; bash splits the word at '='
  # (COMP_WORDBREAKS) unless bash-completion joined it again
  local opt= val= pre=
  if [[ $cur == --*=* ]]; then
    opt=${cur%%=*} val=${cur#*=} pre="$opt="
  elif [[ $cur == = && $prev == --* ]]; then
    opt=$prev
  elif [[ $prev == = ]] && ((COMP_CWORD > 1)) && [[ ${COMP_WORDS[COMP_CWORD - 2]} == --* ]]; then
    opt=${COMP_WORDS[COMP_CWORD - 2]} val=$cur
  fi
  if [[ -n $opt ]]; then
    case $opt in
    --color | --colour) COMPREPLY=($(compgen -P "$pre" -W 'auto always never' -- "$val")) ;;
    --explain) COMPREPLY=($(compgen -P "$pre" -W 'text markdown' -- "$val")) ;;
    --help-topic) COMPREPLY=($(compgen -P "$pre" -W "$topics" -- "$val")) ;;
    --units-file | --file)
      compopt -o filenames 2>/dev/null
      COMPREPLY=($(compgen -P "$pre" -f -- "$val"))
      ;;
    esac
    return
  fi

  # values of options given as a separate word
  case $prev in
  -f | --file | --units-file)
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "$cur"))
    return
    ;;
  --help-topic)
    COMPREPLY=($(compgen -W "$topics" -- "$cur"))
    return
    ;;
  -d | --digits | -a | --assume | -e | --expression | --max-bits | --max-depth | --max-line | --max-work | --precision | \
    --complete)
    return
    ;;
  to | in | as)
    _datascale_names "$cur"
    return
    ;;
  esac

  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W '--json --csv --terse --digits= --exact --explain --explain=
      --assume= --binary --decimal-comma --units-file= --no-user-units --color --color= --quiet
      --expression= --file= --max-bits= --max-depth= --max-line= --max-work= --precision=
      --list --list= --help-topic= --complete= --help --version
      -t -d -a -q -e -f' -- "$cur"))
    # no space after an option that wants its value after '='
    [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
  fi
}
complete -F _datascale datascale
