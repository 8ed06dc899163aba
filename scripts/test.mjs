#!/usr/bin/env node
// `npm test`: typecheck + lint every workspace (turbo), then run every test file once (vitest
// projects), then the browser specs (Playwright in Debian's Chromium, e2e/). The last line
// printed is the total of both: `N passed, N failed`.
//
// `npm test -- <vitest args>` runs vitest only (with those args), for a quick local loop;
// WIPPY_TEST_E2E=0 leaves the browser specs out of a full run.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" };
function run(cmd, args, extraEnv = {}, cwd = undefined) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv }, cwd });
  return r.status ?? 1;
}
function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}
function finish(passed, failed, skipped) {
  console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  process.exit(failed > 0 ? 1 : 0);
}

const vitestArgs = process.argv.slice(2);
const typecheck = run("npx", ["turbo", "run", "typecheck", "lint", "--output-logs=errors-only"]);
if (typecheck !== 0) {
  console.error("typecheck/lint failed; tests not run");
  finish(0, 1, 0);
}

const work = mkdtempSync(path.join(tmpdir(), "wippy-test-"));
// The multi-process failover suite (three nodes, SIGKILL/SIGSTOP, a database restart) runs on
// its own after the rest: sharing two cores with the other files' CLI processes would make
// both slow enough to time out.
const HEAVY = ["apps/runtime/src/failover.test.ts"];
/** Runs a test command whose reporter writes `{passed, failed, skipped}` to WIPPY_SUMMARY_FILE. */
function counted(name, cmd, args, cwd) {
  const summary = path.join(work, `${name}.json`);
  const status = run(cmd, args, { WIPPY_SUMMARY_FILE: summary }, cwd);
  const counts = readJson(summary) ?? { passed: 0, failed: 1, skipped: 0 };
  if (status !== 0 && counts.failed === 0) counts.failed = 1; // the runner failed outside any test
  return counts;
}
const vitest = (args, name) => counted(name, "npx", ["vitest", "run", ...args]);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const add = (a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped });
let total;
if (vitestArgs.length > 0) {
  total = vitest(vitestArgs, "vitest");
} else {
  total = add(vitest(HEAVY.map((f) => `--exclude=**/${path.basename(f)}`), "vitest"), vitest(HEAVY, "heavy"));
  // The browser specs start the real product (`wippy start`, building the control plane first
  // when its build is missing or stale) on a scratch database of the external PostgreSQL.
  if (process.env.WIPPY_TEST_E2E !== "0") {
    console.log("\n== browser specs (e2e/, Playwright in Debian's Chromium)");
    total = add(total, counted("e2e", "npx", ["playwright", "test"], path.join(root, "e2e")));
  }
}
rmSync(work, { recursive: true, force: true });
finish(total.passed, total.failed, total.skipped);
