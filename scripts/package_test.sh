#!/bin/sh
# package_test.sh BUILD_DIR: the install and the .deb as a user gets them
# (CTest runs this as the `package` test).
#   1. cpack -G DEB; the package's Depends name the runtime libraries
#      (from dpkg-shlibdeps) and it holds the binary, man page, completion,
#      docs and example rules;
#   2. dpkg -x into a scratch root; gleaner runs from there (--version, and
#      `rules check` on the example rules it ships);
#   3. cmake --install into a scratch prefix gives the same layout.
# Touches only a temp dir (removed on exit) and the build's install rules.
set -eu

build=$(cd "$1" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# The files a user gets, relative to the prefix.
expected_files="bin/gleaner
share/bash-completion/completions/gleaner
share/doc/gleaner/README.md
share/doc/gleaner/article.schema.json
share/doc/gleaner/cron.md
share/doc/gleaner/examples/selectors/example.toml
share/doc/gleaner/rules.md
share/man/man1/gleaner.1.gz"

# Checks an installed tree: exactly the expected files, a gleaner that runs
# and reports its libraries, and example rules that pass `rules check`.
check_tree() {
  root=$1
  what=$2
  actual=$(cd "$root" && find . -type f | sed 's|^\./||' | LC_ALL=C sort)
  if [ "$actual" != "$expected_files" ]; then
    fail "$what: installed files differ from the expected list"
    printf 'expected:\n%s\nactual:\n%s\n' "$expected_files" "$actual" >&2
  fi
  if ! "$root/bin/gleaner" --version > "$tmp/version" 2> "$tmp/version.err"; then
    fail "$what: gleaner --version failed: $(cat "$tmp/version.err")"
    return
  fi
  for pattern in '^gleaner [0-9]' '^libcurl [0-9]' '^Gumbo [0-9]' '^SQLite [0-9]' '^iconv (glibc [0-9]'; do
    grep -q "$pattern" "$tmp/version" || fail "$what: --version has no line matching '$pattern'"
  done
  "$root/bin/gleaner" rules check "$root/share/doc/gleaner/examples/selectors/" > /dev/null 2> "$tmp/rules.err" ||
    fail "$what: the shipped example rules fail rules check: $(cat "$tmp/rules.err")"
  gzip -t "$root/share/man/man1/gleaner.1.gz" || fail "$what: the man page is not valid gzip"
  bash -n "$root/share/bash-completion/completions/gleaner" || fail "$what: the completion is not valid bash"
}

# 1. The .deb.
if ! command -v dpkg-shlibdeps > /dev/null; then
  echo "FAIL: dpkg-shlibdeps is missing (package dpkg-dev; scripts/setup.sh installs it)" >&2
  exit 1
fi
if ! (cd "$tmp" && cpack -G DEB -B "$tmp/cpack" --config "$build/CPackConfig.cmake") > "$tmp/cpack.log" 2>&1; then
  cat "$tmp/cpack.log" >&2
  echo "FAIL: cpack -G DEB failed" >&2
  exit 1
fi
deb=$(ls "$tmp"/cpack/*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
echo "package: $(basename "$deb"), Depends: $depends"
for lib in libc6 libcurl4 libgumbo libsqlite3 libuchardet libxml2 libre2 zlib1g libstdc++6; do
  echo ", $depends" | grep -q ", $lib" || fail "Depends lacks $lib: $depends"
done

# 2. Unpacked into a scratch root, as dpkg would install it.
dpkg-deb -x "$deb" "$tmp/root"
check_tree "$tmp/root/usr" ".deb"

# 3. cmake --install into a scratch prefix.
if cmake --install "$build" --prefix "$tmp/prefix" > "$tmp/install.log" 2>&1; then
  check_tree "$tmp/prefix" "cmake --install"
else
  cat "$tmp/install.log" >&2
  fail "cmake --install failed"
fi

if [ "$failures" -gt 0 ]; then
  echo "package_test: $failures failed" >&2
  exit 1
fi
echo "package_test: the .deb and cmake --install both install a gleaner that runs"
