/**
 * End-to-end specs against the real product in Debian's Chromium (never a downloaded browser).
 *
 * - The global setup runs `wippy start e2e/app` on a scratch database and a free port; the
 *   teardown stops it and drops the database (support/product.ts).
 * - Project `setup` (specs/auth.setup.ts) creates the users through the UI — the first admin
 *   on the first-run page, the others on the Users page — and stores their sign-in states.
 * - Project `chromium` runs every spec after it, one at a time: the specs share one registry,
 *   and its history is what several of them assert on.
 */
import { defineConfig } from "@playwright/test";
import { choosePort, chosenPort, e2eBaseUrl, readE2eEnv } from "./support/env";
import { findFreePort } from "./support/free-port";

const env = readE2eEnv();
// Chosen once, in the runner; the global setup and the workers inherit it through the environment.
const port = chosenPort() ?? (await findFreePort());
choosePort(port);

export default defineConfig({
  testDir: "./specs",
  outputDir: "./test-results",
  globalSetup: "./support/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: env.ci,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  globalTimeout: 20 * 60_000,
  // The summary reporter hands the counts to `npm test` (scripts/test.mjs) for its last line.
  reporter: [["list"], ["./support/summary-reporter.ts"], ...(env.ci ? [["html", { open: "never", outputFolder: "playwright-report" }] as const] : [])],
  use: {
    browserName: "chromium",
    baseURL: e2eBaseUrl(),
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: env.chromium,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    { name: "chromium", testMatch: /\.spec\.ts$/, dependencies: ["setup"] },
  ],
});
