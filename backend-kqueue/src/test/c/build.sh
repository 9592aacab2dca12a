#!/usr/bin/env bash
# Builds the kqueue ABI emulator once per struct kevent layout and runs its C-level checks.
# Usage: build.sh OUTPUT_DIR
set -euo pipefail
out="$1"
here="$(cd "$(dirname "$0")" && pwd)"
cc="${CC:-cc}"
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "ERROR: the kqueue ABI emulator needs a C compiler ('$cc' not found): install gcc, or set CC" >&2
  exit 1
fi
mkdir -p "$out"
for abi in macos freebsd12 freebsd11; do
  case "$abi" in
    freebsd12) flags="-DKEVENT_FREEBSD12" ;;
    freebsd11) flags="-DKEVENT_FREEBSD11" ;;
    *) flags="" ;;
  esac
  "$cc" -O2 -Wall -Werror -shared -fPIC $flags -o "$out/libkqueue-$abi.so" "$here/kqueue_emulator.c" -lpthread
  "$cc" -O2 -Wall -Werror $flags -o "$out/kqueue-emulator-test-$abi" "$here/kqueue_emulator_test.c" -ldl
  "$out/kqueue-emulator-test-$abi" "$out/libkqueue-$abi.so"
done
