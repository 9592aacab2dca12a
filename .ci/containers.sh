#!/usr/bin/env bash
# The container matrix's machinery: installs Docker, qemu-user-static and debootstrap, starts dockerd (stopped by
# pid at teardown), registers binfmt for arm64, armhf and s390x (i386 runs natively on an x86_64 kernel), and builds the Debian bookworm images the containers
# module's Testcontainers tests run the TCK in. No registry is reachable: images come from debootstrap and
# `docker import`, tagged by a hash of their recipe so a second run reuses them.
#   bash .ci/containers.sh setup      # idempotent
#   bash .ci/containers.sh teardown   # stops dockerd only if setup started it
set -euo pipefail

CACHE=${IOWAIT_IMAGE_CACHE:-/var/cache/iowait-images}
# Who started the engine is recorded per checkout: two checkouts on one machine (a CI run and a developer's) share the
# engine and the image cache, and the second one's setup must neither adopt nor disown the first one's engine.
REPO=$(cd "$(dirname "$0")/.." && pwd)
OWNER=$CACHE/owner-$(printf '%s' "$REPO" | sha256sum | cut -c1-12)
PIDFILE=$OWNER/dockerd.pid
ARCHES=${IOWAIT_CONTAINER_ARCHES:-"amd64 arm64 s390x i386 armhf"}
SUITE=bookworm
PACKAGES=openjdk-17-jre-headless
RECIPE_VERSION=1

log() { echo "[containers] $*" >&2; }

install_tools() {
  local need=()
  command -v dockerd >/dev/null || need+=(docker.io)
  command -v debootstrap >/dev/null || need+=(debootstrap)
  [ -e /usr/bin/qemu-aarch64-static ] || need+=(qemu-user-static)
  if [ ${#need[@]} -gt 0 ]; then
    log "installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
}

start_docker() {
  if docker info >/dev/null 2>&1; then
    log "a Docker engine is already running: it is not ours to stop"
    return
  fi
  log "starting dockerd"
  mkdir -p "$OWNER"
  dockerd >"$CACHE/dockerd.log" 2>&1 &
  echo $! >"$PIDFILE"
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && return
    sleep 1
  done
  log "dockerd did not answer within 60 s; its log:"
  tail -20 "$CACHE/dockerd.log" >&2
  exit 1
}

# The qemu-user binfmt name of a Debian architecture that needs emulation on x86_64 (none: runs natively).
qemu_name() {
  case $1 in
    arm64) echo aarch64 ;;
    armhf) echo arm ;;
    s390x) echo s390x ;;
  esac
}

register_binfmt() {
  [ -d /proc/sys/fs/binfmt_misc ] || return 0
  [ -e /proc/sys/fs/binfmt_misc/register ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  local arch
  for arch in $(for a in $ARCHES; do qemu_name "$a"; done); do
    if [ ! -e "/proc/sys/fs/binfmt_misc/qemu-$arch" ] && [ -e "/usr/lib/binfmt.d/qemu-$arch.conf" ]; then
      cat "/usr/lib/binfmt.d/qemu-$arch.conf" >/proc/sys/fs/binfmt_misc/register
    fi
  done
  case " $ARCHES " in *" i386 "*) register_i386 ;; esac
}

# An x86_64 kernel with IA32 emulation runs i386 binaries itself, and then nothing is registered. Some kernels (or
# sandboxes) refuse them with ENOEXEC although CONFIG_IA32_EMULATION=y; qemu-user-static ships no i386 entry for an
# amd64 host, so register one, with the F flag so it works in chroots and containers. arch-test comes with debootstrap.
register_i386() {
  [ "$(uname -m)" = x86_64 ] || return 0
  [ -e /proc/sys/fs/binfmt_misc/qemu-i386 ] && return 0
  arch-test i386 >/dev/null 2>&1 && return 0
  log "this kernel does not run i386 binaries natively: registering qemu-i386"
  printf '%s' ':qemu-i386:M::\x7fELF\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x03\x00:\xff\xff\xff\xff\xff\xfe\xfe\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/usr/bin/qemu-i386-static:F' \
    >/proc/sys/fs/binfmt_misc/register
}

image_tag() {
  local arch=$1
  local hash
  hash=$(printf '%s|%s|%s|%s' "$SUITE" "$arch" "$PACKAGES" "$RECIPE_VERSION" | sha256sum | cut -c1-12)
  echo "iowait-tck-base:$SUITE-$arch-$hash"
}

build_image() {
  local arch=$1 tag root
  tag=$(image_tag "$arch")
  if docker image inspect "$tag" >/dev/null 2>&1; then
    log "$tag is cached"
  else
    root=$CACHE/root-$arch
    rm -rf "$root"
    log "debootstrap $SUITE $arch (minutes; cached afterwards as $tag)"
    local start=$SECONDS
    debootstrap --arch="$arch" --variant=minbase --include="$PACKAGES" "$SUITE" "$root" \
      >"$CACHE/debootstrap-$arch.log" 2>&1 || { tail -20 "$CACHE/debootstrap-$arch.log" >&2; exit 1; }
    tar -C "$root" --exclude=./proc --exclude=./sys --exclude=./dev -c . | docker import - "$tag" >/dev/null
    rm -rf "$root"
    log "built $tag in $((SECONDS - start)) s"
  fi
  echo "$arch=$tag" >>"$CACHE/images.properties.tmp"
}

setup() {
  mkdir -p "$CACHE"
  install_tools
  start_docker
  register_binfmt
  rm -f "$CACHE/images.properties.tmp"
  local pids=()
  for arch in $ARCHES; do
    build_image "$arch" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do
    wait "$pid"
  done
  # Keep the rows of architectures this run did not build (a setup for a subset must not drop the others).
  local arch keep=()
  for arch in $ARCHES; do keep+=(-e "^$arch="); done
  if [ -f "$CACHE/images.properties" ]; then
    grep -v "${keep[@]}" "$CACHE/images.properties" >>"$CACHE/images.properties.tmp" || true
  fi
  sort "$CACHE/images.properties.tmp" >"$CACHE/images.properties"
  rm -f "$CACHE/images.properties.tmp"
  log "images: $(tr '\n' ' ' <"$CACHE/images.properties")"
}

teardown() {
  [ -f "$PIDFILE" ] || return 0
  local pid
  pid=$(cat "$PIDFILE")
  rm -f "$PIDFILE"
  # The pid may have been reused since setup: stop it only if it is still a dockerd.
  if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ]; then
    log "stopping dockerd (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 30); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
  fi
}

case "${1:-}" in
  setup) setup ;;
  teardown) teardown ;;
  *) echo "usage: $0 setup|teardown" >&2; exit 2 ;;
esac
