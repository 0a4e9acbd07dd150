#!/usr/bin/env bash
# Persistence benchmark: Debian's redis-server vs ironkv-server.
#
# 1. SET throughput with no AOF, appendfsync everysec and appendfsync always:
#    the same redis-benchmark run (-t set, many clients so group commit
#    shows) against both servers, alternating, ROUNDS rounds, median reported.
#    Both servers pinned to SERVER_CPUS, the client to BENCH_CPUS (as run.sh).
#    Each mode starts fresh servers in fresh directories; the AOF is on the
#    same disk for both (TMPDIR).
# 2. BGSAVE of BGSAVE_KEYS keys (loaded with redis-cli --pipe): time, peak
#    extra RSS (VmRSS of the server, sampled every 5 ms; Redis's fork child
#    reported apart), and the worst latency of a probe client doing GET/PING
#    back to back during the BGSAVE (bench/bgsave_probe.py).
#
# Prints the tables and writes them as markdown to bench/out/persistence-latest.md.
#
# Usage: bench/persistence.sh [--rounds N] [--n N] [--clients N] [--pipeline P]
#                             [--bgsave-keys N] [--server-cpus L] [--bench-cpus L]
#                             [--skip-throughput] [--skip-bgsave] [--quick]
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
bench_dir="$root/bench"

die() { echo "bench: $*" >&2; exit 1; }
log() { echo "bench: $*" >&2; }

while (($#)); do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --n) N="$2"; shift 2 ;;
    --clients) CLIENTS="$2"; shift 2 ;;
    --pipeline) PIPELINE="$2"; shift 2 ;;
    --bgsave-keys) BGSAVE_KEYS="$2"; shift 2 ;;
    --server-cpus) SERVER_CPUS="$2"; shift 2 ;;
    --bench-cpus) BENCH_CPUS="$2"; shift 2 ;;
    --skip-throughput) SKIP_THROUGHPUT=1; shift ;;
    --skip-bgsave) SKIP_BGSAVE=1; shift ;;
    --quick) QUICK=1; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
