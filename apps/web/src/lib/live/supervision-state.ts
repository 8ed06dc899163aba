/**
 * The live state of supervised entries, for the supervision canvas's overlay: every node's
 * last supervision tree (pushed over socket.io on each change) folded into one view per entry
 * id (a service or a supervisor).
 *
 * Terms:
 * - `LiveState`: what the canvas draws — `running`, `starting`, `stopping`, `stopped`,
 *   `restarting` (it failed and its restart is scheduled), `failed` (failed, no restart due),
 *   `exited` (returned normally, not restarted), `terminal` (gave up);
 * - `LiveChild`: one entry on one node — state, pid, restarts, uptime as of the tree's time,
 *   the last exit;
 * - `LiveEntry`: an entry over all nodes: its worst state (what needs attention first),
 *   restarts summed, the per-node details.
 *
 * Pure: trees in, maps out (tested in supervision-state.test.ts).
 */
import type { LiveTreeNode } from "@wippy/shared";

export type LiveState = "running" | "starting" | "stopping" | "stopped" | "restarting" | "failed" | "exited" | "terminal";

export interface LiveChild {
  readonly nodeId: string;
  readonly state: LiveState;
  readonly pid: string | null;
  readonly restarts: number;
  /** Uptime when the tree was taken; add `Date.now() - at` for now. */
  readonly uptimeMs: number | null;
  readonly at: number;
  readonly lastExit: LiveTreeNode["lastExit"];
}

export interface LiveEntry {
  readonly id: string;
  readonly state: LiveState;
  readonly restarts: number;
  readonly nodes: readonly LiveChild[];
}

/** Worst first: the state a multi-node entry shows is the first of these any node is in. */
const SEVERITY: readonly LiveState[] = ["terminal", "failed", "restarting", "starting", "stopping", "exited", "stopped", "running"];

export function liveStateOf(node: LiveTreeNode): LiveState {
  if (node.state === "failed") return node.nextRestartAt !== null ? "restarting" : "failed";
  return node.state;
}

function collect(node: LiveTreeNode, nodeId: string, at: number, into: Map<string, LiveChild[]>): void {
  const child: LiveChild = { nodeId, state: liveStateOf(node), pid: node.pid, restarts: node.restarts, uptimeMs: node.uptimeMs, at, lastExit: node.lastExit };
  const list = into.get(node.id);
  if (list) list.push(child);
  else into.set(node.id, [child]);
  if (node.kind === "supervisor") for (const c of node.children) collect(c, nodeId, at, into);
}

/** Every entry of every node's tree, by entry id. */
export function foldTrees(trees: ReadonlyMap<string, { at: number; tree: LiveTreeNode }>): Map<string, LiveEntry> {
  const byEntry = new Map<string, LiveChild[]>();
  for (const [nodeId, { at, tree }] of trees) collect(tree, nodeId, at, byEntry);
  const out = new Map<string, LiveEntry>();
  for (const [id, nodes] of byEntry) {
    const state = SEVERITY.find((s) => nodes.some((n) => n.state === s)) ?? "stopped";
    out.set(id, { id, state, restarts: nodes.reduce((sum, n) => sum + n.restarts, 0), nodes: [...nodes].sort((a, b) => a.nodeId.localeCompare(b.nodeId)) });
  }
  return out;
}
