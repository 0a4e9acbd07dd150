#!/usr/bin/env bash
# One command to run IronKV: installs what is missing, builds, and starts the
# server with config.toml (127.0.0.1:6379). Extra arguments are passed to the
# server, e.g. scripts/run.sh --port 7000.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh" --build-only
"$root/scripts/build.sh" -DIRONKV_BUILD_TESTS=OFF
exec "${BUILD_DIR:-$root/build}/app/ironkv-server" "$root/config.toml" "$@"
