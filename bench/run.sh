#!/usr/bin/env bash
# Side-by-side benchmark: Debian's redis-server vs ironkv-server.
#
# Same redis-benchmark runs against both servers, alternating between them
# (redis, ironkv, redis, ironkv ...) for ROUNDS rounds; the median of the
# rounds is reported. Both servers are pinned to the same CPU set, the client
# to another one. Tests: strings (set,get,incr,mset) and collections
# (lpush,lpop,sadd,hset,zadd,lrange_100). Then memory tests, each into a fresh
# instance of each server through redis-cli --pipe, VmRSS before/after:
# 1,000,000 small keys, and 1,000,000-element hash, set, sorted set and list.
#
# Prints the table and writes it as markdown to bench/out/latest.md
# (per-round raw numbers go to bench/out/latest-raw.csv).
#
# Usage: bench/run.sh [options]     (see --help; bench/README.md explains)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
bench_dir="$root/bench"

usage() {
  cat <<'EOF'
Usage: bench/run.sh [options]

Options (each also settable as the environment variable in brackets):
  --rounds N          rounds per test, median reported [ROUNDS, default 3]
  --n-p1 N            requests per run at -P 1 [N_P1, default 200000]
  --n-p16 N           requests per run at -P 16 [N_P16, default 1000000]
  --clients N         redis-benchmark -c [CLIENTS, default 50]
  --keyspace N        redis-benchmark -r [KEYSPACE, default 100000]
  --group G           test group: strings (set,get,incr,mset), collections
                      (lpush,lpop,sadd,hset,zadd,lrange_100) or all [GROUP, default all]
  --tests LIST        explicit redis-benchmark -t list; overrides --group [TESTS]
  --pipelines LIST    space/comma separated -P values [PIPELINES, default "1 16"]
  --server-cpus L     taskset CPU list for BOTH servers [SERVER_CPUS, default 1]
  --bench-cpus L      taskset CPU list for redis-benchmark/redis-cli [BENCH_CPUS, default 0]
                      ("none" for either disables that pinning)
  --io-threads N      IronKV --io-threads [IRONKV_IO_THREADS, default = number
                      of CPUs in --server-cpus, or nproc when unpinned]
  --mem-keys N        keys loaded in the memory test [MEM_KEYS, default 1000000]
  --mem-elements N    elements per collection in the collection memory test
                      [MEM_ELEMENTS, default 1000000]
  --mem-batch N       elements per HSET/SADD/ZADD/RPUSH command when loading
                      [MEM_BATCH, default 1000]
  --timeout S         time limit per redis-benchmark run, seconds
                      [BENCH_TIMEOUT, default 30 + n/5000]
  --quick             smoke run: 1 round, small n, 100k keys/elements [QUICK=1]
  --skip-memory       skip all memory tests [SKIP_MEMORY=1]
  --skip-collection-memory
                      skip the collection memory tests (keep the small-keys
                      one) [SKIP_COLLECTION_MEMORY=1]
  --rebuild           run 'cmake --build build --target ironkv-server' first [REBUILD=1]
  -h, --help          this text

IRONKV_BIN=/path/to/ironkv-server uses that binary instead of build/app/ironkv-server
(building in Release if it is missing). Pointing IRONKV_BIN at a redis-server
binary is allowed, to test the harness itself (it is then started with
Redis's flags, and the report says so).
EOF
}

die() { echo "bench: $*" >&2; exit 1; }
log() { echo "bench: $*" >&2; }

while (($#)); do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --n-p1) N_P1="$2"; shift 2 ;;
    --n-p16) N_P16="$2"; shift 2 ;;
    --clients) CLIENTS="$2"; shift 2 ;;
    --keyspace) KEYSPACE="$2"; shift 2 ;;
    --group) GROUP="$2"; shift 2 ;;
    --tests) TESTS="$2"; shift 2 ;;
    --pipelines) PIPELINES="$2"; shift 2 ;;
    --server-cpus) SERVER_CPUS="$2"; shift 2 ;;
    --bench-cpus) BENCH_CPUS="$2"; shift 2 ;;
    --io-threads) IRONKV_IO_THREADS="$2"; shift 2 ;;
    --mem-keys) MEM_KEYS="$2"; shift 2 ;;
    --mem-elements) MEM_ELEMENTS="$2"; shift 2 ;;
    --mem-batch) MEM_BATCH="$2"; shift 2 ;;
    --timeout) BENCH_TIMEOUT="$2"; shift 2 ;;
    --quick) QUICK=1; shift ;;
    --skip-memory) SKIP_MEMORY=1; shift ;;
    --skip-collection-memory) SKIP_COLLECTION_MEMORY=1; shift ;;
    --rebuild) REBUILD=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$1'" ;;
  esac
