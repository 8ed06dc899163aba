/**
 * bench/registry — registry write path on a real PostgreSQL.
 *
 * Prints one JSON document:
 * - apply_1: latency of applying a 1-entry changeset (ms percentiles)
 * - apply_100: latency of applying a 100-entry changeset
 * - notify: time from the writer's apply() resolving (commit acknowledged) to a second
 *   connection receiving NOTIFY wippy_registry (can be ≤ 0: the NOTIFY may arrive first), and
 *   from the start of apply() to the NOTIFY (what a runtime node waits for end to end).
 * Target (issue 3): p50 apply_1 under 5 ms on the local database.
 */
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { REGISTRY_CHANNEL, RegistryStore } from "@wippy/db";
import type { Entry } from "@wippy/shared";
import { benchDatabase, now, percentiles } from "../lib";

const ONE = Number(process.env.BENCH_ONE ?? 500);
const HUNDRED = Number(process.env.BENCH_HUNDRED ?? 50);
const WARMUP = 20;

const entry = (id: string, n: number): Entry => ({
  id,
  kind: "registry.entry",
  meta: { type: "bench" },
  data: { n, text: "lorem ipsum dolor sit amet", list: [1, 2, 3] },
});
const who = { author: "bench", source: "api" as const };

const db = await benchDatabase(path.join(os.tmpdir(), "wippy-bench-home"));
const store = new RegistryStore(db.sql);
const listener = postgres(db.url, { max: 1, onnotice: () => {} });
try {
  await store.apply([{ op: "create", entry: entry("bench:one", 0) }], who);
  await store.apply(
    [...Array(100).keys()].map((i) => ({ op: "create" as const, entry: entry(`bench.many:e${i}`, 0) })),
    who,
  );

  const one: number[] = [];
  for (let i = 1; i <= ONE + WARMUP; i++) {
    const t = now();
    const r = await store.apply([{ op: "update", entry: entry("bench:one", i) }], who);
    if (!r.ok) throw new Error(r.error.message);
    if (i > WARMUP) one.push(now() - t);
  }

  const hundred: number[] = [];
  for (let i = 1; i <= HUNDRED + 5; i++) {
    const ops = [...Array(100).keys()].map((k) => ({ op: "update" as const, entry: entry(`bench.many:e${k}`, i) }));
    const t = now();
    const r = await store.apply(ops, who);
    if (!r.ok) throw new Error(r.error.message);
    if (i > 5) hundred.push(now() - t);
  }

  const arrivals = new Map<string, number>();
  let wake: (() => void) | null = null;
  await listener.listen(REGISTRY_CHANNEL, (payload) => {
    arrivals.set(payload, now());
    wake?.();
  });
  const afterCommit: number[] = [];
  const endToEnd: number[] = [];
  for (let i = 1; i <= 200; i++) {
    const t0 = now();
    const r = await store.apply([{ op: "update", entry: entry("bench:one", -i) }], who);
    const t1 = now();
    if (!r.ok) throw new Error(r.error.message);
    const key = String(r.value.version.id);
    while (!arrivals.has(key)) await new Promise<void>((resolve) => (wake = resolve));
    const tn = arrivals.get(key) as number;
    afterCommit.push(tn - t1);
    endToEnd.push(tn - t0);
  }

  const result = {
    bench: "registry",
    database: db.server,
    node: process.version,
    apply_1_ms: percentiles(one),
    apply_100_ms: percentiles(hundred),
    notify_after_commit_ms: percentiles(afterCommit),
    notify_from_apply_start_ms: percentiles(endToEnd),
    target: { apply_1_p50_ms_under: 5, met: percentiles(one).p50 < 5 },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await listener.end();
  await db.done();
}
