#!/usr/bin/env node
// `npm test`: typecheck + lint every workspace (turbo), then run every test file once (vitest
// projects). The last line printed is the total: `N passed, N failed`.
//
// `npm test -- <vitest args>` runs vitest only (with those args), for a quick local loop.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" };
function run(cmd, args, extraEnv = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
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
function vitest(args, name) {
  const summary = path.join(work, `${name}.json`);
  const status = run("npx", ["vitest", "run", ...args], { WIPPY_SUMMARY_FILE: summary });
  const counts = readJson(summary) ?? { passed: 0, failed: 1, skipped: 0 };
  if (status !== 0 && counts.failed === 0) counts.failed = 1; // vitest failed outside any test
  return counts;
}
const add = (a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped });
const unit =
  vitestArgs.length > 0
    ? vitest(vitestArgs, "vitest")
    : add(vitest(HEAVY.map((f) => `--exclude=**/${path.basename(f)}`), "vitest"), vitest(HEAVY, "heavy"));
rmSync(work, { recursive: true, force: true });
finish(unit.passed, unit.failed, unit.skipped);