done

QUICK="${QUICK:-0}"
if [[ "$QUICK" == 1 ]]; then
  ROUNDS="${ROUNDS:-1}"; N_P1="${N_P1:-20000}"; N_P16="${N_P16:-100000}"
  MEM_KEYS="${MEM_KEYS:-100000}"; MEM_ELEMENTS="${MEM_ELEMENTS:-100000}"
fi
ROUNDS="${ROUNDS:-3}"
N_P1="${N_P1:-200000}"
N_P16="${N_P16:-1000000}"
CLIENTS="${CLIENTS:-50}"
KEYSPACE="${KEYSPACE:-100000}"
STRING_TESTS="set,get,incr,mset"
COLLECTION_TESTS="lpush,lpop,sadd,hset,zadd,lrange_100"
GROUP="${GROUP:-all}"
case "$GROUP" in
  strings) group_tests="$STRING_TESTS" ;;
  collections) group_tests="$COLLECTION_TESTS" ;;
  all) group_tests="$STRING_TESTS,$COLLECTION_TESTS" ;;
  *) die "--group must be strings, collections or all (got '$GROUP')" ;;
esac
if [[ -n "${TESTS:-}" ]]; then GROUP=custom; else TESTS="$group_tests"; fi
TESTS="${TESTS// /}"
PIPELINES="${PIPELINES:-1 16}"
PIPELINES="${PIPELINES//,/ }"
MEM_KEYS="${MEM_KEYS:-1000000}"
MEM_ELEMENTS="${MEM_ELEMENTS:-1000000}"
MEM_BATCH="${MEM_BATCH:-1000}"
SKIP_MEMORY="${SKIP_MEMORY:-0}"
SKIP_COLLECTION_MEMORY="${SKIP_COLLECTION_MEMORY:-0}"
REBUILD="${REBUILD:-0}"
BENCH_TIMEOUT="${BENCH_TIMEOUT:-}"
MEM_TIMEOUT="${MEM_TIMEOUT:-300}"

