#!/usr/bin/env bash
# Builds libkqueue (a third-party user-space kqueue for Linux) so the TCK can run against it, then builds and runs
# the C reproducers of its known deviations (libkqueue_*.c) against it alone.
# The build is cached by the archive's SHA-256 under CACHE_ROOT, outside the clone, so a second CI run reuses it.
# Without the archive it writes the reason to OUT/SKIPPED and exits 0; with CI=true a missing archive is a failure.
# Usage: build-libkqueue.sh ARCHIVE CACHE_ROOT OUT
set -euo pipefail
archive="$1"
cache_root="$2"
out="$3"
here="$(cd "$(dirname "$0")" && pwd)"
cc="${CC:-cc}"
rm -rf "$out"
mkdir -p "$out"

if [ ! -f "$archive" ]; then
  reason="libkqueue's source archive is absent ($archive); see ../shared/third-party/README.md"
  if [ "${CI:-}" = true ]; then
    echo "ERROR: $reason; CI=true needs it to run the TCK against libkqueue" >&2
    exit 1
  fi
  echo "SKIPPED: $reason" >&2
  echo "$reason" > "$out/SKIPPED"
  exit 0
fi
for tool in cmake "$cc" tar sha256sum; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "ERROR: building libkqueue needs '$tool': install it, or remove $archive to skip the libkqueue run" >&2
    exit 1
  fi
done

sha="$(sha256sum "$archive" | cut -c1-16)"
cache="$cache_root/libkqueue-$sha"
if [ -f "$cache/libkqueue.so.0" ] && [ -f "$cache/include/sys/event.h" ]; then
  echo "libkqueue: reusing the build cached in $cache"
else
  echo "libkqueue: building $archive into $cache (about a minute)"
  mkdir -p "$cache_root"
  # A private directory, renamed into place at the end, so a concurrent or interrupted build never leaves half a cache.
  work="$(mktemp -d "$cache_root/.libkqueue-$sha.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  tar -xzf "$archive" -C "$work"
  src="$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -n 1)"
  cmake -S "$src" -B "$work/build" -DCMAKE_BUILD_TYPE=Release >"$work/cmake.log" 2>&1 \
    || { cat "$work/cmake.log" >&2; exit 1; }
  cmake --build "$work/build" --target kqueue >"$work/build.log" 2>&1 \
    || { cat "$work/build.log" >&2; exit 1; }
  mkdir -p "$work/cache/include/sys"
  cp -L "$work/build/libkqueue.so.0" "$work/cache/libkqueue.so.0"
  cp "$work/build/include/sys/event.h" "$work/cache/include/sys/event.h"
  if ! mv -T "$work/cache" "$cache" 2>/dev/null; then
    echo "libkqueue: another build filled $cache first; using it"
  fi
fi
cp "$cache/libkqueue.so.0" "$out/libkqueue.so.0"

# Each reproducer exits 0 when libkqueue still deviates as documented in the README, 1 when it no longer does (then
# the TCK exclusion that cites it must go), 2 on a setup error.
for repro in "$here"/libkqueue_*.c; do
  [ -e "$repro" ] || continue
  name="$(basename "$repro" .c)"
  "$cc" -O1 -Wall -Werror -I"$cache/include" -o "$out/$name" "$repro" "$out/libkqueue.so.0" \
    -Wl,-rpath,"$out"
  "$out/$name"
done
