#!/usr/bin/env python3
"""Pub/Sub through redis-py (Debian's python3-redis): subscribe, psubscribe,
get_message, listen, PING in subscribed mode, PUBSUB introspection and
keyspace notifications.

Usage: python_pubsub.py PORT

Exit code 0 when every check passed; 1 with the failed checks printed
otherwise; 77 when the redis module is missing (the caller skips).
"""

import sys
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


def next_message(p, timeout=5.0):
    """The next message (including subscribe confirmations), waiting up to timeout."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        m = p.get_message(timeout=0.1)
        if m is not None:
            return m
    return None


def main(port: int) -> int:
    r = redis.Redis(host="127.0.0.1", port=port, socket_timeout=10, socket_connect_timeout=5)
    p = r.pubsub()

    p.subscribe("news", "sport")
    check("subscribe 1", next_message(p),
          {"type": "subscribe", "pattern": None, "channel": b"news", "data": 1})
    check("subscribe 2", next_message(p),
          {"type": "subscribe", "pattern": None, "channel": b"sport", "data": 2})
    p.psubscribe("n*")
    check("psubscribe", next_message(p),
          {"type": "psubscribe", "pattern": None, "channel": b"n*", "data": 3})

    check("publish count", r.publish("news", "hello"), 2)
    check("message", next_message(p),
          {"type": "message", "pattern": None, "channel": b"news", "data": b"hello"})
    check("pmessage", next_message(p),
          {"type": "pmessage", "pattern": b"n*", "channel": b"news", "data": b"hello"})
    check("publish binary", r.publish("sport", b"\x00\r\n\xff"), 1)
    check("binary message", next_message(p),
          {"type": "message", "pattern": None, "channel": b"sport", "data": b"\x00\r\n\xff"})
    check("publish nobody", r.publish("zzz", "x"), 0)

    check("pubsub channels", sorted(r.pubsub_channels()), [b"news", b"sport"])
    check("pubsub channels pattern", r.pubsub_channels("s*"), [b"sport"])
    check("pubsub numsub", r.pubsub_numsub("news", "none"), [(b"news", 1), (b"none", 0)])
    check("pubsub numpat", r.pubsub_numpat(), 1)

    # PING while subscribed answers [pong, ""] which redis-py reports as a pong message.
    p.ping()
    check("ping in subscribed mode", next_message(p),
          {"type": "pong", "pattern": None, "channel": None, "data": b""})

    # listen(): messages published beforehand come out in order.
    for i in range(5):
        r.publish("sport", "m%d" % i)
    got = []
    for m in p.listen():
        got.append(m["data"])
        if len(got) == 5:
            break
    check("listen order", got, [b"m0", b"m1", b"m2", b"m3", b"m4"])

    p.unsubscribe()
    confirmations = sorted((next_message(p) or {}).get("channel") for _ in range(2))
    check("unsubscribe all", confirmations, [b"news", b"sport"])
    p.punsubscribe("n*")
    check("punsubscribe", next_message(p),
          {"type": "punsubscribe", "pattern": None, "channel": b"n*", "data": 0})
    check("no channels left", r.pubsub_channels(), [])

    # Keyspace notifications.
    check("config set", r.config_set("notify-keyspace-events", "KEA"), True)
    check("config get", r.config_get("notify-keyspace-events"), {"notify-keyspace-events": "AKE"})
    ks = r.pubsub(ignore_subscribe_messages=True)
    ks.psubscribe("__keyspace@0__:py:*")
    ks.subscribe("__keyevent@0__:del")
    time.sleep(0.05)
    r.set("py:k", "v")
    r.delete("py:k")
    events = []
    deadline = time.time() + 5
    while len(events) < 3 and time.time() < deadline:
        m = ks.get_message(timeout=0.1)
        if m:
            events.append((m["channel"], m["data"]))
    check("keyspace events", events,
          [(b"__keyspace@0__:py:k", b"set"), (b"__keyspace@0__:py:k", b"del"),
           (b"__keyevent@0__:del", b"py:k")])
    r.config_set("notify-keyspace-events", "")
    ks.close()
    p.close()
    r.close()
    return 0


if __name__ == "__main__":
    port = int(sys.argv[1])
    try:
        main(port)
    except Exception:
        failures.append("exception:\n" + traceback.format_exc())
    for f in failures:
        print("FAIL", f)
    sys.exit(1 if failures else 0)
