#!/usr/bin/env bash
# Installs what IronKV needs to build, test and benchmark, and only what is
# missing: Debian 12 packages, apt-get update at most once, no prompts.
# Usage: scripts/install-deps.sh [--build-only]
set -euo pipefail

# Lua 5.1 (the version Redis embeds) with Debian's cjson and bitop bindings,
# OpenSSL for SHA1 (and TLS later), pkg-config to find lua5.1.
build_pkgs=(g++ cmake make pkg-config libboost1.81-dev libtomlplusplus-dev libspdlog-dev liblzf-dev
  liblua5.1-0-dev lua-cjson-dev lua-bitop-dev libssl-dev)
# prometheus: promtool checks /metrics; chromium: the dashboard's browser test.
test_pkgs=(libgtest-dev libgmock-dev redis-tools redis-server python3 python3-redis python3-rq prometheus chromium)

pkgs=("${build_pkgs[@]}")
if [[ "${1:-}" != "--build-only" ]]; then
  pkgs+=("${test_pkgs[@]}")
fi

# Node.js and npm drive the browser test (playwright-core). A node already on
# PATH (e.g. NodeSource's nodejs, which bundles npm) is used as it is: Debian's
# npm package would conflict with it.
if [[ "${1:-}" != "--build-only" ]] && ! { command -v node && command -v npm; } >/dev/null 2>&1; then
  pkgs+=(nodejs npm)
fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# The npm dependencies of the browser test (tests/browser: playwright-core) and
# of the Node.js client tests (tests/node: ioredis, bullmq), exactly as locked.
install_browser_test_deps() {
  [[ "${1:-}" == "--build-only" ]] && return 0
  local root dir
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests"
  for dir in "$root/browser:playwright-core" "$root/node:bullmq"; do
    if [[ ! -d "${dir%%:*}/node_modules/${dir##*:}" ]]; then
      echo "install-deps: npm ci in ${dir%%:*}"
      (cd "${dir%%:*}" && npm ci --no-audit --no-fund)
    fi
  done
}

if ((${#missing[@]} == 0)); then
  install_browser_test_deps "${1:-}"
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
# The prometheus package may start a Prometheus server (port 9090) where an
# init system runs; the tests only need promtool.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet prometheus 2>/dev/null; then
  $SUDO systemctl stop prometheus || true
  $SUDO systemctl disable prometheus >/dev/null 2>&1 || true
fi
install_browser_test_deps "${1:-}"