QUICK="${QUICK:-0}"
if [[ "$QUICK" == 1 ]]; then ROUNDS="${ROUNDS:-1}"; N="${N:-20000}"; BGSAVE_KEYS="${BGSAVE_KEYS:-100000}"; fi
ROUNDS="${ROUNDS:-3}"
N="${N:-200000}"
CLIENTS="${CLIENTS:-50}"
PIPELINE="${PIPELINE:-1}"
BGSAVE_KEYS="${BGSAVE_KEYS:-1000000}"
SKIP_THROUGHPUT="${SKIP_THROUGHPUT:-0}"
SKIP_BGSAVE="${SKIP_BGSAVE:-0}"
for v in ROUNDS N CLIENTS PIPELINE BGSAVE_KEYS; do
  [[ "${!v}" =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive integer (got '${!v}')"
done
for t in redis-server redis-cli redis-benchmark taskset timeout python3; do
  command -v "$t" >/dev/null 2>&1 || die "missing $t. Run scripts/install-deps.sh."
done

ncpu=$(nproc)
if [[ -z "${SERVER_CPUS:-}" ]]; then if ((ncpu >= 2)); then SERVER_CPUS=1; else SERVER_CPUS=none; fi; fi
if [[ -z "${BENCH_CPUS:-}" ]]; then if ((ncpu >= 2)); then BENCH_CPUS=0; else BENCH_CPUS=none; fi; fi
pin_prefix() { [[ "$1" == none ]] || printf 'taskset -c %s' "$1"; }
read -r -a server_pin <<<"$(pin_prefix "$SERVER_CPUS")"
read -r -a bench_pin <<<"$(pin_prefix "$BENCH_CPUS")"
IRONKV_IO_THREADS="${IRONKV_IO_THREADS:-1}"

ironkv_src="${IRONKV_BIN:-$root/build/app/ironkv-server}"
[[ -x "$ironkv_src" ]] || die "$ironkv_src missing: cmake --build build --target ironkv-server"
redis_bin=$(command -v redis-server)

work=$(mktemp -d "${TMPDIR:-/tmp}/ironkv-pbench.XXXXXX")
declare -A server_pid=()
stop_server() {
  local name="$1" pid="${server_pid[$1]:-}"
  [[ -n "$pid" ]] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  unset "server_pid[$name]"
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  for name in "${!server_pid[@]}"; do stop_server "$name"; done
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
cp "$ironkv_src" "$work/ironkv-server-under-test"
ironkv_bin="$work/ironkv-server-under-test"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# start_server NAME PORT MODE: MODE none | everysec | always. Same persistence
# settings for both: no save points, no automatic AOF rewrite.
start_server() {
  local name="$1" port="$2" mode="$3" dir="$work/data-$1-$2" cmd aof=()
  mkdir -p "$dir"
  if [[ "$mode" == none ]]; then aof=(--appendonly no)
  else aof=(--appendonly yes --appendfsync "$mode" --auto-aof-rewrite-percentage 0); fi
  if [[ "$name" == redis ]]; then
    cmd=("$redis_bin" --port "$port" --bind 127.0.0.1 --save '' --daemonize no --dir "$dir"
         --loglevel warning --logfile '' "${aof[@]}")
  else
    cmd=("$ironkv_bin" --port "$port" --bind 127.0.0.1 --io-threads "$IRONKV_IO_THREADS"
         --loglevel warning --save '' --http-enabled no --dir "$dir" "${aof[@]}")
  fi
  "${server_pin[@]}" "${cmd[@]}" >"$work/$name-$port.log" 2>&1 &
  server_pid[$name]=$!
  for _ in $(seq 100); do
    kill -0 "${server_pid[$name]}" 2>/dev/null || { cat "$work/$name-$port.log" >&2; die "$name exited at start-up"; }
    [[ "$(timeout 2 redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" == PONG ]] && return 0
    sleep 0.1
  done
  die "$name did not answer PING within 10s"
}

load="$(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p "$bench_dir/out"
out="$bench_dir/out/persistence-latest.md"
{
  echo "Run $(date -u '+%Y-%m-%d %H:%M:%S UTC'), load average before: $load, $ncpu CPUs"
  echo "($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)); servers on CPU $SERVER_CPUS,"
  echo "client on CPU $BENCH_CPUS, IronKV --io-threads $IRONKV_IO_THREADS, redis $(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p')."
  echo "Data directories in ${TMPDIR:-/tmp} ($(df -T "${TMPDIR:-/tmp}" | awk 'NR==2 {print $2}'))."
  echo
} >"$out"

# ---------------------------------------------------------------- throughput
if [[ "$SKIP_THROUGHPUT" != 1 ]]; then
  {
    echo "### SET throughput: redis-benchmark -t set -c $CLIENTS -n $N -r 100000 -P $PIPELINE, median of $ROUNDS"
    echo
    echo "| persistence | redis ops/s | ironkv ops/s | ironkv/redis | redis p99 ms | ironkv p99 ms |"
    echo "|---|---:|---:|---:|---:|---:|"
  } >>"$out"
  for mode in none everysec always; do
    declare -A port_of=()
    port_of[redis]=$(free_port); port_of[ironkv]=$(free_port)
    start_server redis "${port_of[redis]}" "$mode"
    start_server ironkv "${port_of[ironkv]}" "$mode"
    for ((r = 1; r <= ROUNDS; r++)); do
      for name in redis ironkv; do
        log "round $r: $name SET, AOF $mode"
        timeout -k 5 $((60 + N / 500)) "${bench_pin[@]}" redis-benchmark -h 127.0.0.1 -p "${port_of[$name]}" \
          -c "$CLIENTS" -n "$N" -r 100000 -P "$PIPELINE" -t set --csv \
          | awk -F'"' 'NR==2 {print $4, $14}' >>"$work/$mode-$name.txt" || log "run failed"
      done
    done
    stop_server redis
    stop_server ironkv
    python3 - "$mode" "$work/$mode-redis.txt" "$work/$mode-ironkv.txt" >>"$out" <<'EOF'
import statistics, sys
mode, rf, kf = sys.argv[1:4]
def med(path):
    rows = [l.split() for l in open(path) if l.strip()]
    if not rows:
        return 0.0, 0.0, []
    return (statistics.median(float(r[0]) for r in rows),
            statistics.median(float(r[1]) for r in rows), [r[0] for r in rows])
r, rp, rr = med(rf)
k, kp, kr = med(kf)
label = {"none": "no AOF", "everysec": "appendfsync everysec", "always": "appendfsync always"}[mode]
ratio = k / r if r else 0
print(f"| {label} | {r:,.0f} | {k:,.0f} | {ratio:.2f} | {rp:.3f} | {kp:.3f} |")
print(f"raw {mode}: redis {' '.join(rr)}; ironkv {' '.join(kr)}", file=sys.stderr)
EOF
  done
  echo >>"$out"
fi

# ---------------------------------------------------------------- BGSAVE
if [[ "$SKIP_BGSAVE" != 1 ]]; then
  resp="$work/load.resp"
  python3 - "$BGSAVE_KEYS" "$resp" <<'EOF'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "wb") as f:
    for i in range(n):
        k, v = b"key:%d" % i, b"value:%d:%s" % (i, b"x" * 16)
        f.write(b"*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n" % (len(k), k, len(v), v))
EOF
  {
    echo "### BGSAVE of $BGSAVE_KEYS keys (SET key:<n> value:<n>:xxxxxxxxxxxxxxxx), no AOF; probe: GET, SET of a random key, PING"
    echo
    echo "| server | BGSAVE s | RSS before MB | peak RSS MB | extra RSS MB | fork child peak RSS MB | redis cow MB | probe max ms | probe p99 ms | baseline max ms | probe requests |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  } >>"$out"
  for name in redis ironkv; do
    port=$(free_port)
    start_server "$name" "$port" none
    log "$name: loading $BGSAVE_KEYS keys"
    timeout 600 "${bench_pin[@]}" redis-cli -h 127.0.0.1 -p "$port" --pipe <"$resp" >"$work/pipe-$name.log" 2>&1 \
      || die "load failed: $(tail -3 "$work/pipe-$name.log")"
    sleep 1
    log "$name: BGSAVE"
    "${bench_pin[@]}" python3 "$bench_dir/bgsave_probe.py" "$port" "${server_pid[$name]}" --keys "$BGSAVE_KEYS" --timeout 600 >"$work/bgsave-$name.json"
    cat "$work/bgsave-$name.json" >&2
    stop_server "$name"
    python3 - "$name" "$work/bgsave-$name.json" >>"$out" <<'EOF'
import json, sys
name, path = sys.argv[1:3]
d = json.load(open(path))
mb = lambda kb: kb / 1024.0
cow = d["rdb_last_cow_size"]
cow = f"{cow / 1048576.0:.1f}" if cow else "-"
child = f"{mb(d['peak_child_rss_kb']):.1f}" if d["peak_child_rss_kb"] else "-"
print(f"| {name} | {d['seconds']:.2f} | {mb(d['rss_before_kb']):.1f} | {mb(d['peak_rss_kb']):.1f} | "
      f"{mb(d['peak_rss_kb'] - d['rss_before_kb']):.1f} | {child} | {cow} | {d['max_ms']:.2f} | "
      f"{d['p99_ms']:.2f} | {d['baseline_max_ms']:.2f} | {d['probe_requests']} |")
EOF
  done
  echo >>"$out"
fi
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out"
cat "$out"
