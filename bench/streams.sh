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
IRONKV_BIN="${IRONKV_BIN:-build/app/ironkv-server}"
[[ -x "$IRONKV_BIN" ]] || { echo "no $IRONKV_BIN (build it first)" >&2; exit 1; }
SERVER_CPUS="${SERVER_CPUS:-1}"
BENCH_CPUS="${BENCH_CPUS:-0}"
IRON_PORT=7393
REDIS_PORT=7394
work="$(mktemp -d)"
iron_pid=""
redis_pid=""
stop_servers() {
  [[ -n "$iron_pid" ]] && kill "$iron_pid" 2>/dev/null && wait "$iron_pid" 2>/dev/null || true
  [[ -n "$redis_pid" ]] && kill "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null || true
  iron_pid=""
  redis_pid=""
}
cleanup() {
  stop_servers
  rm -rf "$work"
}
trap cleanup EXIT

start_servers() {
  taskset -c "$SERVER_CPUS" "$IRONKV_BIN" --port "$IRON_PORT" --bind 127.0.0.1 --save "" \
    --appendonly no --http-enabled no --io-threads 1 --dir "$work" >"$work/iron.log" 2>&1 &
  iron_pid=$!
  taskset -c "$SERVER_CPUS" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" \
    --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
  redis_pid=$!
  for port in "$IRON_PORT" "$REDIS_PORT"; do
    for _ in $(seq 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.05; done
  done
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
hz="$(getconf CLK_TCK)"

run_one() {  # port pid pipeline cmd... → "rps usec_per_req"
  local port="$1" pid="$2" p="$3"
  shift 3
  local before after out rps
  before="$(cpu_ticks "$pid")"
  out="$(timeout -k 5 $((30 + N / 2000)) taskset -c "$BENCH_CPUS" redis-benchmark -h 127.0.0.1 \
    -p "$port" -c 50 -n "$N" -r 100000 -P "$p" -q "$@" 2>/dev/null | tr '\r' '\n' | grep -i 'requests per second' | tail -1)"
  after="$(cpu_ticks "$pid")"
  rps="$(echo "$out" | sed -E 's/.*: ([0-9.]+) requests per second.*/\1/')"
  awk -v r="$rps" -v b="$before" -v a="$after" -v hz="$hz" -v n="$N" \
    'BEGIN { printf "%s %.2f\n", r, (a - b) / hz * 1e6 / n }'
}

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

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
    : >"$work/i"; : >"$work/r"
    for _ in $(seq "$ROUNDS"); do
      run_one "$IRON_PORT" "$iron_pid" "$p" "${cmd[@]}" >>"$work/i"
      run_one "$REDIS_PORT" "$redis_pid" "$p" "${cmd[@]}" >>"$work/r"
    done
    ir="$(cut -d' ' -f1 "$work/i" | median)"; rr="$(cut -d' ' -f1 "$work/r" | median)"
    ic="$(cut -d' ' -f2 "$work/i" | median)"; rc="$(cut -d' ' -f2 "$work/r" | median)"
    awk -v t="$test" -v p="$p" -v ir="$ir" -v rr="$rr" -v ic="$ic" -v rc="$rc" \
      'BEGIN { printf "| %s | %s | %.0f | %.0f | %.2f | %.2f | %.2f |\n", t, p, ir, rr, (rr > 0 ? ir / rr : 0), ic, rc }'
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
