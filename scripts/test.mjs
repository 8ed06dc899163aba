#!/usr/bin/env node
// `npm test`: typecheck every workspace (turbo), then run every test file once (vitest
// projects). The last line printed is vitest's `N passed, N failed` summary line.
import { spawnSync } from "node:child_process";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" };
function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  return r.status ?? 1;
}

const typecheck = run("npx", ["turbo", "run", "typecheck", "lint", "--output-logs=errors-only"]);
if (typecheck !== 0) {
  console.error("typecheck/lint failed; tests not run");
  console.log("0 passed, 1 failed");
  process.exit(typecheck);
}
process.exit(run("npx", ["vitest", "run", ...process.argv.slice(2)]));
