/**
 * Playwright's global setup: starts the product (support/product.ts) on the port the config
 * chose and hands back the teardown that stops it and drops its database.
 */
import type { FullConfig } from "@playwright/test";
import { chosenPort, readE2eEnv } from "./env";
import { startProduct } from "./product";

export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  const env = readE2eEnv();
  if (env.baseUrl) {
    process.stdout.write(`WIPPY_E2E_BASE_URL is set: the specs run against ${env.baseUrl}, started by you\n`);
    return async () => undefined;
  }
  const port = chosenPort();
  if (port === undefined) throw new Error("no port was chosen: run the suite through playwright.config.ts");
  const started = Date.now();
  const product = await startProduct({ pgUrl: env.pgUrl, port, startTimeoutMs: env.startTimeoutMs });
  const expected = config.projects[0]?.use.baseURL;
  if (expected && new URL(expected).port !== new URL(product.url).port) {
    await product.stop();
    throw new Error(`the control plane listens on ${product.url}, but the specs expect ${expected}`);
  }
  process.stdout.write(`wippy start is ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${product.url} on database ${product.database} (log: ${product.logFile})\n`);
  return async () => {
    await product.stop();
  };
}
