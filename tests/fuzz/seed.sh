#!/usr/bin/env bash
# seed.sh: builds the starting corpus of every fuzz target.
#   tests/fuzz/seed.sh [OUT]      (default OUT: build-fuzz/corpus)
# OUT/<target>/ gets the committed seeds (tests/fuzz/seeds/<target>) plus:
#   charset   samples/*.html, each with no hint and with its served charset
#   extract   samples/*.html (plain and gzipped) and 20 Scrapinghub pages
#             from ../shared/bench when that folder is there
#   url       base/href pairs taken from the samples' links
#   selector  the selectors in selectors/*.toml
#   rules     selectors/*.toml
#   robots, discover   the committed seeds only
# Run it again at any time: it only adds files (named by content hash), so
# a corpus that libFuzzer grew is kept. Nothing it writes is committed.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/../build-fuzz/corpus}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# add TARGET: stdin becomes one corpus file named by its hash.
add() {
  local tmp
  tmp="$(mktemp)"
  cat > "$tmp"
  mv "$tmp" "$out/$1/$(sha1sum < "$tmp" | cut -c1-16)" 2>/dev/null || mv "$tmp" "$out/$1/x$RANDOM"
}

for target in charset extract robots url discover rules selector; do
  mkdir -p "$out/$target"
  cp -n "$root/tests/fuzz/seeds/$target/"* "$out/$target/" 2>/dev/null || true
done

# Label indexes as in charset_fuzz.cc's kLabels (0 none, 1 utf-8, 2 gbk,
# 5 big5, 14 windows-1252); a second byte of 0xff means no override.
label_index() {
  case "$(tr 'A-Z' 'a-z' <<< "$1")" in
    utf-8) echo 1 ;; gbk|gb2312) echo 2 ;; big5) echo 5 ;; iso-8859-1|windows-1252) echo 14 ;; *) echo 0 ;;
  esac
}

for page in "$root"/samples/*.html; do
  serve="${page%.html}.serve.json"
  charset=""
  if [ -f "$serve" ]; then
    charset="$(grep -o 'charset=[A-Za-z0-9_-]*' "$serve" | head -n1 | cut -d= -f2 || true)"
  fi
  idx="$(label_index "$charset")"
  { printf '\x00\xff'; cat "$page"; } | add charset
  { printf "\\x$(printf %02x "$idx")\\xff"; cat "$page"; } | add charset
  { printf '\x00'; cat "$page"; } | add extract
  { printf '\x00'; gzip -9nc "$page"; } | add extract
  # Links on the page, each against the sample's own URL.
  base="$(grep -o '"url": *"[^"]*"' "$serve" 2>/dev/null | head -n1 | sed 's/.*"\(http[^"]*\)"/\1/' || true)"
  grep -o 'href="[^"]*"' "$page" | head -n 4 | sed 's/^href="//; s/"$//' | while IFS= read -r href; do
    printf '%s\n%s' "${base:-http://news.example.com/}" "$href" | add url
  done
done

bench="$root/../shared/bench/scrapinghub/html"
if [ -d "$bench" ]; then
  find "$bench" -name '*.html.gz' | sort | head -n 20 | while IFS= read -r gz; do
    { printf '\x00'; gzip -dc "$gz"; } | add extract
  done
fi

for toml in "$root"/selectors/*.toml; do
  add rules < "$toml"
  grep -E '^(title|date|body|source|author|related) *=' "$toml" | sed 's/^[a-z]* *= *"\(.*\)"$/\1/' |
    while IFS= read -r css; do printf '%s' "$css" | add selector; done
done

for target in charset extract robots url discover rules selector; do
  printf '%-9s %4d files\n' "$target" "$(find "$out/$target" -type f | wc -l)"
done
