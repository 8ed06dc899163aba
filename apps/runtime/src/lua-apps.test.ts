/**
 * The Lua concept-matrix apps (`packages/runtime/test-apps/<app>`: links, monitors, names,
 * channels, time, errors, security, …) run through the real `wippy test`, each in a fresh database: every
 * test entry of the app must pass. The number expected is counted from the app's YAML
 * (`function.lua` entries with `meta.type: test`), so a test that silently stopped being
 * found also fails here. The app's database is also handed over as `WIPPY_TEST_DB_*`
 * variables, for apps whose `db.sql.postgres` entries read their fields from the environment
 * (`sql/`).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTestDatabase, testTargets } from "@wippy/db/testing";
import { cliEnv, countTests, ROOT, runWippy } from "./testing/cli";

const APPS_DIR = path.join(ROOT, "packages/runtime/test-apps");
const [target] = testTargets().filter((t) => t.name === "external");

/** Generous: a single test waits at most a few seconds for an event it expects. */
const PER_TEST_TIMEOUT_MS = 10_000;

interface TestReport {
  ok: boolean;
  passed: number;
  failed: number;
  tests: { id: string; ok: boolean; error?: string }[];
}

const LIB_DIR = path.join(APPS_DIR, "_lib");

/** `WIPPY_TEST_DB_*`: the parts of `url`, for `<field>_env` fields of database entries. */
function databaseVars(url: string): Record<string, string> {
  const u = new URL(url);
  return {
    WIPPY_TEST_DB_HOST: u.hostname,
    WIPPY_TEST_DB_PORT: u.port || "5432",
    WIPPY_TEST_DB_NAME: decodeURIComponent(u.pathname.slice(1)),
    WIPPY_TEST_DB_USER: decodeURIComponent(u.username),
    WIPPY_TEST_DB_PASSWORD: decodeURIComponent(u.password),
  };
}
const apps = fs
  .readdirSync(APPS_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith("_"))
  .map((d) => d.name)
  .sort();

describe("Lua test apps under wippy test", () => {
  it("exist", () => {
    expect(apps).toEqual(expect.arrayContaining(["change-requests", "channels", "errors", "links", "monitors", "names", "security", "security-strict", "sql", "time"]));
  });

  it.each(apps)("%s: every test passes", async (app) => {
    const dir = path.join(APPS_DIR, app);
    const expected = countTests(dir);
    expect(expected).toBeGreaterThan(0);
    const tdb = await createTestDatabase(target ?? testTargets()[0]!);
    try {
      const env = cliEnv({ DATABASE_URL: tdb.url, WIPPY_LOG_LEVEL: "warn", ...databaseVars(tdb.url) });
      // The shared assertion library (testlib:check) the apps import.
      const lib = await runWippy(["apply", LIB_DIR], env);
      expect(lib.code, lib.stderr).toBe(0);
      const r = await runWippy(["test", dir, "--json", "--timeout", String(PER_TEST_TIMEOUT_MS)], env);
      const report = r.json as Partial<TestReport>;
      if (!Array.isArray(report.tests)) throw new Error(`wippy test printed no report (exit ${r.code})\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
      const failures = report.tests.filter((t) => !t.ok).map((t) => `${t.id}: ${t.error ?? "failed"}`);
      expect(failures, `failing tests of ${app}`).toEqual([]);
      expect(r.code, r.stderr).toBe(0);
      expect(report.failed).toBe(0);
      expect(report.passed).toBeGreaterThanOrEqual(expected);
    } finally {
      await tdb.drop();
    }
  });
});
