/**
 * The four figures, each a loop of one change (or crash) at a time on a running node: the next
 * change is made only once the previous one has been seen, so every sample is one change on an
 * otherwise idle node.
 *
 * Terms (all in ms, `performance.now()`):
 * - apply start: just before `store.apply` — the writer begins its transaction. The figures of
 *   issue 5 ("from a registry commit") are measured from here: the NOTIFY, and so the node's
 *   catch-up, can begin before the writer's `apply()` has resolved.
 * - commit ack: when `store.apply` resolved; `after_commit_ack` is the same latency from there
 *   (small or even negative: the node may have applied the version already).
 * - crash: the crasher's last act before `error()`; running: the new child's first act.
 *
 * In: a started node, its store, the probe. Out: samples and percentiles per figure.
 */
import type { RegistryStore } from "@wippy/db";
import type { RuntimeNode } from "@wippy/runtime/node";
import type { ChangeOp } from "@wippy/shared";
import { now, percentiles } from "../lib";
import { IDS, updateConfig, updateServiceCode, updateUpgradableCode } from "./entries";
import type { BenchParams } from "./params";
import type { Probe, Report } from "./probe";

export interface BenchContext {
  readonly store: RegistryStore;
  readonly node: RuntimeNode;
  readonly probe: Probe;
  readonly params: BenchParams;
}

type Percentiles = ReturnType<typeof percentiles>;

const WHO = { author: "bench", source: "api" as const };

interface Committed {
  readonly start: number;
  readonly acked: number;
}

async function commit(store: RegistryStore, ops: readonly ChangeOp[]): Promise<Committed> {
  const start = now();
  const result = await store.apply(ops, WHO);
  const acked = now();
  if (!result.ok) throw new Error(`registry apply failed: ${result.error.message}`);
  return { start, acked };
}

/** When a change was seen: `at` is the figure; `also` a later point of the same change (optional). */
interface Seen {
  readonly at: number;
  readonly also?: number;
}

interface LoopSamples {
  /** `at` − apply start. */
  readonly fromStart: number[];
  /** `at` − commit ack. */
  readonly afterAck: number[];
  /** `also` − apply start, where given. */
  readonly alsoFromStart: number[];
}

/** Runs `warmup + changes` changes, one at a time; the measured ones are the last `changes`. */
async function changeLoop(ctx: BenchContext, change: (gen: number) => { ops: readonly ChangeOp[]; seen: () => Promise<Seen> }): Promise<LoopSamples> {
  const samples: LoopSamples = { fromStart: [], afterAck: [], alsoFromStart: [] };
  const { warmup, changes } = ctx.params;
  for (let gen = 1; gen <= warmup + changes; gen++) {
    const { ops, seen } = change(gen);
    // Listening before the commit: the change may be seen before apply() resolves.
    const waiting = quiet(seen());
    const committed = await commit(ctx.store, ops);
    const { at, also } = await waiting;
    if (gen <= warmup) continue;
    samples.fromStart.push(at - committed.start);
    samples.afterAck.push(at - committed.acked);
    if (also !== undefined) samples.alsoFromStart.push(also - committed.start);
  }
  return samples;
}

/**
 * Marks a promise as handled now and returns it for a later await: if the bench fails before
 * that await (a commit throws), its rejection must not end the process before cleanup runs.
 */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

const genIs = (gen: number) => (data: Record<string, unknown>) => data["gen"] === gen;

/** 1. A `registry.entry` change seen by a process subscribed to registry events. */
export async function measureConfig(ctx: BenchContext): Promise<{ event_ms: Percentiles; read_back_ms: Percentiles; event_after_commit_ack_ms: Percentiles }> {
  await ctx.probe.next("watcher");
  const loop = await changeLoop(ctx, (gen) => ({
    ops: updateConfig(gen),
    seen: async () => {
      const report = await ctx.probe.next("config", (d) => d["n"] === gen);
      if (report.data["read_n"] !== gen) throw new Error(`registry.get after the event read n=${String(report.data["read_n"])}, expected ${gen}`);
      return { at: report.data["seen_at"] as number, also: report.at };
    },
  }));
  return { event_ms: percentiles(loop.fromStart), read_back_ms: percentiles(loop.alsoFromStart), event_after_commit_ack_ms: percentiles(loop.afterAck) };
}

