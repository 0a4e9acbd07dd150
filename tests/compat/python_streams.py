"""Streams through redis-py's API (Debian python3-redis) and a python-rq job
(Debian python3-rq 1.13, which keeps job results in a stream) against IronKV.

Usage: python_streams.py PORT    (run with /usr/bin/python3)
Prints "streams ok" at the end; any failed check raises.
"""

import sys
import threading
import time

import redis


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def redis_py(r):
    r.delete("events")
    ids = [r.xadd("events", {"kind": "click", "n": str(i)}) for i in range(5)]
    check(len(set(ids)) == 5 and all(b"-" in i for i in ids), ids)
    check(r.xlen("events") == 5, "xlen")
    rng = r.xrange("events", min="-", max="+", count=2)
    check([e[0] for e in rng] == ids[:2] and rng[0][1] == {b"kind": b"click", b"n": b"0"}, rng)
    check([e[0] for e in r.xrevrange("events", count=1)] == ids[-1:], "xrevrange")
    # MAXLEN ~ as python-rq and most loggers use it, then an exact trim.
    r.xadd("events", {"kind": "x"}, maxlen=3, approximate=True)
    check(r.xlen("events") == 6, "approximate trim keeps the node")
    check(r.xtrim("events", maxlen=3, approximate=False) == 3, "exact trim")
    check(r.xlen("events") == 3, "xlen after trim")

    # A consumer group: two readers, one acknowledges, the other's entries are claimed.
    r.delete("jobs")
    r.xgroup_create("jobs", "workers", id="0", mkstream=True)
    for i in range(6):
        r.xadd("jobs", {"job": str(i)}, id=f"{i + 1}-0")
    got_a = r.xreadgroup("workers", "a", {"jobs": ">"}, count=3)
    got_b = r.xreadgroup("workers", "b", {"jobs": ">"}, count=3)
    check([e[0] for e in got_a[0][1]] == [b"1-0", b"2-0", b"3-0"], got_a)
    check([e[0] for e in got_b[0][1]] == [b"4-0", b"5-0", b"6-0"], got_b)
    check(r.xack("jobs", "workers", "1-0", "2-0", "3-0") == 3, "xack")
    summary = r.xpending("jobs", "workers")
    check(summary["pending"] == 3 and summary["min"] == b"4-0" and summary["max"] == b"6-0", summary)
    check(summary["consumers"] == [{"name": b"b", "pending": 3}], summary)
    rows = r.xpending_range("jobs", "workers", min="-", max="+", count=10, consumername="b")
    check([x["message_id"] for x in rows] == [b"4-0", b"5-0", b"6-0"], rows)
    check(all(x["times_delivered"] == 1 for x in rows), rows)
    claimed = r.xclaim("jobs", "workers", "a", min_idle_time=0, message_ids=["4-0"])
    check(claimed == [(b"4-0", {b"job": b"3"})], claimed)
    # redis-py 4.3's xautoclaim gives the claimed IDs (with JUSTID).
    entries = r.xautoclaim("jobs", "workers", "a", min_idle_time=0, start_id="0-0", count=10,
                           justid=True)
    check(entries == [b"4-0", b"5-0", b"6-0"], entries)
    groups = r.xinfo_groups("jobs")
    check(len(groups) == 1 and groups[0]["name"] == b"workers" and groups[0]["pending"] == 3, groups)
    check(groups[0]["lag"] == 0 and groups[0]["entries-read"] == 6, groups)
    consumers = {c["name"]: c["pending"] for c in r.xinfo_consumers("jobs", "workers")}
    check(consumers == {b"a": 3, b"b": 0}, consumers)
    info = r.xinfo_stream("jobs")
    check(info["length"] == 6 and info["groups"] == 1 and info["last-entry"][0] == b"6-0", info)
    full = r.xinfo_stream("jobs", full=True)
    check(list(full["entries"])[0] == b"1-0" and full["groups"][0]["pel-count"] == 3, full)

    # A blocking read served by another client's XADD.
    out = {}

    def reader():
        c = redis.Redis(port=r.connection_pool.connection_kwargs["port"])
        out["r"] = c.xread({"live": "$"}, block=5000)

    r.delete("live")
    t = threading.Thread(target=reader)
    t.start()
    deadline = time.time() + 5
    while time.time() < deadline:
        if int(r.info("clients")["blocked_clients"]) == 1:
            break
        time.sleep(0.01)
    r.xadd("live", {"hello": "world"}, id="7-7")
    t.join(10)
    check(out.get("r") == [[b"live", [(b"7-7", {b"hello": b"world"})]]], out)

    # Errors come back as redis-py's exceptions with Redis's texts.
    try:
        r.xgroup_create("jobs", "workers", id="0")
        raise AssertionError("BUSYGROUP expected")
    except redis.ResponseError as e:
        check("BUSYGROUP" in str(e), str(e))
    try:
        r.xadd("jobs", {"x": "y"}, id="1-0")
        raise AssertionError("smaller ID accepted")
    except redis.ResponseError as e:
        check("equal or smaller" in str(e), str(e))


def python_rq(r):
    from rq import Queue, SimpleWorker
    from rq.job import Job

    r.flushdb()
    q = Queue("default", connection=r)
    # A function the worker imports by name (rq refuses __main__'s).
    job = q.enqueue("operator.add", 2, 3, result_ttl=60)
    SimpleWorker([q], connection=r).work(burst=True)
    job = Job.fetch(job.id, connection=r)
    check(job.get_status() == "finished", job.get_status())
    result = job.latest_result()
    check(result is not None and result.return_value == 5, result)
    check(job.return_value() == 5, job.return_value())
    # The result lives in a stream, as rq 1.12+ keeps it.
    keys = [k for k in r.keys("rq:results:*")]
    check(keys and r.type(keys[0]) == b"stream", keys)


def main():
    port = int(sys.argv[1])
    r = redis.Redis(port=port)
    redis_py(r)
    python_rq(r)
    print("streams ok")


if __name__ == "__main__":
    main()
