#!/usr/bin/env python3
"""Exercises the server through redis-py (Debian's python3-redis).

Usage: python_redis_client.py PORT

Exit code 0 when every check passed; 1 with the failed checks printed
otherwise; 77 when the redis module is missing (the caller skips).
"""

import sys
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


def main(port: int) -> int:
    r = redis.Redis(host="127.0.0.1", port=port, socket_timeout=10, socket_connect_timeout=5)

    check("ping", r.ping(), True)
    check("set", r.set("py:str", "hello"), True)
    check("get", r.get("py:str"), b"hello")
    check("get missing", r.get("py:missing"), None)
    check("set binary", r.set("py:bin", b"\x00\r\n\xff"), True)
    check("get binary", r.get("py:bin"), b"\x00\r\n\xff")
    check("incr", r.incr("py:n"), 1)
    check("incrby", r.incr("py:n", 41), 42)
    check("decr", r.decr("py:n"), 41)
    check("mset", r.mset({"py:a": "1", "py:b": "2", "py:c": "3"}), True)
    check("mget", r.mget(["py:a", "py:b", "py:missing", "py:c"]), [b"1", b"2", None, b"3"])
    try:
        r.incr("py:str")
        failures.append("incr on a non-integer value did not raise")
    except redis.ResponseError as e:
        check("incr error text", str(e), "value is not an integer or out of range")

    # A pipeline of 1,000 commands without MULTI/EXEC.
    pipe = r.pipeline(transaction=False)
    for i in range(500):
        pipe.set("py:pl:%d" % i, i)
        pipe.incr("py:pl:counter")
    results = pipe.execute()
    check("pipeline length", len(results), 1000)
    check("pipeline SET replies", all(x is True for x in results[0::2]), True)
    check("pipeline INCR replies", results[1::2], list(range(1, 501)))
    check("pipeline value", r.get("py:pl:499"), b"499")

    # SCAN over every key, via the cursor loop of scan_iter.
    keys = set(r.scan_iter(match="py:pl:*", count=50))
    check("scan_iter count", len(keys), 501)
    check("scan_iter has key", b"py:pl:123" in keys, True)
    check("dbsize", r.dbsize(), 501 + 6)

    check("expire", r.expire("py:str", 100), True)
    ttl = r.ttl("py:str")
    check("ttl in range", 0 < ttl <= 100, True)
    check("ttl no expiry", r.ttl("py:a"), -1)
    check("ttl missing", r.ttl("py:missing"), -2)
    check("delete", r.delete("py:a", "py:b", "py:missing"), 2)
    check("exists", r.exists("py:a", "py:c"), 1)

    info = r.info()
    check("info redis_version present", "redis_version" in info, True)
    check("info connected_clients is int", isinstance(info.get("connected_clients"), int), True)
    server_info = r.info("server")
    check("info server section", "redis_version" in server_info, True)

    check("client_setname", r.client_setname("py-compat"), True)
    check("client_getname", r.client_getname() in (b"py-compat", "py-compat"), True)

    # decode_responses and a second connection from the pool.
    d = redis.Redis(host="127.0.0.1", port=port, decode_responses=True, socket_timeout=10)
    check("decoded get", d.get("py:c"), "3")
    check("echo", d.echo("héllo"), "héllo")
    r.close()
    d.close()
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    try:
        main(int(sys.argv[1]))
    except Exception:
        traceback.print_exc()
        failures.append("exception (see traceback above)")
    for f in failures:
        print("FAILED: " + f)
    print("%d failure(s)" % len(failures))
    sys.exit(1 if failures else 0)