/** 2. A service whose `process.lua` changed, running its new code (on_change: restart). */
export async function measureService(ctx: BenchContext): Promise<{ running_new_code_ms: Percentiles; after_commit_ack_ms: Percentiles }> {
  await ctx.probe.next("service", genIs(0));
  const loop = await changeLoop(ctx, (gen) => ({
    ops: updateServiceCode(gen),
    seen: async () => ({ at: (await ctx.probe.next("service", genIs(gen))).at }),
  }));
  return { running_new_code_ms: percentiles(loop.fromStart), after_commit_ack_ms: percentiles(loop.afterAck) };
}

export type UpgradeFigure =
  | { readonly available: true; readonly running_new_code_ms: Percentiles; readonly after_commit_ack_ms: Percentiles }
  | { readonly available: false; readonly reason: string; readonly observed: Record<string, unknown> };

/** 3. An upgradable process running its new code with its state and pid kept. */
export async function measureUpgrade(ctx: BenchContext): Promise<UpgradeFigure> {
  const first = await ctx.probe.next("upgrade", genIs(0));
  const pid = ctx.node.supervision.pidOf(IDS.upgradable);
  // Probe once: does the node upgrade in place, or fall back to a restart?
  const waiting = quiet(ctx.probe.next(["upgrade", "upgrade_refused"], (d) => d["gen"] === 1 || "err" in d));
  await commit(ctx.store, updateUpgradableCode(1));
  const answer: Report = await waiting;
  const observed = { report: answer.kind, ...answer.data, pid_before: pid, pid_after: ctx.node.supervision.pidOf(IDS.upgradable), runs_before: first.data["runs"] };
  if (answer.kind !== "upgrade" || answer.data["runs"] !== 1 || answer.data["same_pid"] !== true) {
    const how = answer.kind === "upgrade_refused" ? `process.upgrade refused: ${String(answer.data["err"])}` : "the service was restarted instead (new pid, fresh state)";
    return { available: false, reason: `on_change: upgrade did not upgrade in place — ${how}`, observed };
  }
  // Generation 1 was the probe: the loop goes on from 2 (its warm-up counts it).
  const loop = await changeLoop(ctx, (n) => {
    const gen = n + 1;
    return {
      ops: updateUpgradableCode(gen),
      seen: async () => {
        const report = await ctx.probe.next("upgrade", genIs(gen));
        if (report.data["runs"] !== gen || report.data["same_pid"] !== true) throw new Error(`upgrade ${gen} lost its state: ${JSON.stringify(report.data)}`);
        return { at: report.at };
      },
    };
  });
  return { available: true, running_new_code_ms: percentiles(loop.fromStart), after_commit_ack_ms: percentiles(loop.afterAck) };
}

/** 4. A crashed child of a one_for_one supervisor running again. */
export async function measureRestart(ctx: BenchContext): Promise<{ crash_to_running_ms: Percentiles; send_to_running_ms: Percentiles; restarts_seen_by_tree: number }> {
  await ctx.probe.next("crasher");
  const crashToRunning: number[] = [];
  const sendToRunning: number[] = [];
  const { warmup, restarts } = ctx.params;
  for (let i = 1; i <= warmup + restarts; i++) {
    const pid = ctx.node.supervision.pidOf(IDS.crasherService);
    if (pid === null) throw new Error(`${IDS.crasherService} has no running process`);
    const crashed = quiet(ctx.probe.next("crash"));
    const running = quiet(ctx.probe.next("crasher"));
    const sent = now();
    const delivered = ctx.node.kernel.send(pid, "crash");
    if (!delivered.ok) throw new Error(`could not send crash to ${pid}: ${delivered.error.message}`);
    const [crash, restarted] = await Promise.all([crashed, running]);
    if (i <= warmup) continue;
    crashToRunning.push(restarted.at - crash.at);
    sendToRunning.push(restarted.at - sent);
  }
  return { crash_to_running_ms: percentiles(crashToRunning), send_to_running_ms: percentiles(sendToRunning), restarts_seen_by_tree: restartsOf(ctx.node, IDS.crasherService) };
}

function restartsOf(node: RuntimeNode, id: string): number {
  const visit = (n: ReturnType<RuntimeNode["tree"]>): number | undefined => {
    for (const child of n.children) {
      if (child.id === id) return child.restarts;
      if (child.kind === "supervisor") {
        const found = visit(child);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
  return visit(node.tree()) ?? -1;
}
