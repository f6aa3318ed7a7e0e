#!/bin/sh
# gleaner-man.sh: builds gleaner(1) from the built binary's own --help
# output (every command, flag and default), src/cli/exit_codes.h (exit
# statuses) and docs/article.schema.json (the JSON fields), poured into the
# prose of docs/gleaner.1.in. One source of truth for each: the page cannot
# drift from the CLI. POSIX sh + awk: no python on a fresh Debian.
#
#   cmake/gleaner-man.sh GLEANER SOURCE_DIR OUTPUT
#
# Commands are found by walking "Subcommands:" in the help, so a new
# command (crawl) appears here without any change to this script.
set -eu

bin=$1
src=$2
out=$3
here=$src/cmake
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Help as a user sees it, but with the documented --db default rather than
# the builder's home directory.
gleaner_help() {
  (unset GLEANER_DB XDG_DATA_HOME; HOME='~'; export HOME; "$bin" "$@" --help)
}

# The names listed under "Subcommands:" in a help text on stdin.
subcommands() {
  awk '/^Subcommands:$/ { on = 1; next } /^[^ ]/ { on = 0 } on && /^  [^ ]/ { print $1 }'
}

# Leaf commands, depth first: "extract", ..., "rules check".
leaves() (
  prefix=$1
  # shellcheck disable=SC2086  # the prefix is a list of words
  subs=$(gleaner_help $prefix | subcommands)
  if [ -z "$subs" ]; then
    echo "$prefix"
    return
  fi
  for s in $subs; do leaves "${prefix:+$prefix }$s"; done
)

: > "$tmp/commands"
: > "$tmp/synopsis"
for cmd in $(gleaner_help | subcommands); do
  for leaf in $(leaves "$cmd" | tr ' ' '+'); do
    words=$(echo "$leaf" | tr '+' ' ')
    # shellcheck disable=SC2086
    gleaner_help $words > "$tmp/help"
    awk -v mode=command -f "$here/help2man.awk" "$tmp/help" >> "$tmp/commands"
    awk -v mode=synopsis -f "$here/help2man.awk" "$tmp/help" >> "$tmp/synopsis"
  done
done
gleaner_help | awk -v mode=global -f "$here/help2man.awk" > "$tmp/global"

# "  kExitStore = 4,  // the store cannot be opened ..." -> .TP 4 ...
awk '/^ *kExit[A-Za-z]+ *= *[0-9]+,? *\/\/ / {
  n = $0; sub(/^[^=]*= */, "", n); sub(/[^0-9].*$/, "", n)
  t = $0; sub(/^[^\/]*\/\/ */, "", t); gsub(/-/, "\\-", t)
  print ".TP"; print "\\fB" n "\\fR"; print toupper(substr(t, 1, 1)) substr(t, 2) "."
}' "$src/src/cli/exit_codes.h" > "$tmp/exit"

awk -f "$here/schema2man.awk" "$src/docs/article.schema.json" > "$tmp/json"

version=$("$bin" --version | sed -n '1s/^gleaner //p')

# The template: @NAME@ lines are replaced by the generated parts.
awk -v tmp="$tmp" -v version="$version" '
  function insert(file,   line) { while ((getline line < file) > 0) print line; close(file) }
  /^@SYNOPSIS@$/       { insert(tmp "/synopsis"); next }
  /^@GLOBAL_OPTIONS@$/ { insert(tmp "/global"); next }
  /^@COMMANDS@$/       { insert(tmp "/commands"); next }
  /^@EXIT_STATUS@$/    { insert(tmp "/exit"); next }
  /^@JSON_FIELDS@$/    { insert(tmp "/json"); next }
  { gsub(/@VERSION@/, version); print }
' "$src/docs/gleaner.1.in" > "$tmp/page"

# Refuse a page with a placeholder left or a command missing.
if grep -q '^@[A-Z_]*@$' "$tmp/page" || ! grep -q '^\.SS ' "$tmp/page"; then
  echo "gleaner-man.sh: the generated page is incomplete" >&2
  exit 1
fi
mv "$tmp/page" "$out"
# The installed copy is compressed, as Debian ships man pages (-n: no name
# or time stamp inside, so the same page gives the same bytes).
gzip -9 -n -c "$out" > "$out.gz"
