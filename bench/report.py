#!/usr/bin/env python3
"""Turns bench/run.sh's raw redis-benchmark CSV files into the comparison table.

Input: a directory of r<round>_<server>_P<pipeline>_<test>.csv files (with
.rc and .err next to them), the run's metadata (key=value lines) and the
memory results (TSV). Output: a plain-text table on stdout, the markdown
report (--out) and the per-round numbers as CSV (--raw-out).
"""

import argparse
import csv
import os
import re
import statistics
import sys

SERVERS = ("redis", "ironkv")
TEST_ORDER = {"SET": 0, "GET": 1, "INCR": 2, "MSET": 3,
              "LPUSH": 10, "LPOP": 11, "SADD": 12, "HSET": 13, "ZADD": 14, "LRANGE_100": 15}
STRING_TESTS = {"SET", "GET", "INCR", "MSET"}
GROUPS = ("strings", "collections", "other")
COLLECTION_TESTS = {"LPUSH", "RPUSH", "LPOP", "RPOP", "SADD", "SPOP", "HSET", "ZADD", "ZPOPMIN",
                    "LRANGE", "LRANGE_100", "LRANGE_300", "LRANGE_500", "LRANGE_600"}


def test_group(test):
    if test in STRING_TESTS:
        return "strings"
    if test in COLLECTION_TESTS:
        return "collections"
    return "other"
FILE_RE = re.compile(r"^r(\d+)_(redis|ironkv)_P(\d+)_(.+)\.csv$")


def read_meta(path):
    meta = {}
    if path and os.path.exists(path):
        with open(path) as f:
            for line in f:
                if "=" in line:
                    k, v = line.rstrip("\n").split("=", 1)
                    meta[k] = v
    return meta


def test_label(name):
    # redis-benchmark names MSET "MSET (10 keys)", LRANGE_100
    # "LRANGE_100 (first 100 elements)".
    return name.split(" (")[0].upper()


def read_raw(raw_dir):
    """Returns (samples, failures).

    samples: {(test, pipeline): {server: [(round, rps, p99), ...]}}
    failures: list of (round, server, pipeline, test, reason)
    """
    samples, failures = {}, []
    for fn in sorted(os.listdir(raw_dir)):
        m = FILE_RE.match(fn)
        if not m:
            continue
        rnd, server, pipeline, test = int(m.group(1)), m.group(2), int(m.group(3)), m.group(4)
        base = os.path.join(raw_dir, fn[: -len(".csv")])
        rc = 0
        if os.path.exists(base + ".rc"):
            with open(base + ".rc") as f:
                rc = int(f.read().strip() or 0)
        rows = []
        with open(os.path.join(raw_dir, fn), newline="") as f:
            for row in csv.reader(f):
                if len(row) < 7 or row[0] == "test":
                    continue
                # Keep only the requested test: an LRANGE_* run also reports
                # its prefill, "LPUSH (needed to benchmark LRANGE)", which must
                # not be mixed into the LPUSH numbers.
                if test_label(row[0]) != test.upper():
                    continue
                try:
                    rows.append((test_label(row[0]), float(row[1]), float(row[6])))
                except ValueError:
                    pass
        if rc != 0 or not rows:
            reason = "timeout" if rc in (124, 137) else f"rc={rc}"
            if os.path.exists(base + ".err"):
                with open(base + ".err", errors="replace") as f:
                    err = " ".join(f.read().split())[:200]
                if err:
                    reason += ": " + err
            failures.append((rnd, server, pipeline, test.upper(), reason))
        for label, rps, p99 in rows:
            samples.setdefault((label, pipeline), {s: [] for s in SERVERS})[server].append(
                (rnd, rps, p99))
    return samples, failures


