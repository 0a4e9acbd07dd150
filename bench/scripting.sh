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
IRONKV_BIN="${IRONKV_BIN:-build/app/ironkv-server}"
[[ -x "$IRONKV_BIN" ]] || { echo "no $IRONKV_BIN (build it first)" >&2; exit 1; }
SERVER_CPUS="${SERVER_CPUS:-1}"
BENCH_CPUS="${BENCH_CPUS:-0}"
IRON_PORT=7391
REDIS_PORT=7392
work="$(mktemp -d)"
cleanup() {
  [[ -n "${iron_pid:-}" ]] && kill "$iron_pid" 2>/dev/null || true
  [[ -n "${redis_pid:-}" ]] && kill "$redis_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

taskset -c "$SERVER_CPUS" "$IRONKV_BIN" --port "$IRON_PORT" --bind 127.0.0.1 --save "" \
  --appendonly no --http-enabled no --io-threads 1 --dir "$work" >"$work/iron.log" 2>&1 &
iron_pid=$!
taskset -c "$SERVER_CPUS" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" \
  --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
redis_pid=$!
for port in "$IRON_PORT" "$REDIS_PORT"; do
  for _ in $(seq 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.05; done
done

script="redis.call('incr', KEYS[1]) return redis.call('get', KEYS[1])"
lib="#!lua name=benchlib
redis.register_function('incrget', function(keys) redis.call('incr', keys[1]) return redis.call('get', keys[1]) end)"
for port in "$IRON_PORT" "$REDIS_PORT"; do
  sha="$(redis-cli -p "$port" script load "$script")"
  redis-cli -p "$port" function load replace "$lib" >/dev/null
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
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

echo "| test | -P | IronKV req/s | Redis req/s | ratio | IronKV µs CPU/req | Redis µs CPU/req |"
echo "|---|---|---|---|---|---|---|"
for p in 1 16; do
  for test in evalsha fcall; do
    if [[ "$test" == evalsha ]]; then cmd=(EVALSHA "$sha" 1 "key:__rand_int__"); else cmd=(FCALL incrget 1 "key:__rand_int__"); fi
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
