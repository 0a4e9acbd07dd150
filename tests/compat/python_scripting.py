"""redis-py's scripting helpers against IronKV: register_script (EVALSHA with
its NOSCRIPT fallback to EVAL), Lock (acquire/extend/release are Lua scripts),
FUNCTION LOAD + FCALL, and script errors as ResponseError.

Usage: python_scripting.py PORT   (prints "scripting ok" on success)
"""

import sys
import time

import redis


def main():
    r = redis.Redis(host="127.0.0.1", port=int(sys.argv[1]), decode_responses=True)
    r.script_flush()
    incr = r.register_script("return redis.call('incrby', KEYS[1], ARGV[1])")
    assert incr(keys=["c"], args=[3]) == 3
    r.script_flush()  # the next call gets NOSCRIPT and falls back to EVAL
    assert incr(keys=["c"], args=[4]) == 7
    assert r.script_exists(incr.sha) == [True]

    lock = r.lock("resource", timeout=5, blocking_timeout=1)
    assert lock.acquire()
    other = r.lock("resource", timeout=5, blocking_timeout=0.2)
    assert not other.acquire(), "a held lock must not be acquired twice"
    assert lock.extend(5)
    assert r.pttl("resource") > 5000
    lock.release()
    assert other.acquire()
    other.release()
    try:
        lock.release()
        raise AssertionError("releasing an unowned lock must fail")
    except redis.exceptions.LockError:
        pass

    assert r.function_load(
        "#!lua name=pylib\nredis.register_function('hello', function(keys, args) "
        "return 'hello ' .. args[1] end)", replace=True) == "pylib"
    assert r.fcall("hello", 0, "world") == "hello world"
    libs = r.function_list()  # RESP2: each library as a flat [name, value, ...] list
    assert libs[0][0:2] == ["library_name", "pylib"], libs

    try:
        r.eval("return redis.call('lpush', KEYS[1], 'x')", 1, "c")
        raise AssertionError("WRONGTYPE expected")
    except redis.exceptions.ResponseError as e:
        assert str(e).startswith("WRONGTYPE"), e
    start = time.time()
    assert r.eval("return {1, {2, 'three'}, {ok='fine'}}", 0) == [1, [2, "three"], "fine"]
    assert time.time() - start < 5
    print("scripting ok")


if __name__ == "__main__":
    main()