for v in ROUNDS N_P1 N_P16 CLIENTS KEYSPACE MEM_KEYS MEM_ELEMENTS MEM_BATCH MEM_TIMEOUT; do
  [[ "${!v}" =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive integer (got '${!v}')"
done
for p in $PIPELINES; do
  [[ "$p" =~ ^[1-9][0-9]*$ ]] || die "pipeline values must be positive integers (got '$p')"
done

# ---------------------------------------------------------------- tools
missing=()
for t in redis-server redis-cli redis-benchmark taskset timeout python3; do
  command -v "$t" >/dev/null 2>&1 || missing+=("$t")
done
if ((${#missing[@]})); then
  die "missing: ${missing[*]}. Run scripts/install-deps.sh (it installs redis-server and redis-tools)."
fi

# ---------------------------------------------------------------- CPU pinning
ncpu=$(nproc)
if [[ -z "${SERVER_CPUS:-}" ]]; then
  if ((ncpu >= 2)); then SERVER_CPUS=1; else SERVER_CPUS=none; fi
fi
if [[ -z "${BENCH_CPUS:-}" ]]; then
  if ((ncpu >= 2)); then BENCH_CPUS=0; else BENCH_CPUS=none; fi
fi

# Number of CPUs in a taskset list such as "1", "2-3" or "0,2-3".
count_cpus() {
  python3 - "$1" <<'EOF'
import sys
n = 0
for part in sys.argv[1].split(","):
    part = part.strip()
    if not part:
        continue
    if "-" in part:
        a, b = part.split("-", 1)
        n += int(b) - int(a) + 1
    else:
        int(part)
        n += 1
print(n)
EOF
}

pin_prefix() {  # prints nothing or "taskset -c L"
  [[ "$1" == none ]] || printf 'taskset -c %s' "$1"
}
for l in "$SERVER_CPUS" "$BENCH_CPUS"; do
  [[ "$l" == none ]] && continue
  count_cpus "$l" >/dev/null 2>&1 || die "bad CPU list '$l'"
  taskset -c "$l" true 2>/dev/null || die "cannot pin to CPU list '$l' (this machine has $ncpu CPUs)"
done
if [[ -z "${IRONKV_IO_THREADS:-}" ]]; then
  if [[ "$SERVER_CPUS" == none ]]; then IRONKV_IO_THREADS=$ncpu
  else IRONKV_IO_THREADS=$(count_cpus "$SERVER_CPUS"); fi
fi
read -r -a server_pin <<<"$(pin_prefix "$SERVER_CPUS")"
read -r -a bench_pin <<<"$(pin_prefix "$BENCH_CPUS")"

# ---------------------------------------------------------------- binary
build_dir="$root/build"
if [[ -n "${IRONKV_BIN:-}" ]]; then
  [[ -x "$IRONKV_BIN" ]] || die "IRONKV_BIN=$IRONKV_BIN is not an executable"
  ironkv_bin="$IRONKV_BIN"
else
  ironkv_bin="$build_dir/app/ironkv-server"
  if [[ ! -x "$ironkv_bin" ]]; then
    command -v cmake >/dev/null 2>&1 || die "cmake missing. Run scripts/install-deps.sh."
    log "building IronKV (Release) in $build_dir"
    cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >&2
    cmake --build "$build_dir" -j"$ncpu" >&2
  elif [[ "$REBUILD" == 1 ]]; then
    log "rebuilding ironkv-server in $build_dir"
    cmake --build "$build_dir" -j"$ncpu" --target ironkv-server >&2
  fi
  [[ -x "$ironkv_bin" ]] || die "build did not produce $ironkv_bin"
fi
build_type="unknown"
if [[ -z "${IRONKV_BIN:-}" && -f "$build_dir/CMakeCache.txt" ]]; then
  build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build_dir/CMakeCache.txt")
  build_type="${build_type:-(empty)}"
  [[ "$build_type" == Release ]] || log "WARNING: $build_dir is a '$build_type' build, not Release: IronKV numbers will be pessimistic"
fi
# A redis-server given as IRONKV_BIN (harness self-test) gets Redis's flags.
ironkv_kind=ironkv
if "$ironkv_bin" --version 2>/dev/null | grep -q '^Redis server'; then
  ironkv_kind=redis
  log "NOTE: IRONKV_BIN is a redis-server: the 'ironkv' column is Redis (harness self-test)"
fi
redis_bin=$(command -v redis-server)
ironkv_src="$ironkv_bin"

# ---------------------------------------------------------------- workspace / cleanup
work=$(mktemp -d "${TMPDIR:-/tmp}/ironkv-bench.XXXXXX")
declare -A server_pid=()
child_pid=""

# Runs a (bounded) client command in the background and waits for it, so that
# a TERM/INT to this script is handled at once instead of after the command.
run_child() {
  local rc=0
  "$@" <&0 &  # explicit <&0: an async command would otherwise read /dev/null
  child_pid=$!
  wait "$child_pid" || rc=$?
  child_pid=""
  return "$rc"
}

stop_server() {  # name
  local name="$1" pid="${server_pid[$1]:-}"
  [[ -n "$pid" ]] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  wait "$pid" 2>/dev/null || true
  unset "server_pid[$name]"
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$child_pid" ]]; then
    kill -TERM "$child_pid" 2>/dev/null || true
    wait "$child_pid" 2>/dev/null || true
  fi
  for name in "${!server_pid[@]}"; do stop_server "$name"; done
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Run a private copy: build/ is shared, and a rebuild during the run must not
# change the binary between phases.
cp "$ironkv_src" "$work/ironkv-server-under-test"
ironkv_bin="$work/ironkv-server-under-test"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# start_server NAME KIND PORT: starts the server pinned to SERVER_CPUS, waits
# until it answers PING on 127.0.0.1:PORT.
start_server() {
  local name="$1" kind="$2" port="$3" bin cmd
  if [[ "$name" == redis ]]; then bin="$redis_bin"; else bin="$ironkv_bin"; fi
  local dir="$work/data-$name-$port"
  mkdir -p "$dir"
  if [[ "$kind" == redis ]]; then
    cmd=("$bin" --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no
         --dir "$dir" --loglevel warning --logfile '')
  else
    cmd=("$bin" --port "$port" --bind 127.0.0.1 --io-threads "$IRONKV_IO_THREADS"
         --loglevel warning --save '' --appendonly no --http-enabled no --dir "$dir")
  fi
  "${server_pin[@]}" "${cmd[@]}" >"$work/$name-$port.log" 2>&1 &
  server_pid[$name]=$!
  local pid=$!
  for _ in $(seq 100); do
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$work/$name-$port.log" >&2
      die "$name server exited during start-up (log above)"
    fi
    if [[ "$(timeout 2 redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" == PONG ]]; then
      return 0
    fi
    sleep 0.1
  done
  die "$name server did not answer PING on 127.0.0.1:$port within 10s"
}

rss_kb() {  # pid -> VmRSS in kB
  awk '/^VmRSS:/ {print $2}' "/proc/$1/status"
}

# ---------------------------------------------------------------- metadata
meta="$work/meta.env"
{
  echo "date=$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "host_cpus=$ncpu"
  echo "cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "redis_version=$(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p')"
  echo "redis_benchmark=$(redis-benchmark --version 2>/dev/null | head -1)"
  echo "ironkv_bin=$ironkv_src"
  echo "ironkv_sha256=$(sha256sum "$ironkv_bin" | cut -c1-12)"
  echo "ironkv_kind=$ironkv_kind"
  echo "ironkv_version=$("$ironkv_bin" --version 2>/dev/null | head -1)"
  echo "ironkv_build_type=$build_type"
  echo "ironkv_mtime=$(date -u -r "$ironkv_src" '+%Y-%m-%d %H:%M:%S UTC')"
  echo "server_cpus=$SERVER_CPUS"
  echo "bench_cpus=$BENCH_CPUS"
  echo "ironkv_io_threads=$IRONKV_IO_THREADS"
  echo "rounds=$ROUNDS"
  echo "clients=$CLIENTS"
  echo "keyspace=$KEYSPACE"
  echo "group=$GROUP"
  echo "tests=$TESTS"
  echo "pipelines=$PIPELINES"
  echo "n_p1=$N_P1"
  echo "n_p16=$N_P16"
  echo "quick=$QUICK"
  echo "mem_batch=$MEM_BATCH"
} >"$meta"

log "server CPUs: $SERVER_CPUS, client CPUs: $BENCH_CPUS, IronKV --io-threads $IRONKV_IO_THREADS"
log "ironkv binary: $ironkv_src (running a copy)"

# ---------------------------------------------------------------- throughput
raw="$work/raw"
mkdir -p "$raw" "$bench_dir/out"
failures="$bench_dir/out/latest-failures.log"
rm -f "$failures"
port_redis=$(free_port)
port_ironkv=$(free_port)
while [[ "$port_ironkv" == "$port_redis" ]]; do port_ironkv=$(free_port); done
start_server redis redis "$port_redis"
start_server ironkv "$ironkv_kind" "$port_ironkv"
declare -A port_of=([redis]=$port_redis [ironkv]=$port_ironkv)

# Which tests does the IronKV build answer? (redis-benchmark 7 exits at the
# first error reply, so an unsupported command would end the run.)
probe() {  # port test -> 0 if the server on that port answers the test's commands without error
  local port="$1" t="$2" out rc=0
  local -a cmds=()
  case "$t" in
    set) cmds=("set bench:probe 1") ;;
    get) cmds=("get bench:probe") ;;
    incr) cmds=("incr bench:probe:n") ;;
    mset) cmds=("mset bench:probe:a 1 bench:probe:b 2") ;;
    lpush) cmds=("lpush bench:probe:l a b") ;;
    rpush) cmds=("rpush bench:probe:l a b") ;;
    lpop) cmds=("lpush bench:probe:l a" "lpop bench:probe:l") ;;
    rpop) cmds=("rpush bench:probe:l a" "rpop bench:probe:l") ;;
    sadd) cmds=("sadd bench:probe:s a b") ;;
    spop) cmds=("sadd bench:probe:s a" "spop bench:probe:s") ;;
    hset) cmds=("hset bench:probe:h f1 v1 f2 v2") ;;
    zadd) cmds=("zadd bench:probe:z 1 a 2 b") ;;
    zpopmin) cmds=("zadd bench:probe:z 1 a" "zpopmin bench:probe:z") ;;
    # redis-benchmark fills "mylist" with LPUSH before any LRANGE test.
    lrange*) cmds=("lpush bench:probe:l a b c" "lrange bench:probe:l 0 99") ;;
    # Other redis-benchmark tests: only check that the command exists.
    *) out=$(timeout 5 redis-cli -h 127.0.0.1 -p "$port" "$t" 2>&1) || return 1
       [[ "$out" != *"unknown command"* ]]; return ;;
  esac
  local c
  local -a argv
  for c in "${cmds[@]}"; do
    read -r -a argv <<<"$c"
    out=$(timeout 5 redis-cli -h 127.0.0.1 -p "$port" "${argv[@]}" 2>&1) || rc=1
    [[ "$out" != ERR* && "$out" != WRONGTYPE* && "$out" != *"unknown command"* ]] || rc=1
  done
  timeout 5 redis-cli -h 127.0.0.1 -p "$port" del bench:probe:l bench:probe:s bench:probe:h \
    bench:probe:z >/dev/null 2>&1 || true
  return "$rc"
}
tests=()
IFS=',' read -r -a all_tests <<<"$TESTS"
for t in "${all_tests[@]}"; do
  t="${t,,}"
  if probe "$port_ironkv" "$t"; then tests+=("$t")
  else log "WARNING: ironkv does not answer '$t' yet: skipping that test"; echo "$t" >>"$work/unsupported"; fi
