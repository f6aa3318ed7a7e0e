#!/usr/bin/env bash
# Installs the Debian packages gleaner needs (only those missing) and builds it.
#   scripts/setup.sh [build-dir] [extra cmake args...]
# Environment: GLEANER_BUILD_TYPE (default Release).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ cmake make pkg-config ca-certificates
  libcurl4-openssl-dev libgumbo-dev libsqlite3-dev libuchardet-dev
  libxml2-dev zlib1g-dev libre2-dev libtomlplusplus-dev
  nlohmann-json3-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  dpkg-dev  # dpkg-shlibdeps, for the .deb's Depends (cpack -G DEB, the package test)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build_dir="${1:-build}"
shift || true
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="${GLEANER_BUILD_TYPE:-Release}" "$@" >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
