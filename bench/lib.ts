/**
 * Small helpers every benchmark uses: percentiles over samples in milliseconds, a fresh
 * database for the run, and the JSON result line.
 */
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { connect, migrate, resolveDatabase } from "@wippy/db";

export function percentiles(samples: number[]): { p50: number; p90: number; p99: number; min: number; max: number; n: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { p50: round(at(0.5)), p90: round(at(0.9)), p99: round(at(0.99)), min: round(s[0] ?? NaN), max: round(s[s.length - 1] ?? NaN), n: s.length };
}

export const now = () => performance.now();

/**
 * A throwaway database on DATABASE_URL's server, or on the embedded server under a temporary
 * home when DATABASE_URL is unset (a bench may pass its own `databaseUrl` default instead).
 * Dropped at the end.
 */
export async function benchDatabase(appDir: string, databaseUrl = process.env.DATABASE_URL): Promise<{ url: string; server: string; sql: postgres.Sql; done(): Promise<void> }> {
  const server = await resolveDatabase({ appDir, databaseUrl, log: (l) => process.stderr.write(`${l}\n`) });
  const admin = postgres(server.url, { max: 1, onnotice: () => {} });
  const name = `wippy_bench_${Date.now()}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  const conn = connect(url.toString());
  await migrate(url.toString(), {});
  return {
    url: url.toString(),
    server: server.embedded ? "embedded" : "external",
    sql: conn.sql,
    async done() {
      await conn.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
      await server.stop();
    },
  };
}
