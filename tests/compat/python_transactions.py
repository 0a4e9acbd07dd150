#!/usr/bin/env python3
"""Transactions and AUTH through redis-py (Debian's python3-redis).

Usage: python_transactions.py PORT PASSWORD

The server must run with requirepass PASSWORD. Exit code 0 when every check
passed; 1 with the failed checks printed otherwise; 77 when the redis module
is missing (the caller skips).
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


def expect_error(name, exc_type, fn, text=None):
    try:
        fn()
    except exc_type as e:
        if text is not None:
            check(name + " text", str(e), text)
        return
    except Exception as e:  # noqa: BLE001 - report the wrong type
        failures.append("%s: expected %s, got %r" % (name, exc_type.__name__, e))
        return
    failures.append("%s: expected %s, nothing raised" % (name, exc_type.__name__))


def main(port: int, password: str) -> int:
    kw = dict(host="127.0.0.1", port=port, socket_timeout=10, socket_connect_timeout=5)

    # AUTH: without a password every command is refused; a wrong one is WRONGPASS.
    anon = redis.Redis(**kw)
    expect_error("no auth", redis.AuthenticationError, anon.ping)
    bad = redis.Redis(password="wrong", **kw)
    expect_error("wrong password", redis.ResponseError, bad.ping,
                 "WRONGPASS invalid username-password pair or user is disabled.")
    r = redis.Redis(password=password, **kw)
    check("auth ping", r.ping(), True)
    check("explicit AUTH", anon.execute_command("AUTH", password), True)
    check("after AUTH", anon.ping(), True)
    r2 = redis.Redis(username="default", password=password, **kw)
    check("auth default user", r2.ping(), True)
    r.flushall()

    # Pipeline without MULTI/EXEC: replies in order, errors in place.
    pipe = r.pipeline(transaction=False)
    pipe.set("tx:a", "1").incr("tx:a").get("tx:a").lpush("tx:a", "x").get("tx:missing")
    res = pipe.execute(raise_on_error=False)
    check("plain pipeline len", len(res), 5)
    check("plain pipeline values", res[:3], [True, 2, b"2"])
    check("plain pipeline error", isinstance(res[3], redis.ResponseError), True)
    check("plain pipeline nil", res[4], None)

    # Pipeline as a transaction: one MULTI/EXEC.
    pipe = r.pipeline(transaction=True)
    pipe.set("tx:b", "10").incrby("tx:b", 5).rpush("tx:l", "a", "b").lrange("tx:l", 0, -1)
    check("multi pipeline", pipe.execute(), [True, 15, 2, [b"a", b"b"]])
    # A runtime error inside EXEC is per command; the others ran.
    pipe = r.pipeline(transaction=True)
    pipe.set("tx:c", "v").incr("tx:c").set("tx:d", "w")
    res = pipe.execute(raise_on_error=False)
    check("exec runtime error kept", res[0], True)
    check("exec runtime error type", isinstance(res[1], redis.ResponseError), True)
    check("exec after error", r.get("tx:d"), b"w")
    # A queueing error aborts the transaction (EXECABORT).
    pipe = r.pipeline(transaction=True)
    pipe.set("tx:e", "1")
    pipe.execute_command("NOSUCHCOMMAND")
    expect_error("execabort", redis.ResponseError, pipe.execute)
    check("execabort ran nothing", r.get("tx:e"), None)

    # WATCH with a concurrent change: WatchError, nothing applied.
    r.set("tx:w", "1")
    other = redis.Redis(password=password, **kw)
    with r.pipeline() as p:
        p.watch("tx:w")
        current = int(p.get("tx:w"))
        other.set("tx:w", "100")        # another client's write between WATCH and EXEC
        p.multi()
        p.set("tx:w", current + 1)
        expect_error("watch conflict", redis.WatchError, p.execute)
    check("watch conflict value", r.get("tx:w"), b"100")

    # WATCH without a conflict: the transaction applies.
    with r.pipeline() as p:
        p.watch("tx:w")
        current = int(p.get("tx:w"))
        p.multi()
        p.set("tx:w", current + 1)
        check("watch ok", p.execute(), [True])
    check("watch ok value", r.get("tx:w"), b"101")

    # A failed write by someone else (WRONGTYPE) is no change: EXEC still runs.
    with r.pipeline() as p:
        p.watch("tx:w")
        try:
            other.lpush("tx:w", "x")
        except redis.ResponseError:
            pass
        p.multi()
        p.incr("tx:w")
        check("failed write keeps watch", p.execute(), [102])

    # The transaction() helper retries on WatchError until it wins.
    attempts = []

    def bump(pipe):
        value = int(pipe.get("tx:w"))
        if not attempts:
            other.incr("tx:w")      # first attempt loses the race
        attempts.append(value)
        pipe.multi()
        pipe.set("tx:w", value + 1)

    r.transaction(bump, "tx:w")
    check("transaction retried", len(attempts), 2)
    check("transaction value", r.get("tx:w"), b"104")

    # CLIENT REPLY is not something redis-py drives; CLIENT NO-EVICT is.
    check("no-evict", r.execute_command("CLIENT", "NO-EVICT", "ON"), b"OK")
    return 0


if __name__ == "__main__":
    try:
        main(int(sys.argv[1]), sys.argv[2])
    except Exception:  # noqa: BLE001 - report anything unexpected as a failure
        failures.append("unexpected exception:\n" + traceback.format_exc())
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print("ok")
    sys.exit(0)
