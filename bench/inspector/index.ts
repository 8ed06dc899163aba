/**
 * bench/inspector — the process inspector's frame time with many live processes (issue 8:
 * "10,000 processes update at 1 Hz without jank").
 *
 * Starts `wippy start` on a scratch database (DATABASE_URL's server, default 127.0.0.1:5432)
 * with an app of `processes` processes, `active` of which wake every second (app.ts), signs in
 * as the first admin, opens /processes in Chromium (`WIPPY_E2E_CHROMIUM`, default
 * /usr/bin/chromium) and records, for `seconds` each (frames.ts):
 * - `idle_view`: the table at rest, sorted by pid — deltas swap rows in place (no re-sort);
 * - `sorted_by_reductions`: sorted by a column every delta changes — a re-sort each update;
 * - `scrolling`: flicking through the table while the deltas arrive.
 * Plus what the browser receives (deltas.ts): deltas per second, rows and KiB per delta.
 *
 * `BENCH_SCREENSHOT=<png>` saves the page at the end; `BENCH_PROFILE=<file>` and
 * `BENCH_PROFILE_IDLE=<file>` save a CPU profile of the scrolling and of the idle phase (open
 * them in Chromium's DevTools, Performance panel).
 *
 * Builds and serves the web UI: run it under the shared lock on a shared machine —
 * `flock /tmp/wippy-web.lock npm run -s bench -- inspector`. Prints one JSON document;
 * progress goes to stderr. Parameters: params.ts.
 */
import fs from "node:fs";
import os from "node:os";
import { chromium } from "@playwright/test";
import { createUsers, eventually, trpcQuery } from "../../apps/web/server/testing/client";
import { writeBenchApp } from "./app";
import { DeltaRecorder } from "./deltas";
import { recordFrames, scrollTable, startProfile, type FrameStats } from "./frames";
import { readParams } from "./params";
import { startProduct } from "./product";

const progress = (line: string): void => void process.stderr.write(`inspector: ${line}\n`);

const params = readParams();
const loadAtStart = os.loadavg()[0] ?? NaN;
const appDir = writeBenchApp(params.processes, params.active);
progress(`starting wippy start with ${params.processes} processes (${params.active} active) …`);
const product = await startProduct(appDir, params.pgUrl, params.timeoutMs);
const recorder = new DeltaRecorder();
const browser = await chromium.launch({ executablePath: params.chromium, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
try {
  const { admin: cookie } = await createUsers(product.url, ["admin"]);
  if (!cookie) throw new Error("signing in as the first admin gave no cookie");
  progress(`control plane at ${product.url}; waiting for the node to report ${params.processes} processes …`);
  await eventually(
    async () => {
      const { nodes } = (await trpcQuery(product.url, "nodes.list", undefined, cookie)) as { nodes: { processes: number }[] };
      return (nodes[0]?.processes ?? 0) >= params.processes ? true : undefined;
    },
    `${params.processes} processes on the node`,
    120_000,
  );
  await recorder.start(product.url, cookie);

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const host = new URL(product.url).hostname;
  await context.addCookies(cookie.split("; ").map((pair) => {
    const at = pair.indexOf("=");
    return { name: pair.slice(0, at), value: pair.slice(at + 1), domain: host, path: "/" };
  }));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
  page.on("pageerror", (error) => errors.push(error.message));
  const openedAt = Date.now();
  await page.goto(`${product.url}/processes`);
  await page.locator(`[data-testid="process-counts"]`).waitFor();
  await page.waitForFunction(`Number(document.querySelector('[data-testid="process-counts"]')?.getAttribute("data-total")) >= ${params.processes}`, undefined, { timeout: 120_000 });
  const loadedMs = Date.now() - openedAt;
  progress(`table loaded in ${loadedMs} ms; recording ${params.seconds} s per phase …`);
  await new Promise((r) => setTimeout(r, 2_000)); // the first deltas after the snapshot settle

  const phases: Record<string, FrameStats> = {};
  const deltasFrom = Date.now();
  const idleProfiler = process.env.BENCH_PROFILE_IDLE ? await startProfile(page) : null;
  phases.idle_view = await recordFrames(page, params.seconds);
  if (idleProfiler && process.env.BENCH_PROFILE_IDLE) await idleProfiler.stop(process.env.BENCH_PROFILE_IDLE);
  progress(`idle_view p50 ${phases.idle_view.frames.p50} ms, p99 ${phases.idle_view.frames.p99} ms, max ${phases.idle_view.frames.max} ms`);
  await page.getByTestId("sort-reductions").click();
  phases.sorted_by_reductions = await recordFrames(page, params.seconds);
  progress(`sorted_by_reductions p50 ${phases.sorted_by_reductions.frames.p50} ms, max ${phases.sorted_by_reductions.frames.max} ms`);
  await page.getByTestId("sort-pid").click();
  const profiler = process.env.BENCH_PROFILE ? await startProfile(page) : null;
  phases.scrolling = await recordFrames(page, params.seconds, () => scrollTable(page, params.seconds - 0.2));
  if (profiler && process.env.BENCH_PROFILE) await profiler.stop(process.env.BENCH_PROFILE);
  progress(`scrolling p50 ${phases.scrolling.frames.p50} ms, max ${phases.scrolling.frames.max} ms`);
  if (process.env.BENCH_SCREENSHOT) await page.screenshot({ path: process.env.BENCH_SCREENSHOT });
  const shownRows = await page.locator('[data-testid="process-row"]').count();

  const result = {
    bench: "inspector",
    processes: params.processes,
    active_per_second: params.active,
    seconds_per_phase: params.seconds,
    machine: { cpus: os.cpus().length, load_at_start: Math.round(loadAtStart * 100) / 100, load_at_end: Math.round((os.loadavg()[0] ?? NaN) * 100) / 100 },
    table_loaded_ms: loadedMs,
    rows_in_dom: shownRows,
    deltas: recorder.summary(deltasFrom),
    frame_ms: phases,
    page_errors: errors,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  recorder.close();
  await browser.close();
  await product.stop();
  fs.rmSync(appDir, { recursive: true, force: true });
}
