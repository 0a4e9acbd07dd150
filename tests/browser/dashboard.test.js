// Opens the IronKV dashboard in headless Chromium (Debian's /usr/bin/chromium
// driven by playwright-core), waits for every chart to show data, presses
// SAVE and checks that it shows a result, and keeps a screenshot.
//
// Usage: node dashboard.test.js <dashboard-url> <screenshot.png> [token]
// Exit 0 on success; otherwise prints why and exits 1. Every wait is bounded.

"use strict";
const { chromium } = require("playwright-core");

const [url, screenshot, token] = process.argv.slice(2);
if (!url || !screenshot) {
  console.error("usage: node dashboard.test.js <url> <screenshot.png> [token]");
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const CHARTS = ["ops", "memory", "clients", "keys", "hitratio", "p99"];

function fail(msg) {
  throw new Error(msg);
}

async function main() {
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    // Root in a container has no user namespaces for Chromium's sandbox.
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    timeout: 30000,
  });
  try {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      // The page forbids eval (CSP); playwright's polling helpers need it.
      bypassCSP: true,
      // With a token the page is behind HTTP auth: the token is the password.
      httpCredentials: token ? { username: "admin", password: token } : undefined,
    });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => {
      // The browser logs a non-2xx fetch; SAVE answers 503 until persistence lands.
      if (m.type() === "error" && !/status of 503/.test(m.text())) errors.push(m.text());
    });

    const res = await page.goto(url, { waitUntil: "load", timeout: 15000 });
    if (!res || res.status() !== 200) fail(`GET ${url}: ${res ? res.status() : "no response"}`);

    // Four polls (one per second) give every chart, ops/s included, >= 3 points.
    await page.waitForFunction(
      (ids) => ids.every((id) => Number(document.getElementById("card-" + id).dataset.samples) >= 3),
      CHARTS, { timeout: 20000, polling: 250 });

    const charts = await page.evaluate((ids) => ids.map((id) => {
      const card = document.getElementById("card-" + id);
      const points = card.querySelector("polyline").getAttribute("points").trim().split(/\s+/);
      return { id, value: card.querySelector(".value").textContent, points: points.length,
               ys: points.map((p) => Number(p.split(",")[1])) };
    }), CHARTS);
    for (const c of charts) {
      if (c.value === "–" || c.value === "") fail(`chart ${c.id} shows no value`);
      if (c.points < 3) fail(`chart ${c.id} has ${c.points} points`);
      if (c.ys.some((y) => !Number.isFinite(y))) fail(`chart ${c.id} has bad coordinates`);
    }
    // Under load, operations per second and keys are above zero: their line
    // leaves the bottom edge (y = 100).
    for (const id of ["ops", "keys"]) {
      const c = charts.find((x) => x.id === id);
      if (!c.ys.some((y) => y < 99)) fail(`chart ${id} stays at zero under load: ${c.value}`);
    }
    const status = await page.getAttribute("#status-dot", "class");
    if (!status.includes("ok")) fail("status dot is not ok: " + status);

    // SAVE: whatever the server answers (OK, or 503 until persistence exists),
    // the page must show it.
    await page.click("#save-button");
    await page.waitForFunction(() => {
      const t = document.getElementById("save-result").textContent;
      return t && t !== "saving…";
    }, null, { timeout: 10000, polling: 100 });
    const saveText = await page.textContent("#save-result");
    if (!/^SAVE/.test(saveText)) fail("unexpected SAVE result: " + saveText);

    await page.screenshot({ path: screenshot, fullPage: true });
    if (errors.length) fail("page errors: " + errors.join(" | "));
    console.log("charts:", charts.map((c) => `${c.id}=${c.value}`).join(", "));
    console.log("save:", saveText);
    console.log("screenshot:", screenshot);
  } finally {
    await browser.close();
  }
}

const watchdog = setTimeout(() => {
  console.error("dashboard test: overall timeout (60 s)");
  process.exit(1);
}, 60000);
main().then(() => { clearTimeout(watchdog); process.exit(0); },
            (e) => { console.error("dashboard test failed:", e.message); process.exit(1); });
