/**
 * The canvas overlay's view of the live entries (supervision-state.ts): per entry its state,
 * restarts, when it last exited (which makes a crashed child flash), and — when exactly one
 * node runs it — its pid and when its run started (the report's time minus its uptime), so
 * the canvas counts uptime on its own without a new map every second.
 */
import type { LiveMap, LiveNodeState } from "@/lib/supervision/terms";
import type { LiveEntry } from "./supervision-state";

export function toCanvasLive(entries: ReadonlyMap<string, LiveEntry>): LiveMap {
  const out = new Map<string, LiveNodeState>();
  for (const [id, entry] of entries) {
    const only = entry.nodes.length === 1 ? entry.nodes[0] : undefined;
    const exits = entry.nodes.map((n) => n.lastExit?.at).filter((at): at is number => at !== undefined);
    out.set(id, {
      state: entry.state,
      restarts: entry.restarts,
      nodes: entry.nodes.length,
      ...(only?.pid ? { pid: only.pid } : {}),
      ...(only && only.uptimeMs !== null && entry.state === "running" ? { startedAt: only.at - only.uptimeMs } : {}),
      ...(exits.length > 0 ? { lastExitAt: Math.max(...exits) } : {}),
    });
  }
  return out;
}
