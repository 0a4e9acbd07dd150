#!/usr/bin/env bash
# One command to test IronKV: installs what is missing, builds, and runs every
# test (unit, integration over real sockets, compat with redis-cli and
# redis-benchmark). Then the same unit and integration suites, and the
# differential runs against redis-server, under AddressSanitizer +
# UndefinedBehaviorSanitizer.
#   scripts/test.sh                 everything
#   SKIP_SANITIZE=1 scripts/test.sh without the sanitizer pass
#   scripts/test.sh -L unit         only some labels (passed to ctest; skips the sanitizer pass)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh"

start=$(date +%s)
BUILD_DIR="$root/build" "$root/scripts/build.sh" -DIRONKV_BUILD_TESTS=ON
echo "== build: $(( $(date +%s) - start ))s"

cd "$root/build"
ctest --output-on-failure --timeout 300 -j"$(nproc)" "$@"
echo "== tests: $(( $(date +%s) - start ))s"

if [[ $# -eq 0 && -z "${SKIP_SANITIZE:-}" ]]; then
  # Sanitizers at -O0: several times faster to build than at -O2 here.
  BUILD_DIR="$root/build-asan" BUILD_TYPE=Debug "$root/scripts/build.sh" \
    -DIRONKV_BUILD_TESTS=ON -DIRONKV_SANITIZE=ON
  cd "$root/build-asan"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --output-on-failure --timeout 600 -j"$(nproc)" -L 'unit|integration'
  # The generated differential runs against redis-server reach corners the
  # suites do not (they found a signed overflow in stream lag): a few seconds.
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --output-on-failure --timeout 600 -j"$(nproc)" \
    -R '^(StreamCompat|ScriptingCompat)\.RepliesMatchRedisByteForByte$'
  echo "== sanitizer tests: $(( $(date +%s) - start ))s"
fi
