# bash completion for gleaner: commands, flags, flag values and paths.
#
# Everything is read from the gleaner being completed (`gleaner ... --help`),
# so a command or flag added to the CLI completes with no change here and
# nothing can drift; tests/e2e/docs_test.cc checks it against --help.
# Needs only bash (not the bash-completion package). Installed as
# share/bash-completion/completions/gleaner; or `source` it from ~/.bashrc.
#
#   gleaner <TAB>                  commands
#   gleaner export --<TAB>         that command's flags
#   gleaner export --format <TAB>  values shown as json|jsonl|csv in --help
#   gleaner crawl --rules <TAB>    folders and *.toml files (rules check too)
#   gleaner extract <TAB>          files and folders

# Sets _gleaner_reply to `BIN [COMMAND...] --help`. Kept for a minute, so
# TAB after TAB does not run gleaner again, yet an upgraded gleaner is read
# afresh. (A variable, not stdout: $(...) would lose the cache.)
declare -gA _gleaner_help_text=() _gleaner_help_time=()
_gleaner_help() {
  local key="$*" now=${EPOCHSECONDS:-0}
  if [[ -z ${_gleaner_help_text[$key]+set} ]] || ((now - ${_gleaner_help_time[$key]:-0} > 60)); then
    _gleaner_help_text[$key]=$("$@" --help 2>/dev/null) || return 1
    _gleaner_help_time[$key]=$now
  fi
  _gleaner_reply=${_gleaner_help_text[$key]}
}

# From a help text on stdin: the names under "Subcommands:".
_gleaner_subcommands() {
  local line on=0
  while IFS= read -r line; do
    if [[ $line == Subcommands: ]]; then on=1; continue; fi
    [[ $line =~ ^[^[:space:]] ]] && on=0
    if ((on)) && [[ $line =~ ^\ \ ([^[:space:]]+) ]]; then
      printf '%s\n' "${BASH_REMATCH[1]}"
    fi
  done
}

# From a help text on stdin: one line per flag, "NAME<TAB>TYPE", where TYPE
# is what the flag takes ("" for a switch): "--format<TAB>json|jsonl".
_gleaner_flags() {
  local line names type name
  while IFS= read -r line; do
    [[ $line =~ ^\ \ (-[^[:space:]]+)(\ ([^[:space:]=]+))? ]] || continue
    names=${BASH_REMATCH[1]//,/ }
    type=${BASH_REMATCH[3]}
    for name in $names; do
      printf '%s\t%s\n' "${name%%\{*}" "$type"
    done
  done
}

_gleaner() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  local prev=
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
  local bin=${COMP_WORDS[0]}
  bin=${bin/#\~/$HOME}
  COMPREPLY=()

  # Walk the words typed so far down the command tree.
  local -a path=()
  local help subs word i
  _gleaner_help "$bin" || return 0
  help=$_gleaner_reply
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    [[ $word == -* ]] && continue
    subs=$(_gleaner_subcommands <<<"$help")
    if [[ -n $subs ]] && grep -qxF -- "$word" <<<"$subs"; then
      path+=("$word")
      _gleaner_help "$bin" "${path[@]}"
      help=$_gleaner_reply
    fi
  done

  local flags type
  flags=$(_gleaner_flags <<<"$help")

  # The value of a flag that takes one.
  if [[ $prev == -* ]]; then
    type=$(awk -F'\t' -v f="$prev" '$1 == f { print $2; exit }' <<<"$flags")
    if [[ -n $type ]]; then
      if [[ $type == *'|'* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "${type//|/ }" -- "$cur")
      elif [[ $prev == --rules ]]; then
        _gleaner_rules_paths "$cur"
      elif [[ $type =~ ^(PATH|FILE|DIR)$ ]]; then
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      fi
      return 0
    fi
  fi

  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(cut -f1 <<<"$flags")" -- "$cur")
    return 0
  fi

  subs=$(_gleaner_subcommands <<<"$help")
  if [[ -n $subs ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$subs" -- "$cur")
  elif [[ ${path[0]} == rules ]]; then
    _gleaner_rules_paths "$cur"
  elif [[ ${path[0]} == extract ]]; then
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  fi
  return 0
}

# Rules files: folders (to descend into) and *.toml files.
_gleaner_rules_paths() {
  compopt -o filenames 2>/dev/null
  mapfile -t COMPREPLY < <(
    compgen -d -- "$1"
    compgen -f -X '!*.toml' -- "$1"
  )
}

complete -F _gleaner gleaner
