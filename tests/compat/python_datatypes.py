#!/usr/bin/env python3
"""Exercises hashes, sets, sorted sets, lists, SORT and a pipeline through redis-py
(Debian's python3-redis). Expected values are what redis-server 7.0.15 returns.

Usage: python_datatypes.py PORT

Exit code 0 when every check passed; 1 with the failed checks printed
otherwise; 77 when the redis module is missing (the caller skips).
"""

import sys
import threading
import time
import traceback

try:
    import redis
except ImportError:
    print("python3 'redis' module not installed (Debian package python3-redis)")
    sys.exit(77)

failures = []


def check(name, actual, expected):
    if actual != expected:
        failures.append("%s: expected %r, got %r" % (name, expected, actual))


def hashes(r):
    check("hset", r.hset("py:h", mapping={"f1": "v1", "f2": "v2"}), 2)
    check("hset update", r.hset("py:h", "f1", "v1b"), 0)
    check("hgetall", r.hgetall("py:h"), {b"f1": b"v1b", b"f2": b"v2"})
    check("hincrby", r.hincrby("py:h", "n", 3), 3)
    check("hgetall missing", r.hgetall("py:nohash"), {})
    check("type hash", r.type("py:h"), b"hash")


def sets(r):
    check("sadd", r.sadd("py:s", "a", "b", "c"), 3)
    check("sadd dup", r.sadd("py:s", "a"), 0)
    check("smembers", r.smembers("py:s"), {b"a", b"b", b"c"})
    check("smembers missing", r.smembers("py:noset"), set())
    r.sadd("py:s2", "b", "c", "d")
    check("sinter", r.sinter("py:s", "py:s2"), {b"b", b"c"})
    check("type set", r.type("py:s"), b"set")


def zsets(r):
    check("zadd", r.zadd("py:z", {"a": 0.1, "b": 2, "c": -1.5}), 3)
    check("zrange", r.zrange("py:z", 0, -1), [b"c", b"a", b"b"])
    check("zrange withscores", r.zrange("py:z", 0, -1, withscores=True),
          [(b"c", -1.5), (b"a", 0.1), (b"b", 2.0)])
    check("zincrby", r.zincrby("py:z", 0.2, "a"), 0.30000000000000004)
    check("zincrby new", r.zincrby("py:z", 5, "d"), 5.0)
    check("zrange desc", r.zrange("py:z", 0, 1, desc=True, withscores=True),
          [(b"d", 5.0), (b"b", 2.0)])
    check("zscore", r.zscore("py:z", "c"), -1.5)
    check("zscore missing", r.zscore("py:z", "nope"), None)
    check("type zset", r.type("py:z"), b"zset")


def lists(r):
    check("rpush", r.rpush("py:l", "a", "b", "c"), 3)
    check("lrange", r.lrange("py:l", 0, -1), [b"a", b"b", b"c"])
    check("blpop ready", r.blpop(["py:nolist", "py:l"], timeout=1), (b"py:l", b"a"))
    start = time.monotonic()
    check("blpop timeout", r.blpop("py:empty", timeout=0.2), None)
    elapsed = time.monotonic() - start
    if not 0.15 <= elapsed < 3:
        failures.append("blpop timeout took %.3fs" % elapsed)

    # A BLPOP woken by another connection's push.
    other = redis.Redis(host=r.connection_pool.connection_kwargs["host"],
                        port=r.connection_pool.connection_kwargs["port"], socket_timeout=10)
    result = {}

    def waiter():
        result["v"] = other.blpop("py:wake", timeout=5)

    t = threading.Thread(target=waiter)
    t.start()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and r.info("clients")["blocked_clients"] != 1:
        time.sleep(0.01)
    check("blocked clients", r.info("clients")["blocked_clients"], 1)
    check("rpush wakes", r.rpush("py:wake", "x"), 1)
    t.join(10)
    check("blpop woken", result.get("v"), (b"py:wake", b"x"))
    check("type list", r.type("py:l"), b"list")


def sort(r):
    r.rpush("py:nums", 3, 1, 2, 10)
    check("sort", r.sort("py:nums"), [b"1", b"2", b"3", b"10"])
    check("sort desc limit", r.sort("py:nums", desc=True, start=0, num=2), [b"10", b"3"])
    r.rpush("py:words", "pear", "apple", "fig")
    check("sort alpha", r.sort("py:words", alpha=True), [b"apple", b"fig", b"pear"])
    r.mset({"py:w_1": 30, "py:w_2": 10, "py:w_3": 20})
    check("sort by", r.sort("py:nums", by="py:w_*", start=0, num=3), [b"10", b"2", b"3"])  # no py:w_10: 0
    check("sort store", r.sort("py:nums", store="py:sorted"), 4)
    check("sorted list", r.lrange("py:sorted", 0, -1), [b"1", b"2", b"3", b"10"])
    r.sadd("py:sortset", 5, 4, 6)
    check("sort set", r.sort("py:sortset"), [b"4", b"5", b"6"])


def pipeline(r):
    p = r.pipeline(transaction=False)
    p.hset("py:ph", "f", "v")
    p.sadd("py:ps", "x", "y")
    p.zadd("py:pz", {"m": 1.5})
    p.rpush("py:pl", "a", "b")
    p.hgetall("py:ph")
    p.smembers("py:ps")
    p.zrange("py:pz", 0, -1, withscores=True)
    p.lrange("py:pl", 0, -1)
    p.zincrby("py:pz", 1, "m")
    p.lpush("py:ph", "wrong")  # WRONGTYPE comes back as an exception object
    p.type("py:pz")
    res = p.execute(raise_on_error=False)
    check("pipeline length", len(res), 11)
    check("pipeline values", res[:9] + res[10:],
          [1, 2, 1, 2, {b"f": b"v"}, {b"x", b"y"}, [(b"m", 1.5)], [b"a", b"b"], 2.5, b"zset"])
    err = res[9]
    check("pipeline wrongtype", (type(err).__name__, str(err)),
          ("ResponseError", "WRONGTYPE Operation against a key holding the wrong kind of value"))


def main(port: int) -> int:
    r = redis.Redis(host="127.0.0.1", port=port, socket_timeout=10, socket_connect_timeout=5)
    r.flushall()
    for step in (hashes, sets, zsets, lists, sort, pipeline):
        try:
            step(r)
        except Exception:  # noqa: BLE001 - report and go on with the other steps
            failures.append("%s raised:\n%s" % (step.__name__, traceback.format_exc()))
    if failures:
        print("\n".join(failures))
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(int(sys.argv[1])))
