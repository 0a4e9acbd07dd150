#!/usr/bin/env python3
"""Measures one BGSAVE on a running server (IronKV or redis-server).

Usage: bgsave_probe.py PORT PID [--keys N] [--timeout S]

While the BGSAVE runs, a probe client sends GET, SET (overwriting a random
existing key:<n>, n < N, so copy-on-write and snapshot claims show) and PING
back to back on its own connection and records every round trip; a sampler reads VmRSS of PID
(and of its children: Redis's fork child) every 5 ms. Before the BGSAVE the
probe runs for one second alone, for the baseline latency.

Prints one JSON object: seconds (BGSAVE reply to rdb_bgsave_in_progress:0,
polled every 10 ms), rss_before_kb, peak_rss_kb (the server process),
peak_child_rss_kb, the probe's max/p99/p50 latency in ms during the BGSAVE and
in the baseline second, the probe request count, and Redis's
rdb_last_cow_size when the server reports one.
"""
import json
import random
import socket
import sys
import threading
import time


def connect(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def cmd(*args):
    out = b"*%d\r\n" % len(args)
    for a in args:
        a = a if isinstance(a, bytes) else str(a).encode()
        out += b"$%d\r\n%s\r\n" % (len(a), a)
    return out


class Conn:
    def __init__(self, port):
        self.s = connect(port)
        self.buf = b""

    def _line(self):
        while b"\r\n" not in self.buf:
            d = self.s.recv(65536)
            if not d:
                raise EOFError
            self.buf += d
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def _exact(self, n):
        while len(self.buf) < n:
            d = self.s.recv(65536)
            if not d:
                raise EOFError
            self.buf += d
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def reply(self):
        line = self._line()
        t = line[:1]
        if t in (b"+", b"-", b":"):
            return line[1:].decode()
        if t == b"$":
            n = int(line[1:])
            if n < 0:
                return None
            data = self._exact(n + 2)[:-2]
            return data.decode(errors="replace")
        if t == b"*":
            n = int(line[1:])
            return [self.reply() for _ in range(max(n, 0))]
        raise ValueError(line)

    def call(self, *args):
        self.s.sendall(cmd(*args))
        return self.reply()


def info_field(c, field):
    text = c.call("INFO", "persistence")
    for line in text.split("\r\n"):
        if line.startswith(field + ":"):
            return line.split(":", 1)[1]
    return None


def rss_kb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid):
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def percentile(xs, p):
    if not xs:
        return 0.0
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))]


def main():
    port, pid = int(sys.argv[1]), int(sys.argv[2])
    timeout = 600.0
    keys = 1000000
    if "--keys" in sys.argv:
        keys = int(sys.argv[sys.argv.index("--keys") + 1])
    if "--timeout" in sys.argv:
        timeout = float(sys.argv[sys.argv.index("--timeout") + 1])

    probe = Conn(port)
    phase = {"name": "baseline"}
    lat = {"baseline": [], "bgsave": []}
    stop = threading.Event()

    def prober():
        i = 0
        rng = random.Random(1)
        while not stop.is_set():
            t0 = time.perf_counter()
            if i % 3 == 0:
                probe.call("GET", "key:%d" % rng.randrange(keys))
            elif i % 3 == 1:
                probe.call("SET", "key:%d" % rng.randrange(keys), "overwritten-during-bgsave")
            else:
                probe.call("PING")
            lat[phase["name"]].append((time.perf_counter() - t0) * 1000.0)
            i += 1

    peak = {"rss": 0, "child": 0}

    def sampler():
        while not stop.is_set():
            peak["rss"] = max(peak["rss"], rss_kb(pid))
            for c in children(pid):
                peak["child"] = max(peak["child"], rss_kb(c))
            time.sleep(0.005)

    ctl = Conn(port)
    rss_before = rss_kb(pid)
    t = threading.Thread(target=prober)
    t.start()
    time.sleep(1.0)
    phase["name"] = "bgsave"
    smp = threading.Thread(target=sampler)
    smp.start()
    start = time.perf_counter()
    reply = ctl.call("BGSAVE")
    deadline = start + timeout
    while info_field(ctl, "rdb_bgsave_in_progress") != "0":
        if time.perf_counter() > deadline:
            break
        time.sleep(0.01)
    seconds = time.perf_counter() - start
    stop.set()
    t.join()
    smp.join()
    cow = info_field(ctl, "rdb_last_cow_size")
    status = info_field(ctl, "rdb_last_bgsave_status")
    out = {
        "bgsave_reply": reply,
        "status": status,
        "seconds": round(seconds, 3),
        "rss_before_kb": rss_before,
        "peak_rss_kb": peak["rss"],
        "peak_child_rss_kb": peak["child"],
        "rdb_last_cow_size": int(cow) if cow else None,
        "probe_requests": len(lat["bgsave"]),
        "max_ms": round(max(lat["bgsave"] or [0]), 3),
        "p99_ms": round(percentile(lat["bgsave"], 0.99), 3),
        "p50_ms": round(percentile(lat["bgsave"], 0.50), 3),
        "baseline_max_ms": round(max(lat["baseline"] or [0]), 3),
        "baseline_p99_ms": round(percentile(lat["baseline"], 0.99), 3),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
