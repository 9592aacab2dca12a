#!/usr/bin/env bash
# Builds the /dev/poll ABI emulator and runs its C-level checks. Usage: build.sh OUTPUT_DIR
set -euo pipefail
out="$1"
here="$(cd "$(dirname "$0")" && pwd)"
cc="${CC:-cc}"
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "ERROR: the /dev/poll ABI emulator needs a C compiler ('$cc' not found): install gcc, or set CC" >&2
  exit 1
fi
mkdir -p "$out"
"$cc" -O2 -Wall -Werror -shared -fPIC -o "$out/libdevpoll.so" "$here/devpoll_emulator.c" -ldl -lpthread
"$cc" -O2 -Wall -Werror -rdynamic -o "$out/devpoll-emulator-test" "$here/devpoll_emulator_test.c" -ldl
"$out/devpoll-emulator-test" "$out/libdevpoll.so"
