/**
 * failover — how long a durable run stalls when the node running it dies.
 *
 * `nodes` real `wippy start` processes (`cluster.ts`) serve `bench:workflows` with its default
 * lease (5 s). Each repetition:
 * 1. starts a run of `bench:ticker` (an activity, then a durable sleep of `tickMs`, again and
 *    again), waits until it has stepped a few times under whichever node took it, then a
 *    random delay of up to a third of the lease (the renewal period), so kills land at every
 *    point of the renewal cycle. A new run each time keeps the repetitions alike (a short
 *    history): replaying long histories is what `resume` measures;
 * 2. finds the holder from `workflow_leases.owner` (`<host>:<os pid>/bench:workflows`) and
 *    SIGKILLs that process — nothing is released, the lease has to expire;
 * 3. polls the database every `POLL_MS` until an event appears in the run's history with a
 *    seq past the one at the kill and a recorded time (`at`, the writer's clock) after the
 *    kill: the first event another node committed. `kill_to_next_event_ms` is kill → that
 *    observation (so it includes up to `POLL_MS` of polling lag); `kill_to_claim_ms` is kill →
 *    the lease row naming another owner;
 * 4. terminates the run, restarts the killed node and waits until it runs.
 *
 * In: the pool, the scratch database URL, the app's entries, parameters. Out: percentiles in
 * ms and each repetition's figures.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Entry } from "@wippy/shared";
import { PgWorkflowStore, type Sql } from "@wippy/db";
import { RealClock } from "@wippy/runtime/kernel";
import { DEFAULT_WORKFLOW_HOST, WorkflowClient } from "@wippy/runtime/workflow";
import { now, percentiles } from "../lib";
import { NodeProcess } from "./cluster";
import type { BenchParams } from "./params";
import { APP_DIR, WORKFLOW_HOST } from "./world";

const POLL_MS = 10;
/** `bench:workflows` sets no lease: the default applies. */
const LEASE_MS = DEFAULT_WORKFLOW_HOST.leaseMs;
/** Steps the run must take under a holder before that holder is killed. */
const STEADY_EVENTS = 6;
/** Slack for clocks of two processes on one machine when comparing an event's `at` to the kill. */
const CLOCK_SLACK_MS = 20;

export interface Takeover {
  readonly kill_to_claim_ms: number;
  readonly kill_to_next_event_ms: number;
  /** Seq of that next event: the length of the history the new holder replayed, plus one or two. */
  readonly history_events: number;
}

export interface Failover {
  readonly nodes: number;
  readonly lease_ms: number;
  readonly tick_ms: number;
  readonly kill_to_next_event_ms: ReturnType<typeof percentiles>;
  readonly kill_to_claim_ms: ReturnType<typeof percentiles>;
  readonly takeovers: readonly Takeover[];
}

interface Head {
  owner: string | null;
  last_seq: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const wallNow = (): number => performance.timeOrigin + performance.now();

export async function measureFailover(sql: Sql, databaseUrl: string, entries: ReadonlyMap<string, Entry>, params: BenchParams, progress: (line: string) => void): Promise<Failover> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "wippy-bench-failover-"));
  const nodes = Array.from({ length: params.nodes }, (_, i) => new NodeProcess(`n${i + 1}`, { appDir: APP_DIR, databaseUrl, home, timeoutMs: params.timeoutMs }));
  const client = new WorkflowClient({ store: new PgWorkflowStore(sql), resolveEntry: (id) => entries.get(id), clock: new RealClock() });
  try {
    // One at a time: the first applies the app folder, the others find it applied.
    for (const node of nodes) await node.start();
    progress(`failover: ${nodes.length} nodes running`);
    const until = async <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> => {
      const deadline = now() + params.timeoutMs;
      for (;;) {
        const found = await probe();
        if (found !== undefined) return found;
        if (now() > deadline) throw new Error(`failover: timed out waiting for ${what}\n${nodes.map((n) => `${n.name}: ${n.tail()}`).join("\n")}`);
        await sleep(POLL_MS);
      }
    };

    const takeovers: Takeover[] = [];
    for (let i = 0; i < params.failovers; i++) {
      const spawned = await client.spawn("bench:ticker", WORKFLOW_HOST, [1_000_000_000, `${params.tickMs}ms`], { id: `bench-failover-${i}` });
      if (!spawned.ok) throw new Error(`spawn bench:ticker: ${spawned.error.message}`);
      const runId = spawned.value.runId;
      const head = async (): Promise<Head> => {
        const [row] = await sql<Head[]>`
          select owner, (select coalesce(max(seq), 0)::int from workflow_events where run_id = ${runId}) as last_seq
          from workflow_leases where run_id = ${runId}`;
        if (row === undefined) throw new Error(`run ${runId} has no lease row`);
        return row;
      };
      await until("the run to step steadily", async () => {
        const h = await head();
        return h.owner !== null && h.last_seq >= 1 + STEADY_EVENTS ? true : undefined;
      });
      await sleep(Math.random() * (LEASE_MS / 3));
      const before = await head();
      const victim = nodes.find((n) => n.alive && before.owner?.startsWith(n.ownerPrefix));
      if (victim === undefined) throw new Error(`failover: the run's owner ${before.owner} is none of the bench's nodes`);
      // The clock starts at the signal (`kill` resolves once the exit has been reported).
      const killedAt = now();
      const killedWall = wallNow();
      await victim.kill();
      let claimedAt: number | undefined;
      const seq = await until("another node to commit an event", async () => {
        const h = await head();
        if (claimedAt === undefined && h.owner !== null && h.owner !== before.owner) claimedAt = now();
        const [next] = await sql<{ seq: number }[]>`
          select seq from workflow_events where run_id = ${runId} and seq > ${before.last_seq} and at > ${killedWall + CLOCK_SLACK_MS} order by seq limit 1`;
        return next?.seq;
      });
      const observedAt = now();
      takeovers.push({ kill_to_claim_ms: Math.round((claimedAt ?? observedAt) - killedAt), kill_to_next_event_ms: Math.round(observedAt - killedAt), history_events: seq });
      progress(`failover ${i + 1}/${params.failovers}: killed ${victim.name}, next event after ${Math.round(observedAt - killedAt)} ms`);
      await client.terminate(spawned.value.pid);
      await victim.start();
    }
    return {
      nodes: nodes.length,
      lease_ms: LEASE_MS,
      tick_ms: params.tickMs,
      kill_to_next_event_ms: percentiles(takeovers.map((t) => t.kill_to_next_event_ms)),
      kill_to_claim_ms: percentiles(takeovers.map((t) => t.kill_to_claim_ms)),
      takeovers,
    };
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
    fs.rmSync(home, { recursive: true, force: true });
  }
}