done
((${#tests[@]})) || die "ironkv answers none of the tests ($TESTS)"

total_runs=$((ROUNDS * ${#tests[@]} * $(wc -w <<<"$PIPELINES") * 2))
run_i=0
for ((r = 1; r <= ROUNDS; r++)); do
  for p in $PIPELINES; do
    if ((p == 1)); then n=$N_P1; else n=$N_P16; fi
    for t in "${tests[@]}"; do
      # LRANGE_* runs redis-benchmark's own LPUSH prefill (n requests) first,
      # and each reply carries 100+ elements: allow more time.
      if [[ "$t" == lrange* ]]; then limit="${BENCH_TIMEOUT:-$((30 + 3 * n / 5000))}"
      else limit="${BENCH_TIMEOUT:-$((30 + n / 5000))}"; fi
      for name in redis ironkv; do
        run_i=$((run_i + 1))
        f="$raw/r${r}_${name}_P${p}_${t}"
        log "[$run_i/$total_runs] round $r: $name ${t^^} -P $p -n $n"
        rc=0
        run_child timeout -k 5 "$limit" "${bench_pin[@]}" redis-benchmark -h 127.0.0.1 -p "${port_of[$name]}" \
          -c "$CLIENTS" -n "$n" -r "$KEYSPACE" -P "$p" -t "$t" --csv \
          >"$f.csv" 2>"$f.err" || rc=$?
        echo "$rc" >"$f.rc"
        if ((rc != 0)); then
          # Is the server still answering? (tells a server stall from a client problem)
          pong=$(timeout 3 redis-cli -h 127.0.0.1 -p "${port_of[$name]}" ping 2>&1) || true
          echo "server PING after the failure: ${pong:-no answer within 3s}" >>"$f.err"
          if ((rc == 124 || rc == 137)); then log "  timed out after ${limit}s; $(tail -1 "$f.err")"
          else log "  redis-benchmark failed (rc=$rc): $(head -c 300 "$f.err")"; fi
          {
            echo "== round $r $name ${t^^} -P $p -n $n: rc=$rc (124 = timeout after ${limit}s)"
            cat "$f.csv" "$f.err"
          } >>"$failures"
        fi
        if ! kill -0 "${server_pid[$name]}" 2>/dev/null; then
          die "$name server died during the benchmark (log: $(tail -5 "$work/$name-${port_of[$name]}.log"))"
        fi
      done
    done
  done
done
if [[ -s "$failures" ]]; then
  for name in redis ironkv; do
    echo "== $name server log (last 50 lines)"
    tail -50 "$work/$name-${port_of[$name]}.log"
  done >>"$failures"
  log "failed runs: details in $failures"
fi
stop_server redis
stop_server ironkv

# ---------------------------------------------------------------- memory
mem="$work/mem.tsv"
printf 'test\tserver\telements\trss_before_kb\trss_after_kb\treplies\terrors\texpected_replies\tverified\n' >"$mem"

# gen_resp TEST N BATCH FILE: writes the RESP load for one memory test and
# prints the number of commands in it (= the replies to expect).
#   keys: SET key:<n> val:<n>                 (one key per command)
#   hash: HSET h field:<n> value:<n> ...      (BATCH elements per command)
#   set:  SADD s member:<n> ...
#   zset: ZADD z <n> member:<n> ...
#   list: RPUSH l element:<n> ...
gen_resp() {
  python3 - "$@" <<'PYEOF'
import sys
test, n, batch, path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]

def cmd(args):
    out = [b"*%d\r\n" % len(args)]
    for a in args:
        out.append(b"$%d\r\n%s\r\n" % (len(a), a))
    return b"".join(out)

def items(i):
    if test == "hash":
        return [b"field:%d" % i, b"value:%d" % i]
    if test == "zset":
        return [b"%d" % i, b"member:%d" % i]
    if test == "set":
        return [b"member:%d" % i]
    return [b"element:%d" % i]  # list

commands = 0
with open(path, "wb") as f:
    buf = []
    if test == "keys":
        for i in range(n):
            buf.append(cmd([b"SET", b"key:%d" % i, b"val:%d" % i]))
            commands += 1
            if len(buf) == 10000:
                f.write(b"".join(buf)); buf.clear()
    else:
        head = {"hash": [b"HSET", b"h"], "set": [b"SADD", b"s"],
                "zset": [b"ZADD", b"z"], "list": [b"RPUSH", b"l"]}[test]
        for start in range(0, n, batch):
            args = list(head)
            for i in range(start, min(n, start + batch)):
                args += items(i)
            buf.append(cmd(args))
            commands += 1
            if len(buf) == 100:
                f.write(b"".join(buf)); buf.clear()
    f.write(b"".join(buf))
print(commands)
PYEOF
}

# verify_load TEST PORT N: checks the size and the first and last element.
verify_load() {
  local t="$1" port="$2" n="$3" last=$(($3 - 1))
  local -a c=(timeout 5 redis-cli -h 127.0.0.1 -p "$port")
  case "$t" in
    keys) [[ "$("${c[@]}" dbsize)" == "$n" && "$("${c[@]}" get key:0)" == val:0 &&
             "$("${c[@]}" get "key:$last")" == "val:$last" ]] ;;
    hash) [[ "$("${c[@]}" hlen h)" == "$n" && "$("${c[@]}" hget h field:0)" == value:0 &&
             "$("${c[@]}" hget h "field:$last")" == "value:$last" ]] ;;
    set)  [[ "$("${c[@]}" scard s)" == "$n" && "$("${c[@]}" sismember s member:0)" == 1 &&
             "$("${c[@]}" sismember s "member:$last")" == 1 ]] ;;
    zset) [[ "$("${c[@]}" zcard z)" == "$n" && "$("${c[@]}" zscore z member:0)" == 0 &&
             "$("${c[@]}" zscore z "member:$last")" == "$last" ]] ;;
    list) [[ "$("${c[@]}" llen l)" == "$n" && "$("${c[@]}" lindex l 0)" == element:0 &&
             "$("${c[@]}" lindex l -1)" == "element:$last" ]] ;;
    *) return 1 ;;
  esac
}

