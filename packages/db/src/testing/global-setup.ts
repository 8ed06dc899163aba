/**
 * Vitest global setup (once per `vitest run`, in the main process): starts a throw-away
 * embedded PostgreSQL, checks the external one, and provides both to the tests as
 * `wippyTestServers` (read them with `testTargets()`).
 *
 * - embedded: `startEmbeddedPostgres` on a temp app folder, non-persistent (no fsync; data
 *   removed at teardown).
 * - external: `postgres://postgres@127.0.0.1:5432/postgres`, or `WIPPY_TEST_EXTERNAL_URL`.
 *   (Test tooling, not app code, so it reads its one variable here rather than in an env.ts.)
 *
 * Nothing is skipped: a server that cannot be used is still provided, with an `error`, and
 * every test that asks for a database on it fails with that message.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { ignoreNotice } from "../client";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../embedded";
import type { TestServer } from "./provided-context";
import "./provided-context";

export const DEFAULT_EXTERNAL_TEST_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/** Progress lines are kept quiet and printed only when the embedded server fails to start. */
const report = (line: string): void => void process.stderr.write(`test postgres: ${line}\n`);

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const appDir = await mkdtemp(path.join(tmpdir(), "wippy-test-pg-"));
  let embedded: EmbeddedPostgres | undefined;
  const servers: TestServer[] = [];
  const progress: string[] = [];
  try {
    embedded = await startEmbeddedPostgres({ appDir, persistent: false, log: (line) => progress.push(line) });
    servers.push({ name: "embedded", url: embedded.url() });
  } catch (error) {
    progress.forEach(report);
    servers.push({ name: "embedded", url: "", error: `the embedded test PostgreSQL did not start: ${message(error)}` });
  }
  const externalUrl = process.env.WIPPY_TEST_EXTERNAL_URL ?? DEFAULT_EXTERNAL_TEST_URL;
  const problem = await probe(externalUrl);
  servers.push({
    name: "external",
    url: externalUrl,
    ...(problem && {
      error: `the external test PostgreSQL at ${redact(externalUrl)} is unreachable (${problem}); start it, or point WIPPY_TEST_EXTERNAL_URL at one`,
    }),
  });
  for (const s of servers) if (s.error) report(s.error);
  project.provide("wippyTestServers", servers);

  return async () => {
    await embedded?.stop();
    await rm(appDir, { recursive: true, force: true });
  };
}

async function probe(url: string): Promise<string | undefined> {
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: ignoreNotice });
  try {
    await sql`select 1`;
    return undefined;
  } catch (error) {
    return message(error);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
