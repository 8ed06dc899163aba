/**
 * The node's live state in the control plane's terms (@wippy/shared `control/telemetry.ts`):
 * the supervision tree as plain JSON, and one `ProcessRow` per live process — the kernel's
 * `ProcessInfo` plus, for a supervised process, its service id and restart count (read from
 * the tree, where supervision keeps them).
 *
 * In: the node (tree + process table). Out: JSON-safe snapshots sharing nothing with it.
 */
import type { LiveTreeNode, ProcessRow } from "@wippy/shared";
import type { ProcessInfo } from "@wippy/runtime/kernel";
import type { RuntimeNode } from "@wippy/runtime/node";
import type { TreeNode } from "@wippy/runtime/supervision";

export type LiveSource = Pick<RuntimeNode, "tree" | "processes" | "kernel">;

export function liveTree(node: TreeNode): LiveTreeNode {
  const exit = node.lastExit;
  const base = {
    id: node.id,
    state: node.state,
    pid: node.pid,
    restarts: node.restarts,
    attempts: node.attempts,
    lastExit: exit ? { at: exit.at, class: exit.class, ...(exit.error ? { error: { kind: exit.error.kind, message: exit.error.message } } : {}) } : null,
    uptimeMs: node.uptimeMs,
    restartType: node.restartType,
    nextRestartAt: node.nextRestartAt,
  };
  if (node.kind === "service") return { ...base, kind: "service" };
  // JSON has no Infinity: an unlimited intensity or period (the root) travels as null.
  const finite = (n: number) => (Number.isFinite(n) ? n : null);
  return { ...base, kind: "supervisor", strategy: node.strategy, intensity: finite(node.intensity), periodMs: finite(node.periodMs), children: node.children.map(liveTree) };
}

interface Supervised {
  readonly service: string;
  readonly restarts: number;
}

/** pid → the service or supervisor it runs as. */
function supervisedPids(tree: TreeNode, into = new Map<string, Supervised>()): Map<string, Supervised> {
  if (tree.pid) into.set(tree.pid, { service: tree.id, restarts: tree.restarts });
  if (tree.kind === "supervisor") for (const child of tree.children) supervisedPids(child, into);
  return into;
}

function rowOf(info: ProcessInfo, supervised: Supervised | undefined): ProcessRow {
  return {
    pid: info.pid,
    entry: info.entry,
    host: info.host,
    state: info.state,
    waiting: info.waiting,
    mailbox: info.mailbox,
    reductions: info.reductions,
    memory: info.memory,
    links: info.links,
    monitors: info.monitors,
    names: info.names,
    startedAt: info.startedAt,
    version: info.version,
    ...(supervised ? { service: supervised.service, restarts: supervised.restarts } : {}),
  };
}

export function processRows(node: LiveSource): ProcessRow[] {
  const supervised = supervisedPids(node.tree());
  return node.processes().map((info) => rowOf(info, supervised.get(info.pid)));
}

/** One process's row, or undefined when no live process has that pid or name. */
export function processRow(node: LiveSource, dest: string): ProcessRow | undefined {
  const info = node.kernel.info(dest);
  if (!info.ok) return undefined;
  return rowOf(info.value, supervisedPids(node.tree()).get(info.value.pid));
}