mem_tests=()
if [[ "$SKIP_MEMORY" != 1 ]]; then
  mem_tests+=(keys)
  [[ "$SKIP_COLLECTION_MEMORY" == 1 ]] || mem_tests+=(hash set zset list)
fi
for mt in "${mem_tests[@]}"; do
  if [[ "$mt" == keys ]]; then count=$MEM_KEYS; else count=$MEM_ELEMENTS; fi
  resp="$work/load-$mt.resp"
  log "memory[$mt]: generating RESP for $count elements"
  expected=$(gen_resp "$mt" "$count" "$MEM_BATCH" "$resp")
  for name in redis ironkv; do
    if [[ "$name" == redis ]]; then kind=redis; else kind=$ironkv_kind; fi
    port=$(free_port)
    start_server "$name" "$kind" "$port"
    pid="${server_pid[$name]}"
    sleep 1
    before=$(rss_kb "$pid")
    log "memory[$mt]: $name RSS before ${before} kB, loading $count elements ($expected commands)"
    rc=0
    run_child timeout -k 5 "$MEM_TIMEOUT" "${bench_pin[@]}" redis-cli -h 127.0.0.1 -p "$port" --pipe \
      <"$resp" >"$work/pipe-$name.out" 2>&1 || rc=$?
    ((rc == 0)) || log "  redis-cli --pipe failed or timed out (rc=$rc): $(tail -3 "$work/pipe-$name.out")"
    out=$(cat "$work/pipe-$name.out")
    sleep 1
    kill -0 "$pid" 2>/dev/null ||
      die "$name server died during the $mt memory load (log: $(tail -5 "$work/$name-$port.log"))"
    after=$(rss_kb "$pid")
    replies=$(sed -n 's/.*errors: \([0-9]*\), replies: \([0-9]*\).*/\2/p' <<<"$out" | tail -1)
    errors=$(sed -n 's/.*errors: \([0-9]*\), replies: \([0-9]*\).*/\1/p' <<<"$out" | tail -1)
    verified=no
    if verify_load "$mt" "$port" "$count"; then verified=yes; fi
    log "memory[$mt]: $name RSS after ${after} kB (replies ${replies:-?}/$expected, errors ${errors:-?}, check $verified)"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$mt" "$name" "$count" "$before" "$after" \
      "${replies:-}" "${errors:-}" "$expected" "$verified" >>"$mem"
    stop_server "$name"
  done
  rm -f "$resp"
done

# ---------------------------------------------------------------- report
mkdir -p "$bench_dir/out"
python3 "$bench_dir/report.py" --raw "$raw" --meta "$meta" --mem "$mem" \
  --unsupported "$work/unsupported" \
  --out "$bench_dir/out/latest.md" --raw-out "$bench_dir/out/latest-raw.csv"
