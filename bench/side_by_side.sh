# Sourced by the side-by-side benchmarks (bench/scripting.sh, bench/streams.sh):
# both servers on SERVER_CPUS, redis-benchmark on BENCH_CPUS, IronKV with
# --io-threads 1, in a temporary directory removed at exit; each run reports
# requests/s and the server's CPU per request (utime+stime from /proc/PID/stat).
# The caller sets N, IRON_PORT and REDIS_PORT first.

IRONKV_BIN="${IRONKV_BIN:-build/app/ironkv-server}"
[[ -x "$IRONKV_BIN" ]] || { echo "no $IRONKV_BIN (build it first)" >&2; exit 1; }
SERVER_CPUS="${SERVER_CPUS:-1}"
BENCH_CPUS="${BENCH_CPUS:-0}"
work="$(mktemp -d)"
iron_pid=""
redis_pid=""
hz="$(getconf CLK_TCK)"

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

# One table row: ROUNDS alternating runs of `cmd` on both servers, medians.
compare_row() {  # test pipeline cmd...
  local test="$1" p="$2"
  shift 2
  : >"$work/i"; : >"$work/r"
  for _ in $(seq "$ROUNDS"); do
    run_one "$IRON_PORT" "$iron_pid" "$p" "$@" >>"$work/i"
    run_one "$REDIS_PORT" "$redis_pid" "$p" "$@" >>"$work/r"
  done
  local ir rr ic rc
  ir="$(cut -d' ' -f1 "$work/i" | median)"; rr="$(cut -d' ' -f1 "$work/r" | median)"
  ic="$(cut -d' ' -f2 "$work/i" | median)"; rc="$(cut -d' ' -f2 "$work/r" | median)"
  awk -v t="$test" -v p="$p" -v ir="$ir" -v rr="$rr" -v ic="$ic" -v rc="$rc" \
    'BEGIN { printf "| %s | %s | %.0f | %.0f | %.2f | %.2f | %.2f |\n", t, p, ir, rr, (rr > 0 ? ir / rr : 0), ic, rc }'
}
