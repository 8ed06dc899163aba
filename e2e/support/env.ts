/**
 * The only place the end-to-end suite reads `process.env` (Conventions §2).
 *
 * - WIPPY_E2E_PG_URL: the PostgreSQL server the scratch database is made on (default
 *   `postgres://postgres@127.0.0.1:5432/postgres`). The suite creates `wippy_e2e_<random>`
 *   there and drops it at the end; it never writes to any other database.
 * - WIPPY_E2E_CHROMIUM: the browser (default Debian's `/usr/bin/chromium`). Playwright never
 *   downloads one.
 * - WIPPY_E2E_PORT: the control plane's port. Absent, the config picks a free one and sets it
 *   here, so the runner, the global setup and every worker agree on it.
 * - WIPPY_E2E_BASE_URL: run the specs against a control plane that is already running (e.g.
 *   `npm run dev -w @wippy/web` with a node from `wippy start e2e/app --no-web`) instead of
 *   starting one. Its database must be fresh: the suite creates the first admin.
 * - WIPPY_E2E_START_TIMEOUT_MS: how long `wippy start` may take to be ready (default 15 min:
 *   the first start builds the control plane).
 * - WIPPY_E2E_SCREENSHOTS=1: write the README tour's screenshots to docs/screenshots/ (off by
 *   default, so a test run leaves the working tree as it was).
 * - CI: set by CI systems; only changes the reporter.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const REPO_ROOT = path.resolve(E2E_DIR, "..");

export const DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/postgres";
export const DEFAULT_CHROMIUM = "/usr/bin/chromium";
export const DEFAULT_START_TIMEOUT_MS = 15 * 60_000;

const PORT_VARIABLE = "WIPPY_E2E_PORT";

export interface E2eEnv {
  pgUrl: string;
  chromium: string;
  startTimeoutMs: number;
  ci: boolean;
  screenshots: boolean;
  /** A control plane that is already running; absent → the global setup starts one. */
  baseUrl?: string;
}

export function readE2eEnv(source: NodeJS.ProcessEnv = process.env): E2eEnv {
  const timeout = Number(source.WIPPY_E2E_START_TIMEOUT_MS ?? DEFAULT_START_TIMEOUT_MS);
  if (!Number.isInteger(timeout) || timeout <= 0) throw new Error("WIPPY_E2E_START_TIMEOUT_MS must be a positive integer (milliseconds)");
  const pgUrl = source.WIPPY_E2E_PG_URL || DEFAULT_PG_URL;
  if (!/^postgres(ql)?:\/\//.test(pgUrl)) throw new Error("WIPPY_E2E_PG_URL must be a postgres:// URL");
  const baseUrl = source.WIPPY_E2E_BASE_URL ? source.WIPPY_E2E_BASE_URL.replace(/\/+$/, "") : undefined;
  if (baseUrl !== undefined && !/^https?:\/\//.test(baseUrl)) throw new Error("WIPPY_E2E_BASE_URL must be an http(s) URL");
  return { pgUrl, chromium: source.WIPPY_E2E_CHROMIUM || DEFAULT_CHROMIUM, startTimeoutMs: timeout, ci: Boolean(source.CI), screenshots: source.WIPPY_E2E_SCREENSHOTS === "1", baseUrl };
}

/** The port chosen for this run, if one was (by the user or by an earlier config load). */
export function chosenPort(source: NodeJS.ProcessEnv = process.env): number | undefined {
  const text = source[PORT_VARIABLE];
  if (!text) return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${PORT_VARIABLE} must be a port number, not "${text}"`);
  return port;
}

/** Remembers the port in the environment, which the global setup and the workers inherit. */
export function choosePort(port: number, target: NodeJS.ProcessEnv = process.env): void {
  target[PORT_VARIABLE] = String(port);
}

/** Where the specs reach the control plane (the config's `baseURL`; also for hooks that cannot use fixtures). */
export function e2eBaseUrl(source: NodeJS.ProcessEnv = process.env): string {
  const env = readE2eEnv(source);
  if (env.baseUrl) return env.baseUrl;
  const port = chosenPort(source);
  if (port === undefined) throw new Error("no port was chosen: run the suite through playwright.config.ts");
  return `http://localhost:${port}`;
}
