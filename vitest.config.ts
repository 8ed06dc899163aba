import { defineConfig } from "vitest/config";

// One `vitest run` covers every workspace package; each package has its own small
// vitest.config.ts (defineProject). PostgreSQL for tests is started once per run by the
// global setup of @wippy/db (embedded) next to the external server at 127.0.0.1:5432.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*"],
    globalSetup: ["./packages/db/src/testing/global-setup.ts"],
    reporters: ["default", "./scripts/summary-reporter.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
