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
TEST_ORDER = {"SET": 0, "GET": 1, "INCR": 2, "MSET": 3}
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
    # redis-benchmark names MSET "MSET (10 keys)".
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
    for (test, pipeline) in sorted(samples, key=lambda k: (k[1], TEST_ORDER.get(k[0], 99), k[0])):
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
            "test": test, "pipeline": pipeline,
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


def mem_cells(mem_rows):
    by = {r["server"]: r for r in mem_rows}
    cells, per_key = [], {}
    for s in SERVERS:
        r = by.get(s)
        if not r:
            continue
        try:
            keys = int(r["keys"])
            before, after = int(r["rss_before_kb"]), int(r["rss_after_kb"])
        except (ValueError, KeyError):
            cells.append([s, r.get("keys", "?"), "?", "?", "?", "?", "n/a"])
            continue
        bpk = (after - before) * 1024 / keys
        per_key[s] = bpk
        loaded = r.get("replies") or "?"
        if r.get("errors") not in (None, "", "0"):
            loaded += f" ({r['errors']} errors)"
        cells.append([s, f"{keys:,}", f"{before / 1024:.1f}", f"{after / 1024:.1f}",
                      f"{(after - before) / 1024:.1f}", f"{bpk:.1f}",
                      loaded + ("" if r.get("verified") == "yes" else ", spot-check FAILED")])
    ratio = fmt_ratio(per_key.get("ironkv"), per_key.get("redis"))
    return cells, ratio


MEM_HEADERS = ["server", "keys", "RSS before MiB", "RSS after MiB", "delta MiB",
               "bytes/key", "replies"]


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

    cells = table_cells(rows)
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
    print(text_table(HEADERS, cells))
    for s in unsupported:
        print(f"{s}: not run (ironkv does not answer it)")
    for f in failures:
        print(f"FAILED: round {f[0]} {f[1]} {f[3]} -P {f[2]}: {f[4]}")
    sp_headers, sp_cells = spread_cells(rows)
    if sp_cells:
        print()
        print(text_table(sp_headers, sp_cells))
    mcells, mratio = mem_cells(mem_rows)
    if mcells:
        print()
        print(text_table(MEM_HEADERS, mcells))
        print(f"bytes/key ratio ironkv/redis: {mratio}")
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
        md += ["", "## Throughput and p99 latency (medians)", "", md_table(HEADERS, cells), ""]
        for s in unsupported:
            md.append(f"- {s}: not run (ironkv does not answer it)")
        for f in failures:
            md.append(f"- FAILED: round {f[0]} {f[1]} {f[3]} -P {f[2]}: {f[4]}")
        md += ["", "### Spread across rounds", "",
               "Each round runs redis then ironkv back to back; the per-round ratio compares "
               "those two runs. When the min..max ranges are wide (a busy machine), the median "
               "of the per-round ratios is the steadier figure.", "",
               md_table(sp_headers, sp_cells), ""]
        if mcells:
            md += ["## Memory: small keys loaded with redis-cli --pipe", "",
                   "`SET key:<n> val:<n>` for n = 0 .. keys-1 into a fresh server; "
                   "bytes/key = (VmRSS after - VmRSS before) / keys.", "",
                   md_table(MEM_HEADERS, mcells, right_from=1), "",
                   f"bytes/key ratio ironkv/redis: **{mratio}**", ""]
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
