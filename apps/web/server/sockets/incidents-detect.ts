/**
 * Detecting runtime incidents in the supervision trees nodes push (pure: trees and times in,
 * findings out; incidents.ts records them). A node sends its whole tree after every supervision
 * change, so each restart shows as its child's `restarts` counter going up between two trees.
 *
 * Terms:
 * - crash loop: a service or supervisor restarted at least `crashLoopRestarts` times within
 *   `crashLoopWindowMs`. One loop is one incident: later restarts within the window continue it
 *   (`restarts` counts every restart since it began); a loop quiet for a whole window is over.
 * - failed: a child the runtime gave up on (`terminal`: no restart will come). One incident per
 *   failure, identified by the time of the exit that ended it; it ends the child's crash loop.
 * - recovered: a child seen running while it had failed (or the first time this server sees it
 *   running: another server may have recorded its failure) — its failure is resolved.
 * - `NodeTrack`: what is remembered of one node's children between its trees.
 *
 * Counters that go down (the service entry was replaced) start over; the first tree of a node
 * is only a baseline for counting, so a server that takes a node over does not mistake its
 * past restarts for a loop.
 */
import type { LiveTreeNode } from "@wippy/shared";

export interface IncidentThresholds {
  readonly crashLoopRestarts: number;
  readonly crashLoopWindowMs: number;
  /** How often each server ends crash loops gone quiet (in the database, for the whole cluster). */
  readonly sweepMs: number;
}

export const DEFAULT_INCIDENT_THRESHOLDS: IncidentThresholds = { crashLoopRestarts: 3, crashLoopWindowMs: 60_000, sweepMs: 15_000 };

interface ChildTrack {
  readonly restarts: number;
  /** When each restart within the window was seen, oldest first. */
  readonly times: readonly number[];
  /** The loop going on: when its first restart was seen, and its restarts so far. */
  readonly loop: { readonly since: number; readonly restarts: number } | null;
  /** The exit that made it fail, while it is failed. */
  readonly failed: string | null;
}

export type NodeTrack = ReadonlyMap<string, ChildTrack>;

export type Finding =
  | { readonly kind: "crash_loop"; readonly service: string; readonly episode: string; readonly restarts: number; readonly message: string; readonly lastExit: LiveTreeNode["lastExit"] }
  | { readonly kind: "service_failed"; readonly service: string; readonly episode: string; readonly restarts: number; readonly message: string; readonly lastExit: LiveTreeNode["lastExit"] }
  | { readonly kind: "running"; readonly services: readonly string[] };

function flatten(node: LiveTreeNode, into: LiveTreeNode[] = []): LiveTreeNode[] {
  into.push(node);
  if (node.kind === "supervisor") for (const child of node.children) flatten(child, into);
  return into;
}

function exitText(node: LiveTreeNode): string {
  const exit = node.lastExit;
  if (!exit) return "";
  if (!exit.error) return ` (last exit ${exit.class})`;
  return `: ${exit.error.kind ? `${exit.error.kind}: ` : ""}${exit.error.message}`;
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

export function detectIncidents(previous: NodeTrack | undefined, tree: LiveTreeNode, now: number, thresholds: IncidentThresholds = DEFAULT_INCIDENT_THRESHOLDS): { track: NodeTrack; findings: Finding[] } {
  const track = new Map<string, ChildTrack>();
  const findings: Finding[] = [];
  const running: string[] = [];
  for (const node of flatten(tree)) {
    const seen = previous?.get(node.id);
    const added = seen ? node.restarts - seen.restarts : 0;
    const recent = added < 0 ? [] : (seen?.times ?? []).filter((t) => t > now - thresholds.crashLoopWindowMs);
    // No restart left in the window: whatever loop there was is over.
    let loop = recent.length === 0 ? null : (seen?.loop ?? null);
    let times = [...recent, ...Array<number>(Math.max(0, added)).fill(now)];
    if (added > 0 && (loop !== null || times.length >= thresholds.crashLoopRestarts)) {
      loop = loop ? { since: loop.since, restarts: loop.restarts + added } : { since: times[0] ?? now, restarts: times.length };
      findings.push({
        kind: "crash_loop",
        service: node.id,
        episode: `loop:${loop.since}`,
        restarts: loop.restarts,
        message: `${node.id} restarted ${loop.restarts} times in ${seconds(now - loop.since)}${exitText(node)}`,
        lastExit: node.lastExit,
      });
    }
    let failed = seen?.failed ?? null;
    if (node.state === "terminal") {
      // It gave up: no restart will come, so whatever loop there was is over.
      loop = null;
      times = [];
      const episode = `exit:${node.lastExit?.at ?? "unknown"}`;
      if (failed !== episode) {
        findings.push({ kind: "service_failed", service: node.id, episode, restarts: node.restarts, message: `${node.id} gave up after ${node.restarts} restart${node.restarts === 1 ? "" : "s"}${exitText(node)}`, lastExit: node.lastExit });
      }
      failed = episode;
    } else if (node.state === "running" && (failed !== null || seen === undefined)) {
      running.push(node.id);
      failed = null;
    }
    track.set(node.id, { restarts: node.restarts, times, loop, failed });
  }
  if (running.length > 0) findings.push({ kind: "running", services: running });
  return { track, findings };
}