def read_mem(path):
    rows = []
    if path and os.path.exists(path):
        with open(path, newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                rows.append(row)
    return rows


def median(values):
    return statistics.median(values) if values else None


def fmt_int(v):
    return "n/a" if v is None else f"{v:,.0f}"


def fmt_ms(v):
    return "n/a" if v is None else f"{v:.3f}"


def fmt_ratio(a, b):
    return "n/a" if a is None or not b else f"{a / b:.2f}"


def summarize(samples):
    rows = []
    for (test, pipeline) in sorted(samples, key=lambda k: (GROUPS.index(test_group(k[0])), k[1],
                                                          TEST_ORDER.get(k[0], 99), k[0])):
        d = samples[(test, pipeline)]
        r_rps = median([s[1] for s in d["redis"]])
        i_rps = median([s[1] for s in d["ironkv"]])
        r_p99 = median([s[2] for s in d["redis"]])
        i_p99 = median([s[2] for s in d["ironkv"]])
        spread = {}
        for s in SERVERS:
            v = [x[1] for x in d[s]]
            spread[s] = (min(v), max(v), len(v)) if v else None
        # Ratio per round, from the redis and ironkv runs made back to back:
        # less sensitive to slow drifts in machine load than the ratio of medians.
        by_round = {s: {x[0]: x[1] for x in d[s]} for s in SERVERS}
        paired = [by_round["ironkv"][rnd] / by_round["redis"][rnd]
                  for rnd in sorted(by_round["redis"]) if rnd in by_round["ironkv"]
                  and by_round["redis"][rnd]]
        rows.append({
            "test": test, "pipeline": pipeline, "group": test_group(test),
            "redis_rps": r_rps, "ironkv_rps": i_rps, "ratio": fmt_ratio(i_rps, r_rps),
            "redis_p99": r_p99, "ironkv_p99": i_p99, "spread": spread, "paired": paired,
        })
    return rows


HEADERS = ["test", "pipeline", "redis ops/s", "ironkv ops/s", "ironkv/redis",
           "redis p99 ms", "ironkv p99 ms"]


def table_cells(rows):
    return [[r["test"], f"-P {r['pipeline']}", fmt_int(r["redis_rps"]), fmt_int(r["ironkv_rps"]),
             r["ratio"], fmt_ms(r["redis_p99"]), fmt_ms(r["ironkv_p99"])] for r in rows]


def text_table(headers, cells):
    widths = [max(len(h), *(len(c[i]) for c in cells)) if cells else len(h)
              for i, h in enumerate(headers)]
    out = ["  ".join(h.rjust(w) if i > 1 else h.ljust(w) for i, (h, w) in enumerate(zip(headers, widths)))]
    out.append("  ".join("-" * w for w in widths))
    for c in cells:
        out.append("  ".join(v.rjust(w) if i > 1 else v.ljust(w)
                             for i, (v, w) in enumerate(zip(c, widths))))
    return "\n".join(out)


def md_table(headers, cells, right_from=2):
    out = ["| " + " | ".join(headers) + " |",
           "|" + "|".join("---:" if i >= right_from else "---" for i in range(len(headers))) + "|"]
    for c in cells:
        out.append("| " + " | ".join(c) + " |")
    return "\n".join(out)


MEM_TESTS = ("keys", "hash", "set", "zset", "list")
MEM_DESC = {
    "keys": "`SET key:<n> val:<n>` (one key per element)",
    "hash": "one hash, `HSET h field:<n> value:<n>`",
    "set": "one set, `SADD s member:<n>`",
    "zset": "one sorted set, `ZADD z <n> member:<n>`",
    "list": "one list, `RPUSH l element:<n>`",
}


def mem_per_element(mem_rows):
    """{test: {server: (row, elements, before_kb, after_kb, bytes_per_element or None)}}"""
    out = {}
    for r in mem_rows:
        t = r.get("test") or "keys"
        try:
            n = int(r.get("elements") or r.get("keys"))
            before, after = int(r["rss_before_kb"]), int(r["rss_after_kb"])
            bpe = (after - before) * 1024 / n
        except (ValueError, KeyError, TypeError, ZeroDivisionError):
            n, before, after, bpe = None, None, None, None
        out.setdefault(t, {})[r["server"]] = (r, n, before, after, bpe)
    return out


def loaded_note(r):
    loaded = r.get("replies") or "?"
    if r.get("expected_replies"):
        loaded += "/" + r["expected_replies"]
    if r.get("errors") not in (None, "", "0"):
        loaded += f" ({r['errors']} errors)"
    if r.get("verified") != "yes":
        loaded += ", check FAILED"
    return loaded


def mem_cells(per, test):
    """Detail table for one memory test -> (cells, ratio)."""
    cells, bpe = [], {}
    for s in SERVERS:
        if s not in per.get(test, {}):
            continue
        r, n, before, after, b = per[test][s]
        if b is None:
            cells.append([s, r.get("elements") or r.get("keys") or "?", "?", "?", "?", "?",
                          loaded_note(r)])
            continue
        # A failed load/check makes the figure meaningless: show it, but no ratio.
        if r.get("verified") == "yes":
            bpe[s] = b
        cells.append([s, f"{n:,}", f"{before / 1024:.1f}", f"{after / 1024:.1f}",
                      f"{(after - before) / 1024:.1f}", f"{b:.1f}", loaded_note(r)])
    return cells, fmt_ratio(bpe.get("ironkv"), bpe.get("redis"))


def mem_summary_cells(per):
    cells = []
    for t in MEM_TESTS:
        if t not in per:
            continue
        d = per[t]
        b = {s: d[s][4] for s in SERVERS if s in d and d[s][4] is not None
             and d[s][0].get("verified") == "yes"}
        n = next((d[s][1] for s in SERVERS if s in d and d[s][1]), None)
        cells.append([t, "n/a" if n is None else f"{n:,}",
                      f"{b['redis']:.1f}" if "redis" in b else "n/a",
                      f"{b['ironkv']:.1f}" if "ironkv" in b else "n/a",
                      fmt_ratio(b.get("ironkv"), b.get("redis"))])
    return cells


MEM_HEADERS = ["server", "elements", "RSS before MiB", "RSS after MiB", "delta MiB",
               "bytes/element", "replies"]
MEM_SUMMARY_HEADERS = ["memory test", "elements", "redis bytes/elem", "ironkv bytes/elem",
                       "ironkv/redis"]


def spread_cells(rows):
    headers = ["test", "pipeline", "redis ops/s min..max", "ironkv ops/s min..max", "rounds",
               "ironkv/redis per round", "median"]
    cells = []
    for r in rows:
        c = [r["test"], f"-P {r['pipeline']}"]
        n = []
        for s in SERVERS:
            sp = r["spread"][s]
            c.append("n/a" if sp is None else f"{sp[0]:,.0f} .. {sp[1]:,.0f}")
            n.append("0" if sp is None else str(sp[2]))
        c.append("/".join(n))
        c.append(" ".join(f"{x:.2f}" for x in r["paired"]) or "n/a")
        c.append(f"{median(r['paired']):.2f}" if r["paired"] else "n/a")
        cells.append(c)
    return headers, cells


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--raw", required=True)
    ap.add_argument("--meta")
    ap.add_argument("--mem")
    ap.add_argument("--unsupported")
    ap.add_argument("--out")
    ap.add_argument("--raw-out")
    a = ap.parse_args()

    meta = read_meta(a.meta)
    samples, failures = read_raw(a.raw)
    rows = summarize(samples)
    mem_rows = read_mem(a.mem)
    unsupported = []
    if a.unsupported and os.path.exists(a.unsupported):
        with open(a.unsupported) as f:
            unsupported = [l.strip().upper() for l in f if l.strip()]

    by_group = [(g, [r for r in rows if r["group"] == g]) for g in GROUPS]
    by_group = [(g, rs) for g, rs in by_group if rs]
    pinning = (f"servers on CPU {meta.get('server_cpus', '?')}, redis-benchmark on CPU "
               f"{meta.get('bench_cpus', '?')}; redis-server (io-threads 1, default) vs "
               f"ironkv-server --io-threads {meta.get('ironkv_io_threads', '?')}")
    load = (f"redis-benchmark -c {meta.get('clients', '?')} -r {meta.get('keyspace', '?')}, "
            f"-n {meta.get('n_p1', '?')} at -P 1 / {meta.get('n_p16', '?')} at -P 16, "
            f"median of {meta.get('rounds', '?')} alternating round(s)")

    print()
    print(f"Config: {pinning}")
    print(f"Load:   {load}")
    if meta.get("ironkv_kind") == "redis":
        print("NOTE:   the 'ironkv' column is a redis-server (IRONKV_BIN self-test)")
    print()
    for i, (g, rs) in enumerate(by_group):
        if i:
            print()
        print(f"[{g}]")
        print(text_table(HEADERS, table_cells(rs)))
    for s in unsupported:
        print(f"{s}: not run (ironkv does not answer it)")
    for f in failures:
        print(f"FAILED: round {f[0]} {f[1]} {f[3]} -P {f[2]}: {f[4]}")
    sp_headers, sp_cells = spread_cells(rows)
    if sp_cells:
        print()
        print(text_table(sp_headers, sp_cells))
    per = mem_per_element(mem_rows)
    msum = mem_summary_cells(per)
    if msum:
        print()
        print(text_table(MEM_HEADERS, [[f"{t}/{c[0]}"] + c[1:] for t in MEM_TESTS if t in per
                                       for c in mem_cells(per, t)[0]]))
        print()
        print(text_table(MEM_SUMMARY_HEADERS, msum))
    print()

    if a.out:
        md = ["# IronKV vs Redis: side-by-side benchmark", ""]
        md.append(f"- Date: {meta.get('date', '?')}; {meta.get('host_cpus', '?')} CPUs "
                  f"({meta.get('cpu_model', '?')})")
        md.append(f"- Redis: redis-server {meta.get('redis_version', '?')}, "
                  f"`--save '' --appendonly no`; client: {meta.get('redis_benchmark', '?')}")
        md.append(f"- IronKV: `{meta.get('ironkv_bin', '?')}` ({meta.get('ironkv_version', '?')}, "
                  f"build type {meta.get('ironkv_build_type', '?')}, binary from "
                  f"{meta.get('ironkv_mtime', '?')}, sha256 {meta.get('ironkv_sha256', '?')})")
        if meta.get("ironkv_kind") == "redis":
            md.append("- **NOTE: the 'ironkv' column is a redis-server (IRONKV_BIN self-test), "
                      "not IronKV.**")
        md.append(f"- Pinning: {pinning}")
        md.append(f"- Load: {load}; tests run alternately redis, ironkv per test")
        if meta.get("quick") == "1":
            md.append("- **QUICK smoke run: small n, numbers are not meaningful.**")
        md += ["", "## Throughput and p99 latency (medians)", ""]
        for g, rs in by_group:
            md += [f"### {g.capitalize()}", "", md_table(HEADERS, table_cells(rs)), ""]
        for s in unsupported:
            md.append(f"- {s}: not run (ironkv does not answer it)")
        for f in failures:
            md.append(f"- FAILED: round {f[0]} {f[1]} {f[3]} -P {f[2]}: {f[4]}")
        md += ["", "### Spread across rounds", "",
               "Each round runs redis then ironkv back to back; the per-round ratio compares "
               "those two runs. When the min..max ranges are wide (a busy machine), the median "
               "of the per-round ratios is the steadier figure.", "",
               md_table(sp_headers, sp_cells), ""]
        if msum:
            md += ["## Memory per element (redis-cli --pipe into a fresh server)", "",
                   "Each test loads its data into a fresh instance of each server; "
                   "bytes/element = (VmRSS after - VmRSS before) / elements. "
                   "Collections are loaded "
                   f"{meta.get('mem_batch', '?')} elements per command. A ratio is only "
                   "given when the load was checked (size, first and last element).", "",
                   md_table(MEM_SUMMARY_HEADERS, msum, right_from=1), ""]
            for t in MEM_TESTS:
                if t not in per:
                    continue
                mc, _ = mem_cells(per, t)
                md += [f"### {t}: {MEM_DESC[t]}", "", md_table(MEM_HEADERS, mc, right_from=1), ""]
        with open(a.out, "w") as f:
            f.write("\n".join(md))
        print(f"markdown report: {a.out}")

    if a.raw_out:
        with open(a.raw_out, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["round", "server", "pipeline", "test", "rps", "p99_ms"])
            recs = []
            for (test, pipeline), d in samples.items():
                for s in SERVERS:
                    for rnd, rps, p99 in d[s]:
                        recs.append((rnd, s, pipeline, test, rps, p99))
            for rec in sorted(recs, key=lambda x: (x[0], x[2], TEST_ORDER.get(x[3], 99),
                                                  SERVERS.index(x[1]))):
                w.writerow(rec)
        print(f"per-round numbers: {a.raw_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
