#!/usr/bin/env bash
# Regenerates tests/data/redis70-golden.rdb with Debian's redis-server 7.0: a small
# dump holding every type in each encoding Redis 7.0 writes, expiries, db 0 and 3.
# tests/unit/rdb_test.cpp (RdbGolden) checks its contents exactly, so after a
# change here update the test too. Run once; the .rdb is committed.
# Usage: scripts/make-rdb-fixtures.sh [port]
set -euo pipefail

port=${1:-16391}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT

redis-server --port "$port" --bind 127.0.0.1 --dir "$tmp" --dbfilename dump.rdb --save '' \
  --appendonly no --enable-debug-command yes --daemonize no >"$tmp/log" 2>&1 &
for _ in $(seq 100); do
  redis-cli -p "$port" ping >/dev/null 2>&1 && break
  sleep 0.05
done
cli() { redis-cli -p "$port" "$@" >/dev/null; }

# db 0: strings in every on-disk form
cli SET s:int8 12
cli SET s:int16 -1234
cli SET s:int32 123456789
cli SET s:int64 1234567890123
cli SET s:short hello
cli SET s:empty ""
cli SET s:long "$(printf 'abcdefghij%.0s' $(seq 20))"                  # 200 bytes, LZF
cli SET s:incompressible "q9Zr7Wm2Kx0Lp4Vt8Bn1Yc6Hd3Jf5Sg"            # 32 bytes, raw
printf 'a\0b\0c' | redis-cli -p "$port" -x SET s:binary >/dev/null
# lists: one listpack node; several nodes (4 x ~8 KB) with a plain node in the middle
cli RPUSH l:small a b 1 -2 c
cli EVAL "for i=1,1000 do redis.call('RPUSH', KEYS[1], 'element-' .. i .. '-padding-padding') end" 1 l:big
cli DEBUG QUICKLIST-PACKED-THRESHOLD 1000  # makes the 10000-byte element a plain node
cli EVAL "redis.call('RPUSH', KEYS[1], 'head'); redis.call('RPUSH', KEYS[1], string.rep('P', 10000)); redis.call('RPUSH', KEYS[1], 'tail')" 1 l:plain
# sets: intset (16 and 32-bit), hashtable
cli SADD set:int 5 -3 70000 1
cli SADD set:str apple banana cherry
cli EVAL "for i=1,200 do redis.call('SADD', KEYS[1], 'member-' .. i) end" 1 set:big
# sorted sets: listpack, skiplist
cli ZADD z:small 1 a 2.5 b -inf c inf d -0.125 e
cli EVAL "for i=1,200 do redis.call('ZADD', KEYS[1], i * 1.5 - 100, 'm' .. i) end" 1 z:big
# hashes: listpack, hashtable (by count), hashtable (by value length)
cli HSET h:small f1 v1 f2 2 f3 ""
cli EVAL "for i=1,200 do redis.call('HSET', KEYS[1], 'field-' .. i, 'value-' .. i) end" 1 h:big
cli HSET h:longval f "$(printf 'x%.0s' $(seq 100))"
# expiries (absolute, far in the future: 2100-01-01)
cli SET e:str v
cli PEXPIREAT e:str 4102444800000
cli HSET e:hash a 1
cli PEXPIREAT e:hash 4102444800123
# db 3
cli -n 3 SET d3:key value3
cli -n 3 RPUSH d3:list x y
cli -n 3 SET d3:ttl t
cli -n 3 PEXPIREAT d3:ttl 4102444801000

cli SAVE
cp "$tmp/dump.rdb" "$root/tests/data/redis70-golden.rdb"
echo "wrote tests/data/redis70-golden.rdb ($(stat -c %s "$root/tests/data/redis70-golden.rdb") bytes)"
