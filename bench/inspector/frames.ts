/**
 * Frame times in the page, measured the way people feel them: the interval between two
 * `requestAnimationFrame` callbacks (16.7 ms at 60 Hz; a frame longer than 50 ms is a visible
 * stutter), plus the browser's long tasks (> 50 ms of main-thread work). A phase records for
 * `seconds` while something may run alongside (`during`, e.g. scrolling the table).
 *
 * The in-page code is plain JavaScript text: tsx's transform adds helpers to functions
 * (`__name`) that do not exist in the page, so functions cannot be handed to `evaluate`.
 */
import { writeFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { percentiles } from "../lib";

export interface FrameStats {
  readonly frames: ReturnType<typeof percentiles>;
  /** Frames over 33 ms (two or more missed vsyncs) and over 50 ms (a visible stutter). */
  readonly over_33ms: number;
  readonly over_50ms: number;
  readonly long_tasks: { readonly count: number; readonly total_ms: number; readonly max_ms: number };
  readonly fps: number;
}

interface Recorded {
  intervals: number[];
  longTasks: number[];
  elapsed: number;
}

const START = `(() => {
  const bench = { intervals: [], longTasks: [], running: true, started: performance.now(), observer: null };
  window.__bench = bench;
  let last = performance.now();
  const tick = (t) => {
    bench.intervals.push(t - last);
    last = t;
    if (bench.running) requestAnimationFrame(tick);
  };
  requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
  try {
    bench.observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) bench.longTasks.push(e.duration); });
    bench.observer.observe({ type: "longtask" });
  } catch (e) { /* no long-task timing: the frame intervals still tell */ }
})()`;

const STOP = `(() => {
  const bench = window.__bench;
  bench.running = false;
  if (bench.observer) bench.observer.disconnect();
  return { intervals: bench.intervals, longTasks: bench.longTasks, elapsed: performance.now() - bench.started };
})()`;

const SCROLL = (ms: number) => `new Promise((resolve) => {
  const el = document.querySelector('[data-testid="process-table-scroller"]');
  if (!el) throw new Error("no process table on the page");
  const end = performance.now() + ${ms};
  let down = true;
  const step = () => {
    if (performance.now() > end) return resolve(true);
    if (el.scrollTop + el.clientHeight >= el.scrollHeight - 2) down = false;
    if (el.scrollTop <= 0) down = true;
    el.scrollTop += down ? 120 : -120;
    requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
})`;

export async function recordFrames(page: Page, seconds: number, during?: () => Promise<void>): Promise<FrameStats> {
  await page.evaluate(START);
  const work = during ? during() : Promise.resolve();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  await work;
  const recorded = (await page.evaluate(STOP)) as Recorded;
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    frames: percentiles(recorded.intervals),
    over_33ms: recorded.intervals.filter((ms) => ms > 33.4).length,
    over_50ms: recorded.intervals.filter((ms) => ms > 50).length,
    long_tasks: { count: recorded.longTasks.length, total_ms: round(recorded.longTasks.reduce((a, b) => a + b, 0)), max_ms: round(Math.max(0, ...recorded.longTasks)) },
    fps: round(recorded.intervals.length / (recorded.elapsed / 1000)),
  };
}

/** Scrolls the inspector table steadily (as a person flicking through it) for `seconds`. */
export async function scrollTable(page: Page, seconds: number): Promise<void> {
  await page.evaluate(SCROLL(Math.round(seconds * 1000)));
}

/** A CPU profile of the page (Chrome DevTools Protocol) until `stop(file)` writes it as JSON. */
export async function startProfile(page: Page): Promise<{ stop(file: string): Promise<void> }> {
  const session = await page.context().newCDPSession(page);
  await session.send("Profiler.enable");
  await session.send("Profiler.setSamplingInterval", { interval: 200 });
  await session.send("Profiler.start");
  return {
    async stop(file: string) {
      const { profile } = await session.send("Profiler.stop");
      writeFileSync(file, JSON.stringify(profile));
      await session.detach();
    },
  };
}
