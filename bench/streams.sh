#!/usr/bin/env bash
# Stream throughput and memory, IronKV beside redis-server 7.0 in one run:
#   - redis-benchmark XADD (auto ID, one field) at -P 1 and -P 16,
#   - XRANGE of 100 entries (COUNT 100 over a 1000-entry stream) at -P 1 and -P 16,
#   - memory per entry for a stream of --entries entries with 2 small fields,
#     loaded with redis-cli --pipe into a fresh instance of each server, as the
#     RSS growth and MEMORY USAGE of the key.
# Servers pinned as bench/run.sh pins them (both on SERVER_CPUS, the client on
# BENCH_CPUS), IronKV with --io-threads 1. Reports requests/s, the IronKV/Redis
# ratio and each server's CPU per request (utime+stime from /proc/PID/stat), as
# markdown tables.
#
# Usage: bench/streams.sh [--n N] [--rounds R] [--entries E]   (IRONKV_BIN overrides the binary)
# Loopback only; every run is bounded by count and by `timeout`.
set -euo pipefail
cd "$(dirname "$0")/.."

N=200000
ROUNDS=3
ENTRIES=1000000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --n) N="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --entries) ENTRIES="$2"; shift 2 ;;
    -h|--help) sed -n 2,15p "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
IRON_PORT=7393
REDIS_PORT=7394
# shellcheck source=bench/side_by_side.sh
source bench/side_by_side.sh

# ---- throughput
start_servers
for port in "$IRON_PORT" "$REDIS_PORT"; do
  python3 -c '
import sys
for i in range(1, 1001):
    sys.stdout.write("XADD r100 %d-0 field%d value%d\r\n" % (i, i % 7, i))' |
    timeout 60 redis-cli -p "$port" --pipe >/dev/null
done

echo "| test | -P | IronKV req/s | Redis req/s | ratio | IronKV µs CPU/req | Redis µs CPU/req |"
echo "|---|---|---|---|---|---|---|"
for p in 1 16; do
  for test in xadd xrange_100; do
    if [[ "$test" == xadd ]]; then cmd=(XADD bench:stream '*' field value); else cmd=(XRANGE r100 - + COUNT 100); fi
    compare_row "$test" "$p" "${cmd[@]}"
  done
done
stop_servers

# ---- memory per entry: fresh servers, one stream of $ENTRIES entries, 2 small fields
start_servers
echo
echo "| memory, $ENTRIES entries x 2 fields | IronKV | Redis | ratio |"
echo "|---|---|---|---|"
declare -A rss usage
for side in iron redis; do
  if [[ "$side" == iron ]]; then port="$IRON_PORT"; pid="$iron_pid"; else port="$REDIS_PORT"; pid="$redis_pid"; fi
  before="$(rss_kb "$pid")"
  python3 -c '
import sys
n = int(sys.argv[1])
w = sys.stdout.write
for i in range(1, n + 1):
    w("XADD mem %d-1 temp %d user u%d\r\n" % (1700000000000 + i, i % 100, i % 5000))' "$ENTRIES" |
    timeout 300 redis-cli -p "$port" --pipe >/dev/null
  after="$(rss_kb "$pid")"
  rss[$side]="$(awk -v a="$after" -v b="$before" -v n="$ENTRIES" 'BEGIN { printf "%.1f", (a - b) * 1024 / n }')"
  usage[$side]="$(redis-cli -p "$port" memory usage mem samples 0 | awk -v n="$ENTRIES" '{ printf "%.1f", $1 / n }')"
done
awk -v i="${rss[iron]}" -v r="${rss[redis]}" 'BEGIN { printf "| RSS growth, bytes/entry | %s | %s | %.2f |\n", i, r, i / r }'
awk -v i="${usage[iron]}" -v r="${usage[redis]}" 'BEGIN { printf "| MEMORY USAGE, bytes/entry | %s | %s | %.2f |\n", i, r, i / r }'
