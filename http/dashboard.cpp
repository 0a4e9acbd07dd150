// The dashboard: one self-contained page (hand-written SVG charts, no
// libraries, nothing fetched but /stats and /save from this server). It
// polls /stats once a second and keeps the last two minutes per chart.

#include "http/dashboard.h"

namespace ironkv::http {

namespace {

constexpr std::string_view kHtml = R"HTML(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>IronKV dashboard</title>
<link rel="icon" href="data:,">
<style>
  :root { --bg:#0f1419; --card:#182028; --fg:#e6edf3; --muted:#8b98a5; --grid:#2a3540; --accent:#4cc2ff; }
  * { box-sizing: border-box; }
  body { margin:0; font:14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; background:var(--bg); color:var(--fg); }
  header { display:flex; align-items:center; gap:16px; padding:14px 20px; border-bottom:1px solid var(--grid); flex-wrap:wrap; }
  header h1 { font-size:18px; margin:0; font-weight:600; }
  .dot { width:10px; height:10px; border-radius:50%; background:#666; display:inline-block; }
  .dot.ok { background:#3fb950; } .dot.bad { background:#f85149; }
  .meta { color:var(--muted); }
  .spacer { flex:1; }
  button { background:var(--accent); color:#00131f; border:0; border-radius:6px; padding:7px 14px; font-weight:600; cursor:pointer; }
  button:disabled { opacity:.6; cursor:wait; }
  #save-result { min-width:12em; max-width:40em; color:var(--muted); font-size:13px; }
  #save-result.ok { color:#3fb950; } #save-result.err { color:#f0883e; }
  main { display:grid; grid-template-columns:repeat(auto-fill, minmax(340px, 1fr)); gap:14px; padding:18px 20px; }
  .card { background:var(--card); border-radius:10px; padding:12px 14px 8px; }
  .card h2 { margin:0; font-size:13px; font-weight:500; color:var(--muted); display:flex; justify-content:space-between; }
  .value { font-size:26px; font-weight:600; margin:2px 0 6px; font-variant-numeric:tabular-nums; }
  svg.chart { width:100%; height:110px; display:block; }
  svg.chart .gridline { stroke:var(--grid); stroke-width:1; }
  svg.chart .line { fill:none; stroke:var(--accent); stroke-width:1.8; vector-effect:non-scaling-stroke; }
  svg.chart .area { fill:var(--accent); opacity:.12; }
  svg.chart text { fill:var(--muted); font-size:10px; }
  footer { color:var(--muted); padding:0 20px 18px; font-size:12px; }
</style>
</head>
<body>
<header>
  <span id="status-dot" class="dot"></span>
  <h1>IronKV</h1>
  <span class="meta" id="server-meta">connecting…</span>
  <span class="spacer"></span>
  <button id="save-button" type="button">SAVE</button>
  <span id="save-result" role="status" aria-live="polite"></span>
</header>
<main id="charts"></main>
<footer>Refreshed every second from <code>/stats</code>; last 2 minutes shown. Prometheus metrics at <code>/metrics</code>.</footer>
<script>
"use strict";
const HISTORY = 120;
const charts = [
  { id: "ops", title: "Operations / s", fmt: n => fmtNum(n) },
  { id: "memory", title: "Memory used", fmt: n => fmtBytes(n) },
  { id: "clients", title: "Connected clients", fmt: n => fmtNum(n) },
  { id: "keys", title: "Keys", fmt: n => fmtNum(n) },
  { id: "hitratio", title: "Keyspace hit ratio", fmt: n => (n * 100).toFixed(1) + " %", max: 1 },
  { id: "p99", title: "p99 latency (all commands, last second)", fmt: n => fmtUs(n) },
];
const SVG = "http://www.w3.org/2000/svg";

function fmtNum(n) {
  if (n >= 1e9) return (n / 1e9).toFixed(2) + " G";
  if (n >= 1e6) return (n / 1e6).toFixed(2) + " M";
  if (n >= 1e4) return (n / 1e3).toFixed(1) + " k";
  return Math.round(n).toString();
}
function fmtBytes(n) {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return n.toFixed(i ? 2 : 0) + " " + units[i];
}
function fmtUs(n) {
  if (n >= 1000) return (n / 1000).toFixed(2) + " ms";
  return (n >= 10 ? n.toFixed(0) : n.toFixed(2)) + " µs";
}

function el(tag, attrs, parent) {
  const e = document.createElementNS(SVG, tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (parent) parent.appendChild(e);
  return e;
}

for (const c of charts) {
  const card = document.createElement("section");
  card.className = "card";
  card.id = "card-" + c.id;
  card.dataset.samples = "0";
  card.innerHTML = `<h2><span>${c.title}</span><span class="peak"></span></h2><div class="value">–</div>`;
  const svg = el("svg", { class: "chart", viewBox: "0 0 300 100", preserveAspectRatio: "none" }, card);
  for (const y of [0, 50, 100]) el("line", { class: "gridline", x1: 0, x2: 300, y1: y, y2: y }, svg);
  c.area = el("path", { class: "area" }, svg);
  c.line = el("polyline", { class: "line", points: "" }, svg);
  c.card = card;
  c.data = [];
  document.getElementById("charts").appendChild(card);
}

function draw(c) {
  const n = c.data.length;
  c.card.dataset.samples = String(n);
  if (!n) return;
  const top = c.max || Math.max(1e-9, ...c.data) * 1.15;
  // The x axis fills as samples arrive, then holds the last HISTORY of them.
  const step = 300 / (Math.max(n, 10) - 1);
  const x0 = 300 - (n - 1) * step;
  const pts = c.data.map((v, i) => `${(x0 + i * step).toFixed(1)},${(100 - (v / top) * 98).toFixed(1)}`);
  c.line.setAttribute("points", pts.join(" "));
  c.area.setAttribute("d", `M${x0.toFixed(1)},100 L${pts.join(" L")} L300,100 Z`);
  c.card.querySelector(".value").textContent = c.fmt(c.data[n - 1]);
  c.card.querySelector(".peak").textContent = "max " + c.fmt(Math.max(...c.data));
}

function push(id, v) {
  const c = charts.find(x => x.id === id);
  if (!Number.isFinite(v)) return;
  c.data.push(v);
  if (c.data.length > HISTORY) c.data.shift();
  draw(c);
}

let prev = null;
async function poll() {
  const dot = document.getElementById("status-dot");
  try {
    const res = await fetch("stats", { cache: "no-store" });
    if (!res.ok) throw new Error("HTTP " + res.status);
    const s = await res.json();
    const now = performance.now();
    const st = s.stats || {}, srv = s.server || {}, ks = s.keyspace || {};
    let keys = 0;
    for (const db in ks) keys += ks[db].keys || 0;
    if (prev) {
      const dt = Math.max(0.001, (now - prev.t) / 1000);
      push("ops", Math.max(0, (st.total_commands_processed - prev.cmds) / dt));
      const hits = st.keyspace_hits - prev.hits, misses = st.keyspace_misses - prev.misses;
      const total = st.keyspace_hits + st.keyspace_misses;
      push("hitratio", hits + misses > 0 ? hits / (hits + misses) : (total > 0 ? st.keyspace_hits / total : 0));
    }
    push("memory", (s.memory || {}).used_memory);
    push("clients", (s.clients || {}).connected_clients);
    push("keys", keys);
    push("p99", st.ironkv_instantaneous_p99_usec || 0);
    prev = { t: now, cmds: st.total_commands_processed, hits: st.keyspace_hits, misses: st.keyspace_misses };
    dot.className = "dot ok";
    document.getElementById("server-meta").textContent =
      `Redis ${srv.redis_version} compatible · IronKV ${srv.ironkv_version} · port ${srv.tcp_port} · up ${srv.uptime_in_seconds}s`;
  } catch (e) {
    dot.className = "dot bad";
    document.getElementById("server-meta").textContent = "stats unavailable: " + e.message;
  }
}

document.getElementById("save-button").addEventListener("click", async () => {
  const btn = document.getElementById("save-button");
  const out = document.getElementById("save-result");
  btn.disabled = true;
  out.className = "";
  out.textContent = "saving…";
  try {
    const res = await fetch("save", { method: "POST", cache: "no-store" });
    let body = {};
    try { body = await res.json(); } catch (_) {}
    if (res.ok) {
      out.className = "ok";
      out.textContent = "SAVE: " + (body.reply || "OK");
    } else {
      out.className = "err";
      out.textContent = `SAVE failed (${res.status}): ` + (body.error || res.statusText);
    }
  } catch (e) {
    out.className = "err";
    out.textContent = "SAVE failed: " + e.message;
  } finally {
    btn.disabled = false;
  }
});

poll();
setInterval(poll, 1000);
</script>
</body>
</html>
)HTML";

}  // namespace

std::string_view dashboard_html() { return kHtml; }

}  // namespace ironkv::http
