/** `wippy ps`: the supervision tree and processes of every node running from this folder. */
import type { CommandContext } from "../command";
import { queryNodes, type NodeReport } from "../control-socket";
import { resolveHome } from "../session";
import type { TreeNode } from "@wippy/runtime/supervision";

function uptime(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  return s < 120 ? `${s.toFixed(1)}s` : s < 7200 ? `${Math.round(s / 60)}m` : `${(s / 3600).toFixed(1)}h`;
}

function describeNode(n: TreeNode): string {
  const parts = [n.id];
  if (n.kind === "supervisor") parts.push(n.strategy);
  parts.push(n.state);
  if (n.pid) parts.push(n.pid);
  if (n.restarts) parts.push(`restarts ${n.restarts}`);
  if (n.state === "running" && n.uptimeMs !== null) parts.push(`up ${uptime(n.uptimeMs)}`);
  if (n.lastExit?.error) parts.push(`last exit: ${String((n.lastExit.error as { message?: string }).message ?? n.lastExit.error)}`);
  return parts.join("  ");
}

export function renderTree(node: TreeNode, prefix = "", last = true, root = true): string[] {
  const lines = [root ? describeNode(node) : `${prefix}${last ? "└─ " : "├─ "}${describeNode(node)}`];
  if (node.kind === "supervisor") {
    const childPrefix = root ? "" : `${prefix}${last ? "   " : "│  "}`;
    node.children.forEach((child, i) => lines.push(...renderTree(child, childPrefix, i === node.children.length - 1, false)));
  }
  return lines;
}

function renderReport(r: NodeReport): string[] {
  const now = Date.now();
  const rows = r.processes
    .filter((p) => !p.host.startsWith("wippy:supervision"))
    .map((p) => [p.pid, p.id || "-", p.state, String(p.reductions), uptime(now - p.startedAt), p.names.join(",")]);
  const head = ["PID", "ENTRY", "STATE", "REDUCTIONS", "UP", "NAMES"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const fmt = (row: string[]) => row.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  return [
    `node ${r.node}: registry version ${r.version}, ${r.processes.length} processes, started ${r.startedAt}`,
    ...renderTree(r.tree),
    "",
    fmt(head),
    ...rows.map(fmt),
  ];
}

export async function psCommand({ env, out }: CommandContext): Promise<void> {
  const nodes = await queryNodes(resolveHome(env));
  out.result({ nodes }, () => (nodes.length ? nodes.flatMap((n, i) => [...(i ? [""] : []), ...renderReport(n)]) : "no running node in this folder (start one with `npx wippy start` or `npx wippy run`)"));
}
