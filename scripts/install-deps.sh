#!/usr/bin/env bash
# Installs what IronKV needs to build, test and benchmark, and only what is
# missing: Debian 12 packages, apt-get update at most once, no prompts.
# Usage: scripts/install-deps.sh [--build-only]
set -euo pipefail

build_pkgs=(g++ cmake make libboost1.81-dev libtomlplusplus-dev libspdlog-dev liblzf-dev)
test_pkgs=(libgtest-dev libgmock-dev redis-tools redis-server python3 python3-redis)

pkgs=("${build_pkgs[@]}")
if [[ "${1:-}" != "--build-only" ]]; then
  pkgs+=("${test_pkgs[@]}")
fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: everything present"
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# libboost-dev (1.74) conflicts with 1.81: never pull it in.
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
# Debian's redis-server package starts a service on 6379 where an init system
# runs; IronKV's tests and benchmarks start their own servers on other ports.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet redis-server 2>/dev/null; then
  $SUDO systemctl stop redis-server || true
  $SUDO systemctl disable redis-server >/dev/null 2>&1 || true
fi
