#!/usr/bin/env bash
# Scripting throughput, IronKV beside redis-server 7.0 in one run: redis-benchmark
# running EVALSHA of a small script (INCR + GET) and FCALL of the same function,
# at -P 1 and -P 16, servers pinned as bench/run.sh pins them. Reports requests/s,
# the IronKV/Redis ratio, and each server's CPU per request (utime+stime from
# /proc/PID/stat before and after the run), as a markdown table.
#
# Usage: bench/scripting.sh [--n N] [--rounds R]   (IRONKV_BIN overrides the binary)
# Loopback only; every run is bounded by count and by `timeout`.
set -euo pipefail
cd "$(dirname "$0")/.."

N=200000
ROUNDS=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --n) N="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    -h|--help) sed -n 2,10p "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
IRON_PORT=7391
REDIS_PORT=7392
# shellcheck source=bench/side_by_side.sh
source bench/side_by_side.sh
start_servers

script="redis.call('incr', KEYS[1]) return redis.call('get', KEYS[1])"
lib="#!lua name=benchlib
redis.register_function('incrget', function(keys) redis.call('incr', keys[1]) return redis.call('get', keys[1]) end)"
for port in "$IRON_PORT" "$REDIS_PORT"; do
  sha="$(redis-cli -p "$port" script load "$script")"
  redis-cli -p "$port" function load replace "$lib" >/dev/null
done

echo "| test | -P | IronKV req/s | Redis req/s | ratio | IronKV µs CPU/req | Redis µs CPU/req |"
echo "|---|---|---|---|---|---|---|"
for p in 1 16; do
  for test in evalsha fcall; do
    if [[ "$test" == evalsha ]]; then cmd=(EVALSHA "$sha" 1 "key:__rand_int__"); else cmd=(FCALL incrget 1 "key:__rand_int__"); fi
    compare_row "$test" "$p" "${cmd[@]}"
  done
done
