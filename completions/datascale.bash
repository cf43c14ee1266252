# bash completion for datascale(1)                          -*- shell-script -*-
#
# Installed as $(datadir)/bash-completion/completions/datascale.bash, where
# bash-completion loads it on first use; or source it from ~/.bashrc.

_datascale() {
  local cur prev
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
  -d | --digits | -a | --assume | -e | --expression | --max-bits | --max-depth | --max-line | --max-work | --precision)
    return
    ;;
  esac

  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W '--json --terse --digits= --exact --explain --explain=
      --assume= --binary --decimal-comma --units-file= --no-user-units --color --color= --quiet
      --expression= --file= --max-bits= --max-depth= --max-line= --max-work= --precision=
      --help --version
      -t -d -a -q -e -f' -- "$cur"))
    # no space after an option that wants its value after '='
    [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
  fi
}
complete -F _datascale datascale
